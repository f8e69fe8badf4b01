/* csm-ticket-cell.c: one cell of the ticket list: a ticket's value in one column, kept current.
 *
 * The ticket list builds its cells from a GtkBuilderListItemFactory template
 * that binds a cell's ticket to its list item. Under GTK 4.8 a
 * GtkSignalListItemFactory unbinds and binds every realized row again
 * whenever positions change — hundreds of rows on each refresh of a busy
 * helpdesk. A bound property only changes when the item does; the cell
 * follows its ticket's own changes through CsmTicket:revision, and the
 * clock through the page it sits in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-ticket-cell"

#include "config.h"

#include "csm-enums.h"

#include <glib/gi18n-lib.h>

#include "csm-queues-page.h"
#include "csm-ticket-cell.h"
#include "csm-time.h"

struct _CsmTicketCell
{
  GtkWidget parent_instance;

  CsmTicket *ticket;            /* (owned) (nullable) */
  CsmTicketColumn column;
  GtkLabel *label;              /* (owned): the only child */
  const char *state_class;      /* the style class now on the label (static string) */
  CsmQueuesPage *page;          /* (unowned) (nullable): while rooted, for live columns */
};

G_DEFINE_FINAL_TYPE (CsmTicketCell, csm_ticket_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TICKET,
  PROP_COLUMN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
column_is_live (CsmTicketColumn column)
{
  return column == CSM_TICKET_COLUMN_CREATED || column == CSM_TICKET_COLUMN_SLA_DUE ||
         column == CSM_TICKET_COLUMN_LAST_UPDATED;
}

static gboolean
column_is_numeric (CsmTicketColumn column)
{
  return column == CSM_TICKET_COLUMN_ID || column == CSM_TICKET_COLUMN_PRIORITY ||
         column_is_live (column);
}

static const char *
status_display (const char *status)
{
  switch (csm_status_classify (status))
    {
    case CSM_STATUS_CLASS_NEW:
      return C_("ticket status", "New");
    case CSM_STATUS_CLASS_STALLED:
      return C_("ticket status", "Stalled");
    case CSM_STATUS_CLASS_OPEN:
      if (g_ascii_strcasecmp (status, "open") == 0)
        return C_("ticket status", "Open");
      return status;
    case CSM_STATUS_CLASS_INACTIVE:
    default:
      /* The Queues page lists active tickets only; a KPI drill-down lists
       * resolved ones too. */
      if (g_ascii_strcasecmp (status, "resolved") == 0)
        return C_("ticket status", "Resolved");
      if (g_ascii_strcasecmp (status, "rejected") == 0)
        return C_("ticket status", "Rejected");
      if (g_ascii_strcasecmp (status, "deleted") == 0)
        return C_("ticket status", "Deleted");
      return status;
    }
}

static gint64
cell_now (CsmTicketCell *self)
{
  CsmPage *page = CSM_PAGE (self->page);

  if (page == NULL)
    page = (CsmPage *) gtk_widget_get_ancestor (GTK_WIDGET (self), CSM_TYPE_PAGE);
  /* Cells live in a page; outside one there is no "now" to age against. */
  return page != NULL ? csm_page_get_now (page) : 0;
}

/**
 * csm_ticket_cell_refresh:
 * @now: the instant ages and countdowns are shown at
 *
 * Shows the ticket's value again; the label changes only where the text or
 * the state (overdue, at risk, unowned…) does.
 */
void
csm_ticket_cell_refresh (CsmTicketCell *self,
                         gint64         now)
{
  CsmTicket *ticket = self->ticket;
  g_autofree char *text = NULL;
  const char *css = NULL;

  g_return_if_fail (CSM_IS_TICKET_CELL (self));

  if (ticket == NULL)
    {
      gtk_label_set_text (self->label, "");
      css = NULL;
    }
  else
    switch (self->column)
      {
      case CSM_TICKET_COLUMN_ID:
        text = g_strdup_printf ("%" G_GINT64_FORMAT, csm_ticket_get_id (ticket));
        break;
      case CSM_TICKET_COLUMN_SUBJECT:
        text = g_strdup (csm_ticket_get_subject (ticket));
        break;
      case CSM_TICKET_COLUMN_QUEUE:
        text = g_strdup (csm_ticket_get_queue_name (ticket));
        break;
      case CSM_TICKET_COLUMN_STATUS:
        text = g_strdup (status_display (csm_ticket_get_status (ticket)));
        switch (csm_ticket_get_status_class (ticket))
          {
          case CSM_STATUS_CLASS_NEW:      css = "csm-status-new"; break;
          case CSM_STATUS_CLASS_STALLED:  css = "csm-status-stalled"; break;
          case CSM_STATUS_CLASS_OPEN:
          case CSM_STATUS_CLASS_INACTIVE:
          default:                        css = "csm-status-open"; break;
          }
        break;
      case CSM_TICKET_COLUMN_OWNER:
        text = g_strdup (csm_ticket_get_owner_display (ticket));
        if (csm_ticket_get_owner (ticket) == NULL)
          css = "dim-label";
        break;
      case CSM_TICKET_COLUMN_PRIORITY:
        text = g_strdup_printf ("%d", csm_ticket_get_priority (ticket));
        break;
      case CSM_TICKET_COLUMN_CREATED:
        text = csm_format_age (csm_ticket_get_created (ticket), now);
        break;
      case CSM_TICKET_COLUMN_SLA_DUE:
        {
          gint64 remaining;

          text = csm_format_countdown (csm_ticket_get_due (ticket), now);
          if (csm_ticket_get_sla_remaining (ticket, now, &remaining))
            css = remaining < 0 ? "error"
                                : remaining <= CSM_TICKET_CELL_AT_RISK_SECONDS ? "warning" : NULL;
          else
            css = "dim-label";
        }
        break;
      case CSM_TICKET_COLUMN_LAST_UPDATED:
        {
          g_autofree char *age = csm_format_age (csm_ticket_get_last_updated (ticket), now);
          /* Translators: "5 min ago" */
          text = csm_ticket_get_last_updated (ticket) ? g_strdup_printf (_("%s ago"), age)
                                                      : g_strdup ("—");
        }
        break;
      default:
        g_assert_not_reached ();
      }

  if (text != NULL && g_strcmp0 (gtk_label_get_text (self->label), text) != 0)
    gtk_label_set_text (self->label, text);

  /* One state class at a time. */
  if (g_strcmp0 (self->state_class, css) != 0)
    {
      if (self->state_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self->label), self->state_class);
      if (css != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self->label), css);
      self->state_class = css;
    }
}

static void
revision_changed_cb (CsmTicketCell *self)
{
  csm_ticket_cell_refresh (self, cell_now (self));
}

void
csm_ticket_cell_set_ticket (CsmTicketCell *self,
                            CsmTicket     *ticket)
{
  g_return_if_fail (CSM_IS_TICKET_CELL (self));
  g_return_if_fail (ticket == NULL || CSM_IS_TICKET (ticket));

  if (self->ticket == ticket)
    return;
  if (self->ticket != NULL)
    g_signal_handlers_disconnect_by_func (self->ticket, revision_changed_cb, self);
  g_set_object (&self->ticket, ticket);
  if (ticket != NULL)
    g_signal_connect_swapped (ticket, "notify::revision", G_CALLBACK (revision_changed_cb), self);
  csm_ticket_cell_refresh (self, cell_now (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET]);
}

/**
 * csm_ticket_cell_get_ticket:
 *
 * Returns: (transfer none) (nullable): the ticket shown
 */
CsmTicket *
csm_ticket_cell_get_ticket (CsmTicketCell *self)
{
  g_return_val_if_fail (CSM_IS_TICKET_CELL (self), NULL);
  return self->ticket;
}

CsmTicketColumn
csm_ticket_cell_get_column (CsmTicketCell *self)
{
  g_return_val_if_fail (CSM_IS_TICKET_CELL (self), CSM_TICKET_COLUMN_ID);
  return self->column;
}

/**
 * csm_ticket_cell_get_live:
 *
 * Returns: whether the cell's text moves with the clock (ages, countdowns)
 */
gboolean
csm_ticket_cell_get_live (CsmTicketCell *self)
{
  g_return_val_if_fail (CSM_IS_TICKET_CELL (self), FALSE);
  return column_is_live (self->column);
}

static void
set_column (CsmTicketCell   *self,
            CsmTicketColumn  column)
{
  self->column = column;
  gtk_label_set_xalign (self->label, column_is_numeric (column) ? 1.0 : 0.0);
  if (column == CSM_TICKET_COLUMN_SUBJECT)
    {
      gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (self->label, 24);
    }
  else if (column == CSM_TICKET_COLUMN_QUEUE || column == CSM_TICKET_COLUMN_OWNER)
    {
      gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (self->label, 20);
    }
  if (column_is_numeric (column))
    gtk_widget_add_css_class (GTK_WIDGET (self->label), "numeric");
}

/* Ages and countdowns follow the page's clock while the cell is shown. */
static void
csm_ticket_cell_root (GtkWidget *widget)
{
  CsmTicketCell *self = CSM_TICKET_CELL (widget);

  GTK_WIDGET_CLASS (csm_ticket_cell_parent_class)->root (widget);

  if (column_is_live (self->column))
    {
      self->page = (CsmQueuesPage *) gtk_widget_get_ancestor (widget, CSM_TYPE_QUEUES_PAGE);
      if (self->page != NULL)
        csm_queues_page_add_live_cell (self->page, self);
    }
  csm_ticket_cell_refresh (self, cell_now (self));
}

static void
csm_ticket_cell_unroot (GtkWidget *widget)
{
  CsmTicketCell *self = CSM_TICKET_CELL (widget);

  if (self->page != NULL)
    {
      csm_queues_page_remove_live_cell (self->page, self);
      self->page = NULL;
    }

  GTK_WIDGET_CLASS (csm_ticket_cell_parent_class)->unroot (widget);
}

static void
csm_ticket_cell_dispose (GObject *object)
{
  CsmTicketCell *self = CSM_TICKET_CELL (object);

  if (self->ticket != NULL)
    g_signal_handlers_disconnect_by_func (self->ticket, revision_changed_cb, self);
  g_clear_object (&self->ticket);
  g_clear_pointer ((GtkWidget **) &self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (csm_ticket_cell_parent_class)->dispose (object);
}

static void
csm_ticket_cell_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CsmTicketCell *self = CSM_TICKET_CELL (object);

  switch (prop_id)
    {
    case PROP_TICKET:
      g_value_set_object (value, self->ticket);
      break;
    case PROP_COLUMN:
      g_value_set_enum (value, self->column);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_ticket_cell_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CsmTicketCell *self = CSM_TICKET_CELL (object);

  switch (prop_id)
    {
    case PROP_TICKET:
      csm_ticket_cell_set_ticket (self, g_value_get_object (value));
      break;
    case PROP_COLUMN:
      set_column (self, (CsmTicketColumn) g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_ticket_cell_class_init (CsmTicketCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_ticket_cell_dispose;
  object_class->get_property = csm_ticket_cell_get_property;
  object_class->set_property = csm_ticket_cell_set_property;
  widget_class->root = csm_ticket_cell_root;
  widget_class->unroot = csm_ticket_cell_unroot;

  properties[PROP_TICKET] =
    g_param_spec_object ("ticket", NULL, NULL, CSM_TYPE_TICKET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMN] =
    g_param_spec_enum ("column", NULL, NULL, CSM_TYPE_TICKET_COLUMN, CSM_TICKET_COLUMN_ID,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "csm-ticket-cell");
}

static void
csm_ticket_cell_init (CsmTicketCell *self)
{
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));
}

/**
 * csm_ticket_cell_factory_xml:
 *
 * Returns: (transfer full): the GtkBuilderListItemFactory template of a
 *   column's cells: a cell bound to its list item's ticket
 */
char *
csm_ticket_cell_factory_xml (CsmTicketColumn column)
{
  g_type_ensure (CSM_TYPE_TICKET_CELL);
  return g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<interface>\n"
    "  <template class=\"GtkListItem\">\n"
    "    <property name=\"child\">\n"
    "      <object class=\"CsmTicketCell\">\n"
    "        <property name=\"column\">%d</property>\n"
    "        <binding name=\"ticket\">\n"
    "          <lookup name=\"item\">GtkListItem</lookup>\n"
    "        </binding>\n"
    "      </object>\n"
    "    </property>\n"
    "  </template>\n"
    "</interface>\n", (int) column);
}
