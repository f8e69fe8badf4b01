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

#include "csm-provider-private.h"
#include "csm-rt-provider-private.h"
#include "csm-rt-query.h"

/* Paged fetches are in csm-rt-paging.c; the searches, paths and bodies this
 * file sends, in csm-rt-query.c. */

G_DEFINE_FINAL_TYPE (CsmRtProvider, csm_rt_provider, CSM_TYPE_PROVIDER)

/* "Now" on the server's clock, known from its Date headers: what RT's
 * relative dates count back from. */
static gint64
server_now (CsmRtProvider *self)
{
  return g_get_real_time () / G_USEC_PER_SEC + csm_http_client_get_server_offset (self->http);
}

/* Takes @task's creation reference. */
static void
run_paths (GTask     *task,
           GPtrArray *paths)
{
  for (guint i = 0; i < paths->len; i++)
    _csm_rt_paged_fetch_add_path (task, g_ptr_array_index (paths, i));
  _csm_rt_paged_fetch_run (task);
}

/* ------------------------------------------------------------------------ */
/* Tickets and transactions, page by page to the caller */

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
  GTask *task = _csm_rt_paged_fetch_new (self, CSM_RT_ITEM_TICKET, page_func, page_data,
                                         cancellable, callback, user_data,
                                         csm_rt_provider_fetch_tickets_async);
  g_autoptr(GPtrArray) paths = csm_rt_query_ticket_paths (query, server_now (self));

  run_paths (task, paths);
}

static gboolean
csm_rt_provider_fetch_tickets_finish (CsmProvider     *provider,
                                      GAsyncResult    *result,
                                      CsmFetchResult  *out_result,
                                      GError         **error)
{
  return _csm_rt_paged_fetch_finish (result, out_result, error);
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
  GTask *task = _csm_rt_paged_fetch_new (self, CSM_RT_ITEM_TRANSACTION, page_func, page_data,
                                         cancellable, callback, user_data,
                                         csm_rt_provider_fetch_transactions_async);
  g_autofree char *path = csm_rt_query_transactions_path (query, server_now (self));

  _csm_rt_paged_fetch_add_path (task, path);
  _csm_rt_paged_fetch_run (task);
}

static gboolean
csm_rt_provider_fetch_transactions_finish (CsmProvider     *provider,
                                           GAsyncResult    *result,
                                           CsmFetchResult  *out_result,
                                           GError         **error)
{
  return _csm_rt_paged_fetch_finish (result, out_result, error);
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
  GTask *task = _csm_rt_paged_fetch_new (self, CSM_RT_ITEM_TRANSACTION, page_func, page_data,
                                         cancellable, callback, user_data,
                                         csm_rt_provider_fetch_ticket_histories_async);
  g_autoptr(GPtrArray) paths = csm_rt_query_history_paths (ticket_ids);

  run_paths (task, paths);
}

static gboolean
csm_rt_provider_fetch_ticket_histories_finish (CsmProvider     *provider,
                                               GAsyncResult    *result,
                                               CsmFetchResult  *out_result,
                                               GError         **error)
{
  return _csm_rt_paged_fetch_finish (result, out_result, error);
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
  g_autofree char *path = csm_rt_query_latest_transaction_path ();

  g_task_set_source_tag (task, csm_rt_provider_latest_transaction_async);
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
csm_rt_provider_list_queues_async (CsmProvider         *provider,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  CsmRtProvider *self = CSM_RT_PROVIDER (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_task_set_source_tag (task, csm_rt_provider_list_queues_async);
  g_ptr_array_add (paths, csm_rt_query_queues_path ());
  _csm_rt_collect_all (self, task, paths, CSM_RT_ITEM_QUEUE, FALSE);
}

static GPtrArray *
csm_rt_provider_list_queues_finish (CsmProvider   *provider,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
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
    g_ptr_array_add (paths,
                     csm_rt_query_user_path (csm_agent_get_name (g_ptr_array_index (members, i))));

  if (paths->len == 0)
    {
      g_task_return_pointer (task, g_ptr_array_new_with_free_func (g_object_unref),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  _csm_rt_collect_all (self, g_steal_pointer (&task), paths, CSM_RT_ITEM_USER_RECORD, FALSE);
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
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *group = g_object_get_data (G_OBJECT (task), "group");
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

  g_ptr_array_add (paths, csm_rt_query_group_members_path (g_ptr_array_index (page->items, 0)));
  cancellable = g_task_get_cancellable (task);
  members = g_task_new (self, cancellable, members_cb, g_steal_pointer (&task));
  _csm_rt_collect_all (self, members, paths, CSM_RT_ITEM_USER, FALSE);
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
  g_autoptr(GBytes) body = csm_rt_query_group_search_body (group);

  g_task_set_source_tag (task, csm_rt_provider_list_agents_async);
  g_object_set_data_full (G_OBJECT (task), "group",
                          g_strdup (group ? group : "Privileged"), g_free);
  if (group == NULL)
    g_object_set_data (G_OBJECT (task), "privileged", GINT_TO_POINTER (TRUE));

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
    g_ptr_array_add (paths, csm_rt_query_user_path (names[i]));
  _csm_rt_collect_all (self, task, paths, CSM_RT_ITEM_USER_RECORD, TRUE);
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
  g_autoptr(GBytes) body = csm_rt_query_ticket_update_body (field, value);
  g_autofree char *path = csm_rt_query_ticket_update_path (ticket_id);

  g_task_set_source_tag (task, csm_rt_provider_update_ticket_async);
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
  g_autofree char *path = csm_rt_query_ticket_path (ticket_id);

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

/* A ticket's message parts: every page of its attachments, copied out of
 * each page as it comes. */
static void
parts_page (GPtrArray *items,
            gpointer   user_data)
{
  GPtrArray *all = user_data;

  for (guint i = 0; i < items->len; i++)
    {
      const CsmMessagePart *part = g_ptr_array_index (items, i);
      gboolean text = part->filename == NULL && part->content_type != NULL &&
                      g_ascii_strncasecmp (part->content_type, "text/", 5) == 0;

      /* Only a message's own text is kept: attached files' content is not. */
      g_ptr_array_add (all, csm_message_part_new (part->id, part->transaction_id,
                                                  part->content_type, part->filename,
                                                  text ? part->content : NULL));
    }
}

static void
parts_done_cb (GObject      *object,
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

static void
csm_rt_provider_fetch_message_parts_async (CsmProvider         *provider,
                                           gint64               ticket_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  CsmRtProvider *self = CSM_RT_PROVIDER (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_message_part_free);
  g_autofree char *path = csm_rt_query_message_parts_path (ticket_id);
  GTask *fetch;

  g_task_set_source_tag (task, csm_rt_provider_fetch_message_parts_async);
  g_task_set_task_data (task, all, (GDestroyNotify) g_ptr_array_unref);
  fetch = _csm_rt_paged_fetch_new (self, CSM_RT_ITEM_MESSAGE_PART, parts_page, all, cancellable,
                                   parts_done_cb, task, csm_rt_provider_fetch_message_parts_async);
  _csm_rt_paged_fetch_add_path (fetch, path);
  _csm_rt_paged_fetch_run (fetch);
}

static GPtrArray *
csm_rt_provider_fetch_message_parts_finish (CsmProvider   *provider,
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
  provider_class->fetch_message_parts_async = csm_rt_provider_fetch_message_parts_async;
  provider_class->fetch_message_parts_finish = csm_rt_provider_fetch_message_parts_finish;
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
