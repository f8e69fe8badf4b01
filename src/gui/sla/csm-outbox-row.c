/* csm-outbox-row.c: one change waiting for the helpdesk, with what became of it and, if refused, retry or discard.
 *
 * The row follows its item: each change of state shows at once. Its
 * buttons are the page's actions (sla.retry-write, sla.discard-write) with
 * the item's id as target, so the row holds no callback of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-outbox-row"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "csm-outbox-row.h"

struct _CsmOutboxRow
{
  AdwActionRow parent_instance;

  CsmOutboxItem *item;            /* (owned) */

  /* template */
  GtkWidget *retry_button;
  GtkWidget *discard_button;
};

G_DEFINE_FINAL_TYPE (CsmOutboxRow, csm_outbox_row, ADW_TYPE_ACTION_ROW)

static char *
describe_state (CsmOutboxItem *item)
{
  const char *error = csm_outbox_item_get_error (item) ? csm_outbox_item_get_error (item) : "";

  switch (csm_outbox_item_get_state (item))
    {
    case CSM_OUTBOX_SENDING:
      return g_strdup (_("Sending…"));
    case CSM_OUTBOX_FAILED:
      return g_strdup_printf (_("The helpdesk refused: %s"), error);
    case CSM_OUTBOX_DONE:
      return g_strdup (_("Done"));
    case CSM_OUTBOX_PENDING:
    default:
      if (csm_outbox_item_get_attempts (item) > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Waiting for the helpdesk (%u attempt): %s",
                                             "Waiting for the helpdesk (%u attempts): %s",
                                             csm_outbox_item_get_attempts (item)),
                                csm_outbox_item_get_attempts (item), error);
      return g_strdup (_("Waiting to be sent"));
    }
}

static void
update (CsmOutboxRow *self)
{
  CsmOutboxItem *item = self->item;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = describe_state (item);
  gboolean failed = csm_outbox_item_get_state (item) == CSM_OUTBOX_FAILED;

  if (g_strcmp0 (csm_outbox_item_get_field (item), "Owner") == 0)
    title = g_strdup_printf (_("Reassign #%" PRId64 " to %s"),
                             csm_outbox_item_get_ticket_id (item), csm_outbox_item_get_value (item));
  else
    title = g_strdup_printf (_("Set #%" PRId64 " to %s"),
                             csm_outbox_item_get_ticket_id (item), csm_outbox_item_get_value (item));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  gtk_widget_set_visible (self->retry_button, failed);
  gtk_widget_set_visible (self->discard_button, failed);
}

/**
 * csm_outbox_row_get_item:
 *
 * Returns: (transfer none): the change the row shows
 */
CsmOutboxItem *
csm_outbox_row_get_item (CsmOutboxRow *self)
{
  g_return_val_if_fail (CSM_IS_OUTBOX_ROW (self), NULL);
  return self->item;
}

static void
csm_outbox_row_dispose (GObject *object)
{
  CsmOutboxRow *self = CSM_OUTBOX_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_OUTBOX_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (csm_outbox_row_parent_class)->dispose (object);
}

static void
csm_outbox_row_class_init (CsmOutboxRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_outbox_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/csm-outbox-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmOutboxRow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, CsmOutboxRow, discard_button);
}

static void
csm_outbox_row_init (CsmOutboxRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
csm_outbox_row_new (CsmOutboxItem *item)
{
  CsmOutboxRow *self;
  GVariant *target;

  g_return_val_if_fail (CSM_IS_OUTBOX_ITEM (item), NULL);

  self = g_object_new (CSM_TYPE_OUTBOX_ROW, NULL);
  self->item = g_object_ref (item);
  target = g_variant_new_int64 (csm_outbox_item_get_id (item));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->retry_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->discard_button), target);
  g_signal_connect_object (item, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}
