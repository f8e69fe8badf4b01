/* csm-workspace-login.h: opening a team's workspace as oneself, the password kept in the keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "csm-workspace.h"

G_BEGIN_DECLS

gboolean      csm_workspace_login_check_location (const char           *location,
                                                  GError              **error);
void          csm_workspace_login_async          (const char           *location,
                                                  const char           *user,
                                                  const char           *password,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
CsmWorkspace *csm_workspace_login_finish         (GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
