/* csm-workspace-reviews.c: the workspace's reviews: submitted all or none and never twice, read back as the user may.
 *
 * A review is a row: its ratings and notes as JSON objects keyed by
 * category name, its scorecard by name and version. The same submission
 * (conversation, reviewer, scorecard version, submitted time) is stored
 * once; on PostgreSQL, row-level security decides which rows a person
 * reads and whether they may write one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-json-writer.h"
#include "csm-time.h"
#include "csm-workspace-private.h"

static char *
ratings_to_json (const CsmQaReview *review,
                 gboolean           notes)
{
  g_autoptr(CsmJsonWriter) w = csm_json_writer_new (FALSE);
  gboolean any = FALSE;

  csm_json_writer_begin_object (w);
  for (guint i = 0; i < review->n_ratings; i++)
    {
      const char *name = csm_qa_scorecard_get_category (review->scorecard, i)->name;

      if (notes)
        {
          if (review->notes[i] != NULL)
            {
              csm_json_writer_member_string (w, name, review->notes[i]);
              any = TRUE;
            }
        }
      else if (review->ratings[i] == CSM_QA_NA)
        csm_json_writer_member_string (w, name, "n/a");
      else
        csm_json_writer_member_int (w, name, review->ratings[i]);
    }
  csm_json_writer_end_object (w);
  if (notes && !any)
    return NULL;
  return csm_json_writer_free_to_string (g_steal_pointer (&w), NULL);
}

/**
 * _csm_workspace_check_reviews:
 *
 * Returns: whether every review is fit to submit, else the first one named
 */
gboolean
_csm_workspace_check_reviews (GPtrArray  *reviews,
                              GError    **error)
{
  for (guint i = 0; i < reviews->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      const CsmQaReview *r = g_ptr_array_index (reviews, i);

      if (!csm_qa_review_validate (r, &local_error) || r->submitted == CSM_TIME_UNSET)
        {
          g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED,
                       _("Review %u (conversation %s) cannot be submitted: %s"), i + 1,
                       r->conversation != NULL ? r->conversation : "?",
                       local_error != NULL ? local_error->message : _("it has no time"));
          return FALSE;
        }
    }
  return TRUE;
}

/* A submission's id: made from what makes it the same submission, so one
 * delivered twice (from this computer's outbox) is the same row, and a
 * calibration review's first submission keeps its place. */
static char *
submission_id (const CsmQaReview *r)
{
  g_autofree char *key = g_strdup_printf ("%s\037%s\037%s\037%d\037%" G_GINT64_FORMAT,
                                          r->conversation, r->reviewer,
                                          csm_qa_scorecard_get_name (r->scorecard),
                                          csm_qa_scorecard_get_version (r->scorecard),
                                          r->submitted);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);

  hash[32] = '\0';
  return g_steal_pointer (&hash);
}

/* Records that the reviewer has submitted the conversation of a session
 * the workspace holds (one imported under a name it does not hold is a
 * calibration review all the same, and never counts in IQS). */
static gboolean
note_calibration_progress (CsmWorkspaceWorker  *worker,
                           const CsmQaReview   *r,
                           const char          *id,
                           GError             **error)
{
  const char *params[] = { r->calibration_session, r->reviewer, r->conversation, id };
  g_autoptr(CsmDbRows) rows = NULL;

  rows = csm_db_query (worker->db,
                       "INSERT INTO calibration_progress (session, reviewer, conversation, "
                       "review) SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM "
                       "calibration_sessions WHERE name = $1) ON CONFLICT DO NOTHING", params,
                       G_N_ELEMENTS (params), error);
  return rows != NULL;
}

/**
 * _csm_workspace_insert_reviews:
 * @added: (out): how many were new
 *
 * Stores @reviews in one transaction, all or none, a submission already
 * there not twice.
 */
gboolean
_csm_workspace_insert_reviews (CsmWorkspaceWorker  *worker,
                               GPtrArray           *reviews,
                               guint               *added,
                               GError             **error)
{
  *added = 0;
  if (!csm_db_begin_write (worker->db, error))
    return FALSE;
  for (guint i = 0; i < reviews->len; i++)
    {
      const CsmQaReview *r = g_ptr_array_index (reviews, i);
      g_autofree char *id = r->id != NULL ? g_strdup (r->id) : submission_id (r);
      g_autofree char *version = g_strdup_printf ("%d", csm_qa_scorecard_get_version (r->scorecard));
      g_autofree char *submitted = g_strdup_printf ("%" G_GINT64_FORMAT, r->submitted);
      g_autofree char *ratings = ratings_to_json (r, FALSE);
      g_autofree char *notes = ratings_to_json (r, TRUE);
      const char *params[] = {
        id, r->conversation, r->agent, r->reviewer, csm_qa_scorecard_get_name (r->scorecard),
        version, submitted, r->calibration_session, ratings, notes, r->comment, r->replaces,
      };
      g_autoptr(GError) local_error = NULL;
      g_autoptr(CsmDbRows) rows = NULL;

      rows = csm_db_query (worker->db,
                           "INSERT INTO reviews (id, conversation, agent, reviewer, scorecard, "
                           "scorecard_version, submitted, calibration_session, ratings, notes, "
                           "comment, replaces) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                           "$11, $12) ON CONFLICT DO NOTHING RETURNING id",
                           params, G_N_ELEMENTS (params), &local_error);
      if (rows == NULL)
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("Review %u (conversation %s, scorecard “%s” version %s) was refused: "
                         "%s"), i + 1, r->conversation, csm_qa_scorecard_get_name (r->scorecard),
                       version, local_error->message);
          _csm_workspace_rollback (worker);
          return FALSE;
        }
      *added += rows->n_rows;
      if (r->calibration_session != NULL &&
          !note_calibration_progress (worker, r, id, &local_error))
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("Review %u (conversation %s, calibration session “%s”) was refused: "
                         "%s"), i + 1, r->conversation, r->calibration_session,
                       local_error->message);
          _csm_workspace_rollback (worker);
          return FALSE;
        }
    }
  if (!csm_db_exec (worker->db, "COMMIT", error))
    {
      _csm_workspace_rollback (worker);
      return FALSE;
    }
  return TRUE;
}

static gpointer
submit_job (CsmWorkspaceWorker   *worker,
            gpointer  data,
            GError  **error)
{
  GPtrArray *reviews = data;
  guint added = 0;

  /* After the server dropped it, the connection is made again. */
  if (!_csm_workspace_connect (worker, error))
    return NULL;

  if (!_csm_workspace_check_reviews (reviews, error) ||
      !_csm_workspace_insert_reviews (worker, reviews, &added, error))
    return NULL;
  return GUINT_TO_POINTER (added + 1);
}

/**
 * csm_workspace_submit_reviews_async:
 * @reviews: (element-type CsmQaReview): submitted reviews, each valid
 *   (csm_qa_review_validate()) on a scorecard version the workspace holds
 *
 * Stores them all or none: a submission already there (the same
 * conversation, reviewer, scorecard version and submitted time) is not
 * stored twice.
 */
void
csm_workspace_submit_reviews_async (CsmWorkspace        *self,
                                    GPtrArray           *reviews,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);

  g_return_if_fail (CSM_IS_WORKSPACE (self));
  g_return_if_fail (reviews != NULL);

  for (guint i = 0; i < reviews->len; i++)
    g_ptr_array_add (copies, csm_qa_review_copy (g_ptr_array_index (reviews, i)));
  _csm_workspace_queue_job (self, csm_workspace_submit_reviews_async, submit_job, g_steal_pointer (&copies),
             (GDestroyNotify) g_ptr_array_unref, NULL, cancellable, callback, user_data);
}

/**
 * csm_workspace_submit_reviews_finish:
 * @added: (out) (optional): how many were new
 */
gboolean
csm_workspace_submit_reviews_finish (CsmWorkspace  *self,
                                     GAsyncResult  *result,
                                     guint         *added,
                                     GError       **error)
{
  gpointer value;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  value = g_task_propagate_pointer (G_TASK (result), error);
  if (value == NULL)
    return FALSE;
  if (added != NULL)
    *added = GPOINTER_TO_UINT (value) - 1;
  return TRUE;
}

static gboolean
parse_ratings (CsmQaReview  *review,
               const char   *ratings,
               const char   *notes,
               GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (!json_parser_load_from_data (parser, ratings, -1, error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  object = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < review->n_ratings; i++)
    {
      const char *name = csm_qa_scorecard_get_category (review->scorecard, i)->name;
      JsonNode *node = json_object_get_member (object, name);

      if (node == NULL)
        continue;
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        review->ratings[i] = (int) CLAMP (json_node_get_int (node), CSM_QA_UNRATED, 99);
      else
        review->ratings[i] = CSM_QA_NA;
    }
  if (notes == NULL)
    return TRUE;
  if (!json_parser_load_from_data (parser, notes, -1, error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  object = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < review->n_ratings; i++)
    {
      const char *name = csm_qa_scorecard_get_category (review->scorecard, i)->name;
      JsonNode *node = json_object_get_member (object, name);

      if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
        review->notes[i] = g_strdup (json_node_get_string (node));
    }
  return TRUE;
}

static gpointer
list_reviews_job (CsmWorkspaceWorker   *worker,
                  gpointer  data,
                  GError  **error)
{
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GHashTable) by_version = NULL;
  g_autoptr(CsmDbRows) rows = NULL;
  g_autoptr(GPtrArray) reviews = NULL;

  /* After the server dropped it, the connection is made again. */
  if (!_csm_workspace_connect (worker, error))
    return NULL;
  cards = _csm_workspace_load_scorecards (worker, error);
  if (cards == NULL)
    return NULL;
  by_version = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < cards->len; i++)
    g_hash_table_insert (by_version,
                         g_strdup_printf ("%s\037%d", csm_qa_scorecard_get_name (cards->pdata[i]),
                                          csm_qa_scorecard_get_version (cards->pdata[i])),
                         cards->pdata[i]);
  rows = csm_db_query (worker->db,
                       "SELECT conversation, agent, reviewer, scorecard, scorecard_version, "
                       "submitted, calibration_session, ratings, notes, comment, id, replaces "
                       "FROM reviews "
                       "ORDER BY submitted, conversation, reviewer", NULL, 0, error);
  if (rows == NULL)
    return NULL;
  reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  for (guint i = 0; i < rows->n_rows; i++)
    {
      g_autofree char *key = g_strdup_printf ("%s\037%s", csm_db_rows_get (rows, i, 3),
                                              csm_db_rows_get (rows, i, 4));
      CsmQaScorecard *card = g_hash_table_lookup (by_version, key);
      g_autoptr(CsmQaReview) review = NULL;
      g_autoptr(GError) local_error = NULL;

      if (card == NULL)
        continue;
      review = csm_qa_review_new (card);
      review->conversation = g_strdup (csm_db_rows_get (rows, i, 0));
      review->agent = g_strdup (csm_db_rows_get (rows, i, 1));
      review->reviewer = g_strdup (csm_db_rows_get (rows, i, 2));
      review->submitted = csm_db_rows_get_int (rows, i, 5);
      review->calibration_session = g_strdup (csm_db_rows_get (rows, i, 6));
      review->comment = g_strdup (csm_db_rows_get (rows, i, 9));
      review->id = g_strdup (csm_db_rows_get (rows, i, 10));
      review->replaces = g_strdup (csm_db_rows_get (rows, i, 11));
      if (!parse_ratings (review, csm_db_rows_get (rows, i, 7), csm_db_rows_get (rows, i, 8),
                          &local_error))
        {
          g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED,
                       _("The workspace holds a damaged review of conversation %s: %s"),
                       review->conversation, local_error->message);
          return NULL;
        }
      g_ptr_array_add (reviews, g_steal_pointer (&review));
    }
  return g_steal_pointer (&reviews);
}

void
csm_workspace_list_reviews_async (CsmWorkspace        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (CSM_IS_WORKSPACE (self));
  _csm_workspace_queue_job (self, csm_workspace_list_reviews_async, list_reviews_job, NULL, NULL,
             (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * csm_workspace_list_reviews_finish:
 *
 * Returns: (transfer full) (element-type CsmQaReview) (nullable): the
 *   submitted reviews the user may read, oldest first
 */
GPtrArray *
csm_workspace_list_reviews_finish (CsmWorkspace  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
