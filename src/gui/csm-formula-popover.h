/* csm-formula-popover.h: the popover that says how a figure is counted, shared by every page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CSM_TYPE_FORMULA_POPOVER (csm_formula_popover_get_type ())

G_DECLARE_FINAL_TYPE (CsmFormulaPopover, csm_formula_popover, CSM, FORMULA_POPOVER, GtkPopover)

/**
 * CsmFormulaFill:
 * @popover: the popover about to be shown, emptied
 * @user_data: the data given with the function
 *
 * Adds the sections the popover shows, with csm_formula_popover_add(). The
 * numbers change while the console runs, so this runs each time it opens.
 */
typedef void (*CsmFormulaFill) (CsmFormulaPopover *popover,
                                gpointer           user_data);

GtkWidget *csm_formula_popover_new      (void);
void       csm_formula_popover_set_fill (CsmFormulaPopover *self,
                                         CsmFormulaFill     fill,
                                         gpointer           user_data);
void       csm_formula_popover_clear    (CsmFormulaPopover *self);
void       csm_formula_popover_add      (CsmFormulaPopover *self,
                                         const char        *heading,
                                         const char        *text);
char      *csm_formula_popover_dup_text (CsmFormulaPopover *self);

GtkWidget *csm_formula_button_new       (CsmFormulaFill     fill,
                                         gpointer           user_data);

G_END_DECLS
