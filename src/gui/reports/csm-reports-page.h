/* csm-reports-page.h: the KPIs of a period: tiles with their trends, charts, tables by agent, queue and channel, friction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-kpi-report.h"
#include "csm-page.h"

G_BEGIN_DECLS

#define CSM_TYPE_REPORTS_PAGE (csm_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (CsmReportsPage, csm_reports_page, CSM, REPORTS_PAGE, CsmPage)

GtkWidget *csm_reports_page_get_tile      (CsmReportsPage *self,
                                           guint           kpi);
gboolean   csm_reports_page_is_counting   (CsmReportsPage *self);
const char *csm_reports_page_get_status   (CsmReportsPage *self);
const char *csm_reports_page_get_notice   (CsmReportsPage *self);
GtkWidget *csm_reports_page_get_table     (CsmReportsPage *self,
                                           gboolean        agents);
const CsmKpiReport  *csm_reports_page_get_report  (CsmReportsPage *self);
const CsmKpiOptions *csm_reports_page_get_options (CsmReportsPage *self);
gint64     csm_reports_page_get_show_time (CsmReportsPage *self);

G_END_DECLS
