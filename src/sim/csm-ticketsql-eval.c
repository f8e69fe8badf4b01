/* csm-ticketsql-eval.c: compiled conditions against tickets and transactions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-ticketsql"

#include "config.h"

#include <string.h>

#include "csm-ticketsql-private.h"

/* SQL LIKE, case-insensitive for ASCII (SQLite's default), % and _. */
gboolean
csm_ticketsql_like_match (const char *text,
                          const char *pattern)
{
  const char *star_p = NULL, *star_t = NULL;

  while (*text != '\0')
    {
      if (*pattern == '%')
        {
          star_p = ++pattern;
          star_t = text;
        }
      else if (*pattern != '\0' &&
               (*pattern == '_' || g_ascii_tolower (*pattern) == g_ascii_tolower (*text)))
        {
          if (*pattern == '_' && (guchar) *text >= 0x80)
            {
              /* _ is one character, not one byte. */
              text = g_utf8_next_char (text);
              pattern++;
              continue;
            }
          pattern++;
          text++;
        }
      else if (star_p != NULL)
        {
          pattern = star_p;
          text = ++star_t;
        }
      else
        return FALSE;
    }
  while (*pattern == '%')
    pattern++;
  return *pattern == '\0';
}

static gboolean
compare_order (int cmp,
               Op  op)
{
  switch (op)
    {
    case OP_EQ:
      return cmp == 0;
    case OP_NE:
      return cmp != 0;
    case OP_LT:
      return cmp < 0;
    case OP_GT:
      return cmp > 0;
    case OP_LE:
      return cmp <= 0;
    case OP_GE:
      return cmp >= 0;
    case OP_LIKE:
    case OP_NOT_LIKE:
    case OP_IS:
    case OP_IS_NOT:
    default:
      return FALSE;
    }
}

static gboolean
eval_int (const Cond *cond,
          gint64      value)
{
  if (cond->op == OP_LIKE || cond->op == OP_NOT_LIKE)
    {
      char text[24];
      gboolean m;

      g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
      m = csm_ticketsql_like_match (text, cond->text);
      return cond->op == OP_LIKE ? m : !m;
    }
  if (cond->text_value)
    /* SQLite: any INTEGER sorts below any TEXT. */
    return compare_order (-1, cond->op);
  return compare_order ((double) value < cond->number ? -1 : (double) value > cond->number ? 1 : 0,
                        cond->op);
}

static gboolean
eval_string (const Cond *cond,
             const char *value)
{
  if (cond->status_known && value != NULL)
    return (value == cond->status) == (cond->op == OP_EQ);
  if (cond->op == OP_IS)
    return value == NULL;
  if (cond->op == OP_IS_NOT)
    return value != NULL;
  if (value == NULL || cond->null_literal)
    return FALSE;
  if (cond->op == OP_LIKE)
    return csm_ticketsql_like_match (value, cond->text);
  if (cond->op == OP_NOT_LIKE)
    return !csm_ticketsql_like_match (value, cond->text);
  return compare_order (cond->case_sensitive ? strcmp (value, cond->text)
                                             : g_ascii_strcasecmp (value, cond->text),
                        cond->op);
}

/* RT's NotSetDateToNullFunction: anything within 12 hours of the epoch. */
static gboolean
date_is_null (gint64   value,
              gboolean present)
{
  return !present || (value >= -43201 && value <= 43201);
}

static gboolean
eval_date (const Cond *cond,
           gint64      value,
           gboolean    present)
{
  switch (cond->date_mode)
    {
    case D_NULL:
      return cond->op == OP_IS ? date_is_null (value, present) : !date_is_null (value, present);
    case D_DAY:
      return present && value >= cond->t0 && value < cond->t1;
    case D_EPOCH:
      if (date_is_null (value, present))
        return FALSE;
      return compare_order (value < cond->t0 ? -1 : value > cond->t0 ? 1 : 0, cond->op);
    case D_TEXT:
    case D_RAW_TEXT:
      {
        g_autofree char *sql = NULL;

        if (cond->date_mode == D_TEXT ? date_is_null (value, present) : !present)
          return FALSE;
        sql = csm_sim_format_sql (value);
        if (cond->op == OP_LIKE)
          return csm_ticketsql_like_match (sql, cond->text);
        if (cond->op == OP_NOT_LIKE)
          return !csm_ticketsql_like_match (sql, cond->text);
        return compare_order (strcmp (sql, cond->text), cond->op);
      }
    default:
      return FALSE;
    }
}

static gboolean
user_attr_matches (CsmSimWorld *world,
                   const Cond  *cond,
                   gint64       user_id)
{
  const CsmSimUser *user;
  const char *text = "";

  if (cond->attr == A_ID)
    return eval_int (cond, user_id);

  user = csm_sim_world_lookup_user (world, user_id);
  if (user != NULL)
    {
      switch (cond->attr)
        {
        case A_EMAIL:
          text = user->email;
          break;
        case A_NAME:
          text = user->name;
          break;
        case A_REALNAME:
          text = user->real_name;
          break;
        case A_ID:
        case A_EMPTY:
        default:
          text = "";
          break;
        }
    }
  if (cond->op == OP_LIKE)
    return csm_ticketsql_like_match (text, cond->text);
  return compare_order (g_ascii_strcasecmp (text, cond->text), cond->op);
}

static gboolean
eval_watcher (CsmSimWorld        *world,
              const Cond         *cond,
              const CsmSimTicket *t)
{
  GArray *lists[3] = { NULL, NULL, NULL };
  gboolean any_member = FALSE, any_match = FALSE;

  if (cond->roles & ROLE_REQUESTOR)
    lists[0] = t->requestors;
  if (cond->roles & ROLE_CC)
    lists[1] = t->cc;
  if (cond->roles & ROLE_ADMINCC)
    lists[2] = t->admincc;

  for (guint l = 0; l < 3 && !any_match; l++)
    {
      if (lists[l] == NULL)
        continue;
      for (guint i = 0; i < lists[l]->len && !any_match; i++)
        {
          any_member = TRUE;
          if (cond->op != OP_IS && cond->op != OP_IS_NOT &&
              user_attr_matches (world, cond, g_array_index (lists[l], gint64, i)))
            any_match = TRUE;
        }
    }
  if ((cond->roles & ROLE_OWNER) && !any_match)
    {
      any_member = TRUE;
      if (cond->op != OP_IS && cond->op != OP_IS_NOT && user_attr_matches (world, cond, t->owner))
        any_match = TRUE;
    }

  if (cond->op == OP_IS)
    return !any_member;
  if (cond->op == OP_IS_NOT)
    return any_member;
  return cond->negative ? !any_match : any_match;
}

static gboolean
eval_cf (const Cond         *cond,
         const CsmSimTicket *t)
{
  gboolean any_value = FALSE, any_match = FALSE;

  if (cond->cf_id == 0)
    /* Unknown CF: the join on its name never matches. */
    return cond->negative && cond->op != OP_IS && cond->op != OP_IS_NOT;

  if (t->cf_values != NULL)
    for (guint i = 0; i < t->cf_values->len && !any_match; i++)
      {
        const CsmSimCfValue *v = &g_array_index (t->cf_values, CsmSimCfValue, i);

        if (v->cf_id != cond->cf_id)
          continue;
        any_value = TRUE;
        if (cond->cf_large || cond->op == OP_IS || cond->op == OP_IS_NOT)
          continue;
        if (cond->op == OP_LIKE)
          any_match = csm_ticketsql_like_match (v->value, cond->text);
        else
          any_match = compare_order (g_ascii_strcasecmp (v->value, cond->text), cond->op);
      }

  if (cond->op == OP_IS)
    return cond->cf_large || !any_value;
  if (cond->op == OP_IS_NOT)
    return !cond->cf_large && any_value;
  if (cond->negative)
    return !any_match || (!cond->cf_multi && !any_value);
  return any_match;
}

static gboolean
eval_ticket_cond (CsmTicketSql       *q,
                  const Cond         *cond,
                  const CsmSimTicket *t)
{
  switch (cond->kind)
    {
    case C_CONST:
      return cond->result;
    case C_INT:
      return eval_int (cond, csm_ticketsql_ticket_int (t, cond->field));
    case C_STR:
      return eval_string (cond, csm_ticketsql_ticket_string (t, cond->field));
    case C_DATE:
      {
        gint64 value;
        gboolean present = csm_ticketsql_ticket_date (t, cond->field, &value);

        return eval_date (cond, value, present);
      }
    case C_QUEUE_NAME:
      {
        const CsmSimQueue *queue = csm_sim_world_lookup_queue (q->world, t->queue);
        gboolean m = queue != NULL && csm_ticketsql_like_match (queue->name, cond->text);

        return cond->op == OP_NOT_LIKE ? !m : m;
      }
    case C_USER_ATTR:
      {
        gboolean m = user_attr_matches (q->world, cond, t->owner);

        return cond->negative ? !m : m;
      }
    case C_WATCHER:
      return eval_watcher (q->world, cond, t);
    case C_CF:
      return eval_cf (cond, t);
    default:
      return FALSE;
    }
}

gboolean
csm_ticketsql_eval_node (CsmTicketSql            *q,
                         const ENode             *node,
                         const CsmSimTicket      *ticket,
                         const CsmSimTransaction *txn)
{
  switch (node->kind)
    {
    case N_AND:
      for (guint i = 0; i < node->children->len; i++)
        if (!csm_ticketsql_eval_node (q, g_ptr_array_index (node->children, i), ticket, txn))
          return FALSE;
      return TRUE;
    case N_OR:
      for (guint i = 0; i < node->children->len; i++)
        if (csm_ticketsql_eval_node (q, g_ptr_array_index (node->children, i), ticket, txn))
          return TRUE;
      return node->children->len == 0;
    case N_LEAF:
    default:
      {
        const Cond *cond = node->cond;

        if (txn == NULL || cond->kind == C_CONST)
          return eval_ticket_cond (q, cond, ticket);

        if (cond->via_ticket)
          {
            const CsmSimTicket *t = csm_sim_world_lookup_ticket (q->world, txn->object_id);

            /* A LEFT JOIN without a ticket: every column is NULL. */
            if (t == NULL)
              return FALSE;
            return eval_ticket_cond (q, cond, t);
          }

        switch (cond->kind)
          {
          case C_INT:
            return eval_int (cond, csm_ticketsql_txn_int (txn, cond->field));
          case C_STR:
            {
              char buffer[16];

              return eval_string (cond, csm_ticketsql_txn_string (txn, cond->field, buffer,
                                                                  sizeof buffer));
            }
          case C_DATE:
            return eval_date (cond, txn->created, TRUE);
          case C_CONST:
          case C_QUEUE_NAME:
          case C_USER_ATTR:
          case C_WATCHER:
          case C_CF:
          default:
            return FALSE;
          }
      }
    }
}

gboolean
csm_ticketsql_match_ticket (CsmTicketSql       *query,
                            const CsmSimTicket *ticket)
{
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (query->kind == CSM_TICKETSQL_TICKETS, FALSE);
  g_return_val_if_fail (ticket != NULL, FALSE);

  if (query->empty)
    return FALSE;
  return csm_ticketsql_eval_node (query, query->root, ticket, NULL);
}

gboolean
csm_ticketsql_match_transaction (CsmTicketSql            *query,
                                 const CsmSimTransaction *txn)
{
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (query->kind == CSM_TICKETSQL_TRANSACTIONS, FALSE);
  g_return_val_if_fail (txn != NULL, FALSE);

  if (query->empty)
    return FALSE;
  return csm_ticketsql_eval_node (query, query->root, NULL, txn);
}
