/* csm-training-view-actions.c: what a person does on the Training view: assign, start, complete, and change the catalog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-training-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-training-dialog.h"
#include "csm-training-view-private.h"

static void
saved_cb (CsmTrainingDialog *dialog,
          CsmTrainingView   *self)
{
  _csm_training_view_load (self);
}

static void
present (CsmTrainingView   *self,
         CsmTrainingDialog *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_clear_pointer (&self->error, g_free);
  csm_training_dialog_set_clock (dialog, self->clock);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The agents of the reviews this person reads, by name. */
static char **
known_agents (CsmTrainingView *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; self->reviews != NULL && i < self->reviews->len; i++)
    {
      char *agent = ((CsmQaReview *) self->reviews->pdata[i])->agent;

      if (agent != NULL && g_hash_table_add (seen, agent))
        g_ptr_array_add (names, agent);
    }
  g_ptr_array_sort (names, _csm_training_view_compare_names);
  for (guint i = 0; i < names->len; i++)
    g_strv_builder_add (builder, names->pdata[i]);
  return g_strv_builder_end (builder);
}

/**
 * csm_training_view_assign:
 * @agent: (nullable): the agent chosen first
 * @category: (nullable): the category a module should train
 *
 * Opens the form a lead assigns training with.
 */
void
csm_training_view_assign (CsmTrainingView *self,
                          const char      *agent,
                          const char      *category)
{
  g_auto(GStrv) agents = NULL;

  g_return_if_fail (CSM_IS_TRAINING_VIEW (self));

  if (self->workspace == NULL || self->catalog == NULL ||
      !(_csm_training_view_permissions (self) & CSM_WORKSPACE_ASSIGNS))
    return;
  agents = known_agents (self);
  present (self, csm_training_dialog_new_assign (self->workspace, self->catalog,
                                                 (const char * const *) agents, agent, category,
                                                 _csm_training_view_now (self)));
}

static void
assign_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  CsmTrainingView *self = CSM_TRAINING_VIEW (widget);
  const char *agent = NULL, *category = NULL;

  if (parameter != NULL)
    g_variant_get (parameter, "(&s&s)", &agent, &category);
  csm_training_view_assign (self, agent, category != NULL && *category != '\0' ? category : NULL);
}

static void
recorded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CsmTrainingView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!csm_workspace_record_training_finish (CSM_WORKSPACE (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->recording = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.start", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.complete", TRUE);
  if (error != NULL)
    _csm_training_view_set_error (self, error->message, NULL);
  _csm_training_view_load (self);
}

static void
record_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  CsmTrainingView *self = CSM_TRAINING_VIEW (widget);

  if (self->workspace == NULL || self->recording)
    return;
  self->recording = TRUE;
  g_clear_pointer (&self->error, g_free);
  gtk_widget_action_set_enabled (widget, "training.start", FALSE);
  gtk_widget_action_set_enabled (widget, "training.complete", FALSE);
  csm_workspace_record_training_async (self->workspace, g_variant_get_string (parameter, NULL),
                                       g_str_equal (action, "training.complete"),
                                       _csm_training_view_now (self), self->cancellable,
                                       recorded_cb, g_object_ref (self));
}

static const CsmTrainingRule *
find_rule (CsmTrainingView *self,
           const char      *name)
{
  for (guint i = 0; self->catalog != NULL && i < self->catalog->rules->len; i++)
    if (g_strcmp0 (((CsmTrainingRule *) self->catalog->rules->pdata[i])->name, name) == 0)
      return self->catalog->rules->pdata[i];
  return NULL;
}

static void
edit_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  CsmTrainingView *self = CSM_TRAINING_VIEW (widget);
  const char *name = parameter != NULL ? g_variant_get_string (parameter, NULL) : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) categories = NULL;

  if (self->workspace == NULL || self->catalog == NULL)
    return;
  /* The current scorecard's categories, then any other the reviews rate. */
  for (guint i = 0; self->scorecard != NULL &&
                    i < csm_qa_scorecard_get_n_categories (self->scorecard); i++)
    {
      const char *category = csm_qa_scorecard_get_category (self->scorecard, i)->name;

      if (g_hash_table_add (seen, (gpointer) category))
        g_strv_builder_add (builder, category);
    }
  for (guint i = 0; self->categories != NULL && self->categories[i] != NULL; i++)
    if (g_hash_table_add (seen, self->categories[i]))
      g_strv_builder_add (builder, self->categories[i]);
  categories = g_strv_builder_end (builder);
  if (g_str_has_suffix (action, "-module"))
    present (self, csm_training_dialog_new_module (self->workspace,
                                                   name != NULL
                                                   ? csm_training_catalog_find_module (self->catalog, name)
                                                   : NULL,
                                                   (const char * const *) categories,
                                                   _csm_training_view_now (self)));
  else
    present (self, csm_training_dialog_new_rule (self->workspace, self->catalog,
                                                 name != NULL ? find_rule (self, name) : NULL,
                                                 (const char * const *) categories,
                                                 _csm_training_view_now (self)));
}

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CsmTrainingView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmTrainingCatalog) catalog = csm_workspace_update_training_finish (
    CSM_WORKSPACE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (catalog == NULL)
    _csm_training_view_set_error (self, error->message, NULL);
  _csm_training_view_load (self);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    CsmTrainingView  *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "name");
  gboolean module = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "module"));
  const char *names[] = { name, NULL };

  if (!g_str_equal (response, "remove") || self->workspace == NULL)
    return;
  g_clear_pointer (&self->error, g_free);
  csm_workspace_update_training_async (self->workspace, NULL, module ? names : NULL,
                                       module ? NULL : names, _csm_training_view_now (self),
                                       self->cancellable,
                                       removed_cb, g_object_ref (self));
}

static void
remove_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  CsmTrainingView *self = CSM_TRAINING_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  gboolean module = g_str_has_suffix (action, "-module");
  g_autofree char *heading = g_strdup_printf (module ? _("Remove the module “%s”?")
                                                     : _("Remove the rule “%s”?"), name);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   module ? _("Its assignments stay as they are, with their "
                                              "effect. A rule that assigns it must go first.")
                                          : _("It assigns nothing more; what it assigned "
                                              "stays."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "name", g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (dialog), "module", GINT_TO_POINTER (module));
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_csm_training_view_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "training.assign", NULL, assign_action);
  gtk_widget_class_install_action (widget_class, "training.assign-to", "(ss)", assign_action);
  gtk_widget_class_install_action (widget_class, "training.start", "s", record_action);
  gtk_widget_class_install_action (widget_class, "training.complete", "s", record_action);
  gtk_widget_class_install_action (widget_class, "training.new-module", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "training.edit-module", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "training.remove-module", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "training.new-rule", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "training.edit-rule", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "training.remove-rule", "s", remove_action);
}
