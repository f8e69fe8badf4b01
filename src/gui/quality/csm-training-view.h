/* csm-training-view.h: the training loop: assignments and their effect, the catalog, the rules, and the agents weakest in a category.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-clock.h"
#include "csm-workspace.h"

G_BEGIN_DECLS

#define CSM_TYPE_TRAINING_VIEW (csm_training_view_get_type ())

G_DECLARE_FINAL_TYPE (CsmTrainingView, csm_training_view, CSM, TRAINING_VIEW, GtkWidget)

void        csm_training_view_set_workspace   (CsmTrainingView *self,
                                               CsmWorkspace    *workspace,
                                               const char      *me);
void        csm_training_view_set_settings    (CsmTrainingView *self,
                                               GSettings       *settings);
void        csm_training_view_set_clock       (CsmTrainingView *self,
                                               CsmClock        *clock);
void        csm_training_view_set_scorecard   (CsmTrainingView *self,
                                               CsmQaScorecard  *scorecard);
void        csm_training_view_set_reviews     (CsmTrainingView *self,
                                               GPtrArray       *reviews,
                                               gint64           now);
void        csm_training_view_refresh         (CsmTrainingView *self);
void        csm_training_view_assign          (CsmTrainingView *self,
                                               const char      *agent,
                                               const char      *category);
gboolean    csm_training_view_is_settled      (CsmTrainingView *self);
GPtrArray  *csm_training_view_get_assignments (CsmTrainingView *self);
GHashTable *csm_training_view_get_awaiting    (CsmTrainingView *self);
const char *csm_training_view_get_notified    (CsmTrainingView *self);

G_END_DECLS
