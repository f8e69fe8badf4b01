/* csm-calibration-rows.h: the rows of the Calibration view: a category's agreement, a reviewer's bias, a row of two labels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-qa-calibration.h"

G_BEGIN_DECLS

char      *_csm_calibration_format_number (double                          value,
                                           int                             decimals);
GtkWidget *_csm_calibration_row           (GtkWidget                      *start,
                                           GtkWidget                      *end,
                                           const char                     *accessible);
GtkWidget *_csm_calibration_two_lines     (const char                     *title,
                                           const char                     *subtitle);
GtkWidget *_csm_calibration_category_row  (const CsmQaCalibrationCategory *c);
GtkWidget *_csm_calibration_reviewer_row  (const CsmQaCalibrationReviewer *r);

G_END_DECLS
