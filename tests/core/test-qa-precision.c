/* test-qa-precision.c: each agent's IQS with its margin of error, the reviews a target margin needs, the sample-weighted IQS, and assignments' state, worked by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "csm-qa-precision.h"

static CsmQaScorecard *
card (void)
{
  const CsmQaCategory categories[] = { { (char *) "Overall", 100, 5, FALSE, FALSE, NULL } };
  g_autoptr(GError) error = NULL;
  CsmQaScorecard *s = csm_qa_scorecard_new ("One", 1, categories, 1, &error);

  g_assert_no_error (error);
  return s;
}

/* A rating of 1–5 scores (rating − 1) × 25. */
static CsmQaReview *
review (CsmQaScorecard *s,
        const char     *conversation,
        const char     *agent,
        const char     *reviewer,
        gint64          submitted,
        int             rating)
{
  CsmQaReview *r = csm_qa_review_new (s);

  r->conversation = g_strdup (conversation);
  r->agent = g_strdup (agent);
  r->reviewer = g_strdup (reviewer);
  r->submitted = submitted;
  r->ratings[0] = rating;
  return r;
}

static GPtrArray *
fixture (CsmQaScorecard *s)
{
  GPtrArray *reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);

  /* Ann: 100, 75, 75, 50 (the first version of c4, 0, replaced). */
  g_ptr_array_add (reviews, review (s, "c1", "ann", "rosa", 100, 5));
  g_ptr_array_add (reviews, review (s, "c2", "ann", "rosa", 200, 4));
  g_ptr_array_add (reviews, review (s, "c3", "ann", "rosa", 300, 4));
  g_ptr_array_add (reviews, review (s, "c4", "ann", "rosa", 400, 1));
  g_ptr_array_add (reviews, review (s, "c4", "ann", "rosa", 450, 3));
  /* Bob: one review, 25; a calibration review that never counts. */
  g_ptr_array_add (reviews, review (s, "c5", "bob", "rosa", 500, 2));
  g_ptr_array_add (reviews, review (s, "c6", "bob", "sam", 600, 5));
  ((CsmQaReview *) reviews->pdata[reviews->len - 1])->calibration_session = g_strdup ("S");
  /* Outside the period. */
  g_ptr_array_add (reviews, review (s, "c7", "ann", "rosa", 5000, 1));
  return reviews;
}

static const CsmQaPrecisionRow *
row_of (GPtrArray  *rows,
        const char *agent)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (((CsmQaPrecisionRow *) rows->pdata[i])->agent, agent) == 0)
      return rows->pdata[i];
  return NULL;
}

/* Ann: mean 75, sd √(1250/3); t(0.975, 3) = 3.1824463; margin
 * 3.1824463 · 20.4124 / 2 = 32.48. Bob: one review, no margin; the reviews
 * ±5 needs from the team's deviation (Ann's four and Bob's one). */
static void
test_margins (void)
{
  g_autoptr(CsmQaScorecard) s = card ();
  g_autoptr(GPtrArray) reviews = fixture (s);
  g_autoptr(GPtrArray) rows = csm_qa_precision_compute (reviews, 0, 1000, NULL, NULL, 5);
  const CsmQaPrecisionRow *ann = row_of (rows, "ann");
  const CsmQaPrecisionRow *bob = row_of (rows, "bob");
  double team_sd;

  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpuint (ann->margin.n, ==, 4);
  g_assert_true (ann->margin.defined);
  g_assert_cmpfloat_with_epsilon (ann->margin.mean, 75, 1e-9);
  g_assert_cmpfloat_with_epsilon (ann->margin.sd, sqrt (1250.0 / 3), 1e-9);
  g_assert_cmpfloat_with_epsilon (ann->margin.margin, 3.1824463 * sqrt (1250.0 / 3) / 2, 1e-5);
  g_assert_false (ann->needed_from_team);
  g_assert_cmpuint (ann->needed, ==, csm_qa_reviews_needed (sqrt (1250.0 / 3), 5, 0));
  /* About (1.96 · 20.41 / 5)² = 64, a little more with t. */
  g_assert_cmpuint (ann->needed, >, 64);
  g_assert_cmpuint (ann->needed, <, 70);
  g_assert_cmpuint (ann->more, ==, ann->needed - 4);
  g_assert_cmpuint (ann->sampled, ==, 0);
  g_assert_false (ann->weighted_defined);

  /* Team: 100, 75, 75, 50, 25: mean 65, sd √(3250/4). */
  team_sd = sqrt (3250.0 / 4);
  g_assert_cmpuint (bob->margin.n, ==, 1);
  g_assert_false (bob->margin.defined);
  g_assert_cmpfloat (bob->margin.mean, ==, 25);
  g_assert_true (bob->needed_from_team);
  g_assert_cmpuint (bob->needed, ==, csm_qa_reviews_needed (team_sd, 5, 0));
  g_assert_cmpuint (bob->more, ==, bob->needed - 1);
}

/* Ann handled 5 conversations and 4 are reviewed: the finite population
 * correction √((5 − 4) / (5 − 1)) halves her margin, and 5 reviews (all
 * of them) is the most ±5 can need. */
static void
test_population (void)
{
  g_autoptr(CsmQaScorecard) s = card ();
  g_autoptr(GPtrArray) reviews = fixture (s);
  g_autoptr(GHashTable) population = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rows = NULL;

  g_hash_table_insert (population, (gpointer) "ann", GUINT_TO_POINTER (5));
  rows = csm_qa_precision_compute (reviews, 0, 1000, population, NULL, 5);
  g_assert_cmpfloat_with_epsilon (row_of (rows, "ann")->margin.margin,
                                  3.1824463 * sqrt (1250.0 / 3) / 2 * 0.5, 1e-5);
  g_assert_cmpuint (row_of (rows, "ann")->needed, ==, 5);
  g_assert_cmpuint (row_of (rows, "ann")->more, ==, 1);
}

/* Ann's c1, c2 and c3 were picked with probabilities 1, ½ and ¼ (the
 * riskier, the likelier): plain (100 + 75 + 75) / 3 = 83.3; weighted
 * (100/1 + 75/½ + 75/¼) / (1 + 2 + 4) = 550 / 7 = 78.6. */
static void
test_weighted (void)
{
  g_autoptr(CsmQaScorecard) s = card ();
  g_autoptr(GPtrArray) reviews = fixture (s);
  g_autoptr(GHashTable) probabilities = g_hash_table_new (g_str_hash, g_str_equal);
  static const double p[] = { 1.0, 0.5, 0.25 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *json = NULL;
  const CsmQaPrecisionRow *ann;

  g_hash_table_insert (probabilities, (gpointer) "c1", (gpointer) &p[0]);
  g_hash_table_insert (probabilities, (gpointer) "c2", (gpointer) &p[1]);
  g_hash_table_insert (probabilities, (gpointer) "c3", (gpointer) &p[2]);
  rows = csm_qa_precision_compute (reviews, 0, 1000, NULL, probabilities, 5);
  ann = row_of (rows, "ann");
  g_assert_cmpuint (ann->sampled, ==, 3);
  g_assert_true (ann->weighted_defined);
  g_assert_cmpfloat_with_epsilon (ann->sampled_iqs, 250.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (ann->weighted_iqs, 550.0 / 7, 1e-9);
  g_assert_false (row_of (rows, "bob")->weighted_defined);

  json = csm_qa_precision_to_json (rows, 5);
  g_assert_nonnull (strstr (json, "\"weighted_iqs\" : 78.6"));
  g_assert_nonnull (strstr (json, "\"sampled_iqs\" : 83.3"));
  g_assert_nonnull (strstr (json, "\"margin\" : 32.5"));
  g_assert_nonnull (strstr (json, "\"margin\" : null"));
}

static void
test_assignment_state (void)
{
  g_autoptr(CsmQaScorecard) s = card ();
  g_autoptr(GPtrArray) reviews = fixture (s);

  g_assert_cmpint (csm_qa_assignment_state ("c1", "rosa", 50, reviews, 2000), ==,
                   CSM_QA_ASSIGNMENT_DONE);
  /* Sam reviewed c6 for calibration only. */
  g_assert_cmpint (csm_qa_assignment_state ("c6", "sam", 2000, reviews, 2000), ==,
                   CSM_QA_ASSIGNMENT_OPEN);
  g_assert_cmpint (csm_qa_assignment_state ("c6", "sam", 2000, reviews, 2001), ==,
                   CSM_QA_ASSIGNMENT_OVERDUE);
  g_assert_cmpint (csm_qa_assignment_state ("c9", "rosa", 0, reviews, 99999), ==,
                   CSM_QA_ASSIGNMENT_OPEN);
  g_assert_cmpstr (csm_qa_assignment_state_to_string (CSM_QA_ASSIGNMENT_OVERDUE), ==, "overdue");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qa-precision/margins", test_margins);
  g_test_add_func ("/qa-precision/population", test_population);
  g_test_add_func ("/qa-precision/weighted", test_weighted);
  g_test_add_func ("/qa-precision/assignment-state", test_assignment_state);
  return g_test_run ();
}
