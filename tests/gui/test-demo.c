/* test-demo.c: the demo helpdesk in the real window: hours of a contact centre go by on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "csm-context.h"
#include "csm-queue-summary.h"
#include "csm-queues-page.h"
#include "csm-resources.h"
#include "csm-sim-model.h"
#include "csm-test-gui.h"
#include "csm-ticket.h"
#include "csm-window.h"
#include "csm-test-async.h"

typedef struct
{
  GSettings *settings;
  CsmClock *clock;
  CsmContext *context;
  CsmWindow *window;
  CsmQueuesPage *page;
} Fixture;

static gboolean
synced_with_rows (gpointer data)
{
  Fixture *f = data;
  CsmSyncEngine *engine = csm_context_get_engine (f->context);

  return engine != NULL &&
         csm_sync_engine_get_state (engine) == CSM_SYNC_STATE_ONLINE &&
         g_list_model_get_n_items (csm_queues_page_get_rows (f->page)) > 0;
}

typedef struct
{
  guint64 fingerprint;
  Fixture *f;
} Change;

/* Everything the Queues page shows that can move: each card's numbers and
 * the active tickets with their owner and status. */
static guint64
page_fingerprint (Fixture *f)
{
  GListModel *summaries = csm_queues_page_get_summaries (f->page);
  GListModel *rows = csm_queues_page_get_rows (f->page);
  guint64 h = 1469598103934665603ull;

  for (guint i = 0; i < g_list_model_get_n_items (summaries); i++)
    {
      g_autoptr(CsmQueueSummary) s = g_list_model_get_item (summaries, i);
      h = (h ^ csm_queue_summary_get_new (s)) * 1099511628211ull;
      h = (h ^ csm_queue_summary_get_open (s)) * 1099511628211ull;
      h = (h ^ csm_queue_summary_get_stalled (s)) * 1099511628211ull;
      h = (h ^ csm_queue_summary_get_unassigned (s)) * 1099511628211ull;
    }
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CsmTicket) t = g_list_model_get_item (rows, i);
      h = (h ^ (guint64) csm_ticket_get_id (t)) * 1099511628211ull;
      h = (h ^ g_str_hash (csm_ticket_get_status (t))) * 1099511628211ull;
      h = (h ^ (csm_ticket_get_owner (t) ? g_str_hash (csm_ticket_get_owner (t)) : 0)) * 1099511628211ull;
    }
  return h;
}

static gboolean
page_changed (gpointer data)
{
  Change *c = data;

  return page_fingerprint (c->f) != c->fingerprint;
}

static void
test_demo_moves (void)
{
  Fixture fixture = { 0, }, *f = &fixture;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *data_home = g_dir_make_tmp ("csm-demo-test-XXXXXX", NULL);
  gint64 sim_start;
  Change change = { 0, f };

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  f->settings = g_settings_new (APP_ID);
  /* Refresh every 5 s: the demo should move between two refreshes. */
  g_settings_set_uint (f->settings, "refresh-interval", 5);
  f->clock = csm_clock_new_system ();
  f->context = csm_context_new (f->settings, f->clock);
  f->window = csm_window_new (NULL, f->context);
  f->page = CSM_QUEUES_PAGE (csm_window_get_queues_page (f->window));
  gtk_window_present (GTK_WINDOW (f->window));

  /* An hour of the contact centre's day per second. */
  csm_context_start_demo_async (f->context, 4242, 3600.0, CSM_SIM_REFERENCE_NOW, NULL,
                                csm_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (csm_context_start_demo_finish (f->context, result, &error));
  g_assert_no_error (error);
  g_assert_true (csm_account_get_demo (csm_context_get_account (f->context)));

  /* Within 10 s the Queues page shows the contact centre. */
  {
    gint64 waited = g_get_monotonic_time ();
    g_assert_true (csm_test_wait_until (synced_with_rows, f, 10000));
    g_test_message ("demo on screen after %.2f s",
                    (g_get_monotonic_time () - waited) / (double) G_USEC_PER_SEC);
  }
  csm_test_wait_frames (GTK_WIDGET (f->window), 2);
  before = csm_test_screenshot (GTK_WIDGET (f->window), "demo-start");
  sim_start = csm_clock_get_now (f->clock);

  /* The header says plainly that this is the demo. */
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (f->window), "Demo", FALSE));

  /* A few simulated hours later, what the page shows has changed. */
  change.fingerprint = page_fingerprint (f);
  g_assert_true (csm_test_wait_until (page_changed, &change, 20000));
  g_assert_cmpint (csm_clock_get_now (f->clock) - sim_start, >=, 3600);
  after = csm_test_screenshot (GTK_WIDGET (f->window), "demo-later");

  /* Nothing of the demo reached the settings. */
  {
    g_autofree char *url = g_settings_get_string (f->settings, "account-url");
    g_assert_cmpstr (url, ==, "");
  }

  gtk_window_destroy (GTK_WINDOW (f->window));
  csm_context_set_account (f->context, NULL, NULL);
  g_clear_object (&f->context);
  g_clear_object (&f->clock);
  g_settings_reset (f->settings, "refresh-interval");
  g_clear_object (&f->settings);
}

int
main (int   argc,
      char *argv[])
{
  csm_test_gui_init (&argc, &argv);

  g_test_add_func ("/gui/demo/moves", test_demo_moves);

  return g_test_run ();
}
