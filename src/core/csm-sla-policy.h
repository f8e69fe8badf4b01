/* csm-sla-policy.h: the SLA levels and business hours an admin describes, and the deadlines RT derives from them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "csm-business-hours.h"
#include "csm-types.h"

G_BEGIN_DECLS

/**
 * CsmSlaLevel:
 * @name: RT's SLA level name, e.g. "gold"
 * @start_immediately: RT's StartImmediately: Starts = Created; otherwise
 *   the first business second at or after Created
 * @response_minutes: the response target; 0 = none
 * @response_business: BusinessMinutes (%TRUE) or RealMinutes (%FALSE)
 * @resolve_minutes: the resolve target, counted from Starts; 0 = none
 * @resolve_business: BusinessMinutes (%TRUE) or RealMinutes (%FALSE)
 */
typedef struct
{
  char *name;
  gboolean start_immediately;
  int response_minutes;
  gboolean response_business;
  int resolve_minutes;
  gboolean resolve_business;
} CsmSlaLevel;

typedef struct
{
  gint64 ticket_id;
  gint64 expected;
  gint64 actual;
} CsmSlaMismatch;

/**
 * CsmSlaValidation:
 * @checked: tickets compared: active, SLA level known to the policy, no
 *   first reply yet, created by one of their requestors
 * @matching: those whose Due equals the policy's (to the second)
 * @unknown_level: otherwise eligible tickets whose level the policy lacks
 *   (not in @checked)
 * @mismatches: (element-type CsmSlaMismatch): up to max_examples of the
 *   others, in the tickets' order
 */
typedef struct
{
  guint checked;
  guint matching;
  guint unknown_level;
  GArray *mismatches;
} CsmSlaValidation;

typedef struct _CsmSlaPolicy CsmSlaPolicy;

#define CSM_TYPE_SLA_POLICY (csm_sla_policy_get_type ())

GType               csm_sla_policy_get_type            (void) G_GNUC_CONST;
CsmSlaPolicy       *csm_sla_policy_new                 (CsmBusinessHours  *hours,
                                                        const CsmSlaLevel *levels,
                                                        guint              n_levels);
CsmSlaPolicy       *csm_sla_policy_new_from_json       (const char        *json,
                                                        GError           **error);
char               *csm_sla_policy_to_json             (CsmSlaPolicy      *self);
CsmSlaPolicy       *csm_sla_policy_ref                 (CsmSlaPolicy      *self);
void                csm_sla_policy_unref               (CsmSlaPolicy      *self);
gboolean            csm_sla_policy_is_empty            (CsmSlaPolicy      *self);
CsmBusinessHours   *csm_sla_policy_get_hours           (CsmSlaPolicy      *self);
guint               csm_sla_policy_get_n_levels        (CsmSlaPolicy      *self);
const CsmSlaLevel  *csm_sla_policy_get_level           (CsmSlaPolicy      *self,
                                                        guint              i);
const CsmSlaLevel  *csm_sla_policy_lookup              (CsmSlaPolicy      *self,
                                                        const char        *name);
gint64              csm_sla_policy_deadline            (CsmSlaPolicy      *self,
                                                        gint64             from,
                                                        int                minutes,
                                                        gboolean           business);
gint64              csm_sla_policy_starts              (CsmSlaPolicy      *self,
                                                        CsmTicket         *t);
gint64              csm_sla_policy_response_deadline   (CsmSlaPolicy      *self,
                                                        CsmTicket         *t);
gint64              csm_sla_policy_resolve_deadline    (CsmSlaPolicy      *self,
                                                        CsmTicket         *t);
gint64              csm_sla_policy_expected_due        (CsmSlaPolicy      *self,
                                                        CsmTicket         *t);
gboolean            csm_sla_policy_due_is_business     (CsmSlaPolicy      *self,
                                                        CsmTicket         *t);
gint64              csm_sla_policy_remaining           (CsmSlaPolicy      *self,
                                                        CsmTicket         *t,
                                                        gint64             now);
void                csm_sla_policy_validate            (CsmSlaPolicy      *self,
                                                        GPtrArray         *tickets,
                                                        guint              max_examples,
                                                        CsmSlaValidation  *out);
void                csm_sla_validation_clear           (CsmSlaValidation  *v);

gboolean            csm_ticket_created_by_requestor    (CsmTicket         *t);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmSlaPolicy, csm_sla_policy_unref)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsmSlaValidation, csm_sla_validation_clear)

G_END_DECLS
