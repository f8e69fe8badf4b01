/* csm-training-monitor.c: the training rules applied while the console runs, and a lead's one summary a day of what became overdue, without a window.
 *
 * When the console starts, when its account changes (or the demo starts)
 * and every hour, it opens the QA workspace as the person
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
  struct _Pass *pass;          /* (nullable): the pass under way */
  guint source;
  guint idle;
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

/* One pass: what it has read so far. A pass the monitor has given up on
 * (another account, or the monitor going) finishes on its own and touches
 * nothing of the next. */
typedef struct _Pass
{
  CsmTrainingMonitor *monitor;  /* (owned) */
  GCancellable *cancellable;    /* (owned) */
  CsmWorkspace *workspace;      /* (owned) (nullable) */
  CsmTrainingCatalog *catalog;  /* (owned) (nullable) */
  GPtrArray *reviews;           /* (owned) (nullable) */
  gint64 now;
  gboolean demo;
} Pass;

static void
pass_free (Pass *pass)
{
  g_object_unref (pass->monitor);
  g_object_unref (pass->cancellable);
  g_clear_object (&pass->workspace);
  g_clear_pointer (&pass->catalog, csm_training_catalog_free);
  g_clear_pointer (&pass->reviews, g_ptr_array_unref);
  g_free (pass);
}

/* Whether @pass is given up on (its results are dropped). */
static gboolean
gone (Pass *pass)
{
  if (pass->monitor->pass == pass && !g_cancellable_is_cancelled (pass->cancellable))
    return FALSE;
  pass_free (pass);
  return TRUE;
}

static void
finish (Pass         *pass,
        const GError *error)
{
  CsmTrainingMonitor *self = pass->monitor;

  self->pass = NULL;
  self->n_runs++;
  g_free (self->error);
  self->error = error != NULL ? g_strdup (error->message) : NULL;
  if (error != NULL)
    g_debug ("training: %s", error->message);
  pass_free (pass);
}

/* A lead's summary of what became overdue since the last, once a day. The
 * demo's made-up world is never summarised: its clock runs fast. */
static void
summarise (Pass      *pass,
           GPtrArray *assignments)
{
  CsmTrainingMonitor *self = pass->monitor;
  GSettings *settings = csm_context_get_settings (self->context);
  gint64 last = settings != NULL ? g_settings_get_int64 (settings, "training-overdue-summary")
                                 : 0;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GPtrArray) overdue = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  if (pass->demo ||
      !(csm_workspace_get_permissions (pass->workspace) & CSM_WORKSPACE_ASSIGNS))
    return;
  /* A summary "later" than now was another clock's: as if there was none. */
  if (last > pass->now)
    last = 0;
  if (!csm_training_summary_due (last, pass->now, local))
    return;
  overdue = csm_training_newly_overdue (assignments, last, pass->now);
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
    g_settings_set_int64 (settings, "training-overdue-summary", pass->now);
  g_free (self->notified);
  self->notified = g_steal_pointer (&title);
}

static void
listed_again_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Pass *pass = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assignments = csm_workspace_list_training_finish (CSM_WORKSPACE (object),
                                                                         result, &error);

  if (gone (pass))
    return;
  if (assignments != NULL)
    summarise (pass, assignments);
  finish (pass, error);
}

static void
list_again (Pass *pass)
{
  csm_workspace_list_training_async (pass->workspace, pass->cancellable, listed_again_cb, pass);
}

static void
assigned_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Pass *pass = user_data;
  g_autoptr(GError) error = NULL;
  guint added = 0;
  gboolean stored = csm_workspace_assign_training_finish (CSM_WORKSPACE (object), result,
                                                          &added, &error);

  if (gone (pass))
    return;
  if (!stored)
    {
      finish (pass, error);
      return;
    }
  pass->monitor->assigned += added;
  list_again (pass);
}

typedef struct
{
  CsmTrainingCatalog *catalog;  /* (unowned): the pass's, which outlives the job */
  GPtrArray *reviews;           /* (owned) */
  GPtrArray *assignments;       /* (owned) */
  gint64 now;
} Judging;

static void
judging_free (Judging *judging)
{
  g_ptr_array_unref (judging->reviews);
  g_ptr_array_unref (judging->assignments);
  g_free (judging);
}

/* The rules judge every review: off the main loop. */
static void
judge_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Judging *judging = data;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  g_task_return_pointer (task, csm_training_rules_evaluate (judging->catalog, judging->reviews,
                                                            judging->assignments, judging->now,
                                                            local),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
judged_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Pass *pass = user_data;
  Judging *judging = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) made = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GPtrArray) assignments = g_ptr_array_ref (judging->assignments);

  if (gone (pass))
    return;
  if (made == NULL || made->len == 0)
    {
      summarise (pass, assignments);
      finish (pass, NULL);
      return;
    }
  csm_workspace_assign_training_async (pass->workspace, made, pass->cancellable, assigned_cb,
                                       pass);
}

static void
assignments_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Pass *pass = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *assignments = csm_workspace_list_training_finish (CSM_WORKSPACE (object), result,
                                                               &error);
  g_autoptr(GTask) task = NULL;
  Judging *judging;

  if (gone (pass))
    {
      g_clear_pointer (&assignments, g_ptr_array_unref);
      return;
    }
  if (assignments == NULL)
    {
      finish (pass, error);
      return;
    }
  judging = g_new0 (Judging, 1);
  judging->catalog = pass->catalog;
  judging->reviews = g_ptr_array_ref (pass->reviews);
  judging->assignments = assignments;
  judging->now = pass->now;
  task = g_task_new (NULL, NULL, judged_cb, pass);
  g_task_set_task_data (task, judging, (GDestroyNotify) judging_free);
  g_task_run_in_thread (task, judge_thread);
}

static void
reviews_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Pass *pass = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *reviews = csm_workspace_list_reviews_finish (CSM_WORKSPACE (object), result, &error);

  if (gone (pass))
    {
      g_clear_pointer (&reviews, g_ptr_array_unref);
      return;
    }
  if (reviews == NULL)
    {
      finish (pass, error);
      return;
    }
  pass->reviews = reviews;
  csm_workspace_list_training_async (pass->workspace, pass->cancellable, assignments_cb, pass);
}

static void
catalog_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Pass *pass = user_data;
  g_autoptr(GError) error = NULL;
  CsmTrainingCatalog *catalog = csm_workspace_get_training_finish (CSM_WORKSPACE (object),
                                                                   result, &error);

  if (gone (pass))
    {
      g_clear_pointer (&catalog, csm_training_catalog_free);
      return;
    }
  if (catalog == NULL)
    {
      finish (pass, error);
      return;
    }
  pass->catalog = catalog;
  /* Rules judge on every review: only a console that reads them all. */
  if (catalog->rules->len == 0 ||
      !(csm_workspace_get_permissions (pass->workspace) & CSM_WORKSPACE_READS_ALL))
    {
      list_again (pass);
      return;
    }
  csm_workspace_list_reviews_async (pass->workspace, pass->cancellable, reviews_cb, pass);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Pass *pass = user_data;
  g_autoptr(GError) error = NULL;
  CsmWorkspace *workspace = csm_workspace_login_finish (result, &error);

  if (gone (pass))
    {
      g_clear_object (&workspace);
      return;
    }
  if (workspace == NULL)
    {
      finish (pass, error);
      return;
    }
  pass->workspace = workspace;
  csm_workspace_get_training_async (workspace, pass->cancellable, catalog_cb, pass);
}

/**
 * csm_training_monitor_run:
 *
 * Starts a pass now, unless one is under way. This computer's own
 * workspace is not made by it: without one, there is nothing to do.
 */
void
csm_training_monitor_run (CsmTrainingMonitor *self)
{
  g_autofree char *location = NULL;
  Pass *pass;

  g_return_if_fail (CSM_IS_TRAINING_MONITOR (self));

  if (self->pass != NULL)
    return;
  location = csm_context_dup_qa_workspace (self->context);
  if (!csm_db_is_postgresql_uri (location) && !g_file_test (location, G_FILE_TEST_EXISTS))
    return;
  pass = g_new0 (Pass, 1);
  pass->monitor = g_object_ref (self);
  pass->cancellable = g_cancellable_new ();
  pass->now = csm_clock_get_now (csm_context_get_clock (self->context));
  pass->demo = csm_context_get_demo_running (self->context);
  self->pass = pass;
  csm_workspace_login_async (location, csm_context_get_person (self->context), NULL,
                             pass->cancellable, opened_cb, pass);
}

/* Gives up on the pass under way: its results are dropped. */
static void
give_up (CsmTrainingMonitor *self)
{
  if (self->pass == NULL)
    return;
  g_cancellable_cancel (self->pass->cancellable);
  self->pass = NULL;
}

static gboolean
timeout_cb (gpointer user_data)
{
  csm_training_monitor_run (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
idle_cb (gpointer user_data)
{
  CsmTrainingMonitor *self = user_data;

  self->idle = 0;
  csm_training_monitor_run (self);
  return G_SOURCE_REMOVE;
}

/* Another account (or the demo) is another person or workspace: a pass,
 * once the context has settled (the demo sets its account, then itself). */
static void
account_changed_cb (CsmContext         *context,
                    GParamSpec         *pspec,
                    CsmTrainingMonitor *self)
{
  give_up (self);
  if (self->idle == 0)
    self->idle = g_idle_add (idle_cb, self);
}

static void
csm_training_monitor_dispose (GObject *object)
{
  CsmTrainingMonitor *self = CSM_TRAINING_MONITOR (object);

  give_up (self);
  g_clear_handle_id (&self->source, g_source_remove);
  g_clear_handle_id (&self->idle, g_source_remove);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (csm_training_monitor_parent_class)->dispose (object);
}

static void
csm_training_monitor_finalize (GObject *object)
{
  CsmTrainingMonitor *self = CSM_TRAINING_MONITOR (object);

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
}

/**
 * csm_training_monitor_new:
 * @application: (nullable): what sends the notifications
 *
 * A pass runs now, when the account changes (or the demo starts), and
 * every hour.
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
