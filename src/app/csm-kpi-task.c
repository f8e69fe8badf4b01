/* csm-kpi-task.c: KPI reports and rows computed on a worker thread, for the Reports page and the wallboard.
 *
 * The thread reads only what nobody changes any more: the facts (copied
 * from the tickets on the main thread), the histories (made by the store's
 * worker and replaced, never edited) and its own copy of the options.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-kpi"

#include "config.h"

#include "csm-kpi-task.h"

typedef struct
{
  CsmKpiFacts *facts;
  GHashTable *histories;     /* (nullable) */
  CsmKpiOptions options;
  gint64 from;
  gint64 to;
  gint64 now;
  GTimeZone *tz;             /* (nullable): for populations */
  CsmKpiPopulation population;
  char *group;               /* (nullable) */
  GStrv except;              /* (nullable) */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  csm_kpi_facts_unref (job->facts);
  g_clear_pointer (&job->histories, g_hash_table_unref);
  csm_kpi_options_clear (&job->options);
  g_clear_pointer (&job->tz, g_time_zone_unref);
  g_free (job->group);
  g_strfreev (job->except);
  g_free (job);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  CsmKpiReport *report;

  report = csm_kpi_report_compute (job->facts, job->histories, &job->options, job->from, job->to,
                                   job->now, job->tz);
  /* A report nobody waits for any more is dropped, not delivered late. */
  if (g_task_return_error_if_cancelled (task))
    csm_kpi_report_free (report);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) csm_kpi_report_free);
}

static Job *
job_new (CsmKpiFacts         *facts,
         GHashTable          *histories,
         const CsmKpiOptions *options,
         gint64               from,
         gint64               to,
         gint64               now)
{
  Job *job = g_new0 (Job, 1);

  job->facts = csm_kpi_facts_ref (facts);
  job->histories = histories != NULL ? g_hash_table_ref (histories) : NULL;
  csm_kpi_options_copy (&job->options, options);
  job->from = from;
  job->to = to;
  job->now = now;
  return job;
}

/**
 * csm_kpi_report_compute_async:
 * @facts: the tickets' facts
 * @histories: (nullable): ticket id → #CsmKpiHistory, not changed from now on
 * @options: copied
 * @cancellable: (nullable): a #GCancellable
 *
 * Computes csm_kpi_report_compute() on a worker thread.
 */
void
csm_kpi_report_compute_async (CsmKpiFacts          *facts,
                              GHashTable           *histories,
                              const CsmKpiOptions  *options,
                              gint64                from,
                              gint64                to,
                              gint64                now,
                              GTimeZone            *tz,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (facts != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (tz != NULL);
  g_return_if_fail (to > from);

  job = job_new (facts, histories, options, from, to, now);
  job->tz = g_time_zone_ref (tz);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_kpi_report_compute_async);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, compute_thread);
}

/**
 * csm_kpi_report_compute_finish:
 *
 * Returns: (transfer full): the report, or NULL with @error set
 *   (%G_IO_ERROR_CANCELLED when it was cancelled)
 */
CsmKpiReport *
csm_kpi_report_compute_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        csm_kpi_report_compute_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
population_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = task_data;
  GArray *ids = csm_kpi_population (job->facts, job->histories, &job->options, job->population,
                                    job->from, job->to, job->group,
                                    (const char * const *) job->except, job->now);

  if (g_task_return_error_if_cancelled (task))
    g_array_unref (ids);
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

/**
 * csm_kpi_population_async:
 * @group: (nullable): only this group of @options' grouping
 * @except: (nullable) (array zero-terminated=1): every group but these
 * @cancellable: (nullable): a #GCancellable
 *
 * Runs csm_kpi_population() on a worker thread: the tickets behind a number.
 */
void
csm_kpi_population_async (CsmKpiFacts          *facts,
                          GHashTable           *histories,
                          const CsmKpiOptions  *options,
                          CsmKpiPopulation      population,
                          gint64                from,
                          gint64                to,
                          const char           *group,
                          const char * const   *except,
                          gint64                now,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (facts != NULL);
  g_return_if_fail (options != NULL);

  job = job_new (facts, histories, options, from, to, now);
  job->population = population;
  job->group = g_strdup (group);
  job->except = g_strdupv ((char **) except);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_kpi_population_async);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, population_thread);
}

/**
 * csm_kpi_population_finish:
 *
 * Returns: (transfer full) (element-type gint64): the tickets' ids, or NULL
 *   with @error set
 */
GArray *
csm_kpi_population_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_kpi_population_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
rows_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  gint64 bounds[] = { job->from, job->to };
  GPtrArray *rows = csm_kpi_compute_buckets (job->facts, job->histories, &job->options, bounds,
                                             G_N_ELEMENTS (bounds), job->now);

  if (g_task_return_error_if_cancelled (task))
    g_ptr_array_unref (rows);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * csm_kpi_rows_compute_async:
 * @histories: (nullable): ticket id → #CsmKpiHistory, not changed from now on
 * @cancellable: (nullable): a #GCancellable
 *
 * The KPI rows of [@from, @to) (one per group of @options) on a worker
 * thread: the wallboard's figures of today.
 */
void
csm_kpi_rows_compute_async (CsmKpiFacts          *facts,
                            GHashTable           *histories,
                            const CsmKpiOptions  *options,
                            gint64                from,
                            gint64                to,
                            gint64                now,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (facts != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (to > from);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_kpi_rows_compute_async);
  g_task_set_task_data (task, job_new (facts, histories, options, from, to, now), job_free);
  g_task_run_in_thread (task, rows_thread);
}

/**
 * csm_kpi_rows_compute_finish:
 *
 * Returns: (transfer full) (element-type CsmKpiRow): the rows, or NULL with
 *   @error set
 */
GPtrArray *
csm_kpi_rows_compute_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_kpi_rows_compute_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
