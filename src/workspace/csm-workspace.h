/* csm-workspace.h: the team's QA data (scorecards, reviews), in SQLite alone or a shared PostgreSQL, all of it async.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "csm-db.h"
#include "csm-qa-calibration.h"
#include "csm-qa-dispute.h"
#include "csm-qa-review.h"
#include "csm-training.h"

G_BEGIN_DECLS

#define CSM_TYPE_WORKSPACE (csm_workspace_get_type ())

G_DECLARE_FINAL_TYPE (CsmWorkspace, csm_workspace, CSM, WORKSPACE, GObject)

/**
 * CsmQaAssignment:
 * @conversation: the conversation's number
 * @reviewer: who is to review it
 * @assigned_by: the lead or admin who assigned it
 * @assigned: when, in seconds since the epoch
 * @due: when the review is due, or 0 for no date
 * @probability: for a sample's pick, the probability it was picked with;
 *   0 for one assigned by hand
 */
typedef struct
{
  char *conversation;
  char *reviewer;
  char *assigned_by;
  gint64 assigned;
  gint64 due;
  double probability;
} CsmQaAssignment;

void csm_qa_assignment_free (CsmQaAssignment *assignment);

/**
 * CsmWorkspaceQueueState:
 * @pending: submissions and scorecard changes waiting on this computer to
 *   be delivered
 * @refused: the ones the workspace refused, kept with why
 * @refusal: (nullable): why the latest refused one was
 * @queued_refused: whether what this call queued was itself refused
 * @discarded: (nullable) (array zero-terminated=1): after
 *   csm_workspace_discard_refused_async(), the refused review batches it
 *   forgot, as JSON arrays of reviews, for the caller to keep as drafts
 *
 * This computer's outbox after a call; csm_workspace_queue_state_clear()
 * frees @refusal.
 */
typedef struct
{
  guint pending;
  guint refused;
  char *refusal;
  gboolean queued_refused;
  char **discarded;
} CsmWorkspaceQueueState;

/**
 * CsmWorkspacePermissions:
 * @CSM_WORKSPACE_REVIEWS: writes reviews of its own (csm_reviewer)
 * @CSM_WORKSPACE_READS_ALL: reads everyone's reviews (reviewers, leads,
 *   admins); without it, only the reviews of one's own conversations
 * @CSM_WORKSPACE_EDITS_SCORECARDS: changes scorecards (csm_admin)
 * @CSM_WORKSPACE_SEES_PERSONAL_DATA: may see transcripts unmasked
 *   (csm_admin)
 * @CSM_WORKSPACE_ASSIGNS: assigns conversations to reviewers (csm_lead,
 *   csm_admin)
 */
typedef enum
{
  CSM_WORKSPACE_REVIEWS = 1 << 0,
  CSM_WORKSPACE_READS_ALL = 1 << 1,
  CSM_WORKSPACE_EDITS_SCORECARDS = 1 << 2,
  CSM_WORKSPACE_SEES_PERSONAL_DATA = 1 << 3,
  CSM_WORKSPACE_ASSIGNS = 1 << 4,
} CsmWorkspacePermissions;

char           *csm_workspace_default_location       (void);

void            csm_workspace_open_async             (const char           *location,
                                                      const char           *user,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
void            csm_workspace_open_full_async        (const char           *location,
                                                      const char           *user,
                                                      const char           *password,
                                                      gboolean              init,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
CsmWorkspace   *csm_workspace_open_finish            (GAsyncResult         *result,
                                                      GError              **error);

void            csm_workspace_add_member_async       (CsmWorkspace         *self,
                                                      const char           *name,
                                                      const char           *role,
                                                      const char           *password,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean        csm_workspace_add_member_finish      (CsmWorkspace         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

const char     *csm_workspace_get_location           (CsmWorkspace         *self);
const char     *csm_workspace_get_user               (CsmWorkspace         *self);
const char     *csm_workspace_get_role               (CsmWorkspace         *self);
CsmWorkspacePermissions csm_workspace_get_permissions (CsmWorkspace        *self);
guint           csm_workspace_get_dispute_window_days (CsmWorkspace       *self);
guint           csm_workspace_get_training_effect_reviews (CsmWorkspace   *self);

void            csm_workspace_list_scorecards_async  (CsmWorkspace         *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
GPtrArray      *csm_workspace_list_scorecards_finish (CsmWorkspace         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void            csm_workspace_save_scorecard_async   (CsmWorkspace         *self,
                                                      CsmQaScorecard       *scorecard,
                                                      int                   based_on,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
CsmQaScorecard *csm_workspace_save_scorecard_finish  (CsmWorkspace         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void            csm_workspace_import_scorecard_async (CsmWorkspace         *self,
                                                      CsmQaScorecard       *scorecard,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
CsmQaScorecard *csm_workspace_import_scorecard_finish (CsmWorkspace        *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void            csm_workspace_submit_reviews_async   (CsmWorkspace         *self,
                                                      GPtrArray            *reviews,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean        csm_workspace_submit_reviews_finish  (CsmWorkspace         *self,
                                                      GAsyncResult         *result,
                                                      guint                *added,
                                                      GError              **error);

void            csm_workspace_queue_reviews_async    (CsmWorkspace         *self,
                                                      GPtrArray            *reviews,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
void            csm_workspace_deliver_async          (CsmWorkspace         *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
void            csm_workspace_retry_refused_async    (CsmWorkspace         *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
void            csm_workspace_discard_refused_async  (CsmWorkspace         *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean        csm_workspace_queue_finish           (CsmWorkspace         *self,
                                                      GAsyncResult         *result,
                                                      CsmWorkspaceQueueState *state,
                                                      GError              **error);
void            csm_workspace_queue_state_clear      (CsmWorkspaceQueueState *state);

void            csm_workspace_list_reviews_async     (CsmWorkspace         *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
GPtrArray      *csm_workspace_list_reviews_finish    (CsmWorkspace         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void            csm_workspace_assign_async           (CsmWorkspace         *self,
                                                      const char * const   *conversations,
                                                      const double         *probabilities,
                                                      const char           *reviewer,
                                                      gint64                assigned,
                                                      gint64                due,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean        csm_workspace_assign_finish          (CsmWorkspace         *self,
                                                      GAsyncResult         *result,
                                                      guint                *added,
                                                      GError              **error);
void            csm_workspace_list_assignments_async (CsmWorkspace         *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
GPtrArray      *csm_workspace_list_assignments_finish (CsmWorkspace        *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void            csm_workspace_create_calibration_async  (CsmWorkspace                  *self,
                                                         const CsmQaCalibrationSession *session,
                                                         GCancellable                  *cancellable,
                                                         GAsyncReadyCallback            callback,
                                                         gpointer                       user_data);
gboolean        csm_workspace_create_calibration_finish (CsmWorkspace         *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void            csm_workspace_list_calibrations_async   (CsmWorkspace         *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray      *csm_workspace_list_calibrations_finish  (CsmWorkspace         *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void            csm_workspace_open_dispute_async     (CsmWorkspace         *self,
                                                      const CsmQaReview    *review,
                                                      const char           *category,
                                                      int                   proposed,
                                                      const char           *reason,
                                                      gint64                now,
                                                      guint                 window_days,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
CsmQaDispute   *csm_workspace_open_dispute_finish    (CsmWorkspace         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void            csm_workspace_decide_dispute_async   (CsmWorkspace         *self,
                                                      const char           *id,
                                                      gboolean              accept,
                                                      int                   rating,
                                                      const char           *decision,
                                                      gint64                now,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
CsmQaDispute   *csm_workspace_decide_dispute_finish  (CsmWorkspace         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void            csm_workspace_list_disputes_async    (CsmWorkspace         *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
GPtrArray      *csm_workspace_list_disputes_finish   (CsmWorkspace         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void            csm_workspace_get_training_async     (CsmWorkspace         *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
CsmTrainingCatalog *csm_workspace_get_training_finish (CsmWorkspace        *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void            csm_workspace_update_training_async  (CsmWorkspace              *self,
                                                      const CsmTrainingCatalog  *upsert,
                                                      const char * const        *delete_modules,
                                                      const char * const        *delete_rules,
                                                      gint64                     now,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
CsmTrainingCatalog *csm_workspace_update_training_finish (CsmWorkspace     *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void            csm_workspace_assign_training_async  (CsmWorkspace         *self,
                                                      GPtrArray            *assignments,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean        csm_workspace_assign_training_finish (CsmWorkspace         *self,
                                                      GAsyncResult         *result,
                                                      guint                *added,
                                                      GError              **error);
void            csm_workspace_list_training_async    (CsmWorkspace         *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
GPtrArray      *csm_workspace_list_training_finish   (CsmWorkspace         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void            csm_workspace_record_training_async  (CsmWorkspace         *self,
                                                      const char           *id,
                                                      gboolean              complete,
                                                      gint64                now,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean        csm_workspace_record_training_finish (CsmWorkspace         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmQaAssignment, csm_qa_assignment_free)

G_END_DECLS
