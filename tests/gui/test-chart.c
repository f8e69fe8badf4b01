/* test-chart.c: the chart widget: normalisation, hover, keyboard and clicks.
 *
 * Known answers first (ranges and ticks worked by hand, stacks summed, a
 * model of any items read through expressions), then the chart in a
 * window under Xvfb: the point under a pointer x, the keyboard's walk and
 * what the accessible description says, a click's point-activated. How it
 * draws is in test-chart-drawing.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "csm-chart-private.h"
#include "csm-test-chart.h"
#include "csm-test-gui.h"

static void
assert_ticks (CsmChart     *chart,
              const double *expected,
              guint         n_expected)
{
  guint n;
  const double *ticks = csm_chart_get_y_ticks (chart, &n);

  g_assert_cmpuint (n, ==, n_expected);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (ticks[i], expected[i], 1e-9);
}

/* Normalisation ------------------------------------------------------------ */

static void
test_auto_y (void)
{
  g_autoptr(CsmChart) chart = csm_test_chart_new ();
  static const double xs[] = { 0, 1, 2 };
  static const double ys[] = { 0, 10, 5 };
  static const double ticks[] = { 0, 2, 4, 6, 8, 10 };
  static const double fractions[] = { 0.3, 1.7 };
  static const double half_ticks[] = { 0, 0.5, 1, 1.5, 2 };
  static const double columns[] = { 5, 7 };
  static const double column_ticks[] = { 0, 2, 4, 6, 8 };
  g_autoptr(GListModel) model = csm_test_chart_points (xs, ys, 3, NULL);
  CsmChartLayer *layer = csm_test_chart_add_layer (chart, csm_chart_line_layer_new ("Created", model));
  CsmChartSeries *series = csm_chart_layer_get_series (layer);
  double lo, hi;

  /* Counts from 0 to 10: five intervals of 2. */
  csm_chart_get_y_range (chart, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 10);
  assert_ticks (chart, ticks, G_N_ELEMENTS (ticks));
  csm_chart_get_x_range (chart, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 2);
  g_assert_cmpfloat_with_epsilon (series->ny[0], 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (series->ny[1], 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (series->ny[2], 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (series->nx[1], 0.5, 1e-12);
  g_assert_cmpuint (csm_chart_get_n_positions (chart), ==, 3);

  /* 0.3 to 1.7: steps of 0.2 would take 8, of 0.5 take 4; a line need not include 0. */
  csm_chart_remove_all_layers (chart);
  {
    g_autoptr(GListModel) m = csm_test_chart_points (xs, fractions, 2, NULL);
    csm_test_chart_add_layer (chart, csm_chart_line_layer_new (NULL, m));
  }
  csm_chart_get_y_range (chart, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (hi, 2.0, 1e-12);
  assert_ticks (chart, half_ticks, G_N_ELEMENTS (half_ticks));

  /* Columns of 5 and 7: from 0, to the tick above 7; whole buckets on x. */
  csm_chart_remove_all_layers (chart);
  {
    g_autoptr(GListModel) m = csm_test_chart_points (xs, columns, 2, NULL);
    csm_test_chart_add_layer (chart, csm_chart_column_layer_new (NULL, m));
  }
  csm_chart_get_y_range (chart, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 8);
  assert_ticks (chart, column_ticks, G_N_ELEMENTS (column_ticks));
  csm_chart_get_x_range (chart, &lo, &hi);
  g_assert_cmpfloat (lo, ==, -0.5);
  g_assert_cmpfloat (hi, ==, 1.5);

  /* A given bound is kept as given. */
  csm_chart_set_y_range (chart, NAN, 100);
  csm_chart_get_y_range (chart, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 100);
}

static char *
adjustment_label (GtkAdjustment *adjustment)
{
  return g_strdup_printf ("day %g", gtk_adjustment_get_lower (adjustment));
}

/* The adjustment's value, none where its page size is 0. */
static double
adjustment_value (GtkAdjustment *adjustment)
{
  return gtk_adjustment_get_page_size (adjustment) > 0 ? gtk_adjustment_get_value (adjustment)
                                                       : NAN;
}

/* Its lower bound, as a whole number. */
static int
adjustment_day (GtkAdjustment *adjustment)
{
  return (int) gtk_adjustment_get_lower (adjustment);
}

static GtkAdjustment *
new_adjustment (double value,
                double lower,
                double page_size)
{
  return g_object_ref_sink (gtk_adjustment_new (value, lower, 100, 1, 1, page_size));
}

/* A layer over a model of any items, read through expressions: here
 * adjustments, x their lower bound (an int), y their value (a property or
 * a closure); no number is a gap; a new item is seen. */
static void
test_expressions (void)
{
  g_autoptr(CsmChart) chart = csm_test_chart_new ();
  g_autoptr(GListStore) store = g_list_store_new (GTK_TYPE_ADJUSTMENT);
  static const double values[] = { 4, 10, 0, 7 };
  CsmChartLayer *layer = csm_chart_line_layer_new ("Backlog", G_LIST_MODEL (store));
  CsmChartSeries *series;
  g_autoptr(GtkAdjustment) later = new_adjustment (20, 4, 1);
  g_autoptr(GtkExpression) day =
    gtk_cclosure_expression_new (G_TYPE_INT, NULL, 0, NULL, G_CALLBACK (adjustment_day), NULL,
                                 NULL);
  g_autoptr(GtkExpression) value =
    gtk_cclosure_expression_new (G_TYPE_DOUBLE, NULL, 0, NULL, G_CALLBACK (adjustment_value),
                                 NULL, NULL);
  g_autoptr(GtkExpression) label =
    gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (adjustment_label),
                                 NULL, NULL);
  g_autoptr(GtkExpression) lower =
    gtk_property_expression_new (GTK_TYPE_ADJUSTMENT, NULL, "lower");
  g_autoptr(GtkExpression) value_property =
    gtk_property_expression_new (GTK_TYPE_ADJUSTMENT, NULL, "value");
  double lo, hi;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      /* The third has no value (page size 0). */
      g_autoptr(GtkAdjustment) adjustment = new_adjustment (values[i], i, i == 2 ? 0 : 1);

      g_list_store_append (store, adjustment);
    }
  csm_chart_layer_set_expressions (layer, day, value, label);
  csm_test_chart_add_layer (chart, layer);
  series = csm_chart_layer_get_series (layer);

  csm_chart_get_y_range (chart, &lo, &hi);
  g_assert_cmpuint (series->n, ==, 4);
  g_assert_cmpfloat (series->x[0], ==, 0);
  g_assert_cmpfloat (series->y[0], ==, 4);
  g_assert_cmpfloat (series->x[1], ==, 1);
  g_assert_cmpfloat (series->y[1], ==, 10);
  g_assert_cmpfloat (series->x[2], ==, 2);
  g_assert_true (isnan (series->y[2]));           /* a gap */
  g_assert_cmpfloat (series->y[3], ==, 7);
  g_assert_cmpstr (csm_chart_point_get_label (series->points->pdata[3]), ==, "day 3");
  g_assert_cmpfloat (hi, ==, 10);
  g_assert_cmpuint (csm_chart_get_n_positions (chart), ==, 4);

  /* A new item, and the value read through a property instead. */
  g_list_store_append (store, later);
  csm_chart_layer_set_expressions (layer, lower, value_property, NULL);
  csm_chart_get_y_range (chart, &lo, &hi);
  series = csm_chart_layer_get_series (layer);
  g_assert_cmpuint (series->n, ==, 5);
  g_assert_cmpfloat (series->y[2], ==, 2);        /* the property has one (clamped to lower) */
  g_assert_cmpfloat (series->x[4], ==, 4);
  g_assert_cmpfloat (series->y[4], ==, 20);
  g_assert_null (csm_chart_point_get_label (series->points->pdata[4]));
  g_assert_cmpfloat (hi, ==, 20);
  g_assert_cmpuint (csm_chart_get_n_positions (chart), ==, 5);

  /* Without expressions, adjustments are not points: nothing to draw. */
  csm_chart_layer_set_expressions (layer, NULL, NULL, NULL);
  csm_chart_get_y_range (chart, &lo, &hi);
  g_assert_false (csm_chart_layer_get_series (layer)->defined);
}

static void
test_stacked (void)
{
  g_autoptr(CsmChart) chart = csm_test_chart_new ();
  static const double xs[] = { 0, 1, 2 };
  static const double a[] = { 3, 4, NAN };
  static const double b[] = { 2, 6, 1 };
  static const double c[] = { 1, 1, 1 };
  g_autoptr(GListModel) ma = csm_test_chart_points (xs, a, 3, NULL);
  g_autoptr(GListModel) mb = csm_test_chart_points (xs, b, 3, NULL);
  g_autoptr(GListModel) mc = csm_test_chart_points (xs, c, 3, NULL);
  CsmChartLayer *la = csm_test_chart_add_layer (chart, csm_chart_column_layer_new ("Open", ma));
  CsmChartLayer *lb = csm_test_chart_add_layer (chart, csm_chart_column_layer_new ("Pending", mb));
  CsmChartLayer *lc = csm_test_chart_add_layer (chart, csm_chart_column_layer_new ("Alone", mc));
  CsmChartSeries *sa, *sb, *sc;
  double lo, hi;

  csm_chart_column_layer_set_stacked (CSM_CHART_COLUMN_LAYER (la), TRUE);
  csm_chart_column_layer_set_stacked (CSM_CHART_COLUMN_LAYER (lb), TRUE);
  csm_chart_get_y_range (chart, &lo, &hi);
  sa = csm_chart_layer_get_series (la);
  sb = csm_chart_layer_get_series (lb);
  sc = csm_chart_layer_get_series (lc);

  /* The tallest stack is 4 + 6 = 10. */
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 10);
  /* Each stacked top is the sum of its own and those below; a gap adds nothing. */
  for (guint i = 0; i < 3; i++)
    {
      double below = isfinite (a[i]) ? a[i] : 0;

      g_assert_cmpfloat (sb->base[i], ==, below);
      g_assert_cmpfloat_with_epsilon (sb->ny[i] * (hi - lo) + lo, below + b[i], 1e-9);
      g_assert_cmpfloat_with_epsilon (sb->nbase[i] * (hi - lo) + lo, below, 1e-9);
      g_assert_cmpfloat (sc->base[i], ==, 0);
    }
  g_assert_cmpfloat (sa->base[0], ==, 0);
  g_assert_true (isnan (sa->ny[2]));
  /* The stack in one place of the bucket, the unstacked layer beside it. */
  g_assert_cmpuint (sa->n_groups, ==, 2);
  g_assert_cmpuint (sa->group, ==, 0);
  g_assert_cmpuint (sb->group, ==, 0);
  g_assert_cmpuint (sc->group, ==, 1);
  g_assert_cmpfloat_with_epsilon (sa->bucket, 1.0 / 3.0, 1e-12);

  /* Unstacked again: side by side, from 0. */
  csm_chart_column_layer_set_stacked (CSM_CHART_COLUMN_LAYER (lb), FALSE);
  csm_chart_get_y_range (chart, &lo, &hi);
  g_assert_cmpfloat (sb->base[1], ==, 0);
  g_assert_cmpuint (sb->group, ==, 1);
  g_assert_cmpuint (sc->group, ==, 2);
  g_assert_cmpuint (sc->n_groups, ==, 3);
}

static void
test_gap (void)
{
  g_autoptr(CsmChart) chart = csm_test_chart_new ();
  static const double xs[] = { 0, 1, 2, 3 };
  static const double ys[] = { 1, NAN, 3, 4 };
  g_autoptr(GListModel) model = csm_test_chart_points (xs, ys, 4, NULL);
  CsmChartLayer *layer = csm_test_chart_add_layer (chart, csm_chart_line_layer_new ("Median", model));
  CsmChartSeries *series;
  g_autofree char *said = NULL;
  double lo, hi;

  csm_chart_get_y_range (chart, &lo, &hi);
  series = csm_chart_layer_get_series (layer);
  g_assert_true (isnan (series->ny[1]));
  g_assert_true (isfinite (series->ny[0]) && isfinite (series->ny[2]));
  /* The gap keeps its x position: hover and the keyboard say "no value". */
  g_assert_cmpuint (csm_chart_get_n_positions (chart), ==, 4);
  g_assert_cmpint (series->at_slot[1], ==, 1);
  said = csm_chart_describe_point (chart, 0, 1);
  g_assert_cmpstr (said, ==, "Median, 1: no value");

  /* Nothing but gaps: no data, the empty text instead. */
  {
    static const double none[] = { NAN, NAN };
    g_autoptr(GListModel) empty = csm_test_chart_points (xs, none, 2, NULL);

    csm_chart_remove_all_layers (chart);
    csm_test_chart_add_layer (chart, csm_chart_line_layer_new ("Median", empty));
    csm_chart_ensure (chart);
    g_assert_false (chart->has_data);
  }
}

/* In a window --------------------------------------------------------------- */

static void
test_nearest (void)
{
  g_autoptr(CsmChart) chart = csm_test_chart_new ();
  double xs[10], ys[10];
  g_autoptr(GListModel) model = NULL;
  GtkWindow *window;
  double x3, spacing, y;
  CsmChartTarget hover;

  for (guint i = 0; i < 10; i++)
    {
      xs[i] = i;
      ys[i] = i * i;
    }
  model = csm_test_chart_points (xs, ys, 10, "squared");
  csm_test_chart_add_layer (chart, csm_chart_line_layer_new ("Squares", model));
  window = csm_test_chart_show (chart, 600, 300);

  x3 = csm_chart_slot_x (chart, 3);
  spacing = csm_chart_slot_x (chart, 4) - x3;
  g_assert_cmpfloat (spacing, >, 20);
  g_assert_cmpint (csm_chart_nearest_slot (chart, x3), ==, 3);
  g_assert_cmpint (csm_chart_nearest_slot (chart, x3 + 0.4 * spacing), ==, 3);
  g_assert_cmpint (csm_chart_nearest_slot (chart, x3 + 0.6 * spacing), ==, 4);
  g_assert_cmpint (csm_chart_nearest_slot (chart, x3 - 0.6 * spacing), ==, 2);
  g_assert_cmpint (csm_chart_nearest_slot (chart, -100), ==, 0);
  g_assert_cmpint (csm_chart_nearest_slot (chart, 5000), ==, 9);

  y = chart->geometry.plot_y + chart->geometry.plot_h / 2;
  csm_chart_hover_at (chart, x3 + 0.3 * spacing, y);
  hover = csm_chart_get_hover (chart);
  g_assert_cmpint (hover.slot, ==, 3);
  csm_test_wait_frames (GTK_WIDGET (window), 2);
  g_free (csm_test_screenshot (GTK_WIDGET (window), "chart-hover"));
  /* Off the plot (the title row): no hover. */
  csm_chart_hover_at (chart, x3, 2);
  g_assert_cmpint (csm_chart_get_hover (chart).slot, ==, -1);
  csm_chart_hover_at (chart, x3, y);
  csm_chart_hover_leave (chart);
  g_assert_cmpint (csm_chart_get_hover (chart).slot, ==, -1);

  gtk_window_destroy (window);
}

typedef struct
{
  CsmChartLayer *layer;
  guint          position;
  guint          count;
} Activated;

static void
on_point_activated (CsmChart      *chart G_GNUC_UNUSED,
                    CsmChartLayer *layer,
                    guint          position,
                    Activated     *activated)
{
  activated->layer = layer;
  activated->position = position;
  activated->count++;
}

static void
test_keyboard (void)
{
  g_autoptr(CsmChart) chart = csm_test_chart_new ();
  static const double xs[] = { 0, 1, 2, 3, 4 };
  static const double created[] = { 3, 5, NAN, 2, 8 };
  static const double resolved[] = { 1, 4, 2, 2, 6 };
  g_autoptr(GListModel) mc = csm_test_chart_points (xs, created, 5, "created");
  g_autoptr(GListModel) mr = csm_test_chart_points (xs, resolved, 5, NULL);
  CsmChartLayer *lc = csm_test_chart_add_layer (chart, csm_chart_line_layer_new ("Created", mc));
  CsmChartLayer *lr = csm_test_chart_add_layer (chart, csm_chart_column_layer_new ("Resolved", mr));
  Activated activated = { NULL, 0, 0 };
  GtkWindow *window;

  csm_chart_set_title (chart, "Tickets");
  csm_chart_set_description (chart, "Tickets created and resolved per day");
  g_signal_connect (chart, "point-activated", G_CALLBACK (on_point_activated), &activated);
  window = csm_test_chart_show (chart, 600, 300);
  gtk_test_accessible_assert_role (chart, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_LABEL, "Tickets");
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (chart)));

  /* The window gave its only focusable widget the focus (whether the X
   * server made the window active, with other tests' windows about, is
   * not this test's business); the keyboard starts on the first point, and
   * the description says it. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (chart));
  g_assert_true (csm_chart_get_focus_layer (chart) == lc);
  g_assert_cmpint (csm_chart_get_focus_position (chart), ==, 0);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Created, day 0: 3 created\n"
                                       "Tickets created and resolved per day");
  csm_chart_set_focus_point (chart, NULL, 0);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Tickets created and resolved per day");

  /* With no point focused, the first key lands on the first point. */
  g_assert_true (csm_chart_handle_key (chart, GDK_KEY_Right, 0));
  g_assert_true (csm_chart_get_focus_layer (chart) == lc);
  g_assert_cmpint (csm_chart_get_focus_position (chart), ==, 0);
  g_assert_true (csm_chart_handle_key (chart, GDK_KEY_Right, 0));
  g_assert_cmpint (csm_chart_get_focus_position (chart), ==, 1);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Created, day 1: 5 created\n"
                                       "Tickets created and resolved per day");
  /* A gap is visited, and said as such. */
  g_assert_true (csm_chart_handle_key (chart, GDK_KEY_Right, 0));
  g_assert_cmpint (csm_chart_get_focus_position (chart), ==, 2);
  g_assert_cmpstr (csm_chart_get_focus_text (chart), ==, "Created, day 2: none");

  g_assert_true (csm_chart_handle_key (chart, GDK_KEY_End, 0));
  g_assert_cmpint (csm_chart_get_focus_position (chart), ==, 4);
  g_assert_true (csm_chart_handle_key (chart, GDK_KEY_Right, 0));
  g_assert_cmpint (csm_chart_get_focus_position (chart), ==, 4);

  /* Up to the next layer at the same x; its point has no label: the axes say it. */
  g_assert_true (csm_chart_handle_key (chart, GDK_KEY_Up, 0));
  g_assert_true (csm_chart_get_focus_layer (chart) == lr);
  g_assert_cmpint (csm_chart_get_focus_position (chart), ==, 4);
  g_assert_cmpstr (csm_chart_get_focus_text (chart), ==, "Resolved, 4: 6");
  g_assert_true (csm_chart_handle_key (chart, GDK_KEY_Up, 0));
  g_assert_true (csm_chart_get_focus_layer (chart) == lr);
  g_assert_true (csm_chart_handle_key (chart, GDK_KEY_Home, 0));
  g_assert_cmpint (csm_chart_get_focus_position (chart), ==, 0);
  g_assert_true (csm_chart_handle_key (chart, GDK_KEY_Down, 0));
  g_assert_true (csm_chart_get_focus_layer (chart) == lc);
  g_assert_cmpint (csm_chart_get_focus_position (chart), ==, 0);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Created, day 0: 3 created\n"
                                       "Tickets created and resolved per day");

  /* Enter and space activate the focused point. */
  g_assert_true (csm_chart_handle_key (chart, GDK_KEY_Right, 0));
  g_assert_true (csm_chart_handle_key (chart, GDK_KEY_Return, 0));
  g_assert_cmpuint (activated.count, ==, 1);
  g_assert_true (activated.layer == lc);
  g_assert_cmpuint (activated.position, ==, 1);
  g_assert_true (csm_chart_handle_key (chart, GDK_KEY_space, 0));
  g_assert_cmpuint (activated.count, ==, 2);
  /* Keys it has no use for go on to the window. */
  g_assert_false (csm_chart_handle_key (chart, GDK_KEY_a, 0));
  g_assert_false (csm_chart_handle_key (chart, GDK_KEY_Right, GDK_CONTROL_MASK));

  /* Menu (and Shift+F10) open the context menu of the save actions. */
  g_assert_true (csm_chart_handle_key (chart, GDK_KEY_F10, GDK_SHIFT_MASK));
  g_assert_nonnull (chart->menu);
  g_assert_true (gtk_widget_get_visible (chart->menu));
  gtk_popover_popdown (GTK_POPOVER (chart->menu));
  {
    GType owner;
    const GVariantType *parameter;
    const char *name, *property;
    gboolean found_png = FALSE, found_svg = FALSE;

    /* GTK 4.8 writes every out argument: none may be NULL. */
    for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (chart), i, &owner,
                                                      &name, &parameter, &property); i++)
      {
        found_png |= g_str_equal (name, "chart.save-png");
        found_svg |= g_str_equal (name, "chart.save-svg");
      }
    g_assert_true (found_png && found_svg);
  }

  /* A point removed from under the focus: it stays within the model. */
  g_list_store_remove (G_LIST_STORE (mc), 4);
  g_list_store_remove (G_LIST_STORE (mc), 3);
  g_list_store_remove (G_LIST_STORE (mc), 2);
  csm_chart_handle_key (chart, GDK_KEY_End, 0);
  g_assert_cmpint (csm_chart_get_focus_position (chart), ==, 1);

  g_signal_handlers_disconnect_by_func (chart, on_point_activated, &activated);
  gtk_window_destroy (window);
}

static void
test_click (void)
{
  g_autoptr(CsmChart) chart = csm_test_chart_new ();
  static const double xs[] = { 0, 1, 2, 3 };
  static const double ys[] = { 2, 8, 4, 1 };
  static const double zs[] = { 6, 6, 6, 6 };
  g_autoptr(GListModel) model = csm_test_chart_points (xs, ys, 4, NULL);
  g_autoptr(GListModel) flat = csm_test_chart_points (xs, zs, 4, NULL);
  CsmChartLayer *columns = csm_test_chart_add_layer (chart, csm_chart_column_layer_new ("Solved", model));
  CsmChartLayer *line = csm_test_chart_add_layer (chart, csm_chart_line_layer_new ("Target", flat));
  Activated activated = { NULL, 0, 0 };
  CsmChartFrame frame;
  CsmChartSeries *series;
  GtkWindow *window;
  double x, y;

  csm_chart_set_x_step (chart, 1);
  g_signal_connect (chart, "point-activated", G_CALLBACK (on_point_activated), &activated);
  window = csm_test_chart_show (chart, 600, 300);
  csm_chart_init_frame (chart, &frame);
  series = csm_chart_layer_get_series (columns);

  /* The middle of the tall column at x = 1. */
  x = csm_chart_slot_x (chart, 1);
  y = csm_chart_frame_py (&frame, series->ny[1] / 2 + series->nbase[1] / 2);
  g_assert_true (csm_chart_click_at (chart, x + 3, y));
  g_assert_cmpuint (activated.count, ==, 1);
  g_assert_true (activated.layer == columns);
  g_assert_cmpuint (activated.position, ==, 1);
  g_assert_true (csm_chart_get_focus_layer (chart) == columns);

  /* On the target line above the short column at x = 3. */
  x = csm_chart_slot_x (chart, 3);
  y = csm_chart_frame_py (&frame, csm_chart_layer_get_series (line)->ny[3]);
  g_assert_true (csm_chart_click_at (chart, x - 4, y + 2));
  g_assert_cmpuint (activated.count, ==, 2);
  g_assert_true (activated.layer == line);
  g_assert_cmpuint (activated.position, ==, 3);

  /* Far above everything: nothing. */
  g_assert_false (csm_chart_click_at (chart, x, frame.plot_y + 2));
  g_assert_cmpuint (activated.count, ==, 2);

  g_signal_handlers_disconnect_by_func (chart, on_point_activated, &activated);
  gtk_window_destroy (window);
}

/* Times tick at steps a person reads: 600 s to 7,830 s (2 h 10 min 30 s)
 * by half hours up to 2 h 30 min, not by 2,000 s. */
static void
test_duration_ticks (void)
{
  g_autoptr(CsmChart) chart = csm_test_chart_new ();
  static const double xs[] = { 0, 1, 2 };
  static const double ys[] = { 600, 7830, 2400 };
  static const double ticks[] = { 0, 1800, 3600, 5400, 7200, 9000 };
  g_autoptr(GListModel) model = csm_test_chart_points (xs, ys, 3, NULL);
  double lo, hi;

  csm_test_chart_add_layer (chart, csm_chart_line_layer_new ("FRT", model));
  csm_chart_set_y_durations (chart, TRUE);
  csm_chart_get_y_range (chart, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 9000);
  assert_ticks (chart, ticks, G_N_ELEMENTS (ticks));
}

int
main (int   argc,
      char *argv[])
{
  csm_test_gui_init (&argc, &argv);

  g_test_add_func ("/gui/chart/normalise/auto-y", test_auto_y);
  g_test_add_func ("/gui/chart/normalise/stacked", test_stacked);
  g_test_add_func ("/gui/chart/normalise/expressions", test_expressions);
  g_test_add_func ("/gui/chart/normalise/gap", test_gap);
  g_test_add_func ("/gui/chart/normalise/duration-ticks", test_duration_ticks);
  g_test_add_func ("/gui/chart/hover/nearest", test_nearest);
  g_test_add_func ("/gui/chart/keyboard", test_keyboard);
  g_test_add_func ("/gui/chart/click", test_click);

  return g_test_run ();
}
