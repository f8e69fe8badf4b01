/* csm-sim-server-request.c: a REST2 request in (parameters, body, token) and its answer out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-server"

#include "config.h"

#include <string.h>

#include "csm-sim-server-private.h"

/* ---- parameters: the query string and a form body ----------------------- */

static void
param_free (gpointer data)
{
  CsmSimParam *p = data;

  g_free (p->key);
  g_free (p->value);
  g_free (p);
}

/* application/x-www-form-urlencoded: '+' is a blank, %XX a byte. */
static char *
form_decode (const char *text,
             gsize       length)
{
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '+')
        g_string_append_c (out, ' ');
      else if (text[i] == '%' && i + 2 < length + 0 && g_ascii_isxdigit (text[i + 1]) &&
               g_ascii_isxdigit (text[i + 2]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (text[i + 1]) * 16 +
                                          g_ascii_xdigit_value (text[i + 2])));
          i += 2;
        }
      else
        g_string_append_c (out, text[i]);
    }
  return g_string_free (out, FALSE);
}

/* Perl's URI query_form: pairs split on & and ;. */
static void
parse_form (const char *query,
            gsize       length,
            GPtrArray  *out)
{
  gsize start = 0;

  if (query == NULL)
    return;

  for (gsize i = 0; i <= length; i++)
    {
      if (i == length || query[i] == '&' || query[i] == ';')
        {
          const char *pair = query + start;
          gsize n = i - start;
          const char *eq = memchr (pair, '=', n);
          CsmSimParam *p;

          if (n > 0)
            {
              p = g_new0 (CsmSimParam, 1);
              if (eq != NULL)
                {
                  p->key = form_decode (pair, eq - pair);
                  p->value = form_decode (eq + 1, n - (eq - pair) - 1);
                }
              else
                {
                  p->key = form_decode (pair, n);
                  p->value = g_strdup ("");
                }
              g_ptr_array_add (out, p);
            }
          start = i + 1;
        }
    }
}

const char *
csm_sim_request_param (CsmSimRequest *r,
                       const char    *key)
{
  for (guint i = 0; i < r->params->len; i++)
    {
      CsmSimParam *p = g_ptr_array_index (r->params, i);

      if (strcmp (p->key, key) == 0)
        return p->value;
    }
  return NULL;
}

GStrv
csm_sim_request_param_all (CsmSimRequest *r,
                           const char    *key)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < r->params->len; i++)
    {
      CsmSimParam *p = g_ptr_array_index (r->params, i);

      if (strcmp (p->key, key) == 0)
        g_strv_builder_add (builder, p->value);
    }
  return g_strv_builder_end (builder);
}

/* URI::_query::query_form escaping, then URI's uric escaping. */
void
csm_sim_form_append_escaped (GString    *out,
                             const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p == ' ')
        g_string_append_c (out, '+');
      else if (g_ascii_isalnum (*p) || strchr ("-_.!~*'()", *p) != NULL)
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
}

/* ---- answers ------------------------------------------------------------ */

/* JSON::to_json (pretty => 1) is the writer's pretty layout plus a final
 * newline. The hot collections write straight into a CsmJsonWriter;
 * everything else goes through JsonNode trees and csm_sim_json_write_node(). */
void
csm_sim_json_write_node (CsmJsonWriter *w,
                         JsonNode      *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        csm_json_writer_begin_object (w);
        for (GList *l = members; l != NULL; l = l->next)
          {
            csm_json_writer_key (w, l->data);
            csm_sim_json_write_node (w, json_object_get_member (object, l->data));
          }
        csm_json_writer_end_object (w);
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        csm_json_writer_begin_array (w);
        for (guint i = 0; i < json_array_get_length (array); i++)
          csm_sim_json_write_node (w, json_array_get_element (array, i));
        csm_json_writer_end_array (w);
      }
      break;
    case JSON_NODE_NULL:
      csm_json_writer_null (w);
      break;
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          csm_json_writer_string (w, json_node_get_string (node));
          break;
        case G_TYPE_INT64:
          csm_json_writer_int (w, json_node_get_int (node));
          break;
        case G_TYPE_BOOLEAN:
          csm_json_writer_boolean (w, json_node_get_boolean (node));
          break;
        case G_TYPE_DOUBLE:
          {
            /* Perl prints a whole NV such as ceil(0) as 0.0. */
            char buffer[G_ASCII_DTOSTR_BUF_SIZE + 2];

            g_ascii_dtostr (buffer, G_ASCII_DTOSTR_BUF_SIZE, json_node_get_double (node));
            if (strpbrk (buffer, ".eEn") == NULL)
              strcat (buffer, ".0");
            csm_json_writer_raw (w, buffer);
          }
          break;
        default:
          csm_json_writer_null (w);
          break;
        }
      break;
    }
}

static void
set_body (CsmSimRequest *r,
                      const char    *content_type,
                      char          *data,
                      gsize          length)
{
  if (r->head)
    {
      g_free (data);
      soup_server_message_set_response (r->msg, content_type, SOUP_MEMORY_STATIC, "", 0);
      return;
    }
  soup_server_message_set_response (r->msg, content_type, SOUP_MEMORY_TAKE, data, length);
}

/* Answers @status with what @w wrote, and frees @w. */
void
csm_sim_respond_written (CsmSimRequest *r,
                         guint          status,
                         const char    *content_type,
                         CsmJsonWriter *w,
                         gboolean       pretty)
{
  gsize length = 0;
  char *data = csm_json_writer_free_to_string (w, &length);

  /* JSON::to_json (pretty => 1) ends with a newline. */
  if (pretty)
    {
      data = g_realloc (data, length + 2);
      data[length++] = '\n';
      data[length] = '\0';
    }
  soup_server_message_set_status (r->msg, status, NULL);
  set_body (r, content_type, data, length);
}

void
csm_sim_respond_json (CsmSimRequest *r,
                      guint          status,
                      JsonNode      *node,
                      gboolean       pretty)
{
  CsmJsonWriter *w = csm_json_writer_new_sized (pretty, 4096);

  csm_sim_json_write_node (w, node);
  json_node_unref (node);
  csm_sim_respond_written (r, status, CSM_SIM_CONTENT_TYPE, w, pretty);
}

/* error_as_json: a compact {"message": ...} with the unquoted charset. */
void
csm_sim_respond_error (CsmSimRequest *r,
                       guint          status,
                       const char    *message)
{
  CsmJsonWriter *w = csm_json_writer_new (FALSE);

  csm_json_writer_begin_object (w);
  csm_json_writer_member_string (w, "message", message);
  csm_json_writer_end_object (w);
  csm_sim_respond_written (r, status, CSM_SIM_CONTENT_TYPE_ERROR, w, FALSE);
}

void
csm_sim_respond_empty (CsmSimRequest *r,
                       guint          status)
{
  soup_server_message_set_status (r->msg, status, NULL);
  if (status == SOUP_STATUS_NOT_MODIFIED || status == SOUP_STATUS_NO_CONTENT)
    return;
  soup_server_message_set_response (r->msg, CSM_SIM_CONTENT_TYPE, SOUP_MEMORY_STATIC, "", 0);
}

void
csm_sim_respond_messages (CsmSimRequest *r,
                          guint          status,
                          GPtrArray     *messages,
                          gboolean       pretty)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < messages->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (messages, i));
  json_node_take_array (node, array);
  csm_sim_respond_json (r, status, node, pretty);
}

void
csm_sim_respond_method_not_allowed (CsmSimRequest *r,
                                    const char    *allow)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (r->msg), "Allow", allow);
  csm_sim_respond_error (r, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method Not Allowed");
}

/* ---- conditional requests ----------------------------------------------- */

static void
set_record_headers (CsmSimRequest *r,
                    gint64         etag_txn,
                    gint64         last_modified)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (r->msg);
  g_autofree char *modified = csm_sim_format_iso (last_modified);
  g_autofree char *etag = etag_txn > 0 ? g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", etag_txn)
                                       : g_strdup_printf ("\"%s\"", modified);

  soup_message_headers_replace (headers, "ETag", etag);
  soup_message_headers_replace (headers, "Last-Modified", modified);
}

/* Web::Machine with RT's resources: a past (or unreadable) If-Modified-Since
 * on a resource without Last-Modified gives 304; on a record, whose
 * last_modified is an ISO string instead of a date object, it dies: 500
 * with an empty body. A date in the future is ignored. */
static gboolean
if_modified_since_applies (CsmSimRequest *r)
{
  const char *ims;
  g_autoptr(GDateTime) date = NULL;

  if (strcmp (r->method, "GET") != 0 && strcmp (r->method, "HEAD") != 0)
    return FALSE;
  ims = soup_message_headers_get_one (soup_server_message_get_request_headers (r->msg),
                                      "If-Modified-Since");
  if (ims == NULL)
    return FALSE;
  date = soup_date_time_new_from_http_string (ims);
  if (date != NULL && g_date_time_to_unix (date) > csm_sim_world_get_now (r->world))
    return FALSE;
  return TRUE;
}

/* For resources without ETag/Last-Modified. */
gboolean
csm_sim_request_check_not_modified (CsmSimRequest *r)
{
  if (!if_modified_since_applies (r))
    return FALSE;
  csm_sim_respond_empty (r, SOUP_STATUS_NOT_MODIFIED);
  return TRUE;
}

/* For records: If-None-Match, then the If-Modified-Since crash. */
gboolean
csm_sim_request_check_record_conditions (CsmSimRequest *r,
                                         gint64         etag_txn,
                                         gint64         last_modified)
{
  SoupMessageHeaders *response = soup_server_message_get_response_headers (r->msg);
  const char *inm = soup_message_headers_get_one (soup_server_message_get_request_headers (r->msg),
                                                  "If-None-Match");

  set_record_headers (r, etag_txn, last_modified);

  if (inm != NULL && (strcmp (r->method, "GET") == 0 || strcmp (r->method, "HEAD") == 0))
    {
      const char *etag = soup_message_headers_get_one (response, "ETag");

      if (strcmp (inm, "*") == 0 || strstr (inm, etag) != NULL)
        {
          csm_sim_respond_empty (r, SOUP_STATUS_NOT_MODIFIED);
          return TRUE;
        }
    }
  if (if_modified_since_applies (r))
    {
      soup_message_headers_remove (response, "ETag");
      soup_message_headers_remove (response, "Last-Modified");
      csm_sim_respond_empty (r, SOUP_STATUS_INTERNAL_SERVER_ERROR);
      return TRUE;
    }
  return FALSE;
}

/* ---- JSON bodies -------------------------------------------------------- */

JsonArray *
csm_sim_request_body_json_array (CsmSimRequest *r)
{
  g_autoptr(JsonParser) parser = NULL;
  gsize length = 0;
  const char *data;

  if (r->body == NULL)
    return NULL;
  data = g_bytes_get_data (r->body, &length);
  if (length == 0)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, NULL))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return NULL;
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

/* Web::Machine's content_types_accepted: a write without one of these
 * Content-Types (none at all included) is answered 415. Records take
 * application/json and multipart/form-data (RT::REST2::Resource::Record::
 * Writable); messages also text/plain and text/html (Resource::Message). */
gboolean
csm_sim_request_content_type_accepted (CsmSimRequest *r,
                                       gboolean       message)
{
  const char *type = soup_message_headers_get_content_type (
    soup_server_message_get_request_headers (r->msg), NULL);

  if (type == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (type, "application/json") == 0 ||
      g_ascii_strcasecmp (type, "multipart/form-data") == 0)
    return TRUE;
  return message && (g_ascii_strcasecmp (type, "text/plain") == 0 ||
                     g_ascii_strcasecmp (type, "text/html") == 0);
}

JsonObject *
csm_sim_request_body_object (CsmSimRequest    *r,
                             CsmSimBodyStatus *status)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = r->body ? g_bytes_get_data (r->body, &length) : NULL;

  *status = CSM_SIM_BODY_OK;
  if (data == NULL || length == 0)
    return json_object_new ();
  if (!json_parser_load_from_data (parser, data, length, NULL))
    {
      *status = CSM_SIM_BODY_MALFORMED;
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      *status = CSM_SIM_BODY_NOT_OBJECT;
      return NULL;
    }
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* ---- authentication and dispatch ---------------------------------------- */

static const CsmSimUser *
authenticate (CsmSimRequest *r,
              gboolean      *had_credentials)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (r->msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *token = NULL;
  g_autofree char *user_name = NULL;
  const CsmSimUser *user;

  *had_credentials = FALSE;
  if (authorization != NULL)
    {
      *had_credentials = TRUE;
      if (g_ascii_strncasecmp (authorization, "token ", 6) == 0)
        token = authorization + 6;
    }
  if (token == NULL && csm_sim_request_param (r, "token") != NULL)
    {
      *had_credentials = TRUE;
      token = csm_sim_request_param (r, "token");
    }
  if (token == NULL)
    return NULL;

  g_mutex_lock (&r->self->lock);
  user_name = g_strdup (g_hash_table_lookup (r->self->tokens, token));
  g_mutex_unlock (&r->self->lock);
  if (user_name == NULL)
    return NULL;

  user = csm_sim_world_lookup_user_by_name (r->world, user_name);
  if (user == NULL || user->disabled)
    return NULL;
  return user;
}

static void
handle_request (CsmSimRequest *r)
{
  gboolean had_credentials;

  r->user = authenticate (r, &had_credentials);
  if (r->user == NULL)
    {
      SoupMessageHeaders *request = soup_server_message_get_request_headers (r->msg);
      const char *agent = soup_message_headers_get_one (request, "User-Agent");

      /* A browser without credentials is sent to the login page. */
      if (!had_credentials && agent != NULL && strstr (agent, "Mozilla") != NULL)
        {
          SoupMessageHeaders *headers = soup_server_message_get_response_headers (r->msg);
          SoupMessageBody *body = soup_server_message_get_response_body (r->msg);

          soup_server_message_set_status (r->msg, SOUP_STATUS_FOUND, NULL);
          soup_message_headers_replace (headers, "Location", "/");
          soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
          soup_message_body_append (body, SOUP_MEMORY_STATIC, "Login required", 14);
          soup_message_body_complete (body);
          return;
        }
      csm_sim_respond_error (r, SOUP_STATUS_UNAUTHORIZED, "Unauthorized");
      return;
    }

  csm_sim_route (r);
}

void
csm_sim_server_callback (SoupServer        *server,
                         SoupServerMessage *msg,
                         const char        *path,
                         GHashTable        *query,
                         gpointer           user_data)
{
  CsmSimServer *self = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  const char *raw_query = g_uri_get_query (uri);
  const char *raw_path = g_uri_get_path (uri);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *base = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *date = NULL;
  CsmSimRequest r = { 0, };
  guint status;

  g_atomic_int_inc (&self->requests);

  r.self = self;
  r.world = self->world;
  r.msg = msg;
  r.method = soup_server_message_get_method (msg);
  r.head = strcmp (r.method, "HEAD") == 0;
  r.path = g_strdup (raw_path);
  r.url_params = g_ptr_array_new_with_free_func (param_free);
  r.params = g_ptr_array_new_with_free_func (param_free);
  parse_form (raw_query, raw_query ? strlen (raw_query) : 0, r.url_params);
  parse_form (raw_query, raw_query ? strlen (raw_query) : 0, r.params);

  {
    SoupMessageBody *body = soup_server_message_get_request_body (msg);
    const char *content_type = soup_message_headers_get_content_type (
      soup_server_message_get_request_headers (msg), NULL);

    r.body = body != NULL ? soup_message_body_flatten (body) : NULL;
    /* Plack's param() also reads a form-encoded body. */
    if (r.body != NULL && g_strcmp0 (content_type, "application/x-www-form-urlencoded") == 0)
      {
        gsize length;
        const char *data = g_bytes_get_data (r.body, &length);

        parse_form (data, length, r.params);
      }
  }

  base = g_strconcat (self->url, CSM_SIM_API_PREFIX, NULL);
  r.base = base;

  csm_sim_world_lock (self->world);

  if (g_str_has_prefix (raw_path, CSM_SIM_API_PREFIX "/") ||
      strcmp (raw_path, CSM_SIM_API_PREFIX) == 0)
    {
      r.route = g_strdup (raw_path + strlen (CSM_SIM_API_PREFIX));
      handle_request (&r);
    }
  else
    {
      r.route = g_strdup (raw_path);
      csm_sim_respond_error (&r, SOUP_STATUS_NOT_FOUND, "Not Found");
    }

  /* RT's Date header, from the world's clock so that "N seconds ago"
   * arithmetic agrees with TicketSQL's 'now'. */
  now = g_date_time_new_from_unix_utc (csm_sim_world_get_now (self->world));
  csm_sim_world_unlock (self->world);

  date = soup_date_time_to_string (now, SOUP_DATE_HTTP);
  soup_message_headers_replace (headers, "Date", date);
  if (self->close_connections)
    soup_message_headers_replace (headers, "Connection", "close");

  status = soup_server_message_get_status (msg);
  if (status >= 500)
    g_atomic_int_inc (&self->status_5xx);
  else if (status >= 400)
    g_atomic_int_inc (&self->status_4xx);
  else if (status >= 300)
    g_atomic_int_inc (&self->status_3xx);
  else
    g_atomic_int_inc (&self->status_2xx);

  g_free (r.path);
  g_free (r.route);
  g_ptr_array_unref (r.url_params);
  g_ptr_array_unref (r.params);
  g_clear_pointer (&r.body, g_bytes_unref);
}
