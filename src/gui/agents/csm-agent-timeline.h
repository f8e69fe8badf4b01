/* csm-agent-timeline.h: one agent's day: when they were active and what they did.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-agent-stats.h"

G_BEGIN_DECLS

#define CSM_TYPE_AGENT_TIMELINE (csm_agent_timeline_get_type ())

G_DECLARE_FINAL_TYPE (CsmAgentTimeline, csm_agent_timeline, CSM, AGENT_TIMELINE, GtkWidget)

GtkWidget *csm_agent_timeline_new       (void);
void       csm_agent_timeline_set_day   (CsmAgentTimeline *self,
                                         CsmAgentStats    *stats,
                                         gint64            day_start,
                                         gint64            now,
                                         GTimeZone        *tz);

G_END_DECLS
