/* csm-sla-monitor.h: the SLA lanes, kept current as tickets change and time passes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "csm-clock.h"
#include "csm-sla-board.h"
#include "csm-sla-policy.h"
#include "csm-sync-engine.h"

G_BEGIN_DECLS

#define CSM_TYPE_SLA_MONITOR (csm_sla_monitor_get_type ())

G_DECLARE_FINAL_TYPE (CsmSlaMonitor, csm_sla_monitor, CSM, SLA_MONITOR, GObject)

CsmSlaMonitor *csm_sla_monitor_new              (CsmSyncEngine            *engine,
                                                 CsmClock                 *clock);
CsmSyncEngine *csm_sla_monitor_get_engine       (CsmSlaMonitor            *self);
CsmSlaPolicy  *csm_sla_monitor_get_policy       (CsmSlaMonitor            *self);
void           csm_sla_monitor_set_policy       (CsmSlaMonitor            *self,
                                                 CsmSlaPolicy             *policy);
void           csm_sla_monitor_set_options      (CsmSlaMonitor            *self,
                                                 const CsmSlaBoardOptions *options);
const CsmSlaBoardOptions *csm_sla_monitor_get_options (CsmSlaMonitor      *self);
GListModel    *csm_sla_monitor_get_lane         (CsmSlaMonitor            *self,
                                                 CsmSlaState               state);
GPtrArray     *csm_sla_monitor_get_entries      (CsmSlaMonitor            *self);
gint64         csm_sla_monitor_get_computed_at  (CsmSlaMonitor            *self);
gint64         csm_sla_monitor_get_compute_usec (CsmSlaMonitor            *self);
void           csm_sla_monitor_recompute        (CsmSlaMonitor            *self);

G_END_DECLS
