/* test-cli.c: the command line's periods: instants and dates, and a day across a DST change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-cli.h"
#include "csm-kpi.h"
#include "csm-test-tickets.h"
#include "csm-time.h"

static const struct
{
  const char *text;
  const char *utc;      /* NULL: refused */
} instant_rows[] = {
  { "2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z" },
  { "2026-11-01T01:00:00+01:00", "2026-11-01T00:00:00Z" },
  /* Dates are midnight in Berlin: summer time (UTC+2) ends on 25 October… */
  { "2026-10-25", "2026-10-24T22:00:00Z" },
  { "2026-10-26", "2026-10-25T23:00:00Z" },
  /* …and starts on 29 March. */
  { "2026-03-29", "2026-03-28T23:00:00Z" },
  { "2026-03-30", "2026-03-29T22:00:00Z" },
  { "2026-02-30", NULL },
  { "2026-11-01x", NULL },
  { "yesterday", NULL },
  { "", NULL },
};

static void
test_instants (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");

  g_assert_nonnull (berlin);
  for (guint i = 0; i < G_N_ELEMENTS (instant_rows); i++)
    {
      gint64 got = 0, expected = 0;
      gboolean ok = csm_cli_parse_instant (instant_rows[i].text, berlin, &got);

      if (instant_rows[i].utc == NULL)
        {
          if (ok)
            g_test_fail_printf ("“%s” was taken for %" G_GINT64_FORMAT, instant_rows[i].text, got);
          continue;
        }
      g_assert_true (csm_time_parse_iso8601 (instant_rows[i].utc, &expected));
      if (!ok || got != expected)
        g_test_fail_printf ("“%s”: %s %" G_GINT64_FORMAT ", expected %s", instant_rows[i].text,
                            ok ? "got" : "refused", got, instant_rows[i].utc);
    }
}

/* The Sunday summer time ends in Berlin has 25 hours: a period of that date
 * counts what came in all of them, and nothing of Monday. */
static void
test_kpis_over_a_long_day (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = NULL;
  const char *created[] = {
    "2026-10-24T22:00:00Z",   /* 00:00 CEST, the first minute */
    "2026-10-25T00:30:00Z",   /* 02:30 CEST, before the clocks go back */
    "2026-10-25T01:30:00Z",   /* 02:30 CET, the same clock time again */
    "2026-10-25T22:59:59Z",   /* 23:59:59 CET, the last second */
    "2026-10-25T23:00:00Z",   /* Monday 00:00 CET: the next day */
    "2026-10-24T21:59:59Z",   /* Saturday */
  };
  g_auto(CsmKpiOptions) options = { 0 };
  gint64 from, to;

  g_assert_true (csm_cli_parse_instant ("2026-10-25", berlin, &from));
  g_assert_true (csm_cli_parse_instant ("2026-10-26", berlin, &to));
  g_assert_cmpint (to - from, ==, 25 * 3600);
  for (guint i = 0; i < G_N_ELEMENTS (created); i++)
    {
      gint64 t = 0;

      g_assert_true (csm_time_parse_iso8601 (created[i], &t));
      g_ptr_array_add (tickets, csm_test_ticket_new (i + 1, 1, "Support", "new", NULL, t));
    }
  csm_kpi_options_init (&options);
  rows = csm_kpi_compute (tickets, NULL, &options, from, to, to + 86400);
  g_assert_cmpuint (((CsmKpiRow *) rows->pdata[0])->created, ==, 4);
  /* At Monday 00:00 CET, every ticket created before it is waiting. */
  g_assert_cmpuint (((CsmKpiRow *) rows->pdata[0])->backlog_end, ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/period/instants", test_instants);
  g_test_add_func ("/cli/period/kpis-over-a-long-day", test_kpis_over_a_long_day);

  return g_test_run ();
}
