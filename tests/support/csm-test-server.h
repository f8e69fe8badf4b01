/* csm-test-server.h: an in-process HTTP server on its own thread, scripted per path, for tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "csm-provider.h"

G_BEGIN_DECLS

typedef struct _CsmTestServer CsmTestServer;

/* What the server saw: one per request, in arrival order. */
typedef struct
{
  char *method;
  char *path;
  char *query;            /* raw, nullable */
  GHashTable *params;     /* decoded query parameters */
  char *authorization;    /* nullable */
  gboolean if_modified_since;
  char *user_agent;
  GBytes *body;
} CsmTestRequest;

/* A handler runs on the server thread and fills in the message. */
typedef void (*CsmTestHandler) (CsmTestServer     *server,
                                SoupServerMessage *msg,
                                const char        *path,
                                GHashTable        *query,
                                gpointer           user_data);

CsmTestServer *csm_test_server_new             (gboolean        tls);
void           csm_test_server_free            (CsmTestServer  *server);
const char    *csm_test_server_get_url         (CsmTestServer  *server);
void           csm_test_server_route           (CsmTestServer  *server,
                                                const char     *path,
                                                CsmTestHandler  handler,
                                                gpointer        user_data);
void           csm_test_server_route_file      (CsmTestServer  *server,
                                                const char     *path,
                                                guint           status,
                                                const char     *file);
void           csm_test_server_route_capture   (CsmTestServer  *server,
                                                const char     *path,
                                                const char     *capture_file);
void           csm_test_server_route_body      (CsmTestServer  *server,
                                                const char     *path,
                                                guint           status,
                                                const char     *content_type,
                                                const char     *body);
GPtrArray     *csm_test_server_get_requests    (CsmTestServer  *server);
guint          csm_test_server_get_max_concurrent (CsmTestServer *server);
void           csm_test_server_set_delay_ms    (CsmTestServer  *server,
                                                guint           delay_ms);
void           csm_test_server_set_token       (CsmTestServer  *server,
                                                const char     *token);
void           csm_test_server_clear_requests  (CsmTestServer  *server);

char          *csm_test_data_path              (const char     *relative);
GBytes        *csm_test_load_data              (const char     *relative);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmTestServer, csm_test_server_free)

/* A provider for an account on a fresh in-process server: the fixture the
 * provider tests share. g_test_add()'s data: GINT_TO_POINTER (TRUE) for TLS. */
#define CSM_TEST_TOKEN "1-14-0123456789abcdef0123456789abcdef"

typedef struct
{
  CsmTestServer *server;
  CsmAccount *account;
  CsmProvider *provider;
} CsmTestProviderFixture;

void           csm_test_provider_fixture_set_up   (CsmTestProviderFixture *f,
                                                   gconstpointer           data);
void           csm_test_provider_fixture_tear_down (CsmTestProviderFixture *f,
                                                    gconstpointer           data);

G_END_DECLS
