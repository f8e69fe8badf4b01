/* bench-chart.c: hovering a chart of 720 points (a month of hours, 3 layers): time per frame.
 *
 * A window with a chart of a line, columns and a dashed previous-period
 * line, 720 points each. Once it is drawn, a tick callback moves a
 * simulated pointer across the plot one step per frame, through the same
 * function the motion controller calls (csm_chart_hover_at ()), for 5 s
 * after half a second of warming up. Reports, for the measured frames:
 *   - the work of each frame: from the frame clock's before-paint to its
 *     after-paint (update, layout, snapshot and render), with the X server
 *     synced at the end so that its drawing counts too; the longest, the
 *     mean and how many took over 16 ms;
 *   - the interval between frames (gdk_frame_clock_get_frame_time ()) and
 *     how many intervals missed a frame (over 1.5 refresh intervals);
 *   - what one full redraw of the chart costs (after a data change), for
 *     comparison: what a hover frame does not pay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-chart"

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "csm-chart-private.h"

#define N_POINTS   720
#define HOUR       3600.0
/* Mon 2 Nov 2026, 00:00 UTC. */
#define START      1793577600.0
#define WARM_UP    (G_USEC_PER_SEC / 2)
#define MEASURE    (5 * G_USEC_PER_SEC)
#define BUDGET_US  16000

typedef struct
{
  CsmChart  *chart;
  GtkWindow *window;
  gint64     warm_until;
  gint64     stop_at;
  gint64     frame_start;
  gint64     last_frame_time;
  gint64     refresh_interval;
  GArray    *work;          /* gint64 µs per measured frame */
  GArray    *intervals;     /* gint64 µs between measured frames */
  GHashTable *slots;        /* distinct hover positions reached */
  double     x;
  double     step;
  gboolean   hovering;
  gboolean   done;
} Bench;

static double
created (guint hour,
         double shift)
{
  double h = fmod (hour + shift, 24.0);
  double day_curve = h >= 7 && h <= 19 ? sin ((h - 7) / 12.0 * G_PI) : 0.0;
  guint weekday = (hour / 24) % 7;

  return round ((weekday >= 5 ? 3 : 12) * day_curve + (hour * 7919 % 5));
}

static GListModel *
hourly (double      shift,
        const char *what,
        double      divisor)
{
  GListStore *store = g_list_store_new (CSM_TYPE_CHART_POINT);

  for (guint i = 0; i < N_POINTS; i++)
    {
      double x = START + i * HOUR;
      double y = round (created (i, shift) / divisor);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) x);
      g_autofree char *when = g_date_time_format (dt, "%a %-d %b %H:00");
      g_autofree char *label = g_strdup_printf ("%s: %g %s", when, y, what);
      g_autoptr(CsmChartPoint) point = csm_chart_point_new (x, y, label);

      g_list_store_append (store, point);
    }
  return G_LIST_MODEL (store);
}

static char *
format_day (double   value,
            gpointer data G_GNUC_UNUSED)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) value);

  return g_date_time_format (dt, "%-d %b");
}

static CsmChart *
make_chart (void)
{
  CsmChart *chart = CSM_CHART (csm_chart_new ());
  g_autoptr(GListModel) now = hourly (0, "created", 1);
  g_autoptr(GListModel) solved = hourly (2, "resolved", 1.3);
  g_autoptr(GListModel) before = hourly (5, "created", 1.1);
  g_autoptr(CsmChartLayer) columns = csm_chart_column_layer_new ("Resolved", solved);
  g_autoptr(CsmChartLayer) previous = csm_chart_line_layer_new ("Previous month", before);
  g_autoptr(CsmChartLayer) line = csm_chart_line_layer_new ("Created", now);
  double ticks[N_POINTS / 24];

  for (guint d = 0; d < G_N_ELEMENTS (ticks); d++)
    ticks[d] = START + d * 24 * HOUR;
  csm_chart_line_layer_set_dashed (CSM_CHART_LINE_LAYER (previous), TRUE);
  csm_chart_add_layer (chart, columns);
  csm_chart_add_layer (chart, previous);
  csm_chart_add_layer (chart, line);
  csm_chart_set_title (chart, "Tickets per hour");
  csm_chart_set_x_step (chart, HOUR);
  csm_chart_set_x_ticks (chart, ticks, G_N_ELEMENTS (ticks));
  csm_chart_set_x_format_func (chart, format_day, NULL, NULL);
  return chart;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock G_GNUC_UNUSED,
         gpointer       data)
{
  Bench *b = data;
  const CsmChartGeometry *g = &b->chart->geometry;

  if (b->done)
    return G_SOURCE_REMOVE;
  if (b->step == 0)
    {
      /* Across the plot and back in about five seconds at 60 frames a second. */
      b->x = g->plot_x;
      b->step = g->plot_w / 300;
    }
  b->x += b->step;
  if (b->x > g->plot_x + g->plot_w || b->x < g->plot_x)
    {
      b->step = -b->step;
      b->x += 2 * b->step;
    }
  csm_chart_hover_at (b->chart, b->x, g->plot_y + g->plot_h / 2);
  g_hash_table_add (b->slots, GINT_TO_POINTER (csm_chart_get_hover (b->chart).slot));
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static void
before_paint_cb (GdkFrameClock *clock G_GNUC_UNUSED,
                 Bench         *b)
{
  b->frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *b)
{
  gint64 now, frame_time = gdk_frame_clock_get_frame_time (clock);
  gint64 refresh = 0, presentation = 0;

  if (!b->hovering)
    return;
  /* The X server's share of the drawing counts as the frame's. */
  gdk_display_sync (gtk_widget_get_display (GTK_WIDGET (b->window)));
  now = g_get_monotonic_time ();
  gdk_frame_clock_get_refresh_info (clock, frame_time, &refresh, &presentation);
  b->refresh_interval = refresh;

  if (now >= b->warm_until)
    {
      gint64 work = now - b->frame_start;

      g_array_append_val (b->work, work);
      if (b->last_frame_time != 0)
        {
          gint64 interval = frame_time - b->last_frame_time;

          g_array_append_val (b->intervals, interval);
        }
      b->last_frame_time = frame_time;
    }
  if (now >= b->stop_at)
    b->done = TRUE;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
summarise (GArray     *values,
           gint64      threshold,
           gint64     *longest,
           double     *mean,
           gint64     *median,
           guint      *over)
{
  double sum = 0;

  *longest = 0;
  *over = 0;
  for (guint i = 0; i < values->len; i++)
    {
      gint64 v = g_array_index (values, gint64, i);

      sum += v;
      *longest = MAX (*longest, v);
      *over += v > threshold;
    }
  *mean = values->len ? sum / values->len : 0;
  g_array_sort (values, compare_gint64);
  *median = values->len ? g_array_index (values, gint64, values->len / 2) : 0;
}

/* A full redraw of the chart, as after a data change: layout, axes and all
 * 3 × 720 points, rasterised. */
static double
full_redraw_ms (CsmChart *chart,
                int       width,
                int       height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  gint64 start = g_get_monotonic_time ();
  const guint runs = 20;

  for (guint i = 0; i < runs; i++)
    {
      cairo_t *cr = cairo_create (surface);

      csm_chart_draw (chart, cr, width, height, TRUE);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
    }
  cairo_surface_destroy (surface);
  return (g_get_monotonic_time () - start) / 1000.0 / runs;
}

int
main (void)
{
  Bench b = { 0 };
  GdkFrameClock *clock;
  gint64 longest, median;
  double mean;
  guint over, missed;
  int width, height;

  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  b.work = g_array_new (FALSE, FALSE, sizeof (gint64));
  b.intervals = g_array_new (FALSE, FALSE, sizeof (gint64));
  b.slots = g_hash_table_new (NULL, NULL);
  b.chart = make_chart ();
  b.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (b.window, 1280, 480);
  gtk_window_set_child (b.window, GTK_WIDGET (b.chart));
  gtk_window_present (b.window);

  /* Drawn once, the cache full, before anything is measured. */
  while (!gtk_widget_get_mapped (GTK_WIDGET (b.chart)) ||
         csm_chart_get_n_static_draws (b.chart) == 0)
    g_main_context_iteration (NULL, TRUE);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (b.chart));
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &b);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &b);
  b.hovering = TRUE;
  b.warm_until = g_get_monotonic_time () + WARM_UP;
  b.stop_at = b.warm_until + MEASURE;
  gtk_widget_add_tick_callback (GTK_WIDGET (b.chart), tick_cb, &b, NULL);
  while (!b.done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_data (clock, &b);

  width = gtk_widget_get_width (GTK_WIDGET (b.chart));
  height = gtk_widget_get_height (GTK_WIDGET (b.chart));
  g_print ("chart-hover: %u points x 3 layers (columns, dashed line, line), chart %d x %d px, "
           "plot %.0f px wide; %u static redraws while hovering\n",
           N_POINTS, width, height, b.chart->geometry.plot_w,
           csm_chart_get_n_static_draws (b.chart) - 1);
  g_print ("frames measured: %u in %.1f s, hover at %u distinct x positions\n", b.work->len,
           MEASURE / 1e6, g_hash_table_size (b.slots));

  summarise (b.work, BUDGET_US, &longest, &mean, &median, &over);
  g_print ("frame work (before-paint to after-paint, X server synced): longest %.2f ms, "
           "mean %.2f ms, median %.2f ms, over 16 ms: %u\n",
           longest / 1000.0, mean / 1000.0, median / 1000.0, over);
  summarise (b.intervals, b.refresh_interval * 3 / 2, &longest, &mean, &median, &missed);
  g_print ("frame interval (frame clock): longest %.2f ms, mean %.2f ms, refresh %.2f ms, "
           "missed frames (interval over 1.5 refreshes): %u\n",
           longest / 1000.0, mean / 1000.0, b.refresh_interval / 1000.0, missed);
  g_print ("a full redraw (data changed), for comparison: %.2f ms\n",
           full_redraw_ms (b.chart, width, height));
  g_print ("%s: no frame over 16 ms while hovering\n", over == 0 ? "PASS" : "FAIL");

  gtk_window_destroy (b.window);
  g_array_unref (b.work);
  g_array_unref (b.intervals);
  g_hash_table_unref (b.slots);
  return 0;
}
