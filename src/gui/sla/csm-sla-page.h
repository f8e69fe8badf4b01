/* csm-sla-page.h: what breaches next: breached, at risk and predicted tickets, attainment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-page.h"
#include "csm-sla-board.h"

G_BEGIN_DECLS

#define CSM_TYPE_SLA_PAGE (csm_sla_page_get_type ())

G_DECLARE_FINAL_TYPE (CsmSlaPage, csm_sla_page, CSM, SLA_PAGE, CsmPage)

GListModel *csm_sla_page_get_lane            (CsmSlaPage *self,
                                              CsmSlaState state);
gboolean    csm_sla_page_select_ticket       (CsmSlaPage *self,
                                              gint64      ticket_id);
gint64      csm_sla_page_get_selected_ticket (CsmSlaPage *self);
void        csm_sla_page_set_owner_choice    (CsmSlaPage *self,
                                              const char *agent_name);
void        csm_sla_page_set_status_choice   (CsmSlaPage *self,
                                              const char *status);
char       *csm_sla_page_dup_attainment_text (CsmSlaPage *self);
GtkWidget  *csm_sla_page_get_outbox_list     (CsmSlaPage *self);
char       *csm_sla_page_dup_explanation     (CsmSlaPage *self,
                                              const char *what);

G_END_DECLS
