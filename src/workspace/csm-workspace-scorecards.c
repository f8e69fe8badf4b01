/* csm-workspace-scorecards.c: the workspace's scorecards: every version kept, a change saved as the next one, never over another's.
 *
 * Scorecards are kept a row a version, as their JSON: a review names the
 * version it was scored on, and a changed scorecard is a new version, so
 * old reviews keep scoring as they were. Saving says which version the
 * change was based on: if another person saved a version meanwhile, the
 * save is refused as a conflict, never silently written over. A change
 * goes through this computer's outbox (csm-workspace-outbox.c) first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-workspace-private.h"

static CsmQaScorecard *
scorecard_from_row (const CsmDbRows  *rows,
                    guint             row,
                    GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CsmQaScorecard) card = NULL;
  const char *name = csm_db_rows_get (rows, row, 0);
  int version = (int) csm_db_rows_get_int (rows, row, 1);

  card = csm_qa_scorecard_new_from_json (csm_db_rows_get (rows, row, 2), &local_error);
  if (card == NULL)
    {
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED,
                   _("The workspace holds a damaged scorecard “%s” version %d: %s"), name,
                   version, local_error->message);
      return NULL;
    }
  if (g_strcmp0 (csm_qa_scorecard_get_name (card), name) != 0 ||
      csm_qa_scorecard_get_version (card) != version)
    return csm_qa_scorecard_copy_as_version (card, version);
  return g_steal_pointer (&card);
}

GPtrArray *
_csm_workspace_load_scorecards (CsmWorkspaceWorker  *worker,
                                GError **error)
{
  g_autoptr(CsmDbRows) rows = csm_db_query (worker->db,
                                            "SELECT name, version, definition FROM scorecards "
                                            "ORDER BY name, version", NULL, 0, error);
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_scorecard_unref);

  if (rows == NULL)
    return NULL;
  for (guint i = 0; i < rows->n_rows; i++)
    {
      CsmQaScorecard *card = scorecard_from_row (rows, i, error);

      if (card == NULL)
        return NULL;
      g_ptr_array_add (cards, card);
    }
  return g_steal_pointer (&cards);
}

static gpointer
list_scorecards_job (CsmWorkspaceWorker   *worker,
                     gpointer  data,
                     GError  **error)
{
  /* After the server dropped it, the connection is made again. */
  if (!_csm_workspace_connect (worker, error))
    return NULL;
  return _csm_workspace_load_scorecards (worker, error);
}

void
csm_workspace_list_scorecards_async (CsmWorkspace        *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (CSM_IS_WORKSPACE (self));
  _csm_workspace_queue_job (self, csm_workspace_list_scorecards_async, list_scorecards_job, NULL, NULL,
             (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * csm_workspace_list_scorecards_finish:
 *
 * Returns: (transfer full) (element-type CsmQaScorecard) (nullable): every
 *   version of every scorecard, by name and version
 */
GPtrArray *
csm_workspace_list_scorecards_finish (CsmWorkspace  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  CsmQaScorecard *card;
  int based_on;      /* -1: an import */
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  csm_qa_scorecard_unref (save->card);
  g_free (save);
}


/**
 * _csm_workspace_store_scorecard:
 * @based_on: the version the change was made on (0: a new scorecard); -1:
 *   an import, stored as the next version whatever the newest is
 *
 * Writes @card as the next version of its name, in one transaction. The
 * same content as the newest version is that version, not a conflict (a
 * change delivered twice is stored once).
 *
 * Returns: (transfer full) (nullable): the version stored
 */
CsmQaScorecard *
_csm_workspace_store_scorecard (CsmWorkspaceWorker  *worker,
                                CsmQaScorecard      *card,
                                int                  based_on,
                                GError             **error)
{
  const char *name = csm_qa_scorecard_get_name (card);
  const char *by_name[] = { name };
  g_autoptr(CsmDbRows) latest = NULL;
  g_autoptr(CsmQaScorecard) stored = NULL;
  g_autoptr(CsmQaScorecard) newest = NULL;
  g_autoptr(CsmDbRows) inserted = NULL;
  g_autofree char *json = NULL;
  g_autofree char *version_text = NULL;
  g_autofree char *created = NULL;
  int version;

  /* After the server dropped it, the connection is made again. */
  if (!_csm_workspace_connect (worker, error))
    return NULL;

  if (!csm_db_begin_write (worker->db, error))
    return NULL;
  latest = csm_db_query (worker->db,
                         "SELECT name, version, definition, created_by FROM scorecards "
                         "WHERE name = $1 ORDER BY version DESC LIMIT 1", by_name, 1, error);
  if (latest == NULL)
    return _csm_workspace_rollback (worker);
  if (latest->n_rows > 0 && (newest = scorecard_from_row (latest, 0, error)) == NULL)
    return _csm_workspace_rollback (worker);
  if (newest != NULL && csm_qa_scorecard_same_content (newest, card))
    {
      _csm_workspace_rollback (worker);
      return g_steal_pointer (&newest);
    }
  if (based_on >= 0 && newest == NULL && based_on != 0)
    {
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_CONFLICT,
                   _("“%s” is not in the workspace: nothing was written."), name);
      return _csm_workspace_rollback (worker);
    }
  if (based_on >= 0 && newest != NULL &&
      csm_qa_scorecard_get_version (newest) != based_on)
    {
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_CONFLICT,
                   _("“%s” was changed meanwhile: %s saved version %d. Nothing was written; "
                     "open that version and make the change again."), name,
                   csm_db_rows_get (latest, 0, 3), csm_qa_scorecard_get_version (newest));
      return _csm_workspace_rollback (worker);
    }
  version = newest != NULL ? csm_qa_scorecard_get_version (newest) + 1
            : based_on < 0 ? csm_qa_scorecard_get_version (card) : 1;
  stored = csm_qa_scorecard_copy_as_version (card, version);
  json = csm_qa_scorecard_to_json (stored);
  version_text = g_strdup_printf ("%d", version);
  created = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
  {
    const char *params[] = { name, version_text, json, worker->user, created };

    inserted = csm_db_query (worker->db,
                             "INSERT INTO scorecards (name, version, definition, created_by, "
                             "created) VALUES ($1, $2, $3, $4, $5)", params, 5, error);
  }
  if (inserted == NULL && g_error_matches (*error, CSM_WORKSPACE_ERROR,
                                           CSM_WORKSPACE_ERROR_CONFLICT))
    {
      /* Another person's save took this version first (PostgreSQL does
       * not hold readers back): say whose. */
      g_autoptr(CsmDbRows) now = NULL;

      _csm_workspace_rollback (worker);
      g_clear_error (error);
      now = csm_db_query (worker->db, "SELECT created_by, version FROM scorecards WHERE name = $1 "
                                      "ORDER BY version DESC LIMIT 1", by_name, 1, NULL);
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_CONFLICT,
                   _("“%s” was changed meanwhile: %s saved version %d. Nothing was written; "
                     "open that version and make the change again."), name,
                   now != NULL && now->n_rows > 0 ? csm_db_rows_get (now, 0, 0) : "?",
                   now != NULL && now->n_rows > 0 ? (int) csm_db_rows_get_int (now, 0, 1)
                                                  : version);
      return NULL;
    }
  if (inserted == NULL || !csm_db_exec (worker->db, "COMMIT", error))
    return _csm_workspace_rollback (worker);
  return g_steal_pointer (&stored);
}

/* A change (not an import) is kept on this computer first, and leaves
 * the outbox once the workspace has answered: stored, or refused to this
 * person, who still has it in front of them. Unreachable, it stays, to
 * be delivered later. */
static gpointer
save_job (CsmWorkspaceWorker  *worker,
          gpointer             data,
          GError             **error)
{
  SaveData *save = data;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *kept = NULL;
  CsmQaScorecard *stored;

  if (save->based_on >= 0 &&
      (kept = _csm_workspace_outbox_keep_scorecard (worker, save->card, save->based_on,
                                                    error)) == NULL)
    return NULL;
  /* Changes kept before this one are stored first, in their order. */
  if (kept == NULL || (_csm_workspace_connect (worker, &local_error) &&
                       _csm_workspace_outbox_deliver_older_scorecards (worker, kept,
                                                                       &local_error)))
    stored = _csm_workspace_store_scorecard (worker, save->card, save->based_on, &local_error);
  else
    stored = NULL;
  if (kept != NULL && stored == NULL &&
      g_error_matches (local_error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_UNAVAILABLE))
    {
      /* The connection is made again when next needed. */
      g_clear_pointer (&worker->db, csm_db_close);
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_KEPT,
                   _("The workspace cannot be reached (%s). The change is kept on this "
                     "computer and saved as soon as the workspace can be reached."),
                   local_error->message);
      return NULL;
    }
  if (kept != NULL && !_csm_workspace_outbox_forget_scorecard (worker, kept, error))
    {
      g_clear_pointer (&stored, csm_qa_scorecard_unref);
      return NULL;
    }
  if (stored == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return stored;
}

/**
 * csm_workspace_save_scorecard_async:
 * @based_on: the version the change was made on; 0 for a new scorecard
 *
 * Saves @scorecard as the next version of its name, unless nothing
 * changed. Fails with %CSM_WORKSPACE_ERROR_CONFLICT, writing nothing, when
 * the newest version is not @based_on: someone else saved meanwhile. The
 * change goes through this computer's outbox: when the workspace cannot
 * be reached it fails with %CSM_WORKSPACE_ERROR_KEPT, and is delivered
 * later (csm_workspace_deliver_async()), or refused then with the reason.
 */
void
csm_workspace_save_scorecard_async (CsmWorkspace        *self,
                                    CsmQaScorecard      *scorecard,
                                    int                  based_on,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  SaveData *save;

  g_return_if_fail (CSM_IS_WORKSPACE (self));
  g_return_if_fail (scorecard != NULL && based_on >= 0);

  save = g_new0 (SaveData, 1);
  save->card = csm_qa_scorecard_ref (scorecard);
  save->based_on = based_on;
  _csm_workspace_queue_job (self, csm_workspace_save_scorecard_async, save_job, save, save_data_free,
             (GDestroyNotify) csm_qa_scorecard_unref, cancellable, callback, user_data);
}

/**
 * csm_workspace_save_scorecard_finish:
 *
 * Returns: (transfer full) (nullable): the scorecard as stored, with its
 *   version
 */
CsmQaScorecard *
csm_workspace_save_scorecard_finish (CsmWorkspace  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * csm_workspace_import_scorecard_async:
 *
 * Stores a scorecard from a file: a new name keeps its version; a name
 * the workspace has, with other content, becomes its next version; the
 * same content is the version already there.
 */
void
csm_workspace_import_scorecard_async (CsmWorkspace        *self,
                                      CsmQaScorecard      *scorecard,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  SaveData *save;

  g_return_if_fail (CSM_IS_WORKSPACE (self));
  g_return_if_fail (scorecard != NULL);

  save = g_new0 (SaveData, 1);
  save->card = csm_qa_scorecard_ref (scorecard);
  save->based_on = -1;
  _csm_workspace_queue_job (self, csm_workspace_save_scorecard_async, save_job, save, save_data_free,
             (GDestroyNotify) csm_qa_scorecard_unref, cancellable, callback, user_data);
}

/**
 * csm_workspace_import_scorecard_finish:
 *
 * Returns: (transfer full) (nullable): the scorecard as stored
 */
CsmQaScorecard *
csm_workspace_import_scorecard_finish (CsmWorkspace  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return csm_workspace_save_scorecard_finish (self, result, error);
}
