/* csm-rt-query.c: what the RT provider asks REST2 for: TicketSQL, collection paths, request bodies.
 *
 * RT's traps that shape these (see the top of csm-rt-provider.c): dates only
 * ever relative, counted on the server's clock; per_page capped at 100;
 * deleted tickets never found by TicketSQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-rt-provider"

#include "config.h"

#include <json-glib/json-glib.h>

#include "csm-http-client.h"
#include "csm-rt-provider.h"
#include "csm-rt-query.h"

#define IDS_PER_QUERY 100

static const char ticket_fields[] =
  "id,Subject,Status,Queue,Owner,Priority,Created,LastUpdated,Starts,Started,Due,"
  "Resolved,Told,TimeWorked,TimeEstimated,SLA,Requestor,CustomFields,Creator";

static const char transaction_fields[] =
  "Type,Creator,Created,TimeTaken,Field,OldValue,NewValue,ObjectId,ObjectType";

/* The history the console derives metrics from. RT writes a Set/Due by
 * RT_System for almost every reply, SetWatcher for every owner change and
 * more; a full history fetch skips those. Owner changes are Set/Owner in
 * RT 5 (there are no Take/Give transactions over REST2). */
static const char metric_types[] =
  "(Type = 'Create' OR Type = 'Correspond' OR Type = 'Comment' OR Type = 'Status' OR "
  "(Type = 'Set' AND (Field = 'Owner' OR Field = 'Queue' OR Field = 'TimeWorked')))";

/* RT shifts every absolute date by the requesting user's UTC offset, but a
 * relative one cancels out (FINDINGS.md §a). */
static char *
relative_date (gint64 now,
               gint64 when)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " seconds ago", MAX (now - when, 0));
}

static char *
ids_condition (GArray     *ids,
               guint       from,
               guint       to,
               const char *field)
{
  GString *sql = g_string_new ("(");

  for (guint i = from; i < to; i++)
    g_string_append_printf (sql, "%s%s = %" G_GINT64_FORMAT, i == from ? "" : " OR ", field,
                            g_array_index (ids, gint64, i));
  g_string_append_c (sql, ')');
  return g_string_free (sql, FALSE);
}

/* A full sync of @query's window: the tickets still active, and those that
 * changed since it began. */
static char *
window_sql (const CsmTicketQuery *query,
            gint64                now)
{
  g_autofree char *since = NULL;

  if (query->window_start <= 0)
    return g_strdup ("id > 0");
  since = relative_date (now, query->window_start);
  return g_strdup_printf ("Status = '__Active__' OR LastUpdated >= '%s'", since);
}

/**
 * csm_rt_provider_build_ticket_query:
 * @query: a window query (its ids are ignored)
 *
 * Returns: (transfer full): the TicketSQL for a full sync of @query
 */
char *
csm_rt_provider_build_ticket_query (const CsmTicketQuery *query)
{
  g_return_val_if_fail (query != NULL, NULL);

  return window_sql (query, g_get_real_time () / G_USEC_PER_SEC);
}

static char *
ticket_path (const char *sql)
{
  return csm_http_client_build_query ("/tickets",
                                      "query", sql,
                                      "fields", ticket_fields,
                                      "fields[Queue]", "Name",
                                      "fields[Owner]", "Name,RealName",
                                      "orderby", "id",
                                      "order", "ASC",
                                      NULL);
}

/**
 * csm_rt_query_ticket_paths:
 *
 * Returns: (transfer container) (element-type utf8): the searches that
 *   answer @query: one per hundred ids, or one for its window
 */
GPtrArray *
csm_rt_query_ticket_paths (const CsmTicketQuery *query,
                           gint64                server_now)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  if (query->ids != NULL)
    {
      /* One search per hundred ids: each answer is exactly one page. */
      for (guint i = 0; i < query->ids->len; i += IDS_PER_QUERY)
        {
          g_autofree char *sql = ids_condition (query->ids, i,
                                                MIN (i + IDS_PER_QUERY, query->ids->len), "id");

          g_ptr_array_add (paths, ticket_path (sql));
        }
    }
  else
    {
      g_autofree char *sql = window_sql (query, server_now);

      /* Paging by id: tickets that change meanwhile do not move between
       * pages; new ones land after the last page and the next incremental
       * sync picks them up. */
      g_ptr_array_add (paths, ticket_path (sql));
    }
  return paths;
}

/* One ticket by id, in the shape of a sync's search. */
char *
csm_rt_query_ticket_path (gint64 ticket_id)
{
  g_autofree char *sql = g_strdup_printf ("id = %" G_GINT64_FORMAT, ticket_id);

  return ticket_path (sql);
}

static char *
transaction_path (const char *sql)
{
  return csm_http_client_build_query ("/transactions",
                                      "query", sql,
                                      "fields", transaction_fields,
                                      "orderby", "id",
                                      "order", "ASC",
                                      NULL);
}

char *
csm_rt_query_transactions_path (const CsmTransactionQuery *query,
                                gint64                     server_now)
{
  g_autoptr(GString) sql = g_string_new ("ObjectType = 'RT::Ticket'");

  if (query->after_id > 0)
    g_string_append_printf (sql, " AND id > %" G_GINT64_FORMAT, query->after_id);
  if (query->created_since > 0)
    {
      g_autofree char *since = relative_date (server_now, query->created_since);
      g_string_append_printf (sql, " AND Created >= '%s'", since);
    }
  if (!query->all_types)
    g_string_append_printf (sql, " AND %s", metric_types);

  return transaction_path (sql->str);
}

/**
 * csm_rt_query_history_paths:
 * @ticket_ids: (element-type gint64): the tickets
 *
 * Returns: (transfer container) (element-type utf8): the searches for the
 *   metric-relevant histories of @ticket_ids, fifty tickets each
 */
GPtrArray *
csm_rt_query_history_paths (GArray *ticket_ids)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  /* ObjectType is not optional: ObjectId alone also matches other kinds of
   * records' transactions. */
  for (guint i = 0; i < ticket_ids->len; i += IDS_PER_QUERY / 2)
    {
      g_autofree char *ids = ids_condition (ticket_ids, i,
                                            MIN (i + IDS_PER_QUERY / 2, ticket_ids->len),
                                            "ObjectId");
      g_autofree char *sql = g_strdup_printf ("ObjectType = 'RT::Ticket' AND %s AND %s",
                                              ids, metric_types);

      g_ptr_array_add (paths, transaction_path (sql));
    }
  return paths;
}

/* Every MIME part of a ticket's messages, with its text (RT sends Content as
 * text when it is asked for as a field, base64 on `GET /attachment/:id`). */
char *
csm_rt_query_message_parts_path (gint64 ticket_id)
{
  g_autofree char *base = g_strdup_printf ("/ticket/%" G_GINT64_FORMAT "/attachments", ticket_id);

  return csm_http_client_build_query (base,
                                      "fields", "ContentType,Filename,Content,TransactionId",
                                      "orderby", "id",
                                      "order", "ASC",
                                      NULL);
}

/* The newest ticket transaction, alone on its page. */
char *
csm_rt_query_latest_transaction_path (void)
{
  return csm_http_client_build_query ("/transactions",
                                      "query", "ObjectType = 'RT::Ticket'",
                                      "fields", transaction_fields,
                                      "orderby", "id",
                                      "order", "DESC",
                                      "per_page", "1",
                                      NULL);
}

char *
csm_rt_query_queues_path (void)
{
  return csm_http_client_build_query ("/queues/all",
                                      "fields", "Name,Description,SLADisabled,Disabled",
                                      NULL);
}

/* A user's record, by name or id. */
char *
csm_rt_query_user_path (const char *name)
{
  g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);

  return g_strconcat ("/user/", escaped, NULL);
}

static GBytes *
json_body (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  char *json;
  gsize len;

  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &len);
  return g_bytes_new_take (json, len);
}

/**
 * csm_rt_query_group_search_body:
 * @group: (nullable): a user-defined group's name; %NULL for RT's
 *   Privileged group
 *
 * Returns: (transfer full): the POST /groups body that finds @group
 */
GBytes *
csm_rt_query_group_search_body (const char *group)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "field");
  json_builder_add_string_value (builder, "Name");
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, group ? group : "Privileged");
  json_builder_end_object (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "field");
  json_builder_add_string_value (builder, "Domain");
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, group ? "UserDefined" : "SystemInternal");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  return json_body (builder);
}

/* Its members, by id only: RT ignores `fields` there. */
char *
csm_rt_query_group_members_path (const char *group_id)
{
  return g_strdup_printf ("/group/%s/members", group_id);
}

char *
csm_rt_query_ticket_update_path (gint64 ticket_id)
{
  return g_strdup_printf ("/ticket/%" G_GINT64_FORMAT, ticket_id);
}

/* One field per PUT. */
GBytes *
csm_rt_query_ticket_update_body (const char *field,
                                 const char *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, field);
  json_builder_add_string_value (builder, value);
  json_builder_end_object (builder);
  return json_body (builder);
}
