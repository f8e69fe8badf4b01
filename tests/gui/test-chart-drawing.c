/* test-chart-drawing.c: the chart widget drawing: saved files, a new point reaching the screen, labels apart, out of view, screenshots.
 *
 * The saved PNG and SVG read back; a model's new point redrawn, and
 * nothing redrawn for hover; scatter labels off each other's points and
 * labels; a chart out of view drawn when idle, not in the frame.
 * Screenshots of the three kinds of chart the reports use go to
 * <build>/tests/screenshots/chart-*.png.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "csm-test-chart.h"
#include "csm-test-gui.h"

static CsmChart *
sample_chart (void)
{
  CsmChart *chart = csm_test_chart_new ();
  static const double xs[] = { 0, 1, 2, 3, 4, 5 };
  static const double ys[] = { 4, 9, 2, 7, NAN, 5 };
  g_autoptr(GListModel) model = csm_test_chart_points (xs, ys, 6, NULL);

  csm_test_chart_add_layer (chart, csm_chart_column_layer_new ("Created", model));
  csm_chart_set_title (chart, "Created per day");
  return chart;
}

static void
test_save_png (void)
{
  g_autoptr(CsmChart) chart = sample_chart ();
  g_autofree char *dir = g_dir_make_tmp ("csm-chart-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  guint32 first;
  guint differing = 0;

  g_assert_true (csm_chart_save_png (chart, file, 400, 250, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 400);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 250);

  pixels = g_malloc (400 * 250 * 4);
  gdk_texture_download (texture, pixels, 400 * 4);
  memcpy (&first, pixels, 4);
  for (guint i = 0; i < 400 * 250; i++)
    differing += memcmp (&first, pixels + i * 4, 4) != 0;
  /* A background, and a good deal drawn on it. */
  g_assert_cmpuint (differing, >, 400 * 250 / 20);

  /* Where it cannot be written: an error, not a crash or a half file. */
  {
    g_autofree char *bad = g_build_filename (dir, "missing", "chart.png", NULL);
    g_autoptr(GFile) nowhere = g_file_new_for_path (bad);
    g_autoptr(GError) expected = NULL;

    g_assert_false (csm_chart_save_png (chart, nowhere, 400, 250, &expected));
    g_assert_error (expected, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_save_svg (void)
{
  g_autoptr(CsmChart) chart = sample_chart ();
  g_autofree char *dir = g_dir_make_tmp ("csm-chart-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (csm_chart_save_svg (chart, file, 500, 300, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "<?xml") || strstr (contents, "<svg") != NULL);
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "<path"));
  g_assert_nonnull (strstr (contents, "width=\"500"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_model_change (void)
{
  g_autoptr(CsmChart) chart = csm_test_chart_new ();
  static const double xs[] = { 0, 1, 2 };
  static const double ys[] = { 1, 2, 3 };
  g_autoptr(GListModel) model = csm_test_chart_points (xs, ys, 3, NULL);
  g_autoptr(CsmChartPoint) point = csm_chart_point_new (3, 20, NULL);
  GtkWindow *window;
  guint serial, draws;
  double lo, hi;

  csm_test_chart_add_layer (chart, csm_chart_line_layer_new ("Backlog", model));
  window = csm_test_chart_show (chart, 500, 250);
  serial = csm_chart_get_serial (chart);
  draws = csm_chart_get_n_static_draws (chart);
  g_assert_cmpuint (draws, >, 0);

  /* Frames without a change reuse the picture. */
  csm_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (csm_chart_get_n_static_draws (chart), ==, draws);
  /* Hover does too: only the overlay is drawn again. */
  csm_chart_hover_at (chart, csm_chart_slot_x (chart, 1), chart->geometry.plot_y + 10);
  csm_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (csm_chart_get_n_static_draws (chart), ==, draws);
  g_assert_cmpuint (csm_chart_get_serial (chart), ==, serial);

  g_list_store_append (G_LIST_STORE (model), point);
  /* Normalised again before the next frame draws, not in it. */
  g_assert_true (chart->dirty);
  for (guint i = 0; i < 100 && chart->dirty; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (chart->dirty);
  g_assert_cmpuint (csm_chart_get_n_static_draws (chart), ==, draws);
  g_assert_cmpuint (csm_chart_get_serial (chart), ==, serial + 1);
  csm_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (csm_chart_get_n_static_draws (chart), >, draws);
  g_assert_cmpuint (csm_chart_get_n_positions (chart), ==, 4);
  csm_chart_get_y_range (chart, &lo, &hi);
  g_assert_cmpfloat (hi, ==, 20);

  gtk_window_destroy (window);
}

/* Two scatter layers crowded together: no label covers another label or
 * any layer's point; what fits nowhere is left to hover. */
static void
test_labels_apart (void)
{
  g_autoptr(CsmChart) chart = csm_test_chart_new ();
  static const double xs[] = { 2.0, 2.1, 2.2, 2.3, 5.0 };
  static const double ys_a[] = { 80, 81, 79, 82, 40 };
  static const double ys_b[] = { 81, 80, 82, 79, 60 };
  g_autoptr(GListModel) a = csm_test_chart_points (xs, ys_a, 5, "queue");
  g_autoptr(GListModel) b = csm_test_chart_points (xs, ys_b, 5, "channel");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 300);
  cairo_t *cr = cairo_create (surface);
  GArray *points, *labels;

  csm_test_chart_add_layer (chart, csm_chart_scatter_layer_new ("Queues", a));
  csm_test_chart_add_layer (chart, csm_chart_scatter_layer_new ("Channels", b));
  csm_chart_set_x_range (chart, 1, 7);
  csm_chart_set_y_range (chart, 0, 100);
  csm_chart_draw (chart, cr, 600, 300, TRUE);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  csm_chart_get_drawn_marks (chart, &points, &labels);
  g_assert_cmpuint (points->len, ==, 10);
  /* The two lone points have room; of the eight crowded, some do not. */
  g_assert_cmpuint (labels->len, >=, 2);
  g_assert_cmpuint (labels->len, <, 10);
  for (guint i = 0; i < labels->len; i++)
    {
      const graphene_rect_t *label = &g_array_index (labels, graphene_rect_t, i);

      for (guint j = 0; j < labels->len; j++)
        if (j != i)
          g_assert_false (graphene_rect_intersection (label, &g_array_index (labels,
                                                                             graphene_rect_t, j),
                                                      NULL));
      for (guint p = 0; p < points->len; p++)
        g_assert_false (graphene_rect_intersection (label, &g_array_index (points,
                                                                           graphene_rect_t, p),
                                                    NULL));
    }
}

static gboolean
drawn_when_idle (gpointer data)
{
  return !csm_chart_is_drawing_deferred (data);
}

/* Below the fold of a scrolled window, a chart whose series changed does
 * not draw in the frame (that frame shows the charts in view): it draws
 * at low priority after it, so it is ready however it comes into view,
 * here by the content above it shrinking, without a scroll. */
static void
test_out_of_view (void)
{
  g_autoptr(CsmChart) chart = csm_test_chart_new ();
  static const double xs[] = { 0, 1, 2 };
  static const double ys[] = { 1, 2, 3 };
  g_autoptr(GListModel) model = csm_test_chart_points (xs, ys, 3, NULL);
  g_autoptr(CsmChartPoint) point = csm_chart_point_new (3, 20, NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *above = gtk_label_new ("Above the chart");
  GtkWidget *below = gtk_label_new ("Below the chart");
  guint draws;

  csm_test_chart_add_layer (chart, csm_chart_line_layer_new ("Backlog", model));
  gtk_widget_set_size_request (above, -1, 1200);
  gtk_widget_set_size_request (below, -1, 200);
  gtk_box_append (GTK_BOX (box), above);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (chart));
  gtk_box_append (GTK_BOX (box), below);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), 500, 400);
  gtk_window_present (GTK_WINDOW (window));
  csm_test_wait_frames (window, 3);

  /* Out of view from the start: drawn when idle all the same. */
  g_assert_false (csm_chart_in_view (chart));
  g_assert_true (csm_test_wait_until (drawn_when_idle, chart, 5000));
  draws = csm_chart_get_n_static_draws (chart);
  g_assert_cmpuint (draws, ==, 1);

  /* New series: the frame's snapshot leaves the picture for later … */
  g_list_store_append (G_LIST_STORE (model), point);
  csm_chart_ensure (chart);
  {
    g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
    g_autoptr(GskRenderNode) node = NULL;

    csm_chart_snapshot_cached (chart, snapshot);
    node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    g_assert_null (node);
  }
  g_assert_cmpuint (csm_chart_get_n_static_draws (chart), ==, draws);
  g_assert_true (csm_chart_is_drawing_deferred (chart));
  /* … and draws it, with the new point, when idle. */
  g_assert_true (csm_test_wait_until (drawn_when_idle, chart, 5000));
  g_assert_cmpuint (csm_chart_get_n_static_draws (chart), ==, draws + 1);
  g_assert_cmpuint (csm_chart_get_n_positions (chart), ==, 4);

  /* Into view without a scroll: the content above shrinks as much as the
   * content below grows. The picture is the one drawn when idle. */
  gtk_widget_set_size_request (above, -1, 100);
  gtk_widget_set_size_request (below, -1, 1300);
  csm_test_wait_frames (window, 3);
  g_assert_true (csm_chart_in_view (chart));
  g_assert_false (csm_chart_is_drawing_deferred (chart));
  g_assert_cmpuint (csm_chart_get_n_static_draws (chart), ==, draws + 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Screenshots ---------------------------------------------------------------- */

#define DAY 86400.0
/* Mon 2 Nov 2026, 00:00 UTC (TZ=UTC in tests). */
#define START 1793577600.0

static char *
format_day (double   value,
            gpointer data G_GNUC_UNUSED)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) value);

  return g_date_time_format (dt, "%-d %b");
}

static char *
format_hours (double   value,
              gpointer data G_GNUC_UNUSED)
{
  return g_strdup_printf ("%g h", value);
}

static GListModel *
daily (guint        n_days,
       double       offset,
       const char  *what,
       double     (*value) (guint day))
{
  GListStore *store = g_list_store_new (CSM_TYPE_CHART_POINT);

  for (guint d = 0; d < n_days; d++)
    {
      double x = START + d * DAY;
      double y = value (d);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) (x + offset));
      g_autofree char *date = g_date_time_format (dt, "%a %-d %b");
      g_autofree char *label = isfinite (y) ? g_strdup_printf ("%s: %g %s", date, y, what)
                                            : g_strdup_printf ("%s: none", date);
      g_autoptr(CsmChartPoint) point = csm_chart_point_new (x, y, label);

      g_list_store_append (store, point);
    }
  return G_LIST_MODEL (store);
}

static double
created_now (guint day)
{
  return day % 7 >= 5 ? 12 + day % 3 : round (38 + 9 * sin (day * 0.7) + day % 4 * 2);
}

static double
created_before (guint day)
{
  return day % 7 >= 5 ? 10 + day % 2 : round (33 + 7 * cos (day * 0.5) + day % 3 * 2);
}

static double
solved (guint day)
{
  return day % 7 >= 5 ? 4 : 20 + day % 5 * 3;
}

static double
pending (guint day)
{
  return day % 7 >= 5 ? 2 : 8 + day % 3 * 2;
}

static double
escalated (guint day)
{
  return day % 4 == 0 ? 3 : 1;
}

static void
shoot (CsmChart   *chart,
       const char *name,
       int         width,
       int         height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  /* On the window's background with a margin, as a page shows it. */
  gtk_widget_set_margin_start (GTK_WIDGET (chart), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (chart), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (chart), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (chart), 12);
  gtk_widget_set_vexpand (GTK_WIDGET (chart), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (chart));
  gtk_window_set_child (window, box);
  gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);
  /* As after a click: the keyboard's ring and box only show once it is used. */
  gtk_window_set_focus_visible (window, FALSE);
  g_free (csm_test_screenshot (GTK_WIDGET (window), name));

  /* Hovering the middle, as a person reading it would. */
  csm_chart_ensure (chart);
  if (chart->positions->len > 0)
    {
      csm_chart_hover_at (chart, csm_chart_slot_x (chart, chart->positions->len / 2),
                          chart->geometry.plot_y + chart->geometry.plot_h / 2);
      {
        g_autofree char *hover_name = g_strconcat (name, "-hover", NULL);
        g_free (csm_test_screenshot (GTK_WIDGET (window), hover_name));
      }
    }
  gtk_window_destroy (window);
}

static void
test_screenshots (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  double ticks[30];

  for (guint d = 0; d < 30; d++)
    ticks[d] = START + d * DAY;

  for (int dark = 0; dark <= 1; dark++)
    {
      g_autoptr(CsmChart) line = csm_test_chart_new ();
      g_autoptr(CsmChart) stacked = csm_test_chart_new ();
      g_autoptr(CsmChart) scatter = csm_test_chart_new ();
      const char *suffix = dark ? "-dark" : "";

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);

      /* A month of created tickets over the previous month's, dashed. */
      {
        g_autoptr(GListModel) now = daily (30, 0, "created", created_now);
        g_autoptr(GListModel) before = daily (30, -30 * DAY, "created", created_before);
        CsmChartLayer *previous;
        g_autofree char *name = g_strconcat ("chart-line", suffix, NULL);

        csm_chart_set_title (line, "Tickets created");
        csm_chart_set_description (line, "Tickets created per day in November, with October");
        previous = csm_test_chart_add_layer (line, csm_chart_line_layer_new ("October", before));
        csm_chart_line_layer_set_dashed (CSM_CHART_LINE_LAYER (previous), TRUE);
        csm_test_chart_add_layer (line, csm_chart_line_layer_new ("November", now));
        csm_chart_set_x_step (line, DAY);
        csm_chart_set_x_ticks (line, ticks, G_N_ELEMENTS (ticks));
        csm_chart_set_x_format_func (line, format_day, NULL, NULL);
        shoot (line, name, 760, 340);
      }

      /* Two weeks of solved, pending and escalated, stacked. */
      {
        g_autoptr(GListModel) s = daily (14, 0, "solved", solved);
        g_autoptr(GListModel) p = daily (14, 0, "pending", pending);
        g_autoptr(GListModel) e = daily (14, 0, "escalated", escalated);
        g_autofree char *name = g_strconcat ("chart-stacked", suffix, NULL);
        CsmChartLayer *layers[3];

        csm_chart_set_title (stacked, "Outcomes per day");
        layers[0] = csm_test_chart_add_layer (stacked, csm_chart_column_layer_new ("Solved", s));
        layers[1] = csm_test_chart_add_layer (stacked, csm_chart_column_layer_new ("Pending", p));
        layers[2] = csm_test_chart_add_layer (stacked, csm_chart_column_layer_new ("Escalated", e));
        for (guint i = 0; i < 3; i++)
          csm_chart_column_layer_set_stacked (CSM_CHART_COLUMN_LAYER (layers[i]), TRUE);
        csm_chart_set_x_step (stacked, DAY);
        csm_chart_set_x_ticks (stacked, ticks, 14);
        csm_chart_set_x_format_func (stacked, format_day, NULL, NULL);
        shoot (stacked, name, 760, 340);
      }

      /* Queues by first response and backlog, in quadrants. */
      {
        static const char *queues[] = { "General", "Billing", "Hardware", "Returns", "VIP",
                                        "Shipping", "Accounts" };
        static const double frt[] = { 3.2, 6.5, 8.1, 1.5, 0.8, 4.6, 2.2 };
        static const double backlog[] = { 42, 18, 35, 12, 4, 27, 9 };
        GListStore *store = g_list_store_new (CSM_TYPE_CHART_POINT);
        g_autoptr(GListModel) model = G_LIST_MODEL (store);
        g_autofree char *name = g_strconcat ("chart-scatter", suffix, NULL);

        for (guint i = 0; i < G_N_ELEMENTS (queues); i++)
          {
            g_autoptr(CsmChartPoint) point = csm_chart_point_new (frt[i], backlog[i], queues[i]);
            g_list_store_append (store, point);
          }
        csm_chart_set_title (scatter, "Friction by queue");
        csm_test_chart_add_layer (scatter, csm_chart_scatter_layer_new ("Queues", model));
        csm_chart_set_references (scatter, 4, 20);
        csm_chart_set_x_format_func (scatter, format_hours, NULL, NULL);
        shoot (scatter, name, 560, 380);
      }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* A period with nothing in it: the empty text, no axes to misread. */
  {
    static const double xs[] = { 0, 1, 2 };
    static const double none[] = { NAN, NAN, NAN };
    g_autoptr(CsmChart) empty = csm_test_chart_new ();
    g_autoptr(GListModel) model = csm_test_chart_points (xs, none, 3, NULL);

    csm_chart_set_title (empty, "Median first response");
    csm_chart_set_empty_text (empty, "No ticket got a first response in this period");
    csm_test_chart_add_layer (empty, csm_chart_line_layer_new ("Median", model));
    shoot (empty, "chart-empty", 560, 300);
  }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  csm_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  csm_test_gui_init (&argc, &argv);

  g_test_add_func ("/gui/chart/save/png", test_save_png);
  g_test_add_func ("/gui/chart/save/svg", test_save_svg);
  g_test_add_func ("/gui/chart/model-change", test_model_change);
  g_test_add_func ("/gui/chart/out-of-view", test_out_of_view);
  g_test_add_func ("/gui/chart/labels-apart", test_labels_apart);
  g_test_add_func ("/gui/chart/screenshots", test_screenshots);

  return g_test_run ();
}
