/* csm-reports-page-show.c: putting a counted report on the Reports page, what is in view first.
 *
 * The frame after a report arrives should show it. What is on screen is
 * filled at once: the period, the tiles, and each chart, table or the
 * friction section that lies in the page's view. The parts out of view
 * (the agents' table alone costs GTK 4.8 some 8 ms for 500 agents) are
 * filled just after that frame is painted, one an idle step, and the report
 * shown before is freed last. A part that comes into view meanwhile is
 * filled before it is painted: scrolling fills them all at once, and after
 * each layout (the notice above changed, a table shrank, the window grew)
 * those now in view are filled in the same frame. Until they are filled,
 * csm_reports_page_is_counting() stays true.
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

static void
free_retired (CsmReportsPage *self)
{
  g_clear_pointer (&self->retired_report, csm_kpi_report_free);
  g_clear_pointer (&self->retired_facts, csm_kpi_facts_unref);
  g_clear_pointer (&self->retired_histories, g_hash_table_unref);
}

/* A destroyed window's frame clock has dropped every handler already. */
static void
disconnect_from_clock (CsmReportsPage *self,
                       gulong         *id)
{
  if (*id != 0 && self->later_clock != NULL &&
      g_signal_handler_is_connected (self->later_clock, *id))
    g_signal_handler_disconnect (self->later_clock, *id);
  *id = 0;
}

static void
stop_watching_clock (CsmReportsPage *self)
{
  disconnect_from_clock (self, &self->later_paint_id);
  disconnect_from_clock (self, &self->later_layout_id);
  g_clear_object (&self->later_clock);
}

/**
 * csm_reports_page_forget_later_parts:
 *
 * Stops waiting to fill the parts out of view, and frees the report shown
 * before (the page goes, or a new report takes their place).
 */
void
csm_reports_page_forget_later_parts (CsmReportsPage *self)
{
  stop_watching_clock (self);
  g_clear_handle_id (&self->later_source, g_source_remove);
  self->later_parts = 0;
  free_retired (self);
}

static GtkWidget *part_widget (CsmReportsPage *self,
                               guint           part);

/* Fills those of @parts that wait. */
static void
fill_parts (CsmReportsPage *self,
            guint           parts)
{
  parts &= self->later_parts;
  if (parts == 0)
    return;
  self->later_parts &= ~parts;
  if (self->later_parts == 0)
    disconnect_from_clock (self, &self->later_layout_id);
  if (self->report != NULL)
    show_parts (self, parts);
}

/**
 * csm_reports_page_show_later_parts:
 *
 * Fills every part out of view now, if any wait (the page scrolled); the
 * report shown before is still freed after the frame.
 */
void
csm_reports_page_show_later_parts (CsmReportsPage *self)
{
  fill_parts (self, self->later_parts);
}

/* One step of the work after the frame: a part at a time, then the report
 * shown before, so that no step keeps the main loop long. */
static gboolean
later_step_cb (gpointer user_data)
{
  CsmReportsPage *self = user_data;

  if (self->later_parts != 0)
    {
      fill_parts (self, self->later_parts & (~self->later_parts + 1));
      return G_SOURCE_CONTINUE;
    }
  self->later_source = 0;
  free_retired (self);
  stop_watching_clock (self);
  return G_SOURCE_REMOVE;
}

/* The frame showing the report is painted (or none came in time): the rest
 * follows when the main loop is idle, not before it. */
static void
start_steps (CsmReportsPage *self)
{
  disconnect_from_clock (self, &self->later_paint_id);
  g_clear_handle_id (&self->later_source, g_source_remove);
  self->later_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, later_step_cb, self, NULL);
  g_source_set_name_by_id (self->later_source, "[csm] reports page, parts out of view");
}

static void
after_paint_cb (GdkFrameClock  *clock,
                CsmReportsPage *self)
{
  start_steps (self);
}

static gboolean
no_frame_cb (gpointer user_data)
{
  CsmReportsPage *self = user_data;

  self->later_source = 0;
  start_steps (self);
  return G_SOURCE_REMOVE;
}

/* After GTK's own layout of a frame: a waiting part that has come into
 * view (the notice above went, a table shrank, the window grew) is filled
 * in this frame; GTK lays out again before it paints. */
static void
layout_cb (GdkFrameClock  *clock,
           CsmReportsPage *self)
{
  guint now = 0;

  for (guint part = 1; part != 0 && part <= self->later_parts; part <<= 1)
    if ((self->later_parts & part) && csm_widget_in_view (part_widget (self, part)))
      now |= part;
  fill_parts (self, now);
}

/* Waits for the next frame's after-paint (at most LATER_AT_MOST_MS), then
 * for the main loop to be idle, watching each layout meanwhile; FALSE if no
 * frame will come. */
static gboolean
wait_for_frame (CsmReportsPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->later_clock != NULL || self->later_source != 0)
    return TRUE;
  if (clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;
  self->later_clock = g_object_ref (clock);
  self->later_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), self);
  self->later_layout_id = g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), self);
  /* A window that paints no frame (iconified) still gets them. */
  self->later_source = g_timeout_add (LATER_AT_MOST_MS, no_frame_cb, self);
  g_source_set_name_by_id (self->later_source, "[csm] reports page, waiting for a frame");
  return TRUE;
}

/**
 * csm_reports_page_retire:
 * @report: (transfer full) (nullable): the report shown before
 * @facts: (transfer full) (nullable): its facts
 * @histories: (transfer full) (nullable): its histories
 *
 * Frees what the page showed before after the frame showing the new
 * report: freeing some 100 MB before it took time from the main loop, and
 * gave memory back that the frame then took again from the kernel.
 */
void
csm_reports_page_retire (CsmReportsPage *self,
                         CsmKpiReport   *report,
                         CsmKpiFacts    *facts,
                         GHashTable     *histories)
{
  free_retired (self);
  self->retired_report = report;
  self->retired_facts = facts;
  self->retired_histories = histories;
  if ((report != NULL || facts != NULL || histories != NULL) && !wait_for_frame (self))
    free_retired (self);
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
  /* Before the parts are sorted: the notice above them moves them. */
  update_notice (self);

  csm_reports_page_forget_later_parts (self);
  for (guint part = 1; part != 0 && part <= CSM_REPORTS_ALL_PARTS; part <<= 1)
    {
      if (!sorting || csm_widget_in_view (part_widget (self, part)))
        now |= part;
      else
        later |= part;
    }
  show_parts (self, now);
  gtk_stack_set_visible_child_name (self->stack, "content");
  csm_reports_page_update_actions (self);

  if (later != 0)
    {
      self->later_parts = later;
      wait_for_frame (self);
    }
  g_debug ("Report shown: parts in view 0x%x, after the frame 0x%x", now, later);
}
