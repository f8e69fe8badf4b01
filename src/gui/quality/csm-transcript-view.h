/* csm-transcript-view.h: a conversation as a reviewer reads it: its messages in order, personal data masked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-ticket.h"

G_BEGIN_DECLS

#define CSM_TYPE_TRANSCRIPT_VIEW (csm_transcript_view_get_type ())

G_DECLARE_FINAL_TYPE (CsmTranscriptView, csm_transcript_view, CSM, TRANSCRIPT_VIEW, GtkWidget)

void     csm_transcript_view_show_empty    (CsmTranscriptView *self);
void     csm_transcript_view_show_loading  (CsmTranscriptView *self);
void     csm_transcript_view_show_error    (CsmTranscriptView *self,
                                            const GError      *error);
void     csm_transcript_view_show          (CsmTranscriptView *self,
                                            CsmTicket         *ticket,
                                            GPtrArray         *messages,
                                            GPtrArray         *earlier,
                                            const char        *channel,
                                            gboolean           masked);
guint    csm_transcript_view_get_n_masked  (CsmTranscriptView *self);

G_END_DECLS
