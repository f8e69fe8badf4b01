/* csm-store-tickets.c: the ticket cache: loading it, writing a batch into it, reading histories.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csm-agent.h"
#include "csm-json.h"
#include "csm-json-writer.h"
#include "csm-queue.h"
#include "csm-kpi.h"
#include "csm-store-private.h"
#include "csm-ticket-private.h"

/* String vectors are stored as JSON arrays of strings (SQL NULL for a NULL
 * vector): exact (NULL vs empty, order, repeats, any character but NUL), and
 * readable with the sqlite3 shell and SQLite's JSON functions. */
static char *
csm_store_encode_strv (const char * const *strv)
{
  g_autoptr(CsmJsonWriter) writer = NULL;

  if (strv == NULL)
    return NULL;

  writer = csm_json_writer_new_sized (FALSE, 64);
  csm_json_writer_begin_array (writer);
  for (guint i = 0; strv[i] != NULL; i++)
    csm_json_writer_string (writer, strv[i]);
  csm_json_writer_end_array (writer);
  return csm_json_writer_free_to_string (g_steal_pointer (&writer), NULL);
}

/* Anything but an array of strings is damage, and so is a string holding
 * NUL (\u0000): no C string holds one, so no ticket ever wrote one. */
static gboolean
csm_store_decode_strv (const char   *text,
                       gsize         length,
                       char       ***out_strv)
{
  g_autoptr(CsmJsonDoc) doc = csm_json_parse (text, length, NULL);
  const CsmJsonValue *array;
  char **strv;
  guint n, i;

  if (doc == NULL)
    return FALSE;
  array = csm_json_doc_get_root (doc);
  if (csm_json_value_get_kind (array) != CSM_JSON_KIND_ARRAY)
    return FALSE;

  n = csm_json_array_get_length (array);
  strv = g_new0 (char *, n + 1);
  for (i = 0; i < n; i++)
    {
      const CsmJsonValue *item = csm_json_array_get_element (array, i);
      const char *value;
      gsize value_length;

      if (csm_json_value_get_kind (item) != CSM_JSON_KIND_STRING)
        break;
      value = csm_json_value_get_string (item, &value_length);
      if (memchr (value, '\0', value_length) != NULL)
        break;
      strv[i] = g_strndup (value, value_length);
    }
  if (i < n)
    {
      g_strfreev (strv);
      return FALSE;
    }

  *out_strv = strv;
  return TRUE;
}

gboolean
_csm_store_column_strv (sqlite3_stmt   *stmt,
                        int             column,
                        char         ***out_strv)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  *out_strv = NULL;
  if (text == NULL)
    return TRUE;
  return csm_store_decode_strv (text, sqlite3_column_bytes (stmt, column), out_strv);
}

static gboolean
csm_store_worker_load_tickets (CsmStoreWorker    *worker,
                               CsmStoreSnapshot  *snapshot,
                               GCancellable      *cancellable,
                               GError           **error)
{
  sqlite3_stmt *stmt = worker->stmts[STMT_LOAD_TICKETS];
  guint n = 0;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CsmTicket *ticket = csm_ticket_new (sqlite3_column_int64 (stmt, 0));

      g_ptr_array_add (snapshot->tickets, ticket);
      ticket->subject = _csm_store_column_dup (stmt, 1);
      ticket->status = _csm_store_column_dup (stmt, 2);
      ticket->queue_id = sqlite3_column_int64 (stmt, 3);
      ticket->queue_name = _csm_store_column_dup (stmt, 4);
      ticket->owner = _csm_store_column_dup (stmt, 5);
      ticket->owner_real_name = _csm_store_column_dup (stmt, 6);
      ticket->creator = _csm_store_column_dup (stmt, 7);
      ticket->priority = sqlite3_column_int (stmt, 8);
      ticket->created = sqlite3_column_int64 (stmt, 9);
      ticket->last_updated = sqlite3_column_int64 (stmt, 10);
      ticket->starts = sqlite3_column_int64 (stmt, 11);
      ticket->started = sqlite3_column_int64 (stmt, 12);
      ticket->due = sqlite3_column_int64 (stmt, 13);
      ticket->resolved = sqlite3_column_int64 (stmt, 14);
      ticket->told = sqlite3_column_int64 (stmt, 15);
      ticket->time_worked = sqlite3_column_int (stmt, 16);
      ticket->time_estimated = sqlite3_column_int (stmt, 17);
      ticket->sla = _csm_store_column_dup (stmt, 18);
      ticket->first_response = sqlite3_column_int64 (stmt, 21);
      ticket->handle_minutes = sqlite3_column_int (stmt, 22);
      ticket->agent_replies = sqlite3_column_int (stmt, 23);
      ticket->history_complete = sqlite3_column_int (stmt, 24) != 0;

      if (!_csm_store_column_strv (stmt, 19, &ticket->requestors) ||
          !_csm_store_column_strv (stmt, 20, &ticket->custom_fields))
        {
          sqlite3_reset (stmt);
          _csm_store_worker_mark_damaged (worker);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, ticket->id);

          g_set_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_CORRUPT,
                       _("Ticket %s in the helpdesk cache is damaged. The cache will be "
                         "rebuilt the next time it is opened."), id);
          return FALSE;
        }

      if ((++n & 0x3fff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }

  if (rc != SQLITE_DONE)
    {
      _csm_store_worker_set_error (worker, rc, _("Could not read the cached tickets"), error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Fills @transaction from a row of TRANSACTION_COLUMNS; the strings point
 * into the row and are only valid until the statement steps. */
void
_csm_store_row_to_transaction (sqlite3_stmt   *stmt,
                               CsmTransaction *transaction)
{
  transaction->id = sqlite3_column_int64 (stmt, 0);
  transaction->ticket_id = sqlite3_column_int64 (stmt, 1);
  transaction->type =
    csm_transaction_type_from_string ((const char *) sqlite3_column_text (stmt, 2), NULL);
  transaction->created = sqlite3_column_int64 (stmt, 3);
  transaction->time_taken = sqlite3_column_int (stmt, 4);
  transaction->creator = (char *) sqlite3_column_text (stmt, 5);
  transaction->field = (char *) sqlite3_column_text (stmt, 6);
  transaction->old_value = (char *) sqlite3_column_text (stmt, 7);
  transaction->new_value = (char *) sqlite3_column_text (stmt, 8);
}

/* Steps @b's statement, bound already, and gathers its rows of
 * TRANSACTION_COLUMNS; @doing says what failed, if it does. */
static GPtrArray *
csm_store_worker_read_transactions (CsmStoreWorker  *worker,
                                    CsmStoreBinder  *b,
                                    GCancellable    *cancellable,
                                    const char      *doing,
                                    GError         **error)
{
  g_autoptr(GPtrArray) found =
    g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
  int rc = b->rc;

  while (rc == SQLITE_OK && (rc = sqlite3_step (b->stmt)) == SQLITE_ROW)
    {
      CsmTransaction row = { 0, };
      CsmTransaction *transaction;

      /* A day of a large helpdesk is tens of thousands of rows. */
      if ((found->len & 4095) == 4095 && g_cancellable_is_cancelled (cancellable))
        {
          sqlite3_reset (b->stmt);
          g_cancellable_set_error_if_cancelled (cancellable, error);
          return NULL;
        }
      _csm_store_row_to_transaction (b->stmt, &row);
      transaction = csm_transaction_new (row.id, row.ticket_id, row.type, row.created,
                                         row.creator, row.time_taken);
      if (row.field != NULL || row.old_value != NULL || row.new_value != NULL)
        csm_transaction_set_change (transaction, row.field, row.old_value, row.new_value);
      g_ptr_array_add (found, transaction);
      rc = SQLITE_OK;
    }
  sqlite3_reset (b->stmt);
  if (rc != SQLITE_DONE)
    {
      _csm_store_worker_set_error (worker, rc, doing, error);
      return NULL;
    }
  return g_steal_pointer (&found);
}

GPtrArray *
_csm_store_worker_load_history (CsmStoreWorker  *worker,
                                gint64           ticket_id,
                                GError         **error)
{
  CsmStoreBinder b = { worker->stmts[STMT_LOAD_HISTORY], SQLITE_OK, 0 };

  csm_store_bind_int64 (&b, ticket_id);
  return csm_store_worker_read_transactions (worker, &b, NULL,
                                             _("Could not read the ticket’s history"), error);
}

static gboolean
csm_store_worker_load_small_tables (CsmStoreWorker    *worker,
                                    CsmStoreSnapshot  *snapshot,
                                    GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = worker->stmts[STMT_LOAD_QUEUES];
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CsmQueue *queue = csm_queue_new (sqlite3_column_int64 (stmt, 0),
                                       (const char *) sqlite3_column_text (stmt, 1),
                                       (const char *) sqlite3_column_text (stmt, 2));

      csm_queue_set_sla_enabled (queue, sqlite3_column_int (stmt, 3) != 0);
      g_ptr_array_add (snapshot->queues, queue);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  stmt = worker->stmts[STMT_LOAD_AGENTS];
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      g_ptr_array_add (snapshot->agents,
                       csm_agent_new (name ? name : "",
                                      (const char *) sqlite3_column_text (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 2)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  stmt = worker->stmts[STMT_LOAD_CURSORS];
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *name = _csm_store_column_dup (stmt, 0);
      char *value = _csm_store_column_dup (stmt, 1);

      if (name != NULL && value != NULL)
        g_hash_table_replace (snapshot->cursors, name, value);
      else
        {
          g_free (name);
          g_free (value);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  return TRUE;

failed:
  _csm_store_worker_set_error (worker, rc, _("Could not read the helpdesk cache"), error);
  return FALSE;
}

CsmStoreSnapshot *
_csm_store_worker_load (CsmStoreWorker  *worker,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(CsmStoreSnapshot) snapshot = _csm_store_snapshot_new ();
  gint64 begin = g_get_monotonic_time ();
  gboolean ok;
  int rc;

  if (!_csm_store_worker_refresh_stale_metrics (worker, error))
    return NULL;

  /* One read transaction, so the tables agree with each other. */
  rc = _csm_store_worker_run (worker, STMT_BEGIN_READ);
  if (rc != SQLITE_OK)
    {
      _csm_store_worker_set_error (worker, rc, _("Could not read the helpdesk cache"), error);
      return NULL;
    }

  ok = csm_store_worker_load_tickets (worker, snapshot, cancellable, error) &&
       csm_store_worker_load_small_tables (worker, snapshot, error);

  /* Ending a read transaction cannot lose anything; only its error matters
   * when all else went well. */
  rc = _csm_store_worker_run (worker, STMT_COMMIT);
  if (ok && rc != SQLITE_OK)
    {
      _csm_store_worker_set_error (worker, rc, _("Could not read the helpdesk cache"), error);
      ok = FALSE;
    }
  if (!ok)
    return NULL;

  g_debug ("Loaded %u tickets from %s in %.1f ms",
           snapshot->tickets->len, worker->path ? worker->path : "memory",
           (g_get_monotonic_time () - begin) / 1000.0);
  return g_steal_pointer (&snapshot);
}

static int
csm_store_worker_upsert_ticket (CsmStoreWorker *worker,
                                CsmTicket      *ticket)
{
  CsmStoreBinder b = { worker->stmts[STMT_UPSERT_TICKET], SQLITE_OK, 0 };
  g_autofree char *requestors = csm_store_encode_strv ((const char * const *) ticket->requestors);
  g_autofree char *custom_fields =
    csm_store_encode_strv ((const char * const *) ticket->custom_fields);

  csm_store_bind_int64 (&b, ticket->id);
  csm_store_bind_text (&b, ticket->subject);
  csm_store_bind_text (&b, ticket->status);
  csm_store_bind_int64 (&b, ticket->queue_id);
  csm_store_bind_text (&b, ticket->queue_name);
  csm_store_bind_text (&b, ticket->owner);
  csm_store_bind_text (&b, ticket->owner_real_name);
  csm_store_bind_text (&b, ticket->creator);
  csm_store_bind_int64 (&b, ticket->priority);
  csm_store_bind_int64 (&b, ticket->created);
  csm_store_bind_int64 (&b, ticket->last_updated);
  csm_store_bind_int64 (&b, ticket->starts);
  csm_store_bind_int64 (&b, ticket->started);
  csm_store_bind_int64 (&b, ticket->due);
  csm_store_bind_int64 (&b, ticket->resolved);
  csm_store_bind_int64 (&b, ticket->told);
  csm_store_bind_int64 (&b, ticket->time_worked);
  csm_store_bind_int64 (&b, ticket->time_estimated);
  csm_store_bind_text (&b, ticket->sla);
  csm_store_bind_text (&b, requestors);
  csm_store_bind_text (&b, custom_fields);
  return _csm_store_binder_step (&b);
}

static int
csm_store_worker_upsert_transaction (CsmStoreWorker *worker,
                                     CsmTransaction *transaction)
{
  CsmStoreBinder b = { worker->stmts[STMT_UPSERT_TRANSACTION], SQLITE_OK, 0 };

  csm_store_bind_int64 (&b, transaction->id);
  csm_store_bind_int64 (&b, transaction->ticket_id);
  csm_store_bind_text (&b, csm_transaction_type_to_string (transaction->type));
  csm_store_bind_int64 (&b, transaction->created);
  csm_store_bind_int64 (&b, transaction->time_taken);
  csm_store_bind_text (&b, transaction->creator);
  csm_store_bind_text (&b, transaction->field);
  csm_store_bind_text (&b, transaction->old_value);
  csm_store_bind_text (&b, transaction->new_value);
  return _csm_store_binder_step (&b);
}

static int
csm_store_worker_delete_ticket (CsmStoreWorker *worker,
                                gint64          ticket_id)
{
  CsmStoreBinder b = { worker->stmts[STMT_DELETE_TICKET_TRANSACTIONS], SQLITE_OK, 0 };
  int rc;

  csm_store_bind_int64 (&b, ticket_id);
  rc = _csm_store_binder_step (&b);
  if (rc != SQLITE_OK)
    return rc;

  b = (CsmStoreBinder) { worker->stmts[STMT_DELETE_TICKET], SQLITE_OK, 0 };
  csm_store_bind_int64 (&b, ticket_id);
  return _csm_store_binder_step (&b);
}

typedef void (*CsmStoreBindItem) (CsmStoreBinder *b,
                                  gpointer        item);

static void
csm_store_bind_queue (CsmStoreBinder *b,
                      gpointer        item)
{
  CsmQueue *queue = item;

  csm_store_bind_int64 (b, csm_queue_get_id (queue));
  csm_store_bind_text (b, csm_queue_get_name (queue));
  csm_store_bind_text (b, csm_queue_get_description (queue));
  csm_store_bind_int64 (b, csm_queue_get_sla_enabled (queue));
}

static void
csm_store_bind_agent (CsmStoreBinder *b,
                      gpointer        item)
{
  CsmAgent *agent = item;

  csm_store_bind_text (b, csm_agent_get_name (agent));
  csm_store_bind_text (b, csm_agent_get_real_name (agent));
  csm_store_bind_text (b, csm_agent_get_email (agent));
}

/* Queues and agents are kept whole, in the order given: each row's
 * position first, then what @bind_item binds of the item. */
static int
csm_store_worker_replace_list (CsmStoreWorker   *worker,
                               CsmStoreStmt      clear,
                               CsmStoreStmt      insert,
                               GPtrArray        *items,
                               CsmStoreBindItem  bind_item)
{
  int rc = _csm_store_worker_run (worker, clear);

  for (guint i = 0; rc == SQLITE_OK && i < items->len; i++)
    {
      CsmStoreBinder b = { worker->stmts[insert], SQLITE_OK, 0 };

      csm_store_bind_int64 (&b, i);
      bind_item (&b, g_ptr_array_index (items, i));
      rc = _csm_store_binder_step (&b);
    }
  return rc;
}

static int
csm_store_worker_write_batch (CsmStoreWorker *worker,
                              CsmStoreBatch  *batch)
{
  GHashTableIter iter;
  gpointer key, value;
  int rc = SQLITE_OK;

  for (guint i = 0; rc == SQLITE_OK && i < batch->tickets->len; i++)
    rc = csm_store_worker_upsert_ticket (worker, g_ptr_array_index (batch->tickets, i));

  for (guint i = 0; rc == SQLITE_OK && i < batch->transactions->len; i++)
    rc = csm_store_worker_upsert_transaction (worker, g_ptr_array_index (batch->transactions, i));

  if (rc == SQLITE_OK && batch->queues != NULL)
    rc = csm_store_worker_replace_list (worker, STMT_CLEAR_QUEUES, STMT_INSERT_QUEUE, batch->queues,
                                        csm_store_bind_queue);

  if (rc == SQLITE_OK && batch->agents != NULL)
    rc = csm_store_worker_replace_list (worker, STMT_CLEAR_AGENTS, STMT_INSERT_AGENT, batch->agents,
                                        csm_store_bind_agent);

  g_hash_table_iter_init (&iter, batch->cursors);
  while (rc == SQLITE_OK && g_hash_table_iter_next (&iter, &key, &value))
    {
      CsmStoreBinder b = { NULL, SQLITE_OK, 0 };

      b.stmt = worker->stmts[value != NULL ? STMT_SET_CURSOR : STMT_DELETE_CURSOR];
      csm_store_bind_text (&b, key);
      if (value != NULL)
        csm_store_bind_text (&b, value);
      rc = _csm_store_binder_step (&b);
    }

  /* Last, so a ticket added and deleted in the same batch ends up deleted. */
  for (guint i = 0; rc == SQLITE_OK && i < batch->deleted->len; i++)
    rc = csm_store_worker_delete_ticket (worker, g_array_index (batch->deleted, gint64, i));

  return rc;
}

gboolean
_csm_store_worker_commit (CsmStoreWorker  *worker,
                          CsmStoreBatch   *batch,
                          GArray          *changed,
                          GError         **error)
{
  gint64 begin = g_get_monotonic_time ();
  int rc;

  rc = _csm_store_worker_run (worker, STMT_BEGIN_WRITE);
  if (rc == SQLITE_OK)
    rc = csm_store_worker_write_batch (worker, batch);
  if (rc == SQLITE_OK)
    rc = _csm_store_worker_batch_metrics (worker, batch, changed);
  if (rc == SQLITE_OK)
    rc = _csm_store_worker_run (worker, STMT_COMMIT);

  if (rc != SQLITE_OK)
    {
      /* The message first: the rollback replaces SQLite's last error. */
      _csm_store_worker_set_error (worker, rc, _("Could not save to the helpdesk cache"), error);
      _csm_store_worker_rollback (worker);
      g_array_set_size (changed, 0);
      return FALSE;
    }

  g_debug ("Committed %u tickets, %u transactions, %u deletions, %u metrics changed in %.1f ms",
           batch->tickets->len, batch->transactions->len, batch->deleted->len, changed->len,
           (g_get_monotonic_time () - begin) / 1000.0);
  return TRUE;
}

GPtrArray *
_csm_store_worker_load_transactions_between (CsmStoreWorker  *worker,
                                             gint64           from,
                                             gint64           to,
                                             GCancellable    *cancellable,
                                             GError         **error)
{
  CsmStoreBinder b = { worker->stmts[STMT_LOAD_TRANSACTIONS_BETWEEN], SQLITE_OK, 0 };

  csm_store_bind_int64 (&b, from);
  csm_store_bind_int64 (&b, to);
  return csm_store_worker_read_transactions (worker, &b, cancellable,
                                             _("Could not read transactions from the helpdesk "
                                               "cache"), error);
}

/* Each ticket's status changes and whether it was reopened, built here so
 * that the main loop never walks the whole history. */
GHashTable *
_csm_store_worker_load_kpi_histories (CsmStoreWorker  *worker,
                                      GCancellable    *cancellable,
                                      GError         **error)
{
  CsmStoreBinder b = { worker->stmts[STMT_LOAD_STATUS_CHANGES], SQLITE_OK, 0 };
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  GHashTable *histories;

  changes = csm_store_worker_read_transactions (worker, &b, cancellable,
                                                _("Could not read the status history from the "
                                                  "helpdesk cache"), error);
  if (changes == NULL)
    return NULL;
  histories = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                     (GDestroyNotify) csm_kpi_history_free);
  /* Ordered by ticket: each run of one ticket's changes is its history. */
  for (guint i = 0; i <= changes->len; i++)
    {
      CsmTransaction *tx = i < changes->len ? g_ptr_array_index (changes, i) : NULL;

      if (one->len > 0 &&
          (tx == NULL || tx->ticket_id != ((CsmTransaction *) one->pdata[0])->ticket_id))
        {
          g_hash_table_insert (histories,
                               g_memdup2 (&((CsmTransaction *) one->pdata[0])->ticket_id,
                                          sizeof (gint64)),
                               csm_kpi_history_from_transactions (one));
          g_ptr_array_set_size (one, 0);
        }
      if (tx != NULL)
        g_ptr_array_add (one, tx);
    }
  return histories;
}
