/* csm-agent-stats.h: one agent's figures at an instant: presence, load, handle time, occupancy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "csm-types.h"

G_BEGIN_DECLS

/* A span of time [start, end), unix seconds: one stretch of inferred
 * activity on the agent's timeline. */
typedef struct
{
  gint64 start;
  gint64 end;
} CsmActiveInterval;

#define CSM_TYPE_AGENT_STATS (csm_agent_stats_get_type ())

G_DECLARE_FINAL_TYPE (CsmAgentStats, csm_agent_stats, CSM, AGENT_STATS, GObject)

const char  *csm_presence_to_string                 (CsmPresence    presence);
const char  *csm_presence_to_label                  (CsmPresence    presence);

const char  *csm_agent_stats_get_name               (CsmAgentStats *self);
const char  *csm_agent_stats_get_display_name       (CsmAgentStats *self);
CsmPresence  csm_agent_stats_get_presence           (CsmAgentStats *self);
gint64       csm_agent_stats_get_last_activity      (CsmAgentStats *self);
guint        csm_agent_stats_get_active_owned       (CsmAgentStats *self);
guint        csm_agent_stats_get_capacity           (CsmAgentStats *self);
double       csm_agent_stats_get_load               (CsmAgentStats *self);
gint64       csm_agent_stats_get_handle_seconds_today (CsmAgentStats *self);
guint        csm_agent_stats_get_replies_today      (CsmAgentStats *self);
double       csm_agent_stats_get_occupancy          (CsmAgentStats *self);
gint64       csm_agent_stats_get_available_seconds  (CsmAgentStats *self);
gint64       csm_agent_stats_get_handle_seconds_window (CsmAgentStats *self);
gboolean     csm_agent_stats_get_has_shift          (CsmAgentStats *self);
gint64       csm_agent_stats_get_window_start       (CsmAgentStats *self);
gint64       csm_agent_stats_get_now                (CsmAgentStats *self);
gint64       csm_agent_stats_get_oldest_owned_created (CsmAgentStats *self);
gint64       csm_agent_stats_get_oldest_owned_id    (CsmAgentStats *self);
GPtrArray   *csm_agent_stats_get_owned_tickets      (CsmAgentStats *self);
GArray      *csm_agent_stats_get_owned_ticket_ids   (CsmAgentStats *self);
GArray      *csm_agent_stats_get_active_intervals   (CsmAgentStats *self);
GPtrArray   *csm_agent_stats_get_events             (CsmAgentStats *self);
char        *csm_agent_stats_dup_explanation        (CsmAgentStats *self,
                                                     const char    *column);
gboolean     csm_agent_stats_update_from            (CsmAgentStats *self,
                                                     CsmAgentStats *other);

G_END_DECLS
