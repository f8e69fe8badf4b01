/* csm-training-view-private.h: what the Training view's files share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-clock.h"
#include "csm-training-view.h"

G_BEGIN_DECLS

struct _CsmTrainingView
{
  GtkWidget parent_instance;

  CsmWorkspace *workspace;       /* (owned) (nullable) */
  char *me;
  GSettings *settings;           /* (owned) (nullable): when the last overdue summary was */
  GCancellable *cancellable;     /* (owned): the workspace's calls and the worker */
  CsmTrainingCatalog *catalog;   /* (owned) (nullable) */
  GPtrArray *assignments;        /* (owned) (nullable): CsmTrainingAssignment */
  GPtrArray *reviews;            /* (owned) (nullable): CsmQaReview */
  gint64 now;
  guint generation;              /* of the worker's input: older answers are dropped */
  gboolean computing;
  gboolean applying;
  gboolean recording;
  guint loading;                 /* the catalog and assignments being read */
  char *notified;                /* (owned) (nullable): the latest summary's title */
  char *error;                   /* (owned) (nullable): the last failure, until the next step */
  CsmClock *clock;               /* (owned) (nullable): the console's */
  CsmQaScorecard *scorecard;     /* (owned) (nullable): the current one, for its categories */

  /* What the worker computed for the current input. */
  GArray *effects;               /* (owned) (nullable): CsmTrainingEffect, as assignments */
  GPtrArray *module_effects;     /* (owned) (nullable): CsmTrainingModuleEffect */
  GHashTable *weakest;           /* (owned) (nullable): category → GPtrArray of CsmQaIqsRow */
  GHashTable *awaiting;          /* (owned) (nullable): agent → reviews still needed */
  char **categories;             /* (owned) (nullable): every category seen, sorted */

  GtkDropDown *filter_dropdown;
  GtkLabel *status_label;
  GtkButton *assign_button;
  GtkListBox *assignments_list;
  GtkButton *new_module_button;
  GtkLabel *effect_explained;
  GtkListBox *modules_list;
  GtkWidget *rules_header;
  GtkButton *new_rule_button;
  GtkListBox *rules_list;
  GtkWidget *weakest_header;
  GtkDropDown *category_dropdown;
  GtkListBox *weakest_list;
};

CsmWorkspacePermissions _csm_training_view_permissions      (CsmTrainingView *self);
gint64                  _csm_training_view_now              (CsmTrainingView *self);
void                    _csm_training_view_set_error        (CsmTrainingView *self,
                                                             const char      *message,
                                                             const char      *what);
void                    _csm_training_view_load             (CsmTrainingView *self);
void                    _csm_training_view_rebuild          (CsmTrainingView *self);
void                    _csm_training_view_rebuild_weakest  (CsmTrainingView *self);
int                     _csm_training_view_compare_names    (gconstpointer    a,
                                                             gconstpointer    b);
void                    _csm_training_view_install_actions  (GtkWidgetClass  *widget_class);

G_END_DECLS
