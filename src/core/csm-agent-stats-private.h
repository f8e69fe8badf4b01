/* csm-agent-stats-private.h: the stats' fields, for the board that computes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-agent-stats.h"

G_BEGIN_DECLS

struct _CsmAgentStats
{
  GObject parent_instance;

  char *name;                   /* (owned) */
  char *display_name;           /* (owned) */
  CsmPresence presence;
  gint64 last_activity;         /* CSM_TIME_UNSET: no transaction seen */
  guint active_owned;
  guint capacity;
  double load;                  /* -1: capacity 0 */
  gint64 handle_seconds_today;
  guint replies_today;
  double occupancy;             /* -1: no available time */
  gint64 available_seconds;
  gint64 handle_seconds_window;
  gboolean has_shift;
  gint64 window_start;
  gint64 day_start;
  gint64 now;
  guint active_minutes;         /* the thresholds presence was judged by, */
  guint idle_minutes;           /* kept for the explanation */
  gint64 oldest_owned_created;  /* CSM_TIME_UNSET: owns nothing active */
  gint64 oldest_owned_id;       /* 0: owns nothing active */
  GPtrArray *owned_tickets;     /* (owned) (element-type CsmTicket) oldest first */
  GArray *owned_ticket_ids;     /* (owned) (element-type gint64) same order */
  GArray *active_intervals;     /* (owned) (element-type CsmActiveInterval) today */
  GPtrArray *events;            /* (owned) (element-type CsmTransaction) today */
};

CsmAgentStats *_csm_agent_stats_new (const char *name,
                                     const char *display_name);

G_END_DECLS
