/* csm-ticketsql.c: RT 5.0.3's TicketSQL and TransactionSQL over a CsmSimWorld.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-ticketsql"

#include "config.h"

#include <string.h>

#include "csm-sim-rights.h"
#include "csm-ticketsql-private.h"

G_DEFINE_QUARK (csm-ticketsql-error-quark, csm_ticketsql_error)

void
csm_ticketsql_free (CsmTicketSql *query)
{
  if (query == NULL)
    return;
  g_clear_pointer (&query->root, csm_ticketsql_enode_free);
  g_clear_object (&query->world);
  g_free (query);
}

CsmTicketSql *
csm_ticketsql_parse (CsmSimWorld       *world,
                     CsmTicketSqlKind   kind,
                     const char        *query,
                     gint64             current_user,
                     GError           **error)
{
  g_autoptr(CsmTicketSql) q = NULL;
  PNode *root;
  gboolean compiled;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (world), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  q = g_new0 (CsmTicketSql, 1);
  q->world = g_object_ref (world);
  q->kind = kind;
  q->now = csm_sim_world_get_now (world);

  /* FromSQL("") is "No Query": no limits, and an unlimited SearchBuilder
   * collection returns nothing. */
  if (query == NULL || *query == '\0')
    {
      q->empty = TRUE;
      q->root = csm_ticketsql_enode_new (N_AND);
      return g_steal_pointer (&q);
    }

  root = csm_ticketsql_parse_tree (kind, query, error);
  if (root == NULL)
    return NULL;
  compiled = csm_ticketsql_compile (q, query, current_user, root, error);
  csm_ticketsql_pnode_free (root);
  if (!compiled)
    return NULL;
  csm_ticketsql_plan (q);

  return g_steal_pointer (&q);
}

gboolean
csm_ticketsql_is_empty (CsmTicketSql *query)
{
  g_return_val_if_fail (query != NULL, TRUE);

  return query->empty;
}

/* What RT::Transactions::AddRecord drops from a page it has already cut
 * (RT checks these rights per record, after LIMIT): in a ticket-only search
 * the ticket rights were checked in SQL, so only comments, e-mail records
 * and CF changes; otherwise everything the user may not see. */
static gboolean
hidden_after_paging (CsmSimWorld             *world,
                     const CsmSimUser        *user,
                     gboolean                 ticket_only,
                     const CsmSimTransaction *txn)
{
  if (csm_sim_rights_has (user, CSM_SIM_RIGHT_SHOW_TICKET_COMMENTS) &&
      csm_sim_rights_has (user, CSM_SIM_RIGHT_SEE_CUSTOM_FIELD))
    return FALSE;
  if (!ticket_only)
    return !csm_sim_rights_can_see_transaction (world, user->id, txn);
  return csm_sim_rights_is_restricted_transaction (txn);
}

static void
drop_hidden (CsmSimWorld *world,
             gint64       visible_to,
             gboolean     ticket_only,
             GPtrArray   *page)
{
  const CsmSimUser *user;
  guint kept = 0;

  if (visible_to == 0)
    return;
  user = csm_sim_world_lookup_user (world, visible_to);
  for (guint i = 0; i < page->len; i++)
    if (user != NULL && !hidden_after_paging (world, user, ticket_only, page->pdata[i]))
      page->pdata[kept++] = page->pdata[i];
  g_ptr_array_set_size (page, kept);
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

static GPtrArray *
finish_select (GPtrArray    *matches,
               gboolean      already_sorted,
               gboolean      tickets,
               SortContext  *ctx,
               gboolean      valid,
               guint         offset,
               guint         limit,
               guint        *total,
               GPtrArray   **all)
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
      guint k = (all != NULL || (guint64) offset + limit >= matches->len) ? matches->len
                                                                         : offset + limit;

      csm_ticketsql_sort (matches, tickets, ctx, k);
    }

  page = take_page (matches, offset, limit);
  if (all != NULL)
    *all = g_ptr_array_ref (matches);
  return page;
}

static gboolean
ticket_visible (CsmSimWorld             *world,
                gint64                   user,
                const CsmSimTransaction *txn)
{
  const CsmSimTicket *ticket = csm_sim_world_lookup_ticket (world, txn->object_id);

  return ticket != NULL && csm_sim_rights_can_see_ticket (world, user, ticket);
}

GPtrArray *
csm_ticketsql_select (CsmTicketSql       *query,
                      CsmTicketSqlOrder  *order,
                      gint64              visible_to,
                      guint               offset,
                      guint               limit,
                      guint              *total,
                      GPtrArray         **all)
{
  CsmSimWorld *world;
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autoptr(GArray) keys = NULL;
  SortContext ctx;
  gboolean restrict_customer = FALSE;
  gboolean restrict_txns = FALSE;
  gboolean sorted;

  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (order != NULL && order->kind == query->kind, NULL);

  world = query->world;
  if (visible_to != 0)
    {
      const CsmSimUser *user = csm_sim_world_lookup_user (world, visible_to);

      restrict_customer = user == NULL || !csm_sim_rights_has (user, CSM_SIM_RIGHT_SHOW_TICKET);
      /* Only the ticket rights are checked in SQL, and for transactions
       * only in a ticket-only search; the rest comes after paging
       * (drop_hidden). */
      restrict_txns = restrict_customer && query->ticket_only;
    }

  ctx.world = world;

  if (query->kind == CSM_TICKETSQL_TICKETS)
    {
      GPtrArray *tickets = csm_sim_world_get_tickets (world);

      guint begin = 0, end = tickets->len;

      if (query->min_id > 0 || query->max_id < G_MAXINT64)
        {
          guint lo = 0, hi = tickets->len;

          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;

              if (((const CsmSimTicket *) tickets->pdata[mid])->id < query->min_id)
                lo = mid + 1;
              else
                hi = mid;
            }
          begin = lo;
          hi = tickets->len;
          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;

              if (((const CsmSimTicket *) tickets->pdata[mid])->id <= query->max_id)
                lo = mid + 1;
              else
                hi = mid;
            }
          end = lo;
        }

      if (!query->empty)
        for (guint i = begin; i < end; i++)
          {
            const CsmSimTicket *t = g_ptr_array_index (tickets, i);

            if (t->status[0] == 'd' && strcmp (t->status, "deleted") == 0)
              continue;
            if (restrict_customer && !csm_sim_rights_can_see_ticket (world, visible_to, t))
              continue;
            if (csm_ticketsql_eval_node (query, query->root, t, NULL))
              g_ptr_array_add (matches, (gpointer) t);
          }

      keys = g_array_ref (order->keys);
      sorted = FALSE;
      /* Collected in id order: orderby=id needs no sort, DESC a reversal. */
      if (order->explicit_order && keys->len == 1 &&
          g_array_index (keys, SortKey, 0).kind == K_ID)
        {
          if (g_array_index (keys, SortKey, 0).desc)
            for (guint i = 0, j = matches->len; i + 1 < j; i++, j--)
              {
                gpointer tmp = matches->pdata[i];

                matches->pdata[i] = matches->pdata[j - 1];
                matches->pdata[j - 1] = tmp;
              }
          sorted = TRUE;
        }
      if (!order->explicit_order)
        {
          g_clear_pointer (&keys, g_array_unref);
          keys = g_array_new (FALSE, FALSE, sizeof (SortKey));
          if (query->planner == 1)
            g_array_append_val (keys, ((SortKey) { K_PLANNER_OWNER, F_OWNER, 0, FALSE }));
          else if (query->planner == 2)
            g_array_append_val (keys, ((SortKey) { K_PLANNER_QUEUE, F_QUEUE, 0, FALSE }));
          else
            sorted = TRUE;     /* id order, as collected */
        }
      ctx.keys = keys;
      return finish_select (matches, sorted, TRUE, &ctx, order->valid, offset, limit, total,
                            all);
    }
  else
    {
      guint n = csm_sim_world_get_n_transactions (world);
      guint begin = 0, end = n;
      gboolean time_ordered = csm_sim_world_transactions_time_ordered (world);

      if (!query->empty && query->object_id != 0)
        {
          const CsmSimTicket *t = query->object_id > 0
                                  ? csm_sim_world_lookup_ticket (world, query->object_id) : NULL;

          if (t != NULL)
            for (guint i = 0; i < t->txns->len; i++)
              {
                const CsmSimTransaction *x = csm_sim_world_get_transaction_at (
                  world, g_array_index (t->txns, guint, i));

                if (restrict_txns && !csm_sim_rights_can_see_ticket (world, visible_to, t))
                  continue;
                if (csm_ticketsql_eval_node (query, query->root, NULL, x))
                  g_ptr_array_add (matches, (gpointer) x);
              }
        }
      else if (!query->empty)
        {
          if (query->min_id > 0)
            begin = csm_sim_world_find_transaction_index (world, query->min_id);
          if (query->max_id < G_MAXINT64)
            end = csm_sim_world_find_transaction_index (world, query->max_id + 1);
          if (query->min_created > 0 && time_ordered)
            {
              guint first = csm_sim_world_find_transaction_index_by_time (world,
                                                                          query->min_created);

              begin = MAX (begin, first);
            }
          for (guint i = begin; i < end; i++)
            {
              const CsmSimTransaction *x = csm_sim_world_get_transaction_at (world, i);

              if (restrict_txns && !ticket_visible (world, visible_to, x))
                continue;
              if (csm_ticketsql_eval_node (query, query->root, NULL, x))
                g_ptr_array_add (matches, (gpointer) x);
            }
        }

      ctx.keys = order->keys;
      /* Collected in id order; that is (Created, id) order when time only
       * moves forward, which is the default. */
      sorted = !order->explicit_order && time_ordered;
      if (order->explicit_order && order->keys->len > 0 &&
          g_array_index (order->keys, SortKey, 0).kind == K_TX_ID &&
          !g_array_index (order->keys, SortKey, 0).desc)
        sorted = TRUE;
      {
        GPtrArray *page = finish_select (matches, sorted, FALSE, &ctx, order->valid, offset,
                                         limit, total, all);

        /* RT pages transactions in SQL and checks the remaining rights
         * per record (RT::Transactions::AddRecord): a restricted user's
         * page holds fewer items than asked for, not later ones. *total
         * and @all are what SQL found. */
        drop_hidden (world, visible_to, query->ticket_only, page);
        return page;
      }
    }
}

GPtrArray *
csm_ticketsql_select_history (CsmSimWorld        *world,
                              const CsmSimTicket *ticket,
                              CsmTicketSqlOrder  *order,
                              gint64              visible_to,
                              guint               offset,
                              guint               limit,
                              guint              *total)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  const CsmSimUser *user = visible_to != 0 ? csm_sim_world_lookup_user (world, visible_to) : NULL;
  gboolean comments = user == NULL || csm_sim_rights_has (user, CSM_SIM_RIGHT_SHOW_TICKET_COMMENTS);
  SortContext ctx;
  gboolean sorted;
  GPtrArray *page;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (world), NULL);
  g_return_val_if_fail (order != NULL && order->kind == CSM_TICKETSQL_TRANSACTIONS, NULL);

  /* RT::Ticket::Transactions leaves comments out in SQL for a user without
   * ShowTicketComments; the other per-record checks come after paging. */
  if (ticket != NULL)
    for (guint i = 0; i < ticket->txns->len; i++)
      {
        const CsmSimTransaction *x = csm_sim_world_get_transaction_at (
          world, g_array_index (ticket->txns, guint, i));

        if (!comments && (g_strcmp0 (x->type, "Comment") == 0 ||
                          g_strcmp0 (x->type, "CommentEmailRecord") == 0))
          continue;
        g_ptr_array_add (matches, (gpointer) x);
      }

  ctx.world = world;
  ctx.keys = order->keys;
  sorted = !order->explicit_order && csm_sim_world_transactions_time_ordered (world);
  page = finish_select (matches, sorted, FALSE, &ctx, order->valid, offset, limit, total,
                        NULL);
  drop_hidden (world, visible_to, FALSE, page);
  return page;
}
