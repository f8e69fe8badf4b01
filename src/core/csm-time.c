/* csm-time.c: helpdesk timestamps: parsing RT's formats, formatting for queries and people.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-time"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csm-time.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). Exact for every year the helpdesks can store. */
static gint64
days_from_civil (gint64 y,
                 guint  m,
                 guint  d)
{
  gint64 era;
  guint yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (guint) (y - era * 400);
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint64) doe - 719468;
}

static gboolean
parse_digits (const char *p,
              guint       n,
              guint      *out)
{
  guint v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (guint) (p[i] - '0');
    }
  *out = v;
  return TRUE;
}

/* Parses "YYYY-MM-DD?HH:MM:SS" where ? is `sep`; returns the number of bytes
 * consumed or 0. */
static gsize
parse_fixed (const char *text,
             char        sep,
             gint64     *out_unix)
{
  guint y, mo, d, h, mi, s;
  static const guint8 mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (strlen (text) < 19)
    return 0;
  if (!parse_digits (text, 4, &y) || text[4] != '-' ||
      !parse_digits (text + 5, 2, &mo) || text[7] != '-' ||
      !parse_digits (text + 8, 2, &d) || text[10] != sep ||
      !parse_digits (text + 11, 2, &h) || text[13] != ':' ||
      !parse_digits (text + 14, 2, &mi) || text[16] != ':' ||
      !parse_digits (text + 17, 2, &s))
    return 0;
  if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 || s > 60)
    return 0;
  if (mo == 2 && d == 29 && !g_date_is_leap_year ((GDateYear) y))
    return 0;

  *out_unix = days_from_civil (y, mo, d) * 86400 + h * 3600 + mi * 60 + MIN (s, 59);
  return 19;
}

/**
 * csm_time_parse_iso8601:
 * @text: a timestamp such as "2026-11-23T22:06:07Z"
 * @out_unix: (out): seconds since the epoch, or %CSM_TIME_UNSET
 *
 * Parses the ISO 8601 form RT's REST2 API writes. RT's unset marker
 * "1970-01-01T00:00:00Z" and the empty string both give %CSM_TIME_UNSET.
 * Offsets other than Z are honoured.
 *
 * Returns: %FALSE if @text is not a timestamp
 */
gboolean
csm_time_parse_iso8601 (const char *text,
                        gint64     *out_unix)
{
  g_autoptr(GDateTime) dt = NULL;
  gint64 t;
  gsize n;

  g_return_val_if_fail (out_unix != NULL, FALSE);

  *out_unix = CSM_TIME_UNSET;
  if (text == NULL)
    return FALSE;
  if (*text == '\0')
    return TRUE;

  /* The fast path: every date REST2 writes has exactly this shape. */
  n = parse_fixed (text, 'T', &t);
  if (n != 0 && text[n] == 'Z' && text[n + 1] == '\0')
    {
      *out_unix = t < 0 ? CSM_TIME_UNSET : t;
      return TRUE;
    }

  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return FALSE;
  t = g_date_time_to_unix (dt);
  *out_unix = t <= 0 ? CSM_TIME_UNSET : t;
  return TRUE;
}

/**
 * csm_time_parse_sql:
 * @text: a timestamp such as "2026-11-24 02:06:00", UTC
 * @out_unix: (out): seconds since the epoch
 *
 * Parses the SQL form RT uses inside transaction OldValue/NewValue.
 *
 * Returns: %FALSE if @text is not a timestamp
 */
gboolean
csm_time_parse_sql (const char *text,
                    gint64     *out_unix)
{
  gint64 t;
  gsize n;

  g_return_val_if_fail (out_unix != NULL, FALSE);

  *out_unix = CSM_TIME_UNSET;
  if (text == NULL)
    return FALSE;
  n = parse_fixed (text, ' ', &t);
  if (n == 0 || text[n] != '\0')
    return FALSE;
  *out_unix = t < 0 ? CSM_TIME_UNSET : t;
  return TRUE;
}

/**
 * csm_time_format_iso8601:
 * @unix_time: seconds since the epoch
 *
 * Returns: (transfer full) (nullable): "YYYY-MM-DDTHH:MM:SSZ", or %NULL when unset
 */
char *
csm_time_format_iso8601 (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_time == CSM_TIME_UNSET)
    return NULL;
  dt = g_date_time_new_from_unix_utc (unix_time);
  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * csm_time_format_ticketsql:
 * @unix_time: seconds since the epoch
 *
 * Formats a time for a TicketSQL comparison. RT reads "...T...Z" as garbage and
 * then matches every ticket, so the only safe shape is "YYYY-MM-DD HH:MM:SS",
 * which RT reads in the requesting user's time zone; the console's RT accounts
 * must therefore be set to UTC or the caller must shift the value (see
 * CsmRtProvider).
 *
 * Returns: (transfer full): the formatted time
 */
char *
csm_time_format_ticketsql (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (MAX (unix_time, 0));

  return g_date_time_format (dt, "%Y-%m-%d %H:%M:%S");
}

/**
 * csm_format_duration:
 * @seconds: a non-negative span
 *
 * Formats a span the way a supervisor reads it at a glance: the two largest
 * units, rounded down ("3 d 4 h", "2 h 13 min", "45 s").
 *
 * Returns: (transfer full): the text
 */
char *
csm_format_duration (gint64 seconds)
{
  gint64 d, h, m;

  if (seconds < 0)
    seconds = -seconds;

  d = seconds / 86400;
  h = (seconds % 86400) / 3600;
  m = (seconds % 3600) / 60;

  /* Plain %d: xgettext cannot see through G_GINT64_FORMAT, and every
   * value here fits an int (days of a 64-bit span aside, clamped). */
  if (d > 0)
    return h > 0
           ? g_strdup_printf (C_("duration", "%d d %d h"), (int) MIN (d, G_MAXINT), (int) h)
           : g_strdup_printf (C_("duration", "%d d"), (int) MIN (d, G_MAXINT));
  if (h > 0)
    return m > 0
           ? g_strdup_printf (C_("duration", "%d h %d min"), (int) h, (int) m)
           : g_strdup_printf (C_("duration", "%d h"), (int) h);
  if (m > 0)
    return g_strdup_printf (C_("duration", "%d min"), (int) m);
  return g_strdup_printf (C_("duration", "%d s"), (int) seconds);
}

/**
 * csm_format_countdown:
 * @deadline: the deadline, or %CSM_TIME_UNSET
 * @now: the current time
 *
 * Returns: (transfer full): "in 2 h 5 min", "3 min overdue", or "—" without a deadline
 */
char *
csm_format_countdown (gint64 deadline,
                      gint64 now)
{
  g_autofree char *span = NULL;

  if (deadline == CSM_TIME_UNSET)
    return g_strdup ("—");

  span = csm_format_duration (deadline - now);
  if (deadline >= now)
    /* Translators: a deadline still ahead, e.g. "in 2 h 5 min" */
    return g_strdup_printf (_("in %s"), span);
  /* Translators: a deadline already passed, e.g. "3 min overdue" */
  return g_strdup_printf (_("%s overdue"), span);
}

/**
 * csm_format_age:
 * @since: when the thing started, or %CSM_TIME_UNSET
 * @now: the current time
 *
 * Returns: (transfer full): the elapsed time, or "—" when @since is unset
 */
char *
csm_format_age (gint64 since,
                gint64 now)
{
  if (since == CSM_TIME_UNSET)
    return g_strdup ("—");
  return csm_format_duration (MAX (now - since, 0));
}

/**
 * csm_format_percent:
 * @fraction: a share (0.25 for 25 %), or negative for "no value"
 *
 * Returns: (transfer full): the share in whole percent, or a dash
 */
char *
csm_format_percent (double fraction)
{
  if (fraction < 0)
    return g_strdup (C_("no value", "—"));
  return g_strdup_printf ("%.0f %%", fraction * 100.0);
}

/**
 * csm_format_work:
 * @seconds: time worked
 *
 * Returns: (transfer full): @seconds as csm_format_duration() writes it, or
 *   "0 min" for none: worked time is counted in minutes
 */
char *
csm_format_work (gint64 seconds)
{
  if (seconds <= 0)
    return g_strdup_printf (C_("duration", "%d min"), 0);
  return csm_format_duration (seconds);
}
