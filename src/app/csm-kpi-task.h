/* csm-kpi-task.h: KPI reports and rows computed on a worker thread, for the Reports page and the wallboard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "csm-kpi-report.h"

G_BEGIN_DECLS

void          csm_kpi_report_compute_async  (CsmKpiFacts          *facts,
                                             GHashTable           *histories,
                                             const CsmKpiOptions  *options,
                                             gint64                from,
                                             gint64                to,
                                             gint64                now,
                                             GTimeZone            *tz,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
CsmKpiReport *csm_kpi_report_compute_finish (GAsyncResult         *result,
                                             GError              **error);

void          csm_kpi_population_async      (CsmKpiFacts          *facts,
                                             GHashTable           *histories,
                                             const CsmKpiOptions  *options,
                                             CsmKpiPopulation      population,
                                             gint64                from,
                                             gint64                to,
                                             const char           *group,
                                             const char * const   *except,
                                             gint64                now,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
GArray       *csm_kpi_population_finish     (GAsyncResult         *result,
                                             GError              **error);

void          csm_kpi_rows_compute_async    (CsmKpiFacts          *facts,
                                             GHashTable           *histories,
                                             const CsmKpiOptions  *options,
                                             gint64                from,
                                             gint64                to,
                                             gint64                now,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
GPtrArray    *csm_kpi_rows_compute_finish   (GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS
