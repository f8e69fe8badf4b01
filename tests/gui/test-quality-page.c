/* test-quality-page.c: the Quality page on the demo helpdesk: read a transcript, score it from the keyboard, see IQS.
 *
 * A real window under Xvfb, the demo's simulated helpdesk serving the
 * conversations' text, a real SQLite workspace and draft file in a
 * private data directory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "csm-context.h"
#include "csm-qa-iqs.h"
#include "csm-quality-page.h"
#include "csm-quality-results.h"
#include "csm-rating-row.h"
#include "csm-review-form.h"
#include "csm-scorecard-editor.h"
#include "csm-sim-model.h"
#include "csm-sync-engine.h"
#include "csm-test-gui.h"
#include "csm-test-workspace.h"
#include "csm-ticket-list.h"
#include "csm-ticket.h"
#include "csm-transcript-view.h"
#include "csm-window.h"

typedef struct
{
  GSettings *settings;
  CsmClock *clock;
  CsmContext *context;
  CsmWindow *window;
  CsmQualityPage *page;
  char *data_home;
} Fixture;

static gboolean
synced (gpointer data)
{
  Fixture *f = data;
  CsmSyncEngine *engine = csm_context_get_engine (f->context);

  return engine != NULL && csm_sync_engine_get_state (engine) == CSM_SYNC_STATE_ONLINE &&
         csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine))->len > 0;
}

static gboolean
ready (gpointer data)
{
  Fixture *f = data;

  return csm_quality_page_is_ready (f->page);
}

static gboolean
transcript_shown (gpointer data)
{
  Fixture *f = data;

  return csm_quality_page_is_transcript_shown (f->page);
}

static gboolean
submitted (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (csm_quality_page_get_status (f->page), "Submitted.") == 0;
}

static void
open_window (Fixture *f)
{
  f->window = csm_window_new (NULL, f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  f->page = CSM_QUALITY_PAGE (csm_window_get_quality_page (f->window));
  gtk_window_present (GTK_WINDOW (f->window));
  csm_window_show_page (f->window, "quality");
  g_assert_true (csm_test_wait_until (ready, f, 20000));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* main () gave the process a data folder of its own; each test starts it empty. */
  f->data_home = g_strdup (g_get_user_data_dir ());
  f->settings = g_settings_new (APP_ID);
  g_settings_set_uint (f->settings, "refresh-interval", 3600);
  f->clock = csm_clock_new_system ();
  f->context = csm_context_new (f->settings, f->clock);
  csm_context_start_demo_async (f->context, 4242, 1.0, CSM_SIM_REFERENCE_NOW, NULL,
                                csm_test_store_result, &result);
  g_assert_true (csm_context_start_demo_finish (f->context, csm_test_await (&result), &error));
  g_assert_no_error (error);
  g_assert_true (csm_test_wait_until (synced, f, 20000));
  open_window (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s/csm-console'", f->data_home);

  gtk_window_destroy (GTK_WINDOW (f->window));
  csm_context_set_account (f->context, NULL, NULL);
  g_clear_object (&f->context);
  g_clear_object (&f->clock);
  g_settings_reset (f->settings, "refresh-interval");
  g_settings_reset (f->settings, "qa-show-personal-data");
  g_clear_object (&f->settings);
  csm_test_drain ();
  (void) system (cmd);
  g_free (f->data_home);
}

/* The newest resolved conversation with a customer who gave personal data
 * the demo writes into some messages, else the newest. */
static CsmTicket *
pick_conversation (Fixture *f)
{
  GPtrArray *all = csm_ticket_list_get_array (csm_sync_engine_get_tickets (
                                                csm_context_get_engine (f->context)));
  CsmTicket *best = NULL;

  for (guint i = 0; i < all->len; i++)
    {
      CsmTicket *t = g_ptr_array_index (all, i);

      if (g_ascii_strcasecmp (csm_ticket_get_status (t), "resolved") != 0 ||
          g_strcmp0 (csm_ticket_get_owner (t), "Nobody") == 0)
        continue;
      if (best == NULL || csm_ticket_get_resolved (t) > csm_ticket_get_resolved (best))
        best = t;
    }
  g_assert_nonnull (best);
  return best;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = csm_test_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0)
      return buttons->pdata[i];
  g_error ("no button “%s”", label);
  return NULL;
}

static void
assert_no_address (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = csm_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (g_ptr_array_index (labels, i));

      if (strchr (text, '@') != NULL)
        g_error ("the transcript shows an e-mail address: %s", text);
    }
}

/* Open a conversation, read it (masked), score every category from the
 * keyboard, submit, and see the score become the period's IQS. */
static void
test_score_from_keyboard (Fixture       *f,
                          gconstpointer  data)
{
  CsmTicket *ticket = pick_conversation (f);
  CsmReviewForm *form = CSM_REVIEW_FORM (csm_quality_page_get_form (f->page));
  CsmQualityResults *results = CSM_QUALITY_RESULTS (csm_quality_page_get_results (f->page));
  GtkWidget *transcript = csm_quality_page_get_transcript (f->page);
  GtkRoot *root = GTK_ROOT (f->window);
  static const guint keys[] = { GDK_KEY_5, GDK_KEY_4, GDK_KEY_n, GDK_KEY_3, GDK_KEY_2 };
  static const int want[] = { 5, 4, CSM_QA_NA, 3, 2 };
  gboolean defined = FALSE;
  GtkWidget *score_label, *submit;

  g_assert_cmpstr (csm_quality_results_get_iqs_text (results), ==, "—");
  /* The demo's reviews have a workspace of their own, apart from real ones. */
  {
    g_autofree char *demo = g_build_filename (f->data_home, "csm-console", "demo-workspace.sqlite",
                                              NULL);
    g_autofree char *real = g_build_filename (f->data_home, "csm-console", "workspace.sqlite",
                                              NULL);

    g_assert_true (g_file_test (demo, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (real, G_FILE_TEST_EXISTS));
  }
  g_assert_true (csm_quality_page_open_conversation (f->page, csm_ticket_get_id (ticket)));
  g_assert_true (csm_test_wait_until (transcript_shown, f, 20000));
  g_assert_cmpint (csm_quality_page_get_shown_ticket (f->page), ==, csm_ticket_get_id (ticket));
  assert_no_address (transcript);
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "quality-review-open"));

  /* Personal data was found and masked (the requestor's address at least). */
  g_assert_cmpuint (csm_transcript_view_get_n_masked (CSM_TRANSCRIPT_VIEW (transcript)), >, 0);

  /* Nothing rated: nothing to submit. */
  submit = find_button (GTK_WIDGET (form), "_Submit Review");
  g_assert_false (gtk_widget_get_sensitive (submit));

  /* A digit a category: the focus moves on each time. */
  csm_review_form_focus_first (form);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkWidget *row = csm_review_form_get_row (form, i);

      g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (root), row) ||
                     gtk_root_get_focus (root) == row);
      g_assert_true (csm_review_form_handle_key (form, keys[i], 0));
      g_assert_cmpint (csm_rating_row_get_rating (CSM_RATING_ROW (row)), ==, want[i]);
    }
  g_assert_true (GTK_IS_TEXT_VIEW (gtk_root_get_focus (root)));
  /* In the comment, digits are text. */
  g_assert_false (csm_review_form_handle_key (form, GDK_KEY_1, 0));
  g_assert_true (csm_review_form_is_complete (form));

  /* (100·20 + 75·25 + 66.7·20 + 100·15) ÷ 80 = 83.9, Tenacity N/A. */
  g_assert_cmpfloat_with_epsilon (csm_review_form_get_score (form, &defined),
                                  (2000.0 + 1875.0 + 20 * 200.0 / 3 + 1500.0) / 80, 1e-9);
  g_assert_true (defined);
  score_label = csm_test_find_label (GTK_WIDGET (form), "83.9", FALSE);
  g_assert_nonnull (score_label);
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (form),
                                         "(100 × 20 + 75 × 25 + 66.7 × 20 + 100 × 15) ÷ 80 = 83.9\n"
                                         "N/A, left out: Tenacity", FALSE));
  g_assert_cmpuint (csm_quality_page_get_n_drafts (f->page), ==, 1);
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "quality-review-scored"));

  g_assert_true (gtk_widget_get_sensitive (submit));
  /* Pressed twice at once: one submission. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "quality.submit", NULL));
  g_assert_false (gtk_widget_get_sensitive (submit));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "quality.submit", NULL);
  g_assert_true (csm_test_wait_until (submitted, f, 20000));
  g_assert_cmpuint (csm_quality_page_get_n_drafts (f->page), ==, 0);
  g_assert_cmpstr (csm_quality_results_get_iqs_text (results), ==, "83.9");
  csm_quality_page_show_view (f->page, "results");
  csm_test_wait_frames (GTK_WIDGET (f->window), 1);
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (results), "1 review", FALSE));
  csm_quality_page_show_view (f->page, "review");
  /* What was submitted is not submitted again. */
  g_assert_false (gtk_widget_get_sensitive (submit));

  /* Scored again: a new version, and only it counts. Clarity 3 → 4 of 4:
   * (2000 + 1875 + 100·20 + 1500) ÷ 80 = 92.2. */
  gtk_widget_grab_focus (csm_review_form_get_row (form, 3));
  g_assert_true (csm_review_form_handle_key (form, GDK_KEY_4, 0));
  g_assert_true (gtk_widget_get_sensitive (submit));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "quality.submit", NULL));
  g_assert_true (csm_test_wait_until (submitted, f, 20000));
  g_assert_cmpstr (csm_quality_results_get_iqs_text (results), ==, "92.2");
  csm_quality_page_show_view (f->page, "results");
  csm_test_wait_frames (GTK_WIDGET (f->window), 1);
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (results), "1 review", FALSE));

  /* A row of the table shows the reviews behind it; the table stays. */
  {
    g_autoptr(GPtrArray) boxes = csm_test_find_all (GTK_WIDGET (results), GTK_TYPE_LIST_BOX);
    GtkListBox *groups = boxes->pdata[0];
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (groups, 0);
    g_autofree char *title = g_strdup_printf ("Reviews behind %s", csm_ticket_get_owner (ticket));

    g_assert_nonnull (row);
    gtk_list_box_select_row (groups, row);
    g_assert_true (gtk_list_box_get_row_at_index (groups, 0) == row);
    g_assert_nonnull (csm_test_find_label (GTK_WIDGET (results), title, FALSE));
  }
  csm_quality_page_show_view (f->page, "review");
  csm_test_wait_frames (GTK_WIDGET (f->window), 1);

  /* The list shows what I reviewed: this conversation alone; what I have
   * not reviewed: all the others. */
  {
    g_autoptr(GPtrArray) dropdowns = csm_test_find_all (GTK_WIDGET (f->page), GTK_TYPE_DROP_DOWN);
    g_autoptr(GPtrArray) lists = csm_test_find_all (GTK_WIDGET (f->page), GTK_TYPE_LIST_VIEW);
    GListModel *shown = NULL;
    guint all;
    g_autoptr(CsmTicket) only = NULL;

    /* The conversations, not a dropdown's own list. */
    for (guint i = 0; i < lists->len; i++)
      if (gtk_widget_has_css_class (lists->pdata[i], "navigation-sidebar"))
        shown = G_LIST_MODEL (gtk_list_view_get_model (lists->pdata[i]));
    g_assert_nonnull (shown);
    all = g_list_model_get_n_items (shown);
    g_assert_cmpuint (all, >, 100);

    gtk_drop_down_set_selected (dropdowns->pdata[0], 3);
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
    only = g_list_model_get_item (shown, 0);
    g_assert_true (only == ticket);
    gtk_drop_down_set_selected (dropdowns->pdata[0], 1);
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, all - 1);
    gtk_drop_down_set_selected (dropdowns->pdata[0], 0);
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, all);
  }

  /* This computer's workspace is its owner's: they may show personal data. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "quality.show-personal-data",
                                             NULL));
  g_assert_true (g_settings_get_boolean (f->settings, "qa-show-personal-data"));
  g_assert_true (csm_test_wait_until (transcript_shown, f, 20000));
  g_assert_nonnull (csm_test_find_label (transcript, "From ", TRUE));
  g_assert_nonnull (strchr (gtk_label_get_text (GTK_LABEL (csm_test_find_label (transcript, "From ",
                                                                               TRUE))), '@'));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "quality.show-personal-data",
                                             NULL));
  g_assert_true (csm_test_wait_until (transcript_shown, f, 20000));
  assert_no_address (transcript);

  csm_quality_page_show_view (f->page, "results");
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "quality-results"));
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

/* The owner of this computer's workspace is its admin: they change the
 * scorecard from the page; the next conversation is scored on the new
 * version, and what was scored before keeps its own. */
static void
test_edit_scorecard (Fixture       *f,
                     gconstpointer  data)
{
  CsmReviewForm *form = CSM_REVIEW_FORM (csm_quality_page_get_form (f->page));
  CsmScorecardEditor *editor;
  GtkWidget *weight;
  CsmTicket *ticket = pick_conversation (f);

  /* A review scored on version 1 first. */
  g_assert_true (csm_quality_page_open_conversation (f->page, csm_ticket_get_id (ticket)));
  g_assert_true (csm_test_wait_until (transcript_shown, f, 20000));
  csm_review_form_focus_first (form);
  for (guint i = 0; i < 5; i++)
    g_assert_true (csm_review_form_handle_key (form, GDK_KEY_2, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "quality.submit", NULL));
  g_assert_true (csm_test_wait_until (submitted, f, 20000));

  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (f->page), "Edit Scorecard…", FALSE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "quality.edit-scorecard",
                                             NULL));
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (f->window));
  weight = csm_test_find_named (GTK_WIDGET (csm_scorecard_editor_get_category (editor, 0)),
                                "category-weight");
  g_assert_nonnull (weight);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (weight), 40);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (csm_test_wait_until (editor_gone, NULL, 20000));
  g_assert_cmpstr (csm_quality_page_get_status (f->page), ==,
                   "“Default” saved as version 2: the next conversation you open is scored on "
                   "it.");

  /* Another conversation: the new version. */
  {
    GPtrArray *all = csm_ticket_list_get_array (csm_sync_engine_get_tickets (
                                                  csm_context_get_engine (f->context)));
    CsmTicket *other = NULL;

    for (guint i = 0; i < all->len && other == NULL; i++)
      if (g_ascii_strcasecmp (csm_ticket_get_status (all->pdata[i]), "resolved") == 0 &&
          all->pdata[i] != ticket)
        other = all->pdata[i];
    g_assert_nonnull (other);
    g_assert_true (csm_quality_page_open_conversation (f->page, csm_ticket_get_id (other)));
  }
  g_assert_true (csm_test_wait_until (transcript_shown, f, 20000));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (form), "Default, version 2", FALSE));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (form), "weight 40", FALSE));

  /* The review made before keeps version 1, and its score. */
  {
    g_autofree char *path = g_build_filename (f->data_home, "csm-console",
                                              "demo-workspace.sqlite", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(CsmWorkspace) ws = csm_test_workspace_open (path, "check", NULL, &error);
    g_autoptr(GPtrArray) reviews = NULL;
    g_autoptr(GPtrArray) cards = NULL;

    g_assert_no_error (error);
    reviews = csm_test_workspace_reviews (ws);
    cards = csm_test_workspace_scorecards (ws);
    g_assert_cmpuint (reviews->len, ==, 1);
    g_assert_cmpint (csm_qa_scorecard_get_version (((CsmQaReview *) reviews->pdata[0])->scorecard),
                     ==, 1);
    g_assert_cmpuint (cards->len, ==, 2);
    g_assert_cmpint (csm_qa_scorecard_get_category (cards->pdata[0], 0)->weight, ==, 20);
    g_assert_cmpint (csm_qa_scorecard_get_category (cards->pdata[1], 0)->weight, ==, 40);
  }
}

/* A draft outlives the window: the next page offers it back, ratings and all. */
static void
test_draft_offered_back (Fixture       *f,
                         gconstpointer  data)
{
  CsmTicket *ticket = pick_conversation (f);
  CsmReviewForm *form = CSM_REVIEW_FORM (csm_quality_page_get_form (f->page));
  GtkWidget *banner;

  g_assert_true (csm_quality_page_open_conversation (f->page, csm_ticket_get_id (ticket)));
  csm_review_form_focus_first (form);
  g_assert_true (csm_review_form_handle_key (form, GDK_KEY_4, 0));
  g_assert_true (csm_review_form_handle_key (form, GDK_KEY_2, 0));
  g_assert_cmpuint (csm_quality_page_get_n_drafts (f->page), ==, 1);

  /* The window goes (its draft store writes what it holds), a new one comes. */
  gtk_window_destroy (GTK_WINDOW (f->window));
  csm_test_drain ();
  open_window (f);
  form = CSM_REVIEW_FORM (csm_quality_page_get_form (f->page));
  g_assert_cmpuint (csm_quality_page_get_n_drafts (f->page), ==, 1);
  banner = csm_test_find_label (GTK_WIDGET (f->page),
                                "1 review you had started was kept as a draft.", FALSE);
  g_assert_nonnull (banner);
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "quality-draft-offered"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "quality.resume-draft", NULL));
  g_assert_cmpint (csm_quality_page_get_shown_ticket (f->page), ==, csm_ticket_get_id (ticket));
  g_assert_cmpint (csm_rating_row_get_rating (CSM_RATING_ROW (csm_review_form_get_row (form, 0))),
                   ==, 4);
  g_assert_cmpint (csm_rating_row_get_rating (CSM_RATING_ROW (csm_review_form_get_row (form, 1))),
                   ==, 2);
  g_assert_cmpint (csm_rating_row_get_rating (CSM_RATING_ROW (csm_review_form_get_row (form, 2))),
                   ==, CSM_QA_UNRATED);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("csm-quality-test-XXXXXX", NULL);
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", data_home);
  int ret;

  /* Before GLib reads (and keeps) where user data goes: the workspace,
   * drafts and outbox of these tests stay in a temporary folder. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  csm_test_gui_init (&argc, &argv);

  g_test_add ("/gui/quality/score-from-keyboard", Fixture, NULL, fixture_set_up,
              test_score_from_keyboard, fixture_tear_down);
  g_test_add ("/gui/quality/edit-scorecard", Fixture, NULL, fixture_set_up, test_edit_scorecard,
              fixture_tear_down);
  g_test_add ("/gui/quality/draft-offered-back", Fixture, NULL, fixture_set_up,
              test_draft_offered_back, fixture_tear_down);
  ret = g_test_run ();
  (void) system (cmd);
  return ret;
}
