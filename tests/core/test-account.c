/* test-account.c: an account's addresses: what a user types becomes RT's REST and web URLs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-account.h"

static void
test_account_urls (void)
{
  struct { const char *in; const char *out; } ok[] = {
    { "rt.example.com", "https://rt.example.com" },
    { "https://RT.Example.com/", "https://rt.example.com" },
    { "https://rt.example.com/rt/", "https://rt.example.com/rt" },
    { "https://rt.example.com/REST/2.0/", "https://rt.example.com" },
    { "http://127.0.0.1:8088", "http://127.0.0.1:8088" },
    { "  http://127.0.0.1:8088/rt/REST/2.0  ", "http://127.0.0.1:8088/rt" },
  };
  const char *bad[] = { "", "ftp://rt.example.com", "https://", "https://root:pw@rt.example.com" };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = csm_account_normalize_url (ok[i].in, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (url, ==, ok[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = csm_account_normalize_url (bad[i], &error);
      g_assert_null (url);
      g_assert_error (error, CSM_ACCOUNT_ERROR, CSM_ACCOUNT_ERROR_INVALID_URL);
    }

  {
    g_autoptr(CsmAccount) a = csm_account_new ("rt", "https://rt.example.com", CSM_AUTH_TOKEN, NULL);
    g_autoptr(CsmAccount) b = csm_account_new ("rt", "https://rt.example.com", CSM_AUTH_PASSWORD, "alice");
    g_autoptr(CsmAccount) a2 = csm_account_new ("rt", "https://rt.example.com", CSM_AUTH_TOKEN, NULL);
    g_autofree char *label = csm_account_dup_label (b);
    g_autofree char *web = csm_account_dup_web_url (a, 42);

    g_assert_cmpstr (csm_account_get_id (a), ==, csm_account_get_id (a2));
    g_assert_cmpstr (csm_account_get_id (a), !=, csm_account_get_id (b));
    g_assert_cmpuint (strlen (csm_account_get_id (a)), ==, 16);
    g_assert_cmpstr (label, ==, "alice @ rt.example.com");
    g_assert_cmpstr (web, ==, "https://rt.example.com/Ticket/Display.html?id=42");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/account/urls", test_account_urls);

  return g_test_run ();
}
