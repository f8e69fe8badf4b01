/* csm-ticket-metrics.h: what a ticket's history says: first agent reply, handle time, replies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "csm-ticket.h"
#include "csm-transaction.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 first_response;   /* CSM_TIME_UNSET when no agent has replied */
  int handle_minutes;      /* sum of TimeTaken over the history */
  int agent_replies;       /* Correspond transactions by agents */
  gboolean history_complete; /* the history includes the ticket's Create */
} CsmTicketMetrics;

gboolean  csm_transaction_is_agent_reply  (const CsmTransaction *transaction,
                                           const char * const   *requestors,
                                           GHashTable           *agents);
void      csm_ticket_metrics_init         (CsmTicketMetrics     *metrics);
void      csm_ticket_metrics_add          (CsmTicketMetrics     *metrics,
                                           const CsmTransaction *transaction,
                                           const char * const   *requestors,
                                           GHashTable           *agents);
gboolean  csm_ticket_metrics_equal        (const CsmTicketMetrics *a,
                                           const CsmTicketMetrics *b);
void      csm_ticket_metrics_compute      (CsmTicket            *ticket,
                                           GPtrArray            *transactions,
                                           GHashTable           *agents,
                                           CsmTicketMetrics     *out_metrics);
gboolean  csm_ticket_apply_metrics        (CsmTicket            *ticket,
                                           const CsmTicketMetrics *metrics);
gint64    csm_ticket_first_response_seconds (CsmTicket          *ticket);

G_END_DECLS
