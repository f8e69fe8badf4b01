/* test-sla.c: known-answer tests for business hours, SLA policies, the SLA board, attainment and its export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-test-tickets.h"

#include <string.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "csm-business-hours.h"
#include "csm-export.h"
#include "csm-sim-model.h"
#include "csm-sla-board.h"
#include "csm-sla-policy.h"
#include "csm-ticket-private.h"
#include "csm-time.h"

#define MIN_ 60
#define HOUR 3600
#define DAY  86400

/* Instants are written as ISO 8601 (parsing is tested in test-time); the
 * expected spans are worked out by hand in the comments. */

static CsmTicket *
make_ticket (gint64      id,
             gint64      queue_id,
             const char *queue,
             const char *status,
             const char *sla,
             gint64      created)
{
  CsmTicket *t = csm_test_ticket_new (id, queue_id, queue, status, NULL, created);

  t->sla = g_strdup (sla);
  return t;
}

/* A ticket the customer wrote: RT starts the response clock. */
static void
by_requestor (CsmTicket *t)
{
  const char *requestors[] = { "Customer@example.com", NULL };

  t->creator = g_strdup ("customer@example.com");
  t->requestors = g_strdupv ((char **) requestors);
}

/* A ticket an agent opened on the customer's behalf. */
static void
by_agent (CsmTicket *t)
{
  const char *requestors[] = { "customer@example.com", NULL };

  t->creator = g_strdup ("alice");
  t->requestors = g_strdupv ((char **) requestors);
}

static CsmBusinessHours *
office_hours (const char *zone)
{
  g_autoptr(GTimeZone) tz = zone ? g_time_zone_new_identifier (zone) : NULL;
  CsmBusinessHours *hours;

  g_assert_true (zone == NULL || tz != NULL);
  hours = csm_business_hours_new (tz);
  for (GDateWeekday d = G_DATE_MONDAY; d <= G_DATE_FRIDAY; d++)
    csm_business_hours_add_span (hours, d, 9 * 60, 17 * 60);
  return hours;
}

/* RT's levels from rt5.md section 6. */
static CsmSlaPolicy *
rt_policy (void)
{
  g_autoptr(CsmBusinessHours) hours = office_hours (NULL);
  const CsmSlaLevel levels[] = {
    { (char *) "gold", TRUE, 240, FALSE, 2880, FALSE },
    { (char *) "business", FALSE, 480, TRUE, 0, FALSE },
    { (char *) "2d", TRUE, 0, FALSE, 2880, FALSE },
  };

  return csm_sla_policy_new (hours, levels, G_N_ELEMENTS (levels));
}

/* ------------------------------------------------------------------------ */
/* Business hours                                                           */
/* ------------------------------------------------------------------------ */

static void
test_hours_weekend (void)
{
  g_autoptr(CsmBusinessHours) hours = office_hours (NULL);
  gint64 fri_16 = csm_test_at ("2026-11-27T16:00:00Z");
  gint64 mon_10 = csm_test_at ("2026-11-30T10:00:00Z");

  g_assert_false (csm_business_hours_is_always_open (hours));

  /* Fri 16:00-17:00 + Mon 09:00-10:00 = 2 h, not the 66 h on the clock */
  g_assert_cmpint (csm_business_hours_seconds_between (hours, fri_16, mon_10), ==, 2 * HOUR);
  g_assert_cmpint (csm_business_hours_seconds_between (hours, mon_10, fri_16), ==, -2 * HOUR);
  g_assert_cmpint (csm_business_hours_seconds_between (hours, fri_16, fri_16), ==, 0);
  /* a whole week: 5 × 8 h */
  g_assert_cmpint (csm_business_hours_seconds_between (hours, csm_test_at ("2026-11-23T00:00:00Z"),
                                                       csm_test_at ("2026-11-30T00:00:00Z")), ==, 40 * HOUR);
  /* all of it on a weekend */
  g_assert_cmpint (csm_business_hours_seconds_between (hours, csm_test_at ("2026-11-28T08:00:00Z"),
                                                       csm_test_at ("2026-11-29T20:00:00Z")), ==, 0);

  g_assert_cmpint (csm_business_hours_add_seconds (hours, fri_16, 2 * HOUR), ==, mon_10);
  /* exactly at closing time moves to the next opening, as RT does */
  g_assert_cmpint (csm_business_hours_add_seconds (hours, fri_16, HOUR), ==,
                   csm_test_at ("2026-11-30T09:00:00Z"));
  g_assert_cmpint (csm_business_hours_add_seconds (hours, fri_16, HOUR - 1), ==,
                   csm_test_at ("2026-11-27T16:59:59Z"));
  /* 0 from a closed instant: the next opening */
  g_assert_cmpint (csm_business_hours_add_seconds (hours, csm_test_at ("2026-11-28T10:00:00Z"), 0), ==,
                   csm_test_at ("2026-11-30T09:00:00Z"));

  g_assert_cmpint (csm_business_hours_next_open (hours, csm_test_at ("2026-11-28T10:00:00Z")), ==,
                   csm_test_at ("2026-11-30T09:00:00Z"));
  g_assert_cmpint (csm_business_hours_next_open (hours, mon_10), ==, mon_10);
  g_assert_cmpint (csm_business_hours_next_open (hours, csm_test_at ("2026-11-24T17:00:00Z")), ==,
                   csm_test_at ("2026-11-25T09:00:00Z"));

  g_assert_true (csm_business_hours_is_open (hours, csm_test_at ("2026-11-27T09:00:00Z")));
  g_assert_true (csm_business_hours_is_open (hours, csm_test_at ("2026-11-27T16:59:59Z")));
  g_assert_false (csm_business_hours_is_open (hours, csm_test_at ("2026-11-27T17:00:00Z")));
  g_assert_false (csm_business_hours_is_open (hours, csm_test_at ("2026-11-27T08:59:59Z")));
  g_assert_false (csm_business_hours_is_open (hours, csm_test_at ("2026-11-28T12:00:00Z")));
}

static void
test_hours_always_open (void)
{
  g_autoptr(CsmBusinessHours) hours = csm_business_hours_new (NULL);
  gint64 t = csm_test_at ("2026-11-28T10:00:00Z");

  g_assert_true (csm_business_hours_is_always_open (hours));
  g_assert_true (csm_business_hours_is_open (hours, t));
  g_assert_cmpint (csm_business_hours_next_open (hours, t), ==, t);
  g_assert_cmpint (csm_business_hours_seconds_between (hours, t, t + 5 * DAY), ==, 5 * DAY);
  g_assert_cmpint (csm_business_hours_add_seconds (hours, t, 5 * DAY), ==, t + 5 * DAY);
  g_assert_cmpstr (g_time_zone_get_identifier (csm_business_hours_get_timezone (hours)), ==, "UTC");
}

/* 29 March 2026: Berlin skips 02:00-03:00 CET → CEST; 25 October 2026: it
 * repeats 02:00-03:00 CEST → CET. Both are Sundays. */
static void
test_hours_dst_office (void)
{
  g_autoptr(CsmBusinessHours) hours = office_hours ("Europe/Berlin");

  /* Fri 27 Mar 12:00 CET → Mon 30 Mar 12:00 CEST: 5 h + 3 h (71 h on the clock) */
  g_assert_cmpint (csm_business_hours_seconds_between (hours, csm_test_at ("2026-03-27T12:00:00+01:00"),
                                                       csm_test_at ("2026-03-30T12:00:00+02:00")),
                   ==, 8 * HOUR);
  /* Fri 23 Oct 12:00 CEST → Mon 26 Oct 12:00 CET: 5 h + 3 h (73 h on the clock) */
  g_assert_cmpint (csm_business_hours_seconds_between (hours, csm_test_at ("2026-10-23T12:00:00+02:00"),
                                                       csm_test_at ("2026-10-26T12:00:00+01:00")),
                   ==, 8 * HOUR);
  /* the weeks holding the changes: still 40 h */
  g_assert_cmpint (csm_business_hours_seconds_between (hours, csm_test_at ("2026-03-23T00:00:00+01:00"),
                                                       csm_test_at ("2026-03-30T00:00:00+02:00")),
                   ==, 40 * HOUR);
  g_assert_cmpint (csm_business_hours_seconds_between (hours, csm_test_at ("2026-10-19T00:00:00+02:00"),
                                                       csm_test_at ("2026-10-26T00:00:00+01:00")),
                   ==, 40 * HOUR);

  /* the spans are local: 09:00 is 08:00Z in winter and 07:00Z in summer */
  g_assert_true (csm_business_hours_is_open (hours, csm_test_at ("2026-03-27T08:00:00Z")));
  g_assert_false (csm_business_hours_is_open (hours, csm_test_at ("2026-03-27T07:59:59Z")));
  g_assert_true (csm_business_hours_is_open (hours, csm_test_at ("2026-03-30T07:00:00Z")));
  g_assert_false (csm_business_hours_is_open (hours, csm_test_at ("2026-03-30T06:59:59Z")));
  g_assert_false (csm_business_hours_is_open (hours, csm_test_at ("2026-03-30T15:00:00Z")));
  g_assert_true (csm_business_hours_is_open (hours, csm_test_at ("2026-10-26T15:59:59Z")));

  /* Fri 16:00 CET + 2 h: Fri 16:00-17:00, Mon 09:00-10:00 CEST */
  g_assert_cmpint (csm_business_hours_add_seconds (hours, csm_test_at ("2026-03-27T16:00:00+01:00"), 2 * HOUR),
                   ==, csm_test_at ("2026-03-30T10:00:00+02:00"));
  g_assert_cmpint (csm_business_hours_next_open (hours, csm_test_at ("2026-10-24T12:00:00Z")),
                   ==, csm_test_at ("2026-10-26T09:00:00+01:00"));
}

static void
test_hours_dst_changeover (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(CsmBusinessHours) night = csm_business_hours_new (berlin);
  g_autoptr(CsmBusinessHours) sunday = csm_business_hours_new (berlin);
  g_autoptr(CsmBusinessHours) gap = csm_business_hours_new (berlin);
  g_autoptr(CsmBusinessHours) repeat = csm_business_hours_new (berlin);

  for (GDateWeekday d = G_DATE_MONDAY; d <= G_DATE_SUNDAY; d++)
    csm_business_hours_add_span (night, d, 1 * 60, 4 * 60);
  csm_business_hours_add_span (sunday, G_DATE_SUNDAY, 0, 24 * 60);
  csm_business_hours_add_span (gap, G_DATE_SUNDAY, 2 * 60 + 30, 3 * 60 + 30);
  csm_business_hours_add_span (repeat, G_DATE_SUNDAY, 2 * 60, 3 * 60);

  /* 01:00-04:00 across the spring change: 01:00 CET = 00:00Z to 04:00
   * CEST = 02:00Z, 2 h; plus Monday's 3 h */
  g_assert_cmpint (csm_business_hours_seconds_between (night, csm_test_at ("2026-03-28T12:00:00Z"),
                                                       csm_test_at ("2026-03-30T12:00:00Z")),
                   ==, 5 * HOUR);
  /* autumn: 01:00 CEST = 23:00Z to 04:00 CET = 03:00Z, 4 h; plus 3 h */
  g_assert_cmpint (csm_business_hours_seconds_between (night, csm_test_at ("2026-10-24T12:00:00Z"),
                                                       csm_test_at ("2026-10-26T12:00:00Z")),
                   ==, 7 * HOUR);
  /* inside the repeated hour: 02:30 CET (01:30Z) lies in the span */
  g_assert_true (csm_business_hours_is_open (night, csm_test_at ("2026-10-25T01:30:00Z")));
  g_assert_false (csm_business_hours_is_open (night, csm_test_at ("2026-10-25T03:00:00Z")));
  /* the week of the spring change: 6 × 3 h + 2 h */
  g_assert_cmpint (csm_business_hours_seconds_between (night, csm_test_at ("2026-03-23T00:00:00+01:00"),
                                                       csm_test_at ("2026-03-30T00:00:00+02:00")),
                   ==, 20 * HOUR);

  /* a whole Sunday is 23 h in March, 25 h in October, 24 h otherwise */
  g_assert_cmpint (csm_business_hours_seconds_between (sunday, csm_test_at ("2026-03-28T12:00:00Z"),
                                                       csm_test_at ("2026-03-30T12:00:00Z")), ==, 23 * HOUR);
  g_assert_cmpint (csm_business_hours_seconds_between (sunday, csm_test_at ("2026-10-24T12:00:00Z"),
                                                       csm_test_at ("2026-10-26T12:00:00Z")), ==, 25 * HOUR);
  g_assert_cmpint (csm_business_hours_seconds_between (sunday, csm_test_at ("2026-10-31T12:00:00Z"),
                                                       csm_test_at ("2026-11-02T12:00:00Z")), ==, 24 * HOUR);
  /* 24 h of Sunday from its start ends at the next Sunday in March */
  g_assert_cmpint (csm_business_hours_add_seconds (sunday, csm_test_at ("2026-03-28T12:00:00Z"), 23 * HOUR - 1),
                   ==, csm_test_at ("2026-03-29T23:59:59+02:00"));

  /* 02:30-03:30 on the spring change: 02:30 does not exist, so 03:00 CEST
   * (01:00Z) to 03:30 CEST (01:30Z) */
  g_assert_cmpint (csm_business_hours_seconds_between (gap, csm_test_at ("2026-03-28T12:00:00Z"),
                                                       csm_test_at ("2026-03-30T12:00:00Z")), ==, 30 * MIN_);
  g_assert_cmpint (csm_business_hours_next_open (gap, csm_test_at ("2026-03-28T12:00:00Z")),
                   ==, csm_test_at ("2026-03-29T01:00:00Z"));
  /* a week later it is an hour again: 02:30 CEST = 00:30Z */
  g_assert_cmpint (csm_business_hours_next_open (gap, csm_test_at ("2026-03-30T12:00:00Z")),
                   ==, csm_test_at ("2026-04-05T00:30:00Z"));

  /* 02:00-03:00 on the autumn change: from the first 02:00 (CEST, 00:00Z)
   * to 03:00 CET (02:00Z): both passes through the hour, 2 h */
  g_assert_cmpint (csm_business_hours_seconds_between (repeat, csm_test_at ("2026-10-24T12:00:00Z"),
                                                       csm_test_at ("2026-10-26T12:00:00Z")), ==, 2 * HOUR);
  g_assert_cmpint (csm_business_hours_seconds_between (repeat, csm_test_at ("2026-10-17T12:00:00Z"),
                                                       csm_test_at ("2026-10-19T12:00:00Z")), ==, HOUR);
}

/* add_seconds and seconds_between undo each other, DST weeks included. */
static void
test_hours_add_inverse (void)
{
  g_autoptr(CsmBusinessHours) hours = office_hours ("Europe/Berlin");
  const gint64 amounts[] = { 1, 59 * MIN_, 8 * HOUR, 8 * HOUR + 1, 100000, 3 * 40 * HOUR };
  guint checked = 0;

  for (gint64 from = csm_test_at ("2026-03-20T00:00:00Z"); from < csm_test_at ("2026-04-06T00:00:00Z"); from += 3593)
    for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
      {
        gint64 r = csm_business_hours_add_seconds (hours, from, amounts[i]);
        gint64 to = from + amounts[i] * 3;

        g_assert_cmpint (csm_business_hours_seconds_between (hours, from, r), ==, amounts[i]);
        g_assert_true (csm_business_hours_is_open (hours, r));
        g_assert_cmpint (csm_business_hours_add_seconds (hours, from,
                                                         csm_business_hours_seconds_between (hours, from, to)),
                         ==, csm_business_hours_next_open (hours, to));
        checked++;
      }
  g_assert_cmpuint (checked, >, 2000);
}

/* ------------------------------------------------------------------------ */
/* Policy                                                                   */
/* ------------------------------------------------------------------------ */

static void
test_policy_json (void)
{
  const char *json =
    "{\"timezone\":\"Europe/Berlin\","
    "\"hours\":[{\"days\":[1,2,3,4,5],\"start\":\"09:00\",\"end\":\"17:00\"},"
    "{\"days\":[6],\"start\":\"10:00\",\"end\":\"14:30\"},"
    "{\"days\":[5],\"start\":\"18:00\",\"end\":\"24:00\"}],"
    "\"levels\":[{\"name\":\"gold\",\"start_immediately\":true,\"response_minutes\":240,"
    "\"response_business\":false,\"resolve_minutes\":2880,\"resolve_business\":false},"
    "{\"name\":\"business\",\"response_minutes\":480,\"response_business\":true}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmSlaPolicy) policy = csm_sla_policy_new_from_json (json, &error);
  g_autoptr(CsmSlaPolicy) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  CsmBusinessHours *hours;
  const CsmSlaLevel *level;
  int start, end;

  g_assert_no_error (error);
  g_assert_nonnull (policy);
  g_assert_false (csm_sla_policy_is_empty (policy));
  hours = csm_sla_policy_get_hours (policy);
  g_assert_cmpstr (g_time_zone_get_identifier (csm_business_hours_get_timezone (hours)), ==,
                   "Europe/Berlin");
  g_assert_cmpuint (csm_business_hours_get_n_spans (hours, G_DATE_MONDAY), ==, 1);
  g_assert_cmpuint (csm_business_hours_get_n_spans (hours, G_DATE_FRIDAY), ==, 2);
  g_assert_cmpuint (csm_business_hours_get_n_spans (hours, G_DATE_SUNDAY), ==, 0);
  csm_business_hours_get_span (hours, G_DATE_SATURDAY, 0, &start, &end);
  g_assert_cmpint (start, ==, 600);
  g_assert_cmpint (end, ==, 870);
  csm_business_hours_get_span (hours, G_DATE_FRIDAY, 1, &start, &end);
  g_assert_cmpint (start, ==, 1080);
  g_assert_cmpint (end, ==, 1440);

  g_assert_cmpuint (csm_sla_policy_get_n_levels (policy), ==, 2);
  level = csm_sla_policy_lookup (policy, "gold");
  g_assert_nonnull (level);
  g_assert_true (level == csm_sla_policy_get_level (policy, 0));
  g_assert_true (level->start_immediately);
  g_assert_cmpint (level->response_minutes, ==, 240);
  g_assert_false (level->response_business);
  g_assert_cmpint (level->resolve_minutes, ==, 2880);
  level = csm_sla_policy_lookup (policy, "business");
  g_assert_false (level->start_immediately);
  g_assert_cmpint (level->response_minutes, ==, 480);
  g_assert_true (level->response_business);
  g_assert_cmpint (level->resolve_minutes, ==, 0);
  g_assert_null (csm_sla_policy_lookup (policy, "Gold"));
  g_assert_null (csm_sla_policy_lookup (policy, NULL));

  text = csm_sla_policy_to_json (policy);
  g_assert_cmpstr (text, ==,
                   "{\"timezone\":\"Europe/Berlin\","
                   "\"hours\":[{\"days\":[1,2,3,4,5],\"start\":\"09:00\",\"end\":\"17:00\"},"
                   "{\"days\":[5],\"start\":\"18:00\",\"end\":\"24:00\"},"
                   "{\"days\":[6],\"start\":\"10:00\",\"end\":\"14:30\"}],"
                   "\"levels\":[{\"name\":\"gold\",\"start_immediately\":true,\"response_minutes\":240,"
                   "\"response_business\":false,\"resolve_minutes\":2880,\"resolve_business\":false},"
                   "{\"name\":\"business\",\"start_immediately\":false,\"response_minutes\":480,"
                   "\"response_business\":true,\"resolve_minutes\":0,\"resolve_business\":false}]}");
  again = csm_sla_policy_new_from_json (text, &error);
  g_assert_no_error (error);
  text_again = csm_sla_policy_to_json (again);
  g_assert_cmpstr (text, ==, text_again);
}

static void
test_policy_json_empty (void)
{
  const char *empties[] = { "", "{}", "  {  }  " };

  for (guint i = 0; i < G_N_ELEMENTS (empties); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsmSlaPolicy) policy = csm_sla_policy_new_from_json (empties[i], &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_true (csm_sla_policy_is_empty (policy));
      g_assert_cmpuint (csm_sla_policy_get_n_levels (policy), ==, 0);
      g_assert_true (csm_business_hours_is_always_open (csm_sla_policy_get_hours (policy)));
      text = csm_sla_policy_to_json (policy);
      g_assert_cmpstr (text, ==, "{\"timezone\":\"UTC\",\"hours\":[],\"levels\":[]}");
    }
}

static void
test_policy_json_errors (void)
{
  const struct { const char *json; const char *says; } cases[] = {
    { "{\"timezone\":\"Mars/Olympus_Mons\"}", "unknown time zone “Mars/Olympus_Mons”" },
    { "{\"hours\":[{\"days\":[1],\"start\":\"17:00\",\"end\":\"09:00\"}]}",
      "end 09:00 is not after start 17:00" },
    { "{\"hours\":[{\"days\":[1],\"start\":\"09:00\",\"end\":\"09:00\"}]}",
      "end 09:00 is not after start 09:00" },
    { "{\"hours\":[{\"days\":[8],\"start\":\"09:00\",\"end\":\"17:00\"}]}", "1 = Monday to 7 = Sunday" },
    { "{\"hours\":[{\"days\":[],\"start\":\"09:00\",\"end\":\"17:00\"}]}", "1 = Monday to 7 = Sunday" },
    { "{\"hours\":[{\"days\":[1],\"start\":\"9am\",\"end\":\"17:00\"}]}", "start “9am”" },
    { "{\"hours\":[{\"days\":[1],\"start\":\"09:00\",\"end\":\"24:01\"}]}", "end “24:01”" },
    { "{\"hours\":[{\"days\":[1],\"start\":\"24:00\",\"end\":\"24:00\"}]}", "start “24:00”" },
    { "{\"hours\":{}}", "“hours” must be a list" },
    { "{\"levels\":[{\"response_minutes\":60}]}", "SLA level 1 has no name" },
    { "{\"levels\":[{\"name\":\"gold\",\"response_minutes\":-5}]}", "gold: “response_minutes” is out of range" },
    { "{\"levels\":[{\"name\":\"gold\",\"response_minutes\":\"60\"}]}", "whole number of minutes" },
    { "{\"levels\":[{\"name\":\"gold\",\"resolve_business\":1}]}", "gold: “resolve_business” must be true or false" },
    { "{\"levels\":[{\"name\":\"gold\"},{\"name\":\"gold\"}]}", "SLA level “gold” is described twice" },
    { "[1,2]", "must be a JSON object" },
    { "{\"levels\":[", "Invalid SLA settings" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsmSlaPolicy) policy = csm_sla_policy_new_from_json (cases[i].json, &error);

      g_assert_null (policy);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      if (strstr (error->message, cases[i].says) == NULL)
        g_test_fail_printf ("%s: “%s” does not say “%s”", cases[i].json, error->message,
                            cases[i].says);
    }
}

/* RT's own results, rt5.md section 6. */
static void
test_policy_rt_deadlines (void)
{
  g_autoptr(CsmSlaPolicy) policy = rt_policy ();
  g_autoptr(CsmTicket) gold = make_ticket (10, 1, "Support", "new", "gold",
                                           csm_test_at ("2026-11-23T22:06:00Z"));
  g_autoptr(CsmTicket) gold_agent = make_ticket (1, 1, "Support", "new", "gold",
                                                 csm_test_at ("2026-11-23T22:05:05Z"));
  g_autoptr(CsmTicket) business = make_ticket (11, 2, "Billing", "new", "business",
                                               csm_test_at ("2026-11-23T22:06:00Z"));
  g_autoptr(CsmTicket) business_agent = make_ticket (12, 2, "Billing", "new", "business",
                                                     csm_test_at ("2026-11-23T22:06:00Z"));
  g_autoptr(CsmTicket) none = make_ticket (13, 2, "Billing", "new", NULL,
                                           csm_test_at ("2026-11-23T22:06:00Z"));

  by_requestor (gold);
  by_agent (gold_agent);
  by_requestor (business);
  by_agent (business_agent);
  by_requestor (none);

  /* gold by the customer: created + 4 h real */
  g_assert_cmpint (csm_sla_policy_starts (policy, gold), ==, csm_test_at ("2026-11-23T22:06:00Z"));
  g_assert_cmpint (csm_sla_policy_response_deadline (policy, gold), ==, csm_test_at ("2026-11-24T02:06:00Z"));
  g_assert_cmpint (csm_sla_policy_resolve_deadline (policy, gold), ==, csm_test_at ("2026-11-25T22:06:00Z"));
  g_assert_cmpint (csm_sla_policy_expected_due (policy, gold), ==, csm_test_at ("2026-11-24T02:06:00Z"));

  /* gold by an agent: no response deadline; Due is the resolve one (ticket 1) */
  g_assert_cmpint (csm_sla_policy_response_deadline (policy, gold_agent), ==, 0);
  g_assert_cmpint (csm_sla_policy_expected_due (policy, gold_agent), ==, csm_test_at ("2026-11-25T22:05:05Z"));

  /* business, Mon 22:06: Starts Tue 09:00; 8 business hours end at Tue
   * 17:00 sharp, which RT moves to Wed 09:00 */
  g_assert_cmpint (csm_sla_policy_starts (policy, business), ==, csm_test_at ("2026-11-24T09:00:00Z"));
  g_assert_cmpint (csm_sla_policy_response_deadline (policy, business), ==, csm_test_at ("2026-11-25T09:00:00Z"));
  g_assert_cmpint (csm_sla_policy_resolve_deadline (policy, business), ==, 0);
  g_assert_cmpint (csm_sla_policy_expected_due (policy, business), ==, csm_test_at ("2026-11-25T09:00:00Z"));
  /* by an agent: Due unset */
  g_assert_cmpint (csm_sla_policy_expected_due (policy, business_agent), ==, 0);

  /* no level: nothing */
  g_assert_cmpint (csm_sla_policy_starts (policy, none), ==, 0);
  g_assert_cmpint (csm_sla_policy_expected_due (policy, none), ==, 0);

  g_assert_true (csm_ticket_created_by_requestor (gold));
  g_assert_false (csm_ticket_created_by_requestor (gold_agent));
}

/* The simulator's SLA scrips (csm_sim_sla_due, from creation) and the
 * policy agree on every creation time over two weeks. */
static void
test_policy_sim_levels (void)
{
  g_autoptr(CsmBusinessHours) hours = office_hours (NULL);
  const char *names[] = { "standard", "business", "2d", "gold" };
  CsmSlaLevel levels[G_N_ELEMENTS (names)];
  g_autoptr(CsmSlaPolicy) policy = NULL;
  guint checked = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const CsmSimSlaLevel *sim = csm_sim_sla_lookup_level (names[i]);

      g_assert_nonnull (sim);
      levels[i] = (CsmSlaLevel) { (char *) sim->name, sim->start_immediately,
                                  sim->response_minutes, sim->response_business,
                                  sim->resolve_minutes, sim->resolve_business };
    }
  policy = csm_sla_policy_new (hours, levels, G_N_ELEMENTS (levels));

  for (gint64 created = csm_test_at ("2026-11-20T00:00:00Z"); created < csm_test_at ("2026-12-04T00:00:00Z");
       created += 617)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        const CsmSimSlaLevel *sim = csm_sim_sla_lookup_level (names[i]);
        g_autoptr(CsmTicket) customer = make_ticket (1, 1, "Q", "new", names[i], created);
        g_autoptr(CsmTicket) agent = make_ticket (2, 1, "Q", "new", names[i], created);
        gint64 starts = csm_sim_sla_starts (sim, created);

        by_requestor (customer);
        by_agent (agent);
        g_assert_cmpint (csm_sla_policy_starts (policy, customer), ==, starts);
        g_assert_cmpint (csm_sla_policy_expected_due (policy, customer), ==,
                         csm_sim_sla_due (sim, created, created));
        g_assert_cmpint (csm_sla_policy_expected_due (policy, agent), ==,
                         csm_sim_sla_due (sim, created, 0));
        checked++;
      }
  g_assert_cmpuint (checked, >, 7000);
}

/* The countdown of a business deadline stands still over the weekend. */
static void
test_policy_remaining (void)
{
  g_autoptr(CsmSlaPolicy) policy = rt_policy ();
  /* created Fri 09:20: 7 h 40 min on Friday, 20 min on Monday */
  g_autoptr(CsmTicket) t = make_ticket (20, 2, "Billing", "new", "business",
                                        csm_test_at ("2026-11-27T09:20:00Z"));
  g_autoptr(CsmTicket) gold = make_ticket (21, 1, "Support", "new", "gold",
                                           csm_test_at ("2026-11-27T16:00:00Z"));
  g_autoptr(CsmTicket) unknown = make_ticket (22, 1, "Support", "new", "platinum",
                                              csm_test_at ("2026-11-27T16:00:00Z"));
  g_autoptr(CsmBusinessHours) berlin = office_hours ("Europe/Berlin");
  const CsmSlaLevel berlin_levels[] = { { (char *) "business", FALSE, 480, TRUE, 0, FALSE } };
  g_autoptr(CsmSlaPolicy) berlin_policy = csm_sla_policy_new (berlin, berlin_levels, 1);
  g_autoptr(CsmTicket) spring = make_ticket (23, 2, "Billing", "new", "business",
                                             csm_test_at ("2026-03-27T09:00:00+01:00"));

  by_requestor (t);
  by_requestor (gold);
  by_requestor (spring);
  t->due = csm_sla_policy_expected_due (policy, t);
  g_assert_cmpint (t->due, ==, csm_test_at ("2026-11-30T09:20:00Z"));
  g_assert_true (csm_sla_policy_due_is_business (policy, t));

  /* Fri 16:50: 10 min today + 20 min on Monday */
  g_assert_cmpint (csm_sla_policy_remaining (policy, t, csm_test_at ("2026-11-27T16:50:00Z")), ==, 30 * MIN_);
  /* all weekend: 20 min */
  g_assert_cmpint (csm_sla_policy_remaining (policy, t, csm_test_at ("2026-11-28T00:00:00Z")), ==, 20 * MIN_);
  g_assert_cmpint (csm_sla_policy_remaining (policy, t, csm_test_at ("2026-11-30T08:59:00Z")), ==, 20 * MIN_);
  g_assert_cmpint (csm_sla_policy_remaining (policy, t, csm_test_at ("2026-11-30T09:10:00Z")), ==, 10 * MIN_);
  /* passed: negative, business time only */
  g_assert_cmpint (csm_sla_policy_remaining (policy, t, csm_test_at ("2026-11-30T10:20:00Z")), ==, -HOUR);

  /* real minutes: the clock */
  gold->due = csm_sla_policy_expected_due (policy, gold);
  g_assert_cmpint (gold->due, ==, csm_test_at ("2026-11-27T20:00:00Z"));
  g_assert_false (csm_sla_policy_due_is_business (policy, gold));
  g_assert_cmpint (csm_sla_policy_remaining (policy, gold, csm_test_at ("2026-11-27T19:00:00Z")), ==, HOUR);

  /* unknown level: plain Due − now */
  unknown->due = csm_test_at ("2026-11-30T09:20:00Z");
  g_assert_cmpint (csm_sla_policy_remaining (policy, unknown, csm_test_at ("2026-11-27T16:50:00Z")), ==,
                   2 * DAY + 16 * HOUR + 30 * MIN_);

  /* Berlin, over the spring change: Fri 09:00 CET + 8 h = Fri 17:00 → Mon
   * 09:00 CEST; at Fri 16:00 CET one business hour is left, 65 h on the clock */
  spring->due = csm_sla_policy_expected_due (berlin_policy, spring);
  g_assert_cmpint (spring->due, ==, csm_test_at ("2026-03-30T09:00:00+02:00"));
  g_assert_cmpint (csm_sla_policy_remaining (berlin_policy, spring, csm_test_at ("2026-03-27T16:00:00+01:00")),
                   ==, HOUR);
}

static void
test_policy_validate (void)
{
  g_autoptr(CsmSlaPolicy) policy = rt_policy ();
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(CsmSlaValidation) v = { 0 };
  CsmTicket *t;
  CsmSlaMismatch *m;

  t = make_ticket (10, 1, "Support", "new", "gold", csm_test_at ("2026-11-23T22:06:00Z"));
  by_requestor (t);
  t->due = csm_test_at ("2026-11-24T02:06:00Z");
  g_ptr_array_add (tickets, t);
  t = make_ticket (11, 2, "Billing", "open", "business", csm_test_at ("2026-11-23T22:06:00Z"));
  by_requestor (t);
  t->due = csm_test_at ("2026-11-25T09:00:00Z");
  g_ptr_array_add (tickets, t);
  /* RT says +2 h: the description is wrong for it */
  t = make_ticket (12, 1, "Support", "new", "gold", csm_test_at ("2026-11-23T22:06:00Z"));
  by_requestor (t);
  t->due = csm_test_at ("2026-11-24T00:06:00Z");
  g_ptr_array_add (tickets, t);
  t = make_ticket (13, 1, "Support", "new", "platinum", csm_test_at ("2026-11-23T22:06:00Z"));
  by_requestor (t);
  t->due = csm_test_at ("2026-11-24T00:06:00Z");
  g_ptr_array_add (tickets, t);
  /* not checkable: answered, agent-created, resolved, no level */
  t = make_ticket (14, 1, "Support", "open", "gold", csm_test_at ("2026-11-23T22:06:00Z"));
  by_requestor (t);
  t->first_response = csm_test_at ("2026-11-23T22:30:00Z");
  t->due = csm_test_at ("2026-11-25T22:06:00Z");
  g_ptr_array_add (tickets, t);
  t = make_ticket (15, 1, "Support", "new", "gold", csm_test_at ("2026-11-23T22:06:00Z"));
  by_agent (t);
  g_ptr_array_add (tickets, t);
  t = make_ticket (16, 1, "Support", "resolved", "gold", csm_test_at ("2026-11-23T22:06:00Z"));
  by_requestor (t);
  g_ptr_array_add (tickets, t);
  t = make_ticket (17, 1, "Support", "new", NULL, csm_test_at ("2026-11-23T22:06:00Z"));
  by_requestor (t);
  g_ptr_array_add (tickets, t);
  /* a second mismatch, beyond max_examples */
  t = make_ticket (18, 1, "Support", "new", "2d", csm_test_at ("2026-11-23T22:06:00Z"));
  by_requestor (t);
  g_ptr_array_add (tickets, t);

  csm_sla_policy_validate (policy, tickets, 1, &v);
  g_assert_cmpuint (v.checked, ==, 4);
  g_assert_cmpuint (v.matching, ==, 2);
  g_assert_cmpuint (v.unknown_level, ==, 1);
  g_assert_cmpuint (v.mismatches->len, ==, 1);
  m = &g_array_index (v.mismatches, CsmSlaMismatch, 0);
  g_assert_cmpint (m->ticket_id, ==, 12);
  g_assert_cmpint (m->expected, ==, csm_test_at ("2026-11-24T02:06:00Z"));
  g_assert_cmpint (m->actual, ==, csm_test_at ("2026-11-24T00:06:00Z"));
}

/* ------------------------------------------------------------------------ */
/* Board                                                                    */
/* ------------------------------------------------------------------------ */

#define NOW_MON csm_test_at ("2026-11-23T12:00:00Z")

static CsmSlaEntry *
find_entry (GPtrArray *entries,
            gint64     id)
{
  for (guint i = 0; i < entries->len; i++)
    {
      CsmSlaEntry *e = g_ptr_array_index (entries, i);

      if (csm_ticket_get_id (csm_sla_entry_get_ticket (e)) == id)
        return e;
    }
  return NULL;
}

/* Billing (queue 4) has 12 tickets waiting for a first reply and gave 9
 * first replies in the last hour. The 12th is reached after 12 × 3600 / 9
 * = 4800 s = 80 min, but its deadline is in 50 min: predicted to breach. */
static GPtrArray *
billing_world (gint64 now)
{
  GPtrArray *tickets = g_ptr_array_new_with_free_func (g_object_unref);
  CsmTicket *t;

  /* waiting, oldest first: ids 100…111 created a minute apart; 103 has no
   * Due but still holds its place; 104 and 105 share a creation time */
  for (int k = 0; k < 12; k++)
    {
      t = make_ticket (100 + k, 4, "Billing", k % 2 ? "open" : "new", NULL,
                       now - 2 * HOUR + k * MIN_ - (k == 5 ? MIN_ : 0));
      t->due = now + 4 * HOUR;
      g_ptr_array_add (tickets, t);
    }
  ((CsmTicket *) g_ptr_array_index (tickets, 3))->due = 0;
  /* the 3rd: reached in 3 × 400 s = 20 min, due in 2 h: fine */
  ((CsmTicket *) g_ptr_array_index (tickets, 2))->due = now + 2 * HOUR;
  /* the 12th: due in 50 min */
  ((CsmTicket *) g_ptr_array_index (tickets, 11))->due = now + 50 * MIN_;

  /* first replies in [now − 1 h, now]: 9, both ends included */
  for (int k = 0; k < 9; k++)
    {
      t = make_ticket (200 + k, 4, "Billing", k < 5 ? "resolved" : "open", NULL, now - 3 * HOUR);
      t->first_response = now - HOUR + k * 450;
      g_ptr_array_add (tickets, t);
    }
  /* outside the window, or in another queue: not counted */
  t = make_ticket (209, 4, "Billing", "resolved", NULL, now - 3 * HOUR);
  t->first_response = now - HOUR - 1;
  g_ptr_array_add (tickets, t);
  t = make_ticket (210, 3, "Support", "resolved", NULL, now - 3 * HOUR);
  t->first_response = now - 60;
  g_ptr_array_add (tickets, t);
  /* an inactive ticket waiting never counts */
  t = make_ticket (211, 4, "Billing", "rejected", NULL, now - 5 * HOUR);
  t->due = now - HOUR;
  g_ptr_array_add (tickets, t);
  return tickets;
}

static void
test_board_prediction (void)
{
  gint64 now = NOW_MON;
  g_autoptr(GPtrArray) tickets = billing_world (now);
  g_autoptr(GPtrArray) entries = NULL;
  CsmSlaBoardOptions options;
  CsmSlaEntry *e;
  g_autofree char *reason = NULL;
  g_autofree char *reason_ok = NULL;

  csm_sla_board_options_init (&options);
  g_assert_cmpint (options.horizon_seconds, ==, 1800);
  g_assert_cmpint (options.rate_window_seconds, ==, 3600);

  entries = csm_sla_board_compute (NULL, tickets, &options, now);
  /* the 11 waiting Billing tickets with a Due */
  g_assert_cmpuint (entries->len, ==, 11);

  e = find_entry (entries, 111);
  g_assert_cmpint (csm_sla_entry_get_state (e), ==, CSM_SLA_STATE_PREDICTED);
  g_assert_cmpuint (csm_sla_entry_get_queue_position (e), ==, 12);
  g_assert_cmpfloat_with_epsilon (csm_sla_entry_get_queue_rate (e), 9.0, 1e-9);
  g_assert_cmpint (csm_sla_entry_get_predicted_first_response (e), ==, now + 4800);
  g_assert_cmpint (csm_sla_entry_get_seconds_to_due (e), ==, 3000);
  reason = csm_sla_entry_dup_reason (e);
  g_assert_cmpstr (reason, ==, "12th in Billing; Billing answers 9 an hour; deadline in 50 min");
  /* first on the board: the earliest Due */
  g_assert_true (g_ptr_array_index (entries, 0) == e);

  e = find_entry (entries, 102);
  g_assert_cmpint (csm_sla_entry_get_state (e), ==, CSM_SLA_STATE_OK);
  g_assert_cmpuint (csm_sla_entry_get_queue_position (e), ==, 3);
  g_assert_cmpint (csm_sla_entry_get_predicted_first_response (e), ==, now + 1200);
  reason_ok = csm_sla_entry_dup_reason (e);
  g_assert_cmpstr (reason_ok, ==,
                   "3rd in Billing; Billing answers 9 an hour; reply expected in 20 min; deadline in 2 h");

  /* FIFO with the tie broken by id: 105 was created with 104 */
  g_assert_null (find_entry (entries, 103));
  g_assert_cmpuint (csm_sla_entry_get_queue_position (find_entry (entries, 100)), ==, 1);
  g_assert_cmpuint (csm_sla_entry_get_queue_position (find_entry (entries, 104)), ==, 5);
  g_assert_cmpuint (csm_sla_entry_get_queue_position (find_entry (entries, 105)), ==, 6);
  /* 11th: 11 × 400 s = 4400 s before its Due at 4 h: ok; the 12th's place shows
   * the position counts 103 */
  g_assert_cmpint (csm_sla_entry_get_state (find_entry (entries, 110)), ==, CSM_SLA_STATE_OK);
  g_assert_cmpint (csm_sla_entry_get_predicted_first_response (find_entry (entries, 110)), ==,
                   now + 4400);

  /* a wider window: 10 replies over 2 h (209 is in it now) */
  options.rate_window_seconds = 2 * HOUR;
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = csm_sla_board_compute (NULL, tickets, &options, now);
  e = find_entry (entries, 111);
  g_assert_cmpfloat_with_epsilon (csm_sla_entry_get_queue_rate (e), 5.0, 1e-9);
  g_clear_pointer (&reason, g_free);
  reason = csm_sla_entry_dup_reason (e);
  /* 10 in 2 h (209 is inside now) = 5 an hour; 12 × 720 s = 2 h 24 min */
  g_assert_cmpint (csm_sla_entry_get_predicted_first_response (e), ==, now + 8640);
  g_assert_cmpstr (reason, ==, "12th in Billing; Billing answers 5 an hour; deadline in 50 min");
}

static void
test_board_lanes (void)
{
  gint64 now = NOW_MON;
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(CsmSlaPolicy) policy = rt_policy ();
  CsmTicket *t;
  g_autofree char *r1 = NULL, *r2 = NULL, *r3 = NULL;

  /* answered tickets (no prediction), in Support */
  t = make_ticket (1, 3, "Support", "open", NULL, now - DAY);
  t->first_response = now - 20 * HOUR;
  t->due = now - 10 * MIN_;                 /* breached */
  g_ptr_array_add (tickets, t);
  t = make_ticket (2, 3, "Support", "stalled", NULL, now - DAY);
  t->first_response = now - 20 * HOUR;
  t->due = now;                             /* Due < now is false: at risk, 0 left */
  g_ptr_array_add (tickets, t);
  t = make_ticket (3, 3, "Support", "open", NULL, now - DAY);
  t->first_response = now - 20 * HOUR;
  t->due = now + 1800;                      /* at the horizon: at risk */
  g_ptr_array_add (tickets, t);
  t = make_ticket (4, 3, "Support", "open", NULL, now - DAY);
  t->first_response = now - 20 * HOUR;
  t->due = now + 1801;                      /* past it: ok */
  g_ptr_array_add (tickets, t);
  t = make_ticket (5, 3, "Support", "resolved", NULL, now - DAY);
  t->first_response = now - 20 * HOUR;
  t->due = now - HOUR;                      /* inactive: not on the board */
  g_ptr_array_add (tickets, t);
  t = make_ticket (6, 3, "Support", "open", NULL, now - DAY);
  t->first_response = now - 20 * HOUR;      /* no Due: not on the board */
  g_ptr_array_add (tickets, t);
  /* Technical answered nobody in the last hour: its waiting ticket is
   * predicted to breach however far its Due */
  t = make_ticket (7, 5, "Technical", "new", NULL, now - HOUR);
  t->due = now + 3 * DAY;
  g_ptr_array_add (tickets, t);
  /* waiting and breached: breached wins */
  t = make_ticket (8, 5, "Technical", "new", NULL, now - 2 * HOUR);
  t->due = now - 1;
  g_ptr_array_add (tickets, t);

  entries = csm_sla_board_compute (policy, tickets, NULL, now);
  g_assert_cmpuint (entries->len, ==, 6);
  /* by Due */
  g_assert_cmpint (csm_ticket_get_id (csm_sla_entry_get_ticket (g_ptr_array_index (entries, 0))), ==, 1);
  g_assert_cmpint (csm_ticket_get_id (csm_sla_entry_get_ticket (g_ptr_array_index (entries, 1))), ==, 8);
  g_assert_cmpint (csm_ticket_get_id (csm_sla_entry_get_ticket (g_ptr_array_index (entries, 5))), ==, 7);

  g_assert_cmpint (csm_sla_entry_get_state (find_entry (entries, 1)), ==, CSM_SLA_STATE_BREACHED);
  g_assert_cmpint (csm_sla_entry_get_state (find_entry (entries, 2)), ==, CSM_SLA_STATE_AT_RISK);
  g_assert_cmpint (csm_sla_entry_get_state (find_entry (entries, 3)), ==, CSM_SLA_STATE_AT_RISK);
  g_assert_cmpint (csm_sla_entry_get_state (find_entry (entries, 4)), ==, CSM_SLA_STATE_OK);
  g_assert_cmpint (csm_sla_entry_get_state (find_entry (entries, 7)), ==, CSM_SLA_STATE_PREDICTED);
  g_assert_cmpint (csm_sla_entry_get_state (find_entry (entries, 8)), ==, CSM_SLA_STATE_BREACHED);
  g_assert_cmpuint (csm_sla_entry_get_queue_position (find_entry (entries, 8)), ==, 1);
  g_assert_cmpuint (csm_sla_entry_get_queue_position (find_entry (entries, 7)), ==, 2);
  g_assert_cmpuint (csm_sla_entry_get_queue_position (find_entry (entries, 1)), ==, 0);
  g_assert_cmpint (csm_sla_entry_get_predicted_first_response (find_entry (entries, 7)), ==, 0);
  g_assert_cmpint (csm_sla_entry_get_seconds_to_due (find_entry (entries, 1)), ==, -600);

  r1 = csm_sla_entry_dup_reason (find_entry (entries, 1));
  g_assert_cmpstr (r1, ==, "deadline passed 10 min ago");
  r2 = csm_sla_entry_dup_reason (find_entry (entries, 7));
  g_assert_cmpstr (r2, ==, "2nd in Technical; no first replies in Technical in the last hour; deadline in 3 d");
  r3 = csm_sla_entry_dup_reason (find_entry (entries, 3));
  g_assert_cmpstr (r3, ==, "deadline in 30 min");

  g_assert_cmpstr (csm_sla_state_to_string (CSM_SLA_STATE_OK), ==, "ok");
  g_assert_cmpstr (csm_sla_state_to_string (CSM_SLA_STATE_PREDICTED), ==, "predicted");
  g_assert_cmpstr (csm_sla_state_to_string (CSM_SLA_STATE_AT_RISK), ==, "at_risk");
  g_assert_cmpstr (csm_sla_state_to_string (CSM_SLA_STATE_BREACHED), ==, "breached");
}

/* At risk counts business time: Friday 16:50 with a business Due on Monday
 * 09:20 has 10 + 20 min left, inside the 30 min horizon, though Monday is
 * 64 h away on the clock. */
static void
test_board_business_weekend (void)
{
  g_autoptr(CsmSlaPolicy) policy = rt_policy ();
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *reason = NULL;
  CsmTicket *t;
  CsmSlaEntry *e;
  gint64 now = csm_test_at ("2026-11-27T16:50:00Z");

  t = make_ticket (30, 2, "Billing", "new", "business", csm_test_at ("2026-11-27T09:20:00Z"));
  by_requestor (t);
  t->due = csm_test_at ("2026-11-30T09:20:00Z");
  g_ptr_array_add (tickets, t);
  /* one first reply 10 min ago: 1 an hour, reached at 17:50, before Due */
  t = make_ticket (31, 2, "Billing", "open", "business", csm_test_at ("2026-11-27T09:00:00Z"));
  by_requestor (t);
  t->first_response = now - 10 * MIN_;
  g_ptr_array_add (tickets, t);

  entries = csm_sla_board_compute (policy, tickets, NULL, now);
  g_assert_cmpuint (entries->len, ==, 1);
  e = g_ptr_array_index (entries, 0);
  g_assert_cmpint (csm_sla_entry_get_seconds_to_due (e), ==, 30 * MIN_);
  g_assert_true (csm_sla_entry_get_business (e));
  g_assert_cmpint (csm_sla_entry_get_state (e), ==, CSM_SLA_STATE_AT_RISK);
  reason = csm_sla_entry_dup_reason (e);
  g_assert_cmpstr (reason, ==,
                   "1st in Billing; Billing answers 1 an hour; reply expected in 1 h; "
                   "deadline in 30 min of business hours");

  /* at 15:50:01, 1 h 29 min 59 s left: not at risk; 31's reply (16:40) has
   * not happened yet, so Billing answered nobody in the last hour */
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = csm_sla_board_compute (policy, tickets, NULL, now - HOUR + 1);
  g_assert_cmpint (csm_sla_entry_get_seconds_to_due (g_ptr_array_index (entries, 0)), ==,
                   HOUR + 30 * MIN_ - 1);
  g_assert_cmpint (csm_sla_entry_get_state (g_ptr_array_index (entries, 0)), ==,
                   CSM_SLA_STATE_PREDICTED);

  /* at 15:50 with 31 answered at 15:45 instead: reached at 16:50, ok */
  ((CsmTicket *) g_ptr_array_index (tickets, 1))->first_response = now - HOUR - 5 * MIN_;
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = csm_sla_board_compute (policy, tickets, NULL, now - HOUR);
  g_assert_cmpint (csm_sla_entry_get_predicted_first_response (g_ptr_array_index (entries, 0)), ==,
                   now);
  g_assert_cmpint (csm_sla_entry_get_state (g_ptr_array_index (entries, 0)), ==, CSM_SLA_STATE_OK);
}

static void
test_board_speed (void)
{
  g_autoptr(CsmBusinessHours) hours = office_hours ("Europe/Berlin");
  const CsmSlaLevel levels[] = {
    { (char *) "standard", TRUE, 240, FALSE, 2880, FALSE },
    { (char *) "business", FALSE, 480, TRUE, 0, FALSE },
    { (char *) "2d", TRUE, 0, FALSE, 2880, FALSE },
    { (char *) "gold", TRUE, 60, FALSE, 480, FALSE },
  };
  g_autoptr(CsmSlaPolicy) policy = csm_sla_policy_new (hours, levels, G_N_ELEMENTS (levels));
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  gint64 now = csm_test_at ("2026-03-27T15:00:00Z");
  const char *statuses[] = { "new", "open", "stalled", "resolved", "resolved", "resolved" };
  guint n_due = 0;

  for (guint i = 0; i < 100000; i++)
    {
      guint q = g_rand_int_range (rand, 0, 20);
      g_autofree char *queue = g_strdup_printf ("Queue %u", q);
      const char *status = statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))];
      /* ids descending against creation, and many sharing a second, so
       * ties in Due must be broken by id */
      CsmTicket *t = make_ticket (100000 - i, q, queue, status, levels[q % 4].name,
                                  now - g_rand_int_range (rand, 0, 14 * DAY / 60) * 60);

      by_requestor (t);
      if (g_rand_boolean (rand))
        t->first_response = t->created + g_rand_int_range (rand, 60, 6 * HOUR);
      t->due = csm_sla_policy_expected_due (policy, t);
      if (t->due != 0 && csm_ticket_is_active (t))
        n_due++;
      g_ptr_array_add (tickets, t);
    }

  for (guint round = 0; round < 3; round++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) entries = csm_sla_board_compute (policy, tickets, NULL, now + round * 60);
      gint64 took = g_get_monotonic_time () - start;

      g_assert_cmpuint (entries->len, ==, n_due);
      for (guint i = 1; i < entries->len; i++)
        {
          CsmSlaEntry *a = g_ptr_array_index (entries, i - 1);
          CsmSlaEntry *b = g_ptr_array_index (entries, i);

          /* by Due, ties by id */
          g_assert_cmpint (csm_sla_entry_get_due (a), <=, csm_sla_entry_get_due (b));
          if (csm_sla_entry_get_due (a) == csm_sla_entry_get_due (b))
            g_assert_cmpint (csm_ticket_get_id (csm_sla_entry_get_ticket (a)), <,
                             csm_ticket_get_id (csm_sla_entry_get_ticket (b)));
        }
      g_test_message ("csm_sla_board_compute, 100,000 tickets (%u on the board), run %u: %.1f ms",
                      entries->len, round + 1, took / 1000.0);
    }
}

/* ------------------------------------------------------------------------ */
/* Attainment and export                                                    */
/* ------------------------------------------------------------------------ */

static GPtrArray *
attainment_world (void)
{
  GPtrArray *tickets = g_ptr_array_new_with_free_func (g_object_unref);
  CsmTicket *t;

  /* G1 gold: response due Mon 05:00, answered 04:00: met */
  t = make_ticket (1, 3, "Support", "open", "gold", csm_test_at ("2026-11-23T01:00:00Z"));
  by_requestor (t);
  t->first_response = csm_test_at ("2026-11-23T04:00:00Z");
  g_ptr_array_add (tickets, t);
  /* G2 gold: due 14:00, answered 15:00: missed */
  t = make_ticket (2, 4, "Billing", "open", "gold", csm_test_at ("2026-11-23T10:00:00Z"));
  by_requestor (t);
  t->first_response = csm_test_at ("2026-11-23T15:00:00Z");
  g_ptr_array_add (tickets, t);
  /* G3 gold: due Tue 00:00, outside [Mon, Tue) */
  t = make_ticket (3, 3, "Support", "open", "gold", csm_test_at ("2026-11-23T20:00:00Z"));
  by_requestor (t);
  t->first_response = csm_test_at ("2026-11-23T20:10:00Z");
  g_ptr_array_add (tickets, t);
  /* G4 gold: due 12:00, unanswered at Tue 12:00: missed */
  t = make_ticket (4, 3, "Support", "new", "gold", csm_test_at ("2026-11-23T08:00:00Z"));
  by_requestor (t);
  g_ptr_array_add (tickets, t);
  /* G5 gold by an agent: no response target; resolve due Sat 02:00 + 48 h
   * = Mon 02:00, resolved Mon 01:00: met */
  t = make_ticket (5, 3, "Support", "resolved", "gold", csm_test_at ("2026-11-21T02:00:00Z"));
  by_agent (t);
  t->resolved = csm_test_at ("2026-11-23T01:00:00Z");
  g_ptr_array_add (tickets, t);
  /* G6 gold by an agent: resolve due Mon 10:00, still open: missed */
  t = make_ticket (6, 4, "Billing", "open", "gold", csm_test_at ("2026-11-21T10:00:00Z"));
  by_agent (t);
  g_ptr_array_add (tickets, t);
  /* G7: rejected without being resolved: not counted */
  t = make_ticket (7, 4, "Billing", "rejected", "gold", csm_test_at ("2026-11-21T12:00:00Z"));
  by_agent (t);
  g_ptr_array_add (tickets, t);
  /* B1 business, Sun 15:00: Mon 09:00 + 8 h = 17:00 sharp → Tue 09:00: outside */
  t = make_ticket (8, 4, "Billing", "new", "business", csm_test_at ("2026-11-22T15:00:00Z"));
  by_requestor (t);
  g_ptr_array_add (tickets, t);
  /* B2 business, Fri 14:00: 3 h Friday + 5 h Monday = Mon 14:00, answered 13:59: met */
  t = make_ticket (9, 4, "Billing", "open", "business", csm_test_at ("2026-11-20T14:00:00Z"));
  by_requestor (t);
  t->first_response = csm_test_at ("2026-11-23T13:59:00Z");
  g_ptr_array_add (tickets, t);
  /* B3 business, Fri 16:00: 1 h + 7 h = Mon 16:00, unanswered: missed */
  t = make_ticket (10, 4, "Billing", "new", "business", csm_test_at ("2026-11-20T16:00:00Z"));
  by_requestor (t);
  g_ptr_array_add (tickets, t);
  /* unknown level and no level: skipped */
  t = make_ticket (11, 3, "Support", "new", "platinum", csm_test_at ("2026-11-23T08:00:00Z"));
  by_requestor (t);
  g_ptr_array_add (tickets, t);
  t = make_ticket (12, 5, "Technical", "new", NULL, csm_test_at ("2026-11-23T08:00:00Z"));
  by_requestor (t);
  g_ptr_array_add (tickets, t);
  return tickets;
}

static void
assert_row (GPtrArray  *rows,
            guint       i,
            const char *key,
            guint       response_met,
            guint       response_missed,
            guint       resolve_met,
            guint       resolve_missed)
{
  CsmSlaAttainmentRow *row = g_ptr_array_index (rows, i);

  g_assert_cmpstr (row->key, ==, key);
  g_assert_cmpuint (row->response_met, ==, response_met);
  g_assert_cmpuint (row->response_missed, ==, response_missed);
  g_assert_cmpuint (row->resolve_met, ==, resolve_met);
  g_assert_cmpuint (row->resolve_missed, ==, resolve_missed);
}

static void
test_attainment (void)
{
  g_autoptr(CsmSlaPolicy) policy = rt_policy ();
  g_autoptr(GPtrArray) tickets = attainment_world ();
  g_autoptr(GPtrArray) by_level = NULL;
  g_autoptr(GPtrArray) by_queue = NULL;
  g_autoptr(GPtrArray) early = NULL;
  gint64 from = csm_test_at ("2026-11-23T00:00:00Z");
  gint64 to = csm_test_at ("2026-11-24T00:00:00Z");
  gint64 now = csm_test_at ("2026-11-24T12:00:00Z");

  by_level = csm_sla_attainment_compute (policy, tickets, FALSE, from, to, now);
  g_assert_cmpuint (by_level->len, ==, 3);
  assert_row (by_level, 0, "2d", 0, 0, 0, 0);
  assert_row (by_level, 1, "business", 1, 1, 0, 0);
  assert_row (by_level, 2, "gold", 1, 2, 1, 1);
  g_assert_cmpfloat_with_epsilon (csm_sla_attainment_row_response_percent (g_ptr_array_index (by_level, 2)),
                                  100.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (csm_sla_attainment_row_resolve_percent (g_ptr_array_index (by_level, 2)),
                                  50.0, 1e-9);
  g_assert_cmpfloat (csm_sla_attainment_row_resolve_percent (g_ptr_array_index (by_level, 1)), ==, -1);

  by_queue = csm_sla_attainment_compute (policy, tickets, TRUE, from, to, now);
  g_assert_cmpuint (by_queue->len, ==, 2);
  assert_row (by_queue, 0, "Billing", 1, 2, 0, 1);
  assert_row (by_queue, 1, "Support", 1, 1, 1, 0);

  /* as of Mon 12:30: answers and deadlines after it do not count yet; G1 met,
   * G4 missed (12:00), G5 met, G6 missed (10:00); G2 (14:00, answered
   * later), B2 (14:00, answered 13:59) and B3 (16:00) are still open */
  early = csm_sla_attainment_compute (policy, tickets, FALSE, from, to, csm_test_at ("2026-11-23T12:30:00Z"));
  assert_row (early, 1, "business", 0, 0, 0, 0);
  assert_row (early, 2, "gold", 1, 1, 1, 1);
}

static void
test_export_sla (void)
{
  gint64 now = NOW_MON;
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *first, *second;
  CsmTicket *t;

  t = make_ticket (7, 4, "Billing", "new", NULL, now - HOUR);
  t->due = now + 50 * MIN_;
  g_ptr_array_add (tickets, t);
  t = make_ticket (8, 4, "Billing", "resolved", NULL, now - 2 * HOUR);
  t->first_response = now - 30 * MIN_;
  g_ptr_array_add (tickets, t);
  t = make_ticket (3, 3, "Support, 2nd line", "open", NULL, now - DAY);
  t->owner = g_strdup ("alice");
  t->first_response = now - 20 * HOUR;
  t->due = now - 10 * MIN_;
  g_ptr_array_add (tickets, t);

  entries = csm_sla_board_compute (NULL, tickets, NULL, now);
  csv = csm_export_sla (entries, CSM_EXPORT_CSV);
  /* 7: 1st, 1 an hour → reached in 1 h, after its Due in 50 min */
  g_assert_cmpstr (csv, ==,
                   "id,queue,owner,due,state,seconds_to_due,predicted_first_response\r\n"
                   "3,\"Support, 2nd line\",alice,2026-11-23T11:50:00Z,breached,-600,\r\n"
                   "7,Billing,,2026-11-23T12:50:00Z,predicted,3000,2026-11-23T13:00:00Z\r\n");

  json = csm_export_sla (entries, CSM_EXPORT_JSON);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  first = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  second = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 1);
  g_assert_cmpint (json_object_get_int_member (first, "id"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (first, "state"), ==, "breached");
  g_assert_true (json_object_get_null_member (first, "predicted_first_response"));
  g_assert_cmpint (json_object_get_int_member (first, "seconds_to_due"), ==, -600);
  g_assert_true (json_object_get_null_member (second, "owner"));
  g_assert_cmpstr (json_object_get_string_member (second, "due"), ==, "2026-11-23T12:50:00Z");
  g_assert_cmpuint (json_object_get_size (second), ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/sla/hours/weekend", test_hours_weekend);
  g_test_add_func ("/core/sla/hours/always-open", test_hours_always_open);
  g_test_add_func ("/core/sla/hours/dst-office", test_hours_dst_office);
  g_test_add_func ("/core/sla/hours/dst-changeover", test_hours_dst_changeover);
  g_test_add_func ("/core/sla/hours/add-inverse", test_hours_add_inverse);
  g_test_add_func ("/core/sla/policy/json", test_policy_json);
  g_test_add_func ("/core/sla/policy/json-empty", test_policy_json_empty);
  g_test_add_func ("/core/sla/policy/json-errors", test_policy_json_errors);
  g_test_add_func ("/core/sla/policy/rt-deadlines", test_policy_rt_deadlines);
  g_test_add_func ("/core/sla/policy/sim-levels", test_policy_sim_levels);
  g_test_add_func ("/core/sla/policy/remaining", test_policy_remaining);
  g_test_add_func ("/core/sla/policy/validate", test_policy_validate);
  g_test_add_func ("/core/sla/board/prediction", test_board_prediction);
  g_test_add_func ("/core/sla/board/lanes", test_board_lanes);
  g_test_add_func ("/core/sla/board/business-weekend", test_board_business_weekend);
  g_test_add_func ("/core/sla/board/speed", test_board_speed);
  g_test_add_func ("/core/sla/attainment", test_attainment);
  g_test_add_func ("/core/sla/export", test_export_sla);

  return g_test_run ();
}
