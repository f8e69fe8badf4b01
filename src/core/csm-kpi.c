/* csm-kpi.c: the KPI engine: FRT, ART, AHT, FCR, CSAT, NPS, CES, backlog and SLA attainment for a period.
 *
 * Pure: tickets, what their histories say, the period and "now" in, rows
 * out. The populations (DESIGN.md, "KPI definitions"): FRT over the tickets
 * created in [from, to) that have a first agent reply; ART, AHT, FCR, CSAT,
 * NPS and CES over the tickets resolved in [from, to) (status resolved now,
 * Resolved in the period); the backlog at the period's end (or now, if that
 * is earlier), rebuilt from the status history. An empty population gives
 * no value, never 0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-kpi"

#include "config.h"

#include <string.h>

#include "csm-kpi-private.h"
#include "csm-transaction.h"

#define WEEK (7 * G_GINT64_CONSTANT (86400))

/**
 * csm_kpi_options_init:
 *
 * Sets the defaults: one row, FCR by one reply, a 7-day repeat window, the
 * fields CSAT, NPS, CES and Channel, no SLA policy, calendar time. Undo
 * with csm_kpi_options_clear().
 */
void
csm_kpi_options_init (CsmKpiOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (CsmKpiOptions) {
    .group_by = CSM_KPI_GROUP_NONE,
    .fcr = CSM_KPI_FCR_REPLY,
    .repeat_window_seconds = WEEK,
    .csat_field = g_strdup ("CSAT"),
    .nps_field = g_strdup ("NPS"),
    .ces_field = g_strdup ("CES"),
    .channel_field = g_strdup ("Channel"),
    .policy = NULL,
    .hours = NULL,
  };
}

/**
 * csm_kpi_options_copy:
 * @dest: uninitialised (or cleared) options
 *
 * Makes @dest an independent copy of @src, for another thread.
 */
void
csm_kpi_options_copy (CsmKpiOptions       *dest,
                      const CsmKpiOptions *src)
{
  g_return_if_fail (dest != NULL && src != NULL);

  *dest = *src;
  dest->csat_field = g_strdup (src->csat_field);
  dest->nps_field = g_strdup (src->nps_field);
  dest->ces_field = g_strdup (src->ces_field);
  dest->channel_field = g_strdup (src->channel_field);
  dest->policy = src->policy != NULL ? csm_sla_policy_ref (src->policy) : NULL;
  dest->hours = src->hours != NULL ? csm_business_hours_ref (src->hours) : NULL;
}

void
csm_kpi_options_set_policy (CsmKpiOptions *options,
                            CsmSlaPolicy  *policy)
{
  g_return_if_fail (options != NULL);

  if (policy != NULL)
    csm_sla_policy_ref (policy);
  g_clear_pointer (&options->policy, csm_sla_policy_unref);
  options->policy = policy;
}

/**
 * csm_kpi_options_set_hours:
 * @hours: (nullable): business hours for FRT and ART, or NULL for calendar time
 */
void
csm_kpi_options_set_hours (CsmKpiOptions    *options,
                           CsmBusinessHours *hours)
{
  g_return_if_fail (options != NULL);

  if (hours != NULL)
    csm_business_hours_ref (hours);
  g_clear_pointer (&options->hours, csm_business_hours_unref);
  options->hours = hours;
}

void
csm_kpi_options_clear (CsmKpiOptions *options)
{
  if (options == NULL)
    return;
  g_clear_pointer (&options->csat_field, g_free);
  g_clear_pointer (&options->nps_field, g_free);
  g_clear_pointer (&options->ces_field, g_free);
  g_clear_pointer (&options->channel_field, g_free);
  g_clear_pointer (&options->policy, csm_sla_policy_unref);
  g_clear_pointer (&options->hours, csm_business_hours_unref);
}

/* ------------------------------------------------------------------------ */
/* Histories                                                                */

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const CsmKpiStatusChange *x = a, *y = b;

  return (x->at > y->at) - (x->at < y->at);
}

gboolean
_csm_kpi_is_resolved (const char *status)
{
  return status != NULL && g_ascii_strcasecmp (status, "resolved") == 0;
}

/**
 * csm_kpi_history_from_transactions:
 * @transactions: (element-type CsmTransaction): one ticket's history, in any order
 *
 * Returns: (transfer full): its status changes, oldest first, and whether
 *   it was ever reopened (moved from resolved back to an active status)
 */
CsmKpiHistory *
csm_kpi_history_from_transactions (GPtrArray *transactions)
{
  CsmKpiHistory *history = g_new0 (CsmKpiHistory, 1);

  history->changes = g_array_new (FALSE, FALSE, sizeof (CsmKpiStatusChange));
  for (guint i = 0; transactions != NULL && i < transactions->len; i++)
    {
      CsmTransaction *tx = g_ptr_array_index (transactions, i);
      CsmKpiStatusChange change;

      if (tx->type != CSM_TRANSACTION_STATUS)
        continue;
      change.at = tx->created;
      change.from = g_intern_string (tx->old_value);
      change.to = g_intern_string (tx->new_value);
      g_array_append_val (history->changes, change);
      if (_csm_kpi_is_resolved (tx->old_value) && tx->new_value != NULL &&
          csm_status_classify (tx->new_value) != CSM_STATUS_CLASS_INACTIVE)
        history->reopened = TRUE;
    }
  /* Stable: changes at the same second keep the order they came in. */
  g_array_sort (history->changes, compare_changes);
  return history;
}

void
csm_kpi_history_free (CsmKpiHistory *history)
{
  if (history == NULL)
    return;
  g_array_unref (history->changes);
  g_free (history);
}

/* ------------------------------------------------------------------------ */
/* Order statistics                                                         */

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gint64 *
sorted_copy (const gint64 *values,
             guint         n)
{
  gint64 *copy = g_memdup2 (values, n * sizeof (gint64));

  qsort (copy, n, sizeof (gint64), compare_int64);
  return copy;
}

/**
 * csm_kpi_median:
 *
 * Returns: the middle value, or the mean of the two middle values for an
 *   even count; undefined for none
 */
CsmKpiValue
csm_kpi_median (const gint64 *values,
                guint         n)
{
  g_autofree gint64 *sorted = NULL;

  if (n == 0)
    return (CsmKpiValue) { FALSE, 0 };
  sorted = sorted_copy (values, n);
  if (n % 2 == 1)
    return (CsmKpiValue) { TRUE, (double) sorted[n / 2] };
  return (CsmKpiValue) { TRUE, ((double) sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2.0 };
}

/**
 * csm_kpi_p90:
 *
 * Returns: the ⌈0.9·n⌉-th smallest value (nearest rank); undefined for none
 */
CsmKpiValue
csm_kpi_p90 (const gint64 *values,
             guint         n)
{
  g_autofree gint64 *sorted = NULL;
  guint rank;

  if (n == 0)
    return (CsmKpiValue) { FALSE, 0 };
  sorted = sorted_copy (values, n);
  rank = (guint) (((guint64) n * 9 + 9) / 10);
  return (CsmKpiValue) { TRUE, (double) sorted[rank - 1] };
}

/* ------------------------------------------------------------------------ */
/* One period                                                               */

/**
 * csm_kpi_compute:
 * @tickets: (element-type CsmTicket): every ticket the console holds
 * @histories: (nullable): ticket id (gint64 *) → #CsmKpiHistory; without one,
 *   a ticket counts as never reopened and its status as unchanged
 * @options: grouping, FCR rule, field names, SLA policy
 * @from: the period's start (included)
 * @to: the period's end (excluded)
 * @now: the console's "now": replies after it do not exist yet, and the
 *   backlog of a period that has not ended is the backlog now
 *
 * Returns: (transfer full) (element-type CsmKpiRow): one row (group NULL)
 *   without grouping, else a row a group that has any ticket, by name
 */
GPtrArray *
csm_kpi_compute (GPtrArray           *tickets,
                 GHashTable          *histories,
                 const CsmKpiOptions *options,
                 gint64               from,
                 gint64               to,
                 gint64               now)
{
  g_autoptr(CsmKpiFacts) facts = NULL;
  gint64 bounds[2] = { from, to };

  g_return_val_if_fail (tickets != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  facts = csm_kpi_facts_new (tickets, options);
  return csm_kpi_compute_buckets (facts, histories, options, bounds, 2, now);
}

/**
 * csm_kpi_row_time:
 * @resolution: ART (%TRUE) or FRT (%FALSE)
 * @statistic: which summary
 *
 * Returns: the row's FRT or ART as the variant asks
 */
CsmKpiValue
csm_kpi_row_time (const CsmKpiRow *row,
                  gboolean         resolution,
                  CsmKpiStatistic  statistic)
{
  g_return_val_if_fail (row != NULL, ((CsmKpiValue) { FALSE, 0 }));

  switch (statistic)
    {
    case CSM_KPI_STAT_P90:
      return resolution ? row->art_p90_seconds : row->frt_p90_seconds;
    case CSM_KPI_STAT_MEAN:
      return resolution ? row->art_mean_seconds : row->frt_mean_seconds;
    case CSM_KPI_STAT_MEDIAN:
    default:
      return resolution ? row->art_median_seconds : row->frt_median_seconds;
    }
}

void
csm_kpi_row_free (CsmKpiRow *row)
{
  if (row == NULL)
    return;
  g_free (row->group);
  g_free (row);
}
