/* test-staffing.c: Erlang C against the published check values and an independent computation, at its extremes and at A = 500; the forecast on a fixed history across a DST change; a backlog's burn-down.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "csm-staffing.h"
#include "csm-time.h"

static gint64
at (const char *iso)
{
  gint64 t = 0;

  g_assert_true (csm_time_parse_iso8601 (iso, &t));
  return t;
}

/* A = 48 (720 an hour at 240 s), t = 15 s: N = 55 gives C = 0.239,
 * SL = 84.6 %, ASA = 8.2 s; N = 54 gives 0.301, 79.3 %, 12.1 s
 * (DESIGN.md). The figures to 1e-6 are a log-space Poisson computation
 * written apart from the code under test. */
static void
test_check_values (void)
{
  CsmErlangC r = csm_erlang_c (720, 240, 55, 15);

  g_assert_true (r.defined);
  g_assert_cmpfloat_with_epsilon (r.traffic, 48, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.p_wait, 0.238700936, 1e-6);
  g_assert_cmpfloat_with_epsilon (r.service_level, 0.845883092, 1e-6);
  g_assert_cmpfloat_with_epsilon (r.asa_seconds, 8.184032104, 1e-6);
  r = csm_erlang_c (720, 240, 54, 15);
  g_assert_cmpfloat_with_epsilon (r.p_wait, 0.301307899, 1e-6);
  g_assert_cmpfloat_with_epsilon (r.service_level, 0.792914311, 1e-6);
  g_assert_cmpfloat_with_epsilon (r.asa_seconds, 12.052315975, 1e-6);
  /* 80 % within 15 s: 54 do not reach it, 55 do. */
  g_assert_cmpuint (csm_erlang_agents_needed (720, 240, 15, 0.8, 200), ==, 55);
}

/* N ≤ A cannot keep up: said, never a negative or a NaN. */
static void
test_extremes (void)
{
  CsmErlangC r = csm_erlang_c (720, 240, 48, 15);

  g_assert_false (r.defined);
  g_assert_cmpfloat (r.traffic, ==, 48);
  g_assert_cmpfloat (r.p_wait, ==, 0);
  r = csm_erlang_c (720, 240, 10, 15);
  g_assert_false (r.defined);
  r = csm_erlang_c (0, 240, 10, 15);
  g_assert_false (r.defined);
  r = csm_erlang_c (NAN, 240, 10, 15);
  g_assert_false (r.defined);
  /* Almost no traffic: hardly anyone waits. */
  r = csm_erlang_c (0.01, 240, 1, 20);
  g_assert_true (r.defined);
  g_assert_cmpfloat (r.p_wait, <, 0.001);
  g_assert_cmpfloat (r.service_level, >, 0.999);
  g_assert_cmpuint (csm_erlang_agents_needed (0, 240, 20, 0.8, 10), ==, 0);
  /* More than the limit would be needed. */
  g_assert_cmpuint (csm_erlang_agents_needed (720, 240, 15, 0.8, 50), ==, 51);
  g_assert_cmpfloat (csm_erlang_b (10, 0), ==, 1);
}

/* A = 500 (7,500 an hour at 240 s): factorials would overflow; the
 * recursion does not. 512 agents reach 80 % in 20 s (C = 0.48283,
 * SL = 82.24 %); 510 give C = 0.55021, SL = 76.09 %, ASA = 13.21 s. */
static void
test_large (void)
{
  CsmErlangC r = csm_erlang_c (7500, 240, 510, 20);

  g_assert_true (r.defined);
  g_assert_true (isfinite (r.p_wait));
  g_assert_cmpfloat_with_epsilon (r.p_wait, 0.5502107128, 1e-6);
  g_assert_cmpfloat_with_epsilon (r.service_level, 0.7608794099, 1e-6);
  g_assert_cmpfloat_with_epsilon (r.asa_seconds, 13.2050571063, 1e-5);
  g_assert_cmpuint (csm_erlang_agents_needed (7500, 240, 20, 0.8, 1000), ==, 512);
  r = csm_erlang_c (7500, 240, 512, 20);
  g_assert_cmpfloat_with_epsilon (r.p_wait, 0.4828250630, 1e-6);
}

/* Monday 2 November 2026, 21:30 CET: the hours 21, 22 and 23. The four
 * Mondays before: 26 October (CET), 19, 12 and 5 October (CEST): the same
 * wall-clock hours, so 21:15 CEST on the 19th is 19:15 UTC and counts for
 * 21:00. Hour 21: 2 (26 Oct) + 1 (19 Oct) + 0 + 1 (5 Oct) = 4 / 4 = 1;
 * hour 22: 1 (12 Oct) / 4 = 0.25; hour 23: 0. Left out: 20:59:59 on the
 * 26th, 21:05 on 28 September (five weeks back), Tuesday's. */
static void
test_forecast (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  const gint64 arrivals[] = {
    at ("2026-10-26T21:10:00+01:00"), at ("2026-10-26T21:50:00+01:00"),
    at ("2026-10-26T20:59:59+01:00"), at ("2026-10-19T21:15:00+02:00"),
    at ("2026-10-12T22:30:00+02:00"), at ("2026-10-05T21:00:00+02:00"),
    at ("2026-09-28T21:05:00+02:00"), at ("2026-10-27T21:10:00+01:00"),
  };
  guint n = 0;
  gint64 first = 0;
  g_autofree guint *weeks = NULL;
  g_autofree double *forecast = csm_staffing_forecast (arrivals, G_N_ELEMENTS (arrivals),
                                                       at ("2026-11-02T21:30:00+01:00"),
                                                       berlin, 4, 0, &n, &first, &weeks);

  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (first, ==, at ("2026-11-02T21:00:00+01:00"));
  g_assert_cmpfloat (forecast[0], ==, 1);
  g_assert_cmpfloat (forecast[1], ==, 0.25);
  g_assert_cmpfloat (forecast[2], ==, 0);
  g_assert_cmpuint (weeks[0], ==, 4);
  g_assert_cmpuint (weeks[2], ==, 4);

  /* A history from 19 October, 21:30 CEST: that Monday's 21:00 hour began
   * before it and is left out, not counted as empty: hour 21 is 2 over one
   * week; hour 22 is 0 over two (the 12th's arrival is before the history). */
  g_clear_pointer (&forecast, g_free);
  g_clear_pointer (&weeks, g_free);
  forecast = csm_staffing_forecast (arrivals, G_N_ELEMENTS (arrivals),
                                    at ("2026-11-02T21:30:00+01:00"), berlin, 4,
                                    at ("2026-10-19T21:30:00+02:00"), &n, &first, &weeks);
  g_assert_cmpfloat (forecast[0], ==, 2);
  g_assert_cmpuint (weeks[0], ==, 1);
  g_assert_cmpfloat (forecast[1], ==, 0);
  g_assert_cmpuint (weeks[1], ==, 2);

  /* No history at all for these hours: nothing forecast, over no week. */
  g_clear_pointer (&forecast, g_free);
  g_clear_pointer (&weeks, g_free);
  forecast = csm_staffing_forecast (arrivals, G_N_ELEMENTS (arrivals),
                                    at ("2026-11-02T21:30:00+01:00"), berlin, 4,
                                    at ("2026-11-01T00:00:00+01:00"), &n, &first, &weeks);
  g_assert_cmpfloat (forecast[0], ==, 0);
  g_assert_cmpuint (weeks[0], ==, 0);
}

/* 30 open, 4 new and 10 resolved an hour: 6 fewer an hour, clear in 5
 * hours. The other way round: it grows by 6 an hour. */
static void
test_burn_down (void)
{
  gint64 now = at ("2026-11-02T09:00:00Z");
  CsmBurnDown b = csm_backlog_burn_down (30, 4, 10, now);

  g_assert_true (b.defined && b.clears);
  g_assert_cmpfloat (b.net_per_hour, ==, 6);
  g_assert_cmpint (b.clears_at, ==, now + 5 * 3600);
  b = csm_backlog_burn_down (30, 10, 4, now);
  g_assert_true (b.defined);
  g_assert_false (b.clears);
  g_assert_cmpfloat (b.growth_per_hour, ==, 6);
  b = csm_backlog_burn_down (30, 5, 5, now);
  g_assert_false (b.clears);
  g_assert_cmpfloat (b.growth_per_hour, ==, 0);
  b = csm_backlog_burn_down (0, 5, 0, now);
  g_assert_true (b.clears);
  g_assert_cmpint (b.clears_at, ==, now);
  b = csm_backlog_burn_down (3, -1, 2, now);
  g_assert_false (b.defined);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/staffing/check-values", test_check_values);
  g_test_add_func ("/staffing/extremes", test_extremes);
  g_test_add_func ("/staffing/large", test_large);
  g_test_add_func ("/staffing/forecast", test_forecast);
  g_test_add_func ("/staffing/burn-down", test_burn_down);
  return g_test_run ();
}
