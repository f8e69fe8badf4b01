/* test-damage.c: a damaged cache is found, at open or later, set aside once and rebuilt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <string.h>

#include "store-test-util.h"

#define UNCLEAN_SHUTDOWN "UPDATE meta SET value = '0' WHERE key = 'clean-shutdown'"

typedef enum
{
  DAMAGE_RANDOM_BYTES,
  DAMAGE_TRUNCATED_HALF,
  DAMAGE_TRUNCATED_HEADER,
  DAMAGE_ZEROED_FIRST_PAGE,
} Damage;

static void
test_corrupt_at_open (Fixture       *f,
                      gconstpointer  data)
{
  Damage damage = GPOINTER_TO_INT (data);
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autofree char *aside = NULL;
  g_autofree char *stale = g_strconcat (f->path, ".corrupt-20000101T000000Z", NULL);
  g_autofree guint8 *data_copy = NULL;
  gsize len;

  populate (f, 2000);
  original = read_file (f->path);
  len = g_bytes_get_size (original);
  g_assert_cmpuint (len, >, 64 * 1024);
  data_copy = g_memdup2 (g_bytes_get_data (original, NULL), len);

  switch (damage)
    {
    case DAMAGE_RANDOM_BYTES:
      for (gsize i = 0; i < len; i++)
        data_copy[i] = (guint8) g_test_rand_int_range (0, 256);
      break;
    case DAMAGE_TRUNCATED_HALF:
      len /= 2;
      break;
    case DAMAGE_TRUNCATED_HEADER:
      len = 60;
      break;
    case DAMAGE_ZEROED_FIRST_PAGE:
      memset (data_copy, 0, 4096);
      break;
    default:
      g_assert_not_reached ();
    }
  write_file (f->path, data_copy, len);
  damaged = read_file (f->path);

  /* An older damaged copy, which must not pile up. */
  write_file (stale, (const guint8 *) "old", 3);

  store = open_store_ok (f);
  g_assert_true (csm_store_get_was_rebuilt (store));
  g_assert_cmpint (csm_store_get_schema_version (store), ==, CSM_STORE_SCHEMA_VERSION);
  snapshot = load_ok (store);
  assert_snapshot_empty (snapshot);
  g_clear_pointer (&snapshot, csm_store_snapshot_free);

  /* The damaged file is kept once, as it was. */
  g_assert_cmpuint (count_corrupt_copies (f->path, &aside), ==, 1);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  kept = read_file (aside);
  g_assert_true (g_bytes_equal (kept, damaged));

  /* A working cache. */
  g_ptr_array_add (tickets, make_ticket (7));
  csm_store_batch_add_tickets (batch, tickets);
  commit_ok (store, g_steal_pointer (&batch));
  close_and_release (&store);

  store = open_store_ok (f);
  g_assert_false (csm_store_get_was_rebuilt (store));
  snapshot = load_ok (store);
  assert_tickets_same (tickets, snapshot->tickets);
  close_and_release (&store);
}

static void
test_corrupt_later (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *marker = g_strconcat (f->path, ".needs-rebuild", NULL);

  /* Damage deep inside a cleanly closed file: the cheap checks at open do
   * not read those pages, the load does. */
  populate (f, 3000);
  zero_pages (f->path, 0.4, 0.9);

  store = open_store_ok (f);
  g_assert_false (csm_store_get_was_rebuilt (store));
  snapshot = load (store, &error);
  g_assert_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_CORRUPT);
  g_assert_null (snapshot);
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  close_and_release (&store);

  assert_rebuilt_empty (f);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_corrupt_copies (f->path, NULL), ==, 1);
}

static void
test_corrupt_after_crash (Fixture       *f,
                          gconstpointer  data)
{
  /* The same damage, but the last session did not close cleanly: the open
   * runs the full check and rebuilds at once. */
  populate (f, 3000);
  raw_change (f->path, UNCLEAN_SHUTDOWN);
  zero_pages (f->path, 0.4, 0.9);

  assert_rebuilt_empty (f);
}

static void
test_crash_without_damage (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;

  /* An unclean shutdown alone is no reason to throw the cache away. */
  populate (f, 100);
  raw_change (f->path, UNCLEAN_SHUTDOWN);

  store = open_store_ok (f);
  g_assert_false (csm_store_get_was_rebuilt (store));
  snapshot = load_ok (store);
  g_assert_cmpuint (snapshot->tickets->len, ==, 100);
  {
    g_autoptr(GPtrArray) histories = load_histories (store, snapshot->tickets, NULL);
    g_assert_cmpuint (histories->len, ==, 200);
  }
  close_and_release (&store);
}

/* A stored string vector that is not a JSON array of strings is damage
 * this code cannot decode: the load fails, the file is marked, and the next
 * open rebuilds it. Nothing the console ever wrote looks like this; strict
 * JSON also refuses text that is not UTF-8, or holds a raw control
 * character, which the reader of older consoles let through. */
static const char * const undecodable_vectors[] = {
  "'not json'",
  "''",
  "'{}'",
  "'\"a\"'",
  "'[1]'",
  "'[null]'",
  "'[[\"a\"]]'",
  "'[\"a\"'",
  "'[\"a\",]'",
  "'[\"a\"] x'",
  "'[\"\\u0000\"]'",
  "'[\"\\ud800\"]'",
  "'[\"\\x\"]'",
  "CAST (x'5b22ff225d' AS TEXT)",
  "'[\"a' || char (9) || 'b\"]'",
};

/* Returns a description of what went wrong, or NULL. */
static char *
check_undecodable_vector (const char *dir,
                          const char *sql)
{
  g_autofree char *path = g_build_filename (dir, "cache.sqlite", NULL);
  g_autofree char *marker = g_strconcat (path, ".needs-rebuild", NULL);
  g_autofree char *update = g_strdup_printf ("UPDATE tickets SET requestors = %s", sql);
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  store = open_store (path, &error);
  g_assert_no_error (error);
  g_ptr_array_add (tickets, make_ticket (1));
  csm_store_batch_add_tickets (batch, tickets);
  commit_ok (store, g_steal_pointer (&batch));
  close_and_release (&store);

  raw_change (path, update);

  store = open_store (path, &error);
  g_assert_no_error (error);
  snapshot = load (store, &error);
  if (!g_error_matches (error, CSM_STORE_ERROR, CSM_STORE_ERROR_CORRUPT))
    return g_strdup_printf ("the load answered %s", error ? error->message : "with tickets");
  close_and_release (&store);
  if (!g_file_test (marker, G_FILE_TEST_EXISTS))
    return g_strdup ("the cache is not marked for rebuilding");

  g_clear_error (&error);
  store = open_store (path, &error);
  g_assert_no_error (error);
  if (!csm_store_get_was_rebuilt (store))
    return g_strdup ("the next open did not rebuild the cache");
  close_and_release (&store);
  return NULL;
}

static void
test_undecodable_vectors (Fixture       *f,
                          gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (undecodable_vectors); i++)
    {
      g_autofree char *name = g_strdup_printf ("row-%u", i);
      g_autofree char *dir = g_build_filename (f->dir, name, NULL);
      g_autofree char *failure = check_undecodable_vector (dir, undecodable_vectors[i]);

      if (failure != NULL)
        g_test_fail_printf ("row %u, %s: %s", i, undecodable_vectors[i], failure);
    }
}

/* Without an agent list, a reply is anyone's but the requestors': working
 * out metrics reads them, and finds the damage there too. */
static void
test_undecodable_vector_in_metrics (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *marker = g_strconcat (f->path, ".needs-rebuild", NULL);
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) transactions = transaction_array ();
  g_autoptr(GError) error = NULL;

  populate (f, 2);
  raw_change (f->path, "UPDATE tickets SET requestors = '[1]' WHERE id = 2");

  store = open_store_ok (f);
  g_ptr_array_add (transactions, make_transaction (100, 2, CSM_TRANSACTION_CORRESPOND));
  csm_store_batch_add_transactions (batch, transactions);
  g_assert_false (commit (store, g_steal_pointer (&batch), &error));
  g_assert_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_CORRUPT);
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  close_and_release (&store);

  assert_rebuilt_empty (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  STORE_TEST_ADD_DATA ("/store/damage/random-bytes", DAMAGE_RANDOM_BYTES, test_corrupt_at_open);
  STORE_TEST_ADD_DATA ("/store/damage/truncated", DAMAGE_TRUNCATED_HALF, test_corrupt_at_open);
  STORE_TEST_ADD_DATA ("/store/damage/truncated-header", DAMAGE_TRUNCATED_HEADER,
                       test_corrupt_at_open);
  STORE_TEST_ADD_DATA ("/store/damage/zeroed-first-page", DAMAGE_ZEROED_FIRST_PAGE,
                       test_corrupt_at_open);
  STORE_TEST_ADD ("/store/damage/found-later", test_corrupt_later);
  STORE_TEST_ADD ("/store/damage/after-crash", test_corrupt_after_crash);
  STORE_TEST_ADD ("/store/damage/crash-without-damage", test_crash_without_damage);
  STORE_TEST_ADD ("/store/damage/undecodable-vectors", test_undecodable_vectors);
  STORE_TEST_ADD ("/store/damage/undecodable-vector-in-metrics",
                  test_undecodable_vector_in_metrics);

  return g_test_run ();
}
