/* test-quality-team.c: a team's PostgreSQL workspace in the console: connecting from Preferences, reviewing as a reviewer, reading as an agent.
 *
 * A real window under Xvfb, a fixture helpdesk served as RT 5, a real
 * PostgreSQL server the test starts (a throw-away cluster on 127.0.0.1)
 * and a real keyring on the test's private D-Bus. The workspace is set up
 * as its admin would (--workspace-init, --workspace-add-member); each
 * person connects as their own role.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "csm-context.h"
#include "csm-quality-page.h"
#include "csm-quality-preferences-page.h"
#include "csm-quality-results.h"
#include "csm-preferences-window.h"
#include "csm-rating-row.h"
#include "csm-review-form.h"
#include "csm-scorecard-editor.h"
#include "csm-secret-store.h"
#include "csm-sync-engine.h"
#include "csm-test-gui.h"
#include "csm-test-helpdesk.h"
#include "csm-test-pg.h"
#include "csm-test-team.h"
#include "csm-test-workspace.h"
#include "csm-ticket.h"
#include "csm-window.h"
#include "csm-workspace.h"

/* 2026-11-23T12:00:00Z */
#define NOW ((gint64) 1795435200)

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
open_as_superuser (void)
{
  g_autoptr(GError) error = NULL;
  CsmWorkspace *ws = csm_test_workspace_open (uri, CSM_TEST_PG_SUPERUSER,
                                              csm_test_pg_superuser_password (pg), &error);

  g_assert_no_error (error);
  return ws;
}

/* Every review in the workspace, as its superuser reads them. */
static GPtrArray *
all_reviews (void)
{
  g_autoptr(CsmWorkspace) ws = open_as_superuser ();

  return csm_test_workspace_reviews (ws);
}

static gboolean
submitted (gpointer data)
{
  return g_strcmp0 (csm_quality_page_get_status (data), "Submitted.") == 0;
}

static gboolean
refused (gpointer data)
{
  return g_strcmp0 (csm_quality_page_get_status (data),
                    "The workspace refused this review; it is kept on this computer and stays a "
                    "draft here.") == 0;
}

static gboolean
kept_waiting (gpointer data)
{
  return g_strcmp0 (csm_quality_page_get_status (data),
                    "Submitted: kept on this computer until the workspace can be reached.") == 0;
}

static gboolean
refused_banner (gpointer data)
{
  return csm_test_find_label (data, "The workspace refused 1 review", TRUE) != NULL;
}

/* Given up on: no refusal left, and the review a draft again. */
static gboolean
drafted_again (gpointer data)
{
  return csm_test_find_label (data, "The workspace refused", TRUE) == NULL &&
         csm_quality_page_get_n_drafts (data) == 1;
}

/* Nothing is refused any more, and the form says its review is in. */
static gboolean
delivered (gpointer data)
{
  return csm_test_find_label (data, "The workspace refused", TRUE) == NULL &&
         csm_quality_page_get_n_drafts (data) == 0 && submitted (data);
}

static gboolean
transcript_shown (gpointer data)
{
  return csm_quality_page_is_transcript_shown (data);
}

static gboolean
not_busy (gpointer data)
{
  return !csm_quality_preferences_page_is_busy (data);
}

static void
count_change (guint *changes)
{
  (*changes)++;
}

/* Connecting from Preferences: an address with a password in it, a wrong
 * password and the right one; only the last is kept, the password in the
 * keyring and never in the settings. */
static void
test_connect_from_preferences (Fixture       *f,
                               gconstpointer  data)
{
  CsmPreferencesWindow *prefs;
  CsmQualityPreferencesPage *page;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *with_password = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *saved = NULL;
  guint changes = 0;

  csm_test_team_sign_in (f, "rosa", NOW);
  /* Opening Preferences writes nothing (a write would make the Quality
   * page open its workspace again). */
  g_signal_connect_swapped (f->settings, "changed::qa-workspace", G_CALLBACK (count_change),
                            &changes);
  prefs = csm_preferences_window_new (f->context);
  gtk_window_present (GTK_WINDOW (prefs));
  {
    g_autoptr(GPtrArray) pages = csm_test_find_all (GTK_WIDGET (prefs),
                                                    CSM_TYPE_QUALITY_PREFERENCES_PAGE);

    g_assert_cmpuint (pages->len, ==, 1);
    page = pages->pdata[0];
  }
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs), ADW_PREFERENCES_PAGE (page));
  checks = csm_test_find_all (GTK_WIDGET (page), GTK_TYPE_CHECK_BUTTON);
  entries = csm_test_find_all (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW);
  g_assert_cmpuint (changes, ==, 0);
  g_assert_cmpuint (checks->len, ==, 2);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (entries->pdata[1]));
  /* This computer's own workspace to start with; the team's rows wait. */
  g_assert_true (gtk_check_button_get_active (checks->pdata[0]));
  {
    g_autofree char *status = g_strdup (csm_quality_preferences_page_get_status (page));

    gtk_widget_activate_action (GTK_WIDGET (page), "workspace.connect", NULL);
    g_assert_false (csm_quality_preferences_page_is_busy (page));
    g_assert_cmpstr (csm_quality_preferences_page_get_status (page), ==, status);
  }
  gtk_check_button_set_active (checks->pdata[1], TRUE);

  /* A password in the address is refused, before anything is tried. */
  with_password = g_strdup_printf ("postgresql://rosa:rosa-secret@%s", uri + strlen ("postgresql://"));
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), with_password);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workspace.connect", NULL));
  g_assert_true (g_str_has_prefix (csm_quality_preferences_page_get_status (page),
                                   "Not connected: Leave the password out of the address"));
  g_assert_cmpstr ((saved = g_settings_get_string (f->settings, "qa-workspace")), ==, "");
  g_clear_pointer (&saved, g_free);

  /* A wrong password: said, and nothing kept. */
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), uri);
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[1]), "not-the-password");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workspace.connect", NULL));
  g_assert_true (csm_quality_preferences_page_is_busy (page));
  g_assert_true (csm_test_wait_until (not_busy, page, 20000));
  g_test_message ("%s", csm_quality_preferences_page_get_status (page));
  g_assert_true (g_str_has_prefix (csm_quality_preferences_page_get_status (page),
                                   "Not connected: "));
  g_assert_null (strstr (csm_quality_preferences_page_get_status (page), "not-the-password"));
  g_assert_cmpstr ((saved = g_settings_get_string (f->settings, "qa-workspace")), ==, "");
  g_clear_pointer (&saved, g_free);
  g_assert_null (csm_test_team_kept_password (uri, "rosa"));

  /* The right one, typed and Enter pressed: connected as herself, a
   * reviewer; the address saved, the password in the keyring alone. */
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[1]), "rosa-secret");
  g_signal_emit_by_name (entries->pdata[1], "entry-activated");
  g_assert_true (csm_test_wait_until (not_busy, page, 20000));
  g_assert_cmpstr (csm_quality_preferences_page_get_status (page), ==,
                   "Connected as rosa, a reviewer. The Quality page uses this workspace.");
  g_assert_cmpstr ((saved = g_settings_get_string (f->settings, "qa-workspace")), ==, uri);
  g_clear_pointer (&saved, g_free);
  g_assert_cmpstr ((kept = csm_test_team_kept_password (uri, "rosa")), ==, "rosa-secret");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entries->pdata[1])), ==, "");
  g_free (csm_test_screenshot (GTK_WIDGET (prefs), "quality-preferences-team"));

  /* Back to this computer's own: at once. */
  gtk_check_button_set_active (checks->pdata[0], TRUE);
  g_assert_cmpstr ((saved = g_settings_get_string (f->settings, "qa-workspace")), ==, "");
  g_clear_pointer (&saved, g_free);

  /* A connection given up on half way: the page is ready for another. */
  gtk_check_button_set_active (checks->pdata[1], TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[1]), "rosa-secret");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "workspace.connect", NULL));
  g_assert_true (csm_quality_preferences_page_is_busy (page));
  gtk_check_button_set_active (checks->pdata[0], TRUE);
  g_assert_false (csm_quality_preferences_page_is_busy (page));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (entries->pdata[0])));
  csm_test_drain ();
  g_assert_cmpstr ((saved = g_settings_get_string (f->settings, "qa-workspace")), ==, "");
  g_signal_handlers_disconnect_by_func (f->settings, count_change, &changes);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* A reviewer scores a conversation on the team's workspace: the review is
 * in PostgreSQL, written as herself. */
static void
test_reviewer (Fixture       *f,
               gconstpointer  data)
{
  static const guint keys[] = { GDK_KEY_5, GDK_KEY_4, GDK_KEY_n, GDK_KEY_3, GDK_KEY_2 };
  CsmQualityPage *page;
  CsmReviewForm *form;
  g_autoptr(GPtrArray) reviews = NULL;
  guint before;

  page = csm_test_team_open_page (f, uri, "sam", NOW);
  {
    g_autofree char *label = g_strdup_printf ("Workspace: %s (team) · reviewing as sam",
                                              uri + strlen ("postgresql://"));

    g_assert_nonnull (csm_test_find_label (GTK_WIDGET (page), label, FALSE));
  }
  /* Not an admin: personal data stays masked. */
  gtk_widget_activate_action (GTK_WIDGET (page), "quality.show-personal-data", NULL);
  g_assert_false (g_settings_get_boolean (f->settings, "qa-show-personal-data"));

  reviews = all_reviews ();
  before = reviews->len;
  g_clear_pointer (&reviews, g_ptr_array_unref);
  /* #1, resolved, dave's. */
  g_assert_true (csm_quality_page_open_conversation (page, 1));
  g_assert_true (csm_test_wait_until (transcript_shown, page, 20000));
  form = CSM_REVIEW_FORM (csm_quality_page_get_form (page));
  csm_review_form_focus_first (form);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (csm_review_form_handle_key (form, keys[i], 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "quality.submit", NULL));
  g_assert_true (csm_test_wait_until (submitted, page, 20000));
  g_assert_cmpstr (csm_quality_results_get_iqs_text (CSM_QUALITY_RESULTS (
                     csm_quality_page_get_results (page))), ==, "83.9");

  reviews = all_reviews ();
  g_assert_cmpuint (reviews->len, ==, before + 1);
  {
    const CsmQaReview *review = NULL;

    for (guint i = 0; i < reviews->len; i++)
      if (g_strcmp0 (((CsmQaReview *) reviews->pdata[i])->reviewer, "sam") == 0)
        review = reviews->pdata[i];
    g_assert_nonnull (review);
    g_assert_cmpstr (review->conversation, ==, "1");
    g_assert_cmpstr (review->agent, ==, "dave");
    g_assert_cmpint (review->submitted, ==, NOW);
  }
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "quality-team-reviewer"));
  g_clear_pointer (&reviews, g_ptr_array_unref);

  /* The admin takes the reviewer's role away; her next version is
   * refused, kept, and the reason shown. Given back, Try Again delivers
   * it, once. */
  csm_test_pg_exec (pg, "postgres", "GRANT csm_agent TO sam");
  csm_test_pg_exec (pg, "postgres", "REVOKE csm_reviewer FROM sam");
  gtk_widget_grab_focus (csm_review_form_get_row (form, 3));
  g_assert_true (csm_review_form_handle_key (form, GDK_KEY_4, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "quality.submit", NULL));
  if (!csm_test_wait_until (refused, page, 20000))
    g_error ("not refused: %s", csm_quality_page_get_status (page));
  csm_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (page), "The workspace refused 1 review or "
                                         "scorecard change, kept on this computer: Review 1 "
                                         "(conversation 1",
                                         TRUE));
  g_assert_cmpuint (csm_quality_page_get_n_drafts (page), ==, 1);
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "quality-team-refused"));
  reviews = all_reviews ();
  g_assert_cmpuint (reviews->len, ==, before + 1);
  g_clear_pointer (&reviews, g_ptr_array_unref);

  csm_test_pg_exec (pg, "postgres", "GRANT csm_reviewer TO sam");
  csm_test_pg_exec (pg, "postgres", "REVOKE csm_agent FROM sam");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "quality.retry-refused", NULL));
  if (!csm_test_wait_until (delivered, page, 20000))
    {
      g_autoptr(GPtrArray) now = all_reviews ();

      g_error ("still refused: %s; %u reviews", gtk_label_get_text (GTK_LABEL (
                 csm_test_find_label (GTK_WIDGET (page), "The workspace refused", TRUE))),
               now->len);
    }
  reviews = all_reviews ();
  g_assert_cmpuint (reviews->len, ==, before + 2);

  /* Submitted while the server is down (kept, the draft done with), then
   * refused on delivery (the role taken away meanwhile): Discard makes it
   * a draft again, not nothing. */
  g_clear_pointer (&reviews, g_ptr_array_unref);
  gtk_widget_grab_focus (csm_review_form_get_row (form, 3));
  g_assert_true (csm_review_form_handle_key (form, GDK_KEY_2, 0));
  csm_test_pg_pause (pg);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "quality.submit", NULL));
  g_assert_true (csm_test_wait_until (kept_waiting, page, 30000));
  g_assert_cmpuint (csm_quality_page_get_n_drafts (page), ==, 0);
  csm_test_pg_resume (pg);
  csm_test_pg_exec (pg, "postgres", "GRANT csm_agent TO sam");
  csm_test_pg_exec (pg, "postgres", "REVOKE csm_reviewer FROM sam");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "quality.deliver", NULL));
  g_assert_true (csm_test_wait_until (refused_banner, page, 30000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "quality.discard-refused", NULL));
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (csm_test_find_window (
                                                     ADW_TYPE_MESSAGE_DIALOG));

    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "discard");
  }
  g_assert_true (csm_test_wait_until (drafted_again, page, 30000));
  reviews = all_reviews ();
  g_assert_cmpuint (reviews->len, ==, before + 2);
  csm_test_pg_exec (pg, "postgres", "GRANT csm_reviewer TO sam");
  csm_test_pg_exec (pg, "postgres", "REVOKE csm_agent FROM sam");
}

/* Reviews of alice's and of bob's conversations are in the workspace;
 * alice, an agent, sees her own alone, as results, and cannot review. */
static void
test_agent (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CsmWorkspace) admin = open_as_superuser ();
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const agents[] = { "alice", "bob", "alice" };
  static const int ratings[][5] = { { 5, 4, 3, 4, 2 }, { 1, 1, 1, 1, 1 }, { 4, 4, 4, 3, 2 } };
  double alice_total = 0;
  CsmQualityPage *page;
  GtkStack *views;

  csm_workspace_list_scorecards_async (admin, NULL, csm_test_store_result, &result);
  cards = csm_workspace_list_scorecards_finish (admin, csm_test_await (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (agents); i++)
    {
      CsmQaReview *review = csm_qa_review_new (cards->pdata[0]);

      review->conversation = g_strdup_printf ("%u", 90 + i);
      review->agent = g_strdup (agents[i]);
      review->reviewer = g_strdup ("rosa");
      review->submitted = NOW - 3600 * (i + 1);
      for (guint c = 0; c < review->n_ratings; c++)
        review->ratings[c] = ratings[i][c];
      if (i != 1)
        alice_total += csm_qa_review_get_score (review).value;
      g_ptr_array_add (batch, review);
    }
  g_clear_object (&result);
  csm_workspace_submit_reviews_async (admin, batch, NULL, csm_test_store_result, &result);
  g_assert_true (csm_workspace_submit_reviews_finish (admin, csm_test_await (&result), NULL,
                                                      &error));
  g_assert_no_error (error);

  page = csm_test_team_open_page (f, uri, "alice", NOW);
  csm_test_wait_frames (GTK_WIDGET (f->window), 1);

  /* Her results, not the review form. */
  views = GTK_STACK (gtk_widget_get_parent (csm_quality_page_get_results (page)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (views), ==, "results");
  g_assert_false (gtk_stack_page_get_visible (gtk_stack_get_page (
                    views, gtk_stack_get_child_by_name (views, "review"))));
  gtk_widget_activate_action (GTK_WIDGET (page), "quality.show-personal-data", NULL);
  g_assert_false (g_settings_get_boolean (f->settings, "qa-show-personal-data"));
  {
    g_autofree char *label = g_strdup_printf ("Workspace: %s (team) · the reviews of alice’s "
                                              "conversations", uri + strlen ("postgresql://"));
    g_autofree char *iqs = g_strdup_printf ("%.1f", alice_total / 2);

    g_assert_nonnull (csm_test_find_label (GTK_WIDGET (page), label, FALSE));
    /* Her two reviews, and not bob's, make her IQS. */
    g_assert_cmpstr (csm_quality_results_get_iqs_text (CSM_QUALITY_RESULTS (
                       csm_quality_page_get_results (page))), ==, iqs);
    g_assert_nonnull (csm_test_find_label (csm_quality_page_get_results (page), "2 reviews",
                                           FALSE));
  }
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "quality-team-agent"));
}

static gboolean
assigned (gpointer data)
{
  return g_strcmp0 (csm_quality_page_get_status (data),
                    "Conversation #3 is assigned to rosa.") == 0;
}

/* The conversations list as shown (not a dropdown's own list). */
static GListModel *
shown_conversations (CsmQualityPage *page)
{
  g_autoptr(GPtrArray) lists = csm_test_find_all (GTK_WIDGET (page), GTK_TYPE_LIST_VIEW);

  for (guint i = 0; i < lists->len; i++)
    if (gtk_widget_has_css_class (lists->pdata[i], "navigation-sidebar"))
      return G_LIST_MODEL (gtk_list_view_get_model (lists->pdata[i]));
  g_assert_not_reached ();
  return NULL;
}

static gboolean
one_assigned (gpointer data)
{
  return g_list_model_get_n_items (shown_conversations (data)) == 1;
}

/* A lead, who does not review, assigns a conversation to a reviewer; the
 * reviewer finds it in their queue (Assigned to me), badged. */
static void
test_assign (Fixture       *f,
             gconstpointer  data)
{
  CsmQualityPage *page;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) dropdowns = NULL;

  page = csm_test_team_open_page (f, uri, "lea", NOW);
  g_assert_true (csm_quality_page_open_conversation (page, 3));
  g_assert_true (csm_test_wait_until (transcript_shown, page, 20000));
  csm_test_wait_frames (GTK_WIDGET (f->window), 1);
  /* She reads the conversation; the form says who scores it. */
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (page), "Reviewers score conversations. You "
                                         "assign them to reviewers (Assign…) and read the "
                                         "results.", FALSE));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (page), "Assign…", FALSE));

  entries = csm_test_find_all (GTK_WIDGET (page), GTK_TYPE_ENTRY);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (gtk_entry_get_placeholder_text (entries->pdata[i]),
                   "Reviewer’s helpdesk user name") == 0)
      gtk_editable_set_text (GTK_EDITABLE (entries->pdata[i]), "rosa");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "quality.assign", NULL));
  g_assert_true (csm_test_wait_until (assigned, page, 20000));
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "quality-team-lead"));
  /* Due in 3 days, the popover's first offer. */
  {
    g_autoptr(CsmWorkspace) admin = open_as_superuser ();
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) assignments = NULL;

    csm_workspace_list_assignments_async (admin, NULL, csm_test_store_result, &result);
    assignments = csm_workspace_list_assignments_finish (admin, csm_test_await (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (assignments->len, ==, 1);
    g_assert_cmpint (((CsmQaAssignment *) assignments->pdata[0])->due, ==, NOW + 3 * 86400);
  }
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  fixture_tear_down (f, NULL);
  memset (f, 0, sizeof *f);

  /* Rosa's queue. */
  page = csm_test_team_open_page (f, uri, "rosa", NOW);
  dropdowns = csm_test_find_all (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN);
  gtk_drop_down_set_selected (dropdowns->pdata[0], 4);
  g_assert_true (csm_test_wait_until (one_assigned, page, 20000));
  {
    g_autoptr(CsmTicket) only = g_list_model_get_item (shown_conversations (page), 0);

    g_assert_cmpint (csm_ticket_get_id (only), ==, 3);
  }
  csm_test_wait_frames (GTK_WIDGET (f->window), 1);
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (page), "Assigned", FALSE));
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "quality-team-queue"));
}

static CsmScorecardEditor *
find_editor (void)
{
  return (CsmScorecardEditor *) csm_test_find_window (CSM_TYPE_SCORECARD_EDITOR);
}

static gboolean
editor_gone (gpointer data)
{
  return find_editor () == NULL;
}

static gboolean
nothing_waits (gpointer data)
{
  return csm_test_find_label (data, "1 review or scorecard change waits", TRUE) == NULL;
}

/* An admin changes the scorecard while the server is down: the change is
 * kept on this computer, the page says it waits, and once the server is
 * back it is stored, once, and new reviews are scored on it. */
static void
test_admin_change_kept (Fixture       *f,
                        gconstpointer  data)
{
  CsmQualityPage *page;
  CsmScorecardEditor *editor;
  GtkWidget *weight;
  g_autoptr(CsmWorkspace) root = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  page = csm_test_team_open_page (f, uri, "ada", NOW);
  /* An admin may show personal data. */
  gtk_widget_activate_action (GTK_WIDGET (page), "quality.show-personal-data", NULL);
  g_assert_true (g_settings_get_boolean (f->settings, "qa-show-personal-data"));

  root = open_as_superuser ();
  csm_workspace_list_scorecards_async (root, NULL, csm_test_store_result, &result);
  before = csm_workspace_list_scorecards_finish (root, csm_test_await (&result), NULL);
  g_assert_nonnull (before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "quality.edit-scorecard", NULL));
  editor = find_editor ();
  g_assert_nonnull (editor);
  weight = csm_test_find_named (GTK_WIDGET (csm_scorecard_editor_get_category (editor, 0)),
                                "category-weight");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (weight), 35);
  csm_test_pg_pause (pg);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (csm_test_wait_until (editor_gone, NULL, 30000));
  g_assert_true (g_str_has_prefix (csm_quality_page_get_status (page),
                                   "The workspace cannot be reached"));
  csm_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (page), "1 review or scorecard change waits", TRUE));
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "quality-team-change-kept"));

  csm_test_pg_resume (pg);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "quality.deliver", NULL));
  g_assert_true (csm_test_wait_until (nothing_waits, page, 30000));
  /* The server's restart ended the superuser's connection too. */
  g_clear_object (&root);
  root = open_as_superuser ();
  g_clear_object (&result);
  csm_workspace_list_scorecards_async (root, NULL, csm_test_store_result, &result);
  after = csm_workspace_list_scorecards_finish (root, csm_test_await (&result), NULL);
  g_assert_nonnull (after);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  g_assert_cmpint (csm_qa_scorecard_get_category (after->pdata[after->len - 1], 0)->weight, ==,
                   35);

  /* Delivered, it is what the next conversation is scored on. */
  {
    g_autofree char *header = g_strdup_printf ("Default, version %d",
                                               csm_qa_scorecard_get_version (
                                                 after->pdata[after->len - 1]));

    g_assert_true (csm_quality_page_open_conversation (page, 4));
    g_assert_true (csm_test_wait_until (transcript_shown, page, 20000));
    g_assert_nonnull (csm_test_find_label (csm_quality_page_get_form (page), header, FALSE));
    g_assert_nonnull (csm_test_find_label (csm_quality_page_get_form (page), "weight 35",
                                           FALSE));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("csm-quality-team-XXXXXX", NULL);
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", data_home);
  static const char * const members[][2] = {
    { "rosa", "reviewer" }, { "sam", "reviewer" }, { "alice", "agent" }, { "bob", "agent" },
    { "ada", "admin" }, { "ada", "reviewer" }, { "lea", "lead" },
  };
  g_autoptr(CsmWorkspace) admin = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  /* Before GLib reads (and keeps) where user data goes. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  csm_test_gui_init (&argc, &argv);

  /* The team's workspace, as its admin sets it up. */
  pg = csm_test_pg_start ();
  uri = csm_test_pg_team (pg, "team", NULL, members, G_N_ELEMENTS (members));
  admin = open_as_superuser ();
  {
    g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_default ();
    g_autoptr(CsmQaScorecard) stored = NULL;

    g_clear_object (&result);
    csm_workspace_import_scorecard_async (admin, card, NULL, csm_test_store_result, &result);
    stored = csm_workspace_import_scorecard_finish (admin, csm_test_await (&result), &error);
    g_assert_no_error (error);
  }
  g_clear_object (&admin);

  g_test_add ("/gui/quality-team/connect-from-preferences", Fixture, NULL, NULL,
              test_connect_from_preferences, fixture_tear_down);
  g_test_add ("/gui/quality-team/reviewer", Fixture, NULL, NULL, test_reviewer, fixture_tear_down);
  g_test_add ("/gui/quality-team/agent", Fixture, NULL, NULL, test_agent, fixture_tear_down);
  g_test_add ("/gui/quality-team/assign", Fixture, NULL, NULL, test_assign, fixture_tear_down);
  g_test_add ("/gui/quality-team/admin-change-kept", Fixture, NULL, NULL, test_admin_change_kept,
              fixture_tear_down);
  ret = g_test_run ();
  csm_test_pg_stop (pg);
  g_free (uri);
  (void) system (cmd);
  return ret;
}
