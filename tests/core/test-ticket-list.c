/* test-ticket-list.c: the ticket list: merging a refresh in place, and one notice for a refresh in pieces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-test-tickets.h"
#include "csm-ticket-list.h"
#include "csm-ticket-private.h"

/* 2026-11-23T12:00:00Z, a Monday. Computed independently:
 * days from 1970-01-01 to 2026-11-23 = 20780; 20780 * 86400 + 12 * 3600. */
#define NOW ((gint64) 20780 * 86400 + 12 * 3600)

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *log)
{
  g_string_append_printf (log, "%u-%u+%u;", position, removed, added);
}

static void
test_ticket_list_merge (void)
{
  g_autoptr(CsmTicketList) list = csm_ticket_list_new ();
  g_autoptr(GPtrArray) batch = csm_test_tickets_sample (NOW);
  g_autoptr(GPtrArray) update = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GHashTable) keep = g_hash_table_new (g_int64_hash, g_int64_equal);
  CsmTicket *kept;
  CsmTicket *changed;
  gint64 keep_ids[] = { 1, 2, 3, 4, 5, 6, 7, 8 };

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), log);

  g_assert_cmpuint (csm_ticket_list_merge (list, batch, NULL), ==, 9);
  g_assert_cmpstr (log->str, ==, "0-0+9;");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 9);
  kept = csm_ticket_list_lookup (list, 3);
  g_assert_nonnull (kept);
  /* The list holds its own copies. */
  g_assert_true (kept != g_ptr_array_index (batch, 2));

  /* The same data again: nothing changes, nothing is emitted. */
  g_string_truncate (log, 0);
  g_assert_cmpuint (csm_ticket_list_merge (list, batch, NULL), ==, 0);
  g_assert_cmpstr (log->str, ==, "");

  /* Ticket 3 changes owner, ticket 10 is new: 3 updates in place (same
   * object, so views keep the row), 10 is appended. */
  changed = csm_test_ticket_new (3, 3, "Support", "open", "bob", NOW - 86400);
  g_ptr_array_add (update, changed);
  g_ptr_array_add (update, csm_test_ticket_new (10, 4, "Billing", "new", NULL, NOW));
  g_string_truncate (log, 0);
  {
    g_autoptr(GPtrArray) changed_out = g_ptr_array_new_with_free_func (g_object_unref);
    g_assert_cmpuint (csm_ticket_list_merge (list, update, changed_out), ==, 2);
    g_assert_cmpuint (changed_out->len, ==, 2);
    g_assert_true (g_ptr_array_index (changed_out, 0) == changed);
  }
  g_assert_cmpstr (log->str, ==, "2-1+1;9-0+1;");
  g_assert_true (csm_ticket_list_lookup (list, 3) == kept);
  g_assert_cmpstr (csm_ticket_get_owner (kept), ==, "bob");

  /* Reconcile: keep 1..8; 9 and 10 go. */
  for (guint i = 0; i < G_N_ELEMENTS (keep_ids); i++)
    g_hash_table_add (keep, &keep_ids[i]);
  g_string_truncate (log, 0);
  g_assert_cmpuint (csm_ticket_list_retain (list, keep), ==, 2);
  g_assert_cmpstr (log->str, ==, "9-1+0;8-1+0;");
  g_assert_null (csm_ticket_list_lookup (list, 9));
  g_assert_true (csm_ticket_list_lookup (list, 3) == kept);
  g_assert_cmpint (csm_ticket_get_id (csm_ticket_list_lookup (list, 8)), ==, 8);

  g_assert_true (csm_ticket_list_remove (list, 1));
  g_assert_false (csm_ticket_list_remove (list, 1));
  g_assert_cmpint (csm_ticket_get_id (csm_ticket_list_lookup (list, 2)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 7);
}

static void
record_tickets_changed_cb (CsmTicketList *list,
                           GPtrArray     *added,
                           GPtrArray     *changed,
                           GPtrArray     *removed,
                           GString       *log)
{
  g_string_append_printf (log, "+%u ~%u -%u;", added ? added->len : 0, changed ? changed->len : 0,
                          removed ? removed->len : 0);
}

/* A refresh in pieces reaches views as one notice; the list itself changes
 * at once. */
static void
test_ticket_list_freeze (void)
{
  g_autoptr(CsmTicketList) list = csm_ticket_list_new ();
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) log = g_string_new (NULL);

  g_ptr_array_add (first, csm_test_ticket_new (1, 1, "Support", "new", NULL, NOW));
  g_ptr_array_add (first, csm_test_ticket_new (2, 1, "Support", "new", NULL, NOW));
  csm_ticket_list_merge (list, first, NULL);
  g_signal_connect (list, "tickets-changed", G_CALLBACK (record_tickets_changed_cb), log);

  csm_ticket_list_freeze_changes (list);
  csm_ticket_list_freeze_changes (list);
  g_ptr_array_add (second, csm_test_ticket_new (3, 1, "Support", "new", NULL, NOW));
  g_ptr_array_add (second, csm_test_ticket_new (1, 1, "Support", "open", NULL, NOW));
  csm_ticket_list_merge (list, second, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpstr (csm_ticket_get_status (csm_ticket_list_lookup (list, 1)), ==, "open");
  g_assert_true (csm_ticket_list_remove (list, 2));
  csm_ticket_list_thaw_changes (list);
  g_assert_cmpstr (log->str, ==, "");
  csm_ticket_list_thaw_changes (list);
  g_assert_cmpstr (log->str, ==, "+1 ~1 -1;");

  /* Thawed, notices go out one by one again. */
  g_assert_true (csm_ticket_list_remove (list, 3));
  g_assert_cmpstr (log->str, ==, "+1 ~1 -1;+0 ~0 -1;");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/ticket-list/merge", test_ticket_list_merge);
  g_test_add_func ("/core/ticket-list/freeze", test_ticket_list_freeze);

  return g_test_run ();
}
