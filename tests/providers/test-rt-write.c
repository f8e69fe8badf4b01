/* test-rt-write.c: the RT provider's writes (PUT one field) and how RT's 200-with-messages is judged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "csm-provider.h"
#include "csm-rt-parse.h"
#include "csm-test-server.h"
#include "csm-ticket.h"
#include "csm-test-async.h"

#define TOKEN CSM_TEST_TOKEN

typedef CsmTestProviderFixture Fixture;

static gboolean
update (Fixture     *f,
        const char  *field,
        const char  *value,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  csm_provider_update_ticket_async (f->provider, 6, field, value, NULL, csm_test_store_result, &result);
  return csm_provider_update_ticket_finish (f->provider, csm_test_await (&result), error);
}

/* Judging RT's message lists, known answers (rt5.md §9, the captures). */
static void
test_judge (void)
{
  static const struct {
    const char *messages[3];
    gboolean ok;
    int code;
  } cases[] = {
    { { "Ticket 3: Owner changed from Nobody to alice", NULL }, TRUE, 0 },
    { { "Ticket 3: Status changed from 'open' to 'resolved'", NULL }, TRUE, 0 },
    { { "Ticket 3: That is already the current value", NULL }, TRUE, 0 },
    { { "Ticket 3: That user already owns that ticket", NULL }, TRUE, 0 },
    { { NULL }, TRUE, 0 },  /* RT skipped a field that had the value */
    { { "Ticket 1: Permission Denied", NULL }, FALSE, CSM_PROVIDER_ERROR_FORBIDDEN },
    { { "Ticket 6: Status 'bogus' isn't a valid status for this ticket.", NULL }, FALSE,
      CSM_PROVIDER_ERROR_REFUSED },
    { { "Ticket 1: That user does not exist", "Ticket 1: Permission Denied", NULL }, FALSE,
      CSM_PROVIDER_ERROR_FORBIDDEN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = csm_rt_judge_update_messages (cases[i].messages, &error);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_no_error (error);
          continue;
        }
      g_assert_error (error, CSM_PROVIDER_ERROR, cases[i].code);
      /* RT's own words reach the user. */
      g_assert_nonnull (strstr (error->message, cases[i].messages[0]));
    }
}

/* One field per PUT, to /ticket/:id, as JSON; success from the messages. */
static void
test_put_owner (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  CsmTestRequest *r;
  JsonObject *body;

  csm_test_server_route_body (f->server, "/REST/2.0/ticket/6", 200, "application/json",
                              "[\"Ticket 6: Owner changed from Nobody to bob\"]");
  g_assert_true (update (f, "Owner", "bob", &error));
  g_assert_no_error (error);

  requests = csm_test_server_get_requests (f->server);
  g_assert_cmpuint (requests->len, ==, 1);
  r = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (r->method, ==, "PUT");
  g_assert_cmpstr (r->path, ==, "/REST/2.0/ticket/6");
  g_assert_cmpstr (r->authorization, ==, "token " TOKEN);
  g_assert_nonnull (r->body);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (r->body, NULL),
                                             g_bytes_get_size (r->body), NULL));
  body = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (body), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (body, "Owner"), ==, "bob");
}

/* RT's captured refusals, replayed with their real headers. */
static void
test_put_refusals (Fixture       *f,
                   gconstpointer  data)
{
  static const struct {
    const char *capture;
    const char *field;
    int code;
    const char *words;
  } cases[] = {
    { "rt5/errors/200_viewer_put_owner.txt", "Owner", CSM_PROVIDER_ERROR_FORBIDDEN,
      "Permission Denied" },
    { "rt5/errors/200_viewer_put_status.txt", "Status", CSM_PROVIDER_ERROR_FORBIDDEN,
      "Permission Denied" },
    { "rt5/errors/200_put_invalid_status.txt", "Status", CSM_PROVIDER_ERROR_REFUSED,
      "Status 'bogus' isn't a valid status for this ticket." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      csm_test_server_route_capture (f->server, "/REST/2.0/ticket/6", cases[i].capture);
      g_assert_false (update (f, cases[i].field, "bogus", &error));
      g_test_message ("%s → %s", cases[i].capture, error->message);
      g_assert_error (error, CSM_PROVIDER_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }
}

/* HTTP-level failures keep their kinds (the outbox retries the transient). */
static void
test_put_http_errors (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  csm_test_server_route_body (f->server, "/REST/2.0/ticket/6", 503, "application/json", "");
  g_assert_false (update (f, "Owner", "bob", &error));
  g_assert_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_SERVER);
  g_assert_true (csm_provider_error_is_transient (error));
  g_clear_error (&error);

  csm_test_server_route_capture (f->server, "/REST/2.0/ticket/6", "rt5/errors/404_ticket.txt");
  g_assert_false (update (f, "Owner", "bob", &error));
  g_assert_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_NOT_FOUND);
  g_assert_false (csm_provider_error_is_transient (error));
  g_clear_error (&error);

  /* Not a message list: a bad answer, not a success. */
  csm_test_server_route_body (f->server, "/REST/2.0/ticket/6", 200, "application/json",
                              "{\"id\":6}");
  g_assert_false (update (f, "Owner", "bob", &error));
  g_assert_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE);
}

/* One ticket by a search for its id, parsed like the ticket list. */
static void
test_fetch_ticket (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmTicket) ticket = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  CsmTestRequest *r;

  csm_test_server_route_file (f->server, "/REST/2.0/tickets", 200, "rt5/tickets_full_page1.json");
  csm_provider_fetch_ticket_async (f->provider, 3, NULL, csm_test_store_result, &result);
  ticket = csm_provider_fetch_ticket_finish (f->provider, csm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (csm_ticket_get_id (ticket), ==, 3);
  requests = csm_test_server_get_requests (f->server);
  r = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (g_hash_table_lookup (r->params, "query"), ==, "id = 3");
  g_clear_object (&result);

  /* Not in the answer: not found. */
  csm_provider_fetch_ticket_async (f->provider, 999, NULL, csm_test_store_result, &result);
  g_assert_null (csm_provider_fetch_ticket_finish (f->provider, csm_test_await (&result), &error));
  g_assert_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_NOT_FOUND);
}

static void
test_has_value (void)
{
  g_autoptr(GBytes) body = csm_test_load_data ("rt5/tickets_full_page1.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmRtPage) page = csm_rt_parse_page (body, CSM_RT_ITEM_TICKET, &error);
  CsmTicket *unowned, *owned = NULL;

  g_assert_no_error (error);
  unowned = g_ptr_array_index (page->items, 0);
  for (guint i = 0; i < page->items->len && owned == NULL; i++)
    if (csm_ticket_get_owner (g_ptr_array_index (page->items, i)) != NULL)
      owned = g_ptr_array_index (page->items, i);
  g_assert_nonnull (owned);

  g_assert_null (csm_ticket_get_owner (unowned));
  g_assert_true (csm_provider_ticket_has_value (unowned, "Owner", "Nobody"));
  g_assert_false (csm_provider_ticket_has_value (unowned, "Owner", "bob"));
  g_assert_true (csm_provider_ticket_has_value (owned, "Owner", csm_ticket_get_owner (owned)));
  g_assert_false (csm_provider_ticket_has_value (owned, "Owner", "Nobody"));
  g_assert_true (csm_provider_ticket_has_value (unowned, "Status", "NEW"));
  g_assert_false (csm_provider_ticket_has_value (unowned, "Status", "open"));
  g_assert_false (csm_provider_ticket_has_value (unowned, "Queue", "Support"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, csm_test_provider_fixture_set_up, func, \
              csm_test_provider_fixture_tear_down)

  g_test_add_func ("/providers/rt/write/judge", test_judge);
  g_test_add_func ("/providers/rt/write/has-value", test_has_value);
  ADD ("/providers/rt/write/put-owner", test_put_owner);
  ADD ("/providers/rt/write/refusals", test_put_refusals);
  ADD ("/providers/rt/write/http-errors", test_put_http_errors);
  ADD ("/providers/rt/write/fetch-ticket", test_fetch_ticket);

#undef ADD

  return g_test_run ();
}
