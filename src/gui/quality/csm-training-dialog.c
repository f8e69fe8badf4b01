/* csm-training-dialog.c: a lead assigns a training module by hand, or adds or changes a module or a rule of the catalog.
 *
 * One form in three uses: an assignment (agent, module, due date, note),
 * a module (title, description, link, minutes, the categories it trains)
 * or a rule (category, threshold, reviews, days, module, due days). What
 * it writes the core checks first and the workspace stores as this login
 * (csm-workspace-training.c); a refusal is said here in its words and the
 * form is kept. A module or a rule is known by its name: changing one keeps
 * the name. Emits "saved" once stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-training-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-training-dialog.h"

typedef enum
{
  MODE_ASSIGN,
  MODE_MODULE,
  MODE_RULE,
} Mode;

struct _CsmTrainingDialog
{
  AdwWindow parent_instance;

  Mode mode;
  CsmWorkspace *workspace;
  CsmTrainingCatalog *catalog;   /* (owned) (nullable): the modules offered */
  GPtrArray *category_checks;    /* GtkCheckButton, with "category" data */
  gint64 now;
  CsmClock *clock;               /* (owned) (nullable): what is stored is stamped at its now */
  GCancellable *cancellable;
  gboolean busy;

  GtkButton *save_button;
  GtkSpinner *spinner;
  GtkLabel *intro_label;
  AdwPreferencesGroup *assign_group;
  AdwComboRow *agent_row;
  AdwComboRow *module_row;
  AdwActionRow *due_row;
  GtkSpinButton *due_spin;
  AdwEntryRow *note_row;
  AdwPreferencesGroup *module_group;
  AdwEntryRow *title_row;
  AdwEntryRow *description_row;
  AdwEntryRow *link_row;
  GtkSpinButton *minutes_spin;
  AdwPreferencesGroup *categories_group;
  AdwPreferencesGroup *rule_group;
  AdwEntryRow *rule_name_row;
  AdwComboRow *category_row;
  GtkSpinButton *below_spin;
  GtkSpinButton *min_reviews_spin;
  GtkSpinButton *days_spin;
  AdwComboRow *rule_module_row;
  GtkSpinButton *due_days_spin;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (CsmTrainingDialog, csm_training_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_busy (CsmTrainingDialog *self,
          gboolean           busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training-dialog.save", !busy);
}

static void
fail (CsmTrainingDialog *self,
      const char        *message)
{
  set_busy (self, FALSE);
  gtk_label_set_text (self->error_label, message);
  /* Screen readers learn of it as the error label's description of the
   * form. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
}

static const char *
selected_string (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
offer (AdwComboRow        *row,
       const char * const *items,
       const char         *preferred)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (items);

  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    if (g_strcmp0 (items[i], preferred) == 0)
      adw_combo_row_set_selected (row, i);
}

static char **
module_names (const CsmTrainingCatalog *catalog)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; catalog != NULL && i < catalog->modules->len; i++)
    g_strv_builder_add (names, ((CsmTrainingModule *) g_ptr_array_index (catalog->modules,
                                                                          i))->name);
  return g_strv_builder_end (names);
}

/* "Due by the end of Monday 21 December" for the days chosen. */
static void
update_due (CsmTrainingDialog *self)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  gint64 due = csm_training_due (self->now, (guint) gtk_spin_button_get_value_as_int (self->due_spin),
                                 local);
  g_autoptr(GDateTime) last = g_date_time_new_from_unix_local (due - 1);
  /* Translators: the last day of an assignment, see g_date_time_format () */
  g_autofree char *day = g_date_time_format (last, _("%A %e %B"));
  g_autofree char *text = g_strdup_printf (_("By the end of %s"), day);

  adw_action_row_set_subtitle (self->due_row, text);
}

static void
due_changed_cb (GtkSpinButton     *spin,
                CsmTrainingDialog *self)
{
  update_due (self);
}

/* What the chosen module trains, under its name. */
static void
update_module (CsmTrainingDialog *self)
{
  const CsmTrainingModule *module = self->catalog != NULL
                                    ? csm_training_catalog_find_module (self->catalog,
                                                                        selected_string (self->module_row))
                                    : NULL;
  g_autofree char *categories = module != NULL ? g_strjoinv (", ", module->categories) : NULL;
  g_autofree char *text = NULL;

  if (module != NULL)
    /* Translators: a module's duration and the categories it trains */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute · trains %s",
                                         "%u minutes · trains %s", module->minutes),
                            module->minutes, categories);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->module_row), text != NULL ? text : "");
}

static void
module_selected_cb (GObject           *object,
                    GParamSpec        *pspec,
                    CsmTrainingDialog *self)
{
  update_module (self);
}

static void
saved (CsmTrainingDialog *self)
{
  set_busy (self, FALSE);
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
assigned_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CsmTrainingDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  guint added = 0;

  if (!csm_workspace_assign_training_finish (CSM_WORKSPACE (object), result, &added, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error->message);
      return;
    }
  if (added == 0)
    {
      g_autofree char *text = g_strdup_printf (_("%s already has “%s” open: a module is not "
                                                 "assigned twice before it is completed."),
                                               selected_string (self->agent_row),
                                               selected_string (self->module_row));

      fail (self, text);
      return;
    }
  saved (self);
}

static void
updated_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CsmTrainingDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmTrainingCatalog) catalog = csm_workspace_update_training_finish (
    CSM_WORKSPACE (object), result, &error);

  if (catalog == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error->message);
      return;
    }
  saved (self);
}

static void
save_assignment (CsmTrainingDialog *self)
{
  const char *agent = selected_string (self->agent_row);
  const CsmTrainingModule *module = self->catalog != NULL
                                    ? csm_training_catalog_find_module (self->catalog,
                                                                        selected_string (self->module_row))
                                    : NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (
    (GDestroyNotify) csm_training_assignment_free);
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));
  CsmTrainingAssignment *a;

  if (agent == NULL || module == NULL)
    {
      fail (self, _("Choose an agent and a module."));
      return;
    }
  a = g_new0 (CsmTrainingAssignment, 1);
  a->id = csm_training_assignment_make_id (agent, module->name, self->now);
  a->agent = g_strdup (agent);
  a->module = g_strdup (module->name);
  a->categories = g_strdupv (module->categories);
  a->assigned = self->now;
  a->due = csm_training_due (self->now, (guint) gtk_spin_button_get_value_as_int (self->due_spin),
                             local);
  a->note = *note != '\0' ? g_strdup (note) : NULL;
  g_ptr_array_add (batch, a);
  csm_workspace_assign_training_async (self->workspace, batch, self->cancellable, assigned_cb,
                                       g_object_ref (self));
}

static void
save_catalog_item (CsmTrainingDialog *self)
{
  g_autoptr(CsmTrainingCatalog) upsert = csm_training_catalog_new ();
  g_autoptr(GError) error = NULL;

  if (self->mode == MODE_MODULE)
    {
      g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
      CsmTrainingModule *m = g_new0 (CsmTrainingModule, 1);
      const char *link = gtk_editable_get_text (GTK_EDITABLE (self->link_row));

      m->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
      m->description = g_strstrip (g_strdup (gtk_editable_get_text (
                                                GTK_EDITABLE (self->description_row))));
      m->link = *link != '\0' ? g_strstrip (g_strdup (link)) : NULL;
      m->minutes = (guint) gtk_spin_button_get_value_as_int (self->minutes_spin);
      for (guint i = 0; i < self->category_checks->len; i++)
        {
          GtkCheckButton *check = g_ptr_array_index (self->category_checks, i);

          if (gtk_check_button_get_active (check))
            g_strv_builder_add (categories, g_object_get_data (G_OBJECT (check), "category"));
        }
      m->categories = g_strv_builder_end (categories);
      g_ptr_array_add (upsert->modules, m);
      if (!csm_training_module_validate (m, &error))
        {
          fail (self, error->message);
          return;
        }
    }
  else
    {
      CsmTrainingRule *r = g_new0 (CsmTrainingRule, 1);

      r->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rule_name_row))));
      r->category = g_strdup (selected_string (self->category_row));
      r->below = gtk_spin_button_get_value (self->below_spin);
      r->min_reviews = (guint) gtk_spin_button_get_value_as_int (self->min_reviews_spin);
      r->days = (guint) gtk_spin_button_get_value_as_int (self->days_spin);
      r->module = g_strdup (selected_string (self->rule_module_row));
      r->due_days = (guint) gtk_spin_button_get_value_as_int (self->due_days_spin);
      g_ptr_array_add (upsert->rules, r);
      if (!csm_training_rule_validate (r, &error))
        {
          fail (self, error->message);
          return;
        }
    }
  csm_workspace_update_training_async (self->workspace, upsert, NULL, NULL, self->now,
                                       self->cancellable, updated_cb, g_object_ref (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  CsmTrainingDialog *self = CSM_TRAINING_DIALOG (widget);

  if (self->busy)
    return;
  if (self->clock != NULL)
    self->now = csm_clock_get_now (self->clock);
  set_busy (self, TRUE);
  gtk_label_set_text (self->error_label, "");
  if (self->mode == MODE_ASSIGN)
    save_assignment (self);
  else
    save_catalog_item (self);
}

static void
csm_training_dialog_dispose (GObject *object)
{
  CsmTrainingDialog *self = CSM_TRAINING_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), CSM_TYPE_TRAINING_DIALOG);
  G_OBJECT_CLASS (csm_training_dialog_parent_class)->dispose (object);
}

static void
csm_training_dialog_finalize (GObject *object)
{
  CsmTrainingDialog *self = CSM_TRAINING_DIALOG (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->clock);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->catalog, csm_training_catalog_free);
  g_clear_pointer (&self->category_checks, g_ptr_array_unref);
  G_OBJECT_CLASS (csm_training_dialog_parent_class)->finalize (object);
}

static void
csm_training_dialog_class_init (CsmTrainingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_training_dialog_dispose;
  object_class->finalize = csm_training_dialog_finalize;

  /**
   * CsmTrainingDialog::saved:
   *
   * The assignment, module or rule is stored.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-training-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, assign_group);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, agent_row);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, module_row);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, due_row);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, due_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, module_group);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, link_row);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, categories_group);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, rule_group);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, rule_name_row);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, category_row);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, below_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, min_reviews_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, days_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, rule_module_row);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, due_days_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmTrainingDialog, error_label);
  gtk_widget_class_install_action (widget_class, "training-dialog.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "training-dialog.save", NULL);
}

static void
csm_training_dialog_init (CsmTrainingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->category_checks = g_ptr_array_new ();
}

static CsmTrainingDialog *
new_dialog (CsmWorkspace *workspace,
            Mode          mode,
            gint64        now)
{
  CsmTrainingDialog *self = g_object_new (CSM_TYPE_TRAINING_DIALOG, NULL);

  self->workspace = g_object_ref (workspace);
  self->mode = mode;
  self->now = now;
  gtk_widget_set_visible (GTK_WIDGET (self->assign_group), mode == MODE_ASSIGN);
  gtk_widget_set_visible (GTK_WIDGET (self->module_group), mode == MODE_MODULE);
  gtk_widget_set_visible (GTK_WIDGET (self->categories_group), mode == MODE_MODULE);
  gtk_widget_set_visible (GTK_WIDGET (self->rule_group), mode == MODE_RULE);
  return self;
}

/**
 * csm_training_dialog_new_assign:
 * @agents: (array zero-terminated=1): the agents to choose from
 * @agent: (nullable): the one chosen first
 * @category: (nullable): a category the module should train: the first
 *   module training it is chosen first
 */
CsmTrainingDialog *
csm_training_dialog_new_assign (CsmWorkspace             *workspace,
                                const CsmTrainingCatalog *catalog,
                                const char * const       *agents,
                                const char               *agent,
                                const char               *category,
                                gint64                    now)
{
  CsmTrainingDialog *self = new_dialog (workspace, MODE_ASSIGN, now);
  g_auto(GStrv) modules = module_names (catalog);
  g_autoptr(GStrvBuilder) people = g_strv_builder_new ();
  g_auto(GStrv) offered = NULL;
  const char *first_module = NULL;

  self->catalog = csm_training_catalog_new ();
  for (guint i = 0; i < catalog->modules->len; i++)
    {
      const CsmTrainingModule *m = g_ptr_array_index (catalog->modules, i);

      g_ptr_array_add (self->catalog->modules, csm_training_module_copy (m));
      if (first_module == NULL && category != NULL &&
          g_strv_contains ((const char * const *) m->categories, category))
        first_module = m->name;
    }
  g_strv_builder_addv (people, (const char **) agents);
  if (agent != NULL && !g_strv_contains (agents, agent))
    g_strv_builder_add (people, agent);
  offered = g_strv_builder_end (people);
  gtk_window_set_title (GTK_WINDOW (self), _("Assign Training"));
  gtk_button_set_label (self->save_button, _("_Assign"));
  gtk_label_set_text (self->intro_label,
                      _("The agent sees the module in their training, starts it and marks it "
                        "completed. Its effect is measured on their reviews before the "
                        "assignment and after completion."));
  offer (self->agent_row, (const char * const *) offered, agent);
  offer (self->module_row, (const char * const *) modules, first_module);
  g_signal_connect (self->due_spin, "value-changed", G_CALLBACK (due_changed_cb), self);
  g_signal_connect (self->module_row, "notify::selected", G_CALLBACK (module_selected_cb), self);
  update_due (self);
  update_module (self);
  if (modules[0] == NULL)
    fail (self, _("The catalog has no module yet: add one first."));
  return self;
}

/**
 * csm_training_dialog_new_module:
 * @module: (nullable): the module to change; %NULL for a new one
 * @categories: (array zero-terminated=1): the scorecards' categories
 */
CsmTrainingDialog *
csm_training_dialog_new_module (CsmWorkspace            *workspace,
                                const CsmTrainingModule *module,
                                const char * const      *categories,
                                gint64                   now)
{
  CsmTrainingDialog *self = new_dialog (workspace, MODE_MODULE, now);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) all = NULL;

  gtk_window_set_title (GTK_WINDOW (self), module != NULL ? _("Change Module") : _("New Module"));
  gtk_button_set_label (self->save_button, _("_Save"));
  gtk_label_set_text (self->intro_label,
                      _("A module is a piece of training: a course, an article or a coaching "
                        "session, with the scorecard categories it improves."));
  g_strv_builder_addv (names, (const char **) categories);
  for (guint i = 0; module != NULL && module->categories[i] != NULL; i++)
    if (!g_strv_contains (categories, module->categories[i]))
      g_strv_builder_add (names, module->categories[i]);
  all = g_strv_builder_end (names);
  for (guint i = 0; all[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), all[i]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (check), "category", g_strdup (all[i]), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   module != NULL &&
                                   g_strv_contains ((const char * const *) module->categories,
                                                    all[i]));
      adw_preferences_group_add (self->categories_group, row);
      g_ptr_array_add (self->category_checks, check);
    }
  if (module != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), module->name);
      gtk_editable_set_editable (GTK_EDITABLE (self->title_row), FALSE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_row),
                                   _("A module is known by its title: to rename one, add a new "
                                     "module"));
      gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                             module->description != NULL ? module->description : "");
      gtk_editable_set_text (GTK_EDITABLE (self->link_row),
                             module->link != NULL ? module->link : "");
      gtk_spin_button_set_value (self->minutes_spin, module->minutes);
    }
  return self;
}

/**
 * csm_training_dialog_new_rule:
 * @rule: (nullable): the rule to change; %NULL for a new one
 * @categories: (array zero-terminated=1): the scorecards' categories
 */
CsmTrainingDialog *
csm_training_dialog_new_rule (CsmWorkspace             *workspace,
                              const CsmTrainingCatalog *catalog,
                              const CsmTrainingRule    *rule,
                              const char * const       *categories,
                              gint64                    now)
{
  CsmTrainingDialog *self = new_dialog (workspace, MODE_RULE, now);
  g_auto(GStrv) modules = module_names (catalog);

  gtk_window_set_title (GTK_WINDOW (self), rule != NULL ? _("Change Rule") : _("New Rule"));
  gtk_button_set_label (self->save_button, _("_Save"));
  gtk_label_set_text (self->intro_label,
                      _("A rule assigns a module when an agent’s IQS in a category is low over "
                        "enough recent reviews. Rules are applied whenever reviews arrive and "
                        "when the console starts; calibration reviews never count, and a module "
                        "is not assigned again while the agent has it open."));
  offer (self->category_row, categories, rule != NULL ? rule->category : NULL);
  offer (self->rule_module_row, (const char * const *) modules, rule != NULL ? rule->module : NULL);
  if (rule != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->rule_name_row), rule->name);
      gtk_editable_set_editable (GTK_EDITABLE (self->rule_name_row), FALSE);
      gtk_spin_button_set_value (self->below_spin, rule->below);
      gtk_spin_button_set_value (self->min_reviews_spin, rule->min_reviews);
      gtk_spin_button_set_value (self->days_spin, rule->days);
      gtk_spin_button_set_value (self->due_days_spin, rule->due_days);
    }
  if (modules[0] == NULL)
    fail (self, _("The catalog has no module yet: add one first."));
  return self;
}

/**
 * csm_training_dialog_set_clock:
 * @clock: (nullable): the console's clock: what is saved is stamped with
 *   its now at that moment
 */
void
csm_training_dialog_set_clock (CsmTrainingDialog *self,
                               CsmClock          *clock)
{
  g_return_if_fail (CSM_IS_TRAINING_DIALOG (self));
  g_set_object (&self->clock, clock);
}
