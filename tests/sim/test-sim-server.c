/* test-sim-server.c: the simulator's REST2 server against RT 5.0.3's captured shapes and quirks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server runs in its own thread (csm_sim_server_start_in_thread) over
 * the fixture helpdesk; the test talks to it with a synchronous libsoup
 * session. Expected shapes come from the real RT captures in
 * tests/data/rt5/ and shared/reference/rt5-json, expected values from the
 * fixture's story (tests/sim/sim-fixture.c).
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "csm-sim-scenario.h"
#include "csm-sim-server.h"
#include "csm-ticketsql.h"
#include "sim-fixture.h"

#define ROOT "root-token"
#define VIEWER "viewer-token"
#define ALICE "alice-token"
#define CAROL "carol-token"

static CsmSimWorld *world;
static CsmSimServer *server;
static SoupSession *session;

typedef struct
{
  guint status;
  SoupMessageHeaders *headers;
  GBytes *body;
  char *text;              /* the body, NUL-terminated */
  JsonNode *json;
} Response;

static void
response_free (Response *response)
{
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_free (response->text);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

static Response *
request_full (const char *method,
              const char *path,
              const char *token,
              const char *content_type,
              const char *body,
              const char *header,
              const char *header_value)
{
  g_autofree char *url = g_strconcat (csm_sim_server_get_url (server), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  Response *response = g_new0 (Response, 1);
  gsize length;
  const char *data;

  g_assert_nonnull (msg);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("token ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
  if (header != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), header, header_value);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type ? content_type : "application/json",
                                                bytes);
    }

  response->body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));

  data = g_bytes_get_data (response->body, &length);
  response->text = g_strndup (data ? data : "", length);
  if (length > 0 && (data[0] == '{' || data[0] == '['))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, data, length, NULL))
        response->json = json_node_ref (json_parser_get_root (parser));
    }
  return response;
}

static Response *
get (const char *path,
     const char *token)
{
  return request_full ("GET", path, token, NULL, NULL, NULL, NULL);
}

static const char *
body_text (Response *response)
{
  return response->text;
}

static JsonObject *
obj (Response *response)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));
  return json_node_get_object (response->json);
}

static const char *
header (Response   *response,
        const char *name)
{
  return soup_message_headers_get_one (response->headers, name);
}

static char *
ids_of (JsonObject *envelope)
{
  JsonArray *items = json_object_get_array_member (envelope, "items");
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonNode *id = json_object_get_member (item, "id");

      if (json_node_get_value_type (id) == G_TYPE_STRING)
        g_string_append_printf (out, "%s%s", i ? " " : "", json_node_get_string (id));
      else
        g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? " " : "", json_node_get_int (id));
    }
  return g_string_free (out, FALSE);
}

static char *
sorted_keys (JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);
  GString *out = g_string_new (NULL);

  members = g_list_sort (members, (GCompareFunc) g_strcmp0);
  for (GList *l = members; l != NULL; l = l->next)
    g_string_append_printf (out, "%s%s", out->len ? "," : "", (const char *) l->data);
  return g_string_free (out, FALSE);
}

static JsonNode *
load_capture (const char *relative)
{
  const char *srcdir = g_getenv ("CSM_TEST_SRCDIR");
  g_autofree char *path = g_build_filename (srcdir ? srcdir : SIM_TESTS_SRCDIR "/..", "data", "rt5",
                                            relative, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

/* Mutations from the test thread hold the world lock (the server thread
 * takes it for every request). */
static void
with_world_locked (void (*func) (gpointer),
                   gpointer data)
{
  csm_sim_world_lock (world);
  func (data);
  csm_sim_world_unlock (world);
}

/* ------------------------------------------------------------------------ */

static void
test_rt_and_headers (void)
{
  g_autoptr(Response) r = get ("/REST/2.0/rt", ROOT);
  JsonObject *o = obj (r);

  g_autoptr(JsonNode) captured = load_capture ("rt_deb12u7.json");

  g_assert_cmpuint (r->status, ==, 200);
  /* The simulator is the RT the captures came from (Debian's current one). */
  g_assert_cmpstr (json_object_get_string_member (o, "Version"), ==,
                   json_object_get_string_member (json_node_get_object (captured), "Version"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "Plugins")), ==, 0);
  g_assert_cmpstr (header (r, "Content-Type"), ==, "application/json; charset=\"utf-8\"");
  /* The Date header follows the world's clock. */
  g_assert_cmpstr (header (r, "Date"), ==, "Mon, 23 Nov 2026 12:00:00 GMT");
  g_assert_null (header (r, "ETag"));
}

static void
test_auth (void)
{
  {
    g_autoptr(Response) r = get ("/REST/2.0/tickets?query=id%3E0", NULL);

    g_assert_cmpuint (r->status, ==, 401);
    g_assert_cmpstr (body_text (r), ==, "{\"message\":\"Unauthorized\"}");
    g_assert_cmpstr (header (r, "Content-Type"), ==, "application/json; charset=utf-8");
  }
  {
    g_autoptr(Response) r = get ("/REST/2.0/rt", "1-999-0123456789abcdef0123456789abcdef");

    g_assert_cmpuint (r->status, ==, 401);
    g_assert_cmpstr (body_text (r), ==, "{\"message\":\"Unauthorized\"}");
  }
  {
    g_autoptr(Response) r = request_full ("GET", "/REST/2.0/rt", NULL, NULL, NULL, "User-Agent",
                                          "Mozilla/5.0 (X11; Linux x86_64)");

    g_assert_cmpuint (r->status, ==, 302);
    g_assert_cmpstr (header (r, "Location"), ==, "/");
    g_assert_cmpstr (body_text (r), ==, "Login required");
  }
  {
    g_autoptr(Response) r = get ("/REST/2.0/rt?token=" ROOT, NULL);

    g_assert_cmpuint (r->status, ==, 200);
  }
  {
    /* Authentication comes before routing. */
    g_autoptr(Response) r = get ("/REST/2.0/nosuch", NULL);

    g_assert_cmpuint (r->status, ==, 401);
  }
}

static void
test_envelope_shapes (void)
{
  g_autoptr(JsonNode) capture = load_capture ("tickets_full_page1.json");
  JsonObject *captured = json_node_get_object (capture);
  JsonObject *captured_item = json_array_get_object_element (json_object_get_array_member (captured,
                                                                                          "items"), 0);
  g_autoptr(Response) r = get ("/REST/2.0/tickets?query=id%3E0&fields=id,Subject,Status,Queue,Owner,"
                               "Priority,Created,LastUpdated,Starts,Started,Due,Resolved,Told,"
                               "TimeWorked,TimeEstimated,SLA,Requestor,CustomFields,Creator"
                               "&fields%5BQueue%5D=Name&fields%5BOwner%5D=Name%2CRealName"
                               "&orderby=id&order=ASC&per_page=5&page=1", ROOT);
  JsonObject *o = obj (r);
  JsonObject *item = json_array_get_object_element (json_object_get_array_member (o, "items"), 0);
  g_autofree char *keys = sorted_keys (o);
  g_autofree char *captured_keys = sorted_keys (captured);
  g_autofree char *item_keys = sorted_keys (item);
  g_autofree char *captured_item_keys = sorted_keys (captured_item);
  g_autofree char *queue_keys = sorted_keys (json_object_get_object_member (item, "Queue"));
  g_autofree char *captured_queue_keys = sorted_keys (json_object_get_object_member (captured_item,
                                                                                     "Queue"));
  g_autofree char *owner_keys = sorted_keys (json_object_get_object_member (item, "Owner"));
  g_autofree char *captured_owner_keys = sorted_keys (json_object_get_object_member (captured_item,
                                                                                     "Owner"));

  g_assert_cmpuint (r->status, ==, 200);
  /* Same envelope and item members as RT's page 1 of the same request. */
  g_assert_cmpstr (keys, ==, captured_keys);
  g_assert_cmpstr (item_keys, ==, captured_item_keys);
  g_assert_cmpstr (queue_keys, ==, captured_queue_keys);
  g_assert_cmpstr (owner_keys, ==, captured_owner_keys);

  g_assert_cmpint (json_object_get_int_member (o, "count"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (o, "page"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "pages"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (o, "per_page"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (o, "total"), ==, 15);
  g_assert_false (json_object_has_member (o, "prev_page"));
  {
    g_autofree char *expected = g_strconcat (csm_sim_server_get_url (server),
                                             "/REST/2.0/tickets?query=id%3E0&fields=id%2CSubject%2C"
                                             "Status%2CQueue%2COwner%2CPriority%2CCreated%2CLastUpdated"
                                             "%2CStarts%2CStarted%2CDue%2CResolved%2CTold%2CTimeWorked"
                                             "%2CTimeEstimated%2CSLA%2CRequestor%2CCustomFields%2CCreator"
                                             "&fields%5BQueue%5D=Name&fields%5BOwner%5D=Name%2CRealName"
                                             "&orderby=id&order=ASC&per_page=5&page=2", NULL);

    g_assert_cmpstr (json_object_get_string_member (o, "next_page"), ==, expected);
  }

  /* With "id" among the fields, ids are numbers; values are RT's strings. */
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (item, "id")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (item, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (item, "Priority"), ==, "70");
  g_assert_cmpstr (json_object_get_string_member (item, "TimeWorked"), ==, "50");
  g_assert_cmpstr (json_object_get_string_member (item, "SLA"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (item, "Due"), ==, "1970-01-01T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (item, "Told"), ==, "2026-11-20T16:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "Queue"), "id"),
                   ==, "5");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "Queue"), "Name"),
                   ==, "Technical");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "Owner"),
                                                  "RealName"), ==, "Dave Duty");
  {
    JsonArray *cfs = json_object_get_array_member (item, "CustomFields");
    JsonObject *csat = json_array_get_object_element (cfs, 0);
    g_autofree char *cf_keys = sorted_keys (csat);

    g_assert_cmpuint (json_array_get_length (cfs), ==, 4);
    g_assert_cmpstr (cf_keys, ==, "_url,id,name,type,values");
    g_assert_cmpstr (json_object_get_string_member (csat, "name"), ==, "CSAT");
    g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (csat, "values"), 0),
                     ==, "2");
  }
}

static void
test_paging (void)
{
  {
    /* Without fields: string ids, only {id, type, _url}. */
    g_autoptr(Response) r = get ("/REST/2.0/tickets?query=id%3E0&per_page=3", ROOT);
    JsonObject *item = json_array_get_object_element (json_object_get_array_member (obj (r), "items"),
                                                      0);
    g_autofree char *keys = sorted_keys (item);

    g_assert_cmpstr (keys, ==, "_url,id,type");
    g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, "1");
  }
  {
    /* per_page is capped at 100 without a word; 0 and junk mean 20. */
    g_autoptr(Response) r = get ("/REST/2.0/tickets?query=id%3E0&per_page=500", ROOT);
    g_autoptr(Response) zero = get ("/REST/2.0/tickets?query=id%3E0&per_page=0", ROOT);
    g_autoptr(Response) junk = get ("/REST/2.0/tickets?query=id%3E0&per_page=abc&page=xyz", ROOT);

    g_assert_cmpint (json_object_get_int_member (obj (r), "per_page"), ==, 100);
    g_assert_cmpint (json_object_get_int_member (obj (r), "count"), ==, 15);
    g_assert_cmpint (json_object_get_int_member (obj (zero), "per_page"), ==, 20);
    g_assert_cmpint (json_object_get_int_member (obj (junk), "per_page"), ==, 20);
    g_assert_cmpint (json_object_get_int_member (obj (junk), "page"), ==, 1);
  }
  {
    /* A page past the end: 200, nothing, prev_page to the last page. */
    g_autoptr(Response) r = get ("/REST/2.0/tickets?query=id%3E0&per_page=5&page=9", ROOT);
    JsonObject *o = obj (r);
    g_autofree char *expected = g_strconcat (csm_sim_server_get_url (server),
                                             "/REST/2.0/tickets?query=id%3E0&per_page=5&page=3", NULL);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (o, "count"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (o, "page"), ==, 9);
    g_assert_cmpint (json_object_get_int_member (o, "pages"), ==, 3);
    g_assert_false (json_object_has_member (o, "next_page"));
    g_assert_cmpstr (json_object_get_string_member (o, "prev_page"), ==, expected);
  }
  {
    /* The stray "=" pair where "page" stood, as RT's URLs have it. */
    g_autoptr(Response) r = get ("/REST/2.0/tickets?page=2&query=id%3E0&per_page=3", ROOT);
    g_autoptr(Response) middle = get ("/REST/2.0/tickets?query=Status%3D'new'&per_page=1&page=2"
                                      "&orderby=id", ROOT);
    g_autofree char *next = g_strconcat (csm_sim_server_get_url (server),
                                         "/REST/2.0/tickets?=&query=id%3E0&per_page=3&page=3", NULL);
    g_autofree char *prev = g_strconcat (csm_sim_server_get_url (server),
                                         "/REST/2.0/tickets?query=Status%3D'new'&per_page=1&=&orderby=id"
                                         "&page=1", NULL);
    g_autofree char *ids = ids_of (obj (middle));

    g_assert_cmpstr (json_object_get_string_member (obj (r), "next_page"), ==, next);
    g_assert_cmpstr (json_object_get_string_member (obj (middle), "prev_page"), ==, prev);
    g_assert_cmpstr (ids, ==, "13");
  }
  {
    /* Nothing found: pages is the float 0.0; no query at all finds nothing. */
    g_autoptr(Response) r = get ("/REST/2.0/tickets?query=id%3E9999", ROOT);
    g_autoptr(Response) none = get ("/REST/2.0/tickets?per_page=1", ROOT);
    g_autoptr(JsonNode) capture = load_capture ("tickets_incremental_empty.json");
    g_autofree char *keys = sorted_keys (obj (r));
    g_autofree char *captured_keys = sorted_keys (json_node_get_object (capture));

    g_assert_cmpstr (keys, ==, captured_keys);
    g_assert_true (strstr (body_text (r), "\"pages\" : 0.0") != NULL);
    g_assert_cmpint (json_node_get_value_type (json_object_get_member (obj (r), "pages")), ==,
                     G_TYPE_DOUBLE);
    g_assert_cmpint (json_object_get_int_member (obj (none), "total"), ==, 0);
    g_assert_cmpuint (none->status, ==, 200);
  }
  {
    /* An unknown sort column: the count, but no rows. */
    g_autoptr(Response) r = get ("/REST/2.0/tickets?query=id%3E0&orderby=Bogus", ROOT);

    g_assert_cmpint (json_object_get_int_member (obj (r), "total"), ==, 15);
    g_assert_cmpint (json_object_get_int_member (obj (r), "count"), ==, 0);
  }
}

static void
test_ticket_record (void)
{
  g_autoptr(JsonNode) capture = NULL;
  g_autoptr(Response) r = get ("/REST/2.0/ticket/6", ROOT);
  g_autoptr(Response) unset = get ("/REST/2.0/ticket/9", ROOT);
  JsonObject *o = obj (r);
  g_autofree char *keys = sorted_keys (o);
  g_autofree char *captured_keys = NULL;
  const char *srcdir = g_getenv ("CSM_TEST_SHARED_REFERENCE");

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (header (r, "ETag"), ==, "\"69\"");
  g_assert_cmpstr (header (r, "Last-Modified"), ==, "2026-11-22T10:40:00Z");
  /* The members of RT's ticket_10.json (which has Told set). */
  g_assert_cmpstr (keys, ==, "AdminCc,Cc,Created,Creator,CustomFields,Due,EffectiveId,FinalPriority,"
                             "InitialPriority,LastUpdated,LastUpdatedBy,Owner,Priority,Queue,Requestor,"
                             "Resolved,SLA,Started,Starts,Status,Subject,TimeEstimated,TimeLeft,"
                             "TimeWorked,Told,Type,_hyperlinks,id");
  if (srcdir != NULL)
    {
      g_autofree char *path = g_build_filename (srcdir, "rt5-json", "ticket_10.json", NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_file (parser, path, NULL))
        {
          capture = json_node_ref (json_parser_get_root (parser));
          captured_keys = sorted_keys (json_node_get_object (capture));
          g_assert_cmpstr (keys, ==, captured_keys);
        }
    }

  g_assert_cmpint (json_object_get_int_member (o, "id"), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "EffectiveId"), "id"),
                   ==, "6");
  g_assert_cmpstr (json_object_get_string_member (o, "Told"), ==, "2026-11-22T10:30:00Z");
  /* Told is omitted while unset; so is a NULL SLA. */
  g_assert_false (json_object_has_member (obj (unset), "Told"));
  {
    g_autoptr(Response) no_sla = get ("/REST/2.0/ticket/11", ROOT);

    g_assert_false (json_object_has_member (obj (no_sla), "SLA"));
  }
  {
    /* Hyperlinks: self, one per CF, history, correspond, comment, lifecycle. */
    JsonArray *links = json_object_get_array_member (o, "_hyperlinks");
    JsonObject *self_link = json_array_get_object_element (links, 0);
    JsonObject *last = json_array_get_object_element (links, json_array_get_length (links) - 1);

    g_assert_cmpuint (json_array_get_length (links), ==, 1 + 4 + 3 + 3);
    g_assert_cmpstr (json_object_get_string_member (self_link, "ref"), ==, "self");
    g_assert_cmpint (json_object_get_int_member (self_link, "id"), ==, 6);
    g_assert_cmpstr (json_object_get_string_member (last, "label"), ==, "Reject");
    g_assert_true (g_str_has_suffix (json_object_get_string_member (last, "_url"), "/ticket/6/correspond"));
  }
  {
    g_autoptr(Response) again = request_full ("GET", "/REST/2.0/ticket/6", ROOT, NULL, NULL,
                                              "If-None-Match", "\"69\"");

    g_assert_cmpuint (again->status, ==, 304);
    g_assert_cmpstr (header (again, "ETag"), ==, "\"69\"");
  }
  {
    /* A deleted ticket can still be read. */
    g_autoptr(Response) deleted = get ("/REST/2.0/ticket/16", ROOT);

    g_assert_cmpuint (deleted->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (obj (deleted), "Status"), ==, "deleted");
  }
}

static void
test_errors (void)
{
  {
    g_autoptr(Response) r = get ("/REST/2.0/ticket/999999", ROOT);

    g_assert_cmpuint (r->status, ==, 404);
    g_assert_cmpstr (body_text (r), ==, "{\"message\":\"Not Found\"}");
  }
  {
    g_autoptr(Response) r = get ("/REST/2.0/acl", ROOT);

    g_assert_cmpuint (r->status, ==, 404);
  }
  {
    g_autoptr(Response) r = get ("/REST/2.0/tickets?query=Queue%20%3D%20%3E%3D%20%27Support%27", ROOT);

    g_assert_cmpuint (r->status, ==, 400);
    g_assert_cmpstr (json_object_get_string_member (obj (r), "message"), ==,
                     "Wrong query, expecting a VALUE in 'Queue = >>=<--here 'Support'' at "
                     "/usr/share/request-tracker5/lib/RT/Tickets.pm line 3187.\n");
  }
  {
    g_autoptr(Response) r = get ("/REST/2.0/tickets?query=Bogus%20%3D%201", ROOT);

    g_assert_cmpuint (r->status, ==, 400);
    g_assert_cmpstr (body_text (r), ==, "{\"message\":\"Unknown field: Bogus at /usr/share/"
                                        "request-tracker5/lib/RT/Tickets.pm line 3187.\\n\"}");
  }
  {
    g_autoptr(Response) r = get ("/REST/2.0/transactions?query=Type%20%3D%20%3D%20%27Create%27", ROOT);

    g_assert_cmpuint (r->status, ==, 400);
    g_assert_cmpstr (json_object_get_string_member (obj (r), "message"), ==,
                     "Wrong query, expecting a VALUE in 'Type = >=<--here 'Create'' at "
                     "/usr/share/request-tracker5/lib/RT/Transactions.pm line 918.\n");
  }
  {
    g_autoptr(Response) r = request_full ("DELETE", "/REST/2.0/queues/all", ROOT, NULL, NULL, NULL, NULL);

    g_assert_cmpuint (r->status, ==, 405);
    g_assert_cmpstr (header (r, "Allow"), ==, "GET, POST");
  }
  {
    /* A customer asking for someone else's ticket. */
    g_autoptr(Response) r = get ("/REST/2.0/ticket/4", CAROL);

    g_assert_cmpuint (r->status, ==, 403);
    g_assert_cmpstr (body_text (r), ==, "{\"message\":\"Forbidden\"}");
  }
  {
    g_autoptr(Response) r = get ("/REST/2.0/group/51/members", ALICE);

    g_assert_cmpuint (r->status, ==, 403);
  }
  {
    /* RT dies on a transaction that does not exist, and on a queue move. */
    g_autoptr(Response) missing = get ("/REST/2.0/transaction/9999999", ROOT);
    g_autoptr(Response) move = get ("/REST/2.0/transaction/103", ROOT);

    g_assert_cmpuint (missing->status, ==, 500);
    g_assert_cmpstr (body_text (missing), ==, "{\"message\":\"Internal Server Error\"}");
    g_assert_cmpuint (move->status, ==, 500);
    g_assert_cmpstr (body_text (move), ==, "");
  }
}

static void
test_if_modified_since (void)
{
  static const char *const past = "Mon, 23 Nov 2026 10:00:00 GMT";
  static const char *const future = "Mon, 23 Nov 2099 22:00:00 GMT";
  struct { const char *path; const char *date; guint status; } cases[] = {
    { "/REST/2.0/ticket/1", past, 500 },          /* records: RT's "epoch" crash */
    { "/REST/2.0/ticket/1", "garbage", 500 },
    { "/REST/2.0/queue/3", past, 500 },
    { "/REST/2.0/user/alice", past, 500 },
    { "/REST/2.0/tickets?query=id%3E0", past, 304 },   /* no Last-Modified: 304 */
    { "/REST/2.0/tickets?query=id%3E0", "garbage", 304 },
    { "/REST/2.0/rt", past, 304 },
    { "/REST/2.0/transaction/1", past, 304 },
    { "/REST/2.0/ticket/1/history", past, 304 },
    { "/REST/2.0/ticket/1", future, 200 },        /* a future date is ignored */
    { "/REST/2.0/tickets?query=id%3E0", future, 200 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Response) r = request_full ("GET", cases[i].path, ROOT, NULL, NULL, "If-Modified-Since",
                                            cases[i].date);

      g_assert_cmpuint (r->status, ==, cases[i].status);
      if (cases[i].status != 200)
        g_assert_cmpstr (body_text (r), ==, "");
    }
}

static char *
search_ids (const char *query,
            const char *token)
{
  g_autofree char *escaped = g_uri_escape_string (query, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/REST/2.0/tickets?per_page=100&query=", escaped, NULL);
  g_autoptr(Response) r = get (path, token);

  g_assert_cmpuint (r->status, ==, 200);
  return ids_of (obj (r));
}

static char *
txn_search (const char *query,
            const char *fields)
{
  g_autofree char *escaped = g_uri_escape_string (query, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/REST/2.0/transactions?per_page=100&fields=", fields,
                                       "&query=", escaped, NULL);
  g_autoptr(Response) r = get (path, ROOT);
  JsonArray *items;
  GString *out = g_string_new (NULL);

  g_assert_cmpuint (r->status, ==, 200);
  items = json_object_get_array_member (obj (r), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      g_string_append_printf (out, "%s%s:%s:%s:%s", i ? " " : "",
                              json_object_get_string_member (item, "Type"),
                              json_object_get_string_member (item, "Field"),
                              json_object_get_string_member (item, "OldValue"),
                              json_object_get_string_member (item, "NewValue"));
    }
  return g_string_free (out, FALSE);
}

static void
test_writes (void)
{
  {
    /* The viewer may look but not change: 200 with RT's refusal. */
    g_autoptr(Response) r = request_full ("PUT", "/REST/2.0/ticket/14", VIEWER, NULL,
                                          "{\"Owner\":\"alice\"}", NULL, NULL);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (body_text (r), ==, "[\"Ticket 14: Permission Denied\"]");
    g_assert_cmpstr (header (r, "Content-Type"), ==, "application/json; charset=\"utf-8\"");
  }
  {
    g_autoptr(Response) r = request_full ("PUT", "/REST/2.0/ticket/6", ROOT, NULL,
                                          "{\"Status\":\"bogus\"}", NULL, NULL);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (body_text (r), ==,
                     "[\"Ticket 6: Status 'bogus' isn't a valid status for this ticket.\"]");
  }
  {
    g_autoptr(Response) r = request_full ("PUT", "/REST/2.0/ticket/6", ROOT, NULL,
                                          "{\"CustomFields\":{\"CSAT\":\"9\"}}", NULL, NULL);

    g_assert_cmpstr (body_text (r), ==, "[\"Could not add a new value to custom field 'CSAT': "
                                        "Input must match [Integer 1-5]\"]");
  }
  {
    /* Unchanged values produce no message at all. */
    g_autoptr(Response) r = request_full ("PUT", "/REST/2.0/ticket/14", ROOT, NULL,
                                          "{\"Owner\":\"Nobody\",\"Status\":\"new\",\"Priority\":0}",
                                          NULL, NULL);

    g_assert_cmpstr (body_text (r), ==, "[]");
  }
  {
    g_autofree char *before = search_ids ("Owner = 'alice'", ROOT);

    g_assert_cmpstr (before, ==, "3 4 6 9");
  }
  {
    g_autoptr(Response) r = request_full ("PUT", "/REST/2.0/ticket/14", ROOT, NULL,
                                          "{\"Owner\":\"alice\",\"Priority\":60}", NULL, NULL);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (body_text (r), ==, "[\"Ticket 14: Owner changed from Nobody to alice\","
                                        "\"Ticket 14: Priority changed from 'Low' to 'Medium'\"]");
  }
  {
    /* The change shows in the next search and in the transactions. */
    g_autofree char *after = search_ids ("Owner = 'alice'", ROOT);
    g_autofree char *txns = txn_search ("ObjectId = 14 AND Field = 'Owner'",
                                        "Type,Field,OldValue,NewValue");
    g_autoptr(Response) r = get ("/REST/2.0/ticket/14", ROOT);

    g_assert_cmpstr (after, ==, "3 4 6 9 14");
    g_assert_cmpstr (txns, ==, "Set:Owner:6:39 SetWatcher:Owner:6:39");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obj (r), "Owner"),
                                                    "id"), ==, "alice");
  }
  {
    /* A stale ETag is refused. */
    g_autoptr(Response) r = request_full ("PUT", "/REST/2.0/ticket/14", ROOT, NULL,
                                          "{\"Status\":\"open\"}", "If-Match", "\"1\"");

    g_assert_cmpuint (r->status, ==, 412);
    g_assert_cmpstr (body_text (r), ==, "{\"message\":\"Precondition Failed\"}");
  }
  {
    g_autoptr(Response) r = request_full ("PUT", "/REST/2.0/ticket/14", ROOT, NULL, "[1,2]", NULL, NULL);

    g_assert_cmpuint (r->status, ==, 400);
    g_assert_cmpstr (body_text (r), ==, "{\"message\":\"JSON object must be a HASH\"}");
  }
}

static void
test_correspond_and_comment (void)
{
  g_autoptr(Response) reply = request_full ("POST", "/REST/2.0/ticket/15/correspond", ALICE, NULL,
                                            "{\"Content\":\"Here is the quote.\",\"ContentType\":"
                                            "\"text/plain\",\"TimeTaken\":7,\"Status\":\"resolved\","
                                            "\"CustomFields\":{\"CSAT\":\"5\"}}", NULL, NULL);
  g_autoptr(Response) ticket = NULL;
  JsonArray *messages;

  g_assert_cmpuint (reply->status, ==, 201);
  g_assert_true (g_str_has_prefix (header (reply, "Location"), "/REST/2.0/transaction/"));
  messages = json_node_get_array (reply->json);
  g_assert_cmpuint (json_array_get_length (messages), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (messages, 0), ==, "Correspondence added");
  g_assert_cmpstr (json_array_get_string_element (messages, 1), ==, "CSAT 5 added");
  /* The reply first opened the new ticket (RT's scrip), then resolved it. */
  g_assert_cmpstr (json_array_get_string_element (messages, 2), ==,
                   "Status changed from 'open' to 'resolved'");

  ticket = get ("/REST/2.0/ticket/15", ROOT);
  g_assert_cmpstr (json_object_get_string_member (obj (ticket), "Status"), ==, "resolved");
  g_assert_cmpstr (json_object_get_string_member (obj (ticket), "TimeWorked"), ==, "7");
  g_assert_cmpstr (json_object_get_string_member (obj (ticket), "Told"), ==, "2026-11-23T12:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (obj (ticket), "Started"), ==, "2026-11-23T12:00:00Z");

  {
    g_autoptr(Response) missing_type = request_full ("POST", "/REST/2.0/ticket/15/comment", ALICE, NULL,
                                                     "{\"Content\":\"x\"}", NULL, NULL);
    g_autoptr(Response) comment = request_full ("POST", "/REST/2.0/ticket/15/comment", ALICE, NULL,
                                                "{\"Content\":\"note\",\"ContentType\":\"text/plain\","
                                                "\"TimeTaken\":\"3\"}", NULL, NULL);
    g_autoptr(Response) viewer = request_full ("POST", "/REST/2.0/ticket/15/comment", VIEWER, NULL,
                                               "{\"Content\":\"x\",\"ContentType\":\"text/plain\"}",
                                               NULL, NULL);
    g_autoptr(Response) nowhere = request_full ("POST", "/REST/2.0/ticket/999/correspond", ALICE, NULL,
                                                "{\"Content\":\"x\",\"ContentType\":\"text/plain\"}",
                                                NULL, NULL);
    g_autoptr(Response) after = get ("/REST/2.0/ticket/15", ROOT);

    g_assert_cmpuint (missing_type->status, ==, 400);
    g_assert_cmpstr (json_object_get_string_member (obj (missing_type), "message"), ==,
                     "ContentType is a required field for application/json");
    g_assert_cmpuint (comment->status, ==, 201);
    g_assert_cmpstr (json_array_get_string_element (json_node_get_array (comment->json), 0), ==,
                     "Comments added");
    g_assert_cmpuint (viewer->status, ==, 400);
    g_assert_cmpstr (body_text (viewer), ==, "{\"message\":\"Permission Denied\"}");
    g_assert_cmpuint (nowhere->status, ==, 400);
    g_assert_cmpstr (json_object_get_string_member (obj (after), "TimeWorked"), ==, "10");
  }
}

static void
test_create (void)
{
  g_autoptr(Response) stalled = request_full ("POST", "/REST/2.0/ticket", ROOT, NULL,
                                              "{\"Queue\":\"Support\",\"Subject\":\"x\","
                                              "\"Status\":\"stalled\"}", NULL, NULL);
  g_autoptr(Response) no_queue = request_full ("POST", "/REST/2.0/ticket", ROOT, NULL,
                                               "{\"Subject\":\"x\"}", NULL, NULL);
  g_autoptr(Response) bad_queue = request_full ("POST", "/REST/2.0/ticket", ROOT, NULL,
                                                "{\"Queue\":\"Nope\",\"Subject\":\"x\"}", NULL, NULL);
  g_autoptr(Response) created = request_full ("POST", "/REST/2.0/ticket", CAROL, NULL,
                                              "{\"Queue\":\"Support\",\"Subject\":\"Portal is slow\","
                                              "\"Requestor\":\"carol@example.com\",\"Content\":\"Hi\","
                                              "\"ContentType\":\"text/plain\"}", NULL, NULL);
  g_autoptr(Response) mine = NULL;

  g_assert_cmpuint (stalled->status, ==, 400);
  g_assert_cmpstr (body_text (stalled), ==,
                   "{\"message\":\"New tickets can not have status 'stalled' in this queue.\"}");
  g_assert_cmpuint (no_queue->status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (obj (no_queue), "message"), ==,
                   "Could not create ticket. Queue not set");
  g_assert_cmpuint (bad_queue->status, ==, 403);
  g_assert_cmpstr (json_object_get_string_member (obj (bad_queue), "message"), ==,
                   "No permission to create tickets in the queue 'Nope'");

  g_assert_cmpuint (created->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (obj (created), "id"), ==, "17");
  g_assert_cmpstr (json_object_get_string_member (obj (created), "type"), ==, "ticket");
  g_assert_cmpstr (header (created, "Location"), ==, "/REST/2.0/ticket/17");

  /* The customer finds it among their own tickets only. */
  mine = get ("/REST/2.0/tickets?query=Status%3D'new'", CAROL);
  {
    g_autofree char *ids = ids_of (obj (mine));

    g_assert_cmpstr (ids, ==, "14 17");
  }
}

static void
test_history_and_transactions (void)
{
  {
    g_autoptr(Response) r = get ("/REST/2.0/ticket/6/history?per_page=3&page=2&fields=Type,Creator", ROOT);
    JsonObject *o = obj (r);
    g_autofree char *ids = ids_of (o);
    JsonObject *first = json_array_get_object_element (json_object_get_array_member (o, "items"), 0);

    g_assert_cmpint (json_object_get_int_member (o, "total"), ==, 10);
    g_assert_cmpint (json_object_get_int_member (o, "pages"), ==, 4);
    g_assert_cmpstr (ids, ==, "53 61 62");
    g_assert_cmpstr (json_object_get_string_member (first, "Type"), ==, "CustomField");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "Creator"), "id"),
                     ==, "root");
  }
  {
    /* The history of a ticket that does not exist is empty, not 404. */
    g_autoptr(Response) r = get ("/REST/2.0/ticket/999999/history", ROOT);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (obj (r), "total"), ==, 0);
  }
  {
    /* Like the transactions_page1.json capture: string ids, these fields. */
    g_autoptr(JsonNode) capture = load_capture ("transactions_page1.json");
    JsonObject *captured_item = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (capture), "items"), 0);
    g_autoptr(Response) r = get ("/REST/2.0/transactions?query=ObjectType%3D%27RT%3A%3ATicket%27%20AND%20"
                                 "Type%3D%27Create%27&fields=Type,Creator,Created,TimeTaken,Field,"
                                 "OldValue,NewValue,ObjectId,ObjectType&orderby=id&order=ASC&per_page=20",
                                 ROOT);
    JsonObject *item = json_array_get_object_element (json_object_get_array_member (obj (r), "items"), 0);
    g_autofree char *keys = sorted_keys (item);
    g_autofree char *captured_keys = sorted_keys (captured_item);

    g_assert_cmpstr (keys, ==, captured_keys);
    g_assert_cmpint (json_object_get_int_member (obj (r), "total"), ==, 16);
    g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, "1");
    g_assert_cmpstr (json_object_get_string_member (item, "ObjectId"), ==, "1");
    g_assert_cmpstr (json_object_get_string_member (item, "ObjectType"), ==, "RT::Ticket");
    g_assert_cmpstr (json_object_get_string_member (item, "TimeTaken"), ==, "0");
  }
  {
    g_autofree char *moves = txn_search ("Type = 'Set' AND Field = 'Queue'", "Type,Field,OldValue,NewValue");

    g_assert_cmpstr (moves, ==, "Set:Queue:3:4");
  }
  {
    g_autoptr(Response) r = get ("/REST/2.0/transaction/4", ROOT);
    JsonObject *o = obj (r);
    g_autofree char *keys = sorted_keys (o);

    /* As RT's transaction_162_correspond.json (minus the attachment link). */
    g_assert_cmpstr (keys, ==, "Created,Creator,Data,Object,TimeTaken,Type,_hyperlinks,id");
    g_assert_cmpstr (json_object_get_string_member (o, "Data"), ==, "No Subject");
    g_assert_cmpstr (json_object_get_string_member (o, "TimeTaken"), ==, "30");
    g_assert_null (header (r, "ETag"));
  }
  {
    /* RT's history resource honours ?query=, searching all transactions. */
    g_autoptr(Response) r = get ("/REST/2.0/ticket/6/history?query=Type%3D%27Comment%27", ROOT);

    g_assert_cmpint (json_object_get_int_member (obj (r), "total"), >, 1);
  }
}

static void
test_people_queues_groups (void)
{
  {
    g_autoptr(JsonNode) capture = load_capture ("queues_all_fields.json");
    g_autoptr(Response) r = get ("/REST/2.0/queues/all?fields=Name,Description,SLADisabled,Disabled", ROOT);
    g_autofree char *ids = ids_of (obj (r));
    g_autofree char *captured_ids = ids_of (json_node_get_object (capture));
    JsonObject *support = json_array_get_object_element (json_object_get_array_member (obj (r), "items"),
                                                         2);

    /* Sorted by name, General included, ___Approvals not. */
    g_assert_cmpstr (ids, ==, captured_ids);
    g_assert_cmpstr (json_object_get_string_member (support, "Name"), ==, "Support");
    g_assert_cmpstr (json_object_get_string_member (support, "SLADisabled"), ==, "0");
  }
  {
    g_autoptr(Response) r = get ("/REST/2.0/queues/all", ALICE);

    /* Not the superuser: RT hides the total. */
    g_assert_true (json_node_is_null (json_object_get_member (obj (r), "total")));
    g_assert_true (json_node_is_null (json_object_get_member (obj (r), "pages")));
  }
  {
    g_autoptr(Response) r = get ("/REST/2.0/user/alice", ROOT);
    g_autoptr(Response) by_id = get ("/REST/2.0/user/39", ROOT);
    g_autoptr(Response) nobody = get ("/REST/2.0/user/Nobody", ROOT);
    JsonArray *memberships = json_object_get_array_member (obj (r), "Memberships");

    g_assert_cmpint (json_object_get_int_member (obj (r), "id"), ==, 39);
    g_assert_cmpint (json_object_get_int_member (obj (r), "Privileged"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (obj (by_id), "Name"), ==, "alice");
    g_assert_cmpint (json_object_get_int_member (obj (nobody), "id"), ==, 6);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (memberships, 0), "id"),
                     ==, "51");
  }
  {
    g_autoptr(Response) r = get ("/REST/2.0/users?fields=Name,Privileged&per_page=100", ROOT);
    JsonObject *first = json_array_get_object_element (json_object_get_array_member (obj (r), "items"), 0);

    g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "alice");
    /* Not a column of Users: "" in a search. */
    g_assert_cmpstr (json_object_get_string_member (first, "Privileged"), ==, "");
  }
  {
    g_autoptr(Response) r = request_full ("POST", "/REST/2.0/groups", ROOT, NULL,
                                          "[{\"field\":\"Domain\",\"value\":\"SystemInternal\"},"
                                          "{\"field\":\"Name\",\"value\":\"Privileged\","
                                          "\"entry_aggregator\":\"AND\"}]", NULL, NULL);
    g_autoptr(Response) agents = request_full ("POST", "/REST/2.0/groups?fields=Name,Description,Domain",
                                               ROOT, NULL, "[{\"field\":\"Name\",\"value\":\"agents\"}]",
                                               NULL, NULL);
    g_autoptr(JsonNode) capture = load_capture ("groups_search_agents.json");
    g_autoptr(JsonNode) privileged_capture = load_capture ("groups_search_privileged_deb12u7.json");
    JsonObject *item = json_array_get_object_element (json_object_get_array_member (obj (agents), "items"),
                                                      0);
    JsonObject *captured_item = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (capture), "items"), 0);
    g_autofree char *ids = ids_of (obj (r));
    g_autofree char *keys = sorted_keys (item);
    g_autofree char *captured_keys = sorted_keys (captured_item);

    /* Since Debian's deb12u7 RT's own groups are not found (the capture
     * answers none), and the Domain condition is ignored. */
    g_assert_cmpstr (ids, ==, "");
    g_assert_cmpint (json_object_get_int_member (obj (r), "total"), ==,
                     json_object_get_int_member (json_node_get_object (privileged_capture),
                                                 "total"));
    g_assert_cmpstr (keys, ==, captured_keys);
    g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, "51");
  }
  {
    /* Group members: no pages, numeric ids, fields ignored. */
    g_autoptr(JsonNode) capture = load_capture ("group_agents_members_fields.json");
    g_autoptr(Response) r = get ("/REST/2.0/group/51/members?fields=Name,RealName,EmailAddress", ROOT);
    g_autoptr(Response) privileged = get ("/REST/2.0/group/4/members?per_page=100", ROOT);
    g_autoptr(Response) privileged_group = get ("/REST/2.0/group/4", ROOT);
    g_autoptr(Response) as_agent = get ("/REST/2.0/group/999", ALICE);
    g_autofree char *keys = sorted_keys (obj (r));
    g_autofree char *captured_keys = sorted_keys (json_node_get_object (capture));
    g_autofree char *ids = ids_of (obj (r));
    g_autofree char *captured_ids = ids_of (json_node_get_object (capture));

    g_assert_cmpstr (keys, ==, captured_keys);
    g_assert_cmpstr (ids, ==, captured_ids);
    /* deb12u7: RT's own groups are neither read nor listed by id (the
     * captures 404_privileged_*_deb12u7.txt); others than the superuser are
     * refused before RT looks. */
    g_assert_cmpuint (privileged->status, ==, 404);
    g_assert_cmpstr (body_text (privileged), ==, "{\"message\":\"Not Found\"}");
    g_assert_cmpuint (privileged_group->status, ==, 404);
    g_assert_cmpuint (as_agent->status, ==, 403);
  }
}

/* ------------------------------------------------------------------------ */
/* Scale: 100,000 tickets and about a million transactions                  */
/* ------------------------------------------------------------------------ */

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static CsmSimWorld *
build_big_world (guint n_tickets)
{
  CsmSimWorld *big = sim_fixture_load ("fixture-small.json");
  static const char *const statuses[] = { "new", "open", "open", "stalled", "resolved" };
  static const char *const channels[] = { "email", "chat", "phone", "social", "sms" };
  gint64 start = sim_fixture_time ("2026-11-23T12:00:00Z");
  gint64 agents[] = { 39, 41, 43 };
  gint64 customers[] = { 47, 49 };
  gint64 queues[] = { 3, 4, 5 };

  for (guint i = 0; i < n_tickets; i++)
    {
      CsmSimTicketSpec spec = { 0, };
      CsmSimTicket *t;
      CsmSimTransaction txn = { 0, };
      gint64 created = start + (gint64) i * 45;
      g_autofree char *subject = g_strdup_printf ("Bulk ticket %06u", i + 1);

      spec.id = 100 + i;
      spec.subject = subject;
      spec.queue = queues[i % 3];
      spec.creator = customers[i % 2];
      spec.owner = (i % 7 == 0) ? CSM_SIM_USER_NOBODY : agents[i % 3];
      spec.status = statuses[i % 5];
      spec.priority = (int) ((i * 7) % 100);
      spec.created = created;
      spec.due = (i % 4 == 0) ? 0 : created + 86400;
      spec.sla = i % 3 == 2 ? NULL : "gold";
      spec.requestors = &customers[i % 2];
      spec.n_requestors = 1;
      t = csm_sim_world_insert_ticket (big, &spec, NULL);
      g_assert_nonnull (t);
      csm_sim_ticket_set_raw_cf_value (big, t, 5, channels[i % 5]);
      if (i % 5 == 4)
        csm_sim_ticket_set_raw_cf_value (big, t, 2, (i % 10 == 4) ? "5" : "2");

      /* Ten transactions per ticket, a million in all, in time order as
       * RT's ids are. */
      for (guint k = 0; k < 10; k++)
        {
          txn.object_id = (guint32) t->id;
          txn.created = created + k * 4;
          txn.creator = (guint32) (k == 0 ? customers[i % 2] : agents[(i + k) % 3]);
          txn.type = k == 0 ? "Create" : (k % 3 == 1 ? "Correspond" : (k % 3 == 2 ? "Comment" : "Status"));
          txn.time_taken = k == 0 ? 0 : (gint32) (k * 2);
          txn.field = k % 3 == 0 && k > 0 ? "Status" : NULL;
          g_assert_nonnull (csm_sim_world_insert_transaction (big, &txn, NULL));
          t->time_worked += txn.time_taken;
        }
      t->last_updated = created + 9 * 4;
      t->last_updated_by = agents[i % 3];
    }
  csm_sim_world_set_now (big, start + (gint64) n_tickets * 45 + 3600);
  return big;
}

/* The median round trip of @runs requests (the body is read, not parsed). */
static gint64
time_request (const char *path,
              guint       runs)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *url = g_strconcat (csm_sim_server_get_url (server), path, NULL);

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;
      gint64 t0, elapsed;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    "token " ROOT);
      t0 = g_get_monotonic_time ();
      body = soup_session_send_and_read (session, msg, NULL, &error);
      elapsed = g_get_monotonic_time () - t0;
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      g_assert_cmpuint (g_bytes_get_size (body), >, 0);
      g_array_append_val (samples, elapsed);
    }
  g_array_sort (samples, compare_gint64);
  return g_array_index (samples, gint64, samples->len / 2);
}

static void
test_scale (void)
{
  g_autoptr(CsmSimWorld) big = NULL;
  g_autoptr(CsmSimServer) big_server = NULL;
  CsmSimServer *saved = server;
  g_autoptr(GError) error = NULL;
  gint64 t0, build_us, first_page, sorted_page, later_page, incremental, txn_page;
  static const char *const fields = "fields=id,Subject,Status,Queue,Owner,Priority,Created,"
                                    "LastUpdated,Starts,Started,Due,Resolved,Told,TimeWorked,"
                                    "TimeEstimated,SLA,Requestor,CustomFields,Creator"
                                    "&fields%5BQueue%5D=Name&fields%5BOwner%5D=Name%2CRealName";
  g_autofree char *p1 = g_strconcat ("/REST/2.0/tickets?query=id%3E0&orderby=id&per_page=100&", fields,
                                     NULL);
  g_autofree char *p2 = g_strconcat ("/REST/2.0/tickets?query=Status%3D%27__Active__%27"
                                     "&orderby=LastUpdated&order=DESC&per_page=100&", fields, NULL);
  g_autofree char *p3 = g_strconcat ("/REST/2.0/tickets?query=Status%3D%27__Active__%27"
                                     "&orderby=LastUpdated&order=DESC&per_page=100&page=300&", fields,
                                     NULL);
  g_autofree char *p4 = g_strconcat ("/REST/2.0/tickets?query=LastUpdated%20%3E%3D%20%272%20hours%20ago"
                                     "%27&orderby=LastUpdated&per_page=100&", fields, NULL);
  const char *p5 = "/REST/2.0/transactions?query=Created%20%3E%20%272%20hours%20ago%27%20AND%20"
                   "Type%3D%27Correspond%27&fields=Type,Creator,Created,TimeTaken,ObjectId"
                   "&orderby=id&per_page=100";

  if (!g_test_slow () && g_getenv ("CSM_SIM_SCALE") == NULL)
    {
      g_test_skip ("100k-ticket world: run with -m slow or CSM_SIM_SCALE=1");
      return;
    }

  t0 = g_get_monotonic_time ();
  big = build_big_world (100000);
  build_us = g_get_monotonic_time () - t0;
  g_assert_cmpuint (csm_sim_world_get_n_tickets (big), ==, 100015 + 1);
  g_assert_cmpuint (csm_sim_world_get_n_transactions (big), >=, 1000000);
  g_assert_true (csm_sim_world_transactions_time_ordered (big));

  big_server = csm_sim_server_new (big);
  csm_sim_server_add_token (big_server, ROOT, "root");
  g_assert_true (csm_sim_server_start_in_thread (big_server, 0, &error));
  g_assert_no_error (error);
  server = big_server;

  first_page = time_request (p1, 9);
  sorted_page = time_request (p2, 9);
  later_page = time_request (p3, 9);
  incremental = time_request (p4, 9);
  txn_page = time_request (p5, 9);

  g_test_message ("world: 100,016 tickets, %u transactions, built in %.0f ms",
                  csm_sim_world_get_n_transactions (big), build_us / 1000.0);
  g_test_message ("page 1 of id>0, 100 tickets x 19 fields: %.2f ms (median, round trip)",
                  first_page / 1000.0);
  g_test_message ("page 1 of __Active__ by LastUpdated DESC: %.2f ms", sorted_page / 1000.0);
  g_test_message ("page 300 of the same (cached sort): %.2f ms", later_page / 1000.0);
  g_test_message ("incremental LastUpdated >= '2 hours ago': %.2f ms", incremental / 1000.0);
  g_test_message ("transactions Created > '2 hours ago' AND Correspond: %.2f ms",
                  txn_page / 1000.0);

  /* Generous bounds so a loaded CI machine passes; the messages say more. */
  g_assert_cmpint (first_page, <, 50000);
  g_assert_cmpint (later_page, <, 50000);

  /* Drop our keep-alive connections before the server goes. */
  soup_session_abort (session);
  csm_sim_server_stop (big_server);
  server = saved;
}

static void
mutate_under_lock (gpointer data)
{
  g_autofree char *message = NULL;

  g_assert_true (csm_sim_world_set_status (world, 9, CSM_SIM_USER_ROOT, "open", &message));
}

static void
comment_many (gpointer data)
{
  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *message = NULL;

      csm_sim_world_comment (world, 10, CSM_SIM_USER_ROOT, 0, &message);
    }
}

/* A history longer than a page, asked for without any parameter: next_page
 * is the path with "page=2" alone (this once read past the parameters). */
static void
test_history_pages_without_parameters (void)
{
  g_autoptr(Response) r = NULL;
  const char *next;

  with_world_locked (comment_many, NULL);
  r = get ("/REST/2.0/ticket/10/history", ROOT);
  g_assert_cmpuint (r->status, ==, 200);
  next = json_object_get_string_member (obj (r), "next_page");
  g_assert_true (g_str_has_suffix (next, "/REST/2.0/ticket/10/history?page=2"));
}

/* The world changes from this thread while the server thread serves it. */
static void
test_thread_mutation (void)
{
  g_autofree char *before = search_ids ("Status = 'new'", ROOT);
  g_autofree char *after = NULL;
  CsmSimServerCounters counters;

  with_world_locked (mutate_under_lock, NULL);
  after = search_ids ("Status = 'new'", ROOT);
  g_assert_true (strstr (before, "9") != NULL);
  g_assert_true (strstr (after, "9 ") == NULL && !g_str_has_suffix (after, " 9"));

  csm_sim_server_get_counters (server, &counters);
  g_assert_cmpuint (counters.requests, >, 0);
  g_assert_cmpuint (counters.status_4xx, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);

  world = sim_fixture_load ("fixture-small.json");
  server = csm_sim_server_new (world);
  csm_sim_server_add_token (server, ROOT, "root");
  csm_sim_server_add_token (server, VIEWER, "viewer");
  csm_sim_server_add_token (server, ALICE, "alice");
  csm_sim_server_add_token (server, CAROL, "carol@example.com");
  if (!csm_sim_server_start_in_thread (server, 0, &error))
    g_error ("cannot start the simulator: %s", error->message);
  session = soup_session_new ();

  /* Read-only checks first, then the ones that change the world. */
  g_test_add_func ("/sim/server/rt", test_rt_and_headers);
  g_test_add_func ("/sim/server/auth", test_auth);
  g_test_add_func ("/sim/server/envelope", test_envelope_shapes);
  g_test_add_func ("/sim/server/paging", test_paging);
  g_test_add_func ("/sim/server/ticket-record", test_ticket_record);
  g_test_add_func ("/sim/server/errors", test_errors);
  g_test_add_func ("/sim/server/if-modified-since", test_if_modified_since);
  g_test_add_func ("/sim/server/history-transactions", test_history_and_transactions);
  g_test_add_func ("/sim/server/people-queues-groups", test_people_queues_groups);
  g_test_add_func ("/sim/server/writes", test_writes);
  g_test_add_func ("/sim/server/correspond-comment", test_correspond_and_comment);
  g_test_add_func ("/sim/server/create", test_create);
  g_test_add_func ("/sim/server/thread-mutation", test_thread_mutation);
  g_test_add_func ("/sim/server/history-pages", test_history_pages_without_parameters);
  g_test_add_func ("/sim/server/scale", test_scale);

  result = g_test_run ();

  soup_session_abort (session);
  g_object_unref (session);
  csm_sim_server_stop (server);
  g_object_unref (server);
  g_object_unref (world);
  return result;
}
