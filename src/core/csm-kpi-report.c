/* csm-kpi-report.c: everything the Reports page shows for a period: totals, trends, series, groupings, friction.
 *
 * Pure: facts, histories, the period, "now" and the time zone in; one
 * report out, which a worker thread computes and the page only shows.
 *
 * The previous period is the one just before, of the same length, seen as
 * it was at the same point: its stretch and its "now" are this period's
 * moved back by the period's length — in local days when the period is
 * whole days, so that a change of summer time between the two does not
 * move the edges off midnight. So today until 14:00 is compared with
 * yesterday until 14:00 as it stood then, not with all of yesterday.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-kpi"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "csm-kpi-private.h"
#include "csm-kpi-report.h"

#define HOUR G_GINT64_CONSTANT (3600)
#define DAY  (24 * HOUR)

static GDateTime *
local_midnight (GTimeZone *tz,
                gint64     instant)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) at = g_date_time_to_timezone (utc, tz);

  return g_date_time_new (tz, g_date_time_get_year (at), g_date_time_get_month (at),
                          g_date_time_get_day_of_month (at), 0, 0, 0);
}

static gboolean
parse_day (const char *text,
           GTimeZone  *tz,
           gint64     *out)
{
  int year, month, day;
  char tail;
  g_autoptr(GDateTime) midnight = NULL;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;
  midnight = g_date_time_new (tz, year, month, day, 0, 0, 0);
  if (midnight == NULL)
    return FALSE;
  *out = g_date_time_to_unix (midnight);
  return TRUE;
}

/**
 * csm_kpi_period_range:
 * @now: the console's "now"
 * @tz: the console's time zone
 * @custom_from: (nullable): for %CSM_KPI_PERIOD_CUSTOM: the first day, YYYY-MM-DD
 * @custom_to: (nullable): … and the last day, included
 *
 * Periods are whole local days: today; yesterday; the last 7 or 30 days,
 * today included; this month; or the custom days.
 *
 * Returns: FALSE for a custom range that is not two valid days in order
 */
gboolean
csm_kpi_period_range (CsmKpiPeriod  period,
                      gint64        now,
                      GTimeZone    *tz,
                      const char   *custom_from,
                      const char   *custom_to,
                      gint64       *out_from,
                      gint64       *out_to)
{
  g_autoptr(GDateTime) today = local_midnight (tz, now);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_return_val_if_fail (tz != NULL && out_from != NULL && out_to != NULL, FALSE);

  switch (period)
    {
    case CSM_KPI_PERIOD_TODAY:
      start = g_date_time_ref (today);
      end = g_date_time_ref (tomorrow);
      break;
    case CSM_KPI_PERIOD_YESTERDAY:
      start = g_date_time_add_days (today, -1);
      end = g_date_time_ref (today);
      break;
    case CSM_KPI_PERIOD_LAST_7_DAYS:
      start = g_date_time_add_days (tomorrow, -7);
      end = g_date_time_ref (tomorrow);
      break;
    case CSM_KPI_PERIOD_LAST_30_DAYS:
      start = g_date_time_add_days (tomorrow, -30);
      end = g_date_time_ref (tomorrow);
      break;
    case CSM_KPI_PERIOD_THIS_MONTH:
      start = g_date_time_add_days (today, 1 - g_date_time_get_day_of_month (today));
      end = g_date_time_add_months (start, 1);
      break;
    case CSM_KPI_PERIOD_CUSTOM:
    default:
      {
        gint64 first, last;
        g_autoptr(GDateTime) last_day = NULL;

        if (!parse_day (custom_from, tz, &first) || !parse_day (custom_to, tz, &last) ||
            last < first)
          return FALSE;
        start = g_date_time_new_from_unix_utc (first);
        last_day = local_midnight (tz, last);
        end = g_date_time_add_days (last_day, 1);
      }
      break;
    }
  *out_from = g_date_time_to_unix (start);
  *out_to = g_date_time_to_unix (end);
  return TRUE;
}

/**
 * csm_kpi_bucket_for:
 *
 * Returns: hours up to two days, days up to 62, weeks beyond
 */
CsmKpiBucket
csm_kpi_bucket_for (gint64 from,
                    gint64 to)
{
  if (to - from <= 2 * DAY + HOUR)
    return CSM_KPI_BUCKET_HOUR;
  if (to - from <= 62 * DAY + HOUR)
    return CSM_KPI_BUCKET_DAY;
  return CSM_KPI_BUCKET_WEEK;
}

/**
 * csm_kpi_bucket_bounds:
 *
 * The edges of the buckets from @from to @to: every hour, or every local
 * midnight (days are 23 or 25 hours long across a change of summer
 * time), or every seventh; the last bucket ends at @to, shorter if need be.
 *
 * Returns: (transfer full) (element-type gint64): at least two edges
 */
GArray *
csm_kpi_bucket_bounds (gint64        from,
                       gint64        to,
                       CsmKpiBucket  bucket,
                       GTimeZone    *tz)
{
  GArray *bounds = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (from);
  g_autoptr(GDateTime) at = g_date_time_to_timezone (utc, tz);
  gint64 edge = from;

  g_return_val_if_fail (to > from, bounds);

  while (edge < to)
    {
      GDateTime *next;

      g_array_append_val (bounds, edge);
      switch (bucket)
        {
        case CSM_KPI_BUCKET_HOUR:
          next = g_date_time_add_hours (at, 1);
          break;
        case CSM_KPI_BUCKET_WEEK:
          next = g_date_time_add_days (at, 7);
          break;
        case CSM_KPI_BUCKET_DAY:
        default:
          next = g_date_time_add_days (at, 1);
          break;
        }
      g_date_time_unref (at);
      at = next;
      edge = g_date_time_to_unix (at);
    }
  g_array_append_val (bounds, to);
  return bounds;
}

/**
 * csm_kpi_change:
 * @points: compare by difference (percentages and NPS: "+3.2 points")
 *   rather than by relative change ("+12 %")
 * @higher_is_better: whether up is good for this KPI
 *
 * Returns: the change from @previous to @current
 */
CsmKpiChange
csm_kpi_change (CsmKpiValue current,
                CsmKpiValue previous,
                gboolean    points,
                gboolean    higher_is_better)
{
  CsmKpiChange change = { FALSE, 0, points, FALSE };

  if (!current.defined || !previous.defined)
    return change;
  if (points)
    change.change = current.value - previous.value;
  else if (previous.value == 0)
    return change;
  else
    change.change = 100.0 * (current.value - previous.value) / fabs (previous.value);
  change.defined = TRUE;
  change.good = higher_is_better ? change.change > 0 : change.change < 0;
  return change;
}

void
csm_kpi_friction_free (CsmKpiFriction *friction)
{
  if (friction == NULL)
    return;
  g_free (friction->group);
  g_free (friction);
}

/**
 * csm_kpi_friction_compute:
 * @rows: (element-type CsmKpiRow): one period's rows by queue or channel
 *
 * Places each group with at least %CSM_KPI_FRICTION_MIN_ANSWERS CSAT and
 * CES answers in a quadrant: satisfied at %CSM_KPI_FRICTION_CSAT_PERCENT
 * or more, much effort at a CES of %CSM_KPI_FRICTION_CES or more (1–7,
 * lower is better).
 *
 * Returns: (transfer full) (element-type CsmKpiFriction): in @rows' order
 */
GPtrArray *
csm_kpi_friction_compute (GPtrArray      *rows,
                          CsmKpiGrouping  grouping)
{
  GPtrArray *points = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_kpi_friction_free);

  g_return_val_if_fail (rows != NULL, points);

  for (guint i = 0; i < rows->len; i++)
    {
      const CsmKpiRow *row = g_ptr_array_index (rows, i);
      CsmKpiFriction *p;
      gboolean satisfied, effort;

      if (!row->csat_percent.defined || !row->ces_mean.defined ||
          row->csat_responses < CSM_KPI_FRICTION_MIN_ANSWERS ||
          row->ces_responses < CSM_KPI_FRICTION_MIN_ANSWERS)
        continue;
      p = g_new0 (CsmKpiFriction, 1);
      p->group = g_strdup (row->group != NULL ? row->group : "");
      p->grouping = grouping;
      p->csat_percent = row->csat_percent.value;
      p->csat_responses = row->csat_responses;
      p->ces_mean = row->ces_mean.value;
      p->ces_responses = row->ces_responses;
      satisfied = p->csat_percent >= CSM_KPI_FRICTION_CSAT_PERCENT;
      effort = p->ces_mean >= CSM_KPI_FRICTION_CES;
      p->quadrant = satisfied ? (effort ? CSM_KPI_FRICTION_PROCESS : CSM_KPI_FRICTION_SMOOTH)
                              : (effort ? CSM_KPI_FRICTION_BOTH : CSM_KPI_FRICTION_SERVICE);
      g_ptr_array_add (points, p);
    }
  return points;
}

typedef struct
{
  const char *group;
  guint created;
} Volume;

static int
compare_volumes (gconstpointer a,
                 gconstpointer b)
{
  const Volume *x = a, *y = b;

  if (x->created != y->created)
    return x->created > y->created ? -1 : 1;
  return g_strcmp0 (x->group, y->group);
}

/**
 * csm_kpi_split_groups:
 * @split_series: (element-type CsmKpiRow): rows by bucket × group
 * @max: at most this many
 *
 * The groups a split chart draws a series for: those that created the
 * most tickets over the period (ties by name), so 500 agents do not make
 * 500 lines; the chart shows the rest as one "other" series.
 *
 * Returns: (transfer full): their names, busiest first
 */
GStrv
csm_kpi_split_groups (GPtrArray *split_series,
                      guint      max)
{
  g_autoptr(GHashTable) totals = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) volumes = g_array_new (FALSE, FALSE, sizeof (Volume));
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (split_series != NULL, NULL);

  for (guint i = 0; i < split_series->len; i++)
    {
      const CsmKpiRow *row = g_ptr_array_index (split_series, i);
      const char *group = row->group != NULL ? row->group : "";
      guint sum = GPOINTER_TO_UINT (g_hash_table_lookup (totals, group));

      g_hash_table_insert (totals, (gpointer) group, GUINT_TO_POINTER (sum + row->created));
    }
  g_hash_table_iter_init (&iter, totals);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Volume v = { key, GPOINTER_TO_UINT (value) };

      if (v.created > 0)
        g_array_append_val (volumes, v);
    }
  g_array_sort (volumes, compare_volumes);
  for (guint i = 0; i < volumes->len && i < max; i++)
    g_strv_builder_add (names, g_array_index (volumes, Volume, i).group);
  return g_strv_builder_end (names);
}

/* Moves @instant back by the period: @days local days, or @span seconds
 * when the period is not whole days. */
static gint64
back (gint64     instant,
      int        days,
      gint64     span,
      GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) moved = NULL;

  if (days <= 0)
    return instant - span;
  utc = g_date_time_new_from_unix_utc (instant);
  local = g_date_time_to_timezone (utc, tz);
  moved = g_date_time_add_days (local, -days);
  return g_date_time_to_unix (moved);
}

/* The period's length in local days, or 0 when it is not whole days. */
static int
whole_days (gint64     from,
            gint64     to,
            GTimeZone *tz)
{
  g_autoptr(GDateTime) start = local_midnight (tz, from);
  int days = (int) ((to - from + 43200) / 86400);
  g_autoptr(GDateTime) end = g_date_time_add_days (start, days);

  if (g_date_time_to_unix (start) != from || g_date_time_to_unix (end) != to)
    return 0;
  return days;
}

static GPtrArray *
by_group (const CsmKpiPrepared *prepared,
          const CsmKpiOptions  *options,
          CsmKpiGrouping        grouping,
          const gint64         *bounds,
          guint                 n_bounds,
          gint64                now)
{
  CsmKpiOptions grouped = *options;

  grouped.group_by = grouping;
  return _csm_kpi_compute_prepared (prepared, &grouped, bounds, n_bounds, now);
}

/**
 * csm_kpi_report_compute:
 * @options: the FCR rule and business hours; its grouping splits the
 *   chart series (%CSM_KPI_GROUP_NONE: no split)
 *
 * Returns: (transfer full): the report of [@from, @to) as of @now
 */
CsmKpiReport *
csm_kpi_report_compute (const CsmKpiFacts   *facts,
                        GHashTable          *histories,
                        const CsmKpiOptions *options,
                        gint64               from,
                        gint64               to,
                        gint64               now,
                        GTimeZone           *tz)
{
  CsmKpiReport *report = g_new0 (CsmKpiReport, 1);
  gint64 span = to - from;
  gint64 whole[2] = { from, to };
  gint64 stretch[2];
  gint64 previous_now;
  int days;
  g_autoptr(CsmKpiPrepared) prepared = NULL;
  GPtrArray *rows;

  g_return_val_if_fail (facts != NULL && options != NULL && tz != NULL, report);
  g_return_val_if_fail (to > from, report);

  prepared = _csm_kpi_prepare (facts, histories);
  days = whole_days (from, to, tz);
  stretch[0] = back (from, days, span, tz);
  stretch[1] = back (MIN (to, MAX (now, from)), days, span, tz);
  previous_now = back (now, days, span, tz);

  report->from = from;
  report->to = to;
  report->now = now;
  report->previous_now = previous_now;
  report->bucket = csm_kpi_bucket_for (from, to);
  report->bounds = csm_kpi_bucket_bounds (from, to, report->bucket, tz);
  report->previous_bounds = g_array_sized_new (FALSE, FALSE, sizeof (gint64),
                                               report->bounds->len);
  for (guint i = 0; i < report->bounds->len; i++)
    {
      gint64 edge = back (g_array_index (report->bounds, gint64, i), days, span, tz);
      g_array_append_val (report->previous_bounds, edge);
    }

  rows = by_group (prepared, options, CSM_KPI_GROUP_NONE, whole, 2, now);
  report->total = g_ptr_array_steal_index (rows, 0);
  g_ptr_array_unref (rows);
  rows = by_group (prepared, options, CSM_KPI_GROUP_NONE, stretch, 2, previous_now);
  report->previous = g_ptr_array_steal_index (rows, 0);
  g_ptr_array_unref (rows);

  report->series = by_group (prepared, options, CSM_KPI_GROUP_NONE,
                             (gint64 *) report->bounds->data, report->bounds->len, now);
  report->previous_series = by_group (prepared, options, CSM_KPI_GROUP_NONE,
                                      (gint64 *) report->previous_bounds->data,
                                      report->previous_bounds->len, previous_now);
  if (options->group_by != CSM_KPI_GROUP_NONE)
    report->split_series = by_group (prepared, options, options->group_by,
                                     (gint64 *) report->bounds->data, report->bounds->len, now);

  report->by_queue = by_group (prepared, options, CSM_KPI_GROUP_QUEUE, whole, 2, now);
  report->by_agent = by_group (prepared, options, CSM_KPI_GROUP_AGENT, whole, 2, now);
  report->by_channel = by_group (prepared, options, CSM_KPI_GROUP_CHANNEL, whole, 2, now);

  report->friction = csm_kpi_friction_compute (report->by_queue, CSM_KPI_GROUP_QUEUE);
  rows = csm_kpi_friction_compute (report->by_channel, CSM_KPI_GROUP_CHANNEL);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (report->friction, g_ptr_array_steal_index (rows, i--));
  g_ptr_array_unref (rows);
  return report;
}

void
csm_kpi_report_free (CsmKpiReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->bounds, g_array_unref);
  g_clear_pointer (&report->previous_bounds, g_array_unref);
  g_clear_pointer (&report->total, csm_kpi_row_free);
  g_clear_pointer (&report->previous, csm_kpi_row_free);
  g_clear_pointer (&report->series, g_ptr_array_unref);
  g_clear_pointer (&report->previous_series, g_ptr_array_unref);
  g_clear_pointer (&report->split_series, g_ptr_array_unref);
  g_clear_pointer (&report->by_queue, g_ptr_array_unref);
  g_clear_pointer (&report->by_agent, g_ptr_array_unref);
  g_clear_pointer (&report->by_channel, g_ptr_array_unref);
  g_clear_pointer (&report->friction, g_ptr_array_unref);
  g_free (report);
}
