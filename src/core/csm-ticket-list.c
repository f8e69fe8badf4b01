/* csm-ticket-list.c: the live list of tickets, updated in place so views keep their rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-ticket-list"

#include "config.h"

#include "csm-ticket-list.h"
#include "csm-ticket-private.h"

struct _CsmTicketList
{
  GObject parent_instance;

  GPtrArray *items;     /* (owned) (element-type CsmTicket) */
  GHashTable *index;    /* id (gint64 *) → position + 1, keys point into the tickets */

  /* While frozen, tickets-changed notices pile up here and go out as one. */
  guint freeze_count;
  GPtrArray *held[3];   /* (owned) (nullable): added, changed, removed */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CsmTicketList, csm_ticket_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  TICKETS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GPtrArray *
ticket_array_new (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

/* One notice per batch, naming the tickets: views that sort and filter
 * themselves (CsmTicketView) update only what changed, in one go, instead of
 * reacting to each positional items-changed. */
static void
emit_tickets_changed (CsmTicketList *self,
                      GPtrArray     *added,
                      GPtrArray     *changed,
                      GPtrArray     *removed)
{
  if ((added == NULL || added->len == 0) && (changed == NULL || changed->len == 0) &&
      (removed == NULL || removed->len == 0))
    return;

  if (self->freeze_count > 0)
    {
      GPtrArray *parts[3] = { added, changed, removed };

      for (guint i = 0; i < 3; i++)
        if (parts[i] != NULL && parts[i]->len > 0)
          {
            if (self->held[i] == NULL)
              self->held[i] = ticket_array_new ();
            for (guint k = 0; k < parts[i]->len; k++)
              g_ptr_array_add (self->held[i], g_object_ref (g_ptr_array_index (parts[i], k)));
          }
      return;
    }
  g_signal_emit (self, signals[TICKETS_CHANGED], 0, added, changed, removed);
}

static GType
get_item_type (GListModel *model)
{
  return CSM_TYPE_TICKET;
}

static guint
get_n_items (GListModel *model)
{
  return CSM_TICKET_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  CsmTicketList *self = CSM_TICKET_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
csm_ticket_list_finalize (GObject *object)
{
  CsmTicketList *self = (CsmTicketList *) object;

  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  for (guint i = 0; i < 3; i++)
    g_clear_pointer (&self->held[i], g_ptr_array_unref);

  G_OBJECT_CLASS (csm_ticket_list_parent_class)->finalize (object);
}

static void
csm_ticket_list_class_init (CsmTicketListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = csm_ticket_list_finalize;

  /**
   * CsmTicketList::tickets-changed:
   * @added: (element-type CsmTicket) (nullable): tickets now in the list
   * @changed: (element-type CsmTicket) (nullable): tickets changed in place
   * @removed: (element-type CsmTicket) (nullable): tickets no longer in it
   *
   * Emitted after the items-changed signals of a batch.
   */
  signals[TICKETS_CHANGED] =
    g_signal_new ("tickets-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_PTR_ARRAY, G_TYPE_PTR_ARRAY, G_TYPE_PTR_ARRAY);
}

static void
csm_ticket_list_init (CsmTicketList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->index = g_hash_table_new (g_int64_hash, g_int64_equal);
}

CsmTicketList *
csm_ticket_list_new (void)
{
  return g_object_new (CSM_TYPE_TICKET_LIST, NULL);
}

static gpointer
ref_copy (gconstpointer object,
          gpointer      user_data)
{
  return g_object_ref ((gpointer) object);
}

static void
rebuild_index (CsmTicketList *self)
{
  g_hash_table_remove_all (self->index);
  for (guint i = 0; i < self->items->len; i++)
    {
      CsmTicket *ticket = g_ptr_array_index (self->items, i);
      g_hash_table_insert (self->index, &ticket->id, GUINT_TO_POINTER (i + 1));
    }
}

static gboolean
lookup_position (CsmTicketList *self,
                 gint64         id,
                 guint         *out_position)
{
  gpointer value = g_hash_table_lookup (self->index, &id);

  if (value == NULL)
    return FALSE;
  *out_position = GPOINTER_TO_UINT (value) - 1;
  return TRUE;
}

/**
 * csm_ticket_list_lookup:
 *
 * Returns: (transfer none) (nullable): the ticket with @id
 */
CsmTicket *
csm_ticket_list_lookup (CsmTicketList *self,
                        gint64         id)
{
  guint position;

  g_return_val_if_fail (CSM_IS_TICKET_LIST (self), NULL);

  if (!lookup_position (self, id, &position))
    return NULL;
  return g_ptr_array_index (self->items, position);
}

/**
 * csm_ticket_list_get_array:
 *
 * Returns: (transfer none) (element-type CsmTicket): the tickets, for core
 *   computations; do not modify
 */
GPtrArray *
csm_ticket_list_get_array (CsmTicketList *self)
{
  g_return_val_if_fail (CSM_IS_TICKET_LIST (self), NULL);
  return self->items;
}

/**
 * csm_ticket_list_merge:
 * @incoming: (element-type CsmTicket): fresh copies of tickets
 * @out_changed: (nullable) (element-type CsmTicket): where to add the
 *   tickets of @incoming that were new or different
 *
 * Updates known tickets in place and appends copies of new ones (so the
 * list never shares an object with its caller). A ticket that did not
 * change emits nothing, so a refresh that brings back the same data (the
 * tickets a full sync finds unchanged) costs the views nothing.
 *
 * Returns: how many tickets were added or changed
 */
guint
csm_ticket_list_merge (CsmTicketList *self,
                       GPtrArray     *incoming,
                       GPtrArray     *out_changed)
{
  guint old_len;
  guint changed = 0;
  g_autoptr(GPtrArray) added_here = ticket_array_new ();
  g_autoptr(GPtrArray) changed_here = ticket_array_new ();

  g_return_val_if_fail (CSM_IS_TICKET_LIST (self), 0);
  g_return_val_if_fail (incoming != NULL, 0);

  old_len = self->items->len;

  for (guint i = 0; i < incoming->len; i++)
    {
      CsmTicket *ticket = g_ptr_array_index (incoming, i);
      guint position;

      if (lookup_position (self, ticket->id, &position))
        {
          CsmTicket *existing = g_ptr_array_index (self->items, position);

          if (csm_ticket_update_from (existing, ticket))
            {
              changed++;
              if (out_changed != NULL)
                g_ptr_array_add (out_changed, g_object_ref (ticket));
              if (position < old_len)
                {
                  g_ptr_array_add (changed_here, g_object_ref (existing));
                  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
                }
            }
        }
      else
        {
          CsmTicket *copy = csm_ticket_copy (ticket);

          g_ptr_array_add (self->items, copy);
          g_hash_table_insert (self->index, &copy->id, GUINT_TO_POINTER (self->items->len));
          changed++;
          if (out_changed != NULL)
            g_ptr_array_add (out_changed, g_object_ref (ticket));
        }
    }

  if (self->items->len > old_len)
    {
      for (guint i = old_len; i < self->items->len; i++)
        g_ptr_array_add (added_here, g_object_ref (g_ptr_array_index (self->items, i)));
      g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, self->items->len - old_len);
    }
  emit_tickets_changed (self, added_here, changed_here, NULL);

  return changed;
}

/**
 * csm_ticket_list_take:
 * @tickets: (element-type CsmTicket): tickets nobody else changes, such as
 *   those just read from the cache
 *
 * Like csm_ticket_list_merge(), but a ticket the list does not hold yet is
 * added itself rather than copied: a cold start holds one copy of each
 * ticket, not two. The list keeps a reference, and may change the ticket
 * later.
 *
 * Returns: how many tickets were added or changed
 */
guint
csm_ticket_list_take (CsmTicketList *self,
                      GPtrArray     *tickets)
{
  g_autoptr(GPtrArray) fresh = ticket_array_new ();
  g_autoptr(GPtrArray) known = ticket_array_new ();
  guint added;

  g_return_val_if_fail (CSM_IS_TICKET_LIST (self), 0);
  g_return_val_if_fail (tickets != NULL, 0);

  for (guint i = 0; i < tickets->len; i++)
    {
      CsmTicket *ticket = g_ptr_array_index (tickets, i);
      guint position;

      if (lookup_position (self, ticket->id, &position))
        g_ptr_array_add (known, g_object_ref (ticket));
      else
        {
          g_ptr_array_add (self->items, g_object_ref (ticket));
          g_hash_table_insert (self->index, &ticket->id, GUINT_TO_POINTER (self->items->len));
          g_ptr_array_add (fresh, g_object_ref (ticket));
        }
    }
  added = fresh->len;
  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - added, 0, added);
  emit_tickets_changed (self, fresh, NULL, NULL);

  /* Tickets already listed (or listed twice in @tickets) update in place. */
  return added + (known->len > 0 ? csm_ticket_list_merge (self, known, NULL) : 0);
}

/**
 * csm_ticket_list_retain:
 * @keep_ids: a set of ticket ids (gint64 * keys)
 *
 * Removes every ticket whose id is not in @keep_ids: what a full reconcile
 * does with tickets that were deleted, moved out of sight or whose rights
 * were withdrawn.
 *
 * Returns: the number of tickets removed
 */
guint
csm_ticket_list_retain (CsmTicketList *self,
                        GHashTable    *keep_ids)
{
  guint removed = 0;
  g_autoptr(GPtrArray) gone = ticket_array_new ();

  g_return_val_if_fail (CSM_IS_TICKET_LIST (self), 0);
  g_return_val_if_fail (keep_ids != NULL, 0);

  /* From the end, so positions of earlier rows stay valid for the signal. */
  for (guint i = self->items->len; i > 0; i--)
    {
      CsmTicket *ticket = g_ptr_array_index (self->items, i - 1);

      if (!g_hash_table_contains (keep_ids, &ticket->id))
        {
          g_ptr_array_add (gone, g_object_ref (ticket));
          g_hash_table_remove (self->index, &ticket->id);
          g_ptr_array_remove_index (self->items, i - 1);
          removed++;
          g_list_model_items_changed (G_LIST_MODEL (self), i - 1, 1, 0);
        }
    }

  /* Positions in the index are stale after removals; lookups by id from
   * items-changed handlers are not expected, so one rebuild at the end. */
  if (removed > 0)
    rebuild_index (self);
  emit_tickets_changed (self, NULL, NULL, gone);

  return removed;
}

gboolean
csm_ticket_list_remove (CsmTicketList *self,
                        gint64         id)
{
  guint position;

  g_return_val_if_fail (CSM_IS_TICKET_LIST (self), FALSE);

  g_autoptr(GPtrArray) gone = ticket_array_new ();

  if (!lookup_position (self, id, &position))
    return FALSE;
  g_ptr_array_add (gone, g_object_ref (g_ptr_array_index (self->items, position)));
  g_hash_table_remove (self->index, &id);
  g_ptr_array_remove_index (self->items, position);
  rebuild_index (self);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  emit_tickets_changed (self, NULL, NULL, gone);
  return TRUE;
}

/**
 * csm_ticket_list_emit_changed:
 *
 * Tells views that @ticket changed in place (its derived metrics, say).
 */
void
csm_ticket_list_emit_changed (CsmTicketList *self,
                              CsmTicket     *ticket)
{
  guint position;

  g_return_if_fail (CSM_IS_TICKET_LIST (self));
  g_return_if_fail (CSM_IS_TICKET (ticket));

  if (lookup_position (self, ticket->id, &position))
    {
      g_autoptr(GPtrArray) changed = ticket_array_new ();

      g_ptr_array_add (changed, g_object_ref (ticket));
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
      emit_tickets_changed (self, NULL, changed, NULL);
    }
}

/**
 * csm_ticket_list_freeze_changes:
 *
 * Holds back #CsmTicketList::tickets-changed until the matching
 * csm_ticket_list_thaw_changes(), which sends everything in one notice: a
 * refresh that arrives in several pieces (pages, then metrics) costs a view
 * one update. The list itself changes at once, with its items-changed.
 */
void
csm_ticket_list_freeze_changes (CsmTicketList *self)
{
  g_return_if_fail (CSM_IS_TICKET_LIST (self));

  self->freeze_count++;
}

void
csm_ticket_list_thaw_changes (CsmTicketList *self)
{
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GPtrArray) removed = NULL;

  g_return_if_fail (CSM_IS_TICKET_LIST (self));
  g_return_if_fail (self->freeze_count > 0);

  if (--self->freeze_count > 0)
    return;
  added = g_steal_pointer (&self->held[0]);
  changed = g_steal_pointer (&self->held[1]);
  removed = g_steal_pointer (&self->held[2]);
  emit_tickets_changed (self, added, changed, removed);
}

/**
 * csm_ticket_list_emit_changed_many:
 * @tickets: (element-type CsmTicket): tickets of the list that changed in place
 *
 * csm_ticket_list_emit_changed() for many tickets at once: one
 * #CsmTicketList::tickets-changed for all of them.
 */
void
csm_ticket_list_emit_changed_many (CsmTicketList *self,
                                   GPtrArray     *tickets)
{
  g_autoptr(GPtrArray) changed = ticket_array_new ();

  g_return_if_fail (CSM_IS_TICKET_LIST (self));
  g_return_if_fail (tickets != NULL);

  for (guint i = 0; i < tickets->len; i++)
    {
      CsmTicket *ticket = g_ptr_array_index (tickets, i);
      guint position;

      if (lookup_position (self, ticket->id, &position))
        {
          g_ptr_array_add (changed, g_object_ref (ticket));
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
        }
    }
  if (changed->len > 0)
    emit_tickets_changed (self, NULL, changed, NULL);
}

void
csm_ticket_list_clear (CsmTicketList *self)
{
  guint len;

  g_return_if_fail (CSM_IS_TICKET_LIST (self));

  len = self->items->len;
  if (len == 0)
    return;
  {
    g_autoptr(GPtrArray) gone = g_ptr_array_copy (self->items, ref_copy, NULL);

    g_hash_table_remove_all (self->index);
    g_ptr_array_set_size (self->items, 0);
    g_list_model_items_changed (G_LIST_MODEL (self), 0, len, 0);
    emit_tickets_changed (self, NULL, NULL, gone);
  }
}
