/* csm-wallboard-window.h: a full-screen, read-only board for the wall: large tiles, a clock, the data's age, honest when stale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "csm-context.h"
#include "csm-wallboard.h"

G_BEGIN_DECLS

#define CSM_TYPE_WALLBOARD_WINDOW (csm_wallboard_window_get_type ())

G_DECLARE_FINAL_TYPE (CsmWallboardWindow, csm_wallboard_window, CSM, WALLBOARD_WINDOW, GtkWindow)

CsmWallboardWindow *csm_wallboard_window_new          (GtkApplication     *app,
                                                       CsmContext         *context,
                                                       GPtrArray          *boards,
                                                       guint               first,
                                                       gboolean            rotate,
                                                       GdkMonitor         *monitor);
GPtrArray   *csm_wallboard_window_open                (GtkApplication     *app,
                                                       CsmContext         *context,
                                                       GPtrArray          *boards,
                                                       int                 board,
                                                       int                 monitor,
                                                       GListModel         *monitors);
guint        csm_wallboard_window_get_board           (CsmWallboardWindow *self);
const char  *csm_wallboard_window_get_board_name      (CsmWallboardWindow *self);
GPtrArray   *csm_wallboard_window_get_tiles           (CsmWallboardWindow *self);
gboolean     csm_wallboard_window_get_stale           (CsmWallboardWindow *self);
gboolean     csm_wallboard_window_get_today_ready     (CsmWallboardWindow *self);
GdkMonitor  *csm_wallboard_window_get_monitor         (CsmWallboardWindow *self);
guint        csm_wallboard_window_get_inhibit_cookie  (CsmWallboardWindow *self);
void         csm_wallboard_window_step                (CsmWallboardWindow *self,
                                                       gboolean            rotate);

G_END_DECLS
