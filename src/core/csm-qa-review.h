/* csm-qa-review.h: a QA review: a conversation rated on one version of a scorecard, its score, as JSON rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-qa-scorecard.h"

G_BEGIN_DECLS

/**
 * CsmQaScore:
 * @defined: %FALSE when every weighted category was N/A
 * @value: 0–100
 * @critical_failed: a critical category scored under 50 %, so @value is 0
 */
typedef struct
{
  gboolean defined;
  double value;
  gboolean critical_failed;
} CsmQaScore;

/**
 * CsmQaReview:
 * @conversation: the helpdesk's ticket id, as text
 * @agent: the helpdesk user name of the agent reviewed
 * @reviewer: the reviewer's helpdesk user name
 * @scorecard: (owned): the version it was scored on
 * @submitted: Unix time; 0 for a draft
 * @calibration_session: (nullable): set for a calibration review, which
 *   never counts in IQS
 * @ratings: one a category of @scorecard, in its order: 1…the category's
 *   scale, %CSM_QA_NA, or %CSM_QA_UNRATED in a draft
 * @notes: (array length=n_ratings) (nullable elements): a comment a category
 * @comment: (nullable): the overall comment
 * @id: (nullable): the workspace's id of a stored review
 * @replaces: (nullable): the id of the review this one corrects (after a
 *   dispute was accepted)
 */
typedef struct
{
  char *conversation;
  char *agent;
  char *reviewer;
  CsmQaScorecard *scorecard;
  gint64 submitted;
  char *calibration_session;
  int *ratings;
  char **notes;
  guint n_ratings;
  char *comment;
  char *id;
  char *replaces;
} CsmQaReview;

/* Finds a scorecard by name and version; NULL when there is none. */
typedef CsmQaScorecard *(*CsmQaScorecardLookup) (const char *name,
                                                 int         version,
                                                 gpointer    user_data);

CsmQaScore   csm_qa_score                  (CsmQaScorecard       *scorecard,
                                            const int            *ratings,
                                            guint                 n_ratings);

char        *csm_qa_score_explain          (CsmQaScorecard       *scorecard,
                                            const int            *ratings,
                                            guint                 n_ratings);

CsmQaReview *csm_qa_review_new             (CsmQaScorecard       *scorecard);
CsmQaReview *csm_qa_review_copy            (const CsmQaReview    *review);
void         csm_qa_review_free            (CsmQaReview          *review);
CsmQaScore   csm_qa_review_get_score       (const CsmQaReview    *review);
gboolean     csm_qa_review_validate        (const CsmQaReview    *review,
                                            GError              **error);
gboolean     csm_qa_review_same            (const CsmQaReview    *a,
                                            const CsmQaReview    *b);
gboolean     csm_qa_review_same_content    (const CsmQaReview    *a,
                                            const CsmQaReview    *b);

GPtrArray   *csm_qa_reviews_from_json      (const char           *json,
                                            CsmQaScorecardLookup  lookup,
                                            gpointer              user_data,
                                            GError              **error);
char        *csm_qa_reviews_to_json        (GPtrArray            *reviews);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmQaReview, csm_qa_review_free)

G_END_DECLS
