/* fake-rt.c: one RT 5 ticket behind the test server, whose writes can fail, stall or vanish on cue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "fake-rt.h"

struct _FakeRt
{
  GMutex lock;
  char *owner;
  char *status;
  FakeRtMode mode;
  guint fail_n;
  guint fail_status;
  guint fail_retry_after;
  char *refusal;         /* (nullable) */
  guint changes;
  guint puts;
  guint gets;
  JsonNode *template;    /* a ticket as RT serialises it, from the captures */
  GPtrArray *held;       /* of SoupServerMessage: answers never sent */
};

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=\"utf-8\"", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static gboolean
drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
  return TRUE;
}

static void
tickets_handler (CsmTestServer     *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  FakeRt *rt = user_data;
  g_autoptr(JsonNode) ticket = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;
  JsonObject *obj, *owner;

  g_mutex_lock (&rt->lock);
  rt->gets++;
  if (rt->mode == FAKE_RT_OFFLINE)
    {
      g_mutex_unlock (&rt->lock);
      drop_connection (msg);
      return;
    }
  ticket = json_node_copy (rt->template);
  obj = json_node_get_object (ticket);
  json_object_set_int_member (obj, "id", 1);
  json_object_set_string_member (obj, "Status", rt->status);
  owner = json_object_new ();
  json_object_set_string_member (owner, "id", rt->owner);
  json_object_set_string_member (owner, "Name", rt->owner);
  json_object_set_string_member (owner, "type", "user");
  json_object_set_object_member (obj, "Owner", owner);
  g_mutex_unlock (&rt->lock);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "page");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "pages");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "per_page");
  json_builder_add_int_value (builder, 100);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  json_builder_add_value (builder, g_steal_pointer (&ticket));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);
  respond (msg, 200, body);
}

/* RT::Record::Update skips a field that already has the value; otherwise
 * RT::Ticket::SetOwner / SetStatus say what changed. */
static char *
apply (FakeRt     *rt,
       const char *field,
       const char *value)
{
  char **slot = g_str_equal (field, "Owner") ? &rt->owner : &rt->status;
  g_autofree char *old = NULL;

  if (g_strcmp0 (*slot, value) == 0)
    return g_strdup ("[]");
  old = g_steal_pointer (slot);
  *slot = g_strdup (value);
  rt->changes++;
  if (g_str_equal (field, "Owner"))
    return g_strdup_printf ("[\"Ticket 1: Owner changed from %s to %s\"]", old, value);
  return g_strdup_printf ("[\"Ticket 1: Status changed from '%s' to '%s'\"]", old, value);
}

static void
ticket_handler (CsmTestServer     *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  FakeRt *rt = user_data;
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *answer = NULL;
  JsonObject *obj;
  const char *field;

  if (!g_str_equal (soup_server_message_get_method (msg), "PUT"))
    {
      respond (msg, 405, "{\"message\":\"Method Not Allowed\"}");
      return;
    }

  g_mutex_lock (&rt->lock);
  rt->puts++;
  if (rt->mode == FAKE_RT_OFFLINE)
    {
      g_mutex_unlock (&rt->lock);
      drop_connection (msg);
      return;
    }
  if (rt->mode == FAKE_RT_HOLD_BEFORE_APPLY)
    {
      g_ptr_array_add (rt->held, g_object_ref (msg));
      soup_server_message_pause (msg);
      g_mutex_unlock (&rt->lock);
      return;
    }
  if (rt->fail_n > 0)
    {
      rt->fail_n--;
      if (rt->fail_retry_after > 0)
        {
          g_autofree char *seconds = g_strdup_printf ("%u", rt->fail_retry_after);
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Retry-After", seconds);
        }
      respond (msg, rt->fail_status, "");
      g_mutex_unlock (&rt->lock);
      return;
    }
  if (rt->refusal != NULL)
    {
      respond (msg, 200, rt->refusal);
      g_mutex_unlock (&rt->lock);
      return;
    }

  if (!json_parser_load_from_data (parser, request->data, request->length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_mutex_unlock (&rt->lock);
      respond (msg, 400, "{\"message\":\"JSON object must be a HASH\"}");
      return;
    }
  obj = json_node_get_object (json_parser_get_root (parser));
  field = json_object_has_member (obj, "Owner") ? "Owner" : "Status";
  g_assert_cmpuint (json_object_get_size (obj), ==, 1);
  answer = apply (rt, field, json_object_get_string_member (obj, field));
  if (rt->mode == FAKE_RT_HOLD_AFTER_APPLY)
    {
      g_ptr_array_add (rt->held, g_object_ref (msg));
      soup_server_message_pause (msg);
      g_mutex_unlock (&rt->lock);
      return;
    }
  g_mutex_unlock (&rt->lock);
  respond (msg, 200, answer);
}

FakeRt *
fake_rt_new (CsmTestServer *server)
{
  FakeRt *rt = g_new0 (FakeRt, 1);
  g_autoptr(GBytes) page = csm_test_load_data ("rt5/tickets_full_page1.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *items;

  g_mutex_init (&rt->lock);
  rt->owner = g_strdup ("Nobody");
  rt->status = g_strdup ("new");
  rt->held = g_ptr_array_new_with_free_func (g_object_unref);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (page, NULL),
                                             g_bytes_get_size (page), NULL));
  items = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "items");
  rt->template = json_node_copy (json_array_get_element (items, 0));

  csm_test_server_route (server, "/REST/2.0/tickets", tickets_handler, rt);
  csm_test_server_route (server, "/REST/2.0/ticket/1", ticket_handler, rt);
  return rt;
}

/* Call after the server is freed: held messages belong to its thread. */
void
fake_rt_free (FakeRt *rt)
{
  g_ptr_array_unref (rt->held);
  json_node_unref (rt->template);
  g_free (rt->owner);
  g_free (rt->status);
  g_free (rt->refusal);
  g_mutex_clear (&rt->lock);
  g_free (rt);
}

void
fake_rt_set_mode (FakeRt     *rt,
                  FakeRtMode  mode)
{
  g_mutex_lock (&rt->lock);
  rt->mode = mode;
  g_mutex_unlock (&rt->lock);
}

void
fake_rt_fail_puts (FakeRt *rt,
                   guint   n,
                   guint   status,
                   guint   retry_after)
{
  g_mutex_lock (&rt->lock);
  rt->fail_n = n;
  rt->fail_status = status;
  rt->fail_retry_after = retry_after;
  g_mutex_unlock (&rt->lock);
}

void
fake_rt_refuse_puts (FakeRt     *rt,
                     const char *messages_json)
{
  g_mutex_lock (&rt->lock);
  g_free (rt->refusal);
  rt->refusal = g_strdup (messages_json);
  g_mutex_unlock (&rt->lock);
}

char *
fake_rt_dup_owner (FakeRt *rt)
{
  char *owner;

  g_mutex_lock (&rt->lock);
  owner = g_strdup (rt->owner);
  g_mutex_unlock (&rt->lock);
  return owner;
}

#define GETTER(name, member) \
  guint name (FakeRt *rt) \
  { \
    guint v; \
    g_mutex_lock (&rt->lock); \
    v = rt->member; \
    g_mutex_unlock (&rt->lock); \
    return v; \
  }

GETTER (fake_rt_get_changes, changes)
GETTER (fake_rt_get_puts, puts)
GETTER (fake_rt_get_gets, gets)

/* Polls (the server runs on its own thread) until at least @puts PUTs and
 * @changes changes were seen. */
gboolean
fake_rt_wait (FakeRt *rt,
              guint   puts,
              guint   changes,
              guint   timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (fake_rt_get_puts (rt) >= puts && fake_rt_get_changes (rt) >= changes)
        return TRUE;
      g_usleep (5000);
    }
  return FALSE;
}
