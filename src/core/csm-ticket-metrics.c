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
 * @transaction: a transaction of a ticket
 * @requestors: (nullable) (array zero-terminated=1): the ticket's requestors
 * @agents: (nullable): the set of agent user names (keys), or %NULL
 *
 * A reply counts as the agent's when RT recorded it as Correspond and its
 * creator is an agent. When the agent set is unknown (empty or %NULL), any
 * reply by someone who is not a requestor of the ticket counts, which is
 * what RT itself does when it sets Told.
 */
gboolean
csm_transaction_is_agent_reply (const CsmTransaction *transaction,
                                const char * const   *requestors,
                                GHashTable           *agents)
{
  g_return_val_if_fail (transaction != NULL, FALSE);

  if (transaction->type != CSM_TRANSACTION_CORRESPOND || transaction->creator == NULL)
    return FALSE;
  if (g_strcmp0 (transaction->creator, "RT_System") == 0)
    return FALSE;

  if (agents != NULL && g_hash_table_size (agents) > 0)
    return g_hash_table_contains (agents, transaction->creator);

  if (requestors != NULL)
    for (guint i = 0; requestors[i]; i++)
      if (g_ascii_strcasecmp (requestors[i], transaction->creator) == 0)
        return FALSE;
  return TRUE;
}

/**
 * csm_ticket_metrics_init:
 *
 * Sets @metrics to those of an empty history.
 */
void
csm_ticket_metrics_init (CsmTicketMetrics *metrics)
{
  g_return_if_fail (metrics != NULL);

  metrics->first_response = CSM_TIME_UNSET;
  metrics->handle_minutes = 0;
  metrics->agent_replies = 0;
  metrics->history_complete = FALSE;
}

/**
 * csm_ticket_metrics_add:
 * @metrics: the metrics so far
 * @transaction: one more transaction of the ticket, in any order; each
 *   transaction is added once
 * @requestors: (nullable) (array zero-terminated=1): the ticket's requestors
 * @agents: (nullable): agent user names, see csm_transaction_is_agent_reply()
 *
 * First response is the earliest agent reply; handle time is the sum of
 * TimeTaken over the whole history, whoever logged it; the history is
 * complete once it holds the ticket's Create.
 */
void
csm_ticket_metrics_add (CsmTicketMetrics     *metrics,
                        const CsmTransaction *transaction,
                        const char * const   *requestors,
                        GHashTable           *agents)
{
  g_return_if_fail (metrics != NULL);
  g_return_if_fail (transaction != NULL);

  if (transaction->time_taken > 0)
    metrics->handle_minutes += transaction->time_taken;
  if (transaction->type == CSM_TRANSACTION_CREATE)
    metrics->history_complete = TRUE;

  if (csm_transaction_is_agent_reply (transaction, requestors, agents))
    {
      metrics->agent_replies++;
      if (metrics->first_response == CSM_TIME_UNSET ||
          transaction->created < metrics->first_response)
        metrics->first_response = transaction->created;
    }
}

/**
 * csm_ticket_metrics_compute:
 * @ticket: the ticket
 * @transactions: (nullable) (element-type CsmTransaction): its history, in
 *   any order; transactions of other tickets are ignored
 * @agents: (nullable): agent user names, see csm_transaction_is_agent_reply()
 * @out_metrics: (out): the result
 */
void
csm_ticket_metrics_compute (CsmTicket        *ticket,
                            GPtrArray        *transactions,
                            GHashTable       *agents,
                            CsmTicketMetrics *out_metrics)
{
  g_return_if_fail (CSM_IS_TICKET (ticket));
  g_return_if_fail (out_metrics != NULL);

  csm_ticket_metrics_init (out_metrics);
  if (transactions == NULL)
    return;

  for (guint i = 0; i < transactions->len; i++)
    {
      const CsmTransaction *tx = g_ptr_array_index (transactions, i);

      if (tx->ticket_id == ticket->id)
        csm_ticket_metrics_add (out_metrics, tx, (const char * const *) ticket->requestors,
                                agents);
    }
}

/**
 * csm_ticket_metrics_equal:
 */
gboolean
csm_ticket_metrics_equal (const CsmTicketMetrics *a,
                          const CsmTicketMetrics *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->first_response == b->first_response &&
         a->handle_minutes == b->handle_minutes &&
         a->agent_replies == b->agent_replies &&
         !a->history_complete == !b->history_complete;
}

gboolean
csm_ticket_apply_metrics (CsmTicket              *ticket,
                          const CsmTicketMetrics *metrics)
{
  gboolean changed;

  g_return_val_if_fail (CSM_IS_TICKET (ticket), FALSE);
  g_return_val_if_fail (metrics != NULL, FALSE);

  changed = ticket->first_response != metrics->first_response ||
            ticket->handle_minutes != metrics->handle_minutes ||
            ticket->agent_replies != metrics->agent_replies ||
            !ticket->history_complete != !metrics->history_complete;
  ticket->first_response = metrics->first_response;
  ticket->handle_minutes = metrics->handle_minutes;
  ticket->agent_replies = metrics->agent_replies;
  ticket->history_complete = metrics->history_complete;
  if (changed)
    _csm_ticket_changed (ticket);
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
