/* test-qa.c: QA scoring worked by hand: category scores on every scale, weights, N/A, the critical rule, IQS, versions, JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "csm-export.h"
#include "csm-qa-iqs.h"
#include "csm-qa-review.h"
#include "csm-qa-scorecard.h"
#include "csm-test-tickets.h"
#include "csm-time.h"


/* name, weight, scale, N/A allowed, critical */
static CsmQaScorecard *
card (const char *name,
      int         version,
      ...)
{
  g_autoptr(GArray) categories = g_array_new (FALSE, TRUE, sizeof (CsmQaCategory));
  g_autoptr(GError) error = NULL;
  CsmQaScorecard *scorecard;
  const char *category;
  va_list args;

  va_start (args, version);
  while ((category = va_arg (args, const char *)) != NULL)
    {
      CsmQaCategory c = { (char *) category, 0, 0, FALSE, FALSE, NULL };

      c.weight = va_arg (args, int);
      c.scale = va_arg (args, int);
      c.na_allowed = va_arg (args, gboolean);
      c.critical = va_arg (args, gboolean);
      g_array_append_val (categories, c);
    }
  va_end (args);
  scorecard = csm_qa_scorecard_new (name, version, (CsmQaCategory *) categories->data,
                                    categories->len, &error);
  g_assert_no_error (error);
  return scorecard;
}

static void
assert_score (CsmQaScore  score,
              double      expected,
              const char *what)
{
  if (!score.defined || fabs (score.value - expected) > 1e-9)
    g_test_fail_printf ("%s: %s %.6f, expected %.6f", what,
                        score.defined ? "got" : "undefined", score.value, expected);
}

/* (rating − 1) ÷ (scale − 1) × 100 on each scale. */
static void
test_category_scores (void)
{
  static const struct { int rating, scale; double score; } rows[] = {
    { 1, 2, 0 }, { 2, 2, 100 },
    { 1, 3, 0 }, { 2, 3, 50 }, { 3, 3, 100 },
    { 1, 4, 0 }, { 2, 4, 100.0 / 3 }, { 3, 4, 200.0 / 3 }, { 4, 4, 100 },
    { 1, 5, 0 }, { 2, 5, 25 }, { 3, 5, 50 }, { 4, 5, 75 }, { 5, 5, 100 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_assert_cmpfloat_with_epsilon (csm_qa_category_score (rows[i].rating, rows[i].scale),
                                    rows[i].score, 1e-9);
}

/* A 50 (5 points), B 30 (3 points), C 20 (binary):
 *  A 4 (75), B 2 (50), C 2 (100): (75·50 + 50·30 + 100·20) ÷ 100 = 72.5
 *  B N/A: (3750 + 2000) ÷ 70 = 82.142857…
 *  everything N/A: no score
 *  a weight-0 category rated 1 changes nothing */
static void
test_weights_and_na (void)
{
  g_autoptr(CsmQaScorecard) s = card ("S", 1, "A", 50, 5, TRUE, FALSE, "B", 30, 3, TRUE, FALSE,
                                      "C", 20, 2, TRUE, FALSE, "D", 0, 5, FALSE, FALSE, NULL);
  int ratings[] = { 4, 2, 2, 1 };
  int na[] = { 4, CSM_QA_NA, 2, 5 };
  int none[] = { CSM_QA_NA, CSM_QA_NA, CSM_QA_NA, 3 };
  int unrated[] = { 4, CSM_QA_UNRATED, 2, 1 };
  CsmQaScore score;

  assert_score (csm_qa_score (s, ratings, 4), 72.5, "weighted");
  assert_score (csm_qa_score (s, na, 4), 5750.0 / 70, "B n/a");
  /* A draft's unrated category drops out as N/A does. */
  assert_score (csm_qa_score (s, unrated, 4), 5750.0 / 70, "B unrated");
  score = csm_qa_score (s, none, 4);
  g_assert_false (score.defined);
  g_assert_false (score.critical_failed);
}

/* A critical category under 50 % makes the review 0; exactly 50 does not. */
static void
test_critical (void)
{
  g_autoptr(CsmQaScorecard) s = card ("S", 1, "Empathy", 60, 5, FALSE, FALSE,
                                      "Compliance", 40, 3, TRUE, TRUE,
                                      "Security", 0, 4, TRUE, TRUE, NULL);
  int failed[] = { 5, 1, CSM_QA_NA };          /* Compliance 0 % */
  int half[] = { 5, 2, CSM_QA_NA };            /* Compliance 50 %: (100·60 + 50·40) ÷ 100 */
  int third[] = { 5, 3, 2 };                   /* Security 33.3 %, weight 0 but critical */
  int skipped[] = { 5, CSM_QA_NA, CSM_QA_NA }; /* a critical N/A does not fail */
  CsmQaScore score;

  score = csm_qa_score (s, failed, 3);
  assert_score (score, 0, "critical under 50");
  g_assert_true (score.critical_failed);
  score = csm_qa_score (s, half, 3);
  assert_score (score, 80, "critical at 50");
  g_assert_false (score.critical_failed);
  score = csm_qa_score (s, third, 3);
  assert_score (score, 0, "weight-0 critical under 50");
  g_assert_true (score.critical_failed);
  assert_score (csm_qa_score (s, skipped, 3), 100, "critical n/a");
}

static CsmQaReview *
review (CsmQaScorecard *s,
        const char     *conversation,
        const char     *agent,
        const char     *reviewer,
        const char     *submitted,
        const int      *ratings)
{
  CsmQaReview *r = csm_qa_review_new (s);

  r->conversation = g_strdup (conversation);
  r->agent = g_strdup (agent);
  r->reviewer = g_strdup (reviewer);
  r->submitted = submitted != NULL ? csm_test_at (submitted) : CSM_TIME_UNSET;
  memcpy (r->ratings, ratings, r->n_ratings * sizeof (int));
  return r;
}

/* Each point of a trend is exactly csm_qa_iqs_compute () over its bucket,
 * for every grouping and group. */
static void
assert_trend_matches (GPtrArray *reviews,
                      gint64     from,
                      gint64     to,
                      gint64     step)
{
  static const CsmQaGrouping groupings[] = {
    CSM_QA_GROUP_NONE, CSM_QA_GROUP_AGENT, CSM_QA_GROUP_CATEGORY, CSM_QA_GROUP_REVIEWER,
  };

  for (guint g = 0; g < G_N_ELEMENTS (groupings); g++)
    {
      g_autoptr(GPtrArray) groups = csm_qa_iqs_compute (reviews, groupings[g], NULL, from, to);

      for (guint i = 0; i < groups->len; i++)
        {
          const char *group = ((CsmQaIqsRow *) g_ptr_array_index (groups, i))->group;
          g_autoptr(GPtrArray) trend = csm_qa_iqs_trend (reviews, groupings[g], group, NULL, from,
                                                         to, step);

          for (guint b = 0; b < trend->len; b++)
            {
              const CsmQaIqsRow *point = g_ptr_array_index (trend, b);
              g_autoptr(GPtrArray) bucket = csm_qa_iqs_compute (reviews, groupings[g], NULL,
                                                                from + b * step,
                                                                MIN (from + (b + 1) * step, to));
              const CsmQaIqsRow *want = NULL;

              for (guint k = 0; k < bucket->len; k++)
                if (g_strcmp0 (((CsmQaIqsRow *) g_ptr_array_index (bucket, k))->group, group) == 0)
                  want = g_ptr_array_index (bucket, k);
              g_assert_cmpuint (point->reviews, ==, want != NULL ? want->reviews : 0);
              g_assert_true (point->defined == (want != NULL && want->defined));
              if (point->defined)
                g_assert_cmpfloat_with_epsilon (point->iqs, want->iqs, 1e-9);
            }
        }
    }
}

/* A reviewer who scores a conversation again submits a new version: only
 * the latest counts, the old one stays in the list. Another reviewer's
 * review of the same conversation counts on its own. Rescored from 0 to
 * 100, alice's IQS is (100 + 50) / 2 = 75, not (0 + 100 + 50) / 3. */
static void
test_iqs_versions (void)
{
  g_autoptr(CsmQaScorecard) s = card ("S", 1, "A", 1, 3, FALSE, FALSE, NULL);
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) november = NULL;
  static const int zero[] = { 1 }, half[] = { 2 }, full[] = { 3 };
  CsmQaIqsRow *row;

  g_ptr_array_add (reviews, review (s, "7", "alice", "rosa", "2026-11-02T10:00:00Z", zero));
  g_ptr_array_add (reviews, review (s, "7", "alice", "rosa", "2026-12-02T10:00:00Z", full));
  g_ptr_array_add (reviews, review (s, "7", "alice", "sam", "2026-11-03T10:00:00Z", half));
  rows = csm_qa_iqs_compute (reviews, CSM_QA_GROUP_AGENT, NULL, CSM_TIME_UNSET, CSM_TIME_UNSET);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (row->reviews, ==, 2);
  g_assert_cmpfloat_with_epsilon (row->iqs, 75.0, 1e-9);
  g_assert_cmpuint (g_array_index (row->members, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (row->members, guint, 1), ==, 2);

  /* November alone: rosa's November version was replaced (in December),
   * so only sam's counts. */
  november = csm_qa_iqs_compute (reviews, CSM_QA_GROUP_NONE, NULL,
                                 csm_test_at ("2026-11-01T00:00:00Z"),
                                 csm_test_at ("2026-12-01T00:00:00Z"));
  row = g_ptr_array_index (november, 0);
  g_assert_cmpuint (row->reviews, ==, 1);
  g_assert_cmpfloat_with_epsilon (row->iqs, 50.0, 1e-9);

  /* A draft and what was submitted from it say the same; a changed note does not. */
  {
    g_autoptr(CsmQaReview) a = review (s, "9", "bob", "rosa", NULL, full);
    g_autoptr(CsmQaReview) b = review (s, "9", "bob", "sam", "2026-11-05T10:00:00Z", full);

    g_assert_true (csm_qa_review_same_content (a, b));
    b->notes[0] = g_strdup ("kind");
    g_assert_false (csm_qa_review_same_content (a, b));
    a->notes[0] = g_strdup ("kind");
    g_assert_true (csm_qa_review_same_content (a, b));
    b->ratings[0] = 2;
    g_assert_false (csm_qa_review_same_content (a, b));
  }

  /* Two versions in the same second: the later one in the list counts, once. */
  {
    g_autoptr(GPtrArray) tie = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
    g_autoptr(GPtrArray) tied = NULL;

    g_ptr_array_add (tie, review (s, "9", "bob", "rosa", "2026-11-05T10:00:00Z", zero));
    g_ptr_array_add (tie, review (s, "9", "bob", "rosa", "2026-11-05T10:00:00Z", full));
    tied = csm_qa_iqs_compute (tie, CSM_QA_GROUP_NONE, NULL, CSM_TIME_UNSET, CSM_TIME_UNSET);
    row = g_ptr_array_index (tied, 0);
    g_assert_cmpuint (row->reviews, ==, 1);
    g_assert_cmpfloat_with_epsilon (row->iqs, 100.0, 1e-9);
  }

  /* Weekly from 1 November to 10 December: six buckets, the last three
   * days long. Sam's 50 is in the first week, rosa's 100 in the fifth
   * (2 December); alice's trend is the same; carl has none. */
  {
    gint64 from = csm_test_at ("2026-11-01T00:00:00Z"), to = csm_test_at ("2026-12-10T00:00:00Z");
    g_autoptr(GPtrArray) all = csm_qa_iqs_trend (reviews, CSM_QA_GROUP_NONE, NULL, NULL, from, to,
                                                 7 * 86400);
    g_autoptr(GPtrArray) alice = csm_qa_iqs_trend (reviews, CSM_QA_GROUP_AGENT, "alice", NULL,
                                                   from, to, 7 * 86400);
    g_autoptr(GPtrArray) carl = csm_qa_iqs_trend (reviews, CSM_QA_GROUP_AGENT, "carl", NULL,
                                                  from, to, 7 * 86400);

    g_assert_cmpuint (all->len, ==, 6);
    for (guint i = 0; i < 6; i++)
      {
        CsmQaIqsRow *a = g_ptr_array_index (all, i), *b = g_ptr_array_index (alice, i);
        CsmQaIqsRow *c = g_ptr_array_index (carl, i);
        g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, from + i * 7 * 86400);

        g_assert_cmpstr (a->group, ==, start);
        g_assert_cmpuint (a->reviews, ==, i == 0 || i == 4 ? 1 : 0);
        g_assert_true (a->defined == (i == 0 || i == 4));
        g_assert_cmpuint (b->reviews, ==, a->reviews);
        g_assert_cmpfloat (b->iqs, ==, a->iqs);
        g_assert_false (c->defined);
      }
    g_assert_cmpfloat_with_epsilon (((CsmQaIqsRow *) g_ptr_array_index (all, 0))->iqs, 50.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (((CsmQaIqsRow *) g_ptr_array_index (all, 4))->iqs, 100.0, 1e-9);
  }
}

/* The working under the score, checked by hand: 100 × 20 + 66.7 × 10
 * (a 3 of 4) over 30 is 88.9; N/A and unrated categories are named; a
 * failed critical category explains the 0. */
static void
test_explain (void)
{
  g_autoptr(CsmQaScorecard) s = card ("S", 1, "Empathy", 20, 5, FALSE, FALSE,
                                      "Accuracy", 10, 4, FALSE, FALSE,
                                      "Tenacity", 30, 3, TRUE, FALSE,
                                      "Process", 40, 2, FALSE, TRUE, NULL);
  static const int rated[] = { 5, 3, CSM_QA_NA, CSM_QA_UNRATED };
  static const int none[] = { CSM_QA_UNRATED, CSM_QA_UNRATED, CSM_QA_NA, CSM_QA_UNRATED };
  static const int failed[] = { 5, 3, 2, 1 };
  static const int all[] = { 4, 1, 3, 2 };
  g_autofree char *a = csm_qa_score_explain (s, rated, 4);
  g_autofree char *b = csm_qa_score_explain (s, none, 4);
  g_autofree char *c = csm_qa_score_explain (s, failed, 4);
  g_autofree char *d = csm_qa_score_explain (s, all, 4);

  g_assert_cmpstr (a, ==, "(100 × 20 + 66.7 × 10) ÷ 30 = 88.9\n"
                          "N/A, left out: Tenacity\n"
                          "1 category not rated yet");
  g_assert_cmpfloat_with_epsilon (csm_qa_score (s, rated, 4).value, 2666.6666667 / 30, 1e-6);
  g_assert_cmpstr (b, ==, "No category is rated yet.\nN/A, left out: Tenacity");
  g_assert_cmpstr (c, ==, "Process is critical and scored under 50: the review scores 0.");
  /* 75 × 20 + 0 × 10 + 100 × 30 + 100 × 40 = 8500, ÷ 100 = 85 */
  g_assert_cmpstr (d, ==, "(75 × 20 + 0 × 10 + 100 × 30 + 100 × 40) ÷ 100 = 85");
}

/* The worked example of anchors.md: reviews scoring 100, 9.91, 63.96,
 * 90.99 and 0 give an IQS of 52.97. Four binary categories weighing 60,
 * 40, 10 and 1 (111 in all) score them exactly: 111, 11, 71, 101 and 0
 * of 111. A calibration review, a draft and one outside the period do
 * not count. */
static void
test_iqs_worked_example (void)
{
  g_autoptr(CsmQaScorecard) s = card ("S", 1, "A", 60, 2, FALSE, FALSE, "B", 40, 2, FALSE, FALSE,
                                      "C", 10, 2, FALSE, FALSE, "D", 1, 2, FALSE, FALSE, NULL);
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  g_autoptr(GHashTable) queues = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) agents = NULL;
  g_autoptr(GPtrArray) by_queue = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) reviewers = NULL;
  g_autoptr(GPtrArray) empty = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  static const int full[] = { 2, 2, 2, 2 }, r2[] = { 1, 1, 2, 2 }, r3[] = { 2, 1, 2, 2 },
                   r4[] = { 2, 2, 1, 2 }, zero[] = { 1, 1, 1, 1 };
  gint64 from = csm_test_at ("2026-11-01T00:00:00Z"), to = csm_test_at ("2026-12-01T00:00:00Z");
  CsmQaIqsRow *row;
  CsmQaReview *calibration;

  g_ptr_array_add (reviews, review (s, "1", "alice", "rosa", "2026-11-02T10:00:00Z", full));
  g_ptr_array_add (reviews, review (s, "2", "alice", "rosa", "2026-11-03T10:00:00Z", r2));
  g_ptr_array_add (reviews, review (s, "3", "bob", "rosa", "2026-11-04T10:00:00Z", r3));
  g_ptr_array_add (reviews, review (s, "4", "bob", "sam", "2026-11-05T10:00:00Z", r4));
  g_ptr_array_add (reviews, review (s, "5", "bob", "sam", "2026-11-30T23:59:59Z", zero));
  /* Not counted: */
  g_ptr_array_add (reviews, review (s, "6", "alice", "sam", "2026-12-01T00:00:00Z", zero));
  g_ptr_array_add (reviews, review (s, "7", "alice", "sam", NULL, zero));
  calibration = review (s, "8", "alice", "sam", "2026-11-10T00:00:00Z", zero);
  calibration->calibration_session = g_strdup ("week 46");
  g_ptr_array_add (reviews, calibration);
  g_hash_table_insert (queues, (gpointer) "1", (gpointer) "Billing");
  g_hash_table_insert (queues, (gpointer) "2", (gpointer) "Support");
  g_hash_table_insert (queues, (gpointer) "3", (gpointer) "Support");
  g_hash_table_insert (queues, (gpointer) "4", (gpointer) "Support");

  all = csm_qa_iqs_compute (reviews, CSM_QA_GROUP_NONE, NULL, from, to);
  g_assert_cmpuint (all->len, ==, 1);
  row = all->pdata[0];
  g_assert_null (row->group);
  g_assert_cmpuint (row->reviews, ==, 5);
  g_assert_true (row->defined);
  g_assert_cmpfloat_with_epsilon (row->iqs, 29400.0 / 555, 1e-9);   /* 52.97 */
  json = csm_export_qa (all, CSM_EXPORT_JSON);
  g_assert_nonnull (strstr (json, "\"iqs\" : 53.0"));
  g_assert_cmpuint (row->members->len, ==, 5);

  /* By agent: alice (111 + 11) ÷ 2 of 111; bob (71 + 101 + 0) ÷ 3. */
  agents = csm_qa_iqs_compute (reviews, CSM_QA_GROUP_AGENT, NULL, from, to);
  g_assert_cmpuint (agents->len, ==, 2);
  g_assert_cmpstr (((CsmQaIqsRow *) agents->pdata[0])->group, ==, "alice");
  g_assert_cmpfloat_with_epsilon (((CsmQaIqsRow *) agents->pdata[0])->iqs, 12200.0 / 222, 1e-9);
  g_assert_cmpfloat_with_epsilon (((CsmQaIqsRow *) agents->pdata[1])->iqs, 17200.0 / 333, 1e-9);

  /* By queue: review 5's conversation has no known queue (""). */
  by_queue = csm_qa_iqs_compute (reviews, CSM_QA_GROUP_QUEUE, queues, from, to);
  g_assert_cmpuint (by_queue->len, ==, 3);
  g_assert_cmpstr (((CsmQaIqsRow *) by_queue->pdata[0])->group, ==, "");
  g_assert_cmpfloat (((CsmQaIqsRow *) by_queue->pdata[0])->iqs, ==, 0);
  g_assert_cmpstr (((CsmQaIqsRow *) by_queue->pdata[1])->group, ==, "Billing");
  g_assert_cmpfloat (((CsmQaIqsRow *) by_queue->pdata[1])->iqs, ==, 100);
  g_assert_cmpuint (((CsmQaIqsRow *) by_queue->pdata[2])->reviews, ==, 3);
  g_assert_cmpfloat_with_epsilon (((CsmQaIqsRow *) by_queue->pdata[2])->iqs, 18300.0 / 333, 1e-9);

  /* By category: A rated 100 in reviews 1, 3, 4 of 5: 60.0. */
  categories = csm_qa_iqs_compute (reviews, CSM_QA_GROUP_CATEGORY, NULL, from, to);
  g_assert_cmpuint (categories->len, ==, 4);
  g_assert_cmpstr (((CsmQaIqsRow *) categories->pdata[0])->group, ==, "A");
  g_assert_cmpuint (((CsmQaIqsRow *) categories->pdata[0])->reviews, ==, 5);
  g_assert_cmpfloat_with_epsilon (((CsmQaIqsRow *) categories->pdata[0])->iqs, 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (((CsmQaIqsRow *) categories->pdata[3])->iqs, 80, 1e-9);

  reviewers = csm_qa_iqs_compute (reviews, CSM_QA_GROUP_REVIEWER, NULL, from, to);
  g_assert_cmpuint (reviewers->len, ==, 2);
  g_assert_cmpuint (((CsmQaIqsRow *) reviewers->pdata[1])->reviews, ==, 2);   /* sam */
  csv = csm_export_qa (reviewers, CSM_EXPORT_CSV);
  g_assert_cmpstr (csv, ==, "group,reviews,iqs\r\nrosa,3,58.0\r\nsam,2,45.5\r\n");

  /* No review in the period: one row, null. */
  empty = csm_qa_iqs_compute (reviews, CSM_QA_GROUP_NONE, NULL, csm_test_at ("2025-01-01T00:00:00Z"),
                              csm_test_at ("2025-02-01T00:00:00Z"));
  g_assert_cmpuint (empty->len, ==, 1);
  g_assert_false (((CsmQaIqsRow *) empty->pdata[0])->defined);
  g_free (json);
  json = csm_export_qa (empty, CSM_EXPORT_JSON);
  g_assert_nonnull (strstr (json, "\"iqs\" : null"));

  /* The trend by day over the month agrees with the month's buckets. */
  assert_trend_matches (reviews, from, to, 86400);
  assert_trend_matches (reviews, from, to, 7 * 86400);
}

/* One decimal as a person rounds, halves away from zero: 81.25 is 81.3
 * (weights 75 and 25: 75 × 0.75 + 100 × 0.25), in the review's score and
 * in IQS. */
static void
test_rounding (void)
{
  g_autoptr(CsmQaScorecard) s = card ("S", 1, "A", 75, 5, FALSE, FALSE,
                                      "B", 25, 5, FALSE, FALSE, NULL);
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  static const int ratings[] = { 4, 5 };

  g_ptr_array_add (reviews, review (s, "1", "a", "r", "2026-11-02T10:00:00Z", ratings));
  assert_score (csm_qa_review_get_score (reviews->pdata[0]), 81.25, "score");
  json = csm_qa_reviews_to_json (reviews);
  g_assert_nonnull (strstr (json, "\"score\" : 81.3"));
  rows = csm_qa_iqs_compute (reviews, CSM_QA_GROUP_NONE, NULL, CSM_TIME_UNSET, CSM_TIME_UNSET);
  csv = csm_export_qa (rows, CSM_EXPORT_CSV);
  g_assert_cmpstr (csv, ==, "group,reviews,iqs\r\n,1,81.3\r\n");
  g_assert_cmpfloat (csm_qa_round1 (-0.25), ==, -0.3);
  g_assert_cmpfloat (csm_qa_round1 (6.25), ==, 6.3);
  g_assert_cmpfloat (csm_qa_round1 (6.24), ==, 6.2);
}

/* A category's IQS counts only the reviews that rated it. */
static void
test_iqs_category_na (void)
{
  g_autoptr(CsmQaScorecard) s = card ("S", 1, "A", 50, 5, FALSE, FALSE,
                                      "B", 50, 3, TRUE, FALSE, NULL);
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  g_autoptr(GPtrArray) rows = NULL;
  static const int one[] = { 5, CSM_QA_NA }, two[] = { 3, 2 }, three[] = { 1, CSM_QA_NA };

  g_ptr_array_add (reviews, review (s, "1", "a", "r", "2026-11-02T10:00:00Z", one));
  g_ptr_array_add (reviews, review (s, "2", "a", "r", "2026-11-03T10:00:00Z", two));
  g_ptr_array_add (reviews, review (s, "3", "a", "r", "2026-11-04T10:00:00Z", three));
  rows = csm_qa_iqs_compute (reviews, CSM_QA_GROUP_CATEGORY, NULL, CSM_TIME_UNSET,
                             CSM_TIME_UNSET);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpuint (((CsmQaIqsRow *) rows->pdata[0])->reviews, ==, 3);
  g_assert_cmpfloat_with_epsilon (((CsmQaIqsRow *) rows->pdata[0])->iqs, 50, 1e-9);
  g_assert_cmpuint (((CsmQaIqsRow *) rows->pdata[1])->reviews, ==, 1);
  g_assert_cmpfloat_with_epsilon (((CsmQaIqsRow *) rows->pdata[1])->iqs, 50, 1e-9);
}

/* Versions: a review keeps scoring by the version it was scored on. */
static void
test_versions (void)
{
  g_autoptr(CsmQaScorecard) v1 = card ("S", 1, "A", 50, 5, FALSE, FALSE,
                                       "B", 50, 5, FALSE, FALSE, NULL);
  g_autoptr(CsmQaScorecard) v2 = card ("S", 2, "A", 80, 5, FALSE, FALSE,
                                       "B", 20, 5, FALSE, FALSE, NULL);
  g_autoptr(CsmQaScorecard) again = csm_qa_scorecard_copy_as_version (v1, 3);
  static const int ratings[] = { 5, 1 };
  g_autoptr(CsmQaReview) old = review (v1, "1", "a", "r", "2026-11-02T10:00:00Z", ratings);
  g_autoptr(CsmQaReview) new = review (v2, "1", "a", "r", "2026-11-02T10:00:00Z", ratings);

  assert_score (csm_qa_review_get_score (old), 50, "v1");
  assert_score (csm_qa_review_get_score (new), 80, "v2");
  g_assert_false (csm_qa_review_same (old, new));
  g_assert_false (csm_qa_scorecard_same_content (v1, v2));
  g_assert_true (csm_qa_scorecard_same_content (v1, again));
  g_assert_cmpint (csm_qa_scorecard_get_version (again), ==, 3);
}

static void
test_default_scorecard (void)
{
  g_autoptr(CsmQaScorecard) s = csm_qa_scorecard_new_default ();
  g_autofree char *json = csm_qa_scorecard_to_json (s);
  g_autoptr(CsmQaScorecard) back = NULL;
  g_autoptr(GError) error = NULL;
  int critical = 0, total = 0;

  g_assert_cmpuint (csm_qa_scorecard_get_n_categories (s), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      const CsmQaCategory *c = csm_qa_scorecard_get_category (s, i);

      total += c->weight;
      critical += c->critical;
      g_assert_nonnull (c->guidance[0]);
      g_assert_nonnull (c->guidance[c->scale - 1]);
    }
  g_assert_cmpint (total, ==, 100);
  g_assert_cmpint (critical, ==, 1);
  g_assert_cmpint (csm_qa_scorecard_lookup (s, "Empathy"), ==, 0);

  back = csm_qa_scorecard_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_true (csm_qa_scorecard_same_content (s, back));
  g_assert_cmpint (csm_qa_scorecard_get_version (back), ==, 1);
}

static void
test_scorecard_errors (void)
{
  static const struct { const char *json; const char *message; } rows[] = {
    { "[]", "must be a JSON object" },
    { "{\"categories\": []}", "needs a name" },
    { "{\"name\": \"S\", \"categories\": []}", "has no category" },
    { "{\"name\": \"S\", \"categories\": [{\"name\": \"A\", \"scale\": 5}]}", "“weight” is missing" },
    { "{\"name\": \"S\", \"categories\": [{\"name\": \"A\", \"weight\": 101, \"scale\": 5}]}",
      "weight must be 0 to 100" },
    { "{\"name\": \"S\", \"categories\": [{\"name\": \"A\", \"weight\": 10, \"scale\": 6}]}",
      "scale must be 2 to 5" },
    { "{\"name\": \"S\", \"categories\": [{\"name\": \"A\", \"weight\": 10, \"scale\": 3,"
      " \"guidance\": {\"4\": \"x\"}}]}", "no rating of the scale" },
    { "{\"name\": \"S\", \"categories\": [{\"name\": \"A\", \"weight\": 10, \"scale\": 3},"
      " {\"name\": \"A\", \"weight\": 10, \"scale\": 3}]}", "there twice" },
    { "{\"name\": \"S\", \"categories\": [{\"name\": \"A\", \"weight\": 0, \"scale\": 3}]}",
      "every weight is 0" },
    { "{\"name\": \"S\", \"version\": 0, \"categories\": [{\"name\": \"A\", \"weight\": 1,"
      " \"scale\": 3}]}", "version must be 1" },
    { "{\"name\": \"S\", \"categories\": [{\"name\": \"A\", \"weight\": 1, \"scale\": 3,"
      " \"critical\": \"yes\"}]}", "“critical” must be true or false" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsmQaScorecard) s = csm_qa_scorecard_new_from_json (rows[i].json, &error);

      g_assert_null (s);
      g_assert_error (error, CSM_QA_ERROR, CSM_QA_ERROR_INVALID);
      if (strstr (error->message, rows[i].message) == NULL)
        g_test_fail_printf ("row %u: “%s” does not say “%s”", i, error->message, rows[i].message);
    }
}

static CsmQaScorecard *
lookup_cb (const char *name,
           int         version,
           gpointer    user_data)
{
  CsmQaScorecard *s = user_data;

  return g_strcmp0 (name, csm_qa_scorecard_get_name (s)) == 0 &&
         version == csm_qa_scorecard_get_version (s) ? s : NULL;
}

#define ROW(conversation, ratings) \
  "{\"conversation\": " conversation ", \"agent\": \"alice\", \"reviewer\": \"rosa\", " \
  "\"scorecard\": \"S\", \"scorecard_version\": 2, \"submitted\": \"2026-11-20T10:00:00Z\", " \
  "\"calibration_session\": null, \"ratings\": " ratings ", \"comment\": \"ok\"}"

/* Rows read back as written, with their score; a bad row is named with
 * its field, and nothing is returned. */
static void
test_reviews_json (void)
{
  g_autoptr(CsmQaScorecard) s = card ("S", 2, "A", 50, 5, FALSE, FALSE,
                                      "B", 50, 3, TRUE, FALSE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reviews = csm_qa_reviews_from_json (
    "[" ROW ("1042", "{\"A\": 4, \"B\": \"n/a\"}") ", " ROW ("\"1043\"", "{\"A\": 1, \"B\": 3}") "]",
    lookup_cb, s, &error);
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) again = NULL;
  static const struct { const char *json; const char *message; } bad[] = {
    { "[" ROW ("1", "{\"A\": 4, \"B\": 2}") ", " ROW ("2", "{\"A\": 4, \"C\": 2}") "]",
      "row 2: “ratings”: “C” is no category of “S” version 2" },
    { "[" ROW ("1", "{\"A\": 6, \"B\": 2}") "]", "row 1: “ratings”: “A” is 6, outside its scale of 1 to 5" },
    { "[" ROW ("1", "{\"A\": \"n/a\", \"B\": 2}") "]", "row 1: “ratings”: “A” may not be N/A" },
    { "[" ROW ("1", "{\"A\": 4}") "]", "row 1: “ratings”: “B” has no rating" },
    { "[{\"conversation\": 1, \"reviewer\": \"r\", \"scorecard\": \"S\", \"scorecard_version\": 2,"
      " \"submitted\": \"2026-11-20T10:00:00Z\", \"ratings\": {\"A\": 1, \"B\": 1}}]",
      "row 1: “agent” is missing" },
    { "[" ROW ("1", "{\"A\": 4, \"B\": 2}") ", {\"conversation\": 1, \"agent\": \"a\","
      " \"reviewer\": \"r\", \"scorecard\": \"S\", \"scorecard_version\": 1,"
      " \"submitted\": \"2026-11-20T10:00:00Z\", \"ratings\": {}}]",
      "row 2: “scorecard”: there is no “S” version 1" },
    { "[{\"conversation\": 1, \"agent\": \"a\", \"reviewer\": \"r\", \"scorecard\": \"S\","
      " \"scorecard_version\": 2, \"submitted\": \"yesterday\", \"ratings\": {\"A\": 1, \"B\": 1}}]",
      "row 1: “submitted” must be a time" },
    { "{}", "must be a JSON array" },
  };

  g_assert_no_error (error);
  g_assert_cmpuint (reviews->len, ==, 2);
  g_assert_cmpstr (((CsmQaReview *) reviews->pdata[0])->conversation, ==, "1042");
  g_assert_cmpint (((CsmQaReview *) reviews->pdata[0])->ratings[1], ==, CSM_QA_NA);
  assert_score (csm_qa_review_get_score (reviews->pdata[0]), 75, "row 1");
  /* A 0 and B 100: 50. */
  assert_score (csm_qa_review_get_score (reviews->pdata[1]), 50, "row 2");

  json = csm_qa_reviews_to_json (reviews);
  g_assert_nonnull (strstr (json, "\"score\" : 75.0"));
  g_assert_nonnull (strstr (json, "\"B\" : \"n/a\""));
  again = csm_qa_reviews_from_json (json, lookup_cb, s, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 2);
  g_assert_true (csm_qa_review_same (reviews->pdata[1], again->pdata[1]));
  g_assert_cmpint (((CsmQaReview *) again->pdata[1])->submitted, ==, csm_test_at ("2026-11-20T10:00:00Z"));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) e = NULL;
      g_autoptr(GPtrArray) none = csm_qa_reviews_from_json (bad[i].json, lookup_cb, s, &e);

      g_assert_null (none);
      g_assert_error (e, CSM_QA_ERROR, CSM_QA_ERROR_INVALID);
      if (strstr (e->message, bad[i].message) == NULL)
        g_test_fail_printf ("bad row %u: “%s” does not say “%s”", i, e->message, bad[i].message);
    }
}

/* What a reviewer submits: every category rated, N/A only where allowed. */
static void
test_validate (void)
{
  g_autoptr(CsmQaScorecard) s = card ("S", 1, "A", 50, 5, FALSE, FALSE,
                                      "B", 50, 3, TRUE, FALSE, NULL);
  g_autoptr(CsmQaReview) r = csm_qa_review_new (s);
  g_autoptr(GError) error = NULL;

  r->conversation = g_strdup ("1");
  r->agent = g_strdup ("a");
  r->reviewer = g_strdup ("r");
  g_assert_false (csm_qa_review_validate (r, &error));
  g_assert_nonnull (strstr (error->message, "“A” has no rating"));
  g_clear_error (&error);
  r->ratings[0] = CSM_QA_NA;
  r->ratings[1] = CSM_QA_NA;
  g_assert_false (csm_qa_review_validate (r, &error));
  g_assert_nonnull (strstr (error->message, "N/A is not allowed"));
  g_clear_error (&error);
  r->ratings[0] = 5;
  g_assert_true (csm_qa_review_validate (r, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/qa/category-scores", test_category_scores);
  g_test_add_func ("/core/qa/weights-and-na", test_weights_and_na);
  g_test_add_func ("/core/qa/critical", test_critical);
  g_test_add_func ("/core/qa/iqs-worked-example", test_iqs_worked_example);
  g_test_add_func ("/core/qa/iqs-category-na", test_iqs_category_na);
  g_test_add_func ("/core/qa/rounding", test_rounding);
  g_test_add_func ("/core/qa/versions", test_versions);
  g_test_add_func ("/core/qa/default-scorecard", test_default_scorecard);
  g_test_add_func ("/core/qa/scorecard-errors", test_scorecard_errors);
  g_test_add_func ("/core/qa/reviews-json", test_reviews_json);
  g_test_add_func ("/core/qa/validate", test_validate);
  g_test_add_func ("/core/qa/explain", test_explain);
  g_test_add_func ("/core/qa/iqs-versions", test_iqs_versions);

  return g_test_run ();
}
