/* csm-test-server.c: an in-process HTTP server on its own thread, scripted per path, for tests.
 *
 * The server runs its own GMainContext on its own thread, so a test may
 * block its main thread on a client (sync calls, nested loops) without
 * deadlocking the server. Handlers may pause messages to simulate slow or
 * never-ending answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "csm-test-server.h"

typedef struct
{
  CsmTestHandler handler;
  gpointer user_data;
  GDestroyNotify destroy;
} Route;

struct _CsmTestServer
{
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *server;
  char *url;
  GMutex lock;
  GCond ready;
  gboolean started;
  gboolean tls;
  GHashTable *routes;       /* path → Route (longest-prefix match on "prefix*") */
  GPtrArray *requests;      /* of CsmTestRequest, under lock */
  guint concurrent;
  guint max_concurrent;
  guint delay_ms;
  char *token;              /* nullable: when set, other credentials get 401 */
};

static void
request_free (CsmTestRequest *r)
{
  g_free (r->method);
  g_free (r->path);
  g_free (r->query);
  g_clear_pointer (&r->params, g_hash_table_unref);
  g_free (r->authorization);
  g_free (r->user_agent);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_free (r);
}

static void
route_free (Route *route)
{
  if (route->destroy)
    route->destroy (route->user_data);
  g_free (route);
}

char *
csm_test_data_path (const char *relative)
{
  const char *srcdir = g_getenv ("CSM_TEST_SRCDIR");

  if (srcdir == NULL)
    srcdir = SRCDIR "/tests";
  return g_build_filename (srcdir, "data", relative, NULL);
}

GBytes *
csm_test_load_data (const char *relative)
{
  g_autofree char *path = csm_test_data_path (relative);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("cannot read test data %s: %s", path, error->message);
  return g_bytes_new_take (contents, len);
}

static Route *
find_route (CsmTestServer *self,
            const char    *path)
{
  Route *best = NULL;
  gsize best_len = 0;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->routes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *pattern = key;
      gsize len = strlen (pattern);

      if (len > 0 && pattern[len - 1] == '*')
        {
          if (strncmp (path, pattern, len - 1) == 0 && len - 1 >= best_len)
            {
              best = value;
              best_len = len - 1;
            }
        }
      else if (strcmp (path, pattern) == 0)
        return value;
    }
  return best;
}

typedef struct
{
  CsmTestServer *self;
  SoupServerMessage *msg;
} Delayed;

static void
finish_request (CsmTestServer     *self,
                SoupServerMessage *msg)
{
  Route *route;
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr(GHashTable) params = query ? soup_form_decode (query)
                                       : g_hash_table_new (g_str_hash, g_str_equal);
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");

  if (self->token != NULL)
    {
      g_autofree char *expected = g_strconcat ("token ", self->token, NULL);
      if (g_strcmp0 (auth, expected) != 0)
        {
          soup_server_message_set_status (msg, 401, NULL);
          soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                            SOUP_MEMORY_STATIC,
                                            "{\"message\":\"Unauthorized\"}", 26);
          return;
        }
    }

  g_mutex_lock (&self->lock);
  route = find_route (self, path);
  g_mutex_unlock (&self->lock);
  if (route == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                        SOUP_MEMORY_STATIC, "{\"message\":\"Not Found\"}", 23);
      return;
    }
  route->handler (self, msg, path, params, route->user_data);
}

static gboolean
delayed_cb (gpointer user_data)
{
  Delayed *d = user_data;

  finish_request (d->self, d->msg);
  soup_server_message_unpause (d->msg);
  g_object_unref (d->msg);
  g_free (d);
  return G_SOURCE_REMOVE;
}

static void
message_finished_cb (SoupServerMessage *msg,
                     CsmTestServer     *self)
{
  g_mutex_lock (&self->lock);
  self->concurrent--;
  g_mutex_unlock (&self->lock);
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  CsmTestServer *self = user_data;
  CsmTestRequest *r = g_new0 (CsmTestRequest, 1);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));

  r->method = g_strdup (soup_server_message_get_method (msg));
  r->path = g_strdup (path);
  r->query = g_strdup (raw_query);
  r->params = raw_query ? soup_form_decode (raw_query) : g_hash_table_new (g_str_hash, g_str_equal);
  r->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  r->if_modified_since = soup_message_headers_get_one (headers, "If-Modified-Since") != NULL;
  r->user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  if (body != NULL && body->length > 0)
    r->body = g_bytes_new (body->data, body->length);

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->requests, r);
  self->concurrent++;
  self->max_concurrent = MAX (self->max_concurrent, self->concurrent);
  g_mutex_unlock (&self->lock);
  g_signal_connect (msg, "finished", G_CALLBACK (message_finished_cb), self);

  if (self->delay_ms > 0)
    {
      /* Held back, so that concurrent requests really overlap. */
      Delayed *d = g_new0 (Delayed, 1);
      GSource *source = g_timeout_source_new (self->delay_ms);

      d->self = self;
      d->msg = g_object_ref (msg);
      soup_server_message_pause (msg);
      g_source_set_callback (source, delayed_cb, d, NULL);
      g_source_attach (source, self->context);
      g_source_unref (source);
      return;
    }

  finish_request (self, msg);
}

static gpointer
server_thread (gpointer data)
{
  CsmTestServer *self = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new ("server-header", "Plack::Handler::Starlet", NULL);
  if (self->tls)
    {
      g_autofree char *crt = csm_test_data_path ("tls/self-signed.crt");
      g_autofree char *key = csm_test_data_path ("tls/self-signed.key");
      g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_files (crt, key, &error);
      g_assert_no_error (error);
      soup_server_set_tls_certificate (self->server, cert);
    }
  soup_server_add_handler (self->server, NULL, server_callback, self, NULL);
  soup_server_listen_local (self->server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY |
                            (self->tls ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  {
    g_autofree char *s = g_uri_to_string (uris->data);
    gsize len = strlen (s);
    if (len > 0 && s[len - 1] == '/')
      s[len - 1] = '\0';
    self->url = g_steal_pointer (&s);
  }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&self->lock);
  self->started = TRUE;
  g_cond_signal (&self->ready);
  g_mutex_unlock (&self->lock);

  g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  /* Let pending sources (delayed answers) drop their references. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/**
 * csm_test_server_new:
 * @tls: serve HTTPS with the untrusted test certificate
 */
CsmTestServer *
csm_test_server_new (gboolean tls)
{
  CsmTestServer *self = g_new0 (CsmTestServer, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->ready);
  self->tls = tls;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) route_free);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  self->thread = g_thread_new ("test-server", server_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->started)
    g_cond_wait (&self->ready, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
csm_test_server_free (CsmTestServer *self)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, quit_cb, self->loop, NULL);
  g_source_attach (source, self->context);
  g_source_unref (source);
  g_thread_join (self->thread);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_hash_table_unref (self->routes);
  g_ptr_array_unref (self->requests);
  g_free (self->url);
  g_free (self->token);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->ready);
  g_free (self);
}

const char *
csm_test_server_get_url (CsmTestServer *self)
{
  return self->url;
}

/**
 * csm_test_server_route:
 * @path: an exact path, or a prefix ending in "*"
 *
 * Routes may be added while the server runs only before the requests that
 * use them are sent.
 */
void
csm_test_server_route (CsmTestServer  *self,
                       const char     *path,
                       CsmTestHandler  handler,
                       gpointer        user_data)
{
  Route *route = g_new0 (Route, 1);

  route->handler = handler;
  route->user_data = user_data;
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->routes, g_strdup (path), route);
  g_mutex_unlock (&self->lock);
}

typedef struct
{
  guint status;
  char *content_type;
  GBytes *body;
  GPtrArray *headers;   /* name, value, name, value… */
} Canned;

static void
canned_free (Canned *c)
{
  g_free (c->content_type);
  g_bytes_unref (c->body);
  g_ptr_array_unref (c->headers);
  g_free (c);
}

static void
canned_handler (CsmTestServer     *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Canned *c = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gsize len;
  const char *data = g_bytes_get_data (c->body, &len);

  for (guint i = 0; i + 1 < c->headers->len; i += 2)
    soup_message_headers_replace (headers, g_ptr_array_index (c->headers, i),
                                  g_ptr_array_index (c->headers, i + 1));
  soup_server_message_set_status (msg, c->status, NULL);
  soup_server_message_set_response (msg, c->content_type, SOUP_MEMORY_COPY, data, len);
}

static void
add_canned (CsmTestServer *self,
            const char    *path,
            Canned        *c)
{
  Route *route = g_new0 (Route, 1);

  route->handler = canned_handler;
  route->user_data = c;
  route->destroy = (GDestroyNotify) canned_free;
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->routes, g_strdup (path), route);
  g_mutex_unlock (&self->lock);
}

void
csm_test_server_route_body (CsmTestServer *self,
                            const char    *path,
                            guint          status,
                            const char    *content_type,
                            const char    *body)
{
  Canned *c = g_new0 (Canned, 1);

  c->status = status;
  c->content_type = g_strdup (content_type);
  c->body = g_bytes_new (body, strlen (body));
  c->headers = g_ptr_array_new_with_free_func (g_free);
  add_canned (self, path, c);
}

/**
 * csm_test_server_route_file:
 * @file: a body under tests/data, e.g. "rt5/rt.json"
 */
void
csm_test_server_route_file (CsmTestServer *self,
                            const char    *path,
                            guint          status,
                            const char    *file)
{
  Canned *c = g_new0 (Canned, 1);

  c->status = status;
  c->content_type = g_strdup ("application/json; charset=\"utf-8\"");
  c->body = csm_test_load_data (file);
  c->headers = g_ptr_array_new_with_free_func (g_free);
  add_canned (self, path, c);
}

/**
 * csm_test_server_route_capture:
 * @capture_file: a capture with status line, headers, blank line, body
 *   (the format of reference/rt5-json/errors), relative to tests/data
 *
 * Replays a captured response: its status, its headers (except framing
 * ones, which the server sets itself), its body.
 */
void
csm_test_server_route_capture (CsmTestServer *self,
                               const char    *path,
                               const char    *capture_file)
{
  g_autoptr(GBytes) raw = csm_test_load_data (capture_file);
  g_autofree char *text = g_strndup (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
  g_auto(GStrv) lines = NULL;
  Canned *c = g_new0 (Canned, 1);
  char *sep;
  guint i;

  /* Normalise line ends: captures may carry CRLF. */
  for (char *p = text; *p; p++)
    if (*p == '\r')
      *p = ' ';
  sep = strstr (text, "\n \n");
  if (sep == NULL)
    sep = strstr (text, "\n\n");
  g_assert_nonnull (sep);
  *sep = '\0';
  {
    char *body = sep + 2;
    while (*body == ' ' || *body == '\n')
      body++;
    c->body = g_bytes_new (body, strlen (body));
  }

  lines = g_strsplit (text, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "HTTP/1.1 "));
  c->status = (guint) g_ascii_strtoull (lines[0] + 9, NULL, 10);
  c->headers = g_ptr_array_new_with_free_func (g_free);
  c->content_type = g_strdup ("application/json");
  for (i = 1; lines[i]; i++)
    {
      char *colon = strchr (lines[i], ':');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (colon == NULL)
        continue;
      name = g_strstrip (g_strndup (lines[i], colon - lines[i]));
      value = g_strstrip (g_strdup (colon + 1));
      if (g_ascii_strcasecmp (name, "Content-Type") == 0)
        {
          g_free (c->content_type);
          c->content_type = g_steal_pointer (&value);
        }
      else if (g_ascii_strcasecmp (name, "Content-Length") != 0 &&
               g_ascii_strcasecmp (name, "Transfer-Encoding") != 0 &&
               g_ascii_strcasecmp (name, "Connection") != 0 &&
               g_ascii_strcasecmp (name, "Date") != 0)
        {
          g_ptr_array_add (c->headers, g_steal_pointer (&name));
          g_ptr_array_add (c->headers, g_steal_pointer (&value));
        }
    }
  add_canned (self, path, c);
}

/**
 * csm_test_server_get_requests:
 *
 * Returns: (transfer container) (element-type CsmTestRequest): a snapshot
 */
GPtrArray *
csm_test_server_get_requests (CsmTestServer *self)
{
  GPtrArray *copy;

  g_mutex_lock (&self->lock);
  copy = g_ptr_array_copy (self->requests, NULL, NULL);
  g_mutex_unlock (&self->lock);
  /* Elements stay owned by the server until it is freed or cleared. */
  g_ptr_array_set_free_func (copy, NULL);
  return copy;
}

guint
csm_test_server_get_max_concurrent (CsmTestServer *self)
{
  guint v;

  g_mutex_lock (&self->lock);
  v = self->max_concurrent;
  g_mutex_unlock (&self->lock);
  return v;
}

void
csm_test_server_set_delay_ms (CsmTestServer *self,
                              guint          delay_ms)
{
  g_mutex_lock (&self->lock);
  self->delay_ms = delay_ms;
  g_mutex_unlock (&self->lock);
}

void
csm_test_server_set_token (CsmTestServer *self,
                           const char    *token)
{
  g_mutex_lock (&self->lock);
  g_free (self->token);
  self->token = g_strdup (token);
  g_mutex_unlock (&self->lock);
}

void
csm_test_server_clear_requests (CsmTestServer *self)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->requests, 0);
  self->max_concurrent = 0;
  g_mutex_unlock (&self->lock);
}

void
csm_test_provider_fixture_set_up (CsmTestProviderFixture *f,
                                  gconstpointer           data)
{
  f->server = csm_test_server_new (GPOINTER_TO_INT (data));
  f->account = csm_account_new ("rt", csm_test_server_get_url (f->server), CSM_AUTH_TOKEN, NULL);
  f->provider = csm_provider_new_for_account (f->account, CSM_TEST_TOKEN, NULL);
  g_assert_nonnull (f->provider);
}

void
csm_test_provider_fixture_tear_down (CsmTestProviderFixture *f,
                                     gconstpointer           data)
{
  g_clear_object (&f->provider);
  g_clear_object (&f->account);
  g_clear_pointer (&f->server, csm_test_server_free);
}
