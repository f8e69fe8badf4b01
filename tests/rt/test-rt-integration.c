/* test-rt-integration.c: the console against a real Request Tracker 5, checked against RT itself.
 *
 * Run by tests/rt/with-rt.sh, which starts a private seeded RT and passes
 * CSM_TEST_RT_URL and CSM_TEST_RT_TOKEN_FILE. Every expected value is asked
 * of RT through its own REST2 API here, independently of the console's code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "csm-cli.h"
#include "csm-clock.h"
#include "csm-export.h"
#include "csm-message.h"
#include "csm-provider.h"
#include "csm-queue.h"
#include "csm-queue-summary.h"
#include "csm-store.h"
#include "csm-sync-engine.h"
#include "csm-ticket.h"
#include "csm-time.h"
#include "csm-test-async.h"
#include "csm-test-store.h"

static char *rt_url;
static char *rt_token;
static char *token_file;
static SoupSession *session;
static char *tmpdir;

/* ------------------------------------------------------------------------ */
/* RT's own answers, by plain REST2 requests */

static JsonNode *
rt_request (const char *method,
            const char *path_and_query,
            const char *json_body,
            guint      *out_status)
{
  g_autofree char *url = g_strconcat (rt_url, "/REST/2.0", path_and_query, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autofree char *auth = g_strconcat ("token ", rt_token, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_nonnull (msg);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  if (json_body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json",
                                              g_bytes_new (json_body, strlen (json_body)));
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (out_status)
    *out_status = soup_message_get_status (msg);
  if (g_bytes_get_size (body) == 0)
    return NULL;
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
rt_get (const char *path_and_query)
{
  guint status = 0;
  JsonNode *node = rt_request ("GET", path_and_query, NULL, &status);

  g_assert_cmpuint (status, ==, 200);
  return node;
}

/* Every item of a search, all pages. */
static JsonArray *
rt_search (const char *collection,
           const char *query,
           const char *fields)
{
  JsonArray *all = json_array_new ();

  for (int page = 1;; page++)
    {
      g_autofree char *eq = g_uri_escape_string (query, NULL, FALSE);
      g_autofree char *ef = fields ? g_uri_escape_string (fields, NULL, FALSE) : NULL;
      /* Queue and Owner expanded as the console asks for them. */
      g_autofree char *path = g_strdup_printf ("/%s?query=%s%s%s&per_page=100&page=%d&orderby=id"
                                               "&fields%%5BQueue%%5D=Name",
                                               collection, eq, ef ? "&fields=" : "",
                                               ef ? ef : "", page);
      g_autoptr(JsonNode) root = rt_get (path);
      JsonObject *o = json_node_get_object (root);
      JsonArray *items = json_object_get_array_member (o, "items");

      for (guint i = 0; i < json_array_get_length (items); i++)
        json_array_add_element (all, json_node_copy (json_array_get_element (items, i)));
      if (page >= json_object_get_double_member_with_default (o, "pages", 0) ||
          json_array_get_length (items) == 0)
        break;
    }
  return all;
}

static gint64
rt_count (const char *query)
{
  g_autofree char *eq = g_uri_escape_string (query, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/tickets?query=%s&per_page=1", eq);
  g_autoptr(JsonNode) root = rt_get (path);

  return json_object_get_int_member (json_node_get_object (root), "total");
}

static gint64
json_id (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  return json_node_get_int (node);
}

/* The user names of a (user-defined) group's members, asked of RT. */
static GStrv
rt_group_members (const char *group,
                  const char *domain)
{
  g_autofree char *search = g_strdup_printf ("[{\"field\":\"Name\",\"value\":\"%s\"},"
                                             "{\"field\":\"Domain\",\"value\":\"%s\"}]",
                                             group, domain);
  g_autoptr(JsonNode) groups = rt_request ("POST", "/groups", search, NULL);
  JsonArray *items = json_object_get_array_member (json_node_get_object (groups), "items");
  gint64 gid = json_id (json_object_get_member (json_array_get_object_element (items, 0), "id"));
  g_autofree char *path = g_strdup_printf ("/group/%" G_GINT64_FORMAT "/members?per_page=100", gid);
  g_autoptr(JsonNode) members = rt_get (path);
  JsonArray *list = json_object_get_array_member (json_node_get_object (members), "items");
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      gint64 uid = json_id (json_object_get_member (json_array_get_object_element (list, i), "id"));
      g_autofree char *upath = g_strdup_printf ("/user/%" G_GINT64_FORMAT, uid);
      g_autoptr(JsonNode) user = rt_get (upath);
      g_strv_builder_add (names, json_object_get_string_member (json_node_get_object (user), "Name"));
    }
  return g_strv_builder_end (names);
}

static gboolean
rt_user_is_agent (const char *name)
{
  g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/user/", escaped, NULL);
  g_autoptr(JsonNode) user = rt_get (path);
  JsonObject *o = json_node_get_object (user);

  return json_object_get_int_member (o, "Privileged") == 1 &&
         g_strcmp0 (json_object_get_string_member (o, "Disabled"), "0") == 0;
}

/* The agents when no agents group is set, asked of RT the long way. RT's
 * Privileged group cannot be read since Debian's deb12u7, so they are the
 * privileged, enabled users among those who own a ticket or wrote one of
 * the transactions the console reads on a ticket they did not request. */
static GStrv
rt_working_agents (void)
{
  g_autoptr(JsonArray) tickets = rt_search ("tickets", "id > 0", "Owner,Requestor");
  g_autoptr(JsonArray) txs = rt_search ("transactions",
                                        "ObjectType = 'RT::Ticket' AND (Type = 'Create' OR "
                                        "Type = 'Correspond' OR Type = 'Comment' OR "
                                        "Type = 'Status' OR (Type = 'Set' AND (Field = 'Owner' OR "
                                        "Field = 'Queue' OR Field = 'TimeWorked')))",
                                        "ObjectId,Creator");
  g_autoptr(GHashTable) requestors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) candidates = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) agents = g_strv_builder_new ();
  g_autoptr(GList) names = NULL;

  for (guint i = 0; i < json_array_get_length (tickets); i++)
    {
      JsonObject *t = json_array_get_object_element (tickets, i);
      JsonArray *req = json_object_get_array_member (t, "Requestor");
      const char *owner = json_object_get_string_member (json_object_get_object_member (t, "Owner"),
                                                         "id");

      if (g_strcmp0 (owner, "Nobody") != 0)
        g_hash_table_add (candidates, (gpointer) owner);
      for (guint r = 0; r < json_array_get_length (req); r++)
        g_hash_table_add (requestors, g_strdup_printf (
          "%" G_GINT64_FORMAT " %s", json_object_get_int_member (t, "id"),
          json_object_get_string_member (json_array_get_object_element (req, r), "id")));
    }
  for (guint i = 0; i < json_array_get_length (txs); i++)
    {
      JsonObject *tx = json_array_get_object_element (txs, i);
      const char *creator = json_object_get_string_member (json_object_get_object_member (tx, "Creator"), "id");
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT " %s",
                                              json_id (json_object_get_member (tx, "ObjectId")),
                                              creator);

      if (!g_hash_table_contains (requestors, key))
        g_hash_table_add (candidates, (gpointer) creator);
    }
  names = g_hash_table_get_keys (candidates);
  for (GList *l = names; l != NULL; l = l->next)
    if (rt_user_is_agent (l->data))
      g_strv_builder_add (agents, l->data);
  return g_strv_builder_end (agents);
}

/* First response as defined in DESIGN.md, computed from RT's transactions
 * search: the earliest Correspond by one of @agents. */
static GHashTable *
rt_first_responses (const char * const *agents)
{
  g_autoptr(JsonArray) txs = rt_search ("transactions",
                                        "ObjectType = 'RT::Ticket' AND Type = 'Correspond'",
                                        "ObjectId,Creator,Created");
  GHashTable *first = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; i < json_array_get_length (txs); i++)
    {
      JsonObject *tx = json_array_get_object_element (txs, i);
      const char *creator = json_object_get_string_member (json_object_get_object_member (tx, "Creator"), "id");
      gint64 ticket = json_id (json_object_get_member (tx, "ObjectId"));
      const char *created = json_object_get_string_member (tx, "Created");
      const char *known;

      if (!g_strv_contains (agents, creator))
        continue;
      known = g_hash_table_lookup (first, &ticket);
      /* ISO strings of one format sort like the times they name. */
      if (known == NULL || strcmp (created, known) < 0)
        g_hash_table_insert (first, g_memdup2 (&ticket, sizeof ticket), g_strdup (created));
    }
  return first;
}

/* ------------------------------------------------------------------------ */
/* The console's side */

static CsmProvider *
make_provider (void)
{
  g_autoptr(CsmAccount) account = csm_account_new ("rt", rt_url, CSM_AUTH_TOKEN, NULL);
  g_autoptr(GError) error = NULL;
  CsmProvider *provider;

  csm_account_set_agents_group (account, "Agents");
  provider = csm_provider_new_for_account (account, rt_token, &error);
  g_assert_no_error (error);
  return provider;
}

static CsmStore *
open_store (const char *name)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);

  return csm_test_store_open (path);
}

static CsmSyncStats
run_sync (CsmSyncEngine *engine,
          CsmSyncKind    kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CsmSyncStats stats = { 0, };

  csm_sync_engine_sync_async (engine, kind, NULL, csm_test_store_result, &result);
  g_assert_true (csm_sync_engine_sync_finish (engine, csm_test_await (&result), &stats, &error));
  g_assert_no_error (error);
  return stats;
}

static GPtrArray *
queues_of (CsmSyncEngine *engine)
{
  GListModel *model = csm_sync_engine_get_queues (engine);
  GPtrArray *queues = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (queues, g_list_model_get_item (model, i));
  return queues;
}

static void
assert_tickets_match_rt (CsmSyncEngine *engine)
{
  g_autoptr(JsonArray) expected = rt_search ("tickets", "id > 0",
                                             "id,Status,Owner,Queue,LastUpdated,Due");
  CsmTicketList *list = csm_sync_engine_get_tickets (engine);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    json_array_get_length (expected));
  for (guint i = 0; i < json_array_get_length (expected); i++)
    {
      JsonObject *e = json_array_get_object_element (expected, i);
      gint64 id = json_object_get_int_member (e, "id");
      CsmTicket *t = csm_ticket_list_lookup (list, id);
      const char *owner = json_object_get_string_member (json_object_get_object_member (e, "Owner"), "id");
      gint64 updated;

      g_assert_nonnull (t);
      g_assert_cmpstr (csm_ticket_get_status (t), ==, json_object_get_string_member (e, "Status"));
      g_assert_cmpstr (csm_ticket_get_owner (t), ==, g_strcmp0 (owner, "Nobody") == 0 ? NULL : owner);
      g_assert_true (csm_time_parse_iso8601 (json_object_get_string_member (e, "LastUpdated"), &updated));
      g_assert_cmpint (csm_ticket_get_last_updated (t), ==, updated);
    }
}

static void
assert_summaries_match_rt (CsmSyncEngine *engine)
{
  g_autoptr(GPtrArray) queues = queues_of (engine);
  g_autoptr(GPtrArray) summaries = csm_queue_summaries_compute (
    csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine)), queues,
    g_get_real_time () / G_USEC_PER_SEC);

  g_assert_cmpuint (summaries->len, >=, 3);
  for (guint i = 0; i < summaries->len; i++)
    {
      CsmQueueSummary *s = g_ptr_array_index (summaries, i);
      const char *q = csm_queue_summary_get_queue_name (s);
      g_autofree char *qnew = g_strdup_printf ("Queue = '%s' AND Status = 'new'", q);
      g_autofree char *qopen = g_strdup_printf ("Queue = '%s' AND Status = 'open'", q);
      g_autofree char *qstalled = g_strdup_printf ("Queue = '%s' AND Status = 'stalled'", q);
      g_autofree char *qactive = g_strdup_printf ("Queue = '%s' AND Status = '__Active__'", q);
      g_autofree char *qunowned = g_strdup_printf ("Queue = '%s' AND Status = '__Active__' AND Owner = 'Nobody'", q);

      g_test_message ("queue %s", q);
      g_assert_cmpint (csm_queue_summary_get_new (s), ==, rt_count (qnew));
      g_assert_cmpint (csm_queue_summary_get_open (s), ==, rt_count (qopen));
      g_assert_cmpint (csm_queue_summary_get_stalled (s), ==, rt_count (qstalled));
      g_assert_cmpint (csm_queue_summary_get_active (s), ==, rt_count (qactive));
      g_assert_cmpint (csm_queue_summary_get_unassigned (s), ==, rt_count (qunowned));
    }
}

static void
assert_first_responses_match_rt (CsmSyncEngine *engine)
{
  g_auto(GStrv) agents = rt_group_members ("Agents", "UserDefined");
  g_autoptr(GHashTable) first = rt_first_responses ((const char * const *) agents);
  GPtrArray *tickets = csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine));
  guint with_reply = 0;

  for (guint i = 0; i < tickets->len; i++)
    {
      CsmTicket *t = g_ptr_array_index (tickets, i);
      gint64 id = csm_ticket_get_id (t);
      const char *expected = g_hash_table_lookup (first, &id);
      g_autofree char *got = csm_time_format_iso8601 (csm_ticket_get_first_response (t));

      g_assert_cmpstr (got, ==, expected);
      if (expected)
        with_reply++;
    }
  /* The seed has agent replies on several tickets; a check over none would prove nothing. */
  g_assert_cmpuint (with_reply, >=, 5);
}

/* ------------------------------------------------------------------------ */

static void
test_full_then_incremental (void)
{
  g_autoptr(CsmProvider) provider = make_provider ();
  g_autoptr(CsmStore) store = open_store ("sync.sqlite");
  g_autoptr(CsmClock) clock = csm_clock_new_system ();
  g_autoptr(CsmSyncEngine) engine = csm_sync_engine_new (provider, store, clock);
  CsmSyncStats stats;
  g_autoptr(JsonNode) created = NULL;
  gint64 new_id, moved_id, deleted_id;
  guint status;

  /* Full sync: the console holds exactly what RT's search reports. */
  stats = run_sync (engine, CSM_SYNC_FULL);
  g_assert_cmpint (stats.kind, ==, CSM_SYNC_FULL);
  assert_tickets_match_rt (engine);
  assert_summaries_match_rt (engine);
  assert_first_responses_match_rt (engine);
  g_assert_cmpuint (g_list_model_get_n_items (csm_sync_engine_get_agents (engine)), ==, 3);

  /* Nothing changed: one request, nothing moves. */
  stats = run_sync (engine, CSM_SYNC_INCREMENTAL);
  g_assert_cmpint (stats.kind, ==, CSM_SYNC_INCREMENTAL);
  g_assert_cmpuint (stats.requests, ==, 1);
  g_assert_cmpuint (stats.tickets_changed, ==, 0);
  g_assert_cmpuint (stats.tickets_removed, ==, 0);

  /* Change RT: a new ticket, an owner change, a reply, a deletion. */
  created = rt_request ("POST", "/ticket",
                        "{\"Queue\":\"Support\",\"Subject\":\"Created during the test\","
                        "\"Requestor\":\"carol@example.com\"}", &status);
  g_assert_cmpuint (status, ==, 201);
  new_id = json_id (json_object_get_member (json_node_get_object (created), "id"));
  {
    g_autoptr(JsonArray) open = rt_search ("tickets", "Status = 'new' AND Owner = 'Nobody'", NULL);
    g_autofree char *path = NULL;
    g_autoptr(JsonNode) answer = NULL;

    moved_id = json_id (json_object_get_member (json_array_get_object_element (open, 0), "id"));
    path = g_strdup_printf ("/ticket/%" G_GINT64_FORMAT, moved_id);
    answer = rt_request ("PUT", path, "{\"Owner\":\"alice\"}", &status);
    g_assert_cmpuint (status, ==, 200);
  }
  {
    g_autoptr(JsonArray) open = rt_search ("tickets", "Status = 'open'", NULL);
    g_autofree char *path = NULL;

    deleted_id = json_id (json_object_get_member (json_array_get_object_element (open, 0), "id"));
    path = g_strdup_printf ("/ticket/%" G_GINT64_FORMAT, deleted_id);
    g_clear_pointer (&created, json_node_unref);
    created = rt_request ("DELETE", path, NULL, &status);
    g_assert_cmpuint (status, ==, 204);
  }

  stats = run_sync (engine, CSM_SYNC_INCREMENTAL);
  g_test_message ("incremental after changes: %u requests, %u changed, %u removed",
                  stats.requests, stats.tickets_changed, stats.tickets_removed);
  /* Transactions, then the named tickets: two requests. */
  g_assert_cmpuint (stats.requests, ==, 2);
  g_assert_cmpuint (stats.tickets_removed, ==, 1);
  g_assert_nonnull (csm_ticket_list_lookup (csm_sync_engine_get_tickets (engine), new_id));
  g_assert_null (csm_ticket_list_lookup (csm_sync_engine_get_tickets (engine), deleted_id));
  g_assert_cmpstr (csm_ticket_get_owner (csm_ticket_list_lookup (csm_sync_engine_get_tickets (engine),
                                                                  moved_id)), ==, "alice");
  assert_tickets_match_rt (engine);
  assert_summaries_match_rt (engine);

  /* A reply by an agent becomes the ticket's first response. */
  {
    g_autofree char *path = g_strdup_printf ("/ticket/%" G_GINT64_FORMAT "/correspond", new_id);
    g_autoptr(JsonNode) answer = NULL;

    /* Replies are written as root here; root is no agent, so it must not count. */
    answer = rt_request ("POST", path, "{\"Content\":\"Looking into it\",\"ContentType\":\"text/plain\"}",
                         &status);
    g_assert_cmpuint (status, ==, 201);
    stats = run_sync (engine, CSM_SYNC_INCREMENTAL);
    g_assert_cmpint (csm_ticket_get_first_response (
                       csm_ticket_list_lookup (csm_sync_engine_get_tickets (engine), new_id)),
                     ==, 0);
    assert_first_responses_match_rt (engine);
  }

  /* The cache holds what the engine holds. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(CsmStoreSnapshot) snapshot = NULL;

    csm_store_load_async (store, NULL, csm_test_store_result, &result);
    snapshot = csm_store_load_finish (store, csm_test_await (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (snapshot->tickets->len, ==,
                      g_list_model_get_n_items (G_LIST_MODEL (csm_sync_engine_get_tickets (engine))));
    g_assert_cmpuint (snapshot->queues->len, ==,
                      g_list_model_get_n_items (csm_sync_engine_get_queues (engine)));
  }
  csm_test_store_close (store);
}

static void
test_reopen_cache (void)
{
  /* A second engine on the same cache starts from it: the same tickets
   * before any request, and its first sync is incremental. */
  g_autoptr(CsmProvider) provider = make_provider ();
  g_autoptr(CsmStore) store = open_store ("sync.sqlite");
  g_autoptr(CsmClock) clock = csm_clock_new_system ();
  g_autoptr(CsmSyncEngine) engine = csm_sync_engine_new (provider, store, clock);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CsmSyncStats stats;

  csm_sync_engine_load_cache_async (engine, NULL, csm_test_store_result, &result);
  g_assert_true (csm_sync_engine_load_cache_finish (engine, csm_test_await (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (csm_provider_get_request_count (provider), ==, 0);
  assert_tickets_match_rt (engine);
  assert_first_responses_match_rt (engine);

  stats = run_sync (engine, CSM_SYNC_INCREMENTAL);
  g_assert_cmpint (stats.kind, ==, CSM_SYNC_INCREMENTAL);
  g_assert_cmpuint (stats.requests, <=, 2);
  csm_test_store_close (store);
}

static char *
run_export (const char *what,
            const char *format)
{
  const char *binary = g_getenv ("CSM_CONSOLE");
  g_autofree char *arg_export = g_strdup_printf ("--export=%s", what);
  g_autofree char *arg_format = g_strdup_printf ("--format=%s", format);
  g_autofree char *arg_url = g_strdup_printf ("--url=%s", rt_url);
  g_autofree char *arg_token = g_strdup_printf ("--token-file=%s", token_file);
  const char *argv[] = { binary, arg_export, arg_format, arg_url, arg_token, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_nonnull (binary);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("export failed: %s", err);
  /* The secret appears nowhere in what the command prints. */
  g_assert_null (strstr (out, rt_token));
  g_assert_null (strstr (err, rt_token));
  return out;
}

static const char *
null_if (const char *value,
         const char *unset)
{
  return g_strcmp0 (value, unset) == 0 ? NULL : value;
}

static void
test_export_equals_rt (void)
{
  g_autofree char *tickets_json = run_export ("tickets", "json");
  g_autofree char *queues_json = run_export ("queues", "json");
  g_autofree char *tickets_csv = run_export ("tickets", "csv");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) qparser = json_parser_new ();
  g_autoptr(JsonArray) expected = rt_search ("tickets", "id > 0",
                                             "id,Subject,Queue,Status,Owner,Priority,Created,"
                                             "Resolved,Due,SLA,TimeWorked");
  /* Without settings naming an agents group, the agents are found. */
  g_auto(GStrv) agents = rt_working_agents ();
  g_autoptr(GHashTable) first = rt_first_responses ((const char * const *) agents);
  g_auto(GStrv) csv_lines = NULL;
  JsonArray *got;
  JsonArray *queues;

  g_assert_true (json_parser_load_from_data (parser, tickets_json, -1, NULL));
  got = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (got), ==, json_array_get_length (expected));

  for (guint i = 0; i < json_array_get_length (got); i++)
    {
      JsonObject *g = json_array_get_object_element (got, i);
      JsonObject *e = json_array_get_object_element (expected, i);
      gint64 id = json_object_get_int_member (e, "id");
      const char *owner = json_object_get_string_member (json_object_get_object_member (e, "Owner"), "id");
      const char *sla = json_object_get_string_member (e, "SLA");

      g_assert_cmpint (json_object_get_int_member (g, "id"), ==, id);
      g_assert_cmpstr (json_object_get_string_member (g, "subject"), ==,
                       json_object_get_string_member (e, "Subject"));
      g_assert_cmpstr (json_object_get_string_member (g, "queue"), ==,
                       json_object_get_string_member (json_object_get_object_member (e, "Queue"), "Name"));
      g_assert_cmpstr (json_object_get_string_member (g, "status"), ==,
                       json_object_get_string_member (e, "Status"));
      g_assert_cmpstr (json_object_get_string_member_with_default (g, "owner", NULL), ==,
                       null_if (owner, "Nobody"));
      g_assert_cmpint (json_object_get_int_member (g, "priority"), ==,
                       g_ascii_strtoll (json_object_get_string_member (e, "Priority"), NULL, 10));
      g_assert_cmpstr (json_object_get_string_member (g, "created"), ==,
                       json_object_get_string_member (e, "Created"));
      g_assert_cmpstr (json_object_get_string_member_with_default (g, "resolved", NULL), ==,
                       null_if (json_object_get_string_member (e, "Resolved"), "1970-01-01T00:00:00Z"));
      g_assert_cmpstr (json_object_get_string_member_with_default (g, "due", NULL), ==,
                       null_if (json_object_get_string_member (e, "Due"), "1970-01-01T00:00:00Z"));
      g_assert_cmpstr (json_object_get_string_member_with_default (g, "sla", NULL), ==,
                       sla && *sla ? sla : NULL);
      g_assert_cmpint (json_object_get_int_member (g, "time_worked_minutes"), ==,
                       g_ascii_strtoll (json_object_get_string_member (e, "TimeWorked"), NULL, 10));
      g_assert_cmpstr (json_object_get_string_member_with_default (g, "first_response", NULL), ==,
                       g_hash_table_lookup (first, &id));
    }

  /* CSV: a header and one line per ticket. */
  csv_lines = g_strsplit (tickets_csv, "\r\n", -1);
  g_assert_cmpstr (csv_lines[0], ==,
                   "id,subject,queue,status,owner,priority,created,first_response,resolved,due,sla,time_worked_minutes");
  g_assert_cmpuint (g_strv_length (csv_lines), ==, json_array_get_length (expected) + 2);

  g_assert_true (json_parser_load_from_data (qparser, queues_json, -1, NULL));
  queues = json_node_get_array (json_parser_get_root (qparser));
  g_assert_cmpuint (json_array_get_length (queues), >=, 3);
  for (guint i = 0; i < json_array_get_length (queues); i++)
    {
      JsonObject *q = json_array_get_object_element (queues, i);
      const char *name = json_object_get_string_member (q, "queue");
      g_autofree char *qnew = g_strdup_printf ("Queue = '%s' AND Status = 'new'", name);
      g_autofree char *qactive = g_strdup_printf ("Queue = '%s' AND Status = '__Active__'", name);
      g_autofree char *qunowned = g_strdup_printf ("Queue = '%s' AND Status = '__Active__' AND Owner = 'Nobody'", name);

      g_assert_cmpint (json_object_get_int_member (q, "new"), ==, rt_count (qnew));
      g_assert_cmpint (json_object_get_int_member (q, "active"), ==, rt_count (qactive));
      g_assert_cmpint (json_object_get_int_member (q, "unassigned"), ==, rt_count (qunowned));
    }
}

static void
test_export_refuses_open_token_file (void)
{
  g_autofree char *loose = g_build_filename (tmpdir, "loose-token", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  g_assert_true (g_file_set_contents (loose, "1-2-abc\n", -1, NULL));
  g_chmod (loose, 0644);
  secret = csm_cli_read_secret_file (loose, &error);
  g_assert_null (secret);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM);
  g_chmod (loose, 0600);
  g_clear_error (&error);
  secret = csm_cli_read_secret_file (loose, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "1-2-abc");
}

/* --export=sla: breached is exactly RT's own breach query (rt5.md §6). */
static void
test_export_sla_breached (void)
{
  g_autofree char *sla_json = run_export ("sla", "json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonArray) breached = rt_search ("tickets", "Due < 'now' AND Status = '__Active__'", "id");
  g_autoptr(JsonArray) with_due = rt_search ("tickets", "Due IS NOT NULL AND Status = '__Active__'", "id");
  g_autoptr(GHashTable) expected = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *got;
  guint n_breached = 0;

  for (guint i = 0; i < json_array_get_length (breached); i++)
    {
      gint64 id = json_id (json_object_get_member (json_array_get_object_element (breached, i), "id"));
      g_array_append_val (ids, id);
    }
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (expected, &g_array_index (ids, gint64, i));
  /* The fixture has a ticket 26 h past its deadline: the check means something. */
  g_assert_cmpuint (g_hash_table_size (expected), >=, 1);

  g_assert_true (json_parser_load_from_data (parser, sla_json, -1, NULL));
  got = json_node_get_array (json_parser_get_root (parser));
  /* One object per active ticket with a deadline. */
  g_assert_cmpuint (json_array_get_length (got), ==, json_array_get_length (with_due));
  for (guint i = 0; i < json_array_get_length (got); i++)
    {
      JsonObject *o = json_array_get_object_element (got, i);
      gint64 id = json_object_get_int_member (o, "id");
      const char *state = json_object_get_string_member (o, "state");

      if (g_strcmp0 (state, "breached") == 0)
        {
          g_assert_true (g_hash_table_contains (expected, &id));
          g_assert_cmpint (json_object_get_int_member (o, "seconds_to_due"), <, 0);
          n_breached++;
        }
      else
        g_assert_false (g_hash_table_contains (expected, &id));
    }
  g_assert_cmpuint (n_breached, ==, g_hash_table_size (expected));
}

/* --export=agents: one row per agent; what each owns is what RT counts. */
static void
test_export_agents (void)
{
  g_autofree char *agents_json = run_export ("agents", "json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) privileged = rt_working_agents ();
  g_autofree char *version = NULL;
  JsonArray *got;
  guint owning = 0;

  {
    g_autoptr(JsonNode) rt = rt_get ("/rt");

    version = g_strdup (json_object_get_string_member (json_node_get_object (rt), "Version"));
    g_test_message ("RT %s", version);
  }
  g_assert_true (json_parser_load_from_data (parser, agents_json, -1, NULL));
  got = json_node_get_array (json_parser_get_root (parser));
  /* Without an agents group in the settings, the agents are the privileged
   * users at work: the fixture's agents, and root, who created tickets;
   * never a customer, nor the viewer, who never acted. */
  g_assert_true (g_strv_contains ((const char * const *) privileged, "alice"));
  g_assert_true (g_strv_contains ((const char * const *) privileged, "bob"));
  g_assert_false (g_strv_contains ((const char * const *) privileged, "carol@example.com"));
  g_assert_false (g_strv_contains ((const char * const *) privileged, "viewer"));
  g_assert_cmpuint (json_array_get_length (got), ==, g_strv_length (privileged));
  for (guint i = 0; i < json_array_get_length (got); i++)
    {
      JsonObject *o = json_array_get_object_element (got, i);
      const char *name = json_object_get_string_member (o, "agent");
      g_autofree char *query = g_strdup_printf ("Owner = '%s' AND Status = '__Active__'", name);
      gint64 active = json_object_get_int_member (o, "active");
      const char *presence = json_object_get_string_member (o, "presence");

      g_assert_true (g_strv_contains ((const char * const *) privileged, name));
      g_assert_cmpint (active, ==, rt_count (query));
      g_assert_cmpint (json_object_get_int_member (o, "capacity"), ==, 5);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "load"), active / 5.0, 0.0005);
      g_assert_true (g_str_equal (presence, "active") || g_str_equal (presence, "idle") ||
                     g_str_equal (presence, "off"));
      owning += active > 0;
    }
  /* The fixture gives alice and bob tickets: the counts were not all zero. */
  g_assert_cmpuint (owning, >=, 1);
}

/* ------------------------------------------------------------------------ */
/* Transcripts */

static void
collect_transactions (GPtrArray *items,
                      gpointer   user_data)
{
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (user_data, csm_transaction_ref (g_ptr_array_index (items, i)));
}

/* A conversation written to RT comes back as its transcript: the creation's
 * text, an HTML reply as text (its script dropped, nothing rendered), an
 * internal comment marked as one, in order. */
static void
test_transcript (void)
{
  g_autoptr(CsmProvider) provider = make_provider ();
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(GPtrArray) history =
    g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) agents = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint status = 0;
  gint64 id;

  created = rt_request ("POST", "/ticket",
                        "{\"Queue\":\"Support\",\"Subject\":\"Printer on fire\","
                        "\"Requestor\":\"carol@example.com\","
                        "\"Content\":\"My printer smokes.\\nCall me on +49 30 1234567.\","
                        "\"ContentType\":\"text/plain\"}", &status);
  g_assert_cmpuint (status, ==, 201);
  id = json_id (json_object_get_member (json_node_get_object (created), "id"));
  path = g_strdup_printf ("/ticket/%" G_GINT64_FORMAT "/correspond", id);
  json_node_unref (rt_request ("POST", path,
                               "{\"Content\":\"<p>Please unplug it.</p><script>alert(1)</script>"
                               "<p>Card <b>4111 1111 1111 1111</b>?</p>\","
                               "\"ContentType\":\"text/html\"}", &status));
  g_assert_cmpuint (status, ==, 201);
  g_free (path);
  /* The comment carries a log file: the file is not the message. */
  path = g_strdup_printf ("/ticket/%" G_GINT64_FORMAT "/comment", id);
  json_node_unref (rt_request ("POST", path,
                               "{\"Content\":\"Sent a technician.\",\"ContentType\":\"text/plain\","
                               "\"Attachments\":[{\"FileName\":\"log.txt\",\"FileType\":\"text/plain\","
                               "\"FileContent\":\"cHJpbnRlciBsb2c=\"}]}",
                               &status));
  g_assert_cmpuint (status, ==, 201);

  g_array_append_val (ids, id);
  csm_provider_fetch_ticket_histories_async (provider, ids, collect_transactions, history, NULL,
                                             csm_test_store_result, &result);
  g_assert_true (csm_provider_fetch_ticket_histories_finish (provider, csm_test_await (&result),
                                                             NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  csm_provider_fetch_message_parts_async (provider, id, NULL, csm_test_store_result, &result);
  parts = csm_provider_fetch_message_parts_finish (provider, csm_test_await (&result), &error);
  g_assert_no_error (error);

  /* Written as root here: root stands for the agent. */
  g_hash_table_add (agents, (gpointer) "root");
  messages = csm_message_build_transcript (history, parts, NULL, agents);
  g_assert_cmpuint (messages->len, ==, 3);
  g_assert_cmpint (csm_message_get_role (g_ptr_array_index (messages, 1)), ==, CSM_MESSAGE_REPLY);
  g_assert_cmpint (csm_message_get_role (g_ptr_array_index (messages, 2)), ==, CSM_MESSAGE_COMMENT);
  g_assert_cmpstr (csm_message_get_body (g_ptr_array_index (messages, 0)), ==,
                   "My printer smokes.\nCall me on +49 30 1234567.");
  g_assert_cmpstr (csm_message_get_masked_body (g_ptr_array_index (messages, 0), NULL), ==,
                   "My printer smokes.\nCall me on [phone].");
  g_assert_cmpstr (csm_message_get_body (g_ptr_array_index (messages, 1)), ==,
                   "Please unplug it.\n\nCard 4111 1111 1111 1111?");
  g_assert_cmpstr (csm_message_get_masked_body (g_ptr_array_index (messages, 1), NULL), ==,
                   "Please unplug it.\n\nCard [card]?");
  g_assert_cmpstr (csm_message_get_body (g_ptr_array_index (messages, 2)), ==,
                   "Sent a technician.");
  /* The log came as a part of its own, with its name, its content not kept. */
  {
    gboolean log_seen = FALSE;

    for (guint i = 0; i < parts->len; i++)
      {
        const CsmMessagePart *part = g_ptr_array_index (parts, i);

        if (g_strcmp0 (part->filename, "log.txt") == 0)
          {
            log_seen = TRUE;
            g_assert_null (part->content);
          }
      }
    g_assert_true (log_seen);
  }
  g_assert_cmpint (csm_message_get_role (g_ptr_array_index (messages, 0)), ==,
                   CSM_MESSAGE_REPLY);   /* root, standing for an agent, wrote the request */
  g_assert_cmpstr (csm_message_get_author (g_ptr_array_index (messages, 2)), ==, "root");

  /* A ticket RT does not have: no message parts, and no error. */
  {
    g_autoptr(GPtrArray) none = NULL;

    g_clear_object (&result);
    csm_provider_fetch_message_parts_async (provider, 999999, NULL, csm_test_store_result,
                                            &result);
    none = csm_provider_fetch_message_parts_finish (provider, csm_test_await (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  rt_url = g_strdup (g_getenv ("CSM_TEST_RT_URL"));
  token_file = g_strdup (g_getenv ("CSM_TEST_RT_TOKEN_FILE"));
  if (rt_url == NULL || token_file == NULL)
    g_error ("run me through tests/rt/with-rt.sh");
  rt_token = csm_cli_read_secret_file (token_file, &error);
  g_assert_no_error (error);
  session = soup_session_new_with_options ("user-agent", "csm-integration-test", NULL);
  tmpdir = g_dir_make_tmp ("csm-rt-test-XXXXXX", &error);
  g_assert_no_error (error);

  /* In order: each later test builds on the RT state the earlier left. */
  g_test_add_func ("/rt/sync/full-then-incremental", test_full_then_incremental);
  g_test_add_func ("/rt/sync/reopen-cache", test_reopen_cache);
  g_test_add_func ("/rt/export/equals-rt-search", test_export_equals_rt);
  g_test_add_func ("/rt/export/sla-breached", test_export_sla_breached);
  g_test_add_func ("/rt/export/agents", test_export_agents);
  g_test_add_func ("/rt/transcript/messages", test_transcript);
  g_test_add_func ("/rt/export/refuses-open-token-file", test_export_refuses_open_token_file);

  ret = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
    (void) system (cmd);
  }
  g_object_unref (session);
  return ret;
}
