/* csm-ticket.h: one helpdesk ticket, normalised across helpdesks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "csm-types.h"

G_BEGIN_DECLS

#define CSM_TYPE_TICKET (csm_ticket_get_type ())

G_DECLARE_FINAL_TYPE (CsmTicket, csm_ticket, CSM, TICKET, GObject)

CsmTicket           *csm_ticket_new                 (gint64           id);
gint64               csm_ticket_get_id              (CsmTicket       *self);
const char          *csm_ticket_get_subject         (CsmTicket       *self);
const char          *csm_ticket_get_status          (CsmTicket       *self);
CsmStatusClass       csm_ticket_get_status_class    (CsmTicket       *self);
gboolean             csm_ticket_is_active           (CsmTicket       *self);
gint64               csm_ticket_get_queue_id        (CsmTicket       *self);
const char          *csm_ticket_get_queue_name      (CsmTicket       *self);
const char          *csm_ticket_get_owner           (CsmTicket       *self);
const char          *csm_ticket_get_owner_display   (CsmTicket       *self);
const char          *csm_ticket_get_creator         (CsmTicket       *self);
int                  csm_ticket_get_priority        (CsmTicket       *self);
gint64               csm_ticket_get_created         (CsmTicket       *self);
gint64               csm_ticket_get_last_updated    (CsmTicket       *self);
gint64               csm_ticket_get_starts          (CsmTicket       *self);
gint64               csm_ticket_get_started         (CsmTicket       *self);
gint64               csm_ticket_get_due             (CsmTicket       *self);
gint64               csm_ticket_get_resolved        (CsmTicket       *self);
gint64               csm_ticket_get_told            (CsmTicket       *self);
int                  csm_ticket_get_time_worked     (CsmTicket       *self);
int                  csm_ticket_get_time_estimated  (CsmTicket       *self);
const char          *csm_ticket_get_sla            (CsmTicket       *self);
const char * const  *csm_ticket_get_requestors      (CsmTicket       *self);
const char * const  *csm_ticket_get_custom_fields   (CsmTicket       *self);
const char          *csm_ticket_get_custom_field    (CsmTicket       *self,
                                                     const char      *name);
gboolean             csm_ticket_get_custom_int      (CsmTicket       *self,
                                                     const char      *name,
                                                     int             *out_value);
gint64               csm_ticket_get_first_response  (CsmTicket       *self);
int                  csm_ticket_get_handle_minutes  (CsmTicket       *self);
int                  csm_ticket_get_agent_replies   (CsmTicket       *self);
gboolean             csm_ticket_get_history_complete (CsmTicket      *self);
guint                csm_ticket_get_revision        (CsmTicket       *self);
gboolean             csm_ticket_get_sla_remaining   (CsmTicket       *self,
                                                     gint64           now,
                                                     gint64          *out_seconds);
gboolean             csm_ticket_equal               (CsmTicket       *a,
                                                     CsmTicket       *b);
gboolean             csm_ticket_update_from         (CsmTicket       *self,
                                                     CsmTicket       *other);
CsmTicket           *csm_ticket_copy                (CsmTicket       *self);

CsmStatusClass       csm_status_classify            (const char      *status);

G_END_DECLS
