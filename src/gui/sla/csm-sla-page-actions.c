/* csm-sla-page-actions.c: the SLA page's commands: reassign, set a status, open in RT, retry or discard a refused change.
 *
 * Every command is an action of the page (sla.reassign, sla.retry-write(x)
 * …) so that buttons, rows and shortcuts share one path. Writes go through
 * the outbox: stored first, then sent, retried while the helpdesk is away.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sla-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-sla-page-private.h"

const char * const csm_sla_page_status_values[4] = { "new", "open", "stalled", "resolved" };

/* The page is held until the store answers: the answer may come after the
 * page was closed, and cancelling does not stop a write the worker began. */
static void
queued_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CsmSlaPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (csm_outbox_queue_finish (CSM_OUTBOX (object), result, &error) > 0 ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Not even stored: say so where the user acted. */
  g_warning ("The change could not be stored: %s", error->message);
  if (self->outbox_list != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->outbox_list), TRUE);
      gtk_widget_error_bell (GTK_WIDGET (self));
    }
}

static void
queue_write (CsmSlaPage *self,
             const char *field,
             const char *value,
             const char *previous)
{
  CsmSlaEntry *entry = csm_sla_page_get_selected_entry (self);

  if (entry == NULL || self->outbox == NULL || value == NULL)
    return;
  csm_outbox_queue_async (self->outbox, csm_ticket_get_id (csm_sla_entry_get_ticket (entry)),
                          field, value, previous, self->cancellable, queued_cb,
                          g_object_ref (self));
}

static void
reassign_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CsmSlaPage *self = CSM_SLA_PAGE (widget);
  CsmSlaEntry *entry = csm_sla_page_get_selected_entry (self);
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
  CsmSlaEntry *entry = csm_sla_page_get_selected_entry (self);
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);

  if (entry == NULL || selected >= G_N_ELEMENTS (csm_sla_page_status_values))
    return;
  queue_write (self, "Status", csm_sla_page_status_values[selected],
               csm_ticket_get_status (csm_sla_entry_get_ticket (entry)));
}

static void
open_in_rt_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CsmSlaPage *self = CSM_SLA_PAGE (widget);
  CsmSlaEntry *entry = csm_sla_page_get_selected_entry (self);
  CsmContext *context = csm_page_get_context (CSM_PAGE (self));
  CsmAccount *account = context ? csm_context_get_account (context) : NULL;
  g_autofree char *uri = NULL;

  if (entry == NULL || account == NULL)
    return;
  uri = csm_account_dup_web_url (account, csm_ticket_get_id (csm_sla_entry_get_ticket (entry)));
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), uri, GDK_CURRENT_TIME);
}

/* sla.retry-write(x) and sla.discard-write(x): a refused change, by its
 * outbox id, is sent again or dropped. */
static void
retry_write_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CsmSlaPage *self = CSM_SLA_PAGE (widget);

  if (self->outbox != NULL)
    csm_outbox_retry (self->outbox, g_variant_get_int64 (parameter));
}

static void
discard_write_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CsmSlaPage *self = CSM_SLA_PAGE (widget);

  if (self->outbox != NULL)
    csm_outbox_discard (self->outbox, g_variant_get_int64 (parameter));
}

/**
 * csm_sla_page_update_actions:
 *
 * Enables what the selection and the outbox allow, and shows the bar for
 * the selected ticket.
 */
void
csm_sla_page_update_actions (CsmSlaPage *self)
{
  CsmSlaEntry *entry = csm_sla_page_get_selected_entry (self);
  gboolean can_write = entry != NULL && self->outbox != NULL;

  gtk_revealer_set_reveal_child (self->action_revealer, entry != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla.reassign", can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla.set-status", can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla.open-in-rt", entry != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla.retry-write", self->outbox != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla.discard-write", self->outbox != NULL);
  if (entry != NULL)
    {
      CsmTicket *ticket = csm_sla_entry_get_ticket (entry);
      g_autofree char *text = g_strdup_printf ("#%" G_GINT64_FORMAT " %s", csm_ticket_get_id (ticket),
                                               csm_ticket_get_subject (ticket));
      gtk_label_set_text (self->selected_label, text);
    }
}

void
csm_sla_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sla.reassign", NULL, reassign_action);
  gtk_widget_class_install_action (widget_class, "sla.set-status", NULL, set_status_action);
  gtk_widget_class_install_action (widget_class, "sla.open-in-rt", NULL, open_in_rt_action);
  gtk_widget_class_install_action (widget_class, "sla.retry-write", "x", retry_write_action);
  gtk_widget_class_install_action (widget_class, "sla.discard-write", "x", discard_write_action);
}
