/* csm-category-editor.c: one category of a scorecard in the scorecard editor: name, weight, scale, N/A, critical, guidance.
 *
 * Folded, the row sums the category up ("Weight 20, counts 20 % · 5-point
 * · critical"), so the list reads as the scorecard does. Unfolded, every
 * field is a row of its own. There is one guidance entry a possible point
 * (five); those past the chosen scale are hidden, not emptied, so text typed
 * for a point comes back when the scale grows again.
 *
 * Every control's accessible label names the category ("Weight of
 * Empathy"): among five categories, "Weight" alone says nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-category-editor"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "csm-category-editor.h"

/* A new category: a middling weight on the most common scale. */
#define NEW_WEIGHT 10
#define NEW_SCALE 5

struct _CsmCategoryEditor
{
  AdwExpanderRow parent_instance;

  /* As last read from the fields, for csm_category_editor_get_category (). */
  char *name;
  char *guidance[CSM_QA_MAX_SCALE];   /* NULL where empty; index 0 = rating 1 */
  int total_weight;
  guint position;

  AdwEntryRow *name_row;
  GtkSpinButton *weight_spin;
  AdwComboRow *scale_row;
  GtkSwitch *na_switch;
  GtkSwitch *critical_switch;
  AdwEntryRow *guidance_rows[CSM_QA_MAX_SCALE];
  GtkButton *up_button;
  GtkButton *down_button;
  GtkButton *remove_button;
};

G_DEFINE_FINAL_TYPE (CsmCategoryEditor, csm_category_editor, ADW_TYPE_EXPANDER_ROW)

enum
{
  CHANGED,
  REMOVE,
  MOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
get_scale (CsmCategoryEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->scale_row);

  return selected == GTK_INVALID_LIST_POSITION ? NEW_SCALE : CSM_QA_MIN_SCALE + (int) selected;
}

/* The weight as typed: a spin button takes what is typed only when the
 * focus leaves it or Enter is pressed, and the form checks every keystroke. */
static int
get_weight (CsmCategoryEditor *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (
                                                                         self->weight_spin))));
  char *end = NULL;
  gint64 typed = g_ascii_strtoll (text, &end, 10);

  if (*text != '\0' && end != NULL && *end == '\0')
    return (int) CLAMP (typed, G_MININT, G_MAXINT);
  return gtk_spin_button_get_value_as_int (self->weight_spin);
}

/* The text of @editable without surrounding spaces, or NULL when that is nothing. */
static char *
stripped_text (gpointer editable)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
set_label (gpointer  widget,
           char     *label)
{
  g_autofree char *owned = label;

  /* An entry row's text field is what has the focus and what a screen reader reads. */
  if (ADW_IS_ENTRY_ROW (widget) && gtk_editable_get_delegate (widget) != NULL)
    widget = gtk_editable_get_delegate (widget);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, owned,
                                  -1);
}

/* The guidance rows the scale has, and every label that names the category. */
static void
update_rows (CsmCategoryEditor *self)
{
  g_autofree char *fallback = NULL;
  const char *name = self->name;
  int scale = get_scale (self);

  if (name == NULL)
    {
      /* Translators: a category's number in the list, e.g. "category 6" */
      fallback = g_strdup_printf (_("category %u"), self->position + 1);
      name = fallback;
    }

  /* Translators: accessible labels; %s is a scorecard category, e.g. "Weight of Empathy" */
  set_label (self->weight_spin, g_strdup_printf (_("Weight of %s"), name));
  set_label (self->scale_row, g_strdup_printf (_("Scale of %s"), name));
  set_label (self->na_switch, g_strdup_printf (_("N/A allowed for %s"), name));
  set_label (self->critical_switch, g_strdup_printf (_("%s is critical"), name));
  set_label (self->up_button, g_strdup_printf (_("Move %s up"), name));
  set_label (self->down_button, g_strdup_printf (_("Move %s down"), name));
  set_label (self->remove_button, g_strdup_printf (_("Remove %s"), name));
  /* Translators: accessible label of a category's name field, e.g. "Name of category 2" */
  set_label (self->name_row, g_strdup_printf (_("Name of category %u"), self->position + 1));

  for (int r = 1; r <= CSM_QA_MAX_SCALE; r++)
    {
      AdwEntryRow *row = self->guidance_rows[r - 1];
      g_autofree char *title = NULL;

      gtk_widget_set_visible (GTK_WIDGET (row), r <= scale);
      if (scale == 2)
        title = g_strdup (r == 1 ? _("Guidance for 1 (fail)") : _("Guidance for 2 (pass)"));
      else if (r == 1)
        title = g_strdup (_("Guidance for 1 (lowest)"));
      else if (r == scale)
        /* Translators: the guidance for the top rating, e.g. "Guidance for 5 (highest)" */
        title = g_strdup_printf (_("Guidance for %d (highest)"), r);
      else
        /* Translators: the guidance for a rating between the lowest and the highest */
        title = g_strdup_printf (_("Guidance for %d"), r);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      /* Translators: accessible label, e.g. "Guidance for rating 3 of Empathy" */
      set_label (row, g_strdup_printf (_("Guidance for rating %d of %s"), r, name));
    }
}

static void
update_summary (CsmCategoryEditor *self)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *title = NULL;
  int weight = get_weight (self);
  GtkStringObject *scale = adw_combo_row_get_selected_item (self->scale_row);

  if (weight == 0)
    g_string_append (subtitle, _("Weight 0: rated, does not count"));
  else if (self->total_weight > 0)
    /* Translators: a category's weight and its share of the score, e.g. "Weight 20, counts 25 %" */
    g_string_append_printf (subtitle, _("Weight %d, counts %d %%"), weight,
                            (int) lround (100.0 * weight / self->total_weight));
  else
    g_string_append_printf (subtitle, _("Weight %d"), weight);
  if (scale != NULL)
    g_string_append_printf (subtitle, " · %s", gtk_string_object_get_string (scale));
  if (gtk_switch_get_active (self->na_switch))
    g_string_append_printf (subtitle, " · %s", _("N/A allowed"));
  if (gtk_switch_get_active (self->critical_switch))
    g_string_append_printf (subtitle, " · %s", _("critical"));

  /* The row shows markup: a name is text. */
  title = g_markup_escape_text (self->name != NULL ? self->name : _("Unnamed category"), -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle->str);
}

static void
read_fields (CsmCategoryEditor *self)
{
  int scale = get_scale (self);

  g_free (self->name);
  self->name = stripped_text (self->name_row);
  for (int r = 0; r < CSM_QA_MAX_SCALE; r++)
    {
      g_free (self->guidance[r]);
      self->guidance[r] = r < scale ? stripped_text (self->guidance_rows[r]) : NULL;
    }
}

static void
changed_cb (CsmCategoryEditor *self)
{
  read_fields (self);
  update_summary (self);
  update_rows (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[REMOVE], 0);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[MOVE], 0, g_str_equal (action_name, "category.move-up") ? -1 : 1);
}

static void
csm_category_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CSM_TYPE_CATEGORY_EDITOR);

  G_OBJECT_CLASS (csm_category_editor_parent_class)->dispose (object);
}

static void
csm_category_editor_finalize (GObject *object)
{
  CsmCategoryEditor *self = CSM_CATEGORY_EDITOR (object);

  g_free (self->name);
  for (guint r = 0; r < G_N_ELEMENTS (self->guidance); r++)
    g_free (self->guidance[r]);

  G_OBJECT_CLASS (csm_category_editor_parent_class)->finalize (object);
}

static void
csm_category_editor_class_init (CsmCategoryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_category_editor_dispose;
  object_class->finalize = csm_category_editor_finalize;

  /**
   * CsmCategoryEditor::changed:
   *
   * Any field of the category was edited.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CsmCategoryEditor::remove:
   *
   * The admin asked to remove this category; the list it is in removes it.
   */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CsmCategoryEditor::move:
   * @delta: -1 to move up one place, 1 to move down one
   *
   * The admin asked to move this category; the list it is in moves it.
   */
  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-category-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmCategoryEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CsmCategoryEditor, weight_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmCategoryEditor, scale_row);
  gtk_widget_class_bind_template_child (widget_class, CsmCategoryEditor, na_switch);
  gtk_widget_class_bind_template_child (widget_class, CsmCategoryEditor, critical_switch);
  for (guint r = 0; r < CSM_QA_MAX_SCALE; r++)
    {
      char id[32];

      g_snprintf (id, sizeof id, "guidance_row%u", r + 1);
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (id), FALSE,
                                                 G_STRUCT_OFFSET (CsmCategoryEditor,
                                                                  guidance_rows) +
                                                 (gssize) (r * sizeof (AdwEntryRow *)));
    }
  gtk_widget_class_bind_template_child (widget_class, CsmCategoryEditor, up_button);
  gtk_widget_class_bind_template_child (widget_class, CsmCategoryEditor, down_button);
  gtk_widget_class_bind_template_child (widget_class, CsmCategoryEditor, remove_button);

  gtk_widget_class_install_action (widget_class, "category.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "category.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "category.move-down", NULL, move_action);
}

static void
csm_category_editor_init (CsmCategoryEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csm_category_editor_new:
 * @category: (nullable): the category to edit; %NULL for a new one, without
 *   a name yet
 *
 * Returns: (transfer floating): the row
 */
CsmCategoryEditor *
csm_category_editor_new (const CsmQaCategory *category)
{
  CsmCategoryEditor *self = g_object_new (CSM_TYPE_CATEGORY_EDITOR, NULL);
  int scale = category != NULL ? CLAMP (category->scale, CSM_QA_MIN_SCALE, CSM_QA_MAX_SCALE)
                               : NEW_SCALE;

  adw_combo_row_set_selected (self->scale_row, (guint) (scale - CSM_QA_MIN_SCALE));
  if (category != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                             category->name != NULL ? category->name : "");
      gtk_spin_button_set_value (self->weight_spin, category->weight);
      gtk_switch_set_active (self->na_switch, category->na_allowed);
      gtk_switch_set_active (self->critical_switch, category->critical);
      /* The category holds one guidance (or NULL) a point, not NULL-terminated. */
      for (int r = 0; category->guidance != NULL && r < scale; r++)
        gtk_editable_set_text (GTK_EDITABLE (self->guidance_rows[r]),
                               category->guidance[r] != NULL ? category->guidance[r] : "");
    }
  else
    gtk_spin_button_set_value (self->weight_spin, NEW_WEIGHT);
  read_fields (self);
  update_summary (self);
  update_rows (self);

  /* Connected after filling in, so building a row is no edit. */
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (changed_cb), self);
  for (guint r = 0; r < CSM_QA_MAX_SCALE; r++)
    g_signal_connect_swapped (self->guidance_rows[r], "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->weight_spin, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->weight_spin, "value-changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->scale_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->na_switch, "notify::active", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->critical_switch, "notify::active", G_CALLBACK (changed_cb),
                            self);
  return self;
}

/**
 * csm_category_editor_get_category:
 * @out_category: (out caller-allocates): filled in; its name and guidance
 *   belong to the row and stay valid until the next edit. The name and the
 *   guidance are as typed without surrounding spaces; nothing typed is
 *   %NULL (a category without a name, a rating without guidance).
 *
 * Reads the category as the row shows it.
 */
void
csm_category_editor_get_category (CsmCategoryEditor *self,
                                  CsmQaCategory     *out_category)
{
  g_return_if_fail (CSM_IS_CATEGORY_EDITOR (self));
  g_return_if_fail (out_category != NULL);

  out_category->name = self->name;
  out_category->weight = get_weight (self);
  out_category->scale = get_scale (self);
  out_category->na_allowed = gtk_switch_get_active (self->na_switch);
  out_category->critical = gtk_switch_get_active (self->critical_switch);
  out_category->guidance = self->guidance;
}

/**
 * csm_category_editor_commit:
 *
 * Takes the weight typed as the spin button's value (clamped to 0–100), as
 * leaving the field would: before saving.
 */
void
csm_category_editor_commit (CsmCategoryEditor *self)
{
  g_return_if_fail (CSM_IS_CATEGORY_EDITOR (self));

  gtk_spin_button_update (self->weight_spin);
}

/**
 * csm_category_editor_set_position:
 * @position: the row's place in the list, from 0
 * @n_categories: how many there are
 *
 * Lets the row move up or down only where there is room, and name itself
 * by its number while it has no name.
 */
void
csm_category_editor_set_position (CsmCategoryEditor *self,
                                  guint              position,
                                  guint              n_categories)
{
  g_return_if_fail (CSM_IS_CATEGORY_EDITOR (self));
  g_return_if_fail (position < n_categories);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "category.move-up", position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "category.move-down",
                                 position + 1 < n_categories);
  if (self->position == position)
    return;
  self->position = position;
  update_rows (self);
}

/**
 * csm_category_editor_set_total_weight:
 * @total: the weights of all the scorecard's categories added up
 *
 * The summary says what share of the score this category is.
 */
void
csm_category_editor_set_total_weight (CsmCategoryEditor *self,
                                      int                total)
{
  g_return_if_fail (CSM_IS_CATEGORY_EDITOR (self));

  if (self->total_weight == total)
    return;
  self->total_weight = total;
  update_summary (self);
}

/**
 * csm_category_editor_set_name_problem:
 * @problem: whether the name is missing or another category's
 *
 * Marks the name field, next to the scorecard editor's message.
 */
void
csm_category_editor_set_name_problem (CsmCategoryEditor *self,
                                      gboolean           problem)
{
  g_return_if_fail (CSM_IS_CATEGORY_EDITOR (self));

  if (problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

/**
 * csm_category_editor_focus_name:
 *
 * Unfolds the row and puts the focus in the name, as for a new category.
 */
void
csm_category_editor_focus_name (CsmCategoryEditor *self)
{
  g_return_if_fail (CSM_IS_CATEGORY_EDITOR (self));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

/**
 * csm_category_editor_focus_move:
 * @delta: the way the row was moved: -1 up, 1 down
 *
 * After a move the focus stays on the button that was pressed, so a row can
 * be moved several places with the keyboard; where the row reached the end
 * of the list, on the other button.
 */
void
csm_category_editor_focus_move (CsmCategoryEditor *self,
                                int                delta)
{
  GtkWidget *pressed, *other;

  g_return_if_fail (CSM_IS_CATEGORY_EDITOR (self));

  pressed = GTK_WIDGET (delta < 0 ? self->up_button : self->down_button);
  other = GTK_WIDGET (delta < 0 ? self->down_button : self->up_button);
  if (!adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  else if (gtk_widget_get_sensitive (pressed))
    gtk_widget_grab_focus (pressed);
  else
    gtk_widget_grab_focus (other);
}
