/* test-agents.c: known-answer tests for the Agents page's figures: presence, load, occupancy, today.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-test-tickets.h"

#include <json-glib/json-glib.h>

#include "csm-agent.h"
#include "csm-agent-board.h"
#include "csm-agent-stats.h"
#include "csm-export.h"
#include "csm-ticket-private.h"
#include "csm-time.h"
#include "csm-transaction.h"

/* 2026-11-23T12:00:00Z, a Monday: 20780 days after 1970-01-01. */
#define NOW ((gint64) 20780 * 86400 + 12 * 3600)
#define MIN_ 60
#define HOUR 3600

static gint64
iso (const char *text)
{
  gint64 t = 0;

  g_assert_true (csm_time_parse_iso8601 (text, &t));
  return t;
}

static GPtrArray *
make_agents (const char *first,
             ...)
{
  GPtrArray *agents = g_ptr_array_new_with_free_func (g_object_unref);
  va_list ap;

  va_start (ap, first);
  for (const char *name = first; name != NULL; name = va_arg (ap, const char *))
    {
      g_autofree char *real = g_strdup_printf ("%c%s Example", g_ascii_toupper (name[0]), name + 1);

      g_ptr_array_add (agents, csm_agent_new (name, real, NULL));
    }
  va_end (ap);
  return agents;
}

static CsmTicket *
make_ticket (gint64      id,
             const char *status,
             const char *owner,
             gint64      created)
{
  return csm_test_ticket_new (id, 1, "General", status, owner, created);
}

static void
add_tx (GPtrArray          *transactions,
        const char         *creator,
        CsmTransactionType  type,
        gint64              created,
        int                 time_taken)
{
  gint64 id = transactions->len + 1;

  g_ptr_array_add (transactions, csm_transaction_new (id, 100 + id, type, created, creator, time_taken));
}

static GPtrArray *
new_transactions (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
}

static GPtrArray *
new_tickets (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

static void
test_defaults (void)
{
  CsmAgentBoardOptions o;
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");

  csm_agent_board_options_init (&o);
  g_assert_cmpuint (o.active_minutes, ==, 15);
  g_assert_cmpuint (o.idle_minutes, ==, 120);
  g_assert_cmpuint (o.default_capacity, ==, 5);
  g_assert_null (o.tz);
  g_assert_cmpint (o.window_seconds, ==, 0);

  g_assert_nonnull (berlin);
  g_assert_cmpint (csm_agent_board_day_start (NULL, NOW), ==, NOW - 12 * HOUR);
  g_assert_cmpint (csm_agent_board_day_start (NULL, NOW - 12 * HOUR), ==, NOW - 12 * HOUR);
  g_assert_cmpint (csm_agent_board_day_start (NULL, NOW - 12 * HOUR - 1), ==, NOW - 36 * HOUR);
  /* 12:00Z is 13:00 CET: Berlin's day began at 23:00Z the day before */
  g_assert_cmpint (csm_agent_board_day_start (berlin, NOW), ==, iso ("2026-11-22T23:00:00Z"));

  g_assert_cmpint (csm_agent_board_window_start (&o, NOW), ==, NOW - 12 * HOUR);
  o.window_seconds = 4 * HOUR;
  g_assert_cmpint (csm_agent_board_window_start (&o, NOW), ==, NOW - 4 * HOUR);
  /* midnight is earlier than the window; 120 min before it for presence */
  g_assert_cmpint (csm_agent_board_transactions_from (&o, NOW), ==, NOW - 14 * HOUR);
  o.window_seconds = 24 * HOUR;
  g_assert_cmpint (csm_agent_board_transactions_from (&o, NOW), ==, NOW - 26 * HOUR);
}

static void
test_presence (void)
{
  g_autoptr(GPtrArray) agents = make_agents ("a", "b", "c", "d", "e", "f", NULL);
  g_autoptr(GPtrArray) txs = new_transactions ();
  g_autoptr(GPtrArray) stats = NULL;
  CsmAgentBoardOptions o;
  struct { CsmPresence presence; gint64 last; } want[] = {
    { CSM_PRESENCE_ACTIVE, NOW - 15 * MIN_ },       /* exactly 15 min: still active */
    { CSM_PRESENCE_IDLE, NOW - 15 * MIN_ - 1 },     /* one second more: idle */
    { CSM_PRESENCE_IDLE, NOW - 120 * MIN_ },        /* exactly 120 min: still idle */
    { CSM_PRESENCE_OFF, NOW - 120 * MIN_ - 1 },     /* one second more: off */
    { CSM_PRESENCE_OFF, CSM_TIME_UNSET },           /* never seen */
    { CSM_PRESENCE_IDLE, NOW - 50 * MIN_ },         /* a transaction after now is ignored */
  };

  add_tx (txs, "a", CSM_TRANSACTION_COMMENT, NOW - 15 * MIN_, 0);
  add_tx (txs, "a", CSM_TRANSACTION_COMMENT, NOW - 3 * HOUR, 0);
  add_tx (txs, "b", CSM_TRANSACTION_STATUS, NOW - 15 * MIN_ - 1, 0);
  add_tx (txs, "c", CSM_TRANSACTION_CORRESPOND, NOW - 120 * MIN_, 0);
  add_tx (txs, "d", CSM_TRANSACTION_SET_OWNER, NOW - 120 * MIN_ - 1, 0);
  add_tx (txs, "f", CSM_TRANSACTION_COMMENT, NOW + 60, 0);
  add_tx (txs, "f", CSM_TRANSACTION_COMMENT, NOW - 50 * MIN_, 0);
  add_tx (txs, "nobody-listed", CSM_TRANSACTION_COMMENT, NOW, 0);
  add_tx (txs, NULL, CSM_TRANSACTION_COMMENT, NOW, 0);

  csm_agent_board_options_init (&o);
  stats = csm_agent_board_compute (agents, NULL, txs, &o, NOW);
  g_assert_cmpuint (stats->len, ==, 6);
  for (guint i = 0; i < stats->len; i++)
    {
      CsmAgentStats *s = g_ptr_array_index (stats, i);

      g_assert_cmpstr (csm_agent_stats_get_name (s), ==,
                       csm_agent_get_name (g_ptr_array_index (agents, i)));
      g_assert_cmpint (csm_agent_stats_get_presence (s), ==, want[i].presence);
      g_assert_cmpint (csm_agent_stats_get_last_activity (s), ==, want[i].last);
    }
  g_assert_cmpstr (csm_agent_stats_get_display_name (g_ptr_array_index (stats, 0)), ==, "A Example");

  /* Other thresholds: 5 and 30 min. */
  g_clear_pointer (&stats, g_ptr_array_unref);
  o.active_minutes = 5;
  o.idle_minutes = 30;
  stats = csm_agent_board_compute (agents, NULL, txs, &o, NOW);
  g_assert_cmpint (csm_agent_stats_get_presence (g_ptr_array_index (stats, 0)), ==, CSM_PRESENCE_IDLE);
  g_assert_cmpint (csm_agent_stats_get_presence (g_ptr_array_index (stats, 2)), ==, CSM_PRESENCE_OFF);
  g_assert_cmpint (csm_agent_stats_get_presence (g_ptr_array_index (stats, 5)), ==, CSM_PRESENCE_OFF);

  g_assert_cmpstr (csm_presence_to_string (CSM_PRESENCE_ACTIVE), ==, "active");
  g_assert_cmpstr (csm_presence_to_string (CSM_PRESENCE_IDLE), ==, "idle");
  g_assert_cmpstr (csm_presence_to_string (CSM_PRESENCE_OFF), ==, "off");
}

static void
test_load (void)
{
  g_autoptr(GPtrArray) agents = make_agents ("alice", "bob", "carol", "dave", NULL);
  g_autoptr(GPtrArray) tickets = new_tickets ();
  g_autoptr(GHashTable) capacities = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) stats = NULL;
  CsmAgentBoardOptions o;
  CsmAgentStats *alice, *bob, *carol, *dave;
  GArray *ids;

  g_ptr_array_add (tickets, make_ticket (10, "new", "alice", NOW - 100));
  g_ptr_array_add (tickets, make_ticket (11, "open", "alice", NOW - 5000));
  g_ptr_array_add (tickets, make_ticket (12, "stalled", "alice", NOW - 300));
  g_ptr_array_add (tickets, make_ticket (13, "resolved", "alice", NOW - 9999));
  g_ptr_array_add (tickets, make_ticket (14, "rejected", "alice", NOW - 9999));
  g_ptr_array_add (tickets, make_ticket (15, "deleted", "alice", NOW - 9999));
  g_ptr_array_add (tickets, make_ticket (16, "open", "carol", NOW - 60));
  g_ptr_array_add (tickets, make_ticket (17, "open", NULL, NOW - 99999));
  g_ptr_array_add (tickets, make_ticket (18, "open", "zed", NOW - 99999));
  g_ptr_array_add (tickets, make_ticket (19, "open", "dave", NOW - 70));
  g_ptr_array_add (tickets, make_ticket (20, "new", "dave", NOW - 70));

  g_hash_table_insert (capacities, (gpointer) "bob", GUINT_TO_POINTER (2));
  g_hash_table_insert (capacities, (gpointer) "carol", GUINT_TO_POINTER (0));
  g_hash_table_insert (capacities, (gpointer) "dave", GUINT_TO_POINTER (3));

  csm_agent_board_options_init (&o);
  o.capacities = capacities;
  stats = csm_agent_board_compute (agents, tickets, NULL, &o, NOW);
  alice = g_ptr_array_index (stats, 0);
  bob = g_ptr_array_index (stats, 1);
  carol = g_ptr_array_index (stats, 2);
  dave = g_ptr_array_index (stats, 3);

  /* new + open + stalled; resolved, rejected and deleted are not active */
  g_assert_cmpuint (csm_agent_stats_get_active_owned (alice), ==, 3);
  g_assert_cmpuint (csm_agent_stats_get_capacity (alice), ==, 5);
  g_assert_cmpfloat_with_epsilon (csm_agent_stats_get_load (alice), 0.6, 1e-12);
  g_assert_cmpint (csm_agent_stats_get_oldest_owned_created (alice), ==, NOW - 5000);
  g_assert_cmpint (csm_agent_stats_get_oldest_owned_id (alice), ==, 11);
  /* oldest first */
  ids = csm_agent_stats_get_owned_ticket_ids (alice);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 11);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 12);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, 10);
  g_assert_cmpuint (csm_agent_stats_get_owned_tickets (alice)->len, ==, 3);
  g_assert_true (g_ptr_array_index (csm_agent_stats_get_owned_tickets (alice), 0) ==
                 g_ptr_array_index (tickets, 1));

  g_assert_cmpuint (csm_agent_stats_get_active_owned (bob), ==, 0);
  g_assert_cmpuint (csm_agent_stats_get_capacity (bob), ==, 2);
  g_assert_cmpfloat (csm_agent_stats_get_load (bob), ==, 0.0);
  g_assert_cmpint (csm_agent_stats_get_oldest_owned_created (bob), ==, CSM_TIME_UNSET);

  /* capacity 0 is honoured: load not computable */
  g_assert_cmpuint (csm_agent_stats_get_capacity (carol), ==, 0);
  g_assert_cmpuint (csm_agent_stats_get_active_owned (carol), ==, 1);
  g_assert_cmpfloat (csm_agent_stats_get_load (carol), ==, -1.0);

  /* 2 ÷ 3; same created: by id */
  g_assert_cmpfloat_with_epsilon (csm_agent_stats_get_load (dave), 2.0 / 3.0, 1e-12);
  g_assert_cmpint (csm_agent_stats_get_oldest_owned_id (dave), ==, 19);

  /* a zero default capacity means the default */
  g_clear_pointer (&stats, g_ptr_array_unref);
  o.default_capacity = 0;
  o.capacities = NULL;
  stats = csm_agent_board_compute (agents, tickets, NULL, &o, NOW);
  g_assert_cmpuint (csm_agent_stats_get_capacity (g_ptr_array_index (stats, 2)), ==, 5);
  g_assert_cmpfloat_with_epsilon (csm_agent_stats_get_load (g_ptr_array_index (stats, 2)), 0.2, 1e-12);
}

static void
assert_intervals (GArray       *intervals,
                  const gint64 *want,
                  guint         n_want)
{
  g_assert_cmpuint (intervals->len, ==, n_want);
  for (guint i = 0; i < n_want; i++)
    {
      CsmActiveInterval *iv = &g_array_index (intervals, CsmActiveInterval, i);

      g_assert_cmpint (iv->start, ==, want[2 * i]);
      g_assert_cmpint (iv->end, ==, want[2 * i + 1]);
    }
}

/* Without a shift, available time is the inferred active time. Window
 * [11:00, 12:00]; 15 min before each transaction, or its TimeTaken if longer:
 *   t0 10:58:20 TT 30 → [10:28:20, 10:58:20]  before the window
 *   t5 11:01:40 TT 10 → [10:51:40, 11:01:40]  handle in window: 100 s
 *   t1 11:10    TT 0  → [10:55,    11:10]
 *   t2 11:20    TT 20 → [11:00,    11:20]     handle in window: 1200 s
 *   t3 11:50    TT 5  → [11:35,    11:50]     handle 300 s
 *   t4 11:55    TT 0  → [11:40,    11:55]
 * union: [10:28:20, 11:20] and [11:35, 11:55]; in the window 20 + 20 min
 * = 2400 s; handle 1600 s; occupancy 2/3. */
static void
test_occupancy_inferred (void)
{
  g_autoptr(GPtrArray) agents = make_agents ("alice", "bob", NULL);
  g_autoptr(GPtrArray) txs = new_transactions ();
  g_autoptr(GPtrArray) stats = NULL;
  CsmAgentBoardOptions o;
  CsmAgentStats *alice, *bob;
  const gint64 today[] = { NOW - 5500, NOW - 2400, NOW - 1500, NOW - 300 };

  /* in shuffled order */
  add_tx (txs, "alice", CSM_TRANSACTION_CORRESPOND, NOW - 600, 5);    /* t3 */
  add_tx (txs, "alice", CSM_TRANSACTION_CORRESPOND, NOW - 3700, 30);  /* t0 */
  add_tx (txs, "alice", CSM_TRANSACTION_COMMENT, NOW - 300, 0);       /* t4 */
  add_tx (txs, "alice", CSM_TRANSACTION_CORRESPOND, NOW - 2400, 20);  /* t2 */
  add_tx (txs, "alice", CSM_TRANSACTION_COMMENT, NOW - 3000, 0);      /* t1 */
  add_tx (txs, "alice", CSM_TRANSACTION_STATUS, NOW - 3500, 10);      /* t5 */

  csm_agent_board_options_init (&o);
  o.window_seconds = HOUR;
  stats = csm_agent_board_compute (agents, NULL, txs, &o, NOW);
  alice = g_ptr_array_index (stats, 0);
  bob = g_ptr_array_index (stats, 1);

  g_assert_false (csm_agent_stats_get_has_shift (alice));
  g_assert_cmpint (csm_agent_stats_get_window_start (alice), ==, NOW - HOUR);
  g_assert_cmpint (csm_agent_stats_get_available_seconds (alice), ==, 2400);
  g_assert_cmpint (csm_agent_stats_get_handle_seconds_window (alice), ==, 1600);
  g_assert_cmpfloat_with_epsilon (csm_agent_stats_get_occupancy (alice), 2.0 / 3.0, 1e-12);
  /* today: all six, 30+10+0+20+5+0 min, three replies */
  g_assert_cmpint (csm_agent_stats_get_handle_seconds_today (alice), ==, 65 * MIN_);
  g_assert_cmpuint (csm_agent_stats_get_replies_today (alice), ==, 3);
  g_assert_cmpuint (csm_agent_stats_get_events (alice)->len, ==, 6);
  assert_intervals (csm_agent_stats_get_active_intervals (alice), today, 2);
  for (guint i = 1; i < 6; i++)
    g_assert_cmpint (csm_transaction_compare_by_time (&csm_agent_stats_get_events (alice)->pdata[i - 1],
                                                      &csm_agent_stats_get_events (alice)->pdata[i]), <, 0);

  /* nothing seen: nothing available, occupancy not computable */
  g_assert_cmpint (csm_agent_stats_get_available_seconds (bob), ==, 0);
  g_assert_cmpfloat (csm_agent_stats_get_occupancy (bob), ==, -1.0);

  /* Since midnight: available = 5500 − 2400 + 1500 − 300 = 4300 s; all the
   * handle time lies after midnight: 3900 s. */
  g_clear_pointer (&stats, g_ptr_array_unref);
  o.window_seconds = 0;
  stats = csm_agent_board_compute (agents, NULL, txs, &o, NOW);
  alice = g_ptr_array_index (stats, 0);
  g_assert_cmpint (csm_agent_stats_get_available_seconds (alice), ==, 4300);
  g_assert_cmpint (csm_agent_stats_get_handle_seconds_window (alice), ==, 3900);
  g_assert_cmpfloat_with_epsilon (csm_agent_stats_get_occupancy (alice), 3900.0 / 4300.0, 1e-12);
}

/* Activity merging: touching, nested and swallowed intervals, and one that
 * began before midnight (clipped to the day). Active 15 min. */
static void
test_intervals (void)
{
  g_autoptr(GPtrArray) agents = make_agents ("alice", NULL);
  g_autoptr(GPtrArray) txs = new_transactions ();
  g_autoptr(GPtrArray) stats = NULL;
  gint64 day = NOW - 12 * HOUR;
#define AT(h, m) (day + (h) * HOUR + (m) * MIN_)
  const gint64 want[] = {
    AT (0, 0), AT (0, 5),
    AT (8, 45), AT (9, 15),
    AT (9, 30), AT (10, 30),
    AT (11, 44), AT (11, 59),
  };

  add_tx (txs, "alice", CSM_TRANSACTION_COMMENT, AT (10, 20), 0);  /* [10:05, 10:20] nested */
  add_tx (txs, "alice", CSM_TRANSACTION_COMMENT, AT (9, 15), 0);   /* [09:00, 09:15] touches */
  add_tx (txs, "alice", CSM_TRANSACTION_COMMENT, AT (11, 59), 0);
  add_tx (txs, "alice", CSM_TRANSACTION_COMMENT, AT (10, 0), 0);   /* [09:45, 10:00] swallowed */
  add_tx (txs, "alice", CSM_TRANSACTION_COMMENT, AT (0, 5), 0);    /* [23:50, 00:05] */
  add_tx (txs, "alice", CSM_TRANSACTION_CORRESPOND, AT (10, 30), 60); /* [09:30, 10:30] */
  add_tx (txs, "alice", CSM_TRANSACTION_COMMENT, AT (9, 0), 0);    /* [08:45, 09:00] */
  add_tx (txs, "alice", CSM_TRANSACTION_COMMENT, AT (-1, 0), 0);   /* yesterday */

  stats = csm_agent_board_compute (agents, NULL, txs, NULL, NOW);
  assert_intervals (csm_agent_stats_get_active_intervals (g_ptr_array_index (stats, 0)),
                    want, G_N_ELEMENTS (want) / 2);
  /* yesterday's transaction is not an event of today */
  g_assert_cmpuint (csm_agent_stats_get_events (g_ptr_array_index (stats, 0))->len, ==, 7);
  /* window since midnight: 5 + 30 + 60 + 15 min */
  g_assert_cmpint (csm_agent_stats_get_available_seconds (g_ptr_array_index (stats, 0)), ==, 110 * MIN_);
#undef AT
}

static void
test_occupancy_shift (void)
{
  g_autoptr(GPtrArray) agents = make_agents ("alice", "carol", "dave", "erin", NULL);
  g_autoptr(GPtrArray) txs = new_transactions ();
  g_autoptr(GHashTable) shifts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) stats = NULL;
  CsmShift office = { CSM_SHIFT_WEEKDAYS, 9 * 60, 17 * 60 };
  CsmShift sunday_night = { 1u << G_DATE_SUNDAY, 22 * 60, 6 * 60 };
  CsmShift monday_night = { 1u << G_DATE_MONDAY, 22 * 60, 6 * 60 };
  CsmAgentBoardOptions o;
  gint64 monday_2am = NOW - 10 * HOUR;
  CsmAgentStats *s;

  g_hash_table_insert (shifts, (gpointer) "alice", &office);
  g_hash_table_insert (shifts, (gpointer) "carol", &sunday_night);
  g_hash_table_insert (shifts, (gpointer) "dave", &monday_night);

  /* Monday 12:00, window 4 h = [08:00, 12:00]: the shift gives 09:00–12:00.
   * 60 min logged at 11:00 all count; 60 min logged at 08:30 began before
   * the window: 30 min count. 5400 ÷ 10800. */
  add_tx (txs, "alice", CSM_TRANSACTION_CORRESPOND, NOW - HOUR, 60);
  add_tx (txs, "alice", CSM_TRANSACTION_CORRESPOND, NOW - 3 * HOUR - 30 * MIN_, 60);
  csm_agent_board_options_init (&o);
  o.shifts = shifts;
  o.window_seconds = 4 * HOUR;
  stats = csm_agent_board_compute (agents, NULL, txs, &o, NOW);
  s = g_ptr_array_index (stats, 0);
  g_assert_true (csm_agent_stats_get_has_shift (s));
  g_assert_cmpint (csm_agent_stats_get_available_seconds (s), ==, 3 * HOUR);
  g_assert_cmpint (csm_agent_stats_get_handle_seconds_window (s), ==, 90 * MIN_);
  g_assert_cmpfloat_with_epsilon (csm_agent_stats_get_occupancy (s), 0.5, 1e-12);
  /* a shift with no work in it: 0, not "not computable" */
  s = g_ptr_array_index (stats, 2);
  g_assert_cmpint (csm_agent_stats_get_available_seconds (s), ==, 0);
  g_clear_pointer (&stats, g_ptr_array_unref);

  /* Monday 02:00, window 4 h = [Sun 22:00, Mon 02:00], across midnight.
   * carol's Sunday shift 22:00–06:00 covers all of it: 4 h.
   * dave's Monday-night shift has not begun (a shift belongs to its start day).
   * erin has no shift: [23:20, 23:50] (30 min logged at 23:50) and [23:55,
   * 00:10] (15 min before 00:10): 45 min available, 30 min handled.
   * Today (from Monday 00:00) erin has one event and [00:00, 00:10]. */
  add_tx (txs, "carol", CSM_TRANSACTION_CORRESPOND, monday_2am - 30 * MIN_, 90);
  add_tx (txs, "erin", CSM_TRANSACTION_CORRESPOND, monday_2am - 2 * HOUR - 10 * MIN_, 30);
  add_tx (txs, "erin", CSM_TRANSACTION_COMMENT, monday_2am - HOUR - 50 * MIN_, 0);
  stats = csm_agent_board_compute (agents, NULL, txs, &o, monday_2am);

  s = g_ptr_array_index (stats, 1);
  g_assert_cmpint (csm_agent_stats_get_available_seconds (s), ==, 4 * HOUR);
  g_assert_cmpint (csm_agent_stats_get_handle_seconds_window (s), ==, 90 * MIN_);
  g_assert_cmpfloat_with_epsilon (csm_agent_stats_get_occupancy (s), 0.375, 1e-12);

  s = g_ptr_array_index (stats, 2);
  g_assert_true (csm_agent_stats_get_has_shift (s));
  g_assert_cmpint (csm_agent_stats_get_available_seconds (s), ==, 0);
  g_assert_cmpfloat (csm_agent_stats_get_occupancy (s), ==, -1.0);

  s = g_ptr_array_index (stats, 3);
  {
    const gint64 today[] = { monday_2am - 2 * HOUR, monday_2am - HOUR - 50 * MIN_ };

    g_assert_false (csm_agent_stats_get_has_shift (s));
    g_assert_cmpint (csm_agent_stats_get_available_seconds (s), ==, 45 * MIN_);
    g_assert_cmpint (csm_agent_stats_get_handle_seconds_window (s), ==, 30 * MIN_);
    g_assert_cmpfloat_with_epsilon (csm_agent_stats_get_occupancy (s), 2.0 / 3.0, 1e-12);
    g_assert_cmpint (csm_agent_stats_get_handle_seconds_today (s), ==, 0);
    g_assert_cmpuint (csm_agent_stats_get_replies_today (s), ==, 0);
    g_assert_cmpuint (csm_agent_stats_get_events (s)->len, ==, 1);
    assert_intervals (csm_agent_stats_get_active_intervals (s), today, 1);
  }
}

/* Shifts are wall-clock times: across Europe/Berlin's 2026 changes (29 March
 * 02:00 CET → 03:00 CEST; 25 October 03:00 CEST → 02:00 CET) a night shift
 * 22:00–06:00 lasts 7 h and 9 h; a day shift 09:00–17:00 stays 8 h. */
static void
test_shift_dst (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  CsmShift night = { CSM_SHIFT_ALL_DAYS, 22 * 60, 6 * 60 };
  CsmShift day = { CSM_SHIFT_ALL_DAYS, 9 * 60, 17 * 60 };
  CsmShift saturday_day = { 1u << G_DATE_SATURDAY, 9 * 60, 17 * 60 };
  CsmShift always = { CSM_SHIFT_ALL_DAYS, 0, 0 };

  g_assert_nonnull (berlin);
  /* Sat 28 Mar 22:00 CET (21:00Z) → Sun 06:00 CEST (04:00Z) */
  g_assert_cmpint (csm_shift_seconds_between (&night, berlin, iso ("2026-03-28T12:00:00Z"),
                                              iso ("2026-03-29T12:00:00Z")), ==, 7 * HOUR);
  /* Sat 24 Oct 22:00 CEST (20:00Z) → Sun 06:00 CET (05:00Z) */
  g_assert_cmpint (csm_shift_seconds_between (&night, berlin, iso ("2026-10-24T12:00:00Z"),
                                              iso ("2026-10-25T12:00:00Z")), ==, 9 * HOUR);
  /* 29 March 09:00–17:00 CEST = 07:00Z–15:00Z */
  g_assert_cmpint (csm_shift_seconds_between (&day, berlin, iso ("2026-03-29T00:00:00Z"),
                                              iso ("2026-03-30T00:00:00Z")), ==, 8 * HOUR);
  /* clipped on both sides: 08:00Z–14:30Z of 07:00Z–15:00Z */
  g_assert_cmpint (csm_shift_seconds_between (&day, berlin, iso ("2026-03-29T08:00:00Z"),
                                              iso ("2026-03-29T14:30:00Z")), ==, 6 * HOUR + 30 * MIN_);
  /* 28 March is a Saturday, 29 March a Sunday */
  g_assert_cmpint (csm_shift_seconds_between (&saturday_day, berlin, iso ("2026-03-28T00:00:00Z"),
                                              iso ("2026-03-30T00:00:00Z")), ==, 8 * HOUR);
  /* a 24-hour shift on the 25-hour day: every real second counts */
  g_assert_cmpint (csm_shift_seconds_between (&always, berlin, iso ("2026-10-24T22:00:00Z"),
                                              iso ("2026-10-25T23:00:00Z")), ==, 25 * HOUR);
  g_assert_cmpint (csm_shift_seconds_between (&day, berlin, iso ("2026-03-29T12:00:00Z"),
                                              iso ("2026-03-29T12:00:00Z")), ==, 0);
  /* UTC when no zone */
  g_assert_cmpint (csm_shift_seconds_between (&day, NULL, iso ("2026-03-29T00:00:00Z"),
                                              iso ("2026-03-29T10:00:00Z")), ==, HOUR);
}

/* Today in Europe/Berlin on both 2026 change days. */
static void
test_today_berlin_dst (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GPtrArray) agents = make_agents ("alice", NULL);
  g_autoptr(GHashTable) shifts = g_hash_table_new (g_str_hash, g_str_equal);
  CsmShift always = { CSM_SHIFT_ALL_DAYS, 0, 0 };
  CsmAgentBoardOptions o;

  csm_agent_board_options_init (&o);
  o.tz = berlin;

  /* Spring: now 2026-03-29 12:00 CEST = 10:00Z; the day began at 00:00 CET
   * = 28 March 23:00Z, 11 real hours earlier. */
  {
    g_autoptr(GPtrArray) txs = new_transactions ();
    g_autoptr(GPtrArray) stats = NULL;
    gint64 now = iso ("2026-03-29T10:00:00Z");
    CsmAgentStats *s;

    g_assert_cmpint (csm_agent_board_day_start (berlin, now), ==, iso ("2026-03-28T23:00:00Z"));
    add_tx (txs, "alice", CSM_TRANSACTION_CORRESPOND, iso ("2026-03-28T22:59:59Z"), 10); /* Sat 23:59:59 */
    add_tx (txs, "alice", CSM_TRANSACTION_CORRESPOND, iso ("2026-03-28T23:00:00Z"), 5);  /* Sun 00:00 */
    add_tx (txs, "alice", CSM_TRANSACTION_COMMENT, iso ("2026-03-29T00:30:00Z"), 15);    /* 01:30 CET */
    add_tx (txs, "alice", CSM_TRANSACTION_CORRESPOND, iso ("2026-03-29T01:30:00Z"), 20); /* 03:30 CEST */
    add_tx (txs, "alice", CSM_TRANSACTION_CORRESPOND, now, 1);
    add_tx (txs, "alice", CSM_TRANSACTION_CORRESPOND, now + 1, 30);                      /* future */

    stats = csm_agent_board_compute (agents, NULL, txs, &o, now);
    s = g_ptr_array_index (stats, 0);
    g_assert_cmpint (csm_agent_stats_get_handle_seconds_today (s), ==, 41 * MIN_);
    g_assert_cmpuint (csm_agent_stats_get_replies_today (s), ==, 3);
    g_assert_cmpuint (csm_agent_stats_get_events (s)->len, ==, 4);
    g_assert_cmpint (((CsmTransaction *) g_ptr_array_index (csm_agent_stats_get_events (s), 0))->created,
                     ==, iso ("2026-03-28T23:00:00Z"));
    g_assert_cmpint (csm_agent_stats_get_window_start (s), ==, iso ("2026-03-28T23:00:00Z"));
    g_assert_cmpint (csm_agent_stats_get_last_activity (s), ==, now);

    /* the same figures with UTC days: the day starts an hour later */
    g_clear_pointer (&stats, g_ptr_array_unref);
    o.tz = NULL;
    stats = csm_agent_board_compute (agents, NULL, txs, &o, now);
    s = g_ptr_array_index (stats, 0);
    g_assert_cmpint (csm_agent_stats_get_handle_seconds_today (s), ==, 36 * MIN_);
    g_assert_cmpuint (csm_agent_stats_get_replies_today (s), ==, 2);
    o.tz = berlin;
  }

  /* Autumn: now 2026-10-25 13:00 CET = 12:00Z; the day began at 00:00 CEST
   * = 24 October 22:00Z, 14 real hours earlier (13 on the wall clock).
   * 02:30 happens twice (00:30Z and 01:30Z): both count. A 24-hour shift
   * makes all 14 h available. */
  {
    g_autoptr(GPtrArray) txs = new_transactions ();
    g_autoptr(GPtrArray) stats = NULL;
    gint64 now = iso ("2026-10-25T12:00:00Z");
    CsmAgentStats *s;

    g_assert_cmpint (csm_agent_board_day_start (berlin, now), ==, iso ("2026-10-24T22:00:00Z"));
    add_tx (txs, "alice", CSM_TRANSACTION_CORRESPOND, iso ("2026-10-24T21:59:59Z"), 10);
    add_tx (txs, "alice", CSM_TRANSACTION_CORRESPOND, iso ("2026-10-24T22:00:00Z"), 7);
    add_tx (txs, "alice", CSM_TRANSACTION_CORRESPOND, iso ("2026-10-25T00:30:00Z"), 11);
    add_tx (txs, "alice", CSM_TRANSACTION_CORRESPOND, iso ("2026-10-25T01:30:00Z"), 13);
    add_tx (txs, "alice", CSM_TRANSACTION_COMMENT, iso ("2026-10-25T11:00:00Z"), 0);

    g_hash_table_insert (shifts, (gpointer) "alice", &always);
    o.shifts = shifts;
    stats = csm_agent_board_compute (agents, NULL, txs, &o, now);
    s = g_ptr_array_index (stats, 0);
    g_assert_cmpint (csm_agent_stats_get_handle_seconds_today (s), ==, 31 * MIN_);
    g_assert_cmpuint (csm_agent_stats_get_replies_today (s), ==, 3);
    g_assert_cmpuint (csm_agent_stats_get_events (s)->len, ==, 4);
    g_assert_cmpint (csm_agent_stats_get_available_seconds (s), ==, 14 * HOUR);
    /* the 7 min logged at midnight ended at midnight: none in the window */
    g_assert_cmpint (csm_agent_stats_get_handle_seconds_window (s), ==, 24 * MIN_);
    g_assert_cmpfloat_with_epsilon (csm_agent_stats_get_occupancy (s), 24.0 / (14 * 60), 1e-12);
  }
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
record_notify (GObject    *object,
               GParamSpec *pspec,
               GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
}

/* The notified properties, sorted (thawing emits them in no promised order),
 * each once: freeze_notify merges repeats. */
static char *
notified (GString *log)
{
  g_auto(GStrv) names = g_strsplit (log->str, ";", -1);
  guint n = g_strv_length (names);

  qsort (names, n, sizeof (char *), compare_strings);
  return g_strjoinv (" ", names);
}

static void
test_update_from (void)
{
  g_autoptr(GPtrArray) agents = make_agents ("alice", NULL);
  g_autoptr(GPtrArray) tickets = new_tickets ();
  g_autoptr(GPtrArray) txs = new_transactions ();
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) more = NULL;
  g_autoptr(GPtrArray) active = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  CsmAgentStats *row;

  g_ptr_array_add (tickets, make_ticket (1, "open", "alice", NOW - 500));
  g_ptr_array_add (tickets, make_ticket (2, "new", "alice", NOW - 400));
  first = csm_agent_board_compute (agents, tickets, txs, NULL, NOW);
  row = g_ptr_array_index (first, 0);
  g_signal_connect (row, "notify", G_CALLBACK (record_notify), log);

  /* the same inputs: nothing changes, nothing is announced */
  again = csm_agent_board_compute (agents, tickets, txs, NULL, NOW);
  g_assert_false (csm_agent_stats_update_from (row, g_ptr_array_index (again, 0)));
  g_assert_cmpstr (log->str, ==, "");

  /* one more owned ticket, newer than the oldest */
  g_ptr_array_add (tickets, make_ticket (3, "stalled", "alice", NOW - 100));
  more = csm_agent_board_compute (agents, tickets, txs, NULL, NOW);
  g_assert_true (csm_agent_stats_update_from (row, g_ptr_array_index (more, 0)));
  {
    g_autofree char *names = notified (log);

    g_assert_cmpstr (names, ==, " active-owned load owned-tickets");
  }
  g_assert_cmpuint (csm_agent_stats_get_active_owned (row), ==, 3);
  g_assert_cmpfloat_with_epsilon (csm_agent_stats_get_load (row), 0.6, 1e-12);
  g_assert_cmpuint (csm_agent_stats_get_owned_ticket_ids (row)->len, ==, 3);

  /* a reply a minute ago: presence, last activity, replies, events, the
   * timeline, available time and occupancy (0 handled ÷ 15 min) change */
  g_string_truncate (log, 0);
  add_tx (txs, "alice", CSM_TRANSACTION_CORRESPOND, NOW - 60, 0);
  active = csm_agent_board_compute (agents, tickets, txs, NULL, NOW);
  g_assert_true (csm_agent_stats_update_from (row, g_ptr_array_index (active, 0)));
  {
    g_autofree char *names = notified (log);

    g_assert_cmpstr (names, ==, " active-intervals available-seconds events last-activity "
                                "occupancy presence replies-today");
  }
  g_assert_cmpint (csm_agent_stats_get_presence (row), ==, CSM_PRESENCE_ACTIVE);
  g_assert_cmpfloat (csm_agent_stats_get_occupancy (row), ==, 0.0);
  g_assert_cmpint (csm_agent_stats_get_available_seconds (row), ==, 15 * MIN_);
  g_assert_cmpuint (csm_agent_stats_get_events (row)->len, ==, 1);

  /* and back again */
  g_string_truncate (log, 0);
  g_assert_true (csm_agent_stats_update_from (row, g_ptr_array_index (more, 0)));
  g_assert_cmpint (csm_agent_stats_get_presence (row), ==, CSM_PRESENCE_OFF);
  g_assert_cmpfloat (csm_agent_stats_get_occupancy (row), ==, -1.0);
  g_assert_false (csm_agent_stats_update_from (row, g_ptr_array_index (more, 0)));

  g_signal_handlers_disconnect_by_func (row, record_notify, log);
}

static void
test_export (void)
{
  g_autoptr(GPtrArray) agents = make_agents ("alice", "bob", "carol", NULL);
  g_autoptr(GPtrArray) tickets = new_tickets ();
  g_autoptr(GPtrArray) txs = new_transactions ();
  g_autoptr(GHashTable) capacities = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  CsmAgentBoardOptions o;
  JsonArray *rows;
  JsonObject *alice, *bob;

  /* alice: 2 of 3 owned; 12 min + 8 min logged, 2 replies; window since
   * midnight: [11:00, 11:15] with 12 min handled and [11:35, 11:50] with 8:
   * 20 ÷ 30 min. bob: capacity 1, owns 1. carol: capacity 0, nothing seen. */
  g_ptr_array_add (tickets, make_ticket (1, "open", "alice", NOW - 500));
  g_ptr_array_add (tickets, make_ticket (2, "new", "alice", NOW - 400));
  g_ptr_array_add (tickets, make_ticket (3, "open", "bob", NOW - 400));
  add_tx (txs, "alice", CSM_TRANSACTION_CORRESPOND, NOW - 45 * MIN_, 12);
  add_tx (txs, "alice", CSM_TRANSACTION_CORRESPOND, NOW - 10 * MIN_, 8);
  g_hash_table_insert (capacities, (gpointer) "alice", GUINT_TO_POINTER (3));
  g_hash_table_insert (capacities, (gpointer) "bob", GUINT_TO_POINTER (1));
  g_hash_table_insert (capacities, (gpointer) "carol", GUINT_TO_POINTER (0));
  csm_agent_board_options_init (&o);
  o.capacities = capacities;
  stats = csm_agent_board_compute (agents, tickets, txs, &o, NOW);

  csv = csm_export_agents (stats, CSM_EXPORT_CSV);
  g_assert_cmpstr (csv, ==,
                   "agent,presence,active,capacity,load,handle_minutes_today,replies_today,occupancy\r\n"
                   "alice,active,2,3,0.667,20,2,0.667\r\n"
                   "bob,off,1,1,1.0,0,0,\r\n"
                   "carol,off,0,0,,0,0,\r\n");

  json = csm_export_agents (stats, CSM_EXPORT_JSON);
  g_assert_nonnull (strstr (json, "\"load\" : 0.667,"));
  g_assert_null (strstr (json, "u0001"));
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  rows = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (rows), ==, 3);
  alice = json_array_get_object_element (rows, 0);
  bob = json_array_get_object_element (rows, 1);
  g_assert_cmpuint (json_object_get_size (alice), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (alice, "agent"), ==, "alice");
  g_assert_cmpstr (json_object_get_string_member (alice, "presence"), ==, "active");
  g_assert_cmpint (json_object_get_int_member (alice, "active"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (alice, "capacity"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (alice, "load"), ==, 0.667);
  g_assert_cmpint (json_object_get_int_member (alice, "handle_minutes_today"), ==, 20);
  g_assert_cmpint (json_object_get_int_member (alice, "replies_today"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (alice, "occupancy"), ==, 0.667);
  g_assert_cmpfloat (json_object_get_double_member (bob, "load"), ==, 1.0);
  g_assert_true (json_object_get_null_member (bob, "occupancy"));
  g_assert_true (json_object_get_null_member (json_array_get_object_element (rows, 2), "load"));
}

/* A name holding U+0001 must not be mistaken for a number. */
static void
test_export_marker_safe (void)
{
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) tickets = new_tickets ();
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonObject *row;

  g_ptr_array_add (agents, csm_agent_new ("\0014\001", NULL, NULL));
  g_ptr_array_add (tickets, make_ticket (1, "open", "\0014\001", NOW - 500));
  stats = csm_agent_board_compute (agents, tickets, NULL, NULL, NOW);
  json = csm_export_agents (stats, CSM_EXPORT_JSON);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  row = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_cmpstr (json_object_get_string_member (row, "agent"), ==, "\0014\001");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (row, "load"), 0.2, 1e-12);
}

static void
test_formula (void)
{
  const char *columns[] = {
    "presence", "active", "capacity", "load", "handle-today", "replies-today", "occupancy", "oldest",
  };
  g_autoptr(GPtrArray) agents = make_agents ("alice", NULL);
  g_autoptr(GPtrArray) tickets = new_tickets ();
  g_autoptr(GPtrArray) txs = new_transactions ();
  g_autoptr(GPtrArray) stats = NULL;
  CsmAgentBoardOptions o;
  CsmAgentStats *s;

  csm_agent_board_options_init (&o);
  o.window_seconds = 4 * HOUR;
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *text = csm_agent_board_dup_formula (columns[i], &o);

      g_assert_nonnull (text);
      g_assert_cmpuint (strlen (text), >, 20);
    }
  g_assert_null (csm_agent_board_dup_formula ("nonsense", &o));
  {
    g_autofree char *presence = csm_agent_board_dup_formula ("presence", &o);
    g_autofree char *occupancy = csm_agent_board_dup_formula ("occupancy", &o);

    g_assert_nonnull (strstr (presence, "at most 15 min old"));
    g_assert_nonnull (strstr (presence, "at most 120 min"));
    g_assert_nonnull (strstr (occupancy, "over the last 4 h."));
  }

  g_ptr_array_add (tickets, make_ticket (7, "open", "alice", NOW - 2 * HOUR));
  g_ptr_array_add (tickets, make_ticket (8, "open", "alice", NOW - HOUR));
  add_tx (txs, "alice", CSM_TRANSACTION_CORRESPOND, NOW - 40 * MIN_, 30);
  stats = csm_agent_board_compute (agents, tickets, txs, &o, NOW);
  s = g_ptr_array_index (stats, 0);
  {
    g_autofree char *load = csm_agent_stats_dup_explanation (s, "load");
    g_autofree char *occupancy = csm_agent_stats_dup_explanation (s, "occupancy");
    g_autofree char *presence = csm_agent_stats_dup_explanation (s, "presence");
    g_autofree char *oldest = csm_agent_stats_dup_explanation (s, "oldest");

    g_assert_cmpstr (load, ==, "2 active owned ÷ capacity 5 = 40 %");
    g_assert_cmpstr (occupancy, ==, "30 min handled ÷ 30 min inferred active in the window = 100 %");
    g_assert_cmpstr (presence, ==, "Idle: last own transaction 40 min ago (active ≤ 15 min, idle ≤ 120 min)");
    g_assert_cmpstr (oldest, ==, "#7, created 2 h ago");
    g_assert_null (csm_agent_stats_dup_explanation (s, "nonsense"));
  }
}

/* 100,000 tickets, 500 agents, 25,000 transactions over the day: a
 * measurement, printed; the sums are checked so the work is not skipped. */
static void
test_benchmark (void)
{
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) tickets = new_tickets ();
  g_autoptr(GPtrArray) txs = new_transactions ();
  g_autoptr(GHashTable) shifts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  CsmShift office = { CSM_SHIFT_WEEKDAYS, 8 * 60, 17 * 60 };
  static const char * const statuses[] = { "new", "open", "stalled", "resolved" };
  CsmAgentBoardOptions o;
  guint64 want_owned = 0, got_owned = 0;
  gint64 want_handle = 0, got_handle = 0;
  gint64 day_start = csm_agent_board_day_start (berlin, NOW);
  double best = G_MAXDOUBLE;
  GRand *rand = g_rand_new_with_seed (4);

  for (guint i = 0; i < 500; i++)
    {
      char *name = g_strdup_printf ("agent%03u", i);

      g_ptr_array_add (names, name);
      g_ptr_array_add (agents, csm_agent_new (name, NULL, NULL));
      if (i % 2 == 0)
        g_hash_table_insert (shifts, name, &office);
    }
  for (guint i = 0; i < 100000; i++)
    {
      guint a = g_rand_int_range (rand, 0, 600);
      const char *status = statuses[g_rand_int_range (rand, 0, 4)];
      const char *owner = a < 500 ? g_ptr_array_index (names, a) : NULL;

      g_ptr_array_add (tickets, make_ticket (i + 1, status, owner, NOW - g_rand_int_range (rand, 0, 90 * 86400)));
      if (owner != NULL && g_strcmp0 (status, "resolved") != 0)
        want_owned++;
    }
  for (guint i = 0; i < 25000; i++)
    {
      guint a = g_rand_int_range (rand, 0, 500);
      gint64 created = NOW - g_rand_int_range (rand, 0, 16 * HOUR);
      int taken = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 1, 30) : 0;

      add_tx (txs, g_ptr_array_index (names, a), g_rand_int_range (rand, 0, 2)
              ? CSM_TRANSACTION_CORRESPOND : CSM_TRANSACTION_COMMENT, created, taken);
      if (created >= day_start)
        want_handle += taken * 60;
    }
  g_rand_free (rand);

  csm_agent_board_options_init (&o);
  o.tz = berlin;
  o.shifts = shifts;
  o.window_seconds = 4 * HOUR;

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GPtrArray) stats = NULL;
      gint64 start = g_get_monotonic_time ();

      stats = csm_agent_board_compute (agents, tickets, txs, &o, NOW);
      best = MIN (best, (g_get_monotonic_time () - start) / 1000.0);

      got_owned = 0;
      got_handle = 0;
      for (guint i = 0; i < stats->len; i++)
        {
          got_owned += csm_agent_stats_get_active_owned (g_ptr_array_index (stats, i));
          got_handle += csm_agent_stats_get_handle_seconds_today (g_ptr_array_index (stats, i));
        }
      g_assert_cmpuint (stats->len, ==, 500);
    }
  g_assert_cmpuint (got_owned, ==, want_owned);
  g_assert_cmpint (got_handle, ==, want_handle);
  g_test_message ("agent board: 100,000 tickets, 500 agents, 25,000 transactions: %.1f ms (best of 3; goal < 50 ms)",
                  best);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/agents/defaults", test_defaults);
  g_test_add_func ("/core/agents/presence", test_presence);
  g_test_add_func ("/core/agents/load", test_load);
  g_test_add_func ("/core/agents/occupancy/inferred", test_occupancy_inferred);
  g_test_add_func ("/core/agents/occupancy/shift", test_occupancy_shift);
  g_test_add_func ("/core/agents/shift/dst", test_shift_dst);
  g_test_add_func ("/core/agents/today/berlin-dst", test_today_berlin_dst);
  g_test_add_func ("/core/agents/intervals", test_intervals);
  g_test_add_func ("/core/agents/update-from", test_update_from);
  g_test_add_func ("/core/agents/export", test_export);
  g_test_add_func ("/core/agents/export/marker", test_export_marker_safe);
  g_test_add_func ("/core/agents/formula", test_formula);
  g_test_add_func ("/core/agents/benchmark", test_benchmark);

  return g_test_run ();
}
