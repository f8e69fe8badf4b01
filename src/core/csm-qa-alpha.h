/* csm-qa-alpha.h: Krippendorff's α: how far reviewers agree beyond chance, with a bootstrap interval.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A cell of the reliability data with no value (not rated, or N/A). */
#define CSM_QA_ALPHA_MISSING G_MININT

/**
 * CsmQaAlphaLevel:
 * @CSM_QA_ALPHA_NOMINAL: values are names: any two different disagree alike
 *   (a binary category)
 * @CSM_QA_ALPHA_ORDINAL: values are ranks: a disagreement weighs by how
 *   many of the values given lie between them (3-, 4- and 5-point scales)
 * @CSM_QA_ALPHA_INTERVAL: values are numbers: a disagreement weighs by
 *   their squared difference
 */
typedef enum
{
  CSM_QA_ALPHA_NOMINAL,
  CSM_QA_ALPHA_ORDINAL,
  CSM_QA_ALPHA_INTERVAL,
} CsmQaAlphaLevel;

/**
 * CsmQaAlpha:
 * @defined: whether α is defined: at least one unit with two values, and
 *   not every value the same
 * @alpha: α, 1 for perfect agreement, 0 for agreement at chance (may be
 *   below 0)
 * @units: the units with at least two values (pairable), which alone count
 * @values: the values in those units
 * @interval: whether @low and @high are set (csm_qa_alpha_bootstrap())
 * @low: the 2.5th percentile of the resampled α
 * @high: the 97.5th percentile
 */
typedef struct
{
  gboolean defined;
  double alpha;
  guint units;
  guint values;
  gboolean interval;
  double low;
  double high;
} CsmQaAlpha;

CsmQaAlpha csm_qa_alpha           (const int       *data,
                                   guint            n_units,
                                   guint            n_observers,
                                   CsmQaAlphaLevel  level);
CsmQaAlpha csm_qa_alpha_bootstrap (const int       *data,
                                   guint            n_units,
                                   guint            n_observers,
                                   CsmQaAlphaLevel  level,
                                   guint            resamples,
                                   guint32          seed);

G_END_DECLS
