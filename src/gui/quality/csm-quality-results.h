/* csm-quality-results.h: IQS for a period by agent, queue, category or reviewer, its trend, the reviews behind it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CSM_TYPE_QUALITY_RESULTS (csm_quality_results_get_type ())

G_DECLARE_FINAL_TYPE (CsmQualityResults, csm_quality_results, CSM, QUALITY_RESULTS, GtkWidget)

void        csm_quality_results_set_reviews (CsmQualityResults *self,
                                             GPtrArray         *reviews,
                                             GHashTable        *queues,
                                             gint64             now);
void        csm_quality_results_set_may_assign (CsmQualityResults *self,
                                                gboolean           may_assign);
const char *csm_quality_results_get_iqs_text (CsmQualityResults *self);

G_END_DECLS
