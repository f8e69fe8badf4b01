/* csm-chart-private.h: what the chart's files, its layers and its tests share: the cache and the hooks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-chart.h"
#include "csm-chart-column-layer.h"
#include "csm-chart-layer.h"
#include "csm-chart-line-layer.h"
#include "csm-chart-point.h"
#include "csm-chart-scatter-layer.h"

G_BEGIN_DECLS

/* A layer's points as the chart last normalised them: worked out when a
 * model, a property or the layers change, never while drawing. Every array
 * has n entries, one per model item; an item that is not a point, or has
 * no x, is kept as a hole so that indices stay model positions. */
typedef struct
{
  guint      n;
  GPtrArray *points;    /* (element-type CsmChartPoint) (nullable elements) */
  double    *x;         /* data units; NAN: no point */
  double    *y;         /* data units; NAN: a gap */
  double    *base;      /* where a column starts: the stack below it, else 0 */
  double    *nx;        /* 0..1 across the plot */
  double    *ny;        /* 0..1 up the plot: of y, or of base + y when stacked */
  double    *nbase;     /* 0..1: of base */
  int       *slot;      /* the chart's x position of each point; -1: none */
  int       *at_slot;   /* the point at each of the chart's x positions; -1: none */
  guint      n_slots;
  guint     *by_x;      /* the defined points in x order (keyboard order of a scatter) */
  guint      n_by_x;
  guint      index;     /* position among the chart's layers: the palette colour */
  guint      group;     /* columns drawn side by side: this layer's place … */
  guint      n_groups;  /* … of this many */
  double     bucket;    /* one x-step, normalised */
  gboolean   defined;   /* any point with a value */
  GdkRGBA    color;     /* resolved for the drawing under way */
} CsmChartSeries;

/* Where and with what a layer draws: pixels of the plot, the theme's colours. */
struct _CsmChartFrame
{
  GtkWidget *widget;    /* text is laid out in its Pango context */
  double     plot_x;
  double     plot_y;
  double     plot_w;
  double     plot_h;
  GdkRGBA    fg;
  GdkRGBA    bg;
  gboolean   dark;
  GArray    *marks;     /* (nullable) graphene_rect_t: what labels must not cover, every
                         * layer's points and the labels drawn so far */
};

static inline double
csm_chart_frame_px (const CsmChartFrame *frame,
                    double               nx)
{
  return frame->plot_x + nx * frame->plot_w;
}

static inline double
csm_chart_frame_py (const CsmChartFrame *frame,
                    double               ny)
{
  return frame->plot_y + (1.0 - ny) * frame->plot_h;
}

/* What hover or the keyboard points at: a point of a layer, or all the
 * layers at one x position (slot). */
typedef struct
{
  int layer;      /* -1: every x-aligned layer at slot */
  int position;   /* a point of layer; -1 with layer -1 */
  int slot;       /* -1: a scatter point */
} CsmChartTarget;

/* The laid-out chart at one size: where the plot is and the text around it. */
typedef struct
{
  int     width;
  int     height;
  guint   serial;       /* of the normalisation it was laid out from */
  double  plot_x;
  double  plot_y;
  double  plot_w;
  double  plot_h;
  double  title_y;
  double  legend_y;
} CsmChartGeometry;

struct _CsmChart
{
  GtkWidget           parent_instance;

  GListStore         *layers;          /* (element-type CsmChartLayer) */
  GPtrArray          *followed;        /* layers whose "changed" is connected */

  char               *title;
  char               *description;
  char               *empty_text;
  double              x_step;
  double              x_min;
  double              x_max;
  double              y_min;
  double              y_max;
  double              x_reference;
  double              y_reference;
  CsmChartFormatFunc  x_format;
  gpointer            x_format_data;
  GDestroyNotify      x_format_destroy;
  CsmChartFormatFunc  y_format;
  gpointer            y_format_data;
  GDestroyNotify      y_format_destroy;
  GArray             *x_ticks_wanted;  /* (nullable) explicit x ticks */

  /* The normalised cache (csm_chart_ensure ()) */
  gboolean            dirty;
  guint               normalise_id;
  guint               serial;
  gboolean            has_data;
  double              lo_x;
  double              hi_x;
  double              lo_y;
  double              hi_y;
  double              step;            /* x-step in use */
  GArray             *positions;       /* distinct x of x-aligned layers, sorted */
  GArray             *positions_n;     /* the same, normalised */
  GArray             *x_ticks;         /* data units, within lo_x..hi_x */
  GArray             *y_ticks;
  gboolean            y_durations;   /* y ticks at whole minutes, hours or days */

  /* The drawing cache: everything but hover and focus, at one size */
  CsmChartGeometry    geometry;
  GskRenderNode      *static_node;     /* (owned) (nullable) */
  int                 static_scale;
  GdkRGBA             static_fg;
  guint               n_static_draws;
  guint               deferred_id;     /* idle drawing a stale picture out of view */
  GArray             *drawn_points;    /* graphene_rect_t: the last drawing's points … */
  GArray             *drawn_labels;    /* … and the labels it placed (for tests) */

  /* Interaction */
  CsmChartTarget      hover;
  double              hover_x;
  double              hover_y;
  CsmChartTarget      focus;           /* layer and position of the focused point */
  GtkWidget          *menu;            /* (owned) (nullable) the context menu */
  GtkNativeDialog    *chooser;         /* (owned) (nullable) */
  char               *focus_text;      /* what the accessible description says of the focus */
};

/* csm-chart-layer.c */
CsmChartSeries *csm_chart_layer_get_series     (CsmChartLayer       *self);
void            csm_chart_layer_emit_changed   (CsmChartLayer       *self);
void            csm_chart_layer_load           (CsmChartLayer       *self,
                                                guint                index);

/* csm-chart-normalise.c */
void            csm_chart_ensure               (CsmChart            *self);
int             csm_chart_compare_doubles      (gconstpointer        a,
                                                gconstpointer        b);

/* csm-chart.c */
CsmChartLayer  *csm_chart_get_layer            (CsmChart            *self,
                                                guint                index);
guint           csm_chart_get_n_layers         (CsmChart            *self);
char           *csm_chart_format_x             (CsmChart            *self,
                                                double               value);
char           *csm_chart_format_y             (CsmChart            *self,
                                                double               value);
char           *csm_chart_describe_point       (CsmChart            *self,
                                                guint                layer,
                                                guint                position);
void            csm_chart_get_y_range          (CsmChart            *self,
                                                double              *lo,
                                                double              *hi);
void            csm_chart_get_x_range          (CsmChart            *self,
                                                double              *lo,
                                                double              *hi);
const double   *csm_chart_get_y_ticks          (CsmChart            *self,
                                                guint               *n);
const double   *csm_chart_get_x_ticks          (CsmChart            *self,
                                                guint               *n);
guint           csm_chart_get_n_positions      (CsmChart            *self);
guint           csm_chart_get_serial           (CsmChart            *self);
void            csm_chart_emit_point_activated (CsmChart            *self,
                                                guint                layer,
                                                guint                position);

/* csm-chart-draw.c */
PangoLayout    *csm_chart_frame_create_layout  (const CsmChartFrame *frame,
                                                const char          *text,
                                                double               scale,
                                                gboolean             bold);
void            csm_chart_layout               (CsmChart            *self,
                                                int                  width,
                                                int                  height);
void            csm_chart_init_frame           (CsmChart            *self,
                                                CsmChartFrame       *frame);
void            csm_chart_draw                 (CsmChart            *self,
                                                cairo_t             *cr,
                                                int                  width,
                                                int                  height,
                                                gboolean             background);
void            csm_chart_draw_overlay         (CsmChart            *self,
                                                cairo_t             *cr);

/* csm-chart-snapshot.c */
void            csm_chart_snapshot_cached      (CsmChart            *self,
                                                GtkSnapshot         *snapshot);
guint           csm_chart_get_n_static_draws   (CsmChart            *self);
void            csm_chart_get_drawn_marks      (CsmChart            *self,
                                                GArray             **points,
                                                GArray             **labels);
gboolean        csm_chart_in_view              (CsmChart            *self);
gboolean        csm_chart_is_drawing_deferred  (CsmChart            *self);

/* csm-chart-export.c */
void            csm_chart_save_action          (GtkWidget           *widget,
                                                const char          *action_name,
                                                GVariant            *parameter);
void            csm_chart_cancel_save          (CsmChart            *self);

/* csm-chart-actions.c: what the event controllers call, callable by tests */
void            csm_chart_class_actions_init   (GtkWidgetClass      *widget_class);
void            csm_chart_actions_init         (CsmChart            *self);
void            csm_chart_actions_dispose      (CsmChart            *self);
int             csm_chart_nearest_slot         (CsmChart            *self,
                                                double               x);
double          csm_chart_slot_x               (CsmChart            *self,
                                                guint                slot);
gboolean        csm_chart_find_target          (CsmChart            *self,
                                                double               x,
                                                double               y,
                                                CsmChartTarget      *target);
void            csm_chart_hover_at             (CsmChart            *self,
                                                double               x,
                                                double               y);
void            csm_chart_hover_leave          (CsmChart            *self);
CsmChartTarget  csm_chart_get_hover            (CsmChart            *self);
gboolean        csm_chart_click_at             (CsmChart            *self,
                                                double               x,
                                                double               y);
gboolean        csm_chart_handle_key           (CsmChart            *self,
                                                guint                keyval,
                                                GdkModifierType      state);
void            csm_chart_clamp_focus          (CsmChart            *self);
const char     *csm_chart_get_focus_text       (CsmChart            *self);
void            csm_chart_update_accessible    (CsmChart            *self);

G_END_DECLS
