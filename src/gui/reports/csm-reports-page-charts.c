/* csm-reports-page-charts.c: the Reports page's charts: volume, backlog, response time, SLA, CSAT, NPS, CES over the period, and friction.
 *
 * One point a bucket (hours, days or weeks, as the report chose), x being
 * the bucket's index so that the previous period, drawn dashed, lines up
 * bucket for bucket. Split by queue, agent or channel, a chart draws the
 * five busiest groups (csm_kpi_split_groups()) and, for counts, the rest
 * as "Other". Every value is the report's; a point opens its tickets
 * (reports.drill-down with the bucket; reports.drill-down-previous for the
 * previous period's; reports.drill-down-other for "Other", every group but
 * those drawn).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-reports-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "csm-chart-column-layer.h"
#include "csm-chart-line-layer.h"
#include "csm-chart-point.h"
#include "csm-chart-scatter-layer.h"
#include "csm-enums.h"
#include "csm-reports-page-private.h"
#include "csm-time.h"

#define SPLIT_GROUPS 5

static const struct
{
  CsmKpi kpi;
  const char *title;
} charts[CSM_REPORTS_N_CHARTS] = {
  [CSM_REPORTS_CHART_VOLUME] = { CSM_KPI_CREATED, N_("Created and resolved") },
  [CSM_REPORTS_CHART_BACKLOG] = { CSM_KPI_BACKLOG, N_("Backlog") },
  [CSM_REPORTS_CHART_FRT] = { CSM_KPI_FRT, N_("First response time") },
  [CSM_REPORTS_CHART_SLA] = { CSM_KPI_SLA, N_("SLA attainment") },
  [CSM_REPORTS_CHART_CSAT] = { CSM_KPI_CSAT, N_("Satisfaction (CSAT)") },
  [CSM_REPORTS_CHART_NPS] = { CSM_KPI_NPS, N_("Net Promoter Score") },
  [CSM_REPORTS_CHART_CES] = { CSM_KPI_CES, N_("Customer effort (CES)") },
};

/* What an axis and a point label need to name a bucket. */
typedef struct
{
  GArray *bounds;            /* (owned) gint64 */
  CsmKpiBucket bucket;
} Buckets;

static void
buckets_free (gpointer data)
{
  Buckets *b = data;

  g_array_unref (b->bounds);
  g_free (b);
}

static char *
bucket_name (const Buckets *b,
             guint          i,
             gboolean       short_form)
{
  g_autoptr(GDateTime) at = NULL;

  if (i >= b->bounds->len)
    return g_strdup ("");
  at = g_date_time_new_from_unix_local (g_array_index (b->bounds, gint64, i));
  switch (b->bucket)
    {
    case CSM_KPI_BUCKET_HOUR:
      return g_date_time_format (at, short_form ? "%H:%M" : "%a %e %b, %H:%M");
    case CSM_KPI_BUCKET_WEEK:
      /* Translators: the week starting on that day, strftime format */
      return g_date_time_format (at, short_form ? "%e %b" : _("week of %a %e %b"));
    case CSM_KPI_BUCKET_DAY:
    default:
      return g_date_time_format (at, short_form ? "%e %b" : "%a %e %b");
    }
}

static char *
x_format (double   value,
          gpointer user_data)
{
  if (value < 0 || value != floor (value))
    return g_strdup ("");
  return bucket_name (user_data, (guint) value, TRUE);
}

static char *
y_format (double   value,
          gpointer user_data)
{
  CsmKpi kpi = GPOINTER_TO_INT (user_data) - 1;

  switch (kpi)
    {
    case CSM_KPI_FRT:
    case CSM_KPI_ART:
      return csm_format_duration ((gint64) value);
    case CSM_KPI_FCR:
    case CSM_KPI_CSAT:
    case CSM_KPI_SLA:
      return g_strdup_printf ("%.0f %%", value);
    case CSM_KPI_NPS:
      return g_strdup_printf ("%+.0f", value);
    case CSM_KPI_CES:
      return g_strdup_printf ("%.1f", value);
    case CSM_KPI_CREATED:
    case CSM_KPI_RESOLVED:
    case CSM_KPI_AHT:
    case CSM_KPI_BACKLOG:
    default:
      return g_strdup_printf ("%.0f", value);
    }
}

static CsmChartPoint *
point_new (const Buckets *b,
           guint          i,
           CsmKpi         kpi,
           CsmKpiValue    value,
           guint          count)
{
  g_autofree char *when = bucket_name (b, i, FALSE);
  g_autofree char *text = csm_kpi_format_value (kpi, value);
  g_autofree char *label = NULL;

  if (kpi == CSM_KPI_CREATED || kpi == CSM_KPI_RESOLVED || kpi == CSM_KPI_BACKLOG)
    label = g_strdup_printf ("%s: %s", when, text);
  else
    {
      g_autofree char *counted = csm_kpi_dup_population (kpi, count);
      /* Translators: "Tue 17 Nov: 23 min (412 tickets with a reply)" */
      label = g_strdup_printf (_("%s: %s (%s)"), when, text, counted);
    }
  return csm_chart_point_new (i, value.defined ? value.value : NAN, label);
}

/* One series: @kpi of each bucket's row of @group (NULL: the rows are one
 * a bucket already). */
static GListModel *
series (const Buckets   *b,
        GPtrArray       *rows,
        const char      *group,
        CsmKpi           kpi,
        CsmKpiStatistic  statistic)
{
  GListStore *store = g_list_store_new (CSM_TYPE_CHART_POINT);

  for (guint i = 0; i < rows->len; i++)
    {
      const CsmKpiRow *row = g_ptr_array_index (rows, i);
      g_autoptr(CsmChartPoint) point = NULL;

      if (group != NULL && g_strcmp0 (row->group != NULL ? row->group : "", group) != 0)
        continue;
      /* A bucket still ahead has nothing to show yet, not zero. */
      point = point_new (b, row->bucket, kpi,
                         row->future ? (CsmKpiValue) { FALSE, 0 }
                                     : csm_kpi_row_value (row, kpi, statistic),
                         csm_kpi_row_count (row, kpi));
      g_list_store_append (store, point);
    }
  return G_LIST_MODEL (store);
}

static void
add_layer (CsmChart      *chart,
           CsmChartLayer *layer,
           CsmKpi         kpi,
           const char    *group,
           gboolean       drillable)
{
  g_object_set_data (G_OBJECT (layer), "kpi", GINT_TO_POINTER (kpi + 1));
  g_object_set_data_full (G_OBJECT (layer), "group", g_strdup (group), g_free);
  g_object_set_data (G_OBJECT (layer), "drillable", GINT_TO_POINTER (drillable));
  csm_chart_add_layer (chart, layer);
  g_object_unref (layer);
}

static void
add_line (CsmChart      *chart,
          const char    *title,
          GListModel    *model,
          CsmKpi         kpi,
          const char    *group,
          gboolean       previous)
{
  CsmChartLayer *layer = csm_chart_line_layer_new (title, model);

  csm_chart_line_layer_set_dashed (CSM_CHART_LINE_LAYER (layer), previous);
  g_object_set_data (G_OBJECT (layer), "previous", GINT_TO_POINTER (previous));
  add_layer (chart, layer, kpi, group, TRUE);
  g_object_unref (model);
}

/* Returns: (transfer none): the layer added */
static CsmChartLayer *
add_columns (CsmChart   *chart,
             const char *title,
             GListModel *model,
             CsmKpi      kpi,
             const char *group,
             gboolean    stacked,
             gboolean    drillable)
{
  CsmChartLayer *layer = csm_chart_column_layer_new (title, model);

  csm_chart_column_layer_set_stacked (CSM_CHART_COLUMN_LAYER (layer), stacked);
  add_layer (chart, layer, kpi, group, drillable);
  g_object_unref (model);
  return layer;
}

/* Created, split: the busiest groups stacked, then what the others
 * created (the total's row less theirs). */
static void
volume_split (CsmReportsPage *self,
              const Buckets  *b,
              GStrv           groups)
{
  const CsmKpiReport *report = self->report;
  CsmChart *chart = self->charts[CSM_REPORTS_CHART_VOLUME];
  g_autoptr(GListStore) other = g_list_store_new (CSM_TYPE_CHART_POINT);
  g_autofree guint *rest = g_new0 (guint, report->series->len);
  g_autofree char *other_title = NULL;
  gboolean any_other = FALSE;

  for (guint i = 0; i < report->series->len; i++)
    rest[i] = ((CsmKpiRow *) report->series->pdata[i])->created;
  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_autofree char *name = csm_kpi_group_name (self->options.group_by, groups[g]);

      for (guint i = 0; i < report->split_series->len; i++)
        {
          const CsmKpiRow *row = report->split_series->pdata[i];

          if (g_strcmp0 (row->group != NULL ? row->group : "", groups[g]) == 0)
            rest[row->bucket] -= row->created;
        }
      add_columns (chart, name, series (b, report->split_series, groups[g], CSM_KPI_CREATED, 0),
                   CSM_KPI_CREATED, groups[g], TRUE, TRUE);
    }
  for (guint i = 0; i < report->series->len; i++)
    {
      g_autoptr(CsmChartPoint) point = point_new (b, i, CSM_KPI_CREATED,
                                                  (CsmKpiValue) { TRUE, rest[i] }, rest[i]);
      any_other |= rest[i] > 0;
      g_list_store_append (other, point);
    }
  if (any_other)
    {
      other_title = g_strdup (C_("chart series", "Other"));
      CsmChartLayer *layer = add_columns (chart, other_title,
                                          G_LIST_MODEL (g_steal_pointer (&other)),
                                          CSM_KPI_CREATED, NULL, TRUE, TRUE);

      /* The rest: every group but those drawn (reports.drill-down-other). */
      g_object_set_data_full (G_OBJECT (layer), "except", g_strdupv (groups),
                              (GDestroyNotify) g_strfreev);
    }
}

static void
update_chart (CsmReportsPage  *self,
              CsmReportsChart  which,
              const Buckets   *b,
              GStrv            groups,
              const char      *previous_name)
{
  const CsmKpiReport *report = self->report;
  CsmChart *chart = self->charts[which];
  CsmKpi kpi = charts[which].kpi;
  gboolean split = report->split_series != NULL && groups != NULL && groups[0] != NULL;
  g_autofree char *before = NULL;
  g_autofree char *period = csm_reports_page_dup_period_name (self, FALSE);
  g_autofree char *description = NULL;

  csm_chart_remove_all_layers (chart);
  /* Translators: the previous period's series, "Created, the 7 days before" */
  before = g_strdup_printf (_("%s, %s"), csm_kpi_get_short_title (kpi), previous_name);

  if (which == CSM_REPORTS_CHART_VOLUME)
    {
      if (split)
        volume_split (self, b, groups);
      else
        add_columns (chart, csm_kpi_get_short_title (CSM_KPI_CREATED),
                     series (b, report->series, NULL, CSM_KPI_CREATED, 0), CSM_KPI_CREATED, NULL,
                     FALSE, TRUE);
      add_columns (chart, csm_kpi_get_short_title (CSM_KPI_RESOLVED),
                   series (b, report->series, NULL, CSM_KPI_RESOLVED, 0), CSM_KPI_RESOLVED, NULL,
                   FALSE, TRUE);
    }
  else if (split)
    for (guint g = 0; groups[g] != NULL; g++)
      {
        g_autofree char *name = csm_kpi_group_name (self->options.group_by, groups[g]);

        add_line (chart, name, series (b, report->split_series, groups[g], kpi, self->statistic),
                  kpi, groups[g], FALSE);
      }
  else if (which == CSM_REPORTS_CHART_FRT)
    {
      add_line (chart, _("Median"), series (b, report->series, NULL, kpi, CSM_KPI_STAT_MEDIAN),
                kpi, NULL, FALSE);
      add_line (chart, _("90th percentile"), series (b, report->series, NULL, kpi,
                                                     CSM_KPI_STAT_P90), kpi, NULL, FALSE);
      if (self->statistic == CSM_KPI_STAT_MEAN)
        add_line (chart, _("Mean"), series (b, report->series, NULL, kpi, CSM_KPI_STAT_MEAN),
                  kpi, NULL, FALSE);
    }
  else
    add_line (chart, csm_kpi_get_short_title (kpi),
              series (b, report->series, NULL, kpi, self->statistic), kpi, NULL, FALSE);

  /* The previous period, dashed, for the whole (not split) figure. */
  add_line (chart, before, series (b, report->previous_series, NULL, kpi,
                                   which == CSM_REPORTS_CHART_FRT ? CSM_KPI_STAT_MEDIAN
                                                                  : self->statistic),
            kpi, NULL, TRUE);

  /* Translators: a chart's description: its title, the period, what the
   * dashed line is */
  description = g_strdup_printf (_("%s over %s, one point per bucket; the dashed line is %s"),
                                 _(charts[which].title), period, previous_name);
  if (csm_kpi_is_time (kpi))
    {
      g_autofree char *variant = csm_kpi_dup_variant (kpi, &self->options, self->statistic);
      char *full = g_strdup_printf ("%s (%s)", description, variant);

      g_free (description);
      description = full;
    }
  csm_chart_set_description (chart, description);
}

static void
update_friction_chart (CsmReportsPage *self)
{
  GPtrArray *points = self->report->friction;
  g_autoptr(GListStore) queues = g_list_store_new (CSM_TYPE_CHART_POINT);
  g_autoptr(GListStore) channels = g_list_store_new (CSM_TYPE_CHART_POINT);
  g_autoptr(GStrvBuilder) queue_names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) channel_names = g_strv_builder_new ();
  CsmChartLayer *layer;

  csm_chart_remove_all_layers (self->friction_chart);
  for (guint i = 0; i < points->len; i++)
    {
      const CsmKpiFriction *p = g_ptr_array_index (points, i);
      g_autofree char *name = csm_kpi_group_name (p->grouping, p->group);
      /* Translators: a point of the friction chart, "Billing · 88.0 % · 5.1" */
      g_autofree char *label = g_strdup_printf (_("%s · %.1f %% · %.1f"), name,
                                                p->csat_percent, p->ces_mean);
      g_autoptr(CsmChartPoint) point = csm_chart_point_new (p->ces_mean, p->csat_percent, label);
      gboolean channel = p->grouping == CSM_KPI_GROUP_CHANNEL;

      g_list_store_append (channel ? channels : queues, point);
      g_strv_builder_add (channel ? channel_names : queue_names, p->group);
    }
  layer = csm_chart_scatter_layer_new (_("Queues"), G_LIST_MODEL (queues));
  g_object_set_data_full (G_OBJECT (layer), "groups", g_strv_builder_end (queue_names),
                          (GDestroyNotify) g_strfreev);
  g_object_set_data (G_OBJECT (layer), "grouping", (gpointer) "queue");
  csm_chart_add_layer (self->friction_chart, layer);
  g_object_unref (layer);
  layer = csm_chart_scatter_layer_new (_("Channels"), G_LIST_MODEL (channels));
  g_object_set_data_full (G_OBJECT (layer), "groups", g_strv_builder_end (channel_names),
                          (GDestroyNotify) g_strfreev);
  g_object_set_data (G_OBJECT (layer), "grouping", (gpointer) "channel");
  csm_chart_add_layer (self->friction_chart, layer);
  g_object_unref (layer);
}

/**
 * csm_reports_page_update_charts:
 * @which: bit i for chart i (#CsmReportsChart), and
 *   %CSM_REPORTS_PART_FRICTION for the friction chart
 *
 * Gives those charts the shown report's series.
 */
void
csm_reports_page_update_charts (CsmReportsPage *self,
                                guint           which)
{
  g_autofree char *previous_name = NULL;
  g_auto(GStrv) groups = NULL;
  Buckets b = { self->report->bounds, self->report->bucket };

  if ((which & (CSM_REPORTS_PART_FRICTION | ((1u << CSM_REPORTS_N_CHARTS) - 1))) == 0)
    return;
  previous_name = csm_reports_page_dup_period_name (self, TRUE);
  if (self->report->split_series != NULL)
    groups = csm_kpi_split_groups (self->report->split_series, SPLIT_GROUPS);
  for (guint i = 0; i < CSM_REPORTS_N_CHARTS; i++)
    {
      Buckets *copy;

      if ((which & (1u << i)) == 0)
        continue;
      copy = g_new (Buckets, 1);
      copy->bounds = g_array_ref (b.bounds);
      copy->bucket = b.bucket;
      update_chart (self, i, &b, groups, previous_name);
      csm_chart_set_x_format_func (self->charts[i], x_format, copy, buckets_free);
    }
  if (which & CSM_REPORTS_PART_FRICTION)
    update_friction_chart (self);
}

static void
point_activated_cb (CsmChart       *chart,
                    CsmChartLayer  *layer,
                    guint           position,
                    CsmReportsPage *self)
{
  g_autoptr(GEnumClass) groupings = g_type_class_ref (CSM_TYPE_KPI_GROUPING);
  const char *group = g_object_get_data (G_OBJECT (layer), "group");
  CsmKpi kpi = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (layer), "kpi")) - 1;
  CsmKpiGrouping grouping = group != NULL ? self->options.group_by : CSM_KPI_GROUP_NONE;

  const char * const *except = g_object_get_data (G_OBJECT (layer), "except");

  if (!GPOINTER_TO_INT (g_object_get_data (G_OBJECT (layer), "drillable")))
    return;
  if (except != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "reports.drill-down-other", "(s^asi)",
                                  csm_kpi_get_key (kpi), except, (int) position);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self),
                              g_object_get_data (G_OBJECT (layer), "previous") != NULL
                              ? "reports.drill-down-previous" : "reports.drill-down", "(sssi)",
                              csm_kpi_get_key (kpi),
                              g_enum_get_value (groupings, grouping)->value_nick,
                              group != NULL ? group : "", (int) position);
}

static void
friction_activated_cb (CsmChart       *chart,
                       CsmChartLayer  *layer,
                       guint           position,
                       CsmReportsPage *self)
{
  const char * const *groups = g_object_get_data (G_OBJECT (layer), "groups");

  if (groups == NULL || position >= g_strv_length ((char **) groups))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "reports.drill-down", "(sssi)",
                              csm_kpi_get_key (CSM_KPI_CES),
                              (const char *) g_object_get_data (G_OBJECT (layer), "grouping"),
                              groups[position], -1);
}

/**
 * csm_reports_page_init_charts:
 *
 * Makes the charts once; reports only change their layers.
 */
void
csm_reports_page_init_charts (CsmReportsPage *self)
{
  for (guint i = 0; i < CSM_REPORTS_N_CHARTS; i++)
    {
      CsmChart *chart = CSM_CHART (csm_chart_new ());

      csm_chart_set_title (chart, _(charts[i].title));
      csm_chart_set_x_step (chart, 1);
      csm_chart_set_y_format_func (chart, y_format, GINT_TO_POINTER (charts[i].kpi + 1), NULL);
      csm_chart_set_y_durations (chart, csm_kpi_is_time (charts[i].kpi));
      csm_chart_set_empty_text (chart, _("Nothing to show for this period"));
      gtk_widget_set_size_request (GTK_WIDGET (chart), 320, 240);
      gtk_widget_add_css_class (GTK_WIDGET (chart), "card");
      g_signal_connect_object (chart, "point-activated", G_CALLBACK (point_activated_cb), self, 0);
      gtk_flow_box_append (self->charts_box, GTK_WIDGET (chart));
      self->charts[i] = chart;
    }
  csm_chart_set_empty_text (self->charts[CSM_REPORTS_CHART_SLA],
                            _("No response deadline fell in this period, or no SLA levels "
                              "are described (Preferences, SLA)"));

  csm_chart_set_title (self->friction_chart, _("Satisfaction against effort"));
  csm_chart_set_description (self->friction_chart,
                             _("Each queue and channel placed by its mean effort (CES, 1 to 7, "
                               "across) and its satisfaction (CSAT, up); the dashed lines at CES "
                               "5 and CSAT 80 % divide the quadrants."));
  csm_chart_set_empty_text (self->friction_chart,
                            _("Not enough survey answers in this period"));
  csm_chart_set_x_range (self->friction_chart, 1, 7);
  csm_chart_set_y_range (self->friction_chart, 0, 100);
  csm_chart_set_references (self->friction_chart, CSM_KPI_FRICTION_CES,
                            CSM_KPI_FRICTION_CSAT_PERCENT);
  csm_chart_set_y_format_func (self->friction_chart, y_format,
                               GINT_TO_POINTER (CSM_KPI_CSAT + 1), NULL);
  csm_chart_set_x_format_func (self->friction_chart, y_format,
                               GINT_TO_POINTER (CSM_KPI_CES + 1), NULL);
  g_signal_connect_object (self->friction_chart, "point-activated",
                           G_CALLBACK (friction_activated_cb), self, 0);
}
