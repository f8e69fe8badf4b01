/* csm-alert-tracker.h: decides which SLA changes deserve a desktop notification, once each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "csm-sla-entry.h"

G_BEGIN_DECLS

/**
 * CsmAlert:
 * @ticket_id: the ticket
 * @queue_id: its queue
 * @queue_name: (nullable): the queue's name
 * @state: the state it newly entered: predicted, at risk or breached
 * @due: the deadline
 * @subject: (nullable): the ticket's subject
 */
typedef struct
{
  gint64 ticket_id;
  gint64 queue_id;
  char *queue_name;
  CsmSlaState state;
  gint64 due;
  char *subject;
} CsmAlert;

/**
 * CsmAlertBatch:
 * @alerts: (element-type CsmAlert): what is new since the last update (not
 *   muted), in the board's order (by Due)
 * @grouped: more than max_single at once: show one grouped notification
 * @summary: the first evaluation after start or a reconnect: show one
 *   summary of @alerts, no per-ticket notifications
 */
typedef struct
{
  GPtrArray *alerts;
  gboolean grouped;
  gboolean summary;
} CsmAlertBatch;

void  csm_alert_free        (CsmAlert      *alert);
void  csm_alert_batch_free  (CsmAlertBatch *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmAlertBatch, csm_alert_batch_free)

#define CSM_TYPE_ALERT_TRACKER (csm_alert_tracker_get_type ())

G_DECLARE_FINAL_TYPE (CsmAlertTracker, csm_alert_tracker, CSM, ALERT_TRACKER, GObject)

CsmAlertTracker *csm_alert_tracker_new                (void);
void             csm_alert_tracker_set_max_single     (CsmAlertTracker    *self,
                                                       guint               n);
guint            csm_alert_tracker_get_max_single     (CsmAlertTracker    *self);
void             csm_alert_tracker_set_quiet_hours    (CsmAlertTracker    *self,
                                                       int                 start_minute,
                                                       int                 end_minute,
                                                       GTimeZone          *tz);
gboolean         csm_alert_tracker_is_quiet           (CsmAlertTracker    *self,
                                                       gint64              now);
void             csm_alert_tracker_set_muted_queues   (CsmAlertTracker    *self,
                                                       const char * const *queue_names);
void             csm_alert_tracker_mark_reconnected   (CsmAlertTracker    *self);
CsmAlertBatch   *csm_alert_tracker_update             (CsmAlertTracker    *self,
                                                       GPtrArray          *entries,
                                                       gint64              now);

G_END_DECLS
