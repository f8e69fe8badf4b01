/* store-test-util.c: what the store's tests share: a cache per test, waiting on it, test data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <glib/gstdio.h>

#include "csm-agent.h"
#include "csm-queue.h"
#include "csm-test-async.h"
#include "csm-ticket-private.h"
#include "store-test-util.h"

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

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("csm-store-test-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "csm-console", "cache", ACCOUNT_ID ".sqlite", NULL);
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* Nothing may still be on its way back. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

CsmStore *
open_store (const char *path,
            GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  csm_store_open_async (path, NULL, csm_test_store_result, &result);
  return csm_store_open_finish (csm_test_await (&result), error);
}

CsmStore *
open_store_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  CsmStore *store = open_store (f->path, &error);

  g_assert_no_error (error);
  g_assert_true (CSM_IS_STORE (store));
  return store;
}

CsmStoreSnapshot *
load (CsmStore *store,
      GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  csm_store_load_async (store, NULL, csm_test_store_result, &result);
  return csm_store_load_finish (store, csm_test_await (&result), error);
}

CsmStoreSnapshot *
load_ok (CsmStore *store)
{
  g_autoptr(GError) error = NULL;
  CsmStoreSnapshot *snapshot = load (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  return snapshot;
}

/* Takes @batch, as csm_store_commit_async() does. */
gboolean
commit (CsmStore      *store,
        CsmStoreBatch *batch,
        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  csm_store_commit_async (store, batch, NULL, csm_test_store_result, &result);
  return csm_store_commit_finish (store, csm_test_await (&result), NULL, error);
}

/* Takes @batch; returns the metrics the commit reports as changed. */
GArray *
commit_metrics (CsmStore      *store,
                CsmStoreBatch *batch)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GArray *metrics = NULL;

  csm_store_commit_async (store, batch, NULL, csm_test_store_result, &result);
  g_assert_true (csm_store_commit_finish (store, csm_test_await (&result), &metrics, &error));
  g_assert_no_error (error);
  g_assert_nonnull (metrics);
  return metrics;
}

GPtrArray *
load_history (CsmStore *store,
              gint64    ticket_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *history;

  csm_store_load_history_async (store, ticket_id, NULL, csm_test_store_result, &result);
  history = csm_store_load_history_finish (store, csm_test_await (&result), &error);
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
GPtrArray *
load_histories (CsmStore  *store,
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
    {
      CsmTransaction *transaction = g_ptr_array_index (transactions, i);

      g_hash_table_add (ids, g_memdup2 (&transaction->ticket_id, sizeof (gint64)));
    }
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(GPtrArray) history = load_history (store, *(gint64 *) key);

      for (guint i = 0; i < history->len; i++)
        g_ptr_array_add (all, csm_transaction_ref (g_ptr_array_index (history, i)));
    }
  g_ptr_array_sort (all, compare_transaction_ids);
  return all;
}

void
commit_ok (CsmStore      *store,
           CsmStoreBatch *batch)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (commit (store, batch, &error));
  g_assert_no_error (error);
}

void
close_ok (CsmStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  csm_store_close_async (store, NULL, csm_test_store_result, &result);
  g_assert_true (csm_store_close_finish (store, csm_test_await (&result), &error));
  g_assert_no_error (error);
}

/* Closes and drops the store, and checks that nothing else holds it. */
void
close_and_release (CsmStore **store)
{
  close_ok (*store);
  g_object_add_weak_pointer (G_OBJECT (*store), (gpointer *) store);
  g_object_unref (*store);
  g_assert_null (*store);
}

/* ------------------------------------------------------------------------ */

sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  return db;
}

gboolean
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_test_fail_printf ("%s: %s", sql, message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

char *
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

/* @sql run on the file through a connection of its own. */
void
raw_change (const char *path,
            const char *sql)
{
  sqlite3 *db = raw_open (path);

  raw_exec (db, sql);
  sqlite3_close (db);
}

/* The first column of @sql's first row, read through a connection of its
 * own; NULL when there is none. */
char *
raw_query (const char *path,
           const char *sql)
{
  sqlite3 *db = raw_open (path);
  char *text = raw_text (db, sql);

  sqlite3_close (db);
  return text;
}

GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

void
write_file (const char   *path,
            const guint8 *data,
            gsize         len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, len, &error);
  g_assert_no_error (error);
}

/* Zeroes the pages between two fractions of the file. */
void
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
guint
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

char **
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
CsmTicket *
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
CsmTicket *
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
CsmTicket *
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

CsmTransaction *
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

GPtrArray *
ticket_array (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

GPtrArray *
transaction_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
}

gboolean
strv_same (const char * const *a,
           const char * const *b)
{
  /* NULL and empty are different answers: "no requestors known" vs "none". */
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal (a, b);
}

void
assert_strv_same (const char * const *a,
                  const char * const *b)
{
  g_assert_true (strv_same (a, b));
}

void
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

void
assert_tickets_same (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    assert_ticket_same (g_ptr_array_index (a, i), g_ptr_array_index (b, i));
}

void
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

void
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

/* The next open rebuilds the cache from nothing. */
void
assert_rebuilt_empty (Fixture *f)
{
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;

  g_assert_true (csm_store_get_was_rebuilt (store));
  snapshot = load_ok (store);
  assert_snapshot_empty (snapshot);
  close_and_release (&store);
}

void
assert_snapshot_empty (CsmStoreSnapshot *snapshot)
{
  g_assert_cmpuint (snapshot->tickets->len, ==, 0);
  g_assert_cmpuint (snapshot->queues->len, ==, 0);
  g_assert_cmpuint (snapshot->agents->len, ==, 0);
  g_assert_cmpuint (g_hash_table_size (snapshot->cursors), ==, 0);
}

/* Fills a cache with @n_tickets tickets and two transactions each, and
 * closes it cleanly. */
void
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
  commit_ok (store, g_steal_pointer (&batch));
  close_and_release (&store);
}

GPtrArray *
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

const CsmTicketMetrics *
find_metrics (GArray *metrics,
              gint64  ticket_id)
{
  for (guint i = 0; i < metrics->len; i++)
    if (g_array_index (metrics, CsmStoreMetrics, i).ticket_id == ticket_id)
      return &g_array_index (metrics, CsmStoreMetrics, i).metrics;
  return NULL;
}

CsmTicket *
find_ticket (GPtrArray *tickets,
             gint64     id)
{
  for (guint i = 0; i < tickets->len; i++)
    if (((CsmTicket *) g_ptr_array_index (tickets, i))->id == id)
      return g_ptr_array_index (tickets, i);
  return NULL;
}

GPtrArray *
outbox_list (CsmStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  csm_store_outbox_list_async (store, NULL, csm_test_store_result, &result);
  entries = csm_store_outbox_list_finish (store, csm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

gint64
outbox_add (CsmStore   *store,
            gint64      ticket_id,
            const char *field,
            const char *value,
            const char *previous,
            gint64      queued)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  csm_store_outbox_add_async (store, ticket_id, field, value, previous, queued, NULL,
                              csm_test_store_result, &result);
  id = csm_store_outbox_add_finish (store, csm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

void
outbox_update (CsmStore             *store,
               const CsmOutboxEntry *entry)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  csm_store_outbox_update_async (store, entry, NULL, csm_test_store_result, &result);
  g_assert_true (csm_store_outbox_update_finish (store, csm_test_await (&result), &error));
  g_assert_no_error (error);
}

void
outbox_remove (CsmStore *store,
               gint64    id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  csm_store_outbox_remove_async (store, id, NULL, csm_test_store_result, &result);
  g_assert_true (csm_store_outbox_remove_finish (store, csm_test_await (&result), &error));
  g_assert_no_error (error);
}

GPtrArray *
load_between (CsmStore *store,
              gint64    from,
              gint64    to)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *found;

  csm_store_load_transactions_between_async (store, from, to, NULL, csm_test_store_result, &result);
  found = csm_store_load_transactions_between_finish (store, csm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}
