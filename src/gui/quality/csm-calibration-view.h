/* csm-calibration-view.h: calibration sessions: a reviewer's blind conversations, and how far the reviewers agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-workspace.h"

G_BEGIN_DECLS

#define CSM_TYPE_CALIBRATION_VIEW (csm_calibration_view_get_type ())

G_DECLARE_FINAL_TYPE (CsmCalibrationView, csm_calibration_view, CSM, CALIBRATION_VIEW, GtkWidget)

void        csm_calibration_view_set_workspace (CsmCalibrationView *self,
                                                CsmWorkspace       *workspace,
                                                const char         *me);
void        csm_calibration_view_set_reviews   (CsmCalibrationView *self,
                                                GPtrArray          *reviews,
                                                gint64              now);
void        csm_calibration_view_set_scorecard (CsmCalibrationView *self,
                                                const char         *scorecard);
void        csm_calibration_view_refresh       (CsmCalibrationView *self);
gboolean    csm_calibration_view_select        (CsmCalibrationView *self,
                                                const char         *session);
guint       csm_calibration_view_get_n_sessions (CsmCalibrationView *self);
const CsmQaCalibration *csm_calibration_view_get_results (CsmCalibrationView *self,
                                                          const char         *session);
gboolean    csm_calibration_view_results_shown (CsmCalibrationView *self);

G_END_DECLS
