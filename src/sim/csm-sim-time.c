/* csm-sim-time.c: the simulator's dates: RT's formats out, RT::Date's reading in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-time"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "csm-sim-time.h"

/* ------------------------------------------------------------------------ */
/* Formatting (UTC, no allocation-heavy GDateTime in the hot paths)          */
/* ------------------------------------------------------------------------ */

static void
civil_from_unix (gint64 t,
                 int   *year,
                 int   *month,
                 int   *day,
                 int   *hour,
                 int   *minute,
                 int   *second,
                 int   *weekday)
{
  gint64 days = t / 86400;
  gint64 secs = t % 86400;
  gint64 z, era, doe, yoe, y, doy, mp;

  if (secs < 0)
    {
      secs += 86400;
      days -= 1;
    }

  *hour = secs / 3600;
  *minute = (secs % 3600) / 60;
  *second = secs % 60;
  /* 1970-01-01 was a Thursday (4). */
  *weekday = (int) (((days % 7) + 11) % 7);

  /* Howard Hinnant's days-to-civil. */
  z = days + 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) (y + (*month <= 2));
}

char *
csm_sim_format_iso (gint64 time)
{
  int y, mo, d, h, mi, s, wd;

  civil_from_unix (time, &y, &mo, &d, &h, &mi, &s, &wd);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h, mi, s);
}

char *
csm_sim_format_sql (gint64 time)
{
  int y, mo, d, h, mi, s, wd;

  civil_from_unix (time, &y, &mo, &d, &h, &mi, &s, &wd);
  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, s);
}

/* RT::Date->AsString in the default format, as used in change messages. */
char *
csm_sim_format_rt_string (gint64 time)
{
  static const char *const wdays[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  int y, mo, d, h, mi, s, wd;

  if (time == 0)
    return g_strdup ("Not set");

  civil_from_unix (time, &y, &mo, &d, &h, &mi, &s, &wd);
  return g_strdup_printf ("%s %s %02d %02d:%02d:%02d %d", wdays[wd], months[mo - 1], d, h, mi, s,
                          y);
}

gboolean
csm_sim_parse_iso (const char *text,
                   gint64     *time)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = NULL;

  g_return_val_if_fail (time != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    {
      /* Also take RT's SQL form "YYYY-MM-DD HH:MM:SS" (UTC). */
      g_autofree char *iso = g_strdup (text);

      if (strlen (iso) == 19 && iso[10] == ' ')
        {
          iso[10] = 'T';
          dt = g_date_time_new_from_iso8601 (iso, utc);
        }
    }
  if (dt == NULL)
    return FALSE;

  *time = g_date_time_to_unix (dt);
  return TRUE;
}

gint64
csm_sim_day_start (gint64 time)
{
  gint64 r = time % 86400;

  return time - (r < 0 ? r + 86400 : r);
}

/* ------------------------------------------------------------------------ */
/* Reading: RT::Date->Set (Format => 'unknown')                             */
/* ------------------------------------------------------------------------ */

static gint64
days_from_civil (gint64 y,
                 gint64 m,
                 gint64 d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static gint64
make_time (int y,
           int mo,
           int d,
           int h,
           int mi,
           int s)
{
  /* Day and time overflow roll over, as Time::ParseDate lets them. */
  return (days_from_civil (y, mo, 1) + (d - 1)) * 86400 + (gint64) h * 3600 + mi * 60 + s;
}

static int
month_from_name (const char *name)
{
  static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec" };

  if (strlen (name) < 3)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_ascii_strncasecmp (name, months[i], 3) == 0)
      return i + 1;
  return 0;
}

static gboolean
unit_seconds (const char *unit,
              gint64     *seconds,
              int        *months)
{
  static const struct { const char *name; gint64 seconds; int months; } units[] = {
    { "sec", 1, 0 }, { "secs", 1, 0 }, { "second", 1, 0 }, { "seconds", 1, 0 },
    { "min", 60, 0 }, { "mins", 60, 0 }, { "minute", 60, 0 }, { "minutes", 60, 0 },
    { "hour", 3600, 0 }, { "hours", 3600, 0 },
    { "day", 86400, 0 }, { "days", 86400, 0 },
    { "week", 604800, 0 }, { "weeks", 604800, 0 },
    { "month", 0, 1 }, { "months", 0, 1 },
    { "year", 0, 12 }, { "years", 0, 12 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (strcmp (unit, units[i].name) == 0)
      {
        *seconds = units[i].seconds;
        *months = units[i].months;
        return TRUE;
      }
  return FALSE;
}

static gint64
add_relative (gint64 base,
              gint64 count,
              gint64 seconds,
              int    months)
{
  int y, mo, d, h, mi, s, wd;
  gint64 tod;

  if (months == 0)
    return base + count * seconds;

  civil_from_unix (base, &y, &mo, &d, &h, &mi, &s, &wd);
  tod = base - csm_sim_day_start (base);
  {
    gint64 total = (gint64) y * 12 + (mo - 1) + count * months;

    y = (int) (total / 12);
    mo = (int) (total % 12) + 1;
  }
  return make_time (y, mo, d, 0, 0, 0) + tod;
}

/* H:MM[:SS[.frac]] at *p; advances *p. */
static gboolean
scan_clock (const char **p,
            int         *h,
            int         *mi,
            int         *s)
{
  const char *q = *p;
  char *end;

  if (!g_ascii_isdigit (*q))
    return FALSE;
  *h = (int) strtol (q, &end, 10);
  if (end - q > 2 || *end != ':' || !g_ascii_isdigit (end[1]) || !g_ascii_isdigit (end[2]))
    return FALSE;
  *mi = (end[1] - '0') * 10 + (end[2] - '0');
  q = end + 3;
  *s = 0;
  if (*q == ':' && g_ascii_isdigit (q[1]) && g_ascii_isdigit (q[2]))
    {
      *s = (q[1] - '0') * 10 + (q[2] - '0');
      q += 3;
      if (*q == '.')
        {
          q++;
          while (g_ascii_isdigit (*q))
            q++;
        }
    }
  if (*h > 99 || *mi > 59 || *s > 59)
    return FALSE;
  *p = q;
  return TRUE;
}

/* What follows a date: time and zone, as Time::ParseDate reads them.
 * Returns FALSE when the text is not a date at all. */
static gboolean
finish_absolute (const char *rest,
                 int         y,
                 int         mo,
                 int         d,
                 gint64     *out)
{
  int h = 0, mi = 0, s = 0;
  const char *p = rest;
  gint64 offset = 0;

  if (mo < 1 || mo > 12 || d < 1 || d > 31)
    return FALSE;

  while (*p == ' ')
    p++;
  if (*p == '\0')
    {
      *out = make_time (y, mo, d, 0, 0, 0);
      return TRUE;
    }

  if ((*p == 't' && g_ascii_isdigit (p[1])) || p > rest)
    {
      if (*p == 't')
        p++;
      if (!scan_clock (&p, &h, &mi, &s))
        return FALSE;
    }
  else
    return FALSE;

  if (*p == '\0')
    ;
  else if (g_regex_match_simple ("^\\s+(utc|gmt|z)$", p, 0, 0))
    ;
  else if (g_regex_match_simple ("^\\s*[+-]\\d{4}$", p, 0, 0) ||
           g_regex_match_simple ("^\\s*\\+\\d\\d:\\d\\d$", p, 0, 0))
    {
      const char *o = p;
      int sign, oh, om;

      while (*o == ' ')
        o++;
      sign = *o == '-' ? -1 : 1;
      oh = (o[1] - '0') * 10 + (o[2] - '0');
      om = o[3] == ':' ? (o[4] - '0') * 10 + (o[5] - '0') : (o[3] - '0') * 10 + (o[4] - '0');
      offset = sign * (oh * 3600 + om * 60);
    }
  else if (g_regex_match_simple ("^(z|utc|gmt|-\\d\\d:\\d\\d)$", p, 0, 0))
    {
      /* Time::ParseDate drops a time with a glued zone: midnight. */
      h = mi = s = 0;
    }
  else
    return FALSE;

  *out = make_time (y, mo, d, h, mi, s) - offset;
  return TRUE;
}

/* The absolute forms Time::ParseDate reads, in the order it tries them:
 * which groups hold the year, the month (a number or a name) and the day,
 * and which what follows them. */
typedef struct
{
  const char *pattern;
  int year;
  int month;
  int day;
  int rest;
  gboolean month_name;
  gboolean rest_is_clock;  /* a time between day and year: it is what follows */
} DateForm;

static const DateForm date_forms[] = {
  /* YYYY-M-D or YYYY/M/D, YY-MM-DD, with an optional time */
  { "^(\\d{4}|\\d{2})[-/](\\d{1,2})[-/](\\d{1,2})(?!\\d)(.*)$", 1, 2, 3, 4, FALSE, FALSE },
  /* MM/DD/YYYY */
  { "^(\\d{1,2})/(\\d{1,2})/(\\d{4})(.*)$", 3, 1, 2, 4, FALSE, FALSE },
  /* [Wdy] Mon DD HH:MM[:SS] YYYY */
  { "^(?:[a-z]{3}\\s+)?([a-z]{3,9})\\s+(\\d{1,2})\\s+(\\d{1,2}:\\d\\d(?::\\d\\d)?)\\s+(\\d{4})$",
    4, 1, 2, 3, TRUE, TRUE },
  /* Mon DD YYYY [time] */
  { "^([a-z]{3,9})\\s+(\\d{1,2}),?\\s+(\\d{4})(.*)$", 3, 1, 2, 4, TRUE, FALSE },
  /* DD Mon YYYY [time] */
  { "^(\\d{1,2})\\s+([a-z]{3,9}),?\\s+(\\d{4})(.*)$", 3, 2, 1, 4, TRUE, FALSE },
};

static gboolean
read_date_form (const DateForm *form,
                GMatchInfo     *match,
                gint64         *out)
{
  g_autofree char *year = g_match_info_fetch (match, form->year);
  g_autofree char *month = g_match_info_fetch (match, form->month);
  g_autofree char *day = g_match_info_fetch (match, form->day);
  g_autofree char *rest = g_match_info_fetch (match, form->rest);
  int y = atoi (year);

  if (strlen (year) == 2)
    y += 2000;
  if (form->rest_is_clock)
    {
      char *clock = g_strconcat (" ", rest, NULL);

      g_free (rest);
      rest = clock;
    }
  return finish_absolute (rest, y, form->month_name ? month_from_name (month) : atoi (month),
                          atoi (day), out);
}

static gboolean
parse_time_parsedate (const char *text,
                      gint64      now,
                      gint64     *out)
{
  g_autoptr(GMatchInfo) m = NULL;
  int h, mi, s;
  const char *p;

  /* keywords */
  if (strcmp (text, "now") == 0 || strcmp (text, "today") == 0)
    {
      *out = now;
      return TRUE;
    }
  if (strcmp (text, "yesterday") == 0)
    {
      *out = now - 86400;
      return TRUE;
    }
  if (strcmp (text, "tomorrow") == 0)
    {
      *out = now + 86400;
      return TRUE;
    }
  if (strcmp (text, "midnight") == 0)
    {
      *out = csm_sim_day_start (now);
      return TRUE;
    }
  if (strcmp (text, "noon") == 0)
    {
      *out = csm_sim_day_start (now) + 12 * 3600;
      return TRUE;
    }

  /* "today 10:00", bare "22:05[:SS]" */
  p = g_str_has_prefix (text, "today ") ? text + 6 : text;
  if (scan_clock (&p, &h, &mi, &s) && *p == '\0')
    {
      *out = csm_sim_day_start (now) + (gint64) h * 3600 + mi * 60 + s;
      return TRUE;
    }

  /* relative: [now] [+|-] N unit[s] [ago] | N units from now */
  {
    g_autoptr(GRegex) rel = g_regex_new ("^(?:now\\s*)?([+-])?\\s*(\\d+)\\s*([a-z]+)"
                                         "(?:\\s+(ago|from now))?$", 0, 0, NULL);

    if (g_regex_match (rel, text, 0, &m))
      {
        g_autofree char *sign = g_match_info_fetch (m, 1);
        g_autofree char *count = g_match_info_fetch (m, 2);
        g_autofree char *unit = g_match_info_fetch (m, 3);
        g_autofree char *ago = g_match_info_get_match_count (m) > 4 ? g_match_info_fetch (m, 4)
                                                                     : NULL;
        gint64 seconds, n;
        int months;

        if (unit_seconds (unit, &seconds, &months))
          {
            n = g_ascii_strtoll (count, NULL, 10);
            if (g_strcmp0 (sign, "-") == 0)
              n = -n;
            if (g_strcmp0 (ago, "ago") == 0)
              n = -n;
            *out = add_relative (now, n, seconds, months);
            return TRUE;
          }
        return FALSE;
      }
    g_clear_pointer (&m, g_match_info_free);
  }

  for (guint i = 0; i < G_N_ELEMENTS (date_forms); i++)
    {
      g_autoptr(GRegex) re = g_regex_new (date_forms[i].pattern, 0, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (re, text, 0, &match))
        return read_date_form (&date_forms[i], match, out);
    }

  return FALSE;
}

/* The few forms only DateTime::Format::Natural (RT's fallback) reads. */
static gboolean
parse_natural (const char *text,
               gint64      now,
               gint64     *out)
{
  g_autoptr(GRegex) in = g_regex_new ("^in\\s+(\\d+)\\s+([a-z]+)$", 0, 0, NULL);
  g_autoptr(GRegex) hr = g_regex_new ("^(\\d+)\\s+(hrs?)\\s+ago$", 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;

  if (g_regex_match (in, text, 0, &m))
    {
      g_autofree char *count = g_match_info_fetch (m, 1);
      g_autofree char *unit = g_match_info_fetch (m, 2);
      gint64 seconds;
      int months;

      if (!unit_seconds (unit, &seconds, &months))
        return FALSE;
      *out = add_relative (now, g_ascii_strtoll (count, NULL, 10), seconds, months);
      return TRUE;
    }
  g_clear_pointer (&m, g_match_info_free);
  if (g_regex_match (hr, text, 0, &m))
    {
      g_autofree char *count = g_match_info_fetch (m, 1);

      *out = now - g_ascii_strtoll (count, NULL, 10) * 3600;
      return TRUE;
    }
  return FALSE;
}

gboolean
csm_sim_parse_rt_date (const char *text,
                       gint64      now,
                       gint64     *time)
{
  g_autofree char *lower = NULL;
  gint64 value = 0;
  gboolean ok;

  g_return_val_if_fail (time != NULL, FALSE);

  *time = 0;
  /* Perl-false ("" and "0") and blank values are Unix(0). */
  if (text == NULL || strcmp (text, "0") == 0)
    return FALSE;
  lower = g_strstrip (g_ascii_strdown (text, -1));
  if (*lower == '\0')
    return FALSE;

  ok = parse_time_parsedate (lower, now, &value) || parse_natural (lower, now, &value);
  if (!ok)
    return FALSE;

  *time = MAX (value, 0);
  return TRUE;
}
