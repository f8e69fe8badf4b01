/* test-rt-write.c: write-backs through CsmOutbox against a real RT 5 (run under with-rt.sh).
 *
 * Ticket 1 of the fixture seed is unowned in Support. Root reassigns it to
 * bob through the outbox; the viewer (no ModifyTicket) then tries to give
 * it to alice, which RT refuses with 200 ["Ticket 1: Permission Denied"]:
 * the outbox reports the failure and RT's ticket is unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "csm-outbox.h"
#include "csm-provider.h"
#include "csm-store.h"
#include "csm-ticket.h"
#include "csm-test-async.h"

static char *rt_url;

typedef struct
{
  guint delivered;
  guint failed;
  GError *error;
} Outcome;

static char *
read_token (const char *variable)
{
  const char *file = g_getenv (variable);
  g_autoptr(GError) error = NULL;
  char *token = NULL;

  if (file == NULL || !g_file_get_contents (file, &token, NULL, &error))
    return NULL;
  return g_strstrip (token);
}

static CsmProvider *
provider_for (const char *token_variable)
{
  g_autofree char *token = read_token (token_variable);
  g_autoptr(CsmAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  CsmProvider *provider;

  g_assert_nonnull (token);
  account = csm_account_new ("rt", rt_url, CSM_AUTH_TOKEN, NULL);
  provider = csm_provider_new_for_account (account, token, &error);
  g_assert_no_error (error);
  return provider;
}

static CsmTicket *
fetch_ticket (CsmProvider *provider,
              gint64       id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CsmTicket *ticket;

  csm_provider_fetch_ticket_async (provider, id, NULL, csm_test_store_result, &result);
  ticket = csm_provider_fetch_ticket_finish (provider, csm_test_await (&result), &error);
  g_assert_no_error (error);
  return ticket;
}

static void
delivered_cb (CsmOutbox  *outbox,
              gint64      ticket_id,
              const char *field,
              const char *value,
              Outcome    *o)
{
  o->delivered++;
}

static void
failed_cb (CsmOutbox    *outbox,
           gint64        ticket_id,
           const char   *field,
           const GError *error,
           Outcome      *o)
{
  o->failed++;
  g_clear_error (&o->error);
  o->error = g_error_copy (error);
}

/* Queues @value for ticket 1's Owner as @token_variable's user and waits
 * for the outcome. */
static void
reassign (const char *token_variable,
          const char *value,
          Outcome    *o)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmProvider) provider = provider_for (token_variable);
  g_autoptr(CsmOutbox) outbox = NULL;

  csm_store_open_async (NULL, NULL, csm_test_store_result, &result);
  store = csm_store_open_finish (csm_test_await (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  outbox = csm_outbox_new (store, provider, NULL);
  g_signal_connect (outbox, "delivered", G_CALLBACK (delivered_cb), o);
  g_signal_connect (outbox, "failed", G_CALLBACK (failed_cb), o);
  csm_outbox_start (outbox);
  csm_outbox_queue_async (outbox, 1, "Owner", value, "Nobody", NULL, csm_test_store_result, &result);
  g_assert_cmpint (csm_outbox_queue_finish (outbox, csm_test_await (&result), &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&result);

  while (o->delivered == 0 && o->failed == 0)
    g_main_context_iteration (NULL, TRUE);
  csm_outbox_stop (outbox);

  csm_store_close_async (store, NULL, csm_test_store_result, &result);
  csm_store_close_finish (store, csm_test_await (&result), NULL);
}

static void
test_reassign (void)
{
  g_autoptr(CsmProvider) root = provider_for ("CSM_TEST_RT_TOKEN_FILE");
  g_autoptr(CsmTicket) before = fetch_ticket (root, 1);
  g_autoptr(CsmTicket) after = NULL;
  Outcome o = { 0, };

  g_assert_false (csm_provider_ticket_has_value (before, "Owner", "bob"));
  reassign ("CSM_TEST_RT_TOKEN_FILE", "bob", &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.delivered, ==, 1);
  after = fetch_ticket (root, 1);
  g_assert_cmpstr (csm_ticket_get_owner (after), ==, "bob");
}

static void
test_reassign_refused (void)
{
  g_autoptr(CsmProvider) root = provider_for ("CSM_TEST_RT_TOKEN_FILE");
  g_autoptr(CsmTicket) before = NULL;
  g_autoptr(CsmTicket) after = NULL;
  g_autofree char *viewer = read_token ("CSM_TEST_RT_VIEWER_TOKEN_FILE");
  Outcome o = { 0, };

  if (viewer == NULL)
    {
      g_test_skip ("no viewer token");
      return;
    }
  before = fetch_ticket (root, 1);
  reassign ("CSM_TEST_RT_VIEWER_TOKEN_FILE", "alice", &o);
  g_assert_cmpuint (o.delivered, ==, 0);
  g_assert_cmpuint (o.failed, ==, 1);
  g_test_message ("RT refused: %s", o.error->message);
  g_assert_error (o.error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (o.error->message, "Permission Denied"));

  after = fetch_ticket (root, 1);
  g_assert_cmpstr (csm_ticket_get_owner (after), ==, csm_ticket_get_owner (before));
  g_assert_cmpstr (csm_ticket_get_status (after), ==, csm_ticket_get_status (before));
  g_assert_cmpint (csm_ticket_get_last_updated (after), ==, csm_ticket_get_last_updated (before));
  g_clear_error (&o.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  rt_url = g_strdup (g_getenv ("CSM_TEST_RT_URL"));
  if (rt_url == NULL)
    {
      g_test_message ("CSM_TEST_RT_URL is not set: run under tests/rt/with-rt.sh");
      return 77;
    }

  /* In this order: the refusal checks the ticket the reassign left. */
  g_test_add_func ("/rt/write/1-reassign", test_reassign);
  g_test_add_func ("/rt/write/2-reassign-refused", test_reassign_refused);
  return g_test_run ();
}
