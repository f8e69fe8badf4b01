/* csm-queues-page.c: every queue live, and the active tickets in a sortable, filterable list.
 *
 * The list is the engine's ticket list seen through a filter and a sort
 * model. The engine updates tickets in place, so a refresh changes rows
 * without rebuilding them: selection and scroll position survive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-queues-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "csm-agent.h"
#include "csm-queue.h"
#include "csm-queue-card.h"
#include "csm-queue-summary.h"
#include "csm-page.h"
#include "csm-queues-page.h"
#include "csm-ticket.h"
#include "csm-ticket-cell.h"
#include "csm-ticket-filter.h"
#include "csm-ticket-view.h"
#include "csm-time.h"

typedef struct
{
  const char *id;
  const char *title;
  CsmTicketColumn sort;
  gboolean expand;
} ColumnInfo;

static const ColumnInfo columns[] = {
  { "id", NC_("column", "#"), CSM_TICKET_COLUMN_ID, FALSE },
  { "subject", NC_("column", "Subject"), CSM_TICKET_COLUMN_SUBJECT, TRUE },
  { "queue", NC_("column", "Queue"), CSM_TICKET_COLUMN_QUEUE, FALSE },
  { "status", NC_("column", "Status"), CSM_TICKET_COLUMN_STATUS, FALSE },
  { "owner", NC_("column", "Owner"), CSM_TICKET_COLUMN_OWNER, FALSE },
  { "priority", NC_("column", "Priority"), CSM_TICKET_COLUMN_PRIORITY, FALSE },
  { "created", NC_("column", "Age"), CSM_TICKET_COLUMN_CREATED, FALSE },
  { "sla-due", NC_("column", "SLA Due"), CSM_TICKET_COLUMN_SLA_DUE, FALSE },
  { "last-updated", NC_("column", "Updated"), CSM_TICKET_COLUMN_LAST_UPDATED, FALSE },
};

struct _CsmQueuesPage
{
  CsmPage parent_instance;

  GSignalGroup *tickets_signals;    /* (owned): the engine's ticket list */
  GSignalGroup *queues_signals;     /* (owned): the engine's queues */

  GListStore *summaries;            /* (owned) (element-type CsmQueueSummary) */
  CsmTicketView *view;              /* (owned): shown tickets, filtered and sorted */
  GtkSingleSelection *selection;    /* (owned) */
  CsmTicketFilterSpec spec;
  GHashTable *live_cells;           /* (owned): CsmTicketCell set, see update_live_cells() */
  guint recompute_id;               /* idle: summaries after the list changed */
  guint choices_id;                 /* idle: the filter choices after a refresh */
  GtkColumnViewColumn *column_objects[G_N_ELEMENTS (columns)];

  GtkStringList *queue_names;       /* (owned) */
  GArray *queue_ids;                /* (owned): parallel to queue_names */
  GtkStringList *owner_labels;      /* (owned) */
  GPtrArray *owner_names;           /* (owned): parallel; [0] NULL = anyone, [1] "" = unowned */

  /* template */
  GtkStack *stack;
  GtkSpinner *waiting_spinner;
  AdwStatusPage *waiting_page;
  GtkFlowBox *cards;
  GtkSearchEntry *search_entry;
  GtkDropDown *queue_dropdown;
  GtkDropDown *status_dropdown;
  GtkDropDown *owner_dropdown;
  GtkLabel *count_label;
  GtkStack *list_stack;
  GtkColumnView *column_view;
};

G_DEFINE_FINAL_TYPE (CsmQueuesPage, csm_queues_page, CSM_TYPE_PAGE)

static const char * const status_values[] = { NULL, "new", "open", "stalled" };

/* ------------------------------------------------------------------------ */
/* Cells */

static gint64
page_now (CsmQueuesPage *self)
{
  return csm_page_get_now (CSM_PAGE (self));
}

static CsmSyncEngine *
page_engine (CsmQueuesPage *self)
{
  return csm_page_get_engine (CSM_PAGE (self));
}

/* The cells of the columns that move with the clock (ages, countdowns)
 * register while they are shown; each second they are shown anew. */
static void
update_live_cells (CsmQueuesPage *self)
{
  GHashTableIter iter;
  gpointer cell;
  gint64 now = page_now (self);

  g_hash_table_iter_init (&iter, self->live_cells);
  while (g_hash_table_iter_next (&iter, &cell, NULL))
    csm_ticket_cell_refresh (cell, now);
}

void
csm_queues_page_add_live_cell (CsmQueuesPage *self,
                               CsmTicketCell *cell)
{
  g_return_if_fail (CSM_IS_QUEUES_PAGE (self));
  if (self->live_cells != NULL)
    g_hash_table_add (self->live_cells, cell);
}

void
csm_queues_page_remove_live_cell (CsmQueuesPage *self,
                                  CsmTicketCell *cell)
{
  g_return_if_fail (CSM_IS_QUEUES_PAGE (self));
  if (self->live_cells != NULL)
    g_hash_table_remove (self->live_cells, cell);
}

static int
compare_tickets_cb (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  return csm_ticket_compare ((CsmTicket *) a, (CsmTicket *) b,
                             (CsmTicketColumn) GPOINTER_TO_UINT (user_data));
}

static void
add_columns (CsmQueuesPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      char *xml = csm_ticket_cell_factory_xml (columns[i].sort);
      g_autoptr(GBytes) bytes = g_bytes_new_take (xml, strlen (xml));
      GtkListItemFactory *factory = gtk_builder_list_item_factory_new_from_bytes (NULL, bytes);
      GtkColumnViewColumn *column;
      GtkCustomSorter *sorter;

      column = gtk_column_view_column_new (g_dpgettext2 (GETTEXT_PACKAGE, "column",
                                                         columns[i].title),
                                           factory);
      sorter = gtk_custom_sorter_new (compare_tickets_cb, GUINT_TO_POINTER (columns[i].sort), NULL);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
      self->column_objects[i] = column;
      g_object_unref (sorter);
      g_object_unref (column);
    }
}

/* ------------------------------------------------------------------------ */
/* Summaries, filters, state */

static void recompute_summaries (CsmQueuesPage *self);
static void queue_selected_cb   (CsmQueuesPage *self);
static void owner_selected_cb   (CsmQueuesPage *self);

static void
update_count (CsmQueuesPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->view));
  guint active = 0;
  g_autofree char *text = NULL;

  /* The total comes from the summaries: bring them up to date first if a
   * recount is still waiting. */
  if (self->recompute_id != 0)
    {
      g_clear_handle_id (&self->recompute_id, g_source_remove);
      recompute_summaries (self);
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->summaries)) > 0)
    {
      g_autoptr(CsmQueueSummary) total = g_list_model_get_item (G_LIST_MODEL (self->summaries), 0);
      active = csm_queue_summary_get_active (total);
    }

  if (shown == active)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u active ticket",
                                         "%u active tickets", active), active);
  else
    /* Translators: "12 of 340 active tickets" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u active ticket",
                                         "%u of %u active tickets", active), shown, active);
  gtk_label_set_text (self->count_label, text);

  if (shown > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (active == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-active");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "no-match");
}

static void
update_state (CsmQueuesPage *self)
{
  gboolean has_data = page_engine (self) != NULL && csm_sync_engine_get_has_data (page_engine (self));

  gtk_stack_set_visible_child_name (self->stack, has_data ? "content" : "waiting");
  if (!has_data && page_engine (self) != NULL)
    {
      const GError *error = csm_sync_engine_get_error (page_engine (self));

      if (error != NULL)
        {
          adw_status_page_set_title (self->waiting_page, _("Waiting for the Helpdesk"));
          adw_status_page_set_description (self->waiting_page, error->message);
        }
      else
        {
          adw_status_page_set_title (self->waiting_page, _("Fetching Tickets"));
          adw_status_page_set_description (self->waiting_page,
                                           _("The first sync with the helpdesk is running. "
                                             "Queues appear as soon as the first tickets "
                                             "arrive; afterwards the console starts from its "
                                             "local copy."));
        }
    }
  update_count (self);
}

static GPtrArray *
model_to_array (GListModel *model)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (array, g_list_model_get_item (model, i));
  return array;
}

static void
recompute_summaries (CsmQueuesPage *self)
{
  g_autoptr(GPtrArray) queues = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  CsmQueueSummary *total;
  gint64 now = page_now (self);
  gboolean same_shape;

  if (page_engine (self) == NULL)
    {
      g_list_store_remove_all (self->summaries);
      return;
    }

  queues = model_to_array (csm_sync_engine_get_queues (page_engine (self)));
  fresh = csm_queue_summaries_compute (
    csm_ticket_list_get_array (csm_sync_engine_get_tickets (page_engine (self))), queues, now);
  total = csm_queue_summaries_total (fresh, _("All Queues"), now);
  g_ptr_array_insert (fresh, 0, total);

  /* Same queues as before: update the cards' summaries in place. */
  same_shape = fresh->len == g_list_model_get_n_items (G_LIST_MODEL (self->summaries));
  for (guint i = 0; same_shape && i < fresh->len; i++)
    {
      g_autoptr(CsmQueueSummary) old = g_list_model_get_item (G_LIST_MODEL (self->summaries), i);
      same_shape = csm_queue_summary_get_queue_id (old) ==
                   csm_queue_summary_get_queue_id (g_ptr_array_index (fresh, i));
    }

  if (same_shape)
    for (guint i = 0; i < fresh->len; i++)
      {
        g_autoptr(CsmQueueSummary) old = g_list_model_get_item (G_LIST_MODEL (self->summaries), i);
        csm_queue_summary_update_from (old, g_ptr_array_index (fresh, i));
      }
  else
    g_list_store_splice (self->summaries, 0,
                         g_list_model_get_n_items (G_LIST_MODEL (self->summaries)),
                         fresh->pdata, fresh->len);
}

static gboolean
string_list_equals (GtkStringList *list,
                    GPtrArray     *strings)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (list)) != strings->len)
    return FALSE;
  for (guint i = 0; i < strings->len; i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), g_ptr_array_index (strings, i)) != 0)
      return FALSE;
  return TRUE;
}

static void
replace_strings (GtkStringList *list,
                 GPtrArray     *strings)
{
  g_ptr_array_add (strings, NULL);
  gtk_string_list_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)),
                          (const char * const *) strings->pdata);
  g_ptr_array_remove_index (strings, strings->len - 1);
}

static int
compare_queue_names (gconstpointer a,
                     gconstpointer b)
{
  return g_utf8_collate (csm_queue_get_name (*(CsmQueue * const *) a),
                         csm_queue_get_name (*(CsmQueue * const *) b));
}

static int
compare_owner_pairs (gconstpointer a,
                     gconstpointer b)
{
  const char * const *pa = *(const char * const * const *) a;
  const char * const *pb = *(const char * const * const *) b;

  return g_utf8_collate (pa[1], pb[1]);
}

/* Queue and owner choices follow the helpdesk; the current choice stays
 * selected by id/name even when the lists change around it. */
static void
update_dropdowns (CsmQueuesPage *self)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) queues = NULL;
  g_autoptr(GHashTable) owners = NULL;
  g_autoptr(GPtrArray) owner_pairs = NULL;
  g_autoptr(GPtrArray) owner_names = NULL;
  GListModel *agents;
  GPtrArray *tickets;
  gint64 zero = 0;
  guint selected;

  if (page_engine (self) == NULL)
    return;

  /* New choices are not the user's choice: the filter stays as it is. */
  g_signal_handlers_block_by_func (self->queue_dropdown, queue_selected_cb, self);
  g_signal_handlers_block_by_func (self->owner_dropdown, owner_selected_cb, self);

  /* Queues */
  queues = model_to_array (csm_sync_engine_get_queues (page_engine (self)));
  g_ptr_array_sort (queues, compare_queue_names);
  g_ptr_array_add (labels, g_strdup (_("All Queues")));
  g_array_append_val (ids, zero);
  for (guint i = 0; i < queues->len; i++)
    {
      gint64 id = csm_queue_get_id (g_ptr_array_index (queues, i));
      g_ptr_array_add (labels, g_strdup (csm_queue_get_name (g_ptr_array_index (queues, i))));
      g_array_append_val (ids, id);
    }
  if (!string_list_equals (self->queue_names, labels))
    {
      replace_strings (self->queue_names, labels);
      g_array_set_size (self->queue_ids, 0);
      g_array_append_vals (self->queue_ids, ids->data, ids->len);
      selected = 0;
      for (guint i = 0; i < self->queue_ids->len; i++)
        if (g_array_index (self->queue_ids, gint64, i) == self->spec.queue_id)
          selected = i;
      gtk_drop_down_set_selected (self->queue_dropdown, selected);
      if (selected == 0)
        self->spec.queue_id = 0;
    }

  /* Owners: the agents, plus anyone who owns an active ticket. */
  owners = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  agents = csm_sync_engine_get_agents (page_engine (self));
  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(CsmAgent) agent = g_list_model_get_item (agents, i);
      /* Borrowed keys: the agents and tickets outlive this function. */
      g_hash_table_insert (owners, (gpointer) csm_agent_get_name (agent),
                           g_strdup (csm_agent_get_display_name (agent)));
    }
  tickets = csm_ticket_list_get_array (csm_sync_engine_get_tickets (page_engine (self)));
  for (guint i = 0; i < tickets->len; i++)
    {
      CsmTicket *ticket = g_ptr_array_index (tickets, i);
      const char *owner = csm_ticket_get_owner (ticket);

      if (owner != NULL && csm_ticket_is_active (ticket) &&
          !g_hash_table_contains (owners, owner))
        g_hash_table_insert (owners, (gpointer) owner,
                             g_strdup (csm_ticket_get_owner_display (ticket)));
    }

  owner_pairs = g_ptr_array_new_with_free_func (g_free);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, owners);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        const char **pair = g_new (const char *, 2);
        pair[0] = key;
        pair[1] = value;
        g_ptr_array_add (owner_pairs, pair);
      }
  }
  g_ptr_array_sort (owner_pairs, compare_owner_pairs);

  g_ptr_array_set_size (labels, 0);
  owner_names = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (labels, g_strdup (_("Anyone")));
  g_ptr_array_add (owner_names, NULL);
  g_ptr_array_add (labels, g_strdup (_("Unowned")));
  g_ptr_array_add (owner_names, g_strdup (""));
  for (guint i = 0; i < owner_pairs->len; i++)
    {
      const char **pair = g_ptr_array_index (owner_pairs, i);
      g_ptr_array_add (labels, g_strdup (pair[1]));
      g_ptr_array_add (owner_names, g_strdup (pair[0]));
    }
  if (!string_list_equals (self->owner_labels, labels))
    {
      replace_strings (self->owner_labels, labels);
      g_ptr_array_set_size (self->owner_names, 0);
      for (guint i = 0; i < owner_names->len; i++)
        g_ptr_array_add (self->owner_names, g_strdup (g_ptr_array_index (owner_names, i)));
      selected = 0;
      for (guint i = 1; i < self->owner_names->len; i++)
        if (self->spec.owner != NULL &&
            g_strcmp0 (g_ptr_array_index (self->owner_names, i), self->spec.owner) == 0)
          selected = i;
      gtk_drop_down_set_selected (self->owner_dropdown, selected);
      if (selected == 0)
        g_clear_pointer (&self->spec.owner, g_free);
    }

  g_signal_handlers_unblock_by_func (self->queue_dropdown, queue_selected_cb, self);
  g_signal_handlers_unblock_by_func (self->owner_dropdown, owner_selected_cb, self);
}

static void
refilter (CsmQueuesPage *self)
{
  csm_ticket_view_refilter (self->view);
  update_count (self);
}

static gboolean
filter_ticket_cb (CsmTicket *ticket,
                  gpointer   user_data)
{
  CsmQueuesPage *self = user_data;

  return csm_ticket_filter_matches (&self->spec, ticket);
}

static gboolean
recompute_idle_cb (gpointer data)
{
  CsmQueuesPage *self = data;
  gint64 begin = g_get_monotonic_time ();

  self->recompute_id = 0;
  recompute_summaries (self);
  update_count (self);
  g_debug ("Recounted in %.1f ms", (g_get_monotonic_time () - begin) / 1000.0);
  return G_SOURCE_REMOVE;
}

/* The list changes while a sync runs (page by page); the cards follow
 * before the next frame, so the cards and the list never disagree on
 * screen. Coalesced: one recount per burst of changes. */
static void
tickets_changed_cb (CsmQueuesPage *self)
{
  if (self->recompute_id == 0)
    self->recompute_id = g_idle_add_full (GDK_PRIORITY_REDRAW - 10, recompute_idle_cb, self,
                                          NULL);
}

static gboolean
choices_idle_cb (gpointer data)
{
  CsmQueuesPage *self = data;
  gint64 begin = g_get_monotonic_time ();

  self->choices_id = 0;
  update_dropdowns (self);
  g_debug ("Filter choices in %.1f ms", (g_get_monotonic_time () - begin) / 1000.0);
  return G_SOURCE_REMOVE;
}

/* After each sync cycle. The counts follow the list already (see
 * tickets_changed_cb); the queue and owner choices scan every ticket, so
 * they wait until the frame that shows the refresh is drawn. */
static void
refreshed_cb (CsmQueuesPage *self)
{
  update_state (self);
  if (self->choices_id == 0)
    self->choices_id = g_idle_add_full (G_PRIORITY_LOW, choices_idle_cb, self, NULL);
}

/* Every second: the waits and countdowns move; the counts do not, so
 * nothing is recounted here. */
static void
csm_queues_page_tick (CsmPage *page,
                      gint64   now)
{
  CsmQueuesPage *self = CSM_QUEUES_PAGE (page);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->summaries));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsmQueueSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->summaries), i);
      csm_queue_summary_set_now (summary, now);
    }
  update_live_cells (self);
}

static void
csm_queues_page_engine_changed (CsmPage *page)
{
  CsmQueuesPage *self = CSM_QUEUES_PAGE (page);
  CsmSyncEngine *engine = page_engine (self);

  g_signal_group_set_target (self->tickets_signals,
                             engine ? csm_sync_engine_get_tickets (engine) : NULL);
  g_signal_group_set_target (self->queues_signals,
                             engine ? csm_sync_engine_get_queues (engine) : NULL);
  csm_ticket_view_set_list (self->view, engine ? csm_sync_engine_get_tickets (engine) : NULL);
  recompute_summaries (self);
  update_dropdowns (self);
  update_state (self);
}

/* ------------------------------------------------------------------------ */
/* User input */

static void
search_changed_cb (CsmQueuesPage *self)
{
  csm_ticket_filter_spec_set_text (&self->spec, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  refilter (self);
}

static void
queue_selected_cb (CsmQueuesPage *self)
{
  guint i = gtk_drop_down_get_selected (self->queue_dropdown);

  self->spec.queue_id = i < self->queue_ids->len ? g_array_index (self->queue_ids, gint64, i) : 0;
  refilter (self);
}

static void
status_selected_cb (CsmQueuesPage *self)
{
  guint i = gtk_drop_down_get_selected (self->status_dropdown);

  g_clear_pointer (&self->spec.status, g_free);
  if (i > 0 && i < G_N_ELEMENTS (status_values))
    self->spec.status = g_strdup (status_values[i]);
  refilter (self);
}

static void
owner_selected_cb (CsmQueuesPage *self)
{
  guint i = gtk_drop_down_get_selected (self->owner_dropdown);

  g_clear_pointer (&self->spec.owner, g_free);
  if (i > 0 && i < self->owner_names->len)
    self->spec.owner = g_strdup (g_ptr_array_index (self->owner_names, i));
  refilter (self);
}

static void
card_activated_cb (CsmQueuesPage   *self,
                   GtkFlowBoxChild *child)
{
  GtkWidget *card = gtk_flow_box_child_get_child (child);
  gint64 queue_id = csm_queue_summary_get_queue_id (csm_queue_card_get_summary (CSM_QUEUE_CARD (card)));

  /* A second click on the chosen queue shows all queues again. */
  csm_queues_page_set_queue_filter (self, queue_id == self->spec.queue_id ? 0 : queue_id);
}

static void
row_activated_cb (CsmQueuesPage *self,
                  guint          position)
{
  g_autoptr(CsmTicket) ticket = g_list_model_get_item (G_LIST_MODEL (self->view), position);
  CsmPage *page = CSM_PAGE (self);
  CsmAccount *account = csm_page_get_context (page) ? csm_context_get_account (csm_page_get_context (page)) : NULL;
  g_autofree char *uri = NULL;

  if (ticket == NULL || account == NULL)
    return;
  uri = csm_account_dup_web_url (account, csm_ticket_get_id (ticket));
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), uri, GDK_CURRENT_TIME);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CsmQueuesPage *self = CSM_QUEUES_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->queue_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->owner_dropdown, 0);
}

static GtkWidget *
create_card_cb (gpointer item,
                gpointer user_data)
{
  return csm_queue_card_new (item);
}

static void
apply_saved_sort (CsmQueuesPage *self)
{
  GSettings *settings = csm_page_get_settings (CSM_PAGE (self));
  g_autofree char *name = NULL;
  gboolean descending;
  CsmTicketColumn wanted;

  if (settings == NULL)
    return;
  name = g_settings_get_string (settings, "queues-sort-column");
  descending = g_settings_get_boolean (settings, "queues-sort-descending");

  if (!csm_ticket_column_from_string (name, &wanted))
    wanted = CSM_TICKET_COLUMN_SLA_DUE;
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (columns[i].sort == wanted)
      gtk_column_view_sort_by_column (self->column_view, self->column_objects[i],
                                      descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

#if GTK_CHECK_VERSION (4, 10, 0)
/* GtkColumnViewSorter can say which column leads only from GTK 4.10 on;
 * older GTK keeps the default order each start. */
static void
sorter_changed_cb (CsmQueuesPage *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkColumnViewColumn *primary;
  GSettings *settings;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  primary = gtk_column_view_sorter_get_primary_sort_column (GTK_COLUMN_VIEW_SORTER (sorter));
  settings = csm_page_get_settings (CSM_PAGE (self));
  if (primary == NULL || settings == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (self->column_objects[i] == primary)
      {
        g_settings_set_string (settings, "queues-sort-column",
                               csm_ticket_column_to_string (columns[i].sort));
        g_settings_set_boolean (settings, "queues-sort-descending",
                                gtk_column_view_sorter_get_primary_sort_order (
                                  GTK_COLUMN_VIEW_SORTER (sorter)) == GTK_SORT_DESCENDING);
      }
  G_GNUC_END_IGNORE_DEPRECATIONS
}
#endif

/* ------------------------------------------------------------------------ */

void
csm_queues_page_focus_search (CsmQueuesPage *self)
{
  g_return_if_fail (CSM_IS_QUEUES_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * csm_queues_page_get_summaries:
 *
 * Returns: (transfer none): the summaries on the cards; the first is the
 *   total over all queues
 */
GListModel *
csm_queues_page_get_summaries (CsmQueuesPage *self)
{
  g_return_val_if_fail (CSM_IS_QUEUES_PAGE (self), NULL);
  return G_LIST_MODEL (self->summaries);
}

/**
 * csm_queues_page_get_rows:
 *
 * Returns: (transfer none): the tickets the list shows, in display order
 */
GListModel *
csm_queues_page_get_rows (CsmQueuesPage *self)
{
  g_return_val_if_fail (CSM_IS_QUEUES_PAGE (self), NULL);
  return G_LIST_MODEL (self->view);
}

GtkColumnView *
csm_queues_page_get_column_view (CsmQueuesPage *self)
{
  g_return_val_if_fail (CSM_IS_QUEUES_PAGE (self), NULL);
  return self->column_view;
}

/**
 * csm_queues_page_get_state_name:
 *
 * Returns: "waiting", or the list state: "list", "no-active", "no-match"
 */
const char *
csm_queues_page_get_state_name (CsmQueuesPage *self)
{
  g_return_val_if_fail (CSM_IS_QUEUES_PAGE (self), NULL);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "waiting") == 0)
    return "waiting";
  return gtk_stack_get_visible_child_name (self->list_stack);
}

void
csm_queues_page_set_filter_text (CsmQueuesPage *self,
                                 const char    *text)
{
  g_return_if_fail (CSM_IS_QUEUES_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* The entry reports changes after a delay; apply at once. */
  search_changed_cb (self);
}

/**
 * csm_queues_page_set_queue_filter:
 * @queue_id: a queue id, or 0 for all queues
 */
void
csm_queues_page_set_queue_filter (CsmQueuesPage *self,
                                  gint64         queue_id)
{
  g_return_if_fail (CSM_IS_QUEUES_PAGE (self));

  /* The choices may still wait for their idle after a refresh. */
  if (self->choices_id != 0)
    {
      g_clear_handle_id (&self->choices_id, g_source_remove);
      update_dropdowns (self);
    }
  for (guint i = 0; i < self->queue_ids->len; i++)
    if (g_array_index (self->queue_ids, gint64, i) == queue_id)
      {
        gtk_drop_down_set_selected (self->queue_dropdown, i);
        return;
      }
  gtk_drop_down_set_selected (self->queue_dropdown, 0);
}

static void
csm_queues_page_dispose (GObject *object)
{
  CsmQueuesPage *self = (CsmQueuesPage *) object;

  g_clear_handle_id (&self->recompute_id, g_source_remove);
  g_clear_handle_id (&self->choices_id, g_source_remove);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_clear_object (&self->tickets_signals);
  g_clear_object (&self->queues_signals);

  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_QUEUES_PAGE);

  g_clear_pointer (&self->live_cells, g_hash_table_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->view);
  g_clear_object (&self->summaries);
  g_clear_object (&self->queue_names);
  g_clear_object (&self->owner_labels);

  G_OBJECT_CLASS (csm_queues_page_parent_class)->dispose (object);
}

static void
csm_queues_page_finalize (GObject *object)
{
  CsmQueuesPage *self = (CsmQueuesPage *) object;

  csm_ticket_filter_spec_clear (&self->spec);
  g_clear_pointer (&self->queue_ids, g_array_unref);
  g_clear_pointer (&self->owner_names, g_ptr_array_unref);

  G_OBJECT_CLASS (csm_queues_page_parent_class)->finalize (object);
}

static void
csm_queues_page_class_init (CsmQueuesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CsmPageClass *page_class = CSM_PAGE_CLASS (klass);

  object_class->dispose = csm_queues_page_dispose;
  object_class->finalize = csm_queues_page_finalize;
  page_class->engine_changed = csm_queues_page_engine_changed;
  page_class->tick = csm_queues_page_tick;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-queues-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmQueuesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CsmQueuesPage, waiting_spinner);
  gtk_widget_class_bind_template_child (widget_class, CsmQueuesPage, waiting_page);
  gtk_widget_class_bind_template_child (widget_class, CsmQueuesPage, cards);
  gtk_widget_class_bind_template_child (widget_class, CsmQueuesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CsmQueuesPage, queue_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmQueuesPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmQueuesPage, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmQueuesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CsmQueuesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CsmQueuesPage, column_view);

  gtk_widget_class_install_action (widget_class, "queues.clear-filters", NULL,
                                   clear_filters_action);
}

static void
csm_queues_page_init (CsmQueuesPage *self)
{
  GtkStringList *statuses;
  GSignalGroup *engine_signals;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->spec.active_only = TRUE;
  self->live_cells = g_hash_table_new (NULL, NULL);
  self->queue_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->owner_names = g_ptr_array_new_with_free_func (g_free);

  self->summaries = g_list_store_new (CSM_TYPE_QUEUE_SUMMARY);
  gtk_flow_box_bind_model (self->cards, G_LIST_MODEL (self->summaries), create_card_cb, self, NULL);
  g_signal_connect_swapped (self->cards, "child-activated", G_CALLBACK (card_activated_cb), self);

  add_columns (self);
  self->view = csm_ticket_view_new ();
  csm_ticket_view_set_filter (self->view, filter_ticket_cb, self);
  csm_ticket_view_set_sorter (self->view, gtk_column_view_get_sorter (self->column_view));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->view)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (row_activated_cb), self);
  g_signal_connect_swapped (self->view, "items-changed", G_CALLBACK (update_count), self);
#if GTK_CHECK_VERSION (4, 10, 0)
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                            G_CALLBACK (sorter_changed_cb), self);
#endif

  self->queue_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->queue_dropdown, G_LIST_MODEL (self->queue_names));
  self->owner_labels = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (self->owner_labels));
  {
    /* GtkDropDown searches through an expression over its items. */
    GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
    gtk_drop_down_set_expression (self->owner_dropdown, expression);
    gtk_expression_unref (expression);
  }
  statuses = gtk_string_list_new (NULL);
  gtk_string_list_append (statuses, _("All Statuses"));
  gtk_string_list_append (statuses, C_("ticket status", "New"));
  gtk_string_list_append (statuses, C_("ticket status", "Open"));
  gtk_string_list_append (statuses, C_("ticket status", "Stalled"));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  g_object_unref (statuses);

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->queue_dropdown, "notify::selected", G_CALLBACK (queue_selected_cb), self);
  g_signal_connect_swapped (self->status_dropdown, "notify::selected", G_CALLBACK (status_selected_cb), self);
  g_signal_connect_swapped (self->owner_dropdown, "notify::selected", G_CALLBACK (owner_selected_cb), self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  /* The spinner turns while the engine has nothing to show yet. */
  gtk_spinner_set_spinning (self->waiting_spinner, TRUE);
  g_binding_group_bind (csm_page_get_engine_bindings (CSM_PAGE (self)), "has-data",
                        self->waiting_spinner, "spinning",
                        G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  engine_signals = csm_page_get_engine_signals (CSM_PAGE (self));
  g_signal_group_connect_swapped (engine_signals, "refreshed", G_CALLBACK (refreshed_cb), self);
  g_signal_group_connect_swapped (engine_signals, "notify::has-data", G_CALLBACK (update_state), self);
  g_signal_group_connect_swapped (engine_signals, "notify::state", G_CALLBACK (update_state), self);
  self->tickets_signals = g_signal_group_new (CSM_TYPE_TICKET_LIST);
  g_signal_group_connect_swapped (self->tickets_signals, "tickets-changed",
                                  G_CALLBACK (tickets_changed_cb), self);
  /* A new queue gets its card even before it holds a ticket. */
  self->queues_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->queues_signals, "items-changed",
                                  G_CALLBACK (tickets_changed_cb), self);
  /* The saved order is the context's: apply it whenever one is given. */
  g_signal_connect (self, "notify::context", G_CALLBACK (apply_saved_sort), NULL);

  update_state (self);
}
