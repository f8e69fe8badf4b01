/* test-tickets.c: the ticket cache: tickets and histories written and read back exactly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include "csm-kpi.h"
#include "csm-test-async.h"
#include "csm-ticket-private.h"
#include "store-test-util.h"

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
  commit_ok (store, g_steal_pointer (&batch));

  snapshot = load_ok (store);
  assert_tickets_same (tickets, snapshot->tickets);
  {
    g_autoptr(GPtrArray) histories = load_histories (store, tickets, transactions);
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

  close_and_release (&store);
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
  commit_ok (store, g_steal_pointer (&first));

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
  commit_ok (store, g_steal_pointer (&second));

  snapshot = load_ok (store);
  g_assert_cmpuint (snapshot->tickets->len, ==, 2);
  assert_ticket_same (changed, g_ptr_array_index (snapshot->tickets, 0));
  assert_ticket_same (g_ptr_array_index (v1, 1), g_ptr_array_index (snapshot->tickets, 1));
  g_assert_null (((CsmTicket *) g_ptr_array_index (snapshot->tickets, 0))->requestors);
  {
    g_autoptr(GPtrArray) histories = load_histories (store, v1, NULL);
    assert_transactions_same (tx2, histories);
  }

  close_and_release (&store);
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
  commit_ok (store, g_steal_pointer (&batch));

  /* Ticket 2 goes with its history; ticket 3 is re-added and deleted in the
   * same batch, and deletions win; an unknown id is no error. */
  csm_store_batch_delete_ticket (deletion, 2);
  g_ptr_array_add (added_again, make_ticket (3));
  csm_store_batch_add_tickets (deletion, added_again);
  csm_store_batch_delete_ticket (deletion, 3);
  csm_store_batch_delete_ticket (deletion, 999);
  commit_ok (store, g_steal_pointer (&deletion));

  snapshot = load_ok (store);
  g_assert_cmpuint (snapshot->tickets->len, ==, 1);
  g_assert_cmpint (csm_ticket_get_id (g_ptr_array_index (snapshot->tickets, 0)), ==, 1);
  {
    g_autoptr(GPtrArray) histories = load_histories (store, tickets, NULL);

    g_assert_cmpuint (histories->len, ==, 2);
    for (guint i = 0; i < histories->len; i++)
      g_assert_cmpint (((CsmTransaction *) g_ptr_array_index (histories, i))->ticket_id, ==, 1);
  }

  close_and_release (&store);
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
  commit_ok (store, g_steal_pointer (&batch));
  close_and_release (&store);

  store = open_store_ok (f);
  snapshot = load_ok (store);
  assert_tickets_same (tickets, snapshot->tickets);
  {
    g_autoptr(GPtrArray) histories = load_histories (store, tickets, NULL);
    assert_transactions_same (transactions, histories);
  }
  close_and_release (&store);
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
  g_ptr_array_add (txs, csm_transaction_new (12, 1, CSM_TRANSACTION_CORRESPOND, T0 + 900,
                                             "alice", 7));
  g_ptr_array_add (txs, csm_transaction_new (13, 1, CSM_TRANSACTION_COMMENT, T0 + 1000, "bob", 1));
  g_ptr_array_add (txs, csm_transaction_new (21, 2, CSM_TRANSACTION_CREATE, T0 + 10, "d", 0));
  g_ptr_array_add (txs, csm_transaction_new (22, 2, CSM_TRANSACTION_CORRESPOND, T0 + 10, "bob", 3));
  g_ptr_array_add (txs, csm_transaction_new (23, 2, CSM_TRANSACTION_STATUS, T0, "bob", 0));
  csm_transaction_set_change (g_ptr_array_index (txs, 5), "Status", "new", "open");
  csm_store_batch_add_tickets (batch, tickets);
  csm_store_batch_add_transactions (batch, txs);
  g_assert_true (commit (store, g_steal_pointer (&batch), &error));
  g_assert_no_error (error);

  /* From included, to excluded; at the same time, by id. */
  found = load_between (store, T0, T0 + 1000);
  g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < found->len; i++)
    {
      gint64 id = ((CsmTransaction *) g_ptr_array_index (found, i))->id;

      if (id != expected[i])
        g_test_fail_printf ("transaction %u is %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT,
                            i, id, expected[i]);
    }
  t = g_ptr_array_index (found, 0);
  g_assert_cmpint (t->ticket_id, ==, 2);
  g_assert_cmpint (t->type, ==, CSM_TRANSACTION_STATUS);
  g_assert_cmpint (t->created, ==, T0);
  g_assert_cmpstr (t->creator, ==, "bob");
  g_assert_cmpstr (t->new_value, ==, "open");
  t = g_ptr_array_index (found, 3);
  g_assert_cmpint (t->time_taken, ==, 7);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = load_between (store, T0 + 2000, T0 + 3000);
  g_assert_cmpuint (found->len, ==, 0);
  close_and_release (&store);
}

static GHashTable *
load_kpi_histories (CsmStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *histories;

  csm_store_load_kpi_histories_async (store, NULL, csm_test_store_result, &result);
  histories = csm_store_load_kpi_histories_finish (store, csm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (histories);
  return histories;
}

/* The KPI histories are built on the worker from the status changes alone:
 * #1 was resolved, reopened and resolved again; #2 only opened; #3 has no
 * status change and no history. */
static void
test_kpi_histories (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(GPtrArray) txs = transaction_array ();
  g_autoptr(GHashTable) histories = NULL;
  g_autoptr(GError) error = NULL;
  static const struct { gint64 id, ticket, at; const char *from, *to; } changes[] = {
    { 14, 1, T0 + 300, "open", "resolved" },   /* stored out of order on purpose */
    { 12, 1, T0 + 100, "open", "resolved" },
    { 13, 1, T0 + 200, "resolved", "open" },
    { 21, 2, T0 + 50, "new", "open" },
  };
  const CsmKpiHistory *h;
  gint64 id;

  store = open_store_ok (f);
  for (gint64 i = 1; i <= 3; i++)
    g_ptr_array_add (tickets, make_ticket (i));
  g_ptr_array_add (txs, csm_transaction_new (11, 1, CSM_TRANSACTION_CORRESPOND, T0 + 10, "bob", 3));
  g_ptr_array_add (txs, csm_transaction_new (31, 3, CSM_TRANSACTION_COMMENT, T0 + 10, "bob", 1));
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      CsmTransaction *tx = csm_transaction_new (changes[i].id, changes[i].ticket,
                                                CSM_TRANSACTION_STATUS, changes[i].at, "bob", 0);

      csm_transaction_set_change (tx, "Status", changes[i].from, changes[i].to);
      g_ptr_array_add (txs, tx);
    }
  csm_store_batch_add_tickets (batch, tickets);
  csm_store_batch_add_transactions (batch, txs);
  g_assert_true (commit (store, g_steal_pointer (&batch), &error));
  g_assert_no_error (error);

  histories = load_kpi_histories (store);
  g_assert_cmpuint (g_hash_table_size (histories), ==, 2);
  id = 1;
  h = g_hash_table_lookup (histories, &id);
  g_assert_nonnull (h);
  g_assert_true (h->reopened);
  g_assert_cmpuint (h->changes->len, ==, 3);
  g_assert_cmpint (g_array_index (h->changes, CsmKpiStatusChange, 0).at, ==, T0 + 100);
  g_assert_cmpstr (g_array_index (h->changes, CsmKpiStatusChange, 1).to, ==, "open");
  g_assert_cmpint (g_array_index (h->changes, CsmKpiStatusChange, 2).at, ==, T0 + 300);
  id = 2;
  h = g_hash_table_lookup (histories, &id);
  g_assert_nonnull (h);
  g_assert_false (h->reopened);
  g_assert_cmpuint (h->changes->len, ==, 1);
  id = 3;
  g_assert_null (g_hash_table_lookup (histories, &id));
  close_and_release (&store);
}

/* String vectors are stored as JSON arrays of strings, for the sqlite3 shell
 * and SQLite's JSON functions to read: exactly this text. */
static const struct
{
  const char * const *vector;
  const char *stored;
} written_vectors[] = {
  { NULL, NULL },
  { (const char * const []) { NULL }, "[]" },
  { (const char * const []) { "a", "", "b", NULL }, "[\"a\",\"\",\"b\"]" },
  { (const char * const []) { "q\"d", "back\\slash", NULL }, "[\"q\\\"d\",\"back\\\\slash\"]" },
  { (const char * const []) { "\n\r\t\b\f\x01\x1f", NULL }, "[\"\\n\\r\\t\\b\\f\\u0001\\u001f\"]" },
  { (const char * const []) { "ünï 😀 \x7f /", NULL }, "[\"ünï 😀 \x7f /\"]" },
};

static void
test_vectors_written (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  sqlite3 *db;

  for (guint i = 0; i < G_N_ELEMENTS (written_vectors); i++)
    {
      CsmTicket *ticket = csm_ticket_new (i + 1);

      ticket->requestors = g_strdupv ((char **) written_vectors[i].vector);
      g_ptr_array_add (tickets, ticket);
    }
  csm_store_batch_add_tickets (batch, tickets);
  commit_ok (store, g_steal_pointer (&batch));
  snapshot = load_ok (store);
  close_and_release (&store);

  db = raw_open (f->path);
  for (guint i = 0; i < G_N_ELEMENTS (written_vectors); i++)
    {
      const char *expected = written_vectors[i].stored;
      const char * const *vector = written_vectors[i].vector;
      g_autofree char *sql = g_strdup_printf ("SELECT requestors FROM tickets WHERE id = %u",
                                              i + 1);
      g_autofree char *stored = raw_text (db, sql);
      g_autofree char *length = NULL;
      CsmTicket *loaded = g_ptr_array_index (snapshot->tickets, i);

      if (g_strcmp0 (stored, expected) != 0)
        g_test_fail_printf ("row %u is stored as %s, not %s", i, stored, expected);
      if (!strv_same (csm_ticket_get_requestors (loaded), vector))
        g_test_fail_printf ("row %u does not read back as it was written", i);
      if (expected == NULL)
        continue;

      /* SQLite reads it as the same number of strings. */
      g_free (sql);
      sql = g_strdup_printf ("SELECT json_array_length (requestors) FROM tickets WHERE id = %u",
                             i + 1);
      length = raw_text (db, sql);
      if (g_ascii_strtoull (length, NULL, 10) != g_strv_length ((char **) vector))
        g_test_fail_printf ("SQLite reads row %u as %s strings", i, length);
    }
  sqlite3_close (db);
}

/* What older consoles wrote (every control character as \u00XX), and what
 * SQLite's JSON functions or a person in the sqlite3 shell may write, reads
 * as the strings it says. */
static const struct
{
  const char *sql;
  const char * const *vector;
} read_vectors[] = {
  { "NULL", NULL },
  { "'[]'", (const char * const []) { NULL } },
  { "' [ ] '", (const char * const []) { NULL } },
  { "'[\"a\" ,' || char (10) || '\"b\"]'", (const char * const []) { "a", "b", NULL } },
  { "'[\"\\u0008\\u000c\\u0001\\t\"]'", (const char * const []) { "\b\f\x01\t", NULL } },
  { "'[\"\\/\\u00fc\\u00FC\\ud83d\\ude00\"]'", (const char * const []) { "/üü😀", NULL } },
  { "json_array ('a', 'ü', 'x\"y', '')", (const char * const []) { "a", "ü", "x\"y", "", NULL } },
};

static void
test_vectors_read (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  sqlite3 *db;

  populate (f, G_N_ELEMENTS (read_vectors));
  db = raw_open (f->path);
  for (guint i = 0; i < G_N_ELEMENTS (read_vectors); i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE tickets SET requestors = %s, "
                                              "custom_fields = %s WHERE id = %u",
                                              read_vectors[i].sql, read_vectors[i].sql, i + 1);

      raw_exec (db, sql);
    }
  sqlite3_close (db);

  store = open_store_ok (f);
  snapshot = load_ok (store);
  g_assert_cmpuint (snapshot->tickets->len, ==, G_N_ELEMENTS (read_vectors));
  for (guint i = 0; i < G_N_ELEMENTS (read_vectors); i++)
    {
      CsmTicket *ticket = g_ptr_array_index (snapshot->tickets, i);

      if (!strv_same (csm_ticket_get_requestors (ticket), read_vectors[i].vector) ||
          !strv_same (csm_ticket_get_custom_fields (ticket), read_vectors[i].vector))
        g_test_fail_printf ("row %u, %s, does not read as expected", i, read_vectors[i].sql);
    }
  close_and_release (&store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  STORE_TEST_ADD ("/store/tickets/round-trip", test_round_trip);
  STORE_TEST_ADD ("/store/tickets/upsert", test_upsert);
  STORE_TEST_ADD ("/store/tickets/delete", test_delete);
  STORE_TEST_ADD ("/store/tickets/large", test_large_round_trip);
  STORE_TEST_ADD ("/store/tickets/transactions-between", test_transactions_between);
  STORE_TEST_ADD ("/store/tickets/kpi-histories", test_kpi_histories);
  STORE_TEST_ADD ("/store/tickets/vectors-written", test_vectors_written);
  STORE_TEST_ADD ("/store/tickets/vectors-read", test_vectors_read);

  return g_test_run ();
}
