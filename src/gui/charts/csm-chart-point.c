/* csm-chart-point.c: one value of a chart series, with what hover and screen readers say for it.
 *
 * A point never changes once made: a series changes by its model adding and
 * removing points, which is what a chart follows (items-changed), so no
 * chart has to watch thousands of points for notify.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-chart"

#include "config.h"

#include <math.h>

#include "csm-chart-point.h"

struct _CsmChartPoint
{
  GObject parent_instance;

  double x;
  double y;      /* NAN: no value here (an empty population), drawn as a gap */
  char *label;   /* (nullable) */
};

G_DEFINE_FINAL_TYPE (CsmChartPoint, csm_chart_point, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_X,
  PROP_Y,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
csm_chart_point_finalize (GObject *object)
{
  CsmChartPoint *self = (CsmChartPoint *) object;

  g_free (self->label);
  G_OBJECT_CLASS (csm_chart_point_parent_class)->finalize (object);
}

static void
csm_chart_point_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CsmChartPoint *self = CSM_CHART_POINT (object);

  switch (prop_id)
    {
    case PROP_X:
      g_value_set_double (value, self->x);
      break;
    case PROP_Y:
      g_value_set_double (value, self->y);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_chart_point_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CsmChartPoint *self = CSM_CHART_POINT (object);

  switch (prop_id)
    {
    case PROP_X:
      self->x = g_value_get_double (value);
      break;
    case PROP_Y:
      self->y = g_value_get_double (value);
      break;
    case PROP_LABEL:
      self->label = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_chart_point_class_init (CsmChartPointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = csm_chart_point_finalize;
  object_class->get_property = csm_chart_point_get_property;
  object_class->set_property = csm_chart_point_set_property;

  properties[PROP_X] =
    g_param_spec_double ("x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_Y] =
    g_param_spec_double ("y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csm_chart_point_init (CsmChartPoint *self G_GNUC_UNUSED)
{
}

/**
 * csm_chart_point_new:
 * @y: the value, or NAN for none (a gap)
 * @label: (nullable): what hover and screen readers say for this point,
 *   e.g. "Tue 3 Nov: 42 created"
 */
CsmChartPoint *
csm_chart_point_new (double      x,
                     double      y,
                     const char *label)
{
  CsmChartPoint *self = g_object_new (CSM_TYPE_CHART_POINT, "label", label, NULL);

  /* Set directly: a double pspec's validation sees NAN as out of range
   * (NAN != NAN) and warns, and NAN is how a point says "no value". */
  self->x = x;
  self->y = y;
  return self;
}

double
csm_chart_point_get_x (CsmChartPoint *self)
{
  g_return_val_if_fail (CSM_IS_CHART_POINT (self), NAN);

  return self->x;
}

double
csm_chart_point_get_y (CsmChartPoint *self)
{
  g_return_val_if_fail (CSM_IS_CHART_POINT (self), NAN);

  return self->y;
}

const char *
csm_chart_point_get_label (CsmChartPoint *self)
{
  g_return_val_if_fail (CSM_IS_CHART_POINT (self), NULL);

  return self->label;
}
