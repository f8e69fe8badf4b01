/* csm-queue-card.c: one queue at a glance: active count, new/open/stalled, unowned, oldest wait.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-queue-card"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-queue-card.h"
#include "csm-time.h"

struct _CsmQueueCard
{
  GtkWidget parent_instance;

  CsmQueueSummary *summary;   /* (owned) */

  GtkLabel *name_label;
  GtkLabel *active_label;
  GtkLabel *new_label;
  GtkLabel *open_label;
  GtkLabel *stalled_label;
  GtkLabel *unassigned_label;
  GtkLabel *oldest_label;
};

G_DEFINE_FINAL_TYPE (CsmQueueCard, csm_queue_card, GTK_TYPE_WIDGET)

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  gtk_label_set_text (label, text);
}

/* Reads everything from the summary; called on any of its notifications,
 * so the card follows in-place updates without being rebuilt. */
static void
sync_from_summary (CsmQueueCard *self)
{
  CsmQueueSummary *s = self->summary;
  gint64 age = csm_queue_summary_get_oldest_new_age (s);
  g_autofree char *oldest = NULL;
  g_autofree char *accessible = NULL;

  gtk_label_set_text (self->name_label, csm_queue_summary_get_queue_name (s));
  set_count (self->active_label, csm_queue_summary_get_active (s));
  set_count (self->new_label, csm_queue_summary_get_new (s));
  set_count (self->open_label, csm_queue_summary_get_open (s));
  set_count (self->stalled_label, csm_queue_summary_get_stalled (s));
  set_count (self->unassigned_label, csm_queue_summary_get_unassigned (s));

  if (csm_queue_summary_get_unassigned (s) > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->unassigned_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->unassigned_label), "warning");

  if (age < 0)
    oldest = g_strdup (_("No new tickets waiting"));
  else
    {
      g_autofree char *span = csm_format_duration (age);
      /* Translators: how long the oldest new ticket of a queue has waited */
      oldest = g_strdup_printf (_("Oldest new ticket waiting %s"), span);
    }
  gtk_label_set_text (self->oldest_label, oldest);

  accessible = g_strdup_printf (_("%s: %u active, %u new, %u open, %u stalled, %u unowned. %s"),
                                csm_queue_summary_get_queue_name (s),
                                csm_queue_summary_get_active (s),
                                csm_queue_summary_get_new (s),
                                csm_queue_summary_get_open (s),
                                csm_queue_summary_get_stalled (s),
                                csm_queue_summary_get_unassigned (s),
                                oldest);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
csm_queue_card_dispose (GObject *object)
{
  CsmQueueCard *self = (CsmQueueCard *) object;

  if (self->summary != NULL)
    g_signal_handlers_disconnect_by_func (self->summary, sync_from_summary, self);
  g_clear_object (&self->summary);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_QUEUE_CARD);
  /* The template's root box has no id, so dispose_template leaves it. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (csm_queue_card_parent_class)->dispose (object);
}

static void
csm_queue_card_class_init (CsmQueueCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_queue_card_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-queue-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmQueueCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, CsmQueueCard, active_label);
  gtk_widget_class_bind_template_child (widget_class, CsmQueueCard, new_label);
  gtk_widget_class_bind_template_child (widget_class, CsmQueueCard, open_label);
  gtk_widget_class_bind_template_child (widget_class, CsmQueueCard, stalled_label);
  gtk_widget_class_bind_template_child (widget_class, CsmQueueCard, unassigned_label);
  gtk_widget_class_bind_template_child (widget_class, CsmQueueCard, oldest_label);
}

static void
csm_queue_card_init (CsmQueueCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
csm_queue_card_new (CsmQueueSummary *summary)
{
  CsmQueueCard *self;

  g_return_val_if_fail (CSM_IS_QUEUE_SUMMARY (summary), NULL);

  self = g_object_new (CSM_TYPE_QUEUE_CARD, NULL);
  self->summary = g_object_ref (summary);
  g_signal_connect_swapped (summary, "notify", G_CALLBACK (sync_from_summary), self);
  sync_from_summary (self);
  return GTK_WIDGET (self);
}

/**
 * csm_queue_card_get_summary:
 *
 * Returns: (transfer none): the summary the card shows
 */
CsmQueueSummary *
csm_queue_card_get_summary (CsmQueueCard *self)
{
  g_return_val_if_fail (CSM_IS_QUEUE_CARD (self), NULL);
  return self->summary;
}
