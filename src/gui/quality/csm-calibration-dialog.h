/* csm-calibration-dialog.h: a lead sets up a calibration session: its conversations, reviewers, deadline and gold standard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-workspace.h"

G_BEGIN_DECLS

#define CSM_TYPE_CALIBRATION_DIALOG (csm_calibration_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CsmCalibrationDialog, csm_calibration_dialog, CSM, CALIBRATION_DIALOG,
                      AdwWindow)

CsmCalibrationDialog *csm_calibration_dialog_new (CsmWorkspace *workspace,
                                                  const char   *scorecard,
                                                  gint64        now);

G_END_DECLS
