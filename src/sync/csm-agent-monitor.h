/* csm-agent-monitor.h: every agent's load, activity and occupancy, kept current.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "csm-agent-board.h"
#include "csm-clock.h"
#include "csm-sync-engine.h"

G_BEGIN_DECLS

#define CSM_TYPE_AGENT_MONITOR (csm_agent_monitor_get_type ())

G_DECLARE_FINAL_TYPE (CsmAgentMonitor, csm_agent_monitor, CSM, AGENT_MONITOR, GObject)

CsmAgentMonitor *csm_agent_monitor_new              (CsmSyncEngine              *engine,
                                                     CsmClock                   *clock);
CsmSyncEngine   *csm_agent_monitor_get_engine       (CsmAgentMonitor            *self);
void             csm_agent_monitor_set_options      (CsmAgentMonitor            *self,
                                                     const CsmAgentBoardOptions *options);
const CsmAgentBoardOptions *csm_agent_monitor_get_options (CsmAgentMonitor      *self);
GListModel      *csm_agent_monitor_get_agents       (CsmAgentMonitor            *self);
GPtrArray       *csm_agent_monitor_get_transactions (CsmAgentMonitor            *self);
gboolean         csm_agent_monitor_get_loaded       (CsmAgentMonitor            *self);
gint64           csm_agent_monitor_get_compute_usec (CsmAgentMonitor            *self);
void             csm_agent_monitor_recompute        (CsmAgentMonitor            *self);

G_END_DECLS
