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

/* One change of a ticket's status. */
typedef struct
{
  gint64 at;
  char *from;   /* (owned) (nullable) */
  char *to;     /* (owned) (nullable) */
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
 */
typedef struct
{
  CsmKpiGrouping group_by;
  CsmKpiFcrRule fcr;
  gint64 repeat_window_seconds;
  const char *csat_field;
  const char *nps_field;
  const char *ces_field;
  const char *channel_field;
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
  guint created;
  guint frt_count;
  CsmKpiValue frt_median_seconds;
  CsmKpiValue frt_p90_seconds;
  guint resolved;
  CsmKpiValue art_median_seconds;
  CsmKpiValue aht_mean_minutes;
  CsmKpiValue fcr_percent;
  CsmKpiValue csat_percent;
  guint csat_responses;
  CsmKpiValue nps;
  guint nps_responses;
  CsmKpiValue ces_mean;
  guint ces_responses;
  guint backlog_end;
  CsmKpiValue sla_met_percent;
} CsmKpiRow;

void        csm_kpi_options_init              (CsmKpiOptions       *options);

CsmKpiHistory *csm_kpi_history_from_transactions (GPtrArray        *transactions);
void        csm_kpi_history_free              (CsmKpiHistory       *history);

CsmKpiValue csm_kpi_median                    (const gint64        *values,
                                               guint                n);
CsmKpiValue csm_kpi_p90                       (const gint64        *values,
                                               guint                n);
gboolean    csm_kpi_active_at                 (CsmTicket           *ticket,
                                               const CsmKpiHistory *history,
                                               gint64               instant);

GPtrArray  *csm_kpi_compute                   (GPtrArray           *tickets,
                                               GHashTable          *histories,
                                               const CsmKpiOptions *options,
                                               gint64               from,
                                               gint64               to,
                                               gint64               now);
void        csm_kpi_row_free                  (CsmKpiRow           *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmKpiHistory, csm_kpi_history_free)

G_END_DECLS
