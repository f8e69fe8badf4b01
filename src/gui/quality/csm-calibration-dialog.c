/* csm-calibration-dialog.c: a lead sets up a calibration session: its conversations, reviewers, deadline and gold standard.
 *
 * The workspace checks the session (csm_workspace_create_calibration_async
 * ()) and sets it up as this login; what it refuses is said here in its
 * words and the form is kept. Emits "created" with the session's name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-calibration-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-calibration-dialog.h"

struct _CsmCalibrationDialog
{
  AdwWindow parent_instance;

  CsmWorkspace *workspace;
  char *scorecard;
  gint64 now;
  GCancellable *cancellable;
  gboolean busy;

  GtkButton *create_button;
  GtkSpinner *spinner;
  AdwEntryRow *name_row;
  AdwEntryRow *conversations_row;
  AdwEntryRow *reviewers_row;
  AdwEntryRow *gold_row;
  GtkSpinButton *days_spin;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (CsmCalibrationDialog, csm_calibration_dialog, ADW_TYPE_WINDOW)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The comma- or space-separated items of @text, each once, in order. */
static char **
split_list (const char *text)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[,;\\s]+", text != NULL ? text : "", 0, 0);
  GStrvBuilder *builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  char **items;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = parts[i];

      /* "#12" is conversation 12. */
      if (*item == '#')
        item++;
      if (*item != '\0' && g_hash_table_add (seen, item))
        g_strv_builder_add (builder, item);
    }
  items = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return items;
}

static void
set_busy (CsmCalibrationDialog *self,
          gboolean              busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calibration-dialog.create", !busy);
}

static void
show_error (CsmCalibrationDialog *self,
            const char           *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CsmCalibrationDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (!csm_workspace_create_calibration_finish (CSM_WORKSPACE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_error (self, error->message);
      return;
    }
  set_busy (self, FALSE);
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_signal_emit (self, signals[CREATED], 0, name);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
create_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  CsmCalibrationDialog *self = CSM_CALIBRATION_DIALOG (widget);
  g_auto(GStrv) conversations = split_list (gtk_editable_get_text (GTK_EDITABLE (self->conversations_row)));
  g_auto(GStrv) reviewers = split_list (gtk_editable_get_text (GTK_EDITABLE (self->reviewers_row)));
  g_autofree char *gold = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->gold_row))));
  CsmQaCalibrationSession session = { 0 };

  if (self->busy)
    return;
  for (guint i = 0; conversations[i] != NULL; i++)
    {
      char *end = NULL;

      g_ascii_strtoll (conversations[i], &end, 10);
      if (end == conversations[i] || *end != '\0')
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a conversation number."),
                                                      conversations[i]);

          show_error (self, message);
          return;
        }
    }
  session.name = (char *) gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  /* The scorecard new reviews are scored on. */
  session.scorecard = self->scorecard;
  session.created = self->now;
  session.deadline = self->now + (gint64) gtk_spin_button_get_value_as_int (self->days_spin) * 86400;
  session.gold = *gold != '\0' ? gold : NULL;
  session.conversations = conversations;
  session.reviewers = reviewers;
  show_error (self, NULL);
  set_busy (self, TRUE);
  csm_workspace_create_calibration_async (self->workspace, &session, self->cancellable,
                                          created_cb, g_object_ref (self));
}

static void
csm_calibration_dialog_dispose (GObject *object)
{
  CsmCalibrationDialog *self = CSM_CALIBRATION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), CSM_TYPE_CALIBRATION_DIALOG);
  G_OBJECT_CLASS (csm_calibration_dialog_parent_class)->dispose (object);
}

static void
csm_calibration_dialog_finalize (GObject *object)
{
  CsmCalibrationDialog *self = CSM_CALIBRATION_DIALOG (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->cancellable);
  g_free (self->scorecard);
  G_OBJECT_CLASS (csm_calibration_dialog_parent_class)->finalize (object);
}

static void
csm_calibration_dialog_class_init (CsmCalibrationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_calibration_dialog_dispose;
  object_class->finalize = csm_calibration_dialog_finalize;

  /**
   * CsmCalibrationDialog::created:
   * @name: the session's name
   *
   * The workspace set the session up.
   */
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-calibration-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationDialog, conversations_row);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationDialog, reviewers_row);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationDialog, gold_row);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationDialog, days_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationDialog, error_label);
  gtk_widget_class_install_action (widget_class, "calibration-dialog.create", NULL,
                                   create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
csm_calibration_dialog_init (CsmCalibrationDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * csm_calibration_dialog_new:
 * @scorecard: (nullable): the scorecard the session is scored on, by name
 * @now: when the session is set up; its deadline counts from here
 *
 * Returns: (transfer none): a dialog to present
 */
CsmCalibrationDialog *
csm_calibration_dialog_new (CsmWorkspace *workspace,
                            const char   *scorecard,
                            gint64        now)
{
  CsmCalibrationDialog *self;

  g_return_val_if_fail (CSM_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (CSM_TYPE_CALIBRATION_DIALOG, NULL);
  self->workspace = g_object_ref (workspace);
  self->scorecard = g_strdup (scorecard);
  self->now = now;
  return self;
}
