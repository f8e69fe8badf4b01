/* csm-sim-server.c: an HTTP server answering RT 5.0.3's REST2 API from a CsmSimWorld.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-server"

#include "config.h"

#include "csm-sim-server-private.h"

G_DEFINE_FINAL_TYPE (CsmSimServer, csm_sim_server, G_TYPE_OBJECT)

static void
csm_sim_server_finalize (GObject *object)
{
  CsmSimServer *self = (CsmSimServer *) object;

  csm_sim_server_stop (self);

  csm_sim_server_clear_cache (self);
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_object (&self->soup);
  g_clear_object (&self->world);
  g_free (self->url);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->start_lock);
  g_cond_clear (&self->start_cond);

  G_OBJECT_CLASS (csm_sim_server_parent_class)->finalize (object);
}

static void
csm_sim_server_class_init (CsmSimServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = csm_sim_server_finalize;
}

static void
csm_sim_server_init (CsmSimServer *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->start_lock);
  g_cond_init (&self->start_cond);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_queue_init (&self->cache);
  /* As rt-server does; it also sidesteps libsoup 3.2's leak of idle
   * connections that the client closes (one socket and fd each, fixed in
   * libsoup 3.3 by commit d20c6601). */
  self->close_connections = TRUE;
}

CsmSimServer *
csm_sim_server_new (CsmSimWorld *world)
{
  CsmSimServer *self;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (world), NULL);

  self = g_object_new (CSM_TYPE_SIM_SERVER, NULL);
  self->world = g_object_ref (world);
  return self;
}

CsmSimWorld *
csm_sim_server_get_world (CsmSimServer *self)
{
  g_return_val_if_fail (CSM_IS_SIM_SERVER (self), NULL);

  return self->world;
}

void
csm_sim_server_add_token (CsmSimServer *self,
                          const char   *token,
                          const char   *user_name)
{
  g_return_if_fail (CSM_IS_SIM_SERVER (self));
  g_return_if_fail (token != NULL && *token != '\0');
  g_return_if_fail (user_name != NULL);

  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->tokens, g_strdup (token), g_strdup (user_name));
  g_mutex_unlock (&self->lock);
}

/* rt-server (Starlet) answers every request with "Connection: close", and
 * so does the simulator unless told otherwise. */
void
csm_sim_server_set_close_connections (CsmSimServer *self,
                                      gboolean      close_connections)
{
  g_return_if_fail (CSM_IS_SIM_SERVER (self));

  self->close_connections = close_connections;
}

const char *
csm_sim_server_get_url (CsmSimServer *self)
{
  g_return_val_if_fail (CSM_IS_SIM_SERVER (self), NULL);

  return self->url;
}

guint
csm_sim_server_get_port (CsmSimServer *self)
{
  g_return_val_if_fail (CSM_IS_SIM_SERVER (self), 0);

  return self->port;
}

void
csm_sim_server_get_counters (CsmSimServer         *self,
                             CsmSimServerCounters *counters)
{
  g_return_if_fail (CSM_IS_SIM_SERVER (self));
  g_return_if_fail (counters != NULL);

  counters->requests = g_atomic_int_get (&self->requests);
  counters->status_2xx = g_atomic_int_get (&self->status_2xx);
  counters->status_3xx = g_atomic_int_get (&self->status_3xx);
  counters->status_4xx = g_atomic_int_get (&self->status_4xx);
  counters->status_5xx = g_atomic_int_get (&self->status_5xx);
  counters->searches = g_atomic_int_get (&self->searches);
  counters->search_cache_hits = g_atomic_int_get (&self->cache_hits);
}

void
csm_sim_server_reset_counters (CsmSimServer *self)
{
  g_return_if_fail (CSM_IS_SIM_SERVER (self));

  g_atomic_int_set (&self->requests, 0);
  g_atomic_int_set (&self->status_2xx, 0);
  g_atomic_int_set (&self->status_3xx, 0);
  g_atomic_int_set (&self->status_4xx, 0);
  g_atomic_int_set (&self->status_5xx, 0);
  g_atomic_int_set (&self->searches, 0);
  g_atomic_int_set (&self->cache_hits, 0);
}

static gboolean
listen_here (CsmSimServer  *self,
             guint          port,
             GError       **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(SoupServer) soup = soup_server_new ("server-header", "Plack::Handler::Starlet", NULL);
  GSList *uris;
  char *url;

  soup_server_add_handler (soup, NULL, csm_sim_server_callback, self, NULL);
  if (!soup_server_listen (soup, address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (soup);
  g_return_val_if_fail (uris != NULL, FALSE);
  self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  g_mutex_lock (&self->lock);
  g_free (self->url);
  self->url = url;
  g_mutex_unlock (&self->lock);

  self->soup = g_steal_pointer (&soup);
  return TRUE;
}

gboolean
csm_sim_server_listen_local (CsmSimServer  *self,
                             guint          port,
                             GError       **error)
{
  g_return_val_if_fail (CSM_IS_SIM_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL && self->thread == NULL, FALSE);

  return listen_here (self, port, error);
}

static gpointer
server_thread (gpointer data)
{
  CsmSimServer *self = data;
  GError *error = NULL;
  gboolean ok;

  g_main_context_push_thread_default (self->context);
  ok = listen_here (self, self->requested_port, &error);

  g_mutex_lock (&self->start_lock);
  self->start_error = error;
  self->start_done = TRUE;
  g_cond_signal (&self->start_cond);
  g_mutex_unlock (&self->start_lock);

  if (ok)
    g_main_loop_run (self->loop);

  /* The SoupServer belongs to this thread's context: tear it down here. */
  if (self->soup != NULL)
    {
      soup_server_disconnect (self->soup);
      g_clear_object (&self->soup);
    }
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

gboolean
csm_sim_server_start_in_thread (CsmSimServer  *self,
                                guint          port,
                                GError       **error)
{
  GError *start_error;

  g_return_val_if_fail (CSM_IS_SIM_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL && self->thread == NULL, FALSE);

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->requested_port = port;
  self->start_done = FALSE;
  self->start_error = NULL;
  self->thread = g_thread_new ("csm-sim-server", server_thread, self);

  g_mutex_lock (&self->start_lock);
  while (!self->start_done)
    g_cond_wait (&self->start_cond, &self->start_lock);
  start_error = g_steal_pointer (&self->start_error);
  g_mutex_unlock (&self->start_lock);

  if (start_error != NULL)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->loop, g_main_loop_unref);
      g_clear_pointer (&self->context, g_main_context_unref);
      g_propagate_error (error, start_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
csm_sim_server_stop (CsmSimServer *self)
{
  g_return_if_fail (CSM_IS_SIM_SERVER (self));

  if (self->thread != NULL)
    {
      g_main_context_invoke (self->context, quit_loop, self->loop);
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->loop, g_main_loop_unref);
      g_clear_pointer (&self->context, g_main_context_unref);
      return;
    }
  if (self->soup != NULL)
    {
      soup_server_disconnect (self->soup);
      g_clear_object (&self->soup);
    }
}

/**
 * csm_sim_server_get_context:
 *
 * Returns: (transfer none) (nullable): the main context the server answers
 *   on while it runs in its own thread, for work that must run beside it
 *   (the live workload model); %NULL when it serves on the caller's context
 */
GMainContext *
csm_sim_server_get_context (CsmSimServer *self)
{
  g_return_val_if_fail (CSM_IS_SIM_SERVER (self), NULL);
  return self->thread != NULL ? self->context : NULL;
}
