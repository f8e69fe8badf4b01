/* csm-qa-margin.h: how precise an IQS is: its 95 % margin of error, the reviews a target margin needs, a weighted sample's unbiased mean.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CsmQaMargin:
 * @defined: whether there are two scores or more (one gives no spread)
 * @n: the scores
 * @mean: their mean
 * @sd: their sample standard deviation (n − 1)
 * @margin: half the width of the 95 % interval of the mean: "mean ±
 *   margin"
 */
typedef struct
{
  gboolean defined;
  guint n;
  double mean;
  double sd;
  double margin;
} CsmQaMargin;

double      csm_qa_t_quantile     (double        p,
                                   double        df);
CsmQaMargin csm_qa_margin         (const double *scores,
                                   guint         n,
                                   guint         population);
guint       csm_qa_reviews_needed (double        sd,
                                   double        margin,
                                   guint         population);
gboolean    csm_qa_weighted_mean  (const double *scores,
                                   const double *probabilities,
                                   guint         n,
                                   double       *mean);

G_END_DECLS
