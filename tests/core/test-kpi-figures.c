/* test-kpi-figures.c: KPI figures worked by hand outside the shared fixture: order statistics, a large sort, SLA attainment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "csm-kpi.h"
#include "csm-sla-policy.h"
#include "csm-test-tickets.h"
#include "csm-ticket-private.h"
#include "csm-time.h"

#define NOW csm_test_at ("2026-11-23T12:00:00Z")
#define FROM csm_test_at ("2026-11-16T00:00:00Z")
#define TO csm_test_at ("2026-11-23T00:00:00Z")

static const struct
{
  gint64 values[10];
  guint n;
  double median;
  double p90;
} order_rows[] = {
  { { 5 }, 1, 5, 5 },
  { { 9, 1 }, 2, 5, 9 },                          /* even: mean of the two; ⌈1.8⌉ = 2nd */
  { { 3, 1, 2 }, 3, 2, 3 },
  { { 4, 1, 3, 2 }, 4, 2.5, 4 },                  /* ⌈3.6⌉ = 4th */
  { { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 }, 10, 55, 90 },  /* ⌈9⌉ = 9th */
  { { 7, 7, 7, 1, 100 }, 5, 7, 100 },             /* ⌈4.5⌉ = 5th */
};

static void
test_order_statistics (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (order_rows); i++)
    {
      g_autofree char *what = g_strdup_printf ("row %u", i);

      csm_test_assert_kpi (csm_kpi_median (order_rows[i].values, order_rows[i].n), order_rows[i].median,
                    what);
      csm_test_assert_kpi (csm_kpi_p90 (order_rows[i].values, order_rows[i].n), order_rows[i].p90, what);
    }
  csm_test_assert_no_kpi (csm_kpi_median (NULL, 0), "median of none");
  csm_test_assert_no_kpi (csm_kpi_p90 (NULL, 0), "p90 of none");
}



/* The engine's own sort, against csm_kpi_median() and csm_kpi_p90() on the
 * same samples: 3,001 first responses drawn with many ties (whole minutes
 * up to an hour), in random order, and a run already sorted. */
static void
test_many_samples (void)
{
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GArray) frt = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_auto(CsmKpiOptions) options = { 0 };
      g_autoptr(GPtrArray) rows = NULL;
      CsmKpiRow *r;

      csm_kpi_options_init (&options);
      for (guint i = 0; i < 3001; i++)
        {
          CsmTicket *t = csm_test_ticket_new (i + 1, 1, "Support", "open", "alice",
                                              FROM + i * 60);
          gint64 seconds = round == 0 ? 60 * (gint64) g_test_rand_int_range (0, 61) : i;

          t->first_response = t->created + seconds;
          g_array_append_val (frt, seconds);
          g_ptr_array_add (tickets, t);
        }
      rows = csm_kpi_compute (tickets, NULL, &options, FROM, TO, NOW);
      r = rows->pdata[0];
      g_assert_cmpuint (r->frt_count, ==, 3001);
      csm_test_assert_kpi (r->frt_median_seconds,
                    csm_kpi_median ((gint64 *) (gpointer) frt->data, frt->len).value, "median");
      csm_test_assert_kpi (r->frt_p90_seconds,
                    csm_kpi_p90 ((gint64 *) (gpointer) frt->data, frt->len).value, "p90");
    }
}

/* A ticket a requestor opened, on the "4h" level (4 calendar hours to the
 * first response), answered at @replied (0: not yet). */
static CsmTicket *
sla_ticket (GPtrArray  *tickets,
            gint64      id,
            const char *queue,
            const char *level,
            gboolean    by_requestor,
            const char *created,
            const char *replied)
{
  const char *requestors[] = { "ann@example.com", NULL };
  CsmTicket *t = csm_test_ticket_new (id, 1, queue, "open", "alice", csm_test_at (created));

  t->sla = g_strdup (level);
  t->creator = g_strdup (by_requestor ? "ann@example.com" : "alice");
  t->requestors = g_strdupv ((char **) requestors);
  if (replied != NULL)
    t->first_response = csm_test_at (replied);
  g_ptr_array_add (tickets, t);
  return t;
}

/* SLA attainment, worked by hand. Period 16–23 Nov, deadlines 4 h after
 * Created:
 *  #1 Support 16th 10:00, answered 14:00, on the deadline: met
 *  #2 Billing 17th 09:00, answered 14:00 (deadline 13:00): missed
 *  #3 Billing 18th 08:00, never answered (deadline 12:00): missed once past
 *  #4 Support 15th 22:00 (before the period), answered 16th 01:00
 *     (deadline 02:00, in the period): met
 *  #5 Support 22nd 22:00, never answered: its deadline, 23rd 02:00, is after
 *     the period
 *  #6 Support 19th, on a level the policy does not have: no deadline
 *  #7 Support 20th, opened by an agent: no response deadline
 * At "now" 23rd 12:00: 2 of 4 met, 50.0 % (Support 2/2, Billing 0/2). At
 * "now" 18th 10:00: #3's deadline is ahead and unanswered, so not counted
 * yet: 2 of 3, 66.7 %. */
static void
test_sla_attainment (void)
{
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) histories = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmSlaPolicy) policy = csm_sla_policy_new_from_json (
    "{\"timezone\":\"UTC\",\"levels\":[{\"name\":\"4h\",\"response_minutes\":240}]}", &error);
  g_auto(CsmKpiOptions) options = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) queues = NULL;
  g_autoptr(GPtrArray) early = NULL;
  g_autoptr(CsmKpiFacts) facts = NULL;
  g_autoptr(GArray) ids = NULL;
  static const gint64 counted[] = { 1, 2, 3, 4 };
  const CsmKpiRow *support, *billing;

  g_assert_no_error (error);
  sla_ticket (tickets, 1, "Support", "4h", TRUE, "2026-11-16T10:00:00Z", "2026-11-16T14:00:00Z");
  sla_ticket (tickets, 2, "Billing", "4h", TRUE, "2026-11-17T09:00:00Z", "2026-11-17T14:00:00Z");
  sla_ticket (tickets, 3, "Billing", "4h", TRUE, "2026-11-18T08:00:00Z", NULL);
  sla_ticket (tickets, 4, "Support", "4h", TRUE, "2026-11-15T22:00:00Z", "2026-11-16T01:00:00Z");
  sla_ticket (tickets, 5, "Support", "4h", TRUE, "2026-11-22T22:00:00Z", NULL);
  sla_ticket (tickets, 6, "Support", "platinum", TRUE, "2026-11-19T10:00:00Z", NULL);
  sla_ticket (tickets, 7, "Support", "4h", FALSE, "2026-11-20T10:00:00Z", NULL);

  csm_kpi_options_init (&options);
  csm_kpi_options_set_policy (&options, policy);
  rows = csm_kpi_compute (tickets, histories, &options, FROM, TO, NOW);
  g_assert_cmpuint (((CsmKpiRow *) rows->pdata[0])->sla_counted, ==, 4);
  csm_test_assert_kpi (((CsmKpiRow *) rows->pdata[0])->sla_met_percent, 50.0, "sla");

  options.group_by = CSM_KPI_GROUP_QUEUE;
  queues = csm_kpi_compute (tickets, histories, &options, FROM, TO, NOW);
  g_assert_cmpuint (queues->len, ==, 2);
  billing = queues->pdata[0];
  support = queues->pdata[1];
  if (g_strcmp0 (billing->group, "Billing") != 0)
    {
      const CsmKpiRow *swap = billing;

      billing = support;
      support = swap;
    }
  csm_test_assert_kpi (support->sla_met_percent, 100.0, "support sla");
  csm_test_assert_kpi (billing->sla_met_percent, 0.0, "billing sla");

  /* The population behind the figure: the four tickets counted. */
  options.group_by = CSM_KPI_GROUP_NONE;
  facts = csm_kpi_facts_new (tickets, &options);
  ids = csm_kpi_population (facts, histories, &options, CSM_KPI_POP_SLA, FROM, TO, NULL, NULL, NOW);
  g_array_sort (ids, csm_test_compare_ids);
  g_assert_cmpmem (ids->data, ids->len * sizeof (gint64), counted, sizeof counted);

  /* Every queue but Support ("Other" on a chart): Billing's two. */
  {
    static const char * const except[] = { "Support", NULL };
    static const gint64 billing_ids[] = { 2, 3 };
    g_autoptr(GArray) others = NULL;

    options.group_by = CSM_KPI_GROUP_QUEUE;
    others = csm_kpi_population (facts, histories, &options, CSM_KPI_POP_SLA, FROM, TO, NULL,
                                 except, NOW);
    g_array_sort (others, csm_test_compare_ids);
    g_assert_cmpmem (others->data, others->len * sizeof (gint64), billing_ids,
                     sizeof billing_ids);
    options.group_by = CSM_KPI_GROUP_NONE;
  }

  /* Earlier, #3's deadline was still ahead: not met, not missed. */
  early = csm_kpi_compute (tickets, histories, &options, FROM, TO, csm_test_at ("2026-11-18T10:00:00Z"));
  g_assert_cmpuint (((CsmKpiRow *) early->pdata[0])->sla_counted, ==, 3);
  csm_test_assert_kpi (((CsmKpiRow *) early->pdata[0])->sla_met_percent, 200.0 / 3, "early sla");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/kpi/order-statistics", test_order_statistics);
  g_test_add_func ("/core/kpi/many-samples", test_many_samples);
  g_test_add_func ("/core/kpi/sla-attainment", test_sla_attainment);

  return g_test_run ();
}
