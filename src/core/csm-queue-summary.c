/* csm-queue-summary.c: the state of one queue at an instant: new, open, stalled, unowned, oldest wait.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-queue-summary"

#include "config.h"

#include "csm-queue.h"
#include "csm-queue-summary.h"
#include "csm-ticket-private.h"
#include "csm-time.h"

struct _CsmQueueSummary
{
  GObject parent_instance;

  gint64 queue_id;
  char *queue_name;
  guint n_new;
  guint n_open;
  guint n_stalled;
  guint n_unassigned;
  gint64 oldest_new_created;
  gint64 now;
};

G_DEFINE_FINAL_TYPE (CsmQueueSummary, csm_queue_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_QUEUE_ID,
  PROP_QUEUE_NAME,
  PROP_NEW,
  PROP_OPEN,
  PROP_STALLED,
  PROP_ACTIVE,
  PROP_UNASSIGNED,
  PROP_OLDEST_NEW_AGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
csm_queue_summary_finalize (GObject *object)
{
  CsmQueueSummary *self = (CsmQueueSummary *) object;

  g_free (self->queue_name);

  G_OBJECT_CLASS (csm_queue_summary_parent_class)->finalize (object);
}

static void
csm_queue_summary_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CsmQueueSummary *self = CSM_QUEUE_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_QUEUE_ID:
      g_value_set_int64 (value, self->queue_id);
      break;
    case PROP_QUEUE_NAME:
      g_value_set_string (value, self->queue_name);
      break;
    case PROP_NEW:
      g_value_set_uint (value, self->n_new);
      break;
    case PROP_OPEN:
      g_value_set_uint (value, self->n_open);
      break;
    case PROP_STALLED:
      g_value_set_uint (value, self->n_stalled);
      break;
    case PROP_ACTIVE:
      g_value_set_uint (value, csm_queue_summary_get_active (self));
      break;
    case PROP_UNASSIGNED:
      g_value_set_uint (value, self->n_unassigned);
      break;
    case PROP_OLDEST_NEW_AGE:
      g_value_set_int64 (value, csm_queue_summary_get_oldest_new_age (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_queue_summary_class_init (CsmQueueSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = csm_queue_summary_finalize;
  object_class->get_property = csm_queue_summary_get_property;

  properties[PROP_QUEUE_ID] =
    g_param_spec_int64 ("queue-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUEUE_NAME] =
    g_param_spec_string ("queue-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEW] =
    g_param_spec_uint ("new", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OPEN] =
    g_param_spec_uint ("open", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STALLED] =
    g_param_spec_uint ("stalled", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ACTIVE] =
    g_param_spec_uint ("active", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UNASSIGNED] =
    g_param_spec_uint ("unassigned", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* -1 when the queue has no new ticket */
  properties[PROP_OLDEST_NEW_AGE] =
    g_param_spec_int64 ("oldest-new-age", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csm_queue_summary_init (CsmQueueSummary *self)
{
  self->oldest_new_created = CSM_TIME_UNSET;
}

CsmQueueSummary *
csm_queue_summary_new (gint64      queue_id,
                       const char *queue_name)
{
  CsmQueueSummary *self = g_object_new (CSM_TYPE_QUEUE_SUMMARY, NULL);

  self->queue_id = queue_id;
  self->queue_name = g_strdup (queue_name ? queue_name : "");
  return self;
}

gint64
csm_queue_summary_get_queue_id (CsmQueueSummary *self)
{
  g_return_val_if_fail (CSM_IS_QUEUE_SUMMARY (self), 0);
  return self->queue_id;
}

const char *
csm_queue_summary_get_queue_name (CsmQueueSummary *self)
{
  g_return_val_if_fail (CSM_IS_QUEUE_SUMMARY (self), NULL);
  return self->queue_name;
}

guint
csm_queue_summary_get_new (CsmQueueSummary *self)
{
  g_return_val_if_fail (CSM_IS_QUEUE_SUMMARY (self), 0);
  return self->n_new;
}

guint
csm_queue_summary_get_open (CsmQueueSummary *self)
{
  g_return_val_if_fail (CSM_IS_QUEUE_SUMMARY (self), 0);
  return self->n_open;
}

guint
csm_queue_summary_get_stalled (CsmQueueSummary *self)
{
  g_return_val_if_fail (CSM_IS_QUEUE_SUMMARY (self), 0);
  return self->n_stalled;
}

/* Active is RT's __Active__: new + open + stalled. */
guint
csm_queue_summary_get_active (CsmQueueSummary *self)
{
  g_return_val_if_fail (CSM_IS_QUEUE_SUMMARY (self), 0);
  return self->n_new + self->n_open + self->n_stalled;
}

guint
csm_queue_summary_get_unassigned (CsmQueueSummary *self)
{
  g_return_val_if_fail (CSM_IS_QUEUE_SUMMARY (self), 0);
  return self->n_unassigned;
}

gint64
csm_queue_summary_get_oldest_new_created (CsmQueueSummary *self)
{
  g_return_val_if_fail (CSM_IS_QUEUE_SUMMARY (self), CSM_TIME_UNSET);
  return self->oldest_new_created;
}

/**
 * csm_queue_summary_get_oldest_new_age:
 *
 * Returns: how long the oldest new ticket has waited at the summary's "now",
 *   in seconds, or -1 when there is no new ticket
 */
gint64
csm_queue_summary_get_oldest_new_age (CsmQueueSummary *self)
{
  g_return_val_if_fail (CSM_IS_QUEUE_SUMMARY (self), -1);

  if (self->oldest_new_created == CSM_TIME_UNSET)
    return -1;
  return MAX (self->now - self->oldest_new_created, 0);
}

gint64
csm_queue_summary_get_now (CsmQueueSummary *self)
{
  g_return_val_if_fail (CSM_IS_QUEUE_SUMMARY (self), 0);
  return self->now;
}

/**
 * csm_queue_summary_set_now:
 * @now: the instant to give ages at
 *
 * Moves the summary to @now without recounting: only the oldest wait grows
 * with the clock; the counts change only when tickets do.
 */
void
csm_queue_summary_set_now (CsmQueueSummary *self,
                           gint64           now)
{
  gint64 old_age;

  g_return_if_fail (CSM_IS_QUEUE_SUMMARY (self));

  if (self->now == now)
    return;
  old_age = csm_queue_summary_get_oldest_new_age (self);
  self->now = now;
  if (old_age != csm_queue_summary_get_oldest_new_age (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OLDEST_NEW_AGE]);
}

static void
set_uint (CsmQueueSummary *self,
          guint           *field,
          guint            value,
          guint            prop,
          gboolean        *changed)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  *changed = TRUE;
}

/**
 * csm_queue_summary_update_from:
 * @other: a newer summary of the same queue
 *
 * Takes @other's numbers, notifying each property that changed, so bound
 * widgets update without being rebuilt.
 *
 * Returns: %TRUE if a number changed
 */
gboolean
csm_queue_summary_update_from (CsmQueueSummary *self,
                               CsmQueueSummary *other)
{
  gboolean changed = FALSE;
  guint old_active;
  gint64 old_age;

  g_return_val_if_fail (CSM_IS_QUEUE_SUMMARY (self), FALSE);
  g_return_val_if_fail (CSM_IS_QUEUE_SUMMARY (other), FALSE);

  g_object_freeze_notify (G_OBJECT (self));

  old_active = csm_queue_summary_get_active (self);
  old_age = csm_queue_summary_get_oldest_new_age (self);

  if (g_strcmp0 (self->queue_name, other->queue_name) != 0)
    {
      g_free (self->queue_name);
      self->queue_name = g_strdup (other->queue_name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUEUE_NAME]);
      changed = TRUE;
    }
  set_uint (self, &self->n_new, other->n_new, PROP_NEW, &changed);
  set_uint (self, &self->n_open, other->n_open, PROP_OPEN, &changed);
  set_uint (self, &self->n_stalled, other->n_stalled, PROP_STALLED, &changed);
  set_uint (self, &self->n_unassigned, other->n_unassigned, PROP_UNASSIGNED, &changed);
  self->oldest_new_created = other->oldest_new_created;
  self->now = other->now;

  if (old_active != csm_queue_summary_get_active (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
  if (old_age != csm_queue_summary_get_oldest_new_age (self))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OLDEST_NEW_AGE]);
      changed = TRUE;
    }

  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

static void
count_ticket (CsmQueueSummary *summary,
              CsmTicket       *ticket)
{
  switch (_csm_ticket_status_class (ticket))
    {
    case CSM_STATUS_CLASS_NEW:
      summary->n_new++;
      if (ticket->created != CSM_TIME_UNSET &&
          (summary->oldest_new_created == CSM_TIME_UNSET ||
           ticket->created < summary->oldest_new_created))
        summary->oldest_new_created = ticket->created;
      break;
    case CSM_STATUS_CLASS_OPEN:
      summary->n_open++;
      break;
    case CSM_STATUS_CLASS_STALLED:
      summary->n_stalled++;
      break;
    case CSM_STATUS_CLASS_INACTIVE:
    default:
      return;
    }

  if (ticket->owner == NULL)
    summary->n_unassigned++;
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  CsmQueueSummary *sa = *(CsmQueueSummary * const *) a;
  CsmQueueSummary *sb = *(CsmQueueSummary * const *) b;
  int r = g_utf8_collate (sa->queue_name, sb->queue_name);

  if (r != 0)
    return r;
  return sa->queue_id < sb->queue_id ? -1 : sa->queue_id > sb->queue_id;
}

/**
 * csm_queue_summaries_compute:
 * @tickets: (element-type CsmTicket): the tickets
 * @queues: (nullable) (element-type CsmQueue): the known queues; each gets a
 *   summary even when it holds no ticket
 * @now: the instant to compute ages at
 *
 * One summary per queue, sorted by queue name. Tickets in a queue the
 * console was not told about (the queue list is rights-filtered) still get
 * a summary, named from the ticket.
 *
 * Returns: (transfer container) (element-type CsmQueueSummary): the summaries
 */
GPtrArray *
csm_queue_summaries_compute (GPtrArray *tickets,
                             GPtrArray *queues,
                             gint64     now)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (tickets != NULL, result);

  if (queues != NULL)
    for (guint i = 0; i < queues->len; i++)
      {
        CsmQueue *queue = g_ptr_array_index (queues, i);
        CsmQueueSummary *summary;

        if (g_hash_table_contains (by_id, &(gint64) { csm_queue_get_id (queue) }))
          continue;
        summary = csm_queue_summary_new (csm_queue_get_id (queue), csm_queue_get_name (queue));
        summary->now = now;
        g_ptr_array_add (result, summary);
        g_hash_table_insert (by_id, &summary->queue_id, summary);
      }

  for (guint i = 0; i < tickets->len; i++)
    {
      CsmTicket *ticket = g_ptr_array_index (tickets, i);
      CsmQueueSummary *summary = g_hash_table_lookup (by_id, &ticket->queue_id);

      if (summary == NULL)
        {
          g_autofree char *fallback = NULL;

          if (ticket->queue_name == NULL)
            fallback = g_strdup_printf ("#%" G_GINT64_FORMAT, ticket->queue_id);
          summary = csm_queue_summary_new (ticket->queue_id,
                                           ticket->queue_name ? ticket->queue_name : fallback);
          summary->now = now;
          g_ptr_array_add (result, summary);
          g_hash_table_insert (by_id, &summary->queue_id, summary);
        }
      count_ticket (summary, ticket);
    }

  g_ptr_array_sort (result, compare_by_name);
  return result;
}

/**
 * csm_queue_summaries_total:
 * @summaries: (element-type CsmQueueSummary): per-queue summaries
 * @name: the name to give the total
 * @now: the instant the summaries were computed at
 *
 * Returns: (transfer full): the sum over all queues; the oldest new ticket is
 *   the oldest of all queues
 */
CsmQueueSummary *
csm_queue_summaries_total (GPtrArray  *summaries,
                           const char *name,
                           gint64      now)
{
  CsmQueueSummary *total = csm_queue_summary_new (0, name);

  total->now = now;
  for (guint i = 0; i < summaries->len; i++)
    {
      CsmQueueSummary *s = g_ptr_array_index (summaries, i);

      total->n_new += s->n_new;
      total->n_open += s->n_open;
      total->n_stalled += s->n_stalled;
      total->n_unassigned += s->n_unassigned;
      if (s->oldest_new_created != CSM_TIME_UNSET &&
          (total->oldest_new_created == CSM_TIME_UNSET ||
           s->oldest_new_created < total->oldest_new_created))
        total->oldest_new_created = s->oldest_new_created;
    }
  return total;
}
