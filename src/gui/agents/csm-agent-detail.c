/* csm-agent-detail.c: one agent up close: their day on a timeline, capacity and shift, tickets, transactions.
 *
 * The lists are bound to models (the tickets they own, their transactions
 * today) that change only where the agent's day did, so a refresh does not
 * rebuild rows under the reader's eyes. Capacity and shift are this
 * agent's entries in the "agent-capacities" and "agent-shifts" settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-agent-detail"

#include "config.h"

#include <inttypes.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "csm-agent-board.h"
#include "csm-agent-detail.h"
#include "csm-agent-timeline.h"
#include "csm-page.h"
#include "csm-ticket.h"
#include "csm-ticket-list.h"
#include "csm-time.h"
#include "csm-transaction.h"

/* Monday to Friday, as GDateWeekday bits. */
#define WEEKDAYS ((1u << G_DATE_MONDAY) | (1u << G_DATE_TUESDAY) | (1u << G_DATE_WEDNESDAY) | \
                  (1u << G_DATE_THURSDAY) | (1u << G_DATE_FRIDAY))

/* The newest transactions listed; the timeline shows them all. */
#define MAX_EVENTS 50

struct _CsmAgentDetail
{
  GtkWidget parent_instance;

  CsmAgentMonitor *monitor;        /* (owned) (nullable) */
  CsmAgentStats *stats;            /* (owned) (nullable) */
  GListStore *tickets;             /* (owned) (element-type CsmTicket): owned, oldest first */
  GtkStringList *events;           /* (owned): today's transactions, newest first */

  /* template */
  GtkLabel *title;
  GtkLabel *summary;
  CsmAgentTimeline *timeline;
  GtkSpinButton *capacity_spin;
  GtkSwitch *shift_switch;
  AdwActionRow *shift_hours_row;
  GtkSpinButton *shift_start_spin;
  GtkSpinButton *shift_end_spin;
  GtkLabel *tickets_heading;
  GtkListBox *tickets_list;
  GtkLabel *events_heading;
  GtkListBox *events_list;
};

G_DEFINE_FINAL_TYPE (CsmAgentDetail, csm_agent_detail, GTK_TYPE_WIDGET)

static void capacity_changed_cb (CsmAgentDetail *self);
static void shift_changed_cb    (CsmAgentDetail *self);

static CsmPage *
detail_page (CsmAgentDetail *self)
{
  return (CsmPage *) gtk_widget_get_ancestor (GTK_WIDGET (self), CSM_TYPE_PAGE);
}

static gint64
detail_now (CsmAgentDetail *self)
{
  CsmPage *page = detail_page (self);

  return page != NULL ? csm_page_get_now (page) : 0;
}

static GSettings *
detail_settings (CsmAgentDetail *self)
{
  CsmPage *page = detail_page (self);

  return page != NULL ? csm_page_get_settings (page) : NULL;
}

static const char *
event_verb (CsmTransaction *tx)
{
  switch (tx->type)
    {
    case CSM_TRANSACTION_CREATE:
      return _("Created");
    case CSM_TRANSACTION_CORRESPOND:
      return _("Replied");
    case CSM_TRANSACTION_COMMENT:
      return _("Commented");
    case CSM_TRANSACTION_STATUS:
      return _("Changed the status");
    case CSM_TRANSACTION_SET_OWNER:
      return _("Changed the owner");
    default:
      return _("Worked");
    }
}

/* ------------------------------------------------------------------------ */
/* Rows                                                                     */

static char *
ticket_subtitle (CsmTicket *ticket,
                 gint64     now)
{
  g_autofree char *age = csm_format_age (csm_ticket_get_created (ticket), now);

  return g_markup_printf_escaped ("%s · %s · %s", csm_ticket_get_queue_name (ticket),
                                  csm_ticket_get_status (ticket), age);
}

/* A row's text: the subject may change in place, the age moves on. */
static void
show_ticket (AdwActionRow *row,
             CsmTicket    *ticket,
             gint64        now)
{
  g_autofree char *title = g_markup_printf_escaped ("#%" G_GINT64_FORMAT " %s",
                                                    csm_ticket_get_id (ticket),
                                                    csm_ticket_get_subject (ticket));
  g_autofree char *subtitle = ticket_subtitle (ticket, now);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle);
}

static GtkWidget *
create_ticket_row (gpointer item,
                   gpointer user_data)
{
  GtkWidget *row = adw_action_row_new ();

  show_ticket (ADW_ACTION_ROW (row), item, detail_now (user_data));
  return row;
}

static GtkWidget *
create_event_row (gpointer item,
                  gpointer user_data)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  return row;
}

/* ------------------------------------------------------------------------ */
/* Showing the agent                                                        */

static void
update_tickets (CsmAgentDetail *self,
                gint64          now)
{
  GArray *owned = csm_agent_stats_get_owned_ticket_ids (self->stats);
  CsmTicketList *list = csm_sync_engine_get_tickets (csm_agent_monitor_get_engine (self->monitor));
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->tickets));
  gboolean same;
  g_autofree char *heading = NULL;

  for (guint i = 0; owned != NULL && i < owned->len; i++)
    {
      CsmTicket *ticket = csm_ticket_list_lookup (list, g_array_index (owned, gint64, i));
      if (ticket != NULL)
        g_ptr_array_add (wanted, ticket);
    }

  same = wanted->len == shown;
  for (guint i = 0; same && i < shown; i++)
    {
      g_autoptr(CsmTicket) old = g_list_model_get_item (G_LIST_MODEL (self->tickets), i);
      same = old == g_ptr_array_index (wanted, i);
    }
  if (!same)
    g_list_store_splice (self->tickets, 0, shown, wanted->pdata, wanted->len);
  else
    /* The same tickets, shown again in their rows. */
    for (guint i = 0; i < shown; i++)
      {
        GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->tickets_list, i);

        if (ADW_IS_ACTION_ROW (row))
          show_ticket (ADW_ACTION_ROW (row), g_ptr_array_index (wanted, i), now);
      }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Active Ticket", "%u Active Tickets",
                                          wanted->len), wanted->len);
  gtk_label_set_text (self->tickets_heading, heading);
  gtk_widget_set_visible (GTK_WIDGET (self->tickets_list), wanted->len > 0);
}

static void
update_events (CsmAgentDetail *self,
               GTimeZone      *tz)
{
  GPtrArray *events = csm_agent_stats_get_events (self->stats);
  guint n_events = events ? events->len : 0;
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->events));
  gboolean same;
  g_autofree char *heading = NULL;

  for (guint n = 0; n < n_events && n < MAX_EVENTS; n++)
    {
      CsmTransaction *tx = g_ptr_array_index (events, n_events - 1 - n);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (tx->created);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (when, tz);
      g_autofree char *clock = g_date_time_format (local, "%H:%M");

      if (tx->time_taken > 0)
        g_ptr_array_add (titles, g_strdup_printf (_("%s %s on #%" PRId64 " (%d min)"), clock,
                                                  event_verb (tx), tx->ticket_id, tx->time_taken));
      else
        g_ptr_array_add (titles, g_strdup_printf (_("%s %s on #%" PRId64), clock, event_verb (tx),
                                                  tx->ticket_id));
    }

  same = titles->len == shown;
  for (guint i = 0; same && i < shown; i++)
    same = g_strcmp0 (gtk_string_list_get_string (self->events, i),
                      g_ptr_array_index (titles, i)) == 0;
  if (!same)
    {
      g_ptr_array_add (titles, NULL);
      gtk_string_list_splice (self->events, 0, shown, (const char * const *) titles->pdata);
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Transaction Today",
                                          "%u Transactions Today", n_events), n_events);
  gtk_label_set_text (self->events_heading, heading);
  gtk_widget_set_visible (GTK_WIDGET (self->events_list), n_events > 0);
}

/* The editors show this agent's settings; what they show is not a change. */
static void
update_editors (CsmAgentDetail *self)
{
  GSettings *settings = detail_settings (self);
  g_autoptr(GVariant) shifts = NULL;
  gint32 start = 9 * 60, end = 17 * 60;
  guint32 days = 0;
  gboolean has_shift = FALSE;

  if (settings != NULL)
    {
      shifts = g_settings_get_value (settings, "agent-shifts");
      has_shift = g_variant_lookup (shifts, csm_agent_stats_get_name (self->stats), "(uii)",
                                    &days, &start, &end);
    }

  g_signal_handlers_block_by_func (self->capacity_spin, capacity_changed_cb, self);
  g_signal_handlers_block_by_func (self->shift_switch, shift_changed_cb, self);
  g_signal_handlers_block_by_func (self->shift_start_spin, shift_changed_cb, self);
  g_signal_handlers_block_by_func (self->shift_end_spin, shift_changed_cb, self);
  gtk_spin_button_set_value (self->capacity_spin, csm_agent_stats_get_capacity (self->stats));
  gtk_switch_set_active (self->shift_switch, has_shift);
  gtk_spin_button_set_value (self->shift_start_spin, start / 60);
  gtk_spin_button_set_value (self->shift_end_spin, end / 60);
  gtk_widget_set_sensitive (GTK_WIDGET (self->shift_hours_row), has_shift);
  g_signal_handlers_unblock_by_func (self->capacity_spin, capacity_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->shift_switch, shift_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->shift_start_spin, shift_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->shift_end_spin, shift_changed_cb, self);
}

/**
 * csm_agent_detail_update:
 *
 * Shows the agent's numbers again, after the monitor counted anew.
 */
void
csm_agent_detail_update (CsmAgentDetail *self)
{
  CsmAgentStats *stats;
  const CsmAgentBoardOptions *options;
  gint64 now;
  g_autofree char *summary = NULL;
  g_autofree char *load = NULL;
  g_autofree char *occupancy = NULL;
  g_autofree char *handle = NULL;

  g_return_if_fail (CSM_IS_AGENT_DETAIL (self));

  stats = self->stats;
  if (stats == NULL || self->monitor == NULL)
    return;
  options = csm_agent_monitor_get_options (self->monitor);
  now = detail_now (self);

  gtk_label_set_text (self->title, csm_agent_stats_get_display_name (stats));
  load = csm_format_percent (csm_agent_stats_get_load (stats));
  occupancy = csm_format_percent (csm_agent_stats_get_occupancy (stats));
  handle = csm_format_work (csm_agent_stats_get_handle_seconds_today (stats));
  summary = g_strdup_printf (_("%s (inferred) · %u of %u tickets (load %s) · %s handled today · "
                               "%u replies today · occupancy %s"),
                             csm_presence_to_label (csm_agent_stats_get_presence (stats)),
                             csm_agent_stats_get_active_owned (stats),
                             csm_agent_stats_get_capacity (stats), load, handle,
                             csm_agent_stats_get_replies_today (stats), occupancy);
  gtk_label_set_text (self->summary, summary);

  csm_agent_timeline_set_day (self->timeline, stats,
                              csm_agent_board_day_start (options->tz, now), now, options->tz);
  update_editors (self);
  update_tickets (self, now);
  update_events (self, options->tz);
}

/* ------------------------------------------------------------------------ */
/* Editing capacity and shift                                               */

static void
write_agent_setting (CsmAgentDetail *self,
                     const char     *key,
                     GVariant       *value)
{
  GSettings *settings = detail_settings (self);
  const char *name = csm_agent_stats_get_name (self->stats);
  g_autoptr(GVariant) old = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  GVariant *entry;

  if (settings == NULL)
    return;
  old = g_settings_get_value (settings, key);
  g_variant_builder_init (&builder, g_variant_get_type (old));
  g_variant_iter_init (&iter, old);
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariant) k = g_variant_get_child_value (entry, 0);
      if (g_strcmp0 (g_variant_get_string (k, NULL), name) != 0)
        g_variant_builder_add_value (&builder, entry);
      else
        g_variant_unref (entry);
    }
  if (value != NULL)
    g_variant_builder_add_value (&builder, g_variant_new_dict_entry (g_variant_new_string (name), value));
  g_settings_set_value (settings, key, g_variant_builder_end (&builder));
}

static void
capacity_changed_cb (CsmAgentDetail *self)
{
  GSettings *settings = detail_settings (self);
  guint capacity = (guint) gtk_spin_button_get_value_as_int (self->capacity_spin);

  if (self->stats == NULL || settings == NULL)
    return;
  /* The default needs no entry of its own. */
  if (capacity == g_settings_get_uint (settings, "agent-default-capacity"))
    write_agent_setting (self, "agent-capacities", NULL);
  else
    write_agent_setting (self, "agent-capacities", g_variant_new_uint32 (capacity));
}

static void
shift_changed_cb (CsmAgentDetail *self)
{
  gboolean on = gtk_switch_get_active (self->shift_switch);
  int start = gtk_spin_button_get_value_as_int (self->shift_start_spin) * 60;
  int end = gtk_spin_button_get_value_as_int (self->shift_end_spin) * 60;

  gtk_widget_set_sensitive (GTK_WIDGET (self->shift_hours_row), on);
  if (self->stats == NULL)
    return;
  write_agent_setting (self, "agent-shifts", on ? g_variant_new ("(uii)", WEEKDAYS, start, end) : NULL);
}

/* ------------------------------------------------------------------------ */

/**
 * csm_agent_detail_set_monitor:
 * @monitor: (nullable): whose agents are shown
 */
void
csm_agent_detail_set_monitor (CsmAgentDetail  *self,
                              CsmAgentMonitor *monitor)
{
  g_return_if_fail (CSM_IS_AGENT_DETAIL (self));
  g_set_object (&self->monitor, monitor);
}

/**
 * csm_agent_detail_get_stats:
 *
 * Returns: (transfer none) (nullable): the agent shown
 */
CsmAgentStats *
csm_agent_detail_get_stats (CsmAgentDetail *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_DETAIL (self), NULL);
  return self->stats;
}

/**
 * csm_agent_detail_set_stats:
 * @stats: (nullable): the agent to show
 */
void
csm_agent_detail_set_stats (CsmAgentDetail *self,
                            CsmAgentStats  *stats)
{
  g_return_if_fail (CSM_IS_AGENT_DETAIL (self));

  if (g_set_object (&self->stats, stats))
    {
      /* Another agent: their rows, not the last one's updated in place. */
      g_list_store_remove_all (self->tickets);
      gtk_string_list_splice (self->events, 0, g_list_model_get_n_items (G_LIST_MODEL (self->events)),
                              NULL);
    }
  csm_agent_detail_update (self);
}

/**
 * csm_agent_detail_get_tickets:
 *
 * Returns: (transfer none): the tickets listed, oldest first
 */
GListModel *
csm_agent_detail_get_tickets (CsmAgentDetail *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_DETAIL (self), NULL);
  return G_LIST_MODEL (self->tickets);
}

/**
 * csm_agent_detail_get_events:
 *
 * Returns: (transfer none): the transactions listed, newest first, as text
 */
GListModel *
csm_agent_detail_get_events (CsmAgentDetail *self)
{
  g_return_val_if_fail (CSM_IS_AGENT_DETAIL (self), NULL);
  return G_LIST_MODEL (self->events);
}

static void
csm_agent_detail_dispose (GObject *object)
{
  CsmAgentDetail *self = CSM_AGENT_DETAIL (object);
  GtkWidget *child;

  if (self->tickets_list != NULL)
    gtk_list_box_bind_model (self->tickets_list, NULL, NULL, NULL, NULL);
  if (self->events_list != NULL)
    gtk_list_box_bind_model (self->events_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_AGENT_DETAIL);
  /* GTK 4.8 unparents only the template children it binds. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->tickets);
  g_clear_object (&self->events);
  g_clear_object (&self->stats);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (csm_agent_detail_parent_class)->dispose (object);
}

static void
csm_agent_detail_class_init (CsmAgentDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_agent_detail_dispose;

  g_type_ensure (CSM_TYPE_AGENT_TIMELINE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/csm-agent-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmAgentDetail, title);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentDetail, summary);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentDetail, timeline);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentDetail, capacity_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentDetail, shift_switch);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentDetail, shift_hours_row);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentDetail, shift_start_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentDetail, shift_end_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentDetail, tickets_heading);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentDetail, tickets_list);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentDetail, events_heading);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentDetail, events_list);
  gtk_widget_class_bind_template_callback (widget_class, capacity_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, shift_changed_cb);
}

static void
csm_agent_detail_init (CsmAgentDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->tickets = g_list_store_new (CSM_TYPE_TICKET);
  self->events = gtk_string_list_new (NULL);
  gtk_list_box_bind_model (self->tickets_list, G_LIST_MODEL (self->tickets), create_ticket_row,
                           self, NULL);
  gtk_list_box_bind_model (self->events_list, G_LIST_MODEL (self->events), create_event_row,
                           NULL, NULL);
}
