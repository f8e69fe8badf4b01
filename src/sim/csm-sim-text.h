/* csm-sim-text.h: the text checks the simulator's REST layer and TicketSQL share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Perl's /^\d+$/ on an ASCII string: one or more digits and nothing else. */
static inline gboolean
csm_sim_is_digits (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

G_END_DECLS
