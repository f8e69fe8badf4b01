/* csm-connection-dialog.h: connect to a helpdesk: address, credentials, a real test before saving.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-context.h"

G_BEGIN_DECLS

#define CSM_TYPE_CONNECTION_DIALOG (csm_connection_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CsmConnectionDialog, csm_connection_dialog, CSM, CONNECTION_DIALOG, AdwWindow)

CsmConnectionDialog *csm_connection_dialog_new          (CsmContext          *context);
void                 csm_connection_dialog_fill         (CsmConnectionDialog *self,
                                                         const char          *url,
                                                         const char          *username,
                                                         const char          *secret);
void                 csm_connection_dialog_connect      (CsmConnectionDialog *self);
const char          *csm_connection_dialog_get_message  (CsmConnectionDialog *self);

G_END_DECLS
