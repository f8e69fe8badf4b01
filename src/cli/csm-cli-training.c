/* csm-cli-training.c: training from the command line: the catalog in and out as JSON, the rules applied, assignments and their effect out.
 *
 *   --import=training FILE     add or change the catalog's modules and rules
 *                              (by name), all or none; then apply the rules
 *   --export=training-catalog  the catalog, as the file --import reads
 *   --export=training          each assignment the user may read, made in
 *                              [--from, --to), its state at --now and its
 *                              effect
 *   --export=training-modules  each module's assignments, completions and
 *                              mean measured effect
 *
 * The rules are applied at --now (else the clock) after reviews or the
 * catalog are imported: what they assign is stored, as the user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-cli-private.h"
#include "csm-json-writer.h"
#include "csm-qa-scorecard.h"
#include "csm-workspace.h"

/**
 * _csm_cli_apply_training_rules:
 *
 * Judges the catalog's rules on the reviews at @now and stores what they
 * assign. A login that reads only its own reviews (an agent) applies
 * none: it would judge on too little, and may not assign.
 *
 * Returns: 0, or the exit status of a failure
 */
int
_csm_cli_apply_training_rules (CsmWorkspace *ws,
                               CsmCliWait   *wait,
                               gint64        now,
                               GTimeZone    *tz)
{
  g_autoptr(CsmTrainingCatalog) catalog = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 0;

  if (!(csm_workspace_get_permissions (ws) & CSM_WORKSPACE_READS_ALL))
    return 0;
  csm_workspace_get_training_async (ws, NULL, _csm_cli_wait_cb, wait);
  catalog = csm_workspace_get_training_finish (ws, _csm_cli_wait_for (wait), &error);
  if (catalog == NULL)
    return _csm_cli_fail_at (ws, error);
  if (catalog->rules->len == 0)
    return 0;
  csm_workspace_list_reviews_async (ws, NULL, _csm_cli_wait_cb, wait);
  reviews = csm_workspace_list_reviews_finish (ws, _csm_cli_wait_for (wait), &error);
  if (reviews == NULL)
    return _csm_cli_fail_at (ws, error);
  csm_workspace_list_training_async (ws, NULL, _csm_cli_wait_cb, wait);
  assignments = csm_workspace_list_training_finish (ws, _csm_cli_wait_for (wait), &error);
  if (assignments == NULL)
    return _csm_cli_fail_at (ws, error);
  made = csm_training_rules_evaluate (catalog, reviews, assignments, now, tz);
  if (made->len == 0)
    return 0;
  csm_workspace_assign_training_async (ws, made, NULL, _csm_cli_wait_cb, wait);
  if (!csm_workspace_assign_training_finish (ws, _csm_cli_wait_for (wait), &added, &error))
    return _csm_cli_fail_at (ws, error);
  for (guint i = 0; i < made->len; i++)
    {
      const CsmTrainingAssignment *a = g_ptr_array_index (made, i);

      /* Translators: "Rule “Low empathy” assigned “Listening first” to alice (3 reviews)" */
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Rule “%s” assigned “%s” to %s (%u review)\n",
                            "Rule “%s” assigned “%s” to %s (%u reviews)\n",
                            g_strv_length (a->fired_on)),
               a->rule, a->module, a->agent, g_strv_length (a->fired_on));
    }
  /* Another console may have stored some a moment before. */
  if (added < made->len)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u of them was stored already by another console\n",
                          "%u of them were stored already by another console\n",
                          made->len - added), made->len - added);
  return 0;
}

/**
 * _csm_cli_import_training:
 *
 * Returns: the exit status
 */
int
_csm_cli_import_training (CsmWorkspace *ws,
                          CsmCliWait   *wait,
                          const char   *file,
                          const char   *contents,
                          gint64        now,
                          GTimeZone    *tz)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmTrainingCatalog) catalog = csm_training_catalog_from_json (contents, &error);
  g_autoptr(CsmTrainingCatalog) stored = NULL;

  if (catalog == NULL)
    return _csm_cli_fail (file, error);
  csm_workspace_update_training_async (ws, catalog, NULL, NULL, now, NULL, _csm_cli_wait_cb,
                                       wait);
  stored = csm_workspace_update_training_finish (ws, _csm_cli_wait_for (wait), &error);
  if (stored == NULL)
    return _csm_cli_fail (file, error);
  g_print (_("Modules in the training catalog: %u\n"), stored->modules->len);
  g_print (_("Rules in the training catalog: %u\n"), stored->rules->len);
  return _csm_cli_apply_training_rules (ws, wait, now, tz);
}

int
_csm_cli_export_training_catalog (CsmWorkspace *ws,
                                  CsmCliWait   *wait)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmTrainingCatalog) catalog = NULL;
  g_autofree char *document = NULL;

  csm_workspace_get_training_async (ws, NULL, _csm_cli_wait_cb, wait);
  catalog = csm_workspace_get_training_finish (ws, _csm_cli_wait_for (wait), &error);
  if (catalog == NULL)
    return _csm_cli_fail_at (ws, error);
  document = csm_training_catalog_to_json (catalog);
  return _csm_cli_print (document);
}

static char *
module_effects_json (GPtrArray *effects)
{
  g_autoptr(CsmJsonWriter) w = csm_json_writer_new (TRUE);

  csm_json_writer_begin_array (w);
  for (guint i = 0; i < effects->len; i++)
    {
      const CsmTrainingModuleEffect *m = g_ptr_array_index (effects, i);

      csm_json_writer_begin_object (w);
      csm_json_writer_member_string (w, "module", m->module);
      csm_json_writer_member_int (w, "assigned", m->assigned);
      csm_json_writer_member_int (w, "completed", m->completed);
      csm_json_writer_member_int (w, "measured", m->measured);
      csm_json_writer_key (w, "mean_effect");
      if (m->measured > 0)
        csm_json_writer_double (w, csm_qa_round1 (m->mean));
      else
        csm_json_writer_null (w);
      csm_json_writer_end_object (w);
    }
  csm_json_writer_end_array (w);
  return csm_json_writer_free_to_string (g_steal_pointer (&w), NULL);
}

/**
 * _csm_cli_export_training:
 * @modules: %TRUE for --export=training-modules
 * @from: the first instant an assignment was made in, or 0
 * @to: the end (excluded), or 0
 *
 * Returns: the exit status
 */
int
_csm_cli_export_training (CsmWorkspace *ws,
                          CsmCliWait   *wait,
                          gboolean      modules,
                          gint64        from,
                          gint64        to,
                          gint64        now)
{
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *document = NULL;
  guint n = csm_workspace_get_training_effect_reviews (ws);

  csm_workspace_list_training_async (ws, NULL, _csm_cli_wait_cb, wait);
  assignments = csm_workspace_list_training_finish (ws, _csm_cli_wait_for (wait), &error);
  if (assignments == NULL)
    return _csm_cli_fail_at (ws, error);
  csm_workspace_list_reviews_async (ws, NULL, _csm_cli_wait_cb, wait);
  reviews = csm_workspace_list_reviews_finish (ws, _csm_cli_wait_for (wait), &error);
  if (reviews == NULL)
    return _csm_cli_fail_at (ws, error);
  for (guint i = 0; i < assignments->len; i++)
    {
      CsmTrainingAssignment *a = g_ptr_array_index (assignments, i);

      if ((from == 0 || a->assigned >= from) && (to == 0 || a->assigned < to))
        g_ptr_array_add (chosen, a);
    }
  if (modules)
    {
      g_autoptr(GPtrArray) effects = csm_training_module_effects (chosen, reviews, n, now);

      document = module_effects_json (effects);
    }
  else
    document = csm_training_assignments_to_json (chosen, reviews, n, now);
  return _csm_cli_print (document);
}
