/* csm-chart-normalise.c: the chart's cache: every point normalised to the axes, stacks, positions, ticks.
 *
 * Worked out from all layers at once whenever one of them or a chart
 * property changes (never while drawing): the distinct x positions of the
 * lines and columns (what hover and the keyboard step through, each
 * layer's point at each), the stacks of stacked columns, the ranges of
 * both axes and their ticks, and each point as 0..1 of the plot; and how
 * the rest of the chart reads it (ranges, ticks, a point in words).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "csm-chart-private.h"

/* The y axis gets at most this many intervals (so 4-6 ticks as a rule). */
#define Y_INTERVALS 5
/* Automatic x ticks: candidates the drawing thins out where labels collide. */
#define X_INTERVALS 8

int
csm_chart_compare_doubles (gconstpointer a,
                           gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db ? 1 : 0;
}

static int
compare_by_x (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const CsmChartSeries *series = data;
  double xa = series->x[*(const guint *) a], xb = series->x[*(const guint *) b];

  return xa < xb ? -1 : xa > xb ? 1 : (int) *(const guint *) a - (int) *(const guint *) b;
}

/* The smallest of 1, 2, 5 × 10ⁿ that covers lo..hi in at most @intervals
 * steps between multiples of it; counts (integral data) step by whole numbers. */
static double
nice_step (double   lo,
           double   hi,
           guint    intervals,
           gboolean integral)
{
  static const double multiples[] = { 1.0, 2.0, 5.0 };
  double magnitude = pow (10.0, floor (log10 ((hi - lo) / intervals)));

  for (int decade = 0; decade < 3; decade++, magnitude *= 10.0)
    for (guint m = 0; m < G_N_ELEMENTS (multiples); m++)
      {
        double step = multiples[m] * magnitude;

        if (integral && step < 1.0)
          continue;
        if (ceil (hi / step - 1e-9) - floor (lo / step + 1e-9) <= intervals)
          return step;
      }
  return magnitude;
}

/* The smallest step a person reads as a time that needs no more than
 * @intervals steps; days beyond. */
static double
duration_step (double lo,
               double hi,
               guint  intervals)
{
  static const double steps[] = {
    1, 5, 10, 15, 30, 60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
  };
  double step = 86400;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (ceil (hi / steps[i] - 1e-9) - floor (lo / steps[i] + 1e-9) <= intervals)
      return steps[i];
  while (ceil (hi / step - 1e-9) - floor (lo / step + 1e-9) > intervals)
    step *= 2;
  return step;
}

static void
fill_ticks (GArray *ticks,
            double  lo,
            double  hi,
            double  step)
{
  double first = ceil (lo / step - 1e-9);
  double last = floor (hi / step + 1e-9);

  g_array_set_size (ticks, 0);
  for (double k = first; k <= last && ticks->len < 1000; k++)
    {
      double tick = k * step;

      if (tick == 0.0)
        tick = 0.0;   /* not "-0" */
      g_array_append_val (ticks, tick);
    }
}

/* An automatic axis: from lo..hi of the data out to the ticks around it. */
static void
nice_range (double   *lo,
            double   *hi,
            gboolean  integral,
            gboolean  durations,
            GArray   *ticks)
{
  double step;

  if (*hi - *lo < (integral ? 4.0 : 1e-9 * MAX (fabs (*lo), 1.0)))
    {
      if (integral)
        *hi = *lo + 4.0;
      else if (*lo == 0.0)
        *hi = 1.0;
      else
        {
          *hi = *lo + fabs (*lo) * 0.5;
          *lo = *lo - fabs (*lo) * 0.5;
        }
    }
  step = durations ? duration_step (*lo, *hi, Y_INTERVALS)
                   : nice_step (*lo, *hi, Y_INTERVALS, integral);
  *lo = floor (*lo / step + 1e-9) * step;
  *hi = ceil (*hi / step - 1e-9) * step;
  fill_ticks (ticks, *lo, *hi, step);
}

static gboolean
is_stacked (CsmChartLayer *layer)
{
  return CSM_IS_CHART_COLUMN_LAYER (layer) &&
         csm_chart_column_layer_get_stacked (CSM_CHART_COLUMN_LAYER (layer));
}

static void
normalise (CsmChart *self)
{
  guint n_layers = g_list_model_get_n_items (G_LIST_MODEL (self->layers));
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree double *stack_up = NULL;
  g_autofree double *stack_down = NULL;
  gboolean any_columns = FALSE, any_stacked = FALSE, any_aligned = FALSE, integral = TRUE;
  guint n_unstacked = 0, n_positions, group = 0;
  double lo_x = INFINITY, hi_x = -INFINITY, lo_y = INFINITY, hi_y = -INFINITY;
  double span_x, span_y;

  g_array_set_size (self->positions, 0);
  self->has_data = FALSE;

  for (guint l = 0; l < n_layers; l++)
    {
      CsmChartLayer *layer = g_list_model_get_item (G_LIST_MODEL (self->layers), l);
      CsmChartSeries *series;

      g_ptr_array_add (layers, layer);
      csm_chart_layer_load (layer, l);
      series = csm_chart_layer_get_series (layer);
      self->has_data |= series->defined;
      if (CSM_IS_CHART_COLUMN_LAYER (layer))
        {
          any_columns = TRUE;
          if (is_stacked (layer))
            any_stacked = TRUE;
          else
            n_unstacked++;
        }
      if (CSM_IS_CHART_SCATTER_LAYER (layer))
        continue;
      any_aligned = TRUE;
      /* A gap is still a position: hover and the keyboard say "no value" there. */
      for (guint i = 0; i < series->n; i++)
        if (isfinite (series->x[i]))
          g_array_append_val (self->positions, series->x[i]);
    }

  /* The x positions: every distinct x of the lines and columns, in order. */
  g_array_sort (self->positions, csm_chart_compare_doubles);
  n_positions = 0;
  for (guint i = 0; i < self->positions->len; i++)
    if (n_positions == 0 ||
        g_array_index (self->positions, double, i) !=
        g_array_index (self->positions, double, n_positions - 1))
      g_array_index (self->positions, double, n_positions++) =
        g_array_index (self->positions, double, i);
  g_array_set_size (self->positions, n_positions);

  self->step = self->x_step;
  if (!isfinite (self->step) || self->step <= 0)
    {
      self->step = INFINITY;
      for (guint i = 1; i < n_positions; i++)
        self->step = MIN (self->step, g_array_index (self->positions, double, i) -
                                      g_array_index (self->positions, double, i - 1));
      if (!isfinite (self->step))
        self->step = 1.0;
    }

  stack_up = g_new0 (double, MAX (n_positions, 1));
  stack_down = g_new0 (double, MAX (n_positions, 1));
  for (guint l = 0; l < layers->len; l++)
    {
      CsmChartLayer *layer = g_ptr_array_index (layers, l);
      CsmChartSeries *series = csm_chart_layer_get_series (layer);
      gboolean aligned = !CSM_IS_CHART_SCATTER_LAYER (layer);
      gboolean stacked = is_stacked (layer);

      if (aligned)
        {
          series->n_slots = n_positions;
          series->at_slot = g_new (int, MAX (n_positions, 1));
          for (guint s = 0; s < n_positions; s++)
            series->at_slot[s] = -1;
        }

      series->n_by_x = 0;
      for (guint i = 0; i < series->n; i++)
        {
          double x = series->x[i], y = series->y[i];

          if (!isfinite (x))
            continue;
          series->by_x[series->n_by_x++] = i;
          if (aligned)
            {
              double *found = bsearch (&x, self->positions->data, n_positions, sizeof (double),
                                       csm_chart_compare_doubles);
              int s = (int) (found - (double *) (gpointer) self->positions->data);

              series->slot[i] = s;
              series->at_slot[s] = (int) i;
              if (stacked && isfinite (y))
                {
                  double *stack = y >= 0 ? &stack_up[s] : &stack_down[s];

                  series->base[i] = *stack;
                  *stack += y;
                }
            }
          if (!isfinite (y))
            continue;
          lo_x = MIN (lo_x, x);
          hi_x = MAX (hi_x, x);
          if (CSM_IS_CHART_COLUMN_LAYER (layer))
            {
              /* A column spans its base (0, or the stack below) to its top. */
              lo_y = MIN (lo_y, MIN (series->base[i] + y, series->base[i]));
              hi_y = MAX (hi_y, MAX (series->base[i] + y, series->base[i]));
            }
          else
            {
              lo_y = MIN (lo_y, y);
              hi_y = MAX (hi_y, y);
            }
          if (y != floor (y))
            integral = FALSE;
        }
      g_qsort_with_data (series->by_x, series->n_by_x, sizeof (guint), compare_by_x, series);

      if (CSM_IS_CHART_COLUMN_LAYER (layer))
        {
          series->group = stacked ? 0 : group++ + (any_stacked ? 1 : 0);
          series->n_groups = n_unstacked + (any_stacked ? 1 : 0);
        }
    }

  if (any_columns && isfinite (lo_y))
    {
      lo_y = MIN (lo_y, 0.0);
      hi_y = MAX (hi_y, 0.0);
    }
  else if (isfinite (lo_y) && lo_y > 0 && lo_y <= hi_y / 2)
    /* A line whose values are nearer to 0 than to each other: from 0, or
     * a weekend's dip from 40 to 10 would read as a fall to nothing. */
    lo_y = 0.0;
  else if (isfinite (hi_y) && hi_y < 0 && hi_y >= lo_y / 2)
    hi_y = 0.0;

  if (isfinite (self->x_reference))
    {
      lo_x = MIN (lo_x, self->x_reference);
      hi_x = MAX (hi_x, self->x_reference);
    }
  if (isfinite (self->y_reference))
    {
      lo_y = MIN (lo_y, self->y_reference);
      hi_y = MAX (hi_y, self->y_reference);
    }

  /* x: the lines' and columns' positions end to end, columns whole; a
   * scatter's measure gets a nice range like y. */
  if (any_aligned && n_positions > 0)
    {
      lo_x = MIN (lo_x, g_array_index (self->positions, double, 0));
      hi_x = MAX (hi_x, g_array_index (self->positions, double, n_positions - 1));
    }
  if (!isfinite (lo_x))
    {
      lo_x = 0.0;
      hi_x = 1.0;
    }
  if (any_columns || (any_aligned && lo_x == hi_x))
    {
      lo_x -= self->step / 2;
      hi_x += self->step / 2;
    }
  if (!any_aligned)
    {
      g_autoptr(GArray) unused = g_array_new (FALSE, FALSE, sizeof (double));
      nice_range (&lo_x, &hi_x, FALSE, FALSE, unused);
    }
  if (isfinite (self->x_min))
    lo_x = self->x_min;
  if (isfinite (self->x_max))
    hi_x = self->x_max;
  if (!(hi_x > lo_x))
    hi_x = lo_x + 1.0;

  if (self->x_ticks_wanted != NULL)
    {
      g_array_set_size (self->x_ticks, 0);
      for (guint i = 0; i < self->x_ticks_wanted->len; i++)
        {
          double tick = g_array_index (self->x_ticks_wanted, double, i);

          if (tick >= lo_x - 1e-9 * (hi_x - lo_x) && tick <= hi_x + 1e-9 * (hi_x - lo_x))
            g_array_append_val (self->x_ticks, tick);
        }
    }
  else
    fill_ticks (self->x_ticks, lo_x, hi_x, nice_step (lo_x, hi_x, X_INTERVALS, FALSE));

  /* y: nice ticks around the data, unless a bound is given. */
  if (!isfinite (lo_y))
    {
      lo_y = 0.0;
      hi_y = integral ? 4.0 : 1.0;
    }
  if (isfinite (self->y_min) || isfinite (self->y_max))
    {
      lo_y = isfinite (self->y_min) ? self->y_min : lo_y;
      hi_y = isfinite (self->y_max) ? self->y_max : hi_y;
      if (!(hi_y > lo_y))
        hi_y = lo_y + 1.0;
      if (!isfinite (self->y_min) || !isfinite (self->y_max))
        {
          /* One bound given: the other still rounds out to a tick. */
          double step = nice_step (lo_y, hi_y, Y_INTERVALS, integral);

          if (!isfinite (self->y_min))
            lo_y = floor (lo_y / step + 1e-9) * step;
          else
            hi_y = ceil (hi_y / step - 1e-9) * step;
        }
      fill_ticks (self->y_ticks, lo_y, hi_y, nice_step (lo_y, hi_y, Y_INTERVALS, integral));
    }
  else
    nice_range (&lo_y, &hi_y, integral, self->y_durations, self->y_ticks);

  self->lo_x = lo_x;
  self->hi_x = hi_x;
  self->lo_y = lo_y;
  self->hi_y = hi_y;
  span_x = hi_x - lo_x;
  span_y = hi_y - lo_y;

  g_array_set_size (self->positions_n, n_positions);
  for (guint s = 0; s < n_positions; s++)
    g_array_index (self->positions_n, double, s) =
      (g_array_index (self->positions, double, s) - lo_x) / span_x;

  for (guint l = 0; l < layers->len; l++)
    {
      CsmChartLayer *layer = g_ptr_array_index (layers, l);
      CsmChartSeries *series = csm_chart_layer_get_series (layer);

      series->bucket = self->step / span_x;
      for (guint i = 0; i < series->n; i++)
        {
          series->nx[i] = (series->x[i] - lo_x) / span_x;
          series->ny[i] = (series->base[i] + series->y[i] - lo_y) / span_y;
          series->nbase[i] = (series->base[i] - lo_y) / span_y;
        }
    }

  self->dirty = FALSE;
  self->serial++;
  csm_chart_clamp_focus (self);
}

/**
 * csm_chart_ensure:
 *
 * Brings the normalised cache up to date, if anything changed since.
 */
void
csm_chart_ensure (CsmChart *self)
{
  if (!self->dirty)
    return;
  g_clear_handle_id (&self->normalise_id, g_source_remove);
  normalise (self);
}

/* Reading the cache -------------------------------------------------------- */

static char *
format_default (double value)
{
  return g_strdup_printf ("%g", value);
}

char *
csm_chart_format_x (CsmChart *self,
                    double    value)
{
  return self->x_format ? self->x_format (value, self->x_format_data) : format_default (value);
}

char *
csm_chart_format_y (CsmChart *self,
                    double    value)
{
  return self->y_format ? self->y_format (value, self->y_format_data) : format_default (value);
}

/* What hover and a screen reader say for one point: the layer's title and
 * the point's own words, or its values through the axes' formats. */
char *
csm_chart_describe_point (CsmChart *self,
                          guint     layer,
                          guint     position)
{
  CsmChartLayer *chart_layer = csm_chart_get_layer (self, layer);
  CsmChartSeries *series;
  CsmChartPoint *point;
  const char *title;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  if (chart_layer == NULL)
    return NULL;
  series = csm_chart_layer_get_series (chart_layer);
  if (position >= series->n)
    return NULL;
  title = csm_chart_layer_get_title (chart_layer);
  point = g_ptr_array_index (series->points, position);
  if (point != NULL && csm_chart_point_get_label (point) != NULL)
    /* Translators: a chart's point for screen readers: series, what the point says */
    return title ? g_strdup_printf (_("%s, %s"), title, csm_chart_point_get_label (point))
                 : g_strdup (csm_chart_point_get_label (point));

  x = csm_chart_format_x (self, series->x[position]);
  y = isfinite (series->y[position]) ? csm_chart_format_y (self, series->y[position])
                                     : g_strdup (_("no value"));
  /* Translators: a chart's point for screen readers: series, x: y */
  return title ? g_strdup_printf (_("%s, %s: %s"), title, x, y)
               : g_strdup_printf ("%s: %s", x, y);
}

/* For tests and the drawing: what the last normalisation found. */
void
csm_chart_get_y_range (CsmChart *self,
                       double   *lo,
                       double   *hi)
{
  csm_chart_ensure (self);
  *lo = self->lo_y;
  *hi = self->hi_y;
}

void
csm_chart_get_x_range (CsmChart *self,
                       double   *lo,
                       double   *hi)
{
  csm_chart_ensure (self);
  *lo = self->lo_x;
  *hi = self->hi_x;
}

const double *
csm_chart_get_y_ticks (CsmChart *self,
                       guint    *n)
{
  csm_chart_ensure (self);
  *n = self->y_ticks->len;
  return (const double *) (gpointer) self->y_ticks->data;
}

const double *
csm_chart_get_x_ticks (CsmChart *self,
                       guint    *n)
{
  csm_chart_ensure (self);
  *n = self->x_ticks->len;
  return (const double *) (gpointer) self->x_ticks->data;
}

guint
csm_chart_get_n_positions (CsmChart *self)
{
  csm_chart_ensure (self);
  return self->positions->len;
}

guint
csm_chart_get_serial (CsmChart *self)
{
  return self->serial;
}
