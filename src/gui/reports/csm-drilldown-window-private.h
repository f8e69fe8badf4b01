/* csm-drilldown-window-private.h: the drill-down window's insides, shared by the window and its actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-drilldown-window.h"
#include "csm-kpi.h"

G_BEGIN_DECLS

/* How many columns the window knows (DrillColumn in the .c file). */
#define CSM_DRILLDOWN_N_COLUMNS 18

/* What a column's cells and sorter need to know: the window's clock and
 * options. Lives in the window, which outlives its columns. */
typedef struct
{
  CsmDrilldownWindow *self;   /* (unowned) */
  guint column;
} CsmDrilldownColumnData;

struct _CsmDrilldownWindow
{
  AdwWindow parent_instance;

  GPtrArray *tickets;                 /* (owned) (element-type CsmTicket): as given */
  CsmKpiPopulation population;
  CsmKpiOptions options;
  gint64 now;
  GtkSortListModel *sorted;           /* (owned) */
  GtkSingleSelection *selection;      /* (owned) */
  GtkColumnViewColumn *column_objects[CSM_DRILLDOWN_N_COLUMNS];   /* (unowned): NULL if not shown */
  CsmDrilldownColumnData column_data[CSM_DRILLDOWN_N_COLUMNS];
  GtkFileChooserNative *chooser;      /* (owned) (nullable): while choosing an export file */
  CsmExportFormat chooser_format;
  GCancellable *cancellable;          /* (owned): exports under way */

  /* template */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkMenuButton *export_button;
  GtkStack *stack;
  GtkLabel *explanation_label;
  GtkColumnView *column_view;
  AdwStatusPage *empty_page;
};

void  csm_drilldown_window_update_actions      (CsmDrilldownWindow *self);
void  csm_drilldown_window_class_actions_init  (GtkWidgetClass     *widget_class);

G_END_DECLS
