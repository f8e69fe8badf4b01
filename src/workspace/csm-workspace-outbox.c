/* csm-workspace-outbox.c: submissions and scorecard changes kept on this machine first, delivered to the workspace when it can take them, exactly once.
 *
 * csm_workspace_queue_reviews_async() writes the reviews to a local
 * SQLite file before anything goes to the workspace, so a workspace that
 * is down, or a console that is killed, loses nothing. Delivery takes the
 * queue oldest first; a delivered batch leaves it. Exactly once: a batch
 * delivered but not yet removed (a kill in between) is delivered again,
 * and the workspace stores a submission it has already (the same
 * conversation, reviewer, scorecard version and submitted time) once. A
 * batch the workspace refuses (a rule, a role without the right) stays,
 * marked with the refusal, for the person to see; the others go on.
 *
 * A scorecard change (csm_workspace_save_scorecard_async ()) is kept the
 * same way, in a table of its own with the version it was based on, and
 * delivered before the reviews (which may be scored on it). Its admin
 * hears at once whether it was stored or refused; only a change the
 * workspace could not be reached for stays, to be delivered later: a
 * conflict then is a refusal, kept with the reason. Delivered twice (a
 * kill between storing and forgetting it), it is stored once: the same
 * content as the newest version is that version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-workspace-private.h"

typedef CsmWorkspaceQueueState Outcome;

static void
outcome_free (Outcome *outcome)
{
  csm_workspace_queue_state_clear (outcome);
  g_free (outcome);
}

/**
 * csm_workspace_queue_state_clear:
 *
 * Frees what @state holds, and zeroes it.
 */
void
csm_workspace_queue_state_clear (CsmWorkspaceQueueState *state)
{
  g_clear_pointer (&state->refusal, g_free);
  g_clear_pointer (&state->discarded, g_strfreev);
  *state = (CsmWorkspaceQueueState) { 0 };
}

/**
 * _csm_workspace_outbox_path:
 *
 * Returns: (transfer full): this machine's queue for @user's writes to
 *   the workspace at @location
 */
char *
_csm_workspace_outbox_path (const char *location,
                            const char *user)
{
  g_autofree char *both = g_strdup_printf ("%s\037%s", location, user);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, both, -1);
  g_autofree char *name = g_strdup_printf ("%.16s.sqlite", hash);

  return g_build_filename (g_get_user_data_dir (), "csm-console", "outbox", name, NULL);
}

static gboolean
outbox_open (CsmWorkspaceWorker  *worker,
             GError             **error)
{
  if (worker->outbox != NULL)
    return TRUE;
  worker->outbox = csm_db_sqlite_open (worker->outbox_path, error);
  if (worker->outbox == NULL)
    return FALSE;
  if (!csm_db_exec (worker->outbox, "CREATE TABLE IF NOT EXISTS outbox (id TEXT PRIMARY KEY, "
                                    "reviews TEXT NOT NULL, queued BIGINT NOT NULL, "
                                    "refused TEXT)", error) ||
      !csm_db_exec (worker->outbox, "CREATE TABLE IF NOT EXISTS scorecard_outbox (id TEXT "
                                    "PRIMARY KEY, scorecard TEXT NOT NULL, based_on INTEGER NOT "
                                    "NULL, queued BIGINT NOT NULL, refused TEXT)", error))
    {
      g_clear_pointer (&worker->outbox, csm_db_close);
      return FALSE;
    }
  return TRUE;
}

/**
 * _csm_workspace_outbox_keep_scorecard:
 *
 * Keeps a scorecard change on this machine before it is tried.
 *
 * Returns: (transfer full) (nullable): its id in the outbox
 */
char *
_csm_workspace_outbox_keep_scorecard (CsmWorkspaceWorker  *worker,
                                      CsmQaScorecard      *card,
                                      int                  based_on,
                                      GError             **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *json = NULL;
  g_autofree char *based = g_strdup_printf ("%d", based_on);
  g_autofree char *queued = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ());
  g_autoptr(CsmDbRows) rows = NULL;

  if (!outbox_open (worker, error))
    return NULL;
  json = csm_qa_scorecard_to_json (card);
  {
    const char *params[] = { id, json, based, queued };

    rows = csm_db_query (worker->outbox, "INSERT INTO scorecard_outbox (id, scorecard, based_on, "
                                         "queued) VALUES ($1, $2, $3, $4)", params, 4, error);
  }
  return rows != NULL ? g_steal_pointer (&id) : NULL;
}

/* Forgets a delivered (or refused, when told at once) batch or change. */
static gboolean
forget (CsmWorkspaceWorker  *worker,
        const char          *table,
        const char          *id,
        GError             **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = $1", table);
  const char *params[] = { id };
  g_autoptr(CsmDbRows) done = csm_db_query (worker->outbox, sql, params, 1, error);

  return done != NULL;
}

gboolean
_csm_workspace_outbox_forget_scorecard (CsmWorkspaceWorker  *worker,
                                        const char          *id,
                                        GError             **error)
{
  return forget (worker, "scorecard_outbox", id, error);
}

/* Marks a batch or change refused, with why. */
static gboolean
refuse (CsmWorkspaceWorker  *worker,
        const char          *table,
        const char          *id,
        const char          *why,
        GError             **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET refused = $1 WHERE %s", table,
                                          id != NULL ? "id = $2" : "refused IS NULL");
  const char *params[] = { why, id };
  g_autoptr(CsmDbRows) done = csm_db_query (worker->outbox, sql, params, id != NULL ? 2 : 1,
                                            error);

  return done != NULL;
}

static CsmQaScorecard *
find_scorecard (const char *name,
                int         version,
                gpointer    data)
{
  GPtrArray *cards = data;

  for (guint i = 0; i < cards->len; i++)
    if (g_strcmp0 (csm_qa_scorecard_get_name (cards->pdata[i]), name) == 0 &&
        csm_qa_scorecard_get_version (cards->pdata[i]) == version)
      return cards->pdata[i];
  return NULL;
}

static gboolean
count (CsmWorkspaceWorker  *worker,
       Outcome             *outcome,
       GError             **error)
{
  g_autoptr(CsmDbRows) rows = csm_db_query (worker->outbox,
                                            "SELECT COUNT (*) - COUNT (refused), COUNT (refused) "
                                            "FROM (SELECT refused FROM outbox UNION ALL "
                                            "SELECT refused FROM scorecard_outbox) AS waiting",
                                            NULL, 0, error);

  if (rows == NULL)
    return FALSE;
  outcome->pending = (guint) csm_db_rows_get_int (rows, 0, 0);
  outcome->refused = (guint) csm_db_rows_get_int (rows, 0, 1);
  if (outcome->refused > 0)
    {
      g_autoptr(CsmDbRows) why = csm_db_query (worker->outbox,
                                               "SELECT refused, queued, id FROM outbox WHERE "
                                               "refused IS NOT NULL UNION ALL SELECT refused, "
                                               "queued, id FROM scorecard_outbox WHERE refused IS "
                                               "NOT NULL ORDER BY 2 DESC, 3 LIMIT 1", NULL, 0,
                                               error);

      if (why == NULL)
        return FALSE;
      outcome->refusal = g_strdup (csm_db_rows_get (why, 0, 0));
    }
  return TRUE;
}

/* Delivers the scorecard changes in @queued, oldest first. %FALSE with
 * @error when this computer's outbox failed, or, with *@lost, when the
 * workspace cannot be reached (the rest waits). What the workspace
 * refuses is marked refused, with why. */
static gboolean
deliver_scorecards (CsmWorkspaceWorker  *worker,
                    CsmDbRows           *queued,
                    gboolean            *lost,
                    GError             **error)
{
  *lost = FALSE;
  for (guint i = 0; i < queued->n_rows; i++)
    {
      const char *id = csm_db_rows_get (queued, i, 0);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(CsmQaScorecard) card = NULL;
      g_autoptr(CsmQaScorecard) stored = NULL;

      card = csm_qa_scorecard_new_from_json (csm_db_rows_get (queued, i, 1), &local_error);
      if (card != NULL)
        stored = _csm_workspace_store_scorecard (worker, card,
                                                 (int) csm_db_rows_get_int (queued, i, 2),
                                                 &local_error);
      if (stored != NULL)
        {
          if (!forget (worker, "scorecard_outbox", id, error))
            return FALSE;
          continue;
        }
      if (g_error_matches (local_error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_UNAVAILABLE))
        {
          *lost = TRUE;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!refuse (worker, "scorecard_outbox", id, local_error->message, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * _csm_workspace_outbox_deliver_older_scorecards:
 * @except: the change being saved now
 *
 * Delivers the changes kept before @except first, oldest first, so that
 * changes are stored in the order they were made.
 *
 * Returns: %FALSE with @error when this computer's outbox failed or the
 *   workspace cannot be reached (%CSM_WORKSPACE_ERROR_UNAVAILABLE)
 */
gboolean
_csm_workspace_outbox_deliver_older_scorecards (CsmWorkspaceWorker  *worker,
                                                const char          *except,
                                                GError             **error)
{
  const char *params[] = { except };
  g_autoptr(CsmDbRows) older = csm_db_query (worker->outbox,
                                             "SELECT id, scorecard, based_on FROM "
                                             "scorecard_outbox WHERE refused IS NULL AND id <> $1 "
                                             "ORDER BY queued, id", params, 1, error);
  gboolean lost;

  return older != NULL && deliver_scorecards (worker, older, &lost, error);
}

/* Delivers what waits, scorecard changes first, oldest first, until the
 * workspace cannot be reached (then @error says so, and the rest waits). */
static gboolean
deliver (CsmWorkspaceWorker  *worker,
         GError             **error)
{
  g_autoptr(CsmDbRows) changes = NULL;
  g_autoptr(CsmDbRows) queued = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean lost = FALSE;

  changes = csm_db_query (worker->outbox, "SELECT id, scorecard, based_on FROM scorecard_outbox "
                                          "WHERE refused IS NULL ORDER BY queued, id", NULL, 0,
                          error);
  if (changes == NULL)
    return FALSE;
  queued = csm_db_query (worker->outbox, "SELECT id, reviews FROM outbox WHERE refused IS NULL "
                                         "ORDER BY queued, id", NULL, 0, error);
  if (queued == NULL)
    return FALSE;
  if (queued->n_rows == 0 && changes->n_rows == 0)
    return TRUE;
  /* Not connected (unreachable, or the password no longer taken): what
   * waits keeps waiting. */
  if (!_csm_workspace_connect (worker, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto lost;
    }
  if ((!deliver_scorecards (worker, changes, &lost, &local_error) && lost) ||
      (local_error == NULL &&
       (cards = _csm_workspace_load_scorecards (worker, &local_error)) == NULL))
    {
      if (lost ||
          g_error_matches (local_error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_UNAVAILABLE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto lost;
        }
      /* Reached, but it takes nothing from this person now (a role
       * taken away): each waiting batch and change is refused, with why. */
      return refuse (worker, "outbox", NULL, local_error->message, error) &&
             refuse (worker, "scorecard_outbox", NULL, local_error->message, error);
    }
  if (local_error != NULL)
    {
      /* This computer's outbox failed. */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < queued->n_rows; i++)
    {
      const char *id = csm_db_rows_get (queued, i, 0);
      g_autoptr(GError) batch_error = NULL;
      g_autoptr(GPtrArray) reviews = csm_qa_reviews_from_json (csm_db_rows_get (queued, i, 1),
                                                                find_scorecard, cards,
                                                                &batch_error);
      guint added;

      if (reviews != NULL &&
          _csm_workspace_insert_reviews (worker, reviews, &added, &batch_error))
        {
          if (!forget (worker, "outbox", id, error))
            return FALSE;
          continue;
        }
      if (g_error_matches (batch_error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_UNAVAILABLE))
        {
          g_propagate_error (error, g_steal_pointer (&batch_error));
          goto lost;
        }
      if (!refuse (worker, "outbox", id, batch_error->message, error))
        return FALSE;
    }
  return TRUE;

lost:
  /* Connected again when next needed. */
  g_clear_pointer (&worker->db, csm_db_close);
  return FALSE;
}

static gpointer
outcome_job (CsmWorkspaceWorker  *worker,
             GPtrArray           *reviews,
             GError             **error)
{
  g_autoptr(GError) undelivered = NULL;
  g_autofree char *id = NULL;
  Outcome *outcome = g_new0 (Outcome, 1);

  if (!outbox_open (worker, error))
    {
      outcome_free (outcome);
      return NULL;
    }
  if (reviews != NULL)
    {
      g_autofree char *json = csm_qa_reviews_to_json (reviews);
      g_autofree char *queued = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ());
      const char *params[] = { NULL, json, queued };
      g_autoptr(CsmDbRows) rows = NULL;

      id = g_uuid_string_random ();
      params[0] = id;

      rows = csm_db_query (worker->outbox, "INSERT INTO outbox (id, reviews, queued) "
                                           "VALUES ($1, $2, $3)", params, 3, error);
      if (rows == NULL)
        {
          outcome_free (outcome);
          return NULL;
        }
    }
  /* Queued is what the caller is told; delivery may wait. */
  deliver (worker, &undelivered);
  if (!count (worker, outcome, error))
    {
      outcome_free (outcome);
      return NULL;
    }
  if (undelivered != NULL && outcome->pending > 0)
    g_debug ("Delivery waits: %s", undelivered->message);
  /* Whether this very batch was refused, not another one before it. */
  if (id != NULL)
    {
      const char *params[] = { id };
      g_autoptr(CsmDbRows) rows = csm_db_query (worker->outbox, "SELECT refused FROM outbox "
                                                "WHERE id = $1 AND refused IS NOT NULL",
                                                params, 1, error);

      if (rows == NULL)
        {
          outcome_free (outcome);
          return NULL;
        }
      outcome->queued_refused = rows->n_rows > 0;
    }
  return outcome;
}

static gpointer
queue_job (CsmWorkspaceWorker  *worker,
           gpointer             data,
           GError             **error)
{
  return outcome_job (worker, data, error);
}

static gpointer
deliver_job (CsmWorkspaceWorker  *worker,
             gpointer             data,
             GError             **error)
{
  return outcome_job (worker, NULL, error);
}

static gpointer
retry_job (CsmWorkspaceWorker  *worker,
           gpointer             data,
           GError             **error)
{
  g_autoptr(CsmDbRows) rows = NULL;

  if (!outbox_open (worker, error))
    return NULL;
  rows = csm_db_query (worker->outbox, "UPDATE outbox SET refused = NULL WHERE refused IS NOT "
                                       "NULL", NULL, 0, error);
  if (rows == NULL)
    return NULL;
  g_clear_pointer (&rows, csm_db_rows_free);
  rows = csm_db_query (worker->outbox, "UPDATE scorecard_outbox SET refused = NULL WHERE "
                                       "refused IS NOT NULL", NULL, 0, error);
  if (rows == NULL)
    return NULL;
  return outcome_job (worker, NULL, error);
}

/**
 * csm_workspace_queue_reviews_async:
 * @reviews: (element-type CsmQaReview): submitted reviews, each valid
 *
 * Keeps @reviews on this machine, durably, then delivers what waits to
 * the workspace. The answer comes once they are kept: what is still
 * waiting (the workspace down, say) is delivered by a later
 * csm_workspace_deliver_async(), exactly once.
 */
void
csm_workspace_queue_reviews_async (CsmWorkspace        *self,
                                   GPtrArray           *reviews,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CSM_IS_WORKSPACE (self));
  g_return_if_fail (reviews != NULL);

  if (!_csm_workspace_check_reviews (reviews, &error))
    {
      g_task_report_error (self, callback, user_data, csm_workspace_queue_reviews_async,
                           g_steal_pointer (&error));
      return;
    }
  copies = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  for (guint i = 0; i < reviews->len; i++)
    g_ptr_array_add (copies, csm_qa_review_copy (g_ptr_array_index (reviews, i)));
  _csm_workspace_queue_job (self, csm_workspace_queue_reviews_async, queue_job,
                            g_steal_pointer (&copies), (GDestroyNotify) g_ptr_array_unref,
                            (GDestroyNotify) outcome_free, cancellable, callback, user_data);
}

/**
 * csm_workspace_deliver_async:
 *
 * Delivers what waits on this machine (after the workspace was down, or
 * at start, after a console that ended with writes waiting).
 */
void
csm_workspace_deliver_async (CsmWorkspace        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CSM_IS_WORKSPACE (self));
  _csm_workspace_queue_job (self, csm_workspace_deliver_async, deliver_job, NULL, NULL,
                            (GDestroyNotify) outcome_free, cancellable, callback, user_data);
}

static gpointer
discard_job (CsmWorkspaceWorker  *worker,
             gpointer             data,
             GError             **error)
{
  g_autoptr(CsmDbRows) reviews = NULL;
  g_autoptr(CsmDbRows) changes = NULL;
  g_autoptr(GStrvBuilder) discarded = g_strv_builder_new ();
  Outcome *outcome;

  if (!outbox_open (worker, error))
    return NULL;
  /* The refused reviews go back to the caller, to be drafts again. */
  reviews = csm_db_query (worker->outbox, "DELETE FROM outbox WHERE refused IS NOT NULL "
                                          "RETURNING reviews", NULL, 0, error);
  if (reviews == NULL)
    return NULL;
  for (guint i = 0; i < reviews->n_rows; i++)
    g_strv_builder_add (discarded, csm_db_rows_get (reviews, i, 0));
  changes = csm_db_query (worker->outbox, "DELETE FROM scorecard_outbox WHERE refused IS NOT "
                                          "NULL", NULL, 0, error);
  if (changes == NULL)
    return NULL;
  outcome = g_new0 (Outcome, 1);
  outcome->discarded = g_strv_builder_end (discarded);
  if (!count (worker, outcome, error))
    {
      outcome_free (outcome);
      return NULL;
    }
  return outcome;
}

/**
 * csm_workspace_discard_refused_async:
 *
 * Forgets what the workspace refused, when the person gives up on it:
 * the refused reviews come back in the state's @discarded, for the caller
 * to keep as drafts; refused scorecard changes are gone. Finish with
 * csm_workspace_queue_finish().
 */
void
csm_workspace_discard_refused_async (CsmWorkspace        *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (CSM_IS_WORKSPACE (self));
  _csm_workspace_queue_job (self, csm_workspace_discard_refused_async, discard_job, NULL, NULL,
                            (GDestroyNotify) outcome_free, cancellable, callback, user_data);
}

/**
 * csm_workspace_retry_refused_async:
 *
 * Tries the refused submissions again, with what waits (after the admin
 * gave the person the right they lacked, say). Finish with
 * csm_workspace_queue_finish(): what is refused again is kept again.
 */
void
csm_workspace_retry_refused_async (CsmWorkspace        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CSM_IS_WORKSPACE (self));
  _csm_workspace_queue_job (self, csm_workspace_retry_refused_async, retry_job, NULL, NULL,
                            (GDestroyNotify) outcome_free, cancellable, callback, user_data);
}

/**
 * csm_workspace_queue_finish:
 * @state: (out caller-allocates): this computer's outbox now; clear it
 *   with csm_workspace_queue_state_clear()
 *
 * Finishes csm_workspace_queue_reviews_async(),
 * csm_workspace_deliver_async(), csm_workspace_retry_refused_async() and
 * csm_workspace_discard_refused_async().
 *
 * Returns: %TRUE once kept on this machine; %FALSE with @error when they
 *   could not even be kept (or were not valid)
 */
gboolean
csm_workspace_queue_finish (CsmWorkspace            *self,
                            GAsyncResult            *result,
                            CsmWorkspaceQueueState  *state,
                            GError                 **error)
{
  Outcome *outcome;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  *state = (CsmWorkspaceQueueState) { 0 };
  outcome = g_task_propagate_pointer (G_TASK (result), error);
  if (outcome == NULL)
    return FALSE;
  *state = *outcome;
  g_free (outcome);
  return TRUE;
}
