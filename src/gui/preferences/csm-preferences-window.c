/* csm-preferences-window.c: syncing, agents, SLA, alerts and the account.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-preferences-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-enums.h"
#include "csm-preferences-window.h"
#include "csm-settings-bind.h"
#include "csm-queue.h"
#include "csm-quality-preferences-page.h"
#include "csm-reports-preferences-page.h"
#include "csm-sla-preferences-page.h"
#include "csm-time-spin.h"
#include "csm-wallboard-preferences-page.h"

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

  GtkSpinButton *active_spin;
  GtkSpinButton *idle_spin;
  GtkSpinButton *capacity_spin;
  GtkSpinButton *load_spin;
  GtkSpinButton *occupancy_spin;
  AdwComboRow *window_row;

  CsmSlaPreferencesPage *sla_page;
  CsmReportsPreferencesPage *reports_page;
  CsmWallboardPreferencesPage *wallboard_page;
  CsmQualityPreferencesPage *quality_page;

  GtkSwitch *alerts_switch;
  AdwPreferencesGroup *quiet_group;
  GtkSpinButton *quiet_start_spin;
  GtkSpinButton *quiet_end_spin;
  AdwPreferencesGroup *queues_group;
  GtkListBox *queues_list;
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
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.disconnect", FALSE);
      return;
    }
  label = csm_account_get_demo (account) ? g_strdup (_("Demo")) : csm_account_dup_label (account);
  adw_action_row_set_subtitle (self->account_row, label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.disconnect", TRUE);
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
disconnect_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CsmPreferencesWindow *self = CSM_PREFERENCES_WINDOW (widget);
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

static gboolean
queue_is_muted (GSettings  *settings,
                const char *name)
{
  g_auto(GStrv) muted = g_settings_get_strv (settings, "alerts-muted-queues");

  return g_strv_contains ((const char * const *) muted, name);
}

static void
queue_switch_cb (GtkSwitch            *queue_switch,
                 GParamSpec           *pspec,
                 CsmPreferencesWindow *self)
{
  GSettings *settings = csm_context_get_settings (self->context);
  const char *name = g_object_get_data (G_OBJECT (queue_switch), "csm-queue-name");
  gboolean mute = !gtk_switch_get_active (queue_switch);
  g_auto(GStrv) muted = g_settings_get_strv (settings, "alerts-muted-queues");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  if (mute == g_strv_contains ((const char * const *) muted, name))
    return;
  for (guint i = 0; muted[i] != NULL; i++)
    if (g_strcmp0 (muted[i], name) != 0)
      g_strv_builder_add (builder, muted[i]);
  if (mute)
    g_strv_builder_add (builder, name);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "alerts-muted-queues", (const char * const *) updated);
}

static GtkWidget *
create_queue_row (gpointer item,
                  gpointer user_data)
{
  CsmPreferencesWindow *self = user_data;
  CsmQueue *queue = item;
  const char *name = csm_queue_get_name (queue);
  g_autofree char *title = g_markup_escape_text (name, -1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *queue_switch = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (csm_queue_get_description (queue) != NULL)
    {
      g_autofree char *subtitle = g_markup_escape_text (csm_queue_get_description (queue), -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  gtk_widget_set_valign (queue_switch, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (queue_switch), "csm-queue-name", g_strdup (name), g_free);
  gtk_switch_set_active (GTK_SWITCH (queue_switch),
                         !queue_is_muted (csm_context_get_settings (self->context), name));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (queue_switch),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                  -1);
  g_signal_connect_object (queue_switch, "notify::active", G_CALLBACK (queue_switch_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), queue_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), queue_switch);
  return row;
}

/* Someone else changed the muted queues (another window, gsettings): follow. */
static void
muted_queues_changed_cb (CsmPreferencesWindow *self)
{
  GSettings *settings = csm_context_get_settings (self->context);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->queues_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *queue_switch;
      const char *name;

      if (!ADW_IS_ACTION_ROW (row))
        continue;
      queue_switch = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
      name = g_object_get_data (G_OBJECT (queue_switch), "csm-queue-name");
      if (name != NULL)
        gtk_switch_set_active (GTK_SWITCH (queue_switch), !queue_is_muted (settings, name));
    }
}

static void
update_queues_list (CsmPreferencesWindow *self)
{
  CsmSyncEngine *engine = csm_context_get_engine (self->context);

  gtk_list_box_bind_model (self->queues_list,
                           engine != NULL ? csm_sync_engine_get_queues (engine) : NULL,
                           create_queue_row, self, NULL);
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

  g_type_ensure (CSM_TYPE_SLA_PREFERENCES_PAGE);
  g_type_ensure (CSM_TYPE_REPORTS_PREFERENCES_PAGE);
  g_type_ensure (CSM_TYPE_QUALITY_PREFERENCES_PAGE);
  g_type_ensure (CSM_TYPE_WALLBOARD_PREFERENCES_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, refresh_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, reconcile_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, inflight_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, history_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, disconnect_button);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, active_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, idle_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, capacity_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, load_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, occupancy_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, window_row);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, sla_page);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, reports_page);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, wallboard_page);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, quality_page);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, alerts_switch);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, quiet_group);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, quiet_start_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, quiet_end_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, queues_group);
  gtk_widget_class_bind_template_child (widget_class, CsmPreferencesWindow, queues_list);

  gtk_widget_class_install_action (widget_class, "prefs.disconnect", NULL, disconnect_action);
}

static void
csm_preferences_window_init (CsmPreferencesWindow *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  csm_time_spin_setup (self->quiet_start_spin, 24 * 60 - 1);
  csm_time_spin_setup (self->quiet_end_spin, 24 * 60 - 1);

  placeholder = gtk_label_new (_("No queues yet: they are listed once the console has synced "
                                 "with a helpdesk."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->queues_list, placeholder);
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

  g_settings_bind (settings, "presence-active-minutes", self->active_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "presence-idle-minutes", self->idle_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "agent-default-capacity", self->capacity_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "load-threshold", self->load_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "occupancy-threshold", self->occupancy_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  csm_settings_bind_enum_position (settings, "occupancy-window", self->window_row, "selected",
                                   CSM_TYPE_OCCUPANCY_WINDOW);

  csm_sla_preferences_page_set_context (self->sla_page, context);
  csm_reports_preferences_page_set_settings (self->reports_page, settings);
  csm_quality_preferences_page_set_context (self->quality_page, context);
  csm_wallboard_preferences_page_set_context (self->wallboard_page, context);

  g_settings_bind (settings, "alerts-enabled", self->alerts_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "alerts-quiet-start", self->quiet_start_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "alerts-quiet-end", self->quiet_end_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_object_bind_property (self->alerts_switch, "active", self->quiet_group, "sensitive",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->alerts_switch, "active", self->queues_group, "sensitive",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (settings, "changed::alerts-muted-queues",
                           G_CALLBACK (muted_queues_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::engine", G_CALLBACK (update_queues_list), self,
                           G_CONNECT_SWAPPED);
  update_queues_list (self);

  g_signal_connect_object (context, "notify::account", G_CALLBACK (update_account_row), self,
                           G_CONNECT_SWAPPED);
  update_account_row (self);
  return self;
}
