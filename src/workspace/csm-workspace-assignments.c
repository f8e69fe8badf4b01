/* csm-workspace-assignments.c: conversations a lead assigns to a reviewer, the reviewer's queue.
 *
 * An assignment is a row (conversation, reviewer), made by a lead or an
 * admin (assigned_by, the login that made it) at a time; the same one
 * twice is stored once. On PostgreSQL row-level security decides: a
 * reviewer reads the assignments made to them, leads and admins read and
 * make them all (as themselves), agents see none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-workspace-private.h"

void
csm_qa_assignment_free (CsmQaAssignment *assignment)
{
  if (assignment == NULL)
    return;
  g_free (assignment->conversation);
  g_free (assignment->reviewer);
  g_free (assignment->assigned_by);
  g_free (assignment);
}

typedef struct
{
  char **conversations;
  double *probabilities;
  char *reviewer;
  gint64 assigned;
  gint64 due;
} AssignData;

static void
assign_data_free (AssignData *assign)
{
  g_strfreev (assign->conversations);
  g_free (assign->probabilities);
  g_free (assign->reviewer);
  g_free (assign);
}

/**
 * _csm_workspace_check_reviewer:
 *
 * On a team's workspace, whether @name is a reviewer of it: a mistyped
 * name is said, not stored. This computer's own workspace has no roles.
 */
gboolean
_csm_workspace_check_reviewer (CsmWorkspaceWorker  *worker,
                               const char          *name,
                               GError             **error)
{
  const char *params[] = { name };
  g_autoptr(CsmDbRows) rows = NULL;

  if (!csm_db_is_postgresql_uri (worker->location))
    return TRUE;
  rows = csm_db_query (worker->db, "SELECT 1 FROM pg_roles WHERE rolname = $1 AND rolcanlogin "
                                   "AND pg_has_role (rolname, 'csm_reviewer', 'MEMBER')",
                       params, 1, error);
  if (rows == NULL)
    return FALSE;
  if (rows->n_rows == 0)
    {
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED,
                   _("%s is not a reviewer of this workspace."), name);
      return FALSE;
    }
  return TRUE;
}

static gpointer
assign_job (CsmWorkspaceWorker  *worker,
            gpointer             data,
            GError             **error)
{
  AssignData *assign = data;
  g_autofree char *assigned = g_strdup_printf ("%" G_GINT64_FORMAT, assign->assigned);
  g_autofree char *due = assign->due != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, assign->due)
                                          : NULL;
  guint *added;

  if (!_csm_workspace_connect (worker, error))
    return NULL;
  if (!_csm_workspace_check_reviewer (worker, assign->reviewer, error))
    {
      g_prefix_error (error, "%s ", _("Nothing was assigned:"));
      return NULL;
    }
  if (!csm_db_begin_write (worker->db, error))
    return NULL;
  added = g_new0 (guint, 1);
  for (guint i = 0; assign->conversations[i] != NULL; i++)
    {
      g_autofree char *probability = NULL;
      const char *params[] = {
        assign->conversations[i], assign->reviewer, worker->user, assigned, due, NULL,
      };
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (assign->probabilities != NULL && assign->probabilities[i] > 0)
        params[5] = probability = g_strdup (g_ascii_dtostr (buf, sizeof buf,
                                                           assign->probabilities[i]));
      g_autoptr(GError) local_error = NULL;
      g_autoptr(CsmDbRows) rows = NULL;

      rows = csm_db_query (worker->db,
                           "INSERT INTO assignments (conversation, reviewer, assigned_by, "
                           "assigned, due, probability) VALUES ($1, $2, $3, $4, $5, $6) "
                           "ON CONFLICT DO NOTHING "
                           "RETURNING conversation", params, G_N_ELEMENTS (params),
                           &local_error);
      if (rows == NULL)
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("Conversation %s could not be assigned to %s: %s"),
                       assign->conversations[i], assign->reviewer, local_error->message);
          g_free (added);
          return _csm_workspace_rollback (worker);
        }
      *added += rows->n_rows;
    }
  if (!csm_db_exec (worker->db, "COMMIT", error))
    {
      g_free (added);
      return _csm_workspace_rollback (worker);
    }
  return added;
}

/**
 * csm_workspace_assign_async:
 * @conversations: (array zero-terminated=1): the conversations' numbers
 * @probabilities: (nullable) (array): for a sample's picks, the
 *   probability each was picked with, in the order of @conversations
 * @reviewer: who reviews them: a helpdesk user name
 * @assigned: when, in seconds since the epoch
 * @due: when the reviews are due, or 0 for no date
 *
 * Assigns @conversations to @reviewer, all or none, as this login (a lead
 * or an admin: the workspace refuses anyone else). One already assigned
 * to @reviewer stays as it was.
 */
void
csm_workspace_assign_async (CsmWorkspace        *self,
                            const char * const  *conversations,
                            const double        *probabilities,
                            const char          *reviewer,
                            gint64               assigned,
                            gint64               due,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  AssignData *assign;

  g_return_if_fail (CSM_IS_WORKSPACE (self));
  g_return_if_fail (conversations != NULL);

  if (reviewer == NULL || *reviewer == '\0' || g_str_has_prefix (reviewer, "csm_"))
    {
      g_task_report_new_error (self, callback, user_data, csm_workspace_assign_async,
                               CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED,
                               _("Name the reviewer the conversations are assigned to."));
      return;
    }
  for (guint i = 0; conversations[i] != NULL; i++)
    if (*conversations[i] == '\0')
      {
        g_task_report_new_error (self, callback, user_data, csm_workspace_assign_async,
                                 CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED,
                                 _("Conversation %u has no number."), i + 1);
        return;
      }
  assign = g_new0 (AssignData, 1);
  assign->conversations = g_strdupv ((char **) conversations);
  if (probabilities != NULL)
    assign->probabilities = g_memdup2 (probabilities, sizeof (double) *
                                                      g_strv_length (assign->conversations));
  assign->reviewer = g_strdup (reviewer);
  assign->assigned = assigned;
  assign->due = due;
  _csm_workspace_queue_job (self, csm_workspace_assign_async, assign_job, assign,
                            (GDestroyNotify) assign_data_free, g_free, cancellable, callback,
                            user_data);
}

/**
 * csm_workspace_assign_finish:
 * @added: (out) (optional): how many were not assigned to them before
 */
gboolean
csm_workspace_assign_finish (CsmWorkspace  *self,
                             GAsyncResult  *result,
                             guint         *added,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return _csm_workspace_propagate_count (G_TASK (result), added, error);
}

static gpointer
list_assignments_job (CsmWorkspaceWorker  *worker,
                      gpointer             data,
                      GError             **error)
{
  g_autoptr(CsmDbRows) rows = NULL;
  GPtrArray *assignments;

  if (!_csm_workspace_connect (worker, error))
    return NULL;
  rows = csm_db_query (worker->db, "SELECT conversation, reviewer, assigned_by, assigned, due, "
                                   "probability FROM assignments ORDER BY assigned, conversation, "
                                   "reviewer", NULL,
                       0, error);
  if (rows == NULL)
    return NULL;
  assignments = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_assignment_free);
  for (guint i = 0; i < rows->n_rows; i++)
    {
      CsmQaAssignment *assignment = g_new0 (CsmQaAssignment, 1);

      assignment->conversation = g_strdup (csm_db_rows_get (rows, i, 0));
      assignment->reviewer = g_strdup (csm_db_rows_get (rows, i, 1));
      assignment->assigned_by = g_strdup (csm_db_rows_get (rows, i, 2));
      assignment->assigned = csm_db_rows_get_int (rows, i, 3);
      assignment->due = csm_db_rows_get (rows, i, 4) != NULL ? csm_db_rows_get_int (rows, i, 4) : 0;
      assignment->probability = csm_db_rows_get (rows, i, 5) != NULL
                                ? g_ascii_strtod (csm_db_rows_get (rows, i, 5), NULL) : 0;
      g_ptr_array_add (assignments, assignment);
    }
  return assignments;
}

void
csm_workspace_list_assignments_async (CsmWorkspace        *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (CSM_IS_WORKSPACE (self));
  _csm_workspace_queue_job (self, csm_workspace_list_assignments_async, list_assignments_job,
                            NULL, NULL, (GDestroyNotify) g_ptr_array_unref, cancellable,
                            callback, user_data);
}

/**
 * csm_workspace_list_assignments_finish:
 *
 * Returns: (transfer full) (element-type CsmQaAssignment) (nullable): the
 *   assignments this login may read (a reviewer's own; a lead's all),
 *   oldest first
 */
GPtrArray *
csm_workspace_list_assignments_finish (CsmWorkspace  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
