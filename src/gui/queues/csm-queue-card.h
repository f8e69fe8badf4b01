/* csm-queue-card.h: one queue at a glance: active count, new/open/stalled, unowned, oldest wait.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-queue-summary.h"

G_BEGIN_DECLS

#define CSM_TYPE_QUEUE_CARD (csm_queue_card_get_type ())

G_DECLARE_FINAL_TYPE (CsmQueueCard, csm_queue_card, CSM, QUEUE_CARD, GtkWidget)

GtkWidget       *csm_queue_card_new          (CsmQueueSummary *summary);
CsmQueueSummary *csm_queue_card_get_summary  (CsmQueueCard    *self);

G_END_DECLS
