/* csm-http-client.c: one helpdesk's HTTP connection: auth, limits, timeouts, redirects, error mapping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-http-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "csm-http-client.h"
#include "csm-provider-error.h"

#define MAX_REDIRECTS 5
#define READ_CHUNK (64 * 1024)

struct _CsmHttpClient
{
  GObject parent_instance;

  SoupSession *session;      /* (owned) */
  char *api_base_url;        /* (owned): ends without a slash */
  GUri *base_uri;            /* (owned) */
  char *auth_header;         /* (owned) (nullable): a secret, never logged */
  gsize max_body;
  guint timeout_seconds;
  /* Counted on the thread that sends, which is the owner's main context. */
  guint64 request_count;
  guint64 bytes_received;
  gint64 server_offset;      /* the server's clock minus ours, seconds */
};

G_DEFINE_FINAL_TYPE (CsmHttpClient, csm_http_client, G_TYPE_OBJECT)

enum {
  REQUEST_SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  CsmHttpClient *client;     /* (owned) */
  char *method;
  GUri *uri;                 /* (owned): the current target, after redirects */
  GBytes *body;              /* (owned) (nullable) */
  guint hops;
  SoupMessage *msg;          /* (owned) (nullable) */
  GInputStream *stream;      /* (owned) (nullable) */
  GByteArray *buffer;        /* (owned) */
  GCancellable *internal;    /* (owned): cancelled by the caller or by the deadline */
  GCancellable *external;    /* (owned) (nullable) */
  gulong external_id;
  GSource *deadline;         /* (owned) (nullable) */
  gboolean timed_out;
  GTlsCertificateFlags tls_errors;
  guint status;
  gint64 server_time;
  guint retry_after;
} Request;

static void
request_free (Request *req)
{
  if (req->external_id != 0)
    g_cancellable_disconnect (req->external, req->external_id);
  if (req->deadline != NULL)
    {
      g_source_destroy (req->deadline);
      g_source_unref (req->deadline);
    }
  g_clear_object (&req->external);
  g_clear_object (&req->internal);
  g_clear_object (&req->stream);
  g_clear_object (&req->msg);
  g_clear_pointer (&req->buffer, g_byte_array_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_pointer (&req->uri, g_uri_unref);
  g_clear_pointer (&req->method, g_free);
  g_clear_object (&req->client);
  g_free (req);
}

static void
csm_http_client_finalize (GObject *object)
{
  CsmHttpClient *self = (CsmHttpClient *) object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->api_base_url, g_free);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  if (self->auth_header != NULL)
    {
      memset (self->auth_header, 0, strlen (self->auth_header));
      g_clear_pointer (&self->auth_header, g_free);
    }

  G_OBJECT_CLASS (csm_http_client_parent_class)->finalize (object);
}

static void
csm_http_client_class_init (CsmHttpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = csm_http_client_finalize;

  /**
   * CsmHttpClient::request-sent:
   * @method: the HTTP method
   * @uri: the full request URI (credentials are never part of it)
   *
   * For the benchmarks, which replay the same requests with curl.
   */
  signals[REQUEST_SENT] =
    g_signal_new ("request-sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
csm_http_client_init (CsmHttpClient *self)
{
  self->max_body = CSM_HTTP_DEFAULT_MAX_BODY;
  self->timeout_seconds = CSM_HTTP_DEFAULT_TIMEOUT_SECONDS;
}

/**
 * csm_http_client_new:
 * @api_base_url: the API root, e.g. "https://rt.example.com/REST/2.0"
 *
 * Returns: (transfer full): a client; every request it sends goes to this
 *   origin, and credentials never leave it
 */
CsmHttpClient *
csm_http_client_new (const char *api_base_url)
{
  CsmHttpClient *self;
  g_autofree char *trimmed = NULL;
  gsize len;

  g_return_val_if_fail (api_base_url != NULL, NULL);

  trimmed = g_strdup (api_base_url);
  len = strlen (trimmed);
  while (len > 0 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';

  self = g_object_new (CSM_TYPE_HTTP_CLIENT, NULL);
  self->api_base_url = g_steal_pointer (&trimmed);
  self->base_uri = g_uri_parse (self->api_base_url, G_URI_FLAGS_ENCODED, NULL);
  /* RT answers a browser-like User-Agent without credentials with a 302 to
   * its login page instead of a 401, so say plainly what we are. */
  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "user-agent", "CsmConsole/" PACKAGE_VERSION " ",
                                "max-conns", 32,
                                "max-conns-per-host", 8,
                                "timeout", self->timeout_seconds,
                                "idle-timeout", 60,
                                NULL);
  return self;
}

const char *
csm_http_client_get_api_base_url (CsmHttpClient *self)
{
  g_return_val_if_fail (CSM_IS_HTTP_CLIENT (self), NULL);
  return self->api_base_url;
}

static void
set_auth_header (CsmHttpClient *self,
                 char          *value)
{
  if (self->auth_header != NULL)
    memset (self->auth_header, 0, strlen (self->auth_header));
  g_free (self->auth_header);
  self->auth_header = value;
}

/**
 * csm_http_client_set_token_auth:
 * @token: (nullable): an API token, sent as "Authorization: token …"
 */
void
csm_http_client_set_token_auth (CsmHttpClient *self,
                                const char    *token)
{
  g_autofree char *clean = NULL;

  g_return_if_fail (CSM_IS_HTTP_CLIENT (self));

  /* A token copied from a file or a terminal often carries a newline; a
   * header value must not. Tokens never contain white space. */
  if (token != NULL)
    {
      clean = g_strstrip (g_strdup (token));
      g_strdelimit (clean, "\r\n\t ", '\0');
    }
  set_auth_header (self, clean ? g_strconcat ("token ", clean, NULL) : NULL);
  if (clean != NULL)
    memset (clean, 0, strlen (clean));
}

void
csm_http_client_set_basic_auth (CsmHttpClient *self,
                                const char    *username,
                                const char    *password)
{
  g_autofree char *pair = NULL;
  g_autofree char *encoded = NULL;

  g_return_if_fail (CSM_IS_HTTP_CLIENT (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);

  pair = g_strconcat (username, ":", password, NULL);
  encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  memset (pair, 0, strlen (pair));
  set_auth_header (self, g_strconcat ("Basic ", encoded, NULL));
  memset (encoded, 0, strlen (encoded));
}

void
csm_http_client_set_max_body_size (CsmHttpClient *self,
                                   gsize          max_bytes)
{
  g_return_if_fail (CSM_IS_HTTP_CLIENT (self));
  self->max_body = max_bytes;
}

/**
 * csm_http_client_set_timeout:
 * @seconds: the longest a whole request may take, headers and body
 */
void
csm_http_client_set_timeout (CsmHttpClient *self,
                             guint          seconds)
{
  g_return_if_fail (CSM_IS_HTTP_CLIENT (self));
  self->timeout_seconds = MAX (seconds, 1);
  g_object_set (self->session, "timeout", self->timeout_seconds, NULL);
}

void
csm_http_client_set_max_connections (CsmHttpClient *self,
                                     guint          n)
{
  g_return_if_fail (CSM_IS_HTTP_CLIENT (self));
  /* The property is construct-only in libsoup 3; a new session is cheap
   * before the first request and harmless after (old one drains). */
  g_clear_object (&self->session);
  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "user-agent", "CsmConsole/" PACKAGE_VERSION " ",
                                "max-conns", MAX (n * 2, 8),
                                "max-conns-per-host", MAX (n, 2),
                                "timeout", self->timeout_seconds,
                                "idle-timeout", 60,
                                NULL);
}

/**
 * csm_http_client_set_tls_database:
 * @database: (nullable): the trust store to check certificates against;
 *   %NULL for the system's
 */
void
csm_http_client_set_tls_database (CsmHttpClient *self,
                                  GTlsDatabase  *database)
{
  g_return_if_fail (CSM_IS_HTTP_CLIENT (self));
  soup_session_set_tls_database (self->session, database);
}

guint64
csm_http_client_get_request_count (CsmHttpClient *self)
{
  g_return_val_if_fail (CSM_IS_HTTP_CLIENT (self), 0);
  return self->request_count;
}

/**
 * csm_http_client_get_server_offset:
 *
 * Returns: how far the server's clock is ahead of ours, in seconds, from
 *   the Date header of its last answer (0 before any)
 */
gint64
csm_http_client_get_server_offset (CsmHttpClient *self)
{
  g_return_val_if_fail (CSM_IS_HTTP_CLIENT (self), 0);
  return self->server_offset;
}

guint64
csm_http_client_get_bytes_received (CsmHttpClient *self)
{
  g_return_val_if_fail (CSM_IS_HTTP_CLIENT (self), 0);
  return self->bytes_received;
}

/**
 * csm_http_client_build_query:
 * @path: a path below the API root, e.g. "/tickets"
 * @...: pairs of parameter name and value (%NULL values are skipped), ending
 *   with %NULL
 *
 * Returns: (transfer full): the path with a percent-encoded query
 */
char *
csm_http_client_build_query (const char *path,
                             ...)
{
  GString *out = g_string_new (path);
  const char *key;
  gboolean first = strchr (path, '?') == NULL;
  va_list args;

  va_start (args, path);
  while ((key = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autofree char *ek = NULL;
      g_autofree char *ev = NULL;

      if (value == NULL)
        continue;
      ek = g_uri_escape_string (key, NULL, FALSE);
      ev = g_uri_escape_string (value, NULL, FALSE);
      g_string_append_c (out, first ? '?' : '&');
      g_string_append_printf (out, "%s=%s", ek, ev);
      first = FALSE;
    }
  va_end (args);

  return g_string_free (out, FALSE);
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

/* RT's error messages carry the perl source position ("... at
 * /usr/share/request-tracker5/lib/RT/Tickets.pm line 3187.\n"): useless to a
 * supervisor, so cut it. */
static char *
clean_server_message (const char *message)
{
  g_autofree char *text = g_strstrip (g_strdup (message));
  const char *at = g_strrstr (text, " at /");

  if (at != NULL && strstr (at, " line ") != NULL)
    return g_strndup (text, at - text);
  return g_steal_pointer (&text);
}

static char *
extract_message (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len = 0;
  const char *data;
  JsonNode *root;

  if (body == NULL)
    return NULL;
  data = g_bytes_get_data (body, &len);
  if (len == 0 || len > 64 * 1024 || !json_parser_load_from_data (parser, data, len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *obj = json_node_get_object (root);
      JsonNode *m = json_object_get_member (obj, "message");

      if (m != NULL && JSON_NODE_HOLDS_VALUE (m) && json_node_get_value_type (m) == G_TYPE_STRING)
        return clean_server_message (json_node_get_string (m));
    }
  return NULL;
}

static guint
parse_retry_after (const char *value,
                   gint64      server_time)
{
  guint64 seconds;
  g_autoptr(GDateTime) when = NULL;

  if (value == NULL)
    return 0;
  if (g_ascii_string_to_unsigned (value, 10, 0, 24 * 3600, &seconds, NULL))
    return (guint) seconds;
  when = soup_date_time_new_from_http_string (value);
  if (when != NULL)
    {
      gint64 now = server_time ? server_time : g_get_real_time () / G_USEC_PER_SEC;
      gint64 delta = g_date_time_to_unix (when) - now;
      return (guint) CLAMP (delta, 0, 24 * 3600);
    }
  return 0;
}

static void
return_status_error (GTask   *task,
                     Request *req,
                     GBytes  *body)
{
  g_autofree char *message = extract_message (body);
  g_autoptr(GError) error = NULL;
  guint status = req->status;

  switch (status)
    {
    case 401:
      error = g_error_new (CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_AUTH,
                           _("The helpdesk did not accept the credentials (HTTP 401)."));
      break;
    case 403:
      error = g_error_new (CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_FORBIDDEN,
                           _("The helpdesk refused access (HTTP 403): %s"),
                           message ? message : _("Forbidden"));
      break;
    case 404:
      error = g_error_new (CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_NOT_FOUND,
                           _("Not found on the helpdesk (HTTP 404): %s"),
                           g_uri_get_path (req->uri));
      break;
    case 400:
    case 422:
      error = g_error_new (CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_QUERY,
                           _("The helpdesk rejected the request (HTTP %u): %s"),
                           status, message ? message : _("no reason given"));
      break;
    case 429:
      error = g_error_new (CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_RATE_LIMITED,
                           _("The helpdesk asks the console to slow down (HTTP 429)."));
      csm_provider_error_set_retry_after (error, req->retry_after);
      break;
    default:
      if (status >= 500 && status < 600)
        {
          error = g_error_new (CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_SERVER,
                               _("The helpdesk had an internal error (HTTP %u)."), status);
          csm_provider_error_set_retry_after (error, req->retry_after);
        }
      else
        error = g_error_new (CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                             _("The helpdesk answered with an unexpected HTTP status %u."),
                             status);
      break;
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

static GError *
map_transport_error (Request      *req,
                     const GError *error)
{
  const char *host = g_uri_get_host (req->uri);

  if (req->timed_out)
    return g_error_new (CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_TIMEOUT,
                        g_dngettext (GETTEXT_PACKAGE, "%s did not answer within %u second.",
                                     "%s did not answer within %u seconds.",
                                     req->client->timeout_seconds),
                        host, req->client->timeout_seconds);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (error->domain == G_TLS_ERROR || req->tls_errors != 0)
    {
      const char *why;

      if (req->tls_errors & G_TLS_CERTIFICATE_UNKNOWN_CA)
        why = _("it is not signed by a trusted authority");
      else if (req->tls_errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
        why = _("it was issued for a different host name");
      else if (req->tls_errors & G_TLS_CERTIFICATE_EXPIRED)
        why = _("it has expired");
      else if (req->tls_errors & G_TLS_CERTIFICATE_NOT_ACTIVATED)
        why = _("it is not valid yet");
      else if (req->tls_errors & G_TLS_CERTIFICATE_REVOKED)
        why = _("it has been revoked");
      else
        why = error->message;
      return g_error_new (CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_TLS,
                          _("The certificate of %s is not trusted: %s."), host, why);
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_TIMEOUT,
                        _("%s did not answer in time."), host);
  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_NETWORK,
                        _("Cannot find the host %s."), host);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_NETWORK,
                        _("%s refused the connection."), host);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    return g_error_new (CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                        _("The answer from %s was cut off."), host);
  return g_error_new (CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_NETWORK,
                      _("Cannot reach %s: %s"), host, error->message);
}

static void send_message (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GBytes) body = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      g_task_return_error (task, map_transport_error (req, error));
      return;
    }

  if (g_bytes_get_size (chunk) > 0)
    {
      gsize n = g_bytes_get_size (chunk);

      req->client->bytes_received += n;
      if (req->buffer->len + n > req->client->max_body)
        {
          /* Drop the connection rather than draining a body we will never use. */
          g_cancellable_cancel (req->internal);
          g_task_return_new_error (task, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                                   _("The answer from %s is larger than %zu MB; "
                                     "the console stopped reading it."),
                                   g_uri_get_host (req->uri),
                                   req->client->max_body / (1024 * 1024));
          return;
        }
      g_byte_array_append (req->buffer, g_bytes_get_data (chunk, NULL), n);
      {
        int priority = g_task_get_priority (task);
        g_input_stream_read_bytes_async (req->stream, READ_CHUNK, priority, req->internal,
                                         read_cb, g_steal_pointer (&task));
      }
      return;
    }

  body = g_byte_array_free_to_bytes (g_steal_pointer (&req->buffer));
  req->buffer = g_byte_array_new ();

  if (req->status >= 200 && req->status < 300)
    g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
  else
    return_status_error (task, req, body);
}

static gboolean
handle_redirect (GTask   *task,
                 Request *req)
{
  const char *location;
  g_autoptr(GUri) target = NULL;

  location = soup_message_headers_get_one (soup_message_get_response_headers (req->msg),
                                           "Location");
  if (location == NULL)
    return FALSE;

  target = g_uri_parse_relative (req->uri, location, G_URI_FLAGS_ENCODED, NULL);
  if (target == NULL)
    {
      g_task_return_new_error (task, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                               _("The helpdesk sent an invalid redirect."));
      return TRUE;
    }

  if (!same_origin (target, req->client->base_uri))
    {
      g_autofree char *where = g_uri_to_string_partial (target, G_URI_HIDE_PASSWORD);

      g_task_return_new_error (task, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_REDIRECTED,
                               _("The helpdesk redirected the console to %s. Credentials are "
                                 "only sent to %s; check the helpdesk address."),
                               where, g_uri_get_host (req->client->base_uri));
      return TRUE;
    }

  /* RT sends clients it takes for browsers to its login page ("/") instead
   * of answering 401; leaving the API is never what an API call wants. */
  if (!g_str_has_prefix (g_uri_get_path (target), g_uri_get_path (req->client->base_uri)))
    {
      g_task_return_new_error (task, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_AUTH,
                               _("The helpdesk sent the console to its page %s instead of "
                                 "answering: it did not accept the credentials."),
                               g_uri_get_path (target));
      return TRUE;
    }

  if (++req->hops > MAX_REDIRECTS)
    {
      g_task_return_new_error (task, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                               _("The helpdesk redirected too many times."));
      return TRUE;
    }

  g_clear_pointer (&req->uri, g_uri_unref);
  req->uri = g_steal_pointer (&target);
  if (req->status == 303)
    {
      g_free (req->method);
      req->method = g_strdup ("GET");
      g_clear_pointer (&req->body, g_bytes_unref);
    }
  g_clear_object (&req->stream);
  g_clear_object (&req->msg);
  send_message (g_object_ref (task));
  return TRUE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *date;
  goffset length;

  req->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (req->stream == NULL)
    {
      g_task_return_error (task, map_transport_error (req, error));
      return;
    }

  req->status = soup_message_get_status (req->msg);
  headers = soup_message_get_response_headers (req->msg);

  date = soup_message_headers_get_one (headers, "Date");
  if (date != NULL)
    {
      g_autoptr(GDateTime) dt = soup_date_time_new_from_http_string (date);
      if (dt != NULL)
        {
          req->server_time = g_date_time_to_unix (dt);
          req->client->server_offset = req->server_time - g_get_real_time () / G_USEC_PER_SEC;
        }
    }
  req->retry_after = parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"),
                                        req->server_time);

  if (req->status >= 300 && req->status < 400 && req->status != 304)
    {
      if (handle_redirect (task, req))
        return;
    }

  length = soup_message_headers_get_content_length (headers);
  if (length > 0 && (guint64) length > req->client->max_body)
    {
      g_cancellable_cancel (req->internal);
      g_task_return_new_error (task, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_RESPONSE,
                               _("The answer from %s is larger than %zu MB; "
                                 "the console did not read it."),
                               g_uri_get_host (req->uri), req->client->max_body / (1024 * 1024));
      return;
    }

  {
    int priority = g_task_get_priority (task);
    g_input_stream_read_bytes_async (req->stream, READ_CHUNK, priority, req->internal, read_cb,
                                     g_steal_pointer (&task));
  }
}

static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  Request *req = user_data;

  /* Never accept a certificate the system does not trust; remember why, to
   * tell the user precisely. */
  req->tls_errors = errors;
  return FALSE;
}

static void
send_message (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  req->msg = soup_message_new_from_uri (req->method, req->uri);
  /* Redirects are followed by hand: libsoup would follow them to any host
   * and the Authorization header would go along. */
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (req->msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), req);

  headers = soup_message_get_request_headers (req->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (req->client->auth_header != NULL && same_origin (req->uri, req->client->base_uri))
    soup_message_headers_replace (headers, "Authorization", req->client->auth_header);
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->msg, "application/json", req->body);

  req->client->request_count++;
  if (g_signal_has_handler_pending (req->client, signals[REQUEST_SENT], 0, FALSE))
    {
      g_autofree char *uri = g_uri_to_string (req->uri);
      g_signal_emit (req->client, signals[REQUEST_SENT], 0, req->method, uri);
    }
  soup_session_send_async (req->client->session, req->msg, g_task_get_priority (task),
                           req->internal, send_cb, task);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Request *req = user_data;

  req->timed_out = TRUE;
  g_cancellable_cancel (req->internal);
  g_clear_pointer (&req->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
external_cancelled_cb (GCancellable *cancellable,
                       GCancellable *internal)
{
  g_cancellable_cancel (internal);
}

/**
 * csm_http_client_request_async:
 * @method: "GET", "PUT", "POST"…
 * @path_and_query: below the API root, e.g. "/tickets?query=…"
 * @json_body: (nullable): a JSON request body
 *
 * Sends one request and reads the whole answer, within the size limit and
 * the deadline. Non-2xx answers become %CSM_PROVIDER_ERROR errors carrying
 * the helpdesk's own message.
 */
void
csm_http_client_request_async (CsmHttpClient       *self,
                               const char          *method,
                               const char          *path_and_query,
                               GBytes              *json_body,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  Request *req;

  g_return_if_fail (CSM_IS_HTTP_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path_and_query != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_http_client_request_async);

  req = g_new0 (Request, 1);
  req->client = g_object_ref (self);
  req->method = g_strdup (method);
  req->body = json_body ? g_bytes_ref (json_body) : NULL;
  req->buffer = g_byte_array_new ();
  req->internal = g_cancellable_new ();
  g_task_set_task_data (task, req, (GDestroyNotify) request_free);
  /* The task must not short-circuit on the caller's cancellable: our own
   * internal one decides whether this was a cancel or a timeout. */
  g_task_set_check_cancellable (task, FALSE);

  url = g_strconcat (self->api_base_url,
                     path_and_query[0] == '/' ? "" : "/",
                     path_and_query, NULL);
  req->uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (req->uri == NULL)
    {
      g_task_return_new_error (task, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_BAD_QUERY,
                               _("Invalid request address."));
      return;
    }

  if (cancellable != NULL)
    {
      req->external = g_object_ref (cancellable);
      req->external_id = g_cancellable_connect (cancellable, G_CALLBACK (external_cancelled_cb),
                                                req->internal, NULL);
    }

  req->deadline = g_timeout_source_new_seconds (self->timeout_seconds);
  g_source_set_callback (req->deadline, deadline_cb, req, NULL);
  g_source_set_static_name (req->deadline, "[csm] http deadline");
  g_source_attach (req->deadline, g_task_get_context (task));

  send_message (g_steal_pointer (&task));
}

/**
 * csm_http_client_request_finish:
 * @out_status: (out) (optional): the HTTP status
 * @out_server_time: (out) (optional): the server's clock from its Date
 *   header, or 0 when it sent none
 *
 * Returns: (transfer full): the body of a 2xx answer
 */
GBytes *
csm_http_client_request_finish (CsmHttpClient  *self,
                                GAsyncResult   *result,
                                guint          *out_status,
                                gint64         *out_server_time,
                                GError        **error)
{
  Request *req;

  g_return_val_if_fail (CSM_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  req = g_task_get_task_data (G_TASK (result));
  if (out_status != NULL)
    *out_status = req->status;
  if (out_server_time != NULL)
    *out_server_time = req->server_time;
  return g_task_propagate_pointer (G_TASK (result), error);
}
