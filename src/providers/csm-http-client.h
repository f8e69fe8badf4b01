/* csm-http-client.h: one helpdesk's HTTP connection: auth, limits, timeouts, redirects, error mapping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CSM_TYPE_HTTP_CLIENT (csm_http_client_get_type ())

G_DECLARE_FINAL_TYPE (CsmHttpClient, csm_http_client, CSM, HTTP_CLIENT, GObject)

/* 32 MiB: a page of 100 RT tickets with every field is ~140 KB, so anything
 * this big is not an answer the console asked for. */
#define CSM_HTTP_DEFAULT_MAX_BODY (32 * 1024 * 1024)
#define CSM_HTTP_DEFAULT_TIMEOUT_SECONDS 60

CsmHttpClient *csm_http_client_new                 (const char        *api_base_url);
const char    *csm_http_client_get_api_base_url    (CsmHttpClient     *self);
void           csm_http_client_set_token_auth      (CsmHttpClient     *self,
                                                    const char        *token);
void           csm_http_client_set_basic_auth      (CsmHttpClient     *self,
                                                    const char        *username,
                                                    const char        *password);
void           csm_http_client_set_max_body_size   (CsmHttpClient     *self,
                                                    gsize              max_bytes);
void           csm_http_client_set_timeout         (CsmHttpClient     *self,
                                                    guint              seconds);
void           csm_http_client_set_max_connections (CsmHttpClient     *self,
                                                    guint              n);
void           csm_http_client_set_tls_database    (CsmHttpClient     *self,
                                                    GTlsDatabase      *database);
void           csm_http_client_request_async       (CsmHttpClient     *self,
                                                    const char        *method,
                                                    const char        *path_and_query,
                                                    GBytes            *json_body,
                                                    GCancellable      *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer           user_data);
GBytes        *csm_http_client_request_finish      (CsmHttpClient     *self,
                                                    GAsyncResult      *result,
                                                    guint             *out_status,
                                                    gint64            *out_server_time,
                                                    GError           **error);
guint64        csm_http_client_get_request_count   (CsmHttpClient     *self);
gint64         csm_http_client_get_server_offset   (CsmHttpClient     *self);
guint64        csm_http_client_get_bytes_received  (CsmHttpClient     *self);
char          *csm_http_client_build_query         (const char        *path,
                                                    ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
