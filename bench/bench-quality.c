/* bench-quality.c: opening a review with a 40-message transcript from the cache: time until it is drawn.
 *
 * The Review tab's two halves in a 1400×900 window, as the page lays them
 * out: the transcript view and the review form on the default scorecard.
 * Each open shows another cached conversation of 40 messages (about 600
 * characters each, some with e-mail addresses, phones and card numbers to
 * mask, internal comments among them) with 10 earlier tickets, and sets a
 * fresh review; the time runs from the open to the end of the frame that
 * draws it (the frame clock's after-paint). Each open's messages are new
 * objects, so masking them is inside the figure; the transcript cache
 * itself is a hash lookup (CsmTranscriptLoader) and not part of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-quality"

#include "config.h"

#include <adwaita.h>

#include "csm-message.h"
#include "csm-qa-review.h"
#include "csm-resources.h"
#include "csm-review-form.h"
#include "csm-ticket-private.h"
#include "csm-transcript-view.h"

#define N_MESSAGES 40
#define N_EARLIER  10
#define N_OPENS    40
#define GOAL_MS    200.0
/* Thu 26 Nov 2026, 09:00 UTC. */
#define START      1795683600

typedef struct
{
  gint64 opened;
  gint64 painted;
} Timing;

static void
after_paint_cb (GdkFrameClock *clock,
                Timing        *timing)
{
  if (timing->opened != 0 && timing->painted == 0)
    timing->painted = g_get_monotonic_time ();
}

static char *
body (guint conversation,
      guint i)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "Hello,\n\nabout case %u, message %u: ", conversation, i);
  for (guint s = 0; s < 6; s++)
    g_string_append (text, "the synchronisation ran again overnight and the calendar shows every "
                           "event twice; ");
  if (i % 5 == 0)
    g_string_append_printf (text, "\n\nWrite to me at customer%u@example.org or call "
                                  "+49 30 %07u.", conversation, 1234567 + i);
  if (i % 13 == 0)
    g_string_append (text, "\n\nMy card is 4111 1111 1111 1111.");
  g_string_append (text, "\n\nKind regards");
  return g_string_free (text, FALSE);
}

static GPtrArray *
transcript (guint conversation)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < N_MESSAGES; i++)
    {
      g_autofree char *text = body (conversation, i);
      CsmMessageRole role = i % 7 == 3 ? CSM_MESSAGE_COMMENT
                            : i % 2 == 0 ? CSM_MESSAGE_CUSTOMER : CSM_MESSAGE_REPLY;

      g_ptr_array_add (messages, csm_message_new (1000 * conversation + i, role,
                                                  role == CSM_MESSAGE_CUSTOMER
                                                  ? "customer@example.org" : "alice",
                                                  START + 600 * i, text));
    }
  return messages;
}

static CsmTicket *
ticket (gint64 id,
        gint64 created)
{
  CsmTicket *t = csm_ticket_new (id);

  t->subject = g_strdup_printf ("Calendar events duplicated after sync (%" G_GINT64_FORMAT ")", id);
  t->status = g_strdup ("resolved");
  t->queue_name = g_strdup ("Technical");
  t->owner = g_strdup ("alice");
  t->created = created;
  return t;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CsmQaScorecard) scorecard = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *window, *paned;
  CsmTranscriptView *view;
  CsmReviewForm *form;
  Timing timing = { 0, 0 };
  GPtrArray *cached[2];
  CsmTicket *tickets[2];
  g_autoptr(GPtrArray) earlier = g_ptr_array_new_with_free_func (g_object_unref);
  double sum = 0;

  gtk_init ();
  adw_init ();
  csm_register_resource ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  scorecard = csm_qa_scorecard_new_default ();
  for (guint c = 0; c < 2; c++)
    {
      cached[c] = transcript (c + 1);
      tickets[c] = ticket (c + 1, START);
    }
  for (guint i = 0; i < N_EARLIER; i++)
    g_ptr_array_add (earlier, ticket (100 + i, START - 86400 * (i + 1)));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  view = g_object_new (CSM_TYPE_TRANSCRIPT_VIEW, NULL);
  form = g_object_new (CSM_TYPE_REVIEW_FORM, NULL);
  gtk_paned_set_start_child (GTK_PANED (paned), GTK_WIDGET (view));
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (form));
  gtk_paned_set_position (GTK_PANED (paned), 860);
  gtk_window_set_child (GTK_WINDOW (window), paned);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), &timing);

  for (guint i = 0; i < N_OPENS + 2; i++)
    {
      g_autoptr(CsmQaReview) review = csm_qa_review_new (scorecard);
      guint c = i % 2;
      double ms;

      g_ptr_array_unref (cached[c]);
      cached[c] = transcript (c + 1 + 2 * i);

      review->conversation = g_strdup_printf ("%u", c + 1);
      review->agent = g_strdup ("alice");
      review->reviewer = g_strdup ("rosa");
      timing.painted = 0;
      timing.opened = g_get_monotonic_time ();
      csm_transcript_view_show (view, tickets[c], cached[c], earlier, "email", TRUE);
      csm_review_form_set_review (form, review, csm_ticket_get_subject (tickets[c]));
      while (timing.painted == 0)
        g_main_context_iteration (NULL, TRUE);
      ms = (timing.painted - timing.opened) / 1000.0;
      /* The first two opens build every kind of row once. */
      if (i >= 2)
        {
          g_array_append_val (times, ms);
          sum += ms;
        }
    }
  g_array_sort (times, compare_double);
  g_print ("open a review with a %u-message transcript from the cache, to drawn, %u opens: "
           "median %.1f ms, p95 %.1f ms, longest %.1f ms, mean %.1f ms (goal %.0f ms: %s); "
           "%u personal details masked on screen\n",
           N_MESSAGES, times->len, g_array_index (times, double, times->len / 2),
           g_array_index (times, double, (times->len * 95 + 99) / 100 - 1),
           g_array_index (times, double, times->len - 1), sum / times->len, GOAL_MS,
           g_array_index (times, double, times->len - 1) <= GOAL_MS ? "met" : "missed",
           csm_transcript_view_get_n_masked (view));

  gtk_window_destroy (GTK_WINDOW (window));
  for (guint c = 0; c < 2; c++)
    {
      g_ptr_array_unref (cached[c]);
      g_object_unref (tickets[c]);
    }
  return 0;
}
