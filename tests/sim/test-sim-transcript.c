/* test-sim-transcript.c: a conversation's transcript, read from the simulator through the provider.
 *
 * The provider's message parts joined with the ticket's history give the
 * messages in order, each with its writer, its role and its text; the
 * simulator's world says what the text must be.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "csm-message.h"
#include "csm-plain-text.h"
#include "csm-provider.h"
#include "csm-test-async.h"
#include "csm-test-helpdesk.h"

#define TOKEN "1-1-00112233445566778899aabbccddeeff"

typedef struct
{
  CsmTestHelpdesk *desk;
  CsmProvider *provider;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CsmAccount) account = NULL;

  f->desk = csm_test_helpdesk_start ("scenarios/fixture-small.json", TOKEN);
  account = csm_account_new ("rt", csm_test_helpdesk_get_url (f->desk), CSM_AUTH_TOKEN, NULL);
  f->provider = csm_provider_new_for_account (account, TOKEN, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->provider);
  csm_test_helpdesk_stop (f->desk);
}

static void
collect (GPtrArray *items,
         gpointer   user_data)
{
  GPtrArray *all = user_data;

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (all, csm_transaction_ref (g_ptr_array_index (items, i)));
}

static GPtrArray *
fetch_history (Fixture *f,
               gint64   ticket_id)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *history = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);

  g_array_append_val (ids, ticket_id);
  csm_provider_fetch_ticket_histories_async (f->provider, ids, collect, history, NULL,
                                             csm_test_store_result, &result);
  g_assert_true (csm_provider_fetch_ticket_histories_finish (f->provider,
                                                             csm_test_await (&result), NULL,
                                                             &error));
  g_assert_no_error (error);
  return history;
}

static GPtrArray *
fetch_parts (Fixture  *f,
             gint64    ticket_id,
             GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  csm_provider_fetch_message_parts_async (f->provider, ticket_id, NULL, csm_test_store_result,
                                          &result);
  return csm_provider_fetch_message_parts_finish (f->provider, csm_test_await (&result), error);
}

static gboolean
is_message (const CsmSimTransaction *txn)
{
  return strcmp (txn->type, "Create") == 0 || strcmp (txn->type, "Correspond") == 0 ||
         strcmp (txn->type, "Comment") == 0;
}

/* Every ticket's transcript holds its creation, replies and comments in
 * order, each with the text the world wrote, and agents' replies as replies. */
static void
test_every_ticket (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GHashTable) agents = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_comments = 0, n_replies = 0, n_customer = 0;

  /* The fixture's agents. */
  g_hash_table_add (agents, (gpointer) "alice");
  g_hash_table_add (agents, (gpointer) "bob");
  g_hash_table_add (agents, (gpointer) "dave");

  csm_sim_world_lock (f->desk->world);
  tickets = g_ptr_array_ref (csm_sim_world_get_tickets (f->desk->world));
  csm_sim_world_unlock (f->desk->world);

  for (guint t = 0; t < tickets->len; t++)
    {
      const CsmSimTicket *ticket = g_ptr_array_index (tickets, t);
      g_autoptr(GPtrArray) history = fetch_history (f, ticket->id);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) parts = fetch_parts (f, ticket->id, &error);
      g_autoptr(GPtrArray) messages = NULL;
      guint m = 0;

      g_assert_no_error (error);
      messages = csm_message_build_transcript (history, parts, NULL, agents);

      csm_sim_world_lock (f->desk->world);
      for (guint i = 0; i < ticket->txns->len; i++)
        {
          const CsmSimTransaction *txn =
            csm_sim_world_get_transaction_at (f->desk->world,
                                              g_array_index (ticket->txns, guint, i));
          const CsmSimUser *user;
          g_autofree char *expected = NULL;
          g_autofree char *normalised = NULL;
          CsmMessage *message;

          if (!is_message (txn))
            continue;
          g_assert_cmpuint (m, <, messages->len);
          message = g_ptr_array_index (messages, m++);
          user = csm_sim_world_lookup_user (f->desk->world, txn->creator);
          expected = csm_sim_world_get_message_content (f->desk->world, txn);
          normalised = csm_plain_text_normalise (expected);

          g_assert_cmpint (csm_message_get_transaction_id (message), ==, txn->id);
          g_assert_cmpint (csm_message_get_created (message), ==, txn->created);
          g_assert_cmpstr (csm_message_get_author (message), ==, user->name);
          g_assert_cmpstr (csm_message_get_body (message), ==, normalised);
          g_assert_cmpuint (strlen (csm_message_get_body (message)), >, 20);
          if (strcmp (txn->type, "Comment") == 0)
            {
              g_assert_cmpint (csm_message_get_role (message), ==, CSM_MESSAGE_COMMENT);
              n_comments++;
            }
          else if (g_hash_table_contains (agents, user->name))
            {
              g_assert_cmpint (csm_message_get_role (message), ==, CSM_MESSAGE_REPLY);
              n_replies++;
            }
          else
            {
              g_assert_cmpint (csm_message_get_role (message), ==, CSM_MESSAGE_CUSTOMER);
              n_customer++;
            }
        }
      csm_sim_world_unlock (f->desk->world);
      g_assert_cmpuint (m, ==, messages->len);
    }
  /* The fixture has all three kinds. */
  g_assert_cmpuint (n_comments, >, 0);
  g_assert_cmpuint (n_replies, >, 0);
  g_assert_cmpuint (n_customer, >, 0);
}

/* Text posted through REST2 comes back as posted; masking finds the
 * customer's e-mail address and phone number in it. */
static void
test_posted_text (Fixture       *f,
                  gconstpointer  data)
{
  const char *text = "Please write to jane.doe@example.org or call +49 30 1234567.\r\n";
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  CsmMessage *last;
  const char *masked;
  guint n_masked = 0;
  gint64 txn;

  csm_sim_world_lock (f->desk->world);
  txn = csm_sim_world_comment (f->desk->world, 1, 39, 0, NULL);
  csm_sim_world_set_message_content (f->desk->world, txn, text);
  csm_sim_world_unlock (f->desk->world);
  g_assert_cmpint (txn, >, 0);

  parts = fetch_parts (f, 1, &error);
  g_assert_no_error (error);
  history = fetch_history (f, 1);
  messages = csm_message_build_transcript (history, parts, NULL, NULL);
  last = g_ptr_array_index (messages, messages->len - 1);
  g_assert_cmpint (csm_message_get_transaction_id (last), ==, txn);
  g_assert_cmpint (csm_message_get_role (last), ==, CSM_MESSAGE_COMMENT);
  g_assert_cmpstr (csm_message_get_body (last), ==,
                   "Please write to jane.doe@example.org or call +49 30 1234567.");
  masked = csm_message_get_masked_body (last, &n_masked);
  g_assert_cmpstr (masked, ==, "Please write to [e-mail] or call [phone].");
  g_assert_cmpuint (n_masked, ==, 2);
}

/* A ticket that does not exist has no messages, as RT answers: an empty
 * collection, not an error. */
static void
test_missing_ticket (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = fetch_parts (f, 999999, &error);

  g_assert_no_error (error);
  g_assert_nonnull (parts);
  g_assert_cmpuint (parts->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sim/transcript/every-ticket", Fixture, NULL, fixture_set_up, test_every_ticket,
              fixture_tear_down);
  g_test_add ("/sim/transcript/posted-text", Fixture, NULL, fixture_set_up, test_posted_text,
              fixture_tear_down);
  g_test_add ("/sim/transcript/missing-ticket", Fixture, NULL, fixture_set_up,
              test_missing_ticket, fixture_tear_down);
  return g_test_run ();
}
