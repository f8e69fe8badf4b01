/* csm-sim-model-tickets.c: the model's tickets: where they wait, replies, resolutions, surveys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include "csm-sim-model-private.h"
#include "csm-sim-sla-scrips.h"

static gint64
customer_user (CsmSimModel       *self,
               const ModelTicket *mt)
{
  return g_array_index (self->customers, Customer, mt->customer).user_id;
}

/* ------------------------------------------------------------------------ */
/* SLA scrips                                                               */
/* ------------------------------------------------------------------------ */

/* "[SLA] Set due date", after Create, Correspond and status changes: the
 * same scrip the server runs after a write (csm-sim-sla-scrips.c), so a
 * ticket's deadline is the same whoever moved it. */
void
csm_sim_model_sla_update_due (CsmSimModel        *self,
                              const CsmSimTicket *ticket)
{
  csm_sim_sla_set_due (self->world, ticket);
}

static const CsmSimTicket *
world_ticket (CsmSimModel       *self,
              const ModelTicket *mt)
{
  return csm_sim_world_lookup_ticket (self->world, mt->id);
}

/* ------------------------------------------------------------------------ */
/* Where tickets wait, who holds them                                       */
/* ------------------------------------------------------------------------ */

static gboolean
array_remove_value (GArray *array,
                    guint   value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_array_index (array, guint, i) == value)
      {
        g_array_remove_index (array, i);
        return TRUE;
      }
  return FALSE;
}

void
csm_sim_model_ticket_hold (CsmSimModel *self,
                           guint        idx,
                           int          a)
{
  ModelTicket *mt = ticket_at (self, idx);

  if (mt->held || a < 0)
    return;
  g_array_append_val (agent_at (self, (guint) a)->held, idx);
  mt->held = TRUE;
}

void
csm_sim_model_ticket_release (CsmSimModel *self,
                              guint        idx)
{
  ModelTicket *mt = ticket_at (self, idx);

  if (!mt->held)
    return;
  if (mt->owner >= 0)
    array_remove_value (agent_at (self, (guint) mt->owner)->held, idx);
  mt->held = FALSE;
}

/* Takes a pending ticket out of its owner's list (a pool entry simply goes
 * stale once "where" changes). */
static void
ticket_unplace (CsmSimModel *self,
                guint        idx)
{
  ModelTicket *mt = ticket_at (self, idx);

  if (mt->where == WHERE_AGENT && mt->owner >= 0)
    array_remove_value (agent_at (self, (guint) mt->owner)->own, idx);
  mt->where = WHERE_NONE;
}

void
csm_sim_model_pool_push (CsmSimModel *self,
                         guint        idx)
{
  ModelTicket *mt = ticket_at (self, idx);
  HeapItem item;

  mt->where = WHERE_POOL;
  mt->place++;
  item = (HeapItem) { mt->key, self->seq++, 0, 0, idx, mt->place };
  csm_sim_heap_push (self->pools[mt->queue], &item);
}

gboolean
csm_sim_channel_is_live (guint channel)
{
  return channel == CSM_SIM_CHANNEL_CHAT || channel == CSM_SIM_CHANNEL_PHONE;
}

/* Puts a pending ticket where it waits: with its owner while the owner is
 * on shift, else in its queue's pool, open to every agent with the skill. */
static void
ticket_place (CsmSimModel *self,
              guint        idx)
{
  ModelTicket *mt = ticket_at (self, idx);

  if (mt->owner >= 0 && agent_at (self, (guint) mt->owner)->on_shift)
    {
      Agent *owner = agent_at (self, (guint) mt->owner);

      mt->where = WHERE_AGENT;
      g_array_append_val (owner->own, idx);
      if (owner->idle_pos >= 0)
        csm_sim_model_agent_find_work (self, (guint) mt->owner);
    }
  else
    {
      csm_sim_model_pool_push (self, idx);
      if (csm_sim_channel_is_live (mt->channel))
        csm_sim_model_wake_agents_for (self, idx);
    }
}

void
csm_sim_model_ticket_make_pending (CsmSimModel *self,
                                   guint        idx,
                                   Task         task,
                                   gboolean     defer)
{
  ModelTicket *mt = ticket_at (self, idx);
  const CsmSimTicket *ticket = world_ticket (self, mt);
  gint64 at = now (self);
  gint64 base;

  mt->state = TS_PENDING;
  mt->task = task;
  mt->token++;
  if (task == TASK_CLOSE)
    base = at + CLOSE_SLACK;
  else
    base = (ticket->due > 0 ? ticket->due : at + NO_DUE_SLACK) -
           csm_sim_channel_urgency[mt->channel];
  mt->key = base + csm_sim_model_rand_below (self, POOL_JITTER);

  if (defer)
    {
      mt->where = WHERE_NONE;
      g_array_append_val (self->deferred, idx);
    }
  else
    ticket_place (self, idx);
}

void
csm_sim_model_flush_deferred (CsmSimModel *self)
{
  for (guint i = 0; i < self->deferred->len; i++)
    {
      guint idx = g_array_index (self->deferred, guint, i);
      ModelTicket *mt = ticket_at (self, idx);

      if (mt->state == TS_PENDING && mt->where == WHERE_NONE)
        ticket_place (self, idx);
    }
  g_array_set_size (self->deferred, 0);
}

/* Brings the model's view of a ticket in line with the world after changes
 * made outside the model (the console reassigning, resolving or moving a
 * ticket through the REST API): plans for the ticket are dropped and it
 * waits again as the world now says. Returns TRUE if nothing differed. */
gboolean
csm_sim_model_ticket_sync (CsmSimModel *self,
                           guint        idx)
{
  ModelTicket *mt = ticket_at (self, idx);
  const CsmSimTicket *ticket;
  int owner, queue;
  gboolean inactive;

  if (mt->state == TS_DETACHED)
    return FALSE;

  ticket = world_ticket (self, mt);
  owner = csm_sim_model_agent_of_user (self, ticket->owner);
  queue = csm_sim_model_get_queue_kind (self, ticket->queue);
  inactive = csm_sim_status_is_inactive (ticket->status);
  if (owner == mt->owner && queue == (int) mt->queue && inactive == (mt->state == TS_RESOLVED))
    return TRUE;

  ticket_unplace (self, idx);
  csm_sim_model_ticket_release (self, idx);
  mt->token++;
  mt->owner = owner;
  if (queue < 0 || strcmp (ticket->status, "deleted") == 0 ||
      strcmp (ticket->status, "rejected") == 0)
    {
      mt->state = TS_DETACHED;
      return FALSE;
    }
  mt->queue = (guint8) queue;
  if (inactive)
    {
      mt->state = TS_RESOLVED;
      return FALSE;
    }
  csm_sim_model_ticket_hold (self, idx, owner);
  csm_sim_model_ticket_make_pending (self, idx, TASK_REPLY, TRUE);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Tickets' lives                                                           */
/* ------------------------------------------------------------------------ */

static int
seconds_to_minutes (int seconds)
{
  return MAX (1, (seconds + 30) / 60);
}

void
csm_sim_model_maybe_schedule_chase (CsmSimModel *self,
                                    guint        idx)
{
  ModelTicket *mt = ticket_at (self, idx);

  gint64 delay;

  if (csm_sim_model_rand_unit (self) >= csm_sim_p_chase[mt->channel])
    return;
  delay = csm_sim_model_rand_delay (self, csm_sim_chase_median[mt->channel], CHASE_SIGMA, 60,
                                    3 * DAY);
  csm_sim_model_schedule (self, now (self) + delay, EV_CHASE, 0, idx, mt->token);
}

static void
ticket_resolved (CsmSimModel *self,
                 guint        idx,
                 gboolean     may_reopen)
{
  ModelTicket *mt = ticket_at (self, idx);

  self->stats.resolved++;
  mt->state = TS_RESOLVED;
  mt->token++;

  /* A reopen keeps its place in the owner's capacity meanwhile. */
  if (may_reopen && csm_sim_model_rand_unit (self) < P_REOPEN)
    {
      gint64 delay = csm_sim_model_rand_delay (self, REOPEN_MEDIAN, REOPEN_SIGMA, REOPEN_MIN,
                                               REOPEN_MAX);

      csm_sim_model_schedule (self, now (self) + delay, EV_CUSTOMER_REPLY, 0, idx, mt->token);
      return;
    }

  csm_sim_model_ticket_release (self, idx);
  self->stats.final_resolutions++;
  if (csm_sim_model_rand_unit (self) < self->config.survey_rate)
    {
      gint64 delay = csm_sim_model_rand_delay (self, SURVEY_MEDIAN, SURVEY_SIGMA, SURVEY_MIN,
                                               SURVEY_MAX);

      csm_sim_model_schedule (self, now (self) + delay, EV_SURVEY, 0, idx, mt->token);
    }
}

void
csm_sim_model_handle_work_comment (CsmSimModel *self,
                                   guint        a,
                                   guint        idx,
                                   guint32      token)
{
  ModelTicket *mt = ticket_at (self, idx);
  Agent *agent = agent_at (self, a);

  if (mt->token != token || mt->state != TS_WORKING)
    return;
  csm_sim_world_comment (self->world, mt->id, agent->info.user_id,
                         seconds_to_minutes (agent->work_comment_seconds), NULL);
  self->stats.comments++;
}

void
csm_sim_model_handle_work_done (CsmSimModel *self,
                                guint        a,
                                guint        idx,
                                guint32      token)
{
  Agent *agent = agent_at (self, a);
  ModelTicket *mt = ticket_at (self, idx);
  const CsmSimTicket *ticket;
  gint64 at = now (self);
  gint64 user = agent->info.user_id;
  gint64 wrap_up = csm_sim_model_rand_delay (self, WRAP_MEDIAN, WRAP_SIGMA, 10, 15 * 60);

  csm_sim_model_schedule (self, at + wrap_up, EV_AGENT_READY, a, 0, 0);

  if (mt->token != token || mt->state != TS_WORKING || !csm_sim_model_ticket_sync (self, idx))
    return;
  ticket = world_ticket (self, mt);

  switch (agent->work_kind)
    {
    case WORK_ESCALATE:
      /* An internal note for tier 2, hand it back, move it. */
      csm_sim_world_comment (self->world, mt->id, user, seconds_to_minutes (agent->work_seconds),
                             NULL);
      self->stats.comments++;
      csm_sim_world_set_owner (self->world, mt->id, user, CSM_SIM_USER_NOBODY, NULL);
      csm_sim_model_ticket_release (self, idx);
      mt->owner = -1;
      csm_sim_world_set_queue (self->world, mt->id, user,
                               self->queue_ids[CSM_SIM_QUEUE_KIND_TECHNICAL], NULL);
      mt->queue = CSM_SIM_QUEUE_KIND_TECHNICAL;
      mt->escalated = TRUE;
      self->stats.escalated++;
      csm_sim_model_ticket_make_pending (self, idx, TASK_REPLY, FALSE);
      break;

    case WORK_CLOSE:
      csm_sim_world_set_status (self->world, mt->id, user, "resolved", NULL);
      csm_sim_model_sla_update_due (self, ticket);
      self->stats.closed_unanswered++;
      ticket_resolved (self, idx, FALSE);
      break;

    case WORK_REPLY:
    default:
      {
        double p;

        csm_sim_world_correspond (self->world, mt->id, user,
                                  seconds_to_minutes (agent->work_seconds), NULL);
        self->stats.replies++;
        if (mt->first_reply == 0)
          mt->first_reply = at;
        p = csm_sim_p_resolve[mt->channel] + RESOLVE_STEP * mt->agent_replies -
            (mt->queue == CSM_SIM_QUEUE_KIND_TECHNICAL ? RESOLVE_TECH_PENALTY : 0.0);
        mt->agent_replies++;
        csm_sim_model_sla_update_due (self, ticket);

        if (csm_sim_model_rand_unit (self) < MIN (p, RESOLVE_MAX))
          {
            csm_sim_world_set_status (self->world, mt->id, user, "resolved", NULL);
            csm_sim_model_sla_update_due (self, ticket);
            ticket_resolved (self, idx, TRUE);
            break;
          }

        /* Waiting for the customer. A customer's reply does not reopen a
         * stalled ticket in RT 5 (stalled is active), so the owner does. */
        if (csm_sim_model_rand_unit (self) < csm_sim_p_stall[mt->channel])
          {
            if (strcmp (ticket->status, "stalled") != 0)
              csm_sim_world_set_status (self->world, mt->id, user, "stalled", NULL);
          }
        else if (strcmp (ticket->status, "stalled") == 0)
          csm_sim_world_set_status (self->world, mt->id, user, "open", NULL);
        csm_sim_model_sla_update_due (self, ticket);

        mt->state = TS_WAITING;
        mt->token++;
        if (csm_sim_model_rand_unit (self) < P_CUSTOMER_ANSWERS)
          {
            gint64 limit = (gint64) (csm_sim_followup_hours[mt->channel] * HOUR * 0.9);
            gint64 delay = csm_sim_model_rand_delay (self,
                                                     csm_sim_customer_reply_median[mt->channel],
                                                     CUSTOMER_REPLY_SIGMA, 30, limit);

            csm_sim_model_schedule (self, at + delay, EV_CUSTOMER_REPLY, 0, idx, mt->token);
          }
        else
          csm_sim_model_schedule (self, at + (gint64) (csm_sim_followup_hours[mt->channel] * HOUR),
                                  EV_FOLLOWUP, 0, idx, mt->token);
      }
      break;
    }
}

/* The customer writes: an answer, or (on a resolved ticket) a reopen. */
void
csm_sim_model_handle_customer_reply (CsmSimModel *self,
                                     guint        idx,
                                     guint32      token)
{
  ModelTicket *mt = ticket_at (self, idx);
  gboolean reopen;

  if (mt->token != token || !csm_sim_model_ticket_sync (self, idx))
    return;
  if (mt->state != TS_WAITING && mt->state != TS_RESOLVED)
    return;

  reopen = mt->state == TS_RESOLVED;
  csm_sim_world_correspond (self->world, mt->id, customer_user (self, mt), 0, NULL);
  self->stats.customer_replies++;
  mt->customer_msgs++;
  if (reopen)
    {
      mt->reopens++;
      self->stats.reopened++;
    }
  csm_sim_model_sla_update_due (self, world_ticket (self, mt));
  csm_sim_model_ticket_make_pending (self, idx, TASK_REPLY, FALSE);
  csm_sim_model_maybe_schedule_chase (self, idx);
}

void
csm_sim_model_handle_chase (CsmSimModel *self,
                            guint        idx,
                            guint32      token)
{
  ModelTicket *mt = ticket_at (self, idx);

  if (mt->token != token || mt->state != TS_PENDING || !csm_sim_model_ticket_sync (self, idx))
    return;
  csm_sim_world_correspond (self->world, mt->id, customer_user (self, mt), 0, NULL);
  self->stats.customer_replies++;
  mt->customer_msgs++;
  csm_sim_model_sla_update_due (self, world_ticket (self, mt));
}

void
csm_sim_model_handle_followup (CsmSimModel *self,
                               guint        idx,
                               guint32      token)
{
  ModelTicket *mt = ticket_at (self, idx);

  if (mt->token != token || mt->state != TS_WAITING || !csm_sim_model_ticket_sync (self, idx))
    return;
  csm_sim_model_ticket_make_pending (self, idx, TASK_CLOSE, FALSE);
}

/*
 * The survey. A latent satisfaction s falls with the wait for the first
 * reply (relative to what the channel's customers find fine), with every
 * message the customer had to write beyond the first, with reopens and
 * with a hand-over to another tier; the three answers are read from it
 * with their own noise (N = a standard normal draw each):
 *
 *   x    = ln (1 + first-reply wait / target)      target: email 4 h,
 *                                                  chat and phone 15 min,
 *                                                  social and sms 1 h
 *   m    = customer messages - 1,  r = reopens,  e = 1 if escalated
 *   s    = 4.6 - 0.9 x - 0.45 m - 1.0 r - 0.3 e + 0.6 N
 *   CSAT = clamp (round (s), 1, 5)
 *   NPS  = clamp (round (2.2 s - 0.8 + 1.0 N), 0, 10)
 *   CES  = clamp (round (1.6 + 0.8 x + 0.8 m + 1.1 r + 0.6 e + 0.7 N), 1, 7)
 */
void
csm_sim_model_handle_survey (CsmSimModel *self,
                             guint        idx,
                             guint32      token)
{
  ModelTicket *mt = ticket_at (self, idx);
  gint64 user = customer_user (self, mt);
  double wait_hours, x, m, r, e, s;
  int csat, nps, ces;
  char text[8];

  if (mt->token != token || mt->state != TS_RESOLVED || !csm_sim_model_ticket_sync (self, idx))
    return;

  wait_hours = (double) ((mt->first_reply > 0 ? mt->first_reply : now (self)) - mt->created) / HOUR;
  x = log1p (wait_hours / csm_sim_wait_target_hours[mt->channel]);
  m = mt->customer_msgs - 1;
  r = mt->reopens;
  e = mt->escalated ? 1.0 : 0.0;
  s = 4.6 - 0.9 * x - 0.45 * m - 1.0 * r - 0.3 * e + 0.6 * csm_sim_model_rand_normal (self);
  csat = (int) lround (s);
  nps = (int) lround (2.2 * s - 0.8 + 1.0 * csm_sim_model_rand_normal (self));
  ces = (int) lround (1.6 + 0.8 * x + 0.8 * m + 1.1 * r + 0.6 * e +
                      0.7 * csm_sim_model_rand_normal (self));
  csat = CLAMP (csat, 1, 5);
  nps = CLAMP (nps, 0, 10);
  ces = CLAMP (ces, 1, 7);

  g_snprintf (text, sizeof text, "%d", csat);
  csm_sim_world_set_custom_field (self->world, mt->id, user, self->cf_csat, text, NULL);
  g_snprintf (text, sizeof text, "%d", nps);
  csm_sim_world_set_custom_field (self->world, mt->id, user, self->cf_nps, text, NULL);
  g_snprintf (text, sizeof text, "%d", ces);
  csm_sim_world_set_custom_field (self->world, mt->id, user, self->cf_ces, text, NULL);
  self->stats.surveys++;
}
