/* csm-store-outbox.c: the outbox of write-backs waiting for the helpdesk, synced to disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-store-private.h"

G_DEFINE_BOXED_TYPE (CsmOutboxEntry, csm_outbox_entry, csm_outbox_entry_copy,
                     csm_outbox_entry_free)

/**
 * csm_outbox_entry_copy:
 *
 * Returns: (transfer full): a deep copy of @entry
 */
CsmOutboxEntry *
csm_outbox_entry_copy (const CsmOutboxEntry *entry)
{
  CsmOutboxEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_memdup2 (entry, sizeof *entry);
  copy->field = g_strdup (entry->field);
  copy->value = g_strdup (entry->value);
  copy->previous = g_strdup (entry->previous);
  copy->error = g_strdup (entry->error);
  return copy;
}

void
csm_outbox_entry_free (CsmOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->field);
  g_free (entry->value);
  g_free (entry->previous);
  g_free (entry->error);
  g_free (entry);
}

/**
 * csm_outbox_state_to_string:
 *
 * Returns: "pending", "sending", "done" or "failed"
 */
const char *
csm_outbox_state_to_string (CsmOutboxState state)
{
  switch (state)
    {
    case CSM_OUTBOX_PENDING:
      return "pending";
    case CSM_OUTBOX_SENDING:
      return "sending";
    case CSM_OUTBOX_DONE:
      return "done";
    case CSM_OUTBOX_FAILED:
      return "failed";
    default:
      return "unknown";
    }
}

/* The outbox promises that a queued write survives a crash or a power cut:
 * its commits are synced to disk, not only handed to the OS as the cache's
 * other commits are (which a sync can always fetch again). */
static int
csm_store_worker_durable_step (CsmStoreWorker *worker,
                               CsmStoreBinder *b)
{
  int rc;

  if (b->rc != SQLITE_OK)
    return _csm_store_binder_step (b);
  if (!worker->in_memory)
    sqlite3_exec (worker->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
  rc = _csm_store_binder_step (b);
  if (!worker->in_memory)
    sqlite3_exec (worker->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
  return rc;
}

gboolean
_csm_store_worker_outbox_add (CsmStoreWorker  *worker,
                              CsmOutboxEntry  *entry,
                              gint64          *out_id,
                              GError         **error)
{
  CsmStoreBinder b = { worker->stmts[STMT_OUTBOX_ADD], SQLITE_OK, 0 };
  int rc;

  csm_store_bind_int64 (&b, entry->ticket_id);
  csm_store_bind_text (&b, entry->field);
  csm_store_bind_text (&b, entry->value);
  csm_store_bind_text (&b, entry->previous);
  csm_store_bind_int64 (&b, entry->queued);
  rc = csm_store_worker_durable_step (worker, &b);
  if (rc != SQLITE_OK)
    {
      _csm_store_worker_set_error (worker, rc, _("Could not save the change to the outbox"), error);
      return FALSE;
    }
  *out_id = sqlite3_last_insert_rowid (worker->db);
  return TRUE;
}

GPtrArray *
_csm_store_worker_outbox_list (CsmStoreWorker  *worker,
                               GError         **error)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) csm_outbox_entry_free);
  sqlite3_stmt *stmt = worker->stmts[STMT_OUTBOX_LIST];
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CsmOutboxEntry *entry = g_new0 (CsmOutboxEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->ticket_id = sqlite3_column_int64 (stmt, 1);
      entry->field = _csm_store_column_dup (stmt, 2);
      entry->value = _csm_store_column_dup (stmt, 3);
      entry->previous = _csm_store_column_dup (stmt, 4);
      entry->queued = sqlite3_column_int64 (stmt, 5);
      entry->attempts = (guint) MAX (sqlite3_column_int64 (stmt, 6), 0);
      entry->next_attempt = sqlite3_column_int64 (stmt, 7);
      entry->state = (CsmOutboxState) CLAMP (sqlite3_column_int (stmt, 8), CSM_OUTBOX_PENDING,
                                             CSM_OUTBOX_FAILED);
      entry->error = _csm_store_column_dup (stmt, 9);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _csm_store_worker_set_error (worker, rc, _("Could not read the outbox"), error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

gboolean
_csm_store_worker_outbox_update (CsmStoreWorker  *worker,
                                 CsmOutboxEntry  *entry,
                                 GError         **error)
{
  CsmStoreBinder b = { worker->stmts[STMT_OUTBOX_UPDATE], SQLITE_OK, 0 };
  int rc;

  csm_store_bind_int64 (&b, entry->id);
  csm_store_bind_int64 (&b, entry->attempts);
  csm_store_bind_int64 (&b, entry->next_attempt);
  csm_store_bind_int64 (&b, entry->state);
  csm_store_bind_text (&b, entry->error);
  rc = csm_store_worker_durable_step (worker, &b);
  if (rc != SQLITE_OK)
    {
      _csm_store_worker_set_error (worker, rc, _("Could not save the change to the outbox"), error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_csm_store_worker_outbox_remove (CsmStoreWorker  *worker,
                                 gint64           id,
                                 GError         **error)
{
  CsmStoreBinder b = { worker->stmts[STMT_OUTBOX_REMOVE], SQLITE_OK, 0 };
  int rc;

  csm_store_bind_int64 (&b, id);
  rc = csm_store_worker_durable_step (worker, &b);
  if (rc != SQLITE_OK)
    {
      _csm_store_worker_set_error (worker, rc, _("Could not remove the change from the outbox"),
                                   error);
      return FALSE;
    }
  return TRUE;
}
