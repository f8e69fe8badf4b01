/* test-kpi-report.c: the Reports page's periods, buckets, trends and friction quadrants, with hand-worked answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "csm-kpi-catalog.h"
#include "csm-kpi-report.h"
#include "csm-test-tickets.h"
#include "csm-time.h"


/* Berlin leaves summer time at 03:00 on Sunday 25 October 2026: that day
 * has 25 hours, and day buckets follow local midnights. */
static void
test_bounds_dst (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GArray) days = NULL;
  g_autoptr(GArray) hours = NULL;
  g_autoptr(GArray) weeks = NULL;

  g_assert_nonnull (berlin);
  days = csm_kpi_bucket_bounds (csm_test_at ("2026-10-23T22:00:00Z"), csm_test_at ("2026-10-26T23:00:00Z"),
                                CSM_KPI_BUCKET_DAY, berlin);
  g_assert_cmpuint (days->len, ==, 4);
  g_assert_cmpint (g_array_index (days, gint64, 1), ==, csm_test_at ("2026-10-24T22:00:00Z"));
  g_assert_cmpint (g_array_index (days, gint64, 2), ==, csm_test_at ("2026-10-25T23:00:00Z"));
  g_assert_cmpint (g_array_index (days, gint64, 3), ==, csm_test_at ("2026-10-26T23:00:00Z"));

  /* The 25-hour day in hours: 25 buckets. */
  hours = csm_kpi_bucket_bounds (csm_test_at ("2026-10-24T22:00:00Z"), csm_test_at ("2026-10-25T23:00:00Z"),
                                 CSM_KPI_BUCKET_HOUR, berlin);
  g_assert_cmpuint (hours->len, ==, 26);

  /* 17 days in weeks: 7, 7 and a last bucket of 3 days ending at @to. */
  weeks = csm_kpi_bucket_bounds (csm_test_at ("2026-11-01T00:00:00Z"), csm_test_at ("2026-11-18T00:00:00Z"),
                                 CSM_KPI_BUCKET_WEEK, berlin);
  g_assert_cmpuint (weeks->len, ==, 4);
  g_assert_cmpint (g_array_index (weeks, gint64, 2), ==, csm_test_at ("2026-11-15T00:00:00Z"));
  g_assert_cmpint (g_array_index (weeks, gint64, 3), ==, csm_test_at ("2026-11-18T00:00:00Z"));
}

static void
test_bucket_for (void)
{
  gint64 t = csm_test_at ("2026-11-01T00:00:00Z");

  g_assert_cmpint (csm_kpi_bucket_for (t, t + 86400), ==, CSM_KPI_BUCKET_HOUR);
  g_assert_cmpint (csm_kpi_bucket_for (t, t + 2 * 86400), ==, CSM_KPI_BUCKET_HOUR);
  g_assert_cmpint (csm_kpi_bucket_for (t, t + 7 * 86400), ==, CSM_KPI_BUCKET_DAY);
  g_assert_cmpint (csm_kpi_bucket_for (t, t + 31 * 86400), ==, CSM_KPI_BUCKET_DAY);
  g_assert_cmpint (csm_kpi_bucket_for (t, t + 90 * 86400), ==, CSM_KPI_BUCKET_WEEK);
}

/* Sunday 6 December 2026, 14:00 in Berlin (CET, UTC+1). */
static void
test_periods (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  gint64 now = csm_test_at ("2026-12-06T13:00:00Z");
  static const struct
  {
    CsmKpiPeriod period;
    const char *from;
    const char *to;
  } rows[] = {
    { CSM_KPI_PERIOD_TODAY, "2026-12-05T23:00:00Z", "2026-12-06T23:00:00Z" },
    { CSM_KPI_PERIOD_YESTERDAY, "2026-12-04T23:00:00Z", "2026-12-05T23:00:00Z" },
    { CSM_KPI_PERIOD_LAST_7_DAYS, "2026-11-29T23:00:00Z", "2026-12-06T23:00:00Z" },
    { CSM_KPI_PERIOD_LAST_30_DAYS, "2026-11-06T23:00:00Z", "2026-12-06T23:00:00Z" },
    { CSM_KPI_PERIOD_THIS_MONTH, "2026-11-30T23:00:00Z", "2026-12-31T23:00:00Z" },
  };
  gint64 from, to;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_assert_true (csm_kpi_period_range (rows[i].period, now, berlin, NULL, NULL, &from, &to));
      g_assert_cmpint (from, ==, csm_test_at (rows[i].from));
      g_assert_cmpint (to, ==, csm_test_at (rows[i].to));
    }
  /* A custom range includes its last day; across the October change the
   * span is 48 hours and one. */
  g_assert_true (csm_kpi_period_range (CSM_KPI_PERIOD_CUSTOM, now, berlin, "2026-10-24",
                                       "2026-10-25", &from, &to));
  g_assert_cmpint (from, ==, csm_test_at ("2026-10-23T22:00:00Z"));
  g_assert_cmpint (to, ==, csm_test_at ("2026-10-25T23:00:00Z"));
  g_assert_false (csm_kpi_period_range (CSM_KPI_PERIOD_CUSTOM, now, berlin, "2026-10-25",
                                        "2026-10-24", &from, &to));
  g_assert_false (csm_kpi_period_range (CSM_KPI_PERIOD_CUSTOM, now, berlin, "2026-02-30",
                                        "2026-03-01", &from, &to));
  g_assert_false (csm_kpi_period_range (CSM_KPI_PERIOD_CUSTOM, now, berlin, NULL, NULL,
                                        &from, &to));
}

static void
test_change (void)
{
  CsmKpiValue none = { FALSE, 0 };
  CsmKpiChange c;

  /* FRT 600 s → 450 s: −25 %, good (lower is better). */
  c = csm_kpi_change ((CsmKpiValue) { TRUE, 450 }, (CsmKpiValue) { TRUE, 600 }, FALSE, FALSE);
  g_assert_true (c.defined);
  g_assert_cmpfloat_with_epsilon (c.change, -25.0, 1e-9);
  g_assert_true (c.good);
  /* Created 40 → 50: +25 %, neither good nor bad in itself, but up. */
  c = csm_kpi_change ((CsmKpiValue) { TRUE, 50 }, (CsmKpiValue) { TRUE, 40 }, FALSE, TRUE);
  g_assert_cmpfloat_with_epsilon (c.change, 25.0, 1e-9);
  g_assert_true (c.good);
  /* CSAT 82.5 % → 80 %: −2.5 points, bad. */
  c = csm_kpi_change ((CsmKpiValue) { TRUE, 80 }, (CsmKpiValue) { TRUE, 82.5 }, TRUE, TRUE);
  g_assert_true (c.points);
  g_assert_cmpfloat_with_epsilon (c.change, -2.5, 1e-9);
  g_assert_false (c.good);
  /* NPS −10 → 5: +15 points. */
  c = csm_kpi_change ((CsmKpiValue) { TRUE, 5 }, (CsmKpiValue) { TRUE, -10 }, TRUE, TRUE);
  g_assert_cmpfloat_with_epsilon (c.change, 15.0, 1e-9);
  /* Nothing to compare with, or a relative change from zero. */
  g_assert_false (csm_kpi_change ((CsmKpiValue) { TRUE, 5 }, none, FALSE, TRUE).defined);
  g_assert_false (csm_kpi_change (none, (CsmKpiValue) { TRUE, 5 }, TRUE, TRUE).defined);
  g_assert_false (csm_kpi_change ((CsmKpiValue) { TRUE, 5 }, (CsmKpiValue) { TRUE, 0 },
                                  FALSE, TRUE).defined);
}

static CsmKpiRow *
row (const char *group,
     double      csat,
     guint       csat_n,
     double      ces,
     guint       ces_n)
{
  CsmKpiRow *r = g_new0 (CsmKpiRow, 1);

  r->group = g_strdup (group);
  r->csat_percent = (CsmKpiValue) { csat_n > 0, csat };
  r->csat_responses = csat_n;
  r->ces_mean = (CsmKpiValue) { ces_n > 0, ces };
  r->ces_responses = ces_n;
  return r;
}

static void
test_friction (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_kpi_row_free);
  g_autoptr(GPtrArray) points = NULL;
  CsmKpiFriction *p;

  g_ptr_array_add (rows, row ("Billing", 88, 25, 5.1, 20));   /* the process */
  g_ptr_array_add (rows, row ("Sales", 91, 30, 2.0, 30));     /* smooth */
  g_ptr_array_add (rows, row ("Returns", 60, 12, 3.0, 12));   /* the service */
  g_ptr_array_add (rows, row ("Claims", 79.9, 8, 5.0, 8));    /* both, at the edges */
  g_ptr_array_add (rows, row ("Tiny", 100, 4, 7.0, 4));       /* too few answers */
  g_ptr_array_add (rows, row ("NoCes", 90, 40, 0, 0));        /* no effort answers */
  points = csm_kpi_friction_compute (rows, CSM_KPI_GROUP_QUEUE);
  g_assert_cmpuint (points->len, ==, 4);
  p = points->pdata[0];
  g_assert_cmpstr (p->group, ==, "Billing");
  g_assert_cmpint (p->quadrant, ==, CSM_KPI_FRICTION_PROCESS);
  g_assert_cmpint (((CsmKpiFriction *) points->pdata[1])->quadrant, ==, CSM_KPI_FRICTION_SMOOTH);
  g_assert_cmpint (((CsmKpiFriction *) points->pdata[2])->quadrant, ==, CSM_KPI_FRICTION_SERVICE);
  g_assert_cmpint (((CsmKpiFriction *) points->pdata[3])->quadrant, ==, CSM_KPI_FRICTION_BOTH);
}

static void
assert_text (char       *text,
             const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

/* What a tile writes, for each kind of figure, and its variant's label. */
static void
test_catalog (void)
{
  g_auto(CsmKpiOptions) options = { 0 };
  CsmKpiRow row = { 0 };
  CsmKpiValue none = { FALSE, 0 };

  csm_kpi_options_init (&options);
  assert_text (csm_kpi_format_value (CSM_KPI_CREATED, (CsmKpiValue) { TRUE, 412 }), "412");
  assert_text (csm_kpi_format_value (CSM_KPI_FRT, (CsmKpiValue) { TRUE, 7830 }), "2 h 10 min");
  assert_text (csm_kpi_format_value (CSM_KPI_AHT, (CsmKpiValue) { TRUE, 12.25 }), "12.2 min");
  assert_text (csm_kpi_format_value (CSM_KPI_CSAT, (CsmKpiValue) { TRUE, 200.0 / 3 }), "66.7 %");
  assert_text (csm_kpi_format_value (CSM_KPI_NPS, (CsmKpiValue) { TRUE, 22.22 }), "+22.2");
  assert_text (csm_kpi_format_value (CSM_KPI_NPS, (CsmKpiValue) { TRUE, -5 }), "-5.0");
  assert_text (csm_kpi_format_value (CSM_KPI_CES, (CsmKpiValue) { TRUE, 3.875 }), "3.9");
  assert_text (csm_kpi_format_value (CSM_KPI_SLA, none), "—");

  assert_text (csm_kpi_format_change ((CsmKpiChange) { TRUE, 12.04, FALSE, TRUE }), "↑ 12.0 %");
  assert_text (csm_kpi_format_change ((CsmKpiChange) { TRUE, -2.5, TRUE, FALSE }), "↓ 2.5 pts");
  assert_text (csm_kpi_format_change ((CsmKpiChange) { TRUE, 0.01, TRUE, TRUE }), "no change");
  g_assert_null (csm_kpi_format_change ((CsmKpiChange) { FALSE, 0, FALSE, FALSE }));

  assert_text (csm_kpi_dup_variant (CSM_KPI_FRT, &options, CSM_KPI_STAT_P90),
               "90th percentile · calendar time");
  assert_text (csm_kpi_dup_variant (CSM_KPI_FCR, &options, CSM_KPI_STAT_MEDIAN),
               "one agent reply, never reopened");
  options.fcr = CSM_KPI_FCR_REPEAT;
  options.repeat_window_seconds = 14 * 86400;
  assert_text (csm_kpi_dup_variant (CSM_KPI_FCR, &options, CSM_KPI_STAT_MEDIAN),
               "no repeat contact within 14 days");
  g_assert_null (csm_kpi_dup_variant (CSM_KPI_CSAT, &options, CSM_KPI_STAT_MEDIAN));
  {
    g_autofree char *formula = csm_kpi_dup_formula (CSM_KPI_CSAT, &options, CSM_KPI_STAT_MEDIAN);
    g_autofree char *fcr = csm_kpi_dup_formula (CSM_KPI_FCR, &options, CSM_KPI_STAT_MEDIAN);

    g_assert_nonnull (strstr (formula, "“CSAT”"));
    g_assert_nonnull (strstr (fcr, "within 14 days"));
  }

  /* Each figure reads its own field and population of a row. */
  row.resolved = 9;
  row.frt_count = 7;
  row.csat_responses = 4;
  row.art_p90_seconds = (CsmKpiValue) { TRUE, 5400 };
  g_assert_true (csm_kpi_row_value (&row, CSM_KPI_ART, CSM_KPI_STAT_P90).value == 5400);
  g_assert_cmpuint (csm_kpi_row_count (&row, CSM_KPI_FRT), ==, 7);
  g_assert_cmpuint (csm_kpi_row_count (&row, CSM_KPI_FCR), ==, 9);
  g_assert_cmpuint (csm_kpi_row_count (&row, CSM_KPI_CSAT), ==, 4);
  assert_text (csm_kpi_dup_population (CSM_KPI_CSAT, 4), "4 answers");
  assert_text (csm_kpi_dup_population (CSM_KPI_ART, 1), "1 ticket resolved");
}

/* A week after Berlin left summer time, compared with the week it did:
 * the previous week's edges are its local midnights (one of its days has
 * 25 hours), not the edges moved back by 7 × 24 hours. */
static void
test_previous_across_dst (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_auto(CsmKpiOptions) options = { 0 };
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(CsmKpiFacts) facts = NULL;
  g_autoptr(CsmKpiReport) report = NULL;
  gint64 from = csm_test_at ("2026-10-25T23:00:00Z");   /* Mon 26 Oct 00:00 CET */
  gint64 to = csm_test_at ("2026-11-01T23:00:00Z");     /* Mon 2 Nov 00:00 CET */

  csm_kpi_options_init (&options);
  facts = csm_kpi_facts_new (none, &options);
  report = csm_kpi_report_compute (facts, NULL, &options, from, to, to + 3600, berlin);
  g_assert_cmpuint (report->previous_bounds->len, ==, 8);
  g_assert_cmpint (g_array_index (report->previous_bounds, gint64, 0), ==,
                   csm_test_at ("2026-10-18T22:00:00Z"));   /* Mon 19 Oct 00:00 CEST */
  g_assert_cmpint (g_array_index (report->previous_bounds, gint64, 6), ==,
                   csm_test_at ("2026-10-24T22:00:00Z"));   /* Sun 25 Oct 00:00 CEST */
  g_assert_cmpint (g_array_index (report->previous_bounds, gint64, 7), ==, from);
  /* "Now", Mon 2 Nov 01:00 CET, a week back in local days: Mon 26 Oct
   * 01:00 CET, which is 7 × 24 h + 1 h earlier. */
  g_assert_cmpint (report->previous_now, ==, csm_test_at ("2026-10-26T00:00:00Z"));
  /* Empty, and so: nothing, never zero. */
  g_assert_cmpuint (report->total->created, ==, 0);
  g_assert_false (report->total->frt_median_seconds.defined);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/kpi-report/bounds-dst", test_bounds_dst);
  g_test_add_func ("/core/kpi-report/bucket-for", test_bucket_for);
  g_test_add_func ("/core/kpi-report/periods", test_periods);
  g_test_add_func ("/core/kpi-report/change", test_change);
  g_test_add_func ("/core/kpi-report/friction", test_friction);
  g_test_add_func ("/core/kpi-report/catalog", test_catalog);
  g_test_add_func ("/core/kpi-report/previous-across-dst", test_previous_across_dst);

  return g_test_run ();
}
