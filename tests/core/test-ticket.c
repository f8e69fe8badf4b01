/* test-ticket.c: known answers for a ticket: status classes, first-response metrics, transaction types, SLA time left, custom fields.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-test-tickets.h"
#include "csm-ticket-metrics.h"
#include "csm-ticket-private.h"
#include "csm-time.h"
#include "csm-transaction.h"

/* 2026-11-23T12:00:00Z, a Monday. Computed independently:
 * days from 1970-01-01 to 2026-11-23 = 20780; 20780 * 86400 + 12 * 3600. */
#define NOW ((gint64) 20780 * 86400 + 12 * 3600)

static void
test_status_classify (void)
{
  g_assert_cmpint (csm_status_classify ("new"), ==, CSM_STATUS_CLASS_NEW);
  g_assert_cmpint (csm_status_classify ("Open"), ==, CSM_STATUS_CLASS_OPEN);
  g_assert_cmpint (csm_status_classify ("stalled"), ==, CSM_STATUS_CLASS_STALLED);
  g_assert_cmpint (csm_status_classify ("resolved"), ==, CSM_STATUS_CLASS_INACTIVE);
  g_assert_cmpint (csm_status_classify ("rejected"), ==, CSM_STATUS_CLASS_INACTIVE);
  g_assert_cmpint (csm_status_classify ("deleted"), ==, CSM_STATUS_CLASS_INACTIVE);
  /* custom lifecycle statuses count as work in progress */
  g_assert_cmpint (csm_status_classify ("waiting-for-vendor"), ==, CSM_STATUS_CLASS_OPEN);
  g_assert_cmpint (csm_status_classify ("New"), ==, CSM_STATUS_CLASS_NEW);
  g_assert_cmpint (csm_status_classify ("STALLED"), ==, CSM_STATUS_CLASS_STALLED);
  g_assert_cmpint (csm_status_classify ("Rejected"), ==, CSM_STATUS_CLASS_INACTIVE);
  g_assert_cmpint (csm_status_classify ("DELETED"), ==, CSM_STATUS_CLASS_INACTIVE);
  g_assert_cmpint (csm_status_classify ("newer"), ==, CSM_STATUS_CLASS_OPEN);
  g_assert_cmpint (csm_status_classify ("stalled-by-vendor"), ==, CSM_STATUS_CLASS_OPEN);
  g_assert_cmpint (csm_status_classify ("reopened"), ==, CSM_STATUS_CLASS_OPEN);
  g_assert_cmpint (csm_status_classify ("delegated"), ==, CSM_STATUS_CLASS_OPEN);
  g_assert_cmpint (csm_status_classify (""), ==, CSM_STATUS_CLASS_OPEN);
  g_assert_cmpint (csm_status_classify (NULL), ==, CSM_STATUS_CLASS_OPEN);

  /* A ticket keeps its class until its status changes, and then follows. */
  {
    g_autoptr(CsmTicket) t = csm_test_ticket_new (1, 1, "Support", "new", NULL, NOW);
    g_autoptr(CsmTicket) newer = csm_test_ticket_new (1, 1, "Support", "resolved", NULL, NOW);

    g_assert_cmpint (csm_ticket_get_status_class (t), ==, CSM_STATUS_CLASS_NEW);
    g_assert_true (csm_ticket_is_active (t));
    _csm_ticket_set_status (t, "stalled");
    g_assert_cmpint (csm_ticket_get_status_class (t), ==, CSM_STATUS_CLASS_STALLED);
    g_assert_true (csm_ticket_update_from (t, newer));
    g_assert_cmpint (csm_ticket_get_status_class (t), ==, CSM_STATUS_CLASS_INACTIVE);
    g_assert_false (csm_ticket_is_active (t));
  }
}

static void
add_tx (GPtrArray          *txs,
        gint64              id,
        gint64              ticket,
        CsmTransactionType  type,
        gint64              created,
        const char         *creator,
        int                 minutes)
{
  g_ptr_array_add (txs, csm_transaction_new (id, ticket, type, created, creator, minutes));
}

static void
test_metrics_first_response (void)
{
  g_autoptr(CsmTicket) t = csm_test_ticket_new (10, 3, "Support", "open", "alice", NOW - 3600);
  g_autoptr(GPtrArray) txs = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
  g_autoptr(GHashTable) agents = g_hash_table_new (g_str_hash, g_str_equal);
  CsmTicketMetrics m;

  t->requestors = g_strsplit ("carol@example.com", ",", -1);
  g_hash_table_add (agents, (gpointer) "alice");
  g_hash_table_add (agents, (gpointer) "bob");

  /* The customer writes first and again; alice comments (not a reply), RT
   * system corresponds (auto-reply), bob replies at +40 min, alice at +20
   * min (out of id order), a transaction of another ticket is ignored. */
  add_tx (txs, 100, 10, CSM_TRANSACTION_CREATE, NOW - 3600, "carol@example.com", 0);
  add_tx (txs, 101, 10, CSM_TRANSACTION_CORRESPOND, NOW - 3500, "carol@example.com", 0);
  add_tx (txs, 102, 10, CSM_TRANSACTION_COMMENT, NOW - 3400, "alice", 5);
  add_tx (txs, 103, 10, CSM_TRANSACTION_CORRESPOND, NOW - 3300, "RT_System", 0);
  add_tx (txs, 105, 10, CSM_TRANSACTION_CORRESPOND, NOW - 3600 + 2400, "bob", 7);
  add_tx (txs, 104, 10, CSM_TRANSACTION_CORRESPOND, NOW - 3600 + 1200, "alice", 15);
  add_tx (txs, 106, 10, CSM_TRANSACTION_SET_TIME_WORKED, NOW - 100, "alice", 30);
  add_tx (txs, 107, 11, CSM_TRANSACTION_CORRESPOND, NOW - 3599, "alice", 99);

  csm_ticket_metrics_compute (t, txs, agents, &m);
  g_assert_cmpint (m.first_response, ==, NOW - 3600 + 1200);
  g_assert_cmpint (m.agent_replies, ==, 2);
  g_assert_cmpint (m.handle_minutes, ==, 5 + 7 + 15 + 30);
  g_assert_true (m.history_complete);

  g_assert_true (csm_ticket_apply_metrics (t, &m));
  g_assert_false (csm_ticket_apply_metrics (t, &m));
  g_assert_cmpint (csm_ticket_first_response_seconds (t), ==, 1200);

  /* Without an agent list, anyone who is not a requestor counts. */
  csm_ticket_metrics_compute (t, txs, NULL, &m);
  g_assert_cmpint (m.first_response, ==, NOW - 3600 + 1200);
  g_assert_cmpint (m.agent_replies, ==, 2);

  /* With an agent list that lacks alice, bob's reply is the first. */
  g_hash_table_remove (agents, "alice");
  csm_ticket_metrics_compute (t, txs, agents, &m);
  g_assert_cmpint (m.first_response, ==, NOW - 3600 + 2400);
  g_assert_cmpint (m.agent_replies, ==, 1);

  /* Added one by one, in another order, to metrics built up elsewhere: the
   * same answer. Without the Create, the history is not complete. */
  {
    CsmTicketMetrics acc, whole;

    csm_ticket_metrics_init (&acc);
    for (guint i = txs->len; i > 0; i--)
      {
        const CsmTransaction *tx = g_ptr_array_index (txs, i - 1);
        if (tx->ticket_id == 10 && tx->type != CSM_TRANSACTION_CREATE)
          csm_ticket_metrics_add (&acc, tx, (const char * const *) t->requestors, agents);
      }
    csm_ticket_metrics_compute (t, txs, agents, &whole);
    g_assert_false (acc.history_complete);
    g_assert_false (csm_ticket_metrics_equal (&acc, &whole));
    acc.history_complete = TRUE;
    g_assert_true (csm_ticket_metrics_equal (&acc, &whole));
  }
}

static void
test_metrics_no_reply (void)
{
  g_autoptr(CsmTicket) t = csm_test_ticket_new (12, 3, "Support", "new", NULL, NOW - 60);
  g_autoptr(GPtrArray) txs = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
  CsmTicketMetrics m;

  add_tx (txs, 200, 12, CSM_TRANSACTION_CREATE, NOW - 60, "carol@example.com", 0);
  csm_ticket_metrics_compute (t, txs, NULL, &m);
  g_assert_cmpint (m.first_response, ==, CSM_TIME_UNSET);
  g_assert_cmpint (m.agent_replies, ==, 0);
  g_assert_cmpint (m.handle_minutes, ==, 0);
  csm_ticket_apply_metrics (t, &m);
  g_assert_cmpint (csm_ticket_first_response_seconds (t), ==, -1);

  csm_ticket_metrics_compute (t, NULL, NULL, &m);
  g_assert_cmpint (m.first_response, ==, CSM_TIME_UNSET);
}

static void
test_transaction_types (void)
{
  g_assert_cmpint (csm_transaction_type_from_string ("Correspond", NULL), ==, CSM_TRANSACTION_CORRESPOND);
  g_assert_cmpint (csm_transaction_type_from_string ("Set", "Owner"), ==, CSM_TRANSACTION_SET_OWNER);
  g_assert_cmpint (csm_transaction_type_from_string ("Set", "Queue"), ==, CSM_TRANSACTION_SET_QUEUE);
  g_assert_cmpint (csm_transaction_type_from_string ("Set", "TimeWorked"), ==, CSM_TRANSACTION_SET_TIME_WORKED);
  g_assert_cmpint (csm_transaction_type_from_string ("Set", "Due"), ==, CSM_TRANSACTION_OTHER);
  g_assert_cmpint (csm_transaction_type_from_string ("Take", NULL), ==, CSM_TRANSACTION_SET_OWNER);
  g_assert_cmpint (csm_transaction_type_from_string ("EmailRecord", NULL), ==, CSM_TRANSACTION_OTHER);

  /* names written to the cache read back */
  for (int type = CSM_TRANSACTION_OTHER; type <= CSM_TRANSACTION_SET_TIME_WORKED; type++)
    g_assert_cmpint (csm_transaction_type_from_string (csm_transaction_type_to_string (type), NULL),
                     ==, type);
}

static void
test_sla_remaining (void)
{
  g_autoptr(CsmTicket) t = csm_test_ticket_new (13, 3, "Support", "open", NULL, NOW - 60);
  gint64 remaining = 0;

  g_assert_false (csm_ticket_get_sla_remaining (t, NOW, &remaining));
  t->due = NOW + 900;
  g_assert_true (csm_ticket_get_sla_remaining (t, NOW, &remaining));
  g_assert_cmpint (remaining, ==, 900);
  g_assert_true (csm_ticket_get_sla_remaining (t, NOW + 1000, &remaining));
  g_assert_cmpint (remaining, ==, -100);
}

static void
test_custom_fields (void)
{
  g_autoptr(CsmTicket) t = csm_test_ticket_new (14, 3, "Support", "resolved", NULL, NOW - 60);
  int v = -1;

  t->custom_fields = g_strsplit ("CSAT|5|Channel|chat|NPS| 9 |CES|abc", "|", -1);
  g_assert_cmpstr (csm_ticket_get_custom_field (t, "channel"), ==, "chat");
  g_assert_true (csm_ticket_get_custom_int (t, "CSAT", &v));
  g_assert_cmpint (v, ==, 5);
  g_assert_true (csm_ticket_get_custom_int (t, "NPS", &v));
  g_assert_cmpint (v, ==, 9);
  g_assert_false (csm_ticket_get_custom_int (t, "CES", &v));
  g_assert_false (csm_ticket_get_custom_int (t, "Missing", &v));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/ticket/status-classify", test_status_classify);
  g_test_add_func ("/core/ticket/metrics/first-response", test_metrics_first_response);
  g_test_add_func ("/core/ticket/metrics/no-reply", test_metrics_no_reply);
  g_test_add_func ("/core/ticket/transaction-types", test_transaction_types);
  g_test_add_func ("/core/ticket/sla-remaining", test_sla_remaining);
  g_test_add_func ("/core/ticket/custom-fields", test_custom_fields);

  return g_test_run ();
}
