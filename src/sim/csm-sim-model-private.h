/* csm-sim-model-private.h: what the workload model's files share: parameters, state, steps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-sim-model.h"

G_BEGIN_DECLS

/* Only csm-sim-model*.c include this header: its short names (ModelTicket,
 * Agent, HeapItem, EV_ARRIVAL, P_REOPEN, ticket_at ()...) are that module's
 * own vocabulary. */

#define HOUR                   3600
#define DAY                    86400

/* ------------------------------------------------------------------------ */
/* The model's parameters (the tables' values: csm-sim-model-params.c)      */
/* ------------------------------------------------------------------------ */

extern const char *const csm_sim_channel_names[CSM_SIM_N_CHANNELS];

/* Each channel's share of all arrivals over a week. */
extern const double csm_sim_channel_share[CSM_SIM_N_CHANNELS];

/* Relative arrival rate by UTC hour of day: chat and phone peak in business
 * hours, email is spread over the day, social peaks in the evening. */
extern const double csm_sim_hour_profile[CSM_SIM_N_CHANNELS][24];

/* Relative arrival rate by weekday, Monday first: weekends are quiet except
 * on social media. */
extern const double csm_sim_weekday_factor[CSM_SIM_N_CHANNELS][7];

/* Handle time of an agent's reply (its TimeTaken), log-normal: the median
 * in minutes and the sigma of its logarithm. */
extern const double csm_sim_handle_median[CSM_SIM_N_CHANNELS];
extern const double csm_sim_handle_sigma[CSM_SIM_N_CHANNELS];

/* An internal note before the reply, sometimes (more often in Technical). */
#define P_COMMENT_FIRST        0.20
#define P_COMMENT_FIRST_TECH   0.45
#define COMMENT_MEDIAN         4.0
#define COMMENT_SIGMA          0.6

/* After-contact work between two tickets: no transaction, but busy. */
#define WRAP_MEDIAN            1.5
#define WRAP_SIGMA             0.5

/* Chance that an agent's reply solves the ticket (resolved at once), plus
 * RESOLVE_STEP for every earlier reply; Technical tickets take longer. */
extern const double csm_sim_p_resolve[CSM_SIM_N_CHANNELS];
#define RESOLVE_STEP           0.15
#define RESOLVE_TECH_PENALTY   0.10
#define RESOLVE_MAX            0.95

/* Otherwise the agent waits for the customer, the ticket stalled or open. */
extern const double csm_sim_p_stall[CSM_SIM_N_CHANNELS];

/* The customer answers (log-normal delay, median minutes) or goes silent,
 * and the owner closes the ticket after the follow-up wait (hours). */
#define P_CUSTOMER_ANSWERS     0.80
#define CUSTOMER_REPLY_SIGMA   0.9
extern const double csm_sim_customer_reply_median[CSM_SIM_N_CHANNELS];
extern const double csm_sim_followup_hours[CSM_SIM_N_CHANNELS];

/* A customer still waiting for an answer writes again ("any news?"). */
extern const double csm_sim_p_chase[CSM_SIM_N_CHANNELS];
extern const double csm_sim_chase_median[CSM_SIM_N_CHANNELS];
#define CHASE_SIGMA            0.6

/* A resolved ticket is reopened by the customer (delay median 3 h, at most
 * two days later: the owner keeps room for it meanwhile). */
#define P_REOPEN               0.07
#define REOPEN_MEDIAN          180.0
#define REOPEN_SIGMA           1.0
#define REOPEN_MIN             (10 * 60)
#define REOPEN_MAX             (2 * DAY)

/* Tier 1 hands technical problems raised in Support to Technical. */
#define P_ESCALATE             0.55
#define P_TECHNICAL_DIRECT     0.30

/* Survey answers arrive some time after the final resolution. */
#define SURVEY_MEDIAN          90.0
#define SURVEY_SIGMA           1.0
#define SURVEY_MIN             (2 * 60)
#define SURVEY_MAX             (3 * DAY)

/* First-reply waits customers find fine, in hours, by channel (the survey
 * formula's yardstick). */
extern const double csm_sim_wait_target_hours[CSM_SIM_N_CHANNELS];

/* Arrivals from premium customers, who go to the VIP queue. */
#define P_VIP_ARRIVAL          0.06
#define P_VIP_CUSTOMER         0.05

/* Pool order: the earliest Due (or pending-since + 8 h without one) first,
 * blurred by up to ten minutes so agents do not act like a sorting machine;
 * tickets of one's own go first by half an hour, and customers on a live
 * channel (chat, phone) or a messenger are served before mail. */
#define POOL_JITTER            600
#define NO_DUE_SLACK           (8 * HOUR)
#define CLOSE_SLACK            (12 * HOUR)
#define OWN_BONUS              (30 * 60)
extern const gint64 csm_sim_channel_urgency[CSM_SIM_N_CHANNELS];

/* Live channels ring: an idle agent answers at once. Mail, social media and
 * SMS wait in the queue until an agent next looks at it: after each ticket,
 * and every 15-45 minutes while idle. */
#define SWEEP_MIN              (15 * 60)
#define SWEEP_MAX              (45 * 60)

/* Shrinkage: every shift has two short breaks and a lunch break, and a
 * quarter of them a meeting or training; an agent finishes the ticket in
 * hand first. */
typedef struct
{
  double chance;
  guint earliest;                /* minutes into the shift */
  guint spread;
  guint minutes;
  guint extra;
} BreakDef;

#define N_BREAKS 4

extern const BreakDef csm_sim_breaks[N_BREAKS];

typedef enum
{
  TOPIC_GENERAL,
  TOPIC_ACCOUNT,
  TOPIC_BILLING,
  TOPIC_TECHNICAL,
  N_TOPICS
} Topic;

/* What customers write about, by channel. */
extern const double csm_sim_topic_mix[CSM_SIM_N_CHANNELS][N_TOPICS];

typedef struct
{
  const char *name;
  const char *description;
  int priority;
} QueueDef;

extern const QueueDef csm_sim_queue_defs[CSM_SIM_N_QUEUE_KINDS];

/* The shift of the i-th agent, cyclically: the first five already cover
 * days, evenings, nights and weekends; most work weekdays. */
extern const CsmSimShift csm_sim_shift_pattern[20];

/* Roles on the weekday shifts, by the agent's rank within the shift; the
 * tier-2 roles take Technical. */
typedef struct
{
  guint skills;
  gboolean tier2;
} RoleDef;

extern const RoleDef csm_sim_weekday_roles[6];
extern const RoleDef csm_sim_off_hours_roles[2];

/* ------------------------------------------------------------------------ */
/* State                                                                    */
/* ------------------------------------------------------------------------ */

/* A min-heap of (key, seq): events by time, pool tickets by urgency. */
typedef struct
{
  gint64 key;
  guint64 seq;
  guint32 kind;
  guint32 a;                     /* agent or channel */
  guint32 b;                     /* ticket index */
  guint32 token;                 /* the ticket's token (events) or place (pools) when pushed */
} HeapItem;

typedef enum
{
  EV_ARRIVAL,
  EV_SHIFT_START,
  EV_SHIFT_END,
  EV_WORK_COMMENT,
  EV_WORK_DONE,
  EV_AGENT_READY,
  EV_AGENT_POKE,
  EV_SWEEP,
  EV_BREAK_START,
  EV_BREAK_END,
  EV_CUSTOMER_REPLY,
  EV_CHASE,
  EV_FOLLOWUP,
  EV_SURVEY,
} EventKind;

typedef enum
{
  TS_PENDING,                    /* waits for an agent (task says for what) */
  TS_WORKING,                    /* an agent works on it */
  TS_WAITING,                    /* waits for the customer */
  TS_RESOLVED,
  TS_DETACHED,                   /* changed outside the model beyond its rules: left alone */
} TicketState;

typedef enum
{
  TASK_REPLY,
  TASK_CLOSE,                    /* the customer went silent: resolve */
} Task;

typedef enum
{
  WHERE_NONE,
  WHERE_POOL,                    /* in its queue's pool */
  WHERE_AGENT,                   /* in its owner's own list */
} Where;

typedef enum
{
  WORK_REPLY,
  WORK_ESCALATE,
  WORK_CLOSE,
} WorkKind;

typedef struct
{
  gint64 id;
  gint64 created;
  gint64 first_reply;            /* 0 until an agent replies */
  gint64 key;                    /* urgency while pending */
  guint32 customer;
  guint32 token;                 /* bumped at every state change: stale events die */
  guint32 place;                 /* bumped at every push into a pool: stale entries die */
  int owner;                     /* agent index; -1: Nobody (or not one of ours) */
  guint16 customer_msgs;         /* Create included */
  guint16 agent_replies;
  guint16 reopens;
  guint8 channel;
  guint8 queue;                  /* CsmSimQueueKind */
  guint8 state;
  guint8 task;
  guint8 where;
  guint8 held : 1;               /* counts against the owner's capacity */
  guint8 technical : 1;
  guint8 escalated : 1;
} ModelTicket;

typedef struct
{
  CsmSimAgentInfo info;
  gboolean on_shift;
  gboolean busy;
  gboolean wrapped;              /* too little shift left for another ticket */
  gboolean on_break;
  int pending_break;             /* seconds of break due once the work in hand is done */
  guint32 sweep_token;           /* only the latest queue check counts */
  gint64 shift_end;
  int idle_pos;                  /* in CsmSimModel.idle; -1: not idle */
  GArray *held;                  /* guint ticket indices counted against the capacity */
  GArray *own;                   /* guint ticket indices waiting for this agent */
  WorkKind work_kind;
  int work_comment_seconds;
  int work_seconds;
} Agent;

typedef struct
{
  gint64 user_id;
} Customer;

struct _CsmSimModel
{
  GObject parent_instance;

  CsmSimWorld *world;
  CsmSimConfig config;
  CsmSimStats stats;
  GRand *rand;

  gboolean populated;
  gint64 history_start;
  double scale;                  /* arrivals per hour at intensity 1 */
  double channel_norm[CSM_SIM_N_CHANNELS];
  double arrival_clock[CSM_SIM_N_CHANNELS];

  gint64 queue_ids[CSM_SIM_N_QUEUE_KINDS];
  gint64 cf_csat;
  gint64 cf_nps;
  gint64 cf_ces;
  gint64 cf_channel;

  GArray *agents;                /* Agent */
  GHashTable *agent_by_user;     /* user id -> agent index + 1; lookups only */
  GArray *customers;             /* Customer */
  GArray *vip_customers;         /* guint customer indices */
  GArray *regular_customers;
  GArray *tickets;               /* ModelTicket */
  GArray *idle;                  /* guint agent indices: on shift, free, not wrapped up */
  GArray *deferred;              /* guint ticket indices to place after the current event */

  GArray *events;                /* HeapItem */
  GArray *pools[CSM_SIM_N_QUEUE_KINDS];
  guint64 seq;

  double speed;
  double live_carry;
  GSource *live_source;
};

static inline ModelTicket *
ticket_at (CsmSimModel *self,
           guint        idx)
{
  return &g_array_index (self->tickets, ModelTicket, idx);
}

static inline Agent *
agent_at (CsmSimModel *self,
          guint        a)
{
  return &g_array_index (self->agents, Agent, a);
}

static inline gint64
now (CsmSimModel *self)
{
  return csm_sim_world_get_now (self->world);
}

/* csm-sim-model-params.c */
gint64          csm_sim_shift_next_start            (CsmSimShift         shift,
                                                     gint64              when);

/* csm-sim-model-random.c */
double          csm_sim_model_rand_unit             (CsmSimModel        *self);
guint           csm_sim_model_rand_below            (CsmSimModel        *self,
                                                     guint               n);
double          csm_sim_model_rand_normal           (CsmSimModel        *self);
double          csm_sim_model_rand_exponential      (CsmSimModel        *self);
guint           csm_sim_model_rand_pick             (CsmSimModel        *self,
                                                     const double       *weights,
                                                     guint               n);
gint64          csm_sim_model_rand_delay            (CsmSimModel        *self,
                                                     double              median_minutes,
                                                     double              sigma,
                                                     gint64              min_seconds,
                                                     gint64              max_seconds);

/* csm-sim-model-events.c */
void            csm_sim_heap_push                   (GArray             *heap,
                                                     const HeapItem     *item);
const HeapItem *csm_sim_heap_peek                   (GArray             *heap);
void            csm_sim_heap_pop                    (GArray             *heap,
                                                     HeapItem           *out);
void            csm_sim_model_schedule              (CsmSimModel        *self,
                                                     gint64              when,
                                                     EventKind           kind,
                                                     guint               a,
                                                     guint               b,
                                                     guint32             token);
void            csm_sim_model_advance_locked        (CsmSimModel        *self,
                                                     gint64              until);

/* csm-sim-model-build.c */
void            csm_sim_model_build_helpdesk        (CsmSimModel        *self);

/* csm-sim-model-agents.c */
int             csm_sim_model_agent_of_user         (CsmSimModel        *self,
                                                     gint64              user_id);
void            csm_sim_model_wake_agents_for       (CsmSimModel        *self,
                                                     guint               idx);
gboolean        csm_sim_model_agent_find_work       (CsmSimModel        *self,
                                                     guint               a);
void            csm_sim_model_agent_ready           (CsmSimModel        *self,
                                                     guint               a);
void            csm_sim_model_agent_break_start     (CsmSimModel        *self,
                                                     guint               a,
                                                     int                 seconds);
void            csm_sim_model_agent_shift_start     (CsmSimModel        *self,
                                                     guint               a);
void            csm_sim_model_agent_shift_end       (CsmSimModel        *self,
                                                     guint               a);

/* csm-sim-model-tickets.c */
void            csm_sim_model_sla_update_due        (CsmSimModel        *self,
                                                     const CsmSimTicket *ticket);
gboolean        csm_sim_channel_is_live             (guint               channel);
void            csm_sim_model_ticket_hold           (CsmSimModel        *self,
                                                     guint               idx,
                                                     int                 a);
void            csm_sim_model_ticket_release        (CsmSimModel        *self,
                                                     guint               idx);
void            csm_sim_model_pool_push             (CsmSimModel        *self,
                                                     guint               idx);
void            csm_sim_model_ticket_make_pending   (CsmSimModel        *self,
                                                     guint               idx,
                                                     Task                task,
                                                     gboolean            defer);
void            csm_sim_model_flush_deferred        (CsmSimModel        *self);
gboolean        csm_sim_model_ticket_sync           (CsmSimModel        *self,
                                                     guint               idx);
void            csm_sim_model_maybe_schedule_chase  (CsmSimModel        *self,
                                                     guint               idx);
void            csm_sim_model_handle_work_comment   (CsmSimModel        *self,
                                                     guint               a,
                                                     guint               idx,
                                                     guint32             token);
void            csm_sim_model_handle_work_done      (CsmSimModel        *self,
                                                     guint               a,
                                                     guint               idx,
                                                     guint32             token);
void            csm_sim_model_handle_customer_reply (CsmSimModel        *self,
                                                     guint               idx,
                                                     guint32             token);
void            csm_sim_model_handle_chase          (CsmSimModel        *self,
                                                     guint               idx,
                                                     guint32             token);
void            csm_sim_model_handle_followup       (CsmSimModel        *self,
                                                     guint               idx,
                                                     guint32             token);
void            csm_sim_model_handle_survey         (CsmSimModel        *self,
                                                     guint               idx,
                                                     guint32             token);

/* csm-sim-model-arrivals.c */
double          csm_sim_model_intensity_integral    (CsmSimModel        *self,
                                                     int                 channel,
                                                     gint64              from,
                                                     gint64              until);
void            csm_sim_model_schedule_next_arrival (CsmSimModel        *self,
                                                     guint               channel);
void            csm_sim_model_handle_arrival        (CsmSimModel        *self,
                                                     guint               channel);

G_END_DECLS
