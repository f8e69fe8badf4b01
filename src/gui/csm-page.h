/* csm-page.h: the base of every page: its context, "now" from the clock, following the engine, catching up when shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-context.h"

G_BEGIN_DECLS

#define CSM_TYPE_PAGE (csm_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (CsmPage, csm_page, CSM, PAGE, GtkWidget)

/**
 * CsmPageClass:
 * @engine_changed: the context, or its engine, changed: the page's signal
 *   and binding groups already follow the new one; show what it holds
 * @catch_up: something the page shows changed (see csm_page_queue_update());
 *   called at once while the page is on screen, else when it is next shown
 * @tick: the clock moved on (each second while the console runs)
 */
struct _CsmPageClass
{
  GtkWidgetClass parent_class;

  void (*engine_changed) (CsmPage *self);
  void (*catch_up)       (CsmPage *self);
  void (*tick)           (CsmPage *self,
                          gint64   now);

  /*< private >*/
  gpointer padding[8];
};

CsmContext    *csm_page_get_context          (CsmPage *self);
void           csm_page_set_context          (CsmPage    *self,
                                              CsmContext *context);
CsmSyncEngine *csm_page_get_engine           (CsmPage *self);
GSettings     *csm_page_get_settings         (CsmPage *self);
gint64         csm_page_get_now              (CsmPage *self);

GSignalGroup  *csm_page_get_engine_signals   (CsmPage *self);
GBindingGroup *csm_page_get_engine_bindings  (CsmPage *self);
GSignalGroup  *csm_page_get_settings_signals (CsmPage *self);

void           csm_page_queue_update         (CsmPage *self);

G_END_DECLS
