/* csm-attainment-table.c: the SLA attainment tables: deadlines met, by level and by queue, today or over 7 days.
 *
 * The numbers are core's (csm_sla_attainment_compute()); the table only
 * lays them out. The period is a property with an action of the same name
 * (attainment.period), which the two toggle buttons follow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-attainment-table"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-agent-board.h"
#include "csm-attainment-table.h"
#include "csm-enums.h"
#include "csm-formula-popover.h"
#include "csm-page.h"

struct _CsmAttainmentTable
{
  GtkWidget parent_instance;

  CsmSlaMonitor *monitor;          /* (owned) (nullable) */
  CsmAttainmentPeriod period;

  /* template */
  GtkBox *header;
  GtkStack *stack;
  GtkGrid *level_grid;
  GtkGrid *queue_grid;
};

G_DEFINE_FINAL_TYPE (CsmAttainmentTable, csm_attainment_table, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PERIOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_attainment (guint met,
                   guint missed)
{
  if (met + missed == 0)
    return g_strdup (C_("no value", "—"));
  /* TRANSLATORS: percent met, then met of counted, e.g. "92 % (23 of 25)" */
  return g_strdup_printf (_("%.0f %% (%u of %u)"), 100.0 * met / (met + missed), met, met + missed);
}

static void
fill_grid (GtkGrid    *grid,
           const char *heading,
           GPtrArray  *rows)
{
  GtkWidget *child;
  const char *titles[] = { heading, _("Response"), _("Resolve") };

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    {
      GtkWidget *label = gtk_label_new (titles[c]);
      gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0.0f : 1.0f);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_hexpand (label, c == 0);
      gtk_grid_attach (grid, label, c, 0, 1, 1);
    }
  for (guint r = 0; rows != NULL && r < rows->len; r++)
    {
      CsmSlaAttainmentRow *row = g_ptr_array_index (rows, r);
      g_autofree char *response = format_attainment (row->response_met, row->response_missed);
      g_autofree char *resolve = format_attainment (row->resolve_met, row->resolve_missed);
      const char *cells[] = { row->key, response, resolve };

      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        {
          GtkWidget *label = gtk_label_new (cells[c]);
          gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0.0f : 1.0f);
          if (c > 0)
            gtk_widget_add_css_class (label, "numeric");
          gtk_grid_attach (grid, label, c, r + 1, 1, 1);
        }
    }
  if (rows == NULL || rows->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("No deadline fell in this period."));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (grid, label, 0, 1, 3, 1);
    }
}

/**
 * csm_attainment_table_update:
 *
 * Counts again, up to the page's "now".
 */
void
csm_attainment_table_update (CsmAttainmentTable *self)
{
  GtkWidget *page;
  CsmSlaPolicy *policy;
  GPtrArray *tickets;
  g_autoptr(GPtrArray) by_level = NULL;
  g_autoptr(GPtrArray) by_queue = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  gint64 now;
  gint64 from;

  g_return_if_fail (CSM_IS_ATTAINMENT_TABLE (self));

  page = gtk_widget_get_ancestor (GTK_WIDGET (self), CSM_TYPE_PAGE);
  if (self->monitor == NULL || page == NULL)
    return;
  now = csm_page_get_now (CSM_PAGE (page));
  policy = csm_sla_monitor_get_policy (self->monitor);
  if (csm_sla_policy_is_empty (policy))
    {
      gtk_stack_set_visible_child_name (self->stack, "no-policy");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "table");
  from = self->period == CSM_ATTAINMENT_PERIOD_WEEK ? now - 7 * 86400
                                                     : csm_agent_board_day_start (tz, now);
  tickets = csm_ticket_list_get_array (csm_sync_engine_get_tickets (csm_sla_monitor_get_engine (self->monitor)));
  by_level = csm_sla_attainment_compute (policy, tickets, FALSE, from, now + 1, now);
  by_queue = csm_sla_attainment_compute (policy, tickets, TRUE, from, now + 1, now);
  fill_grid (self->level_grid, _("SLA level"), by_level);
  fill_grid (self->queue_grid, _("Queue"), by_queue);
}

/**
 * csm_attainment_table_dup_text:
 *
 * Returns: (transfer full): the tables as text, a row a line, cells
 *   separated by tabs
 */
char *
csm_attainment_table_dup_text (CsmAttainmentTable *self)
{
  GString *text = g_string_new (NULL);
  GtkGrid *grids[] = { self->level_grid, self->queue_grid };

  g_return_val_if_fail (CSM_IS_ATTAINMENT_TABLE (self), NULL);

  for (guint g = 0; g < G_N_ELEMENTS (grids); g++)
    for (int row = 0;; row++)
      {
        if (gtk_grid_get_child_at (grids[g], 0, row) == NULL)
          break;
        for (int column = 0; column < 3; column++)
          {
            GtkWidget *cell = gtk_grid_get_child_at (grids[g], column, row);
            if (cell != NULL)
              g_string_append_printf (text, "%s%s", column ? "\t" : "",
                                      gtk_label_get_text (GTK_LABEL (cell)));
          }
        g_string_append_c (text, '\n');
      }
  return g_string_free (text, FALSE);
}

/**
 * csm_attainment_table_set_monitor:
 * @monitor: (nullable): whose tickets and policy to count
 */
void
csm_attainment_table_set_monitor (CsmAttainmentTable *self,
                                  CsmSlaMonitor      *monitor)
{
  g_return_if_fail (CSM_IS_ATTAINMENT_TABLE (self));

  if (g_set_object (&self->monitor, monitor) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    csm_attainment_table_update (self);
}

CsmAttainmentPeriod
csm_attainment_table_get_period (CsmAttainmentTable *self)
{
  g_return_val_if_fail (CSM_IS_ATTAINMENT_TABLE (self), CSM_ATTAINMENT_PERIOD_TODAY);
  return self->period;
}

/**
 * csm_attainment_table_set_period:
 * @period: which deadlines to count
 */
void
csm_attainment_table_set_period (CsmAttainmentTable  *self,
                                 CsmAttainmentPeriod  period)
{
  g_return_if_fail (CSM_IS_ATTAINMENT_TABLE (self));

  if (self->period == period)
    return;
  self->period = period;
  csm_attainment_table_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
}

static void
fill_formula (CsmFormulaPopover *popover,
              gpointer           user_data)
{
  g_autofree char *text = csm_sla_board_dup_formula ("attainment", NULL);

  csm_formula_popover_add (popover, NULL, text);
}

static void
csm_attainment_table_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (csm_attainment_table_parent_class)->map (widget);
  csm_attainment_table_update (CSM_ATTAINMENT_TABLE (widget));
}

static void
csm_attainment_table_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PERIOD:
      g_value_set_enum (value, CSM_ATTAINMENT_TABLE (object)->period);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_attainment_table_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PERIOD:
      csm_attainment_table_set_period (CSM_ATTAINMENT_TABLE (object), g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_attainment_table_dispose (GObject *object)
{
  CsmAttainmentTable *self = CSM_ATTAINMENT_TABLE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_ATTAINMENT_TABLE);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (csm_attainment_table_parent_class)->dispose (object);
}

static void
csm_attainment_table_class_init (CsmAttainmentTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_attainment_table_dispose;
  object_class->get_property = csm_attainment_table_get_property;
  object_class->set_property = csm_attainment_table_set_property;
  widget_class->map = csm_attainment_table_map;

  properties[PROP_PERIOD] =
    g_param_spec_enum ("period", NULL, NULL, CSM_TYPE_ATTAINMENT_PERIOD, CSM_ATTAINMENT_PERIOD_TODAY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-attainment-table.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmAttainmentTable, header);
  gtk_widget_class_bind_template_child (widget_class, CsmAttainmentTable, stack);
  gtk_widget_class_bind_template_child (widget_class, CsmAttainmentTable, level_grid);
  gtk_widget_class_bind_template_child (widget_class, CsmAttainmentTable, queue_grid);
  gtk_widget_class_install_property_action (widget_class, "attainment.period", "period");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
csm_attainment_table_init (CsmAttainmentTable *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  self->period = CSM_ATTAINMENT_PERIOD_TODAY;
  gtk_box_insert_child_after (self->header, csm_formula_button_new (fill_formula, self),
                              gtk_widget_get_first_child (GTK_WIDGET (self->header)));
}
