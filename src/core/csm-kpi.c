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

#include "csm-kpi.h"
#include "csm-sla-board.h"
#include "csm-transaction.h"

#define WEEK (7 * G_GINT64_CONSTANT (86400))

void
csm_kpi_options_init (CsmKpiOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (CsmKpiOptions) {
    .group_by = CSM_KPI_GROUP_NONE,
    .fcr = CSM_KPI_FCR_REPLY,
    .repeat_window_seconds = WEEK,
    .csat_field = "CSAT",
    .nps_field = "NPS",
    .ces_field = "CES",
    .channel_field = "Channel",
    .policy = NULL,
    .hours = NULL,
  };
}

/* ------------------------------------------------------------------------ */
/* Histories                                                                */

static void
clear_change (gpointer data)
{
  CsmKpiStatusChange *change = data;

  g_free (change->from);
  g_free (change->to);
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const CsmKpiStatusChange *x = a, *y = b;

  return (x->at > y->at) - (x->at < y->at);
}

static gboolean
is_resolved (const char *status)
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
  g_array_set_clear_func (history->changes, clear_change);
  for (guint i = 0; transactions != NULL && i < transactions->len; i++)
    {
      CsmTransaction *tx = g_ptr_array_index (transactions, i);
      CsmKpiStatusChange change;

      if (tx->type != CSM_TRANSACTION_STATUS)
        continue;
      change.at = tx->created;
      change.from = g_strdup (tx->old_value);
      change.to = g_strdup (tx->new_value);
      g_array_append_val (history->changes, change);
      if (is_resolved (tx->old_value) && tx->new_value != NULL &&
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

/**
 * csm_kpi_active_at:
 * @history: (nullable): the ticket's status changes; without them, its
 *   status now is taken for its status then
 * @instant: the moment asked about
 *
 * Returns: whether the ticket existed (created before @instant) and was new,
 *   open or stalled at @instant
 */
gboolean
csm_kpi_active_at (CsmTicket           *ticket,
                   const CsmKpiHistory *history,
                   gint64               instant)
{
  const char *status = csm_ticket_get_status (ticket);

  if (csm_ticket_get_created (ticket) >= instant)
    return FALSE;
  if (history != NULL && history->changes->len > 0)
    {
      const CsmKpiStatusChange *first = &g_array_index (history->changes, CsmKpiStatusChange, 0);

      /* Before its first change, a ticket had the status that change left. */
      status = first->from;
      for (guint i = 0; i < history->changes->len; i++)
        {
          const CsmKpiStatusChange *change = &g_array_index (history->changes, CsmKpiStatusChange, i);

          if (change->at >= instant)
            break;
          status = change->to;
        }
    }
  return status != NULL && csm_status_classify (status) != CSM_STATUS_CLASS_INACTIVE;
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
/* The engine                                                               */

typedef struct
{
  CsmKpiRow row;
  GArray *frt;            /* gint64 seconds */
  GArray *art;            /* gint64 seconds */
  GPtrArray *tickets;     /* the group's tickets, for SLA attainment */
  gint64 aht_minutes;
  guint fcr;
  guint csat_satisfied;
  guint nps_promoters;
  guint nps_detractors;
  gint64 ces_sum;
} Group;

static void
group_free (gpointer data)
{
  Group *g = data;

  g_free (g->row.group);
  g_array_unref (g->frt);
  g_array_unref (g->art);
  g_ptr_array_unref (g->tickets);
  g_free (g);
}

static const char *
group_key (CsmTicket           *ticket,
           const CsmKpiOptions *options)
{
  const char *key = NULL;

  switch (options->group_by)
    {
    case CSM_KPI_GROUP_QUEUE:
      key = csm_ticket_get_queue_name (ticket);
      break;
    case CSM_KPI_GROUP_AGENT:
      key = csm_ticket_get_owner (ticket);
      /* RT's "Nobody" owns every unowned ticket. */
      if (key == NULL || *key == '\0')
        key = "Nobody";
      break;
    case CSM_KPI_GROUP_CHANNEL:
      key = csm_ticket_get_custom_field (ticket, options->channel_field);
      break;
    case CSM_KPI_GROUP_NONE:
    default:
      return NULL;
    }
  return key != NULL ? key : "";
}

static CsmKpiValue
percent (guint part,
         guint whole)
{
  if (whole == 0)
    return (CsmKpiValue) { FALSE, 0 };
  return (CsmKpiValue) { TRUE, 100.0 * part / whole };
}

static CsmKpiValue
mean (gint64 sum,
      guint  n)
{
  if (n == 0)
    return (CsmKpiValue) { FALSE, 0 };
  return (CsmKpiValue) { TRUE, (double) sum / n };
}

/* Requestor → the creation times of their tickets, for repeat contacts. */
static GHashTable *
index_requestors (GPtrArray *tickets)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_array_unref);

  for (guint i = 0; i < tickets->len; i++)
    {
      CsmTicket *t = g_ptr_array_index (tickets, i);
      const char * const *requestors = csm_ticket_get_requestors (t);

      for (guint r = 0; requestors != NULL && requestors[r] != NULL; r++)
        {
          g_autofree char *folded = g_utf8_casefold (requestors[r], -1);
          GArray *created = g_hash_table_lookup (index, folded);
          gint64 when = csm_ticket_get_created (t);

          if (created == NULL)
            {
              created = g_array_new (FALSE, FALSE, sizeof (gint64));
              g_hash_table_insert (index, g_steal_pointer (&folded), created);
            }
          g_array_append_val (created, when);
        }
    }
  return index;
}

/* A requestor of @ticket opened another ticket in (resolved, resolved + window]. */
static gboolean
contacted_again (CsmTicket  *ticket,
                 GHashTable *requestor_index,
                 gint64      window)
{
  const char * const *requestors = csm_ticket_get_requestors (ticket);
  gint64 resolved = csm_ticket_get_resolved (ticket);

  for (guint r = 0; requestors != NULL && requestors[r] != NULL; r++)
    {
      g_autofree char *folded = g_utf8_casefold (requestors[r], -1);
      GArray *created = g_hash_table_lookup (requestor_index, folded);

      for (guint i = 0; created != NULL && i < created->len; i++)
        {
          gint64 when = g_array_index (created, gint64, i);

          if (when > resolved && when <= resolved + window)
            return TRUE;
        }
    }
  return FALSE;
}

static Group *
lookup_group (GHashTable *groups,
              const char *key)
{
  const char *name = key != NULL ? key : "";
  Group *g = g_hash_table_lookup (groups, name);

  if (g == NULL)
    {
      g = g_new0 (Group, 1);
      g->row.group = g_strdup (key);
      g->frt = g_array_new (FALSE, FALSE, sizeof (gint64));
      g->art = g_array_new (FALSE, FALSE, sizeof (gint64));
      g->tickets = g_ptr_array_new ();
      g_hash_table_insert (groups, g_strdup (name), g);
    }
  return g;
}

/* Calendar time, or only the business hours in between. */
static gint64
elapsed (const CsmKpiOptions *options,
         gint64               start,
         gint64               end)
{
  if (end <= start)
    return 0;
  if (options->hours != NULL)
    return csm_business_hours_seconds_between (options->hours, start, end);
  return end - start;
}

static void
count_resolved (Group               *g,
                CsmTicket           *t,
                const CsmKpiHistory *history,
                const CsmKpiOptions *options,
                GHashTable          *requestor_index)
{
  gint64 art = elapsed (options, csm_ticket_get_created (t), csm_ticket_get_resolved (t));
  int answer;

  g->row.resolved++;
  g_array_append_val (g->art, art);
  g->aht_minutes += csm_ticket_get_time_worked (t);

  if (options->fcr == CSM_KPI_FCR_REPEAT)
    g->fcr += !contacted_again (t, requestor_index, options->repeat_window_seconds);
  else
    g->fcr += csm_ticket_get_agent_replies (t) == 1 && (history == NULL || !history->reopened);

  if (csm_ticket_get_custom_int (t, options->csat_field, &answer) && answer >= 1 && answer <= 5)
    {
      g->row.csat_responses++;
      g->csat_satisfied += answer >= 4;
    }
  if (csm_ticket_get_custom_int (t, options->nps_field, &answer) && answer >= 0 && answer <= 10)
    {
      g->row.nps_responses++;
      g->nps_promoters += answer >= 9;
      g->nps_detractors += answer <= 6;
    }
  if (csm_ticket_get_custom_int (t, options->ces_field, &answer) && answer >= 1 && answer <= 7)
    {
      g->row.ces_responses++;
      g->ces_sum += answer;
    }
}

static void
finish_group (Group               *g,
              const CsmKpiOptions *options,
              gint64               from,
              gint64               to,
              gint64               now)
{
  CsmKpiRow *row = &g->row;

  row->frt_count = g->frt->len;
  row->frt_median_seconds = csm_kpi_median ((gint64 *) g->frt->data, g->frt->len);
  row->frt_p90_seconds = csm_kpi_p90 ((gint64 *) g->frt->data, g->frt->len);
  row->art_median_seconds = csm_kpi_median ((gint64 *) g->art->data, g->art->len);
  row->aht_mean_minutes = mean (g->aht_minutes, row->resolved);
  row->fcr_percent = percent (g->fcr, row->resolved);
  row->csat_percent = percent (g->csat_satisfied, row->csat_responses);
  if (row->nps_responses > 0)
    row->nps = (CsmKpiValue) { TRUE, 100.0 * ((double) g->nps_promoters - g->nps_detractors) /
                                     row->nps_responses };
  row->ces_mean = mean (g->ces_sum, row->ces_responses);

  if (options->policy != NULL && !csm_sla_policy_is_empty (options->policy))
    {
      g_autoptr(GPtrArray) levels = csm_sla_attainment_compute (options->policy, g->tickets,
                                                                FALSE, from, to, now);
      guint met = 0, missed = 0;

      for (guint i = 0; i < levels->len; i++)
        {
          const CsmSlaAttainmentRow *level = g_ptr_array_index (levels, i);
          met += level->response_met;
          missed += level->response_missed;
        }
      row->sla_met_percent = percent (met, met + missed);
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const CsmKpiRow *x = *(CsmKpiRow * const *) a;
  const CsmKpiRow *y = *(CsmKpiRow * const *) b;

  return g_strcmp0 (x->group, y->group);
}

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
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) requestor_index = NULL;
  gint64 backlog_at = MIN (to, now);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_kpi_row_free);
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (tickets != NULL, rows);
  g_return_val_if_fail (options != NULL, rows);

  if (options->fcr == CSM_KPI_FCR_REPEAT)
    requestor_index = index_requestors (tickets);
  if (options->group_by == CSM_KPI_GROUP_NONE)
    lookup_group (groups, NULL);

  for (guint i = 0; i < tickets->len; i++)
    {
      CsmTicket *t = g_ptr_array_index (tickets, i);
      gint64 id = csm_ticket_get_id (t);
      const CsmKpiHistory *history = histories ? g_hash_table_lookup (histories, &id) : NULL;
      gint64 created = csm_ticket_get_created (t);
      gint64 first = csm_ticket_get_first_response (t);
      gint64 resolved = csm_ticket_get_resolved (t);
      Group *g = lookup_group (groups, group_key (t, options));

      g_ptr_array_add (g->tickets, t);
      if (created >= from && created < to)
        {
          g->row.created++;
          if (first > 0 && first <= now)
            {
              gint64 frt = elapsed (options, created, first);
              g_array_append_val (g->frt, frt);
            }
        }
      if (is_resolved (csm_ticket_get_status (t)) && resolved >= from && resolved < to)
        count_resolved (g, t, history, options, requestor_index);
      if (csm_kpi_active_at (t, history, backlog_at))
        g->row.backlog_end++;
    }

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Group *g = value;
      CsmKpiRow *row;

      finish_group (g, options, from, to, now);
      row = g_new (CsmKpiRow, 1);
      *row = g->row;
      g->row.group = NULL;
      g_ptr_array_add (rows, row);
      group_free (g);
    }
  g_ptr_array_sort (rows, compare_rows);
  return rows;
}

void
csm_kpi_row_free (CsmKpiRow *row)
{
  if (row == NULL)
    return;
  g_free (row->group);
  g_free (row);
}
