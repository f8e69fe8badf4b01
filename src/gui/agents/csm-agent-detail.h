/* csm-agent-detail.h: one agent up close: their day on a timeline, capacity and shift, tickets, transactions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-agent-monitor.h"
#include "csm-agent-stats.h"

G_BEGIN_DECLS

#define CSM_TYPE_AGENT_DETAIL (csm_agent_detail_get_type ())

G_DECLARE_FINAL_TYPE (CsmAgentDetail, csm_agent_detail, CSM, AGENT_DETAIL, GtkWidget)

void           csm_agent_detail_set_monitor (CsmAgentDetail  *self,
                                             CsmAgentMonitor *monitor);
CsmAgentStats *csm_agent_detail_get_stats   (CsmAgentDetail  *self);
void           csm_agent_detail_set_stats   (CsmAgentDetail  *self,
                                             CsmAgentStats   *stats);
void           csm_agent_detail_update      (CsmAgentDetail  *self);
GListModel    *csm_agent_detail_get_tickets (CsmAgentDetail  *self);
GListModel    *csm_agent_detail_get_events  (CsmAgentDetail  *self);

G_END_DECLS
