/* csm-alerts.c: desktop notifications before (and when) tickets breach their SLA.
 *
 * Core's alert tracker decides what is new (once per ticket, state and
 * deadline), what is grouped and what is only a summary after the console
 * was away; this turns its batches into GNotifications with actions to show
 * the ticket in the console or open it in the helpdesk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-alerts"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "csm-alerts.h"
#include "csm-sla-entry.h"
#include "csm-time.h"

struct _CsmAlerts
{
  GObject parent_instance;

  GApplication *application;      /* (unowned): it owns us */
  CsmContext *context;            /* (owned) */
  CsmAlertTracker *tracker;       /* (owned): for the current engine */
  CsmSlaMonitor *monitor;         /* (owned) (nullable) */
  CsmSyncEngine *engine;          /* (owned) (nullable) */
  CsmSyncState last_state;
  guint n_sent;
  GNotification *last;            /* (owned) (nullable) */
  char *last_id;                  /* (owned) (nullable) */
};

G_DEFINE_FINAL_TYPE (CsmAlerts, csm_alerts, G_TYPE_OBJECT)

static void
send (CsmAlerts     *self,
      const char    *id,
      GNotification *notification)
{
  g_application_send_notification (self->application, id, notification);
  self->n_sent++;
  g_set_object (&self->last, notification);
  g_free (self->last_id);
  self->last_id = g_strdup (id);
}

static char *
alert_title (const CsmAlert *alert)
{
  switch (alert->state)
    {
    case CSM_SLA_STATE_BREACHED:
      return g_strdup_printf (_("Ticket #%" PRId64 " breached its SLA"), alert->ticket_id);
    case CSM_SLA_STATE_AT_RISK:
      return g_strdup_printf (_("Ticket #%" PRId64 " is at risk of breaching its SLA"),
                              alert->ticket_id);
    case CSM_SLA_STATE_PREDICTED:
      return g_strdup_printf (_("Ticket #%" PRId64 " is predicted to breach its SLA"),
                              alert->ticket_id);
    case CSM_SLA_STATE_OK:
    default:
      return g_strdup_printf ("#%" G_GINT64_FORMAT, alert->ticket_id);
    }
}

static void
count_states (GPtrArray *alerts,
              guint      counts[4])
{
  for (guint i = 0; i < 4; i++)
    counts[i] = 0;
  for (guint i = 0; i < alerts->len; i++)
    {
      CsmAlert *alert = g_ptr_array_index (alerts, i);
      if ((guint) alert->state < 4)
        counts[alert->state]++;
    }
}

/* "3 breached, 2 at risk, 1 predicted to breach" */
static char *
describe_counts (const guint counts[4])
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (counts[CSM_SLA_STATE_BREACHED] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u breached",
                                                          "%u breached",
                                                          counts[CSM_SLA_STATE_BREACHED]),
                                             counts[CSM_SLA_STATE_BREACHED]));
  if (counts[CSM_SLA_STATE_AT_RISK] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u at risk",
                                                          "%u at risk",
                                                          counts[CSM_SLA_STATE_AT_RISK]),
                                             counts[CSM_SLA_STATE_AT_RISK]));
  if (counts[CSM_SLA_STATE_PREDICTED] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u predicted to breach",
                                                          "%u predicted to breach",
                                                          counts[CSM_SLA_STATE_PREDICTED]),
                                             counts[CSM_SLA_STATE_PREDICTED]));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static void
send_batch (CsmAlerts     *self,
            CsmAlertBatch *batch)
{
  g_autoptr(GNotification) notification = NULL;
  guint counts[4];

  count_states (batch->alerts, counts);

  if (batch->summary || batch->grouped)
    {
      g_autofree char *body = describe_counts (counts);
      g_autofree char *title = NULL;

      if (batch->summary)
        title = g_strdup (_("SLA state since the console was last up to date"));
      else
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u ticket needs attention",
                                              "%u tickets need attention",
                                              batch->alerts->len),
                                 batch->alerts->len);
      notification = g_notification_new (title);
      g_notification_set_body (notification, body);
      g_notification_set_priority (notification, counts[CSM_SLA_STATE_BREACHED] > 0
                                                 ? G_NOTIFICATION_PRIORITY_HIGH
                                                 : G_NOTIFICATION_PRIORITY_NORMAL);
      g_notification_set_default_action_and_target (notification, "app.show-sla", NULL);
      g_notification_add_button_with_target (notification, _("Show SLA Page"), "app.show-sla", NULL);
      send (self, batch->summary ? "sla-summary" : "sla-group", notification);
      return;
    }

  for (guint i = 0; i < batch->alerts->len; i++)
    {
      CsmAlert *alert = g_ptr_array_index (batch->alerts, i);
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;
      g_autofree char *id = NULL;
      g_autofree char *countdown = NULL;
      gint64 now = csm_clock_get_now (csm_context_get_clock (self->context));

      g_clear_object (&notification);
      title = alert_title (alert);
      countdown = alert->due > 0 ? csm_format_countdown (alert->due, now) : NULL;
      /* TRANSLATORS: subject, queue, then the deadline countdown */
      body = g_strdup_printf (_("%s\n%s · due %s"), alert->subject ? alert->subject : "",
                              alert->queue_name ? alert->queue_name : "",
                              countdown ? countdown : _("unknown"));
      notification = g_notification_new (title);
      g_notification_set_body (notification, body);
      g_notification_set_priority (notification, alert->state == CSM_SLA_STATE_BREACHED
                                                 ? G_NOTIFICATION_PRIORITY_HIGH
                                                 : G_NOTIFICATION_PRIORITY_NORMAL);
      g_notification_set_default_action_and_target (notification, "app.show-ticket", "x",
                                                    alert->ticket_id);
      g_notification_add_button_with_target (notification, _("Show in Console"), "app.show-ticket",
                                             "x", alert->ticket_id);
      g_notification_add_button_with_target (notification, _("Open in RT"), "app.open-in-rt",
                                             "x", alert->ticket_id);
      /* One notification per ticket: a later state replaces the earlier one. */
      id = g_strdup_printf ("sla-%" G_GINT64_FORMAT, alert->ticket_id);
      send (self, id, notification);
    }
}

static void
apply_settings (CsmAlerts *self)
{
  GSettings *settings = csm_context_get_settings (self->context);
  g_auto(GStrv) muted = g_settings_get_strv (settings, "alerts-muted-queues");
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();

  csm_alert_tracker_set_quiet_hours (self->tracker,
                                     g_settings_get_int (settings, "alerts-quiet-start"),
                                     g_settings_get_int (settings, "alerts-quiet-end"), tz);
  csm_alert_tracker_set_muted_queues (self->tracker, (const char * const *) muted);
}

static void
monitor_updated_cb (CsmAlerts *self)
{
  CsmAlertBatch *batch;
  GSettings *settings = csm_context_get_settings (self->context);

  /* Nothing to say before the first sync: the board would be the cache's. */
  if (self->engine == NULL || csm_sync_engine_get_state (self->engine) != CSM_SYNC_STATE_ONLINE)
    return;

  batch = csm_alert_tracker_update (self->tracker, csm_sla_monitor_get_entries (self->monitor),
                                    csm_clock_get_now (csm_context_get_clock (self->context)));
  if (batch == NULL)
    return;
  if (g_settings_get_boolean (settings, "alerts-enabled"))
    send_batch (self, batch);
  csm_alert_batch_free (batch);
}

static void
state_changed_cb (CsmAlerts *self)
{
  CsmSyncState state = csm_sync_engine_get_state (self->engine);

  /* Back after being away: what happened meanwhile is one summary. */
  if (state == CSM_SYNC_STATE_ONLINE && self->last_state != CSM_SYNC_STATE_ONLINE &&
      self->last_state != CSM_SYNC_STATE_UNKNOWN)
    csm_alert_tracker_mark_reconnected (self->tracker);
  self->last_state = state;
}

static void
engine_changed_cb (CsmAlerts *self)
{
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->engine);

  /* A new account starts afresh: its first board is a summary. */
  g_clear_object (&self->tracker);
  self->tracker = csm_alert_tracker_new ();
  apply_settings (self);
  self->last_state = CSM_SYNC_STATE_UNKNOWN;

  if (csm_context_get_engine (self->context) == NULL)
    return;
  self->engine = g_object_ref (csm_context_get_engine (self->context));
  self->monitor = g_object_ref (csm_context_get_sla_monitor (self->context));
  g_signal_connect_swapped (self->monitor, "updated", G_CALLBACK (monitor_updated_cb), self);
  g_signal_connect_swapped (self->engine, "notify::state", G_CALLBACK (state_changed_cb), self);
}

static void
settings_changed_cb (CsmAlerts  *self,
                     const char *key)
{
  if (g_str_has_prefix (key, "alerts-"))
    apply_settings (self);
}

static void
csm_alerts_dispose (GObject *object)
{
  CsmAlerts *self = (CsmAlerts *) object;

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->context, self);
      g_signal_handlers_disconnect_by_data (csm_context_get_settings (self->context), self);
    }
  g_clear_object (&self->monitor);
  g_clear_object (&self->engine);
  g_clear_object (&self->tracker);
  g_clear_object (&self->context);
  g_clear_object (&self->last);
  g_clear_pointer (&self->last_id, g_free);

  G_OBJECT_CLASS (csm_alerts_parent_class)->dispose (object);
}

static void
csm_alerts_class_init (CsmAlertsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = csm_alerts_dispose;
}

static void
csm_alerts_init (CsmAlerts *self)
{
  self->tracker = csm_alert_tracker_new ();
}

/**
 * csm_alerts_new:
 * @application: sends the notifications and has the actions they name
 *   (`app.show-ticket`, `app.open-in-rt`, `app.show-sla`)
 */
CsmAlerts *
csm_alerts_new (GApplication *application,
                CsmContext   *context)
{
  CsmAlerts *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CSM_IS_CONTEXT (context), NULL);

  self = g_object_new (CSM_TYPE_ALERTS, NULL);
  self->application = application;
  self->context = g_object_ref (context);
  g_signal_connect_swapped (context, "notify::engine", G_CALLBACK (engine_changed_cb), self);
  g_signal_connect_swapped (csm_context_get_settings (context), "changed",
                            G_CALLBACK (settings_changed_cb), self);
  engine_changed_cb (self);
  return self;
}

CsmAlertTracker *
csm_alerts_get_tracker (CsmAlerts *self)
{
  g_return_val_if_fail (CSM_IS_ALERTS (self), NULL);
  return self->tracker;
}

/**
 * csm_alerts_get_n_sent:
 *
 * Returns: how many notifications went out (for tests)
 */
guint
csm_alerts_get_n_sent (CsmAlerts *self)
{
  g_return_val_if_fail (CSM_IS_ALERTS (self), 0);
  return self->n_sent;
}

/**
 * csm_alerts_get_last:
 *
 * Returns: (transfer none) (nullable): the last notification sent
 */
GNotification *
csm_alerts_get_last (CsmAlerts *self)
{
  g_return_val_if_fail (CSM_IS_ALERTS (self), NULL);
  return self->last;
}

const char *
csm_alerts_get_last_id (CsmAlerts *self)
{
  g_return_val_if_fail (CSM_IS_ALERTS (self), NULL);
  return self->last_id;
}
