/* csm-sim-model-params.c: the workload model's parameters and the fixed rules read from them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-model"

#include "config.h"

#include "csm-sim-model-private.h"

#include "csm-sim-calendar.h"

/* What each parameter means is said where it is declared, in
 * csm-sim-model-private.h, beside the scalar ones (macros); here are the
 * tables' values. */

const char *const csm_sim_channel_names[CSM_SIM_N_CHANNELS] = {
  "email", "chat", "phone", "social", "sms",
};

const double csm_sim_channel_share[CSM_SIM_N_CHANNELS] = { 0.38, 0.27, 0.20, 0.10, 0.05 };

const double csm_sim_hour_profile[CSM_SIM_N_CHANNELS][24] = {
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

const double csm_sim_weekday_factor[CSM_SIM_N_CHANNELS][7] = {
  { 1.15, 1.10, 1.05, 1.05, 1.00, 0.45, 0.40 },
  { 1.10, 1.10, 1.05, 1.05, 1.00, 0.50, 0.45 },
  { 1.25, 1.15, 1.10, 1.05, 1.00, 0.30, 0.15 },
  { 0.95, 0.95, 0.95, 1.00, 1.05, 1.25, 1.20 },
  { 1.05, 1.05, 1.00, 1.00, 1.00, 0.60, 0.50 },
};

const double csm_sim_handle_median[CSM_SIM_N_CHANNELS] = { 12.0, 6.0, 8.0, 5.0, 3.0 };
const double csm_sim_handle_sigma[CSM_SIM_N_CHANNELS] = { 0.70, 0.60, 0.55, 0.60, 0.50 };

const double csm_sim_p_resolve[CSM_SIM_N_CHANNELS] = { 0.40, 0.60, 0.70, 0.50, 0.55 };

const double csm_sim_p_stall[CSM_SIM_N_CHANNELS] = { 0.35, 0.05, 0.15, 0.25, 0.20 };

const double csm_sim_customer_reply_median[CSM_SIM_N_CHANNELS] = { 240.0, 4.0, 120.0, 60.0, 30.0 };
const double csm_sim_followup_hours[CSM_SIM_N_CHANNELS] = { 24.0, 1.0, 24.0, 12.0, 12.0 };

const double csm_sim_p_chase[CSM_SIM_N_CHANNELS] = { 0.20, 0.35, 0.15, 0.30, 0.20 };
const double csm_sim_chase_median[CSM_SIM_N_CHANNELS] = { 480.0, 6.0, 90.0, 120.0, 60.0 };

const double csm_sim_wait_target_hours[CSM_SIM_N_CHANNELS] = { 4.0, 0.25, 0.25, 1.0, 1.0 };

const gint64 csm_sim_channel_urgency[CSM_SIM_N_CHANNELS] = { 0, 3 * HOUR, 3 * HOUR, HOUR, HOUR };

const BreakDef csm_sim_breaks[N_BREAKS] = {
  { 1.0, 100, 50, 15, 0 },       /* morning break */
  { 1.0, 210, 60, 30, 15 },      /* lunch */
  { 1.0, 340, 40, 15, 0 },       /* afternoon break */
  { 0.25, 60, 340, 30, 30 },     /* a meeting or training */
};

const double csm_sim_topic_mix[CSM_SIM_N_CHANNELS][N_TOPICS] = {
  { 0.25, 0.20, 0.25, 0.30 },
  { 0.35, 0.25, 0.20, 0.20 },
  { 0.25, 0.20, 0.35, 0.20 },
  { 0.60, 0.15, 0.15, 0.10 },
  { 0.40, 0.35, 0.20, 0.05 },
};

const QueueDef csm_sim_queue_defs[CSM_SIM_N_QUEUE_KINDS] = {
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

const CsmSimShift csm_sim_shift_pattern[20] = {
  CSM_SIM_SHIFT_DAY, CSM_SIM_SHIFT_EARLY, CSM_SIM_SHIFT_LATE, CSM_SIM_SHIFT_NIGHT_SUN_WED,
  CSM_SIM_SHIFT_WEEKEND_EARLY, CSM_SIM_SHIFT_DAY, CSM_SIM_SHIFT_EARLY, CSM_SIM_SHIFT_LATE,
  CSM_SIM_SHIFT_NIGHT_WED_SAT, CSM_SIM_SHIFT_WEEKEND_LATE, CSM_SIM_SHIFT_DAY, CSM_SIM_SHIFT_EARLY,
  CSM_SIM_SHIFT_LATE, CSM_SIM_SHIFT_DAY, CSM_SIM_SHIFT_WEEKEND_EARLY, CSM_SIM_SHIFT_EARLY,
  CSM_SIM_SHIFT_LATE, CSM_SIM_SHIFT_DAY, CSM_SIM_SHIFT_WEEKEND_LATE, CSM_SIM_SHIFT_DAY,
};

#define SKILL(kind) (1u << CSM_SIM_QUEUE_KIND_##kind)

const RoleDef csm_sim_weekday_roles[6] = {
  { SKILL (SUPPORT) | SKILL (BILLING) | SKILL (VIP), FALSE },
  { SKILL (TECHNICAL) | SKILL (SUPPORT), TRUE },
  { SKILL (SUPPORT) | SKILL (VIP), FALSE },
  { SKILL (SUPPORT) | SKILL (BILLING), FALSE },
  { SKILL (SUPPORT), FALSE },
  { SKILL (TECHNICAL) | SKILL (VIP), TRUE },
};

const RoleDef csm_sim_off_hours_roles[2] = {
  /* few people at night and at weekends: generalists */
  { SKILL (SUPPORT) | SKILL (BILLING) | SKILL (VIP) | SKILL (TECHNICAL), TRUE },
  { SKILL (SUPPORT) | SKILL (BILLING) | SKILL (VIP), FALSE },
};

/* ------------------------------------------------------------------------ */
/* Channels and shifts                                                      */
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

      if ((shift_defs[shift].days & (1u << csm_sim_weekday_of_day (d))) != 0 &&
          s <= when && when < e)
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

gint64
csm_sim_shift_next_start (CsmSimShift shift,
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

  return csm_sim_channel_names[channel];
}

/* Minutes. */
double
csm_sim_channel_handle_median (guint channel)
{
  g_return_val_if_fail (channel < CSM_SIM_N_CHANNELS, 0.0);

  return csm_sim_handle_median[channel];
}
