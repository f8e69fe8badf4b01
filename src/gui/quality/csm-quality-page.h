/* csm-quality-page.h: QA reviews: conversations to review, the transcript beside the scorecard, IQS results.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-page.h"

G_BEGIN_DECLS

#define CSM_TYPE_QUALITY_PAGE (csm_quality_page_get_type ())

G_DECLARE_FINAL_TYPE (CsmQualityPage, csm_quality_page, CSM, QUALITY_PAGE, CsmPage)

gboolean    csm_quality_page_open_conversation (CsmQualityPage *self,
                                                gint64          ticket_id);
gboolean    csm_quality_page_calibrate         (CsmQualityPage *self,
                                                const char     *session,
                                                gint64          ticket_id);
gboolean    csm_quality_page_is_ready          (CsmQualityPage *self);
gint64      csm_quality_page_get_shown_ticket  (CsmQualityPage *self);
gboolean    csm_quality_page_is_transcript_shown (CsmQualityPage *self);
const char *csm_quality_page_get_status        (CsmQualityPage *self);
GtkWidget  *csm_quality_page_get_form          (CsmQualityPage *self);
GtkWidget  *csm_quality_page_get_results       (CsmQualityPage *self);
GtkWidget  *csm_quality_page_get_transcript    (CsmQualityPage *self);
void        csm_quality_page_show_view         (CsmQualityPage *self,
                                                const char     *view);
guint       csm_quality_page_get_n_drafts      (CsmQualityPage *self);

G_END_DECLS
