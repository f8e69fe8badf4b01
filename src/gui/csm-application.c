/* csm-application.c: the application: command line, actions, windows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-application"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-alerts.h"
#include "csm-training-monitor.h"
#include "csm-application.h"
#include "csm-cli.h"
#include "csm-connection-dialog.h"
#include "csm-preferences-window.h"
#include "csm-quality-page.h"
#include "csm-resources.h"
#include "csm-wallboard-window.h"
#include "csm-window.h"

struct _CsmApplication
{
  AdwApplication parent_instance;

  CsmContext *context;     /* (owned) (nullable): made at startup */
  CsmAlerts *alerts;       /* (owned) (nullable): made at startup */
  CsmTrainingMonitor *training; /* (owned) (nullable): made at startup */
  gboolean wallboard_only;  /* started by --wallboard: no main window */
};

G_DEFINE_FINAL_TYPE (CsmApplication, csm_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "export", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print the helpdesk’s state and exit: queues, tickets, agents, sla, kpis or staffing; or the QA "
       "workspace’s: scorecards, reviews, qa, precision, assignments, consistency, calibration, "
       "calibration-reviewers, disputes, training, training-catalog or training-modules"),
    N_("WHAT") },
  { "session", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("For --export=calibration: only the calibration session NAME"), N_("NAME") },
  { "target", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("For --export=precision: the margin of error wanted, in points (default 5)"), N_("N") },
  { "import", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Store FILE in the QA workspace and exit: scorecard, reviews or training"), N_("WHAT") },
  { "workspace", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The QA workspace: an SQLite file (default: the local one) or a postgresql:// address"),
    N_("PATH|URI") },
  { "workspace-init", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Set up (or migrate) a team’s PostgreSQL workspace, as its admin, and exit"), N_("URI") },
  { "workspace-add-member", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Give NAME (a helpdesk user) a login and a --role in the --workspace, and exit"),
    N_("NAME") },
  { "role", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("For --workspace-add-member: agent, reviewer, lead or admin"), N_("ROLE") },
  { "password-file", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("For --workspace-add-member: the new login’s password, from FILE (mode 600)"),
    N_("FILE") },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE]") },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Export format: json (default) or csv"), N_("FORMAT") },
  { "url", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Helpdesk address for --export"), N_("URL") },
  { "provider", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Helpdesk kind for --export: rt (default)"), N_("KIND") },
  { "token-file", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Read the token from FILE (mode 600) instead of the keyring"), N_("FILE") },
  { "history-days", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("Export tickets changed in the last N days plus every active one (default 90, 0 = all)"),
    N_("N") },
  { "now", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Compute ages at this instant instead of now, for reproducible exports"), N_("TIME") },
  { "from", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("For --export=kpis: the period’s start, a time or a date (midnight here)"), N_("TIME") },
  { "to", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("For --export=kpis: the period’s end (not included)"), N_("TIME") },
  { "group-by", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("For --export=kpis: a row per queue, agent or channel"), N_("GROUP") },
  { "fcr", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("For --export=kpis: first contact resolution by one reply (reply) or no repeat contact "
       "within the repeat window, 7 days unless the preferences say otherwise (repeat)"),
    N_("RULE") },
  { "time", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("For --export=kpis: response and resolution times in calendar or business time"),
    N_("BASIS") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the built-in demo helpdesk: a simulated contact centre"), NULL },
  { "wallboard", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the wallboard full screen, one board per monitor, rotating; Escape leaves"), NULL },
  { "board", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("For --wallboard: show only the board NAME (see the preferences)"), N_("NAME") },
  { "monitor", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("For --wallboard: only on monitor N, counting from 1"), N_("N") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { NULL }
};

static GPtrArray *
wallboard_boards (GSettings *settings)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, "wallboard-boards");
  GPtrArray *boards = csm_wall_boards_from_variant (value);

  /* Every board removed: the overview of everything, not an empty wall. */
  if (boards->len == 0)
    {
      const char *tiles[CSM_WALL_TILE_COUNT + 1] = { NULL };

      for (guint i = 0; i < CSM_WALL_TILE_COUNT; i++)
        tiles[i] = csm_wall_tile_get_id (i);
      g_ptr_array_add (boards, csm_wall_board_new (_("Overview"), tiles, NULL));
    }
  return boards;
}

static int
find_board (GPtrArray  *boards,
            const char *name)
{
  for (guint i = 0; name != NULL && i < boards->len; i++)
    if (g_utf8_collate (((CsmWallBoard *) g_ptr_array_index (boards, i))->name, name) == 0)
      return (int) i;
  return -1;
}

/* --board names a board of the settings; --monitor is 1 or more. */
static gboolean
wallboard_options_valid (const char *board,
                         int         monitor)
{
  if (monitor < 0)
    {
      g_printerr (_("csm-console: --monitor counts from 1\n"));
      return FALSE;
    }
  if (board != NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autoptr(GPtrArray) boards = wallboard_boards (settings);

      if (find_board (boards, board) < 0)
        {
          g_autoptr(GString) names = g_string_new (NULL);

          for (guint i = 0; i < boards->len; i++)
            g_string_append_printf (names, "%s“%s”", i ? ", " : "",
                                    ((CsmWallBoard *) g_ptr_array_index (boards, i))->name);
          g_printerr (_("csm-console: there is no board “%s”; the boards are %s\n"), board,
                      names->str);
          return FALSE;
        }
    }
  return TRUE;
}

static int
csm_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  const char *export_what = NULL;
  const char *format = NULL;
  const char *url = NULL;
  const char *provider = NULL;
  const char *token_file = NULL;
  const char *now = NULL;
  const char *from = NULL;
  const char *to = NULL;
  const char *group_by = NULL;
  const char *fcr = NULL;
  const char *time_basis = NULL;
  const char *import_what = NULL;
  const char *workspace = NULL;
  const char *workspace_init = NULL;
  const char *add_member = NULL;
  const char *role = NULL;
  const char *password_file = NULL;
  const char *session = NULL;
  const char *target = NULL;
  g_autofree const char **files = NULL;
  int history_days = -1;
  const char *board = NULL;
  int monitor = 0;
  gboolean wallboard = g_variant_dict_contains (options, "wallboard");

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, "export", "&s", &export_what);
  g_variant_dict_lookup (options, "format", "&s", &format);
  g_variant_dict_lookup (options, "url", "&s", &url);
  g_variant_dict_lookup (options, "provider", "&s", &provider);
  g_variant_dict_lookup (options, "token-file", "^&ay", &token_file);
  g_variant_dict_lookup (options, "history-days", "i", &history_days);
  g_variant_dict_lookup (options, "now", "&s", &now);
  g_variant_dict_lookup (options, "from", "&s", &from);
  g_variant_dict_lookup (options, "to", "&s", &to);
  g_variant_dict_lookup (options, "group-by", "&s", &group_by);
  g_variant_dict_lookup (options, "fcr", "&s", &fcr);
  g_variant_dict_lookup (options, "time", "&s", &time_basis);
  g_variant_dict_lookup (options, "import", "&s", &import_what);
  g_variant_dict_lookup (options, "workspace", "&s", &workspace);
  g_variant_dict_lookup (options, "workspace-init", "&s", &workspace_init);
  g_variant_dict_lookup (options, "workspace-add-member", "&s", &add_member);
  g_variant_dict_lookup (options, "role", "&s", &role);
  g_variant_dict_lookup (options, "password-file", "^&ay", &password_file);
  g_variant_dict_lookup (options, "session", "&s", &session);
  g_variant_dict_lookup (options, "target", "&s", &target);
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);
  g_variant_dict_lookup (options, "board", "&s", &board);
  g_variant_dict_lookup (options, "monitor", "i", &monitor);

  /* The QA workspace's import and export: no display, no bus either. */
  if (import_what != NULL || workspace != NULL || workspace_init != NULL || add_member != NULL ||
      role != NULL || password_file != NULL || session != NULL || target != NULL ||
      (export_what != NULL && (g_str_equal (export_what, "scorecards") ||
                               g_str_equal (export_what, "reviews") ||
                               g_str_equal (export_what, "qa") ||
                               g_str_equal (export_what, "precision") ||
                               g_str_equal (export_what, "assignments") ||
                               g_str_equal (export_what, "consistency") ||
                               g_str_equal (export_what, "training") ||
                               g_str_equal (export_what, "training-catalog") ||
                               g_str_equal (export_what, "training-modules") ||
                               g_str_equal (export_what, "calibration") ||
                               g_str_equal (export_what, "calibration-reviewers") ||
                               g_str_equal (export_what, "disputes"))))
    {
      CsmCliQaOptions qa = {
        .workspace = workspace,
        .import_what = import_what,
        .export_what = export_what,
        .session = session,
        .target = target,
        .now = now,
        .file = files != NULL ? files[0] : NULL,
        .format = format,
        .group_by = group_by,
        .from = from,
        .to = to,
        .url = url,
        .provider = provider,
        .token_file = token_file,
        .init = workspace_init,
        .add_member = add_member,
        .role = role,
        .password_file = password_file,
      };

      if (files != NULL && (import_what == NULL || files[1] != NULL))
        {
          g_printerr (_("csm-console: only --import reads a file, and one\n"));
          return 2;
        }
      if (import_what == NULL && export_what == NULL && workspace_init == NULL &&
          add_member == NULL)
        {
          g_printerr (_("csm-console: --workspace goes with --import, --export, "
                        "--workspace-init or --workspace-add-member\n"));
          return 2;
        }
      return csm_cli_run_qa (&qa);
    }
  if (files != NULL)
    {
      g_printerr (_("csm-console: only --import reads a file\n"));
      return 2;
    }

  if (export_what != NULL && (wallboard || board != NULL || monitor != 0))
    {
      g_printerr (_("csm-console: --export and --wallboard go alone\n"));
      return 2;
    }
  /* The export never registers on the bus or opens a display: it must
   * work from cron on a machine without a session. */
  if (export_what != NULL)
    {
      CsmCliExportOptions export = {
        .export_what = export_what,
        .format = format,
        .url = url,
        .provider = provider,
        .token_file = token_file,
        .history_days = history_days,
        .now = now,
        .from = from,
        .to = to,
        .group_by = group_by,
        .fcr = fcr,
        .time = time_basis,
      };
      return csm_cli_run_export (&export);
    }
  if (format || url || provider || token_file || now || from || to || group_by || fcr ||
      time_basis || history_days != -1)
    {
      g_printerr (_("csm-console: --format, --url, --provider, --token-file, --now, --from, --to, "
                    "--group-by, --fcr, --time and --history-days go with --export\n"));
      return 2;
    }
  if ((board != NULL || monitor != 0) && !wallboard)
    {
      g_printerr (_("csm-console: --board and --monitor go with --wallboard\n"));
      return 2;
    }
  if (wallboard && !wallboard_options_valid (board, monitor))
    return 2;
  if (g_variant_dict_contains (options, "demo") || wallboard)
    {
      g_autoptr(GError) error = NULL;

      /* Registering starts up the primary instance (or finds the running
       * one); the actions then run there. */
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("csm-console: %s\n", error->message);
          return 1;
        }
      if (g_variant_dict_contains (options, "demo"))
        g_action_group_activate_action (G_ACTION_GROUP (app), "demo", NULL);
    }
  if (wallboard)
    {
      g_action_group_activate_action (G_ACTION_GROUP (app), "wallboard",
                                      g_variant_new ("(si)", board ? board : "", monitor));
      /* The running console shows it; this one has nothing more to do. */
      if (g_application_get_is_remote (app))
        return 0;
      CSM_APPLICATION (app)->wallboard_only = TRUE;
    }


  return -1;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Close windows (which saves their state) rather than exit abruptly. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "CSM Console developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("CSM Console"),
                        "application-icon", APP_ID,
                        "developer-name", _("CSM Console developers"),
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_WEBSITE,
                        "comments", _("Live queues, SLA deadlines and data you can trust, for "
                                      "supervisors of customer-service teams."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CsmApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  CsmPreferencesWindow *prefs = csm_preferences_window_new (self->context);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
connect_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CsmApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  CsmConnectionDialog *dialog = csm_connection_dialog_new (self->context);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
demo_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CsmApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!csm_context_start_demo_finish (CSM_CONTEXT (object), result, &error))
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
      g_autofree char *text = g_strdup_printf (_("The demo could not start: %s"), error->message);

      if (CSM_IS_WINDOW (window))
        csm_window_show_toast (CSM_WINDOW (window), text);
      else
        g_warning ("%s", text);
    }
}

static void
demo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  CsmApplication *self = user_data;

  /* A new contact centre each time, a minute of its day every second. */
  csm_context_start_demo_async (self->context, g_random_int (), 60.0, 0, NULL, demo_started_cb,
                                g_object_ref (self));
}

static CsmWindow *
present_window (CsmApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!CSM_IS_WINDOW (window))
    window = GTK_WINDOW (csm_window_new (self, self->context));
  gtk_window_present (window);
  return CSM_WINDOW (window);
}

static void
show_ticket_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  csm_window_show_ticket (present_window (user_data), g_variant_get_int64 (parameter));
}

static void
show_sla_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  csm_window_show_page (present_window (user_data), "sla");
}

static void
show_disputes_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  CsmWindow *window = present_window (user_data);

  csm_window_show_page (window, "quality");
  csm_quality_page_show_view (CSM_QUALITY_PAGE (csm_window_get_quality_page (window)),
                              "disputes");
}

static void
show_training_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  CsmWindow *window = present_window (user_data);

  csm_window_show_page (window, "quality");
  csm_quality_page_show_view (CSM_QUALITY_PAGE (csm_window_get_quality_page (window)),
                              "training");
}

static void
open_in_rt_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  CsmApplication *self = user_data;
  CsmAccount *account = csm_context_get_account (self->context);
  g_autofree char *uri = NULL;

  if (account == NULL)
    return;
  uri = csm_account_dup_web_url (account, g_variant_get_int64 (parameter));
  gtk_show_uri (gtk_application_get_active_window (GTK_APPLICATION (self)), uri, GDK_CURRENT_TIME);
}

static void
leave_wallboard_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  for (GList *l = windows; l != NULL; l = l->next)
    if (CSM_IS_WALLBOARD_WINDOW (l->data))
      gtk_window_destroy (l->data);
  g_list_free (windows);
}

static void
wallboard_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  CsmApplication *self = user_data;
  g_autoptr(GPtrArray) boards = wallboard_boards (csm_context_get_settings (self->context));
  g_autoptr(GPtrArray) windows = NULL;
  const char *name;
  gint32 monitor;
  int board;

  g_variant_get (parameter, "(&si)", &name, &monitor);
  board = find_board (boards, *name ? name : NULL);
  if (*name && board < 0)
    g_warning ("There is no wallboard “%s”: showing them all", name);
  leave_wallboard_action (NULL, NULL, self);
  windows = csm_wallboard_window_open (GTK_APPLICATION (self), self->context, boards, board,
                                       monitor, gdk_display_get_monitors (gdk_display_get_default ()));
}

static const GActionEntry app_actions[] = {
  { "wallboard", wallboard_action, "(si)" },
  { "leave-wallboard", leave_wallboard_action },
  { "show-ticket", show_ticket_action, "x" },
  { "show-sla", show_sla_action },
  { "show-disputes", show_disputes_action },
  { "show-training", show_training_action },
  { "open-in-rt", open_in_rt_action, "x" },
  { "demo", demo_action },
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "connect", connect_action },
};

static void
csm_application_startup (GApplication *app)
{
  CsmApplication *self = CSM_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *refresh_accels[] = { "<Control>r", "F5", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(CsmClock) clock = NULL;
  g_autoptr(CsmAccount) account = NULL;

  G_APPLICATION_CLASS (csm_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.refresh", refresh_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.search", search_accels);

  settings = g_settings_new (APP_ID);
  clock = csm_clock_new_system ();
  self->context = csm_context_new (settings, clock);
  self->alerts = csm_alerts_new (app, self->context);
  self->training = csm_training_monitor_new (app, self->context);

  account = csm_context_load_account_from_settings (self->context);
  if (account != NULL)
    csm_context_set_account (self->context, account, NULL);
}

static void
csm_application_activate (GApplication *app)
{
  CsmApplication *self = CSM_APPLICATION (app);

  /* Started as a wallboard: the wall needs no console window. */
  if (self->wallboard_only)
    {
      self->wallboard_only = FALSE;
      return;
    }
  present_window (self);
}

static void
shutdown_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GMainLoop *loop = user_data;
  g_autoptr(GError) error = NULL;

  if (!csm_context_shutdown_finish (CSM_CONTEXT (object), result, &error))
    g_warning ("Closing the cache: %s", error->message);
  g_main_loop_quit (loop);
}

static void
csm_application_shutdown (GApplication *app)
{
  CsmApplication *self = CSM_APPLICATION (app);

  /* Let the cache's pending writes land and mark it closed cleanly; this
   * is the one place the app waits, and only at exit. */
  if (self->context != NULL)
    {
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

      csm_context_shutdown_async (self->context, NULL, shutdown_done_cb, loop);
      g_main_loop_run (loop);
    }

  G_APPLICATION_CLASS (csm_application_parent_class)->shutdown (app);
}

static void
csm_application_dispose (GObject *object)
{
  CsmApplication *self = (CsmApplication *) object;

  g_clear_object (&self->alerts);
  g_clear_object (&self->training);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (csm_application_parent_class)->dispose (object);
}

static void
csm_application_class_init (CsmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = csm_application_dispose;
  app_class->handle_local_options = csm_application_handle_local_options;
  app_class->startup = csm_application_startup;
  app_class->activate = csm_application_activate;
  app_class->shutdown = csm_application_shutdown;
}

static void
csm_application_init (CsmApplication *self)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      csm_register_resource ();
      g_once_init_leave (&registered, 1);
    }

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("A live supervisor console for helpdesks."));
}

CsmApplication *
csm_application_new (void)
{
  return g_object_new (CSM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * csm_application_get_context:
 *
 * Returns: (transfer none): the context shared by the windows
 */
CsmContext *
csm_application_get_context (CsmApplication *self)
{
  g_return_val_if_fail (CSM_IS_APPLICATION (self), NULL);
  return self->context;
}
