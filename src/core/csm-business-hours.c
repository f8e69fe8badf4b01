/* csm-business-hours.c: when a helpdesk is open, per weekday, in a time zone: RT's %ServiceBusinessHours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-business-hours"

#include "config.h"

#include "csm-business-hours.h"

#define DAY_SECONDS      86400
#define MINUTES_PER_DAY  1440
/* Past this many days without an open second a search gives up: hours whose
 * every span falls into a DST gap are open never, not forever searched. */
#define MAX_SCAN_DAYS    3700
/* The day cache is dropped when it grows past this (a query over decades). */
#define MAX_CACHED_DAYS  20000

typedef struct
{
  int start;
  int end;
} Span;

/* One local day, resolved to UTC once: the SLA board asks about the same
 * few days for 100,000 tickets, and GTimeZone looks offsets up linearly. */
typedef struct
{
  gint64 start;      /* local midnight, UTC */
  gint64 end;        /* the next local midnight, UTC */
  guint n;           /* open intervals */
  gint64 iv[];       /* open, close, open, close, … (UTC, sorted, disjoint) */
} DayInfo;

struct _CsmBusinessHours
{
  gatomicrefcount ref_count;
  GTimeZone *tz;
  GArray *spans[7];          /* of Span, sorted and merged; index weekday - 1 */
  gboolean always_open;
  gint64 offset_guess;       /* an offset of the zone, to guess a local day */

  GMutex lock;               /* guards days */
  GHashTable *days;          /* local day number → DayInfo */
};

G_DEFINE_BOXED_TYPE (CsmBusinessHours, csm_business_hours,
                     csm_business_hours_ref, csm_business_hours_unref)

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if (a % b != 0 && ((a < 0) != (b < 0)))
    q--;
  return q;
}

/**
 * csm_business_hours_new:
 * @tz: (nullable): the zone the spans are in; %NULL for UTC
 *
 * Returns: (transfer full): hours without spans, that is always open
 */
CsmBusinessHours *
csm_business_hours_new (GTimeZone *tz)
{
  CsmBusinessHours *self = g_new0 (CsmBusinessHours, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->tz = tz ? g_time_zone_ref (tz) : g_time_zone_new_utc ();
  for (guint i = 0; i < 7; i++)
    self->spans[i] = g_array_new (FALSE, FALSE, sizeof (Span));
  self->always_open = TRUE;
  self->offset_guess = g_time_zone_get_offset (self->tz,
                                               g_time_zone_find_interval (self->tz,
                                                                          G_TIME_TYPE_UNIVERSAL,
                                                                          0));
  g_mutex_init (&self->lock);
  self->days = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  return self;
}

CsmBusinessHours *
csm_business_hours_ref (CsmBusinessHours *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
csm_business_hours_unref (CsmBusinessHours *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint i = 0; i < 7; i++)
    g_array_unref (self->spans[i]);
  g_hash_table_unref (self->days);
  g_mutex_clear (&self->lock);
  g_time_zone_unref (self->tz);
  g_free (self);
}

/**
 * csm_business_hours_add_span:
 * @day: the weekday
 * @start_minute: local minute of the day the span opens, 0-1439
 * @end_minute: local minute it closes (excluded), after @start_minute, up
 *   to 1440 (midnight)
 *
 * Adds an open span. Overlapping or touching spans of a day merge. Only
 * while building: the hours must not be shared yet.
 */
void
csm_business_hours_add_span (CsmBusinessHours *self,
                             GDateWeekday      day,
                             int               start_minute,
                             int               end_minute)
{
  GArray *spans;
  Span span = { start_minute, end_minute };
  guint i;

  g_return_if_fail (self != NULL);
  g_return_if_fail (day >= G_DATE_MONDAY && day <= G_DATE_SUNDAY);
  g_return_if_fail (start_minute >= 0 && start_minute < end_minute &&
                    end_minute <= MINUTES_PER_DAY);

  spans = self->spans[day - 1];
  for (i = 0; i < spans->len; i++)
    {
      Span *s = &g_array_index (spans, Span, i);

      if (s->end < span.start)
        continue;
      if (s->start > span.end)
        break;
      /* overlaps or touches: swallow it */
      span.start = MIN (span.start, s->start);
      span.end = MAX (span.end, s->end);
      g_array_remove_index (spans, i);
      i--;
    }
  g_array_insert_val (spans, i, span);
  self->always_open = FALSE;

  g_mutex_lock (&self->lock);
  g_hash_table_remove_all (self->days);
  g_mutex_unlock (&self->lock);
}

gboolean
csm_business_hours_is_always_open (CsmBusinessHours *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->always_open;
}

/**
 * csm_business_hours_get_timezone:
 *
 * Returns: (transfer none): the zone of the spans
 */
GTimeZone *
csm_business_hours_get_timezone (CsmBusinessHours *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->tz;
}

guint
csm_business_hours_get_n_spans (CsmBusinessHours *self,
                                GDateWeekday      day)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (day >= G_DATE_MONDAY && day <= G_DATE_SUNDAY, 0);
  return self->spans[day - 1]->len;
}

void
csm_business_hours_get_span (CsmBusinessHours *self,
                             GDateWeekday      day,
                             guint             i,
                             int              *out_start_minute,
                             int              *out_end_minute)
{
  Span *s;

  g_return_if_fail (self != NULL);
  g_return_if_fail (day >= G_DATE_MONDAY && day <= G_DATE_SUNDAY);
  g_return_if_fail (i < self->spans[day - 1]->len);

  s = &g_array_index (self->spans[day - 1], Span, i);
  if (out_start_minute)
    *out_start_minute = s->start;
  if (out_end_minute)
    *out_end_minute = s->end;
}

/* ------------------------------------------------------------------------ */

static gint64
offset_at (GTimeZone *tz,
           gint64     utc)
{
  return g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, utc));
}

/* The UTC instant of a local wall-clock time: its first occurrence when the
 * autumn change repeats it, the end of the gap when spring skips it. */
static gint64
local_to_utc (GTimeZone *tz,
              gint64     local)
{
  gint64 offsets[3] = {
    offset_at (tz, local - DAY_SECONDS),
    offset_at (tz, local),
    offset_at (tz, local + DAY_SECONDS),
  };
  gint64 best = G_MAXINT64;
  gint64 lo, hi;

  for (guint i = 0; i < 3; i++)
    {
      gint64 u = local - offsets[i];

      if (u + offset_at (tz, u) == local && u < best)
        best = u;
    }
  if (best != G_MAXINT64)
    return best;

  /* In a gap: the first instant whose wall clock reads @local or later. */
  lo = local - MAX (MAX (offsets[0], offsets[1]), offsets[2]);
  hi = local - MIN (MIN (offsets[0], offsets[1]), offsets[2]);
  while (lo < hi)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (mid + offset_at (tz, mid) >= local)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

/* Monday = 1 … Sunday = 7 of a local day number; day 0 was a Thursday. */
static int
weekday_of_day (gint64 day)
{
  return (int) (((day + 3) % 7 + 7) % 7) + 1;
}

/* Called with the lock held. */
static const DayInfo *
day_info (CsmBusinessHours *self,
          gint64            day)
{
  DayInfo *info = g_hash_table_lookup (self->days, &day);
  GArray *spans;
  guint n = 0;

  if (info != NULL)
    return info;

  spans = self->spans[weekday_of_day (day) - 1];
  info = g_malloc (sizeof (DayInfo) + 2 * spans->len * sizeof (gint64));
  info->start = local_to_utc (self->tz, day * DAY_SECONDS);
  info->end = local_to_utc (self->tz, (day + 1) * DAY_SECONDS);
  for (guint i = 0; i < spans->len; i++)
    {
      const Span *s = &g_array_index (spans, Span, i);
      gint64 open = local_to_utc (self->tz, day * DAY_SECONDS + (gint64) s->start * 60);
      gint64 close = s->end == MINUTES_PER_DAY
                     ? info->end
                     : local_to_utc (self->tz, day * DAY_SECONDS + (gint64) s->end * 60);

      /* a span inside a spring gap holds no instant */
      if (close <= open)
        continue;
      info->iv[2 * n] = open;
      info->iv[2 * n + 1] = close;
      n++;
    }
  info->n = n;
  g_hash_table_insert (self->days, g_memdup2 (&day, sizeof day), info);
  return info;
}

/* Called with the lock held. */
static gint64
local_day_of (CsmBusinessHours *self,
              gint64            t)
{
  gint64 day = floor_div (t + self->offset_guess, DAY_SECONDS);

  while (t < day_info (self, day)->start)
    day--;
  while (t >= day_info (self, day)->end)
    day++;
  return day;
}

static void
lock_hours (CsmBusinessHours *self)
{
  g_mutex_lock (&self->lock);
  if (g_hash_table_size (self->days) > MAX_CACHED_DAYS)
    g_hash_table_remove_all (self->days);
}

/* Called with the lock held. */
static gint64
next_open_locked (CsmBusinessHours *self,
                  gint64            t,
                  gint64           *out_close)
{
  gint64 day = local_day_of (self, t);

  for (guint k = 0; k < MAX_SCAN_DAYS; k++, day++)
    {
      const DayInfo *info = day_info (self, day);

      for (guint i = 0; i < info->n; i++)
        if (t < info->iv[2 * i + 1])
          {
            *out_close = info->iv[2 * i + 1];
            return MAX (t, info->iv[2 * i]);
          }
    }
  *out_close = G_MAXINT64;
  return G_MAXINT64;
}

/**
 * csm_business_hours_is_open:
 * @t: an instant
 *
 * Returns: whether @t lies in an open span
 */
gboolean
csm_business_hours_is_open (CsmBusinessHours *self,
                            gint64            t)
{
  gboolean open = FALSE;
  const DayInfo *info;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->always_open)
    return TRUE;

  lock_hours (self);
  info = day_info (self, local_day_of (self, t));
  for (guint i = 0; i < info->n && !open; i++)
    open = info->iv[2 * i] <= t && t < info->iv[2 * i + 1];
  g_mutex_unlock (&self->lock);
  return open;
}

/**
 * csm_business_hours_next_open:
 * @t: an instant
 *
 * Returns: @t when open, else the next opening; %G_MAXINT64 when no span
 *   opens within ten years (every span lost in DST gaps)
 */
gint64
csm_business_hours_next_open (CsmBusinessHours *self,
                              gint64            t)
{
  gint64 close, open;

  g_return_val_if_fail (self != NULL, t);

  if (self->always_open)
    return t;

  lock_hours (self);
  open = next_open_locked (self, t, &close);
  g_mutex_unlock (&self->lock);
  return open;
}

/**
 * csm_business_hours_seconds_between:
 * @from: an instant
 * @to: an instant
 *
 * Returns: the open seconds in [@from, @to); negated when @to < @from
 */
gint64
csm_business_hours_seconds_between (CsmBusinessHours *self,
                                    gint64            from,
                                    gint64            to)
{
  gint64 total = 0;
  gint64 day, last;

  g_return_val_if_fail (self != NULL, 0);

  if (to < from)
    return -csm_business_hours_seconds_between (self, to, from);
  if (self->always_open || from == to)
    return to - from;

  lock_hours (self);
  day = local_day_of (self, from);
  last = local_day_of (self, to);
  for (; day <= last; day++)
    {
      const DayInfo *info = day_info (self, day);

      for (guint i = 0; i < info->n; i++)
        {
          gint64 open = MAX (info->iv[2 * i], from);
          gint64 close = MIN (info->iv[2 * i + 1], to);

          if (close > open)
            total += close - open;
        }
    }
  g_mutex_unlock (&self->lock);
  return total;
}

/**
 * csm_business_hours_add_seconds:
 * @from: an instant
 * @seconds: open seconds to add; 0 or less gives the next opening
 *
 * Returns: the instant @seconds of open time after @from, as RT's
 *   Business::Hours computes deadlines: never a closing instant (exactly at
 *   closing time moves to the next opening); %G_MAXINT64 when never
 */
gint64
csm_business_hours_add_seconds (CsmBusinessHours *self,
                                gint64            from,
                                gint64            seconds)
{
  gint64 at, close, remaining = MAX (seconds, 0);

  g_return_val_if_fail (self != NULL, from);

  if (self->always_open)
    return from + remaining;

  lock_hours (self);
  at = next_open_locked (self, from, &close);
  while (at != G_MAXINT64 && at + remaining >= close)
    {
      remaining -= close - at;
      at = next_open_locked (self, close, &close);
    }
  g_mutex_unlock (&self->lock);
  if (at == G_MAXINT64)
    return G_MAXINT64;
  return at + remaining;
}
