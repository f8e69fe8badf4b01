/* csm-test-workspace.h: what the QA workspace's tests share: opening, reading and saving, awaited.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-workspace.h"

G_BEGIN_DECLS

CsmWorkspace   *csm_test_workspace_open       (const char      *location,
                                               const char      *user,
                                               const char      *password,
                                               GError         **error);
GPtrArray      *csm_test_workspace_scorecards (CsmWorkspace    *ws);
GPtrArray      *csm_test_workspace_reviews    (CsmWorkspace    *ws);
CsmQaScorecard *csm_test_workspace_save       (CsmWorkspace    *ws,
                                               CsmQaScorecard  *card,
                                               int              based_on,
                                               GError         **error);
CsmQaScorecard *csm_test_scorecard_reweighted (CsmQaScorecard  *card,
                                               guint            category,
                                               int              weight);
void            csm_test_remove_tree          (const char      *path);

G_END_DECLS
