/* csm-store-private.h: what the parts of the store share: its jobs, its worker and its statements.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "csm-store.h"
#include "csm-transaction.h"

G_BEGIN_DECLS

/* Every statement the store runs, prepared once at open (csm-store-schema.c
 * holds their SQL) and kept for the life of the connection. */
typedef enum
{
  STMT_BEGIN_READ,
  STMT_BEGIN_WRITE,
  STMT_COMMIT,
  STMT_ROLLBACK,
  STMT_SET_META,
  STMT_GET_META,
  STMT_LOAD_TICKETS,
  STMT_LOAD_HISTORY,
  STMT_METRICS_TICKET,
  STMT_METRICS_ALL_TICKETS,
  STMT_METRICS_ALL_TRANSACTIONS,
  STMT_UPDATE_METRICS,
  STMT_LOAD_QUEUES,
  STMT_LOAD_AGENTS,
  STMT_LOAD_CURSORS,
  STMT_UPSERT_TICKET,
  STMT_DELETE_TICKET,
  STMT_DELETE_TICKET_TRANSACTIONS,
  STMT_UPSERT_TRANSACTION,
  STMT_CLEAR_QUEUES,
  STMT_INSERT_QUEUE,
  STMT_CLEAR_AGENTS,
  STMT_INSERT_AGENT,
  STMT_SET_CURSOR,
  STMT_DELETE_CURSOR,
  STMT_LOAD_TRANSACTIONS_BETWEEN,
  STMT_LOAD_STATUS_CHANGES,
  STMT_OUTBOX_ADD,
  STMT_OUTBOX_LIST,
  STMT_OUTBOX_UPDATE,
  STMT_OUTBOX_REMOVE,
  N_STMTS
} CsmStoreStmt;

typedef enum
{
  METRICS_TOUCHED,           /* the tickets the batch writes, or whose history it adds to */
  METRICS_DEFERRED,          /* none now; the cache remembers they are stale */
  METRICS_ALL,               /* every ticket */
} MetricsScope;

struct _CsmStoreBatch
{
  MetricsScope metrics;
  GPtrArray *tickets;        /* (element-type CsmTicket) */
  GArray *deleted;           /* (element-type gint64): ticket ids */
  GPtrArray *transactions;   /* (element-type CsmTransaction) */
  GPtrArray *queues;         /* (element-type CsmQueue) (nullable): NULL leaves them alone */
  GPtrArray *agents;         /* (element-type CsmAgent) (nullable): NULL leaves them alone */
  GHashTable *cursors;       /* name → value; a NULL value deletes the cursor */
};

typedef enum
{
  CSM_STORE_JOB_OPEN,
  CSM_STORE_JOB_LOAD,
  CSM_STORE_JOB_COMMIT,
  CSM_STORE_JOB_HISTORY,
  CSM_STORE_JOB_TRANSACTIONS_BETWEEN,
  CSM_STORE_JOB_KPI_HISTORIES,
  CSM_STORE_JOB_OUTBOX_ADD,
  CSM_STORE_JOB_OUTBOX_LIST,
  CSM_STORE_JOB_OUTBOX_UPDATE,
  CSM_STORE_JOB_OUTBOX_REMOVE,
  CSM_STORE_JOB_CLOSE,
  CSM_STORE_JOB_QUIT,       /* the store was dropped without being closed */
} CsmStoreJobKind;

typedef struct
{
  CsmStoreJobKind kind;
  GTask *task;                  /* (owned) (nullable): NULL only for QUIT */
  GCancellable *cancellable;    /* (owned) (nullable) */
  CsmStoreBatch *batch;         /* (owned) (nullable): for COMMIT */
  gint64 ticket_id;             /* for HISTORY */
  gint64 from, to;              /* for TRANSACTIONS_BETWEEN */
  CsmOutboxEntry *entry;        /* (owned) (nullable): for OUTBOX_ADD/UPDATE; id for REMOVE */

  /* Filled in by the worker, read back on the task's main context. */
  GError *error;
  CsmStoreSnapshot *snapshot;
  GArray *metrics;              /* (owned) (nullable): COMMIT: the metrics that changed */
  GPtrArray *history;           /* (owned) (nullable): HISTORY, TRANSACTIONS_BETWEEN, OUTBOX_LIST */
  GHashTable *histories;        /* (owned) (nullable): KPI_HISTORIES */
  gint64 new_id;                /* OUTBOX_ADD */
  gboolean was_rebuilt;
  int schema_version;
} CsmStoreJob;

typedef struct
{
  char *path;                    /* ":memory:" for a cache in memory */
  char *marker_path;             /* (nullable): NULL in memory */
  gboolean in_memory;
  GAsyncQueue *queue;            /* (owned) */
  sqlite3 *db;                   /* (nullable): only while open */
  sqlite3_stmt *stmts[N_STMTS];
  gboolean was_rebuilt;
  gboolean damaged;              /* corruption was seen; the marker is written */
} CsmStoreWorker;

/* Binds parameters in order and keeps the first failure. */
typedef struct
{
  sqlite3_stmt *stmt;
  int rc;
  int index;
} CsmStoreBinder;

static inline void
csm_store_bind_int64 (CsmStoreBinder *b,
                      gint64          value)
{
  if (b->rc == SQLITE_OK)
    b->rc = sqlite3_bind_int64 (b->stmt, ++b->index, value);
}

static inline void
csm_store_bind_text (CsmStoreBinder *b,
                     const char     *value)
{
  if (b->rc != SQLITE_OK)
    return;
  b->index++;
  if (value == NULL)
    b->rc = sqlite3_bind_null (b->stmt, b->index);
  else
    b->rc = sqlite3_bind_text (b->stmt, b->index, value, -1, SQLITE_STATIC);
}

/* csm-store.c: hands a finished job back to its task's main context */
void              _csm_store_job_complete                     (CsmStoreJob    *job);

/* csm-store-worker.c: the worker thread, its jobs, and the SQL helpers every part shares */
CsmStoreJob      *_csm_store_job_new                          (CsmStoreJobKind kind,
                                                               GTask          *task);
void              _csm_store_job_free                         (gpointer        data);
CsmStoreWorker   *_csm_store_worker_new                       (const char     *path,
                                                               GAsyncQueue    *queue);
void              _csm_store_worker_close_db                  (CsmStoreWorker *worker);
void              _csm_store_worker_free                      (CsmStoreWorker *worker);
const char       *_csm_store_worker_errmsg                    (CsmStoreWorker *worker,
                                                               int             rc);
void              _csm_store_worker_mark_damaged              (CsmStoreWorker *worker);
void              _csm_store_worker_set_error                 (CsmStoreWorker *worker,
                                                               int             rc,
                                                               const char     *doing,
                                                               GError        **error);
int               _csm_store_worker_run                       (CsmStoreWorker *worker,
                                                               CsmStoreStmt    which);
void              _csm_store_worker_rollback                  (CsmStoreWorker *worker);
int               _csm_store_binder_step                      (CsmStoreBinder *b);
char             *_csm_store_column_dup                       (sqlite3_stmt   *stmt,
                                                               int             column);
int               _csm_store_worker_set_meta                  (CsmStoreWorker *worker,
                                                               const char     *key,
                                                               const char     *value);
int               _csm_store_worker_get_meta                  (CsmStoreWorker *worker,
                                                               const char     *key,
                                                               char          **out_value);
gpointer          _csm_store_worker_main                      (gpointer        data);

/* csm-store-schema.c: opening, checking and migrating the file */
char             *_csm_store_marker_path                      (const char     *path);
gboolean          _csm_store_worker_open                      (CsmStoreWorker *worker,
                                                               GError        **error);

/* csm-store-batch.c */
CsmStoreSnapshot *_csm_store_snapshot_new                     (void);

/* csm-store-tickets.c: the ticket cache and the histories */
gboolean          _csm_store_column_strv                      (sqlite3_stmt   *stmt,
                                                               int             column,
                                                               char         ***out_strv);
void              _csm_store_row_to_transaction               (sqlite3_stmt   *stmt,
                                                               CsmTransaction *transaction);
GPtrArray        *_csm_store_worker_load_history              (CsmStoreWorker *worker,
                                                               gint64          ticket_id,
                                                               GError        **error);
CsmStoreSnapshot *_csm_store_worker_load                      (CsmStoreWorker *worker,
                                                               GCancellable   *cancellable,
                                                               GError        **error);
gboolean          _csm_store_worker_commit                    (CsmStoreWorker *worker,
                                                               CsmStoreBatch  *batch,
                                                               GArray         *changed,
                                                               GError        **error);
GPtrArray        *_csm_store_worker_load_transactions_between (CsmStoreWorker *worker,
                                                               gint64          from,
                                                               gint64          to,
                                                               GCancellable   *cancellable,
                                                               GError        **error);
GHashTable       *_csm_store_worker_load_kpi_histories        (CsmStoreWorker *worker,
                                                               GCancellable   *cancellable,
                                                               GError        **error);

/* csm-store-metrics.c */
gboolean          _csm_store_worker_refresh_stale_metrics     (CsmStoreWorker *worker,
                                                               GError        **error);
int               _csm_store_worker_batch_metrics             (CsmStoreWorker *worker,
                                                               CsmStoreBatch  *batch,
                                                               GArray         *changed);

/* csm-store-outbox.c */
gboolean          _csm_store_worker_outbox_add                (CsmStoreWorker *worker,
                                                               CsmOutboxEntry *entry,
                                                               gint64         *out_id,
                                                               GError        **error);
GPtrArray        *_csm_store_worker_outbox_list               (CsmStoreWorker *worker,
                                                               GError        **error);
gboolean          _csm_store_worker_outbox_update             (CsmStoreWorker *worker,
                                                               CsmOutboxEntry *entry,
                                                               GError        **error);
gboolean          _csm_store_worker_outbox_remove             (CsmStoreWorker *worker,
                                                               gint64          id,
                                                               GError        **error);

G_END_DECLS
