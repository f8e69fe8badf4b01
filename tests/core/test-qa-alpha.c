/* test-qa-alpha.c: Krippendorff's α against the published worked example and hand-worked cases, and its bootstrap interval.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "csm-qa-alpha.h"

#define _ CSM_QA_ALPHA_MISSING

/* Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4
 * observers × 12 units, as units (rows) × observers A, B, C, D. */
static const int paper[12 * 4] = {
  1, 1, _, 1,
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

static double
round3 (double x)
{
  return round (x * 1000) / 1000;
}

static void
test_paper (void)
{
  CsmQaAlpha nominal = csm_qa_alpha (paper, 12, 4, CSM_QA_ALPHA_NOMINAL);
  CsmQaAlpha ordinal = csm_qa_alpha (paper, 12, 4, CSM_QA_ALPHA_ORDINAL);
  CsmQaAlpha interval = csm_qa_alpha (paper, 12, 4, CSM_QA_ALPHA_INTERVAL);

  g_assert_true (nominal.defined && ordinal.defined && interval.defined);
  g_assert_cmpfloat (round3 (nominal.alpha), ==, 0.743);
  g_assert_cmpfloat (round3 (ordinal.alpha), ==, 0.815);
  g_assert_cmpfloat (round3 (interval.alpha), ==, 0.849);
  /* Unit 12 has one value: it drops out; 40 values in the other 11. */
  g_assert_cmpuint (nominal.units, ==, 11);
  g_assert_cmpuint (nominal.values, ==, 40);
  g_assert_false (nominal.interval);
}

/* 2 observers × 4 units: (1,1) (1,2) (2,2) (2,2). o11 = 2, o12 = o21 = 1,
 * o22 = 4; n1 = 3, n2 = 5, n = 8. Nominal: 1 − 7·2/30 = 8/15. With two
 * values every level agrees: ordinal δ² = (8 − 4)² = 16, 1 − 7·32/480;
 * interval δ² = 1. */
static void
test_hand_worked (void)
{
  static const int data[4 * 2] = { 1, 1, 1, 2, 2, 2, 2, 2 };

  for (CsmQaAlphaLevel level = CSM_QA_ALPHA_NOMINAL; level <= CSM_QA_ALPHA_INTERVAL; level++)
    {
      CsmQaAlpha a = csm_qa_alpha (data, 4, 2, level);

      g_assert_true (a.defined);
      g_assert_cmpfloat_with_epsilon (a.alpha, 8.0 / 15, 1e-12);
      g_assert_cmpuint (a.units, ==, 4);
      g_assert_cmpuint (a.values, ==, 8);
    }
}

/* The ordinal metric weighs by the values between: disagreeing 1 against
 * 3 costs more than 1 against 2, and interval by the squared distance. */
static void
test_levels_differ (void)
{
  static const int near[3 * 2] = { 1, 2, 2, 2, 3, 3 };
  static const int far[3 * 2] = { 1, 3, 2, 2, 3, 3 };

  g_assert_cmpfloat (csm_qa_alpha (near, 3, 2, CSM_QA_ALPHA_INTERVAL).alpha, >,
                     csm_qa_alpha (far, 3, 2, CSM_QA_ALPHA_INTERVAL).alpha);
  g_assert_cmpfloat (csm_qa_alpha (near, 3, 2, CSM_QA_ALPHA_ORDINAL).alpha, >,
                     csm_qa_alpha (far, 3, 2, CSM_QA_ALPHA_ORDINAL).alpha);
}

static void
test_perfect_agreement (void)
{
  static const int data[3 * 3] = { 1, 1, 1, 2, 2, _, 5, 5, 5 };

  for (CsmQaAlphaLevel level = CSM_QA_ALPHA_NOMINAL; level <= CSM_QA_ALPHA_INTERVAL; level++)
    {
      CsmQaAlpha a = csm_qa_alpha_bootstrap (data, 3, 3, level, 200, 7);

      g_assert_true (a.defined);
      g_assert_cmpfloat (a.alpha, ==, 1);
      /* Every resample that has two values agrees perfectly too. */
      g_assert_true (a.interval);
      g_assert_cmpfloat (a.low, ==, 1);
      g_assert_cmpfloat (a.high, ==, 1);
    }
}

static void
test_undefined (void)
{
  /* One rating a unit: nothing pairable. */
  static const int lonely[3 * 3] = { 1, _, _, _, 2, _, _, _, 3 };
  /* Every value the same: no expected disagreement. */
  static const int same[2 * 3] = { 4, 4, 4, 4, _, 4 };
  CsmQaAlpha a = csm_qa_alpha (lonely, 3, 3, CSM_QA_ALPHA_NOMINAL);

  g_assert_false (a.defined);
  g_assert_cmpuint (a.units, ==, 0);
  a = csm_qa_alpha (same, 2, 3, CSM_QA_ALPHA_ORDINAL);
  g_assert_false (a.defined);
  g_assert_cmpuint (a.units, ==, 2);
  a = csm_qa_alpha_bootstrap (same, 2, 3, CSM_QA_ALPHA_ORDINAL, 100, 1);
  g_assert_false (a.defined);
  g_assert_false (a.interval);
  a = csm_qa_alpha (NULL, 0, 0, CSM_QA_ALPHA_NOMINAL);
  g_assert_false (a.defined);
}

/* Missing values only remove their cells: a unit keeps the rest. The
 * paper's data without observer D's column, by hand the same as leaving
 * those cells missing. */
static void
test_missing (void)
{
  int without_d[12 * 4];
  int three[12 * 3];
  CsmQaAlpha a, b;

  for (guint u = 0; u < 12; u++)
    for (guint j = 0; j < 4; j++)
      {
        without_d[u * 4 + j] = j == 3 ? _ : paper[u * 4 + j];
        if (j < 3)
          three[u * 3 + j] = paper[u * 4 + j];
      }
  a = csm_qa_alpha (without_d, 12, 4, CSM_QA_ALPHA_ORDINAL);
  b = csm_qa_alpha (three, 12, 3, CSM_QA_ALPHA_ORDINAL);
  g_assert_true (a.defined && b.defined);
  g_assert_cmpfloat (a.alpha, ==, b.alpha);
  g_assert_cmpuint (a.units, ==, b.units);
}

/* The interval: reproducible with its seed, around α, and not the same
 * for another seed. */
static void
test_bootstrap (void)
{
  CsmQaAlpha a = csm_qa_alpha_bootstrap (paper, 12, 4, CSM_QA_ALPHA_ORDINAL, 1000, 42);
  CsmQaAlpha again = csm_qa_alpha_bootstrap (paper, 12, 4, CSM_QA_ALPHA_ORDINAL, 1000, 42);
  CsmQaAlpha other = csm_qa_alpha_bootstrap (paper, 12, 4, CSM_QA_ALPHA_ORDINAL, 1000, 43);

  g_assert_true (a.defined && a.interval);
  g_assert_cmpfloat (round3 (a.alpha), ==, 0.815);
  g_assert_cmpfloat (a.low, ==, again.low);
  g_assert_cmpfloat (a.high, ==, again.high);
  g_assert_cmpfloat (a.low, <, a.alpha);
  g_assert_cmpfloat (a.alpha, <, a.high);
  g_assert_cmpfloat (a.high, <=, 1);
  g_assert_true (a.low != other.low || a.high != other.high);
  g_assert_cmpfloat (other.alpha, ==, a.alpha);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qa/alpha/paper", test_paper);
  g_test_add_func ("/qa/alpha/hand-worked", test_hand_worked);
  g_test_add_func ("/qa/alpha/levels-differ", test_levels_differ);
  g_test_add_func ("/qa/alpha/perfect-agreement", test_perfect_agreement);
  g_test_add_func ("/qa/alpha/undefined", test_undefined);
  g_test_add_func ("/qa/alpha/missing", test_missing);
  g_test_add_func ("/qa/alpha/bootstrap", test_bootstrap);
  return g_test_run ();
}
