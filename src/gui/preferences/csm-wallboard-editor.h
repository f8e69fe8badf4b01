/* csm-wallboard-editor.h: one wallboard's name, tiles and queues, edited in a dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "csm-wallboard.h"

G_BEGIN_DECLS

#define CSM_TYPE_WALLBOARD_EDITOR (csm_wallboard_editor_get_type ())

G_DECLARE_FINAL_TYPE (CsmWallboardEditor, csm_wallboard_editor, CSM, WALLBOARD_EDITOR, AdwWindow)

CsmWallboardEditor *csm_wallboard_editor_new        (GSettings          *settings,
                                                     int                 index,
                                                     const char * const *queues);
gboolean            csm_wallboard_editor_set_tile   (CsmWallboardEditor *self,
                                                     const char         *id,
                                                     gboolean            shown);
gboolean            csm_wallboard_editor_set_queue  (CsmWallboardEditor *self,
                                                     const char         *queue,
                                                     gboolean            counted);
void                csm_wallboard_editor_set_name   (CsmWallboardEditor *self,
                                                     const char         *name);
const char         *csm_wallboard_editor_get_error  (CsmWallboardEditor *self);

G_END_DECLS
