/* csm-disputes-view.h: agents' disputes of their ratings: who opened what and why, and the decision, taken here by the reviewer or a lead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-workspace.h"

G_BEGIN_DECLS

#define CSM_TYPE_DISPUTES_VIEW (csm_disputes_view_get_type ())

G_DECLARE_FINAL_TYPE (CsmDisputesView, csm_disputes_view, CSM, DISPUTES_VIEW, GtkWidget)

void        csm_disputes_view_set_workspace (CsmDisputesView *self,
                                             CsmWorkspace    *workspace,
                                             const char      *me);
void        csm_disputes_view_set_reviews   (CsmDisputesView *self,
                                             GPtrArray       *reviews,
                                             gint64           now,
                                             guint            window_days);
void        csm_disputes_view_refresh       (CsmDisputesView *self);
gboolean    csm_disputes_view_select        (CsmDisputesView *self,
                                             const char      *id);
GPtrArray  *csm_disputes_view_get_disputes  (CsmDisputesView *self);
const char *csm_disputes_view_get_notified  (CsmDisputesView *self);

G_END_DECLS
