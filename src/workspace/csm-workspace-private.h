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
  char *password;    /* kept to connect again, wiped when the worker ends */
  gboolean init;
  CsmDb *db;         /* NULL once the server dropped it: connected again when next needed */
  char *outbox_path;
  CsmDb *outbox;     /* (nullable) this machine's queue of writes, opened when first used */
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
gboolean   _csm_workspace_propagate_count  (GTask               *task,
                                            guint               *added,
                                            GError             **error);
GPtrArray *_csm_workspace_load_scorecards  (CsmWorkspaceWorker              *worker,
                                            GError             **error);
gboolean   _csm_workspace_check_reviews    (GPtrArray           *reviews,
                                            GError             **error);
gboolean   _csm_workspace_insert_reviews   (CsmWorkspaceWorker  *worker,
                                            GPtrArray           *reviews,
                                            guint               *added,
                                            GError             **error);
CsmQaScorecard *_csm_workspace_store_scorecard (CsmWorkspaceWorker  *worker,
                                                CsmQaScorecard      *card,
                                                int                  based_on,
                                                GError             **error);
char      *_csm_workspace_outbox_keep_scorecard   (CsmWorkspaceWorker  *worker,
                                                   CsmQaScorecard      *card,
                                                   int                  based_on,
                                                   GError             **error);
gboolean   _csm_workspace_outbox_deliver_older_scorecards (CsmWorkspaceWorker  *worker,
                                                           const char          *except,
                                                           GError             **error);
gboolean   _csm_workspace_outbox_forget_scorecard (CsmWorkspaceWorker  *worker,
                                                   const char          *id,
                                                   GError             **error);
gboolean   _csm_workspace_check_reviewer  (CsmWorkspaceWorker  *worker,
                                            const char          *name,
                                            GError             **error);
gboolean   _csm_workspace_connect          (CsmWorkspaceWorker  *worker,
                                            GError             **error);
char      *_csm_workspace_outbox_path      (const char          *location,
                                            const char          *user);

int       _csm_workspace_schema_version (void);
gboolean  _csm_workspace_migrate        (CsmDb    *db,
                                         GError  **error);
extern const char _csm_workspace_pg_training_security[];

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
