/* csm-quality-page-assign.c: the review queue: conversations assigned to me, and a lead assigning them.
 *
 * The assignments the workspace lets this person read (a reviewer's own,
 * a lead's all) are read with the reviews; the conversations assigned to
 * me make the "Assigned to me" list and carry an Assigned badge until I
 * start or submit their review. A lead or an admin assigns the
 * conversation shown to a reviewer by name, from the Assign popover.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-quality-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-quality-page-private.h"

static gboolean
may_assign (CsmQualityPage *self)
{
  return self->workspace != NULL &&
         (csm_workspace_get_permissions (self->workspace) & CSM_WORKSPACE_ASSIGNS);
}

/**
 * csm_quality_page_is_assigned:
 *
 * Returns: (nullable): who assigned @conversation to me, or %NULL
 */
const char *
csm_quality_page_is_assigned (CsmQualityPage *self,
                              const char     *conversation)
{
  return self->assigned != NULL ? g_hash_table_lookup (self->assigned, conversation) : NULL;
}

static void
assignments_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CsmQualityPage) self = user_data;
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GError) error = NULL;

  assignments = csm_workspace_list_assignments_finish (CSM_WORKSPACE (object), result, &error);
  if (assignments == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Assignments not read: %s", error->message);
      return;
    }
  g_clear_pointer (&self->assigned, g_hash_table_unref);
  self->assigned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < assignments->len; i++)
    {
      const CsmQaAssignment *a = g_ptr_array_index (assignments, i);

      if (g_strcmp0 (a->reviewer, self->me) == 0)
        g_hash_table_replace (self->assigned, g_strdup (a->conversation),
                              g_strdup (a->assigned_by));
    }
  csm_quality_page_update_badges (self);
}

/**
 * csm_quality_page_list_assignments:
 *
 * Reads the assignments again, for those who review or assign (agents
 * have none to read).
 */
void
csm_quality_page_list_assignments (CsmQualityPage *self)
{
  if (self->workspace == NULL || (!csm_quality_page_may_review (self) && !may_assign (self)))
    return;
  csm_workspace_list_assignments_async (self->workspace, self->cancellable, assignments_cb,
                                        g_object_ref (self));
}

/**
 * csm_quality_page_update_assign:
 *
 * What the Assign popover offers: the conversation shown, to a reviewer.
 */
void
csm_quality_page_update_assign (CsmQualityPage *self)
{
  g_autofree char *text = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, self->ticket_id);

  gtk_widget_set_visible (GTK_WIDGET (self->assign_button), may_assign (self));
  if (self->ticket_id > 0)
    /* Translators: %s is a conversation's number */
    text = g_strdup_printf (_("Assign conversation #%s to a reviewer"), number);
  gtk_label_set_text (self->assign_label,
                      text != NULL ? text : _("Choose a conversation to assign first."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quality.assign",
                                 may_assign (self) && self->ticket_id > 0);
}

typedef struct
{
  CsmQualityPage *page;   /* (owned) */
  gint64 conversation;
  char *reviewer;
} Assigning;

static void
assigning_free (Assigning *assigning)
{
  g_object_unref (assigning->page);
  g_free (assigning->reviewer);
  g_free (assigning);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Assigning, assigning_free)

static void
assigned_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Assigning) assigning = user_data;
  CsmQualityPage *self = assigning->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, assigning->conversation);
  guint added = 0;

  if (!csm_workspace_assign_finish (CSM_WORKSPACE (object), result, &added, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Said where it was asked, which stays open. */
      gtk_label_set_text (self->assign_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->assign_label), "error");
      return;
    }
  text = added > 0
         /* Translators: a conversation's number and a reviewer */
         ? g_strdup_printf (_("Conversation #%s is assigned to %s."), number,
                            assigning->reviewer)
         : g_strdup_printf (_("Conversation #%s was already assigned to %s."), number,
                            assigning->reviewer);
  csm_quality_page_set_status (self, text);
  gtk_editable_set_text (GTK_EDITABLE (self->assign_entry), "");
  gtk_popover_popdown (self->assign_popover);
  csm_quality_page_list_assignments (self);
}

/**
 * csm_quality_page_assign:
 *
 * Assigns the conversation shown to the reviewer named in the popover.
 */
void
csm_quality_page_assign (CsmQualityPage *self)
{
  g_autofree char *reviewer = NULL;
  g_autofree char *conversation = NULL;
  const char *conversations[2] = { NULL, NULL };
  Assigning *assigning;
  gint64 days;

  if (!may_assign (self) || self->ticket_id <= 0)
    return;
  reviewer = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->assign_entry))));
  conversation = g_strdup_printf ("%" G_GINT64_FORMAT, self->ticket_id);
  conversations[0] = conversation;
  gtk_widget_remove_css_class (GTK_WIDGET (self->assign_label), "error");
  assigning = g_new0 (Assigning, 1);
  assigning->page = g_object_ref (self);
  assigning->conversation = self->ticket_id;
  assigning->reviewer = g_strdup (reviewer);
  days = gtk_spin_button_get_value_as_int (self->assign_due_spin);
  csm_workspace_assign_async (self->workspace, conversations, NULL, reviewer,
                              csm_page_get_now (CSM_PAGE (self)),
                              days > 0 ? csm_page_get_now (CSM_PAGE (self)) + days * 86400 : 0,
                              self->cancellable, assigned_cb,
                              assigning);
}
