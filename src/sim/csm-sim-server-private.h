/* csm-sim-server-private.h: what the simulator server's files share: the server, a request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "csm-json-writer.h"
#include "csm-sim-server.h"

G_BEGIN_DECLS

#define CSM_SIM_API_PREFIX "/REST/2.0"
#define CSM_SIM_CONTENT_TYPE "application/json; charset=\"utf-8\""
#define CSM_SIM_CONTENT_TYPE_ERROR "application/json; charset=utf-8"

/* RT's own queue ___Approvals: Disabled = 2 and its own lifecycle in RT's
 * initial data. */
#define CSM_SIM_QUEUE_APPROVALS 2

struct _CsmSimServer
{
  GObject parent_instance;

  CsmSimWorld *world;

  GMutex lock;             /* tokens, cache, url */
  GHashTable *tokens;      /* token -> user name */
  GQueue cache;            /* of sorted searches, most recent first */
  gboolean close_connections;

  SoupServer *soup;
  char *url;
  guint port;

  /* csm_sim_server_start_in_thread() */
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  GMutex start_lock;
  GCond start_cond;
  gboolean start_done;
  GError *start_error;
  guint requested_port;

  gint requests;
  gint status_2xx;
  gint status_3xx;
  gint status_4xx;
  gint status_5xx;
  gint searches;
  gint cache_hits;
};

typedef struct
{
  char *key;
  char *value;
} CsmSimParam;

typedef struct
{
  CsmSimServer *self;
  CsmSimWorld *world;
  SoupServerMessage *msg;
  const char *method;
  gboolean head;
  char *path;              /* as requested, e.g. /REST/2.0/tickets */
  char *route;             /* after /REST/2.0 */
  GPtrArray *url_params;   /* CsmSimParam, query string only, in order */
  GPtrArray *params;       /* CsmSimParam, query string then form body */
  GBytes *body;
  const CsmSimUser *user;
  const char *base;        /* http://127.0.0.1:PORT/REST/2.0 */
} CsmSimRequest;

/* What the route table hands a handler: the decoded path segments after
 * /REST/2.0 and the record id a ":id" segment matched. */
typedef struct
{
  char **segments;
  guint n_segments;
  gint64 id;
} CsmSimRouteMatch;

/* RT::REST2::Resource::expand_field for one kind of record: @field of
 * @record, its own sub-fields named by the parameter @prefix[@field]. */
typedef JsonNode *(*CsmSimExpandFunc) (CsmSimRequest *r,
                                       gconstpointer  record,
                                       const char    *field,
                                       const char    *prefix);

typedef struct
{
  guint per_page;
  guint page;
} CsmSimPaging;

/* Writes one item of a page into an envelope (csm_sim_respond_envelope ()). */
typedef void (*CsmSimItemWriter) (CsmJsonWriter *w,
                                  CsmSimRequest *r,
                                  gconstpointer  record,
                                  GStrv          fields);

typedef enum
{
  CSM_SIM_BODY_OK,
  CSM_SIM_BODY_MALFORMED,
  CSM_SIM_BODY_NOT_OBJECT,
} CsmSimBodyStatus;

/* csm-sim-server-request.c */
const char *csm_sim_request_param                   (CsmSimRequest     *r,
                                                     const char        *key);
GStrv       csm_sim_request_param_all               (CsmSimRequest     *r,
                                                     const char        *key);
void        csm_sim_form_append_escaped             (GString           *out,
                                                     const char        *text);
void        csm_sim_json_write_node                 (CsmJsonWriter     *w,
                                                     JsonNode          *node);
void        csm_sim_respond_written                 (CsmSimRequest     *r,
                                                     guint              status,
                                                     const char        *content_type,
                                                     CsmJsonWriter     *w,
                                                     gboolean           pretty);
void        csm_sim_respond_json                    (CsmSimRequest     *r,
                                                     guint              status,
                                                     JsonNode          *node,
                                                     gboolean           pretty);
void        csm_sim_respond_error                   (CsmSimRequest     *r,
                                                     guint              status,
                                                     const char        *message);
void        csm_sim_respond_empty                   (CsmSimRequest     *r,
                                                     guint              status);
void        csm_sim_respond_messages                (CsmSimRequest     *r,
                                                     guint              status,
                                                     GPtrArray         *messages,
                                                     gboolean           pretty);
void        csm_sim_respond_method_not_allowed      (CsmSimRequest     *r,
                                                     const char        *allow);
gboolean    csm_sim_request_check_not_modified      (CsmSimRequest     *r);
gboolean    csm_sim_request_check_record_conditions (CsmSimRequest     *r,
                                                     gint64             etag_txn,
                                                     gint64             last_modified);
JsonArray  *csm_sim_request_body_json_array         (CsmSimRequest     *r);
gboolean    csm_sim_request_content_type_accepted   (CsmSimRequest     *r,
                                                     gboolean           message);
JsonObject *csm_sim_request_body_object             (CsmSimRequest     *r,
                                                     CsmSimBodyStatus  *status);
void        csm_sim_server_callback                 (SoupServer        *server,
                                                     SoupServerMessage *msg,
                                                     const char        *path,
                                                     GHashTable        *query,
                                                     gpointer           user_data);

/* csm-sim-server-routes.c */
void csm_sim_route (CsmSimRequest *r);

/* csm-sim-server-fields.c */
JsonNode   *csm_sim_json_string               (const char               *value);
JsonNode   *csm_sim_json_int_string           (gint64                    value);
JsonNode   *csm_sim_json_int                  (gint64                    value);
JsonNode   *csm_sim_json_date                 (gint64                    value);
JsonNode   *csm_sim_json_object               (JsonObject               *object);
char       *csm_sim_request_url               (CsmSimRequest            *r,
                                               const char               *type,
                                               const char               *id);
JsonObject *csm_sim_json_uid                  (CsmSimRequest            *r,
                                               const char               *type,
                                               const char               *id);
JsonObject *csm_sim_json_uid_int              (CsmSimRequest            *r,
                                               const char               *type,
                                               gint64                    id);
GStrv       csm_sim_request_subfields         (CsmSimRequest            *r,
                                               const char               *prefix,
                                               const char               *field,
                                               char                    **name);
const char *csm_sim_queue_lifecycle           (const CsmSimQueue        *queue);
const char *csm_sim_queue_disabled_text       (const CsmSimQueue        *queue);
const char *csm_sim_user_gecos                (const CsmSimUser         *user);
JsonNode   *csm_sim_json_user                 (CsmSimRequest            *r,
                                               gint64                    user_id,
                                               const char               *field,
                                               const char               *prefix);
JsonNode   *csm_sim_json_queue                (CsmSimRequest            *r,
                                               gint64                    queue_id,
                                               const char               *field,
                                               const char               *prefix);
JsonNode   *csm_sim_expand_user_field         (CsmSimRequest            *r,
                                               gconstpointer             record,
                                               const char               *field,
                                               const char               *prefix);
JsonNode   *csm_sim_expand_queue_field        (CsmSimRequest            *r,
                                               gconstpointer             record,
                                               const char               *field,
                                               const char               *prefix);
JsonNode   *csm_sim_expand_cf_field           (CsmSimRequest            *r,
                                               const CsmSimCustomField  *cf,
                                               const char               *field);
JsonNode   *csm_sim_json_ticket_custom_fields (CsmSimRequest            *r,
                                               const CsmSimTicket       *ticket,
                                               const char               *prefix,
                                               gboolean                  in_collection);
JsonNode   *csm_sim_json_role_members         (CsmSimRequest            *r,
                                               GArray                   *ids,
                                               const char               *field,
                                               const char               *prefix);
JsonNode   *csm_sim_json_ticket_hyperlinks    (CsmSimRequest            *r,
                                               const CsmSimTicket       *ticket);
JsonNode   *csm_sim_expand_ticket_field       (CsmSimRequest            *r,
                                               const CsmSimTicket       *t,
                                               const char               *field);
JsonNode   *csm_sim_expand_txn_field          (CsmSimRequest            *r,
                                               const CsmSimTransaction  *x,
                                               const char               *field);

/* csm-sim-server-records.c */
void   csm_sim_serve_rt           (CsmSimRequest          *r,
                                   const CsmSimRouteMatch *match);
gint64 csm_sim_ticket_etag        (CsmSimRequest          *r,
                                   const CsmSimTicket     *ticket);
void   csm_sim_serve_ticket       (CsmSimRequest          *r,
                                   const CsmSimRouteMatch *match);
void   csm_sim_serve_transaction  (CsmSimRequest          *r,
                                   const CsmSimRouteMatch *match);
void   csm_sim_serve_queue        (CsmSimRequest          *r,
                                   const CsmSimRouteMatch *match);
void   csm_sim_serve_user         (CsmSimRequest          *r,
                                   const CsmSimRouteMatch *match);
void   csm_sim_serve_group        (CsmSimRequest          *r,
                                   const CsmSimRouteMatch *match);
void   csm_sim_serve_custom_field (CsmSimRequest          *r,
                                   const CsmSimRouteMatch *match);

/* csm-sim-server-collections.c */
CsmSimPaging csm_sim_request_paging        (CsmSimRequest          *r);
guint        csm_sim_paging_offset         (CsmSimPaging            paging);
void         csm_sim_respond_envelope      (CsmSimRequest          *r,
                                            GPtrArray              *page,
                                            GStrv                   fields,
                                            CsmSimItemWriter        write_item,
                                            gint64                  total,
                                            CsmSimPaging            paging);
GStrv        csm_sim_request_fields        (CsmSimRequest          *r);
void         csm_sim_serve_queues          (CsmSimRequest          *r,
                                            const CsmSimRouteMatch *match);
void         csm_sim_serve_users           (CsmSimRequest          *r,
                                            const CsmSimRouteMatch *match);
gboolean     csm_sim_group_is_user_defined (const CsmSimGroup      *group);
void         csm_sim_serve_groups          (CsmSimRequest          *r,
                                            const CsmSimRouteMatch *match);
void         csm_sim_serve_custom_fields   (CsmSimRequest          *r,
                                            const CsmSimRouteMatch *match);
void         csm_sim_serve_group_members   (CsmSimRequest          *r,
                                            const CsmSimRouteMatch *match);
void         csm_sim_serve_user_groups     (CsmSimRequest          *r,
                                            const CsmSimRouteMatch *match);

/* csm-sim-server-search.c */
void csm_sim_server_clear_cache (CsmSimServer           *self);
void csm_sim_serve_tickets      (CsmSimRequest          *r,
                                 const CsmSimRouteMatch *match);
void csm_sim_serve_transactions (CsmSimRequest          *r,
                                 const CsmSimRouteMatch *match);
void csm_sim_serve_history      (CsmSimRequest          *r,
                                 const CsmSimRouteMatch *match);

/* csm-sim-server-messages.c */
void csm_sim_serve_attachments (CsmSimRequest          *r,
                                const CsmSimRouteMatch *match);

/* csm-sim-server-writes.c */
void csm_sim_update_ticket       (CsmSimRequest          *r,
                                  const CsmSimTicket     *t,
                                  const char             *action);
void csm_sim_serve_ticket_create (CsmSimRequest          *r,
                                  const CsmSimRouteMatch *match);
void csm_sim_serve_message       (CsmSimRequest          *r,
                                  const CsmSimRouteMatch *match);
void csm_sim_serve_owner_action  (CsmSimRequest          *r,
                                  const CsmSimRouteMatch *match);

/* csm-sim-server-scrips.c */
void csm_sim_run_scrips (CsmSimRequest *r,
                         guint          mark);

G_END_DECLS
