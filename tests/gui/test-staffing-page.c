/* test-staffing-page.c: the Staffing page on a simulated month: what it shows is what the core computes from the same tickets, the what-if answers as Erlang C does, and the assumptions are on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "csm-agent.h"
#include "csm-context.h"
#include "csm-monitor-settings.h"
#include "csm-sim-model.h"
#include "csm-sim-server.h"
#include "csm-sim-world.h"
#include "csm-staffing-page.h"
#include "csm-test-async.h"
#include "csm-test-gui.h"
#include "csm-test-helpdesk.h"
#include "csm-ticket-list.h"
#include "csm-window.h"

#define TOKEN "1-1-00112233445566778899aabbccddeeff"

typedef struct
{
  CsmTestHelpdesk *desk;
  GSettings *settings;
  CsmClock *clock;
  CsmContext *context;
  CsmWindow *window;
  CsmStaffingPage *page;
  char *data_home;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  CsmSimConfig config = { .seed = 7, .n_agents = 30, .target_tickets = 3000, .history_days = 30 };
  g_autoptr(CsmAccount) account = NULL;

  f->data_home = g_dir_make_tmp ("csm-staffing-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", f->data_home, TRUE);
  f->desk = csm_test_helpdesk_generate (&config, CSM_SIM_REFERENCE_NOW, TOKEN);

  f->settings = g_settings_new (APP_ID);
  f->clock = csm_clock_new_fixed (CSM_SIM_REFERENCE_NOW);
  f->context = csm_context_new (f->settings, f->clock);
  f->window = csm_window_new (NULL, f->context);
  f->page = CSM_STAFFING_PAGE (csm_window_get_staffing_page (f->window));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1300, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  account = csm_account_new ("rt", csm_test_helpdesk_get_url (f->desk), CSM_AUTH_TOKEN, NULL);
  csm_context_set_account (f->context, account, TOKEN);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  csm_context_set_account (f->context, NULL, NULL);
  g_clear_object (&f->context);
  g_clear_object (&f->clock);
  g_settings_reset (f->settings, "staffing-target-percent");
  g_clear_object (&f->settings);
  g_clear_pointer (&f->desk, csm_test_helpdesk_stop);
  csm_test_drain ();
  g_free (f->data_home);
}

static gboolean
computed (gpointer data)
{
  Fixture *f = data;
  CsmSyncEngine *engine = csm_context_get_engine (f->context);
  CsmAgentMonitor *monitor = csm_context_get_agent_monitor (f->context);

  return engine != NULL && csm_sync_engine_get_state (engine) == CSM_SYNC_STATE_ONLINE &&
         monitor != NULL && csm_agent_monitor_get_loaded (monitor) &&
         csm_staffing_page_get_rows (f->page) != NULL &&
         csm_staffing_page_get_rows (f->page)->len > 0;
}

/* The core's answer from the same tickets, transactions and settings. */
static GPtrArray *
expected_rows (Fixture *f)
{
  CsmSyncEngine *engine = csm_context_get_engine (f->context);
  GListModel *agents = csm_sync_engine_get_agents (engine);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(CsmStaffingOptions) options = { 0 };

  csm_staffing_options_from_settings (&options, f->settings);
  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(CsmAgent) agent = g_list_model_get_item (agents, i);

      g_hash_table_add (names, (gpointer) csm_agent_get_name (agent));
    }
  return csm_staffing_plan_compute (csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine)),
                                    csm_agent_monitor_get_transactions (csm_context_get_agent_monitor (f->context)),
                                    names, &options, CSM_SIM_REFERENCE_NOW);
}

static void
test_page (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) expected = NULL;
  GPtrArray *rows;
  const CsmStaffingRow *live = NULL;
  GtkWidget *spin, *label;
  g_autofree char *needed = NULL;
  g_autofree char *what_if = NULL;
  g_autofree char *shot = NULL;
  guint n_live = 0, n_tickets = 0, live_needed;
  g_autofree char *live_queue = NULL;
  g_autofree char *live_channel = NULL;
  CsmErlangC c;

  csm_window_show_page (f->window, "staffing");
  g_assert_true (csm_test_wait_until (computed, f, 30000));
  csm_test_wait_frames (GTK_WIDGET (f->window), 3);
  rows = csm_staffing_page_get_rows (f->page);
  expected = expected_rows (f);
  g_test_message ("counted in %" G_GINT64_FORMAT " µs", csm_staffing_page_get_compute_usec (f->page));

  /* Row by row, the core's numbers. */
  g_assert_cmpuint (rows->len, ==, expected->len);
  for (guint i = 0; i < rows->len; i++)
    {
      const CsmStaffingRow *a = g_ptr_array_index (rows, i), *b = g_ptr_array_index (expected, i);

      g_assert_cmpstr (a->queue, ==, b->queue);
      g_assert_cmpstr (a->channel, ==, b->channel);
      g_assert_cmpfloat (a->arrivals_last_hour, ==, b->arrivals_last_hour);
      g_assert_cmpuint (a->agents_active, ==, b->agents_active);
      g_assert_cmpuint (a->agents_needed_now, ==, b->agents_needed_now);
      g_assert_cmpuint (a->backlog, ==, b->backlog);
      if (csm_staffing_row_is_live (a))
        {
          n_live++;
          if (live == NULL && a->aht_defined && a->arrivals_last_hour > 0)
            live = a;
        }
      else
        n_tickets++;
    }
  g_test_message ("%u live groups, %u ticket queues", n_live, n_tickets);
  g_assert_nonnull (live);

  /* On screen, row by row of the live table: the group, the agents active
   * and needed now, as the core counted them. */
  {
    g_autoptr(GPtrArray) grids = csm_test_find_all (GTK_WIDGET (f->page), GTK_TYPE_GRID);
    GtkGrid *table = g_ptr_array_index (grids, 0);
    int r = 1;

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (table, 5, 0))), ==,
                     "Needed now");
    for (guint i = 0; i < rows->len; i++)
      {
        const CsmStaffingRow *a = g_ptr_array_index (rows, i);
        g_autofree char *name = NULL;
        g_autofree char *active = NULL;

        if (!csm_staffing_row_is_live (a))
          continue;
        name = g_strdup_printf ("%s · %s", a->queue, a->channel);
        active = g_strdup_printf ("%u", a->agents_active);
        g_free (needed);
        needed = a->aht_defined ? g_strdup_printf ("%u", a->agents_needed_now) : g_strdup ("—");
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (table, 0, r))), ==, name);
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (table, 4, r))), ==, active);
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (table, 5, r))), ==, needed);
        r++;
      }
    g_assert_null (gtk_grid_get_child_at (table, 0, r));

    /* The hours of the group chosen: P(wait) beside the service level. */
    table = g_ptr_array_index (grids, 1);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (table, 4, 0))), ==, "Wait");
    g_assert_nonnull (gtk_grid_get_child_at (table, 0, 1));
  }
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (f->page), "Ticket Queues · Backlog Burn-Down",
                                         FALSE));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (f->page), "How this is counted.", TRUE));
  label = csm_test_find_label (GTK_WIDGET (f->page), "How this is counted.", TRUE);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "Poisson"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "overstaffs slightly"));

  /* What if: choose that group, then one agent more than it needs now. */
  {
    GtkDropDown *dropdown = NULL;
    g_autoptr(GPtrArray) dropdowns = csm_test_find_all (GTK_WIDGET (f->page), GTK_TYPE_DROP_DOWN);
    guint index = 0;

    g_assert_cmpuint (dropdowns->len, ==, 1);
    dropdown = g_ptr_array_index (dropdowns, 0);
    for (guint i = 0; i < rows->len; i++)
      {
        const CsmStaffingRow *r = g_ptr_array_index (rows, i);

        if (r == live)
          break;
        index += csm_staffing_row_is_live (r);
      }
    gtk_drop_down_set_selected (dropdown, index);
  }
  spin = csm_test_find_named (GTK_WIDGET (f->page), "what-if-agents");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, live->agents_active);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), live->agents_needed_now + 1);
  c = csm_staffing_row_what_if (live, live->agents_needed_now + 1);
  g_assert_true (c.defined);
  what_if = g_strdup_printf ("With %u agents, %.1f %% would get a first reply within ",
                             live->agents_needed_now + 1, c.service_level * 100);
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (f->page), what_if, TRUE));

  /* Too few to keep up: said, no percentage. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0);
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (f->page), "With 0 agents the queue cannot keep up",
                                         TRUE));

  /* A higher target needs at least as many (the rows are counted again). */
  live_queue = g_strdup (live->queue);
  live_channel = g_strdup (live->channel);
  live_needed = live->agents_needed_now;
  live = NULL;
  g_settings_set_uint (f->settings, "staffing-target-percent", 95);
  csm_test_wait_frames (GTK_WIDGET (f->window), 2);
  rows = csm_staffing_page_get_rows (f->page);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < rows->len; i++)
      {
        const CsmStaffingRow *a = g_ptr_array_index (rows, i);

        if (g_strcmp0 (a->queue, live_queue) == 0 && g_strcmp0 (a->channel, live_channel) == 0)
          {
            g_assert_cmpfloat (a->target_percent, ==, 95);
            g_assert_cmpuint (a->agents_needed_now, >=, live_needed);
            found = TRUE;
          }
      }
    g_assert_true (found);
  }
  g_settings_reset (f->settings, "staffing-target-percent");
  csm_test_wait_frames (GTK_WIDGET (f->window), 2);
  shot = csm_test_screenshot (GTK_WIDGET (f->window), "staffing");
}

int
main (int   argc,
      char *argv[])
{
  csm_test_gui_init (&argc, &argv);
  g_test_add ("/gui/staffing/page", Fixture, NULL, fixture_set_up, test_page, fixture_tear_down);
  return g_test_run ();
}
