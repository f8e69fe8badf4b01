/* csm-wallboard-preferences-page.h: the wallboard's preferences: rotation, and its boards with a simple editor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-context.h"

G_BEGIN_DECLS

#define CSM_TYPE_WALLBOARD_PREFERENCES_PAGE (csm_wallboard_preferences_page_get_type ())

G_DECLARE_FINAL_TYPE (CsmWallboardPreferencesPage, csm_wallboard_preferences_page, CSM,
                      WALLBOARD_PREFERENCES_PAGE, AdwPreferencesPage)

void  csm_wallboard_preferences_page_set_context (CsmWallboardPreferencesPage *self,
                                                  CsmContext                  *context);

G_END_DECLS
