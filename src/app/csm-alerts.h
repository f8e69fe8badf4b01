/* csm-alerts.h: desktop notifications before (and when) tickets breach their SLA.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "csm-alert-tracker.h"
#include "csm-context.h"

G_BEGIN_DECLS

#define CSM_TYPE_ALERTS (csm_alerts_get_type ())

G_DECLARE_FINAL_TYPE (CsmAlerts, csm_alerts, CSM, ALERTS, GObject)

CsmAlerts       *csm_alerts_new          (GApplication *application,
                                          CsmContext   *context);
CsmAlertTracker *csm_alerts_get_tracker  (CsmAlerts    *self);
guint            csm_alerts_get_n_sent   (CsmAlerts    *self);
GNotification   *csm_alerts_get_last     (CsmAlerts    *self);
const char      *csm_alerts_get_last_id  (CsmAlerts    *self);

G_END_DECLS
