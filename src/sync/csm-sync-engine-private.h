/* csm-sync-engine-private.h: the sync engine's insides, shared by the engine and its cycle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-agent-discovery.h"
#include "csm-sync-engine.h"

G_BEGIN_DECLS

#define CURSOR_TRANSACTIONS "transactions.after-id"
#define CURSOR_LAST_FULL "full.finished-at"
#define CURSOR_WINDOW "full.window-start"
#define CURSOR_FINISHED "sync.finished-at"
/* 1 while the helpdesk lists no agents and they are found from work (see
 * CsmAgentDiscovery), so a start from the cache keeps finding them. */
#define CURSOR_AGENTS_UNLISTED "agents.unlisted"
#define LOOKUP_BACKOFF_MIN_USEC (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define LOOKUP_BACKOFF_MAX_USEC (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

#define MAX_BACKOFF_SECONDS 300
#define PROGRESS_INTERVAL_USEC (500 * 1000)

struct _CsmSyncEngine
{
  GObject parent_instance;

  CsmProvider *provider;       /* (owned) */
  CsmStore *store;             /* (owned): the cache, on disk or in memory */
  CsmClock *clock;             /* (owned) */

  CsmTicketList *tickets;      /* (owned) */
  GListStore *queues;          /* (owned) (element-type CsmQueue) */
  GListStore *agents;          /* (owned) (element-type CsmAgent) */
  CsmAgentDiscovery *discovery; /* (owned) (nullable): when the helpdesk lists no agents */
  gint64 lookup_not_before;    /* monotonic: after a failed look-up, wait */
  gint64 lookup_backoff;       /* usec: the wait after the next failure */
  GHashTable *cursors;         /* (owned): name → value */

  CsmSyncState state;
  GError *error;
  gint64 last_success;
  gint64 data_time;
  gint64 next_attempt;
  gboolean syncing;
  gboolean has_data;
  CsmSyncStats last_stats;

  guint refresh_interval;
  guint reconcile_interval;
  guint history_days;

  guint failures;
  gboolean started;
  gboolean rerun;
  guint timer_id;
  GCancellable *cancellable;   /* (owned) (nullable): the running engine's */
};

gint64   csm_sync_engine_cursor_get_int             (CsmSyncEngine *self,
                                                     const char    *name);
void     csm_sync_engine_set_has_data               (CsmSyncEngine *self);
void     csm_sync_engine_apply_metrics              (CsmSyncEngine *self,
                                                     GArray        *metrics);
gboolean csm_sync_engine_set_agents                 (CsmSyncEngine *self,
                                                     GPtrArray     *agents);
void     csm_sync_engine_set_queues                 (CsmSyncEngine *self,
                                                     GPtrArray     *queues);
void     csm_sync_engine_start_discovery            (CsmSyncEngine *self);
void     csm_sync_engine_emit_refreshed             (CsmSyncEngine *self);
void     csm_sync_engine_emit_transactions_arrived  (CsmSyncEngine *self,
                                                     GPtrArray     *transactions);

G_END_DECLS
