/* csm-qa-calibration.c: a calibration session's results: agreement (Krippendorff's α) and spread per category, each reviewer's bias.
 *
 * Several reviewers score the same conversations blind. For each category
 * of the session's scorecard the ratings make a conversations × reviewers
 * table (N/A and categories another version rates on another scale are
 * missing), from which:
 *   - α, nominal for a binary category and ordinal for 3 to 5 points,
 *     with its seeded bootstrap interval (csm-qa-alpha.c);
 *   - the spread: for each conversation with two ratings or more, the
 *     population standard deviation of the category scores
 *     ((rating − 1) ÷ (points − 1) × 100), averaged over them;
 *   - the conversations whose scores differ most.
 * A reviewer's bias is the mean of their score minus the reference: the
 * gold-standard reviewer's score where the session has one (a rating the
 * gold reviewer did not give has no reference), else the mean of the other
 * reviewers' scores for that conversation and category. Agreement is 100
 * minus the mean absolute difference; followed across sessions it is how
 * a reviewer's grading is graded.
 *
 * Only the first review each reviewer submitted for each conversation
 * counts: one made after seeing the others' is not blind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "csm-json-writer.h"
#include "csm-qa-calibration.h"

const char *
csm_qa_alpha_level_to_string (CsmQaAlphaLevel level)
{
  switch (level)
    {
    case CSM_QA_ALPHA_NOMINAL:
      return "nominal";
    case CSM_QA_ALPHA_ORDINAL:
      return "ordinal";
    case CSM_QA_ALPHA_INTERVAL:
    default:
      return "interval";
    }
}

void
csm_qa_calibration_session_free (CsmQaCalibrationSession *session)
{
  if (session == NULL)
    return;
  g_free (session->name);
  g_free (session->scorecard);
  g_free (session->created_by);
  g_free (session->gold);
  g_strfreev (session->conversations);
  g_strfreev (session->reviewers);
  g_strfreev (session->finished);
  g_free (session);
}

static void
disagreement_free (CsmQaDisagreement *d)
{
  g_free (d->conversation);
  g_free (d);
}

static void
category_free (CsmQaCalibrationCategory *c)
{
  g_free (c->category);
  g_clear_pointer (&c->disagreeing, g_ptr_array_unref);
  g_clear_pointer (&c->reviewers_bias, g_ptr_array_unref);
  g_free (c);
}

static void
reviewer_free (CsmQaCalibrationReviewer *r)
{
  g_free (r->reviewer);
  g_free (r);
}

void
csm_qa_calibration_free (CsmQaCalibration *calibration)
{
  if (calibration == NULL)
    return;
  g_free (calibration->session);
  g_free (calibration->gold);
  g_clear_pointer (&calibration->categories, g_ptr_array_unref);
  g_clear_pointer (&calibration->reviewers, g_ptr_array_unref);
  g_free (calibration);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The keys of @table, sorted; @index maps each to its position. */
static GPtrArray *
sorted_keys (GHashTable *table,
             GHashTable *index)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  for (guint i = 0; i < keys->len; i++)
    g_hash_table_insert (index, keys->pdata[i], GUINT_TO_POINTER (i));
  return keys;
}

/* The first submitted review of each (conversation, reviewer) in @session;
 * of two submitted in the same second, the earlier in @reviews. */
static GPtrArray *
first_reviews (GPtrArray  *reviews,
               const char *session)
{
  g_autoptr(GHashTable) first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *kept = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < reviews->len; i++)
    {
      const CsmQaReview *r = g_ptr_array_index (reviews, i);
      g_autofree char *key = NULL;
      const CsmQaReview *seen;

      if (r->submitted == 0 || g_strcmp0 (r->calibration_session, session) != 0 ||
          r->conversation == NULL || r->reviewer == NULL)
        continue;
      key = g_strconcat (r->conversation, "\x1f", r->reviewer, NULL);
      seen = g_hash_table_lookup (first, key);
      if (seen == NULL || r->submitted < seen->submitted)
        g_hash_table_insert (first, g_steal_pointer (&key), (gpointer) r);
    }
  g_hash_table_iter_init (&iter, first);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (kept, value);
  return kept;
}

static int
find_category (CsmQaScorecard *card,
               const char     *name,
               int             scale)
{
  for (guint i = 0; i < csm_qa_scorecard_get_n_categories (card); i++)
    {
      const CsmQaCategory *c = csm_qa_scorecard_get_category (card, i);

      if (g_strcmp0 (c->name, name) == 0)
        return c->scale == scale ? (int) i : -1;
    }
  return -1;
}

static double
category_score (int rating,
                int scale)
{
  return (double) (rating - 1) / (double) (scale - 1) * 100.0;
}

static int
compare_disagreement (gconstpointer a,
                      gconstpointer b)
{
  const CsmQaDisagreement *x = *(CsmQaDisagreement * const *) a;
  const CsmQaDisagreement *y = *(CsmQaDisagreement * const *) b;

  if (x->spread != y->spread)
    return x->spread > y->spread ? -1 : 1;
  return g_strcmp0 (x->conversation, y->conversation);
}

/* The session names a gold reviewer who has not reviewed anything. */
#define GOLD_ABSENT (-2)

typedef struct
{
  guint compared;
  double sum;
  double sum_abs;
} Deviation;

/* Fills @c from its table @data (units × observers, ratings or missing)
 * and adds each reviewer's deviations from the reference to @deviations. */
static void
summarise_category (CsmQaCalibrationCategory *c,
                    const int                *data,
                    GPtrArray                *conversations,
                    guint                     n_observers,
                    int                       gold,
                    Deviation                *deviations,
                    guint                     resamples,
                    guint32                   seed)
{
  guint n_units = conversations->len;
  double spread_sum = 0;
  g_autofree gboolean *rated = g_new0 (gboolean, n_observers);

  c->alpha = csm_qa_alpha_bootstrap (data, n_units, n_observers, c->level, resamples, seed);
  c->disagreeing = g_ptr_array_new_with_free_func ((GDestroyNotify) disagreement_free);
  for (guint u = 0; u < n_units; u++)
    {
      const int *row = data + (gsize) u * n_observers;
      guint m = 0;
      double sum = 0, sum_sq = 0, mean, sd;

      for (guint o = 0; o < n_observers; o++)
        if (row[o] != CSM_QA_ALPHA_MISSING)
          {
            double s = category_score (row[o], c->scale);

            rated[o] = TRUE;
            m++;
            sum += s;
            sum_sq += s * s;
          }
      if (m < 2)
        continue;
      c->conversations++;
      mean = sum / m;
      sd = sqrt (MAX (0.0, sum_sq / m - mean * mean));
      spread_sum += sd;
      if (sd > 1e-9)
        {
          CsmQaDisagreement *d = g_new0 (CsmQaDisagreement, 1);

          d->conversation = g_strdup (conversations->pdata[u]);
          d->ratings = m;
          d->spread = sd;
          g_ptr_array_add (c->disagreeing, d);
        }
      /* Each rating against its reference (none while the gold reviewer
       * named has reviewed nothing). */
      for (guint o = 0; gold != GOLD_ABSENT && o < n_observers; o++)
        {
          double own, reference;

          if (row[o] == CSM_QA_ALPHA_MISSING || (int) o == gold)
            continue;
          own = category_score (row[o], c->scale);
          if (gold >= 0)
            {
              if (row[gold] == CSM_QA_ALPHA_MISSING)
                continue;
              reference = category_score (row[gold], c->scale);
            }
          else
            reference = (sum - own) / (m - 1);
          deviations[o].compared++;
          deviations[o].sum += own - reference;
          deviations[o].sum_abs += fabs (own - reference);
        }
    }
  for (guint o = 0; o < n_observers; o++)
    c->reviewers += rated[o] ? 1 : 0;
  c->spread_defined = c->conversations > 0;
  c->spread = c->spread_defined ? spread_sum / c->conversations : 0;
  c->flagged = c->alpha.defined && c->alpha.alpha < CSM_QA_CALIBRATION_ALPHA_LOW;
  g_ptr_array_sort (c->disagreeing, compare_disagreement);
  if (c->disagreeing->len > 3)
    g_ptr_array_set_size (c->disagreeing, 3);
}

/* Each reviewer's bias and agreement from their deviations, by name, the
 * gold reviewer left out. */
static GPtrArray *
reviewer_rows (GPtrArray       *reviewers,
               int              gold_observer,
               const Deviation *deviations)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) reviewer_free);

  for (guint o = 0; o < reviewers->len; o++)
    {
      CsmQaCalibrationReviewer *r;

      if ((int) o == gold_observer)
        continue;
      r = g_new0 (CsmQaCalibrationReviewer, 1);
      r->reviewer = g_strdup (reviewers->pdata[o]);
      r->compared = deviations[o].compared;
      r->defined = r->compared > 0;
      if (r->defined)
        {
          r->bias = deviations[o].sum / r->compared;
          r->agreement = 100.0 - deviations[o].sum_abs / r->compared;
        }
      g_ptr_array_add (rows, r);
    }
  return rows;
}

/**
 * csm_qa_calibration_compute:
 * @reviews: (element-type CsmQaReview): reviews, of any sessions or none
 * @session: the session
 * @gold: (nullable): its gold-standard reviewer
 * @resamples: the bootstrap's resamples (%CSM_QA_CALIBRATION_RESAMPLES)
 * @seed: its seed (%CSM_QA_CALIBRATION_SEED), so the same reviews give
 *   the same interval
 *
 * Returns: (transfer full): the session's results; without a review, no
 *   category
 */
CsmQaCalibration *
csm_qa_calibration_compute (GPtrArray  *reviews,
                            const char *session,
                            const char *gold,
                            guint       resamples,
                            guint32     seed)
{
  CsmQaCalibration *result = g_new0 (CsmQaCalibration, 1);
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GHashTable) conversation_set = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) reviewer_set = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) conversation_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) reviewer_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) conversations = NULL;
  g_autoptr(GPtrArray) reviewers = NULL;
  g_autofree Deviation *deviations = NULL;
  g_autofree Deviation *local = NULL;
  g_autofree int *data = NULL;
  const CsmQaReview *newest = NULL;
  gpointer gold_index;
  int gold_observer = -1;

  g_return_val_if_fail (reviews != NULL && session != NULL, NULL);

  result->session = g_strdup (session);
  result->gold = g_strdup (gold);
  result->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) category_free);
  result->reviewers = g_ptr_array_new_with_free_func ((GDestroyNotify) reviewer_free);

  kept = first_reviews (reviews, session);
  result->reviews = kept->len;
  if (kept->len == 0)
    return result;
  for (guint i = 0; i < kept->len; i++)
    {
      const CsmQaReview *r = kept->pdata[i];

      g_hash_table_add (conversation_set, r->conversation);
      g_hash_table_add (reviewer_set, r->reviewer);
      if (newest == NULL || r->submitted > newest->submitted ||
          (r->submitted == newest->submitted &&
           csm_qa_scorecard_get_version (r->scorecard) >
           csm_qa_scorecard_get_version (newest->scorecard)))
        newest = r;
    }
  conversations = sorted_keys (conversation_set, conversation_index);
  reviewers = sorted_keys (reviewer_set, reviewer_index);
  if (gold != NULL)
    gold_observer = g_hash_table_lookup_extended (reviewer_index, gold, NULL, &gold_index)
                    ? (int) GPOINTER_TO_UINT (gold_index) : GOLD_ABSENT;
  deviations = g_new0 (Deviation, reviewers->len);
  local = g_new0 (Deviation, reviewers->len);
  data = g_new (int, (gsize) conversations->len * reviewers->len);

  for (guint k = 0; k < csm_qa_scorecard_get_n_categories (newest->scorecard); k++)
    {
      const CsmQaCategory *category = csm_qa_scorecard_get_category (newest->scorecard, k);
      CsmQaCalibrationCategory *c = g_new0 (CsmQaCalibrationCategory, 1);

      c->category = g_strdup (category->name);
      c->scale = category->scale;
      c->level = category->scale == 2 ? CSM_QA_ALPHA_NOMINAL : CSM_QA_ALPHA_ORDINAL;
      for (gsize i = 0; i < (gsize) conversations->len * reviewers->len; i++)
        data[i] = CSM_QA_ALPHA_MISSING;
      for (guint i = 0; i < kept->len; i++)
        {
          const CsmQaReview *r = kept->pdata[i];
          int index = find_category (r->scorecard, category->name, category->scale);
          guint u = GPOINTER_TO_UINT (g_hash_table_lookup (conversation_index, r->conversation));
          guint o = GPOINTER_TO_UINT (g_hash_table_lookup (reviewer_index, r->reviewer));
          int rating;

          if (index < 0 || (guint) index >= r->n_ratings)
            continue;
          rating = r->ratings[index];
          if (rating >= 1 && rating <= category->scale)
            data[(gsize) u * reviewers->len + o] = rating;
        }
      memset (local, 0, sizeof (Deviation) * reviewers->len);
      summarise_category (c, data, conversations, reviewers->len, gold_observer, local,
                          resamples, seed);
      c->reviewers_bias = reviewer_rows (reviewers, gold_observer, local);
      for (guint o = 0; o < reviewers->len; o++)
        {
          deviations[o].compared += local[o].compared;
          deviations[o].sum += local[o].sum;
          deviations[o].sum_abs += local[o].sum_abs;
        }
      g_ptr_array_add (result->categories, c);
    }

  g_clear_pointer (&result->reviewers, g_ptr_array_unref);
  result->reviewers = reviewer_rows (reviewers, gold_observer, deviations);
  return result;
}

/* @value rounded to @decimals, or null when it is not @defined. */
static void
member_rounded (CsmJsonWriter *w,
                const char    *key,
                gboolean       defined,
                double         value,
                int            decimals)
{
  double scale = decimals == 3 ? 1000 : 10;

  csm_json_writer_key (w, key);
  if (defined)
    csm_json_writer_double (w, round (value * scale) / scale + 0.0);
  else
    csm_json_writer_null (w);
}

/**
 * csm_qa_calibrations_to_json:
 * @calibrations: (element-type CsmQaCalibration): sessions' results
 *
 * Returns: (transfer full): a JSON array, one object a session and
 *   category: session, category, level (nominal|ordinal), reviewers,
 *   conversations (those with two ratings or more), alpha, alpha_low,
 *   alpha_high (three decimals, null where α is undefined), spread (one
 *   decimal, null without such a conversation), flagged
 */
char *
csm_qa_calibrations_to_json (GPtrArray *calibrations)
{
  g_autoptr(CsmJsonWriter) w = csm_json_writer_new (TRUE);

  csm_json_writer_begin_array (w);
  for (guint s = 0; s < calibrations->len; s++)
    {
      const CsmQaCalibration *calibration = g_ptr_array_index (calibrations, s);

      for (guint i = 0; i < calibration->categories->len; i++)
        {
          const CsmQaCalibrationCategory *c = g_ptr_array_index (calibration->categories, i);

          csm_json_writer_begin_object (w);
          csm_json_writer_member_string (w, "session", calibration->session);
          csm_json_writer_member_string (w, "category", c->category);
          csm_json_writer_member_string (w, "level", csm_qa_alpha_level_to_string (c->level));
          csm_json_writer_member_int (w, "reviewers", c->reviewers);
          csm_json_writer_member_int (w, "conversations", c->conversations);
          member_rounded (w, "alpha", c->alpha.defined, c->alpha.alpha, 3);
          member_rounded (w, "alpha_low", c->alpha.defined && c->alpha.interval, c->alpha.low, 3);
          member_rounded (w, "alpha_high", c->alpha.defined && c->alpha.interval, c->alpha.high,
                          3);
          member_rounded (w, "spread", c->spread_defined, c->spread, 1);
          csm_json_writer_key (w, "flagged");
          csm_json_writer_boolean (w, c->flagged);
          csm_json_writer_end_object (w);
        }
    }
  csm_json_writer_end_array (w);
  return csm_json_writer_free_to_string (g_steal_pointer (&w), NULL);
}

static void
write_reviewers (CsmJsonWriter          *w,
                 const CsmQaCalibration *calibration,
                 const char             *category,
                 GPtrArray              *reviewers)
{
  for (guint i = 0; i < reviewers->len; i++)
    {
      const CsmQaCalibrationReviewer *r = g_ptr_array_index (reviewers, i);

      csm_json_writer_begin_object (w);
      csm_json_writer_member_string (w, "session", calibration->session);
      csm_json_writer_key (w, "category");
      if (category != NULL)
        csm_json_writer_string (w, category);
      else
        csm_json_writer_null (w);
      csm_json_writer_member_string (w, "reviewer", r->reviewer);
      csm_json_writer_member_string (w, "reference",
                                     calibration->gold != NULL ? "gold" : "consensus");
      csm_json_writer_member_int (w, "compared", r->compared);
      member_rounded (w, "bias", r->defined, r->bias, 1);
      member_rounded (w, "agreement", r->defined, r->agreement, 1);
      csm_json_writer_end_object (w);
    }
}

/**
 * csm_qa_calibration_reviewers_to_json:
 * @calibrations: (element-type CsmQaCalibration): sessions' results
 *
 * Returns: (transfer full): a JSON array, one object a session and
 *   reviewer, over every category (category null), then one a session,
 *   category and reviewer: session, category, reviewer, reference ("gold"
 *   or "consensus"), compared, bias, agreement (one decimal, null when
 *   nothing was compared)
 */
char *
csm_qa_calibration_reviewers_to_json (GPtrArray *calibrations)
{
  g_autoptr(CsmJsonWriter) w = csm_json_writer_new (TRUE);

  csm_json_writer_begin_array (w);
  for (guint s = 0; s < calibrations->len; s++)
    {
      const CsmQaCalibration *calibration = g_ptr_array_index (calibrations, s);

      write_reviewers (w, calibration, NULL, calibration->reviewers);
      for (guint c = 0; c < calibration->categories->len; c++)
        {
          const CsmQaCalibrationCategory *category = g_ptr_array_index (calibration->categories,
                                                                        c);

          write_reviewers (w, calibration, category->category, category->reviewers_bias);
        }
    }
  csm_json_writer_end_array (w);
  return csm_json_writer_free_to_string (g_steal_pointer (&w), NULL);
}
