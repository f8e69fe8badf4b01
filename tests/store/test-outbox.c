/* test-outbox.c: the outbox of write-backs: added, listed, updated, removed, and kept on disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include "store-test-util.h"

/* Add, list (oldest first, done ones left out), update, remove; and what
 * was added is on disk when the callback runs, for another connection. */
static void
test_outbox (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(CsmOutboxEntry) copy = NULL;
  g_autofree char *text = NULL;
  CsmOutboxEntry *e;
  gint64 a, b, c;

  store = open_store_ok (f);
  a = outbox_add (store, 42, "Owner", "bob", "alice", T0);
  b = outbox_add (store, 43, "Status", "resolved", NULL, T0 + 5);
  c = outbox_add (store, 42, "Status", "open", "new", T0 + 9);
  g_assert_cmpint (a, <, b);
  g_assert_cmpint (b, <, c);

  /* Committed when the callback ran: another connection sees the row while
   * the store is still open. */
  text = raw_query (f->path, "SELECT value FROM outbox WHERE ticket_id = 42 AND field = 'Owner'");
  g_assert_cmpstr (text, ==, "bob");
  g_clear_pointer (&text, g_free);

  entries = outbox_list (store);
  g_assert_cmpuint (entries->len, ==, 3);
  e = g_ptr_array_index (entries, 0);
  g_assert_cmpint (e->id, ==, a);
  g_assert_cmpint (e->ticket_id, ==, 42);
  g_assert_cmpstr (e->field, ==, "Owner");
  g_assert_cmpstr (e->value, ==, "bob");
  g_assert_cmpstr (e->previous, ==, "alice");
  g_assert_cmpint (e->queued, ==, T0);
  g_assert_cmpuint (e->attempts, ==, 0);
  g_assert_cmpint (e->next_attempt, ==, 0);
  g_assert_cmpint (e->state, ==, CSM_OUTBOX_PENDING);
  g_assert_null (e->error);
  g_assert_null (((CsmOutboxEntry *) g_ptr_array_index (entries, 1))->previous);

  /* The first is being sent (its write itself cannot be changed), the
   * second failed, the third is done. */
  copy = csm_outbox_entry_copy (e);
  copy->state = CSM_OUTBOX_SENDING;
  copy->attempts = 2;
  copy->next_attempt = T0 + 15;
  g_free (copy->value);
  copy->value = g_strdup ("ignored");
  outbox_update (store, copy);
  e = g_ptr_array_index (entries, 1);
  e->state = CSM_OUTBOX_FAILED;
  e->error = g_strdup ("Ticket 43: Permission Denied");
  outbox_update (store, e);
  e = g_ptr_array_index (entries, 2);
  e->state = CSM_OUTBOX_DONE;
  outbox_update (store, e);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* It survives a reopen. */
  close_and_release (&store);
  store = open_store_ok (f);
  entries = outbox_list (store);
  g_assert_cmpuint (entries->len, ==, 2);
  e = g_ptr_array_index (entries, 0);
  g_assert_cmpint (e->id, ==, a);
  g_assert_cmpint (e->state, ==, CSM_OUTBOX_SENDING);
  g_assert_cmpuint (e->attempts, ==, 2);
  g_assert_cmpint (e->next_attempt, ==, T0 + 15);
  g_assert_cmpstr (e->value, ==, "bob");
  e = g_ptr_array_index (entries, 1);
  g_assert_cmpint (e->id, ==, b);
  g_assert_cmpint (e->state, ==, CSM_OUTBOX_FAILED);
  g_assert_cmpstr (e->error, ==, "Ticket 43: Permission Denied");
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Removing, twice (no error); an id is never given again. */
  outbox_remove (store, c);
  outbox_remove (store, c);
  g_assert_cmpint (outbox_add (store, 44, "Owner", "Nobody", NULL, T0 + 20), ==, c + 1);
  outbox_remove (store, a);
  entries = outbox_list (store);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpint (((CsmOutboxEntry *) g_ptr_array_index (entries, 0))->id, ==, b);
  g_assert_cmpint (((CsmOutboxEntry *) g_ptr_array_index (entries, 1))->id, ==, c + 1);
  close_and_release (&store);
}

static const struct
{
  CsmOutboxState state;
  const char *name;
} state_names[] = {
  { CSM_OUTBOX_PENDING, "pending" },
  { CSM_OUTBOX_SENDING, "sending" },
  { CSM_OUTBOX_DONE, "done" },
  { CSM_OUTBOX_FAILED, "failed" },
  { (CsmOutboxState) 42, "unknown" },
};

static void
test_state_names (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    {
      const char *name = csm_outbox_state_to_string (state_names[i].state);

      if (g_strcmp0 (name, state_names[i].name) != 0)
        g_test_fail_printf ("state %d is called %s, not %s", state_names[i].state, name,
                            state_names[i].name);
    }
}

/* A copy owns its strings; NULL ones stay NULL. */
static void
test_entry_copy (Fixture       *f,
                 gconstpointer  data)
{
  CsmOutboxEntry entry = {
    .id = 7, .ticket_id = 42, .field = (char *) "Owner", .value = (char *) "bob",
    .previous = NULL, .queued = T0, .attempts = 3, .next_attempt = T0 + 60,
    .state = CSM_OUTBOX_FAILED, .error = (char *) "Permission Denied",
  };
  g_autoptr(CsmOutboxEntry) copy = csm_outbox_entry_copy (&entry);
  g_autoptr(CsmOutboxEntry) boxed = g_boxed_copy (csm_outbox_entry_get_type (), copy);

  g_assert_cmpint (copy->id, ==, 7);
  g_assert_cmpint (copy->ticket_id, ==, 42);
  g_assert_true (copy->field != entry.field);
  g_assert_cmpstr (copy->field, ==, "Owner");
  g_assert_cmpstr (copy->value, ==, "bob");
  g_assert_null (copy->previous);
  g_assert_cmpint (copy->queued, ==, T0);
  g_assert_cmpuint (copy->attempts, ==, 3);
  g_assert_cmpint (copy->next_attempt, ==, T0 + 60);
  g_assert_cmpint (copy->state, ==, CSM_OUTBOX_FAILED);
  g_assert_cmpstr (copy->error, ==, "Permission Denied");
  g_assert_true (boxed->error != copy->error);
  g_assert_cmpstr (boxed->error, ==, copy->error);

  csm_outbox_entry_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  STORE_TEST_ADD ("/store/outbox/round-trip", test_outbox);
  STORE_TEST_ADD ("/store/outbox/state-names", test_state_names);
  STORE_TEST_ADD ("/store/outbox/entry-copy", test_entry_copy);

  return g_test_run ();
}
