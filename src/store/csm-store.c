/* csm-store.c: the per-account helpdesk cache: SQLite in WAL mode, driven by one worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csm-store-private.h"

/*
 * How the store works
 *
 * One worker thread per store owns the sqlite3 connection; nothing else ever
 * touches it. The public _async functions wrap their GTask in a job and push
 * it on a GAsyncQueue; the worker pops jobs one at a time, in order. When a
 * job is done the worker does not return the task itself: it attaches an idle
 * source to the task's main context and the task is returned, and its last
 * reference dropped, there. So the worker never holds the last reference to a
 * task, and through it to the store: the store can never be disposed on its
 * own worker thread, where it could not join it.
 *
 * This file is the object and its async API. The worker thread and its jobs
 * are in csm-store-worker.c; what is checked at open, and what happens to a
 * damaged file, in csm-store-schema.c; the rest, one file a table or two:
 * csm-store-batch.c, -tickets.c, -metrics.c and -outbox.c.
 */

G_DEFINE_QUARK (csm-store-error-quark, csm_store_error)

struct _CsmStore
{
  GObject parent_instance;

  char *path;
  GAsyncQueue *queue;     /* (owned) (element-type CsmStoreJob) */
  GThread *thread;        /* (owned) (nullable): the worker, until it is joined */

  GMutex lock;            /* guards closing, so no job is queued after the last one */
  gboolean closing;

  /* Set once, when the open job returns; read-only afterwards. */
  gboolean was_rebuilt;
  int schema_version;
};

G_DEFINE_FINAL_TYPE (CsmStore, csm_store, G_TYPE_OBJECT)

static void
csm_store_dispose (GObject *object)
{
  CsmStore *self = CSM_STORE (object);

  /* Dropped without csm_store_close_async(): ask the worker to close the
   * database and wait for it. Every queued job holds a reference to the store
   * through its task, so nothing else is pending at this point, and tasks are
   * only released on their main context, never on the worker thread. */
  if (self->thread != NULL)
    {
      g_mutex_lock (&self->lock);
      self->closing = TRUE;
      g_async_queue_push (self->queue, _csm_store_job_new (CSM_STORE_JOB_QUIT, NULL));
      g_mutex_unlock (&self->lock);

      g_thread_join (g_steal_pointer (&self->thread));
    }

  G_OBJECT_CLASS (csm_store_parent_class)->dispose (object);
}

static void
csm_store_finalize (GObject *object)
{
  CsmStore *self = CSM_STORE (object);

  g_clear_pointer (&self->queue, g_async_queue_unref);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (csm_store_parent_class)->finalize (object);
}

static void
csm_store_class_init (CsmStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = csm_store_dispose;
  object_class->finalize = csm_store_finalize;
}

static void
csm_store_init (CsmStore *self)
{
  g_mutex_init (&self->lock);
  self->queue = g_async_queue_new_full (_csm_store_job_free);
}

static gboolean
csm_store_job_return_cb (gpointer data)
{
  CsmStoreJob *job = data;
  GTask *task = job->task;

  if (job->kind == CSM_STORE_JOB_OPEN)
    {
      CsmStore *store = g_task_get_task_data (task);

      store->was_rebuilt = job->was_rebuilt;
      store->schema_version = job->schema_version;
      if (job->error != NULL)
        {
          g_mutex_lock (&store->lock);
          store->closing = TRUE;
          g_mutex_unlock (&store->lock);
        }
    }
  else if (job->kind == CSM_STORE_JOB_CLOSE)
    {
      CsmStore *store = g_task_get_source_object (task);

      /* The worker stops right after this job; wait for it here, where the
       * task keeps the store alive. */
      if (store->thread != NULL)
        g_thread_join (g_steal_pointer (&store->thread));
    }

  if (job->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&job->error));
      return G_SOURCE_REMOVE;
    }

  switch (job->kind)
    {
    case CSM_STORE_JOB_OPEN:
      g_task_return_pointer (task, g_object_ref (g_task_get_task_data (task)), g_object_unref);
      break;
    case CSM_STORE_JOB_LOAD:
      g_task_return_pointer (task, g_steal_pointer (&job->snapshot),
                             (GDestroyNotify) csm_store_snapshot_free);
      break;
    case CSM_STORE_JOB_COMMIT:
      g_task_return_pointer (task, g_steal_pointer (&job->metrics), (GDestroyNotify) g_array_unref);
      break;
    case CSM_STORE_JOB_HISTORY:
    case CSM_STORE_JOB_TRANSACTIONS_BETWEEN:
    case CSM_STORE_JOB_OUTBOX_LIST:
      g_task_return_pointer (task, g_steal_pointer (&job->history),
                             (GDestroyNotify) g_ptr_array_unref);
      break;
    case CSM_STORE_JOB_KPI_HISTORIES:
      g_task_return_pointer (task, g_steal_pointer (&job->histories),
                             (GDestroyNotify) g_hash_table_unref);
      break;
    case CSM_STORE_JOB_OUTBOX_ADD:
      g_task_return_int (task, job->new_id);
      break;
    case CSM_STORE_JOB_OUTBOX_UPDATE:
    case CSM_STORE_JOB_OUTBOX_REMOVE:
      g_task_return_boolean (task, TRUE);
      break;
    case CSM_STORE_JOB_CLOSE:
      g_task_return_boolean (task, TRUE);
      break;
    case CSM_STORE_JOB_QUIT:
    default:
      g_assert_not_reached ();
    }

  return G_SOURCE_REMOVE;
}

/* Hands a finished job back to its task's main context; the job, and with
 * it the task, is freed there. */
void
_csm_store_job_complete (CsmStoreJob *job)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[csm-store] job done");
  g_source_set_callback (source, csm_store_job_return_cb, job, _csm_store_job_free);
  g_source_attach (source, g_task_get_context (job->task));
  g_source_unref (source);
}

/* Queues @job, or answers it with CLOSED once the store is closing. Takes
 * ownership of @job. */
static void
csm_store_submit (CsmStore    *self,
                  CsmStoreJob *job)
{
  g_mutex_lock (&self->lock);
  if (!self->closing)
    {
      if (job->kind == CSM_STORE_JOB_CLOSE)
        self->closing = TRUE;
      g_async_queue_push (self->queue, job);
      g_mutex_unlock (&self->lock);
      return;
    }
  g_mutex_unlock (&self->lock);

  g_task_return_new_error (job->task, CSM_STORE_ERROR, CSM_STORE_ERROR_CLOSED,
                           _("The helpdesk cache is closed."));
  _csm_store_job_free (job);
}

/**
 * csm_store_path_for_account:
 * @account_id: the account's id (csm_account_get_id())
 *
 * Returns: (transfer full): where the account's cache lives
 */
char *
csm_store_path_for_account (const char *account_id)
{
  g_autofree char *file_name = NULL;

  g_return_val_if_fail (account_id != NULL && *account_id != '\0', NULL);
  g_return_val_if_fail (strchr (account_id, G_DIR_SEPARATOR) == NULL, NULL);
  g_return_val_if_fail (account_id[0] != '.', NULL);

  file_name = g_strconcat (account_id, ".sqlite", NULL);
  return g_build_filename (g_get_user_data_dir (), "csm-console", "cache", file_name, NULL);
}

/**
 * csm_store_open_async:
 * @path: (nullable): the cache file, its folders created (mode 0700); or
 *   %NULL for a cache that lives in memory only and is gone once closed
 *   (the demo, the command line, or when the file cannot be used)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context
 * @user_data: data for @callback
 *
 * Opens the cache, creating or migrating its schema. A damaged file is moved
 * aside and replaced by an empty cache (see csm_store_get_was_rebuilt()); a
 * file from a newer console fails with %CSM_STORE_ERROR_TOO_NEW and is left
 * untouched.
 */
void
csm_store_open_async (const char          *path,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CsmStore) self = NULL;
  g_autoptr(GError) error = NULL;
  CsmStoreWorker *worker;

  g_return_if_fail (path == NULL || *path != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_store_open_async);

  self = g_object_new (CSM_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  g_task_set_task_data (task, g_object_ref (self), g_object_unref);

  worker = _csm_store_worker_new (path, self->queue);
  self->thread = g_thread_try_new ("csm-store", _csm_store_worker_main, worker, &error);
  if (self->thread == NULL)
    {
      _csm_store_worker_free (worker);
      self->closing = TRUE;
      g_task_return_new_error (task, CSM_STORE_ERROR, CSM_STORE_ERROR_OPEN,
                               _("Could not start the helpdesk cache: %s"), error->message);
      return;
    }

  csm_store_submit (self, _csm_store_job_new (CSM_STORE_JOB_OPEN, task));
}

/**
 * csm_store_open_finish:
 *
 * Returns: (transfer full): the open store
 */
CsmStore *
csm_store_open_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_store_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * csm_store_get_path:
 *
 * Returns: (nullable): the cache file, or %NULL for a cache in memory
 */
const char *
csm_store_get_path (CsmStore *self)
{
  g_return_val_if_fail (CSM_IS_STORE (self), NULL);

  return self->path;
}

/**
 * csm_store_get_was_rebuilt:
 *
 * Returns: %TRUE if the file was damaged when opened and the store started
 *   again from an empty cache (the old file is kept as `<path>.corrupt-<time>`)
 */
gboolean
csm_store_get_was_rebuilt (CsmStore *self)
{
  g_return_val_if_fail (CSM_IS_STORE (self), FALSE);

  return self->was_rebuilt;
}

int
csm_store_get_schema_version (CsmStore *self)
{
  g_return_val_if_fail (CSM_IS_STORE (self), 0);

  return self->schema_version;
}

/**
 * csm_store_load_async:
 * @cancellable: (nullable): a #GCancellable
 *
 * Reads everything the cache holds. The objects are built on the worker
 * thread and handed over whole.
 */
void
csm_store_load_async (CsmStore            *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CSM_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_store_load_async);

  csm_store_submit (self, _csm_store_job_new (CSM_STORE_JOB_LOAD, task));
}

/**
 * csm_store_load_finish:
 *
 * Returns: (transfer full): the snapshot; free it with csm_store_snapshot_free()
 */
CsmStoreSnapshot *
csm_store_load_finish (CsmStore      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (CSM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_store_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * csm_store_commit_async:
 * @batch: (transfer full): the writes; the store owns the batch from now on
 * @cancellable: (nullable): cancels the commit only if it has not started
 *
 * Writes @batch in one SQLite transaction: all of it lands, or none of it.
 */
void
csm_store_commit_async (CsmStore            *self,
                        CsmStoreBatch       *batch,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CsmStoreJob *job;

  g_return_if_fail (CSM_IS_STORE (self));
  g_return_if_fail (batch != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_store_commit_async);
  /* Once started, a commit is not interrupted: its result must say whether
   * the data landed, even if the cancellable fired in the meantime. */
  g_task_set_check_cancellable (task, FALSE);

  job = _csm_store_job_new (CSM_STORE_JOB_COMMIT, task);
  job->batch = batch;
  csm_store_submit (self, job);
}

/**
 * csm_store_commit_finish:
 * @out_metrics: (out) (optional) (transfer full) (element-type CsmStoreMetrics):
 *   the tickets whose metrics the commit changed
 *
 * Returns: whether the batch landed
 */
gboolean
csm_store_commit_finish (CsmStore      *self,
                         GAsyncResult  *result,
                         GArray       **out_metrics,
                         GError       **error)
{
  g_autoptr(GArray) metrics = NULL;

  g_return_val_if_fail (CSM_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_store_commit_async, FALSE);

  metrics = g_task_propagate_pointer (G_TASK (result), error);
  if (metrics == NULL)
    return FALSE;
  if (out_metrics != NULL)
    *out_metrics = g_steal_pointer (&metrics);
  return TRUE;
}

/**
 * csm_store_load_history_async:
 * @ticket_id: the ticket
 * @cancellable: (nullable): a #GCancellable
 *
 * Reads the whole history the cache holds of one ticket.
 */
void
csm_store_load_history_async (CsmStore            *self,
                              gint64               ticket_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CsmStoreJob *job;

  g_return_if_fail (CSM_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_store_load_history_async);

  job = _csm_store_job_new (CSM_STORE_JOB_HISTORY, task);
  job->ticket_id = ticket_id;
  csm_store_submit (self, job);
}

/**
 * csm_store_load_history_finish:
 *
 * Returns: (transfer container) (element-type CsmTransaction): the
 *   ticket's transactions by id; empty when the cache holds none
 */
GPtrArray *
csm_store_load_history_finish (CsmStore      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (CSM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_store_load_history_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * csm_store_load_transactions_between_async:
 * @from: the first instant (unix seconds), included
 * @to: the end (unix seconds), excluded
 * @cancellable: (nullable): a #GCancellable
 *
 * Reads the transactions the cache holds whose Created lies in [@from,
 * @to), whatever their ticket: a day of activity for the Agents page.
 */
void
csm_store_load_transactions_between_async (CsmStore            *self,
                                           gint64               from,
                                           gint64               to,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CsmStoreJob *job;

  g_return_if_fail (CSM_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_store_load_transactions_between_async);

  job = _csm_store_job_new (CSM_STORE_JOB_TRANSACTIONS_BETWEEN, task);
  job->from = from;
  job->to = to;
  csm_store_submit (self, job);
}

/**
 * csm_store_load_transactions_between_finish:
 *
 * Returns: (transfer container) (element-type CsmTransaction): ordered by
 *   Created, then id; empty when there are none
 */
GPtrArray *
csm_store_load_transactions_between_finish (CsmStore      *self,
                                            GAsyncResult  *result,
                                            GError       **error)
{
  g_return_val_if_fail (CSM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        csm_store_load_transactions_between_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * csm_store_load_kpi_histories_async:
 * @cancellable: (nullable): a #GCancellable
 *
 * Reads every status change the cache holds and makes each ticket's KPI
 * history (csm_kpi_history_from_transactions()) on the store's worker.
 */
void
csm_store_load_kpi_histories_async (CsmStore            *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CSM_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_store_load_kpi_histories_async);
  csm_store_submit (self, _csm_store_job_new (CSM_STORE_JOB_KPI_HISTORIES, task));
}

/**
 * csm_store_load_kpi_histories_finish:
 *
 * Returns: (transfer full): ticket id (gint64 *) → #CsmKpiHistory, for
 *   every ticket with a status change
 */
GHashTable *
csm_store_load_kpi_histories_finish (CsmStore      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (CSM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        csm_store_load_kpi_histories_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Outbox writes, once started, report what really happened (like commits). */
static GTask *
csm_store_outbox_task_new (CsmStore            *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data,
                           gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);
  return task;
}

/**
 * csm_store_outbox_add_async:
 * @ticket_id: the ticket to change
 * @field: "Owner" or "Status"
 * @value: the new value
 * @previous: (nullable): the value the user saw before
 * @queued: when the user acted (unix seconds)
 * @cancellable: (nullable): cancels only if the worker has not started it
 *
 * Adds a pending write to the outbox. The callback runs once the entry is
 * committed and synced to disk.
 */
void
csm_store_outbox_add_async (CsmStore            *self,
                            gint64               ticket_id,
                            const char          *field,
                            const char          *value,
                            const char          *previous,
                            gint64               queued,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CsmStoreJob *job;

  g_return_if_fail (CSM_IS_STORE (self));
  g_return_if_fail (field != NULL);
  g_return_if_fail (value != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = csm_store_outbox_task_new (self, cancellable, callback, user_data,
                                    csm_store_outbox_add_async);
  job = _csm_store_job_new (CSM_STORE_JOB_OUTBOX_ADD, task);
  job->entry = g_new0 (CsmOutboxEntry, 1);
  job->entry->ticket_id = ticket_id;
  job->entry->field = g_strdup (field);
  job->entry->value = g_strdup (value);
  job->entry->previous = g_strdup (previous);
  job->entry->queued = queued;
  csm_store_submit (self, job);
}

/**
 * csm_store_outbox_add_finish:
 *
 * Returns: the new entry's id, or 0 on error
 */
gint64
csm_store_outbox_add_finish (CsmStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize id;

  g_return_val_if_fail (CSM_IS_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_store_outbox_add_async, 0);

  id = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  return id;
}

/**
 * csm_store_outbox_list_async:
 * @cancellable: (nullable): a #GCancellable
 *
 * Reads the outbox entries that are not done (pending, sending, failed).
 */
void
csm_store_outbox_list_async (CsmStore            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CSM_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_store_outbox_list_async);
  csm_store_submit (self, _csm_store_job_new (CSM_STORE_JOB_OUTBOX_LIST, task));
}

/**
 * csm_store_outbox_list_finish:
 *
 * Returns: (transfer container) (element-type CsmOutboxEntry): oldest first
 */
GPtrArray *
csm_store_outbox_list_finish (CsmStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CSM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_store_outbox_list_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * csm_store_outbox_update_async:
 * @entry: the entry: its attempts, next_attempt, state and error are saved
 *   (the write itself never changes)
 * @cancellable: (nullable): cancels only if the worker has not started it
 *
 * Saves where an entry stands, synced to disk before the callback.
 */
void
csm_store_outbox_update_async (CsmStore             *self,
                               const CsmOutboxEntry *entry,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  CsmStoreJob *job;

  g_return_if_fail (CSM_IS_STORE (self));
  g_return_if_fail (entry != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = csm_store_outbox_task_new (self, cancellable, callback, user_data,
                                    csm_store_outbox_update_async);
  job = _csm_store_job_new (CSM_STORE_JOB_OUTBOX_UPDATE, task);
  job->entry = csm_outbox_entry_copy (entry);
  csm_store_submit (self, job);
}

gboolean
csm_store_outbox_update_finish (CsmStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (CSM_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_store_outbox_update_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * csm_store_outbox_remove_async:
 * @id: the entry's id; removing an id that is not there is not an error
 * @cancellable: (nullable): cancels only if the worker has not started it
 */
void
csm_store_outbox_remove_async (CsmStore            *self,
                               gint64               id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CsmStoreJob *job;

  g_return_if_fail (CSM_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = csm_store_outbox_task_new (self, cancellable, callback, user_data,
                                    csm_store_outbox_remove_async);
  job = _csm_store_job_new (CSM_STORE_JOB_OUTBOX_REMOVE, task);
  job->entry = g_new0 (CsmOutboxEntry, 1);
  job->entry->id = id;
  csm_store_submit (self, job);
}

gboolean
csm_store_outbox_remove_finish (CsmStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (CSM_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_store_outbox_remove_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * csm_store_close_async:
 * @cancellable: (nullable): ignored: once asked, the store closes
 *
 * Finishes the jobs already started, marks the file as cleanly closed,
 * closes it and stops the worker thread. Later calls fail with
 * %CSM_STORE_ERROR_CLOSED, including a second close. Even when this reports
 * an error, the store is closed.
 */
void
csm_store_close_async (CsmStore            *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CSM_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_store_close_async);
  g_task_set_check_cancellable (task, FALSE);

  csm_store_submit (self, _csm_store_job_new (CSM_STORE_JOB_CLOSE, task));
}

gboolean
csm_store_close_finish (CsmStore      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (CSM_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_store_close_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
