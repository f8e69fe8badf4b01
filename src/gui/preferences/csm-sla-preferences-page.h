/* csm-sla-preferences-page.h: the SLA levels and business hours an admin describes, and the lanes' settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-context.h"

G_BEGIN_DECLS

#define CSM_TYPE_SLA_PREFERENCES_PAGE (csm_sla_preferences_page_get_type ())

G_DECLARE_FINAL_TYPE (CsmSlaPreferencesPage, csm_sla_preferences_page, CSM, SLA_PREFERENCES_PAGE,
                      AdwPreferencesPage)

void  csm_sla_preferences_page_set_context  (CsmSlaPreferencesPage *self,
                                             CsmContext            *context);

G_END_DECLS
