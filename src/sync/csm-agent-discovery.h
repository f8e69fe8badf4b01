/* csm-agent-discovery.h: finds a helpdesk's agents among the people who work its tickets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "csm-ticket-list.h"

G_BEGIN_DECLS

#define CSM_TYPE_AGENT_DISCOVERY (csm_agent_discovery_get_type ())

G_DECLARE_FINAL_TYPE (CsmAgentDiscovery, csm_agent_discovery, CSM, AGENT_DISCOVERY, GObject)

CsmAgentDiscovery *csm_agent_discovery_new                (void);
void               csm_agent_discovery_seed               (CsmAgentDiscovery *self,
                                                           GListModel        *agents);
void               csm_agent_discovery_note_transactions  (CsmAgentDiscovery *self,
                                                           GPtrArray         *transactions,
                                                           CsmTicketList     *tickets);
char             **csm_agent_discovery_take_candidates    (CsmAgentDiscovery *self,
                                                           CsmTicketList     *tickets,
                                                           gboolean           full);
gboolean           csm_agent_discovery_learn              (CsmAgentDiscovery *self,
                                                           const char * const *asked,
                                                           GPtrArray         *agents);
void               csm_agent_discovery_forget             (CsmAgentDiscovery *self,
                                                           const char * const *asked);
GPtrArray         *csm_agent_discovery_get_agents         (CsmAgentDiscovery *self);

G_END_DECLS
