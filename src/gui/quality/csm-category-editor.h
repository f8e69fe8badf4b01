/* csm-category-editor.h: one category of a scorecard in the scorecard editor: name, weight, scale, N/A, critical, guidance.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-qa-scorecard.h"

G_BEGIN_DECLS

#define CSM_TYPE_CATEGORY_EDITOR (csm_category_editor_get_type ())

G_DECLARE_FINAL_TYPE (CsmCategoryEditor, csm_category_editor, CSM, CATEGORY_EDITOR, AdwExpanderRow)

CsmCategoryEditor *csm_category_editor_new              (const CsmQaCategory *category);
void               csm_category_editor_get_category     (CsmCategoryEditor   *self,
                                                         CsmQaCategory       *out_category);
void               csm_category_editor_commit           (CsmCategoryEditor   *self);
void               csm_category_editor_set_position     (CsmCategoryEditor   *self,
                                                         guint                position,
                                                         guint                n_categories);
void               csm_category_editor_set_total_weight (CsmCategoryEditor   *self,
                                                         int                  total);
void               csm_category_editor_set_name_problem (CsmCategoryEditor   *self,
                                                         gboolean             problem);
void               csm_category_editor_focus_name       (CsmCategoryEditor   *self);
void               csm_category_editor_focus_move       (CsmCategoryEditor   *self,
                                                         int                  delta);

G_END_DECLS
