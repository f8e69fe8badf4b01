/* csm-dispute-dialog.h: an agent disputes a rating of one of their reviews: which, why, and what they propose.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-workspace.h"

G_BEGIN_DECLS

#define CSM_TYPE_DISPUTE_DIALOG (csm_dispute_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CsmDisputeDialog, csm_dispute_dialog, CSM, DISPUTE_DIALOG, AdwWindow)

CsmDisputeDialog *csm_dispute_dialog_new (CsmWorkspace *workspace,
                                          GPtrArray    *reviews,
                                          const char   *me,
                                          gint64        now,
                                          guint         window_days);

G_END_DECLS
