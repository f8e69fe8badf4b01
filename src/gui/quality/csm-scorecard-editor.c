/* csm-scorecard-editor.c: the window in which an admin changes a QA scorecard, saved as its next version.
 *
 * The form is checked as it is edited: every change builds the scorecard
 * with csm_qa_scorecard_new () (a few small copies), whose error, naming the
 * category and the rule, is shown under the list, in a bar that stays in
 * sight however far the list is scrolled; Save is offered only for a valid
 * scorecard that differs from the one opened.
 *
 * Saving asks the workspace for the next version of the version the edit
 * started from. When someone else saved meanwhile, the workspace refuses
 * and writes nothing; the window says so and keeps every edit, so nothing
 * typed is lost. Closing with edits not saved asks first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-scorecard-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-scorecard-editor.h"

struct _CsmScorecardEditor
{
  AdwWindow parent_instance;

  CsmWorkspace *workspace;          /* (owned) */
  CsmQaScorecard *original;         /* (owned): the version the edit started from */
  CsmQaScorecard *edited;           /* (owned) (nullable): the form, NULL while invalid */
  char *problem;                    /* (owned) (nullable): why the form is invalid */
  GCancellable *cancellable;        /* (owned) (nullable): the save under way */
  AdwMessageDialog *discard_dialog; /* (nullable): weak */
  gboolean discarding;              /* closing without asking again */
  int last_order;                   /* the sort key of the last category added */

  AdwWindowTitle *window_title;
  GtkSpinner *spinner;
  GtkRevealer *banner;
  GtkLabel *banner_label;
  AdwPreferencesPage *page;
  AdwPreferencesGroup *scorecard_group;
  GtkLabel *name_label;
  GtkButton *add_button;
  GtkListBox *categories_list;
  GtkLabel *total_label;
  GtkWidget *problem_bar;
  GtkLabel *problem_label;
};

G_DEFINE_FINAL_TYPE (CsmScorecardEditor, csm_scorecard_editor, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  KEPT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A category's place in the list: moving one re-sorts the list, as taking a
 * row out and putting it back would leave its buttons' actions disabled
 * (GTK 4.8 does not update them on reparenting). */
static GQuark order_quark;

static int
get_order (GtkListBoxRow *row)
{
  return GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (row), order_quark));
}

static void
set_order (GtkListBoxRow *row,
           int            order)
{
  g_object_set_qdata (G_OBJECT (row), order_quark, GINT_TO_POINTER (order));
}

static int
compare_order (GtkListBoxRow *a,
               GtkListBoxRow *b,
               gpointer       user_data)
{
  int x = get_order (a), y = get_order (b);

  return x < y ? -1 : x > y;
}

static void
update_actions (CsmScorecardEditor *self)
{
  gboolean saving = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 !saving && self->edited != NULL &&
                                 csm_scorecard_editor_has_changes (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-category", !saving);
}

static void
show_message (CsmScorecardEditor *self,
              const char         *message)
{
  if (message != NULL)
    gtk_label_set_text (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner, message != NULL);
}

/* Marks the names the core would refuse: empty, or another category's. */
static void
mark_names (CsmScorecardEditor  *self,
            const CsmQaCategory *categories,
            guint                n)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      const char *name = categories[i].name;
      gboolean problem = name == NULL || !g_hash_table_add (seen, (gpointer) name);

      csm_category_editor_set_name_problem (csm_scorecard_editor_get_category (self, i), problem);
    }
}

/* Reads the form into a scorecard, and says what is wrong with it. */
static void
validate (CsmScorecardEditor *self)
{
  guint n = csm_scorecard_editor_get_n_categories (self);
  g_autofree CsmQaCategory *categories = g_new0 (CsmQaCategory, MAX (n, 1));
  g_autoptr(GError) error = NULL;
  g_autofree char *total_text = NULL;
  int total = 0;

  for (guint i = 0; i < n; i++)
    {
      CsmCategoryEditor *row = csm_scorecard_editor_get_category (self, i);

      csm_category_editor_get_category (row, &categories[i]);
      csm_category_editor_set_position (row, i, n);
      total += categories[i].weight;
    }
  for (guint i = 0; i < n; i++)
    csm_category_editor_set_total_weight (csm_scorecard_editor_get_category (self, i), total);
  mark_names (self, categories, n);

  g_clear_pointer (&self->edited, csm_qa_scorecard_unref);
  g_clear_pointer (&self->problem, g_free);
  self->edited = csm_qa_scorecard_new (csm_qa_scorecard_get_name (self->original),
                                       csm_qa_scorecard_get_version (self->original),
                                       categories, n, &error);
  if (self->edited == NULL)
    self->problem = g_strdup (error->message);
  gtk_label_set_text (self->problem_label, self->problem != NULL ? self->problem : "");
  gtk_widget_set_visible (self->problem_bar, self->problem != NULL);

  /* Translators: the weights of a scorecard's categories added up */
  total_text = g_strdup_printf (_("Total weight: %d"), total);
  gtk_label_set_text (self->total_label, total_text);
  update_actions (self);
}

static void
category_remove_cb (CsmCategoryEditor  *row,
                    CsmScorecardEditor *self)
{
  int position = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  guint n;

  /* This runs inside the row's own action: it outlives it by a turn. */
  g_idle_add_once ((GSourceOnceFunc) g_object_unref, g_object_ref (row));
  gtk_list_box_remove (self->categories_list, GTK_WIDGET (row));
  validate (self);

  /* The focus goes to the category that took its place, or to Add Category. */
  n = csm_scorecard_editor_get_n_categories (self);
  if (n > 0)
    gtk_widget_grab_focus (GTK_WIDGET (csm_scorecard_editor_get_category (self,
                                                                          MIN ((guint) position,
                                                                               n - 1))));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

static void
category_move_cb (CsmCategoryEditor  *row,
                  int                 delta,
                  CsmScorecardEditor *self)
{
  int position = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  GtkListBoxRow *neighbour = gtk_list_box_get_row_at_index (self->categories_list,
                                                            position + delta);
  int order;

  if (position + delta < 0 || neighbour == NULL)
    return;
  order = get_order (GTK_LIST_BOX_ROW (row));
  set_order (GTK_LIST_BOX_ROW (row), get_order (neighbour));
  set_order (neighbour, order);
  gtk_list_box_invalidate_sort (self->categories_list);
  validate (self);
  csm_category_editor_focus_move (row, delta);
}

static CsmCategoryEditor *
append_category (CsmScorecardEditor  *self,
                 const CsmQaCategory *category)
{
  CsmCategoryEditor *row = csm_category_editor_new (category);

  g_signal_connect_object (row, "changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (category_remove_cb), self, 0);
  g_signal_connect_object (row, "move", G_CALLBACK (category_move_cb), self, 0);
  set_order (GTK_LIST_BOX_ROW (row), ++self->last_order);
  gtk_list_box_append (self->categories_list, GTK_WIDGET (row));
  return row;
}

static void
add_category_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CsmScorecardEditor *self = CSM_SCORECARD_EDITOR (widget);
  CsmCategoryEditor *row = append_category (self, NULL);

  validate (self);
  csm_category_editor_focus_name (row);
}

static void
set_saving (CsmScorecardEditor *self,
            gboolean            saving)
{
  if (!saving)
    g_clear_object (&self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !saving);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), saving);
  gtk_spinner_set_spinning (self->spinner, saving);
  update_actions (self);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  CsmScorecardEditor *self = user_data;
  g_autoptr(CsmQaScorecard) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = csm_workspace_save_scorecard_finish (CSM_WORKSPACE (object), result, &error);
  /* Cancelled: the window was closed, and may be gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_saving (self, FALSE);
  if (g_error_matches (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_KEPT))
    {
      /* Kept on this computer, to be delivered: nothing to lose by closing. */
      g_signal_emit (self, signals[KEPT], 0, error->message);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (stored == NULL)
    {
      g_autofree char *text = NULL;

      /* A conflict says who saved which version, and that nothing was written. */
      if (g_error_matches (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_CONFLICT))
        text = g_strdup (error->message);
      else
        /* Translators: %s says why, e.g. the workspace could not be reached */
        text = g_strdup_printf (_("The scorecard was not saved: %s"), error->message);
      show_message (self, text);
      return;
    }

  /* What is stored is what the form shows: nothing left to ask about. */
  g_clear_pointer (&self->original, csm_qa_scorecard_unref);
  self->original = csm_qa_scorecard_ref (stored);
  g_signal_emit (self, signals[SAVED], 0, stored);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CsmScorecardEditor *self = CSM_SCORECARD_EDITOR (widget);

  /* Ctrl+S while the action is disabled does not get here; a second
   * activation while saving does not either. */
  g_return_if_fail (self->cancellable == NULL);

  /* A weight still being typed counts as it will be shown (clamped). */
  for (guint i = 0; i < csm_scorecard_editor_get_n_categories (self); i++)
    csm_category_editor_commit (csm_scorecard_editor_get_category (self, i));
  if (self->edited == NULL || !csm_scorecard_editor_has_changes (self))
    return;

  show_message (self, NULL);
  self->cancellable = g_cancellable_new ();
  set_saving (self, TRUE);
  csm_workspace_save_scorecard_async (self->workspace, self->edited,
                                      csm_qa_scorecard_get_version (self->original),
                                      self->cancellable, saved_cb, self);
}

static void
discard_response_cb (AdwMessageDialog   *dialog,
                      const char         *response,
                      CsmScorecardEditor *self)
{
  /* The dialog closes itself on any response. */
  g_clear_weak_pointer (&self->discard_dialog);
  if (g_strcmp0 (response, "discard") != 0)
    return;
  self->discarding = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
ask_discard (CsmScorecardEditor *self)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (self->discard_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->discard_dialog));
      return;
    }

  /* Translators: %s is a scorecard's name */
  body = g_strdup_printf (_("Your changes to “%s” will be lost."),
                          csm_qa_scorecard_get_name (self->original));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Discard Changes?"),
                                                       body));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  g_set_weak_pointer (&self->discard_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
csm_scorecard_editor_close_request (GtkWindow *window)
{
  CsmScorecardEditor *self = CSM_SCORECARD_EDITOR (window);

  /* A save under way is already kept on this computer: the window waits
   * for its answer (stored, refused, or waiting to be delivered), which
   * it says, rather than close on a change that still happens. */
  if (csm_scorecard_editor_is_saving (self))
    return TRUE;
  if (!self->discarding && csm_scorecard_editor_has_changes (self))
    {
      ask_discard (self);
      return TRUE;
    }
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (csm_scorecard_editor_parent_class)->close_request (window);
}

static void
csm_scorecard_editor_dispose (GObject *object)
{
  CsmScorecardEditor *self = CSM_SCORECARD_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->discard_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->discard_dialog));
  g_clear_weak_pointer (&self->discard_dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_SCORECARD_EDITOR);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->original, csm_qa_scorecard_unref);
  g_clear_pointer (&self->edited, csm_qa_scorecard_unref);

  G_OBJECT_CLASS (csm_scorecard_editor_parent_class)->dispose (object);
}

static void
csm_scorecard_editor_finalize (GObject *object)
{
  CsmScorecardEditor *self = CSM_SCORECARD_EDITOR (object);

  g_free (self->problem);

  G_OBJECT_CLASS (csm_scorecard_editor_parent_class)->finalize (object);
}

static void
csm_scorecard_editor_class_init (CsmScorecardEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = csm_scorecard_editor_dispose;
  object_class->finalize = csm_scorecard_editor_finalize;
  window_class->close_request = csm_scorecard_editor_close_request;
  order_quark = g_quark_from_static_string ("csm-scorecard-editor-order");

  /**
   * CsmScorecardEditor::saved:
   * @stored: the scorecard as the workspace stored it, with its new version
   *
   * The workspace stored the edit; the window closes next.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, CSM_TYPE_QA_SCORECARD);

  /**
   * CsmScorecardEditor::kept:
   * @message: what the workspace's outbox said
   *
   * The workspace could not be reached: the edit waits on this computer
   * to be delivered; the window closes next.
   */
  signals[KEPT] = g_signal_new ("kept", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-scorecard-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmScorecardEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CsmScorecardEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsmScorecardEditor, banner);
  gtk_widget_class_bind_template_child (widget_class, CsmScorecardEditor, banner_label);
  gtk_widget_class_bind_template_child (widget_class, CsmScorecardEditor, page);
  gtk_widget_class_bind_template_child (widget_class, CsmScorecardEditor, scorecard_group);
  gtk_widget_class_bind_template_child (widget_class, CsmScorecardEditor, name_label);
  gtk_widget_class_bind_template_child (widget_class, CsmScorecardEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, CsmScorecardEditor, categories_list);
  gtk_widget_class_bind_template_child (widget_class, CsmScorecardEditor, total_label);
  gtk_widget_class_bind_template_child (widget_class, CsmScorecardEditor, problem_bar);
  gtk_widget_class_bind_template_child (widget_class, CsmScorecardEditor, problem_label);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-category", NULL, add_category_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save",
                                       NULL);
  /* Through close-request, which asks before edits are lost. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
csm_scorecard_editor_init (CsmScorecardEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_sort_func (self->categories_list, compare_order, NULL, NULL);
}

/**
 * csm_scorecard_editor_new:
 * @parent: (nullable): the window the editor is modal for
 * @workspace: where the scorecard is saved
 * @scorecard: the version to edit; a save is its next version
 *
 * Returns: (transfer none): the editor, not shown yet (gtk_window_present ())
 */
CsmScorecardEditor *
csm_scorecard_editor_new (GtkWindow      *parent,
                          CsmWorkspace   *workspace,
                          CsmQaScorecard *scorecard)
{
  CsmScorecardEditor *self;
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;
  const char *name;
  int version;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CSM_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (scorecard != NULL, NULL);

  self = g_object_new (CSM_TYPE_SCORECARD_EDITOR, "transient-for", parent, NULL);
  self->workspace = g_object_ref (workspace);
  self->original = csm_qa_scorecard_ref (scorecard);
  name = csm_qa_scorecard_get_name (scorecard);
  version = csm_qa_scorecard_get_version (scorecard);

  /* Translators: the editor's subtitle: a scorecard's name and the version being edited */
  subtitle = g_strdup_printf (_("%s · version %d"), name, version);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_label_set_text (self->name_label, name);
  description = g_strdup_printf (_("Reviews refer to a scorecard by its name, so the name stays. "
                                   "Saving makes version %d; reviews already made keep the "
                                   "version they were scored on."), version + 1);
  adw_preferences_group_set_description (self->scorecard_group, description);

  for (guint i = 0; i < csm_qa_scorecard_get_n_categories (scorecard); i++)
    append_category (self, csm_qa_scorecard_get_category (scorecard, i));
  validate (self);
  return self;
}

guint
csm_scorecard_editor_get_n_categories (CsmScorecardEditor *self)
{
  guint n = 0;

  g_return_val_if_fail (CSM_IS_SCORECARD_EDITOR (self), 0);

  while (gtk_list_box_get_row_at_index (self->categories_list, (int) n) != NULL)
    n++;
  return n;
}

/**
 * csm_scorecard_editor_get_category:
 * @position: from 0, in the order shown
 *
 * Returns: (transfer none) (nullable): the row editing that category
 */
CsmCategoryEditor *
csm_scorecard_editor_get_category (CsmScorecardEditor *self,
                                   guint               position)
{
  g_return_val_if_fail (CSM_IS_SCORECARD_EDITOR (self), NULL);

  return CSM_CATEGORY_EDITOR (gtk_list_box_get_row_at_index (self->categories_list,
                                                             (int) position));
}

/**
 * csm_scorecard_editor_get_scorecard:
 *
 * Returns: (transfer none) (nullable): the scorecard as the form shows it,
 *   under the version it started from; %NULL while the form is invalid
 */
CsmQaScorecard *
csm_scorecard_editor_get_scorecard (CsmScorecardEditor *self)
{
  g_return_val_if_fail (CSM_IS_SCORECARD_EDITOR (self), NULL);
  return self->edited;
}

/**
 * csm_scorecard_editor_get_problem:
 *
 * Returns: (nullable): why the form is not a valid scorecard, as shown
 *   under the list
 */
const char *
csm_scorecard_editor_get_problem (CsmScorecardEditor *self)
{
  g_return_val_if_fail (CSM_IS_SCORECARD_EDITOR (self), NULL);
  return self->problem;
}

/**
 * csm_scorecard_editor_get_message:
 *
 * Returns: (nullable): why the last save failed, as shown under the header
 */
const char *
csm_scorecard_editor_get_message (CsmScorecardEditor *self)
{
  g_return_val_if_fail (CSM_IS_SCORECARD_EDITOR (self), NULL);
  return gtk_revealer_get_reveal_child (self->banner) ? gtk_label_get_text (self->banner_label)
                                                      : NULL;
}

gboolean
csm_scorecard_editor_is_saving (CsmScorecardEditor *self)
{
  g_return_val_if_fail (CSM_IS_SCORECARD_EDITOR (self), FALSE);
  return self->cancellable != NULL;
}

/**
 * csm_scorecard_editor_has_changes:
 *
 * Returns: whether the form differs from the version opened (an invalid
 *   form always does: that version was valid)
 */
gboolean
csm_scorecard_editor_has_changes (CsmScorecardEditor *self)
{
  g_return_val_if_fail (CSM_IS_SCORECARD_EDITOR (self), FALSE);
  return self->edited == NULL || !csm_qa_scorecard_same_content (self->edited, self->original);
}
