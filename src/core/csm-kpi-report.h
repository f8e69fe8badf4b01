/* csm-kpi-report.h: everything the Reports page shows for a period: totals, trends, series, groupings, friction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "csm-kpi.h"

G_BEGIN_DECLS

/* Friction: satisfied customers who had to work hard for it. */
#define CSM_KPI_FRICTION_CSAT_PERCENT 80.0
#define CSM_KPI_FRICTION_CES          5.0
#define CSM_KPI_FRICTION_MIN_ANSWERS  5

typedef enum
{
  CSM_KPI_FRICTION_SMOOTH,    /* satisfied, little effort */
  CSM_KPI_FRICTION_PROCESS,   /* satisfied, much effort: the process costs them */
  CSM_KPI_FRICTION_SERVICE,   /* dissatisfied, little effort: the service itself */
  CSM_KPI_FRICTION_BOTH,      /* dissatisfied, much effort */
} CsmKpiFrictionQuadrant;

typedef struct
{
  char *group;                      /* (owned) */
  CsmKpiGrouping grouping;          /* queue or channel */
  double csat_percent;
  guint csat_responses;
  double ces_mean;
  guint ces_responses;
  CsmKpiFrictionQuadrant quadrant;
} CsmKpiFriction;

/**
 * CsmKpiChange:
 * @defined: FALSE when either side has no value, or a relative change
 *   from zero is asked for
 * @change: the relative change in percent, or the difference in points
 * @points: @change is a difference in points (percentages, NPS)
 * @good: the change goes the way that is better for this KPI
 */
typedef struct
{
  gboolean defined;
  double change;
  gboolean points;
  gboolean good;
} CsmKpiChange;

typedef struct
{
  gint64 from;
  gint64 to;
  gint64 now;
  gint64 previous_now;          /* "now" moved back a period: the previous one as it stood */
  CsmKpiBucket bucket;
  GArray *bounds;               /* gint64: the buckets' edges */
  GArray *previous_bounds;      /* gint64: the previous period's, as many */
  CsmKpiRow *total;
  CsmKpiRow *previous;          /* the same stretch of the previous period */
  GPtrArray *series;            /* CsmKpiRow, one a bucket */
  GPtrArray *previous_series;   /* CsmKpiRow, one a bucket of the previous period */
  GPtrArray *split_series;      /* (nullable) CsmKpiRow by bucket × group, as options group */
  GPtrArray *by_queue;          /* CsmKpiRow */
  GPtrArray *by_agent;          /* CsmKpiRow */
  GPtrArray *by_channel;        /* CsmKpiRow */
  GPtrArray *friction;          /* CsmKpiFriction: queues, then channels */
} CsmKpiReport;

gboolean      csm_kpi_period_range       (CsmKpiPeriod         period,
                                          gint64               now,
                                          GTimeZone           *tz,
                                          const char          *custom_from,
                                          const char          *custom_to,
                                          gint64              *out_from,
                                          gint64              *out_to);
CsmKpiBucket  csm_kpi_bucket_for         (gint64               from,
                                          gint64               to);
GArray       *csm_kpi_bucket_bounds      (gint64               from,
                                          gint64               to,
                                          CsmKpiBucket         bucket,
                                          GTimeZone           *tz);
CsmKpiChange  csm_kpi_change             (CsmKpiValue          current,
                                          CsmKpiValue          previous,
                                          gboolean             points,
                                          gboolean             higher_is_better);
GPtrArray    *csm_kpi_friction_compute   (GPtrArray           *rows,
                                          CsmKpiGrouping       grouping);
GStrv         csm_kpi_split_groups       (GPtrArray           *split_series,
                                          guint                max);

CsmKpiReport *csm_kpi_report_compute     (const CsmKpiFacts   *facts,
                                          GHashTable          *histories,
                                          const CsmKpiOptions *options,
                                          gint64               from,
                                          gint64               to,
                                          gint64               now,
                                          GTimeZone           *tz);
void          csm_kpi_report_free        (CsmKpiReport        *report);
void          csm_kpi_friction_free      (CsmKpiFriction      *friction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmKpiReport, csm_kpi_report_free)

G_END_DECLS
