/* csm-store.h: the per-account helpdesk cache (SQLite, WAL), owned by one worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "csm-ticket-metrics.h"
#include "csm-types.h"

G_BEGIN_DECLS

#define CSM_TYPE_STORE (csm_store_get_type ())

G_DECLARE_FINAL_TYPE (CsmStore, csm_store, CSM, STORE, GObject)

#define CSM_STORE_ERROR (csm_store_error_quark ())

typedef enum
{
  CSM_STORE_ERROR_OPEN,      /* the file cannot be created or opened */
  CSM_STORE_ERROR_CORRUPT,   /* the file is damaged (it is rebuilt on the next open) */
  CSM_STORE_ERROR_TOO_NEW,   /* written by a newer console with an unknown schema */
  CSM_STORE_ERROR_IO,        /* any other SQLite failure (disk full, …) */
  CSM_STORE_ERROR_CLOSED,    /* the store was closed */
} CsmStoreError;

/* The newest schema this build writes; migrations bring older files up. */
#define CSM_STORE_SCHEMA_VERSION 3

/**
 * CsmStoreSnapshot:
 * @tickets: (element-type CsmTicket): every cached ticket, with its metrics
 * @queues: (element-type CsmQueue): the cached queue list
 * @agents: (element-type CsmAgent): the cached agent list
 * @cursors: (element-type utf8 utf8): sync cursors by name
 *
 * What the console needs to draw before the network answers, loaded at
 * once at startup. Ticket histories stay in the cache: what they say of
 * each ticket (first response, handle time) comes with the ticket, and a
 * whole history is read with csm_store_load_history_async().
 */
typedef struct
{
  GPtrArray *tickets;
  GPtrArray *queues;
  GPtrArray *agents;
  GHashTable *cursors;
} CsmStoreSnapshot;

/**
 * CsmStoreBatch:
 *
 * A set of writes committed in one SQLite transaction: a sync's tickets,
 * transactions and its new cursors land together or not at all, so a
 * cursor never runs ahead of the data it covers.
 *
 * A batch holds references to the tickets, transactions, queues and agents
 * it is given. The worker thread reads them while it writes, so the caller
 * must not modify them (for instance with csm_ticket_update_from()) until
 * the commit has finished; hand it fresh objects or copies.
 *
 * Within one batch, upserts are written first and deletions last: a ticket
 * that is both added and deleted in the same batch ends up deleted.
 *
 * In the same transaction, the commit works out again the metrics (see
 * #CsmTicketMetrics) of every ticket the batch writes or adds history to,
 * from the whole history the cache holds, and reports those that changed;
 * see csm_store_batch_defer_metrics() and
 * csm_store_batch_update_all_metrics() for the other choices.
 * csm_store_commit_async() takes ownership of the batch (transfer full):
 * hand it over with g_steal_pointer() and do not touch it afterwards.
 */
typedef struct _CsmStoreBatch CsmStoreBatch;

/**
 * CsmStoreMetrics:
 * @ticket_id: the ticket
 * @metrics: what its history now says
 */
typedef struct
{
  gint64 ticket_id;
  CsmTicketMetrics metrics;
} CsmStoreMetrics;

/**
 * CsmOutboxEntry:
 * @id: the store's id for the entry
 * @ticket_id: the ticket to change
 * @field: "Owner" or "Status"
 * @value: the new value
 * @previous: (nullable): the value the console showed when the user acted
 * @queued: when the user acted (unix seconds)
 * @attempts: how many times the write was sent
 * @next_attempt: not before this time (unix seconds; 0 = now)
 * @state: where the write stands
 * @error: (nullable): the last failure, as the helpdesk put it
 *
 * One write-back waiting in the cache's outbox (see #CsmOutbox).
 */
typedef struct
{
  gint64 id;
  gint64 ticket_id;
  char *field;
  char *value;
  char *previous;
  gint64 queued;
  guint attempts;
  gint64 next_attempt;
  CsmOutboxState state;
  char *error;
} CsmOutboxEntry;

GType              csm_outbox_entry_get_type        (void) G_GNUC_CONST;
CsmOutboxEntry    *csm_outbox_entry_copy            (const CsmOutboxEntry *entry);
void               csm_outbox_entry_free            (CsmOutboxEntry  *entry);
const char        *csm_outbox_state_to_string       (CsmOutboxState   state);

GQuark             csm_store_error_quark            (void);

CsmStoreBatch     *csm_store_batch_new              (void);
void               csm_store_batch_free             (CsmStoreBatch   *batch);
void               csm_store_batch_add_tickets      (CsmStoreBatch   *batch,
                                                     GPtrArray       *tickets);
void               csm_store_batch_delete_ticket    (CsmStoreBatch   *batch,
                                                     gint64           ticket_id);
void               csm_store_batch_add_transactions (CsmStoreBatch   *batch,
                                                     GPtrArray       *transactions);
void               csm_store_batch_replace_queues   (CsmStoreBatch   *batch,
                                                     GPtrArray       *queues);
void               csm_store_batch_replace_agents   (CsmStoreBatch   *batch,
                                                     GPtrArray       *agents);
void               csm_store_batch_set_cursor       (CsmStoreBatch   *batch,
                                                     const char      *name,
                                                     const char      *value);
void               csm_store_batch_defer_metrics    (CsmStoreBatch   *batch);
void               csm_store_batch_update_all_metrics (CsmStoreBatch *batch);
gboolean           csm_store_batch_is_empty         (CsmStoreBatch   *batch);

void               csm_store_snapshot_free          (CsmStoreSnapshot *snapshot);

char              *csm_store_path_for_account       (const char      *account_id);

void               csm_store_open_async             (const char      *path,
                                                     GCancellable    *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer         user_data);
CsmStore          *csm_store_open_finish            (GAsyncResult    *result,
                                                     GError         **error);
const char        *csm_store_get_path               (CsmStore        *self);
gboolean           csm_store_get_was_rebuilt        (CsmStore        *self);
int                csm_store_get_schema_version     (CsmStore        *self);

void               csm_store_load_async             (CsmStore        *self,
                                                     GCancellable    *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer         user_data);
CsmStoreSnapshot  *csm_store_load_finish            (CsmStore        *self,
                                                     GAsyncResult    *result,
                                                     GError         **error);

/* csm_store_commit_async() takes ownership of @batch (transfer full): the
 * caller must not touch or free it afterwards. */
void               csm_store_commit_async           (CsmStore        *self,
                                                     CsmStoreBatch   *batch,
                                                     GCancellable    *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer         user_data);
gboolean           csm_store_commit_finish          (CsmStore        *self,
                                                     GAsyncResult    *result,
                                                     GArray         **out_metrics,
                                                     GError         **error);

void               csm_store_load_history_async     (CsmStore        *self,
                                                     gint64           ticket_id,
                                                     GCancellable    *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer         user_data);
GPtrArray         *csm_store_load_history_finish    (CsmStore        *self,
                                                     GAsyncResult    *result,
                                                     GError         **error);

void               csm_store_load_transactions_between_async  (CsmStore        *self,
                                                               gint64           from,
                                                               gint64           to,
                                                               GCancellable    *cancellable,
                                                               GAsyncReadyCallback callback,
                                                               gpointer         user_data);
GPtrArray         *csm_store_load_transactions_between_finish (CsmStore        *self,
                                                               GAsyncResult    *result,
                                                               GError         **error);

void               csm_store_load_kpi_histories_async         (CsmStore        *self,
                                                               GCancellable    *cancellable,
                                                               GAsyncReadyCallback callback,
                                                               gpointer         user_data);
GHashTable        *csm_store_load_kpi_histories_finish        (CsmStore        *self,
                                                               GAsyncResult    *result,
                                                               GError         **error);

void               csm_store_outbox_add_async       (CsmStore        *self,
                                                     gint64           ticket_id,
                                                     const char      *field,
                                                     const char      *value,
                                                     const char      *previous,
                                                     gint64           queued,
                                                     GCancellable    *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer         user_data);
gint64             csm_store_outbox_add_finish      (CsmStore        *self,
                                                     GAsyncResult    *result,
                                                     GError         **error);
void               csm_store_outbox_list_async      (CsmStore        *self,
                                                     GCancellable    *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer         user_data);
GPtrArray         *csm_store_outbox_list_finish     (CsmStore        *self,
                                                     GAsyncResult    *result,
                                                     GError         **error);
void               csm_store_outbox_update_async    (CsmStore        *self,
                                                     const CsmOutboxEntry *entry,
                                                     GCancellable    *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer         user_data);
gboolean           csm_store_outbox_update_finish   (CsmStore        *self,
                                                     GAsyncResult    *result,
                                                     GError         **error);
void               csm_store_outbox_remove_async    (CsmStore        *self,
                                                     gint64           id,
                                                     GCancellable    *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer         user_data);
gboolean           csm_store_outbox_remove_finish   (CsmStore        *self,
                                                     GAsyncResult    *result,
                                                     GError         **error);

void               csm_store_close_async            (CsmStore        *self,
                                                     GCancellable    *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer         user_data);
gboolean           csm_store_close_finish           (CsmStore        *self,
                                                     GAsyncResult    *result,
                                                     GError         **error);

/*
 * Threads: every function above may be called from any thread; a callback
 * runs in the thread-default main context of the thread that started the
 * call. The SQLite connection itself is only ever touched by the store's
 * worker thread. Jobs run one at a time in the order they were started.
 *
 * Cancellation: a job whose cancellable is cancelled before the worker
 * starts it returns %G_IO_ERROR_CANCELLED without touching the database.
 * A load stops early when cancelled; a commit that has started is not
 * interrupted and reports what really happened (so a cancelled commit never
 * claims "cancelled" while its data landed). A close always closes.
 *
 * Closing: close waits for the jobs started before it, then closes the
 * database; jobs started afterwards fail with %CSM_STORE_ERROR_CLOSED.
 * Dropping the last reference without closing also finishes cleanly.
 */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmStoreBatch, csm_store_batch_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmOutboxEntry, csm_outbox_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmStoreSnapshot, csm_store_snapshot_free)

G_END_DECLS
