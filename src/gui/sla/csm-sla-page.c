/* csm-sla-page.c: what breaches next: breached, at risk and predicted tickets, attainment.
 *
 * The lanes are the SLA monitor's list models, which change only where the
 * board changed, so selection survives refreshes. Reassigning a ticket or
 * changing its status goes through the outbox: the change is stored before
 * it is sent, retried while the helpdesk is away, and a refusal is shown
 * here with RT's own words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sla-page"

#include "config.h"

#include <inttypes.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "csm-agent.h"
#include "csm-agent-board.h"
#include "csm-outbox.h"
#include "csm-outbox-item.h"
#include "csm-sla-entry.h"
#include "csm-sla-page.h"
#include "csm-ticket.h"
#include "csm-time.h"

static const CsmSlaState lane_states[] = {
  CSM_SLA_STATE_BREACHED,
  CSM_SLA_STATE_AT_RISK,
  CSM_SLA_STATE_PREDICTED,
};
#define N_LANES G_N_ELEMENTS (lane_states)

static const char * const status_values[] = { "new", "open", "stalled", "resolved" };

struct _CsmSlaPage
{
  GtkWidget parent_instance;

  CsmContext *context;                  /* (owned) (nullable) */
  CsmSlaMonitor *monitor;               /* (owned) (nullable) */
  CsmOutbox *outbox;                    /* (owned) (nullable) */
  GSignalGroup *clock_signals;          /* (owned) */
  GtkSingleSelection *selections[N_LANES]; /* (owned) */
  GtkLabel *lane_titles[N_LANES];
  GHashTable *bound_rows;               /* (owned): GtkListItem set, refreshed each second */
  GtkStringList *owner_labels;          /* (owned) */
  GPtrArray *owner_names;               /* (owned): parallel to owner_labels */
  GCancellable *cancellable;            /* (owned) */
  gint64 selected_ticket;
  gboolean selecting;
  gboolean shown;                       /* mapped at least once: the lanes are attached */

  /* template */
  GtkStack *stack;
  GtkLabel *policy_label;
  GtkBox *lanes_box;
  GtkRevealer *action_revealer;
  GtkLabel *selected_label;
  GtkDropDown *owner_dropdown;
  GtkDropDown *status_dropdown;
  GtkListBox *outbox_list;
  GtkBox *attainment_header;
  GtkToggleButton *today_button;
  GtkToggleButton *week_button;
  GtkStack *attainment_stack;
  GtkGrid *level_grid;
  GtkGrid *queue_grid;
};

G_DEFINE_FINAL_TYPE (CsmSlaPage, csm_sla_page, GTK_TYPE_WIDGET)

static void attach_lanes (CsmSlaPage *self,
                          gboolean    now);

static gint64
page_now (CsmSlaPage *self)
{
  return self->context ? csm_clock_get_now (csm_context_get_clock (self->context))
                       : g_get_real_time () / G_USEC_PER_SEC;
}

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

/* ------------------------------------------------------------------------ */
/* Lane rows                                                                */

static void
fill_row (CsmSlaPage  *self,
          GtkListItem *item)
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
  gint64 remaining;

  if (entry == NULL)
    return;
  ticket = csm_sla_entry_get_ticket (entry);
  title_text = g_strdup_printf ("#%" G_GINT64_FORMAT " %s", csm_ticket_get_id (ticket),
                                csm_ticket_get_subject (ticket));
  gtk_label_set_text (GTK_LABEL (title), title_text);

  /* The countdown pauses outside business hours where the level says so. */
  remaining = self->monitor ? csm_sla_policy_remaining (csm_sla_monitor_get_policy (self->monitor),
                                                        ticket, page_now (self))
                            : csm_sla_entry_get_seconds_to_due (entry);
  if (remaining < 0)
    {
      g_autofree char *late = csm_format_duration (-remaining);
      countdown = g_strdup_printf (_("overdue by %s"), late);
    }
  else if (remaining == 0 && csm_ticket_get_due (ticket) > page_now (self))
    {
      /* Outside business hours after the last business minute was used:
       * nothing left to count down, though the clock time is still ahead. */
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (csm_ticket_get_due (ticket));
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      g_autofree char *when = g_date_time_format (local, "%a %H:%M");
      countdown = g_strdup_printf (_("no business time left, due %s"), when);
    }
  else
    {
      g_autofree char *left = csm_format_duration (remaining);
      countdown = g_strdup_printf (_("due in %s"), left);
    }
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
              CsmSlaPage               *self)
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
             CsmSlaPage               *self)
{
  fill_row (self, item);
  g_hash_table_add (self->bound_rows, item);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CsmSlaPage               *self)
{
  g_hash_table_remove (self->bound_rows, item);
}

static void
clock_tick_cb (CsmSlaPage *self)
{
  GHashTableIter iter;
  gpointer item;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    fill_row (self, item);
}

/* ------------------------------------------------------------------------ */
/* Selection and actions                                                    */

static CsmSlaEntry *
selected_entry (CsmSlaPage *self)
{
  for (guint i = 0; i < N_LANES; i++)
    {
      CsmSlaEntry *entry = gtk_single_selection_get_selected_item (self->selections[i]);
      if (entry != NULL)
        return entry;
    }
  return NULL;
}

static void
update_actions (CsmSlaPage *self)
{
  CsmSlaEntry *entry = selected_entry (self);
  gboolean can_write = entry != NULL && self->outbox != NULL;

  gtk_revealer_set_reveal_child (self->action_revealer, entry != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla.reassign", can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla.set-status", can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla.open-in-rt", entry != NULL);
  if (entry != NULL)
    {
      CsmTicket *ticket = csm_sla_entry_get_ticket (entry);
      g_autofree char *text = g_strdup_printf ("#%" G_GINT64_FORMAT " %s", csm_ticket_get_id (ticket),
                                               csm_ticket_get_subject (ticket));
      gtk_label_set_text (self->selected_label, text);
    }
}

static void
lane_selection_cb (GtkSingleSelection *selection,
                   GParamSpec         *pspec,
                   CsmSlaPage         *self)
{
  CsmSlaEntry *entry = gtk_single_selection_get_selected_item (selection);

  if (self->selecting)
    return;
  if (entry != NULL)
    {
      /* One selection across the three lanes. */
      self->selecting = TRUE;
      for (guint i = 0; i < N_LANES; i++)
        if (self->selections[i] != selection)
          gtk_single_selection_set_selected (self->selections[i], GTK_INVALID_LIST_POSITION);
      self->selecting = FALSE;
      self->selected_ticket = csm_ticket_get_id (csm_sla_entry_get_ticket (entry));
    }
  else if (selected_entry (self) == NULL)
    self->selected_ticket = 0;
  update_actions (self);
}

gboolean
csm_sla_page_select_ticket (CsmSlaPage *self,
                            gint64      ticket_id)
{
  g_return_val_if_fail (CSM_IS_SLA_PAGE (self), FALSE);

  attach_lanes (self, TRUE);
  for (guint i = 0; i < N_LANES; i++)
    {
      GListModel *model = gtk_single_selection_get_model (self->selections[i]);
      for (guint pos = 0; model != NULL && pos < g_list_model_get_n_items (model); pos++)
        {
          g_autoptr(CsmSlaEntry) entry = g_list_model_get_item (model, pos);
          if (csm_ticket_get_id (csm_sla_entry_get_ticket (entry)) == ticket_id)
            {
              gtk_single_selection_set_selected (self->selections[i], pos);
              return TRUE;
            }
        }
    }
  return FALSE;
}

gint64
csm_sla_page_get_selected_ticket (CsmSlaPage *self)
{
  CsmSlaEntry *entry;

  g_return_val_if_fail (CSM_IS_SLA_PAGE (self), 0);
  entry = selected_entry (self);
  return entry ? csm_ticket_get_id (csm_sla_entry_get_ticket (entry)) : 0;
}

static void
queued_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (csm_outbox_queue_finish (CSM_OUTBOX (object), result, &error) <= 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Not even stored: say so where the user acted. */
      CsmSlaPage *self = user_data;
      gtk_widget_set_visible (GTK_WIDGET (self->outbox_list), TRUE);
      gtk_widget_error_bell (GTK_WIDGET (self));
      g_warning ("The change could not be stored: %s", error->message);
    }
}

static void
queue_write (CsmSlaPage *self,
             const char *field,
             const char *value,
             const char *previous)
{
  CsmSlaEntry *entry = selected_entry (self);

  if (entry == NULL || self->outbox == NULL || value == NULL)
    return;
  csm_outbox_queue_async (self->outbox, csm_ticket_get_id (csm_sla_entry_get_ticket (entry)),
                          field, value, previous, self->cancellable, queued_cb, self);
}

static void
reassign_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CsmSlaPage *self = CSM_SLA_PAGE (widget);
  CsmSlaEntry *entry = selected_entry (self);
  guint selected = gtk_drop_down_get_selected (self->owner_dropdown);

  if (entry == NULL || selected >= self->owner_names->len)
    return;
  queue_write (self, "Owner", g_ptr_array_index (self->owner_names, selected),
               csm_ticket_get_owner (csm_sla_entry_get_ticket (entry)));
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CsmSlaPage *self = CSM_SLA_PAGE (widget);
  CsmSlaEntry *entry = selected_entry (self);
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);

  if (entry == NULL || selected >= G_N_ELEMENTS (status_values))
    return;
  queue_write (self, "Status", status_values[selected],
               csm_ticket_get_status (csm_sla_entry_get_ticket (entry)));
}

static void
open_in_rt_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CsmSlaPage *self = CSM_SLA_PAGE (widget);
  CsmSlaEntry *entry = selected_entry (self);
  CsmAccount *account = self->context ? csm_context_get_account (self->context) : NULL;
  g_autofree char *uri = NULL;

  if (entry == NULL || account == NULL)
    return;
  uri = csm_account_dup_web_url (account, csm_ticket_get_id (csm_sla_entry_get_ticket (entry)));
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), uri, GDK_CURRENT_TIME);
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

  for (guint i = 0; i < G_N_ELEMENTS (status_values); i++)
    if (g_strcmp0 (status_values[i], status) == 0)
      gtk_drop_down_set_selected (self->status_dropdown, i);
}

static void
update_owner_choices (CsmSlaPage *self)
{
  GListModel *agents;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint selected = gtk_drop_down_get_selected (self->owner_dropdown);
  g_autofree char *selected_name = NULL;

  if (selected < self->owner_names->len)
    selected_name = g_strdup (g_ptr_array_index (self->owner_names, selected));

  g_ptr_array_set_size (self->owner_names, 0);
  /* RT's way of giving a ticket back to the queue. */
  g_ptr_array_add (self->owner_names, g_strdup ("Nobody"));
  g_ptr_array_add (labels, (gpointer) _("Nobody (unassign)"));
  if (self->monitor != NULL)
    {
      agents = csm_sync_engine_get_agents (csm_sla_monitor_get_engine (self->monitor));
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

static void
update_outbox_row (AdwActionRow *row,
                   GParamSpec   *pspec,
                   CsmOutboxItem *item)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *retry = g_object_get_data (G_OBJECT (row), "csm-retry");
  GtkWidget *discard = g_object_get_data (G_OBJECT (row), "csm-discard");
  gboolean failed = csm_outbox_item_get_state (item) == CSM_OUTBOX_FAILED;

  if (g_strcmp0 (csm_outbox_item_get_field (item), "Owner") == 0)
    title = g_strdup_printf (_("Reassign #%" PRId64 " to %s"),
                             csm_outbox_item_get_ticket_id (item), csm_outbox_item_get_value (item));
  else
    title = g_strdup_printf (_("Set #%" PRId64 " to %s"),
                             csm_outbox_item_get_ticket_id (item), csm_outbox_item_get_value (item));

  switch (csm_outbox_item_get_state (item))
    {
    case CSM_OUTBOX_SENDING:
      subtitle = g_strdup (_("Sending…"));
      break;
    case CSM_OUTBOX_FAILED:
      subtitle = g_strdup_printf (_("The helpdesk refused: %s"),
                                  csm_outbox_item_get_error (item) ? csm_outbox_item_get_error (item) : "");
      break;
    case CSM_OUTBOX_DONE:
      subtitle = g_strdup (_("Done"));
      break;
    case CSM_OUTBOX_PENDING:
    default:
      if (csm_outbox_item_get_attempts (item) > 0)
        subtitle = g_strdup_printf (_("Waiting for the helpdesk (%u attempts): %s"),
                                    csm_outbox_item_get_attempts (item),
                                    csm_outbox_item_get_error (item) ? csm_outbox_item_get_error (item) : "");
      else
        subtitle = g_strdup (_("Waiting to be sent"));
      break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_visible (retry, failed);
  gtk_widget_set_visible (discard, failed);
}

static void
retry_clicked_cb (GtkButton     *button,
                  CsmOutboxItem *item)
{
  CsmSlaPage *self = g_object_get_data (G_OBJECT (button), "csm-page");

  if (self->outbox != NULL)
    csm_outbox_retry (self->outbox, csm_outbox_item_get_id (item));
}

static void
discard_clicked_cb (GtkButton     *button,
                    CsmOutboxItem *item)
{
  CsmSlaPage *self = g_object_get_data (G_OBJECT (button), "csm-page");

  if (self->outbox != NULL)
    csm_outbox_discard (self->outbox, csm_outbox_item_get_id (item));
}

static GtkWidget *
create_outbox_row (gpointer item,
                   gpointer user_data)
{
  CsmSlaPage *self = user_data;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *retry = gtk_button_new_with_mnemonic (_("_Retry"));
  GtkWidget *discard = gtk_button_new_with_mnemonic (_("_Discard"));

  gtk_widget_set_valign (retry, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (discard, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (retry), "csm-page", self);
  g_object_set_data (G_OBJECT (discard), "csm-page", self);
  g_signal_connect_object (retry, "clicked", G_CALLBACK (retry_clicked_cb), item, 0);
  g_signal_connect_object (discard, "clicked", G_CALLBACK (discard_clicked_cb), item, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), retry);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), discard);
  g_object_set_data (G_OBJECT (row), "csm-retry", retry);
  g_object_set_data (G_OBJECT (row), "csm-discard", discard);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_signal_connect_object (item, "notify", G_CALLBACK (update_outbox_row), row, G_CONNECT_SWAPPED);
  update_outbox_row (ADW_ACTION_ROW (row), NULL, item);
  return row;
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
/* Attainment                                                               */

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
fill_grid (CsmSlaPage *self,
           GtkGrid    *grid,
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

static void
update_attainment (CsmSlaPage *self)
{
  CsmSlaPolicy *policy;
  GPtrArray *tickets;
  g_autoptr(GPtrArray) by_level = NULL;
  g_autoptr(GPtrArray) by_queue = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  gint64 now = page_now (self);
  gint64 from;

  if (self->monitor == NULL)
    return;
  policy = csm_sla_monitor_get_policy (self->monitor);
  if (csm_sla_policy_is_empty (policy))
    {
      gtk_stack_set_visible_child_name (self->attainment_stack, "no-policy");
      return;
    }
  gtk_stack_set_visible_child_name (self->attainment_stack, "table");
  from = gtk_toggle_button_get_active (self->week_button) ? now - 7 * 86400
                                                          : csm_agent_board_day_start (tz, now);
  tickets = csm_ticket_list_get_array (csm_sync_engine_get_tickets (csm_sla_monitor_get_engine (self->monitor)));
  by_level = csm_sla_attainment_compute (policy, tickets, FALSE, from, now + 1, now);
  by_queue = csm_sla_attainment_compute (policy, tickets, TRUE, from, now + 1, now);
  fill_grid (self, self->level_grid, _("SLA level"), by_level);
  fill_grid (self, self->queue_grid, _("Queue"), by_queue);
}

/**
 * csm_sla_page_dup_attainment_text:
 *
 * Returns: (transfer full): the attainment tables as text, a row a line
 */
char *
csm_sla_page_dup_attainment_text (CsmSlaPage *self)
{
  GString *text = g_string_new (NULL);
  GtkGrid *grids[] = { self->level_grid, self->queue_grid };

  g_return_val_if_fail (CSM_IS_SLA_PAGE (self), NULL);

  for (guint g = 0; g < G_N_ELEMENTS (grids); g++)
    for (int row = 0;; row++)
      {
        GtkWidget *first = gtk_grid_get_child_at (grids[g], 0, row);
        if (first == NULL)
          break;
        for (int column = 0; column < 3; column++)
          {
            GtkWidget *cell = gtk_grid_get_child_at (grids[g], column, row);
            if (cell != NULL)
              g_string_append_printf (text, "%s%s", column ? "\t" : "", gtk_label_get_text (GTK_LABEL (cell)));
          }
        g_string_append_c (text, '\n');
      }
  return g_string_free (text, FALSE);
}

/* ------------------------------------------------------------------------ */
/* What each figure means                                                   */

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
  const CsmSlaBoardOptions *options = self->monitor ? csm_sla_monitor_get_options (self->monitor) : NULL;
  int horizon = options ? (int) (options->horizon_seconds / 60) : 30;
  int window = options ? (int) (options->rate_window_seconds / 60) : 60;

  g_return_val_if_fail (CSM_IS_SLA_PAGE (self), NULL);

  if (g_strcmp0 (what, "breached") == 0)
    return g_strdup (_("Breached: an active ticket (new, open or stalled) whose deadline, the Due "
                       "date RT keeps for it, has passed."));
  if (g_strcmp0 (what, "at_risk") == 0)
    return g_strdup_printf (_("At risk: an active ticket whose deadline is at most %d minutes away. "
                              "Where its SLA level counts business minutes, only business hours "
                              "count."), horizon);
  if (g_strcmp0 (what, "predicted") == 0)
    return g_strdup_printf (_("Predicted to breach: a ticket still waiting for its first reply "
                              "whose predicted reply comes after its deadline. A queue’s waiting "
                              "tickets are taken oldest first, at the rate the queue sent first "
                              "replies over the last %d minutes: the k-th waiting ticket is "
                              "answered after k ÷ that rate."), window);
  return g_strdup (_("Attainment = deadlines met ÷ deadlines met or missed, among the deadlines "
                     "in the period. Response: the first agent reply by the response deadline "
                     "the SLA level gives; resolve: resolved by the resolve deadline. A deadline "
                     "still ahead of an open ticket is not counted yet."));
}

static void
explanation_shown_cb (GtkPopover *popover,
                      CsmSlaPage *self)
{
  GtkLabel *label = GTK_LABEL (gtk_popover_get_child (popover));
  g_autofree char *text = csm_sla_page_dup_explanation (self, g_object_get_data (G_OBJECT (popover), "csm-what"));

  gtk_label_set_text (label, text);
}

/* A button beside a heading whose popover says how the figure is made. */
static GtkWidget *
explanation_button (CsmSlaPage *self,
                    const char *what)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 44);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_popover_set_child (GTK_POPOVER (popover), label);
  g_object_set_data (G_OBJECT (popover), "csm-what", (gpointer) what);
  g_signal_connect_object (popover, "show", G_CALLBACK (explanation_shown_cb), self, 0);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "dialog-information-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("How Is This Counted?"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("How Is This Counted?"), -1);
  return button;
}

/* ------------------------------------------------------------------------ */
/* Following the monitor                                                    */

static void
monitor_updated_cb (CsmSlaPage *self)
{
  guint total = 0;
  const char *problem = self->context ? csm_context_get_policy_problem (self->context) : NULL;

  for (guint i = 0; i < N_LANES; i++)
    {
      GListModel *lane = csm_sla_monitor_get_lane (self->monitor, lane_states[i]);
      guint n = g_list_model_get_n_items (lane);
      g_autofree char *title = g_strdup_printf ("%s  %u", lane_title (lane_states[i]), n);

      gtk_label_set_text (self->lane_titles[i], title);
      total += n;
    }
  total += g_list_model_get_n_items (csm_sla_monitor_get_lane (self->monitor, CSM_SLA_STATE_OK));
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
  update_actions (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_attainment (self);
}

/* The lanes reach their lists once the page is shown (or a ticket is to be
 * selected on it): GTK 4.8's list widgets make rows even out of sight. */
static void
attach_lanes (CsmSlaPage *self,
              gboolean    now)
{
  if (now || gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->shown = TRUE;
  for (guint i = 0; i < N_LANES; i++)
    {
      GListModel *lane = self->monitor != NULL && self->shown
                         ? csm_sla_monitor_get_lane (self->monitor, lane_states[i]) : NULL;
      if (gtk_single_selection_get_model (self->selections[i]) != lane)
        gtk_single_selection_set_model (self->selections[i], lane);
    }
}

static void
engine_changed_cb (CsmSlaPage *self)
{
  CsmSlaMonitor *monitor = self->context ? csm_context_get_sla_monitor (self->context) : NULL;
  CsmOutbox *outbox = self->context ? csm_context_get_outbox (self->context) : NULL;

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_data (csm_outbox_get_items (self->outbox), self);
  g_set_object (&self->monitor, monitor);
  g_set_object (&self->outbox, outbox);
  self->selected_ticket = 0;

  attach_lanes (self, FALSE);
  gtk_list_box_bind_model (self->outbox_list, outbox ? csm_outbox_get_items (outbox) : NULL,
                           create_outbox_row, self, NULL);
  if (outbox != NULL)
    g_signal_connect_object (csm_outbox_get_items (outbox), "items-changed",
                             G_CALLBACK (outbox_items_changed_cb), self, G_CONNECT_SWAPPED);
  outbox_items_changed_cb (self);
  if (monitor != NULL)
    {
      g_signal_connect_object (monitor, "updated", G_CALLBACK (monitor_updated_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (csm_sync_engine_get_agents (csm_sla_monitor_get_engine (monitor)),
                               "items-changed", G_CALLBACK (update_owner_choices), self,
                               G_CONNECT_SWAPPED);
      monitor_updated_cb (self);
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
  update_owner_choices (self);
  update_actions (self);
}

void
csm_sla_page_set_context (CsmSlaPage *self,
                          CsmContext *context)
{
  g_return_if_fail (CSM_IS_SLA_PAGE (self));
  g_return_if_fail (!context || CSM_IS_CONTEXT (context));

  if (self->context == context)
    return;
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_set_object (&self->context, context);
  g_signal_group_set_target (self->clock_signals, context ? csm_context_get_clock (context) : NULL);
  if (context != NULL)
    g_signal_connect_object (context, "notify::engine", G_CALLBACK (engine_changed_cb), self,
                             G_CONNECT_SWAPPED);
  engine_changed_cb (self);
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
    if (lane_states[i] == state)
      return G_LIST_MODEL (self->selections[i]);
  return NULL;
}

static void
csm_sla_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (csm_sla_page_parent_class)->map (widget);
  attach_lanes (CSM_SLA_PAGE (widget), FALSE);
  update_attainment (CSM_SLA_PAGE (widget));
}

static void
csm_sla_page_dispose (GObject *object)
{
  CsmSlaPage *self = (CsmSlaPage *) object;

  g_cancellable_cancel (self->cancellable);
  for (guint i = 0; i < N_LANES; i++)
    if (self->selections[i] != NULL)
      g_signal_handlers_disconnect_by_data (self->selections[i], self);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  if (self->clock_signals != NULL)
    g_signal_group_set_target (self->clock_signals, NULL);
  if (self->outbox_list != NULL)
    gtk_list_box_bind_model (self->outbox_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_SLA_PAGE);

  for (guint i = 0; i < N_LANES; i++)
    g_clear_object (&self->selections[i]);
  g_clear_pointer (&self->bound_rows, g_hash_table_unref);
  g_clear_object (&self->clock_signals);
  g_clear_object (&self->owner_labels);
  g_clear_object (&self->monitor);
  g_clear_object (&self->outbox);
  g_clear_object (&self->context);
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

  object_class->dispose = csm_sla_page_dispose;
  object_class->finalize = csm_sla_page_finalize;
  widget_class->map = csm_sla_page_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/csm-sla-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, policy_label);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, lanes_box);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, action_revealer);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, selected_label);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, outbox_list);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, attainment_header);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, today_button);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, week_button);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, attainment_stack);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, level_grid);
  gtk_widget_class_bind_template_child (widget_class, CsmSlaPage, queue_grid);

  gtk_widget_class_install_action (widget_class, "sla.reassign", NULL, reassign_action);
  gtk_widget_class_install_action (widget_class, "sla.set-status", NULL, set_status_action);
  gtk_widget_class_install_action (widget_class, "sla.open-in-rt", NULL, open_in_rt_action);
}

static void
csm_sla_page_init (CsmSlaPage *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->bound_rows = g_hash_table_new (NULL, NULL);
  self->owner_names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_LANES; i++)
    {
      GtkWidget *lane = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *title = gtk_label_new (lane_title (lane_states[i]));
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      GtkWidget *list;

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "heading");
      self->lane_titles[i] = GTK_LABEL (title);

      g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), self);
      self->selections[i] = gtk_single_selection_new (NULL);
      gtk_single_selection_set_autoselect (self->selections[i], FALSE);
      gtk_single_selection_set_can_unselect (self->selections[i], TRUE);
      g_signal_connect (self->selections[i], "notify::selected-item", G_CALLBACK (lane_selection_cb), self);
      list = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selections[i])),
                                g_steal_pointer (&factory));
      gtk_widget_add_css_class (list, "card");
      gtk_widget_add_css_class (list, i == 0 ? "sla-breached" : i == 1 ? "sla-at-risk" : "sla-predicted");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      lane_title (lane_states[i]), -1);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_widget_set_vexpand (scrolled, TRUE);
      {
        static const char * const whats[] = { "breached", "at_risk", "predicted" };
        GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

        gtk_box_append (GTK_BOX (header), title);
        gtk_box_append (GTK_BOX (header), explanation_button (self, whats[i]));
        gtk_box_append (GTK_BOX (lane), header);
      }
      gtk_box_append (GTK_BOX (lane), scrolled);
      gtk_box_append (self->lanes_box, lane);
    }

  self->owner_labels = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (self->owner_labels));
  {
    GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
    gtk_drop_down_set_expression (self->owner_dropdown, expression);
    gtk_expression_unref (expression);
  }
  gtk_string_list_append (statuses, C_("ticket status", "New"));
  gtk_string_list_append (statuses, C_("ticket status", "Open"));
  gtk_string_list_append (statuses, C_("ticket status", "Stalled"));
  gtk_string_list_append (statuses, C_("ticket status", "Resolved"));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  gtk_drop_down_set_selected (self->status_dropdown, 1);

  g_signal_connect_swapped (self->today_button, "toggled", G_CALLBACK (update_attainment), self);
  gtk_box_insert_child_after (self->attainment_header, explanation_button (self, "attainment"),
                              gtk_widget_get_first_child (GTK_WIDGET (self->attainment_header)));

  self->clock_signals = g_signal_group_new (CSM_TYPE_CLOCK);
  g_signal_group_connect_swapped (self->clock_signals, "notify::now", G_CALLBACK (clock_tick_cb), self);

  update_owner_choices (self);
  update_actions (self);
}
