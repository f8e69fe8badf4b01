/* csm-sim-sla.h: the simulator's service levels and business hours, one table per helpdesk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CsmSimSlaLevel:
 *
 * One of RT's %ServiceAgreements levels. Minutes of 0 mean "no such
 * deadline"; business minutes count Mon-Fri 09:00-17:00 UTC only (RT's
 * %ServiceBusinessHours "Default").
 */
typedef struct
{
  const char *name;
  gboolean start_immediately;
  int response_minutes;
  gboolean response_business;
  int resolve_minutes;
  gboolean resolve_business;
} CsmSimSlaLevel;

typedef struct
{
  const char *queue;
  const char *level;
} CsmSimSlaQueueDefault;

/**
 * CsmSimSla:
 *
 * A helpdesk's agreements, as RT's configuration holds them: the levels,
 * the level of a queue (QueueDefault), and the level of every other queue
 * (Default). The world owns one; its SLA scrips, the model's and the
 * server's, all read it.
 */
typedef struct
{
  const CsmSimSlaLevel *levels;
  guint n_levels;
  const char *default_level;
  const CsmSimSlaQueueDefault *queue_defaults;
  guint n_queue_defaults;
} CsmSimSla;

const CsmSimSla      *csm_sim_sla_reference_rt     (void);
const CsmSimSla      *csm_sim_sla_contact_centre   (void);
const CsmSimSlaLevel *csm_sim_sla_find             (const CsmSimSla      *sla,
                                                    const char           *name);
const char           *csm_sim_sla_level_for_queue  (const CsmSimSla      *sla,
                                                    const char           *queue_name);
char                 *csm_sim_sla_to_policy_json   (const CsmSimSla      *sla);

gint64                csm_sim_business_hours_start (gint64                time);
gint64                csm_sim_business_hours_add   (gint64                time,
                                                    gint64                seconds);
gint64                csm_sim_sla_starts           (const CsmSimSlaLevel *level,
                                                    gint64                created);
gint64                csm_sim_sla_response_due     (const CsmSimSlaLevel *level,
                                                    gint64                from);
gint64                csm_sim_sla_resolve_due      (const CsmSimSlaLevel *level,
                                                    gint64                from);
gint64                csm_sim_sla_due              (const CsmSimSlaLevel *level,
                                                    gint64                starts,
                                                    gint64                awaiting_since);

/* The contact centre's, for the demo and the console's preferences. */
const CsmSimSlaLevel *csm_sim_sla_lookup_level     (const char           *name);
char                 *csm_sim_sla_policy_json      (void);

G_END_DECLS
