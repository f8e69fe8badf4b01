/* csm-alert-tracker.c: decides which SLA changes deserve a desktop notification, once each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-alert-tracker"

#include "config.h"

#include "csm-alert-tracker.h"
#include "csm-ticket.h"

/* A record of a ticket nobody listed for this long is forgotten. */
#define FORGET_AFTER  (7 * 86400)
#define PRUNE_EVERY   3600

typedef struct
{
  gint64 id;           /* also the table's key */
  gint64 due;          /* the deadline the record is about */
  CsmSlaState worst;   /* the worst state already told (or silently seen) */
  gint64 last_listed;  /* the last update that listed the ticket */
} Seen;

struct _CsmAlertTracker
{
  GObject parent_instance;

  guint max_single;
  int quiet_start;
  int quiet_end;
  GTimeZone *quiet_tz;
  GHashTable *muted;        /* queue name → itself */
  gboolean summary_pending;
  GHashTable *seen;         /* ticket id → Seen */
  gint64 last_prune;
};

G_DEFINE_FINAL_TYPE (CsmAlertTracker, csm_alert_tracker, G_TYPE_OBJECT)

void
csm_alert_free (CsmAlert *alert)
{
  if (alert == NULL)
    return;
  g_free (alert->queue_name);
  g_free (alert->subject);
  g_free (alert);
}

void
csm_alert_batch_free (CsmAlertBatch *batch)
{
  if (batch == NULL)
    return;
  g_clear_pointer (&batch->alerts, g_ptr_array_unref);
  g_free (batch);
}

static void
csm_alert_tracker_finalize (GObject *object)
{
  CsmAlertTracker *self = (CsmAlertTracker *) object;

  g_clear_pointer (&self->quiet_tz, g_time_zone_unref);
  g_clear_pointer (&self->muted, g_hash_table_unref);
  g_clear_pointer (&self->seen, g_hash_table_unref);

  G_OBJECT_CLASS (csm_alert_tracker_parent_class)->finalize (object);
}

static void
csm_alert_tracker_class_init (CsmAlertTrackerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = csm_alert_tracker_finalize;
}

static void
csm_alert_tracker_init (CsmAlertTracker *self)
{
  self->max_single = 3;
  self->muted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  /* the first evaluation after start is a summary */
  self->summary_pending = TRUE;
}

/**
 * csm_alert_tracker_new:
 *
 * Returns: (transfer full): a tracker whose first update is a summary
 */
CsmAlertTracker *
csm_alert_tracker_new (void)
{
  return g_object_new (CSM_TYPE_ALERT_TRACKER, NULL);
}

/**
 * csm_alert_tracker_set_max_single:
 * @n: the most alerts shown one by one; more at once are grouped (default 3)
 */
void
csm_alert_tracker_set_max_single (CsmAlertTracker *self,
                                  guint            n)
{
  g_return_if_fail (CSM_IS_ALERT_TRACKER (self));
  self->max_single = n;
}

guint
csm_alert_tracker_get_max_single (CsmAlertTracker *self)
{
  g_return_val_if_fail (CSM_IS_ALERT_TRACKER (self), 0);
  return self->max_single;
}

/**
 * csm_alert_tracker_set_quiet_hours:
 * @start_minute: local minute of the day quiet hours begin, 0-1439
 * @end_minute: local minute they end (excluded); before @start_minute they
 *   wrap midnight (22:00-07:00); equal to it: no quiet hours
 * @tz: (nullable): the zone of the minutes; %NULL for UTC
 */
void
csm_alert_tracker_set_quiet_hours (CsmAlertTracker *self,
                                   int              start_minute,
                                   int              end_minute,
                                   GTimeZone       *tz)
{
  g_return_if_fail (CSM_IS_ALERT_TRACKER (self));
  g_return_if_fail (start_minute >= 0 && start_minute < 1440);
  g_return_if_fail (end_minute >= 0 && end_minute < 1440);

  self->quiet_start = start_minute;
  self->quiet_end = end_minute;
  g_clear_pointer (&self->quiet_tz, g_time_zone_unref);
  self->quiet_tz = tz ? g_time_zone_ref (tz) : g_time_zone_new_utc ();
}

/**
 * csm_alert_tracker_is_quiet:
 * @now: an instant
 *
 * Returns: whether @now falls in the quiet hours
 */
gboolean
csm_alert_tracker_is_quiet (CsmAlertTracker *self,
                            gint64           now)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  int minute;

  g_return_val_if_fail (CSM_IS_ALERT_TRACKER (self), FALSE);

  if (self->quiet_start == self->quiet_end || self->quiet_tz == NULL)
    return FALSE;
  utc = g_date_time_new_from_unix_utc (now);
  if (utc == NULL)
    return FALSE;
  local = g_date_time_to_timezone (utc, self->quiet_tz);
  minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
  if (self->quiet_start < self->quiet_end)
    return minute >= self->quiet_start && minute < self->quiet_end;
  return minute >= self->quiet_start || minute < self->quiet_end;
}

/**
 * csm_alert_tracker_set_muted_queues:
 * @queue_names: (nullable) (array zero-terminated=1): queues that never alert
 *
 * Their tickets are still remembered as seen, so unmuting a queue does not
 * set off a storm about what it already holds.
 */
void
csm_alert_tracker_set_muted_queues (CsmAlertTracker    *self,
                                    const char * const *queue_names)
{
  g_return_if_fail (CSM_IS_ALERT_TRACKER (self));

  g_hash_table_remove_all (self->muted);
  if (queue_names != NULL)
    for (guint i = 0; queue_names[i]; i++)
      g_hash_table_add (self->muted, g_strdup (queue_names[i]));
}

/**
 * csm_alert_tracker_mark_reconnected:
 *
 * The console was offline: the next update sums up what changed meanwhile
 * in one batch instead of one notification per ticket.
 */
void
csm_alert_tracker_mark_reconnected (CsmAlertTracker *self)
{
  g_return_if_fail (CSM_IS_ALERT_TRACKER (self));
  self->summary_pending = TRUE;
}

static gboolean
forget_stale (gpointer key,
              gpointer value,
              gpointer user_data)
{
  Seen *seen = value;
  gint64 now = *(gint64 *) user_data;

  return seen->last_listed < now - FORGET_AFTER;
}

/**
 * csm_alert_tracker_update:
 * @entries: (element-type CsmSlaEntry): the whole SLA board just computed
 * @now: the current time
 *
 * Tells each ticket once per state per deadline: a ticket entering the
 * predicted, at-risk or breached state for the first time with this Due
 * alerts; so does every step to a worse state; the same or a better state
 * (breached → ok, or back and forth) is silent; a new Due is a new
 * deadline and starts over. During quiet hours, and for muted queues,
 * nothing is told but everything is remembered as told.
 *
 * Returns: (transfer full) (nullable): the batch, or %NULL when there is
 *   nothing to tell
 */
CsmAlertBatch *
csm_alert_tracker_update (CsmAlertTracker *self,
                          GPtrArray       *entries,
                          gint64           now)
{
  g_autoptr(GPtrArray) alerts = NULL;
  CsmAlertBatch *batch;
  gboolean quiet, summary;

  g_return_val_if_fail (CSM_IS_ALERT_TRACKER (self), NULL);
  g_return_val_if_fail (entries != NULL, NULL);

  quiet = csm_alert_tracker_is_quiet (self, now);
  summary = self->summary_pending;
  self->summary_pending = FALSE;
  alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_alert_free);

  for (guint i = 0; i < entries->len; i++)
    {
      CsmSlaEntry *entry = g_ptr_array_index (entries, i);
      CsmTicket *ticket = csm_sla_entry_get_ticket (entry);
      gint64 id = csm_ticket_get_id (ticket);
      CsmSlaState state = csm_sla_entry_get_state (entry);
      gint64 due = csm_sla_entry_get_due (entry);
      Seen *seen = g_hash_table_lookup (self->seen, &id);
      const char *queue;
      CsmAlert *alert;

      if (seen == NULL)
        {
          seen = g_new0 (Seen, 1);
          seen->id = id;
          seen->due = due;
          seen->worst = CSM_SLA_STATE_OK;
          g_hash_table_insert (self->seen, &seen->id, seen);
        }
      else if (seen->due != due)
        {
          seen->due = due;
          seen->worst = CSM_SLA_STATE_OK;
        }
      seen->last_listed = now;

      if (state <= seen->worst)
        continue;
      seen->worst = state;

      queue = csm_ticket_get_queue_name (ticket);
      if (quiet || (queue != NULL && g_hash_table_contains (self->muted, queue)))
        continue;

      alert = g_new0 (CsmAlert, 1);
      alert->ticket_id = id;
      alert->queue_id = csm_ticket_get_queue_id (ticket);
      alert->queue_name = g_strdup (queue);
      alert->state = state;
      alert->due = due;
      alert->subject = g_strdup (csm_ticket_get_subject (ticket));
      g_ptr_array_add (alerts, alert);
    }

  if (now - self->last_prune >= PRUNE_EVERY)
    {
      g_hash_table_foreach_remove (self->seen, forget_stale, &now);
      self->last_prune = now;
    }

  if (alerts->len == 0)
    return NULL;

  batch = g_new0 (CsmAlertBatch, 1);
  batch->summary = summary;
  batch->grouped = !summary && alerts->len > self->max_single;
  batch->alerts = g_steal_pointer (&alerts);
  return batch;
}
