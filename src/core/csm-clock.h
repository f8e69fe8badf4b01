/* csm-clock.h: the one source of "now" for the console; real, or frozen for tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "csm-types.h"

G_BEGIN_DECLS

#define CSM_TYPE_CLOCK (csm_clock_get_type ())

G_DECLARE_FINAL_TYPE (CsmClock, csm_clock, CSM, CLOCK, GObject)

CsmClock *csm_clock_new_system  (void);
CsmClock *csm_clock_new_fixed   (gint64    now);
gint64    csm_clock_get_now     (CsmClock *self);
void      csm_clock_set_now     (CsmClock *self,
                                 gint64    now);
gboolean  csm_clock_is_fixed    (CsmClock *self);

/**
 * CsmClockSourceFunc:
 * @user_data: the data given to csm_clock_follow()
 *
 * Returns: the current time of whatever the clock follows
 */
typedef gint64 (*CsmClockSourceFunc) (gpointer user_data);

void      csm_clock_follow      (CsmClock           *self,
                                 CsmClockSourceFunc  source,
                                 gpointer            user_data,
                                 GDestroyNotify      destroy);

G_END_DECLS
