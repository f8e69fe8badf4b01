/* csm-provider.h: the base class every helpdesk backend implements.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "csm-account.h"
#include "csm-provider-error.h"
#include "csm-types.h"

G_BEGIN_DECLS

#define CSM_TYPE_PROVIDER (csm_provider_get_type ())

G_DECLARE_DERIVABLE_TYPE (CsmProvider, csm_provider, CSM, PROVIDER, GObject)

/**
 * CsmPageFunc:
 * @items: (element-type GObject): one page of results (tickets, transactions…)
 * @user_data: the data passed with the function
 *
 * Called on the caller's main context for every page as it arrives, so a
 * large sync can be stored and shown while it runs.
 */
typedef void (*CsmPageFunc) (GPtrArray *items,
                             gpointer   user_data);

/**
 * CsmFetchResult:
 * @server_time: the helpdesk's clock when the fetch began (from its Date
 *   header), or 0 when it gave none; the next incremental sync starts here
 * @items: how many items the pages held
 * @pages: how many pages were fetched
 * @requests: how many HTTP requests were sent
 * @max_id: the largest item id seen (transactions: the next cursor)
 * @max_updated: the latest LastUpdated seen (tickets)
 * @total: how many items the helpdesk said the query matched when the
 *   first page was served
 */
typedef struct
{
  gint64 server_time;
  gint64 total;
  guint items;
  guint pages;
  guint requests;
  gint64 max_id;
  gint64 max_updated;
} CsmFetchResult;

/**
 * CsmTicketQuery:
 * @window_start: every active ticket plus those changed since this instant
 *   (0: every ticket)
 * @ids: (nullable) (element-type gint64): fetch exactly these tickets
 *   instead (what an incremental sync does with the tickets its
 *   transactions named)
 */
typedef struct
{
  gint64 window_start;
  GArray *ids;
} CsmTicketQuery;

/**
 * CsmTransactionQuery:
 * @after_id: only transactions with a larger id (0: no lower bound)
 * @created_since: only transactions created at or after this (0: all)
 * @all_types: every kind of ticket change; otherwise only the kinds the
 *   metrics use (create, replies, comments, status, owner, queue, time)
 */
typedef struct
{
  gint64 after_id;
  gint64 created_since;
  gboolean all_types;
} CsmTransactionQuery;

struct _CsmProviderClass
{
  GObjectClass parent_class;

  CsmProviderCapabilities (*get_capabilities) (CsmProvider *self);
  void                    (*set_secret)       (CsmProvider *self,
                                               const char  *secret);

  void        (*check_async)              (CsmProvider         *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
  char       *(*check_finish)             (CsmProvider         *self,
                                           GAsyncResult        *result,
                                           GError             **error);

  void        (*list_queues_async)        (CsmProvider         *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
  GPtrArray  *(*list_queues_finish)       (CsmProvider         *self,
                                           GAsyncResult        *result,
                                           GError             **error);

  void        (*list_agents_async)        (CsmProvider         *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
  GPtrArray  *(*list_agents_finish)       (CsmProvider         *self,
                                           GAsyncResult        *result,
                                           GError             **error);

  void        (*lookup_agents_async)      (CsmProvider         *self,
                                           const char * const  *names,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
  GPtrArray  *(*lookup_agents_finish)     (CsmProvider         *self,
                                           GAsyncResult        *result,
                                           GError             **error);

  void        (*fetch_tickets_async)      (CsmProvider         *self,
                                           const CsmTicketQuery *query,
                                           CsmPageFunc          page_func,
                                           gpointer             page_data,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
  gboolean    (*fetch_tickets_finish)     (CsmProvider         *self,
                                           GAsyncResult        *result,
                                           CsmFetchResult      *out_result,
                                           GError             **error);

  void        (*fetch_transactions_async) (CsmProvider         *self,
                                           const CsmTransactionQuery *query,
                                           CsmPageFunc          page_func,
                                           gpointer             page_data,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
  gboolean    (*fetch_transactions_finish)(CsmProvider         *self,
                                           GAsyncResult        *result,
                                           CsmFetchResult      *out_result,
                                           GError             **error);

  void        (*latest_transaction_async) (CsmProvider         *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
  gint64      (*latest_transaction_finish)(CsmProvider         *self,
                                           GAsyncResult        *result,
                                           GError             **error);

  void        (*fetch_ticket_histories_async)  (CsmProvider    *self,
                                                GArray         *ticket_ids,
                                                CsmPageFunc     page_func,
                                                gpointer        page_data,
                                                GCancellable   *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer        user_data);
  gboolean    (*fetch_ticket_histories_finish) (CsmProvider    *self,
                                                GAsyncResult   *result,
                                                CsmFetchResult *out_result,
                                                GError        **error);

  void        (*update_ticket_async)      (CsmProvider         *self,
                                           gint64               ticket_id,
                                           const char          *field,
                                           const char          *value,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
  gboolean    (*update_ticket_finish)     (CsmProvider         *self,
                                           GAsyncResult        *result,
                                           GError             **error);

  void        (*fetch_ticket_async)       (CsmProvider         *self,
                                           gint64               ticket_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
  CsmTicket  *(*fetch_ticket_finish)      (CsmProvider         *self,
                                           GAsyncResult        *result,
                                           GError             **error);

  void        (*fetch_message_parts_async)  (CsmProvider         *self,
                                             gint64               ticket_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
  GPtrArray  *(*fetch_message_parts_finish) (CsmProvider         *self,
                                             GAsyncResult        *result,
                                             GError             **error);

  gpointer padding[2];
};

CsmProvider             *csm_provider_new_for_account            (CsmAccount           *account,
                                                                  const char           *secret,
                                                                  GError              **error);
CsmAccount              *csm_provider_get_account                (CsmProvider          *self);
void                     csm_provider_set_secret                 (CsmProvider          *self,
                                                                  const char           *secret);
guint                    csm_provider_get_max_in_flight          (CsmProvider          *self);
void                     csm_provider_set_max_in_flight          (CsmProvider          *self,
                                                                  guint                 n);
guint64                  csm_provider_get_request_count          (CsmProvider          *self);
guint64                  csm_provider_get_bytes_received         (CsmProvider          *self);
CsmProviderCapabilities  csm_provider_get_capabilities           (CsmProvider          *self);
void                     csm_provider_check_async                (CsmProvider          *self,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
char                    *csm_provider_check_finish               (CsmProvider          *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);
void                     csm_provider_list_queues_async          (CsmProvider          *self,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
GPtrArray               *csm_provider_list_queues_finish         (CsmProvider          *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);
void                     csm_provider_list_agents_async          (CsmProvider          *self,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
GPtrArray               *csm_provider_list_agents_finish         (CsmProvider          *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);
void                     csm_provider_lookup_agents_async        (CsmProvider          *self,
                                                                  const char * const   *names,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
GPtrArray               *csm_provider_lookup_agents_finish       (CsmProvider          *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);
void                     csm_provider_fetch_tickets_async        (CsmProvider          *self,
                                                                  const CsmTicketQuery *query,
                                                                  CsmPageFunc           page_func,
                                                                  gpointer              page_data,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
gboolean                 csm_provider_fetch_tickets_finish       (CsmProvider          *self,
                                                                  GAsyncResult         *result,
                                                                  CsmFetchResult       *out_result,
                                                                  GError              **error);
void                     csm_provider_fetch_transactions_async   (CsmProvider          *self,
                                                                  const CsmTransactionQuery *query,
                                                                  CsmPageFunc           page_func,
                                                                  gpointer              page_data,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
gboolean                 csm_provider_fetch_transactions_finish  (CsmProvider          *self,
                                                                  GAsyncResult         *result,
                                                                  CsmFetchResult       *out_result,
                                                                  GError              **error);
void                     csm_provider_latest_transaction_async   (CsmProvider          *self,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
gint64                   csm_provider_latest_transaction_finish  (CsmProvider          *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);
void                     csm_provider_fetch_ticket_histories_async  (CsmProvider       *self,
                                                                     GArray            *ticket_ids,
                                                                     CsmPageFunc        page_func,
                                                                     gpointer           page_data,
                                                                     GCancellable      *cancellable,
                                                                     GAsyncReadyCallback callback,
                                                                     gpointer           user_data);
gboolean                 csm_provider_fetch_ticket_histories_finish (CsmProvider       *self,
                                                                     GAsyncResult      *result,
                                                                     CsmFetchResult    *out_result,
                                                                     GError           **error);
void                     csm_provider_update_ticket_async        (CsmProvider          *self,
                                                                  gint64                ticket_id,
                                                                  const char           *field,
                                                                  const char           *value,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
gboolean                 csm_provider_update_ticket_finish       (CsmProvider          *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);
void                     csm_provider_fetch_ticket_async         (CsmProvider          *self,
                                                                  gint64                ticket_id,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
CsmTicket               *csm_provider_fetch_ticket_finish        (CsmProvider          *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);
void                     csm_provider_fetch_message_parts_async  (CsmProvider          *self,
                                                                  gint64                ticket_id,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
GPtrArray               *csm_provider_fetch_message_parts_finish (CsmProvider          *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);
gboolean                 csm_provider_ticket_has_value           (CsmTicket            *ticket,
                                                                  const char           *field,
                                                                  const char           *value);

G_END_DECLS
