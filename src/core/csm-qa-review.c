/* csm-qa-review.c: a QA review: a conversation rated on one version of a scorecard, its score, as JSON rows.
 *
 * The score, as DESIGN.md and Zendesk QA define it: a category scores
 * (rating − 1) ÷ (scale − 1) × 100; the review scores the weighted mean
 * over the categories that are not N/A; any critical category under 50 %
 * makes the review 0.
 *
 * Reviews travel as a JSON array of rows:
 *
 *   {"conversation": "1042", "agent": "alice", "reviewer": "rosa",
 *    "scorecard": "Default", "scorecard_version": 1,
 *    "submitted": "2026-11-20T10:00:00Z", "calibration_session": null,
 *    "ratings": {"Empathy": 4, "Tenacity": "n/a", …}, "comment": "…"}
 *
 * Reading is all or nothing: the first bad row is named, with its field
 * and the rule it breaks, and nothing is returned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-qa"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csm-json-writer.h"
#include "csm-qa-private.h"
#include "csm-qa-review.h"
#include "csm-time.h"

/**
 * csm_qa_score:
 * @ratings: (array length=n_ratings): one a category of @scorecard, in its
 *   order: %CSM_QA_NA or 1…scale
 *
 * Returns: the review's score
 */
CsmQaScore
csm_qa_score (CsmQaScorecard *scorecard,
              const int      *ratings,
              guint           n_ratings)
{
  CsmQaScore score = { FALSE, 0.0, FALSE };
  double sum = 0.0;
  double weights = 0.0;

  g_return_val_if_fail (scorecard != NULL, score);
  g_return_val_if_fail (n_ratings == csm_qa_scorecard_get_n_categories (scorecard), score);

  for (guint i = 0; i < n_ratings; i++)
    {
      const CsmQaCategory *c = csm_qa_scorecard_get_category (scorecard, i);
      double value;

      /* N/A and unrated drop out. */
      if (ratings[i] < 1 || ratings[i] > c->scale)
        continue;
      value = csm_qa_category_score (ratings[i], c->scale);
      if (c->critical && value < 50.0)
        score.critical_failed = TRUE;
      sum += value * c->weight;
      weights += c->weight;
    }
  if (score.critical_failed)
    return (CsmQaScore) { TRUE, 0.0, TRUE };
  if (weights > 0)
    {
      score.defined = TRUE;
      score.value = sum / weights;
    }
  return score;
}

/**
 * csm_qa_review_new:
 *
 * Returns: (transfer full): a draft on @scorecard, every category
 *   %CSM_QA_UNRATED
 */
CsmQaReview *
csm_qa_review_new (CsmQaScorecard *scorecard)
{
  CsmQaReview *review = g_new0 (CsmQaReview, 1);

  g_return_val_if_fail (scorecard != NULL, review);

  review->scorecard = csm_qa_scorecard_ref (scorecard);
  review->n_ratings = csm_qa_scorecard_get_n_categories (scorecard);
  review->ratings = g_new (int, review->n_ratings);
  review->notes = g_new0 (char *, review->n_ratings);
  for (guint i = 0; i < review->n_ratings; i++)
    review->ratings[i] = CSM_QA_UNRATED;
  return review;
}

CsmQaReview *
csm_qa_review_copy (const CsmQaReview *review)
{
  CsmQaReview *copy;

  g_return_val_if_fail (review != NULL, NULL);

  copy = csm_qa_review_new (review->scorecard);
  copy->conversation = g_strdup (review->conversation);
  copy->agent = g_strdup (review->agent);
  copy->reviewer = g_strdup (review->reviewer);
  copy->submitted = review->submitted;
  copy->calibration_session = g_strdup (review->calibration_session);
  copy->comment = g_strdup (review->comment);
  copy->id = g_strdup (review->id);
  copy->replaces = g_strdup (review->replaces);
  for (guint i = 0; i < review->n_ratings; i++)
    {
      copy->ratings[i] = review->ratings[i];
      copy->notes[i] = g_strdup (review->notes[i]);
    }
  return copy;
}

void
csm_qa_review_free (CsmQaReview *review)
{
  if (review == NULL)
    return;
  g_free (review->conversation);
  g_free (review->agent);
  g_free (review->reviewer);
  g_clear_pointer (&review->scorecard, csm_qa_scorecard_unref);
  g_free (review->calibration_session);
  for (guint i = 0; review->notes != NULL && i < review->n_ratings; i++)
    g_free (review->notes[i]);
  g_free (review->notes);
  g_free (review->ratings);
  g_free (review->comment);
  g_free (review->id);
  g_free (review->replaces);
  g_free (review);
}

CsmQaScore
csm_qa_review_get_score (const CsmQaReview *review)
{
  g_return_val_if_fail (review != NULL, ((CsmQaScore) { FALSE, 0.0, FALSE }));
  return csm_qa_score (review->scorecard, review->ratings, review->n_ratings);
}

/**
 * csm_qa_review_validate:
 *
 * A review fit to submit: who and what it is about, and every category
 * rated on its scale, or N/A where the scorecard allows it.
 *
 * Returns: %TRUE, or %FALSE with @error naming the field
 */
gboolean
csm_qa_review_validate (const CsmQaReview  *review,
                        GError            **error)
{
  g_return_val_if_fail (review != NULL, FALSE);

  if (review->conversation == NULL || *review->conversation == '\0')
    return _csm_qa_invalid (error, _("“conversation” is missing"));
  if (review->agent == NULL || *review->agent == '\0')
    return _csm_qa_invalid (error, _("“agent” is missing"));
  if (review->reviewer == NULL || *review->reviewer == '\0')
    return _csm_qa_invalid (error, _("“reviewer” is missing"));
  for (guint i = 0; i < review->n_ratings; i++)
    {
      const CsmQaCategory *c = csm_qa_scorecard_get_category (review->scorecard, i);

      if (review->ratings[i] == CSM_QA_UNRATED)
        return _csm_qa_invalid (error, _("“%s” has no rating"), c->name);
      if (review->ratings[i] == CSM_QA_NA && !c->na_allowed)
        return _csm_qa_invalid (error, _("“%s” must be rated: N/A is not allowed there"), c->name);
      if (review->ratings[i] != CSM_QA_NA && (review->ratings[i] < 1 ||
                                              review->ratings[i] > c->scale))
        return _csm_qa_invalid (error, _("“%s” is rated %d, outside its scale of 1 to %d"), c->name,
                        review->ratings[i], c->scale);
    }
  return TRUE;
}

/**
 * csm_qa_review_same:
 *
 * Returns: whether @a and @b are the same submission: the same
 *   conversation, reviewer, scorecard version and submitted time
 */
gboolean
csm_qa_review_same (const CsmQaReview *a,
                    const CsmQaReview *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->conversation, b->conversation) == 0 &&
         g_strcmp0 (a->reviewer, b->reviewer) == 0 &&
         g_strcmp0 (csm_qa_scorecard_get_name (a->scorecard),
                    csm_qa_scorecard_get_name (b->scorecard)) == 0 &&
         csm_qa_scorecard_get_version (a->scorecard) ==
         csm_qa_scorecard_get_version (b->scorecard) &&
         a->submitted == b->submitted;
}

/**
 * csm_qa_review_same_content:
 *
 * Returns: whether @a and @b say the same about the same conversation: the
 *   same scorecard version, ratings, notes and comment (who and when aside),
 *   as a draft and what was submitted from it
 */
gboolean
csm_qa_review_same_content (const CsmQaReview *a,
                            const CsmQaReview *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (g_strcmp0 (a->conversation, b->conversation) != 0 ||
      g_strcmp0 (csm_qa_scorecard_get_name (a->scorecard),
                 csm_qa_scorecard_get_name (b->scorecard)) != 0 ||
      csm_qa_scorecard_get_version (a->scorecard) != csm_qa_scorecard_get_version (b->scorecard) ||
      a->n_ratings != b->n_ratings || g_strcmp0 (a->comment != NULL ? a->comment : "",
                                                 b->comment != NULL ? b->comment : "") != 0)
    return FALSE;
  for (guint i = 0; i < a->n_ratings; i++)
    {
      const char *na = a->notes != NULL && a->notes[i] != NULL ? a->notes[i] : "";
      const char *nb = b->notes != NULL && b->notes[i] != NULL ? b->notes[i] : "";

      if (a->ratings[i] != b->ratings[i] || strcmp (na, nb) != 0)
        return FALSE;
    }
  return TRUE;
}

/* JSON ------------------------------------------------------------------- */

/* A required text member; a number is taken as its digits (ticket ids). */
static gboolean
row_text (JsonObject  *row,
          const char  *member,
          guint        index,
          gboolean     required,
          char       **out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (row, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? _csm_qa_invalid (error, _("row %u: “%s” is missing"), index, member) : TRUE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    *out = g_strdup (json_node_get_string (node));
  else
    return _csm_qa_invalid (error, _("row %u: “%s” must be text"), index, member);
  if (required && **out == '\0')
    return _csm_qa_invalid (error, _("row %u: “%s” is empty"), index, member);
  return TRUE;
}

static gboolean
row_ratings (JsonObject   *row,
             guint         index,
             CsmQaReview  *review,
             GError      **error)
{
  JsonNode *node = json_object_get_member (row, "ratings");
  g_autofree gboolean *seen = g_new0 (gboolean, review->n_ratings);
  g_autoptr(GList) names = NULL;
  JsonObject *ratings;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _csm_qa_invalid (error, _("row %u: “ratings” is missing"), index);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _csm_qa_invalid (error, _("row %u: “ratings” must be an object"), index);
  ratings = json_node_get_object (node);
  names = json_object_get_members (ratings);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (ratings, l->data);
      int i = csm_qa_scorecard_lookup (review->scorecard, l->data);
      const CsmQaCategory *c;

      if (i < 0)
        return _csm_qa_invalid (error, _("row %u: “ratings”: “%s” is no category of “%s” version %d"),
                        index, (const char *) l->data,
                        csm_qa_scorecard_get_name (review->scorecard),
                        csm_qa_scorecard_get_version (review->scorecard));
      c = csm_qa_scorecard_get_category (review->scorecard, (guint) i);
      seen[i] = TRUE;
      if (json_node_get_value_type (value) == G_TYPE_STRING &&
          g_ascii_strcasecmp (json_node_get_string (value), "n/a") == 0)
        {
          if (!c->na_allowed)
            return _csm_qa_invalid (error, _("row %u: “ratings”: “%s” may not be N/A"), index, c->name);
          review->ratings[i] = CSM_QA_NA;
        }
      else if (json_node_get_value_type (value) == G_TYPE_INT64)
        {
          gint64 rating = json_node_get_int (value);

          if (rating < 1 || rating > c->scale)
            return _csm_qa_invalid (error, _("row %u: “ratings”: “%s” is %d, outside its scale of 1 to %d"),
                            index, c->name, (int) CLAMP (rating, -999, 999), c->scale);
          review->ratings[i] = (int) rating;
        }
      else
        return _csm_qa_invalid (error, _("row %u: “ratings”: “%s” must be a rating or \"n/a\""), index,
                        c->name);
    }
  for (guint i = 0; i < review->n_ratings; i++)
    if (!seen[i])
      return _csm_qa_invalid (error, _("row %u: “ratings”: “%s” has no rating"), index,
                      csm_qa_scorecard_get_category (review->scorecard, i)->name);
  return TRUE;
}

static CsmQaReview *
review_from_row (JsonNode              *node,
                 guint                  index,
                 CsmQaScorecardLookup   lookup,
                 gpointer               user_data,
                 GError               **error)
{
  g_autoptr(CsmQaReview) review = NULL;
  g_autofree char *card = NULL;
  g_autofree char *submitted = NULL;
  CsmQaScorecard *scorecard;
  JsonObject *row;
  JsonNode *version;
  int number;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _csm_qa_invalid (error, _("row %u must be an object"), index), NULL;
  row = json_node_get_object (node);
  if (!row_text (row, "scorecard", index, TRUE, &card, error))
    return NULL;
  version = json_object_get_member (row, "scorecard_version");
  if (version == NULL || JSON_NODE_HOLDS_NULL (version))
    return _csm_qa_invalid (error, _("row %u: “scorecard_version” is missing"), index), NULL;
  if (json_node_get_value_type (version) != G_TYPE_INT64)
    return _csm_qa_invalid (error, _("row %u: “scorecard_version” must be a whole number"), index), NULL;
  number = (int) CLAMP (json_node_get_int (version), 0, G_MAXINT);
  scorecard = lookup (card, number, user_data);
  if (scorecard == NULL)
    return _csm_qa_invalid (error, _("row %u: “scorecard”: there is no “%s” version %d"), index, card,
                    number), NULL;

  review = csm_qa_review_new (scorecard);
  if (!row_text (row, "conversation", index, TRUE, &review->conversation, error) ||
      !row_text (row, "agent", index, TRUE, &review->agent, error) ||
      !row_text (row, "reviewer", index, TRUE, &review->reviewer, error) ||
      !row_text (row, "submitted", index, TRUE, &submitted, error) ||
      !row_text (row, "calibration_session", index, FALSE, &review->calibration_session, error) ||
      !row_text (row, "comment", index, FALSE, &review->comment, error))
    return NULL;
  if (!csm_time_parse_iso8601 (submitted, &review->submitted) ||
      review->submitted == CSM_TIME_UNSET)
    return _csm_qa_invalid (error, _("row %u: “submitted” must be a time such as 2026-11-20T10:00:00Z"),
                    index), NULL;
  if (!row_ratings (row, index, review, error))
    return NULL;
  return g_steal_pointer (&review);
}

/**
 * csm_qa_reviews_from_json:
 * @lookup: finds the scorecard version a row names
 *
 * Returns: (transfer full) (element-type CsmQaReview) (nullable): every
 *   row, or %NULL with @error naming the first bad row (counted from 1)
 *   and its field
 */
GPtrArray *
csm_qa_reviews_from_json (const char            *json,
                          CsmQaScorecardLookup   lookup,
                          gpointer               user_data,
                          GError               **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  JsonNode *root;
  JsonArray *rows;

  g_return_val_if_fail (json != NULL && lookup != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    return _csm_qa_invalid (error, _("the reviews are not JSON: %s"), local_error->message), NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return _csm_qa_invalid (error, _("the reviews must be a JSON array of rows")), NULL;
  rows = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      CsmQaReview *review = review_from_row (json_array_get_element (rows, i), i + 1, lookup,
                                             user_data, error);

      if (review == NULL)
        return NULL;
      g_ptr_array_add (reviews, review);
    }
  return g_steal_pointer (&reviews);
}

/**
 * csm_qa_reviews_to_json:
 * @reviews: (element-type CsmQaReview): submitted reviews
 *
 * Returns: (transfer full): the rows csm_qa_reviews_from_json() reads, each
 *   with its `score` (one decimal; null when every category was N/A)
 */
char *
csm_qa_reviews_to_json (GPtrArray *reviews)
{
  g_autoptr(CsmJsonWriter) w = csm_json_writer_new (TRUE);

  g_return_val_if_fail (reviews != NULL, NULL);

  csm_json_writer_begin_array (w);
  for (guint r = 0; r < reviews->len; r++)
    {
      const CsmQaReview *review = g_ptr_array_index (reviews, r);
      CsmQaScore score = csm_qa_review_get_score (review);
      g_autofree char *submitted = csm_time_format_iso8601 (review->submitted);

      csm_json_writer_begin_object (w);
      csm_json_writer_member_string (w, "conversation", review->conversation);
      csm_json_writer_member_string (w, "agent", review->agent);
      csm_json_writer_member_string (w, "reviewer", review->reviewer);
      csm_json_writer_member_string (w, "scorecard",
                                     csm_qa_scorecard_get_name (review->scorecard));
      csm_json_writer_member_int (w, "scorecard_version",
                                  csm_qa_scorecard_get_version (review->scorecard));
      csm_json_writer_member_string (w, "submitted", submitted);
      csm_json_writer_key (w, "calibration_session");
      if (review->calibration_session != NULL)
        csm_json_writer_string (w, review->calibration_session);
      else
        csm_json_writer_null (w);
      csm_json_writer_key (w, "ratings");
      csm_json_writer_begin_object (w);
      for (guint i = 0; i < review->n_ratings; i++)
        {
          csm_json_writer_key (w, csm_qa_scorecard_get_category (review->scorecard, i)->name);
          if (review->ratings[i] == CSM_QA_NA)
            csm_json_writer_string (w, "n/a");
          else
            csm_json_writer_int (w, review->ratings[i]);
        }
      csm_json_writer_end_object (w);
      csm_json_writer_key (w, "comment");
      if (review->comment != NULL)
        csm_json_writer_string (w, review->comment);
      else
        csm_json_writer_null (w);
      csm_json_writer_key (w, "score");
      if (score.defined)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (buf, sizeof buf, "%.1f", csm_qa_round1 (score.value));
          csm_json_writer_raw (w, buf);
        }
      else
        csm_json_writer_null (w);
      csm_json_writer_end_object (w);
    }
  csm_json_writer_end_array (w);
  return csm_json_writer_free_to_string (g_steal_pointer (&w), NULL);
}
