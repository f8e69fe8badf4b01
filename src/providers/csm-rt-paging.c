/* csm-rt-paging.c: REST2 collections fetched page by page, within the provider's max-in-flight.
 *
 * A fetch is a set of collection paths (one search, or one per batch of
 * ticket ids). The first page of each path says how many pages it has;
 * further pages are queued then. Up to max-in-flight requests run at once;
 * each body is parsed on a worker thread and its items handed to the caller
 * on its main context as they arrive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-rt-provider"

#include "config.h"

#include "csm-rt-provider-private.h"

/* RT caps per_page at 100, silently. */
#define RT_PER_PAGE 100

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

GTask *
_csm_rt_paged_fetch_new (CsmRtProvider       *self,
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

void
_csm_rt_paged_fetch_add_path (GTask      *task,
                              const char *path)
{
  PagedFetch *fetch = g_task_get_task_data (task);
  PageJob *job = g_new0 (PageJob, 1);

  job->path = g_strdup (path);
  job->page = 1;
  g_queue_push_tail (&fetch->jobs, job);
}

/* Takes the task's creation reference. */
void
_csm_rt_paged_fetch_run (GTask *task)
{
  paged_fetch_pump (task);
  g_object_unref (task);
}

gboolean
_csm_rt_paged_fetch_finish (GAsyncResult    *result,
                            CsmFetchResult  *out_result,
                            GError         **error)
{
  PagedFetch *fetch = g_task_get_task_data (G_TASK (result));

  if (out_result != NULL)
    *out_result = fetch->result;
  return g_task_propagate_boolean (G_TASK (result), error);
}

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

  if (!_csm_rt_paged_fetch_finish (result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_ptr_array_ref (g_task_get_task_data (task)),
                           (GDestroyNotify) g_ptr_array_unref);
}

/* Takes @task; fetches every page of each of @paths (element-type utf8)
 * into one array, which @task returns. With
 * @skip_missing a path answering 404 adds nothing instead of failing. */
void
_csm_rt_collect_all (CsmRtProvider *self,
                     GTask         *task,
                     GPtrArray     *paths,
                     CsmRtItemKind  kind,
                     gboolean       skip_missing)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  GTask *fetch;

  g_task_set_task_data (task, all, (GDestroyNotify) g_ptr_array_unref);
  fetch = _csm_rt_paged_fetch_new (self, kind, collect_page, all, g_task_get_cancellable (task),
                                   collect_done_cb, task, _csm_rt_collect_all);
  ((PagedFetch *) g_task_get_task_data (fetch))->skip_missing = skip_missing;
  for (guint i = 0; i < paths->len; i++)
    _csm_rt_paged_fetch_add_path (fetch, g_ptr_array_index (paths, i));
  _csm_rt_paged_fetch_run (fetch);
}
