/* csm-sim-model.h: a contact centre at work: arrivals, agents, replies, resolutions, surveys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "csm-sim-sla.h"
#include "csm-sim-world.h"

G_BEGIN_DECLS

/* A moment for runs that must see the same helpdesk whatever the day they
 * run on (tests, benchmarks): a Thursday, 11:00 UTC, 2026-11-26. The same
 * seed and this "now" give the same history. */
#define CSM_SIM_REFERENCE_NOW G_GINT64_CONSTANT (1795690800)

/**
 * CsmSimConfig:
 * @seed: the random seed; the same seed, config and start time give the
 *   same world, byte for byte
 * @n_agents: agents to create (default 40)
 * @target_tickets: about how many tickets arrive over the history window
 *   (the arrival profiles are scaled to it; default 2000)
 * @history_days: days of history simulated before "now" (default 7)
 * @speed: simulated seconds per real second when running live (default 60)
 * @survey_rate: share of finally resolved tickets whose customer answers
 *   the survey (default 0.3)
 *
 * Zeroes mean "the default".
 */
typedef struct
{
  guint64 seed;
  guint n_agents;
  guint target_tickets;
  guint history_days;
  double speed;
  double survey_rate;
} CsmSimConfig;

/**
 * CsmSimStats:
 *
 * What the model did, for tests and the README: the statistics tests
 * compare these with the configured distributions. While the model runs
 * live, read them with csm_sim_world_lock() held.
 */
typedef struct
{
  guint tickets_created;
  guint replies;
  guint comments;
  guint resolved;
  guint reopened;
  guint escalated;
  guint surveys;
  guint arrivals_by_hour[24];       /* over the whole simulated span, by UTC hour */
  guint arrivals_by_channel[5];     /* email, chat, phone, social, sms */
  guint customer_replies;           /* requestor Correspond after the Create, chasers included */
  guint takeovers;                  /* owner changes from one agent to another */
  guint closed_unanswered;          /* resolved after the customer stopped answering */
  guint final_resolutions;          /* resolutions not followed by a reopen: survey candidates */
} CsmSimStats;

/* The channels, in the order of CsmSimStats.arrivals_by_channel. */
typedef enum
{
  CSM_SIM_CHANNEL_EMAIL,
  CSM_SIM_CHANNEL_CHAT,
  CSM_SIM_CHANNEL_PHONE,
  CSM_SIM_CHANNEL_SOCIAL,
  CSM_SIM_CHANNEL_SMS,
} CsmSimChannel;

#define CSM_SIM_N_CHANNELS 5

/* The helpdesk's queues (RT's General stays beside them, unused). */
typedef enum
{
  CSM_SIM_QUEUE_KIND_SUPPORT,
  CSM_SIM_QUEUE_KIND_BILLING,
  CSM_SIM_QUEUE_KIND_TECHNICAL,
  CSM_SIM_QUEUE_KIND_VIP,
} CsmSimQueueKind;

#define CSM_SIM_N_QUEUE_KINDS 4

/* Shifts in UTC; the days are the days a shift starts on. */
typedef enum
{
  CSM_SIM_SHIFT_EARLY,             /* Mon-Fri 06:00-14:00 */
  CSM_SIM_SHIFT_DAY,               /* Mon-Fri 09:00-17:00 */
  CSM_SIM_SHIFT_LATE,              /* Mon-Fri 14:00-22:00 */
  CSM_SIM_SHIFT_NIGHT_SUN_WED,     /* Sun-Wed 22:00-06:00 */
  CSM_SIM_SHIFT_NIGHT_WED_SAT,     /* Wed-Sat 22:00-06:00 */
  CSM_SIM_SHIFT_WEEKEND_EARLY,     /* Sat-Sun 06:00-14:00 */
  CSM_SIM_SHIFT_WEEKEND_LATE,      /* Sat-Sun 14:00-22:00 */
} CsmSimShift;

#define CSM_SIM_N_SHIFTS 7

/**
 * CsmSimAgentInfo:
 * @user_id: the agent's RT user
 * @shift: when the agent works
 * @skills: bit (1 << CsmSimQueueKind) for every queue the agent takes
 * @capacity: the most tickets the agent holds at once (owned and not
 *   finally resolved; 3-8)
 * @tier2: a technical (second-line) agent
 */
typedef struct
{
  gint64 user_id;
  CsmSimShift shift;
  guint skills;
  guint capacity;
  gboolean tier2;
} CsmSimAgentInfo;


#define CSM_TYPE_SIM_MODEL (csm_sim_model_get_type ())

G_DECLARE_FINAL_TYPE (CsmSimModel, csm_sim_model, CSM, SIM_MODEL, GObject)

CsmSimModel            *csm_sim_model_new                   (CsmSimWorld         *world,
                                                             const CsmSimConfig  *config);
CsmSimWorld            *csm_sim_model_get_world             (CsmSimModel         *self);
void                    csm_sim_model_populate              (CsmSimModel         *self,
                                                             gint64               now);
void                    csm_sim_model_advance               (CsmSimModel         *self,
                                                             gint64               until);
void                    csm_sim_model_start                 (CsmSimModel         *self,
                                                             GMainContext        *context);
void                    csm_sim_model_stop                  (CsmSimModel         *self);
double                  csm_sim_model_get_speed             (CsmSimModel         *self);
void                    csm_sim_model_set_speed             (CsmSimModel         *self,
                                                             double               speed);
const CsmSimStats      *csm_sim_model_get_stats             (CsmSimModel         *self);
const char             *csm_sim_channel_name                (guint                channel);

/* What the model was built with, for tests, demos and the README. */
const CsmSimConfig     *csm_sim_model_get_config            (CsmSimModel         *self);
guint                   csm_sim_model_get_n_agents          (CsmSimModel         *self);
const CsmSimAgentInfo  *csm_sim_model_get_agent             (CsmSimModel         *self,
                                                             guint                index);
gint64                  csm_sim_model_get_queue_id          (CsmSimModel         *self,
                                                             CsmSimQueueKind      kind);
int                     csm_sim_model_get_queue_kind        (CsmSimModel         *self,
                                                             gint64               queue_id);
const CsmSimSlaLevel   *csm_sim_model_get_queue_sla         (CsmSimModel         *self,
                                                             gint64               queue_id);
double                  csm_sim_model_get_expected_arrivals (CsmSimModel         *self,
                                                             int                  channel,
                                                             gint64               from,
                                                             gint64               until);

/* The model's fixed distributions and rules. */
double                  csm_sim_channel_handle_median       (guint                channel);
gboolean                csm_sim_shift_bounds                (CsmSimShift          shift,
                                                             gint64               time,
                                                             gint64              *start,
                                                             gint64              *end);
const char             *csm_sim_shift_name                  (CsmSimShift          shift);

G_END_DECLS
