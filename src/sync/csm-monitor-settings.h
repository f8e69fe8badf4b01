/* csm-monitor-settings.h: the Agents, SLA and KPI figures' options, as the settings describe them.
 *
 * The window and the command line read the same keys the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "csm-agent-board.h"
#include "csm-kpi.h"
#include "csm-sla-board.h"
#include "csm-sla-policy.h"
#include "csm-staffing-plan.h"

G_BEGIN_DECLS

void          csm_agent_board_options_from_settings (CsmAgentBoardOptions *options,
                                                     GSettings            *settings);
void          csm_agent_board_options_clear         (CsmAgentBoardOptions *options);
void          csm_sla_board_options_from_settings   (CsmSlaBoardOptions   *options,
                                                     GSettings            *settings);
CsmSlaPolicy *csm_sla_policy_from_settings          (GSettings            *settings,
                                                     GError              **error);
gboolean      csm_kpi_options_from_settings         (CsmKpiOptions        *options,
                                                     GSettings            *settings,
                                                     GError              **error);
void          csm_staffing_options_from_settings    (CsmStaffingOptions   *options,
                                                     GSettings            *settings);

G_END_DECLS
