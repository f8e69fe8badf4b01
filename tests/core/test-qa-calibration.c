/* test-qa-calibration.c: a calibration session's α, spread, most disagreeing conversations and reviewer bias, worked by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "csm-qa-calibration.h"

#define _ 0 /* no review of the conversation by this reviewer */
#define NA (-1)

static const char * const observers[] = { "ann", "bob", "cat", "dan" };

/* Krippendorff (2011)'s 4 observers × 12 units as a 5-point "Empathy";
 * unit 1's missing value is an N/A, the others reviews never written. The
 * binary "Greeting" is the same data with 3 and up as 2, the rest 1. */
static const int paper[12 * 4] = {
  1, 1, NA, 1,
  2, 2, 3, 2,
  3, 3, 3, 3,
  3, 3, 3, 3,
  2, 2, 2, 2,
  1, 2, 3, 4,
  4, 4, 4, 4,
  1, 1, 2, 1,
  2, 2, 2, 2,
  _, 5, 5, 5,
  _, _, 1, 1,
  _, 3, _, _,
};

static CsmQaScorecard *
card (int version,
      int greeting_scale)
{
  const CsmQaCategory categories[] = {
    { (char *) "Greeting", 20, greeting_scale, FALSE, FALSE, NULL },
    { (char *) "Empathy", 80, 5, TRUE, FALSE, NULL },
  };
  g_autoptr(GError) error = NULL;
  CsmQaScorecard *s = csm_qa_scorecard_new ("Support", version, categories, 2, &error);

  g_assert_no_error (error);
  return s;
}

static CsmQaReview *
review (CsmQaScorecard *s,
        const char     *session,
        const char     *conversation,
        const char     *reviewer,
        gint64          submitted,
        int             greeting,
        int             empathy)
{
  CsmQaReview *r = csm_qa_review_new (s);

  r->conversation = g_strdup (conversation);
  r->agent = g_strdup ("eve");
  r->reviewer = g_strdup (reviewer);
  r->submitted = submitted;
  r->calibration_session = g_strdup (session);
  r->ratings[0] = greeting;
  r->ratings[1] = empathy == NA ? CSM_QA_NA : empathy;
  return r;
}

static GPtrArray *
paper_reviews (CsmQaScorecard *s)
{
  GPtrArray *reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);

  for (guint u = 0; u < 12; u++)
    for (guint o = 0; o < 4; o++)
      {
        int v = paper[u * 4 + o];
        g_autofree char *conversation = g_strdup_printf ("%u", 101 + u);

        if (v == _)
          continue;
        g_ptr_array_add (reviews, review (s, "November", conversation, observers[o],
                                          1000 + u * 10 + o, v == NA || v < 3 ? 1 : 2, v));
      }
  return reviews;
}

static const CsmQaCalibrationCategory *
category (CsmQaCalibration *c,
          guint             i)
{
  return g_ptr_array_index (c->categories, i);
}

static const CsmQaCalibrationReviewer *
reviewer (CsmQaCalibration *c,
          const char       *name)
{
  for (guint i = 0; i < c->reviewers->len; i++)
    {
      const CsmQaCalibrationReviewer *r = g_ptr_array_index (c->reviewers, i);

      if (g_strcmp0 (r->reviewer, name) == 0)
        return r;
    }
  return NULL;
}

static const CsmQaDisagreement *
disagreeing (const CsmQaCalibrationCategory *c,
             guint                           i)
{
  return g_ptr_array_index (c->disagreeing, i);
}

static void
test_paper (void)
{
  g_autoptr(CsmQaScorecard) s = card (1, 2);
  g_autoptr(GPtrArray) reviews = paper_reviews (s);
  g_autoptr(CsmQaCalibration) c = NULL;
  const CsmQaCalibrationCategory *greeting, *empathy;

  /* Not of the session: no session, another one. */
  g_ptr_array_add (reviews, review (s, NULL, "101", "ann", 5000, 2, 5));
  g_ptr_array_add (reviews, review (s, "October", "106", "ann", 5000, 2, 5));
  c = csm_qa_calibration_compute (reviews, "November", NULL, CSM_QA_CALIBRATION_RESAMPLES,
                                  CSM_QA_CALIBRATION_SEED);

  g_assert_cmpstr (c->session, ==, "November");
  g_assert_null (c->gold);
  g_assert_cmpuint (c->reviews, ==, 42);
  g_assert_cmpuint (c->categories->len, ==, 2);

  /* Greeting, worked by hand (unit 1 has four 1s: Cat's N/A is Empathy's
   * alone): pairable units 1–11; o11 = 62/3, o12 = o21 = 7/3,
   * o22 = 47/3; n1 = 23, n2 = 18, n = 41;
   * α = 1 − 40 · (14/3) / (2 · 23 · 18) = 1 − 560/2484. */
  greeting = category (c, 0);
  g_assert_cmpstr (greeting->category, ==, "Greeting");
  g_assert_cmpint (greeting->level, ==, CSM_QA_ALPHA_NOMINAL);
  g_assert_cmpuint (greeting->reviewers, ==, 4);
  g_assert_cmpuint (greeting->conversations, ==, 11);
  g_assert_true (greeting->alpha.defined);
  g_assert_cmpfloat_with_epsilon (greeting->alpha.alpha, 1 - 560.0 / 2484.0, 1e-12);
  g_assert_false (greeting->flagged);
  /* Scores 0/100: unit 2 (0, 0, 100, 0) sd √1875; unit 6 (0, 0, 100, 100)
   * sd 50; every other unit agrees. */
  g_assert_true (greeting->spread_defined);
  g_assert_cmpfloat_with_epsilon (greeting->spread, (sqrt (1875) + 50) / 11, 1e-9);
  g_assert_cmpuint (greeting->disagreeing->len, ==, 2);
  g_assert_cmpstr (disagreeing (greeting, 0)->conversation, ==, "106");
  g_assert_cmpfloat_with_epsilon (disagreeing (greeting, 0)->spread, 50, 1e-9);
  g_assert_cmpstr (disagreeing (greeting, 1)->conversation, ==, "102");

  /* Empathy is the paper's ordinal example: N/A missing, unit 12 (one
   * rating) out. */
  empathy = category (c, 1);
  g_assert_cmpstr (empathy->category, ==, "Empathy");
  g_assert_cmpint (empathy->level, ==, CSM_QA_ALPHA_ORDINAL);
  g_assert_cmpuint (empathy->conversations, ==, 11);
  g_assert_cmpuint (empathy->alpha.values, ==, 40);
  g_assert_cmpfloat (round (empathy->alpha.alpha * 1000) / 1000, ==, 0.815);
  g_assert_true (empathy->alpha.interval);
  g_assert_cmpfloat (empathy->alpha.low, <=, empathy->alpha.alpha);
  g_assert_cmpfloat (empathy->alpha.high, >=, empathy->alpha.alpha);
  g_assert_cmpfloat (empathy->alpha.low, <, empathy->alpha.high);
  g_assert_false (empathy->flagged);
  /* Unit 6 (0, 25, 50, 75) sd √781.25; units 2 and 8 each √117.1875. */
  g_assert_cmpfloat_with_epsilon (empathy->spread,
                                  (sqrt (781.25) + 2 * sqrt (117.1875)) / 11, 1e-9);
  g_assert_cmpuint (empathy->disagreeing->len, ==, 3);
  g_assert_cmpstr (disagreeing (empathy, 0)->conversation, ==, "106");
  g_assert_cmpuint (disagreeing (empathy, 0)->ratings, ==, 4);
  g_assert_cmpstr (disagreeing (empathy, 1)->conversation, ==, "102");
  g_assert_cmpstr (disagreeing (empathy, 2)->conversation, ==, "108");

  /* Bias against the others' mean, both categories. Ann: Empathy −8⅓
   * (unit 2), −50 (6), −8⅓ (8) over 9; Greeting −33⅓ (2), −66⅔ (6) over
   * 9: −166⅔ / 18. Dan: Empathy −8⅓, +50, −8⅓ over 11; Greeting −33⅓,
   * +66⅔ over 11: +66⅔ / 22, |·| 166⅔ / 22. */
  g_assert_cmpuint (c->reviewers->len, ==, 4);
  g_assert_cmpuint (reviewer (c, "ann")->compared, ==, 18);
  g_assert_cmpfloat_with_epsilon (reviewer (c, "ann")->bias, -500.0 / 3 / 18, 1e-9);
  g_assert_cmpfloat_with_epsilon (reviewer (c, "ann")->agreement, 100 - 500.0 / 3 / 18, 1e-9);
  g_assert_cmpuint (reviewer (c, "dan")->compared, ==, 22);
  g_assert_cmpfloat_with_epsilon (reviewer (c, "dan")->bias, 200.0 / 3 / 22, 1e-9);
  g_assert_cmpfloat_with_epsilon (reviewer (c, "dan")->agreement, 100 - 500.0 / 3 / 22, 1e-9);
  /* Cat's N/A on unit 1 is not compared: Empathy units 2–11, Greeting 1–11. */
  g_assert_cmpuint (reviewer (c, "cat")->compared, ==, 21);
  /* By category: Ann's Empathy −66⅔ / 9, Greeting −100 / 9. */
  {
    const CsmQaCalibrationReviewer *ann_greeting = g_ptr_array_index (greeting->reviewers_bias, 0);
    const CsmQaCalibrationReviewer *ann_empathy = g_ptr_array_index (empathy->reviewers_bias, 0);

    g_assert_cmpuint (greeting->reviewers_bias->len, ==, 4);
    g_assert_cmpstr (ann_empathy->reviewer, ==, "ann");
    g_assert_cmpuint (ann_empathy->compared, ==, 9);
    g_assert_cmpfloat_with_epsilon (ann_empathy->bias, -200.0 / 3 / 9, 1e-9);
    g_assert_cmpfloat_with_epsilon (ann_greeting->bias, -100.0 / 9, 1e-9);
  }
}

/* With Dan as the gold standard, Ann is measured against Dan alone: unit 6
 * Empathy 0 vs 75, Greeting 0 vs 100, over the 18 ratings they share. */
static void
test_gold (void)
{
  g_autoptr(CsmQaScorecard) s = card (1, 2);
  g_autoptr(GPtrArray) reviews = paper_reviews (s);
  g_autoptr(CsmQaCalibration) c = csm_qa_calibration_compute (reviews, "November", "dan", 200, 7);

  g_assert_cmpstr (c->gold, ==, "dan");
  g_assert_cmpuint (c->reviewers->len, ==, 3);
  g_assert_null (reviewer (c, "dan"));
  g_assert_cmpuint (reviewer (c, "ann")->compared, ==, 18);
  g_assert_cmpfloat_with_epsilon (reviewer (c, "ann")->bias, -175.0 / 18, 1e-9);
  g_assert_cmpfloat_with_epsilon (reviewer (c, "ann")->agreement, 100 - 175.0 / 18, 1e-9);
  /* Bob rated unit 12 alone: no reference there. Units 1–10 in both. */
  g_assert_cmpuint (reviewer (c, "bob")->compared, ==, 20);
  /* The gold reviewer still counts in α. */
  g_assert_cmpfloat (round (category (c, 1)->alpha.alpha * 1000) / 1000, ==, 0.815);

  /* A gold reviewer who has reviewed nothing: nothing compared (not the
   * consensus under the gold standard's name). */
  {
    g_autoptr(CsmQaCalibration) absent = csm_qa_calibration_compute (reviews, "November", "eve",
                                                                     200, 7);

    g_assert_cmpuint (absent->reviewers->len, ==, 4);
    g_assert_false (reviewer (absent, "ann")->defined);
    g_assert_cmpuint (reviewer (absent, "ann")->compared, ==, 0);
  }
}

/* A reviewer who scores again after seeing the others' scores changes
 * nothing: the first submission is the blind one. The interval is the
 * same for the same seed. */
static void
test_first_submission_counts (void)
{
  g_autoptr(CsmQaScorecard) s = card (1, 2);
  g_autoptr(GPtrArray) reviews = paper_reviews (s);
  g_autoptr(CsmQaCalibration) before = csm_qa_calibration_compute (reviews, "November", NULL,
                                                                  300, 42);
  g_autoptr(CsmQaCalibration) after = NULL;

  g_ptr_array_add (reviews, review (s, "November", "106", "ann", 9000, 2, 4));
  after = csm_qa_calibration_compute (reviews, "November", NULL, 300, 42);
  g_ptr_array_remove_index (reviews, reviews->len - 1);
  g_assert_cmpuint (after->reviews, ==, before->reviews);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpfloat (category (after, i)->alpha.alpha, ==, category (before, i)->alpha.alpha);
      g_assert_cmpfloat (category (after, i)->alpha.low, ==, category (before, i)->alpha.low);
      g_assert_cmpfloat (category (after, i)->alpha.high, ==, category (before, i)->alpha.high);
      g_assert_cmpfloat (category (after, i)->spread, ==, category (before, i)->spread);
    }
  g_assert_cmpfloat (reviewer (after, "ann")->bias, ==, reviewer (before, "ann")->bias);

  /* First by time, not by place: a review dated earlier but listed last
   * is the one that counts (the workspace refuses one made later). */
  g_clear_pointer (&after, csm_qa_calibration_free);
  g_ptr_array_add (reviews, review (s, "November", "106", "ann", 1, 2, 4));
  after = csm_qa_calibration_compute (reviews, "November", NULL, 300, 42);
  g_assert_cmpuint (after->reviews, ==, before->reviews);
  g_assert_cmpfloat (category (after, 1)->alpha.alpha, !=, category (before, 1)->alpha.alpha);
  /* Ann on 106 is now Empathy 4 (75) against the others' mean
   * (25 + 50 + 75) / 3 = 50: +25, not −50; Greeting 2 (100) against
   * (0 + 100 + 100) / 3: +33⅓, not −66⅔. Her bias moves by 175 / 18. */
  g_assert_cmpfloat_with_epsilon (reviewer (after, "ann")->bias,
                                  reviewer (before, "ann")->bias + 175.0 / 18, 1e-9);
}

/* Two reviewers of a 3-point "Greeting" who disagree (rated on another
 * version, Greeting on 3 points: the 2-point reviews of it are missing). */
static void
test_flagged_and_other_scale (void)
{
  g_autoptr(CsmQaScorecard) two = card (1, 2);
  g_autoptr(CsmQaScorecard) three = card (2, 3);
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  g_autoptr(CsmQaCalibration) c = NULL;
  const CsmQaCalibrationCategory *greeting;

  g_ptr_array_add (reviews, review (three, "S", "1", "ann", 10, 1, 3));
  g_ptr_array_add (reviews, review (three, "S", "1", "bob", 11, 3, 3));
  g_ptr_array_add (reviews, review (three, "S", "2", "ann", 12, 3, 4));
  g_ptr_array_add (reviews, review (three, "S", "2", "bob", 13, 1, 4));
  g_ptr_array_add (reviews, review (three, "S", "3", "ann", 14, 2, 5));
  g_ptr_array_add (reviews, review (three, "S", "3", "bob", 15, 2, 5));
  g_ptr_array_add (reviews, review (two, "S", "3", "cat", 9, 2, 5));
  c = csm_qa_calibration_compute (reviews, "S", NULL, 100, 1);

  greeting = category (c, 0);
  g_assert_cmpint (greeting->scale, ==, 3);
  g_assert_cmpint (greeting->level, ==, CSM_QA_ALPHA_ORDINAL);
  /* Cat rated Greeting on 2 points: not comparable, so not a rating. */
  g_assert_cmpuint (greeting->reviewers, ==, 2);
  g_assert_cmpuint (greeting->conversations, ==, 3);
  g_assert_true (greeting->alpha.defined);
  g_assert_cmpfloat (greeting->alpha.alpha, <, CSM_QA_CALIBRATION_ALPHA_LOW);
  g_assert_true (greeting->flagged);
  /* Units 1 and 2: scores 0 and 100, sd 50; unit 3 agrees. */
  g_assert_cmpfloat_with_epsilon (greeting->spread, 100.0 / 3, 1e-9);
  g_assert_cmpuint (greeting->disagreeing->len, ==, 2);
  g_assert_cmpstr (disagreeing (greeting, 0)->conversation, ==, "1");
  g_assert_cmpstr (disagreeing (greeting, 1)->conversation, ==, "2");

  /* Empathy agrees within each unit, with different values across
   * units: α = 1, not flagged. */
  g_assert_true (category (c, 1)->alpha.defined);
  g_assert_cmpfloat (category (c, 1)->alpha.alpha, ==, 1.0);
  g_assert_false (category (c, 1)->flagged);
  g_assert_cmpuint (category (c, 1)->reviewers, ==, 3);
  g_assert_cmpfloat (category (c, 1)->spread, ==, 0.0);
  g_assert_cmpuint (category (c, 1)->disagreeing->len, ==, 0);
}

/* One rating a conversation, and every value the same: no α (undefined,
 * never 1 or 0), nothing flagged; no session at all: no category. */
static void
test_undefined (void)
{
  g_autoptr(CsmQaScorecard) s = card (1, 2);
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  g_autoptr(CsmQaCalibration) one = NULL;
  g_autoptr(CsmQaCalibration) same = NULL;
  g_autoptr(CsmQaCalibration) none = NULL;

  g_ptr_array_add (reviews, review (s, "one", "1", "ann", 10, 1, 3));
  g_ptr_array_add (reviews, review (s, "one", "2", "bob", 11, 2, 4));
  one = csm_qa_calibration_compute (reviews, "one", NULL, 100, 1);
  g_assert_cmpuint (one->categories->len, ==, 2);
  g_assert_false (category (one, 0)->alpha.defined);
  g_assert_false (category (one, 0)->flagged);
  g_assert_cmpuint (category (one, 0)->conversations, ==, 0);
  g_assert_false (category (one, 0)->spread_defined);
  g_assert_false (reviewer (one, "ann")->defined);

  g_ptr_array_add (reviews, review (s, "same", "1", "ann", 10, 2, 4));
  g_ptr_array_add (reviews, review (s, "same", "1", "bob", 11, 2, 4));
  g_ptr_array_add (reviews, review (s, "same", "2", "ann", 12, 2, 4));
  g_ptr_array_add (reviews, review (s, "same", "2", "bob", 13, 2, 4));
  same = csm_qa_calibration_compute (reviews, "same", NULL, 100, 1);
  g_assert_false (category (same, 1)->alpha.defined);
  g_assert_false (category (same, 1)->flagged);
  g_assert_cmpuint (category (same, 1)->conversations, ==, 2);
  g_assert_cmpfloat (category (same, 1)->spread, ==, 0.0);
  g_assert_true (reviewer (same, "ann")->defined);
  g_assert_cmpfloat (reviewer (same, "ann")->agreement, ==, 100.0);

  none = csm_qa_calibration_compute (reviews, "never", NULL, 100, 1);
  g_assert_cmpuint (none->reviews, ==, 0);
  g_assert_cmpuint (none->categories->len, ==, 0);
  g_assert_cmpuint (none->reviewers->len, ==, 0);
  g_assert_cmpstr (csm_qa_alpha_level_to_string (CSM_QA_ALPHA_NOMINAL), ==, "nominal");
  g_assert_cmpstr (csm_qa_alpha_level_to_string (CSM_QA_ALPHA_ORDINAL), ==, "ordinal");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qa-calibration/paper", test_paper);
  g_test_add_func ("/qa-calibration/gold", test_gold);
  g_test_add_func ("/qa-calibration/first-submission-counts", test_first_submission_counts);
  g_test_add_func ("/qa-calibration/flagged-and-other-scale", test_flagged_and_other_scale);
  g_test_add_func ("/qa-calibration/undefined", test_undefined);
  return g_test_run ();
}
