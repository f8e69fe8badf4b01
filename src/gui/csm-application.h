/* csm-application.h: the application: command line, actions, windows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-context.h"

G_BEGIN_DECLS

#define CSM_TYPE_APPLICATION (csm_application_get_type ())

G_DECLARE_FINAL_TYPE (CsmApplication, csm_application, CSM, APPLICATION, AdwApplication)

CsmApplication *csm_application_new          (void);
CsmContext     *csm_application_get_context  (CsmApplication *self);

G_END_DECLS
