/* csm-training-rules.c: training assignments, their states and due instants; rules firing on weak category IQS; the weakest agents of a category.
 *
 * A rule "when an agent's IQS in category C is below X over at least N
 * reviews in the last D days, assign module M, due in K days" is judged
 * at an instant now, per agent, on the reviews IQS counts (the latest
 * version of each, never a calibration review) that rate C and were
 * submitted in [now − D × 24 h, now]. It fires when there are N or more
 * and their mean category score is strictly below X.
 *
 * It never assigns M to an agent who has an assignment of M still open
 * (not completed, whether due or not), and after one is completed it
 * judges only reviews submitted after the completion: the reviews that
 * made the first assignment do not make a second.
 *
 * Due dates are days in the console's time zone: an assignment due on a
 * day becomes overdue at 00:00 of the next one, so "due in K days" means
 * by the end of the day K days after it was made, 23 or 25 hours in a day
 * of a DST change being what the clock on the wall says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-qa-iqs.h"
#include "csm-qa-scorecard.h"
#include "csm-time.h"
#include "csm-training.h"

void
csm_training_assignment_free (CsmTrainingAssignment *assignment)
{
  if (assignment == NULL)
    return;
  g_free (assignment->id);
  g_free (assignment->agent);
  g_free (assignment->module);
  g_strfreev (assignment->categories);
  g_free (assignment->assigned_by);
  g_free (assignment->rule);
  g_strfreev (assignment->fired_on);
  g_free (assignment->note);
  g_free (assignment->started_by);
  g_free (assignment->completed_by);
  g_free (assignment);
}

CsmTrainingAssignment *
csm_training_assignment_copy (const CsmTrainingAssignment *assignment)
{
  CsmTrainingAssignment *copy = g_memdup2 (assignment, sizeof *assignment);

  copy->id = g_strdup (assignment->id);
  copy->agent = g_strdup (assignment->agent);
  copy->module = g_strdup (assignment->module);
  copy->categories = g_strdupv (assignment->categories);
  copy->assigned_by = g_strdup (assignment->assigned_by);
  copy->rule = g_strdup (assignment->rule);
  copy->fired_on = g_strdupv (assignment->fired_on);
  copy->note = g_strdup (assignment->note);
  copy->started_by = g_strdup (assignment->started_by);
  copy->completed_by = g_strdup (assignment->completed_by);
  return copy;
}

/**
 * csm_training_assignment_make_id:
 *
 * Returns: (transfer full): the id of @module assigned to @agent at
 *   @assigned: the same on every console, so one made twice is one row
 */
char *
csm_training_assignment_make_id (const char *agent,
                                 const char *module,
                                 gint64      assigned)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *when = g_strdup_printf ("%" G_GINT64_FORMAT, assigned);

  g_checksum_update (sum, (const guchar *) agent, strlen (agent) + 1);
  g_checksum_update (sum, (const guchar *) module, strlen (module) + 1);
  g_checksum_update (sum, (const guchar *) when, -1);
  return g_strndup (g_checksum_get_string (sum), 24);
}

/**
 * csm_training_assignment_state:
 *
 * Returns: the state at @now: completed from its completion on; else
 *   overdue from its due instant on; else in progress from its start on;
 *   else assigned
 */
CsmTrainingState
csm_training_assignment_state (const CsmTrainingAssignment *assignment,
                               gint64                       now)
{
  if (assignment->completed != CSM_TIME_UNSET && assignment->completed <= now)
    return CSM_TRAINING_COMPLETED;
  if (assignment->due != CSM_TIME_UNSET && now >= assignment->due)
    return CSM_TRAINING_OVERDUE;
  if (assignment->started != CSM_TIME_UNSET && assignment->started <= now)
    return CSM_TRAINING_IN_PROGRESS;
  return CSM_TRAINING_ASSIGNED;
}

/**
 * csm_training_assignment_open:
 *
 * Returns: whether it is not completed (assigned, in progress or overdue)
 */
gboolean
csm_training_assignment_open (const CsmTrainingAssignment *assignment)
{
  return assignment->completed == CSM_TIME_UNSET;
}

const char *
csm_training_state_to_string (CsmTrainingState state)
{
  static const char * const names[] = { "assigned", "in_progress", "completed", "overdue" };

  g_return_val_if_fail (state <= CSM_TRAINING_OVERDUE, NULL);
  return names[state];
}

/**
 * csm_training_due_on_date:
 *
 * Returns: the instant an assignment due on @date becomes overdue: 00:00
 *   of the next day in @tz
 */
gint64
csm_training_due_on_date (GDate     *date,
                          GTimeZone *tz)
{
  g_autoptr(GDateTime) midnight = g_date_time_new (tz, g_date_get_year (date),
                                                   g_date_get_month (date),
                                                   g_date_get_day (date), 0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_days (midnight, 1);

  return g_date_time_to_unix (next);
}

/**
 * csm_training_due:
 *
 * Returns: the due instant of an assignment made at @from, due in @days
 *   days: the end of that day in @tz
 */
gint64
csm_training_due (gint64     from,
                  guint      days,
                  GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (from);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDate) date = g_date_new_dmy (g_date_time_get_day_of_month (local),
                                          g_date_time_get_month (local),
                                          g_date_time_get_year (local));

  g_date_add_days (date, days);
  return csm_training_due_on_date (date, tz);
}

/* Reviews of each agent, and where each sits in the input. */
typedef struct
{
  GPtrArray *reviews;
  GArray *indices;
} AgentReviews;

static void
agent_reviews_free (AgentReviews *mine)
{
  g_ptr_array_unref (mine->reviews);
  g_array_unref (mine->indices);
  g_free (mine);
}

static GHashTable *
by_agent (GPtrArray *reviews)
{
  GHashTable *agents = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) agent_reviews_free);

  for (guint i = 0; i < reviews->len; i++)
    {
      CsmQaReview *r = g_ptr_array_index (reviews, i);
      AgentReviews *mine;

      if (r->agent == NULL)
        continue;
      mine = g_hash_table_lookup (agents, r->agent);
      if (mine == NULL)
        {
          mine = g_new0 (AgentReviews, 1);
          mine->reviews = g_ptr_array_new ();
          mine->indices = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (agents, r->agent, mine);
        }
      g_ptr_array_add (mine->reviews, r);
      g_array_append_val (mine->indices, i);
    }
  return agents;
}

/* The agent's IQS row for @category over [from, to), or NULL. */
static CsmQaIqsRow *
category_row (AgentReviews *mine,
              const char   *category,
              gint64        from,
              gint64        to)
{
  g_autoptr(GPtrArray) rows = csm_qa_iqs_compute (mine->reviews, CSM_QA_GROUP_CATEGORY, NULL,
                                                  from, to);

  for (guint i = 0; i < rows->len; i++)
    {
      CsmQaIqsRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->group, category) == 0 && row->defined)
        return g_ptr_array_steal_index (rows, i);
    }
  return NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

/* Whether @agent has @module open; else the last completion of it (or
 * CSM_TIME_UNSET) in @since. */
static gboolean
has_open (GPtrArray  *assignments,
          const char *agent,
          const char *module,
          gint64     *since)
{
  *since = CSM_TIME_UNSET;
  for (guint i = 0; assignments != NULL && i < assignments->len; i++)
    {
      const CsmTrainingAssignment *a = g_ptr_array_index (assignments, i);

      if (g_strcmp0 (a->agent, agent) != 0 || g_strcmp0 (a->module, module) != 0)
        continue;
      if (csm_training_assignment_open (a))
        return TRUE;
      *since = MAX (*since, a->completed);
    }
  return FALSE;
}

/**
 * csm_training_rules_evaluate:
 * @catalog: the rules, and the modules they assign
 * @reviews: (element-type CsmQaReview): the reviews the console has
 * @assignments: (element-type CsmTrainingAssignment) (nullable): the
 *   assignments there are
 * @now: the instant the rules are judged at
 * @tz: the console's time zone, for due dates
 *
 * Returns: (transfer full) (element-type CsmTrainingAssignment): the
 *   assignments the rules make now (@assigned_by unset), in the order of
 *   the rules, then of the agents' names; none twice for an agent and module
 */
GPtrArray *
csm_training_rules_evaluate (const CsmTrainingCatalog *catalog,
                             GPtrArray                *reviews,
                             GPtrArray                *assignments,
                             gint64                    now,
                             GTimeZone                *tz)
{
  GPtrArray *made = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_training_assignment_free);
  g_autoptr(GHashTable) agents = NULL;
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (catalog != NULL && reviews != NULL && tz != NULL, made);

  agents = by_agent (reviews);
  names = sorted_keys (agents);
  for (guint r = 0; r < catalog->rules->len; r++)
    {
      const CsmTrainingRule *rule = g_ptr_array_index (catalog->rules, r);
      const CsmTrainingModule *module = csm_training_catalog_find_module (catalog, rule->module);

      if (module == NULL)
        continue;
      for (guint n = 0; n < names->len; n++)
        {
          const char *agent = g_ptr_array_index (names, n);
          AgentReviews *mine = g_hash_table_lookup (agents, agent);
          g_autoptr(CsmQaIqsRow) row = NULL;
          gint64 since, ignored, from;
          CsmTrainingAssignment *a;
          g_autoptr(GStrvBuilder) fired_on = NULL;

          /* Open in what this call made, or in what there is (which also
           * says when the last one was completed). */
          if (has_open (made, agent, module->name, &ignored) ||
              has_open (assignments, agent, module->name, &since))
            continue;
          from = now - (gint64) rule->days * 24 * 3600;
          if (since != CSM_TIME_UNSET)
            from = MAX (from, since + 1);
          row = category_row (mine, rule->category, from, now + 1);
          if (row == NULL || row->reviews < rule->min_reviews || !(row->iqs < rule->below))
            continue;

          fired_on = g_strv_builder_new ();
          for (guint m = 0; m < row->members->len; m++)
            {
              const CsmQaReview *review = g_ptr_array_index (mine->reviews,
                                                             g_array_index (row->members, guint,
                                                                            m));

              g_strv_builder_add (fired_on, review->id != NULL ? review->id
                                                               : review->conversation);
            }
          a = g_new0 (CsmTrainingAssignment, 1);
          a->id = csm_training_assignment_make_id (agent, module->name, now);
          a->agent = g_strdup (agent);
          a->module = g_strdup (module->name);
          a->categories = g_strdupv (module->categories);
          a->assigned = now;
          a->due = csm_training_due (now, rule->due_days, tz);
          a->rule = g_strdup (rule->name);
          a->fired_on = g_strv_builder_end (fired_on);
          g_ptr_array_add (made, a);
        }
    }
  return made;
}

/**
 * csm_training_newly_overdue:
 * @since: the last instant a summary covered (%CSM_TIME_UNSET: none yet)
 *
 * Returns: (transfer container) (element-type CsmTrainingAssignment): the
 *   open assignments that became overdue after @since and by @now, in
 *   @assignments' order
 */
GPtrArray *
csm_training_newly_overdue (GPtrArray *assignments,
                            gint64     since,
                            gint64     now)
{
  GPtrArray *overdue = g_ptr_array_new ();

  for (guint i = 0; i < assignments->len; i++)
    {
      CsmTrainingAssignment *a = g_ptr_array_index (assignments, i);

      if (csm_training_assignment_state (a, now) == CSM_TRAINING_OVERDUE && a->due > since)
        g_ptr_array_add (overdue, a);
    }
  return overdue;
}

/**
 * csm_training_summary_due:
 * @last: when the last summary was given, or %CSM_TIME_UNSET
 *
 * Returns: whether a lead may be given a summary of overdue assignments
 *   at @now: one a day, a day being the console's
 */
gboolean
csm_training_summary_due (gint64     last,
                          gint64     now,
                          GTimeZone *tz)
{
  g_autoptr(GDateTime) last_utc = NULL;
  g_autoptr(GDateTime) now_utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) last_day = NULL;
  g_autoptr(GDateTime) today = g_date_time_to_timezone (now_utc, tz);

  if (last == CSM_TIME_UNSET)
    return TRUE;
  last_utc = g_date_time_new_from_unix_utc (last);
  last_day = g_date_time_to_timezone (last_utc, tz);
  return g_date_time_get_year (last_day) != g_date_time_get_year (today) ||
         g_date_time_get_day_of_year (last_day) != g_date_time_get_day_of_year (today);
}

/**
 * csm_training_overdue_text:
 * @overdue: (element-type CsmTrainingAssignment): what became overdue
 * @title: (out) (transfer full): "3 training assignments became overdue"
 * @body: (out) (transfer full): one line each (five at most): who, what,
 *   which day it was due
 *
 * The words of a lead's daily summary.
 */
void
csm_training_overdue_text (GPtrArray  *overdue,
                           GTimeZone  *tz,
                           char      **title,
                           char      **body)
{
  GString *text = g_string_new (NULL);

  *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u training assignment became overdue",
                                         "%u training assignments became overdue", overdue->len),
                            overdue->len);
  for (guint i = 0; i < overdue->len; i++)
    {
      const CsmTrainingAssignment *a = g_ptr_array_index (overdue, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (a->due - 1);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
      /* Translators: a due day, see g_date_time_format () */
      g_autofree char *day = g_date_time_format (local, _("%a %-d %b"));

      if (i == 5)
        {
          g_string_append_printf (text, _("\nand %u more"), overdue->len - i);
          break;
        }
      /* Translators: one overdue assignment: agent, module, due day */
      g_string_append_printf (text, i > 0 ? _("\n%s: %s, due %s") : _("%s: %s, due %s"),
                              a->agent, a->module, day);
    }
  *body = g_string_free (text, FALSE);
}

static int
by_iqs_then_name (gconstpointer a,
                  gconstpointer b)
{
  const CsmQaIqsRow *x = *(CsmQaIqsRow * const *) a;
  const CsmQaIqsRow *y = *(CsmQaIqsRow * const *) b;

  if (x->iqs != y->iqs)
    return x->iqs < y->iqs ? -1 : 1;
  return g_strcmp0 (x->group, y->group);
}

/**
 * csm_training_weakest_agents:
 * @category: a scorecard category
 * @from: the period's start, or %CSM_TIME_UNSET
 * @to: its end (exclusive), or %CSM_TIME_UNSET
 *
 * Returns: (transfer full) (element-type CsmQaIqsRow): one row an agent
 *   with a review rating @category in the period (@group the agent,
 *   @members indices in @reviews), the weakest first
 */
GPtrArray *
csm_training_weakest_agents (GPtrArray  *reviews,
                             const char *category,
                             gint64      from,
                             gint64      to)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_iqs_row_free);
  g_autoptr(GHashTable) agents = by_agent (reviews);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, agents);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      AgentReviews *mine = value;
      CsmQaIqsRow *row = category_row (mine, category, from, to);

      if (row == NULL)
        continue;
      g_free (row->group);
      row->group = g_strdup (key);
      for (guint m = 0; m < row->members->len; m++)
        g_array_index (row->members, guint, m) = g_array_index (mine->indices, guint,
                                                                g_array_index (row->members,
                                                                               guint, m));
      g_ptr_array_add (rows, row);
    }
  g_ptr_array_sort (rows, by_iqs_then_name);
  return rows;
}
