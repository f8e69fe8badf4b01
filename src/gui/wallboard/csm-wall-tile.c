/* csm-wall-tile.c: one tile of the wallboard: a figure in large type, what it is, and its threshold colour.
 *
 * The tile shows what csm_wall_board_compute() said and nothing else. It
 * takes no focus and answers no click: a passer-by can change nothing.
 * Stale figures are greyed, whatever their colour was; a screen reader
 * reads the title, the figure, its detail and, when stale, that it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-wall-tile"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-wall-tile.h"

struct _CsmWallTileWidget
{
  GtkWidget parent_instance;

  GtkLabel *title_label;
  GtkLabel *value_label;
  GtkLabel *detail_label;
};

G_DEFINE_FINAL_TYPE (CsmWallTileWidget, csm_wall_tile_widget, GTK_TYPE_WIDGET)

static const char * const level_classes[] = {
  [CSM_WALL_LEVEL_NONE] = "csm-wall-plain",
  [CSM_WALL_LEVEL_GOOD] = "csm-wall-good",
  [CSM_WALL_LEVEL_WARNING] = "csm-wall-warning",
  [CSM_WALL_LEVEL_ALERT] = "csm-wall-alert",
};

/**
 * csm_wall_tile_widget_update:
 * @stale: the figure is older than the helpdesk's last answer would make it
 */
void
csm_wall_tile_widget_update (CsmWallTileWidget *self,
                             const CsmWallTile *tile,
                             gboolean           stale)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autofree char *spoken = NULL;
  const char *threshold = csm_wall_tile_get_threshold (tile->kind);

  g_return_if_fail (CSM_IS_WALL_TILE_WIDGET (self));

  gtk_label_set_text (self->title_label, tile->title);
  gtk_label_set_text (self->value_label, tile->value);
  gtk_label_set_text (self->detail_label, tile->detail ? tile->detail : "");
  for (guint i = 0; i < G_N_ELEMENTS (level_classes); i++)
    if (i == tile->level)
      gtk_widget_add_css_class (widget, level_classes[i]);
    else
      gtk_widget_remove_css_class (widget, level_classes[i]);
  if (stale)
    gtk_widget_add_css_class (widget, "csm-wall-stale");
  else
    gtk_widget_remove_css_class (widget, "csm-wall-stale");

  /* Translators: what a screen reader says of a wallboard tile: title,
   * figure, detail, e.g. "Support waiting: 12, 3 unassigned" */
  spoken = g_strdup_printf (_("%s: %s, %s"), tile->title, tile->value,
                            tile->detail ? tile->detail : "");
  if (stale)
    {
      /* Translators: said after a tile's figures while the helpdesk is away */
      char *old = g_strconcat (spoken, " ", _("(not current)"), NULL);

      g_free (spoken);
      spoken = old;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, threshold ? threshold : "",
                                  -1);
}

const char *
csm_wall_tile_widget_get_value (CsmWallTileWidget *self)
{
  g_return_val_if_fail (CSM_IS_WALL_TILE_WIDGET (self), NULL);
  return gtk_label_get_text (self->value_label);
}

const char *
csm_wall_tile_widget_get_title (CsmWallTileWidget *self)
{
  g_return_val_if_fail (CSM_IS_WALL_TILE_WIDGET (self), NULL);
  return gtk_label_get_text (self->title_label);
}

static void
csm_wall_tile_widget_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CSM_TYPE_WALL_TILE);
  /* GTK 4.8 unparents only the template's named children. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (csm_wall_tile_widget_parent_class)->dispose (object);
}

static void
csm_wall_tile_widget_class_init (CsmWallTileWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_wall_tile_widget_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/csm-wall-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmWallTileWidget, title_label);
  gtk_widget_class_bind_template_child (widget_class, CsmWallTileWidget, value_label);
  gtk_widget_class_bind_template_child (widget_class, CsmWallTileWidget, detail_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "walltile");
}

static void
csm_wall_tile_widget_init (CsmWallTileWidget *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csm_wall_tile_widget_new:
 *
 * Returns: (transfer floating): an empty tile
 */
GtkWidget *
csm_wall_tile_widget_new (void)
{
  return g_object_new (CSM_TYPE_WALL_TILE, NULL);
}
