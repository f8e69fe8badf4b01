/* csm-kpi-catalog.h: what each KPI is called, how it is counted and written, and which way is better.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "csm-kpi-report.h"

G_BEGIN_DECLS

/**
 * CsmKpi:
 *
 * The figures the Reports page shows, in the order of its tiles.
 */
typedef enum
{
  CSM_KPI_CREATED,
  CSM_KPI_RESOLVED,
  CSM_KPI_FRT,
  CSM_KPI_ART,
  CSM_KPI_AHT,
  CSM_KPI_FCR,
  CSM_KPI_CSAT,
  CSM_KPI_NPS,
  CSM_KPI_CES,
  CSM_KPI_BACKLOG,
  CSM_KPI_SLA,
} CsmKpi;

#define CSM_KPI_COUNT (CSM_KPI_SLA + 1)

const char       *csm_kpi_get_key            (CsmKpi                kpi);
gboolean          csm_kpi_from_key           (const char           *key,
                                              CsmKpi               *out_kpi);
const char       *csm_kpi_get_title          (CsmKpi                kpi);
const char       *csm_kpi_get_short_title    (CsmKpi                kpi);
CsmKpiPopulation  csm_kpi_get_population     (CsmKpi                kpi);
gboolean          csm_kpi_higher_is_better   (CsmKpi                kpi);
gboolean          csm_kpi_has_direction      (CsmKpi                kpi);
gboolean          csm_kpi_compares_by_points (CsmKpi                kpi);
gboolean          csm_kpi_is_time            (CsmKpi                kpi);
CsmKpiValue       csm_kpi_row_value          (const CsmKpiRow      *row,
                                              CsmKpi                kpi,
                                              CsmKpiStatistic       statistic);
guint             csm_kpi_row_count          (const CsmKpiRow      *row,
                                              CsmKpi                kpi);
char             *csm_kpi_format_value       (CsmKpi                kpi,
                                              CsmKpiValue           value);
char             *csm_kpi_format_change      (CsmKpiChange          change);
char             *csm_kpi_dup_variant        (CsmKpi                kpi,
                                              const CsmKpiOptions  *options,
                                              CsmKpiStatistic       statistic);
char             *csm_kpi_dup_formula        (CsmKpi                kpi,
                                              const CsmKpiOptions  *options,
                                              CsmKpiStatistic       statistic);
char             *csm_kpi_dup_population     (CsmKpi                kpi,
                                              guint                 count);
char             *csm_kpi_dup_column_title   (CsmKpi                kpi,
                                              const CsmKpiOptions  *options,
                                              CsmKpiStatistic       statistic);

G_END_DECLS
