/* test-secret-store.c: tokens in a real keyring (gnome-keyring on a private session bus).
 *
 * Run inside `dbus-run-session` with an unlocked gnome-keyring, as the
 * README's test command does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>

#include "csm-account.h"
#include "csm-secret-store.h"
#include "csm-test-async.h"

static void
save (CsmAccount *account,
      const char *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  csm_secret_store_save_async (account, secret, NULL, csm_test_store_result, &result);
  g_assert_true (csm_secret_store_save_finish (csm_test_await (&result), &error));
  g_assert_no_error (error);
}

static char *
lookup (CsmAccount  *account,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  csm_secret_store_lookup_async (account, NULL, csm_test_store_result, &result);
  return csm_secret_store_lookup_finish (csm_test_await (&result), error);
}

/* How many keyring items the app's schema holds for a URL, counted with
 * libsecret directly rather than through the code under test. */
static guint
count_items (const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  GList *items;
  guint n;

  g_assert_no_error (error);
  g_hash_table_insert (attributes, (gpointer) "url", (gpointer) url);
  items = secret_service_search_sync (service, NULL, attributes, SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  n = g_list_length (items);
  g_list_free_full (items, g_object_unref);
  return n;
}

static void
test_store_lookup_replace_delete (void)
{
  g_autoptr(CsmAccount) token_account = csm_account_new ("rt", "https://rt.test.example", CSM_AUTH_TOKEN, NULL);
  g_autoptr(CsmAccount) alice = csm_account_new ("rt", "https://rt.test.example", CSM_AUTH_PASSWORD, "alice");
  g_autoptr(CsmAccount) other = csm_account_new ("rt", "https://other.test.example", CSM_AUTH_TOKEN, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  /* Nothing stored yet */
  secret = lookup (token_account, &error);
  g_assert_null (secret);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Store, look up */
  save (token_account, "1-14-first");
  save (alice, "alice-password");
  secret = lookup (token_account, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "1-14-first");
  g_clear_pointer (&secret, g_free);
  secret = lookup (alice, &error);
  g_assert_cmpstr (secret, ==, "alice-password");
  g_clear_pointer (&secret, g_free);
  g_assert_cmpuint (count_items ("https://rt.test.example"), ==, 2);

  /* Another helpdesk sees neither */
  secret = lookup (other, &error);
  g_assert_null (secret);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Replace: one item, the new secret */
  save (token_account, "1-14-second");
  secret = lookup (token_account, &error);
  g_assert_cmpstr (secret, ==, "1-14-second");
  g_clear_pointer (&secret, g_free);
  g_assert_cmpuint (count_items ("https://rt.test.example"), ==, 2);

  /* Delete: gone, alice's stays */
  {
    g_autoptr(GAsyncResult) result = NULL;
    csm_secret_store_delete_async (token_account, NULL, csm_test_store_result, &result);
    g_assert_true (csm_secret_store_delete_finish (csm_test_await (&result), &error));
    g_assert_no_error (error);
  }
  secret = lookup (token_account, &error);
  g_assert_null (secret);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  secret = lookup (alice, &error);
  g_assert_cmpstr (secret, ==, "alice-password");
  g_clear_pointer (&secret, g_free);
  g_assert_cmpuint (count_items ("https://rt.test.example"), ==, 1);
}

static void
test_find_by_url (void)
{
  g_autoptr(CsmAccount) bob = csm_account_new ("rt", "https://find.test.example/rt", CSM_AUTH_PASSWORD, "bob");
  g_autoptr(CsmAccount) found = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  save (bob, "bobs-password");

  /* What the command line does with only --url: the account comes back
   * with its user and auth method. */
  csm_secret_store_find_async ("rt", "https://find.test.example/rt", NULL, csm_test_store_result, &result);
  found = csm_secret_store_find_finish (csm_test_await (&result), &secret, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "bobs-password");
  g_assert_cmpstr (csm_account_get_username (found), ==, "bob");
  g_assert_cmpint (csm_account_get_auth_method (found), ==, CSM_AUTH_PASSWORD);
  g_assert_cmpstr (csm_account_get_id (found), ==, csm_account_get_id (bob));
  g_clear_object (&result);
  g_clear_pointer (&secret, g_free);

  csm_secret_store_find_async ("rt", "https://nowhere.test.example", NULL, csm_test_store_result, &result);
  g_assert_null (csm_secret_store_find_finish (csm_test_await (&result), &secret, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (secret);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/providers/secrets/keyring/store-lookup-replace-delete", test_store_lookup_replace_delete);
  g_test_add_func ("/providers/secrets/keyring/find-by-url", test_find_by_url);

  return g_test_run ();
}
