/* csm-wallboard-editor.c: one wallboard's name, tiles and queues, edited in a dialog.
 *
 * Editing board @index of wallboard-boards, or adding one (@index -1).
 * Save writes the whole list back at once, and only a board that has a
 * name of its own and at least one tile; what is wrong is said above the
 * tiles and nothing is stored. Queues the helpdesk has are offered; a
 * queue the board named that the helpdesk no longer has stays offered, so
 * it is not dropped without anyone choosing to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-preferences"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-wallboard-editor.h"

struct _CsmWallboardEditor
{
  AdwWindow parent_instance;

  GSettings *settings;     /* (owned) */
  int index;
  GPtrArray *tile_checks;  /* (owned): GtkCheckButton, in CsmWallTileKind order */
  GPtrArray *queue_checks; /* (owned): GtkCheckButton, its queue in "queue" data */
  char *error;

  AdwEntryRow *name_row;
  GtkLabel *error_label;
  AdwPreferencesGroup *tiles_group;
  AdwPreferencesGroup *queues_group;
};

G_DEFINE_FINAL_TYPE (CsmWallboardEditor, csm_wallboard_editor, ADW_TYPE_WINDOW)

static GtkCheckButton *
add_check_row (AdwPreferencesGroup *group,
               const char          *title,
               const char          *subtitle,
               gboolean             active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  row, NULL, -1);
  adw_preferences_group_add (group, row);
  return GTK_CHECK_BUTTON (check);
}

static void
set_error (CsmWallboardEditor *self,
           const char         *error)
{
  g_free (self->error);
  self->error = g_strdup (error);
  gtk_label_set_text (self->error_label, error ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CsmWallboardEditor *self = CSM_WALLBOARD_EDITOR (widget);
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, "wallboard-boards");
  g_autoptr(GPtrArray) boards = csm_wall_boards_from_variant (value);
  g_autoptr(GPtrArray) tiles = g_ptr_array_new ();
  g_autoptr(GPtrArray) queues = g_ptr_array_new ();
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  for (guint i = 0; i < self->tile_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->tile_checks, i)))
      g_ptr_array_add (tiles, (gpointer) csm_wall_tile_get_id (i));
  g_ptr_array_add (tiles, NULL);
  for (guint i = 0; i < self->queue_checks->len; i++)
    {
      GObject *check = g_ptr_array_index (self->queue_checks, i);

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_ptr_array_add (queues, g_object_get_data (check, "queue"));
    }
  g_ptr_array_add (queues, NULL);

  if (*name == '\0')
    {
      set_error (self, _("The board needs a name."));
      return;
    }
  for (guint i = 0; i < boards->len; i++)
    if ((int) i != self->index &&
        g_utf8_collate (((CsmWallBoard *) g_ptr_array_index (boards, i))->name, name) == 0)
      {
        g_autofree char *text = g_strdup_printf (_("There is already a board “%s”."), name);

        set_error (self, text);
        return;
      }
  if (tiles->len == 1)
    {
      set_error (self, _("Choose at least one tile."));
      return;
    }

  if (self->index >= 0 && (guint) self->index < boards->len)
    {
      CsmWallBoard *board = csm_wall_board_new (name, (const char * const *) tiles->pdata,
                                                (const char * const *) queues->pdata);

      csm_wall_board_free (g_ptr_array_index (boards, self->index));
      g_ptr_array_index (boards, self->index) = board;
    }
  else
    g_ptr_array_add (boards, csm_wall_board_new (name, (const char * const *) tiles->pdata,
                                                 (const char * const *) queues->pdata));
  g_settings_set_value (self->settings, "wallboard-boards", csm_wall_boards_to_variant (boards));
  set_error (self, NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
csm_wallboard_editor_dispose (GObject *object)
{
  CsmWallboardEditor *self = CSM_WALLBOARD_EDITOR (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->tile_checks, g_ptr_array_unref);
  g_clear_pointer (&self->queue_checks, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), CSM_TYPE_WALLBOARD_EDITOR);
  G_OBJECT_CLASS (csm_wallboard_editor_parent_class)->dispose (object);
}

static void
csm_wallboard_editor_class_init (CsmWallboardEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_wallboard_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-wallboard-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmWallboardEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CsmWallboardEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CsmWallboardEditor, tiles_group);
  gtk_widget_class_bind_template_child (widget_class, CsmWallboardEditor, queues_group);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
csm_wallboard_editor_init (CsmWallboardEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->tile_checks = g_ptr_array_new ();
  self->queue_checks = g_ptr_array_new ();
}

/**
 * csm_wallboard_editor_new:
 * @index: the board of wallboard-boards to change, or -1 for a new one
 * @queues: (nullable) (array zero-terminated=1): the helpdesk's queues
 *
 * Returns: (transfer full): the dialog, not yet shown
 */
CsmWallboardEditor *
csm_wallboard_editor_new (GSettings          *settings,
                          int                 index,
                          const char * const *queues)
{
  CsmWallboardEditor *self = g_object_new (CSM_TYPE_WALLBOARD_EDITOR, NULL);
  g_autoptr(GVariant) value = g_settings_get_value (settings, "wallboard-boards");
  g_autoptr(GPtrArray) boards = csm_wall_boards_from_variant (value);
  g_autoptr(GPtrArray) offered = g_ptr_array_new_with_free_func (g_free);
  const CsmWallBoard *board = index >= 0 && (guint) index < boards->len
                              ? g_ptr_array_index (boards, index) : NULL;

  self->settings = g_object_ref (settings);
  self->index = board != NULL ? index : -1;
  gtk_window_set_title (GTK_WINDOW (self), board ? _("Change Board") : _("New Board"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), board ? board->name : "");

  for (guint i = 0; i < CSM_WALL_TILE_COUNT; i++)
    {
      gboolean shown = board == NULL ||
                       g_strv_contains ((const char * const *) board->tiles, csm_wall_tile_get_id (i));

      g_ptr_array_add (self->tile_checks,
                       add_check_row (self->tiles_group, csm_wall_tile_get_title (i),
                                      csm_wall_tile_get_threshold (i), shown));
    }

  for (guint i = 0; queues != NULL && queues[i] != NULL; i++)
    g_ptr_array_add (offered, g_strdup (queues[i]));
  for (guint i = 0; board != NULL && board->queues[i] != NULL; i++)
    if (queues == NULL || !g_strv_contains (queues, board->queues[i]))
      g_ptr_array_add (offered, g_strdup (board->queues[i]));
  for (guint i = 0; i < offered->len; i++)
    {
      const char *queue = g_ptr_array_index (offered, i);
      gboolean counted = board != NULL &&
                         g_strv_contains ((const char * const *) board->queues, queue);
      GtkCheckButton *check = add_check_row (self->queues_group, queue, NULL, counted);

      g_object_set_data_full (G_OBJECT (check), "queue", g_strdup (queue), g_free);
      g_ptr_array_add (self->queue_checks, check);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->queues_group), offered->len > 0);
  return self;
}

/**
 * csm_wallboard_editor_set_tile:
 *
 * Returns: whether @id is a tile
 */
gboolean
csm_wallboard_editor_set_tile (CsmWallboardEditor *self,
                               const char         *id,
                               gboolean            shown)
{
  CsmWallTileKind kind;

  g_return_val_if_fail (CSM_IS_WALLBOARD_EDITOR (self), FALSE);

  if (!csm_wall_tile_from_id (id, &kind))
    return FALSE;
  gtk_check_button_set_active (g_ptr_array_index (self->tile_checks, kind), shown);
  return TRUE;
}

/**
 * csm_wallboard_editor_set_queue:
 *
 * Returns: whether @queue is offered
 */
gboolean
csm_wallboard_editor_set_queue (CsmWallboardEditor *self,
                                const char         *queue,
                                gboolean            counted)
{
  g_return_val_if_fail (CSM_IS_WALLBOARD_EDITOR (self), FALSE);

  for (guint i = 0; i < self->queue_checks->len; i++)
    {
      GObject *check = g_ptr_array_index (self->queue_checks, i);

      if (g_strcmp0 (g_object_get_data (check, "queue"), queue) == 0)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), counted);
          return TRUE;
        }
    }
  return FALSE;
}

void
csm_wallboard_editor_set_name (CsmWallboardEditor *self,
                               const char         *name)
{
  g_return_if_fail (CSM_IS_WALLBOARD_EDITOR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
}

const char *
csm_wallboard_editor_get_error (CsmWallboardEditor *self)
{
  g_return_val_if_fail (CSM_IS_WALLBOARD_EDITOR (self), NULL);
  return self->error;
}
