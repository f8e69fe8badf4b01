/* csm-workspace-private.h: what the workspace's files share: the schema and the worker's jobs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-db.h"
#include "csm-workspace.h"

G_BEGIN_DECLS

/* What the worker thread owns. */
typedef struct
{
  GAsyncQueue *queue;
  char *location;
  char *user;
  char *password;    /* until connected, then wiped */
  gboolean init;
  CsmDb *db;
} CsmWorkspaceWorker;

typedef gpointer (*CsmWorkspaceJobFunc) (CsmWorkspaceWorker   *worker,
                             gpointer  data,
                             GError  **error);

void       _csm_workspace_queue_job        (CsmWorkspace        *self,
                                            gpointer             source_tag,
                                            CsmWorkspaceJobFunc              func,
                                            gpointer             data,
                                            GDestroyNotify       data_free,
                                            GDestroyNotify       result_free,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gpointer   _csm_workspace_rollback         (CsmWorkspaceWorker              *worker);
GPtrArray *_csm_workspace_load_scorecards  (CsmWorkspaceWorker              *worker,
                                            GError             **error);

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
