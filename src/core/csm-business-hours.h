/* csm-business-hours.h: when a helpdesk is open, per weekday, in a time zone: RT's %ServiceBusinessHours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CsmBusinessHours:
 *
 * Open spans per weekday, in local wall-clock minutes of a time zone.
 * Boxed and reference counted; build it with csm_business_hours_add_span()
 * before sharing it, then treat it as immutable. Without any span it is
 * "always open" (24×7). The queries are safe to call from several threads.
 *
 * DST: a span's ends are wall-clock times, converted the way RT's
 * Business::Hours (Perl's timelocal) does: a time the spring change skips
 * maps to the first instant after the gap, a time the autumn change repeats
 * to its first occurrence, and the span is the contiguous stretch between
 * its two ends. So 09:00-17:00 is always 8 hours, 00:00-24:00 is 23 or
 * 25 hours on the change days, and 01:00-04:00 is 2 hours on the spring
 * change and 4 on the autumn one.
 *
 * Deadlines follow RT too: csm_business_hours_add_seconds() never answers
 * a closing instant: a deadline landing exactly on closing time moves to the
 * next opening (8 business hours from Monday 22:06 are due Wednesday 09:00,
 * rt5.md section 6).
 */
typedef struct _CsmBusinessHours CsmBusinessHours;

#define CSM_TYPE_BUSINESS_HOURS (csm_business_hours_get_type ())

GType              csm_business_hours_get_type          (void) G_GNUC_CONST;
CsmBusinessHours  *csm_business_hours_new               (GTimeZone        *tz);
CsmBusinessHours  *csm_business_hours_ref               (CsmBusinessHours *self);
void               csm_business_hours_unref             (CsmBusinessHours *self);
void               csm_business_hours_add_span          (CsmBusinessHours *self,
                                                         GDateWeekday      day,
                                                         int               start_minute,
                                                         int               end_minute);
gboolean           csm_business_hours_is_always_open    (CsmBusinessHours *self);
GTimeZone         *csm_business_hours_get_timezone      (CsmBusinessHours *self);
guint              csm_business_hours_get_n_spans       (CsmBusinessHours *self,
                                                         GDateWeekday      day);
void               csm_business_hours_get_span          (CsmBusinessHours *self,
                                                         GDateWeekday      day,
                                                         guint             i,
                                                         int              *out_start_minute,
                                                         int              *out_end_minute);
gboolean           csm_business_hours_is_open           (CsmBusinessHours *self,
                                                         gint64            t);
gint64             csm_business_hours_next_open         (CsmBusinessHours *self,
                                                         gint64            t);
gint64             csm_business_hours_seconds_between   (CsmBusinessHours *self,
                                                         gint64            from,
                                                         gint64            to);
gint64             csm_business_hours_add_seconds       (CsmBusinessHours *self,
                                                         gint64            from,
                                                         gint64            seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmBusinessHours, csm_business_hours_unref)

G_END_DECLS
