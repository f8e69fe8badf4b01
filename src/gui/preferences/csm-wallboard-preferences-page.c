/* csm-wallboard-preferences-page.c: the wallboard's preferences: rotation, and its boards with a simple editor.
 *
 * The boards are wallboard-boards: one row each, with what it shows and
 * counts, Change… (csm-wallboard-editor.c) and Remove. The last board
 * cannot be removed: a wall is never left empty. The rows follow the
 * setting, whoever changes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-preferences"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-wallboard-editor.h"
#include "csm-wallboard-preferences-page.h"
#include "csm-queue.h"
#include "csm-wallboard.h"

struct _CsmWallboardPreferencesPage
{
  AdwPreferencesPage parent_instance;

  CsmContext *context;        /* (owned) (nullable) */
  GSettings *settings;        /* (owned) (nullable) */
  GPtrArray *rows;            /* (owned): the board rows in boards_group */

  AdwPreferencesGroup *boards_group;
  GtkSpinButton *rotate_spin;
};

G_DEFINE_FINAL_TYPE (CsmWallboardPreferencesPage, csm_wallboard_preferences_page,
                     ADW_TYPE_PREFERENCES_PAGE)

static char *
describe (const CsmWallBoard *board)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *queues = NULL;

  for (guint i = 0; board->tiles[i] != NULL; i++)
    {
      CsmWallTileKind kind;

      if (csm_wall_tile_from_id (board->tiles[i], &kind))
        g_string_append_printf (text, "%s%s", text->len ? ", " : "", csm_wall_tile_get_title (kind));
    }
  queues = board->queues[0] != NULL ? g_strjoinv (", ", board->queues) : g_strdup (_("all queues"));
  /* Translators: a board's tiles, then its queues: "Waiting, Breached · Billing" */
  return g_strdup_printf (_("%s · %s"), text->str, queues);
}

static GtkWidget *
row_button (const char *icon,
            const char *label,
            const char *action,
            guint       index)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", index);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static void
show_boards (CsmWallboardPreferencesPage *self)
{
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, "wallboard-boards");
  g_autoptr(GPtrArray) boards = csm_wall_boards_from_variant (value);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->boards_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < boards->len; i++)
    {
      const CsmWallBoard *board = g_ptr_array_index (boards, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = describe (board);
      g_autofree char *change = g_strdup_printf (_("Change “%s”"), board->name);
      g_autofree char *remove = g_strdup_printf (_("Remove “%s”"), board->name);
      GtkWidget *remove_button = row_button ("user-trash-symbolic", remove,
                                             "wallboard-prefs.remove", i);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), board->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button ("document-edit-symbolic", change,
                                             "wallboard-prefs.change", i));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove_button);
      /* The last board stays: the wall is never empty. */
      gtk_widget_set_sensitive (remove_button, boards->len > 1);
      adw_preferences_group_add (self->boards_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
open_editor (CsmWallboardPreferencesPage *self,
             int                          index)
{
  CsmSyncEngine *engine = self->context ? csm_context_get_engine (self->context) : NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  CsmWallboardEditor *editor;

  if (engine != NULL)
    {
      GListModel *queues = csm_sync_engine_get_queues (engine);

      for (guint i = 0; i < g_list_model_get_n_items (queues); i++)
        {
          g_autoptr(CsmQueue) queue = g_list_model_get_item (queues, i);

          g_ptr_array_add (names, (gpointer) csm_queue_get_name (queue));
        }
    }
  g_ptr_array_add (names, NULL);
  editor = csm_wallboard_editor_new (self->settings, index, (const char * const *) names->pdata);
  gtk_window_set_transient_for (GTK_WINDOW (editor),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (CSM_WALLBOARD_PREFERENCES_PAGE (widget), -1);
}

static void
change_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_editor (CSM_WALLBOARD_PREFERENCES_PAGE (widget), (int) g_variant_get_uint32 (parameter));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CsmWallboardPreferencesPage *self = CSM_WALLBOARD_PREFERENCES_PAGE (widget);
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, "wallboard-boards");
  g_autoptr(GPtrArray) boards = csm_wall_boards_from_variant (value);
  guint index = g_variant_get_uint32 (parameter);

  if (index >= boards->len || boards->len < 2)
    return;
  g_ptr_array_remove_index (boards, index);
  g_settings_set_value (self->settings, "wallboard-boards", csm_wall_boards_to_variant (boards));
}

/**
 * csm_wallboard_preferences_page_set_context:
 *
 * Shows and edits the context's settings; the queues offered are its
 * helpdesk's.
 */
void
csm_wallboard_preferences_page_set_context (CsmWallboardPreferencesPage *self,
                                            CsmContext                  *context)
{
  g_return_if_fail (CSM_IS_WALLBOARD_PREFERENCES_PAGE (self));
  g_return_if_fail (CSM_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  g_set_object (&self->settings, csm_context_get_settings (context));
  g_settings_bind (self->settings, "wallboard-rotate-seconds", self->rotate_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::wallboard-boards", G_CALLBACK (show_boards),
                           self, G_CONNECT_SWAPPED);
  show_boards (self);
}

static void
csm_wallboard_preferences_page_dispose (GObject *object)
{
  CsmWallboardPreferencesPage *self = CSM_WALLBOARD_PREFERENCES_PAGE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_WALLBOARD_PREFERENCES_PAGE);
  G_OBJECT_CLASS (csm_wallboard_preferences_page_parent_class)->dispose (object);
}

static void
csm_wallboard_preferences_page_class_init (CsmWallboardPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_wallboard_preferences_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-wallboard-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmWallboardPreferencesPage, boards_group);
  gtk_widget_class_bind_template_child (widget_class, CsmWallboardPreferencesPage, rotate_spin);
  gtk_widget_class_install_action (widget_class, "wallboard-prefs.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "wallboard-prefs.change", "u", change_action);
  gtk_widget_class_install_action (widget_class, "wallboard-prefs.remove", "u", remove_action);
}

static void
csm_wallboard_preferences_page_init (CsmWallboardPreferencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}
