/* csm-rt-provider.c: Request Tracker 5 through its REST2 API.
 *
 * The traps this file is written around (see reference/rt5.md):
 * - per_page is capped at 100, silently;
 * - a TicketSQL date written "…T…Z" matches every ticket, so dates go as
 *   "YYYY-MM-DD HH:MM:SS";
 * - any If-Modified-Since header makes RT answer 500: never sent;
 * - unset dates are 1970-01-01T00:00:00Z; ids are numbers or strings;
 * - RT has no push: the console polls, incrementally, with overlap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-rt-provider"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csm-http-client.h"
#include "csm-provider-private.h"
#include "csm-rt-parse.h"
#include "csm-rt-provider.h"
#include "csm-time.h"

#define RT_PER_PAGE "100"
#define HISTORY_BATCH 50

static const char ticket_fields[] =
  "id,Subject,Status,Queue,Owner,Priority,Created,LastUpdated,Starts,Started,Due,"
  "Resolved,Told,TimeWorked,TimeEstimated,SLA,Requestor,CustomFields,Creator";

static const char transaction_fields[] =
  "Type,Creator,Created,TimeTaken,Field,OldValue,NewValue,ObjectId,ObjectType";

/* The history the console derives metrics from; Set transactions only for
 * the fields that matter, since RT writes a Set/Due by RT_System for almost
 * every reply. */
static const char transaction_types[] =
  "(Type = 'Create' OR Type = 'Correspond' OR Type = 'Comment' OR Type = 'Status' OR "
  "Type = 'Give' OR Type = 'Take' OR Type = 'Steal' OR Type = 'Untake' OR "
  "(Type = 'Set' AND (Field = 'Owner' OR Field = 'Queue' OR Field = 'TimeWorked' OR "
  "Field = 'Status')))";

struct _CsmRtProvider
{
  CsmProvider parent_instance;

  CsmHttpClient *http;   /* (owned) */
};

G_DEFINE_FINAL_TYPE (CsmRtProvider, csm_rt_provider, CSM_TYPE_PROVIDER)

/* ------------------------------------------------------------------------ */
/* Paged collection fetch: page 1 first (it says how many pages there are),
 * then the rest with up to max-in-flight requests outstanding. Each body is
 * parsed on a worker thread; pages are handed to the caller on its main
 * context as they arrive. */

typedef struct
{
  CsmRtProvider *self;       /* (owned) */
  char *path;                /* "/tickets?query=…&fields=…" without page */
  CsmRtItemKind kind;
  CsmPageFunc page_func;
  gpointer page_data;
  GCancellable *cancellable; /* (owned): cancelled on the first failure */
  GCancellable *external;    /* (owned) (nullable): the caller's */
  gulong external_id;
  guint next_page;
  guint last_page;           /* 0 until page 1 said */
  guint in_flight;
  gboolean done;
  CsmFetchResult result;
} PagedFetch;

typedef struct
{
  GTask *task;               /* (owned): the PagedFetch's task */
  guint number;
} PageRequest;

static void
paged_fetch_free (PagedFetch *fetch)
{
  if (fetch->external_id != 0)
    g_cancellable_disconnect (fetch->external, fetch->external_id);
  g_clear_object (&fetch->external);
  g_clear_object (&fetch->self);
  g_clear_object (&fetch->cancellable);
  g_free (fetch->path);
  g_free (fetch);
}

static void request_page (GTask *task, guint page);

static void
parse_page_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GBytes *body = task_data;
  CsmRtItemKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "kind"));
  g_autoptr(GError) error = NULL;
  CsmRtPage *page;

  page = csm_rt_parse_page (body, kind, &error);
  if (page == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, page, (GDestroyNotify) csm_rt_page_free);
}

static void
paged_fetch_fail (GTask  *task,
                  GError *error)
{
  PagedFetch *fetch = g_task_get_task_data (task);

  if (fetch->done)
    {
      g_error_free (error);
      return;
    }
  fetch->done = TRUE;
  g_cancellable_cancel (fetch->cancellable);
  g_task_return_error (task, error);
}

static void
paged_fetch_pump (GTask *task)
{
  PagedFetch *fetch = g_task_get_task_data (task);
  guint max = csm_provider_get_max_in_flight (CSM_PROVIDER (fetch->self));

  if (fetch->done)
    return;

  while (fetch->last_page != 0 && fetch->next_page <= fetch->last_page && fetch->in_flight < max)
    request_page (task, fetch->next_page++);

  if (fetch->in_flight == 0 && (fetch->last_page == 0 || fetch->next_page > fetch->last_page))
    {
      fetch->done = TRUE;
      g_task_return_boolean (task, TRUE);
    }
}

static void
page_parsed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PagedFetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmRtPage) page = NULL;
  guint number = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "page"));

  fetch->in_flight--;
  page = g_task_propagate_pointer (G_TASK (result), &error);
  if (fetch->done)
    return;
  if (page == NULL)
    {
      paged_fetch_fail (task, g_steal_pointer (&error));
      return;
    }

  if (number == 1)
    {
      /* RT writes "pages": 0.0 for an empty result. */
      fetch->last_page = (guint) CLAMP (page->pages, 1, G_MAXINT);
      fetch->next_page = 2;
      fetch->result.total = page->total;
    }

  fetch->result.pages++;
  fetch->result.items += page->items->len;
  for (guint i = 0; i < page->items->len; i++)
    {
      gpointer item = g_ptr_array_index (page->items, i);
      gint64 id = 0, updated = 0;

      if (fetch->kind == CSM_RT_ITEM_TRANSACTION)
        id = ((CsmTransaction *) item)->id;
      else if (fetch->kind == CSM_RT_ITEM_TICKET)
        {
          id = csm_ticket_get_id (item);
          updated = csm_ticket_get_last_updated (item);
        }
      fetch->result.max_id = MAX (fetch->result.max_id, id);
      fetch->result.max_updated = MAX (fetch->result.max_updated, updated);
    }

  if (page->items->len > 0)
    fetch->page_func (page->items, fetch->page_data);

  paged_fetch_pump (task);
}

static void
page_received_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  PageRequest *request = user_data;
  g_autoptr(GTask) task = request->task;
  PagedFetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GTask) parse = NULL;
  gint64 server_time = 0;
  guint number = request->number;

  g_free (request);

  body = csm_http_client_request_finish (CSM_HTTP_CLIENT (object), result, NULL, &server_time,
                                         &error);
  if (fetch->done)
    {
      fetch->in_flight--;
      return;
    }
  if (body == NULL)
    {
      fetch->in_flight--;
      paged_fetch_fail (task, g_steal_pointer (&error));
      return;
    }
  if (number == 1 && server_time != 0)
    fetch->result.server_time = server_time;

  parse = g_task_new (fetch->self, fetch->cancellable, page_parsed_cb, g_steal_pointer (&task));
  g_task_set_source_tag (parse, parse_page_thread);
  g_task_set_task_data (parse, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
  g_object_set_data (G_OBJECT (parse), "kind", GINT_TO_POINTER (fetch->kind));
  g_object_set_data (G_OBJECT (parse), "page", GUINT_TO_POINTER (number));
  g_task_run_in_thread (parse, parse_page_thread);
}

static void
request_page (GTask *task,
              guint  number)
{
  PagedFetch *fetch = g_task_get_task_data (task);
  g_autofree char *path = NULL;
  g_autofree char *page = g_strdup_printf ("%u", number);
  PageRequest *request = g_new0 (PageRequest, 1);

  request->task = g_object_ref (task);
  request->number = number;
  path = csm_http_client_build_query (fetch->path, "per_page", RT_PER_PAGE, "page", page, NULL);
  fetch->in_flight++;
  fetch->result.requests++;
  csm_http_client_request_async (fetch->self->http, "GET", path, NULL, fetch->cancellable,
                                 page_received_cb, request);
}

static void
external_cancelled_cb (GCancellable *cancellable,
                       GCancellable *internal)
{
  g_cancellable_cancel (internal);
}

static GTask *
paged_fetch_start (CsmRtProvider       *self,
                   const char          *path,
                   CsmRtItemKind        kind,
                   CsmPageFunc          page_func,
                   gpointer             page_data,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data,
                   gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  PagedFetch *fetch = g_new0 (PagedFetch, 1);

  g_task_set_source_tag (task, source_tag);
  fetch->self = g_object_ref (self);
  fetch->path = g_strdup (path);
  fetch->kind = kind;
  fetch->page_func = page_func;
  fetch->page_data = page_data;
  fetch->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, fetch, (GDestroyNotify) paged_fetch_free);
  if (cancellable != NULL)
    {
      fetch->external = g_object_ref (cancellable);
      fetch->external_id = g_cancellable_connect (cancellable, G_CALLBACK (external_cancelled_cb),
                                                  g_object_ref (fetch->cancellable),
                                                  g_object_unref);
    }
  return task;
}

static void
paged_fetch_run (GTask *task)
{
  request_page (task, 1);
  g_object_unref (task);
}

static gboolean
paged_fetch_finish (GAsyncResult    *result,
                    CsmFetchResult  *out_result,
                    GError         **error)
{
  PagedFetch *fetch = g_task_get_task_data (G_TASK (result));

  if (out_result != NULL)
    *out_result = fetch->result;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */

static char *
ticketsql_date (gint64 t)
{
  return csm_time_format_ticketsql (t);
}

/**
 * csm_rt_provider_build_ticket_query:
 *
 * Returns: (transfer full): the TicketSQL for @query
 */
char *
csm_rt_provider_build_ticket_query (const CsmTicketQuery *query)
{
  g_return_val_if_fail (query != NULL, NULL);

  if (query->updated_since > 0)
    {
      g_autofree char *since = ticketsql_date (query->updated_since);
      return g_strdup_printf ("LastUpdated >= '%s'", since);
    }
  if (query->window_start > 0)
    {
      g_autofree char *start = ticketsql_date (query->window_start);
      return g_strdup_printf ("Status = '__Active__' OR LastUpdated >= '%s'", start);
    }
  return g_strdup ("id > 0");
}

static void
csm_rt_provider_fetch_tickets_async (CsmProvider          *provider,
                                     const CsmTicketQuery *query,
                                     CsmPageFunc           page_func,
                                     gpointer              page_data,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  CsmRtProvider *self = CSM_RT_PROVIDER (provider);
  g_autofree char *sql = csm_rt_provider_build_ticket_query (query);
  g_autofree char *path = NULL;

  /* A full sync pages by id so that tickets changing meanwhile do not shift
   * pages under it (a ticket that does move is caught by the incremental
   * sync that follows, which starts from the full sync's own start). */
  path = csm_http_client_build_query ("/tickets",
                                      "query", sql,
                                      "fields", ticket_fields,
                                      "fields[Queue]", "Name",
                                      "fields[Owner]", "Name,RealName",
                                      "orderby", query->updated_since ? "LastUpdated" : "id",
                                      "order", "ASC",
                                      NULL);
  paged_fetch_run (paged_fetch_start (self, path, CSM_RT_ITEM_TICKET, page_func, page_data,
                                      cancellable, callback, user_data,
                                      csm_rt_provider_fetch_tickets_async));
}

static gboolean
csm_rt_provider_fetch_tickets_finish (CsmProvider     *provider,
                                      GAsyncResult    *result,
                                      CsmFetchResult  *out_result,
                                      GError         **error)
{
  return paged_fetch_finish (result, out_result, error);
}

static void
csm_rt_provider_fetch_transactions_async (CsmProvider         *provider,
                                          gint64               after_id,
                                          gint64               created_since,
                                          CsmPageFunc          page_func,
                                          gpointer             page_data,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  CsmRtProvider *self = CSM_RT_PROVIDER (provider);
  g_autoptr(GString) sql = g_string_new ("ObjectType = 'RT::Ticket'");
  g_autofree char *path = NULL;

  if (after_id > 0)
    g_string_append_printf (sql, " AND id > %" G_GINT64_FORMAT, after_id);
  if (created_since > 0)
    {
      g_autofree char *since = ticketsql_date (created_since);
      g_string_append_printf (sql, " AND Created >= '%s'", since);
    }
  g_string_append_printf (sql, " AND %s", transaction_types);

  path = csm_http_client_build_query ("/transactions",
                                      "query", sql->str,
                                      "fields", transaction_fields,
                                      "orderby", "id",
                                      "order", "ASC",
                                      NULL);
  paged_fetch_run (paged_fetch_start (self, path, CSM_RT_ITEM_TRANSACTION, page_func, page_data,
                                      cancellable, callback, user_data,
                                      csm_rt_provider_fetch_transactions_async));
}

static gboolean
csm_rt_provider_fetch_transactions_finish (CsmProvider     *provider,
                                           GAsyncResult    *result,
                                           CsmFetchResult  *out_result,
                                           GError         **error)
{
  return paged_fetch_finish (result, out_result, error);
}

/* Ticket histories: one transaction search per batch of tickets, one batch
 * after the other. */
typedef struct
{
  GArray *ids;            /* (owned) */
  guint next;
  CsmPageFunc page_func;
  gpointer page_data;
  CsmFetchResult result;
} HistoryFetch;

static void
history_fetch_free (HistoryFetch *fetch)
{
  g_array_unref (fetch->ids);
  g_free (fetch);
}

static void history_next_batch (GTask *task);

static void
history_batch_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HistoryFetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CsmFetchResult batch = { 0, };

  if (!paged_fetch_finish (result, &batch, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  fetch->result.items += batch.items;
  fetch->result.pages += batch.pages;
  fetch->result.requests += batch.requests;
  fetch->result.max_id = MAX (fetch->result.max_id, batch.max_id);
  if (fetch->result.server_time == 0)
    fetch->result.server_time = batch.server_time;
  history_next_batch (g_steal_pointer (&task));
}

static void
history_next_batch (GTask *task)
{
  HistoryFetch *fetch = g_task_get_task_data (task);
  CsmRtProvider *self = g_task_get_source_object (task);
  g_autoptr(GString) sql = NULL;
  g_autofree char *path = NULL;
  guint end;

  if (fetch->next >= fetch->ids->len)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  sql = g_string_new ("ObjectType = 'RT::Ticket' AND (");
  end = MIN (fetch->next + HISTORY_BATCH, fetch->ids->len);
  for (guint i = fetch->next; i < end; i++)
    g_string_append_printf (sql, "%sObjectId = %" G_GINT64_FORMAT,
                            i == fetch->next ? "" : " OR ",
                            g_array_index (fetch->ids, gint64, i));
  g_string_append_printf (sql, ") AND %s", transaction_types);
  fetch->next = end;

  path = csm_http_client_build_query ("/transactions",
                                      "query", sql->str,
                                      "fields", transaction_fields,
                                      "orderby", "id",
                                      "order", "ASC",
                                      NULL);
  paged_fetch_run (paged_fetch_start (self, path, CSM_RT_ITEM_TRANSACTION, fetch->page_func,
                                      fetch->page_data, g_task_get_cancellable (task),
                                      history_batch_cb, task,
                                      csm_rt_provider_fetch_transactions_async));
}

static void
csm_rt_provider_fetch_ticket_histories_async (CsmProvider         *provider,
                                              GArray              *ticket_ids,
                                              CsmPageFunc          page_func,
                                              gpointer             page_data,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  GTask *task = g_task_new (provider, cancellable, callback, user_data);
  HistoryFetch *fetch = g_new0 (HistoryFetch, 1);

  g_task_set_source_tag (task, csm_rt_provider_fetch_ticket_histories_async);
  fetch->ids = g_array_ref (ticket_ids);
  fetch->page_func = page_func;
  fetch->page_data = page_data;
  g_task_set_task_data (task, fetch, (GDestroyNotify) history_fetch_free);
  history_next_batch (task);
}

static gboolean
csm_rt_provider_fetch_ticket_histories_finish (CsmProvider     *provider,
                                               GAsyncResult    *result,
                                               CsmFetchResult  *out_result,
                                               GError         **error)
{
  HistoryFetch *fetch = g_task_get_task_data (G_TASK (result));

  if (out_result != NULL)
    *out_result = fetch->result;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Collections gathered whole: queues, agents. */

static void
collect_page (GPtrArray *items,
              gpointer   user_data)
{
  GPtrArray *all = user_data;

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (all, g_object_ref (g_ptr_array_index (items, i)));
}

static void
collect_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!paged_fetch_finish (result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_ptr_array_ref (g_task_get_task_data (task)),
                           (GDestroyNotify) g_ptr_array_unref);
}

static void
collect_all (CsmRtProvider *self,
             GTask         *task,
             const char    *path,
             CsmRtItemKind  kind)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);

  g_task_set_task_data (task, all, (GDestroyNotify) g_ptr_array_unref);
  paged_fetch_run (paged_fetch_start (self, path, kind, collect_page, all,
                                      g_task_get_cancellable (task), collect_done_cb, task,
                                      collect_all));
}

static void
csm_rt_provider_list_queues_async (CsmProvider         *provider,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  CsmRtProvider *self = CSM_RT_PROVIDER (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *path = NULL;

  g_task_set_source_tag (task, csm_rt_provider_list_queues_async);
  path = csm_http_client_build_query ("/queues/all",
                                      "fields", "Name,Description,SLADisabled,Disabled",
                                      NULL);
  collect_all (self, task, path, CSM_RT_ITEM_QUEUE);
}

static GPtrArray *
csm_rt_provider_list_queues_finish (CsmProvider   *provider,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Agents: the members of the configured group, or of RT's Privileged group.
 * Step 1 finds the group id by a group search, step 2 pages its members. */

static void
group_found_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsmRtProvider *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(CsmRtPage) page = NULL;
  g_autofree char *path = NULL;
  g_autofree char *members = NULL;
  const char *group = g_object_get_data (G_OBJECT (task), "group");

  body = csm_http_client_request_finish (CSM_HTTP_CLIENT (object), result, NULL, NULL, &error);
  if (body != NULL)
    page = csm_rt_parse_page (body, CSM_RT_ITEM_GROUP, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (page->items->len == 0)
    {
      g_task_return_new_error (task, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_NOT_FOUND,
                               _("The helpdesk has no group named “%s” (or the account may "
                                 "not see it)."), group);
      return;
    }

  members = g_strdup_printf ("/group/%s/members", (const char *) g_ptr_array_index (page->items, 0));
  path = csm_http_client_build_query (members, "fields", "Name,RealName,EmailAddress", NULL);
  collect_all (self, g_steal_pointer (&task), path, CSM_RT_ITEM_USER);
}

static void
csm_rt_provider_list_agents_async (CsmProvider         *provider,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  CsmRtProvider *self = CSM_RT_PROVIDER (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  const char *group = csm_account_get_agents_group (csm_provider_get_account (provider));
  g_autofree char *json = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *escaped = NULL;

  g_task_set_source_tag (task, csm_rt_provider_list_agents_async);

  if (group == NULL)
    json = g_strdup ("[{\"field\":\"Domain\",\"value\":\"SystemInternal\"},"
                     "{\"field\":\"Name\",\"value\":\"Privileged\"}]");
  else
    {
      escaped = g_strescape (group, NULL);
      json = g_strdup_printf ("[{\"field\":\"Name\",\"value\":\"%s\"},"
                              "{\"field\":\"Domain\",\"value\":\"UserDefined\"}]", escaped);
    }
  g_object_set_data_full (G_OBJECT (task), "group",
                          g_strdup (group ? group : "Privileged"), g_free);

  {
    gsize len = strlen (json);
    body = g_bytes_new_take (g_steal_pointer (&json), len);
  }
  csm_http_client_request_async (self->http, "POST", "/groups", body, cancellable,
                                 group_found_cb, task);
}

static GPtrArray *
csm_rt_provider_list_agents_finish (CsmProvider   *provider,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  char *version;

  body = csm_http_client_request_finish (CSM_HTTP_CLIENT (object), result, NULL, NULL, &error);
  if (body == NULL)
    {
      /* A 404 at /REST/2.0/rt means a web server, but not RT's REST2. */
      if (g_error_matches (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_NOT_FOUND))
        g_task_return_new_error (task, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_NOT_HELPDESK,
                                 _("The server answers, but it is not Request Tracker 5: it "
                                   "has no REST2 API at this address."));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  version = csm_rt_parse_version (body, &error);
  if (version == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, version, g_free);
}

static void
csm_rt_provider_check_async (CsmProvider         *provider,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  CsmRtProvider *self = CSM_RT_PROVIDER (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, csm_rt_provider_check_async);
  csm_http_client_request_async (self->http, "GET", "/rt", NULL, cancellable, check_cb, task);
}

static char *
csm_rt_provider_check_finish (CsmProvider   *provider,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static CsmProviderCapabilities
csm_rt_provider_get_capabilities (CsmProvider *provider)
{
  /* No presence: RT has no such concept (the console infers it). */
  return CSM_PROVIDER_CAP_QUEUES |
         CSM_PROVIDER_CAP_AGENTS |
         CSM_PROVIDER_CAP_INCREMENTAL |
         CSM_PROVIDER_CAP_TRANSACTIONS |
         CSM_PROVIDER_CAP_CUSTOM_FIELDS |
         CSM_PROVIDER_CAP_SLA_DUE;
}

static void
csm_rt_provider_set_secret (CsmProvider *provider,
                            const char  *secret)
{
  CsmRtProvider *self = CSM_RT_PROVIDER (provider);
  CsmAccount *account = csm_provider_get_account (provider);

  if (secret == NULL)
    csm_http_client_set_token_auth (self->http, NULL);
  else if (csm_account_get_auth_method (account) == CSM_AUTH_PASSWORD &&
           csm_account_get_username (account) != NULL)
    csm_http_client_set_basic_auth (self->http, csm_account_get_username (account), secret);
  else
    csm_http_client_set_token_auth (self->http, secret);
}

static void
csm_rt_provider_dispose (GObject *object)
{
  CsmRtProvider *self = (CsmRtProvider *) object;

  g_clear_object (&self->http);

  G_OBJECT_CLASS (csm_rt_provider_parent_class)->dispose (object);
}

static void
csm_rt_provider_class_init (CsmRtProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CsmProviderClass *provider_class = CSM_PROVIDER_CLASS (klass);

  object_class->dispose = csm_rt_provider_dispose;

  provider_class->get_capabilities = csm_rt_provider_get_capabilities;
  provider_class->set_secret = csm_rt_provider_set_secret;
  provider_class->check_async = csm_rt_provider_check_async;
  provider_class->check_finish = csm_rt_provider_check_finish;
  provider_class->list_queues_async = csm_rt_provider_list_queues_async;
  provider_class->list_queues_finish = csm_rt_provider_list_queues_finish;
  provider_class->list_agents_async = csm_rt_provider_list_agents_async;
  provider_class->list_agents_finish = csm_rt_provider_list_agents_finish;
  provider_class->fetch_tickets_async = csm_rt_provider_fetch_tickets_async;
  provider_class->fetch_tickets_finish = csm_rt_provider_fetch_tickets_finish;
  provider_class->fetch_transactions_async = csm_rt_provider_fetch_transactions_async;
  provider_class->fetch_transactions_finish = csm_rt_provider_fetch_transactions_finish;
  provider_class->fetch_ticket_histories_async = csm_rt_provider_fetch_ticket_histories_async;
  provider_class->fetch_ticket_histories_finish = csm_rt_provider_fetch_ticket_histories_finish;
}

static void
csm_rt_provider_init (CsmRtProvider *self)
{
}

/**
 * csm_rt_provider_new:
 * @account: an account whose provider is "rt"
 * @secret: (nullable): the auth token, or the password for the account's
 *   user name
 */
CsmRtProvider *
csm_rt_provider_new (CsmAccount *account,
                     const char *secret)
{
  CsmRtProvider *self;
  g_autofree char *api = NULL;

  g_return_val_if_fail (CSM_IS_ACCOUNT (account), NULL);

  self = g_object_new (CSM_TYPE_RT_PROVIDER, "account", account, NULL);
  api = g_strconcat (csm_account_get_base_url (account), "/REST/2.0", NULL);
  self->http = csm_http_client_new (api);
  _csm_provider_set_http_client (CSM_PROVIDER (self), self->http);
  csm_rt_provider_set_secret (CSM_PROVIDER (self), secret);
  return self;
}

void
csm_rt_provider_set_timeout (CsmRtProvider *self,
                             guint          seconds)
{
  g_return_if_fail (CSM_IS_RT_PROVIDER (self));
  csm_http_client_set_timeout (self->http, seconds);
}

void
csm_rt_provider_set_max_body (CsmRtProvider *self,
                              gsize          max_bytes)
{
  g_return_if_fail (CSM_IS_RT_PROVIDER (self));
  csm_http_client_set_max_body_size (self->http, max_bytes);
}

void
csm_rt_provider_set_tls_database (CsmRtProvider *self,
                                  GTlsDatabase  *database)
{
  g_return_if_fail (CSM_IS_RT_PROVIDER (self));
  csm_http_client_set_tls_database (self->http, database);
}
