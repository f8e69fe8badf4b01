/* test-snapshots.c: batches land whole or not at all; queues, agents and cursors come back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <string.h>

#include "csm-agent.h"
#include "csm-queue.h"
#include "csm-ticket-private.h"
#include "store-test-util.h"

static void
test_queues_agents (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreBatch) first = csm_store_batch_new ();
  g_autoptr(CsmStoreBatch) other = csm_store_batch_new ();
  g_autoptr(CsmStoreBatch) second = csm_store_batch_new ();
  g_autoptr(CsmStoreBatch) clear = csm_store_batch_new ();
  g_autoptr(GPtrArray) queues = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) fewer = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  CsmQueue *sla;

  /* Not in id order: the given order is kept. */
  g_ptr_array_add (queues, csm_queue_new (9, "Billing", "Invoices, refunds"));
  g_ptr_array_add (queues, csm_queue_new (3, "Général", NULL));
  sla = csm_queue_new (5, "", "");
  csm_queue_set_sla_enabled (sla, TRUE);
  g_ptr_array_add (queues, sla);
  g_ptr_array_add (agents, csm_agent_new ("zoe", "Zoë Ångström", "zoe@example.com"));
  g_ptr_array_add (agents, csm_agent_new ("adam", NULL, NULL));

  csm_store_batch_replace_queues (first, queues);
  csm_store_batch_replace_agents (first, agents);
  g_assert_false (csm_store_batch_is_empty (first));
  commit_ok (store, g_steal_pointer (&first));

  snapshot = load_ok (store);
  g_assert_cmpuint (snapshot->queues->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (csm_queue_equal (g_ptr_array_index (queues, i),
                                    g_ptr_array_index (snapshot->queues, i)));
  g_assert_true (csm_queue_get_sla_enabled (g_ptr_array_index (snapshot->queues, 2)));
  g_assert_cmpstr (csm_queue_get_description (g_ptr_array_index (snapshot->queues, 1)), ==, NULL);
  g_assert_cmpuint (snapshot->agents->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_true (csm_agent_equal (g_ptr_array_index (agents, i),
                                    g_ptr_array_index (snapshot->agents, i)));
  g_clear_pointer (&snapshot, csm_store_snapshot_free);

  /* A batch that does not mention them leaves them alone. */
  csm_store_batch_set_cursor (other, "x", "y");
  commit_ok (store, g_steal_pointer (&other));
  snapshot = load_ok (store);
  g_assert_cmpuint (snapshot->queues->len, ==, 3);
  g_assert_cmpuint (snapshot->agents->len, ==, 2);
  g_clear_pointer (&snapshot, csm_store_snapshot_free);

  /* Replacing is replacing, not merging. */
  g_ptr_array_add (fewer, csm_queue_new (1, "General", NULL));
  csm_store_batch_replace_queues (second, fewer);
  commit_ok (store, g_steal_pointer (&second));
  snapshot = load_ok (store);
  g_assert_cmpuint (snapshot->queues->len, ==, 1);
  g_assert_cmpint (csm_queue_get_id (g_ptr_array_index (snapshot->queues, 0)), ==, 1);
  g_assert_cmpuint (snapshot->agents->len, ==, 2);
  g_clear_pointer (&snapshot, csm_store_snapshot_free);

  /* Empty, or NULL, clears. */
  csm_store_batch_replace_queues (clear, none);
  csm_store_batch_replace_agents (clear, NULL);
  g_assert_false (csm_store_batch_is_empty (clear));
  commit_ok (store, g_steal_pointer (&clear));
  snapshot = load_ok (store);
  g_assert_cmpuint (snapshot->queues->len, ==, 0);
  g_assert_cmpuint (snapshot->agents->len, ==, 0);

  close_and_release (&store);
}

static void
test_cursors (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreBatch) first = csm_store_batch_new ();
  g_autoptr(CsmStoreBatch) second = csm_store_batch_new ();
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;

  csm_store_batch_set_cursor (first, "tickets", "2024-05-01 10:00:00");
  csm_store_batch_set_cursor (first, "transactions", "12345");
  csm_store_batch_set_cursor (first, "agents", "first");
  csm_store_batch_set_cursor (first, "agents", "second");
  commit_ok (store, g_steal_pointer (&first));

  snapshot = load_ok (store);
  g_assert_cmpuint (g_hash_table_size (snapshot->cursors), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (snapshot->cursors, "tickets"), ==, "2024-05-01 10:00:00");
  g_assert_cmpstr (g_hash_table_lookup (snapshot->cursors, "agents"), ==, "second");
  g_clear_pointer (&snapshot, csm_store_snapshot_free);

  csm_store_batch_set_cursor (second, "tickets", "2024-05-02 00:00:00");
  csm_store_batch_set_cursor (second, "transactions", NULL);
  csm_store_batch_set_cursor (second, "empty", "");
  commit_ok (store, g_steal_pointer (&second));
  close_and_release (&store);

  store = open_store_ok (f);
  snapshot = load_ok (store);
  g_assert_cmpuint (g_hash_table_size (snapshot->cursors), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (snapshot->cursors, "tickets"), ==, "2024-05-02 00:00:00");
  g_assert_false (g_hash_table_contains (snapshot->cursors, "transactions"));
  g_assert_cmpstr (g_hash_table_lookup (snapshot->cursors, "empty"), ==, "");
  close_and_release (&store);
}

static void
test_commit_atomic (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreBatch) initial = csm_store_batch_new ();
  g_autoptr(CsmStoreBatch) doomed = csm_store_batch_new ();
  g_autoptr(CsmStoreBatch) good = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(GPtrArray) transactions = transaction_array ();
  g_autoptr(GPtrArray) queues = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) new_tickets = ticket_array ();
  g_autoptr(GPtrArray) new_transactions = transaction_array ();
  g_autoptr(GPtrArray) new_queues = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) new_agents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CsmStoreSnapshot) before = NULL;
  g_autoptr(CsmStoreSnapshot) after = NULL;
  g_autoptr(GError) error = NULL;
  CsmTicket *changed;
  sqlite3 *db;

  for (guint i = 1; i <= 3; i++)
    {
      g_ptr_array_add (tickets, make_ticket (i));
      g_ptr_array_add (transactions, make_transaction (10 * i, i, CSM_TRANSACTION_CREATE));
    }
  g_ptr_array_add (tickets, make_ticket (666));
  g_ptr_array_add (queues, csm_queue_new (1, "General", NULL));
  g_ptr_array_add (agents, csm_agent_new ("alice", "Alice", NULL));
  csm_store_batch_add_tickets (initial, tickets);
  csm_store_batch_add_transactions (initial, transactions);
  csm_store_batch_replace_queues (initial, queues);
  csm_store_batch_replace_agents (initial, agents);
  csm_store_batch_set_cursor (initial, "tickets", "v1");
  commit_ok (store, g_steal_pointer (&initial));
  before = load_ok (store);
  close_and_release (&store);

  /* Deleting ticket 666 fails, and deletions are the last thing a commit
   * writes: everything else in the batch has been written when it fails. */
  db = raw_open (f->path);
  raw_exec (db, "CREATE TRIGGER fail_666 BEFORE DELETE ON tickets WHEN OLD.id = 666 "
                "BEGIN SELECT RAISE (ABORT, 'injected failure'); END");
  sqlite3_close (db);

  store = open_store_ok (f);
  changed = make_ticket (1);
  g_free (changed->subject);
  changed->subject = g_strdup ("must not land");
  g_ptr_array_add (new_tickets, changed);
  g_ptr_array_add (new_tickets, make_ticket (4));
  g_ptr_array_add (new_transactions, make_transaction (40, 4, CSM_TRANSACTION_CREATE));
  g_ptr_array_add (new_transactions, make_transaction (10, 1, CSM_TRANSACTION_COMMENT));
  g_ptr_array_add (new_queues, csm_queue_new (2, "Other", NULL));
  g_ptr_array_add (new_agents, csm_agent_new ("bob", NULL, NULL));
  csm_store_batch_add_tickets (doomed, new_tickets);
  csm_store_batch_add_transactions (doomed, new_transactions);
  csm_store_batch_replace_queues (doomed, new_queues);
  csm_store_batch_replace_agents (doomed, new_agents);
  csm_store_batch_set_cursor (doomed, "tickets", "v2");
  csm_store_batch_set_cursor (doomed, "new", "x");
  csm_store_batch_delete_ticket (doomed, 2);
  csm_store_batch_delete_ticket (doomed, 666);

  g_assert_false (commit (store, g_steal_pointer (&doomed), &error));
  g_assert_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "injected failure"));

  after = load_ok (store);
  assert_snapshots_same (before, after);

  /* The connection is still usable after the rollback. */
  csm_store_batch_delete_ticket (good, 2);
  csm_store_batch_set_cursor (good, "tickets", "v3");
  commit_ok (store, g_steal_pointer (&good));
  g_clear_pointer (&after, csm_store_snapshot_free);
  after = load_ok (store);
  g_assert_cmpuint (after->tickets->len, ==, 3);
  {
    g_autoptr(GPtrArray) histories = load_histories (store, after->tickets, NULL);
    g_assert_cmpuint (histories->len, ==, 2);
  }
  g_assert_cmpstr (g_hash_table_lookup (after->cursors, "tickets"), ==, "v3");

  close_and_release (&store);
}

static void
fill_nothing (CsmStoreBatch *batch)
{
}

static void
fill_deferred_metrics (CsmStoreBatch *batch)
{
  csm_store_batch_defer_metrics (batch);
}

static void
fill_all_metrics (CsmStoreBatch *batch)
{
  csm_store_batch_update_all_metrics (batch);
}

static void
fill_all_then_deferred_metrics (CsmStoreBatch *batch)
{
  csm_store_batch_update_all_metrics (batch);
  csm_store_batch_defer_metrics (batch);
}

static void
fill_ticket (CsmStoreBatch *batch)
{
  g_autoptr(GPtrArray) tickets = ticket_array ();

  g_ptr_array_add (tickets, make_ticket (1));
  csm_store_batch_add_tickets (batch, tickets);
}

static void
fill_no_tickets (CsmStoreBatch *batch)
{
  g_autoptr(GPtrArray) tickets = ticket_array ();

  csm_store_batch_add_tickets (batch, tickets);
}

static void
fill_deletion (CsmStoreBatch *batch)
{
  csm_store_batch_delete_ticket (batch, 1);
}

static void
fill_transaction (CsmStoreBatch *batch)
{
  g_autoptr(GPtrArray) transactions = transaction_array ();

  g_ptr_array_add (transactions, make_transaction (1, 1, CSM_TRANSACTION_CREATE));
  csm_store_batch_add_transactions (batch, transactions);
}

static void
fill_no_queues (CsmStoreBatch *batch)
{
  g_autoptr(GPtrArray) queues = g_ptr_array_new_with_free_func (g_object_unref);

  csm_store_batch_replace_queues (batch, queues);
}

static void
fill_null_agents (CsmStoreBatch *batch)
{
  csm_store_batch_replace_agents (batch, NULL);
}

static void
fill_cursor (CsmStoreBatch *batch)
{
  csm_store_batch_set_cursor (batch, "tickets", "v1");
}

static void
fill_cursor_deletion (CsmStoreBatch *batch)
{
  csm_store_batch_set_cursor (batch, "tickets", NULL);
}

/* A batch is empty when committing it would change nothing: deferring
 * metrics alone does not, clearing a list (even with NULL) does. */
static const struct
{
  const char *what;
  void (*fill) (CsmStoreBatch *batch);
  gboolean empty;
} batch_rows[] = {
  { "nothing", fill_nothing, TRUE },
  { "metrics deferred", fill_deferred_metrics, TRUE },
  { "every ticket's metrics", fill_all_metrics, FALSE },
  { "every ticket's metrics, then deferred", fill_all_then_deferred_metrics, FALSE },
  { "a ticket", fill_ticket, FALSE },
  { "no tickets", fill_no_tickets, TRUE },
  { "a deletion", fill_deletion, FALSE },
  { "a transaction", fill_transaction, FALSE },
  { "an empty queue list", fill_no_queues, FALSE },
  { "a NULL agent list", fill_null_agents, FALSE },
  { "a cursor", fill_cursor, FALSE },
  { "a cursor deleted", fill_cursor_deletion, FALSE },
};

static void
test_batch_is_empty (Fixture       *f,
                     gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (batch_rows); i++)
    {
      g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();

      batch_rows[i].fill (batch);
      if (csm_store_batch_is_empty (batch) != batch_rows[i].empty)
        g_test_fail_printf ("a batch of %s is %s", batch_rows[i].what,
                            batch_rows[i].empty ? "not empty" : "empty");
    }
}

/* Deferring metrics leaves a commit that works them all out as it is. */
static void
test_all_metrics_not_deferred (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(GPtrArray) transactions = transaction_array ();
  g_autoptr(GArray) metrics = NULL;

  g_ptr_array_add (tickets, make_ticket (1));
  g_ptr_array_add (transactions, csm_transaction_new (10, 1, CSM_TRANSACTION_CORRESPOND, T0 + 60,
                                                      "alice", 0));
  csm_store_batch_add_tickets (batch, tickets);
  csm_store_batch_add_transactions (batch, transactions);
  csm_store_batch_update_all_metrics (batch);
  csm_store_batch_defer_metrics (batch);
  metrics = commit_metrics (store, g_steal_pointer (&batch));
  g_assert_cmpuint (metrics->len, ==, 1);
  g_assert_cmpint (find_metrics (metrics, 1)->first_response, ==, T0 + 60);
  close_and_release (&store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  STORE_TEST_ADD ("/store/snapshots/queues-agents", test_queues_agents);
  STORE_TEST_ADD ("/store/snapshots/cursors", test_cursors);
  STORE_TEST_ADD ("/store/snapshots/commit-atomic", test_commit_atomic);
  STORE_TEST_ADD ("/store/snapshots/batch-is-empty", test_batch_is_empty);
  STORE_TEST_ADD ("/store/snapshots/all-metrics-not-deferred", test_all_metrics_not_deferred);

  return g_test_run ();
}
