/* csm-sim-server.c: an HTTP server answering RT 5.0.3's REST2 API from a CsmSimWorld.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-server"

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "csm-json-writer.h"
#include "csm-sim-rights.h"
#include "csm-sim-server.h"
#include "csm-ticketsql.h"

#define RT_VERSION "5.0.3+dfsg-3~deb12u7"
#define API_PREFIX "/REST/2.0"
#define CT_OK "application/json; charset=\"utf-8\""
#define CT_ERROR "application/json; charset=utf-8"
#define CACHE_SIZE 8

typedef struct
{
  char *key;
  guint64 revision;
  GPtrArray *all;
  guint total;
} CacheEntry;

struct _CsmSimServer
{
  GObject parent_instance;

  CsmSimWorld *world;

  GMutex lock;             /* tokens, cache, url */
  GHashTable *tokens;      /* token -> user name */
  GQueue cache;            /* CacheEntry, most recent first */
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

G_DEFINE_FINAL_TYPE (CsmSimServer, csm_sim_server, G_TYPE_OBJECT)

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_free (entry->key);
  g_clear_pointer (&entry->all, g_ptr_array_unref);
  g_free (entry);
}

static void
csm_sim_server_finalize (GObject *object)
{
  CsmSimServer *self = (CsmSimServer *) object;

  csm_sim_server_stop (self);

  g_queue_clear_full (&self->cache, cache_entry_free);
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

/* ======================================================================== */
/* Requests                                                                 */
/* ======================================================================== */

typedef struct
{
  char *key;
  char *value;
} Param;

static void
param_free (gpointer data)
{
  Param *p = data;

  g_free (p->key);
  g_free (p->value);
  g_free (p);
}

typedef struct
{
  CsmSimServer *self;
  CsmSimWorld *world;
  SoupServerMessage *msg;
  const char *method;
  gboolean head;
  char *path;              /* as requested, e.g. /REST/2.0/tickets */
  char *route;             /* after /REST/2.0 */
  GPtrArray *url_params;   /* Param, query string only, in order */
  GPtrArray *params;       /* Param, query string then form body */
  GBytes *body;
  const CsmSimUser *user;
  const char *base;        /* http://127.0.0.1:PORT/REST/2.0 */
} Request;

/* What the route table hands a handler: the decoded path segments after
 * /REST/2.0 and the record id a ":id" segment matched. */
typedef struct
{
  char **segments;
  guint n_segments;
  gint64 id;
} RouteMatch;

typedef void (*RouteHandler) (Request          *r,
                              const RouteMatch *match);

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
          Param *p;

          if (n > 0)
            {
              p = g_new0 (Param, 1);
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

static const char *
param (Request    *r,
       const char *key)
{
  for (guint i = 0; i < r->params->len; i++)
    {
      Param *p = g_ptr_array_index (r->params, i);

      if (strcmp (p->key, key) == 0)
        return p->value;
    }
  return NULL;
}

static GStrv
param_all (Request    *r,
           const char *key)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < r->params->len; i++)
    {
      Param *p = g_ptr_array_index (r->params, i);

      if (strcmp (p->key, key) == 0)
        g_strv_builder_add (builder, p->value);
    }
  return g_strv_builder_end (builder);
}

/* URI::_query::query_form escaping, then URI's uric escaping. */
static void
append_form_escaped (GString    *out,
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

/* ======================================================================== */
/* Responses                                                                */
/* ======================================================================== */

/* JSON::to_json (pretty => 1) is the writer's pretty layout plus a final
 * newline. The hot collections write straight into a CsmJsonWriter;
 * everything else goes through JsonNode trees and emit_node(). */
static void
emit_node (CsmJsonWriter *w,
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
            emit_node (w, json_object_get_member (object, l->data));
          }
        csm_json_writer_end_object (w);
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        csm_json_writer_begin_array (w);
        for (guint i = 0; i < json_array_get_length (array); i++)
          emit_node (w, json_array_get_element (array, i));
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

static char *
writer_finish (CsmJsonWriter *w,
               gboolean       pretty,
               gsize         *length)
{
  char *data = csm_json_writer_free_to_string (w, length);

  if (pretty)
    {
      data = g_realloc (data, *length + 2);
      data[(*length)++] = '\n';
      data[*length] = '\0';
    }
  return data;
}

static char *
node_to_data (JsonNode *node,
              gboolean  pretty,
              gsize    *length)
{
  CsmJsonWriter *w = csm_json_writer_new_sized (pretty, 4096);

  emit_node (w, node);
  return writer_finish (w, pretty, length);
}

static void
set_body (Request    *r,
          const char *content_type,
          char       *data,
          gsize       length)
{
  if (r->head)
    {
      g_free (data);
      soup_server_message_set_response (r->msg, content_type, SOUP_MEMORY_STATIC, "", 0);
      return;
    }
  soup_server_message_set_response (r->msg, content_type, SOUP_MEMORY_TAKE, data, length);
}

static void
respond_json (Request  *r,
              guint     status,
              JsonNode *node,
              gboolean  pretty)
{
  gsize length = 0;
  char *data = node_to_data (node, pretty, &length);

  soup_server_message_set_status (r->msg, status, NULL);
  set_body (r, CT_OK, data, length);
  json_node_unref (node);
}

/* error_as_json: a compact {"message": ...} with the unquoted charset. */
static void
respond_error (Request    *r,
               guint       status,
               const char *message)
{
  CsmJsonWriter *w = csm_json_writer_new (FALSE);
  gsize length = 0;
  char *data;

  csm_json_writer_begin_object (w);
  csm_json_writer_member_string (w, "message", message);
  csm_json_writer_end_object (w);
  data = writer_finish (w, FALSE, &length);

  soup_server_message_set_status (r->msg, status, NULL);
  set_body (r, CT_ERROR, data, length);
}

static void
respond_empty (Request *r,
               guint    status)
{
  soup_server_message_set_status (r->msg, status, NULL);
  if (status == SOUP_STATUS_NOT_MODIFIED || status == SOUP_STATUS_NO_CONTENT)
    return;
  soup_server_message_set_response (r->msg, CT_OK, SOUP_MEMORY_STATIC, "", 0);
}

static void
respond_messages (Request   *r,
                  guint      status,
                  GPtrArray *messages,
                  gboolean   pretty)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < messages->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (messages, i));
  json_node_take_array (node, array);
  respond_json (r, status, node, pretty);
}

static void
respond_method_not_allowed (Request    *r,
                            const char *allow)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (r->msg), "Allow", allow);
  respond_error (r, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method Not Allowed");
}

/* ======================================================================== */
/* JSON pieces                                                              */
/* ======================================================================== */

static JsonNode *
string_node (const char *value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, value ? value : "");
  return node;
}

static JsonNode *
int_string_node (gint64 value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  return string_node (text);
}

static JsonNode *
int_node (gint64 value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (node, value);
  return node;
}

static JsonNode *
date_node (gint64 value)
{
  g_autofree char *iso = csm_sim_format_iso (value);

  return string_node (iso);
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static JsonNode *
array_node (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

static char *
url_for (Request    *r,
         const char *type,
         const char *id)
{
  return g_strdup_printf ("%s/%s/%s", r->base, type, id);
}

/* RT::REST2::Util::expand_uid: {type, id (a string), _url}. */
static JsonObject *
uid_object (Request    *r,
            const char *type,
            const char *id)
{
  JsonObject *o = json_object_new ();
  g_autofree char *url = url_for (r, type, id);

  json_object_set_string_member (o, "type", type);
  json_object_set_string_member (o, "id", id);
  json_object_set_string_member (o, "_url", url);
  return o;
}

static JsonObject *
uid_object_int (Request    *r,
                const char *type,
                gint64      id)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  return uid_object (r, type, text);
}

/* The parameter that carries @field's sub-fields, e.g. "fields[Owner]". */
static char *
subfield_param (const char *prefix,
                const char *field)
{
  return g_strdup_printf ("%s[%s]", prefix, field);
}

static JsonNode *expand_user_field (Request *r, const CsmSimUser *user, const char *field,
                                    const char *prefix);

/* RT's own queue ___Approvals: Disabled = 2 and its own lifecycle in RT's
 * initial data. */
#define APPROVALS_QUEUE 2

static const char *
queue_lifecycle (const CsmSimQueue *queue)
{
  return queue->id == APPROVALS_QUEUE ? "approvals" : "default";
}

static const char *
queue_disabled_text (const CsmSimQueue *queue)
{
  if (!queue->disabled)
    return "0";
  return queue->id == APPROVALS_QUEUE ? "2" : "1";
}

/* RT's initial data makes RT_System, Nobody and root as RT_System; the
 * helpdesk's users are made by root. */
static gint64
user_creator (const CsmSimUser *user)
{
  return user->id <= CSM_SIM_USER_ROOT ? CSM_SIM_USER_RT_SYSTEM : CSM_SIM_USER_ROOT;
}

/* Gecos (the Unix login) is set only on root, by RT's initial data. */
static const char *
user_gecos (const CsmSimUser *user)
{
  return user->id == CSM_SIM_USER_ROOT ? "root" : NULL;
}
static JsonNode *expand_queue_field (Request *r, const CsmSimQueue *queue, const char *field,
                                     const char *prefix);

static void
add_subfields (Request       *r,
               JsonObject    *o,
               const char    *prefix,
               const char    *field,
               JsonNode *(*expand) (Request *, gconstpointer, const char *, const char *),
               gconstpointer  record)
{
  g_autofree char *name = subfield_param (prefix, field);
  const char *list = param (r, name);
  g_auto(GStrv) subs = NULL;

  if (list == NULL || *list == '\0')
    return;
  subs = g_strsplit (list, ",", -1);
  for (guint i = 0; subs[i] != NULL; i++)
    if (*subs[i] != '\0')
      json_object_set_member (o, subs[i], expand (r, record, subs[i], name));
}

static JsonNode *
expand_user_thunk (Request       *r,
                   gconstpointer  record,
                   const char    *field,
                   const char    *prefix)
{
  return expand_user_field (r, record, field, prefix);
}

static JsonNode *
expand_queue_thunk (Request       *r,
                    gconstpointer  record,
                    const char    *field,
                    const char    *prefix)
{
  return expand_queue_field (r, record, field, prefix);
}

/* _expand_object for a user: {type user, id <name>, _url} + fields[...]. */
static JsonNode *
user_object (Request    *r,
             gint64      user_id,
             const char *field,
             const char *prefix)
{
  const CsmSimUser *user = csm_sim_world_lookup_user (r->world, user_id);
  JsonObject *o;

  if (user == NULL)
    return string_node ("");
  o = uid_object (r, "user", user->name);
  if (field != NULL)
    add_subfields (r, o, prefix, field, expand_user_thunk, user);
  return object_node (o);
}

static JsonNode *
queue_object (Request    *r,
              gint64      queue_id,
              const char *field,
              const char *prefix)
{
  const CsmSimQueue *queue = csm_sim_world_lookup_queue (r->world, queue_id);
  JsonObject *o;

  if (queue == NULL)
    return string_node ("");
  o = uid_object_int (r, "queue", queue->id);
  if (field != NULL)
    add_subfields (r, o, prefix, field, expand_queue_thunk, queue);
  return object_node (o);
}

static JsonNode *
expand_user_field (Request          *r,
                   const CsmSimUser *user,
                   const char       *field,
                   const char       *prefix)
{
  if (strcmp (field, "id") == 0)
    return int_node (user->id);
  if (strcmp (field, "Name") == 0)
    return string_node (user->name);
  if (strcmp (field, "RealName") == 0)
    return string_node (user->real_name);
  if (strcmp (field, "EmailAddress") == 0)
    return string_node (user->email);
  if (strcmp (field, "Lang") == 0)
    return string_node (user->lang);
  if (strcmp (field, "Timezone") == 0)
    return string_node (user->timezone);
  if (strcmp (field, "Comments") == 0)
    return string_node (user->comments);
  if (strcmp (field, "Gecos") == 0)
    return string_node (user_gecos (user));
  if (strcmp (field, "Created") == 0)
    return date_node (user->created);
  if (strcmp (field, "LastUpdated") == 0)
    return date_node (user->last_updated);
  if (strcmp (field, "Creator") == 0 || strcmp (field, "LastUpdatedBy") == 0)
    return user_object (r, user_creator (user), field, prefix);
  /* Privileged and Disabled are not columns of Users: RT gives "". */
  return string_node ("");
}

static JsonNode *
expand_queue_field (Request           *r,
                    const CsmSimQueue *queue,
                    const char        *field,
                    const char        *prefix)
{
  if (strcmp (field, "id") == 0)
    return int_node (queue->id);
  if (strcmp (field, "Name") == 0)
    return string_node (queue->name);
  if (strcmp (field, "Description") == 0)
    return string_node (queue->description);
  if (strcmp (field, "CorrespondAddress") == 0)
    return string_node (queue->correspond_address);
  if (strcmp (field, "CommentAddress") == 0)
    return string_node (queue->comment_address);
  if (strcmp (field, "Lifecycle") == 0)
    return string_node (queue_lifecycle (queue));
  if (strcmp (field, "SortOrder") == 0)
    return string_node ("0");
  if (strcmp (field, "SLADisabled") == 0)
    return string_node (queue->sla_disabled ? "1" : "0");
  if (strcmp (field, "Disabled") == 0)
    return string_node (queue_disabled_text (queue));
  if (strcmp (field, "Created") == 0)
    return date_node (queue->created);
  if (strcmp (field, "LastUpdated") == 0)
    return date_node (queue->last_updated);
  if (strcmp (field, "Creator") == 0 || strcmp (field, "LastUpdatedBy") == 0)
    return user_object (r, queue->id <= 2 ? CSM_SIM_USER_RT_SYSTEM : CSM_SIM_USER_ROOT, field,
                        prefix);
  return string_node ("");
}

static JsonNode *
expand_cf_field (Request                 *r,
                 const CsmSimCustomField *cf,
                 const char              *field)
{
  if (strcmp (field, "id") == 0)
    return int_node (cf->id);
  if (strcmp (field, "Name") == 0)
    return string_node (cf->name);
  if (strcmp (field, "Description") == 0)
    return string_node (cf->description);
  if (strcmp (field, "Type") == 0)
    return string_node (cf->type);
  if (strcmp (field, "Pattern") == 0)
    return string_node (cf->pattern);
  if (strcmp (field, "MaxValues") == 0)
    return int_string_node (cf->max_values);
  if (strcmp (field, "LookupType") == 0)
    return string_node ("RT::Queue-RT::Ticket");
  if (strcmp (field, "Disabled") == 0 || strcmp (field, "SortOrder") == 0 ||
      strcmp (field, "UniqueValues") == 0)
    return string_node ("0");
  if (strcmp (field, "Created") == 0 || strcmp (field, "LastUpdated") == 0)
    return date_node (cf->created);
  return string_node ("");
}

/* The CustomFields member: every ticket CF with its values. */
static JsonNode *
ticket_custom_fields (Request            *r,
                      const CsmSimTicket *ticket,
                      const char         *prefix,
                      gboolean            in_collection)
{
  GPtrArray *cfs = csm_sim_world_get_custom_fields (r->world);
  JsonArray *array;
  g_autofree char *sub_name = subfield_param (prefix, "CustomFields");
  const char *subs_text = param (r, sub_name);
  g_auto(GStrv) subs = subs_text && *subs_text ? g_strsplit (subs_text, ",", -1) : NULL;

  /* A user who may not see any CF gets "" in a search (RT's expand_field
   * falls back to ''), [] on the record. */
  if (!csm_sim_rights_has (r->user, CSM_SIM_RIGHT_SEE_CUSTOM_FIELD) || cfs->len == 0)
    return in_collection ? string_node ("") : array_node (json_array_new ());

  array = json_array_new ();
  for (guint i = 0; i < cfs->len; i++)
    {
      const CsmSimCustomField *cf = g_ptr_array_index (cfs, i);
      JsonObject *o = uid_object_int (r, "customfield", cf->id);
      JsonArray *values = json_array_new ();

      json_object_set_string_member (o, "name", cf->name);
      for (guint j = 0; ticket->cf_values != NULL && j < ticket->cf_values->len; j++)
        {
          const CsmSimCfValue *v = &g_array_index (ticket->cf_values, CsmSimCfValue, j);

          if (v->cf_id == cf->id)
            json_array_add_string_element (values, v->value);
        }
      json_object_set_array_member (o, "values", values);
      for (guint k = 0; subs != NULL && subs[k] != NULL; k++)
        if (*subs[k] != '\0')
          json_object_set_member (o, subs[k], expand_cf_field (r, cf, subs[k]));
      json_array_add_object_element (array, o);
    }
  return array_node (array);
}

static JsonNode *
role_members (Request    *r,
              GArray     *ids,
              const char *field,
              const char *prefix)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    json_array_add_element (array, user_object (r, g_array_index (ids, gint64, i), field, prefix));
  return array_node (array);
}

typedef struct
{
  const char *from;
  const char *to;
  const char *label;
  const char *update;      /* NULL: the link points at the ticket itself */
} LifecycleAction;

/* RT 5's default lifecycle "actions", in its order. */
static const LifecycleAction lifecycle_actions[] = {
  { "new", "open", "Open It", "Respond" },
  { "new", "resolved", "Resolve", "Comment" },
  { "new", "rejected", "Reject", "Respond" },
  { "new", "deleted", "Delete", NULL },
  { "open", "stalled", "Stall", "Comment" },
  { "open", "resolved", "Resolve", "Comment" },
  { "open", "rejected", "Reject", "Respond" },
  { "stalled", "open", "Open It", NULL },
  { "resolved", "open", "Re-open", "Comment" },
  { "rejected", "open", "Re-open", "Comment" },
  { "deleted", "open", "Undelete", NULL },
};

static JsonNode *
ticket_hyperlinks (Request            *r,
                   const CsmSimTicket *ticket)
{
  JsonArray *links = json_array_new ();
  JsonObject *o;
  g_autofree char *self_url = g_strdup_printf ("%s/ticket/%" G_GINT64_FORMAT, r->base, ticket->id);
  gboolean staff = csm_sim_rights_has (r->user, CSM_SIM_RIGHT_MODIFY_TICKET);
  gboolean reply = csm_sim_rights_has (r->user, CSM_SIM_RIGHT_REPLY_TO_TICKET);

  o = json_object_new ();
  json_object_set_string_member (o, "ref", "self");
  json_object_set_string_member (o, "type", "ticket");
  json_object_set_int_member (o, "id", ticket->id);
  json_object_set_string_member (o, "_url", self_url);
  json_array_add_object_element (links, o);

  if (csm_sim_rights_has (r->user, CSM_SIM_RIGHT_SEE_CUSTOM_FIELD))
    {
      GPtrArray *cfs = csm_sim_world_get_custom_fields (r->world);

      for (guint i = 0; i < cfs->len; i++)
        {
          const CsmSimCustomField *cf = g_ptr_array_index (cfs, i);

          o = uid_object_int (r, "customfield", cf->id);
          json_object_set_string_member (o, "ref", "customfield");
          json_object_set_string_member (o, "name", cf->name);
          json_array_add_object_element (links, o);
        }
    }

  {
    g_autofree char *url = g_strconcat (self_url, "/history", NULL);

    o = json_object_new ();
    json_object_set_string_member (o, "ref", "history");
    json_object_set_string_member (o, "_url", url);
    json_array_add_object_element (links, o);
  }

  if (reply)
    {
      g_autofree char *url = g_strconcat (self_url, "/correspond", NULL);

      o = json_object_new ();
      json_object_set_string_member (o, "ref", "correspond");
      json_object_set_string_member (o, "_url", url);
      json_array_add_object_element (links, o);
    }
  if (staff)
    {
      g_autofree char *url = g_strconcat (self_url, "/comment", NULL);

      o = json_object_new ();
      json_object_set_string_member (o, "ref", "comment");
      json_object_set_string_member (o, "_url", url);
      json_array_add_object_element (links, o);

      for (guint i = 0; i < G_N_ELEMENTS (lifecycle_actions); i++)
        {
          const LifecycleAction *a = &lifecycle_actions[i];
          g_autofree char *action_url = NULL;

          if (strcmp (a->from, ticket->status) != 0)
            continue;
          /* Deleting needs DeleteTicket, which only the superuser has here. */
          if (strcmp (a->to, "deleted") == 0 && !csm_sim_rights_is_superuser (r->user))
            continue;
          if (a->update == NULL)
            action_url = g_strdup (self_url);
          else
            action_url = g_strconcat (self_url, strcmp (a->update, "Respond") == 0 ? "/correspond"
                                                                                    : "/comment", NULL);
          o = json_object_new ();
          json_object_set_string_member (o, "ref", "lifecycle");
          json_object_set_string_member (o, "from", a->from);
          json_object_set_string_member (o, "to", a->to);
          json_object_set_string_member (o, "label", a->label);
          if (a->update != NULL)
            json_object_set_string_member (o, "update", a->update);
          json_object_set_string_member (o, "_url", action_url);
          json_array_add_object_element (links, o);
        }
    }

  return array_node (links);
}

/* RT::REST2::Resource::expand_field for a ticket in a search result. */
static JsonNode *
expand_ticket_field (Request            *r,
                     const CsmSimTicket *t,
                     const char         *field)
{
  static const char *const prefix = "fields";

  if (strcmp (field, "id") == 0)
    return int_node (t->id);
  if (strcmp (field, "Subject") == 0)
    return string_node (t->subject);
  if (strcmp (field, "Status") == 0)
    return string_node (t->status);
  if (strcmp (field, "Type") == 0)
    return string_node (t->type);
  if (strcmp (field, "SLA") == 0)
    return string_node (t->sla);
  if (strcmp (field, "Queue") == 0)
    return queue_object (r, t->queue, field, prefix);
  if (strcmp (field, "Owner") == 0)
    return user_object (r, t->owner, field, prefix);
  if (strcmp (field, "Creator") == 0)
    return user_object (r, t->creator, field, prefix);
  if (strcmp (field, "LastUpdatedBy") == 0)
    return user_object (r, t->last_updated_by, field, prefix);
  if (strcmp (field, "EffectiveId") == 0)
    return int_string_node (t->id);
  if (strcmp (field, "Priority") == 0)
    return int_string_node (t->priority);
  if (strcmp (field, "InitialPriority") == 0)
    return int_string_node (t->initial_priority);
  if (strcmp (field, "FinalPriority") == 0)
    return int_string_node (t->final_priority);
  if (strcmp (field, "TimeWorked") == 0)
    return int_string_node (t->time_worked);
  if (strcmp (field, "TimeEstimated") == 0)
    return int_string_node (t->time_estimated);
  if (strcmp (field, "TimeLeft") == 0)
    return int_string_node (t->time_left);
  if (strcmp (field, "Created") == 0)
    return date_node (t->created);
  if (strcmp (field, "LastUpdated") == 0)
    return date_node (t->last_updated);
  if (strcmp (field, "Starts") == 0)
    return date_node (t->starts);
  if (strcmp (field, "Started") == 0)
    return date_node (t->started);
  if (strcmp (field, "Due") == 0)
    return date_node (t->due);
  if (strcmp (field, "Resolved") == 0)
    return date_node (t->resolved);
  if (strcmp (field, "Told") == 0)
    return date_node (t->told);   /* a NULL Told reads as 1970 here */
  if (g_str_has_prefix (field, "Requestor"))
    return role_members (r, t->requestors, field, prefix);
  if (g_str_has_prefix (field, "AdminCc"))
    return role_members (r, t->admincc, field, prefix);
  if (g_str_has_prefix (field, "Cc"))
    return role_members (r, t->cc, field, prefix);
  if (strcmp (field, "CustomFields") == 0)
    return ticket_custom_fields (r, t, prefix, TRUE);
  if (strcmp (field, "_hyperlinks") == 0)
    return ticket_hyperlinks (r, t);
  return string_node ("");
}

static JsonNode *
expand_txn_field (Request                 *r,
                  const CsmSimTransaction *x,
                  const char              *field)
{
  static const char *const prefix = "fields";

  if (strcmp (field, "id") == 0)
    return int_node (x->id);
  if (strcmp (field, "Type") == 0)
    return string_node (x->type);
  if (strcmp (field, "Field") == 0)
    return string_node (x->field);
  if (strcmp (field, "OldValue") == 0)
    return string_node (x->old_value);
  if (strcmp (field, "NewValue") == 0)
    return string_node (x->new_value);
  if (strcmp (field, "Data") == 0)
    return string_node (x->data);
  if (strcmp (field, "ObjectType") == 0)
    return string_node ("RT::Ticket");
  if (strcmp (field, "ObjectId") == 0)
    return int_string_node (x->object_id);
  if (strcmp (field, "TimeTaken") == 0)
    return int_string_node (x->time_taken);
  if (strcmp (field, "Created") == 0)
    return date_node (x->created);
  if (strcmp (field, "Creator") == 0)
    return user_object (r, x->creator, field, prefix);
  if (strcmp (field, "ReferenceType") == 0)
    return string_node ((x->old_reference || x->new_reference) ? "RT::ObjectCustomFieldValue" : NULL);
  /* The references are plain columns here: expand_field looks for a
   * NewReferenceObj method, and RT::Transaction only has
   * NewReferenceObject (which the record's Serialize uses). */
  if (strcmp (field, "OldReference") == 0)
    return x->old_reference != 0 ? int_string_node (x->old_reference) : string_node ("");
  if (strcmp (field, "NewReference") == 0)
    return x->new_reference != 0 ? int_string_node (x->new_reference) : string_node ("");
  return string_node ("");
}

/* ---- the same, written straight out for the big collections ------------ */

/* Opens {type, id, _url}; the caller adds members and closes it. */
static void
write_uid (CsmJsonWriter *w,
           Request       *r,
           const char    *type,
           const char    *id)
{
  g_autofree char *url = url_for (r, type, id);

  csm_json_writer_begin_object (w);
  csm_json_writer_member_string (w, "type", type);
  csm_json_writer_member_string (w, "id", id);
  csm_json_writer_member_string (w, "_url", url);
}

/* A collection item: the id is a number only when "id" is in fields. */
static void
write_item_head (CsmJsonWriter *w,
                 Request       *r,
                 const char    *type,
                 gint64         id,
                 GStrv          fields)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *url = url_for (r, type, text);
  gboolean numeric = g_strv_contains ((const char *const *) fields, "id");

  csm_json_writer_begin_object (w);
  csm_json_writer_member_string (w, "type", type);
  csm_json_writer_key (w, "id");
  if (numeric)
    csm_json_writer_int (w, id);
  else
    csm_json_writer_string (w, text);
  csm_json_writer_member_string (w, "_url", url);
}

static gboolean
skip_field (GStrv fields,
            guint f)
{
  if (strcmp (fields[f], "type") == 0 || strcmp (fields[f], "_url") == 0 ||
      strcmp (fields[f], "id") == 0)
    return TRUE;
  /* A field asked for twice is one member, as in Perl's hash. */
  for (guint g = 0; g < f; g++)
    if (strcmp (fields[g], fields[f]) == 0)
      return TRUE;
  return FALSE;
}

static void
write_subfields (CsmJsonWriter *w,
                 Request       *r,
                 const char    *field,
                 JsonNode     *(*expand) (Request *, gconstpointer, const char *, const char *),
                 gconstpointer  record)
{
  g_autofree char *name = subfield_param ("fields", field);
  const char *list = param (r, name);
  g_auto(GStrv) subs = NULL;

  if (list == NULL || *list == '\0')
    return;
  subs = g_strsplit (list, ",", -1);
  for (guint i = 0; subs[i] != NULL; i++)
    if (*subs[i] != '\0')
      {
        g_autoptr(JsonNode) node = expand (r, record, subs[i], name);

        csm_json_writer_key (w, subs[i]);
        emit_node (w, node);
      }
}

static void
write_user (CsmJsonWriter *w,
            Request       *r,
            gint64         user_id,
            const char    *field)
{
  const CsmSimUser *user = csm_sim_world_lookup_user (r->world, user_id);

  if (user == NULL)
    {
      csm_json_writer_string (w, "");
      return;
    }
  write_uid (w, r, "user", user->name);
  if (field != NULL)
    write_subfields (w, r, field, expand_user_thunk, user);
  csm_json_writer_end_object (w);
}

static void
write_roles (CsmJsonWriter *w,
             Request       *r,
             GArray        *ids,
             const char    *field)
{
  csm_json_writer_begin_array (w);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    write_user (w, r, g_array_index (ids, gint64, i), field);
  csm_json_writer_end_array (w);
}

static void
write_date (CsmJsonWriter *w,
            gint64         value)
{
  g_autofree char *iso = csm_sim_format_iso (value);

  csm_json_writer_string (w, iso);
}

static gboolean
write_ticket_field (CsmJsonWriter      *w,
                    Request            *r,
                    const CsmSimTicket *t,
                    const char         *field)
{
  switch (field[0])
    {
    case 'C':
      if (strcmp (field, "Created") == 0)
        return write_date (w, t->created), TRUE;
      if (strcmp (field, "Creator") == 0)
        return write_user (w, r, t->creator, field), TRUE;
      if (strcmp (field, "CustomFields") == 0)
        {
          GPtrArray *cfs = csm_sim_world_get_custom_fields (r->world);
          g_autofree char *sub_name = subfield_param ("fields", "CustomFields");

          if (!csm_sim_rights_has (r->user, CSM_SIM_RIGHT_SEE_CUSTOM_FIELD) || cfs->len == 0 ||
              param (r, sub_name) != NULL)
            return FALSE;
          csm_json_writer_begin_array (w);
          for (guint i = 0; i < cfs->len; i++)
            {
              const CsmSimCustomField *cf = g_ptr_array_index (cfs, i);
              char id[24];

              g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, cf->id);
              write_uid (w, r, "customfield", id);
              csm_json_writer_member_string (w, "name", cf->name);
              csm_json_writer_key (w, "values");
              csm_json_writer_begin_array (w);
              for (guint j = 0; t->cf_values != NULL && j < t->cf_values->len; j++)
                {
                  const CsmSimCfValue *v = &g_array_index (t->cf_values, CsmSimCfValue, j);

                  if (v->cf_id != cf->id)
                    continue;
                  csm_json_writer_string (w, v->value);
                }
              csm_json_writer_end_array (w);
              csm_json_writer_end_object (w);
            }
          csm_json_writer_end_array (w);
          return TRUE;
        }
      break;
    case 'D':
      if (strcmp (field, "Due") == 0)
        return write_date (w, t->due), TRUE;
      break;
    case 'L':
      if (strcmp (field, "LastUpdated") == 0)
        return write_date (w, t->last_updated), TRUE;
      if (strcmp (field, "LastUpdatedBy") == 0)
        return write_user (w, r, t->last_updated_by, field), TRUE;
      break;
    case 'O':
      if (strcmp (field, "Owner") == 0)
        return write_user (w, r, t->owner, field), TRUE;
      break;
    case 'P':
      if (strcmp (field, "Priority") == 0)
        return csm_json_writer_int_string (w, t->priority), TRUE;
      break;
    case 'Q':
      if (strcmp (field, "Queue") == 0)
        {
          const CsmSimQueue *queue = csm_sim_world_lookup_queue (r->world, t->queue);
          char id[24];

          if (queue == NULL)
            return FALSE;
          g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, queue->id);
          write_uid (w, r, "queue", id);
          write_subfields (w, r, field, expand_queue_thunk, queue);
          csm_json_writer_end_object (w);
          return TRUE;
        }
      break;
    case 'R':
      if (strcmp (field, "Resolved") == 0)
        return write_date (w, t->resolved), TRUE;
      if (g_str_has_prefix (field, "Requestor"))
        return write_roles (w, r, t->requestors, field), TRUE;
      break;
    case 'S':
      if (strcmp (field, "Subject") == 0)
        return csm_json_writer_string (w, t->subject), TRUE;
      if (strcmp (field, "Status") == 0)
        return csm_json_writer_string (w, t->status), TRUE;
      if (strcmp (field, "Starts") == 0)
        return write_date (w, t->starts), TRUE;
      if (strcmp (field, "Started") == 0)
        return write_date (w, t->started), TRUE;
      if (strcmp (field, "SLA") == 0)
        return csm_json_writer_string (w, t->sla ? t->sla : ""), TRUE;
      break;
    case 'T':
      if (strcmp (field, "Told") == 0)
        return write_date (w, t->told), TRUE;
      if (strcmp (field, "TimeWorked") == 0)
        return csm_json_writer_int_string (w, t->time_worked), TRUE;
      if (strcmp (field, "TimeEstimated") == 0)
        return csm_json_writer_int_string (w, t->time_estimated), TRUE;
      break;
    case 'i':
      if (strcmp (field, "id") == 0)
        return csm_json_writer_int (w, t->id), TRUE;
      break;
    default:
      break;
    }
  return FALSE;
}

static void
write_ticket_item (CsmJsonWriter      *w,
                   Request            *r,
                   const CsmSimTicket *t,
                   GStrv               fields)
{
  write_item_head (w, r, "ticket", t->id, fields);
  for (guint f = 0; fields[f] != NULL; f++)
    {
      if (skip_field (fields, f))
        continue;
      csm_json_writer_key (w, fields[f]);
      if (!write_ticket_field (w, r, t, fields[f]))
        {
          g_autoptr(JsonNode) node = expand_ticket_field (r, t, fields[f]);

          emit_node (w, node);
        }
    }
  csm_json_writer_end_object (w);
}

static void
write_txn_item (CsmJsonWriter           *w,
                Request                 *r,
                const CsmSimTransaction *x,
                GStrv                    fields)
{
  write_item_head (w, r, "transaction", x->id, fields);
  for (guint f = 0; fields[f] != NULL; f++)
    {
      if (skip_field (fields, f))
        continue;
      csm_json_writer_key (w, fields[f]);
      if (strcmp (fields[f], "Creator") == 0)
        write_user (w, r, x->creator, fields[f]);
      else if (strcmp (fields[f], "Created") == 0)
        write_date (w, x->created);
      else if (strcmp (fields[f], "Type") == 0)
        csm_json_writer_string (w, x->type);
      else if (strcmp (fields[f], "TimeTaken") == 0)
        csm_json_writer_int_string (w, x->time_taken);
      else if (strcmp (fields[f], "ObjectId") == 0)
        csm_json_writer_int_string (w, x->object_id);
      else
        {
          g_autoptr(JsonNode) node = expand_txn_field (r, x, fields[f]);

          emit_node (w, node);
        }
    }
  csm_json_writer_end_object (w);
}

/* ======================================================================== */
/* Collections: paging, the envelope, next_page/prev_page                   */
/* ======================================================================== */

typedef struct
{
  guint per_page;
  guint page;
} Paging;

static gboolean
is_digits (const char *s)
{
  if (s == NULL || *s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* RT::REST2::Resource::Collection::setup_paging. */
static Paging
setup_paging (Request *r)
{
  Paging paging = { 20, 1 };
  const char *per_page = param (r, "per_page");
  const char *page = param (r, "page");

  if (is_digits (per_page))
    {
      guint64 n = g_ascii_strtoull (per_page, NULL, 10);

      paging.per_page = n == 0 ? 20 : n > 100 ? 100 : (guint) n;
    }
  if (is_digits (page))
    {
      guint64 n = g_ascii_strtoull (page, NULL, 10);

      paging.page = n == 0 ? 1 : n > G_MAXINT ? G_MAXINT : (guint) n;
    }
  return paging;
}

static guint
paging_offset (Paging paging)
{
  guint64 offset = (guint64) (paging.page - 1) * paging.per_page;

  return offset > G_MAXUINT ? G_MAXUINT : (guint) offset;
}

/* The request URI with its first "page" pair dropped -- Perl's delete on an
 * array element leaves a "=" pair behind unless it was the last one -- and
 * "page=N" appended. */
static char *
page_url (Request *r,
          guint    page)
{
  GString *url = g_string_new (NULL);
  gboolean first = TRUE;
  int drop = -1;
  guint n = r->url_params->len;

  for (guint i = 0; i < n; i++)
    if (strcmp (((Param *) g_ptr_array_index (r->url_params, i))->key, "page") == 0)
      {
        drop = (int) i;
        break;
      }
  /* Only a "page" pair that is there and last goes without a trace. */
  if (drop >= 0 && drop == (int) n - 1)
    n--;

  g_string_append (url, r->self->url);
  g_string_append (url, r->path);
  g_string_append_c (url, '?');
  for (guint i = 0; i < n; i++)
    {
      Param *p = g_ptr_array_index (r->url_params, i);

      if (!first)
        g_string_append_c (url, '&');
      first = FALSE;
      if ((int) i == drop)
        {
          g_string_append_c (url, '=');
          continue;
        }
      append_form_escaped (url, p->key);
      g_string_append_c (url, '=');
      append_form_escaped (url, p->value);
    }
  if (!first)
    g_string_append_c (url, '&');
  g_string_append_printf (url, "page=%u", page);
  return g_string_free (url, FALSE);
}

/* RT::REST2::Resource::Collection::serialize's envelope. @total < 0: the
 * user may not see the whole collection, RT answers null. */
static JsonNode *
envelope (Request   *r,
          JsonArray *items,
          gint64     total,
          Paging     paging,
          gboolean   with_pages)
{
  JsonObject *o = json_object_new ();
  guint count = json_array_get_length (items);

  json_object_set_int_member (o, "count", count);
  json_object_set_int_member (o, "page", paging.page);
  json_object_set_int_member (o, "per_page", paging.per_page);
  if (total < 0)
    json_object_set_null_member (o, "total");
  else
    json_object_set_int_member (o, "total", total);

  if (with_pages)
    {
      if (total < 0)
        json_object_set_null_member (o, "pages");
      else
        {
          gint64 pages = (total + paging.per_page - 1) / paging.per_page;

          /* POSIX::ceil gives an NV; JSON::XS prints a zero one as 0.0. */
          if (pages == 0)
            json_object_set_double_member (o, "pages", 0.0);
          else
            {
              json_object_set_int_member (o, "pages", pages);
              if (paging.page < pages)
                {
                  g_autofree char *next = page_url (r, paging.page + 1);

                  json_object_set_string_member (o, "next_page", next);
                }
              if (paging.page > 1)
                {
                  g_autofree char *prev = page_url (r, paging.page > pages ? (guint) pages
                                                                          : paging.page - 1);

                  json_object_set_string_member (o, "prev_page", prev);
                }
            }
        }
    }

  json_object_set_array_member (o, "items", items);
  return object_node (o);
}

/* The envelope, written straight out; items come from @write_items. */
typedef void (*ItemsWriter) (CsmJsonWriter *w, Request *r, GPtrArray *page, GStrv fields);

static void
respond_envelope (Request     *r,
                  GPtrArray   *page,
                  GStrv        fields,
                  ItemsWriter  write_items,
                  gint64       total,
                  Paging       paging)
{
  CsmJsonWriter *w = csm_json_writer_new_sized (TRUE, 4096);
  gsize length = 0;
  char *data;

  csm_json_writer_begin_object (w);
  csm_json_writer_key (w, "count");
  csm_json_writer_int (w, page->len);
  csm_json_writer_key (w, "page");
  csm_json_writer_int (w, paging.page);
  csm_json_writer_key (w, "per_page");
  csm_json_writer_int (w, paging.per_page);
  csm_json_writer_key (w, "total");
  if (total < 0)
    csm_json_writer_null (w);
  else
    csm_json_writer_int (w, total);
  csm_json_writer_key (w, "pages");
  if (total < 0)
    csm_json_writer_null (w);
  else
    {
      gint64 pages = (total + paging.per_page - 1) / paging.per_page;

      if (pages == 0)
        csm_json_writer_raw (w, "0.0");
      else
        {
          csm_json_writer_int (w, pages);
          if (paging.page < pages)
            {
              g_autofree char *next = page_url (r, paging.page + 1);

              csm_json_writer_member_string (w, "next_page", next);
            }
          if (paging.page > 1)
            {
              g_autofree char *prev = page_url (r, paging.page > pages ? (guint) pages
                                                                      : paging.page - 1);

              csm_json_writer_member_string (w, "prev_page", prev);
            }
        }
    }
  csm_json_writer_key (w, "items");
  csm_json_writer_begin_array (w);
  write_items (w, r, page, fields);
  csm_json_writer_end_array (w);
  csm_json_writer_end_object (w);

  data = writer_finish (w, TRUE, &length);
  soup_server_message_set_status (r->msg, SOUP_STATUS_OK, NULL);
  set_body (r, CT_OK, data, length);
}

static void
write_ticket_items (CsmJsonWriter *w,
                    Request       *r,
                    GPtrArray     *page,
                    GStrv          fields)
{
  for (guint i = 0; i < page->len; i++)
    write_ticket_item (w, r, page->pdata[i], fields);
}

static void
write_txn_items (CsmJsonWriter *w,
                 Request       *r,
                 GPtrArray     *page,
                 GStrv          fields)
{
  for (guint i = 0; i < page->len; i++)
    write_txn_item (w, r, page->pdata[i], fields);
}

static GStrv
requested_fields (Request *r)
{
  const char *fields = param (r, "fields");

  if (fields == NULL || *fields == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (fields, ",", -1);
}

/* ======================================================================== */
/* Search cache: later pages of the same search reuse the sorted matches    */
/* ======================================================================== */

static char *
search_key (Request           *r,
            const char        *kind,
            const char        *query,
            const char *const *orderby,
            const char *const *order)
{
  GString *key = g_string_new (kind);

  g_string_append_printf (key, "\x1f%" G_GINT64_FORMAT "\x1f%s", r->user->id, query ? query : "");
  for (guint i = 0; orderby && orderby[i]; i++)
    g_string_append_printf (key, "\x1f" "by=%s", orderby[i]);
  for (guint i = 0; order && order[i]; i++)
    g_string_append_printf (key, "\x1f" "o=%s", order[i]);
  return g_string_free (key, FALSE);
}

static CacheEntry *
cache_lookup (CsmSimServer *self,
              const char   *key,
              guint64       revision)
{
  CacheEntry *found = NULL;

  g_mutex_lock (&self->lock);
  for (GList *l = self->cache.head; l != NULL; l = l->next)
    {
      CacheEntry *entry = l->data;

      if (entry->revision == revision && strcmp (entry->key, key) == 0)
        {
          g_queue_unlink (&self->cache, l);
          g_queue_push_head_link (&self->cache, l);
          found = entry;
          break;
        }
    }
  g_mutex_unlock (&self->lock);
  return found;
}

static void
cache_store (CsmSimServer *self,
             const char   *key,
             guint64       revision,
             GPtrArray    *all,
             guint         total)
{
  CacheEntry *entry = g_new0 (CacheEntry, 1);

  entry->key = g_strdup (key);
  entry->revision = revision;
  entry->all = g_ptr_array_ref (all);
  entry->total = total;

  g_mutex_lock (&self->lock);
  g_queue_push_head (&self->cache, entry);
  while (self->cache.length > CACHE_SIZE)
    cache_entry_free (g_queue_pop_tail (&self->cache));
  g_mutex_unlock (&self->lock);
}

/* Runs a ticket or transaction search, from the cache when a client pages
 * through the same search (only the first page pays for sorting). */
static GPtrArray *
run_search (Request           *r,
            CsmTicketSql      *query,
            const char        *kind,
            const char        *query_text,
            const char *const *orderby,
            const char *const *order,
            Paging             paging,
            guint             *total)
{
  g_autoptr(CsmTicketSqlOrder) sort = NULL;
  g_autofree char *key = search_key (r, kind, query_text, orderby, order);
  guint64 revision = csm_sim_world_get_revision (r->world);
  CacheEntry *entry;
  guint offset = paging_offset (paging);
  GPtrArray *page;

  g_atomic_int_inc (&r->self->searches);

  /* A restricted user's transaction page loses items after paging (RT
   * checks those rights per record), which a cached list of everything
   * SQL found cannot replay: ask csm_ticketsql_select every time. */
  if (strcmp (kind, "tickets") != 0 &&
      !csm_sim_rights_has (r->user, CSM_SIM_RIGHT_SHOW_TICKET_COMMENTS))
    {
      sort = csm_ticketsql_order_new (r->world, CSM_TICKETSQL_TRANSACTIONS, orderby, order);
      return csm_ticketsql_select (query, sort, r->user->id, offset, paging.per_page, total,
                                   NULL);
    }

  entry = cache_lookup (r->self, key, revision);
  if (entry != NULL)
    {
      g_atomic_int_inc (&r->self->cache_hits);
      page = g_ptr_array_new ();
      for (guint i = offset; i < entry->all->len && i - offset < paging.per_page; i++)
        g_ptr_array_add (page, entry->all->pdata[i]);
      *total = entry->total;
      return page;
    }

  sort = csm_ticketsql_order_new (r->world,
                                  strcmp (kind, "tickets") == 0 ? CSM_TICKETSQL_TICKETS
                                                                : CSM_TICKETSQL_TRANSACTIONS,
                                  orderby, order);
  if (paging.page > 1)
    {
      g_autoptr(GPtrArray) all = NULL;

      page = csm_ticketsql_select (query, sort, r->user->id, offset, paging.per_page, total, &all);
      cache_store (r->self, key, revision, all, *total);
      return page;
    }
  return csm_ticketsql_select (query, sort, r->user->id, offset, paging.per_page, total, NULL);
}

/* ======================================================================== */
/* Handlers                                                                 */
/* ======================================================================== */

static void
handle_rt (Request          *r,
           const RouteMatch *match)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "Version", RT_VERSION);
  json_object_set_array_member (o, "Plugins", json_array_new ());
  respond_json (r, SOUP_STATUS_OK, object_node (o), TRUE);
}

static void
respond_ticketsql_error (Request *r,
                         GError  *error)
{
  respond_error (r, SOUP_STATUS_BAD_REQUEST, error->message);
}

static void
handle_tickets (Request          *r,
                const RouteMatch *match)
{
  const char *query_text = param (r, "query");
  g_auto(GStrv) fields = requested_fields (r);
  g_auto(GStrv) orderby = param_all (r, "orderby");
  g_auto(GStrv) order = param_all (r, "order");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmTicketSql) query = NULL;
  g_autoptr(GPtrArray) page = NULL;
  Paging paging = setup_paging (r);
  guint total = 0;

  query = csm_ticketsql_parse (r->world, CSM_TICKETSQL_TICKETS, query_text ? query_text : "",
                               r->user->id, &error);
  if (query == NULL)
    {
      respond_ticketsql_error (r, error);
      return;
    }

  page = run_search (r, query, "tickets", query_text, (const char *const *) orderby,
                     (const char *const *) order, paging, &total);
  respond_envelope (r, page, fields, write_ticket_items, total, paging);
}

/* A JSON search ([{field, value, operator, entry_aggregator}]) as TransactionSQL. */
static char *
json_query_to_sql (JsonArray *conditions)
{
  GString *sql = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (conditions); i++)
    {
      JsonNode *node = json_array_get_element (conditions, i);
      JsonObject *c;
      const char *field, *op, *aggregator;
      g_autofree char *value = NULL;
      GString *quoted;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      c = json_node_get_object (node);
      field = json_object_get_string_member_with_default (c, "field", NULL);
      if (field == NULL || !json_object_has_member (c, "value") ||
          JSON_NODE_HOLDS_NULL (json_object_get_member (c, "value")))
        continue;
      if (JSON_NODE_HOLDS_VALUE (json_object_get_member (c, "value")) &&
          json_node_get_value_type (json_object_get_member (c, "value")) == G_TYPE_STRING)
        value = g_strdup (json_object_get_string_member (c, "value"));
      else if (JSON_NODE_HOLDS_VALUE (json_object_get_member (c, "value")))
        value = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (c, "value"));
      else
        continue;
      op = json_object_get_string_member_with_default (c, "operator", "=");
      aggregator = json_object_get_string_member_with_default (c, "entry_aggregator", "AND");

      quoted = g_string_new ("'");
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '\'' || *p == '\\')
            g_string_append_c (quoted, '\\');
          g_string_append_c (quoted, *p);
        }
      g_string_append_c (quoted, '\'');

      if (sql->len > 0)
        g_string_append_printf (sql, " %s ", g_ascii_strcasecmp (aggregator, "OR") == 0 ? "OR" : "AND");
      g_string_append_printf (sql, "%s %s %s", field, op, quoted->str);
      g_string_free (quoted, TRUE);
    }
  return g_string_free (sql, FALSE);
}

static JsonArray *
body_json_array (Request *r)
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

/* /transactions and, because REST2's history resource takes a query too,
 * /ticket/:id/history?query=... */
static void
handle_transactions (Request          *r,
                     const RouteMatch *match)
{
  const char *query_text = param (r, "query");
  g_autofree char *sql = NULL;
  g_auto(GStrv) orderby = param_all (r, "orderby");
  g_auto(GStrv) order = param_all (r, "order");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmTicketSql) query = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(JsonArray) conditions = NULL;
  Paging paging = setup_paging (r);
  g_auto(GStrv) fields = requested_fields (r);
  guint total = 0;

  /* QueryByJSON then QueryBySQL; a query starting with '[' is JSON. */
  if (query_text != NULL && g_regex_match_simple ("^\\s*\\[", query_text, 0, 0))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, query_text, -1, NULL) &&
          JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
        conditions = json_array_ref (json_node_get_array (json_parser_get_root (parser)));
      query_text = NULL;
    }
  else if (strcmp (r->method, "POST") == 0)
    conditions = body_json_array (r);

  if (conditions != NULL && json_array_get_length (conditions) > 0)
    {
      g_autofree char *from_json = json_query_to_sql (conditions);

      if (query_text != NULL && *query_text != '\0' && *from_json != '\0')
        sql = g_strdup_printf ("(%s) AND (%s)", from_json, query_text);
      else if (*from_json != '\0')
        sql = g_steal_pointer (&from_json);
      else
        sql = g_strdup (query_text ? query_text : "");
    }
  else
    sql = g_strdup (query_text ? query_text : "");

  query = csm_ticketsql_parse (r->world, CSM_TICKETSQL_TRANSACTIONS, sql, r->user->id, &error);
  if (query == NULL)
    {
      respond_ticketsql_error (r, error);
      return;
    }

  page = run_search (r, query, "transactions", sql, (const char *const *) orderby,
                     (const char *const *) order, paging, &total);
  respond_envelope (r, page, fields, write_txn_items,
                    csm_sim_rights_is_superuser (r->user) ? (gint64) total : -1, paging);
}

static void
handle_history (Request          *r,
                const RouteMatch *match)
{
  gint64 ticket_id = match->id;
  const CsmSimTicket *ticket;
  g_auto(GStrv) orderby = NULL;
  g_auto(GStrv) order = NULL;
  g_autoptr(CsmTicketSqlOrder) sort = NULL;
  g_autoptr(GPtrArray) page = NULL;
  Paging paging;
  g_auto(GStrv) fields = requested_fields (r);
  guint total = 0;

  if (param (r, "query") != NULL && *param (r, "query") != '\0')
    {
      handle_transactions (r, match);
      return;
    }

  paging = setup_paging (r);
  orderby = param_all (r, "orderby");
  order = param_all (r, "order");
  ticket = csm_sim_world_lookup_ticket (r->world, ticket_id);
  if (ticket != NULL && !csm_sim_rights_can_see_ticket (r->world, r->user->id, ticket))
    ticket = NULL;

  g_atomic_int_inc (&r->self->searches);
  sort = csm_ticketsql_order_new (r->world, CSM_TICKETSQL_TRANSACTIONS,
                                  (const char *const *) orderby, (const char *const *) order);
  page = csm_ticketsql_select_history (r->world, ticket, sort, r->user->id, paging_offset (paging),
                                       paging.per_page, &total);
  respond_envelope (r, page, fields, write_txn_items,
                    csm_sim_rights_is_superuser (r->user) ? (gint64) total : -1, paging);
}

/* ---- single records ------------------------------------------------------ */

static void
set_record_headers (Request *r,
                    gint64   etag_txn,
                    gint64   last_modified)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (r->msg);
  g_autofree char *modified = csm_sim_format_iso (last_modified);
  g_autofree char *etag = etag_txn > 0 ? g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", etag_txn)
                                       : g_strdup_printf ("\"%s\"", modified);

  soup_message_headers_replace (headers, "ETag", etag);
  soup_message_headers_replace (headers, "Last-Modified", modified);
}

/* ETag of a ticket: the newest transaction this user may see. */
static gint64
ticket_etag (Request            *r,
             const CsmSimTicket *ticket)
{
  for (guint i = ticket->txns->len; i > 0; i--)
    {
      const CsmSimTransaction *x =
        csm_sim_world_get_transaction_at (r->world, g_array_index (ticket->txns, guint, i - 1));

      if (csm_sim_rights_can_see_transaction (r->world, r->user->id, x))
        return x->id;
    }
  return 0;
}

static JsonNode *
ticket_record (Request            *r,
               const CsmSimTicket *t)
{
  JsonObject *o = json_object_new ();
  static const char *const prefix = "fields";

  json_object_set_int_member (o, "id", t->id);
  json_object_set_member (o, "EffectiveId", object_node (uid_object_int (r, "ticket", t->id)));
  json_object_set_member (o, "Queue", queue_object (r, t->queue, "Queue", prefix));
  json_object_set_member (o, "Owner", user_object (r, t->owner, "Owner", prefix));
  json_object_set_member (o, "Creator", user_object (r, t->creator, "Creator", prefix));
  json_object_set_member (o, "LastUpdatedBy",
                          user_object (r, t->last_updated_by, "LastUpdatedBy", prefix));
  json_object_set_string_member (o, "Subject", t->subject);
  json_object_set_string_member (o, "Status", t->status);
  json_object_set_string_member (o, "Type", t->type);
  if (t->sla != NULL)
    json_object_set_string_member (o, "SLA", t->sla);
  json_object_set_member (o, "Priority", int_string_node (t->priority));
  json_object_set_member (o, "InitialPriority", int_string_node (t->initial_priority));
  json_object_set_member (o, "FinalPriority", int_string_node (t->final_priority));
  json_object_set_member (o, "TimeEstimated", int_string_node (t->time_estimated));
  json_object_set_member (o, "TimeWorked", int_string_node (t->time_worked));
  json_object_set_member (o, "TimeLeft", int_string_node (t->time_left));
  json_object_set_member (o, "Created", date_node (t->created));
  json_object_set_member (o, "LastUpdated", date_node (t->last_updated));
  json_object_set_member (o, "Starts", date_node (t->starts));
  json_object_set_member (o, "Started", date_node (t->started));
  json_object_set_member (o, "Due", date_node (t->due));
  json_object_set_member (o, "Resolved", date_node (t->resolved));
  /* Told is NULL until someone tells the requestor: Serialize drops it. */
  if (t->told != 0)
    json_object_set_member (o, "Told", date_node (t->told));
  json_object_set_member (o, "Requestor", role_members (r, t->requestors, NULL, prefix));
  json_object_set_member (o, "Cc", role_members (r, t->cc, NULL, prefix));
  json_object_set_member (o, "AdminCc", role_members (r, t->admincc, NULL, prefix));
  json_object_set_member (o, "CustomFields", ticket_custom_fields (r, t, prefix, FALSE));
  json_object_set_member (o, "_hyperlinks", ticket_hyperlinks (r, t));
  return object_node (o);
}

static JsonNode *
self_link (Request    *r,
           const char *type,
           gint64      id,
           JsonArray  *links)
{
  JsonObject *o = json_object_new ();
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *url = url_for (r, type, text);

  json_object_set_string_member (o, "ref", "self");
  json_object_set_string_member (o, "type", type);
  json_object_set_int_member (o, "id", id);
  json_object_set_string_member (o, "_url", url);
  json_array_add_object_element (links, o);
  return NULL;
}

static void
add_link (JsonArray  *links,
          const char *ref,
          const char *url,
          const char *type)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "ref", ref);
  if (type != NULL)
    json_object_set_string_member (o, "type", type);
  json_object_set_string_member (o, "_url", url);
  json_array_add_object_element (links, o);
}

static JsonNode *
transaction_record (Request                 *r,
                    const CsmSimTransaction *x)
{
  JsonObject *o = json_object_new ();
  JsonArray *links = json_array_new ();
  static const char *const prefix = "fields";
  gboolean cf = g_strcmp0 (x->type, "CustomField") == 0;

  json_object_set_int_member (o, "id", x->id);
  json_object_set_string_member (o, "Type", x->type);
  json_object_set_member (o, "Created", date_node (x->created));
  json_object_set_member (o, "Creator", user_object (r, x->creator, "Creator", prefix));
  json_object_set_member (o, "TimeTaken", int_string_node (x->time_taken));
  json_object_set_member (o, "Object", object_node (uid_object_int (r, "ticket", x->object_id)));
  if (cf)
    {
      /* A CustomField transaction serializes its CF and value references. */
      if (x->field != NULL)
        json_object_set_member (o, "Field", object_node (uid_object (r, "customfield", x->field)));
      if (x->old_reference || x->new_reference)
        json_object_set_string_member (o, "ReferenceType", "RT::ObjectCustomFieldValue");
      if (x->old_reference)
        json_object_set_member (o, "OldReference",
                                object_node (uid_object_int (r, "objectcustomfieldvalue",
                                                             x->old_reference)));
      if (x->new_reference)
        json_object_set_member (o, "NewReference",
                                object_node (uid_object_int (r, "objectcustomfieldvalue",
                                                             x->new_reference)));
    }
  else
    {
      if (x->field != NULL)
        json_object_set_string_member (o, "Field", x->field);
      if (x->old_value != NULL)
        json_object_set_string_member (o, "OldValue", x->old_value);
      if (x->new_value != NULL)
        json_object_set_string_member (o, "NewValue", x->new_value);
    }
  if (x->data != NULL)
    json_object_set_string_member (o, "Data", x->data);

  self_link (r, "transaction", x->id, links);
  json_object_set_array_member (o, "_hyperlinks", links);
  return object_node (o);
}

static JsonNode *
queue_record (Request           *r,
              const CsmSimQueue *q)
{
  JsonObject *o = json_object_new ();
  JsonArray *links = json_array_new ();
  JsonArray *cfs = json_array_new ();
  GPtrArray *all_cfs = csm_sim_world_get_custom_fields (r->world);
  gboolean see_cfs = csm_sim_rights_has (r->user, CSM_SIM_RIGHT_SEE_CUSTOM_FIELD);
  g_autofree char *history = NULL;
  g_autofree char *create = NULL;

  json_object_set_int_member (o, "id", q->id);
  json_object_set_string_member (o, "Name", q->name);
  json_object_set_string_member (o, "Description", q->description);
  json_object_set_string_member (o, "CorrespondAddress", q->correspond_address);
  json_object_set_string_member (o, "CommentAddress", q->comment_address);
  json_object_set_string_member (o, "Lifecycle", queue_lifecycle (q));
  json_object_set_string_member (o, "SortOrder", "0");
  json_object_set_string_member (o, "SLADisabled", q->sla_disabled ? "1" : "0");
  json_object_set_string_member (o, "Disabled", queue_disabled_text (q));
  json_object_set_member (o, "Created", date_node (q->created));
  json_object_set_member (o, "LastUpdated", date_node (q->last_updated));
  json_object_set_member (o, "Creator", expand_queue_field (r, q, "Creator", "fields"));
  json_object_set_member (o, "LastUpdatedBy", expand_queue_field (r, q, "LastUpdatedBy", "fields"));
  json_object_set_array_member (o, "Cc", json_array_new ());
  json_object_set_array_member (o, "AdminCc", json_array_new ());
  json_object_set_array_member (o, "CustomFields", json_array_new ());
  json_object_set_array_member (o, "TicketTransactionCustomFields", json_array_new ());
  /* The CFs are applied globally: ___Approvals lists them too. Seen in
   * the queue's context: whoever has SeeCustomField there. */
  for (guint i = 0; see_cfs && i < all_cfs->len; i++)
    {
      const CsmSimCustomField *cf = g_ptr_array_index (all_cfs, i);
      JsonObject *c = uid_object_int (r, "customfield", cf->id);

      json_object_set_string_member (c, "ref", "customfield");
      json_object_set_string_member (c, "name", cf->name);
      json_array_add_object_element (cfs, c);
    }
  json_object_set_array_member (o, "TicketCustomFields", cfs);

  self_link (r, "queue", q->id, links);
  history = g_strdup_printf ("%s/queue/%" G_GINT64_FORMAT "/history", r->base, q->id);
  add_link (links, "history", history, NULL);
  /* Only with CreateTicket there: not the viewer's, and in ___Approvals
   * nobody's but the superuser's. */
  if (csm_sim_rights_is_superuser (r->user) ||
      (csm_sim_rights_has (r->user, CSM_SIM_RIGHT_CREATE_TICKET) && q->id != APPROVALS_QUEUE))
    {
      create = g_strdup_printf ("%s/ticket?Queue=%" G_GINT64_FORMAT, r->base, q->id);
      add_link (links, "create", create, "ticket");
    }
  json_object_set_array_member (o, "_hyperlinks", links);
  return object_node (o);
}

static JsonNode *
user_record (Request          *r,
             const CsmSimUser *u)
{
  JsonObject *o = json_object_new ();
  JsonArray *links = json_array_new ();
  JsonArray *memberships = json_array_new ();
  g_autoptr(GPtrArray) groups = csm_sim_world_get_user_memberships (r->world, u->id);
  g_autofree char *history = g_strdup_printf ("%s/user/%" G_GINT64_FORMAT "/history", r->base, u->id);
  g_autofree char *groups_url = g_strdup_printf ("%s/user/%" G_GINT64_FORMAT "/groups", r->base,
                                                 u->id);
  gboolean admin = csm_sim_rights_is_superuser (r->user);

  /* RT::REST2::Resource::User: without AdminUsers (the superuser's here),
   * another user's record is only a summary: the UserSummaryExtraInfo
   * columns (Name, RealName, EmailAddress), Privileged and the links. */
  if (!admin && u->id != r->user->id)
    {
      json_object_set_string_member (o, "Name", u->name);
      json_object_set_string_member (o, "RealName", u->real_name);
      if (u->id == CSM_SIM_USER_RT_SYSTEM)
        json_object_set_null_member (o, "EmailAddress");
      else
        json_object_set_string_member (o, "EmailAddress", u->email);
      json_object_set_int_member (o, "Privileged", u->privileged ? 1 : 0);
      self_link (r, "user", u->id, links);
      json_object_set_array_member (o, "_hyperlinks", links);
      json_array_unref (memberships);
      return object_node (o);
    }

  json_object_set_int_member (o, "id", u->id);
  json_object_set_string_member (o, "Name", u->name);
  json_object_set_string_member (o, "RealName", u->real_name);
  /* RT_System's address is NULL in RT's initial data: Serialize drops it. */
  if (u->id != CSM_SIM_USER_RT_SYSTEM)
    json_object_set_string_member (o, "EmailAddress", u->email);
  if (user_gecos (u) != NULL)
    json_object_set_string_member (o, "Gecos", user_gecos (u));
  if (u->comments != NULL)
    json_object_set_string_member (o, "Comments", u->comments);
  if (u->lang != NULL)
    json_object_set_string_member (o, "Lang", u->lang);
  if (u->timezone != NULL)
    json_object_set_string_member (o, "Timezone", u->timezone);
  json_object_set_int_member (o, "Privileged", u->privileged ? 1 : 0);
  json_object_set_string_member (o, "Disabled", u->disabled ? "1" : "0");
  json_object_set_member (o, "Created", date_node (u->created));
  json_object_set_member (o, "LastUpdated", date_node (u->last_updated));
  json_object_set_member (o, "Creator", expand_user_field (r, u, "Creator", "fields"));
  json_object_set_member (o, "LastUpdatedBy", expand_user_field (r, u, "LastUpdatedBy", "fields"));
  json_object_set_array_member (o, "CustomFields", json_array_new ());
  /* OwnGroups as the requesting user: only the superuser may see groups. */
  for (guint i = 0; admin && i < groups->len; i++)
    json_array_add_object_element (memberships,
                                   uid_object_int (r, "group",
                                                   ((CsmSimGroup *) groups->pdata[i])->id));
  json_object_set_array_member (o, "Memberships", memberships);

  self_link (r, "user", u->id, links);
  add_link (links, "history", history, NULL);
  /* The groups link needs AdminGroupMembership (or ModifyOwnMembership for
   * oneself, which nobody has here). */
  if (admin)
    add_link (links, "memberships", groups_url, NULL);
  json_object_set_array_member (o, "_hyperlinks", links);
  return object_node (o);
}

static JsonNode *
group_record (Request           *r,
              const CsmSimGroup *g)
{
  JsonObject *o = json_object_new ();
  JsonArray *links = json_array_new ();
  JsonArray *members = json_array_new ();
  gboolean system = g_strcmp0 (g->domain, "SystemInternal") == 0;
  g_autofree char *history = g_strdup_printf ("%s/group/%" G_GINT64_FORMAT "/history", r->base, g->id);
  g_autofree char *members_url = g_strdup_printf ("%s/group/%" G_GINT64_FORMAT "/members", r->base,
                                                  g->id);

  json_object_set_int_member (o, "id", g->id);
  json_object_set_string_member (o, "Name", g->name);
  json_object_set_string_member (o, "Description", g->description);
  json_object_set_string_member (o, "Domain", g->domain);
  json_object_set_string_member (o, "Instance", "0");
  json_object_set_string_member (o, "Disabled", "0");
  json_object_set_member (o, "Created", date_node (g->created));
  json_object_set_member (o, "LastUpdated", date_node (g->last_updated));
  json_object_set_member (o, "Creator",
                          user_object (r, system ? CSM_SIM_USER_RT_SYSTEM : CSM_SIM_USER_ROOT,
                                       NULL, NULL));
  json_object_set_member (o, "LastUpdatedBy",
                          user_object (r, system ? CSM_SIM_USER_RT_SYSTEM : CSM_SIM_USER_ROOT,
                                       NULL, NULL));
  json_object_set_array_member (o, "CustomFields", json_array_new ());
  for (guint i = 0; i < g->members->len; i++)
    json_array_add_element (members, user_object (r, g_array_index (g->members, gint64, i), NULL,
                                                  NULL));
  json_object_set_array_member (o, "Members", members);

  self_link (r, "group", g->id, links);
  add_link (links, "history", history, NULL);
  add_link (links, "members", members_url, NULL);
  json_object_set_array_member (o, "_hyperlinks", links);
  return object_node (o);
}

static JsonNode *
custom_field_record (Request                 *r,
                     const CsmSimCustomField *cf)
{
  JsonObject *o = json_object_new ();
  JsonArray *links = json_array_new ();

  json_object_set_int_member (o, "id", cf->id);
  json_object_set_string_member (o, "Name", cf->name);
  json_object_set_string_member (o, "Description", cf->description);
  json_object_set_string_member (o, "Type", cf->type);
  json_object_set_string_member (o, "LookupType", "RT::Queue-RT::Ticket");
  json_object_set_member (o, "MaxValues", int_string_node (cf->max_values));
  /* RT stores "" for no pattern, so the record always has one. */
  json_object_set_string_member (o, "Pattern", cf->pattern != NULL ? cf->pattern : "");
  json_object_set_string_member (o, "EntryHint",
                                 cf->max_values == 1 ? (g_strcmp0 (cf->type, "Select") == 0
                                                        ? "Select one value" : "Enter one value")
                                                     : "Enter multiple values");
  json_object_set_string_member (o, "SortOrder", "0");
  json_object_set_string_member (o, "UniqueValues", "0");
  json_object_set_string_member (o, "Disabled", "0");
  json_object_set_member (o, "Created", date_node (cf->created));
  json_object_set_member (o, "LastUpdated", date_node (cf->created));
  json_object_set_member (o, "Creator", user_object (r, CSM_SIM_USER_ROOT, NULL, NULL));
  json_object_set_member (o, "LastUpdatedBy", user_object (r, CSM_SIM_USER_ROOT, NULL, NULL));
  /* RT::REST2::Resource::CustomField::serialize reduces serialize_record's
   * {name, category} values to their names. */
  if (g_strcmp0 (cf->type, "Select") == 0)
    {
      JsonArray *values = json_array_new ();

      for (guint i = 0; i < cf->values->len; i++)
        json_array_add_string_element (values, g_ptr_array_index (cf->values, i));
      json_object_set_array_member (o, "Values", values);
    }
  self_link (r, "customfield", cf->id, links);
  /* ... and its hypermedia_links point a selection CF at its values. */
  if (g_strcmp0 (cf->type, "Select") == 0)
    {
      g_autofree char *values_url = g_strdup_printf ("%s/customfield/%" G_GINT64_FORMAT "/values",
                                                     r->base, cf->id);

      add_link (links, "customfieldvalues", values_url, NULL);
    }
  json_object_set_array_member (o, "_hyperlinks", links);
  return object_node (o);
}

/* ---- plain collections: queues, users, groups, custom fields ------------ */

typedef JsonNode *(*FieldFunc) (Request *r, gconstpointer record, const char *field);

/* RT::REST2's QueryByJSON: conditions on searchable columns, compared
 * case-insensitively; unknown columns are ignored. */
static gboolean
json_conditions_match (JsonArray         *conditions,
                       const char *const *searchable,
                       FieldFunc          get,
                       Request           *r,
                       gconstpointer      record)
{
  gboolean result = TRUE;
  gboolean first = TRUE;

  for (guint i = 0; conditions != NULL && i < json_array_get_length (conditions); i++)
    {
      JsonNode *node = json_array_get_element (conditions, i);
      JsonObject *c;
      const char *field, *op, *aggregator, *value;
      g_autoptr(JsonNode) actual_node = NULL;
      const char *actual;
      g_autofree char *value_text = NULL;
      gboolean known = FALSE, m;
      int cmp;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      c = json_node_get_object (node);
      field = json_object_get_string_member_with_default (c, "field", NULL);
      if (field == NULL || !json_object_has_member (c, "value"))
        continue;
      for (guint k = 0; searchable[k] != NULL; k++)
        if (strcmp (searchable[k], field) == 0)
          known = TRUE;
      if (!known)
        continue;

      node = json_object_get_member (c, "value");
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        value = json_node_get_string (node);
      else if (JSON_NODE_HOLDS_VALUE (node))
        value = value_text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      else
        continue;
      op = json_object_get_string_member_with_default (c, "operator", "=");
      aggregator = json_object_get_string_member_with_default (c, "entry_aggregator", "AND");

      actual_node = get (r, record, field);
      actual = json_node_get_value_type (actual_node) == G_TYPE_STRING ? json_node_get_string (actual_node) : "";
      cmp = g_ascii_strcasecmp (actual, value);
      if (g_ascii_strcasecmp (op, "LIKE") == 0)
        m = strstr (g_ascii_strdown (actual, -1), g_ascii_strdown (value, -1)) != NULL;
      else if (g_ascii_strcasecmp (op, "NOT LIKE") == 0)
        m = strstr (g_ascii_strdown (actual, -1), g_ascii_strdown (value, -1)) == NULL;
      else if (strcmp (op, "!=") == 0)
        m = cmp != 0;
      else if (strcmp (op, "<") == 0)
        m = cmp < 0;
      else if (strcmp (op, ">") == 0)
        m = cmp > 0;
      else
        m = cmp == 0;

      if (first)
        result = m;
      else if (g_ascii_strcasecmp (aggregator, "OR") == 0)
        result = result || m;
      else
        result = result && m;
      first = FALSE;
    }
  return result;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static JsonNode *
queue_field_func (Request       *r,
                  gconstpointer  record,
                  const char    *field)
{
  return expand_queue_field (r, record, field, "fields");
}

static JsonNode *
user_field_func (Request       *r,
                 gconstpointer  record,
                 const char    *field)
{
  return expand_user_field (r, record, field, "fields");
}

static JsonNode *
group_field_func (Request       *r,
                  gconstpointer  record,
                  const char    *field)
{
  const CsmSimGroup *g = record;

  if (strcmp (field, "id") == 0)
    return int_node (g->id);
  if (strcmp (field, "Name") == 0)
    return string_node (g->name);
  if (strcmp (field, "Description") == 0)
    return string_node (g->description);
  if (strcmp (field, "Domain") == 0)
    return string_node (g->domain);
  if (strcmp (field, "Instance") == 0 || strcmp (field, "Disabled") == 0)
    return string_node ("0");
  if (strcmp (field, "Created") == 0)
    return date_node (g->created);
  if (strcmp (field, "LastUpdated") == 0)
    return date_node (g->last_updated);
  return string_node ("");
}

static JsonNode *
cf_field_func (Request       *r,
               gconstpointer  record,
               const char    *field)
{
  return expand_cf_field (r, record, field);
}

static gint64
record_id (gconstpointer record)
{
  return *(const gint64 *) record;   /* every record struct starts with its id */
}

typedef struct
{
  const char *type;
  FieldFunc get;
  const char *const *searchable;
  gboolean json_required;  /* customfields: no condition, no rows */
  gboolean total_for_all;  /* RT gives non-superusers a total here */
} CollectionInfo;

static int
compare_records_by_name (gconstpointer a,
                         gconstpointer b,
                         gpointer      data)
{
  const CollectionInfo *info = data;
  gconstpointer x = *(gconstpointer const *) a;
  gconstpointer y = *(gconstpointer const *) b;
  const char *nx, *ny;
  int r;

  if (strcmp (info->type, "user") == 0)
    nx = ((const CsmSimUser *) x)->name, ny = ((const CsmSimUser *) y)->name;
  else if (strcmp (info->type, "queue") == 0)
    nx = ((const CsmSimQueue *) x)->name, ny = ((const CsmSimQueue *) y)->name;
  else if (strcmp (info->type, "group") == 0)
    nx = ((const CsmSimGroup *) x)->name, ny = ((const CsmSimGroup *) y)->name;
  else
    nx = ((const CsmSimCustomField *) x)->name, ny = ((const CsmSimCustomField *) y)->name;

  r = g_ascii_strcasecmp (nx, ny);
  if (r != 0)
    return r;
  return record_id (x) < record_id (y) ? -1 : record_id (x) > record_id (y);
}

static void
handle_plain_collection (Request              *r,
                         const CollectionInfo *info,
                         GPtrArray            *records,
                         gboolean              visible)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autoptr(JsonArray) conditions = NULL;
  g_auto(GStrv) fields = requested_fields (r);
  const char *query = param (r, "query");
  Paging paging = setup_paging (r);
  guint offset = paging_offset (paging);
  gboolean show_disabled = param (r, "find_disabled_rows") != NULL &&
                           *param (r, "find_disabled_rows") != '\0' &&
                           strcmp (param (r, "find_disabled_rows"), "0") != 0;
  JsonArray *items = json_array_new ();
  gint64 total = -1;

  if (query != NULL && g_regex_match_simple ("^\\s*\\[", query, 0, 0))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, query, -1, NULL) &&
          JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
        conditions = json_array_ref (json_node_get_array (json_parser_get_root (parser)));
    }
  else if (strcmp (r->method, "POST") == 0)
    conditions = body_json_array (r);

  if (visible && !(info->json_required && (conditions == NULL ||
                                          json_array_get_length (conditions) == 0)))
    for (guint i = 0; i < records->len; i++)
      {
        gconstpointer record = records->pdata[i];
        gboolean disabled = FALSE;

        if (strcmp (info->type, "user") == 0)
          disabled = ((const CsmSimUser *) record)->disabled;
        else if (strcmp (info->type, "queue") == 0)
          disabled = ((const CsmSimQueue *) record)->disabled;
        if (disabled && !show_disabled)
          continue;
        if (!json_conditions_match (conditions, info->searchable, info->get, r, record))
          continue;
        g_ptr_array_add (matches, (gpointer) record);
      }

  g_ptr_array_sort_with_data (matches, compare_records_by_name, (gpointer) info);

  for (guint i = offset; i < matches->len && i - offset < paging.per_page; i++)
    {
      gconstpointer record = matches->pdata[i];
      JsonObject *o;

      if (strcmp (info->type, "user") == 0)
        o = uid_object (r, "user", ((const CsmSimUser *) record)->name);
      else
        o = uid_object_int (r, info->type, record_id (record));
      for (guint f = 0; fields[f] != NULL; f++)
        json_object_set_member (o, fields[f], info->get (r, record, fields[f]));
      json_array_add_object_element (items, o);
    }

  /* RT gives the total only to whoever may see the whole collection. */
  if (csm_sim_rights_is_superuser (r->user) || info->total_for_all)
    total = matches->len;
  respond_json (r, SOUP_STATUS_OK, envelope (r, items, total, paging, TRUE), TRUE);
}

static const char *const queue_searchable[] = {
  "Name", "Description", "CorrespondAddress", "CommentAddress", "Lifecycle", "SLADisabled",
  "Disabled", NULL
};
static const char *const user_searchable[] = {
  "Name", "EmailAddress", "RealName", "Lang", "Timezone", "Comments", NULL
};
/* Since Debian's deb12u7 a condition on Domain or Instance is ignored. */
static const char *const group_searchable[] = { "Name", "Description", NULL };
static const char *const cf_searchable[] = {
  "Name", "Description", "Type", "LookupType", "Pattern", NULL
};

/* /queues/all is unlimited; a plain /queues search without a condition
 * finds nothing, as for custom fields (the collection is never limited). */
static void
handle_queues (Request          *r,
               const RouteMatch *match)
{
  gboolean all = match->n_segments == 2;
  static const CollectionInfo info_all = { "queue", queue_field_func, queue_searchable, FALSE,
                                           FALSE };
  static const CollectionInfo info = { "queue", queue_field_func, queue_searchable, TRUE, FALSE };

  handle_plain_collection (r, all ? &info_all : &info, csm_sim_world_get_queues (r->world), TRUE);
}

static void
handle_users (Request          *r,
              const RouteMatch *match)
{
  static const CollectionInfo info = { "user", user_field_func, user_searchable, FALSE, TRUE };

  handle_plain_collection (r, &info, csm_sim_world_get_users (r->world), TRUE);
}

static gboolean
is_user_defined (const CsmSimGroup *group)
{
  return group != NULL && g_strcmp0 (group->domain, "UserDefined") == 0;
}

static void
handle_groups (Request          *r,
               const RouteMatch *match)
{
  static const CollectionInfo info = { "group", group_field_func, group_searchable, FALSE, FALSE };

  GPtrArray *groups = csm_sim_world_get_groups (r->world);
  g_autoptr(GPtrArray) user_defined = g_ptr_array_new ();

  /* Since Debian's deb12u7 RT searches user-defined groups only: its own
   * (Privileged, Unprivileged…) cannot be found. */
  for (guint i = 0; i < groups->len; i++)
    if (is_user_defined (g_ptr_array_index (groups, i)))
      g_ptr_array_add (user_defined, g_ptr_array_index (groups, i));
  /* Only the superuser may see groups here. */
  handle_plain_collection (r, &info, user_defined, csm_sim_rights_is_superuser (r->user));
}

static void
handle_custom_fields (Request          *r,
                      const RouteMatch *match)
{
  static const CollectionInfo info = { "customfield", cf_field_func, cf_searchable, TRUE, FALSE };

  /* Agents may see the CFs through a ticket or queue only (SeeCustomField
   * is theirs per queue): without that context RT shows them none. */
  handle_plain_collection (r, &info, csm_sim_world_get_custom_fields (r->world),
                           csm_sim_rights_is_superuser (r->user));
}

/* GroupMembers: its own envelope (no pages), numeric ids, no fields. */
static void
handle_group_members (Request          *r,
                      const RouteMatch *match)
{
  const CsmSimGroup *group = csm_sim_world_lookup_group (r->world, match->id);
  Paging paging = setup_paging (r);
  guint offset = paging_offset (paging);
  JsonArray *items = json_array_new ();
  guint total = 0;

  if (!csm_sim_rights_is_superuser (r->user))
    {
      json_array_unref (items);
      respond_error (r, SOUP_STATUS_FORBIDDEN, "Forbidden");
      return;
    }
  /* deb12u7: only a user-defined group has members to read. */
  if (!is_user_defined (group))
    {
      json_array_unref (items);
      respond_error (r, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }

    {
      g_autoptr(GArray) members = g_array_copy (group->members);

      g_array_sort (members, compare_int64);
      total = members->len;
      for (guint i = offset; i < members->len && i - offset < paging.per_page; i++)
        {
          gint64 id = g_array_index (members, gint64, i);
          JsonObject *o = json_object_new ();
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
          g_autofree char *url = url_for (r, "user", text);

          json_object_set_int_member (o, "id", id);
          json_object_set_string_member (o, "type", "user");
          json_object_set_string_member (o, "_url", url);
          json_array_add_object_element (items, o);
        }
    }

  respond_json (r, SOUP_STATUS_OK, envelope (r, items, total, paging, FALSE), TRUE);
}

/* ---- conditional requests ------------------------------------------------ */

/* Web::Machine with RT's resources: a past (or unreadable) If-Modified-Since
 * on a resource without Last-Modified gives 304; on a record, whose
 * last_modified is an ISO string instead of a date object, it dies: 500
 * with an empty body. A date in the future is ignored. */
/* RT::REST2::Resource::UserGroups: the user's own (user-defined) groups,
 * {id (a number), type, _url}; group members' envelope without "pages".
 * Needs AdminGroupMembership (or ModifyOwnMembership for oneself), which
 * only the superuser has here. An unknown user has no groups. */
static void
handle_user_groups (Request          *r,
                    const RouteMatch *match)
{
  const CsmSimUser *user = csm_sim_world_lookup_user_by_ref (r->world, match->segments[1]);
  Paging paging = setup_paging (r);
  guint offset = paging_offset (paging);
  JsonArray *items = json_array_new ();
  g_autoptr(GPtrArray) groups = NULL;

  if (!csm_sim_rights_is_superuser (r->user))
    {
      json_array_unref (items);
      respond_error (r, SOUP_STATUS_FORBIDDEN, "Forbidden");
      return;
    }
  groups = user != NULL ? csm_sim_world_get_user_memberships (r->world, user->id)
                        : g_ptr_array_new ();
  for (guint i = offset; i < groups->len && i - offset < paging.per_page; i++)
    {
      const CsmSimGroup *group = groups->pdata[i];
      JsonObject *o = json_object_new ();
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, group->id);
      g_autofree char *url = url_for (r, "group", text);

      json_object_set_int_member (o, "id", group->id);
      json_object_set_string_member (o, "type", "group");
      json_object_set_string_member (o, "_url", url);
      json_array_add_object_element (items, o);
    }
  respond_json (r, SOUP_STATUS_OK, envelope (r, items, groups->len, paging, FALSE), TRUE);
}

static gboolean
if_modified_since_applies (Request *r)
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
static gboolean
check_not_modified (Request *r)
{
  if (!if_modified_since_applies (r))
    return FALSE;
  respond_empty (r, SOUP_STATUS_NOT_MODIFIED);
  return TRUE;
}

/* For records: If-None-Match, then the If-Modified-Since crash. */
static gboolean
check_record_conditions (Request *r,
                         gint64   etag_txn,
                         gint64   last_modified)
{
  const char *inm = soup_message_headers_get_one (soup_server_message_get_request_headers (r->msg),
                                                  "If-None-Match");

  set_record_headers (r, etag_txn, last_modified);

  if (inm != NULL && (strcmp (r->method, "GET") == 0 || strcmp (r->method, "HEAD") == 0))
    {
      const char *etag = soup_message_headers_get_one (soup_server_message_get_response_headers (r->msg),
                                                       "ETag");

      if (strcmp (inm, "*") == 0 || strstr (inm, etag) != NULL)
        {
          respond_empty (r, SOUP_STATUS_NOT_MODIFIED);
          return TRUE;
        }
    }
  if (if_modified_since_applies (r))
    {
      soup_message_headers_remove (soup_server_message_get_response_headers (r->msg), "ETag");
      soup_message_headers_remove (soup_server_message_get_response_headers (r->msg), "Last-Modified");
      respond_empty (r, SOUP_STATUS_INTERNAL_SERVER_ERROR);
      return TRUE;
    }
  return FALSE;
}

/* ---- ticket writes ------------------------------------------------------- */

/* A JSON member as RT's Perl would stringify it; NULL for null/missing. */
static char *
member_text (JsonObject *o,
             const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *inner = json_node_get_object (node);

      /* A UID object ({type, id, _url}) stands for its id. */
      if (json_object_has_member (inner, "id") && json_object_has_member (inner, "_url"))
        return member_text (inner, "id");
      return g_strdup ("");
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      if (json_array_get_length (array) == 0)
        return g_strdup ("");
      node = json_array_get_element (array, 0);
      if (!JSON_NODE_HOLDS_VALUE (node))
        return g_strdup ("");
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "1" : "");
    default:
      return g_strdup ("");
    }
}

static int
text_to_int (const char *text)
{
  return text != NULL ? (int) g_ascii_strtoll (text, NULL, 10) : 0;
}

static void
push_ticket_message (GPtrArray          *messages,
                     const CsmSimTicket *ticket,
                     char               *message)
{
  if (message == NULL)
    return;
  g_ptr_array_add (messages, g_strdup_printf ("Ticket %" G_GINT64_FORMAT ": %s", ticket->id, message));
  g_free (message);
}

/* RT::Record::Update's "did it change?" test, per attribute. */
static gboolean
attribute_unchanged (Request            *r,
                     const CsmSimTicket *t,
                     const char         *attribute,
                     const char         *value)
{
  g_autofree char *current = NULL;
  const char *name = NULL;

  if (strcmp (attribute, "Owner") == 0)
    {
      const CsmSimUser *owner = csm_sim_world_lookup_user (r->world, t->owner);

      name = owner ? owner->name : NULL;
      current = g_strdup_printf ("%" G_GINT64_FORMAT, t->owner);
    }
  else if (strcmp (attribute, "Queue") == 0)
    {
      const CsmSimQueue *queue = csm_sim_world_lookup_queue (r->world, t->queue);

      name = queue ? queue->name : NULL;
      current = g_strdup_printf ("%" G_GINT64_FORMAT, t->queue);
    }
  else if (strcmp (attribute, "Status") == 0)
    current = g_strdup (t->status);
  else if (strcmp (attribute, "Priority") == 0)
    current = g_strdup_printf ("%d", t->priority);
  else if (strcmp (attribute, "TimeWorked") == 0)
    current = g_strdup_printf ("%d", t->time_worked);
  else if (strcmp (attribute, "Subject") == 0)
    current = g_strdup (t->subject);
  else if (strcmp (attribute, "SLA") == 0)
    current = g_strdup (t->sla ? t->sla : "");
  else if (strcmp (attribute, "Due") == 0)
    current = csm_sim_format_sql (t->due);
  else if (strcmp (attribute, "Starts") == 0)
    current = csm_sim_format_sql (t->starts);

  if (name != NULL && (strcmp (name, value) == 0 || strcmp (name, *value ? value : "0") == 0))
    return TRUE;
  return g_strcmp0 (value, current) == 0 || g_strcmp0 (*value ? value : "0", current) == 0;
}

/* ======================================================================== */
/* RT's scrips: service levels                                              */
/* ======================================================================== */

/*
 * RT 5 keeps Starts and Due by two scrips that run as RT_System right after
 * each transaction: "Set starts date if needed according to SLA" (on Create
 * and Set SLA) and "Set due date if needed according to SLA" (on Create,
 * Correspond, Status changes and Set SLA), both only in queues whose
 * SLADisabled is 0 (RT::Condition::SLA_Require*Set, RT::Action::SLA_Set*,
 * RT::SLA). The agreements are the world's (csm_sim_world_get_agreements (): the
 * reference RT's in a scenario, the contact centre's in the model's world).
 * The auto-open scrip (a reply reopens an inactive ticket) is the world's
 * (csm_sim_world_correspond).
 */

typedef enum { SLA_STARTS, SLA_RESPONSE, SLA_KEEP_IN_LOOP, SLA_RESOLVE } SlaType;

/* RT::SLA::CalculateTime with the world's agreements; FALSE when the level
 * has no such agreement. */
static gboolean
sla_time (CsmSimWorld *world,
          const char  *level_name,
          SlaType      type,
          gint64       from,
          gint64      *result)
{
  const CsmSimSlaLevel *level = csm_sim_sla_find (csm_sim_world_get_agreements (world), level_name);

  if (level == NULL)
    return FALSE;
  switch (type)
    {
    case SLA_STARTS:
      *result = csm_sim_sla_starts (level, from);
      return TRUE;
    case SLA_RESPONSE:
      *result = csm_sim_sla_response_due (level, from);
      return *result != 0;
    case SLA_RESOLVE:
      *result = csm_sim_sla_resolve_due (level, from);
      return *result != 0;
    case SLA_KEEP_IN_LOOP:
    default:
      return FALSE;
    }
}

/* RT::Action::SLA_SetDue::IsOutsideActor: the owner is always inside;
 * otherwise only requestors are outside. */
static gboolean
sla_is_outside_actor (const CsmSimTicket      *ticket,
                      const CsmSimTransaction *txn)
{
  if ((gint64) txn->creator == ticket->owner)
    return FALSE;
  return csm_sim_ticket_has_requestor (ticket, txn->creator);
}

/* RT::Action::SLA_SetDue::LastEffectiveAct over Create and Correspond,
 * newest first: the newest act if an inside actor's, else the oldest of
 * the outside acts since the last inside one. */
static const CsmSimTransaction *
sla_last_effective_act (CsmSimWorld        *world,
                        const CsmSimTicket *ticket,
                        gboolean           *outside)
{
  g_autoptr(GPtrArray) acts = g_ptr_array_new ();
  const CsmSimTransaction *res = NULL;

  for (guint i = 0; i < ticket->txns->len; i++)
    {
      const CsmSimTransaction *x = csm_sim_world_get_transaction_at (
        world, g_array_index (ticket->txns, guint, i));

      if (g_strcmp0 (x->type, "Correspond") == 0 || g_strcmp0 (x->type, "Create") == 0)
        g_ptr_array_add (acts, (gpointer) x);
    }
  /* Created DESC, id DESC */
  for (guint i = acts->len; i > 0; i--)
    for (guint j = 1; j < i; j++)
      {
        const CsmSimTransaction *a = acts->pdata[j - 1], *b = acts->pdata[j];

        if (a->created > b->created || (a->created == b->created && a->id > b->id))
          {
            acts->pdata[j - 1] = (gpointer) b;
            acts->pdata[j] = (gpointer) a;
          }
      }
  for (guint i = acts->len; i > 0; i--)
    {
      const CsmSimTransaction *x = acts->pdata[i - 1];

      if (!sla_is_outside_actor (ticket, x))
        {
          if (res != NULL)
            break;
          *outside = FALSE;
          return x;
        }
      res = x;
    }
  *outside = TRUE;
  return res;
}

/* RT::Action::SLA::SetDateField, as RT_System. */
static void
sla_set_date (Request            *r,
              const CsmSimTicket *ticket,
              gboolean            due,
              gboolean            defined,
              gint64              value)
{
  gint64 current = due ? ticket->due : ticket->starts;

  if (defined ? current == value : current <= 0)
    return;
  if (due)
    csm_sim_world_set_due (r->world, ticket->id, CSM_SIM_USER_RT_SYSTEM, defined ? value : 0, NULL);
  else
    csm_sim_world_set_starts (r->world, ticket->id, CSM_SIM_USER_RT_SYSTEM, defined ? value : 0,
                              NULL);
}

static void
sla_scrips_for (Request                 *r,
                const CsmSimTransaction *txn)
{
  const CsmSimTicket *ticket = csm_sim_world_lookup_ticket (r->world, txn->object_id);
  const CsmSimQueue *queue = ticket ? csm_sim_world_lookup_queue (r->world, ticket->queue) : NULL;
  gboolean set_sla = g_strcmp0 (txn->type, "Set") == 0 && g_strcmp0 (txn->field, "SLA") == 0;
  gboolean is_status = g_strcmp0 (txn->type, "Status") == 0 ||
                       (g_strcmp0 (txn->type, "Set") == 0 && g_strcmp0 (txn->field, "Status") == 0);
  gboolean create = g_strcmp0 (txn->type, "Create") == 0;

  if (queue == NULL || queue->sla_disabled)
    return;

  /* Starts: on Create and on a new SLA, with an SLA. */
  if (ticket->sla != NULL && (create || set_sla))
    {
      gint64 starts = 0;
      gboolean defined = sla_time (r->world, ticket->sla, SLA_STARTS, ticket->created,
                                  &starts);

      sla_set_date (r, ticket, FALSE, defined, starts);
      ticket = csm_sim_world_lookup_ticket (r->world, txn->object_id);
    }

  /* Due: on Create, Correspond and status changes with an SLA; on a new
   * SLA (whose Prepare then wants one). */
  if (ticket->sla != NULL &&
      (create || g_strcmp0 (txn->type, "Correspond") == 0 || is_status || set_sla))
    {
      gboolean outside = FALSE;
      const CsmSimTransaction *last = sla_last_effective_act (r->world, ticket, &outside);
      gint64 response = 0, resolve = 0;
      gboolean has_response = last != NULL &&
                              sla_time (r->world, ticket->sla,
                                        outside ? SLA_RESPONSE : SLA_KEEP_IN_LOOP,
                                        last->created, &response);
      gboolean has_resolve = sla_time (r->world, ticket->sla, SLA_RESOLVE, ticket->created,
                                       &resolve);
      gint64 due = has_response ? response : resolve;

      if (has_response && has_resolve && resolve < due)
        due = resolve;
      sla_set_date (r, ticket, TRUE, has_response || has_resolve, due);
    }
}

/* Runs the scrips of every transaction recorded since @mark (an index into
 * the world's transactions), including those the scrips record. */
static void
run_scrips (Request *r,
            guint    mark)
{
  for (guint i = mark; i < csm_sim_world_get_n_transactions (r->world); i++)
    sla_scrips_for (r, csm_sim_world_get_transaction_at (r->world, i));
}

/* ---- owner changes ---------------------------------------------------------- */

typedef enum
{
  OWNER_SET,
  OWNER_TAKE,
  OWNER_UNTAKE,
  OWNER_STEAL,
} OwnerChange;

/* RT::Ticket::CurrentUserCanSetOwner with _NewOwnerCanOwnTicket: the new
 * owner is checked before the actor's rights. ModifyTicket, TakeTicket,
 * StealTicket and OwnTicket are the staff's; ReassignTicket only the
 * superuser's. Returns the refusal, or NULL. */
static char *
owner_change_refused (Request            *r,
                      const CsmSimTicket *t,
                      const CsmSimUser   *new_owner,
                      OwnerChange         type)
{
  const CsmSimUser *me = r->user;
  gboolean staff = csm_sim_rights_has (me, CSM_SIM_RIGHT_MODIFY_TICKET);
  gboolean reassign = csm_sim_rights_is_superuser (me);
  gboolean take_or_steal = type == OWNER_TAKE || type == OWNER_STEAL;

  if (take_or_steal)
    new_owner = me;
  if (new_owner == NULL)
    return g_strdup ("That user does not exist");
  if (!csm_sim_rights_can_own_tickets (new_owner))
    return g_strdup ("That user may not own tickets in that queue");
  if (new_owner->id == t->owner)
    return g_strdup ("That user already owns that ticket");

  if (reassign && !take_or_steal)
    return NULL;
  if (t->owner == CSM_SIM_USER_NOBODY)
    {
      if (type == OWNER_STEAL)
        return g_strdup ("You can only steal a ticket owned by someone else");
      if (!staff)
        return g_strdup ("Permission Denied");
    }
  else if (t->owner != me->id)
    {
      if (!staff)
        return g_strdup ("Permission Denied");
      if (type == OWNER_STEAL)
        return NULL;
      if (type == OWNER_TAKE || new_owner->id == me->id)
        return g_strdup ("You can only take tickets that are unowned");
      if (!reassign)
        return g_strdup ("You can only reassign tickets that you own or that are unowned");
    }
  else
    {
      if (take_or_steal)
        return g_strdup ("You already own this ticket");
      if (!staff)
        return g_strdup ("Permission Denied");
    }
  return NULL;
}

static void
update_attribute (Request            *r,
                  const CsmSimTicket *t,
                  const char         *attribute,
                  const char         *value,
                  GPtrArray          *messages)
{
  char *message = NULL;
  gint64 actor = r->user->id;
  guint mark = csm_sim_world_get_n_transactions (r->world);

  if (strcmp (attribute, "Owner") == 0)
    {
      const CsmSimUser *owner = csm_sim_world_lookup_user_by_ref (r->world, value);

      message = owner_change_refused (r, t, owner, OWNER_SET);
      if (message == NULL)
        csm_sim_world_set_owner (r->world, t->id, actor, owner->id, &message);
      run_scrips (r, mark);
      push_ticket_message (messages, t, message);
      return;
    }

  if (!csm_sim_rights_has (r->user, CSM_SIM_RIGHT_MODIFY_TICKET))
    {
      push_ticket_message (messages, t, g_strdup ("Permission Denied"));
      return;
    }

  if (strcmp (attribute, "Queue") == 0)
    {
      const CsmSimQueue *queue = csm_sim_world_lookup_queue_by_ref (r->world, value);

      if (queue == NULL || queue->disabled)
        message = g_strdup_printf ("Queue %s does not exist", value);
      else
        csm_sim_world_set_queue (r->world, t->id, actor, queue->id, &message);
    }
  else if (strcmp (attribute, "Status") == 0)
    {
      if (g_ascii_strcasecmp (value, "deleted") == 0 && !csm_sim_rights_is_superuser (r->user))
        message = g_strdup ("Permission Denied");
      else
        csm_sim_world_set_status (r->world, t->id, actor, value, &message);
    }
  else if (strcmp (attribute, "Priority") == 0)
    csm_sim_world_set_priority (r->world, t->id, actor, text_to_int (value), &message);
  else if (strcmp (attribute, "Subject") == 0)
    csm_sim_world_set_subject (r->world, t->id, actor, value, &message);
  else if (strcmp (attribute, "SLA") == 0)
    csm_sim_world_set_sla (r->world, t->id, actor, value, &message);
  else if (strcmp (attribute, "TimeWorked") == 0)
    csm_sim_world_add_time_worked (r->world, t->id, actor, text_to_int (value) - t->time_worked,
                                   &message);
  else if (strcmp (attribute, "Due") == 0 || strcmp (attribute, "Starts") == 0)
    {
      gint64 when = 0;

      csm_sim_parse_rt_date (value, csm_sim_world_get_now (r->world), &when);
      if (strcmp (attribute, "Due") == 0)
        csm_sim_world_set_due (r->world, t->id, actor, when, &message);
      else
        csm_sim_world_set_starts (r->world, t->id, actor, when, &message);
    }

  run_scrips (r, mark);
  push_ticket_message (messages, t, message);
}

/* update_custom_fields: messages without the "Ticket N:" prefix. */
static void
update_custom_fields (Request            *r,
                      const CsmSimTicket *t,
                      JsonObject         *body,
                      GPtrArray          *messages)
{
  JsonNode *node = json_object_get_member (body, "CustomFields");
  JsonObject *cfs;
  g_autoptr(GList) names = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  /* Without SeeCustomField the CF cannot be loaded: silently nothing. */
  if (!csm_sim_rights_has (r->user, CSM_SIM_RIGHT_SEE_CUSTOM_FIELD))
    return;

  cfs = json_node_get_object (node);
  names = json_object_get_members (cfs);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const CsmSimCustomField *cf = csm_sim_world_lookup_custom_field_by_ref (r->world, l->data);
      g_autofree char *value = NULL;
      char *message = NULL;

      if (cf == NULL)
        continue;
      value = member_text (cfs, l->data);
      csm_sim_world_set_custom_field (r->world, t->id, r->user->id, cf->id, value, &message);
      if (message != NULL)
        g_ptr_array_add (messages, message);
    }
}

typedef enum
{
  BODY_OK,
  BODY_MALFORMED,
  BODY_NOT_OBJECT,
} BodyStatus;

/* Web::Machine's content_types_accepted: a write without one of these
 * Content-Types (none at all included) is answered 415. Records take
 * application/json and multipart/form-data (RT::REST2::Resource::Record::
 * Writable); messages also text/plain and text/html (Resource::Message). */
static gboolean
content_type_accepted (Request  *r,
                       gboolean  message)
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

static JsonObject *
body_object (Request    *r,
             BodyStatus *status)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = r->body ? g_bytes_get_data (r->body, &length) : NULL;

  *status = BODY_OK;
  if (data == NULL || length == 0)
    return json_object_new ();
  if (!json_parser_load_from_data (parser, data, length, NULL))
    {
      *status = BODY_MALFORMED;
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      *status = BODY_NOT_OBJECT;
      return NULL;
    }
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
handle_ticket_put (Request            *r,
                   const CsmSimTicket *t,
                   const char         *action)
{
  static const char *const attributes[] = {
    "Due", "Owner", "Priority", "Queue", "SLA", "Starts", "Status", "Subject", "TimeWorked",
  };
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  const char *if_match;
  BodyStatus status;

  if (!content_type_accepted (r, FALSE))
    {
      respond_error (r, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type");
      return;
    }
  body = body_object (r, &status);
  if (status == BODY_MALFORMED)
    {
      respond_error (r, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type");
      return;
    }
  if (status == BODY_NOT_OBJECT)
    {
      respond_error (r, SOUP_STATUS_BAD_REQUEST, "JSON object must be a HASH");
      return;
    }

  if_match = soup_message_headers_get_one (soup_server_message_get_request_headers (r->msg),
                                           "If-Match");
  if (if_match != NULL && strcmp (if_match, "*") != 0)
    {
      g_autofree char *etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", ticket_etag (r, t));

      if (strstr (if_match, etag) == NULL)
        {
          respond_error (r, SOUP_STATUS_PRECONDITION_FAILED, "Precondition Failed");
          return;
        }
    }

  if (action != NULL)
    {
      /* RT::Ticket::Take, Untake and Steal: SetOwner with their type. */
      OwnerChange type = strcmp (action, "take") == 0 ? OWNER_TAKE
                         : strcmp (action, "steal") == 0 ? OWNER_STEAL : OWNER_UNTAKE;
      const CsmSimUser *new_owner = type == OWNER_UNTAKE
                                    ? csm_sim_world_lookup_user (r->world, CSM_SIM_USER_NOBODY)
                                    : r->user;
      guint mark = csm_sim_world_get_n_transactions (r->world);
      char *message = NULL;

      if (type == OWNER_STEAL && t->owner == r->user->id)
        message = g_strdup ("You already own this ticket");
      else
        message = owner_change_refused (r, t, new_owner, type);
      if (message == NULL)
        csm_sim_world_set_owner (r->world, t->id, r->user->id, new_owner->id, &message);
      run_scrips (r, mark);
      if (message != NULL)
        g_ptr_array_add (messages, message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (attributes); i++)
    {
      g_autofree char *value = member_text (body, attributes[i]);

      if (value == NULL || attribute_unchanged (r, t, attributes[i], value))
        continue;
      update_attribute (r, t, attributes[i], value, messages);
    }
  update_custom_fields (r, t, body, messages);

  respond_messages (r, SOUP_STATUS_OK, messages, FALSE);
}

static gint64
resolve_or_create_person (Request    *r,
                          const char *ref)
{
  const CsmSimUser *user = csm_sim_world_lookup_user_by_ref (r->world, ref);

  if (user == NULL)
    user = csm_sim_world_lookup_user_by_email (r->world, ref);
  /* RT creates an unprivileged user for an unknown address. */
  if (user == NULL && strchr (ref, '@') != NULL)
    user = csm_sim_world_add_user (r->world, 0, ref, "", ref, CSM_SIM_ACCESS_CUSTOMER, NULL);
  return user ? user->id : 0;
}

static void
handle_ticket_create (Request          *r,
                      const RouteMatch *match)
{
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *queue_ref = NULL;
  g_autofree char *status = NULL;
  g_autofree char *owner_ref = NULL;
  g_autofree char *due = NULL;
  g_autofree char *starts = NULL;
  g_autofree char *priority = NULL;
  g_autofree char *estimated = NULL;
  g_autofree char *sla = NULL;
  g_autoptr(GArray) requestors = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  const CsmSimQueue *queue;
  const CsmSimTicket *ticket;
  CsmSimTicketSpec spec = { 0, };
  JsonNode *node;
  BodyStatus body_status;
  guint mark;

  if (!content_type_accepted (r, FALSE))
    {
      respond_error (r, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type");
      return;
    }
  body = body_object (r, &body_status);
  if (body_status != BODY_OK)
    {
      respond_error (r, SOUP_STATUS_BAD_REQUEST,
                     body_status == BODY_MALFORMED
                     ? "JSON parse error: malformed JSON string, neither tag, array, object, number, "
                       "string or atom, at character offset 0\n"
                     : "JSON object must be a HASH");
      return;
    }

  queue_ref = member_text (body, "Queue");
  if (queue_ref == NULL || *queue_ref == '\0')
    {
      respond_error (r, SOUP_STATUS_BAD_REQUEST, "Could not create ticket. Queue not set");
      return;
    }
  queue = csm_sim_world_lookup_queue_by_ref (r->world, queue_ref);
  if (queue == NULL || queue->disabled ||
      !csm_sim_rights_has (r->user, CSM_SIM_RIGHT_CREATE_TICKET))
    {
      g_autofree char *message = g_strdup_printf ("No permission to create tickets in the queue '%s'",
                                                  queue_ref);

      respond_error (r, SOUP_STATUS_FORBIDDEN, message);
      return;
    }

  status = member_text (body, "Status");
  if (status != NULL && *status != '\0')
    {
      g_autofree char *lower = g_ascii_strdown (status, -1);

      if (strcmp (lower, "new") != 0 && strcmp (lower, "open") != 0 && strcmp (lower, "resolved") != 0)
        {
          g_autofree char *message = g_strdup_printf ("New tickets can not have status '%s' in this "
                                                      "queue.", status);

          respond_error (r, SOUP_STATUS_BAD_REQUEST, message);
          return;
        }
      g_free (status);
      status = g_steal_pointer (&lower);
    }

  node = json_object_get_member (body, "Requestor");
  if (node == NULL)
    node = json_object_get_member (body, "Requestors");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            {
              gint64 id = resolve_or_create_person (r, json_node_get_string (element));

              if (id != 0)
                g_array_append_val (requestors, id);
            }
        }
    }
  else if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
           json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_auto(GStrv) parts = g_strsplit (json_node_get_string (node), ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          gint64 id = resolve_or_create_person (r, g_strstrip (parts[i]));

          if (id != 0)
            g_array_append_val (requestors, id);
        }
    }

  owner_ref = member_text (body, "Owner");
  if (owner_ref != NULL)
    {
      const CsmSimUser *owner = csm_sim_world_lookup_user_by_ref (r->world, owner_ref);

      if (owner != NULL && csm_sim_rights_has (owner, CSM_SIM_RIGHT_OWN_TICKET))
        spec.owner = owner->id;
    }

  due = member_text (body, "Due");
  starts = member_text (body, "Starts");
  priority = member_text (body, "Priority");
  estimated = member_text (body, "TimeEstimated");
  sla = member_text (body, "SLA");

  spec.subject = json_object_get_string_member_with_default (body, "Subject", "");
  spec.queue = queue->id;
  spec.creator = r->user->id;
  spec.status = status;
  spec.priority = text_to_int (priority);
  spec.time_estimated = text_to_int (estimated);
  spec.sla = sla;
  spec.requestors = (const gint64 *) (gpointer) requestors->data;
  spec.n_requestors = requestors->len;
  if (due != NULL)
    csm_sim_parse_rt_date (due, csm_sim_world_get_now (r->world), &spec.due);
  if (starts != NULL)
    csm_sim_parse_rt_date (starts, csm_sim_world_get_now (r->world), &spec.starts);

  /* RT::Ticket::Create: the queue's default service level unless given. */
  if (spec.sla == NULL || *spec.sla == '\0')
    spec.sla = queue->sla_disabled
               ? NULL : csm_sim_sla_level_for_queue (csm_sim_world_get_agreements (r->world), queue->name);

  mark = csm_sim_world_get_n_transactions (r->world);
  ticket = csm_sim_world_create_ticket (r->world, &spec, &error);
  if (ticket == NULL)
    {
      respond_error (r, SOUP_STATUS_BAD_REQUEST, error->message);
      return;
    }

  /* CFs given at creation are stored without transactions, as RT does. */
  node = json_object_get_member (body, "CustomFields");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *cfs = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (cfs);

      for (GList *l = names; l != NULL; l = l->next)
        {
          const CsmSimCustomField *cf = csm_sim_world_lookup_custom_field_by_ref (r->world, l->data);
          g_autofree char *value = member_text (cfs, l->data);

          if (cf == NULL || value == NULL ||
              (cf->regex != NULL && !g_regex_match (cf->regex, value, 0, NULL)))
            continue;
          csm_sim_ticket_set_raw_cf_value (r->world, (CsmSimTicket *) ticket, cf->id, value);
        }
    }
  run_scrips (r, mark);

  {
    JsonObject *o = uid_object_int (r, "ticket", ticket->id);
    g_autoptr(JsonNode) root = object_node (o);
    g_autofree char *location = g_strdup_printf (API_PREFIX "/ticket/%" G_GINT64_FORMAT, ticket->id);
    gsize length = 0;
    char *data = node_to_data (root, FALSE, &length);

    soup_message_headers_replace (soup_server_message_get_response_headers (r->msg), "Location",
                                  location);
    soup_server_message_set_status (r->msg, SOUP_STATUS_CREATED, NULL);
    set_body (r, CT_ERROR, data, length);
  }
}

static void
handle_message (Request          *r,
                const RouteMatch *match)
{
  const CsmSimTicket *t = csm_sim_world_lookup_ticket (r->world, match->id);
  gboolean correspond = strcmp (match->segments[2], "correspond") == 0;
  const char *content_type = soup_message_headers_get_content_type (
    soup_server_message_get_request_headers (r->msg), NULL);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *status = NULL;
  g_autofree char *time_taken = NULL;
  char *message = NULL;
  gboolean allowed;
  gint64 txn;
  guint mark;

  if (!content_type_accepted (r, TRUE))
    {
      respond_error (r, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type");
      return;
    }
  if (content_type != NULL && g_str_has_prefix (content_type, "text/"))
    body = json_object_new ();
  else
    {
      BodyStatus body_status;

      body = body_object (r, &body_status);
      if (body_status != BODY_OK)
        {
          respond_error (r, SOUP_STATUS_BAD_REQUEST,
                         "JSON parse error: malformed JSON string, neither tag, array, object, "
                         "number, string or atom, at character offset 0\n");
          return;
        }
      if (json_object_has_member (body, "Content") && !json_object_has_member (body, "ContentType"))
        {
          g_autofree char *content = member_text (body, "Content");

          if (content != NULL && *content != '\0')
            {
              respond_error (r, SOUP_STATUS_BAD_REQUEST,
                             "ContentType is a required field for application/json");
              return;
            }
        }
    }

  allowed = t != NULL && csm_sim_rights_can_see_ticket (r->world, r->user->id, t) &&
            csm_sim_rights_has (r->user, correspond ? CSM_SIM_RIGHT_REPLY_TO_TICKET
                                                    : CSM_SIM_RIGHT_COMMENT_ON_TICKET);
  if (!allowed)
    {
      respond_error (r, SOUP_STATUS_BAD_REQUEST, "Permission Denied");
      return;
    }

  time_taken = member_text (body, "TimeTaken");
  mark = csm_sim_world_get_n_transactions (r->world);
  if (correspond)
    txn = csm_sim_world_correspond (r->world, t->id, r->user->id, text_to_int (time_taken), &message);
  else
    txn = csm_sim_world_comment (r->world, t->id, r->user->id, text_to_int (time_taken), &message);
  g_ptr_array_add (messages, message);
  run_scrips (r, mark);

  update_custom_fields (r, t, body, messages);

  status = member_text (body, "Status");
  if (status != NULL && *status != '\0')
    {
      message = NULL;
      if (!csm_sim_rights_has (r->user, CSM_SIM_RIGHT_MODIFY_TICKET))
        message = g_strdup ("Permission Denied");
      else
        {
          mark = csm_sim_world_get_n_transactions (r->world);
          csm_sim_world_set_status (r->world, t->id, r->user->id, status, &message);
          run_scrips (r, mark);
        }
      if (message != NULL)
        g_ptr_array_add (messages, message);
    }

  {
    g_autofree char *location = g_strdup_printf (API_PREFIX "/transaction/%" G_GINT64_FORMAT, txn);

    soup_message_headers_replace (soup_server_message_get_response_headers (r->msg), "Location",
                                  location);
  }
  respond_messages (r, SOUP_STATUS_CREATED, messages, TRUE);
}

/* ---- routing ------------------------------------------------------------- */

typedef struct
{
  const char *methods;     /* as the Allow header of a 405 lists them */
  const char *pattern;     /* literal segments, ":id" (digits) or "*" (any one) */
  RouteHandler handler;
  gboolean conditional;    /* no Last-Modified: a past If-Modified-Since is a 304 */
} Route;

static void
handle_ticket_record (Request          *r,
                      const RouteMatch *match)
{
  const CsmSimTicket *t = csm_sim_world_lookup_ticket (r->world, match->id);

  if (t != NULL && !csm_sim_rights_can_see_ticket (r->world, r->user->id, t))
    {
      respond_error (r, SOUP_STATUS_FORBIDDEN, "Forbidden");
      return;
    }
  if (t == NULL)
    {
      if (strcmp (r->method, "PUT") == 0)
        respond_error (r, SOUP_STATUS_NOT_FOUND, "Resource does not exist; use POST to create");
      else
        respond_error (r, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }

  if (strcmp (r->method, "PUT") == 0)
    {
      handle_ticket_put (r, t, NULL);
      return;
    }
  if (strcmp (r->method, "POST") == 0)
    {
      respond_error (r, SOUP_STATUS_CONFLICT, "Resource already exists; use PUT to update");
      return;
    }
  if (strcmp (r->method, "DELETE") == 0)
    {
      if (!csm_sim_rights_is_superuser (r->user))
        {
          respond_error (r, SOUP_STATUS_FORBIDDEN, "Forbidden");
          return;
        }
      {
        guint mark = csm_sim_world_get_n_transactions (r->world);

        csm_sim_world_delete_ticket (r->world, t->id, r->user->id, NULL);
        run_scrips (r, mark);
      }
      respond_empty (r, SOUP_STATUS_NO_CONTENT);
      return;
    }

  if (check_record_conditions (r, ticket_etag (r, t), t->last_updated))
    return;
  respond_json (r, SOUP_STATUS_OK, ticket_record (r, t), TRUE);
}

/* take, untake and steal */
static void
handle_owner_action (Request          *r,
                     const RouteMatch *match)
{
  const CsmSimTicket *t = csm_sim_world_lookup_ticket (r->world, match->id);

  if (t == NULL)
    respond_error (r, SOUP_STATUS_NOT_FOUND, "Resource does not exist; use POST to create");
  else if (!csm_sim_rights_can_see_ticket (r->world, r->user->id, t))
    respond_error (r, SOUP_STATUS_FORBIDDEN, "Forbidden");
  else
    handle_ticket_put (r, t, match->segments[2]);
}

static void
handle_transaction_record (Request          *r,
                           const RouteMatch *match)
{
  const CsmSimTransaction *x = csm_sim_world_lookup_transaction (r->world, match->id);

  if (x == NULL)
    {
      /* RT dies loading a transaction that does not exist. */
      respond_error (r, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Internal Server Error");
      return;
    }
  if (!csm_sim_rights_can_see_transaction (r->world, r->user->id, x))
    {
      respond_error (r, SOUP_STATUS_FORBIDDEN, "Forbidden");
      return;
    }
  if (check_not_modified (r))
    return;
  /* RT::Transaction::Serialize calls a serializer REST2 does not pass
   * for queue moves: RT answers 500 with an empty body. */
  if (g_strcmp0 (x->type, "Set") == 0 && g_strcmp0 (x->field, "Queue") == 0)
    {
      respond_empty (r, SOUP_STATUS_INTERNAL_SERVER_ERROR);
      return;
    }
  respond_json (r, SOUP_STATUS_OK, transaction_record (r, x), TRUE);
}

static void
handle_queue_record (Request          *r,
                     const RouteMatch *match)
{
  const CsmSimQueue *q = csm_sim_world_lookup_queue_by_ref (r->world, match->segments[1]);

  if (q == NULL)
    {
      respond_error (r, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }
  if (check_record_conditions (r, 0, q->last_updated))
    return;
  respond_json (r, SOUP_STATUS_OK, queue_record (r, q), TRUE);
}

static void
handle_user_record (Request          *r,
                    const RouteMatch *match)
{
  const CsmSimUser *u = csm_sim_world_lookup_user_by_ref (r->world, match->segments[1]);

  /* An unprivileged user may read their own record only (checked before
   * RT looks whether the record exists). */
  if (!csm_sim_rights_can_see_user (r->user, u))
    {
      respond_error (r, SOUP_STATUS_FORBIDDEN, "Forbidden");
      return;
    }
  if (u == NULL)
    {
      respond_error (r, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }
  if (check_record_conditions (r, u->last_txn_id, u->last_updated))
    return;
  respond_json (r, SOUP_STATUS_OK, user_record (r, u), TRUE);
}

static void
handle_group_record (Request          *r,
                     const RouteMatch *match)
{
  const CsmSimGroup *g = csm_sim_world_lookup_group (r->world, match->id);

  /* deb12u7: refused before RT looks, then only user-defined groups are
   * found. */
  if (!csm_sim_rights_is_superuser (r->user))
    {
      respond_error (r, SOUP_STATUS_FORBIDDEN, "Forbidden");
      return;
    }
  if (!is_user_defined (g))
    {
      respond_error (r, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }
  if (check_record_conditions (r, g->last_txn_id, g->last_updated))
    return;
  respond_json (r, SOUP_STATUS_OK, group_record (r, g), TRUE);
}

static void
handle_custom_field_record (Request          *r,
                            const RouteMatch *match)
{
  const CsmSimCustomField *cf = csm_sim_world_lookup_custom_field (r->world, match->id);

  if (cf == NULL)
    {
      respond_error (r, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }
  /* No context object here: only a global SeeCustomField counts. */
  if (!csm_sim_rights_is_superuser (r->user))
    {
      respond_error (r, SOUP_STATUS_FORBIDDEN, "Forbidden");
      return;
    }
  if (check_record_conditions (r, 0, cf->created))
    return;
  respond_json (r, SOUP_STATUS_OK, custom_field_record (r, cf), TRUE);
}

/* REST2's resources, as RT 5.0.3 dispatches them. */
static const Route routes[] = {
  { "GET, HEAD",                    "rt",                    handle_rt,                  TRUE },
  { "GET, HEAD, POST",              "tickets",               handle_tickets,             TRUE },
  { "POST",                         "ticket",                handle_ticket_create,       FALSE },
  { "GET, HEAD, DELETE, PUT, POST", "ticket/:id",            handle_ticket_record,       FALSE },
  { "GET, HEAD, POST",              "ticket/:id/history",    handle_history,             TRUE },
  { "POST",                         "ticket/:id/correspond", handle_message,             FALSE },
  { "POST",                         "ticket/:id/comment",    handle_message,             FALSE },
  { "PUT",                          "ticket/:id/take",       handle_owner_action,        FALSE },
  { "PUT",                          "ticket/:id/untake",     handle_owner_action,        FALSE },
  { "PUT",                          "ticket/:id/steal",      handle_owner_action,        FALSE },
  { "GET, HEAD, POST",              "transactions",          handle_transactions,        TRUE },
  { "GET, HEAD",                    "transaction/:id",       handle_transaction_record,  FALSE },
  { "GET, POST",                    "queues",                handle_queues,              TRUE },
  { "GET, POST",                    "queues/all",            handle_queues,              TRUE },
  { "GET, HEAD",                    "queue/*",               handle_queue_record,        FALSE },
  { "GET, POST",                    "users",                 handle_users,               TRUE },
  { "GET, HEAD",                    "user/*",                handle_user_record,         FALSE },
  { "GET, HEAD",                    "user/*/groups",         handle_user_groups,         TRUE },
  { "GET, POST",                    "groups",                handle_groups,              TRUE },
  { "GET, HEAD",                    "group/:id",             handle_group_record,        FALSE },
  { "GET, HEAD",                    "group/:id/members",     handle_group_members,       TRUE },
  { "GET, POST",                    "customfields",          handle_custom_fields,       TRUE },
  { "GET, HEAD",                    "customfield/:id",       handle_custom_field_record, FALSE },
};

static gboolean
method_is (Request    *r,
           const char *methods)
{
  g_auto(GStrv) list = g_strsplit (methods, ", ", -1);

  for (guint i = 0; list[i] != NULL; i++)
    if (strcmp (list[i], r->method) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  if (!is_digits (text) || strlen (text) > 18)
    return FALSE;
  *id = g_ascii_strtoll (text, NULL, 10);
  return TRUE;
}

static gboolean
route_matches (const Route *route,
               RouteMatch  *match)
{
  const char *p = route->pattern;

  for (guint i = 0; i < match->n_segments; i++)
    {
      const char *end;
      gsize length;

      if (p == NULL)
        return FALSE;
      end = strchr (p, '/');
      length = end != NULL ? (gsize) (end - p) : strlen (p);
      if (length == 3 && strncmp (p, ":id", 3) == 0)
        {
          if (!parse_id (match->segments[i], &match->id))
            return FALSE;
        }
      else if (!(length == 1 && *p == '*') &&
               !(strlen (match->segments[i]) == length &&
                 strncmp (p, match->segments[i], length) == 0))
        return FALSE;
      p = end != NULL ? end + 1 : NULL;
    }
  return p == NULL;
}

static void
route (Request *r)
{
  g_auto(GStrv) segments = NULL;
  const char *route_path = r->route;
  gsize len = strlen (route_path);
  g_autofree char *trimmed = NULL;
  RouteMatch match = { 0, };

  /* REST2's regexes allow one trailing slash on most paths. */
  trimmed = (len > 1 && route_path[len - 1] == '/') ? g_strndup (route_path, len - 1)
                                                     : g_strdup (route_path);
  segments = g_strsplit (trimmed[0] == '/' ? trimmed + 1 : trimmed, "/", -1);
  match.segments = segments;
  match.n_segments = g_strv_length (segments);

  for (guint i = 0; i < match.n_segments; i++)
    {
      char *decoded = g_uri_unescape_string (segments[i], NULL);

      if (decoded != NULL)
        {
          g_free (segments[i]);
          segments[i] = decoded;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (!route_matches (&routes[i], &match))
        continue;
      if (!method_is (r, routes[i].methods))
        respond_method_not_allowed (r, routes[i].methods);
      else if (!routes[i].conditional || !check_not_modified (r))
        routes[i].handler (r, &match);
      return;
    }

  respond_error (r, SOUP_STATUS_NOT_FOUND, "Not Found");
}

/* ---- authentication -------------------------------------------------------- */

static const CsmSimUser *
authenticate (Request  *r,
              gboolean *had_credentials)
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
  if (token == NULL && param (r, "token") != NULL)
    {
      *had_credentials = TRUE;
      token = param (r, "token");
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
handle_request (Request *r)
{
  gboolean had_credentials;

  r->user = authenticate (r, &had_credentials);
  if (r->user == NULL)
    {
      const char *agent = soup_message_headers_get_one (soup_server_message_get_request_headers (r->msg),
                                                        "User-Agent");

      /* A browser without credentials is sent to the login page. */
      if (!had_credentials && agent != NULL && strstr (agent, "Mozilla") != NULL)
        {
          SoupMessageHeaders *headers = soup_server_message_get_response_headers (r->msg);

          soup_server_message_set_status (r->msg, SOUP_STATUS_FOUND, NULL);
          soup_message_headers_replace (headers, "Location", "/");
          soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
          soup_message_body_append (soup_server_message_get_response_body (r->msg), SOUP_MEMORY_STATIC,
                                    "Login required", 14);
          soup_message_body_complete (soup_server_message_get_response_body (r->msg));
          return;
        }
      respond_error (r, SOUP_STATUS_UNAUTHORIZED, "Unauthorized");
      return;
    }

  route (r);
}

static void
server_callback (SoupServer        *server,
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
  Request r = { 0, };
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

  base = g_strconcat (self->url, API_PREFIX, NULL);
  r.base = base;

  csm_sim_world_lock (self->world);

  if (g_str_has_prefix (raw_path, API_PREFIX "/") || strcmp (raw_path, API_PREFIX) == 0)
    {
      r.route = g_strdup (raw_path + strlen (API_PREFIX));
      handle_request (&r);
    }
  else
    {
      r.route = g_strdup (raw_path);
      respond_error (&r, SOUP_STATUS_NOT_FOUND, "Not Found");
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

/* ======================================================================== */
/* Listening                                                                */
/* ======================================================================== */

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

  soup_server_add_handler (soup, NULL, server_callback, self, NULL);
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
