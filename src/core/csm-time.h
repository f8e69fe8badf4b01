/* csm-time.h: helpdesk timestamps: parsing RT's formats, formatting for queries and people.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* All instants are seconds since the Unix epoch, UTC. 0 means "unset": RT
 * writes unset dates as 1970-01-01T00:00:00Z, so the epoch itself is never a
 * real helpdesk time. */
#define CSM_TIME_UNSET ((gint64) 0)

gboolean  csm_time_parse_iso8601     (const char  *text,
                                      gint64      *out_unix);
gboolean  csm_time_parse_sql         (const char  *text,
                                      gint64      *out_unix);
char     *csm_time_format_iso8601    (gint64       unix_time);
char     *csm_time_format_ticketsql  (gint64       unix_time);
char     *csm_format_duration        (gint64       seconds);
char     *csm_format_percent         (double       fraction);
char     *csm_format_work            (gint64       seconds);
char     *csm_format_countdown       (gint64       deadline,
                                      gint64       now);
char     *csm_format_age             (gint64       since,
                                      gint64       now);

G_END_DECLS
