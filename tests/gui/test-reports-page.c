/* test-reports-page.c: the Reports page on the demo helpdesk: tiles, tables and drill-downs show the engine's numbers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "csm-chart.h"
#include "csm-chart-line-layer.h"
#include "csm-chart-point.h"
#include "csm-context.h"
#include "csm-drilldown-window.h"
#include "csm-in-view.h"
#include "csm-kpi-catalog.h"
#include "csm-kpi-item.h"
#include "csm-kpi-table.h"
#include "csm-kpi-tile.h"
#include "csm-sync-engine.h"
#include "csm-ticket-list.h"
#include "csm-ticket.h"
#include "csm-reports-page.h"
#include "csm-sim-model.h"
#include "csm-store.h"
#include "csm-test-gui.h"
#include "csm-window.h"

typedef struct
{
  GSettings *settings;
  CsmClock *clock;
  CsmContext *context;
  CsmWindow *window;
  CsmReportsPage *page;
  char *data_home;
} Fixture;

static gboolean
synced (gpointer data)
{
  Fixture *f = data;
  CsmSyncEngine *engine = csm_context_get_engine (f->context);

  return engine != NULL && csm_sync_engine_get_state (engine) == CSM_SYNC_STATE_ONLINE &&
         csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine))->len > 0;
}

static gboolean
counted (gpointer data)
{
  Fixture *f = data;

  return csm_reports_page_get_report (f->page) != NULL && !csm_reports_page_is_counting (f->page);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  f->data_home = g_dir_make_tmp ("csm-reports-test-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", f->data_home, TRUE);
  f->settings = g_settings_new (APP_ID);
  /* No refresh while the test compares: the page's numbers stay put. */
  g_settings_set_uint (f->settings, "refresh-interval", 3600);
  g_settings_set_enum (f->settings, "reports-period", CSM_KPI_PERIOD_LAST_7_DAYS);
  f->clock = csm_clock_new_system ();
  f->context = csm_context_new (f->settings, f->clock);
  f->window = csm_window_new (NULL, f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1300, 860);
  f->page = CSM_REPORTS_PAGE (csm_window_get_reports_page (f->window));
  gtk_window_present (GTK_WINDOW (f->window));

  /* The demo runs in real time from the simulator's reference instant. */
  csm_context_start_demo_async (f->context, 4242, 1.0, CSM_SIM_REFERENCE_NOW, NULL,
                                csm_test_store_result, &result);
  g_assert_true (csm_context_start_demo_finish (f->context, csm_test_await (&result), &error));
  g_assert_no_error (error);
  g_assert_true (csm_test_wait_until (synced, f, 20000));
  csm_window_show_page (f->window, "reports");
  g_assert_true (csm_test_wait_until (counted, f, 20000));
  csm_test_wait_frames (GTK_WIDGET (f->window), 2);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  csm_context_set_account (f->context, NULL, NULL);
  g_clear_object (&f->context);
  g_clear_object (&f->clock);
  g_settings_reset (f->settings, "refresh-interval");
  g_settings_reset (f->settings, "reports-period");
  g_settings_reset (f->settings, "reports-split");
  g_clear_object (&f->settings);
  g_free (f->data_home);
}

static GHashTable *
load_histories (Fixture *f)
{
  CsmStore *store = csm_sync_engine_get_store (csm_context_get_engine (f->context));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *histories;

  csm_store_load_kpi_histories_async (store, NULL, csm_test_store_result, &result);
  histories = csm_store_load_kpi_histories_finish (store, csm_test_await (&result), &error);
  g_assert_no_error (error);
  return histories;
}

/* Each tile shows, as the catalog writes it, what the engine counts from
 * the same tickets, histories, period and "now" in one call, on this
 * thread, without the page's slices and worker thread. */
static void
test_tiles (Fixture       *f,
            gconstpointer  data)
{
  const CsmKpiReport *report = csm_reports_page_get_report (f->page);
  const CsmKpiOptions *options = csm_reports_page_get_options (f->page);
  CsmSyncEngine *engine = csm_context_get_engine (f->context);
  g_autoptr(GHashTable) histories = load_histories (f);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  CsmKpiRow *direct;
  gint64 from, to;

  g_assert_true (csm_kpi_period_range (CSM_KPI_PERIOD_LAST_7_DAYS, report->now, tz, NULL, NULL,
                                       &from, &to));
  g_assert_cmpint (report->from, ==, from);
  g_assert_cmpint (report->to, ==, to);
  rows = csm_kpi_compute (csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine)),
                          histories, options, from, to, report->now);
  direct = rows->pdata[0];
  g_assert_cmpuint (direct->created, >, 100);
  g_assert_cmpuint (direct->resolved, >, 100);
  for (CsmKpi kpi = 0; kpi < CSM_KPI_COUNT; kpi++)
    {
      g_autofree char *want = csm_kpi_format_value (kpi, csm_kpi_row_value (direct, kpi,
                                                                           CSM_KPI_STAT_MEDIAN));
      CsmKpiTile *tile = CSM_KPI_TILE (csm_reports_page_get_tile (f->page, kpi));

      g_test_message ("%s: %s (%s)", csm_kpi_get_key (kpi), csm_kpi_tile_get_value_text (tile),
                      csm_kpi_tile_get_change_text (tile));
      g_assert_cmpstr (csm_kpi_tile_get_value_text (tile), ==, want);
      g_assert_nonnull (csm_kpi_tile_get_formula (tile));
    }
  /* The demo's days are alike: the week before has something to compare. */
  g_assert_cmpuint (report->previous->created, >, 0);
  g_assert_null (strstr (csm_kpi_tile_get_change_text (CSM_KPI_TILE (
                           csm_reports_page_get_tile (f->page, CSM_KPI_CREATED))), "nothing"));
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "reports-week"));
  /* Further down: the charts, the tables and friction. */
  {
    g_autoptr(GPtrArray) scrollers = csm_test_find_all (GTK_WIDGET (f->page),
                                                        GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = NULL;

    /* The page's own scroller: the one that is an ancestor of the tiles. */
    for (guint i = 0; i < scrollers->len && adjustment == NULL; i++)
      if (gtk_widget_is_ancestor (csm_reports_page_get_tile (f->page, 0), scrollers->pdata[i]))
        adjustment = gtk_scrolled_window_get_vadjustment (scrollers->pdata[i]);
    g_assert_nonnull (adjustment);

    for (guint step = 1; step <= 3; step++)
      {
        g_autofree char *name = g_strdup_printf ("reports-week-%u", step);

        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * step / 4);
        csm_test_wait_frames (GTK_WIDGET (f->window), 2);
        g_free (csm_test_screenshot (GTK_WIDGET (f->window), name));
      }
  }
}

/* The agents' table has a row an agent with the report's figures. */
static void
test_tables (Fixture       *f,
             gconstpointer  data)
{
  const CsmKpiReport *report = csm_reports_page_get_report (f->page);
  GtkWidget *agents = csm_reports_page_get_table (f->page, TRUE);
  GtkWidget *groups = csm_reports_page_get_table (f->page, FALSE);

  g_assert_cmpuint (g_list_model_get_n_items (csm_kpi_table_get_model (CSM_KPI_TABLE (agents))),
                    ==, report->by_agent->len);
  g_assert_cmpuint (g_list_model_get_n_items (csm_kpi_table_get_model (CSM_KPI_TABLE (groups))),
                    ==, report->by_queue->len);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "reports.groups", "s",
                                             "channel"));
  g_assert_cmpuint (g_list_model_get_n_items (csm_kpi_table_get_model (CSM_KPI_TABLE (groups))),
                    ==, report->by_channel->len);
}

static CsmDrilldownWindow *
find_drilldown (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CSM_IS_DRILLDOWN_WINDOW (window))
        return CSM_DRILLDOWN_WINDOW (window);
    }
  return NULL;
}

static gboolean
drilldown_open (gpointer data)
{
  return find_drilldown () != NULL;
}

/* A tile opens the very tickets it counted; so does a group's row. */
static void
test_drill_down (Fixture       *f,
                 gconstpointer  data)
{
  const CsmKpiReport *report = csm_reports_page_get_report (f->page);
  const CsmKpiRow *billing = NULL;
  CsmDrilldownWindow *window;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "reports.drill-down", "(sssi)",
                                             "resolved", "none", "", -1));
  g_assert_true (csm_test_wait_until (drilldown_open, NULL, 10000));
  window = find_drilldown ();
  g_assert_cmpuint (g_list_model_get_n_items (csm_drilldown_window_get_model (window)), ==,
                    report->total->resolved);
  csm_test_wait_frames (GTK_WIDGET (window), 2);
  g_free (csm_test_screenshot (GTK_WIDGET (window), "reports-drilldown"));
  gtk_window_destroy (GTK_WINDOW (window));

  /* A column of the volume chart: the tickets created that day. */
  {
    GListModel *layers = NULL;
    g_autoptr(CsmChartLayer) created = NULL;
    g_autoptr(GPtrArray) all = csm_test_find_all (GTK_WIDGET (f->page), CSM_TYPE_CHART);

    g_assert_cmpuint (all->len, ==, 8);   /* seven over time, and friction */
    layers = csm_chart_get_layers (CSM_CHART (all->pdata[0]));
    g_assert_cmpstr (csm_chart_get_title (CSM_CHART (all->pdata[0])), ==, "Created and resolved");
    g_assert_cmpuint (g_list_model_get_n_items (layers), ==, 3);   /* created, resolved, before */
    created = g_list_model_get_item (layers, 0);
    g_assert_cmpuint (g_list_model_get_n_items (csm_chart_layer_get_model (created)), ==,
                      report->series->len);
    g_signal_emit_by_name (all->pdata[0], "point-activated", created, 2u);
    g_assert_true (csm_test_wait_until (drilldown_open, NULL, 10000));
    window = find_drilldown ();
    g_assert_cmpuint (g_list_model_get_n_items (csm_drilldown_window_get_model (window)), ==,
                      ((CsmKpiRow *) report->series->pdata[2])->created);
    gtk_window_destroy (GTK_WINDOW (window));

    /* The dashed line: the same day of the week before, as it stood then.
     * Its last day is today a week ago, counted up to this time of day a
     * week ago (previous_now): fewer than that whole day created. */
    {
      g_autoptr(CsmChartLayer) before = g_list_model_get_item (layers, 2);
      guint last = report->previous_series->len - 1;
      const CsmKpiRow *then = report->previous_series->pdata[last];
      gint64 start = g_array_index (report->previous_bounds, gint64, last);
      gint64 end = g_array_index (report->previous_bounds, gint64, last + 1);
      GPtrArray *tickets = csm_ticket_list_get_array (csm_sync_engine_get_tickets (
                                                        csm_context_get_engine (f->context)));
      guint whole_day = 0;

      for (guint i = 0; i < tickets->len; i++)
        {
          gint64 at = csm_ticket_get_created (tickets->pdata[i]);

          whole_day += at >= start && at < end;
        }
      g_assert_true (csm_chart_line_layer_get_dashed (CSM_CHART_LINE_LAYER (before)));
      g_assert_cmpint (report->previous_now, >, start);
      g_assert_cmpint (report->previous_now, <, end);
      g_assert_cmpuint (then->created, >, 0);
      g_assert_cmpuint (then->created, <, whole_day);
      g_signal_emit_by_name (all->pdata[0], "point-activated", before, last);
      g_assert_true (csm_test_wait_until (drilldown_open, NULL, 10000));
      window = find_drilldown ();
      g_assert_cmpuint (g_list_model_get_n_items (csm_drilldown_window_get_model (window)), ==,
                        then->created);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  }

  for (guint i = 0; i < report->by_queue->len; i++)
    if (((CsmKpiRow *) report->by_queue->pdata[i])->csat_responses > 0)
      billing = report->by_queue->pdata[i];
  g_assert_nonnull (billing);
  /* The queue's CSAT cell in the table: its figure's tickets. The cells of
   * the CSAT column are the inscriptions showing CSAT figures; the queue's row is
   * found by its position in the sorted table. */
  {
    GListModel *shown = csm_kpi_table_get_model (CSM_KPI_TABLE (
                                                   csm_reports_page_get_table (f->page, FALSE)));
    g_autoptr(GPtrArray) cells = csm_test_find_all (csm_reports_page_get_table (f->page, FALSE),
                                                     GTK_TYPE_INSCRIPTION);
    g_autofree char *text = csm_kpi_format_value (CSM_KPI_CSAT, billing->csat_percent);
    GtkWidget *cell = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
    for (guint i = 0; i < cells->len && cell == NULL; i++)
      {
        CsmKpiItem *item = g_object_get_data (cells->pdata[i], "item");

        if (item != NULL && GPOINTER_TO_INT (g_object_get_data (cells->pdata[i], "kpi")) ==
                            CSM_KPI_CSAT + 1 &&
            g_strcmp0 (csm_kpi_item_get_row (item)->group, billing->group) == 0)
          cell = cells->pdata[i];
      }
    g_assert_nonnull (cell);
    g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (cell)), ==, text);
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (cell);
      gboolean clicked = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (controllers) && !clicked; i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (GTK_IS_GESTURE_CLICK (controller))
            {
              g_signal_emit_by_name (controller, "pressed", 1, 1.0, 1.0);
              clicked = TRUE;
            }
        }
      g_assert_true (clicked);
    }
  }
  g_assert_true (csm_test_wait_until (drilldown_open, NULL, 10000));
  window = find_drilldown ();
  g_assert_cmpuint (g_list_model_get_n_items (csm_drilldown_window_get_model (window)), ==,
                    billing->csat_responses);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The keyboard's way to a cell: Menu (here its action) on the selected
 * row offers every figure of the row, each opening its tickets. */
static void
test_row_menu (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *table = csm_reports_page_get_table (f->page, FALSE);
  g_autoptr(GPtrArray) views = csm_test_find_all (table, GTK_TYPE_COLUMN_VIEW);
  GtkSelectionModel *selection = gtk_column_view_get_model (views->pdata[0]);
  g_autoptr(CsmKpiItem) first = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  const CsmKpiRow *row = csm_kpi_item_get_row (first);
  g_autofree char *csat = csm_kpi_format_value (CSM_KPI_CSAT, row->csat_percent);
  GtkPopover *menu;
  GMenuModel *model, *figures;
  g_autoptr(GVariant) target = NULL;
  CsmDrilldownWindow *window;
  guint n_figures = 0;

  /* Nothing selected: no menu. */
  g_assert_true (gtk_widget_activate_action (table, "kpi-table.menu", NULL));
  g_assert_null (csm_kpi_table_get_menu (CSM_KPI_TABLE (table)));

  /* The table in view, its first row selected and focused, as a
   * keyboard user would have it. */
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (gtk_widget_get_parent (table),
                                                   GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    graphene_point_t at;

    g_assert_true (gtk_widget_compute_point (table, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                             &GRAPHENE_POINT_INIT (0, 0), &at));
    gtk_adjustment_set_value (adjustment, at.y);
  }
  gtk_selection_model_select_item (selection, 0, TRUE);
  gtk_widget_grab_focus (views->pdata[0]);
  csm_test_wait_frames (GTK_WIDGET (f->window), 3);
  g_assert_true (gtk_widget_activate_action (table, "kpi-table.menu", NULL));
  menu = csm_kpi_table_get_menu (CSM_KPI_TABLE (table));
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (menu)));
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu));
  figures = g_menu_model_get_item_link (model, 0, G_MENU_LINK_SECTION);
  n_figures = g_menu_model_get_n_items (figures);
  g_assert_cmpuint (n_figures, ==, 10);   /* every column but the name */
  for (guint i = 0; i < n_figures && target == NULL; i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GVariant) t = g_menu_model_get_item_attribute_value (figures, i,
                                                                     G_MENU_ATTRIBUTE_TARGET,
                                                                     G_VARIANT_TYPE ("(sssi)"));
      const char *key;

      g_assert_nonnull (t);
      g_variant_get (t, "(&s&s&si)", &key, NULL, NULL, NULL);
      if (g_strcmp0 (key, "csat") != 0)
        continue;
      g_assert_true (g_menu_model_get_item_attribute (figures, i, G_MENU_ATTRIBUTE_LABEL, "s",
                                                      &label));
      g_assert_true (g_str_has_suffix (label, csat));
      target = g_steal_pointer (&t);
    }
  g_assert_nonnull (target);
  csm_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "reports-row-menu"));
  gtk_popover_popdown (menu);

  g_assert_true (gtk_widget_activate_action_variant (table, "reports.drill-down", target));
  g_assert_true (csm_test_wait_until (drilldown_open, NULL, 10000));
  window = find_drilldown ();
  g_assert_cmpuint (g_list_model_get_n_items (csm_drilldown_window_get_model (window)), ==,
                    row->csat_responses);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
counted_split (gpointer data)
{
  Fixture *f = data;

  return counted (f) && csm_reports_page_get_report (f->page)->split_series != NULL;
}

/* Split by agent, the volume chart stacks the five busiest and "Other";
 * an "Other" column opens the tickets every other agent's group created
 * that day, as many as the column counts. */
static void
test_drill_down_other (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  GListModel *layers;
  CsmChartLayer *other = NULL;
  CsmDrilldownWindow *window;
  double value;

  g_settings_set_enum (f->settings, "reports-split", CSM_KPI_GROUP_AGENT);
  g_assert_true (csm_test_wait_until (counted_split, f, 20000));
  all = csm_test_find_all (GTK_WIDGET (f->page), CSM_TYPE_CHART);
  layers = csm_chart_get_layers (CSM_CHART (all->pdata[0]));
  for (guint i = 0; i < g_list_model_get_n_items (layers) && other == NULL; i++)
    {
      g_autoptr(CsmChartLayer) layer = g_list_model_get_item (layers, i);

      if (g_strcmp0 (csm_chart_layer_get_title (layer), "Other") == 0)
        other = layer;
    }
  g_assert_nonnull (other);
  {
    g_autoptr(CsmChartPoint) point = g_list_model_get_item (csm_chart_layer_get_model (other),
                                                            2);

    value = csm_chart_point_get_y (point);
  }
  g_assert_cmpfloat (value, >, 0);
  g_signal_emit_by_name (all->pdata[0], "point-activated", other, 2u);
  g_assert_true (csm_test_wait_until (drilldown_open, NULL, 10000));
  window = find_drilldown ();
  g_assert_cmpuint (g_list_model_get_n_items (csm_drilldown_window_get_model (window)), ==,
                    (guint) value);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
counted_today (gpointer data)
{
  Fixture *f = data;
  const CsmKpiReport *report = csm_reports_page_get_report (f->page);

  return counted (f) && report->bucket == CSM_KPI_BUCKET_HOUR;
}

/* Another period recounts; a bad custom range is refused in words. */
static GtkWidget *
first_figure_cell (GtkWidget   *table,
                   CsmKpiItem **item)
{
  g_autoptr(GPtrArray) cells = csm_test_find_all (table, GTK_TYPE_INSCRIPTION);

  for (guint i = 0; i < cells->len; i++)
    if ((*item = g_object_get_data (cells->pdata[i], "item")) != NULL &&
        GPOINTER_TO_INT (g_object_get_data (cells->pdata[i], "kpi")) == CSM_KPI_RESOLVED + 1)
      return cells->pdata[i];
  return NULL;
}

/* Every bound cell shows its item's figure as the page counted it. */
static guint
check_cells (Fixture   *f,
             GtkWidget *table)
{
  g_autoptr(GPtrArray) cells = csm_test_find_all (table, GTK_TYPE_INSCRIPTION);
  CsmKpiStatistic statistic = g_settings_get_enum (f->settings, "kpi-statistic");
  guint checked = 0;

  for (guint i = 0; i < cells->len; i++)
    {
      CsmKpiItem *item = g_object_get_data (cells->pdata[i], "item");
      int kpi = GPOINTER_TO_INT (g_object_get_data (cells->pdata[i], "kpi")) - 1;
      g_autofree char *text = NULL;

      if (item == NULL)
        continue;
      text = kpi < 0 ? g_strdup (csm_kpi_item_get_name (item))
             : csm_kpi_format_value (kpi, csm_kpi_row_value (csm_kpi_item_get_row (item), kpi,
                                                              statistic));
      g_assert_cmpstr (gtk_inscription_get_text (cells->pdata[i]), ==, text);
      checked++;
    }
  return checked;
}

static void
test_period (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *agents = csm_reports_page_get_table (f->page, TRUE);
  CsmKpiItem *kept_item = NULL;
  GtkWidget *kept = first_figure_cell (agents, &kept_item);
  g_autofree char *week_text = NULL;

  /* A cell of the week's table, to see it take today's figure. */
  g_assert_nonnull (kept);
  g_object_add_weak_pointer (G_OBJECT (kept), (gpointer *) &kept);
  week_text = g_strdup (gtk_inscription_get_text (GTK_INSCRIPTION (kept)));
  g_assert_cmpuint (check_cells (f, agents), >, 0);

  g_settings_set_enum (f->settings, "reports-period", CSM_KPI_PERIOD_TODAY);
  g_assert_true (csm_test_wait_until (counted_today, f, 20000));
  g_assert_cmpuint (csm_reports_page_get_report (f->page)->bounds->len, ==, 25);

  /* The same agent's row widget stayed, and its cells show today's
   * figures, as does every other cell. */
  g_assert_nonnull (kept);
  g_assert_true (g_object_get_data (G_OBJECT (kept), "item") == kept_item);
  g_assert_cmpuint (check_cells (f, agents), >, 0);
  g_test_message ("a cell went from %s to %s resolved", week_text,
                  gtk_inscription_get_text (GTK_INSCRIPTION (kept)));
  /* New figures for the same item, without GTK binding anything: the
   * bound cell follows (CsmKpiItem::changed). */
  {
    CsmKpiRow row = *csm_kpi_item_get_row (kept_item);
    g_autofree char *text = NULL;

    row.resolved += 1000;
    text = g_strdup_printf ("%u", row.resolved);
    csm_kpi_item_set_row (kept_item, &row);
    g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (kept)), ==, text);
    row.resolved -= 1000;
    csm_kpi_item_set_row (kept_item, &row);
  }
  g_object_remove_weak_pointer (G_OBJECT (kept), (gpointer *) &kept);

  /* The agents' table took today's figures, row for row (in place: the
   * same agents as the week's). */
  {
    const CsmKpiReport *today = csm_reports_page_get_report (f->page);
    GListModel *rows = csm_kpi_table_get_model (CSM_KPI_TABLE (
                                                  csm_reports_page_get_table (f->page, TRUE)));

    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, today->by_agent->len);
    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(CsmKpiItem) item = g_list_model_get_item (rows, i);
        const CsmKpiRow *shown = csm_kpi_item_get_row (item);
        gboolean found = FALSE;

        for (guint j = 0; j < today->by_agent->len; j++)
          {
            const CsmKpiRow *row = today->by_agent->pdata[j];

            if (g_strcmp0 (row->group, shown->group) == 0)
              {
                g_assert_cmpuint (shown->resolved, ==, row->resolved);
                g_assert_cmpuint (shown->backlog_end, ==, row->backlog_end);
                g_assert_cmpint (shown->from, ==, today->from);
                found = TRUE;
              }
          }
        g_assert_true (found);
      }
  }

  g_settings_set_string (f->settings, "reports-custom-from", "2026-13-01");
  g_settings_set_enum (f->settings, "reports-period", CSM_KPI_PERIOD_CUSTOM);
  csm_test_drain ();
  g_assert_nonnull (csm_reports_page_get_notice (f->page));
  g_assert_nonnull (strstr (csm_reports_page_get_notice (f->page), "custom range"));
  g_settings_reset (f->settings, "reports-custom-from");
}


/* ------------------------------------------------------------------------ */
/* What is in view first                                                    */

typedef struct
{
  Fixture *f;
  guint counted;
  gint64 frame;              /* the frame clock's counter at "counted" */
  gboolean counting;         /* is_counting() then */
  gboolean tiles_new;        /* the Created tile showed the new total then */
  gboolean agents_new;       /* the agents' table held the new report then */
  gboolean scroll;           /* scroll to the agents' table at "counted" */
  gboolean counting_after_scroll;
  gboolean agents_new_after_scroll;
} Shown;

/* Whether every row of the agents' table is the shown report's. */
static gboolean
agents_are_new (Fixture *f)
{
  const CsmKpiReport *report = csm_reports_page_get_report (f->page);
  GListModel *rows = csm_kpi_table_get_model (CSM_KPI_TABLE (
                                                csm_reports_page_get_table (f->page, TRUE)));

  if (g_list_model_get_n_items (rows) != report->by_agent->len)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CsmKpiItem) item = g_list_model_get_item (rows, i);

      if (csm_kpi_item_get_row (item)->from != report->from)
        return FALSE;
    }
  return TRUE;
}

static GtkAdjustment *
page_adjustment (Fixture *f)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (csm_reports_page_get_table (f->page, TRUE),
                                                 GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

static void
shown_cb (CsmReportsPage *page,
          Shown          *s)
{
  const CsmKpiReport *report = csm_reports_page_get_report (page);
  g_autofree char *created = g_strdup_printf ("%u", report->total->created);

  s->counted++;
  s->frame = gdk_frame_clock_get_frame_counter (gtk_widget_get_frame_clock (GTK_WIDGET (page)));
  s->counting = csm_reports_page_is_counting (page);
  s->tiles_new = csm_test_find_label (csm_reports_page_get_tile (page, CSM_KPI_CREATED), created,
                                      FALSE) != NULL;
  s->agents_new = agents_are_new (s->f);
  if (s->scroll)
    {
      GtkAdjustment *adj = page_adjustment (s->f);
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (csm_reports_page_get_table (page, TRUE),
                                                gtk_widget_get_ancestor (
                                                  csm_reports_page_get_table (page, TRUE),
                                                  GTK_TYPE_SCROLLED_WINDOW), &bounds));
      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + bounds.origin.y);
      s->counting_after_scroll = csm_reports_page_is_counting (page);
      s->agents_new_after_scroll = agents_are_new (s->f);
    }
}

static gboolean
settled (gpointer data)
{
  Shown *s = data;

  return s->counted > 0 && !csm_reports_page_is_counting (s->f->page);
}

typedef struct
{
  Fixture *f;
  guint frames_in_view;      /* frames painted with the agents' table in view */
  guint stale;               /* of which with the table not the shown report's */
  gboolean hide_above;       /* at "counted", hide all that is above the table */
} Watch;

static void
after_paint_cb (GdkFrameClock *clock,
                Watch         *w)
{
  if (csm_reports_page_get_report (w->f->page) == NULL ||
      !csm_widget_in_view (csm_reports_page_get_table (w->f->page, TRUE)))
    return;
  w->frames_in_view++;
  if (!agents_are_new (w->f))
    w->stale++;
}

/* Everything above the agents' table goes: the table comes to the top of
 * the view in the next layout, while it still waits to be filled. */
static void
hide_above_cb (CsmReportsPage *page,
               Watch          *w)
{
  GtkWidget *table = csm_reports_page_get_table (page, TRUE);

  if (!w->hide_above)
    return;
  w->hide_above = FALSE;
  g_assert_false (agents_are_new (w->f));
  for (GtkWidget *child = gtk_widget_get_prev_sibling (table); child != NULL;
       child = gtk_widget_get_prev_sibling (child))
    gtk_widget_set_visible (child, FALSE);
}

/* No frame paints the agents' table with figures other than the shown
 * report's, even when what is above it goes away as a report is shown
 * (the table moved into view by the layout is filled in that frame).
 * What went is shown again. */
static void
never_stale (Fixture *f)
{
  Watch w = { f, 0, 0, TRUE };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  gulong paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &w);
  gulong counted_id = g_signal_connect (f->page, "counted", G_CALLBACK (hide_above_cb), &w);
  Shown s = { f, };
  gulong shown_id = g_signal_connect (f->page, "counted", G_CALLBACK (shown_cb), &s);

  g_settings_set_enum (f->settings, "reports-period", CSM_KPI_PERIOD_THIS_MONTH);
  g_assert_true (csm_test_wait_until (settled, &s, 20000));
  csm_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_false (w.hide_above);
  g_assert_cmpuint (w.frames_in_view, >, 0);
  g_assert_cmpuint (w.stale, ==, 0);
  g_signal_handler_disconnect (clock, paint_id);
  g_signal_handler_disconnect (f->page, counted_id);
  g_signal_handler_disconnect (f->page, shown_id);
  for (GtkWidget *child = gtk_widget_get_prev_sibling (csm_reports_page_get_table (f->page, TRUE));
       child != NULL; child = gtk_widget_get_prev_sibling (child))
    gtk_widget_set_visible (child, TRUE);
  gtk_adjustment_set_value (page_adjustment (f), 0);
  csm_test_wait_frames (GTK_WIDGET (f->window), 2);
}

/* The window goes while the parts out of view wait for the frame: nothing
 * is left to run on the page afterwards. */
static void
gone_while_waiting (Fixture *f)
{
  Shown s = { f, };
  gulong id = g_signal_connect (f->page, "counted", G_CALLBACK (shown_cb), &s);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_settings_set_enum (f->settings, "reports-period", CSM_KPI_PERIOD_LAST_7_DAYS);
  while (s.counted == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (csm_reports_page_is_counting (f->page));
  g_signal_handler_disconnect (f->page, id);
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  /* Longer than the page ever waits for a frame. */
  g_timeout_add_once (400, (GSourceOnceFunc) g_main_loop_quit, loop);
  g_main_loop_run (loop);
}

/* A new report: what is in view (the tiles) is on the page when it says
 * "counted"; the agents' table, below the fold, only after the next frame
 * is painted, and the page says it is still at work until then. Scrolled
 * to meanwhile, the table is filled at once; in view, at once too. */
static void
test_in_view_first (Fixture       *f,
                    gconstpointer  data)
{
  Shown s = { f, };
  gulong id = g_signal_connect (f->page, "counted", G_CALLBACK (shown_cb), &s);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->page));

  g_assert_cmpfloat (gtk_adjustment_get_value (page_adjustment (f)), ==, 0);
  g_assert_true (agents_are_new (f));
  g_settings_set_enum (f->settings, "reports-period", CSM_KPI_PERIOD_TODAY);
  g_assert_true (csm_test_wait_until (settled, &s, 20000));
  g_assert_cmpuint (s.counted, ==, 1);
  g_assert_true (s.tiles_new);
  g_assert_false (s.agents_new);
  g_assert_true (s.counting);
  g_assert_true (agents_are_new (f));
  g_assert_cmpint (gdk_frame_clock_get_frame_counter (clock), >, s.frame);
  g_assert_cmpuint (check_cells (f, csm_reports_page_get_table (f->page, TRUE)), >, 0);

  /* Scrolled to the table before the frame: filled there and then. */
  s.counted = 0;
  s.scroll = TRUE;
  g_settings_set_enum (f->settings, "reports-period", CSM_KPI_PERIOD_YESTERDAY);
  g_assert_true (csm_test_wait_until (settled, &s, 20000));
  g_assert_false (s.agents_new);
  g_assert_true (s.agents_new_after_scroll);
  g_assert_false (s.counting_after_scroll);

  /* The table in view: filled with the rest, before "counted". */
  csm_test_wait_frames (GTK_WIDGET (f->window), 2);
  s.counted = 0;
  s.scroll = FALSE;
  g_settings_set_enum (f->settings, "reports-period", CSM_KPI_PERIOD_LAST_30_DAYS);
  g_assert_true (csm_test_wait_until (settled, &s, 20000));
  g_assert_true (s.agents_new);
  g_assert_cmpuint (check_cells (f, csm_reports_page_get_table (f->page, TRUE)), >, 0);
  g_signal_handler_disconnect (f->page, id);

  /* Back at the top, for what follows (one window: each costs a demo). */
  gtk_adjustment_set_value (page_adjustment (f), 0);
  csm_test_wait_frames (GTK_WIDGET (f->window), 2);
  never_stale (f);
  gone_while_waiting (f);
}


int
main (int   argc,
      char *argv[])
{
  csm_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/reports/tiles", test_tiles);
  ADD ("/gui/reports/tables", test_tables);
  ADD ("/gui/reports/drill-down", test_drill_down);
  ADD ("/gui/reports/drill-down-other", test_drill_down_other);
  ADD ("/gui/reports/row-menu", test_row_menu);
  ADD ("/gui/reports/period", test_period);
  ADD ("/gui/reports/in-view-first", test_in_view_first);

  return g_test_run ();
}
