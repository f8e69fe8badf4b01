/* bench-qa-alpha.c: Krippendorff's α with its bootstrap interval for a large calibration: 200 conversations × 10 reviewers × 5 categories.
 *
 * Each category is an ordinal 5-point scale; a reviewer rates near the
 * conversation's true score, sometimes one point off, and 10 % of the
 * cells are missing (N/A). The figure is the time for all five
 * categories, 1,000 resamples each, as the calibration results will ask
 * for off the main loop. Goal: ≤ 500 ms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "csm-qa-alpha.h"

#define CONVERSATIONS 200
#define REVIEWERS 10
#define CATEGORIES 5
#define RUNS 7

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autofree int *data = g_new (int, (gsize) CATEGORIES * CONVERSATIONS * REVIEWERS);
  double times[RUNS];
  CsmQaAlpha last[CATEGORIES];

  for (guint c = 0; c < CATEGORIES; c++)
    for (guint u = 0; u < CONVERSATIONS; u++)
      {
        int truth = g_rand_int_range (rand, 1, 6);

        for (guint r = 0; r < REVIEWERS; r++)
          {
            int *cell = data + ((gsize) c * CONVERSATIONS + u) * REVIEWERS + r;
            int off = g_rand_int_range (rand, 0, 10) < 3 ? g_rand_int_range (rand, -1, 2) : 0;

            *cell = g_rand_int_range (rand, 0, 10) == 0 ? CSM_QA_ALPHA_MISSING
                                                        : CLAMP (truth + off, 1, 5);
          }
      }
  for (guint run = 0; run < RUNS; run++)
    {
      gint64 t0 = g_get_monotonic_time ();

      for (guint c = 0; c < CATEGORIES; c++)
        last[c] = csm_qa_alpha_bootstrap (data + (gsize) c * CONVERSATIONS * REVIEWERS,
                                          CONVERSATIONS, REVIEWERS, CSM_QA_ALPHA_ORDINAL, 1000,
                                          1 + c);
      times[run] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  qsort (times, RUNS, sizeof (double), compare_double);
  g_print ("Krippendorff's alpha with a 1,000-resample bootstrap interval, %d conversations x "
           "%d reviewers x %d categories (ordinal): %.0f ms median of %d, %.0f ms worst "
           "(goal <= 500)\n", CONVERSATIONS, REVIEWERS, CATEGORIES, times[RUNS / 2], RUNS,
           times[RUNS - 1]);
  for (guint c = 0; c < CATEGORIES; c++)
    g_print ("  category %u: alpha %.3f [%.3f, %.3f] over %u conversations\n", c + 1,
             last[c].alpha, last[c].low, last[c].high, last[c].units);
  return 0;
}
