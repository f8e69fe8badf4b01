/* csm-review-form.h: a scorecard to fill in: every category's rating and note, a comment, the live score.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-qa-review.h"

G_BEGIN_DECLS

#define CSM_TYPE_REVIEW_FORM (csm_review_form_get_type ())

G_DECLARE_FINAL_TYPE (CsmReviewForm, csm_review_form, CSM, REVIEW_FORM, GtkWidget)

void         csm_review_form_set_review   (CsmReviewForm     *self,
                                           const CsmQaReview *review,
                                           const char        *subject);
CsmQaReview *csm_review_form_dup_review   (CsmReviewForm     *self);
gboolean     csm_review_form_is_complete  (CsmReviewForm     *self);
void         csm_review_form_set_status   (CsmReviewForm     *self,
                                           const char        *status);
void         csm_review_form_focus_first  (CsmReviewForm     *self);
gboolean     csm_review_form_handle_key   (CsmReviewForm     *self,
                                           guint              keyval,
                                           GdkModifierType    state);
GtkWidget   *csm_review_form_get_row      (CsmReviewForm     *self,
                                           guint              index);
double       csm_review_form_get_score    (CsmReviewForm     *self,
                                           gboolean          *defined);

G_END_DECLS
