/* csm-sampling-view.h: which conversations get reviewed: per-agent quotas drawn at random, stratified or towards risk, each agent's IQS with its precision, overdue assignments.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-transcript-loader.h"
#include "csm-workspace.h"

G_BEGIN_DECLS

#define CSM_TYPE_SAMPLING_VIEW (csm_sampling_view_get_type ())

G_DECLARE_FINAL_TYPE (CsmSamplingView, csm_sampling_view, CSM, SAMPLING_VIEW, GtkWidget)

void        csm_sampling_view_set_sources   (CsmSamplingView     *self,
                                             GSettings           *settings,
                                             GListModel          *conversations,
                                             CsmTranscriptLoader *loader);
void        csm_sampling_view_set_workspace (CsmSamplingView     *self,
                                             CsmWorkspace        *workspace);
void        csm_sampling_view_set_reviews   (CsmSamplingView     *self,
                                             GPtrArray           *reviews,
                                             gint64               now);
GPtrArray  *csm_sampling_view_get_picks     (CsmSamplingView     *self);

void        csm_sampling_view_set_awaiting  (CsmSamplingView     *self,
                                             GHashTable          *awaiting);

G_END_DECLS
