/* csm-training-dialog.h: a lead assigns a training module by hand, or adds or changes a module or a rule of the catalog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-clock.h"
#include "csm-workspace.h"

G_BEGIN_DECLS

#define CSM_TYPE_TRAINING_DIALOG (csm_training_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CsmTrainingDialog, csm_training_dialog, CSM, TRAINING_DIALOG, AdwWindow)

CsmTrainingDialog *csm_training_dialog_new_assign (CsmWorkspace             *workspace,
                                                   const CsmTrainingCatalog *catalog,
                                                   const char * const       *agents,
                                                   const char               *agent,
                                                   const char               *category,
                                                   gint64                    now);
CsmTrainingDialog *csm_training_dialog_new_module (CsmWorkspace             *workspace,
                                                   const CsmTrainingModule  *module,
                                                   const char * const       *categories,
                                                   gint64                    now);
CsmTrainingDialog *csm_training_dialog_new_rule   (CsmWorkspace             *workspace,
                                                   const CsmTrainingCatalog *catalog,
                                                   const CsmTrainingRule    *rule,
                                                   const char * const       *categories,
                                                   gint64                    now);

void               csm_training_dialog_set_clock  (CsmTrainingDialog        *self,
                                                   CsmClock                 *clock);

G_END_DECLS
