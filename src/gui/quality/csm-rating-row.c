/* csm-rating-row.c: one category of a scorecard in the review form: its rating, its guidance, a note.
 *
 * The rating is a group of toggle buttons, 1 to the category's scale and
 * N/A where the scorecard allows it, so a screen reader hears a group of
 * choices and a mouse user clicks one. From the keyboard, a digit rates the
 * focused category and N marks it N/A (csm_rating_row_rate_key (); the
 * form moves on to the next category). The guidance for the chosen rating
 * is shown under the buttons, and every button's tooltip carries its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-rating-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-rating-row.h"

struct _CsmRatingRow
{
  GtkListBoxRow parent_instance;

  char *name;
  int scale;
  gboolean na_allowed;
  char *guidance[CSM_QA_MAX_SCALE];  /* (owned) (nullable): index 0 = rating 1 */
  int rating;
  gboolean updating;

  GtkToggleButton *buttons[CSM_QA_MAX_SCALE + 1];   /* [0]: N/A, [1…scale] */

  GtkLabel *title_label;
  GtkLabel *meta_label;
  GtkBox *buttons_box;
  GtkLabel *guidance_label;
  GtkEntry *note_entry;
};

G_DEFINE_FINAL_TYPE (CsmRatingRow, csm_rating_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_RATING,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
guidance_for (CsmRatingRow *self,
              int           rating)
{
  if (rating >= 1 && rating <= self->scale && self->guidance[rating - 1] != NULL &&
      *self->guidance[rating - 1] != '\0')
    return self->guidance[rating - 1];
  return NULL;
}

static void
show_rating (CsmRatingRow *self)
{
  g_autofree char *accessible = NULL;
  g_autofree char *hint = NULL;
  const char *guidance = guidance_for (self, self->rating);

  if (self->rating == CSM_QA_NA)
    gtk_label_set_text (self->guidance_label, _("Not applicable: this category does not count."));
  else if (self->rating == CSM_QA_UNRATED)
    {
      /* Translators: %d is the highest rating of a category, e.g. 5 */
      hint = self->na_allowed ? g_strdup_printf (_("Not rated yet: press 1 to %d, or N for N/A."),
                                                 self->scale)
                              : g_strdup_printf (_("Not rated yet: press 1 to %d."), self->scale);
      gtk_label_set_text (self->guidance_label, hint);
    }
  else if (guidance != NULL)
    gtk_label_set_text (self->guidance_label, guidance);
  else
    {
      /* Translators: a rating without guidance of its own, e.g. "Rated 3 of 5." */
      hint = g_strdup_printf (_("Rated %d of %d."), self->rating, self->scale);
      gtk_label_set_text (self->guidance_label, hint);
    }

  if (self->rating >= 1)
    accessible = g_strdup_printf (_("%s: %d of %d"), self->name, self->rating, self->scale);
  else if (self->rating == CSM_QA_NA)
    accessible = g_strdup_printf (_("%s: not applicable"), self->name);
  else
    accessible = g_strdup_printf (_("%s: not rated"), self->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
button_toggled_cb (GtkToggleButton *button,
                   CsmRatingRow    *self)
{
  int rating = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "rating"));

  if (self->updating)
    return;
  /* Only the button that became active says anything: the one it replaced
   * going inactive is the same change. */
  if (gtk_toggle_button_get_active (button))
    csm_rating_row_set_rating (self, rating);
}

static void
note_changed_cb (GtkEditable  *editable,
                 CsmRatingRow *self)
{
  if (!self->updating)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

static void
csm_rating_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CsmRatingRow *self = CSM_RATING_ROW (object);

  switch (prop_id)
    {
    case PROP_RATING:
      g_value_set_int (value, self->rating);
      break;
    case PROP_NOTE:
      g_value_set_string (value, csm_rating_row_get_note (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_rating_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CSM_TYPE_RATING_ROW);
  G_OBJECT_CLASS (csm_rating_row_parent_class)->dispose (object);
}

static void
csm_rating_row_finalize (GObject *object)
{
  CsmRatingRow *self = CSM_RATING_ROW (object);

  g_free (self->name);
  for (guint i = 0; i < G_N_ELEMENTS (self->guidance); i++)
    g_free (self->guidance[i]);
  G_OBJECT_CLASS (csm_rating_row_parent_class)->finalize (object);
}

static void
csm_rating_row_class_init (CsmRatingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = csm_rating_row_get_property;
  object_class->dispose = csm_rating_row_dispose;
  object_class->finalize = csm_rating_row_finalize;

  properties[PROP_RATING] =
    g_param_spec_int ("rating", NULL, NULL, CSM_QA_UNRATED, CSM_QA_MAX_SCALE, CSM_QA_UNRATED,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/csm-rating-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmRatingRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CsmRatingRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, CsmRatingRow, buttons_box);
  gtk_widget_class_bind_template_child (widget_class, CsmRatingRow, guidance_label);
  gtk_widget_class_bind_template_child (widget_class, CsmRatingRow, note_entry);
}

static void
csm_rating_row_init (CsmRatingRow *self)
{
  self->rating = CSM_QA_UNRATED;
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->note_entry, "changed", G_CALLBACK (note_changed_cb), self);
}

static GtkToggleButton *
add_button (CsmRatingRow *self,
            int           rating,
            const char   *label,
            const char   *tooltip,
            GtkToggleButton *group)
{
  GtkToggleButton *button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (label));

  g_object_set_data (G_OBJECT (button), "rating", GINT_TO_POINTER (rating));
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (button), tooltip);
  if (group != NULL)
    gtk_toggle_button_set_group (button, group);
  g_signal_connect (button, "toggled", G_CALLBACK (button_toggled_cb), self);
  gtk_box_append (self->buttons_box, GTK_WIDGET (button));
  return button;
}

/**
 * csm_rating_row_new:
 * @category: the scorecard's category
 *
 * Returns: (transfer floating): a row, not rated
 */
GtkWidget *
csm_rating_row_new (const CsmQaCategory *category)
{
  CsmRatingRow *self = g_object_new (CSM_TYPE_RATING_ROW, NULL);
  g_autofree char *meta = NULL;
  g_autofree char *placeholder = NULL;

  self->name = g_strdup (category->name);
  self->scale = category->scale;
  self->na_allowed = category->na_allowed;
  /* The category holds one guidance (or NULL) a rating, not NULL-terminated. */
  for (int r = 0; category->guidance != NULL && r < self->scale && r < CSM_QA_MAX_SCALE; r++)
    self->guidance[r] = g_strdup (category->guidance[r]);

  gtk_label_set_text (self->title_label, category->name);
  meta = category->critical
         /* Translators: a scorecard category's weight, and that failing it fails the review */
         ? g_strdup_printf (_("weight %d · critical"), category->weight)
         : g_strdup_printf (_("weight %d"), category->weight);
  gtk_label_set_text (self->meta_label, meta);
  if (category->critical)
    gtk_widget_add_css_class (GTK_WIDGET (self->meta_label), "warning");

  for (int r = 1; r <= self->scale; r++)
    {
      g_autofree char *label = g_strdup_printf ("%d", r);

      self->buttons[r] = add_button (self, r, label, guidance_for (self, r),
                                     r > 1 ? self->buttons[1] : NULL);
    }
  if (self->na_allowed)
    self->buttons[0] = add_button (self, CSM_QA_NA, _("N/A"), _("Not applicable"),
                                   self->buttons[1]);

  placeholder = g_strdup_printf (_("Note on %s (optional)"), category->name);
  gtk_entry_set_placeholder_text (self->note_entry, placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  show_rating (self);
  return GTK_WIDGET (self);
}

int
csm_rating_row_get_rating (CsmRatingRow *self)
{
  g_return_val_if_fail (CSM_IS_RATING_ROW (self), CSM_QA_UNRATED);
  return self->rating;
}

/**
 * csm_rating_row_set_rating:
 * @rating: 1…scale, %CSM_QA_NA (where allowed) or %CSM_QA_UNRATED
 */
void
csm_rating_row_set_rating (CsmRatingRow *self,
                           int           rating)
{
  g_return_if_fail (CSM_IS_RATING_ROW (self));

  if (rating == CSM_QA_NA && !self->na_allowed)
    return;
  if (rating > self->scale || rating < CSM_QA_UNRATED)
    return;

  self->updating = TRUE;
  for (int r = 0; r <= self->scale; r++)
    if (self->buttons[r] != NULL)
      gtk_toggle_button_set_active (self->buttons[r], r == rating);
  self->updating = FALSE;

  if (self->rating == rating)
    return;
  self->rating = rating;
  show_rating (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATING]);
}

const char *
csm_rating_row_get_note (CsmRatingRow *self)
{
  g_return_val_if_fail (CSM_IS_RATING_ROW (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->note_entry));
}

void
csm_rating_row_set_note (CsmRatingRow *self,
                         const char   *note)
{
  g_return_if_fail (CSM_IS_RATING_ROW (self));

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), note != NULL ? note : "");
  self->updating = FALSE;
}

/**
 * csm_rating_row_rate_key:
 * @keyval: a key pressed while the row (not its note) has the focus
 *
 * Returns: whether the key rated the category: a digit within the scale,
 *   or N where N/A is allowed
 */
gboolean
csm_rating_row_rate_key (CsmRatingRow *self,
                         guint         keyval)
{
  guint32 c = gdk_keyval_to_unicode (keyval);

  g_return_val_if_fail (CSM_IS_RATING_ROW (self), FALSE);

  if (c >= '1' && c <= (guint32) ('0' + self->scale))
    {
      csm_rating_row_set_rating (self, (int) (c - '0'));
      return TRUE;
    }
  if ((c == 'n' || c == 'N') && self->na_allowed)
    {
      csm_rating_row_set_rating (self, CSM_QA_NA);
      return TRUE;
    }
  return FALSE;
}
