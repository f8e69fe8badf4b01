/* csm-agent-discovery.c: finds a helpdesk's agents among the people who work its tickets.
 *
 * For a helpdesk that will not list its agents (Debian's RT 5.0.3 since the
 * security update deb12u7 hides RT's Privileged group from REST2), the
 * candidates are the people the synced data shows at work: the owners of
 * tickets, and whoever wrote a transaction on a ticket they did not request.
 * A customer writing on their own ticket is never a candidate, so the
 * number of look-ups grows with the staff, not with the customers. Each
 * candidate is then looked up once (provider: is this user an agent?); the
 * answers are kept, and a full sync checks the known agents again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-agent-discovery.h"

#include "csm-agent.h"
#include "csm-ticket.h"
#include "csm-transaction.h"

struct _CsmAgentDiscovery
{
  GObject parent_instance;

  /* name → CsmAgent (an agent) or NOT_AGENT: what the helpdesk answered */
  GHashTable *verdicts;
  /* names to look up next */
  GHashTable *candidates;
  /* names taken to be looked up, until learnt or forgotten */
  GHashTable *asking;
  /* name → GArray of ticket ids: transactions on tickets not known yet */
  GHashTable *pending;
};

G_DEFINE_FINAL_TYPE (CsmAgentDiscovery, csm_agent_discovery, G_TYPE_OBJECT)

static char not_agent_mark;
#define NOT_AGENT ((gpointer) &not_agent_mark)

static void
verdict_free (gpointer data)
{
  if (data != NOT_AGENT)
    g_object_unref (data);
}

static void
csm_agent_discovery_finalize (GObject *object)
{
  CsmAgentDiscovery *self = CSM_AGENT_DISCOVERY (object);

  g_clear_pointer (&self->verdicts, g_hash_table_unref);
  g_clear_pointer (&self->candidates, g_hash_table_unref);
  g_clear_pointer (&self->asking, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);

  G_OBJECT_CLASS (csm_agent_discovery_parent_class)->finalize (object);
}

static void
csm_agent_discovery_class_init (CsmAgentDiscoveryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = csm_agent_discovery_finalize;
}

static void
csm_agent_discovery_init (CsmAgentDiscovery *self)
{
  self->verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, verdict_free);
  self->candidates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->asking = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_array_unref);
}

CsmAgentDiscovery *
csm_agent_discovery_new (void)
{
  return g_object_new (CSM_TYPE_AGENT_DISCOVERY, NULL);
}

/**
 * csm_agent_discovery_seed:
 * @agents: (element-type CsmAgent): agents known from before (the cache)
 *
 * Takes @agents as agents until the next full sync checks them again.
 */
void
csm_agent_discovery_seed (CsmAgentDiscovery *self,
                          GListModel        *agents)
{
  g_return_if_fail (CSM_IS_AGENT_DISCOVERY (self));
  g_return_if_fail (G_IS_LIST_MODEL (agents));

  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      CsmAgent *agent = g_list_model_get_item (agents, i);

      g_hash_table_replace (self->verdicts, g_strdup (csm_agent_get_name (agent)), agent);
    }
}

static gboolean
is_requestor (CsmTicket  *ticket,
              const char *name)
{
  const char * const *requestors = csm_ticket_get_requestors (ticket);

  return requestors != NULL && g_strv_contains (requestors, name);
}

static gboolean
is_known (CsmAgentDiscovery *self,
          const char        *name)
{
  return g_hash_table_contains (self->verdicts, name) ||
         g_hash_table_contains (self->candidates, name) ||
         g_hash_table_contains (self->asking, name);
}

static void
add_candidate (CsmAgentDiscovery *self,
               const char        *name)
{
  g_hash_table_remove (self->pending, name);
  g_hash_table_add (self->candidates, g_strdup (name));
}

/**
 * csm_agent_discovery_note_transactions:
 * @transactions: (element-type CsmTransaction): a page as it arrives
 * @tickets: the tickets known so far
 *
 * Notes who wrote @transactions. Whoever acts on a ticket they did not
 * request is a candidate; a transaction on a ticket not known yet is judged
 * when candidates are taken.
 */
void
csm_agent_discovery_note_transactions (CsmAgentDiscovery *self,
                                       GPtrArray         *transactions,
                                       CsmTicketList     *tickets)
{
  g_return_if_fail (CSM_IS_AGENT_DISCOVERY (self));

  for (guint i = 0; i < transactions->len; i++)
    {
      CsmTransaction *tx = g_ptr_array_index (transactions, i);
      CsmTicket *ticket;
      GArray *ids;

      if (tx->creator == NULL || *tx->creator == '\0' || is_known (self, tx->creator))
        continue;
      ticket = csm_ticket_list_lookup (tickets, tx->ticket_id);
      if (ticket != NULL)
        {
          if (!is_requestor (ticket, tx->creator))
            add_candidate (self, tx->creator);
          continue;
        }
      ids = g_hash_table_lookup (self->pending, tx->creator);
      if (ids == NULL)
        {
          ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (self->pending, g_strdup (tx->creator), ids);
        }
      if (ids->len == 0 || g_array_index (ids, gint64, ids->len - 1) != tx->ticket_id)
        g_array_append_val (ids, tx->ticket_id);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * csm_agent_discovery_take_candidates:
 * @tickets: every ticket known now
 * @full: a full sync: ask again about the agents already found, and forget
 *   who was found not to be one (an account made privileged later is asked
 *   about again when it next owns or works a ticket)
 *
 * Returns: (transfer full): the names to look up, sorted; empty when there
 *   is nothing to ask. Each is not asked again until csm_agent_discovery_learn()
 *   or csm_agent_discovery_forget() has been told about it.
 */
char **
csm_agent_discovery_take_candidates (CsmAgentDiscovery *self,
                                     CsmTicketList     *tickets,
                                     gboolean           full)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GPtrArray *all;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (CSM_IS_AGENT_DISCOVERY (self), NULL);

  if (full)
    {
      g_hash_table_iter_init (&iter, self->verdicts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (value == NOT_AGENT)
          g_hash_table_iter_remove (&iter);
    }

  /* Transactions that came before their tickets. A ticket still unknown
   * (outside the window, or hidden) says nothing. */
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *ids = value;

      if (is_known (self, key))
        continue;
      for (guint i = 0; i < ids->len; i++)
        {
          CsmTicket *ticket = csm_ticket_list_lookup (tickets, g_array_index (ids, gint64, i));

          if (ticket != NULL && !is_requestor (ticket, key))
            {
              g_hash_table_add (self->candidates, g_strdup (key));
              break;
            }
        }
    }
  g_hash_table_remove_all (self->pending);

  all = csm_ticket_list_get_array (tickets);
  for (guint i = 0; i < all->len; i++)
    {
      const char *owner = csm_ticket_get_owner (g_ptr_array_index (all, i));

      if (owner != NULL && *owner != '\0' && !is_known (self, owner))
        g_hash_table_add (self->candidates, g_strdup (owner));
    }

  if (full)
    {
      g_hash_table_iter_init (&iter, self->verdicts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (value != NOT_AGENT)
          g_hash_table_add (self->candidates, g_strdup (key));
    }

  g_hash_table_iter_init (&iter, self->candidates);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_ptr_array_add (names, key);
      g_hash_table_add (self->asking, g_strdup (key));
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/**
 * csm_agent_discovery_learn:
 * @asked: the names looked up
 * @agents: (element-type CsmAgent): those of them that are agents
 *
 * Returns: whether the agents changed
 */
gboolean
csm_agent_discovery_learn (CsmAgentDiscovery  *self,
                           const char * const *asked,
                           GPtrArray          *agents)
{
  g_autoptr(GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean changed = FALSE;

  g_return_val_if_fail (CSM_IS_AGENT_DISCOVERY (self), FALSE);

  for (guint i = 0; i < agents->len; i++)
    {
      CsmAgent *agent = g_ptr_array_index (agents, i);

      g_hash_table_insert (found, (gpointer) csm_agent_get_name (agent), agent);
    }
  for (guint i = 0; asked[i] != NULL; i++)
    {
      CsmAgent *agent = g_hash_table_lookup (found, asked[i]);
      gpointer old = g_hash_table_lookup (self->verdicts, asked[i]);

      g_hash_table_remove (self->asking, asked[i]);
      if (agent == NULL)
        {
          changed |= old != NULL && old != NOT_AGENT;
          g_hash_table_replace (self->verdicts, g_strdup (asked[i]), NOT_AGENT);
        }
      else
        {
          changed |= old == NULL || old == NOT_AGENT || !csm_agent_equal (old, agent);
          g_hash_table_replace (self->verdicts, g_strdup (asked[i]), g_object_ref (agent));
        }
    }
  return changed;
}

/**
 * csm_agent_discovery_forget:
 * @asked: names whose look-up failed
 *
 * Asks about @asked again next time.
 */
void
csm_agent_discovery_forget (CsmAgentDiscovery  *self,
                            const char * const *asked)
{
  g_return_if_fail (CSM_IS_AGENT_DISCOVERY (self));

  for (guint i = 0; asked[i] != NULL; i++)
    {
      g_hash_table_remove (self->asking, asked[i]);
      if (!g_hash_table_contains (self->verdicts, asked[i]))
        g_hash_table_add (self->candidates, g_strdup (asked[i]));
    }
}

static int
compare_agents (gconstpointer a,
                gconstpointer b)
{
  return g_strcmp0 (csm_agent_get_name (*(CsmAgent **) a), csm_agent_get_name (*(CsmAgent **) b));
}

/**
 * csm_agent_discovery_get_agents:
 *
 * Returns: (transfer container) (element-type CsmAgent): the agents found,
 *   by name
 */
GPtrArray *
csm_agent_discovery_get_agents (CsmAgentDiscovery *self)
{
  GPtrArray *agents = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (CSM_IS_AGENT_DISCOVERY (self), NULL);

  g_hash_table_iter_init (&iter, self->verdicts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value != NOT_AGENT)
      g_ptr_array_add (agents, g_object_ref (value));
  g_ptr_array_sort (agents, compare_agents);
  return agents;
}
