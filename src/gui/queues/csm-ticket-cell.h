/* csm-ticket-cell.h: one cell of the ticket list: a ticket's value in one column, kept current.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-ticket.h"
#include "csm-ticket-filter.h"

G_BEGIN_DECLS

#define CSM_TYPE_TICKET_CELL (csm_ticket_cell_get_type ())

G_DECLARE_FINAL_TYPE (CsmTicketCell, csm_ticket_cell, CSM, TICKET_CELL, GtkWidget)

/* A deadline this close turns the countdown amber. */
#define CSM_TICKET_CELL_AT_RISK_SECONDS (30 * 60)

CsmTicket       *csm_ticket_cell_get_ticket   (CsmTicketCell   *self);
void             csm_ticket_cell_set_ticket   (CsmTicketCell   *self,
                                               CsmTicket       *ticket);
CsmTicketColumn  csm_ticket_cell_get_column   (CsmTicketCell   *self);
gboolean         csm_ticket_cell_get_live     (CsmTicketCell   *self);
void             csm_ticket_cell_refresh      (CsmTicketCell   *self,
                                               gint64           now);
char            *csm_ticket_cell_factory_xml  (CsmTicketColumn  column);

G_END_DECLS
