/* csm-wall-tile.h: one tile of the wallboard: a figure in large type, what it is, and its threshold colour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-wallboard.h"

G_BEGIN_DECLS

#define CSM_TYPE_WALL_TILE (csm_wall_tile_widget_get_type ())

G_DECLARE_FINAL_TYPE (CsmWallTileWidget, csm_wall_tile_widget, CSM, WALL_TILE_WIDGET, GtkWidget)

GtkWidget   *csm_wall_tile_widget_new        (void);
void         csm_wall_tile_widget_update     (CsmWallTileWidget *self,
                                              const CsmWallTile *tile,
                                              gboolean           stale);
const char  *csm_wall_tile_widget_get_value  (CsmWallTileWidget *self);
const char  *csm_wall_tile_widget_get_title  (CsmWallTileWidget *self);

G_END_DECLS
