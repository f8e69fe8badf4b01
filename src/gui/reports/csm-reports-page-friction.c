/* csm-reports-page-friction.c: the Reports page's friction list: each queue's and channel's satisfaction against effort, in words.
 *
 * High satisfaction with high effort is flagged as the process's problem,
 * not the agents'; every row opens the tickets behind its effort answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-reports-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-kpi-table.h"
#include "csm-reports-page-private.h"

/* A friction row takes another report's point in place: making the rows
 * again each report cost the frame that shows it some 20 ms of measuring. */
static void
friction_row_update (AdwActionRow         *row,
                     const CsmKpiFriction *point)
{
  g_autofree char *name = csm_kpi_group_name (point->grouping, point->group);
  g_autofree char *title = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *button = g_object_get_data (G_OBJECT (row), "tickets");
  gboolean flagged = point->quadrant == CSM_KPI_FRICTION_PROCESS ||
                     point->quadrant == CSM_KPI_FRICTION_BOTH;
  const char *verdict;

  switch (point->quadrant)
    {
    case CSM_KPI_FRICTION_PROCESS:
      verdict = _("customers like the agents, the process costs them effort");
      break;
    case CSM_KPI_FRICTION_BOTH:
      verdict = _("dissatisfied, and it costs them effort");
      break;
    case CSM_KPI_FRICTION_SERVICE:
      verdict = _("little effort, yet fewer satisfied: look at the answers themselves");
      break;
    case CSM_KPI_FRICTION_SMOOTH:
    default:
      verdict = _("satisfied, with little effort");
      break;
    }
  /* Translators: "Billing: customers like the agents, the process costs them effort" */
  title = g_strdup_printf (_("%s: %s"), name, verdict);
  /* Translators: "CSAT 88.0 % (25 answers) · CES 5.1 (20 answers)" */
  figures = g_strdup_printf (_("CSAT %.1f %% (%u answers) · CES %.1f (%u answers)"),
                             point->csat_percent, point->csat_responses, point->ces_mean,
                             point->ces_responses);
  /* The whole of it is also the tooltip. */
  tooltip = g_strdup_printf ("%s\n%s", title, figures);
  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) != 0)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (g_strcmp0 (adw_action_row_get_subtitle (row), figures) != 0)
    adw_action_row_set_subtitle (row, figures);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), tooltip);
  if (g_strcmp0 (adw_action_row_get_icon_name (row), flagged ? "dialog-warning-symbolic" : NULL))
    adw_action_row_set_icon_name (row, flagged ? "dialog-warning-symbolic" : NULL);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(sssi)",
                                    csm_kpi_get_key (CSM_KPI_CES),
                                    point->grouping == CSM_KPI_GROUP_CHANNEL ? "channel" : "queue",
                                    point->group, -1);
  /* Named once it has a target of the action's type. */
  if (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)) == NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "reports.drill-down");
}

static GtkWidget *
friction_row_new (void)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_("Tickets"));

  /* One line each: wrapped text is measured again at every report (two
   * lines for the title cost 5 ms of the main loop and 4 ms of the frame,
   * measured). The whole of it is also the tooltip. */
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("The tickets behind the effort answers"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "tickets", button);
  return row;
}

/**
 * csm_reports_page_update_friction:
 *
 * Gives the friction list the shown report's points, a row each.
 */
void
csm_reports_page_update_friction (CsmReportsPage *self)
{
  GPtrArray *points = self->report->friction;
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->friction_list));

  for (guint i = 0; i < points->len; i++)
    {
      GtkWidget *row = child;

      if (row == NULL)
        {
          row = friction_row_new ();
          gtk_list_box_append (self->friction_list, row);
        }
      friction_row_update (ADW_ACTION_ROW (row), g_ptr_array_index (points, i));
      child = gtk_widget_get_next_sibling (row);
    }
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_list_box_remove (self->friction_list, child);
      child = next;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->friction_list), points->len > 0);
  if (points->len == 0)
    gtk_label_set_text (self->friction_label,
                        _("No queue or channel has enough survey answers in the period to place "
                          "satisfaction against effort (5 CSAT and 5 CES answers each)."));
  else
    gtk_label_set_text (self->friction_label,
                        _("Satisfaction against effort, per queue and per channel. High "
                          "satisfaction with high effort (CSAT 80 % or more, CES 5 or more) points "
                          "at the process, not the agents."));
}
