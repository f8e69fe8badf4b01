/* csm-sim-server-search.c: ticket and transaction searches, streamed out, and their cache.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-server"

#include "config.h"

#include <string.h>

#include "csm-sim-rights.h"
#include "csm-sim-server-private.h"
#include "csm-ticketsql.h"

#define CACHE_SIZE 8

typedef struct
{
  char *key;
  guint64 revision;
  GPtrArray *all;
  guint total;
} CacheEntry;

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_free (entry->key);
  g_clear_pointer (&entry->all, g_ptr_array_unref);
  g_free (entry);
}

void
csm_sim_server_clear_cache (CsmSimServer *self)
{
  g_queue_clear_full (&self->cache, cache_entry_free);
}

/* ---- items, written straight out (the hot path of a sync) --------------- */

/* Opens {type, id, _url}; the caller adds members and closes it. */
static void
write_uid (CsmJsonWriter *w,
           CsmSimRequest *r,
           const char    *type,
           const char    *id)
{
  g_autofree char *url = csm_sim_request_url (r, type, id);

  csm_json_writer_begin_object (w);
  csm_json_writer_member_string (w, "type", type);
  csm_json_writer_member_string (w, "id", id);
  csm_json_writer_member_string (w, "_url", url);
}

/* A collection item: the id is a number only when "id" is in fields. */
static void
write_item_head (CsmJsonWriter *w,
                 CsmSimRequest *r,
                 const char    *type,
                 gint64         id,
                 GStrv          fields)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *url = csm_sim_request_url (r, type, text);
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
write_subfields (CsmJsonWriter    *w,
                 CsmSimRequest    *r,
                 const char       *field,
                 CsmSimExpandFunc  expand,
                 gconstpointer     record)
{
  g_autofree char *name = NULL;
  g_auto(GStrv) subs = csm_sim_request_subfields (r, "fields", field, &name);

  for (guint i = 0; subs != NULL && subs[i] != NULL; i++)
    if (*subs[i] != '\0')
      {
        g_autoptr(JsonNode) node = expand (r, record, subs[i], name);

        csm_json_writer_key (w, subs[i]);
        csm_sim_json_write_node (w, node);
      }
}

static void
write_user (CsmJsonWriter *w,
            CsmSimRequest *r,
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
    write_subfields (w, r, field, csm_sim_expand_user_field, user);
  csm_json_writer_end_object (w);
}

static void
write_roles (CsmJsonWriter *w,
             CsmSimRequest *r,
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
                    CsmSimRequest      *r,
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
          /* With sub-fields asked for, the JsonNode path writes them. */
          if (!csm_sim_rights_has (r->user, CSM_SIM_RIGHT_SEE_CUSTOM_FIELD) || cfs->len == 0 ||
              csm_sim_request_param (r, "fields[CustomFields]") != NULL)
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
          write_subfields (w, r, field, csm_sim_expand_queue_field, queue);
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

/* The transaction fields the console asks for in every sync. */
static gboolean
write_txn_field (CsmJsonWriter           *w,
                 CsmSimRequest           *r,
                 const CsmSimTransaction *x,
                 const char              *field)
{
  if (strcmp (field, "Creator") == 0)
    write_user (w, r, x->creator, field);
  else if (strcmp (field, "Created") == 0)
    write_date (w, x->created);
  else if (strcmp (field, "Type") == 0)
    csm_json_writer_string (w, x->type);
  else if (strcmp (field, "TimeTaken") == 0)
    csm_json_writer_int_string (w, x->time_taken);
  else if (strcmp (field, "ObjectId") == 0)
    csm_json_writer_int_string (w, x->object_id);
  else
    return FALSE;
  return TRUE;
}

/* One item of a ticket or transaction search: the hot fields written
 * straight out, the others through RT's expand_field. */
static void
write_item (CsmJsonWriter *w,
            CsmSimRequest *r,
            gconstpointer  record,
            gboolean       ticket,
            GStrv          fields)
{
  const CsmSimTicket *t = record;
  const CsmSimTransaction *x = record;

  write_item_head (w, r, ticket ? "ticket" : "transaction", ticket ? t->id : x->id, fields);
  for (guint f = 0; fields[f] != NULL; f++)
    {
      g_autoptr(JsonNode) node = NULL;

      if (skip_field (fields, f))
        continue;
      csm_json_writer_key (w, fields[f]);
      if (ticket ? write_ticket_field (w, r, t, fields[f]) : write_txn_field (w, r, x, fields[f]))
        continue;
      node = ticket ? csm_sim_expand_ticket_field (r, t, fields[f])
                    : csm_sim_expand_txn_field (r, x, fields[f]);
      csm_sim_json_write_node (w, node);
    }
  csm_json_writer_end_object (w);
}

static void
write_ticket_item (CsmJsonWriter *w,
                   CsmSimRequest *r,
                   gconstpointer  record,
                   GStrv          fields)
{
  write_item (w, r, record, TRUE, fields);
}

static void
write_txn_item (CsmJsonWriter *w,
                CsmSimRequest *r,
                gconstpointer  record,
                GStrv          fields)
{
  write_item (w, r, record, FALSE, fields);
}

/* ---- the cache: later pages of a search reuse its sorted matches -------- */

static char *
search_key (CsmSimRequest     *r,
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
run_search (CsmSimRequest     *r,
            CsmTicketSql      *query,
            const char        *kind,
            const char        *query_text,
            const char *const *orderby,
            const char *const *order,
            CsmSimPaging       paging,
            guint             *total)
{
  g_autoptr(CsmTicketSqlOrder) sort = NULL;
  g_autofree char *key = search_key (r, kind, query_text, orderby, order);
  guint64 revision = csm_sim_world_get_revision (r->world);
  CacheEntry *entry;
  guint offset = csm_sim_paging_offset (paging);
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

/* ---- searches ----------------------------------------------------------- */

static void
respond_ticketsql_error (CsmSimRequest *r,
                         GError        *error)
{
  csm_sim_respond_error (r, SOUP_STATUS_BAD_REQUEST, error->message);
}

void
csm_sim_serve_tickets (CsmSimRequest          *r,
                       const CsmSimRouteMatch *match)
{
  const char *query_text = csm_sim_request_param (r, "query");
  g_auto(GStrv) fields = csm_sim_request_fields (r);
  g_auto(GStrv) orderby = csm_sim_request_param_all (r, "orderby");
  g_auto(GStrv) order = csm_sim_request_param_all (r, "order");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmTicketSql) query = NULL;
  g_autoptr(GPtrArray) page = NULL;
  CsmSimPaging paging = csm_sim_request_paging (r);
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
  csm_sim_respond_envelope (r, page, fields, write_ticket_item, total, paging);
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
        g_string_append (sql, g_ascii_strcasecmp (aggregator, "OR") == 0 ? " OR " : " AND ");
      g_string_append_printf (sql, "%s %s %s", field, op, quoted->str);
      g_string_free (quoted, TRUE);
    }
  return g_string_free (sql, FALSE);
}

/* /transactions and, because REST2's history resource takes a query too,
 * /ticket/:id/history?query=... */
void
csm_sim_serve_transactions (CsmSimRequest          *r,
                            const CsmSimRouteMatch *match)
{
  const char *query_text = csm_sim_request_param (r, "query");
  g_autofree char *sql = NULL;
  g_auto(GStrv) orderby = csm_sim_request_param_all (r, "orderby");
  g_auto(GStrv) order = csm_sim_request_param_all (r, "order");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmTicketSql) query = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(JsonArray) conditions = NULL;
  CsmSimPaging paging = csm_sim_request_paging (r);
  g_auto(GStrv) fields = csm_sim_request_fields (r);
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
    conditions = csm_sim_request_body_json_array (r);

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
  csm_sim_respond_envelope (r, page, fields, write_txn_item,
                            csm_sim_rights_is_superuser (r->user) ? (gint64) total : -1, paging);
}

void
csm_sim_serve_history (CsmSimRequest          *r,
                       const CsmSimRouteMatch *match)
{
  gint64 ticket_id = match->id;
  const CsmSimTicket *ticket;
  g_auto(GStrv) orderby = NULL;
  g_auto(GStrv) order = NULL;
  g_autoptr(CsmTicketSqlOrder) sort = NULL;
  g_autoptr(GPtrArray) page = NULL;
  CsmSimPaging paging;
  g_auto(GStrv) fields = csm_sim_request_fields (r);
  guint total = 0;

  if (csm_sim_request_param (r, "query") != NULL && *csm_sim_request_param (r, "query") != '\0')
    {
      csm_sim_serve_transactions (r, match);
      return;
    }

  paging = csm_sim_request_paging (r);
  orderby = csm_sim_request_param_all (r, "orderby");
  order = csm_sim_request_param_all (r, "order");
  ticket = csm_sim_world_lookup_ticket (r->world, ticket_id);
  if (ticket != NULL && !csm_sim_rights_can_see_ticket (r->world, r->user->id, ticket))
    ticket = NULL;

  g_atomic_int_inc (&r->self->searches);
  sort = csm_ticketsql_order_new (r->world, CSM_TICKETSQL_TRANSACTIONS,
                                  (const char *const *) orderby, (const char *const *) order);
  page = csm_ticketsql_select_history (r->world, ticket, sort, r->user->id,
                                       csm_sim_paging_offset (paging), paging.per_page, &total);
  csm_sim_respond_envelope (r, page, fields, write_txn_item,
                            csm_sim_rights_is_superuser (r->user) ? (gint64) total : -1, paging);
}
