/* csm-quality-page-actions.c: what the Quality page does on request: submit, reload, open a conversation, resume a draft.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-quality-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-quality-page-private.h"
#include "csm-scorecard-editor.h"

static void
submit_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  csm_quality_page_submit (CSM_QUALITY_PAGE (widget));
}

static void
reload_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  CsmQualityPage *self = CSM_QUALITY_PAGE (widget);

  /* Read again from the helpdesk, not from the cache. */
  if (self->loader != NULL)
    csm_transcript_loader_forget (self->loader, self->ticket_id);
  csm_quality_page_load_transcript (self);
}

static void
open_conversation_action (GtkWidget  *widget,
                          const char *action,
                          GVariant   *parameter)
{
  const char *conversation = g_variant_get_string (parameter, NULL);
  gint64 id = g_ascii_strtoll (conversation, NULL, 10);

  if (id > 0 && !csm_quality_page_open_conversation (CSM_QUALITY_PAGE (widget), id))
    {
      g_autofree char *text = g_strdup_printf (_("Conversation #%s is not among the helpdesk’s "
                                                 "tickets this console has."), conversation);

      csm_quality_page_set_status (CSM_QUALITY_PAGE (widget), text);
    }
}

static void
calibrate_action (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  const char *session, *conversation;

  g_variant_get (parameter, "(&s&s)", &session, &conversation);
  if (!csm_quality_page_calibrate (CSM_QUALITY_PAGE (widget), session,
                                   g_ascii_strtoll (conversation, NULL, 10)))
    {
      g_autofree char *text = g_strdup_printf (_("Conversation #%s is not among the helpdesk’s "
                                                 "tickets this console has."), conversation);

      csm_quality_page_set_status (CSM_QUALITY_PAGE (widget), text);
    }
}

static void
assign_training_action (GtkWidget  *widget,
                        const char *action,
                        GVariant   *parameter)
{
  const char *agent, *category;

  g_variant_get (parameter, "(&s&s)", &agent, &category);
  csm_quality_page_assign_training (CSM_QUALITY_PAGE (widget), agent,
                                    *category != '\0' ? category : NULL);
}

static void
reload_reviews_action (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  CsmQualityPage *self = CSM_QUALITY_PAGE (widget);

  if (self->workspace != NULL)
    csm_quality_page_list_reviews (self);
}

static void
resume_draft_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  CsmQualityPage *self = CSM_QUALITY_PAGE (widget);
  GHashTableIter iter;
  gpointer key;

  gtk_revealer_set_reveal_child (self->banner, FALSE);
  if (self->draft_by_conversation == NULL)
    return;
  g_hash_table_iter_init (&iter, self->draft_by_conversation);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (csm_quality_page_open_conversation (self, g_ascii_strtoll (key, NULL, 10)))
      {
        csm_review_form_focus_first (self->review_form);
        return;
      }
}

static void
open_workspace_action (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  CsmQualityPage *self = CSM_QUALITY_PAGE (widget);

  gtk_revealer_set_reveal_child (self->banner, FALSE);
  csm_quality_page_open_workspace (self);
}

static void
deliver_action (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  csm_quality_page_deliver (CSM_QUALITY_PAGE (widget));
}

static void
retry_refused_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  csm_quality_page_retry_refused (CSM_QUALITY_PAGE (widget));
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CsmQualityPage   *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    csm_quality_page_discard_refused (self);
}

/* Asked first: a refused scorecard change is lost for good. */
static void
discard_refused_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Discard What Was Refused?"),
                                                       _("Refused reviews become drafts here "
                                                         "again; refused scorecard changes are "
                                                         "lost.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The editor's answers count only for the workspace it was opened on. */
static gboolean
editor_of_open_workspace (CsmQualityPage     *self,
                          CsmScorecardEditor *editor)
{
  return self->workspace != NULL &&
         g_object_get_data (G_OBJECT (editor), "csm-workspace") == self->workspace;
}

static void
scorecard_saved_cb (CsmScorecardEditor *editor,
                    CsmQaScorecard     *stored,
                    CsmQualityPage     *self)
{
  if (editor_of_open_workspace (self, editor))
    csm_quality_page_take_scorecard (self, stored);
}

/* The workspace could not be reached: the change waits with the
 * submissions, and is delivered with them. */
static void
scorecard_kept_cb (CsmScorecardEditor *editor,
                   const char         *message,
                   CsmQualityPage     *self)
{
  if (!editor_of_open_workspace (self, editor))
    return;
  csm_quality_page_set_status (self, message);
  csm_quality_page_deliver (self);
}

/* An admin changes the scorecard new reviews are scored on; reviews
 * already made keep their version. */
static void
edit_scorecard_action (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  CsmQualityPage *self = CSM_QUALITY_PAGE (widget);
  CsmScorecardEditor *editor;

  if (self->workspace == NULL || self->scorecard == NULL)
    return;
  editor = csm_scorecard_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->workspace,
                                     self->scorecard);
  g_object_set_data_full (G_OBJECT (editor), "csm-workspace", g_object_ref (self->workspace),
                          g_object_unref);
  g_signal_connect_object (editor, "saved", G_CALLBACK (scorecard_saved_cb), self, 0);
  g_signal_connect_object (editor, "kept", G_CALLBACK (scorecard_kept_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
assign_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  csm_quality_page_assign (CSM_QUALITY_PAGE (widget));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  CsmQualityPage *self = CSM_QUALITY_PAGE (widget);

  gtk_stack_set_visible_child_name (self->views, "review");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
csm_quality_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "quality.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "quality.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "quality.open-conversation", "s",
                                   open_conversation_action);
  gtk_widget_class_install_action (widget_class, "quality.resume-draft", NULL,
                                   resume_draft_action);
  gtk_widget_class_install_action (widget_class, "quality.calibrate", "(ss)", calibrate_action);
  gtk_widget_class_install_action (widget_class, "quality.assign-training", "(ss)",
                                   assign_training_action);
  gtk_widget_class_install_action (widget_class, "quality.reload-reviews", NULL,
                                   reload_reviews_action);
  gtk_widget_class_install_action (widget_class, "quality.open-workspace", NULL,
                                   open_workspace_action);
  gtk_widget_class_install_action (widget_class, "quality.deliver", NULL, deliver_action);
  gtk_widget_class_install_action (widget_class, "quality.retry-refused", NULL,
                                   retry_refused_action);
  gtk_widget_class_install_action (widget_class, "quality.discard-refused", NULL,
                                   discard_refused_action);
  gtk_widget_class_install_action (widget_class, "quality.edit-scorecard", NULL,
                                   edit_scorecard_action);
  gtk_widget_class_install_action (widget_class, "quality.assign", NULL, assign_action);
  gtk_widget_class_install_action (widget_class, "quality.focus-search", NULL,
                                   focus_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "quality.focus-search", NULL);
}
