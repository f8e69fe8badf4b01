/* csm-kpi-catalog.c: what each KPI is called, how it is counted and written, and which way is better.
 *
 * One place for the words: the tiles, the charts, the tables and the
 * drill-down all say the same, and the formula a tile shows names the
 * variant (statistic, calendar or business time, FCR rule, field) the
 * number was counted with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-kpi"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-kpi-catalog.h"
#include "csm-time.h"

typedef struct
{
  const char *key;
  const char *short_title;
  const char *title;
  CsmKpiPopulation population;
  gboolean higher_is_better;
  gboolean points;
} Entry;

/* Titles first (short for table columns), then the population a
 * drill-down lists, whether up is better, whether changes are in points. */
static const Entry entries[CSM_KPI_COUNT] = {
  [CSM_KPI_CREATED] = { "created", NC_("KPI column", "Created"), N_("Created"),
                        CSM_KPI_POP_CREATED, TRUE, FALSE },
  [CSM_KPI_RESOLVED] = { "resolved", NC_("KPI column", "Resolved"), N_("Resolved"),
                         CSM_KPI_POP_RESOLVED, TRUE, FALSE },
  [CSM_KPI_FRT] = { "frt", NC_("KPI column", "FRT"), N_("First response time"),
                    CSM_KPI_POP_FIRST_REPLY, FALSE, FALSE },
  [CSM_KPI_ART] = { "art", NC_("KPI column", "ART"), N_("Resolution time"),
                    CSM_KPI_POP_RESOLVED, FALSE, FALSE },
  [CSM_KPI_AHT] = { "aht", NC_("KPI column", "AHT"), N_("Handle time"),
                    CSM_KPI_POP_RESOLVED, FALSE, FALSE },
  [CSM_KPI_FCR] = { "fcr", NC_("KPI column", "FCR"), N_("First contact resolution"),
                    CSM_KPI_POP_RESOLVED, TRUE, TRUE },
  [CSM_KPI_CSAT] = { "csat", NC_("KPI column", "CSAT"), N_("Satisfaction (CSAT)"),
                     CSM_KPI_POP_CSAT, TRUE, TRUE },
  [CSM_KPI_NPS] = { "nps", NC_("KPI column", "NPS"), N_("Net Promoter Score"),
                    CSM_KPI_POP_NPS, TRUE, TRUE },
  [CSM_KPI_CES] = { "ces", NC_("KPI column", "CES"), N_("Customer effort (CES)"),
                    CSM_KPI_POP_CES, FALSE, FALSE },
  [CSM_KPI_BACKLOG] = { "backlog", NC_("KPI column", "Backlog"), N_("Backlog"),
                        CSM_KPI_POP_BACKLOG, FALSE, FALSE },
  [CSM_KPI_SLA] = { "sla", NC_("KPI column", "SLA"), N_("SLA attainment"),
                    CSM_KPI_POP_SLA, TRUE, TRUE },
};

const char *
csm_kpi_get_key (CsmKpi kpi)
{
  g_return_val_if_fail (kpi < CSM_KPI_COUNT, NULL);
  return entries[kpi].key;
}

/**
 * csm_kpi_from_key:
 * @key: "created", "frt", …, as csm_kpi_get_key() gives them
 *
 * Returns: whether @key names a KPI
 */
gboolean
csm_kpi_from_key (const char *key,
                  CsmKpi     *out_kpi)
{
  for (guint i = 0; i < CSM_KPI_COUNT; i++)
    if (g_strcmp0 (entries[i].key, key) == 0)
      {
        *out_kpi = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * csm_kpi_get_short_title:
 *
 * Returns: the abbreviation a table column carries ("FRT")
 */
const char *
csm_kpi_get_short_title (CsmKpi kpi)
{
  g_return_val_if_fail (kpi < CSM_KPI_COUNT, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "KPI column", entries[kpi].short_title);
}

const char *
csm_kpi_get_title (CsmKpi kpi)
{
  g_return_val_if_fail (kpi < CSM_KPI_COUNT, NULL);
  return _(entries[kpi].title);
}

/**
 * csm_kpi_get_population:
 *
 * Returns: the tickets a drill-down of @kpi lists
 */
CsmKpiPopulation
csm_kpi_get_population (CsmKpi kpi)
{
  g_return_val_if_fail (kpi < CSM_KPI_COUNT, CSM_KPI_POP_CREATED);
  return entries[kpi].population;
}

/**
 * csm_kpi_higher_is_better:
 *
 * Returns: whether a rise is good news (a longer backlog is bad; see
 *   csm_kpi_has_direction() for the figures that are neither)
 */
gboolean
csm_kpi_higher_is_better (CsmKpi kpi)
{
  g_return_val_if_fail (kpi < CSM_KPI_COUNT, TRUE);
  return entries[kpi].higher_is_better;
}

/**
 * csm_kpi_has_direction:
 *
 * Returns: whether a change is good or bad news at all: more or fewer
 *   tickets created is neither, it is the demand
 */
gboolean
csm_kpi_has_direction (CsmKpi kpi)
{
  return kpi != CSM_KPI_CREATED;
}

/**
 * csm_kpi_compares_by_points:
 *
 * Returns: whether a change is a difference in points (percentages, NPS)
 *   rather than a relative change
 */
gboolean
csm_kpi_compares_by_points (CsmKpi kpi)
{
  g_return_val_if_fail (kpi < CSM_KPI_COUNT, FALSE);
  return entries[kpi].points;
}

gboolean
csm_kpi_is_time (CsmKpi kpi)
{
  return kpi == CSM_KPI_FRT || kpi == CSM_KPI_ART;
}

/**
 * csm_kpi_row_value:
 * @statistic: for FRT and ART: which summary
 *
 * Returns: the figure, as the export prints it (counts as values)
 */
CsmKpiValue
csm_kpi_row_value (const CsmKpiRow *row,
                   CsmKpi           kpi,
                   CsmKpiStatistic  statistic)
{
  g_return_val_if_fail (row != NULL, ((CsmKpiValue) { FALSE, 0 }));

  switch (kpi)
    {
    case CSM_KPI_CREATED:
      return (CsmKpiValue) { TRUE, row->created };
    case CSM_KPI_RESOLVED:
      return (CsmKpiValue) { TRUE, row->resolved };
    case CSM_KPI_FRT:
      return csm_kpi_row_time (row, FALSE, statistic);
    case CSM_KPI_ART:
      return csm_kpi_row_time (row, TRUE, statistic);
    case CSM_KPI_AHT:
      return row->aht_mean_minutes;
    case CSM_KPI_FCR:
      return row->fcr_percent;
    case CSM_KPI_CSAT:
      return row->csat_percent;
    case CSM_KPI_NPS:
      return row->nps;
    case CSM_KPI_CES:
      return row->ces_mean;
    case CSM_KPI_BACKLOG:
      return (CsmKpiValue) { TRUE, row->backlog_end };
    case CSM_KPI_SLA:
    default:
      return row->sla_met_percent;
    }
}

/**
 * csm_kpi_row_count:
 *
 * Returns: how many tickets (or answers, or deadlines) @kpi counted
 */
guint
csm_kpi_row_count (const CsmKpiRow *row,
                   CsmKpi           kpi)
{
  g_return_val_if_fail (row != NULL, 0);

  switch (kpi)
    {
    case CSM_KPI_CREATED:
      return row->created;
    case CSM_KPI_FRT:
      return row->frt_count;
    case CSM_KPI_CSAT:
      return row->csat_responses;
    case CSM_KPI_NPS:
      return row->nps_responses;
    case CSM_KPI_CES:
      return row->ces_responses;
    case CSM_KPI_BACKLOG:
      return row->backlog_end;
    case CSM_KPI_SLA:
      return row->sla_counted;
    case CSM_KPI_RESOLVED:
    case CSM_KPI_ART:
    case CSM_KPI_AHT:
    case CSM_KPI_FCR:
    default:
      return row->resolved;
    }
}

/**
 * csm_kpi_format_value:
 *
 * Returns: (transfer full): the figure for a person: counts whole, times as
 *   durations, percentages, NPS and CES with the export's one decimal; a
 *   dash for an empty population
 */
char *
csm_kpi_format_value (CsmKpi      kpi,
                      CsmKpiValue value)
{
  if (!value.defined)
    return g_strdup (C_("no value", "—"));

  switch (kpi)
    {
    case CSM_KPI_CREATED:
    case CSM_KPI_RESOLVED:
    case CSM_KPI_BACKLOG:
      return g_strdup_printf ("%.0f", value.value);
    case CSM_KPI_FRT:
    case CSM_KPI_ART:
      return csm_format_duration ((gint64) (value.value + 0.5));
    case CSM_KPI_AHT:
      /* Translators: a mean handle time in minutes, e.g. "12.5 min" */
      return g_strdup_printf (_("%.1f min"), value.value);
    case CSM_KPI_NPS:
      return g_strdup_printf ("%+.1f", value.value);
    case CSM_KPI_CES:
      return g_strdup_printf ("%.1f", value.value);
    case CSM_KPI_FCR:
    case CSM_KPI_CSAT:
    case CSM_KPI_SLA:
    default:
      return g_strdup_printf ("%.1f %%", value.value);
    }
}

/**
 * csm_kpi_format_change:
 *
 * Returns: (transfer full) (nullable): "↑ 12.0 %", "↓ 2.5 pts" or "no
 *   change"; NULL when there is nothing to compare
 */
char *
csm_kpi_format_change (CsmKpiChange change)
{
  const char *arrow = change.change > 0 ? "↑" : "↓";
  double size = change.change > 0 ? change.change : -change.change;

  if (!change.defined)
    return NULL;
  if (size < 0.05)
    return g_strdup (_("no change"));
  if (change.points)
    /* Translators: a change in percentage points, e.g. "↑ 2.5 pts" */
    return g_strdup_printf (_("%s %.1f pts"), arrow, size);
  /* Translators: a relative change, e.g. "↓ 12.0 %" */
  return g_strdup_printf (_("%s %.1f %%"), arrow, size);
}

static const char *
statistic_name (CsmKpiStatistic statistic)
{
  switch (statistic)
    {
    case CSM_KPI_STAT_P90:
      return _("90th percentile");
    case CSM_KPI_STAT_MEAN:
      return _("mean");
    case CSM_KPI_STAT_MEDIAN:
    default:
      return _("median");
    }
}

/**
 * csm_kpi_dup_variant:
 *
 * Returns: (transfer full) (nullable): the variant the figure was counted
 *   with, where there is a choice ("median · business hours", "one reply,
 *   never reopened"); NULL where there is none
 */
char *
csm_kpi_dup_variant (CsmKpi               kpi,
                     const CsmKpiOptions *options,
                     CsmKpiStatistic      statistic)
{
  g_return_val_if_fail (options != NULL, NULL);

  if (csm_kpi_is_time (kpi))
    return g_strdup_printf ("%s · %s", statistic_name (statistic),
                            options->hours != NULL ? _("business hours") : _("calendar time"));
  if (kpi == CSM_KPI_FCR && options->fcr == CSM_KPI_FCR_REPEAT)
    {
      int days = (int) (options->repeat_window_seconds / 86400);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "no repeat contact within %d day",
                                           "no repeat contact within %d days", days), days);
    }
  if (kpi == CSM_KPI_FCR)
    return g_strdup (_("one agent reply, never reopened"));
  return NULL;
}

/**
 * csm_kpi_dup_formula:
 *
 * Returns: (transfer full): how @kpi is counted and over which tickets,
 *   with the variant in use
 */
char *
csm_kpi_dup_formula (CsmKpi               kpi,
                     const CsmKpiOptions *options,
                     CsmKpiStatistic      statistic)
{
  const char *basis;

  g_return_val_if_fail (options != NULL, NULL);

  basis = options->hours != NULL
          ? _("Only the SLA’s business hours count.")
          : _("Every hour counts (calendar time).");
  switch (kpi)
    {
    case CSM_KPI_CREATED:
      return g_strdup (_("Tickets created in the period."));
    case CSM_KPI_RESOLVED:
      return g_strdup (_("Tickets resolved now whose latest resolution falls in the period: a "
                         "ticket reopened since counts where it was resolved last, and not while "
                         "it is open."));
    case CSM_KPI_FRT:
      /* Translators: the first %s is "median", "90th percentile" or "mean",
       * the second says whether business hours or every hour count */
      return g_strdup_printf (_("First agent reply − created: the %s over the tickets created "
                                "in the period that have an agent reply (a Correspond by a "
                                "member of the agents group, or a privileged user). %s"),
                              statistic_name (statistic), basis);
    case CSM_KPI_ART:
      return g_strdup_printf (_("Resolved − created: the %s over the tickets resolved in the "
                                "period. %s"), statistic_name (statistic), basis);
    case CSM_KPI_AHT:
      return g_strdup (_("The time worked on a ticket (the sum of its TimeTaken), averaged over "
                         "the tickets resolved in the period, those with none included."));
    case CSM_KPI_FCR:
      if (options->fcr == CSM_KPI_FCR_REPEAT)
        {
          int days = (int) (options->repeat_window_seconds / 86400);

          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The share of tickets resolved in the period whose "
                                               "requestor opened no other ticket within %d day "
                                               "after the resolution.",
                                               "The share of tickets resolved in the period whose "
                                               "requestor opened no other ticket within %d days "
                                               "after the resolution.", days), days);
        }
      return g_strdup (_("The share of tickets resolved in the period with exactly one agent "
                         "reply that were never reopened."));
    case CSM_KPI_CSAT:
      return g_strdup_printf (_("The share of answers of 4 or 5 (on a scale of 1 to 5) in the "
                                "custom field “%s”, over the tickets resolved in the period that "
                                "have one."), options->csat_field);
    case CSM_KPI_NPS:
      return g_strdup_printf (_("The percentage of promoters (9 or 10) minus the percentage of "
                                "detractors (0 to 6) among the answers (0 to 10) in the custom "
                                "field “%s”, over the tickets resolved in the period."),
                              options->nps_field);
    case CSM_KPI_CES:
      return g_strdup_printf (_("The mean answer (1 to 7, lower is less effort) in the custom "
                                "field “%s”, over the tickets resolved in the period."),
                              options->ces_field);
    case CSM_KPI_BACKLOG:
      return g_strdup (_("Tickets new, open or stalled at the end of the period (or now, if it "
                         "has not ended), rebuilt from each ticket’s status history."));
    case CSM_KPI_SLA:
    default:
      return g_strdup (_("The share of first-response deadlines falling in the period that were "
                         "met: answered by the deadline. A deadline still ahead and unanswered "
                         "is not counted yet; tickets without a described SLA level are not "
                         "counted."));
    }
}

/**
 * csm_kpi_dup_population:
 * @count: csm_kpi_row_count()
 *
 * Returns: (transfer full): what was counted, e.g. "412 resolved tickets"
 */
char *
csm_kpi_dup_population (CsmKpi kpi,
                        guint  count)
{
  switch (csm_kpi_get_population (kpi))
    {
    case CSM_KPI_POP_CREATED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ticket created",
                                           "%u tickets created", count), count);
    case CSM_KPI_POP_FIRST_REPLY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ticket with a reply",
                                           "%u tickets with a reply", count), count);
    case CSM_KPI_POP_CSAT:
    case CSM_KPI_POP_NPS:
    case CSM_KPI_POP_CES:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer", "%u answers", count),
                              count);
    case CSM_KPI_POP_BACKLOG:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u active ticket",
                                           "%u active tickets", count), count);
    case CSM_KPI_POP_SLA:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deadline", "%u deadlines", count),
                              count);
    case CSM_KPI_POP_RESOLVED:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ticket resolved",
                                           "%u tickets resolved", count), count);
    }
}

/**
 * csm_kpi_dup_column_title:
 *
 * Returns: (transfer full): a table column's title with the variant in
 *   use, "FRT · p90", "ART · median · business hours", "FCR · no repeat"
 */
char *
csm_kpi_dup_column_title (CsmKpi               kpi,
                          const CsmKpiOptions *options,
                          CsmKpiStatistic      statistic)
{
  const char *name = csm_kpi_get_short_title (kpi);

  g_return_val_if_fail (options != NULL, NULL);

  if (csm_kpi_is_time (kpi))
    {
      const char *stat = statistic == CSM_KPI_STAT_P90 ? C_("statistic", "p90")
                         : statistic == CSM_KPI_STAT_MEAN ? C_("statistic", "mean")
                         : C_("statistic", "median");

      return options->hours != NULL
             ? g_strdup_printf ("%s · %s · %s", name, stat, _("business hours"))
             : g_strdup_printf ("%s · %s", name, stat);
    }
  if (kpi == CSM_KPI_FCR)
    return g_strdup_printf ("%s · %s", name, options->fcr == CSM_KPI_FCR_REPEAT
                                             ? C_("fcr rule", "no repeat")
                                             : C_("fcr rule", "one reply"));
  return g_strdup (name);
}
