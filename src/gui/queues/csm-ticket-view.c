/* csm-ticket-view.c: the tickets a list shows, filtered and sorted, updated change by change.
 *
 * GtkFilterListModel + GtkSortListModel over 100,000 tickets cost a linear
 * pass for every single changed ticket (GTK 4.8): a refresh that changes a
 * few hundred tickets froze the list for hundreds of milliseconds. This
 * model keeps the shown tickets in one sorted array and applies the list's
 * batched "tickets-changed" notices with binary searches: a changed ticket
 * costs a search and a memmove, not a pass over everything.
 *
 * A batch is announced as one items-changed over the rows it touched, so a
 * selection on a ticket follows it (GtkSingleSelection finds a selected
 * item among the re-added ones).
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

/* Applies a batch of changes as one announcement: the new order is worked
 * out whole (survivors keep their order, the changed and added tickets
 * that are shown are merged in), and the rows from the first that differs
 * to the last that differs are announced replaced.
 *
 * One announcement, not one per ticket: GTK 4.8's list item factory binds
 * every visible row again on any change of position, so each announcement
 * above the visible rows costs a full rebind of the screen. A
 * GtkSingleSelection finds its item again among the replaced rows, and the
 * list view keeps its place by the item it is anchored to. */
static void
apply_changes (CsmTicketView *self,
               GPtrArray     *added,
               GPtrArray     *changed,
               GPtrArray     *removed)
{
  g_autoptr(GHashTable) leaving = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) incoming = g_ptr_array_new ();
  GPtrArray *old = self->items;
  GPtrArray *fresh;
  guint i, j, head, tail;

  if (changed != NULL)
    for (i = 0; i < changed->len; i++)
      g_hash_table_add (leaving, g_ptr_array_index (changed, i));
  if (removed != NULL)
    for (i = 0; i < removed->len; i++)
      g_hash_table_add (leaving, g_ptr_array_index (removed, i));

  /* What comes in, each once (a ticket may be listed twice), in order. */
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
    GPtrArray *sources[] = { changed, added };

    for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
      for (i = 0; sources[s] != NULL && i < sources[s]->len; i++)
        {
          CsmTicket *ticket = g_ptr_array_index (sources[s], i);
          if (shown (self, ticket) && g_hash_table_add (seen, ticket))
            g_ptr_array_add (incoming, ticket);
        }
    if (removed != NULL)
      for (i = 0; i < removed->len; i++)
        g_ptr_array_remove_fast (incoming, g_ptr_array_index (removed, i));
  }
  g_ptr_array_sort_with_data (incoming, compare_qsort, self);

  /* Merge the survivors and the incoming. */
  fresh = g_ptr_array_new_full (old->len + incoming->len, g_object_unref);
  for (i = 0, j = 0; i < old->len || j < incoming->len;)
    {
      CsmTicket *survivor = NULL;

      while (i < old->len && g_hash_table_contains (leaving, g_ptr_array_index (old, i)))
        i++;
      if (i < old->len)
        survivor = g_ptr_array_index (old, i);
      if (survivor == NULL && j == incoming->len)
        break;
      if (j < incoming->len &&
          (survivor == NULL || compare (self, g_ptr_array_index (incoming, j), survivor) < 0))
        g_ptr_array_add (fresh, g_object_ref (g_ptr_array_index (incoming, j++)));
      else
        {
          g_ptr_array_add (fresh, g_object_ref (survivor));
          i++;
        }
    }

  /* The rows that differ, or show a ticket that changed: from the first
   * to the last. */
  for (head = 0; head < old->len && head < fresh->len; head++)
    if (g_ptr_array_index (old, head) != g_ptr_array_index (fresh, head) ||
        g_hash_table_contains (leaving, g_ptr_array_index (old, head)))
      break;
  for (tail = 0; tail < old->len - head && tail < fresh->len - head; tail++)
    if (g_ptr_array_index (old, old->len - 1 - tail) != g_ptr_array_index (fresh, fresh->len - 1 - tail) ||
        g_hash_table_contains (leaving, g_ptr_array_index (old, old->len - 1 - tail)))
      break;

  self->items = fresh;
  if (old->len != fresh->len || head < old->len || head < fresh->len)
    g_list_model_items_changed (G_LIST_MODEL (self), head, old->len - head - tail,
                                fresh->len - head - tail);
  g_ptr_array_unref (old);
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
  gint64 begin = g_get_monotonic_time ();

  if (n > REBUILD_THRESHOLD)
    rebuild (self);
  else
    apply_changes (self, added, changed, removed);
  g_debug ("%u changes in %.1f ms (from %.6f)", n, (g_get_monotonic_time () - begin) / 1000.0, begin / 1e6);
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
