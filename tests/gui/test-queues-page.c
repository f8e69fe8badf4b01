/* test-queues-page.c: the real window, under Xvfb, against a fixture helpdesk served as RT 5.
 *
 * The fixture is tests/data/scenarios/fixture-small.json, served by the
 * built-in simulator's RT REST2 server with its clock frozen at
 * 2026-11-23T12:00:00Z. Expected numbers below were counted by hand from
 * that file (ticket 16 is deleted, so RT never returns it).
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
#include "csm-sim-scenario.h"
#include "csm-sim-server.h"
#include "csm-sync-indicator.h"
#include "csm-test-gui.h"
#include "csm-test-helpdesk.h"
#include "csm-test-server.h"
#include "csm-ticket.h"
#include "csm-window.h"

#define TOKEN "gui-test-token"
/* 2026-11-23T12:00:00Z */
#define NOW ((gint64) 1795435200)

typedef struct
{
  CsmTestHelpdesk *desk;
  CsmSimWorld *world;
  CsmSimServer *server;
  GSettings *settings;
  CsmClock *clock;
  CsmContext *context;
  CsmWindow *window;
  CsmQueuesPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmAccount) account = NULL;
  g_autofree char *data_home = g_dir_make_tmp ("csm-gui-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  f->desk = csm_test_helpdesk_start ("scenarios/fixture-small.json", TOKEN);
  f->world = f->desk->world;
  f->server = f->desk->server;

  f->settings = g_settings_new (APP_ID);
  f->clock = csm_clock_new_fixed (NOW);
  f->context = csm_context_new (f->settings, f->clock);
  f->window = csm_window_new (NULL, f->context);
  f->page = CSM_QUEUES_PAGE (csm_window_get_queues_page (f->window));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));

  account = csm_account_new ("rt", csm_sim_server_get_url (f->server), CSM_AUTH_TOKEN, NULL);
  csm_account_set_agents_group (account, "Agents");
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
  g_clear_object (&f->settings);
  g_clear_pointer (&f->desk, csm_test_helpdesk_stop);
  csm_test_drain ();
}

static gboolean
synced (gpointer data)
{
  Fixture *f = data;
  CsmSyncEngine *engine = csm_context_get_engine (f->context);

  return engine != NULL &&
         csm_sync_engine_get_state (engine) == CSM_SYNC_STATE_ONLINE &&
         !csm_sync_engine_get_syncing (engine);
}

static CsmQueueSummary *
summary_named (Fixture    *f,
               const char *name)
{
  GListModel *model = csm_queues_page_get_summaries (f->page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CsmQueueSummary) s = g_list_model_get_item (model, i);
      if (g_strcmp0 (csm_queue_summary_get_queue_name (s), name) == 0)
        return s;
    }
  return NULL;
}

static void
assert_summary (CsmQueueSummary *s,
                guint            n_new,
                guint            n_open,
                guint            n_stalled,
                guint            n_unassigned,
                gint64           oldest_new_age)
{
  g_assert_nonnull (s);
  g_assert_cmpuint (csm_queue_summary_get_new (s), ==, n_new);
  g_assert_cmpuint (csm_queue_summary_get_open (s), ==, n_open);
  g_assert_cmpuint (csm_queue_summary_get_stalled (s), ==, n_stalled);
  g_assert_cmpuint (csm_queue_summary_get_active (s), ==, n_new + n_open + n_stalled);
  g_assert_cmpuint (csm_queue_summary_get_unassigned (s), ==, n_unassigned);
  g_assert_cmpint (csm_queue_summary_get_oldest_new_age (s), ==, oldest_new_age);
}

static gint64
row_id (Fixture *f,
        guint    position)
{
  g_autoptr(CsmTicket) t = g_list_model_get_item (csm_queues_page_get_rows (f->page), position);

  return t ? csm_ticket_get_id (t) : -1;
}

static void
test_counts_and_rows (Fixture       *f,
                      gconstpointer  data)
{
  GListModel *rows;
  g_autofree char *shot = NULL;
  GtkWidget *overdue;

  g_assert_true (csm_test_wait_until (synced, f, 20000));
  csm_test_wait_frames (GTK_WIDGET (f->window), 3);

  /* Cards: counted by hand from the fixture at 12:00. */
  assert_summary (summary_named (f, "All Queues"), 4, 6, 1, 2, 69600);
  assert_summary (summary_named (f, "Support"), 2, 2, 0, 1, 69600);   /* #9 new since 16:40 */
  assert_summary (summary_named (f, "Billing"), 2, 2, 1, 1, 13800);   /* #13 new since 08:10 */
  assert_summary (summary_named (f, "Technical"), 0, 2, 0, 0, -1);

  /* The list: the 11 active tickets, most urgent deadline first, those
   * without a deadline last (by id). */
  rows = csm_queues_page_get_rows (f->page);
  g_assert_cmpstr (csm_queues_page_get_state_name (f->page), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 11);
  {
    const gint64 expected[] = { 5, 13, 14, 8, 6, 15, 9, 2, 7, 11, 12 };
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_cmpint (row_id (f, i), ==, expected[i]);
  }

  /* What is on screen: #5's deadline passed two hours ago. */
  overdue = csm_test_find_label (GTK_WIDGET (f->window), "2 h overdue", FALSE);
  g_assert_nonnull (overdue);
  g_assert_true (gtk_widget_has_css_class (overdue, "error"));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (f->window), "in 10 min", FALSE));
  g_assert_true (gtk_widget_has_css_class (csm_test_find_label (GTK_WIDGET (f->window), "in 10 min", FALSE),
                                           "warning"));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (f->window), "11 active tickets", FALSE));

  shot = csm_test_screenshot (GTK_WIDGET (f->window), "queues-page");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  GListModel *rows = csm_queues_page_get_rows (f->page);

  g_assert_true (csm_test_wait_until (synced, f, 20000));

  /* Text: words must all match; "#id" finds the ticket. */
  csm_queues_page_set_filter_text (f->page, "#13");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_cmpint (row_id (f, 0), ==, 13);

  csm_queues_page_set_filter_text (f->page, "no such words anywhere");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  g_assert_cmpstr (csm_queues_page_get_state_name (f->page), ==, "no-match");

  csm_queues_page_set_filter_text (f->page, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 11);

  /* Queue: Technical holds #11 and #12 */
  csm_queues_page_set_queue_filter (f->page, csm_queue_summary_get_queue_id (summary_named (f, "Technical")));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  g_assert_cmpint (row_id (f, 0), ==, 11);
  g_assert_cmpint (row_id (f, 1), ==, 12);
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (f->window), "2 of 11 active tickets", FALSE));

  gtk_widget_activate_action (GTK_WIDGET (f->page), "queues.clear-filters", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 11);
}

typedef struct
{
  Fixture *f;
  gint64 ticket;
  const char *owner;
} OwnerWait;

static gboolean
owner_is (gpointer data)
{
  OwnerWait *w = data;
  GListModel *rows = csm_queues_page_get_rows (w->f->page);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CsmTicket) t = g_list_model_get_item (rows, i);
      if (csm_ticket_get_id (t) == w->ticket)
        return g_strcmp0 (csm_ticket_get_owner (t), w->owner) == 0;
    }
  return FALSE;
}

static void
test_live_refresh_keeps_selection (Fixture       *f,
                                   gconstpointer  data)
{
  GtkColumnView *view = csm_queues_page_get_column_view (f->page);
  GtkSingleSelection *selection;
  g_autoptr(CsmTicket) before = NULL;
  g_autoptr(CsmTicket) after = NULL;
  const CsmSimUser *alice;
  OwnerWait wait = { f, 14, "alice" };

  g_assert_true (csm_test_wait_until (synced, f, 20000));
  selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));

  /* Select #8 (row 3), then the helpdesk changes #14 (row 2, above it). */
  gtk_single_selection_set_selected (selection, 3);
  before = gtk_single_selection_get_selected_item (selection);
  g_object_ref (before);
  g_assert_cmpint (csm_ticket_get_id (before), ==, 8);

  csm_sim_world_lock (f->world);
  alice = csm_sim_world_lookup_user_by_name (f->world, "alice");
  g_assert_true (csm_sim_world_set_owner (f->world, 14, 1, alice->id, NULL));
  csm_sim_world_unlock (f->world);

  csm_sync_engine_refresh_now (csm_context_get_engine (f->context));
  g_assert_true (csm_test_wait_until (owner_is, &wait, 20000));
  g_assert_true (csm_test_wait_until (synced, f, 20000));

  /* Same row object, still selected, still in place. */
  after = gtk_single_selection_get_selected_item (selection);
  g_object_ref (after);
  g_assert_true (after == before);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 3);
  assert_summary (summary_named (f, "Support"), 2, 2, 0, 0, 69600);
}

static gboolean
banner_says_offline (gpointer data)
{
  Fixture *f = data;
  CsmSyncEngine *engine = csm_context_get_engine (f->context);

  return engine != NULL && csm_sync_engine_get_state (engine) == CSM_SYNC_STATE_OFFLINE;
}

static void
test_offline_keeps_data (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *shot = NULL;
  GtkWidget *banner_text;

  g_assert_true (csm_test_wait_until (synced, f, 20000));

  /* The helpdesk goes away. */
  csm_sim_server_stop (f->server);
  csm_sync_engine_refresh_now (csm_context_get_engine (f->context));
  g_assert_true (csm_test_wait_until (banner_says_offline, f, 30000));
  csm_test_wait_frames (GTK_WIDGET (f->window), 3);

  /* The last known state stays on screen, and the banner says how old it is. */
  g_assert_cmpuint (g_list_model_get_n_items (csm_queues_page_get_rows (f->page)), ==, 11);
  assert_summary (summary_named (f, "All Queues"), 4, 6, 1, 2, 69600);
  banner_text = csm_test_find_label (GTK_WIDGET (f->window), "Offline: ", TRUE);
  g_assert_nonnull (banner_text);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (banner_text)),
                            "Showing data from"));
  {
    const GError *error = csm_sync_engine_get_error (csm_context_get_engine (f->context));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  }
  shot = csm_test_screenshot (GTK_WIDGET (f->window), "queues-page-offline");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  csm_test_gui_init (&argc, &argv);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_BASE "/icons");
  /* The application's style sheet, which AdwApplication would load. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
    gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  /* Screenshots show the end state, not a crossfade half-way. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/gui/queues/counts-and-rows", test_counts_and_rows);
  ADD ("/gui/queues/filters", test_filters);
  ADD ("/gui/queues/live-refresh-keeps-selection", test_live_refresh_keeps_selection);
  ADD ("/gui/queues/offline-keeps-data", test_offline_keeps_data);

  return g_test_run ();
}
