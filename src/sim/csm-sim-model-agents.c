/* csm-sim-model-agents.c: the workload model's agents: shifts, breaks, skills, choosing work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-model"

#include "config.h"

#include "csm-sim-model-private.h"

int
csm_sim_model_agent_of_user (CsmSimModel *self,
                             gint64       user_id)
{
  gpointer value = g_hash_table_lookup (self->agent_by_user, GSIZE_TO_POINTER ((gsize) user_id));

  return value != NULL ? (int) GPOINTER_TO_SIZE (value) - 1 : -1;
}

static void
idle_add (CsmSimModel *self,
          guint        a)
{
  Agent *agent = agent_at (self, a);

  if (agent->idle_pos >= 0)
    return;
  agent->idle_pos = (int) self->idle->len;
  g_array_append_val (self->idle, a);
}

static void
idle_remove (CsmSimModel *self,
             guint        a)
{
  Agent *agent = agent_at (self, a);
  guint last;

  if (agent->idle_pos < 0)
    return;
  last = g_array_index (self->idle, guint, self->idle->len - 1);
  g_array_index (self->idle, guint, agent->idle_pos) = last;
  agent_at (self, last)->idle_pos = agent->idle_pos;
  g_array_set_size (self->idle, self->idle->len - 1);
  agent->idle_pos = -1;
}

static gboolean
agent_may_take (CsmSimModel       *self,
                guint              a,
                const ModelTicket *mt)
{
  Agent *agent = agent_at (self, a);

  if ((agent->info.skills & (1u << mt->queue)) == 0)
    return FALSE;
  return mt->owner == (int) a || agent->held->len < agent->info.capacity;
}

/* A ticket just went into a pool: let idle agents who may take it look,
 * one at a time, chosen at random, until it is taken or nobody is left. */
void
csm_sim_model_wake_agents_for (CsmSimModel *self,
                               guint        idx)
{
  for (;;)
    {
      ModelTicket *mt = ticket_at (self, idx);
      guint eligible = 0, pick;

      if (mt->state != TS_PENDING || mt->where != WHERE_POOL)
        return;
      for (guint i = 0; i < self->idle->len; i++)
        if (agent_may_take (self, g_array_index (self->idle, guint, i), mt))
          eligible++;
      if (eligible == 0)
        return;

      pick = csm_sim_model_rand_below (self, eligible);
      for (guint i = 0; i < self->idle->len; i++)
        {
          guint a = g_array_index (self->idle, guint, i);

          if (!agent_may_take (self, a, mt))
            continue;
          if (pick-- == 0)
            {
              if (!csm_sim_model_agent_find_work (self, a))
                return;
              break;
            }
        }
    }
}

/* The first valid entry of a pool. Entries gone stale are dropped; a
 * ticket whose owner is back on shift moves to that owner's list. */
static const HeapItem *
pool_head (CsmSimModel *self,
           guint        queue,
           guint        a)
{
  GArray *pool = self->pools[queue];
  const HeapItem *head;

  while ((head = csm_sim_heap_peek (pool)) != NULL)
    {
      ModelTicket *mt = ticket_at (self, head->b);

      if (mt->state != TS_PENDING || mt->where != WHERE_POOL || mt->place != head->token ||
          mt->queue != queue)
        {
          csm_sim_heap_pop (pool, NULL);
          continue;
        }
      if (mt->owner >= 0 && mt->owner != (int) a && agent_at (self, (guint) mt->owner)->on_shift)
        {
          guint idx = head->b;

          csm_sim_heap_pop (pool, NULL);
          mt->where = WHERE_AGENT;
          g_array_append_val (agent_at (self, (guint) mt->owner)->own, idx);
          csm_sim_model_schedule (self, now (self), EV_AGENT_POKE, (guint) mt->owner, 0, 0);
          continue;
        }
      return head;
    }
  return NULL;
}

typedef enum
{
  START_STARTED,
  START_WRAPPED,
  START_RETRY,
} StartResult;

static StartResult
start_work (CsmSimModel *self,
            guint        a,
            guint        idx,
            int          own_pos,
            int          pool)
{
  Agent *agent = agent_at (self, a);
  ModelTicket *mt = ticket_at (self, idx);
  gint64 at = now (self);
  WorkKind kind;
  int comment_seconds = 0, work_seconds;

  if (!csm_sim_model_ticket_sync (self, idx))
    return START_RETRY;

  /* What the work will be and how long it takes, drawn up front: an agent
   * does not start what the shift leaves no time to finish. */
  if (mt->task == TASK_CLOSE)
    {
      kind = WORK_CLOSE;
      work_seconds = 60 + (int) csm_sim_model_rand_below (self, 120);
    }
  else
    {
      gboolean escalate = FALSE;
      double p_comment = mt->queue == CSM_SIM_QUEUE_KIND_TECHNICAL ? P_COMMENT_FIRST_TECH
                                                                   : P_COMMENT_FIRST;

      if (!agent->info.tier2 && mt->queue == CSM_SIM_QUEUE_KIND_SUPPORT && mt->technical &&
          !mt->escalated)
        escalate = csm_sim_model_rand_unit (self) < P_ESCALATE;
      if (!escalate && csm_sim_model_rand_unit (self) < p_comment)
        comment_seconds = (int) csm_sim_model_rand_delay (self, COMMENT_MEDIAN, COMMENT_SIGMA, 30,
                                                          2 * HOUR);
      work_seconds = (int) csm_sim_model_rand_delay (self, csm_sim_handle_median[mt->channel],
                                                     csm_sim_handle_sigma[mt->channel], 30,
                                                     4 * HOUR);
      kind = escalate ? WORK_ESCALATE : WORK_REPLY;
    }

  if (at + comment_seconds + work_seconds >= agent->shift_end)
    {
      agent->wrapped = TRUE;
      idle_remove (self, a);
      return START_WRAPPED;
    }

  if (own_pos >= 0)
    g_array_remove_index (agent->own, (guint) own_pos);
  else
    csm_sim_heap_pop (self->pools[pool], NULL);
  mt->where = WHERE_NONE;
  mt->state = TS_WORKING;
  mt->token++;

  /* Take it (RT's Set Owner), from Nobody or from a colleague off shift. */
  if (mt->owner != (int) a)
    {
      csm_sim_world_set_owner (self->world, mt->id, agent->info.user_id, agent->info.user_id, NULL);
      if (mt->owner >= 0)
        self->stats.takeovers++;
      csm_sim_model_ticket_release (self, idx);
      mt->owner = (int) a;
    }
  csm_sim_model_ticket_hold (self, idx, (int) a);

  agent->busy = TRUE;
  idle_remove (self, a);
  agent->work_kind = kind;
  agent->work_comment_seconds = comment_seconds;
  agent->work_seconds = work_seconds;
  if (comment_seconds > 0)
    csm_sim_model_schedule (self, at + comment_seconds, EV_WORK_COMMENT, a, idx, mt->token);
  csm_sim_model_schedule (self, at + comment_seconds + work_seconds, EV_WORK_DONE, a, idx,
                          mt->token);
  return START_STARTED;
}

/* An idle agent looks for the most urgent ticket it may take: its own
 * waiting tickets (with a head start) and the heads of its skill queues'
 * pools (new tickets only while under capacity). Returns TRUE if the
 * agent started work or wrapped up for the shift. */
gboolean
csm_sim_model_agent_find_work (CsmSimModel *self,
                               guint        a)
{
  Agent *agent = agent_at (self, a);

  for (guint attempt = 0; attempt < 8; attempt++)
    {
      gint64 best_key = G_MAXINT64;
      int best_own = -1, best_pool = -1;
      guint best_idx = 0;

      if (!agent->on_shift || agent->busy || agent->wrapped || agent->on_break)
        return FALSE;

      for (guint i = 0; i < agent->own->len; i++)
        {
          guint idx = g_array_index (agent->own, guint, i);
          gint64 key = ticket_at (self, idx)->key - OWN_BONUS;

          if (key < best_key)
            {
              best_key = key;
              best_own = (int) i;
              best_idx = idx;
            }
        }

      for (guint q = 0; q < CSM_SIM_N_QUEUE_KINDS; q++)
        {
          const HeapItem *head;

          if ((agent->info.skills & (1u << q)) == 0)
            continue;
          head = pool_head (self, q, a);
          if (head == NULL || !agent_may_take (self, a, ticket_at (self, head->b)))
            continue;
          if (head->key < best_key)
            {
              best_key = head->key;
              best_own = -1;
              best_pool = (int) q;
              best_idx = head->b;
            }
        }

      if (best_own < 0 && best_pool < 0)
        {
          /* Nothing now: look at the queues again in a while. */
          guint wait = SWEEP_MIN + csm_sim_model_rand_below (self, SWEEP_MAX - SWEEP_MIN);

          agent->sweep_token++;
          csm_sim_model_schedule (self, now (self) + wait, EV_SWEEP, a, 0, agent->sweep_token);
          return FALSE;
        }

      switch (start_work (self, a, best_idx, best_own, best_pool))
        {
        case START_STARTED:
        case START_WRAPPED:
          return TRUE;
        case START_RETRY:
        default:
          break;
        }
    }
  return FALSE;
}

static void
agent_go_on_break (CsmSimModel *self,
                   guint        a)
{
  Agent *agent = agent_at (self, a);

  agent->on_break = TRUE;
  idle_remove (self, a);
  csm_sim_model_schedule (self, now (self) + agent->pending_break, EV_BREAK_END, a, 0, 0);
  agent->pending_break = 0;
}

/* Free again (after a ticket's wrap-up or a break): a break that fell due
 * meanwhile first, then the queues. */
void
csm_sim_model_agent_ready (CsmSimModel *self,
                           guint        a)
{
  Agent *agent = agent_at (self, a);

  if (!agent->on_shift || agent->busy || agent->on_break)
    return;
  if (agent->pending_break > 0)
    agent_go_on_break (self, a);
  else if (!agent->wrapped)
    {
      idle_add (self, a);
      csm_sim_model_agent_find_work (self, a);
    }
}

void
csm_sim_model_agent_break_start (CsmSimModel *self,
                                 guint        a,
                                 int          seconds)
{
  Agent *agent = agent_at (self, a);

  if (!agent->on_shift)
    return;
  agent->pending_break += seconds;
  csm_sim_model_agent_ready (self, a);
}

void
csm_sim_model_agent_shift_start (CsmSimModel *self,
                                 guint        a)
{
  Agent *agent = agent_at (self, a);
  gint64 start, end;

  if (!csm_sim_shift_bounds (agent->info.shift, now (self), &start, &end))
    {
      csm_sim_model_schedule (self, csm_sim_shift_next_start (agent->info.shift, now (self)),
                              EV_SHIFT_START, a, 0, 0);
      return;
    }

  agent->on_shift = TRUE;
  agent->wrapped = FALSE;
  agent->pending_break = 0;
  agent->shift_end = end;
  csm_sim_model_schedule (self, end, EV_SHIFT_END, a, 0, 0);

  /* The shift's breaks. One draw per statement: the order in which a
   * compiler evaluates arguments must not change the world. */
  for (guint i = 0; i < G_N_ELEMENTS (csm_sim_breaks); i++)
    {
      const BreakDef *def = &csm_sim_breaks[i];
      guint at_minute, minutes;

      if (def->chance < 1.0 && csm_sim_model_rand_unit (self) >= def->chance)
        continue;
      at_minute = def->earliest + csm_sim_model_rand_below (self, def->spread);
      minutes = def->minutes + csm_sim_model_rand_below (self, def->extra + 1);
      csm_sim_model_schedule (self, start + at_minute * 60, EV_BREAK_START, a, 0, minutes * 60);
    }

  /* Back at work: one's own tickets that waited in the pools come home. */
  for (guint i = 0; i < agent->held->len; i++)
    {
      guint idx = g_array_index (agent->held, guint, i);
      ModelTicket *mt = ticket_at (self, idx);

      if (mt->state == TS_PENDING && mt->where == WHERE_POOL)
        {
          mt->where = WHERE_AGENT;
          g_array_append_val (agent->own, idx);
        }
    }

  csm_sim_model_agent_ready (self, a);
}

void
csm_sim_model_agent_shift_end (CsmSimModel *self,
                               guint        a)
{
  Agent *agent = agent_at (self, a);
  g_autoptr(GArray) moved = NULL;

  agent->on_shift = FALSE;
  agent->wrapped = FALSE;
  idle_remove (self, a);
  csm_sim_model_schedule (self, csm_sim_shift_next_start (agent->info.shift, now (self)),
                          EV_SHIFT_START, a, 0, 0);

  /* What waits for this agent is open to colleagues until the next shift. */
  moved = g_array_copy (agent->own);
  g_array_set_size (agent->own, 0);
  for (guint i = 0; i < moved->len; i++)
    csm_sim_model_pool_push (self, g_array_index (moved, guint, i));
  for (guint i = 0; i < moved->len; i++)
    if (csm_sim_channel_is_live (ticket_at (self, g_array_index (moved, guint, i))->channel))
      csm_sim_model_wake_agents_for (self, g_array_index (moved, guint, i));
}
