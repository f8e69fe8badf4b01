/* csm-secret-store.c: helpdesk tokens and passwords in the keyring, and nowhere else.
 *
 * One libsecret schema named after the application. An item is keyed by
 * provider, base URL and user, so the same helpdesk can be used as two
 * different users; the secret itself only ever lives in the keyring and in
 * the memory of the provider that uses it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-secret-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "csm-secret-store.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APP_ID, SECRET_SCHEMA_NONE,
    {
      { "provider", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "auth", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

static const char *
auth_name (CsmAuthMethod method)
{
  return method == CSM_AUTH_PASSWORD ? "password" : "token";
}

static GHashTable *
account_attributes (CsmAccount *account,
                    gboolean    with_auth)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);
  const char *user = csm_account_get_username (account);

  g_hash_table_insert (attributes, (gpointer) "provider",
                       (gpointer) csm_account_get_provider (account));
  g_hash_table_insert (attributes, (gpointer) "url", (gpointer) csm_account_get_base_url (account));
  g_hash_table_insert (attributes, (gpointer) "user", (gpointer) (user ? user : ""));
  if (with_auth)
    g_hash_table_insert (attributes, (gpointer) "auth",
                         (gpointer) auth_name (csm_account_get_auth_method (account)));
  return attributes;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
cleared_before_save_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsmAccount *account = g_task_get_source_object (task);
  const char *secret = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = account_attributes (account, TRUE);
  g_autofree char *label = NULL;
  GCancellable *cancellable;

  /* A failed clear only means there was nothing to replace. */
  secret_password_clear_finish (result, NULL);

  label = g_strdup_printf (_("CSM Console: %s"), csm_account_get_base_url (account));
  cancellable = g_task_get_cancellable (task);
  secret_password_storev (get_schema (), attributes, SECRET_COLLECTION_DEFAULT, label, secret,
                          cancellable, save_cb, g_steal_pointer (&task));
}

static void
wipe_and_free (gpointer data)
{
  char *secret = data;

  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}

/**
 * csm_secret_store_save_async:
 * @account: the account the secret belongs to
 * @secret: the token or password
 *
 * Stores the secret in the default keyring collection, replacing the
 * account's previous secret (whatever its auth method was).
 */
void
csm_secret_store_save_async (CsmAccount          *account,
                             const char          *secret,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (CSM_IS_ACCOUNT (account));
  g_return_if_fail (secret != NULL);

  task = g_task_new (account, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_secret_store_save_async);
  g_task_set_task_data (task, g_strdup (secret), wipe_and_free);

  attributes = account_attributes (account, FALSE);
  secret_password_clearv (get_schema (), attributes, cancellable, cleared_before_save_cb,
                          g_steal_pointer (&task));
}

gboolean
csm_secret_store_save_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else if (secret == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("The keyring holds no secret for this helpdesk account."));
  else
    {
      /* Move it out of libsecret's secure memory into ours, wiped on free. */
      char *copy = g_strdup (secret);
      secret_password_free (secret);
      g_task_return_pointer (task, copy, wipe_and_free);
    }
}

void
csm_secret_store_lookup_async (CsmAccount          *account,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (CSM_IS_ACCOUNT (account));

  task = g_task_new (account, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_secret_store_lookup_async);
  attributes = account_attributes (account, FALSE);
  secret_password_lookupv (get_schema (), attributes, cancellable, lookup_cb, task);
}

/**
 * csm_secret_store_lookup_finish:
 *
 * Returns: (transfer full): the secret; free it with g_free() after wiping,
 *   or %NULL with %G_IO_ERROR_NOT_FOUND when the keyring has none
 */
char *
csm_secret_store_lookup_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
csm_secret_store_delete_async (CsmAccount          *account,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (CSM_IS_ACCOUNT (account));

  task = g_task_new (account, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_secret_store_delete_async);
  attributes = account_attributes (account, FALSE);
  secret_password_clearv (get_schema (), attributes, cancellable, delete_cb, task);
}

gboolean
csm_secret_store_delete_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  CsmAccount *account;
  char *secret;
} Found;

static void
found_free (Found *found)
{
  g_clear_object (&found->account);
  wipe_and_free (found->secret);
  g_free (found);
}

static void
retrieved_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SecretRetrievable *item = SECRET_RETRIEVABLE (object);
  g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (item);
  g_autoptr(SecretValue) value = NULL;
  GError *error = NULL;
  const char *auth, *user, *provider, *url;
  Found *found;

  value = secret_retrievable_retrieve_secret_finish (item, result, &error);
  if (value == NULL)
    {
      if (error == NULL)
        error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("The keyring entry for this helpdesk has no secret."));
      g_task_return_error (task, error);
      return;
    }

  provider = g_hash_table_lookup (attributes, "provider");
  url = g_hash_table_lookup (attributes, "url");
  auth = g_hash_table_lookup (attributes, "auth");
  user = g_hash_table_lookup (attributes, "user");
  if (provider == NULL || url == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The keyring entry for this helpdesk is incomplete."));
      return;
    }

  found = g_new0 (Found, 1);
  found->account = csm_account_new (provider, url,
                                    g_strcmp0 (auth, "password") == 0 ? CSM_AUTH_PASSWORD
                                                                      : CSM_AUTH_TOKEN,
                                    user && *user ? user : NULL);
  found->secret = g_strdup (secret_value_get_text (value));
  g_task_return_pointer (task, found, (GDestroyNotify) found_free);
}

static void
find_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *items;
  GCancellable *cancellable = g_task_get_cancellable (task);

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (items == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The keyring holds no secret for this helpdesk."));
      return;
    }

  secret_retrievable_retrieve_secret (items->data, cancellable, retrieved_cb,
                                      g_steal_pointer (&task));
  g_list_free_full (items, g_object_unref);
}

/**
 * csm_secret_store_find_async:
 * @provider: "rt"
 * @base_url: a normalised helpdesk URL
 *
 * Finds any stored secret for the helpdesk, whichever user it is for: what
 * the command line uses when it is only given a URL.
 */
void
csm_secret_store_find_async (const char          *provider,
                             const char          *base_url,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (provider != NULL);
  g_return_if_fail (base_url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_secret_store_find_async);
  g_hash_table_insert (attributes, (gpointer) "provider", (gpointer) provider);
  g_hash_table_insert (attributes, (gpointer) "url", (gpointer) base_url);
  secret_password_searchv (get_schema (), attributes,
                           SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                           cancellable, find_cb, task);
}

/**
 * csm_secret_store_find_finish:
 * @out_secret: (out) (transfer full): the secret
 *
 * Returns: (transfer full): the account the secret belongs to
 */
CsmAccount *
csm_secret_store_find_finish (GAsyncResult  *result,
                              char         **out_secret,
                              GError       **error)
{
  Found *found;
  CsmAccount *account;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (out_secret != NULL, NULL);

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return NULL;
  account = g_steal_pointer (&found->account);
  *out_secret = g_steal_pointer (&found->secret);
  found_free (found);
  return account;
}
