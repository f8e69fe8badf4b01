/* csm-sim-server.h: an HTTP server answering RT 5.0.3's REST2 API from a CsmSimWorld.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "csm-sim-world.h"

G_BEGIN_DECLS

/*
 * CsmSimServer serves a CsmSimWorld under /REST/2.0/ on 127.0.0.1 with the
 * JSON shapes, paging, errors and quirks of Request Tracker 5.0.3 as
 * measured on Debian 12 (see tests/rt/FINDINGS.md and the captures in
 * tests/data/rt5/). Clients authenticate with "Authorization: token T" or
 * "?token=T"; each token maps to a world user, whose CsmSimAccess decides
 * what RT would let them see and do.
 *
 * Two ways to run it:
 *  - csm_sim_server_listen_local() serves on the thread-default main
 *    context of the caller (an application's main loop);
 *  - csm_sim_server_start_in_thread() runs the server on its own
 *    GMainContext in its own thread, so a test can use a synchronous
 *    client on its main thread; csm_sim_server_stop() ends it.
 * Every request holds csm_sim_world_lock() while it runs, so other threads
 * may use the world under that lock (see csm-sim-world.h).
 *
 * Like rt-server, every answer carries "Connection: close" (see
 * csm_sim_server_set_close_connections()); the Date header follows the
 * world's clock, not the wall clock.
 */

typedef struct
{
  guint requests;
  guint status_2xx;
  guint status_3xx;
  guint status_4xx;
  guint status_5xx;
  guint searches;          /* /tickets, /transactions and history requests */
  guint search_cache_hits;
} CsmSimServerCounters;

#define CSM_TYPE_SIM_SERVER (csm_sim_server_get_type ())

G_DECLARE_FINAL_TYPE (CsmSimServer, csm_sim_server, CSM, SIM_SERVER, GObject)

CsmSimServer *csm_sim_server_new                   (CsmSimWorld           *world);
CsmSimWorld  *csm_sim_server_get_world             (CsmSimServer          *self);
void          csm_sim_server_add_token             (CsmSimServer          *self,
                                                    const char            *token,
                                                    const char            *user_name);
void          csm_sim_server_set_close_connections (CsmSimServer          *self,
                                                    gboolean               close_connections);
gboolean      csm_sim_server_listen_local          (CsmSimServer          *self,
                                                    guint                  port,
                                                    GError               **error);
gboolean      csm_sim_server_start_in_thread       (CsmSimServer          *self,
                                                    guint                  port,
                                                    GError               **error);
void          csm_sim_server_stop                  (CsmSimServer          *self);
const char   *csm_sim_server_get_url               (CsmSimServer          *self);
GMainContext *csm_sim_server_get_context           (CsmSimServer          *self);
guint         csm_sim_server_get_port              (CsmSimServer          *self);
void          csm_sim_server_get_counters          (CsmSimServer          *self,
                                                    CsmSimServerCounters  *counters);
void          csm_sim_server_reset_counters        (CsmSimServer          *self);

G_END_DECLS
