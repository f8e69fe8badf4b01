/* csm-reports-preferences-page.h: the preferences the KPI reports read: survey and channel fields, the repeat-contact window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CSM_TYPE_REPORTS_PREFERENCES_PAGE (csm_reports_preferences_page_get_type ())

G_DECLARE_FINAL_TYPE (CsmReportsPreferencesPage, csm_reports_preferences_page, CSM,
                      REPORTS_PREFERENCES_PAGE, AdwPreferencesPage)

void csm_reports_preferences_page_set_settings (CsmReportsPreferencesPage *self,
                                                GSettings                 *settings);

G_END_DECLS
