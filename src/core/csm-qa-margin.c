/* csm-qa-margin.c: how precise an IQS is: its 95 % margin of error, the reviews a target margin needs, a weighted sample's unbiased mean.
 *
 * An agent's IQS from n reviews with sample standard deviation s has the
 * 95 % margin t(0.975, n − 1) · s / √n, times √((N − n)/(N − 1)) when the
 * reviews are a large share of the agent's N conversations. The t
 * quantile is found by bisection on Student's distribution, whose
 * distribution function is the regularized incomplete beta function
 * (a continued fraction, Lentz's method), so small samples get the wider
 * margin they have, not the normal 1.96.
 *
 * The reviews a target margin E needs: the smallest n with
 * t(0.975, n − 1) · s / √n ≤ E (after the finite population correction
 * when N is known).
 *
 * A risk-weighted sample picks conversation i with probability p_i; the
 * mean Σ x_i/p_i / Σ 1/p_i (inverse-probability weights) estimates the
 * agent's IQS without the sample's tilt towards risky conversations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "csm-qa-margin.h"

#define MAX_ITERATIONS 300
#define EPSILON 1e-15
#define TINY 1e-300

/* The continued fraction of the incomplete beta function. */
static double
beta_fraction (double a,
               double b,
               double x)
{
  double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap, h;

  if (fabs (d) < TINY)
    d = TINY;
  d = 1 / d;
  h = d;
  for (int m = 1; m <= MAX_ITERATIONS; m++)
    {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((qam + m2) * (a + m2)), delta;

      d = 1 + aa * d;
      d = fabs (d) < TINY ? 1 / TINY : 1 / d;
      c = 1 + aa / c;
      if (fabs (c) < TINY)
        c = TINY;
      h *= d * c;
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
      d = 1 + aa * d;
      d = fabs (d) < TINY ? 1 / TINY : 1 / d;
      c = 1 + aa / c;
      if (fabs (c) < TINY)
        c = TINY;
      delta = d * c;
      h *= delta;
      if (fabs (delta - 1) < EPSILON)
        break;
    }
  return h;
}

/* The regularized incomplete beta function I_x(a, b). */
static double
incomplete_beta (double a,
                 double b,
                 double x)
{
  double front;

  if (x <= 0)
    return 0;
  if (x >= 1)
    return 1;
  front = exp (lgamma (a + b) - lgamma (a) - lgamma (b) + a * log (x) + b * log1p (-x));
  if (x < (a + 1) / (a + b + 2))
    return front * beta_fraction (a, b, x) / a;
  return 1 - front * beta_fraction (b, a, 1 - x) / b;
}

/* P(T ≤ t) for Student's t with @df degrees of freedom, t ≥ 0. */
static double
t_cdf (double t,
       double df)
{
  return 1 - 0.5 * incomplete_beta (df / 2, 0.5, df / (df + t * t));
}

/**
 * csm_qa_t_quantile:
 * @p: a probability, 0 < @p < 1
 * @df: degrees of freedom, > 0
 *
 * Returns: the @p quantile of Student's t distribution with @df degrees
 *   of freedom (t(0.975, 10) = 2.228…)
 */
double
csm_qa_t_quantile (double p,
                   double df)
{
  double lo = 0, hi = 1;

  g_return_val_if_fail (p > 0 && p < 1 && df > 0, NAN);

  if (p < 0.5)
    return -csm_qa_t_quantile (1 - p, df);
  if (p == 0.5)
    return 0;
  while (t_cdf (hi, df) < p && hi < 1e12)
    hi *= 2;
  for (int i = 0; i < 200 && hi - lo > 1e-12 * MAX (1, hi); i++)
    {
      double mid = (lo + hi) / 2;

      if (t_cdf (mid, df) < p)
        lo = mid;
      else
        hi = mid;
    }
  return (lo + hi) / 2;
}

/* The finite population correction for n of N, 1 when N is unknown (0)
 * or not larger than n. */
static double
finite_correction (guint n,
                   guint population)
{
  if (population <= 1 || population <= n)
    return population > 0 && population <= n ? 0 : 1;
  return sqrt ((double) (population - n) / (population - 1));
}

/**
 * csm_qa_margin:
 * @scores: (array length=n): review scores
 * @population: the conversations the reviews were drawn from, when known
 *   (0 otherwise): reviewing most of them narrows the margin
 *
 * Returns: the mean of @scores and its 95 % margin of error
 */
CsmQaMargin
csm_qa_margin (const double *scores,
               guint         n,
               guint         population)
{
  CsmQaMargin result = { 0 };
  double sum = 0, squares = 0;

  g_return_val_if_fail (scores != NULL || n == 0, result);

  result.n = n;
  if (n == 0)
    return result;
  for (guint i = 0; i < n; i++)
    sum += scores[i];
  result.mean = sum / n;
  if (n < 2)
    return result;
  for (guint i = 0; i < n; i++)
    squares += (scores[i] - result.mean) * (scores[i] - result.mean);
  result.sd = sqrt (squares / (n - 1));
  result.margin = csm_qa_t_quantile (0.975, n - 1) * result.sd / sqrt (n) *
                  finite_correction (n, population);
  result.defined = TRUE;
  return result;
}

/**
 * csm_qa_reviews_needed:
 * @sd: the scores' standard deviation (the agent's, or the team's)
 * @margin: the margin wanted, > 0
 * @population: as in csm_qa_margin()
 *
 * Returns: the fewest reviews whose 95 % margin is at most @margin (at
 *   least 2, or the whole population when it is smaller or when even that
 *   is not enough)
 */
guint
csm_qa_reviews_needed (double sd,
                       double margin,
                       guint  population)
{
  double z;
  guint n;

  g_return_val_if_fail (margin > 0 && sd >= 0, 0);

  if (sd == 0)
    return population > 0 ? MIN (2, population) : 2;
  /* From the normal approximation up: t only widens the margin. */
  z = 1.959963984540054 * sd / margin;
  n = MAX (2, (guint) floor (z * z));
  for (;; n++)
    {
      if (population > 0 && n >= population)
        return population;
      if (csm_qa_t_quantile (0.975, n - 1) * sd / sqrt (n) * finite_correction (n, population)
          <= margin)
        return n;
    }
}

/**
 * csm_qa_weighted_mean:
 * @scores: (array length=n): the sampled conversations' scores
 * @probabilities: (array length=n): the probability with which each was
 *   picked, > 0
 * @mean: (out): Σ score/p ÷ Σ 1/p
 *
 * Returns: %FALSE when there is nothing to average
 */
gboolean
csm_qa_weighted_mean (const double *scores,
                      const double *probabilities,
                      guint         n,
                      double       *mean)
{
  double weighted = 0, weights = 0;

  g_return_val_if_fail (mean != NULL, FALSE);

  for (guint i = 0; i < n; i++)
    {
      g_return_val_if_fail (probabilities[i] > 0 && probabilities[i] <= 1, FALSE);
      weighted += scores[i] / probabilities[i];
      weights += 1 / probabilities[i];
    }
  if (weights == 0)
    return FALSE;
  *mean = weighted / weights;
  return TRUE;
}
