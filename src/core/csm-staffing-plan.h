/* csm-staffing-plan.h: each queue's staffing today: Erlang C for its live channels, a burn-down for its tickets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "csm-staffing.h"

G_BEGIN_DECLS

/**
 * CsmStaffingOptions:
 * @channel_field: the custom field naming a ticket's channel
 * @live_channels: the channels answered as they come (chat, phone): they
 *   get Erlang C; everything else is a ticket queue with a burn-down
 * @targets: (nullable): channel (lower case) → GUINT_TO_POINTER (seconds
 *   of its first-reply target); a live channel missing here gets
 *   %CSM_STAFFING_DEFAULT_TARGET_SECONDS
 * @target_percent: the service level wanted, e.g. 80 (% within the target)
 * @weeks: how many past weeks the forecast averages (4)
 * @active_minutes: an agent with a transaction on a group's ticket this
 *   recently is active on it (the Agents page's presence)
 * @history_days: how far back the console holds every ticket (0: all);
 *   a forecast leaves out the weeks before
 * @tz: the day "the rest of today" ends with
 *
 * A zero-filled struct plus csm_staffing_options_init() is valid.
 */
typedef struct
{
  char *channel_field;
  char **live_channels;
  GHashTable *targets;
  double target_percent;
  guint weeks;
  guint active_minutes;
  guint history_days;
  GTimeZone *tz;
} CsmStaffingOptions;

#define CSM_STAFFING_DEFAULT_TARGET_SECONDS 60
#define CSM_STAFFING_AGENT_LIMIT 1000

/**
 * CsmStaffingHour:
 * @start: the hour's start (Unix time)
 * @arrivals_forecast: contacts expected in it
 * @forecast_weeks: how many past weeks that is the mean of
 * @agents_needed: the fewest agents reaching the target (live groups with
 *   an AHT); %CSM_STAFFING_AGENT_LIMIT + 1 beyond reach
 * @at_active: Erlang C with the agents active now
 */
typedef struct
{
  gint64 start;
  double arrivals_forecast;
  guint forecast_weeks;
  guint agents_needed;
  CsmErlangC at_active;
} CsmStaffingHour;

/**
 * CsmStaffingRow:
 * @queue: the queue's name
 * @channel: (nullable): the live channel, or NULL for the queue's tickets
 * @arrivals_last_hour: λ, contacts created in (now − 1 h, now]
 * @aht_defined: whether any ticket gave a handle time
 * @aht_seconds: the mean handle time of the group's tickets resolved over
 *   the last @weeks weeks that recorded time worked
 * @aht_tickets: how many tickets that mean is over
 * @target_seconds, @target_percent: the service level wanted (live)
 * @agents_active: agents with a transaction on one of the group's tickets
 *   in the last active minutes
 * @agents_needed_now: for λ (live, with an AHT)
 * @now: Erlang C at λ with the agents active
 * @backlog: the group's active tickets (new, open, stalled)
 * @resolved_last_hour: tickets of the group resolved in the last hour
 * @burn_down: at those rates (ticket groups)
 * @hours: (element-type CsmStaffingHour): this hour to the end of today
 */
typedef struct
{
  char *queue;
  char *channel;
  double arrivals_last_hour;
  gboolean aht_defined;
  double aht_seconds;
  guint aht_tickets;
  guint target_seconds;
  double target_percent;
  guint agents_active;
  guint agents_needed_now;
  CsmErlangC now;
  guint backlog;
  double resolved_last_hour;
  CsmBurnDown burn_down;
  GArray *hours;
} CsmStaffingRow;

void        csm_staffing_options_init    (CsmStaffingOptions       *options);
void        csm_staffing_options_clear   (CsmStaffingOptions       *options);
guint       csm_staffing_options_target  (const CsmStaffingOptions *options,
                                          const char               *channel);
gboolean    csm_staffing_options_is_live (const CsmStaffingOptions *options,
                                          const char               *channel);

GPtrArray  *csm_staffing_plan_compute    (GPtrArray                *tickets,
                                          GPtrArray                *transactions,
                                          GHashTable               *agents,
                                          const CsmStaffingOptions *options,
                                          gint64                    now);
gboolean    csm_staffing_row_is_live     (const CsmStaffingRow     *row);
CsmErlangC  csm_staffing_row_what_if     (const CsmStaffingRow     *row,
                                          guint                     agents);
void        csm_staffing_row_free        (CsmStaffingRow           *row);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsmStaffingOptions, csm_staffing_options_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmStaffingRow, csm_staffing_row_free)

G_END_DECLS
