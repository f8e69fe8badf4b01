/* csm-window.h: the main window: header with account and data age, banner, pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-application.h"
#include "csm-context.h"

G_BEGIN_DECLS

#define CSM_TYPE_WINDOW (csm_window_get_type ())

G_DECLARE_FINAL_TYPE (CsmWindow, csm_window, CSM, WINDOW, AdwApplicationWindow)

CsmWindow  *csm_window_new            (CsmApplication *application,
                                       CsmContext     *context);
CsmContext *csm_window_get_context    (CsmWindow      *self);
GtkWidget  *csm_window_get_queues_page (CsmWindow     *self);
GtkWidget  *csm_window_get_agents_page (CsmWindow     *self);
GtkWidget  *csm_window_get_sla_page   (CsmWindow      *self);
GtkWidget  *csm_window_get_quality_page (CsmWindow     *self);
GtkWidget  *csm_window_get_reports_page (CsmWindow     *self);
GtkWidget  *csm_window_get_staffing_page (CsmWindow     *self);
void        csm_window_show_page      (CsmWindow      *self,
                                       const char     *name);
void        csm_window_show_ticket    (CsmWindow      *self,
                                       gint64          ticket_id);
void        csm_window_show_toast     (CsmWindow      *self,
                                       const char     *text);

G_END_DECLS
