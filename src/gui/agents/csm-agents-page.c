/* csm-agents-page.c: who is overloaded: every agent's load, activity and occupancy.
 *
 * The rows are the agent monitor's CsmAgentStats, updated in place on each
 * refresh, seen through a filter and a sort model: selection and scroll
 * position survive refreshes. Every column header has a menu item that
 * explains its formula with what was counted for the selected agent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-agents-page"

#include "config.h"

#include <inttypes.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "csm-agent-board.h"
#include "csm-agent-stats.h"
#include "csm-agent-detail.h"
#include "csm-agents-page-private.h"
#include "csm-enums.h"
#include "csm-formula-popover.h"
#include "csm-settings-bind.h"
#include "csm-page.h"
#include "csm-queue.h"
#include "csm-ticket.h"
#include "csm-ticket-list.h"
#include "csm-time.h"
#include "csm-transaction.h"

const ColumnInfo csm_agents_page_columns[N_COLUMNS] = {
  { "agent", NC_("column", "Agent"), TRUE, 0.0f },
  { "presence", NC_("column", "Presence"), FALSE, 0.0f },
  { "active", NC_("column", "Active"), FALSE, 1.0f },
  { "capacity", NC_("column", "Capacity"), FALSE, 1.0f },
  { "load", NC_("column", "Load"), FALSE, 1.0f },
  { "handle-today", NC_("column", "Handled"), FALSE, 1.0f },
  { "replies-today", NC_("column", "Replies"), FALSE, 1.0f },
  { "occupancy", NC_("column", "Occupancy"), FALSE, 1.0f },
  { "oldest", NC_("column", "Oldest"), FALSE, 1.0f },
};

G_DEFINE_FINAL_TYPE (CsmAgentsPage, csm_agents_page, CSM_TYPE_PAGE)

static gint64
page_now (CsmAgentsPage *self)
{
  return csm_page_get_now (CSM_PAGE (self));
}

guint
csm_agents_page_threshold (CsmAgentsPage *self,
                           const char    *key)
{
  GSettings *settings = csm_page_get_settings (CSM_PAGE (self));

  return settings ? g_settings_get_uint (settings, key) : 100;
}

/* ------------------------------------------------------------------------ */
/* Cells                                                                    */

static char *
cell_text (CsmAgentsPage *self,
           CsmAgentStats *stats,
           Column         column,
           const char   **out_class)
{
  gint64 now = page_now (self);

  *out_class = NULL;
  switch (column)
    {
    case COLUMN_AGENT:
      return g_strdup (csm_agent_stats_get_display_name (stats));
    case COLUMN_PRESENCE:
      *out_class = csm_agent_stats_get_presence (stats) == CSM_PRESENCE_ACTIVE ? "success"
                   : csm_agent_stats_get_presence (stats) == CSM_PRESENCE_IDLE ? "warning" : "dim-label";
      return g_strdup_printf ("● %s", csm_presence_to_label (csm_agent_stats_get_presence (stats)));
    case COLUMN_ACTIVE:
      return g_strdup_printf ("%u", csm_agent_stats_get_active_owned (stats));
    case COLUMN_CAPACITY:
      return g_strdup_printf ("%u", csm_agent_stats_get_capacity (stats));
    case COLUMN_LOAD:
      {
        double load = csm_agent_stats_get_load (stats);
        if (load * 100.0 > csm_agents_page_threshold (self, "load-threshold"))
          *out_class = "error";
        return csm_format_percent (load);
      }
    case COLUMN_HANDLE:
      return csm_format_work (csm_agent_stats_get_handle_seconds_today (stats));
    case COLUMN_REPLIES:
      return g_strdup_printf ("%u", csm_agent_stats_get_replies_today (stats));
    case COLUMN_OCCUPANCY:
      {
        double occupancy = csm_agent_stats_get_occupancy (stats);
        if (occupancy * 100.0 > csm_agents_page_threshold (self, "occupancy-threshold"))
          *out_class = "error";
        return csm_format_percent (occupancy);
      }
    case COLUMN_OLDEST:
      if (csm_agent_stats_get_oldest_owned_created (stats) == 0)
        return g_strdup (C_("no value", "—"));
      return csm_format_age (csm_agent_stats_get_oldest_owned_created (stats), now);
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
update_cell (GtkListItem *item)
{
  CsmAgentsPage *self = g_object_get_data (G_OBJECT (item), "csm-page");
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "csm-column"));
  CsmAgentStats *stats = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *css_class = NULL;
  g_autofree char *text = NULL;
  const char *old_class = g_object_get_data (G_OBJECT (label), "csm-class");

  if (stats == NULL)
    return;
  text = cell_text (self, stats, column, &css_class);
  gtk_label_set_text (GTK_LABEL (label), text);
  if (g_strcmp0 (old_class, css_class) != 0)
    {
      if (old_class != NULL)
        gtk_widget_remove_css_class (label, old_class);
      if (css_class != NULL)
        gtk_widget_add_css_class (label, css_class);
      g_object_set_data (G_OBJECT (label), "csm-class", (gpointer) css_class);
    }
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "csm-column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), csm_agents_page_columns[column].xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (csm_agents_page_columns[column].xalign > 0.5f)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
  g_object_set_data (G_OBJECT (item), "csm-page", user_data);
  g_object_set_data (G_OBJECT (item), "csm-column", GUINT_TO_POINTER (column));
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  CsmAgentStats *stats = gtk_list_item_get_item (item);

  update_cell (item);
  /* Rows are updated in place: follow the row. */
  g_signal_connect_object (stats, "notify", G_CALLBACK (update_cell), item, G_CONNECT_SWAPPED);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  CsmAgentStats *stats = gtk_list_item_get_item (item);

  if (stats != NULL)
    g_signal_handlers_disconnect_by_func (stats, update_cell, item);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  CsmAgentStats *x = (CsmAgentStats *) a;
  CsmAgentStats *y = (CsmAgentStats *) b;
  Column column = GPOINTER_TO_UINT (user_data);
  double dx = 0, dy = 0;

  switch (column)
    {
    case COLUMN_AGENT:
      return g_utf8_collate (csm_agent_stats_get_display_name (x), csm_agent_stats_get_display_name (y));
    case COLUMN_PRESENCE:
      dx = csm_agent_stats_get_presence (x);
      dy = csm_agent_stats_get_presence (y);
      break;
    case COLUMN_ACTIVE:
      dx = csm_agent_stats_get_active_owned (x);
      dy = csm_agent_stats_get_active_owned (y);
      break;
    case COLUMN_CAPACITY:
      dx = csm_agent_stats_get_capacity (x);
      dy = csm_agent_stats_get_capacity (y);
      break;
    case COLUMN_LOAD:
      dx = csm_agent_stats_get_load (x);
      dy = csm_agent_stats_get_load (y);
      break;
    case COLUMN_HANDLE:
      dx = csm_agent_stats_get_handle_seconds_today (x);
      dy = csm_agent_stats_get_handle_seconds_today (y);
      break;
    case COLUMN_REPLIES:
      dx = csm_agent_stats_get_replies_today (x);
      dy = csm_agent_stats_get_replies_today (y);
      break;
    case COLUMN_OCCUPANCY:
      dx = csm_agent_stats_get_occupancy (x);
      dy = csm_agent_stats_get_occupancy (y);
      break;
    case COLUMN_OLDEST:
      /* Oldest first; agents owning nothing last. */
      dx = csm_agent_stats_get_oldest_owned_created (x) ? (double) csm_agent_stats_get_oldest_owned_created (x) : INFINITY;
      dy = csm_agent_stats_get_oldest_owned_created (y) ? (double) csm_agent_stats_get_oldest_owned_created (y) : INFINITY;
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  return dx < dy ? -1 : dx > dy ? 1 : 0;
}

static void
add_columns (CsmAgentsPage *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = NULL;
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenuItem) explain = NULL;

      g_object_set_data (G_OBJECT (factory), "csm-column", GUINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);

      column = gtk_column_view_column_new (g_dpgettext2 (GETTEXT_PACKAGE, "column", csm_agents_page_columns[i].title),
                                           g_steal_pointer (&factory));
#if GTK_CHECK_VERSION (4, 10, 0)
      gtk_column_view_column_set_id (column, csm_agents_page_columns[i].id);
#endif
      gtk_column_view_column_set_expand (column, csm_agents_page_columns[i].expand);
      if (i == COLUMN_AGENT)
        gtk_column_view_column_set_fixed_width (column, 170);
      gtk_column_view_column_set_resizable (column, TRUE);
      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, GUINT_TO_POINTER (i), NULL));
      gtk_column_view_column_set_sorter (column, sorter);

      explain = g_menu_item_new (_("How Is This Counted?"), NULL);
      g_menu_item_set_action_and_target (explain, "agents.explain", "s", csm_agents_page_columns[i].id);
      g_menu_append_item (menu, explain);
      gtk_column_view_column_set_header_menu (column, G_MENU_MODEL (menu));

      gtk_column_view_append_column (self->column_view, column);
      self->column_objects[i] = column;
    }
}

/* ------------------------------------------------------------------------ */
/* Filtering                                                                */

static gboolean
owns_in_queue (CsmAgentsPage *self,
               CsmAgentStats *stats,
               gint64         queue_id)
{
  CsmSyncEngine *engine = csm_agent_monitor_get_engine (self->monitor);
  CsmTicketList *tickets = csm_sync_engine_get_tickets (engine);
  GArray *owned = csm_agent_stats_get_owned_ticket_ids (stats);

  for (guint i = 0; owned != NULL && i < owned->len; i++)
    {
      CsmTicket *ticket = csm_ticket_list_lookup (tickets, g_array_index (owned, gint64, i));
      if (ticket != NULL && csm_ticket_get_queue_id (ticket) == queue_id)
        return TRUE;
    }
  return FALSE;
}

static gboolean
filter_row_cb (gpointer item,
               gpointer user_data)
{
  CsmAgentsPage *self = user_data;
  CsmAgentStats *stats = item;
  guint presence = gtk_drop_down_get_selected (self->presence_dropdown);
  guint queue = gtk_drop_down_get_selected (self->queue_dropdown);

  if (presence != GTK_INVALID_LIST_POSITION && presence > 0 &&
      (guint) csm_agent_stats_get_presence (stats) != presence - 1)
    return FALSE;

  if (gtk_toggle_button_get_active (self->over_button))
    {
      gboolean over = csm_agent_stats_get_load (stats) * 100.0 > csm_agents_page_threshold (self, "load-threshold") ||
                      csm_agent_stats_get_occupancy (stats) * 100.0 > csm_agents_page_threshold (self, "occupancy-threshold");
      if (!over)
        return FALSE;
    }

  if (self->filter_text != NULL)
    {
      g_autofree char *name = g_utf8_casefold (csm_agent_stats_get_display_name (stats), -1);
      g_autofree char *login = g_utf8_casefold (csm_agent_stats_get_name (stats), -1);
      if (strstr (name, self->filter_text) == NULL && strstr (login, self->filter_text) == NULL)
        return FALSE;
    }

  if (queue != GTK_INVALID_LIST_POSITION && queue > 0 && queue < self->queue_ids->len &&
      self->monitor != NULL &&
      !owns_in_queue (self, stats, g_array_index (self->queue_ids, gint64, queue)))
    return FALSE;

  return TRUE;
}

static void
refilter (CsmAgentsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
search_changed_cb (CsmAgentsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->filter_text, g_free);
  if (text != NULL && *text != '\0')
    self->filter_text = g_utf8_casefold (text, -1);
  refilter (self);
}

static void
update_queue_choices (CsmAgentsPage *self)
{
  GListModel *queues;
  gint64 selected_id = 0;
  guint selected = gtk_drop_down_get_selected (self->queue_dropdown);
  guint n;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (selected != GTK_INVALID_LIST_POSITION && selected < self->queue_ids->len)
    selected_id = g_array_index (self->queue_ids, gint64, selected);

  g_array_set_size (self->queue_ids, 0);
  g_ptr_array_add (names, g_strdup (_("All Queues")));
  {
    gint64 all = 0;
    g_array_append_val (self->queue_ids, all);
  }
  if (self->monitor != NULL)
    {
      queues = csm_sync_engine_get_queues (csm_agent_monitor_get_engine (self->monitor));
      n = g_list_model_get_n_items (queues);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CsmQueue) queue = g_list_model_get_item (queues, i);
          gint64 id = csm_queue_get_id (queue);

          g_ptr_array_add (names, g_strdup (csm_queue_get_name (queue)));
          g_array_append_val (self->queue_ids, id);
        }
    }
  g_ptr_array_add (names, NULL);

  /* Same choices: leave the drop-down alone (it would reset the selection). */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->queue_names)) == names->len - 1)
    {
      gboolean same = TRUE;
      for (guint i = 0; i + 1 < names->len && same; i++)
        same = g_strcmp0 (gtk_string_list_get_string (self->queue_names, i),
                          g_ptr_array_index (names, i)) == 0;
      if (same)
        return;
    }
  gtk_string_list_splice (self->queue_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->queue_names)),
                          (const char * const *) names->pdata);
  for (guint i = 0; i < self->queue_ids->len; i++)
    if (g_array_index (self->queue_ids, gint64, i) == selected_id)
      {
        gtk_drop_down_set_selected (self->queue_dropdown, i);
        return;
      }
  gtk_drop_down_set_selected (self->queue_dropdown, 0);
}

/* ------------------------------------------------------------------------ */
/* Detail                                                                   */

CsmAgentStats *
csm_agents_page_selected_stats (CsmAgentsPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_detail (CsmAgentsPage *self)
{
  CsmAgentStats *stats = csm_agents_page_selected_stats (self);

  gtk_stack_set_visible_child_name (self->detail_stack,
                                    stats != NULL && self->monitor != NULL ? "agent" : "none");
  csm_agent_detail_set_monitor (self->detail, self->monitor);
  csm_agent_detail_set_stats (self->detail, stats);
}

static void
selection_changed_cb (CsmAgentsPage *self)
{
  CsmAgentStats *stats = csm_agents_page_selected_stats (self);

  if (stats != NULL)
    {
      g_free (self->selected_name);
      self->selected_name = g_strdup (csm_agent_stats_get_name (stats));
    }
  update_detail (self);
}

/* ------------------------------------------------------------------------ */
/* Following the monitor                                                    */

static void
update_state (CsmAgentsPage *self)
{
  guint total = self->monitor ? g_list_model_get_n_items (csm_agent_monitor_get_agents (self->monitor)) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text = NULL;

  gtk_stack_set_visible_child_name (self->stack, total > 0 ? "content" : "empty");
  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u agent · presence is inferred from their own "
                                         "transactions · handled time and replies since midnight",
                                         "%u agents · presence is inferred from their own "
                                         "transactions · handled time and replies since midnight",
                                         total), total);
  else
    text = g_strdup_printf (_("%u of %u agents · presence is inferred from their own "
                              "transactions · handled time and replies since midnight"),
                            shown, total);
  gtk_label_set_text (self->count_label, text);
}

/* The monitor's news, or the thresholds', reach the rows here: at once on
 * screen, or when the page is next shown. */
static void
csm_agents_page_catch_up (CsmPage *page)
{
  CsmAgentsPage *self = CSM_AGENTS_PAGE (page);

  update_queue_choices (self);
  /* Presence, load and occupancy moved: the filter and the order may differ. */
  refilter (self);
  gtk_sorter_changed (gtk_column_view_get_sorter (self->column_view), GTK_SORTER_CHANGE_DIFFERENT);

  /* The selected agent stays selected, wherever their row went. */
  if (self->selected_name != NULL &&
      (csm_agents_page_selected_stats (self) == NULL ||
       g_strcmp0 (csm_agent_stats_get_name (csm_agents_page_selected_stats (self)), self->selected_name) != 0))
    csm_agents_page_select_agent (self, self->selected_name);
  update_detail (self);
  update_state (self);
}

/* The rows reach the list only once the page is shown: GTK 4.8's list
 * widgets make rows for a model even while they are out of sight, and 500
 * agents' rows cost a frame at start and on every refresh. */
static void
attach_rows (CsmAgentsPage *self)
{
  GListModel *rows = NULL;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->shown = TRUE;
  if (self->monitor != NULL && self->shown)
    rows = csm_agent_monitor_get_agents (self->monitor);
  if (gtk_filter_list_model_get_model (self->filtered) != rows)
    gtk_filter_list_model_set_model (self->filtered, rows);
}

static void
csm_agents_page_engine_changed (CsmPage *page)
{
  CsmAgentsPage *self = CSM_AGENTS_PAGE (page);
  CsmContext *context = csm_page_get_context (page);
  CsmAgentMonitor *monitor = context ? csm_context_get_agent_monitor (context) : NULL;

  if (monitor == self->monitor)
    return;
  g_set_object (&self->monitor, monitor);
  g_signal_group_set_target (self->monitor_signals, monitor);
  attach_rows (self);
  g_clear_pointer (&self->selected_name, g_free);
  update_queue_choices (self);
  update_detail (self);
  update_state (self);
}

static void
settings_changed_cb (CsmAgentsPage *self,
                     const char    *key)
{
  if (g_str_has_suffix (key, "-threshold"))
    {
      /* Colours and the "over threshold" filter follow at once. */
      refilter (self);
      csm_page_queue_update (CSM_PAGE (self));
    }
}

/**
 * csm_agents_page_get_rows:
 *
 * Returns: (transfer none): the agents shown, in display order
 */
GListModel *
csm_agents_page_get_rows (CsmAgentsPage *self)
{
  g_return_val_if_fail (CSM_IS_AGENTS_PAGE (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

GtkColumnView *
csm_agents_page_get_column_view (CsmAgentsPage *self)
{
  g_return_val_if_fail (CSM_IS_AGENTS_PAGE (self), NULL);
  return self->column_view;
}

/* The window drop-down is the setting, whichever context's it is. */
static void
context_changed_cb (CsmAgentsPage *self)
{
  GSettings *settings = csm_page_get_settings (CSM_PAGE (self));

  g_settings_unbind (self->window_dropdown, "selected");
  if (settings != NULL)
    csm_settings_bind_enum_position (settings, "occupancy-window", self->window_dropdown,
                                     "selected", CSM_TYPE_OCCUPANCY_WINDOW);
}

void
csm_agents_page_select_agent (CsmAgentsPage *self,
                              const char    *name)
{
  GListModel *rows;

  g_return_if_fail (CSM_IS_AGENTS_PAGE (self));

  rows = G_LIST_MODEL (self->sorted);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CsmAgentStats) stats = g_list_model_get_item (rows, i);
      if (g_strcmp0 (csm_agent_stats_get_name (stats), name) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

static void
csm_agents_page_map (GtkWidget *widget)
{
  CsmAgentsPage *self = CSM_AGENTS_PAGE (widget);

  /* The rows first, then whatever waited for the page to be shown. */
  self->shown = TRUE;
  attach_rows (self);
  GTK_WIDGET_CLASS (csm_agents_page_parent_class)->map (widget);
}

static void
csm_agents_page_dispose (GObject *object)
{
  CsmAgentsPage *self = (CsmAgentsPage *) object;

  g_clear_object (&self->monitor_signals);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->sorted != NULL)
    g_signal_handlers_disconnect_by_data (self->sorted, self);
  if (self->explanation != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->explanation));
      g_clear_object (&self->explanation);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_AGENTS_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->queue_names);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (csm_agents_page_parent_class)->dispose (object);
}

static void
csm_agents_page_finalize (GObject *object)
{
  CsmAgentsPage *self = (CsmAgentsPage *) object;

  g_clear_pointer (&self->queue_ids, g_array_unref);
  g_clear_pointer (&self->selected_name, g_free);
  g_clear_pointer (&self->filter_text, g_free);

  G_OBJECT_CLASS (csm_agents_page_parent_class)->finalize (object);
}

static void
csm_agents_page_class_init (CsmAgentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CsmPageClass *page_class = CSM_PAGE_CLASS (klass);

  object_class->dispose = csm_agents_page_dispose;
  object_class->finalize = csm_agents_page_finalize;
  widget_class->map = csm_agents_page_map;
  page_class->engine_changed = csm_agents_page_engine_changed;
  page_class->catch_up = csm_agents_page_catch_up;

  g_type_ensure (CSM_TYPE_AGENT_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-agents-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmAgentsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentsPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentsPage, presence_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentsPage, queue_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentsPage, over_button);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentsPage, window_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, CsmAgentsPage, detail);

  csm_agents_page_class_actions_init (widget_class);
}

static void
csm_agents_page_init (CsmAgentsPage *self)
{
  g_autoptr(GtkStringList) presences = NULL;
  g_autoptr(GtkStringList) windows = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->queue_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  add_columns (self);
  self->filter = gtk_custom_filter_new (filter_row_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->sorted, "items-changed", G_CALLBACK (update_state), self);

  /* Busiest first. */
  gtk_column_view_sort_by_column (self->column_view, self->column_objects[COLUMN_LOAD],
                                  GTK_SORT_DESCENDING);

  presences = gtk_string_list_new (NULL);
  gtk_string_list_append (presences, _("Any Presence"));
  gtk_string_list_append (presences, csm_presence_to_label (CSM_PRESENCE_ACTIVE));
  gtk_string_list_append (presences, csm_presence_to_label (CSM_PRESENCE_IDLE));
  gtk_string_list_append (presences, csm_presence_to_label (CSM_PRESENCE_OFF));
  gtk_drop_down_set_model (self->presence_dropdown, G_LIST_MODEL (presences));

  windows = gtk_string_list_new (NULL);
  gtk_string_list_append (windows, _("Last Hour"));
  gtk_string_list_append (windows, _("Last 4 Hours"));
  gtk_string_list_append (windows, _("Today"));
  gtk_drop_down_set_model (self->window_dropdown, G_LIST_MODEL (windows));

  self->queue_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->queue_dropdown, G_LIST_MODEL (self->queue_names));

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->presence_dropdown, "notify::selected", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->queue_dropdown, "notify::selected", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->over_button, "toggled", G_CALLBACK (refilter), self);

  gtk_box_append (self->toolbar, csm_formula_button_new (csm_agents_page_fill_explanations, self));

  self->monitor_signals = g_signal_group_new (CSM_TYPE_AGENT_MONITOR);
  g_signal_group_connect_swapped (self->monitor_signals, "updated",
                                  G_CALLBACK (csm_page_queue_update), self);
  g_signal_group_connect_swapped (csm_page_get_settings_signals (CSM_PAGE (self)), "changed",
                                  G_CALLBACK (settings_changed_cb), self);
  g_signal_connect (self, "notify::context", G_CALLBACK (context_changed_cb), NULL);

  update_queue_choices (self);
  update_state (self);
}
