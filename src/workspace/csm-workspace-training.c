/* csm-workspace-training.c: the team's training catalog and assignments: leads edit the catalog and assign, rules assign, agents start and complete their own.
 *
 * The catalog is two tables (modules, rules), changed in one transaction
 * that leaves it whole: every rule's module is in it, or nothing is
 * written. An assignment is a row with its id, made once (the same id, or
 * the same module still open for the agent, is not stored twice: a unique
 * index says so, so two consoles whose rules fire at once make one). Its
 * steps (started, completed) each say who and when, and are recorded once.
 * On PostgreSQL row-level security decides who does what
 * (csm-workspace-pg-training.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "csm-json-writer.h"
#include "csm-time.h"
#include "csm-workspace-private.h"

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static char *
strv_to_json (char **strv)
{
  g_autoptr(CsmJsonWriter) w = csm_json_writer_new (FALSE);

  csm_json_writer_begin_array (w);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    csm_json_writer_string (w, strv[i]);
  csm_json_writer_end_array (w);
  return csm_json_writer_free_to_string (g_steal_pointer (&w), NULL);
}

/* A list the workspace wrote; anything else reads as none. */
static char **
strv_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *root;

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (item));
        }
    }
  return g_strv_builder_end (builder);
}

/* The catalog ------------------------------------------------------------- */

static CsmTrainingCatalog *
load_catalog (CsmWorkspaceWorker  *worker,
              GError             **error)
{
  g_autoptr(CsmTrainingCatalog) catalog = csm_training_catalog_new ();
  g_autoptr(CsmDbRows) modules = NULL;
  g_autoptr(CsmDbRows) rules = NULL;

  modules = csm_db_query (worker->db, "SELECT name, description, link, minutes, categories "
                                      "FROM training_modules ORDER BY name", NULL, 0, error);
  if (modules == NULL)
    return NULL;
  rules = csm_db_query (worker->db, "SELECT name, category, below, min_reviews, days, module, "
                                    "due_days FROM training_rules ORDER BY name", NULL, 0, error);
  if (rules == NULL)
    return NULL;
  for (guint i = 0; i < modules->n_rows; i++)
    {
      CsmTrainingModule *m = g_new0 (CsmTrainingModule, 1);

      m->name = g_strdup (csm_db_rows_get (modules, i, 0));
      m->description = g_strdup (csm_db_rows_get (modules, i, 1));
      m->link = g_strdup (csm_db_rows_get (modules, i, 2));
      m->minutes = (guint) csm_db_rows_get_int (modules, i, 3);
      m->categories = strv_from_json (csm_db_rows_get (modules, i, 4));
      g_ptr_array_add (catalog->modules, m);
    }
  for (guint i = 0; i < rules->n_rows; i++)
    {
      CsmTrainingRule *r = g_new0 (CsmTrainingRule, 1);

      r->name = g_strdup (csm_db_rows_get (rules, i, 0));
      r->category = g_strdup (csm_db_rows_get (rules, i, 1));
      r->below = g_ascii_strtod (csm_db_rows_get (rules, i, 2), NULL);
      r->min_reviews = (guint) csm_db_rows_get_int (rules, i, 3);
      r->days = (guint) csm_db_rows_get_int (rules, i, 4);
      r->module = g_strdup (csm_db_rows_get (rules, i, 5));
      r->due_days = (guint) csm_db_rows_get_int (rules, i, 6);
      g_ptr_array_add (catalog->rules, r);
    }
  return g_steal_pointer (&catalog);
}

static gpointer
get_catalog_job (CsmWorkspaceWorker  *worker,
                 gpointer             data,
                 GError             **error)
{
  if (!_csm_workspace_connect (worker, error))
    return NULL;
  return load_catalog (worker, error);
}

void
csm_workspace_get_training_async (CsmWorkspace        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (CSM_IS_WORKSPACE (self));
  _csm_workspace_queue_job (self, csm_workspace_get_training_async, get_catalog_job, NULL, NULL,
                            (GDestroyNotify) csm_training_catalog_free, cancellable, callback,
                            user_data);
}

/**
 * csm_workspace_get_training_finish:
 *
 * Returns: (transfer full) (nullable): the team's training catalog
 */
CsmTrainingCatalog *
csm_workspace_get_training_finish (CsmWorkspace  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  CsmTrainingCatalog *upsert;
  char **delete_modules;
  char **delete_rules;
  gint64 now;
} UpdateData;

static void
update_data_free (UpdateData *update)
{
  csm_training_catalog_free (update->upsert);
  g_strfreev (update->delete_modules);
  g_strfreev (update->delete_rules);
  g_free (update);
}

static gboolean
write_module (CsmWorkspaceWorker       *worker,
              const CsmTrainingModule  *m,
              const char               *now,
              GError                  **error)
{
  g_autofree char *minutes = int_text (m->minutes);
  g_autofree char *categories = strv_to_json (m->categories);
  const char *params[] = {
    m->name, m->description != NULL ? m->description : "",
    m->link != NULL && *m->link != '\0' ? m->link : NULL, minutes, categories, worker->user, now,
  };
  g_autoptr(CsmDbRows) rows = NULL;

  rows = csm_db_query (worker->db,
                       "INSERT INTO training_modules (name, description, link, minutes, "
                       "categories, updated_by, updated) VALUES ($1, $2, $3, $4, $5, $6, $7) "
                       "ON CONFLICT (name) DO UPDATE SET description = excluded.description, "
                       "link = excluded.link, minutes = excluded.minutes, "
                       "categories = excluded.categories, updated_by = excluded.updated_by, "
                       "updated = excluded.updated", params, G_N_ELEMENTS (params), error);
  return rows != NULL;
}

static gboolean
write_rule (CsmWorkspaceWorker     *worker,
            const CsmTrainingRule  *r,
            const char             *now,
            GError                **error)
{
  char below[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *min_reviews = int_text (r->min_reviews);
  g_autofree char *days = int_text (r->days);
  g_autofree char *due_days = int_text (r->due_days);
  const char *params[] = {
    r->name, r->category, g_ascii_dtostr (below, sizeof below, r->below), min_reviews, days,
    r->module, due_days, worker->user, now,
  };
  g_autoptr(CsmDbRows) rows = NULL;

  rows = csm_db_query (worker->db,
                       "INSERT INTO training_rules (name, category, below, min_reviews, days, "
                       "module, due_days, updated_by, updated) VALUES ($1, $2, $3, $4, $5, $6, "
                       "$7, $8, $9) ON CONFLICT (name) DO UPDATE SET category = excluded.category, "
                       "below = excluded.below, min_reviews = excluded.min_reviews, "
                       "days = excluded.days, module = excluded.module, "
                       "due_days = excluded.due_days, updated_by = excluded.updated_by, "
                       "updated = excluded.updated", params, G_N_ELEMENTS (params), error);
  return rows != NULL;
}

static gpointer
update_catalog_job (CsmWorkspaceWorker  *worker,
                    gpointer             data,
                    GError             **error)
{
  UpdateData *update = data;
  g_autofree char *now = int_text (update->now);
  g_autoptr(CsmTrainingCatalog) catalog = NULL;

  if (!_csm_workspace_connect (worker, error) || !csm_db_begin_write (worker->db, error))
    return NULL;
  for (guint i = 0; update->delete_rules != NULL && update->delete_rules[i] != NULL; i++)
    {
      const char *params[] = { update->delete_rules[i] };
      g_autoptr(CsmDbRows) rows = csm_db_query (worker->db, "DELETE FROM training_rules WHERE "
                                                            "name = $1 RETURNING name",
                                                params, 1, error);

      if (rows == NULL)
        return _csm_workspace_rollback (worker);
    }
  for (guint i = 0; update->delete_modules != NULL && update->delete_modules[i] != NULL; i++)
    {
      const char *params[] = { update->delete_modules[i] };
      g_autoptr(CsmDbRows) rows = csm_db_query (worker->db, "DELETE FROM training_modules WHERE "
                                                            "name = $1 RETURNING name",
                                                params, 1, error);

      if (rows == NULL)
        return _csm_workspace_rollback (worker);
    }
  for (guint i = 0; update->upsert != NULL && i < update->upsert->modules->len; i++)
    if (!write_module (worker, g_ptr_array_index (update->upsert->modules, i), now, error))
      return _csm_workspace_rollback (worker);
  for (guint i = 0; update->upsert != NULL && i < update->upsert->rules->len; i++)
    if (!write_rule (worker, g_ptr_array_index (update->upsert->rules, i), now, error))
      return _csm_workspace_rollback (worker);
  /* What it became must be whole: no rule of a module that is gone. */
  catalog = load_catalog (worker, error);
  if (catalog == NULL || !csm_training_catalog_validate (catalog, error))
    {
      g_prefix_error (error, "%s ", _("The training catalog was not changed:"));
      return _csm_workspace_rollback (worker);
    }
  if (!csm_db_exec (worker->db, "COMMIT", error))
    return _csm_workspace_rollback (worker);
  return g_steal_pointer (&catalog);
}

/**
 * csm_workspace_update_training_async:
 * @upsert: (nullable): modules and rules to add, or to change (by name)
 * @delete_modules: (nullable) (array zero-terminated=1): modules to remove
 * @delete_rules: (nullable) (array zero-terminated=1): rules to remove
 * @now: when, in seconds since the epoch
 *
 * Changes the catalog as this login (a lead or an admin), all or nothing:
 * a catalog that would have a rule of a missing module is refused.
 * Removing a module leaves its assignments as they were.
 */
void
csm_workspace_update_training_async (CsmWorkspace              *self,
                                     const CsmTrainingCatalog  *upsert,
                                     const char * const        *delete_modules,
                                     const char * const        *delete_rules,
                                     gint64                     now,
                                     GCancellable              *cancellable,
                                     GAsyncReadyCallback        callback,
                                     gpointer                   user_data)
{
  UpdateData *update;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CSM_IS_WORKSPACE (self));

  update = g_new0 (UpdateData, 1);
  if (upsert != NULL)
    {
      update->upsert = csm_training_catalog_new ();
      for (guint i = 0; i < upsert->modules->len; i++)
        {
          if (!csm_training_module_validate (g_ptr_array_index (upsert->modules, i), &error))
            break;
          g_ptr_array_add (update->upsert->modules,
                           csm_training_module_copy (g_ptr_array_index (upsert->modules, i)));
        }
      for (guint i = 0; error == NULL && i < upsert->rules->len; i++)
        {
          if (!csm_training_rule_validate (g_ptr_array_index (upsert->rules, i), &error))
            break;
          g_ptr_array_add (update->upsert->rules,
                           csm_training_rule_copy (g_ptr_array_index (upsert->rules, i)));
        }
    }
  if (error != NULL)
    {
      update_data_free (update);
      g_task_report_new_error (self, callback, user_data, csm_workspace_update_training_async,
                               CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED, "%s",
                               error->message);
      return;
    }
  update->delete_modules = g_strdupv ((char **) delete_modules);
  update->delete_rules = g_strdupv ((char **) delete_rules);
  update->now = now;
  _csm_workspace_queue_job (self, csm_workspace_update_training_async, update_catalog_job, update,
                            (GDestroyNotify) update_data_free,
                            (GDestroyNotify) csm_training_catalog_free, cancellable, callback,
                            user_data);
}

/**
 * csm_workspace_update_training_finish:
 *
 * Returns: (transfer full) (nullable): the catalog as it now is
 */
CsmTrainingCatalog *
csm_workspace_update_training_finish (CsmWorkspace  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Assignments --------------------------------------------------------------- */

static gpointer
assign_training_job (CsmWorkspaceWorker  *worker,
                     gpointer             data,
                     GError             **error)
{
  GPtrArray *assignments = data;
  guint *added;

  if (!_csm_workspace_connect (worker, error) || !csm_db_begin_write (worker->db, error))
    return NULL;
  added = g_new0 (guint, 1);
  for (guint i = 0; i < assignments->len; i++)
    {
      const CsmTrainingAssignment *a = g_ptr_array_index (assignments, i);
      g_autofree char *categories = strv_to_json (a->categories);
      g_autofree char *fired_on = a->fired_on != NULL ? strv_to_json (a->fired_on) : NULL;
      g_autofree char *assigned = int_text (a->assigned);
      g_autofree char *due = int_text (a->due);
      const char *params[] = {
        a->id, a->agent, a->module, categories, assigned, worker->user, due, a->rule, fired_on,
        a->note,
      };
      g_autoptr(GError) local_error = NULL;
      g_autoptr(CsmDbRows) rows = NULL;

      rows = csm_db_query (worker->db,
                           "INSERT INTO training_assignments (id, agent, module, categories, "
                           "assigned, assigned_by, due, rule, fired_on, note) VALUES ($1, $2, "
                           "$3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING id",
                           params, G_N_ELEMENTS (params), &local_error);
      if (rows == NULL)
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("“%s” could not be assigned to %s: %s"), a->module, a->agent,
                       local_error->message);
          g_free (added);
          return _csm_workspace_rollback (worker);
        }
      *added += rows->n_rows;
    }
  if (!csm_db_exec (worker->db, "COMMIT", error))
    {
      g_free (added);
      return _csm_workspace_rollback (worker);
    }
  return added;
}

/**
 * csm_workspace_assign_training_async:
 * @assignments: (element-type CsmTrainingAssignment): with their id,
 *   agent, module, categories, assigned, due; a rule's also @rule and
 *   @fired_on; by hand a @note
 *
 * Stores @assignments as this login (@assigned_by), all or none. One
 * already stored, or of a module the agent still has open, is not stored
 * again.
 */
void
csm_workspace_assign_training_async (CsmWorkspace        *self,
                                     GPtrArray           *assignments,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GPtrArray *copy;

  g_return_if_fail (CSM_IS_WORKSPACE (self));
  g_return_if_fail (assignments != NULL);

  copy = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_training_assignment_free);
  for (guint i = 0; i < assignments->len; i++)
    {
      const CsmTrainingAssignment *a = g_ptr_array_index (assignments, i);

      if (a->id == NULL || a->agent == NULL || *a->agent == '\0' || a->module == NULL ||
          a->categories == NULL || a->categories[0] == NULL || a->due <= a->assigned)
        {
          g_ptr_array_unref (copy);
          g_task_report_new_error (self, callback, user_data, csm_workspace_assign_training_async,
                                   CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_FAILED,
                                   _("Assignment %u needs an agent, a module with its categories "
                                     "and a due date after it is made."), i + 1);
          return;
        }
      g_ptr_array_add (copy, csm_training_assignment_copy (a));
    }
  _csm_workspace_queue_job (self, csm_workspace_assign_training_async, assign_training_job, copy,
                            (GDestroyNotify) g_ptr_array_unref, g_free, cancellable, callback,
                            user_data);
}

/**
 * csm_workspace_assign_training_finish:
 * @added: (out) (optional): how many were stored
 */
gboolean
csm_workspace_assign_training_finish (CsmWorkspace  *self,
                                      GAsyncResult  *result,
                                      guint         *added,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return _csm_workspace_propagate_count (G_TASK (result), added, error);
}

static gint64
time_or_unset (CsmDbRows *rows,
               guint      row,
               guint      col)
{
  return csm_db_rows_get (rows, row, col) != NULL ? csm_db_rows_get_int (rows, row, col)
                                                  : CSM_TIME_UNSET;
}

static gpointer
list_training_job (CsmWorkspaceWorker  *worker,
                   gpointer             data,
                   GError             **error)
{
  g_autoptr(CsmDbRows) rows = NULL;
  GPtrArray *list;

  if (!_csm_workspace_connect (worker, error))
    return NULL;
  rows = csm_db_query (worker->db, "SELECT id, agent, module, categories, assigned, assigned_by, "
                                   "due, rule, fired_on, note, started, started_by, completed, "
                                   "completed_by FROM training_assignments ORDER BY assigned, "
                                   "agent, module", NULL, 0, error);
  if (rows == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_training_assignment_free);
  for (guint i = 0; i < rows->n_rows; i++)
    {
      CsmTrainingAssignment *a = g_new0 (CsmTrainingAssignment, 1);

      a->id = g_strdup (csm_db_rows_get (rows, i, 0));
      a->agent = g_strdup (csm_db_rows_get (rows, i, 1));
      a->module = g_strdup (csm_db_rows_get (rows, i, 2));
      a->categories = strv_from_json (csm_db_rows_get (rows, i, 3));
      a->assigned = csm_db_rows_get_int (rows, i, 4);
      a->assigned_by = g_strdup (csm_db_rows_get (rows, i, 5));
      a->due = csm_db_rows_get_int (rows, i, 6);
      a->rule = g_strdup (csm_db_rows_get (rows, i, 7));
      a->fired_on = csm_db_rows_get (rows, i, 8) != NULL
                    ? strv_from_json (csm_db_rows_get (rows, i, 8)) : NULL;
      a->note = g_strdup (csm_db_rows_get (rows, i, 9));
      a->started = time_or_unset (rows, i, 10);
      a->started_by = g_strdup (csm_db_rows_get (rows, i, 11));
      a->completed = time_or_unset (rows, i, 12);
      a->completed_by = g_strdup (csm_db_rows_get (rows, i, 13));
      g_ptr_array_add (list, a);
    }
  return list;
}

void
csm_workspace_list_training_async (CsmWorkspace        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CSM_IS_WORKSPACE (self));
  _csm_workspace_queue_job (self, csm_workspace_list_training_async, list_training_job, NULL,
                            NULL, (GDestroyNotify) g_ptr_array_unref, cancellable, callback,
                            user_data);
}

/**
 * csm_workspace_list_training_finish:
 *
 * Returns: (transfer full) (element-type CsmTrainingAssignment) (nullable):
 *   the assignments this login may read (an agent's own; everyone's for
 *   the others), oldest first
 */
GPtrArray *
csm_workspace_list_training_finish (CsmWorkspace  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char *id;
  gboolean complete;
  gint64 now;
} StepData;

static void
step_data_free (StepData *step)
{
  g_free (step->id);
  g_free (step);
}

static gpointer
record_step_job (CsmWorkspaceWorker  *worker,
                 gpointer             data,
                 GError             **error)
{
  StepData *step = data;
  const char *id[] = { step->id };
  g_autofree char *now = NULL;
  const char *params[] = { step->id, NULL, worker->user };
  g_autoptr(CsmDbRows) known = NULL;
  g_autoptr(CsmDbRows) rows = NULL;
  gint64 when = step->now;

  if (!_csm_workspace_connect (worker, error))
    return NULL;
  /* Consoles' clocks differ by a little: a step is never recorded before
   * the assignment, nor a completion before the start. */
  known = csm_db_query (worker->db, "SELECT assigned, started FROM training_assignments "
                                    "WHERE id = $1", id, 1, error);
  if (known == NULL)
    return NULL;
  if (known->n_rows > 0)
    {
      when = MAX (when, csm_db_rows_get_int (known, 0, 0));
      if (step->complete && csm_db_rows_get (known, 0, 1) != NULL)
        when = MAX (when, csm_db_rows_get_int (known, 0, 1));
    }
  params[1] = now = int_text (when);
  rows = csm_db_query (worker->db, step->complete
                       ? "UPDATE training_assignments SET completed = $2, completed_by = $3 "
                         "WHERE id = $1 AND completed IS NULL RETURNING id"
                       : "UPDATE training_assignments SET started = $2, started_by = $3 "
                         "WHERE id = $1 AND started IS NULL AND completed IS NULL RETURNING id",
                       params, G_N_ELEMENTS (params), error);
  if (rows == NULL)
    return NULL;
  if (rows->n_rows == 0)
    {
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_DENIED, step->complete
                   ? _("This assignment could not be recorded as completed: it is already "
                       "completed, or not one you may record.")
                   : _("This assignment could not be recorded as started: it is already "
                       "started or completed, or not one you may record."));
      return NULL;
    }
  return GINT_TO_POINTER (TRUE);
}

/**
 * csm_workspace_record_training_async:
 * @id: the assignment's id
 * @complete: %TRUE to record it completed; %FALSE, started
 * @now: when
 *
 * Records the step as this login, once. An agent records only their own
 * assignments; a lead or an admin records completion for anyone.
 */
void
csm_workspace_record_training_async (CsmWorkspace        *self,
                                     const char          *id,
                                     gboolean             complete,
                                     gint64               now,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  StepData *step;

  g_return_if_fail (CSM_IS_WORKSPACE (self));
  g_return_if_fail (id != NULL);

  step = g_new0 (StepData, 1);
  step->id = g_strdup (id);
  step->complete = complete;
  step->now = now;
  _csm_workspace_queue_job (self, csm_workspace_record_training_async, record_step_job, step,
                            (GDestroyNotify) step_data_free, NULL, cancellable, callback,
                            user_data);
}

gboolean
csm_workspace_record_training_finish (CsmWorkspace  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}
