/* csm-types.h: forward declarations and the enums shared across the console.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _CsmAgent         CsmAgent;
typedef struct _CsmClock         CsmClock;
typedef struct _CsmQueue         CsmQueue;
typedef struct _CsmQueueSummary  CsmQueueSummary;
typedef struct _CsmTicket        CsmTicket;
typedef struct _CsmTicketList    CsmTicketList;
typedef struct _CsmTransaction   CsmTransaction;

/* Where a ticket status sits in RT's default lifecycle. RT's TicketSQL
 * `__Active__` is new + open + stalled; everything else is inactive. */
typedef enum
{
  CSM_STATUS_CLASS_NEW,
  CSM_STATUS_CLASS_OPEN,
  CSM_STATUS_CLASS_STALLED,
  CSM_STATUS_CLASS_INACTIVE,
} CsmStatusClass;

/* The transaction kinds the console derives metrics from. */
typedef enum
{
  CSM_TRANSACTION_OTHER,
  CSM_TRANSACTION_CREATE,
  CSM_TRANSACTION_CORRESPOND,
  CSM_TRANSACTION_COMMENT,
  CSM_TRANSACTION_STATUS,
  CSM_TRANSACTION_SET_OWNER,
  CSM_TRANSACTION_SET_QUEUE,
  CSM_TRANSACTION_SET_TIME_WORKED,
} CsmTransactionType;

typedef enum
{
  CSM_AUTH_TOKEN,
  CSM_AUTH_PASSWORD,
} CsmAuthMethod;

typedef enum /*< flags >*/
{
  CSM_PROVIDER_CAP_NONE          = 0,
  CSM_PROVIDER_CAP_QUEUES        = 1 << 0,
  CSM_PROVIDER_CAP_AGENTS        = 1 << 1,
  CSM_PROVIDER_CAP_INCREMENTAL   = 1 << 2,
  CSM_PROVIDER_CAP_TRANSACTIONS  = 1 << 3,
  CSM_PROVIDER_CAP_CUSTOM_FIELDS = 1 << 4,
  CSM_PROVIDER_CAP_SLA_DUE       = 1 << 5,
  CSM_PROVIDER_CAP_PRESENCE      = 1 << 6,
  CSM_PROVIDER_CAP_SET_OWNER     = 1 << 7,
  CSM_PROVIDER_CAP_SET_STATUS    = 1 << 8,
} CsmProviderCapabilities;

/* The health of the connection to the helpdesk, as of the last attempt.
 * Whether a sync is running right now is separate (CsmSyncEngine:syncing). */
typedef enum
{
  CSM_SYNC_STATE_UNKNOWN,      /* no attempt finished yet */
  CSM_SYNC_STATE_ONLINE,       /* the last sync succeeded */
  CSM_SYNC_STATE_OFFLINE,      /* unreachable, timed out, or answering 5xx/429 */
  CSM_SYNC_STATE_AUTH_FAILED,  /* the credentials stopped working */
  CSM_SYNC_STATE_ERROR,        /* anything else: rights, bad answers, the cache */
} CsmSyncState;

G_END_DECLS
