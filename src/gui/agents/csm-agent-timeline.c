/* csm-agent-timeline.c: one agent's day: when they were active and what they did.
 *
 * A 24-hour track from local midnight: bars for the inferred active
 * periods (what occupancy and presence are computed from), a tick for each
 * of the agent's transactions (replies stand out), and a line for now.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-agent-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-agent-board.h"
#include "csm-agent-timeline.h"
#include "csm-time.h"
#include "csm-transaction.h"

#define TRACK_TOP     18.0
#define TRACK_HEIGHT  22.0
#define TICK_HEIGHT   8.0

struct _CsmAgentTimeline
{
  GtkWidget parent_instance;

  CsmAgentStats *stats;       /* (owned) (nullable) */
  gint64 day_start;
  gint64 day_end;
  gint64 now;
};

G_DEFINE_FINAL_TYPE (CsmAgentTimeline, csm_agent_timeline, GTK_TYPE_WIDGET)

static void
get_foreground (GtkWidget *widget,
                GdkRGBA   *color)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}

static double
x_for (CsmAgentTimeline *self,
       gint64            t,
       double            width)
{
  double span = (double) MAX (self->day_end - self->day_start, 1);
  return CLAMP ((double) (t - self->day_start) / span, 0.0, 1.0) * width;
}

static void
csm_agent_timeline_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  CsmAgentTimeline *self = CSM_AGENT_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);
  GdkRGBA fg, faint, accent = { 0.208, 0.518, 0.894, 1.0 }, reply = { 0.149, 0.635, 0.412, 1.0 };
  GskRoundedRect track;

  get_foreground (widget, &fg);
  faint = fg;
  faint.alpha = 0.1f;

  gsk_rounded_rect_init_from_rect (&track, &GRAPHENE_RECT_INIT (0, TRACK_TOP, width, TRACK_HEIGHT), 4);
  gtk_snapshot_push_rounded_clip (snapshot, &track);
  gtk_snapshot_append_color (snapshot, &faint, &GRAPHENE_RECT_INIT (0, TRACK_TOP, width, TRACK_HEIGHT));

  if (self->stats != NULL)
    {
      GArray *intervals = csm_agent_stats_get_active_intervals (self->stats);

      for (guint i = 0; intervals != NULL && i < intervals->len; i++)
        {
          const CsmActiveInterval *span = &g_array_index (intervals, CsmActiveInterval, i);
          double x0 = x_for (self, span->start, width);
          double x1 = x_for (self, span->end, width);

          gtk_snapshot_append_color (snapshot, &accent,
                                     &GRAPHENE_RECT_INIT (x0, TRACK_TOP, MAX (x1 - x0, 1.0), TRACK_HEIGHT));
        }
    }
  gtk_snapshot_pop (snapshot);

  /* What they did: a tick above the track per transaction. */
  if (self->stats != NULL)
    {
      GPtrArray *events = csm_agent_stats_get_events (self->stats);
      GdkRGBA other = fg;

      other.alpha = 0.45f;
      for (guint i = 0; events != NULL && i < events->len; i++)
        {
          CsmTransaction *tx = g_ptr_array_index (events, i);
          double x = x_for (self, tx->created, width);
          gboolean is_reply = tx->type == CSM_TRANSACTION_CORRESPOND;

          gtk_snapshot_append_color (snapshot, is_reply ? &reply : &other,
                                     &GRAPHENE_RECT_INIT (x - 1, TRACK_TOP - TICK_HEIGHT - 2,
                                                          is_reply ? 2.5 : 1.5, TICK_HEIGHT));
        }
    }

  /* Hours along the bottom. */
  for (int hour = 0; hour <= 24; hour += 3)
    {
      gint64 t = self->day_start + hour * 3600;
      double x = x_for (self, t, width);
      g_autofree char *text = g_strdup_printf ("%02d", hour % 24);
      PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
      int lw, lh;
      GdkRGBA label = fg;

      label.alpha = 0.6f;
      pango_layout_get_pixel_size (layout, &lw, &lh);
      gtk_snapshot_append_color (snapshot, &faint,
                                 &GRAPHENE_RECT_INIT (x, TRACK_TOP + TRACK_HEIGHT, 1, 4));
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (CLAMP (x - lw / 2.0, 0, width - lw),
                                                              TRACK_TOP + TRACK_HEIGHT + 4));
      gtk_snapshot_append_layout (snapshot, layout, &label);
      gtk_snapshot_restore (snapshot);
      g_object_unref (layout);
    }

  /* Now. */
  if (self->now > self->day_start && self->now < self->day_end)
    {
      double x = x_for (self, self->now, width);
      gtk_snapshot_append_color (snapshot, &fg, &GRAPHENE_RECT_INIT (x - 0.5, TRACK_TOP - 4, 1.5, TRACK_HEIGHT + 8));
    }
}

static void
csm_agent_timeline_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 480;
    }
  else
    *minimum = *natural = (int) (TRACK_TOP + TRACK_HEIGHT + 24);
}

static void
csm_agent_timeline_dispose (GObject *object)
{
  CsmAgentTimeline *self = (CsmAgentTimeline *) object;

  g_clear_object (&self->stats);
  G_OBJECT_CLASS (csm_agent_timeline_parent_class)->dispose (object);
}

static void
csm_agent_timeline_class_init (CsmAgentTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_agent_timeline_dispose;
  widget_class->snapshot = csm_agent_timeline_snapshot;
  widget_class->measure = csm_agent_timeline_measure;
  gtk_widget_class_set_css_name (widget_class, "agent-timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
csm_agent_timeline_init (CsmAgentTimeline *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Activity today"), -1);
}

GtkWidget *
csm_agent_timeline_new (void)
{
  return g_object_new (CSM_TYPE_AGENT_TIMELINE, NULL);
}

/**
 * csm_agent_timeline_set_day:
 * @stats: (nullable): the agent
 * @day_start: local midnight
 * @tz: the zone the day is in
 */
void
csm_agent_timeline_set_day (CsmAgentTimeline *self,
                            CsmAgentStats    *stats,
                            gint64            day_start,
                            gint64            now,
                            GTimeZone        *tz)
{
  g_autofree char *description = NULL;

  g_return_if_fail (CSM_IS_AGENT_TIMELINE (self));

  g_set_object (&self->stats, stats);
  self->day_start = day_start;
  /* Not always 24 hours: the next local midnight, DST included. */
  self->day_end = csm_agent_board_day_start (tz, day_start + 26 * 3600);
  self->now = now;

  if (stats != NULL)
    {
      GArray *intervals = csm_agent_stats_get_active_intervals (stats);
      gint64 active = 0;
      g_autofree char *active_text = NULL;

      for (guint i = 0; intervals != NULL && i < intervals->len; i++)
        active += g_array_index (intervals, CsmActiveInterval, i).end - g_array_index (intervals, CsmActiveInterval, i).start;
      active_text = csm_format_duration (active);
      description = g_strdup_printf (_("Active for %s today in %u periods; %u replies"),
                                     active_text, intervals ? intervals->len : 0,
                                     csm_agent_stats_get_replies_today (stats));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
