/* csm-training-monitor.h: the training rules applied while the console runs, and a lead's one summary a day of what became overdue, without a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "csm-context.h"

G_BEGIN_DECLS

#define CSM_TYPE_TRAINING_MONITOR (csm_training_monitor_get_type ())

G_DECLARE_FINAL_TYPE (CsmTrainingMonitor, csm_training_monitor, CSM, TRAINING_MONITOR, GObject)

CsmTrainingMonitor *csm_training_monitor_new          (GApplication       *application,
                                                       CsmContext         *context);
void                csm_training_monitor_run          (CsmTrainingMonitor *self);
guint               csm_training_monitor_get_n_runs   (CsmTrainingMonitor *self);
guint               csm_training_monitor_get_assigned (CsmTrainingMonitor *self);
guint               csm_training_monitor_get_n_sent   (CsmTrainingMonitor *self);
const char         *csm_training_monitor_get_notified (CsmTrainingMonitor *self);
const char         *csm_training_monitor_get_error    (CsmTrainingMonitor *self);

G_END_DECLS
