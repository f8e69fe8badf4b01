/* csm-sla-lane.c: one lane of the SLA board: its tickets, each with its countdown and why it is there.
 *
 * The lane shows one of the SLA monitor's list models, which change only
 * where the board changed, so a selection survives refreshes. The rows on
 * screen count down each second (csm_sla_lane_refresh_rows()); the rest
 * are filled when they scroll into view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sla-lane"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-enums.h"
#include "csm-formula-popover.h"
#include "csm-page.h"
#include "csm-sla-lane.h"
#include "csm-time.h"

struct _CsmSlaLane
{
  GtkWidget parent_instance;

  CsmSlaState state;
  CsmSlaMonitor *monitor;          /* (owned) (nullable) */
  GtkSingleSelection *selection;   /* (owned) */
  GHashTable *bound_rows;          /* (owned): GtkListItem set */

  /* template */
  GtkBox *header;
  GtkLabel *title;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (CsmSlaLane, csm_sla_lane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
lane_title (CsmSlaState state)
{
  switch (state)
    {
    case CSM_SLA_STATE_BREACHED:
      return _("Breached");
    case CSM_SLA_STATE_AT_RISK:
      return _("At Risk");
    case CSM_SLA_STATE_PREDICTED:
      return _("Predicted to Breach");
    case CSM_SLA_STATE_OK:
    default:
      return "";
    }
}

static gint64
lane_now (CsmSlaLane *self)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), CSM_TYPE_PAGE);

  return page != NULL ? csm_page_get_now (CSM_PAGE (page)) : 0;
}

static char *
format_countdown (CsmSlaLane  *self,
                  CsmSlaEntry *entry,
                  gint64       now)
{
  CsmTicket *ticket = csm_sla_entry_get_ticket (entry);
  gint64 remaining;

  /* The countdown pauses outside business hours where the level says so. */
  remaining = self->monitor ? csm_sla_policy_remaining (csm_sla_monitor_get_policy (self->monitor),
                                                        ticket, now)
                            : csm_sla_entry_get_seconds_to_due (entry);
  if (remaining < 0)
    {
      g_autofree char *late = csm_format_duration (-remaining);
      return g_strdup_printf (_("overdue by %s"), late);
    }
  if (remaining == 0 && csm_ticket_get_due (ticket) > now)
    {
      /* Outside business hours after the last business minute was used:
       * nothing left to count down, though the clock time is still ahead. */
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (csm_ticket_get_due (ticket));
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      g_autofree char *when = g_date_time_format (local, "%a %H:%M");
      return g_strdup_printf (_("no business time left, due %s"), when);
    }
  {
    g_autofree char *left = csm_format_duration (remaining);
    return g_strdup_printf (_("due in %s"), left);
  }
}

static void
fill_row (CsmSlaLane  *self,
          GtkListItem *item,
          gint64       now)
{
  CsmSlaEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (title);
  GtkWidget *reason = gtk_widget_get_next_sibling (detail);
  CsmTicket *ticket;
  g_autofree char *title_text = NULL;
  g_autofree char *detail_text = NULL;
  g_autofree char *countdown = NULL;
  g_autofree char *why = NULL;
  const char *owner;

  if (entry == NULL)
    return;
  ticket = csm_sla_entry_get_ticket (entry);
  title_text = g_strdup_printf ("#%" G_GINT64_FORMAT " %s", csm_ticket_get_id (ticket),
                                csm_ticket_get_subject (ticket));
  gtk_label_set_text (GTK_LABEL (title), title_text);

  countdown = format_countdown (self, entry, now);
  owner = csm_ticket_get_owner_display (ticket);
  detail_text = g_strdup_printf ("%s · %s · %s", csm_ticket_get_queue_name (ticket),
                                 owner && *owner ? owner : _("Unowned"), countdown);
  gtk_label_set_text (GTK_LABEL (detail), detail_text);

  why = csm_sla_entry_dup_reason (entry);
  gtk_label_set_text (GTK_LABEL (reason), why ? why : "");
  gtk_widget_set_visible (reason, why != NULL && *why != '\0');
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CsmSlaLane               *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *reason = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_widget_add_css_class (reason, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_list_item_set_child (item, box);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CsmSlaLane               *self)
{
  fill_row (self, item, lane_now (self));
  g_hash_table_add (self->bound_rows, item);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CsmSlaLane               *self)
{
  g_hash_table_remove (self->bound_rows, item);
}

/**
 * csm_sla_lane_refresh_rows:
 * @now: the instant the countdowns are shown at
 *
 * Counts the rows on screen down to @now.
 */
void
csm_sla_lane_refresh_rows (CsmSlaLane *self,
                           gint64      now)
{
  GHashTableIter iter;
  gpointer item;

  g_return_if_fail (CSM_IS_SLA_LANE (self));

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    fill_row (self, item, now);
}

static void
fill_formula (CsmFormulaPopover *popover,
              gpointer           user_data)
{
  CsmSlaLane *self = user_data;
  static const char * const whats[] = {
    [CSM_SLA_STATE_BREACHED] = "breached",
    [CSM_SLA_STATE_AT_RISK] = "at_risk",
    [CSM_SLA_STATE_PREDICTED] = "predicted",
  };
  const CsmSlaBoardOptions *options = self->monitor ? csm_sla_monitor_get_options (self->monitor)
                                                    : NULL;
  g_autofree char *text = NULL;

  if ((guint) self->state >= G_N_ELEMENTS (whats) || whats[self->state] == NULL)
    return;
  text = csm_sla_board_dup_formula (whats[self->state], options);
  csm_formula_popover_add (popover, NULL, text);
}

/**
 * csm_sla_lane_set_monitor:
 * @monitor: (nullable): whose lane to show
 * @attached: whether the list shows the rows already: GTK 4.8's list
 *   widgets make rows for a model even out of sight, so a page attaches
 *   its lanes only once it is shown
 */
void
csm_sla_lane_set_monitor (CsmSlaLane    *self,
                          CsmSlaMonitor *monitor,
                          gboolean       attached)
{
  GListModel *model;

  g_return_if_fail (CSM_IS_SLA_LANE (self));

  g_set_object (&self->monitor, monitor);
  model = monitor != NULL && attached ? csm_sla_monitor_get_lane (monitor, self->state) : NULL;
  if (gtk_single_selection_get_model (self->selection) != model)
    gtk_single_selection_set_model (self->selection, model);
  csm_sla_lane_update_count (self);
}

void
csm_sla_lane_update_count (CsmSlaLane *self)
{
  guint n = 0;
  g_autofree char *title = NULL;

  g_return_if_fail (CSM_IS_SLA_LANE (self));

  if (self->monitor != NULL)
    n = g_list_model_get_n_items (csm_sla_monitor_get_lane (self->monitor, self->state));
  title = g_strdup_printf ("%s  %u", lane_title (self->state), n);
  gtk_label_set_text (self->title, title);
}

CsmSlaState
csm_sla_lane_get_state (CsmSlaLane *self)
{
  g_return_val_if_fail (CSM_IS_SLA_LANE (self), CSM_SLA_STATE_OK);
  return self->state;
}

/**
 * csm_sla_lane_get_selection:
 *
 * Returns: (transfer none): the lane's entries and which one is selected
 */
GtkSingleSelection *
csm_sla_lane_get_selection (CsmSlaLane *self)
{
  g_return_val_if_fail (CSM_IS_SLA_LANE (self), NULL);
  return self->selection;
}

/**
 * csm_sla_lane_get_selected:
 *
 * Returns: (transfer none) (nullable): the selected entry
 */
CsmSlaEntry *
csm_sla_lane_get_selected (CsmSlaLane *self)
{
  g_return_val_if_fail (CSM_IS_SLA_LANE (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

gboolean
csm_sla_lane_select_ticket (CsmSlaLane *self,
                            gint64      ticket_id)
{
  GListModel *model;

  g_return_val_if_fail (CSM_IS_SLA_LANE (self), FALSE);

  model = gtk_single_selection_get_model (self->selection);
  for (guint pos = 0; model != NULL && pos < g_list_model_get_n_items (model); pos++)
    {
      g_autoptr(CsmSlaEntry) entry = g_list_model_get_item (model, pos);
      if (csm_ticket_get_id (csm_sla_entry_get_ticket (entry)) == ticket_id)
        {
          gtk_single_selection_set_selected (self->selection, pos);
          return TRUE;
        }
    }
  return FALSE;
}

static void
csm_sla_lane_constructed (GObject *object)
{
  CsmSlaLane *self = CSM_SLA_LANE (object);
  static const char * const classes[] = {
    [CSM_SLA_STATE_BREACHED] = "sla-breached",
    [CSM_SLA_STATE_AT_RISK] = "sla-at-risk",
    [CSM_SLA_STATE_PREDICTED] = "sla-predicted",
  };

  G_OBJECT_CLASS (csm_sla_lane_parent_class)->constructed (object);

  if ((guint) self->state < G_N_ELEMENTS (classes) && classes[self->state] != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->list_view), classes[self->state]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  lane_title (self->state), -1);
  csm_sla_lane_update_count (self);
}

static void
csm_sla_lane_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, CSM_SLA_LANE (object)->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_sla_lane_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_STATE:
      CSM_SLA_LANE (object)->state = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_sla_lane_dispose (GObject *object)
{
  CsmSlaLane *self = CSM_SLA_LANE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_SLA_LANE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->bound_rows, g_hash_table_unref);

  G_OBJECT_CLASS (csm_sla_lane_parent_class)->dispose (object);
}

static void
csm_sla_lane_class_init (CsmSlaLaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = csm_sla_lane_constructed;
  object_class->dispose = csm_sla_lane_dispose;
  object_class->get_property = csm_sla_lane_get_property;
  object_class->set_property = csm_sla_lane_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CSM_TYPE_SLA_STATE, CSM_SLA_STATE_BREACHED,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/csm-sla-lane.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmSlaLane, header);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaLane, title);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaLane, list_view);
  gtk_widget_class_bind_template_callback (widget_class, row_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_unbind_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
csm_sla_lane_init (CsmSlaLane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);

  self->bound_rows = g_hash_table_new (NULL, NULL);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_box_append (self->header, csm_formula_button_new (fill_formula, self));
}

/**
 * csm_sla_lane_new:
 * @state: which lane: breached, at risk or predicted
 */
GtkWidget *
csm_sla_lane_new (CsmSlaState state)
{
  return g_object_new (CSM_TYPE_SLA_LANE, "state", state, NULL);
}
