/* csm-sim-model.c: a contact centre at work: arrivals, agents, replies, resolutions, surveys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include "csm-sim-model.h"

#include "csm-sim-calendar.h"

/*
 * CsmSimModel drives a CsmSimWorld through its mutation API as a helpdesk
 * would: customers write in over five channels, agents on shift take the
 * tickets of their queues, reply, comment, stall, resolve and escalate,
 * customers answer, chase, reopen and fill in surveys. Everything RT would
 * record goes through the world (so the REST server shows RT-shaped
 * history); what RT does not know (who is busy until when, what happens
 * next, the SLA definitions) lives here.
 *
 * It is a discrete-event simulation: a heap of future events ordered by
 * time, then by a sequence number, processed in that order. All randomness
 * comes from one GRand seeded from the config and drawn in event order, no
 * hash table is ever iterated and the wall clock is never read (except by
 * the live mode's timer, which only decides how far to advance), so the
 * same seed, config, populate() time and advance() calls give the same
 * world, byte for byte. Nothing depends on where advance() stops either:
 * advancing an hour at once or a minute at a time gives the same world.
 *
 * Agents work one ticket at a time for its handle time (so occupancy means
 * something), hold at most their capacity of tickets (owned and not finally
 * resolved), keep to their shifts and skills, take breaks, answer live
 * channels (chat, phone) at once and look at the mail queues from time to
 * time. Changes made meanwhile through the REST API (the console
 * reassigning, resolving, moving a ticket) are noticed when the model next
 * touches the ticket; it then follows the world.
 *
 * The SLA scrips are RT 5's (rt5.md section 6), applied as RT_System
 * transactions: on create Starts (StartImmediately: the creation time,
 * otherwise the first business minute) then Due; after every Create,
 * Correspond and status change Due is recomputed as RT's SLA_SetDue does:
 * the response deadline runs from the first requestor message nobody has
 * answered yet (RT's LastEffectiveAct), the resolve deadline from Starts,
 * Due is the earlier of the two, or unset.
 */

#define DEFAULT_AGENTS         40
#define DEFAULT_TICKETS        2000
#define DEFAULT_HISTORY_DAYS   7
#define DEFAULT_SPEED          60.0
#define DEFAULT_SURVEY_RATE    0.3

#define LIVE_INTERVAL_MS       250

#define HOUR                   3600
#define DAY                    86400

/* ------------------------------------------------------------------------ */
/* The model's parameters                                                   */
/* ------------------------------------------------------------------------ */

static const char *const channel_names[CSM_SIM_N_CHANNELS] = {
  "email", "chat", "phone", "social", "sms",
};

/* Each channel's share of all arrivals over a week. */
static const double channel_share[CSM_SIM_N_CHANNELS] = { 0.38, 0.27, 0.20, 0.10, 0.05 };

/* Relative arrival rate by UTC hour of day: chat and phone peak in business
 * hours, email is spread over the day, social peaks in the evening. */
static const double hour_profile[CSM_SIM_N_CHANNELS][24] = {
  /* email */
  { 0.35, 0.25, 0.20, 0.20, 0.25, 0.40, 0.70, 1.10, 1.50, 1.70, 1.70, 1.60,
    1.40, 1.50, 1.60, 1.50, 1.40, 1.20, 1.00, 0.90, 0.85, 0.80, 0.65, 0.50 },
  /* chat */
  { 0.10, 0.06, 0.05, 0.05, 0.06, 0.10, 0.30, 0.80, 1.60, 2.10, 2.20, 2.10,
    1.80, 2.00, 2.10, 2.00, 1.80, 1.40, 1.00, 0.80, 0.70, 0.55, 0.35, 0.20 },
  /* phone */
  { 0.03, 0.02, 0.02, 0.02, 0.03, 0.06, 0.20, 0.70, 1.80, 2.60, 2.70, 2.30,
    1.70, 2.20, 2.50, 2.30, 1.90, 1.00, 0.40, 0.20, 0.12, 0.08, 0.05, 0.04 },
  /* social */
  { 0.50, 0.30, 0.20, 0.15, 0.15, 0.20, 0.35, 0.60, 0.80, 0.90, 1.00, 1.10,
    1.20, 1.10, 1.00, 1.00, 1.10, 1.30, 1.60, 1.90, 2.00, 1.90, 1.50, 0.90 },
  /* sms */
  { 0.10, 0.05, 0.05, 0.05, 0.05, 0.10, 0.30, 0.80, 1.40, 1.60, 1.60, 1.50,
    1.50, 1.50, 1.50, 1.50, 1.40, 1.30, 1.10, 1.00, 0.80, 0.60, 0.40, 0.20 },
};

/* Relative arrival rate by weekday, Monday first: weekends are quiet except
 * on social media. */
static const double weekday_factor[CSM_SIM_N_CHANNELS][7] = {
  { 1.15, 1.10, 1.05, 1.05, 1.00, 0.45, 0.40 },
  { 1.10, 1.10, 1.05, 1.05, 1.00, 0.50, 0.45 },
  { 1.25, 1.15, 1.10, 1.05, 1.00, 0.30, 0.15 },
  { 0.95, 0.95, 0.95, 1.00, 1.05, 1.25, 1.20 },
  { 1.05, 1.05, 1.00, 1.00, 1.00, 0.60, 0.50 },
};

/* Handle time of an agent's reply (its TimeTaken), log-normal: the median
 * in minutes and the sigma of its logarithm. */
static const double handle_median[CSM_SIM_N_CHANNELS] = { 12.0, 6.0, 8.0, 5.0, 3.0 };
static const double handle_sigma[CSM_SIM_N_CHANNELS] = { 0.70, 0.60, 0.55, 0.60, 0.50 };

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
static const double p_resolve[CSM_SIM_N_CHANNELS] = { 0.40, 0.60, 0.70, 0.50, 0.55 };
#define RESOLVE_STEP           0.15
#define RESOLVE_TECH_PENALTY   0.10
#define RESOLVE_MAX            0.95

/* Otherwise the agent waits for the customer, the ticket stalled or open. */
static const double p_stall[CSM_SIM_N_CHANNELS] = { 0.35, 0.05, 0.15, 0.25, 0.20 };

/* The customer answers (log-normal delay, median minutes) or goes silent,
 * and the owner closes the ticket after the follow-up wait (hours). */
#define P_CUSTOMER_ANSWERS     0.80
#define CUSTOMER_REPLY_SIGMA   0.9
static const double customer_reply_median[CSM_SIM_N_CHANNELS] = { 240.0, 4.0, 120.0, 60.0, 30.0 };
static const double followup_hours[CSM_SIM_N_CHANNELS] = { 24.0, 1.0, 24.0, 12.0, 12.0 };

/* A customer still waiting for an answer writes again ("any news?"). */
static const double p_chase[CSM_SIM_N_CHANNELS] = { 0.20, 0.35, 0.15, 0.30, 0.20 };
static const double chase_median[CSM_SIM_N_CHANNELS] = { 480.0, 6.0, 90.0, 120.0, 60.0 };
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
static const double wait_target_hours[CSM_SIM_N_CHANNELS] = { 4.0, 0.25, 0.25, 1.0, 1.0 };

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
static const gint64 channel_urgency[CSM_SIM_N_CHANNELS] = { 0, 3 * HOUR, 3 * HOUR, HOUR, HOUR };

/* Live channels ring: an idle agent answers at once. Mail, social media and
 * SMS wait in the queue until an agent next looks at it: after each ticket,
 * and every 15-45 minutes while idle. */
#define SWEEP_MIN              (15 * 60)
#define SWEEP_MAX              (45 * 60)

/* Shrinkage: every shift has two short breaks and a lunch break, and a
 * quarter of them a meeting or training; an agent finishes the ticket in
 * hand first. */
static const struct
{
  double chance;
  guint earliest;                /* minutes into the shift */
  guint spread;
  guint minutes;
  guint extra;
} breaks[] = {
  { 1.0, 100, 50, 15, 0 },       /* morning break */
  { 1.0, 210, 60, 30, 15 },      /* lunch */
  { 1.0, 340, 40, 15, 0 },       /* afternoon break */
  { 0.25, 60, 340, 30, 30 },     /* a meeting or training */
};

typedef enum
{
  TOPIC_GENERAL,
  TOPIC_ACCOUNT,
  TOPIC_BILLING,
  TOPIC_TECHNICAL,
  N_TOPICS
} Topic;

/* What customers write about, by channel. */
static const double topic_mix[CSM_SIM_N_CHANNELS][N_TOPICS] = {
  { 0.25, 0.20, 0.25, 0.30 },
  { 0.35, 0.25, 0.20, 0.20 },
  { 0.25, 0.20, 0.35, 0.20 },
  { 0.60, 0.15, 0.15, 0.10 },
  { 0.40, 0.35, 0.20, 0.05 },
};

static const struct
{
  const char *name;
  const char *description;
  int priority;
} queue_defs[CSM_SIM_N_QUEUE_KINDS] = {
  /* Their service levels: csm_sim_sla_contact_centre (). */
  { "Support", "First-line support", 10 },
  { "Billing", "Invoices, payments and refunds", 20 },
  { "Technical", "Second-line technical support (tier 2)", 40 },
  { "VIP", "Premium customers, around the clock", 60 },
};

#define MON (1u << 0)
#define TUE (1u << 1)
#define WED (1u << 2)
#define THU (1u << 3)
#define FRI (1u << 4)
#define SAT (1u << 5)
#define SUN (1u << 6)

static const struct
{
  const char *name;
  int start_hour;
  int hours;
  guint days;                    /* the weekdays a shift starts on */
} shift_defs[CSM_SIM_N_SHIFTS] = {
  { "early", 6, 8, MON | TUE | WED | THU | FRI },
  { "day", 9, 8, MON | TUE | WED | THU | FRI },
  { "late", 14, 8, MON | TUE | WED | THU | FRI },
  { "night (Sun-Wed)", 22, 8, SUN | MON | TUE | WED },
  { "night (Wed-Sat)", 22, 8, WED | THU | FRI | SAT },
  { "weekend early", 6, 8, SAT | SUN },
  { "weekend late", 14, 8, SAT | SUN },
};

/* The shift of the i-th agent, cyclically: the first five already cover
 * days, evenings, nights and weekends; most work weekdays. */
static const CsmSimShift shift_pattern[20] = {
  CSM_SIM_SHIFT_DAY, CSM_SIM_SHIFT_EARLY, CSM_SIM_SHIFT_LATE, CSM_SIM_SHIFT_NIGHT_SUN_WED,
  CSM_SIM_SHIFT_WEEKEND_EARLY, CSM_SIM_SHIFT_DAY, CSM_SIM_SHIFT_EARLY, CSM_SIM_SHIFT_LATE,
  CSM_SIM_SHIFT_NIGHT_WED_SAT, CSM_SIM_SHIFT_WEEKEND_LATE, CSM_SIM_SHIFT_DAY, CSM_SIM_SHIFT_EARLY,
  CSM_SIM_SHIFT_LATE, CSM_SIM_SHIFT_DAY, CSM_SIM_SHIFT_WEEKEND_EARLY, CSM_SIM_SHIFT_EARLY,
  CSM_SIM_SHIFT_LATE, CSM_SIM_SHIFT_DAY, CSM_SIM_SHIFT_WEEKEND_LATE, CSM_SIM_SHIFT_DAY,
};

#define SKILL(kind) (1u << CSM_SIM_QUEUE_KIND_##kind)

/* Roles on the weekday shifts, by the agent's rank within the shift; the
 * tier-2 roles take Technical. */
static const struct
{
  guint skills;
  gboolean tier2;
} weekday_roles[6] = {
  { SKILL (SUPPORT) | SKILL (BILLING) | SKILL (VIP), FALSE },
  { SKILL (TECHNICAL) | SKILL (SUPPORT), TRUE },
  { SKILL (SUPPORT) | SKILL (VIP), FALSE },
  { SKILL (SUPPORT) | SKILL (BILLING), FALSE },
  { SKILL (SUPPORT), FALSE },
  { SKILL (TECHNICAL) | SKILL (VIP), TRUE },
}, off_hours_roles[2] = {
  /* few people at night and at weekends: generalists */
  { SKILL (SUPPORT) | SKILL (BILLING) | SKILL (VIP) | SKILL (TECHNICAL), TRUE },
  { SKILL (SUPPORT) | SKILL (BILLING) | SKILL (VIP), FALSE },
};

/* Invented names, mixed at random: agents and customers alike. */
static const char *const first_names[] = {
  "Amara", "Ben", "Chiara", "Dmitri", "Elif", "Farah", "Gustavo", "Hana", "Ines", "Jonas",
  "Kalani", "Leila", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Samir", "Tove",
  "Umar", "Valeria", "Wei", "Ximena", "Yusuf", "Zofia", "Aiden", "Beatriz", "Caleb", "Dalia",
  "Emeka", "Freya", "Goran", "Helga", "Ivo", "Jasmin", "Kenji", "Lucia", "Malik", "Noor",
  "Olivia", "Pavel", "Rania", "Sven", "Thandi", "Ulla", "Vikram", "Wanjiru", "Yara", "Zeynep",
  "Anton", "Bianca", "Cyrus", "Daria", "Esteban", "Fiona", "Gideon", "Hiroshi", "Ingrid",
  "Joaquin", "Katja", "Lorenzo", "Mirela", "Nikhil", "Orla", "Pilar", "Rafael", "Saoirse",
  "Tobias", "Uma", "Viktor", "Willa", "Xavier", "Yasmin", "Zane", "Adaeze", "Bruno", "Carmen",
  "Desmond", "Esra",
};

static const char *const last_names[] = {
  "Okafor", "Lindqvist", "Moreau", "Petrova", "Haddad", "Tanaka", "Herrera", "Nakamura",
  "Kowalski", "Brennan", "Achterberg", "Mensah", "Fischer", "Rossi", "Novak", "Kaur", "Ibrahim",
  "Sorensen", "Alvarez", "Dubois", "Costa", "Yilmaz", "Nguyen", "Schmidt", "Varga", "Eriksen",
  "Castillo", "Horvath", "Jensen", "Laine", "Marsh", "Osei", "Pereira", "Quinlan", "Reyes",
  "Sato", "Takahashi", "Umarov", "Vasquez", "Whitfield", "Xu", "Yamamoto", "Zimmermann",
  "Abbott", "Becker", "Chowdhury", "Delgado", "Engel", "Fontaine", "Gallagher", "Holm", "Iqbal",
  "Janssen", "Kiplagat", "Lopes", "Maalouf", "Nieminen", "Oyelaran", "Park", "Ramos",
  "Sandoval", "Teixeira", "Ueda", "Vogel", "Wojcik", "Yoon", "Zapata", "Aydin", "Bergstrom",
  "Carvalho", "Dimitrov", "Espinoza", "Farouk", "Greco", "Hakimi", "Ilunga", "Juarez",
  "Kovacs", "Lachance", "Mwangi",
};

static const char *const customer_domains[] = { "example.com", "example.org", "example.net" };

typedef enum
{
  FILL_NONE,
  FILL_PRODUCT,
  FILL_NUMBER,
  FILL_PLAN,
  FILL_FEATURE,
  FILL_CARD,
  FILL_ERROR,
  FILL_PLATFORM,
} Fill;

typedef struct
{
  const char *text;              /* "{}" takes the fill */
  Fill fill;
} SubjectTemplate;

static const SubjectTemplate general_subjects[] = {
  { "Question about {}", FILL_PRODUCT },
  { "How do I export my data from {}?", FILL_PRODUCT },
  { "Feature request: {}", FILL_FEATURE },
  { "Feedback on the new {} update", FILL_PRODUCT },
  { "Where can I change my notification settings?", FILL_NONE },
  { "Can I add a second user to my {} plan?", FILL_PLAN },
  { "Opening hours over the holidays?", FILL_NONE },
  { "Is {} available in my country?", FILL_FEATURE },
  { "The help page for {} is out of date", FILL_FEATURE },
  { "Thanks, but one more question about {}", FILL_PRODUCT },
};

static const SubjectTemplate account_subjects[] = {
  { "Cannot log in to {}", FILL_PRODUCT },
  { "Password reset link expired", FILL_NONE },
  { "Two-factor code never arrives", FILL_NONE },
  { "Account locked after too many attempts", FILL_NONE },
  { "Change the email address on my account", FILL_NONE },
  { "Please delete my account and my data", FILL_NONE },
  { "Add a colleague to our {} account", FILL_PLAN },
  { "Login loop on {}", FILL_PLATFORM },
  { "Username already taken", FILL_NONE },
  { "Security alert about a new sign-in from {}", FILL_PLATFORM },
};

static const SubjectTemplate billing_subjects[] = {
  { "Invoice #{} shows the wrong amount", FILL_NUMBER },
  { "Refund for order {}", FILL_NUMBER },
  { "Charged twice for my {} subscription", FILL_PLAN },
  { "Payment failed with card ending {}", FILL_CARD },
  { "VAT number missing on invoice #{}", FILL_NUMBER },
  { "Upgrade to the {} plan", FILL_PLAN },
  { "Cancel my subscription", FILL_NONE },
  { "Quote for an annual {} plan", FILL_PLAN },
  { "Why did my bill go up this month?", FILL_NONE },
  { "Receipt for payment {}", FILL_NUMBER },
};

static const SubjectTemplate technical_subjects[] = {
  { "{} crashes on start", FILL_PRODUCT },
  { "Error {} when saving changes", FILL_ERROR },
  { "API returns {} on /orders", FILL_ERROR },
  { "{} is very slow since the last update", FILL_PRODUCT },
  { "Webhook not firing for new orders", FILL_NONE },
  { "Sync stuck at 99% on {}", FILL_PLATFORM },
  { "Data missing after import", FILL_NONE },
  { "SSO login fails with a SAML error", FILL_NONE },
  { "Notifications not delivered on {}", FILL_PLATFORM },
  { "Attachments over 10 MB fail to upload", FILL_NONE },
  { "Calendar events duplicated after sync", FILL_NONE },
  { "Blank screen in {}", FILL_PLATFORM },
};

static const struct
{
  const SubjectTemplate *templates;
  guint n_templates;
} subjects_by_topic[N_TOPICS] = {
  { general_subjects, G_N_ELEMENTS (general_subjects) },
  { account_subjects, G_N_ELEMENTS (account_subjects) },
  { billing_subjects, G_N_ELEMENTS (billing_subjects) },
  { technical_subjects, G_N_ELEMENTS (technical_subjects) },
};

static const char *const products[] = {
  "the mobile app", "the web portal", "the desktop client", "Team Calendar", "Invoicing",
  "the reporting module", "File Sync", "the browser extension",
};
static const char *const plans[] = { "Basic", "Team", "Business", "Enterprise" };
static const char *const features[] = {
  "dark mode", "CSV export", "two-factor login", "shared folders", "calendar sync",
  "bulk invoicing", "custom fields", "single sign-on",
};
static const char *const platforms[] = {
  "Android", "iOS", "Windows", "macOS", "Linux", "Chrome", "Firefox", "Safari",
};
static const char *const error_codes[] = { "400", "403", "404", "409", "422", "500", "502", "503" };

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

G_DEFINE_FINAL_TYPE (CsmSimModel, csm_sim_model, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------ */
/* Calendar, business hours, shifts and SLA levels                          */
/* ------------------------------------------------------------------------ */

const char *
csm_sim_shift_name (CsmSimShift shift)
{
  g_return_val_if_fail (shift < CSM_SIM_N_SHIFTS, NULL);

  return shift_defs[shift].name;
}

/**
 * csm_sim_shift_bounds:
 * @start: (out) (optional): the start of the shift running at @when
 * @end: (out) (optional): its end (exclusive)
 *
 * Returns: whether someone on @shift works at @when
 */
gboolean
csm_sim_shift_bounds (CsmSimShift  shift,
                      gint64       when,
                      gint64      *start,
                      gint64      *end)
{
  gint64 day;

  g_return_val_if_fail (shift < CSM_SIM_N_SHIFTS, FALSE);

  day = csm_sim_floor_div (when, DAY);
  /* A shift that started yesterday may still be running. */
  for (gint64 d = day; d >= day - 1; d--)
    {
      gint64 s = d * DAY + (gint64) shift_defs[shift].start_hour * HOUR;
      gint64 e = s + (gint64) shift_defs[shift].hours * HOUR;

      if ((shift_defs[shift].days & (1u << csm_sim_weekday_of_day (d))) != 0 && s <= when && when < e)
        {
          if (start != NULL)
            *start = s;
          if (end != NULL)
            *end = e;
          return TRUE;
        }
    }
  return FALSE;
}

static gint64
shift_next_start (CsmSimShift shift,
                  gint64      when)
{
  gint64 day = csm_sim_floor_div (when, DAY);

  for (gint64 d = day; d <= day + 8; d++)
    {
      gint64 s = d * DAY + (gint64) shift_defs[shift].start_hour * HOUR;

      if ((shift_defs[shift].days & (1u << csm_sim_weekday_of_day (d))) != 0 && s >= when)
        return s;
    }
  g_assert_not_reached ();
  return when + 7 * DAY;
}

const char *
csm_sim_channel_name (guint channel)
{
  g_return_val_if_fail (channel < CSM_SIM_N_CHANNELS, NULL);

  return channel_names[channel];
}

/* Minutes. */
double
csm_sim_channel_handle_median (guint channel)
{
  g_return_val_if_fail (channel < CSM_SIM_N_CHANNELS, 0.0);

  return handle_median[channel];
}

/* ------------------------------------------------------------------------ */
/* Heaps and randomness                                                     */
/* ------------------------------------------------------------------------ */

static inline gboolean
item_before (const HeapItem *x,
             const HeapItem *y)
{
  return x->key < y->key || (x->key == y->key && x->seq < y->seq);
}

static void
heap_push (GArray         *heap,
           const HeapItem *item)
{
  HeapItem *items;
  guint i;

  g_array_append_val (heap, *item);
  items = (HeapItem *) (gpointer) heap->data;
  i = heap->len - 1;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      HeapItem swap;

      if (!item_before (&items[i], &items[parent]))
        break;
      swap = items[i];
      items[i] = items[parent];
      items[parent] = swap;
      i = parent;
    }
}

static const HeapItem *
heap_peek (GArray *heap)
{
  return heap->len > 0 ? &g_array_index (heap, HeapItem, 0) : NULL;
}

static void
heap_pop (GArray   *heap,
          HeapItem *out)
{
  HeapItem *items = (HeapItem *) (gpointer) heap->data;
  guint n = heap->len - 1;
  guint i = 0;

  if (out != NULL)
    *out = items[0];
  items[0] = items[n];
  g_array_set_size (heap, n);

  for (;;)
    {
      guint left = 2 * i + 1, right = left + 1, smallest = i;
      HeapItem swap;

      if (left < n && item_before (&items[left], &items[smallest]))
        smallest = left;
      if (right < n && item_before (&items[right], &items[smallest]))
        smallest = right;
      if (smallest == i)
        break;
      swap = items[i];
      items[i] = items[smallest];
      items[smallest] = swap;
      i = smallest;
    }
}

static double
rand_unit (CsmSimModel *self)
{
  return g_rand_double (self->rand);
}

static guint
rand_below (CsmSimModel *self,
            guint        n)
{
  return (guint) g_rand_int_range (self->rand, 0, (gint32) n);
}

/* Box-Muller; the second value is not kept, so every draw costs two. */
static double
rand_normal (CsmSimModel *self)
{
  double u1 = 1.0 - g_rand_double (self->rand);
  double u2 = g_rand_double (self->rand);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

static double
rand_lognormal (CsmSimModel *self,
                double       median,
                double       sigma)
{
  return median * exp (sigma * rand_normal (self));
}

static double
rand_exponential (CsmSimModel *self)
{
  return -log (1.0 - g_rand_double (self->rand));
}

static guint
rand_pick (CsmSimModel  *self,
           const double *weights,
           guint         n)
{
  double total = 0, u;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  u = rand_unit (self) * total;
  for (guint i = 0; i < n; i++)
    {
      if (u < weights[i])
        return i;
      u -= weights[i];
    }
  return n - 1;
}

/* A log-normal delay in seconds from a median in minutes, clamped. */
static gint64
rand_delay (CsmSimModel *self,
            double       median_minutes,
            double       sigma,
            gint64       min_seconds,
            gint64       max_seconds)
{
  gint64 seconds = (gint64) llround (rand_lognormal (self, median_minutes, sigma) * 60.0);

  return CLAMP (seconds, min_seconds, max_seconds);
}

/* ------------------------------------------------------------------------ */
/* Small accessors                                                          */
/* ------------------------------------------------------------------------ */

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

static gint64
now (CsmSimModel *self)
{
  return csm_sim_world_get_now (self->world);
}

static int
agent_of_user (CsmSimModel *self,
               gint64       user_id)
{
  gpointer value = g_hash_table_lookup (self->agent_by_user, GSIZE_TO_POINTER ((gsize) user_id));

  return value != NULL ? (int) GPOINTER_TO_SIZE (value) - 1 : -1;
}

static gint64
customer_user (CsmSimModel       *self,
               const ModelTicket *mt)
{
  return g_array_index (self->customers, Customer, mt->customer).user_id;
}

static void
schedule (CsmSimModel *self,
          gint64       when,
          EventKind    kind,
          guint        a,
          guint        b,
          guint32      token)
{
  HeapItem item = { when, self->seq++, kind, a, b, token };

  heap_push (self->events, &item);
}

/* The channel's share-weighted arrival intensity in absolute hour @hour
 * (Unix time / 3600); its mean over a week is the channel's share. */
static double
channel_intensity (CsmSimModel *self,
                   guint        channel,
                   gint64       hour)
{
  gint64 day = csm_sim_floor_div (hour, 24);
  int hour_of_day = (int) (hour - day * 24);

  return channel_share[channel] * hour_profile[channel][hour_of_day] *
         weekday_factor[channel][csm_sim_weekday_of_day (day)] / self->channel_norm[channel];
}

static double
intensity_integral (CsmSimModel *self,
                    int          channel,
                    gint64       from,
                    gint64       until)
{
  double total = 0.0;

  for (gint64 hour = csm_sim_floor_div (from, HOUR); hour * HOUR < until; hour++)
    {
      gint64 s = MAX (from, hour * HOUR), e = MIN (until, (hour + 1) * HOUR);

      if (e <= s)
        continue;
      for (guint c = 0; c < CSM_SIM_N_CHANNELS; c++)
        if (channel < 0 || (guint) channel == c)
          total += channel_intensity (self, c, hour) * (double) (e - s);
    }
  return total / HOUR;
}

/* ------------------------------------------------------------------------ */
/* SLA scrips                                                               */
/* ------------------------------------------------------------------------ */

/* RT's LastEffectiveAct: walking back over Create and Correspond, the
 * earliest of the requestor's messages since staff last wrote. */
static gint64
awaiting_since (CsmSimModel        *self,
                const CsmSimTicket *ticket)
{
  gint64 since = 0;

  for (guint i = ticket->txns->len; i-- > 0;)
    {
      const CsmSimTransaction *txn =
        csm_sim_world_get_transaction_at (self->world, g_array_index (ticket->txns, guint, i));

      if (strcmp (txn->type, "Correspond") != 0 && strcmp (txn->type, "Create") != 0)
        continue;
      if (!csm_sim_ticket_has_requestor (ticket, txn->creator))
        break;
      since = txn->created;
    }
  return since;
}

/* "[SLA] Set due date", after Create, Correspond and status changes. */
static void
sla_update_due (CsmSimModel        *self,
                const CsmSimTicket *ticket)
{
  const CsmSimSlaLevel *level = csm_sim_sla_find (csm_sim_world_get_agreements (self->world),
                                                   ticket->sla);
  const CsmSimQueue *queue = csm_sim_world_lookup_queue (self->world, ticket->queue);
  gint64 due;

  if (level == NULL || queue == NULL || queue->sla_disabled)
    return;
  due = csm_sim_sla_due (level, ticket->starts, awaiting_since (self, ticket));
  if (due != ticket->due)
    csm_sim_world_set_due (self->world, ticket->id, CSM_SIM_USER_RT_SYSTEM, due, NULL);
}

static const CsmSimTicket *
world_ticket (CsmSimModel       *self,
              const ModelTicket *mt)
{
  return csm_sim_world_lookup_ticket (self->world, mt->id);
}

/* ------------------------------------------------------------------------ */
/* Where tickets wait, who holds them                                       */
/* ------------------------------------------------------------------------ */

static void
idle_add (CsmSimModel *self,
          guint        a)
{
  Agent *agent = agent_at (self, a);

  if (agent->idle_pos >= 0)
    return;
  agent->idle_pos = (int) self->idle->len;
  g_array_append_val (self->idle, a);
}

static void
idle_remove (CsmSimModel *self,
             guint        a)
{
  Agent *agent = agent_at (self, a);
  guint last;

  if (agent->idle_pos < 0)
    return;
  last = g_array_index (self->idle, guint, self->idle->len - 1);
  g_array_index (self->idle, guint, agent->idle_pos) = last;
  agent_at (self, last)->idle_pos = agent->idle_pos;
  g_array_set_size (self->idle, self->idle->len - 1);
  agent->idle_pos = -1;
}

static gboolean
array_remove_value (GArray *array,
                    guint   value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_array_index (array, guint, i) == value)
      {
        g_array_remove_index (array, i);
        return TRUE;
      }
  return FALSE;
}

static void
ticket_hold (CsmSimModel *self,
             guint        idx,
             int          a)
{
  ModelTicket *mt = ticket_at (self, idx);

  if (mt->held || a < 0)
    return;
  g_array_append_val (agent_at (self, (guint) a)->held, idx);
  mt->held = TRUE;
}

static void
ticket_release (CsmSimModel *self,
                guint        idx)
{
  ModelTicket *mt = ticket_at (self, idx);

  if (!mt->held)
    return;
  if (mt->owner >= 0)
    array_remove_value (agent_at (self, (guint) mt->owner)->held, idx);
  mt->held = FALSE;
}

/* Takes a pending ticket out of its owner's list (a pool entry simply goes
 * stale once "where" changes). */
static void
ticket_unplace (CsmSimModel *self,
                guint        idx)
{
  ModelTicket *mt = ticket_at (self, idx);

  if (mt->where == WHERE_AGENT && mt->owner >= 0)
    array_remove_value (agent_at (self, (guint) mt->owner)->own, idx);
  mt->where = WHERE_NONE;
}

static gboolean agent_find_work (CsmSimModel *self,
                                 guint        a);

static void
pool_push (CsmSimModel *self,
           guint        idx)
{
  ModelTicket *mt = ticket_at (self, idx);
  HeapItem item;

  mt->where = WHERE_POOL;
  mt->place++;
  item = (HeapItem) { mt->key, self->seq++, 0, 0, idx, mt->place };
  heap_push (self->pools[mt->queue], &item);
}

static gboolean
channel_is_live (guint channel)
{
  return channel == CSM_SIM_CHANNEL_CHAT || channel == CSM_SIM_CHANNEL_PHONE;
}

static gboolean
agent_may_take (CsmSimModel       *self,
                guint              a,
                const ModelTicket *mt)
{
  Agent *agent = agent_at (self, a);

  if ((agent->info.skills & (1u << mt->queue)) == 0)
    return FALSE;
  return mt->owner == (int) a || agent->held->len < agent->info.capacity;
}

/* A ticket just went into a pool: let idle agents who may take it look,
 * one at a time, chosen at random, until it is taken or nobody is left. */
static void
wake_agents_for (CsmSimModel *self,
                 guint        idx)
{
  for (;;)
    {
      ModelTicket *mt = ticket_at (self, idx);
      guint eligible = 0, pick;

      if (mt->state != TS_PENDING || mt->where != WHERE_POOL)
        return;
      for (guint i = 0; i < self->idle->len; i++)
        if (agent_may_take (self, g_array_index (self->idle, guint, i), mt))
          eligible++;
      if (eligible == 0)
        return;

      pick = rand_below (self, eligible);
      for (guint i = 0; i < self->idle->len; i++)
        {
          guint a = g_array_index (self->idle, guint, i);

          if (!agent_may_take (self, a, mt))
            continue;
          if (pick-- == 0)
            {
              if (!agent_find_work (self, a))
                return;
              break;
            }
        }
    }
}

/* Puts a pending ticket where it waits: with its owner while the owner is
 * on shift, else in its queue's pool, open to every agent with the skill. */
static void
ticket_place (CsmSimModel *self,
              guint        idx)
{
  ModelTicket *mt = ticket_at (self, idx);

  if (mt->owner >= 0 && agent_at (self, (guint) mt->owner)->on_shift)
    {
      Agent *owner = agent_at (self, (guint) mt->owner);

      mt->where = WHERE_AGENT;
      g_array_append_val (owner->own, idx);
      if (owner->idle_pos >= 0)
        agent_find_work (self, (guint) mt->owner);
    }
  else
    {
      pool_push (self, idx);
      if (channel_is_live (mt->channel))
        wake_agents_for (self, idx);
    }
}

static void
ticket_make_pending (CsmSimModel *self,
                     guint        idx,
                     Task         task,
                     gboolean     defer)
{
  ModelTicket *mt = ticket_at (self, idx);
  const CsmSimTicket *ticket = world_ticket (self, mt);
  gint64 at = now (self);
  gint64 base;

  mt->state = TS_PENDING;
  mt->task = task;
  mt->token++;
  if (task == TASK_CLOSE)
    base = at + CLOSE_SLACK;
  else
    base = (ticket->due > 0 ? ticket->due : at + NO_DUE_SLACK) - channel_urgency[mt->channel];
  mt->key = base + rand_below (self, POOL_JITTER);

  if (defer)
    {
      mt->where = WHERE_NONE;
      g_array_append_val (self->deferred, idx);
    }
  else
    ticket_place (self, idx);
}

static void
flush_deferred (CsmSimModel *self)
{
  for (guint i = 0; i < self->deferred->len; i++)
    {
      guint idx = g_array_index (self->deferred, guint, i);
      ModelTicket *mt = ticket_at (self, idx);

      if (mt->state == TS_PENDING && mt->where == WHERE_NONE)
        ticket_place (self, idx);
    }
  g_array_set_size (self->deferred, 0);
}

/* Brings the model's view of a ticket in line with the world after changes
 * made outside the model (the console reassigning, resolving or moving a
 * ticket through the REST API): plans for the ticket are dropped and it
 * waits again as the world now says. Returns TRUE if nothing differed. */
static gboolean
ticket_sync (CsmSimModel *self,
             guint        idx)
{
  ModelTicket *mt = ticket_at (self, idx);
  const CsmSimTicket *ticket;
  int owner, queue;
  gboolean inactive;

  if (mt->state == TS_DETACHED)
    return FALSE;

  ticket = world_ticket (self, mt);
  owner = agent_of_user (self, ticket->owner);
  queue = csm_sim_model_get_queue_kind (self, ticket->queue);
  inactive = csm_sim_status_is_inactive (ticket->status);
  if (owner == mt->owner && queue == (int) mt->queue && inactive == (mt->state == TS_RESOLVED))
    return TRUE;

  ticket_unplace (self, idx);
  ticket_release (self, idx);
  mt->token++;
  mt->owner = owner;
  if (queue < 0 || strcmp (ticket->status, "deleted") == 0 ||
      strcmp (ticket->status, "rejected") == 0)
    {
      mt->state = TS_DETACHED;
      return FALSE;
    }
  mt->queue = (guint8) queue;
  if (inactive)
    {
      mt->state = TS_RESOLVED;
      return FALSE;
    }
  ticket_hold (self, idx, owner);
  ticket_make_pending (self, idx, TASK_REPLY, TRUE);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Agents                                                                   */
/* ------------------------------------------------------------------------ */

/* The first valid entry of a pool. Entries gone stale are dropped; a
 * ticket whose owner is back on shift moves to that owner's list. */
static const HeapItem *
pool_head (CsmSimModel *self,
           guint        queue,
           guint        a)
{
  GArray *pool = self->pools[queue];
  const HeapItem *head;

  while ((head = heap_peek (pool)) != NULL)
    {
      ModelTicket *mt = ticket_at (self, head->b);

      if (mt->state != TS_PENDING || mt->where != WHERE_POOL || mt->place != head->token ||
          mt->queue != queue)
        {
          heap_pop (pool, NULL);
          continue;
        }
      if (mt->owner >= 0 && mt->owner != (int) a && agent_at (self, (guint) mt->owner)->on_shift)
        {
          guint idx = head->b;

          heap_pop (pool, NULL);
          mt->where = WHERE_AGENT;
          g_array_append_val (agent_at (self, (guint) mt->owner)->own, idx);
          schedule (self, now (self), EV_AGENT_POKE, (guint) mt->owner, 0, 0);
          continue;
        }
      return head;
    }
  return NULL;
}

static int
seconds_to_minutes (int seconds)
{
  return MAX (1, (seconds + 30) / 60);
}

typedef enum
{
  START_STARTED,
  START_WRAPPED,
  START_RETRY,
} StartResult;

static StartResult
start_work (CsmSimModel *self,
            guint        a,
            guint        idx,
            int          own_pos,
            int          pool)
{
  Agent *agent = agent_at (self, a);
  ModelTicket *mt = ticket_at (self, idx);
  gint64 at = now (self);
  WorkKind kind;
  int comment_seconds = 0, work_seconds;

  if (!ticket_sync (self, idx))
    return START_RETRY;

  /* What the work will be and how long it takes, drawn up front: an agent
   * does not start what the shift leaves no time to finish. */
  if (mt->task == TASK_CLOSE)
    {
      kind = WORK_CLOSE;
      work_seconds = 60 + (int) rand_below (self, 120);
    }
  else
    {
      gboolean escalate = FALSE;
      double p_comment = mt->queue == CSM_SIM_QUEUE_KIND_TECHNICAL ? P_COMMENT_FIRST_TECH
                                                                   : P_COMMENT_FIRST;

      if (!agent->info.tier2 && mt->queue == CSM_SIM_QUEUE_KIND_SUPPORT && mt->technical &&
          !mt->escalated)
        escalate = rand_unit (self) < P_ESCALATE;
      if (!escalate && rand_unit (self) < p_comment)
        comment_seconds = (int) rand_delay (self, COMMENT_MEDIAN, COMMENT_SIGMA, 30, 2 * HOUR);
      work_seconds = (int) rand_delay (self, handle_median[mt->channel], handle_sigma[mt->channel],
                                       30, 4 * HOUR);
      kind = escalate ? WORK_ESCALATE : WORK_REPLY;
    }

  if (at + comment_seconds + work_seconds >= agent->shift_end)
    {
      agent->wrapped = TRUE;
      idle_remove (self, a);
      return START_WRAPPED;
    }

  if (own_pos >= 0)
    g_array_remove_index (agent->own, (guint) own_pos);
  else
    heap_pop (self->pools[pool], NULL);
  mt->where = WHERE_NONE;
  mt->state = TS_WORKING;
  mt->token++;

  /* Take it (RT's Set Owner), from Nobody or from a colleague off shift. */
  if (mt->owner != (int) a)
    {
      csm_sim_world_set_owner (self->world, mt->id, agent->info.user_id, agent->info.user_id, NULL);
      if (mt->owner >= 0)
        self->stats.takeovers++;
      ticket_release (self, idx);
      mt->owner = (int) a;
    }
  ticket_hold (self, idx, (int) a);

  agent->busy = TRUE;
  idle_remove (self, a);
  agent->work_kind = kind;
  agent->work_comment_seconds = comment_seconds;
  agent->work_seconds = work_seconds;
  if (comment_seconds > 0)
    schedule (self, at + comment_seconds, EV_WORK_COMMENT, a, idx, mt->token);
  schedule (self, at + comment_seconds + work_seconds, EV_WORK_DONE, a, idx, mt->token);
  return START_STARTED;
}

/* An idle agent looks for the most urgent ticket it may take: its own
 * waiting tickets (with a head start) and the heads of its skill queues'
 * pools (new tickets only while under capacity). Returns TRUE if the
 * agent started work or wrapped up for the shift. */
static gboolean
agent_find_work (CsmSimModel *self,
                 guint        a)
{
  Agent *agent = agent_at (self, a);

  for (guint attempt = 0; attempt < 8; attempt++)
    {
      gint64 best_key = G_MAXINT64;
      int best_own = -1, best_pool = -1;
      guint best_idx = 0;

      if (!agent->on_shift || agent->busy || agent->wrapped || agent->on_break)
        return FALSE;

      for (guint i = 0; i < agent->own->len; i++)
        {
          guint idx = g_array_index (agent->own, guint, i);
          gint64 key = ticket_at (self, idx)->key - OWN_BONUS;

          if (key < best_key)
            {
              best_key = key;
              best_own = (int) i;
              best_idx = idx;
            }
        }

      for (guint q = 0; q < CSM_SIM_N_QUEUE_KINDS; q++)
        {
          const HeapItem *head;

          if ((agent->info.skills & (1u << q)) == 0)
            continue;
          head = pool_head (self, q, a);
          if (head == NULL || !agent_may_take (self, a, ticket_at (self, head->b)))
            continue;
          if (head->key < best_key)
            {
              best_key = head->key;
              best_own = -1;
              best_pool = (int) q;
              best_idx = head->b;
            }
        }

      if (best_own < 0 && best_pool < 0)
        {
          /* Nothing now: look at the queues again in a while. */
          agent->sweep_token++;
          schedule (self, now (self) + SWEEP_MIN + rand_below (self, SWEEP_MAX - SWEEP_MIN),
                    EV_SWEEP, a, 0, agent->sweep_token);
          return FALSE;
        }

      switch (start_work (self, a, best_idx, best_own, best_pool))
        {
        case START_STARTED:
        case START_WRAPPED:
          return TRUE;
        case START_RETRY:
        default:
          break;
        }
    }
  return FALSE;
}

static void
agent_go_on_break (CsmSimModel *self,
                   guint        a)
{
  Agent *agent = agent_at (self, a);

  agent->on_break = TRUE;
  idle_remove (self, a);
  schedule (self, now (self) + agent->pending_break, EV_BREAK_END, a, 0, 0);
  agent->pending_break = 0;
}

/* Free again (after a ticket's wrap-up or a break): a break that fell due
 * meanwhile first, then the queues. */
static void
agent_ready (CsmSimModel *self,
             guint        a)
{
  Agent *agent = agent_at (self, a);

  if (!agent->on_shift || agent->busy || agent->on_break)
    return;
  if (agent->pending_break > 0)
    agent_go_on_break (self, a);
  else if (!agent->wrapped)
    {
      idle_add (self, a);
      agent_find_work (self, a);
    }
}

static void
agent_break_start (CsmSimModel *self,
                   guint        a,
                   int          seconds)
{
  Agent *agent = agent_at (self, a);

  if (!agent->on_shift)
    return;
  agent->pending_break += seconds;
  agent_ready (self, a);
}

static void
agent_shift_start (CsmSimModel *self,
                   guint        a)
{
  Agent *agent = agent_at (self, a);
  gint64 start, end;

  if (!csm_sim_shift_bounds (agent->info.shift, now (self), &start, &end))
    {
      schedule (self, shift_next_start (agent->info.shift, now (self)), EV_SHIFT_START, a, 0, 0);
      return;
    }

  agent->on_shift = TRUE;
  agent->wrapped = FALSE;
  agent->pending_break = 0;
  agent->shift_end = end;
  schedule (self, end, EV_SHIFT_END, a, 0, 0);

  /* The shift's breaks. One draw per statement: the order in which a
   * compiler evaluates arguments must not change the world. */
  for (guint i = 0; i < G_N_ELEMENTS (breaks); i++)
    {
      guint at_minute, minutes;

      if (breaks[i].chance < 1.0 && rand_unit (self) >= breaks[i].chance)
        continue;
      at_minute = breaks[i].earliest + rand_below (self, breaks[i].spread);
      minutes = breaks[i].minutes + rand_below (self, breaks[i].extra + 1);
      schedule (self, start + at_minute * 60, EV_BREAK_START, a, 0, minutes * 60);
    }

  /* Back at work: one's own tickets that waited in the pools come home. */
  for (guint i = 0; i < agent->held->len; i++)
    {
      guint idx = g_array_index (agent->held, guint, i);
      ModelTicket *mt = ticket_at (self, idx);

      if (mt->state == TS_PENDING && mt->where == WHERE_POOL)
        {
          mt->where = WHERE_AGENT;
          g_array_append_val (agent->own, idx);
        }
    }

  agent_ready (self, a);
}

static void
agent_shift_end (CsmSimModel *self,
                 guint        a)
{
  Agent *agent = agent_at (self, a);
  g_autoptr(GArray) moved = NULL;

  agent->on_shift = FALSE;
  agent->wrapped = FALSE;
  idle_remove (self, a);
  schedule (self, shift_next_start (agent->info.shift, now (self)), EV_SHIFT_START, a, 0, 0);

  /* What waits for this agent is open to colleagues until the next shift. */
  moved = g_array_copy (agent->own);
  g_array_set_size (agent->own, 0);
  for (guint i = 0; i < moved->len; i++)
    pool_push (self, g_array_index (moved, guint, i));
  for (guint i = 0; i < moved->len; i++)
    if (channel_is_live (ticket_at (self, g_array_index (moved, guint, i))->channel))
      wake_agents_for (self, g_array_index (moved, guint, i));
}

/* ------------------------------------------------------------------------ */
/* Tickets' lives                                                           */
/* ------------------------------------------------------------------------ */

static void
maybe_schedule_chase (CsmSimModel *self,
                      guint        idx)
{
  ModelTicket *mt = ticket_at (self, idx);

  if (rand_unit (self) < p_chase[mt->channel])
    schedule (self,
              now (self) + rand_delay (self, chase_median[mt->channel], CHASE_SIGMA, 60, 3 * DAY),
              EV_CHASE, 0, idx, mt->token);
}

static void
ticket_resolved (CsmSimModel *self,
                 guint        idx,
                 gboolean     may_reopen)
{
  ModelTicket *mt = ticket_at (self, idx);

  self->stats.resolved++;
  mt->state = TS_RESOLVED;
  mt->token++;

  /* A reopen keeps its place in the owner's capacity meanwhile. */
  if (may_reopen && rand_unit (self) < P_REOPEN)
    {
      schedule (self, now (self) + rand_delay (self, REOPEN_MEDIAN, REOPEN_SIGMA, REOPEN_MIN,
                                               REOPEN_MAX),
                EV_CUSTOMER_REPLY, 0, idx, mt->token);
      return;
    }

  ticket_release (self, idx);
  self->stats.final_resolutions++;
  if (rand_unit (self) < self->config.survey_rate)
    schedule (self, now (self) + rand_delay (self, SURVEY_MEDIAN, SURVEY_SIGMA, SURVEY_MIN,
                                             SURVEY_MAX),
              EV_SURVEY, 0, idx, mt->token);
}

static const char *
make_fill (CsmSimModel *self,
           Fill         fill,
           char        *buffer,
           gsize        size)
{
  switch (fill)
    {
    case FILL_PRODUCT:
      return products[rand_below (self, G_N_ELEMENTS (products))];
    case FILL_PLAN:
      return plans[rand_below (self, G_N_ELEMENTS (plans))];
    case FILL_FEATURE:
      return features[rand_below (self, G_N_ELEMENTS (features))];
    case FILL_PLATFORM:
      return platforms[rand_below (self, G_N_ELEMENTS (platforms))];
    case FILL_ERROR:
      return error_codes[rand_below (self, G_N_ELEMENTS (error_codes))];
    case FILL_NUMBER:
      g_snprintf (buffer, size, "%u", 10000 + rand_below (self, 90000));
      return buffer;
    case FILL_CARD:
      g_snprintf (buffer, size, "%04u", rand_below (self, 10000));
      return buffer;
    case FILL_NONE:
    default:
      return "";
    }
}

static char *
make_subject (CsmSimModel *self,
              Topic        topic)
{
  const SubjectTemplate *template =
    &subjects_by_topic[topic].templates[rand_below (self, subjects_by_topic[topic].n_templates)];
  const char *hole = strstr (template->text, "{}");
  char buffer[32];
  const char *fill;
  g_autofree char *capital = NULL;

  if (hole == NULL)
    return g_strdup (template->text);

  fill = make_fill (self, template->fill, buffer, sizeof buffer);
  /* "the mobile app crashes" starts a sentence with a capital. */
  if (hole == template->text && g_ascii_islower (fill[0]))
    {
      capital = g_strdup (fill);
      capital[0] = g_ascii_toupper (capital[0]);
      fill = capital;
    }
  return g_strdup_printf ("%.*s%s%s", (int) (hole - template->text), template->text, fill,
                          hole + 2);
}

static void
schedule_next_arrival (CsmSimModel *self,
                       guint        channel)
{
  double at = self->arrival_clock[channel];
  double need = rand_exponential (self);

  /* A Poisson process with a rate that is constant within each clock hour:
   * spend one exponential unit of integrated rate, hour by hour. */
  for (;;)
    {
      gint64 hour = (gint64) floor (at / HOUR);
      double end = (double) (hour + 1) * HOUR;
      double rate = self->scale * channel_intensity (self, channel, hour) / HOUR;
      double available = rate * (end - at);

      if (rate > 0 && available >= need)
        {
          at += need / rate;
          break;
        }
      need -= available;
      at = end;
    }

  self->arrival_clock[channel] = at;
  schedule (self, (gint64) floor (at), EV_ARRIVAL, channel, 0, 0);
}

static void
handle_arrival (CsmSimModel *self,
                guint        channel)
{
  gint64 at = now (self);
  gboolean vip;
  guint customer;
  Topic topic;
  CsmSimQueueKind queue;
  g_autofree char *subject = NULL;
  int priority;
  CsmSimTicketSpec spec = { 0, };
  const CsmSimTicket *ticket;
  const CsmSimSlaLevel *level;
  ModelTicket mt = { 0, };
  guint idx;
  gint64 requestor;
  g_autoptr(GError) error = NULL;

  schedule_next_arrival (self, channel);

  self->stats.arrivals_by_hour[csm_sim_floor_div (at, HOUR) % 24]++;
  self->stats.arrivals_by_channel[channel]++;

  /* Who writes, about what, to which queue. Regular customers are skewed
   * (u²): a fifth of them write almost half of the tickets. */
  vip = rand_unit (self) < P_VIP_ARRIVAL;
  if (vip)
    customer = g_array_index (self->vip_customers, guint,
                              rand_below (self, self->vip_customers->len));
  else
    {
      double u = rand_unit (self);
      guint n = self->regular_customers->len;

      customer = g_array_index (self->regular_customers, guint,
                                MIN ((guint) (u * u * n), n - 1));
    }
  topic = (Topic) rand_pick (self, topic_mix[channel], N_TOPICS);
  if (vip)
    queue = CSM_SIM_QUEUE_KIND_VIP;
  else if (topic == TOPIC_BILLING)
    queue = CSM_SIM_QUEUE_KIND_BILLING;
  else if (topic == TOPIC_TECHNICAL && rand_unit (self) < P_TECHNICAL_DIRECT)
    queue = CSM_SIM_QUEUE_KIND_TECHNICAL;
  else
    queue = CSM_SIM_QUEUE_KIND_SUPPORT;
  subject = make_subject (self, topic);
  priority = queue_defs[queue].priority + 10 * (int) rand_below (self, 3) +
             (channel == CSM_SIM_CHANNEL_PHONE ? 10 : 0);

  /* The customer creates it as requestor, as mail or a web form would. */
  requestor = g_array_index (self->customers, Customer, customer).user_id;
  spec.subject = subject;
  spec.queue = self->queue_ids[queue];
  spec.creator = requestor;
  spec.priority = priority;
  spec.sla = csm_sim_sla_level_for_queue (csm_sim_world_get_agreements (self->world),
                                          queue_defs[queue].name);
  spec.requestors = &requestor;
  spec.n_requestors = 1;
  ticket = csm_sim_world_create_ticket (self->world, &spec, &error);
  if (ticket == NULL)
    {
      g_warning ("Could not create a ticket: %s", error->message);
      return;
    }
  /* Custom fields given at creation are stored without a transaction. */
  csm_sim_ticket_set_raw_cf_value (self->world, (CsmSimTicket *) ticket, self->cf_channel,
                                   channel_names[channel]);
  level = csm_sim_sla_find (csm_sim_world_get_agreements (self->world), ticket->sla);
  if (level != NULL)
    {
      csm_sim_world_set_starts (self->world, ticket->id, CSM_SIM_USER_RT_SYSTEM,
                                csm_sim_sla_starts (level, ticket->created), NULL);
      sla_update_due (self, ticket);
    }
  self->stats.tickets_created++;

  mt.id = ticket->id;
  mt.created = ticket->created;
  mt.customer = customer;
  mt.owner = -1;
  mt.customer_msgs = 1;
  mt.channel = (guint8) channel;
  mt.queue = (guint8) queue;
  mt.technical = topic == TOPIC_TECHNICAL;
  g_array_append_val (self->tickets, mt);
  idx = self->tickets->len - 1;

  ticket_make_pending (self, idx, TASK_REPLY, FALSE);
  maybe_schedule_chase (self, idx);
}

static void
handle_work_comment (CsmSimModel *self,
                     guint        a,
                     guint        idx,
                     guint32      token)
{
  ModelTicket *mt = ticket_at (self, idx);
  Agent *agent = agent_at (self, a);

  if (mt->token != token || mt->state != TS_WORKING)
    return;
  csm_sim_world_comment (self->world, mt->id, agent->info.user_id,
                         seconds_to_minutes (agent->work_comment_seconds), NULL);
  self->stats.comments++;
}

static void
handle_work_done (CsmSimModel *self,
                  guint        a,
                  guint        idx,
                  guint32      token)
{
  Agent *agent = agent_at (self, a);
  ModelTicket *mt = ticket_at (self, idx);
  const CsmSimTicket *ticket;
  gint64 at = now (self);
  gint64 user = agent->info.user_id;

  schedule (self, at + rand_delay (self, WRAP_MEDIAN, WRAP_SIGMA, 10, 15 * 60), EV_AGENT_READY, a,
            0, 0);

  if (mt->token != token || mt->state != TS_WORKING || !ticket_sync (self, idx))
    return;
  ticket = world_ticket (self, mt);

  switch (agent->work_kind)
    {
    case WORK_ESCALATE:
      /* An internal note for tier 2, hand it back, move it. */
      csm_sim_world_comment (self->world, mt->id, user, seconds_to_minutes (agent->work_seconds),
                             NULL);
      self->stats.comments++;
      csm_sim_world_set_owner (self->world, mt->id, user, CSM_SIM_USER_NOBODY, NULL);
      ticket_release (self, idx);
      mt->owner = -1;
      csm_sim_world_set_queue (self->world, mt->id, user,
                               self->queue_ids[CSM_SIM_QUEUE_KIND_TECHNICAL], NULL);
      mt->queue = CSM_SIM_QUEUE_KIND_TECHNICAL;
      mt->escalated = TRUE;
      self->stats.escalated++;
      ticket_make_pending (self, idx, TASK_REPLY, FALSE);
      break;

    case WORK_CLOSE:
      csm_sim_world_set_status (self->world, mt->id, user, "resolved", NULL);
      sla_update_due (self, ticket);
      self->stats.closed_unanswered++;
      ticket_resolved (self, idx, FALSE);
      break;

    case WORK_REPLY:
    default:
      {
        double p;

        csm_sim_world_correspond (self->world, mt->id, user,
                                  seconds_to_minutes (agent->work_seconds), NULL);
        self->stats.replies++;
        if (mt->first_reply == 0)
          mt->first_reply = at;
        p = p_resolve[mt->channel] + RESOLVE_STEP * mt->agent_replies -
            (mt->queue == CSM_SIM_QUEUE_KIND_TECHNICAL ? RESOLVE_TECH_PENALTY : 0.0);
        mt->agent_replies++;
        sla_update_due (self, ticket);

        if (rand_unit (self) < MIN (p, RESOLVE_MAX))
          {
            csm_sim_world_set_status (self->world, mt->id, user, "resolved", NULL);
            sla_update_due (self, ticket);
            ticket_resolved (self, idx, TRUE);
            break;
          }

        /* Waiting for the customer. A customer's reply does not reopen a
         * stalled ticket in RT 5 (stalled is active), so the owner does. */
        if (rand_unit (self) < p_stall[mt->channel])
          {
            if (strcmp (ticket->status, "stalled") != 0)
              csm_sim_world_set_status (self->world, mt->id, user, "stalled", NULL);
          }
        else if (strcmp (ticket->status, "stalled") == 0)
          csm_sim_world_set_status (self->world, mt->id, user, "open", NULL);
        sla_update_due (self, ticket);

        mt->state = TS_WAITING;
        mt->token++;
        if (rand_unit (self) < P_CUSTOMER_ANSWERS)
          {
            gint64 limit = (gint64) (followup_hours[mt->channel] * HOUR * 0.9);

            schedule (self, at + rand_delay (self, customer_reply_median[mt->channel],
                                             CUSTOMER_REPLY_SIGMA, 30, limit),
                      EV_CUSTOMER_REPLY, 0, idx, mt->token);
          }
        else
          schedule (self, at + (gint64) (followup_hours[mt->channel] * HOUR), EV_FOLLOWUP, 0, idx,
                    mt->token);
      }
      break;
    }
}

/* The customer writes: an answer, or (on a resolved ticket) a reopen. */
static void
handle_customer_reply (CsmSimModel *self,
                       guint        idx,
                       guint32      token)
{
  ModelTicket *mt = ticket_at (self, idx);
  gboolean reopen;

  if (mt->token != token || !ticket_sync (self, idx))
    return;
  if (mt->state != TS_WAITING && mt->state != TS_RESOLVED)
    return;

  reopen = mt->state == TS_RESOLVED;
  csm_sim_world_correspond (self->world, mt->id, customer_user (self, mt), 0, NULL);
  self->stats.customer_replies++;
  mt->customer_msgs++;
  if (reopen)
    {
      mt->reopens++;
      self->stats.reopened++;
    }
  sla_update_due (self, world_ticket (self, mt));
  ticket_make_pending (self, idx, TASK_REPLY, FALSE);
  maybe_schedule_chase (self, idx);
}

static void
handle_chase (CsmSimModel *self,
              guint        idx,
              guint32      token)
{
  ModelTicket *mt = ticket_at (self, idx);

  if (mt->token != token || mt->state != TS_PENDING || !ticket_sync (self, idx))
    return;
  csm_sim_world_correspond (self->world, mt->id, customer_user (self, mt), 0, NULL);
  self->stats.customer_replies++;
  mt->customer_msgs++;
  sla_update_due (self, world_ticket (self, mt));
}

static void
handle_followup (CsmSimModel *self,
                 guint        idx,
                 guint32      token)
{
  ModelTicket *mt = ticket_at (self, idx);

  if (mt->token != token || mt->state != TS_WAITING || !ticket_sync (self, idx))
    return;
  ticket_make_pending (self, idx, TASK_CLOSE, FALSE);
}

/*
 * The survey. A latent satisfaction s falls with the wait for the first
 * reply (relative to what the channel's customers find fine), with every
 * message the customer had to write beyond the first, with reopens and
 * with a hand-over to another tier; the three answers are read from it
 * with their own noise (N = a standard normal draw each):
 *
 *   x    = ln (1 + first-reply wait / target)      target: email 4 h,
 *                                                  chat and phone 15 min,
 *                                                  social and sms 1 h
 *   m    = customer messages - 1,  r = reopens,  e = 1 if escalated
 *   s    = 4.6 - 0.9 x - 0.45 m - 1.0 r - 0.3 e + 0.6 N
 *   CSAT = clamp (round (s), 1, 5)
 *   NPS  = clamp (round (2.2 s - 0.8 + 1.0 N), 0, 10)
 *   CES  = clamp (round (1.6 + 0.8 x + 0.8 m + 1.1 r + 0.6 e + 0.7 N), 1, 7)
 */
static void
handle_survey (CsmSimModel *self,
               guint        idx,
               guint32      token)
{
  ModelTicket *mt = ticket_at (self, idx);
  gint64 user = customer_user (self, mt);
  double wait_hours, x, m, r, e, s;
  int csat, nps, ces;
  char text[8];

  if (mt->token != token || mt->state != TS_RESOLVED || !ticket_sync (self, idx))
    return;

  wait_hours = (double) ((mt->first_reply > 0 ? mt->first_reply : now (self)) - mt->created) / HOUR;
  x = log1p (wait_hours / wait_target_hours[mt->channel]);
  m = mt->customer_msgs - 1;
  r = mt->reopens;
  e = mt->escalated ? 1.0 : 0.0;
  s = 4.6 - 0.9 * x - 0.45 * m - 1.0 * r - 0.3 * e + 0.6 * rand_normal (self);
  csat = (int) lround (s);
  nps = (int) lround (2.2 * s - 0.8 + 1.0 * rand_normal (self));
  ces = (int) lround (1.6 + 0.8 * x + 0.8 * m + 1.1 * r + 0.6 * e + 0.7 * rand_normal (self));
  csat = CLAMP (csat, 1, 5);
  nps = CLAMP (nps, 0, 10);
  ces = CLAMP (ces, 1, 7);

  g_snprintf (text, sizeof text, "%d", csat);
  csm_sim_world_set_custom_field (self->world, mt->id, user, self->cf_csat, text, NULL);
  g_snprintf (text, sizeof text, "%d", nps);
  csm_sim_world_set_custom_field (self->world, mt->id, user, self->cf_nps, text, NULL);
  g_snprintf (text, sizeof text, "%d", ces);
  csm_sim_world_set_custom_field (self->world, mt->id, user, self->cf_ces, text, NULL);
  self->stats.surveys++;
}

static void
process_event (CsmSimModel    *self,
               const HeapItem *event)
{
  switch ((EventKind) event->kind)
    {
    case EV_ARRIVAL:
      handle_arrival (self, event->a);
      break;
    case EV_SHIFT_START:
      agent_shift_start (self, event->a);
      break;
    case EV_SHIFT_END:
      agent_shift_end (self, event->a);
      break;
    case EV_WORK_COMMENT:
      handle_work_comment (self, event->a, event->b, event->token);
      break;
    case EV_WORK_DONE:
      handle_work_done (self, event->a, event->b, event->token);
      break;
    case EV_AGENT_READY:
      agent_at (self, event->a)->busy = FALSE;
      agent_ready (self, event->a);
      break;
    case EV_AGENT_POKE:
      if (agent_at (self, event->a)->idle_pos >= 0)
        agent_find_work (self, event->a);
      break;
    case EV_SWEEP:
      if (agent_at (self, event->a)->idle_pos >= 0 &&
          agent_at (self, event->a)->sweep_token == event->token)
        agent_find_work (self, event->a);
      break;
    case EV_BREAK_START:
      agent_break_start (self, event->a, (int) event->token);
      break;
    case EV_BREAK_END:
      agent_at (self, event->a)->on_break = FALSE;
      agent_ready (self, event->a);
      break;
    case EV_CUSTOMER_REPLY:
      handle_customer_reply (self, event->b, event->token);
      break;
    case EV_CHASE:
      handle_chase (self, event->b, event->token);
      break;
    case EV_FOLLOWUP:
      handle_followup (self, event->b, event->token);
      break;
    case EV_SURVEY:
      handle_survey (self, event->b, event->token);
      break;
    default:
      g_assert_not_reached ();
    }
  flush_deferred (self);
}

static void
advance_locked (CsmSimModel *self,
                gint64       until)
{
  const HeapItem *next;

  if (until < now (self))
    return;

  while ((next = heap_peek (self->events)) != NULL && next->key <= until)
    {
      HeapItem event;

      heap_pop (self->events, &event);
      if (event.key > now (self))
        csm_sim_world_set_now (self->world, event.key);
      process_event (self, &event);
    }
  if (until > now (self))
    csm_sim_world_set_now (self->world, until);
}

/* ------------------------------------------------------------------------ */
/* Building the helpdesk                                                    */
/* ------------------------------------------------------------------------ */

static void
create_queues (CsmSimModel *self)
{
  for (guint q = 0; q < CSM_SIM_N_QUEUE_KINDS; q++)
    {
      const CsmSimQueue *queue = csm_sim_world_lookup_queue_by_name (self->world,
                                                                     queue_defs[q].name);
      g_autoptr(GError) error = NULL;

      if (queue == NULL)
        queue = csm_sim_world_add_queue (self->world, 0, queue_defs[q].name,
                                         queue_defs[q].description, FALSE, &error);
      if (queue == NULL)
        g_error ("Could not create queue %s: %s", queue_defs[q].name, error->message);
      self->queue_ids[q] = queue->id;
    }
}

static gint64
ensure_custom_field (CsmSimModel *self,
                     const char  *name,
                     const char  *type,
                     const char  *description,
                     const char  *pattern)
{
  const CsmSimCustomField *cf = csm_sim_world_lookup_custom_field_by_name (self->world, name);
  g_autoptr(GError) error = NULL;

  if (cf == NULL)
    cf = csm_sim_world_add_custom_field (self->world, 0, name, type, description, pattern, 1,
                                         &error);
  if (cf == NULL)
    g_error ("Could not create custom field %s: %s", name, error->message);
  return cf->id;
}

static void
create_custom_fields (CsmSimModel *self)
{
  const CsmSimCustomField *channel;

  self->cf_csat = ensure_custom_field (self, "CSAT", "Freeform", "Customer satisfaction 1-5",
                                       "(?#Integer 1-5)^[1-5]?$");
  self->cf_nps = ensure_custom_field (self, "NPS", "Freeform", "Net promoter score 0-10",
                                      "(?#Integer 0-10)^(?:[0-9]|10)?$");
  self->cf_ces = ensure_custom_field (self, "CES", "Freeform", "Customer effort score 1-7",
                                      "(?#Integer 1-7)^[1-7]?$");
  self->cf_channel = ensure_custom_field (self, "Channel", "Select", "Contact channel", NULL);

  channel = csm_sim_world_lookup_custom_field (self->world, self->cf_channel);
  if (channel->values->len == 0)
    for (guint c = 0; c < CSM_SIM_N_CHANNELS; c++)
      csm_sim_world_add_custom_field_value (self->world, self->cf_channel, channel_names[c], NULL);
}

/* "First Last" and a login or mail-box form of it ("first.last"). */
static void
draw_name (CsmSimModel *self,
           char       **real_name,
           char       **handle)
{
  const char *first = first_names[rand_below (self, G_N_ELEMENTS (first_names))];
  const char *last = last_names[rand_below (self, G_N_ELEMENTS (last_names))];

  *real_name = g_strdup_printf ("%s %s", first, last);
  *handle = g_ascii_strdown (*real_name, -1);
  g_strdelimit (*handle, " ", '.');
}

static void
create_agents (CsmSimModel *self)
{
  const CsmSimGroup *group = NULL;
  GPtrArray *groups = csm_sim_world_get_groups (self->world);
  guint per_shift[CSM_SIM_N_SHIFTS] = { 0, };

  for (guint i = 0; i < groups->len && group == NULL; i++)
    {
      const CsmSimGroup *candidate = g_ptr_array_index (groups, i);

      if (g_strcmp0 (candidate->domain, "UserDefined") == 0 &&
          g_ascii_strcasecmp (candidate->name, "Agents") == 0)
        group = candidate;
    }
  if (group == NULL)
    group = csm_sim_world_add_group (self->world, 0, "Agents", "Helpdesk agents", NULL);

  for (guint i = 0; i < self->config.n_agents; i++)
    {
      Agent agent = { 0, };
      CsmSimShift shift = shift_pattern[i % G_N_ELEMENTS (shift_pattern)];
      guint rank = per_shift[shift]++;
      g_autofree char *real_name = NULL;
      g_autofree char *login = NULL;
      g_autofree char *email = NULL;
      const CsmSimUser *user;

      /* A name nobody in the world has yet. */
      for (;;)
        {
          g_clear_pointer (&real_name, g_free);
          g_clear_pointer (&login, g_free);
          draw_name (self, &real_name, &login);
          if (csm_sim_world_lookup_user_by_name (self->world, login) == NULL)
            break;
        }
      email = g_strdup_printf ("%s@helpdesk.example.com", login);
      user = csm_sim_world_add_user (self->world, 0, login, real_name, email,
                                     CSM_SIM_ACCESS_AGENT, NULL);
      g_assert (user != NULL);
      csm_sim_world_set_user_locale (self->world, user->id, "en", "UTC");
      csm_sim_world_add_group_member (self->world, group->id, user->id, NULL);

      agent.info.user_id = user->id;
      agent.info.shift = shift;
      if (shift <= CSM_SIM_SHIFT_LATE)
        {
          agent.info.skills = weekday_roles[rank % G_N_ELEMENTS (weekday_roles)].skills;
          agent.info.tier2 = weekday_roles[rank % G_N_ELEMENTS (weekday_roles)].tier2;
        }
      else
        {
          agent.info.skills = off_hours_roles[rank % G_N_ELEMENTS (off_hours_roles)].skills;
          agent.info.tier2 = off_hours_roles[rank % G_N_ELEMENTS (off_hours_roles)].tier2;
        }
      agent.info.capacity = 3 + rand_below (self, 6);
      agent.idle_pos = -1;
      agent.held = g_array_new (FALSE, FALSE, sizeof (guint));
      agent.own = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (self->agents, agent);
      g_hash_table_insert (self->agent_by_user, GSIZE_TO_POINTER ((gsize) user->id),
                           GSIZE_TO_POINTER ((gsize) self->agents->len));
    }
}

static void
create_customers (CsmSimModel *self)
{
  guint n = MAX (100, self->config.n_agents * 10);

  for (guint i = 0; i < n; i++)
    {
      Customer customer;
      g_autofree char *real_name = NULL;
      g_autofree char *handle = NULL;
      g_autofree char *email = NULL;
      const char *domain;
      gboolean vip;
      const CsmSimUser *user;
      guint index_in_list;

      draw_name (self, &real_name, &handle);
      domain = customer_domains[rand_below (self, G_N_ELEMENTS (customer_domains))];
      vip = rand_unit (self) < P_VIP_CUSTOMER;
      email = g_strdup_printf ("%s@%s", handle, domain);
      for (guint k = 2; csm_sim_world_lookup_user_by_email (self->world, email) != NULL; k++)
        {
          g_free (email);
          email = g_strdup_printf ("%s%u@%s", handle, k, domain);
        }

      /* As RT creates them from mail: the address is the name. */
      user = csm_sim_world_add_user (self->world, 0, email, real_name, email,
                                     CSM_SIM_ACCESS_CUSTOMER, NULL);
      g_assert (user != NULL);
      customer.user_id = user->id;
      g_array_append_val (self->customers, customer);
      index_in_list = self->customers->len - 1;
      if (vip)
        g_array_append_val (self->vip_customers, index_in_list);
      else
        g_array_append_val (self->regular_customers, index_in_list);
    }

  /* Both kinds must exist for the arrivals to draw from. */
  if (self->vip_customers->len == 0)
    {
      guint moved = g_array_index (self->regular_customers, guint, 0);

      g_array_remove_index (self->regular_customers, 0);
      g_array_append_val (self->vip_customers, moved);
    }
  if (self->regular_customers->len == 0)
    {
      guint moved = g_array_index (self->vip_customers, guint, 0);

      g_array_remove_index (self->vip_customers, 0);
      g_array_append_val (self->regular_customers, moved);
    }
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
csm_sim_model_dispose (GObject *object)
{
  CsmSimModel *self = CSM_SIM_MODEL (object);

  csm_sim_model_stop (self);
  g_clear_object (&self->world);

  G_OBJECT_CLASS (csm_sim_model_parent_class)->dispose (object);
}

static void
csm_sim_model_finalize (GObject *object)
{
  CsmSimModel *self = CSM_SIM_MODEL (object);

  for (guint i = 0; i < self->agents->len; i++)
    {
      Agent *agent = agent_at (self, i);

      g_array_unref (agent->held);
      g_array_unref (agent->own);
    }
  g_array_unref (self->agents);
  g_hash_table_unref (self->agent_by_user);
  g_array_unref (self->customers);
  g_array_unref (self->vip_customers);
  g_array_unref (self->regular_customers);
  g_array_unref (self->tickets);
  g_array_unref (self->idle);
  g_array_unref (self->deferred);
  g_array_unref (self->events);
  for (guint q = 0; q < CSM_SIM_N_QUEUE_KINDS; q++)
    g_array_unref (self->pools[q]);
  g_rand_free (self->rand);

  G_OBJECT_CLASS (csm_sim_model_parent_class)->finalize (object);
}

static void
csm_sim_model_class_init (CsmSimModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = csm_sim_model_dispose;
  object_class->finalize = csm_sim_model_finalize;
}

static void
csm_sim_model_init (CsmSimModel *self)
{
  self->agents = g_array_new (FALSE, FALSE, sizeof (Agent));
  self->agent_by_user = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->customers = g_array_new (FALSE, FALSE, sizeof (Customer));
  self->vip_customers = g_array_new (FALSE, FALSE, sizeof (guint));
  self->regular_customers = g_array_new (FALSE, FALSE, sizeof (guint));
  self->tickets = g_array_new (FALSE, FALSE, sizeof (ModelTicket));
  self->idle = g_array_new (FALSE, FALSE, sizeof (guint));
  self->deferred = g_array_new (FALSE, FALSE, sizeof (guint));
  self->events = g_array_new (FALSE, FALSE, sizeof (HeapItem));
  for (guint q = 0; q < CSM_SIM_N_QUEUE_KINDS; q++)
    self->pools[q] = g_array_new (FALSE, FALSE, sizeof (HeapItem));

  /* Each channel's profile, normalised to a mean of 1 over a week. */
  for (guint c = 0; c < CSM_SIM_N_CHANNELS; c++)
    {
      double total = 0.0;

      for (guint d = 0; d < 7; d++)
        for (guint h = 0; h < 24; h++)
          total += hour_profile[c][h] * weekday_factor[c][d];
      self->channel_norm[c] = total / (7 * 24);
    }
}

/**
 * csm_sim_model_new:
 * @world: the world to drive (fresh from csm_sim_world_new())
 * @config: (nullable): the parameters; %NULL or zero fields: the defaults
 *
 * Returns: (transfer full): a model; nothing happens before
 *   csm_sim_model_populate()
 */
CsmSimModel *
csm_sim_model_new (CsmSimWorld        *world,
                   const CsmSimConfig *config)
{
  CsmSimModel *self;
  guint32 seed[2];

  g_return_val_if_fail (CSM_IS_SIM_WORLD (world), NULL);

  self = g_object_new (CSM_TYPE_SIM_MODEL, NULL);
  self->world = g_object_ref (world);
  csm_sim_world_set_agreements (world, csm_sim_sla_contact_centre ());
  if (config != NULL)
    self->config = *config;
  if (self->config.n_agents == 0)
    self->config.n_agents = DEFAULT_AGENTS;
  if (self->config.target_tickets == 0)
    self->config.target_tickets = DEFAULT_TICKETS;
  if (self->config.history_days == 0)
    self->config.history_days = DEFAULT_HISTORY_DAYS;
  if (self->config.speed <= 0)
    self->config.speed = DEFAULT_SPEED;
  if (self->config.survey_rate <= 0)
    self->config.survey_rate = DEFAULT_SURVEY_RATE;
  self->config.survey_rate = MIN (self->config.survey_rate, 1.0);
  self->speed = self->config.speed;

  seed[0] = (guint32) (self->config.seed & 0xffffffffu);
  seed[1] = (guint32) (self->config.seed >> 32);
  self->rand = g_rand_new_with_seed_array (seed, G_N_ELEMENTS (seed));

  return self;
}

CsmSimWorld *
csm_sim_model_get_world (CsmSimModel *self)
{
  g_return_val_if_fail (CSM_IS_SIM_MODEL (self), NULL);

  return self->world;
}

const CsmSimConfig *
csm_sim_model_get_config (CsmSimModel *self)
{
  g_return_val_if_fail (CSM_IS_SIM_MODEL (self), NULL);

  return &self->config;
}

/**
 * csm_sim_model_populate:
 * @now: the time the history ends at, and the world's clock afterwards
 *
 * Creates the helpdesk (queues with SLA levels, the survey and channel
 * custom fields, the Agents group, agents and customers) at
 * @now - history_days, then lives through the history up to @now.
 * Call once. Takes the world lock.
 */
void
csm_sim_model_populate (CsmSimModel *self,
                        gint64       now_time)
{
  double integral;

  g_return_if_fail (CSM_IS_SIM_MODEL (self));
  g_return_if_fail (!self->populated);

  csm_sim_world_lock (self->world);

  self->populated = TRUE;
  self->history_start = now_time - (gint64) self->config.history_days * DAY;
  csm_sim_world_set_now (self->world, self->history_start);

  create_queues (self);
  create_custom_fields (self);
  create_agents (self);
  create_customers (self);

  /* Scale the profiles so that target_tickets arrive over the history. */
  self->scale = 1.0;
  integral = intensity_integral (self, -1, self->history_start, now_time);
  self->scale = integral > 0 ? self->config.target_tickets / integral : 0.0;

  if (self->scale > 0)
    for (guint c = 0; c < CSM_SIM_N_CHANNELS; c++)
      {
        self->arrival_clock[c] = (double) self->history_start;
        schedule_next_arrival (self, c);
      }
  for (guint a = 0; a < self->agents->len; a++)
    schedule (self, self->history_start, EV_SHIFT_START, a, 0, 0);

  advance_locked (self, now_time);

  csm_sim_world_unlock (self->world);
}

/**
 * csm_sim_model_advance:
 * @until: the time to run to; the world's clock is left there
 *
 * Processes every event up to and including @until, setting the world's
 * clock to each event's time so transactions get the right Created.
 * Takes the world lock.
 */
void
csm_sim_model_advance (CsmSimModel *self,
                       gint64       until)
{
  g_return_if_fail (CSM_IS_SIM_MODEL (self));
  g_return_if_fail (self->populated);

  csm_sim_world_lock (self->world);
  advance_locked (self, until);
  csm_sim_world_unlock (self->world);
}

/* ------------------------------------------------------------------------ */
/* Live mode                                                                */
/* ------------------------------------------------------------------------ */

static gboolean
live_tick (gpointer user_data)
{
  GWeakRef *ref = user_data;
  CsmSimModel *self = g_weak_ref_get (ref);
  gint64 step;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  csm_sim_world_lock (self->world);
  self->live_carry += self->speed * (LIVE_INTERVAL_MS / 1000.0);
  step = (gint64) floor (self->live_carry);
  if (step > 0)
    {
      self->live_carry -= (double) step;
      advance_locked (self, now (self) + step);
    }
  csm_sim_world_unlock (self->world);

  g_object_unref (self);
  return G_SOURCE_CONTINUE;
}

static void
weak_ref_free (gpointer data)
{
  GWeakRef *ref = data;

  g_weak_ref_clear (ref);
  g_free (ref);
}

/**
 * csm_sim_model_start:
 * @context: (nullable): where the timer runs (the server's context from
 *   csm_sim_server_get_context()); %NULL: the thread-default context
 *
 * Keeps the helpdesk going: every 250 ms of real time the world advances
 * by speed × 0.25 s of simulated time, under csm_sim_world_lock().
 */
void
csm_sim_model_start (CsmSimModel  *self,
                     GMainContext *context)
{
  g_autoptr(GMainContext) owned = NULL;
  GWeakRef *ref;

  g_return_if_fail (CSM_IS_SIM_MODEL (self));
  g_return_if_fail (self->populated);

  csm_sim_model_stop (self);
  if (context == NULL)
    context = owned = g_main_context_ref_thread_default ();

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  self->live_source = g_timeout_source_new (LIVE_INTERVAL_MS);
  g_source_set_name (self->live_source, "[csm] simulated contact centre");
  g_source_set_callback (self->live_source, live_tick, ref, weak_ref_free);
  g_source_attach (self->live_source, context);
}

void
csm_sim_model_stop (CsmSimModel *self)
{
  g_return_if_fail (CSM_IS_SIM_MODEL (self));

  if (self->live_source != NULL)
    {
      g_source_destroy (self->live_source);
      g_clear_pointer (&self->live_source, g_source_unref);
    }
}

double
csm_sim_model_get_speed (CsmSimModel *self)
{
  g_return_val_if_fail (CSM_IS_SIM_MODEL (self), 0.0);

  return self->speed;
}

/* Simulated seconds per real second while live; 0 pauses. */
void
csm_sim_model_set_speed (CsmSimModel *self,
                         double       speed)
{
  g_return_if_fail (CSM_IS_SIM_MODEL (self));
  g_return_if_fail (speed >= 0);

  csm_sim_world_lock (self->world);
  self->speed = speed;
  csm_sim_world_unlock (self->world);
}

const CsmSimStats *
csm_sim_model_get_stats (CsmSimModel *self)
{
  g_return_val_if_fail (CSM_IS_SIM_MODEL (self), NULL);

  return &self->stats;
}

/* ------------------------------------------------------------------------ */
/* What the model is made of                                                */
/* ------------------------------------------------------------------------ */

guint
csm_sim_model_get_n_agents (CsmSimModel *self)
{
  g_return_val_if_fail (CSM_IS_SIM_MODEL (self), 0);

  return self->agents->len;
}

const CsmSimAgentInfo *
csm_sim_model_get_agent (CsmSimModel *self,
                         guint        position)
{
  g_return_val_if_fail (CSM_IS_SIM_MODEL (self), NULL);
  g_return_val_if_fail (position < self->agents->len, NULL);

  return &agent_at (self, position)->info;
}

gint64
csm_sim_model_get_queue_id (CsmSimModel     *self,
                            CsmSimQueueKind  kind)
{
  g_return_val_if_fail (CSM_IS_SIM_MODEL (self), 0);
  g_return_val_if_fail (kind < CSM_SIM_N_QUEUE_KINDS, 0);

  return self->queue_ids[kind];
}

/* Returns: the CsmSimQueueKind of @queue_id, or -1 for other queues. */
int
csm_sim_model_get_queue_kind (CsmSimModel *self,
                              gint64       queue_id)
{
  g_return_val_if_fail (CSM_IS_SIM_MODEL (self), -1);

  for (guint q = 0; q < CSM_SIM_N_QUEUE_KINDS; q++)
    if (self->queue_ids[q] == queue_id && queue_id != 0)
      return (int) q;
  return -1;
}

/* Returns: (nullable): the SLA level a new ticket in @queue_id gets. */
const CsmSimSlaLevel *
csm_sim_model_get_queue_sla (CsmSimModel *self,
                             gint64       queue_id)
{
  int kind;

  g_return_val_if_fail (CSM_IS_SIM_MODEL (self), NULL);

  kind = csm_sim_model_get_queue_kind (self, queue_id);
  return kind >= 0 ? csm_sim_sla_find (csm_sim_world_get_agreements (self->world),
                                       csm_sim_sla_level_for_queue (csm_sim_world_get_agreements (self->world),
                                                                    queue_defs[kind].name))
                   : NULL;
}

/**
 * csm_sim_model_get_expected_arrivals:
 * @channel: a CsmSimChannel, or -1 for all
 *
 * Returns: the expected number of arrivals in [@from, @until) under the
 *   model's profiles, as scaled by csm_sim_model_populate()
 */
double
csm_sim_model_get_expected_arrivals (CsmSimModel *self,
                                     int          channel,
                                     gint64       from,
                                     gint64       until)
{
  g_return_val_if_fail (CSM_IS_SIM_MODEL (self), 0.0);
  g_return_val_if_fail (channel < CSM_SIM_N_CHANNELS, 0.0);

  return self->scale * intensity_integral (self, channel, from, until);
}
