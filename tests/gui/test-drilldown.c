/* test-drilldown.c: the tickets behind a KPI: columns, order, opening in RT, export, the empty case.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "csm-drilldown-window.h"
#include "csm-export.h"
#include "csm-sla-policy.h"
#include "csm-test-gui.h"
#include "csm-test-tickets.h"
#include "csm-ticket-private.h"
#include "csm-time.h"

/* Sunday 2026-05-31 12:00 UTC; the tests run with TZ=UTC. */
#define NOW  ((gint64) 1780228800)
#define WEEK_AGO (NOW - 7 * 86400)
#define HOUR ((gint64) 3600)

typedef struct
{
  gint64 id;
  const char *subject;
  const char *queue;
  const char *owner;
  gint64 created;         /* hours after WEEK_AGO */
  gint64 first_reply;     /* minutes after created */
  gint64 resolved;        /* minutes after created */
  int worked;             /* minutes */
  int replies;
  const char *csat;
} Row;

/* Resolved in the order 101, 103, 104, 105, 102; created in id order. */
static const Row rows[] = {
  { 101, "Invoice shows the wrong VAT rate", "Billing", "alice", 0, 30, 120, 45, 2, "5" },
  { 102, "Refund for the double charge in April", "Billing", "bob", 1, 240, 29 * 60, 150, 4, "2" },
  { 103, "Cannot download last month’s invoice", "Billing", NULL, 5, 10, 90, 15, 1, NULL },
  { 104, "Change the billing address", "Billing", "alice", 10, 45, 600, 20, 1, "4" },
  { 105, "Card declined although the limit is fine", "Billing", "carol", 24, 5, 60, 30, 3, "1" },
};

static GPtrArray *
make_tickets (guint n)
{
  GPtrArray *tickets = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      const Row *r = &rows[i];
      CsmTicket *t = csm_test_ticket_new (r->id, 4, r->queue, "resolved", r->owner,
                                          WEEK_AGO + r->created * HOUR);
      const char *fields[] = { "CSAT", r->csat, NULL };

      g_free (t->subject);
      t->subject = g_strdup (r->subject);
      t->first_response = t->created + r->first_reply * 60;
      t->resolved = t->created + r->resolved * 60;
      t->time_worked = r->worked;
      t->agent_replies = r->replies;
      /* Personal data the window must not show. */
      t->requestors = g_strsplit ("customer@example.com", " ", -1);
      if (r->csat != NULL)
        t->custom_fields = g_strdupv ((char **) fields);
      g_ptr_array_add (tickets, t);
    }
  return tickets;
}

static GtkColumnView *
find_column_view (CsmDrilldownWindow *window)
{
  g_autoptr(GPtrArray) views = csm_test_find_all (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW);

  g_assert_cmpuint (views->len, ==, 1);
  return views->pdata[0];
}

static GtkColumnViewColumn *
find_column (GtkColumnView *view,
             const char    *title)
{
  GListModel *list = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (list, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_error ("no column “%s”", title);
  return NULL;
}

static char *
column_titles (GtkColumnView *view)
{
  GListModel *list = gtk_column_view_get_columns (view);
  GString *titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (list, i);

      g_string_append_printf (titles, "%s%s", i ? "|" : "",
                              gtk_column_view_column_get_title (column));
    }
  return g_string_free (titles, FALSE);
}

/* The ids in the window's order, "102 105 …". */
static char *
shown_ids (CsmDrilldownWindow *window)
{
  GListModel *model = csm_drilldown_window_get_model (window);
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CsmTicket) t = g_list_model_get_item (model, i);

      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? " " : "", csm_ticket_get_id (t));
    }
  return g_string_free (ids, FALSE);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *action)
{
  g_autoptr(GPtrArray) buttons = csm_test_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), action) == 0)
      return buttons->pdata[i];
  return NULL;
}

static CsmDrilldownWindow *
open_window (GPtrArray        *tickets,
             CsmKpiPopulation  population,
             const char       *explanation)
{
  CsmDrilldownWindow *window;

  window = csm_drilldown_window_new (NULL, "Resolved · Billing", "Last 7 days · 5 tickets",
                                     explanation, tickets, population, NOW);
  gtk_window_present (GTK_WINDOW (window));
  csm_test_wait_frames (GTK_WIDGET (window), 3);
  return window;
}

static const char explanation[] =
  "Tickets of the Billing queue resolved in the last 7 days; resolution time runs from "
  "Created to Resolved, in calendar time.";

static void
test_resolved_columns_and_order (void)
{
  g_autoptr(GPtrArray) tickets = make_tickets (5);
  CsmDrilldownWindow *window = open_window (tickets, CSM_KPI_POP_RESOLVED, explanation);
  GtkColumnView *view = find_column_view (window);
  g_autofree char *titles = column_titles (view);
  g_autofree char *by_default = NULL;
  g_autofree char *by_created = NULL;
  g_autofree char *by_resolution = NULL;
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (WEEK_AGO + 10 * HOUR);
  g_autofree char *created_text = g_date_time_format (created, "%b %e, %H:%M");

  g_assert_cmpstr (titles, ==,
                   "#|Subject|Queue|Owner|Status|Created|Resolved|Resolution Time|Worked|Replies");
  g_assert_cmpuint (g_list_model_get_n_items (csm_drilldown_window_get_model (window)), ==, 5);
  g_assert_cmpint (csm_drilldown_window_get_population (window), ==, CSM_KPI_POP_RESOLVED);

  /* Resolved, newest first. */
  by_default = shown_ids (window);
  g_assert_cmpstr (by_default, ==, "102 105 104 103 101");

  gtk_column_view_sort_by_column (view, find_column (view, "Created"), GTK_SORT_DESCENDING);
  by_created = shown_ids (window);
  g_assert_cmpstr (by_created, ==, "105 104 103 102 101");

  gtk_column_view_sort_by_column (view, find_column (view, "Resolution Time"), GTK_SORT_ASCENDING);
  by_resolution = shown_ids (window);
  g_assert_cmpstr (by_resolution, ==, "105 103 101 104 102");
  csm_test_wait_frames (GTK_WIDGET (window), 2);

  /* The cells, as csm-time writes durations; times in local time. */
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (window), "1 d 5 h", FALSE));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (window), "1 h 30 min", FALSE));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (window), "2 h 30 min", FALSE));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (window), created_text, FALSE));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (window), "Change the billing address", FALSE));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (window), explanation, FALSE));
  /* Requestors are personal data the list does not need. */
  g_assert_null (csm_test_find_label (GTK_WIDGET (window), "customer@example.com", TRUE));

  /* A change to a ticket shows in place. */
  {
    CsmTicket *t = g_ptr_array_index (tickets, 3);

    t->agent_replies = 17;
    _csm_ticket_changed (t);
    csm_test_wait_frames (GTK_WIDGET (window), 2);
    g_assert_nonnull (csm_test_find_label (GTK_WIDGET (window), "17", FALSE));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  csm_test_drain ();
}

static void
open_in_rt_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  gint64 id = g_variant_get_int64 (parameter);

  g_array_append_val ((GArray *) user_data, id);
}

static void
test_open_in_rt (void)
{
  g_autoptr(GPtrArray) tickets = make_tickets (5);
  g_autoptr(GArray) opened = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GSimpleActionGroup) app = g_simple_action_group_new ();
  const GActionEntry entries[] = { { "open-in-rt", open_in_rt_cb, "x" } };
  CsmDrilldownWindow *window = open_window (tickets, CSM_KPI_POP_RESOLVED, NULL);
  GtkColumnView *view = find_column_view (window);
  GtkWidget *open_button = find_button (GTK_WIDGET (window), "drilldown.open-selected");
  GtkSelectionModel *selection = gtk_column_view_get_model (view);

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), opened);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "app", G_ACTION_GROUP (app));

  /* Double-click or Enter on the second row: 105 (resolved newest first). */
  g_signal_emit_by_name (view, "activate", 1);
  g_assert_cmpuint (opened->len, ==, 1);
  g_assert_cmpint (g_array_index (opened, gint64, 0), ==, 105);

  /* The header button needs a selected row. */
  g_assert_nonnull (open_button);
  g_assert_false (gtk_widget_get_sensitive (open_button));
  gtk_selection_model_select_item (selection, 3, TRUE);
  g_assert_true (gtk_widget_get_sensitive (open_button));
  g_signal_emit_by_name (open_button, "clicked");
  g_assert_cmpuint (opened->len, ==, 2);
  g_assert_cmpint (g_array_index (opened, gint64, 1), ==, 103);
  gtk_selection_model_unselect_item (selection, 3);
  g_assert_false (gtk_widget_get_sensitive (open_button));

  gtk_window_destroy (GTK_WINDOW (window));
  csm_test_drain ();
}

static void
assert_file_is (const char *path,
                const char *expected)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, strlen (expected));
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_export (void)
{
  g_autoptr(GPtrArray) tickets = make_tickets (5);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("csm-drilldown-XXXXXX", &error);
  g_autofree char *csv_path = g_build_filename (dir, "resolved.csv", NULL);
  g_autofree char *json_path = g_build_filename (dir, "resolved.json", NULL);
  g_autofree char *async_path = g_build_filename (dir, "async.csv", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "missing", "resolved.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(GFile) async = g_file_new_for_path (async_path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autofree char *expected_csv = csm_export_tickets (tickets, CSM_EXPORT_CSV);
  g_autofree char *expected_json = csm_export_tickets (tickets, CSM_EXPORT_JSON);
  g_autoptr(GAsyncResult) result = NULL;
  CsmDrilldownWindow *window = open_window (tickets, CSM_KPI_POP_RESOLVED, explanation);

  g_assert_no_error (error);
  /* The order shown does not change the file. */
  gtk_column_view_sort_by_column (find_column_view (window),
                                  find_column (find_column_view (window), "Subject"),
                                  GTK_SORT_ASCENDING);

  g_assert_true (csm_drilldown_window_export_to (window, csv, CSM_EXPORT_CSV, &error));
  g_assert_no_error (error);
  assert_file_is (csv_path, expected_csv);

  g_assert_true (csm_drilldown_window_export_to (window, json, CSM_EXPORT_JSON, &error));
  g_assert_no_error (error);
  assert_file_is (json_path, expected_json);

  csm_drilldown_window_export_to_async (window, async, CSM_EXPORT_CSV, NULL,
                                        csm_test_store_result, &result);
  g_assert_true (csm_drilldown_window_export_to_finish (window, csm_test_await (&result), &error));
  g_assert_no_error (error);
  assert_file_is (async_path, expected_csv);

  g_assert_false (csm_drilldown_window_export_to (window, bad, CSM_EXPORT_CSV, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_unlink (csv_path);
  g_unlink (json_path);
  g_unlink (async_path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
  csm_test_drain ();
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  const char *text = "Tickets active at the end of the period, oldest first.";
  CsmDrilldownWindow *window = csm_drilldown_window_new (NULL, "Backlog · Billing",
                                                         "Last 7 days · no tickets", text, tickets,
                                                         CSM_KPI_POP_BACKLOG, NOW);
  g_autoptr(GPtrArray) menu_buttons = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  AdwStatusPage *page;

  gtk_window_present (GTK_WINDOW (window));
  csm_test_wait_frames (GTK_WIDGET (window), 3);
  pages = csm_test_find_all (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);
  g_assert_cmpuint (pages->len, ==, 1);
  page = pages->pdata[0];
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "No Tickets");
  g_assert_cmpstr (adw_status_page_get_description (page), ==, text);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (find_column_view (window))));
  g_assert_cmpuint (g_list_model_get_n_items (csm_drilldown_window_get_model (window)), ==, 0);
  /* Nothing to open or export. */
  menu_buttons = csm_test_find_all (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  g_assert_cmpuint (menu_buttons->len, ==, 1);
  g_assert_false (gtk_widget_is_sensitive (menu_buttons->pdata[0]));
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (window),
                                                       "drilldown.open-selected")));
  g_free (csm_test_screenshot (GTK_WIDGET (window), "drilldown-empty"));

  gtk_window_destroy (GTK_WINDOW (window));
  csm_test_drain ();
}

/* The other populations: their own columns and first order. */
static void
test_populations (void)
{
  g_autoptr(GPtrArray) tickets = make_tickets (5);
  static const struct
  {
    CsmKpiPopulation population;
    const char *extra;
    const char *order;
  } cases[] = {
    { CSM_KPI_POP_CREATED, "FRT", "105 104 103 102 101" },
    /* FRT longest first: 102 4 h, 104 45 min, 101 30 min, 103 10 min, 105 5 min */
    { CSM_KPI_POP_FIRST_REPLY, "First Reply|FRT", "102 104 101 103 105" },
    /* Unhappiest first; 103 did not answer. */
    { CSM_KPI_POP_CSAT, "Resolved|CSAT (1–5)", "103 105 102 104 101" },
    { CSM_KPI_POP_BACKLOG, "Age", "101 102 103 104 105" },
    { CSM_KPI_POP_SLA, "Response Due|First Reply|Response", "101 102 103 104 105" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CsmDrilldownWindow *window = open_window (tickets, cases[i].population, NULL);
      g_autofree char *titles = column_titles (find_column_view (window));
      g_autofree char *expected = g_strconcat ("#|Subject|Queue|Owner|Status|Created|",
                                               cases[i].extra, NULL);
      g_autofree char *order = shown_ids (window);

      g_test_message ("population %d", cases[i].population);
      g_assert_cmpstr (titles, ==, expected);
      g_assert_cmpstr (order, ==, cases[i].order);
      gtk_window_destroy (GTK_WINDOW (window));
      csm_test_drain ();
    }
}

/* With the report's options: the SLA policy's response deadlines and the
 * answer fields' names. */
static void
test_options (void)
{
  g_autoptr(GPtrArray) tickets = make_tickets (5);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(CsmBusinessHours) always = csm_business_hours_new (utc);
  const CsmSlaLevel levels[] = { { (char *) "gold", TRUE, 60, FALSE, 0, FALSE } };
  g_autoptr(CsmSlaPolicy) policy = csm_sla_policy_new (always, levels, G_N_ELEMENTS (levels));
  g_auto(CsmKpiOptions) options = { 0 };
  CsmDrilldownWindow *window;
  g_autofree char *order = NULL;
  g_autoptr(GDateTime) due = g_date_time_new_from_unix_local (WEEK_AGO + HOUR);
  g_autofree char *due_text = g_date_time_format (due, "%b %e, %H:%M");

  for (guint i = 0; i < tickets->len; i++)
    {
      CsmTicket *t = g_ptr_array_index (tickets, i);

      t->sla = g_strdup ("gold");
      /* RT starts the response clock when a requestor wrote. */
      t->creator = g_strdup ("customer@example.com");
    }
  /* 104: never answered, deadline long past; 105: new, deadline ahead. */
  ((CsmTicket *) tickets->pdata[3])->first_response = CSM_TIME_UNSET;
  ((CsmTicket *) tickets->pdata[4])->first_response = CSM_TIME_UNSET;
  ((CsmTicket *) tickets->pdata[4])->created = NOW - 600;

  csm_kpi_options_init (&options);
  csm_kpi_options_set_policy (&options, policy);
  window = csm_drilldown_window_new_full (NULL, "SLA attainment · Billing", NULL, NULL, tickets,
                                          CSM_KPI_POP_SLA, &options, NOW);
  gtk_window_present (GTK_WINDOW (window));
  csm_test_wait_frames (GTK_WIDGET (window), 3);

  /* Missed first (102 replied after 4 h, 104 never), then met, then pending;
   * each by deadline. */
  order = shown_ids (window);
  g_assert_cmpstr (order, ==, "102 104 101 103 105");
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (window), "Missed", FALSE));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (window), "Met", FALSE));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (window), "Pending", FALSE));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (window), due_text, FALSE));
  g_assert_null (csm_test_find_label (GTK_WIDGET (window), "customer@example.com", TRUE));
  gtk_window_destroy (GTK_WINDOW (window));
  csm_test_drain ();

  /* The answers are read from the field the settings name. */
  for (guint i = 0; i < tickets->len; i++)
    {
      CsmTicket *t = g_ptr_array_index (tickets, i);
      g_autofree char *value = g_strdup_printf ("%u", 5 - i);
      const char *fields[] = { "Satisfaction", value, NULL };

      g_strfreev (t->custom_fields);
      t->custom_fields = g_strdupv ((char **) fields);
    }
  g_free (options.csat_field);
  options.csat_field = g_strdup ("Satisfaction");
  window = csm_drilldown_window_new_full (NULL, "CSAT · Billing", NULL, NULL, tickets,
                                          CSM_KPI_POP_CSAT, &options, NOW);
  g_clear_pointer (&order, g_free);
  order = shown_ids (window);
  g_assert_cmpstr (order, ==, "105 104 103 102 101");
  gtk_window_destroy (GTK_WINDOW (window));
  csm_test_drain ();
}

/* A window beside the Reports page, not over it; Escape closes it. */
static void
test_window (void)
{
  g_autoptr(GPtrArray) tickets = make_tickets (3);
  GtkWidget *parent = gtk_window_new ();
  CsmDrilldownWindow *window = csm_drilldown_window_new (GTK_WINDOW (parent), "Created · Billing",
                                                         NULL, NULL, tickets,
                                                         CSM_KPI_POP_CREATED, NOW);
  g_autoptr(GListModel) controllers = NULL;
  gboolean escape_closes = FALSE;
  int width, height;

  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (window)) == GTK_WINDOW (parent));
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Created · Billing");
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, >=, 900);
  g_assert_cmpint (height, >=, 600);

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          g_autofree char *trigger =
            gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (trigger, "Escape") && GTK_IS_NAMED_ACTION (action) &&
              g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                           "window.close"))
            escape_closes = TRUE;
        }
    }
  g_assert_true (escape_closes);

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (parent));
  csm_test_drain ();
}

static void
test_screenshot (void)
{
  g_autoptr(GPtrArray) tickets = make_tickets (5);
  CsmDrilldownWindow *window = open_window (tickets, CSM_KPI_POP_RESOLVED, explanation);

  g_free (csm_test_screenshot (GTK_WIDGET (window), "drilldown-resolved"));
  gtk_window_destroy (GTK_WINDOW (window));
  csm_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  csm_test_gui_init (&argc, &argv);

  g_test_add_func ("/gui/drilldown/window", test_window);
  g_test_add_func ("/gui/drilldown/resolved", test_resolved_columns_and_order);
  g_test_add_func ("/gui/drilldown/open-in-rt", test_open_in_rt);
  g_test_add_func ("/gui/drilldown/export", test_export);
  g_test_add_func ("/gui/drilldown/empty", test_empty);
  g_test_add_func ("/gui/drilldown/populations", test_populations);
  g_test_add_func ("/gui/drilldown/options", test_options);
  g_test_add_func ("/gui/drilldown/screenshot", test_screenshot);

  return g_test_run ();
}
