/* csm-agent-monitor.c: every agent's load, activity and occupancy, kept current.
 *
 * The engine keeps no history in memory; this keeps the slice of it the
 * Agents page needs: the transactions since local midnight (or since the
 * start of the occupancy window, when that is earlier), read from the cache
 * once, then extended with what each refresh brings. Rows are updated in
 * place, so the page keeps its selection across refreshes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-agent-monitor"

#include "config.h"

#include "csm-agent-monitor.h"
#include "csm-agent-stats.h"
#include "csm-monitor-settings.h"
#include "csm-store.h"
#include "csm-ticket-list.h"
#include "csm-transaction.h"

#define CLOCK_RECOMPUTE_SECONDS 30

struct _CsmAgentMonitor
{
  GObject parent_instance;

  CsmSyncEngine *engine;          /* (owned) */
  CsmClock *clock;                /* (owned) */
  GCancellable *cancellable;      /* (owned): the cache read under way */
  CsmAgentBoardOptions options;   /* hash tables and zone owned */
  GListStore *agents;             /* (owned) (element-type CsmAgentStats) */
  GPtrArray *transactions;        /* (owned): from `loaded_from` on */
  GHashTable *transaction_ids;    /* (owned): gint64 set, to drop repeats */
  gint64 loaded_from;             /* 0: not read from the cache yet */
  gboolean loading;
  gint64 loading_from;
  GPtrArray *arrived_while_loading; /* (owned): may be newer than what the read sees */
  gboolean reload;                /* a full sync landed during the read */
  gint64 computed_at;
  gint64 compute_usec;
  guint idle_id;
};

G_DEFINE_FINAL_TYPE (CsmAgentMonitor, csm_agent_monitor, G_TYPE_OBJECT)

enum
{
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_recompute (CsmAgentMonitor *self);
static void load_transactions  (CsmAgentMonitor *self);

/* The oldest transaction the figures can need right now. */
static gint64
needed_from (CsmAgentMonitor *self,
             gint64           now)
{
  /* A minute early, so a recompute running a little late still has all it needs. */
  return csm_agent_board_transactions_from (&self->options, now) - 60;
}

static void
add_transaction (CsmAgentMonitor *self,
                 CsmTransaction  *tx)
{
  if (tx->created < self->loaded_from || g_hash_table_contains (self->transaction_ids, &tx->id))
    return;
  g_hash_table_add (self->transaction_ids, g_memdup2 (&tx->id, sizeof tx->id));
  g_ptr_array_add (self->transactions, csm_transaction_ref (tx));
}

/* Drops what fell out of every window (after midnight). */
static void
prune (CsmAgentMonitor *self,
       gint64           from)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);

  for (guint i = 0; i < self->transactions->len; i++)
    {
      CsmTransaction *tx = g_ptr_array_index (self->transactions, i);
      if (tx->created >= from)
        g_ptr_array_add (kept, csm_transaction_ref (tx));
      else
        g_hash_table_remove (self->transaction_ids, &tx->id);
    }
  g_ptr_array_unref (self->transactions);
  self->transactions = g_steal_pointer (&kept);
  self->loaded_from = from;
}

/**
 * csm_agent_monitor_recompute:
 *
 * Works every agent's row out now.
 */
void
csm_agent_monitor_recompute (CsmAgentMonitor *self)
{
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) stats = NULL;
  GListModel *agent_model;
  gint64 now, started, from;
  guint old_n;

  g_return_if_fail (CSM_IS_AGENT_MONITOR (self));

  g_clear_handle_id (&self->idle_id, g_source_remove);
  now = csm_clock_get_now (self->clock);

  /* A window reaching further back than what is held: read the cache. */
  from = needed_from (self, now);
  if (self->loaded_from == 0 || from < self->loaded_from)
    {
      load_transactions (self);
      if (self->loaded_from == 0)
        return;
    }
  else if (from > self->loaded_from + 3600)
    prune (self, from);

  agent_model = csm_sync_engine_get_agents (self->engine);
  for (guint i = 0; i < g_list_model_get_n_items (agent_model); i++)
    g_ptr_array_add (agents, g_list_model_get_item (agent_model, i));

  started = g_get_monotonic_time ();
  stats = csm_agent_board_compute (agents,
                                   csm_ticket_list_get_array (csm_sync_engine_get_tickets (self->engine)),
                                   self->transactions, &self->options, now);
  self->compute_usec = g_get_monotonic_time () - started;
  self->computed_at = now;

  /* Same agents in the same order: rows change in place. */
  old_n = g_list_model_get_n_items (G_LIST_MODEL (self->agents));
  if (old_n == stats->len)
    {
      for (guint i = 0; i < old_n; i++)
        {
          g_autoptr(CsmAgentStats) row = g_list_model_get_item (G_LIST_MODEL (self->agents), i);
          CsmAgentStats *fresh = g_ptr_array_index (stats, i);

          if (g_strcmp0 (csm_agent_stats_get_name (row), csm_agent_stats_get_name (fresh)) != 0)
            {
              old_n = G_MAXUINT;
              break;
            }
        }
    }
  if (old_n == stats->len)
    for (guint i = 0; i < old_n; i++)
      {
        g_autoptr(CsmAgentStats) row = g_list_model_get_item (G_LIST_MODEL (self->agents), i);
        csm_agent_stats_update_from (row, g_ptr_array_index (stats, i));
      }
  else
    g_list_store_splice (self->agents, 0, g_list_model_get_n_items (G_LIST_MODEL (self->agents)),
                         stats->pdata, stats->len);

  g_signal_emit (self, signals[UPDATED], 0);
  g_debug ("%u agents: computed in %.1f ms, shown in %.1f ms", stats->len,
           self->compute_usec / 1000.0, (g_get_monotonic_time () - started) / 1000.0);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CsmAgentMonitor) self = user_data;
  g_autoptr(GPtrArray) transactions = NULL;
  g_autoptr(GError) error = NULL;

  transactions = csm_store_load_transactions_between_finish (CSM_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  if (transactions == NULL)
    {
      /* The figures stay empty rather than wrong; the next refresh tries again. */
      g_warning ("Cannot read the agents’ activity from the cache: %s", error->message);
      return;
    }

  g_hash_table_remove_all (self->transaction_ids);
  g_ptr_array_set_size (self->transactions, 0);
  self->loaded_from = self->loading_from;
  for (guint i = 0; i < transactions->len; i++)
    add_transaction (self, g_ptr_array_index (transactions, i));
  /* A refresh that committed after the read was queued: its transactions
   * came by signal, not from the cache. Repeats are dropped by id. */
  for (guint i = 0; i < self->arrived_while_loading->len; i++)
    add_transaction (self, g_ptr_array_index (self->arrived_while_loading, i));
  g_ptr_array_set_size (self->arrived_while_loading, 0);
  if (self->reload)
    {
      self->reload = FALSE;
      self->loaded_from = 0;
      load_transactions (self);
      return;
    }
  csm_agent_monitor_recompute (self);
}

static void
load_transactions (CsmAgentMonitor *self)
{
  CsmStore *store = csm_sync_engine_get_store (self->engine);
  gint64 now = csm_clock_get_now (self->clock);
  gint64 from = needed_from (self, now);

  if (self->loading || store == NULL)
    return;
  self->loading = TRUE;
  self->loading_from = from;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* Transactions written after `now` (a clock behind the helpdesk's) count too. */
  csm_store_load_transactions_between_async (store, from, G_MAXINT64, self->cancellable,
                                             loaded_cb, g_object_ref (self));
}

static gboolean
recompute_idle_cb (gpointer data)
{
  CsmAgentMonitor *self = data;

  self->idle_id = 0;
  csm_agent_monitor_recompute (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_recompute (CsmAgentMonitor *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_LOW, recompute_idle_cb, self, NULL);
}

static void
transactions_arrived_cb (CsmAgentMonitor *self,
                         GPtrArray       *transactions)
{
  if (transactions == NULL)
    {
      /* A full sync: the cache holds the truth. A read already under way
       * may have been queued before its commit: read again after it. */
      self->loaded_from = 0;
      if (self->loading)
        self->reload = TRUE;
      else
        load_transactions (self);
      return;
    }
  if (self->loading)
    {
      for (guint i = 0; i < transactions->len; i++)
        g_ptr_array_add (self->arrived_while_loading,
                         csm_transaction_ref (g_ptr_array_index (transactions, i)));
      return;
    }
  if (self->loaded_from == 0)
    return;
  for (guint i = 0; i < transactions->len; i++)
    add_transaction (self, g_ptr_array_index (transactions, i));
  schedule_recompute (self);
}

static void
clock_tick_cb (CsmAgentMonitor *self)
{
  if (csm_clock_get_now (self->clock) - self->computed_at >= CLOCK_RECOMPUTE_SECONDS)
    schedule_recompute (self);
}

static void
csm_agent_monitor_dispose (GObject *object)
{
  CsmAgentMonitor *self = (CsmAgentMonitor *) object;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      g_signal_handlers_disconnect_by_data (csm_sync_engine_get_tickets (self->engine), self);
    }
  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->clock);
  g_clear_object (&self->agents);
  g_clear_pointer (&self->transactions, g_ptr_array_unref);
  g_clear_pointer (&self->transaction_ids, g_hash_table_unref);
  g_clear_pointer (&self->arrived_while_loading, g_ptr_array_unref);
  csm_agent_board_options_clear (&self->options);

  G_OBJECT_CLASS (csm_agent_monitor_parent_class)->dispose (object);
}

static void
csm_agent_monitor_class_init (CsmAgentMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = csm_agent_monitor_dispose;

  /**
   * CsmAgentMonitor::updated:
   *
   * The rows were worked out again.
   */
  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
csm_agent_monitor_init (CsmAgentMonitor *self)
{
  self->agents = g_list_store_new (CSM_TYPE_AGENT_STATS);
  self->transactions = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
  self->transaction_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->arrived_while_loading = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
  csm_agent_board_options_init (&self->options);
  self->options.tz = g_time_zone_new_local ();
}

CsmAgentMonitor *
csm_agent_monitor_new (CsmSyncEngine *engine,
                       CsmClock      *clock)
{
  CsmAgentMonitor *self;

  g_return_val_if_fail (CSM_IS_SYNC_ENGINE (engine), NULL);
  g_return_val_if_fail (CSM_IS_CLOCK (clock), NULL);

  self = g_object_new (CSM_TYPE_AGENT_MONITOR, NULL);
  self->engine = g_object_ref (engine);
  self->clock = g_object_ref (clock);
  g_signal_connect_swapped (engine, "refreshed", G_CALLBACK (schedule_recompute), self);
  g_signal_connect_swapped (engine, "transactions-arrived", G_CALLBACK (transactions_arrived_cb), self);
  g_signal_connect_swapped (csm_sync_engine_get_tickets (engine), "tickets-changed",
                            G_CALLBACK (schedule_recompute), self);
  g_signal_connect_swapped (clock, "notify::now", G_CALLBACK (clock_tick_cb), self);
  schedule_recompute (self);
  return self;
}

CsmSyncEngine *
csm_agent_monitor_get_engine (CsmAgentMonitor *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_MONITOR (self), NULL);
  return self->engine;
}

/**
 * csm_agent_monitor_set_options:
 *
 * Takes copies of @options (its tables and zone are referenced).
 */
void
csm_agent_monitor_set_options (CsmAgentMonitor            *self,
                               const CsmAgentBoardOptions *options)
{
  CsmAgentBoardOptions copy;

  g_return_if_fail (CSM_IS_AGENT_MONITOR (self));
  g_return_if_fail (options != NULL);

  copy = *options;
  copy.capacities = options->capacities ? g_hash_table_ref (options->capacities) : NULL;
  copy.shifts = options->shifts ? g_hash_table_ref (options->shifts) : NULL;
  copy.tz = options->tz ? g_time_zone_ref (options->tz) : g_time_zone_new_utc ();
  csm_agent_board_options_clear (&self->options);
  self->options = copy;
  schedule_recompute (self);
}

const CsmAgentBoardOptions *
csm_agent_monitor_get_options (CsmAgentMonitor *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_MONITOR (self), NULL);
  return &self->options;
}

/**
 * csm_agent_monitor_get_agents:
 *
 * Returns: (transfer none): a #CsmAgentStats per agent, updated in place
 */
GListModel *
csm_agent_monitor_get_agents (CsmAgentMonitor *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_MONITOR (self), NULL);
  return G_LIST_MODEL (self->agents);
}

/**
 * csm_agent_monitor_get_transactions:
 *
 * Returns: (transfer none) (element-type CsmTransaction): the activity held
 */
GPtrArray *
csm_agent_monitor_get_transactions (CsmAgentMonitor *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_MONITOR (self), NULL);
  return self->transactions;
}

gboolean
csm_agent_monitor_get_loaded (CsmAgentMonitor *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_MONITOR (self), FALSE);
  return self->loaded_from != 0;
}

gint64
csm_agent_monitor_get_compute_usec (CsmAgentMonitor *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_MONITOR (self), 0);
  return self->compute_usec;
}
