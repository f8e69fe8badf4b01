/* main.c: the csm-console executable; everything else lives in the private library.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "csm-application.h"
#include "csm-leak-check.h"
#include "csm-memory.h"

/* The window needs its settings schema; --export, --import and --help do not. */
static gboolean
needs_settings (int    argc,
                char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--export") || g_str_has_prefix (argv[i], "--import") ||
        g_str_has_prefix (argv[i], "--workspace") || g_str_has_prefix (argv[i], "--help") ||
        g_strcmp0 (argv[i], "-h") == 0)
      return FALSE;
  return TRUE;
}

static gboolean
settings_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  return schema != NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CsmApplication) app = NULL;

  csm_leak_check_prepare ();
  csm_memory_prepare ();
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Started straight from a build directory, GLib would abort on the first
   * setting read. */
  if (needs_settings (argc, argv) && !settings_installed ())
    {
      g_printerr (_("CSM Console cannot start: its settings schema (%s) is not installed. "
                    "From a source tree, run build-aux/run-demo.sh, or run meson devenv -C build "
                    "and then csm-console in the shell it opens.\n"), APP_ID);
      return 1;
    }

  app = csm_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
