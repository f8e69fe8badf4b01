/* test-wallboard.c: the wallboard full screen on a simulated contact centre: its figures, rotation, the helpdesk going away and coming back, two monitors, and how it reads from across the room.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <X11/Xlib.h>

#include "csm-agent-stats.h"
#include "csm-alerts.h"
#include "csm-context.h"
#include "csm-kpi.h"
#include "csm-monitor-settings.h"
#include "csm-queue.h"
#include "csm-resources.h"
#include "csm-sim-model.h"
#include "csm-sim-server.h"
#include "csm-sim-world.h"
#include "csm-test-async.h"
#include "csm-test-gui.h"
#include "csm-test-helpdesk.h"
#include "csm-ticket.h"
#include "csm-ticket-list.h"
#include "csm-wall-tile.h"
#include "csm-wallboard-window.h"

#define TOKEN "1-1-00112233445566778899aabbccddeeff"

typedef struct
{
  CsmTestHelpdesk *desk;
  GSettings *settings;
  CsmClock *clock;
  CsmContext *context;
  GPtrArray *boards;
  GPtrArray *windows;
  char *data_home;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  CsmSimConfig config = { .seed = 5, .n_agents = 24, .target_tickets = 1500, .history_days = 21 };
  g_autoptr(CsmAccount) account = NULL;
  g_autoptr(GVariant) boards = NULL;

  f->data_home = g_dir_make_tmp ("csm-wallboard-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", f->data_home, TRUE);
  f->desk = csm_test_helpdesk_generate (&config, CSM_SIM_REFERENCE_NOW, TOKEN);

  f->settings = g_settings_new (APP_ID);
  g_settings_set_uint (f->settings, "refresh-interval", 5);
  f->clock = csm_clock_new_fixed (CSM_SIM_REFERENCE_NOW);
  f->context = csm_context_new (f->settings, f->clock);
  account = csm_account_new ("rt", csm_test_helpdesk_get_url (f->desk), CSM_AUTH_TOKEN, NULL);
  csm_context_set_account (f->context, account, TOKEN);
  boards = g_settings_get_value (f->settings, "wallboard-boards");
  f->boards = csm_wall_boards_from_variant (boards);
  f->windows = g_ptr_array_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < f->windows->len; i++)
    gtk_window_destroy (g_ptr_array_index (f->windows, i));
  g_ptr_array_unref (f->windows);
  g_ptr_array_unref (f->boards);
  csm_context_set_account (f->context, NULL, NULL);
  g_clear_object (&f->context);
  g_clear_object (&f->clock);
  g_settings_reset (f->settings, "refresh-interval");
  g_settings_reset (f->settings, "wallboard-rotate-seconds");
  g_clear_object (&f->settings);
  g_clear_pointer (&f->desk, csm_test_helpdesk_stop);
  csm_test_drain ();
  g_free (f->data_home);
}

typedef struct
{
  Fixture *f;
  CsmWallboardWindow *window;
} Wait;

static gboolean
ready (gpointer data)
{
  Wait *w = data;
  CsmSyncEngine *engine = csm_context_get_engine (w->f->context);

  return engine != NULL && csm_sync_engine_get_state (engine) == CSM_SYNC_STATE_ONLINE &&
         csm_agent_monitor_get_loaded (csm_context_get_agent_monitor (w->f->context)) &&
         csm_sla_monitor_get_computed_at (csm_context_get_sla_monitor (w->f->context)) > 0 &&
         csm_wallboard_window_get_today_ready (w->window);
}

static CsmWallboardWindow *
open_one (Fixture *f,
          int      board)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GPtrArray) opened = csm_wallboard_window_open (NULL, f->context, f->boards, board, 1,
                                                           monitors);
  Wait w = { f, NULL };

  g_assert_cmpuint (opened->len, ==, 1);
  w.window = g_ptr_array_index (opened, 0);
  g_ptr_array_add (f->windows, w.window);
  g_assert_true (csm_test_wait_until (ready, &w, 30000));
  return w.window;
}

static const CsmWallTile *
tile_titled (CsmWallboardWindow *window,
             const char         *title)
{
  GPtrArray *tiles = csm_wallboard_window_get_tiles (window);

  for (guint i = 0; i < tiles->len; i++)
    {
      const CsmWallTile *t = g_ptr_array_index (tiles, i);

      if (g_strcmp0 (t->title, title) == 0)
        return t;
    }
  g_test_fail_printf ("no tile “%s”", title);
  return NULL;
}

static GtkEventController *
find_controller (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (c), name) == 0)
        return c;
    }
  return NULL;
}

static void
assert_nothing_focusable (GtkWidget *root)
{
  for (GtkWidget *w = csm_test_next_widget (root, root); w != NULL;
       w = csm_test_next_widget (root, w))
    if (gtk_widget_get_focusable (w) && gtk_widget_get_visible (w))
      g_test_fail_printf ("a %s takes focus", G_OBJECT_TYPE_NAME (w));
}

/* The Overview board's figures are the console's own: new tickets per
 * queue, the SLA lanes, the agents inferred active, and today's FRT, CSAT
 * and SLA attainment as the KPI engine counts [midnight, now). */
static void
test_figures (Fixture       *f,
              gconstpointer  data)
{
  CsmWallboardWindow *window = open_one (f, 0);
  CsmSyncEngine *engine = csm_context_get_engine (f->context);
  GPtrArray *tickets = csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine));
  GListModel *queues = csm_sync_engine_get_queues (engine);
  GListModel *agents = csm_agent_monitor_get_agents (csm_context_get_agent_monitor (f->context));
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  gint64 now = CSM_SIM_REFERENCE_NOW, midnight = csm_agent_board_day_start (tz, now);
  g_auto(CsmKpiOptions) options = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const CsmKpiRow *today;
  GdkRectangle geometry;
  guint active = 0, breached;
  const CsmWallTile *t;
  g_autofree char *shot = NULL;
  g_autofree char *far = NULL;
  g_autofree char *expected = NULL;

  /* Full screen on the monitor. */
  csm_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_true (gtk_window_is_fullscreen (GTK_WINDOW (window)));
  gdk_monitor_get_geometry (csm_wallboard_window_get_monitor (window), &geometry);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, geometry.width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, geometry.height);
  g_assert_cmpstr (csm_wallboard_window_get_board_name (window), ==, "Overview");

  for (guint q = 0; q < g_list_model_get_n_items (queues); q++)
    {
      g_autoptr(CsmQueue) queue = g_list_model_get_item (queues, q);
      g_autofree char *title = g_strdup_printf ("%s waiting", csm_queue_get_name (queue));
      g_autofree char *count = NULL;
      guint waiting = 0;

      for (guint i = 0; i < tickets->len; i++)
        waiting += csm_ticket_get_queue_id (g_ptr_array_index (tickets, i)) == csm_queue_get_id (queue) &&
                   csm_ticket_get_status_class (g_ptr_array_index (tickets, i)) == CSM_STATUS_CLASS_NEW;
      count = g_strdup_printf ("%u", waiting);
      t = tile_titled (window, title);
      g_assert_nonnull (t);
      g_assert_cmpstr (t->value, ==, count);
    }

  breached = g_list_model_get_n_items (csm_sla_monitor_get_lane (csm_context_get_sla_monitor (f->context),
                                                                 CSM_SLA_STATE_BREACHED));
  t = tile_titled (window, "Breached");
  g_assert_cmpfloat (t->number, ==, breached);

  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(CsmAgentStats) stats = g_list_model_get_item (agents, i);

      active += csm_agent_stats_get_presence (stats) == CSM_PRESENCE_ACTIVE;
    }
  t = tile_titled (window, "Agents active");
  g_assert_cmpfloat (t->number, ==, active);
  g_assert_cmpuint (active, >, 0);

  g_assert_true (csm_kpi_options_from_settings (&options, f->settings, &error));
  g_assert_no_error (error);
  rows = csm_kpi_compute (tickets, NULL, &options, midnight, now, now);
  today = g_ptr_array_index (rows, 0);
  g_test_message ("today: %u replies, FRT median %.0f s; %u CSAT answers, %.1f %%; %u deadlines",
                  today->frt_count, today->frt_median_seconds.value, today->csat_responses,
                  today->csat_percent.value, today->sla_counted);
  g_assert_cmpuint (today->frt_count, >, 0);
  t = tile_titled (window, "First reply today");
  g_assert_cmpfloat (t->number, ==, today->frt_median_seconds.value);
  expected = g_strdup_printf ("Median of %u replies", today->frt_count);
  g_assert_cmpstr (t->detail, ==, expected);
  t = tile_titled (window, "CSAT today");
  if (today->csat_percent.defined)
    g_assert_cmpfloat (t->number, ==, today->csat_percent.value);
  else
    g_assert_true (isnan (t->number));

  /* Nothing on the wall takes focus; a screen reader hears each tile. */
  assert_nothing_focusable (GTK_WIDGET (window));
  {
    GPtrArray *widgets = csm_test_find_all (GTK_WIDGET (window), CSM_TYPE_WALL_TILE);

    g_assert_cmpuint (widgets->len, ==, csm_wallboard_window_get_tiles (window)->len);
    g_ptr_array_unref (widgets);
  }

  shot = csm_test_screenshot (GTK_WIDGET (window), "wallboard");
  far = csm_test_screenshot_scaled (GTK_WIDGET (window), "wallboard-25", 0.25);

  /* Keys: Ctrl+comma (Preferences), Ctrl+Q (Quit), F5, a letter and Tab
   * stop at the wall; Escape leaves, and the window goes. */
  {
    GtkEventController *keys = find_controller (GTK_WIDGET (window), "wallboard-keys");
    static const struct { guint keyval; GdkModifierType mods; } swallowed[] = {
      { GDK_KEY_comma, GDK_CONTROL_MASK }, { GDK_KEY_q, GDK_CONTROL_MASK }, { GDK_KEY_F5, 0 },
      { GDK_KEY_a, 0 }, { GDK_KEY_Tab, 0 }, { GDK_KEY_Escape, GDK_SHIFT_MASK },
    };
    gboolean handled = FALSE;

    g_assert_nonnull (keys);
    g_assert_cmpint (gtk_event_controller_get_propagation_phase (keys), ==, GTK_PHASE_CAPTURE);
    for (guint i = 0; i < G_N_ELEMENTS (swallowed); i++)
      {
        handled = FALSE;
        g_signal_emit_by_name (keys, "key-pressed", swallowed[i].keyval, 0, swallowed[i].mods,
                               &handled);
        g_assert_true (handled);
        g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
      }
    g_ptr_array_remove (f->windows, window);
    g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Escape, 0, 0, &handled);
    csm_test_drain ();
    g_assert_null (window);
  }
}

typedef struct
{
  CsmWallboardWindow *window;
  guint board;
} BoardWait;

static gboolean
board_is (gpointer data)
{
  BoardWait *w = data;

  return csm_wallboard_window_get_board (w->window) == w->board;
}

/* Every 5 s the next board, then the first again. */
static void
test_rotation (Fixture       *f,
               gconstpointer  data)
{
  CsmWallboardWindow *window;
  BoardWait wait = { NULL, 0 };
  gint64 started;
  double seconds;
  g_autofree char *shot = NULL;
  g_autofree char *footer = NULL;

  g_settings_set_uint (f->settings, "wallboard-rotate-seconds", 5);
  window = open_one (f, -1);
  wait.window = window;
  /* Wherever it is now (a slow build may have turned it already), the
   * other board next, then this one again, 5 s apart. */
  wait.board = (csm_wallboard_window_get_board (window) + 1) % 2;
  g_assert_true (csm_test_wait_until (board_is, &wait, 10000));
  started = g_get_monotonic_time ();
  footer = g_strdup_printf ("Board %u of 2 · next in ", wait.board + 1);
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (window), footer, TRUE));
  wait.board = (wait.board + 1) % 2;
  g_assert_true (csm_test_wait_until (board_is, &wait, 10000));
  seconds = (g_get_monotonic_time () - started) / 1e6;
  g_test_message ("the next board after %.1f s", seconds);
  g_assert_cmpfloat (seconds, >=, 4.5);
  g_assert_cmpfloat (seconds, <=, 6.5);
  if (wait.board == 0)
    {
      wait.board = 1;
      g_assert_true (csm_test_wait_until (board_is, &wait, 10000));
    }
  g_assert_cmpstr (csm_wallboard_window_get_board_name (window), ==, "Queues");
  g_assert_nonnull (csm_test_find_label (GTK_WIDGET (window), "Queues", FALSE));
  g_assert_nonnull (tile_titled (window, "Oldest waiting"));
  g_assert_cmpuint (csm_wallboard_window_get_tiles (window)->len, ==,
                    g_list_model_get_n_items (csm_sync_engine_get_queues (csm_context_get_engine (f->context))) + 3);
  shot = csm_test_screenshot_scaled (GTK_WIDGET (window), "wallboard-queues-25", 0.25);
}

/* A notification server on the test's bus: it counts what the desktop
 * would have shown. */
static guint notified;

static void
notify_method (GDBusConnection       *connection,
               const char            *sender,
               const char            *path,
               const char            *interface,
               const char            *method,
               GVariant              *parameters,
               GDBusMethodInvocation *invocation,
               gpointer               user_data)
{
  if (g_str_equal (method, "Notify"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", ++notified));
  else if (g_str_equal (method, "GetCapabilities"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(['body'],)"));
  else if (g_str_equal (method, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "test", "csm", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static gboolean
notified_reached (gpointer data)
{
  return notified >= GPOINTER_TO_UINT (data);
}

static guint
serve_notifications (void)
{
  static const char xml[] =
    "<node><interface name='org.freedesktop.Notifications'>"
    "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
    "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
    "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/>"
    "<arg type='i' direction='in'/><arg type='u' direction='out'/></method>"
    "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
    "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
    "<method name='GetServerInformation'><arg type='s' direction='out'/>"
    "<arg type='s' direction='out'/><arg type='s' direction='out'/>"
    "<arg type='s' direction='out'/></method>"
    "</interface></node>";
  static const GDBusInterfaceVTable vtable = { notify_method, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (xml, NULL);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  guint id;

  g_assert_nonnull (bus);
  id = g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications",
                                          info->interfaces[0], &vtable, NULL, NULL, NULL);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), 0, -1, NULL, NULL);
  g_assert_nonnull (reply);
  return id;
}

/* The tiles as they are after the monitors' latest news. */
static void
show_now (CsmWallboardWindow *window)
{
  csm_test_wait_frames (GTK_WIDGET (window), 2);
}

static guint
breached_now (Fixture *f)
{
  return g_list_model_get_n_items (csm_sla_monitor_get_lane (csm_context_get_sla_monitor (f->context),
                                                             CSM_SLA_STATE_BREACHED));
}

typedef struct
{
  Fixture *f;
  guint before;
} BreachedWait;

static gboolean
breached_changed (gpointer data)
{
  BreachedWait *w = data;

  return breached_now (w->f) != w->before;
}

static gboolean
is_stale (gpointer data)
{
  return csm_wallboard_window_get_stale (data);
}

static gboolean
is_fresh (gpointer data)
{
  return !csm_wallboard_window_get_stale (data);
}

static gboolean
tiles_say_stale (CsmWallboardWindow *window)
{
  g_autoptr(GPtrArray) widgets = csm_test_find_all (GTK_WIDGET (window), CSM_TYPE_WALL_TILE);
  guint stale = 0;

  for (guint i = 0; i < widgets->len; i++)
    stale += gtk_widget_has_css_class (g_ptr_array_index (widgets, i), "csm-wall-stale");
  g_assert_cmpuint (widgets->len, >, 0);
  if (stale != 0 && stale != widgets->len)
    g_test_fail_printf ("%u of %u tiles grey", stale, widgets->len);
  return stale == widgets->len;
}

/* The helpdesk stops: the last figures stay, grey, under a banner that
 * says since when; it starts again: they come back by themselves, and the
 * desktop alerts say at most one summary, not one per ticket. */
static void
test_helpdesk_away (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GApplication) app = g_application_new ("com.example.CsmConsole.WallboardTest",
                                                   G_APPLICATION_NON_UNIQUE);
  g_autoptr(CsmAlerts) alerts = NULL;
  g_autoptr(GError) error = NULL;
  CsmWallboardWindow *window = open_one (f, 0);
  CsmSyncEngine *engine = csm_context_get_engine (f->context);
  g_autofree char *before = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *far = NULL;
  GtkWidget *banner;
  guint sent, breached_before, breached_after;

  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);
  serve_notifications ();
  alerts = csm_alerts_new (app, f->context);
  csm_sla_monitor_recompute (csm_context_get_sla_monitor (f->context));
  csm_test_wait_frames (GTK_WIDGET (window), 3);
  sent = csm_alerts_get_n_sent (alerts);
  g_assert_false (csm_wallboard_window_get_stale (window));
  g_assert_false (tiles_say_stale (window));
  before = g_strdup (tile_titled (window, "Breached")->value);

  breached_before = breached_now (f);
  csm_test_helpdesk_stop_server (f->desk);
  csm_sync_engine_refresh_now (engine);
  g_assert_true (csm_test_wait_until (is_stale, window, 30000));
  csm_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_true (tiles_say_stale (window));
  g_assert_cmpstr (tile_titled (window, "Breached")->value, ==, before);
  banner = csm_test_find_label (GTK_WIDGET (window), "Not current: the helpdesk has not answered since ", TRUE);
  g_assert_nonnull (banner);
  g_assert_true (gtk_widget_get_mapped (banner));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (banner)), "come back by themselves"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (banner)), "refused"));
  shot = csm_test_screenshot (GTK_WIDGET (window), "wallboard-stale");
  far = csm_test_screenshot_scaled (GTK_WIDGET (window), "wallboard-stale-25", 0.25);

  /* While it is away, eight open tickets get a deadline an hour on, and
   * two hours pass: all eight breach unseen. Then it is back on the same
   * address. */
  {
    GPtrArray *tickets;
    guint moved = 0;

    csm_sim_world_lock (f->desk->world);
    tickets = csm_sim_world_get_tickets (f->desk->world);
    for (guint i = 0; i < tickets->len && moved < 8; i++)
      {
        const CsmSimTicket *t = g_ptr_array_index (tickets, i);

        if (g_strcmp0 (t->status, "open") != 0 && g_strcmp0 (t->status, "new") != 0)
          continue;
        if (t->due > 0 && t->due < CSM_SIM_REFERENCE_NOW)
          continue;
        g_assert_true (csm_sim_world_set_due (f->desk->world, t->id, 0,
                                              CSM_SIM_REFERENCE_NOW + 3600, NULL));
        moved++;
      }
    csm_sim_world_unlock (f->desk->world);
    g_assert_cmpuint (moved, ==, 8);
  }
  csm_clock_set_now (f->clock, CSM_SIM_REFERENCE_NOW + 2 * 3600);
  csm_test_helpdesk_start_server (f->desk);
  csm_sync_engine_refresh_now (engine);
  g_assert_true (csm_test_wait_until (is_fresh, window, 30000));
  csm_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_false (tiles_say_stale (window));
  g_assert_false (gtk_revealer_get_reveal_child (
    GTK_REVEALER (gtk_widget_get_parent (banner))));
  csm_sla_monitor_recompute (csm_context_get_sla_monitor (f->context));
  csm_test_drain ();
  /* Enough newly breached that one notification each would be a storm. */
  g_assert_true (csm_test_wait_until (breached_changed, &(BreachedWait) { f, breached_before }, 30000));
  breached_after = breached_now (f);
  g_test_message ("breached: %u before, %u after two hours away", breached_before, breached_after);
  g_assert_cmpuint (breached_after, >=, breached_before + 8);
  {
    g_autofree char *count = g_strdup_printf ("%u", breached_after);

    show_now (window);
    g_assert_cmpstr (tile_titled (window, "Breached")->value, ==, count);
  }
  /* One summary of the eight, not eight: sent, and on the desktop. */
  g_assert_cmpuint (csm_alerts_get_n_sent (alerts), ==, sent + 1);
  g_assert_true (csm_test_wait_until (notified_reached, GUINT_TO_POINTER (sent + 1), 10000));
  g_assert_cmpstr (csm_alerts_get_last_id (alerts), ==, "sla-summary");
  csm_test_wait_frames (GTK_WIDGET (window), 10);
  g_test_message ("alerts: %u before, %u after the recovery (%u reached the desktop)", sent,
                  csm_alerts_get_n_sent (alerts), notified);
  g_assert_cmpuint (notified, ==, sent + 1);
}

/* A session manager on the test's bus, on a thread of its own (GTK asks it
 * synchronously): it records what is inhibited. */
typedef struct
{
  GMutex lock;
  GMainLoop *loop;
  GThread *thread;
  guint inhibited;         /* open inhibitions */
  guint flags;             /* of the last */
  char *reason;            /* of the last */
  gboolean ready;
} FakeSession;

static void
session_method (GDBusConnection       *connection,
                const char            *sender,
                const char            *path,
                const char            *interface,
                const char            *method,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  FakeSession *session = user_data;

  g_mutex_lock (&session->lock);
  if (g_str_equal (method, "Inhibit"))
    {
      g_clear_pointer (&session->reason, g_free);
      g_variant_get_child (parameters, 2, "s", &session->reason);
      g_variant_get_child (parameters, 3, "u", &session->flags);
      session->inhibited++;
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", 42 + session->inhibited));
    }
  else if (g_str_equal (method, "RegisterClient"))
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(o)", "/org/gnome/SessionManager/Client1"));
  else
    {
      if (g_str_equal (method, "Uninhibit") && session->inhibited > 0)
        session->inhibited--;
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  g_mutex_unlock (&session->lock);
}

static gpointer
session_thread (gpointer data)
{
  static const char xml[] =
    "<node><interface name='org.gnome.SessionManager'>"
    "<method name='Inhibit'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
    "<arg type='s' direction='in'/><arg type='u' direction='in'/>"
    "<arg type='u' direction='out'/></method>"
    "<method name='Uninhibit'><arg type='u' direction='in'/></method>"
    "<method name='IsInhibited'><arg type='u' direction='in'/><arg type='b' direction='out'/></method>"
    "<method name='RegisterClient'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
    "<arg type='o' direction='out'/></method>"
    "<method name='UnregisterClient'><arg type='o' direction='in'/></method>"
    "</interface></node>";
  static const GDBusInterfaceVTable vtable = { session_method, NULL, NULL, { 0 } };
  FakeSession *session = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (xml, NULL);
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;

  g_main_context_push_thread_default (context);
  bus = g_dbus_connection_new_for_address_sync (address,
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, NULL);
  g_assert_nonnull (bus);
  g_dbus_connection_register_object (bus, "/org/gnome/SessionManager", info->interfaces[0],
                                     &vtable, session, NULL, NULL);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.gnome.SessionManager", 4),
                                       G_VARIANT_TYPE ("(u)"), 0, -1, NULL, NULL);
  g_assert_nonnull (reply);
  session->loop = g_main_loop_new (context, FALSE);
  g_mutex_lock (&session->lock);
  session->ready = TRUE;
  g_mutex_unlock (&session->lock);
  g_main_loop_run (session->loop);
  g_dbus_connection_close_sync (bus, NULL, NULL);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static gboolean
session_ready (gpointer data)
{
  FakeSession *session = data;
  gboolean ready;

  g_mutex_lock (&session->lock);
  ready = session->ready;
  g_mutex_unlock (&session->lock);
  return ready;
}

static guint
session_inhibited (FakeSession *session)
{
  guint n;

  g_mutex_lock (&session->lock);
  n = session->inhibited;
  g_mutex_unlock (&session->lock);
  return n;
}

static gboolean
session_released (gpointer data)
{
  return session_inhibited (data) == 0;
}

/* Shown, the wallboard keeps the session from going idle (and the screen
 * from blanking); gone, it lets go. */
static void
test_never_sleeps (Fixture       *f,
                   gconstpointer  data)
{
  FakeSession session = { 0 };
  g_autoptr(GtkApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) opened = NULL;
  CsmWallboardWindow *window;

  g_mutex_init (&session.lock);
  session.thread = g_thread_new ("session", session_thread, &session);
  g_assert_true (csm_test_wait_until (session_ready, &session, 10000));

  /* GTK looks for the session manager when the application starts. */
  app = gtk_application_new ("com.example.CsmConsole.WallboardTest", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  opened = csm_wallboard_window_open (app, f->context, f->boards, 0, 1,
                                      gdk_display_get_monitors (gdk_display_get_default ()));
  window = g_ptr_array_index (opened, 0);
  csm_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpuint (session_inhibited (&session), ==, 1);
  g_assert_cmpuint (csm_wallboard_window_get_inhibit_cookie (window), ==, 43);
  g_mutex_lock (&session.lock);
  g_assert_cmpuint (session.flags & GTK_APPLICATION_INHIBIT_IDLE, !=, 0);
  g_assert_cmpstr (session.reason, ==, "The wallboard is on the wall");
  g_mutex_unlock (&session.lock);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (csm_test_wait_until (session_released, &session, 10000));

  g_application_quit (G_APPLICATION (app));
  g_main_loop_quit (session.loop);
  g_thread_join (session.thread);
  g_main_loop_unref (session.loop);
  g_free (session.reason);
  g_mutex_clear (&session.lock);
}

/* Two monitors: a window on each, each its own board, rotating in step.
 * (Xvfb offers one monitor; the same logic is given the list of two.) */
static void
test_two_monitors (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *display_monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GListStore) monitors = g_list_store_new (GDK_TYPE_MONITOR);
  g_autoptr(GdkMonitor) first = g_list_model_get_item (display_monitors, 0);
  g_autoptr(GPtrArray) opened = NULL;
  CsmWallboardWindow *one, *two;
  Wait w = { f, NULL };
  BoardWait wait = { NULL, 1 };
  guint first_board;

  g_settings_set_uint (f->settings, "wallboard-rotate-seconds", 5);
  g_list_store_append (monitors, first);
  g_list_store_append (monitors, first);
  opened = csm_wallboard_window_open (NULL, f->context, f->boards, -1, 0, G_LIST_MODEL (monitors));
  g_assert_cmpuint (opened->len, ==, 2);
  one = g_ptr_array_index (opened, 0);
  two = g_ptr_array_index (opened, 1);
  g_ptr_array_add (f->windows, one);
  g_ptr_array_add (f->windows, two);
  w.window = one;
  g_assert_true (csm_test_wait_until (ready, &w, 30000));
  g_assert_true (csm_wallboard_window_get_monitor (one) == first);
  g_assert_true (csm_wallboard_window_get_monitor (two) == first);
  /* Each its own board (a slow build may have turned them already), and
   * both turn together. */
  first_board = csm_wallboard_window_get_board (one);
  g_assert_cmpuint (csm_wallboard_window_get_board (two), ==, (first_board + 1) % 2);
  wait.window = one;
  wait.board = (first_board + 1) % 2;
  g_assert_true (csm_test_wait_until (board_is, &wait, 10000));
  wait.window = two;
  wait.board = first_board;
  g_assert_true (csm_test_wait_until (board_is, &wait, 2000));

  /* Only monitor 2: one window, there. */
  g_clear_pointer (&opened, g_ptr_array_unref);
  opened = csm_wallboard_window_open (NULL, f->context, f->boards, 1, 2, G_LIST_MODEL (monitors));
  g_assert_cmpuint (opened->len, ==, 1);
  g_ptr_array_add (f->windows, g_ptr_array_index (opened, 0));
  g_assert_cmpstr (csm_wallboard_window_get_board_name (g_ptr_array_index (opened, 0)), ==, "Queues");
}

/* ------------------------------------------------------------------------ */
/* A wall of its own: an X server the size of a TV, with a window manager,  */
/* for full screen is the window manager's to grant. Both are stopped by   */
/* pid when the tests end.                                                  */

static GPid xvfb_pid;
static GPid wm_pid;

static void
stop_pid (GPid *pid)
{
  if (*pid > 0)
    {
      kill (*pid, SIGTERM);
      waitpid (*pid, NULL, 0);
      g_spawn_close_pid (*pid);
    }
  *pid = 0;
}

static void
stop_wall (void)
{
  stop_pid (&wm_pid);
  stop_pid (&xvfb_pid);
}

/* The X server and the window manager die with the test, even when an
 * assertion ends it. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
start_wall (void)
{
  const char *xvfb[] = { "Xvfb", "-displayfd", "3", "-screen", "0", "1920x1080x24", "-nolisten",
                         "tcp", "-ac", NULL };
  const char *wm[] = { "openbox", "--sm-disable", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  char buffer[32] = { 0 };
  int fds[2], source[1], target[1] = { 3 };
  gssize n = 0;
  Display *x;
  Atom manager;

  g_assert_cmpint (pipe (fds), ==, 0);
  source[0] = fds[1];
  if (!g_spawn_async_with_pipes_and_fds (NULL, xvfb, NULL, G_SPAWN_SEARCH_PATH |
                                         G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                         G_SPAWN_STDERR_TO_DEV_NULL,
                                         die_with_parent, NULL, -1, -1, -1, source, target, 1,
                                         &xvfb_pid,
                                         NULL, NULL, NULL, &error))
    g_error ("Xvfb (the package xvfb) is needed: %s", error->message);
  close (fds[1]);
  while (n < (gssize) sizeof buffer - 1 && strchr (buffer, '\n') == NULL)
    {
      gssize got = read (fds[0], buffer + n, sizeof buffer - 1 - n);

      if (got <= 0)
        g_error ("Xvfb said no display");
      n += got;
    }
  close (fds[0]);
  display = g_strdup_printf (":%d", atoi (buffer));
  g_setenv ("DISPLAY", display, TRUE);
  g_unsetenv ("WAYLAND_DISPLAY");

  if (!g_spawn_async (NULL, (char **) wm, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                      G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, die_with_parent,
                      NULL, &wm_pid, &error))
    {
      stop_wall ();
      g_error ("openbox (the package openbox) is needed: %s", error->message);
    }
  /* Managing once it holds the screen's WM selection. */
  x = XOpenDisplay (display);
  g_assert_nonnull (x);
  manager = XInternAtom (x, "WM_S0", False);
  for (int i = 0; i < 500 && XGetSelectionOwner (x, manager) == None; i++)
    g_usleep (10000);
  g_assert_true (XGetSelectionOwner (x, manager) != None);
  XCloseDisplay (x);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  start_wall ();
  csm_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/wallboard/figures", test_figures);
  ADD ("/gui/wallboard/rotation", test_rotation);
  ADD ("/gui/wallboard/helpdesk-away", test_helpdesk_away);
  ADD ("/gui/wallboard/two-monitors", test_two_monitors);
  ADD ("/gui/wallboard/never-sleeps", test_never_sleeps);
#undef ADD
  status = g_test_run ();
  stop_wall ();
  return status;
}
