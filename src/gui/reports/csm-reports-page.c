/* csm-reports-page.c: the KPIs of a period: tiles with their trends, charts, tables by agent, queue and channel, friction.
 *
 * Nothing is counted on the main loop. When the data, the period or a
 * setting changes, the page (1) asks the store for the status histories
 * (made on its worker), (2) copies what the engine needs of each ticket
 * a slice at a time from an idle source (csm_kpi_facts_append()), and
 * (3) has csm_kpi_report_compute_async() count on a worker thread. Each
 * step says what it is doing; a new change cancels the steps under way,
 * and so does the page going away. The page then only shows the report:
 * every figure is the export's number (csm_kpi_catalog writes both).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-reports-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csm-enums.h"
#include "csm-kpi-task.h"
#include "csm-monitor-settings.h"
#include "csm-reports-page-private.h"
#include "csm-settings-bind.h"
#include "csm-store.h"

G_DEFINE_FINAL_TYPE (CsmReportsPage, csm_reports_page, CSM_TYPE_PAGE)

enum
{
  PROP_0,
  PROP_GROUPS,
  N_PROPS
};

enum
{
  COUNTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Tickets are read on the main loop (they are its objects) in steps of
 * this many, for at most this long at a time. */
#define FACTS_STEP 1000
#define FACTS_BUDGET_US 4000

static void start_counting (CsmReportsPage *self);

/* ------------------------------------------------------------------------ */
/* Status                                                                   */

static void
set_status (CsmReportsPage *self,
            gboolean        busy,
            const char     *text)
{
  self->counting = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_label_set_text (self->status_label, text);
}

void
csm_reports_page_set_notice (CsmReportsPage *self,
                             const char     *text)
{
  gtk_label_set_text (self->notice_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), text != NULL && *text != '\0');
}

/**
 * csm_reports_page_is_counting:
 *
 * Returns: whether a report is being counted, or its parts out of view
 *   still wait to be filled (just after the frame that shows the rest)
 */
gboolean
csm_reports_page_is_counting (CsmReportsPage *self)
{
  g_return_val_if_fail (CSM_IS_REPORTS_PAGE (self), FALSE);
  return self->counting || self->later_parts != 0;
}

const char *
csm_reports_page_get_status (CsmReportsPage *self)
{
  g_return_val_if_fail (CSM_IS_REPORTS_PAGE (self), NULL);
  return gtk_label_get_text (self->status_label);
}

const char *
csm_reports_page_get_notice (CsmReportsPage *self)
{
  g_return_val_if_fail (CSM_IS_REPORTS_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->notice_label))
         ? gtk_label_get_text (self->notice_label) : NULL;
}

GtkWidget *
csm_reports_page_get_tile (CsmReportsPage *self,
                           guint           kpi)
{
  g_return_val_if_fail (CSM_IS_REPORTS_PAGE (self), NULL);
  g_return_val_if_fail (kpi < CSM_KPI_COUNT, NULL);
  return GTK_WIDGET (self->tiles[kpi]);
}

GtkWidget *
csm_reports_page_get_table (CsmReportsPage *self,
                            gboolean        agents)
{
  g_return_val_if_fail (CSM_IS_REPORTS_PAGE (self), NULL);
  return GTK_WIDGET (agents ? self->agents_table : self->groups_table);
}

/**
 * csm_reports_page_get_report:
 *
 * Returns: (transfer none) (nullable): the report shown
 */
const CsmKpiReport *
csm_reports_page_get_report (CsmReportsPage *self)
{
  g_return_val_if_fail (CSM_IS_REPORTS_PAGE (self), NULL);
  return self->report;
}

/**
 * csm_reports_page_get_show_time:
 *
 * Returns: how long (µs) the main loop took to put the last report on the
 *   page, for benchmarks
 */
gint64
csm_reports_page_get_show_time (CsmReportsPage *self)
{
  g_return_val_if_fail (CSM_IS_REPORTS_PAGE (self), 0);
  return self->show_time;
}

/**
 * csm_reports_page_get_options:
 *
 * Returns: (transfer none): the options the shown report was counted with
 */
const CsmKpiOptions *
csm_reports_page_get_options (CsmReportsPage *self)
{
  g_return_val_if_fail (CSM_IS_REPORTS_PAGE (self), NULL);
  return &self->options;
}

/**
 * csm_reports_page_dup_period_name:
 * @previous: the period before, of the same length, rather than this one
 *
 * Returns: (transfer full): "the last 7 days", or "the 7 days before"
 */
char *
csm_reports_page_dup_period_name (CsmReportsPage *self,
                                  gboolean        previous)
{
  switch (self->period)
    {
    case CSM_KPI_PERIOD_TODAY:
      return g_strdup (previous ? _("yesterday until now") : _("today"));
    case CSM_KPI_PERIOD_YESTERDAY:
      return g_strdup (previous ? _("the day before") : _("yesterday"));
    case CSM_KPI_PERIOD_LAST_7_DAYS:
      return g_strdup (previous ? _("the 7 days before") : _("the last 7 days"));
    case CSM_KPI_PERIOD_LAST_30_DAYS:
      return g_strdup (previous ? _("the 30 days before") : _("the last 30 days"));
    case CSM_KPI_PERIOD_THIS_MONTH:
      return g_strdup (previous ? _("as long before") : _("this month"));
    case CSM_KPI_PERIOD_CUSTOM:
    default:
      return g_strdup (previous ? _("as long before") : _("the chosen days"));
    }
}

/* Showing a report: csm-reports-page-show.c */

/* ------------------------------------------------------------------------ */
/* Counting                                                                 */

static void
stop_counting (CsmReportsPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->facts_source, g_source_remove);
  g_clear_pointer (&self->snapshot, g_ptr_array_unref);
  g_clear_pointer (&self->building, csm_kpi_facts_unref);
  g_clear_pointer (&self->pending_histories, g_hash_table_unref);
  csm_kpi_options_clear (&self->pending_options);
}

static void
report_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CsmReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CsmKpiReport *report = csm_kpi_report_compute_finish (result, &error);
  CsmKpiReport *old_report;
  CsmKpiFacts *old_facts;
  GHashTable *old_histories;
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *clock = NULL;

  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, FALSE, error->message);
      return;
    }
  /* A drill-down still under way asks about the report going away. */
  g_cancellable_cancel (self->drill_cancellable);
  old_report = g_steal_pointer (&self->report);
  self->report = report;
  csm_kpi_options_clear (&self->options);
  self->options = self->pending_options;
  memset (&self->pending_options, 0, sizeof self->pending_options);
  old_facts = g_steal_pointer (&self->facts);
  self->facts = g_steal_pointer (&self->building);
  old_histories = g_steal_pointer (&self->report_histories);
  self->report_histories = g_steal_pointer (&self->pending_histories);
  g_clear_object (&self->cancellable);

  {
    gint64 shown = g_get_monotonic_time ();

    csm_reports_page_show_report (self);
    self->show_time = g_get_monotonic_time () - shown;
  }
  /* Freed after the frame that shows the new one. */
  csm_reports_page_retire (self, old_report, old_facts, old_histories);
  at = g_date_time_new_from_unix_local (report->now);
  clock = g_date_time_format (at, "%X");
  /* Translators: "Counted at 14:02:10 in 180 ms, 100079 tickets" */
  text = g_strdup_printf (_("Counted at %s in %.0f ms, %u tickets"), clock,
                          (g_get_monotonic_time () - self->started_at) / 1000.0,
                          csm_kpi_facts_get_len (self->facts));
  set_status (self, FALSE, text);
  g_signal_emit (self, signals[COUNTED], 0);
}

static gboolean
read_facts_cb (gpointer user_data)
{
  CsmReportsPage *self = user_data;
  g_autofree char *text = NULL;
  g_autoptr(GTimeZone) tz = NULL;

  gint64 started = g_get_monotonic_time ();

  /* Small steps until the budget is spent, so that no frame waits long,
   * whatever the machine's speed. */
  do
    {
      csm_kpi_facts_append (self->building, self->snapshot, self->facts_position, FACTS_STEP,
                            &self->pending_options);
      self->facts_position = MIN (self->facts_position + FACTS_STEP, self->snapshot->len);
    }
  while (self->facts_position < self->snapshot->len &&
         g_get_monotonic_time () - started < FACTS_BUDGET_US);
  if (self->facts_position < self->snapshot->len)
    {
      /* Translators: "Reading 45000 of 100079 tickets…" */
      text = g_strdup_printf (_("Reading %u of %u tickets…"), self->facts_position,
                              self->snapshot->len);
      set_status (self, TRUE, text);
      return G_SOURCE_CONTINUE;
    }

  self->facts_source = 0;
  g_clear_pointer (&self->snapshot, g_ptr_array_unref);
  set_status (self, TRUE, _("Counting…"));
  tz = g_time_zone_new_local ();
  g_clear_pointer (&self->pending_histories, g_hash_table_unref);
  self->pending_histories = self->histories != NULL ? g_hash_table_ref (self->histories) : NULL;
  csm_kpi_report_compute_async (self->building, self->histories, &self->pending_options,
                                self->pending_from, self->pending_to, self->pending_now, tz,
                                self->cancellable, report_ready_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
read_facts (CsmReportsPage *self)
{
  CsmSyncEngine *engine = csm_page_get_engine (CSM_PAGE (self));
  GPtrArray *tickets = csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine));
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  /* The list may grow or lose tickets while the slices are read: the
   * slices read a copy of it (the tickets themselves stay shared). */
  self->snapshot = g_ptr_array_new_full (tickets->len, g_object_unref);
  for (guint i = 0; i < tickets->len; i++)
    g_ptr_array_add (self->snapshot, g_object_ref (g_ptr_array_index (tickets, i)));
  self->building = csm_kpi_facts_new (none, &self->pending_options);
  self->facts_position = 0;
  self->facts_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, read_facts_cb, self, NULL);
}

static void
histories_ready_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CsmReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GHashTable *histories = csm_store_load_kpi_histories_finish (CSM_STORE (source), result, &error);

  if (histories == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, FALSE, error->message);
      return;
    }
  g_clear_pointer (&self->histories, g_hash_table_unref);
  self->histories = histories;
  self->histories_stale = FALSE;
  read_facts (self);
}

static void
start_counting (CsmReportsPage *self)
{
  CsmPage *page = CSM_PAGE (self);
  CsmSyncEngine *engine = csm_page_get_engine (page);
  GSettings *settings = csm_page_get_settings (page);
  CsmStore *store = engine != NULL ? csm_sync_engine_get_store (engine) : NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autofree char *custom_from = NULL;
  g_autofree char *custom_to = NULL;
  g_autoptr(GError) error = NULL;

  stop_counting (self);
  if (engine == NULL || settings == NULL || store == NULL)
    {
      set_status (self, FALSE, "");
      adw_status_page_set_title (self->empty_page, _("No Helpdesk"));
      adw_status_page_set_description (self->empty_page,
                                       _("Connect to a helpdesk to see its figures."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->period = g_settings_get_enum (settings, "reports-period");
  self->statistic = g_settings_get_enum (settings, "kpi-statistic");
  custom_from = g_settings_get_string (settings, "reports-custom-from");
  custom_to = g_settings_get_string (settings, "reports-custom-to");
  self->pending_now = csm_page_get_now (page);
  if (!csm_kpi_period_range (self->period, self->pending_now, tz, custom_from, custom_to,
                             &self->pending_from, &self->pending_to))
    {
      csm_reports_page_set_notice (self, _("Choose the custom range’s first and last day "
                                           "(the calendar button)."));
      set_status (self, FALSE, "");
      return;
    }
  csm_kpi_options_init (&self->pending_options);
  g_clear_pointer (&self->problem, g_free);
  if (!csm_kpi_options_from_settings (&self->pending_options, settings, &error))
    {
      self->problem = g_strdup_printf (_("The SLA levels in the preferences cannot be used: %s"),
                                       error->message);
      csm_reports_page_set_notice (self, self->problem);
      g_clear_error (&error);
    }
  /* What the cache holds: the history-days setting's resolved tickets. */
  self->history_from = g_settings_get_uint (settings, "history-days") > 0
                       ? self->pending_now -
                         (gint64) g_settings_get_uint (settings, "history-days") * 86400
                       : 0;
  self->pending_options.group_by = g_settings_get_enum (settings, "reports-split");

  self->cancellable = g_cancellable_new ();
  self->started_at = g_get_monotonic_time ();
  if (self->report == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Counting…"));
      adw_status_page_set_description (self->empty_page, NULL);
    }
  if (self->histories == NULL || self->histories_stale)
    {
      set_status (self, TRUE, _("Reading the status history…"));
      csm_store_load_kpi_histories_async (store, self->cancellable, histories_ready_cb,
                                          g_object_ref (self));
    }
  else
    read_facts (self);
}

/* ------------------------------------------------------------------------ */
/* Following the context                                                    */

static void
csm_reports_page_catch_up (CsmPage *page)
{
  start_counting (CSM_REPORTS_PAGE (page));
}

static void
csm_reports_page_engine_changed (CsmPage *page)
{
  CsmReportsPage *self = CSM_REPORTS_PAGE (page);

  stop_counting (self);
  csm_reports_page_forget_later_parts (self);
  g_cancellable_cancel (self->drill_cancellable);
  g_clear_pointer (&self->histories, g_hash_table_unref);
  g_clear_pointer (&self->report_histories, g_hash_table_unref);
  g_clear_pointer (&self->report, csm_kpi_report_free);
  g_clear_pointer (&self->facts, csm_kpi_facts_unref);
  /* Another helpdesk: nothing of the last one stays on screen. */
  adw_status_page_set_title (self->empty_page, _("Counting…"));
  adw_status_page_set_description (self->empty_page, NULL);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  csm_reports_page_update_actions (self);
  csm_page_queue_update (page);
}

static void
transactions_arrived_cb (CsmReportsPage *self)
{
  self->histories_stale = TRUE;
}

static void
settings_changed_cb (CsmReportsPage *self,
                     const char     *key,
                     GSettings      *settings)
{
  /* The report holds every statistic: choosing another only shows it. */
  if (g_str_equal (key, "kpi-statistic"))
    {
      self->statistic = g_settings_get_enum (settings, key);
      if (self->report != NULL)
        csm_reports_page_show_report (self);
      return;
    }
  if (g_str_has_prefix (key, "reports-") || g_str_has_prefix (key, "kpi-") ||
      g_str_has_prefix (key, "cf-") || g_str_equal (key, "sla-policy") ||
      g_str_equal (key, "history-days"))
    csm_page_queue_update (CSM_PAGE (self));
}

static void
tile_activated_cb (CsmReportsPage  *self,
                   GtkFlowBoxChild *child)
{
  CsmKpiTile *tile = CSM_KPI_TILE (gtk_flow_box_child_get_child (child));

  gtk_widget_activate_action (GTK_WIDGET (self), "reports.drill-down", "(sssi)",
                              csm_kpi_get_key (csm_kpi_tile_get_kpi (tile)), "none", "", -1);
}

static void
csm_reports_page_dispose (GObject *object)
{
  CsmReportsPage *self = CSM_REPORTS_PAGE (object);

  stop_counting (self);
  csm_reports_page_forget_later_parts (self);
  g_cancellable_cancel (self->drill_cancellable);
  g_clear_object (&self->drill_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_REPORTS_PAGE);
  /* GTK 4.8 unparents only the template's named children. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->histories, g_hash_table_unref);
  g_clear_pointer (&self->report_histories, g_hash_table_unref);
  g_clear_pointer (&self->report, csm_kpi_report_free);
  g_clear_pointer (&self->facts, csm_kpi_facts_unref);
  csm_kpi_options_clear (&self->options);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (csm_reports_page_parent_class)->dispose (object);
}

static void
csm_reports_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CsmReportsPage *self = CSM_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_GROUPS:
      g_value_set_enum (value, self->groups);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_reports_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CsmReportsPage *self = CSM_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_GROUPS:
      if (self->groups != (CsmKpiGrouping) g_value_get_enum (value))
        {
          self->groups = g_value_get_enum (value);
          csm_reports_page_show_groups (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_reports_page_class_init (CsmReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CsmPageClass *page_class = CSM_PAGE_CLASS (klass);

  object_class->dispose = csm_reports_page_dispose;
  object_class->get_property = csm_reports_page_get_property;
  object_class->set_property = csm_reports_page_set_property;

  /**
   * CsmReportsPage:groups:
   *
   * What the second table lists: queues or channels.
   */
  properties[PROP_GROUPS] =
    g_param_spec_enum ("groups", NULL, NULL, CSM_TYPE_KPI_GROUPING, CSM_KPI_GROUP_QUEUE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CsmReportsPage::counted:
   *
   * A new report is on the page, as far as the page is in view; the parts
   * out of view follow just after the next frame, and
   * csm_reports_page_is_counting() is %TRUE until they are filled.
   */
  signals[COUNTED] = g_signal_new ("counted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  page_class->engine_changed = csm_reports_page_engine_changed;
  page_class->catch_up = csm_reports_page_catch_up;

  g_type_ensure (CSM_TYPE_KPI_TABLE);
  g_type_ensure (CSM_TYPE_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, range_button);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, range_from_entry);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, range_to_entry);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, range_error_label);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, statistic_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, basis_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, fcr_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, split_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, tiles_box);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, charts_box);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, agents_table);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, groups_table);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, groups_title);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, friction_chart);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, friction_label);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, friction_list);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, friction_box);
  gtk_widget_class_bind_template_child (widget_class, CsmReportsPage, content_scroller);
  gtk_widget_class_bind_template_callback (widget_class, tile_activated_cb);

  csm_reports_page_class_actions_init (widget_class);
}

static void
bind_settings_cb (CsmReportsPage *self)
{
  GSettings *settings = csm_page_get_settings (CSM_PAGE (self));
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (settings == NULL)
    return;
  csm_settings_bind_enum_position (settings, "reports-period", self->period_dropdown, "selected",
                                   CSM_TYPE_KPI_PERIOD);
  csm_settings_bind_enum_position (settings, "kpi-statistic", self->statistic_dropdown,
                                   "selected", CSM_TYPE_KPI_STATISTIC);
  csm_settings_bind_enum_position (settings, "kpi-time-basis", self->basis_dropdown, "selected",
                                   CSM_TYPE_KPI_TIME_BASIS);
  csm_settings_bind_enum_position (settings, "kpi-fcr-rule", self->fcr_dropdown, "selected",
                                   CSM_TYPE_KPI_FCR_RULE);
  csm_settings_bind_enum_position (settings, "reports-split", self->split_dropdown, "selected",
                                   CSM_TYPE_KPI_GROUPING);
  from = g_settings_get_string (settings, "reports-custom-from");
  to = g_settings_get_string (settings, "reports-custom-to");
  gtk_editable_set_text (GTK_EDITABLE (self->range_from_entry), from);
  gtk_editable_set_text (GTK_EDITABLE (self->range_to_entry), to);
}

static void
csm_reports_page_init (CsmReportsPage *self)
{
  static const CsmKpi agent_columns[] = {
    CSM_KPI_RESOLVED, CSM_KPI_FCR, CSM_KPI_CSAT, CSM_KPI_AHT, CSM_KPI_FRT, CSM_KPI_ART,
    CSM_KPI_BACKLOG,
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups = CSM_KPI_GROUP_QUEUE;
  csm_kpi_table_set_columns (self->agents_table, CSM_KPI_GROUP_AGENT, agent_columns,
                             G_N_ELEMENTS (agent_columns));
  csm_reports_page_show_groups (self);
  for (guint i = 0; i < CSM_KPI_COUNT; i++)
    {
      self->tiles[i] = CSM_KPI_TILE (csm_kpi_tile_new (i));
      gtk_flow_box_append (self->tiles_box, GTK_WIDGET (self->tiles[i]));
    }
  csm_reports_page_init_charts (self);

  g_signal_group_connect_swapped (csm_page_get_engine_signals (CSM_PAGE (self)), "refreshed",
                                  G_CALLBACK (csm_page_queue_update), self);
  g_signal_group_connect_swapped (csm_page_get_engine_signals (CSM_PAGE (self)),
                                  "transactions-arrived", G_CALLBACK (transactions_arrived_cb),
                                  self);
  g_signal_group_connect_swapped (csm_page_get_settings_signals (CSM_PAGE (self)), "changed",
                                  G_CALLBACK (settings_changed_cb), self);
  /* Scrolled before the parts out of view are filled: filled at once. */
  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (self->content_scroller),
                            "value-changed", G_CALLBACK (csm_reports_page_show_later_parts),
                            self);
  /* The dropdowns follow the settings once the context brings them. */
  g_signal_connect_swapped (self, "notify::context", G_CALLBACK (bind_settings_cb), self);
  set_status (self, FALSE, "");
}
