/* test-time.c: known answers for parsing RT's timestamps and writing times, durations and shares for people.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-time.h"

/* 2026-11-23T12:00:00Z, a Monday. Computed independently:
 * days from 1970-01-01 to 2026-11-23 = 20780; 20780 * 86400 + 12 * 3600. */
#define NOW ((gint64) 20780 * 86400 + 12 * 3600)

static void
test_time_parse_iso (void)
{
  gint64 t = -1;

  g_assert_true (csm_time_parse_iso8601 ("2026-11-23T12:00:00Z", &t));
  g_assert_cmpint (t, ==, NOW);

  /* RT's marker for "unset" */
  g_assert_true (csm_time_parse_iso8601 ("1970-01-01T00:00:00Z", &t));
  g_assert_cmpint (t, ==, CSM_TIME_UNSET);

  /* leap day, end of year, an offset */
  g_assert_true (csm_time_parse_iso8601 ("2024-02-29T23:59:59Z", &t));
  g_assert_cmpint (t, ==, 1709251199);
  g_assert_true (csm_time_parse_iso8601 ("2026-12-31T23:59:59Z", &t));
  g_assert_cmpint (t, ==, 1798761599);
  g_assert_true (csm_time_parse_iso8601 ("2026-11-23T13:00:00+01:00", &t));
  g_assert_cmpint (t, ==, NOW);

  /* not dates */
  g_assert_false (csm_time_parse_iso8601 ("2025-02-29T00:00:00Z", &t));
  g_assert_false (csm_time_parse_iso8601 ("yesterday", &t));
  g_assert_false (csm_time_parse_iso8601 ("2026-13-01T00:00:00Z", &t));
  g_assert_false (csm_time_parse_iso8601 (NULL, &t));
  g_assert_true (csm_time_parse_iso8601 ("", &t));
  g_assert_cmpint (t, ==, CSM_TIME_UNSET);
}

static void
test_time_parse_sql (void)
{
  gint64 t = -1;

  g_assert_true (csm_time_parse_sql ("2026-11-23 12:00:00", &t));
  g_assert_cmpint (t, ==, NOW);
  g_assert_false (csm_time_parse_sql ("2026-11-23T12:00:00", &t));
  g_assert_false (csm_time_parse_sql ("2026-11-23 12:00:00Z", &t));
}

static void
test_time_format (void)
{
  g_autofree char *iso = csm_time_format_iso8601 (NOW);
  g_autofree char *sql = csm_time_format_ticketsql (NOW);
  g_autofree char *unset = csm_time_format_iso8601 (CSM_TIME_UNSET);

  g_assert_cmpstr (iso, ==, "2026-11-23T12:00:00Z");
  /* Never the ISO form: RT reads "…T…Z" as garbage and matches everything. */
  g_assert_cmpstr (sql, ==, "2026-11-23 12:00:00");
  g_assert_null (unset);
}

static void
test_time_durations (void)
{
  struct { gint64 s; const char *text; } cases[] = {
    { 0, "0 s" },
    { 59, "59 s" },
    { 60, "1 min" },
    { 3599, "59 min" },
    { 3600, "1 h" },
    { 3600 * 2 + 13 * 60 + 59, "2 h 13 min" },
    { 86400, "1 d" },
    { 86400 * 3 + 4 * 3600 + 1800, "3 d 4 h" },
    { -125, "2 min" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = csm_format_duration (cases[i].s);
      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    g_autofree char *ahead = csm_format_countdown (NOW + 3900, NOW);
    g_autofree char *behind = csm_format_countdown (NOW - 180, NOW);
    g_autofree char *none = csm_format_countdown (CSM_TIME_UNSET, NOW);

    g_assert_cmpstr (ahead, ==, "in 1 h 5 min");
    g_assert_cmpstr (behind, ==, "3 min overdue");
    g_assert_cmpstr (none, ==, "—");
  }
}

/* Shares in whole percent (a dash for "no value"), worked time in minutes. */
static void
test_time_shares_and_work (void)
{
  static const struct { double fraction; const char *text; } shares[] = {
    { 0.0, "0 %" }, { 0.554, "55 %" }, { 0.555, "56 %" }, { 1.6, "160 %" }, { -1.0, "—" },
  };
  static const struct { gint64 seconds; const char *text; } work[] = {
    { 0, "0 min" }, { -5, "0 min" }, { 59 * 60, "59 min" }, { 3600 + 41 * 60, "1 h 41 min" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (shares); i++)
    {
      g_autofree char *text = csm_format_percent (shares[i].fraction);
      if (g_strcmp0 (text, shares[i].text) != 0)
        g_test_fail_printf ("share %g: %s, expected %s", shares[i].fraction, text, shares[i].text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (work); i++)
    {
      g_autofree char *text = csm_format_work (work[i].seconds);
      if (g_strcmp0 (text, work[i].text) != 0)
        g_test_fail_printf ("work %" G_GINT64_FORMAT ": %s, expected %s", work[i].seconds, text,
                            work[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/time/parse-iso8601", test_time_parse_iso);
  g_test_add_func ("/core/time/parse-sql", test_time_parse_sql);
  g_test_add_func ("/core/time/format", test_time_format);
  g_test_add_func ("/core/time/durations", test_time_durations);
  g_test_add_func ("/core/time/shares-and-work", test_time_shares_and_work);

  return g_test_run ();
}
