/* csm-reports-page-private.h: what the Reports page's files share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-chart.h"
#include "csm-kpi-catalog.h"
#include "csm-kpi-table.h"
#include "csm-kpi-tile.h"
#include "csm-reports-page.h"

G_BEGIN_DECLS

/* The charts over time, in the order shown. */
typedef enum
{
  CSM_REPORTS_CHART_VOLUME,
  CSM_REPORTS_CHART_BACKLOG,
  CSM_REPORTS_CHART_FRT,
  CSM_REPORTS_CHART_SLA,
  CSM_REPORTS_CHART_CSAT,
  CSM_REPORTS_CHART_NPS,
  CSM_REPORTS_CHART_CES,
  CSM_REPORTS_N_CHARTS,
} CsmReportsChart;

/* The parts of the page a report fills, each shown at once when in view,
 * else just after the frame that shows the rest: a bit a chart
 * (1 << CsmReportsChart), then these. */
#define CSM_REPORTS_PART_FRICTION (1u << CSM_REPORTS_N_CHARTS)  /* chart and list */
#define CSM_REPORTS_PART_AGENTS   (1u << (CSM_REPORTS_N_CHARTS + 1))
#define CSM_REPORTS_PART_GROUPS   (1u << (CSM_REPORTS_N_CHARTS + 2))
#define CSM_REPORTS_ALL_PARTS     ((1u << (CSM_REPORTS_N_CHARTS + 3)) - 1)

struct _CsmReportsPage
{
  CsmPage parent_instance;

  /* template */
  GtkDropDown *period_dropdown;
  GtkMenuButton *range_button;
  GtkEntry *range_from_entry;
  GtkEntry *range_to_entry;
  GtkLabel *range_error_label;
  GtkLabel *period_label;
  GtkSpinner *spinner;
  GtkLabel *status_label;
  GtkDropDown *statistic_dropdown;
  GtkDropDown *basis_dropdown;
  GtkDropDown *fcr_dropdown;
  GtkDropDown *split_dropdown;
  GtkLabel *notice_label;
  GtkStack *stack;
  AdwStatusPage *empty_page;
  GtkFlowBox *tiles_box;
  GtkFlowBox *charts_box;
  CsmChart *friction_chart;
  CsmKpiTable *agents_table;
  CsmKpiTable *groups_table;
  GtkLabel *groups_title;
  GtkLabel *friction_label;
  GtkListBox *friction_list;
  GtkWidget *friction_box;
  GtkScrolledWindow *content_scroller;

  CsmKpiTile *tiles[CSM_KPI_COUNT];
  CsmChart *charts[CSM_REPORTS_N_CHARTS];

  /* The computation under way: histories, then facts a slice at a time,
   * then the report on a worker thread. */
  GCancellable *cancellable;
  GHashTable *histories;          /* (nullable): as the store last made them */
  GHashTable *pending_histories;  /* (nullable): those the report under way counts with */
  GHashTable *report_histories;   /* (nullable): those the shown report was counted with */
  gboolean histories_stale;
  GPtrArray *snapshot;            /* (nullable): the tickets being read */
  CsmKpiFacts *building;          /* (nullable) */
  guint facts_source;
  guint facts_position;
  CsmKpiOptions pending_options;
  gint64 pending_from;
  gint64 pending_to;
  gint64 pending_now;
  gint64 started_at;              /* monotonic, for the status */
  gint64 show_time;               /* µs the last report took to put on the page */
  char *problem;                  /* (nullable): what the settings could not give */
  gint64 history_from;            /* the oldest resolution the cache keeps; 0: all */
  gboolean counting;

  /* What is shown, and what a drill-down asks about. */
  CsmKpiReport *report;           /* (nullable) */
  CsmKpiFacts *facts;             /* (nullable) */
  CsmKpiOptions options;
  CsmKpiStatistic statistic;
  CsmKpiPeriod period;
  CsmKpiGrouping groups;          /* the second table: queue or channel */
  GCancellable *drill_cancellable;

  /* Parts out of view wait for the frame that shows the report. */
  guint later_parts;              /* CSM_REPORTS_PART_* and chart bits */
  GdkFrameClock *later_clock;     /* (nullable): while waiting for its after-paint */
  gulong later_paint_id;
  gulong later_layout_id;
  guint later_source;
  CsmKpiReport *retired_report;   /* (nullable): shown before, freed after the frame */
  CsmKpiFacts *retired_facts;     /* (nullable) */
  GHashTable *retired_histories;  /* (nullable) */
};

void  csm_reports_page_class_actions_init (GtkWidgetClass *widget_class);
void  csm_reports_page_update_actions     (CsmReportsPage *self);
char *csm_reports_page_dup_period_name    (CsmReportsPage *self,
                                           gboolean        previous);
void  csm_reports_page_set_notice         (CsmReportsPage *self,
                                           const char     *text);
void  csm_reports_page_show_groups        (CsmReportsPage *self);
void  csm_reports_page_show_report        (CsmReportsPage *self);
void  csm_reports_page_show_later_parts   (CsmReportsPage *self);
void  csm_reports_page_forget_later_parts (CsmReportsPage *self);
void  csm_reports_page_retire             (CsmReportsPage *self,
                                           CsmKpiReport   *report,
                                           CsmKpiFacts    *facts,
                                           GHashTable     *histories);
void  csm_reports_page_init_charts        (CsmReportsPage *self);
void  csm_reports_page_update_charts      (CsmReportsPage *self,
                                           guint           which);
void  csm_reports_page_update_friction    (CsmReportsPage *self);

G_END_DECLS
