/* csm-rt-parse.h: Request Tracker 5 REST2 JSON into the console's domain types, strictly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-agent.h"
#include "csm-json.h"
#include "csm-message.h"
#include "csm-queue.h"
#include "csm-ticket.h"
#include "csm-transaction.h"

G_BEGIN_DECLS

typedef enum
{
  CSM_RT_ITEM_TICKET,
  CSM_RT_ITEM_TRANSACTION,
  CSM_RT_ITEM_QUEUE,
  CSM_RT_ITEM_USER,
  CSM_RT_ITEM_USER_RECORD,   /* a single `GET /user/:id` body, not a page */
  CSM_RT_ITEM_GROUP,
  CSM_RT_ITEM_MESSAGE_PART,  /* CsmMessagePart */
} CsmRtItemKind;

/* One page of a REST2 collection. */
typedef struct
{
  GPtrArray *items;   /* (owned): CsmTicket, CsmTransaction, CsmQueue or CsmAgent; for groups,
                       * the group ids as strings */
  gint64 total;
  gint64 page;
  gint64 pages;
  gint64 per_page;
  gint64 count;
} CsmRtPage;

void            csm_rt_page_free             (CsmRtPage           *page);
CsmRtPage      *csm_rt_parse_page            (GBytes              *body,
                                              CsmRtItemKind        kind,
                                              GError             **error);
CsmTicket      *csm_rt_parse_ticket          (const CsmJsonValue  *object,
                                              GError             **error);
CsmTransaction *csm_rt_parse_transaction     (const CsmJsonValue  *object,
                                              GError             **error);
CsmMessagePart *csm_rt_parse_message_part    (const CsmJsonValue  *object,
                                              GError             **error);
CsmQueue       *csm_rt_parse_queue           (const CsmJsonValue  *object,
                                              GError             **error);
CsmAgent       *csm_rt_parse_user            (const CsmJsonValue  *object,
                                              GError             **error);
char           *csm_rt_parse_version         (GBytes              *body,
                                              GError             **error);
gboolean        csm_rt_parse_update_messages (GBytes              *body,
                                              char              ***out_messages,
                                              GError             **error);
gboolean        csm_rt_judge_update_messages (const char * const  *messages,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmRtPage, csm_rt_page_free)

G_END_DECLS
