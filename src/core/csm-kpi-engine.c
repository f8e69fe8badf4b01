/* csm-kpi-engine.c: counts the KPIs of every group in every bucket of a period, in one pass over the facts.
 *
 * A period is cut into buckets by its bounds [b0, b1, …, bn]: bucket i is
 * [b(i), b(i+1)). Each ticket lands in the bucket of the instant its
 * population is about: created (created, FRT), resolved (ART, AHT, FCR,
 * CSAT, NPS, CES), its response deadline (SLA), and the backlog at each
 * bucket's end (or now, if that is earlier), rebuilt from the status
 * history. csm_kpi_compute() is the one-bucket case; a drill-down asks the
 * same code which tickets it counted, so a list always matches its number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-kpi"

#include "config.h"

#include "csm-kpi-private.h"
#include "csm-time.h"

/* When set, the engine notes which tickets one population of one group
 * holds instead of only counting them. */
typedef struct
{
  CsmKpiPopulation population;
  const char *group;         /* NULL: every group */
  const char * const *except;  /* (nullable): every group but these */
  GArray *ids;               /* gint64 */
} Collect;

typedef struct
{
  CsmKpiRow row;
  GArray *frt;               /* (nullable) gint64 seconds */
  GArray *art;               /* (nullable) gint64 seconds */
  gint64 aht_minutes;
  gint64 ces_sum;
  guint fcr;
  guint csat_satisfied;
  guint nps_promoters;
  guint nps_detractors;
  guint sla_met;
} Acc;

typedef struct
{
  const char *key;           /* NULL without grouping */
  Acc *buckets;
} Group;

typedef struct
{
  const CsmKpiFacts *facts;
  const CsmKpiPrepared *prepared;
  const CsmKpiOptions *options;
  const gint64 *bounds;
  guint n_buckets;
  gint64 now;
  GHashTable *requestor_index;
  Collect *collect;
} Run;

static void
group_free (gpointer data)
{
  Group *g = data;

  g_free (g->buckets);
  g_free (g);
}

static const char *
group_key (const CsmKpiFact    *f,
           const CsmKpiOptions *options)
{
  switch (options->group_by)
    {
    case CSM_KPI_GROUP_QUEUE:
      return f->queue;
    case CSM_KPI_GROUP_AGENT:
      return f->owner;
    case CSM_KPI_GROUP_CHANNEL:
      return f->channel;
    case CSM_KPI_GROUP_NONE:
    default:
      return NULL;
    }
}

/* The bucket @instant falls in, or -1 outside the period. */
static int
bucket_of (const Run *run,
           gint64     instant)
{
  guint lo = 0, hi = run->n_buckets;

  if (instant < run->bounds[0] || instant >= run->bounds[run->n_buckets])
    return -1;
  /* The last bound at or before @instant. */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (run->bounds[mid] <= instant)
        lo = mid;
      else
        hi = mid;
    }
  return (int) lo;
}

static void
note (const Run        *run,
      CsmKpiPopulation  population,
      const CsmKpiFact *f)
{
  if (run->collect != NULL && run->collect->population == population)
    g_array_append_val (run->collect->ids, f->id);
}

static inline const CsmKpiFact *
first_fact (const Run *run)
{
  return (const CsmKpiFact *) (gconstpointer) run->facts->facts->data;
}

static void
append (GArray **values,
        gint64   value)
{
  if (*values == NULL)
    *values = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (*values, value);
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
count_created (const Run        *run,
               Acc              *acc,
               const CsmKpiFact *f)
{
  acc->row.created++;
  note (run, CSM_KPI_POP_CREATED, f);
  if (f->first_response != CSM_TIME_UNSET && f->first_response <= run->now)
    {
      append (&acc->frt, elapsed (run->options, f->created, f->first_response));
      note (run, CSM_KPI_POP_FIRST_REPLY, f);
    }
}

/* When the ticket was resolved, if it was resolved as of "now": from the
 * status history, the last change to resolved at or before now (a ticket
 * resolved then and reopened since counts as resolved then, as it did
 * then); without a history, its Resolved if its status now is resolved. */
static gint64
resolved_as_of_now (const Run        *run,
                    const CsmKpiFact *f)
{
  const CsmKpiTimeline *line = &run->prepared->timelines[f - first_fact (run)];
  /* No step at all: the array has no data, and no offset may be taken from it. */
  const CsmKpiStep *steps = line->len > 0
                            ? &g_array_index (run->prepared->steps, CsmKpiStep, line->start)
                            : NULL;
  gboolean resolved = line->resolved_before;
  /* Resolved before its first recorded change: Resolved says when, if by now. */
  gint64 when = resolved && f->resolved <= run->now ? f->resolved : CSM_TIME_UNSET;

  if (line->len == 0)
    return when;
  for (guint i = 0; i < line->len && steps[i].at <= run->now; i++)
    {
      resolved = steps[i].resolved;
      when = resolved ? steps[i].at : CSM_TIME_UNSET;
    }
  return resolved ? when : CSM_TIME_UNSET;
}


static void
count_resolved (const Run        *run,
                Acc              *acc,
                const CsmKpiFact *f,
                gint64            resolved)
{
  const CsmKpiOptions *options = run->options;

  acc->row.resolved++;
  note (run, CSM_KPI_POP_RESOLVED, f);
  append (&acc->art, elapsed (options, f->created, resolved));
  acc->aht_minutes += f->time_worked;

  if (options->fcr == CSM_KPI_FCR_REPEAT)
    acc->fcr += !_csm_kpi_contacted_again (run->facts, f, resolved, run->requestor_index,
                                           options->repeat_window_seconds);
  else
    acc->fcr += f->agent_replies == 1 && !run->prepared->timelines[f - first_fact (run)].reopened;

  if (f->csat != CSM_KPI_NO_ANSWER)
    {
      acc->row.csat_responses++;
      acc->csat_satisfied += f->csat >= 4;
      note (run, CSM_KPI_POP_CSAT, f);
    }
  if (f->nps != CSM_KPI_NO_ANSWER)
    {
      acc->row.nps_responses++;
      acc->nps_promoters += f->nps >= 9;
      acc->nps_detractors += f->nps <= 6;
      note (run, CSM_KPI_POP_NPS, f);
    }
  if (f->ces != CSM_KPI_NO_ANSWER)
    {
      acc->row.ces_responses++;
      acc->ces_sum += f->ces;
      note (run, CSM_KPI_POP_CES, f);
    }
}

/* Response met when the first reply came by the deadline; missed when it
 * came later, or the deadline passed unanswered; not counted yet while
 * the deadline is ahead without an answer. As csm_sla_attainment_compute(). */
static void
count_sla (const Run        *run,
           Acc              *acc,
           const CsmKpiFact *f)
{
  gboolean answered = f->first_response != CSM_TIME_UNSET && f->first_response <= run->now;

  if (answered && f->first_response <= f->response_deadline)
    acc->sla_met++;
  else if (!answered && f->response_deadline >= run->now)
    return;
  acc->row.sla_counted++;
  note (run, CSM_KPI_POP_SLA, f);
}

/* The backlog at each bucket's end: one walk along the ticket's prepared
 * steps, since the instants only grow. */
static void
count_backlog (const Run        *run,
               Group            *g,
               const CsmKpiFact *f)
{
  const CsmKpiTimeline *line = &run->prepared->timelines[f - first_fact (run)];
  /* No step at all: the array has no data, and no offset may be taken from it. */
  const CsmKpiStep *steps = line->len > 0
                            ? &g_array_index (run->prepared->steps, CsmKpiStep, line->start)
                            : NULL;
  gboolean active = line->active_before;
  guint next = 0;

  for (guint b = 0; b < run->n_buckets; b++)
    {
      gint64 instant = MIN (run->bounds[b + 1], run->now);

      if (f->created >= instant)
        continue;
      while (next < line->len && steps[next].at < instant)
        active = steps[next++].active;
      if (active)
        {
          g->buckets[b].row.backlog_end++;
          note (run, CSM_KPI_POP_BACKLOG, f);
        }
    }
}

static Group *
lookup_group (const Run  *run,
              GHashTable *groups,
              const char *key)
{
  Group *g = g_hash_table_lookup (groups, key);

  if (g == NULL)
    {
      g = g_new0 (Group, 1);
      g->key = key;
      g->buckets = g_new0 (Acc, run->n_buckets);
      g_hash_table_insert (groups, (gpointer) key, g);
    }
  return g;
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

static CsmKpiValue
mean_of (GArray *values)
{
  gint64 sum = 0;

  for (guint i = 0; values != NULL && i < values->len; i++)
    sum += g_array_index (values, gint64, i);
  return mean (sum, values != NULL ? values->len : 0);
}

/* Sorts seconds in place. Every median and p90 of a report sorts its
 * samples: a sort for gint64 without a comparison callback (three-way
 * quicksort, so equal durations cost nothing; insertion sort for short
 * runs) took the 30-day report on 100,000 tickets under 150 ms. */
static void
sort_seconds (gint64 *v,
              gsize   n)
{
  while (n > 16)
    {
      gint64 a = v[0], b = v[n / 2], c = v[n - 1];
      gint64 pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
      gsize lt = 0, i = 0, gt = n;

      /* [0, lt) < pivot, [lt, i) == pivot, [gt, n) > pivot */
      while (i < gt)
        {
          if (v[i] < pivot)
            {
              gint64 t = v[i];
              v[i++] = v[lt];
              v[lt++] = t;
            }
          else if (v[i] > pivot)
            {
              gint64 t = v[i];
              v[i] = v[--gt];
              v[gt] = t;
            }
          else
            i++;
        }
      /* The smaller side by recursion, the larger by the loop: depth stays
       * logarithmic. */
      if (lt < n - gt)
        {
          sort_seconds (v, lt);
          v += gt;
          n -= gt;
        }
      else
        {
          sort_seconds (v + gt, n - gt);
          n = lt;
        }
    }
  for (gsize i = 1; i < n; i++)
    {
      gint64 x = v[i];
      gsize j = i;

      while (j > 0 && v[j - 1] > x)
        {
          v[j] = v[j - 1];
          j--;
        }
      v[j] = x;
    }
}

/* Median, p90 and mean of @values, sorted once in place. */
static void
summarise (GArray      *values,
           CsmKpiValue *median,
           CsmKpiValue *p90,
           CsmKpiValue *mean_value)
{
  guint n = values != NULL ? values->len : 0;
  const gint64 *v;

  *mean_value = mean_of (values);
  if (n == 0)
    {
      *median = *p90 = (CsmKpiValue) { FALSE, 0 };
      return;
    }
  sort_seconds ((gint64 *) (gpointer) values->data, n);
  v = (const gint64 *) (gconstpointer) values->data;
  *median = (CsmKpiValue) { TRUE, n % 2 == 1 ? (double) v[n / 2]
                                             : ((double) v[n / 2 - 1] + (double) v[n / 2]) / 2.0 };
  *p90 = (CsmKpiValue) { TRUE, (double) v[((guint64) n * 9 + 9) / 10 - 1] };
}

static CsmKpiRow *
finish (const Run  *run,
        Group      *g,
        guint       b)
{
  Acc *acc = &g->buckets[b];
  CsmKpiRow *row = g_new (CsmKpiRow, 1);

  *row = acc->row;
  row->group = g_strdup (g->key);
  row->bucket = b;
  row->from = run->bounds[b];
  row->to = run->bounds[b + 1];
  row->future = row->from > run->now;
  row->frt_count = acc->frt != NULL ? acc->frt->len : 0;
  summarise (acc->frt, &row->frt_median_seconds, &row->frt_p90_seconds, &row->frt_mean_seconds);
  summarise (acc->art, &row->art_median_seconds, &row->art_p90_seconds, &row->art_mean_seconds);
  row->aht_mean_minutes = mean (acc->aht_minutes, row->resolved);
  row->fcr_percent = percent (acc->fcr, row->resolved);
  row->csat_percent = percent (acc->csat_satisfied, row->csat_responses);
  if (row->nps_responses > 0)
    row->nps = (CsmKpiValue) { TRUE, 100.0 * ((double) acc->nps_promoters - acc->nps_detractors) /
                                     row->nps_responses };
  row->ces_mean = mean (acc->ces_sum, row->ces_responses);
  row->sla_met_percent = percent (acc->sla_met, row->sla_counted);

  g_clear_pointer (&acc->frt, g_array_unref);
  g_clear_pointer (&acc->art, g_array_unref);
  return row;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const CsmKpiRow *x = *(CsmKpiRow * const *) a;
  const CsmKpiRow *y = *(CsmKpiRow * const *) b;

  if (x->bucket != y->bucket)
    return x->bucket < y->bucket ? -1 : 1;
  return g_strcmp0 (x->group, y->group);
}

static GPtrArray *
run_engine (Run *run)
{
  const CsmKpiOptions *options = run->options;
  g_autoptr(GHashTable) groups = g_hash_table_new_full (NULL, NULL, NULL, group_free);
  g_autoptr(GHashTable) requestor_index = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_kpi_row_free);
  GHashTableIter iter;
  gpointer value;

  if (options->fcr == CSM_KPI_FCR_REPEAT)
    run->requestor_index = requestor_index = _csm_kpi_requestor_index (run->facts);
  if (options->group_by == CSM_KPI_GROUP_NONE)
    lookup_group (run, groups, NULL);

  for (guint i = 0; i < run->facts->facts->len; i++)
    {
      const CsmKpiFact *f = &g_array_index (run->facts->facts, CsmKpiFact, i);
      const char *key = group_key (f, options);
      gint64 resolved;
      Group *g;
      int b;

      if (run->collect != NULL &&
          ((run->collect->group != NULL && g_strcmp0 (run->collect->group, key) != 0) ||
           (run->collect->except != NULL &&
            g_strv_contains (run->collect->except, key != NULL ? key : ""))))
        continue;
      g = lookup_group (run, groups, key);
      /* A ticket created after "now" does not exist yet. */
      if (f->created <= run->now && (b = bucket_of (run, f->created)) >= 0)
        count_created (run, &g->buckets[b], f);
      resolved = resolved_as_of_now (run, f);
      if (resolved != CSM_TIME_UNSET && (b = bucket_of (run, resolved)) >= 0)
        count_resolved (run, &g->buckets[b], f, resolved);
      if (f->response_deadline != 0 && (b = bucket_of (run, f->response_deadline)) >= 0)
        count_sla (run, &g->buckets[b], f);
      count_backlog (run, g, f);
    }

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    for (guint b = 0; b < run->n_buckets; b++)
      g_ptr_array_add (rows, finish (run, value, b));
  g_ptr_array_sort (rows, compare_rows);
  return rows;
}

/* csm_kpi_compute_buckets() over facts already prepared: a report runs
 * several passes over the same facts and histories. */
GPtrArray *
_csm_kpi_compute_prepared (const CsmKpiPrepared *prepared,
                           const CsmKpiOptions  *options,
                           const gint64         *bounds,
                           guint                 n_bounds,
                           gint64                now)
{
  Run run = { prepared->facts, prepared, options, bounds, n_bounds - 1, now, NULL, NULL };

  return run_engine (&run);
}

/**
 * csm_kpi_compute_buckets:
 * @facts: every ticket the console holds
 * @histories: (nullable): ticket id (gint64 *) → #CsmKpiHistory; without one,
 *   a ticket counts as never reopened and its status as unchanged
 * @options: grouping, FCR rule, business hours
 * @bounds: (array length=n_bounds): the buckets' edges, ascending; the
 *   period is [bounds[0], bounds[n_bounds - 1])
 * @n_bounds: at least 2
 * @now: the console's "now": replies after it do not exist yet, and the
 *   backlog at an end still ahead is the backlog now
 *
 * Returns: (transfer full) (element-type CsmKpiRow): by bucket, then by
 *   group: one row a bucket without grouping, else one a bucket for each
 *   group that holds any ticket
 */
GPtrArray *
csm_kpi_compute_buckets (const CsmKpiFacts   *facts,
                         GHashTable          *histories,
                         const CsmKpiOptions *options,
                         const gint64        *bounds,
                         guint                n_bounds,
                         gint64               now)
{
  g_autoptr(CsmKpiPrepared) prepared = NULL;

  g_return_val_if_fail (facts != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (bounds != NULL && n_bounds >= 2, NULL);

  prepared = _csm_kpi_prepare (facts, histories);
  return _csm_kpi_compute_prepared (prepared, options, bounds, n_bounds, now);
}

/**
 * csm_kpi_population:
 * @population: which of the period's ticket sets
 * @group: (nullable): only this group of @options' grouping; NULL for all
 * @except: (nullable) (array zero-terminated=1): every group but these
 *   (what a chart draws as "Other")
 *
 * The tickets behind a number of csm_kpi_compute_buckets() for the bucket
 * [from, to): the same code decides, so the list always matches the count
 * (the backlog: the tickets active at @to, or now).
 *
 * Returns: (transfer full) (element-type gint64): their ids
 */
GArray *
csm_kpi_population (const CsmKpiFacts   *facts,
                    GHashTable          *histories,
                    const CsmKpiOptions *options,
                    CsmKpiPopulation     population,
                    gint64               from,
                    gint64               to,
                    const char          *group,
                    const char * const  *except,
                    gint64               now)
{
  Collect collect = { population, group, except, g_array_new (FALSE, FALSE, sizeof (gint64)) };
  gint64 bounds[2] = { from, to };
  g_autoptr(CsmKpiPrepared) prepared = NULL;
  Run run = { facts, NULL, options, bounds, 1, now, NULL, &collect };

  g_return_val_if_fail (facts != NULL, collect.ids);
  g_return_val_if_fail (options != NULL, collect.ids);

  run.prepared = prepared = _csm_kpi_prepare (facts, histories);
  g_ptr_array_unref (run_engine (&run));
  return collect.ids;
}
