/* csm-chart-layer.c: the base of a chart's series: a title, a colour and a GListModel of points.
 *
 * The model holds #CsmChartPoint items, or items of any type when the
 * layer is given expressions for x, y and, if wanted, the label (as a
 * column view's columns are): a layer can draw a page's own model
 * without copying it into points first.
 *
 * A layer knows how to draw itself from the normalised values the chart
 * keeps in the layer's series (csm-chart-private.h); the chart works those
 * out from every layer at once, since columns stack across layers and all
 * layers share the axes. A layer says "changed" whenever something the
 * chart draws from changed: its model's items, or a property.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-chart"

#include "config.h"

#include <math.h>

#include "csm-chart-private.h"

typedef struct
{
  char           *title;
  GListModel     *model;        /* (owned) (nullable) */
  GdkRGBA         color;
  gboolean        has_color;
  GtkExpression  *x_expression;      /* (owned) (nullable) */
  GtkExpression  *y_expression;      /* (owned) (nullable) */
  GtkExpression  *label_expression;  /* (owned) (nullable) */
  CsmChartSeries  series;
} CsmChartLayerPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CsmChartLayer, csm_chart_layer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_MODEL,
  PROP_COLOR,
  PROP_X_EXPRESSION,
  PROP_Y_EXPRESSION,
  PROP_LABEL_EXPRESSION,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
series_clear (CsmChartSeries *series)
{
  g_clear_pointer (&series->points, g_ptr_array_unref);
  g_clear_pointer (&series->x, g_free);
  g_clear_pointer (&series->y, g_free);
  g_clear_pointer (&series->base, g_free);
  g_clear_pointer (&series->nx, g_free);
  g_clear_pointer (&series->ny, g_free);
  g_clear_pointer (&series->nbase, g_free);
  g_clear_pointer (&series->slot, g_free);
  g_clear_pointer (&series->at_slot, g_free);
  g_clear_pointer (&series->by_x, g_free);
  series->n = series->n_slots = series->n_by_x = 0;
  series->defined = FALSE;
}

void
csm_chart_layer_emit_changed (CsmChartLayer *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_items_changed (CsmChartLayer *self,
                  guint          position G_GNUC_UNUSED,
                  guint          removed G_GNUC_UNUSED,
                  guint          added G_GNUC_UNUSED,
                  GListModel    *model G_GNUC_UNUSED)
{
  csm_chart_layer_emit_changed (self);
}

/* The default: a dot. */
static void
csm_chart_layer_real_draw_highlight (CsmChartLayer       *self,
                                     cairo_t             *cr,
                                     const CsmChartFrame *frame,
                                     guint                position,
                                     gboolean             focused)
{
  CsmChartSeries *series = csm_chart_layer_get_series (self);
  double px, py;

  if (position >= series->n || !isfinite (series->ny[position]))
    return;
  px = csm_chart_frame_px (frame, series->nx[position]);
  py = csm_chart_frame_py (frame, series->ny[position]);

  cairo_new_path (cr);
  cairo_arc (cr, px, py, 4.5, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &series->color);
  cairo_fill_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &frame->bg);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);

  if (focused)
    {
      GdkRGBA ring = series->color;

      ring.alpha = 0.5f;
      cairo_arc (cr, px, py, 8.5, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &ring);
      cairo_stroke (cr);
    }
}

static double
csm_chart_layer_real_distance (CsmChartLayer       *self,
                               const CsmChartFrame *frame,
                               guint                position,
                               double               x,
                               double               y)
{
  CsmChartSeries *series = csm_chart_layer_get_series (self);

  if (position >= series->n || !isfinite (series->ny[position]))
    return INFINITY;
  return hypot (csm_chart_frame_px (frame, series->nx[position]) - x,
                csm_chart_frame_py (frame, series->ny[position]) - y);
}

static void
csm_chart_layer_real_draw_swatch (CsmChartLayer       *self,
                                  cairo_t             *cr,
                                  const CsmChartFrame *frame G_GNUC_UNUSED,
                                  double               x,
                                  double               y,
                                  double               size)
{
  CsmChartSeries *series = csm_chart_layer_get_series (self);

  cairo_new_path (cr);
  cairo_arc (cr, x + size / 2, y + size / 2, size / 2, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &series->color);
  cairo_fill (cr);
}

static void
csm_chart_layer_dispose (GObject *object)
{
  CsmChartLayer *self = (CsmChartLayer *) object;
  CsmChartLayerPrivate *priv = csm_chart_layer_get_instance_private (self);

  if (priv->model != NULL)
    g_signal_handlers_disconnect_by_func (priv->model, on_items_changed, self);
  g_clear_object (&priv->model);
  g_clear_pointer (&priv->x_expression, gtk_expression_unref);
  g_clear_pointer (&priv->y_expression, gtk_expression_unref);
  g_clear_pointer (&priv->label_expression, gtk_expression_unref);
  series_clear (&priv->series);
  G_OBJECT_CLASS (csm_chart_layer_parent_class)->dispose (object);
}

static void
csm_chart_layer_finalize (GObject *object)
{
  CsmChartLayer *self = (CsmChartLayer *) object;
  CsmChartLayerPrivate *priv = csm_chart_layer_get_instance_private (self);

  g_free (priv->title);
  G_OBJECT_CLASS (csm_chart_layer_parent_class)->finalize (object);
}

static GtkExpression **
expression_field (CsmChartLayer *self,
                  guint          prop_id)
{
  CsmChartLayerPrivate *priv = csm_chart_layer_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_X_EXPRESSION:
      return &priv->x_expression;
    case PROP_Y_EXPRESSION:
      return &priv->y_expression;
    case PROP_LABEL_EXPRESSION:
    default:
      return &priv->label_expression;
    }
}

static void
set_expression (CsmChartLayer *self,
                guint          prop_id,
                GtkExpression *expression)
{
  GtkExpression **field = expression_field (self, prop_id);

  if (*field == expression)
    return;
  g_clear_pointer (field, gtk_expression_unref);
  *field = expression != NULL ? gtk_expression_ref (expression) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  csm_chart_layer_emit_changed (self);
}

static void
csm_chart_layer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CsmChartLayer *self = CSM_CHART_LAYER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, csm_chart_layer_get_title (self));
      break;
    case PROP_MODEL:
      g_value_set_object (value, csm_chart_layer_get_model (self));
      break;
    case PROP_COLOR:
      g_value_set_boxed (value, csm_chart_layer_get_color (self));
      break;
    case PROP_X_EXPRESSION:
    case PROP_Y_EXPRESSION:
    case PROP_LABEL_EXPRESSION:
      gtk_value_set_expression (value, *expression_field (self, prop_id));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_chart_layer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CsmChartLayer *self = CSM_CHART_LAYER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      csm_chart_layer_set_title (self, g_value_get_string (value));
      break;
    case PROP_MODEL:
      csm_chart_layer_set_model (self, g_value_get_object (value));
      break;
    case PROP_COLOR:
      csm_chart_layer_set_color (self, g_value_get_boxed (value));
      break;
    case PROP_X_EXPRESSION:
    case PROP_Y_EXPRESSION:
    case PROP_LABEL_EXPRESSION:
      set_expression (self, prop_id, gtk_value_get_expression (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_chart_layer_class_init (CsmChartLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = csm_chart_layer_dispose;
  object_class->finalize = csm_chart_layer_finalize;
  object_class->get_property = csm_chart_layer_get_property;
  object_class->set_property = csm_chart_layer_set_property;

  klass->draw_highlight = csm_chart_layer_real_draw_highlight;
  klass->draw_swatch = csm_chart_layer_real_draw_swatch;
  klass->distance = csm_chart_layer_real_distance;

  /**
   * CsmChartLayer:title:
   *
   * The series' name, in the legend and on hover.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CsmChartLayer:model:
   *
   * The items: #CsmChartPoint, or any type read through the expressions; in
   * x order for a line or columns.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CsmChartLayer:color:
   *
   * The series' colour; %NULL: the palette's, by the layer's position.
   */
  properties[PROP_COLOR] =
    g_param_spec_boxed ("color", NULL, NULL, GDK_TYPE_RGBA,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CsmChartLayer:x-expression:
   *
   * With #CsmChartLayer:y-expression, reads each item of the model,
   * whatever its type: evaluated on the item, a number (any type that
   * converts to a double). %NULL: the items are #CsmChartPoint.
   */
  properties[PROP_X_EXPRESSION] =
    gtk_param_spec_expression ("x-expression", NULL, NULL,
                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS);

  /**
   * CsmChartLayer:y-expression:
   *
   * The item's value, as #CsmChartLayer:x-expression its position.
   */
  properties[PROP_Y_EXPRESSION] =
    gtk_param_spec_expression ("y-expression", NULL, NULL,
                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS);

  /**
   * CsmChartLayer:label-expression:
   *
   * The item's name on hover and for the screen reader (a string); with
   * the other two expressions.
   */
  properties[PROP_LABEL_EXPRESSION] =
    gtk_param_spec_expression ("label-expression", NULL, NULL,
                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CsmChartLayer::changed:
   *
   * Something the chart draws from changed: the model's items or a property.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
csm_chart_layer_init (CsmChartLayer *self G_GNUC_UNUSED)
{
}

void
csm_chart_layer_set_model (CsmChartLayer *self,
                           GListModel    *model)
{
  CsmChartLayerPrivate *priv = csm_chart_layer_get_instance_private (self);

  g_return_if_fail (CSM_IS_CHART_LAYER (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (priv->model == model)
    return;
  if (priv->model != NULL)
    g_signal_handlers_disconnect_by_func (priv->model, on_items_changed, self);
  g_set_object (&priv->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed), self,
                             G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
  csm_chart_layer_emit_changed (self);
}

/**
 * csm_chart_layer_get_model:
 *
 * Returns: (transfer none) (nullable): the points
 */
GListModel *
csm_chart_layer_get_model (CsmChartLayer *self)
{
  CsmChartLayerPrivate *priv = csm_chart_layer_get_instance_private (self);

  g_return_val_if_fail (CSM_IS_CHART_LAYER (self), NULL);

  return priv->model;
}

void
csm_chart_layer_set_title (CsmChartLayer *self,
                           const char    *title)
{
  CsmChartLayerPrivate *priv = csm_chart_layer_get_instance_private (self);

  g_return_if_fail (CSM_IS_CHART_LAYER (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;
  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  csm_chart_layer_emit_changed (self);
}

const char *
csm_chart_layer_get_title (CsmChartLayer *self)
{
  CsmChartLayerPrivate *priv = csm_chart_layer_get_instance_private (self);

  g_return_val_if_fail (CSM_IS_CHART_LAYER (self), NULL);

  return priv->title;
}

/**
 * csm_chart_layer_set_color:
 * @color: (nullable): the colour, or %NULL for the palette's
 */
void
csm_chart_layer_set_color (CsmChartLayer *self,
                           const GdkRGBA *color)
{
  CsmChartLayerPrivate *priv = csm_chart_layer_get_instance_private (self);

  g_return_if_fail (CSM_IS_CHART_LAYER (self));

  if (color == NULL ? !priv->has_color : priv->has_color && gdk_rgba_equal (color, &priv->color))
    return;
  priv->has_color = color != NULL;
  if (color != NULL)
    priv->color = *color;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
  csm_chart_layer_emit_changed (self);
}

/**
 * csm_chart_layer_get_color:
 *
 * Returns: (nullable): the colour set, %NULL for the palette's
 */
const GdkRGBA *
csm_chart_layer_get_color (CsmChartLayer *self)
{
  CsmChartLayerPrivate *priv = csm_chart_layer_get_instance_private (self);

  g_return_val_if_fail (CSM_IS_CHART_LAYER (self), NULL);

  return priv->has_color ? &priv->color : NULL;
}

/**
 * csm_chart_layer_set_expressions:
 * @x: (nullable) (transfer none): a number from an item: its position
 * @y: (nullable) (transfer none): a number from an item: its value
 * @label: (nullable) (transfer none): a string from an item: its name
 *
 * Reads the model's items, whatever their type, through @x, @y and
 * @label; all %NULL: the items are #CsmChartPoint. A change in an item's
 * properties is seen at the model's next items-changed.
 */
void
csm_chart_layer_set_expressions (CsmChartLayer *self,
                                 GtkExpression *x,
                                 GtkExpression *y,
                                 GtkExpression *label)
{
  g_return_if_fail (CSM_IS_CHART_LAYER (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_expression (self, PROP_X_EXPRESSION, x);
  set_expression (self, PROP_Y_EXPRESSION, y);
  set_expression (self, PROP_LABEL_EXPRESSION, label);
  g_object_thaw_notify (G_OBJECT (self));
}

CsmChartSeries *
csm_chart_layer_get_series (CsmChartLayer *self)
{
  CsmChartLayerPrivate *priv = csm_chart_layer_get_instance_private (self);

  return &priv->series;
}

/* A hole (an item that is no point) is NULL. */
static void
unref_point (gpointer point)
{
  if (point != NULL)
    g_object_unref (point);
}

/* An expression's number: NAN where it has none. */
static double
evaluate_number (GtkExpression *expression,
                 GObject       *item)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) number = G_VALUE_INIT;

  if (!gtk_expression_evaluate (expression, item, &value))
    return NAN;
  g_value_init (&number, G_TYPE_DOUBLE);
  if (!g_value_transform (&value, &number))
    return NAN;
  return g_value_get_double (&number);
}

/* Any item, read through the layer's expressions, as a point. */
static CsmChartPoint *
point_from_item (CsmChartLayerPrivate *priv,
                 GObject              *item)
{
  g_autoptr(GObject) owned = item;
  g_auto(GValue) label = G_VALUE_INIT;
  double x = evaluate_number (priv->x_expression, item);
  double y = isfinite (x) ? evaluate_number (priv->y_expression, item) : NAN;
  gboolean has_label = isfinite (y) && priv->label_expression != NULL &&
                       gtk_expression_evaluate (priv->label_expression, item, &label) &&
                       G_VALUE_HOLDS_STRING (&label);

  return csm_chart_point_new (x, y, has_label ? g_value_get_string (&label) : NULL);
}

/* Reads the model into the series' data arrays, sized for the rest of the
 * normalisation, which the chart does with every layer in hand. */
void
csm_chart_layer_load (CsmChartLayer *self,
                      guint          index)
{
  CsmChartLayerPrivate *priv = csm_chart_layer_get_instance_private (self);
  CsmChartSeries *series = &priv->series;
  guint n = priv->model != NULL ? g_list_model_get_n_items (priv->model) : 0;

  series_clear (series);
  series->n = n;
  series->index = index;
  series->points = g_ptr_array_new_full (n, unref_point);
  series->x = g_new (double, n);
  series->y = g_new (double, n);
  series->base = g_new0 (double, n);
  series->nx = g_new (double, n);
  series->ny = g_new (double, n);
  series->nbase = g_new (double, n);
  series->slot = g_new (int, n);
  series->by_x = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    {
      GObject *item = g_list_model_get_item (priv->model, i);

      if (item != NULL && priv->x_expression != NULL && priv->y_expression != NULL)
        item = G_OBJECT (point_from_item (priv, g_steal_pointer (&item)));
      if (CSM_IS_CHART_POINT (item))
        {
          CsmChartPoint *point = CSM_CHART_POINT (item);

          series->x[i] = csm_chart_point_get_x (point);
          series->y[i] = isfinite (series->x[i]) ? csm_chart_point_get_y (point) : NAN;
          g_ptr_array_add (series->points, point);
        }
      else
        {
          series->x[i] = series->y[i] = NAN;
          g_ptr_array_add (series->points, NULL);
          g_clear_object (&item);
        }
      series->slot[i] = -1;
      if (isfinite (series->y[i]))
        series->defined = TRUE;
    }

  if (priv->has_color)
    series->color = priv->color;
}
