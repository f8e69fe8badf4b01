/* csm-review-form.c: a scorecard to fill in: every category's rating and note, a comment, the live score.
 *
 * The form holds one review (a draft): the scorecard it is scored on,
 * a rating and a note for each category and an overall comment. Every
 * change updates the score and its working at once (both from core:
 * csm_qa_score () and csm_qa_score_explain ()) and emits "changed", which
 * the page turns into an autosave.
 *
 * From the keyboard: with a category focused, a digit rates it and N marks
 * it N/A, and the focus moves on to the next category, so a whole scorecard
 * is scored with a digit per category. Tab reaches the buttons and the
 * notes as usual.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-review-form"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-list-box.h"
#include "csm-rating-row.h"
#include "csm-review-form.h"

struct _CsmReviewForm
{
  GtkWidget parent_instance;

  CsmQaReview *review;        /* (owned) (nullable): the ratings as last set */
  GPtrArray *rows;            /* (owned): CsmRatingRow, one a category */
  gboolean loading;

  GtkScrolledWindow *scroller;
  GtkLabel *scorecard_label;
  GtkLabel *subject_label;
  GtkLabel *score_label;
  GtkLabel *formula_label;
  GtkListBox *categories_list;
  GtkTextView *comment_view;
  GtkLabel *status_label;
  GtkButton *submit_button;
};

G_DEFINE_FINAL_TYPE (CsmReviewForm, csm_review_form, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The ratings the rows show, in the scorecard's order. */
static void
read_ratings (CsmReviewForm *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    self->review->ratings[i] = csm_rating_row_get_rating (g_ptr_array_index (self->rows, i));
}

static void
update_score (CsmReviewForm *self)
{
  CsmQaScore score;
  g_autofree char *formula = NULL;
  g_autofree char *accessible = NULL;
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  read_ratings (self);
  score = csm_qa_score (self->review->scorecard, self->review->ratings, self->review->n_ratings);
  formula = csm_qa_score_explain (self->review->scorecard, self->review->ratings,
                                  self->review->n_ratings);
  if (score.defined)
    g_ascii_formatd (text, sizeof text, "%.1f", csm_qa_round1 (score.value));
  else
    g_strlcpy (text, "—", sizeof text);
  gtk_label_set_text (self->score_label, text);
  gtk_label_set_text (self->formula_label, formula);

  if (score.critical_failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->score_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->score_label), "error");

  accessible = score.defined ? g_strdup_printf (_("Score %s"), text) : g_strdup (_("No score yet"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->score_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, formula, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

static void
changed (CsmReviewForm *self)
{
  if (self->loading)
    return;
  update_score (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
rating_notify_cb (CsmRatingRow  *row,
                  GParamSpec    *pspec,
                  CsmReviewForm *self)
{
  changed (self);
}

static void
comment_changed_cb (GtkTextBuffer *buffer,
                    CsmReviewForm *self)
{
  changed (self);
}

/* The row that holds the focus, unless the focus is in its note. */
static CsmRatingRow *
focused_row (CsmReviewForm *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;

  if (focus == NULL || GTK_IS_TEXT (focus) || GTK_IS_ENTRY (focus) || GTK_IS_TEXT_VIEW (focus))
    return NULL;
  row = gtk_widget_get_ancestor (focus, CSM_TYPE_RATING_ROW);
  return row != NULL && gtk_widget_is_ancestor (row, GTK_WIDGET (self)) ? CSM_RATING_ROW (row)
                                                                         : NULL;
}

/**
 * csm_review_form_handle_key:
 * @keyval: a key pressed in the categories
 * @state: its modifiers
 *
 * With a category focused (not its note), a digit within the scale rates
 * it and N marks it N/A; the focus then moves to the next category, or to
 * the comment after the last.
 *
 * Returns: whether the key rated a category
 */
gboolean
csm_review_form_handle_key (CsmReviewForm   *self,
                            guint            keyval,
                            GdkModifierType  state)
{
  CsmRatingRow *row;
  int index;

  g_return_val_if_fail (CSM_IS_REVIEW_FORM (self), FALSE);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;
  row = focused_row (self);
  if (row == NULL || !csm_rating_row_rate_key (row, keyval))
    return FALSE;

  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  if ((guint) index + 1 < self->rows->len)
    gtk_widget_grab_focus (g_ptr_array_index (self->rows, index + 1));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->comment_view));
  return TRUE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CsmReviewForm         *self)
{
  return csm_review_form_handle_key (self, keyval, state) ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

static void
csm_review_form_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CsmReviewForm *self = CSM_REVIEW_FORM (object);

  switch (prop_id)
    {
    case PROP_COMPLETE:
      g_value_set_boolean (value, csm_review_form_is_complete (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_review_form_dispose (GObject *object)
{
  CsmReviewForm *self = CSM_REVIEW_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), CSM_TYPE_REVIEW_FORM);
  /* GTK 4.8 unparents only the template's named children. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (csm_review_form_parent_class)->dispose (object);
}

static void
csm_review_form_finalize (GObject *object)
{
  CsmReviewForm *self = CSM_REVIEW_FORM (object);

  g_clear_pointer (&self->review, csm_qa_review_free);
  G_OBJECT_CLASS (csm_review_form_parent_class)->finalize (object);
}

static void
csm_review_form_class_init (CsmReviewFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = csm_review_form_get_property;
  object_class->dispose = csm_review_form_dispose;
  object_class->finalize = csm_review_form_finalize;

  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CsmReviewForm::changed:
   *
   * A rating, a note or the comment changed (not when a review is set).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-review-form.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmReviewForm, scroller);
  gtk_widget_class_bind_template_child (widget_class, CsmReviewForm, scorecard_label);
  gtk_widget_class_bind_template_child (widget_class, CsmReviewForm, subject_label);
  gtk_widget_class_bind_template_child (widget_class, CsmReviewForm, score_label);
  gtk_widget_class_bind_template_child (widget_class, CsmReviewForm, formula_label);
  gtk_widget_class_bind_template_child (widget_class, CsmReviewForm, categories_list);
  gtk_widget_class_bind_template_child (widget_class, CsmReviewForm, comment_view);
  gtk_widget_class_bind_template_child (widget_class, CsmReviewForm, status_label);
  gtk_widget_class_bind_template_child (widget_class, CsmReviewForm, submit_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
csm_review_form_init (CsmReviewForm *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->categories_list), keys);
  g_signal_connect (gtk_text_view_get_buffer (self->comment_view), "changed",
                    G_CALLBACK (comment_changed_cb), self);
}

/**
 * csm_review_form_set_review:
 * @review: the review to show (copied)
 * @subject: (nullable): what the conversation is about
 */
void
csm_review_form_set_review (CsmReviewForm     *self,
                            const CsmQaReview *review,
                            const char        *subject)
{
  CsmQaScorecard *scorecard;
  g_autofree char *title = NULL;

  g_return_if_fail (CSM_IS_REVIEW_FORM (self));
  g_return_if_fail (review != NULL);

  self->loading = TRUE;
  g_clear_pointer (&self->review, csm_qa_review_free);
  self->review = csm_qa_review_copy (review);
  scorecard = self->review->scorecard;

  csm_list_box_remove_all (self->categories_list);
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < csm_qa_scorecard_get_n_categories (scorecard); i++)
    {
      GtkWidget *row = csm_rating_row_new (csm_qa_scorecard_get_category (scorecard, i));

      csm_rating_row_set_rating (CSM_RATING_ROW (row), self->review->ratings[i]);
      csm_rating_row_set_note (CSM_RATING_ROW (row),
                               self->review->notes != NULL ? self->review->notes[i] : NULL);
      g_signal_connect (row, "notify::rating", G_CALLBACK (rating_notify_cb), self);
      g_signal_connect_swapped (row, "notify::note", G_CALLBACK (changed), self);
      gtk_list_box_append (self->categories_list, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->comment_view),
                            self->review->comment != NULL ? self->review->comment : "", -1);

  /* Translators: a QA scorecard's name and version */
  title = g_strdup_printf (_("%s, version %d"), csm_qa_scorecard_get_name (scorecard),
                           csm_qa_scorecard_get_version (scorecard));
  gtk_label_set_text (self->scorecard_label, title);
  gtk_label_set_text (self->subject_label, subject != NULL ? subject : "");
  self->loading = FALSE;
  update_score (self);
}

/**
 * csm_review_form_dup_review:
 *
 * Returns: (transfer full) (nullable): the review as the form shows it now
 */
CsmQaReview *
csm_review_form_dup_review (CsmReviewForm *self)
{
  CsmQaReview *review;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (CSM_IS_REVIEW_FORM (self), NULL);

  if (self->review == NULL)
    return NULL;
  read_ratings (self);
  review = csm_qa_review_copy (self->review);
  for (guint i = 0; i < self->rows->len && i < review->n_ratings; i++)
    {
      const char *note = csm_rating_row_get_note (g_ptr_array_index (self->rows, i));

      if (review->notes == NULL)
        review->notes = g_new0 (char *, review->n_ratings + 1);
      g_free (review->notes[i]);
      review->notes[i] = note != NULL && *note != '\0' ? g_strdup (note) : NULL;
    }
  buffer = gtk_text_view_get_buffer (self->comment_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (review->comment);
  review->comment = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return review;
}

/**
 * csm_review_form_is_complete:
 *
 * Returns: whether every category is rated or N/A
 */
gboolean
csm_review_form_is_complete (CsmReviewForm *self)
{
  g_return_val_if_fail (CSM_IS_REVIEW_FORM (self), FALSE);

  if (self->rows->len == 0)
    return FALSE;
  for (guint i = 0; i < self->rows->len; i++)
    if (csm_rating_row_get_rating (g_ptr_array_index (self->rows, i)) == CSM_QA_UNRATED)
      return FALSE;
  return TRUE;
}

double
csm_review_form_get_score (CsmReviewForm *self,
                           gboolean      *defined)
{
  CsmQaScore score = { FALSE, 0.0, FALSE };

  g_return_val_if_fail (CSM_IS_REVIEW_FORM (self), 0.0);

  if (self->review != NULL)
    {
      read_ratings (self);
      score = csm_qa_score (self->review->scorecard, self->review->ratings,
                            self->review->n_ratings);
    }
  if (defined != NULL)
    *defined = score.defined;
  return score.value;
}

void
csm_review_form_set_status (CsmReviewForm *self,
                            const char    *status)
{
  g_return_if_fail (CSM_IS_REVIEW_FORM (self));
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
}

void
csm_review_form_focus_first (CsmReviewForm *self)
{
  g_return_if_fail (CSM_IS_REVIEW_FORM (self));

  for (guint i = 0; i < self->rows->len; i++)
    if (csm_rating_row_get_rating (g_ptr_array_index (self->rows, i)) == CSM_QA_UNRATED)
      {
        gtk_widget_grab_focus (g_ptr_array_index (self->rows, i));
        return;
      }
  if (self->rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->rows, 0));
}

/**
 * csm_review_form_get_row:
 *
 * Returns: (transfer none) (nullable): the category at @index
 */
GtkWidget *
csm_review_form_get_row (CsmReviewForm *self,
                         guint          index)
{
  g_return_val_if_fail (CSM_IS_REVIEW_FORM (self), NULL);
  return index < self->rows->len ? g_ptr_array_index (self->rows, index) : NULL;
}
