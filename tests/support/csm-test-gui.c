/* csm-test-gui.c: helpers for tests that open windows: frames and screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include <adwaita.h>

#include "csm-resources.h"
#include "csm-test-gui.h"

/**
 * csm_test_gui_init:
 *
 * GTK and libadwaita for a test, with the console's resources, and no
 * animations or cursor blink: a blink timer firing in a text field of a
 * closed window makes GTK 4.8 warn, and tests keep closed dialogs alive to
 * inspect them.
 */
void
csm_test_gui_init (int    *argc,
                   char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  csm_register_resource ();
  /* The application's style sheet, as AdwApplication loads it, so that
   * screenshots show what a person sees. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  g_object_set (gtk_settings_get_default (),
                "gtk-enable-animations", FALSE,
                "gtk-cursor-blink", FALSE,
                NULL);
}

/**
 * csm_test_drain:
 *
 * Lets what is pending run (a store closing, idle callbacks of a closed
 * window) before a test's objects go.
 */
void
csm_test_drain (void)
{
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
frame_cb (GdkFrameClock *clock,
          guint         *remaining)
{
  if (*remaining > 0)
    (*remaining)--;
}

/**
 * csm_test_wait_frames:
 *
 * Lets @widget's window paint @n_frames times, so what a test checks is
 * what a person would see.
 */
void
csm_test_wait_frames (GtkWidget *widget,
                      guint      n_frames)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint remaining = n_frames;
  gulong id;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_cb), &remaining);
  while (remaining > 0 && g_get_monotonic_time () < deadline)
    {
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (clock, id);
}

/**
 * csm_test_screenshot:
 * @widget: a realized widget, usually a window
 * @name: file name without extension
 *
 * Renders @widget as its window's renderer does and writes the PNG to
 * <build>/tests/screenshots/@name.png.
 *
 * Returns: (transfer full): the path written
 */
char *
csm_test_screenshot (GtkWidget  *widget,
                     const char *name)
{
  return csm_test_screenshot_scaled (widget, name, 1.0);
}

/**
 * csm_test_screenshot_scaled:
 * @scale: 0.25 shows the window as it reads from across a room
 *
 * Returns: (transfer full): the PNG's path, the widget drawn at @scale
 */
char *
csm_test_screenshot_scaled (GtkWidget  *widget,
                            const char *name,
                            double      scale)
{
  const char *builddir = g_getenv ("CSM_TEST_BUILDDIR");
  g_autofree char *dir = g_build_filename (builddir ? builddir : ".", "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  /* Drawn at least once, as a person would see it. */
  for (int i = 0; i < 500 && !gtk_widget_get_mapped (widget); i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_assert_true (gtk_widget_get_mapped (widget));
  csm_test_wait_frames (widget, 2);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  g_mkdir_with_parents (dir, 0755);

  gtk_snapshot_scale (snapshot, scale, scale);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, ceil (width * scale),
                                                              ceil (height * scale)));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  return path;
}

/**
 * csm_test_next_widget:
 * @root: where the walk started
 * @widget: the widget reached
 *
 * Returns: (nullable): the widget after @widget, depth first, within @root
 */
GtkWidget *
csm_test_next_widget (GtkWidget *root,
                      GtkWidget *widget)
{
  GtkWidget *w = widget;

  if (gtk_widget_get_first_child (w) != NULL)
    return gtk_widget_get_first_child (w);
  while (w != NULL && w != root && gtk_widget_get_next_sibling (w) == NULL)
    w = gtk_widget_get_parent (w);
  return w == NULL || w == root ? NULL : gtk_widget_get_next_sibling (w);
}

/**
 * csm_test_find_label:
 * @text: the text shown
 * @prefix: whether @text need only start the label's text
 *
 * Returns: (nullable): the first label on screen (mapped) showing @text
 */
GtkWidget *
csm_test_find_label (GtkWidget  *root,
                     const char *text,
                     gboolean    prefix)
{
  for (GtkWidget *w = root; w != NULL; w = csm_test_next_widget (root, w))
    if (GTK_IS_LABEL (w) && gtk_widget_get_mapped (w))
      {
        const char *shown = gtk_label_get_text (GTK_LABEL (w));

        if (prefix ? g_str_has_prefix (shown, text) : g_strcmp0 (shown, text) == 0)
          return w;
      }
  return NULL;
}

/**
 * csm_test_find_named:
 * @name: a widget name (gtk_widget_set_name(), or `name` in a .ui file)
 *
 * Returns: (nullable): the first widget of that name
 */
GtkWidget *
csm_test_find_named (GtkWidget  *root,
                     const char *name)
{
  for (GtkWidget *w = root; w != NULL; w = csm_test_next_widget (root, w))
    if (g_strcmp0 (gtk_widget_get_name (w), name) == 0)
      return w;
  return NULL;
}

/**
 * csm_test_find_all:
 *
 * Returns: (transfer container): every widget of @type under @root
 */
GPtrArray *
csm_test_find_all (GtkWidget *root,
                   GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  for (GtkWidget *w = root; w != NULL; w = csm_test_next_widget (root, w))
    if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
      g_ptr_array_add (found, w);
  return found;
}

/**
 * csm_test_find_window:
 *
 * Returns: (transfer none) (nullable): the first open window of @type
 */
GtkWindow *
csm_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WINDOW (window);
    }
  return NULL;
}
