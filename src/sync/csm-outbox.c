/* csm-outbox.c: durable write-backs to the helpdesk (reassign, status), delivered exactly once.
 *
 * A write is committed to the cache's outbox before anyone is told it was
 * queued, then delivered one at a time, oldest first:
 *
 *   PENDING ──(saved as SENDING, attempts + 1)──▶ PUT ──ok──▶ DONE (saved) ──▶ removed
 *                                                   ├─transient──▶ PENDING, backed off
 *                                                   └─refused────▶ FAILED (the user decides)
 *
 * Exactly once: a crash after the PUT left but before DONE was saved leaves
 * the entry SENDING. Before sending such an entry again, or any entry that
 * was sent before (attempts > 0: a timeout may hide a change that was
 * made), the outbox reads the ticket from the helpdesk and, when the field
 * already has the value, records DONE without sending. Writes to the same
 * ticket go out in the order they were queued.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-outbox.h"
#include "csm-ticket.h"

typedef struct
{
  CsmOutboxEntry *entry;   /* (owned): what the store holds, as far as we know */
  CsmOutboxItem *item;     /* (owned): its row in the items model */
  gint64 due_us;           /* monotonic time before which it is not sent again */
} Slot;

struct _CsmOutbox
{
  GObject parent_instance;

  CsmStore *store;
  CsmProvider *provider;
  CsmClock *clock;          /* (nullable): the system clock then */

  GListStore *items;        /* of CsmOutboxItem, in the order of slots */
  GPtrArray *slots;         /* of Slot, by id */

  GCancellable *cancellable;  /* (nullable): while started */
  gboolean started;
  gboolean loaded;
  gint64 busy_id;           /* the entry being delivered, 0 = none */
  guint timer_id;
  guint unit_ms;            /* how long one second of back-off lasts (tests shorten it) */
};

G_DEFINE_FINAL_TYPE (CsmOutbox, csm_outbox, G_TYPE_OBJECT)

enum {
  SIGNAL_DELIVERED,
  SIGNAL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void pump (CsmOutbox *self);

static void
slot_free (Slot *slot)
{
  csm_outbox_entry_free (slot->entry);
  g_clear_object (&slot->item);
  g_free (slot);
}

static gint64
clock_now (CsmOutbox *self)
{
  if (self->clock != NULL)
    return csm_clock_get_now (self->clock);
  return g_get_real_time () / G_USEC_PER_SEC;
}

static Slot *
find_slot (CsmOutbox *self,
           gint64     id,
           guint     *out_index)
{
  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);

      if (slot->entry->id == id)
        {
          if (out_index != NULL)
            *out_index = i;
          return slot;
        }
    }
  return NULL;
}

/* Takes @entry. */
static Slot *
add_slot (CsmOutbox      *self,
          CsmOutboxEntry *entry,
          gint64          due_us)
{
  Slot *slot;
  guint pos = self->slots->len;

  if ((slot = find_slot (self, entry->id, NULL)) != NULL)
    {
      csm_outbox_entry_free (entry);
      return slot;
    }

  while (pos > 0 && ((Slot *) g_ptr_array_index (self->slots, pos - 1))->entry->id > entry->id)
    pos--;
  slot = g_new0 (Slot, 1);
  slot->entry = entry;
  slot->item = csm_outbox_item_new (entry);
  slot->due_us = due_us;
  g_ptr_array_insert (self->slots, pos, slot);
  g_list_store_insert (self->items, pos, slot->item);
  return slot;
}

static void
remove_slot (CsmOutbox *self,
             gint64     id)
{
  guint pos;

  if (find_slot (self, id, &pos) == NULL)
    return;
  g_ptr_array_remove_index (self->slots, pos);
  g_list_store_remove (self->items, pos);
}

static void
ignore_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_task_get_source_tag (G_TASK (result)) == csm_store_outbox_remove_async)
    ok = csm_store_outbox_remove_finish (CSM_STORE (object), result, &error);
  else
    ok = csm_store_outbox_update_finish (CSM_STORE (object), result, &error);
  /* Nothing to undo: the worst case is a write tried once more after a
   * restart, which the check before sending turns into nothing. */
  if (!ok)
    g_debug ("Could not save an outbox entry: %s", error->message);
}

/* ------------------------------------------------------------------------ */
/* Delivering one entry                                                     */
/* ------------------------------------------------------------------------ */

typedef struct
{
  CsmOutbox *self;            /* (owned) */
  GCancellable *cancellable;  /* (owned): the outbox's when it started */
  gint64 id;
  gboolean sent;              /* a PUT was begun: attempts counts it already */
} Delivery;

static void
delivery_free (Delivery *d)
{
  g_clear_object (&d->self);
  g_clear_object (&d->cancellable);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Delivery, delivery_free)

/* The slot of a delivery still wanted, or NULL after stop or discard. */
static Slot *
delivery_slot (Delivery *d)
{
  if (g_cancellable_is_cancelled (d->cancellable) || d->self->busy_id != d->id)
    return NULL;
  return find_slot (d->self, d->id, NULL);
}

static void
delivery_end (Delivery *d)
{
  CsmOutbox *self = d->self;

  if (self->busy_id == d->id && !g_cancellable_is_cancelled (d->cancellable))
    {
      self->busy_id = 0;
      pump (self);
    }
}

static guint
backoff_seconds (guint attempts)
{
  guint seconds = CSM_OUTBOX_FIRST_BACKOFF_SECONDS;

  for (guint i = 1; i < attempts && seconds < CSM_OUTBOX_MAX_BACKOFF_SECONDS; i++)
    seconds *= 2;
  return MIN (seconds, CSM_OUTBOX_MAX_BACKOFF_SECONDS);
}

static void
delivery_fail (Delivery     *d,
               Slot         *slot,
               const GError *error)
{
  CsmOutbox *self = d->self;
  CsmOutboxEntry *e = slot->entry;

  g_free (e->error);
  e->error = g_strdup (error->message);
  /* A failed check counts as a try too, so the back-off grows offline. */
  if (!d->sent)
    e->attempts++;

  if (csm_provider_error_is_transient (error) || error->domain == CSM_STORE_ERROR)
    {
      guint delay = error->domain == CSM_PROVIDER_ERROR
                    ? csm_provider_error_get_retry_after (error) : 0;

      if (delay == 0)
        delay = backoff_seconds (MAX (e->attempts, 1));
      e->state = CSM_OUTBOX_PENDING;
      e->next_attempt = clock_now (self) + delay;
      slot->due_us = g_get_monotonic_time () + (gint64) delay * self->unit_ms * 1000;
      g_debug ("Write %" G_GINT64_FORMAT " to ticket %" G_GINT64_FORMAT " failed (%s); "
               "again in %u s", e->id, e->ticket_id, error->message, delay);
      csm_outbox_item_update (slot->item, e);
      csm_store_outbox_update_async (self->store, e, NULL, ignore_saved_cb, NULL);
    }
  else
    {
      e->state = CSM_OUTBOX_FAILED;
      csm_outbox_item_update (slot->item, e);
      csm_store_outbox_update_async (self->store, e, NULL, ignore_saved_cb, NULL);
      g_signal_emit (self, signals[SIGNAL_FAILED], 0, e->ticket_id, e->field, error);
    }
  delivery_end (d);
}

static void
done_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Delivery) d = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmOutboxEntry) entry = NULL;
  CsmOutbox *self = d->self;
  Slot *slot;

  if (!csm_store_outbox_update_finish (CSM_STORE (object), result, &error))
    g_debug ("Could not save a delivered write as done: %s", error->message);

  /* Made on the helpdesk: whatever happened to the outbox meanwhile, the
   * row goes (a restart would only find the value there already). */
  csm_store_outbox_remove_async (self->store, d->id, NULL, ignore_saved_cb, NULL);
  slot = find_slot (self, d->id, NULL);
  if (slot == NULL)
    return;
  entry = csm_outbox_entry_copy (slot->entry);
  remove_slot (self, d->id);
  g_signal_emit (self, signals[SIGNAL_DELIVERED], 0, entry->ticket_id, entry->field,
                 entry->value);
  delivery_end (d);
}

static void
delivery_succeed (Delivery *d,
                  Slot     *slot)
{
  CsmOutbox *self = d->self;
  CsmOutboxEntry *e = slot->entry;

  e->state = CSM_OUTBOX_DONE;
  g_clear_pointer (&e->error, g_free);
  csm_outbox_item_update (slot->item, e);
  csm_store_outbox_update_async (self->store, e, NULL, done_saved_cb, d);
}

static void
put_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Delivery *d = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  Slot *slot;

  ok = csm_provider_update_ticket_finish (CSM_PROVIDER (object), result, &error);
  slot = delivery_slot (d);
  /* Stopped: the entry stays SENDING in the store; the next start checks. */
  if (slot == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      delivery_free (d);
      return;
    }
  if (ok)
    {
      delivery_succeed (d, slot);
      return;
    }
  delivery_fail (d, slot, error);
  delivery_free (d);
}

static void
sending_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Delivery *d = user_data;
  g_autoptr(GError) error = NULL;
  Slot *slot;

  if (!csm_store_outbox_update_finish (CSM_STORE (object), result, &error))
    {
      /* Not sent without the mark that makes a restart check first. */
      if ((slot = delivery_slot (d)) != NULL)
        delivery_fail (d, slot, error);
      delivery_free (d);
      return;
    }
  if ((slot = delivery_slot (d)) == NULL)
    {
      delivery_free (d);
      return;
    }
  csm_provider_update_ticket_async (d->self->provider, slot->entry->ticket_id,
                                    slot->entry->field, slot->entry->value, d->cancellable,
                                    put_cb, d);
}

static void
send (Delivery *d,
      Slot     *slot)
{
  CsmOutboxEntry *e = slot->entry;

  e->state = CSM_OUTBOX_SENDING;
  e->attempts++;
  d->sent = TRUE;
  e->next_attempt = 0;
  csm_outbox_item_update (slot->item, e);
  csm_store_outbox_update_async (d->self->store, e, NULL, sending_saved_cb, d);
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Delivery *d = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmTicket) ticket = NULL;
  Slot *slot;

  ticket = csm_provider_fetch_ticket_finish (CSM_PROVIDER (object), result, &error);
  slot = delivery_slot (d);
  if (slot == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      delivery_free (d);
      return;
    }
  if (ticket == NULL)
    {
      delivery_fail (d, slot, error);
      delivery_free (d);
      return;
    }
  if (csm_provider_ticket_has_value (ticket, slot->entry->field, slot->entry->value))
    {
      g_debug ("Ticket %" G_GINT64_FORMAT " already has %s %s: not sent again",
               slot->entry->ticket_id, slot->entry->field, slot->entry->value);
      delivery_succeed (d, slot);
      return;
    }
  send (d, slot);
}

static void
deliver (CsmOutbox *self,
         Slot      *slot)
{
  Delivery *d = g_new0 (Delivery, 1);

  d->self = g_object_ref (self);
  d->cancellable = g_object_ref (self->cancellable);
  d->id = slot->entry->id;
  self->busy_id = d->id;

  if (slot->entry->state == CSM_OUTBOX_SENDING || slot->entry->attempts > 0)
    csm_provider_fetch_ticket_async (self->provider, slot->entry->ticket_id, d->cancellable,
                                     checked_cb, d);
  else
    send (d, slot);
}

static gboolean
timer_cb (gpointer user_data)
{
  CsmOutbox *self = user_data;

  self->timer_id = 0;
  pump (self);
  return G_SOURCE_REMOVE;
}

/* Starts the oldest entry that may go now, or waits for the first that may. */
static void
pump (CsmOutbox *self)
{
  g_autoptr(GArray) busy_tickets = NULL;
  gint64 now = g_get_monotonic_time ();
  gint64 next = G_MAXINT64;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (!self->started || !self->loaded || self->busy_id != 0)
    return;

  busy_tickets = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);
      gboolean blocked = FALSE;

      if (slot->entry->state != CSM_OUTBOX_PENDING && slot->entry->state != CSM_OUTBOX_SENDING)
        continue;
      /* A later write to the same ticket waits for the earlier one. */
      for (guint j = 0; j < busy_tickets->len && !blocked; j++)
        blocked = g_array_index (busy_tickets, gint64, j) == slot->entry->ticket_id;
      if (blocked)
        continue;
      g_array_append_val (busy_tickets, slot->entry->ticket_id);

      if (slot->due_us <= now)
        {
          deliver (self, slot);
          return;
        }
      next = MIN (next, slot->due_us);
    }

  if (next != G_MAXINT64)
    self->timer_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) ((next - now + 999) / 1000),
                                         timer_cb, self, NULL);
}

/* ------------------------------------------------------------------------ */
/* The object                                                               */
/* ------------------------------------------------------------------------ */

static void
csm_outbox_dispose (GObject *object)
{
  CsmOutbox *self = CSM_OUTBOX (object);

  csm_outbox_stop (self);
  g_clear_object (&self->store);
  g_clear_object (&self->provider);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (csm_outbox_parent_class)->dispose (object);
}

static void
csm_outbox_finalize (GObject *object)
{
  CsmOutbox *self = CSM_OUTBOX (object);

  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (csm_outbox_parent_class)->finalize (object);
}

static void
csm_outbox_class_init (CsmOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = csm_outbox_dispose;
  object_class->finalize = csm_outbox_finalize;

  /**
   * CsmOutbox::delivered:
   * @ticket_id: the ticket
   * @field: "Owner" or "Status"
   * @value: the value the helpdesk now has
   *
   * The helpdesk made the change (or had it already after a crash), and
   * the outbox recorded that.
   */
  signals[SIGNAL_DELIVERED] =
    g_signal_new ("delivered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * CsmOutbox::failed:
   * @ticket_id: the ticket
   * @field: "Owner" or "Status"
   * @error: why: %CSM_PROVIDER_ERROR_REFUSED with the helpdesk's words,
   *   FORBIDDEN, NOT_FOUND, AUTH…
   *
   * The helpdesk refused the write; it stays in the outbox as failed until
   * the user retries or discards it.
   */
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_ERROR);
}

static void
csm_outbox_init (CsmOutbox *self)
{
  self->items = g_list_store_new (CSM_TYPE_OUTBOX_ITEM);
  self->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_free);
  self->unit_ms = 1000;
}

/**
 * csm_outbox_new:
 * @store: the account's cache, which holds the outbox
 * @provider: the helpdesk the writes go to
 * @clock: (nullable): the console's clock (queued and next-attempt times)
 */
CsmOutbox *
csm_outbox_new (CsmStore    *store,
                CsmProvider *provider,
                CsmClock    *clock)
{
  CsmOutbox *self;

  g_return_val_if_fail (CSM_IS_STORE (store), NULL);
  g_return_val_if_fail (CSM_IS_PROVIDER (provider), NULL);
  g_return_val_if_fail (clock == NULL || CSM_IS_CLOCK (clock), NULL);

  self = g_object_new (CSM_TYPE_OUTBOX, NULL);
  self->store = g_object_ref (store);
  self->provider = g_object_ref (provider);
  self->clock = clock ? g_object_ref (clock) : NULL;
  return self;
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsmOutbox *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 now, mono;

  entries = csm_store_outbox_list_finish (CSM_STORE (object), result, &error);
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The outbox was stopped."));
      return;
    }
  if (entries == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  now = clock_now (self);
  mono = g_get_monotonic_time ();
  for (guint i = 0; i < entries->len; i++)
    {
      CsmOutboxEntry *e = g_ptr_array_index (entries, i);
      gint64 due = 0;

      if (e->state == CSM_OUTBOX_PENDING && e->next_attempt > now)
        due = mono + (e->next_attempt - now) * self->unit_ms * 1000;
      /* Entries already listed (queued before the start, or kept from
       * before a stop) keep their items: what the outbox knows of them is
       * never older than what it saved. */
      add_slot (self, csm_outbox_entry_copy (e), due);
    }
  self->loaded = TRUE;
  g_task_return_boolean (task, TRUE);
  pump (self);
}

/**
 * csm_outbox_start_async:
 *
 * Loads the outbox from the cache (pending, interrupted and failed writes)
 * and starts delivering. Writes queued before are delivered from now on.
 */
void
csm_outbox_start_async (CsmOutbox           *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CSM_IS_OUTBOX (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_outbox_start_async);
  if (self->started)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  self->started = TRUE;
  self->loaded = FALSE;
  self->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, g_object_ref (self->cancellable), g_object_unref);
  csm_store_outbox_list_async (self->store, NULL, listed_cb, g_steal_pointer (&task));
}

gboolean
csm_outbox_start_finish (CsmOutbox     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (CSM_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * csm_outbox_start:
 *
 * csm_outbox_start_async() for callers that do not wait for the load.
 */
void
csm_outbox_start (CsmOutbox *self)
{
  g_return_if_fail (CSM_IS_OUTBOX (self));

  csm_outbox_start_async (self, NULL, NULL, NULL);
}

/**
 * csm_outbox_stop:
 *
 * Stops delivering and cancels what is in flight. A write whose PUT may
 * have left stays SENDING in the cache, and the next start checks the
 * helpdesk before sending it again.
 */
void
csm_outbox_stop (CsmOutbox *self)
{
  g_return_if_fail (CSM_IS_OUTBOX (self));

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->started = FALSE;
  self->loaded = FALSE;
  self->busy_id = 0;
}

typedef struct
{
  gint64 ticket_id;
  char *field;
  char *value;
  char *previous;
  gint64 queued;
} QueueData;

static void
queue_data_free (QueueData *q)
{
  g_free (q->field);
  g_free (q->value);
  g_free (q->previous);
  g_free (q);
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsmOutbox *self = g_task_get_source_object (task);
  QueueData *q = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CsmOutboxEntry *entry;
  gint64 id;

  id = csm_store_outbox_add_finish (CSM_STORE (object), result, &error);
  if (id <= 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  entry = g_new0 (CsmOutboxEntry, 1);
  entry->id = id;
  entry->ticket_id = q->ticket_id;
  entry->field = g_strdup (q->field);
  entry->value = g_strdup (q->value);
  entry->previous = g_strdup (q->previous);
  entry->queued = q->queued;
  entry->state = CSM_OUTBOX_PENDING;
  add_slot (self, entry, 0);
  g_task_return_int (task, id);
  pump (self);
}

/**
 * csm_outbox_queue_async:
 * @ticket_id: the ticket
 * @field: "Owner" or "Status"
 * @value: the new value
 * @previous: (nullable): what the console showed before, for the UI
 *
 * Queues a write. The callback runs once it is safely in the cache (it
 * survives a crash from then on); delivery follows when the outbox is
 * started and the helpdesk answers.
 */
void
csm_outbox_queue_async (CsmOutbox           *self,
                        gint64               ticket_id,
                        const char          *field,
                        const char          *value,
                        const char          *previous,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  QueueData *q;

  g_return_if_fail (CSM_IS_OUTBOX (self));
  g_return_if_fail (ticket_id > 0);
  g_return_if_fail (g_strcmp0 (field, "Owner") == 0 || g_strcmp0 (field, "Status") == 0);
  g_return_if_fail (value != NULL && *value != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_outbox_queue_async);
  /* Once in the cache it will be delivered: the result must say so. */
  g_task_set_check_cancellable (task, FALSE);
  q = g_new0 (QueueData, 1);
  q->ticket_id = ticket_id;
  q->field = g_strdup (field);
  q->value = g_strdup (value);
  q->previous = g_strdup (previous);
  q->queued = clock_now (self);
  g_task_set_task_data (task, q, (GDestroyNotify) queue_data_free);
  csm_store_outbox_add_async (self->store, ticket_id, field, value, previous, q->queued,
                              cancellable, added_cb, g_steal_pointer (&task));
}

/**
 * csm_outbox_queue_finish:
 *
 * Returns: the outbox entry's id, or 0 on error
 */
gint64
csm_outbox_queue_finish (CsmOutbox     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize id;

  g_return_val_if_fail (CSM_IS_OUTBOX (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  id = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  return id;
}

/**
 * csm_outbox_get_items:
 *
 * Returns: (transfer none): a #GListModel of #CsmOutboxItem: the writes
 *   not yet delivered (pending, being sent, failed), oldest first
 */
GListModel *
csm_outbox_get_items (CsmOutbox *self)
{
  g_return_val_if_fail (CSM_IS_OUTBOX (self), NULL);
  return G_LIST_MODEL (self->items);
}

/**
 * csm_outbox_retry:
 * @id: an entry's id
 *
 * Sends a failed (or backed-off) write again now. It is checked against the
 * helpdesk first, like every write sent before.
 *
 * Returns: whether there was such an entry waiting
 */
gboolean
csm_outbox_retry (CsmOutbox *self,
                  gint64     id)
{
  Slot *slot;

  g_return_val_if_fail (CSM_IS_OUTBOX (self), FALSE);

  slot = find_slot (self, id, NULL);
  if (slot == NULL || self->busy_id == id ||
      (slot->entry->state != CSM_OUTBOX_FAILED && slot->entry->state != CSM_OUTBOX_PENDING))
    return FALSE;
  slot->entry->state = CSM_OUTBOX_PENDING;
  slot->entry->next_attempt = 0;
  g_clear_pointer (&slot->entry->error, g_free);
  slot->due_us = 0;
  csm_outbox_item_update (slot->item, slot->entry);
  csm_store_outbox_update_async (self->store, slot->entry, NULL, ignore_saved_cb, NULL);
  pump (self);
  return TRUE;
}

/**
 * csm_outbox_discard:
 * @id: an entry's id
 *
 * Drops a write that is not on its way right now.
 *
 * Returns: whether it was dropped
 */
gboolean
csm_outbox_discard (CsmOutbox *self,
                    gint64     id)
{
  g_return_val_if_fail (CSM_IS_OUTBOX (self), FALSE);

  if (self->busy_id == id || find_slot (self, id, NULL) == NULL)
    return FALSE;
  remove_slot (self, id);
  csm_store_outbox_remove_async (self->store, id, NULL, ignore_saved_cb, NULL);
  pump (self);
  return TRUE;
}

/**
 * csm_outbox_wake:
 *
 * The helpdesk is reachable again (a sync just worked): writes waiting out
 * a back-off go now.
 */
void
csm_outbox_wake (CsmOutbox *self)
{
  g_return_if_fail (CSM_IS_OUTBOX (self));

  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);

      if (slot->entry->state == CSM_OUTBOX_PENDING)
        slot->due_us = 0;
    }
  pump (self);
}

/**
 * csm_outbox_is_idle:
 *
 * Returns: whether nothing is waiting to be delivered (failed writes wait
 *   for the user, not the outbox)
 */
gboolean
csm_outbox_is_idle (CsmOutbox *self)
{
  g_return_val_if_fail (CSM_IS_OUTBOX (self), TRUE);

  if (self->busy_id != 0)
    return FALSE;
  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);

      if (slot->entry->state == CSM_OUTBOX_PENDING || slot->entry->state == CSM_OUTBOX_SENDING)
        return FALSE;
    }
  return TRUE;
}

/**
 * csm_outbox_set_time_unit_ms:
 * @ms: how many milliseconds one second of back-off lasts (1000; tests
 *   use less)
 */
void
csm_outbox_set_time_unit_ms (CsmOutbox *self,
                             guint      ms)
{
  g_return_if_fail (CSM_IS_OUTBOX (self));
  self->unit_ms = MAX (ms, 1);
}
