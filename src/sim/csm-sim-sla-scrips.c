/* csm-sim-sla-scrips.c: RT's service-level scrips over the world: Starts and Due after each transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-sla"

#include "config.h"

#include "csm-sim-sla-scrips.h"

/*
 * RT 5 keeps Starts and Due by two scrips that run as RT_System right after
 * each transaction: "Set starts date if needed according to SLA" (on Create
 * and Set SLA) and "Set due date if needed according to SLA" (on Create,
 * Correspond, Status changes and Set SLA), both only in queues whose
 * SLADisabled is 0 (RT::Condition::SLA_Require*Set, RT::Action::SLA_Set*,
 * RT::SLA). The agreements are the world's (csm_sim_world_get_agreements (): the
 * reference RT's in a scenario, the contact centre's in the model's world).
 * The auto-open scrip (a reply reopens an inactive ticket) is the world's
 * (csm_sim_world_correspond). The server runs these after each write
 * (csm_sim_run_scrips ()); the workload model after each act it records,
 * so a deadline is the same whoever moved the ticket.
 */

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

static gboolean
is_act (const CsmSimTransaction *x)
{
  return g_strcmp0 (x->type, "Correspond") == 0 || g_strcmp0 (x->type, "Create") == 0;
}

static gboolean
acts_before (const CsmSimTransaction *a,
             const CsmSimTransaction *b)
{
  return a->created < b->created || (a->created == b->created && a->id < b->id);
}

static int
compare_acts (gconstpointer a,
              gconstpointer b)
{
  const CsmSimTransaction *x = *(const CsmSimTransaction * const *) a;
  const CsmSimTransaction *y = *(const CsmSimTransaction * const *) b;

  return acts_before (x, y) ? -1 : acts_before (y, x) ? 1 : 0;
}

/* RT::Action::SLA_SetDue::LastEffectiveAct over Create and Correspond,
 * taken newest first (RT's "Created DESC, id DESC"): the newest act if an
 * inside actor's, else the oldest of the outside acts since the last
 * inside one. A ticket's transactions are almost always in that order
 * already, and then they are not sorted again. */
static const CsmSimTransaction *
sla_last_effective_act (CsmSimWorld        *world,
                        const CsmSimTicket *ticket,
                        gboolean           *outside)
{
  g_autoptr(GPtrArray) acts = g_ptr_array_sized_new (ticket->txns->len);
  const CsmSimTransaction *res = NULL;
  gboolean in_order = TRUE;

  for (guint i = 0; i < ticket->txns->len; i++)
    {
      const CsmSimTransaction *x = csm_sim_world_get_transaction_at (
        world, g_array_index (ticket->txns, guint, i));

      if (!is_act (x))
        continue;
      if (acts->len > 0 && !acts_before (g_ptr_array_index (acts, acts->len - 1), x))
        in_order = FALSE;
      g_ptr_array_add (acts, (gpointer) x);
    }
  if (!in_order)
    g_ptr_array_sort (acts, compare_acts);

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
sla_set_date (CsmSimWorld        *world,
              const CsmSimTicket *ticket,
              gboolean            due,
              gboolean            defined,
              gint64              value)
{
  gint64 current = due ? ticket->due : ticket->starts;

  if (defined ? current == value : current <= 0)
    return;
  if (due)
    csm_sim_world_set_due (world, ticket->id, CSM_SIM_USER_RT_SYSTEM, defined ? value : 0, NULL);
  else
    csm_sim_world_set_starts (world, ticket->id, CSM_SIM_USER_RT_SYSTEM, defined ? value : 0,
                              NULL);
}

/**
 * csm_sim_sla_set_due:
 * @ticket: a ticket of @world
 *
 * "[SLA] Set due date" as RT_System: the earlier of the response deadline
 * (while an outside actor waits for an answer) and the resolve deadline,
 * counted from the ticket's creation; nothing in a queue without SLA.
 */
void
csm_sim_sla_set_due (CsmSimWorld        *world,
                     const CsmSimTicket *ticket)
{
  const CsmSimQueue *queue = csm_sim_world_lookup_queue (world, ticket->queue);
  const CsmSimSlaLevel *level;
  gboolean outside = FALSE;
  const CsmSimTransaction *last;
  gint64 due;

  if (ticket->sla == NULL || queue == NULL || queue->sla_disabled)
    return;
  level = csm_sim_sla_find (csm_sim_world_get_agreements (world), ticket->sla);
  if (level == NULL)
    {
      /* A level the agreements do not know sets no deadline. */
      sla_set_date (world, ticket, TRUE, FALSE, 0);
      return;
    }
  /* An inside actor spoke last: RT's KeepInLoop, which no level sets. */
  last = sla_last_effective_act (world, ticket, &outside);
  due = csm_sim_sla_due (level, ticket->created, last != NULL && outside ? last->created : 0);
  sla_set_date (world, ticket, TRUE, due != 0, due);
}

void
csm_sim_sla_scrips_after (CsmSimWorld             *world,
                const CsmSimTransaction *txn)
{
  const CsmSimTicket *ticket = csm_sim_world_lookup_ticket (world, txn->object_id);
  const CsmSimQueue *queue = ticket ? csm_sim_world_lookup_queue (world, ticket->queue) : NULL;
  gboolean set_sla = g_strcmp0 (txn->type, "Set") == 0 && g_strcmp0 (txn->field, "SLA") == 0;
  gboolean is_status = g_strcmp0 (txn->type, "Status") == 0 ||
                       (g_strcmp0 (txn->type, "Set") == 0 && g_strcmp0 (txn->field, "Status") == 0);
  gboolean create = g_strcmp0 (txn->type, "Create") == 0;

  if (queue == NULL || queue->sla_disabled)
    return;

  /* Starts: on Create and on a new SLA, with an SLA. */
  if (ticket->sla != NULL && (create || set_sla))
    {
      const CsmSimSlaLevel *level = csm_sim_sla_find (csm_sim_world_get_agreements (world),
                                                       ticket->sla);

      sla_set_date (world, ticket, FALSE, level != NULL,
                    level != NULL ? csm_sim_sla_starts (level, ticket->created) : 0);
      ticket = csm_sim_world_lookup_ticket (world, txn->object_id);
    }

  /* Due: on Create, Correspond and status changes with an SLA; on a new
   * SLA (whose Prepare then wants one). */
  if (ticket->sla != NULL &&
      (create || g_strcmp0 (txn->type, "Correspond") == 0 || is_status || set_sla))
    csm_sim_sla_set_due (world, ticket);
}

