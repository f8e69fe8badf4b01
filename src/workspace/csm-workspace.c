/* csm-workspace.c: the team's QA data (scorecards, reviews), in SQLite alone or a shared PostgreSQL, all of it async.
 *
 * One worker thread owns the connection, as the store's does: every call
 * is a job queued to it, answered through a GTask on the caller's main
 * context, so nothing waits on a disk or a network on the main loop. The
 * SQL is written once (csm-db.h) and the schema is one list of migrations
 * (csm-workspace-schema.c) for both databases.
 *
 * Scorecards are csm-workspace-scorecards.c, reviews
 * csm-workspace-reviews.c, assignments csm-workspace-assignments.c, the
 * outbox csm-workspace-outbox.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csm-json-writer.h"
#include "csm-time.h"
#include "csm-workspace-private.h"

typedef struct
{
  CsmWorkspaceJobFunc func;
  gpointer data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
} Job;

struct _CsmWorkspace
{
  GObject parent_instance;

  char *location;
  char *user;
  char *role;
  CsmWorkspacePermissions permissions;
  guint dispute_window_days;   /* a team's, or 0: this computer's own is a setting */
  guint training_effect_reviews;
  GAsyncQueue *queue;   /* of GTask (owned), or the quit marker */
  GThread *thread;
};

G_DEFINE_FINAL_TYPE (CsmWorkspace, csm_workspace, G_TYPE_OBJECT)

/* Pushed to the queue when the workspace goes. */
static int quit_marker;

static void
wipe (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  g_free (job);
}

static gboolean
release_task (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static gpointer
worker_main (gpointer data)
{
  CsmWorkspaceWorker *worker = data;
  gpointer item;

  while ((item = g_async_queue_pop (worker->queue)) != &quit_marker)
    {
      GTask *task = item;
      Job *job = g_task_get_task_data (task);
      GError *error = NULL;
      gpointer result;

      if (!g_task_return_error_if_cancelled (task))
        {
          result = job->func (worker, job->data, &error);
          /* A connection the server dropped is made again when next
           * needed. */
          if (g_error_matches (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_UNAVAILABLE))
            g_clear_pointer (&worker->db, csm_db_close);
          if (error != NULL)
            g_task_return_error (task, error);
          else
            g_task_return_pointer (task, result, job->result_free);
        }
      /* The task holds the workspace: its last reference must not go on
       * this thread, which the workspace joins when it goes. A source, not
       * g_main_context_invoke(), which would run it here when no thread
       * owns the context. */
      {
        GSource *source = g_idle_source_new ();

        g_source_set_priority (source, G_PRIORITY_DEFAULT);
        g_source_set_callback (source, release_task, task, NULL);
        g_source_attach (source, g_task_get_context (task));
        g_source_unref (source);
      }
    }
  csm_db_close (worker->db);
  csm_db_close (worker->outbox);
  g_async_queue_unref (worker->queue);
  wipe (&worker->password);
  g_free (worker->outbox_path);
  g_free (worker->location);
  g_free (worker->user);
  g_free (worker);
  return NULL;
}

/* Queues @func to run on the worker with @data; the task answers with
 * what it returns (freed by @result_free if nobody takes it). */
void
_csm_workspace_queue_job (CsmWorkspace        *self,
                          gpointer             source_tag,
                          CsmWorkspaceJobFunc              func,
                          gpointer             data,
                          GDestroyNotify       data_free,
                          GDestroyNotify       result_free,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, job_free);
  g_async_queue_push (self->queue, task);
}

static void
csm_workspace_finalize (GObject *object)
{
  CsmWorkspace *self = (CsmWorkspace *) object;

  /* Every task holds the workspace, and the worker gives each back to
   * its caller's context: none is queued or running, and this is not the
   * worker. It closes the connection and ends. */
  if (self->thread != NULL)
    {
      g_async_queue_push (self->queue, &quit_marker);
      g_thread_join (self->thread);
    }
  g_clear_pointer (&self->queue, g_async_queue_unref);
  g_free (self->location);
  g_free (self->user);
  g_free (self->role);
  G_OBJECT_CLASS (csm_workspace_parent_class)->finalize (object);
}

static void
csm_workspace_class_init (CsmWorkspaceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = csm_workspace_finalize;
}

static void
csm_workspace_init (CsmWorkspace *self)
{
}

/**
 * csm_workspace_default_location:
 *
 * Returns: (transfer full): the workspace of one reviewer alone, an SQLite
 *   file in the user's data folder
 */
char *
csm_workspace_default_location (void)
{
  return g_build_filename (g_get_user_data_dir (), "csm-console", "workspace.sqlite", NULL);
}

const char *
csm_workspace_get_location (CsmWorkspace *self)
{
  g_return_val_if_fail (CSM_IS_WORKSPACE (self), NULL);
  return self->location;
}

/**
 * csm_workspace_get_user:
 *
 * Returns: whose the writes are: a helpdesk user name (on PostgreSQL, the
 *   role connected as, once open)
 */
const char *
csm_workspace_get_user (CsmWorkspace *self)
{
  g_return_val_if_fail (CSM_IS_WORKSPACE (self), NULL);
  return self->user;
}

/**
 * csm_workspace_get_role:
 *
 * Returns: (nullable): the person's part in the workspace, once open:
 *   "admin", "lead", "reviewer" or "agent" (the highest of their group
 *   roles on PostgreSQL; this computer's own workspace is its owner's, an
 *   admin's), %NULL for a login of no group
 */
const char *
csm_workspace_get_role (CsmWorkspace *self)
{
  g_return_val_if_fail (CSM_IS_WORKSPACE (self), NULL);
  return self->role;
}

/**
 * csm_workspace_get_dispute_window_days:
 *
 * Returns: the days a team's workspace lets an agent dispute a review
 *   (its workspace_settings, which its policies enforce), or 0 on this
 *   computer's own workspace, where the console's setting decides
 */
guint
csm_workspace_get_dispute_window_days (CsmWorkspace *self)
{
  g_return_val_if_fail (CSM_IS_WORKSPACE (self), 0);
  return self->dispute_window_days;
}

/**
 * csm_workspace_get_training_effect_reviews:
 *
 * Returns: how many reviews each side of a training's effect takes (N
 *   before the assignment, N after completion): the workspace's setting
 */
guint
csm_workspace_get_training_effect_reviews (CsmWorkspace *self)
{
  g_return_val_if_fail (CSM_IS_WORKSPACE (self), 5);
  return self->training_effect_reviews;
}

/**
 * csm_workspace_get_permissions:
 *
 * What the person may do, once open, as the database itself enforces it
 * (row-level security on PostgreSQL): the console only shows what would
 * work.
 */
CsmWorkspacePermissions
csm_workspace_get_permissions (CsmWorkspace *self)
{
  g_return_val_if_fail (CSM_IS_WORKSPACE (self), 0);
  return self->permissions;
}

/* Opening ---------------------------------------------------------------- */

typedef struct
{
  char *user;
  char *role;
  CsmWorkspacePermissions permissions;
  guint dispute_window_days;
  guint training_effect_reviews;
} Opened;

static void
opened_free (Opened *opened)
{
  g_free (opened->user);
  g_free (opened->role);
  g_free (opened);
}

/* The groups the login belongs to, highest first, and what each lets it
 * do: the same rules as the grants and policies (csm-workspace-pg.c). */
static gboolean
read_permissions (CsmWorkspaceWorker  *worker,
                  Opened              *opened,
                  GError             **error)
{
  static const struct
  {
    const char *role;
    CsmWorkspacePermissions permissions;
  } groups[] = {
    { "admin", CSM_WORKSPACE_READS_ALL | CSM_WORKSPACE_EDITS_SCORECARDS |
               CSM_WORKSPACE_SEES_PERSONAL_DATA | CSM_WORKSPACE_ASSIGNS },
    { "lead", CSM_WORKSPACE_READS_ALL | CSM_WORKSPACE_ASSIGNS },
    { "reviewer", CSM_WORKSPACE_REVIEWS | CSM_WORKSPACE_READS_ALL },
    { "agent", 0 },
  };
  g_autoptr(CsmDbRows) rows = NULL;

  if (!csm_db_is_postgresql_uri (worker->location))
    {
      opened->role = g_strdup ("admin");
      opened->permissions = CSM_WORKSPACE_REVIEWS | CSM_WORKSPACE_READS_ALL |
                            CSM_WORKSPACE_EDITS_SCORECARDS | CSM_WORKSPACE_SEES_PERSONAL_DATA |
                            CSM_WORKSPACE_ASSIGNS;
      return TRUE;
    }
  rows = csm_db_query (worker->db,
                       "SELECT pg_has_role (session_user, 'csm_admin', 'MEMBER'),"
                       "  pg_has_role (session_user, 'csm_lead', 'MEMBER'),"
                       "  pg_has_role (session_user, 'csm_reviewer', 'MEMBER'),"
                       "  pg_has_role (session_user, 'csm_agent', 'MEMBER')", NULL, 0, error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_strcmp0 (csm_db_rows_get (rows, 0, i), "t") == 0)
      {
        if (opened->role == NULL)
          opened->role = g_strdup (groups[i].role);
        opened->permissions |= groups[i].permissions;
      }
  /* The team's dispute window, which its policies hold agents to. */
  if (opened->permissions != 0 || opened->role != NULL)
    {
      g_autoptr(CsmDbRows) window = csm_db_query (worker->db,
                                                  "SELECT value FROM workspace_settings WHERE "
                                                  "name = 'dispute_window_days'", NULL, 0,
                                                  error);

      if (window == NULL)
        return FALSE;
      if (window->n_rows > 0)
        opened->dispute_window_days = (guint) CLAMP (csm_db_rows_get_int (window, 0, 0), 1, 3650);
    }
  return TRUE;
}

/* How many reviews each side of a training's effect takes: the team's
 * (or this computer's own workspace's) setting, 5 unless changed. */
static gboolean
read_training_settings (CsmWorkspaceWorker  *worker,
                        Opened              *opened,
                        GError             **error)
{
  g_autoptr(CsmDbRows) rows = csm_db_query (worker->db,
                                            "SELECT value FROM workspace_settings WHERE "
                                            "name = 'training_effect_reviews'", NULL, 0, error);

  if (rows == NULL)
    return FALSE;
  opened->training_effect_reviews = rows->n_rows > 0
                                    ? (guint) CLAMP (csm_db_rows_get_int (rows, 0, 0), 2, 100)
                                    : 5;
  return TRUE;
}

/**
 * _csm_workspace_connect:
 *
 * Connects (or connects again, after the server dropped the connection)
 * and checks the schema; on PostgreSQL, as the role given.
 */
gboolean
_csm_workspace_connect (CsmWorkspaceWorker  *worker,
                        GError             **error)
{
  gboolean ok;

  if (worker->db != NULL)
    return TRUE;
  if (csm_db_is_postgresql_uri (worker->location))
    {
#if HAVE_LIBPQ
      worker->db = csm_db_pg_open (worker->location, worker->user, worker->password, error);
      if (worker->db == NULL)
        return FALSE;
      ok = worker->init ? _csm_workspace_pg_init (worker->db, error)
                        : _csm_workspace_pg_check (worker->db, worker->location, error);
      /* Whose the writes are is the role connected as: the URI may name
       * another than the one asked for. */
      if (ok)
        {
          g_autoptr(CsmDbRows) rows = csm_db_query (worker->db, "SELECT current_user", NULL, 0,
                                                    error);

          ok = rows != NULL;
          if (ok)
            {
              g_free (worker->user);
              worker->user = g_strdup (csm_db_rows_get (rows, 0, 0));
            }
        }
#else
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_UNAVAILABLE,
                   _("This console was built without PostgreSQL (libpq): it opens SQLite "
                     "workspaces only, not %s"), worker->location);
      ok = FALSE;
#endif
    }
  else
    {
      worker->db = csm_db_sqlite_open (worker->location, error);
      ok = worker->db != NULL && _csm_workspace_migrate (worker->db, error);
    }
  if (!ok)
    g_clear_pointer (&worker->db, csm_db_close);
  return ok;
}

static gpointer
open_job (CsmWorkspaceWorker   *worker,
          gpointer  data,
          GError  **error)
{
  Opened *opened;

  if (!_csm_workspace_connect (worker, error))
    return NULL;
  opened = g_new0 (Opened, 1);
  opened->user = g_strdup (worker->user);
  if (!read_permissions (worker, opened, error) || !read_training_settings (worker, opened, error))
    {
      opened_free (opened);
      return NULL;
    }
  return opened;
}

/**
 * csm_workspace_open_async:
 * @location: (nullable): an SQLite file, or a postgresql:// URI; %NULL for
 *   csm_workspace_default_location()
 * @user: the helpdesk user name the writes are made as (on PostgreSQL, the
 *   role connected as, unless the URI names one)
 *
 * Opens the workspace: an SQLite file is made, or its schema brought up
 * to date, first; a PostgreSQL one must have been set up by its admin
 * (csm_workspace_open_full_async() with @init).
 */
void
csm_workspace_open_async (const char          *location,
                          const char          *user,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  csm_workspace_open_full_async (location, user, NULL, FALSE, cancellable, callback, user_data);
}

/**
 * csm_workspace_open_full_async:
 * @password: (nullable): for PostgreSQL, the role's password (otherwise
 *   libpq's own ways, ~/.pgpass); kept to connect again when the server
 *   dropped the connection, wiped when the workspace goes
 * @init: for PostgreSQL, as its admin: make or migrate the schema and set
 *   up the roles and row-level security (idempotent)
 */
void
csm_workspace_open_full_async (const char          *location,
                               const char          *user,
                               const char          *password,
                               gboolean             init,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(CsmWorkspace) self = NULL;
  CsmWorkspaceWorker *worker;

  g_return_if_fail (user != NULL && *user != '\0');

  self = g_object_new (CSM_TYPE_WORKSPACE, NULL);
  worker = g_new0 (CsmWorkspaceWorker, 1);
  self->location = location != NULL ? g_strdup (location) : csm_workspace_default_location ();
  self->user = g_strdup (user);
  self->queue = g_async_queue_new ();
  worker->queue = g_async_queue_ref (self->queue);
  worker->location = g_strdup (self->location);
  worker->user = g_strdup (user);
  worker->password = g_strdup (password);
  worker->init = init;
  worker->outbox_path = _csm_workspace_outbox_path (self->location, user);
  self->thread = g_thread_new ("csm-workspace", worker_main, worker);
  _csm_workspace_queue_job (self, csm_workspace_open_async, open_job, NULL, NULL,
                            (GDestroyNotify) opened_free, cancellable, callback, user_data);
}

/**
 * csm_workspace_open_finish:
 *
 * Returns: (transfer full) (nullable): the workspace, or %NULL with @error
 *   set (%CSM_WORKSPACE_ERROR_UNAVAILABLE when it cannot be reached)
 */
CsmWorkspace *
csm_workspace_open_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_workspace_open_async,
                        NULL);

  CsmWorkspace *self;
  Opened *opened = g_task_propagate_pointer (G_TASK (result), error);

  if (opened == NULL)
    return NULL;
  self = g_object_ref (g_task_get_source_object (G_TASK (result)));
  g_free (self->user);
  self->user = g_steal_pointer (&opened->user);
  g_free (self->role);
  self->role = g_steal_pointer (&opened->role);
  self->permissions = opened->permissions;
  self->dispute_window_days = opened->dispute_window_days;
  self->training_effect_reviews = opened->training_effect_reviews;
  opened_free (opened);
  return self;
}

/**
 * _csm_workspace_propagate_count:
 * @added: (out) (optional): the count a job returned (a #guint it
 *   allocated)
 *
 * Returns: whether the job succeeded; else @error is set
 */
gboolean
_csm_workspace_propagate_count (GTask   *task,
                                guint   *added,
                                GError **error)
{
  g_autofree guint *count = g_task_propagate_pointer (task, error);

  if (count == NULL)
    return FALSE;
  if (added != NULL)
    *added = *count;
  return TRUE;
}

gpointer
_csm_workspace_rollback (CsmWorkspaceWorker *worker)
{
  csm_db_exec (worker->db, "ROLLBACK", NULL);
  return NULL;
}

/* Members (PostgreSQL) --------------------------------------------------- */

typedef struct
{
  char *name;
  char *role;
  char *password;
} Member;

static void
member_free (gpointer data)
{
  Member *member = data;

  g_free (member->name);
  g_free (member->role);
  wipe (&member->password);
  g_free (member);
}

static gpointer
add_member_job (CsmWorkspaceWorker   *worker,
                gpointer  data,
                GError  **error)
{
  Member *member = data;

  /* After the server dropped it, the connection is made again. */
  if (!_csm_workspace_connect (worker, error))
    return NULL;

  if (!csm_db_is_postgresql_uri (worker->location))
    {
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED,
                   _("Members and roles belong to a PostgreSQL workspace; %s is an SQLite "
                     "file of one person"), worker->location);
      return NULL;
    }
#if HAVE_LIBPQ
  if (!_csm_workspace_pg_add_member (worker->db, member->name, member->role, member->password,
                                     error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
#else
  return NULL;
#endif
}

/**
 * csm_workspace_add_member_async:
 * @name: the person's helpdesk user name
 * @role: "agent", "reviewer", "lead" or "admin"
 * @password: (nullable): their password, if their login is made now
 *
 * On a PostgreSQL workspace opened by a role that may create roles: makes
 * the person's login role if there is none and grants it @role's group.
 */
void
csm_workspace_add_member_async (CsmWorkspace        *self,
                                const char          *name,
                                const char          *role,
                                const char          *password,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Member *member;

  g_return_if_fail (CSM_IS_WORKSPACE (self));
  g_return_if_fail (name != NULL && role != NULL);

  member = g_new0 (Member, 1);
  member->name = g_strdup (name);
  member->role = g_strdup (role);
  member->password = g_strdup (password);
  _csm_workspace_queue_job (self, csm_workspace_add_member_async, add_member_job, member, member_free, NULL,
             cancellable, callback, user_data);
}

gboolean
csm_workspace_add_member_finish (CsmWorkspace  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}
