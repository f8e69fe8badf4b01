/* csm-transcript-view.c: a conversation as a reviewer reads it: its messages in order, personal data masked.
 *
 * Each message is a row: who wrote it (an agent by name, the customer as
 * "Customer"), when, and what kind it is (the customer's message, the
 * agent's reply, or an internal comment, which is marked and set apart),
 * then its text. Text is only ever plain text in a label: ticket HTML was
 * turned into text in core and is never rendered.
 *
 * With masking on, e-mail addresses, phone numbers and card numbers are
 * replaced in the messages, in the requestors shown and in the customer's
 * user name, and the view says how many were masked.
 *
 * Below the messages are the requestor's other tickets of the last 30
 * days: the context the agent had.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-transcript-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "csm-list-box.h"
#include "csm-mask.h"
#include "csm-message.h"
#include "csm-transcript-view.h"

struct _CsmTranscriptView
{
  GtkWidget parent_instance;

  guint n_masked;

  GtkStack *stack;
  GtkSpinner *spinner;
  AdwStatusPage *error_page;
  GtkScrolledWindow *scroller;
  GtkLabel *title_label;
  GtkLabel *meta_label;
  GtkLabel *masked_label;
  GtkListView *messages_view;
  GListStore *messages;         /* (owned): CsmMessage */
  gboolean masked;
  GtkExpander *context_expander;
  GtkLabel *context_title;
  GtkListBox *context_list;
};

G_DEFINE_FINAL_TYPE (CsmTranscriptView, csm_transcript_view, GTK_TYPE_WIDGET)

static void setup_message_cb (GtkSignalListItemFactory *factory,
                              GtkListItem              *item,
                              CsmTranscriptView        *self);
static void bind_message_cb  (GtkSignalListItemFactory *factory,
                              GtkListItem              *item,
                              CsmTranscriptView        *self);

static void
csm_transcript_view_finalize (GObject *object)
{
  g_clear_object (&CSM_TRANSCRIPT_VIEW (object)->messages);
  G_OBJECT_CLASS (csm_transcript_view_parent_class)->finalize (object);
}

static void
csm_transcript_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CSM_TYPE_TRANSCRIPT_VIEW);
  /* GTK 4.8 unparents only the template's named children. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (csm_transcript_view_parent_class)->dispose (object);
}

static void
csm_transcript_view_class_init (CsmTranscriptViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_transcript_view_dispose;
  object_class->finalize = csm_transcript_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-transcript-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmTranscriptView, stack);
  gtk_widget_class_bind_template_child (widget_class, CsmTranscriptView, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsmTranscriptView, error_page);
  gtk_widget_class_bind_template_child (widget_class, CsmTranscriptView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CsmTranscriptView, title_label);
  gtk_widget_class_bind_template_child (widget_class, CsmTranscriptView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, CsmTranscriptView, masked_label);
  gtk_widget_class_bind_template_child (widget_class, CsmTranscriptView, messages_view);
  gtk_widget_class_bind_template_child (widget_class, CsmTranscriptView, context_expander);
  gtk_widget_class_bind_template_child (widget_class, CsmTranscriptView, context_title);
  gtk_widget_class_bind_template_child (widget_class, CsmTranscriptView, context_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
csm_transcript_view_init (CsmTranscriptView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->messages = g_list_store_new (CSM_TYPE_MESSAGE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_message_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_message_cb), self);
  gtk_list_view_set_factory (self->messages_view, factory);
  gtk_list_view_set_model (self->messages_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             g_object_ref (G_LIST_MODEL (self->messages)))));
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  /* Translators: when a message was written, see g_date_time_format () */
  return local != NULL ? g_date_time_format (local, _("%a %e %b %Y, %H:%M")) : g_strdup ("");
}

/* Text as the reviewer may see it; counts what was masked. */
static char *
shown (CsmTranscriptView *self,
       const char        *text,
       gboolean           masked)
{
  guint n = 0;
  char *result;

  if (!masked || text == NULL)
    return g_strdup (text != NULL ? text : "");
  result = csm_mask_personal_data (text, &n);
  self->n_masked += n;
  return result;
}

static void
setup_message_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  CsmTranscriptView        *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *head = gtk_label_new (NULL);
  GtkWidget *body = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (head), 0);
  gtk_label_set_wrap (GTK_LABEL (head), TRUE);
  gtk_widget_add_css_class (head, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  gtk_box_append (GTK_BOX (box), head);
  gtk_box_append (GTK_BOX (box), body);
  gtk_widget_add_css_class (box, "message");
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

/* Who wrote it, what kind it is, and when: "alice · Reply · Mon 3 Dec…";
 * the customer's user name (often their address) left out when masked. */
static char *
message_head (CsmMessage *message,
              gboolean    masked,
              const char **css)
{
  g_autofree char *when = format_time (csm_message_get_created (message));
  g_autofree char *author = NULL;
  const char *kind;

  switch (csm_message_get_role (message))
    {
    case CSM_MESSAGE_REPLY:
      kind = _("Reply");
      *css = "reply";
      break;
    case CSM_MESSAGE_COMMENT:
      kind = _("Internal comment");
      *css = "comment";
      break;
    case CSM_MESSAGE_CUSTOMER:
    default:
      kind = _("Customer");
      *css = "customer";
      break;
    }
  if (!masked)
    author = g_strdup (csm_message_get_author (message));
  else if (csm_message_get_role (message) != CSM_MESSAGE_CUSTOMER)
    author = csm_mask_personal_data (csm_message_get_author (message), NULL);
  if (author != NULL && *author != '\0')
    /* Translators: a message's writer, kind and time: "alice · Reply · Mon 3 Dec 2026, 14:05" */
    return g_strdup_printf (_("%s · %s · %s"), author, kind, when);
  /* Translators: a message's kind and time: "Customer · Mon 3 Dec 2026, 14:05" */
  return g_strdup_printf (_("%s · %s"), kind, when);
}

static void
bind_message_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 CsmTranscriptView        *self)
{
  static const char * const roles[] = { "reply", "comment", "customer" };
  CsmMessage *message = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *head = gtk_widget_get_first_child (box);
  GtkWidget *body = gtk_widget_get_next_sibling (head);
  const char *css = NULL;
  g_autofree char *head_text = message_head (message, self->masked, &css);
  g_autofree char *accessible = NULL;
  const char *text = self->masked ? csm_message_get_masked_body (message, NULL)
                                  : csm_message_get_body (message);

  if (text == NULL || *text == '\0')
    text = _("(no text)");
  gtk_label_set_text (GTK_LABEL (head), head_text);
  gtk_label_set_text (GTK_LABEL (body), text);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    gtk_widget_remove_css_class (box, roles[i]);
  gtk_widget_add_css_class (box, css);
  accessible = g_strdup_printf ("%s. %s", head_text, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static GtkWidget *
context_row (CsmTranscriptView *self,
             CsmTicket         *ticket,
             gboolean           masked)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  g_autofree char *subject = shown (self, csm_ticket_get_subject (ticket), masked);
  g_autofree char *title = g_strdup_printf ("#%" G_GINT64_FORMAT " %s", csm_ticket_get_id (ticket),
                                            subject);
  g_autofree char *when = format_time (csm_ticket_get_created (ticket));
  /* Translators: another ticket's queue, status and creation time */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s · %s"),
                                               csm_ticket_get_queue_name (ticket),
                                               csm_ticket_get_status (ticket), when);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (row, subtitle);
  return GTK_WIDGET (row);
}

void
csm_transcript_view_show_empty (CsmTranscriptView *self)
{
  g_return_if_fail (CSM_IS_TRANSCRIPT_VIEW (self));

  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

void
csm_transcript_view_show_loading (CsmTranscriptView *self)
{
  g_return_if_fail (CSM_IS_TRANSCRIPT_VIEW (self));

  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

void
csm_transcript_view_show_error (CsmTranscriptView *self,
                                const GError      *error)
{
  g_return_if_fail (CSM_IS_TRANSCRIPT_VIEW (self));

  gtk_spinner_stop (self->spinner);
  {
    /* A status page's description is markup. */
    g_autofree char *escaped = g_markup_escape_text (error->message, -1);

    adw_status_page_set_description (self->error_page, escaped);
  }
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/**
 * csm_transcript_view_show:
 * @ticket: the conversation
 * @messages: (element-type CsmMessage): its messages in order
 * @earlier: (element-type CsmTicket): the requestor's other recent tickets
 * @channel: (nullable): the conversation's channel
 * @masked: whether to mask personal data
 */
void
csm_transcript_view_show (CsmTranscriptView *self,
                          CsmTicket         *ticket,
                          GPtrArray         *messages,
                          GPtrArray         *earlier,
                          const char        *channel,
                          gboolean           masked)
{
  g_autofree char *title = NULL;
  g_autofree char *requestors = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *context = NULL;
  const char * const *people;
  const char *owner;

  g_return_if_fail (CSM_IS_TRANSCRIPT_VIEW (self));

  self->n_masked = 0;
  {
    g_autofree char *subject = shown (self, csm_ticket_get_subject (ticket), masked);

    title = g_strdup_printf ("#%" G_GINT64_FORMAT " %s", csm_ticket_get_id (ticket), subject);
  }
  gtk_label_set_text (self->title_label, title);

  people = csm_ticket_get_requestors (ticket);
  {
    g_autofree char *joined = people != NULL ? g_strjoinv (", ", (char **) people) : NULL;

    requestors = shown (self, joined != NULL && *joined != '\0' ? joined : _("no requestor"),
                        masked);
  }
  owner = csm_ticket_get_owner (ticket);
  resolved = csm_ticket_get_resolved (ticket) > 0 ? format_time (csm_ticket_get_resolved (ticket))
                                                  : g_strdup (_("not resolved"));
  /* Translators: requestor · queue · channel · owner · resolved time */
  meta = g_strdup_printf (_("From %s · %s · %s · handled by %s · resolved %s"), requestors,
                          csm_ticket_get_queue_name (ticket),
                          channel != NULL && *channel != '\0' ? channel : _("no channel"),
                          owner != NULL && g_strcmp0 (owner, "Nobody") != 0 ? owner : _("nobody"),
                          resolved);
  gtk_label_set_text (self->meta_label, meta);

  /* What masking finds in the messages, counted now (each message keeps
   * its masked text); the rows are made as they scroll into view. */
  self->masked = masked;
  for (guint i = 0; masked && i < messages->len; i++)
    {
      CsmMessage *message = g_ptr_array_index (messages, i);
      guint n = 0;

      csm_message_get_masked_body (message, &n);
      self->n_masked += n;
      if (csm_message_get_role (message) == CSM_MESSAGE_CUSTOMER &&
          csm_message_get_author (message) != NULL)
        {
          g_autofree char *hidden = csm_mask_personal_data (csm_message_get_author (message), &n);

          /* The author is left out; a name that is an address counts as masked. */
          self->n_masked += n;
        }
    }
  g_list_store_splice (self->messages, 0, g_list_model_get_n_items (G_LIST_MODEL (self->messages)),
                       messages->pdata, messages->len);

  csm_list_box_remove_all (self->context_list);
  for (guint i = 0; i < earlier->len; i++)
    gtk_list_box_append (self->context_list,
                         context_row (self, g_ptr_array_index (earlier, i), masked));
  context = earlier->len > 0
            ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The requestor’s %u other ticket of the 30 days before",
                                            "The requestor’s %u other tickets of the 30 days before",
                                            earlier->len), earlier->len)
            : g_strdup (_("The requestor had no other ticket in the 30 days before."));
  gtk_label_set_text (self->context_title, context);
  gtk_expander_set_expanded (self->context_expander, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->context_expander), earlier->len > 0);

  if (!masked)
    gtk_label_set_text (self->masked_label, _("Personal data is shown unmasked."));
  else if (self->n_masked == 0)
    gtk_label_set_text (self->masked_label, _("No personal data found to mask."));
  else
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u e-mail address, phone or card number is masked.",
                                      "%u e-mail addresses, phones or card numbers are masked.",
                                      self->n_masked), self->n_masked);
      gtk_label_set_text (self->masked_label, text);
    }

  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "content");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

guint
csm_transcript_view_get_n_masked (CsmTranscriptView *self)
{
  g_return_val_if_fail (CSM_IS_TRANSCRIPT_VIEW (self), 0);
  return self->n_masked;
}
