/* csm-agents-page.h: who is overloaded: every agent's load, activity and occupancy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-page.h"

G_BEGIN_DECLS

#define CSM_TYPE_AGENTS_PAGE (csm_agents_page_get_type ())

G_DECLARE_FINAL_TYPE (CsmAgentsPage, csm_agents_page, CSM, AGENTS_PAGE, CsmPage)

GListModel     *csm_agents_page_get_rows        (CsmAgentsPage *self);
GtkColumnView  *csm_agents_page_get_column_view (CsmAgentsPage *self);
void            csm_agents_page_select_agent    (CsmAgentsPage *self,
                                                 const char    *name);
char           *csm_agents_page_explain         (CsmAgentsPage *self,
                                                 const char    *column);
void            csm_agents_page_show_explanation (CsmAgentsPage *self,
                                                  const char    *column);
GtkPopover     *csm_agents_page_get_explanation_popover (CsmAgentsPage *self);

G_END_DECLS
