/* csm-formula-popover.c: the popover that says how a figure is counted, shared by every page.
 *
 * Every figure the console shows can say where it comes from: the rule
 * (from core, with the settings in use) and, where a row is selected, what
 * was counted for it. The text is selectable, so it can be pasted into a
 * discussion about the number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-formula-popover"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-formula-popover.h"

struct _CsmFormulaPopover
{
  GtkPopover parent_instance;

  GtkScrolledWindow *scrolled;
  GtkBox *box;
  CsmFormulaFill fill;
  gpointer fill_data;            /* (unowned): lives as long as the popover's parent */
};

G_DEFINE_FINAL_TYPE (CsmFormulaPopover, csm_formula_popover, GTK_TYPE_POPOVER)

void
csm_formula_popover_clear (CsmFormulaPopover *self)
{
  GtkWidget *child;

  g_return_if_fail (CSM_IS_FORMULA_POPOVER (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);
}

/**
 * csm_formula_popover_add:
 * @heading: (nullable): what the text is about, e.g. a column's title
 * @text: the rule and what was counted
 */
void
csm_formula_popover_add (CsmFormulaPopover *self,
                         const char        *heading,
                         const char        *text)
{
  GtkWidget *label;

  g_return_if_fail (CSM_IS_FORMULA_POPOVER (self));

  if (heading != NULL)
    {
      GtkWidget *title = gtk_label_new (heading);

      gtk_widget_add_css_class (title, "heading");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      if (gtk_widget_get_first_child (GTK_WIDGET (self->box)) != NULL)
        gtk_widget_set_margin_top (title, 6);
      gtk_box_append (self->box, title);
    }
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (self->box, label);
}

/**
 * csm_formula_popover_dup_text:
 *
 * Returns: (transfer full): what the popover shows, a paragraph a line
 */
char *
csm_formula_popover_dup_text (CsmFormulaPopover *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (CSM_IS_FORMULA_POPOVER (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (child)));
  return g_string_free (text, FALSE);
}

/**
 * csm_formula_popover_set_fill:
 * @fill: (nullable): called each time the popover opens
 * @user_data: for @fill; must outlive the popover
 */
void
csm_formula_popover_set_fill (CsmFormulaPopover *self,
                              CsmFormulaFill     fill,
                              gpointer           user_data)
{
  g_return_if_fail (CSM_IS_FORMULA_POPOVER (self));

  self->fill = fill;
  self->fill_data = user_data;
}

static void
csm_formula_popover_show (GtkWidget *widget)
{
  CsmFormulaPopover *self = CSM_FORMULA_POPOVER (widget);

  if (self->fill != NULL)
    {
      csm_formula_popover_clear (self);
      self->fill (self, self->fill_data);
    }
  GTK_WIDGET_CLASS (csm_formula_popover_parent_class)->show (widget);
}

static void
csm_formula_popover_class_init (CsmFormulaPopoverClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->show = csm_formula_popover_show;
}

static void
csm_formula_popover_init (CsmFormulaPopover *self)
{
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_widget_set_margin_top (GTK_WIDGET (self->box), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->box), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self->box), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->box), 6);

  /* All of a page's rules at once can be taller than the window. */
  self->scrolled = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->scrolled, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (self->scrolled, 560);
  gtk_scrolled_window_set_propagate_natural_height (self->scrolled, TRUE);
  gtk_scrolled_window_set_child (self->scrolled, GTK_WIDGET (self->box));
  gtk_popover_set_child (GTK_POPOVER (self), GTK_WIDGET (self->scrolled));
}

GtkWidget *
csm_formula_popover_new (void)
{
  return g_object_new (CSM_TYPE_FORMULA_POPOVER, NULL);
}

/**
 * csm_formula_button_new:
 * @fill: fills the popover each time it opens
 * @user_data: for @fill; must outlive the button
 *
 * Returns: (transfer floating): an information button that opens a
 *   formula popover
 */
GtkWidget *
csm_formula_button_new (CsmFormulaFill fill,
                        gpointer       user_data)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = csm_formula_popover_new ();

  csm_formula_popover_set_fill (CSM_FORMULA_POPOVER (popover), fill, user_data);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "dialog-information-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("How Is This Counted?"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("How Is This Counted?"), -1);
  return button;
}
