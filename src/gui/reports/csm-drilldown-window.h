/* csm-drilldown-window.h: the tickets behind a KPI, sortable, openable in RT and exportable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-kpi.h"
#include "csm-types.h"

G_BEGIN_DECLS

#define CSM_TYPE_DRILLDOWN_WINDOW (csm_drilldown_window_get_type ())

G_DECLARE_FINAL_TYPE (CsmDrilldownWindow, csm_drilldown_window, CSM, DRILLDOWN_WINDOW, AdwWindow)

CsmDrilldownWindow *csm_drilldown_window_new              (GtkWindow           *parent,
                                                           const char          *title,
                                                           const char          *subtitle,
                                                           const char          *explanation,
                                                           GPtrArray           *tickets,
                                                           CsmKpiPopulation     population,
                                                           gint64               now);
CsmDrilldownWindow *csm_drilldown_window_new_full         (GtkWindow           *parent,
                                                           const char          *title,
                                                           const char          *subtitle,
                                                           const char          *explanation,
                                                           GPtrArray           *tickets,
                                                           CsmKpiPopulation     population,
                                                           const CsmKpiOptions *options,
                                                           gint64               now);
CsmKpiPopulation    csm_drilldown_window_get_population   (CsmDrilldownWindow  *self);
GListModel         *csm_drilldown_window_get_model        (CsmDrilldownWindow  *self);
gboolean            csm_drilldown_window_export_to        (CsmDrilldownWindow  *self,
                                                           GFile               *file,
                                                           CsmExportFormat      format,
                                                           GError             **error);
void                csm_drilldown_window_export_to_async  (CsmDrilldownWindow  *self,
                                                           GFile               *file,
                                                           CsmExportFormat      format,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean            csm_drilldown_window_export_to_finish (CsmDrilldownWindow  *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

G_END_DECLS
