/* csm-sla-lane.h: one lane of the SLA board: its tickets, each with its countdown and why it is there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-sla-monitor.h"

G_BEGIN_DECLS

#define CSM_TYPE_SLA_LANE (csm_sla_lane_get_type ())

G_DECLARE_FINAL_TYPE (CsmSlaLane, csm_sla_lane, CSM, SLA_LANE, GtkWidget)

GtkWidget          *csm_sla_lane_new            (CsmSlaState    state);
CsmSlaState         csm_sla_lane_get_state      (CsmSlaLane    *self);
void                csm_sla_lane_set_monitor    (CsmSlaLane    *self,
                                                 CsmSlaMonitor *monitor,
                                                 gboolean       attached);
GtkSingleSelection *csm_sla_lane_get_selection  (CsmSlaLane    *self);
CsmSlaEntry        *csm_sla_lane_get_selected   (CsmSlaLane    *self);
gboolean            csm_sla_lane_select_ticket  (CsmSlaLane    *self,
                                                 gint64         ticket_id);
void                csm_sla_lane_update_count   (CsmSlaLane    *self);
void                csm_sla_lane_refresh_rows   (CsmSlaLane    *self,
                                                 gint64         now);

G_END_DECLS
