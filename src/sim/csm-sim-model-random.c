/* csm-sim-model-random.c: the workload model's random draws, all from its one seeded GRand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-model"

#include "config.h"

#include <math.h>

#include "csm-sim-model-private.h"

double
csm_sim_model_rand_unit (CsmSimModel *self)
{
  return g_rand_double (self->rand);
}

guint
csm_sim_model_rand_below (CsmSimModel *self,
                          guint        n)
{
  return (guint) g_rand_int_range (self->rand, 0, (gint32) n);
}

/* Box-Muller; the second value is not kept, so every draw costs two. */
double
csm_sim_model_rand_normal (CsmSimModel *self)
{
  double u1 = 1.0 - g_rand_double (self->rand);
  double u2 = g_rand_double (self->rand);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

static double
rand_lognormal (CsmSimModel *self,
                double       median,
                double       sigma)
{
  return median * exp (sigma * csm_sim_model_rand_normal (self));
}

double
csm_sim_model_rand_exponential (CsmSimModel *self)
{
  return -log (1.0 - g_rand_double (self->rand));
}

guint
csm_sim_model_rand_pick (CsmSimModel  *self,
                         const double *weights,
                         guint         n)
{
  double total = 0, u;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  u = csm_sim_model_rand_unit (self) * total;
  for (guint i = 0; i < n; i++)
    {
      if (u < weights[i])
        return i;
      u -= weights[i];
    }
  return n - 1;
}

/* A log-normal delay in seconds from a median in minutes, clamped. */
gint64
csm_sim_model_rand_delay (CsmSimModel *self,
                          double       median_minutes,
                          double       sigma,
                          gint64       min_seconds,
                          gint64       max_seconds)
{
  gint64 seconds = (gint64) llround (rand_lognormal (self, median_minutes, sigma) * 60.0);

  return CLAMP (seconds, min_seconds, max_seconds);
}
