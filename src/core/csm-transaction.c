/* csm-transaction.c: one entry of a ticket's history (a reply, a comment, a status change…).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-transaction"

#include "config.h"

#include "csm-transaction.h"

G_DEFINE_BOXED_TYPE (CsmTransaction, csm_transaction, csm_transaction_ref, csm_transaction_unref)

static void
csm_transaction_clear (CsmTransaction *self)
{
  g_free (self->creator);
  g_free (self->field);
  g_free (self->old_value);
  g_free (self->new_value);
}

CsmTransaction *
csm_transaction_new (gint64              id,
                     gint64              ticket_id,
                     CsmTransactionType  type,
                     gint64              created,
                     const char         *creator,
                     int                 time_taken)
{
  CsmTransaction *self = g_atomic_rc_box_new0 (CsmTransaction);

  self->id = id;
  self->ticket_id = ticket_id;
  self->type = type;
  self->created = created;
  self->creator = g_strdup (creator);
  self->time_taken = time_taken;
  return self;
}

/* Only called while the transaction is being built, before it is shared. */
void
csm_transaction_set_change (CsmTransaction *self,
                            const char     *field,
                            const char     *old_value,
                            const char     *new_value)
{
  g_return_if_fail (self != NULL);

  g_free (self->field);
  g_free (self->old_value);
  g_free (self->new_value);
  self->field = g_strdup (field);
  self->old_value = g_strdup (old_value);
  self->new_value = g_strdup (new_value);
}

CsmTransaction *
csm_transaction_ref (CsmTransaction *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
csm_transaction_unref (CsmTransaction *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify) csm_transaction_clear);
}

gboolean
csm_transaction_equal (const CsmTransaction *a,
                       const CsmTransaction *b)
{
  return a->id == b->id &&
         a->ticket_id == b->ticket_id &&
         a->type == b->type &&
         a->created == b->created &&
         a->time_taken == b->time_taken &&
         g_strcmp0 (a->creator, b->creator) == 0 &&
         g_strcmp0 (a->field, b->field) == 0 &&
         g_strcmp0 (a->old_value, b->old_value) == 0 &&
         g_strcmp0 (a->new_value, b->new_value) == 0;
}

/**
 * csm_transaction_type_to_string:
 *
 * Returns: a stable name, used in the cache and in exports
 */
const char *
csm_transaction_type_to_string (CsmTransactionType type)
{
  switch (type)
    {
    case CSM_TRANSACTION_CREATE:          return "create";
    case CSM_TRANSACTION_CORRESPOND:      return "correspond";
    case CSM_TRANSACTION_COMMENT:         return "comment";
    case CSM_TRANSACTION_STATUS:          return "status";
    case CSM_TRANSACTION_SET_OWNER:       return "set-owner";
    case CSM_TRANSACTION_SET_QUEUE:       return "set-queue";
    case CSM_TRANSACTION_SET_TIME_WORKED: return "set-time-worked";
    case CSM_TRANSACTION_OTHER:
    default:                              return "other";
    }
}

/**
 * csm_transaction_type_from_string:
 * @rt_type: RT's transaction Type ("Correspond", "Set", …) or a name from
 *   csm_transaction_type_to_string()
 * @rt_field: (nullable): RT's Field, which tells Set transactions apart
 */
CsmTransactionType
csm_transaction_type_from_string (const char *rt_type,
                                  const char *rt_field)
{
  if (rt_type == NULL)
    return CSM_TRANSACTION_OTHER;

  if (g_ascii_strcasecmp (rt_type, "Create") == 0)
    return CSM_TRANSACTION_CREATE;
  if (g_ascii_strcasecmp (rt_type, "Correspond") == 0)
    return CSM_TRANSACTION_CORRESPOND;
  if (g_ascii_strcasecmp (rt_type, "Comment") == 0)
    return CSM_TRANSACTION_COMMENT;
  if (g_ascii_strcasecmp (rt_type, "Status") == 0)
    return CSM_TRANSACTION_STATUS;
  if (g_ascii_strcasecmp (rt_type, "set-owner") == 0)
    return CSM_TRANSACTION_SET_OWNER;
  if (g_ascii_strcasecmp (rt_type, "set-queue") == 0)
    return CSM_TRANSACTION_SET_QUEUE;
  if (g_ascii_strcasecmp (rt_type, "set-time-worked") == 0)
    return CSM_TRANSACTION_SET_TIME_WORKED;

  /* RT records owner changes as Set/Owner, or as Give/Take/Steal/Untake on
   * older paths; queue moves as Set/Queue. */
  if (g_ascii_strcasecmp (rt_type, "Set") == 0 && rt_field != NULL)
    {
      if (g_ascii_strcasecmp (rt_field, "Owner") == 0)
        return CSM_TRANSACTION_SET_OWNER;
      if (g_ascii_strcasecmp (rt_field, "Queue") == 0)
        return CSM_TRANSACTION_SET_QUEUE;
      if (g_ascii_strcasecmp (rt_field, "TimeWorked") == 0)
        return CSM_TRANSACTION_SET_TIME_WORKED;
      if (g_ascii_strcasecmp (rt_field, "Status") == 0)
        return CSM_TRANSACTION_STATUS;
    }
  if (g_ascii_strcasecmp (rt_type, "Give") == 0 ||
      g_ascii_strcasecmp (rt_type, "Take") == 0 ||
      g_ascii_strcasecmp (rt_type, "Steal") == 0 ||
      g_ascii_strcasecmp (rt_type, "Untake") == 0)
    return CSM_TRANSACTION_SET_OWNER;

  return CSM_TRANSACTION_OTHER;
}

/* Sorts by creation time, then id: RT's clock has one-second resolution, so
 * many transactions share a second and the id gives their real order. */
int
csm_transaction_compare_by_time (gconstpointer a,
                                 gconstpointer b)
{
  const CsmTransaction *ta = *(CsmTransaction * const *) a;
  const CsmTransaction *tb = *(CsmTransaction * const *) b;

  if (ta->created != tb->created)
    return ta->created < tb->created ? -1 : 1;
  if (ta->id != tb->id)
    return ta->id < tb->id ? -1 : 1;
  return 0;
}
