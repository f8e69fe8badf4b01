/* csm-sim-model-events.c: the workload model's run loop: the event heap and its dispatch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-model"

#include "config.h"

#include "csm-sim-model-private.h"

/* ------------------------------------------------------------------------ */
/* Heaps                                                                    */
/* ------------------------------------------------------------------------ */

static inline gboolean
item_before (const HeapItem *x,
             const HeapItem *y)
{
  return x->key < y->key || (x->key == y->key && x->seq < y->seq);
}

void
csm_sim_heap_push (GArray         *heap,
                   const HeapItem *item)
{
  HeapItem *items;
  guint i;

  g_array_append_val (heap, *item);
  items = (HeapItem *) (gpointer) heap->data;
  i = heap->len - 1;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      HeapItem swap;

      if (!item_before (&items[i], &items[parent]))
        break;
      swap = items[i];
      items[i] = items[parent];
      items[parent] = swap;
      i = parent;
    }
}

const HeapItem *
csm_sim_heap_peek (GArray *heap)
{
  return heap->len > 0 ? &g_array_index (heap, HeapItem, 0) : NULL;
}

void
csm_sim_heap_pop (GArray   *heap,
                  HeapItem *out)
{
  HeapItem *items = (HeapItem *) (gpointer) heap->data;
  guint n = heap->len - 1;
  guint i = 0;

  if (out != NULL)
    *out = items[0];
  items[0] = items[n];
  g_array_set_size (heap, n);

  for (;;)
    {
      guint left = 2 * i + 1, right = left + 1, smallest = i;
      HeapItem swap;

      if (left < n && item_before (&items[left], &items[smallest]))
        smallest = left;
      if (right < n && item_before (&items[right], &items[smallest]))
        smallest = right;
      if (smallest == i)
        break;
      swap = items[i];
      items[i] = items[smallest];
      items[smallest] = swap;
      i = smallest;
    }
}

void
csm_sim_model_schedule (CsmSimModel *self,
                        gint64       when,
                        EventKind    kind,
                        guint        a,
                        guint        b,
                        guint32      token)
{
  HeapItem item = { when, self->seq++, kind, a, b, token };

  csm_sim_heap_push (self->events, &item);
}

/* ------------------------------------------------------------------------ */
/* The run loop                                                             */
/* ------------------------------------------------------------------------ */

static void
process_event (CsmSimModel    *self,
               const HeapItem *event)
{
  switch ((EventKind) event->kind)
    {
    case EV_ARRIVAL:
      csm_sim_model_handle_arrival (self, event->a);
      break;
    case EV_SHIFT_START:
      csm_sim_model_agent_shift_start (self, event->a);
      break;
    case EV_SHIFT_END:
      csm_sim_model_agent_shift_end (self, event->a);
      break;
    case EV_WORK_COMMENT:
      csm_sim_model_handle_work_comment (self, event->a, event->b, event->token);
      break;
    case EV_WORK_DONE:
      csm_sim_model_handle_work_done (self, event->a, event->b, event->token);
      break;
    case EV_AGENT_READY:
      agent_at (self, event->a)->busy = FALSE;
      csm_sim_model_agent_ready (self, event->a);
      break;
    case EV_AGENT_POKE:
      if (agent_at (self, event->a)->idle_pos >= 0)
        csm_sim_model_agent_find_work (self, event->a);
      break;
    case EV_SWEEP:
      if (agent_at (self, event->a)->idle_pos >= 0 &&
          agent_at (self, event->a)->sweep_token == event->token)
        csm_sim_model_agent_find_work (self, event->a);
      break;
    case EV_BREAK_START:
      csm_sim_model_agent_break_start (self, event->a, (int) event->token);
      break;
    case EV_BREAK_END:
      agent_at (self, event->a)->on_break = FALSE;
      csm_sim_model_agent_ready (self, event->a);
      break;
    case EV_CUSTOMER_REPLY:
      csm_sim_model_handle_customer_reply (self, event->b, event->token);
      break;
    case EV_CHASE:
      csm_sim_model_handle_chase (self, event->b, event->token);
      break;
    case EV_FOLLOWUP:
      csm_sim_model_handle_followup (self, event->b, event->token);
      break;
    case EV_SURVEY:
      csm_sim_model_handle_survey (self, event->b, event->token);
      break;
    default:
      g_assert_not_reached ();
    }
  csm_sim_model_flush_deferred (self);
}

void
csm_sim_model_advance_locked (CsmSimModel *self,
                              gint64       until)
{
  const HeapItem *next;

  if (until < now (self))
    return;

  while ((next = csm_sim_heap_peek (self->events)) != NULL && next->key <= until)
    {
      HeapItem event;

      csm_sim_heap_pop (self->events, &event);
      if (event.key > now (self))
        csm_sim_world_set_now (self->world, event.key);
      process_event (self, &event);
    }
  if (until > now (self))
    csm_sim_world_set_now (self->world, until);
}
