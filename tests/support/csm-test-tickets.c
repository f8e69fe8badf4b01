/* csm-test-tickets.c: tickets made by hand for known-answer tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "csm-test-tickets.h"
#include "csm-time.h"
#include "csm-ticket-private.h"

/**
 * csm_test_ticket_new:
 * @owner: (nullable): the owner's login; NULL is unowned
 *
 * Returns: (transfer full): a ticket with these fields and the subject
 *   "Ticket <id>"; a test sets any other field itself
 */
CsmTicket *
csm_test_ticket_new (gint64      id,
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


/**
 * csm_test_tickets_sample:
 * @now: the instant the ages are counted from
 *
 * Returns: (transfer full): nine tickets in three queues, one the queue
 *   list does not know; see the comments for what each is
 */
GPtrArray *
csm_test_tickets_sample (gint64 now)
{
  GPtrArray *tickets = g_ptr_array_new_with_free_func (g_object_unref);

  /* Support (3): new unowned 2 h old, new owned 30 min old, open unowned,
   * stalled owned, resolved unowned (must not count). */
  g_ptr_array_add (tickets, csm_test_ticket_new (1, 3, "Support", "new", NULL, now - 7200));
  g_ptr_array_add (tickets, csm_test_ticket_new (2, 3, "Support", "new", "alice", now - 1800));
  g_ptr_array_add (tickets, csm_test_ticket_new (3, 3, "Support", "open", NULL, now - 86400));
  g_ptr_array_add (tickets, csm_test_ticket_new (4, 3, "Support", "stalled", "bob", now - 3 * 86400));
  g_ptr_array_add (tickets, csm_test_ticket_new (5, 3, "Support", "resolved", NULL, now - 4 * 86400));
  /* Billing (4): open owned, rejected, deleted */
  g_ptr_array_add (tickets, csm_test_ticket_new (6, 4, "Billing", "open", "alice", now - 600));
  g_ptr_array_add (tickets, csm_test_ticket_new (7, 4, "Billing", "rejected", NULL, now - 600));
  g_ptr_array_add (tickets, csm_test_ticket_new (8, 4, "Billing", "deleted", NULL, now - 600));
  /* A queue the queue list does not know (no SeeQueue right) */
  g_ptr_array_add (tickets, csm_test_ticket_new (9, 9, "Secret", "new", NULL, now - 60));
  return tickets;
}

/**
 * csm_test_at:
 * @iso: an ISO 8601 instant, "2026-11-23T12:00:00Z"
 *
 * Returns: it in Unix time; the test fails on text that is none
 */
gint64
csm_test_at (const char *iso)
{
  gint64 t = 0;

  g_assert_true (csm_time_parse_iso8601 (iso, &t));
  return t;
}

/* A KPI figure to the last bit (1e-9), reported and gone on. */
void
csm_test_assert_kpi (CsmKpiValue  value,
                     double       expected,
                     const char  *what)
{
  if (!value.defined || fabs (value.value - expected) > 1e-9)
    g_test_fail_printf ("%s: %s %g, expected %g", what, value.defined ? "got" : "undefined",
                        value.value, expected);
}

void
csm_test_assert_no_kpi (CsmKpiValue  value,
                        const char  *what)
{
  if (value.defined)
    g_test_fail_printf ("%s: got %g, expected no value", what, value.value);
}

/* For g_array_sort() of ticket ids (gint64). */
int
csm_test_compare_ids (gconstpointer a,
                      gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}
