/* test-agents-sla.c: the Agents and SLA pages in the real window, on the simulator.
 *
 * The figures on screen are checked against counts the test makes itself
 * from the engine's tickets; a reassign goes through the SLA page, the
 * outbox and the simulator's REST API, and comes back with the next refresh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "csm-agent.h"
#include "csm-agent-stats.h"
#include "csm-agents-page.h"
#include "csm-alerts.h"
#include "csm-context.h"
#include "csm-outbox.h"
#include "csm-resources.h"
#include "csm-sim-model.h"
#include "csm-sla-entry.h"
#include "csm-sla-page.h"
#include "csm-test-gui.h"
#include "csm-ticket.h"
#include "csm-ticket-list.h"
#include "csm-window.h"
#include "csm-test-async.h"

typedef struct
{
  GSettings *settings;
  CsmClock *clock;
  CsmContext *context;
  CsmWindow *window;
  char *data_home;
} Fixture;

static gboolean
ready (gpointer data)
{
  Fixture *f = data;
  CsmSyncEngine *engine = csm_context_get_engine (f->context);
  CsmAgentMonitor *agents = csm_context_get_agent_monitor (f->context);
  CsmSlaMonitor *sla = csm_context_get_sla_monitor (f->context);

  return engine != NULL &&
         csm_sync_engine_get_state (engine) == CSM_SYNC_STATE_ONLINE &&
         csm_agent_monitor_get_loaded (agents) &&
         g_list_model_get_n_items (csm_agent_monitor_get_agents (agents)) > 0 &&
         csm_sla_monitor_get_computed_at (sla) > 0;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  f->data_home = g_dir_make_tmp ("csm-agents-sla-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", f->data_home, TRUE);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_uint (f->settings, "refresh-interval", 5);
  f->clock = csm_clock_new_system ();
  f->context = csm_context_new (f->settings, f->clock);
  f->window = csm_window_new (NULL, f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1300, 860);
  gtk_window_present (GTK_WINDOW (f->window));

  /* The demo's contact centre at the speed the test asks for. */
  csm_context_start_demo_async (f->context, 20261124, *(const double *) data,
                                CSM_SIM_REFERENCE_NOW, NULL,
                                csm_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (csm_context_start_demo_finish (f->context, result, &error));
  g_assert_no_error (error);
  g_assert_true (csm_test_wait_until (ready, f, 20000));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  csm_context_set_account (f->context, NULL, NULL);
  g_clear_object (&f->context);
  g_clear_object (&f->clock);
  g_settings_reset (f->settings, "refresh-interval");
  g_settings_reset (f->settings, "agent-capacities");
  g_clear_object (&f->settings);
  g_free (f->data_home);
}

static gboolean
is_active (CsmTicket *ticket)
{
  CsmStatusClass status = csm_ticket_get_status_class (ticket);
  return status == CSM_STATUS_CLASS_NEW || status == CSM_STATUS_CLASS_OPEN || status == CSM_STATUS_CLASS_STALLED;
}

/* ------------------------------------------------------------------------ */

static void
test_agents_page (Fixture       *f,
                  gconstpointer  data)
{
  CsmAgentsPage *page = CSM_AGENTS_PAGE (csm_window_get_agents_page (f->window));
  CsmSyncEngine *engine = csm_context_get_engine (f->context);
  GPtrArray *tickets = csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine));
  GListModel *rows = csm_agents_page_get_rows (page);
  g_autoptr(GHashTable) owned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *shot = NULL;
  g_autofree char *explanation = NULL;
  g_autoptr(CsmAgentStats) first = NULL;
  guint n_agents = g_list_model_get_n_items (csm_sync_engine_get_agents (engine));
  guint owners_seen = 0;

  csm_window_show_page (f->window, "agents");
  csm_test_wait_frames (GTK_WIDGET (f->window), 3);

  /* A row per agent, none filtered out yet. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_agents);

  /* Active tickets owned, counted here from the engine's tickets. */
  for (guint i = 0; i < tickets->len; i++)
    {
      CsmTicket *ticket = g_ptr_array_index (tickets, i);
      const char *owner = csm_ticket_get_owner (ticket);

      if (is_active (ticket) && owner != NULL)
        g_hash_table_insert (owned, g_strdup (owner),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (owned, owner)) + 1));
    }
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CsmAgentStats) stats = g_list_model_get_item (rows, i);
      guint expected = GPOINTER_TO_UINT (g_hash_table_lookup (owned, csm_agent_stats_get_name (stats)));

      g_assert_cmpuint (csm_agent_stats_get_active_owned (stats), ==, expected);
      g_assert_cmpfloat_with_epsilon (csm_agent_stats_get_load (stats),
                                      (double) expected / csm_agent_stats_get_capacity (stats), 1e-9);
      owners_seen += expected > 0;
    }
  /* The demo's agents do hold tickets, or the check above proved nothing. */
  g_assert_cmpuint (owners_seen, >, 0);

  /* Sorted by load, busiest first. */
  for (guint i = 1; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CsmAgentStats) a = g_list_model_get_item (rows, i - 1);
      g_autoptr(CsmAgentStats) b = g_list_model_get_item (rows, i);
      g_assert_cmpfloat (csm_agent_stats_get_load (a), >=, csm_agent_stats_get_load (b));
    }

  shot = csm_test_screenshot (GTK_WIDGET (f->window), "agents");
  g_test_message ("screenshot: %s", shot);

  /* The busiest agent: their detail, and the formula behind their load. */
  first = g_list_model_get_item (rows, 0);
  csm_agents_page_select_agent (page, csm_agent_stats_get_name (first));
  csm_test_wait_frames (GTK_WIDGET (f->window), 2);
  explanation = csm_agents_page_explain (page, "load");
  g_test_message ("load: %s", explanation);
  g_assert_nonnull (strstr (explanation, "÷"));
  g_assert_nonnull (strstr (explanation, csm_agent_stats_get_display_name (first)));
  csm_agents_page_show_explanation (page, "occupancy");
  csm_test_wait_frames (GTK_WIDGET (f->window), 3);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (csm_agents_page_get_explanation_popover (page))));
  g_clear_pointer (&shot, g_free);
  shot = csm_test_screenshot (GTK_WIDGET (f->window), "agents-explain");
  gtk_popover_popdown (csm_agents_page_get_explanation_popover (page));

  /* A capacity set on the page is the agent's from the next computation on. */
  {
    g_autoptr(GVariant) capacities = NULL;
    guint32 capacity = 0;
    const char *name = csm_agent_stats_get_name (first);

    g_settings_set_value (f->settings, "agent-capacities",
                          g_variant_new_parsed ("{%s: uint32 17}", name));
    csm_agent_monitor_recompute (csm_context_get_agent_monitor (f->context));
    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(CsmAgentStats) stats = g_list_model_get_item (rows, i);
        if (g_strcmp0 (csm_agent_stats_get_name (stats), name) == 0)
          capacity = csm_agent_stats_get_capacity (stats);
      }
    g_assert_cmpuint (capacity, ==, 17);
    capacities = g_settings_get_value (f->settings, "agent-capacities");
    g_assert_true (g_variant_lookup (capacities, name, "u", &capacity));
  }
}

/* ------------------------------------------------------------------------ */

typedef struct
{
  CsmSyncEngine *engine;
  gint64 ticket_id;
  const char *owner;
} OwnerWait;

static gboolean
owner_is (gpointer data)
{
  OwnerWait *w = data;
  CsmTicket *ticket = csm_ticket_list_lookup (csm_sync_engine_get_tickets (w->engine), w->ticket_id);

  return ticket != NULL && g_strcmp0 (csm_ticket_get_owner (ticket), w->owner) == 0;
}

static gboolean
outbox_empty (gpointer data)
{
  return g_list_model_get_n_items (csm_outbox_get_items (data)) == 0;
}

static void
test_sla_page (Fixture       *f,
               gconstpointer  data)
{
  CsmSlaPage *page = CSM_SLA_PAGE (csm_window_get_sla_page (f->window));
  CsmSyncEngine *engine = csm_context_get_engine (f->context);
  CsmSlaMonitor *monitor = csm_context_get_sla_monitor (f->context);
  GPtrArray *tickets;
  gint64 now;
  guint breached = 0;
  GListModel *lane;
  g_autofree char *shot = NULL;
  g_autofree char *attainment = NULL;
  CsmTicket *target = NULL;
  const char *new_owner = NULL;
  GListModel *agents = csm_sync_engine_get_agents (engine);
  OwnerWait wait;

  csm_window_show_page (f->window, "sla");
  csm_sla_monitor_recompute (monitor);
  csm_test_wait_frames (GTK_WIDGET (f->window), 3);

  /* Breached: active, with a deadline that has passed; counted here. */
  now = csm_sla_monitor_get_computed_at (monitor);
  tickets = csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine));
  for (guint i = 0; i < tickets->len; i++)
    {
      CsmTicket *ticket = g_ptr_array_index (tickets, i);
      if (is_active (ticket) && csm_ticket_get_due (ticket) > 0 && csm_ticket_get_due (ticket) < now)
        breached++;
    }
  lane = csm_sla_page_get_lane (page, CSM_SLA_STATE_BREACHED);
  g_assert_cmpuint (g_list_model_get_n_items (lane), ==, breached);

  /* At risk: the deadline within the 30-minute horizon (business time). */
  lane = csm_sla_page_get_lane (page, CSM_SLA_STATE_AT_RISK);
  for (guint i = 0; i < g_list_model_get_n_items (lane); i++)
    {
      g_autoptr(CsmSlaEntry) entry = g_list_model_get_item (lane, i);
      g_assert_cmpint (csm_sla_entry_get_seconds_to_due (entry), >=, 0);
      g_assert_cmpint (csm_sla_entry_get_seconds_to_due (entry), <=, 30 * 60);
    }

  /* Predicted: still waiting for a first reply, and each says why. */
  lane = csm_sla_page_get_lane (page, CSM_SLA_STATE_PREDICTED);
  for (guint i = 0; i < g_list_model_get_n_items (lane); i++)
    {
      g_autoptr(CsmSlaEntry) entry = g_list_model_get_item (lane, i);
      g_autofree char *reason = csm_sla_entry_dup_reason (entry);
      g_assert_cmpint (csm_ticket_get_first_response (csm_sla_entry_get_ticket (entry)), ==, 0);
      g_assert_true (reason != NULL && *reason != '\0');
    }
  g_test_message ("lanes: %u breached, %u at risk, %u predicted", breached,
                  g_list_model_get_n_items (csm_sla_page_get_lane (page, CSM_SLA_STATE_AT_RISK)),
                  g_list_model_get_n_items (lane));

  /* Each lane and the attainment say how they are counted, with the
   * settings in use. */
  {
    g_autofree char *at_risk = csm_sla_page_dup_explanation (page, "at_risk");
    g_autofree char *predicted = csm_sla_page_dup_explanation (page, "predicted");

    g_assert_nonnull (strstr (at_risk, "30 minutes"));
    g_assert_nonnull (strstr (predicted, "60 minutes"));
  }

  /* The demo's levels are known: attainment is shown. */
  attainment = csm_sla_page_dup_attainment_text (page);
  g_test_message ("attainment:\n%s", attainment);
  g_assert_nonnull (strstr (attainment, "Response"));

  /* Reassign the first ticket of the first non-empty lane the page shows
   * to someone else (the OK tickets have no lane on the page). */
  for (guint s = CSM_SLA_STATE_BREACHED; target == NULL && s > CSM_SLA_STATE_OK; s--)
    {
      lane = csm_sla_page_get_lane (page, s);
      if (g_list_model_get_n_items (lane) > 0)
        {
          g_autoptr(CsmSlaEntry) entry = g_list_model_get_item (lane, 0);
          target = csm_sla_entry_get_ticket (entry);
        }
    }
  g_assert_nonnull (target);
  for (guint i = 0; i < g_list_model_get_n_items (agents) && new_owner == NULL; i++)
    {
      g_autoptr(CsmAgent) agent = g_list_model_get_item (agents, i);
      if (g_strcmp0 (csm_agent_get_name (agent), csm_ticket_get_owner (target)) != 0)
        new_owner = g_intern_string (csm_agent_get_name (agent));
    }
  g_assert_true (csm_sla_page_select_ticket (page, csm_ticket_get_id (target)));
  csm_sla_page_set_owner_choice (page, new_owner);
  csm_test_wait_frames (GTK_WIDGET (f->window), 2);
  shot = csm_test_screenshot (GTK_WIDGET (f->window), "sla");
  g_test_message ("screenshot: %s", shot);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sla.reassign", NULL));
  wait = (OwnerWait) { engine, csm_ticket_get_id (target), new_owner };
  g_assert_true (csm_test_wait_until (owner_is, &wait, 20000));
  g_assert_true (csm_test_wait_until (outbox_empty, csm_context_get_outbox (f->context), 5000));
}

/* ------------------------------------------------------------------------ */

static gboolean
alerts_sent (gpointer data)
{
  return csm_alerts_get_n_sent (data) > 0;
}

/* The first board after start is one summary, not a storm; the same board
 * again says nothing. */
static void
test_alerts_summary (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GApplication) app = g_application_new ("com.example.CsmConsole.AlertsTest",
                                                   G_APPLICATION_NON_UNIQUE);
  g_autoptr(CsmAlerts) alerts = NULL;
  g_autoptr(GError) error = NULL;
  CsmSlaMonitor *monitor = csm_context_get_sla_monitor (f->context);
  guint sent;

  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);
  alerts = csm_alerts_new (app, f->context);
  g_assert_cmpuint (csm_alerts_get_n_sent (alerts), ==, 0);

  csm_sla_monitor_recompute (monitor);
  g_assert_true (csm_test_wait_until (alerts_sent, alerts, 10000));
  g_assert_cmpuint (csm_alerts_get_n_sent (alerts), ==, 1);
  g_assert_cmpstr (csm_alerts_get_last_id (alerts), ==, "sla-summary");

  sent = csm_alerts_get_n_sent (alerts);
  csm_sla_monitor_recompute (monitor);
  csm_sla_monitor_recompute (monitor);
  g_assert_cmpuint (csm_alerts_get_n_sent (alerts), ==, sent);
}

static const double fast = 60.0;
static const double real_time = 1.0;

int
main (int   argc,
      char *argv[])
{
  csm_test_gui_init (&argc, &argv);

  /* A minute of the day per second: work moves while the page is checked. */
  g_test_add ("/gui/agents/page", Fixture, &fast, fixture_setup, test_agents_page, fixture_teardown);
  /* Real time: the simulated agents must not take the reassigned ticket
   * back before the console's next refresh shows the new owner. */
  g_test_add ("/gui/sla/page", Fixture, &real_time, fixture_setup, test_sla_page, fixture_teardown);
  g_test_add ("/gui/alerts/summary", Fixture, &real_time, fixture_setup, test_alerts_summary,
              fixture_teardown);

  return g_test_run ();
}
