/* csm-ticket-metrics.c: what a ticket's history says: first agent reply, handle time, replies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-ticket-metrics"

#include "config.h"

#include "csm-ticket-metrics.h"
#include "csm-ticket-private.h"
#include "csm-time.h"

/**
 * csm_transaction_is_agent_reply:
 * @transaction: a transaction of @ticket
 * @ticket: the ticket
 * @agents: (nullable): the set of agent user names (keys), or %NULL
 *
 * A reply counts as the agent's when RT recorded it as Correspond and its
 * creator is an agent. When the agent set is unknown (empty or %NULL), any
 * reply by someone who is not a requestor of the ticket counts, which is
 * what RT itself does when it sets Told.
 */
gboolean
csm_transaction_is_agent_reply (const CsmTransaction *transaction,
                                CsmTicket            *ticket,
                                GHashTable           *agents)
{
  g_return_val_if_fail (transaction != NULL, FALSE);
  g_return_val_if_fail (CSM_IS_TICKET (ticket), FALSE);

  if (transaction->type != CSM_TRANSACTION_CORRESPOND || transaction->creator == NULL)
    return FALSE;
  if (g_strcmp0 (transaction->creator, "RT_System") == 0)
    return FALSE;

  if (agents != NULL && g_hash_table_size (agents) > 0)
    return g_hash_table_contains (agents, transaction->creator);

  if (ticket->requestors != NULL)
    for (guint i = 0; ticket->requestors[i]; i++)
      if (g_ascii_strcasecmp (ticket->requestors[i], transaction->creator) == 0)
        return FALSE;
  return TRUE;
}

/**
 * csm_ticket_metrics_compute:
 * @ticket: the ticket
 * @transactions: (nullable) (element-type CsmTransaction): its history, in any order
 * @agents: (nullable): agent user names, see csm_transaction_is_agent_reply()
 * @out_metrics: (out): the result
 *
 * First response is the earliest agent reply; handle time is the sum of
 * TimeTaken over the whole history, whoever logged it.
 */
void
csm_ticket_metrics_compute (CsmTicket        *ticket,
                            GPtrArray        *transactions,
                            GHashTable       *agents,
                            CsmTicketMetrics *out_metrics)
{
  g_return_if_fail (CSM_IS_TICKET (ticket));
  g_return_if_fail (out_metrics != NULL);

  out_metrics->first_response = CSM_TIME_UNSET;
  out_metrics->handle_minutes = 0;
  out_metrics->agent_replies = 0;

  if (transactions == NULL)
    return;

  for (guint i = 0; i < transactions->len; i++)
    {
      const CsmTransaction *tx = g_ptr_array_index (transactions, i);

      if (tx->ticket_id != ticket->id)
        continue;

      if (tx->time_taken > 0)
        out_metrics->handle_minutes += tx->time_taken;

      if (csm_transaction_is_agent_reply (tx, ticket, agents))
        {
          out_metrics->agent_replies++;
          if (out_metrics->first_response == CSM_TIME_UNSET ||
              tx->created < out_metrics->first_response)
            out_metrics->first_response = tx->created;
        }
    }
}

/**
 * csm_ticket_apply_metrics:
 *
 * Returns: %TRUE if the ticket's derived values changed
 */
gboolean
csm_ticket_apply_metrics (CsmTicket              *ticket,
                          const CsmTicketMetrics *metrics)
{
  gboolean changed;

  g_return_val_if_fail (CSM_IS_TICKET (ticket), FALSE);
  g_return_val_if_fail (metrics != NULL, FALSE);

  changed = ticket->first_response != metrics->first_response ||
            ticket->handle_minutes != metrics->handle_minutes ||
            ticket->agent_replies != metrics->agent_replies;
  ticket->first_response = metrics->first_response;
  ticket->handle_minutes = metrics->handle_minutes;
  ticket->agent_replies = metrics->agent_replies;
  return changed;
}

/**
 * csm_ticket_first_response_seconds:
 *
 * Returns: first agent reply − created in seconds, or -1 without a reply
 */
gint64
csm_ticket_first_response_seconds (CsmTicket *ticket)
{
  g_return_val_if_fail (CSM_IS_TICKET (ticket), -1);

  if (ticket->first_response == CSM_TIME_UNSET || ticket->created == CSM_TIME_UNSET)
    return -1;
  return MAX (ticket->first_response - ticket->created, 0);
}
