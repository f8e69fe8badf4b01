/* csm-quality-preferences-page.c: where the QA workspace is: this computer's own, or a team's PostgreSQL workspace.
 *
 * Choosing this computer takes effect at once. A team's workspace is
 * chosen by connecting to it: the address and the password are tried as
 * the helpdesk user's own role, and only when the server takes them is
 * the address saved (qa-workspace) and the password kept in the keyring.
 * A failed try changes nothing and says why. The Quality page follows
 * the setting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-preferences"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-quality-preferences-page.h"
#include "csm-workspace-login.h"

struct _CsmQualityPreferencesPage
{
  AdwPreferencesPage parent_instance;

  CsmContext *context;          /* (owned) (nullable) */
  GSettings *settings;          /* (owned) (nullable) */
  GCancellable *cancellable;    /* (owned) (nullable): a connection being tried */
  char *status;                 /* (owned) */

  GtkCheckButton *local_check;
  GtkCheckButton *team_check;
  GtkSpinButton *dispute_spin;
  AdwPreferencesGroup *team_group;
  AdwEntryRow *address_row;
  AdwActionRow *user_row;
  AdwPasswordEntryRow *password_row;
  AdwActionRow *status_row;
  GtkSpinner *spinner;
};

G_DEFINE_FINAL_TYPE (CsmQualityPreferencesPage, csm_quality_preferences_page,
                     ADW_TYPE_PREFERENCES_PAGE)

static void
set_status (CsmQualityPreferencesPage *self,
            const char                *status,
            gboolean                   failed)
{
  g_free (self->status);
  self->status = g_strdup (status);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), status);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_row), "error");
}

static void
update_sensitivity (CsmQualityPreferencesPage *self)
{
  gboolean team = gtk_check_button_get_active (self->team_check);
  gboolean busy = self->cancellable != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->team_group), team);
  gtk_widget_set_sensitive (GTK_WIDGET (self->address_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.connect",
                                 team && !busy && self->settings != NULL);
}

static void
local_toggled_cb (CsmQualityPreferencesPage *self)
{
  if (gtk_check_button_get_active (self->local_check) && self->settings != NULL)
    {
      g_autofree char *location = g_settings_get_string (self->settings, "qa-workspace");

      /* A connection being tried stops here. */
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      gtk_spinner_stop (self->spinner);
      /* Written only when it changes: the Quality page reopens its
       * workspace on every change. */
      if (*location != '\0')
        g_settings_set_string (self->settings, "qa-workspace", "");
      set_status (self, _("Not connected: this computer’s own workspace is used"), FALSE);
    }
  update_sensitivity (self);
}

static void
team_toggled_cb (CsmQualityPreferencesPage *self)
{
  update_sensitivity (self);
  if (gtk_check_button_get_active (self->team_check))
    gtk_widget_grab_focus (GTK_WIDGET (self->address_row));
}

/* Who the person is there, a sentence a part. */
static char *
connected_text (CsmWorkspace *workspace)
{
  const char *role = csm_workspace_get_role (workspace);
  const char *user = csm_workspace_get_user (workspace);

  if (g_strcmp0 (role, "admin") == 0)
    /* Translators: %s is the PostgreSQL role connected as */
    return g_strdup_printf (_("Connected as %s, an admin. The Quality page uses this "
                              "workspace."), user);
  if (g_strcmp0 (role, "lead") == 0)
    return g_strdup_printf (_("Connected as %s, a lead. The Quality page uses this workspace."),
                            user);
  if (g_strcmp0 (role, "reviewer") == 0)
    return g_strdup_printf (_("Connected as %s, a reviewer. The Quality page uses this "
                              "workspace."), user);
  return g_strdup_printf (_("Connected as %s, an agent. The Quality page uses this workspace."),
                          user);
}

static void
logged_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CsmQualityPreferencesPage) self = user_data;
  g_autoptr(CsmWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  workspace = csm_workspace_login_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  if (workspace == NULL)
    {
      text = g_strdup_printf (_("Not connected: %s"), error->message);
      set_status (self, text, TRUE);
      update_sensitivity (self);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  g_settings_set_string (self->settings, "qa-workspace", csm_workspace_get_location (workspace));
  text = connected_text (workspace);
  set_status (self, text, FALSE);
  update_sensitivity (self);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CsmQualityPreferencesPage *self = CSM_QUALITY_PREFERENCES_PAGE (widget);
  g_autofree char *location = NULL;
  const char *password;
  g_autoptr(GError) error = NULL;

  if (self->cancellable != NULL || self->settings == NULL)
    return;
  location = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_row))));
  if (!csm_workspace_login_check_location (location, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Not connected: %s"), error->message);

      set_status (self, text, TRUE);
      return;
    }
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  set_status (self, _("Connecting…"), FALSE);
  update_sensitivity (self);
  /* No password typed: the keyring's, if it keeps one. */
  csm_workspace_login_async (location, csm_context_get_person (self->context),
                             *password != '\0' ? password : NULL, self->cancellable,
                             logged_in_cb, g_object_ref (self));
}

static void
entry_activated_cb (CsmQualityPreferencesPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "workspace.connect", NULL);
}

/**
 * csm_quality_preferences_page_set_context:
 *
 * Shows and edits where @context's person keeps their QA work.
 */
void
csm_quality_preferences_page_set_context (CsmQualityPreferencesPage *self,
                                          CsmContext                *context)
{
  g_autofree char *location = NULL;
  g_autofree char *role = NULL;

  g_return_if_fail (CSM_IS_QUALITY_PREFERENCES_PAGE (self));
  g_return_if_fail (CSM_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  g_set_object (&self->settings, csm_context_get_settings (context));
  location = g_settings_get_string (self->settings, "qa-workspace");
  g_settings_bind (self->settings, "dispute-window-days", self->dispute_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  /* Translators: the PostgreSQL role a person signs in as */
  role = g_strdup_printf (_("%s, your helpdesk user"), csm_context_get_person (context));
  adw_action_row_set_subtitle (self->user_row, role);
  if (*location != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->address_row), location);
      gtk_check_button_set_active (self->team_check, TRUE);
      set_status (self, _("Saved: the Quality page opens this workspace. Connect again to change "
                          "the password."), FALSE);
    }
  else
    {
      gtk_check_button_set_active (self->local_check, TRUE);
      set_status (self, _("Not connected: this computer’s own workspace is used"), FALSE);
    }
  update_sensitivity (self);
}

/**
 * csm_quality_preferences_page_get_status:
 *
 * Returns: what the page says about the connection
 */
const char *
csm_quality_preferences_page_get_status (CsmQualityPreferencesPage *self)
{
  g_return_val_if_fail (CSM_IS_QUALITY_PREFERENCES_PAGE (self), NULL);
  return self->status;
}

/**
 * csm_quality_preferences_page_is_busy:
 *
 * Returns: whether a connection is being tried
 */
gboolean
csm_quality_preferences_page_is_busy (CsmQualityPreferencesPage *self)
{
  g_return_val_if_fail (CSM_IS_QUALITY_PREFERENCES_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

static void
csm_quality_preferences_page_dispose (GObject *object)
{
  CsmQualityPreferencesPage *self = CSM_QUALITY_PREFERENCES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_QUALITY_PREFERENCES_PAGE);
  G_OBJECT_CLASS (csm_quality_preferences_page_parent_class)->dispose (object);
}

static void
csm_quality_preferences_page_finalize (GObject *object)
{
  CsmQualityPreferencesPage *self = CSM_QUALITY_PREFERENCES_PAGE (object);

  g_free (self->status);
  G_OBJECT_CLASS (csm_quality_preferences_page_parent_class)->finalize (object);
}

static void
csm_quality_preferences_page_class_init (CsmQualityPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_quality_preferences_page_dispose;
  object_class->finalize = csm_quality_preferences_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-quality-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPreferencesPage, local_check);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPreferencesPage, team_check);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPreferencesPage, team_group);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPreferencesPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPreferencesPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPreferencesPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPreferencesPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPreferencesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPreferencesPage, dispute_spin);
  gtk_widget_class_bind_template_callback (widget_class, local_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, team_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_install_action (widget_class, "workspace.connect", NULL, connect_action);
}

static void
csm_quality_preferences_page_init (CsmQualityPreferencesPage *self)
{
  self->status = g_strdup ("");
  gtk_widget_init_template (GTK_WIDGET (self));
}
