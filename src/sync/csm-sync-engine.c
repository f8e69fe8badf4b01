/* csm-sync-engine.c: keeps the console's models in step with a helpdesk, through the cache.
 *
 * One cycle: (on a full sync) queues and agents; tickets, full or
 * incremental; transactions after the last one seen; first-response and
 * handle-time metrics for what changed; one cache commit with the new
 * cursors. Cycles repeat every refresh interval; failures back off and keep
 * the last known state on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sync-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-agent.h"
#include "csm-queue.h"
#include "csm-sync-engine.h"

#include "csm-agent-discovery.h"
#include "csm-ticket-metrics.h"
#include "csm-ticket-private.h"
#include "csm-time.h"
#include "csm-transaction.h"

#define CURSOR_TRANSACTIONS "transactions.after-id"
#define CURSOR_LAST_FULL "full.finished-at"
#define CURSOR_WINDOW "full.window-start"
#define CURSOR_FINISHED "sync.finished-at"
/* 1 while the helpdesk lists no agents and they are found from work (see
 * CsmAgentDiscovery), so a start from the cache keeps finding them. */
#define CURSOR_AGENTS_UNLISTED "agents.unlisted"
#define LOOKUP_BACKOFF_MIN_USEC (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define LOOKUP_BACKOFF_MAX_USEC (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

#define MAX_BACKOFF_SECONDS 300
#define PROGRESS_INTERVAL_USEC (500 * 1000)

struct _CsmSyncEngine
{
  GObject parent_instance;

  CsmProvider *provider;       /* (owned) */
  CsmStore *store;             /* (owned): the cache, on disk or in memory */
  CsmClock *clock;             /* (owned) */

  CsmTicketList *tickets;      /* (owned) */
  GListStore *queues;          /* (owned) (element-type CsmQueue) */
  GListStore *agents;          /* (owned) (element-type CsmAgent) */
  CsmAgentDiscovery *discovery; /* (owned) (nullable): when the helpdesk lists no agents */
  gint64 lookup_not_before;    /* monotonic: after a failed look-up, wait */
  gint64 lookup_backoff;       /* usec: the wait after the next failure */
  GHashTable *cursors;         /* (owned): name → value */

  CsmSyncState state;
  GError *error;
  gint64 last_success;
  gint64 data_time;
  gint64 next_attempt;
  gboolean syncing;
  gboolean has_data;
  CsmSyncStats last_stats;

  guint refresh_interval;
  guint reconcile_interval;
  guint history_days;

  guint failures;
  gboolean started;
  gboolean rerun;
  guint timer_id;
  GCancellable *cancellable;   /* (owned) (nullable): the running engine's */
};

G_DEFINE_FINAL_TYPE (CsmSyncEngine, csm_sync_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_SYNCING,
  PROP_LAST_SUCCESS,
  PROP_DATA_TIME,
  PROP_NEXT_ATTEMPT,
  PROP_HAS_DATA,
  N_PROPS
};

enum {
  REFRESHED,
  TRANSACTIONS_ARRIVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_next (CsmSyncEngine *self,
                           guint          seconds);

/* ------------------------------------------------------------------------ */

static gint64
cursor_get_int (CsmSyncEngine *self,
                const char    *name)
{
  const char *value = g_hash_table_lookup (self->cursors, name);
  gint64 v = 0;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &v, NULL))
    return 0;
  return v;
}

static void
set_state (CsmSyncEngine *self,
           CsmSyncState   state,
           const GError  *error)
{
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  else if (error != NULL)
    /* Same state, new reason: tell the banner. */
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_syncing (CsmSyncEngine *self,
             gboolean       syncing)
{
  if (self->syncing == syncing)
    return;
  self->syncing = syncing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
}

static void
set_has_data (CsmSyncEngine *self)
{
  if (self->has_data)
    return;
  self->has_data = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_DATA]);
}

static CsmSyncState
state_for_error (const GError *error)
{
  if (error->domain == CSM_PROVIDER_ERROR)
    switch ((CsmProviderError) error->code)
      {
      case CSM_PROVIDER_ERROR_AUTH:
        return CSM_SYNC_STATE_AUTH_FAILED;
      case CSM_PROVIDER_ERROR_NETWORK:
      case CSM_PROVIDER_ERROR_TIMEOUT:
      case CSM_PROVIDER_ERROR_SERVER:
      case CSM_PROVIDER_ERROR_RATE_LIMITED:
        return CSM_SYNC_STATE_OFFLINE;
      case CSM_PROVIDER_ERROR_FORBIDDEN:
      case CSM_PROVIDER_ERROR_NOT_FOUND:
      case CSM_PROVIDER_ERROR_BAD_QUERY:
      case CSM_PROVIDER_ERROR_BAD_RESPONSE:
      case CSM_PROVIDER_ERROR_TLS:
      case CSM_PROVIDER_ERROR_NOT_HELPDESK:
      case CSM_PROVIDER_ERROR_REDIRECTED:
      case CSM_PROVIDER_ERROR_REFUSED:
      case CSM_PROVIDER_ERROR_UNLISTED:
      default:
        return CSM_SYNC_STATE_ERROR;
      }
  return CSM_SYNC_STATE_ERROR;
}

/* ------------------------------------------------------------------------ */
/* Metrics
 *
 * What each ticket's history says (first response, handle time) is worked
 * out by the store, in the same transaction that adds the history, from
 * everything the cache holds of it; the engine keeps no history in memory.
 * Each commit reports the tickets whose metrics changed. */

static void
apply_metrics (CsmSyncEngine *self,
               GArray        *metrics)
{
  g_autoptr(GPtrArray) changed = NULL;

  if (metrics == NULL || metrics->len == 0)
    return;

  gint64 begin = g_get_monotonic_time ();

  changed = g_ptr_array_new_full (metrics->len, g_object_unref);
  for (guint i = 0; i < metrics->len; i++)
    {
      const CsmStoreMetrics *entry = &g_array_index (metrics, CsmStoreMetrics, i);
      CsmTicket *ticket = csm_ticket_list_lookup (self->tickets, entry->ticket_id);

      if (ticket != NULL && csm_ticket_apply_metrics (ticket, &entry->metrics))
        g_ptr_array_add (changed, g_object_ref (ticket));
    }
  csm_ticket_list_emit_changed_many (self->tickets, changed);
  g_debug ("Applied %u metrics in %.1f ms", changed->len, (g_get_monotonic_time () - begin) / 1000.0);
}

static gboolean
set_agents (CsmSyncEngine *self,
            GPtrArray     *agents)
{
  gboolean changed = agents->len != g_list_model_get_n_items (G_LIST_MODEL (self->agents));

  for (guint i = 0; !changed && i < agents->len; i++)
    {
      g_autoptr(CsmAgent) old = g_list_model_get_item (G_LIST_MODEL (self->agents), i);
      changed = !csm_agent_equal (old, g_ptr_array_index (agents, i));
    }
  if (!changed)
    return FALSE;

  g_list_store_splice (self->agents, 0, g_list_model_get_n_items (G_LIST_MODEL (self->agents)),
                       agents->pdata, agents->len);
  return TRUE;
}

static void
set_queues (CsmSyncEngine *self,
            GPtrArray     *queues)
{
  gboolean changed = queues->len != g_list_model_get_n_items (G_LIST_MODEL (self->queues));

  for (guint i = 0; !changed && i < queues->len; i++)
    {
      g_autoptr(CsmQueue) old = g_list_model_get_item (G_LIST_MODEL (self->queues), i);
      changed = !csm_queue_equal (old, g_ptr_array_index (queues, i));
    }
  if (changed)
    g_list_store_splice (self->queues, 0, g_list_model_get_n_items (G_LIST_MODEL (self->queues)),
                         queues->pdata, queues->len);
}

/* ------------------------------------------------------------------------ */
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
  set_has_data (self);
  g_signal_emit (self, signals[REFRESHED], 0);
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
      set_queues (self, cycle->queues);
      csm_store_batch_replace_queues (cycle->batch, cycle->queues);
      g_clear_pointer (&cycle->queues, g_ptr_array_unref);
    }
  if (cycle->agents != NULL)
    {
      cycle->agents_changed = set_agents (self, cycle->agents);
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
start_discovery (CsmSyncEngine *self)
{
  if (self->discovery != NULL)
    return;
  self->discovery = csm_agent_discovery_new ();
  csm_agent_discovery_seed (self->discovery, G_LIST_MODEL (self->agents));
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
      start_discovery (self);
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
  apply_metrics (g_task_get_source_object (task), metrics);
  cycle_release_list (cycle);
  cycle->stats.finished_usec = g_get_monotonic_time ();
  /* Views that follow activity (the Agents page) take the new transactions;
   * after a full sync there are too many: they read the cache again. */
  g_signal_emit (g_task_get_source_object (task), signals[TRANSACTIONS_ARRIVED], 0,
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

      cycle->agents_changed |= set_agents (self, agents);
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
  cycle->cursor = cursor_get_int (self, CURSOR_TRANSACTIONS);
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

/* ------------------------------------------------------------------------ */
/* Cache */

static void
apply_snapshot (CsmSyncEngine    *self,
                CsmStoreSnapshot *snapshot)
{
  GHashTableIter iter;
  gpointer key, value;

  if (snapshot->queues != NULL)
    set_queues (self, snapshot->queues);
  if (snapshot->agents != NULL)
    set_agents (self, snapshot->agents);
  if (snapshot->cursors != NULL)
    {
      g_hash_table_iter_init (&iter, snapshot->cursors);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (self->cursors, g_strdup (key), g_strdup (value));
    }
  /* Found from work last time: keep noting who works from the first
   * refresh on, not only from the next full sync. */
  if (cursor_get_int (self, CURSOR_AGENTS_UNLISTED) == 1)
    start_discovery (self);
  /* The cache is as fresh as the sync that wrote it. */
  if (self->data_time == 0 && cursor_get_int (self, CURSOR_FINISHED) > 0)
    {
      self->data_time = cursor_get_int (self, CURSOR_FINISHED);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_TIME]);
    }
  if (snapshot->tickets != NULL && snapshot->tickets->len > 0)
    {
      /* The cache's tickets are nobody else's: the list takes them as they
       * are, metrics included, without copies. */
      csm_ticket_list_take (self->tickets, snapshot->tickets);
      set_has_data (self);
    }
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsmSyncEngine *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;

  snapshot = csm_store_load_finish (CSM_STORE (object), result, &error);
  if (snapshot == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  apply_snapshot (self, snapshot);
  g_signal_emit (self, signals[REFRESHED], 0);
  g_task_return_boolean (task, TRUE);
}

/**
 * csm_sync_engine_load_cache_async:
 *
 * Fills the models from the cache, so the console shows the last known
 * state before the helpdesk has answered anything.
 */
void
csm_sync_engine_load_cache_async (CsmSyncEngine       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CSM_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_sync_engine_load_cache_async);
  csm_store_load_async (self->store, cancellable, load_cb, g_steal_pointer (&task));
}

gboolean
csm_sync_engine_load_cache_finish (CsmSyncEngine  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* The running engine: timers, backoff */

static void run_cycle (CsmSyncEngine *self);

static void
cycle_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CsmSyncEngine *self = CSM_SYNC_ENGINE (object);
  g_autoptr(GError) error = NULL;
  CsmSyncStats stats = { 0, };

  if (!csm_sync_engine_sync_finish (self, result, &stats, &error))
    {
      guint delay;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_syncing (self, FALSE);
      self->failures++;
      set_state (self, state_for_error (error), error);

      /* 10 s, 20 s, 40 s … up to 5 minutes; the helpdesk's Retry-After wins
       * when it asks for longer. */
      delay = MIN ((guint64) self->refresh_interval << MIN (self->failures - 1, 10),
                   MAX_BACKOFF_SECONDS);
      if (error->domain == CSM_PROVIDER_ERROR)
        delay = MAX (delay, csm_provider_error_get_retry_after (error));
      g_signal_emit (self, signals[REFRESHED], 0);
      schedule_next (self, delay);
      return;
    }

  self->failures = 0;
  self->last_stats = stats;
  self->last_success = csm_clock_get_now (self->clock);
  self->data_time = self->last_success;
  set_has_data (self);
  set_syncing (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_TIME]);
  set_state (self, CSM_SYNC_STATE_ONLINE, NULL);
  g_signal_emit (self, signals[REFRESHED], 0);

  if (self->rerun)
    {
      self->rerun = FALSE;
      schedule_next (self, 0);
    }
  else
    schedule_next (self, self->refresh_interval);
}

static void
run_cycle (CsmSyncEngine *self)
{
  gint64 now = csm_clock_get_now (self->clock);
  gint64 last_full = cursor_get_int (self, CURSOR_LAST_FULL);
  gint64 window = cursor_get_int (self, CURSOR_WINDOW);
  CsmSyncKind kind = CSM_SYNC_INCREMENTAL;

  if (last_full == 0 || now - last_full >= (gint64) self->reconcile_interval)
    kind = CSM_SYNC_FULL;
  /* A longer history window than the cache holds needs a full sync too. */
  if (self->history_days > 0 && window > now - (gint64) self->history_days * 86400 + 86400)
    kind = CSM_SYNC_FULL;

  set_syncing (self, TRUE);
  csm_sync_engine_sync_async (self, kind, self->cancellable, cycle_done_cb, NULL);
}

static gboolean
timer_cb (gpointer user_data)
{
  CsmSyncEngine *self = user_data;

  self->timer_id = 0;
  self->next_attempt = 0;
  run_cycle (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_next (CsmSyncEngine *self,
               guint          seconds)
{
  if (!self->started)
    return;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->next_attempt = csm_clock_get_now (self->clock) + seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_ATTEMPT]);
  if (seconds == 0)
    self->timer_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, timer_cb, self, NULL);
  else
    self->timer_id = g_timeout_add_seconds (seconds, timer_cb, self);
}

static void
start_load_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CsmSyncEngine *self = CSM_SYNC_ENGINE (object);
  g_autoptr(GError) error = NULL;

  if (!csm_sync_engine_load_cache_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* An unreadable cache is not fatal: the helpdesk has the truth. */
      g_warning ("Cannot read the cache: %s", error->message);
    }
  if (self->started)
    run_cycle (self);
}

/**
 * csm_sync_engine_start:
 *
 * Loads the cache, then syncs now and every refresh interval until
 * csm_sync_engine_stop().
 */
void
csm_sync_engine_start (CsmSyncEngine *self)
{
  g_return_if_fail (CSM_IS_SYNC_ENGINE (self));

  if (self->started)
    return;
  self->started = TRUE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  csm_sync_engine_load_cache_async (self, self->cancellable, start_load_cb, NULL);
}

void
csm_sync_engine_stop (CsmSyncEngine *self)
{
  g_return_if_fail (CSM_IS_SYNC_ENGINE (self));

  self->started = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_syncing (self, FALSE);
}

/**
 * csm_sync_engine_refresh_now:
 *
 * Syncs at once (or right after the running cycle).
 */
void
csm_sync_engine_refresh_now (CsmSyncEngine *self)
{
  g_return_if_fail (CSM_IS_SYNC_ENGINE (self));

  if (!self->started)
    return;
  if (self->syncing)
    {
      self->rerun = TRUE;
      return;
    }
  schedule_next (self, 0);
}

/* ------------------------------------------------------------------------ */

static void
csm_sync_engine_dispose (GObject *object)
{
  CsmSyncEngine *self = (CsmSyncEngine *) object;

  csm_sync_engine_stop (self);

  G_OBJECT_CLASS (csm_sync_engine_parent_class)->dispose (object);
}

static void
csm_sync_engine_finalize (GObject *object)
{
  CsmSyncEngine *self = (CsmSyncEngine *) object;

  g_clear_object (&self->provider);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_object (&self->tickets);
  g_clear_object (&self->queues);
  g_clear_object (&self->agents);
  g_clear_object (&self->discovery);
  g_clear_pointer (&self->cursors, g_hash_table_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (csm_sync_engine_parent_class)->finalize (object);
}

static void
csm_sync_engine_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CsmSyncEngine *self = CSM_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_SYNCING:
      g_value_set_boolean (value, self->syncing);
      break;
    case PROP_LAST_SUCCESS:
      g_value_set_int64 (value, self->last_success);
      break;
    case PROP_DATA_TIME:
      g_value_set_int64 (value, self->data_time);
      break;
    case PROP_NEXT_ATTEMPT:
      g_value_set_int64 (value, self->next_attempt);
      break;
    case PROP_HAS_DATA:
      g_value_set_boolean (value, self->has_data);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_sync_engine_class_init (CsmSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = csm_sync_engine_dispose;
  object_class->finalize = csm_sync_engine_finalize;
  object_class->get_property = csm_sync_engine_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, CSM_SYNC_STATE_UNKNOWN, CSM_SYNC_STATE_ERROR,
                      CSM_SYNC_STATE_UNKNOWN,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LAST_SUCCESS] =
    g_param_spec_int64 ("last-success", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DATA_TIME] =
    g_param_spec_int64 ("data-time", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NEXT_ATTEMPT] =
    g_param_spec_int64 ("next-attempt", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HAS_DATA] =
    g_param_spec_boolean ("has-data", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CsmSyncEngine::refreshed:
   *
   * The models changed: the cache was loaded, a sync cycle ended (well or
   * not), or a long full sync made progress. Views recompute what they
   * derive from the models.
   */
  signals[REFRESHED] =
    g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CsmSyncEngine::transactions-arrived:
   * @transactions: (nullable) (element-type CsmTransaction): what an
   *   incremental cycle brought and the cache now holds, or %NULL after a
   *   full sync (read the cache again)
   *
   * Emitted once a cycle's transactions are in the cache.
   */
  signals[TRANSACTIONS_ARRIVED] =
    g_signal_new ("transactions-arrived", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

static void
csm_sync_engine_init (CsmSyncEngine *self)
{
  self->tickets = csm_ticket_list_new ();
  self->queues = g_list_store_new (CSM_TYPE_QUEUE);
  self->agents = g_list_store_new (CSM_TYPE_AGENT);
  self->cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->refresh_interval = 10;
  self->reconcile_interval = 3600;
  self->history_days = 90;
}

/**
 * csm_sync_engine_new:
 * @provider: the helpdesk
 * @store: the account's cache: a file, or memory for the demo and the
 *   command-line export (see csm_store_open_async())
 * @clock: the console's clock
 */
CsmSyncEngine *
csm_sync_engine_new (CsmProvider *provider,
                     CsmStore    *store,
                     CsmClock    *clock)
{
  CsmSyncEngine *self;

  g_return_val_if_fail (CSM_IS_PROVIDER (provider), NULL);
  g_return_val_if_fail (CSM_IS_STORE (store), NULL);
  g_return_val_if_fail (CSM_IS_CLOCK (clock), NULL);

  self = g_object_new (CSM_TYPE_SYNC_ENGINE, NULL);
  self->provider = g_object_ref (provider);
  self->store = g_object_ref (store);
  self->clock = g_object_ref (clock);
  return self;
}

CsmProvider *
csm_sync_engine_get_provider (CsmSyncEngine *self)
{
  g_return_val_if_fail (CSM_IS_SYNC_ENGINE (self), NULL);
  return self->provider;
}

CsmStore *
csm_sync_engine_get_store (CsmSyncEngine *self)
{
  g_return_val_if_fail (CSM_IS_SYNC_ENGINE (self), NULL);
  return self->store;
}

CsmClock *
csm_sync_engine_get_clock (CsmSyncEngine *self)
{
  g_return_val_if_fail (CSM_IS_SYNC_ENGINE (self), NULL);
  return self->clock;
}

CsmTicketList *
csm_sync_engine_get_tickets (CsmSyncEngine *self)
{
  g_return_val_if_fail (CSM_IS_SYNC_ENGINE (self), NULL);
  return self->tickets;
}

/**
 * csm_sync_engine_get_queues:
 *
 * Returns: (transfer none): the queues, a #GListModel of #CsmQueue
 */
GListModel *
csm_sync_engine_get_queues (CsmSyncEngine *self)
{
  g_return_val_if_fail (CSM_IS_SYNC_ENGINE (self), NULL);
  return G_LIST_MODEL (self->queues);
}

/**
 * csm_sync_engine_get_agents:
 *
 * Returns: (transfer none): the agents, a #GListModel of #CsmAgent
 */
GListModel *
csm_sync_engine_get_agents (CsmSyncEngine *self)
{
  g_return_val_if_fail (CSM_IS_SYNC_ENGINE (self), NULL);
  return G_LIST_MODEL (self->agents);
}

CsmSyncState
csm_sync_engine_get_state (CsmSyncEngine *self)
{
  g_return_val_if_fail (CSM_IS_SYNC_ENGINE (self), CSM_SYNC_STATE_UNKNOWN);
  return self->state;
}

/**
 * csm_sync_engine_get_error:
 *
 * Returns: (nullable): why the last sync failed
 */
const GError *
csm_sync_engine_get_error (CsmSyncEngine *self)
{
  g_return_val_if_fail (CSM_IS_SYNC_ENGINE (self), NULL);
  return self->error;
}

/**
 * csm_sync_engine_get_last_success:
 *
 * Returns: when the last sync succeeded (console clock), or 0 never
 */
gint64
csm_sync_engine_get_last_success (CsmSyncEngine *self)
{
  g_return_val_if_fail (CSM_IS_SYNC_ENGINE (self), 0);
  return self->last_success;
}

/**
 * csm_sync_engine_get_data_time:
 *
 * Returns: how fresh the shown data is: when the last successful sync
 *   ended, or for data from the cache, when the sync that wrote it ran;
 *   0 when there is no data
 */
gint64
csm_sync_engine_get_data_time (CsmSyncEngine *self)
{
  g_return_val_if_fail (CSM_IS_SYNC_ENGINE (self), 0);
  return self->data_time;
}

gint64
csm_sync_engine_get_next_attempt (CsmSyncEngine *self)
{
  g_return_val_if_fail (CSM_IS_SYNC_ENGINE (self), 0);
  return self->next_attempt;
}

gboolean
csm_sync_engine_get_syncing (CsmSyncEngine *self)
{
  g_return_val_if_fail (CSM_IS_SYNC_ENGINE (self), FALSE);
  return self->syncing;
}

gboolean
csm_sync_engine_get_has_data (CsmSyncEngine *self)
{
  g_return_val_if_fail (CSM_IS_SYNC_ENGINE (self), FALSE);
  return self->has_data;
}

const CsmSyncStats *
csm_sync_engine_get_last_stats (CsmSyncEngine *self)
{
  g_return_val_if_fail (CSM_IS_SYNC_ENGINE (self), NULL);
  return &self->last_stats;
}

void
csm_sync_engine_set_refresh_interval (CsmSyncEngine *self,
                                      guint          seconds)
{
  g_return_if_fail (CSM_IS_SYNC_ENGINE (self));
  self->refresh_interval = MAX (seconds, 1);
}

void
csm_sync_engine_set_reconcile_interval (CsmSyncEngine *self,
                                        guint          seconds)
{
  g_return_if_fail (CSM_IS_SYNC_ENGINE (self));
  self->reconcile_interval = MAX (seconds, 60);
}

/**
 * csm_sync_engine_set_history_days:
 * @days: how far back a full sync reaches for inactive tickets; 0 = all
 */
void
csm_sync_engine_set_history_days (CsmSyncEngine *self,
                                  guint          days)
{
  g_return_if_fail (CSM_IS_SYNC_ENGINE (self));
  self->history_days = days;
}
