/* csm-staffing.c: how many agents a queue needs: Erlang C (P(wait), service level, ASA), agents needed for a target, the next hours' arrivals from the last weeks, a ticket backlog's burn-down.
 *
 * Erlang C assumes Poisson arrivals, exponential handle times and no one
 * abandoning, so it asks for slightly more agents than a real queue
 * needs. With traffic A = λ × AHT and N agents:
 *   Erlang B by its recursion (no factorials: stable far past A = 500),
 *     B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1));
 *   P(wait) = C = N·B(N) / (N − A·(1 − B(N)));
 *   SL(t) = 1 − C·e^(−(N − A)·t / AHT);  ASA = C·AHT / (N − A).
 * N ≤ A cannot keep up: the result says so, never a negative or NaN.
 *
 * The forecast of an hour is the mean number of arrivals in the same
 * weekday and hour of each of the last weeks, hours being the console's
 * (a DST day has 23 or 25 of them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "csm-staffing.h"

/**
 * csm_erlang_b:
 *
 * Returns: the blocking probability B(@agents, @traffic), by the
 *   recursion; 1 for no agent
 */
double
csm_erlang_b (double traffic,
              guint  agents)
{
  double b = 1;

  g_return_val_if_fail (traffic >= 0, NAN);

  for (guint k = 1; k <= agents; k++)
    b = traffic * b / (k + traffic * b);
  return b;
}

/**
 * csm_erlang_c:
 * @arrivals_per_hour: λ
 * @aht_seconds: the average handle time
 * @agents: N
 * @target_seconds: the time the service level counts answers within
 *
 * Returns: P(wait), the service level and ASA with @agents, or undefined
 *   when they cannot keep up
 */
CsmErlangC
csm_erlang_c (double arrivals_per_hour,
              double aht_seconds,
              guint  agents,
              double target_seconds)
{
  CsmErlangC r = { 0 };
  double b;

  if (!(arrivals_per_hour > 0) || !(aht_seconds > 0) || !isfinite (arrivals_per_hour) ||
      !isfinite (aht_seconds) || target_seconds < 0)
    return r;
  r.traffic = arrivals_per_hour * aht_seconds / 3600;
  if ((double) agents <= r.traffic)
    return r;
  b = csm_erlang_b (r.traffic, agents);
  r.p_wait = agents * b / (agents - r.traffic * (1 - b));
  r.service_level = 1 - r.p_wait * exp (-(agents - r.traffic) * target_seconds / aht_seconds);
  r.asa_seconds = r.p_wait * aht_seconds / (agents - r.traffic);
  r.defined = TRUE;
  return r;
}

/**
 * csm_erlang_agents_needed:
 * @target_level: the service level wanted, 0–1 (0.8: 80 % within
 *   @target_seconds)
 * @limit: the most agents worth trying
 *
 * Returns: the fewest agents whose service level reaches the target; 0
 *   when nothing arrives; @limit + 1 when even @limit do not
 */
guint
csm_erlang_agents_needed (double arrivals_per_hour,
                          double aht_seconds,
                          double target_seconds,
                          double target_level,
                          guint  limit)
{
  double traffic;

  if (!(arrivals_per_hour > 0) || !(aht_seconds > 0))
    return 0;
  traffic = arrivals_per_hour * aht_seconds / 3600;
  for (guint n = MAX (1, (guint) floor (traffic) + 1); n <= limit; n++)
    {
      CsmErlangC r = csm_erlang_c (arrivals_per_hour, aht_seconds, n, target_seconds);

      if (r.defined && r.service_level >= target_level)
        return n;
    }
  return limit + 1;
}

/**
 * csm_staffing_forecast:
 * @arrivals: (array length=n_arrivals): when contacts arrived (any order)
 * @now: the forecast's now: it covers this hour to the end of today
 * @weeks: how many past weeks it averages (4)
 * @history_from: the earliest instant @arrivals are complete from; a past
 *   week's hour that starts before it is left out of the mean (0: none)
 * @n_hours: (out): how many hours it covers
 * @first_hour: (out): the first one's start (Unix time)
 * @weeks_used: (out) (optional) (transfer full) (array length=n_hours): how
 *   many weeks each hour's mean is over (0: none, and the forecast is 0)
 *
 * Returns: (transfer full) (array length=n_hours): the arrivals expected in
 *   each hour from the current one to the end of today, in @tz: the mean
 *   of the same weekday and hour over the last @weeks weeks the history
 *   holds
 */
double *
csm_staffing_forecast (const gint64 *arrivals,
                       guint         n_arrivals,
                       gint64        now,
                       GTimeZone    *tz,
                       guint         weeks,
                       gint64        history_from,
                       guint        *n_hours,
                       gint64       *first_hour,
                       guint       **weeks_used)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) hour = g_date_time_new (tz, g_date_time_get_year (local),
                                               g_date_time_get_month (local),
                                               g_date_time_get_day_of_month (local),
                                               g_date_time_get_hour (local), 0, 0);
  g_autoptr(GDateTime) midnight = g_date_time_new (tz, g_date_time_get_year (local),
                                                   g_date_time_get_month (local),
                                                   g_date_time_get_day_of_month (local), 0, 0,
                                                   0);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (midnight, 1);
  GArray *forecast = g_array_new (FALSE, TRUE, sizeof (double));
  GArray *used = g_array_new (FALSE, TRUE, sizeof (guint));

  g_return_val_if_fail (n_hours != NULL && first_hour != NULL && weeks > 0, NULL);

  *first_hour = g_date_time_to_unix (hour);
  for (g_autoptr(GDateTime) h = g_date_time_ref (hour);
       g_date_time_compare (h, tomorrow) < 0;)
    {
      GDateTime *next = g_date_time_add_hours (h, 1);
      double sum = 0;
      guint counted = 0;

      for (guint w = 1; w <= weeks; w++)
        {
          /* The same wall-clock hour w weeks back. */
          g_autoptr(GDateTime) start = g_date_time_add_weeks (h, -(int) w);
          g_autoptr(GDateTime) end = g_date_time_add_hours (start, 1);
          gint64 from = g_date_time_to_unix (start), to = g_date_time_to_unix (end);

          /* Before the history begins, no arrival is not none arriving. */
          if (from < history_from)
            continue;
          counted++;
          for (guint i = 0; i < n_arrivals; i++)
            sum += arrivals[i] >= from && arrivals[i] < to;
        }
      sum = counted > 0 ? sum / counted : 0;
      g_array_append_val (forecast, sum);
      g_array_append_val (used, counted);
      g_date_time_unref (h);
      h = next;
    }
  *n_hours = forecast->len;
  if (weeks_used != NULL)
    *weeks_used = (guint *) g_array_free (used, FALSE);
  else
    g_array_free (used, TRUE);
  return (double *) g_array_free (forecast, FALSE);
}

/**
 * csm_backlog_burn_down:
 * @backlog: the open tickets now
 * @arrivals_per_hour: new tickets an hour (lately)
 * @resolutions_per_hour: tickets resolved an hour (lately)
 *
 * Returns: when the backlog clears at these rates, or how fast it grows
 */
CsmBurnDown
csm_backlog_burn_down (guint  backlog,
                       double arrivals_per_hour,
                       double resolutions_per_hour,
                       gint64 now)
{
  CsmBurnDown r = { 0 };

  if (!isfinite (arrivals_per_hour) || !isfinite (resolutions_per_hour) ||
      arrivals_per_hour < 0 || resolutions_per_hour < 0)
    return r;
  r.defined = TRUE;
  r.net_per_hour = resolutions_per_hour - arrivals_per_hour;
  if (backlog == 0)
    {
      r.clears = TRUE;
      r.clears_at = now;
      return r;
    }
  if (r.net_per_hour > 0)
    {
      r.clears = TRUE;
      r.clears_at = now + (gint64) ceil (backlog / r.net_per_hour * 3600);
      return r;
    }
  r.growth_per_hour = -r.net_per_hour;
  return r;
}
