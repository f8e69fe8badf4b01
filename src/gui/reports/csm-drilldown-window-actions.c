/* csm-drilldown-window-actions.c: the drill-down window's commands: open a ticket in RT, export the list.
 *
 * Opening goes through the application's app.open-in-rt(x), which knows
 * the account and how RT addresses its pages. An export writes exactly
 * what `csm-console --export=tickets` writes for the same tickets, so a
 * file from the window and one from cron can be compared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-drilldown-window"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csm-drilldown-window-private.h"
#include "csm-export.h"

/* ------------------------------------------------------------------------ */
/* Opening tickets */

static void
open_ticket (CsmDrilldownWindow *self,
             CsmTicket          *ticket)
{
  /* The application knows the account and how RT's pages are addressed. */
  gtk_widget_activate_action (GTK_WIDGET (self), "app.open-in-rt", "x", csm_ticket_get_id (ticket));
}

static void
row_activated_cb (CsmDrilldownWindow *self,
                  guint               position)
{
  g_autoptr(CsmTicket) ticket = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (ticket != NULL)
    open_ticket (self, ticket);
}

static void
open_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CsmDrilldownWindow *self = CSM_DRILLDOWN_WINDOW (widget);
  CsmTicket *ticket = gtk_single_selection_get_selected_item (self->selection);

  if (ticket != NULL)
    open_ticket (self, ticket);
}

/**
 * csm_drilldown_window_update_actions:
 *
 * Enables what the selection and the population allow.
 */
void
csm_drilldown_window_update_actions (CsmDrilldownWindow *self)
{
  gboolean empty = self->tickets == NULL || self->tickets->len == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "drilldown.open-selected",
                                 self->selection != NULL &&
                                 gtk_single_selection_get_selected_item (self->selection) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "drilldown.export-csv", !empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "drilldown.export-json", !empty);
  /* A menu button does not follow its items' actions. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !empty);
}

/* ------------------------------------------------------------------------ */
/* Export */

static void
show_toast (CsmDrilldownWindow *self,
            const char         *text)
{
  /* A toast's title is markup; file names and error messages are not. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static GBytes *
export_document (CsmDrilldownWindow *self,
                 CsmExportFormat     format)
{
  char *text = csm_export_tickets (self->tickets, format);

  return g_bytes_new_take (text, strlen (text));
}

/**
 * csm_drilldown_window_export_to:
 * @file: where to write; replaced if it exists
 * @format: JSON or CSV
 *
 * Writes the window's tickets as the command line exports them
 * (csm_export_tickets()), blocking. The window itself uses
 * csm_drilldown_window_export_to_async().
 *
 * Returns: whether the file was written
 */
gboolean
csm_drilldown_window_export_to (CsmDrilldownWindow  *self,
                                GFile               *file,
                                CsmExportFormat      format,
                                GError             **error)
{
  g_autoptr(GBytes) document = NULL;

  g_return_val_if_fail (CSM_IS_DRILLDOWN_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  document = export_document (self, format);
  return g_file_replace_contents (file, g_bytes_get_data (document, NULL),
                                  g_bytes_get_size (document), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static void
replaced_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * csm_drilldown_window_export_to_async:
 *
 * Writes what csm_drilldown_window_export_to() writes, without blocking:
 * the chosen file may sit on a slow network share.
 */
void
csm_drilldown_window_export_to_async (CsmDrilldownWindow  *self,
                                      GFile               *file,
                                      CsmExportFormat      format,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) document = NULL;

  g_return_if_fail (CSM_IS_DRILLDOWN_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_drilldown_window_export_to_async);
  document = export_document (self, format);
  g_file_replace_contents_bytes_async (file, document, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
                                       replaced_cb, g_steal_pointer (&task));
}

gboolean
csm_drilldown_window_export_to_finish (CsmDrilldownWindow  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_return_val_if_fail (CSM_IS_DRILLDOWN_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CsmDrilldownWindow *self = CSM_DRILLDOWN_WINDOW (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (!csm_drilldown_window_export_to_finish (self, result, &error))
    {
      /* Closed meanwhile: nobody to tell. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }

  name = g_file_get_basename (file);
  /* Translators: "Saved 23 tickets to resolved.csv" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %u ticket to %s",
                                       "Saved %u tickets to %s", self->tickets->len),
                          self->tickets->len, name);
  show_toast (self, text);
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     CsmDrilldownWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  /* The emission holds the dialog until this returns. */
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  csm_drilldown_window_export_to_async (self, file, self->chooser_format, self->cancellable,
                                        exported_cb, g_object_ref (file));
}

/* A file name from the title: "Resolved · Billing" → "Resolved · Billing.csv",
 * without the characters file systems refuse. */
static char *
suggested_name (CsmDrilldownWindow *self,
                CsmExportFormat     format)
{
  const char *title = gtk_window_get_title (GTK_WINDOW (self));
  g_autofree char *base = g_strdup (title != NULL && *title != '\0' ? title : _("Tickets"));

  g_strdelimit (g_strstrip (base), "/\\:*?\"<>|", '-');
  return g_strconcat (base, format == CSM_EXPORT_CSV ? ".csv" : ".json", NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CsmDrilldownWindow *self = CSM_DRILLDOWN_WINDOW (widget);
  CsmExportFormat format = g_str_equal (action_name, "drilldown.export-csv") ? CSM_EXPORT_CSV
                                                                              : CSM_EXPORT_JSON;
  g_autofree char *name = suggested_name (self, format);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (format == CSM_EXPORT_CSV ? _("Export as CSV")
                                                                        : _("Export as JSON"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  self->chooser_format = format;
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
csm_drilldown_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_install_action (widget_class, "drilldown.open-selected", NULL,
                                   open_selected_action);
  gtk_widget_class_install_action (widget_class, "drilldown.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "drilldown.export-json", NULL, export_action);
}
