/* csm-rt-query.h: what the RT provider asks REST2 for: TicketSQL, collection paths, request bodies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-provider.h"

G_BEGIN_DECLS

/* Relative dates count back from @server_now, the server's clock (unix
 * seconds); paths are relative to the REST2 base and carry no paging. */
GPtrArray *csm_rt_query_ticket_paths            (const CsmTicketQuery      *query,
                                                 gint64                     server_now);
char      *csm_rt_query_ticket_path             (gint64                     ticket_id);
char      *csm_rt_query_transactions_path       (const CsmTransactionQuery *query,
                                                 gint64                     server_now);
GPtrArray *csm_rt_query_history_paths           (GArray                    *ticket_ids);
char      *csm_rt_query_message_parts_path      (gint64                     ticket_id);
char      *csm_rt_query_latest_transaction_path (void);
char      *csm_rt_query_queues_path             (void);
char      *csm_rt_query_user_path               (const char                *name);
GBytes    *csm_rt_query_group_search_body       (const char                *group);
char      *csm_rt_query_group_members_path      (const char                *group_id);
char      *csm_rt_query_ticket_update_path      (gint64                     ticket_id);
GBytes    *csm_rt_query_ticket_update_body      (const char                *field,
                                                 const char                *value);

G_END_DECLS
