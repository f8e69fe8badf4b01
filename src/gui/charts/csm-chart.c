/* csm-chart.c: a chart widget: layers of series over shared axes, with hover, keyboard and export.
 *
 * In the manner of Sysprof's charts: the chart holds layers (line, column,
 * scatter) over any GListModel and owns the axes they share. Everything
 * worth computing once (each point normalised to 0..1 of the axes, the
 * stacking of columns, the x positions hover and the keyboard step through,
 * the ranges and ticks) is worked out when a model, a layer or a property
 * changes, in an idle before the next frame, and kept; drawing only scales
 * those to pixels. Drawing is one cairo routine (csm-chart-draw.c) that
 * serves the screen, PNG and SVG alike; hover, keyboard and the context
 * menu are in csm-chart-actions.c, saving in csm-chart-export.c, the
 * normalisation in csm-chart-normalise.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-chart"

#include "config.h"

#include <math.h>


#include "csm-chart-private.h"

G_DEFINE_FINAL_TYPE (CsmChart, csm_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_EMPTY_TEXT,
  PROP_X_STEP,
  PROP_X_MIN,
  PROP_X_MAX,
  PROP_Y_MIN,
  PROP_Y_MAX,
  PROP_X_REFERENCE,
  PROP_Y_REFERENCE,
  N_PROPS
};

enum {
  POINT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
normalise_idle (gpointer data)
{
  CsmChart *self = data;

  self->normalise_id = 0;
  csm_chart_ensure (self);
  return G_SOURCE_REMOVE;
}

/* Anything the chart draws from changed: normalise again before the next
 * frame (an idle of higher priority than GTK's redraw), once however many
 * changes came in between. */
static void
invalidate (CsmChart *self)
{
  self->dirty = TRUE;
  if (self->normalise_id == 0)
    self->normalise_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, normalise_idle, self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_layer_changed (CsmChart      *self,
                  CsmChartLayer *layer G_GNUC_UNUSED)
{
  invalidate (self);
}

/* Follows exactly the layers in the store, however they got there. */
static void
on_layers_changed (CsmChart   *self,
                   guint       position G_GNUC_UNUSED,
                   guint       removed G_GNUC_UNUSED,
                   guint       added G_GNUC_UNUSED,
                   GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < self->followed->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->followed, i),
                                          on_layer_changed, self);
  g_ptr_array_set_size (self->followed, 0);
  for (guint i = 0; i < n; i++)
    {
      CsmChartLayer *layer = g_list_model_get_item (model, i);

      g_signal_connect_object (layer, "changed", G_CALLBACK (on_layer_changed), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->followed, layer);
    }
  invalidate (self);
}

/* The widget --------------------------------------------------------------- */

static void
csm_chart_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  CsmChart *self = CSM_CHART (widget);

  csm_chart_ensure (self);
  csm_chart_snapshot_cached (self, snapshot);
}

static void
csm_chart_measure (GtkWidget      *widget G_GNUC_UNUSED,
                   GtkOrientation  orientation,
                   int             for_size G_GNUC_UNUSED,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline G_GNUC_UNUSED,
                   int            *natural_baseline G_GNUC_UNUSED)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 640;
    }
  else
    {
      *minimum = 200;
      *natural = 300;
    }
}

static void
csm_chart_size_allocate (GtkWidget *widget,
                         int        width G_GNUC_UNUSED,
                         int        height G_GNUC_UNUSED,
                         int        baseline G_GNUC_UNUSED)
{
  CsmChart *self = CSM_CHART (widget);

  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
csm_chart_dispose (GObject *object)
{
  CsmChart *self = (CsmChart *) object;

  csm_chart_actions_dispose (self);
  if (self->layers != NULL)
    g_signal_handlers_disconnect_by_func (self->layers, on_layers_changed, self);
  for (guint i = 0; self->followed != NULL && i < self->followed->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->followed, i),
                                          on_layer_changed, self);
  g_clear_pointer (&self->followed, g_ptr_array_unref);
  g_clear_object (&self->layers);
  g_clear_pointer (&self->static_node, gsk_render_node_unref);
  g_clear_pointer (&self->drawn_points, g_array_unref);
  g_clear_pointer (&self->drawn_labels, g_array_unref);
  if (self->x_format_destroy != NULL)
    self->x_format_destroy (self->x_format_data);
  if (self->y_format_destroy != NULL)
    self->y_format_destroy (self->y_format_data);
  self->x_format = self->y_format = NULL;
  self->x_format_destroy = self->y_format_destroy = NULL;
  /* Last: no normalisation or drawing may stay queued for a chart that is
   * gone. */
  g_clear_handle_id (&self->normalise_id, g_source_remove);
  g_clear_handle_id (&self->deferred_id, g_source_remove);
  G_OBJECT_CLASS (csm_chart_parent_class)->dispose (object);
}

static void
csm_chart_finalize (GObject *object)
{
  CsmChart *self = (CsmChart *) object;

  g_free (self->title);
  g_free (self->description);
  g_free (self->empty_text);
  g_free (self->focus_text);
  g_clear_pointer (&self->x_ticks_wanted, g_array_unref);
  g_array_unref (self->positions);
  g_array_unref (self->positions_n);
  g_array_unref (self->x_ticks);
  g_array_unref (self->y_ticks);
  G_OBJECT_CLASS (csm_chart_parent_class)->finalize (object);
}

static double *
double_field (CsmChart *self,
              guint     prop_id)
{
  switch (prop_id)
    {
    case PROP_X_STEP:
      return &self->x_step;
    case PROP_X_MIN:
      return &self->x_min;
    case PROP_X_MAX:
      return &self->x_max;
    case PROP_Y_MIN:
      return &self->y_min;
    case PROP_Y_MAX:
      return &self->y_max;
    case PROP_X_REFERENCE:
      return &self->x_reference;
    case PROP_Y_REFERENCE:
      return &self->y_reference;
    default:
      return NULL;
    }
}

/* NAN is "automatic" or "none", and NAN == NAN is false. */
static void
set_double (CsmChart *self,
            guint     prop_id,
            double    value)
{
  double *field = double_field (self, prop_id);

  if (*field == value || (isnan (*field) && isnan (value)))
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  invalidate (self);
}

static void
csm_chart_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CsmChart *self = CSM_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_EMPTY_TEXT:
      g_value_set_string (value, self->empty_text);
      break;
    case PROP_X_STEP:
    case PROP_X_MIN:
    case PROP_X_MAX:
    case PROP_Y_MIN:
    case PROP_Y_MAX:
    case PROP_X_REFERENCE:
    case PROP_Y_REFERENCE:
      g_value_set_double (value, *double_field (self, prop_id));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_chart_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CsmChart *self = CSM_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      csm_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      csm_chart_set_description (self, g_value_get_string (value));
      break;
    case PROP_EMPTY_TEXT:
      csm_chart_set_empty_text (self, g_value_get_string (value));
      break;
    case PROP_X_STEP:
    case PROP_X_MIN:
    case PROP_X_MAX:
    case PROP_Y_MIN:
    case PROP_Y_MAX:
    case PROP_X_REFERENCE:
    case PROP_Y_REFERENCE:
      set_double (self, prop_id, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
nan_double_pspec (const char *name)
{
  /* NAN cannot be a pspec default (validation sees it as out of range):
   * the default here is a placeholder; init sets NAN, the real default. */
  return g_param_spec_double (name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                              G_PARAM_STATIC_STRINGS);
}

static void
csm_chart_class_init (CsmChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_chart_dispose;
  object_class->finalize = csm_chart_finalize;
  object_class->get_property = csm_chart_get_property;
  object_class->set_property = csm_chart_set_property;
  widget_class->snapshot = csm_chart_snapshot;
  widget_class->measure = csm_chart_measure;
  widget_class->size_allocate = csm_chart_size_allocate;

  /**
   * CsmChart:title:
   *
   * Drawn at the top left; also the accessible label.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CsmChart:description:
   *
   * What the chart shows, in words: the accessible description.
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CsmChart:empty-text:
   *
   * Drawn in the middle when no layer has a value.
   */
  properties[PROP_EMPTY_TEXT] =
    g_param_spec_string ("empty-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CsmChart:x-step:
   *
   * The bucket width in x units: a column's width (less a gap) and the
   * spacing of x positions; NAN: the smallest spacing in the data.
   */
  properties[PROP_X_STEP] = nan_double_pspec ("x-step");
  /**
   * CsmChart:x-min:
   *
   * The x axis' start; NAN: from the data. Likewise x-max, y-min, y-max;
   * an automatic y axis includes 0 when there are columns and ends on ticks.
   */
  properties[PROP_X_MIN] = nan_double_pspec ("x-min");
  properties[PROP_X_MAX] = nan_double_pspec ("x-max");
  properties[PROP_Y_MIN] = nan_double_pspec ("y-min");
  properties[PROP_Y_MAX] = nan_double_pspec ("y-max");
  /**
   * CsmChart:x-reference:
   *
   * A dashed divider at this x (with y-reference: quadrants); NAN: none.
   */
  properties[PROP_X_REFERENCE] = nan_double_pspec ("x-reference");
  properties[PROP_Y_REFERENCE] = nan_double_pspec ("y-reference");
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CsmChart::point-activated:
   * @layer: the point's layer
   * @position: the point's position in the layer's model
   *
   * A point was clicked, or Enter or space pressed on the focused point.
   */
  signals[POINT_ACTIVATED] =
    g_signal_new ("point-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, CSM_TYPE_CHART_LAYER, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  csm_chart_class_actions_init (widget_class);
}

static void
csm_chart_init (CsmChart *self)
{
  self->x_step = self->x_min = self->x_max = self->y_min = self->y_max = NAN;
  self->x_reference = self->y_reference = NAN;
  self->layers = g_list_store_new (CSM_TYPE_CHART_LAYER);
  self->followed = g_ptr_array_new_with_free_func (g_object_unref);
  self->positions = g_array_new (FALSE, FALSE, sizeof (double));
  self->positions_n = g_array_new (FALSE, FALSE, sizeof (double));
  self->x_ticks = g_array_new (FALSE, FALSE, sizeof (double));
  self->y_ticks = g_array_new (FALSE, FALSE, sizeof (double));
  self->hover = self->focus = (CsmChartTarget) { -1, -1, -1 };
  self->dirty = TRUE;
  g_signal_connect_object (self->layers, "items-changed", G_CALLBACK (on_layers_changed), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  csm_chart_actions_init (self);
  csm_chart_update_accessible (self);
}

GtkWidget *
csm_chart_new (void)
{
  return g_object_new (CSM_TYPE_CHART, NULL);
}

/* Layers ------------------------------------------------------------------- */

/**
 * csm_chart_add_layer:
 * @layer: (transfer none): a layer; the chart keeps a reference
 *
 * Draws @layer over the layers added before it. A layer belongs to one
 * chart: the chart keeps its normalised values in it.
 */
void
csm_chart_add_layer (CsmChart      *self,
                     CsmChartLayer *layer)
{
  g_return_if_fail (CSM_IS_CHART (self));
  g_return_if_fail (CSM_IS_CHART_LAYER (layer));

  g_list_store_append (self->layers, layer);
}

void
csm_chart_remove_all_layers (CsmChart *self)
{
  g_return_if_fail (CSM_IS_CHART (self));

  g_list_store_remove_all (self->layers);
}

/**
 * csm_chart_get_layers:
 *
 * Returns: (transfer none): the layers, a #GListStore of #CsmChartLayer
 */
GListModel *
csm_chart_get_layers (CsmChart *self)
{
  g_return_val_if_fail (CSM_IS_CHART (self), NULL);

  return G_LIST_MODEL (self->layers);
}

/* The layers as last normalised (the cache's order). */
CsmChartLayer *
csm_chart_get_layer (CsmChart *self,
                     guint     index)
{
  return index < csm_chart_get_n_layers (self) ? g_ptr_array_index (self->followed, index) : NULL;
}

guint
csm_chart_get_n_layers (CsmChart *self)
{
  return self->followed != NULL ? self->followed->len : 0;
}

/* Properties ----------------------------------------------------------------- */

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

const char *
csm_chart_get_title (CsmChart *self)
{
  g_return_val_if_fail (CSM_IS_CHART (self), NULL);

  return self->title;
}

void
csm_chart_set_title (CsmChart   *self,
                     const char *title)
{
  g_return_if_fail (CSM_IS_CHART (self));

  if (!replace_string (&self->title, title))
    return;
  csm_chart_update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  invalidate (self);
}

const char *
csm_chart_get_description (CsmChart *self)
{
  g_return_val_if_fail (CSM_IS_CHART (self), NULL);

  return self->description;
}

void
csm_chart_set_description (CsmChart   *self,
                           const char *description)
{
  g_return_if_fail (CSM_IS_CHART (self));

  if (!replace_string (&self->description, description))
    return;
  csm_chart_update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char *
csm_chart_get_empty_text (CsmChart *self)
{
  g_return_val_if_fail (CSM_IS_CHART (self), NULL);

  return self->empty_text;
}

void
csm_chart_set_empty_text (CsmChart   *self,
                          const char *empty_text)
{
  g_return_if_fail (CSM_IS_CHART (self));

  if (!replace_string (&self->empty_text, empty_text))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY_TEXT]);
  invalidate (self);
}

double
csm_chart_get_x_step (CsmChart *self)
{
  g_return_val_if_fail (CSM_IS_CHART (self), NAN);

  return self->x_step;
}

void
csm_chart_set_x_step (CsmChart *self,
                      double    x_step)
{
  g_return_if_fail (CSM_IS_CHART (self));

  set_double (self, PROP_X_STEP, x_step);
}

/**
 * csm_chart_set_x_range:
 * @x_min: the start, or NAN: from the data
 * @x_max: the end, or NAN: from the data
 */
void
csm_chart_set_x_range (CsmChart *self,
                       double    x_min,
                       double    x_max)
{
  g_return_if_fail (CSM_IS_CHART (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_double (self, PROP_X_MIN, x_min);
  set_double (self, PROP_X_MAX, x_max);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * csm_chart_set_y_range:
 * @y_min: the start, or NAN: from the data
 * @y_max: the end, or NAN: from the data
 */
void
csm_chart_set_y_range (CsmChart *self,
                       double    y_min,
                       double    y_max)
{
  g_return_if_fail (CSM_IS_CHART (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_double (self, PROP_Y_MIN, y_min);
  set_double (self, PROP_Y_MAX, y_max);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * csm_chart_set_y_durations:
 * @durations: the y values are seconds
 *
 * Ticks the y axis in steps a person reads as times (1, 5, 10, 15 or 30
 * minutes, 1, 2, 3, 6 or 12 hours, days) rather than at round numbers of
 * seconds ("33 min 20 s").
 */
void
csm_chart_set_y_durations (CsmChart *self,
                           gboolean  durations)
{
  g_return_if_fail (CSM_IS_CHART (self));

  if (self->y_durations == !!durations)
    return;
  self->y_durations = !!durations;
  invalidate (self);
}

/**
 * csm_chart_set_references:
 * @x_reference: a dashed vertical divider here, or NAN: none
 * @y_reference: a dashed horizontal divider here, or NAN: none
 */
void
csm_chart_set_references (CsmChart *self,
                          double    x_reference,
                          double    y_reference)
{
  g_return_if_fail (CSM_IS_CHART (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_double (self, PROP_X_REFERENCE, x_reference);
  set_double (self, PROP_Y_REFERENCE, y_reference);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * csm_chart_set_x_format_func:
 * @func: (nullable): makes the x axis' tick labels; %NULL: "%g"
 */
void
csm_chart_set_x_format_func (CsmChart           *self,
                             CsmChartFormatFunc  func,
                             gpointer            data,
                             GDestroyNotify      destroy)
{
  g_return_if_fail (CSM_IS_CHART (self));

  if (self->x_format_destroy != NULL)
    self->x_format_destroy (self->x_format_data);
  self->x_format = func;
  self->x_format_data = data;
  self->x_format_destroy = destroy;
  invalidate (self);
}

/**
 * csm_chart_set_y_format_func:
 * @func: (nullable): makes the y axis' tick labels; %NULL: "%g"
 */
void
csm_chart_set_y_format_func (CsmChart           *self,
                             CsmChartFormatFunc  func,
                             gpointer            data,
                             GDestroyNotify      destroy)
{
  g_return_if_fail (CSM_IS_CHART (self));

  if (self->y_format_destroy != NULL)
    self->y_format_destroy (self->y_format_data);
  self->y_format = func;
  self->y_format_data = data;
  self->y_format_destroy = destroy;
  invalidate (self);
}

/**
 * csm_chart_set_x_ticks:
 * @ticks: (array length=n) (nullable): where the x axis has ticks (those in
 *   range are drawn, thinned out where labels would collide); %NULL: nice
 *   numbers
 */
void
csm_chart_set_x_ticks (CsmChart     *self,
                       const double *ticks,
                       guint         n)
{
  g_return_if_fail (CSM_IS_CHART (self));
  g_return_if_fail (ticks != NULL || n == 0);

  g_clear_pointer (&self->x_ticks_wanted, g_array_unref);
  if (ticks != NULL)
    {
      self->x_ticks_wanted = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
      g_array_append_vals (self->x_ticks_wanted, ticks, n);
      g_array_sort (self->x_ticks_wanted, csm_chart_compare_doubles);
    }
  invalidate (self);
}

void
csm_chart_emit_point_activated (CsmChart *self,
                                guint     layer,
                                guint     position)
{
  CsmChartLayer *chart_layer = csm_chart_get_layer (self, layer);

  if (chart_layer != NULL)
    g_signal_emit (self, signals[POINT_ACTIVATED], 0, chart_layer, position);
}
