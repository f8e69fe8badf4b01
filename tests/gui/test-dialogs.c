/* test-dialogs.c: connecting, keyboard shortcuts and preferences, in real windows under Xvfb.
 *
 * Needs the private session bus with an unlocked keyring that the README's
 * test command provides: connecting stores the token there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-enums.h"

#include <adwaita.h>
#include <string.h>

#include "csm-application.h"
#include "csm-connection-dialog.h"
#include "csm-context.h"
#include "csm-preferences-window.h"
#include "csm-queues-page.h"
#include "csm-resources.h"
#include "csm-secret-store.h"
#include "csm-sim-scenario.h"
#include "csm-sim-server.h"
#include "csm-test-gui.h"
#include "csm-test-helpdesk.h"
#include "csm-test-server.h"
#include "csm-window.h"
#include "csm-test-async.h"

#define TOKEN "dialog-test-token"

typedef struct
{
  CsmTestHelpdesk *desk;
  CsmSimWorld *world;
  CsmSimServer *server;
  GSettings *settings;
  CsmClock *clock;
  CsmContext *context;
  CsmWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = g_dir_make_tmp ("csm-dialog-test-XXXXXX", &error);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  f->desk = csm_test_helpdesk_start ("scenarios/fixture-small.json", TOKEN);
  f->world = f->desk->world;
  f->server = f->desk->server;

  f->settings = g_settings_new (APP_ID);
  f->clock = csm_clock_new_fixed (csm_sim_world_get_now (f->world));
  f->context = csm_context_new (f->settings, f->clock);
  f->window = csm_window_new (NULL, f->context);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  csm_context_set_account (f->context, NULL, NULL);
  g_clear_object (&f->context);
  g_clear_object (&f->clock);
  g_settings_reset (f->settings, "account-url");
  g_clear_object (&f->settings);
  g_clear_pointer (&f->desk, csm_test_helpdesk_stop);
  csm_test_drain ();
}

typedef struct
{
  CsmConnectionDialog *dialog;
  const char *part;
} MessageWait;

static gboolean
message_contains (gpointer data)
{
  MessageWait *w = data;
  const char *message = csm_connection_dialog_get_message (w->dialog);

  return message != NULL && strstr (message, w->part) != NULL;
}

static gboolean
account_is_set (gpointer data)
{
  Fixture *f = data;

  return csm_context_get_account (f->context) != NULL &&
         csm_context_get_engine (f->context) != NULL;
}

static void
test_connect_errors_then_success (Fixture       *f,
                                  gconstpointer  data)
{
  CsmConnectionDialog *dialog = csm_connection_dialog_new (f->context);
  MessageWait wait = { dialog, NULL };
  g_autofree char *url = g_strdup (csm_sim_server_get_url (f->server));
  g_autofree char *stored_url = NULL;

  g_object_ref_sink (dialog);
  /* No WM under Xvfb: take the focus out of the main window's text field
   * ourselves, as a window manager's focus-out would. */
  gtk_window_set_focus (GTK_WINDOW (f->window), NULL);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (dialog));

  /* Not a web address at all: said at once, nothing sent. */
  csm_connection_dialog_fill (dialog, "ftp://rt.example.com", NULL, "x");
  csm_connection_dialog_connect (dialog);
  g_assert_nonnull (strstr (csm_connection_dialog_get_message (dialog), "https://"));

  /* A wrong token: RT's 401, and what to check. */
  csm_connection_dialog_fill (dialog, url, NULL, "wrong-token");
  csm_connection_dialog_connect (dialog);
  /* Not just "401": the progress message names the server's port, which may
   * contain those digits. */
  wait.part = "(HTTP 401)";
  g_assert_true (csm_test_wait_until (message_contains, &wait, 10000));
  g_test_message ("401 → %s", csm_connection_dialog_get_message (dialog));
  g_assert_nonnull (strstr (csm_connection_dialog_get_message (dialog), "token"));
  g_assert_null (csm_context_get_account (f->context));

  /* Something that is not RT: the server's root answers 404. */
  {
    g_autofree char *not_rt = g_strconcat (url, "/not-rt", NULL);
    csm_connection_dialog_fill (dialog, not_rt, NULL, TOKEN);
    csm_connection_dialog_connect (dialog);
    wait.part = "not Request Tracker";
    g_assert_true (csm_test_wait_until (message_contains, &wait, 10000));
  }

  /* Nothing listening: unreachable. */
  csm_connection_dialog_fill (dialog, "http://127.0.0.1:9", NULL, TOKEN);
  csm_connection_dialog_connect (dialog);
  wait.part = "127.0.0.1 refused the connection.";
  g_assert_true (csm_test_wait_until (message_contains, &wait, 15000));
  g_assert_nonnull (strstr (csm_connection_dialog_get_message (dialog), "Check the address"));
  g_assert_null (csm_context_get_account (f->context));

  /* The right token: saved, and the window shows the helpdesk. */
  csm_connection_dialog_fill (dialog, url, NULL, TOKEN);
  csm_connection_dialog_connect (dialog);
  g_assert_true (csm_test_wait_until (account_is_set, f, 15000));

  stored_url = g_settings_get_string (f->settings, "account-url");
  g_assert_cmpstr (stored_url, ==, url);
  /* The token is in the keyring, and nowhere in the settings. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *secret = NULL;
    g_autoptr(GSettingsSchema) schema = NULL;
    g_auto(GStrv) keys = NULL;

    csm_secret_store_lookup_async (csm_context_get_account (f->context), NULL,
                                   csm_test_store_result, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    secret = csm_secret_store_lookup_finish (result, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (secret, ==, TOKEN);

    g_object_get (f->settings, "settings-schema", &schema, NULL);
    keys = g_settings_schema_list_keys (schema);
    for (guint i = 0; keys[i]; i++)
      {
        g_autoptr(GVariant) value = g_settings_get_value (f->settings, keys[i]);
        g_autofree char *text = g_variant_print (value, FALSE);
        g_assert_null (strstr (text, TOKEN));
      }
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
test_search_shortcut (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CsmAccount) account = csm_account_new ("rt", csm_sim_server_get_url (f->server),
                                                   CSM_AUTH_TOKEN, NULL);
  GtkWidget *focus;

  csm_context_set_account (f->context, account, TOKEN);
  g_assert_true (csm_test_wait_until (account_is_set, f, 15000));
  csm_test_wait_frames (GTK_WIDGET (f->window), 2);

  /* Ctrl+F, as the window's action: the search field takes the focus. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY));
}

/* "Desktop Alerts" in the menu is the setting: toggling one is the other. */
static void
test_alerts_menu_toggle (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GVariant) state = NULL;

  g_settings_set_boolean (f->settings, "alerts-enabled", TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.alerts-enabled", NULL));
  g_assert_false (g_settings_get_boolean (f->settings, "alerts-enabled"));
  g_settings_set_boolean (f->settings, "alerts-enabled", TRUE);
  state = g_action_group_get_action_state (G_ACTION_GROUP (f->window), "alerts-enabled");
  g_assert_true (g_variant_get_boolean (state));
  g_settings_reset (f->settings, "alerts-enabled");
}

static void
test_preferences_change_settings (Fixture       *f,
                                  gconstpointer  data)
{
  CsmPreferencesWindow *prefs = csm_preferences_window_new (f->context);
  g_autofree char *shot = NULL;

  g_object_ref_sink (prefs);
  gtk_window_set_focus (GTK_WINDOW (f->window), NULL);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (prefs));
  csm_test_wait_frames (GTK_WIDGET (prefs), 2);

  /* The spin buttons are bound to the settings both ways. */
  g_settings_set_uint (f->settings, "refresh-interval", 30);
  {
    GtkWidget *found = NULL;
    for (GtkWidget *w = GTK_WIDGET (prefs); w != NULL && found == NULL;
         w = csm_test_next_widget (GTK_WIDGET (prefs), w))
      if (GTK_IS_SPIN_BUTTON (w) && gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (w)) == 30)
        found = w;
    g_assert_nonnull (found);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (found), 45);
    g_assert_cmpuint (g_settings_get_uint (f->settings, "refresh-interval"), ==, 45);
  }

  /* The occupancy window row is the enum setting, by position. */
  {
    g_autoptr(GPtrArray) rows = csm_test_find_all (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW);
    AdwComboRow *window_row = NULL;

    for (guint i = 0; i < rows->len; i++)
      if (g_list_model_get_n_items (adw_combo_row_get_model (rows->pdata[i])) == 3)
        window_row = rows->pdata[i];
    g_assert_nonnull (window_row);
    g_settings_set_string (f->settings, "occupancy-window", "4-hours");
    g_assert_cmpuint (adw_combo_row_get_selected (window_row), ==, CSM_OCCUPANCY_WINDOW_4_HOURS);
    adw_combo_row_set_selected (window_row, CSM_OCCUPANCY_WINDOW_HOUR);
    g_assert_cmpint (g_settings_get_enum (f->settings, "occupancy-window"), ==,
                     CSM_OCCUPANCY_WINDOW_HOUR);
    g_settings_reset (f->settings, "occupancy-window");
  }

  shot = csm_test_screenshot (GTK_WIDGET (prefs), "preferences");
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_object_unref (prefs);
  g_settings_reset (f->settings, "refresh-interval");
}

int
main (int   argc,
      char *argv[])
{
  csm_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/gui/connection/errors-then-success", test_connect_errors_then_success);
  ADD ("/gui/window/search-shortcut", test_search_shortcut);
  ADD ("/gui/window/alerts-menu-toggle", test_alerts_menu_toggle);
  ADD ("/gui/preferences/settings", test_preferences_change_settings);

  return g_test_run ();
}
