/* csm-training.h: the training loop: a catalog of modules and rules, assignments and their states, rules firing on weak category IQS, and the measured effect.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-qa-margin.h"
#include "csm-qa-review.h"

G_BEGIN_DECLS

/**
 * CsmTrainingModule:
 * @name: its title, which names it: unique in a catalog
 * @description: what it teaches ("" for nothing said)
 * @link: (nullable): where it is: the team's LMS, knowledge base or a
 *   document (http, https or mailto)
 * @minutes: its estimated duration
 * @categories: (array zero-terminated=1): the scorecard categories it
 *   trains, one or more
 */
typedef struct
{
  char *name;
  char *description;
  char *link;
  guint minutes;
  char **categories;
} CsmTrainingModule;

/**
 * CsmTrainingRule:
 * @name: what the rule is called, unique in a catalog; an assignment it
 *   makes gives it as its reason
 * @category: the scorecard category it watches
 * @below: the category IQS (0–100) under which it fires
 * @min_reviews: the fewest reviews rating @category it judges on (1 or more)
 * @days: how far back it looks, in days of 24 hours
 * @module: the module it assigns
 * @due_days: the assignment is due at the end of the day this many days
 *   after it fired, in the console's time zone
 */
typedef struct
{
  char *name;
  char *category;
  double below;
  guint min_reviews;
  guint days;
  char *module;
  guint due_days;
} CsmTrainingRule;

/**
 * CsmTrainingCatalog:
 * @modules: (element-type CsmTrainingModule): by name
 * @rules: (element-type CsmTrainingRule): by name
 */
typedef struct
{
  GPtrArray *modules;
  GPtrArray *rules;
} CsmTrainingCatalog;

/**
 * CsmTrainingState:
 * @CSM_TRAINING_ASSIGNED: not started yet, not due yet
 * @CSM_TRAINING_IN_PROGRESS: started, not due yet
 * @CSM_TRAINING_COMPLETED: completed (whenever)
 * @CSM_TRAINING_OVERDUE: not completed at its due instant
 */
typedef enum
{
  CSM_TRAINING_ASSIGNED,
  CSM_TRAINING_IN_PROGRESS,
  CSM_TRAINING_COMPLETED,
  CSM_TRAINING_OVERDUE,
} CsmTrainingState;

/**
 * CsmTrainingAssignment:
 * @id: the workspace's id: the same assignment made twice is one row
 * @agent: who is to take it
 * @module: the module's name
 * @categories: (array zero-terminated=1): the categories it trains, as the
 *   module said when it was assigned (what its effect is measured on)
 * @assigned: when it was assigned (a rule: when it fired)
 * @assigned_by: the lead (by hand) or the console whose rule fired
 * @due: the instant it becomes overdue
 * @rule: (nullable): the rule that made it; %NULL by hand
 * @fired_on: (array zero-terminated=1) (nullable): the ids of the reviews
 *   the rule fired on
 * @note: (nullable): the lead's note
 * @started: when the agent started it, or %CSM_TIME_UNSET
 * @started_by: (nullable): who recorded that
 * @completed: when it was completed, or %CSM_TIME_UNSET
 * @completed_by: (nullable): who recorded that: the agent or a lead
 */
typedef struct
{
  char *id;
  char *agent;
  char *module;
  char **categories;
  gint64 assigned;
  char *assigned_by;
  gint64 due;
  char *rule;
  char **fired_on;
  char *note;
  gint64 started;
  char *started_by;
  gint64 completed;
  char *completed_by;
} CsmTrainingAssignment;

/**
 * CsmTrainingEffect:
 * @needed: the reviews each side takes (the setting's N)
 * @before: the trained-category score of the N reviews before the
 *   assignment (defined with N of them)
 * @after: the same of the N reviews after completion (defined with N)
 * @after_missing: how many reviews after completion are still needed
 *   (0 once there are N; N while not completed)
 * @defined: whether both sides are: the difference means something
 * @difference: after − before
 * @low: the 95 % interval's lower end (Welch's t)
 * @high: its upper end
 */
typedef struct
{
  guint needed;
  CsmQaMargin before;
  CsmQaMargin after;
  guint after_missing;
  gboolean defined;
  double difference;
  double low;
  double high;
} CsmTrainingEffect;

/**
 * CsmTrainingModuleEffect:
 * @module: the module's name
 * @assigned: its assignments
 * @completed: how many of them are completed
 * @measured: how many of those have an effect measured
 * @mean: the mean of their differences (defined when @measured > 0)
 */
typedef struct
{
  char *module;
  guint assigned;
  guint completed;
  guint measured;
  double mean;
} CsmTrainingModuleEffect;

/* The catalog (csm-training-catalog.c). */
void                csm_training_module_free      (CsmTrainingModule       *module);
CsmTrainingModule  *csm_training_module_copy      (const CsmTrainingModule *module);
void                csm_training_rule_free        (CsmTrainingRule         *rule);
CsmTrainingRule    *csm_training_rule_copy        (const CsmTrainingRule   *rule);
gboolean            csm_training_module_validate  (const CsmTrainingModule *module,
                                                   GError                 **error);
gboolean            csm_training_rule_validate    (const CsmTrainingRule   *rule,
                                                   GError                 **error);
CsmTrainingCatalog *csm_training_catalog_new      (void);
void                csm_training_catalog_free     (CsmTrainingCatalog      *catalog);
const CsmTrainingModule *csm_training_catalog_find_module (const CsmTrainingCatalog *catalog,
                                                           const char               *name);
gboolean            csm_training_catalog_validate (const CsmTrainingCatalog *catalog,
                                                   GError                  **error);
CsmTrainingCatalog *csm_training_catalog_from_json (const char             *json,
                                                    GError                **error);
char               *csm_training_catalog_to_json  (const CsmTrainingCatalog *catalog);

/* Assignments and rules (csm-training-rules.c). */
void                csm_training_assignment_free  (CsmTrainingAssignment  *assignment);
CsmTrainingAssignment *csm_training_assignment_copy (const CsmTrainingAssignment *assignment);
char               *csm_training_assignment_make_id (const char            *agent,
                                                     const char            *module,
                                                     gint64                 assigned);
CsmTrainingState    csm_training_assignment_state (const CsmTrainingAssignment *assignment,
                                                   gint64                  now);
gboolean            csm_training_assignment_open  (const CsmTrainingAssignment *assignment);
const char         *csm_training_state_to_string  (CsmTrainingState         state);
gint64              csm_training_due              (gint64                  from,
                                                   guint                   days,
                                                   GTimeZone              *tz);
gint64              csm_training_due_on_date      (GDate                  *date,
                                                   GTimeZone              *tz);
GPtrArray          *csm_training_rules_evaluate   (const CsmTrainingCatalog *catalog,
                                                   GPtrArray              *reviews,
                                                   GPtrArray              *assignments,
                                                   gint64                  now,
                                                   GTimeZone              *tz);
GPtrArray          *csm_training_newly_overdue    (GPtrArray              *assignments,
                                                   gint64                  since,
                                                   gint64                  now);
gboolean            csm_training_summary_due      (gint64                  last,
                                                   gint64                  now,
                                                   GTimeZone              *tz);
void                csm_training_overdue_text     (GPtrArray              *overdue,
                                                   GTimeZone              *tz,
                                                   char                  **title,
                                                   char                  **body);
GPtrArray          *csm_training_weakest_agents   (GPtrArray              *reviews,
                                                   const char             *category,
                                                   gint64                  from,
                                                   gint64                  to);

/* The effect (csm-training-effect.c). */
CsmTrainingEffect   csm_training_effect           (const CsmTrainingAssignment *assignment,
                                                   GPtrArray              *reviews,
                                                   guint                   n,
                                                   gint64                  now);
guint               csm_training_awaiting_after   (GPtrArray              *assignments,
                                                   GPtrArray              *reviews,
                                                   guint                   n,
                                                   gint64                  now,
                                                   GHashTable             *agents);
GPtrArray          *csm_training_module_effects   (GPtrArray              *assignments,
                                                   GPtrArray              *reviews,
                                                   guint                   n,
                                                   gint64                  now);
void                csm_training_module_effect_free (CsmTrainingModuleEffect *effect);
char               *csm_training_assignments_to_json (GPtrArray           *assignments,
                                                      GPtrArray           *reviews,
                                                      guint                n,
                                                      gint64               now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmTrainingModule, csm_training_module_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmTrainingRule, csm_training_rule_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmTrainingCatalog, csm_training_catalog_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmTrainingAssignment, csm_training_assignment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmTrainingModuleEffect, csm_training_module_effect_free)

G_END_DECLS
