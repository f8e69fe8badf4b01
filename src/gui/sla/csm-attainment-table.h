/* csm-attainment-table.h: the SLA attainment tables: deadlines met, by level and by queue, today or over 7 days.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-sla-monitor.h"

G_BEGIN_DECLS

#define CSM_TYPE_ATTAINMENT_TABLE (csm_attainment_table_get_type ())

G_DECLARE_FINAL_TYPE (CsmAttainmentTable, csm_attainment_table, CSM, ATTAINMENT_TABLE, GtkWidget)

void        csm_attainment_table_set_monitor (CsmAttainmentTable *self,
                                              CsmSlaMonitor      *monitor);
void        csm_attainment_table_update      (CsmAttainmentTable *self);
CsmAttainmentPeriod csm_attainment_table_get_period (CsmAttainmentTable  *self);
void        csm_attainment_table_set_period  (CsmAttainmentTable  *self,
                                              CsmAttainmentPeriod  period);
char       *csm_attainment_table_dup_text    (CsmAttainmentTable *self);

G_END_DECLS
