/* csm-ticketsql-planner.c: what RT's SQLite plan makes of a query: scan bounds, default order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-ticketsql"

#include "config.h"

#include "csm-ticketsql-private.h"

static void
collect_conjuncts (ENode     *node,
                   GPtrArray *out)
{
  if (node->kind == N_AND || (node->kind == N_OR && node->children->len == 1))
    {
      for (guint i = 0; i < node->children->len; i++)
        collect_conjuncts (g_ptr_array_index (node->children, i), out);
    }
  else
    g_ptr_array_add (out, node);
}

static gboolean
or_of_leaves (ENode    *node,
              gboolean  owner)
{
  if (node->kind != N_OR || node->children->len == 0)
    return FALSE;
  for (guint i = 0; i < node->children->len; i++)
    {
      ENode *child = g_ptr_array_index (node->children, i);

      if (child->kind != N_LEAF)
        return FALSE;
      if (owner ? !child->cond->owner_eq : !child->cond->queue_eq)
        return FALSE;
    }
  return TRUE;
}

/* A group of one is its child: one less level per ticket evaluated. */
static ENode *
collapse (ENode *node)
{
  if (node->kind == N_LEAF)
    return node;
  for (guint i = 0; i < node->children->len; i++)
    node->children->pdata[i] = collapse (node->children->pdata[i]);
  if (node->children->len == 1)
    {
      ENode *child = g_ptr_array_steal_index (node->children, 0);

      csm_ticketsql_enode_free (node);
      return child;
    }
  return node;
}

/* An id condition ANDed at the top narrows the ids a search scans. */
static void
bound_ids (CsmTicketSql *q,
           Op            op,
           gint64        n)
{
  if (op == OP_EQ || op == OP_GE)
    q->min_id = MAX (q->min_id, n);
  if (op == OP_GT)
    q->min_id = MAX (q->min_id, n + 1);
  if (op == OP_EQ || op == OP_LE)
    q->max_id = MIN (q->max_id, n);
  if (op == OP_LT)
    q->max_id = MIN (q->max_id, n - 1);
}

static void
analyse (CsmTicketSql *q)
{
  g_autoptr(GPtrArray) conjuncts = g_ptr_array_new ();
  gboolean owner = FALSE, queue = FALSE;

  q->min_id = 0;
  q->max_id = G_MAXINT64;
  collect_conjuncts (q->root, conjuncts);

  for (guint i = 0; i < conjuncts->len; i++)
    {
      ENode *node = g_ptr_array_index (conjuncts, i);
      Cond *cond = node->kind == N_LEAF ? node->cond : NULL;

      if (or_of_leaves (node, TRUE))
        owner = TRUE;
      if (or_of_leaves (node, FALSE))
        queue = TRUE;
      if (cond == NULL)
        continue;
      if (cond->owner_eq)
        owner = TRUE;
      if (cond->queue_range)
        queue = TRUE;

      if (cond->via_ticket)
        continue;
      if (cond->kind == C_STR && cond->rt_ticket)
        q->ticket_only = TRUE;
      if (q->kind == CSM_TICKETSQL_TICKETS)
        {
          /* Tickets are kept in id order: an id range bounds the scan. */
          if (cond->kind == C_INT && cond->field == F_ID && !cond->text_value &&
              cond->text == NULL && (double) (gint64) cond->number == cond->number)
            bound_ids (q, cond->op, (gint64) cond->number);
          continue;
        }
      if (cond->kind == C_INT && !cond->text_value && cond->text == NULL)
        {
          gint64 n = (gint64) cond->number;
          gboolean whole = (double) n == cond->number;

          if (cond->field == FX_OBJECT_ID && cond->op == OP_EQ)
            q->object_id = whole ? MAX (n, 0) : -1;
          if (cond->field == FX_ID && whole)
            bound_ids (q, cond->op, n);
        }
      if (cond->kind == C_DATE && cond->field == FX_CREATED && cond->date_mode == D_EPOCH &&
          (cond->op == OP_GT || cond->op == OP_GE))
        q->min_created = MAX (q->min_created, cond->t0);
    }

  q->planner = owner ? 1 : queue ? 2 : 0;
}

/* The plan: a smaller tree, and what RT's SQLite plan makes of it. */
void
csm_ticketsql_plan (CsmTicketSql *q)
{
  q->root = collapse (q->root);
  analyse (q);
}
