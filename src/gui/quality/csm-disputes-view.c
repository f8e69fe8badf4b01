/* csm-disputes-view.c: agents' disputes of their ratings: who opened what and why, and the decision, taken here by the reviewer or a lead.
 *
 * The disputes are the ones the workspace lets this person read (an
 * agent's own, those on a reviewer's reviews, a lead's all): the same
 * `--export=disputes` prints. A reviewer or a lead decides an open one
 * with a reason; accepting writes a new version of the review
 * (csm_workspace_decide_dispute_async ()). An agent disputes a rating of
 * one of their reviews within the window (the dispute-window-days
 * setting). A reviewer is told by a desktop notification when a dispute
 * of theirs arrives; the list is read again every minute.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-disputes-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-dispute-dialog.h"
#include "csm-disputes-view.h"
#include "csm-list-box.h"

#define REFRESH_SECONDS 60

struct _CsmDisputesView
{
  GtkWidget parent_instance;

  CsmWorkspace *workspace;     /* (owned) (nullable) */
  char *me;
  GCancellable *cancellable;   /* (owned) */
  GPtrArray *disputes;         /* (owned) (nullable): CsmQaDispute, oldest first */
  GPtrArray *reviews;          /* (owned) (nullable): CsmQaReview */
  GHashTable *known;           /* ids of the disputes seen, for arrivals */
  gboolean loaded;
  gint64 now;
  guint window_days;
  char *selected;              /* (owned) (nullable): the dispute shown */
  GArray *choices;             /* the ratings rating_dropdown offers, in its order */
  char *offered;               /* (owned) (nullable): the dispute they are offered for */
  guint refresh_source;
  char *notified;              /* (owned) (nullable): the latest notification's title */
  gboolean deciding;
  gboolean rebuilding;

  GtkDropDown *filter_dropdown;
  GtkButton *new_button;
  GtkListBox *disputes_list;
  GtkStack *detail_stack;
  AdwStatusPage *empty_status;
  GtkLabel *title_label;
  GtkButton *open_button;
  GtkListBox *steps_list;
  AdwPreferencesGroup *decide_group;
  GtkDropDown *rating_dropdown;
  AdwEntryRow *decision_row;
  GtkBox *decide_buttons;
  GtkLabel *status_label;
};

G_DEFINE_FINAL_TYPE (CsmDisputesView, csm_disputes_view, GTK_TYPE_WIDGET)

static void rebuild (CsmDisputesView *self);

static char *
format_when (gint64 unix_time)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (unix_time);

  /* Translators: when a step of a dispute happened, see g_date_time_format () */
  return g_date_time_format (local, _("%e %b %Y, %H:%M"));
}

/* The review disputed, as this person reads it. */
static const CsmQaReview *
find_review (CsmDisputesView *self,
             const char      *id)
{
  for (guint i = 0; self->reviews != NULL && i < self->reviews->len; i++)
    {
      const CsmQaReview *r = g_ptr_array_index (self->reviews, i);

      if (g_strcmp0 (r->id, id) == 0)
        return r;
    }
  return NULL;
}

static const CsmQaCategory *
find_category (const CsmQaReview *review,
               const char        *name)
{
  for (guint i = 0; review != NULL && i < review->n_ratings; i++)
    if (g_strcmp0 (csm_qa_scorecard_get_category (review->scorecard, i)->name, name) == 0)
      return csm_qa_scorecard_get_category (review->scorecard, i);
  return NULL;
}

/* "2 of 5", "N/A" or "none". */
static char *
format_rating (int                  rating,
               const CsmQaCategory *category)
{
  if (rating == CSM_QA_NA)
    return g_strdup (_("N/A"));
  if (rating < 1)
    return g_strdup (_("none"));
  if (category != NULL)
    /* Translators: a rating on its scale, "2 of 5" */
    return g_strdup_printf (_("%d of %d"), rating, category->scale);
  return g_strdup_printf ("%d", rating);
}

static const CsmQaDispute *
find_dispute (CsmDisputesView *self,
              const char      *id)
{
  for (guint i = 0; self->disputes != NULL && i < self->disputes->len; i++)
    {
      const CsmQaDispute *d = g_ptr_array_index (self->disputes, i);

      if (g_strcmp0 (d->id, id) == 0)
        return d;
    }
  return NULL;
}

static gboolean
may_decide (CsmDisputesView    *self,
            const CsmQaDispute *d)
{
  return self->workspace != NULL && d->state == CSM_QA_DISPUTE_OPEN &&
         (g_strcmp0 (d->reviewer, self->me) == 0 ||
          (csm_workspace_get_permissions (self->workspace) & CSM_WORKSPACE_ASSIGNS));
}

static char *
describe_state (const CsmQaDispute *d)
{
  switch (d->state)
    {
    case CSM_QA_DISPUTE_ACCEPTED:
      return g_strdup_printf (_("Accepted by %s"), d->decided_by);
    case CSM_QA_DISPUTE_REJECTED:
      return g_strdup_printf (_("Rejected by %s"), d->decided_by);
    case CSM_QA_DISPUTE_OPEN:
    default:
      return g_strdup (_("Open"));
    }
}

static GtkWidget *
dispute_row (CsmDisputesView    *self,
             const CsmQaDispute *d)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const CsmQaCategory *category = find_category (find_review (self, d->review), d->category);
  g_autofree char *rating = format_rating (d->rating, category);
  g_autofree char *proposed = format_rating (d->proposed, category);
  g_autofree char *opened = format_when (d->opened);
  g_autofree char *state = describe_state (d);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *first, *second;

  /* Translators: a dispute in a list: conversation, category, rating, proposed */
  title = d->proposed != CSM_QA_UNRATED
          ? g_strdup_printf (_("#%s · %s · %s → %s"), d->conversation, d->category, rating,
                             proposed)
          : g_strdup_printf (_("#%s · %s · %s"), d->conversation, d->category, rating);
  /* Translators: a dispute: the agent, when it was opened, its state */
  subtitle = g_strdup_printf (_("%s · %s · %s"), d->agent, opened, state);
  first = gtk_label_new (title);
  second = gtk_label_new (subtitle);
  gtk_label_set_xalign (GTK_LABEL (first), 0);
  gtk_label_set_ellipsize (GTK_LABEL (first), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (first, "heading");
  gtk_label_set_xalign (GTK_LABEL (second), 0);
  gtk_label_set_wrap (GTK_LABEL (second), TRUE);
  gtk_widget_add_css_class (second, d->state == CSM_QA_DISPUTE_OPEN ? "warning" : "dim-label");
  gtk_box_append (GTK_BOX (box), first);
  gtk_box_append (GTK_BOX (box), second);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "dispute", g_strdup (d->id), g_free);
  accessible = g_strdup_printf ("%s. %s", title, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  return row;
}

static void
add_step (CsmDisputesView *self,
          const char      *title,
          const char      *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_append (self->steps_list, row);
}

static void
offer_ratings (CsmDisputesView     *self,
               const CsmQaDispute  *d,
               const CsmQaCategory *category)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  int preferred = d->proposed != CSM_QA_UNRATED ? d->proposed : d->rating;
  guint selected = 0;

  g_array_set_size (self->choices, 0);
  for (int r = 1; category != NULL && r <= category->scale; r++)
    {
      g_autofree char *label = format_rating (r, category);

      gtk_string_list_append (labels, label);
      g_array_append_val (self->choices, r);
    }
  if (category != NULL && category->na_allowed)
    {
      int na = CSM_QA_NA;

      gtk_string_list_append (labels, _("N/A"));
      g_array_append_val (self->choices, na);
    }
  for (guint i = 0; i < self->choices->len; i++)
    if (g_array_index (self->choices, int, i) == preferred)
      selected = i;
  gtk_drop_down_set_model (self->rating_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->rating_dropdown, selected);
}

static void
show_dispute (CsmDisputesView *self)
{
  const CsmQaDispute *d = find_dispute (self, self->selected);
  const CsmQaCategory *category;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *when = NULL;
  g_autofree char *rating = NULL;
  g_autofree char *proposed = NULL;
  gboolean decides;

  if (d == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }
  category = find_category (find_review (self, d->review), d->category);
  /* Translators: a dispute's title: the category, the conversation */
  title = g_strdup_printf (_("%s on conversation #%s"), d->category, d->conversation);
  gtk_label_set_text (self->title_label, title);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->open_button), "s", d->conversation);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->open_button),
                                  "quality.open-conversation");

  csm_list_box_remove_all (self->steps_list);
  rating = format_rating (d->rating, category);
  proposed = format_rating (d->proposed, category);
  when = format_when (d->opened);
  /* Translators: a dispute's first step: who, when, the rating, the proposal */
  text = g_strdup_printf (_("%s, %s. Rated %s by %s; proposes %s."), d->opened_by, when, rating,
                          d->reviewer, proposed);
  add_step (self, _("Disputed"), text);
  add_step (self, _("Reason"), d->reason);
  if (d->state != CSM_QA_DISPUTE_OPEN)
    {
      g_autofree char *decided = format_when (d->decided);
      g_autofree char *state = describe_state (d);
      g_autofree char *outcome = NULL;

      if (d->state == CSM_QA_DISPUTE_ACCEPTED)
        {
          g_autofree char *new_rating = format_rating (d->new_rating, category);

          /* Translators: an accepted dispute: who, when, the new rating */
          outcome = g_strdup_printf (_("%s, %s. The review’s new version rates it %s; the "
                                       "old one is kept."), d->decided_by, decided, new_rating);
        }
      else
        outcome = g_strdup_printf (_("%s, %s. The rating stands."), d->decided_by, decided);
      add_step (self, state, outcome);
      add_step (self, _("Their reason"), d->decision != NULL ? d->decision : "");
    }
  decides = may_decide (self, d);
  gtk_widget_set_visible (GTK_WIDGET (self->decide_group), decides);
  gtk_widget_set_visible (GTK_WIDGET (self->decide_buttons), decides);
  /* Offered once a dispute: a refresh keeps the rating chosen. */
  if (decides && g_strcmp0 (self->offered, d->id) != 0)
    {
      offer_ratings (self, d, category);
      g_free (self->offered);
      self->offered = g_strdup (d->id);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "disputes.accept",
                                 decides && !self->deciding && self->choices->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "disputes.reject", decides && !self->deciding);
  gtk_stack_set_visible_child_name (self->detail_stack, "dispute");
}

/* Whether I have a review I may still dispute. */
static gboolean
may_dispute (CsmDisputesView *self)
{
  for (guint i = 0; self->reviews != NULL && i < self->reviews->len; i++)
    {
      const CsmQaReview *r = g_ptr_array_index (self->reviews, i);

      if (g_strcmp0 (r->agent, self->me) == 0 && r->id != NULL && r->calibration_session == NULL &&
          csm_qa_dispute_window_open (r->submitted, self->now, self->window_days))
        return TRUE;
    }
  return FALSE;
}

static void
rebuild (CsmDisputesView *self)
{
  gboolean open_only = gtk_drop_down_get_selected (self->filter_dropdown) == 0;
  GtkListBoxRow *selected_row = NULL;
  guint shown = 0;

  gtk_widget_set_visible (GTK_WIDGET (self->new_button), may_dispute (self));
  self->rebuilding = TRUE;
  csm_list_box_remove_all (self->disputes_list);
  for (guint i = self->disputes != NULL ? self->disputes->len : 0; i-- > 0;)
    {
      const CsmQaDispute *d = g_ptr_array_index (self->disputes, i);
      GtkWidget *row;

      if (open_only && d->state != CSM_QA_DISPUTE_OPEN && g_strcmp0 (d->id, self->selected) != 0)
        continue;
      row = dispute_row (self, d);
      gtk_list_box_append (self->disputes_list, row);
      shown++;
      if (g_strcmp0 (d->id, self->selected) == 0)
        selected_row = GTK_LIST_BOX_ROW (row);
    }
  if (selected_row == NULL)
    g_clear_pointer (&self->selected, g_free);
  gtk_list_box_select_row (self->disputes_list, selected_row);
  self->rebuilding = FALSE;
  adw_status_page_set_description (self->empty_status,
                                   self->workspace == NULL
                                   ? _("The QA workspace is not open yet.")
                                   : !self->loaded ? _("Reading the disputes…")
                                   : shown == 0 && open_only ? _("No dispute waits for a decision.")
                                   : shown == 0 ? _("No dispute yet. An agent may dispute a "
                                                    "rating of one of their reviews, with a "
                                                    "reason; the reviewer or a lead decides.")
                                   : _("Choose a dispute."));
  show_dispute (self);
}

/* A reviewer learns of the disputes of their reviews that arrived since
 * the list was last read (at the first reading, of those waiting). */
static void
notify_arrivals (CsmDisputesView *self,
                 GPtrArray       *disputes)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root))
                                             : NULL;
  const CsmQaDispute *last = NULL;
  guint arrived = 0;

  for (guint i = 0; i < disputes->len; i++)
    {
      const CsmQaDispute *d = g_ptr_array_index (disputes, i);

      if (!g_hash_table_add (self->known, g_strdup (d->id)))
        continue;
      if (d->state == CSM_QA_DISPUTE_OPEN && g_strcmp0 (d->reviewer, self->me) == 0)
        {
          arrived++;
          last = d;
        }
    }
  if (arrived > 0)
    {
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;

      if (arrived == 1)
        {
          title = g_strdup_printf (_("%s disputes your rating of “%s”"), last->agent,
                                   last->category);
          /* Translators: a dispute's notification: conversation, the agent's reason */
          body = g_strdup_printf (_("Conversation #%s: %s"), last->conversation, last->reason);
        }
      else
        {
          title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u dispute awaits your decision",
                                                "%u disputes await your decision", arrived),
                                   arrived);
          body = g_strdup (_("Agents dispute ratings of your reviews."));
        }
      notification = g_notification_new (title);
      g_notification_set_body (notification, body);
      g_notification_set_default_action (notification, "app.show-disputes");
      if (app != NULL)
        g_application_send_notification (G_APPLICATION (app), "csm-dispute", notification);
      g_free (self->notified);
      self->notified = g_steal_pointer (&title);
    }
}

static void
disputes_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CsmDisputesView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) disputes = csm_workspace_list_disputes_finish (CSM_WORKSPACE (object),
                                                                      result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      CSM_WORKSPACE (object) != self->workspace)
    return;
  if (disputes == NULL)
    {
      adw_status_page_set_description (self->empty_status, error->message);
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }
  notify_arrivals (self, disputes);
  g_clear_pointer (&self->disputes, g_ptr_array_unref);
  self->disputes = g_steal_pointer (&disputes);
  self->loaded = TRUE;
  rebuild (self);
}

/**
 * csm_disputes_view_refresh:
 *
 * Reads the disputes again.
 */
void
csm_disputes_view_refresh (CsmDisputesView *self)
{
  g_return_if_fail (CSM_IS_DISPUTES_VIEW (self));

  if (self->workspace == NULL)
    {
      rebuild (self);
      return;
    }
  csm_workspace_list_disputes_async (self->workspace, self->cancellable, disputes_cb,
                                     g_object_ref (self));
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  csm_disputes_view_refresh (user_data);
  return G_SOURCE_CONTINUE;
}

static void
decided_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CsmDisputesView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmQaDispute) decided = csm_workspace_decide_dispute_finish (CSM_WORKSPACE (object),
                                                                         result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->deciding = FALSE;
  gtk_label_set_text (self->status_label, decided != NULL
                                          ? (decided->state == CSM_QA_DISPUTE_ACCEPTED
                                             ? _("Accepted: the review has a new version.")
                                             : _("Rejected: the rating stands."))
                                          : error->message);
  if (decided != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->decision_row), "");
      /* The review's new version is for every view of the page. */
      gtk_widget_activate_action (GTK_WIDGET (self), "quality.reload-reviews", NULL);
    }
  csm_disputes_view_refresh (self);
}

static void
decide (CsmDisputesView *self,
        gboolean         accept)
{
  const CsmQaDispute *d = find_dispute (self, self->selected);
  guint index = gtk_drop_down_get_selected (self->rating_dropdown);
  int rating = accept && index < self->choices->len ? g_array_index (self->choices, int, index)
                                                    : CSM_QA_UNRATED;

  if (d == NULL || self->deciding || !may_decide (self, d))
    return;
  self->deciding = TRUE;
  gtk_label_set_text (self->status_label, accept ? _("Accepting…") : _("Rejecting…"));
  csm_workspace_decide_dispute_async (self->workspace, d->id, accept, rating,
                                      gtk_editable_get_text (GTK_EDITABLE (self->decision_row)),
                                      self->now, self->cancellable, decided_cb,
                                      g_object_ref (self));
}

static void
accept_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  decide (CSM_DISPUTES_VIEW (widget), TRUE);
}

static void
reject_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  decide (CSM_DISPUTES_VIEW (widget), FALSE);
}

static void
opened_cb (CsmDisputeDialog *dialog,
           const char       *id,
           CsmDisputesView  *self)
{
  g_free (self->selected);
  self->selected = g_strdup (id);
  csm_disputes_view_refresh (self);
}

static void
new_action (GtkWidget  *widget,
            const char *action,
            GVariant   *parameter)
{
  CsmDisputesView *self = CSM_DISPUTES_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  CsmDisputeDialog *dialog;

  if (self->workspace == NULL || self->reviews == NULL)
    return;
  dialog = csm_dispute_dialog_new (self->workspace, self->reviews, self->me, self->now,
                                   self->window_days);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "opened", G_CALLBACK (opened_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
row_selected_cb (GtkListBox      *list,
                 GtkListBoxRow   *row,
                 CsmDisputesView *self)
{
  if (self->rebuilding || row == NULL)
    return;
  g_free (self->selected);
  self->selected = g_strdup (g_object_get_data (G_OBJECT (row), "dispute"));
  gtk_label_set_text (self->status_label, "");
  show_dispute (self);
}

static void
filter_changed_cb (GObject         *object,
                   GParamSpec      *pspec,
                   CsmDisputesView *self)
{
  rebuild (self);
}

static void
csm_disputes_view_dispose (GObject *object)
{
  CsmDisputesView *self = CSM_DISPUTES_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->rebuilding = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (object), CSM_TYPE_DISPUTES_VIEW);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (csm_disputes_view_parent_class)->dispose (object);
}

static void
csm_disputes_view_finalize (GObject *object)
{
  CsmDisputesView *self = CSM_DISPUTES_VIEW (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->disputes, g_ptr_array_unref);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_clear_pointer (&self->choices, g_array_unref);
  g_free (self->me);
  g_free (self->selected);
  g_free (self->notified);
  g_free (self->offered);
  G_OBJECT_CLASS (csm_disputes_view_parent_class)->finalize (object);
}

static void
csm_disputes_view_class_init (CsmDisputesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_disputes_view_dispose;
  object_class->finalize = csm_disputes_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-disputes-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmDisputesView, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmDisputesView, new_button);
  gtk_widget_class_bind_template_child (widget_class, CsmDisputesView, disputes_list);
  gtk_widget_class_bind_template_child (widget_class, CsmDisputesView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, CsmDisputesView, empty_status);
  gtk_widget_class_bind_template_child (widget_class, CsmDisputesView, title_label);
  gtk_widget_class_bind_template_child (widget_class, CsmDisputesView, open_button);
  gtk_widget_class_bind_template_child (widget_class, CsmDisputesView, steps_list);
  gtk_widget_class_bind_template_child (widget_class, CsmDisputesView, decide_group);
  gtk_widget_class_bind_template_child (widget_class, CsmDisputesView, rating_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmDisputesView, decision_row);
  gtk_widget_class_bind_template_child (widget_class, CsmDisputesView, decide_buttons);
  gtk_widget_class_bind_template_child (widget_class, CsmDisputesView, status_label);
  gtk_widget_class_install_action (widget_class, "disputes.accept", NULL, accept_action);
  gtk_widget_class_install_action (widget_class, "disputes.reject", NULL, reject_action);
  gtk_widget_class_install_action (widget_class, "disputes.new", NULL, new_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
csm_disputes_view_init (CsmDisputesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->choices = g_array_new (FALSE, FALSE, sizeof (int));
  self->window_days = CSM_QA_DISPUTE_WINDOW_DAYS;
  g_signal_connect (self->disputes_list, "row-selected", G_CALLBACK (row_selected_cb), self);
  g_signal_connect (self->filter_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb),
                    self);
  rebuild (self);
}

/**
 * csm_disputes_view_set_workspace:
 * @workspace: (nullable): the workspace, or %NULL once it is closed
 * @me: (nullable): who is looking
 */
void
csm_disputes_view_set_workspace (CsmDisputesView *self,
                                 CsmWorkspace    *workspace,
                                 const char      *me)
{
  g_return_if_fail (CSM_IS_DISPUTES_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_set_object (&self->workspace, workspace);
  g_free (self->me);
  self->me = g_strdup (me);
  g_clear_pointer (&self->disputes, g_ptr_array_unref);
  g_hash_table_remove_all (self->known);
  self->loaded = FALSE;
  self->deciding = FALSE;
  if (workspace != NULL)
    self->refresh_source = g_timeout_add_seconds (REFRESH_SECONDS, refresh_timeout_cb, self);
  csm_disputes_view_refresh (self);
}

/**
 * csm_disputes_view_set_reviews:
 * @reviews: (element-type CsmQaReview): every review the workspace shows
 *   this person
 * @now: the page's now: the dispute window ends counting from it
 * @window_days: the days after its submission a review may be disputed
 */
void
csm_disputes_view_set_reviews (CsmDisputesView *self,
                               GPtrArray       *reviews,
                               gint64           now,
                               guint            window_days)
{
  g_return_if_fail (CSM_IS_DISPUTES_VIEW (self));
  g_return_if_fail (reviews != NULL);

  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  self->reviews = g_ptr_array_ref (reviews);
  self->now = now;
  self->window_days = window_days;
  csm_disputes_view_refresh (self);
}

gboolean
csm_disputes_view_select (CsmDisputesView *self,
                          const char      *id)
{
  g_return_val_if_fail (CSM_IS_DISPUTES_VIEW (self), FALSE);

  if (find_dispute (self, id) == NULL)
    return FALSE;
  g_free (self->selected);
  self->selected = g_strdup (id);
  rebuild (self);
  return TRUE;
}

/**
 * csm_disputes_view_get_disputes:
 *
 * Returns: (nullable) (element-type CsmQaDispute): the disputes read
 */
GPtrArray *
csm_disputes_view_get_disputes (CsmDisputesView *self)
{
  g_return_val_if_fail (CSM_IS_DISPUTES_VIEW (self), NULL);
  return self->disputes;
}

/**
 * csm_disputes_view_get_notified:
 *
 * Returns: (nullable): the title of the latest notification of arrivals
 */
const char *
csm_disputes_view_get_notified (CsmDisputesView *self)
{
  g_return_val_if_fail (CSM_IS_DISPUTES_VIEW (self), NULL);
  return self->notified;
}
