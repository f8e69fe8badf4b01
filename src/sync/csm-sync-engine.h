/* csm-sync-engine.h: keeps the console's models in step with a helpdesk, through the cache.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "csm-clock.h"
#include "csm-provider.h"
#include "csm-store.h"
#include "csm-ticket-list.h"

G_BEGIN_DECLS

#define CSM_TYPE_SYNC_ENGINE (csm_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (CsmSyncEngine, csm_sync_engine, CSM, SYNC_ENGINE, GObject)

/**
 * CsmSyncStats:
 *
 * What one sync cycle did, for the header's details and the benchmarks.
 */
typedef struct
{
  CsmSyncKind kind;
  guint tickets_received;
  guint tickets_changed;
  guint tickets_removed;
  guint transactions_received;
  guint requests;
  guint64 bytes;
  gint64 started_usec;     /* monotonic */
  gint64 finished_usec;    /* monotonic */
} CsmSyncStats;

CsmSyncEngine  *csm_sync_engine_new                   (CsmProvider    *provider,
                                                       CsmStore       *store,
                                                       CsmClock       *clock);
CsmProvider    *csm_sync_engine_get_provider          (CsmSyncEngine  *self);
CsmStore       *csm_sync_engine_get_store             (CsmSyncEngine  *self);
CsmClock       *csm_sync_engine_get_clock             (CsmSyncEngine  *self);
CsmTicketList  *csm_sync_engine_get_tickets           (CsmSyncEngine  *self);
GListModel     *csm_sync_engine_get_queues            (CsmSyncEngine  *self);
GListModel     *csm_sync_engine_get_agents            (CsmSyncEngine  *self);
CsmSyncState    csm_sync_engine_get_state             (CsmSyncEngine  *self);
const GError   *csm_sync_engine_get_error             (CsmSyncEngine  *self);
gint64          csm_sync_engine_get_last_success      (CsmSyncEngine  *self);
gint64          csm_sync_engine_get_data_time         (CsmSyncEngine  *self);
gint64          csm_sync_engine_get_next_attempt      (CsmSyncEngine  *self);
gboolean        csm_sync_engine_get_has_data          (CsmSyncEngine  *self);
gboolean        csm_sync_engine_get_syncing           (CsmSyncEngine  *self);
const CsmSyncStats *csm_sync_engine_get_last_stats    (CsmSyncEngine  *self);
void            csm_sync_engine_set_refresh_interval  (CsmSyncEngine  *self,
                                                       guint           seconds);
void            csm_sync_engine_set_reconcile_interval(CsmSyncEngine  *self,
                                                       guint           seconds);
void            csm_sync_engine_set_history_days      (CsmSyncEngine  *self,
                                                       guint           days);
void            csm_sync_engine_start                 (CsmSyncEngine  *self);
void            csm_sync_engine_stop                  (CsmSyncEngine  *self);
void            csm_sync_engine_refresh_now           (CsmSyncEngine  *self);
void            csm_sync_engine_sync_async            (CsmSyncEngine  *self,
                                                       CsmSyncKind     kind,
                                                       GCancellable   *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer        user_data);
gboolean        csm_sync_engine_sync_finish           (CsmSyncEngine  *self,
                                                       GAsyncResult   *result,
                                                       CsmSyncStats   *out_stats,
                                                       GError        **error);
void            csm_sync_engine_load_cache_async      (CsmSyncEngine  *self,
                                                       GCancellable   *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer        user_data);
gboolean        csm_sync_engine_load_cache_finish     (CsmSyncEngine  *self,
                                                       GAsyncResult   *result,
                                                       GError        **error);

G_END_DECLS
