/* csm-chart-export.c: a chart saved as PNG or SVG, and the save actions that ask where.
 *
 * The files are drawn by the same routine as the screen (csm_chart_draw ()),
 * on the theme's background since a file has no window behind it, and
 * written through GIO into place only once complete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-chart"

#include "config.h"

#include <adwaita.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "csm-chart-private.h"

typedef struct
{
  GOutputStream *stream;
  GError        *error;
} WriteClosure;

static cairo_status_t
write_to_stream (void                *data,
                 const unsigned char *bytes,
                 unsigned int         length)
{
  WriteClosure *closure = data;

  if (closure->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (closure->stream, bytes, length, NULL, NULL, &closure->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* Closes the replacement into place, or, on error, drops it and leaves any
 * file that was there untouched. */
static gboolean
finish_stream (GFileOutputStream *stream,
               WriteClosure      *closure,
               cairo_status_t     status,
               GError           **error)
{
  if (closure->error == NULL && status != CAIRO_STATUS_SUCCESS)
    g_set_error (&closure->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Could not draw the chart: %s"), cairo_status_to_string (status));
  if (closure->error != NULL)
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      g_cancellable_cancel (cancelled);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancelled, NULL);
      g_propagate_error (error, closure->error);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

/**
 * csm_chart_save_png:
 *
 * Writes the chart as a PNG of @width × @height pixels, drawn as on
 * screen (without hover) on the theme's background.
 */
gboolean
csm_chart_save_png (CsmChart  *self,
                    GFile     *file,
                    int        width,
                    int        height,
                    GError   **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  WriteClosure closure = { NULL, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (CSM_IS_CHART (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;
  closure.stream = G_OUTPUT_STREAM (stream);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  csm_chart_draw (self, cr, width, height, TRUE);
  cairo_destroy (cr);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, write_to_stream, &closure);
  cairo_surface_destroy (surface);
  return finish_stream (stream, &closure, status, error);
}

/**
 * csm_chart_save_svg:
 *
 * Writes the chart as an SVG of @width × @height points, from the same
 * drawing as the screen.
 */
gboolean
csm_chart_save_svg (CsmChart  *self,
                    GFile     *file,
                    int        width,
                    int        height,
                    GError   **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  WriteClosure closure = { NULL, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (CSM_IS_CHART (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;
  closure.stream = G_OUTPUT_STREAM (stream);

  surface = cairo_svg_surface_create_for_stream (write_to_stream, &closure, width, height);
  cr = cairo_create (surface);
  csm_chart_draw (self, cr, width, height, TRUE);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return finish_stream (stream, &closure, status, error);
}

/* Tells the outcome where the window shows such things: a toast if the
 * chart is inside a toast overlay, else a dialog for an error. */
static void
report_saved (CsmChart     *self,
              GFile        *file,
              const GError *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;

  if (error != NULL)
    text = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
  else
    text = g_strdup_printf (_("Saved “%s”"), name);

  if (overlay != NULL)
    {
      /* A toast's title is markup in libadwaita 1.2; a file name is not. */
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
    }
  else if (error != NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("Chart Not Saved"), text);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  CsmChart        *self)
{
  gboolean svg = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "csm-chart-svg"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;
      int width = gtk_widget_get_width (GTK_WIDGET (self));
      int height = gtk_widget_get_height (GTK_WIDGET (self));

      if (width <= 0 || height <= 0)
        {
          width = 800;
          height = 400;
        }
      if (file != NULL)
        {
          if (svg)
            csm_chart_save_svg (self, file, width, height, &error);
          else
            csm_chart_save_png (self, file, width, height, &error);
          report_saved (self, file, error);
        }
    }
  g_clear_object (&self->chooser);
}

/* The chart.save-png and chart.save-svg actions: ask where, then write. */
void
csm_chart_save_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter G_GNUC_UNUSED)
{
  CsmChart *self = CSM_CHART (widget);
  gboolean svg = g_str_equal (action_name, "chart.save-svg");
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  chooser = gtk_file_chooser_native_new (svg ? _("Save Chart as SVG") : _("Save Chart as PNG"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, svg ? _("SVG images") : _("PNG images"));
  gtk_file_filter_add_mime_type (filter, svg ? "image/svg+xml" : "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = g_strdup_printf ("%s.%s", self->title && *self->title ? self->title : _("Chart"),
                          svg ? "svg" : "png");
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "csm-chart-svg", GINT_TO_POINTER (svg));
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), self);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

void
csm_chart_cancel_save (CsmChart *self)
{
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->chooser, on_save_response, self);
      gtk_native_dialog_destroy (self->chooser);
    }
  g_clear_object (&self->chooser);
}
