/* csm-reports-page-show.c: putting a counted report on the Reports page, what is in view first.
 *
 * The frame after a report arrives should show it. What is on screen is
 * filled at once: the period, the tiles, and each chart, table or the
 * friction section that lies in the page's view. The parts out of view
 * (the agents' table alone costs GTK 4.8 some 8 ms for 500 agents) are
 * filled just after that frame is painted, from an idle source; scrolling
 * before then fills them at once, so none is ever seen stale. Until they
 * are filled, csm_reports_page_is_counting() stays true.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-reports-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-enums.h"
#include "csm-in-view.h"
#include "csm-reports-page-private.h"

/* How long the parts out of view wait for a frame, at most. */
#define LATER_AT_MOST_MS 250

static void
update_tiles (CsmReportsPage *self)
{
  g_autofree char *previous_name = csm_reports_page_dup_period_name (self, TRUE);

  for (guint i = 0; i < CSM_KPI_COUNT; i++)
    csm_kpi_tile_update (self->tiles[i], self->report->total, self->report->previous,
                         &self->options, self->statistic, previous_name);
}

/**
 * csm_reports_page_show_groups:
 *
 * Fills the second table with the queues or the channels, as chosen.
 */
void
csm_reports_page_show_groups (CsmReportsPage *self)
{
  static const CsmKpi columns[] = {
    CSM_KPI_CREATED, CSM_KPI_RESOLVED, CSM_KPI_FRT, CSM_KPI_ART, CSM_KPI_FCR, CSM_KPI_CSAT,
    CSM_KPI_NPS, CSM_KPI_CES, CSM_KPI_BACKLOG, CSM_KPI_SLA,
  };

  /* Columns are made once for each kind of group: remaking them costs
   * GTK 4.8 a new row for every group. */
  if (csm_kpi_table_get_grouping (self->groups_table) != self->groups)
    csm_kpi_table_set_columns (self->groups_table, self->groups, columns, G_N_ELEMENTS (columns));
  gtk_label_set_text (self->groups_title, self->groups == CSM_KPI_GROUP_CHANNEL
                                          ? _("By Channel") : _("By Queue"));
  if (self->report == NULL)
    return;
  self->later_parts &= ~CSM_REPORTS_PART_GROUPS;
  csm_kpi_table_set_rows (self->groups_table, self->groups == CSM_KPI_GROUP_CHANNEL
                                              ? self->report->by_channel
                                              : self->report->by_queue,
                          &self->options, self->statistic);
}

static void
update_notice (CsmReportsPage *self)
{
  GSettings *settings = csm_page_get_settings (CSM_PAGE (self));
  g_autoptr(GString) notice = g_string_new (NULL);
  guint csat = 0, nps = 0, ces = 0, channel = 0;

  csm_kpi_facts_count_fields (self->facts, &csat, &nps, &ces, &channel);
  if (self->problem != NULL)
    g_string_append (notice, self->problem);
  {
    const guint counts[] = { csat, nps, ces };
    const char *names[] = { self->options.csat_field, self->options.nps_field,
                            self->options.ces_field };

    for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
      if (counts[i] == 0)
        {
          g_string_append_printf (notice, "%s", notice->len > 0 ? " " : "");
          /* Translators: the name of a ticket custom field */
          g_string_append_printf (notice, _("No ticket has an answer in the custom field “%s”; "
                                            "if your helpdesk names it differently, set its name "
                                            "in Preferences, Reports."), names[i]);
        }
  }
  if (channel == 0)
    g_string_append_printf (notice, "%s%s", notice->len > 0 ? " " : "",
                            _("No ticket has a channel, so every ticket counts under “No "
                              "channel”; the field’s name is in Preferences, Reports."));
  if (self->options.policy == NULL || csm_sla_policy_is_empty (self->options.policy))
    g_string_append_printf (notice, "%s%s", notice->len > 0 ? " " : "",
                            _("SLA attainment needs the SLA levels, which are described in "
                              "Preferences, SLA."));
  if (settings != NULL &&
      g_settings_get_enum (settings, "kpi-time-basis") == CSM_KPI_TIME_BUSINESS &&
      self->options.hours == NULL)
    g_string_append_printf (notice, "%s%s", notice->len > 0 ? " " : "",
                            _("Business hours were asked for, but the SLA levels in the "
                              "preferences describe none: times are in calendar time."));
  if (self->history_from != 0 && self->report->previous_bounds->len > 0 &&
      g_array_index (self->report->previous_bounds, gint64, 0) < self->history_from)
    {
      g_autoptr(GDateTime) since = g_date_time_new_from_unix_local (self->history_from);
      g_autofree char *day = g_date_time_format (since, "%x");

      g_string_append_printf (notice, "%s", notice->len > 0 ? " " : "");
      /* Translators: %s is a date; the history kept is set in Preferences, Sync */
      g_string_append_printf (notice, _("The console keeps resolved tickets from %s on "
                                        "(Preferences, Sync, History): figures before that "
                                        "miss the tickets resolved then."), day);
    }
  csm_reports_page_set_notice (self, notice->str);
}

/* Fills @parts from the report shown. */
static void
show_parts (CsmReportsPage *self,
            guint           parts)
{
  if (parts & CSM_REPORTS_PART_AGENTS)
    csm_kpi_table_set_rows (self->agents_table, self->report->by_agent, &self->options,
                            self->statistic);
  if (parts & CSM_REPORTS_PART_GROUPS)
    csm_reports_page_show_groups (self);
  csm_reports_page_update_charts (self, parts & ~(CSM_REPORTS_PART_AGENTS |
                                                  CSM_REPORTS_PART_GROUPS));
  if (parts & CSM_REPORTS_PART_FRICTION)
    csm_reports_page_update_friction (self);
}

/**
 * csm_reports_page_forget_later_parts:
 *
 * Stops waiting to fill the parts out of view (the page goes, or a new
 * report takes their place).
 */
void
csm_reports_page_forget_later_parts (CsmReportsPage *self)
{
  if (self->later_paint_id != 0)
    g_signal_handler_disconnect (self->later_clock, self->later_paint_id);
  self->later_paint_id = 0;
  g_clear_object (&self->later_clock);
  g_clear_handle_id (&self->later_source, g_source_remove);
  self->later_parts = 0;
  g_clear_pointer (&self->retired_report, csm_kpi_report_free);
  g_clear_pointer (&self->retired_facts, csm_kpi_facts_unref);
  g_clear_pointer (&self->retired_histories, g_hash_table_unref);
}

/**
 * csm_reports_page_show_later_parts:
 *
 * Fills the parts out of view now, if any wait.
 */
void
csm_reports_page_show_later_parts (CsmReportsPage *self)
{
  guint parts = self->later_parts;

  csm_reports_page_forget_later_parts (self);
  if (parts != 0 && self->report != NULL)
    show_parts (self, parts);
}

static gboolean
later_cb (gpointer user_data)
{
  CsmReportsPage *self = user_data;

  self->later_source = 0;
  csm_reports_page_show_later_parts (self);
  return G_SOURCE_REMOVE;
}

/* The frame showing the report is painted: the rest follows when the main
 * loop is idle, not before it. */
static void
after_paint_cb (GdkFrameClock  *clock,
                CsmReportsPage *self)
{
  g_signal_handler_disconnect (self->later_clock, self->later_paint_id);
  self->later_paint_id = 0;
  g_clear_object (&self->later_clock);
  g_clear_handle_id (&self->later_source, g_source_remove);
  self->later_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, later_cb, self, NULL);
  g_source_set_name_by_id (self->later_source, "[csm] reports page, parts out of view");
}

/* Waits for the next frame's after-paint (at most LATER_AT_MOST_MS), then
 * for the main loop to be idle; FALSE if no frame will come. */
static gboolean
wait_for_frame (CsmReportsPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->later_paint_id != 0 || self->later_source != 0)
    return TRUE;
  if (clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;
  self->later_clock = g_object_ref (clock);
  self->later_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), self);
  /* A window that paints no frame (iconified) still gets them. */
  self->later_source = g_timeout_add (LATER_AT_MOST_MS, later_cb, self);
  g_source_set_name_by_id (self->later_source, "[csm] reports page, parts out of view");
  return TRUE;
}

/**
 * csm_reports_page_retire:
 * @report: (transfer full) (nullable): the report shown before
 * @facts: (transfer full) (nullable): its facts
 * @histories: (transfer full) (nullable): its histories
 *
 * Frees what the page showed before once the frame showing the new report
 * is painted: freeing some 100 MB gives memory back to the system, and
 * that frame's pictures would then be drawn into fresh pages (the
 * kernel's page faults took most of such a frame).
 */
void
csm_reports_page_retire (CsmReportsPage *self,
                         CsmKpiReport   *report,
                         CsmKpiFacts    *facts,
                         GHashTable     *histories)
{
  g_clear_pointer (&self->retired_report, csm_kpi_report_free);
  g_clear_pointer (&self->retired_facts, csm_kpi_facts_unref);
  g_clear_pointer (&self->retired_histories, g_hash_table_unref);
  self->retired_report = report;
  self->retired_facts = facts;
  self->retired_histories = histories;
  if ((report != NULL || facts != NULL || histories != NULL) && !wait_for_frame (self))
    csm_reports_page_forget_later_parts (self);
}

static GtkWidget *
part_widget (CsmReportsPage *self,
             guint           part)
{
  if (part == CSM_REPORTS_PART_AGENTS)
    return GTK_WIDGET (self->agents_table);
  if (part == CSM_REPORTS_PART_GROUPS)
    return GTK_WIDGET (self->groups_table);
  if (part == CSM_REPORTS_PART_FRICTION)
    return self->friction_box;
  for (guint i = 0; i < CSM_REPORTS_N_CHARTS; i++)
    if (part == 1u << i)
      return GTK_WIDGET (self->charts[i]);
  g_return_val_if_reached (NULL);
}

/**
 * csm_reports_page_show_report:
 *
 * Puts the report counted last on the page: what is in view at once, the
 * rest just after the frame that shows it (see above).
 */
void
csm_reports_page_show_report (CsmReportsPage *self)
{
  g_autoptr(GDateTime) first = g_date_time_new_from_unix_local (self->report->from);
  g_autoptr(GDateTime) last = g_date_time_new_from_unix_local (self->report->to - 1);
  g_autofree char *first_text = g_date_time_format (first, "%x");
  g_autofree char *last_text = g_date_time_format (last, "%x");
  g_autofree char *period_text = NULL;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  /* Laid out and on screen: otherwise nothing can be told out of view. */
  gboolean sorting = clock != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
                     g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "content") == 0;
  guint now = 0, later = 0;

  period_text = g_strcmp0 (first_text, last_text) == 0
                ? g_strdup (first_text)
                /* Translators: a range of days, "1/11/2026 – 30/11/2026" */
                : g_strdup_printf (_("%s – %s"), first_text, last_text);
  gtk_label_set_text (self->period_label, period_text);
  update_tiles (self);

  csm_reports_page_forget_later_parts (self);
  for (guint part = 1; part != 0 && part <= CSM_REPORTS_ALL_PARTS; part <<= 1)
    {
      if (!sorting || csm_widget_in_view (part_widget (self, part)))
        now |= part;
      else
        later |= part;
    }
  show_parts (self, now);
  update_notice (self);
  gtk_stack_set_visible_child_name (self->stack, "content");
  csm_reports_page_update_actions (self);

  if (later != 0)
    {
      self->later_parts = later;
      wait_for_frame (self);
    }
  g_debug ("Report shown: parts in view 0x%x, after the frame 0x%x", now, later);
}
