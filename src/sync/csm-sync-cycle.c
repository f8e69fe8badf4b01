/* csm-sync-cycle.c: one sync cycle of the engine, step by step: queues, agents, tickets, transactions, metrics, commit.
 *
 * A cycle is a GTask whose Cycle walks a fixed list of steps
 * (cycle_advance()); steps that do not depend on each other (a full sync's
 * queues, agents and mark) run side by side. A full sync writes as it goes,
 * so a first sync of 100,000 tickets never holds them all in one commit.
 * Scheduling, back-off and loading the cache stay in csm-sync-engine.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sync-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-agent.h"
#include "csm-agent-discovery.h"
#include "csm-queue.h"
#include "csm-sync-engine-private.h"
#include "csm-ticket-metrics.h"
#include "csm-ticket-private.h"
#include "csm-time.h"
#include "csm-transaction.h"

/* One sync cycle
 *
 * Full:        side by side: queues, agents, transactions (the window's
 *              on the first sync, else those after the cursor), and the
 *              newest transaction id T0, after which every ticket in the
 *              window → histories of old tickets → drop unseen tickets →
 *              cursor = T0.
 * Incremental: transactions after the cursor (every kind: each names a
 *              ticket that changed) → those tickets by id; a named ticket
 *              the helpdesk no longer returns was deleted or hidden → the
 *              cursor moves to the last transaction seen.
 *
 * Only transaction ids are compared, never dates: RT's date comparisons
 * depend on the RT user's time zone, ids do not. An unchanged helpdesk
 * costs exactly one request. */

typedef enum
{
  STEP_META,
  STEP_MARK,
  STEP_TICKETS,
  STEP_TRANSACTIONS,
  STEP_CHANGED_TICKETS,
  STEP_BACKFILL,
  STEP_FINISH,
} Step;

typedef struct
{
  CsmSyncKind kind;
  Step step;
  CsmSyncStats stats;
  CsmStoreBatch *batch;       /* (owned) */
  CsmTicketList *frozen;      /* (owned) (nullable): the list, its notices held back */
  GHashTable *seen;           /* (owned): ticket ids the helpdesk returned */
  GHashTable *named;          /* (owned): incremental: ticket ids transactions named */
  gint64 window_start;
  gint64 started_at;          /* console clock */
  gint64 cursor;              /* transactions: the last id already processed */
  gint64 mark;                /* full: the newest transaction id before tickets */
  gint64 tickets_total;
  gboolean agents_changed;
  GPtrArray *queues;          /* (owned) (nullable) */
  GPtrArray *agents;          /* (owned) (nullable) */
  int meta_pending;
  GError *meta_error;         /* (owned) (nullable) */
  guint64 requests_before;
  guint64 bytes_before;
  gint64 last_progress_usec;
  GPtrArray *arrived;         /* (owned) (nullable): incremental: the transactions kept */
  gboolean agents_looked_up;  /* discovery: this cycle's candidates were asked about */
} Cycle;

/* An incremental refresh reaches the views as one change, however many
 * pages and metrics it brings. */
static void
cycle_release_list (Cycle *cycle)
{
  g_autoptr(CsmTicketList) list = g_steal_pointer (&cycle->frozen);

  if (list != NULL)
    csm_ticket_list_thaw_changes (list);
}

static void
cycle_free (Cycle *cycle)
{
  cycle_release_list (cycle);
  g_clear_pointer (&cycle->batch, csm_store_batch_free);
  g_clear_pointer (&cycle->seen, g_hash_table_unref);
  g_clear_pointer (&cycle->named, g_hash_table_unref);
  g_clear_pointer (&cycle->queues, g_ptr_array_unref);
  g_clear_pointer (&cycle->agents, g_ptr_array_unref);
  g_clear_pointer (&cycle->arrived, g_ptr_array_unref);
  g_clear_error (&cycle->meta_error);
  g_free (cycle);
}

static GHashTable *
id_set_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
id_set_add (GHashTable *set,
            gint64      id)
{
  if (!g_hash_table_contains (set, &id))
    g_hash_table_add (set, g_memdup2 (&id, sizeof id));
}

static void cycle_advance (GTask *task);
static void set_cursor    (CsmSyncEngine *self,
                           Cycle         *cycle,
                           const char    *name,
                           gint64         value);

static void
commit_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* A failed intermediate commit of a full sync only means the cache is
   * behind; its cursor is not advanced, so the next start redoes the work.
   * The final commit reports failure through the cycle (see finish). */
  if (!csm_store_commit_finish (CSM_STORE (object), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cache write failed: %s", error->message);
}

/* A full sync writes as it goes so a 100k-ticket first sync never holds a
 * giant batch; the cursors come last, in the final commit, and so do the
 * metrics: once for every ticket rather than once per page. */
static void
flush_intermediate (CsmSyncEngine *self,
                    Cycle         *cycle)
{
  if (csm_store_batch_is_empty (cycle->batch))
    return;
  csm_store_batch_defer_metrics (cycle->batch);
  /* The store takes the batch. */
  csm_store_commit_async (self->store, g_steal_pointer (&cycle->batch), NULL, commit_done_cb,
                          NULL);
  cycle->batch = csm_store_batch_new ();
}

static void
maybe_emit_progress (CsmSyncEngine *self,
                     Cycle         *cycle)
{
  gint64 now = g_get_monotonic_time ();

  if (now - cycle->last_progress_usec < PROGRESS_INTERVAL_USEC)
    return;
  cycle->last_progress_usec = now;
  csm_sync_engine_set_has_data (self);
  csm_sync_engine_emit_refreshed (self);
}

static void
remove_ticket (CsmSyncEngine *self,
               Cycle         *cycle,
               gint64         id)
{
  if (!csm_ticket_list_remove (self->tickets, id))
    return;
  cycle->stats.tickets_removed++;
  csm_store_batch_delete_ticket (cycle->batch, id);
}

static void
tickets_page_cb (GPtrArray *items,
                 gpointer   user_data)
{
  GTask *task = user_data;
  CsmSyncEngine *self = g_task_get_source_object (task);
  Cycle *cycle = g_task_get_task_data (task);
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);

  cycle->stats.tickets_received += items->len;
  for (guint i = 0; i < items->len; i++)
    id_set_add (cycle->seen, ((CsmTicket *) g_ptr_array_index (items, i))->id);

  gint64 begin = g_get_monotonic_time ();

  cycle->stats.tickets_changed += csm_ticket_list_merge (self->tickets, items, changed);
  g_debug ("Merged %u tickets (%u changed) in %.1f ms", items->len, changed->len,
           (g_get_monotonic_time () - begin) / 1000.0);
  if (changed->len > 0)
    csm_store_batch_add_tickets (cycle->batch, changed);

  if (cycle->kind == CSM_SYNC_FULL)
    {
      flush_intermediate (self, cycle);
      maybe_emit_progress (self, cycle);
    }
}

static void
transactions_page_cb (GPtrArray *items,
                      gpointer   user_data)
{
  GTask *task = user_data;
  CsmSyncEngine *self = g_task_get_source_object (task);
  Cycle *cycle = g_task_get_task_data (task);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);

  cycle->stats.transactions_received += items->len;
  if (self->discovery != NULL)
    csm_agent_discovery_note_transactions (self->discovery, items, self->tickets);
  for (guint i = 0; i < items->len; i++)
    {
      CsmTransaction *tx = g_ptr_array_index (items, i);

      if (cycle->named != NULL)
        id_set_add (cycle->named, tx->ticket_id);
      /* Only what the console reads is kept; the rest only said "this
       * changed". The same transaction seen twice (a backfill, a retry) is
       * one row in the cache. */
      if (tx->type != CSM_TRANSACTION_OTHER)
        g_ptr_array_add (kept, csm_transaction_ref (tx));
    }
  if (kept->len > 0 && cycle->arrived != NULL)
    for (guint i = 0; i < kept->len; i++)
      g_ptr_array_add (cycle->arrived, csm_transaction_ref (g_ptr_array_index (kept, i)));
  if (kept->len > 0)
    csm_store_batch_add_transactions (cycle->batch, kept);

  if (cycle->kind == CSM_SYNC_FULL)
    flush_intermediate (self, cycle);
}

/* Ends the cycle's task with @error; takes the cycle's reference. */
static void
cycle_fail (GTask  *task,
            GError *error)
{
  cycle_release_list (g_task_get_task_data (task));
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
cycle_goto (GTask *task,
            Step   step)
{
  Cycle *cycle = g_task_get_task_data (task);

  cycle->step = step;
  cycle_advance (task);
}

/* Steps that run side by side (a full sync's queues, agents, mark,
 * tickets and transactions) report here; the cycle moves on, or fails,
 * once the last of them is back, never while one still runs. */
static void
part_done (GTask  *task,
           GError *error)
{
  Cycle *cycle = g_task_get_task_data (task);
  CsmSyncEngine *self = g_task_get_source_object (task);

  if (error != NULL)
    {
      if (cycle->meta_error == NULL)
        cycle->meta_error = error;
      else
        g_error_free (error);
    }
  if (--cycle->meta_pending > 0)
    return;

  if (cycle->meta_error != NULL)
    {
      cycle_fail (task, g_steal_pointer (&cycle->meta_error));
      return;
    }

  if (cycle->queues != NULL)
    {
      csm_sync_engine_set_queues (self, cycle->queues);
      csm_store_batch_replace_queues (cycle->batch, cycle->queues);
      g_clear_pointer (&cycle->queues, g_ptr_array_unref);
    }
  if (cycle->agents != NULL)
    {
      cycle->agents_changed = csm_sync_engine_set_agents (self, cycle->agents);
      csm_store_batch_replace_agents (cycle->batch, cycle->agents);
      g_clear_pointer (&cycle->agents, g_ptr_array_unref);
    }

  if (cycle->step == STEP_META)
    cycle_goto (task, STEP_TRANSACTIONS);
  else
    cycle_goto (task, STEP_BACKFILL);
}

static void
queues_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Cycle *cycle = g_task_get_task_data (task);
  GError *error = NULL;

  cycle->queues = csm_provider_list_queues_finish (CSM_PROVIDER (object), result, &error);
  part_done (task, error);
}

static void
agents_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  CsmSyncEngine *self = g_task_get_source_object (task);
  Cycle *cycle = g_task_get_task_data (task);
  GError *error = NULL;

  cycle->agents = csm_provider_list_agents_finish (CSM_PROVIDER (object), result, &error);
  if (cycle->agents != NULL)
    {
      g_clear_object (&self->discovery);
      set_cursor (self, cycle, CURSOR_AGENTS_UNLISTED, 0);
    }
  if (g_error_matches (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_UNLISTED))
    {
      /* The agents are found among those who work the tickets, at the end
       * of the cycle (see CsmAgentDiscovery), starting from the cache's. */
      g_debug ("Agents are not listed, looking them up: %s", error->message);
      csm_sync_engine_start_discovery (self);
      set_cursor (self, cycle, CURSOR_AGENTS_UNLISTED, 1);
      g_clear_error (&error);
    }
  else if (cycle->agents == NULL &&
      (g_error_matches (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_FORBIDDEN) ||
       g_error_matches (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_NOT_FOUND)))
    {
      /* Reading group members needs AdminGroupMembership in RT, which a
       * supervisor's account may lack. Without the agent list, first
       * response falls back to "a reply by someone who is not a
       * requestor" (see csm_transaction_is_agent_reply()); no reason to
       * stop syncing. */
      g_message ("Agent list unavailable, first response uses the requestor rule: %s",
                 error->message);
      g_clear_error (&error);
    }
  part_done (task, error);
}

static void
tickets_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Cycle *cycle = g_task_get_task_data (task);
  GError *error = NULL;
  CsmFetchResult fetched = { 0, };

  if (csm_provider_fetch_tickets_finish (CSM_PROVIDER (object), result, &fetched, &error))
    cycle->tickets_total = fetched.total;
  part_done (task, error);
}

static void
mark_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  CsmSyncEngine *self = g_task_get_source_object (task);
  Cycle *cycle = g_task_get_task_data (task);
  GError *error = NULL;

  cycle->mark = csm_provider_latest_transaction_finish (CSM_PROVIDER (object), result, &error);
  if (cycle->mark >= 0)
    {
      /* Tickets only after the mark: whatever changes from here on has a
       * later transaction, which the next incremental sync picks up. */
      CsmTicketQuery query = { cycle->window_start, NULL };

      cycle->meta_pending++;
      csm_provider_fetch_tickets_async (self->provider, &query, tickets_page_cb, task,
                                        g_task_get_cancellable (task), tickets_done_cb, task);
    }
  part_done (task, error);
}

static void
transactions_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  Cycle *cycle = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CsmFetchResult fetched = { 0, };

  if (cycle->kind == CSM_SYNC_FULL)
    {
      GError *part_error = NULL;
      csm_provider_fetch_transactions_finish (CSM_PROVIDER (object), result, &fetched, &part_error);
      part_done (task, part_error);
      return;
    }

  if (!csm_provider_fetch_transactions_finish (CSM_PROVIDER (object), result, &fetched, &error))
    {
      cycle_fail (task, g_steal_pointer (&error));
      return;
    }
  cycle->cursor = MAX (cycle->cursor, fetched.max_id);
  cycle_goto (task, STEP_CHANGED_TICKETS);
}

static void
changed_tickets_done_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GTask *task = user_data;
  CsmSyncEngine *self = g_task_get_source_object (task);
  Cycle *cycle = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;

  if (!csm_provider_fetch_tickets_finish (CSM_PROVIDER (object), result, NULL, &error))
    {
      cycle_fail (task, g_steal_pointer (&error));
      return;
    }

  /* Named by a transaction but not returned: deleted (RT never returns a
   * deleted ticket), merged away, or no longer visible to this account. */
  g_hash_table_iter_init (&iter, cycle->named);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (cycle->seen, key))
      remove_ticket (self, cycle, *(gint64 *) key);

  cycle_goto (task, STEP_FINISH);
}

static void
backfill_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (!csm_provider_fetch_ticket_histories_finish (CSM_PROVIDER (object), result, NULL, &error))
    {
      cycle_fail (task, g_steal_pointer (&error));
      return;
    }
  cycle_goto (task, STEP_FINISH);
}

static void
final_commit_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Cycle *cycle = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_autoptr(GArray) metrics = NULL;

  if (!csm_store_commit_finish (CSM_STORE (object), result, &metrics, &error))
    {
      cycle_fail (task, g_steal_pointer (&error));
      return;
    }
  csm_sync_engine_apply_metrics (g_task_get_source_object (task), metrics);
  cycle_release_list (cycle);
  cycle->stats.finished_usec = g_get_monotonic_time ();
  /* Views that follow activity (the Agents page) take the new transactions;
   * after a full sync there are too many: they read the cache again. */
  csm_sync_engine_emit_transactions_arrived (g_task_get_source_object (task),
                                             cycle->kind == CSM_SYNC_FULL ? NULL : cycle->arrived);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
set_cursor (CsmSyncEngine *self,
            Cycle         *cycle,
            const char    *name,
            gint64         value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  g_hash_table_insert (self->cursors, g_strdup (name), g_strdup (text));
  csm_store_batch_set_cursor (cycle->batch, name, text);
}

static void
cycle_finish (GTask *task)
{
  CsmSyncEngine *self = g_task_get_source_object (task);
  Cycle *cycle = g_task_get_task_data (task);

  /* A full sync deferred the metrics of its pages; another agent list
   * changes who counts as replying, for every ticket. Otherwise the commit
   * works out the tickets it touches. */
  if (cycle->kind == CSM_SYNC_FULL || cycle->agents_changed)
    csm_store_batch_update_all_metrics (cycle->batch);

  if (cycle->kind == CSM_SYNC_FULL)
    {
      /* Whatever changed after the mark is looked at again next time. */
      cycle->cursor = MAX (cycle->cursor, cycle->mark);

      /* Offset paging can skip a ticket when another one leaves the result
       * set meanwhile (deleted, rights withdrawn). Dropping unseen tickets
       * is only safe when we saw as many as the helpdesk counted. */
      if ((gint64) g_hash_table_size (cycle->seen) >= cycle->tickets_total)
        {
          GPtrArray *all = csm_ticket_list_get_array (self->tickets);
          g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (gint64));

          for (guint i = 0; i < all->len; i++)
            {
              CsmTicket *ticket = g_ptr_array_index (all, i);
              if (!g_hash_table_contains (cycle->seen, &ticket->id))
                g_array_append_val (gone, ticket->id);
            }
          for (guint i = 0; i < gone->len; i++)
            remove_ticket (self, cycle, g_array_index (gone, gint64, i));
        }
      else
        g_message ("Full sync saw %u of %" G_GINT64_FORMAT " tickets; keeping unseen ones "
                   "until the next full sync", g_hash_table_size (cycle->seen),
                   cycle->tickets_total);

      set_cursor (self, cycle, CURSOR_LAST_FULL, cycle->started_at);
      set_cursor (self, cycle, CURSOR_WINDOW, cycle->window_start);
    }

  set_cursor (self, cycle, CURSOR_TRANSACTIONS, cycle->cursor);
  set_cursor (self, cycle, CURSOR_FINISHED, csm_clock_get_now (self->clock));

  cycle->stats.requests = (guint) (csm_provider_get_request_count (self->provider) -
                                   cycle->requests_before);
  cycle->stats.bytes = csm_provider_get_bytes_received (self->provider) - cycle->bytes_before;

  /* The store takes the batch. */
  csm_store_commit_async (self->store, g_steal_pointer (&cycle->batch),
                          g_task_get_cancellable (task), final_commit_cb, task);
}

typedef struct
{
  GTask *task;     /* the cycle's; not owned: the cycle holds itself */
  char **names;    /* (owned) */
} Lookup;

static Lookup *
lookup_new (GTask  *task,
            char  **names)
{
  Lookup *lookup = g_new0 (Lookup, 1);

  lookup->task = task;
  lookup->names = g_strdupv (names);
  return lookup;
}

/* Discovery: the candidates' answers become the agent list; a failed
 * look-up is asked again next cycle and does not stop this one. */
static void
agents_looked_up_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Lookup *lookup = user_data;
  GTask *task = lookup->task;
  CsmSyncEngine *self = g_task_get_source_object (task);
  Cycle *cycle = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_auto(GStrv) names = g_steal_pointer (&lookup->names);

  g_free (lookup);
  found = csm_provider_lookup_agents_finish (CSM_PROVIDER (object), result, &error);
  if (found == NULL && self->discovery != NULL)
    csm_agent_discovery_forget (self->discovery, (const char * const *) names);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      cycle_fail (task, g_steal_pointer (&error));
      return;
    }
  if (found == NULL)
    {
      /* Asked again after a wait that grows, not on every refresh. */
      self->lookup_backoff = CLAMP (self->lookup_backoff * 2, LOOKUP_BACKOFF_MIN_USEC,
                                    LOOKUP_BACKOFF_MAX_USEC);
      self->lookup_not_before = g_get_monotonic_time () + self->lookup_backoff;
      g_message ("Could not look up who is an agent (again in %" G_GINT64_FORMAT " s): %s",
                 self->lookup_backoff / G_USEC_PER_SEC, error->message);
    }
  else
    self->lookup_backoff = 0;
  if (found != NULL && self->discovery != NULL &&
      csm_agent_discovery_learn (self->discovery, (const char * const *) names, found))
    {
      g_autoptr(GPtrArray) agents = csm_agent_discovery_get_agents (self->discovery);

      cycle->agents_changed |= csm_sync_engine_set_agents (self, agents);
      csm_store_batch_replace_agents (cycle->batch, agents);
    }
  cycle_advance (task);
}

static void
cycle_advance (GTask *task)
{
  CsmSyncEngine *self = g_task_get_source_object (task);
  Cycle *cycle = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (g_cancellable_is_cancelled (cancellable))
    {
      cycle_fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                             _("The sync was cancelled.")));
      return;
    }

  switch (cycle->step)
    {
    case STEP_META:
      if (cycle->kind == CSM_SYNC_FULL)
        {
          /* Everything of a full sync that does not depend on something
           * else runs side by side; the tickets follow the mark. */
          CsmTransactionQuery query = { 0, };

          if (cycle->cursor == 0)
            /* The first sync: the window's history, only what metrics use. */
            query.created_since = cycle->window_start;
          else
            {
              query.after_id = cycle->cursor;
              query.all_types = TRUE;
            }
          cycle->step = STEP_TICKETS;
          cycle->meta_pending = 4;
          csm_provider_list_queues_async (self->provider, cancellable, queues_cb, task);
          csm_provider_list_agents_async (self->provider, cancellable, agents_cb, task);
          csm_provider_latest_transaction_async (self->provider, cancellable, mark_cb, task);
          csm_provider_fetch_transactions_async (self->provider, &query, transactions_page_cb,
                                                 task, cancellable, transactions_done_cb, task);
          return;
        }
      if (g_list_model_get_n_items (G_LIST_MODEL (self->queues)) == 0)
        {
          cycle->meta_pending = 2;
          csm_provider_list_queues_async (self->provider, cancellable, queues_cb, task);
          csm_provider_list_agents_async (self->provider, cancellable, agents_cb, task);
          return;
        }
      cycle_goto (task, STEP_TRANSACTIONS);
      return;

    case STEP_MARK:
    case STEP_TICKETS:
      g_assert_not_reached ();
      return;

    case STEP_TRANSACTIONS:
      {
        /* Incremental: every kind of change since the cursor; each names a
         * ticket to fetch again. */
        CsmTransactionQuery query = { cycle->cursor, 0, TRUE };

        csm_provider_fetch_transactions_async (self->provider, &query, transactions_page_cb,
                                               task, cancellable, transactions_done_cb, task);
      }
      return;

    case STEP_CHANGED_TICKETS:
      {
        g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
        GHashTableIter iter;
        gpointer key;
        CsmTicketQuery query = { 0, NULL };

        g_hash_table_iter_init (&iter, cycle->named);
        while (g_hash_table_iter_next (&iter, &key, NULL))
          g_array_append_val (ids, *(gint64 *) key);
        if (ids->len == 0)
          {
            cycle_goto (task, STEP_FINISH);
            return;
          }
        query.ids = ids;
        csm_provider_fetch_tickets_async (self->provider, &query, tickets_page_cb, task,
                                          cancellable, changed_tickets_done_cb, task);
      }
      return;

    case STEP_BACKFILL:
      {
        /* Tickets older than the window (still active, or touched lately)
         * whose early history, with the first reply, fell outside it. */
        GPtrArray *all = csm_ticket_list_get_array (self->tickets);
        g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

        for (guint i = 0; i < all->len; i++)
          {
            CsmTicket *ticket = g_ptr_array_index (all, i);
            if (ticket->created < cycle->window_start && !ticket->history_complete)
              g_array_append_val (ids, ticket->id);
          }
        if (ids->len > 0)
          {
            csm_provider_fetch_ticket_histories_async (self->provider, ids, transactions_page_cb,
                                                       task, cancellable, backfill_done_cb,
                                                       task);
            return;
          }
      }
      cycle_goto (task, STEP_FINISH);
      return;

    case STEP_FINISH:
    default:
      if (self->discovery != NULL && !cycle->agents_looked_up &&
          g_get_monotonic_time () >= self->lookup_not_before)
        {
          g_auto(GStrv) names = NULL;

          cycle->agents_looked_up = TRUE;
          names = csm_agent_discovery_take_candidates (self->discovery, self->tickets,
                                                       cycle->kind == CSM_SYNC_FULL);
          if (names[0] != NULL)
            {
              g_debug ("Looking up %u possible agents", g_strv_length (names));
              csm_provider_lookup_agents_async (self->provider, (const char * const *) names,
                                                cancellable, agents_looked_up_cb,
                                                lookup_new (task, names));
              return;
            }
        }
      cycle_finish (task);
      return;
    }
}

/**
 * csm_sync_engine_sync_async:
 * @kind: full or incremental; an incremental sync before the first full
 *   one runs full
 *
 * Runs one sync cycle. The models change as pages arrive; the result says
 * whether the whole cycle succeeded.
 */
void
csm_sync_engine_sync_async (CsmSyncEngine       *self,
                            CsmSyncKind          kind,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Cycle *cycle;
  gint64 now;

  g_return_if_fail (CSM_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_sync_engine_sync_async);

  now = csm_clock_get_now (self->clock);
  cycle = g_new0 (Cycle, 1);
  cycle->cursor = csm_sync_engine_cursor_get_int (self, CURSOR_TRANSACTIONS);
  cycle->kind = cycle->cursor == 0 ? CSM_SYNC_FULL : kind;
  cycle->stats.kind = cycle->kind;
  cycle->stats.started_usec = g_get_monotonic_time ();
  cycle->started_at = now;
  cycle->window_start = self->history_days > 0 ? now - (gint64) self->history_days * 86400 : 0;
  cycle->seen = id_set_new ();
  if (cycle->kind == CSM_SYNC_INCREMENTAL)
    {
      cycle->named = id_set_new ();
      cycle->arrived = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
      cycle->frozen = g_object_ref (self->tickets);
      csm_ticket_list_freeze_changes (cycle->frozen);
    }
  cycle->batch = csm_store_batch_new ();
  cycle->requests_before = csm_provider_get_request_count (self->provider);
  cycle->bytes_before = csm_provider_get_bytes_received (self->provider);
  cycle->last_progress_usec = g_get_monotonic_time ();
  g_task_set_task_data (task, cycle, (GDestroyNotify) cycle_free);

  cycle_goto (task, STEP_META);
}

/**
 * csm_sync_engine_sync_finish:
 * @out_stats: (out) (optional): what the cycle did
 */
gboolean
csm_sync_engine_sync_finish (CsmSyncEngine  *self,
                             GAsyncResult   *result,
                             CsmSyncStats   *out_stats,
                             GError        **error)
{
  Cycle *cycle;

  g_return_val_if_fail (CSM_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  cycle = g_task_get_task_data (G_TASK (result));
  if (out_stats != NULL)
    *out_stats = cycle->stats;
  return g_task_propagate_boolean (G_TASK (result), error);
}

