/* csm-quality-page.c: QA reviews: conversations to review, the transcript beside the scorecard, IQS results.
 *
 * The Review tab lists the helpdesk's resolved conversations, newest
 * first, searchable by number, subject, agent or queue; a conversation
 * shows its transcript (read through the provider, cached) beside the
 * scorecard form. Ratings autosave as drafts and submitting goes through
 * the workspace's outbox (csm-quality-page-workspace.c). The Results tab
 * shows IQS (csm-quality-results.c).
 *
 * Nothing here waits: the transcript, the workspace and the drafts answer
 * asynchronously, and a conversation left before its transcript arrived
 * cancels the read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-quality-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-quality-page-private.h"
#include "csm-rating-row.h"

G_DEFINE_FINAL_TYPE (CsmQualityPage, csm_quality_page, CSM_TYPE_PAGE)

#define CONTEXT_DAYS 30

/* ------------------------------------------------------------------------ */
/* The conversations                                                        */

static gboolean
is_resolved (CsmTicket *ticket)
{
  return g_ascii_strcasecmp (csm_ticket_get_status (ticket), "resolved") == 0;
}

static gboolean
contains (const char *text,
          const char *needle)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, needle) != NULL;
}

/* What the list shows, as the dropdown orders it. */
enum {
  SHOW_ALL,
  SHOW_NOT_REVIEWED,
  SHOW_DRAFTS,
  SHOW_REVIEWED,
  SHOW_ASSIGNED,
};

/**
 * csm_quality_page_draft_key:
 * @session: (nullable): the calibration session of a calibration draft
 *
 * Returns: the key of a draft in the page's table: the conversation's
 *   number, then its calibration session, if any
 */
char *
csm_quality_page_draft_key (const char *conversation,
                            const char *session)
{
  return session != NULL ? g_strconcat (conversation, "\037", session, NULL)
                         : g_strdup (conversation);
}

static gboolean
is_draft (CsmQualityPage *self,
          const char     *conversation)
{
  return self->draft_by_conversation != NULL &&
         g_hash_table_contains (self->draft_by_conversation, conversation);
}

static gboolean
is_reviewed (CsmQualityPage *self,
             const char     *conversation)
{
  return self->my_score != NULL && g_hash_table_contains (self->my_score, conversation);
}

static gboolean
filter_cb (CsmTicket *ticket,
           gpointer   user_data)
{
  CsmQualityPage *self = user_data;
  g_autofree char *id = NULL;

  if (!is_resolved (ticket))
    return FALSE;
  id = g_strdup_printf ("%" G_GINT64_FORMAT, csm_ticket_get_id (ticket));
  switch (gtk_drop_down_get_selected (self->show_dropdown))
    {
    case SHOW_NOT_REVIEWED:
      if (is_draft (self, id) || is_reviewed (self, id))
        return FALSE;
      break;
    case SHOW_DRAFTS:
      if (!is_draft (self, id))
        return FALSE;
      break;
    case SHOW_REVIEWED:
      if (!is_reviewed (self, id))
        return FALSE;
      break;
    case SHOW_ASSIGNED:
      if (csm_quality_page_is_assigned (self, id) == NULL)
        return FALSE;
      break;
    case SHOW_ALL:
    default:
      break;
    }
  if (self->search == NULL || *self->search == '\0')
    return TRUE;
  return g_str_has_prefix (id, self->search[0] == '#' ? self->search + 1 : self->search) ||
         contains (csm_ticket_get_subject (ticket), self->search) ||
         contains (csm_ticket_get_owner (ticket), self->search) ||
         contains (csm_ticket_get_queue_name (ticket), self->search);
}

static int
newest_first (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  gint64 ra = csm_ticket_get_resolved ((CsmTicket *) a);
  gint64 rb = csm_ticket_get_resolved ((CsmTicket *) b);
  gint64 ia = csm_ticket_get_id ((CsmTicket *) a), ib = csm_ticket_get_id ((CsmTicket *) b);

  if (ra != rb)
    return ra < rb ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER;
  return ia < ib ? GTK_ORDERING_LARGER : ia > ib ? GTK_ORDERING_SMALLER : GTK_ORDERING_EQUAL;
}

static void
update_count (CsmQualityPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->view));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%u resolved conversation",
                                                        "%u resolved conversations", n), n);

  gtk_label_set_text (self->count_label, text);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CsmQualityPage           *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *badge = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "review-badge");
  gtk_widget_add_css_class (badge, "caption");
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_item_set_child (item, box);
}

static char *
format_day (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  /* Translators: when a conversation was resolved, see g_date_time_format () */
  return local != NULL ? g_date_time_format (local, _("%e %b, %H:%M")) : g_strdup ("");
}

static void
set_badge (CsmQualityPage *self,
           CsmTicket      *ticket,
           GtkWidget      *badge)
{
  g_autofree char *conversation = g_strdup_printf ("%" G_GINT64_FORMAT, csm_ticket_get_id (ticket));
  g_autofree char *text = NULL;
  const double *score = self->my_score != NULL ? g_hash_table_lookup (self->my_score, conversation)
                                               : NULL;

  gtk_widget_set_tooltip_text (badge, NULL);
  if (is_draft (self, conversation))
    text = g_strdup (_("Draft"));
  else if (score != NULL)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      /* Translators: a conversation I reviewed, with my score */
      text = g_strdup_printf (_("Reviewed %s"),
                              g_ascii_formatd (buf, sizeof buf, "%.1f", csm_qa_round1 (*score)));
    }
  else if (csm_quality_page_is_assigned (self, conversation) != NULL)
    {
      g_autofree char *by = g_strdup_printf (_("Assigned to you by %s"),
                                             csm_quality_page_is_assigned (self, conversation));

      text = g_strdup (_("Assigned"));
      gtk_widget_set_tooltip_text (badge, by);
    }
  gtk_label_set_text (GTK_LABEL (badge), text != NULL ? text : "");
  gtk_widget_set_visible (badge, text != NULL);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CsmQualityPage           *self)
{
  CsmTicket *ticket = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *texts = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_first_child (texts);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  GtkWidget *badge = gtk_widget_get_next_sibling (texts);
  g_autofree char *subject = csm_quality_page_shown_text (self, csm_ticket_get_subject (ticket),
                                                          NULL);
  g_autofree char *title_text = g_strdup_printf ("#%" G_GINT64_FORMAT " %s",
                                                 csm_ticket_get_id (ticket), subject);
  g_autofree char *when = format_day (csm_ticket_get_resolved (ticket));
  g_autofree char *subtitle_text = NULL;
  const char *owner = csm_ticket_get_owner (ticket);

  /* Translators: a conversation to review: its agent, queue and resolution time */
  subtitle_text = g_strdup_printf (_("%s · %s · %s"),
                                   owner != NULL && g_strcmp0 (owner, "Nobody") != 0 ? owner
                                                                                     : _("nobody"),
                                   csm_ticket_get_queue_name (ticket), when);
  gtk_label_set_text (GTK_LABEL (title), title_text);
  gtk_label_set_text (GTK_LABEL (subtitle), subtitle_text);
  set_badge (self, ticket, badge);
  g_hash_table_insert (self->badges, ticket, badge);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CsmQualityPage           *self)
{
  CsmTicket *ticket = gtk_list_item_get_item (item);

  if (ticket != NULL)
    g_hash_table_remove (self->badges, ticket);
}

/**
 * csm_quality_page_update_badges:
 *
 * The drafts or my reviews changed: the rows on screen say so, and a list
 * showing only some of them shows the right ones.
 */
void
csm_quality_page_update_badges (CsmQualityPage *self)
{
  GHashTableIter iter;
  gpointer ticket, badge;

  g_hash_table_iter_init (&iter, self->badges);
  while (g_hash_table_iter_next (&iter, &ticket, &badge))
    set_badge (self, ticket, badge);
  if (gtk_drop_down_get_selected (self->show_dropdown) != SHOW_ALL)
    {
      csm_ticket_view_refilter (self->view);
      update_count (self);
    }
}

static void
show_changed_cb (GtkDropDown    *dropdown,
                 GParamSpec     *pspec,
                 CsmQualityPage *self)
{
  csm_ticket_view_refilter (self->view);
  update_count (self);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   CsmQualityPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_free (self->search);
  self->search = text != NULL && *text != '\0' ? g_utf8_casefold (g_strstrip (g_strdup (text)), -1)
                                               : NULL;
  csm_ticket_view_refilter (self->view);
  update_count (self);
}

/* ------------------------------------------------------------------------ */
/* A conversation                                                           */

static void
transcript_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CsmQualityPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) earlier = NULL;
  CsmSyncEngine *engine;
  CsmTicket *ticket;
  GSettings *settings;
  g_autofree char *channel_field = NULL;

  messages = csm_transcript_loader_load_finish (CSM_TRANSCRIPT_LOADER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->load_cancellable);
  if (messages == NULL)
    {
      csm_transcript_view_show_error (self->transcript_view, error);
      return;
    }
  engine = csm_transcript_loader_get_engine (CSM_TRANSCRIPT_LOADER (object));
  ticket = csm_ticket_list_lookup (csm_sync_engine_get_tickets (engine), self->ticket_id);
  if (ticket == NULL)
    {
      csm_transcript_view_show_empty (self->transcript_view);
      return;
    }
  earlier = csm_transcript_requestor_tickets (csm_sync_engine_get_tickets (engine), ticket,
                                              CONTEXT_DAYS);
  settings = csm_page_get_settings (CSM_PAGE (self));
  channel_field = settings != NULL ? g_settings_get_string (settings, "cf-channel") : NULL;
  csm_transcript_view_show (self->transcript_view, ticket, messages, earlier,
                            channel_field != NULL && *channel_field != '\0'
                            ? csm_ticket_get_custom_field (ticket, channel_field) : NULL,
                            /* Unmasked only where the setting is allowed. */
                            !(self->show_personal_data && csm_quality_page_may_unmask (self)));
  self->transcript_shown = TRUE;
}

void
csm_quality_page_load_transcript (CsmQualityPage *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->transcript_shown = FALSE;
  if (self->loader == NULL || self->ticket_id == 0)
    {
      csm_transcript_view_show_empty (self->transcript_view);
      return;
    }
  self->load_cancellable = g_cancellable_new ();
  csm_transcript_view_show_loading (self->transcript_view);
  csm_transcript_loader_load_async (self->loader, self->ticket_id, self->load_cancellable,
                                    transcript_cb, g_object_ref (self));
}

static void
show_ticket (CsmQualityPage *self,
             CsmTicket      *ticket)
{
  self->ticket_id = ticket != NULL ? csm_ticket_get_id (ticket) : 0;
  /* Another conversation is an ordinary review again. */
  if (self->calibrating != NULL && self->ticket_id != self->calibrating_id)
    g_clear_pointer (&self->calibrating, g_free);
  csm_quality_page_update_assign (self);
  csm_quality_page_load_transcript (self);
  csm_quality_page_show_form (self, ticket);
  csm_quality_page_update_actions (self);
}

static void
activate_cb (GtkListView    *view,
             guint           position,
             CsmQualityPage *self)
{
  g_autoptr(CsmTicket) ticket = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (ticket != NULL && csm_ticket_get_id (ticket) != self->ticket_id)
    show_ticket (self, ticket);
  csm_review_form_focus_first (self->review_form);
}

static void
selection_cb (GtkSingleSelection *selection,
              GParamSpec         *pspec,
              CsmQualityPage     *self)
{
  CsmTicket *ticket = gtk_single_selection_get_selected_item (selection);

  if (ticket != NULL && csm_ticket_get_id (ticket) != self->ticket_id)
    show_ticket (self, ticket);
}

/**
 * csm_quality_page_open_conversation:
 * @ticket_id: a conversation the helpdesk has
 *
 * Shows the conversation on the Review tab, selected in the list when it
 * is there (a search may hide it).
 *
 * Returns: whether the conversation is known
 */
gboolean
csm_quality_page_open_conversation (CsmQualityPage *self,
                                    gint64          ticket_id)
{
  CsmSyncEngine *engine = csm_page_get_engine (CSM_PAGE (self));
  CsmTicket *ticket;
  GListModel *model = G_LIST_MODEL (self->view);

  g_return_val_if_fail (CSM_IS_QUALITY_PAGE (self), FALSE);

  ticket = engine != NULL ? csm_ticket_list_lookup (csm_sync_engine_get_tickets (engine), ticket_id)
                          : NULL;
  if (ticket == NULL)
    return FALSE;
  gtk_stack_set_visible_child_name (self->views, "review");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CsmTicket) item = g_list_model_get_item (model, i);

      if (item == ticket)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->conversations_view), "list.scroll-to-item",
                                      "u", i);
          break;
        }
    }
  if (csm_ticket_get_id (ticket) != self->ticket_id)
    show_ticket (self, ticket);
  return TRUE;
}

/**
 * csm_quality_page_calibrate:
 * @session: the calibration session
 * @ticket_id: one of its conversations
 *
 * Shows the conversation with a review form for the session: what is
 * submitted is a calibration review, which never counts in IQS, and its
 * draft is apart from an ordinary draft of the conversation.
 *
 * Returns: whether the conversation is among those the page lists
 */
gboolean
csm_quality_page_calibrate (CsmQualityPage *self,
                            const char     *session,
                            gint64          ticket_id)
{
  CsmSyncEngine *engine = csm_page_get_engine (CSM_PAGE (self));
  CsmTicket *ticket;

  g_return_val_if_fail (CSM_IS_QUALITY_PAGE (self), FALSE);

  ticket = engine != NULL ? csm_ticket_list_lookup (csm_sync_engine_get_tickets (engine), ticket_id)
                          : NULL;
  if (ticket == NULL)
    return FALSE;
  g_free (self->calibrating);
  self->calibrating = g_strdup (session);
  self->calibrating_id = ticket_id;
  if (ticket_id == self->ticket_id)
    {
      gtk_stack_set_visible_child_name (self->views, "review");
      show_ticket (self, ticket);
      return TRUE;
    }
  return csm_quality_page_open_conversation (self, ticket_id);
}

/* ------------------------------------------------------------------------ */
/* Personal data                                                            */

enum {
  PROP_0,
  PROP_SHOW_PERSONAL_DATA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_show_personal_data (CsmQualityPage *self,
                        gboolean        show)
{
  if (self->show_personal_data == show)
    return;
  self->show_personal_data = show;
  /* The transcript again, from the cache, masked or not. */
  if (self->ticket_id != 0)
    csm_quality_page_load_transcript (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PERSONAL_DATA]);
}

static void
csm_quality_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SHOW_PERSONAL_DATA:
      g_value_set_boolean (value, CSM_QUALITY_PAGE (object)->show_personal_data);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_quality_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SHOW_PERSONAL_DATA:
      set_show_personal_data (CSM_QUALITY_PAGE (object), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assign_entry_activated_cb (CsmQualityPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "quality.assign", NULL);
}

/* Another workspace chosen in Preferences, or the same one connected to
 * again (a new password in the keyring): this one closes, that one opens.
 * Preferences writes the key only then. */
static void
workspace_changed_cb (CsmQualityPage *self)
{

  if (self->workspace == NULL && !self->opening)
    return;
  csm_quality_page_close_workspace (self);
  gtk_revealer_set_reveal_child (self->banner, FALSE);
  gtk_stack_set_visible_child_name (self->form_stack, "none");
  csm_page_queue_update (CSM_PAGE (self));
}

/* Showing personal data is the setting itself; the check (the page's
 * property action) is enabled for the workspace's administrator only. */
static void
bind_settings_cb (CsmQualityPage *self)
{
  GSettings *settings = csm_page_get_settings (CSM_PAGE (self));

  if (settings == NULL)
    return;
  g_settings_bind (settings, "qa-show-personal-data", self, "show-personal-data",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_handlers_disconnect_by_func (settings, workspace_changed_cb, self);
  g_signal_connect_object (settings, "changed::qa-workspace", G_CALLBACK (workspace_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------------ */
/* Following the context                                                    */

static void
csm_quality_page_engine_changed (CsmPage *page)
{
  CsmQualityPage *self = CSM_QUALITY_PAGE (page);
  CsmSyncEngine *engine = csm_page_get_engine (page);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->loader);
  if (engine != NULL)
    self->loader = csm_transcript_loader_new (engine);
  csm_ticket_view_set_list (self->view, engine != NULL ? csm_sync_engine_get_tickets (engine) : NULL);
  self->ticket_id = 0;
  self->transcript_shown = FALSE;
  csm_quality_page_update_assign (self);
  /* Another helpdesk, perhaps another reviewer: the workspace opens again. */
  csm_quality_page_close_workspace (self);
  gtk_revealer_set_reveal_child (self->banner, FALSE);
  csm_transcript_view_show_empty (self->transcript_view);
  gtk_stack_set_visible_child_name (self->form_stack, "none");
  update_count (self);
  csm_page_queue_update (page);
}

static void
csm_quality_page_catch_up (CsmPage *page)
{
  CsmQualityPage *self = CSM_QUALITY_PAGE (page);

  update_count (self);
  if (csm_page_get_engine (page) == NULL)
    return;
  if (self->workspace == NULL && !self->opening)
    csm_quality_page_open_workspace (self);
  else
    csm_quality_page_update_results (self);
}

static void
csm_quality_page_dispose (GObject *object)
{
  CsmQualityPage *self = CSM_QUALITY_PAGE (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_settings_unbind (self, "show-personal-data");
  csm_quality_page_close_workspace (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), CSM_TYPE_QUALITY_PAGE);
  /* GTK 4.8 unparents only the template's named children. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->loader);
  g_clear_object (&self->selection);
  g_clear_object (&self->view);
  G_OBJECT_CLASS (csm_quality_page_parent_class)->dispose (object);
}

static void
csm_quality_page_finalize (GObject *object)
{
  CsmQualityPage *self = CSM_QUALITY_PAGE (object);

  g_free (self->search);
  g_free (self->status);
  g_free (self->calibrating);
  g_clear_object (&self->watched_settings);
  g_hash_table_unref (self->badges);
  g_free (self->me);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (csm_quality_page_parent_class)->finalize (object);
}

static void
csm_quality_page_class_init (CsmQualityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CsmPageClass *page_class = CSM_PAGE_CLASS (klass);

  object_class->dispose = csm_quality_page_dispose;
  object_class->finalize = csm_quality_page_finalize;
  object_class->get_property = csm_quality_page_get_property;
  object_class->set_property = csm_quality_page_set_property;

  properties[PROP_SHOW_PERSONAL_DATA] =
    g_param_spec_boolean ("show-personal-data", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  page_class->engine_changed = csm_quality_page_engine_changed;
  page_class->catch_up = csm_quality_page_catch_up;

  g_type_ensure (CSM_TYPE_TRANSCRIPT_VIEW);
  g_type_ensure (CSM_TYPE_REVIEW_FORM);
  g_type_ensure (CSM_TYPE_QUALITY_RESULTS);
  g_type_ensure (CSM_TYPE_CALIBRATION_VIEW);
  g_type_ensure (CSM_TYPE_SAMPLING_VIEW);
  g_type_ensure (CSM_TYPE_DISPUTES_VIEW);
  g_type_ensure (CSM_TYPE_TRAINING_VIEW);
  g_type_ensure (CSM_TYPE_CONSISTENCY_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-quality-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, workspace_label);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, banner);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, banner_button);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, banner_discard);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, views);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, personal_check);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, edit_scorecard_button);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, assign_button);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, assign_popover);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, assign_label);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, assign_entry);
  gtk_widget_class_bind_template_callback (widget_class, assign_entry_activated_cb);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, show_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, conversations_view);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, transcript_view);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, form_stack);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, form_status);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, review_form);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, results);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, calibration_view);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, assign_due_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, sampling_view);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, disputes_view);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, training_view);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityPage, consistency_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  csm_quality_page_install_actions (widget_class);
  gtk_widget_class_install_property_action (widget_class, "quality.show-personal-data",
                                            "show-personal-data");
}

static void
csm_quality_page_init (CsmQualityPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (newest_first, NULL, NULL));

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->badges = g_hash_table_new (NULL, NULL);

  self->view = csm_ticket_view_new ();
  csm_ticket_view_set_filter (self->view, filter_cb, self);
  csm_ticket_view_set_sorter (self->view, sorter);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->view)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->conversations_view, factory);
  gtk_list_view_set_model (self->conversations_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->conversations_view, "activate", G_CALLBACK (activate_cb), self);
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (selection_cb), self);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect (self->show_dropdown, "notify::selected", G_CALLBACK (show_changed_cb), self);
  g_signal_connect_swapped (self, "notify::context", G_CALLBACK (bind_settings_cb), self);
  g_signal_connect_swapped (self->review_form, "changed",
                            G_CALLBACK (csm_quality_page_save_draft), self);
  g_signal_connect_swapped (self->review_form, "notify::complete",
                            G_CALLBACK (csm_quality_page_update_actions), self);
  g_signal_connect_swapped (self->view, "items-changed", G_CALLBACK (update_count), self);
  g_signal_connect_swapped (self->training_view, "measured",
                            G_CALLBACK (csm_quality_page_share_awaiting), self);

  /* Ctrl+Return submits from anywhere on the page, the comment too (a
   * text view takes Return before the page's bindings would see it). */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return,
                                                                                    GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("quality.submit")));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }
  csm_quality_page_update_actions (self);
}

/* ------------------------------------------------------------------------ */
/* For tests and the window                                                 */

gboolean
csm_quality_page_is_ready (CsmQualityPage *self)
{
  g_return_val_if_fail (CSM_IS_QUALITY_PAGE (self), FALSE);
  return self->ready;
}

gint64
csm_quality_page_get_shown_ticket (CsmQualityPage *self)
{
  g_return_val_if_fail (CSM_IS_QUALITY_PAGE (self), 0);
  return self->ticket_id;
}

gboolean
csm_quality_page_is_transcript_shown (CsmQualityPage *self)
{
  g_return_val_if_fail (CSM_IS_QUALITY_PAGE (self), FALSE);
  return self->transcript_shown;
}

const char *
csm_quality_page_get_status (CsmQualityPage *self)
{
  g_return_val_if_fail (CSM_IS_QUALITY_PAGE (self), NULL);
  return self->status;
}

GtkWidget *
csm_quality_page_get_form (CsmQualityPage *self)
{
  g_return_val_if_fail (CSM_IS_QUALITY_PAGE (self), NULL);
  return GTK_WIDGET (self->review_form);
}

GtkWidget *
csm_quality_page_get_results (CsmQualityPage *self)
{
  g_return_val_if_fail (CSM_IS_QUALITY_PAGE (self), NULL);
  return GTK_WIDGET (self->results);
}

GtkWidget *
csm_quality_page_get_transcript (CsmQualityPage *self)
{
  g_return_val_if_fail (CSM_IS_QUALITY_PAGE (self), NULL);
  return GTK_WIDGET (self->transcript_view);
}

void
csm_quality_page_show_view (CsmQualityPage *self,
                            const char     *view)
{
  g_return_if_fail (CSM_IS_QUALITY_PAGE (self));
  gtk_stack_set_visible_child_name (self->views, view);
}

guint
csm_quality_page_get_n_drafts (CsmQualityPage *self)
{
  g_return_val_if_fail (CSM_IS_QUALITY_PAGE (self), 0);
  return self->draft_by_conversation != NULL ? g_hash_table_size (self->draft_by_conversation) : 0;
}
