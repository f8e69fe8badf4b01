/* csm-workspace-calibration.c: calibration sessions: a lead's set of conversations for several reviewers to score blind.
 *
 * A session is a row, its conversations and reviewers rows beside it, all
 * written in one transaction by a lead or an admin (created_by, the login
 * that set it up). Which reviewer has submitted which conversation is in
 * calibration_progress, written with each calibration review
 * (csm-workspace-reviews.c). On PostgreSQL row-level security keeps it
 * blind: a reviewer reads the others' reviews of a session only after
 * submitting every one of its conversations (csm-workspace-pg.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-workspace-private.h"

static CsmQaCalibrationSession *
session_copy (const CsmQaCalibrationSession *session)
{
  CsmQaCalibrationSession *copy = g_new0 (CsmQaCalibrationSession, 1);

  copy->name = g_strstrip (g_strdup (session->name));
  copy->scorecard = g_strdup (session->scorecard);
  copy->created = session->created;
  copy->deadline = session->deadline;
  copy->gold = session->gold != NULL && *session->gold != '\0' ? g_strdup (session->gold) : NULL;
  copy->conversations = g_strdupv (session->conversations);
  copy->reviewers = g_strdupv (session->reviewers);
  return copy;
}

static gboolean
insert_row (CsmWorkspaceWorker  *worker,
            const char          *sql,
            const char * const  *params,
            guint                n_params,
            GError             **error)
{
  g_autoptr(CsmDbRows) rows = csm_db_query (worker->db, sql, params, n_params, error);

  return rows != NULL;
}

static gpointer
create_job (CsmWorkspaceWorker  *worker,
            gpointer             data,
            GError             **error)
{
  CsmQaCalibrationSession *session = data;
  g_autofree char *created = g_strdup_printf ("%" G_GINT64_FORMAT, session->created);
  g_autofree char *deadline = g_strdup_printf ("%" G_GINT64_FORMAT, session->deadline);
  const char *params[] = {
    session->name, session->scorecard, worker->user, created, deadline, session->gold,
  };
  g_autoptr(CsmDbRows) existing = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!_csm_workspace_connect (worker, error))
    return NULL;
  for (guint i = 0; session->reviewers[i] != NULL; i++)
    if (!_csm_workspace_check_reviewer (worker, session->reviewers[i], error))
      {
        g_prefix_error (error, "%s ", _("The session was not set up:"));
        return NULL;
      }
  if (!csm_db_begin_write (worker->db, error))
    return NULL;
  existing = csm_db_query (worker->db, "SELECT 1 FROM calibration_sessions WHERE name = $1",
                           params, 1, error);
  if (existing == NULL)
    return _csm_workspace_rollback (worker);
  if (existing->n_rows > 0)
    {
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_CONFLICT,
                   _("A calibration session named “%s” already exists: choose another name."),
                   session->name);
      return _csm_workspace_rollback (worker);
    }
  if (!insert_row (worker, "INSERT INTO calibration_sessions (name, scorecard, created_by, "
                           "created, deadline, gold_reviewer) VALUES ($1, $2, $3, $4, $5, $6)",
                   params, G_N_ELEMENTS (params), &local_error))
    goto refused;
  for (guint i = 0; session->conversations[i] != NULL; i++)
    {
      const char *row[] = { session->name, session->conversations[i] };

      if (!insert_row (worker, "INSERT INTO calibration_conversations (session, conversation) "
                               "VALUES ($1, $2) ON CONFLICT DO NOTHING", row, 2, &local_error))
        goto refused;
    }
  for (guint i = 0; session->reviewers[i] != NULL; i++)
    {
      const char *row[] = { session->name, session->reviewers[i] };

      if (!insert_row (worker, "INSERT INTO calibration_reviewers (session, reviewer) "
                               "VALUES ($1, $2) ON CONFLICT DO NOTHING", row, 2, &local_error))
        goto refused;
    }
  if (!csm_db_exec (worker->db, "COMMIT", error))
    return _csm_workspace_rollback (worker);
  return GUINT_TO_POINTER (TRUE);

refused:
  g_set_error (error, local_error->domain, local_error->code,
               _("The calibration session “%s” was not set up: %s"), session->name,
               local_error->message);
  return _csm_workspace_rollback (worker);
}

static gboolean
report_invalid (CsmWorkspace        *self,
                GAsyncReadyCallback  callback,
                gpointer             user_data,
                const char          *message)
{
  g_task_report_new_error (self, callback, user_data, csm_workspace_create_calibration_async,
                           CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED, "%s", message);
  return FALSE;
}

/* Whether @session can be set up; else reports why, in words a lead acts on. */
static gboolean
check_session (CsmWorkspace                  *self,
               const CsmQaCalibrationSession *session,
               GAsyncReadyCallback            callback,
               gpointer                       user_data)
{
  g_autofree char *name = g_strstrip (g_strdup (session->name != NULL ? session->name : ""));

  if (*name == '\0')
    return report_invalid (self, callback, user_data, _("Name the calibration session."));
  if (session->scorecard == NULL || *session->scorecard == '\0')
    return report_invalid (self, callback, user_data,
                           _("Choose the scorecard the session is scored on."));
  if (session->conversations == NULL || session->conversations[0] == NULL)
    return report_invalid (self, callback, user_data,
                           _("Add at least one conversation to the session."));
  for (guint i = 0; session->conversations[i] != NULL; i++)
    if (*session->conversations[i] == '\0')
      return report_invalid (self, callback, user_data,
                             _("A conversation of the session has no number."));
  if (session->reviewers == NULL || g_strv_length (session->reviewers) < 2)
    return report_invalid (self, callback, user_data,
                           _("Calibration compares reviewers: choose at least two."));
  for (guint i = 0; session->reviewers[i] != NULL; i++)
    if (*session->reviewers[i] == '\0' || g_str_has_prefix (session->reviewers[i], "csm_"))
      return report_invalid (self, callback, user_data,
                             _("A reviewer of the session has no name."));
  if (session->gold != NULL && *session->gold != '\0' &&
      !g_strv_contains ((const char * const *) session->reviewers, session->gold))
    return report_invalid (self, callback, user_data,
                           _("The gold-standard reviewer must be one of the session’s "
                             "reviewers."));
  if (session->deadline <= session->created)
    return report_invalid (self, callback, user_data,
                           _("The deadline must be after the session is set up."));
  return TRUE;
}

/**
 * csm_workspace_create_calibration_async:
 * @session: the session: its name, scorecard, when it is set up, its
 *   deadline, conversations, reviewers (two or more) and, optionally, a
 *   gold-standard reviewer among them; @session's created_by and finished
 *   are ignored (the session is set up as this login)
 *
 * Sets the session up, all or none, as this login (a lead or an admin:
 * the workspace refuses anyone else). On a team's workspace each reviewer
 * must be one of its reviewers. A name already used is refused with
 * %CSM_WORKSPACE_ERROR_CONFLICT.
 */
void
csm_workspace_create_calibration_async (CsmWorkspace                  *self,
                                        const CsmQaCalibrationSession *session,
                                        GCancellable                  *cancellable,
                                        GAsyncReadyCallback            callback,
                                        gpointer                       user_data)
{
  g_return_if_fail (CSM_IS_WORKSPACE (self));
  g_return_if_fail (session != NULL);

  if (!check_session (self, session, callback, user_data))
    return;
  _csm_workspace_queue_job (self, csm_workspace_create_calibration_async, create_job,
                            session_copy (session),
                            (GDestroyNotify) csm_qa_calibration_session_free, NULL, cancellable,
                            callback, user_data);
}

gboolean
csm_workspace_create_calibration_finish (CsmWorkspace  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}

static char **
column (CsmDbRows *rows)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **values;

  for (guint i = 0; i < rows->n_rows; i++)
    g_strv_builder_add (builder, csm_db_rows_get (rows, i, 0));
  values = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return values;
}

static gpointer
list_job (CsmWorkspaceWorker  *worker,
          gpointer             data,
          GError             **error)
{
  g_autoptr(CsmDbRows) rows = NULL;
  g_autoptr(GPtrArray) sessions = NULL;

  if (!_csm_workspace_connect (worker, error))
    return NULL;
  rows = csm_db_query (worker->db, "SELECT name, scorecard, created_by, created, deadline, "
                                   "gold_reviewer FROM calibration_sessions "
                                   "ORDER BY created, name", NULL, 0, error);
  if (rows == NULL)
    return NULL;
  sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_calibration_session_free);
  for (guint i = 0; i < rows->n_rows; i++)
    {
      g_autoptr(CsmQaCalibrationSession) session = g_new0 (CsmQaCalibrationSession, 1);
      const char *name[] = { csm_db_rows_get (rows, i, 0) };
      g_autoptr(CsmDbRows) conversations = NULL;
      g_autoptr(CsmDbRows) reviewers = NULL;
      g_autoptr(CsmDbRows) finished = NULL;

      session->name = g_strdup (name[0]);
      session->scorecard = g_strdup (csm_db_rows_get (rows, i, 1));
      session->created_by = g_strdup (csm_db_rows_get (rows, i, 2));
      session->created = csm_db_rows_get_int (rows, i, 3);
      session->deadline = csm_db_rows_get_int (rows, i, 4);
      session->gold = g_strdup (csm_db_rows_get (rows, i, 5));
      conversations = csm_db_query (worker->db, "SELECT conversation FROM "
                                                "calibration_conversations WHERE session = $1 "
                                                "ORDER BY conversation", name, 1, error);
      if (conversations == NULL)
        return NULL;
      reviewers = csm_db_query (worker->db, "SELECT reviewer FROM calibration_reviewers WHERE "
                                            "session = $1 ORDER BY reviewer", name, 1, error);
      if (reviewers == NULL)
        return NULL;
      /* Finished: a review of every conversation of the session. */
      finished = csm_db_query (worker->db,
                                 "SELECT p.reviewer FROM calibration_progress p "
                                 "JOIN calibration_conversations c ON c.session = p.session "
                                 "AND c.conversation = p.conversation WHERE p.session = $1 "
                                 "GROUP BY p.reviewer HAVING COUNT (*) >= (SELECT COUNT (*) "
                                 "FROM calibration_conversations WHERE session = $1) "
                                 "ORDER BY p.reviewer", name, 1, error);
      if (finished == NULL)
        return NULL;
      session->conversations = column (conversations);
      session->reviewers = column (reviewers);
      session->finished = column (finished);
      g_ptr_array_add (sessions, g_steal_pointer (&session));
    }
  return g_steal_pointer (&sessions);
}

void
csm_workspace_list_calibrations_async (CsmWorkspace        *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (CSM_IS_WORKSPACE (self));
  _csm_workspace_queue_job (self, csm_workspace_list_calibrations_async, list_job, NULL, NULL,
                            (GDestroyNotify) g_ptr_array_unref, cancellable, callback,
                            user_data);
}

/**
 * csm_workspace_list_calibrations_finish:
 *
 * Returns: (transfer full) (element-type CsmQaCalibrationSession)
 *   (nullable): the sessions this login may read (a reviewer's own; a
 *   lead's all), oldest first
 */
GPtrArray *
csm_workspace_list_calibrations_finish (CsmWorkspace  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
