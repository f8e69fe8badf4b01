/* csm-rt-provider.c: Request Tracker 5 through its REST2 API.
 *
 * The traps this file is written around (see reference/rt5.md and
 * tests/rt/FINDINGS.md):
 * - per_page is capped at 100, silently;
 * - absolute dates in TicketSQL are shifted by the RT user's time zone
 *   offset, even with an explicit "UTC", and "…T…Z" reads as midnight: the
 *   console only ever sends relative dates ("N seconds ago"), computed
 *   against the server's own clock (its Date header);
 * - deleted tickets can never be found by TicketSQL over REST2;
 * - group members need AdminGroupMembership and ignore `fields`;
 * - any If-Modified-Since header makes RT answer 500: never sent;
 * - unset dates are 1970-01-01T00:00:00Z; ids are numbers or strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-rt-provider"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "csm-http-client.h"
#include "csm-provider-private.h"
#include "csm-rt-parse.h"
#include "csm-rt-provider.h"
#include "csm-time.h"

#define RT_PER_PAGE 100
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

struct _CsmRtProvider
{
  CsmProvider parent_instance;

  CsmHttpClient *http;   /* (owned) */

  /* max-in-flight holds for the provider as a whole: a full sync runs its
   * ticket and transaction fetches side by side and they share the slots. */
  guint in_flight;
  GQueue waiting;        /* of GTask (owned): paged fetches wanting a slot */
};

G_DEFINE_FINAL_TYPE (CsmRtProvider, csm_rt_provider, CSM_TYPE_PROVIDER)

/* ------------------------------------------------------------------------ */
/* Paged collection fetch.
 *
 * A fetch is a set of collection paths (one search, or one per batch of
 * ticket ids). The first page of each path says how many pages it has;
 * further pages are queued then. Up to max-in-flight requests run at once;
 * each body is parsed on a worker thread and its items handed to the caller
 * on its main context as they arrive. */

typedef struct
{
  char *path;        /* without per_page/page */
  guint page;
} PageJob;

typedef struct
{
  CsmRtProvider *self;       /* (owned) */
  CsmRtItemKind kind;
  CsmPageFunc page_func;
  gpointer page_data;
  GCancellable *cancellable; /* (owned): cancelled on the first failure */
  GCancellable *external;    /* (owned) (nullable): the caller's */
  gulong external_id;
  GQueue jobs;               /* of PageJob */
  guint in_flight;           /* requests sent or bodies being parsed */
  gboolean waiting;          /* queued for a slot on the provider */
  gboolean done;
  gboolean skip_missing;     /* a path answering 404 adds nothing instead of failing */
  CsmFetchResult result;
} PagedFetch;

typedef struct
{
  GTask *task;               /* (owned): the PagedFetch's task */
  PageJob *job;              /* (owned) */
} PageRequest;

static void
page_job_free (PageJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
paged_fetch_free (PagedFetch *fetch)
{
  if (fetch->external_id != 0)
    g_cancellable_disconnect (fetch->external, fetch->external_id);
  g_clear_object (&fetch->external);
  g_clear_object (&fetch->self);
  g_clear_object (&fetch->cancellable);
  g_queue_clear_full (&fetch->jobs, (GDestroyNotify) page_job_free);
  g_free (fetch);
}

static void request_page (GTask *task, PageJob *job);

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
  CsmRtProvider *self = fetch->self;
  guint max = csm_provider_get_max_in_flight (CSM_PROVIDER (self));

  if (fetch->done)
    return;

  while (!g_queue_is_empty (&fetch->jobs) && self->in_flight < max)
    request_page (task, g_queue_pop_head (&fetch->jobs));

  if (!g_queue_is_empty (&fetch->jobs) && !fetch->waiting)
    {
      fetch->waiting = TRUE;
      g_queue_push_tail (&self->waiting, g_object_ref (task));
    }

  if (fetch->in_flight == 0 && g_queue_is_empty (&fetch->jobs))
    {
      fetch->done = TRUE;
      g_task_return_boolean (task, TRUE);
    }
}

/* A slot came free: hand it to the fetches waiting, in order. */
static void
release_slot (CsmRtProvider *self)
{
  guint max = csm_provider_get_max_in_flight (CSM_PROVIDER (self));

  self->in_flight--;
  while (self->in_flight < max && !g_queue_is_empty (&self->waiting))
    {
      g_autoptr(GTask) task = g_queue_pop_head (&self->waiting);
      PagedFetch *fetch = g_task_get_task_data (task);

      fetch->waiting = FALSE;
      paged_fetch_pump (task);
    }
}

static void
page_parsed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PageRequest *request = user_data;
  g_autoptr(GTask) task = request->task;
  PageJob *job = request->job;
  PagedFetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmRtPage) page = NULL;

  g_free (request);
  fetch->in_flight--;
  page = g_task_propagate_pointer (G_TASK (result), &error);
  if (fetch->done)
    {
      page_job_free (job);
      return;
    }
  if (page == NULL)
    {
      page_job_free (job);
      paged_fetch_fail (task, g_steal_pointer (&error));
      return;
    }

  /* The first page of a path says how many there are. RT writes "pages":
   * 0.0 for an empty result, and collections without paging info (group
   * members) have a single page. */
  if (job->page == 1)
    {
      gint64 pages = page->pages;

      if (pages <= 0 && page->per_page > 0)
        pages = (page->total + page->per_page - 1) / page->per_page;
      for (gint64 p = 2; p <= pages; p++)
        {
          PageJob *next = g_new0 (PageJob, 1);
          next->path = g_strdup (job->path);
          next->page = (guint) p;
          g_queue_push_tail (&fetch->jobs, next);
        }
      fetch->result.total += page->total;
    }
  page_job_free (job);

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
  PagedFetch *fetch = g_task_get_task_data (request->task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GTask) parse = NULL;
  gint64 server_time = 0;

  body = csm_http_client_request_finish (CSM_HTTP_CLIENT (object), result, NULL, &server_time,
                                         &error);
  if (fetch->done || body == NULL)
    {
      g_autoptr(GTask) task = request->task;
      g_autoptr(CsmRtProvider) self = g_object_ref (fetch->self);
      gboolean missing = fetch->skip_missing &&
                         g_error_matches (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_NOT_FOUND);

      fetch->in_flight--;
      page_job_free (request->job);
      g_free (request);
      if (body == NULL && !missing)
        paged_fetch_fail (task, g_steal_pointer (&error));
      release_slot (self);
      if (missing)
        paged_fetch_pump (task);
      return;
    }
  if (fetch->result.server_time == 0)
    fetch->result.server_time = server_time;

  parse = g_task_new (fetch->self, fetch->cancellable, page_parsed_cb, request);
  g_task_set_source_tag (parse, parse_page_thread);
  g_task_set_task_data (parse, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
  g_object_set_data (G_OBJECT (parse), "kind", GINT_TO_POINTER (fetch->kind));
  g_task_run_in_thread (parse, parse_page_thread);
  /* The connection is done; parsing does not hold a slot. */
  release_slot (fetch->self);
}

static void
request_page (GTask   *task,
              PageJob *job)
{
  PagedFetch *fetch = g_task_get_task_data (task);
  g_autofree char *path = NULL;
  g_autofree char *page = g_strdup_printf ("%u", job->page);
  g_autofree char *per_page = g_strdup_printf ("%u", RT_PER_PAGE);
  PageRequest *request = g_new0 (PageRequest, 1);

  request->task = g_object_ref (task);
  request->job = job;
  path = csm_http_client_build_query (job->path, "per_page", per_page, "page", page, NULL);
  fetch->in_flight++;
  fetch->self->in_flight++;
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
paged_fetch_new (CsmRtProvider       *self,
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
  fetch->kind = kind;
  fetch->page_func = page_func;
  fetch->page_data = page_data;
  fetch->cancellable = g_cancellable_new ();
  g_queue_init (&fetch->jobs);
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
paged_fetch_add_path (GTask      *task,
                      const char *path)
{
  PagedFetch *fetch = g_task_get_task_data (task);
  PageJob *job = g_new0 (PageJob, 1);

  job->path = g_strdup (path);
  job->page = 1;
  g_queue_push_tail (&fetch->jobs, job);
}

/* Takes the task's creation reference. */
static void
paged_fetch_run (GTask *task)
{
  paged_fetch_pump (task);
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
/* Queries */

/* RT shifts every absolute date by the requesting user's UTC offset, but a
 * relative one cancels out (FINDINGS.md §a). "How long ago" is measured on
 * the server's clock, known from its Date headers. */
static char *
relative_date (CsmRtProvider *self,
               gint64         when)
{
  gint64 server_now = g_get_real_time () / G_USEC_PER_SEC +
                      csm_http_client_get_server_offset (self->http);

  return g_strdup_printf ("%" G_GINT64_FORMAT " seconds ago", MAX (server_now - when, 0));
}

static char *
ids_condition (GArray *ids,
               guint   from,
               guint   to,
               const char *field)
{
  GString *sql = g_string_new ("(");

  for (guint i = from; i < to; i++)
    g_string_append_printf (sql, "%s%s = %" G_GINT64_FORMAT, i == from ? "" : " OR ", field,
                            g_array_index (ids, gint64, i));
  g_string_append_c (sql, ')');
  return g_string_free (sql, FALSE);
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

  if (query->window_start > 0)
    {
      gint64 ago = MAX (g_get_real_time () / G_USEC_PER_SEC - query->window_start, 0);
      return g_strdup_printf ("Status = '__Active__' OR LastUpdated >= '%" G_GINT64_FORMAT
                              " seconds ago'", ago);
    }
  return g_strdup ("id > 0");
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
  GTask *task = paged_fetch_new (self, CSM_RT_ITEM_TICKET, page_func, page_data, cancellable,
                                 callback, user_data, csm_rt_provider_fetch_tickets_async);

  if (query->ids != NULL)
    {
      /* One search per hundred ids: each answer is exactly one page. */
      for (guint i = 0; i < query->ids->len; i += IDS_PER_QUERY)
        {
          g_autofree char *sql = ids_condition (query->ids, i,
                                                MIN (i + IDS_PER_QUERY, query->ids->len), "id");
          g_autofree char *path = ticket_path (sql);
          paged_fetch_add_path (task, path);
        }
    }
  else
    {
      g_autofree char *sql = NULL;
      g_autofree char *path = NULL;

      if (query->window_start > 0)
        {
          g_autofree char *since = relative_date (self, query->window_start);
          sql = g_strdup_printf ("Status = '__Active__' OR LastUpdated >= '%s'", since);
        }
      else
        sql = g_strdup ("id > 0");
      /* Paging by id: tickets that change meanwhile do not move between
       * pages; new ones land after the last page and the next incremental
       * sync picks them up. */
      path = ticket_path (sql);
      paged_fetch_add_path (task, path);
    }

  paged_fetch_run (task);
}

static gboolean
csm_rt_provider_fetch_tickets_finish (CsmProvider     *provider,
                                      GAsyncResult    *result,
                                      CsmFetchResult  *out_result,
                                      GError         **error)
{
  return paged_fetch_finish (result, out_result, error);
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

static void
csm_rt_provider_fetch_transactions_async (CsmProvider               *provider,
                                          const CsmTransactionQuery *query,
                                          CsmPageFunc                page_func,
                                          gpointer                   page_data,
                                          GCancellable              *cancellable,
                                          GAsyncReadyCallback        callback,
                                          gpointer                   user_data)
{
  CsmRtProvider *self = CSM_RT_PROVIDER (provider);
  GTask *task = paged_fetch_new (self, CSM_RT_ITEM_TRANSACTION, page_func, page_data, cancellable,
                                 callback, user_data, csm_rt_provider_fetch_transactions_async);
  g_autoptr(GString) sql = g_string_new ("ObjectType = 'RT::Ticket'");
  g_autofree char *path = NULL;

  if (query->after_id > 0)
    g_string_append_printf (sql, " AND id > %" G_GINT64_FORMAT, query->after_id);
  if (query->created_since > 0)
    {
      g_autofree char *since = relative_date (self, query->created_since);
      g_string_append_printf (sql, " AND Created >= '%s'", since);
    }
  if (!query->all_types)
    g_string_append_printf (sql, " AND %s", metric_types);

  path = transaction_path (sql->str);
  paged_fetch_add_path (task, path);
  paged_fetch_run (task);
}

static gboolean
csm_rt_provider_fetch_transactions_finish (CsmProvider     *provider,
                                           GAsyncResult    *result,
                                           CsmFetchResult  *out_result,
                                           GError         **error)
{
  return paged_fetch_finish (result, out_result, error);
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
  CsmRtProvider *self = CSM_RT_PROVIDER (provider);
  GTask *task = paged_fetch_new (self, CSM_RT_ITEM_TRANSACTION, page_func, page_data, cancellable,
                                 callback, user_data,
                                 csm_rt_provider_fetch_ticket_histories_async);

  /* ObjectType is not optional: ObjectId alone also matches other kinds of
   * records' transactions. */
  for (guint i = 0; i < ticket_ids->len; i += IDS_PER_QUERY / 2)
    {
      g_autofree char *ids = ids_condition (ticket_ids, i,
                                            MIN (i + IDS_PER_QUERY / 2, ticket_ids->len),
                                            "ObjectId");
      g_autofree char *sql = g_strdup_printf ("ObjectType = 'RT::Ticket' AND %s AND %s",
                                              ids, metric_types);
      g_autofree char *path = transaction_path (sql);
      paged_fetch_add_path (task, path);
    }
  paged_fetch_run (task);
}

static gboolean
csm_rt_provider_fetch_ticket_histories_finish (CsmProvider     *provider,
                                               GAsyncResult    *result,
                                               CsmFetchResult  *out_result,
                                               GError         **error)
{
  return paged_fetch_finish (result, out_result, error);
}

static void
latest_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(CsmRtPage) page = NULL;

  body = csm_http_client_request_finish (CSM_HTTP_CLIENT (object), result, NULL, NULL, &error);
  if (body != NULL)
    page = csm_rt_parse_page (body, CSM_RT_ITEM_TRANSACTION, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_int (task, page->items->len > 0
                           ? ((CsmTransaction *) g_ptr_array_index (page->items, 0))->id
                           : 0);
}

static void
csm_rt_provider_latest_transaction_async (CsmProvider         *provider,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  CsmRtProvider *self = CSM_RT_PROVIDER (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *path = NULL;

  g_task_set_source_tag (task, csm_rt_provider_latest_transaction_async);
  path = csm_http_client_build_query ("/transactions",
                                      "query", "ObjectType = 'RT::Ticket'",
                                      "fields", transaction_fields,
                                      "orderby", "id",
                                      "order", "DESC",
                                      "per_page", "1",
                                      NULL);
  csm_http_client_request_async (self->http, "GET", path, NULL, cancellable, latest_cb, task);
}

static gint64
csm_rt_provider_latest_transaction_finish (CsmProvider   *provider,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize v = g_task_propagate_int (G_TASK (result), &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }
  return v;
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

/* Takes @task; fetches every page of each of @paths into one array. With
 * @skip_missing a path answering 404 adds nothing instead of failing. */
static void
collect_all (CsmRtProvider  *self,
             GTask          *task,
             const char    **paths,
             guint           n_paths,
             CsmRtItemKind   kind,
             gboolean        skip_missing)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  GTask *fetch;

  g_task_set_task_data (task, all, (GDestroyNotify) g_ptr_array_unref);
  fetch = paged_fetch_new (self, kind, collect_page, all, g_task_get_cancellable (task),
                           collect_done_cb, task, collect_all);
  ((PagedFetch *) g_task_get_task_data (fetch))->skip_missing = skip_missing;
  for (guint i = 0; i < n_paths; i++)
    paged_fetch_add_path (fetch, paths[i]);
  paged_fetch_run (fetch);
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
  const char *paths[1];

  g_task_set_source_tag (task, csm_rt_provider_list_queues_async);
  path = csm_http_client_build_query ("/queues/all",
                                      "fields", "Name,Description,SLADisabled,Disabled",
                                      NULL);
  paths[0] = path;
  collect_all (self, task, paths, 1, CSM_RT_ITEM_QUEUE, FALSE);
}

static GPtrArray *
csm_rt_provider_list_queues_finish (CsmProvider   *provider,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A user's record, by name or id. */
static char *
user_path (const char *name)
{
  g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);

  return g_strconcat ("/user/", escaped, NULL);
}

/* Agents: the members of the configured group, or of RT's Privileged
 * group. Step 1 finds the group by a group search, step 2 pages its
 * members (ids only: RT ignores `fields` there), step 3 reads each user. */

static void
members_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsmRtProvider *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  members = g_task_propagate_pointer (G_TASK (result), &error);
  if (members == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The members' ids come back as agents named by id; read the users. */
  for (guint i = 0; i < members->len; i++)
    g_ptr_array_add (paths, user_path (csm_agent_get_name (g_ptr_array_index (members, i))));

  if (paths->len == 0)
    {
      g_task_return_pointer (task, g_ptr_array_new_with_free_func (g_object_unref),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  collect_all (self, g_steal_pointer (&task), (const char **) paths->pdata, paths->len,
               CSM_RT_ITEM_USER_RECORD, FALSE);
}

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
  const char *group = g_object_get_data (G_OBJECT (task), "group");
  const char *paths[1];
  GCancellable *cancellable;
  GTask *members;

  body = csm_http_client_request_finish (CSM_HTTP_CLIENT (object), result, NULL, NULL, &error);
  if (body != NULL)
    page = csm_rt_parse_page (body, CSM_RT_ITEM_GROUP, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (page->items->len == 0 && g_object_get_data (G_OBJECT (task), "privileged") != NULL)
    {
      /* Debian's RT 5.0.3+dfsg-3~deb12u7 (a security update) answers
       * group searches with user-defined groups only: RT's own Privileged
       * group cannot be found, nor read by id. Its users still say
       * "Privileged": 1 one by one. */
      g_task_return_new_error (task, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_UNLISTED,
                               _("This Request Tracker does not list its privileged users "
                                 "over REST2."));
      return;
    }
  if (page->items->len == 0)
    {
      g_task_return_new_error (task, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_NOT_FOUND,
                               _("The helpdesk has no group named “%s” (or this account may "
                                 "not see it)."), group);
      return;
    }

  path = g_strdup_printf ("/group/%s/members", (const char *) g_ptr_array_index (page->items, 0));
  paths[0] = path;
  cancellable = g_task_get_cancellable (task);
  members = g_task_new (self, cancellable, members_cb, g_steal_pointer (&task));
  collect_all (self, members, paths, 1, CSM_RT_ITEM_USER, FALSE);
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
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = NULL;
  char *json;
  gsize len;

  g_task_set_source_tag (task, csm_rt_provider_list_agents_async);
  g_object_set_data_full (G_OBJECT (task), "group",
                          g_strdup (group ? group : "Privileged"), g_free);
  if (group == NULL)
    g_object_set_data (G_OBJECT (task), "privileged", GINT_TO_POINTER (TRUE));

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
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &len);
  body = g_bytes_new_take (json, len);

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

/* Each name's own record says whether it is privileged and enabled; a
 * name RT does not know (404) is nobody's agent. */
static void
csm_rt_provider_lookup_agents_async (CsmProvider         *provider,
                                     const char * const  *names,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  CsmRtProvider *self = CSM_RT_PROVIDER (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_task_set_source_tag (task, csm_rt_provider_lookup_agents_async);
  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (paths, user_path (names[i]));
  collect_all (self, task, (const char **) paths->pdata, paths->len, CSM_RT_ITEM_USER_RECORD,
               TRUE);
}

static GPtrArray *
csm_rt_provider_lookup_agents_finish (CsmProvider   *provider,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Writes: one field per PUT. */

static void
update_parsed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_auto(GStrv) messages = NULL;

  body = csm_http_client_request_finish (CSM_HTTP_CLIENT (object), result, NULL, NULL, &error);
  if (body == NULL ||
      !csm_rt_parse_update_messages (body, &messages, &error) ||
      !csm_rt_judge_update_messages ((const char * const *) messages, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
csm_rt_provider_update_ticket_async (CsmProvider         *provider,
                                     gint64               ticket_id,
                                     const char          *field,
                                     const char          *value,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  CsmRtProvider *self = CSM_RT_PROVIDER (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = NULL;
  char *json;
  gsize len;

  g_task_set_source_tag (task, csm_rt_provider_update_ticket_async);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, field);
  json_builder_add_string_value (builder, value);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &len);
  body = g_bytes_new_take (json, len);

  path = g_strdup_printf ("/ticket/%" G_GINT64_FORMAT, ticket_id);
  csm_http_client_request_async (self->http, "PUT", path, body, cancellable, update_parsed_cb,
                                 task);
}

static gboolean
csm_rt_provider_update_ticket_finish (CsmProvider   *provider,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* One ticket through the same search a sync uses, so it is parsed exactly
 * like the ticket list (owner by name, queue by name). */
static void
fetch_ticket_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(CsmRtPage) page = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_task_get_task_data (task));

  body = csm_http_client_request_finish (CSM_HTTP_CLIENT (object), result, NULL, NULL, &error);
  if (body != NULL)
    page = csm_rt_parse_page (body, CSM_RT_ITEM_TICKET, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < page->items->len; i++)
    {
      CsmTicket *ticket = g_ptr_array_index (page->items, i);

      if (csm_ticket_get_id (ticket) == id)
        {
          g_task_return_pointer (task, g_object_ref (ticket), g_object_unref);
          return;
        }
    }
  g_task_return_new_error (task, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_NOT_FOUND,
                           _("The helpdesk has no ticket %" PRId64 " (or this account "
                             "may not see it)."), id);
}

static void
csm_rt_provider_fetch_ticket_async (CsmProvider         *provider,
                                    gint64               ticket_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  CsmRtProvider *self = CSM_RT_PROVIDER (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *sql = g_strdup_printf ("id = %" G_GINT64_FORMAT, ticket_id);
  g_autofree char *path = ticket_path (sql);

  g_task_set_source_tag (task, csm_rt_provider_fetch_ticket_async);
  g_task_set_task_data (task, GSIZE_TO_POINTER ((gsize) ticket_id), NULL);
  csm_http_client_request_async (self->http, "GET", path, NULL, cancellable, fetch_ticket_cb,
                                 task);
}

static CsmTicket *
csm_rt_provider_fetch_ticket_finish (CsmProvider   *provider,
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

  g_queue_clear_full (&self->waiting, g_object_unref);
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
  provider_class->lookup_agents_async = csm_rt_provider_lookup_agents_async;
  provider_class->lookup_agents_finish = csm_rt_provider_lookup_agents_finish;
  provider_class->fetch_tickets_async = csm_rt_provider_fetch_tickets_async;
  provider_class->fetch_tickets_finish = csm_rt_provider_fetch_tickets_finish;
  provider_class->fetch_transactions_async = csm_rt_provider_fetch_transactions_async;
  provider_class->fetch_transactions_finish = csm_rt_provider_fetch_transactions_finish;
  provider_class->latest_transaction_async = csm_rt_provider_latest_transaction_async;
  provider_class->latest_transaction_finish = csm_rt_provider_latest_transaction_finish;
  provider_class->fetch_ticket_histories_async = csm_rt_provider_fetch_ticket_histories_async;
  provider_class->fetch_ticket_histories_finish = csm_rt_provider_fetch_ticket_histories_finish;
  provider_class->update_ticket_async = csm_rt_provider_update_ticket_async;
  provider_class->update_ticket_finish = csm_rt_provider_update_ticket_finish;
  provider_class->fetch_ticket_async = csm_rt_provider_fetch_ticket_async;
  provider_class->fetch_ticket_finish = csm_rt_provider_fetch_ticket_finish;
}

static void
csm_rt_provider_init (CsmRtProvider *self)
{
  g_queue_init (&self->waiting);
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
