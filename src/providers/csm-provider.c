/* csm-provider.c: the base class every helpdesk backend implements.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-provider"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-http-client.h"
#include "csm-provider-private.h"
#include "csm-rt-provider.h"
#include "csm-ticket.h"

typedef struct
{
  CsmAccount *account;
  CsmHttpClient *http;
  guint max_in_flight;
} CsmProviderPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CsmProvider, csm_provider, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_MAX_IN_FLIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
csm_provider_dispose (GObject *object)
{
  CsmProvider *self = CSM_PROVIDER (object);
  CsmProviderPrivate *priv = csm_provider_get_instance_private (self);

  g_clear_object (&priv->http);

  G_OBJECT_CLASS (csm_provider_parent_class)->dispose (object);
}

static void
csm_provider_finalize (GObject *object)
{
  CsmProvider *self = CSM_PROVIDER (object);
  CsmProviderPrivate *priv = csm_provider_get_instance_private (self);

  g_clear_object (&priv->account);

  G_OBJECT_CLASS (csm_provider_parent_class)->finalize (object);
}

static void
csm_provider_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CsmProvider *self = CSM_PROVIDER (object);
  CsmProviderPrivate *priv = csm_provider_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, priv->account);
      break;
    case PROP_MAX_IN_FLIGHT:
      g_value_set_uint (value, priv->max_in_flight);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_provider_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CsmProvider *self = CSM_PROVIDER (object);
  CsmProviderPrivate *priv = csm_provider_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      priv->account = g_value_dup_object (value);
      break;
    case PROP_MAX_IN_FLIGHT:
      csm_provider_set_max_in_flight (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static CsmProviderCapabilities
csm_provider_real_get_capabilities (CsmProvider *self)
{
  return CSM_PROVIDER_CAP_NONE;
}

static void
csm_provider_class_init (CsmProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = csm_provider_dispose;
  object_class->finalize = csm_provider_finalize;
  object_class->get_property = csm_provider_get_property;
  object_class->set_property = csm_provider_set_property;

  klass->get_capabilities = csm_provider_real_get_capabilities;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, CSM_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_IN_FLIGHT] =
    g_param_spec_uint ("max-in-flight", NULL, NULL, 1, 32, 4,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csm_provider_init (CsmProvider *self)
{
  CsmProviderPrivate *priv = csm_provider_get_instance_private (self);

  priv->max_in_flight = 4;
}

/**
 * csm_provider_new_for_account:
 * @account: the helpdesk account
 * @secret: the token or password, from the keyring; kept only in memory
 *
 * Returns: (transfer full) (nullable): the provider for the account's helpdesk
 */
CsmProvider *
csm_provider_new_for_account (CsmAccount  *account,
                              const char  *secret,
                              GError     **error)
{
  const char *kind;

  g_return_val_if_fail (CSM_IS_ACCOUNT (account), NULL);

  kind = csm_account_get_provider (account);
  if (g_strcmp0 (kind, "rt") == 0)
    return CSM_PROVIDER (csm_rt_provider_new (account, secret));

  g_set_error (error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_NOT_HELPDESK,
               _("CSM Console cannot talk to helpdesks of kind “%s”."), kind);
  return NULL;
}

CsmAccount *
csm_provider_get_account (CsmProvider *self)
{
  CsmProviderPrivate *priv = csm_provider_get_instance_private (self);

  g_return_val_if_fail (CSM_IS_PROVIDER (self), NULL);
  return priv->account;
}

/**
 * csm_provider_set_secret:
 * @secret: (nullable): the token or password, from the keyring
 *
 * Gives the provider its credentials, which may arrive after it was made
 * (the keyring answers asynchronously; the cache need not wait for it).
 */
void
csm_provider_set_secret (CsmProvider *self,
                         const char  *secret)
{
  g_return_if_fail (CSM_IS_PROVIDER (self));

  if (CSM_PROVIDER_GET_CLASS (self)->set_secret != NULL)
    CSM_PROVIDER_GET_CLASS (self)->set_secret (self, secret);
}

guint
csm_provider_get_max_in_flight (CsmProvider *self)
{
  CsmProviderPrivate *priv = csm_provider_get_instance_private (self);

  g_return_val_if_fail (CSM_IS_PROVIDER (self), 1);
  return priv->max_in_flight;
}

/**
 * csm_provider_set_max_in_flight:
 * @n: how many requests a sync may have outstanding at once (1–32)
 */
void
csm_provider_set_max_in_flight (CsmProvider *self,
                                guint        n)
{
  CsmProviderPrivate *priv = csm_provider_get_instance_private (self);

  g_return_if_fail (CSM_IS_PROVIDER (self));

  n = CLAMP (n, 1, 32);
  if (priv->max_in_flight == n)
    return;
  priv->max_in_flight = n;
  if (priv->http != NULL)
    csm_http_client_set_max_connections (priv->http, n);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_IN_FLIGHT]);
}

void
_csm_provider_set_http_client (CsmProvider   *self,
                               CsmHttpClient *http)
{
  CsmProviderPrivate *priv = csm_provider_get_instance_private (self);

  g_set_object (&priv->http, http);
  if (http != NULL)
    csm_http_client_set_max_connections (http, priv->max_in_flight);
}

CsmHttpClient *
_csm_provider_get_http_client (CsmProvider *self)
{
  CsmProviderPrivate *priv = csm_provider_get_instance_private (self);

  return priv->http;
}

/**
 * csm_provider_get_request_count:
 *
 * Returns: how many HTTP requests this provider has sent, for the header's
 *   sync details and the benchmarks
 */
guint64
csm_provider_get_request_count (CsmProvider *self)
{
  CsmProviderPrivate *priv = csm_provider_get_instance_private (self);

  g_return_val_if_fail (CSM_IS_PROVIDER (self), 0);
  return priv->http ? csm_http_client_get_request_count (priv->http) : 0;
}

guint64
csm_provider_get_bytes_received (CsmProvider *self)
{
  CsmProviderPrivate *priv = csm_provider_get_instance_private (self);

  g_return_val_if_fail (CSM_IS_PROVIDER (self), 0);
  return priv->http ? csm_http_client_get_bytes_received (priv->http) : 0;
}

CsmProviderCapabilities
csm_provider_get_capabilities (CsmProvider *self)
{
  g_return_val_if_fail (CSM_IS_PROVIDER (self), CSM_PROVIDER_CAP_NONE);
  return CSM_PROVIDER_GET_CLASS (self)->get_capabilities (self);
}

static gboolean
unsupported (CsmProvider         *self,
             gpointer             vfunc,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag)
{
  if (vfunc != NULL)
    return FALSE;
  g_task_report_new_error (self, callback, user_data, source_tag,
                           CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_NOT_HELPDESK,
                           _("This helpdesk cannot do that."));
  return TRUE;
}

/**
 * csm_provider_check_async:
 *
 * Checks that the account reaches a helpdesk of the provider's kind and that
 * the credentials work: what the connection dialog runs before saving.
 */
void
csm_provider_check_async (CsmProvider         *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (CSM_IS_PROVIDER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (unsupported (self, CSM_PROVIDER_GET_CLASS (self)->check_async, callback, user_data,
                   csm_provider_check_async))
    return;
  CSM_PROVIDER_GET_CLASS (self)->check_async (self, cancellable, callback, user_data);
}

/**
 * csm_provider_check_finish:
 *
 * Returns: (transfer full): the helpdesk's name and version, e.g. "Request Tracker 5.0.3"
 */
char *
csm_provider_check_finish (CsmProvider   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (CSM_IS_PROVIDER (self), NULL);

  if (g_task_is_valid (result, self) &&
      g_task_get_source_tag (G_TASK (result)) == csm_provider_check_async)
    return g_task_propagate_pointer (G_TASK (result), error);
  return CSM_PROVIDER_GET_CLASS (self)->check_finish (self, result, error);
}

void
csm_provider_list_queues_async (CsmProvider         *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (CSM_IS_PROVIDER (self));

  if (unsupported (self, CSM_PROVIDER_GET_CLASS (self)->list_queues_async, callback, user_data,
                   csm_provider_list_queues_async))
    return;
  CSM_PROVIDER_GET_CLASS (self)->list_queues_async (self, cancellable, callback, user_data);
}

/**
 * csm_provider_list_queues_finish:
 *
 * Returns: (transfer container) (element-type CsmQueue): the queues the user can see
 */
GPtrArray *
csm_provider_list_queues_finish (CsmProvider   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CSM_IS_PROVIDER (self), NULL);

  if (g_task_is_valid (result, self) &&
      g_task_get_source_tag (G_TASK (result)) == csm_provider_list_queues_async)
    return g_task_propagate_pointer (G_TASK (result), error);
  return CSM_PROVIDER_GET_CLASS (self)->list_queues_finish (self, result, error);
}

void
csm_provider_list_agents_async (CsmProvider         *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (CSM_IS_PROVIDER (self));

  if (unsupported (self, CSM_PROVIDER_GET_CLASS (self)->list_agents_async, callback, user_data,
                   csm_provider_list_agents_async))
    return;
  CSM_PROVIDER_GET_CLASS (self)->list_agents_async (self, cancellable, callback, user_data);
}

/**
 * csm_provider_list_agents_finish:
 *
 * Returns: (transfer container) (element-type CsmAgent): the agents
 */
GPtrArray *
csm_provider_list_agents_finish (CsmProvider   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CSM_IS_PROVIDER (self), NULL);

  if (g_task_is_valid (result, self) &&
      g_task_get_source_tag (G_TASK (result)) == csm_provider_list_agents_async)
    return g_task_propagate_pointer (G_TASK (result), error);
  return CSM_PROVIDER_GET_CLASS (self)->list_agents_finish (self, result, error);
}

/**
 * csm_provider_lookup_agents_async:
 * @names: user names the helpdesk knows, %NULL-terminated
 *
 * Asks the helpdesk which of @names are agents, one user at a time: for a
 * helpdesk whose agent list fails with %CSM_PROVIDER_ERROR_UNLISTED. A
 * name the helpdesk does not know is not an agent.
 */
void
csm_provider_lookup_agents_async (CsmProvider         *self,
                                  const char * const  *names,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (CSM_IS_PROVIDER (self));
  g_return_if_fail (names != NULL);

  if (unsupported (self, CSM_PROVIDER_GET_CLASS (self)->lookup_agents_async, callback, user_data,
                   csm_provider_lookup_agents_async))
    return;
  CSM_PROVIDER_GET_CLASS (self)->lookup_agents_async (self, names, cancellable, callback,
                                                      user_data);
}

/**
 * csm_provider_lookup_agents_finish:
 *
 * Returns: (transfer container) (element-type CsmAgent): those of the names
 *   that are agents, in no particular order
 */
GPtrArray *
csm_provider_lookup_agents_finish (CsmProvider   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (CSM_IS_PROVIDER (self), NULL);

  if (g_task_is_valid (result, self) &&
      g_task_get_source_tag (G_TASK (result)) == csm_provider_lookup_agents_async)
    return g_task_propagate_pointer (G_TASK (result), error);
  return CSM_PROVIDER_GET_CLASS (self)->lookup_agents_finish (self, result, error);
}

/**
 * csm_provider_fetch_tickets_async:
 * @query: what to fetch: everything in the window, or what changed since
 * @page_func: called with each page of #CsmTicket
 *
 * Fetches tickets page by page, several pages in flight at once.
 */
void
csm_provider_fetch_tickets_async (CsmProvider          *self,
                                  const CsmTicketQuery *query,
                                  CsmPageFunc           page_func,
                                  gpointer              page_data,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_return_if_fail (CSM_IS_PROVIDER (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (page_func != NULL);

  if (unsupported (self, CSM_PROVIDER_GET_CLASS (self)->fetch_tickets_async, callback, user_data,
                   csm_provider_fetch_tickets_async))
    return;
  CSM_PROVIDER_GET_CLASS (self)->fetch_tickets_async (self, query, page_func, page_data,
                                                      cancellable, callback, user_data);
}

gboolean
csm_provider_fetch_tickets_finish (CsmProvider     *self,
                                   GAsyncResult    *result,
                                   CsmFetchResult  *out_result,
                                   GError         **error)
{
  g_return_val_if_fail (CSM_IS_PROVIDER (self), FALSE);

  if (g_task_is_valid (result, self) &&
      g_task_get_source_tag (G_TASK (result)) == csm_provider_fetch_tickets_async)
    return g_task_propagate_boolean (G_TASK (result), error);
  return CSM_PROVIDER_GET_CLASS (self)->fetch_tickets_finish (self, result, out_result, error);
}

/**
 * csm_provider_fetch_transactions_async:
 * @query: which transactions
 * @page_func: called with each page of #CsmTransaction (boxed, in a GPtrArray)
 */
void
csm_provider_fetch_transactions_async (CsmProvider               *self,
                                       const CsmTransactionQuery *query,
                                       CsmPageFunc                page_func,
                                       gpointer             page_data,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (CSM_IS_PROVIDER (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (page_func != NULL);

  if (unsupported (self, CSM_PROVIDER_GET_CLASS (self)->fetch_transactions_async, callback,
                   user_data, csm_provider_fetch_transactions_async))
    return;
  CSM_PROVIDER_GET_CLASS (self)->fetch_transactions_async (self, query, page_func, page_data,
                                                           cancellable, callback, user_data);
}

gboolean
csm_provider_fetch_transactions_finish (CsmProvider     *self,
                                        GAsyncResult    *result,
                                        CsmFetchResult  *out_result,
                                        GError         **error)
{
  g_return_val_if_fail (CSM_IS_PROVIDER (self), FALSE);

  if (g_task_is_valid (result, self) &&
      g_task_get_source_tag (G_TASK (result)) == csm_provider_fetch_transactions_async)
    return g_task_propagate_boolean (G_TASK (result), error);
  return CSM_PROVIDER_GET_CLASS (self)->fetch_transactions_finish (self, result, out_result,
                                                                   error);
}

/**
 * csm_provider_latest_transaction_async:
 *
 * Asks for the id of the newest ticket transaction: a full sync notes it
 * before fetching tickets, so that the next incremental sync looks again at
 * everything that changed while the full one ran.
 */
void
csm_provider_latest_transaction_async (CsmProvider         *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (CSM_IS_PROVIDER (self));

  if (unsupported (self, CSM_PROVIDER_GET_CLASS (self)->latest_transaction_async, callback,
                   user_data, csm_provider_latest_transaction_async))
    return;
  CSM_PROVIDER_GET_CLASS (self)->latest_transaction_async (self, cancellable, callback,
                                                           user_data);
}

/**
 * csm_provider_latest_transaction_finish:
 *
 * Returns: the newest transaction id, 0 when there is none, -1 on error
 */
gint64
csm_provider_latest_transaction_finish (CsmProvider   *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (CSM_IS_PROVIDER (self), -1);

  if (g_task_is_valid (result, self) &&
      g_task_get_source_tag (G_TASK (result)) == csm_provider_latest_transaction_async)
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
  return CSM_PROVIDER_GET_CLASS (self)->latest_transaction_finish (self, result, error);
}

/**
 * csm_provider_fetch_ticket_histories_async:
 * @ticket_ids: (element-type gint64): tickets whose whole history is wanted
 * @page_func: called with each page of #CsmTransaction
 *
 * Fetches the complete history of a few tickets: those older than the sync
 * window whose first replies fell outside it.
 */
void
csm_provider_fetch_ticket_histories_async (CsmProvider         *self,
                                           GArray              *ticket_ids,
                                           CsmPageFunc          page_func,
                                           gpointer             page_data,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (CSM_IS_PROVIDER (self));
  g_return_if_fail (ticket_ids != NULL);
  g_return_if_fail (page_func != NULL);

  if (unsupported (self, CSM_PROVIDER_GET_CLASS (self)->fetch_ticket_histories_async, callback,
                   user_data, csm_provider_fetch_ticket_histories_async))
    return;
  CSM_PROVIDER_GET_CLASS (self)->fetch_ticket_histories_async (self, ticket_ids, page_func,
                                                               page_data, cancellable,
                                                               callback, user_data);
}

gboolean
csm_provider_fetch_ticket_histories_finish (CsmProvider     *self,
                                            GAsyncResult    *result,
                                            CsmFetchResult  *out_result,
                                            GError         **error)
{
  g_return_val_if_fail (CSM_IS_PROVIDER (self), FALSE);

  if (g_task_is_valid (result, self) &&
      g_task_get_source_tag (G_TASK (result)) == csm_provider_fetch_ticket_histories_async)
    return g_task_propagate_boolean (G_TASK (result), error);
  return CSM_PROVIDER_GET_CLASS (self)->fetch_ticket_histories_finish (self, result,
                                                                       out_result, error);
}

/**
 * csm_provider_update_ticket_async:
 * @ticket_id: the ticket
 * @field: "Owner" or "Status": one field per request, so a refusal never
 *   leaves a change half made
 * @value: the new value (a user name, or a status)
 *
 * Changes one field of a ticket. A helpdesk that answers with an error
 * message (RT answers HTTP 200 either way) fails with
 * %CSM_PROVIDER_ERROR_REFUSED, or %CSM_PROVIDER_ERROR_FORBIDDEN when it
 * says the user lacks the right, carrying the helpdesk's own words.
 */
void
csm_provider_update_ticket_async (CsmProvider         *self,
                                  gint64               ticket_id,
                                  const char          *field,
                                  const char          *value,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (CSM_IS_PROVIDER (self));
  g_return_if_fail (ticket_id > 0);
  g_return_if_fail (field != NULL);
  g_return_if_fail (value != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (unsupported (self, CSM_PROVIDER_GET_CLASS (self)->update_ticket_async, callback, user_data,
                   csm_provider_update_ticket_async))
    return;
  CSM_PROVIDER_GET_CLASS (self)->update_ticket_async (self, ticket_id, field, value, cancellable,
                                                      callback, user_data);
}

gboolean
csm_provider_update_ticket_finish (CsmProvider   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (CSM_IS_PROVIDER (self), FALSE);

  if (g_task_is_valid (result, self) &&
      g_task_get_source_tag (G_TASK (result)) == csm_provider_update_ticket_async)
    return g_task_propagate_boolean (G_TASK (result), error);
  return CSM_PROVIDER_GET_CLASS (self)->update_ticket_finish (self, result, error);
}

/**
 * csm_provider_fetch_ticket_async:
 * @ticket_id: the ticket
 *
 * Reads one ticket's current state from the helpdesk (not the cache): what
 * the outbox checks before sending a write again after a crash.
 */
void
csm_provider_fetch_ticket_async (CsmProvider         *self,
                                 gint64               ticket_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CSM_IS_PROVIDER (self));
  g_return_if_fail (ticket_id > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (unsupported (self, CSM_PROVIDER_GET_CLASS (self)->fetch_ticket_async, callback, user_data,
                   csm_provider_fetch_ticket_async))
    return;
  CSM_PROVIDER_GET_CLASS (self)->fetch_ticket_async (self, ticket_id, cancellable, callback,
                                                     user_data);
}

/**
 * csm_provider_fetch_ticket_finish:
 *
 * Returns: (transfer full): the ticket; %CSM_PROVIDER_ERROR_NOT_FOUND when
 *   the helpdesk has none by that id (or the user may not see it)
 */
CsmTicket *
csm_provider_fetch_ticket_finish (CsmProvider   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (CSM_IS_PROVIDER (self), NULL);

  if (g_task_is_valid (result, self) &&
      g_task_get_source_tag (G_TASK (result)) == csm_provider_fetch_ticket_async)
    return g_task_propagate_pointer (G_TASK (result), error);
  return CSM_PROVIDER_GET_CLASS (self)->fetch_ticket_finish (self, result, error);
}

/**
 * csm_provider_fetch_message_parts_async:
 * @ticket_id: the ticket
 *
 * Reads the text of a ticket's messages (every MIME part of its creation,
 * replies and comments) for a transcript.
 */
void
csm_provider_fetch_message_parts_async (CsmProvider         *self,
                                        gint64               ticket_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (CSM_IS_PROVIDER (self));
  g_return_if_fail (ticket_id > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (unsupported (self, CSM_PROVIDER_GET_CLASS (self)->fetch_message_parts_async, callback,
                   user_data, csm_provider_fetch_message_parts_async))
    return;
  CSM_PROVIDER_GET_CLASS (self)->fetch_message_parts_async (self, ticket_id, cancellable,
                                                            callback, user_data);
}

/**
 * csm_provider_fetch_message_parts_finish:
 *
 * Returns: (transfer full) (element-type CsmMessagePart): the parts;
 *   %CSM_PROVIDER_ERROR_NOT_FOUND when the ticket does not exist (or the
 *   user may not see it)
 */
GPtrArray *
csm_provider_fetch_message_parts_finish (CsmProvider   *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (CSM_IS_PROVIDER (self), NULL);

  if (g_task_is_valid (result, self) &&
      g_task_get_source_tag (G_TASK (result)) == csm_provider_fetch_message_parts_async)
    return g_task_propagate_pointer (G_TASK (result), error);
  return CSM_PROVIDER_GET_CLASS (self)->fetch_message_parts_finish (self, result, error);
}

/**
 * csm_provider_ticket_has_value:
 * @field: "Owner" or "Status"
 * @value: the value a write sets
 *
 * Returns: whether @ticket already shows @value in @field, the way the
 *   helpdesk compares: user names exactly ("Nobody" is an unowned ticket),
 *   statuses without regard to case
 */
gboolean
csm_provider_ticket_has_value (CsmTicket  *ticket,
                               const char *field,
                               const char *value)
{
  g_return_val_if_fail (CSM_IS_TICKET (ticket), FALSE);
  g_return_val_if_fail (field != NULL && value != NULL, FALSE);

  if (g_ascii_strcasecmp (field, "Owner") == 0)
    {
      const char *owner = csm_ticket_get_owner (ticket);

      if (owner == NULL || *owner == '\0')
        owner = "Nobody";
      return g_strcmp0 (owner, value) == 0;
    }
  if (g_ascii_strcasecmp (field, "Status") == 0)
    return g_ascii_strcasecmp (csm_ticket_get_status (ticket) ? csm_ticket_get_status (ticket) : "",
                               value) == 0;
  return FALSE;
}
