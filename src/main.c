/* main.c: the csm-console executable; everything else lives in the private library.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "csm-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CsmApplication) app = NULL;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = csm_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
