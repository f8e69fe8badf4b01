/* csm-qa-iqs.h: the internal quality score (IQS) of a period, overall or by agent, queue, category or reviewer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-qa-review.h"
#include "csm-types.h"

G_BEGIN_DECLS

/**
 * CsmQaIqsRow:
 * @group: (nullable): the agent, queue, category or reviewer; NULL without
 *   grouping; "" for conversations of no known queue
 * @reviews: the reviews averaged: submitted in the period, not
 *   calibration, with a score (by category: those that rated it)
 * @defined: whether there is any
 * @iqs: their mean score, 0–100
 * @members: (element-type guint): the reviews' indices in the input, for
 *   the drill-down
 */
typedef struct
{
  char *group;
  guint reviews;
  gboolean defined;
  double iqs;
  GArray *members;
} CsmQaIqsRow;

GPtrArray *csm_qa_iqs_compute (GPtrArray     *reviews,
                               CsmQaGrouping  grouping,
                               GHashTable    *queues,
                               gint64         from,
                               gint64         to);
GPtrArray *csm_qa_iqs_trend   (GPtrArray     *reviews,
                               CsmQaGrouping  grouping,
                               const char    *group,
                               GHashTable    *queues,
                               gint64         from,
                               gint64         to,
                               gint64         step);
void       csm_qa_iqs_row_free (CsmQaIqsRow  *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmQaIqsRow, csm_qa_iqs_row_free)

G_END_DECLS
