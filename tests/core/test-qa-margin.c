/* test-qa-margin.c: known answers for the margin of error of an IQS, the reviews a target margin needs, and the inverse-probability-weighted mean.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "csm-qa-margin.h"

/* Student's t quantiles from the published tables. */
static void
test_t_quantiles (void)
{
  static const struct
  {
    double p, df, t;
  } table[] = {
    { 0.975, 1, 12.7062 }, { 0.975, 2, 4.3027 }, { 0.975, 3, 3.1824 }, { 0.975, 5, 2.5706 },
    { 0.975, 10, 2.2281 }, { 0.975, 30, 2.0423 }, { 0.975, 120, 1.9799 },
    { 0.975, 1000, 1.9623 }, { 0.95, 10, 1.8125 }, { 0.995, 20, 2.8453 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      double t = csm_qa_t_quantile (table[i].p, table[i].df);

      g_assert_cmpfloat_with_epsilon (t, table[i].t, 5e-5);
      g_assert_cmpfloat_with_epsilon (csm_qa_t_quantile (1 - table[i].p, table[i].df), -t,
                                      1e-9);
    }
  g_assert_cmpfloat (csm_qa_t_quantile (0.5, 7), ==, 0);
  /* Towards the normal's 1.959964 for many degrees of freedom. */
  g_assert_cmpfloat_with_epsilon (csm_qa_t_quantile (0.975, 1e7), 1.959964, 1e-5);
}

/* 80, 90, 100, 70: mean 85, s = √(500/3) = 12.9099; t(0.975, 3) =
 * 3.18245: margin 3.18245 × 12.9099 / 2 = 20.543. Of 8 conversations in
 * all: × √(4/7). */
static void
test_margin (void)
{
  static const double scores[] = { 80, 90, 100, 70 };
  CsmQaMargin m = csm_qa_margin (scores, 4, 0);
  CsmQaMargin finite = csm_qa_margin (scores, 4, 8);
  CsmQaMargin all = csm_qa_margin (scores, 4, 4);
  CsmQaMargin one = csm_qa_margin (scores, 1, 0);
  CsmQaMargin none = csm_qa_margin (NULL, 0, 0);

  g_assert_true (m.defined);
  g_assert_cmpuint (m.n, ==, 4);
  g_assert_cmpfloat_with_epsilon (m.mean, 85, 1e-12);
  g_assert_cmpfloat_with_epsilon (m.sd, sqrt (500.0 / 3), 1e-12);
  g_assert_cmpfloat_with_epsilon (m.margin, 3.182446 * sqrt (500.0 / 3) / 2, 1e-4);
  g_assert_cmpfloat_with_epsilon (finite.margin, m.margin * sqrt (4.0 / 7), 1e-9);
  /* Every conversation reviewed: the mean is the agent's, exactly. */
  g_assert_cmpfloat (all.margin, ==, 0);
  /* One review: a mean, no spread, no margin. */
  g_assert_false (one.defined);
  g_assert_cmpfloat (one.mean, ==, 80);
  g_assert_false (none.defined);
  g_assert_cmpuint (none.n, ==, 0);
}

/* s = 15, ±5 wanted: n = 37 gives 2.02809 × 15 / √37 = 5.001, n = 38 gives
 * 2.02619 × 15 / √38 = 4.930. */
static void
test_reviews_needed (void)
{
  guint n = csm_qa_reviews_needed (15, 5, 0);

  g_assert_cmpuint (n, ==, 38);
  g_assert_cmpfloat (csm_qa_t_quantile (0.975, n - 1) * 15 / sqrt (n), <=, 5);
  g_assert_cmpfloat (csm_qa_t_quantile (0.975, n - 2) * 15 / sqrt (n - 1), >, 5);
  /* An agent with 40 conversations in all needs fewer. */
  g_assert_cmpuint (csm_qa_reviews_needed (15, 5, 40), <, 38);
  /* One with 20 cannot reach it short of all 20. */
  g_assert_cmpuint (csm_qa_reviews_needed (50, 1, 20), ==, 20);
  g_assert_cmpuint (csm_qa_reviews_needed (0, 5, 0), ==, 2);
  /* All alike, and the agent handled one conversation: that one. */
  g_assert_cmpuint (csm_qa_reviews_needed (0, 5, 1), ==, 1);
}

/* A population whose true IQS is known; conversations with low scores are
 * likelier to be picked (risk weighting), each kept with its own
 * probability. The plain mean of such samples is tilted low; weighted by
 * 1/p it is not, over many seeds. */
static void
test_weighted_mean_unbiased (void)
{
  enum { N = 4000, SEEDS = 300 };
  g_autofree double *score = g_new (double, N);
  g_autofree double *p = g_new (double, N);
  g_autoptr(GRand) population = g_rand_new_with_seed (11);
  double truth = 0, weighted_sum = 0, plain_sum = 0;

  for (guint i = 0; i < N; i++)
    {
      score[i] = CLAMP (g_rand_double_range (population, 40, 100), 0, 100);
      /* 3 % of the high scores are picked, up to 15 % of the low. */
      p[i] = 0.03 + 0.12 * (100 - score[i]) / 60;
      truth += score[i] / N;
    }
  for (guint seed = 0; seed < SEEDS; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (1000 + seed);
      g_autoptr(GArray) picked = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) chance = g_array_new (FALSE, FALSE, sizeof (double));
      double mean, plain = 0;

      for (guint i = 0; i < N; i++)
        if (g_rand_double (rand) < p[i])
          {
            g_array_append_val (picked, score[i]);
            g_array_append_val (chance, p[i]);
            plain += score[i];
          }
      g_assert_true (csm_qa_weighted_mean ((double *) picked->data, (double *) chance->data,
                                           picked->len, &mean));
      weighted_sum += mean;
      plain_sum += plain / picked->len;
    }
  g_test_message ("true %.2f, weighted %.2f, plain %.2f", truth, weighted_sum / SEEDS,
                  plain_sum / SEEDS);
  g_assert_cmpfloat_with_epsilon (weighted_sum / SEEDS, truth, 0.3);
  /* The plain mean is the tilted one, by far more. */
  g_assert_cmpfloat (truth - plain_sum / SEEDS, >, 3);

  {
    double mean = -1;

    g_assert_false (csm_qa_weighted_mean (NULL, NULL, 0, &mean));
    g_assert_cmpfloat (mean, ==, -1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qa/margin/t-quantiles", test_t_quantiles);
  g_test_add_func ("/qa/margin/margin", test_margin);
  g_test_add_func ("/qa/margin/reviews-needed", test_reviews_needed);
  g_test_add_func ("/qa/margin/weighted-mean-unbiased", test_weighted_mean_unbiased);
  return g_test_run ();
}
