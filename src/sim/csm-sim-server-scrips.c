/* csm-sim-server-scrips.c: RT's service-level scrips, run as RT_System after each ticket write.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-server"

#include "config.h"

#include "csm-sim-server-private.h"

/*
 * RT 5 keeps Starts and Due by two scrips that run as RT_System right after
 * each transaction: "Set starts date if needed according to SLA" (on Create
 * and Set SLA) and "Set due date if needed according to SLA" (on Create,
 * Correspond, Status changes and Set SLA), both only in queues whose
 * SLADisabled is 0 (RT::Condition::SLA_Require*Set, RT::Action::SLA_Set*,
 * RT::SLA). The agreements are the world's (csm_sim_world_get_agreements (): the
 * reference RT's in a scenario, the contact centre's in the model's world).
 * The auto-open scrip (a reply reopens an inactive ticket) is the world's
 * (csm_sim_world_correspond).
 */

typedef enum { SLA_STARTS, SLA_RESPONSE, SLA_KEEP_IN_LOOP, SLA_RESOLVE } SlaType;

/* RT::SLA::CalculateTime with the world's agreements; FALSE when the level
 * has no such agreement. */
static gboolean
sla_time (CsmSimWorld *world,
          const char  *level_name,
          SlaType      type,
          gint64       from,
          gint64      *result)
{
  const CsmSimSlaLevel *level = csm_sim_sla_find (csm_sim_world_get_agreements (world), level_name);

  if (level == NULL)
    return FALSE;
  switch (type)
    {
    case SLA_STARTS:
      *result = csm_sim_sla_starts (level, from);
      return TRUE;
    case SLA_RESPONSE:
      *result = csm_sim_sla_response_due (level, from);
      return *result != 0;
    case SLA_RESOLVE:
      *result = csm_sim_sla_resolve_due (level, from);
      return *result != 0;
    case SLA_KEEP_IN_LOOP:
    default:
      return FALSE;
    }
}

/* RT::Action::SLA_SetDue::IsOutsideActor: the owner is always inside;
 * otherwise only requestors are outside. */
static gboolean
sla_is_outside_actor (const CsmSimTicket      *ticket,
                      const CsmSimTransaction *txn)
{
  if ((gint64) txn->creator == ticket->owner)
    return FALSE;
  return csm_sim_ticket_has_requestor (ticket, txn->creator);
}

/* RT::Action::SLA_SetDue::LastEffectiveAct over Create and Correspond,
 * newest first: the newest act if an inside actor's, else the oldest of
 * the outside acts since the last inside one. */
static const CsmSimTransaction *
sla_last_effective_act (CsmSimWorld        *world,
                        const CsmSimTicket *ticket,
                        gboolean           *outside)
{
  g_autoptr(GPtrArray) acts = g_ptr_array_new ();
  const CsmSimTransaction *res = NULL;

  for (guint i = 0; i < ticket->txns->len; i++)
    {
      const CsmSimTransaction *x = csm_sim_world_get_transaction_at (
        world, g_array_index (ticket->txns, guint, i));

      if (g_strcmp0 (x->type, "Correspond") == 0 || g_strcmp0 (x->type, "Create") == 0)
        g_ptr_array_add (acts, (gpointer) x);
    }
  /* Created DESC, id DESC */
  for (guint i = acts->len; i > 0; i--)
    for (guint j = 1; j < i; j++)
      {
        const CsmSimTransaction *a = acts->pdata[j - 1], *b = acts->pdata[j];

        if (a->created > b->created || (a->created == b->created && a->id > b->id))
          {
            acts->pdata[j - 1] = (gpointer) b;
            acts->pdata[j] = (gpointer) a;
          }
      }
  for (guint i = acts->len; i > 0; i--)
    {
      const CsmSimTransaction *x = acts->pdata[i - 1];

      if (!sla_is_outside_actor (ticket, x))
        {
          if (res != NULL)
            break;
          *outside = FALSE;
          return x;
        }
      res = x;
    }
  *outside = TRUE;
  return res;
}

/* RT::Action::SLA::SetDateField, as RT_System. */
static void
sla_set_date (CsmSimRequest      *r,
              const CsmSimTicket *ticket,
              gboolean            due,
              gboolean            defined,
              gint64              value)
{
  gint64 current = due ? ticket->due : ticket->starts;

  if (defined ? current == value : current <= 0)
    return;
  if (due)
    csm_sim_world_set_due (r->world, ticket->id, CSM_SIM_USER_RT_SYSTEM, defined ? value : 0, NULL);
  else
    csm_sim_world_set_starts (r->world, ticket->id, CSM_SIM_USER_RT_SYSTEM, defined ? value : 0,
                              NULL);
}

static void
sla_scrips_for (CsmSimRequest           *r,
                const CsmSimTransaction *txn)
{
  const CsmSimTicket *ticket = csm_sim_world_lookup_ticket (r->world, txn->object_id);
  const CsmSimQueue *queue = ticket ? csm_sim_world_lookup_queue (r->world, ticket->queue) : NULL;
  gboolean set_sla = g_strcmp0 (txn->type, "Set") == 0 && g_strcmp0 (txn->field, "SLA") == 0;
  gboolean is_status = g_strcmp0 (txn->type, "Status") == 0 ||
                       (g_strcmp0 (txn->type, "Set") == 0 && g_strcmp0 (txn->field, "Status") == 0);
  gboolean create = g_strcmp0 (txn->type, "Create") == 0;

  if (queue == NULL || queue->sla_disabled)
    return;

  /* Starts: on Create and on a new SLA, with an SLA. */
  if (ticket->sla != NULL && (create || set_sla))
    {
      gint64 starts = 0;
      gboolean defined = sla_time (r->world, ticket->sla, SLA_STARTS, ticket->created,
                                  &starts);

      sla_set_date (r, ticket, FALSE, defined, starts);
      ticket = csm_sim_world_lookup_ticket (r->world, txn->object_id);
    }

  /* Due: on Create, Correspond and status changes with an SLA; on a new
   * SLA (whose Prepare then wants one). */
  if (ticket->sla != NULL &&
      (create || g_strcmp0 (txn->type, "Correspond") == 0 || is_status || set_sla))
    {
      gboolean outside = FALSE;
      const CsmSimTransaction *last = sla_last_effective_act (r->world, ticket, &outside);
      gint64 response = 0, resolve = 0;
      gboolean has_response = last != NULL &&
                              sla_time (r->world, ticket->sla,
                                        outside ? SLA_RESPONSE : SLA_KEEP_IN_LOOP,
                                        last->created, &response);
      gboolean has_resolve = sla_time (r->world, ticket->sla, SLA_RESOLVE, ticket->created,
                                       &resolve);
      gint64 due = has_response ? response : resolve;

      if (has_response && has_resolve && resolve < due)
        due = resolve;
      sla_set_date (r, ticket, TRUE, has_response || has_resolve, due);
    }
}

/* Runs the scrips of every transaction recorded since @mark (an index into
 * the world's transactions), including those the scrips record. */
void
csm_sim_run_scrips (CsmSimRequest *r,
                    guint          mark)
{
  for (guint i = mark; i < csm_sim_world_get_n_transactions (r->world); i++)
    sla_scrips_for (r, csm_sim_world_get_transaction_at (r->world, i));
}
