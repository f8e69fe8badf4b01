/* test-schema.c: the cache's file: where it lives, its schema, migrations from every older one.
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

  snapshot = load_ok (store);
  assert_snapshot_empty (snapshot);
  close_and_release (&store);

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
      if (g_strcmp0 (text, tables[i]) != 0)
        g_test_fail_printf ("a fresh cache has no table %s", tables[i]);
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
  commit_ok (store, g_steal_pointer (&batch));
  first = load_ok (store);
  close_and_release (&store);

  store = open_store_ok (f);
  g_assert_false (csm_store_get_was_rebuilt (store));
  second = load_ok (store);
  assert_snapshots_same (first, second);
  assert_tickets_same (tickets, second->tickets);
  close_and_release (&store);
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
  raw_change (f->path, "PRAGMA journal_mode = DELETE;"
                       "CREATE TABLE scratch (x TEXT);"
                       "INSERT INTO scratch VALUES ('kept');");

  store = open_store_ok (f);
  g_assert_false (csm_store_get_was_rebuilt (store));
  g_assert_cmpint (csm_store_get_schema_version (store), ==, CSM_STORE_SCHEMA_VERSION);
  g_ptr_array_add (tickets, make_ticket (1));
  csm_store_batch_add_tickets (batch, tickets);
  commit_ok (store, g_steal_pointer (&batch));
  snapshot = load_ok (store);
  assert_tickets_same (tickets, snapshot->tickets);
  close_and_release (&store);

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

/* The layouts of schemas 1 and 2 exactly as consoles of those schemas left
 * them: schema 2 added the metrics columns to the tickets. */
#define OLD_SCHEMA_UP_TO_TICKET_COLUMNS \
  "PRAGMA journal_mode = WAL;" \
  "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT) WITHOUT ROWID;" \
  "CREATE TABLE tickets (id INTEGER PRIMARY KEY, subject TEXT, status TEXT," \
  "  queue_id INTEGER NOT NULL, queue_name TEXT, owner TEXT, owner_real_name TEXT," \
  "  creator TEXT, priority INTEGER NOT NULL, created INTEGER NOT NULL," \
  "  last_updated INTEGER NOT NULL, starts INTEGER NOT NULL, started INTEGER NOT NULL," \
  "  due INTEGER NOT NULL, resolved INTEGER NOT NULL, told INTEGER NOT NULL," \
  "  time_worked INTEGER NOT NULL, time_estimated INTEGER NOT NULL, sla TEXT," \
  "  requestors TEXT, custom_fields TEXT"
#define OLD_SCHEMA_AFTER_TICKET_COLUMNS \
  ");" \
  "CREATE TABLE transactions (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL," \
  "  type TEXT NOT NULL, created INTEGER NOT NULL, time_taken INTEGER NOT NULL," \
  "  creator TEXT, field TEXT, old_value TEXT, new_value TEXT);" \
  "CREATE INDEX transactions_ticket_id ON transactions (ticket_id);" \
  "CREATE TABLE queues (position INTEGER PRIMARY KEY, id INTEGER NOT NULL," \
  "  name TEXT NOT NULL, description TEXT, sla_enabled INTEGER NOT NULL);" \
  "CREATE TABLE agents (position INTEGER PRIMARY KEY, name TEXT NOT NULL," \
  "  real_name TEXT, email TEXT);" \
  "CREATE TABLE cursors (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;"

/* What both hold: ticket 7, created by its customer, answered by alice
 * seven minutes later (nine minutes' work). */
#define OLD_ROWS_UP_TO_TICKET_COLUMNS \
  "INSERT INTO meta VALUES ('clean-shutdown', '1');" \
  "INSERT INTO agents VALUES (0, 'alice', 'Alice', NULL);" \
  "INSERT INTO transactions VALUES (1, 7, 'create', 1700000000, 0, 'c@example.com', NULL," \
  "  NULL, NULL);" \
  "INSERT INTO transactions VALUES (2, 7, 'correspond', 1700000420, 9, 'alice', NULL, NULL," \
  "  NULL);" \
  "INSERT INTO tickets VALUES (7, 'Old', 'open', 1, 'Support', NULL, NULL, 'root', 0," \
  "  1700000000, 1700000900, 0, 0, 0, 0, 0, 0, 0, NULL, '[\"c@example.com\"]', NULL"

static const char schema_v1_sql[] =
  OLD_SCHEMA_UP_TO_TICKET_COLUMNS
  OLD_SCHEMA_AFTER_TICKET_COLUMNS
  OLD_ROWS_UP_TO_TICKET_COLUMNS ");"
  "INSERT INTO cursors VALUES ('transactions.after-id', '2');"
  "PRAGMA user_version = 1;";

static const char schema_v2_sql[] =
  OLD_SCHEMA_UP_TO_TICKET_COLUMNS ","
  "  first_response INTEGER NOT NULL DEFAULT 0, handle_minutes INTEGER NOT NULL DEFAULT 0,"
  "  agent_replies INTEGER NOT NULL DEFAULT 0, history_complete INTEGER NOT NULL DEFAULT 0"
  OLD_SCHEMA_AFTER_TICKET_COLUMNS
  OLD_ROWS_UP_TO_TICKET_COLUMNS ", 1700000420, 9, 1, 1);"
  "PRAGMA user_version = 2;";

/* Opens the cache an older console left (@sql), which keeps ticket 7 and
 * its metrics, and returns its snapshot. */
static CsmStoreSnapshot *
open_old_cache (Fixture    *f,
                const char *sql)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr(CsmStore) store = NULL;
  CsmStoreSnapshot *snapshot;
  CsmTicket *ticket;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  raw_change (f->path, sql);

  store = open_store_ok (f);
  g_assert_false (csm_store_get_was_rebuilt (store));
  g_assert_cmpint (csm_store_get_schema_version (store), ==, CSM_STORE_SCHEMA_VERSION);
  snapshot = load_ok (store);
  g_assert_cmpuint (snapshot->tickets->len, ==, 1);
  ticket = g_ptr_array_index (snapshot->tickets, 0);
  g_assert_cmpstr (csm_ticket_get_subject (ticket), ==, "Old");
  g_assert_cmpint (csm_ticket_first_response_seconds (ticket), ==, 420);
  g_assert_cmpint (csm_ticket_get_handle_minutes (ticket), ==, 9);
  g_assert_true (csm_ticket_get_history_complete (ticket));
  close_and_release (&store);
  return snapshot;
}

/* A cache written by a console of schema 1 (no metrics columns) is brought
 * up and its metrics are worked out from the histories it already holds. */
static void
test_migrate_v1 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CsmStoreSnapshot) snapshot = open_old_cache (f, schema_v1_sql);
  g_autofree char *version = raw_query (f->path, "PRAGMA user_version");

  g_assert_cmpstr (g_hash_table_lookup (snapshot->cursors, "transactions.after-id"), ==, "2");
  g_assert_cmpstr (version, ==, "3");
}

/* A schema-2 cache gains the outbox and the index by time, and keeps its
 * data and its metrics (no recomputation is asked for). */
static void
test_migrate_v2 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CsmStoreSnapshot) snapshot = open_old_cache (f, schema_v2_sql);
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *text = NULL;
  sqlite3 *db;

  /* The new table is there and empty; the old rows are found by time. */
  entries = outbox_list (store);
  g_assert_cmpuint (entries->len, ==, 0);
  found = load_between (store, 1700000000, 1700000421);
  g_assert_cmpuint (found->len, ==, 2);
  close_and_release (&store);

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

static void
test_missing_table (Fixture       *f,
                    gconstpointer  data)
{
  populate (f, 10);
  raw_change (f->path, "DROP TABLE agents");

  /* A schema without one of its tables is not a cache this code can use. */
  assert_rebuilt_empty (f);
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

  store = open_store (f->path, &error);
  g_assert_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_TOO_NEW);
  g_assert_null (store);

  after = read_file (f->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (count_corrupt_copies (f->path, NULL), ==, 0);
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

  csm_store_open_async (NULL, NULL, csm_test_store_result, &result);
  store = csm_store_open_finish (csm_test_await (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_null (csm_store_get_path (store));
  g_assert_cmpint (csm_store_get_schema_version (store), ==, CSM_STORE_SCHEMA_VERSION);

  g_ptr_array_add (tickets, make_ticket (5));
  g_ptr_array_add (txs, csm_transaction_new (1, 5, CSM_TRANSACTION_CORRESPOND, T0 + 30,
                                             "alice", 2));
  csm_store_batch_add_tickets (batch, tickets);
  csm_store_batch_add_transactions (batch, txs);
  metrics = commit_metrics (store, g_steal_pointer (&batch));
  g_assert_cmpuint (metrics->len, ==, 1);
  g_assert_cmpint (find_metrics (metrics, 5)->first_response, ==, T0 + 30);
  snapshot = load_ok (store);
  assert_tickets_same (tickets, snapshot->tickets);
  close_and_release (&store);

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
  store = open_store (f->path, &error);
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

  STORE_TEST_ADD ("/store/schema/path-for-account", test_path_for_account);
  STORE_TEST_ADD ("/store/schema/fresh", test_open_fresh);
  STORE_TEST_ADD ("/store/schema/open-error", test_open_error);
  STORE_TEST_ADD ("/store/schema/too-new", test_too_new);
  STORE_TEST_ADD ("/store/schema/migrate-v0", test_migrate_v0);
  STORE_TEST_ADD ("/store/schema/migrate-v1", test_migrate_v1);
  STORE_TEST_ADD ("/store/schema/migrate-v2", test_migrate_v2);
  STORE_TEST_ADD ("/store/schema/missing-table", test_missing_table);
  STORE_TEST_ADD ("/store/schema/reopen", test_reopen);
  STORE_TEST_ADD ("/store/schema/in-memory", test_in_memory);

  return g_test_run ();
}
