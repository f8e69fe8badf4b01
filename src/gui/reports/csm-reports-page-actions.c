/* csm-reports-page-actions.c: the Reports page's actions: the tickets behind a figure, the custom range, the second table.
 *
 * reports.drill-down((sssi)) takes a KPI key, a grouping ("none",
 * "queue", "agent", "channel"), a group and a bucket (-1: the whole
 * period); reports.drill-down-previous the same, for the previous
 * period's bucket as it stood then (the dashed line);
 * reports.drill-down-other((sasi)) a KPI key, the groups drawn and a
 * bucket, for every other group of the report's grouping. The tickets are found on a worker thread by the same code that
 * counted them (csm_kpi_population()), from the facts the shown report was
 * counted from, so the list always has as many tickets as the figure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-reports-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-drilldown-window.h"
#include "csm-enums.h"
#include "csm-kpi-task.h"
#include "csm-reports-page-private.h"

typedef struct
{
  CsmReportsPage *self;      /* (owned) */
  CsmKpi kpi;
  CsmKpiGrouping grouping;
  char *group;
  GStrv except;              /* (nullable): every group but these */
  gint64 from;
  gint64 to;
  gint64 now;                /* as of when: the report's, or the previous period's */
} Drill;

static void
drill_free (Drill *drill)
{
  g_object_unref (drill->self);
  g_free (drill->group);
  g_strfreev (drill->except);
  g_free (drill);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Drill, drill_free)

static char *
drill_title (Drill *drill)
{
  g_autofree char *group = NULL;

  if (drill->grouping == CSM_KPI_GROUP_NONE)
    return g_strdup (csm_kpi_get_title (drill->kpi));
  group = drill->except != NULL ? g_strdup (C_("chart series", "Other"))
                                : csm_kpi_group_name (drill->grouping, drill->group);
  /* Translators: a figure and whose it is, "Resolved · Billing" */
  return g_strdup_printf (_("%s · %s"), csm_kpi_get_title (drill->kpi), group);
}

static char *
drill_when (Drill *drill)
{
  g_autoptr(GDateTime) first = g_date_time_new_from_unix_local (drill->from);
  g_autoptr(GDateTime) last = g_date_time_new_from_unix_local (drill->to - 1);
  gboolean one_day = g_date_time_get_day_of_year (first) == g_date_time_get_day_of_year (last) &&
                     g_date_time_get_year (first) == g_date_time_get_year (last);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (drill->to - drill->from <= 3600)
    {
      a = g_date_time_format (first, "%x %H:%M");
      b = g_date_time_format (last, "%H:%M");
    }
  else
    {
      a = g_date_time_format (first, "%x");
      b = one_day ? NULL : g_date_time_format (last, "%x");
    }
  return b != NULL ? g_strdup_printf (_("%s – %s"), a, b) : g_steal_pointer (&a);
}

static void
population_ready_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Drill) drill = user_data;
  CsmReportsPage *self = drill->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = csm_kpi_population_finish (result, &error);
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  CsmSyncEngine *engine = csm_page_get_engine (CSM_PAGE (self));
  CsmTicketList *list;
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *formula = NULL;
  GtkRoot *root;

  if (ids == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_label_set_text (self->status_label, error->message);
  if (ids == NULL || engine == NULL || self->report == NULL)
    return;
  list = csm_sync_engine_get_tickets (engine);
  for (guint i = 0; i < ids->len; i++)
    {
      CsmTicket *ticket = csm_ticket_list_lookup (list, g_array_index (ids, gint64, i));

      /* A ticket the helpdesk deleted since is no longer there to show. */
      if (ticket != NULL)
        g_ptr_array_add (tickets, g_object_ref (ticket));
    }
  title = drill_title (drill);
  when = drill_when (drill);
  /* Translators: "1/11/2026 – 7/11/2026 · 23 tickets" */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u ticket", "%s · %u tickets",
                                           tickets->len), when, tickets->len);
  formula = csm_kpi_dup_formula (drill->kpi, &self->options, self->statistic);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  gtk_window_present (GTK_WINDOW (csm_drilldown_window_new_full (GTK_IS_WINDOW (root)
                                                                 ? GTK_WINDOW (root) : NULL,
                                                                 title, subtitle, formula, tickets,
                                                                 csm_kpi_get_population (drill->kpi),
                                                                 &self->options,
                                                                 drill->now)));
}

/* Starts the drill-down into @kpi's tickets of @group (or of every group
 * but @except) in @bucket of the shown period, or of the previous one. */
static void
drill_down (CsmReportsPage     *self,
            const char         *key,
            CsmKpiGrouping      grouping,
            const char         *group,
            const char * const *except,
            int                 bucket,
            gboolean            previous)
{
  GArray *bounds;
  CsmKpiOptions options;
  Drill *drill;
  CsmKpi kpi;

  if (self->report == NULL || self->facts == NULL)
    return;
  bounds = previous ? self->report->previous_bounds : self->report->bounds;
  /* The previous period by bucket only: its whole would be the period as
   * it ended, where the tiles compare the same stretch of it. */
  if (!csm_kpi_from_key (key, &kpi) || bucket < (previous ? 0 : -1) ||
      (bucket >= 0 && (guint) bucket + 1 >= bounds->len))
    return;

  drill = g_new0 (Drill, 1);
  drill->self = g_object_ref (self);
  drill->kpi = kpi;
  drill->grouping = grouping;
  drill->group = g_strdup (group);
  drill->except = g_strdupv ((char **) except);
  drill->now = previous ? self->report->previous_now : self->report->now;
  drill->from = g_array_index (bounds, gint64, bucket < 0 ? 0 : (guint) bucket);
  drill->to = g_array_index (bounds, gint64, bucket < 0 ? bounds->len - 1 : (guint) bucket + 1);

  g_cancellable_cancel (self->drill_cancellable);
  g_clear_object (&self->drill_cancellable);
  self->drill_cancellable = g_cancellable_new ();
  options = self->options;
  options.group_by = drill->grouping;
  csm_kpi_population_async (self->facts, self->report_histories, &options,
                            csm_kpi_get_population (kpi), drill->from, drill->to,
                            drill->grouping == CSM_KPI_GROUP_NONE || except != NULL
                            ? NULL : drill->group,
                            except, drill->now, self->drill_cancellable, population_ready_cb,
                            drill);
}

/* "(sssi)": a KPI key, a grouping's nick, a group, a bucket. */
static void
drill_down_parameter (CsmReportsPage *self,
                      GVariant       *parameter,
                      gboolean        previous)
{
  g_autoptr(GEnumClass) groupings = g_type_class_ref (CSM_TYPE_KPI_GROUPING);
  const char *key, *grouping, *group;
  GEnumValue *found;
  int bucket;

  g_variant_get (parameter, "(&s&s&si)", &key, &grouping, &group, &bucket);
  found = g_enum_get_value_by_nick (groupings, grouping);
  if (found != NULL)
    drill_down (self, key, found->value, group, NULL, bucket, previous);
}

static void
drill_down_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  drill_down_parameter (CSM_REPORTS_PAGE (widget), parameter, FALSE);
}

static void
drill_down_previous_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  drill_down_parameter (CSM_REPORTS_PAGE (widget), parameter, TRUE);
}

static void
drill_down_other_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CsmReportsPage *self = CSM_REPORTS_PAGE (widget);
  const char *key;
  g_autofree const char **except = NULL;
  int bucket;

  g_variant_get (parameter, "(&s^a&si)", &key, &except, &bucket);
  if (self->report != NULL && self->options.group_by != CSM_KPI_GROUP_NONE)
    drill_down (self, key, self->options.group_by, NULL, except, bucket, FALSE);
}

static void
apply_range_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CsmReportsPage *self = CSM_REPORTS_PAGE (widget);
  GSettings *settings = csm_page_get_settings (CSM_PAGE (self));
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->range_from_entry));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->range_to_entry));
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  gint64 start, end;

  if (settings == NULL)
    return;
  if (!csm_kpi_period_range (CSM_KPI_PERIOD_CUSTOM, 0, tz, from, to, &start, &end))
    {
      gtk_label_set_text (self->range_error_label,
                          _("Write two days as YYYY-MM-DD, the first on or before the last."));
      gtk_widget_set_visible (GTK_WIDGET (self->range_error_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->range_error_label), FALSE);
  g_settings_delay (settings);
  g_settings_set_string (settings, "reports-custom-from", from);
  g_settings_set_string (settings, "reports-custom-to", to);
  g_settings_set_enum (settings, "reports-period", CSM_KPI_PERIOD_CUSTOM);
  g_settings_apply (settings);
  gtk_menu_button_popdown (self->range_button);
}

/**
 * csm_reports_page_update_actions:
 *
 * Drill-downs need a report.
 */
void
csm_reports_page_update_actions (CsmReportsPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.drill-down", self->report != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.drill-down-previous",
                                 self->report != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.drill-down-other",
                                 self->report != NULL);
}

void
csm_reports_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "reports.drill-down", "(sssi)",
                                   drill_down_action);
  gtk_widget_class_install_action (widget_class, "reports.drill-down-previous", "(sssi)",
                                   drill_down_previous_action);
  gtk_widget_class_install_action (widget_class, "reports.drill-down-other", "(sasi)",
                                   drill_down_other_action);
  gtk_widget_class_install_action (widget_class, "reports.apply-range", NULL, apply_range_action);
  gtk_widget_class_install_property_action (widget_class, "reports.groups", "groups");
}
