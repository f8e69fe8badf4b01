/* csm-ticket-list.h: the live list of tickets, updated in place so views keep their rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "csm-types.h"

G_BEGIN_DECLS

#define CSM_TYPE_TICKET_LIST (csm_ticket_list_get_type ())

G_DECLARE_FINAL_TYPE (CsmTicketList, csm_ticket_list, CSM, TICKET_LIST, GObject)

CsmTicketList *csm_ticket_list_new            (void);
CsmTicket     *csm_ticket_list_lookup         (CsmTicketList *self,
                                               gint64         id);
GPtrArray     *csm_ticket_list_get_array      (CsmTicketList *self);
guint          csm_ticket_list_merge          (CsmTicketList *self,
                                               GPtrArray     *incoming,
                                               GPtrArray     *out_changed);
guint          csm_ticket_list_take           (CsmTicketList *self,
                                               GPtrArray     *tickets);
guint          csm_ticket_list_retain         (CsmTicketList *self,
                                               GHashTable    *keep_ids);
gboolean       csm_ticket_list_remove         (CsmTicketList *self,
                                               gint64         id);
void           csm_ticket_list_emit_changed   (CsmTicketList *self,
                                               CsmTicket     *ticket);
void           csm_ticket_list_emit_changed_many (CsmTicketList *self,
                                                  GPtrArray     *tickets);
void           csm_ticket_list_freeze_changes (CsmTicketList *self);
void           csm_ticket_list_thaw_changes   (CsmTicketList *self);
void           csm_ticket_list_clear          (CsmTicketList *self);

G_END_DECLS
