/* csm-sim-world-private.h: what the world's files share: its struct and a few helpers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-sim-world.h"

G_BEGIN_DECLS

struct _CsmSimWorld
{
  GObject parent_instance;

  GRecMutex lock;
  gint64 now;
  guint64 revision;
  const CsmSimSla *sla;        /* the agreements its SLA scrips apply */
  GStringChunk *strings;

  GPtrArray *queues;
  GHashTable *queue_by_id;
  GHashTable *queue_by_name;

  GPtrArray *users;
  GHashTable *user_by_id;
  GHashTable *user_by_name;
  GHashTable *user_by_email;

  GPtrArray *groups;
  GHashTable *group_by_id;

  GPtrArray *cfs;
  GHashTable *cf_by_id;
  GHashTable *cf_by_name;

  GPtrArray *tickets;          /* sorted by id */
  GHashTable *ticket_by_id;

  CsmSimTransaction **txn_chunks;  /* of TXN_CHUNK_SIZE (csm-sim-world-tickets.c) */
  guint n_txn_chunks;
  guint n_txns;
  gboolean txns_time_ordered;
  GHashTable *message_contents;  /* transaction id (GUINT_TO_POINTER) → text in strings */

  gint64 next_principal;
  gint64 next_queue;
  gint64 next_cf;
  gint64 next_ticket;
  gint64 next_txn;
  gint64 next_ocfv;
};

/* csm-sim-world.c */
gint64        csm_sim_world_take_principal        (CsmSimWorld             *self,
                                                   gint64                   requested,
                                                   guint                    consumed);

/* csm-sim-world-tickets.c */
CsmSimTicket *csm_sim_world_lookup_ticket_mutable (CsmSimWorld             *self,
                                                   gint64                   id);
void          csm_sim_ticket_put_cf_value         (CsmSimWorld             *self,
                                                   CsmSimTicket            *ticket,
                                                   const CsmSimCustomField *cf,
                                                   gint64                   cf_id,
                                                   const char              *value,
                                                   gint64                  *new_ref,
                                                   gint64                  *old_ref);

G_END_DECLS
