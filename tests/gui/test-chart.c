/* test-chart.c: the chart widget: normalisation, hover, keyboard, clicks, export, and how it looks.
 *
 * Known answers first (ranges and ticks worked by hand, stacks summed),
 * then the chart in a window under Xvfb: the point under a pointer x, the
 * keyboard's walk and what the accessible description says, a click's
 * point-activated, the saved files read back, a model's new point reaching
 * the screen. Screenshots of the three kinds of chart the reports use go
 * to <build>/tests/screenshots/chart-*.png.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "csm-chart-private.h"
#include "csm-test-gui.h"

static GListModel *
make_points (const double *xs,
             const double *ys,
             guint         n,
             const char   *what)
{
  GListStore *store = g_list_store_new (CSM_TYPE_CHART_POINT);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(CsmChartPoint) point = NULL;

      /* With @what, each point says itself: "day 1: 5 created". */
      if (what != NULL)
        label = isfinite (ys[i]) ? g_strdup_printf ("day %g: %g %s", xs[i], ys[i], what)
                                 : g_strdup_printf ("day %g: none", xs[i]);
      point = csm_chart_point_new (xs[i], ys[i], label);
      g_list_store_append (store, point);
    }
  return G_LIST_MODEL (store);
}

static CsmChart *
new_chart (void)
{
  return g_object_ref_sink (CSM_CHART (csm_chart_new ()));
}

static CsmChartLayer *
add_layer (CsmChart      *chart,
           CsmChartLayer *layer)
{
  csm_chart_add_layer (chart, layer);
  g_object_unref (layer);
  return layer;
}

static GtkWindow *
show_in_window (CsmChart *chart,
                int       width,
                int       height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, GTK_WIDGET (chart));
  gtk_window_present (window);
  csm_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (chart)), ==, width);
  return window;
}

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
  g_autoptr(CsmChart) chart = new_chart ();
  static const double xs[] = { 0, 1, 2 };
  static const double ys[] = { 0, 10, 5 };
  static const double ticks[] = { 0, 2, 4, 6, 8, 10 };
  static const double fractions[] = { 0.3, 1.7 };
  static const double half_ticks[] = { 0, 0.5, 1, 1.5, 2 };
  static const double columns[] = { 5, 7 };
  static const double column_ticks[] = { 0, 2, 4, 6, 8 };
  g_autoptr(GListModel) model = make_points (xs, ys, 3, NULL);
  CsmChartLayer *layer = add_layer (chart, csm_chart_line_layer_new ("Created", model));
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
    g_autoptr(GListModel) m = make_points (xs, fractions, 2, NULL);
    add_layer (chart, csm_chart_line_layer_new (NULL, m));
  }
  csm_chart_get_y_range (chart, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (hi, 2.0, 1e-12);
  assert_ticks (chart, half_ticks, G_N_ELEMENTS (half_ticks));

  /* Columns of 5 and 7: from 0, to the tick above 7; whole buckets on x. */
  csm_chart_remove_all_layers (chart);
  {
    g_autoptr(GListModel) m = make_points (xs, columns, 2, NULL);
    add_layer (chart, csm_chart_column_layer_new (NULL, m));
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
  g_autoptr(CsmChart) chart = new_chart ();
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
  add_layer (chart, layer);
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
  g_autoptr(CsmChart) chart = new_chart ();
  static const double xs[] = { 0, 1, 2 };
  static const double a[] = { 3, 4, NAN };
  static const double b[] = { 2, 6, 1 };
  static const double c[] = { 1, 1, 1 };
  g_autoptr(GListModel) ma = make_points (xs, a, 3, NULL);
  g_autoptr(GListModel) mb = make_points (xs, b, 3, NULL);
  g_autoptr(GListModel) mc = make_points (xs, c, 3, NULL);
  CsmChartLayer *la = add_layer (chart, csm_chart_column_layer_new ("Open", ma));
  CsmChartLayer *lb = add_layer (chart, csm_chart_column_layer_new ("Pending", mb));
  CsmChartLayer *lc = add_layer (chart, csm_chart_column_layer_new ("Alone", mc));
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
  g_autoptr(CsmChart) chart = new_chart ();
  static const double xs[] = { 0, 1, 2, 3 };
  static const double ys[] = { 1, NAN, 3, 4 };
  g_autoptr(GListModel) model = make_points (xs, ys, 4, NULL);
  CsmChartLayer *layer = add_layer (chart, csm_chart_line_layer_new ("Median", model));
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
    g_autoptr(GListModel) empty = make_points (xs, none, 2, NULL);

    csm_chart_remove_all_layers (chart);
    add_layer (chart, csm_chart_line_layer_new ("Median", empty));
    csm_chart_ensure (chart);
    g_assert_false (chart->has_data);
  }
}

/* In a window --------------------------------------------------------------- */

static void
test_nearest (void)
{
  g_autoptr(CsmChart) chart = new_chart ();
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
  model = make_points (xs, ys, 10, "squared");
  add_layer (chart, csm_chart_line_layer_new ("Squares", model));
  window = show_in_window (chart, 600, 300);

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
  g_autoptr(CsmChart) chart = new_chart ();
  static const double xs[] = { 0, 1, 2, 3, 4 };
  static const double created[] = { 3, 5, NAN, 2, 8 };
  static const double resolved[] = { 1, 4, 2, 2, 6 };
  g_autoptr(GListModel) mc = make_points (xs, created, 5, "created");
  g_autoptr(GListModel) mr = make_points (xs, resolved, 5, NULL);
  CsmChartLayer *lc = add_layer (chart, csm_chart_line_layer_new ("Created", mc));
  CsmChartLayer *lr = add_layer (chart, csm_chart_column_layer_new ("Resolved", mr));
  Activated activated = { NULL, 0, 0 };
  GtkWindow *window;

  csm_chart_set_title (chart, "Tickets");
  csm_chart_set_description (chart, "Tickets created and resolved per day");
  g_signal_connect (chart, "point-activated", G_CALLBACK (on_point_activated), &activated);
  window = show_in_window (chart, 600, 300);
  gtk_test_accessible_assert_role (chart, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_LABEL, "Tickets");
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (chart)));

  /* The window gave its only focusable widget the focus; the keyboard
   * starts on the first point, and the description says it. */
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (chart)));
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
  g_autoptr(CsmChart) chart = new_chart ();
  static const double xs[] = { 0, 1, 2, 3 };
  static const double ys[] = { 2, 8, 4, 1 };
  static const double zs[] = { 6, 6, 6, 6 };
  g_autoptr(GListModel) model = make_points (xs, ys, 4, NULL);
  g_autoptr(GListModel) flat = make_points (xs, zs, 4, NULL);
  CsmChartLayer *columns = add_layer (chart, csm_chart_column_layer_new ("Solved", model));
  CsmChartLayer *line = add_layer (chart, csm_chart_line_layer_new ("Target", flat));
  Activated activated = { NULL, 0, 0 };
  CsmChartFrame frame;
  CsmChartSeries *series;
  GtkWindow *window;
  double x, y;

  csm_chart_set_x_step (chart, 1);
  g_signal_connect (chart, "point-activated", G_CALLBACK (on_point_activated), &activated);
  window = show_in_window (chart, 600, 300);
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

static CsmChart *
sample_chart (void)
{
  CsmChart *chart = new_chart ();
  static const double xs[] = { 0, 1, 2, 3, 4, 5 };
  static const double ys[] = { 4, 9, 2, 7, NAN, 5 };
  g_autoptr(GListModel) model = make_points (xs, ys, 6, NULL);

  add_layer (chart, csm_chart_column_layer_new ("Created", model));
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
  g_autoptr(CsmChart) chart = new_chart ();
  static const double xs[] = { 0, 1, 2 };
  static const double ys[] = { 1, 2, 3 };
  g_autoptr(GListModel) model = make_points (xs, ys, 3, NULL);
  g_autoptr(CsmChartPoint) point = csm_chart_point_new (3, 20, NULL);
  GtkWindow *window;
  guint serial, draws;
  double lo, hi;

  add_layer (chart, csm_chart_line_layer_new ("Backlog", model));
  window = show_in_window (chart, 500, 250);
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

/* Below the fold of a scrolled window, a chart whose series changed waits
 * to draw until it is scrolled into view, and then draws in that frame. */
static void
test_out_of_view (void)
{
  g_autoptr(CsmChart) chart = new_chart ();
  static const double xs[] = { 0, 1, 2 };
  static const double ys[] = { 1, 2, 3 };
  g_autoptr(GListModel) model = make_points (xs, ys, 3, NULL);
  g_autoptr(CsmChartPoint) point = csm_chart_point_new (3, 20, NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *spacer = gtk_label_new ("Above the chart");
  GtkAdjustment *adjustment;
  guint draws;

  add_layer (chart, csm_chart_line_layer_new ("Backlog", model));
  gtk_widget_set_size_request (spacer, -1, 1200);
  gtk_box_append (GTK_BOX (box), spacer);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (chart));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), 500, 400);
  gtk_window_present (GTK_WINDOW (window));
  csm_test_wait_frames (window, 3);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  /* Out of view from the start: nothing drawn. */
  g_assert_false (csm_chart_in_view (chart));
  g_assert_cmpuint (csm_chart_get_n_static_draws (chart), ==, 0);

  /* Scrolled in: drawn in the next frames. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  csm_test_wait_frames (window, 3);
  g_assert_true (csm_chart_in_view (chart));
  draws = csm_chart_get_n_static_draws (chart);
  g_assert_cmpuint (draws, ==, 1);

  /* Scrolled out, the series change: not drawn while out of view … */
  gtk_adjustment_set_value (adjustment, 0);
  csm_test_wait_frames (window, 3);
  g_list_store_append (G_LIST_STORE (model), point);
  csm_test_wait_frames (window, 3);
  g_assert_false (csm_chart_in_view (chart));
  g_assert_cmpuint (csm_chart_get_n_static_draws (chart), ==, draws);
  /* … drawn, with the new point, once back in view. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  csm_test_wait_frames (window, 3);
  g_assert_cmpuint (csm_chart_get_n_static_draws (chart), ==, draws + 1);
  g_assert_cmpuint (csm_chart_get_n_positions (chart), ==, 4);

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
      g_autoptr(CsmChart) line = new_chart ();
      g_autoptr(CsmChart) stacked = new_chart ();
      g_autoptr(CsmChart) scatter = new_chart ();
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
        previous = add_layer (line, csm_chart_line_layer_new ("October", before));
        csm_chart_line_layer_set_dashed (CSM_CHART_LINE_LAYER (previous), TRUE);
        add_layer (line, csm_chart_line_layer_new ("November", now));
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
        layers[0] = add_layer (stacked, csm_chart_column_layer_new ("Solved", s));
        layers[1] = add_layer (stacked, csm_chart_column_layer_new ("Pending", p));
        layers[2] = add_layer (stacked, csm_chart_column_layer_new ("Escalated", e));
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
        add_layer (scatter, csm_chart_scatter_layer_new ("Queues", model));
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
    g_autoptr(CsmChart) empty = new_chart ();
    g_autoptr(GListModel) model = make_points (xs, none, 3, NULL);

    csm_chart_set_title (empty, "Median first response");
    csm_chart_set_empty_text (empty, "No ticket got a first response in this period");
    add_layer (empty, csm_chart_line_layer_new ("Median", model));
    shoot (empty, "chart-empty", 560, 300);
  }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  csm_test_drain ();
}

/* Times tick at steps a person reads: 600 s to 7,830 s (2 h 10 min 30 s)
 * by half hours up to 2 h 30 min, not by 2,000 s. */
static void
test_duration_ticks (void)
{
  g_autoptr(CsmChart) chart = new_chart ();
  static const double xs[] = { 0, 1, 2 };
  static const double ys[] = { 600, 7830, 2400 };
  static const double ticks[] = { 0, 1800, 3600, 5400, 7200, 9000 };
  g_autoptr(GListModel) model = make_points (xs, ys, 3, NULL);
  double lo, hi;

  add_layer (chart, csm_chart_line_layer_new ("FRT", model));
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
  g_test_add_func ("/gui/chart/save/png", test_save_png);
  g_test_add_func ("/gui/chart/save/svg", test_save_svg);
  g_test_add_func ("/gui/chart/model-change", test_model_change);
  g_test_add_func ("/gui/chart/out-of-view", test_out_of_view);
  g_test_add_func ("/gui/chart/screenshots", test_screenshots);

  return g_test_run ();
}
