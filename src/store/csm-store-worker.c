/* csm-store-worker.c: the store's worker thread: the jobs it runs, and the SQL helpers they share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-store-private.h"

CsmStoreJob *
_csm_store_job_new (CsmStoreJobKind  kind,
                    GTask           *task)
{
  CsmStoreJob *job = g_new0 (CsmStoreJob, 1);

  job->kind = kind;
  if (task != NULL)
    {
      job->task = g_object_ref (task);
      g_set_object (&job->cancellable, g_task_get_cancellable (task));
    }
  return job;
}

void
_csm_store_job_free (gpointer data)
{
  CsmStoreJob *job = data;

  g_clear_object (&job->task);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->batch, csm_store_batch_free);
  g_clear_error (&job->error);
  g_clear_pointer (&job->snapshot, csm_store_snapshot_free);
  g_clear_pointer (&job->metrics, g_array_unref);
  g_clear_pointer (&job->history, g_ptr_array_unref);
  g_clear_pointer (&job->histories, g_hash_table_unref);
  g_clear_pointer (&job->entry, csm_outbox_entry_free);
  g_free (job);
}

CsmStoreWorker *
_csm_store_worker_new (const char  *path,
                       GAsyncQueue *queue)
{
  CsmStoreWorker *worker = g_new0 (CsmStoreWorker, 1);

  worker->in_memory = path == NULL;
  worker->path = g_strdup (path != NULL ? path : ":memory:");
  worker->marker_path = path != NULL ? _csm_store_marker_path (path) : NULL;
  worker->queue = g_async_queue_ref (queue);
  return worker;
}

void
_csm_store_worker_close_db (CsmStoreWorker *worker)
{
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&worker->stmts[i], sqlite3_finalize);

  if (worker->db != NULL)
    {
      /* Every statement is finalized, so this cannot be SQLITE_BUSY. */
      sqlite3_close (worker->db);
      worker->db = NULL;
    }
}

void
_csm_store_worker_free (CsmStoreWorker *worker)
{
  _csm_store_worker_close_db (worker);
  g_clear_pointer (&worker->queue, g_async_queue_unref);
  g_free (worker->path);
  g_free (worker->marker_path);
  g_free (worker);
}

static gboolean
csm_store_is_corruption (int rc)
{
  rc &= 0xff;
  return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

const char *
_csm_store_worker_errmsg (CsmStoreWorker *worker,
                          int             rc)
{
  if (worker->db != NULL && sqlite3_errcode (worker->db) != SQLITE_OK)
    return sqlite3_errmsg (worker->db);
  return sqlite3_errstr (rc);
}

/* Remembers that the file is damaged so the next open rebuilds it, even if
 * the damage is somewhere the checks at open do not look. */
void
_csm_store_worker_mark_damaged (CsmStoreWorker *worker)
{
  g_autoptr(GError) error = NULL;

  if (worker->damaged)
    return;
  worker->damaged = TRUE;
  if (worker->in_memory)
    return;

  if (!g_file_set_contents (worker->marker_path, "", 0, &error))
    g_warning ("Could not mark the helpdesk cache for rebuilding: %s", error->message);
}

/* Turns an SQLite failure after open into a GError. @doing is a translated
 * sentence saying what failed. */
void
_csm_store_worker_set_error (CsmStoreWorker  *worker,
                             int              rc,
                             const char      *doing,
                             GError         **error)
{
  const char *detail = _csm_store_worker_errmsg (worker, rc);

  if (csm_store_is_corruption (rc))
    {
      _csm_store_worker_mark_damaged (worker);
      g_set_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_CORRUPT,
                   _("The helpdesk cache is damaged (%s). It will be rebuilt the next time it "
                     "is opened."), detail);
    }
  else if ((rc & 0xff) == SQLITE_FULL)
    {
      g_set_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_IO,
                   _("%s: the disk is full."), doing);
    }
  else
    {
      g_set_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_IO, "%s: %s", doing, detail);
    }
}

/* Runs a prepared statement that returns no rows, and resets it. */
static int
csm_store_step_done (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int
_csm_store_worker_run (CsmStoreWorker *worker,
                       CsmStoreStmt    which)
{
  return csm_store_step_done (worker->stmts[which]);
}

/* Ends a failed write transaction, if SQLite has not already rolled it back. */
void
_csm_store_worker_rollback (CsmStoreWorker *worker)
{
  if (sqlite3_get_autocommit (worker->db))
    return;
  if (worker->stmts[STMT_ROLLBACK] != NULL)
    _csm_store_worker_run (worker, STMT_ROLLBACK);
  else
    sqlite3_exec (worker->db, "ROLLBACK", NULL, NULL, NULL);
}

int
_csm_store_binder_step (CsmStoreBinder *b)
{
  if (b->rc != SQLITE_OK)
    {
      sqlite3_reset (b->stmt);
      return b->rc;
    }
  return csm_store_step_done (b->stmt);
}

char *
_csm_store_column_dup (sqlite3_stmt *stmt,
                       int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL)
    return NULL;
  return g_strndup (text, sqlite3_column_bytes (stmt, column));
}

int
_csm_store_worker_set_meta (CsmStoreWorker *worker,
                            const char     *key,
                            const char     *value)
{
  CsmStoreBinder b = { worker->stmts[STMT_SET_META], SQLITE_OK, 0 };

  csm_store_bind_text (&b, key);
  csm_store_bind_text (&b, value);
  return _csm_store_binder_step (&b);
}

int
_csm_store_worker_get_meta (CsmStoreWorker  *worker,
                            const char      *key,
                            char           **out_value)
{
  CsmStoreBinder b = { worker->stmts[STMT_GET_META], SQLITE_OK, 0 };
  int rc;

  *out_value = NULL;
  csm_store_bind_text (&b, key);
  if (b.rc != SQLITE_OK)
    return b.rc;
  rc = sqlite3_step (b.stmt);
  if (rc == SQLITE_ROW)
    *out_value = _csm_store_column_dup (b.stmt, 0);
  sqlite3_reset (b.stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static gboolean
csm_store_worker_close (CsmStoreWorker  *worker,
                        GError         **error)
{
  gboolean ok = TRUE;

  if (worker->db == NULL)
    return TRUE;

  /* A damaged file must not claim a clean shutdown; the marker rebuilds it. */
  if (!worker->damaged)
    {
      int rc = _csm_store_worker_set_meta (worker, "clean-shutdown", "1");

      if (rc != SQLITE_OK)
        {
          _csm_store_worker_set_error (worker, rc, _("Could not close the helpdesk cache"), error);
          ok = FALSE;
        }
    }

  _csm_store_worker_close_db (worker);
  return ok;
}

/* Runs one job on the worker thread. Returns FALSE when the worker stops. */
static gboolean
csm_store_worker_run_job (CsmStoreWorker *worker,
                          CsmStoreJob    *job)
{
  gboolean keep_running = TRUE;

  /* A job cancelled before it starts does not touch the database. Closing
   * always happens. */
  if (job->kind != CSM_STORE_JOB_CLOSE && job->kind != CSM_STORE_JOB_QUIT &&
      g_cancellable_set_error_if_cancelled (job->cancellable, &job->error))
    {
      keep_running = job->kind != CSM_STORE_JOB_OPEN;
    }
  else if (job->kind != CSM_STORE_JOB_OPEN && job->kind != CSM_STORE_JOB_QUIT &&
           worker->db == NULL)
    {
      g_set_error (&job->error, CSM_STORE_ERROR, CSM_STORE_ERROR_CLOSED,
                   _("The helpdesk cache is closed."));
      keep_running = job->kind != CSM_STORE_JOB_CLOSE;
    }
  else
    {
      switch (job->kind)
        {
        case CSM_STORE_JOB_OPEN:
          keep_running = _csm_store_worker_open (worker, &job->error);
          job->was_rebuilt = worker->was_rebuilt;
          job->schema_version = keep_running ? CSM_STORE_SCHEMA_VERSION : 0;
          break;
        case CSM_STORE_JOB_LOAD:
          job->snapshot = _csm_store_worker_load (worker, job->cancellable, &job->error);
          break;
        case CSM_STORE_JOB_COMMIT:
          job->metrics = g_array_new (FALSE, FALSE, sizeof (CsmStoreMetrics));
          _csm_store_worker_commit (worker, job->batch, job->metrics, &job->error);
          break;
        case CSM_STORE_JOB_HISTORY:
          job->history = _csm_store_worker_load_history (worker, job->ticket_id, &job->error);
          break;
        case CSM_STORE_JOB_TRANSACTIONS_BETWEEN:
          job->history = _csm_store_worker_load_transactions_between (worker, job->from, job->to,
                                                                      job->cancellable,
                                                                      &job->error);
          break;
        case CSM_STORE_JOB_KPI_HISTORIES:
          job->histories = _csm_store_worker_load_kpi_histories (worker, job->cancellable,
                                                                 &job->error);
          break;
        case CSM_STORE_JOB_OUTBOX_ADD:
          _csm_store_worker_outbox_add (worker, job->entry, &job->new_id, &job->error);
          break;
        case CSM_STORE_JOB_OUTBOX_LIST:
          job->history = _csm_store_worker_outbox_list (worker, &job->error);
          break;
        case CSM_STORE_JOB_OUTBOX_UPDATE:
          _csm_store_worker_outbox_update (worker, job->entry, &job->error);
          break;
        case CSM_STORE_JOB_OUTBOX_REMOVE:
          _csm_store_worker_outbox_remove (worker, job->entry->id, &job->error);
          break;
        case CSM_STORE_JOB_CLOSE:
        case CSM_STORE_JOB_QUIT:
          csm_store_worker_close (worker, &job->error);
          keep_running = FALSE;
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (job->task != NULL)
    _csm_store_job_complete (job);
  else
    _csm_store_job_free (job);

  return keep_running;
}

gpointer
_csm_store_worker_main (gpointer data)
{
  CsmStoreWorker *worker = data;
  CsmStoreJob *job;

  while (csm_store_worker_run_job (worker, g_async_queue_pop (worker->queue)))
    ;

  /* Nothing can be queued after a close; after a failed open nobody has the
   * store. Anything left is answered rather than dropped. */
  while ((job = g_async_queue_try_pop (worker->queue)) != NULL)
    {
      if (job->task == NULL)
        {
          _csm_store_job_free (job);
          continue;
        }
      g_set_error (&job->error, CSM_STORE_ERROR, CSM_STORE_ERROR_CLOSED,
                   _("The helpdesk cache is closed."));
      _csm_store_job_complete (job);
    }

  _csm_store_worker_free (worker);
  return NULL;
}
