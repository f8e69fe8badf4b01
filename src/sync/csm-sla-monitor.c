/* csm-sla-monitor.c: the SLA lanes, kept current as tickets change and time passes.
 *
 * The board is computed from every ticket at once (core does it in a few
 * milliseconds for 100,000 tickets) after each refresh, and again as the
 * clock moves on, since a ticket becomes at risk by time alone. Each lane is
 * a list model that changes only where entries differ, so a list showing it
 * keeps its rows, its scroll position and its selection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sla-monitor"

#include "config.h"

#include <string.h>

#include "csm-sla-entry.h"
#include "csm-sla-monitor.h"
#include "csm-ticket.h"
#include "csm-ticket-list.h"

/* Time alone moves tickets between lanes: look again this often. */
#define CLOCK_RECOMPUTE_SECONDS 15

struct _CsmSlaMonitor
{
  GObject parent_instance;

  CsmSyncEngine *engine;          /* (owned) */
  CsmClock *clock;                /* (owned) */
  CsmSlaPolicy *policy;           /* (owned) */
  CsmSlaBoardOptions options;
  GListStore *lanes[4];           /* (owned): by CsmSlaState */
  GPtrArray *entries;             /* (owned): the last board, every state */
  gint64 computed_at;
  gint64 compute_usec;
  guint idle_id;
};

G_DEFINE_FINAL_TYPE (CsmSlaMonitor, csm_sla_monitor, G_TYPE_OBJECT)

enum
{
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
entry_equal (CsmSlaEntry *a,
             CsmSlaEntry *b)
{
  g_autofree char *reason_a = NULL;
  g_autofree char *reason_b = NULL;

  if (csm_ticket_get_id (csm_sla_entry_get_ticket (a)) !=
        csm_ticket_get_id (csm_sla_entry_get_ticket (b)) ||
      csm_sla_entry_get_state (a) != csm_sla_entry_get_state (b) ||
      csm_sla_entry_get_due (a) != csm_sla_entry_get_due (b) ||
      csm_sla_entry_get_predicted_first_response (a) != csm_sla_entry_get_predicted_first_response (b) ||
      csm_sla_entry_get_queue_position (a) != csm_sla_entry_get_queue_position (b))
    return FALSE;
  reason_a = csm_sla_entry_dup_reason (a);
  reason_b = csm_sla_entry_dup_reason (b);
  return g_strcmp0 (reason_a, reason_b) == 0;
}

/* Replaces only the run of rows between the unchanged start and end. */
static void
update_lane (GListStore *store,
             GPtrArray  *wanted)
{
  guint old_n = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint new_n = wanted->len;
  guint prefix = 0, suffix = 0;

  while (prefix < old_n && prefix < new_n)
    {
      g_autoptr(CsmSlaEntry) old = g_list_model_get_item (G_LIST_MODEL (store), prefix);
      if (!entry_equal (old, g_ptr_array_index (wanted, prefix)))
        break;
      prefix++;
    }
  while (suffix < old_n - prefix && suffix < new_n - prefix)
    {
      g_autoptr(CsmSlaEntry) old = g_list_model_get_item (G_LIST_MODEL (store), old_n - 1 - suffix);
      if (!entry_equal (old, g_ptr_array_index (wanted, new_n - 1 - suffix)))
        break;
      suffix++;
    }
  if (prefix == old_n && prefix == new_n)
    return;

  g_list_store_splice (store, prefix, old_n - prefix - suffix,
                       new_n > prefix + suffix ? wanted->pdata + prefix : NULL,
                       new_n - prefix - suffix);
}

/**
 * csm_sla_monitor_recompute:
 *
 * Works the board out now, from every ticket the engine holds.
 */
void
csm_sla_monitor_recompute (CsmSlaMonitor *self)
{
  GPtrArray *by_state[4] = { NULL, };
  GPtrArray *tickets;
  gint64 now, started;

  g_return_if_fail (CSM_IS_SLA_MONITOR (self));

  g_clear_handle_id (&self->idle_id, g_source_remove);

  now = csm_clock_get_now (self->clock);
  tickets = csm_ticket_list_get_array (csm_sync_engine_get_tickets (self->engine));

  started = g_get_monotonic_time ();
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = csm_sla_board_compute (self->policy, tickets, &self->options, now);
  self->compute_usec = g_get_monotonic_time () - started;
  self->computed_at = now;

  for (guint s = 0; s < G_N_ELEMENTS (by_state); s++)
    by_state[s] = g_ptr_array_new ();
  for (guint i = 0; i < self->entries->len; i++)
    {
      CsmSlaEntry *entry = g_ptr_array_index (self->entries, i);
      CsmSlaState state = csm_sla_entry_get_state (entry);

      if ((guint) state < G_N_ELEMENTS (by_state))
        g_ptr_array_add (by_state[state], entry);
    }
  for (guint s = 0; s < G_N_ELEMENTS (by_state); s++)
    {
      update_lane (self->lanes[s], by_state[s]);
      g_ptr_array_unref (by_state[s]);
    }

  g_signal_emit (self, signals[UPDATED], 0);
  g_debug ("Board of %u deadlines: computed in %.1f ms, shown in %.1f ms", self->entries->len,
           self->compute_usec / 1000.0, (g_get_monotonic_time () - started) / 1000.0);
}

static gboolean
recompute_idle_cb (gpointer data)
{
  CsmSlaMonitor *self = data;

  self->idle_id = 0;
  csm_sla_monitor_recompute (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_recompute (CsmSlaMonitor *self)
{
  /* After the frame: a refresh first reaches the screen, then the board. */
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_LOW, recompute_idle_cb, self, NULL);
}

static void
clock_tick_cb (CsmSlaMonitor *self)
{
  if (csm_clock_get_now (self->clock) - self->computed_at >= CLOCK_RECOMPUTE_SECONDS)
    schedule_recompute (self);
}

static void
csm_sla_monitor_dispose (GObject *object)
{
  CsmSlaMonitor *self = (CsmSlaMonitor *) object;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      g_signal_handlers_disconnect_by_data (csm_sync_engine_get_tickets (self->engine), self);
    }
  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->clock);
  for (guint s = 0; s < G_N_ELEMENTS (self->lanes); s++)
    g_clear_object (&self->lanes[s]);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->policy, csm_sla_policy_unref);

  G_OBJECT_CLASS (csm_sla_monitor_parent_class)->dispose (object);
}

static void
csm_sla_monitor_class_init (CsmSlaMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = csm_sla_monitor_dispose;

  /**
   * CsmSlaMonitor::updated:
   *
   * The board was worked out again (the lanes changed where it differs).
   */
  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
csm_sla_monitor_init (CsmSlaMonitor *self)
{
  for (guint s = 0; s < G_N_ELEMENTS (self->lanes); s++)
    self->lanes[s] = g_list_store_new (CSM_TYPE_SLA_ENTRY);
  self->entries = g_ptr_array_new ();
  csm_sla_board_options_init (&self->options);
}

CsmSlaMonitor *
csm_sla_monitor_new (CsmSyncEngine *engine,
                     CsmClock      *clock)
{
  CsmSlaMonitor *self;

  g_return_val_if_fail (CSM_IS_SYNC_ENGINE (engine), NULL);
  g_return_val_if_fail (CSM_IS_CLOCK (clock), NULL);

  self = g_object_new (CSM_TYPE_SLA_MONITOR, NULL);
  self->engine = g_object_ref (engine);
  self->clock = g_object_ref (clock);
  self->policy = csm_sla_policy_new_from_json ("", NULL);
  g_signal_connect_swapped (engine, "refreshed", G_CALLBACK (schedule_recompute), self);
  g_signal_connect_swapped (csm_sync_engine_get_tickets (engine), "tickets-changed",
                            G_CALLBACK (schedule_recompute), self);
  g_signal_connect_swapped (clock, "notify::now", G_CALLBACK (clock_tick_cb), self);
  schedule_recompute (self);
  return self;
}

CsmSyncEngine *
csm_sla_monitor_get_engine (CsmSlaMonitor *self)
{
  g_return_val_if_fail (CSM_IS_SLA_MONITOR (self), NULL);
  return self->engine;
}

CsmSlaPolicy *
csm_sla_monitor_get_policy (CsmSlaMonitor *self)
{
  g_return_val_if_fail (CSM_IS_SLA_MONITOR (self), NULL);
  return self->policy;
}

void
csm_sla_monitor_set_policy (CsmSlaMonitor *self,
                            CsmSlaPolicy  *policy)
{
  g_return_if_fail (CSM_IS_SLA_MONITOR (self));
  g_return_if_fail (policy != NULL);

  if (policy == self->policy)
    return;
  g_clear_pointer (&self->policy, csm_sla_policy_unref);
  self->policy = csm_sla_policy_ref (policy);
  schedule_recompute (self);
}

void
csm_sla_monitor_set_options (CsmSlaMonitor            *self,
                             const CsmSlaBoardOptions *options)
{
  g_return_if_fail (CSM_IS_SLA_MONITOR (self));
  g_return_if_fail (options != NULL);

  if (memcmp (&self->options, options, sizeof *options) == 0)
    return;
  self->options = *options;
  schedule_recompute (self);
}

const CsmSlaBoardOptions *
csm_sla_monitor_get_options (CsmSlaMonitor *self)
{
  g_return_val_if_fail (CSM_IS_SLA_MONITOR (self), NULL);
  return &self->options;
}

/**
 * csm_sla_monitor_get_lane:
 *
 * Returns: (transfer none): the entries in @state, by deadline
 */
GListModel *
csm_sla_monitor_get_lane (CsmSlaMonitor *self,
                          CsmSlaState    state)
{
  g_return_val_if_fail (CSM_IS_SLA_MONITOR (self), NULL);
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (self->lanes), NULL);
  return G_LIST_MODEL (self->lanes[state]);
}

/**
 * csm_sla_monitor_get_entries:
 *
 * Returns: (transfer none) (element-type CsmSlaEntry): the last board: every
 *   active ticket with a deadline, by deadline
 */
GPtrArray *
csm_sla_monitor_get_entries (CsmSlaMonitor *self)
{
  g_return_val_if_fail (CSM_IS_SLA_MONITOR (self), NULL);
  return self->entries;
}

gint64
csm_sla_monitor_get_computed_at (CsmSlaMonitor *self)
{
  g_return_val_if_fail (CSM_IS_SLA_MONITOR (self), 0);
  return self->computed_at;
}

/**
 * csm_sla_monitor_get_compute_usec:
 *
 * Returns: how long the last board took to work out, in microseconds
 */
gint64
csm_sla_monitor_get_compute_usec (CsmSlaMonitor *self)
{
  g_return_val_if_fail (CSM_IS_SLA_MONITOR (self), 0);
  return self->compute_usec;
}
