/* csm-preferences-window.c: how often and how much the console syncs, field names, the account.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-preferences-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-preferences-window.h"

struct _CsmPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  CsmContext *context;   /* (owned) */

  GtkSpinButton *refresh_spin;
  GtkSpinButton *reconcile_spin;
  GtkSpinButton *inflight_spin;
  GtkSpinButton *history_spin;
  AdwActionRow *account_row;
  GtkButton *disconnect_button;
};

G_DEFINE_FINAL_TYPE (CsmPreferencesWindow, csm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
update_account_row (CsmPreferencesWindow *self)
{
  CsmAccount *account = csm_context_get_account (self->context);
  g_autofree char *label = NULL;

  if (account == NULL)
    {
      adw_action_row_set_subtitle (self->account_row, _("No helpdesk"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->disconnect_button), FALSE);
      return;
    }
  label = csm_account_get_demo (account) ? g_strdup (_("Demo")) : csm_account_dup_label (account);
  adw_action_row_set_subtitle (self->account_row, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->disconnect_button), TRUE);
}

static void
disconnect_response_cb (AdwMessageDialog     *dialog,
                        const char           *response,
                        CsmPreferencesWindow *self)
{
  if (g_strcmp0 (response, "disconnect") == 0)
    csm_context_forget_account (self->context);
}

static void
disconnect_clicked_cb (CsmPreferencesWindow *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Disconnect from the Helpdesk?"),
                                   _("The token or password is removed from the keyring. The "
                                     "local copy of the tickets is kept, and used again if you "
                                     "connect to the same helpdesk later."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "disconnect", _("_Disconnect"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "disconnect",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (disconnect_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
csm_preferences_window_dispose (GObject *object)
{
  CsmPreferencesWindow *self = (CsmPreferencesWindow *) object;

  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (csm_preferences_window_parent_class)->dispose (object);
}

static void
csm_preferences_window_class_init (CsmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, refresh_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, reconcile_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, inflight_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, history_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, disconnect_button);
}

static void
csm_preferences_window_init (CsmPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CsmPreferencesWindow *
csm_preferences_window_new (CsmContext *context)
{
  CsmPreferencesWindow *self;
  GSettings *settings;

  g_return_val_if_fail (CSM_IS_CONTEXT (context), NULL);

  self = g_object_new (CSM_TYPE_PREFERENCES_WINDOW, NULL);
  self->context = g_object_ref (context);
  settings = csm_context_get_settings (context);

  g_settings_bind (settings, "refresh-interval", self->refresh_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "reconcile-interval", self->reconcile_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "max-in-flight", self->inflight_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "history-days", self->history_spin, "value", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (context, "notify::account", G_CALLBACK (update_account_row), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->disconnect_button, "clicked",
                            G_CALLBACK (disconnect_clicked_cb), self);
  update_account_row (self);
  return self;
}
