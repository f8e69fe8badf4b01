/* test-core.c: known-answer tests for the core: time parsing, queue summaries, ticket metrics, export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "csm-account.h"
#include "csm-queue.h"
#include "csm-queue-summary.h"
#include "csm-export.h"
#include "csm-ticket-list.h"
#include "csm-ticket-metrics.h"
#include "csm-ticket-private.h"
#include "csm-time.h"

/* 2026-11-23T12:00:00Z, a Monday. Computed independently:
 * days from 1970-01-01 to 2026-11-23 = 20780; 20780 * 86400 + 12 * 3600. */
#define NOW ((gint64) 20780 * 86400 + 12 * 3600)

static CsmTicket *
make_ticket (gint64      id,
             gint64      queue_id,
             const char *queue,
             const char *status,
             const char *owner,
             gint64      created)
{
  CsmTicket *t = csm_ticket_new (id);

  t->queue_id = queue_id;
  t->queue_name = g_strdup (queue);
  t->status = g_strdup (status);
  t->owner = g_strdup (owner);
  t->created = created;
  t->subject = g_strdup_printf ("Ticket %" G_GINT64_FORMAT, id);
  return t;
}

static void
test_time_parse_iso (void)
{
  gint64 t = -1;

  g_assert_true (csm_time_parse_iso8601 ("2026-11-23T12:00:00Z", &t));
  g_assert_cmpint (t, ==, NOW);

  /* RT's marker for "unset" */
  g_assert_true (csm_time_parse_iso8601 ("1970-01-01T00:00:00Z", &t));
  g_assert_cmpint (t, ==, CSM_TIME_UNSET);

  /* leap day, end of year, an offset */
  g_assert_true (csm_time_parse_iso8601 ("2024-02-29T23:59:59Z", &t));
  g_assert_cmpint (t, ==, 1709251199);
  g_assert_true (csm_time_parse_iso8601 ("2026-12-31T23:59:59Z", &t));
  g_assert_cmpint (t, ==, 1798761599);
  g_assert_true (csm_time_parse_iso8601 ("2026-11-23T13:00:00+01:00", &t));
  g_assert_cmpint (t, ==, NOW);

  /* not dates */
  g_assert_false (csm_time_parse_iso8601 ("2025-02-29T00:00:00Z", &t));
  g_assert_false (csm_time_parse_iso8601 ("yesterday", &t));
  g_assert_false (csm_time_parse_iso8601 ("2026-13-01T00:00:00Z", &t));
  g_assert_false (csm_time_parse_iso8601 (NULL, &t));
  g_assert_true (csm_time_parse_iso8601 ("", &t));
  g_assert_cmpint (t, ==, CSM_TIME_UNSET);
}

static void
test_time_parse_sql (void)
{
  gint64 t = -1;

  g_assert_true (csm_time_parse_sql ("2026-11-23 12:00:00", &t));
  g_assert_cmpint (t, ==, NOW);
  g_assert_false (csm_time_parse_sql ("2026-11-23T12:00:00", &t));
  g_assert_false (csm_time_parse_sql ("2026-11-23 12:00:00Z", &t));
}

static void
test_time_format (void)
{
  g_autofree char *iso = csm_time_format_iso8601 (NOW);
  g_autofree char *sql = csm_time_format_ticketsql (NOW);
  g_autofree char *unset = csm_time_format_iso8601 (CSM_TIME_UNSET);

  g_assert_cmpstr (iso, ==, "2026-11-23T12:00:00Z");
  /* Never the ISO form: RT reads "…T…Z" as garbage and matches everything. */
  g_assert_cmpstr (sql, ==, "2026-11-23 12:00:00");
  g_assert_null (unset);
}

static void
test_time_durations (void)
{
  struct { gint64 s; const char *text; } cases[] = {
    { 0, "0 s" },
    { 59, "59 s" },
    { 60, "1 min" },
    { 3599, "59 min" },
    { 3600, "1 h" },
    { 3600 * 2 + 13 * 60 + 59, "2 h 13 min" },
    { 86400, "1 d" },
    { 86400 * 3 + 4 * 3600 + 1800, "3 d 4 h" },
    { -125, "2 min" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = csm_format_duration (cases[i].s);
      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    g_autofree char *ahead = csm_format_countdown (NOW + 3900, NOW);
    g_autofree char *behind = csm_format_countdown (NOW - 180, NOW);
    g_autofree char *none = csm_format_countdown (CSM_TIME_UNSET, NOW);

    g_assert_cmpstr (ahead, ==, "in 1 h 5 min");
    g_assert_cmpstr (behind, ==, "3 min overdue");
    g_assert_cmpstr (none, ==, "—");
  }
}

static GPtrArray *
fixture_tickets (void)
{
  GPtrArray *tickets = g_ptr_array_new_with_free_func (g_object_unref);

  /* Support (3): new unowned 2 h old, new owned 30 min old, open unowned,
   * stalled owned, resolved unowned (must not count). */
  g_ptr_array_add (tickets, make_ticket (1, 3, "Support", "new", NULL, NOW - 7200));
  g_ptr_array_add (tickets, make_ticket (2, 3, "Support", "new", "alice", NOW - 1800));
  g_ptr_array_add (tickets, make_ticket (3, 3, "Support", "open", NULL, NOW - 86400));
  g_ptr_array_add (tickets, make_ticket (4, 3, "Support", "stalled", "bob", NOW - 3 * 86400));
  g_ptr_array_add (tickets, make_ticket (5, 3, "Support", "resolved", NULL, NOW - 4 * 86400));
  /* Billing (4): open owned, rejected, deleted */
  g_ptr_array_add (tickets, make_ticket (6, 4, "Billing", "open", "alice", NOW - 600));
  g_ptr_array_add (tickets, make_ticket (7, 4, "Billing", "rejected", NULL, NOW - 600));
  g_ptr_array_add (tickets, make_ticket (8, 4, "Billing", "deleted", NULL, NOW - 600));
  /* A queue the queue list does not know (no SeeQueue right) */
  g_ptr_array_add (tickets, make_ticket (9, 9, "Secret", "new", NULL, NOW - 60));
  return tickets;
}

static CsmQueueSummary *
find_summary (GPtrArray  *summaries,
              const char *name)
{
  for (guint i = 0; i < summaries->len; i++)
    if (g_strcmp0 (csm_queue_summary_get_queue_name (g_ptr_array_index (summaries, i)), name) == 0)
      return g_ptr_array_index (summaries, i);
  return NULL;
}

static void
test_queue_summaries (void)
{
  g_autoptr(GPtrArray) tickets = fixture_tickets ();
  g_autoptr(GPtrArray) queues = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(CsmQueueSummary) total = NULL;
  CsmQueueSummary *s;

  g_ptr_array_add (queues, csm_queue_new (3, "Support", NULL));
  g_ptr_array_add (queues, csm_queue_new (4, "Billing", NULL));
  g_ptr_array_add (queues, csm_queue_new (5, "Empty", NULL));

  summaries = csm_queue_summaries_compute (tickets, queues, NOW);
  g_assert_cmpuint (summaries->len, ==, 4);

  /* sorted by name */
  g_assert_cmpstr (csm_queue_summary_get_queue_name (g_ptr_array_index (summaries, 0)), ==, "Billing");
  g_assert_cmpstr (csm_queue_summary_get_queue_name (g_ptr_array_index (summaries, 1)), ==, "Empty");
  g_assert_cmpstr (csm_queue_summary_get_queue_name (g_ptr_array_index (summaries, 2)), ==, "Secret");
  g_assert_cmpstr (csm_queue_summary_get_queue_name (g_ptr_array_index (summaries, 3)), ==, "Support");

  s = find_summary (summaries, "Support");
  g_assert_cmpuint (csm_queue_summary_get_new (s), ==, 2);
  g_assert_cmpuint (csm_queue_summary_get_open (s), ==, 1);
  g_assert_cmpuint (csm_queue_summary_get_stalled (s), ==, 1);
  g_assert_cmpuint (csm_queue_summary_get_active (s), ==, 4);
  g_assert_cmpuint (csm_queue_summary_get_unassigned (s), ==, 2);
  g_assert_cmpint (csm_queue_summary_get_oldest_new_age (s), ==, 7200);

  s = find_summary (summaries, "Billing");
  g_assert_cmpuint (csm_queue_summary_get_new (s), ==, 0);
  g_assert_cmpuint (csm_queue_summary_get_open (s), ==, 1);
  g_assert_cmpuint (csm_queue_summary_get_active (s), ==, 1);
  g_assert_cmpuint (csm_queue_summary_get_unassigned (s), ==, 0);
  g_assert_cmpint (csm_queue_summary_get_oldest_new_age (s), ==, -1);

  s = find_summary (summaries, "Empty");
  g_assert_cmpuint (csm_queue_summary_get_active (s), ==, 0);
  g_assert_cmpint (csm_queue_summary_get_oldest_new_age (s), ==, -1);

  s = find_summary (summaries, "Secret");
  g_assert_cmpint (csm_queue_summary_get_queue_id (s), ==, 9);
  g_assert_cmpuint (csm_queue_summary_get_new (s), ==, 1);
  g_assert_cmpint (csm_queue_summary_get_oldest_new_age (s), ==, 60);

  total = csm_queue_summaries_total (summaries, "All", NOW);
  g_assert_cmpuint (csm_queue_summary_get_new (total), ==, 3);
  g_assert_cmpuint (csm_queue_summary_get_active (total), ==, 6);
  g_assert_cmpuint (csm_queue_summary_get_unassigned (total), ==, 3);
  g_assert_cmpint (csm_queue_summary_get_oldest_new_age (total), ==, 7200);

  /* A later "now" moves the oldest age, nothing else. */
  {
    g_autoptr(GPtrArray) later = csm_queue_summaries_compute (tickets, queues, NOW + 100);
    g_assert_cmpint (csm_queue_summary_get_oldest_new_age (find_summary (later, "Support")), ==, 7300);
  }
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_queue_summary_update_in_place (void)
{
  g_autoptr(GPtrArray) tickets = fixture_tickets ();
  g_autoptr(GPtrArray) first = csm_queue_summaries_compute (tickets, NULL, NOW);
  g_autoptr(GPtrArray) second = NULL;
  CsmQueueSummary *support = find_summary (first, "Support");
  guint notifies = 0;
  CsmTicket *t1 = g_ptr_array_index (tickets, 0);

  g_signal_connect (support, "notify::new", G_CALLBACK (notify_count_cb), &notifies);

  /* Same data: no notification, nothing changed. */
  second = csm_queue_summaries_compute (tickets, NULL, NOW);
  g_assert_false (csm_queue_summary_update_from (support, find_summary (second, "Support")));
  g_assert_cmpuint (notifies, ==, 0);
  g_ptr_array_unref (g_steal_pointer (&second));

  /* Ticket 1 gets opened: new 2 → 1, oldest new becomes ticket 2. */
  _csm_ticket_set_status (t1, "open");
  second = csm_queue_summaries_compute (tickets, NULL, NOW);
  g_assert_true (csm_queue_summary_update_from (support, find_summary (second, "Support")));
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_cmpuint (csm_queue_summary_get_new (support), ==, 1);
  g_assert_cmpuint (csm_queue_summary_get_open (support), ==, 2);
  g_assert_cmpint (csm_queue_summary_get_oldest_new_age (support), ==, 1800);

  /* The clock moves: the wait grows by exactly that, one notification of
   * the age, none of the counts; a queue without new tickets stays at -1. */
  {
    guint age_notifies = 0;
    CsmQueueSummary *none_new = NULL;

    g_signal_connect (support, "notify::oldest-new-age", G_CALLBACK (notify_count_cb), &age_notifies);
    csm_queue_summary_set_now (support, NOW + 45);
    g_assert_cmpint (csm_queue_summary_get_oldest_new_age (support), ==, 1845);
    g_assert_cmpint (csm_queue_summary_get_now (support), ==, NOW + 45);
    g_assert_cmpuint (age_notifies, ==, 1);
    g_assert_cmpuint (notifies, ==, 1);
    csm_queue_summary_set_now (support, NOW + 45);
    g_assert_cmpuint (age_notifies, ==, 1);

    for (guint i = 0; i < first->len; i++)
      if (csm_queue_summary_get_new (g_ptr_array_index (first, i)) == 0)
        none_new = g_ptr_array_index (first, i);
    g_assert_nonnull (none_new);
    csm_queue_summary_set_now (none_new, NOW + 3600);
    g_assert_cmpint (csm_queue_summary_get_oldest_new_age (none_new), ==, -1);
  }
}

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
    g_autoptr(CsmTicket) t = make_ticket (1, 1, "Support", "new", NULL, NOW);
    g_autoptr(CsmTicket) newer = make_ticket (1, 1, "Support", "resolved", NULL, NOW);

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
  g_autoptr(CsmTicket) t = make_ticket (10, 3, "Support", "open", "alice", NOW - 3600);
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
  g_autoptr(CsmTicket) t = make_ticket (12, 3, "Support", "new", NULL, NOW - 60);
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
  g_autoptr(CsmTicket) t = make_ticket (13, 3, "Support", "open", NULL, NOW - 60);
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
  g_autoptr(CsmTicket) t = make_ticket (14, 3, "Support", "resolved", NULL, NOW - 60);
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

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *log)
{
  g_string_append_printf (log, "%u-%u+%u;", position, removed, added);
}

static void
test_ticket_list_merge (void)
{
  g_autoptr(CsmTicketList) list = csm_ticket_list_new ();
  g_autoptr(GPtrArray) batch = fixture_tickets ();
  g_autoptr(GPtrArray) update = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GHashTable) keep = g_hash_table_new (g_int64_hash, g_int64_equal);
  CsmTicket *kept;
  CsmTicket *changed;
  gint64 keep_ids[] = { 1, 2, 3, 4, 5, 6, 7, 8 };

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), log);

  g_assert_cmpuint (csm_ticket_list_merge (list, batch, NULL), ==, 9);
  g_assert_cmpstr (log->str, ==, "0-0+9;");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 9);
  kept = csm_ticket_list_lookup (list, 3);
  g_assert_nonnull (kept);
  /* The list holds its own copies. */
  g_assert_true (kept != g_ptr_array_index (batch, 2));

  /* The same data again: nothing changes, nothing is emitted. */
  g_string_truncate (log, 0);
  g_assert_cmpuint (csm_ticket_list_merge (list, batch, NULL), ==, 0);
  g_assert_cmpstr (log->str, ==, "");

  /* Ticket 3 changes owner, ticket 10 is new: 3 updates in place (same
   * object, so views keep the row), 10 is appended. */
  changed = make_ticket (3, 3, "Support", "open", "bob", NOW - 86400);
  g_ptr_array_add (update, changed);
  g_ptr_array_add (update, make_ticket (10, 4, "Billing", "new", NULL, NOW));
  g_string_truncate (log, 0);
  {
    g_autoptr(GPtrArray) changed_out = g_ptr_array_new_with_free_func (g_object_unref);
    g_assert_cmpuint (csm_ticket_list_merge (list, update, changed_out), ==, 2);
    g_assert_cmpuint (changed_out->len, ==, 2);
    g_assert_true (g_ptr_array_index (changed_out, 0) == changed);
  }
  g_assert_cmpstr (log->str, ==, "2-1+1;9-0+1;");
  g_assert_true (csm_ticket_list_lookup (list, 3) == kept);
  g_assert_cmpstr (csm_ticket_get_owner (kept), ==, "bob");

  /* Reconcile: keep 1..8; 9 and 10 go. */
  for (guint i = 0; i < G_N_ELEMENTS (keep_ids); i++)
    g_hash_table_add (keep, &keep_ids[i]);
  g_string_truncate (log, 0);
  g_assert_cmpuint (csm_ticket_list_retain (list, keep), ==, 2);
  g_assert_cmpstr (log->str, ==, "9-1+0;8-1+0;");
  g_assert_null (csm_ticket_list_lookup (list, 9));
  g_assert_true (csm_ticket_list_lookup (list, 3) == kept);
  g_assert_cmpint (csm_ticket_get_id (csm_ticket_list_lookup (list, 8)), ==, 8);

  g_assert_true (csm_ticket_list_remove (list, 1));
  g_assert_false (csm_ticket_list_remove (list, 1));
  g_assert_cmpint (csm_ticket_get_id (csm_ticket_list_lookup (list, 2)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 7);
}

static void
record_tickets_changed_cb (CsmTicketList *list,
                           GPtrArray     *added,
                           GPtrArray     *changed,
                           GPtrArray     *removed,
                           GString       *log)
{
  g_string_append_printf (log, "+%u ~%u -%u;", added ? added->len : 0, changed ? changed->len : 0,
                          removed ? removed->len : 0);
}

/* A refresh in pieces reaches views as one notice; the list itself changes
 * at once. */
static void
test_ticket_list_freeze (void)
{
  g_autoptr(CsmTicketList) list = csm_ticket_list_new ();
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) log = g_string_new (NULL);

  g_ptr_array_add (first, make_ticket (1, 1, "Support", "new", NULL, NOW));
  g_ptr_array_add (first, make_ticket (2, 1, "Support", "new", NULL, NOW));
  csm_ticket_list_merge (list, first, NULL);
  g_signal_connect (list, "tickets-changed", G_CALLBACK (record_tickets_changed_cb), log);

  csm_ticket_list_freeze_changes (list);
  csm_ticket_list_freeze_changes (list);
  g_ptr_array_add (second, make_ticket (3, 1, "Support", "new", NULL, NOW));
  g_ptr_array_add (second, make_ticket (1, 1, "Support", "open", NULL, NOW));
  csm_ticket_list_merge (list, second, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpstr (csm_ticket_get_status (csm_ticket_list_lookup (list, 1)), ==, "open");
  g_assert_true (csm_ticket_list_remove (list, 2));
  csm_ticket_list_thaw_changes (list);
  g_assert_cmpstr (log->str, ==, "");
  csm_ticket_list_thaw_changes (list);
  g_assert_cmpstr (log->str, ==, "+1 ~1 -1;");

  /* Thawed, notices go out one by one again. */
  g_assert_true (csm_ticket_list_remove (list, 3));
  g_assert_cmpstr (log->str, ==, "+1 ~1 -1;+0 ~0 -1;");
}

static void
test_export_queues (void)
{
  g_autoptr(GPtrArray) tickets = fixture_tickets ();
  g_autoptr(GPtrArray) summaries = csm_queue_summaries_compute (tickets, NULL, NOW);
  g_autofree char *json = csm_export_queues (summaries, CSM_EXPORT_JSON);
  g_autofree char *csv = csm_export_queues (summaries, CSM_EXPORT_CSV);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;
  JsonObject *support;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  support = json_array_get_object_element (array, 2);
  g_assert_cmpstr (json_object_get_string_member (support, "queue"), ==, "Support");
  g_assert_cmpint (json_object_get_int_member (support, "new"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (support, "open"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (support, "stalled"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (support, "active"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (support, "unassigned"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (support, "oldest_new_age_seconds"), ==, 7200);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (array, 0),
                                              "oldest_new_age_seconds"));
  g_assert_cmpuint (json_object_get_size (support), ==, 7);

  g_assert_cmpstr (csv, ==,
                   "queue,new,open,stalled,active,unassigned,oldest_new_age_seconds\r\n"
                   "Billing,0,1,0,1,0,\r\n"
                   "Secret,1,0,0,1,1,60\r\n"
                   "Support,2,1,1,4,2,7200\r\n");
}

static void
test_export_tickets (void)
{
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  CsmTicket *a = make_ticket (7, 3, "Support", "resolved", "alice", NOW - 7200);
  CsmTicket *b = make_ticket (2, 4, "Billing", "new", NULL, NOW - 60);
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *first, *second;

  _csm_ticket_set_string (&a->subject, "Printer says \"PC LOAD LETTER\", help");
  a->priority = 20;
  a->first_response = NOW - 7000;
  a->resolved = NOW - 3600;
  a->due = NOW - 3000;
  a->sla = g_strdup ("gold");
  a->time_worked = 25;
  g_ptr_array_add (tickets, a);
  g_ptr_array_add (tickets, b);

  json = csm_export_tickets (tickets, CSM_EXPORT_JSON);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  first = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  second = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 1);

  /* written by id */
  g_assert_cmpint (json_object_get_int_member (first, "id"), ==, 2);
  g_assert_true (json_object_get_null_member (first, "owner"));
  g_assert_true (json_object_get_null_member (first, "first_response"));
  g_assert_true (json_object_get_null_member (first, "due"));
  g_assert_true (json_object_get_null_member (first, "sla"));
  g_assert_cmpint (json_object_get_int_member (first, "time_worked_minutes"), ==, 0);

  g_assert_cmpint (json_object_get_int_member (second, "id"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (second, "subject"), ==,
                   "Printer says \"PC LOAD LETTER\", help");
  g_assert_cmpstr (json_object_get_string_member (second, "queue"), ==, "Support");
  g_assert_cmpstr (json_object_get_string_member (second, "status"), ==, "resolved");
  g_assert_cmpstr (json_object_get_string_member (second, "owner"), ==, "alice");
  g_assert_cmpint (json_object_get_int_member (second, "priority"), ==, 20);
  g_assert_cmpstr (json_object_get_string_member (second, "created"), ==, "2026-11-23T10:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (second, "first_response"), ==, "2026-11-23T10:03:20Z");
  g_assert_cmpstr (json_object_get_string_member (second, "resolved"), ==, "2026-11-23T11:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (second, "due"), ==, "2026-11-23T11:10:00Z");
  g_assert_cmpstr (json_object_get_string_member (second, "sla"), ==, "gold");
  g_assert_cmpint (json_object_get_int_member (second, "time_worked_minutes"), ==, 25);
  g_assert_cmpuint (json_object_get_size (second), ==, 12);

  csv = csm_export_tickets (tickets, CSM_EXPORT_CSV);
  g_assert_cmpstr (csv, ==,
                   "id,subject,queue,status,owner,priority,created,first_response,resolved,due,sla,time_worked_minutes\r\n"
                   "2,Ticket 2,Billing,new,,0,2026-11-23T11:59:00Z,,,,,0\r\n"
                   "7,\"Printer says \"\"PC LOAD LETTER\"\", help\",Support,resolved,alice,20,"
                   "2026-11-23T10:00:00Z,2026-11-23T10:03:20Z,2026-11-23T11:00:00Z,2026-11-23T11:10:00Z,gold,25\r\n");
}

static void
test_account_urls (void)
{
  struct { const char *in; const char *out; } ok[] = {
    { "rt.example.com", "https://rt.example.com" },
    { "https://RT.Example.com/", "https://rt.example.com" },
    { "https://rt.example.com/rt/", "https://rt.example.com/rt" },
    { "https://rt.example.com/REST/2.0/", "https://rt.example.com" },
    { "http://127.0.0.1:8088", "http://127.0.0.1:8088" },
    { "  http://127.0.0.1:8088/rt/REST/2.0  ", "http://127.0.0.1:8088/rt" },
  };
  const char *bad[] = { "", "ftp://rt.example.com", "https://", "https://root:pw@rt.example.com" };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = csm_account_normalize_url (ok[i].in, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (url, ==, ok[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = csm_account_normalize_url (bad[i], &error);
      g_assert_null (url);
      g_assert_error (error, CSM_ACCOUNT_ERROR, CSM_ACCOUNT_ERROR_INVALID_URL);
    }

  {
    g_autoptr(CsmAccount) a = csm_account_new ("rt", "https://rt.example.com", CSM_AUTH_TOKEN, NULL);
    g_autoptr(CsmAccount) b = csm_account_new ("rt", "https://rt.example.com", CSM_AUTH_PASSWORD, "alice");
    g_autoptr(CsmAccount) a2 = csm_account_new ("rt", "https://rt.example.com", CSM_AUTH_TOKEN, NULL);
    g_autofree char *label = csm_account_dup_label (b);
    g_autofree char *web = csm_account_dup_web_url (a, 42);

    g_assert_cmpstr (csm_account_get_id (a), ==, csm_account_get_id (a2));
    g_assert_cmpstr (csm_account_get_id (a), !=, csm_account_get_id (b));
    g_assert_cmpuint (strlen (csm_account_get_id (a)), ==, 16);
    g_assert_cmpstr (label, ==, "alice @ rt.example.com");
    g_assert_cmpstr (web, ==, "https://rt.example.com/Ticket/Display.html?id=42");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/time/parse-iso8601", test_time_parse_iso);
  g_test_add_func ("/core/time/parse-sql", test_time_parse_sql);
  g_test_add_func ("/core/time/format", test_time_format);
  g_test_add_func ("/core/time/durations", test_time_durations);
  g_test_add_func ("/core/status/classify", test_status_classify);
  g_test_add_func ("/core/queue-summary/counts", test_queue_summaries);
  g_test_add_func ("/core/ticket-list/freeze", test_ticket_list_freeze);
  g_test_add_func ("/core/queue-summary/update-in-place", test_queue_summary_update_in_place);
  g_test_add_func ("/core/metrics/first-response", test_metrics_first_response);
  g_test_add_func ("/core/metrics/no-reply", test_metrics_no_reply);
  g_test_add_func ("/core/transaction/types", test_transaction_types);
  g_test_add_func ("/core/ticket/sla-remaining", test_sla_remaining);
  g_test_add_func ("/core/ticket/custom-fields", test_custom_fields);
  g_test_add_func ("/core/ticket-list/merge", test_ticket_list_merge);
  g_test_add_func ("/core/export/queues", test_export_queues);
  g_test_add_func ("/core/export/tickets", test_export_tickets);
  g_test_add_func ("/core/account/urls", test_account_urls);

  return g_test_run ();
}
