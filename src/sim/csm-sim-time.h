/* csm-sim-time.h: the simulator's dates: RT's formats out, RT::Date's reading in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Times are gint64 Unix seconds in UTC, as the world keeps them. */

/* The forms RT writes: ISO 8601 for REST2 ("2026-11-23T12:00:00Z"), SQL
 * ("2026-11-23 12:00:00") and RT::Date->AsString ("Mon Nov 23 12:00:00
 * 2026", "Not set" for 0) in change messages. */
char     *csm_sim_format_iso        (gint64      time);
char     *csm_sim_format_sql        (gint64      time);
char     *csm_sim_format_rt_string  (gint64      time);
/* ISO 8601, or the SQL form; FALSE when it is neither. */
gboolean  csm_sim_parse_iso         (const char *text,
                                     gint64     *time);

/* Midnight (UTC) of @time's day. */
gint64    csm_sim_day_start         (gint64      time);

/* RT::Date->Set (Format => 'unknown'), as TicketSQL and REST2's writes read
 * a date (csm-ticketsql.h lists the forms): FALSE (and 0) when RT cannot
 * read it. */
gboolean  csm_sim_parse_rt_date     (const char *text,
                                     gint64      now,
                                     gint64     *time);

G_END_DECLS
