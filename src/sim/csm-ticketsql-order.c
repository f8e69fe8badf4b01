/* csm-ticketsql-order.c: sorting search results as RT's SQL does, and only as far as a page needs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-ticketsql"

#include "config.h"

#include <string.h>
#include <stdlib.h>

#include "csm-ticketsql-private.h"

void
csm_ticketsql_order_free (CsmTicketSqlOrder *order)
{
  if (order == NULL)
    return;
  g_clear_object (&order->world);
  g_clear_pointer (&order->keys, g_array_unref);
  g_free (order);
}

/* Columns SQLite sorts by as they are; it matches their names
 * case-insensitively. */
typedef struct
{
  const char *name;
  KeyKind kind;
  FieldId field;
} SortColumn;

static const SortColumn ticket_columns[] = {
  { "id", K_ID, F_ID }, { "EffectiveId", K_INT_FIELD, F_EFFECTIVE_ID },
  { "Queue", K_INT_FIELD, F_QUEUE }, { "Owner", K_INT_FIELD, F_OWNER },
  { "Creator", K_INT_FIELD, F_CREATOR }, { "LastUpdatedBy", K_INT_FIELD, F_LAST_UPDATED_BY },
  { "Priority", K_INT_FIELD, F_PRIORITY }, { "InitialPriority", K_INT_FIELD, F_INITIAL_PRIORITY },
  { "FinalPriority", K_INT_FIELD, F_FINAL_PRIORITY },
  { "TimeWorked", K_INT_FIELD, F_TIME_WORKED },
  { "TimeLeft", K_INT_FIELD, F_TIME_LEFT }, { "TimeEstimated", K_INT_FIELD, F_TIME_ESTIMATED },
  { "Subject", K_STR_FIELD, F_SUBJECT }, { "Status", K_STR_FIELD, F_STATUS },
  { "SLA", K_STR_FIELD, F_SLA }, { "Type", K_STR_FIELD, F_TYPE },
  { "Created", K_DATE_FIELD, F_CREATED }, { "LastUpdated", K_DATE_FIELD, F_LAST_UPDATED },
  { "Starts", K_DATE_FIELD, F_STARTS }, { "Started", K_DATE_FIELD, F_STARTED },
  { "Due", K_DATE_FIELD, F_DUE }, { "Resolved", K_DATE_FIELD, F_RESOLVED },
  { "Told", K_DATE_FIELD, F_TOLD }, { "IsMerged", K_ID, F_ID },
};

static const SortColumn txn_columns[] = {
  { "id", K_TX_ID, FX_ID }, { "ObjectId", K_TX_INT, FX_OBJECT_ID },
  { "Creator", K_TX_INT, FX_CREATOR }, { "TimeTaken", K_TX_INT, FX_TIME_TAKEN },
  { "ObjectType", K_TX_STR, FX_OBJECT_TYPE }, { "Type", K_TX_STR, FX_TYPE },
  { "Field", K_TX_STR, FX_FIELD }, { "OldValue", K_TX_STR, FX_OLD_VALUE },
  { "NewValue", K_TX_STR, FX_NEW_VALUE }, { "Data", K_TX_STR, FX_DATA },
  { "ReferenceType", K_TX_STR, FX_REFERENCE_TYPE },
  { "OldReference", K_TX_STR, FX_OLD_REFERENCE }, { "NewReference", K_TX_STR, FX_NEW_REFERENCE },
  { "Created", K_TX_CREATED, FX_CREATED },
};

static gboolean
plain_column (const SortColumn *columns,
              guint             n_columns,
              const char       *name,
              SortKey          *key)
{
  for (guint i = 0; i < n_columns; i++)
    if (g_ascii_strcasecmp (columns[i].name, name) == 0)
      {
        key->kind = columns[i].kind;
        key->field = columns[i].field;
        return TRUE;
      }
  return FALSE;
}

static gboolean
ticket_sort_key (CsmSimWorld *world,
                 const char  *name,
                 SortKey     *key)
{
  memset (key, 0, sizeof *key);

  /* RT::Tickets::OrderByCols only special-cases the exact names: Queue
   * sorts by queue name, the user columns by user name. Other spellings
   * reach SQLite as plain (case-insensitive) column names. */
  if (strcmp (name, "Queue") == 0)
    {
      key->kind = K_QUEUE_NAME;
      return TRUE;
    }
  if (strcmp (name, "Owner") == 0 || strcmp (name, "Creator") == 0 ||
      strcmp (name, "LastUpdatedBy") == 0)
    {
      key->kind = K_USER_NAME;
      key->field = strcmp (name, "Owner") == 0 ? F_OWNER
                   : strcmp (name, "Creator") == 0 ? F_CREATOR : F_LAST_UPDATED_BY;
      return TRUE;
    }
  if (g_ascii_strncasecmp (name, "CF.", 3) == 0 || g_str_has_prefix (name, "CustomField."))
    {
      const char *sub = strchr (name, '.') + 1;
      g_autofree char *cf_name = NULL;
      const CsmSimCustomField *cf;

      if (*sub == '{' && g_str_has_suffix (sub, "}"))
        cf_name = g_strndup (sub + 1, strlen (sub) - 2);
      else
        cf_name = g_strdup (sub);
      cf = csm_sim_world_lookup_custom_field_by_ref (world, cf_name);
      key->kind = K_CF;
      key->cf_id = cf ? cf->id : 0;
      return TRUE;
    }

  return plain_column (ticket_columns, G_N_ELEMENTS (ticket_columns), name, key);
}

static gboolean
txn_sort_key (const char *name,
              SortKey    *key)
{
  memset (key, 0, sizeof *key);
  return plain_column (txn_columns, G_N_ELEMENTS (txn_columns), name, key);
}

CsmTicketSqlOrder *
csm_ticketsql_order_new (CsmSimWorld       *world,
                         CsmTicketSqlKind   kind,
                         const char *const *orderby,
                         const char *const *order)
{
  CsmTicketSqlOrder *self;
  guint n_order = order ? g_strv_length ((char **) order) : 0;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (world), NULL);

  self = g_new0 (CsmTicketSqlOrder, 1);
  self->world = g_object_ref (world);
  self->kind = kind;
  self->valid = TRUE;
  self->keys = g_array_new (FALSE, FALSE, sizeof (SortKey));

  for (guint i = 0; orderby != NULL && orderby[i] != NULL; i++)
    {
      SortKey key;
      gboolean known = kind == CSM_TICKETSQL_TICKETS ? ticket_sort_key (world, orderby[i], &key)
                                                     : txn_sort_key (orderby[i], &key);

      if (!known)
        {
          self->valid = FALSE;
          continue;
        }
      /* Each orderby takes the next order; missing or not DESC is ASC. */
      key.desc = i < n_order && g_ascii_strcasecmp (order[i], "DESC") == 0;
      g_array_append_val (self->keys, key);
      self->explicit_order = TRUE;
    }

  if (!self->explicit_order && kind == CSM_TICKETSQL_TRANSACTIONS)
    {
      SortKey created = { K_TX_CREATED, FX_CREATED, 0, FALSE };

      g_array_append_val (self->keys, created);
    }

  return self;
}

gboolean
csm_ticketsql_order_is_valid (CsmTicketSqlOrder *order)
{
  g_return_val_if_fail (order != NULL, FALSE);

  return order->valid;
}

static int
cmp_int64 (gint64 a,
           gint64 b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

/* NULLs first, as SQLite sorts them. */
static int
cmp_text (const char *a,
          const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return g_ascii_strcasecmp (a, b);
}

/* What a numeric key sorts @record by: a ticket's or a transaction's, as
 * the kind of key tells. A NULL date (Told) sorts before every date. */
static gint64
numeric_value (const SortKey *key,
               gconstpointer  record)
{
  const CsmSimTicket *t = record;
  const CsmSimTransaction *x = record;
  gint64 value;

  switch (key->kind)
    {
    case K_ID:
      return t->id;
    case K_INT_FIELD:
      return csm_ticketsql_ticket_int (t, key->field);
    case K_DATE_FIELD:
      return csm_ticketsql_ticket_date (t, key->field, &value) ? value : G_MININT64 + 1;
    case K_PLANNER_OWNER:
      return t->owner;
    case K_TX_ID:
      return x->id;
    case K_TX_INT:
      return csm_ticketsql_txn_int (x, key->field);
    case K_TX_CREATED:
      return x->created;
    default:
      return 0;
    }
}

/* One sort key of two tickets, or of two transactions. */
static int
compare_key (const SortContext *ctx,
             const SortKey     *key,
             gconstpointer      a,
             gconstpointer      b)
{
  const CsmSimTicket *x = a;
  const CsmSimTicket *y = b;

  switch (key->kind)
    {
    case K_STR_FIELD:
      return cmp_text (csm_ticketsql_ticket_string (x, key->field),
                       csm_ticketsql_ticket_string (y, key->field));
    case K_QUEUE_NAME:
      {
        const CsmSimQueue *qx = csm_sim_world_lookup_queue (ctx->world, x->queue);
        const CsmSimQueue *qy = csm_sim_world_lookup_queue (ctx->world, y->queue);

        return cmp_text (qx ? qx->name : NULL, qy ? qy->name : NULL);
      }
    case K_USER_NAME:
      {
        CsmSimWorld *world = ctx->world;
        const CsmSimUser *ux = csm_sim_world_lookup_user (world,
                                                          csm_ticketsql_ticket_int (x, key->field));
        const CsmSimUser *uy = csm_sim_world_lookup_user (world,
                                                          csm_ticketsql_ticket_int (y, key->field));

        return cmp_text (ux ? ux->name : NULL, uy ? uy->name : NULL);
      }
    case K_CF:
      return cmp_text (csm_sim_ticket_get_cf_value (x, key->cf_id),
                       csm_sim_ticket_get_cf_value (y, key->cf_id));
    case K_PLANNER_QUEUE:
      if (x->queue != y->queue)
        return cmp_int64 (x->queue, y->queue);
      return strcmp (x->status, y->status);
    case K_TX_STR:
      {
        char ba[16], bb[16];

        return cmp_text (csm_ticketsql_txn_string (a, key->field, ba, sizeof ba),
                         csm_ticketsql_txn_string (b, key->field, bb, sizeof bb));
      }
    default:
      return cmp_int64 (numeric_value (key, a), numeric_value (key, b));
    }
}

/* The keys in turn, then the tie-break key (id ascending), as SQLite's
 * ORDER BY with RT's id tie-break. */
static int
compare_records (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const SortContext *ctx = data;
  gconstpointer x = *(gconstpointer const *) a;
  gconstpointer y = *(gconstpointer const *) b;

  for (guint i = 0; i < ctx->keys->len; i++)
    {
      const SortKey *key = &g_array_index (ctx->keys, SortKey, i);
      int r = compare_key (ctx, key, x, y);

      if (r != 0)
        return key->desc ? -r : r;
    }
  return compare_key (ctx, ctx->tie, x, y);
}

/* The smallest @k elements of @items (in order), without sorting them all. */
static void
partial_sort (GPtrArray        *items,
              guint             k,
              GCompareDataFunc  compare,
              gpointer          data)
{
  gpointer *heap;
  guint n = 0;

  if (k == 0)
    {
      g_ptr_array_set_size (items, 0);
      return;
    }
  if (k >= items->len)
    {
      g_ptr_array_sort_with_data (items, compare, data);
      return;
    }

  /* A max-heap of the k best so far. */
  heap = g_new (gpointer, k);
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = items->pdata[i];
      guint pos;

      if (n < k)
        {
          pos = n++;
          heap[pos] = item;
          while (pos > 0 && compare (&heap[(pos - 1) / 2], &heap[pos], data) < 0)
            {
              gpointer tmp = heap[pos];

              heap[pos] = heap[(pos - 1) / 2];
              heap[(pos - 1) / 2] = tmp;
              pos = (pos - 1) / 2;
            }
          continue;
        }
      if (compare (&item, &heap[0], data) >= 0)
        continue;

      heap[0] = item;
      pos = 0;
      for (;;)
        {
          guint l = 2 * pos + 1, r = l + 1, top = pos;
          gpointer tmp;

          if (l < n && compare (&heap[l], &heap[top], data) > 0)
            top = l;
          if (r < n && compare (&heap[r], &heap[top], data) > 0)
            top = r;
          if (top == pos)
            break;
          tmp = heap[pos];
          heap[pos] = heap[top];
          heap[top] = tmp;
          pos = top;
        }
    }

  g_ptr_array_set_size (items, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, heap[i]);
  g_free (heap);
  g_ptr_array_sort_with_data (items, compare, data);
}

/* The common sorts (one numeric column, ties by id) run on precomputed
 * integer keys: no per-comparison dispatch, which matters when a page of
 * the newest tickets is picked out of 100,000. */
typedef struct
{
  gint64 key;
  gint64 id;
  gpointer item;
} Keyed;

static inline int
keyed_compare (const Keyed *a,
               const Keyed *b)
{
  if (a->key != b->key)
    return a->key < b->key ? -1 : 1;
  return a->id < b->id ? -1 : a->id > b->id;
}

static int
keyed_compare_func (const void *a,
                    const void *b)
{
  return keyed_compare (a, b);
}

static gboolean
numeric_sort_key (const SortContext *ctx,
                  gboolean           tickets,
                  SortKey           *out)
{
  const SortKey *key;

  if (ctx->keys->len != 1)
    return FALSE;
  key = &g_array_index (ctx->keys, SortKey, 0);
  if (tickets ? !(key->kind == K_ID || key->kind == K_INT_FIELD || key->kind == K_DATE_FIELD)
              : !(key->kind == K_TX_ID || key->kind == K_TX_INT || key->kind == K_TX_CREATED))
    return FALSE;
  *out = *key;
  return TRUE;
}

static void
keyed_sort (GPtrArray     *matches,
            gboolean       tickets,
            const SortKey *key,
            guint          k)
{
  guint n = matches->len;
  Keyed *keyed = g_new (Keyed, n);
  guint kept;

  for (guint i = 0; i < n; i++)
    {
      gint64 value = numeric_value (key, matches->pdata[i]);

      keyed[i].id = tickets ? ((const CsmSimTicket *) matches->pdata[i])->id
                            : ((const CsmSimTransaction *) matches->pdata[i])->id;
      keyed[i].key = key->desc ? -value : value;
      keyed[i].item = matches->pdata[i];
    }

  if (k >= n)
    {
      qsort (keyed, n, sizeof (Keyed), keyed_compare_func);
      kept = n;
    }
  else
    {
      /* Quickselect the k smallest to the front, then sort just those. */
      guint lo = 0, hi = n - 1;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2, i = lo, j = hi;
          Keyed pivot, tmp;

          /* median of three */
          if (keyed_compare (&keyed[mid], &keyed[lo]) < 0)
            tmp = keyed[mid], keyed[mid] = keyed[lo], keyed[lo] = tmp;
          if (keyed_compare (&keyed[hi], &keyed[lo]) < 0)
            tmp = keyed[hi], keyed[hi] = keyed[lo], keyed[lo] = tmp;
          if (keyed_compare (&keyed[hi], &keyed[mid]) < 0)
            tmp = keyed[hi], keyed[hi] = keyed[mid], keyed[mid] = tmp;
          pivot = keyed[mid];

          for (;;)
            {
              while (keyed_compare (&keyed[i], &pivot) < 0)
                i++;
              while (keyed_compare (&keyed[j], &pivot) > 0)
                j--;
              if (i >= j)
                break;
              tmp = keyed[i], keyed[i] = keyed[j], keyed[j] = tmp;
              i++;
              j--;
            }
          /* keyed[lo..j] <= pivot <= keyed[j+1..hi] */
          if (k - 1 <= j)
            hi = j;
          else
            lo = j + 1;
        }
      qsort (keyed, k, sizeof (Keyed), keyed_compare_func);
      kept = k;
    }

  g_ptr_array_set_size (matches, kept);
  for (guint i = 0; i < kept; i++)
    matches->pdata[i] = keyed[i].item;
  g_free (keyed);
}

/* Sorts the first @k of @matches into place (all of them when @k is their
 * number), the cheapest way the keys allow. */
void
csm_ticketsql_sort (GPtrArray   *matches,
                    gboolean     tickets,
                    SortContext *ctx,
                    guint        k)
{
  static const SortKey ticket_id = { K_ID, F_ID, 0, FALSE };
  static const SortKey txn_id = { K_TX_ID, FX_ID, 0, FALSE };
  SortKey key;

  ctx->tie = tickets ? &ticket_id : &txn_id;
  if (numeric_sort_key (ctx, tickets, &key))
    keyed_sort (matches, tickets, &key, k);
  else if (k >= matches->len)
    g_ptr_array_sort_with_data (matches, compare_records, ctx);
  else
    partial_sort (matches, k, compare_records, ctx);
}
