/* csm-training-rows.h: the Training view's rows: an assignment with its state and effect, a module with its mean effect, a rule with when it last fired, an agent weak in a category.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-qa-iqs.h"
#include "csm-training.h"

G_BEGIN_DECLS

/**
 * CsmTrainingRowRights:
 * @may_start: the viewer may record it started (their own)
 * @may_complete: the viewer may record it completed (their own, or a
 *   lead's anyone's)
 *
 * An assignment row's effect is %NULL while it is being measured.
 */
typedef struct
{
  gboolean may_start;
  gboolean may_complete;
} CsmTrainingRowRights;

char      *_csm_training_format_effect (const CsmTrainingAssignment *assignment,
                                        const CsmTrainingEffect     *effect,
                                        gboolean                    *good,
                                        gboolean                    *bad);
char      *_csm_training_format_day    (gint64                       instant);
GtkWidget *_csm_training_assignment_row (const CsmTrainingAssignment *assignment,
                                         const CsmTrainingEffect     *effect,
                                         const CsmTrainingModule     *module,
                                         gint64                       now,
                                         CsmTrainingRowRights         rights);
GtkWidget *_csm_training_module_row    (const CsmTrainingModule     *module,
                                        const CsmTrainingModuleEffect *effect,
                                        gboolean                     may_edit);
GtkWidget *_csm_training_rule_row      (const CsmTrainingRule       *rule,
                                        GPtrArray                   *assignments,
                                        GPtrArray                   *reviews,
                                        gboolean                     may_edit);
GtkWidget *_csm_training_weakest_row   (const CsmQaIqsRow           *row,
                                        const char                  *category,
                                        GPtrArray                   *assignments,
                                        gboolean                     may_assign);

G_END_DECLS
