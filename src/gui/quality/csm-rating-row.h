/* csm-rating-row.h: one category of a scorecard in the review form: its rating, its guidance, a note.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-qa-scorecard.h"

G_BEGIN_DECLS

#define CSM_TYPE_RATING_ROW (csm_rating_row_get_type ())

G_DECLARE_FINAL_TYPE (CsmRatingRow, csm_rating_row, CSM, RATING_ROW, GtkListBoxRow)

GtkWidget  *csm_rating_row_new        (const CsmQaCategory *category);
int         csm_rating_row_get_rating (CsmRatingRow        *self);
void        csm_rating_row_set_rating (CsmRatingRow        *self,
                                       int                  rating);
const char *csm_rating_row_get_note   (CsmRatingRow        *self);
void        csm_rating_row_set_note   (CsmRatingRow        *self,
                                       const char          *note);
gboolean    csm_rating_row_rate_key   (CsmRatingRow        *self,
                                       guint                keyval);

G_END_DECLS
