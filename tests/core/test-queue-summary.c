/* test-queue-summary.c: known answers for the queue cards: counts, oldest waits, updates in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-queue.h"
#include "csm-queue-summary.h"
#include "csm-test-tickets.h"
#include "csm-ticket-private.h"

/* 2026-11-23T12:00:00Z, a Monday. Computed independently:
 * days from 1970-01-01 to 2026-11-23 = 20780; 20780 * 86400 + 12 * 3600. */
#define NOW ((gint64) 20780 * 86400 + 12 * 3600)

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
  g_autoptr(GPtrArray) tickets = csm_test_tickets_sample (NOW);
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
  g_autoptr(GPtrArray) tickets = csm_test_tickets_sample (NOW);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/queue-summary/counts", test_queue_summaries);
  g_test_add_func ("/core/queue-summary/update-in-place", test_queue_summary_update_in_place);

  return g_test_run ();
}
