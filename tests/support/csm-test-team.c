/* csm-test-team.c: a person at the console on a team's workspace: the fixture helpdesk, their window, their password in the keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-secret-store.h"
#include "csm-sync-engine.h"
#include "csm-test-async.h"
#include "csm-test-gui.h"
#include "csm-test-team.h"

static gboolean
synced (gpointer data)
{
  CsmTestTeam *f = data;
  CsmSyncEngine *engine = csm_context_get_engine (f->context);

  return engine != NULL && csm_sync_engine_get_state (engine) == CSM_SYNC_STATE_ONLINE &&
         !csm_sync_engine_get_syncing (engine);
}

/* The fixture helpdesk, used as @user, at @now. */
void
csm_test_team_sign_in (CsmTestTeam *f,
                       const char  *user,
                       gint64       now)
{
  g_autoptr(CsmAccount) account = NULL;

  f->desk = csm_test_helpdesk_start ("scenarios/fixture-small.json", CSM_TEST_TEAM_TOKEN);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_uint (f->settings, "refresh-interval", 3600);
  f->clock = csm_clock_new_fixed (now);
  f->context = csm_context_new (f->settings, f->clock);
  account = csm_account_new ("rt", csm_sim_server_get_url (f->desk->server), CSM_AUTH_TOKEN, user);
  csm_account_set_agents_group (account, "Agents");
  csm_context_set_account (f->context, account, CSM_TEST_TEAM_TOKEN);
  g_assert_true (csm_test_wait_until (synced, f, 20000));
}

void
csm_test_team_open_window (CsmTestTeam *f)
{
  f->window = csm_window_new (NULL, f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  csm_window_show_page (f->window, "quality");
}

static gboolean
page_ready (gpointer data)
{
  return csm_quality_page_is_ready (data);
}

/* @user, whose password ("USER-secret") the keyring keeps, on the team's
 * workspace at @uri: the Quality page once it has opened it. */
CsmQualityPage *
csm_test_team_open_page (CsmTestTeam *f,
                         const char  *uri,
                         const char  *user,
                         gint64       now)
{
  g_autofree char *password = g_strdup_printf ("%s-secret", user);
  CsmQualityPage *page;

  csm_test_team_keep_password (uri, user, password);
  csm_test_team_sign_in (f, user, now);
  g_settings_set_string (f->settings, "qa-workspace", uri);
  csm_test_team_open_window (f);
  page = CSM_QUALITY_PAGE (csm_window_get_quality_page (f->window));
  g_assert_true (csm_test_wait_until (page_ready, page, 20000));
  return page;
}

void
csm_test_team_tear_down (CsmTestTeam *f)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  if (f->context != NULL)
    csm_context_set_account (f->context, NULL, NULL);
  g_clear_object (&f->context);
  g_clear_object (&f->clock);
  if (f->settings != NULL)
    {
      g_settings_reset (f->settings, "refresh-interval");
      g_settings_reset (f->settings, "qa-workspace");
      g_settings_reset (f->settings, "qa-show-personal-data");
    }
  g_clear_object (&f->settings);
  g_clear_pointer (&f->desk, csm_test_helpdesk_stop);
  csm_test_drain ();
}

static CsmAccount *
keyring_account (const char *uri,
                 const char *user)
{
  return csm_account_new ("postgresql", uri, CSM_AUTH_PASSWORD, user);
}

void
csm_test_team_keep_password (const char *uri,
                             const char *user,
                             const char *password)
{
  g_autoptr(CsmAccount) account = keyring_account (uri, user);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  csm_secret_store_save_async (account, password, NULL, csm_test_store_result, &result);
  g_assert_true (csm_secret_store_save_finish (csm_test_await (&result), &error));
  g_assert_no_error (error);
}

/* What the keyring keeps for @user's role at @uri, or NULL. */
char *
csm_test_team_kept_password (const char *uri,
                             const char *user)
{
  g_autoptr(CsmAccount) account = keyring_account (uri, user);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  csm_secret_store_lookup_async (account, NULL, csm_test_store_result, &result);
  password = csm_secret_store_lookup_finish (csm_test_await (&result), &error);
  if (password == NULL)
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  return password;
}
