/* csm-qa-calibration.h: a calibration session's results: agreement (Krippendorff's α) and spread per category, each reviewer's bias.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-qa-alpha.h"
#include "csm-qa-review.h"

G_BEGIN_DECLS

/* Krippendorff's threshold below which conclusions should not be drawn. */
#define CSM_QA_CALIBRATION_ALPHA_LOW 0.667

/* The bootstrap a session's intervals use: 1,000 resamples, this seed. */
#define CSM_QA_CALIBRATION_RESAMPLES 1000
#define CSM_QA_CALIBRATION_SEED 20111

/**
 * CsmQaDisagreement:
 * @conversation: the conversation
 * @ratings: the ratings it had in the category
 * @spread: their category scores' population standard deviation (0–100)
 */
typedef struct
{
  char *conversation;
  guint ratings;
  double spread;
} CsmQaDisagreement;

/**
 * CsmQaCalibrationCategory:
 * @category: the category's name
 * @scale: its points
 * @level: nominal for a binary category, ordinal for 3 to 5 points
 * @reviewers: the reviewers who rated it (N/A is not a rating)
 * @conversations: the conversations with at least two ratings, which alone
 *   count
 * @alpha: α with its bootstrap 95 % interval
 * @spread_defined: whether @conversations > 0
 * @spread: the mean, over those conversations, of the population standard
 *   deviation of their category scores (0–100 points)
 * @flagged: α is defined and under %CSM_QA_CALIBRATION_ALPHA_LOW
 * @disagreeing: (element-type CsmQaDisagreement): the conversations whose
 *   scores differ most, most first, at most three, none that agree
 * @reviewers_bias: (element-type CsmQaCalibrationReviewer): each
 *   reviewer's bias and agreement in this category (as
 *   #CsmQaCalibration's reviewers, over this category alone)
 */
typedef struct
{
  char *category;
  int scale;
  CsmQaAlphaLevel level;
  guint reviewers;
  guint conversations;
  CsmQaAlpha alpha;
  gboolean spread_defined;
  double spread;
  gboolean flagged;
  GPtrArray *disagreeing;
  GPtrArray *reviewers_bias;
} CsmQaCalibrationCategory;

/**
 * CsmQaCalibrationReviewer:
 * @reviewer: the reviewer
 * @compared: their ratings that had a reference: the gold-standard
 *   reviewer's rating of the same conversation and category (none while
 *   the gold reviewer has reviewed nothing), or, without one, at least
 *   one other reviewer's
 * @defined: whether @compared > 0
 * @bias: the mean of (their score − the reference), in category points
 *   (0–100): above 0, more generous than the reference
 * @agreement: 100 − the mean of |their score − the reference|: 100 when
 *   they always gave the reference's score
 */
typedef struct
{
  char *reviewer;
  guint compared;
  gboolean defined;
  double bias;
  double agreement;
} CsmQaCalibrationReviewer;

/**
 * CsmQaCalibration:
 * @session: the session's name
 * @gold: (nullable): the gold-standard reviewer, the reference for bias
 * @reviews: the reviews that count: the first each reviewer submitted for
 *   each conversation (a later version, made after seeing the others', is
 *   not blind)
 * @categories: (element-type CsmQaCalibrationCategory): in the order of
 *   the scorecard of the session's newest review
 * @reviewers: (element-type CsmQaCalibrationReviewer): by name, the gold
 *   reviewer left out
 */
typedef struct
{
  char *session;
  char *gold;
  guint reviews;
  GPtrArray *categories;
  GPtrArray *reviewers;
} CsmQaCalibration;

/**
 * CsmQaCalibrationSession:
 * @name: the session's name, unique in the workspace
 * @scorecard: the scorecard it is scored on, by name
 * @created_by: the lead who set it up
 * @created: when
 * @deadline: when the reviewers are to have submitted
 * @gold: (nullable): the gold-standard reviewer
 * @conversations: (array zero-terminated=1): the conversations, by number
 * @reviewers: (array zero-terminated=1): the reviewers (the gold one too);
 *   a reviewer reads only their own membership, so to them it is them
 * @finished: (array zero-terminated=1): the reviewers who have submitted a
 *   review of every conversation, who alone may see the others' scores
 */
typedef struct
{
  char *name;
  char *scorecard;
  char *created_by;
  gint64 created;
  gint64 deadline;
  char *gold;
  char **conversations;
  char **reviewers;
  char **finished;
} CsmQaCalibrationSession;

void              csm_qa_calibration_session_free (CsmQaCalibrationSession *session);

CsmQaCalibration *csm_qa_calibration_compute (GPtrArray        *reviews,
                                              const char       *session,
                                              const char       *gold,
                                              guint             resamples,
                                              guint32           seed);
void              csm_qa_calibration_free    (CsmQaCalibration *calibration);
const char       *csm_qa_alpha_level_to_string (CsmQaAlphaLevel level);
char             *csm_qa_calibrations_to_json (GPtrArray        *calibrations);
char             *csm_qa_calibration_reviewers_to_json (GPtrArray *calibrations);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmQaCalibration, csm_qa_calibration_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmQaCalibrationSession, csm_qa_calibration_session_free)

G_END_DECLS
