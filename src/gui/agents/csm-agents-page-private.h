/* csm-agents-page-private.h: the Agents page's insides, shared by the page and its actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-agent-detail.h"
#include "csm-agents-page.h"
#include "csm-formula-popover.h"

G_BEGIN_DECLS

typedef enum
{
  COLUMN_AGENT,
  COLUMN_PRESENCE,
  COLUMN_ACTIVE,
  COLUMN_CAPACITY,
  COLUMN_LOAD,
  COLUMN_HANDLE,
  COLUMN_REPLIES,
  COLUMN_OCCUPANCY,
  COLUMN_OLDEST,
  N_COLUMNS
} Column;

typedef struct
{
  const char *id;
  const char *title;
  gboolean expand;
  float xalign;
} ColumnInfo;

extern const ColumnInfo csm_agents_page_columns[N_COLUMNS];


struct _CsmAgentsPage
{
  CsmPage parent_instance;

  CsmAgentMonitor *monitor;         /* (owned) (nullable): the context's */
  GSignalGroup *monitor_signals;    /* (owned) */
  GtkCustomFilter *filter;          /* (owned) */
  GtkFilterListModel *filtered;     /* (owned) */
  GtkSortListModel *sorted;         /* (owned) */
  GtkSingleSelection *selection;    /* (owned) */
  GtkColumnViewColumn *column_objects[N_COLUMNS];
  GtkStringList *queue_names;       /* (owned) */
  GArray *queue_ids;                /* (owned): parallel to queue_names; [0] = 0, all */
  GtkPopover *explanation;          /* (owned) (nullable) */
  char *selected_name;              /* (owned) (nullable): kept across refreshes */
  char *filter_text;                /* (owned) (nullable) */
  gboolean shown;                   /* mapped at least once: the list has its rows */

  /* template */
  GtkStack *stack;
  GtkBox *toolbar;
  GtkSearchEntry *search_entry;
  GtkDropDown *presence_dropdown;
  GtkDropDown *queue_dropdown;
  GtkToggleButton *over_button;
  GtkDropDown *window_dropdown;
  GtkLabel *count_label;
  GtkColumnView *column_view;
  GtkStack *detail_stack;
  CsmAgentDetail *detail;
};

guint          csm_agents_page_threshold         (CsmAgentsPage     *self,
                                                  const char        *key);
CsmAgentStats *csm_agents_page_selected_stats    (CsmAgentsPage     *self);
void           csm_agents_page_fill_explanations (CsmFormulaPopover *popover,
                                                  gpointer           user_data);
void           csm_agents_page_class_actions_init (GtkWidgetClass   *widget_class);

G_END_DECLS
