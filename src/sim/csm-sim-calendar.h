/* csm-sim-calendar.h: days and weekdays of Unix times, for the simulator's hours and shifts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* a / b rounded down (toward minus infinity), so times before 1970 fall on
 * the right day. */
static inline gint64
csm_sim_floor_div (gint64 a,
                   gint64 b)
{
  gint64 q = a / b;

  if (a % b != 0 && ((a < 0) != (b < 0)))
    q--;
  return q;
}

/* Monday = 0 for a day number (Unix time / 86400); 1970-01-01 was a
 * Thursday. */
static inline int
csm_sim_weekday_of_day (gint64 day)
{
  return (int) (((day + 3) % 7 + 7) % 7);
}

G_END_DECLS
