/* test-export-kpis.c: `csm-console --export=kpis` against the simulator, checked against counts made here from the simulated world.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "csm-sim-world.h"
#include "csm-test-helpdesk.h"
#include "csm-time.h"

#define TOKEN "1-1-00112233445566778899aabbccddeeff"

static gint64
at (const char *iso)
{
  gint64 t = 0;

  g_assert_true (csm_time_parse_iso8601 (iso, &t));
  return t;
}

static gboolean
is_active (const char *status)
{
  return g_strcmp0 (status, "new") == 0 || g_strcmp0 (status, "open") == 0 ||
         g_strcmp0 (status, "stalled") == 0;
}

/* The status the ticket had at @instant, from its Status transactions. */
static const char *
status_at (CsmSimWorld        *world,
           const CsmSimTicket *t,
           gint64              instant)
{
  const char *status = NULL;
  gboolean first = TRUE;

  for (guint i = 0; i < t->txns->len; i++)
    {
      const CsmSimTransaction *x =
        csm_sim_world_get_transaction_at (world, g_array_index (t->txns, guint, i));

      if (g_strcmp0 (x->type, "Status") != 0)
        continue;
      if (first)
        status = x->old_value;
      first = FALSE;
      if (x->created < instant)
        status = x->new_value;
    }
  return first ? t->status : status;
}

static const char *
field_value (CsmSimWorld        *world,
             const CsmSimTicket *t,
             const char         *name)
{
  for (guint i = 0; i < t->cf_values->len; i++)
    {
      const CsmSimCfValue *v = &g_array_index (t->cf_values, CsmSimCfValue, i);
      const CsmSimCustomField *cf = csm_sim_world_lookup_custom_field (world, v->cf_id);

      if (cf != NULL && g_strcmp0 (cf->name, name) == 0)
        return v->value;
    }
  return NULL;
}

static JsonObject *
run_export (const char *url,
            const char *token_file,
            const char *now,
            JsonParser *parser)
{
  const char *console = g_getenv ("CSM_CONSOLE");
  g_autofree char *arg_url = g_strdup_printf ("--url=%s", url);
  g_autofree char *arg_token = g_strdup_printf ("--token-file=%s", token_file);
  g_autofree char *arg_now = g_strdup_printf ("--now=%s", now);
  const char *argv[] = {
    console, "--export=kpis", arg_url, arg_token, arg_now,
    "--from=2026-11-16", "--to=2026-11-24", NULL,
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "GSETTINGS_BACKEND", "memory", TRUE);
  int status = 0;
  JsonArray *rows;

  g_assert_nonnull (console);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_fail_printf ("the export failed: %s", err);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  rows = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  return json_array_get_object_element (rows, 0);
}

static void
test_matches_world (void)
{
  CsmTestHelpdesk *desk = csm_test_helpdesk_start ("scenarios/fixture-small.json", TOKEN);
  CsmSimWorld *world = desk->world;
  g_autofree char *dir = g_dir_make_tmp ("csm-kpis-XXXXXX", NULL);
  g_autofree char *token_file = g_build_filename (dir, "token", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gint64 from = at ("2026-11-16T00:00:00Z"), to = at ("2026-11-24T00:00:00Z");
  gint64 now = csm_sim_world_get_now (world);
  g_autofree char *now_text = csm_time_format_iso8601 (now);
  guint created = 0, resolved = 0, backlog = 0, csat = 0, satisfied = 0;
  GPtrArray *tickets;
  JsonObject *row;

  g_assert_true (g_file_set_contents (token_file, TOKEN, -1, NULL));
  g_assert_cmpint (g_chmod (token_file, 0600), ==, 0);
  row = run_export (csm_test_helpdesk_get_url (desk), token_file, now_text, parser);

  csm_sim_world_lock (world);
  tickets = csm_sim_world_get_tickets (world);
  for (guint i = 0; i < tickets->len; i++)
    {
      const CsmSimTicket *t = g_ptr_array_index (tickets, i);
      const char *answer;

      if (g_strcmp0 (t->status, "deleted") == 0)
        continue;
      if (t->created >= from && t->created < to)
        created++;
      if (t->created < MIN (to, now) && is_active (status_at (world, t, MIN (to, now))))
        backlog++;
      if (g_strcmp0 (t->status, "resolved") != 0 || t->resolved < from || t->resolved >= to)
        continue;
      resolved++;
      answer = field_value (world, t, "CSAT");
      if (answer != NULL && answer[0] >= '1' && answer[0] <= '5' && answer[1] == '\0')
        {
          csat++;
          satisfied += answer[0] >= '4';
        }
    }
  csm_sim_world_unlock (world);

  g_test_message ("created %u, resolved %u, backlog %u, CSAT %u of %u", created, resolved,
                  backlog, satisfied, csat);
  g_assert_cmpuint (created, >, 0);
  g_assert_cmpuint (resolved, >, 0);
  g_assert_cmpuint (csat, >, 0);
  g_assert_true (json_object_get_null_member (row, "group"));
  g_assert_cmpint (json_object_get_int_member (row, "created"), ==, created);
  g_assert_cmpint (json_object_get_int_member (row, "resolved"), ==, resolved);
  g_assert_cmpint (json_object_get_int_member (row, "backlog_end"), ==, backlog);
  g_assert_cmpint (json_object_get_int_member (row, "csat_responses"), ==, csat);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (row, "csat_percent"),
                                  100.0 * satisfied / csat, 0.051);

  csm_test_helpdesk_stop (desk);
  g_unlink (token_file);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/export-kpis/matches-world", test_matches_world);

  return g_test_run ();
}
