/* csm-quality-preferences-page.h: where the QA workspace is: this computer's own, or a team's PostgreSQL workspace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-context.h"

G_BEGIN_DECLS

#define CSM_TYPE_QUALITY_PREFERENCES_PAGE (csm_quality_preferences_page_get_type ())

G_DECLARE_FINAL_TYPE (CsmQualityPreferencesPage, csm_quality_preferences_page, CSM,
                      QUALITY_PREFERENCES_PAGE, AdwPreferencesPage)

void        csm_quality_preferences_page_set_context (CsmQualityPreferencesPage *self,
                                                      CsmContext                *context);
const char *csm_quality_preferences_page_get_status  (CsmQualityPreferencesPage *self);
gboolean    csm_quality_preferences_page_is_busy     (CsmQualityPreferencesPage *self);

G_END_DECLS
