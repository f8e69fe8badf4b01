/* test-wallboard.c: boards read from and written to settings, what each tile says on a fixed helpdesk, and the threshold colours at their edges.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "csm-queue.h"
#include "csm-queue-summary.h"
#include "csm-sla-board.h"
#include "csm-test-tickets.h"
#include "csm-ticket-private.h"
#include "csm-wallboard.h"

#define NOW "2026-11-25T14:30:00Z"
#define MINUTE 60
#define HOUR 3600

static void
test_boards_variant (void)
{
  g_autoptr(GVariant) value = g_variant_ref_sink (g_variant_new_parsed (
    "[('Overview', ['waiting', 'oldest', 'sparkles', 'csat'], @as []),"
    " ('  ', ['waiting'], @as []),"
    " (' Billing wall ', ['breached'], ['Billing']),"
    " ('Overview ', ['agents'], @as [])]"));
  g_autoptr(GPtrArray) boards = csm_wall_boards_from_variant (value);
  g_autoptr(GVariant) again = NULL;
  g_autofree char *text = NULL;
  const CsmWallBoard *b;

  /* An unknown tile is dropped; a board without a name too, and a second
   * board of a name (spaces aside). */
  g_assert_cmpuint (boards->len, ==, 2);
  b = g_ptr_array_index (boards, 0);
  g_assert_cmpstr (b->name, ==, "Overview");
  g_assert_cmpuint (g_strv_length (b->tiles), ==, 3);
  g_assert_cmpstr (b->tiles[2], ==, "csat");
  g_assert_true (csm_wall_board_counts_queue (b, "Anything"));
  b = g_ptr_array_index (boards, 1);
  g_assert_true (csm_wall_board_counts_queue (b, "Billing"));
  g_assert_false (csm_wall_board_counts_queue (b, "Support"));
  g_assert_false (csm_wall_board_counts_queue (b, NULL));

  again = g_variant_ref_sink (csm_wall_boards_to_variant (boards));
  text = g_variant_print (again, FALSE);
  g_assert_cmpstr (text, ==,
                   "[('Overview', ['waiting', 'oldest', 'csat'], []), "
                   "('Billing wall', ['breached'], ['Billing'])]");
}

/* Each threshold at its edge, in both directions. */
static void
test_levels (void)
{
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_WAITING, 4), ==, CSM_WALL_LEVEL_GOOD);
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_WAITING, 5), ==, CSM_WALL_LEVEL_WARNING);
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_WAITING, 10), ==, CSM_WALL_LEVEL_ALERT);
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_OLDEST, 599), ==, CSM_WALL_LEVEL_GOOD);
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_OLDEST, 600), ==, CSM_WALL_LEVEL_WARNING);
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_OLDEST, 1800), ==, CSM_WALL_LEVEL_ALERT);
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_BREACHED, 0), ==, CSM_WALL_LEVEL_GOOD);
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_BREACHED, 1), ==, CSM_WALL_LEVEL_ALERT);
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_AT_RISK, 1), ==, CSM_WALL_LEVEL_WARNING);
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_AT_RISK, 1000), ==, CSM_WALL_LEVEL_WARNING);
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_CSAT, 90), ==, CSM_WALL_LEVEL_GOOD);
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_CSAT, 89.9), ==, CSM_WALL_LEVEL_WARNING);
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_CSAT, 80), ==, CSM_WALL_LEVEL_WARNING);
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_CSAT, 79.9), ==, CSM_WALL_LEVEL_ALERT);
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_SLA, 95), ==, CSM_WALL_LEVEL_GOOD);
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_SLA, 84.9), ==, CSM_WALL_LEVEL_ALERT);
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_FRT, 3599), ==, CSM_WALL_LEVEL_GOOD);
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_FRT, 14400), ==, CSM_WALL_LEVEL_ALERT);
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_AGENTS, 3), ==, CSM_WALL_LEVEL_NONE);
  g_assert_cmpint (csm_wall_tile_level (CSM_WALL_TILE_CSAT, NAN), ==, CSM_WALL_LEVEL_NONE);
  g_assert_nonnull (csm_wall_tile_get_threshold (CSM_WALL_TILE_CSAT));
  g_assert_null (csm_wall_tile_get_threshold (CSM_WALL_TILE_AGENTS));
}

static CsmWallTile *
tile (GPtrArray  *tiles,
      guint       i,
      const char *title,
      const char *value)
{
  CsmWallTile *t;

  g_assert_cmpuint (i, <, tiles->len);
  t = g_ptr_array_index (tiles, i);
  g_assert_cmpstr (t->title, ==, title);
  g_assert_cmpstr (t->value, ==, value);
  return t;
}

/* Support: 3 new (one unassigned, the oldest 35 min), 1 open past its
 * deadline; Billing: 1 new of 12 min, due in 20 min (at risk). */
static void
test_compute (void)
{
  gint64 now = csm_test_at (NOW);
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) queues = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) tiles = NULL;
  g_autoptr(CsmWallBoard) all = NULL;
  g_autoptr(CsmWallBoard) billing = NULL;
  const char *every[] = { "waiting", "oldest", "breached", "at-risk", "predicted", "agents",
                          "frt", "csat", "sla", NULL };
  const char *only_billing[] = { "Billing", NULL };
  CsmSlaBoardOptions options;
  CsmKpiRow today = { 0 };
  CsmTicket *t;
  CsmWallTile *w;

  g_ptr_array_add (queues, csm_queue_new (1, "Support", NULL));
  g_ptr_array_add (queues, csm_queue_new (2, "Billing", NULL));
  g_ptr_array_add (tickets, csm_test_ticket_new (1, 1, "Support", "new", "alice", now - 35 * MINUTE));
  g_ptr_array_add (tickets, csm_test_ticket_new (2, 1, "Support", "new", "bob", now - 5 * MINUTE));
  g_ptr_array_add (tickets, csm_test_ticket_new (3, 1, "Support", "new", NULL, now - 1 * MINUTE));
  t = csm_test_ticket_new (4, 1, "Support", "open", "alice", now - 3 * HOUR);
  t->due = now - 10 * MINUTE;
  g_ptr_array_add (tickets, t);
  t = csm_test_ticket_new (5, 2, "Billing", "new", "carl", now - 12 * MINUTE);
  t->due = now + 20 * MINUTE;
  g_ptr_array_add (tickets, t);
  summaries = csm_queue_summaries_compute (tickets, queues, now);
  csm_sla_board_options_init (&options);
  entries = csm_sla_board_compute (NULL, tickets, &options, now);

  all = csm_wall_board_new ("Overview", every, NULL);
  tiles = csm_wall_board_compute (all, &(CsmWallInput) { summaries, entries, 4, 9, NULL });
  g_assert_cmpuint (tiles->len, ==, 10);
  /* Queues by name, as the Queues page lists them. */
  tile (tiles, 0, "Billing waiting", "1");
  w = tile (tiles, 1, "Support waiting", "3");
  g_assert_cmpstr (w->queue, ==, "Support");
  g_assert_cmpstr (w->detail, ==, "1 unassigned");
  g_assert_cmpint (w->level, ==, CSM_WALL_LEVEL_GOOD);
  w = tile (tiles, 2, "Oldest waiting", "35 min");
  g_assert_cmpstr (w->detail, ==, "Support");
  g_assert_cmpint (w->level, ==, CSM_WALL_LEVEL_ALERT);
  w = tile (tiles, 3, "Breached", "1");
  g_assert_cmpint (w->level, ==, CSM_WALL_LEVEL_ALERT);
  w = tile (tiles, 4, "At risk", "1");
  g_assert_cmpint (w->level, ==, CSM_WALL_LEVEL_WARNING);
  w = tile (tiles, 5, "Predicted to breach", "0");
  g_assert_cmpint (w->level, ==, CSM_WALL_LEVEL_GOOD);
  w = tile (tiles, 6, "Agents active", "4");
  g_assert_cmpstr (w->detail, ==, "of 9, inferred");
  /* Today's KPIs not computed yet: said, not zero. */
  w = tile (tiles, 7, "First reply today", "—");
  g_assert_cmpstr (w->detail, ==, "Computing…");
  g_assert_true (isnan (w->number));
  g_assert_cmpint (w->level, ==, CSM_WALL_LEVEL_NONE);

  /* The KPIs of today, as the engine gives them. */
  today.frt_count = 40;
  today.frt_median_seconds = (CsmKpiValue) { TRUE, 5054 };
  today.csat_responses = 8;
  today.csat_percent = (CsmKpiValue) { TRUE, 87.5 };
  today.sla_counted = 0;
  g_clear_pointer (&tiles, g_ptr_array_unref);
  tiles = csm_wall_board_compute (all, &(CsmWallInput) { summaries, entries, 4, 9, &today });
  w = tile (tiles, 7, "First reply today", "1:24 h");
  g_assert_cmpstr (w->detail, ==, "Median of 40 replies");
  w = tile (tiles, 8, "CSAT today", "87.5 %");
  g_assert_cmpstr (w->detail, ==, "8 answers");
  g_assert_cmpint (w->level, ==, CSM_WALL_LEVEL_WARNING);
  w = tile (tiles, 9, "SLA met today", "—");
  g_assert_cmpstr (w->detail, ==, "0 deadlines");
  g_assert_cmpint (w->level, ==, CSM_WALL_LEVEL_NONE);

  /* A board of Billing only. */
  billing = csm_wall_board_new ("Billing", every, only_billing);
  g_clear_pointer (&tiles, g_ptr_array_unref);
  tiles = csm_wall_board_compute (billing, &(CsmWallInput) { summaries, entries, 4, 9, NULL });
  g_assert_cmpuint (tiles->len, ==, 9);
  tile (tiles, 0, "Billing waiting", "1");
  w = tile (tiles, 1, "Oldest waiting", "12 min");
  g_assert_cmpint (w->level, ==, CSM_WALL_LEVEL_WARNING);
  tile (tiles, 2, "Breached", "0");
  tile (tiles, 3, "At risk", "1");

  /* Nobody waiting at all. */
  g_clear_pointer (&tiles, g_ptr_array_unref);
  tiles = csm_wall_board_compute (billing, &(CsmWallInput) { NULL, NULL, 0, 0, NULL });
  w = tile (tiles, 0, "Oldest waiting", "None");
  g_assert_cmpint (w->level, ==, CSM_WALL_LEVEL_GOOD);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/wallboard/boards-variant", test_boards_variant);
  g_test_add_func ("/wallboard/levels", test_levels);
  g_test_add_func ("/wallboard/compute", test_compute);
  return g_test_run ();
}
