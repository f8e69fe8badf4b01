/* csm-chart-draw.c: the chart's one drawing routine (screen, PNG and SVG), its layout and its overlay.
 *
 * csm_chart_draw() paints title, legend, axes and layers with cairo onto any
 * surface: the screen's image, a PNG's, an SVG. On screen that picture
 * changes only with the data, the size or the theme, so it is rasterised
 * once and the same node handed to GTK again each frame; what moves with
 * the pointer and the keyboard (the guide, the highlighted points, the box
 * of values) is a small cairo node on top, and that is all a hover frame
 * costs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-chart"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "csm-chart-private.h"

#define PAD          12.0   /* around everything */
#define GAP           6.0   /* between a label and what it labels */
#define SWATCH       10.0
#define LEGEND_SPACE 16.0   /* between legend entries */
#define TIP_PAD       8.0
#define MARK          5.0   /* half the side of the square a point takes from labels */

/* libadwaita's named colours (blue 3, green 3, …); lighter shades on dark. */
static const GdkRGBA palette_light[] = {
  { 0x35 / 255.0f, 0x84 / 255.0f, 0xe4 / 255.0f, 1.0f },
  { 0x33 / 255.0f, 0xd1 / 255.0f, 0x7a / 255.0f, 1.0f },
  { 0xff / 255.0f, 0x78 / 255.0f, 0x00 / 255.0f, 1.0f },
  { 0x91 / 255.0f, 0x41 / 255.0f, 0xac / 255.0f, 1.0f },
  { 0xe0 / 255.0f, 0x1b / 255.0f, 0x24 / 255.0f, 1.0f },
  { 0xf6 / 255.0f, 0xd3 / 255.0f, 0x2d / 255.0f, 1.0f },
};
static const GdkRGBA palette_dark[] = {
  { 0x62 / 255.0f, 0xa0 / 255.0f, 0xea / 255.0f, 1.0f },
  { 0x57 / 255.0f, 0xe3 / 255.0f, 0x89 / 255.0f, 1.0f },
  { 0xff / 255.0f, 0xa3 / 255.0f, 0x48 / 255.0f, 1.0f },
  { 0xc0 / 255.0f, 0x61 / 255.0f, 0xcb / 255.0f, 1.0f },
  { 0xf6 / 255.0f, 0x61 / 255.0f, 0x51 / 255.0f, 1.0f },
  { 0xf8 / 255.0f, 0xe4 / 255.0f, 0x5c / 255.0f, 1.0f },
};

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  GdkRGBA c = *color;

  c.alpha *= alpha;
  return c;
}

/* The theme, from the widget's own foreground colour: whatever makes the
 * text light (a dark style, high contrast) makes the chart dark. */
void
csm_chart_init_frame (CsmChart      *self,
                      CsmChartFrame *frame)
{
  static const GdkRGBA light_bg = { 1.0f, 1.0f, 1.0f, 1.0f };
  static const GdkRGBA dark_bg = { 0x24 / 255.0f, 0x24 / 255.0f, 0x24 / 255.0f, 1.0f };
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  memset (frame, 0, sizeof *frame);
  frame->widget = GTK_WIDGET (self);
  frame->fg = fg;
  frame->dark = 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5;
  frame->bg = frame->dark ? dark_bg : light_bg;
  frame->plot_x = self->geometry.plot_x;
  frame->plot_y = self->geometry.plot_y;
  frame->plot_w = self->geometry.plot_w;
  frame->plot_h = self->geometry.plot_h;
}

PangoLayout *
csm_chart_frame_create_layout (const CsmChartFrame *frame,
                               const char          *text,
                               double               scale,
                               gboolean             bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (frame->widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static gboolean
is_dashed (CsmChartLayer *layer)
{
  return CSM_IS_CHART_LINE_LAYER (layer) &&
         csm_chart_line_layer_get_dashed (CSM_CHART_LINE_LAYER (layer));
}

/* Each layer's colour for this drawing: its own, else the palette's in
 * turn. A dashed line is a previous period: without a colour of its own it
 * takes, lighter, the colour of the series it is compared with (the next
 * undashed layer, else the one before) and uses up no palette colour. */
static void
resolve_colors (CsmChart            *self,
                const CsmChartFrame *frame)
{
  const GdkRGBA *palette = frame->dark ? palette_dark : palette_light;
  guint n = csm_chart_get_n_layers (self), next = 0;

  for (guint l = 0; l < n; l++)
    {
      CsmChartLayer *layer = csm_chart_get_layer (self, l);
      const GdkRGBA *set = csm_chart_layer_get_color (layer);

      if (is_dashed (layer) && set == NULL)
        continue;
      csm_chart_layer_get_series (layer)->color =
        set != NULL ? *set : palette[next++ % G_N_ELEMENTS (palette_light)];
    }

  for (guint l = 0; l < n; l++)
    {
      CsmChartLayer *layer = csm_chart_get_layer (self, l);
      CsmChartLayer *compared = NULL;

      if (!is_dashed (layer) || csm_chart_layer_get_color (layer) != NULL)
        continue;
      for (guint k = l + 1; k < n && compared == NULL; k++)
        if (!is_dashed (csm_chart_get_layer (self, k)))
          compared = csm_chart_get_layer (self, k);
      for (guint k = l; k > 0 && compared == NULL; k--)
        if (!is_dashed (csm_chart_get_layer (self, k - 1)))
          compared = csm_chart_get_layer (self, k - 1);
      csm_chart_layer_get_series (layer)->color =
        with_alpha (compared ? &csm_chart_layer_get_series (compared)->color : &palette[0], 0.6f);
    }
}

/* Layout ----------------------------------------------------------------- */

typedef struct
{
  CsmChartLayer *layer;
  PangoLayout   *layout;
  double         x;
  double         y;
} LegendEntry;

static void
legend_entry_clear (gpointer data)
{
  LegendEntry *entry = data;

  g_clear_object (&entry->layout);
}

/* Where everything goes at @width × @height: the geometry (kept for hover
 * and clicks), and the legend's entries, placed, when @legend is given. */
static void
layout_chart (CsmChart            *self,
              const CsmChartFrame *frame,
              int                  width,
              int                  height,
              CsmChartGeometry    *geometry,
              GArray              *legend)
{
  g_autoptr(GArray) entries = legend ? g_array_ref (legend)
                                     : g_array_new (FALSE, TRUE, sizeof (LegendEntry));
  double y = PAD, title_w = 0, legend_w = 0, row_h = 0, y_label_w = 0;
  int text_h = 0;

  if (legend == NULL)
    g_array_set_clear_func (entries, legend_entry_clear);

  memset (geometry, 0, sizeof *geometry);
  geometry->width = width;
  geometry->height = height;
  geometry->serial = self->serial;

  if (self->title != NULL && *self->title != '\0')
    {
      g_autoptr(PangoLayout) layout = csm_chart_frame_create_layout (frame, self->title, 1.0, TRUE);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      title_w = w;
      row_h = h;
    }
  geometry->title_y = y;

  for (guint l = 0; l < csm_chart_get_n_layers (self); l++)
    {
      CsmChartLayer *layer = csm_chart_get_layer (self, l);
      const char *title = csm_chart_layer_get_title (layer);
      LegendEntry entry = { layer, NULL, 0, 0 };
      int w, h;

      if (title == NULL || *title == '\0')
        continue;
      entry.layout = csm_chart_frame_create_layout (frame, title, PANGO_SCALE_SMALL, FALSE);
      pango_layout_get_pixel_size (entry.layout, &w, &h);
      text_h = MAX (text_h, h);
      legend_w += (legend_w > 0 ? LEGEND_SPACE : 0) + SWATCH * 1.5 + GAP + w;
      g_array_append_val (entries, entry);
    }

  if (entries->len > 0)
    {
      /* Beside the title when it fits there, else in rows under it. */
      gboolean beside = title_w + 2 * LEGEND_SPACE + legend_w <= width - 2 * PAD;
      double x = beside ? width - PAD - legend_w : PAD;
      double ly = beside || row_h == 0 ? y + MAX (row_h - text_h, 0) / 2 : y + row_h + GAP;

      for (guint e = 0; e < entries->len; e++)
        {
          LegendEntry *entry = &g_array_index (entries, LegendEntry, e);
          int w, h;
          double entry_w;

          pango_layout_get_pixel_size (entry->layout, &w, &h);
          entry_w = SWATCH * 1.5 + GAP + w;
          if (!beside && x > PAD && x + entry_w > width - PAD)
            {
              x = PAD;
              ly += text_h + 4;
            }
          entry->x = x;
          entry->y = ly;
          x += entry_w + LEGEND_SPACE;
        }
      geometry->legend_y = ly;
      y = MAX (y + row_h, ly + text_h);
    }
  else
    y += row_h;
  if (y > PAD)
    y += GAP * 2;

  /* The y axis' labels set the plot's left edge. */
  for (guint t = 0; t < self->y_ticks->len && self->has_data; t++)
    {
      g_autofree char *text = csm_chart_format_y (self, g_array_index (self->y_ticks, double, t));
      g_autoptr(PangoLayout) layout =
        csm_chart_frame_create_layout (frame, text, PANGO_SCALE_SMALL, FALSE);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      y_label_w = MAX (y_label_w, w);
      text_h = MAX (text_h, h);
    }
  if (text_h == 0)
    {
      g_autoptr(PangoLayout) layout = csm_chart_frame_create_layout (frame, "0", PANGO_SCALE_SMALL,
                                                                     FALSE);
      pango_layout_get_pixel_size (layout, NULL, &text_h);
    }

  geometry->plot_x = PAD + (y_label_w > 0 ? y_label_w + GAP * 1.5 : 0);
  geometry->plot_y = y + text_h / 2.0;
  geometry->plot_w = MAX (width - PAD - geometry->plot_x, 1);
  geometry->plot_h = MAX (height - PAD - text_h - GAP - geometry->plot_y, 1);
}

void
csm_chart_layout (CsmChart *self,
                  int       width,
                  int       height)
{
  CsmChartFrame frame;

  csm_chart_ensure (self);
  if (self->geometry.width == width && self->geometry.height == height &&
      self->geometry.serial == self->serial)
    return;
  csm_chart_init_frame (self, &frame);
  layout_chart (self, &frame, width, height, &self->geometry, NULL);
}

/* Drawing ------------------------------------------------------------------ */

static void
show_layout (cairo_t       *cr,
             PangoLayout   *layout,
             double         x,
             double         y,
             const GdkRGBA *color)
{
  cairo_move_to (cr, x, y);
  gdk_cairo_set_source_rgba (cr, color);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_y_axis (CsmChart            *self,
             cairo_t             *cr,
             const CsmChartFrame *frame)
{
  GdkRGBA grid = with_alpha (&frame->fg, 0.09f);
  GdkRGBA base = with_alpha (&frame->fg, 0.25f);
  GdkRGBA label = with_alpha (&frame->fg, 0.55f);
  double span = self->hi_y - self->lo_y;

  cairo_set_line_width (cr, 1.0);
  for (guint t = 0; t < self->y_ticks->len; t++)
    {
      double value = g_array_index (self->y_ticks, double, t);
      /* On the pixel grid's centres: a 1 px line stays 1 px. */
      double py = floor (csm_chart_frame_py (frame, (value - self->lo_y) / span)) + 0.5;
      g_autofree char *text = csm_chart_format_y (self, value);
      g_autoptr(PangoLayout) layout =
        csm_chart_frame_create_layout (frame, text, PANGO_SCALE_SMALL, FALSE);
      int w, h;

      cairo_new_path (cr);
      cairo_move_to (cr, frame->plot_x, py);
      cairo_line_to (cr, frame->plot_x + frame->plot_w, py);
      gdk_cairo_set_source_rgba (cr, value == 0.0 || t == 0 ? &base : &grid);
      cairo_stroke (cr);

      pango_layout_get_pixel_size (layout, &w, &h);
      show_layout (cr, layout, frame->plot_x - GAP * 1.5 - w, py - h / 2.0, &label);
    }
}

static void
draw_x_axis (CsmChart            *self,
             cairo_t             *cr,
             const CsmChartFrame *frame,
             int                  width)
{
  GdkRGBA label = with_alpha (&frame->fg, 0.55f);
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double span = self->hi_x - self->lo_x, widest = 0, spacing = INFINITY, right = -INFINITY;
  guint stride = 1;

  for (guint t = 0; t < self->x_ticks->len; t++)
    {
      g_autofree char *text = csm_chart_format_x (self, g_array_index (self->x_ticks, double, t));
      PangoLayout *layout = csm_chart_frame_create_layout (frame, text, PANGO_SCALE_SMALL, FALSE);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      widest = MAX (widest, w);
      g_ptr_array_add (layouts, layout);
      if (t > 0)
        spacing = MIN (spacing, (g_array_index (self->x_ticks, double, t) -
                                 g_array_index (self->x_ticks, double, t - 1)) /
                                span * frame->plot_w);
    }
  /* Every n-th label, evenly, so that none collide. */
  if (isfinite (spacing) && spacing > 0)
    stride = (guint) MAX (1.0, ceil ((widest + 2 * GAP) / spacing));

  for (guint t = 0; t < layouts->len; t += stride)
    {
      PangoLayout *layout = g_ptr_array_index (layouts, t);
      double tick = g_array_index (self->x_ticks, double, t);
      double px = csm_chart_frame_px (frame, (tick - self->lo_x) / span);
      int w, h;
      double x;

      pango_layout_get_pixel_size (layout, &w, &h);
      x = CLAMP (px - w / 2.0, 0, width - w);
      if (x < right + GAP)
        continue;
      right = x + w;

      cairo_new_path (cr);
      cairo_move_to (cr, floor (px) + 0.5, frame->plot_y + frame->plot_h);
      cairo_line_to (cr, floor (px) + 0.5, frame->plot_y + frame->plot_h + 3);
      gdk_cairo_set_source_rgba (cr, &label);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
      show_layout (cr, layout, x, frame->plot_y + frame->plot_h + GAP - 2, &label);
    }
}

static void
draw_references (CsmChart            *self,
                 cairo_t             *cr,
                 const CsmChartFrame *frame)
{
  static const double dashes[] = { 4.0, 4.0 };
  GdkRGBA color = with_alpha (&frame->fg, 0.35f);

  cairo_save (cr);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_set_line_width (cr, 1.0);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_new_path (cr);
  if (isfinite (self->x_reference))
    {
      double px = floor (csm_chart_frame_px (frame, (self->x_reference - self->lo_x) /
                                                    (self->hi_x - self->lo_x))) + 0.5;

      cairo_move_to (cr, px, frame->plot_y);
      cairo_line_to (cr, px, frame->plot_y + frame->plot_h);
    }
  if (isfinite (self->y_reference))
    {
      double py = floor (csm_chart_frame_py (frame, (self->y_reference - self->lo_y) /
                                                    (self->hi_y - self->lo_y))) + 0.5;

      cairo_move_to (cr, frame->plot_x, py);
      cairo_line_to (cr, frame->plot_x + frame->plot_w, py);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/**
 * csm_chart_draw:
 * @background: fill with the theme's background first (an exported file
 *   has no window behind it)
 *
 * Draws the chart, without hover or focus, at @width × @height.
 */
void
csm_chart_draw (CsmChart *self,
                cairo_t  *cr,
                int       width,
                int       height,
                gboolean  background)
{
  g_autoptr(GArray) legend = g_array_new (FALSE, TRUE, sizeof (LegendEntry));
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  CsmChartGeometry geometry;
  CsmChartFrame frame;
  guint n_points;

  csm_chart_ensure (self);
  g_array_set_clear_func (legend, legend_entry_clear);
  csm_chart_init_frame (self, &frame);
  layout_chart (self, &frame, width, height, &geometry, legend);
  frame.plot_x = geometry.plot_x;
  frame.plot_y = geometry.plot_y;
  frame.plot_w = geometry.plot_w;
  frame.plot_h = geometry.plot_h;
  resolve_colors (self, &frame);

  cairo_save (cr);
  if (background)
    {
      gdk_cairo_set_source_rgba (cr, &frame.bg);
      cairo_paint (cr);
    }

  if (self->title != NULL && *self->title != '\0')
    {
      g_autoptr(PangoLayout) layout =
        csm_chart_frame_create_layout (&frame, self->title, 1.0, TRUE);

      show_layout (cr, layout, PAD, geometry.title_y, &frame.fg);
    }

  for (guint e = 0; e < legend->len; e++)
    {
      LegendEntry *entry = &g_array_index (legend, LegendEntry, e);
      GdkRGBA text = with_alpha (&frame.fg, 0.8f);
      int h;

      pango_layout_get_pixel_size (entry->layout, NULL, &h);
      CSM_CHART_LAYER_GET_CLASS (entry->layer)->draw_swatch (entry->layer, cr, &frame, entry->x,
                                                             entry->y + (h - SWATCH) / 2, SWATCH);
      show_layout (cr, entry->layout, entry->x + SWATCH * 1.5 + GAP, entry->y, &text);
    }

  if (!self->has_data)
    {
      const char *empty = self->empty_text != NULL ? self->empty_text : _("No data");
      g_autoptr(PangoLayout) layout = csm_chart_frame_create_layout (&frame, empty, 1.0, FALSE);
      GdkRGBA text = with_alpha (&frame.fg, 0.55f);
      int w, h;

      pango_layout_set_width (layout, (int) geometry.plot_w * PANGO_SCALE);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (layout, &w, &h);
      show_layout (cr, layout, geometry.plot_x,
                   geometry.plot_y + (geometry.plot_h - h) / 2, &text);
      cairo_restore (cr);
      return;
    }

  draw_y_axis (self, cr, &frame);
  draw_x_axis (self, cr, &frame, width);
  draw_references (self, cr, &frame);

  /* Layers may reach a little past the plot (dots, line joins), not over
   * the labels. */
  cairo_rectangle (cr, geometry.plot_x - 6, geometry.plot_y - 6, geometry.plot_w + 12,
                   geometry.plot_h + 6);
  cairo_clip (cr);
  /* A label of one layer must not cover a point of another, nor another
   * layer's label: the layers share what is taken. */
  for (guint l = 0; l < csm_chart_get_n_layers (self); l++)
    {
      CsmChartSeries *series = csm_chart_layer_get_series (csm_chart_get_layer (self, l));

      for (guint i = 0; i < series->n; i++)
        if (isfinite (series->nx[i]) && isfinite (series->ny[i]))
          {
            double px = csm_chart_frame_px (&frame, series->nx[i]);
            double py = csm_chart_frame_py (&frame, series->ny[i]);

            g_array_append_val (marks, GRAPHENE_RECT_INIT (px - MARK, py - MARK, 2 * MARK,
                                                           2 * MARK));
          }
    }
  frame.marks = marks;
  n_points = marks->len;
  for (guint l = 0; l < csm_chart_get_n_layers (self); l++)
    {
      CsmChartLayer *layer = csm_chart_get_layer (self, l);

      CSM_CHART_LAYER_GET_CLASS (layer)->draw (layer, cr, &frame);
    }
  g_clear_pointer (&self->drawn_points, g_array_unref);
  g_clear_pointer (&self->drawn_labels, g_array_unref);
  self->drawn_labels = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  g_array_append_vals (self->drawn_labels, &g_array_index (marks, graphene_rect_t, n_points),
                       marks->len - n_points);
  g_array_set_size (marks, n_points);
  self->drawn_points = g_steal_pointer (&marks);
  cairo_restore (cr);
}

/* The overlay -------------------------------------------------------------- */

static void
add_tip_line (CsmChart            *self,
              const CsmChartFrame *frame,
              GPtrArray           *lines,
              GArray              *colors,
              guint                layer,
              guint                position)
{
  CsmChartLayer *chart_layer = csm_chart_get_layer (self, layer);
  CsmChartSeries *series = csm_chart_layer_get_series (chart_layer);
  CsmChartPoint *point = g_ptr_array_index (series->points, position);
  const char *title = csm_chart_layer_get_title (chart_layer);
  const char *label = point != NULL ? csm_chart_point_get_label (point) : NULL;
  g_autofree char *value = NULL;
  g_autofree char *markup = NULL;
  PangoLayout *layout;

  if (label == NULL)
    value = isfinite (series->y[position]) ? csm_chart_format_y (self, series->y[position])
                                           : g_strdup (_("no value"));
  if (title != NULL && *title != '\0')
    markup = g_markup_printf_escaped ("<span alpha=\"70%%\">%s</span>  %s", title,
                                      label ? label : value);
  else
    markup = g_markup_escape_text (label ? label : value, -1);

  layout = csm_chart_frame_create_layout (frame, NULL, PANGO_SCALE_SMALL, FALSE);
  pango_layout_set_markup (layout, markup, -1);
  g_ptr_array_add (lines, layout);
  g_array_append_val (colors, series->color);
}

/* The box of exact values next to the guide at @px. */
static void
draw_tip (CsmChart            *self,
          cairo_t             *cr,
          const CsmChartFrame *frame,
          const CsmChartTarget *target,
          double               px)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) colors = g_array_new (FALSE, FALSE, sizeof (GdkRGBA));
  g_autoptr(PangoLayout) header = NULL;
  gboolean any_label_missing = FALSE;
  double box_w = 0, box_h = 0, x, y;
  GdkRGBA box_bg = frame->dark ? (GdkRGBA) { 0.22f, 0.22f, 0.22f, 0.97f }
                               : (GdkRGBA) { 1.0f, 1.0f, 1.0f, 0.97f };
  GdkRGBA border = with_alpha (&frame->fg, 0.15f);

  if (target->slot >= 0)
    {
      for (guint l = 0; l < csm_chart_get_n_layers (self); l++)
        {
          CsmChartSeries *series = csm_chart_layer_get_series (csm_chart_get_layer (self, l));
          int i;

          if (series->at_slot == NULL || (guint) target->slot >= series->n_slots)
            continue;
          i = series->at_slot[target->slot];
          if (i < 0)
            continue;
          if (series->points->pdata[i] == NULL ||
              csm_chart_point_get_label (series->points->pdata[i]) == NULL)
            any_label_missing = TRUE;
          add_tip_line (self, frame, lines, colors, l, i);
        }
      /* The points' own labels say where they are; bare values need the x. */
      if (any_label_missing)
        {
          g_autofree char *text =
            csm_chart_format_x (self, g_array_index (self->positions, double, target->slot));

          header = csm_chart_frame_create_layout (frame, text, PANGO_SCALE_SMALL, TRUE);
        }
    }
  else if (target->layer >= 0)
    add_tip_line (self, frame, lines, colors, target->layer, target->position);
  if (lines->len == 0)
    return;

  if (header != NULL)
    {
      int w, h;

      pango_layout_get_pixel_size (header, &w, &h);
      box_w = w;
      box_h = h + 2;
    }
  for (guint i = 0; i < lines->len; i++)
    {
      int w, h;

      pango_layout_get_pixel_size (g_ptr_array_index (lines, i), &w, &h);
      box_w = MAX (box_w, SWATCH + GAP + w);
      box_h += h;
    }
  box_w += 2 * TIP_PAD;
  box_h += 2 * TIP_PAD;

  /* Beside the guide, on the side with room, in the plot's upper part. */
  x = px + 12;
  if (x + box_w > self->geometry.width - 2)
    x = px - 12 - box_w;
  x = MAX (x, 2);
  y = frame->plot_y + 4;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, x + box_w - 6, y + 6, 6, -G_PI / 2, 0);
  cairo_arc (cr, x + box_w - 6, y + box_h - 6, 6, 0, G_PI / 2);
  cairo_arc (cr, x + 6, y + box_h - 6, 6, G_PI / 2, G_PI);
  cairo_arc (cr, x + 6, y + 6, 6, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  gdk_cairo_set_source_rgba (cr, &box_bg);
  cairo_fill_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &border);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  x += TIP_PAD;
  y += TIP_PAD;
  if (header != NULL)
    {
      int h;

      pango_layout_get_pixel_size (header, NULL, &h);
      show_layout (cr, header, x, y, &frame->fg);
      y += h + 2;
    }
  for (guint i = 0; i < lines->len; i++)
    {
      PangoLayout *layout = g_ptr_array_index (lines, i);
      int h;

      pango_layout_get_pixel_size (layout, NULL, &h);
      cairo_new_path (cr);
      cairo_arc (cr, x + SWATCH / 2, y + h / 2.0, SWATCH / 2 - 1, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &g_array_index (colors, GdkRGBA, i));
      cairo_fill (cr);
      show_layout (cr, layout, x + SWATCH + GAP, y, &frame->fg);
      y += h;
    }
  cairo_restore (cr);
}

/* Hover and focus, over the kept picture. */
void
csm_chart_draw_overlay (CsmChart *self,
                        cairo_t  *cr)
{
  /* The ring and the box for the keyboard's point only while the keyboard
   * is in use (focus-visible), not after every click. */
  gboolean focused = gtk_widget_has_visible_focus (GTK_WIDGET (self)) && self->focus.layer >= 0;
  const CsmChartTarget *target = NULL;
  CsmChartTarget focus_target;
  CsmChartFrame frame;
  double guide_x = NAN;

  if (!self->has_data)
    return;
  csm_chart_init_frame (self, &frame);
  resolve_colors (self, &frame);

  if (self->hover.slot >= 0 || self->hover.layer >= 0)
    target = &self->hover;
  else if (focused)
    {
      /* The keyboard's point tells the same as hovering it would. */
      focus_target = self->focus;
      target = &focus_target;
    }

  if (target != NULL && target->slot >= 0)
    {
      gboolean column_there = FALSE;

      for (guint l = 0; l < csm_chart_get_n_layers (self); l++)
        {
          CsmChartLayer *layer = csm_chart_get_layer (self, l);
          CsmChartSeries *series = csm_chart_layer_get_series (layer);

          if (CSM_IS_CHART_COLUMN_LAYER (layer) && series->bucket * frame.plot_w >= 6 &&
              (guint) target->slot < series->n_slots &&
              series->at_slot[target->slot] >= 0 &&
              isfinite (series->y[series->at_slot[target->slot]]))
            column_there = TRUE;
        }

      /* A highlighted column (wide enough to see) marks the position itself. */
      guide_x = csm_chart_slot_x (self, target->slot);
      if (!column_there)
        {
          cairo_new_path (cr);
          cairo_move_to (cr, floor (guide_x) + 0.5, frame.plot_y);
          cairo_line_to (cr, floor (guide_x) + 0.5, frame.plot_y + frame.plot_h);
          cairo_set_line_width (cr, 1.0);
          gdk_cairo_set_source_rgba (cr, &(GdkRGBA) { frame.fg.red, frame.fg.green,
                                                      frame.fg.blue, 0.3f });
          cairo_stroke (cr);
        }

      for (guint l = 0; l < csm_chart_get_n_layers (self); l++)
        {
          CsmChartLayer *layer = csm_chart_get_layer (self, l);
          CsmChartSeries *series = csm_chart_layer_get_series (layer);

          if (series->at_slot != NULL && (guint) target->slot < series->n_slots &&
              series->at_slot[target->slot] >= 0)
            CSM_CHART_LAYER_GET_CLASS (layer)->draw_highlight (layer, cr, &frame,
                                                               series->at_slot[target->slot],
                                                               FALSE);
        }
    }
  else if (target != NULL && target->layer >= 0)
    {
      CsmChartLayer *layer = csm_chart_get_layer (self, target->layer);
      CsmChartSeries *series = csm_chart_layer_get_series (layer);

      guide_x = csm_chart_frame_px (&frame, series->nx[target->position]);
      CSM_CHART_LAYER_GET_CLASS (layer)->draw_highlight (layer, cr, &frame, target->position,
                                                         FALSE);
    }

  if (focused)
    {
      CsmChartLayer *layer = csm_chart_get_layer (self, self->focus.layer);

      CSM_CHART_LAYER_GET_CLASS (layer)->draw_highlight (layer, cr, &frame, self->focus.position,
                                                         TRUE);
    }

  if (target != NULL && isfinite (guide_x))
    draw_tip (self, cr, &frame, target, guide_x);
}
