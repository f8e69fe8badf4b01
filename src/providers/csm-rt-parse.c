/* csm-rt-parse.c: Request Tracker 5 REST2 JSON into the console's domain types, strictly.
 *
 * RT's JSON is loose: ids are numbers in one place and strings in another,
 * numeric fields are strings, unset dates are 1970. The parser accepts exactly
 * those variations and nothing else: a value of a type RT never sends is a
 * bad response, not something to guess about.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-rt-parse"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-provider-error.h"
#include "csm-rt-parse.h"
#include "csm-ticket-private.h"
#include "csm-time.h"

static gboolean
fail (GError     **error,
      const char  *what,
      const char  *member)
{
  g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
               _("The helpdesk sent a malformed %s: the field “%s” has an unexpected type."),
               what, member);
  return FALSE;
}

/* Reads an integer that RT may write as a number, a numeric string or a
 * float ("pages": 0.0). Missing and null leave *out untouched. */
static gboolean
read_int (JsonObject  *object,
          const char  *member,
          const char  *what,
          gint64      *out,
          gboolean    *out_present,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (out_present)
    *out_present = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return fail (error, what, member);

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *out = json_node_get_int (node);
      break;
    case G_TYPE_DOUBLE:
      {
        double d = json_node_get_double (node);
        if (d != (double) (gint64) d)
          return fail (error, what, member);
        *out = (gint64) d;
      }
      break;
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);
        if (*s == '\0')
          return TRUE;
        if (!g_ascii_string_to_signed (s, 10, G_MININT64, G_MAXINT64, out, NULL))
          return fail (error, what, member);
      }
      break;
    case G_TYPE_BOOLEAN:
    default:
      return fail (error, what, member);
    }

  if (out_present)
    *out_present = TRUE;
  return TRUE;
}

/* Strings must be strings (or null/missing). */
static gboolean
read_string (JsonObject   *object,
             const char   *member,
             const char   *what,
             const char  **out,
             GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (error, what, member);
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_date (JsonObject  *object,
           const char  *member,
           const char  *what,
           gint64      *out,
           GError     **error)
{
  const char *text;

  if (!read_string (object, member, what, &text, error))
    return FALSE;
  if (text == NULL)
    {
      *out = CSM_TIME_UNSET;
      return TRUE;
    }
  if (!csm_time_parse_iso8601 (text, out))
    return fail (error, what, member);
  return TRUE;
}

/* A reference to another record: {"id": "alice", "Name": …, "RealName": …}.
 * RT writes the bare id when the field was not expanded. */
static gboolean
read_ref (JsonObject   *object,
          const char   *member,
          const char   *what,
          char        **out_id,
          JsonObject  **out_ref,
          GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonNode *id = node;

  *out_id = NULL;
  if (out_ref)
    *out_ref = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *ref = json_node_get_object (node);

      id = json_object_get_member (ref, "id");
      if (id == NULL)
        return fail (error, what, member);
      if (out_ref)
        *out_ref = ref;
    }
  if (!JSON_NODE_HOLDS_VALUE (id))
    return fail (error, what, member);
  if (json_node_get_value_type (id) == G_TYPE_STRING)
    *out_id = g_strdup (json_node_get_string (id));
  else if (json_node_get_value_type (id) == G_TYPE_INT64)
    *out_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id));
  else
    return fail (error, what, member);
  return TRUE;
}

static GStrv
read_requestors (JsonObject  *object,
                 gboolean    *ok,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, "Requestor");
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  *ok = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      *ok = fail (error, _("ticket"), "Requestor");
      return NULL;
    }

  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *el = json_array_get_element (array, i);
      JsonNode *id;

      if (JSON_NODE_HOLDS_OBJECT (el))
        {
          id = json_object_get_member (json_node_get_object (el), "id");
          if (id != NULL && JSON_NODE_HOLDS_VALUE (id) &&
              json_node_get_value_type (id) == G_TYPE_STRING)
            {
              g_strv_builder_add (builder, json_node_get_string (id));
              continue;
            }
        }
      else if (JSON_NODE_HOLDS_VALUE (el) && json_node_get_value_type (el) == G_TYPE_STRING)
        {
          g_strv_builder_add (builder, json_node_get_string (el));
          continue;
        }
      *ok = fail (error, _("ticket"), "Requestor");
      return NULL;
    }
  return g_strv_builder_end (builder);
}

static GStrv
read_custom_fields (JsonObject  *object,
                    gboolean    *ok,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (object, "CustomFields");
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;
  guint n = 0;

  *ok = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      *ok = fail (error, _("ticket"), "CustomFields");
      return NULL;
    }

  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *el = json_array_get_element (array, i);
      JsonObject *cf;
      JsonNode *values;
      const char *name;
      g_autoptr(GString) joined = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        {
          *ok = fail (error, _("ticket"), "CustomFields");
          return NULL;
        }
      cf = json_node_get_object (el);
      if (!read_string (cf, "name", _("custom field"), &name, error))
        {
          *ok = FALSE;
          return NULL;
        }
      if (name == NULL)
        {
          *ok = fail (error, _("custom field"), "name");
          return NULL;
        }
      values = json_object_get_member (cf, "values");
      if (values == NULL || JSON_NODE_HOLDS_NULL (values))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (values))
        {
          *ok = fail (error, _("custom field"), "values");
          return NULL;
        }

      joined = g_string_new (NULL);
      for (guint j = 0; j < json_array_get_length (json_node_get_array (values)); j++)
        {
          JsonNode *v = json_array_get_element (json_node_get_array (values), j);
          if (!JSON_NODE_HOLDS_VALUE (v) || json_node_get_value_type (v) != G_TYPE_STRING)
            {
              *ok = fail (error, _("custom field"), "values");
              return NULL;
            }
          if (joined->len)
            g_string_append (joined, ", ");
          g_string_append (joined, json_node_get_string (v));
        }
      if (joined->len == 0)
        continue;
      g_strv_builder_add (builder, name);
      g_strv_builder_add (builder, joined->str);
      n++;
    }

  if (n == 0)
    return NULL;
  return g_strv_builder_end (builder);
}

/**
 * csm_rt_parse_ticket:
 * @object: one item of a ticket search, or a `GET /ticket/:id` body
 *
 * Returns: (transfer full) (nullable): the ticket, or %NULL with @error set
 */
CsmTicket *
csm_rt_parse_ticket (JsonObject  *object,
                     GError     **error)
{
  g_autoptr(CsmTicket) ticket = NULL;
  const char *what = _("ticket");
  const char *s;
  g_autofree char *queue = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *creator = NULL;
  JsonObject *ref;
  gint64 id = 0;
  gint64 v;
  gboolean present;
  gboolean ok;

  g_return_val_if_fail (object != NULL, NULL);

  if (!read_int (object, "id", what, &id, &present, error))
    return NULL;
  if (!present || id <= 0)
    {
      fail (error, what, "id");
      return NULL;
    }
  ticket = csm_ticket_new (id);

  if (!read_string (object, "Subject", what, &s, error))
    return NULL;
  ticket->subject = g_strdup (s ? s : "");
  if (!read_string (object, "Status", what, &s, error))
    return NULL;
  ticket->status = g_strdup (s ? s : "");

  if (!read_ref (object, "Queue", what, &queue, &ref, error))
    return NULL;
  if (queue != NULL &&
      !g_ascii_string_to_signed (queue, 10, 0, G_MAXINT64, &ticket->queue_id, NULL))
    {
      /* RT refers to a queue by name only where it was written by name. */
      ticket->queue_name = g_strdup (queue);
    }
  if (ref != NULL)
    {
      const char *name;
      if (!read_string (ref, "Name", what, &name, error))
        return NULL;
      if (name != NULL)
        _csm_ticket_set_string (&ticket->queue_name, name);
    }

  if (!read_ref (object, "Owner", what, &owner, &ref, error))
    return NULL;
  /* RT's "Nobody" is its placeholder for an unowned ticket. */
  if (owner != NULL && g_strcmp0 (owner, "Nobody") != 0 && g_strcmp0 (owner, "6") != 0)
    {
      ticket->owner = g_steal_pointer (&owner);
      if (ref != NULL)
        {
          const char *real;
          if (!read_string (ref, "RealName", what, &real, error))
            return NULL;
          if (real != NULL && *real != '\0')
            ticket->owner_real_name = g_strdup (real);
        }
    }

  if (!read_ref (object, "Creator", what, &creator, NULL, error))
    return NULL;
  ticket->creator = g_steal_pointer (&creator);

  v = 0;
  if (!read_int (object, "Priority", what, &v, NULL, error))
    return NULL;
  ticket->priority = (int) CLAMP (v, G_MININT, G_MAXINT);
  v = 0;
  if (!read_int (object, "TimeWorked", what, &v, NULL, error))
    return NULL;
  ticket->time_worked = (int) CLAMP (v, 0, G_MAXINT);
  v = 0;
  if (!read_int (object, "TimeEstimated", what, &v, NULL, error))
    return NULL;
  ticket->time_estimated = (int) CLAMP (v, 0, G_MAXINT);

  if (!read_date (object, "Created", what, &ticket->created, error) ||
      !read_date (object, "LastUpdated", what, &ticket->last_updated, error) ||
      !read_date (object, "Starts", what, &ticket->starts, error) ||
      !read_date (object, "Started", what, &ticket->started, error) ||
      !read_date (object, "Due", what, &ticket->due, error) ||
      !read_date (object, "Resolved", what, &ticket->resolved, error) ||
      !read_date (object, "Told", what, &ticket->told, error))
    return NULL;

  if (!read_string (object, "SLA", what, &s, error))
    return NULL;
  if (s != NULL && *s != '\0')
    ticket->sla = g_strdup (s);

  ticket->requestors = read_requestors (object, &ok, error);
  if (!ok)
    return NULL;
  ticket->custom_fields = read_custom_fields (object, &ok, error);
  if (!ok)
    return NULL;

  return g_steal_pointer (&ticket);
}

/**
 * csm_rt_parse_transaction:
 *
 * Returns: (transfer full) (nullable): the transaction; %NULL without an
 *   error for transactions on something other than a ticket
 */
CsmTransaction *
csm_rt_parse_transaction (JsonObject  *object,
                          GError     **error)
{
  const char *what = _("transaction");
  const char *type, *object_type, *field, *old_value, *new_value;
  g_autofree char *creator = NULL;
  gint64 id = 0, ticket_id = 0, time_taken = 0, created = 0;
  gboolean present;
  CsmTransaction *tx;

  if (!read_int (object, "id", what, &id, &present, error))
    return NULL;
  if (!present || id <= 0)
    {
      fail (error, what, "id");
      return NULL;
    }
  if (!read_string (object, "ObjectType", what, &object_type, error))
    return NULL;
  if (object_type != NULL && g_strcmp0 (object_type, "RT::Ticket") != 0)
    return NULL;
  if (!read_int (object, "ObjectId", what, &ticket_id, &present, error))
    return NULL;
  if (!present)
    {
      fail (error, what, "ObjectId");
      return NULL;
    }
  if (!read_string (object, "Type", what, &type, error) ||
      !read_ref (object, "Creator", what, &creator, NULL, error) ||
      !read_int (object, "TimeTaken", what, &time_taken, NULL, error) ||
      !read_date (object, "Created", what, &created, error) ||
      !read_string (object, "Field", what, &field, error) ||
      !read_string (object, "OldValue", what, &old_value, error) ||
      !read_string (object, "NewValue", what, &new_value, error))
    return NULL;

  tx = csm_transaction_new (id, ticket_id, csm_transaction_type_from_string (type, field),
                            created, creator, (int) CLAMP (time_taken, 0, G_MAXINT));
  if ((field && *field) || (old_value && *old_value) || (new_value && *new_value))
    csm_transaction_set_change (tx, field && *field ? field : NULL,
                                old_value && *old_value ? old_value : NULL,
                                new_value && *new_value ? new_value : NULL);
  return tx;
}

/**
 * csm_rt_parse_queue:
 *
 * Returns: (transfer full) (nullable): the queue; %NULL without an error for
 *   a disabled queue
 */
CsmQueue *
csm_rt_parse_queue (JsonObject  *object,
                    GError     **error)
{
  const char *what = _("queue");
  const char *name, *description;
  gint64 id = 0, disabled = 0, sla_disabled = 1;
  gboolean present;
  CsmQueue *queue;

  if (!read_int (object, "id", what, &id, &present, error))
    return NULL;
  if (!present || id <= 0)
    {
      fail (error, what, "id");
      return NULL;
    }
  if (!read_string (object, "Name", what, &name, error) ||
      !read_string (object, "Description", what, &description, error) ||
      !read_int (object, "Disabled", what, &disabled, NULL, error) ||
      !read_int (object, "SLADisabled", what, &sla_disabled, NULL, error))
    return NULL;
  if (disabled)
    return NULL;

  queue = csm_queue_new (id, name, description && *description ? description : NULL);
  csm_queue_set_sla_enabled (queue, sla_disabled == 0);
  return queue;
}

/**
 * csm_rt_parse_user:
 *
 * Returns: (transfer full) (nullable): the user as an agent; %NULL without
 *   an error for a disabled user
 */
CsmAgent *
csm_rt_parse_user (JsonObject  *object,
                   GError     **error)
{
  const char *what = _("user");
  const char *name, *real_name, *email;
  g_autofree char *id = NULL;
  gint64 disabled = 0;

  if (!read_ref (object, "id", what, &id, NULL, error) ||
      !read_string (object, "Name", what, &name, error) ||
      !read_string (object, "RealName", what, &real_name, error) ||
      !read_string (object, "EmailAddress", what, &email, error) ||
      !read_int (object, "Disabled", what, &disabled, NULL, error))
    return NULL;
  /* A disabled user is no longer an agent. */
  if (disabled)
    return NULL;
  if (name == NULL)
    name = id;
  if (name == NULL || *name == '\0')
    {
      fail (error, what, "Name");
      return NULL;
    }
  return csm_agent_new (name, real_name, email);
}

void
csm_rt_page_free (CsmRtPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

static JsonNode *
parse_body (GBytes  *body,
            GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;
  JsonNode *root;

  if (data == NULL || len == 0)
    {
      g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                   _("The helpdesk sent an empty answer."));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                   _("The helpdesk sent something that is not JSON: %s"), local_error->message);
      return NULL;
    }
  /* json-glib accepts an empty or blank document with a NULL root. */
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                   _("The helpdesk sent an empty answer."));
      return NULL;
    }
  return json_node_ref (root);
}

/**
 * csm_rt_parse_page:
 * @body: the body of a REST2 collection request
 * @kind: what the items are
 *
 * Returns: (transfer full) (nullable): the page
 */
CsmRtPage *
csm_rt_parse_page (GBytes         *body,
                   CsmRtItemKind   kind,
                   GError        **error)
{
  g_autoptr(JsonNode) root = parse_body (body, error);
  g_autoptr(CsmRtPage) page = NULL;
  const char *what = _("result page");
  JsonObject *object;
  JsonNode *items;
  JsonArray *array;
  gboolean present;

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                   _("The helpdesk sent a result page that is not a JSON object."));
      return NULL;
    }
  object = json_node_get_object (root);

  page = g_new0 (CsmRtPage, 1);
  page->page = 1;

  /* A single record reads as a page of one. */
  if (kind == CSM_RT_ITEM_USER_RECORD)
    {
      g_autoptr(GError) item_error = NULL;
      CsmAgent *agent;

      page->items = g_ptr_array_new_with_free_func (g_object_unref);
      page->pages = 1;
      agent = csm_rt_parse_user (object, &item_error);
      if (item_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&item_error));
          return NULL;
        }
      if (agent != NULL)
        g_ptr_array_add (page->items, agent);
      page->total = page->count = page->items->len;
      return g_steal_pointer (&page);
    }

  if (kind == CSM_RT_ITEM_TRANSACTION)
    page->items = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
  else if (kind == CSM_RT_ITEM_GROUP)
    page->items = g_ptr_array_new_with_free_func (g_free);
  else
    page->items = g_ptr_array_new_with_free_func (g_object_unref);

  if (!read_int (object, "total", what, &page->total, NULL, error) ||
      !read_int (object, "page", what, &page->page, NULL, error) ||
      !read_int (object, "pages", what, &page->pages, NULL, error) ||
      !read_int (object, "per_page", what, &page->per_page, NULL, error) ||
      !read_int (object, "count", what, &page->count, &present, error))
    return NULL;

  items = json_object_get_member (object, "items");
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                   _("The helpdesk sent a result page without a list of items."));
      return NULL;
    }
  array = json_node_get_array (items);
  if (!present)
    page->count = json_array_get_length (array);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *el = json_array_get_element (array, i);
      JsonObject *item;
      gpointer parsed = NULL;
      g_autoptr(GError) item_error = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        {
          g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                       _("The helpdesk sent a result item that is not a JSON object."));
          return NULL;
        }
      item = json_node_get_object (el);

      switch (kind)
        {
        case CSM_RT_ITEM_TICKET:
          parsed = csm_rt_parse_ticket (item, &item_error);
          break;
        case CSM_RT_ITEM_TRANSACTION:
          parsed = csm_rt_parse_transaction (item, &item_error);
          break;
        case CSM_RT_ITEM_QUEUE:
          parsed = csm_rt_parse_queue (item, &item_error);
          break;
        case CSM_RT_ITEM_USER:
          {
            const char *type = NULL;
            /* Group members can be groups; only users are agents. */
            if (!read_string (item, "type", what, &type, &item_error))
              break;
            if (type != NULL && g_strcmp0 (type, "user") != 0)
              break;
            parsed = csm_rt_parse_user (item, &item_error);
          }
          break;
        case CSM_RT_ITEM_USER_RECORD:
          g_assert_not_reached ();
          break;
        case CSM_RT_ITEM_GROUP:
          {
            gint64 gid = 0;
            gboolean has_id;
            if (read_int (item, "id", what, &gid, &has_id, &item_error) && has_id)
              parsed = g_strdup_printf ("%" G_GINT64_FORMAT, gid);
            else if (item_error == NULL)
              fail (&item_error, what, "id");
          }
          break;
        default:
          g_assert_not_reached ();
        }

      if (item_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&item_error));
          return NULL;
        }
      if (parsed != NULL)
        g_ptr_array_add (page->items, parsed);
    }

  return g_steal_pointer (&page);
}

/**
 * csm_rt_parse_version:
 * @body: the body of `GET /REST/2.0/rt`
 *
 * Returns: (transfer full) (nullable): "Request Tracker 5.0.3…", or %NULL with
 *   %CSM_PROVIDER_ERROR_NOT_HELPDESK when the server is something else
 */
char *
csm_rt_parse_version (GBytes  *body,
                      GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = parse_body (body, &local_error);
  JsonNode *version;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      version = json_object_get_member (json_node_get_object (root), "Version");
      if (version != NULL && JSON_NODE_HOLDS_VALUE (version) &&
          json_node_get_value_type (version) == G_TYPE_STRING)
        return g_strdup_printf ("Request Tracker %s", json_node_get_string (version));
    }

  g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_NOT_HELPDESK,
               _("The server answers, but it is not Request Tracker 5: it has no REST2 "
                 "API at this address."));
  return NULL;
}

/**
 * csm_rt_parse_update_messages:
 * @body: the body of a `PUT /ticket/:id` or of a correspond/comment POST
 * @out_messages: (out) (transfer full): RT's messages
 *
 * RT answers a PUT with HTTP 200 and a list of messages whether or not the
 * change was made; this only checks the shape. Deciding failure is the
 * caller's job.
 */
gboolean
csm_rt_parse_update_messages (GBytes   *body,
                              char   ***out_messages,
                              GError  **error)
{
  g_autoptr(JsonNode) root = parse_body (body, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                   _("The helpdesk answered a change with something other than a list of "
                     "messages."));
      return FALSE;
    }
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *el = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (el) || json_node_get_value_type (el) != G_TYPE_STRING)
        {
          g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                       _("The helpdesk answered a change with a malformed message list."));
          return FALSE;
        }
      g_strv_builder_add (builder, json_node_get_string (el));
    }
  *out_messages = g_strv_builder_end (builder);
  return TRUE;
}
