/* csm-preferences-window.h: how often and how much the console syncs, field names, the account.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-context.h"

G_BEGIN_DECLS

#define CSM_TYPE_PREFERENCES_WINDOW (csm_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CsmPreferencesWindow, csm_preferences_window, CSM, PREFERENCES_WINDOW, AdwPreferencesWindow)

CsmPreferencesWindow *csm_preferences_window_new (CsmContext *context);

G_END_DECLS
