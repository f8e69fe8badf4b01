/* csm-qa-dispute.h: an agent's dispute of a rating on one of their reviews, its window, its decision.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The days after a review's submission an agent may dispute it, unless
 * the setting says otherwise. */
#define CSM_QA_DISPUTE_WINDOW_DAYS 14

typedef enum
{
  CSM_QA_DISPUTE_OPEN,
  CSM_QA_DISPUTE_ACCEPTED,
  CSM_QA_DISPUTE_REJECTED,
} CsmQaDisputeState;

/**
 * CsmQaDispute:
 * @id: the workspace's id
 * @review: the id of the review disputed
 * @conversation: its conversation
 * @agent: the agent reviewed, who disputes
 * @reviewer: who wrote the review
 * @category: the category whose rating is disputed
 * @rating: that rating (1…the scale, or %CSM_QA_NA)
 * @proposed: the rating the agent proposes, or %CSM_QA_UNRATED for none
 * @reason: why, in the agent's words
 * @opened_by: who opened it
 * @opened: when
 * @state: open, accepted or rejected
 * @decided_by: (nullable): the reviewer or lead who decided
 * @decided: when, or 0
 * @decision: (nullable): why, in their words
 * @new_rating: the rating an accepted dispute gave, or %CSM_QA_UNRATED
 * @new_review: (nullable): the id of the review's new version an accepted
 *   dispute made (the old one is kept)
 */
typedef struct
{
  char *id;
  char *review;
  char *conversation;
  char *agent;
  char *reviewer;
  char *category;
  int rating;
  int proposed;
  char *reason;
  char *opened_by;
  gint64 opened;
  CsmQaDisputeState state;
  char *decided_by;
  gint64 decided;
  char *decision;
  int new_rating;
  char *new_review;
} CsmQaDispute;

void         csm_qa_dispute_free               (CsmQaDispute      *dispute);
const char  *csm_qa_dispute_state_to_string    (CsmQaDisputeState  state);
gboolean     csm_qa_dispute_state_from_string  (const char        *text,
                                                CsmQaDisputeState *state);
gint64       csm_qa_dispute_window_closes      (gint64             submitted,
                                                guint              days);
gboolean     csm_qa_dispute_window_open        (gint64             submitted,
                                                gint64             now,
                                                guint              days);
char        *csm_qa_disputes_to_json           (GPtrArray         *disputes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmQaDispute, csm_qa_dispute_free)

G_END_DECLS
