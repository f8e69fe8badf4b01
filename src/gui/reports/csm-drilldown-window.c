/* csm-drilldown-window.c: the tickets behind a KPI, sortable, openable in RT and exportable.
 *
 * A figure on the Reports page is only believed when the tickets behind it
 * can be read: this window lists exactly the population the KPI engine
 * counted (csm_kpi_population()), with the columns that explain the number
 * (the reply time behind FRT, the resolution time behind ART, the answer
 * behind CSAT …). The tickets are the sync's own objects, not copies: a
 * cell follows its ticket's changes through CsmTicket:revision, while the
 * times that depend on "now" stay those of the report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-drilldown-window"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csm-business-hours.h"
#include "csm-drilldown-window-private.h"
#include "csm-sla-policy.h"
#include "csm-ticket-cell.h"
#include "csm-ticket-filter.h"
#include "csm-time.h"

/* Every column any population shows; a population picks the common ones
 * and a few of its own (see populations[]). */
typedef enum
{
  COLUMN_ID,
  COLUMN_SUBJECT,
  COLUMN_QUEUE,
  COLUMN_OWNER,
  COLUMN_STATUS,
  COLUMN_CREATED,
  COLUMN_FIRST_REPLY,
  COLUMN_FRT,
  COLUMN_RESOLVED,
  COLUMN_RESOLUTION,
  COLUMN_WORKED,
  COLUMN_REPLIES,
  COLUMN_CSAT,
  COLUMN_NPS,
  COLUMN_CES,
  COLUMN_AGE,
  COLUMN_RESPONSE_DUE,
  COLUMN_RESPONSE,
  N_COLUMNS
} DrillColumn;

G_STATIC_ASSERT (N_COLUMNS == CSM_DRILLDOWN_N_COLUMNS);

typedef struct
{
  const char *title;
  /* The Queues page's cell draws the column (its status names and styles,
   * its unowned "Nobody"), or -1: a plain label of ours. */
  int ticket_column;
  gboolean expand;
  /* Which column orders tickets whose values are equal; N_COLUMNS: the id. */
  DrillColumn tie_break;
} ColumnInfo;

static const ColumnInfo columns[N_COLUMNS] = {
  [COLUMN_ID] = { NC_("column", "#"), CSM_TICKET_COLUMN_ID, FALSE, N_COLUMNS },
  [COLUMN_SUBJECT] = { NC_("column", "Subject"), CSM_TICKET_COLUMN_SUBJECT, TRUE, N_COLUMNS },
  [COLUMN_QUEUE] = { NC_("column", "Queue"), CSM_TICKET_COLUMN_QUEUE, FALSE, N_COLUMNS },
  [COLUMN_OWNER] = { NC_("column", "Owner"), CSM_TICKET_COLUMN_OWNER, FALSE, N_COLUMNS },
  [COLUMN_STATUS] = { NC_("column", "Status"), CSM_TICKET_COLUMN_STATUS, FALSE, N_COLUMNS },
  [COLUMN_CREATED] = { NC_("column", "Created"), -1, FALSE, N_COLUMNS },
  [COLUMN_FIRST_REPLY] = { NC_("column", "First Reply"), -1, FALSE, N_COLUMNS },
  [COLUMN_FRT] = { NC_("column", "FRT"), -1, FALSE, N_COLUMNS },
  [COLUMN_RESOLVED] = { NC_("column", "Resolved"), -1, FALSE, N_COLUMNS },
  [COLUMN_RESOLUTION] = { NC_("column", "Resolution Time"), -1, FALSE, N_COLUMNS },
  [COLUMN_WORKED] = { NC_("column", "Worked"), -1, FALSE, N_COLUMNS },
  [COLUMN_REPLIES] = { NC_("column", "Replies"), -1, FALSE, N_COLUMNS },
  [COLUMN_CSAT] = { NC_("column", "CSAT (1–5)"), -1, FALSE, COLUMN_RESOLVED },
  [COLUMN_NPS] = { NC_("column", "NPS (0–10)"), -1, FALSE, COLUMN_RESOLVED },
  [COLUMN_CES] = { NC_("column", "CES (1–7)"), -1, FALSE, COLUMN_RESOLVED },
  [COLUMN_AGE] = { NC_("column", "Age"), -1, FALSE, N_COLUMNS },
  [COLUMN_RESPONSE_DUE] = { NC_("column", "Response Due"), -1, FALSE, N_COLUMNS },
  [COLUMN_RESPONSE] = { NC_("column", "Response"), -1, FALSE, COLUMN_RESPONSE_DUE },
};

/* Pixels: about 18 characters, so that ten columns fit the default width. */
#define SUBJECT_MIN_WIDTH 150

static const DrillColumn common_columns[] = {
  COLUMN_ID, COLUMN_SUBJECT, COLUMN_QUEUE, COLUMN_OWNER, COLUMN_STATUS, COLUMN_CREATED,
};

static const DrillColumn created_columns[] = { COLUMN_FRT };
static const DrillColumn first_reply_columns[] = { COLUMN_FIRST_REPLY, COLUMN_FRT };
static const DrillColumn resolved_columns[] = {
  COLUMN_RESOLVED, COLUMN_RESOLUTION, COLUMN_WORKED, COLUMN_REPLIES,
};
static const DrillColumn csat_columns[] = { COLUMN_RESOLVED, COLUMN_CSAT };
static const DrillColumn nps_columns[] = { COLUMN_RESOLVED, COLUMN_NPS };
static const DrillColumn ces_columns[] = { COLUMN_RESOLVED, COLUMN_CES };
static const DrillColumn backlog_columns[] = { COLUMN_AGE };
static const DrillColumn sla_columns[] = {
  COLUMN_RESPONSE_DUE, COLUMN_FIRST_REPLY, COLUMN_RESPONSE,
};

typedef struct
{
  const DrillColumn *extra;
  guint n_extra;
  /* The first order: the instant the population is counted at, or the
   * worst first where the KPI is about the bad cases. */
  DrillColumn sort_column;
  GtkSortType sort_order;
} PopulationInfo;

#define EXTRA(a) a, G_N_ELEMENTS (a)

static const PopulationInfo populations[CSM_KPI_N_POPULATIONS] = {
  [CSM_KPI_POP_CREATED] = { EXTRA (created_columns), COLUMN_CREATED, GTK_SORT_DESCENDING },
  [CSM_KPI_POP_FIRST_REPLY] = { EXTRA (first_reply_columns), COLUMN_FRT, GTK_SORT_DESCENDING },
  [CSM_KPI_POP_RESOLVED] = { EXTRA (resolved_columns), COLUMN_RESOLVED, GTK_SORT_DESCENDING },
  /* Unhappy answers first: those are the ones worth reading. A high CES
   * means much effort. */
  [CSM_KPI_POP_CSAT] = { EXTRA (csat_columns), COLUMN_CSAT, GTK_SORT_ASCENDING },
  [CSM_KPI_POP_NPS] = { EXTRA (nps_columns), COLUMN_NPS, GTK_SORT_ASCENDING },
  [CSM_KPI_POP_CES] = { EXTRA (ces_columns), COLUMN_CES, GTK_SORT_DESCENDING },
  [CSM_KPI_POP_BACKLOG] = { EXTRA (backlog_columns), COLUMN_AGE, GTK_SORT_DESCENDING },
  /* Missed first, then by deadline (see response_outcome()). */
  [CSM_KPI_POP_SLA] = { EXTRA (sla_columns), COLUMN_RESPONSE, GTK_SORT_ASCENDING },
};

G_DEFINE_FINAL_TYPE (CsmDrilldownWindow, csm_drilldown_window, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------------------ */
/* Values */

typedef enum
{
  RESPONSE_MISSED,
  RESPONSE_MET,
  RESPONSE_PENDING,
} ResponseOutcome;

/* Calendar time, or only business hours when the report counts those:
 * the list shows the same seconds the KPI was computed from. */
static gint64
elapsed (CsmDrilldownWindow *self,
         gint64              start,
         gint64              end)
{
  if (end <= start)
    return 0;
  if (self->options.hours != NULL)
    return csm_business_hours_seconds_between (self->options.hours, start, end);
  return end - start;
}

static gint64
response_deadline (CsmDrilldownWindow *self,
                   CsmTicket          *t)
{
  if (self->options.policy == NULL || csm_sla_policy_is_empty (self->options.policy))
    return 0;
  return csm_sla_policy_response_deadline (self->options.policy, t);
}

/* As the KPI engine counts SLA attainment: met when the first reply came
 * by the deadline, pending while the deadline is ahead without one. */
static ResponseOutcome
response_outcome (CsmDrilldownWindow *self,
                  CsmTicket          *t,
                  gint64              deadline)
{
  gint64 reply = csm_ticket_get_first_response (t);
  gboolean answered = reply != CSM_TIME_UNSET && reply <= self->now;

  if (answered && reply <= deadline)
    return RESPONSE_MET;
  if (!answered && deadline >= self->now)
    return RESPONSE_PENDING;
  return RESPONSE_MISSED;
}

static gboolean
answer (CsmTicket  *t,
        const char *field,
        int         lowest,
        int         highest,
        gint64     *out_value)
{
  int value;

  if (field == NULL || !csm_ticket_get_custom_int (t, field, &value) ||
      value < lowest || value > highest)
    return FALSE;
  *out_value = value;
  return TRUE;
}

/* An instant, when RT set it: it writes unset dates as the epoch. */
static gboolean
instant (gint64  value,
         gint64 *out_value)
{
  *out_value = value;
  return value != CSM_TIME_UNSET;
}

/* The time from Created to @end, when both are set. */
static gboolean
span_from_created (CsmDrilldownWindow *self,
                   CsmTicket          *t,
                   gint64              end,
                   gint64             *out_value)
{
  gint64 created = csm_ticket_get_created (t);

  if (created == CSM_TIME_UNSET || end == CSM_TIME_UNSET)
    return FALSE;
  *out_value = elapsed (self, created, end);
  return TRUE;
}

/* A column's value as a number, for sorting and formatting.
 * Returns: FALSE when the ticket has none (shown as a dash) */
static gboolean
column_value (CsmDrilldownWindow *self,
              DrillColumn         column,
              CsmTicket          *t,
              gint64             *out_value)
{
  switch (column)
    {
    case COLUMN_ID:
      *out_value = csm_ticket_get_id (t);
      return TRUE;
    case COLUMN_CREATED:
      return instant (csm_ticket_get_created (t), out_value);
    case COLUMN_FIRST_REPLY:
      return instant (csm_ticket_get_first_response (t), out_value);
    case COLUMN_FRT:
      return span_from_created (self, t, csm_ticket_get_first_response (t), out_value);
    case COLUMN_RESOLVED:
      return instant (csm_ticket_get_resolved (t), out_value);
    case COLUMN_RESOLUTION:
      return span_from_created (self, t, csm_ticket_get_resolved (t), out_value);
    case COLUMN_WORKED:
      /* RT counts time worked in minutes. */
      *out_value = (gint64) csm_ticket_get_time_worked (t) * 60;
      return TRUE;
    case COLUMN_REPLIES:
      *out_value = csm_ticket_get_agent_replies (t);
      return TRUE;
    case COLUMN_CSAT:
      return answer (t, self->options.csat_field, 1, 5, out_value);
    case COLUMN_NPS:
      return answer (t, self->options.nps_field, 0, 10, out_value);
    case COLUMN_CES:
      return answer (t, self->options.ces_field, 1, 7, out_value);
    case COLUMN_AGE:
      if (csm_ticket_get_created (t) == CSM_TIME_UNSET)
        return FALSE;
      *out_value = MAX (self->now - csm_ticket_get_created (t), 0);
      return TRUE;
    case COLUMN_RESPONSE_DUE:
      return instant (response_deadline (self, t), out_value);
    case COLUMN_RESPONSE:
      {
        gint64 deadline = response_deadline (self, t);

        if (deadline == 0)
          return FALSE;
        *out_value = response_outcome (self, t, deadline);
        return TRUE;
      }
    case COLUMN_SUBJECT:
    case COLUMN_QUEUE:
    case COLUMN_OWNER:
    case COLUMN_STATUS:
    case N_COLUMNS:
    default:
      /* Drawn and sorted by the Queues page's cells. */
      return FALSE;
    }
}

/* Short, so that a population's columns fit the window: the year only
 * when it is not the report's. */
static char *
format_local_time (CsmDrilldownWindow *self,
                   gint64              instant)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (instant);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (self->now);

  if (local == NULL || now == NULL)
    return g_strdup (C_("no value", "—"));
  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    return g_date_time_format (local, _("%b %e, %H:%M"));
  /* Translators: a date and time of another year in a table of tickets,
   * g_date_time_format() notation */
  return g_date_time_format (local, C_("table time", "%b %e %Y, %H:%M"));
}

static char *
column_text (CsmDrilldownWindow *self,
             DrillColumn         column,
             CsmTicket          *t)
{
  gint64 v;

  if (!column_value (self, column, t, &v))
    return g_strdup (C_("no value", "—"));

  switch (column)
    {
    case COLUMN_CREATED:
    case COLUMN_FIRST_REPLY:
    case COLUMN_RESOLVED:
    case COLUMN_RESPONSE_DUE:
      return format_local_time (self, v);
    case COLUMN_FRT:
    case COLUMN_RESOLUTION:
    case COLUMN_AGE:
      return csm_format_duration (v);
    case COLUMN_WORKED:
      return csm_format_work (v);
    case COLUMN_RESPONSE:
      switch ((ResponseOutcome) v)
        {
        case RESPONSE_MET:
          return g_strdup (C_("sla response", "Met"));
        case RESPONSE_PENDING:
          return g_strdup (C_("sla response", "Pending"));
        case RESPONSE_MISSED:
        default:
          return g_strdup (C_("sla response", "Missed"));
        }
    case COLUMN_ID:
    case COLUMN_REPLIES:
    case COLUMN_CSAT:
    case COLUMN_NPS:
    case COLUMN_CES:
    case COLUMN_SUBJECT:
    case COLUMN_QUEUE:
    case COLUMN_OWNER:
    case COLUMN_STATUS:
    case N_COLUMNS:
    default:
      return g_strdup_printf ("%" G_GINT64_FORMAT, v);
    }
}

/* ------------------------------------------------------------------------ */
/* Columns */

/* Bound to the list item's ticket and its revision, so the text follows
 * the ticket's changes in place. */
static char *
cell_text_cb (GtkListItem            *item,
              CsmTicket              *ticket,
              guint                   revision,
              CsmDrilldownColumnData *data)
{
  if (ticket == NULL)
    return g_strdup ("");
  return column_text (data->self, data->column, ticket);
}

static void
label_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                CsmDrilldownColumnData   *data)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkExpression *ticket = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");
  GtkExpression *params[2];
  GtkExpression *text;

  params[0] = gtk_expression_ref (ticket);
  params[1] = gtk_property_expression_new (CSM_TYPE_TICKET, ticket, "revision");
  text = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, G_N_ELEMENTS (params), params,
                                      G_CALLBACK (cell_text_cb), data, NULL);
  gtk_expression_bind (text, label, "label", item);

  if (data->column != COLUMN_RESPONSE)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_list_item_set_child (item, label);
}

static int
compare_tickets_cb (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  CsmDrilldownColumnData *data = user_data;
  DrillColumn column = data->column;

  while (column != N_COLUMNS)
    {
      gint64 va = 0, vb = 0;
      gboolean has_a, has_b;

      if (columns[column].ticket_column >= 0)
        return csm_ticket_compare ((CsmTicket *) a, (CsmTicket *) b,
                                   (CsmTicketColumn) columns[column].ticket_column);

      has_a = column_value (data->self, column, (CsmTicket *) a, &va);
      has_b = column_value (data->self, column, (CsmTicket *) b, &vb);
      /* No value ranks below any value. */
      if (has_a != has_b)
        return has_a ? 1 : -1;
      if (va != vb)
        return va < vb ? -1 : 1;
      column = columns[column].tie_break;
    }
  return csm_ticket_compare ((CsmTicket *) a, (CsmTicket *) b, CSM_TICKET_COLUMN_ID);
}

static GtkListItemFactory *
column_factory (CsmDrilldownWindow *self,
                DrillColumn         column)
{
  GtkListItemFactory *factory;

  if (columns[column].ticket_column >= 0)
    {
      char *xml = csm_ticket_cell_factory_xml ((CsmTicketColumn) columns[column].ticket_column);
      g_autoptr(GBytes) bytes = g_bytes_new_take (xml, strlen (xml));

      return gtk_builder_list_item_factory_new_from_bytes (NULL, bytes);
    }

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (label_setup_cb), &self->column_data[column]);
  return factory;
}

static void
add_column (CsmDrilldownWindow *self,
            DrillColumn         column)
{
  g_autoptr(GtkColumnViewColumn) view_column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;

  self->column_data[column] = (CsmDrilldownColumnData) { self, column };
  view_column = gtk_column_view_column_new (g_dpgettext2 (GETTEXT_PACKAGE, "column",
                                                          columns[column].title),
                                            column_factory (self, column));
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_tickets_cb, &self->column_data[column],
                                              NULL));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_expand (view_column, columns[column].expand);
  /* The Queues page's subject cell asks for 24 characters; here it
   * shares the window with up to four more columns, and takes what is
   * left over. */
  if (column == COLUMN_SUBJECT)
    gtk_column_view_column_set_fixed_width (view_column, SUBJECT_MIN_WIDTH);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
  self->column_objects[column] = view_column;
}

/* ------------------------------------------------------------------------ */
/* Construction */

static void
fill (CsmDrilldownWindow  *self,
      const char          *title,
      const char          *subtitle,
      const char          *explanation,
      GPtrArray           *tickets,
      CsmKpiPopulation     population,
      const CsmKpiOptions *options,
      gint64               now)
{
  const PopulationInfo *info = &populations[population];
  g_autoptr(GListStore) store = g_list_store_new (CSM_TYPE_TICKET);
  GtkSorter *sorter;
  gboolean empty = tickets->len == 0;

  self->tickets = g_ptr_array_ref (tickets);
  self->population = population;
  self->now = now;
  csm_kpi_options_clear (&self->options);
  if (options != NULL)
    csm_kpi_options_copy (&self->options, options);
  else
    csm_kpi_options_init (&self->options);

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (explanation != NULL && *explanation != '\0')
    {
      gtk_label_set_text (self->explanation_label, explanation);
      gtk_widget_set_visible (GTK_WIDGET (self->explanation_label), TRUE);
      adw_status_page_set_description (self->empty_page, explanation);
    }

  for (guint i = 0; i < G_N_ELEMENTS (common_columns); i++)
    add_column (self, common_columns[i]);
  for (guint i = 0; i < info->n_extra; i++)
    add_column (self, info->extra[i]);

  g_list_store_splice (store, 0, 0, tickets->pdata, tickets->len);
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_steal_pointer (&store)),
                                          g_object_ref (sorter));
  /* Nothing selected until the user picks a row: the model comes after
   * autoselect is off. */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->sorted));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (csm_drilldown_window_update_actions), self,
                           G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, self->column_objects[info->sort_column],
                                  info->sort_order);

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
  if (!empty)
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  csm_drilldown_window_update_actions (self);
}

/**
 * csm_drilldown_window_new_full:
 * @parent: (nullable): the window it belongs to; its application's
 *   actions (app.open-in-rt) open the tickets
 * @title: what is counted, e.g. "Resolved · Billing"
 * @subtitle: (nullable): the period and count, e.g. "Last 7 days · 23 tickets"
 * @explanation: (nullable): the KPI's formula and population in a sentence
 * @tickets: (element-type CsmTicket): the population, referenced, not
 *   copied: the window shows the tickets as they are
 * @population: which population: it decides the extra columns and the
 *   first order
 * @options: (nullable): the options the KPI was counted with: business
 *   hours for FRT and resolution time, the answers' custom fields, the SLA
 *   policy for response deadlines; %NULL for the defaults
 * @now: the instant the report was counted at (ages, pending deadlines)
 *
 * Returns: (transfer full): the window, not yet shown
 */
CsmDrilldownWindow *
csm_drilldown_window_new_full (GtkWindow           *parent,
                               const char          *title,
                               const char          *subtitle,
                               const char          *explanation,
                               GPtrArray           *tickets,
                               CsmKpiPopulation     population,
                               const CsmKpiOptions *options,
                               gint64               now)
{
  CsmDrilldownWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (tickets != NULL, NULL);
  g_return_val_if_fail ((guint) population < CSM_KPI_N_POPULATIONS, NULL);

  self = g_object_new (CSM_TYPE_DRILLDOWN_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  fill (self, title, subtitle, explanation, tickets, population, options, now);
  return self;
}

/**
 * csm_drilldown_window_new:
 *
 * As csm_drilldown_window_new_full() with the default KPI options
 * (calendar time, the default answer fields, no SLA policy).
 *
 * Returns: (transfer full): the window, not yet shown
 */
CsmDrilldownWindow *
csm_drilldown_window_new (GtkWindow        *parent,
                          const char       *title,
                          const char       *subtitle,
                          const char       *explanation,
                          GPtrArray        *tickets,
                          CsmKpiPopulation  population,
                          gint64            now)
{
  return csm_drilldown_window_new_full (parent, title, subtitle, explanation, tickets,
                                        population, NULL, now);
}

CsmKpiPopulation
csm_drilldown_window_get_population (CsmDrilldownWindow *self)
{
  g_return_val_if_fail (CSM_IS_DRILLDOWN_WINDOW (self), CSM_KPI_POP_CREATED);
  return self->population;
}

/**
 * csm_drilldown_window_get_model:
 *
 * Returns: (transfer none): the rows as shown, in the column view's order
 */
GListModel *
csm_drilldown_window_get_model (CsmDrilldownWindow *self)
{
  g_return_val_if_fail (CSM_IS_DRILLDOWN_WINDOW (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

static void
csm_drilldown_window_dispose (GObject *object)
{
  CsmDrilldownWindow *self = CSM_DRILLDOWN_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);

  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_DRILLDOWN_WINDOW);

  G_OBJECT_CLASS (csm_drilldown_window_parent_class)->dispose (object);
}

static void
csm_drilldown_window_finalize (GObject *object)
{
  CsmDrilldownWindow *self = CSM_DRILLDOWN_WINDOW (object);

  g_clear_pointer (&self->tickets, g_ptr_array_unref);
  csm_kpi_options_clear (&self->options);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (csm_drilldown_window_parent_class)->finalize (object);
}

static void
csm_drilldown_window_class_init (CsmDrilldownWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_drilldown_window_dispose;
  object_class->finalize = csm_drilldown_window_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/com/example/CsmConsole/ui/csm-drilldown-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmDrilldownWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CsmDrilldownWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CsmDrilldownWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, CsmDrilldownWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CsmDrilldownWindow, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, CsmDrilldownWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, CsmDrilldownWindow, empty_page);
  csm_drilldown_window_class_actions_init (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
csm_drilldown_window_init (CsmDrilldownWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  csm_kpi_options_init (&self->options);
}
