/* csm-agent-board.h: the Agents page's figures for every agent, from tickets and transactions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "csm-agent-stats.h"

G_BEGIN_DECLS

/* An agent's working hours, in the board's time zone. @days has bit
 * (1 << GDateWeekday) set for each day a shift STARTS on (Monday = 1 <<
 * G_DATE_MONDAY … Sunday = 1 << G_DATE_SUNDAY). Minutes are local wall-clock
 * minutes from midnight, 0…1440. end < start wraps midnight: the shift ends
 * on the next day. end == start is a 24-hour shift. On a DST change day the
 * shift lasts what the wall clock says (22:00–06:00 is 7 h in spring). */
typedef struct
{
  guint days;
  int start_minute;
  int end_minute;
} CsmShift;

#define CSM_SHIFT_WEEKDAYS ((1u << G_DATE_MONDAY) | (1u << G_DATE_TUESDAY) | \
                            (1u << G_DATE_WEDNESDAY) | (1u << G_DATE_THURSDAY) | \
                            (1u << G_DATE_FRIDAY))
#define CSM_SHIFT_ALL_DAYS (CSM_SHIFT_WEEKDAYS | (1u << G_DATE_SATURDAY) | (1u << G_DATE_SUNDAY))

/* A zero-filled struct is valid: 0 in active_minutes, idle_minutes or
 * default_capacity means the default (15, 120, 5). */
typedef struct
{
  guint active_minutes;      /* default 15: a transaction within → active */
  guint idle_minutes;        /* default 120: the last one within → idle; else off */
  guint default_capacity;    /* default 5 */
  GHashTable *capacities;    /* (nullable) agent name → GUINT_TO_POINTER (capacity); 0 is honoured */
  GHashTable *shifts;        /* (nullable) agent name → CsmShift* */
  GTimeZone *tz;             /* for "today" and shifts; NULL = UTC */
  gint64 window_seconds;     /* occupancy window ending now, e.g. 3600, 4*3600; 0 = since local midnight */
} CsmAgentBoardOptions;

#define CSM_AGENT_BOARD_DEFAULT_ACTIVE_MINUTES 15
#define CSM_AGENT_BOARD_DEFAULT_IDLE_MINUTES 120
#define CSM_AGENT_BOARD_DEFAULT_CAPACITY 5

void        csm_agent_board_options_init  (CsmAgentBoardOptions       *options);

GPtrArray  *csm_agent_board_compute       (GPtrArray                  *agents,
                                           GPtrArray                  *tickets,
                                           GPtrArray                  *transactions,
                                           const CsmAgentBoardOptions *options,
                                           gint64                      now);
gint64      csm_agent_board_window_start  (const CsmAgentBoardOptions *options,
                                           gint64                      now);
gint64      csm_agent_board_day_start     (GTimeZone                  *tz,
                                           gint64                      now);
gint64      csm_agent_board_transactions_from (const CsmAgentBoardOptions *options,
                                           gint64                      now);
gint64      csm_shift_seconds_between     (const CsmShift             *shift,
                                           GTimeZone                  *tz,
                                           gint64                      from,
                                           gint64                      to);
char       *csm_agent_board_dup_formula   (const char                 *column,
                                           const CsmAgentBoardOptions *options);

G_END_DECLS
