/* csm-ticket-view.h: the tickets a list shows, filtered and sorted, updated change by change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-ticket-list.h"

G_BEGIN_DECLS

#define CSM_TYPE_TICKET_VIEW (csm_ticket_view_get_type ())

G_DECLARE_FINAL_TYPE (CsmTicketView, csm_ticket_view, CSM, TICKET_VIEW, GObject)

typedef gboolean (*CsmTicketViewFilter) (CsmTicket *ticket,
                                         gpointer   user_data);

CsmTicketView *csm_ticket_view_new         (void);
void           csm_ticket_view_set_list    (CsmTicketView       *self,
                                            CsmTicketList       *list);
void           csm_ticket_view_set_sorter  (CsmTicketView       *self,
                                            GtkSorter           *sorter);
void           csm_ticket_view_set_filter  (CsmTicketView       *self,
                                            CsmTicketViewFilter  filter,
                                            gpointer             user_data);
void           csm_ticket_view_refilter    (CsmTicketView       *self);

G_END_DECLS
