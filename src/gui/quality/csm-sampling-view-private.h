/* csm-sampling-view-private.h: what the Sampling view's files share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-kpi.h"
#include "csm-qa-sample.h"
#include "csm-sampling-view.h"

G_BEGIN_DECLS

/* The qa-sample-mode setting's values, in the mode drop-down's order. */
extern const char * const _csm_sampling_modes[4];
/* The risk signals' names, in the order of #CsmQaRisk. */
extern const char * const _csm_sampling_risk_names[CSM_QA_N_RISKS];

struct _CsmSamplingView
{
  GtkWidget parent_instance;

  CsmWorkspace *workspace;        /* (owned) (nullable) */
  GSettings *settings;            /* (owned) (nullable) */
  CsmTranscriptLoader *loader;    /* (owned) (nullable) */
  GListModel *conversations;      /* (owned) (nullable): resolved tickets */
  GPtrArray *reviews;             /* (owned) (nullable) */
  GPtrArray *assignments;         /* (owned) (nullable) */
  GHashTable *histories;          /* (owned) (nullable): ticket id → CsmKpiHistory */
  GCancellable *cancellable;      /* (owned) */
  gint64 now;
  guint attempt;
  gboolean drawing;
  GPtrArray *tickets;             /* (owned) (nullable): the candidates' tickets */
  GArray *candidates;             /* CsmQaCandidate, pointing into @texts and @tickets */
  GPtrArray *texts;               /* (owned): what each candidate's customer wrote */
  GPtrArray *picks;               /* (owned) (nullable): CsmQaPick */
  GHashTable *read;               /* ticket id → what its customer wrote, as read */
  guint reading;                  /* the next transcript to read */
  GtkSpinButton *weight_spins[CSM_QA_N_RISKS];
  GtkSpinButton *long_spin;
  GtkEntry *words_entry;
  GtkEntry *new_entry;
  GtkCheckButton *after_check;
  GHashTable *awaiting;           /* (owned) (nullable): agent → reviews a training's effect needs */

  GtkSpinButton *quota_spin;
  GtkDropDown *period_dropdown;
  GtkDropDown *mode_dropdown;
  GtkMenuButton *weights_button;
  GtkPopover *weights_popover;
  GtkGrid *weights_grid;
  GtkSpinButton *target_spin;
  GtkLabel *explain_label;
  GtkLabel *precision_title;
  GtkListBox *precision_list;
  GtkLabel *picks_title;
  GtkListBox *picks_list;
  GtkBox *assign_box;
  GtkEntry *reviewer_entry;
  GtkSpinButton *due_spin;
  GtkLabel *status_label;
  GtkLabel *overdue_title;
  GtkListBox *overdue_list;
};

void _csm_sampling_view_read_weights    (CsmSamplingView  *self,
                                         CsmQaRiskWeights *weights,
                                         GStrv            *words);
void _csm_sampling_view_explain         (CsmSamplingView  *self);
void _csm_sampling_view_store_settings  (CsmSamplingView  *self);
void _csm_sampling_view_build_weights   (CsmSamplingView  *self);
void _csm_sampling_view_load_settings   (CsmSamplingView  *self);

G_END_DECLS
