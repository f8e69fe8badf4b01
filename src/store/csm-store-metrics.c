/* csm-store-metrics.c: what each ticket's whole history says, worked out and kept with the ticket.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-store-private.h"
#include "csm-ticket-private.h"

static int
csm_store_worker_load_agent_names (CsmStoreWorker  *worker,
                                   GHashTable     **out_names)
{
  sqlite3_stmt *stmt = worker->stmts[STMT_LOAD_AGENTS];
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (name != NULL && *name != '\0')
        g_hash_table_add (names, g_strdup (name));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rc;
  *out_names = g_steal_pointer (&names);
  return SQLITE_OK;
}

/* Reads a row of "id, requestors, METRICS_COLUMNS". The requestors are only
 * decoded when @out_requestors is given (they matter only without an agent
 * list). */
static int
csm_store_read_metrics_row (sqlite3_stmt       *stmt,
                            gint64             *out_id,
                            char             ***out_requestors,
                            CsmTicketMetrics   *out_stored)
{
  *out_id = sqlite3_column_int64 (stmt, 0);
  out_stored->first_response = sqlite3_column_int64 (stmt, 2);
  out_stored->handle_minutes = sqlite3_column_int (stmt, 3);
  out_stored->agent_replies = sqlite3_column_int (stmt, 4);
  out_stored->history_complete = sqlite3_column_int (stmt, 5) != 0;
  if (out_requestors != NULL && !_csm_store_column_strv (stmt, 1, out_requestors))
    return SQLITE_CORRUPT;
  return SQLITE_OK;
}

static void
csm_store_note_metrics (GArray                 *changed,
                        gint64                  ticket_id,
                        const CsmTicketMetrics *stored,
                        const CsmTicketMetrics *fresh)
{
  CsmStoreMetrics entry = { ticket_id, *fresh };

  if (!csm_ticket_metrics_equal (stored, fresh))
    g_array_append_val (changed, entry);
}

/* Every ticket, in one pass over both tables: tickets by id beside their
 * transactions by ticket id. */
static int
csm_store_worker_metrics_all (CsmStoreWorker *worker,
                              GHashTable     *agents,
                              GArray         *changed)
{
  sqlite3_stmt *tickets = worker->stmts[STMT_METRICS_ALL_TICKETS];
  sqlite3_stmt *txs = worker->stmts[STMT_METRICS_ALL_TRANSACTIONS];
  gboolean need_requestors = g_hash_table_size (agents) == 0;
  int rc, tx_rc;

  tx_rc = sqlite3_step (txs);
  while ((rc = sqlite3_step (tickets)) == SQLITE_ROW)
    {
      g_auto(GStrv) requestors = NULL;
      CsmTicketMetrics stored, fresh;
      gint64 id;

      rc = csm_store_read_metrics_row (tickets, &id, need_requestors ? &requestors : NULL, &stored);
      if (rc != SQLITE_OK)
        break;

      csm_ticket_metrics_init (&fresh);
      /* Transactions of tickets no longer cached are passed over. */
      while (tx_rc == SQLITE_ROW && sqlite3_column_int64 (txs, 0) < id)
        tx_rc = sqlite3_step (txs);
      while (tx_rc == SQLITE_ROW && sqlite3_column_int64 (txs, 0) == id)
        {
          CsmTransaction row = { 0, };

          row.ticket_id = id;
          row.type = csm_transaction_type_from_string ((const char *) sqlite3_column_text (txs, 1),
                                                       NULL);
          row.created = sqlite3_column_int64 (txs, 2);
          row.time_taken = sqlite3_column_int (txs, 3);
          row.creator = (char *) sqlite3_column_text (txs, 4);
          csm_ticket_metrics_add (&fresh, &row, (const char * const *) requestors, agents);
          tx_rc = sqlite3_step (txs);
        }
      if (tx_rc != SQLITE_ROW && tx_rc != SQLITE_DONE)
        {
          rc = tx_rc;
          break;
        }
      csm_store_note_metrics (changed, id, &stored, &fresh);
    }
  sqlite3_reset (tickets);
  sqlite3_reset (txs);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The tickets in @ids, one by one. */
static int
csm_store_worker_metrics_some (CsmStoreWorker *worker,
                               GHashTable     *ids,
                               GHashTable     *agents,
                               GArray         *changed)
{
  sqlite3_stmt *ticket = worker->stmts[STMT_METRICS_TICKET];
  sqlite3_stmt *history = worker->stmts[STMT_LOAD_HISTORY];
  gboolean need_requestors = g_hash_table_size (agents) == 0;
  GHashTableIter iter;
  gpointer key;
  int rc = SQLITE_OK;

  g_hash_table_iter_init (&iter, ids);
  while (rc == SQLITE_OK && g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_auto(GStrv) requestors = NULL;
      CsmTicketMetrics stored, fresh;
      gint64 id = *(gint64 *) key;

      rc = sqlite3_bind_int64 (ticket, 1, id);
      if (rc != SQLITE_OK)
        break;
      rc = sqlite3_step (ticket);
      if (rc == SQLITE_ROW)
        rc = csm_store_read_metrics_row (ticket, &id, need_requestors ? &requestors : NULL,
                                         &stored);
      else if (rc == SQLITE_DONE)
        rc = SQLITE_NOTFOUND;   /* not cached (deleted in the same batch) */
      sqlite3_reset (ticket);
      if (rc == SQLITE_NOTFOUND)
        {
          rc = SQLITE_OK;
          continue;
        }
      if (rc != SQLITE_OK)
        break;

      csm_ticket_metrics_init (&fresh);
      rc = sqlite3_bind_int64 (history, 1, id);
      while (rc == SQLITE_OK && (rc = sqlite3_step (history)) == SQLITE_ROW)
        {
          CsmTransaction row = { 0, };

          _csm_store_row_to_transaction (history, &row);
          csm_ticket_metrics_add (&fresh, &row, (const char * const *) requestors, agents);
          rc = SQLITE_OK;
        }
      sqlite3_reset (history);
      if (rc != SQLITE_DONE)
        break;
      rc = SQLITE_OK;
      csm_store_note_metrics (changed, id, &stored, &fresh);
    }
  return rc;
}

/* Works out the metrics of the tickets in @ids (all when %NULL) inside the
 * current write transaction, stores those that changed and adds them to
 * @changed. */
static int
csm_store_worker_update_metrics (CsmStoreWorker *worker,
                                 GHashTable     *ids,
                                 GArray         *changed)
{
  g_autoptr(GHashTable) agents = NULL;
  guint first = changed->len;
  int rc;

  rc = csm_store_worker_load_agent_names (worker, &agents);
  if (rc != SQLITE_OK)
    return rc;

  if (ids == NULL)
    rc = csm_store_worker_metrics_all (worker, agents, changed);
  else
    rc = csm_store_worker_metrics_some (worker, ids, agents, changed);

  /* Written once the reads are done, never under a running SELECT. */
  for (guint i = first; rc == SQLITE_OK && i < changed->len; i++)
    {
      const CsmStoreMetrics *entry = &g_array_index (changed, CsmStoreMetrics, i);
      CsmStoreBinder b = { worker->stmts[STMT_UPDATE_METRICS], SQLITE_OK, 0 };

      csm_store_bind_int64 (&b, entry->ticket_id);
      csm_store_bind_int64 (&b, entry->metrics.first_response);
      csm_store_bind_int64 (&b, entry->metrics.handle_minutes);
      csm_store_bind_int64 (&b, entry->metrics.agent_replies);
      csm_store_bind_int64 (&b, entry->metrics.history_complete ? 1 : 0);
      rc = _csm_store_binder_step (&b);
    }

  if (rc == SQLITE_OK && ids == NULL)
    rc = _csm_store_worker_set_meta (worker, "metrics-stale", "0");
  return rc;
}

/* After a crash in the middle of a full sync (or a migration), some
 * tickets' metrics were never worked out: do it before anyone reads them. */
gboolean
_csm_store_worker_refresh_stale_metrics (CsmStoreWorker  *worker,
                                         GError         **error)
{
  g_autofree char *stale = NULL;
  g_autoptr(GArray) changed = NULL;
  gint64 begin = g_get_monotonic_time ();
  int rc;

  rc = _csm_store_worker_get_meta (worker, "metrics-stale", &stale);
  if (rc == SQLITE_OK && g_strcmp0 (stale, "1") != 0)
    return TRUE;

  changed = g_array_new (FALSE, FALSE, sizeof (CsmStoreMetrics));
  if (rc == SQLITE_OK)
    rc = _csm_store_worker_run (worker, STMT_BEGIN_WRITE);
  if (rc == SQLITE_OK)
    rc = csm_store_worker_update_metrics (worker, NULL, changed);
  if (rc == SQLITE_OK)
    rc = _csm_store_worker_run (worker, STMT_COMMIT);
  if (rc != SQLITE_OK)
    {
      _csm_store_worker_set_error (worker, rc, _("Could not read the helpdesk cache"), error);
      _csm_store_worker_rollback (worker);
      return FALSE;
    }
  g_debug ("Worked out stale metrics: %u tickets changed in %.1f ms", changed->len,
           (g_get_monotonic_time () - begin) / 1000.0);
  return TRUE;
}

/* The metrics the batch calls for, see csm_store_batch_defer_metrics(). */
int
_csm_store_worker_batch_metrics (CsmStoreWorker *worker,
                                 CsmStoreBatch  *batch,
                                 GArray         *changed)
{
  g_autoptr(GHashTable) ids = NULL;
  gboolean writes_history = batch->tickets->len > 0 || batch->transactions->len > 0;

  switch (batch->metrics)
    {
    case METRICS_ALL:
      return csm_store_worker_update_metrics (worker, NULL, changed);

    case METRICS_DEFERRED:
      return writes_history ? _csm_store_worker_set_meta (worker, "metrics-stale", "1")
                            : SQLITE_OK;

    case METRICS_TOUCHED:
    default:
      if (!writes_history)
        return SQLITE_OK;
      ids = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < batch->tickets->len; i++)
        g_hash_table_add (ids, &((CsmTicket *) g_ptr_array_index (batch->tickets, i))->id);
      for (guint i = 0; i < batch->transactions->len; i++)
        {
          CsmTransaction *transaction = g_ptr_array_index (batch->transactions, i);

          g_hash_table_add (ids, &transaction->ticket_id);
        }
      return csm_store_worker_update_metrics (worker, ids, changed);
    }
}
