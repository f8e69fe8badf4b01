/* csm-quality-page-private.h: what the Quality page's files share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-calibration-view.h"
#include "csm-consistency-view.h"
#include "csm-disputes-view.h"
#include "csm-draft-store.h"
#include "csm-quality-page.h"
#include "csm-quality-results.h"
#include "csm-review-form.h"
#include "csm-sampling-view.h"
#include "csm-ticket-view.h"
#include "csm-transcript-loader.h"
#include "csm-training-view.h"
#include "csm-transcript-view.h"
#include "csm-workspace.h"

G_BEGIN_DECLS

struct _CsmQualityPage
{
  CsmPage parent_instance;

  CsmTicketView *view;              /* (owned): resolved conversations */
  GtkSingleSelection *selection;    /* (owned) */
  CsmTranscriptLoader *loader;      /* (owned) (nullable) */
  GCancellable *load_cancellable;   /* (owned) (nullable): the transcript being read */
  gint64 ticket_id;                 /* the conversation shown, 0: none */
  gboolean transcript_shown;
  char *search;                     /* (owned) (nullable): casefolded */
  GHashTable *badges;               /* CsmTicket * → its bound row's badge GtkLabel */
  gboolean show_personal_data;

  /* The workspace side (csm-quality-page-workspace.c). */
  CsmWorkspace *workspace;          /* (owned) (nullable) */
  CsmDraftStore *drafts;            /* (owned) (nullable) */
  GCancellable *cancellable;        /* (owned): the page's workspace calls */
  gboolean opening;
  gboolean submitting;              /* a submission waits for its answer */
  gboolean dirty;                   /* the form differs from what was last submitted */
  char *me;                         /* (owned) (nullable): the reviewer */
  CsmQaScorecard *scorecard;        /* (owned) (nullable): what new reviews score on */
  GPtrArray *scorecards;            /* (owned) (nullable) */
  GHashTable *draft_by_conversation;  /* conversation → CsmQaReview (owned) */
  GPtrArray *reviews;               /* (owned) (nullable): CsmQaReview, as the workspace shows */
  GHashTable *my_score;             /* conversation → double *: my latest review's score */
  GHashTable *assigned;             /* (nullable) conversation → who assigned it to me */
  guint pending;
  guint refused;
  char *refusal;                    /* (owned) (nullable): why the latest refused one was */
  guint retry_source;
  char *status;                     /* (owned) (nullable) */
  char *calibrating;                /* (owned) (nullable): the calibration session the
                                     * form's reviews are for */
  gint64 calibrating_id;            /* the conversation they are for */
  gboolean ready;

  GtkLabel *workspace_label;
  GtkRevealer *banner;
  GtkLabel *banner_label;
  GtkButton *banner_button;
  GtkButton *banner_discard;
  GtkStack *views;
  GtkStackSwitcher *view_switcher;
  GtkCheckButton *personal_check;
  GtkButton *edit_scorecard_button;
  GtkMenuButton *assign_button;
  GtkPopover *assign_popover;
  GtkLabel *assign_label;
  GtkEntry *assign_entry;
  GtkSpinButton *assign_due_spin;
  GtkSearchEntry *search_entry;
  GtkDropDown *show_dropdown;
  GtkLabel *count_label;
  GtkListView *conversations_view;
  CsmTranscriptView *transcript_view;
  GtkStack *form_stack;
  AdwStatusPage *form_status;
  CsmReviewForm *review_form;
  CsmQualityResults *results;
  CsmCalibrationView *calibration_view;
  CsmSamplingView *sampling_view;
  CsmDisputesView *disputes_view;
  CsmTrainingView *training_view;
  CsmConsistencyView *consistency_view;
  GSettings *watched_settings;      /* (owned) (nullable): whose dispute window is followed */
};

/* csm-quality-page.c */
char    *csm_quality_page_draft_key          (const char     *conversation,
                                              const char     *session);
void     csm_quality_page_load_transcript    (CsmQualityPage *self);

/* csm-quality-page-actions.c */
void     csm_quality_page_install_actions    (GtkWidgetClass *widget_class);

/* csm-quality-page-workspace.c */
void     csm_quality_page_open_workspace     (CsmQualityPage *self);
void     csm_quality_page_close_workspace    (CsmQualityPage *self);
char    *csm_quality_page_wanted_location    (CsmQualityPage *self);
void     csm_quality_page_save_draft         (CsmQualityPage *self);
void     csm_quality_page_list_reviews       (CsmQualityPage *self);
CsmQaScorecard *csm_quality_page_find_scorecard (const char *name,
                                                 int         version,
                                                 gpointer    user_data);
void     csm_quality_page_refresh_scorecards (CsmQualityPage *self);
void     csm_quality_page_take_scorecard     (CsmQualityPage *self,
                                              CsmQaScorecard *stored);

/* csm-quality-page-assign.c */
void        csm_quality_page_list_assignments (CsmQualityPage *self);
void        csm_quality_page_update_assign    (CsmQualityPage *self);
void        csm_quality_page_assign           (CsmQualityPage *self);
const char *csm_quality_page_is_assigned      (CsmQualityPage *self,
                                               const char     *conversation);

/* csm-quality-page-calibration.c */
void     csm_quality_page_share_workspace    (CsmQualityPage *self);
void     csm_quality_page_share_reviews      (CsmQualityPage *self);
void     csm_quality_page_share_awaiting     (CsmQualityPage *self);
void     csm_quality_page_assign_training    (CsmQualityPage *self,
                                              const char     *agent,
                                              const char     *category);

/* csm-quality-page-submit.c */
void     csm_quality_page_submit             (CsmQualityPage *self);
void     csm_quality_page_deliver            (CsmQualityPage *self);
void     csm_quality_page_retry_refused      (CsmQualityPage *self);
void     csm_quality_page_discard_refused    (CsmQualityPage *self);
void     csm_quality_page_show_form          (CsmQualityPage *self,
                                              CsmTicket      *ticket);
void     csm_quality_page_set_status         (CsmQualityPage *self,
                                              const char     *status);
void     csm_quality_page_update_results     (CsmQualityPage *self);
void     csm_quality_page_update_badges      (CsmQualityPage *self);
void     csm_quality_page_update_actions     (CsmQualityPage *self);
gboolean csm_quality_page_may_unmask         (CsmQualityPage *self);
gboolean csm_quality_page_may_review         (CsmQualityPage *self);
char    *csm_quality_page_shown_text         (CsmQualityPage *self,
                                              const char     *text,
                                              guint          *n_masked);
void     csm_quality_page_show_banner        (CsmQualityPage *self,
                                              const char     *text,
                                              const char     *button,
                                              const char     *action);

G_END_DECLS
