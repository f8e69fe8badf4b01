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

/**
 * CsmSlaState:
 * @CSM_SLA_STATE_OK: the deadline is ahead and nothing predicts a breach
 * @CSM_SLA_STATE_PREDICTED: waiting for a first reply, which the queue's
 *   pace puts after the deadline
 * @CSM_SLA_STATE_AT_RISK: the deadline is within the horizon
 * @CSM_SLA_STATE_BREACHED: the deadline has passed (RT's `Due < 'now'`)
 *
 * Ordered by severity: a larger value is worse.
 */
typedef enum
{
  CSM_SLA_STATE_OK,
  CSM_SLA_STATE_PREDICTED,
  CSM_SLA_STATE_AT_RISK,
  CSM_SLA_STATE_BREACHED,
} CsmSlaState;

/* Inferred from the agent's own transactions: RT has no presence. */
typedef enum
{
  CSM_PRESENCE_ACTIVE,
  CSM_PRESENCE_IDLE,
  CSM_PRESENCE_OFF,
} CsmPresence;

/**
 * CsmOutboxState:
 * @CSM_OUTBOX_PENDING: waiting to be sent (maybe after a back-off)
 * @CSM_OUTBOX_SENDING: the write may be on its way: after a crash, check
 *   the helpdesk before sending again
 * @CSM_OUTBOX_DONE: the helpdesk made the change
 * @CSM_OUTBOX_FAILED: the helpdesk refused it; only the user retries it
 */
typedef enum
{
  CSM_OUTBOX_PENDING,
  CSM_OUTBOX_SENDING,
  CSM_OUTBOX_DONE,
  CSM_OUTBOX_FAILED,
} CsmOutboxState;

/**
 * CsmSyncKind:
 * @CSM_SYNC_FULL: every ticket in the window, then unseen tickets are dropped
 * @CSM_SYNC_INCREMENTAL: only what changed since the last sync
 */
typedef enum
{
  CSM_SYNC_FULL,
  CSM_SYNC_INCREMENTAL,
} CsmSyncKind;

/* How an export is written. */
typedef enum
{
  CSM_EXPORT_JSON,
  CSM_EXPORT_CSV,
} CsmExportFormat;

/* The columns the ticket list sorts by; the nicks are the settings' values. */
typedef enum
{
  CSM_TICKET_COLUMN_ID,
  CSM_TICKET_COLUMN_SUBJECT,
  CSM_TICKET_COLUMN_QUEUE,
  CSM_TICKET_COLUMN_STATUS,
  CSM_TICKET_COLUMN_OWNER,
  CSM_TICKET_COLUMN_PRIORITY,
  CSM_TICKET_COLUMN_CREATED,
  CSM_TICKET_COLUMN_SLA_DUE,
  CSM_TICKET_COLUMN_LAST_UPDATED,
} CsmTicketColumn;

/**
 * CsmOccupancyWindow:
 * @CSM_OCCUPANCY_WINDOW_HOUR: the last hour
 * @CSM_OCCUPANCY_WINDOW_4_HOURS: the last four hours
 * @CSM_OCCUPANCY_WINDOW_TODAY: since local midnight
 *
 * The time over which occupancy is computed. The nicks are the values of
 * the "occupancy-window" setting, whose choices are generated from here.
 */
typedef enum
{
  CSM_OCCUPANCY_WINDOW_HOUR,    /*< nick=hour >*/
  CSM_OCCUPANCY_WINDOW_4_HOURS, /*< nick=4-hours >*/
  CSM_OCCUPANCY_WINDOW_TODAY,   /*< nick=today >*/
} CsmOccupancyWindow;

/**
 * CsmAttainmentPeriod:
 * @CSM_ATTAINMENT_PERIOD_TODAY: since local midnight
 * @CSM_ATTAINMENT_PERIOD_WEEK: the last 7 days
 *
 * The deadlines SLA attainment counts.
 */
typedef enum
{
  CSM_ATTAINMENT_PERIOD_TODAY, /*< nick=today >*/
  CSM_ATTAINMENT_PERIOD_WEEK,  /*< nick=week >*/
} CsmAttainmentPeriod;

/**
 * CsmKpiGrouping:
 * @CSM_KPI_GROUP_NONE: one row for all tickets
 * @CSM_KPI_GROUP_QUEUE: a row a queue
 * @CSM_KPI_GROUP_AGENT: a row a current owner (unowned tickets: "Nobody")
 * @CSM_KPI_GROUP_CHANNEL: a row a value of the channel custom field
 */
typedef enum
{
  CSM_KPI_GROUP_NONE,    /*< nick=none >*/
  CSM_KPI_GROUP_QUEUE,   /*< nick=queue >*/
  CSM_KPI_GROUP_AGENT,   /*< nick=agent >*/
  CSM_KPI_GROUP_CHANNEL, /*< nick=channel >*/
} CsmKpiGrouping;

/**
 * CsmQaGrouping:
 * @CSM_QA_GROUP_NONE: one row for every review
 * @CSM_QA_GROUP_AGENT: a row an agent reviewed
 * @CSM_QA_GROUP_QUEUE: a row a queue (team) of the conversations
 * @CSM_QA_GROUP_CATEGORY: a row a scorecard category, over the reviews
 *   that rated it (not N/A)
 * @CSM_QA_GROUP_REVIEWER: a row a reviewer
 */
typedef enum
{
  CSM_QA_GROUP_NONE,     /*< nick=none >*/
  CSM_QA_GROUP_AGENT,    /*< nick=agent >*/
  CSM_QA_GROUP_QUEUE,    /*< nick=queue >*/
  CSM_QA_GROUP_CATEGORY, /*< nick=category >*/
  CSM_QA_GROUP_REVIEWER, /*< nick=reviewer >*/
} CsmQaGrouping;

/**
 * CsmKpiFcrRule:
 * @CSM_KPI_FCR_REPLY: resolved with one agent reply and never reopened
 * @CSM_KPI_FCR_REPEAT: no new ticket from the same requestor within the
 *   repeat window after the resolution
 */
typedef enum
{
  CSM_KPI_FCR_REPLY,  /*< nick=reply >*/
  CSM_KPI_FCR_REPEAT, /*< nick=repeat >*/
} CsmKpiFcrRule;

/**
 * CsmKpiStatistic:
 * @CSM_KPI_STAT_MEDIAN: the middle value (mean of the two middle ones)
 * @CSM_KPI_STAT_P90: the ⌈0.9·n⌉-th smallest value
 * @CSM_KPI_STAT_MEAN: the arithmetic mean
 *
 * Which summary of a time (FRT, ART) a tile and a chart show.
 */
typedef enum
{
  CSM_KPI_STAT_MEDIAN, /*< nick=median >*/
  CSM_KPI_STAT_P90,    /*< nick=p90 >*/
  CSM_KPI_STAT_MEAN,   /*< nick=mean >*/
} CsmKpiStatistic;

/**
 * CsmKpiTimeBasis:
 * @CSM_KPI_TIME_CALENDAR: every second counts
 * @CSM_KPI_TIME_BUSINESS: only the SLA's business hours count
 */
typedef enum
{
  CSM_KPI_TIME_CALENDAR, /*< nick=calendar >*/
  CSM_KPI_TIME_BUSINESS, /*< nick=business >*/
} CsmKpiTimeBasis;

/**
 * CsmKpiPeriod:
 *
 * The periods the Reports page offers; each ends at the next local
 * midnight (today, this month) or at the last one (the others).
 */
typedef enum
{
  CSM_KPI_PERIOD_TODAY,        /*< nick=today >*/
  CSM_KPI_PERIOD_YESTERDAY,    /*< nick=yesterday >*/
  CSM_KPI_PERIOD_LAST_7_DAYS,  /*< nick=last-7-days >*/
  CSM_KPI_PERIOD_LAST_30_DAYS, /*< nick=last-30-days >*/
  CSM_KPI_PERIOD_THIS_MONTH,   /*< nick=this-month >*/
  CSM_KPI_PERIOD_CUSTOM,       /*< nick=custom >*/
} CsmKpiPeriod;

/**
 * CsmKpiBucket:
 *
 * The width of a chart's buckets, chosen by the period's length.
 */
typedef enum
{
  CSM_KPI_BUCKET_HOUR, /*< nick=hour >*/
  CSM_KPI_BUCKET_DAY,  /*< nick=day >*/
  CSM_KPI_BUCKET_WEEK, /*< nick=week >*/
} CsmKpiBucket;

/**
 * CsmKpiPopulation:
 *
 * The ticket sets the KPIs count; what a drill-down lists.
 */
typedef enum
{
  CSM_KPI_POP_CREATED,     /*< nick=created >*/
  CSM_KPI_POP_FIRST_REPLY, /*< nick=first-reply >*/
  CSM_KPI_POP_RESOLVED,    /*< nick=resolved >*/
  CSM_KPI_POP_CSAT,        /*< nick=csat >*/
  CSM_KPI_POP_NPS,         /*< nick=nps >*/
  CSM_KPI_POP_CES,         /*< nick=ces >*/
  CSM_KPI_POP_BACKLOG,     /*< nick=backlog >*/
  CSM_KPI_POP_SLA,         /*< nick=sla >*/
} CsmKpiPopulation;

#define CSM_KPI_N_POPULATIONS (CSM_KPI_POP_SLA + 1)

G_END_DECLS
