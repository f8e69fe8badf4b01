/* test-quality-calibration.c: calibration and disputes in the console on a team's workspace: a lead sets a session up, three reviewers score blind, the results; an agent disputes a rating and the reviewer accepts.
 *
 * A real window under Xvfb, a fixture helpdesk served by the simulator as
 * RT 5, a real PostgreSQL server the test starts and a real keyring on the
 * test's private D-Bus; each person connects as their own role, so what
 * the page shows is what row-level security lets them read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "csm-calibration-dialog.h"
#include "csm-calibration-view.h"
#include "csm-dispute-dialog.h"
#include "csm-disputes-view.h"
#include "csm-quality-page.h"
#include "csm-quality-results.h"
#include "csm-review-form.h"
#include "csm-qa-sample.h"
#include "csm-sampling-view.h"
#include "csm-test-async.h"
#include "csm-test-gui.h"
#include "csm-test-pg.h"
#include "csm-test-team.h"
#include "csm-test-workspace.h"
#include "csm-workspace.h"

/* 2026-11-23T12:00:00Z */
#define NOW ((gint64) 1795435200)
#define SESSION "Week 48"

static CsmTestPg *pg;
static char *uri;

typedef CsmTestTeam Fixture;

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  csm_test_team_tear_down (f);
}

static CsmWorkspace *
open_as (const char *user,
         const char *password)
{
  g_autoptr(GError) error = NULL;
  CsmWorkspace *ws = csm_test_workspace_open (uri, user, password, &error);

  g_assert_no_error (error);
  return ws;
}

static GPtrArray *
all_reviews (void)
{
  g_autoptr(CsmWorkspace) ws = open_as (CSM_TEST_PG_SUPERUSER, csm_test_pg_superuser_password (pg));

  return csm_test_workspace_reviews (ws);
}

static GtkWidget *
find_one (GtkWidget *root,
          GType      type)
{
  g_autoptr(GPtrArray) found = csm_test_find_all (root, type);

  g_assert_cmpuint (found->len, ==, 1);
  return found->pdata[0];
}

static gboolean
one_session (gpointer data)
{
  return csm_calibration_view_get_n_sessions (data) == 1;
}

static gboolean
dialog_gone (gpointer data)
{
  return csm_test_find_window (GPOINTER_TO_SIZE (data)) == NULL;
}

static gboolean
transcript_shown (gpointer data)
{
  return csm_quality_page_is_transcript_shown (data);
}

static gboolean
submitted (gpointer data)
{
  return g_strcmp0 (csm_quality_page_get_status (data), "Submitted.") == 0;
}

static gboolean
computed (gpointer data)
{
  return csm_calibration_view_get_results (data, SESSION) != NULL;
}

static gboolean
results_shown (gpointer data)
{
  return csm_calibration_view_results_shown (data) &&
         csm_calibration_view_get_results (data, SESSION) != NULL &&
         csm_calibration_view_get_results (data, SESSION)->reviews == 9;
}

/* Rosa's and Sam's calibration reviews of #1, #3 and #4, as themselves. */
static void
score_as (const char      *reviewer,
          const int      (*ratings)[5])
{
  g_autofree char *password = g_strdup_printf ("%s-secret", reviewer);
  g_autoptr(CsmWorkspace) ws = open_as (reviewer, password);
  g_autoptr(GPtrArray) cards = csm_test_workspace_scorecards (ws);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const conversations[] = { "1", "3", "4" };
  static const char * const agents[] = { "dave", "alice", "alice" };

  for (guint i = 0; i < G_N_ELEMENTS (conversations); i++)
    {
      CsmQaReview *r = csm_qa_review_new (cards->pdata[0]);

      r->conversation = g_strdup (conversations[i]);
      r->agent = g_strdup (agents[i]);
      r->reviewer = g_strdup (reviewer);
      r->calibration_session = g_strdup (SESSION);
      r->submitted = NOW - 600 + i;
      for (guint c = 0; c < r->n_ratings; c++)
        r->ratings[c] = ratings[i][c];
      g_ptr_array_add (batch, r);
    }
  csm_workspace_submit_reviews_async (ws, batch, NULL, csm_test_store_result, &result);
  g_assert_true (csm_workspace_submit_reviews_finish (ws, csm_test_await (&result), NULL,
                                                      &error));
  g_assert_no_error (error);
}

/* The lead sets a session up from the Calibration view; Rosa and Sam
 * score; Tom, blind until he has submitted all three, scores them on the
 * Review tab and then reads the results, which are core's over every
 * review; the lead reads them too. */
static void
test_session (Fixture       *f,
              gconstpointer  data)
{
  static const int rosa[3][5] = { { 5, 4, 0, 4, 2 }, { 3, 3, 2, 4, 2 }, { 5, 5, 3, 4, 2 } };
  static const int sam[3][5] = { { 4, 4, 0, 4, 2 }, { 2, 3, 2, 3, 1 }, { 5, 4, 3, 4, 2 } };
  static const guint tom[3][5] = {
    { GDK_KEY_5, GDK_KEY_3, GDK_KEY_n, GDK_KEY_4, GDK_KEY_2 },
    { GDK_KEY_1, GDK_KEY_3, GDK_KEY_2, GDK_KEY_4, GDK_KEY_2 },
    { GDK_KEY_4, GDK_KEY_5, GDK_KEY_3, GDK_KEY_3, GDK_KEY_1 },
  };
  static const char * const conversations[] = { "1", "3", "4" };
  CsmQualityPage *page;
  CsmCalibrationView *view;
  GtkWindow *dialog;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(CsmQaCalibration) expected = NULL;
  const CsmQaCalibration *shown;

  /* The lead, from the view's New Session…. */
  page = csm_test_team_open_page (f, uri, "lea", NOW);
  csm_quality_page_show_view (page, "calibration");
  view = CSM_CALIBRATION_VIEW (find_one (GTK_WIDGET (page), CSM_TYPE_CALIBRATION_VIEW));
  g_assert_cmpuint (csm_calibration_view_get_n_sessions (view), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "calibration.new-session", NULL));
  dialog = csm_test_find_window (CSM_TYPE_CALIBRATION_DIALOG);
  g_assert_nonnull (dialog);
  rows = csm_test_find_all (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  g_assert_cmpuint (rows->len, ==, 4);
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[0]), SESSION);
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[1]), "1, 3, x4");
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[2]), "rosa, sam, tom");
  /* A conversation that is no number: said, nothing set up. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "calibration-dialog.create",
                                             NULL));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (dialog), "“x4” is not a conversation number.",
                                         FALSE));
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[1]), "#1, 3, 4");
  g_free (csm_test_screenshot (GTK_WIDGET (dialog), "calibration-new-session"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "calibration-dialog.create",
                                             NULL));
  g_assert_true (csm_test_wait_until (dialog_gone, GSIZE_TO_POINTER (CSM_TYPE_CALIBRATION_DIALOG),
                                      20000));
  g_assert_true (csm_test_wait_until (one_session, view, 20000));
  csm_test_team_tear_down (f);

  score_as ("rosa", rosa);
  score_as ("sam", sam);

  /* Tom: his turn, the results hidden. */
  page = csm_test_team_open_page (f, uri, "tom", NOW);
  csm_quality_page_show_view (page, "calibration");
  view = CSM_CALIBRATION_VIEW (find_one (GTK_WIDGET (page), CSM_TYPE_CALIBRATION_VIEW));
  g_assert_true (csm_test_wait_until (one_session, view, 20000));
  /* Computed (over what Tom may read: his own, none), and not shown. */
  g_assert_true (csm_test_wait_until (computed, view, 20000));
  csm_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_cmpuint (csm_calibration_view_get_results (view, SESSION)->reviews, ==, 0);
  g_assert_false (csm_calibration_view_results_shown (view));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (view), "Blind calibration: the other "
                                         "reviewers’ scores and the results appear once you have "
                                         "submitted all 3 conversations (3 to go).", TRUE));
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "calibration-blind"));
  for (guint i = 0; i < G_N_ELEMENTS (conversations); i++)
    {
      CsmReviewForm *form;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "quality.calibrate", "(ss)",
                                                 SESSION, conversations[i]));
      g_assert_cmpint (csm_quality_page_get_shown_ticket (page), ==,
                       g_ascii_strtoll (conversations[i], NULL, 10));
      g_assert_true (csm_test_wait_until (transcript_shown, page, 20000));
      form = CSM_REVIEW_FORM (csm_quality_page_get_form (page));
      if (i == 0)
        {
          g_assert_nonnull (csm_test_find_label (GTK_WIDGET (form), "Calibration “" SESSION "”:",
                                                 TRUE));
          g_free (csm_test_screenshot (GTK_WIDGET (f->window), "calibration-form"));
        }
      csm_review_form_focus_first (form);
      for (guint k = 0; k < G_N_ELEMENTS (tom[i]); k++)
        g_assert_true (csm_review_form_handle_key (form, tom[i][k], 0));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "quality.submit", NULL));
      g_assert_true (csm_test_wait_until (submitted, page, 20000));
    }
  /* Calibration reviews never count in IQS. */
  g_assert_cmpstr (csm_quality_results_get_iqs_text (CSM_QUALITY_RESULTS (
                     csm_quality_page_get_results (page))), ==, "—");
  csm_quality_page_show_view (page, "calibration");
  if (!csm_test_wait_until (results_shown, view, 20000))
    {
      const CsmQaCalibration *c = csm_calibration_view_get_results (view, SESSION);
      g_autoptr(GPtrArray) all = all_reviews ();

      for (guint i = 0; i < all->len; i++)
        g_test_message ("review %s by %s in %s", ((CsmQaReview *) all->pdata[i])->conversation,
                        ((CsmQaReview *) all->pdata[i])->reviewer,
                        ((CsmQaReview *) all->pdata[i])->calibration_session);
      g_test_message ("progress %" G_GINT64_FORMAT ", conversations %" G_GINT64_FORMAT
                      ", tom reads %d",
                      csm_test_pg_count (pg, "team", "SELECT COUNT (*) FROM calibration_progress "
                                                     "WHERE reviewer = 'tom'"),
                      csm_test_pg_count (pg, "team", "SELECT COUNT (*) FROM "
                                                     "calibration_conversations"),
                      csm_test_pg_count_as (uri, "tom", "SELECT COUNT (*) FROM reviews"));
      g_error ("not shown: %d, %u reviews", csm_calibration_view_results_shown (view),
               c != NULL ? c->reviews : 0);
    }
  csm_test_wait_frames (GTK_WIDGET (f->window), 2);

  /* What the view shows is core's, over every review of the session. */
  reviews = all_reviews ();
  expected = csm_qa_calibration_compute (reviews, SESSION, NULL, CSM_QA_CALIBRATION_RESAMPLES,
                                         CSM_QA_CALIBRATION_SEED);
  shown = csm_calibration_view_get_results (view, SESSION);
  g_assert_cmpuint (expected->reviews, ==, 9);
  g_assert_cmpuint (shown->categories->len, ==, expected->categories->len);
  for (guint i = 0; i < expected->categories->len; i++)
    {
      const CsmQaCalibrationCategory *a = g_ptr_array_index (shown->categories, i);
      const CsmQaCalibrationCategory *b = g_ptr_array_index (expected->categories, i);

      g_assert_cmpstr (a->category, ==, b->category);
      g_assert_cmpint (a->alpha.defined, ==, b->alpha.defined);
      if (b->alpha.defined)
        {
          g_assert_cmpfloat (a->alpha.alpha, ==, b->alpha.alpha);
          g_assert_cmpfloat (a->alpha.low, ==, b->alpha.low);
          g_assert_cmpfloat (a->alpha.high, ==, b->alpha.high);
        }
      g_assert_cmpfloat (a->spread, ==, b->spread);
      g_assert_cmpint (a->flagged, ==, b->flagged);
    }
  g_assert_cmpuint (shown->reviewers->len, ==, 3);
  {
    const CsmQaCalibrationCategory *empathy = g_ptr_array_index (shown->categories, 0);
    g_autofree char *alpha = g_strdup_printf ("α %.3f", round (empathy->alpha.alpha * 1000) / 1000);

    g_assert_nonnull (csm_test_find_label (GTK_WIDGET (view), alpha, FALSE));
  }
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "calibration-results"));
  csm_test_team_tear_down (f);

  /* The lead reads the same. */
  page = csm_test_team_open_page (f, uri, "lea", NOW);
  csm_quality_page_show_view (page, "calibration");
  view = CSM_CALIBRATION_VIEW (find_one (GTK_WIDGET (page), CSM_TYPE_CALIBRATION_VIEW));
  g_assert_true (csm_test_wait_until (results_shown, view, 20000));
  csm_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "calibration-lead"));
}

static gboolean
one_dispute (gpointer data)
{
  GPtrArray *disputes = csm_disputes_view_get_disputes (data);

  return disputes != NULL && disputes->len == 1;
}

/* The list read again (the refresh's answer, a new array). */
static GPtrArray *last_seen;

static gboolean
one_dispute_again (gpointer data)
{
  GPtrArray *disputes = csm_disputes_view_get_disputes (data);

  return disputes != NULL && disputes != last_seen && disputes->len == 1;
}

static gboolean
accepted (gpointer data)
{
  GPtrArray *disputes = csm_disputes_view_get_disputes (data);

  return disputes != NULL && disputes->len == 1 &&
         ((CsmQaDispute *) disputes->pdata[0])->state == CSM_QA_DISPUTE_ACCEPTED;
}

/* Alice disputes Rosa's Empathy rating of #3 from the Disputes view;
 * Rosa is notified, accepts it with her reason: a new version of the
 * review, the old kept; Alice reads the outcome. */
static void
test_dispute (Fixture       *f,
              gconstpointer  data)
{
  static const int ratings[5] = { 2, 4, 3, 4, 2 };
  CsmQualityPage *page;
  CsmDisputesView *view;
  GtkWindow *dialog;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) dropdowns = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const CsmQaReview *corrected = NULL;
  const CsmQaDispute *d;

  {
    g_autoptr(CsmWorkspace) ws = open_as ("rosa", "rosa-secret");
    g_autoptr(GPtrArray) cards = csm_test_workspace_scorecards (ws);
    g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    CsmQaReview *r = csm_qa_review_new (cards->pdata[0]);

    r->conversation = g_strdup ("3");
    r->agent = g_strdup ("alice");
    r->reviewer = g_strdup ("rosa");
    r->submitted = NOW - 3 * 86400;
    memcpy (r->ratings, ratings, sizeof ratings);
    g_ptr_array_add (batch, r);
    csm_workspace_submit_reviews_async (ws, batch, NULL, csm_test_store_result, &result);
    g_assert_true (csm_workspace_submit_reviews_finish (ws, csm_test_await (&result), NULL,
                                                        &error));
    g_assert_no_error (error);
  }

  /* Alice, an agent: her Disputes view, Dispute a Rating…. */
  page = csm_test_team_open_page (f, uri, "alice", NOW);
  csm_quality_page_show_view (page, "disputes");
  view = CSM_DISPUTES_VIEW (find_one (GTK_WIDGET (page), CSM_TYPE_DISPUTES_VIEW));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "disputes.new", NULL));
  dialog = csm_test_find_window (CSM_TYPE_DISPUTE_DIALOG);
  g_assert_nonnull (dialog);
  dropdowns = csm_test_find_all (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN);
  entries = csm_test_find_all (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  g_assert_cmpuint (dropdowns->len, ==, 3);
  /* Her one review; Empathy, rated 2 of 5; she proposes 4. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdowns->pdata[0])), ==, 1);
  gtk_drop_down_set_selected (dropdowns->pdata[1], 0);
  /* No rating in particular, 1, 3, 4, 5: the fourth is 4. */
  gtk_drop_down_set_selected (dropdowns->pdata[2], 3);
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), "I apologised twice and explained "
                                                           "the delay.");
  g_free (csm_test_screenshot (GTK_WIDGET (dialog), "dispute-new"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dispute-dialog.send", NULL));
  g_assert_true (csm_test_wait_until (dialog_gone, GSIZE_TO_POINTER (CSM_TYPE_DISPUTE_DIALOG),
                                      20000));
  g_assert_true (csm_test_wait_until (one_dispute, view, 20000));
  d = g_ptr_array_index (csm_disputes_view_get_disputes (view), 0);
  g_assert_cmpstr (d->category, ==, "Empathy");
  g_assert_cmpint (d->rating, ==, 2);
  g_assert_cmpint (d->proposed, ==, 4);
  g_assert_cmpint (d->opened, ==, NOW);
  csm_test_team_tear_down (f);

  /* Rosa: told, and she accepts. */
  page = csm_test_team_open_page (f, uri, "rosa", NOW + 3600);
  csm_quality_page_show_view (page, "disputes");
  view = CSM_DISPUTES_VIEW (find_one (GTK_WIDGET (page), CSM_TYPE_DISPUTES_VIEW));
  g_assert_true (csm_test_wait_until (one_dispute, view, 20000));
  last_seen = csm_disputes_view_get_disputes (view);
  g_assert_cmpstr (csm_disputes_view_get_notified (view), ==,
                   "alice disputes your rating of “Empathy”");
  d = g_ptr_array_index (csm_disputes_view_get_disputes (view), 0);
  g_assert_true (csm_disputes_view_select (view, d->id));
  csm_test_wait_frames (GTK_WIDGET (f->window), 1);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = csm_test_find_all (GTK_WIDGET (view), ADW_TYPE_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), "Fair: the apology is there.");
  /* She gives 3, not the 4 proposed (1, 2, 3, 4, 5: the third); the
   * list read again meanwhile keeps her choice. */
  g_clear_pointer (&dropdowns, g_ptr_array_unref);
  dropdowns = csm_test_find_all (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN);
  g_assert_cmpuint (dropdowns->len, ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdowns->pdata[1]), ==, 3);
  gtk_drop_down_set_selected (dropdowns->pdata[1], 2);
  csm_disputes_view_refresh (view);
  g_assert_true (csm_test_wait_until (one_dispute_again, view, 20000));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdowns->pdata[1]), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "disputes.accept", NULL));
  g_assert_true (csm_test_wait_until (accepted, view, 20000));
  csm_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (view), "Accepted: the review has a new "
                                         "version.", FALSE));
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "dispute-accepted"));

  reviews = all_reviews ();
  for (guint i = 0; i < reviews->len; i++)
    {
      const CsmQaReview *r = reviews->pdata[i];

      if (r->replaces != NULL && g_strcmp0 (r->conversation, "3") == 0)
        corrected = r;
    }
  g_assert_nonnull (corrected);
  g_assert_cmpstr (corrected->reviewer, ==, "rosa");
  g_assert_cmpint (corrected->ratings[0], ==, 3);
  g_assert_cmpint (corrected->submitted, ==, NOW + 3600);
  csm_test_team_tear_down (f);

  /* Alice reads the outcome. */
  page = csm_test_team_open_page (f, uri, "alice", NOW + 7200);
  csm_quality_page_show_view (page, "disputes");
  view = CSM_DISPUTES_VIEW (find_one (GTK_WIDGET (page), CSM_TYPE_DISPUTES_VIEW));
  g_assert_true (csm_test_wait_until (accepted, view, 20000));
  d = g_ptr_array_index (csm_disputes_view_get_disputes (view), 0);
  g_assert_cmpstr (d->decided_by, ==, "rosa");
  g_assert_cmpstr (d->decision, ==, "Fair: the apology is there.");
  g_assert_cmpint (d->new_rating, ==, 3);
}

static gboolean
picked (gpointer data)
{
  GPtrArray *picks = csm_sampling_view_get_picks (data);

  return picks != NULL && picks->len == 3;
}

static gboolean
assigned (gpointer data)
{
  return csm_test_find_label (data, "3 conversations assigned.", FALSE) != NULL;
}

static gboolean
two_overdue (gpointer data)
{
  return csm_test_find_label (data, "2 overdue assignments", FALSE) != NULL;
}

/* The lead draws November's sample towards risk: all three resolved
 * conversations (a quota of 5 takes them all, each with probability 1),
 * #1's customer having written "urgent"; she assigns them to Rosa, due in
 * 3 days. Four days later two are overdue (Rosa reviewed #3). */
static void
test_sampling (Fixture       *f,
               gconstpointer  data)
{
  CsmQualityPage *page;
  CsmSamplingView *view;
  g_autoptr(GPtrArray) dropdowns = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GPtrArray *picks;

  /* Sam's reviews of #1 and #4: the agents' IQS this month. */
  {
    g_autoptr(CsmWorkspace) ws = open_as ("sam", "sam-secret");
    g_autoptr(GPtrArray) cards = csm_test_workspace_scorecards (ws);
    g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    static const char * const conversations[] = { "1", "4" };
    static const char * const agents[] = { "dave", "alice" };

    for (guint i = 0; i < 2; i++)
      {
        CsmQaReview *r = csm_qa_review_new (cards->pdata[0]);

        r->conversation = g_strdup (conversations[i]);
        r->agent = g_strdup (agents[i]);
        r->reviewer = g_strdup ("sam");
        r->submitted = NOW - 86400;
        for (guint c = 0; c < r->n_ratings; c++)
          r->ratings[c] = 2;
        g_ptr_array_add (batch, r);
      }
    csm_workspace_submit_reviews_async (ws, batch, NULL, csm_test_store_result, &result);
    g_assert_true (csm_workspace_submit_reviews_finish (ws, csm_test_await (&result), NULL,
                                                        &error));
    g_assert_no_error (error);
  }

  page = csm_test_team_open_page (f, uri, "lea", NOW);
  csm_quality_page_show_view (page, "sampling");
  view = CSM_SAMPLING_VIEW (find_one (GTK_WIDGET (page), CSM_TYPE_SAMPLING_VIEW));
  dropdowns = csm_test_find_all (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN);
  g_assert_cmpuint (dropdowns->len, ==, 2);
  gtk_drop_down_set_selected (dropdowns->pdata[0], 1);
  gtk_drop_down_set_selected (dropdowns->pdata[1], 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "sampling.draw", NULL));
  g_assert_true (csm_test_wait_until (picked, view, 30000));
  picks = csm_sampling_view_get_picks (view);
  for (guint i = 0; i < picks->len; i++)
    {
      const CsmQaPick *pick = picks->pdata[i];

      g_assert_cmpfloat (pick->probability, ==, 1.0);
      /* #1, dave's, the first by agent name. */
      if (i == 0)
        {
          g_assert_true (pick->risks & CSM_QA_RISK_WORDS);
          g_assert_true (g_strv_contains ((const char * const *) pick->words, "urgent"));
        }
    }
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (view), "Words · wrote “urgent”", TRUE));
  entries = csm_test_find_all (GTK_WIDGET (view), GTK_TYPE_ENTRY);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (gtk_entry_get_placeholder_text (entries->pdata[i]),
                   "Reviewer’s helpdesk user name") == 0)
      gtk_editable_set_text (GTK_EDITABLE (entries->pdata[i]), "rosa");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "sampling.assign", NULL));
  g_assert_true (csm_test_wait_until (assigned, view, 20000));
  csm_test_wait_frames (GTK_WIDGET (f->window), 2);
  /* One review each: no margin yet, the reviews ±5 needs from the team's
   * spread. */
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (view), "dave", FALSE));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (view), "±5.0 needs", TRUE));
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "sampling"));
  csm_test_team_tear_down (f);

  page = csm_test_team_open_page (f, uri, "lea", NOW + 4 * 86400);
  csm_quality_page_show_view (page, "sampling");
  view = CSM_SAMPLING_VIEW (find_one (GTK_WIDGET (page), CSM_TYPE_SAMPLING_VIEW));
  g_assert_true (csm_test_wait_until (two_overdue, view, 20000));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (view), "#1 for rosa", FALSE));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (view), "#4 for rosa", FALSE));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("csm-quality-calibration-XXXXXX", NULL);
  static const char * const members[][2] = {
    { "rosa", "reviewer" }, { "sam", "reviewer" }, { "tom", "reviewer" }, { "alice", "agent" },
    { "lea", "lead" },
  };
  g_autoptr(CsmWorkspace) admin = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  /* Before GLib reads (and keeps) where user data goes. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  csm_test_gui_init (&argc, &argv);

  pg = csm_test_pg_start ();
  uri = csm_test_pg_team (pg, "team", NULL, members, G_N_ELEMENTS (members));
  admin = open_as (CSM_TEST_PG_SUPERUSER, csm_test_pg_superuser_password (pg));
  {
    g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_default ();
    g_autoptr(CsmQaScorecard) stored = NULL;

    csm_workspace_import_scorecard_async (admin, card, NULL, csm_test_store_result, &result);
    stored = csm_workspace_import_scorecard_finish (admin, csm_test_await (&result), &error);
    g_assert_no_error (error);
  }
  g_clear_object (&admin);

  g_test_add ("/gui/quality-calibration/session", Fixture, NULL, NULL, test_session,
              fixture_tear_down);
  g_test_add ("/gui/quality-calibration/dispute", Fixture, NULL, NULL, test_dispute,
              fixture_tear_down);
  g_test_add ("/gui/quality-calibration/sampling", Fixture, NULL, NULL, test_sampling,
              fixture_tear_down);
  ret = g_test_run ();
  csm_test_pg_stop (pg);
  g_free (uri);
  csm_test_remove_tree (data_home);
  return ret;
}
