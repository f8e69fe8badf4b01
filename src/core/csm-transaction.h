/* csm-transaction.h: one entry of a ticket's history (a reply, a comment, a status change…).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "csm-types.h"

G_BEGIN_DECLS

#define CSM_TYPE_TRANSACTION (csm_transaction_get_type ())

/* Immutable once built; shared by reference. Histories are large (several
 * per ticket), so this is a small boxed struct rather than a GObject. */
struct _CsmTransaction
{
  gint64 id;
  gint64 ticket_id;
  CsmTransactionType type;
  gint64 created;
  int time_taken;      /* minutes */
  char *creator;       /* (owned) (nullable) */
  char *field;         /* (owned) (nullable): for Set transactions */
  char *old_value;     /* (owned) (nullable) */
  char *new_value;     /* (owned) (nullable) */
};

GType               csm_transaction_get_type          (void) G_GNUC_CONST;
CsmTransaction     *csm_transaction_new               (gint64              id,
                                                       gint64              ticket_id,
                                                       CsmTransactionType  type,
                                                       gint64              created,
                                                       const char         *creator,
                                                       int                 time_taken);
void                csm_transaction_set_change        (CsmTransaction     *self,
                                                       const char         *field,
                                                       const char         *old_value,
                                                       const char         *new_value);
CsmTransaction     *csm_transaction_ref               (CsmTransaction     *self);
void                csm_transaction_unref             (CsmTransaction     *self);
gboolean            csm_transaction_equal             (const CsmTransaction *a,
                                                       const CsmTransaction *b);
const char         *csm_transaction_type_to_string    (CsmTransactionType  type);
CsmTransactionType  csm_transaction_type_from_string  (const char         *rt_type,
                                                       const char         *rt_field);
int                 csm_transaction_compare_by_time   (gconstpointer       a,
                                                       gconstpointer       b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmTransaction, csm_transaction_unref)

G_END_DECLS
