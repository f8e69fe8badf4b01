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

static gboolean
ticket_sort_key (CsmSimWorld *world,
                 const char  *name,
                 SortKey     *key)
{
  static const struct { const char *name; KeyKind kind; FieldId field; } columns[] = {
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

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_ascii_strcasecmp (columns[i].name, name) == 0)
      {
        key->kind = columns[i].kind;
        key->field = columns[i].field;
        return TRUE;
      }
  return FALSE;
}

static gboolean
txn_sort_key (const char *name,
              SortKey    *key)
{
  static const struct { const char *name; KeyKind kind; FieldId field; } columns[] = {
    { "id", K_TX_ID, FX_ID }, { "ObjectId", K_TX_INT, FX_OBJECT_ID },
    { "Creator", K_TX_INT, FX_CREATOR }, { "TimeTaken", K_TX_INT, FX_TIME_TAKEN },
    { "ObjectType", K_TX_STR, FX_OBJECT_TYPE }, { "Type", K_TX_STR, FX_TYPE },
    { "Field", K_TX_STR, FX_FIELD }, { "OldValue", K_TX_STR, FX_OLD_VALUE },
    { "NewValue", K_TX_STR, FX_NEW_VALUE }, { "Data", K_TX_STR, FX_DATA },
    { "ReferenceType", K_TX_STR, FX_REFERENCE_TYPE },
    { "OldReference", K_TX_STR, FX_OLD_REFERENCE }, { "NewReference", K_TX_STR, FX_NEW_REFERENCE },
    { "Created", K_TX_CREATED, FX_CREATED },
  };

  memset (key, 0, sizeof *key);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_ascii_strcasecmp (columns[i].name, name) == 0)
      {
        key->kind = columns[i].kind;
        key->field = columns[i].field;
        return TRUE;
      }
  return FALSE;
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

static const char *
user_name (CsmSimWorld *world,
           gint64       id)
{
  const CsmSimUser *user = csm_sim_world_lookup_user (world, id);

  return user ? user->name : NULL;
}

int
csm_ticketsql_compare_tickets (gconstpointer a,
                               gconstpointer b,
                               gpointer      data)
{
  const CsmSimTicket *x = *(const CsmSimTicket *const *) a;
  const CsmSimTicket *y = *(const CsmSimTicket *const *) b;
  const SortContext *ctx = data;

  for (guint i = 0; i < ctx->keys->len; i++)
    {
      const SortKey *key = &g_array_index (ctx->keys, SortKey, i);
      int r = 0;

      switch (key->kind)
        {
        case K_ID:
          r = cmp_int64 (x->id, y->id);
          break;
        case K_INT_FIELD:
          r = cmp_int64 (csm_ticketsql_ticket_int (x, key->field),
                         csm_ticketsql_ticket_int (y, key->field));
          break;
        case K_STR_FIELD:
          r = cmp_text (csm_ticketsql_ticket_string (x, key->field),
                        csm_ticketsql_ticket_string (y, key->field));
          break;
        case K_DATE_FIELD:
          {
            gint64 u, v;
            gboolean pu = csm_ticketsql_ticket_date (x, key->field, &u);
            gboolean pv = csm_ticketsql_ticket_date (y, key->field, &v);

            r = pu != pv ? (pu ? 1 : -1) : cmp_int64 (u, v);
          }
          break;
        case K_QUEUE_NAME:
          {
            const CsmSimQueue *qx = csm_sim_world_lookup_queue (ctx->world, x->queue);
            const CsmSimQueue *qy = csm_sim_world_lookup_queue (ctx->world, y->queue);

            r = cmp_text (qx ? qx->name : NULL, qy ? qy->name : NULL);
          }
          break;
        case K_USER_NAME:
          r = cmp_text (user_name (ctx->world, csm_ticketsql_ticket_int (x, key->field)),
                        user_name (ctx->world, csm_ticketsql_ticket_int (y, key->field)));
          break;
        case K_CF:
          r = cmp_text (csm_sim_ticket_get_cf_value (x, key->cf_id),
                        csm_sim_ticket_get_cf_value (y, key->cf_id));
          break;
        case K_PLANNER_OWNER:
          r = cmp_int64 (x->owner, y->owner);
          break;
        case K_PLANNER_QUEUE:
          r = cmp_int64 (x->queue, y->queue);
          if (r == 0)
            r = strcmp (x->status, y->status);
          break;
        case K_TX_ID:
        case K_TX_INT:
        case K_TX_STR:
        case K_TX_CREATED:
        default:
          break;
        }
      if (r != 0)
        return key->desc ? -r : r;
    }
  return cmp_int64 (x->id, y->id);
}

int
csm_ticketsql_compare_txns (gconstpointer a,
                            gconstpointer b,
                            gpointer      data)
{
  const CsmSimTransaction *x = *(const CsmSimTransaction *const *) a;
  const CsmSimTransaction *y = *(const CsmSimTransaction *const *) b;
  const SortContext *ctx = data;

  for (guint i = 0; i < ctx->keys->len; i++)
    {
      const SortKey *key = &g_array_index (ctx->keys, SortKey, i);
      int r = 0;

      switch (key->kind)
        {
        case K_TX_ID:
          r = cmp_int64 (x->id, y->id);
          break;
        case K_TX_INT:
          r = cmp_int64 (csm_ticketsql_txn_int (x, key->field),
                         csm_ticketsql_txn_int (y, key->field));
          break;
        case K_TX_STR:
          {
            char bx[16], by[16];

            r = cmp_text (csm_ticketsql_txn_string (x, key->field, bx, sizeof bx),
                          csm_ticketsql_txn_string (y, key->field, by, sizeof by));
          }
          break;
        case K_TX_CREATED:
          r = cmp_int64 (x->created, y->created);
          break;
        case K_ID:
        case K_INT_FIELD:
        case K_STR_FIELD:
        case K_DATE_FIELD:
        case K_QUEUE_NAME:
        case K_USER_NAME:
        case K_CF:
        case K_PLANNER_OWNER:
        case K_PLANNER_QUEUE:
        default:
          break;
        }
      if (r != 0)
        return key->desc ? -r : r;
    }
  return cmp_int64 (x->id, y->id);
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

static GPtrArray *
take_page (GPtrArray *sorted,
           guint      offset,
           guint      limit)
{
  GPtrArray *page = g_ptr_array_new ();

  for (guint i = offset; i < sorted->len && i - offset < limit; i++)
    g_ptr_array_add (page, sorted->pdata[i]);
  return page;
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
  if (tickets && (key->kind == K_ID || key->kind == K_INT_FIELD || key->kind == K_DATE_FIELD))
    {
      *out = *key;
      return TRUE;
    }
  if (!tickets && (key->kind == K_TX_ID || key->kind == K_TX_INT || key->kind == K_TX_CREATED))
    {
      *out = *key;
      return TRUE;
    }
  return FALSE;
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
      gint64 value;

      if (tickets)
        {
          const CsmSimTicket *t = matches->pdata[i];

          if (key->kind == K_DATE_FIELD)
            {
              /* NULL (Told) sorts before every date. */
              if (!csm_ticketsql_ticket_date (t, key->field, &value))
                value = G_MININT64 + 1;
            }
          else if (key->kind == K_ID)
            value = t->id;
          else
            value = csm_ticketsql_ticket_int (t, key->field);
          keyed[i].id = t->id;
        }
      else
        {
          const CsmSimTransaction *x = matches->pdata[i];

          value = key->kind == K_TX_CREATED ? x->created : csm_ticketsql_txn_int (x, key->field);
          keyed[i].id = x->id;
        }
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

GPtrArray *
csm_ticketsql_finish_select (GPtrArray         *matches,
                             gboolean           already_sorted,
                             GCompareDataFunc   compare,
                             SortContext       *ctx,
                             gboolean           valid,
                             guint              offset,
                             guint              limit,
                             guint             *total,
                             GPtrArray        **all)
{
  GPtrArray *page;

  if (total != NULL)
    *total = matches->len;

  /* RT's SQL fails on an unknown sort column: the count stands, no rows. */
  if (!valid)
    {
      if (all != NULL)
        *all = g_ptr_array_new ();
      return g_ptr_array_new ();
    }

  if (!already_sorted)
    {
      SortKey key;
      guint k = (all != NULL || (guint64) offset + limit >= matches->len) ? matches->len
                                                                         : offset + limit;

      if (numeric_sort_key (ctx, compare == csm_ticketsql_compare_tickets, &key))
        keyed_sort (matches, compare == csm_ticketsql_compare_tickets, &key, k);
      else if (k >= matches->len)
        g_ptr_array_sort_with_data (matches, compare, ctx);
      else
        partial_sort (matches, k, compare, ctx);
    }

  page = take_page (matches, offset, limit);
  if (all != NULL)
    *all = g_ptr_array_ref (matches);
  return page;
}
