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

#include "csm-enums.h"

#include <glib/gi18n-lib.h>

#include "csm-agent.h"
#include "csm-queue.h"
#include "csm-sync-engine-private.h"

#include "csm-agent-discovery.h"
#include "csm-ticket-metrics.h"
#include "csm-ticket-private.h"
#include "csm-time.h"
#include "csm-transaction.h"

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

gint64
csm_sync_engine_cursor_get_int (CsmSyncEngine *self,
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

void
csm_sync_engine_set_has_data (CsmSyncEngine *self)
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

void
csm_sync_engine_apply_metrics (CsmSyncEngine *self,
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

gboolean
csm_sync_engine_set_agents (CsmSyncEngine *self,
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

void
csm_sync_engine_set_queues (CsmSyncEngine *self,
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

void
csm_sync_engine_start_discovery (CsmSyncEngine *self)
{
  if (self->discovery != NULL)
    return;
  self->discovery = csm_agent_discovery_new ();
  csm_agent_discovery_seed (self->discovery, G_LIST_MODEL (self->agents));
}

void
csm_sync_engine_emit_refreshed (CsmSyncEngine *self)
{
  g_signal_emit (self, signals[REFRESHED], 0);
}

void
csm_sync_engine_emit_transactions_arrived (CsmSyncEngine *self,
                                           GPtrArray     *transactions)
{
  g_signal_emit (self, signals[TRANSACTIONS_ARRIVED], 0, transactions);
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
    csm_sync_engine_set_queues (self, snapshot->queues);
  if (snapshot->agents != NULL)
    csm_sync_engine_set_agents (self, snapshot->agents);
  if (snapshot->cursors != NULL)
    {
      g_hash_table_iter_init (&iter, snapshot->cursors);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (self->cursors, g_strdup (key), g_strdup (value));
    }
  /* Found from work last time: keep noting who works from the first
   * refresh on, not only from the next full sync. */
  if (csm_sync_engine_cursor_get_int (self, CURSOR_AGENTS_UNLISTED) == 1)
    csm_sync_engine_start_discovery (self);
  /* The cache is as fresh as the sync that wrote it. */
  if (self->data_time == 0 && csm_sync_engine_cursor_get_int (self, CURSOR_FINISHED) > 0)
    {
      self->data_time = csm_sync_engine_cursor_get_int (self, CURSOR_FINISHED);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_TIME]);
    }
  if (snapshot->tickets != NULL && snapshot->tickets->len > 0)
    {
      /* The cache's tickets are nobody else's: the list takes them as they
       * are, metrics included, without copies. */
      csm_ticket_list_take (self->tickets, snapshot->tickets);
      csm_sync_engine_set_has_data (self);
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
  csm_sync_engine_set_has_data (self);
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
  gint64 last_full = csm_sync_engine_cursor_get_int (self, CURSOR_LAST_FULL);
  gint64 window = csm_sync_engine_cursor_get_int (self, CURSOR_WINDOW);
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
      g_value_set_enum (value, self->state);
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
    g_param_spec_enum ("state", NULL, NULL, CSM_TYPE_SYNC_STATE, CSM_SYNC_STATE_UNKNOWN,
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
