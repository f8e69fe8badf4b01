/* csm-workspace-login.c: opening a team's workspace as oneself, the password kept in the keyring.
 *
 * A person opens a team's PostgreSQL workspace as their own role, named
 * as their helpdesk user. The password they type is tried first and kept
 * in the keyring only once the server took it; after that, the keyring
 * gives it back. It is never part of the workspace's address (which the
 * settings keep), nor of a message. A workspace on this computer needs
 * no password and opens directly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csm-account.h"
#include "csm-secret-store.h"
#include "csm-workspace-login.h"

typedef struct
{
  char *location;
  char *user;
  char *password;            /* (nullable): typed, to be kept once it worked */
  CsmWorkspace *workspace;   /* (nullable): open, waiting for the keyring */
} Login;

static void
login_free (Login *login)
{
  if (login->password != NULL)
    memset (login->password, 0, strlen (login->password));
  g_free (login->password);
  g_free (login->location);
  g_free (login->user);
  g_clear_object (&login->workspace);
  g_free (login);
}

/* The keyring's item for @user at @location. */
static CsmAccount *
keyring_account (Login *login)
{
  return csm_account_new ("postgresql", login->location, CSM_AUTH_PASSWORD, login->user);
}

/**
 * csm_workspace_login_check_location:
 *
 * A team's workspace is a postgresql:// address without a password in
 * it (the password goes in the keyring) nor a user (one signs in as one's
 * helpdesk user's role).
 *
 * Returns: %TRUE, or %FALSE with @error saying what is wrong
 */
gboolean
csm_workspace_login_check_location (const char  *location,
                                    GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;

  if (!csm_db_is_postgresql_uri (location) ||
      (uri = g_uri_parse (location, G_URI_FLAGS_NONE, NULL)) == NULL ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A team workspace’s address looks like "
                     "postgresql://server/database"));
      return FALSE;
    }
  /* libpq reads its keywords decoded: ?%70assword= is a password too. */
  if (g_uri_get_query (uri) != NULL)
    params = g_uri_parse_params (g_uri_get_query (uri), -1, "&",
                                 G_URI_PARAMS_CASE_INSENSITIVE, NULL);
  if (g_uri_get_password (uri) != NULL ||
      (g_uri_get_userinfo (uri) != NULL && strchr (g_uri_get_userinfo (uri), ':') != NULL) ||
      (g_uri_get_query (uri) != NULL && params == NULL) ||
      (params != NULL && (g_hash_table_contains (params, "password") ||
                          g_hash_table_contains (params, "sslpassword"))))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Leave the password out of the address: type it in the password field, and "
                     "the keyring keeps it"));
      return FALSE;
    }
  /* Whose the writes are is the helpdesk user, whose role this signs in as. */
  if (g_uri_get_user (uri) != NULL ||
      (params != NULL && g_hash_table_contains (params, "user")))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Leave the user out of the address: the console signs in as your helpdesk "
                     "user’s role"));
      return FALSE;
    }
  return TRUE;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Login *login = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!csm_secret_store_save_finish (result, &error))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The workspace took the password, but the keyring could not "
                                 "keep it: %s"), error->message);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&login->workspace), g_object_unref);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Login *login = g_task_get_task_data (task);
  g_autoptr(CsmAccount) account = NULL;
  GError *error = NULL;

  login->workspace = csm_workspace_open_finish (result, &error);
  if (login->workspace == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (login->password == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&login->workspace), g_object_unref);
      return;
    }
  /* It worked: the keyring keeps it for next time. */
  account = keyring_account (login);
  csm_secret_store_save_async (account, login->password, g_task_get_cancellable (task), saved_cb,
                               task);
  g_steal_pointer (&task);
}

static void
open_with (GTask      *task,
           const char *password)
{
  Login *login = g_task_get_task_data (task);

  csm_workspace_open_full_async (login->location, login->user, password, FALSE,
                                 g_task_get_cancellable (task), opened_cb, task);
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *password = csm_secret_store_lookup_finish (result, &error);

  /* None kept: libpq's own ways (~/.pgpass, a trusted local server). */
  if (password == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The keyring could not be read: %s"), error->message);
      return;
    }
  open_with (g_steal_pointer (&task), password);
  if (password != NULL)
    memset (password, 0, strlen (password));
  g_free (password);
}

/**
 * csm_workspace_login_async:
 * @location: this computer's SQLite workspace, or a team's postgresql://
 *   address (csm_workspace_login_check_location ())
 * @user: the person: their helpdesk user name, their role on PostgreSQL
 * @password: (nullable): typed now: tried, and kept in the keyring if the
 *   server takes it; %NULL: the keyring's, if it has one
 *
 * Opens the workspace as @user.
 */
void
csm_workspace_login_async (const char          *location,
                           const char          *user,
                           const char          *password,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(CsmAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  Login *login = g_new0 (Login, 1);

  g_return_if_fail (location != NULL && user != NULL);

  g_task_set_source_tag (task, csm_workspace_login_async);
  login->location = g_strdup (location);
  login->user = g_strdup (user);
  g_task_set_task_data (task, login, (GDestroyNotify) login_free);
  if (!csm_db_is_postgresql_uri (location))
    {
      open_with (g_steal_pointer (&task), NULL);
      return;
    }
  if (!csm_workspace_login_check_location (location, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (password != NULL)
    {
      login->password = g_strdup (password);
      open_with (g_steal_pointer (&task), password);
      return;
    }
  account = keyring_account (login);
  csm_secret_store_lookup_async (account, cancellable, looked_up_cb, g_steal_pointer (&task));
}

/**
 * csm_workspace_login_finish:
 *
 * Returns: (transfer full) (nullable): the open workspace, or %NULL with
 *   @error set
 */
CsmWorkspace *
csm_workspace_login_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_workspace_login_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
