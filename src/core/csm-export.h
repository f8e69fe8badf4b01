/* csm-export.h: queue summaries and tickets as JSON or CSV, for scripts and cron.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "csm-types.h"
#include "csm-kpi.h"

G_BEGIN_DECLS

gboolean  csm_export_format_from_string  (const char      *text,
                                          CsmExportFormat *out_format);
char     *csm_export_queues              (GPtrArray       *summaries,
                                          CsmExportFormat  format);
char     *csm_export_tickets             (GPtrArray       *tickets,
                                          CsmExportFormat  format);
char     *csm_export_agents              (GPtrArray       *stats,
                                          CsmExportFormat  format);
char     *csm_export_sla                 (GPtrArray       *entries,
                                          CsmExportFormat  format);

char     *csm_export_qa                  (GPtrArray           *rows,
                                          CsmExportFormat      format);
char     *csm_export_kpis                (GPtrArray           *rows,
                                          const CsmKpiOptions *options,
                                          CsmExportFormat      format);
char     *csm_export_staffing            (GPtrArray           *rows,
                                          CsmExportFormat      format);

G_END_DECLS
