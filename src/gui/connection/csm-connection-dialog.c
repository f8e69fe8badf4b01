/* csm-connection-dialog.c: connect to a helpdesk: address, credentials, a real test before saving.
 *
 * Nothing is saved until the helpdesk has answered as the helpdesk it
 * claims to be and accepted the credentials; then the secret goes to the
 * keyring and the rest to settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-connection-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csm-connection-dialog.h"
#include "csm-provider.h"
#include "csm-secret-store.h"

struct _CsmConnectionDialog
{
  AdwWindow parent_instance;

  CsmContext *context;          /* (owned) */
  GCancellable *cancellable;    /* (owned) (nullable): the running test */
  CsmAccount *pending_account;  /* (owned) (nullable) */
  CsmProvider *pending_provider;/* (owned) (nullable) */
  char *pending_secret;         /* (owned) (nullable) */

  AdwComboRow *provider_row;
  AdwEntryRow *url_row;
  AdwComboRow *method_row;
  AdwPasswordEntryRow *token_row;
  AdwEntryRow *user_row;
  AdwPasswordEntryRow *password_row;
  AdwEntryRow *group_row;
  GtkLabel *message_label;
  GtkSpinner *spinner;
  GtkButton *connect_button;
};

G_DEFINE_FINAL_TYPE (CsmConnectionDialog, csm_connection_dialog, ADW_TYPE_WINDOW)

static void
wipe_pending (CsmConnectionDialog *self)
{
  if (self->pending_secret != NULL)
    {
      memset (self->pending_secret, 0, strlen (self->pending_secret));
      g_clear_pointer (&self->pending_secret, g_free);
    }
  g_clear_object (&self->pending_account);
  g_clear_object (&self->pending_provider);
}

static void
set_busy (CsmConnectionDialog *self,
          gboolean             busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connection.connect", !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->token_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
}

static void
show_message (CsmConnectionDialog *self,
              const char          *text,
              gboolean             is_error)
{
  gtk_label_set_text (self->message_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "success");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "success");
    }
}

/* The provider's message says what happened; this adds what to do. */
static char *
explain (CsmConnectionDialog *self,
         const GError        *error)
{
  gboolean password = adw_combo_row_get_selected (self->method_row) == 1;
  const char *hint = NULL;

  if (error->domain == CSM_PROVIDER_ERROR)
    switch ((CsmProviderError) error->code)
      {
      case CSM_PROVIDER_ERROR_AUTH:
        hint = password
               ? _("Check the user name and password; the user must be allowed to use RT’s REST2 API.")
               : _("Check that the token is complete and has not been revoked.");
        break;
      case CSM_PROVIDER_ERROR_FORBIDDEN:
        hint = _("The RT user needs at least the rights SeeQueue and ShowTicket on the queues to supervise.");
        break;
      case CSM_PROVIDER_ERROR_NETWORK:
      case CSM_PROVIDER_ERROR_TIMEOUT:
        hint = _("Check the address and that this computer can reach the helpdesk.");
        break;
      case CSM_PROVIDER_ERROR_TLS:
        hint = _("CSM Console only talks to helpdesks whose certificate this computer trusts.");
        break;
      case CSM_PROVIDER_ERROR_NOT_HELPDESK:
      case CSM_PROVIDER_ERROR_NOT_FOUND:
        hint = _("Enter the address of RT’s web interface, e.g. https://rt.example.com or https://example.com/rt.");
        break;
      case CSM_PROVIDER_ERROR_RATE_LIMITED:
      case CSM_PROVIDER_ERROR_SERVER:
      case CSM_PROVIDER_ERROR_BAD_QUERY:
      case CSM_PROVIDER_ERROR_BAD_RESPONSE:
      case CSM_PROVIDER_ERROR_REDIRECTED:
      case CSM_PROVIDER_ERROR_REFUSED:
      case CSM_PROVIDER_ERROR_UNLISTED:
      default:
        break;
      }
  return hint ? g_strdup_printf ("%s %s", error->message, hint) : g_strdup (error->message);
}

static void
fail (CsmConnectionDialog *self,
      const GError        *error)
{
  g_autofree char *text = explain (self, error);

  set_busy (self, FALSE);
  show_message (self, text, TRUE);
  wipe_pending (self);
}

static void
secret_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CsmConnectionDialog *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!csm_secret_store_save_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("The connection works, but the keyring "
                                                     "could not store the secret: %s"),
                                                   error->message);
          set_busy (self, FALSE);
          show_message (self, text, TRUE);
          wipe_pending (self);
        }
      g_object_unref (self);
      return;
    }

  csm_context_save_account_to_settings (self->context, self->pending_account);
  csm_context_set_account (self->context, self->pending_account, self->pending_secret);
  wipe_pending (self);
  set_busy (self, FALSE);
  /* Leave the password field before the window goes, so it never holds
   * the focus of a destroyed window. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
agents_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CsmConnectionDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) agents = NULL;

  agents = csm_provider_list_agents_finish (CSM_PROVIDER (object), result, &error);
  if (agents == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error);
      g_object_unref (self);
      return;
    }

  show_message (self, _("Connected. Saving the credentials in the keyring…"), FALSE);
  csm_secret_store_save_async (self->pending_account, self->pending_secret, self->cancellable,
                               secret_saved_cb, self);
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CsmConnectionDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;

  version = csm_provider_check_finish (CSM_PROVIDER (object), result, &error);
  if (version == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error);
      g_object_unref (self);
      return;
    }

  /* A named agents group must exist, or first response would be wrong
   * without anyone noticing. */
  if (csm_account_get_agents_group (self->pending_account) != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Connected to %s. Checking the agents group…"),
                                               version);
      show_message (self, text, FALSE);
      csm_provider_list_agents_async (self->pending_provider, self->cancellable,
                                      agents_checked_cb, self);
      return;
    }

  {
    g_autofree char *text = g_strdup_printf (_("Connected to %s. Saving the credentials in the "
                                               "keyring…"), version);
    show_message (self, text, FALSE);
  }
  csm_secret_store_save_async (self->pending_account, self->pending_secret, self->cancellable,
                               secret_saved_cb, self);
}

static char *
row_text (gpointer row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/**
 * csm_connection_dialog_connect:
 *
 * Tests the entered connection and, when it works, saves and uses it.
 */
void
csm_connection_dialog_connect (CsmConnectionDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url_text = row_text (self->url_row);
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  g_autofree char *group = row_text (self->group_row);
  gboolean password = adw_combo_row_get_selected (self->method_row) == 1;
  const char *secret;

  g_return_if_fail (CSM_IS_CONNECTION_DIALOG (self));

  url = csm_account_normalize_url (url_text, &error);
  if (url == NULL)
    {
      show_message (self, error->message, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }

  if (password)
    {
      user = row_text (self->user_row);
      secret = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
      if (*user == '\0' || *secret == '\0')
        {
          show_message (self, _("Enter the user name and the password."), TRUE);
          return;
        }
    }
  else
    {
      secret = gtk_editable_get_text (GTK_EDITABLE (self->token_row));
      if (*secret == '\0')
        {
          show_message (self, _("Enter the auth token."), TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (self->token_row));
          return;
        }
    }

  wipe_pending (self);
  self->pending_account = csm_account_new ("rt", url,
                                           password ? CSM_AUTH_PASSWORD : CSM_AUTH_TOKEN,
                                           password ? user : NULL);
  csm_account_set_agents_group (self->pending_account, group);
  /* Spaces may belong to a password; a token never has any. */
  self->pending_secret = password ? g_strdup (secret) : g_strstrip (g_strdup (secret));
  self->pending_provider = csm_provider_new_for_account (self->pending_account,
                                                         self->pending_secret, &error);
  if (self->pending_provider == NULL)
    {
      fail (self, error);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_busy (self, TRUE);
  {
    g_autofree char *text = g_strdup_printf (_("Contacting %s…"), url);
    show_message (self, text, FALSE);
  }
  csm_provider_check_async (self->pending_provider, self->cancellable, checked_cb,
                            g_object_ref (self));
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  csm_connection_dialog_connect (CSM_CONNECTION_DIALOG (widget));
}

static void
method_changed_cb (CsmConnectionDialog *self)
{
  gboolean password = adw_combo_row_get_selected (self->method_row) == 1;

  gtk_widget_set_visible (GTK_WIDGET (self->token_row), !password);
  gtk_widget_set_visible (GTK_WIDGET (self->user_row), password);
  gtk_widget_set_visible (GTK_WIDGET (self->password_row), password);
}

/**
 * csm_connection_dialog_fill:
 * @secret: (nullable): a token or password to put in the matching field
 *
 * Fills the fields, as a person would type them (used by tests and to
 * prefill from the current account).
 */
void
csm_connection_dialog_fill (CsmConnectionDialog *self,
                            const char          *url,
                            const char          *username,
                            const char          *secret)
{
  g_return_if_fail (CSM_IS_CONNECTION_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url ? url : "");
  adw_combo_row_set_selected (self->method_row, username ? 1 : 0);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), username ? username : "");
  if (secret != NULL)
    gtk_editable_set_text (GTK_EDITABLE (username ? (gpointer) self->password_row
                                                  : (gpointer) self->token_row), secret);
}

const char *
csm_connection_dialog_get_message (CsmConnectionDialog *self)
{
  g_return_val_if_fail (CSM_IS_CONNECTION_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->message_label))
         ? gtk_label_get_text (self->message_label) : NULL;
}

static void
csm_connection_dialog_dispose (GObject *object)
{
  CsmConnectionDialog *self = (CsmConnectionDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  wipe_pending (self);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_CONNECTION_DIALOG);

  G_OBJECT_CLASS (csm_connection_dialog_parent_class)->dispose (object);
}

static void
csm_connection_dialog_class_init (CsmConnectionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_connection_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-connection-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmConnectionDialog, provider_row);
  gtk_widget_class_bind_template_child (widget_class, CsmConnectionDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, CsmConnectionDialog, method_row);
  gtk_widget_class_bind_template_child (widget_class, CsmConnectionDialog, token_row);
  gtk_widget_class_bind_template_child (widget_class, CsmConnectionDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, CsmConnectionDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, CsmConnectionDialog, group_row);
  gtk_widget_class_bind_template_child (widget_class, CsmConnectionDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, CsmConnectionDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsmConnectionDialog, connect_button);

  gtk_widget_class_install_action (widget_class, "connection.connect", NULL, connect_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
csm_connection_dialog_init (CsmConnectionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->method_row, "notify::selected",
                            G_CALLBACK (method_changed_cb), self);
  /* Enter in any field connects. */
  g_signal_connect_swapped (self->url_row, "entry-activated",
                            G_CALLBACK (csm_connection_dialog_connect), self);
  g_signal_connect_swapped (self->token_row, "entry-activated",
                            G_CALLBACK (csm_connection_dialog_connect), self);
  g_signal_connect_swapped (self->password_row, "entry-activated",
                            G_CALLBACK (csm_connection_dialog_connect), self);
}

CsmConnectionDialog *
csm_connection_dialog_new (CsmContext *context)
{
  CsmConnectionDialog *self;
  CsmAccount *account;

  g_return_val_if_fail (CSM_IS_CONTEXT (context), NULL);

  self = g_object_new (CSM_TYPE_CONNECTION_DIALOG, NULL);
  self->context = g_object_ref (context);

  account = csm_context_get_account (context);
  if (account != NULL && !csm_account_get_demo (account))
    {
      const char *group = csm_account_get_agents_group (account);

      csm_connection_dialog_fill (self, csm_account_get_base_url (account),
                                  csm_account_get_auth_method (account) == CSM_AUTH_PASSWORD
                                  ? csm_account_get_username (account) : NULL,
                                  NULL);
      gtk_editable_set_text (GTK_EDITABLE (self->group_row), group ? group : "");
    }
  return self;
}
