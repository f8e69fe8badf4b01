/* csm-dispute-dialog.c: an agent disputes a rating of one of their reviews: which, why, and what they propose.
 *
 * It offers the latest version of each of the agent's reviews still in the
 * window, each category with its rating, and the other ratings the
 * category can have. The workspace checks and stores the dispute as this
 * login (csm_workspace_open_dispute_async ()); what it refuses is said
 * here and the form is kept. Emits "opened" with the dispute's id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-dispute-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-dispute-dialog.h"

struct _CsmDisputeDialog
{
  AdwWindow parent_instance;

  CsmWorkspace *workspace;
  GPtrArray *reviews;       /* (owned): CsmQaReview, which choices point into */
  GPtrArray *choices;       /* (owned): the CsmQaReview offered, newest first */
  GArray *proposals;        /* the ratings proposed_dropdown offers after "none" */
  gint64 now;
  guint window_days;
  GCancellable *cancellable;
  gboolean busy;

  GtkLabel *intro_label;
  GtkDropDown *review_dropdown;
  GtkDropDown *category_dropdown;
  GtkDropDown *proposed_dropdown;
  AdwEntryRow *reason_row;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (CsmDisputeDialog, csm_dispute_dialog, ADW_TYPE_WINDOW)

enum {
  OPENED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_rating (int rating,
               int scale)
{
  if (rating == CSM_QA_NA)
    return g_strdup (_("N/A"));
  return g_strdup_printf (_("%d of %d"), rating, scale);
}

static const CsmQaReview *
chosen_review (CsmDisputeDialog *self)
{
  guint i = gtk_drop_down_get_selected (self->review_dropdown);

  return i < self->choices->len ? g_ptr_array_index (self->choices, i) : NULL;
}

static void
category_changed_cb (GObject          *object,
                     GParamSpec       *pspec,
                     CsmDisputeDialog *self)
{
  const CsmQaReview *review = chosen_review (self);
  guint i = gtk_drop_down_get_selected (self->category_dropdown);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const CsmQaCategory *category;

  g_array_set_size (self->proposals, 0);
  gtk_string_list_append (labels, _("No rating in particular"));
  if (review != NULL && i < review->n_ratings)
    {
      category = csm_qa_scorecard_get_category (review->scorecard, i);
      for (int r = 1; r <= category->scale; r++)
        if (r != review->ratings[i])
          {
            g_autofree char *label = format_rating (r, category->scale);

            gtk_string_list_append (labels, label);
            g_array_append_val (self->proposals, r);
          }
      if (category->na_allowed && review->ratings[i] != CSM_QA_NA)
        {
          int na = CSM_QA_NA;

          gtk_string_list_append (labels, _("N/A"));
          g_array_append_val (self->proposals, na);
        }
    }
  gtk_drop_down_set_model (self->proposed_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->proposed_dropdown, 0);
}

static void
review_changed_cb (GObject          *object,
                   GParamSpec       *pspec,
                   CsmDisputeDialog *self)
{
  const CsmQaReview *review = chosen_review (self);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; review != NULL && i < review->n_ratings; i++)
    {
      const CsmQaCategory *c = csm_qa_scorecard_get_category (review->scorecard, i);
      g_autofree char *rating = format_rating (review->ratings[i], c->scale);
      /* Translators: a category and the rating the review gave it */
      g_autofree char *label = g_strdup_printf (_("%s: %s"), c->name, rating);

      gtk_string_list_append (labels, label);
    }
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->category_dropdown, 0);
  category_changed_cb (NULL, NULL, self);
}

static void
show_error (CsmDisputeDialog *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CsmDisputeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmQaDispute) dispute = csm_workspace_open_dispute_finish (CSM_WORKSPACE (object),
                                                                       result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  if (dispute == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[OPENED], 0, dispute->id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
send_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  CsmDisputeDialog *self = CSM_DISPUTE_DIALOG (widget);
  const CsmQaReview *review = chosen_review (self);
  guint category = gtk_drop_down_get_selected (self->category_dropdown);
  guint proposed = gtk_drop_down_get_selected (self->proposed_dropdown);

  if (self->busy || review == NULL || category >= review->n_ratings)
    return;
  show_error (self, NULL);
  self->busy = TRUE;
  csm_workspace_open_dispute_async (self->workspace, review,
                                    csm_qa_scorecard_get_category (review->scorecard,
                                                                   category)->name,
                                    proposed >= 1 && proposed - 1 < self->proposals->len
                                    ? g_array_index (self->proposals, int, proposed - 1)
                                    : CSM_QA_UNRATED,
                                    gtk_editable_get_text (GTK_EDITABLE (self->reason_row)),
                                    self->now, self->window_days, self->cancellable, opened_cb,
                                    g_object_ref (self));
}

static void
csm_dispute_dialog_dispose (GObject *object)
{
  CsmDisputeDialog *self = CSM_DISPUTE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), CSM_TYPE_DISPUTE_DIALOG);
  G_OBJECT_CLASS (csm_dispute_dialog_parent_class)->dispose (object);
}

static void
csm_dispute_dialog_finalize (GObject *object)
{
  CsmDisputeDialog *self = CSM_DISPUTE_DIALOG (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_clear_pointer (&self->proposals, g_array_unref);
  G_OBJECT_CLASS (csm_dispute_dialog_parent_class)->finalize (object);
}

static void
csm_dispute_dialog_class_init (CsmDisputeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_dispute_dialog_dispose;
  object_class->finalize = csm_dispute_dialog_finalize;

  /**
   * CsmDisputeDialog::opened:
   * @id: the dispute's id
   */
  signals[OPENED] = g_signal_new ("opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-dispute-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmDisputeDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, CsmDisputeDialog, review_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmDisputeDialog, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmDisputeDialog, proposed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmDisputeDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, CsmDisputeDialog, error_label);
  gtk_widget_class_install_action (widget_class, "dispute-dialog.send", NULL, send_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
csm_dispute_dialog_init (CsmDisputeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->choices = g_ptr_array_new ();
  self->proposals = g_array_new (FALSE, FALSE, sizeof (int));
  g_signal_connect (self->review_dropdown, "notify::selected", G_CALLBACK (review_changed_cb),
                    self);
  g_signal_connect (self->category_dropdown, "notify::selected",
                    G_CALLBACK (category_changed_cb), self);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const CsmQaReview *x = *(CsmQaReview * const *) a;
  const CsmQaReview *y = *(CsmQaReview * const *) b;

  return (x->submitted < y->submitted) - (x->submitted > y->submitted);
}

/**
 * csm_dispute_dialog_new:
 * @reviews: (element-type CsmQaReview): the reviews the workspace shows
 * @me: the agent
 * @now: when; the window ends counting from it
 *
 * Returns: (transfer none): a dialog to present
 */
CsmDisputeDialog *
csm_dispute_dialog_new (CsmWorkspace *workspace,
                        GPtrArray    *reviews,
                        const char   *me,
                        gint64        now,
                        guint         window_days)
{
  CsmDisputeDialog *self;
  g_autoptr(GHashTable) replaced = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *intro = NULL;

  g_return_val_if_fail (CSM_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (CSM_TYPE_DISPUTE_DIALOG, NULL);
  self->workspace = g_object_ref (workspace);
  self->reviews = g_ptr_array_ref (reviews);
  self->now = now;
  self->window_days = window_days;
  for (guint i = 0; i < reviews->len; i++)
    {
      const CsmQaReview *r = g_ptr_array_index (reviews, i);

      if (r->replaces != NULL)
        g_hash_table_add (replaced, r->replaces);
    }
  /* My reviews' latest versions, still in the window. */
  for (guint i = 0; i < reviews->len; i++)
    {
      CsmQaReview *r = g_ptr_array_index (reviews, i);
      gboolean latest = TRUE;

      if (g_strcmp0 (r->agent, me) != 0 || r->id == NULL || r->calibration_session != NULL ||
          g_hash_table_contains (replaced, r->id) ||
          !csm_qa_dispute_window_open (r->submitted, now, window_days))
        continue;
      for (guint j = 0; j < reviews->len; j++)
        {
          const CsmQaReview *other = g_ptr_array_index (reviews, j);

          if (other != r && other->calibration_session == NULL &&
              g_strcmp0 (other->conversation, r->conversation) == 0 &&
              g_strcmp0 (other->reviewer, r->reviewer) == 0 && other->submitted > r->submitted)
            latest = FALSE;
        }
      if (latest)
        g_ptr_array_add (self->choices, r);
    }
  g_ptr_array_sort (self->choices, newest_first);
  for (guint i = 0; i < self->choices->len; i++)
    {
      const CsmQaReview *r = g_ptr_array_index (self->choices, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (r->submitted);
      /* Translators: a review to dispute, its day, see g_date_time_format () */
      g_autofree char *day = g_date_time_format (when, _("%e %b"));
      /* Translators: a review to dispute: conversation, reviewer, day */
      g_autofree char *label = g_strdup_printf (_("#%s, reviewed by %s on %s"), r->conversation,
                                                r->reviewer, day);

      gtk_string_list_append (labels, label);
    }
  gtk_drop_down_set_model (self->review_dropdown, G_LIST_MODEL (labels));
  review_changed_cb (NULL, NULL, self);
  intro = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "You may dispute a rating of one of your reviews for %u "
                                        "day after it was submitted. The reviewer or a lead "
                                        "decides, with their reason; if they accept, the review "
                                        "gets a new version and the old one is kept.",
                                        "You may dispute a rating of one of your reviews for %u "
                                        "days after it was submitted. The reviewer or a lead "
                                        "decides, with their reason; if they accept, the review "
                                        "gets a new version and the old one is kept.",
                                        window_days), window_days);
  gtk_label_set_text (self->intro_label, intro);
  return self;
}
