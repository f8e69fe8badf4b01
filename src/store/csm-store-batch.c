/* csm-store-batch.c: the writes a commit lands together, and the snapshot a load hands back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-store"

#include "config.h"

#include "csm-store-private.h"
#include "csm-ticket.h"

/**
 * csm_store_batch_new:
 *
 * Returns: (transfer full): an empty batch
 */
CsmStoreBatch *
csm_store_batch_new (void)
{
  CsmStoreBatch *batch = g_new0 (CsmStoreBatch, 1);

  batch->tickets = g_ptr_array_new_with_free_func (g_object_unref);
  batch->deleted = g_array_new (FALSE, FALSE, sizeof (gint64));
  batch->transactions = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
  batch->cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return batch;
}

void
csm_store_batch_free (CsmStoreBatch *batch)
{
  if (batch == NULL)
    return;

  g_clear_pointer (&batch->tickets, g_ptr_array_unref);
  g_clear_pointer (&batch->deleted, g_array_unref);
  g_clear_pointer (&batch->transactions, g_ptr_array_unref);
  g_clear_pointer (&batch->queues, g_ptr_array_unref);
  g_clear_pointer (&batch->agents, g_ptr_array_unref);
  g_clear_pointer (&batch->cursors, g_hash_table_unref);
  g_free (batch);
}

/**
 * csm_store_batch_add_tickets:
 * @tickets: (element-type CsmTicket): tickets to insert or replace, whole
 *
 * The batch keeps a reference to each ticket; see #CsmStoreBatch for the
 * promise the caller makes about them.
 */
void
csm_store_batch_add_tickets (CsmStoreBatch *batch,
                             GPtrArray     *tickets)
{
  g_return_if_fail (batch != NULL);
  g_return_if_fail (tickets != NULL);

  for (guint i = 0; i < tickets->len; i++)
    {
      CsmTicket *ticket = g_ptr_array_index (tickets, i);

      g_return_if_fail (CSM_IS_TICKET (ticket));
      g_ptr_array_add (batch->tickets, g_object_ref (ticket));
    }
}

/**
 * csm_store_batch_delete_ticket:
 * @ticket_id: a ticket to remove, with its transactions
 */
void
csm_store_batch_delete_ticket (CsmStoreBatch *batch,
                               gint64         ticket_id)
{
  g_return_if_fail (batch != NULL);

  g_array_append_val (batch->deleted, ticket_id);
}

/**
 * csm_store_batch_add_transactions:
 * @transactions: (element-type CsmTransaction): transactions to insert or replace
 */
void
csm_store_batch_add_transactions (CsmStoreBatch *batch,
                                  GPtrArray     *transactions)
{
  g_return_if_fail (batch != NULL);
  g_return_if_fail (transactions != NULL);

  for (guint i = 0; i < transactions->len; i++)
    {
      CsmTransaction *transaction = g_ptr_array_index (transactions, i);

      g_return_if_fail (transaction != NULL);
      g_ptr_array_add (batch->transactions, csm_transaction_ref (transaction));
    }
}

static GPtrArray *
csm_store_copy_object_array (GPtrArray *array)
{
  GPtrArray *copy = g_ptr_array_new_full (array ? array->len : 0, g_object_unref);

  if (array != NULL)
    g_ptr_array_extend (copy, array, (GCopyFunc) g_object_ref, NULL);
  return copy;
}

/**
 * csm_store_batch_replace_queues:
 * @queues: (element-type CsmQueue) (nullable): the whole queue list, in the
 *   order to keep; %NULL or empty clears it
 *
 * Without this call the cached queue list is left as it is.
 */
void
csm_store_batch_replace_queues (CsmStoreBatch *batch,
                                GPtrArray     *queues)
{
  g_return_if_fail (batch != NULL);

  g_clear_pointer (&batch->queues, g_ptr_array_unref);
  batch->queues = csm_store_copy_object_array (queues);
}

/**
 * csm_store_batch_replace_agents:
 * @agents: (element-type CsmAgent) (nullable): the whole agent list, in the
 *   order to keep; %NULL or empty clears it
 *
 * Without this call the cached agent list is left as it is.
 */
void
csm_store_batch_replace_agents (CsmStoreBatch *batch,
                                GPtrArray     *agents)
{
  g_return_if_fail (batch != NULL);

  g_clear_pointer (&batch->agents, g_ptr_array_unref);
  batch->agents = csm_store_copy_object_array (agents);
}

/**
 * csm_store_batch_set_cursor:
 * @name: the cursor's name
 * @value: (nullable): its new value; %NULL deletes the cursor
 *
 * Setting the same cursor twice in one batch keeps the last value.
 */
void
csm_store_batch_set_cursor (CsmStoreBatch *batch,
                            const char    *name,
                            const char    *value)
{
  g_return_if_fail (batch != NULL);
  g_return_if_fail (name != NULL);

  g_hash_table_replace (batch->cursors, g_strdup (name), g_strdup (value));
}

/**
 * csm_store_batch_defer_metrics:
 *
 * The commit leaves the metrics of the tickets it writes as they were: for
 * the many intermediate commits of a full sync, which end with one that
 * works out every ticket (csm_store_batch_update_all_metrics()). Until then
 * the cache knows its metrics are stale; a load in between works them out.
 */
void
csm_store_batch_defer_metrics (CsmStoreBatch *batch)
{
  g_return_if_fail (batch != NULL);

  if (batch->metrics != METRICS_ALL)
    batch->metrics = METRICS_DEFERRED;
}

/**
 * csm_store_batch_update_all_metrics:
 *
 * The commit works out the metrics of every ticket in the cache, not only
 * of those the batch touches: when the agent list changed, or at the end
 * of a full sync.
 */
void
csm_store_batch_update_all_metrics (CsmStoreBatch *batch)
{
  g_return_if_fail (batch != NULL);

  batch->metrics = METRICS_ALL;
}

gboolean
csm_store_batch_is_empty (CsmStoreBatch *batch)
{
  g_return_val_if_fail (batch != NULL, TRUE);

  return batch->tickets->len == 0 &&
         batch->deleted->len == 0 &&
         batch->transactions->len == 0 &&
         batch->queues == NULL &&
         batch->agents == NULL &&
         batch->metrics != METRICS_ALL &&
         g_hash_table_size (batch->cursors) == 0;
}

CsmStoreSnapshot *
_csm_store_snapshot_new (void)
{
  CsmStoreSnapshot *snapshot = g_new0 (CsmStoreSnapshot, 1);

  snapshot->tickets = g_ptr_array_new_with_free_func (g_object_unref);
  snapshot->queues = g_ptr_array_new_with_free_func (g_object_unref);
  snapshot->agents = g_ptr_array_new_with_free_func (g_object_unref);
  snapshot->cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return snapshot;
}

void
csm_store_snapshot_free (CsmStoreSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;

  g_clear_pointer (&snapshot->tickets, g_ptr_array_unref);
  g_clear_pointer (&snapshot->queues, g_ptr_array_unref);
  g_clear_pointer (&snapshot->agents, g_ptr_array_unref);
  g_clear_pointer (&snapshot->cursors, g_hash_table_unref);
  g_free (snapshot);
}
