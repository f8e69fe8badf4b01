/* csm-window.c: the main window: header with account and data age, banner, pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-window"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "csm-agents-page.h"
#include "csm-queues-page.h"
#include "csm-quality-page.h"
#include "csm-reports-page.h"
#include "csm-sla-page.h"
#include "csm-staffing-page.h"
#include "csm-sync-indicator.h"
#include "csm-time.h"
#include "csm-window.h"

struct _CsmWindow
{
  AdwApplicationWindow parent_instance;

  CsmContext *context;              /* (owned) */
  GSignalGroup *engine_signals;     /* (owned) */

  /* template */
  AdwToastOverlay *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkLabel *account_label;
  AdwViewStack *view_stack;
  GtkStack *content_stack;
  GtkRevealer *banner_revealer;
  GtkImage *banner_icon;
  GtkLabel *banner_label;
  GtkButton *banner_button;
  CsmSyncIndicator *sync_indicator;
  CsmQueuesPage *queues_page;
  CsmAgentsPage *agents_page;
  CsmSlaPage *sla_page;
  CsmReportsPage *reports_page;
  CsmStaffingPage *staffing_page;
  CsmQualityPage *quality_page;
  GSignalGroup *outbox_signals;
};

G_DEFINE_FINAL_TYPE (CsmWindow, csm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_clock_time (gint64 t,
                   gint64 now_unix)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autoptr(GDateTime) now_utc = g_date_time_new_from_unix_utc (now_unix);
  g_autoptr(GDateTime) now = g_date_time_to_local (now_utc);

  if (g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now) &&
      g_date_time_get_year (local) == g_date_time_get_year (now))
    return g_date_time_format (local, "%H:%M");
  /* Translators: a date and time in the offline banner, strftime format */
  return g_date_time_format (local, _("%b %e, %H:%M"));
}

/* What the banner says about the data on screen while the helpdesk cannot
 * be reached: its age, so nobody mistakes it for live numbers. */
static char *
describe_data (CsmSyncEngine *engine,
               gint64         now)
{
  gint64 data_time = csm_sync_engine_get_data_time (engine);
  g_autofree char *when = NULL;
  g_autofree char *age = NULL;

  if (data_time == 0)
    return g_strdup (csm_sync_engine_get_has_data (engine)
                     ? _("Showing cached data of unknown age.")
                     : _("No data yet."));
  when = format_clock_time (data_time, now);
  age = csm_format_duration (MAX (now - data_time, 0));
  /* Translators: "Showing data from 14:02 (3 min old)." */
  return g_strdup_printf (_("Showing data from %s (%s old)."), when, age);
}

static void
update_banner (CsmWindow *self)
{
  CsmSyncEngine *engine = csm_context_get_engine (self->context);
  const char *problem = csm_context_get_problem (self->context);
  g_autofree char *text = NULL;
  g_autofree char *data = NULL;
  const char *button = NULL;
  const char *action = NULL;
  const char *icon = "dialog-warning-symbolic";
  gint64 now = csm_clock_get_now (csm_context_get_clock (self->context));

  if (problem != NULL)
    {
      text = g_strdup (problem);
      button = _("_Connect…");
      action = "app.connect";
    }
  else if (engine != NULL)
    {
      const GError *error = csm_sync_engine_get_error (engine);
      gint64 next = csm_sync_engine_get_next_attempt (engine);

      data = describe_data (engine, now);
      switch (csm_sync_engine_get_state (engine))
        {
        case CSM_SYNC_STATE_OFFLINE:
          icon = "network-offline-symbolic";
          if (next > now && !csm_sync_engine_get_syncing (engine))
            {
              g_autofree char *wait = csm_format_duration (next - now);
              /* Translators: error, data age, then "Retrying in 20 s." */
              text = g_strdup_printf (_("Offline: %s %s Retrying in %s."),
                                      error ? error->message : "", data, wait);
            }
          else
            text = g_strdup_printf (_("Offline: %s %s Retrying now…"),
                                    error ? error->message : "", data);
          button = _("_Retry Now");
          action = "win.refresh";
          break;
        case CSM_SYNC_STATE_AUTH_FAILED:
          icon = "dialog-password-symbolic";
          text = g_strdup_printf (_("The helpdesk no longer accepts the credentials. %s"), data);
          button = _("_Reconnect…");
          action = "app.connect";
          break;
        case CSM_SYNC_STATE_ERROR:
          text = g_strdup_printf (_("Sync failed: %s %s"), error ? error->message : "", data);
          button = _("_Retry Now");
          action = "win.refresh";
          break;
        case CSM_SYNC_STATE_UNKNOWN:
        case CSM_SYNC_STATE_ONLINE:
        default:
          break;
        }
    }

  if (text == NULL)
    {
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
      return;
    }

  gtk_image_set_from_icon_name (self->banner_icon, icon);
  gtk_label_set_text (self->banner_label, text);
  gtk_button_set_label (self->banner_button, button);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button), action);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
update_account (CsmWindow *self)
{
  CsmAccount *account = csm_context_get_account (self->context);
  g_autofree char *label = NULL;

  if (account == NULL)
    {
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->account_label), FALSE);
      gtk_stack_set_visible_child_name (self->content_stack, "welcome");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", FALSE);
      return;
    }

  if (csm_account_get_demo (account))
    label = g_strdup (_("Demo"));
  else
    label = csm_account_dup_label (account);
  /* With several pages the title shows the page switcher, not the subtitle:
   * the account (or "Demo", plainly) stays in view at the header's start. */
  adw_view_switcher_title_set_subtitle (self->switcher_title, label);
  gtk_label_set_text (self->account_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->account_label), TRUE);
  if (csm_account_get_demo (account))
    gtk_widget_add_css_class (GTK_WIDGET (self->account_label), "csm-demo");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->account_label), "csm-demo");
  gtk_stack_set_visible_child_name (self->content_stack, "main");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", TRUE);
}

static void
engine_changed_cb (CsmWindow *self)
{
  CsmSyncEngine *engine = csm_context_get_engine (self->context);

  g_signal_group_set_target (self->engine_signals, engine);
  g_signal_group_set_target (self->outbox_signals, csm_context_get_outbox (self->context));
  csm_sync_indicator_set_engine (self->sync_indicator, engine);
  update_banner (self);
}

static void
account_changed_cb (CsmWindow *self)
{
  update_account (self);
  update_banner (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CsmWindow *self = CSM_WINDOW (widget);
  CsmSyncEngine *engine = csm_context_get_engine (self->context);

  if (engine != NULL)
    csm_sync_engine_refresh_now (engine);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CsmWindow *self = CSM_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "main") != 0)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "queues");
  csm_queues_page_focus_search (self->queues_page);
}

static void
outbox_delivered_cb (CsmWindow  *self,
                     gint64      ticket_id,
                     const char *field,
                     const char *value)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (field, "Owner") == 0)
    text = g_strdup_printf (_("Ticket #%" PRId64 " reassigned to %s"), ticket_id, value);
  else
    text = g_strdup_printf (_("Ticket #%" PRId64 " set to %s"), ticket_id, value);
  csm_window_show_toast (self, text);
}

static void
outbox_failed_cb (CsmWindow    *self,
                  gint64        ticket_id,
                  const char   *field,
                  const GError *error)
{
  g_autofree char *text = NULL;

  /* The helpdesk's own words: RT says why (e.g. "Permission Denied"). */
  text = g_strdup_printf (_("The helpdesk refused the change to ticket #%" PRId64 ": %s"),
                          ticket_id, error->message);
  csm_window_show_toast (self, text);
}

static gboolean
csm_window_close_request (GtkWindow *window)
{
  CsmWindow *self = CSM_WINDOW (window);
  GSettings *settings = csm_context_get_settings (self->context);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (settings);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_set_string (settings, "last-page",
                         adw_view_stack_get_visible_child_name (self->view_stack));
  g_settings_apply (settings);

  return GTK_WINDOW_CLASS (csm_window_parent_class)->close_request (window);
}

static void
csm_window_constructed (GObject *object)
{
  CsmWindow *self = CSM_WINDOW (object);
  GSettings *settings = csm_context_get_settings (self->context);
  g_autofree char *page = g_settings_get_string (settings, "last-page");

  G_OBJECT_CLASS (csm_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  if (adw_view_stack_get_child_by_name (self->view_stack, page) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, page);

  /* The menu's "Desktop Alerts" is the setting itself. */
  {
    g_autoptr(GAction) alerts = g_settings_create_action (settings, "alerts-enabled");
    g_action_map_add_action (G_ACTION_MAP (self), alerts);
  }

  g_signal_connect_object (self->context, "notify::account",
                           G_CALLBACK (account_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::engine",
                           G_CALLBACK (engine_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::problem",
                           G_CALLBACK (update_banner), self, G_CONNECT_SWAPPED);
  /* The banner counts down to the next retry and ages the data. */
  g_signal_connect_object (csm_context_get_clock (self->context), "notify::now",
                           G_CALLBACK (update_banner), self, G_CONNECT_SWAPPED);

  update_account (self);
  engine_changed_cb (self);
}

static void
csm_window_dispose (GObject *object)
{
  CsmWindow *self = (CsmWindow *) object;

  /* The settings action outlives a window that keeps it: it would tell a
   * finalized window about the next change of the setting. */
  g_action_map_remove_action (G_ACTION_MAP (self), "alerts-enabled");
  if (self->engine_signals != NULL)
    g_signal_group_set_target (self->engine_signals, NULL);
  g_clear_object (&self->engine_signals);
  if (self->outbox_signals != NULL)
    g_signal_group_set_target (self->outbox_signals, NULL);
  g_clear_object (&self->outbox_signals);

  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_WINDOW);

  G_OBJECT_CLASS (csm_window_parent_class)->dispose (object);
}

static void
csm_window_finalize (GObject *object)
{
  CsmWindow *self = (CsmWindow *) object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (csm_window_parent_class)->finalize (object);
}

static void
csm_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CsmWindow *self = CSM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CsmWindow *self = CSM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_window_class_init (CsmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = csm_window_constructed;
  object_class->dispose = csm_window_dispose;
  object_class->finalize = csm_window_finalize;
  object_class->get_property = csm_window_get_property;
  object_class->set_property = csm_window_set_property;
  window_class->close_request = csm_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CSM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CSM_TYPE_QUEUES_PAGE);
  g_type_ensure (CSM_TYPE_AGENTS_PAGE);
  g_type_ensure (CSM_TYPE_SLA_PAGE);
  g_type_ensure (CSM_TYPE_REPORTS_PAGE);
  g_type_ensure (CSM_TYPE_STAFFING_PAGE);
  g_type_ensure (CSM_TYPE_QUALITY_PAGE);
  g_type_ensure (CSM_TYPE_SYNC_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/csm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CsmWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CsmWindow, account_label);
  gtk_widget_class_bind_template_child (widget_class, CsmWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CsmWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CsmWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, CsmWindow, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, CsmWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, CsmWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, CsmWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, CsmWindow, queues_page);
  gtk_widget_class_bind_template_child (widget_class, CsmWindow, agents_page);
  gtk_widget_class_bind_template_child (widget_class, CsmWindow, sla_page);
  gtk_widget_class_bind_template_child (widget_class, CsmWindow, reports_page);
  gtk_widget_class_bind_template_child (widget_class, CsmWindow, staffing_page);
  gtk_widget_class_bind_template_child (widget_class, CsmWindow, quality_page);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
}

static void
csm_window_init (CsmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->engine_signals = g_signal_group_new (CSM_TYPE_SYNC_ENGINE);
  g_signal_group_connect_swapped (self->engine_signals, "notify::state",
                                  G_CALLBACK (update_banner), self);
  g_signal_group_connect_swapped (self->engine_signals, "notify::syncing",
                                  G_CALLBACK (update_banner), self);
  g_signal_group_connect_swapped (self->engine_signals, "notify::data-time",
                                  G_CALLBACK (update_banner), self);

  /* What happened to the changes the user sent to the helpdesk. */
  self->outbox_signals = g_signal_group_new (CSM_TYPE_OUTBOX);
  g_signal_group_connect_swapped (self->outbox_signals, "delivered",
                                  G_CALLBACK (outbox_delivered_cb), self);
  g_signal_group_connect_swapped (self->outbox_signals, "failed",
                                  G_CALLBACK (outbox_failed_cb), self);
}

CsmWindow *
csm_window_new (CsmApplication *application,
                CsmContext     *context)
{
  return g_object_new (CSM_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

CsmContext *
csm_window_get_context (CsmWindow *self)
{
  g_return_val_if_fail (CSM_IS_WINDOW (self), NULL);
  return self->context;
}

/**
 * csm_window_get_queues_page:
 *
 * Returns: (transfer none): the Queues page
 */
GtkWidget *
csm_window_get_queues_page (CsmWindow *self)
{
  g_return_val_if_fail (CSM_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->queues_page);
}

/**
 * csm_window_get_agents_page:
 *
 * Returns: (transfer none): the Agents page
 */
GtkWidget *
csm_window_get_agents_page (CsmWindow *self)
{
  g_return_val_if_fail (CSM_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->agents_page);
}

/**
 * csm_window_get_sla_page:
 *
 * Returns: (transfer none): the SLA page
 */
GtkWidget *
csm_window_get_sla_page (CsmWindow *self)
{
  g_return_val_if_fail (CSM_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->sla_page);
}

/**
 * csm_window_get_staffing_page:
 *
 * Returns: (transfer none): the Staffing page
 */
GtkWidget *
csm_window_get_staffing_page (CsmWindow *self)
{
  g_return_val_if_fail (CSM_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->staffing_page);
}

/**
 * csm_window_get_reports_page:
 *
 * Returns: (transfer none): the Reports page
 */
GtkWidget *
csm_window_get_reports_page (CsmWindow *self)
{
  g_return_val_if_fail (CSM_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->reports_page);
}

/**
 * csm_window_get_quality_page:
 *
 * Returns: (transfer none): the Quality page
 */
GtkWidget *
csm_window_get_quality_page (CsmWindow *self)
{
  g_return_val_if_fail (CSM_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->quality_page);
}

/**
 * csm_window_show_page:
 * @name: "queues", "agents", "sla" or "reports"
 */
void
csm_window_show_page (CsmWindow  *self,
                      const char *name)
{
  g_return_if_fail (CSM_IS_WINDOW (self));
  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/**
 * csm_window_show_ticket:
 *
 * Shows the ticket on the SLA page when it is in a lane there, otherwise
 * finds it on the Queues page.
 */
void
csm_window_show_ticket (CsmWindow *self,
                        gint64     ticket_id)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CSM_IS_WINDOW (self));

  if (csm_sla_page_select_ticket (self->sla_page, ticket_id))
    {
      csm_window_show_page (self, "sla");
      return;
    }
  text = g_strdup_printf ("%" G_GINT64_FORMAT, ticket_id);
  csm_window_show_page (self, "queues");
  csm_queues_page_set_filter_text (self->queues_page, text);
}

void
csm_window_show_toast (CsmWindow  *self,
                       const char *text)
{
  g_return_if_fail (CSM_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}
