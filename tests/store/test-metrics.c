/* test-metrics.c: what each ticket's history says, kept with the ticket, against core's answer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include "csm-agent.h"
#include "csm-ticket-private.h"
#include "store-test-util.h"

/* Worked out by hand: ticket 1 is created by its customer at T0, alice
 * comments at T0+300 (5 min), alice replies at T0+600 (7 min), the
 * customer writes again at T0+900; ticket 2 is only created. */
static void
test_metrics_touched (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(GPtrArray) txs = transaction_array ();
  g_autoptr(GPtrArray) agents = agent_array ("alice", "bob", NULL);
  g_autoptr(GArray) metrics = NULL;
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  const CsmTicketMetrics *m;
  CsmTicket *loaded;

  g_ptr_array_add (tickets, make_ticket (1));
  g_ptr_array_add (tickets, make_ticket (2));
  g_ptr_array_add (txs, csm_transaction_new (10, 1, CSM_TRANSACTION_CREATE, T0,
                                             "customer1@example.com", 0));
  g_ptr_array_add (txs, csm_transaction_new (11, 1, CSM_TRANSACTION_COMMENT, T0 + 300, "alice", 5));
  g_ptr_array_add (txs, csm_transaction_new (12, 1, CSM_TRANSACTION_CORRESPOND, T0 + 600,
                                             "alice", 7));
  g_ptr_array_add (txs, csm_transaction_new (13, 1, CSM_TRANSACTION_CORRESPOND, T0 + 900,
                                             "customer1@example.com", 0));
  g_ptr_array_add (txs, csm_transaction_new (20, 2, CSM_TRANSACTION_CREATE, T0,
                                             "customer2@example.com", 0));
  csm_store_batch_replace_agents (batch, agents);
  csm_store_batch_add_tickets (batch, tickets);
  csm_store_batch_add_transactions (batch, txs);
  metrics = commit_metrics (store, g_steal_pointer (&batch));

  g_assert_cmpuint (metrics->len, ==, 2);
  m = find_metrics (metrics, 1);
  g_assert_nonnull (m);
  g_assert_cmpint (m->first_response, ==, T0 + 600);
  g_assert_cmpint (m->agent_replies, ==, 1);
  g_assert_cmpint (m->handle_minutes, ==, 12);
  g_assert_true (m->history_complete);
  m = find_metrics (metrics, 2);
  g_assert_nonnull (m);
  g_assert_cmpint (m->first_response, ==, 0);
  g_assert_cmpint (m->agent_replies, ==, 0);
  g_assert_true (m->history_complete);

  /* They are kept with the tickets. */
  snapshot = load_ok (store);
  loaded = find_ticket (snapshot->tickets, 1);
  g_assert_cmpint (csm_ticket_get_first_response (loaded), ==, T0 + 600);
  g_assert_cmpint (csm_ticket_get_handle_minutes (loaded), ==, 12);
  g_assert_cmpint (csm_ticket_get_agent_replies (loaded), ==, 1);
  g_assert_true (csm_ticket_get_history_complete (loaded));
  g_clear_pointer (&snapshot, csm_store_snapshot_free);

  /* bob's earlier reply arrives late (a backfill): ticket 1 changes, ticket
   * 2 is not touched. */
  batch = csm_store_batch_new ();
  g_ptr_array_set_size (txs, 0);
  g_ptr_array_add (txs, csm_transaction_new (9, 1, CSM_TRANSACTION_CORRESPOND, T0 + 120, "bob", 2));
  csm_store_batch_add_transactions (batch, txs);
  g_clear_pointer (&metrics, g_array_unref);
  metrics = commit_metrics (store, g_steal_pointer (&batch));
  g_assert_cmpuint (metrics->len, ==, 1);
  m = find_metrics (metrics, 1);
  g_assert_cmpint (m->first_response, ==, T0 + 120);
  g_assert_cmpint (m->agent_replies, ==, 2);
  g_assert_cmpint (m->handle_minutes, ==, 14);

  /* The same transactions again (a retry, an overlapping page) and the same
   * ticket again: nothing is counted twice, nothing changes. */
  batch = csm_store_batch_new ();
  csm_store_batch_add_transactions (batch, txs);
  g_ptr_array_set_size (tickets, 1);
  csm_store_batch_add_tickets (batch, tickets);
  g_clear_pointer (&metrics, g_array_unref);
  metrics = commit_metrics (store, g_steal_pointer (&batch));
  g_assert_cmpuint (metrics->len, ==, 0);

  /* A transaction of a ticket the cache does not hold is kept, and counts
   * once the ticket arrives. */
  batch = csm_store_batch_new ();
  g_ptr_array_set_size (txs, 0);
  g_ptr_array_add (txs, csm_transaction_new (30, 3, CSM_TRANSACTION_CORRESPOND, T0 + 50, "bob", 1));
  csm_store_batch_add_transactions (batch, txs);
  g_clear_pointer (&metrics, g_array_unref);
  metrics = commit_metrics (store, g_steal_pointer (&batch));
  g_assert_cmpuint (metrics->len, ==, 0);
  batch = csm_store_batch_new ();
  g_ptr_array_set_size (tickets, 0);
  g_ptr_array_add (tickets, make_ticket (3));
  csm_store_batch_add_tickets (batch, tickets);
  g_clear_pointer (&metrics, g_array_unref);
  metrics = commit_metrics (store, g_steal_pointer (&batch));
  g_assert_cmpuint (metrics->len, ==, 1);
  g_assert_cmpint (find_metrics (metrics, 3)->first_response, ==, T0 + 50);
  g_assert_false (find_metrics (metrics, 3)->history_complete);

  close_and_release (&store);
}

/* Who counts as an agent decides what a reply is: another agent list, or
 * none (the requestor rule), changes every ticket. */
static void
test_metrics_all (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(GPtrArray) txs = transaction_array ();
  g_autoptr(GPtrArray) agents = agent_array ("alice", "bob", NULL);
  g_autoptr(GArray) metrics = NULL;

  g_ptr_array_add (tickets, make_ticket (1));
  g_ptr_array_add (tickets, make_ticket (2));
  g_ptr_array_add (txs, csm_transaction_new (10, 1, CSM_TRANSACTION_CORRESPOND, T0 + 100,
                                             "alice", 0));
  g_ptr_array_add (txs, csm_transaction_new (11, 1, CSM_TRANSACTION_CORRESPOND, T0 + 200,
                                             "bob", 0));
  g_ptr_array_add (txs, csm_transaction_new (12, 1, CSM_TRANSACTION_CORRESPOND, T0 + 50,
                                             "customer1@example.com", 0));
  g_ptr_array_add (txs, csm_transaction_new (13, 1, CSM_TRANSACTION_CORRESPOND, T0 + 60,
                                             "RT_System", 0));
  g_ptr_array_add (txs, csm_transaction_new (20, 2, CSM_TRANSACTION_CORRESPOND, T0 + 300,
                                             "bob", 0));
  csm_store_batch_replace_agents (batch, agents);
  csm_store_batch_add_tickets (batch, tickets);
  csm_store_batch_add_transactions (batch, txs);
  metrics = commit_metrics (store, g_steal_pointer (&batch));
  g_assert_cmpint (find_metrics (metrics, 1)->first_response, ==, T0 + 100);
  g_assert_cmpint (find_metrics (metrics, 1)->agent_replies, ==, 2);

  /* alice leaves the agents: bob's reply is ticket 1's first; ticket 2 is
   * as it was and not reported. */
  batch = csm_store_batch_new ();
  g_clear_pointer (&agents, g_ptr_array_unref);
  agents = agent_array ("bob", NULL);
  csm_store_batch_replace_agents (batch, agents);
  csm_store_batch_update_all_metrics (batch);
  g_assert_false (csm_store_batch_is_empty (batch));
  g_clear_pointer (&metrics, g_array_unref);
  metrics = commit_metrics (store, g_steal_pointer (&batch));
  g_assert_cmpuint (metrics->len, ==, 1);
  g_assert_cmpint (find_metrics (metrics, 1)->first_response, ==, T0 + 200);
  g_assert_cmpint (find_metrics (metrics, 1)->agent_replies, ==, 1);

  /* No agent list: anyone but the requestors and RT itself replies. */
  batch = csm_store_batch_new ();
  g_clear_pointer (&agents, g_ptr_array_unref);
  agents = agent_array (NULL, NULL);
  csm_store_batch_replace_agents (batch, agents);
  csm_store_batch_update_all_metrics (batch);
  g_clear_pointer (&metrics, g_array_unref);
  metrics = commit_metrics (store, g_steal_pointer (&batch));
  g_assert_cmpuint (metrics->len, ==, 1);
  g_assert_cmpint (find_metrics (metrics, 1)->first_response, ==, T0 + 100);
  g_assert_cmpint (find_metrics (metrics, 1)->agent_replies, ==, 2);

  close_and_release (&store);
}

/* A full sync defers the metrics of its pages; if it never finishes (the
 * console is killed), the next load works them out before reading. */
static void
test_metrics_deferred (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
  g_autoptr(GPtrArray) tickets = ticket_array ();
  g_autoptr(GPtrArray) txs = transaction_array ();
  g_autoptr(GArray) metrics = NULL;
  g_autoptr(CsmStoreSnapshot) snapshot = NULL;
  g_autofree char *stale = NULL;

  g_ptr_array_add (tickets, make_ticket (1));
  g_ptr_array_add (txs, csm_transaction_new (10, 1, CSM_TRANSACTION_CREATE, T0,
                                             "customer1@example.com", 0));
  g_ptr_array_add (txs, csm_transaction_new (11, 1, CSM_TRANSACTION_CORRESPOND, T0 + 100,
                                             "alice", 4));
  csm_store_batch_add_tickets (batch, tickets);
  csm_store_batch_add_transactions (batch, txs);
  csm_store_batch_defer_metrics (batch);
  metrics = commit_metrics (store, g_steal_pointer (&batch));
  g_assert_cmpuint (metrics->len, ==, 0);
  close_and_release (&store);

  stale = raw_query (f->path, "SELECT value FROM meta WHERE key = 'metrics-stale'");
  g_assert_cmpstr (stale, ==, "1");
  g_clear_pointer (&stale, g_free);

  store = open_store_ok (f);
  snapshot = load_ok (store);
  g_assert_cmpint (csm_ticket_get_first_response (g_ptr_array_index (snapshot->tickets, 0)), ==,
                   T0 + 100);
  g_assert_cmpint (csm_ticket_get_handle_minutes (g_ptr_array_index (snapshot->tickets, 0)), ==, 4);
  g_assert_true (csm_ticket_get_history_complete (g_ptr_array_index (snapshot->tickets, 0)));
  close_and_release (&store);

  stale = raw_query (f->path, "SELECT value FROM meta WHERE key = 'metrics-stale'");
  g_assert_cmpstr (stale, ==, "0");
}

static CsmTransaction *
random_transaction (GRand  *rand,
                    gint64  id,
                    gint64  ticket_id)
{
  static const char * const creators[] = {
    "alice", "bob", "carol", "RT_System", NULL, "customer1@example.com", "CUSTOMER2@example.com",
    "customer3@example.com",
  };
  CsmTransactionType type =
    (CsmTransactionType) g_rand_int_range (rand, CSM_TRANSACTION_OTHER,
                                           CSM_TRANSACTION_SET_TIME_WORKED + 1);

  return csm_transaction_new (id, ticket_id, type, T0 + g_rand_int_range (rand, 0, 86400),
                              creators[g_rand_int_range (rand, 0, G_N_ELEMENTS (creators))],
                              g_rand_boolean (rand) ? 0 : g_rand_int_range (rand, -3, 60));
}

/* Random histories arriving in random batches (out of order, repeated,
 * before their ticket), under changing agent lists: after every commit,
 * what the cache says of each ticket is what core computes from the whole
 * history at once. */
static void
test_metrics_random (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  g_autoptr(CsmStore) store = open_store_ok (f);
  g_autoptr(GHashTable) all_txs = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                        (GDestroyNotify) csm_transaction_unref);
  g_autoptr(GHashTable) expected_agents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                                 NULL);
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        g_free);
  const guint n_tickets = 60;

  for (guint round = 0; round < 25; round++)
    {
      g_autoptr(CsmStoreBatch) batch = csm_store_batch_new ();
      g_autoptr(GPtrArray) tickets = ticket_array ();
      g_autoptr(GPtrArray) txs = transaction_array ();
      g_autoptr(GArray) metrics = NULL;
      g_autoptr(CsmStoreSnapshot) snapshot = NULL;

      for (guint i = g_rand_int_range (rand, 0, 15); i > 0; i--)
        g_ptr_array_add (tickets, make_ticket (g_rand_int_range (rand, 1, n_tickets + 1)));
      for (guint i = g_rand_int_range (rand, 0, 40); i > 0; i--)
        {
          gint64 id = g_rand_int_range (rand, 1, 600);
          CsmTransaction *tx = g_hash_table_lookup (all_txs, &id);

          /* A transaction never changes once RT has it: a repeat is the same. */
          if (tx == NULL)
            {
              tx = random_transaction (rand, id, g_rand_int_range (rand, 1, n_tickets + 1));
              g_hash_table_insert (all_txs, &tx->id, tx);
            }
          g_ptr_array_add (txs, csm_transaction_ref (tx));
        }
      csm_store_batch_add_tickets (batch, tickets);
      csm_store_batch_add_transactions (batch, txs);
      if (round % 6 == 3)
        {
          /* Another agent list: none at all every other time. */
          g_autoptr(GPtrArray) agents = round % 12 == 3 ? agent_array (NULL, NULL)
                                                          : agent_array ("bob", "carol", NULL);

          g_hash_table_remove_all (expected_agents);
          for (guint i = 0; i < agents->len; i++)
            {
              CsmAgent *agent = g_ptr_array_index (agents, i);

              g_hash_table_add (expected_agents, g_strdup (csm_agent_get_name (agent)));
            }
          csm_store_batch_replace_agents (batch, agents);
          csm_store_batch_update_all_metrics (batch);
        }
      else if (round == 0)
        {
          g_autoptr(GPtrArray) agents = agent_array ("alice", "bob", NULL);

          g_hash_table_add (expected_agents, g_strdup ("alice"));
          g_hash_table_add (expected_agents, g_strdup ("bob"));
          csm_store_batch_replace_agents (batch, agents);
        }
      else if (round % 5 == 4)
        csm_store_batch_defer_metrics (batch);
      metrics = commit_metrics (store, g_steal_pointer (&batch));
      if (round % 5 == 4 && round % 6 != 3)
        g_assert_cmpuint (metrics->len, ==, 0);

      snapshot = load_ok (store);
      for (guint i = 0; i < snapshot->tickets->len; i++)
        {
          CsmTicket *ticket = g_ptr_array_index (snapshot->tickets, i);
          g_autoptr(GPtrArray) history = g_ptr_array_new ();
          GHashTableIter iter;
          gpointer value;
          CsmTicketMetrics expected, got;

          g_hash_table_iter_init (&iter, all_txs);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            if (((CsmTransaction *) value)->ticket_id == ticket->id)
              g_ptr_array_add (history, value);
          csm_ticket_metrics_compute (ticket, history, expected_agents, &expected);
          got.first_response = ticket->first_response;
          got.handle_minutes = ticket->handle_minutes;
          got.agent_replies = ticket->agent_replies;
          got.history_complete = ticket->history_complete;
          g_assert_cmpint (got.first_response, ==, expected.first_response);
          g_assert_cmpint (got.handle_minutes, ==, expected.handle_minutes);
          g_assert_cmpint (got.agent_replies, ==, expected.agent_replies);
          g_assert_cmpint (got.history_complete, ==, expected.history_complete);

          /* A commit that worked metrics out reported exactly the tickets
           * whose metrics moved from what the cache held before it (which
           * the previous load showed), with their new values: what a view
           * holding the tickets needs to follow. */
          if (round % 5 != 4 || round % 6 == 3)
            {
              const CsmTicketMetrics *reported = find_metrics (metrics, ticket->id);
              CsmTicketMetrics *held = g_hash_table_lookup (before, &ticket->id);
              CsmTicketMetrics none;

              csm_ticket_metrics_init (&none);
              if (reported != NULL)
                g_assert_true (csm_ticket_metrics_equal (reported, &expected));
              else
                g_assert_true (csm_ticket_metrics_equal (held ? held : &none, &expected));
            }
          g_hash_table_replace (before, g_memdup2 (&ticket->id, sizeof (gint64)),
                                g_memdup2 (&got, sizeof got));
        }
    }

  close_and_release (&store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  STORE_TEST_ADD ("/store/metrics/touched", test_metrics_touched);
  STORE_TEST_ADD ("/store/metrics/all", test_metrics_all);
  STORE_TEST_ADD ("/store/metrics/deferred", test_metrics_deferred);
  STORE_TEST_ADD ("/store/metrics/random", test_metrics_random);

  return g_test_run ();
}
