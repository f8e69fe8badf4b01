/* csm-consistency-view.h: how consistent the team is, category by category and week by week, and who sits outside the band.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-workspace.h"

G_BEGIN_DECLS

#define CSM_TYPE_CONSISTENCY_VIEW (csm_consistency_view_get_type ())

G_DECLARE_FINAL_TYPE (CsmConsistencyView, csm_consistency_view, CSM, CONSISTENCY_VIEW, GtkWidget)

void        csm_consistency_view_set_workspace (CsmConsistencyView *self,
                                                CsmWorkspace       *workspace);
void        csm_consistency_view_set_reviews   (CsmConsistencyView *self,
                                                GPtrArray          *reviews,
                                                gint64              now);
gboolean    csm_consistency_view_select        (CsmConsistencyView *self,
                                                const char         *category,
                                                gint64              week);
GPtrArray  *csm_consistency_view_get_rows      (CsmConsistencyView *self);
GtkWidget  *csm_consistency_view_get_chart     (CsmConsistencyView *self);

G_END_DECLS
