/* csm-scorecard-editor.h: the window in which an admin changes a QA scorecard, saved as its next version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-category-editor.h"
#include "csm-qa-scorecard.h"
#include "csm-workspace.h"

G_BEGIN_DECLS

#define CSM_TYPE_SCORECARD_EDITOR (csm_scorecard_editor_get_type ())

G_DECLARE_FINAL_TYPE (CsmScorecardEditor, csm_scorecard_editor, CSM, SCORECARD_EDITOR, AdwWindow)

CsmScorecardEditor *csm_scorecard_editor_new              (GtkWindow          *parent,
                                                           CsmWorkspace       *workspace,
                                                           CsmQaScorecard     *scorecard);
guint               csm_scorecard_editor_get_n_categories (CsmScorecardEditor *self);
CsmCategoryEditor  *csm_scorecard_editor_get_category     (CsmScorecardEditor *self,
                                                           guint               position);
CsmQaScorecard     *csm_scorecard_editor_get_scorecard    (CsmScorecardEditor *self);
const char         *csm_scorecard_editor_get_problem      (CsmScorecardEditor *self);
const char         *csm_scorecard_editor_get_message      (CsmScorecardEditor *self);
gboolean            csm_scorecard_editor_is_saving        (CsmScorecardEditor *self);
gboolean            csm_scorecard_editor_has_changes      (CsmScorecardEditor *self);

G_END_DECLS
