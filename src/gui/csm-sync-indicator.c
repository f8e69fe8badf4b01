/* csm-sync-indicator.c: the header's word on freshness: syncing, updated N s ago, offline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sync-indicator"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-sync-indicator.h"
#include "csm-time.h"

struct _CsmSyncIndicator
{
  GtkWidget parent_instance;

  CsmSyncEngine *engine;        /* (owned) (nullable) */
  GSignalGroup *engine_signals; /* (owned) */
  GSignalGroup *clock_signals;  /* (owned) */

  GtkMenuButton *button;
  GtkStack *icon_stack;
  GtkSpinner *spinner;
  GtkImage *icon;
  GtkLabel *label;
  GtkLabel *details;
};

G_DEFINE_FINAL_TYPE (CsmSyncIndicator, csm_sync_indicator, GTK_TYPE_WIDGET)

static void
update (CsmSyncIndicator *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  const char *icon_name = "emblem-ok-symbolic";
  gboolean syncing;
  gint64 now, data_time;
  const CsmSyncStats *stats;

  /* Nothing to say without a helpdesk; the welcome page says it. */
  gtk_widget_set_visible (GTK_WIDGET (self->button), self->engine != NULL);
  if (self->engine == NULL)
    {
      gtk_label_set_text (self->label, _("Not connected"));
      gtk_stack_set_visible_child_name (self->icon_stack, "icon");
      gtk_image_set_from_icon_name (self->icon, "network-offline-symbolic");
      gtk_label_set_text (self->details, _("No helpdesk is connected."));
      return;
    }

  syncing = csm_sync_engine_get_syncing (self->engine);
  now = csm_clock_get_now (csm_sync_engine_get_clock (self->engine));
  data_time = csm_sync_engine_get_data_time (self->engine);

  switch (csm_sync_engine_get_state (self->engine))
    {
    case CSM_SYNC_STATE_OFFLINE:
      icon_name = "network-offline-symbolic";
      break;
    case CSM_SYNC_STATE_AUTH_FAILED:
      icon_name = "dialog-password-symbolic";
      break;
    case CSM_SYNC_STATE_ERROR:
      icon_name = "dialog-warning-symbolic";
      break;
    case CSM_SYNC_STATE_UNKNOWN:
    case CSM_SYNC_STATE_ONLINE:
    default:
      break;
    }

  if (data_time > 0 && now - data_time < 5)
    text = g_strdup (_("Updated just now"));
  else if (data_time > 0)
    {
      g_autofree char *age = csm_format_duration (MAX (now - data_time, 0));
      /* Translators: how old the data on screen is, "Updated 8 s ago" */
      text = g_strdup_printf (_("Updated %s ago"), age);
    }
  else if (syncing)
    text = g_strdup (_("Syncing…"));
  else
    text = g_strdup (_("No data yet"));

  gtk_label_set_text (self->label, text);
  gtk_spinner_set_spinning (self->spinner, syncing);
  gtk_stack_set_visible_child_name (self->icon_stack, syncing ? "spinner" : "icon");
  gtk_image_set_from_icon_name (self->icon, icon_name);

  if (syncing)
    g_string_append (details, _("Syncing with the helpdesk now."));
  else if (csm_sync_engine_get_error (self->engine) != NULL)
    g_string_append (details, csm_sync_engine_get_error (self->engine)->message);
  else if (csm_sync_engine_get_state (self->engine) == CSM_SYNC_STATE_ONLINE)
    g_string_append (details, _("Connected. The numbers refresh on their own."));
  else
    g_string_append (details, _("Showing the local cache; waiting for the helpdesk."));

  stats = csm_sync_engine_get_last_stats (self->engine);
  if (csm_sync_engine_get_last_success (self->engine) > 0)
    {
      double seconds = (stats->finished_usec - stats->started_usec) / (double) G_USEC_PER_SEC;

      g_string_append (details, "\n\n");
      g_string_append (details, stats->kind == CSM_SYNC_FULL ? _("Last sync: full")
                                                             : _("Last sync: changes only"));
      g_string_append_c (details, '\n');
      /* Label: value pairs, so no plural forms are needed. */
      g_string_append_printf (details,
                              _("Tickets received: %u, changed: %u, removed: %u\n"
                                "Transactions: %u · Requests: %u · Time: %.1f s"),
                              stats->tickets_received, stats->tickets_changed,
                              stats->tickets_removed, stats->transactions_received,
                              stats->requests, seconds);
    }
  if (!syncing && csm_sync_engine_get_next_attempt (self->engine) > now)
    {
      g_autofree char *wait = csm_format_duration (csm_sync_engine_get_next_attempt (self->engine) - now);
      g_string_append (details, "\n\n");
      g_string_append_printf (details, _("Next sync in %s."), wait);
    }
  gtk_label_set_text (self->details, details->str);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

/**
 * csm_sync_indicator_set_engine:
 * @engine: (nullable): the engine to follow
 */
void
csm_sync_indicator_set_engine (CsmSyncIndicator *self,
                               CsmSyncEngine    *engine)
{
  g_return_if_fail (CSM_IS_SYNC_INDICATOR (self));

  g_set_object (&self->engine, engine);
  g_signal_group_set_target (self->engine_signals, engine);
  g_signal_group_set_target (self->clock_signals,
                             engine ? csm_sync_engine_get_clock (engine) : NULL);
  update (self);
}

const char *
csm_sync_indicator_get_text (CsmSyncIndicator *self)
{
  g_return_val_if_fail (CSM_IS_SYNC_INDICATOR (self), NULL);
  return gtk_label_get_text (self->label);
}

static void
csm_sync_indicator_dispose (GObject *object)
{
  CsmSyncIndicator *self = (CsmSyncIndicator *) object;

  if (self->engine_signals)
    g_signal_group_set_target (self->engine_signals, NULL);
  if (self->clock_signals)
    g_signal_group_set_target (self->clock_signals, NULL);
  g_clear_object (&self->engine_signals);
  g_clear_object (&self->clock_signals);
  g_clear_object (&self->engine);

  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_SYNC_INDICATOR);

  G_OBJECT_CLASS (csm_sync_indicator_parent_class)->dispose (object);
}

static void
csm_sync_indicator_class_init (CsmSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_sync_indicator_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, CsmSyncIndicator, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, CsmSyncIndicator, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsmSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, CsmSyncIndicator, label);
  gtk_widget_class_bind_template_child (widget_class, CsmSyncIndicator, details);
}

static void
csm_sync_indicator_init (CsmSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->engine_signals = g_signal_group_new (CSM_TYPE_SYNC_ENGINE);
  g_signal_group_connect_swapped (self->engine_signals, "notify", G_CALLBACK (update), self);
  self->clock_signals = g_signal_group_new (CSM_TYPE_CLOCK);
  g_signal_group_connect_swapped (self->clock_signals, "notify::now", G_CALLBACK (update), self);
  update (self);
}
