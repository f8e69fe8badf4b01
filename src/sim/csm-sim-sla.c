/* csm-sim-sla.c: the simulator's service levels and business hours, one table per helpdesk.
 *
 * Two helpdesks are simulated: the reference RT the integration tests start
 * (tests/rt/rt-up.sh, its %ServiceAgreements: gold 240 / 2880 real minutes,
 * business 480 business minutes, 2d 2880), which scenario worlds copy, and
 * the contact centre of the workload model (standard, business, 2d, gold 60
 * / 480). Each world holds one of them, and everything that sets Starts and
 * Due in that world (the model's scrips, the server's for changes sent over
 * REST2) reads the world's. Business hours are RT's "Default": Monday to
 * Friday, 09:00-17:00 UTC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "csm-json-writer.h"
#include "csm-sim-sla.h"

#include "csm-sim-calendar.h"

#define HOUR           G_GINT64_CONSTANT (3600)
#define DAY            (24 * HOUR)
#define BUSINESS_OPEN  (9 * HOUR)
#define BUSINESS_CLOSE (17 * HOUR)

/* name, StartImmediately, Response (minutes, business), Resolve (minutes, business) */
static const CsmSimSlaLevel reference_levels[] = {
  { "gold", TRUE, 240, FALSE, 2880, FALSE },
  { "business", FALSE, 480, TRUE, 0, FALSE },
  { "2d", TRUE, 0, FALSE, 2880, FALSE },
};

static const CsmSimSlaQueueDefault reference_queues[] = {
  { "Support", "gold" },
  { "Billing", "business" },
};

static const CsmSimSlaLevel contact_centre_levels[] = {
  { "standard", TRUE, 240, FALSE, 2880, FALSE },
  { "business", FALSE, 480, TRUE, 0, FALSE },
  { "2d", TRUE, 0, FALSE, 2880, FALSE },
  { "gold", TRUE, 60, FALSE, 480, FALSE },
};

static const CsmSimSlaQueueDefault contact_centre_queues[] = {
  { "Support", "standard" },
  { "Billing", "business" },
  { "Technical", "2d" },
  { "VIP", "gold" },
};

static const CsmSimSla reference_rt = {
  reference_levels, G_N_ELEMENTS (reference_levels), "gold",
  reference_queues, G_N_ELEMENTS (reference_queues),
};

static const CsmSimSla contact_centre = {
  contact_centre_levels, G_N_ELEMENTS (contact_centre_levels), "standard",
  contact_centre_queues, G_N_ELEMENTS (contact_centre_queues),
};

/**
 * csm_sim_sla_reference_rt:
 *
 * Returns: the agreements of the RT the integration tests run (and of every
 *   scenario loaded into it)
 */
const CsmSimSla *
csm_sim_sla_reference_rt (void)
{
  return &reference_rt;
}

/**
 * csm_sim_sla_contact_centre:
 *
 * Returns: the workload model's agreements (the demo's)
 */
const CsmSimSla *
csm_sim_sla_contact_centre (void)
{
  return &contact_centre;
}

const CsmSimSlaLevel *
csm_sim_sla_find (const CsmSimSla *sla,
                  const char      *name)
{
  g_return_val_if_fail (sla != NULL, NULL);

  for (guint i = 0; name != NULL && i < sla->n_levels; i++)
    if (strcmp (sla->levels[i].name, name) == 0)
      return &sla->levels[i];
  return NULL;
}

/**
 * csm_sim_sla_level_for_queue:
 *
 * Returns: the level a new ticket in @queue_name gets (RT's
 *   GetDefaultServiceLevel: the queue's QueueDefault, else Default)
 */
const char *
csm_sim_sla_level_for_queue (const CsmSimSla *sla,
                             const char      *queue_name)
{
  g_return_val_if_fail (sla != NULL, NULL);

  for (guint i = 0; queue_name != NULL && i < sla->n_queue_defaults; i++)
    if (strcmp (sla->queue_defaults[i].queue, queue_name) == 0)
      return sla->queue_defaults[i].level;
  return sla->default_level;
}

/**
 * csm_sim_sla_to_policy_json:
 *
 * The levels and business hours written the way an administrator describes
 * a real RT's in the console's preferences (RT does not publish them).
 *
 * Returns: (transfer full): the policy as JSON
 */
char *
csm_sim_sla_to_policy_json (const CsmSimSla *sla)
{
  CsmJsonWriter *w;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (sla != NULL, NULL);

  w = csm_json_writer_new (FALSE);
  start = g_strdup_printf ("%02d:00", (int) (BUSINESS_OPEN / HOUR));
  end = g_strdup_printf ("%02d:00", (int) (BUSINESS_CLOSE / HOUR));
  csm_json_writer_begin_object (w);
  csm_json_writer_member_string (w, "timezone", "UTC");
  csm_json_writer_key (w, "hours");
  csm_json_writer_begin_array (w);
  csm_json_writer_begin_object (w);
  csm_json_writer_key (w, "days");
  csm_json_writer_begin_array (w);
  for (int day = 1; day <= 5; day++)
    csm_json_writer_int (w, day);
  csm_json_writer_end_array (w);
  csm_json_writer_member_string (w, "start", start);
  csm_json_writer_member_string (w, "end", end);
  csm_json_writer_end_object (w);
  csm_json_writer_end_array (w);
  csm_json_writer_key (w, "levels");
  csm_json_writer_begin_array (w);
  for (guint i = 0; i < sla->n_levels; i++)
    {
      const CsmSimSlaLevel *level = &sla->levels[i];

      csm_json_writer_begin_object (w);
      csm_json_writer_member_string (w, "name", level->name);
      csm_json_writer_key (w, "start_immediately");
      csm_json_writer_boolean (w, level->start_immediately);
      csm_json_writer_member_int (w, "response_minutes", level->response_minutes);
      csm_json_writer_key (w, "response_business");
      csm_json_writer_boolean (w, level->response_business);
      csm_json_writer_member_int (w, "resolve_minutes", level->resolve_minutes);
      csm_json_writer_key (w, "resolve_business");
      csm_json_writer_boolean (w, level->resolve_business);
      csm_json_writer_end_object (w);
    }
  csm_json_writer_end_array (w);
  csm_json_writer_end_object (w);
  return csm_json_writer_free_to_string (w, NULL);
}

/* ------------------------------------------------------------------------ */
/* Business hours                                                           */

/**
 * csm_sim_business_hours_start:
 *
 * Returns: the first business second at or after @when (Mon-Fri
 *   09:00-17:00 UTC): RT's Starts for a level without StartImmediately
 */
gint64
csm_sim_business_hours_start (gint64 when)
{
  gint64 day = csm_sim_floor_div (when, DAY);
  gint64 second = when - day * DAY;

  for (;;)
    {
      if (csm_sim_weekday_of_day (day) < 5)
        {
          if (second < BUSINESS_OPEN)
            return day * DAY + BUSINESS_OPEN;
          if (second < BUSINESS_CLOSE)
            return day * DAY + second;
        }
      day++;
      second = 0;
    }
}

/**
 * csm_sim_business_hours_add:
 *
 * Adds @seconds of business time to @when as RT's Business::Hours does: a
 * deadline that falls exactly on closing time moves to the next opening
 * (8 business hours from Monday 22:06 are due Wednesday 09:00, rt5.md).
 */
gint64
csm_sim_business_hours_add (gint64 when,
                            gint64 seconds)
{
  gint64 at = csm_sim_business_hours_start (when);
  gint64 remaining = MAX (seconds, 0);

  for (;;)
    {
      gint64 close = csm_sim_floor_div (at, DAY) * DAY + BUSINESS_CLOSE;

      if (at + remaining < close)
        return at + remaining;
      remaining -= close - at;
      at = csm_sim_business_hours_start (close);
    }
}

/* ------------------------------------------------------------------------ */
/* Deadlines                                                                */

/* RT's "[SLA] Set starts date" on create. */
gint64
csm_sim_sla_starts (const CsmSimSlaLevel *level,
                    gint64                created)
{
  g_return_val_if_fail (level != NULL, created);

  return level->start_immediately ? created : csm_sim_business_hours_start (created);
}

static gint64
deadline (gint64   from,
          int      minutes,
          gboolean business)
{
  if (minutes <= 0)
    return 0;
  return business ? csm_sim_business_hours_add (from, (gint64) minutes * 60)
                  : from + (gint64) minutes * 60;
}

/**
 * csm_sim_sla_response_due:
 *
 * Returns: the reply deadline for a requestor's message at @from, or 0 when
 *   the level has none
 */
gint64
csm_sim_sla_response_due (const CsmSimSlaLevel *level,
                          gint64                from)
{
  g_return_val_if_fail (level != NULL, 0);
  return deadline (from, level->response_minutes, level->response_business);
}

/**
 * csm_sim_sla_resolve_due:
 *
 * Returns: the resolve deadline counted from @from, or 0 when the level has
 *   none
 */
gint64
csm_sim_sla_resolve_due (const CsmSimSlaLevel *level,
                         gint64                from)
{
  g_return_val_if_fail (level != NULL, 0);
  return deadline (from, level->resolve_minutes, level->resolve_business);
}

/**
 * csm_sim_sla_due:
 * @created: the ticket's creation: the resolve deadline counts from it
 * @awaiting_since: the first message of an outside actor (Create or
 *   Correspond) that no one inside has answered yet, or 0 when staff spoke
 *   last
 *
 * Returns: the Due RT's "[SLA] Set due date" gives: the earlier of the
 *   response deadline (only while a requestor waits) and the resolve
 *   deadline, or 0 (unset) when neither applies
 */
gint64
csm_sim_sla_due (const CsmSimSlaLevel *level,
                 gint64                created,
                 gint64                awaiting_since)
{
  gint64 response = 0, resolve;

  g_return_val_if_fail (level != NULL, 0);

  if (awaiting_since > 0)
    response = csm_sim_sla_response_due (level, awaiting_since);
  resolve = csm_sim_sla_resolve_due (level, created);

  if (response == 0)
    return resolve;
  if (resolve == 0)
    return response;
  return MIN (response, resolve);
}

/* ------------------------------------------------------------------------ */

const CsmSimSlaLevel *
csm_sim_sla_lookup_level (const char *name)
{
  return csm_sim_sla_find (&contact_centre, name);
}

/**
 * csm_sim_sla_policy_json:
 *
 * Returns: (transfer full): the contact centre's levels and hours as the
 *   console's SLA preferences hold them (the demo sets them)
 */
char *
csm_sim_sla_policy_json (void)
{
  return csm_sim_sla_to_policy_json (&contact_centre);
}
