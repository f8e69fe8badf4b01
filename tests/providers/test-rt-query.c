/* test-rt-query.c: the TicketSQL, paths and bodies the RT provider sends, without a server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "csm-json.h"
#include "csm-rt-provider.h"
#include "csm-rt-query.h"

#define NOW 1700000000

/* The path before its query, and the query's parameters, decoded. */
static GHashTable *
split_path (const char  *path,
            char       **out_base)
{
  const char *query = strchr (path, '?');

  if (query == NULL)
    {
      *out_base = g_strdup (path);
      return g_hash_table_new (g_str_hash, g_str_equal);
    }
  *out_base = g_strndup (path, query - path);
  return g_uri_parse_params (query + 1, -1, "&", G_URI_PARAMS_NONE, NULL);
}

/* @path's TicketSQL, after checking the rest of a search of @collection. */
static char *
search_sql (const char *path,
            const char *collection)
{
  g_autofree char *base = NULL;
  g_autoptr(GHashTable) params = split_path (path, &base);

  g_assert_cmpstr (base, ==, collection);
  g_assert_cmpstr (g_hash_table_lookup (params, "orderby"), ==, "id");
  g_assert_cmpstr (g_hash_table_lookup (params, "order"), ==, "ASC");
  g_assert_nonnull (g_hash_table_lookup (params, "fields"));
  /* Paging is the fetch's business. */
  g_assert_false (g_hash_table_contains (params, "page"));
  g_assert_false (g_hash_table_contains (params, "per_page"));
  return g_strdup (g_hash_table_lookup (params, "query"));
}

static char *
ids_sql (const char *field,
         guint       first,
         guint       last)
{
  GString *sql = g_string_new ("(");

  for (guint id = first; id <= last; id++)
    g_string_append_printf (sql, "%s%s = %u", id == first ? "" : " OR ", field, id);
  g_string_append_c (sql, ')');
  return g_string_free (sql, FALSE);
}

static GArray *
id_array (guint n)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (gint64 id = 1; id <= n; id++)
    g_array_append_val (ids, id);
  return ids;
}

/* Dates only ever relative, counted on the server's clock. */
static const struct
{
  gint64 window_start;
  const char *sql;
} window_rows[] = {
  { 0, "id > 0" },
  { NOW - 3600, "Status = '__Active__' OR LastUpdated >= '3600 seconds ago'" },
  { NOW + 60, "Status = '__Active__' OR LastUpdated >= '0 seconds ago'" },
};

static void
test_ticket_window (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (window_rows); i++)
    {
      CsmTicketQuery query = { window_rows[i].window_start, NULL };
      g_autoptr(GPtrArray) paths = csm_rt_query_ticket_paths (&query, NOW);
      g_autofree char *sql = NULL;

      if (paths->len != 1)
        {
          g_test_fail_printf ("window %u: %u searches, not one", i, paths->len);
          continue;
        }
      sql = search_sql (g_ptr_array_index (paths, 0), "/tickets");
      if (g_strcmp0 (sql, window_rows[i].sql) != 0)
        g_test_fail_printf ("window %u: %s, not %s", i, sql, window_rows[i].sql);
    }
}

/* The public TicketSQL of a window, counted on this machine's clock. */
static void
test_build_ticket_query (void)
{
  CsmTicketQuery all = { 0, NULL };
  CsmTicketQuery window = { 1, NULL };
  g_autofree char *all_sql = csm_rt_provider_build_ticket_query (&all);
  g_autofree char *window_sql = csm_rt_provider_build_ticket_query (&window);

  g_assert_cmpstr (all_sql, ==, "id > 0");
  g_assert_true (g_str_has_prefix (window_sql, "Status = '__Active__' OR LastUpdated >= '"));
  g_assert_true (g_str_has_suffix (window_sql, " seconds ago'"));
}

/* One search per hundred ids (each answer one page), per fifty tickets for
 * histories. */
static const struct
{
  guint n_ids;
  guint n_ticket_searches;
  guint n_history_searches;
} id_rows[] = {
  { 0, 0, 0 },
  { 1, 1, 1 },
  { 50, 1, 1 },
  { 51, 1, 2 },
  { 100, 1, 2 },
  { 101, 2, 3 },
  { 250, 3, 5 },
};

/* Each of @paths is a search of @collection whose TicketSQL starts with
 * @before, then its share of the ids 1 to @n_ids, @per_search at a time,
 * as @field = id, then @rest. */
static void
check_id_searches (GPtrArray  *paths,
                   guint       n_ids,
                   guint       per_search,
                   const char *collection,
                   const char *before,
                   const char *field,
                   const char *rest)
{
  for (guint k = 0; k < paths->len; k++)
    {
      g_autofree char *sql = search_sql (g_ptr_array_index (paths, k), collection);
      g_autofree char *ids = ids_sql (field, per_search * k + 1, MIN (per_search * (k + 1), n_ids));
      g_autofree char *expected = g_strconcat (before, ids, rest, NULL);

      if (!g_str_has_prefix (sql, expected))
        g_test_fail_printf ("%u ids, search %u: %s", n_ids, k, sql);
    }
}

static void
test_ticket_ids (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (id_rows); i++)
    {
      g_autoptr(GArray) ids = id_array (id_rows[i].n_ids);
      CsmTicketQuery query = { NOW - 60, ids };
      g_autoptr(GPtrArray) paths = csm_rt_query_ticket_paths (&query, NOW);

      if (paths->len != id_rows[i].n_ticket_searches)
        g_test_fail_printf ("%u ids: %u searches", id_rows[i].n_ids, paths->len);
      else
        check_id_searches (paths, id_rows[i].n_ids, 100, "/tickets", "", "id", "");
    }
}

static void
test_histories (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (id_rows); i++)
    {
      g_autoptr(GArray) ids = id_array (id_rows[i].n_ids);
      g_autoptr(GPtrArray) paths = csm_rt_query_history_paths (ids);

      if (paths->len != id_rows[i].n_history_searches)
        g_test_fail_printf ("%u tickets: %u searches", id_rows[i].n_ids, paths->len);
      else
        check_id_searches (paths, id_rows[i].n_ids, 50, "/transactions",
                           "ObjectType = 'RT::Ticket' AND ", "ObjectId",
                           " AND (Type = 'Create' OR ");
    }
}

static const struct
{
  CsmTransactionQuery query;
  const char *sql;          /* what the search starts with */
  gboolean metric_types;    /* followed by the kinds metrics use */
} transaction_rows[] = {
  { { 0, 0, TRUE }, "ObjectType = 'RT::Ticket'", FALSE },
  { { 42, 0, TRUE }, "ObjectType = 'RT::Ticket' AND id > 42", FALSE },
  { { 0, NOW - 90, TRUE }, "ObjectType = 'RT::Ticket' AND Created >= '90 seconds ago'", FALSE },
  { { 7, NOW - 90, FALSE }, "ObjectType = 'RT::Ticket' AND id > 7 AND Created >= '90 seconds ago'",
    TRUE },
  { { 0, 0, FALSE }, "ObjectType = 'RT::Ticket'", TRUE },
};

static void
test_transactions (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (transaction_rows); i++)
    {
      g_autofree char *path = csm_rt_query_transactions_path (&transaction_rows[i].query, NOW);
      g_autofree char *sql = search_sql (path, "/transactions");
      g_autofree char *expected = NULL;

      if (transaction_rows[i].metric_types)
        expected = g_strconcat (transaction_rows[i].sql, " AND (Type = 'Create' OR ", NULL);
      else
        expected = g_strdup (transaction_rows[i].sql);
      if (transaction_rows[i].metric_types ? !g_str_has_prefix (sql, expected)
                                           : g_strcmp0 (sql, expected) != 0)
        g_test_fail_printf ("row %u: %s", i, sql);
    }
}

static void
test_paths (void)
{
  g_autofree char *user = csm_rt_query_user_path ("jane doe/x");
  g_autofree char *members = csm_rt_query_group_members_path ("12");
  g_autofree char *update = csm_rt_query_ticket_update_path (G_GINT64_CONSTANT (9007199254740993));
  g_autofree char *ticket = csm_rt_query_ticket_path (42);
  g_autofree char *ticket_sql = search_sql (ticket, "/tickets");
  g_autofree char *latest = csm_rt_query_latest_transaction_path ();
  g_autofree char *latest_base = NULL;
  g_autoptr(GHashTable) latest_params = split_path (latest, &latest_base);
  g_autofree char *queues = csm_rt_query_queues_path ();
  g_autofree char *queues_base = NULL;
  g_autoptr(GHashTable) queues_params = split_path (queues, &queues_base);

  g_assert_cmpstr (user, ==, "/user/jane%20doe%2Fx");
  g_assert_cmpstr (members, ==, "/group/12/members");
  g_assert_cmpstr (update, ==, "/ticket/9007199254740993");
  g_assert_cmpstr (ticket_sql, ==, "id = 42");

  /* The newest transaction, alone on its page. */
  g_assert_cmpstr (latest_base, ==, "/transactions");
  g_assert_cmpstr (g_hash_table_lookup (latest_params, "order"), ==, "DESC");
  g_assert_cmpstr (g_hash_table_lookup (latest_params, "per_page"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (latest_params, "query"), ==, "ObjectType = 'RT::Ticket'");

  g_assert_cmpstr (queues_base, ==, "/queues/all");
  g_assert_nonnull (strstr (g_hash_table_lookup (queues_params, "fields"), "SLADisabled"));
}

static const char *
member_string (const CsmJsonValue *object,
               const char         *name)
{
  const CsmJsonValue *value = csm_json_object_get_member (object, name);

  g_assert_nonnull (value);
  return csm_json_value_get_string (value, NULL);
}

/* RT's own group is SystemInternal; a configured one, UserDefined. */
static const struct
{
  const char *group;
  const char *name;
  const char *domain;
} group_rows[] = {
  { NULL, "Privileged", "SystemInternal" },
  { "Tier 2 \"Support\"", "Tier 2 \"Support\"", "UserDefined" },
};

static void
test_bodies (void)
{
  g_autoptr(GBytes) update = csm_rt_query_ticket_update_body ("Owner", "zoë");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmJsonDoc) doc = NULL;
  const CsmJsonValue *root;

  doc = csm_json_parse (g_bytes_get_data (update, NULL), g_bytes_get_size (update), &error);
  g_assert_no_error (error);
  root = csm_json_doc_get_root (doc);
  g_assert_cmpuint (csm_json_object_get_size (root), ==, 1);
  g_assert_cmpstr (member_string (root, "Owner"), ==, "zoë");
  g_clear_pointer (&doc, csm_json_doc_free);

  for (guint i = 0; i < G_N_ELEMENTS (group_rows); i++)
    {
      g_autoptr(GBytes) body = csm_rt_query_group_search_body (group_rows[i].group);
      const CsmJsonValue *name, *domain;

      doc = csm_json_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
      g_assert_no_error (error);
      root = csm_json_doc_get_root (doc);
      g_assert_cmpint (csm_json_value_get_kind (root), ==, CSM_JSON_KIND_ARRAY);
      g_assert_cmpuint (csm_json_array_get_length (root), ==, 2);
      name = csm_json_array_get_element (root, 0);
      domain = csm_json_array_get_element (root, 1);
      if (g_strcmp0 (member_string (name, "field"), "Name") != 0 ||
          g_strcmp0 (member_string (name, "value"), group_rows[i].name) != 0 ||
          g_strcmp0 (member_string (domain, "field"), "Domain") != 0 ||
          g_strcmp0 (member_string (domain, "value"), group_rows[i].domain) != 0)
        g_test_fail_printf ("group %u: the search is not for %s in %s", i, group_rows[i].name,
                            group_rows[i].domain);
      g_clear_pointer (&doc, csm_json_doc_free);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/providers/rt/query/ticket-window", test_ticket_window);
  g_test_add_func ("/providers/rt/query/build-ticket-query", test_build_ticket_query);
  g_test_add_func ("/providers/rt/query/ticket-ids", test_ticket_ids);
  g_test_add_func ("/providers/rt/query/histories", test_histories);
  g_test_add_func ("/providers/rt/query/transactions", test_transactions);
  g_test_add_func ("/providers/rt/query/paths", test_paths);
  g_test_add_func ("/providers/rt/query/bodies", test_bodies);

  return g_test_run ();
}
