/* csm-store-tickets.c: the ticket cache: loading it, writing a batch into it, reading histories.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-agent.h"
#include "csm-queue.h"
#include "csm-store-private.h"
#include "csm-ticket-private.h"

/* A hand-written codec for the one shape stored (an array of strings): it is
 * exact (NULL vs empty, any byte but NUL), readable with the sqlite3 shell and
 * SQLite's JSON functions, and a JSON parser per ticket would dominate the
 * load time. */
static char *
csm_store_encode_strv (const char * const *strv)
{
  GString *out;

  if (strv == NULL)
    return NULL;

  out = g_string_sized_new (64);
  g_string_append_c (out, '[');
  for (guint i = 0; strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '"');
      for (const char *p = strv[i]; *p != '\0'; p++)
        {
          guchar c = (guchar) *p;

          switch (c)
            {
            case '"':
              g_string_append (out, "\\\"");
              break;
            case '\\':
              g_string_append (out, "\\\\");
              break;
            case '\n':
              g_string_append (out, "\\n");
              break;
            case '\r':
              g_string_append (out, "\\r");
              break;
            case '\t':
              g_string_append (out, "\\t");
              break;
            default:
              if (c < 0x20)
                g_string_append_printf (out, "\\u%04x", c);
              else
                g_string_append_c (out, (char) c);
              break;
            }
        }
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, ']');

  return g_string_free (out, FALSE);
}

static const char *
csm_store_skip_space (const char *p,
                      const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

static gboolean
csm_store_read_hex4 (const char **inout,
                     const char  *end,
                     gunichar    *out_value)
{
  const char *p = *inout;
  gunichar value = 0;

  if (end - p < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;
      value = (value << 4) | (gunichar) digit;
    }
  *inout = p + 4;
  *out_value = value;
  return TRUE;
}

static gboolean
csm_store_decode_string (const char **inout,
                         const char  *end,
                         char       **out_value)
{
  const char *p = *inout;
  const char *start;
  g_autoptr(GString) value = NULL;

  if (p == end || *p != '"')
    return FALSE;
  start = ++p;

  /* Most values have nothing escaped: copy them in one go. */
  while (p < end && *p != '"' && *p != '\\' && *p != '\0')
    p++;
  if (p < end && *p == '"')
    {
      *inout = p + 1;
      *out_value = g_strndup (start, p - start);
      return TRUE;
    }

  p = start;
  value = g_string_sized_new (end - start);
  while (p < end && *p != '"')
    {
      const char *run = p;
      gunichar c;

      while (p < end && *p != '"' && *p != '\\' && *p != '\0')
        p++;
      g_string_append_len (value, run, p - run);
      if (p == end || *p == '"')
        break;
      if (*p == '\0')
        return FALSE;

      /* A backslash escape. */
      if (++p == end)
        return FALSE;
      switch (*p++)
        {
        case '"':
          g_string_append_c (value, '"');
          break;
        case '\\':
          g_string_append_c (value, '\\');
          break;
        case '/':
          g_string_append_c (value, '/');
          break;
        case 'b':
          g_string_append_c (value, '\b');
          break;
        case 'f':
          g_string_append_c (value, '\f');
          break;
        case 'n':
          g_string_append_c (value, '\n');
          break;
        case 'r':
          g_string_append_c (value, '\r');
          break;
        case 't':
          g_string_append_c (value, '\t');
          break;
        case 'u':
          if (!csm_store_read_hex4 (&p, end, &c))
            return FALSE;
          if (c >= 0xd800 && c <= 0xdbff)
            {
              gunichar low;

              if (end - p < 2 || p[0] != '\\' || p[1] != 'u')
                return FALSE;
              p += 2;
              if (!csm_store_read_hex4 (&p, end, &low) || low < 0xdc00 || low > 0xdfff)
                return FALSE;
              c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
            }
          else if (c >= 0xdc00 && c <= 0xdfff)
            return FALSE;
          /* A C string cannot hold NUL. */
          if (c == 0)
            return FALSE;
          g_string_append_unichar (value, c);
          break;
        default:
          return FALSE;
        }
    }

  if (p == end)
    return FALSE;

  *inout = p + 1;
  *out_value = g_string_free (g_steal_pointer (&value), FALSE);
  return TRUE;
}

static gboolean
csm_store_decode_strv (const char   *text,
                       gsize         len,
                       char       ***out_strv)
{
  const char *p = text;
  const char *end = text + len;
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (8, g_free);

  p = csm_store_skip_space (p, end);
  if (p == end || *p != '[')
    return FALSE;
  p = csm_store_skip_space (p + 1, end);

  if (p < end && *p == ']')
    {
      p++;
    }
  else
    {
      for (;;)
        {
          char *item;

          if (!csm_store_decode_string (&p, end, &item))
            return FALSE;
          g_ptr_array_add (items, item);

          p = csm_store_skip_space (p, end);
          if (p == end)
            return FALSE;
          if (*p == ']')
            {
              p++;
              break;
            }
          if (*p != ',')
            return FALSE;
          p = csm_store_skip_space (p + 1, end);
        }
    }

  if (csm_store_skip_space (p, end) != end)
    return FALSE;

  g_ptr_array_add (items, NULL);
  /* Without freeing the segment, the array's free function is not called. */
  *out_strv = (char **) g_ptr_array_free (g_steal_pointer (&items), FALSE);
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

GPtrArray *
_csm_store_worker_load_history (CsmStoreWorker  *worker,
                                gint64           ticket_id,
                                GError         **error)
{
  g_autoptr(GPtrArray) history =
    g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
  CsmStoreBinder b = { worker->stmts[STMT_LOAD_HISTORY], SQLITE_OK, 0 };
  int rc;

  csm_store_bind_int64 (&b, ticket_id);
  rc = b.rc;
  while (rc == SQLITE_OK && (rc = sqlite3_step (b.stmt)) == SQLITE_ROW)
    {
      CsmTransaction row = { 0, };
      CsmTransaction *transaction;

      _csm_store_row_to_transaction (b.stmt, &row);
      transaction = csm_transaction_new (row.id, row.ticket_id, row.type, row.created,
                                         row.creator, row.time_taken);
      if (row.field != NULL || row.old_value != NULL || row.new_value != NULL)
        csm_transaction_set_change (transaction, row.field, row.old_value, row.new_value);
      g_ptr_array_add (history, transaction);
      rc = SQLITE_OK;
    }
  sqlite3_reset (b.stmt);
  if (rc != SQLITE_DONE)
    {
      _csm_store_worker_set_error (worker, rc, _("Could not read the ticket’s history"), error);
      return NULL;
    }
  return g_steal_pointer (&history);
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

static int
csm_store_worker_replace_queues (CsmStoreWorker *worker,
                                 GPtrArray      *queues)
{
  int rc = _csm_store_worker_run (worker, STMT_CLEAR_QUEUES);

  for (guint i = 0; rc == SQLITE_OK && i < queues->len; i++)
    {
      CsmQueue *queue = g_ptr_array_index (queues, i);
      CsmStoreBinder b = { worker->stmts[STMT_INSERT_QUEUE], SQLITE_OK, 0 };

      csm_store_bind_int64 (&b, i);
      csm_store_bind_int64 (&b, csm_queue_get_id (queue));
      csm_store_bind_text (&b, csm_queue_get_name (queue));
      csm_store_bind_text (&b, csm_queue_get_description (queue));
      csm_store_bind_int64 (&b, csm_queue_get_sla_enabled (queue));
      rc = _csm_store_binder_step (&b);
    }
  return rc;
}

static int
csm_store_worker_replace_agents (CsmStoreWorker *worker,
                                 GPtrArray      *agents)
{
  int rc = _csm_store_worker_run (worker, STMT_CLEAR_AGENTS);

  for (guint i = 0; rc == SQLITE_OK && i < agents->len; i++)
    {
      CsmAgent *agent = g_ptr_array_index (agents, i);
      CsmStoreBinder b = { worker->stmts[STMT_INSERT_AGENT], SQLITE_OK, 0 };

      csm_store_bind_int64 (&b, i);
      csm_store_bind_text (&b, csm_agent_get_name (agent));
      csm_store_bind_text (&b, csm_agent_get_real_name (agent));
      csm_store_bind_text (&b, csm_agent_get_email (agent));
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
    rc = csm_store_worker_replace_queues (worker, batch->queues);

  if (rc == SQLITE_OK && batch->agents != NULL)
    rc = csm_store_worker_replace_agents (worker, batch->agents);

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
  g_autoptr(GPtrArray) found =
    g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
  CsmStoreBinder b = { worker->stmts[STMT_LOAD_TRANSACTIONS_BETWEEN], SQLITE_OK, 0 };
  int rc;

  csm_store_bind_int64 (&b, from);
  csm_store_bind_int64 (&b, to);
  rc = b.rc;
  while (rc == SQLITE_OK && (rc = sqlite3_step (b.stmt)) == SQLITE_ROW)
    {
      CsmTransaction row = { 0, };
      CsmTransaction *transaction;

      /* A day of a large helpdesk is tens of thousands of rows. */
      if ((found->len & 4095) == 4095 && g_cancellable_is_cancelled (cancellable))
        {
          sqlite3_reset (b.stmt);
          g_cancellable_set_error_if_cancelled (cancellable, error);
          return NULL;
        }
      _csm_store_row_to_transaction (b.stmt, &row);
      transaction = csm_transaction_new (row.id, row.ticket_id, row.type, row.created,
                                         row.creator, row.time_taken);
      if (row.field != NULL || row.old_value != NULL || row.new_value != NULL)
        csm_transaction_set_change (transaction, row.field, row.old_value, row.new_value);
      g_ptr_array_add (found, transaction);
      rc = SQLITE_OK;
    }
  sqlite3_reset (b.stmt);
  if (rc != SQLITE_DONE)
    {
      _csm_store_worker_set_error (worker, rc, _("Could not read transactions from the helpdesk "
                                                 "cache"), error);
      return NULL;
    }
  return g_steal_pointer (&found);
}
