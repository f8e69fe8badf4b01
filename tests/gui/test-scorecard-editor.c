/* test-scorecard-editor.c: an admin changes a QA scorecard in its editor: edits saved as the next version, invalid edits refused, conflicts kept.
 *
 * A real window under Xvfb on a real SQLite workspace in a temporary
 * folder, version 1 of the default scorecard in it; two people (rosa and
 * sam) open the same file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "csm-category-editor.h"
#include "csm-scorecard-editor.h"
#include "csm-test-gui.h"
#include "csm-test-workspace.h"
#include "csm-workspace.h"

/* The default scorecard's categories, in order. */
enum
{
  EMPATHY,
  COMPETENCY,
  TENACITY,
  CLARITY,
  PROCESS,
  N_DEFAULT
};

typedef struct
{
  char *dir;
  char *path;
  CsmWorkspace *rosa;
  CsmQaScorecard *v1;
  GtkWindow *parent;
} Fixture;

/* What happened to one editor window. */
typedef struct
{
  CsmScorecardEditor *editor;   /* (owned): inspected after it closed */
  CsmQaScorecard *stored;       /* (owned) (nullable): what "saved" gave */
  guint n_saved;
} Opened;

static CsmWorkspace *
open_as (const char *path,
         const char *user)
{
  g_autoptr(GError) error = NULL;
  CsmWorkspace *ws = csm_test_workspace_open (path, user, NULL, &error);

  g_assert_no_error (error);
  return ws;
}


static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CsmQaScorecard) card = csm_qa_scorecard_new_default ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("csm-scorecard-editor-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "workspace.sqlite", NULL);
  f->rosa = open_as (f->path, "rosa");
  csm_workspace_save_scorecard_async (f->rosa, card, 0, NULL, csm_test_store_result, &result);
  f->v1 = csm_workspace_save_scorecard_finish (f->rosa, csm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (csm_qa_scorecard_get_version (f->v1), ==, 1);

  /* The console's main window, as the editor's parent. */
  f->parent = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->parent, 1000, 800);
  gtk_window_present (f->parent);
}


static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->parent);
  csm_test_drain ();
  g_clear_pointer (&f->v1, csm_qa_scorecard_unref);
  g_clear_object (&f->rosa);
  csm_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
saved_cb (CsmScorecardEditor *editor,
          CsmQaScorecard     *stored,
          Opened             *opened)
{
  g_clear_pointer (&opened->stored, csm_qa_scorecard_unref);
  opened->stored = csm_qa_scorecard_ref (stored);
  opened->n_saved++;
}

static void
open_editor (Fixture        *f,
             Opened         *opened,
             CsmWorkspace   *ws,
             CsmQaScorecard *card)
{
  memset (opened, 0, sizeof *opened);
  opened->editor = g_object_ref (csm_scorecard_editor_new (f->parent, ws, card));
  g_signal_connect (opened->editor, "saved", G_CALLBACK (saved_cb), opened);
  gtk_window_present (GTK_WINDOW (opened->editor));
  csm_test_wait_frames (GTK_WIDGET (opened->editor), 2);
}

/* Whether the window is gone from the screen and from GTK's windows. */
static gboolean
closed (gpointer data)
{
  Opened *opened = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window == GTK_WINDOW (opened->editor))
        return FALSE;
    }
  return TRUE;
}

static void
opened_clear (Opened *opened)
{
  gtk_window_destroy (GTK_WINDOW (opened->editor));
  g_clear_object (&opened->editor);
  g_clear_pointer (&opened->stored, csm_qa_scorecard_unref);
}

static gboolean
not_saving (gpointer data)
{
  return !csm_scorecard_editor_is_saving (((Opened *) data)->editor);
}

/* Waits for a save to end, and the window to close on it. */
static void
wait_saved (Opened *opened)
{
  g_assert_true (csm_test_wait_until (not_saving, opened, 20000));
  g_assert_cmpstr (csm_scorecard_editor_get_message (opened->editor), ==, NULL);
  g_assert_true (closed (opened));
}

/* The field @name (a widget name from csm-category-editor.ui) of a category. */
static GtkWidget *
field (Opened     *opened,
       guint       category,
       const char *name)
{
  GtkWidget *row = GTK_WIDGET (csm_scorecard_editor_get_category (opened->editor, category));
  GtkWidget *widget;

  g_assert_nonnull (row);
  widget = csm_test_find_named (row, name);
  g_assert_nonnull (widget);
  return widget;
}

static void
set_text (Opened     *opened,
          guint       category,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (field (opened, category, name)), text);
}

static const char *
get_text (Opened     *opened,
          guint       category,
          const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (field (opened, category, name)));
}

static void
set_weight (Opened *opened,
            guint   category,
            int     weight)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (opened, category, "category-weight")),
                             weight);
}

static void
scroll_to_end (Opened *opened)
{
  g_autoptr(GPtrArray) scrolled = csm_test_find_all (GTK_WIDGET (opened->editor),
                                                     GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;

  g_assert_cmpuint (scrolled->len, >, 0);
  adjustment = gtk_scrolled_window_get_vadjustment (scrolled->pdata[0]);
  csm_test_wait_frames (GTK_WIDGET (opened->editor), 1);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
}

static GtkWidget *
save_button (Opened *opened)
{
  return csm_test_find_named (GTK_WIDGET (opened->editor), "editor-save");
}

/* Activates what @widget's own shortcuts bind to @accelerator, as the key
 * press would (GTK 4 has no public way to synthesize one). */
static gboolean
press (GtkWidget  *widget,
       const char *accelerator)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accelerator);

  g_assert_nonnull (wanted);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  g_error ("no shortcut %s", accelerator);
  return FALSE;
}

/* The discard question the editor asked, if it is showing. */
static AdwMessageDialog *
discard_dialog (Opened *opened)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (opened->editor))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Clicks the dialog's button labelled @label, as a person would. */
static void
click (GtkWidget  *root,
       const char *label)
{
  g_autoptr(GPtrArray) buttons = csm_test_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0)
      {
        g_signal_emit_by_name (buttons->pdata[i], "clicked");
        return;
      }
  g_error ("no button “%s”", label);
}

/* The core's own message for the default scorecard with category @i renamed. */
static char *
rename_error (Fixture    *f,
              guint       i,
              const char *name)
{
  CsmQaCategory categories[N_DEFAULT];
  g_autoptr(CsmQaScorecard) card = NULL;
  g_autoptr(GError) error = NULL;

  for (guint c = 0; c < N_DEFAULT; c++)
    categories[c] = *csm_qa_scorecard_get_category (f->v1, c);
  categories[i].name = (char *) name;
  card = csm_qa_scorecard_new ("Default", 1, categories, N_DEFAULT, &error);
  g_assert_null (card);
  g_assert_error (error, CSM_QA_ERROR, CSM_QA_ERROR_INVALID);
  return g_strdup (error->message);
}

/* Change a weight and a guidance, add a category (with a scale changed
 * back and forth on the way), save: version 2 holds exactly that, version
 * 1 is as it was. */
static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  Opened opened;
  CsmCategoryEditor *added;
  CsmQaCategory read;
  CsmQaCategory expected_categories[N_DEFAULT + 1];
  char *competency_guidance[5];
  char *courtesy_guidance[3] = {
    (char *) "Rude or curt", NULL, (char *) "Warm and polite throughout",
  };
  g_autoptr(CsmQaScorecard) expected = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *focus;

  open_editor (f, &opened, f->rosa, f->v1);
  g_assert_cmpuint (csm_scorecard_editor_get_n_categories (opened.editor), ==, N_DEFAULT);
  {
    g_autoptr(GPtrArray) titles = csm_test_find_all (GTK_WIDGET (opened.editor),
                                                     ADW_TYPE_WINDOW_TITLE);

    g_assert_cmpuint (titles->len, ==, 1);
    g_assert_cmpstr (adw_window_title_get_title (titles->pdata[0]), ==, "Edit Scorecard");
    g_assert_cmpstr (adw_window_title_get_subtitle (titles->pdata[0]), ==, "Default · version 1");
  }
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (opened.editor)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (opened.editor)) == f->parent);
  /* Nothing changed: nothing to save. */
  g_assert_false (csm_scorecard_editor_has_changes (opened.editor));
  g_assert_false (gtk_widget_get_sensitive (save_button (&opened)));
  g_assert_null (csm_scorecard_editor_get_problem (opened.editor));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (opened.editor), "Total weight: 100", FALSE));

  /* Empathy weighs 30 now; Competency's 3 gets guidance. */
  set_weight (&opened, EMPATHY, 30);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (
                     csm_scorecard_editor_get_category (opened.editor, EMPATHY))),
                   ==, "Weight 30, counts 27 % · 5-point");
  set_text (&opened, COMPETENCY, "category-guidance-3", "Right, with a detail missing");
  g_assert_true (gtk_widget_get_sensitive (save_button (&opened)));

  /* A new category: unfolded, the focus in its name, which it needs. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (opened.editor), "editor.add-category",
                                             NULL));
  g_assert_cmpuint (csm_scorecard_editor_get_n_categories (opened.editor), ==, N_DEFAULT + 1);
  added = csm_scorecard_editor_get_category (opened.editor, N_DEFAULT);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (added)));
  focus = gtk_root_get_focus (GTK_ROOT (opened.editor));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, field (&opened, N_DEFAULT, "category-name")));
  g_assert_cmpstr (csm_scorecard_editor_get_problem (opened.editor), ==,
                   "scorecard “Default”: category 6 has no name");
  g_assert_false (gtk_widget_get_sensitive (save_button (&opened)));

  /* Spaces around a name are not part of it. */
  set_text (&opened, N_DEFAULT, "category-name", "Courtesy ");
  set_weight (&opened, N_DEFAULT, 5);
  gtk_switch_set_active (GTK_SWITCH (field (&opened, N_DEFAULT, "category-na")), TRUE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (&opened, N_DEFAULT, "category-scale")), 1);
  g_assert_false (gtk_widget_get_visible (field (&opened, N_DEFAULT, "category-guidance-4")));
  set_text (&opened, N_DEFAULT, "category-guidance-1", "Rude or curt");
  set_text (&opened, N_DEFAULT, "category-guidance-3", "Warm and polite throughout");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     field (&opened, N_DEFAULT, "category-guidance-3"))),
                   ==, "Guidance for 3 (highest)");

  /* Binary: the third point's guidance goes from the form and the card… */
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (&opened, N_DEFAULT, "category-scale")), 0);
  g_assert_false (gtk_widget_get_visible (field (&opened, N_DEFAULT, "category-guidance-3")));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     field (&opened, N_DEFAULT, "category-guidance-2"))),
                   ==, "Guidance for 2 (pass)");
  csm_category_editor_get_category (added, &read);
  g_assert_cmpint (read.scale, ==, 2);
  g_assert_null (read.guidance[1]);
  g_assert_null (read.guidance[2]);
  /* …and back on 3 points, it is there again, as typed. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (&opened, N_DEFAULT, "category-scale")), 1);
  g_assert_true (gtk_widget_get_visible (field (&opened, N_DEFAULT, "category-guidance-3")));
  g_assert_cmpstr (get_text (&opened, N_DEFAULT, "category-guidance-3"), ==,
                   "Warm and polite throughout");
  csm_category_editor_get_category (added, &read);
  g_assert_cmpint (read.scale, ==, 3);
  g_assert_cmpstr (read.name, ==, "Courtesy");
  g_assert_cmpstr (read.guidance[2], ==, "Warm and polite throughout");

  g_assert_null (csm_scorecard_editor_get_problem (opened.editor));
  g_assert_false (gtk_widget_is_visible (csm_test_find_named (GTK_WIDGET (opened.editor),
                                                              "editor-problem")));
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (opened.editor), "Total weight: 115", FALSE));
  g_assert_true (gtk_widget_get_sensitive (save_button (&opened)));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (csm_scorecard_editor_get_category (
                                   opened.editor, COMPETENCY)), TRUE);
  g_free (csm_test_screenshot (GTK_WIDGET (opened.editor), "scorecard-editor"));
  scroll_to_end (&opened);
  g_free (csm_test_screenshot (GTK_WIDGET (opened.editor), "scorecard-editor-end"));

  /* Saving: the form waits, once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (opened.editor), "editor.save", NULL));
  g_assert_true (csm_scorecard_editor_is_saving (opened.editor));
  g_assert_false (gtk_widget_get_sensitive (save_button (&opened)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (added)));
  gtk_widget_activate_action (GTK_WIDGET (opened.editor), "editor.save", NULL);
  wait_saved (&opened);
  g_assert_cmpuint (opened.n_saved, ==, 1);
  g_assert_nonnull (opened.stored);
  g_assert_cmpint (csm_qa_scorecard_get_version (opened.stored), ==, 2);

  /* Exactly those changes. */
  for (guint c = 0; c < N_DEFAULT; c++)
    expected_categories[c] = *csm_qa_scorecard_get_category (f->v1, c);
  expected_categories[EMPATHY].weight = 30;
  memcpy (competency_guidance, expected_categories[COMPETENCY].guidance,
          sizeof competency_guidance);
  competency_guidance[2] = (char *) "Right, with a detail missing";
  expected_categories[COMPETENCY].guidance = competency_guidance;
  expected_categories[N_DEFAULT] = (CsmQaCategory) {
    (char *) "Courtesy", 5, 3, TRUE, FALSE, courtesy_guidance,
  };
  expected = csm_qa_scorecard_new ("Default", 2, expected_categories, N_DEFAULT + 1, &error);
  g_assert_no_error (error);
  g_assert_true (csm_qa_scorecard_same_content (opened.stored, expected));

  all = csm_test_workspace_scorecards (f->rosa);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpint (csm_qa_scorecard_get_version (all->pdata[0]), ==, 1);
  g_assert_true (csm_qa_scorecard_same_content (all->pdata[0], f->v1));
  g_assert_cmpint (csm_qa_scorecard_get_version (all->pdata[1]), ==, 2);
  g_assert_true (csm_qa_scorecard_same_content (all->pdata[1], expected));
  opened_clear (&opened);
}

/* A duplicate or an empty name: the core's message under the list, the
 * name marked, Save off; put right, no message, and (unchanged) still off. */
static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  Opened opened;
  g_autofree char *duplicate = rename_error (f, COMPETENCY, "Empathy");
  g_autofree char *empty = rename_error (f, COMPETENCY, NULL);
  GtkWidget *problem;

  open_editor (f, &opened, f->rosa, f->v1);
  problem = csm_test_find_named (GTK_WIDGET (opened.editor), "editor-problem");

  set_text (&opened, COMPETENCY, "category-name", "Empathy");
  g_assert_cmpstr (csm_scorecard_editor_get_problem (opened.editor), ==, duplicate);
  g_assert_null (csm_scorecard_editor_get_scorecard (opened.editor));
  csm_test_wait_frames (GTK_WIDGET (opened.editor), 1);
  g_assert_true (csm_test_find_label (GTK_WIDGET (opened.editor), duplicate, FALSE) == problem);
  g_assert_true (gtk_widget_has_css_class (problem, "error"));
  /* In sight, whatever is scrolled. */
  {
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (problem, GTK_WIDGET (opened.editor), &bounds));
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                       gtk_widget_get_height (GTK_WIDGET (opened.editor)));
  }
  g_assert_true (gtk_widget_has_css_class (field (&opened, COMPETENCY, "category-name"), "error"));
  g_assert_false (gtk_widget_has_css_class (field (&opened, EMPATHY, "category-name"), "error"));
  g_assert_false (gtk_widget_get_sensitive (save_button (&opened)));
  /* Ctrl+S does nothing either. */
  press (GTK_WIDGET (opened.editor), "<Control>s");
  g_assert_false (csm_scorecard_editor_is_saving (opened.editor));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (csm_scorecard_editor_get_category (
                                   opened.editor, COMPETENCY)), TRUE);
  g_free (csm_test_screenshot (GTK_WIDGET (opened.editor), "scorecard-editor-invalid"));

  set_text (&opened, COMPETENCY, "category-name", "  ");
  g_assert_cmpstr (csm_scorecard_editor_get_problem (opened.editor), ==, empty);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (problem)), ==, empty);
  g_assert_false (gtk_widget_get_sensitive (save_button (&opened)));

  /* Every weight 0: the core says so too. */
  set_text (&opened, COMPETENCY, "category-name", "Competency");
  for (guint c = 0; c < N_DEFAULT; c++)
    set_weight (&opened, c, 0);
  g_assert_cmpstr (csm_scorecard_editor_get_problem (opened.editor), ==,
                   "scorecard “Default”: every weight is 0");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (
                     csm_scorecard_editor_get_category (opened.editor, EMPATHY))),
                   ==, "Weight 0: rated, does not count · 5-point");
  g_assert_false (gtk_widget_get_sensitive (save_button (&opened)));

  /* Put back as it was: valid, and nothing to save. */
  for (guint c = 0; c < N_DEFAULT; c++)
    set_weight (&opened, c, csm_qa_scorecard_get_category (f->v1, c)->weight);
  g_assert_null (csm_scorecard_editor_get_problem (opened.editor));
  g_assert_false (gtk_widget_is_visible (problem));
  g_assert_false (gtk_widget_has_css_class (field (&opened, COMPETENCY, "category-name"),
                                            "error"));
  g_assert_nonnull (csm_scorecard_editor_get_scorecard (opened.editor));
  g_assert_false (csm_scorecard_editor_has_changes (opened.editor));
  g_assert_false (gtk_widget_get_sensitive (save_button (&opened)));

  /* Nothing to lose: Escape closes without asking. */
  press (GTK_WIDGET (opened.editor), "Escape");
  g_assert_true (closed (&opened));
  g_assert_cmpuint (opened.n_saved, ==, 0);
  opened_clear (&opened);
}

/* Two admins edit version 1; the first saves version 2; the second is
 * told who saved, keeps every edit, and nothing more is written. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CsmWorkspace) sam = open_as (f->path, "sam");
  g_autoptr(GPtrArray) all = NULL;
  Opened first, second;
  const char *message;

  open_editor (f, &first, f->rosa, f->v1);
  open_editor (f, &second, sam, f->v1);

  set_weight (&first, EMPATHY, 25);
  set_weight (&second, CLARITY, 10);
  set_text (&second, CLARITY, "category-guidance-2", "Mostly clear, some jargon");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (first.editor), "editor.save", NULL));
  wait_saved (&first);
  g_assert_cmpint (csm_qa_scorecard_get_version (first.stored), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (second.editor), "editor.save", NULL));
  g_assert_true (csm_test_wait_until (not_saving, &second, 20000));
  g_assert_false (closed (&second));
  g_assert_cmpuint (second.n_saved, ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (second.editor)));
  message = csm_scorecard_editor_get_message (second.editor);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "rosa saved version 2"));
  csm_test_wait_frames (GTK_WIDGET (second.editor), 1);
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (second.editor), message, FALSE));

  /* Every edit is still there, and the form can be used again. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (
                     field (&second, CLARITY, "category-weight"))), ==, 10);
  g_assert_cmpstr (get_text (&second, CLARITY, "category-guidance-2"), ==,
                   "Mostly clear, some jargon");
  g_assert_true (csm_scorecard_editor_has_changes (second.editor));
  g_assert_true (gtk_widget_is_sensitive (field (&second, CLARITY, "category-weight")));
  g_assert_true (gtk_widget_get_sensitive (save_button (&second)));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (csm_scorecard_editor_get_category (
                                   second.editor, CLARITY)), TRUE);
  g_free (csm_test_screenshot (GTK_WIDGET (second.editor), "scorecard-editor-conflict"));

  all = csm_test_workspace_scorecards (f->rosa);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_true (csm_qa_scorecard_same_content (all->pdata[0], f->v1));
  g_assert_true (csm_qa_scorecard_same_content (all->pdata[1], first.stored));
  g_assert_cmpint (csm_qa_scorecard_get_category (all->pdata[1], EMPATHY)->weight, ==, 25);
  g_assert_cmpint (csm_qa_scorecard_get_category (all->pdata[1], CLARITY)->weight, ==, 20);

  opened_clear (&first);
  opened_clear (&second);
}

/* Ctrl+S saves; every control is reached with Tab and named after its
 * category for a screen reader. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  Opened opened;
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) all = NULL;
  GtkWidget *weight, *guidance;
  const char *wanted[] = {
    "category-name", "category-weight", "category-scale", "category-na", "category-critical",
    "category-guidance-1", "category-guidance-5", "category-move-down", "category-remove",
  };

  open_editor (f, &opened, f->rosa, f->v1);

  weight = field (&opened, EMPATHY, "category-weight");
  guidance = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (
                           field (&opened, COMPETENCY, "category-guidance-3"))));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (weight), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Weight of Empathy");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (guidance), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Guidance for rating 3 of Competency");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (field (&opened, PROCESS,
                                                              "category-critical")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Process compliance is critical");
  /* Renamed, the labels follow. */
  set_text (&opened, EMPATHY, "category-name", "Empathy and tone");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (weight), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Weight of Empathy and tone");
  set_text (&opened, EMPATHY, "category-name", "Empathy");

  /* A weight typed counts at once, before the field is left. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (csm_scorecard_editor_get_category (
                                   opened.editor, EMPATHY)), TRUE);
  csm_test_wait_frames (GTK_WIDGET (opened.editor), 1);
  gtk_widget_grab_focus (weight);
  gtk_editable_set_text (GTK_EDITABLE (weight), "35");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (
                     csm_scorecard_editor_get_category (opened.editor, EMPATHY))),
                   ==, "Weight 35, counts 30 % · 5-point");
  g_assert_true (csm_scorecard_editor_has_changes (opened.editor));

  /* Tab, from the top, reaches the header's buttons, Add Category, and
   * every field of an unfolded category. */
  gtk_window_set_focus (GTK_WINDOW (opened.editor), NULL);
  for (guint i = 0; i < 300; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (opened.editor), GTK_DIR_TAB_FORWARD))
        continue;
      focus = gtk_root_get_focus (GTK_ROOT (opened.editor));
      for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
        g_hash_table_add (reached, w);
    }
  g_assert_true (g_hash_table_contains (reached, save_button (&opened)));
  g_assert_true (g_hash_table_contains (reached, csm_test_find_named (GTK_WIDGET (opened.editor),
                                                                      "editor-add-category")));
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    if (!g_hash_table_contains (reached, field (&opened, EMPATHY, wanted[i])))
      g_error ("Tab does not reach %s", wanted[i]);
  g_assert_true (g_hash_table_contains (reached, csm_scorecard_editor_get_category (opened.editor,
                                                                                    PROCESS)));

  /* Ctrl+S saves, with the weight typed last and not yet committed. */
  gtk_widget_grab_focus (weight);
  gtk_editable_set_text (GTK_EDITABLE (weight), "40");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (weight)), ==, 35);
  g_assert_true (gtk_widget_get_sensitive (save_button (&opened)));
  g_assert_true (press (GTK_WIDGET (opened.editor), "<Control>s"));
  wait_saved (&opened);
  g_assert_cmpint (csm_qa_scorecard_get_version (opened.stored), ==, 2);
  g_assert_cmpint (csm_qa_scorecard_get_category (opened.stored, EMPATHY)->weight, ==, 40);
  all = csm_test_workspace_scorecards (f->rosa);
  g_assert_cmpuint (all->len, ==, 2);
  opened_clear (&opened);
}

/* Closing with edits asks; Keep Editing keeps them, Discard drops them and
 * writes nothing. A removed and a moved category are edits too. */
static void
test_discard (Fixture       *f,
              gconstpointer  data)
{
  Opened opened;
  AdwMessageDialog *dialog;
  g_autoptr(GPtrArray) all = NULL;
  CsmQaCategory read;

  open_editor (f, &opened, f->rosa, f->v1);

  /* Clarity up one place, Tenacity removed. */
  g_assert_false (gtk_widget_get_sensitive (field (&opened, EMPATHY, "category-move-up")));
  g_assert_false (gtk_widget_get_sensitive (field (&opened, PROCESS, "category-move-down")));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (csm_scorecard_editor_get_category (
                                   opened.editor, CLARITY)), TRUE);
  gtk_widget_grab_focus (field (&opened, CLARITY, "category-move-up"));
  g_signal_emit_by_name (field (&opened, CLARITY, "category-move-up"), "clicked");
  csm_category_editor_get_category (csm_scorecard_editor_get_category (opened.editor, TENACITY),
                                    &read);
  g_assert_cmpstr (read.name, ==, "Clarity");
  /* The focus stays on the button, to move it further. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (opened.editor)) ==
                 field (&opened, TENACITY, "category-move-up"));
  g_assert_true (gtk_widget_get_sensitive (field (&opened, TENACITY, "category-move-down")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (csm_scorecard_editor_get_category (
                                                           opened.editor, CLARITY)),
                                             "category.remove", NULL));
  g_assert_cmpuint (csm_scorecard_editor_get_n_categories (opened.editor), ==, N_DEFAULT - 1);
  csm_category_editor_get_category (csm_scorecard_editor_get_category (opened.editor, CLARITY),
                                    &read);
  g_assert_cmpstr (read.name, ==, "Process compliance");
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (opened.editor), "Total weight: 80", FALSE));
  g_assert_true (csm_scorecard_editor_has_changes (opened.editor));

  /* Escape asks; Keep Editing keeps the window and the edits. */
  press (GTK_WIDGET (opened.editor), "Escape");
  dialog = discard_dialog (&opened);
  g_assert_nonnull (dialog);
  g_assert_false (closed (&opened));
  g_free (csm_test_screenshot (GTK_WIDGET (dialog), "scorecard-editor-discard"));
  click (GTK_WIDGET (dialog), "_Keep Editing");
  csm_test_drain ();
  g_assert_null (discard_dialog (&opened));
  g_assert_false (closed (&opened));
  g_assert_cmpuint (csm_scorecard_editor_get_n_categories (opened.editor), ==, N_DEFAULT - 1);

  /* The Cancel button asks too; Discard closes, and nothing is written. */
  click (GTK_WIDGET (opened.editor), "_Cancel");
  dialog = discard_dialog (&opened);
  g_assert_nonnull (dialog);
  click (GTK_WIDGET (dialog), "_Discard");
  g_assert_true (csm_test_wait_until (closed, &opened, 5000));
  g_assert_cmpuint (opened.n_saved, ==, 0);
  all = csm_test_workspace_scorecards (f->rosa);
  g_assert_cmpuint (all->len, ==, 1);
  opened_clear (&opened);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("csm-scorecard-editor-XXXXXX", NULL);
  int ret;

  /* Before GLib reads (and keeps) where user data goes: saves go through
   * the workspace's outbox, kept in this test's folder. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  csm_test_gui_init (&argc, &argv);

  g_test_add ("/gui/scorecard-editor/save", Fixture, NULL, fixture_set_up, test_save,
              fixture_tear_down);
  g_test_add ("/gui/scorecard-editor/invalid", Fixture, NULL, fixture_set_up, test_invalid,
              fixture_tear_down);
  g_test_add ("/gui/scorecard-editor/conflict", Fixture, NULL, fixture_set_up, test_conflict,
              fixture_tear_down);
  g_test_add ("/gui/scorecard-editor/keyboard", Fixture, NULL, fixture_set_up, test_keyboard,
              fixture_tear_down);
  g_test_add ("/gui/scorecard-editor/discard", Fixture, NULL, fixture_set_up, test_discard,
              fixture_tear_down);
  ret = g_test_run ();
  csm_test_remove_tree (data_home);
  return ret;
}
