/* test-agent-discovery.c: finding agents where the helpdesk lists none (RT deb12u7).
 *
 * CsmAgentDiscovery on hand-made tickets and transactions: who becomes a
 * candidate, who never does (a customer on their own ticket), what a look-up
 * teaches. Then the sync engine, headless, against the in-process simulator
 * answering as Debian's RT deb12u7 does: with no agents group the agents are
 * the privileged users at work in the simulated helpdesk, counted here from
 * the simulator's own records; a new agent's first reply adds them on the
 * next refresh; customers are never looked up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "csm-agent.h"
#include "csm-agent-discovery.h"
#include "csm-clock.h"
#include "csm-provider-private.h"
#include "csm-sim-model.h"
#include "csm-sim-server.h"
#include "csm-store.h"
#include "csm-sync-engine.h"
#include "csm-ticket-private.h"
#include "csm-transaction.h"
#include "csm-test-async.h"
#include "csm-test-store.h"

#define TOKEN "1-1-00112233445566778899aabbccddeeff"

static CsmTicket *
make_ticket (gint64      id,
             const char *owner,
             const char *requestor)
{
  CsmTicket *t = csm_ticket_new (id);
  const char *requestors[] = { requestor, NULL };

  t->owner = g_strdup (owner);
  t->requestors = requestor ? g_strdupv ((char **) requestors) : NULL;
  return t;
}

static CsmTicketList *
make_list (void)
{
  CsmTicketList *list = csm_ticket_list_new ();
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (tickets, make_ticket (1, "alice", "carol@example.com"));
  g_ptr_array_add (tickets, make_ticket (2, NULL, "erin@example.com"));
  g_ptr_array_add (tickets, make_ticket (3, NULL, "carol@example.com"));
  csm_ticket_list_merge (list, tickets, NULL);
  return list;
}

static GPtrArray *
transactions (const char *first, ...)
{
  GPtrArray *txs = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
  va_list args;
  const char *creator = first;
  gint64 id = 1;

  va_start (args, first);
  while (creator != NULL)
    {
      gint64 ticket = va_arg (args, gint64);

      g_ptr_array_add (txs, csm_transaction_new (id++, ticket, CSM_TRANSACTION_CORRESPOND, 0,
                                                 creator, 0));
      creator = va_arg (args, const char *);
    }
  va_end (args);
  return txs;
}

static char *
joined (char **names)
{
  return g_strjoinv (",", names);
}

/* Owners and whoever writes on a ticket they did not request; a customer
 * on their own ticket never, on another's once (then the look-up says). */
static void
test_candidates (void)
{
  g_autoptr(CsmAgentDiscovery) discovery = csm_agent_discovery_new ();
  g_autoptr(CsmTicketList) list = make_list ();
  g_autoptr(GPtrArray) page = transactions ("carol@example.com", G_GINT64_CONSTANT (1),
                                            "bob", G_GINT64_CONSTANT (2),
                                            "erin@example.com", G_GINT64_CONSTANT (2),
                                            "carol@example.com", G_GINT64_CONSTANT (3),
                                            "dave", G_GINT64_CONSTANT (99),
                                            "erin@example.com", G_GINT64_CONSTANT (1),
                                            NULL);
  g_auto(GStrv) names = NULL;
  g_autofree char *text = NULL;

  csm_agent_discovery_note_transactions (discovery, page, list);
  names = csm_agent_discovery_take_candidates (discovery, list, FALSE);
  text = joined (names);
  /* dave wrote on ticket 99, which the console does not hold: no verdict
   * either way; erin wrote on carol's ticket. */
  g_assert_cmpstr (text, ==, "alice,bob,erin@example.com");

  /* Taken once: nothing new to ask. */
  g_clear_pointer (&names, g_strfreev);
  names = csm_agent_discovery_take_candidates (discovery, list, FALSE);
  g_assert_null (names[0]);
}

/* A transaction that arrives before its ticket is judged when the ticket is
 * there (a full sync reads transactions and tickets side by side). */
static void
test_pending (void)
{
  g_autoptr(CsmAgentDiscovery) discovery = csm_agent_discovery_new ();
  g_autoptr(CsmTicketList) empty = csm_ticket_list_new ();
  g_autoptr(CsmTicketList) list = make_list ();
  g_autoptr(GPtrArray) page = transactions ("carol@example.com", G_GINT64_CONSTANT (3),
                                            "bob", G_GINT64_CONSTANT (3),
                                            "carol@example.com", G_GINT64_CONSTANT (1),
                                            NULL);
  g_auto(GStrv) names = NULL;
  g_autofree char *text = NULL;

  csm_agent_discovery_note_transactions (discovery, page, empty);
  names = csm_agent_discovery_take_candidates (discovery, list, FALSE);
  text = joined (names);
  g_assert_cmpstr (text, ==, "alice,bob");
}

/* What the look-up answers: agents stay, customers are not asked again,
 * a full sync asks about the agents again, a failed look-up is retried. */
static void
test_learn (void)
{
  g_autoptr(CsmAgentDiscovery) discovery = csm_agent_discovery_new ();
  g_autoptr(CsmTicketList) list = make_list ();
  g_autoptr(GPtrArray) page = transactions ("erin@example.com", G_GINT64_CONSTANT (1),
                                            "bob", G_GINT64_CONSTANT (2), NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) agents = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *text = NULL;

  csm_agent_discovery_note_transactions (discovery, page, list);
  names = csm_agent_discovery_take_candidates (discovery, list, FALSE);
  g_ptr_array_add (found, csm_agent_new ("bob", "Bob Agent", NULL));
  g_ptr_array_add (found, csm_agent_new ("alice", "Alice Agent", NULL));
  g_assert_true (csm_agent_discovery_learn (discovery, (const char * const *) names, found));
  /* The same answer again changes nothing. */
  g_assert_false (csm_agent_discovery_learn (discovery, (const char * const *) names, found));
  agents = csm_agent_discovery_get_agents (discovery);
  g_assert_cmpuint (agents->len, ==, 2);
  g_assert_cmpstr (csm_agent_get_name (agents->pdata[0]), ==, "alice");
  g_assert_cmpstr (csm_agent_get_name (agents->pdata[1]), ==, "bob");

  /* erin was asked and is no agent: her next transactions ask nothing. */
  g_clear_pointer (&names, g_strfreev);
  csm_agent_discovery_note_transactions (discovery, page, list);
  names = csm_agent_discovery_take_candidates (discovery, list, FALSE);
  g_assert_null (names[0]);

  /* A full sync asks about the agents again; bob has left. */
  g_clear_pointer (&names, g_strfreev);
  names = csm_agent_discovery_take_candidates (discovery, list, TRUE);
  text = joined (names);
  g_assert_cmpstr (text, ==, "alice,bob");
  g_ptr_array_remove_index (found, 0);
  g_assert_true (csm_agent_discovery_learn (discovery, (const char * const *) names, found));
  g_clear_pointer (&agents, g_ptr_array_unref);
  agents = csm_agent_discovery_get_agents (discovery);
  g_assert_cmpuint (agents->len, ==, 1);

  /* The full sync also forgot that erin is no agent: made privileged since,
   * she is asked about when she next works a ticket. */
  {
    g_auto(GStrv) again = NULL;

    csm_agent_discovery_note_transactions (discovery, page, list);
    again = csm_agent_discovery_take_candidates (discovery, list, FALSE);
    g_assert_cmpstr (again[0], ==, "erin@example.com");
    g_assert_null (again[1]);
    csm_agent_discovery_learn (discovery, (const char * const *) again, found);
  }

  /* A failed look-up of a new name is asked again next time. */
  {
    const char *asked[] = { "frank", NULL };
    g_auto(GStrv) again = NULL;

    csm_agent_discovery_forget (discovery, asked);
    again = csm_agent_discovery_take_candidates (discovery, list, FALSE);
    g_assert_cmpstr (again[0], ==, "frank");
    g_assert_null (again[1]);
  }
}

/* ------------------------------------------------------------------------ */
/* The engine against the simulator */

static void
request_sent_cb (gpointer    client,
                 const char *method,
                 const char *url,
                 GPtrArray  *paths)
{
  const char *user = strstr (url, "/REST/2.0/user/");

  if (user != NULL)
    g_ptr_array_add (paths, g_uri_unescape_segment (user + strlen ("/REST/2.0/user/"),
                                                    strchr (user, '?'), NULL));
}

static gboolean
is_metric_type (const CsmSimTransaction *tx)
{
  return g_str_equal (tx->type, "Create") || g_str_equal (tx->type, "Correspond") ||
         g_str_equal (tx->type, "Comment") || g_str_equal (tx->type, "Status") ||
         (g_str_equal (tx->type, "Set") &&
          (g_strcmp0 (tx->field, "Owner") == 0 || g_strcmp0 (tx->field, "Queue") == 0 ||
           g_strcmp0 (tx->field, "TimeWorked") == 0));
}

/* Counted from the simulator's own records, the way DESIGN.md puts it:
 * privileged, enabled users who own a ticket or wrote one of the console's
 * transactions on a ticket they did not request. */
static GHashTable *
expected_agents (CsmSimWorld *world,
                 GHashTable  *customers_at_work)
{
  GHashTable *agents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) workers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         NULL);
  GPtrArray *tickets = csm_sim_world_get_tickets (world);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < tickets->len; i++)
    {
      const CsmSimTicket *t = g_ptr_array_index (tickets, i);

      if (t->owner != CSM_SIM_USER_NOBODY)
        g_hash_table_add (workers, g_memdup2 (&t->owner, sizeof t->owner));
    }
  for (guint i = 0; i < csm_sim_world_get_n_transactions (world); i++)
    {
      const CsmSimTransaction *tx = csm_sim_world_get_transaction_at (world, i);
      const CsmSimTicket *t = csm_sim_world_lookup_ticket (world, tx->object_id);
      gint64 creator = tx->creator;

      if (t == NULL || !is_metric_type (tx) || csm_sim_ticket_has_requestor (t, creator))
        continue;
      if (!g_hash_table_contains (workers, &creator))
        g_hash_table_add (workers, g_memdup2 (&creator, sizeof creator));
    }
  g_hash_table_iter_init (&iter, workers);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const CsmSimUser *u = csm_sim_world_lookup_user (world, *(gint64 *) key);

      if (u->privileged && !u->disabled)
        g_hash_table_add (agents, g_strdup (u->name));
      else if (customers_at_work != NULL)
        g_hash_table_add (customers_at_work, g_strdup (u->name));
    }
  return agents;
}

static void
sync_once (CsmSyncEngine *engine,
           CsmSyncKind    kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CsmSyncStats stats;

  csm_sync_engine_sync_async (engine, kind, NULL, csm_test_store_result, &result);
  g_assert_true (csm_sync_engine_sync_finish (engine, csm_test_await (&result), &stats, &error));
  g_assert_no_error (error);
}

static void
test_engine_on_simulator (void)
{
  CsmSimConfig config = {
    .seed = 7,
    .n_agents = 12,
    .target_tickets = 600,
    .history_days = 3,
    .speed = 0,
  };
  const gint64 start = CSM_SIM_REFERENCE_NOW;
  g_autoptr(CsmSimWorld) world = csm_sim_world_new ();
  g_autoptr(CsmSimModel) model = csm_sim_model_new (world, &config);
  g_autoptr(CsmSimServer) server = NULL;
  g_autoptr(CsmAccount) account = NULL;
  g_autoptr(CsmProvider) provider = NULL;
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmClock) clock = csm_clock_new_fixed (start);
  g_autoptr(CsmSyncEngine) engine = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) customers_at_work = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                    g_free, NULL);
  g_autoptr(GHashTable) expected = NULL;
  g_autoptr(GPtrArray) looked_up = g_ptr_array_new_with_free_func (g_free);
  GListModel *agents;
  guint customers_looked_up = 0;
  const CsmSimUser *newcomer;
  const CsmSimUser *latecomer;
  gint64 waiting_id = 0;
  CsmSyncStats stats;

  csm_sim_model_populate (model, start);
  server = csm_sim_server_new (world);
  csm_sim_server_add_token (server, TOKEN, "root");
  g_assert_true (csm_sim_server_start_in_thread (server, 0, &error));
  g_assert_no_error (error);

  /* No agents group: RT's Privileged group is what the console asks for,
   * and the simulator, like deb12u7, does not let it be found. */
  account = csm_account_new ("rt", csm_sim_server_get_url (server), CSM_AUTH_TOKEN, NULL);
  provider = csm_provider_new_for_account (account, TOKEN, &error);
  g_assert_no_error (error);
  g_signal_connect (_csm_provider_get_http_client (provider), "request-sent",
                    G_CALLBACK (request_sent_cb), looked_up);
  store = csm_test_store_open (NULL);
  engine = csm_sync_engine_new (provider, store, clock);

  csm_sync_engine_sync_async (engine, CSM_SYNC_FULL, NULL, csm_test_store_result, &result);
  g_assert_true (csm_sync_engine_sync_finish (engine, csm_test_await (&result), &stats, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  csm_sim_world_lock (world);
  expected = expected_agents (world, customers_at_work);
  csm_sim_world_unlock (world);
  agents = csm_sync_engine_get_agents (engine);
  g_test_message ("%u agents found with %u look-ups; %u customers wrote on others' tickets",
                  g_list_model_get_n_items (agents), looked_up->len,
                  g_hash_table_size (customers_at_work));
  g_assert_cmpuint (g_hash_table_size (expected), >=, config.n_agents / 2);
  g_assert_cmpuint (g_list_model_get_n_items (agents), ==, g_hash_table_size (expected));
  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(CsmAgent) agent = g_list_model_get_item (agents, i);

      g_assert_true (g_hash_table_contains (expected, csm_agent_get_name (agent)));
    }
  /* Only the people at work were looked up, once each: not the customers
   * who only wrote on their own tickets. */
  for (guint i = 0; i < looked_up->len; i++)
    {
      const char *name = looked_up->pdata[i];

      if (!g_hash_table_contains (expected, name))
        {
          g_assert_true (g_hash_table_contains (customers_at_work, name));
          customers_looked_up++;
        }
    }
  g_assert_cmpuint (looked_up->len, ==,
                    g_hash_table_size (expected) + g_hash_table_size (customers_at_work));
  g_assert_cmpuint (customers_looked_up, ==, g_hash_table_size (customers_at_work));

  /* An incremental refresh with nothing new asks nobody. */
  g_ptr_array_set_size (looked_up, 0);
  sync_once (engine, CSM_SYNC_INCREMENTAL);
  g_assert_cmpuint (looked_up->len, ==, 0);

  /* A new agent's first reply, on a ticket still waiting for one: on the
   * next refresh they are an agent, and their reply is its first response. */
  {
    GPtrArray *tickets = csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine));

    for (guint i = 0; i < tickets->len && waiting_id == 0; i++)
      {
        CsmTicket *t = g_ptr_array_index (tickets, i);

        if (csm_ticket_get_status_class (t) == CSM_STATUS_CLASS_NEW &&
            csm_ticket_get_first_response (t) == 0)
          waiting_id = csm_ticket_get_id (t);
      }
  }
  g_assert_cmpint (waiting_id, >, 0);
  csm_sim_world_lock (world);
  newcomer = csm_sim_world_add_user (world, 0, "newcomer", "New Comer", "newcomer@example.com",
                                     CSM_SIM_ACCESS_AGENT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (csm_sim_world_correspond (world, waiting_id, newcomer->id, 5, NULL), >, 0);
  csm_sim_world_unlock (world);

  sync_once (engine, CSM_SYNC_INCREMENTAL);
  g_assert_cmpuint (looked_up->len, ==, 1);
  g_assert_cmpstr (looked_up->pdata[0], ==, "newcomer");
  g_assert_cmpuint (g_list_model_get_n_items (agents), ==, g_hash_table_size (expected) + 1);
  g_assert_cmpint (csm_ticket_get_first_response (
                     csm_ticket_list_lookup (csm_sync_engine_get_tickets (engine), waiting_id)),
                   ==, start);

  /* Started again from the cache: agents are still found from work from
   * the first refresh, before any full sync. */
  g_clear_object (&engine);
  g_ptr_array_set_size (looked_up, 0);
  engine = csm_sync_engine_new (provider, store, clock);
  csm_sync_engine_load_cache_async (engine, NULL, csm_test_store_result, &result);
  g_assert_true (csm_sync_engine_load_cache_finish (engine, csm_test_await (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  agents = csm_sync_engine_get_agents (engine);
  g_assert_cmpuint (g_list_model_get_n_items (agents), ==, g_hash_table_size (expected) + 1);
  csm_sim_world_lock (world);
  latecomer = csm_sim_world_add_user (world, 0, "latecomer", "Late Comer", "latecomer@example.com",
                                      CSM_SIM_ACCESS_AGENT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (csm_sim_world_comment (world, waiting_id, latecomer->id, 3, NULL), >, 0);
  csm_sim_world_unlock (world);
  sync_once (engine, CSM_SYNC_INCREMENTAL);
  g_assert_cmpuint (looked_up->len, ==, 1);
  g_assert_cmpstr (looked_up->pdata[0], ==, "latecomer");
  g_assert_cmpuint (g_list_model_get_n_items (agents), ==, g_hash_table_size (expected) + 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/agent-discovery/candidates", test_candidates);
  g_test_add_func ("/sync/agent-discovery/pending", test_pending);
  g_test_add_func ("/sync/agent-discovery/learn", test_learn);
  g_test_add_func ("/sync/agent-discovery/engine-on-simulator", test_engine_on_simulator);

  return g_test_run ();
}
