/* csm-agents-page-actions.c: the Agents page's commands: what each column means, for the selected agent.
 *
 * Every column header has a menu item (agents.explain('<column>')) that
 * explains its formula with what was counted for the selected agent; the
 * toolbar's button shows every column's at once. The rules are core's
 * (csm_agent_board_dup_formula ()); the page adds where its thresholds are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-agents-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-agent-board.h"
#include "csm-agents-page-private.h"

/**
 * csm_agents_page_explain:
 * @column: a column id ("load", "occupancy", …)
 *
 * Returns: (transfer full): the column's formula and, for the selected
 *   agent, what was counted
 */
char *
csm_agents_page_explain (CsmAgentsPage *self,
                         const char    *column)
{
  CsmAgentStats *stats;
  g_autofree char *formula = NULL;
  g_autofree char *counted = NULL;
  GString *text;

  g_return_val_if_fail (CSM_IS_AGENTS_PAGE (self), NULL);

  if (self->monitor == NULL)
    return g_strdup ("");
  if (g_strcmp0 (column, "agent") == 0)
    return g_strdup (_("Agents are the members of the agents group named in the connection or, "
                       "without one, the helpdesk’s privileged users. Where RT does not list its "
                       "privileged users (Debian’s RT since 5.0.3+dfsg-3~deb12u7), they are the "
                       "privileged users who own a ticket or work on one they did not request."));

  /* The rule from core, with this agent's numbers from core: the page
   * only adds where the thresholds are. */
  stats = csm_agents_page_selected_stats (self);
  formula = csm_agent_board_dup_formula (column, csm_agent_monitor_get_options (self->monitor));
  text = g_string_new (formula);
  if (g_strcmp0 (column, "load") == 0)
    g_string_append_printf (text, _(" Over %u %% is shown as overloaded."),
                            csm_agents_page_threshold (self, "load-threshold"));
  else if (g_strcmp0 (column, "occupancy") == 0)
    g_string_append_printf (text, _(" Over %u %% is shown as a burnout risk."),
                            csm_agents_page_threshold (self, "occupancy-threshold"));
  if (stats != NULL)
    {
      counted = csm_agent_stats_dup_explanation (stats, column);
      g_string_append_printf (text, "\n\n%s: %s", csm_agent_stats_get_display_name (stats), counted);
    }
  else
    g_string_append (text, _("\n\nSelect an agent to see what was counted for them."));
  return g_string_free (text, FALSE);
}

static GtkWidget *
find_column_title (CsmAgentsPage *self,
                   const char    *column)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
  guint index = 0;
  GtkWidget *title;

  /* The header's children are the visible columns' titles, in order. */
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      if (g_strcmp0 (csm_agents_page_columns[i].id, column) == 0)
        break;
      if (gtk_column_view_column_get_visible (self->column_objects[i]))
        index++;
    }
  if (header == NULL)
    return NULL;
  title = gtk_widget_get_first_child (header);
  while (title != NULL && index-- > 0)
    title = gtk_widget_get_next_sibling (title);
  return title;
}

void
csm_agents_page_show_explanation (CsmAgentsPage *self,
                                  const char    *column)
{
  g_autofree char *text = NULL;
  GtkWidget *title;
  graphene_rect_t bounds;

  g_return_if_fail (CSM_IS_AGENTS_PAGE (self));

  text = csm_agents_page_explain (self, column);
  if (self->explanation != NULL)
    {
      gtk_popover_popdown (self->explanation);
      gtk_widget_unparent (GTK_WIDGET (self->explanation));
      g_clear_object (&self->explanation);
    }

  self->explanation = GTK_POPOVER (g_object_ref_sink (csm_formula_popover_new ()));
  for (guint i = 0; i < N_COLUMNS; i++)
    if (g_strcmp0 (csm_agents_page_columns[i].id, column) == 0)
      csm_formula_popover_add (CSM_FORMULA_POPOVER (self->explanation),
                               g_dpgettext2 (GETTEXT_PACKAGE, "column", csm_agents_page_columns[i].title), text);
  gtk_widget_set_parent (GTK_WIDGET (self->explanation), GTK_WIDGET (self->column_view));
  title = find_column_title (self, column);
  if (title != NULL && gtk_widget_compute_bounds (title, GTK_WIDGET (self->column_view), &bounds))
    {
      GdkRectangle rect = { (int) bounds.origin.x, (int) bounds.origin.y,
                            (int) bounds.size.width, (int) bounds.size.height };
      gtk_popover_set_pointing_to (self->explanation, &rect);
    }
  gtk_popover_set_position (self->explanation, GTK_POS_BOTTOM);
  gtk_popover_popup (self->explanation);
}

GtkPopover *
csm_agents_page_get_explanation_popover (CsmAgentsPage *self)
{
  g_return_val_if_fail (CSM_IS_AGENTS_PAGE (self), NULL);
  return self->explanation;
}

/* Every column's rule and count at once, one click from the toolbar. */
void
csm_agents_page_fill_explanations (CsmFormulaPopover *popover,
                                   gpointer           user_data)
{
  CsmAgentsPage *self = user_data;

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autofree char *text = csm_agents_page_explain (self, csm_agents_page_columns[i].id);
      csm_formula_popover_add (popover, g_dpgettext2 (GETTEXT_PACKAGE, "column", csm_agents_page_columns[i].title),
                               text);
    }
}

static void
explain_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  csm_agents_page_show_explanation (CSM_AGENTS_PAGE (widget), g_variant_get_string (parameter, NULL));
}

void
csm_agents_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "agents.explain", "s", explain_action);
}
