/* csm-time-spin.c: spin buttons that show a time of day ("09:30") and hold minutes after midnight.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "csm-time-spin.h"

static gboolean
time_spin_output_cb (GtkSpinButton *spin,
                     gpointer       user_data)
{
  int minutes = gtk_spin_button_get_value_as_int (spin);
  g_autofree char *text = g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
time_spin_input_cb (GtkSpinButton *spin,
                    double        *new_value,
                    gpointer       user_data)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  gint64 hours = 0;
  int h, minutes = 0;
  char rest;

  /* "9", "9:30" and "09:30" all count; anything else is refused and the
   * previous value stays. */
  if (strchr (text, ':') != NULL)
    {
      if (sscanf (text, "%d:%d%c", &h, &minutes, &rest) != 2)
        return GTK_INPUT_ERROR;
      hours = h;
    }
  else if (!g_ascii_string_to_signed (text, 10, 0, 24, &hours, NULL))
    return GTK_INPUT_ERROR;

  if (hours < 0 || minutes < 0 || minutes >= 60 ||
      hours * 60 + minutes > gtk_adjustment_get_upper (adjustment))
    return GTK_INPUT_ERROR;
  *new_value = hours * 60 + minutes;
  return TRUE;
}

/**
 * csm_time_spin_setup:
 * @spin: a spin button
 * @upper_minute: 1439 for a start time, 1440 where "24:00" (end of day) makes sense
 *
 * Makes @spin step through the day in quarter hours, shown as HH:MM.
 */
void
csm_time_spin_setup (GtkSpinButton *spin,
                     int            upper_minute)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  adjustment = gtk_spin_button_get_adjustment (spin);
  gtk_adjustment_configure (adjustment, gtk_adjustment_get_value (adjustment),
                            0, upper_minute, 15, 60, 0);
  gtk_spin_button_set_numeric (spin, FALSE);
  gtk_spin_button_set_digits (spin, 0);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 5);
  g_signal_connect (spin, "output", G_CALLBACK (time_spin_output_cb), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (time_spin_input_cb), NULL);
  time_spin_output_cb (spin, NULL);
}
