/* csm-clock.c: the one source of "now" for the console; real, or frozen for tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-clock"

#include "config.h"

#include "csm-clock.h"

struct _CsmClock
{
  GObject parent_instance;

  gint64 now;
  guint tick_id;
  gboolean fixed;
  CsmClockSourceFunc source;   /* (nullable): what a system clock follows instead */
  gpointer source_data;
  GDestroyNotify source_destroy;
};

G_DEFINE_FINAL_TYPE (CsmClock, csm_clock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
csm_clock_dispose (GObject *object)
{
  CsmClock *self = (CsmClock *) object;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  csm_clock_follow (self, NULL, NULL, NULL);

  G_OBJECT_CLASS (csm_clock_parent_class)->dispose (object);
}

static void
csm_clock_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CsmClock *self = CSM_CLOCK (object);

  switch (prop_id)
    {
    case PROP_NOW:
      g_value_set_int64 (value, self->now);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_clock_class_init (CsmClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = csm_clock_dispose;
  object_class->get_property = csm_clock_get_property;

  properties[PROP_NOW] =
    g_param_spec_int64 ("now", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csm_clock_init (CsmClock *self)
{
}

static gint64
read_source (CsmClock *self)
{
  if (self->source != NULL)
    return self->source (self->source_data);
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
tick_cb (gpointer user_data)
{
  CsmClock *self = user_data;

  csm_clock_set_now (self, read_source (self));
  return G_SOURCE_CONTINUE;
}

/**
 * csm_clock_new_system:
 *
 * A clock that follows the wall clock, notifying "now" once a second.
 */
CsmClock *
csm_clock_new_system (void)
{
  CsmClock *self = g_object_new (CSM_TYPE_CLOCK, NULL);

  self->now = g_get_real_time () / G_USEC_PER_SEC;
  self->tick_id = g_timeout_add_seconds_full (G_PRIORITY_LOW, 1, tick_cb, self, NULL);
  return self;
}

/**
 * csm_clock_new_fixed:
 * @now: the instant the clock shows until csm_clock_set_now() moves it
 */
CsmClock *
csm_clock_new_fixed (gint64 now)
{
  CsmClock *self = g_object_new (CSM_TYPE_CLOCK, NULL);

  self->now = now;
  self->fixed = TRUE;
  return self;
}

gint64
csm_clock_get_now (CsmClock *self)
{
  g_return_val_if_fail (CSM_IS_CLOCK (self), 0);
  return self->now;
}

void
csm_clock_set_now (CsmClock *self,
                   gint64    now)
{
  g_return_if_fail (CSM_IS_CLOCK (self));

  if (self->now == now)
    return;
  self->now = now;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
}

/**
 * csm_clock_follow:
 * @source: (nullable): where a system clock reads the time from, once a
 *   second; %NULL for the wall clock
 *
 * The demo's helpdesk runs faster than the wall clock; the console's clock
 * follows it so ages and countdowns are those of the simulated day.
 */
void
csm_clock_follow (CsmClock           *self,
                  CsmClockSourceFunc  source,
                  gpointer            user_data,
                  GDestroyNotify      destroy)
{
  g_return_if_fail (CSM_IS_CLOCK (self));

  if (self->source_destroy != NULL)
    self->source_destroy (self->source_data);
  self->source = source;
  self->source_data = user_data;
  self->source_destroy = destroy;
  if (!self->fixed)
    csm_clock_set_now (self, read_source (self));
}

gboolean
csm_clock_is_fixed (CsmClock *self)
{
  g_return_val_if_fail (CSM_IS_CLOCK (self), FALSE);
  return self->fixed;
}
