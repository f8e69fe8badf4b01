/* csm-chart-actions.c: what a person does with a chart: hover, click, keyboard, context menu, saving.
 *
 * Hover and clicks find their point through the normalised cache: a binary
 * search over the x positions, then the layers at that position. The
 * keyboard moves a focused point (Left/Right/Home/End along x, Up/Down
 * through the layers at that x, Enter or space activates it), drawn with a
 * focus ring, and says it through the accessible description. The context
 * menu (right click, Menu, Shift+F10) offers the save actions
 * (csm-chart-export.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-chart"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "csm-chart-private.h"

/* How far (pixels) a click may be from a point and still mean it. */
#define HIT_DISTANCE 24.0
/* Hover beyond the plot's edges by this much still counts. */
#define HOVER_SLACK  8.0

static gboolean
target_equal (const CsmChartTarget *a,
              const CsmChartTarget *b)
{
  return a->layer == b->layer && a->position == b->position && a->slot == b->slot;
}

static void
ensure_layout (CsmChart *self)
{
  csm_chart_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                    gtk_widget_get_height (GTK_WIDGET (self)));
}

/* Finding points --------------------------------------------------------- */

/**
 * csm_chart_nearest_slot:
 * @x: a pointer position in widget pixels
 *
 * Returns: the x position (slot) nearest @x, -1 if there are none
 */
int
csm_chart_nearest_slot (CsmChart *self,
                        double    x)
{
  const double *positions;
  guint lo = 0, hi;
  double n;

  ensure_layout (self);
  if (self->positions_n->len == 0)
    return -1;
  positions = (const double *) (gpointer) self->positions_n->data;
  n = (x - self->geometry.plot_x) / self->geometry.plot_w;

  /* The first position at or after n, then whichever neighbour is nearer. */
  hi = self->positions_n->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (positions[mid] < n)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == self->positions_n->len)
    return (int) lo - 1;
  if (lo > 0 && n - positions[lo - 1] <= positions[lo] - n)
    return (int) lo - 1;
  return (int) lo;
}

double
csm_chart_slot_x (CsmChart *self,
                  guint     slot)
{
  if (slot >= self->positions_n->len)
    return NAN;
  return self->geometry.plot_x + g_array_index (self->positions_n, double, slot) *
                                 self->geometry.plot_w;
}

static void
frame_for_hit (CsmChart      *self,
               CsmChartFrame *frame)
{
  ensure_layout (self);
  csm_chart_init_frame (self, frame);
}

/* The scatter point nearest @x, @y within @limit pixels. */
static gboolean
nearest_scatter_point (CsmChart            *self,
                       const CsmChartFrame *frame,
                       double               x,
                       double               y,
                       double               limit,
                       CsmChartTarget      *target)
{
  double best = limit;
  gboolean found = FALSE;

  for (guint l = 0; l < csm_chart_get_n_layers (self); l++)
    {
      CsmChartLayer *layer = csm_chart_get_layer (self, l);
      CsmChartSeries *series = csm_chart_layer_get_series (layer);

      if (!CSM_IS_CHART_SCATTER_LAYER (layer))
        continue;
      for (guint i = 0; i < series->n; i++)
        {
          double d = CSM_CHART_LAYER_GET_CLASS (layer)->distance (layer, frame, i, x, y);

          if (d <= best)
            {
              best = d;
              *target = (CsmChartTarget) { (int) l, (int) i, -1 };
              found = TRUE;
            }
        }
    }
  return found;
}

/**
 * csm_chart_find_target:
 *
 * The one point a click at @x, @y means: a scatter point under it, else of
 * the layers at the nearest x position the one nearest the pointer, each
 * within a short distance.
 *
 * Returns: whether there is one
 */
gboolean
csm_chart_find_target (CsmChart       *self,
                       double          x,
                       double          y,
                       CsmChartTarget *target)
{
  CsmChartFrame frame;
  double best = HIT_DISTANCE;
  gboolean found = FALSE;
  int slot;

  csm_chart_ensure (self);
  if (!self->has_data)
    return FALSE;
  frame_for_hit (self, &frame);
  if (nearest_scatter_point (self, &frame, x, y, HIT_DISTANCE, target))
    return TRUE;

  slot = csm_chart_nearest_slot (self, x);
  if (slot < 0)
    return FALSE;
  for (guint l = 0; l < csm_chart_get_n_layers (self); l++)
    {
      CsmChartLayer *layer = csm_chart_get_layer (self, l);
      CsmChartSeries *series = csm_chart_layer_get_series (layer);
      int i;
      double d;

      if (series->at_slot == NULL || (guint) slot >= series->n_slots || series->at_slot[slot] < 0)
        continue;
      i = series->at_slot[slot];
      d = CSM_CHART_LAYER_GET_CLASS (layer)->distance (layer, &frame, i, x, y);
      if (d <= best)
        {
          best = d;
          *target = (CsmChartTarget) { (int) l, i, slot };
          found = TRUE;
        }
    }
  return found;
}

/* Hover -------------------------------------------------------------------- */

/**
 * csm_chart_hover_at:
 *
 * The pointer is at @x, @y: what the motion controller calls. Hovering
 * anywhere over the plot shows every layer's value at the nearest x; over
 * a scatter point, that point.
 */
void
csm_chart_hover_at (CsmChart *self,
                    double    x,
                    double    y)
{
  CsmChartTarget target = { -1, -1, -1 };
  const CsmChartGeometry *g = &self->geometry;

  csm_chart_ensure (self);
  ensure_layout (self);
  self->hover_x = x;
  self->hover_y = y;
  if (self->has_data &&
      x >= g->plot_x - HOVER_SLACK && x <= g->plot_x + g->plot_w + HOVER_SLACK &&
      y >= g->plot_y - HOVER_SLACK && y <= g->plot_y + g->plot_h + HOVER_SLACK)
    {
      CsmChartFrame frame;

      csm_chart_init_frame (self, &frame);
      if (!nearest_scatter_point (self, &frame, x, y, HIT_DISTANCE / 2, &target))
        target.slot = csm_chart_nearest_slot (self, x);
    }

  if (!target_equal (&target, &self->hover))
    {
      self->hover = target;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

void
csm_chart_hover_leave (CsmChart *self)
{
  CsmChartTarget none = { -1, -1, -1 };

  if (target_equal (&none, &self->hover))
    return;
  self->hover = none;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

CsmChartTarget
csm_chart_get_hover (CsmChart *self)
{
  return self->hover;
}

/* Focus ---------------------------------------------------------------------- */

void
csm_chart_update_accessible (CsmChart *self)
{
  g_autofree char *description = NULL;

  /* The focused point first: it is what changes as the keyboard moves,
   * and where a person coming back to the chart is. */
  if (self->focus_text != NULL && self->description != NULL && *self->description != '\0')
    description = g_strdup_printf ("%s\n%s", self->focus_text, self->description);
  else if (self->focus_text != NULL)
    description = g_strdup (self->focus_text);
  else
    description = g_strdup (self->description ? self->description : "");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title ? self->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
set_focus (CsmChart *self,
           int       layer,
           int       position)
{
  CsmChartLayer *chart_layer = layer >= 0 ? csm_chart_get_layer (self, layer) : NULL;
  CsmChartSeries *series = chart_layer ? csm_chart_layer_get_series (chart_layer) : NULL;

  if (series == NULL || position < 0 || (guint) position >= series->n)
    self->focus = (CsmChartTarget) { -1, -1, -1 };
  else
    self->focus = (CsmChartTarget) { layer, position, series->slot[position] };

  g_clear_pointer (&self->focus_text, g_free);
  if (self->focus.layer >= 0)
    self->focus_text = csm_chart_describe_point (self, layer, position);
  csm_chart_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* After a normalisation: the same layer and position if they still exist. */
void
csm_chart_clamp_focus (CsmChart *self)
{
  CsmChartLayer *layer = self->focus.layer >= 0 ? csm_chart_get_layer (self, self->focus.layer)
                                                : NULL;

  if (self->hover.slot >= (int) self->positions->len ||
      (self->hover.layer >= 0 &&
       (csm_chart_get_layer (self, self->hover.layer) == NULL ||
        (guint) self->hover.position >=
        csm_chart_layer_get_series (csm_chart_get_layer (self, self->hover.layer))->n)))
    self->hover = (CsmChartTarget) { -1, -1, -1 };

  if (layer == NULL)
    set_focus (self, -1, -1);
  else
    set_focus (self, self->focus.layer,
               MIN (self->focus.position, (int) csm_chart_layer_get_series (layer)->n - 1));
}

/* Where the keyboard starts: the first point with a value. */
static void
focus_first (CsmChart *self)
{
  for (guint l = 0; l < csm_chart_get_n_layers (self); l++)
    {
      CsmChartSeries *series = csm_chart_layer_get_series (csm_chart_get_layer (self, l));

      if (series->n_by_x > 0 && series->defined)
        {
          set_focus (self, (int) l, (int) series->by_x[0]);
          return;
        }
    }
}

/* Along x: to the next position this layer has a point at, or for a
 * scatter to the next point in x order. @to_end: the first or last. */
static void
move_along (CsmChart *self,
            int       direction,
            gboolean  to_end)
{
  CsmChartLayer *layer = csm_chart_get_layer (self, self->focus.layer);
  CsmChartSeries *series = csm_chart_layer_get_series (layer);

  if (series->at_slot != NULL && self->focus.slot >= 0)
    {
      int last = (int) series->n_slots - 1;
      int s = to_end ? (direction < 0 ? 0 : last) : self->focus.slot + direction;

      for (; s >= 0 && (guint) s < series->n_slots; s += to_end ? -direction : direction)
        if (series->at_slot[s] >= 0)
          {
            set_focus (self, self->focus.layer, series->at_slot[s]);
            return;
          }
    }
  else
    {
      int k = 0;

      while ((guint) k < series->n_by_x && series->by_x[k] != (guint) self->focus.position)
        k++;
      k = to_end ? (direction < 0 ? 0 : (int) series->n_by_x - 1) : k + direction;
      if (k >= 0 && (guint) k < series->n_by_x)
        set_focus (self, self->focus.layer, series->by_x[k]);
    }
}

/* Up (+1) or down (-1) the layers: the next one with a point at this x;
 * to or from a scatter, its point nearest in x. */
static void
move_across (CsmChart *self,
             int       direction)
{
  CsmChartSeries *from = csm_chart_layer_get_series (csm_chart_get_layer (self, self->focus.layer));
  double x = from->x[self->focus.position];

  for (int l = self->focus.layer + direction;
       l >= 0 && (guint) l < csm_chart_get_n_layers (self);
       l += direction)
    {
      CsmChartSeries *series = csm_chart_layer_get_series (csm_chart_get_layer (self, l));
      int best = -1;
      double best_d = INFINITY;

      if (series->at_slot != NULL && self->focus.slot >= 0)
        best = series->at_slot[self->focus.slot];
      else
        for (guint k = 0; k < series->n_by_x; k++)
          if (fabs (series->x[series->by_x[k]] - x) < best_d)
            {
              best_d = fabs (series->x[series->by_x[k]] - x);
              best = (int) series->by_x[k];
            }
      if (best >= 0)
        {
          set_focus (self, l, best);
          return;
        }
    }
}

static void popup_menu (CsmChart *self,
                        double    x,
                        double    y);

/**
 * csm_chart_handle_key:
 *
 * What the key controller calls for a key press.
 *
 * Returns: whether the chart used the key
 */
gboolean
csm_chart_handle_key (CsmChart        *self,
                      guint            keyval,
                      GdkModifierType  state)
{
  gboolean had_focus;

  csm_chart_ensure (self);

  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK)))
    {
      double x, y;

      ensure_layout (self);
      x = self->geometry.plot_x + self->geometry.plot_w / 2;
      y = self->geometry.plot_y + self->geometry.plot_h / 2;
      if (self->focus.layer >= 0)
        {
          CsmChartFrame frame;
          CsmChartSeries *series =
            csm_chart_layer_get_series (csm_chart_get_layer (self, self->focus.layer));

          csm_chart_init_frame (self, &frame);
          x = csm_chart_frame_px (&frame, series->nx[self->focus.position]);
          if (isfinite (series->ny[self->focus.position]))
            y = csm_chart_frame_py (&frame, series->ny[self->focus.position]);
        }
      popup_menu (self, x, y);
      return TRUE;
    }

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  if (!self->has_data)
    return FALSE;

  had_focus = self->focus.layer >= 0;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (!had_focus)
        {
          focus_first (self);
          if (keyval != GDK_KEY_End && keyval != GDK_KEY_KP_End)
            return TRUE;
        }
      break;
    default:
      break;
    }

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_along (self, -1, FALSE);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_along (self, +1, FALSE);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      move_along (self, -1, TRUE);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      move_along (self, +1, TRUE);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_across (self, +1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_across (self, -1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (!had_focus)
        return FALSE;
      csm_chart_emit_point_activated (self, self->focus.layer, self->focus.position);
      return TRUE;
    default:
      return FALSE;
    }
}

const char *
csm_chart_get_focus_text (CsmChart *self)
{
  return self->focus_text;
}

/**
 * csm_chart_get_focus_layer:
 *
 * Returns: (transfer none) (nullable): the layer of the point the keyboard
 *   (or the last click) is on
 */
CsmChartLayer *
csm_chart_get_focus_layer (CsmChart *self)
{
  g_return_val_if_fail (CSM_IS_CHART (self), NULL);

  csm_chart_ensure (self);
  return self->focus.layer >= 0 ? csm_chart_get_layer (self, self->focus.layer) : NULL;
}

/**
 * csm_chart_get_focus_position:
 *
 * Returns: the focused point's position in its layer's model, -1 if none
 */
int
csm_chart_get_focus_position (CsmChart *self)
{
  g_return_val_if_fail (CSM_IS_CHART (self), -1);

  csm_chart_ensure (self);
  return self->focus.position;
}

/**
 * csm_chart_set_focus_point:
 * @layer: (nullable): one of the chart's layers, or %NULL for none
 *
 * Puts the keyboard on a point, e.g. where the page last drilled down.
 */
void
csm_chart_set_focus_point (CsmChart      *self,
                           CsmChartLayer *layer,
                           guint          position)
{
  guint index;

  g_return_if_fail (CSM_IS_CHART (self));

  csm_chart_ensure (self);
  if (layer == NULL || !g_list_store_find (self->layers, layer, &index))
    set_focus (self, -1, -1);
  else
    set_focus (self, (int) index, (int) position);
}

/* Clicks ------------------------------------------------------------------ */

/**
 * csm_chart_click_at:
 *
 * A primary click at @x, @y: what the click gesture calls. The point it
 * means gets the focus and is activated.
 *
 * Returns: whether a point was activated
 */
gboolean
csm_chart_click_at (CsmChart *self,
                    double    x,
                    double    y)
{
  CsmChartTarget target;

  if (!csm_chart_find_target (self, x, y, &target))
    return FALSE;
  set_focus (self, target.layer, target.position);
  csm_chart_emit_point_activated (self, target.layer, target.position);
  return TRUE;
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            CsmChart        *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));

  if (button == GDK_BUTTON_SECONDARY || (event != NULL && gdk_event_triggers_context_menu (event)))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      popup_menu (self, x, y);
      return;
    }
  if (button != GDK_BUTTON_PRIMARY || n_press != 1)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (csm_chart_click_at (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_motion (GtkEventControllerMotion *motion G_GNUC_UNUSED,
           double                    x,
           double                    y,
           CsmChart                 *self)
{
  csm_chart_hover_at (self, x, y);
}

static void
on_leave (GtkEventControllerMotion *motion G_GNUC_UNUSED,
          CsmChart                 *self)
{
  csm_chart_hover_leave (self);
}

static gboolean
on_key_pressed (GtkEventControllerKey *key G_GNUC_UNUSED,
                guint                  keyval,
                guint                  keycode G_GNUC_UNUSED,
                GdkModifierType        state,
                CsmChart              *self)
{
  return csm_chart_handle_key (self, keyval, state);
}

static void
on_focus_enter (GtkEventControllerFocus *focus G_GNUC_UNUSED,
                CsmChart                *self)
{
  csm_chart_ensure (self);
  if (self->focus.layer < 0)
    focus_first (self);
  csm_chart_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_focus_leave (GtkEventControllerFocus *focus G_GNUC_UNUSED,
                CsmChart                *self)
{
  csm_chart_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The context menu --------------------------------------------------------- */

static void
popup_menu (CsmChart *self,
            double    x,
            double    y)
{
  if (self->menu == NULL)
    {
      g_autoptr(GMenu) menu = g_menu_new ();

      g_menu_append (menu, _("Save as _PNG…"), "chart.save-png");
      g_menu_append (menu, _("Save as _SVG…"), "chart.save-svg");
      self->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

/* Setting up --------------------------------------------------------------- */

void
csm_chart_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "chart.save-png", NULL, csm_chart_save_action);
  gtk_widget_class_install_action (widget_class, "chart.save-svg", NULL, csm_chart_save_action);
}

void
csm_chart_actions_init (CsmChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  g_signal_connect (focus, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

void
csm_chart_actions_dispose (CsmChart *self)
{
  csm_chart_cancel_save (self);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
}
