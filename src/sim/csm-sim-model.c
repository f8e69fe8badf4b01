/* csm-sim-model.c: a contact centre at work: arrivals, agents, replies, resolutions, surveys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-model"

#include "config.h"

#include <math.h>

#include "csm-sim-model-private.h"

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

G_DEFINE_FINAL_TYPE (CsmSimModel, csm_sim_model, G_TYPE_OBJECT)

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
          total += csm_sim_hour_profile[c][h] * csm_sim_weekday_factor[c][d];
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

  csm_sim_model_build_helpdesk (self);

  /* Scale the profiles so that target_tickets arrive over the history. */
  self->scale = 1.0;
  integral = csm_sim_model_intensity_integral (self, -1, self->history_start, now_time);
  self->scale = integral > 0 ? self->config.target_tickets / integral : 0.0;

  if (self->scale > 0)
    for (guint c = 0; c < CSM_SIM_N_CHANNELS; c++)
      {
        self->arrival_clock[c] = (double) self->history_start;
        csm_sim_model_schedule_next_arrival (self, c);
      }
  for (guint a = 0; a < self->agents->len; a++)
    csm_sim_model_schedule (self, self->history_start, EV_SHIFT_START, a, 0, 0);

  csm_sim_model_advance_locked (self, now_time);

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
  csm_sim_model_advance_locked (self, until);
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
      csm_sim_model_advance_locked (self, now (self) + step);
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
  const CsmSimSla *agreements;
  int kind;

  g_return_val_if_fail (CSM_IS_SIM_MODEL (self), NULL);

  kind = csm_sim_model_get_queue_kind (self, queue_id);
  if (kind < 0)
    return NULL;
  agreements = csm_sim_world_get_agreements (self->world);
  return csm_sim_sla_find (agreements,
                           csm_sim_sla_level_for_queue (agreements, csm_sim_queue_defs[kind].name));
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

  return self->scale * csm_sim_model_intensity_integral (self, channel, from, until);
}
