/* csm-training-monitor.c: the training rules applied while the console runs, and a lead's one summary a day of what became overdue, without a window.
 *
 * When the console starts (once a helpdesk account is set, or the demo
 * runs) and every hour after, it opens the QA workspace as the person
 * (csm_workspace_login_async ()), and:
 *   - for someone who reads every review (a reviewer, a lead, an admin),
 *     judges the catalog's rules at the clock's now and stores what they
 *     assign;
 *   - for a lead or an admin, sends one desktop notification a day of the
 *     assignments that became overdue since the last (the setting
 *     training-overdue-summary, which the Training view also keeps).
 * The Quality page's Training view does the same whenever it reads the
 * reviews again; the database stores an assignment once, however many
 * consoles make it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-training-monitor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-training-monitor.h"
#include "csm-workspace-login.h"

#define EVERY_SECONDS 3600

struct _CsmTrainingMonitor
{
  GObject parent_instance;

  GApplication *application;   /* (unowned): it owns us */
  CsmContext *context;         /* (owned) */
  GCancellable *cancellable;   /* (owned): the pass under way */
  CsmWorkspace *workspace;     /* (owned) (nullable): while a pass runs */
  CsmTrainingCatalog *catalog; /* (owned) (nullable) */
  GPtrArray *reviews;          /* (owned) (nullable) */
  guint source;
  gboolean running;
  guint n_runs;
  guint assigned;
  guint n_sent;
  char *notified;
  char *error;
};

G_DEFINE_FINAL_TYPE (CsmTrainingMonitor, csm_training_monitor, G_TYPE_OBJECT)

enum {
  SUMMARY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
finish (CsmTrainingMonitor *self,
        const GError       *error)
{
  self->running = FALSE;
  self->n_runs++;
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->catalog, csm_training_catalog_free);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_free (self->error);
  self->error = error != NULL ? g_strdup (error->message) : NULL;
  if (error != NULL)
    g_debug ("training: %s", error->message);
}

static gboolean
cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A lead's summary of what became overdue since the last, once a day. */
static void
summarise (CsmTrainingMonitor *self,
           GPtrArray          *assignments)
{
  GSettings *settings = csm_context_get_settings (self->context);
  gint64 now = csm_clock_get_now (csm_context_get_clock (self->context));
  gint64 last = settings != NULL ? g_settings_get_int64 (settings, "training-overdue-summary")
                                 : 0;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GPtrArray) overdue = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  if (!(csm_workspace_get_permissions (self->workspace) & CSM_WORKSPACE_ASSIGNS) ||
      !csm_training_summary_due (last, now, local))
    return;
  overdue = csm_training_newly_overdue (assignments, last, now);
  if (overdue->len == 0)
    return;
  csm_training_overdue_text (overdue, local, &title, &body);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.show-training");
  if (self->application != NULL && g_application_get_is_registered (self->application))
    g_application_send_notification (self->application, "csm-training-overdue", notification);
  self->n_sent++;
  g_signal_emit (self, signals[SUMMARY], 0, title, body);
  if (settings != NULL)
    g_settings_set_int64 (settings, "training-overdue-summary", now);
  g_free (self->notified);
  self->notified = g_steal_pointer (&title);
}

static void
listed_again_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CsmTrainingMonitor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assignments = csm_workspace_list_training_finish (CSM_WORKSPACE (object),
                                                                         result, &error);

  if (cancelled (error))
    return;
  if (assignments != NULL)
    summarise (self, assignments);
  finish (self, error);
}

static void
list_again (CsmTrainingMonitor *self)
{
  csm_workspace_list_training_async (self->workspace, self->cancellable, listed_again_cb,
                                     g_object_ref (self));
}

static void
assigned_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CsmTrainingMonitor) self = user_data;
  g_autoptr(GError) error = NULL;
  guint added = 0;

  if (!csm_workspace_assign_training_finish (CSM_WORKSPACE (object), result, &added, &error))
    {
      if (!cancelled (error))
        finish (self, error);
      return;
    }
  self->assigned += added;
  list_again (self);
}

static void
assignments_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CsmTrainingMonitor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assignments = csm_workspace_list_training_finish (CSM_WORKSPACE (object),
                                                                         result, &error);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GPtrArray) made = NULL;

  if (assignments == NULL)
    {
      if (!cancelled (error))
        finish (self, error);
      return;
    }
  /* A pass is small next to reading the reviews: judged here. */
  made = csm_training_rules_evaluate (self->catalog, self->reviews, assignments,
                                      csm_clock_get_now (csm_context_get_clock (self->context)),
                                      local);
  if (made->len == 0)
    {
      summarise (self, assignments);
      finish (self, NULL);
      return;
    }
  csm_workspace_assign_training_async (self->workspace, made, self->cancellable, assigned_cb,
                                       g_object_ref (self));
}

static void
reviews_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CsmTrainingMonitor) self = user_data;
  g_autoptr(GError) error = NULL;

  self->reviews = csm_workspace_list_reviews_finish (CSM_WORKSPACE (object), result, &error);
  if (self->reviews == NULL)
    {
      if (!cancelled (error))
        finish (self, error);
      return;
    }
  csm_workspace_list_training_async (self->workspace, self->cancellable, assignments_cb,
                                     g_object_ref (self));
}

static void
catalog_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CsmTrainingMonitor) self = user_data;
  g_autoptr(GError) error = NULL;

  self->catalog = csm_workspace_get_training_finish (CSM_WORKSPACE (object), result, &error);
  if (self->catalog == NULL)
    {
      if (!cancelled (error))
        finish (self, error);
      return;
    }
  /* Rules judge on every review: only a console that reads them all. */
  if (self->catalog->rules->len == 0 ||
      !(csm_workspace_get_permissions (self->workspace) & CSM_WORKSPACE_READS_ALL))
    {
      list_again (self);
      return;
    }
  csm_workspace_list_reviews_async (self->workspace, self->cancellable, reviews_cb,
                                    g_object_ref (self));
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CsmTrainingMonitor) self = user_data;
  g_autoptr(GError) error = NULL;

  self->workspace = csm_workspace_login_finish (result, &error);
  if (self->workspace == NULL)
    {
      if (!cancelled (error))
        finish (self, error);
      return;
    }
  csm_workspace_get_training_async (self->workspace, self->cancellable, catalog_cb,
                                    g_object_ref (self));
}

/**
 * csm_training_monitor_run:
 *
 * Starts a pass now, unless one is under way.
 */
void
csm_training_monitor_run (CsmTrainingMonitor *self)
{
  g_autofree char *location = NULL;

  g_return_if_fail (CSM_IS_TRAINING_MONITOR (self));

  if (self->running)
    return;
  location = csm_context_dup_qa_workspace (self->context);
  /* This computer's own workspace is made on first use, not by this. */
  if (!csm_db_is_postgresql_uri (location) && !g_file_test (location, G_FILE_TEST_EXISTS))
    return;
  self->running = TRUE;
  csm_workspace_login_async (location, csm_context_get_person (self->context), NULL,
                             self->cancellable, opened_cb, g_object_ref (self));
}

static gboolean
timeout_cb (gpointer user_data)
{
  csm_training_monitor_run (user_data);
  return G_SOURCE_CONTINUE;
}

/* A new account (or the demo) is another person or workspace: a pass. */
static void
account_changed_cb (CsmContext         *context,
                    GParamSpec         *pspec,
                    CsmTrainingMonitor *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = FALSE;
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->catalog, csm_training_catalog_free);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  if (csm_context_get_account (context) != NULL || csm_context_get_demo_running (context))
    csm_training_monitor_run (self);
}

static void
csm_training_monitor_dispose (GObject *object)
{
  CsmTrainingMonitor *self = CSM_TRAINING_MONITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->source, g_source_remove);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->workspace);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (csm_training_monitor_parent_class)->dispose (object);
}

static void
csm_training_monitor_finalize (GObject *object)
{
  CsmTrainingMonitor *self = CSM_TRAINING_MONITOR (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->catalog, csm_training_catalog_free);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_free (self->notified);
  g_free (self->error);
  G_OBJECT_CLASS (csm_training_monitor_parent_class)->finalize (object);
}

static void
csm_training_monitor_class_init (CsmTrainingMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = csm_training_monitor_dispose;
  object_class->finalize = csm_training_monitor_finalize;

  /**
   * CsmTrainingMonitor::summary:
   * @title: the notification's title
   * @body: its text
   *
   * A lead's daily summary of overdue assignments, as it is sent.
   */
  signals[SUMMARY] = g_signal_new ("summary", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                   G_TYPE_STRING);
}

static void
csm_training_monitor_init (CsmTrainingMonitor *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * csm_training_monitor_new:
 * @application: (nullable): what sends the notifications
 *
 * A pass runs when an account is set (or the demo starts), and every hour.
 */
CsmTrainingMonitor *
csm_training_monitor_new (GApplication *application,
                          CsmContext   *context)
{
  CsmTrainingMonitor *self = g_object_new (CSM_TYPE_TRAINING_MONITOR, NULL);

  self->application = application;
  self->context = g_object_ref (context);
  g_signal_connect (context, "notify::account", G_CALLBACK (account_changed_cb), self);
  self->source = g_timeout_add_seconds (EVERY_SECONDS, timeout_cb, self);
  if (csm_context_get_account (context) != NULL || csm_context_get_demo_running (context))
    csm_training_monitor_run (self);
  return self;
}

guint
csm_training_monitor_get_n_runs (CsmTrainingMonitor *self)
{
  g_return_val_if_fail (CSM_IS_TRAINING_MONITOR (self), 0);
  return self->n_runs;
}

/**
 * csm_training_monitor_get_assigned:
 *
 * Returns: how many assignments its passes have stored
 */
guint
csm_training_monitor_get_assigned (CsmTrainingMonitor *self)
{
  g_return_val_if_fail (CSM_IS_TRAINING_MONITOR (self), 0);
  return self->assigned;
}

/**
 * csm_training_monitor_get_n_sent:
 *
 * Returns: how many summaries it has sent
 */
guint
csm_training_monitor_get_n_sent (CsmTrainingMonitor *self)
{
  g_return_val_if_fail (CSM_IS_TRAINING_MONITOR (self), 0);
  return self->n_sent;
}

/**
 * csm_training_monitor_get_notified:
 *
 * Returns: (nullable): the title of the latest summary sent
 */
const char *
csm_training_monitor_get_notified (CsmTrainingMonitor *self)
{
  g_return_val_if_fail (CSM_IS_TRAINING_MONITOR (self), NULL);
  return self->notified;
}

/**
 * csm_training_monitor_get_error:
 *
 * Returns: (nullable): why the last pass failed
 */
const char *
csm_training_monitor_get_error (CsmTrainingMonitor *self)
{
  g_return_val_if_fail (CSM_IS_TRAINING_MONITOR (self), NULL);
  return self->error;
}
