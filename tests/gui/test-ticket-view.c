/* test-ticket-view.c: the patched, sorted ticket view always equals a fresh filter + sort.
 *
 * Random batches of changes (new tickets, changed deadlines and statuses,
 * removals) go through the ticket list; after each batch the view must hold
 * exactly what filtering and sorting the list from scratch gives, and the
 * items-changed signals it emitted, replayed on a shadow copy, must lead to
 * the same array (a view that is right but says the wrong thing to GTK
 * shows the wrong rows).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "csm-ticket-filter.h"
#include "csm-ticket-list.h"
#include "csm-ticket-private.h"
#include "csm-ticket-view.h"

static const char * const statuses[] = { "new", "open", "stalled", "resolved" };

static CsmTicket *
random_ticket (GRand  *rand,
               gint64  id)
{
  CsmTicket *t = csm_ticket_new (id);

  _csm_ticket_set_string (&t->status, statuses[g_rand_int_range (rand, 0, 4)]);
  t->queue_id = g_rand_int_range (rand, 1, 4);
  /* Many equal deadlines, some unset: ties must be broken consistently. */
  t->due = g_rand_int_range (rand, 0, 4) == 0 ? 0 : 1000 + g_rand_int_range (rand, 0, 50) * 60;
  t->created = 500 + g_rand_int_range (rand, 0, 1000);
  return t;
}

static int
compare_due (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  return csm_ticket_compare ((CsmTicket *) a, (CsmTicket *) b, CSM_TICKET_COLUMN_SLA_DUE);
}

static gboolean
active_only (CsmTicket *ticket,
             gpointer   user_data)
{
  const CsmTicketFilterSpec *spec = user_data;

  return csm_ticket_filter_matches (spec, ticket);
}

static gboolean
filter_active_cb (CsmTicket *ticket,
                  gpointer   user_data)
{
  return csm_ticket_is_active (ticket);
}

static int
compare_ptr (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  GtkSorter *sorter = user_data;
  CsmTicket *ta = *(CsmTicket * const *) a;
  CsmTicket *tb = *(CsmTicket * const *) b;
  GtkOrdering o = gtk_sorter_compare (sorter, ta, tb);

  if (o != GTK_ORDERING_EQUAL)
    return o;
  return csm_ticket_get_id (ta) < csm_ticket_get_id (tb) ? -1 : 1;
}

/* Replays items-changed on a shadow array of the view's items. */
static void
shadow_cb (GListModel *model,
           guint       position,
           guint       removed,
           guint       added,
           GPtrArray  *shadow)
{
  g_assert_cmpuint (position + removed, <=, shadow->len);
  g_ptr_array_remove_range (shadow, position, removed);
  for (guint i = 0; i < added; i++)
    {
      CsmTicket *t = g_list_model_get_item (model, position + i);
      g_ptr_array_insert (shadow, position + i, t);
    }
}

static void
check (CsmTicketList *list,
       CsmTicketView *view,
       GPtrArray     *shadow,
       GtkSorter     *sorter,
       const CsmTicketFilterSpec *spec)
{
  GPtrArray *all = csm_ticket_list_get_array (list);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (view));

  for (guint i = 0; i < all->len; i++)
    if (csm_ticket_filter_matches (spec, g_ptr_array_index (all, i)))
      g_ptr_array_add (expected, g_ptr_array_index (all, i));
  g_ptr_array_sort_with_data (expected, compare_ptr, sorter);

  g_assert_cmpuint (n, ==, expected->len);
  g_assert_cmpuint (shadow->len, ==, expected->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsmTicket) t = g_list_model_get_item (G_LIST_MODEL (view), i);
      g_assert_true (t == g_ptr_array_index (expected, i));
      g_assert_true (g_ptr_array_index (shadow, i) == g_ptr_array_index (expected, i));
    }
}

static void
test_random_batches (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  /* Declared first so that it outlives the view that reports into it. */
  g_autoptr(GPtrArray) shadow = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CsmTicketList) list = csm_ticket_list_new ();
  g_autoptr(CsmTicketView) view = csm_ticket_view_new ();
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare_due, NULL, NULL));
  CsmTicketFilterSpec spec = { .active_only = TRUE };
  gint64 next_id = 1;

  csm_ticket_view_set_filter (view, active_only, &spec);
  csm_ticket_view_set_sorter (view, sorter);
  csm_ticket_view_set_list (view, list);
  g_signal_connect (view, "items-changed", G_CALLBACK (shadow_cb), shadow);

  for (int round = 0; round < 300; round++)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
      GPtrArray *all = csm_ticket_list_get_array (list);
      int n_new = round < 5 ? 200 : g_rand_int_range (rand, 0, 10);
      int n_changed = all->len ? g_rand_int_range (rand, 0, 25) : 0;

      for (int i = 0; i < n_new; i++)
        g_ptr_array_add (batch, random_ticket (rand, next_id++));
      /* Changes come as fresh copies of existing tickets, as from the helpdesk. */
      for (int i = 0; i < n_changed; i++)
        {
          CsmTicket *old = g_ptr_array_index (all, g_rand_int_range (rand, 0, all->len));
          CsmTicket *fresh = random_ticket (rand, csm_ticket_get_id (old));
          g_ptr_array_add (batch, fresh);
        }
      csm_ticket_list_merge (list, batch, NULL);
      check (list, view, shadow, sorter, &spec);

      if (all->len > 0 && g_rand_int_range (rand, 0, 3) == 0)
        {
          CsmTicket *victim = g_ptr_array_index (all, g_rand_int_range (rand, 0, all->len));
          g_assert_true (csm_ticket_list_remove (list, csm_ticket_get_id (victim)));
          check (list, view, shadow, sorter, &spec);
        }

      if (round % 50 == 49)
        {
          /* A new filter: only queue 2, then all again. */
          spec.queue_id = spec.queue_id ? 0 : 2;
          csm_ticket_view_refilter (view);
          check (list, view, shadow, sorter, &spec);
        }
    }

  /* Reconcile drops a third. */
  {
    g_autoptr(GHashTable) keep = g_hash_table_new (g_int64_hash, g_int64_equal);
    GPtrArray *all = csm_ticket_list_get_array (list);
    g_autoptr(GPtrArray) kept = g_ptr_array_new ();

    for (guint i = 0; i < all->len; i++)
      if (i % 3 != 0)
        g_ptr_array_add (kept, g_ptr_array_index (all, i));
    for (guint i = 0; i < kept->len; i++)
      g_hash_table_add (keep, &((CsmTicket *) g_ptr_array_index (kept, i))->id);
    csm_ticket_list_retain (list, keep);
    check (list, view, shadow, sorter, &spec);
  }
}

typedef struct
{
  guint count;
  guint position;
  guint removed;
  guint added;
} Announcement;

static void
record_signal_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  Announcement *last)
{
  last->count++;
  last->position = position;
  last->removed = removed;
  last->added = added;
}

static void
count_signal_cb (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 guint      *count)
{
  (*count)++;
}

static void
test_selection_follows_moved_ticket (void)
{
  g_autoptr(CsmTicketList) list = csm_ticket_list_new ();
  g_autoptr(CsmTicketView) view = csm_ticket_view_new ();
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare_due, NULL, NULL));
  g_autoptr(GtkSingleSelection) selection = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) change = g_ptr_array_new_with_free_func (g_object_unref);
  CsmTicket *selected;
  guint signals = 0;
  Announcement last = { 0, };

  csm_ticket_view_set_sorter (view, sorter);
  csm_ticket_view_set_filter (view, filter_active_cb, NULL);
  csm_ticket_view_set_list (view, list);
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (view)));
  gtk_single_selection_set_autoselect (selection, FALSE);

  for (int i = 1; i <= 10; i++)
    {
      CsmTicket *t = csm_ticket_new (i);
      _csm_ticket_set_string (&t->status, "open");
      t->due = 1000 + i * 60;
      g_ptr_array_add (batch, t);
    }
  csm_ticket_list_merge (list, batch, NULL);

  /* Select ticket 3 (row 2). */
  gtk_single_selection_set_selected (selection, 2);
  selected = gtk_single_selection_get_selected_item (selection);
  g_assert_cmpint (csm_ticket_get_id (selected), ==, 3);

  /* In one refresh: ticket 3's deadline moves past everyone else's, ticket
   * 9 moves to the front, ticket 5 leaves the view (resolved), ticket 11
   * arrives in the middle. */
  g_signal_connect (view, "items-changed", G_CALLBACK (count_signal_cb), &signals);
  {
    CsmTicket *t3 = csm_ticket_new (3), *t9 = csm_ticket_new (9), *t5 = csm_ticket_new (5);
    CsmTicket *t11 = csm_ticket_new (11);

    _csm_ticket_set_string (&t3->status, "open");
    t3->due = 999999;
    _csm_ticket_set_string (&t9->status, "open");
    t9->due = 10;
    _csm_ticket_set_string (&t5->status, "resolved");
    t5->due = 1000 + 5 * 60;
    _csm_ticket_set_string (&t11->status, "open");
    t11->due = 1000 + 4 * 60 + 30;
    g_ptr_array_add (change, t3);
    g_ptr_array_add (change, t9);
    g_ptr_array_add (change, t5);
    g_ptr_array_add (change, t11);
  }
  csm_ticket_list_merge (list, change, NULL);

  g_assert_true (gtk_single_selection_get_selected_item (selection) == selected);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 9);
  {
    const gint64 expected[] = { 9, 1, 2, 4, 11, 6, 7, 8, 10, 3 };

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autoptr(CsmTicket) t = g_list_model_get_item (G_LIST_MODEL (view), i);
        g_assert_cmpint (csm_ticket_get_id (t), ==, expected[i]);
      }
  }
  /* One refresh, one announcement: the list view rebinds its rows once. */
  g_assert_cmpuint (signals, ==, 1);

  /* A ticket that changes without moving is announced in its row alone,
   * so the row shows the change. */
  signals = 0;
  g_ptr_array_set_size (change, 0);
  {
    CsmTicket *t8 = csm_ticket_new (8);

    _csm_ticket_set_string (&t8->status, "open");
    t8->due = 1000 + 8 * 60;
    t8->priority = 99;
    g_ptr_array_add (change, t8);
  }
  g_signal_handlers_disconnect_by_func (view, count_signal_cb, &signals);
  g_signal_connect (view, "items-changed", G_CALLBACK (record_signal_cb), &last);
  csm_ticket_list_merge (list, change, NULL);
  g_assert_cmpuint (last.count, ==, 1);
  g_assert_cmpuint (last.position, ==, 7);
  g_assert_cmpuint (last.removed, ==, 1);
  g_assert_cmpuint (last.added, ==, 1);

  /* Nothing the view shows changes: nothing is announced. */
  last.count = 0;
  g_ptr_array_set_size (change, 0);
  {
    CsmTicket *t5 = csm_ticket_new (5);

    _csm_ticket_set_string (&t5->status, "resolved");
    t5->due = 1000 + 5 * 60;
    t5->priority = 42;
    g_ptr_array_add (change, t5);
  }
  csm_ticket_list_merge (list, change, NULL);
  g_assert_cmpuint (last.count, ==, 0);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == selected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gui/ticket-view/random-batches", test_random_batches);
  g_test_add_func ("/gui/ticket-view/selection-follows-moved-ticket", test_selection_follows_moved_ticket);

  return g_test_run ();
}
