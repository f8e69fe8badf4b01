/* test-qa-consistency.c: the spread of agents' category IQS, week by week, worked by hand, across a DST change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "csm-qa-consistency.h"
#include "csm-time.h"

static CsmQaScorecard *
card (void)
{
  const CsmQaCategory categories[] = {
    { (char *) "Overall", 50, 5, TRUE, FALSE, NULL },
    { (char *) "Polite", 50, 2, FALSE, FALSE, NULL },
  };
  g_autoptr(GError) error = NULL;
  CsmQaScorecard *s = csm_qa_scorecard_new ("Two", 1, categories, 2, &error);

  g_assert_no_error (error);
  return s;
}

static gint64
at (const char *iso)
{
  gint64 t = 0;

  g_assert_true (csm_time_parse_iso8601 (iso, &t));
  return t;
}

static CsmQaReview *
review (CsmQaScorecard *s,
        const char     *conversation,
        const char     *agent,
        const char     *when,
        int             overall,
        int             polite)
{
  CsmQaReview *r = csm_qa_review_new (s);

  r->conversation = g_strdup (conversation);
  r->agent = g_strdup (agent);
  r->reviewer = g_strdup ("rosa");
  r->submitted = at (when);
  r->ratings[0] = overall;
  r->ratings[1] = polite;
  return r;
}

static const CsmQaConsistencyRow *
row (GPtrArray *rows,
     guint      i)
{
  return g_ptr_array_index (rows, i);
}

/* Europe/Berlin: the week of Monday 19 October 2026 ends with the change
 * back to CET on the 25th (169 hours). Week A: Overall ann 75 (100 and the
 * latest version of c2, 50), bob 25, dan 100 (Sunday 23:30 CET); cat's
 * N/A does not count. Polite: ann 100, bob 0, cat 100, dan 100. Week B,
 * from Monday 00:00 CET: Overall dan 75, eve 0; Polite both 100. */
static void
test_weeks (void)
{
  g_autoptr(CsmQaScorecard) s = card ();
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *json = NULL;

  g_assert_nonnull (berlin);
  g_ptr_array_add (reviews, review (s, "c1", "ann", "2026-10-20T09:00:00+02:00", 5, 2));
  g_ptr_array_add (reviews, review (s, "c2", "ann", "2026-10-20T10:00:00+02:00", 1, 2));
  g_ptr_array_add (reviews, review (s, "c2", "ann", "2026-10-21T10:00:00+02:00", 3, 2));
  g_ptr_array_add (reviews, review (s, "c3", "bob", "2026-10-22T10:00:00+02:00", 2, 1));
  g_ptr_array_add (reviews, review (s, "c4", "cat", "2026-10-23T10:00:00+02:00", CSM_QA_NA, 2));
  g_ptr_array_add (reviews, review (s, "c5", "dan", "2026-10-25T23:30:00+01:00", 5, 2));
  g_ptr_array_add (reviews, review (s, "c6", "dan", "2026-10-26T00:00:00+01:00", 4, 2));
  g_ptr_array_add (reviews, review (s, "c7", "eve", "2026-10-27T12:00:00+01:00", 1, 2));
  /* Calibration never counts; nor a review before the period. */
  g_ptr_array_add (reviews, review (s, "c8", "bob", "2026-10-22T11:00:00+02:00", 5, 2));
  ((CsmQaReview *) reviews->pdata[reviews->len - 1])->calibration_session = g_strdup ("S");
  g_ptr_array_add (reviews, review (s, "c9", "bob", "2026-10-19T12:00:00+02:00", 5, 2));

  rows = csm_qa_consistency_compute (reviews, at ("2026-10-20T00:00:00+02:00"),
                                     at ("2026-11-02T00:00:00+01:00"), berlin);
  g_assert_cmpuint (rows->len, ==, 4);

  g_assert_cmpstr (row (rows, 0)->category, ==, "Overall");
  g_assert_cmpint (row (rows, 0)->week, ==, at ("2026-10-19T00:00:00+02:00"));
  g_assert_cmpuint (row (rows, 0)->agents, ==, 3);
  g_assert_cmpfloat_with_epsilon (row (rows, 0)->mean, 200.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (row (rows, 0)->sd,
                                  sqrt ((pow (75 - 200.0 / 3, 2) + pow (25 - 200.0 / 3, 2) +
                                         pow (100 - 200.0 / 3, 2)) / 3), 1e-9);
  g_assert_cmpfloat (row (rows, 0)->min, ==, 25);
  g_assert_cmpfloat (row (rows, 0)->max, ==, 100);

  g_assert_cmpstr (row (rows, 1)->category, ==, "Overall");
  g_assert_cmpint (row (rows, 1)->week, ==, at ("2026-10-26T00:00:00+01:00"));
  g_assert_cmpuint (row (rows, 1)->agents, ==, 2);
  g_assert_cmpfloat (row (rows, 1)->mean, ==, 37.5);
  g_assert_cmpfloat (row (rows, 1)->sd, ==, 37.5);

  g_assert_cmpstr (row (rows, 2)->category, ==, "Polite");
  g_assert_cmpuint (row (rows, 2)->agents, ==, 4);
  g_assert_cmpfloat (row (rows, 2)->mean, ==, 75);
  g_assert_cmpfloat_with_epsilon (row (rows, 2)->sd, sqrt (1875), 1e-9);
  g_assert_cmpfloat (row (rows, 2)->min, ==, 0);

  g_assert_cmpfloat (row (rows, 3)->sd, ==, 0);
  g_assert_cmpfloat (row (rows, 3)->mean, ==, 100);

  json = csm_qa_consistency_to_json (rows, berlin);
  g_assert_nonnull (strstr (json, "\"week\" : \"2026-10-19\""));
  g_assert_nonnull (strstr (json, "\"week\" : \"2026-10-26\""));
  g_assert_nonnull (strstr (json, "\"iqs_sd\" : 43.3"));
  g_assert_nonnull (strstr (json, "\"iqs_mean\" : 66.7"));
}

/* One agent a week has no spread: no row; no review: none. */
static void
test_one_agent (void)
{
  g_autoptr(CsmQaScorecard) s = card ();
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) none = NULL;

  g_ptr_array_add (reviews, review (s, "c1", "ann", "2026-11-03T09:00:00Z", 5, 2));
  g_ptr_array_add (reviews, review (s, "c2", "ann", "2026-11-04T09:00:00Z", 3, 1));
  rows = csm_qa_consistency_compute (reviews, at ("2026-11-02T00:00:00Z"),
                                     at ("2026-11-09T00:00:00Z"), utc);
  g_assert_cmpuint (rows->len, ==, 0);
  g_ptr_array_set_size (reviews, 0);
  none = csm_qa_consistency_compute (reviews, at ("2026-11-02T00:00:00Z"),
                                     at ("2026-11-09T00:00:00Z"), utc);
  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qa-consistency/weeks", test_weeks);
  g_test_add_func ("/qa-consistency/one-agent", test_one_agent);
  return g_test_run ();
}
