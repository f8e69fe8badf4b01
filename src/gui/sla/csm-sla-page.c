/* csm-sla-page.c: what breaches next: breached, at risk and predicted tickets, attainment.
 *
 * The lanes (CsmSlaLane) show the SLA monitor's list models, which change
 * only where the board changed, so selection survives refreshes; one
 * ticket is selected across the three. Reassigning a ticket or changing
 * its status goes through the outbox (csm-sla-page-actions.c): the change
 * is stored before it is sent, retried while the helpdesk is away, and a
 * refusal is shown here (CsmOutboxRow) with RT's own words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sla-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-agent.h"
#include "csm-outbox-row.h"
#include "csm-sla-page-private.h"

G_DEFINE_FINAL_TYPE (CsmSlaPage, csm_sla_page, CSM_TYPE_PAGE)

#define N_LANES CSM_SLA_PAGE_N_LANES

/* ------------------------------------------------------------------------ */
/* Selection                                                                */

/**
 * csm_sla_page_get_selected_entry:
 *
 * Returns: (transfer none) (nullable): the selected entry, in whichever lane
 */
CsmSlaEntry *
csm_sla_page_get_selected_entry (CsmSlaPage *self)
{
  for (guint i = 0; i < N_LANES; i++)
    {
      CsmSlaEntry *entry = csm_sla_lane_get_selected (self->lanes[i]);
      if (entry != NULL)
        return entry;
    }
  return NULL;
}

/* One selection across the three lanes: choosing in one clears the others
 * (which then report nothing selected, and change nothing more). */
static void
lane_selection_cb (GtkSingleSelection *selection,
                   GParamSpec         *pspec,
                   CsmSlaPage         *self)
{
  CsmSlaEntry *entry = gtk_single_selection_get_selected_item (selection);

  if (entry != NULL)
    {
      for (guint i = 0; i < N_LANES; i++)
        if (csm_sla_lane_get_selection (self->lanes[i]) != selection)
          gtk_single_selection_set_selected (csm_sla_lane_get_selection (self->lanes[i]),
                                             GTK_INVALID_LIST_POSITION);
      self->selected_ticket = csm_ticket_get_id (csm_sla_entry_get_ticket (entry));
    }
  else if (csm_sla_page_get_selected_entry (self) == NULL)
    self->selected_ticket = 0;
  csm_sla_page_update_actions (self);
}

/* The lanes reach their lists once the page is shown (or a ticket is to be
 * selected on it): GTK 4.8's list widgets make rows even out of sight. */
static void
attach_lanes (CsmSlaPage *self)
{
  for (guint i = 0; i < N_LANES; i++)
    csm_sla_lane_set_monitor (self->lanes[i], self->monitor, self->shown);
}

gboolean
csm_sla_page_select_ticket (CsmSlaPage *self,
                            gint64      ticket_id)
{
  g_return_val_if_fail (CSM_IS_SLA_PAGE (self), FALSE);

  if (!self->shown)
    {
      self->shown = TRUE;
      attach_lanes (self);
    }
  for (guint i = 0; i < N_LANES; i++)
    if (csm_sla_lane_select_ticket (self->lanes[i], ticket_id))
      return TRUE;
  return FALSE;
}

gint64
csm_sla_page_get_selected_ticket (CsmSlaPage *self)
{
  CsmSlaEntry *entry;

  g_return_val_if_fail (CSM_IS_SLA_PAGE (self), 0);
  entry = csm_sla_page_get_selected_entry (self);
  return entry ? csm_ticket_get_id (csm_sla_entry_get_ticket (entry)) : 0;
}

void
csm_sla_page_set_owner_choice (CsmSlaPage *self,
                               const char *agent_name)
{
  g_return_if_fail (CSM_IS_SLA_PAGE (self));

  for (guint i = 0; i < self->owner_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->owner_names, i), agent_name) == 0)
      gtk_drop_down_set_selected (self->owner_dropdown, i);
}

void
csm_sla_page_set_status_choice (CsmSlaPage *self,
                                const char *status)
{
  g_return_if_fail (CSM_IS_SLA_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (csm_sla_page_status_values); i++)
    if (g_strcmp0 (csm_sla_page_status_values[i], status) == 0)
      gtk_drop_down_set_selected (self->status_dropdown, i);
}

static void
update_owner_choices (CsmSlaPage *self)
{
  CsmSyncEngine *engine = csm_page_get_engine (CSM_PAGE (self));
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint selected = gtk_drop_down_get_selected (self->owner_dropdown);
  g_autofree char *selected_name = NULL;

  if (selected < self->owner_names->len)
    selected_name = g_strdup (g_ptr_array_index (self->owner_names, selected));

  g_ptr_array_set_size (self->owner_names, 0);
  /* RT's way of giving a ticket back to the queue. */
  g_ptr_array_add (self->owner_names, g_strdup ("Nobody"));
  g_ptr_array_add (labels, (gpointer) _("Nobody (unassign)"));
  if (engine != NULL)
    {
      GListModel *agents = csm_sync_engine_get_agents (engine);

      for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
        {
          g_autoptr(CsmAgent) agent = g_list_model_get_item (agents, i);
          g_ptr_array_add (self->owner_names, g_strdup (csm_agent_get_name (agent)));
          g_ptr_array_add (labels, (gpointer) csm_agent_get_display_name (agent));
        }
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->owner_labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->owner_labels)),
                          (const char * const *) labels->pdata);
  if (selected_name != NULL)
    csm_sla_page_set_owner_choice (self, selected_name);
}

/* ------------------------------------------------------------------------ */
/* Outbox                                                                   */

static GtkWidget *
create_outbox_row (gpointer item,
                   gpointer user_data)
{
  return csm_outbox_row_new (item);
}

static void
outbox_items_changed_cb (CsmSlaPage *self)
{
  GListModel *items = self->outbox ? csm_outbox_get_items (self->outbox) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->outbox_list),
                          items != NULL && g_list_model_get_n_items (items) > 0);
}

GtkWidget *
csm_sla_page_get_outbox_list (CsmSlaPage *self)
{
  g_return_val_if_fail (CSM_IS_SLA_PAGE (self), NULL);
  return GTK_WIDGET (self->outbox_list);
}

/* ------------------------------------------------------------------------ */
/* Attainment and explanations                                              */

/**
 * csm_sla_page_dup_attainment_text:
 *
 * Returns: (transfer full): the attainment tables as text, a row a line
 */
char *
csm_sla_page_dup_attainment_text (CsmSlaPage *self)
{
  g_return_val_if_fail (CSM_IS_SLA_PAGE (self), NULL);
  return csm_attainment_table_dup_text (self->attainment);
}

/**
 * csm_sla_page_dup_explanation:
 * @what: "breached", "at_risk", "predicted" or "attainment"
 *
 * Returns: (transfer full): how the console decides it, with the horizon and
 *   the rate window in use
 */
char *
csm_sla_page_dup_explanation (CsmSlaPage *self,
                              const char *what)
{
  g_return_val_if_fail (CSM_IS_SLA_PAGE (self), NULL);
  return csm_sla_board_dup_formula (what, self->monitor ? csm_sla_monitor_get_options (self->monitor)
                                                         : NULL);
}

/**
 * csm_sla_page_get_lane:
 *
 * Returns: (transfer none): the entries shown in @state's lane
 */
GListModel *
csm_sla_page_get_lane (CsmSlaPage  *self,
                       CsmSlaState  state)
{
  g_return_val_if_fail (CSM_IS_SLA_PAGE (self), NULL);

  for (guint i = 0; i < N_LANES; i++)
    if (csm_sla_lane_get_state (self->lanes[i]) == state)
      return G_LIST_MODEL (csm_sla_lane_get_selection (self->lanes[i]));
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Following the context                                                    */

static void
csm_sla_page_catch_up (CsmPage *page)
{
  CsmSlaPage *self = CSM_SLA_PAGE (page);
  CsmContext *context = csm_page_get_context (page);
  const char *problem = context ? csm_context_get_policy_problem (context) : NULL;
  guint total = 0;

  if (self->monitor == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  for (guint i = 0; i < N_LANES; i++)
    csm_sla_lane_update_count (self->lanes[i]);
  for (CsmSlaState s = CSM_SLA_STATE_OK; s <= CSM_SLA_STATE_BREACHED; s++)
    total += g_list_model_get_n_items (csm_sla_monitor_get_lane (self->monitor, s));
  gtk_stack_set_visible_child_name (self->stack, total > 0 ? "content" : "empty");

  if (problem != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The SLA levels in the preferences cannot be used, "
                                                 "so countdowns run in calendar time: %s"), problem);
      gtk_label_set_text (self->policy_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->policy_label), problem != NULL);

  /* Keep the selected ticket selected, in whichever lane it now is. */
  if (self->selected_ticket != 0 && csm_sla_page_get_selected_ticket (self) != self->selected_ticket)
    {
      gint64 wanted = self->selected_ticket;
      if (!csm_sla_page_select_ticket (self, wanted))
        self->selected_ticket = wanted;
    }
  csm_sla_page_update_actions (self);
  csm_attainment_table_update (self->attainment);
}

static void
csm_sla_page_engine_changed (CsmPage *page)
{
  CsmSlaPage *self = CSM_SLA_PAGE (page);
  CsmContext *context = csm_page_get_context (page);
  CsmSyncEngine *engine = csm_page_get_engine (page);
  CsmOutbox *outbox = context ? csm_context_get_outbox (context) : NULL;
  CsmSlaMonitor *monitor = context ? csm_context_get_sla_monitor (context) : NULL;

  g_set_object (&self->monitor, monitor);
  g_set_object (&self->outbox, outbox);
  self->selected_ticket = 0;
  g_signal_group_set_target (self->monitor_signals, self->monitor);
  g_signal_group_set_target (self->outbox_items_signals, outbox ? csm_outbox_get_items (outbox) : NULL);
  g_signal_group_set_target (self->agents_signals, engine ? csm_sync_engine_get_agents (engine) : NULL);

  attach_lanes (self);
  csm_attainment_table_set_monitor (self->attainment, self->monitor);
  gtk_list_box_bind_model (self->outbox_list, outbox ? csm_outbox_get_items (outbox) : NULL,
                           create_outbox_row, NULL, NULL);
  outbox_items_changed_cb (self);
  update_owner_choices (self);
  csm_sla_page_catch_up (page);
}

static void
csm_sla_page_tick (CsmPage *page,
                   gint64   now)
{
  CsmSlaPage *self = CSM_SLA_PAGE (page);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  for (guint i = 0; i < N_LANES; i++)
    csm_sla_lane_refresh_rows (self->lanes[i], now);
}

static void
csm_sla_page_map (GtkWidget *widget)
{
  CsmSlaPage *self = CSM_SLA_PAGE (widget);

  if (!self->shown)
    {
      self->shown = TRUE;
      attach_lanes (self);
    }
  GTK_WIDGET_CLASS (csm_sla_page_parent_class)->map (widget);
}

static void
csm_sla_page_dispose (GObject *object)
{
  CsmSlaPage *self = (CsmSlaPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->monitor_signals);
  g_clear_object (&self->outbox_items_signals);
  g_clear_object (&self->agents_signals);
  if (self->outbox_list != NULL)
    gtk_list_box_bind_model (self->outbox_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_SLA_PAGE);

  g_clear_object (&self->owner_labels);
  g_clear_object (&self->monitor);
  g_clear_object (&self->outbox);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (csm_sla_page_parent_class)->dispose (object);
}

static void
csm_sla_page_finalize (GObject *object)
{
  CsmSlaPage *self = (CsmSlaPage *) object;

  g_clear_pointer (&self->owner_names, g_ptr_array_unref);
  G_OBJECT_CLASS (csm_sla_page_parent_class)->finalize (object);
}

static void
csm_sla_page_class_init (CsmSlaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CsmPageClass *page_class = CSM_PAGE_CLASS (klass);

  object_class->dispose = csm_sla_page_dispose;
  object_class->finalize = csm_sla_page_finalize;
  widget_class->map = csm_sla_page_map;
  page_class->engine_changed = csm_sla_page_engine_changed;
  page_class->catch_up = csm_sla_page_catch_up;
  page_class->tick = csm_sla_page_tick;

  g_type_ensure (CSM_TYPE_SLA_LANE);
  g_type_ensure (CSM_TYPE_ATTAINMENT_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/csm-sla-page.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "breached_lane", FALSE,
                                             G_STRUCT_OFFSET (CsmSlaPage, lanes[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "at_risk_lane", FALSE,
                                             G_STRUCT_OFFSET (CsmSlaPage, lanes[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "predicted_lane", FALSE,
                                             G_STRUCT_OFFSET (CsmSlaPage, lanes[2]));
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, policy_label);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, action_revealer);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, selected_label);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, outbox_list);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, attainment);

  csm_sla_page_class_actions_init (widget_class);
}

static void
csm_sla_page_init (CsmSlaPage *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  GtkExpression *expression;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->owner_names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_LANES; i++)
    g_signal_connect_object (csm_sla_lane_get_selection (self->lanes[i]), "notify::selected-item",
                             G_CALLBACK (lane_selection_cb), self, 0);

  self->owner_labels = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (self->owner_labels));
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->owner_dropdown, expression);
  gtk_expression_unref (expression);
  gtk_string_list_append (statuses, C_("ticket status", "New"));
  gtk_string_list_append (statuses, C_("ticket status", "Open"));
  gtk_string_list_append (statuses, C_("ticket status", "Stalled"));
  gtk_string_list_append (statuses, C_("ticket status", "Resolved"));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  gtk_drop_down_set_selected (self->status_dropdown, 1);

  self->monitor_signals = g_signal_group_new (CSM_TYPE_SLA_MONITOR);
  g_signal_group_connect_swapped (self->monitor_signals, "updated",
                                  G_CALLBACK (csm_page_queue_update), self);
  self->outbox_items_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->outbox_items_signals, "items-changed",
                                  G_CALLBACK (outbox_items_changed_cb), self);
  self->agents_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->agents_signals, "items-changed",
                                  G_CALLBACK (update_owner_choices), self);

  update_owner_choices (self);
  csm_sla_page_update_actions (self);
}
