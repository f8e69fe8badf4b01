/* test-quality-training.c: the training loop in the console, on a team's workspace and the simulator: weak reviews, the rule assigns at start, the agent completes, new reviews, the effect; a lead's hand assignment and its overdue summary; the consistency chart.
 *
 * A real window under Xvfb, the fixture helpdesk served by the simulator
 * as RT 5, a real PostgreSQL server the test starts and a real keyring on
 * the test's private D-Bus; each person connects as their own role.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "csm-consistency-view.h"
#include "csm-qa-consistency.h"
#include "csm-quality-page.h"
#include "csm-quality-results.h"
#include "csm-sampling-view.h"
#include "csm-test-async.h"
#include "csm-test-gui.h"
#include "csm-test-pg.h"
#include "csm-test-team.h"
#include "csm-test-workspace.h"
#include "csm-training-dialog.h"
#include "csm-training-monitor.h"
#include "csm-training-view.h"
#include "csm-workspace.h"

/* Monday 2026-11-23T12:00:00Z */
#define NOW ((gint64) 1795435200)
#define HOUR 3600
#define DAY (24 * HOUR)

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

/* Rosa's reviews of @agent, Empathy as given, every other category at
 * its best. */
static void
review (const char   *agent,
        const int    *empathy,
        const gint64 *when,
        guint         n)
{
  g_autoptr(CsmWorkspace) ws = open_as ("rosa", "rosa-secret");
  g_autoptr(GPtrArray) cards = csm_test_workspace_scorecards (ws);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  static guint conversation = 100;

  for (guint i = 0; i < n; i++)
    {
      CsmQaReview *r = csm_qa_review_new (cards->pdata[0]);

      r->conversation = g_strdup_printf ("%u", ++conversation);
      r->agent = g_strdup (agent);
      r->reviewer = g_strdup ("rosa");
      r->submitted = when[i];
      for (guint c = 0; c < r->n_ratings; c++)
        r->ratings[c] = csm_qa_scorecard_get_category (cards->pdata[0], c)->scale;
      r->ratings[0] = empathy[i];
      g_ptr_array_add (batch, r);
    }
  csm_workspace_submit_reviews_async (ws, batch, NULL, csm_test_store_result, &result);
  g_assert_true (csm_workspace_submit_reviews_finish (ws, csm_test_await (&result), NULL,
                                                      &error));
  g_assert_no_error (error);
}

static GtkWidget *
find_one (GtkWidget *root,
          GType      type)
{
  g_autoptr(GPtrArray) found = csm_test_find_all (root, type);

  g_assert_cmpuint (found->len, ==, 1);
  return found->pdata[0];
}

typedef struct
{
  CsmTrainingView *view;
  guint assignments;
} Settled;

static gboolean
settled (gpointer data)
{
  Settled *s = data;
  GPtrArray *assignments = csm_training_view_get_assignments (s->view);

  return csm_training_view_is_settled (s->view) && assignments != NULL &&
         assignments->len == s->assignments;
}

static gboolean
dialog_gone (gpointer data)
{
  return csm_test_find_window (GPOINTER_TO_SIZE (data)) == NULL;
}

typedef struct
{
  GtkWidget *root;
  const char *text;
} Shown;

static gboolean
label_shown (gpointer data)
{
  Shown *shown = data;

  return csm_test_find_label (shown->root, shown->text, FALSE) != NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return csm_test_find_window (GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
sampling_drawn (gpointer data)
{
  return csm_sampling_view_get_picks (data) != NULL;
}

static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  for (GtkWidget *w = root; w != NULL; w = csm_test_next_widget (root, w))
    if (GTK_IS_LABEL (w) && gtk_widget_get_mapped (w) &&
        strstr (gtk_label_get_text (GTK_LABEL (w)), text) != NULL)
      return w;
  return NULL;
}

static CsmTrainingView *
training_of (Fixture    *f,
             const char *user,
             gint64      now,
             guint       expected)
{
  CsmQualityPage *page = csm_test_team_open_page (f, uri, user, now);
  Settled s;

  csm_quality_page_show_view (page, "training");
  s.view = CSM_TRAINING_VIEW (find_one (GTK_WIDGET (page), CSM_TYPE_TRAINING_VIEW));
  s.assignments = expected;
  g_assert_true (csm_test_wait_until (settled, &s, 20000));
  return s.view;
}

static const CsmTrainingAssignment *
assignment_of (CsmTrainingView *view,
               const char      *agent)
{
  GPtrArray *assignments = csm_training_view_get_assignments (view);

  for (guint i = 0; i < assignments->len; i++)
    if (g_strcmp0 (((CsmTrainingAssignment *) assignments->pdata[i])->agent, agent) == 0)
      return assignments->pdata[i];
  return NULL;
}

/* The whole loop. Alice scores 0 in Empathy three times in November, Bob
 * 75 and Carl 100: at start the lead's console applies "Low empathy"
 * (below 50 over 3 reviews in 30 days) to Alice alone. The lead assigns
 * Bob a module by hand, due in 2 days, and adds a module. Alice starts
 * and completes hers. Three reviews after (50, 75, 75): with N = 3 the
 * effect is 0.0 → 66.7, +66.7 with Welch's interval (ν = 2, t = 4.303,
 * se = 8.33): +30.8 to +102.5. Bob's is overdue at the end of the 25th:
 * the lead's console says so once that day. */
static void
test_loop (Fixture       *f,
           gconstpointer  data)
{
  static const int weak[] = { 1, 1, 1 }, good[] = { 4, 4, 4 }, best[] = { 5, 5, 5 };
  static const int after[] = { 3, 4, 4 }, bob_after[] = { 4 };
  const gint64 before[] = { NOW - 10 * DAY, NOW - 9 * DAY, NOW - 8 * DAY };
  const gint64 later[] = { NOW + HOUR, NOW + 2 * HOUR, NOW + 3 * HOUR };
  const gint64 bob_later[] = { NOW + 4 * HOUR };
  CsmTrainingView *view;
  CsmTrainingDialog *dialog;
  const CsmTrainingAssignment *a;
  g_autoptr(GPtrArray) spins = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *alice = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "training-overdue-summary");
  review ("alice", weak, before, 3);
  review ("bob", good, before, 3);
  review ("carl", best, before, 3);

  /* The lead's console applies the rule at start. */
  view = training_of (f, "lea", NOW, 1);
  a = assignment_of (view, "alice");
  g_assert_nonnull (a);
  g_assert_cmpstr (a->rule, ==, "Low empathy");
  g_assert_cmpstr (a->assigned_by, ==, "lea");
  g_assert_cmpint (a->assigned, ==, NOW);
  g_assert_cmpuint (g_strv_length (a->fired_on), ==, 3);
  alice = g_strdup (a->id);
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (view), "alice · Listening first", FALSE));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (view), "Empathy · rule “Low empathy” fired "
                                                            "on 3 reviews", TRUE));

  /* By hand, from the weakest agents in Empathy: Bob, due in 2 days. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "training.assign-to", "(ss)",
                                             "bob", "Empathy"));
  dialog = CSM_TRAINING_DIALOG (csm_test_find_window (CSM_TYPE_TRAINING_DIALOG));
  g_assert_nonnull (dialog);
  spins = csm_test_find_all (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON);
  gtk_spin_button_set_value (spins->pdata[0], 2);
  entries = csm_test_find_all (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), "Your empathy is fine; this is for "
                                                           "the new refund wording.");
  g_free (csm_test_screenshot (GTK_WIDGET (dialog), "training-assign"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "training-dialog.save", NULL));
  g_assert_true (csm_test_wait_until (dialog_gone, GSIZE_TO_POINTER (CSM_TYPE_TRAINING_DIALOG),
                                      20000));
  {
    Settled s = { view, 2 };

    g_assert_true (csm_test_wait_until (settled, &s, 20000));
  }
  a = assignment_of (view, "bob");
  g_assert_null (a->rule);
  g_assert_cmpstr (a->note, ==, "Your empathy is fine; this is for the new refund wording.");

  /* A new module, training Process compliance. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "training.new-module", NULL));
  dialog = CSM_TRAINING_DIALOG (csm_test_find_window (CSM_TYPE_TRAINING_DIALOG));
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = csm_test_find_all (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  /* The rows of every use of the form, the hidden ones too: the note, then
   * title, description and link. */
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[1]), "Refund steps");
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[3]), "javascript:alert(1)");
  checks = csm_test_find_all (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (checks->len, ==, 5);
  for (guint i = 0; i < checks->len; i++)
    if (g_strcmp0 (g_object_get_data (checks->pdata[i], "category"), "Process compliance") == 0)
      gtk_check_button_set_active (checks->pdata[i], TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "training-dialog.save", NULL));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (dialog), "Module “Refund steps”: the link "
                                                              "must be an http, https or mailto "
                                                              "address.", FALSE));
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[3]), "https://kb.example.com/refunds");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "training-dialog.save", NULL));
  g_assert_true (csm_test_wait_until (dialog_gone, GSIZE_TO_POINTER (CSM_TYPE_TRAINING_DIALOG),
                                      20000));
  {
    Shown shown = { GTK_WIDGET (view), "Refund steps" };

    g_assert_true (csm_test_wait_until (label_shown, &shown, 20000));
  }
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "training-lead"));

  /* From an agent's results: Carl's, assigned from there. */
  {
    CsmQualityPage *page = CSM_QUALITY_PAGE (csm_window_get_quality_page (f->window));
    g_autoptr(GPtrArray) lists = NULL;
    GtkWidget *results;
    GtkWidget *button;
    GtkListBoxRow *row;

    csm_quality_page_show_view (page, "results");
    results = find_one (GTK_WIDGET (page), CSM_TYPE_QUALITY_RESULTS);
    lists = csm_test_find_all (results, GTK_TYPE_LIST_BOX);
    for (guint i = 0; (row = gtk_list_box_get_row_at_index (lists->pdata[0], i)) != NULL; i++)
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "group"), "carl") == 0)
        gtk_list_box_select_row (lists->pdata[0], row);
    button = csm_test_find_label (results, "Assign Training…", FALSE);
    g_assert_nonnull (button);
    /* A button clicks a moment after it is activated. */
    g_assert_true (gtk_widget_activate (gtk_widget_get_ancestor (button, GTK_TYPE_BUTTON)));
    g_assert_true (csm_test_wait_until (dialog_shown,
                                        GSIZE_TO_POINTER (CSM_TYPE_TRAINING_DIALOG), 20000));
    dialog = CSM_TRAINING_DIALOG (csm_test_find_window (CSM_TYPE_TRAINING_DIALOG));
    g_assert_nonnull (dialog);
    g_assert_nonnull (csm_test_find_label (GTK_WIDGET (dialog), "carl", FALSE));
    gtk_window_close (GTK_WINDOW (dialog));
    g_assert_true (csm_test_wait_until (dialog_gone,
                                        GSIZE_TO_POINTER (CSM_TYPE_TRAINING_DIALOG), 20000));
  }
  csm_test_team_tear_down (f);

  /* Alice sees hers alone, starts it and completes it. */
  view = training_of (f, "alice", NOW, 1);
  g_assert_null (assignment_of (view, "bob"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "training.start", "s", alice));
  {
    Settled s = { view, 1 };

    g_assert_true (csm_test_wait_until (settled, &s, 20000));
    g_assert_cmpint (assignment_of (view, "alice")->started, ==, NOW);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "training.complete", "s",
                                               alice));
    g_assert_true (csm_test_wait_until (settled, &s, 20000));
  }
  a = assignment_of (view, "alice");
  g_assert_cmpint (a->completed, ==, NOW);
  g_assert_cmpstr (a->completed_by, ==, "alice");
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "training-agent"));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (view), "Not enough reviews yet: 3 more "
                                                            "needed after completion", FALSE));
  csm_test_team_tear_down (f);

  /* Alice awaits her after-measurement: the lead's next sample asks for
   * the 3 reviews it needs, beyond the quota. */
  view = training_of (f, "lea", NOW + HOUR / 2, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (csm_training_view_get_awaiting (view),
                                                           "alice")), ==, 3);
  {
    CsmQualityPage *page = CSM_QUALITY_PAGE (csm_window_get_quality_page (f->window));
    CsmSamplingView *sampling;

    csm_quality_page_show_view (page, "sampling");
    sampling = CSM_SAMPLING_VIEW (find_one (GTK_WIDGET (page), CSM_TYPE_SAMPLING_VIEW));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sampling), "sampling.draw", NULL));
    g_assert_true (csm_test_wait_until (sampling_drawn, sampling, 30000));
    g_assert_nonnull (find_label_containing (GTK_WIDGET (sampling), " More for 1 agent whose "
                                                                    "training awaits its "
                                                                    "effect."));
  }
  csm_test_team_tear_down (f);

  /* New reviews; the next day the lead reads the effect. */
  review ("alice", after, later, 3);
  review ("bob", bob_after, bob_later, 1);
  view = training_of (f, "lea", NOW + DAY, 2);
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (view), "0.0 → 66.7: +66.7 points (95 per "
                                                            "cent interval +30.8 to +102.5)",
                                         FALSE));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (view), "+66.7 points on average (1 agent)",
                                         FALSE));
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "training-effect"));
  g_assert_null (csm_training_view_get_notified (view));
  csm_test_team_tear_down (f);

  /* Two days on, Bob's is overdue: one summary that day, not two. */
  view = training_of (f, "lea", NOW + 3 * DAY, 2);
  g_assert_cmpstr (csm_training_view_get_notified (view), ==,
                   "1 training assignment became overdue");
  csm_test_team_tear_down (f);
  view = training_of (f, "lea", NOW + 3 * DAY + HOUR, 2);
  g_assert_null (csm_training_view_get_notified (view));
}

static gboolean
consistency_computed (gpointer data)
{
  GPtrArray *rows = csm_consistency_view_get_rows (data);

  return rows != NULL && rows->len > 0;
}

/* After the loop: Empathy in the week of 9 November (Alice 0, Bob 75,
 * Carl 100: mean 58.3, standard deviation 42.5, range 100) and in the
 * week of 23 November (Alice 66.7, Bob 75: 4.2, range 8.3). In the
 * first, Alice sits outside the band, and her training shows. */
static void
test_consistency (Fixture       *f,
                  gconstpointer  data)
{
  CsmQualityPage *page = csm_test_team_open_page (f, uri, "lea", NOW + DAY);
  CsmConsistencyView *view;
  g_autoptr(GDateTime) monday = g_date_time_new_local (2026, 11, 9, 0, 0, 0);
  GPtrArray *rows;
  const CsmQaConsistencyRow *first = NULL, *last = NULL;

  csm_quality_page_show_view (page, "consistency");
  view = CSM_CONSISTENCY_VIEW (find_one (GTK_WIDGET (page), CSM_TYPE_CONSISTENCY_VIEW));
  g_assert_true (csm_test_wait_until (consistency_computed, view, 20000));
  rows = csm_consistency_view_get_rows (view);
  for (guint i = 0; i < rows->len; i++)
    {
      const CsmQaConsistencyRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->category, "Empathy") != 0)
        continue;
      if (first == NULL)
        first = row;
      last = row;
    }
  g_assert_nonnull (first);
  g_assert_cmpint (first->week, ==, g_date_time_to_unix (monday));
  g_assert_cmpuint (first->agents, ==, 3);
  g_assert_cmpfloat_with_epsilon (first->sd, 42.49, 0.01);
  g_assert_cmpfloat (last->max - last->min, <, 8.4);
  g_assert_true (csm_consistency_view_select (view, "Empathy", first->week));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (view),
                                         "Outside the band: 58.3 points below the mean · 3 "
                                         "ratings · training: Listening first (completed)",
                                         FALSE));
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "consistency"));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (view), "Week of 9 Nov: 3 agents, mean "
                                                            "58.3, standard deviation 42.5, "
                                                            "from 0.0 to 100.0. Outside the "
                                                            "band: more than one standard "
                                                            "deviation from the mean.", FALSE));
  g_free (csm_test_screenshot (GTK_WIDGET (f->window), "consistency"));
}

static void
summary_cb (CsmTrainingMonitor *monitor,
            const char         *title,
            const char         *body,
            GPtrArray          *shown)
{
  g_ptr_array_add (shown, g_strdup_printf ("%s\n%s", title, body));
}

static gboolean
monitor_ran (gpointer data)
{
  CsmTrainingMonitor *monitor = data;

  return csm_training_monitor_get_n_runs (monitor) >= GPOINTER_TO_UINT (
    g_object_get_data (G_OBJECT (monitor), "runs"));
}

/* After the loop, without a window: Dora scores 0 in Empathy three times.
 * The lead's console, started three days on, applies the rule to her and
 * sends one summary of Bob's overdue assignment; its next pass that day
 * assigns nothing twice and sends nothing. */
static void
test_monitor (Fixture       *f,
              gconstpointer  data)
{
  static const int weak[] = { 1, 1, 1 };
  const gint64 when[] = { NOW + DAY, NOW + DAY + HOUR, NOW + DAY + 2 * HOUR };
  g_autoptr(CsmTrainingMonitor) monitor = NULL;
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CsmWorkspace) ws = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint doras = 0;

  review ("dora", weak, when, 3);
  csm_test_team_keep_password (uri, "lea", "lea-secret");
  csm_test_team_sign_in (f, "lea", NOW + 3 * DAY);
  g_settings_set_string (f->settings, "qa-workspace", uri);
  g_settings_reset (f->settings, "training-overdue-summary");

  /* Without an application: what it would send is what it says. */
  monitor = csm_training_monitor_new (NULL, f->context);
  g_signal_connect (monitor, "summary", G_CALLBACK (summary_cb), shown);
  csm_training_monitor_run (monitor);
  g_object_set_data (G_OBJECT (monitor), "runs", GUINT_TO_POINTER (1));
  g_assert_true (csm_test_wait_until (monitor_ran, monitor, 20000));
  g_assert_null (csm_training_monitor_get_error (monitor));
  g_assert_cmpuint (csm_training_monitor_get_assigned (monitor), ==, 1);
  g_assert_cmpuint (csm_training_monitor_get_n_sent (monitor), ==, 1);
  g_assert_cmpstr (csm_training_monitor_get_notified (monitor), ==,
                   "1 training assignment became overdue");
  /* Bob's, due by the end of Wednesday 25. */
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_cmpstr (shown->pdata[0], ==, "1 training assignment became overdue\n"
                                        "bob: Listening first, due Wed 25 Nov");

  csm_training_monitor_run (monitor);
  g_object_set_data (G_OBJECT (monitor), "runs", GUINT_TO_POINTER (2));
  g_assert_true (csm_test_wait_until (monitor_ran, monitor, 20000));
  g_assert_cmpuint (csm_training_monitor_get_assigned (monitor), ==, 1);
  g_assert_cmpuint (csm_training_monitor_get_n_sent (monitor), ==, 1);

  ws = open_as ("lea", "lea-secret");
  csm_workspace_list_training_async (ws, NULL, csm_test_store_result, &result);
  assignments = csm_workspace_list_training_finish (ws, csm_test_await (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < assignments->len; i++)
    {
      const CsmTrainingAssignment *a = g_ptr_array_index (assignments, i);

      if (g_strcmp0 (a->agent, "dora") == 0)
        {
          doras++;
          g_assert_cmpstr (a->rule, ==, "Low empathy");
          g_assert_cmpstr (a->assigned_by, ==, "lea");
          g_assert_cmpint (a->assigned, ==, NOW + 3 * DAY);
        }
    }
  g_assert_cmpuint (doras, ==, 1);
  g_assert_cmpuint (shown->len, ==, 1);
}

/* The lead's console open: reviews arrive (here a reviewer's three of 0
 * for Erin), the page reads them again, and the rule assigns without a
 * restart. */
static void
test_rules_on_new_reviews (Fixture       *f,
                           gconstpointer  data)
{
  static const int weak[] = { 1, 1, 1 };
  const gint64 when[] = { NOW + 3 * DAY, NOW + 3 * DAY + HOUR, NOW + 3 * DAY + 2 * HOUR };
  CsmTrainingView *view = training_of (f, "lea", NOW + 3 * DAY + 3 * HOUR, 3);
  CsmQualityPage *page = CSM_QUALITY_PAGE (csm_window_get_quality_page (f->window));
  const CsmTrainingAssignment *a;
  Settled s = { view, 4 };

  g_assert_null (assignment_of (view, "erin"));
  review ("erin", weak, when, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "quality.reload-reviews", NULL));
  g_assert_true (csm_test_wait_until (settled, &s, 20000));
  a = assignment_of (view, "erin");
  g_assert_nonnull (a);
  g_assert_cmpstr (a->rule, ==, "Low empathy");
  g_assert_cmpint (a->assigned, ==, NOW + 3 * DAY + 3 * HOUR);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("csm-quality-training-XXXXXX", NULL);
  static const char * const members[][2] = {
    { "rosa", "reviewer" }, { "alice", "agent" }, { "bob", "agent" }, { "lea", "lead" },
  };
  g_autoptr(CsmWorkspace) admin = NULL;
  g_autoptr(CsmWorkspace) lead = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmTrainingCatalog) catalog = NULL;
  g_autoptr(CsmTrainingCatalog) stored = NULL;
  int ret;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  csm_test_gui_init (&argc, &argv);

  pg = csm_test_pg_start ();
  uri = csm_test_pg_team (pg, "team", NULL, members, G_N_ELEMENTS (members));
  /* The default scorecard; each side of an effect takes 3 reviews. */
  admin = open_as (CSM_TEST_PG_SUPERUSER, csm_test_pg_superuser_password (pg));
  {
    g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_default ();
    g_autoptr(CsmQaScorecard) kept = NULL;

    csm_workspace_import_scorecard_async (admin, card, NULL, csm_test_store_result, &result);
    kept = csm_workspace_import_scorecard_finish (admin, csm_test_await (&result), &error);
    g_assert_no_error (error);
  }
  g_clear_object (&admin);
  csm_test_pg_exec (pg, "team", "UPDATE workspace_settings SET value = '3' "
                                "WHERE name = 'training_effect_reviews'");
  /* The lead's catalog. */
  catalog = csm_training_catalog_from_json (
    "{\"modules\": [{\"name\": \"Listening first\", \"description\": \"Acknowledge the "
    "customer, then solve.\", \"link\": \"https://lms.example.com/listening\", \"minutes\": 45, "
    "\"categories\": [\"Empathy\"]}], \"rules\": [{\"name\": \"Low empathy\", \"category\": "
    "\"Empathy\", \"below\": 50, \"min_reviews\": 3, \"days\": 30, \"module\": \"Listening "
    "first\", \"due_days\": 5}]}", &error);
  g_assert_no_error (error);
  lead = open_as ("lea", "lea-secret");
  g_clear_object (&result);
  csm_workspace_update_training_async (lead, catalog, NULL, NULL, NOW - 30 * DAY, NULL,
                                       csm_test_store_result, &result);
  stored = csm_workspace_update_training_finish (lead, csm_test_await (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&lead);

  g_test_add ("/gui/quality-training/loop", Fixture, NULL, NULL, test_loop, fixture_tear_down);
  g_test_add ("/gui/quality-training/consistency", Fixture, NULL, NULL, test_consistency,
              fixture_tear_down);
  g_test_add ("/gui/quality-training/monitor", Fixture, NULL, NULL, test_monitor,
              fixture_tear_down);
  g_test_add ("/gui/quality-training/rules-on-new-reviews", Fixture, NULL, NULL,
              test_rules_on_new_reviews, fixture_tear_down);
  ret = g_test_run ();
  csm_test_pg_stop (pg);
  g_free (uri);
  csm_test_remove_tree (data_home);
  return ret;
}
