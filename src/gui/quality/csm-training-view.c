/* csm-training-view.c: the training loop: assignments and their effect, the catalog, the rules, and the agents weakest in a category.
 *
 * What it shows is what the workspace lets this person read (an agent,
 * their own assignments) and what core computes from it on a worker
 * thread: each assignment's effect (csm_training_effect ()), each
 * module's mean effect, the agents weakest in each category, and what the
 * rules assign now. A console that reads every review applies the rules
 * whenever the reviews are read again (at start, and after a review is
 * submitted or imported) and stores what they assign. Agents start and
 * complete their own assignments here; a lead completes anyone's, edits
 * the catalog and assigns by hand. A lead gets one desktop notification a
 * day of the assignments that became overdue since the last one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-training-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-list-box.h"
#include "csm-time.h"
#include "csm-training-rows.h"
#include "csm-training-view-private.h"

#define WEAKEST_DAYS 90


G_DEFINE_FINAL_TYPE (CsmTrainingView, csm_training_view, GTK_TYPE_WIDGET)

enum {
  MEASURED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void compute (CsmTrainingView *self);

CsmWorkspacePermissions
_csm_training_view_permissions (CsmTrainingView *self)
{
  return self->workspace != NULL ? csm_workspace_get_permissions (self->workspace) : 0;
}

/* The console's now at this moment: what a step or an assignment records. */
gint64
_csm_training_view_now (CsmTrainingView *self)
{
  return self->clock != NULL ? csm_clock_get_now (self->clock) : self->now;
}

/* An error stays in the status until the next thing the person does;
 * @what (nullable) says what failed. */
void
_csm_training_view_set_error (CsmTrainingView *self,
                              const char      *message,
                              const char      *what)
{
  g_free (self->error);
  self->error = what != NULL ? g_strdup_printf ("%s %s", what, message) : g_strdup (message);
  if (self->error != NULL)
    gtk_label_set_text (self->status_label, self->error);
}

static guint
effect_reviews (CsmTrainingView *self)
{
  return self->workspace != NULL ? csm_workspace_get_training_effect_reviews (self->workspace) : 5;
}

static const CsmTrainingModuleEffect *
module_effect (CsmTrainingView *self,
               const char      *name)
{
  for (guint i = 0; self->module_effects != NULL && i < self->module_effects->len; i++)
    {
      const CsmTrainingModuleEffect *m = g_ptr_array_index (self->module_effects, i);

      if (g_strcmp0 (m->module, name) == 0)
        return m;
    }
  return NULL;
}

static void
set_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_list_box_set_placeholder (list, label);
}

void
_csm_training_view_rebuild_weakest (CsmTrainingView *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->category_dropdown);
  const char *category = item != NULL ? gtk_string_object_get_string (item) : NULL;
  GPtrArray *rows = self->weakest != NULL && category != NULL
                    ? g_hash_table_lookup (self->weakest, category) : NULL;
  gboolean may_assign = (_csm_training_view_permissions (self) & CSM_WORKSPACE_ASSIGNS) != 0;

  csm_list_box_remove_all (self->weakest_list);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    gtk_list_box_append (self->weakest_list,
                         _csm_training_weakest_row (g_ptr_array_index (rows, i), category,
                                                    self->assignments, may_assign));
}

void
_csm_training_view_rebuild (CsmTrainingView *self)
{
  CsmWorkspacePermissions rights = _csm_training_view_permissions (self);
  gboolean lead = (rights & CSM_WORKSPACE_ASSIGNS) != 0;
  gboolean open_only = gtk_drop_down_get_selected (self->filter_dropdown) == 0;
  guint shown = 0, overdue = 0, open = 0;
  g_autofree char *explained = NULL;
  guint n = effect_reviews (self);
  gint64 now = _csm_training_view_now (self);

  gtk_widget_set_visible (GTK_WIDGET (self->assign_button), lead);
  gtk_widget_set_visible (GTK_WIDGET (self->new_module_button), lead);
  gtk_widget_set_visible (GTK_WIDGET (self->new_rule_button), lead);
  gtk_widget_set_visible (self->weakest_header, rights & CSM_WORKSPACE_READS_ALL);
  gtk_widget_set_visible (GTK_WIDGET (self->weakest_list), rights & CSM_WORKSPACE_READS_ALL);

  csm_list_box_remove_all (self->assignments_list);
  /* Newest first. */
  for (guint i = self->assignments != NULL ? self->assignments->len : 0; i-- > 0;)
    {
      const CsmTrainingAssignment *a = g_ptr_array_index (self->assignments, i);
      CsmTrainingState state = csm_training_assignment_state (a, now);
      gboolean mine = g_strcmp0 (a->agent, self->me) == 0;
      CsmTrainingRowRights row_rights = {
        /* On this computer's own workspace its owner records all. */
        .may_start = mine || !csm_db_is_postgresql_uri (csm_workspace_get_location (self->workspace)),
        .may_complete = mine || lead,
      };
      const CsmTrainingEffect *effect = NULL;

      if (state != CSM_TRAINING_COMPLETED)
        open++;
      if (state == CSM_TRAINING_OVERDUE)
        overdue++;
      if (open_only && state == CSM_TRAINING_COMPLETED)
        continue;
      /* Until measured, the row says so. */
      if (self->effects != NULL && i < self->effects->len)
        effect = &g_array_index (self->effects, CsmTrainingEffect, i);
      gtk_list_box_append (self->assignments_list,
                           _csm_training_assignment_row (a, effect,
                                                         self->catalog != NULL
                                                         ? csm_training_catalog_find_module (self->catalog, a->module)
                                                         : NULL,
                                                         now, row_rights));
      shown++;
    }
  set_placeholder (self->assignments_list,
                   self->workspace == NULL ? _("The QA workspace is not open yet.")
                   : self->assignments == NULL ? _("Reading the training…")
                   : open_only ? _("No open assignment.")
                   : _("No training has been assigned yet."));
  if (self->assignments != NULL)
    {
      g_autofree char *status = NULL;

      /* Translators: how many assignments are open, and how many of them overdue */
      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open, %u overdue",
                                             "%u open, %u overdue", open), open, overdue);
      gtk_label_set_text (self->status_label, self->error != NULL ? self->error
                                              : self->applying ? _("Applying the rules…")
                                              : self->computing ? _("Measuring…") : status);
    }

  /* Translators: how the effect of training is measured */
  explained = g_strdup_printf (_("A module’s effect: the agent’s IQS in the categories it "
                                 "trains over the %u reviews after completion, less that over "
                                 "the %u reviews before the assignment, with its 95 per cent "
                                 "interval. Fewer reviews give no number."), n, n);
  gtk_label_set_text (self->effect_explained, explained);
  csm_list_box_remove_all (self->modules_list);
  for (guint i = 0; self->catalog != NULL && i < self->catalog->modules->len; i++)
    {
      const CsmTrainingModule *m = g_ptr_array_index (self->catalog->modules, i);

      gtk_list_box_append (self->modules_list,
                           _csm_training_module_row (m, module_effect (self, m->name), lead));
    }
  set_placeholder (self->modules_list, lead ? _("No module yet: add the team’s courses, articles "
                                                "and coaching sessions.")
                                            : _("The catalog has no module yet."));
  csm_list_box_remove_all (self->rules_list);
  for (guint i = 0; self->catalog != NULL && i < self->catalog->rules->len; i++)
    gtk_list_box_append (self->rules_list,
                         _csm_training_rule_row (g_ptr_array_index (self->catalog->rules, i),
                                                 self->assignments, self->reviews, lead));
  set_placeholder (self->rules_list, _("No rule: training is assigned by hand."));
  gtk_widget_set_visible (self->rules_header, rights & CSM_WORKSPACE_READS_ALL);
  gtk_widget_set_visible (GTK_WIDGET (self->rules_list), rights & CSM_WORKSPACE_READS_ALL);
  _csm_training_view_rebuild_weakest (self);
}

/* One summary a day, for a lead, of what became overdue since the last. */
static void
notify_overdue (CsmTrainingView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root))
                                             : NULL;
  gint64 last = self->settings != NULL ? g_settings_get_int64 (self->settings,
                                                               "training-overdue-summary") : 0;
  gint64 now = _csm_training_view_now (self);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GPtrArray) overdue = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  /* A summary "later" than now was another clock's (the demo's): as if
   * there was none. */
  if (last > now)
    last = 0;
  if (!(_csm_training_view_permissions (self) & CSM_WORKSPACE_ASSIGNS) ||
      self->assignments == NULL || !csm_training_summary_due (last, now, local))
    return;
  overdue = csm_training_newly_overdue (self->assignments, last, now);
  if (overdue->len == 0)
    return;
  csm_training_overdue_text (overdue, local, &title, &body);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.show-training");
  if (app != NULL)
    g_application_send_notification (G_APPLICATION (app), "csm-training-overdue", notification);
  if (self->settings != NULL)
    g_settings_set_int64 (self->settings, "training-overdue-summary", now);
  g_free (self->notified);
  self->notified = g_steal_pointer (&title);
}

/* The worker --------------------------------------------------------------- */

typedef struct
{
  guint generation;
  CsmTrainingCatalog *catalog;   /* a copy */
  GPtrArray *assignments;        /* a reference: the view replaces, never changes it */
  GPtrArray *reviews;            /* likewise */
  gint64 now;
  guint n;
  /* out */
  GArray *effects;
  GPtrArray *module_effects;
  GPtrArray *made;
  GHashTable *weakest;
  GHashTable *awaiting;
  char **categories;
} Job;

static void
job_free (Job *job)
{
  csm_training_catalog_free (job->catalog);
  g_ptr_array_unref (job->assignments);
  g_ptr_array_unref (job->reviews);
  g_clear_pointer (&job->effects, g_array_unref);
  g_clear_pointer (&job->module_effects, g_ptr_array_unref);
  g_clear_pointer (&job->made, g_ptr_array_unref);
  g_clear_pointer (&job->weakest, g_hash_table_unref);
  g_clear_pointer (&job->awaiting, g_hash_table_unref);
  g_strfreev (job->categories);
  g_free (job);
}

static CsmTrainingCatalog *
catalog_copy (const CsmTrainingCatalog *catalog)
{
  CsmTrainingCatalog *copy = csm_training_catalog_new ();

  for (guint i = 0; i < catalog->modules->len; i++)
    g_ptr_array_add (copy->modules, csm_training_module_copy (catalog->modules->pdata[i]));
  for (guint i = 0; i < catalog->rules->len; i++)
    g_ptr_array_add (copy->rules, csm_training_rule_copy (catalog->rules->pdata[i]));
  return copy;
}

int
_csm_training_view_compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  job->effects = g_array_sized_new (FALSE, TRUE, sizeof (CsmTrainingEffect),
                                    job->assignments->len);
  for (guint i = 0; i < job->assignments->len; i++)
    {
      CsmTrainingEffect effect = csm_training_effect (job->assignments->pdata[i], job->reviews,
                                                      job->n, job->now);

      g_array_append_val (job->effects, effect);
    }
  job->module_effects = csm_training_module_effects (job->assignments, job->reviews, job->n,
                                                     job->now);
  job->made = csm_training_rules_evaluate (job->catalog, job->reviews, job->assignments,
                                           job->now, local);
  job->awaiting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  csm_training_awaiting_after (job->assignments, job->reviews, job->n, job->now, job->awaiting);

  for (guint i = 0; i < job->reviews->len; i++)
    {
      CsmQaScorecard *card = ((CsmQaReview *) job->reviews->pdata[i])->scorecard;

      for (guint c = 0; c < csm_qa_scorecard_get_n_categories (card); c++)
        {
          char *name = csm_qa_scorecard_get_category (card, c)->name;

          if (g_hash_table_add (seen, name))
            g_ptr_array_add (names, name);
        }
    }
  g_ptr_array_sort (names, _csm_training_view_compare_names);
  job->weakest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < names->len; i++)
    {
      g_strv_builder_add (categories, names->pdata[i]);
      g_hash_table_insert (job->weakest, g_strdup (names->pdata[i]),
                           csm_training_weakest_agents (job->reviews, names->pdata[i],
                                                        job->now - WEAKEST_DAYS * 24 * 3600,
                                                        job->now + 1));
    }
  job->categories = g_strv_builder_end (categories);
  g_task_return_boolean (task, TRUE);
}

static void
rules_applied_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CsmTrainingView) self = user_data;
  g_autoptr(GError) error = NULL;
  guint added = 0;

  if (!csm_workspace_assign_training_finish (CSM_WORKSPACE (object), result, &added, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->applying = FALSE;
  if (error != NULL)
    {
      _csm_training_view_set_error (self, error->message, _("The rules’ assignments were not "
                                                            "stored:"));
      return;
    }
  g_debug ("the rules assigned %u", added);
  g_clear_pointer (&self->error, g_free);
  _csm_training_view_load (self);
}

static void
computed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CsmTrainingView *self = CSM_TRAINING_VIEW (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GtkStringList) categories = NULL;
  GtkStringObject *item;
  g_autofree char *chosen = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || job->generation != self->generation)
    return;
  self->computing = FALSE;
  g_clear_pointer (&self->effects, g_array_unref);
  self->effects = g_steal_pointer (&job->effects);
  g_clear_pointer (&self->module_effects, g_ptr_array_unref);
  self->module_effects = g_steal_pointer (&job->module_effects);
  g_clear_pointer (&self->weakest, g_hash_table_unref);
  self->weakest = g_steal_pointer (&job->weakest);
  g_clear_pointer (&self->awaiting, g_hash_table_unref);
  self->awaiting = g_steal_pointer (&job->awaiting);

  /* The category chosen stays chosen. */
  item = gtk_drop_down_get_selected_item (self->category_dropdown);
  chosen = item != NULL ? g_strdup (gtk_string_object_get_string (item)) : NULL;
  if (self->categories == NULL || !g_strv_equal ((const char * const *) self->categories,
                                                 (const char * const *) job->categories))
    {
      g_strfreev (self->categories);
      self->categories = g_steal_pointer (&job->categories);
      categories = gtk_string_list_new ((const char * const *) self->categories);
      gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (categories));
      /* First shown: the category whose weakest agent is weakest. */
      if (chosen == NULL)
        {
          double lowest = G_MAXDOUBLE;

          for (guint i = 0; self->categories[i] != NULL; i++)
            {
              GPtrArray *rows = g_hash_table_lookup (self->weakest, self->categories[i]);
              const CsmQaIqsRow *weakest = rows != NULL && rows->len > 0 ? rows->pdata[0] : NULL;

              if (weakest != NULL && weakest->iqs < lowest)
                {
                  lowest = weakest->iqs;
                  g_free (chosen);
                  chosen = g_strdup (self->categories[i]);
                }
            }
        }
      for (guint i = 0; chosen != NULL && self->categories[i] != NULL; i++)
        if (g_str_equal (self->categories[i], chosen))
          gtk_drop_down_set_selected (self->category_dropdown, i);
    }

  /* The rules assign what they would now; the list is read again after. */
  if (job->made->len > 0 && (_csm_training_view_permissions (self) & CSM_WORKSPACE_READS_ALL) && !self->applying)
    {
      self->applying = TRUE;
      csm_workspace_assign_training_async (self->workspace, job->made, self->cancellable,
                                           rules_applied_cb, g_object_ref (self));
    }
  _csm_training_view_rebuild (self);
  notify_overdue (self);
  g_signal_emit (self, signals[MEASURED], 0);
}

static void
compute (CsmTrainingView *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->catalog == NULL || self->assignments == NULL || self->reviews == NULL)
    {
      _csm_training_view_rebuild (self);
      return;
    }
  job = g_new0 (Job, 1);
  job->generation = ++self->generation;
  job->catalog = catalog_copy (self->catalog);
  job->assignments = g_ptr_array_ref (self->assignments);
  job->reviews = g_ptr_array_ref (self->reviews);
  job->now = _csm_training_view_now (self);
  job->n = effect_reviews (self);
  self->computing = TRUE;
  task = g_task_new (self, self->cancellable, computed_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, compute_thread);
  _csm_training_view_rebuild (self);
}

/* Reading ------------------------------------------------------------------ */

static void
catalog_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CsmTrainingView) self = user_data;
  g_autoptr(GError) error = NULL;
  CsmTrainingCatalog *catalog = csm_workspace_get_training_finish (CSM_WORKSPACE (object),
                                                                   result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->loading > 0)
    self->loading--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      CSM_WORKSPACE (object) != self->workspace)
    {
      g_clear_pointer (&catalog, csm_training_catalog_free);
      return;
    }
  if (catalog == NULL)
    {
      _csm_training_view_set_error (self, error->message, NULL);
      return;
    }
  g_clear_pointer (&self->catalog, csm_training_catalog_free);
  self->catalog = catalog;
  compute (self);
}

static void
assignments_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CsmTrainingView) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *assignments = csm_workspace_list_training_finish (CSM_WORKSPACE (object), result,
                                                               &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->loading > 0)
    self->loading--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      CSM_WORKSPACE (object) != self->workspace)
    {
      g_clear_pointer (&assignments, g_ptr_array_unref);
      return;
    }
  if (assignments == NULL)
    {
      _csm_training_view_set_error (self, error->message, NULL);
      return;
    }
  g_clear_pointer (&self->assignments, g_ptr_array_unref);
  self->assignments = assignments;
  /* Effects belong to the assignments they were computed for. */
  g_clear_pointer (&self->effects, g_array_unref);
  compute (self);
}

/* Reads the catalog and the assignments again, then computes. */
void
_csm_training_view_load (CsmTrainingView *self)
{
  if (self->workspace == NULL)
    {
      _csm_training_view_rebuild (self);
      return;
    }
  self->loading += 2;
  csm_workspace_get_training_async (self->workspace, self->cancellable, catalog_cb,
                                    g_object_ref (self));
  csm_workspace_list_training_async (self->workspace, self->cancellable, assignments_cb,
                                     g_object_ref (self));
}

void
csm_training_view_refresh (CsmTrainingView *self)
{
  g_return_if_fail (CSM_IS_TRAINING_VIEW (self));
  _csm_training_view_load (self);
}

static void
filter_changed_cb (GObject         *object,
                   GParamSpec      *pspec,
                   CsmTrainingView *self)
{
  _csm_training_view_rebuild (self);
}

static void
category_changed_cb (GObject         *object,
                     GParamSpec      *pspec,
                     CsmTrainingView *self)
{
  _csm_training_view_rebuild_weakest (self);
}

/* The widget ------------------------------------------------------------------ */

static void
csm_training_view_dispose (GObject *object)
{
  CsmTrainingView *self = CSM_TRAINING_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), CSM_TYPE_TRAINING_VIEW);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (csm_training_view_parent_class)->dispose (object);
}

static void
csm_training_view_finalize (GObject *object)
{
  CsmTrainingView *self = CSM_TRAINING_VIEW (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->catalog, csm_training_catalog_free);
  g_clear_pointer (&self->assignments, g_ptr_array_unref);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_clear_pointer (&self->effects, g_array_unref);
  g_clear_pointer (&self->module_effects, g_ptr_array_unref);
  g_clear_pointer (&self->weakest, g_hash_table_unref);
  g_clear_pointer (&self->awaiting, g_hash_table_unref);
  g_strfreev (self->categories);
  g_free (self->me);
  g_free (self->notified);
  g_free (self->error);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->scorecard, csm_qa_scorecard_unref);
  G_OBJECT_CLASS (csm_training_view_parent_class)->finalize (object);
}

static void
csm_training_view_class_init (CsmTrainingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_training_view_dispose;
  object_class->finalize = csm_training_view_finalize;

  /**
   * CsmTrainingView::measured:
   *
   * The effects, and who awaits an after-measurement, are computed anew.
   */
  signals[MEASURED] = g_signal_new ("measured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-training-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingView, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingView, status_label);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingView, assign_button);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingView, assignments_list);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingView, new_module_button);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingView, effect_explained);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingView, modules_list);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingView, rules_header);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingView, new_rule_button);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingView, rules_list);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingView, weakest_header);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingView, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingView, weakest_list);
  _csm_training_view_install_actions (widget_class);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
csm_training_view_init (CsmTrainingView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect (self->filter_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb),
                    self);
  g_signal_connect (self->category_dropdown, "notify::selected",
                    G_CALLBACK (category_changed_cb), self);
  _csm_training_view_rebuild (self);
}

/**
 * csm_training_view_set_workspace:
 * @workspace: (nullable): the workspace, or %NULL once it is closed
 * @me: (nullable): who is looking
 */
void
csm_training_view_set_workspace (CsmTrainingView *self,
                                 CsmWorkspace    *workspace,
                                 const char      *me)
{
  g_return_if_fail (CSM_IS_TRAINING_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  self->computing = self->applying = self->recording = FALSE;
  self->loading = 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.start", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.complete", TRUE);
  g_set_object (&self->workspace, workspace);
  g_free (self->me);
  self->me = g_strdup (me);
  /* Nothing of another workspace stays: its reviews must not make this
   * one's rules fire. */
  g_clear_pointer (&self->catalog, csm_training_catalog_free);
  g_clear_pointer (&self->assignments, g_ptr_array_unref);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_clear_pointer (&self->effects, g_array_unref);
  g_clear_pointer (&self->module_effects, g_ptr_array_unref);
  g_clear_pointer (&self->weakest, g_hash_table_unref);
  g_clear_pointer (&self->awaiting, g_hash_table_unref);
  g_clear_pointer (&self->error, g_free);
  _csm_training_view_load (self);
}

/**
 * csm_training_view_set_settings:
 * @settings: (nullable): where the day of the last overdue summary is kept
 */
void
csm_training_view_set_settings (CsmTrainingView *self,
                                GSettings       *settings)
{
  g_return_if_fail (CSM_IS_TRAINING_VIEW (self));
  g_set_object (&self->settings, settings);
}

/**
 * csm_training_view_set_reviews:
 * @reviews: (element-type CsmQaReview): every review the workspace shows
 * @now: the page's now: states, rules and effects are at it
 *
 * New reviews: the effects are measured again, and the rules applied.
 */
void
csm_training_view_set_reviews (CsmTrainingView *self,
                               GPtrArray       *reviews,
                               gint64           now)
{
  g_return_if_fail (CSM_IS_TRAINING_VIEW (self));
  g_return_if_fail (reviews != NULL);

  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  self->reviews = g_ptr_array_ref (reviews);
  self->now = now;
  compute (self);
}

/**
 * csm_training_view_is_settled:
 *
 * Returns: whether everything read is measured and nothing is being
 *   stored
 */
gboolean
csm_training_view_is_settled (CsmTrainingView *self)
{
  g_return_val_if_fail (CSM_IS_TRAINING_VIEW (self), FALSE);
  return self->assignments != NULL && self->catalog != NULL && self->effects != NULL &&
         self->loading == 0 && !self->computing && !self->applying && !self->recording;
}

/**
 * csm_training_view_get_assignments:
 *
 * Returns: (nullable) (element-type CsmTrainingAssignment): what was read
 */
GPtrArray *
csm_training_view_get_assignments (CsmTrainingView *self)
{
  g_return_val_if_fail (CSM_IS_TRAINING_VIEW (self), NULL);
  return self->assignments;
}

/**
 * csm_training_view_get_awaiting:
 *
 * Returns: (nullable) (element-type utf8 guint): the agents whose
 *   completed training awaits its after-measurement → the reviews it
 *   still needs
 */
GHashTable *
csm_training_view_get_awaiting (CsmTrainingView *self)
{
  g_return_val_if_fail (CSM_IS_TRAINING_VIEW (self), NULL);
  return self->awaiting;
}

/**
 * csm_training_view_get_notified:
 *
 * Returns: (nullable): the title of the latest overdue summary
 */
const char *
csm_training_view_get_notified (CsmTrainingView *self)
{
  g_return_val_if_fail (CSM_IS_TRAINING_VIEW (self), NULL);
  return self->notified;
}

/**
 * csm_training_view_set_clock:
 * @clock: (nullable): the console's clock: steps and assignments are
 *   recorded at its now
 */
void
csm_training_view_set_clock (CsmTrainingView *self,
                             CsmClock        *clock)
{
  g_return_if_fail (CSM_IS_TRAINING_VIEW (self));
  g_set_object (&self->clock, clock);
}

/**
 * csm_training_view_set_scorecard:
 * @scorecard: (nullable): what reviews are scored on now: its categories
 *   are offered to modules and rules
 */
void
csm_training_view_set_scorecard (CsmTrainingView *self,
                                 CsmQaScorecard  *scorecard)
{
  g_return_if_fail (CSM_IS_TRAINING_VIEW (self));

  g_clear_pointer (&self->scorecard, csm_qa_scorecard_unref);
  self->scorecard = scorecard != NULL ? csm_qa_scorecard_ref (scorecard) : NULL;
}
