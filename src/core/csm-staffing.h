/* csm-staffing.h: how many agents a queue needs: Erlang C (P(wait), service level, ASA), agents needed for a target, the next hours' arrivals from the last weeks, a ticket backlog's burn-down.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CsmErlangC:
 * @defined: whether the agents can keep up (N > A, A > 0); without it the
 *   queue grows without bound and nothing else is set
 * @traffic: the offered load A = λ × AHT, in Erlangs
 * @p_wait: the probability a contact waits, C(N, A)
 * @service_level: the share answered within the target time, 0–1
 * @asa_seconds: the average speed of answer
 */
typedef struct
{
  gboolean defined;
  double traffic;
  double p_wait;
  double service_level;
  double asa_seconds;
} CsmErlangC;

/**
 * CsmBurnDown:
 * @defined: whether there is a backlog and a rate to judge
 * @net_per_hour: resolutions less arrivals per hour (> 0: it shrinks)
 * @clears: whether it clears at these rates
 * @clears_at: when (Unix time), if it does
 * @growth_per_hour: how fast it grows, if it does not (0: it stays)
 */
typedef struct
{
  gboolean defined;
  double net_per_hour;
  gboolean clears;
  gint64 clears_at;
  double growth_per_hour;
} CsmBurnDown;

double      csm_erlang_b               (double  traffic,
                                        guint   agents);
CsmErlangC  csm_erlang_c               (double  arrivals_per_hour,
                                        double  aht_seconds,
                                        guint   agents,
                                        double  target_seconds);
guint       csm_erlang_agents_needed   (double  arrivals_per_hour,
                                        double  aht_seconds,
                                        double  target_seconds,
                                        double  target_level,
                                        guint   limit);
double     *csm_staffing_forecast      (const gint64 *arrivals,
                                        guint         n_arrivals,
                                        gint64        now,
                                        GTimeZone    *tz,
                                        guint         weeks,
                                        gint64        history_from,
                                        guint        *n_hours,
                                        gint64       *first_hour,
                                        guint       **weeks_used);
CsmBurnDown csm_backlog_burn_down      (guint   backlog,
                                        double  arrivals_per_hour,
                                        double  resolutions_per_hour,
                                        gint64  now);

G_END_DECLS
