/* test-jobs.c: the worker's jobs: cancelled, queued behind a close, and a store dropped unclosed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include "csm-test-async.h"
#include "csm-ticket-private.h"
#include "store-test-util.h"

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(GAsyncResult) open_result = NULL;
  g_autoptr(GAsyncResult) load_result = NULL;
  g_autoptr(GAsyncResult) commit_result = NULL;
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  CsmStore *not_opened;

  g_cancellable_cancel (cancellable);

  /* A cancelled open does not even create the file. */
  csm_store_open_async (f->path, cancellable, csm_test_store_result, &open_result);
  not_opened = csm_store_open_finish (csm_test_await (&open_result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (not_opened);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  store = open_store_ok (f);
  csm_store_load_async (store, cancellable, csm_test_store_result, &load_result);
  snapshot = csm_store_load_finish (store, csm_test_await (&load_result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (snapshot);
  g_clear_error (&error);

  g_ptr_array_add (tickets, make_ticket (1));
  csm_store_batch_add_tickets (batch, tickets);
  csm_store_commit_async (store, g_steal_pointer (&batch), cancellable, csm_test_store_result,
                          &commit_result);
  g_assert_false (csm_store_commit_finish (store, csm_test_await (&commit_result), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  snapshot = load_ok (store);
  g_assert_cmpuint (snapshot->tickets->len, ==, 0);

  /* A result holds its source object. */
  g_clear_object (&load_result);
  g_clear_object (&commit_result);
  close_and_release (&store);
}

typedef struct
{
  GPtrArray *order;
  GAsyncResult *result;
} Step;

static void
step_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Step *step = user_data;

  g_ptr_array_add (step->order, step);
  step->result = g_object_ref (result);
}

static void
test_close_with_pending_jobs (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreBatch) batch_a = csm_store_batch_new ();
  g_autoptr(CsmStoreBatch) batch_b = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets_a = ticket_array ();
  g_autoptr(GPtrArray) tickets_b = ticket_array ();
  g_autoptr(CsmStoreSnapshot) seen = NULL;
  g_autoptr(CsmStoreSnapshot) reopened = NULL;
  g_autoptr(GAsyncResult) late_load = NULL;
  g_autoptr(GAsyncResult) late_close = NULL;
  g_autoptr(GError) error = NULL;
  Step commit_a = { order, NULL };
  Step load_step = { order, NULL };
  Step commit_b = { order, NULL };
  Step close_step = { order, NULL };
  CsmStoreSnapshot *none;

  for (guint i = 1; i <= 500; i++)
    g_ptr_array_add (tickets_a, make_ticket (i));
  g_ptr_array_add (tickets_b, make_ticket (1000));
  csm_store_batch_add_tickets (batch_a, tickets_a);
  csm_store_batch_add_tickets (batch_b, tickets_b);

  /* All queued before any of them runs. */
  csm_store_commit_async (store, g_steal_pointer (&batch_a), NULL, step_cb, &commit_a);
  csm_store_load_async (store, NULL, step_cb, &load_step);
  csm_store_commit_async (store, g_steal_pointer (&batch_b), NULL, step_cb, &commit_b);
  csm_store_close_async (store, NULL, step_cb, &close_step);

  /* Too late: the store is closing. */
  csm_store_load_async (store, NULL, csm_test_store_result, &late_load);
  csm_store_close_async (store, NULL, csm_test_store_result, &late_close);

  while (close_step.result == NULL || late_load == NULL || late_close == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (order->len, ==, 4);
  g_assert_true (g_ptr_array_index (order, 0) == &commit_a);
  g_assert_true (g_ptr_array_index (order, 1) == &load_step);
  g_assert_true (g_ptr_array_index (order, 2) == &commit_b);
  g_assert_true (g_ptr_array_index (order, 3) == &close_step);

  g_assert_true (csm_store_commit_finish (store, commit_a.result, NULL, &error));
  g_assert_no_error (error);
  seen = csm_store_load_finish (store, load_step.result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->tickets->len, ==, 500);
  g_assert_true (csm_store_commit_finish (store, commit_b.result, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (csm_store_close_finish (store, close_step.result, &error));
  g_assert_no_error (error);

  none = csm_store_load_finish (store, late_load, &error);
  g_assert_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_CLOSED);
  g_assert_null (none);
  g_clear_error (&error);
  g_assert_false (csm_store_close_finish (store, late_close, &error));
  g_assert_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_CLOSED);

  g_clear_object (&commit_a.result);
  g_clear_object (&load_step.result);
  g_clear_object (&commit_b.result);
  g_clear_object (&close_step.result);
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_clear_object (&store);
  g_assert_null (store);

  store = open_store_ok (f);
  reopened = load_ok (store);
  g_assert_cmpuint (reopened->tickets->len, ==, 501);
  close_and_release (&store);
}

static void
test_dispose_unclosed (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = NULL;
  CsmStore *weak;

  g_ptr_array_add (tickets, make_ticket (1));
  csm_store_batch_add_tickets (batch, tickets);
  commit_ok (store, g_steal_pointer (&batch));

  /* Dropped with a job in flight: the job keeps the store until it answers. */
  weak = store;
  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  csm_store_load_async (store, NULL, csm_test_store_result, &result);
  g_clear_object (&store);
  g_assert_nonnull (weak);
  snapshot = csm_store_load_finish (weak, csm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (snapshot->tickets->len, ==, 1);
  g_clear_object (&result);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (weak);

  /* The worker closed the file cleanly on its way out. */
  clean = raw_query (f->path, "SELECT value FROM meta WHERE key = 'clean-shutdown'");
  g_assert_cmpstr (clean, ==, "1");

  store = open_store_ok (f);
  g_assert_false (csm_store_get_was_rebuilt (store));
  g_clear_pointer (&snapshot, csm_store_snapshot_free);
  snapshot = load_ok (store);
  g_assert_cmpuint (snapshot->tickets->len, ==, 1);
  g_clear_object (&store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  STORE_TEST_ADD ("/store/jobs/cancelled", test_cancelled);
  STORE_TEST_ADD ("/store/jobs/close-with-pending", test_close_with_pending_jobs);
  STORE_TEST_ADD ("/store/jobs/dispose-unclosed", test_dispose_unclosed);

  return g_test_run ();
}
