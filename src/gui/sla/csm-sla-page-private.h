/* csm-sla-page-private.h: the SLA page's insides, shared by the page and its actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-attainment-table.h"
#include "csm-sla-lane.h"
#include "csm-sla-page.h"

G_BEGIN_DECLS

#define CSM_SLA_PAGE_N_LANES 3

struct _CsmSlaPage
{
  CsmPage parent_instance;

  CsmSlaMonitor *monitor;                /* (owned) (nullable): the context's */
  CsmOutbox *outbox;                     /* (owned) (nullable): the context's */
  GSignalGroup *monitor_signals;         /* (owned) */
  GSignalGroup *outbox_items_signals;    /* (owned) */
  GSignalGroup *agents_signals;          /* (owned): the engine's agents */
  GtkStringList *owner_labels;           /* (owned) */
  GPtrArray *owner_names;                /* (owned): parallel to owner_labels */
  GCancellable *cancellable;             /* (owned) */
  gint64 selected_ticket;
  gboolean shown;                        /* mapped at least once: the lanes are attached */

  /* template */
  CsmSlaLane *lanes[CSM_SLA_PAGE_N_LANES];
  GtkStack *stack;
  GtkLabel *policy_label;
  GtkRevealer *action_revealer;
  GtkLabel *selected_label;
  GtkDropDown *owner_dropdown;
  GtkDropDown *status_dropdown;
  GtkListBox *outbox_list;
  CsmAttainmentTable *attainment;
};

/* The statuses the page can set, in the order of its drop-down. */
extern const char * const csm_sla_page_status_values[4];

CsmSlaEntry *csm_sla_page_get_selected_entry   (CsmSlaPage   *self);
void         csm_sla_page_update_actions       (CsmSlaPage   *self);
void         csm_sla_page_class_actions_init   (GtkWidgetClass *widget_class);

G_END_DECLS
