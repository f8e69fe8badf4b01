/* csm-kpi-table.h: the period's KPIs a row a group (agent, queue or channel), sortable, each row drillable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-kpi-catalog.h"

G_BEGIN_DECLS

#define CSM_TYPE_KPI_TABLE (csm_kpi_table_get_type ())

G_DECLARE_FINAL_TYPE (CsmKpiTable, csm_kpi_table, CSM, KPI_TABLE, GtkWidget)

GtkWidget *csm_kpi_table_new          (void);
void       csm_kpi_table_set_columns  (CsmKpiTable     *self,
                                       CsmKpiGrouping   grouping,
                                       const CsmKpi    *kpis,
                                       guint            n_kpis);
void       csm_kpi_table_set_rows     (CsmKpiTable         *self,
                                       GPtrArray           *rows,
                                       const CsmKpiOptions *options,
                                       CsmKpiStatistic      statistic);
GListModel *csm_kpi_table_get_model   (CsmKpiTable     *self);
GtkPopover *csm_kpi_table_get_menu    (CsmKpiTable     *self);
CsmKpiGrouping csm_kpi_table_get_grouping (CsmKpiTable *self);
char       *csm_kpi_group_name        (CsmKpiGrouping   grouping,
                                       const char      *group);

G_END_DECLS
