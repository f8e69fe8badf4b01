/* csm-queue-summary.h: the state of one queue at an instant: new, open, stalled, unowned, oldest wait.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "csm-types.h"

G_BEGIN_DECLS

#define CSM_TYPE_QUEUE_SUMMARY (csm_queue_summary_get_type ())

G_DECLARE_FINAL_TYPE (CsmQueueSummary, csm_queue_summary, CSM, QUEUE_SUMMARY, GObject)

CsmQueueSummary *csm_queue_summary_new                 (gint64           queue_id,
                                                        const char      *queue_name);
gint64           csm_queue_summary_get_queue_id        (CsmQueueSummary *self);
const char      *csm_queue_summary_get_queue_name      (CsmQueueSummary *self);
guint            csm_queue_summary_get_new             (CsmQueueSummary *self);
guint            csm_queue_summary_get_open            (CsmQueueSummary *self);
guint            csm_queue_summary_get_stalled         (CsmQueueSummary *self);
guint            csm_queue_summary_get_active          (CsmQueueSummary *self);
guint            csm_queue_summary_get_unassigned      (CsmQueueSummary *self);
gint64           csm_queue_summary_get_oldest_new_created (CsmQueueSummary *self);
gint64           csm_queue_summary_get_oldest_new_age  (CsmQueueSummary *self);
gint64           csm_queue_summary_get_now             (CsmQueueSummary *self);
void             csm_queue_summary_set_now             (CsmQueueSummary *self,
                                                        gint64           now);
gboolean         csm_queue_summary_update_from         (CsmQueueSummary *self,
                                                        CsmQueueSummary *other);

GPtrArray       *csm_queue_summaries_compute           (GPtrArray       *tickets,
                                                        GPtrArray       *queues,
                                                        gint64           now);
CsmQueueSummary *csm_queue_summaries_total             (GPtrArray       *summaries,
                                                        const char      *name,
                                                        gint64           now);

G_END_DECLS
