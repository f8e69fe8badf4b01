/* csm-sim-world-tickets.c: tickets and transactions: their storage, indexes and lookups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-world"

#include "config.h"

#include "csm-sim-world-private.h"

/* Transactions live in fixed-size chunks so record pointers never move. */
#define TXN_CHUNK_BITS 12
#define TXN_CHUNK_SIZE (1u << TXN_CHUNK_BITS)
#define TXN_CHUNK_MASK (TXN_CHUNK_SIZE - 1)

static const char *const statuses[] = {
  "new", "open", "stalled", "resolved", "rejected", "deleted",
};

gboolean
csm_sim_status_is_valid (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (status, statuses[i]) == 0)
      return TRUE;
  return FALSE;
}

/* RT's default lifecycle: new is "initial", open and stalled "active". */
gboolean
csm_sim_status_is_active (const char *status)
{
  return g_strcmp0 (status, "open") == 0 || g_strcmp0 (status, "stalled") == 0;
}

gboolean
csm_sim_status_is_inactive (const char *status)
{
  return g_strcmp0 (status, "resolved") == 0 || g_strcmp0 (status, "rejected") == 0 ||
         g_strcmp0 (status, "deleted") == 0;
}

const CsmSimTicket *
csm_sim_world_lookup_ticket (CsmSimWorld *self,
                             gint64       id)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  return g_hash_table_lookup (self->ticket_by_id, &id);
}

CsmSimTicket *
csm_sim_world_lookup_ticket_mutable (CsmSimWorld *self,
                                     gint64       id)
{
  return g_hash_table_lookup (self->ticket_by_id, &id);
}

/* Sorted by id. */
GPtrArray *
csm_sim_world_get_tickets (CsmSimWorld *self)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  return self->tickets;
}

guint
csm_sim_world_get_n_tickets (CsmSimWorld *self)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), 0);

  return self->tickets->len;
}

guint
csm_sim_world_get_n_transactions (CsmSimWorld *self)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), 0);

  return self->n_txns;
}

/* Transactions in id order; index < csm_sim_world_get_n_transactions(). */
const CsmSimTransaction *
csm_sim_world_get_transaction_at (CsmSimWorld *self,
                                  guint        index)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);
  g_return_val_if_fail (index < self->n_txns, NULL);

  return &self->txn_chunks[index >> TXN_CHUNK_BITS][index & TXN_CHUNK_MASK];
}

/* The index of the first transaction whose id is >= @min_id. */
guint
csm_sim_world_find_transaction_index (CsmSimWorld *self,
                                      gint64       min_id)
{
  guint lo = 0, hi;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), 0);

  hi = self->n_txns;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((gint64) csm_sim_world_get_transaction_at (self, mid)->id < min_id)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Whether Created never decreases along the id order (true unless a loader
 * inserted history out of order), which lets date searches bisect. */
gboolean
csm_sim_world_transactions_time_ordered (CsmSimWorld *self)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), FALSE);

  return self->txns_time_ordered;
}

guint
csm_sim_world_find_transaction_index_by_time (CsmSimWorld *self,
                                              gint64       min_created)
{
  guint lo = 0, hi;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), 0);
  g_return_val_if_fail (self->txns_time_ordered, 0);

  hi = self->n_txns;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (csm_sim_world_get_transaction_at (self, mid)->created < min_created)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

const CsmSimTransaction *
csm_sim_world_lookup_transaction (CsmSimWorld *self,
                                  gint64       id)
{
  guint index;
  const CsmSimTransaction *txn;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);

  index = csm_sim_world_find_transaction_index (self, id);
  if (index >= self->n_txns)
    return NULL;
  txn = csm_sim_world_get_transaction_at (self, index);
  return (gint64) txn->id == id ? txn : NULL;
}

gint64
csm_sim_world_get_ticket_last_txn_id (CsmSimWorld        *self,
                                      const CsmSimTicket *ticket)
{
  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), 0);
  g_return_val_if_fail (ticket != NULL, 0);

  if (ticket->txns->len == 0)
    return 0;
  return csm_sim_world_get_transaction_at (self, g_array_index (ticket->txns, guint,
                                                                ticket->txns->len - 1))->id;
}

const char *
csm_sim_ticket_get_cf_value (const CsmSimTicket *ticket,
                             gint64              cf_id)
{
  g_return_val_if_fail (ticket != NULL, NULL);

  if (ticket->cf_values == NULL)
    return NULL;
  for (guint i = 0; i < ticket->cf_values->len; i++)
    {
      const CsmSimCfValue *v = &g_array_index (ticket->cf_values, CsmSimCfValue, i);

      if (v->cf_id == cf_id)
        return v->value;
    }
  return NULL;
}

gboolean
csm_sim_ticket_has_requestor (const CsmSimTicket *ticket,
                              gint64              user_id)
{
  g_return_val_if_fail (ticket != NULL, FALSE);

  if (ticket->requestors == NULL)
    return FALSE;
  for (guint i = 0; i < ticket->requestors->len; i++)
    if (g_array_index (ticket->requestors, gint64, i) == user_id)
      return TRUE;
  return FALSE;
}

static GArray **
watcher_array (CsmSimTicket *ticket,
               const char   *role)
{
  if (g_strcmp0 (role, "Requestor") == 0)
    return &ticket->requestors;
  if (g_strcmp0 (role, "Cc") == 0)
    return &ticket->cc;
  if (g_strcmp0 (role, "AdminCc") == 0)
    return &ticket->admincc;
  return NULL;
}

void
csm_sim_ticket_add_raw_watcher (CsmSimTicket *ticket,
                                const char   *role,
                                gint64        user_id)
{
  GArray **array;

  g_return_if_fail (ticket != NULL);

  array = watcher_array (ticket, role);
  g_return_if_fail (array != NULL);

  if (*array == NULL)
    *array = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < (*array)->len; i++)
    if (g_array_index (*array, gint64, i) == user_id)
      return;
  g_array_append_val (*array, user_id);
}

/* Adds a value (multi-value CFs) or replaces the value (MaxValues 1).
 * Returns the replaced value's ObjectCustomFieldValue id through @old_ref. */
void
csm_sim_ticket_put_cf_value (CsmSimWorld             *self,
                             CsmSimTicket            *ticket,
                             const CsmSimCustomField *cf,
                             gint64                   cf_id,
                             const char              *value,
                             gint64                  *new_ref,
                             gint64                  *old_ref)
{
  CsmSimCfValue entry = { cf_id, csm_sim_world_intern (self, value), self->next_ocfv++ };

  if (old_ref != NULL)
    *old_ref = 0;
  if (new_ref != NULL)
    *new_ref = entry.ocfv_id;

  if (ticket->cf_values == NULL)
    ticket->cf_values = g_array_new (FALSE, FALSE, sizeof (CsmSimCfValue));

  if (cf == NULL || cf->max_values == 1)
    {
      for (guint i = 0; i < ticket->cf_values->len; i++)
        {
          CsmSimCfValue *v = &g_array_index (ticket->cf_values, CsmSimCfValue, i);

          if (v->cf_id == cf_id)
            {
              if (old_ref != NULL)
                *old_ref = v->ocfv_id;
              *v = entry;
              return;
            }
        }
    }

  g_array_append_val (ticket->cf_values, entry);
}

void
csm_sim_ticket_set_raw_cf_value (CsmSimWorld  *self,
                                 CsmSimTicket *ticket,
                                 gint64        cf_id,
                                 const char   *value)
{
  g_return_if_fail (CSM_IS_SIM_WORLD (self));
  g_return_if_fail (ticket != NULL);
  g_return_if_fail (value != NULL);

  csm_sim_ticket_put_cf_value (self, ticket, csm_sim_world_lookup_custom_field (self, cf_id),
                               cf_id, value, NULL, NULL);
  self->revision++;
}

static void
ticket_insert_sorted (CsmSimWorld  *self,
                      CsmSimTicket *ticket)
{
  guint lo = 0, hi = self->tickets->len;

  if (hi == 0 || ((CsmSimTicket *) g_ptr_array_index (self->tickets, hi - 1))->id < ticket->id)
    {
      g_ptr_array_add (self->tickets, ticket);
      return;
    }

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (((CsmSimTicket *) g_ptr_array_index (self->tickets, mid))->id < ticket->id)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_ptr_array_insert (self->tickets, lo, ticket);
}

CsmSimTicket *
csm_sim_world_insert_ticket (CsmSimWorld            *self,
                             const CsmSimTicketSpec *spec,
                             GError                **error)
{
  CsmSimTicket *ticket;
  gint64 id;
  const char *status;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  id = spec->id > 0 ? spec->id : self->next_ticket;
  if (g_hash_table_contains (self->ticket_by_id, &id))
    {
      g_set_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_EXISTS,
                   "Ticket %" G_GINT64_FORMAT " already exists", id);
      return NULL;
    }
  if (csm_sim_world_lookup_queue (self, spec->queue) == NULL)
    {
      g_set_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_NOT_FOUND,
                   "Ticket %" G_GINT64_FORMAT ": no queue %" G_GINT64_FORMAT, id, spec->queue);
      return NULL;
    }
  status = spec->status ? spec->status : "new";
  if (!csm_sim_status_is_valid (status))
    {
      g_set_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_INVALID,
                   "Ticket %" G_GINT64_FORMAT ": invalid status '%s'", id, status);
      return NULL;
    }

  ticket = g_new0 (CsmSimTicket, 1);
  ticket->id = id;
  ticket->subject = g_strdup (spec->subject ? spec->subject : "");
  ticket->status = csm_sim_world_intern (self, status);
  ticket->type = csm_sim_world_intern (self, "ticket");
  ticket->sla = spec->sla && *spec->sla ? csm_sim_world_intern (self, spec->sla) : NULL;
  ticket->queue = spec->queue;
  ticket->owner = spec->owner > 0 ? spec->owner : CSM_SIM_USER_NOBODY;
  ticket->creator = spec->creator > 0 ? spec->creator : CSM_SIM_USER_ROOT;
  ticket->last_updated_by = ticket->creator;
  ticket->priority = spec->priority;
  ticket->time_estimated = spec->time_estimated;
  ticket->created = spec->created != 0 ? spec->created : self->now;
  ticket->last_updated = ticket->created;
  ticket->starts = spec->starts;
  ticket->due = spec->due;
  ticket->txns = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < spec->n_requestors; i++)
    csm_sim_ticket_add_raw_watcher (ticket, "Requestor", spec->requestors[i]);

  ticket_insert_sorted (self, ticket);
  g_hash_table_insert (self->ticket_by_id, &ticket->id, ticket);
  if (id >= self->next_ticket)
    self->next_ticket = id + 1;
  /* Four role groups per ticket (AdminCc, Cc, Owner, Requestor). */
  csm_sim_world_take_principal (self, 0, 4);
  self->revision++;

  return ticket;
}

static CsmSimTransaction *
append_txn_slot (CsmSimWorld *self)
{
  guint chunk = self->n_txns >> TXN_CHUNK_BITS;

  if (chunk >= self->n_txn_chunks)
    {
      self->txn_chunks = g_renew (CsmSimTransaction *, self->txn_chunks, chunk + 1);
      self->txn_chunks[chunk] = g_new0 (CsmSimTransaction, TXN_CHUNK_SIZE);
      self->n_txn_chunks = chunk + 1;
    }

  return &self->txn_chunks[chunk][self->n_txns & TXN_CHUNK_MASK];
}

/* Appends a transaction as given (its id must be above every existing id).
 * Strings are interned; the ticket's history index is updated, nothing else. */
const CsmSimTransaction *
csm_sim_world_insert_transaction (CsmSimWorld             *self,
                                  const CsmSimTransaction *txn,
                                  GError                 **error)
{
  CsmSimTransaction *slot;
  CsmSimTicket *ticket;
  gint64 id;
  guint index;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);
  g_return_val_if_fail (txn != NULL && txn->type != NULL, NULL);

  ticket = csm_sim_world_lookup_ticket_mutable (self, txn->object_id);
  if (ticket == NULL)
    {
      g_set_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_NOT_FOUND,
                   "Transaction %u: no ticket %u", txn->id, txn->object_id);
      return NULL;
    }

  id = txn->id > 0 ? txn->id : self->next_txn;
  if (id < self->next_txn || id > G_MAXUINT32)
    {
      g_set_error (error, CSM_SIM_WORLD_ERROR, CSM_SIM_WORLD_ERROR_INVALID,
                   "Transaction %" G_GINT64_FORMAT ": ids must increase", id);
      return NULL;
    }

  if (self->n_txns > 0 &&
      csm_sim_world_get_transaction_at (self, self->n_txns - 1)->created > txn->created)
    self->txns_time_ordered = FALSE;

  slot = append_txn_slot (self);
  *slot = *txn;
  slot->id = (guint32) id;
  slot->type = csm_sim_world_intern (self, txn->type);
  slot->field = csm_sim_world_intern (self, txn->field);
  slot->old_value = csm_sim_world_intern (self, txn->old_value);
  slot->new_value = csm_sim_world_intern (self, txn->new_value);
  slot->data = csm_sim_world_intern (self, txn->data);

  index = self->n_txns++;
  g_array_append_val (ticket->txns, index);
  self->next_txn = id + 1;
  self->revision++;

  return slot;
}
