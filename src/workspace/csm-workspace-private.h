/* csm-workspace-private.h: what the workspace's files share: the schema and the worker's jobs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-db.h"
#include "csm-workspace.h"

G_BEGIN_DECLS

int       _csm_workspace_schema_version (void);
gboolean  _csm_workspace_migrate        (CsmDb    *db,
                                         GError  **error);
gboolean  _csm_workspace_pg_init        (CsmDb       *db,
                                         GError     **error);
gboolean  _csm_workspace_pg_check       (CsmDb       *db,
                                         const char  *location,
                                         GError     **error);
gboolean  _csm_workspace_pg_add_member  (CsmDb       *db,
                                         const char  *name,
                                         const char  *role,
                                         const char  *password,
                                         GError     **error);

G_END_DECLS
