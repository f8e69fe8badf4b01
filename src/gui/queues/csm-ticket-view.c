/* csm-ticket-view.c: the tickets a list shows, filtered and sorted, updated change by change.
 *
 * GtkFilterListModel + GtkSortListModel over 100,000 tickets cost a linear
 * pass for every single changed ticket (GTK 4.8): a refresh that changes a
 * few hundred tickets froze the list for hundreds of milliseconds. This
 * model keeps the shown tickets in one sorted array and applies the list's
 * batched "tickets-changed" notices with binary searches: a changed ticket
 * costs a search and a memmove, not a pass over everything.
 *
 * A ticket that moves is announced as one items-changed over the span it
 * moved across, so a selection on it follows it (GtkSingleSelection finds
 * a selected item among the re-added ones).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-ticket-view"

#include "config.h"

#include <string.h>

#include "csm-ticket.h"
#include "csm-ticket-view.h"

/* Beyond this many changes at once, rebuilding is cheaper than patching. */
#define REBUILD_THRESHOLD 5000

struct _CsmTicketView
{
  GObject parent_instance;

  CsmTicketList *list;          /* (owned) (nullable) */
  GtkSorter *sorter;            /* (owned) (nullable) */
  CsmTicketViewFilter filter;
  gpointer filter_data;
  GPtrArray *items;             /* (owned): shown tickets, sorted */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CsmTicketView, csm_ticket_view, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return CSM_TYPE_TICKET;
}

static guint
get_n_items (GListModel *model)
{
  return CSM_TICKET_VIEW (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  CsmTicketView *self = CSM_TICKET_VIEW (model);

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

/* The sorter's order, made total by the ticket id: equal keys must not
 * leave a ticket's place to chance, or a search could miss it. */
static int
compare (CsmTicketView *self,
         CsmTicket     *a,
         CsmTicket     *b)
{
  if (self->sorter != NULL)
    {
      GtkOrdering order = gtk_sorter_compare (self->sorter, a, b);
      if (order != GTK_ORDERING_EQUAL)
        return order;
    }
  return csm_ticket_get_id (a) < csm_ticket_get_id (b) ? -1 :
         csm_ticket_get_id (a) > csm_ticket_get_id (b);
}

static int
compare_qsort (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return compare (user_data, *(CsmTicket * const *) a, *(CsmTicket * const *) b);
}

static gboolean
shown (CsmTicketView *self,
       CsmTicket     *ticket)
{
  return self->filter == NULL || self->filter (ticket, self->filter_data);
}

/* Where @ticket goes in the sorted array. Tickets in @pending changed in
 * place and are not yet re-placed: their keys say nothing about where they
 * sit, so the search steps over them; every other ticket is in order. */
static guint
insertion_point (CsmTicketView *self,
                 CsmTicket     *ticket,
                 GHashTable    *pending)
{
  guint lo = 0, hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint probe = mid;

      while (pending != NULL && probe < hi &&
             g_hash_table_contains (pending, g_ptr_array_index (self->items, probe)))
        probe++;
      if (probe == hi)
        {
          hi = mid;
          continue;
        }
      if (compare (self, g_ptr_array_index (self->items, probe), ticket) < 0)
        lo = probe + 1;
      else
        hi = probe;
    }
  return lo;
}

/* A changed ticket's old place cannot be found by its (new) key: look for
 * the pointer. A linear scan over pointers is a few tens of µs for 100k. */
static gboolean
find_pointer (CsmTicketView *self,
              CsmTicket     *ticket,
              guint         *out_position)
{
  for (guint i = 0; i < self->items->len; i++)
    if (g_ptr_array_index (self->items, i) == ticket)
      {
        *out_position = i;
        return TRUE;
      }
  return FALSE;
}


static void
rebuild (CsmTicketView *self)
{
  guint old_len = self->items->len;
  GPtrArray *all;

  g_ptr_array_set_size (self->items, 0);
  if (self->list != NULL)
    {
      all = csm_ticket_list_get_array (self->list);
      for (guint i = 0; i < all->len; i++)
        {
          CsmTicket *ticket = g_ptr_array_index (all, i);
          if (shown (self, ticket))
            g_ptr_array_add (self->items, g_object_ref (ticket));
        }
      g_ptr_array_sort_with_data (self->items, compare_qsort, self);
    }
  if (old_len > 0 || self->items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->items->len);
}

static void
insert_ticket (CsmTicketView *self,
               CsmTicket     *ticket)
{
  guint pos = insertion_point (self, ticket, NULL);

  g_ptr_array_insert (self->items, pos, g_object_ref (ticket));
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 0, 1);
}

static void
remove_at (CsmTicketView *self,
           guint          pos)
{
  g_ptr_array_remove_index (self->items, pos);
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
}

static void
update_ticket (CsmTicketView *self,
               CsmTicket     *ticket,
               GHashTable    *pending)
{
  guint old_pos, new_pos;
  gboolean was = find_pointer (self, ticket, &old_pos);
  gboolean is = shown (self, ticket);

  g_hash_table_remove (pending, ticket);
  if (!was)
    {
      if (is)
        {
          new_pos = insertion_point (self, ticket, pending);
          g_ptr_array_insert (self->items, new_pos, g_object_ref (ticket));
          g_list_model_items_changed (G_LIST_MODEL (self), new_pos, 0, 1);
        }
      return;
    }
  if (!is)
    {
      remove_at (self, old_pos);
      return;
    }

  /* Take it out, find its new place among the others, put it back. */
  g_ptr_array_steal_index (self->items, old_pos);
  new_pos = insertion_point (self, ticket, pending);
  g_ptr_array_insert (self->items, new_pos, ticket);

  if (new_pos == old_pos)
    g_list_model_items_changed (G_LIST_MODEL (self), old_pos, 1, 1);
  else
    {
      guint from = MIN (old_pos, new_pos);
      guint span = MAX (old_pos, new_pos) - from + 1;
      g_list_model_items_changed (G_LIST_MODEL (self), from, span, span);
    }
}

static void
tickets_changed_cb (CsmTicketList *list,
                    GPtrArray     *added,
                    GPtrArray     *changed,
                    GPtrArray     *removed,
                    CsmTicketView *self)
{
  guint n = (added ? added->len : 0) + (changed ? changed->len : 0) +
            (removed ? removed->len : 0);

  if (n > REBUILD_THRESHOLD)
    {
      rebuild (self);
      return;
    }

  if (removed != NULL)
    for (guint i = 0; i < removed->len; i++)
      {
        guint pos;
        if (find_pointer (self, g_ptr_array_index (removed, i), &pos))
          remove_at (self, pos);
      }
  if (changed != NULL && changed->len > 0)
    {
      /* All of them changed already; each is re-placed in turn among the
       * ones still in order. */
      g_autoptr(GHashTable) pending = g_hash_table_new (NULL, NULL);

      for (guint i = 0; i < changed->len; i++)
        g_hash_table_add (pending, g_ptr_array_index (changed, i));
      for (guint i = 0; i < changed->len; i++)
        update_ticket (self, g_ptr_array_index (changed, i), pending);
    }
  if (added != NULL)
    for (guint i = 0; i < added->len; i++)
      if (shown (self, g_ptr_array_index (added, i)))
        insert_ticket (self, g_ptr_array_index (added, i));
}

static void
sorter_changed_cb (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   CsmTicketView   *self)
{
  if (self->items->len == 0)
    return;
  g_ptr_array_sort_with_data (self->items, compare_qsort, self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, self->items->len, self->items->len);
}

static void
csm_ticket_view_dispose (GObject *object)
{
  CsmTicketView *self = (CsmTicketView *) object;

  /* Quietly: nobody should hear a model that is going away empty itself. */
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, tickets_changed_cb, self);
  g_clear_object (&self->list);
  if (self->sorter != NULL)
    g_signal_handlers_disconnect_by_func (self->sorter, sorter_changed_cb, self);
  g_clear_object (&self->sorter);

  G_OBJECT_CLASS (csm_ticket_view_parent_class)->dispose (object);
}

static void
csm_ticket_view_finalize (GObject *object)
{
  CsmTicketView *self = (CsmTicketView *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (csm_ticket_view_parent_class)->finalize (object);
}

static void
csm_ticket_view_class_init (CsmTicketViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = csm_ticket_view_dispose;
  object_class->finalize = csm_ticket_view_finalize;
}

static void
csm_ticket_view_init (CsmTicketView *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

CsmTicketView *
csm_ticket_view_new (void)
{
  return g_object_new (CSM_TYPE_TICKET_VIEW, NULL);
}

/**
 * csm_ticket_view_set_list:
 * @list: (nullable): the tickets to show from
 */
void
csm_ticket_view_set_list (CsmTicketView *self,
                          CsmTicketList *list)
{
  g_return_if_fail (CSM_IS_TICKET_VIEW (self));

  if (self->list == list)
    return;
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, tickets_changed_cb, self);
  g_set_object (&self->list, list);
  if (list != NULL)
    g_signal_connect (list, "tickets-changed", G_CALLBACK (tickets_changed_cb), self);
  rebuild (self);
}

/**
 * csm_ticket_view_set_sorter:
 * @sorter: (nullable): the order, e.g. a GtkColumnView's sorter; ties go by id
 */
void
csm_ticket_view_set_sorter (CsmTicketView *self,
                            GtkSorter     *sorter)
{
  g_return_if_fail (CSM_IS_TICKET_VIEW (self));

  if (self->sorter != NULL)
    g_signal_handlers_disconnect_by_func (self->sorter, sorter_changed_cb, self);
  g_set_object (&self->sorter, sorter);
  if (sorter != NULL)
    g_signal_connect (sorter, "changed", G_CALLBACK (sorter_changed_cb), self);
  sorter_changed_cb (sorter, GTK_SORTER_CHANGE_DIFFERENT, self);
}

/**
 * csm_ticket_view_set_filter:
 * @filter: (nullable): which tickets to show; %NULL for all
 *
 * Call csm_ticket_view_refilter() when what @filter decides changes.
 */
void
csm_ticket_view_set_filter (CsmTicketView       *self,
                            CsmTicketViewFilter  filter,
                            gpointer             user_data)
{
  g_return_if_fail (CSM_IS_TICKET_VIEW (self));

  self->filter = filter;
  self->filter_data = user_data;
  rebuild (self);
}

void
csm_ticket_view_refilter (CsmTicketView *self)
{
  g_return_if_fail (CSM_IS_TICKET_VIEW (self));
  rebuild (self);
}
