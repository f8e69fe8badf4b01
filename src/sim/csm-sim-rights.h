/* csm-sim-rights.h: who may see and do what in the simulated RT: its rights checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "csm-sim-world.h"

G_BEGIN_DECLS

/*
 * RT grants rights to groups and roles per queue; the simulator grants each
 * kind of user (CsmSimAccess) a fixed set in every queue, the set the
 * reference RT's scenario grants:
 *
 *   admin     SuperUser: everything
 *   agent     ShowTicket, ModifyTicket, CommentOnTicket, ReplyToTicket,
 *             CreateTicket, OwnTicket, ShowTicketComments, SeeCustomField
 *   viewer    ShowTicket
 *   customer  ReplyToTicket and CreateTicket; ShowTicket only as a ticket's
 *             Requestor
 *
 * The server answers 403 (or leaves a record out) where these say no, in the
 * order RT asks.
 */
typedef enum
{
  CSM_SIM_RIGHT_SUPER_USER,
  CSM_SIM_RIGHT_SHOW_TICKET,
  CSM_SIM_RIGHT_MODIFY_TICKET,
  CSM_SIM_RIGHT_COMMENT_ON_TICKET,
  CSM_SIM_RIGHT_REPLY_TO_TICKET,
  CSM_SIM_RIGHT_CREATE_TICKET,
  CSM_SIM_RIGHT_OWN_TICKET,
  CSM_SIM_RIGHT_SHOW_TICKET_COMMENTS,
  CSM_SIM_RIGHT_SEE_CUSTOM_FIELD,
} CsmSimRight;

/* Whether @user holds @right in every queue (not through a role). */
gboolean  csm_sim_rights_has                        (const CsmSimUser        *user,
                                                     CsmSimRight              right);
/* SuperUser: all the rights RT has, in every queue and on the system. */
gboolean  csm_sim_rights_is_superuser               (const CsmSimUser        *user);

/* May @user become a ticket's owner? Nobody always may (RT's initial data
 * grants it OwnTicket); others need OwnTicket and an enabled account. */
gboolean  csm_sim_rights_can_own_tickets            (const CsmSimUser        *user);

/* May @viewer read @user's record (NULL: one that does not exist)? An
 * unprivileged user reads their own only. */
gboolean  csm_sim_rights_can_see_user               (const CsmSimUser        *viewer,
                                                     const CsmSimUser        *user);

/* ShowTicket, counting the Requestor role. @user 0 sees everything; an
 * unknown user nothing. */
gboolean  csm_sim_rights_can_see_ticket             (CsmSimWorld             *world,
                                                     gint64                   user,
                                                     const CsmSimTicket      *ticket);

/* The ticket's ShowTicket, and for comments, e-mail records and custom
 * field changes ShowTicketComments and SeeCustomField too. */
gboolean  csm_sim_rights_can_see_transaction        (CsmSimWorld             *world,
                                                     gint64                   user,
                                                     const CsmSimTransaction *txn);

/* Comments, e-mail records and custom field changes: what only a user with
 * ShowTicketComments and SeeCustomField sees of a ticket's history. */
gboolean  csm_sim_rights_is_restricted_transaction  (const CsmSimTransaction *txn);

G_END_DECLS
