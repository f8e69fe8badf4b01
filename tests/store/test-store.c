/* test-store.c: the helpdesk cache: schema, round trips, atomic commits, damage, threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "csm-agent.h"
#include "csm-queue.h"
#include "csm-store.h"
#include "csm-ticket-private.h"
#include "csm-ticket-metrics.h"
#include "csm-transaction.h"

#define ACCOUNT_ID "0123456789abcdef"

/* Each test keeps its cache in a directory of its own, removed afterwards,
 * and runs in its own main context, which it iterates until the callbacks it
 * waits for ran. (Not G_TEST_OPTION_ISOLATE_DIRS: GLib leaks the previous
 * test's directory names on purpose, and the sanitizer run could only tell
 * those apart from our own leaks by unwinding every allocation fully.) */
typedef struct
{
  GMainContext *context;
  char *dir;
  char *path;
} Fixture;

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->context = g_main_context_new ();
  g_main_context_push_thread_default (f->context);
  f->dir = g_dir_make_tmp ("csm-store-test-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "csm-console", "cache", ACCOUNT_ID ".sqlite", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* Nothing may still be on its way back. */
  while (g_main_context_iteration (f->context, FALSE))
    ;
  g_main_context_pop_thread_default (f->context);
  g_main_context_unref (f->context);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* ------------------------------------------------------------------------ */
/* Waiting for callbacks                                                    */
/* ------------------------------------------------------------------------ */

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static GAsyncResult *
await_result (Fixture       *f,
              GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (f->context, TRUE);
  return *slot;
}

static CsmStore *
open_store (Fixture     *f,
            const char  *path,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  csm_store_open_async (path, NULL, result_cb, &result);
  return csm_store_open_finish (await_result (f, &result), error);
}

static CsmStore *
open_store_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  CsmStore *store = open_store (f, f->path, &error);

  g_assert_no_error (error);
  g_assert_true (CSM_IS_STORE (store));
  return store;
}

static CsmStoreSnapshot *
load (Fixture   *f,
      CsmStore  *store,
      GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  csm_store_load_async (store, NULL, result_cb, &result);
  return csm_store_load_finish (store, await_result (f, &result), error);
}

static CsmStoreSnapshot *
load_ok (Fixture  *f,
         CsmStore *store)
{
  g_autoptr(GError) error = NULL;
  CsmStoreSnapshot *snapshot = load (f, store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  return snapshot;
}

/* Takes @batch, as csm_store_commit_async() does. */
static gboolean
commit (Fixture        *f,
        CsmStore       *store,
        CsmStoreBatch  *batch,
        GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  csm_store_commit_async (store, batch, NULL, result_cb, &result);
  return csm_store_commit_finish (store, await_result (f, &result), NULL, error);
}

/* Takes @batch; returns the metrics the commit reports as changed. */
static GArray *
commit_metrics (Fixture       *f,
                CsmStore      *store,
                CsmStoreBatch *batch)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GArray *metrics = NULL;

  csm_store_commit_async (store, batch, NULL, result_cb, &result);
  g_assert_true (csm_store_commit_finish (store, await_result (f, &result), &metrics, &error));
  g_assert_no_error (error);
  g_assert_nonnull (metrics);
  return metrics;
}

static GPtrArray *
load_history (Fixture  *f,
              CsmStore *store,
              gint64    ticket_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *history;

  csm_store_load_history_async (store, ticket_id, NULL, result_cb, &result);
  history = csm_store_load_history_finish (store, await_result (f, &result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (history);
  return history;
}

static int
compare_transaction_ids (gconstpointer a,
                         gconstpointer b)
{
  const CsmTransaction *ta = *(CsmTransaction * const *) a;
  const CsmTransaction *tb = *(CsmTransaction * const *) b;

  return ta->id < tb->id ? -1 : ta->id > tb->id;
}

/* The cached histories of every ticket @tickets holds and every ticket a
 * transaction in @transactions names, together, by transaction id. */
static GPtrArray *
load_histories (Fixture   *f,
                CsmStore  *store,
                GPtrArray *tickets,
                GPtrArray *transactions)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; tickets != NULL && i < tickets->len; i++)
    g_hash_table_add (ids, g_memdup2 (&((CsmTicket *) g_ptr_array_index (tickets, i))->id,
                                      sizeof (gint64)));
  for (guint i = 0; transactions != NULL && i < transactions->len; i++)
    g_hash_table_add (ids, g_memdup2 (&((CsmTransaction *) g_ptr_array_index (transactions, i))->ticket_id,
                                      sizeof (gint64)));
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(GPtrArray) history = load_history (f, store, *(gint64 *) key);

      for (guint i = 0; i < history->len; i++)
        g_ptr_array_add (all, csm_transaction_ref (g_ptr_array_index (history, i)));
    }
  g_ptr_array_sort (all, compare_transaction_ids);
  return all;
}

static void
commit_ok (Fixture       *f,
           CsmStore      *store,
           CsmStoreBatch *batch)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (commit (f, store, batch, &error));
  g_assert_no_error (error);
}

static void
close_ok (Fixture  *f,
          CsmStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  csm_store_close_async (store, NULL, result_cb, &result);
  g_assert_true (csm_store_close_finish (store, await_result (f, &result), &error));
  g_assert_no_error (error);
}

/* Closes and drops the store, and checks that nothing else holds it. */
static void
close_and_release (Fixture   *f,
                   CsmStore **store)
{
  close_ok (f, *store);
  g_object_add_weak_pointer (G_OBJECT (*store), (gpointer *) store);
  g_object_unref (*store);
  g_assert_null (*store);
}

/* ------------------------------------------------------------------------ */
/* Raw SQLite and file helpers                                              */
/* ------------------------------------------------------------------------ */

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static char *
raw_text (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
write_file (const char   *path,
            const guint8 *data,
            gsize         len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, len, &error);
  g_assert_no_error (error);
}

/* Zeroes the pages between two fractions of the file. */
static void
zero_pages (const char *path,
            double      from,
            double      to)
{
  g_autoptr(GBytes) bytes = read_file (path);
  gsize len = g_bytes_get_size (bytes);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), len);
  gsize begin = ((gsize) (len * from) / 4096) * 4096;
  gsize end = ((gsize) (len * to) / 4096) * 4096;

  g_assert_cmpuint (begin, >=, 4096);
  g_assert_cmpuint (end, >, begin);
  memset (data + begin, 0, end - begin);
  write_file (path, data, len);
}

/* The damaged copies kept next to the cache (their -wal companions aside). */
static guint
count_corrupt_copies (const char  *path,
                      char       **out_last)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".corrupt-", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (!g_str_has_prefix (name, prefix) || g_str_has_suffix (name, "-wal"))
        continue;
      n++;
      if (out_last != NULL)
        {
          g_free (*out_last);
          *out_last = g_build_filename (dir, name, NULL);
        }
    }
  return n;
}

/* ------------------------------------------------------------------------ */
/* Test data                                                                */
/* ------------------------------------------------------------------------ */

static char **
strv_new (const char *first,
          ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_strv_builder_add (builder, s);
  va_end (args);
  return g_strv_builder_end (builder);
}

/* An ordinary ticket, different for each id. */
static CsmTicket *
make_ticket (gint64 id)
{
  CsmTicket *t = csm_ticket_new (id);
  g_autofree char *requestor = g_strdup_printf ("customer%" G_GINT64_FORMAT "@example.com", id);
  g_autofree char *csat = g_strdup_printf ("%d", (int) (1 + id % 5));

  t->subject = g_strdup_printf ("Printer on floor %" G_GINT64_FORMAT " is jammed", id % 40);
  t->status = g_strdup (id % 4 == 0 ? "resolved" : "open");
  t->queue_id = 1 + id % 5;
  t->queue_name = g_strdup_printf ("Queue %" G_GINT64_FORMAT, t->queue_id);
  t->owner = id % 3 == 0 ? NULL : g_strdup_printf ("agent%" G_GINT64_FORMAT, id % 17);
  t->owner_real_name = t->owner ? g_strdup_printf ("Agent %" G_GINT64_FORMAT, id % 17) : NULL;
  t->creator = g_strdup ("root");
  t->priority = (int) (id % 100);
  t->created = 1700000000 + id * 60;
  t->last_updated = t->created + 3600;
  t->due = id % 2 ? t->created + 86400 : 0;
  t->resolved = id % 4 == 0 ? t->created + 7200 : 0;
  t->time_worked = (int) (id % 90);
  t->sla = g_strdup (id % 2 ? "4h" : "1d");
  t->requestors = strv_new (requestor, NULL);
  t->custom_fields = strv_new ("CSAT", csat, "Channel", id % 2 ? "email" : "chat", NULL);
  return t;
}

/* Every field set, and every string that is hard to store. */
static CsmTicket *
make_rich_ticket (void)
{
  CsmTicket *t = csm_ticket_new (42);

  t->subject = g_strdup ("Ünïcødé “quotes” — 日本語のテスト 😀, \"double\", 'single', \\ and\ttab");
  t->status = g_strdup ("stalled");
  t->queue_id = 7;
  t->queue_name = g_strdup ("Support, Tier 2");
  t->owner = NULL;
  t->owner_real_name = NULL;
  t->creator = g_strdup ("jane.doe");
  t->priority = -3;
  t->created = 1700000000;
  t->last_updated = 1700003600;
  t->starts = 0;
  t->started = 0;
  t->due = 1700090000;
  t->resolved = 0;
  t->told = 0;
  t->time_worked = 95;
  t->time_estimated = 120;
  t->sla = g_strdup ("4h business");
  t->requestors = strv_new ("Doe, Jane <jane@example.com>",
                            "quote\"d@example.com",
                            "back\\slash",
                            "new\nline\r\n",
                            "",
                            "ctl\x01\x1f\x7f",
                            "[\"not\",\"json\"]",
                            "ünï 😀 \\u0041",
                            NULL);
  t->custom_fields = strv_new ("CSAT", "5",
                               "Channel", "chat, \"web\"",
                               "Empty", "",
                               "Notes", "line1\nline2\r\n\ttab",
                               "CSAT", "repeated name",
                               NULL);
  return t;
}

/* Every string NULL, empty vectors rather than NULL ones, extreme numbers. */
static CsmTicket *
make_sparse_ticket (void)
{
  CsmTicket *t = csm_ticket_new (G_MAXINT64);

  t->queue_id = G_MININT64;
  t->priority = G_MININT;
  t->created = G_MAXINT64;
  t->last_updated = G_MININT64;
  t->time_worked = G_MAXINT;
  t->time_estimated = G_MININT;
  t->requestors = g_new0 (char *, 1);
  t->custom_fields = g_new0 (char *, 1);
  return t;
}

static CsmTransaction *
make_transaction (gint64             id,
                  gint64             ticket_id,
                  CsmTransactionType type)
{
  CsmTransaction *t = csm_transaction_new (id, ticket_id, type, 1700000000 + id,
                                           id % 2 ? "agent1" : NULL, (int) (id % 7));

  if (type == CSM_TRANSACTION_SET_OWNER)
    csm_transaction_set_change (t, "Owner", id % 3 ? "Nobody" : NULL, "agent1");
  else if (type == CSM_TRANSACTION_STATUS)
    csm_transaction_set_change (t, "Status", "new", "open, \"really\" ✓");
  return t;
}

static GPtrArray *
ticket_array (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

static GPtrArray *
transaction_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
}

/* ------------------------------------------------------------------------ */
/* Comparisons                                                              */
/* ------------------------------------------------------------------------ */

static void
assert_strv_same (const char * const *a,
                  const char * const *b)
{
  /* NULL and empty are different answers: "no requestors known" vs "none". */
  g_assert_true ((a == NULL) == (b == NULL));
  if (a != NULL)
    g_assert_true (g_strv_equal (a, b));
}

static void
assert_ticket_same (CsmTicket *a,
                    CsmTicket *b)
{
  g_assert_cmpint (a->id, ==, b->id);
  g_assert_cmpstr (a->subject, ==, b->subject);
  g_assert_cmpstr (a->status, ==, b->status);
  g_assert_cmpint (a->queue_id, ==, b->queue_id);
  g_assert_cmpstr (a->queue_name, ==, b->queue_name);
  g_assert_cmpstr (a->owner, ==, b->owner);
  g_assert_cmpstr (a->owner_real_name, ==, b->owner_real_name);
  g_assert_cmpstr (a->creator, ==, b->creator);
  g_assert_cmpint (a->priority, ==, b->priority);
  g_assert_cmpint (a->created, ==, b->created);
  g_assert_cmpint (a->last_updated, ==, b->last_updated);
  g_assert_cmpint (a->starts, ==, b->starts);
  g_assert_cmpint (a->started, ==, b->started);
  g_assert_cmpint (a->due, ==, b->due);
  g_assert_cmpint (a->resolved, ==, b->resolved);
  g_assert_cmpint (a->told, ==, b->told);
  g_assert_cmpint (a->time_worked, ==, b->time_worked);
  g_assert_cmpint (a->time_estimated, ==, b->time_estimated);
  g_assert_cmpstr (a->sla, ==, b->sla);
  assert_strv_same ((const char * const *) a->requestors, (const char * const *) b->requestors);
  assert_strv_same ((const char * const *) a->custom_fields,
                    (const char * const *) b->custom_fields);
  g_assert_true (csm_ticket_equal (a, b));
}

static void
assert_tickets_same (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    assert_ticket_same (g_ptr_array_index (a, i), g_ptr_array_index (b, i));
}

static void
assert_transactions_same (GPtrArray *a,
                          GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      CsmTransaction *ta = g_ptr_array_index (a, i);
      CsmTransaction *tb = g_ptr_array_index (b, i);

      g_assert_cmpint (ta->id, ==, tb->id);
      g_assert_cmpstr (ta->creator, ==, tb->creator);
      g_assert_cmpstr (ta->old_value, ==, tb->old_value);
      g_assert_true (csm_transaction_equal (ta, tb));
    }
}

static void
assert_snapshots_same (CsmStoreSnapshot *a,
                       CsmStoreSnapshot *b)
{
  GHashTableIter iter;
  gpointer key, value;

  assert_tickets_same (a->tickets, b->tickets);

  g_assert_cmpuint (a->queues->len, ==, b->queues->len);
  for (guint i = 0; i < a->queues->len; i++)
    g_assert_true (csm_queue_equal (g_ptr_array_index (a->queues, i),
                                    g_ptr_array_index (b->queues, i)));

  g_assert_cmpuint (a->agents->len, ==, b->agents->len);
  for (guint i = 0; i < a->agents->len; i++)
    g_assert_true (csm_agent_equal (g_ptr_array_index (a->agents, i),
                                    g_ptr_array_index (b->agents, i)));

  g_assert_cmpuint (g_hash_table_size (a->cursors), ==, g_hash_table_size (b->cursors));
  g_hash_table_iter_init (&iter, a->cursors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (b->cursors, key), ==, value);
}

static void
assert_snapshot_empty (CsmStoreSnapshot *snapshot)
{
  g_assert_cmpuint (snapshot->tickets->len, ==, 0);
  g_assert_cmpuint (snapshot->queues->len, ==, 0);
  g_assert_cmpuint (snapshot->agents->len, ==, 0);
  g_assert_cmpuint (g_hash_table_size (snapshot->cursors), ==, 0);
}

/* Fills a cache with @n_tickets tickets and two transactions each, and
 * closes it cleanly. */
static void
populate (Fixture *f,
          guint    n_tickets)
{
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(GPtrArray) transactions = transaction_array ();

  for (guint i = 1; i <= n_tickets; i++)
    {
      g_ptr_array_add (tickets, make_ticket (i));
      g_ptr_array_add (transactions, make_transaction (2 * i, i, CSM_TRANSACTION_CREATE));
      g_ptr_array_add (transactions, make_transaction (2 * i + 1, i, CSM_TRANSACTION_CORRESPOND));
    }
  csm_store_batch_add_tickets (batch, tickets);
  csm_store_batch_add_transactions (batch, transactions);
  csm_store_batch_set_cursor (batch, "tickets", "2024-01-01T00:00:00Z");
  commit_ok (f, store, g_steal_pointer (&batch));
  close_and_release (f, &store);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

static void
test_path_for_account (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "csm-console", "cache",
                                                ACCOUNT_ID ".sqlite", NULL);
  g_autofree char *path = csm_store_path_for_account (ACCOUNT_ID);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_open_fresh (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  g_autofree char *cache_dir = g_path_get_dirname (f->path);
  g_autofree char *app_dir = g_path_get_dirname (cache_dir);
  g_autofree char *text = NULL;
  GStatBuf st;
  sqlite3 *db;
  const char *tables[] = { "meta", "tickets", "transactions", "queues", "agents", "cursors",
                           "outbox" };

  g_assert_false (g_file_test (cache_dir, G_FILE_TEST_EXISTS));

  store = open_store_ok (f);
  g_assert_cmpstr (csm_store_get_path (store), ==, f->path);
  g_assert_cmpint (csm_store_get_schema_version (store), ==, CSM_STORE_SCHEMA_VERSION);
  g_assert_cmpint (CSM_STORE_SCHEMA_VERSION, ==, 3);
  g_assert_false (csm_store_get_was_rebuilt (store));

  /* Only the user may read the cache. */
  g_assert_cmpint (g_stat (cache_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (app_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  snapshot = load_ok (f, store);
  assert_snapshot_empty (snapshot);
  close_and_release (f, &store);

  db = raw_open (f->path);
  text = raw_text (db, "PRAGMA user_version");
  g_assert_cmpint (g_ascii_strtoll (text, NULL, 10), ==, CSM_STORE_SCHEMA_VERSION);
  g_clear_pointer (&text, g_free);
  text = raw_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (text, ==, "wal");
  g_clear_pointer (&text, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT name FROM sqlite_master "
                                              "WHERE type = 'table' AND name = '%s'", tables[i]);

      text = raw_text (db, sql);
      g_assert_cmpstr (text, ==, tables[i]);
      g_clear_pointer (&text, g_free);
    }
  text = raw_text (db, "SELECT name FROM sqlite_master WHERE type = 'index' "
                       "AND tbl_name = 'transactions' AND sql LIKE '%ticket_id%'");
  g_assert_nonnull (text);
  g_clear_pointer (&text, g_free);
  text = raw_text (db, "SELECT name FROM sqlite_master WHERE type = 'index' "
                       "AND tbl_name = 'transactions' AND sql LIKE '%(created)%'");
  g_assert_cmpstr (text, ==, "transactions_created");
  g_clear_pointer (&text, g_free);
  text = raw_text (db, "SELECT value FROM meta WHERE key = 'created-by'");
  g_assert_cmpstr (text, ==, PACKAGE_NAME " " PACKAGE_VERSION);
  g_clear_pointer (&text, g_free);
  text = raw_text (db, "SELECT value FROM meta WHERE key = 'clean-shutdown'");
  g_assert_cmpstr (text, ==, "1");
  sqlite3_close (db);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(GPtrArray) transactions = transaction_array ();
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  CsmTicket *rich, *sparse, *loaded;

  /* In id order, the order a load returns. */
  g_ptr_array_add (tickets, make_ticket (1));
  g_ptr_array_add (tickets, make_rich_ticket ());
  g_ptr_array_add (tickets, make_sparse_ticket ());
  for (guint type = CSM_TRANSACTION_OTHER; type <= CSM_TRANSACTION_SET_TIME_WORKED; type++)
    g_ptr_array_add (transactions, make_transaction (100 + type, 42, type));
  g_ptr_array_add (transactions, csm_transaction_new (200, 1, CSM_TRANSACTION_COMMENT, 0, NULL, 0));

  g_assert_true (csm_store_batch_is_empty (batch));
  csm_store_batch_add_tickets (batch, tickets);
  csm_store_batch_add_transactions (batch, transactions);
  g_assert_false (csm_store_batch_is_empty (batch));
  commit_ok (f, store, g_steal_pointer (&batch));

  snapshot = load_ok (f, store);
  assert_tickets_same (tickets, snapshot->tickets);
  {
    g_autoptr(GPtrArray) histories = load_histories (f, store, tickets, transactions);
    assert_transactions_same (transactions, histories);
  }

  /* Spelled out, the cases a loose comparison would let through. */
  rich = g_ptr_array_index (snapshot->tickets, 1);
  g_assert_null (csm_ticket_get_owner (rich));
  g_assert_cmpstr (csm_ticket_get_subject (rich), ==,
                   "Ünïcødé “quotes” — 日本語のテスト 😀, \"double\", 'single', \\ and\ttab");
  g_assert_cmpint (csm_ticket_get_started (rich), ==, 0);
  g_assert_cmpint (csm_ticket_get_resolved (rich), ==, 0);
  g_assert_cmpstr (csm_ticket_get_requestors (rich)[0], ==, "Doe, Jane <jane@example.com>");
  g_assert_cmpstr (csm_ticket_get_requestors (rich)[4], ==, "");
  g_assert_cmpstr (csm_ticket_get_custom_field (rich, "Channel"), ==, "chat, \"web\"");
  g_assert_cmpstr (csm_ticket_get_custom_field (rich, "Empty"), ==, "");
  g_assert_cmpuint (g_strv_length (rich->custom_fields), ==, 10);

  sparse = g_ptr_array_index (snapshot->tickets, 2);
  g_assert_null (sparse->subject);
  g_assert_null (sparse->sla);
  g_assert_nonnull (sparse->requestors);
  g_assert_null (sparse->requestors[0]);
  g_assert_nonnull (sparse->custom_fields);
  g_assert_null (sparse->custom_fields[0]);

  loaded = g_ptr_array_index (snapshot->tickets, 0);
  g_assert_true (loaded != g_ptr_array_index (tickets, 0));
  g_assert_cmpuint (G_OBJECT (loaded)->ref_count, ==, 1);

  close_and_release (f, &store);
}

static void
test_upsert (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreBatch) first = csm_store_batch_new ();
  g_autoptr(CsmStoreBatch) second = csm_store_batch_new ();
  g_autoptr(GPtrArray) v1 = ticket_array ();
  g_autoptr(GPtrArray) v2 = ticket_array ();
  g_autoptr(GPtrArray) tx1 = transaction_array ();
  g_autoptr(GPtrArray) tx2 = transaction_array ();
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  CsmTicket *changed;
  CsmTransaction *edited;

  g_ptr_array_add (v1, make_ticket (1));
  g_ptr_array_add (v1, make_ticket (2));
  g_ptr_array_add (tx1, make_transaction (10, 1, CSM_TRANSACTION_CREATE));
  csm_store_batch_add_tickets (first, v1);
  csm_store_batch_add_transactions (first, tx1);
  commit_ok (f, store, g_steal_pointer (&first));

  changed = make_ticket (1);
  g_free (changed->subject);
  changed->subject = g_strdup ("Changed");
  g_clear_pointer (&changed->owner, g_free);
  g_clear_pointer (&changed->requestors, g_strfreev);
  changed->resolved = 1700999999;
  g_ptr_array_add (v2, changed);
  edited = csm_transaction_new (10, 1, CSM_TRANSACTION_CORRESPOND, 1700000500, "agent2", 3);
  g_ptr_array_add (tx2, edited);
  csm_store_batch_add_tickets (second, v2);
  csm_store_batch_add_transactions (second, tx2);
  commit_ok (f, store, g_steal_pointer (&second));

  snapshot = load_ok (f, store);
  g_assert_cmpuint (snapshot->tickets->len, ==, 2);
  assert_ticket_same (changed, g_ptr_array_index (snapshot->tickets, 0));
  assert_ticket_same (g_ptr_array_index (v1, 1), g_ptr_array_index (snapshot->tickets, 1));
  g_assert_null (((CsmTicket *) g_ptr_array_index (snapshot->tickets, 0))->requestors);
  {
    g_autoptr(GPtrArray) histories = load_histories (f, store, v1, NULL);
    assert_transactions_same (tx2, histories);
  }

  close_and_release (f, &store);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(CsmStoreBatch) deletion = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(GPtrArray) transactions = transaction_array ();
  g_autoptr(GPtrArray) added_again = ticket_array ();
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;

  for (guint i = 1; i <= 3; i++)
    {
      g_ptr_array_add (tickets, make_ticket (i));
      g_ptr_array_add (transactions, make_transaction (10 * i, i, CSM_TRANSACTION_CREATE));
      g_ptr_array_add (transactions, make_transaction (10 * i + 1, i, CSM_TRANSACTION_COMMENT));
    }
  csm_store_batch_add_tickets (batch, tickets);
  csm_store_batch_add_transactions (batch, transactions);
  commit_ok (f, store, g_steal_pointer (&batch));

  /* Ticket 2 goes with its history; ticket 3 is re-added and deleted in the
   * same batch, and deletions win; an unknown id is no error. */
  csm_store_batch_delete_ticket (deletion, 2);
  g_ptr_array_add (added_again, make_ticket (3));
  csm_store_batch_add_tickets (deletion, added_again);
  csm_store_batch_delete_ticket (deletion, 3);
  csm_store_batch_delete_ticket (deletion, 999);
  commit_ok (f, store, g_steal_pointer (&deletion));

  snapshot = load_ok (f, store);
  g_assert_cmpuint (snapshot->tickets->len, ==, 1);
  g_assert_cmpint (csm_ticket_get_id (g_ptr_array_index (snapshot->tickets, 0)), ==, 1);
  {
    g_autoptr(GPtrArray) histories = load_histories (f, store, tickets, NULL);

    g_assert_cmpuint (histories->len, ==, 2);
    for (guint i = 0; i < histories->len; i++)
      g_assert_cmpint (((CsmTransaction *) g_ptr_array_index (histories, i))->ticket_id, ==, 1);
  }

  close_and_release (f, &store);
}

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
  commit_ok (f, store, g_steal_pointer (&first));

  snapshot = load_ok (f, store);
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
  commit_ok (f, store, g_steal_pointer (&other));
  snapshot = load_ok (f, store);
  g_assert_cmpuint (snapshot->queues->len, ==, 3);
  g_assert_cmpuint (snapshot->agents->len, ==, 2);
  g_clear_pointer (&snapshot, csm_store_snapshot_free);

  /* Replacing is replacing, not merging. */
  g_ptr_array_add (fewer, csm_queue_new (1, "General", NULL));
  csm_store_batch_replace_queues (second, fewer);
  commit_ok (f, store, g_steal_pointer (&second));
  snapshot = load_ok (f, store);
  g_assert_cmpuint (snapshot->queues->len, ==, 1);
  g_assert_cmpint (csm_queue_get_id (g_ptr_array_index (snapshot->queues, 0)), ==, 1);
  g_assert_cmpuint (snapshot->agents->len, ==, 2);
  g_clear_pointer (&snapshot, csm_store_snapshot_free);

  /* Empty, or NULL, clears. */
  csm_store_batch_replace_queues (clear, none);
  csm_store_batch_replace_agents (clear, NULL);
  g_assert_false (csm_store_batch_is_empty (clear));
  commit_ok (f, store, g_steal_pointer (&clear));
  snapshot = load_ok (f, store);
  g_assert_cmpuint (snapshot->queues->len, ==, 0);
  g_assert_cmpuint (snapshot->agents->len, ==, 0);

  close_and_release (f, &store);
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
  commit_ok (f, store, g_steal_pointer (&first));

  snapshot = load_ok (f, store);
  g_assert_cmpuint (g_hash_table_size (snapshot->cursors), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (snapshot->cursors, "tickets"), ==, "2024-05-01 10:00:00");
  g_assert_cmpstr (g_hash_table_lookup (snapshot->cursors, "agents"), ==, "second");
  g_clear_pointer (&snapshot, csm_store_snapshot_free);

  csm_store_batch_set_cursor (second, "tickets", "2024-05-02 00:00:00");
  csm_store_batch_set_cursor (second, "transactions", NULL);
  csm_store_batch_set_cursor (second, "empty", "");
  commit_ok (f, store, g_steal_pointer (&second));
  close_and_release (f, &store);

  store = open_store_ok (f);
  snapshot = load_ok (f, store);
  g_assert_cmpuint (g_hash_table_size (snapshot->cursors), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (snapshot->cursors, "tickets"), ==, "2024-05-02 00:00:00");
  g_assert_false (g_hash_table_contains (snapshot->cursors, "transactions"));
  g_assert_cmpstr (g_hash_table_lookup (snapshot->cursors, "empty"), ==, "");
  close_and_release (f, &store);
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
  commit_ok (f, store, g_steal_pointer (&initial));
  before = load_ok (f, store);
  close_and_release (f, &store);

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

  g_assert_false (commit (f, store, g_steal_pointer (&doomed), &error));
  g_assert_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "injected failure"));

  after = load_ok (f, store);
  assert_snapshots_same (before, after);

  /* The connection is still usable after the rollback. */
  csm_store_batch_delete_ticket (good, 2);
  csm_store_batch_set_cursor (good, "tickets", "v3");
  commit_ok (f, store, g_steal_pointer (&good));
  g_clear_pointer (&after, csm_store_snapshot_free);
  after = load_ok (f, store);
  g_assert_cmpuint (after->tickets->len, ==, 3);
  {
    g_autoptr(GPtrArray) histories = load_histories (f, store, after->tickets, NULL);
    g_assert_cmpuint (histories->len, ==, 2);
  }
  g_assert_cmpstr (g_hash_table_lookup (after->cursors, "tickets"), ==, "v3");

  close_and_release (f, &store);
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(GPtrArray) transactions = transaction_array ();
  g_autoptr(GPtrArray) queues = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CsmStoreSnapshot) first = NULL;
  g_autoptr(CsmStoreSnapshot) second = NULL;

  g_ptr_array_add (tickets, make_ticket (5));
  g_ptr_array_add (tickets, make_rich_ticket ());
  g_ptr_array_add (tickets, make_sparse_ticket ());
  g_ptr_array_add (transactions, make_transaction (1, 5, CSM_TRANSACTION_SET_OWNER));
  g_ptr_array_add (transactions, make_transaction (2, 42, CSM_TRANSACTION_STATUS));
  g_ptr_array_add (queues, csm_queue_new (4, "Sales", "Pre-sales questions"));
  g_ptr_array_add (agents, csm_agent_new ("root", "Enoch Root", "root@example.com"));
  csm_store_batch_add_tickets (batch, tickets);
  csm_store_batch_add_transactions (batch, transactions);
  csm_store_batch_replace_queues (batch, queues);
  csm_store_batch_replace_agents (batch, agents);
  csm_store_batch_set_cursor (batch, "tickets", "2024-01-01");
  commit_ok (f, store, g_steal_pointer (&batch));
  first = load_ok (f, store);
  close_and_release (f, &store);

  store = open_store_ok (f);
  g_assert_false (csm_store_get_was_rebuilt (store));
  second = load_ok (f, store);
  assert_snapshots_same (first, second);
  assert_tickets_same (tickets, second->tickets);
  close_and_release (f, &store);
}

static void
test_migrate_v0 (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  g_autofree char *text = NULL;
  sqlite3 *db;

  /* Schema 0: what SQLite creates before the console writes its schema,
   * here with a table of someone else's, in rollback-journal mode. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  db = raw_open (f->path);
  raw_exec (db, "PRAGMA journal_mode = DELETE;"
                "CREATE TABLE scratch (x TEXT);"
                "INSERT INTO scratch VALUES ('kept');");
  sqlite3_close (db);

  store = open_store_ok (f);
  g_assert_false (csm_store_get_was_rebuilt (store));
  g_assert_cmpint (csm_store_get_schema_version (store), ==, CSM_STORE_SCHEMA_VERSION);
  g_ptr_array_add (tickets, make_ticket (1));
  csm_store_batch_add_tickets (batch, tickets);
  commit_ok (f, store, g_steal_pointer (&batch));
  snapshot = load_ok (f, store);
  assert_tickets_same (tickets, snapshot->tickets);
  close_and_release (f, &store);

  g_assert_cmpuint (count_corrupt_copies (f->path, NULL), ==, 0);
  db = raw_open (f->path);
  text = raw_text (db, "PRAGMA user_version");
  g_assert_cmpint (g_ascii_strtoll (text, NULL, 10), ==, CSM_STORE_SCHEMA_VERSION);
  g_clear_pointer (&text, g_free);
  text = raw_text (db, "SELECT x FROM scratch");
  g_assert_cmpstr (text, ==, "kept");
  g_clear_pointer (&text, g_free);
  text = raw_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (text, ==, "wal");
  g_clear_pointer (&text, g_free);
  text = raw_text (db, "SELECT value FROM meta WHERE key = 'created-by'");
  g_assert_cmpstr (text, ==, PACKAGE_NAME " " PACKAGE_VERSION);
  sqlite3_close (db);
}

static void
test_missing_table (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  sqlite3 *db;

  populate (f, 10);
  db = raw_open (f->path);
  raw_exec (db, "DROP TABLE agents");
  sqlite3_close (db);

  /* Schema 1 without one of its tables is not a cache this code can use. */
  store = open_store_ok (f);
  g_assert_true (csm_store_get_was_rebuilt (store));
  snapshot = load_ok (f, store);
  assert_snapshot_empty (snapshot);
  close_and_release (f, &store);
}

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmStore) store = NULL;
  sqlite3 *db;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  db = raw_open (f->path);
  raw_exec (db, "PRAGMA journal_mode = WAL;"
                "CREATE TABLE future (x);"
                "INSERT INTO future VALUES (1);"
                "PRAGMA user_version = 99;");
  sqlite3_close (db);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  before = read_file (f->path);

  store = open_store (f, f->path, &error);
  g_assert_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_TOO_NEW);
  g_assert_null (store);

  after = read_file (f->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (count_corrupt_copies (f->path, NULL), ==, 0);
}

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
  snapshot = load_ok (f, store);
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
  commit_ok (f, store, g_steal_pointer (&batch));
  close_and_release (f, &store);

  store = open_store_ok (f);
  g_assert_false (csm_store_get_was_rebuilt (store));
  snapshot = load_ok (f, store);
  assert_tickets_same (tickets, snapshot->tickets);
  close_and_release (f, &store);
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
  snapshot = load (f, store, &error);
  g_assert_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_CORRUPT);
  g_assert_null (snapshot);
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  close_and_release (f, &store);

  store = open_store_ok (f);
  g_assert_true (csm_store_get_was_rebuilt (store));
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  snapshot = load_ok (f, store);
  assert_snapshot_empty (snapshot);
  g_assert_cmpuint (count_corrupt_copies (f->path, NULL), ==, 1);
  close_and_release (f, &store);
}

static void
test_corrupt_after_crash (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  sqlite3 *db;

  /* The same damage, but the last session did not close cleanly: the open
   * runs the full check and rebuilds at once. */
  populate (f, 3000);
  db = raw_open (f->path);
  raw_exec (db, "UPDATE meta SET value = '0' WHERE key = 'clean-shutdown'");
  sqlite3_close (db);
  zero_pages (f->path, 0.4, 0.9);

  store = open_store_ok (f);
  g_assert_true (csm_store_get_was_rebuilt (store));
  snapshot = load_ok (f, store);
  assert_snapshot_empty (snapshot);
  close_and_release (f, &store);
}

static void
test_crash_without_damage (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  sqlite3 *db;

  /* An unclean shutdown alone is no reason to throw the cache away. */
  populate (f, 100);
  db = raw_open (f->path);
  raw_exec (db, "UPDATE meta SET value = '0' WHERE key = 'clean-shutdown'");
  sqlite3_close (db);

  store = open_store_ok (f);
  g_assert_false (csm_store_get_was_rebuilt (store));
  snapshot = load_ok (f, store);
  g_assert_cmpuint (snapshot->tickets->len, ==, 100);
  {
    g_autoptr(GPtrArray) histories = load_histories (f, store, snapshot->tickets, NULL);
    g_assert_cmpuint (histories->len, ==, 200);
  }
  close_and_release (f, &store);
}

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
  csm_store_open_async (f->path, cancellable, result_cb, &open_result);
  not_opened = csm_store_open_finish (await_result (f, &open_result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (not_opened);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  store = open_store_ok (f);
  csm_store_load_async (store, cancellable, result_cb, &load_result);
  snapshot = csm_store_load_finish (store, await_result (f, &load_result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (snapshot);
  g_clear_error (&error);

  g_ptr_array_add (tickets, make_ticket (1));
  csm_store_batch_add_tickets (batch, tickets);
  csm_store_commit_async (store, g_steal_pointer (&batch), cancellable, result_cb, &commit_result);
  g_assert_false (csm_store_commit_finish (store, await_result (f, &commit_result), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  snapshot = load_ok (f, store);
  g_assert_cmpuint (snapshot->tickets->len, ==, 0);

  /* A result holds its source object. */
  g_clear_object (&load_result);
  g_clear_object (&commit_result);
  close_and_release (f, &store);
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
  csm_store_load_async (store, NULL, result_cb, &late_load);
  csm_store_close_async (store, NULL, result_cb, &late_close);

  while (close_step.result == NULL || late_load == NULL || late_close == NULL)
    g_main_context_iteration (f->context, TRUE);

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
  reopened = load_ok (f, store);
  g_assert_cmpuint (reopened->tickets->len, ==, 501);
  close_and_release (f, &store);
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
  sqlite3 *db;

  g_ptr_array_add (tickets, make_ticket (1));
  csm_store_batch_add_tickets (batch, tickets);
  commit_ok (f, store, g_steal_pointer (&batch));

  /* Dropped with a job in flight: the job keeps the store until it answers. */
  weak = store;
  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  csm_store_load_async (store, NULL, result_cb, &result);
  g_clear_object (&store);
  g_assert_nonnull (weak);
  snapshot = csm_store_load_finish (weak, await_result (f, &result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (snapshot->tickets->len, ==, 1);
  g_clear_object (&result);
  while (g_main_context_iteration (f->context, FALSE))
    ;
  g_assert_null (weak);

  /* The worker closed the file cleanly on its way out. */
  db = raw_open (f->path);
  clean = raw_text (db, "SELECT value FROM meta WHERE key = 'clean-shutdown'");
  g_assert_cmpstr (clean, ==, "1");
  sqlite3_close (db);

  store = open_store_ok (f);
  g_assert_false (csm_store_get_was_rebuilt (store));
  g_clear_pointer (&snapshot, csm_store_snapshot_free);
  snapshot = load_ok (f, store);
  g_assert_cmpuint (snapshot->tickets->len, ==, 1);
  g_clear_object (&store);
}

static void
test_large_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(GPtrArray) transactions = transaction_array ();
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  guint64 tx_id = 1;

  for (guint i = 1; i <= 10000; i++)
    {
      g_ptr_array_add (tickets, make_ticket (i));
      for (guint k = 0; k < 6; k++)
        g_ptr_array_add (transactions, make_transaction (tx_id++, i,
                                                         (CsmTransactionType) (k % 8)));
    }
  csm_store_batch_add_tickets (batch, tickets);
  csm_store_batch_add_transactions (batch, transactions);
  commit_ok (f, store, g_steal_pointer (&batch));
  close_and_release (f, &store);

  store = open_store_ok (f);
  snapshot = load_ok (f, store);
  assert_tickets_same (tickets, snapshot->tickets);
  {
    g_autoptr(GPtrArray) histories = load_histories (f, store, tickets, NULL);
    assert_transactions_same (transactions, histories);
  }
  close_and_release (f, &store);
}


/* ------------------------------------------------------------------------ */
/* Metrics                                                                  */
/* ------------------------------------------------------------------------ */

static GPtrArray *
agent_array (const char *first,
             ...)
{
  GPtrArray *agents = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    g_ptr_array_add (agents, csm_agent_new (name, NULL, NULL));
  va_end (args);
  return agents;
}

static const CsmTicketMetrics *
find_metrics (GArray *metrics,
              gint64  ticket_id)
{
  for (guint i = 0; i < metrics->len; i++)
    if (g_array_index (metrics, CsmStoreMetrics, i).ticket_id == ticket_id)
      return &g_array_index (metrics, CsmStoreMetrics, i).metrics;
  return NULL;
}

static CsmTicket *
find_ticket (GPtrArray *tickets,
             gint64     id)
{
  for (guint i = 0; i < tickets->len; i++)
    if (((CsmTicket *) g_ptr_array_index (tickets, i))->id == id)
      return g_ptr_array_index (tickets, i);
  return NULL;
}

#define T0 1700000000

/* Worked out by hand: ticket 1 is created by its customer at T0, alice
 * comments at T0+300 (5 min), alice replies at T0+600 (7 min), the
 * customer writes again at T0+900; ticket 2 is only created. */
static void
test_metrics_touched (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(GPtrArray) txs = transaction_array ();
  g_autoptr(GPtrArray) agents = agent_array ("alice", "bob", NULL);
  g_autoptr(GArray) metrics = NULL;
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  const CsmTicketMetrics *m;
  CsmTicket *loaded;

  g_ptr_array_add (tickets, make_ticket (1));
  g_ptr_array_add (tickets, make_ticket (2));
  g_ptr_array_add (txs, csm_transaction_new (10, 1, CSM_TRANSACTION_CREATE, T0, "customer1@example.com", 0));
  g_ptr_array_add (txs, csm_transaction_new (11, 1, CSM_TRANSACTION_COMMENT, T0 + 300, "alice", 5));
  g_ptr_array_add (txs, csm_transaction_new (12, 1, CSM_TRANSACTION_CORRESPOND, T0 + 600, "alice", 7));
  g_ptr_array_add (txs, csm_transaction_new (13, 1, CSM_TRANSACTION_CORRESPOND, T0 + 900, "customer1@example.com", 0));
  g_ptr_array_add (txs, csm_transaction_new (20, 2, CSM_TRANSACTION_CREATE, T0, "customer2@example.com", 0));
  csm_store_batch_replace_agents (batch, agents);
  csm_store_batch_add_tickets (batch, tickets);
  csm_store_batch_add_transactions (batch, txs);
  metrics = commit_metrics (f, store, g_steal_pointer (&batch));

  g_assert_cmpuint (metrics->len, ==, 2);
  m = find_metrics (metrics, 1);
  g_assert_nonnull (m);
  g_assert_cmpint (m->first_response, ==, T0 + 600);
  g_assert_cmpint (m->agent_replies, ==, 1);
  g_assert_cmpint (m->handle_minutes, ==, 12);
  g_assert_true (m->history_complete);
  m = find_metrics (metrics, 2);
  g_assert_nonnull (m);
  g_assert_cmpint (m->first_response, ==, 0);
  g_assert_cmpint (m->agent_replies, ==, 0);
  g_assert_true (m->history_complete);

  /* They are kept with the tickets. */
  snapshot = load_ok (f, store);
  loaded = find_ticket (snapshot->tickets, 1);
  g_assert_cmpint (csm_ticket_get_first_response (loaded), ==, T0 + 600);
  g_assert_cmpint (csm_ticket_get_handle_minutes (loaded), ==, 12);
  g_assert_cmpint (csm_ticket_get_agent_replies (loaded), ==, 1);
  g_assert_true (csm_ticket_get_history_complete (loaded));
  g_clear_pointer (&snapshot, csm_store_snapshot_free);

  /* bob's earlier reply arrives late (a backfill): ticket 1 changes, ticket
   * 2 is not touched. */
  batch = csm_store_batch_new ();
  g_ptr_array_set_size (txs, 0);
  g_ptr_array_add (txs, csm_transaction_new (9, 1, CSM_TRANSACTION_CORRESPOND, T0 + 120, "bob", 2));
  csm_store_batch_add_transactions (batch, txs);
  g_clear_pointer (&metrics, g_array_unref);
  metrics = commit_metrics (f, store, g_steal_pointer (&batch));
  g_assert_cmpuint (metrics->len, ==, 1);
  m = find_metrics (metrics, 1);
  g_assert_cmpint (m->first_response, ==, T0 + 120);
  g_assert_cmpint (m->agent_replies, ==, 2);
  g_assert_cmpint (m->handle_minutes, ==, 14);

  /* The same transactions again (a retry, an overlapping page) and the same
   * ticket again: nothing is counted twice, nothing changes. */
  batch = csm_store_batch_new ();
  csm_store_batch_add_transactions (batch, txs);
  g_ptr_array_set_size (tickets, 1);
  csm_store_batch_add_tickets (batch, tickets);
  g_clear_pointer (&metrics, g_array_unref);
  metrics = commit_metrics (f, store, g_steal_pointer (&batch));
  g_assert_cmpuint (metrics->len, ==, 0);

  /* A transaction of a ticket the cache does not hold is kept, and counts
   * once the ticket arrives. */
  batch = csm_store_batch_new ();
  g_ptr_array_set_size (txs, 0);
  g_ptr_array_add (txs, csm_transaction_new (30, 3, CSM_TRANSACTION_CORRESPOND, T0 + 50, "bob", 1));
  csm_store_batch_add_transactions (batch, txs);
  g_clear_pointer (&metrics, g_array_unref);
  metrics = commit_metrics (f, store, g_steal_pointer (&batch));
  g_assert_cmpuint (metrics->len, ==, 0);
  batch = csm_store_batch_new ();
  g_ptr_array_set_size (tickets, 0);
  g_ptr_array_add (tickets, make_ticket (3));
  csm_store_batch_add_tickets (batch, tickets);
  g_clear_pointer (&metrics, g_array_unref);
  metrics = commit_metrics (f, store, g_steal_pointer (&batch));
  g_assert_cmpuint (metrics->len, ==, 1);
  g_assert_cmpint (find_metrics (metrics, 3)->first_response, ==, T0 + 50);
  g_assert_false (find_metrics (metrics, 3)->history_complete);

  close_and_release (f, &store);
}

/* Who counts as an agent decides what a reply is: another agent list, or
 * none (the requestor rule), changes every ticket. */
static void
test_metrics_all (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(GPtrArray) txs = transaction_array ();
  g_autoptr(GPtrArray) agents = agent_array ("alice", "bob", NULL);
  g_autoptr(GArray) metrics = NULL;

  g_ptr_array_add (tickets, make_ticket (1));
  g_ptr_array_add (tickets, make_ticket (2));
  g_ptr_array_add (txs, csm_transaction_new (10, 1, CSM_TRANSACTION_CORRESPOND, T0 + 100, "alice", 0));
  g_ptr_array_add (txs, csm_transaction_new (11, 1, CSM_TRANSACTION_CORRESPOND, T0 + 200, "bob", 0));
  g_ptr_array_add (txs, csm_transaction_new (12, 1, CSM_TRANSACTION_CORRESPOND, T0 + 50, "customer1@example.com", 0));
  g_ptr_array_add (txs, csm_transaction_new (13, 1, CSM_TRANSACTION_CORRESPOND, T0 + 60, "RT_System", 0));
  g_ptr_array_add (txs, csm_transaction_new (20, 2, CSM_TRANSACTION_CORRESPOND, T0 + 300, "bob", 0));
  csm_store_batch_replace_agents (batch, agents);
  csm_store_batch_add_tickets (batch, tickets);
  csm_store_batch_add_transactions (batch, txs);
  metrics = commit_metrics (f, store, g_steal_pointer (&batch));
  g_assert_cmpint (find_metrics (metrics, 1)->first_response, ==, T0 + 100);
  g_assert_cmpint (find_metrics (metrics, 1)->agent_replies, ==, 2);

  /* alice leaves the agents: bob's reply is ticket 1's first; ticket 2 is
   * as it was and not reported. */
  batch = csm_store_batch_new ();
  g_clear_pointer (&agents, g_ptr_array_unref);
  agents = agent_array ("bob", NULL);
  csm_store_batch_replace_agents (batch, agents);
  csm_store_batch_update_all_metrics (batch);
  g_assert_false (csm_store_batch_is_empty (batch));
  g_clear_pointer (&metrics, g_array_unref);
  metrics = commit_metrics (f, store, g_steal_pointer (&batch));
  g_assert_cmpuint (metrics->len, ==, 1);
  g_assert_cmpint (find_metrics (metrics, 1)->first_response, ==, T0 + 200);
  g_assert_cmpint (find_metrics (metrics, 1)->agent_replies, ==, 1);

  /* No agent list: anyone but the requestors and RT itself replies. */
  batch = csm_store_batch_new ();
  g_clear_pointer (&agents, g_ptr_array_unref);
  agents = agent_array (NULL, NULL);
  csm_store_batch_replace_agents (batch, agents);
  csm_store_batch_update_all_metrics (batch);
  g_clear_pointer (&metrics, g_array_unref);
  metrics = commit_metrics (f, store, g_steal_pointer (&batch));
  g_assert_cmpuint (metrics->len, ==, 1);
  g_assert_cmpint (find_metrics (metrics, 1)->first_response, ==, T0 + 100);
  g_assert_cmpint (find_metrics (metrics, 1)->agent_replies, ==, 2);

  close_and_release (f, &store);
}

/* A full sync defers the metrics of its pages; if it never finishes (the
 * console is killed), the next load works them out before reading. */
static void
test_metrics_deferred (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(GPtrArray) txs = transaction_array ();
  g_autoptr(GArray) metrics = NULL;
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  g_autofree char *stale = NULL;
  sqlite3 *db;

  g_ptr_array_add (tickets, make_ticket (1));
  g_ptr_array_add (txs, csm_transaction_new (10, 1, CSM_TRANSACTION_CREATE, T0, "customer1@example.com", 0));
  g_ptr_array_add (txs, csm_transaction_new (11, 1, CSM_TRANSACTION_CORRESPOND, T0 + 100, "alice", 4));
  csm_store_batch_add_tickets (batch, tickets);
  csm_store_batch_add_transactions (batch, txs);
  csm_store_batch_defer_metrics (batch);
  metrics = commit_metrics (f, store, g_steal_pointer (&batch));
  g_assert_cmpuint (metrics->len, ==, 0);
  close_and_release (f, &store);

  db = raw_open (f->path);
  stale = raw_text (db, "SELECT value FROM meta WHERE key = 'metrics-stale'");
  g_assert_cmpstr (stale, ==, "1");
  g_clear_pointer (&stale, g_free);
  sqlite3_close (db);

  store = open_store_ok (f);
  snapshot = load_ok (f, store);
  g_assert_cmpint (csm_ticket_get_first_response (g_ptr_array_index (snapshot->tickets, 0)), ==,
                   T0 + 100);
  g_assert_cmpint (csm_ticket_get_handle_minutes (g_ptr_array_index (snapshot->tickets, 0)), ==, 4);
  g_assert_true (csm_ticket_get_history_complete (g_ptr_array_index (snapshot->tickets, 0)));
  close_and_release (f, &store);

  db = raw_open (f->path);
  stale = raw_text (db, "SELECT value FROM meta WHERE key = 'metrics-stale'");
  g_assert_cmpstr (stale, ==, "0");
  sqlite3_close (db);
}

static CsmTransaction *
random_transaction (GRand  *rand,
                    gint64  id,
                    gint64  ticket_id)
{
  static const char * const creators[] = {
    "alice", "bob", "carol", "RT_System", NULL, "customer1@example.com", "CUSTOMER2@example.com",
    "customer3@example.com",
  };
  CsmTransactionType type = (CsmTransactionType) g_rand_int_range (rand, CSM_TRANSACTION_OTHER,
                                                                   CSM_TRANSACTION_SET_TIME_WORKED + 1);

  return csm_transaction_new (id, ticket_id, type, T0 + g_rand_int_range (rand, 0, 86400),
                              creators[g_rand_int_range (rand, 0, G_N_ELEMENTS (creators))],
                              g_rand_boolean (rand) ? 0 : g_rand_int_range (rand, -3, 60));
}

/* Random histories arriving in random batches (out of order, repeated,
 * before their ticket), under changing agent lists: after every commit,
 * what the cache says of each ticket is what core computes from the whole
 * history at once. */
static void
test_metrics_random (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(GHashTable) all_txs = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                        (GDestroyNotify) csm_transaction_unref);
  g_autoptr(GHashTable) expected_agents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  const guint n_tickets = 60;

  for (guint round = 0; round < 25; round++)
    {
      g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
      g_autoptr(GPtrArray) tickets = ticket_array ();
      g_autoptr(GPtrArray) txs = transaction_array ();
      g_autoptr(GArray) metrics = NULL;
      g_autoptr(CsmStoreSnapshot) snapshot = NULL;

      for (guint i = g_rand_int_range (rand, 0, 15); i > 0; i--)
        g_ptr_array_add (tickets, make_ticket (g_rand_int_range (rand, 1, n_tickets + 1)));
      for (guint i = g_rand_int_range (rand, 0, 40); i > 0; i--)
        {
          gint64 id = g_rand_int_range (rand, 1, 600);
          CsmTransaction *tx = g_hash_table_lookup (all_txs, &id);

          /* A transaction never changes once RT has it: a repeat is the same. */
          if (tx == NULL)
            {
              tx = random_transaction (rand, id, g_rand_int_range (rand, 1, n_tickets + 1));
              g_hash_table_insert (all_txs, &tx->id, tx);
            }
          g_ptr_array_add (txs, csm_transaction_ref (tx));
        }
      csm_store_batch_add_tickets (batch, tickets);
      csm_store_batch_add_transactions (batch, txs);
      if (round % 6 == 3)
        {
          /* Another agent list: none at all every other time. */
          g_autoptr(GPtrArray) agents = round % 12 == 3 ? agent_array (NULL, NULL)
                                                          : agent_array ("bob", "carol", NULL);

          g_hash_table_remove_all (expected_agents);
          for (guint i = 0; i < agents->len; i++)
            g_hash_table_add (expected_agents, g_strdup (csm_agent_get_name (g_ptr_array_index (agents, i))));
          csm_store_batch_replace_agents (batch, agents);
          csm_store_batch_update_all_metrics (batch);
        }
      else if (round == 0)
        {
          g_autoptr(GPtrArray) agents = agent_array ("alice", "bob", NULL);

          g_hash_table_add (expected_agents, g_strdup ("alice"));
          g_hash_table_add (expected_agents, g_strdup ("bob"));
          csm_store_batch_replace_agents (batch, agents);
        }
      else if (round % 5 == 4)
        csm_store_batch_defer_metrics (batch);
      metrics = commit_metrics (f, store, g_steal_pointer (&batch));
      if (round % 5 == 4 && round % 6 != 3)
        g_assert_cmpuint (metrics->len, ==, 0);

      snapshot = load_ok (f, store);
      for (guint i = 0; i < snapshot->tickets->len; i++)
        {
          CsmTicket *ticket = g_ptr_array_index (snapshot->tickets, i);
          g_autoptr(GPtrArray) history = g_ptr_array_new ();
          GHashTableIter iter;
          gpointer value;
          CsmTicketMetrics expected, got;

          g_hash_table_iter_init (&iter, all_txs);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            if (((CsmTransaction *) value)->ticket_id == ticket->id)
              g_ptr_array_add (history, value);
          csm_ticket_metrics_compute (ticket, history, expected_agents, &expected);
          got.first_response = ticket->first_response;
          got.handle_minutes = ticket->handle_minutes;
          got.agent_replies = ticket->agent_replies;
          got.history_complete = ticket->history_complete;
          g_assert_cmpint (got.first_response, ==, expected.first_response);
          g_assert_cmpint (got.handle_minutes, ==, expected.handle_minutes);
          g_assert_cmpint (got.agent_replies, ==, expected.agent_replies);
          g_assert_cmpint (got.history_complete, ==, expected.history_complete);

          /* A commit that worked metrics out reported exactly the tickets
           * whose metrics moved from what the cache held before it (which
           * the previous load showed), with their new values: what a view
           * holding the tickets needs to follow. */
          if (round % 5 != 4 || round % 6 == 3)
            {
              const CsmTicketMetrics *reported = find_metrics (metrics, ticket->id);
              CsmTicketMetrics *held = g_hash_table_lookup (before, &ticket->id);
              CsmTicketMetrics none;

              csm_ticket_metrics_init (&none);
              if (reported != NULL)
                g_assert_true (csm_ticket_metrics_equal (reported, &expected));
              else
                g_assert_true (csm_ticket_metrics_equal (held ? held : &none, &expected));
            }
          g_hash_table_replace (before, g_memdup2 (&ticket->id, sizeof (gint64)),
                                g_memdup2 (&got, sizeof got));
        }
    }

  close_and_release (f, &store);
}

/* A cache written by a console of schema 1 (no metrics columns) is brought
 * up and its metrics are worked out from the histories it already holds. */
static void
test_migrate_v1 (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  g_autofree char *text = NULL;
  CsmTicket *ticket;
  sqlite3 *db;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  db = raw_open (f->path);
  raw_exec (db,
            "PRAGMA journal_mode = WAL;"
            "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT) WITHOUT ROWID;"
            "CREATE TABLE tickets (id INTEGER PRIMARY KEY, subject TEXT, status TEXT,"
            "  queue_id INTEGER NOT NULL, queue_name TEXT, owner TEXT, owner_real_name TEXT,"
            "  creator TEXT, priority INTEGER NOT NULL, created INTEGER NOT NULL,"
            "  last_updated INTEGER NOT NULL, starts INTEGER NOT NULL, started INTEGER NOT NULL,"
            "  due INTEGER NOT NULL, resolved INTEGER NOT NULL, told INTEGER NOT NULL,"
            "  time_worked INTEGER NOT NULL, time_estimated INTEGER NOT NULL, sla TEXT,"
            "  requestors TEXT, custom_fields TEXT);"
            "CREATE TABLE transactions (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL,"
            "  type TEXT NOT NULL, created INTEGER NOT NULL, time_taken INTEGER NOT NULL,"
            "  creator TEXT, field TEXT, old_value TEXT, new_value TEXT);"
            "CREATE INDEX transactions_ticket_id ON transactions (ticket_id);"
            "CREATE TABLE queues (position INTEGER PRIMARY KEY, id INTEGER NOT NULL,"
            "  name TEXT NOT NULL, description TEXT, sla_enabled INTEGER NOT NULL);"
            "CREATE TABLE agents (position INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            "  real_name TEXT, email TEXT);"
            "CREATE TABLE cursors (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;"
            "INSERT INTO meta VALUES ('clean-shutdown', '1');"
            "INSERT INTO agents VALUES (0, 'alice', 'Alice', NULL);"
            "INSERT INTO tickets VALUES (7, 'Old', 'open', 1, 'Support', NULL, NULL, 'root', 0,"
            "  1700000000, 1700000900, 0, 0, 0, 0, 0, 0, 0, NULL, '[\"c@example.com\"]', NULL);"
            "INSERT INTO transactions VALUES (1, 7, 'create', 1700000000, 0, 'c@example.com', NULL, NULL, NULL);"
            "INSERT INTO transactions VALUES (2, 7, 'correspond', 1700000420, 9, 'alice', NULL, NULL, NULL);"
            "INSERT INTO cursors VALUES ('transactions.after-id', '2');"
            "PRAGMA user_version = 1;");
  sqlite3_close (db);

  store = open_store_ok (f);
  g_assert_false (csm_store_get_was_rebuilt (store));
  g_assert_cmpint (csm_store_get_schema_version (store), ==, CSM_STORE_SCHEMA_VERSION);
  snapshot = load_ok (f, store);
  g_assert_cmpuint (snapshot->tickets->len, ==, 1);
  ticket = g_ptr_array_index (snapshot->tickets, 0);
  g_assert_cmpstr (csm_ticket_get_subject (ticket), ==, "Old");
  g_assert_cmpint (csm_ticket_first_response_seconds (ticket), ==, 420);
  g_assert_cmpint (csm_ticket_get_handle_minutes (ticket), ==, 9);
  g_assert_true (csm_ticket_get_history_complete (ticket));
  g_assert_cmpstr (g_hash_table_lookup (snapshot->cursors, "transactions.after-id"), ==, "2");
  close_and_release (f, &store);

  db = raw_open (f->path);
  text = raw_text (db, "PRAGMA user_version");
  g_assert_cmpstr (text, ==, "3");
  sqlite3_close (db);
}

/* The schema-2 layout exactly as a console of that schema left it. */
static const char schema_v2_sql[] =
  "PRAGMA journal_mode = WAL;"
  "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT) WITHOUT ROWID;"
  "CREATE TABLE tickets (id INTEGER PRIMARY KEY, subject TEXT, status TEXT,"
  "  queue_id INTEGER NOT NULL, queue_name TEXT, owner TEXT, owner_real_name TEXT,"
  "  creator TEXT, priority INTEGER NOT NULL, created INTEGER NOT NULL,"
  "  last_updated INTEGER NOT NULL, starts INTEGER NOT NULL, started INTEGER NOT NULL,"
  "  due INTEGER NOT NULL, resolved INTEGER NOT NULL, told INTEGER NOT NULL,"
  "  time_worked INTEGER NOT NULL, time_estimated INTEGER NOT NULL, sla TEXT,"
  "  requestors TEXT, custom_fields TEXT,"
  "  first_response INTEGER NOT NULL DEFAULT 0, handle_minutes INTEGER NOT NULL DEFAULT 0,"
  "  agent_replies INTEGER NOT NULL DEFAULT 0, history_complete INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE transactions (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL,"
  "  type TEXT NOT NULL, created INTEGER NOT NULL, time_taken INTEGER NOT NULL,"
  "  creator TEXT, field TEXT, old_value TEXT, new_value TEXT);"
  "CREATE INDEX transactions_ticket_id ON transactions (ticket_id);"
  "CREATE TABLE queues (position INTEGER PRIMARY KEY, id INTEGER NOT NULL,"
  "  name TEXT NOT NULL, description TEXT, sla_enabled INTEGER NOT NULL);"
  "CREATE TABLE agents (position INTEGER PRIMARY KEY, name TEXT NOT NULL,"
  "  real_name TEXT, email TEXT);"
  "CREATE TABLE cursors (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;";

static GPtrArray *
outbox_list (Fixture  *f,
             CsmStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  csm_store_outbox_list_async (store, NULL, result_cb, &result);
  entries = csm_store_outbox_list_finish (store, await_result (f, &result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static gint64
outbox_add (Fixture    *f,
            CsmStore   *store,
            gint64      ticket_id,
            const char *field,
            const char *value,
            const char *previous,
            gint64      queued)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  csm_store_outbox_add_async (store, ticket_id, field, value, previous, queued, NULL, result_cb,
                              &result);
  id = csm_store_outbox_add_finish (store, await_result (f, &result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
outbox_update (Fixture              *f,
               CsmStore             *store,
               const CsmOutboxEntry *entry)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  csm_store_outbox_update_async (store, entry, NULL, result_cb, &result);
  g_assert_true (csm_store_outbox_update_finish (store, await_result (f, &result), &error));
  g_assert_no_error (error);
}

static void
outbox_remove (Fixture  *f,
               CsmStore *store,
               gint64    id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  csm_store_outbox_remove_async (store, id, NULL, result_cb, &result);
  g_assert_true (csm_store_outbox_remove_finish (store, await_result (f, &result), &error));
  g_assert_no_error (error);
}

static GPtrArray *
load_between (Fixture  *f,
              CsmStore *store,
              gint64    from,
              gint64    to)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *found;

  csm_store_load_transactions_between_async (store, from, to, NULL, result_cb, &result);
  found = csm_store_load_transactions_between_finish (store, await_result (f, &result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

/* A schema-2 cache gains the outbox and the index by time, and keeps its
 * data and its metrics (no recomputation is asked for). */
static void
test_migrate_v2 (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *text = NULL;
  CsmTicket *ticket;
  sqlite3 *db;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  db = raw_open (f->path);
  raw_exec (db, schema_v2_sql);
  raw_exec (db,
            "INSERT INTO meta VALUES ('clean-shutdown', '1');"
            "INSERT INTO agents VALUES (0, 'alice', 'Alice', NULL);"
            "INSERT INTO tickets VALUES (7, 'Old', 'open', 1, 'Support', NULL, NULL, 'root', 0,"
            "  1700000000, 1700000900, 0, 0, 0, 0, 0, 0, 0, NULL, '[\"c@example.com\"]', NULL,"
            "  1700000420, 9, 1, 1);"
            "INSERT INTO transactions VALUES (1, 7, 'create', 1700000000, 0, 'c@example.com', NULL, NULL, NULL);"
            "INSERT INTO transactions VALUES (2, 7, 'correspond', 1700000420, 9, 'alice', NULL, NULL, NULL);"
            "PRAGMA user_version = 2;");
  sqlite3_close (db);

  store = open_store_ok (f);
  g_assert_false (csm_store_get_was_rebuilt (store));
  g_assert_cmpint (csm_store_get_schema_version (store), ==, 3);
  snapshot = load_ok (f, store);
  g_assert_cmpuint (snapshot->tickets->len, ==, 1);
  ticket = g_ptr_array_index (snapshot->tickets, 0);
  g_assert_cmpstr (csm_ticket_get_subject (ticket), ==, "Old");
  g_assert_cmpint (csm_ticket_first_response_seconds (ticket), ==, 420);
  g_assert_cmpint (csm_ticket_get_handle_minutes (ticket), ==, 9);

  /* The new table is there and empty; the old rows are found by time. */
  entries = outbox_list (f, store);
  g_assert_cmpuint (entries->len, ==, 0);
  found = load_between (f, store, 1700000000, 1700000421);
  g_assert_cmpuint (found->len, ==, 2);
  close_and_release (f, &store);

  db = raw_open (f->path);
  text = raw_text (db, "PRAGMA user_version");
  g_assert_cmpstr (text, ==, "3");
  g_clear_pointer (&text, g_free);
  text = raw_text (db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'outbox'");
  g_assert_cmpstr (text, ==, "outbox");
  g_clear_pointer (&text, g_free);
  text = raw_text (db, "SELECT name FROM sqlite_master WHERE type = 'index' "
                       "AND name = 'transactions_created'");
  g_assert_cmpstr (text, ==, "transactions_created");
  g_clear_pointer (&text, g_free);
  text = raw_text (db, "SELECT value FROM meta WHERE key = 'metrics-stale'");
  g_assert_null (text);
  sqlite3_close (db);
}

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
  sqlite3 *db;

  store = open_store_ok (f);
  a = outbox_add (f, store, 42, "Owner", "bob", "alice", T0);
  b = outbox_add (f, store, 43, "Status", "resolved", NULL, T0 + 5);
  c = outbox_add (f, store, 42, "Status", "open", "new", T0 + 9);
  g_assert_cmpint (a, <, b);
  g_assert_cmpint (b, <, c);

  /* Committed when the callback ran: another connection sees the row while
   * the store is still open. */
  db = raw_open (f->path);
  text = raw_text (db, "SELECT value FROM outbox WHERE ticket_id = 42 AND field = 'Owner'");
  g_assert_cmpstr (text, ==, "bob");
  g_clear_pointer (&text, g_free);
  sqlite3_close (db);

  entries = outbox_list (f, store);
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
  outbox_update (f, store, copy);
  e = g_ptr_array_index (entries, 1);
  e->state = CSM_OUTBOX_FAILED;
  e->error = g_strdup ("Ticket 43: Permission Denied");
  outbox_update (f, store, e);
  e = g_ptr_array_index (entries, 2);
  e->state = CSM_OUTBOX_DONE;
  outbox_update (f, store, e);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* It survives a reopen. */
  close_and_release (f, &store);
  store = open_store_ok (f);
  entries = outbox_list (f, store);
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
  outbox_remove (f, store, c);
  outbox_remove (f, store, c);
  g_assert_cmpint (outbox_add (f, store, 44, "Owner", "Nobody", NULL, T0 + 20), ==, c + 1);
  outbox_remove (f, store, a);
  entries = outbox_list (f, store);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpint (((CsmOutboxEntry *) g_ptr_array_index (entries, 0))->id, ==, b);
  g_assert_cmpint (((CsmOutboxEntry *) g_ptr_array_index (entries, 1))->id, ==, c + 1);
  close_and_release (f, &store);
}

/* Transactions of every ticket in [from, to), by time then id. */
static void
test_transactions_between (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(GPtrArray) txs = transaction_array ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 expected[] = { 23, 21, 22, 12 };
  CsmTransaction *t;

  store = open_store_ok (f);
  g_ptr_array_add (tickets, make_ticket (1));
  g_ptr_array_add (tickets, make_ticket (2));
  g_ptr_array_add (txs, csm_transaction_new (11, 1, CSM_TRANSACTION_CREATE, T0 - 1, "c", 0));
  g_ptr_array_add (txs, csm_transaction_new (12, 1, CSM_TRANSACTION_CORRESPOND, T0 + 900, "alice", 7));
  g_ptr_array_add (txs, csm_transaction_new (13, 1, CSM_TRANSACTION_COMMENT, T0 + 1000, "bob", 1));
  g_ptr_array_add (txs, csm_transaction_new (21, 2, CSM_TRANSACTION_CREATE, T0 + 10, "d", 0));
  g_ptr_array_add (txs, csm_transaction_new (22, 2, CSM_TRANSACTION_CORRESPOND, T0 + 10, "bob", 3));
  g_ptr_array_add (txs, csm_transaction_new (23, 2, CSM_TRANSACTION_STATUS, T0, "bob", 0));
  csm_transaction_set_change (g_ptr_array_index (txs, 5), "Status", "new", "open");
  csm_store_batch_add_tickets (batch, tickets);
  csm_store_batch_add_transactions (batch, txs);
  g_assert_true (commit (f, store, g_steal_pointer (&batch), &error));
  g_assert_no_error (error);

  /* From included, to excluded; at the same time, by id. */
  found = load_between (f, store, T0, T0 + 1000);
  g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < found->len; i++)
    g_assert_cmpint (((CsmTransaction *) g_ptr_array_index (found, i))->id, ==, expected[i]);
  t = g_ptr_array_index (found, 0);
  g_assert_cmpint (t->ticket_id, ==, 2);
  g_assert_cmpint (t->type, ==, CSM_TRANSACTION_STATUS);
  g_assert_cmpint (t->created, ==, T0);
  g_assert_cmpstr (t->creator, ==, "bob");
  g_assert_cmpstr (t->new_value, ==, "open");
  t = g_ptr_array_index (found, 3);
  g_assert_cmpint (t->time_taken, ==, 7);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = load_between (f, store, T0 + 2000, T0 + 3000);
  g_assert_cmpuint (found->len, ==, 0);
  close_and_release (f, &store);
}

/* The demo and the command line keep their cache in memory: the same
 * store, nothing on disk. */
static void
test_in_memory (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(GPtrArray) txs = transaction_array ();
  g_autoptr(GArray) metrics = NULL;
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);

  csm_store_open_async (NULL, NULL, result_cb, &result);
  store = csm_store_open_finish (await_result (f, &result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_null (csm_store_get_path (store));
  g_assert_cmpint (csm_store_get_schema_version (store), ==, CSM_STORE_SCHEMA_VERSION);

  g_ptr_array_add (tickets, make_ticket (5));
  g_ptr_array_add (txs, csm_transaction_new (1, 5, CSM_TRANSACTION_CORRESPOND, T0 + 30, "alice", 2));
  csm_store_batch_add_tickets (batch, tickets);
  csm_store_batch_add_transactions (batch, txs);
  metrics = commit_metrics (f, store, g_steal_pointer (&batch));
  g_assert_cmpuint (metrics->len, ==, 1);
  g_assert_cmpint (find_metrics (metrics, 5)->first_response, ==, T0 + 30);
  snapshot = load_ok (f, store);
  assert_tickets_same (tickets, snapshot->tickets);
  close_and_release (f, &store);

  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static void
test_open_error (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CsmStore *store;

  /* A folder where the file should be: an error, not a rebuild. */
  g_assert_cmpint (g_mkdir_with_parents (f->path, 0700), ==, 0);
  store = open_store (f, f->path, &error);
  g_assert_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_OPEN);
  g_assert_null (store);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_corrupt_copies (f->path, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
#define ADD_DATA(path, data, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (data), fixture_setup, func, fixture_teardown)

  ADD ("/store/path-for-account", test_path_for_account);
  ADD ("/store/open/fresh", test_open_fresh);
  ADD ("/store/open/error", test_open_error);
  ADD ("/store/open/too-new", test_too_new);
  ADD ("/store/open/migrate-v0", test_migrate_v0);
  ADD ("/store/open/migrate-v1", test_migrate_v1);
  ADD ("/store/open/migrate-v2", test_migrate_v2);
  ADD ("/store/outbox/round-trip", test_outbox);
  ADD ("/store/transactions/between", test_transactions_between);
  ADD ("/store/open/in-memory", test_in_memory);
  ADD ("/store/open/missing-table", test_missing_table);
  ADD ("/store/open/reopen", test_reopen);
  ADD ("/store/open/crash-without-damage", test_crash_without_damage);
  ADD ("/store/commit/round-trip", test_round_trip);
  ADD ("/store/commit/upsert", test_upsert);
  ADD ("/store/commit/delete", test_delete);
  ADD ("/store/commit/queues-agents", test_queues_agents);
  ADD ("/store/commit/cursors", test_cursors);
  ADD ("/store/commit/atomic", test_commit_atomic);
  ADD ("/store/commit/large", test_large_round_trip);
  ADD ("/store/metrics/touched", test_metrics_touched);
  ADD ("/store/metrics/all", test_metrics_all);
  ADD ("/store/metrics/deferred", test_metrics_deferred);
  ADD ("/store/metrics/random", test_metrics_random);
  ADD_DATA ("/store/corrupt/random-bytes", DAMAGE_RANDOM_BYTES, test_corrupt_at_open);
  ADD_DATA ("/store/corrupt/truncated", DAMAGE_TRUNCATED_HALF, test_corrupt_at_open);
  ADD_DATA ("/store/corrupt/truncated-header", DAMAGE_TRUNCATED_HEADER, test_corrupt_at_open);
  ADD_DATA ("/store/corrupt/zeroed-first-page", DAMAGE_ZEROED_FIRST_PAGE, test_corrupt_at_open);
  ADD ("/store/corrupt/found-later", test_corrupt_later);
  ADD ("/store/corrupt/after-crash", test_corrupt_after_crash);
  ADD ("/store/jobs/cancelled", test_cancelled);
  ADD ("/store/jobs/close-with-pending", test_close_with_pending_jobs);
  ADD ("/store/jobs/dispose-unclosed", test_dispose_unclosed);

#undef ADD
#undef ADD_DATA

  return g_test_run ();
}
