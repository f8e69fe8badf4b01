/* csm-kpi.h: the KPI engine: FRT, ART, AHT, FCR, CSAT, NPS, CES, backlog and SLA attainment for a period.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "csm-business-hours.h"
#include "csm-sla-policy.h"
#include "csm-ticket.h"
#include "csm-types.h"

G_BEGIN_DECLS

/**
 * CsmKpiValue:
 * @defined: FALSE when the population is empty: no value, never 0
 * @value: the value when @defined
 */
typedef struct
{
  gboolean defined;
  double value;
} CsmKpiValue;

/* One change of a ticket's status. A helpdesk has a handful of statuses:
 * they are interned (g_intern_string()), not copied a change. */
typedef struct
{
  gint64 at;
  const char *from;   /* (nullable) */
  const char *to;     /* (nullable) */
} CsmKpiStatusChange;

/**
 * CsmKpiHistory:
 * @reopened: the ticket went from resolved back to an active status
 * @changes: (element-type CsmKpiStatusChange): its status changes, oldest first
 *
 * What a ticket's history says that its record does not; see
 * csm_kpi_history_from_transactions().
 */
typedef struct
{
  gboolean reopened;
  GArray *changes;   /* (element-type CsmKpiStatusChange) */
} CsmKpiHistory;

/**
 * CsmKpiOptions:
 * @group_by: how rows are split (none, queue, current owner, channel)
 * @fcr: which first-contact rule
 * @repeat_window_seconds: for %CSM_KPI_FCR_REPEAT: a new ticket from the
 *   same requestor this long after the resolution is a repeat contact
 * @csat_field, @nps_field, @ces_field, @channel_field: custom field names
 * @policy: (nullable): SLA levels, for `sla_met_percent`
 * @hours: (nullable): business hours: FRT and ART then count only the
 *   time they are open; NULL counts calendar time
 *
 * Field names and the policy are read when facts are made
 * (csm_kpi_facts_new()); the rest when they are counted. The options own
 * their strings and references: csm_kpi_options_clear() lets them go.
 */
typedef struct
{
  CsmKpiGrouping group_by;
  CsmKpiFcrRule fcr;
  gint64 repeat_window_seconds;
  char *csat_field;
  char *nps_field;
  char *ces_field;
  char *channel_field;
  CsmSlaPolicy *policy;
  CsmBusinessHours *hours;
} CsmKpiOptions;

/**
 * CsmKpiRow:
 *
 * The KPIs of one group over a period [from, to); see the README for each
 * population.
 */
typedef struct
{
  char *group;                       /* (owned) (nullable): NULL without grouping */
  guint bucket;                      /* which [from, to) of the bounds asked for */
  gint64 from;
  gint64 to;
  gboolean future;                   /* the bucket starts after "now": nothing to show yet */
  guint created;
  guint frt_count;
  CsmKpiValue frt_median_seconds;
  CsmKpiValue frt_p90_seconds;
  CsmKpiValue frt_mean_seconds;
  guint resolved;
  CsmKpiValue art_median_seconds;
  CsmKpiValue art_p90_seconds;
  CsmKpiValue art_mean_seconds;
  CsmKpiValue aht_mean_minutes;
  CsmKpiValue fcr_percent;
  CsmKpiValue csat_percent;
  guint csat_responses;
  CsmKpiValue nps;
  guint nps_responses;
  CsmKpiValue ces_mean;
  guint ces_responses;
  guint backlog_end;
  guint sla_counted;
  CsmKpiValue sla_met_percent;
} CsmKpiRow;

/**
 * CsmKpiFacts:
 *
 * What the engine reads of each ticket, copied out of the tickets so that
 * a report can be computed on another thread while the sync goes on
 * changing them. Immutable once made; reference counted.
 */
typedef struct _CsmKpiFacts CsmKpiFacts;

void        csm_kpi_options_init              (CsmKpiOptions       *options);
void        csm_kpi_options_copy              (CsmKpiOptions       *dest,
                                               const CsmKpiOptions *src);
void        csm_kpi_options_set_policy        (CsmKpiOptions       *options,
                                               CsmSlaPolicy        *policy);
void        csm_kpi_options_set_hours         (CsmKpiOptions       *options,
                                               CsmBusinessHours    *hours);
void        csm_kpi_options_clear             (CsmKpiOptions       *options);

CsmKpiHistory *csm_kpi_history_from_transactions (GPtrArray        *transactions);
void        csm_kpi_history_free              (CsmKpiHistory       *history);

CsmKpiValue csm_kpi_median                    (const gint64        *values,
                                               guint                n);
CsmKpiValue csm_kpi_p90                       (const gint64        *values,
                                               guint                n);

CsmKpiFacts *csm_kpi_facts_new                (GPtrArray           *tickets,
                                               const CsmKpiOptions *options);
void        csm_kpi_facts_append              (CsmKpiFacts         *facts,
                                               GPtrArray           *tickets,
                                               guint                start,
                                               guint                n,
                                               const CsmKpiOptions *options);
CsmKpiFacts *csm_kpi_facts_ref                (CsmKpiFacts         *facts);
void        csm_kpi_facts_unref               (CsmKpiFacts         *facts);
guint       csm_kpi_facts_get_len             (const CsmKpiFacts   *facts);
void        csm_kpi_facts_count_fields        (const CsmKpiFacts   *facts,
                                               guint               *csat,
                                               guint               *nps,
                                               guint               *ces,
                                               guint               *channel);

GPtrArray  *csm_kpi_compute_buckets           (const CsmKpiFacts   *facts,
                                               GHashTable          *histories,
                                               const CsmKpiOptions *options,
                                               const gint64        *bounds,
                                               guint                n_bounds,
                                               gint64               now);
GArray     *csm_kpi_population                (const CsmKpiFacts   *facts,
                                               GHashTable          *histories,
                                               const CsmKpiOptions *options,
                                               CsmKpiPopulation     population,
                                               gint64               from,
                                               gint64               to,
                                               const char          *group,
                                               const char * const  *except,
                                               gint64               now);
CsmKpiValue csm_kpi_row_time                  (const CsmKpiRow     *row,
                                               gboolean             resolution,
                                               CsmKpiStatistic      statistic);

GPtrArray  *csm_kpi_compute                   (GPtrArray           *tickets,
                                               GHashTable          *histories,
                                               const CsmKpiOptions *options,
                                               gint64               from,
                                               gint64               to,
                                               gint64               now);
void        csm_kpi_row_free                  (CsmKpiRow           *row);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsmKpiOptions, csm_kpi_options_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmKpiHistory, csm_kpi_history_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmKpiFacts, csm_kpi_facts_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmKpiRow, csm_kpi_row_free)

G_END_DECLS
