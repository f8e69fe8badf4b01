/* test-kpi.c: known answers for the KPI engine, worked out by hand on a small fixture.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "csm-export.h"
#include "csm-kpi.h"
#include "csm-kpi-report.h"
#include "csm-kpi-task.h"
#include "csm-sla-policy.h"
#include "csm-test-tickets.h"
#include "csm-ticket-private.h"
#include "csm-time.h"
#include "csm-transaction.h"


#define NOW csm_test_at ("2026-11-23T12:00:00Z")
#define FROM csm_test_at ("2026-11-16T00:00:00Z")
#define TO csm_test_at ("2026-11-23T00:00:00Z")
#define HOUR 3600
#define DAY 86400



/* ------------------------------------------------------------------------ */

/* ------------------------------------------------------------------------ */

typedef struct
{
  GPtrArray *tickets;
  GHashTable *histories;
} Fixture;

static CsmTicket *
add (Fixture    *f,
     gint64      id,
     const char *queue,
     const char *status,
     const char *owner,
     gint64      created)
{
  CsmTicket *t = csm_test_ticket_new (id, g_str_equal (queue, "Support") ? 1 : 2, queue, status,
                                      owner, created);

  g_ptr_array_add (f->tickets, t);
  return t;
}

static void
survey (CsmTicket  *t,
        const char *channel,
        const char *requestor,
        const char *csat,
        const char *nps,
        const char *ces)
{
  GPtrArray *fields = g_ptr_array_new ();
  const char *requestors[] = { requestor, NULL };

  g_ptr_array_add (fields, g_strdup ("Channel"));
  g_ptr_array_add (fields, g_strdup (channel));
  if (csat)
    {
      g_ptr_array_add (fields, g_strdup ("CSAT"));
      g_ptr_array_add (fields, g_strdup (csat));
    }
  if (nps)
    {
      g_ptr_array_add (fields, g_strdup ("NPS"));
      g_ptr_array_add (fields, g_strdup (nps));
    }
  if (ces)
    {
      g_ptr_array_add (fields, g_strdup ("CES"));
      g_ptr_array_add (fields, g_strdup (ces));
    }
  g_ptr_array_add (fields, NULL);
  g_strfreev (t->custom_fields);
  t->custom_fields = (GStrv) g_ptr_array_free (fields, FALSE);
  g_strfreev (t->requestors);
  t->requestors = requestor ? g_strdupv ((char **) requestors) : NULL;
}

static void
status_changes (Fixture    *f,
                gint64      id,
                ...)
{
  g_autoptr(GPtrArray) txs = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
  gint64 *key = g_memdup2 (&id, sizeof id);
  va_list args;
  const char *when;

  va_start (args, id);
  while ((when = va_arg (args, const char *)) != NULL)
    {
      const char *from = va_arg (args, const char *);
      const char *to = va_arg (args, const char *);
      CsmTransaction *tx = csm_transaction_new (txs->len + 1, id, CSM_TRANSACTION_STATUS, csm_test_at (when),
                                                "alice", 0);

      csm_transaction_set_change (tx, "Status", from, to);
      g_ptr_array_add (txs, tx);
    }
  va_end (args);
  g_hash_table_insert (f->histories, key, csm_kpi_history_from_transactions (txs));
}

/* The fixture, period Mon 16 Nov 00:00 to Mon 23 Nov 00:00, "now" Mon 23 Nov 12:00:
 *  #1 Support, alice, email: created 16th 10:00, replied +10 min, resolved 12:00; one
 *     reply; 10 min worked; CSAT 5, NPS 10, CES 2; requestor ann
 *  #2 Billing, bob, chat: created 17th 09:00, replied +1 h, resolved 18th 09:00; one
 *     reply; 30 min; CSAT 3, NPS 6, CES 6; requestor ben
 *  #3 Support, alice, email: created 18th 08:00, replied +2 min, open
 *  #4 Support, bob, email: created 10th 00:00 (before), resolved 19th 10:00 after a
 *     reopen; one reply; 0 min; CSAT 4, NPS 9; requestor ann
 *  #5 Billing, unowned, chat: created 20th 14:00, no reply, new
 *  #6 Billing, carol, chat: created 22nd 23:00, replied 23rd 13:00 (after now), open
 *  #7 Support: created 23rd 01:00 (after the period), new
 *  #8 Support: created 12th, resolved 15th (before the period)
 *  #9 Support: created 14th, open at the period's end, resolved 23rd 06:00
 *  #10 Support, unowned, email: created 20th 12:00 by ann again, new
 *  #11 Billing: created 1st, resolved 5th, reopened 23rd 08:00 (after the end) */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  CsmTicket *t;

  f->tickets = g_ptr_array_new_with_free_func (g_object_unref);
  f->histories = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) csm_kpi_history_free);

  t = add (f, 1, "Support", "resolved", "alice", csm_test_at ("2026-11-16T10:00:00Z"));
  t->first_response = t->created + 600;
  t->resolved = csm_test_at ("2026-11-16T12:00:00Z");
  t->agent_replies = 1;
  t->time_worked = 10;
  survey (t, "email", "ann@example.com", "5", "10", "2");
  status_changes (f, 1, "2026-11-16T12:00:00Z", "open", "resolved", NULL);

  t = add (f, 2, "Billing", "resolved", "bob", csm_test_at ("2026-11-17T09:00:00Z"));
  t->first_response = t->created + HOUR;
  t->resolved = csm_test_at ("2026-11-18T09:00:00Z");
  t->agent_replies = 1;
  t->time_worked = 30;
  survey (t, "chat", "ben@example.com", "3", "6", "6");

  t = add (f, 3, "Support", "open", "alice", csm_test_at ("2026-11-18T08:00:00Z"));
  t->first_response = t->created + 120;
  survey (t, "email", "cat@example.com", NULL, NULL, NULL);
  status_changes (f, 3, "2026-11-18T08:10:00Z", "new", "open", NULL);

  t = add (f, 4, "Support", "resolved", "bob", csm_test_at ("2026-11-10T00:00:00Z"));
  t->first_response = t->created + 2 * HOUR;
  t->resolved = csm_test_at ("2026-11-19T10:00:00Z");
  t->agent_replies = 1;
  survey (t, "email", "Ann@Example.com", "4", "9", NULL);
  status_changes (f, 4, "2026-11-12T00:00:00Z", "new", "resolved",
                  "2026-11-13T00:00:00Z", "resolved", "open",
                  "2026-11-19T10:00:00Z", "open", "resolved", NULL);

  t = add (f, 5, "Billing", "new", NULL, csm_test_at ("2026-11-20T14:00:00Z"));
  survey (t, "chat", "dan@example.com", NULL, NULL, NULL);

  t = add (f, 6, "Billing", "open", "carol", csm_test_at ("2026-11-22T23:00:00Z"));
  t->first_response = csm_test_at ("2026-11-23T13:00:00Z");
  survey (t, "chat", "eve@example.com", NULL, NULL, NULL);

  add (f, 7, "Support", "new", NULL, csm_test_at ("2026-11-23T01:00:00Z"));

  t = add (f, 8, "Support", "resolved", "alice", csm_test_at ("2026-11-12T00:00:00Z"));
  t->resolved = csm_test_at ("2026-11-15T00:00:00Z");
  status_changes (f, 8, "2026-11-15T00:00:00Z", "open", "resolved", NULL);

  t = add (f, 9, "Support", "resolved", "alice", csm_test_at ("2026-11-14T00:00:00Z"));
  t->resolved = csm_test_at ("2026-11-23T06:00:00Z");
  status_changes (f, 9, "2026-11-23T06:00:00Z", "open", "resolved", NULL);

  t = add (f, 10, "Support", "new", NULL, csm_test_at ("2026-11-20T12:00:00Z"));
  survey (t, "email", "ann@example.com", NULL, NULL, NULL);

  add (f, 11, "Billing", "open", "bob", csm_test_at ("2026-11-01T00:00:00Z"));
  status_changes (f, 11, "2026-11-05T00:00:00Z", "new", "resolved",
                  "2026-11-23T08:00:00Z", "resolved", "open", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_ptr_array_unref (f->tickets);
  g_hash_table_unref (f->histories);
}

static GPtrArray *
compute (Fixture         *f,
         CsmKpiGrouping   group_by,
         CsmKpiFcrRule    fcr,
         gint64           now)
{
  g_auto(CsmKpiOptions) options = { 0 };

  csm_kpi_options_init (&options);
  options.group_by = group_by;
  options.fcr = fcr;
  return csm_kpi_compute (f->tickets, f->histories, &options, FROM, TO, now);
}

static void
test_all_tickets (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = compute (f, CSM_KPI_GROUP_NONE, CSM_KPI_FCR_REPLY, NOW);
  CsmKpiRow *r;

  g_assert_cmpuint (rows->len, ==, 1);
  r = rows->pdata[0];
  g_assert_null (r->group);
  /* #1 #2 #3 #5 #6 #10 */
  g_assert_cmpuint (r->created, ==, 6);
  /* 600, 3600, 120 (#6's reply is after now): median 600, p90 the 3rd */
  g_assert_cmpuint (r->frt_count, ==, 3);
  csm_test_assert_kpi (r->frt_median_seconds, 600, "frt median");
  csm_test_assert_kpi (r->frt_p90_seconds, 3600, "frt p90");
  /* #1 #2 #4: 2 h, 24 h, 9 d 10 h */
  g_assert_cmpuint (r->resolved, ==, 3);
  csm_test_assert_kpi (r->art_median_seconds, DAY, "art median");
  csm_test_assert_kpi (r->aht_mean_minutes, 40.0 / 3, "aht");
  /* #1 and #2 one reply, no reopen; #4 reopened */
  csm_test_assert_kpi (r->fcr_percent, 200.0 / 3, "fcr");
  /* 5, 3, 4: two of three */
  g_assert_cmpuint (r->csat_responses, ==, 3);
  csm_test_assert_kpi (r->csat_percent, 200.0 / 3, "csat");
  /* 10, 6, 9: two promoters, one detractor */
  g_assert_cmpuint (r->nps_responses, ==, 3);
  csm_test_assert_kpi (r->nps, 100.0 / 3, "nps");
  /* 2, 6 */
  g_assert_cmpuint (r->ces_responses, ==, 2);
  csm_test_assert_kpi (r->ces_mean, 4, "ces");
  /* At the end: #3 #5 #6 #9 (open then) #10; not #11 (resolved then) */
  g_assert_cmpuint (r->backlog_end, ==, 5);
  /* No SLA levels described: no attainment. */
  csm_test_assert_no_kpi (r->sla_met_percent, "sla without levels");
}

/* The same requestor (ann, in any case) again within 7 days of #1's and
 * #4's resolution (#10): neither counts; #2 does. */
static void
test_fcr_repeat_contact (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = compute (f, CSM_KPI_GROUP_NONE, CSM_KPI_FCR_REPEAT, NOW);
  g_auto(CsmKpiOptions) options = { 0 };
  g_autoptr(GPtrArray) narrow = NULL;

  csm_test_assert_kpi (((CsmKpiRow *) rows->pdata[0])->fcr_percent, 100.0 / 3, "fcr repeat");

  /* A window of one day: #10 (20th 12:00) is 1 d 2 h after #4 and 4 d after #1. */
  csm_kpi_options_init (&options);
  options.fcr = CSM_KPI_FCR_REPEAT;
  options.repeat_window_seconds = DAY;
  narrow = csm_kpi_compute (f->tickets, f->histories, &options, FROM, TO, NOW);
  csm_test_assert_kpi (((CsmKpiRow *) narrow->pdata[0])->fcr_percent, 100, "fcr repeat, one day");
}

static CsmKpiRow *
row_named (GPtrArray  *rows,
           const char *name)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (((CsmKpiRow *) rows->pdata[i])->group, name) == 0)
      return rows->pdata[i];
  g_test_fail_printf ("no row %s", name);
  return NULL;
}

static void
test_grouping (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) queues = compute (f, CSM_KPI_GROUP_QUEUE, CSM_KPI_FCR_REPLY, NOW);
  g_autoptr(GPtrArray) agents = compute (f, CSM_KPI_GROUP_AGENT, CSM_KPI_FCR_REPLY, NOW);
  g_autoptr(GPtrArray) channels = compute (f, CSM_KPI_GROUP_CHANNEL, CSM_KPI_FCR_REPLY, NOW);
  CsmKpiRow *r;

  /* Support: created #1 #3 #10; FRT 600, 120: an even count, the mean of both. */
  g_assert_cmpuint (queues->len, ==, 2);
  g_assert_cmpstr (((CsmKpiRow *) queues->pdata[0])->group, ==, "Billing");
  r = row_named (queues, "Support");
  g_assert_cmpuint (r->created, ==, 3);
  csm_test_assert_kpi (r->frt_median_seconds, 360, "support frt median");
  csm_test_assert_kpi (r->frt_p90_seconds, 600, "support frt p90");
  g_assert_cmpuint (r->resolved, ==, 2);
  csm_test_assert_kpi (r->fcr_percent, 50, "support fcr");
  g_assert_cmpuint (r->backlog_end, ==, 3);            /* #3 #9 #10 */
  r = row_named (queues, "Billing");
  g_assert_cmpuint (r->created, ==, 3);                /* #2 #5 #6 */
  csm_test_assert_kpi (r->frt_median_seconds, HOUR, "billing frt");
  csm_test_assert_kpi (r->ces_mean, 6, "billing ces is #2's");
  g_assert_cmpuint (r->ces_responses, ==, 1);
  g_assert_cmpuint (r->backlog_end, ==, 2);            /* #5 #6; #11 resolved then */

  /* Agents: the current owner; unowned tickets are RT's Nobody's. */
  r = row_named (agents, "Nobody");
  g_assert_cmpuint (r->created, ==, 2);                /* #5 #10 */
  csm_test_assert_no_kpi (r->frt_median_seconds, "nobody's frt");
  csm_test_assert_no_kpi (r->art_median_seconds, "nobody resolved");
  r = row_named (agents, "bob");
  g_assert_cmpuint (r->resolved, ==, 2);               /* #2 #4 */
  csm_test_assert_kpi (r->art_median_seconds, (DAY + 9 * DAY + 10 * HOUR) / 2.0, "bob art");

  /* Channels: a ticket without one is in the group "". */
  r = row_named (channels, "chat");
  g_assert_cmpuint (r->created, ==, 3);
  r = row_named (channels, "");
  g_assert_cmpuint (r->created, ==, 0);
  g_assert_cmpuint (r->backlog_end, ==, 1);            /* #9 */
}

/* A period that has not ended: its backlog is the backlog now, and a reply
 * counts once it happened. */
static void
test_period_not_ended (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(CsmKpiOptions) options = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  CsmKpiRow *r;

  csm_kpi_options_init (&options);
  rows = csm_kpi_compute (f->tickets, f->histories, &options, FROM, csm_test_at ("2026-11-24T00:00:00Z"),
                          csm_test_at ("2026-11-23T14:00:00Z"));
  r = rows->pdata[0];
  /* now 14:00: #3 #5 #6 #7 #10 #11 (reopened at 08:00); #9 resolved at 06:00 */
  g_assert_cmpuint (r->backlog_end, ==, 6);
  /* #6 was answered at 13:00, before this "now": 14 h after it came */
  g_assert_cmpuint (r->frt_count, ==, 4);
  csm_test_assert_kpi (r->frt_p90_seconds, 14 * HOUR, "frt p90 with #6");
  /* #9 resolved on the 23rd joins the resolved */
  g_assert_cmpuint (r->resolved, ==, 4);
}

/* Whether #4 was in the backlog at @instant: the engine's own rule, asked
 * through the population a drill-down lists. */
static gboolean
in_backlog (Fixture    *f,
            GHashTable *histories,
            const char *instant)
{
  g_auto(CsmKpiOptions) options = { 0 };
  g_autoptr(CsmKpiFacts) facts = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 to = csm_test_at (instant);

  csm_kpi_options_init (&options);
  facts = csm_kpi_facts_new (f->tickets, &options);
  ids = csm_kpi_population (facts, histories, &options, CSM_KPI_POP_BACKLOG, to - 1, to, NULL, NULL,
                            NOW);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == 4)
      return TRUE;
  return FALSE;
}

/* The status at an instant, rebuilt from the changes around it. */
static void
test_active_at (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GHashTable) none = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 id = 4;
  const CsmKpiHistory *history = g_hash_table_lookup (f->histories, &id);

  g_assert_true (history->reopened);
  g_assert_false (in_backlog (f, f->histories, "2026-11-09T00:00:00Z"));  /* not yet */
  g_assert_true (in_backlog (f, f->histories, "2026-11-11T00:00:00Z"));   /* new */
  g_assert_false (in_backlog (f, f->histories, "2026-11-12T12:00:00Z"));  /* resolved */
  g_assert_true (in_backlog (f, f->histories, "2026-11-15T00:00:00Z"));   /* reopened */
  g_assert_false (in_backlog (f, f->histories, "2026-11-20T00:00:00Z"));
  /* A change at the instant itself has not happened yet at it. */
  g_assert_true (in_backlog (f, f->histories, "2026-11-19T10:00:00Z"));
  /* Without a history, the status now. */
  g_assert_false (in_backlog (f, none, "2026-11-15T00:00:00Z"));
}

/* Nothing in the period: counts of 0 and no values, never 0 or NaN. */
static void
test_empty_period (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(CsmKpiOptions) options = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  CsmKpiRow *r;

  csm_kpi_options_init (&options);
  rows = csm_kpi_compute (f->tickets, f->histories, &options, csm_test_at ("2025-01-01T00:00:00Z"),
                          csm_test_at ("2025-01-02T00:00:00Z"), NOW);
  r = rows->pdata[0];
  g_assert_cmpuint (r->created, ==, 0);
  g_assert_cmpuint (r->resolved, ==, 0);
  g_assert_cmpuint (r->backlog_end, ==, 0);
  csm_test_assert_no_kpi (r->frt_median_seconds, "frt");
  csm_test_assert_no_kpi (r->frt_p90_seconds, "p90");
  csm_test_assert_no_kpi (r->art_median_seconds, "art");
  csm_test_assert_no_kpi (r->aht_mean_minutes, "aht");
  csm_test_assert_no_kpi (r->fcr_percent, "fcr");
  csm_test_assert_no_kpi (r->csat_percent, "csat");
  csm_test_assert_no_kpi (r->nps, "nps");
  csm_test_assert_no_kpi (r->ces_mean, "ces");
}

/* In business time (Monday to Friday, 09:00-17:00 UTC) nights and weekends
 * do not count: #4, created Tue 10th 00:00 and resolved Thu 19th 10:00,
 * took 7 business days and one hour (57 h); #3 was answered at 08:02,
 * before opening: 0. */
static void
test_business_time (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(CsmBusinessHours) hours = csm_business_hours_new (utc);
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(CsmKpiOptions) options = { 0 };
  CsmKpiRow *r;

  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_FRIDAY; day++)
    csm_business_hours_add_span (hours, day, 9 * 60, 17 * 60);
  csm_kpi_options_init (&options);
  csm_kpi_options_set_hours (&options, hours);
  rows = csm_kpi_compute (f->tickets, f->histories, &options, FROM, TO, NOW);
  r = rows->pdata[0];
  /* FRT: #1 10 min, #2 1 h, #3 0 */
  csm_test_assert_kpi (r->frt_median_seconds, 600, "business frt median");
  csm_test_assert_kpi (r->frt_p90_seconds, HOUR, "business frt p90");
  /* ART: #1 2 h, #2 8 h (Tue 09:00 to Wed 09:00), #4 57 h */
  csm_test_assert_kpi (r->art_median_seconds, 8 * HOUR, "business art median");
}

/* The export carries the same numbers, one decimal, null for no value; CSV
 * and JSON from the same rows. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) all = compute (f, CSM_KPI_GROUP_NONE, CSM_KPI_FCR_REPLY, NOW);
  g_autoptr(GPtrArray) queues = compute (f, CSM_KPI_GROUP_QUEUE, CSM_KPI_FCR_REPLY, NOW);
  g_auto(CsmKpiOptions) reply = { 0 };
  g_auto(CsmKpiOptions) repeat = { 0 };
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *repeat_json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *row;

  /* The variants are labelled: the rule, its window, the time basis. */
  csm_kpi_options_init (&reply);
  csm_kpi_options_init (&repeat);
  repeat.fcr = CSM_KPI_FCR_REPEAT;
  repeat.repeat_window_seconds = 10 * 86400;
  {
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
    g_autoptr(CsmBusinessHours) hours = csm_business_hours_new (utc);

    csm_kpi_options_set_hours (&repeat, hours);
  }
  json = csm_export_kpis (all, &reply, CSM_EXPORT_JSON);
  csv = csm_export_kpis (queues, &reply, CSM_EXPORT_CSV);
  repeat_json = csm_export_kpis (all, &repeat, CSM_EXPORT_JSON);
  g_assert_nonnull (strstr (json, "\"fcr_rule\" : \"reply\""));
  g_assert_nonnull (strstr (json, "\"repeat_days\" : null"));
  g_assert_nonnull (strstr (json, "\"time_basis\" : \"calendar\""));
  g_assert_nonnull (strstr (repeat_json, "\"fcr_rule\" : \"repeat\""));
  g_assert_nonnull (strstr (repeat_json, "\"repeat_days\" : 10"));
  g_assert_nonnull (strstr (repeat_json, "\"time_basis\" : \"business\""));

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  row = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_true (json_object_get_null_member (row, "group"));
  g_assert_cmpint (json_object_get_int_member (row, "created"), ==, 6);
  g_assert_nonnull (strstr (json, "\"fcr_percent\" : 66.7"));
  g_assert_nonnull (strstr (json, "\"nps\" : 33.3"));
  g_assert_nonnull (strstr (json, "\"aht_mean_minutes\" : 13.3"));
  g_assert_nonnull (strstr (json, "\"frt_median_seconds\" : 600.0"));
  g_assert_true (json_object_get_null_member (row, "sla_met_percent"));

  g_assert_cmpstr (csv, ==,
                   "group,created,frt_median_seconds,frt_p90_seconds,resolved,"
                   "art_median_seconds,aht_mean_minutes,fcr_percent,csat_percent,csat_responses,"
                   "nps,nps_responses,ces_mean,ces_responses,backlog_end,sla_met_percent,"
                   "frt_mean_seconds,art_p90_seconds,art_mean_seconds,fcr_rule,repeat_days,"
                   "time_basis\r\n"
                   /* Support's ART: 2 h and 9 d 10 h (813,600 s): their mean is
                    * the median of two, and p90 (rank ⌈1.8⌉ = 2) the larger. */
                   "Billing,3,3600.0,3600.0,1,86400.0,30.0,100.0,0.0,1,-100.0,1,6.0,1,2,,"
                   "3600.0,86400.0,86400.0,reply,,calendar\r\n"
                   "Support,3,360.0,600.0,2,410400.0,5.0,50.0,100.0,2,100.0,2,2.0,1,3,,"
                   "360.0,813600.0,410400.0,reply,,calendar\r\n");
}

static GArray *
facts_population (Fixture          *f,
                  CsmKpiFacts      *facts,
                  CsmKpiPopulation  population,
                  CsmKpiGrouping    group_by,
                  const char       *group)
{
  g_auto(CsmKpiOptions) options = { 0 };
  GArray *ids;

  csm_kpi_options_init (&options);
  options.group_by = group_by;
  ids = csm_kpi_population (facts, f->histories, &options, population, FROM, TO, group, NULL,
                            NOW);
  g_array_sort (ids, csm_test_compare_ids);
  return ids;
}

static void
assert_ids (GArray     *ids,
            const char *expected)
{
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (got, "%s%" G_GINT64_FORMAT, i ? " " : "", g_array_index (ids, gint64, i));
  g_assert_cmpstr (got->str, ==, expected);
  g_array_unref (ids);
}

/* Day by day over the fixture's week (UTC): what each bucket counts, the
 * backlog at each midnight rebuilt from the histories, and the tickets a
 * drill-down lists for each population. */
static void
test_buckets (Fixture       *f,
              gconstpointer  data)
{
  static const guint created[] = { 1, 1, 1, 0, 2, 0, 1 };
  static const guint resolved[] = { 1, 0, 1, 1, 0, 0, 0 };
  /* At 17th 00:00: #4 (reopened 13th) and #9; 19th: #3 joins; 20th: #4 is
   * resolved; 21st: #5 and #10 (new since the 20th); 23rd: #6. */
  static const guint backlog[] = { 2, 2, 3, 2, 4, 4, 5 };
  g_auto(CsmKpiOptions) options = { 0 };
  g_autoptr(CsmKpiFacts) facts = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 bounds[8];

  csm_kpi_options_init (&options);
  facts = csm_kpi_facts_new (f->tickets, &options);
  g_assert_cmpuint (csm_kpi_facts_get_len (facts), ==, 11);
  for (guint i = 0; i < G_N_ELEMENTS (bounds); i++)
    bounds[i] = FROM + i * DAY;
  rows = csm_kpi_compute_buckets (facts, f->histories, &options, bounds, G_N_ELEMENTS (bounds),
                                  NOW);
  g_assert_cmpuint (rows->len, ==, 7);
  for (guint i = 0; i < rows->len; i++)
    {
      CsmKpiRow *r = rows->pdata[i];

      g_assert_cmpuint (r->bucket, ==, i);
      g_assert_cmpint (r->from, ==, bounds[i]);
      g_assert_cmpint (r->to, ==, bounds[i + 1]);
      g_assert_cmpuint (r->created, ==, created[i]);
      g_assert_cmpuint (r->resolved, ==, resolved[i]);
      g_assert_cmpuint (r->backlog_end, ==, backlog[i]);
    }
  /* The 16th: #1 alone, answered in 10 min, resolved in 2 h. */
  csm_test_assert_kpi (((CsmKpiRow *) rows->pdata[0])->frt_median_seconds, 600, "16th frt");
  csm_test_assert_kpi (((CsmKpiRow *) rows->pdata[0])->art_median_seconds, 2 * HOUR, "16th art");
  csm_test_assert_no_kpi (((CsmKpiRow *) rows->pdata[1])->art_median_seconds, "17th art");

  assert_ids (facts_population (f, facts, CSM_KPI_POP_CREATED, CSM_KPI_GROUP_NONE, NULL),
              "1 2 3 5 6 10");
  /* #6 was answered after now. */
  assert_ids (facts_population (f, facts, CSM_KPI_POP_FIRST_REPLY, CSM_KPI_GROUP_NONE, NULL),
              "1 2 3");
  assert_ids (facts_population (f, facts, CSM_KPI_POP_RESOLVED, CSM_KPI_GROUP_NONE, NULL),
              "1 2 4");
  assert_ids (facts_population (f, facts, CSM_KPI_POP_CSAT, CSM_KPI_GROUP_NONE, NULL), "1 2 4");
  assert_ids (facts_population (f, facts, CSM_KPI_POP_NPS, CSM_KPI_GROUP_NONE, NULL), "1 2 4");
  assert_ids (facts_population (f, facts, CSM_KPI_POP_CES, CSM_KPI_GROUP_NONE, NULL), "1 2");
  assert_ids (facts_population (f, facts, CSM_KPI_POP_BACKLOG, CSM_KPI_GROUP_NONE, NULL),
              "3 5 6 9 10");
  assert_ids (facts_population (f, facts, CSM_KPI_POP_SLA, CSM_KPI_GROUP_NONE, NULL), "");
  assert_ids (facts_population (f, facts, CSM_KPI_POP_RESOLVED, CSM_KPI_GROUP_QUEUE, "Billing"),
              "2");
  assert_ids (facts_population (f, facts, CSM_KPI_POP_BACKLOG, CSM_KPI_GROUP_AGENT, "Nobody"),
              "5 10");
}

/* The variants: FRT 10 min, 1 h, 2 min (mean 24 min); ART 2 h, 24 h and
 * 9 d 10 h (mean 3.5 d, p90 by rank ⌈2.7⌉ = 3: the longest). */
static void
test_statistics (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = compute (f, CSM_KPI_GROUP_NONE, CSM_KPI_FCR_REPLY, NOW);
  CsmKpiRow *r = rows->pdata[0];

  csm_test_assert_kpi (csm_kpi_row_time (r, FALSE, CSM_KPI_STAT_MEDIAN), 600, "frt median");
  csm_test_assert_kpi (csm_kpi_row_time (r, FALSE, CSM_KPI_STAT_P90), HOUR, "frt p90");
  csm_test_assert_kpi (csm_kpi_row_time (r, FALSE, CSM_KPI_STAT_MEAN), 1440, "frt mean");
  csm_test_assert_kpi (csm_kpi_row_time (r, TRUE, CSM_KPI_STAT_MEDIAN), DAY, "art median");
  csm_test_assert_kpi (csm_kpi_row_time (r, TRUE, CSM_KPI_STAT_P90), 813600, "art p90");
  csm_test_assert_kpi (csm_kpi_row_time (r, TRUE, CSM_KPI_STAT_MEAN), 302400, "art mean");
}

/* The report of the fixture's week. Its previous period is the week before
 * as it stood a week ago (Mon 16th 12:00): created #4, #8, #9; resolved #8
 * (#4 only on the 19th); at its end, the 16th 00:00, #4 (reopened on the
 * 13th) and #9 were active. */
static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_auto(CsmKpiOptions) options = { 0 };
  g_autoptr(CsmKpiFacts) facts = NULL;
  g_autoptr(CsmKpiReport) report = NULL;
  guint created = 0;

  csm_kpi_options_init (&options);
  options.group_by = CSM_KPI_GROUP_QUEUE;
  facts = csm_kpi_facts_new (f->tickets, &options);
  report = csm_kpi_report_compute (facts, f->histories, &options, FROM, TO, NOW, utc);
  g_assert_cmpint (report->bucket, ==, CSM_KPI_BUCKET_DAY);
  g_assert_cmpuint (report->bounds->len, ==, 8);
  g_assert_cmpint (g_array_index (report->previous_bounds, gint64, 0), ==, FROM - 7 * DAY);
  g_assert_cmpuint (report->total->created, ==, 6);
  g_assert_cmpuint (report->total->backlog_end, ==, 5);
  g_assert_cmpuint (report->previous->created, ==, 3);
  g_assert_cmpuint (report->previous->resolved, ==, 1);
  g_assert_cmpuint (report->previous->backlog_end, ==, 2);
  g_assert_cmpuint (report->series->len, ==, 7);
  for (guint i = 0; i < report->series->len; i++)
    created += ((CsmKpiRow *) report->series->pdata[i])->created;
  g_assert_cmpuint (created, ==, report->total->created);
  g_assert_cmpuint (report->previous_series->len, ==, 7);
  /* Split by queue: 7 days × Billing and Support. */
  g_assert_cmpuint (report->split_series->len, ==, 14);
  g_assert_cmpstr (((CsmKpiRow *) report->split_series->pdata[0])->group, ==, "Billing");
  g_assert_cmpuint (report->by_queue->len, ==, 2);
  g_assert_cmpuint (report->by_channel->len, ==, 3);   /* chat, email and none */
  g_assert_cmpuint (report->by_agent->len, ==, 4);     /* alice, bob, carol, Nobody */
  /* The busiest queue first: Support created 3 (#1, #3, #10), Billing 3
   * (#2, #5, #6): a tie, by name. */
  {
    g_auto(GStrv) top = csm_kpi_split_groups (report->split_series, 1);
    g_auto(GStrv) both = csm_kpi_split_groups (report->split_series, 5);

    g_assert_cmpuint (g_strv_length (top), ==, 1);
    g_assert_cmpstr (top[0], ==, "Billing");
    g_assert_cmpuint (g_strv_length (both), ==, 2);
    g_assert_cmpstr (both[1], ==, "Support");
  }
  /* One or two survey answers a queue: too few to place on the friction chart. */
  g_assert_cmpuint (report->friction->len, ==, 0);
}

static void
report_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static CsmKpiReport *
await_report (GAsyncResult **result,
              GError       **error)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return csm_kpi_report_compute_finish (*result, error);
}

/* On a worker thread, the same report; cancelled, none and a clear error. */
static void
test_report_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_auto(CsmKpiOptions) options = { 0 };
  g_autoptr(CsmKpiFacts) facts = NULL;
  g_autoptr(CsmKpiReport) report = NULL;
  g_autoptr(CsmKpiReport) cancelled_report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  csm_kpi_options_init (&options);
  facts = csm_kpi_facts_new (f->tickets, &options);
  csm_kpi_report_compute_async (facts, f->histories, &options, FROM, TO, NOW, utc, NULL,
                                report_ready_cb, &result);
  /* The options are copied: changing them now changes nothing. */
  options.fcr = CSM_KPI_FCR_REPEAT;
  report = await_report (&result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->total->created, ==, 6);
  csm_test_assert_kpi (report->total->fcr_percent, 200.0 / 3, "fcr by one reply");

  g_cancellable_cancel (cancellable);
  csm_kpi_report_compute_async (facts, f->histories, &options, FROM, TO, NOW, utc, cancellable,
                                report_ready_cb, &cancelled_result);
  cancelled_report = await_report (&cancelled_result, &error);
  g_assert_null (cancelled_report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Resolved as of "now", from the history: #11, resolved on the 5th, was
 * reopened on the 23rd at 08:00. Asked at 07:00 it counts (resolved in
 * the first 3 weeks of November, in 4 days); asked at noon it does not. */
static void
test_resolved_as_of_now (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(CsmKpiOptions) options = { 0 };
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  gint64 from = csm_test_at ("2026-11-01T00:00:00Z");
  gint64 to = csm_test_at ("2026-11-16T00:00:00Z");

  csm_kpi_options_init (&options);
  options.group_by = CSM_KPI_GROUP_QUEUE;
  before = csm_kpi_compute (f->tickets, f->histories, &options, from, to,
                            csm_test_at ("2026-11-23T07:00:00Z"));
  after = csm_kpi_compute (f->tickets, f->histories, &options, from, to, NOW);
  /* Billing's only resolution then was #11; Support's #8 (the 15th). */
  g_assert_cmpstr (((CsmKpiRow *) before->pdata[0])->group, ==, "Billing");
  g_assert_cmpuint (((CsmKpiRow *) before->pdata[0])->resolved, ==, 1);
  csm_test_assert_kpi (((CsmKpiRow *) before->pdata[0])->art_median_seconds, 4 * DAY, "#11 then");
  g_assert_cmpuint (((CsmKpiRow *) after->pdata[0])->resolved, ==, 0);
  g_assert_cmpuint (((CsmKpiRow *) before->pdata[1])->resolved, ==, 1);
  g_assert_cmpuint (((CsmKpiRow *) after->pdata[1])->resolved, ==, 1);
}

/* As of Friday 20th 12:00: the week so far, and the week before to the
 * same hour (the 13th 12:00, as it stood then): created #4 and #8 (#9
 * came on the 14th); nothing resolved (#4, resolved on the 12th, was open
 * again since the 13th); #4 and #8 active at that hour. This week, #5
 * (14:00) and #6 (the 22nd) do not exist yet. */
static void
test_report_so_far (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_auto(CsmKpiOptions) options = { 0 };
  g_autoptr(CsmKpiFacts) facts = NULL;
  g_autoptr(CsmKpiReport) report = NULL;
  gint64 now = csm_test_at ("2026-11-20T12:00:00Z");

  csm_kpi_options_init (&options);
  facts = csm_kpi_facts_new (f->tickets, &options);
  report = csm_kpi_report_compute (facts, f->histories, &options, FROM, TO, now, utc);
  g_assert_cmpuint (report->total->created, ==, 4);
  g_assert_cmpuint (report->previous->created, ==, 2);
  g_assert_cmpuint (report->previous->resolved, ==, 0);
  g_assert_cmpuint (report->previous->backlog_end, ==, 2);
  /* Friday (bucket 4) is under way; Saturday is still ahead. */
  g_assert_false (((CsmKpiRow *) report->series->pdata[4])->future);
  g_assert_true (((CsmKpiRow *) report->series->pdata[5])->future);
}

/* The repeat window's edge: #1 was resolved on the 16th at 12:00 and its
 * requestor wrote again (#10) on the 20th at 12:00, four days later. A
 * window of exactly four days holds that contact; a second less does not.
 * #4 (Ann again, resolved the 19th) is a repeat either way; #2 never. */
static void
test_repeat_edge (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(CsmKpiOptions) options = { 0 };
  g_autoptr(GPtrArray) at_edge = NULL;
  g_autoptr(GPtrArray) inside = NULL;

  csm_kpi_options_init (&options);
  options.fcr = CSM_KPI_FCR_REPEAT;
  options.repeat_window_seconds = 4 * DAY;
  at_edge = csm_kpi_compute (f->tickets, f->histories, &options, FROM, TO, NOW);
  options.repeat_window_seconds = 4 * DAY - 1;
  inside = csm_kpi_compute (f->tickets, f->histories, &options, FROM, TO, NOW);
  csm_test_assert_kpi (((CsmKpiRow *) at_edge->pdata[0])->fcr_percent, 100.0 / 3, "window 4 d");
  csm_test_assert_kpi (((CsmKpiRow *) inside->pdata[0])->fcr_percent, 200.0 / 3, "window 4 d - 1 s");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/kpi/all-tickets", test_all_tickets);
  ADD ("/core/kpi/fcr-repeat-contact", test_fcr_repeat_contact);
  ADD ("/core/kpi/grouping", test_grouping);
  ADD ("/core/kpi/period-not-ended", test_period_not_ended);
  ADD ("/core/kpi/active-at", test_active_at);
  ADD ("/core/kpi/empty-period", test_empty_period);
  ADD ("/core/kpi/export", test_export);
  ADD ("/core/kpi/business-time", test_business_time);
  ADD ("/core/kpi/buckets", test_buckets);
  ADD ("/core/kpi/statistics", test_statistics);
  ADD ("/core/kpi/report", test_report);
  ADD ("/core/kpi/report-async", test_report_async);
  ADD ("/core/kpi/resolved-as-of-now", test_resolved_as_of_now);
  ADD ("/core/kpi/report-so-far", test_report_so_far);
  ADD ("/core/kpi/repeat-edge", test_repeat_edge);

  return g_test_run ();
}
