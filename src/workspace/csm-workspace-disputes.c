/* csm-workspace-disputes.c: an agent disputes a rating of one of their reviews; the reviewer or a lead decides.
 *
 * A dispute is a row holding every step with who and when: opened (by the
 * agent, within the window), then accepted or rejected once (by the
 * review's reviewer or a lead, with a reason). Accepting writes a new
 * version of the review with the new rating, which replaces the old one in
 * IQS (the latest version counts); the old one is kept. On PostgreSQL
 * row-level security decides who opens, reads and decides which disputes
 * (csm-workspace-pg.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-time.h"
#include "csm-workspace-private.h"

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* A rating as the disputes table holds it: N/A is 0; none is NULL. */
static char *
rating_text (int rating)
{
  return rating == CSM_QA_UNRATED ? NULL : int_text (rating);
}

static gboolean
blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static int
rating_from_row (CsmDbRows *rows,
                 guint      row,
                 guint      col)
{
  return csm_db_rows_get (rows, row, col) == NULL ? CSM_QA_UNRATED
                                                  : (int) csm_db_rows_get_int (rows, row, col);
}

/* Whether @rating is one @category can be given. */
static gboolean
rating_fits (const CsmQaCategory *category,
             int                  rating)
{
  return (rating >= 1 && rating <= category->scale) ||
         (rating == CSM_QA_NA && category->na_allowed);
}

typedef struct
{
  CsmQaDispute *dispute;
  gboolean accept;
} DisputeData;

static void
dispute_data_free (DisputeData *data)
{
  csm_qa_dispute_free (data->dispute);
  g_free (data);
}

static const char select_disputes[] =
  "SELECT id, review, conversation, agent, reviewer, category, rating, proposed, reason, "
  "opened_by, opened, state, decided_by, decided, decision, new_rating, new_review "
  "FROM disputes ";

static CsmQaDispute *
dispute_from_row (CsmDbRows *rows,
                  guint      i)
{
  CsmQaDispute *d = g_new0 (CsmQaDispute, 1);

  d->id = g_strdup (csm_db_rows_get (rows, i, 0));
  d->review = g_strdup (csm_db_rows_get (rows, i, 1));
  d->conversation = g_strdup (csm_db_rows_get (rows, i, 2));
  d->agent = g_strdup (csm_db_rows_get (rows, i, 3));
  d->reviewer = g_strdup (csm_db_rows_get (rows, i, 4));
  d->category = g_strdup (csm_db_rows_get (rows, i, 5));
  d->rating = rating_from_row (rows, i, 6);
  d->proposed = rating_from_row (rows, i, 7);
  d->reason = g_strdup (csm_db_rows_get (rows, i, 8));
  d->opened_by = g_strdup (csm_db_rows_get (rows, i, 9));
  d->opened = csm_db_rows_get_int (rows, i, 10);
  if (!csm_qa_dispute_state_from_string (csm_db_rows_get (rows, i, 11), &d->state))
    d->state = CSM_QA_DISPUTE_OPEN;
  d->decided_by = g_strdup (csm_db_rows_get (rows, i, 12));
  d->decided = csm_db_rows_get (rows, i, 13) != NULL ? csm_db_rows_get_int (rows, i, 13) : 0;
  d->decision = g_strdup (csm_db_rows_get (rows, i, 14));
  d->new_rating = rating_from_row (rows, i, 15);
  d->new_review = g_strdup (csm_db_rows_get (rows, i, 16));
  return d;
}

static CsmQaDispute *
read_dispute (CsmWorkspaceWorker  *worker,
              const char          *id,
              GError             **error)
{
  g_autofree char *sql = g_strconcat (select_disputes, "WHERE id = $1", NULL);
  const char *params[] = { id };
  g_autoptr(CsmDbRows) rows = csm_db_query (worker->db, sql, params, 1, error);

  if (rows == NULL)
    return NULL;
  if (rows->n_rows == 0)
    {
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_DENIED,
                   _("The dispute is not one you can see."));
      return NULL;
    }
  return dispute_from_row (rows, 0);
}

static gpointer
open_job (CsmWorkspaceWorker  *worker,
          gpointer             data,
          GError             **error)
{
  CsmQaDispute *d = ((DisputeData *) data)->dispute;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *rating = int_text (d->rating);
  g_autofree char *proposed = rating_text (d->proposed);
  g_autofree char *opened = int_text (d->opened);
  const char *params[] = {
    id, d->review, d->conversation, d->agent, d->reviewer, d->category, rating, proposed,
    d->reason, worker->user, opened,
  };
  g_autoptr(CsmDbRows) rows = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!_csm_workspace_connect (worker, error))
    return NULL;
  rows = csm_db_query (worker->db,
                       "INSERT INTO disputes (id, review, conversation, agent, reviewer, "
                       "category, rating, proposed, reason, opened_by, opened, state) VALUES "
                       "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open')", params,
                       G_N_ELEMENTS (params), &local_error);
  if (rows == NULL)
    {
      /* The same rating disputed twice is said as that. */
      g_autofree char *sql = g_strconcat (select_disputes,
                                          "WHERE review = $1 AND category = $2", NULL);
      const char *same[] = { d->review, d->category };
      g_autoptr(CsmDbRows) earlier = csm_db_query (worker->db, sql, same, 2, NULL);

      if (earlier != NULL && earlier->n_rows > 0)
        g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_CONFLICT,
                     _("“%s” on this review is already disputed."), d->category);
      else
        g_set_error (error, local_error->domain, local_error->code,
                     _("The dispute was not opened: %s"), local_error->message);
      return NULL;
    }
  return read_dispute (worker, id, error);
}

/**
 * csm_workspace_open_dispute_async:
 * @review: a submitted review read from the workspace (it has an id), not
 *   of a calibration session
 * @category: the category whose rating is disputed
 * @proposed: the rating the agent proposes, or %CSM_QA_UNRATED for none
 * @reason: why, in the agent's words
 * @now: when
 * @window_days: the days after its submission a review may be disputed
 *
 * Opens a dispute as this login (on a team's workspace, only the agent of
 * @review may). A rating disputed already is refused with
 * %CSM_WORKSPACE_ERROR_CONFLICT.
 */
void
csm_workspace_open_dispute_async (CsmWorkspace        *self,
                                  const CsmQaReview   *review,
                                  const char          *category,
                                  int                  proposed,
                                  const char          *reason,
                                  gint64               now,
                                  guint                window_days,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  DisputeData *data;
  CsmQaDispute *d;
  const char *message = NULL;
  int index = -1;

  g_return_if_fail (CSM_IS_WORKSPACE (self));
  g_return_if_fail (review != NULL);

  for (guint i = 0; category != NULL && i < review->n_ratings; i++)
    if (g_strcmp0 (csm_qa_scorecard_get_category (review->scorecard, i)->name, category) == 0)
      index = (int) i;
  if (review->id == NULL || review->calibration_session != NULL)
    message = _("Only a review stored in the workspace, not a calibration review, can be "
                "disputed.");
  else if (index < 0)
    message = _("Choose the category whose rating you dispute.");
  else if (!csm_qa_dispute_window_open (review->submitted, now, window_days))
    message = _("The time to dispute this review has passed.");
  else if (blank (reason))
    message = _("Say why you dispute the rating.");
  else if (proposed != CSM_QA_UNRATED &&
           (!rating_fits (csm_qa_scorecard_get_category (review->scorecard, index), proposed) ||
            proposed == review->ratings[index]))
    message = _("The rating you propose is not another rating this category can have.");
  if (message != NULL)
    {
      g_task_report_new_error (self, callback, user_data, csm_workspace_open_dispute_async,
                               CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED, "%s", message);
      return;
    }
  d = g_new0 (CsmQaDispute, 1);
  d->review = g_strdup (review->id);
  d->conversation = g_strdup (review->conversation);
  d->agent = g_strdup (review->agent);
  d->reviewer = g_strdup (review->reviewer);
  d->category = g_strdup (category);
  d->rating = review->ratings[index];
  d->proposed = proposed;
  d->reason = g_strstrip (g_strdup (reason));
  d->opened = now;
  data = g_new0 (DisputeData, 1);
  data->dispute = d;
  _csm_workspace_queue_job (self, csm_workspace_open_dispute_async, open_job, data,
                            (GDestroyNotify) dispute_data_free,
                            (GDestroyNotify) csm_qa_dispute_free, cancellable, callback,
                            user_data);
}

/**
 * csm_workspace_open_dispute_finish:
 *
 * Returns: (transfer full) (nullable): the dispute as stored
 */
CsmQaDispute *
csm_workspace_open_dispute_finish (CsmWorkspace  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The disputed review's new version: its latest version (an earlier
 * accepted dispute's correction stays), one rating changed, dated
 * @decided (a second after the latest at the least, so it is the latest). */
static gboolean
write_new_version (CsmWorkspaceWorker  *worker,
                   const CsmQaDispute  *d,
                   const char          *new_id,
                   int                  rating,
                   gint64               decided,
                   GError             **error)
{
  const char *latest[] = { d->conversation, d->reviewer };
  g_autoptr(CsmDbRows) old = csm_db_query (worker->db,
                                           "SELECT conversation, agent, reviewer, scorecard, "
                                           "scorecard_version, submitted, ratings, notes, "
                                           "comment, id FROM reviews WHERE conversation = $1 "
                                           "AND reviewer = $2 AND calibration_session IS NULL "
                                           "ORDER BY submitted DESC LIMIT 1", latest, 2, error);
  g_autoptr(CsmDbRows) card_rows = NULL;
  g_autoptr(CsmQaScorecard) card = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *ratings = NULL;
  g_autofree char *submitted = NULL;
  g_autoptr(CsmDbRows) inserted = NULL;
  const CsmQaCategory *category = NULL;
  JsonObject *object;

  if (old == NULL)
    return FALSE;
  if (old->n_rows == 0)
    {
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_DENIED,
                   _("The disputed review is not one you can read."));
      return FALSE;
    }
  {
    const char *version[] = { csm_db_rows_get (old, 0, 3), csm_db_rows_get (old, 0, 4) };

    card_rows = csm_db_query (worker->db, "SELECT definition FROM scorecards WHERE name = $1 "
                                          "AND version = $2", version, 2, error);
  }
  if (card_rows == NULL || card_rows->n_rows == 0 ||
      (card = csm_qa_scorecard_new_from_json (csm_db_rows_get (card_rows, 0, 0), NULL)) == NULL)
    {
      g_clear_error (error);
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED,
                   _("The scorecard of the disputed review cannot be read."));
      return FALSE;
    }
  for (guint i = 0; i < csm_qa_scorecard_get_n_categories (card); i++)
    if (g_strcmp0 (csm_qa_scorecard_get_category (card, i)->name, d->category) == 0)
      category = csm_qa_scorecard_get_category (card, i);
  if (category == NULL || !rating_fits (category, rating))
    {
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED,
                   _("%d is not a rating “%s” can have."), rating, d->category);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, csm_db_rows_get (old, 0, 6), -1, error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_clear_error (error);
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED,
                   _("The disputed review is damaged."));
      return FALSE;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  if (rating == CSM_QA_NA)
    json_object_set_string_member (object, d->category, "n/a");
  else
    json_object_set_int_member (object, d->category, rating);
  json_generator_set_root (generator, json_parser_get_root (parser));
  ratings = json_generator_to_data (generator, NULL);
  submitted = int_text (MAX (decided, csm_db_rows_get_int (old, 0, 5) + 1));
  {
    const char *params[] = {
      new_id, csm_db_rows_get (old, 0, 0), csm_db_rows_get (old, 0, 1),
      csm_db_rows_get (old, 0, 2), csm_db_rows_get (old, 0, 3), csm_db_rows_get (old, 0, 4),
      submitted, ratings, csm_db_rows_get (old, 0, 7), csm_db_rows_get (old, 0, 8),
      csm_db_rows_get (old, 0, 9),
    };

    inserted = csm_db_query (worker->db,
                             "INSERT INTO reviews (id, conversation, agent, reviewer, scorecard, "
                             "scorecard_version, submitted, ratings, notes, comment, replaces) "
                             "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)", params,
                             G_N_ELEMENTS (params), error);
  }
  return inserted != NULL;
}

static gpointer
decide_job (CsmWorkspaceWorker  *worker,
            gpointer             data,
            GError             **error)
{
  DisputeData *decide = data;
  CsmQaDispute *d = decide->dispute;
  g_autoptr(CsmQaDispute) stored = NULL;
  g_autofree char *new_id = decide->accept ? g_uuid_string_random () : NULL;
  g_autofree char *decided = int_text (d->decided);
  g_autofree char *new_rating = NULL;
  g_autoptr(CsmDbRows) updated = NULL;

  if (!_csm_workspace_connect (worker, error) || !csm_db_begin_write (worker->db, error))
    return NULL;
  stored = read_dispute (worker, d->id, error);
  if (stored == NULL)
    return _csm_workspace_rollback (worker);
  if (stored->state != CSM_QA_DISPUTE_OPEN)
    {
      if (stored->state == CSM_QA_DISPUTE_ACCEPTED)
        g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_CONFLICT,
                     _("%s accepted this dispute already."), stored->decided_by);
      else
        g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_CONFLICT,
                     _("%s rejected this dispute already."), stored->decided_by);
      return _csm_workspace_rollback (worker);
    }
  if (decide->accept && d->new_rating == CSM_QA_UNRATED)
    d->new_rating = stored->proposed;
  new_rating = decide->accept ? rating_text (d->new_rating) : NULL;
  if (decide->accept && new_rating == NULL)
    {
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED,
                   _("Give the rating the review is to have."));
      return _csm_workspace_rollback (worker);
    }
  {
    const char *params[] = {
      d->id, decide->accept ? "accepted" : "rejected", worker->user,
      decided, d->decision, new_rating, new_id,
    };

    updated = csm_db_query (worker->db,
                            "UPDATE disputes SET state = $2, decided_by = $3, decided = $4, "
                            "decision = $5, new_rating = $6, new_review = $7 WHERE id = $1 AND "
                            "state = 'open' RETURNING id", params, G_N_ELEMENTS (params), error);
  }
  if (updated == NULL)
    return _csm_workspace_rollback (worker);
  if (updated->n_rows == 0)
    {
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_DENIED,
                   _("Only the review’s reviewer or a lead can decide this dispute."));
      return _csm_workspace_rollback (worker);
    }
  if (decide->accept &&
      !write_new_version (worker, stored, new_id, d->new_rating, d->decided, error))
    return _csm_workspace_rollback (worker);
  if (!csm_db_exec (worker->db, "COMMIT", error))
    return _csm_workspace_rollback (worker);
  return read_dispute (worker, d->id, error);
}

/**
 * csm_workspace_decide_dispute_async:
 * @id: the dispute's id
 * @accept: accept (a new version of the review is written, the old one
 *   kept) or reject
 * @rating: when accepting, the rating the review is to have, or
 *   %CSM_QA_UNRATED for the one the agent proposed
 * @decision: why, in the decider's words
 * @now: when
 *
 * Decides an open dispute, once, as this login (on a team's workspace the
 * review's reviewer or a lead). One decided already is refused with
 * %CSM_WORKSPACE_ERROR_CONFLICT, naming who decided.
 */
void
csm_workspace_decide_dispute_async (CsmWorkspace        *self,
                                    const char          *id,
                                    gboolean             accept,
                                    int                  rating,
                                    const char          *decision,
                                    gint64               now,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  DisputeData *data;

  g_return_if_fail (CSM_IS_WORKSPACE (self));
  g_return_if_fail (id != NULL);

  if (blank (decision))
    {
      g_task_report_new_error (self, callback, user_data, csm_workspace_decide_dispute_async,
                               CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED, "%s",
                               _("Say why you accept or reject the dispute."));
      return;
    }
  data = g_new0 (DisputeData, 1);
  data->accept = accept;
  data->dispute = g_new0 (CsmQaDispute, 1);
  data->dispute->id = g_strdup (id);
  data->dispute->new_rating = accept ? rating : CSM_QA_UNRATED;
  data->dispute->decision = g_strstrip (g_strdup (decision));
  data->dispute->decided = now;
  _csm_workspace_queue_job (self, csm_workspace_decide_dispute_async, decide_job, data,
                            (GDestroyNotify) dispute_data_free,
                            (GDestroyNotify) csm_qa_dispute_free, cancellable, callback,
                            user_data);
}

/**
 * csm_workspace_decide_dispute_finish:
 *
 * Returns: (transfer full) (nullable): the dispute as decided
 */
CsmQaDispute *
csm_workspace_decide_dispute_finish (CsmWorkspace  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
list_job (CsmWorkspaceWorker  *worker,
          gpointer             data,
          GError             **error)
{
  g_autofree char *sql = g_strconcat (select_disputes, "ORDER BY opened, id", NULL);
  g_autoptr(CsmDbRows) rows = NULL;
  GPtrArray *disputes;

  if (!_csm_workspace_connect (worker, error))
    return NULL;
  rows = csm_db_query (worker->db, sql, NULL, 0, error);
  if (rows == NULL)
    return NULL;
  disputes = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_dispute_free);
  for (guint i = 0; i < rows->n_rows; i++)
    g_ptr_array_add (disputes, dispute_from_row (rows, i));
  return disputes;
}

void
csm_workspace_list_disputes_async (CsmWorkspace        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CSM_IS_WORKSPACE (self));
  _csm_workspace_queue_job (self, csm_workspace_list_disputes_async, list_job, NULL, NULL,
                            (GDestroyNotify) g_ptr_array_unref, cancellable, callback,
                            user_data);
}

/**
 * csm_workspace_list_disputes_finish:
 *
 * Returns: (transfer full) (element-type CsmQaDispute) (nullable): the
 *   disputes this login may read (an agent's own, those on a reviewer's
 *   reviews, a lead's all), oldest first
 */
GPtrArray *
csm_workspace_list_disputes_finish (CsmWorkspace  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
