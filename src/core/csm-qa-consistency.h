/* csm-qa-consistency.h: how consistent a team is: the spread of agents' category IQS, week by week.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-qa-review.h"

G_BEGIN_DECLS

/**
 * CsmQaConsistencyRow:
 * @category: the category
 * @week: the week's first instant, Monday 00:00 in the time zone given
 * @agents: the agents with at least one review rating the category that
 *   week (two or more: a week of one agent has no spread)
 * @mean: the mean of their category IQS
 * @sd: the population standard deviation of their category IQS
 * @min: the lowest
 * @max: the highest
 */
typedef struct
{
  char *category;
  gint64 week;
  guint agents;
  double mean;
  double sd;
  double min;
  double max;
} CsmQaConsistencyRow;

GPtrArray *csm_qa_consistency_compute   (GPtrArray  *reviews,
                                         gint64      from,
                                         gint64      to,
                                         GTimeZone  *tz);
void       csm_qa_consistency_row_free  (CsmQaConsistencyRow *row);
char      *csm_qa_consistency_to_json   (GPtrArray  *rows,
                                         GTimeZone  *tz);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmQaConsistencyRow, csm_qa_consistency_row_free)

G_END_DECLS
