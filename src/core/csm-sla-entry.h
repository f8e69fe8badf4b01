/* csm-sla-entry.h: one active ticket with a deadline, as the SLA page and --export=sla show it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "csm-types.h"

G_BEGIN_DECLS

/**
 * CsmSlaState:
 * @CSM_SLA_STATE_OK: the deadline is ahead and nothing predicts a breach
 * @CSM_SLA_STATE_PREDICTED: waiting for a first reply, which the queue's
 *   pace puts after the deadline
 * @CSM_SLA_STATE_AT_RISK: the deadline is within the horizon
 * @CSM_SLA_STATE_BREACHED: the deadline has passed (RT's `Due < 'now'`)
 *
 * Ordered by severity: a larger value is worse.
 */
typedef enum
{
  CSM_SLA_STATE_OK,
  CSM_SLA_STATE_PREDICTED,
  CSM_SLA_STATE_AT_RISK,
  CSM_SLA_STATE_BREACHED,
} CsmSlaState;

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
