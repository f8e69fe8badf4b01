/* csm-qa-alpha.c: Krippendorff's α: how far reviewers agree beyond chance, with a bootstrap interval.
 *
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability". The
 * data are units (conversations) × observers (reviewers), a cell a value
 * or missing. A unit with m ≥ 2 values adds, for every ordered pair of
 * values (c, k) from different observers, 1/(m − 1) to the coincidence
 * o[c][k]; n_c = Σ_k o[c][k], n = Σ_c n_c. Then
 *
 *   α = 1 − (n − 1) · Σ o[c][k]·δ²(c, k) / Σ n_c·n_k·δ²(c, k)
 *
 * with δ² by level: nominal 1 for c ≠ k; ordinal
 * (Σ_{g=c..k} n_g − (n_c + n_k)/2)² over the values from c to k; interval
 * (c − k)². When every value is the same the expected disagreement is 0
 * and α is undefined: said so, never 1 or NaN.
 *
 * A unit's coincidences depend on its counts of each value alone, so they
 * are summed from those counts: the bootstrap (units resampled with
 * replacement, seeded, percentiles 2.5 and 97.5 by linear interpolation
 * between order statistics) costs V² a unit drawn, V the distinct values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "csm-qa-alpha.h"

typedef struct
{
  guint n_values;     /* V: the distinct values, sorted */
  int *value;
  guint n_units;      /* the pairable units */
  guint *counts;      /* n_units × V: how often each value is in the unit */
  guint *m;           /* n_units: the unit's values */
  guint n_all;        /* the values in pairable units */
  double *o;          /* V × V scratch: coincidences */
  double *marginal;   /* V scratch: n_c */
  double *cumulative; /* V + 1 scratch: Σ_{g<c} n_g */
} Data;

static int
compare_int (const void *a,
             const void *b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static guint
value_index (const Data *d,
             int         value)
{
  const int *found = bsearch (&value, d->value, d->n_values, sizeof (int), compare_int);

  g_assert (found != NULL);
  return (guint) (found - d->value);
}

static void
data_init (Data      *d,
           const int *data,
           guint      n_units,
           guint      n_observers)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (int));
  guint distinct = 0;

  memset (d, 0, sizeof *d);
  for (gsize i = 0; i < (gsize) n_units * n_observers; i++)
    if (data[i] != CSM_QA_ALPHA_MISSING)
      g_array_append_val (values, data[i]);
  g_array_sort (values, compare_int);
  for (guint i = 0; i < values->len; i++)
    if (distinct == 0 || g_array_index (values, int, i) != g_array_index (values, int,
                                                                           distinct - 1))
      g_array_index (values, int, distinct++) = g_array_index (values, int, i);
  d->n_values = distinct;
  d->value = g_memdup2 (values->data, sizeof (int) * MAX (distinct, 1));
  d->counts = g_new0 (guint, (gsize) n_units * MAX (distinct, 1));
  d->m = g_new0 (guint, MAX (n_units, 1));
  for (guint u = 0; u < n_units; u++)
    {
      guint *row = d->counts + (gsize) d->n_units * d->n_values;
      guint m = 0;

      for (guint j = 0; j < n_observers; j++)
        {
          int v = data[(gsize) u * n_observers + j];

          if (v == CSM_QA_ALPHA_MISSING)
            continue;
          row[value_index (d, v)]++;
          m++;
        }
      if (m < 2)
        {
          memset (row, 0, sizeof (guint) * d->n_values);
          continue;
        }
      d->m[d->n_units++] = m;
      d->n_all += m;
    }
  d->o = g_new0 (double, (gsize) MAX (d->n_values, 1) * MAX (d->n_values, 1));
  d->marginal = g_new0 (double, MAX (d->n_values, 1));
  d->cumulative = g_new0 (double, d->n_values + 1);
}

static void
data_clear (Data *d)
{
  g_free (d->value);
  g_free (d->counts);
  g_free (d->m);
  g_free (d->o);
  g_free (d->marginal);
  g_free (d->cumulative);
}

static double
delta2 (const Data      *d,
        CsmQaAlphaLevel  level,
        guint            c,
        guint            k)
{
  double x;

  if (c == k)
    return 0;
  switch (level)
    {
    case CSM_QA_ALPHA_NOMINAL:
      return 1;
    case CSM_QA_ALPHA_INTERVAL:
      x = (double) d->value[c] - (double) d->value[k];
      return x * x;
    case CSM_QA_ALPHA_ORDINAL:
    default:
      {
        guint lo = MIN (c, k), hi = MAX (c, k);

        x = d->cumulative[hi + 1] - d->cumulative[lo] -
            (d->marginal[lo] + d->marginal[hi]) / 2;
        return x * x;
      }
    }
}

/* α of the units in @chosen (indices into the pairable units, repeats
 * allowed), or of every pairable unit once when @chosen is NULL. */
static CsmQaAlpha
alpha_of (Data            *d,
          CsmQaAlphaLevel  level,
          const guint     *chosen,
          guint            n_chosen)
{
  CsmQaAlpha result = { 0 };
  guint V = d->n_values;
  double n = 0, observed = 0, expected = 0;

  memset (d->o, 0, sizeof (double) * V * V);
  for (guint i = 0; i < n_chosen; i++)
    {
      guint u = chosen != NULL ? chosen[i] : i;
      const guint *row = d->counts + (gsize) u * V;
      double per_pair = 1.0 / (d->m[u] - 1);

      for (guint c = 0; c < V; c++)
        {
          if (row[c] == 0)
            continue;
          for (guint k = 0; k < V; k++)
            if (row[k] != 0)
              d->o[c * V + k] += (double) row[c] * (c == k ? row[c] - 1 : row[k]) * per_pair;
        }
      result.values += d->m[u];
    }
  result.units = n_chosen;
  d->cumulative[0] = 0;
  for (guint c = 0; c < V; c++)
    {
      d->marginal[c] = 0;
      for (guint k = 0; k < V; k++)
        d->marginal[c] += d->o[c * V + k];
      n += d->marginal[c];
      d->cumulative[c + 1] = d->cumulative[c] + d->marginal[c];
    }
  for (guint c = 0; c < V; c++)
    for (guint k = 0; k < V; k++)
      if (c != k)
        {
          double w = delta2 (d, level, c, k);

          observed += d->o[c * V + k] * w;
          expected += d->marginal[c] * d->marginal[k] * w;
        }
  if (n_chosen == 0 || n < 2 || expected <= 0)
    return result;
  result.defined = TRUE;
  result.alpha = 1 - (n - 1) * observed / expected;
  return result;
}

/**
 * csm_qa_alpha:
 * @data: (array length=n_units*n_observers): row by unit, a column an
 *   observer; %CSM_QA_ALPHA_MISSING where there is no value
 *
 * Returns: α of @data at @level
 */
CsmQaAlpha
csm_qa_alpha (const int       *data,
              guint            n_units,
              guint            n_observers,
              CsmQaAlphaLevel  level)
{
  Data d;
  CsmQaAlpha result;

  g_return_val_if_fail (data != NULL || n_units * n_observers == 0, (CsmQaAlpha) { 0 });

  data_init (&d, data, n_units, n_observers);
  result = alpha_of (&d, level, NULL, d.n_units);
  data_clear (&d);
  return result;
}

/* The @p quantile of @sorted (type 7: linear between order statistics). */
static double
quantile (const double *sorted,
          guint         n,
          double        p)
{
  double h = (n - 1) * p;
  guint lo = (guint) h;

  if (lo + 1 >= n)
    return sorted[n - 1];
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

/**
 * csm_qa_alpha_bootstrap:
 * @resamples: how many times the units are resampled (1,000 as a rule)
 * @seed: the resampling's seed: the same data and seed give the same
 *   interval
 *
 * α as csm_qa_alpha(), and its 95 % interval: the pairable units resampled
 * with replacement @resamples times; resamples where α is undefined are
 * left out, and with none left the interval is not set.
 */
CsmQaAlpha
csm_qa_alpha_bootstrap (const int       *data,
                        guint            n_units,
                        guint            n_observers,
                        CsmQaAlphaLevel  level,
                        guint            resamples,
                        guint32          seed)
{
  Data d;
  CsmQaAlpha result;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree guint *chosen = NULL;
  g_autofree double *alphas = NULL;
  guint n_defined = 0;

  g_return_val_if_fail (data != NULL || n_units * n_observers == 0, (CsmQaAlpha) { 0 });

  data_init (&d, data, n_units, n_observers);
  result = alpha_of (&d, level, NULL, d.n_units);
  if (!result.defined || resamples == 0)
    {
      data_clear (&d);
      return result;
    }
  chosen = g_new (guint, d.n_units);
  alphas = g_new (double, resamples);
  for (guint r = 0; r < resamples; r++)
    {
      CsmQaAlpha again;

      for (guint i = 0; i < d.n_units; i++)
        chosen[i] = (guint) g_rand_int_range (rand, 0, (gint32) d.n_units);
      again = alpha_of (&d, level, chosen, d.n_units);
      if (again.defined)
        alphas[n_defined++] = again.alpha;
    }
  if (n_defined > 0)
    {
      qsort (alphas, n_defined, sizeof (double), compare_double);
      result.interval = TRUE;
      result.low = quantile (alphas, n_defined, 0.025);
      result.high = quantile (alphas, n_defined, 0.975);
    }
  data_clear (&d);
  return result;
}
