/* csm-sla-entry.h: one active ticket with a deadline, as the SLA page and --export=sla show it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "csm-types.h"

G_BEGIN_DECLS

const char *csm_sla_state_to_string (CsmSlaState state);

#define CSM_TYPE_SLA_ENTRY (csm_sla_entry_get_type ())

G_DECLARE_FINAL_TYPE (CsmSlaEntry, csm_sla_entry, CSM, SLA_ENTRY, GObject)

CsmTicket   *csm_sla_entry_get_ticket                    (CsmSlaEntry *self);
CsmSlaState  csm_sla_entry_get_state                     (CsmSlaEntry *self);
gint64       csm_sla_entry_get_now                       (CsmSlaEntry *self);
gint64       csm_sla_entry_get_due                       (CsmSlaEntry *self);
gint64       csm_sla_entry_get_seconds_to_due            (CsmSlaEntry *self);
gboolean     csm_sla_entry_get_business                  (CsmSlaEntry *self);
gboolean     csm_sla_entry_get_waiting                   (CsmSlaEntry *self);
gint64       csm_sla_entry_get_predicted_first_response  (CsmSlaEntry *self);
guint        csm_sla_entry_get_queue_position            (CsmSlaEntry *self);
double       csm_sla_entry_get_queue_rate                (CsmSlaEntry *self);
gint64       csm_sla_entry_get_rate_window               (CsmSlaEntry *self);
char        *csm_sla_entry_dup_reason                    (CsmSlaEntry *self);

G_END_DECLS
