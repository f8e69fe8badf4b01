/* csm-qa-precision.h: each agent's IQS with its margin of error, the reviews a target margin needs, the sample-weighted IQS; assignments' state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-qa-margin.h"
#include "csm-qa-review.h"

G_BEGIN_DECLS

/**
 * CsmQaPrecisionRow:
 * @agent: the agent
 * @margin: their IQS (the mean) over the period's reviews with its 95 %
 *   margin of error (defined from two reviews)
 * @needed: the reviews a margin of the target needs, from the agent's
 *   standard deviation, or the team's while the agent has fewer than two
 *   reviews; 0 when neither is known
 * @needed_from_team: whether @needed used the team's deviation
 * @more: how many more reviews than they have that is (0 when met)
 * @sampled: their reviews of conversations picked with a known
 *   probability (a risk-weighted or other sample)
 * @weighted_defined: whether @weighted_iqs is (@sampled > 0)
 * @weighted_iqs: the mean of those reviews' scores weighted by the inverse
 *   of each pick's probability: what the sample says of the agent without
 *   the sampling's lean towards risky conversations
 * @sampled_iqs: the plain mean of those same reviews
 */
typedef struct
{
  char *agent;
  CsmQaMargin margin;
  guint needed;
  gboolean needed_from_team;
  guint more;
  guint sampled;
  gboolean weighted_defined;
  double weighted_iqs;
  double sampled_iqs;
} CsmQaPrecisionRow;

/**
 * CsmQaAssignmentState:
 * @CSM_QA_ASSIGNMENT_OPEN: to review, not yet due (or no due date)
 * @CSM_QA_ASSIGNMENT_DONE: the reviewer has submitted a review of it
 * @CSM_QA_ASSIGNMENT_OVERDUE: not reviewed, and past its due date
 */
typedef enum
{
  CSM_QA_ASSIGNMENT_OPEN,
  CSM_QA_ASSIGNMENT_DONE,
  CSM_QA_ASSIGNMENT_OVERDUE,
} CsmQaAssignmentState;

GPtrArray            *csm_qa_precision_compute   (GPtrArray    *reviews,
                                                  gint64        from,
                                                  gint64        to,
                                                  GHashTable   *population,
                                                  GHashTable   *probabilities,
                                                  double        target_margin);
void                  csm_qa_precision_row_free  (CsmQaPrecisionRow *row);
char                 *csm_qa_precision_to_json   (GPtrArray    *rows,
                                                  double        target_margin);
CsmQaAssignmentState  csm_qa_assignment_state    (const char   *conversation,
                                                  const char   *reviewer,
                                                  gint64        due,
                                                  GPtrArray    *reviews,
                                                  gint64        now);
const char           *csm_qa_assignment_state_to_string (CsmQaAssignmentState state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmQaPrecisionRow, csm_qa_precision_row_free)

G_END_DECLS
