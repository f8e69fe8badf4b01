/* bench-store.c: how fast the helpdesk cache opens, checks, loads and commits at scale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-store [--tickets N] [--transactions-per-ticket M] [--keep]
 *
 * Builds a cache of N tickets (default 100,000) with M transactions each
 * (default 6) in a temporary folder and reports, in milliseconds:
 *   - commit of one batch holding everything (metrics deferred, as a full
 *     sync's pages do), of the metrics of every ticket, and of 100-ticket
 *     batches (with the metrics of the tickets they touch);
 *   - open of a cleanly closed cache, and of one whose last session crashed
 *     (which runs PRAGMA quick_check);
 *   - PRAGMA quick_check and integrity_check on their own;
 *   - load of the tickets (with their metrics; histories stay in the file).
 */

#define G_LOG_DOMAIN "bench-store"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "csm-store.h"
#include "csm-ticket-private.h"
#include "csm-transaction.h"

static GMainContext *context;

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
await_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (context, TRUE);
  return *slot;
}

static double
ms_since (gint64 begin)
{
  return (g_get_monotonic_time () - begin) / 1000.0;
}

static CsmStore *
open_store (const char *path,
            double     *out_ms)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 begin = g_get_monotonic_time ();
  CsmStore *store;

  csm_store_open_async (path, NULL, result_cb, &result);
  store = csm_store_open_finish (await_result (&result), &error);
  if (out_ms != NULL)
    *out_ms = ms_since (begin);
  if (store == NULL)
    g_error ("open: %s", error->message);
  return store;
}

/* Takes @batch, as csm_store_commit_async() does. */
static double
commit (CsmStore      *store,
        CsmStoreBatch *batch)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 begin = g_get_monotonic_time ();

  csm_store_commit_async (store, batch, NULL, result_cb, &result);
  if (!csm_store_commit_finish (store, await_result (&result), NULL, &error))
    g_error ("commit: %s", error->message);
  return ms_since (begin);
}

static CsmStoreSnapshot *
load (CsmStore *store,
      double   *out_ms)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 begin = g_get_monotonic_time ();
  CsmStoreSnapshot *snapshot;

  csm_store_load_async (store, NULL, result_cb, &result);
  snapshot = csm_store_load_finish (store, await_result (&result), &error);
  *out_ms = ms_since (begin);
  if (snapshot == NULL)
    g_error ("load: %s", error->message);
  return snapshot;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : da > db ? 1 : 0;
}

/* The median of three loads, so one page-cache or allocator hiccup does not
 * make the number. */
static double
load_median (CsmStore *store,
             guint    *out_tickets)
{
  double times[3];

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      CsmStoreSnapshot *snapshot = load (store, &times[i]);

      *out_tickets = snapshot->tickets->len;
      csm_store_snapshot_free (snapshot);
    }
  qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_doubles);
  return times[1];
}

static void
close_store (CsmStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  csm_store_close_async (store, NULL, result_cb, &result);
  if (!csm_store_close_finish (store, await_result (&result), &error))
    g_error ("close: %s", error->message);
}

static CsmTicket *
make_ticket (gint64 id)
{
  CsmTicket *t = csm_ticket_new (id);

  t->subject = g_strdup_printf ("Cannot log in to the portal after password reset "
                                "(%" G_GINT64_FORMAT ")", id);
  t->status = g_strdup (id % 4 == 0 ? "resolved" : "open");
  t->queue_id = 1 + id % 12;
  t->queue_name = g_strdup_printf ("Queue %" G_GINT64_FORMAT, t->queue_id);
  t->owner = id % 3 == 0 ? NULL : g_strdup_printf ("agent%" G_GINT64_FORMAT, id % 60);
  t->owner_real_name = t->owner ? g_strdup_printf ("Agent Number %" G_GINT64_FORMAT, id % 60)
                                : NULL;
  t->creator = g_strdup_printf ("customer%" G_GINT64_FORMAT "@example.com", id);
  t->priority = (int) (id % 100);
  t->created = 1700000000 + id * 30;
  t->last_updated = t->created + 3600;
  t->due = t->created + 86400;
  t->resolved = id % 4 == 0 ? t->created + 7200 : 0;
  t->time_worked = (int) (id % 90);
  t->sla = g_strdup ("4h");
  t->requestors = g_new0 (char *, 2);
  t->requestors[0] = g_strdup (t->creator);
  t->custom_fields = g_new0 (char *, 7);
  t->custom_fields[0] = g_strdup ("CSAT");
  t->custom_fields[1] = g_strdup_printf ("%d", (int) (1 + id % 5));
  t->custom_fields[2] = g_strdup ("Channel");
  t->custom_fields[3] = g_strdup (id % 2 ? "email" : "chat");
  t->custom_fields[4] = g_strdup ("Product");
  t->custom_fields[5] = g_strdup ("Portal, web");
  return t;
}

static void
add_transactions (GPtrArray *transactions,
                  gint64     ticket_id,
                  guint      per_ticket,
                  gint64    *next_id)
{
  for (guint k = 0; k < per_ticket; k++)
    {
      CsmTransactionType type = k == 0 ? CSM_TRANSACTION_CREATE
                                       : k % 2 ? CSM_TRANSACTION_CORRESPOND
                                               : CSM_TRANSACTION_COMMENT;
      CsmTransaction *t = csm_transaction_new ((*next_id)++, ticket_id, type,
                                               1700000000 + ticket_id * 30 + k * 600,
                                               k % 2 ? "agent7" : "customer@example.com",
                                               (int) (k * 3));

      if (k == per_ticket - 1)
        csm_transaction_set_change (t, "Status", "open", "resolved");
      g_ptr_array_add (transactions, t);
    }
}

static double
raw_pragma_ms (const char *path,
               const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 begin;
  double ms;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    g_error ("sqlite3_open: %s", sqlite3_errmsg (db));
  begin = g_get_monotonic_time ();
  sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  ms = ms_since (begin);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ms;
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_close (db);
}


int
main (int   argc,
      char *argv[])
{
  int n_tickets = 100000;
  int per_ticket = 6;
  gboolean keep = FALSE;
  GOptionEntry entries[] = {
    { "tickets", 0, 0, G_OPTION_ARG_INT, &n_tickets, "Tickets in the cache", "N" },
    { "transactions-per-ticket", 0, 0, G_OPTION_ARG_INT, &per_ticket,
      "Transactions per ticket", "M" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the cache file", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) transactions =
    g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
  g_autoptr(GArray) small = g_array_new (FALSE, FALSE, sizeof (double));
  CsmStoreSnapshot *snapshot;
  gint64 next_tx = 1;
  double ms, open_ms;
  guint n_loaded = 0;
  GStatBuf st;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);

  dir = g_dir_make_tmp ("bench-store-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "cache.sqlite", NULL);

  g_print ("SQLite %s, %d tickets, %d transactions each\n", sqlite3_libversion (), n_tickets,
           per_ticket);

  for (int i = 1; i <= n_tickets; i++)
    {
      g_ptr_array_add (tickets, make_ticket (i));
      add_transactions (transactions, i, per_ticket, &next_tx);
    }

  store = open_store (path, &open_ms);
  g_print ("open (new file)                       %9.1f ms\n", open_ms);

  for (int pass = 0; pass < 2; pass++)
    {
      CsmStoreBatch *batch = csm_store_batch_new ();

      csm_store_batch_add_tickets (batch, tickets);
      csm_store_batch_defer_metrics (batch);
      ms = commit (store, batch);
      g_print ("commit %d tickets, one batch%s %9.1f ms\n", n_tickets,
               pass ? " (updates)" : "          ", ms);
    }

  {
    CsmStoreBatch *batch = csm_store_batch_new ();

    csm_store_batch_add_transactions (batch, transactions);
    csm_store_batch_defer_metrics (batch);
    ms = commit (store, batch);
  }
  g_print ("commit %u transactions, one batch  %9.1f ms\n", transactions->len, ms);

  for (int pass = 0; pass < 2; pass++)
    {
      CsmStoreBatch *batch = csm_store_batch_new ();

      csm_store_batch_update_all_metrics (batch);
      ms = commit (store, batch);
      g_print ("metrics of every ticket%s     %9.1f ms\n",
               pass ? " (unchanged)" : " (first time)", ms);
    }

  /* The steady state of a sync: small batches into a large cache. */
  for (int round = 0; round < 21; round++)
    {
      CsmStoreBatch *batch = csm_store_batch_new ();
      g_autoptr(GPtrArray) some = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) some_tx =
        g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);

      for (int i = 0; i < 100; i++)
        {
          gint64 id = 1 + g_random_int_range (0, n_tickets);

          g_ptr_array_add (some, make_ticket (id));
          add_transactions (some_tx, id, 2, &next_tx);
        }
      csm_store_batch_add_tickets (batch, some);
      csm_store_batch_add_transactions (batch, some_tx);
      csm_store_batch_set_cursor (batch, "tickets", "2024-01-01T00:00:00Z");
      ms = commit (store, batch);
      g_array_append_val (small, ms);
    }
  g_array_sort (small, compare_doubles);
  g_print ("commit 100 tickets + 200 tx (median of %u) %6.1f ms (min %.1f, max %.1f)\n",
           small->len, g_array_index (small, double, small->len / 2),
           g_array_index (small, double, 0), g_array_index (small, double, small->len - 1));

  close_store (store);
  g_clear_object (&store);

  if (g_stat (path, &st) == 0)
    g_print ("file size                             %9.1f MB\n", st.st_size / 1e6);

  /* Warm the page cache once, as a second start of the console would. */
  raw_pragma_ms (path, "PRAGMA quick_check");
  g_print ("PRAGMA quick_check                    %9.1f ms\n",
           raw_pragma_ms (path, "PRAGMA quick_check"));
  g_print ("PRAGMA quick_check(1)                 %9.1f ms\n",
           raw_pragma_ms (path, "PRAGMA quick_check(1)"));
  g_print ("PRAGMA integrity_check(1)             %9.1f ms\n",
           raw_pragma_ms (path, "PRAGMA integrity_check(1)"));

  store = open_store (path, &open_ms);
  g_print ("open (clean shutdown)                 %9.1f ms\n", open_ms);
  snapshot = load (store, &ms);
  g_print ("load %u tickets                     %9.1f ms (first load after open)\n",
           snapshot->tickets->len, ms);
  csm_store_snapshot_free (snapshot);
  ms = load_median (store, &n_loaded);
  g_print ("load %u tickets                     %9.1f ms (median of 3)\n", n_loaded, ms);
  close_store (store);
  g_clear_object (&store);

  raw_exec (path, "UPDATE meta SET value = '0' WHERE key = 'clean-shutdown'");
  store = open_store (path, &open_ms);
  g_print ("open (after a crash: quick_check)     %9.1f ms\n", open_ms);
  close_store (store);
  g_clear_object (&store);

  if (!keep)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  else
    {
      g_print ("kept %s\n", path);
    }

  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  return 0;
}
