/* test-sync-engine.c: the running sync engine and both monitors, headless, against the in-process simulator.
 *
 * The engine runs as the console runs it (csm_sync_engine_start(), its own
 * timers, refresh_now), with no window: a full sync, then an incremental
 * refresh after the simulated helpdesk changed, then the helpdesk going
 * away (offline, back-off 10 s, 20 s, 40 s, the last data kept on screen)
 * and coming back. Every figure is checked against the simulator's own
 * records, counted here independently of the console's core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-agent.h"
#include "csm-agent-monitor.h"
#include "csm-clock.h"
#include "csm-sim-model.h"
#include "csm-sim-server.h"
#include "csm-sla-monitor.h"
#include "csm-store.h"
#include "csm-sync-engine.h"
#include "csm-test-async.h"
#include "csm-test-store.h"
#include "csm-ticket.h"
#include "csm-transaction.h"

#define TOKEN "1-1-00112233445566778899aabbccddeeff"
#define WAIT_MS 30000

typedef struct
{
  CsmSimWorld *world;
  CsmSimServer *server;
  guint port;
  CsmStore *store;
  CsmClock *clock;
  CsmSyncEngine *engine;
  CsmSlaMonitor *sla;
  CsmAgentMonitor *agents;

  guint refreshed;
  guint arrived;
  GPtrArray *last_arrived;      /* (nullable): the last transactions-arrived payload, copied */
  gboolean arrived_null;
  guint sla_updated;
  guint agents_updated;
  guint sla_at_refresh;         /* sla_updated when the engine last refreshed */
  guint agents_at_refresh;
} Fixture;

static gboolean
is_active (const char *status)
{
  return g_strcmp0 (status, "new") == 0 || g_strcmp0 (status, "open") == 0 ||
         g_strcmp0 (status, "stalled") == 0;
}

static void
refreshed_cb (CsmSyncEngine *engine,
              Fixture       *f)
{
  f->refreshed++;
  f->sla_at_refresh = f->sla_updated;
  f->agents_at_refresh = f->agents_updated;
}

static void
arrived_cb (CsmSyncEngine *engine,
            GPtrArray     *transactions,
            Fixture       *f)
{
  f->arrived++;
  g_clear_pointer (&f->last_arrived, g_ptr_array_unref);
  f->arrived_null = transactions == NULL;
  if (transactions != NULL)
    f->last_arrived = g_ptr_array_copy (transactions, (GCopyFunc) csm_transaction_ref, NULL);
}

static void
count_cb (gpointer  object,
          guint    *counter)
{
  (*counter)++;
}

typedef struct
{
  Fixture *f;
  guint refreshed;
} AfterRefresh;

static gboolean
refreshed_since (gpointer data)
{
  AfterRefresh *wait = data;

  return wait->f->refreshed > wait->refreshed && !csm_sync_engine_get_syncing (wait->f->engine);
}

/* Asks for a refresh now and waits for the cycle to end, however it ends. */
static void
refresh_and_wait (Fixture *f)
{
  AfterRefresh wait = { f, f->refreshed };

  csm_sync_engine_refresh_now (f->engine);
  g_assert_true (csm_test_wait_until (refreshed_since, &wait, WAIT_MS));
}

static gboolean
online_with_data (gpointer data)
{
  Fixture *f = data;

  return csm_sync_engine_get_state (f->engine) == CSM_SYNC_STATE_ONLINE &&
         csm_sync_engine_get_has_data (f->engine) && !csm_sync_engine_get_syncing (f->engine);
}

static gboolean
monitors_caught_up (gpointer data)
{
  Fixture *f = data;

  /* Both counted again since the last refresh: they show what it brought. */
  return f->sla_updated > f->sla_at_refresh && f->agents_updated > f->agents_at_refresh &&
         csm_agent_monitor_get_loaded (f->agents);
}

static void
start_server (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->server = csm_sim_server_new (f->world);
  csm_sim_server_add_token (f->server, TOKEN, "root");
  g_assert_true (csm_sim_server_start_in_thread (f->server, f->port, &error));
  g_assert_no_error (error);
  f->port = csm_sim_server_get_port (f->server);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  CsmSimConfig config = {
    .seed = 11,
    .n_agents = 15,
    .target_tickets = 800,
    .history_days = 3,
    .speed = 0,
  };
  g_autoptr(CsmSimModel) model = NULL;
  g_autoptr(CsmAccount) account = NULL;
  g_autoptr(CsmProvider) provider = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  f->world = csm_sim_world_new ();
  model = csm_sim_model_new (f->world, &config);
  csm_sim_model_populate (model, CSM_SIM_REFERENCE_NOW);
  start_server (f);

  account = csm_account_new ("rt", csm_sim_server_get_url (f->server), CSM_AUTH_TOKEN, NULL);
  provider = csm_provider_new_for_account (account, TOKEN, &error);
  g_assert_no_error (error);
  f->store = csm_test_store_open (NULL);

  /* The world stands still at its reference "now"; so does the console. */
  f->clock = csm_clock_new_fixed (CSM_SIM_REFERENCE_NOW);
  f->engine = csm_sync_engine_new (provider, f->store, f->clock);
  csm_sync_engine_set_refresh_interval (f->engine, 10);
  f->sla = csm_sla_monitor_new (f->engine, f->clock);
  f->agents = csm_agent_monitor_new (f->engine, f->clock);

  g_signal_connect (f->engine, "refreshed", G_CALLBACK (refreshed_cb), f);
  g_signal_connect (f->engine, "transactions-arrived", G_CALLBACK (arrived_cb), f);
  g_signal_connect (f->sla, "updated", G_CALLBACK (count_cb), &f->sla_updated);
  g_signal_connect (f->agents, "updated", G_CALLBACK (count_cb), &f->agents_updated);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  csm_sync_engine_stop (f->engine);
  g_clear_object (&f->agents);
  g_clear_object (&f->sla);
  g_clear_object (&f->engine);
  g_clear_object (&f->clock);
  g_clear_object (&f->store);
  if (f->server != NULL)
    csm_sim_server_stop (f->server);
  g_clear_object (&f->server);
  g_clear_object (&f->world);
  g_clear_pointer (&f->last_arrived, g_ptr_array_unref);
}

/* The simulator's active tickets, and how many of them are past due. */
static GHashTable *
world_active_tickets (CsmSimWorld *world,
                      gint64       now,
                      guint       *out_breached)
{
  GHashTable *active = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GPtrArray *tickets;

  *out_breached = 0;
  csm_sim_world_lock (world);
  tickets = csm_sim_world_get_tickets (world);
  for (guint i = 0; i < tickets->len; i++)
    {
      const CsmSimTicket *t = g_ptr_array_index (tickets, i);

      if (!is_active (t->status))
        continue;
      g_hash_table_add (active, g_memdup2 (&t->id, sizeof t->id));
      if (t->due > 0 && t->due < now)
        (*out_breached)++;
    }
  csm_sim_world_unlock (world);
  return active;
}

static void
assert_matches_world (Fixture *f)
{
  guint breached = 0;
  g_autoptr(GHashTable) active = world_active_tickets (f->world, CSM_SIM_REFERENCE_NOW, &breached);
  GPtrArray *tickets = csm_ticket_list_get_array (csm_sync_engine_get_tickets (f->engine));
  GListModel *rows = csm_agent_monitor_get_agents (f->agents);
  guint console_active = 0;
  guint owned_by_agents = 0;

  for (guint i = 0; i < tickets->len; i++)
    {
      CsmTicket *ticket = g_ptr_array_index (tickets, i);
      gint64 id = csm_ticket_get_id (ticket);

      if (csm_ticket_get_status_class (ticket) == CSM_STATUS_CLASS_INACTIVE)
        continue;
      console_active++;
      g_assert_true (g_hash_table_contains (active, &id));
    }
  g_assert_cmpuint (console_active, ==, g_hash_table_size (active));

  /* The SLA monitor's breached lane: every active ticket past its Due. */
  g_assert_cmpuint (g_list_model_get_n_items (csm_sla_monitor_get_lane (f->sla, CSM_SLA_STATE_BREACHED)),
                    ==, breached);

  /* The agent monitor: one row per agent, and the tickets they own. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==,
                    g_list_model_get_n_items (csm_sync_engine_get_agents (f->engine)));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CsmAgentStats) stats = g_list_model_get_item (rows, i);
      owned_by_agents += csm_agent_stats_get_active_owned (stats);
    }
  {
    guint expected = 0;

    csm_sim_world_lock (f->world);
    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(CsmAgentStats) stats = g_list_model_get_item (rows, i);
        const CsmSimUser *user = csm_sim_world_lookup_user_by_name (f->world,
                                                                    csm_agent_stats_get_name (stats));
        GPtrArray *all = csm_sim_world_get_tickets (f->world);

        g_assert_nonnull (user);
        for (guint k = 0; k < all->len; k++)
          {
            const CsmSimTicket *t = g_ptr_array_index (all, k);
            if (t->owner == user->id && is_active (t->status))
              expected++;
          }
      }
    csm_sim_world_unlock (f->world);
    g_assert_cmpuint (owned_by_agents, ==, expected);
  }
}

static void
test_full_then_incremental (Fixture       *f,
                            gconstpointer  data)
{
  GPtrArray *tickets;
  gint64 reply_ticket = 0;
  gint64 resolve_ticket = 0;
  gint64 reply_txn;
  gint64 agent_id = 0;
  guint sla_before;
  guint agents_before;
  guint breached_before;
  gboolean found = FALSE;

  csm_sync_engine_start (f->engine);
  g_assert_true (csm_test_wait_until (online_with_data, f, WAIT_MS));
  g_assert_true (csm_test_wait_until (monitors_caught_up, f, WAIT_MS));
  g_assert_cmpint (csm_sync_engine_get_last_stats (f->engine)->kind, ==, CSM_SYNC_FULL);
  g_assert_cmpuint (csm_ticket_list_get_array (csm_sync_engine_get_tickets (f->engine))->len, >, 100);
  g_assert_cmpint (csm_sync_engine_get_next_attempt (f->engine), ==, CSM_SIM_REFERENCE_NOW + 10);
  /* After a full sync the views read the cache again: no list is passed. */
  g_assert_cmpuint (f->arrived, ==, 1);
  g_assert_true (f->arrived_null);
  assert_matches_world (f);

  /* The helpdesk moves on: an agent replies on one waiting ticket, and a
   * breached ticket is resolved. */
  tickets = csm_ticket_list_get_array (csm_sync_engine_get_tickets (f->engine));
  for (guint i = 0; i < tickets->len; i++)
    {
      CsmTicket *t = g_ptr_array_index (tickets, i);

      if (reply_ticket == 0 && csm_ticket_get_status_class (t) == CSM_STATUS_CLASS_NEW)
        reply_ticket = csm_ticket_get_id (t);
      else if (resolve_ticket == 0 && csm_ticket_get_status_class (t) == CSM_STATUS_CLASS_OPEN &&
               csm_ticket_get_due (t) > 0 && csm_ticket_get_due (t) < CSM_SIM_REFERENCE_NOW)
        resolve_ticket = csm_ticket_get_id (t);
    }
  g_assert_cmpint (reply_ticket, >, 0);
  g_assert_cmpint (resolve_ticket, >, 0);
  {
    g_autoptr(CsmAgent) agent = g_list_model_get_item (csm_sync_engine_get_agents (f->engine), 0);

    csm_sim_world_lock (f->world);
    agent_id = csm_sim_world_lookup_user_by_name (f->world, csm_agent_get_name (agent))->id;
    reply_txn = csm_sim_world_correspond (f->world, reply_ticket, agent_id, 4, NULL);
    g_assert_true (csm_sim_world_set_status (f->world, resolve_ticket, agent_id, "resolved", NULL));
    csm_sim_world_unlock (f->world);
  }
  g_assert_cmpint (reply_txn, >, 0);

  sla_before = f->sla_updated;
  agents_before = f->agents_updated;
  breached_before = g_list_model_get_n_items (csm_sla_monitor_get_lane (f->sla, CSM_SLA_STATE_BREACHED));
  refresh_and_wait (f);
  g_assert_cmpint (csm_sync_engine_get_state (f->engine), ==, CSM_SYNC_STATE_ONLINE);
  g_assert_cmpint (csm_sync_engine_get_last_stats (f->engine)->kind, ==, CSM_SYNC_INCREMENTAL);

  /* transactions-arrived carries what came, the reply among it. */
  g_assert_cmpuint (f->arrived, ==, 2);
  g_assert_false (f->arrived_null);
  for (guint i = 0; i < f->last_arrived->len; i++)
    {
      CsmTransaction *tx = g_ptr_array_index (f->last_arrived, i);
      if (tx->id == reply_txn)
        {
          g_assert_cmpint (tx->ticket_id, ==, reply_ticket);
          g_assert_cmpint (tx->type, ==, CSM_TRANSACTION_CORRESPOND);
          found = TRUE;
        }
    }
  g_assert_true (found);
  g_assert_cmpint (csm_ticket_get_first_response (
                     csm_ticket_list_lookup (csm_sync_engine_get_tickets (f->engine), reply_ticket)),
                   ==, CSM_SIM_REFERENCE_NOW);

  /* Both monitors follow; the resolved ticket leaves the breached lane. */
  g_assert_true (csm_test_wait_until (monitors_caught_up, f, WAIT_MS));
  g_assert_cmpuint (f->sla_updated, >, sla_before);
  g_assert_cmpuint (f->agents_updated, >, agents_before);
  g_assert_cmpuint (g_list_model_get_n_items (csm_sla_monitor_get_lane (f->sla, CSM_SLA_STATE_BREACHED)),
                    ==, breached_before - 1);
  assert_matches_world (f);
}

static void
test_offline_and_back (Fixture       *f,
                       gconstpointer  data)
{
  static const gint64 backoff[] = { 10, 20, 40 };
  guint before;
  guint sla_before;

  csm_sync_engine_start (f->engine);
  g_assert_true (csm_test_wait_until (online_with_data, f, WAIT_MS));
  g_assert_true (csm_test_wait_until (monitors_caught_up, f, WAIT_MS));
  before = csm_ticket_list_get_array (csm_sync_engine_get_tickets (f->engine))->len;

  /* The helpdesk goes away: each failed refresh waits twice as long, and
   * what was on screen stays there. */
  csm_sim_server_stop (f->server);
  g_clear_object (&f->server);
  for (guint i = 0; i < G_N_ELEMENTS (backoff); i++)
    {
      refresh_and_wait (f);
      g_assert_cmpint (csm_sync_engine_get_state (f->engine), ==, CSM_SYNC_STATE_OFFLINE);
      g_assert_nonnull (csm_sync_engine_get_error (f->engine));
      g_assert_true (csm_sync_engine_get_has_data (f->engine));
      g_assert_cmpint (csm_sync_engine_get_next_attempt (f->engine) - CSM_SIM_REFERENCE_NOW, ==,
                       backoff[i]);
      g_assert_cmpuint (csm_ticket_list_get_array (csm_sync_engine_get_tickets (f->engine))->len,
                        ==, before);
      g_assert_true (csm_test_wait_until (monitors_caught_up, f, WAIT_MS));
    }
  g_assert_cmpint (csm_sync_engine_get_data_time (f->engine), ==, CSM_SIM_REFERENCE_NOW);
  assert_matches_world (f);

  /* Back on the same address: online again, and the back-off is forgotten. */
  sla_before = f->sla_updated;
  start_server (f);
  refresh_and_wait (f);
  g_assert_cmpint (csm_sync_engine_get_state (f->engine), ==, CSM_SYNC_STATE_ONLINE);
  g_assert_null (csm_sync_engine_get_error (f->engine));
  g_assert_cmpint (csm_sync_engine_get_next_attempt (f->engine), ==, CSM_SIM_REFERENCE_NOW + 10);
  g_assert_true (csm_test_wait_until (monitors_caught_up, f, WAIT_MS));
  g_assert_cmpuint (f->sla_updated, >, sla_before);
  assert_matches_world (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/engine/full-then-incremental", Fixture, NULL,
              fixture_set_up, test_full_then_incremental, fixture_tear_down);
  g_test_add ("/sync/engine/offline-and-back", Fixture, NULL,
              fixture_set_up, test_offline_and_back, fixture_tear_down);

  return g_test_run ();
}
