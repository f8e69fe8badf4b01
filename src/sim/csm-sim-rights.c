/* csm-sim-rights.c: who may see and do what in the simulated RT: its rights checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-rights"

#include "config.h"

#include "csm-sim-rights.h"

#define RIGHT(r) (1u << (r))

#define STAFF_RIGHTS                                                                     \
  (RIGHT (CSM_SIM_RIGHT_SHOW_TICKET) | RIGHT (CSM_SIM_RIGHT_MODIFY_TICKET) |             \
   RIGHT (CSM_SIM_RIGHT_COMMENT_ON_TICKET) | RIGHT (CSM_SIM_RIGHT_REPLY_TO_TICKET) |     \
   RIGHT (CSM_SIM_RIGHT_CREATE_TICKET) | RIGHT (CSM_SIM_RIGHT_OWN_TICKET) |              \
   RIGHT (CSM_SIM_RIGHT_SHOW_TICKET_COMMENTS) | RIGHT (CSM_SIM_RIGHT_SEE_CUSTOM_FIELD))

/* Indexed by CsmSimAccess. */
static const guint granted[] = {
  [CSM_SIM_ACCESS_ADMIN] = G_MAXUINT,
  [CSM_SIM_ACCESS_AGENT] = STAFF_RIGHTS,
  [CSM_SIM_ACCESS_VIEWER] = RIGHT (CSM_SIM_RIGHT_SHOW_TICKET),
  [CSM_SIM_ACCESS_CUSTOMER] = RIGHT (CSM_SIM_RIGHT_REPLY_TO_TICKET) |
                              RIGHT (CSM_SIM_RIGHT_CREATE_TICKET),
};

gboolean
csm_sim_rights_has (const CsmSimUser *user,
                    CsmSimRight       right)
{
  g_return_val_if_fail (user != NULL, FALSE);

  if ((guint) user->access >= G_N_ELEMENTS (granted))
    return FALSE;
  return (granted[user->access] & RIGHT (right)) != 0;
}

gboolean
csm_sim_rights_is_superuser (const CsmSimUser *user)
{
  return csm_sim_rights_has (user, CSM_SIM_RIGHT_SUPER_USER);
}

gboolean
csm_sim_rights_can_own_tickets (const CsmSimUser *user)
{
  if (user->id == CSM_SIM_USER_NOBODY)
    return TRUE;
  return !user->disabled && csm_sim_rights_has (user, CSM_SIM_RIGHT_OWN_TICKET);
}

gboolean
csm_sim_rights_can_see_user (const CsmSimUser *viewer,
                             const CsmSimUser *user)
{
  return viewer->privileged || (user != NULL && user->id == viewer->id);
}

gboolean
csm_sim_rights_can_see_ticket (CsmSimWorld        *world,
                               gint64              user,
                               const CsmSimTicket *ticket)
{
  const CsmSimUser *u;

  if (user == 0)
    return TRUE;
  u = csm_sim_world_lookup_user (world, user);
  if (u == NULL)
    return FALSE;
  return csm_sim_rights_has (u, CSM_SIM_RIGHT_SHOW_TICKET) ||
         csm_sim_ticket_has_requestor (ticket, user);
}

gboolean
csm_sim_rights_is_restricted_transaction (const CsmSimTransaction *txn)
{
  return g_strcmp0 (txn->type, "Comment") == 0 || g_strcmp0 (txn->type, "CustomField") == 0 ||
         g_strcmp0 (txn->type, "CommentEmailRecord") == 0 ||
         g_strcmp0 (txn->type, "EmailRecord") == 0;
}

gboolean
csm_sim_rights_can_see_transaction (CsmSimWorld             *world,
                                    gint64                   user,
                                    const CsmSimTransaction *txn)
{
  const CsmSimUser *u;
  const CsmSimTicket *ticket;

  if (user == 0)
    return TRUE;
  u = csm_sim_world_lookup_user (world, user);
  if (u == NULL)
    return FALSE;
  if (csm_sim_rights_has (u, CSM_SIM_RIGHT_SHOW_TICKET_COMMENTS) &&
      csm_sim_rights_has (u, CSM_SIM_RIGHT_SEE_CUSTOM_FIELD))
    return TRUE;
  if (csm_sim_rights_is_restricted_transaction (txn))
    return FALSE;
  ticket = csm_sim_world_lookup_ticket (world, txn->object_id);
  return ticket != NULL && csm_sim_rights_can_see_ticket (world, user, ticket);
}
