/* csm-training-rows.c: the Training view's rows: an assignment with its state and effect, a module with its mean effect, a rule with when it last fired, an agent weak in a category.
 *
 * Every number is core's (csm-training-*.c), the same --export=training
 * and --export=training-modules print. An effect is shown only when both
 * sides have their N reviews; otherwise the row says how many are still
 * needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-training-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-qa-scorecard.h"
#include "csm-time.h"
#include "csm-training-rows.h"

static char *
one_decimal (double value,
             gboolean signed_value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double rounded = csm_qa_round1 (value);

  /* −0.0 reads as 0.0. */
  if (rounded == 0)
    rounded = 0;
  g_ascii_formatd (buf, sizeof buf, "%.1f", rounded);
  if (signed_value && rounded > 0)
    return g_strconcat ("+", buf, NULL);
  if (rounded < 0)
    return g_strconcat ("−", buf + 1, NULL);
  return g_strdup (buf);
}

/**
 * _csm_training_format_day:
 *
 * Returns: the last day before @instant, "Mon 21 Dec", here
 */
char *
_csm_training_format_day (gint64 instant)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (instant - 1);

  /* Translators: a due day, see g_date_time_format () */
  return g_date_time_format (local, _("%a %-d %b"));
}

/**
 * _csm_training_format_effect:
 * @good: (out): the interval lies above zero: scores moved up
 * @bad: (out): it lies below zero
 *
 * Returns: what the effect is, or why there is none yet
 */
char *
_csm_training_format_effect (const CsmTrainingAssignment *assignment,
                             const CsmTrainingEffect     *effect,
                             gboolean                    *good,
                             gboolean                    *bad)
{
  *good = *bad = FALSE;
  if (!effect->before.defined)
    /* Translators: fewer reviews before the assignment than the effect needs */
    return g_strdup_printf (_("Before: only %u of %u reviews, so no effect can be measured"),
                            effect->before.n, effect->needed);
  if (assignment->completed == CSM_TIME_UNSET)
    {
      g_autofree char *before = one_decimal (effect->before.mean, FALSE);

      /* Translators: the trained categories' IQS over the N reviews before */
      return g_strdup_printf (_("Before: %s over %u reviews; the effect is measured after "
                                "completion"), before, effect->before.n);
    }
  if (!effect->defined)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Not enough reviews yet: %u more needed after completion",
                                         "Not enough reviews yet: %u more needed after completion",
                                         effect->after_missing), effect->after_missing);
  {
    g_autofree char *difference = one_decimal (effect->difference, TRUE);
    g_autofree char *low = one_decimal (effect->low, TRUE);
    g_autofree char *high = one_decimal (effect->high, TRUE);
    g_autofree char *before = one_decimal (effect->before.mean, FALSE);
    g_autofree char *after = one_decimal (effect->after.mean, FALSE);

    *good = effect->low > 0;
    *bad = effect->high < 0;
    /* Translators: the effect: before → after, the difference, its 95 per cent interval */
    return g_strdup_printf (_("%s → %s: %s points (95 per cent interval %s to %s)%s"), before,
                            after, difference, low, high,
                            *good || *bad ? "" : _(", no clear change"));
  }
}

static GtkWidget *
action_button (const char *label,
               const char *action,
               GVariant   *target,
               const char *accessible)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (accessible != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    accessible, -1);
  return button;
}

static const char *
state_label (CsmTrainingState state)
{
  switch (state)
    {
    case CSM_TRAINING_IN_PROGRESS:
      return _("In progress");
    case CSM_TRAINING_COMPLETED:
      return _("Completed");
    case CSM_TRAINING_OVERDUE:
      return _("Overdue");
    case CSM_TRAINING_ASSIGNED:
    default:
      return _("Assigned");
    }
}

GtkWidget *
_csm_training_assignment_row (const CsmTrainingAssignment *a,
                              const CsmTrainingEffect     *effect,
                              const CsmTrainingModule     *module,
                              gint64                       now,
                              CsmTrainingRowRights         rights)
{
  GtkWidget *row = adw_action_row_new ();
  CsmTrainingState state = csm_training_assignment_state (a, now);
  g_autofree char *title = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *effect_text = NULL;
  g_autofree char *categories = g_strjoinv (", ", a->categories);
  g_autofree char *accessible = NULL;
  GtkWidget *pill = gtk_label_new (state_label (state));
  GtkWidget *effect_label;
  gboolean good, bad;

  /* Translators: an assignment: the agent, the module */
  title = g_strdup_printf (_("%s · %s"), a->agent, a->module);
  reason = a->rule != NULL
           /* Translators: why an assignment was made: a rule on N reviews */
           ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "rule “%s” fired on %u review",
                                           "rule “%s” fired on %u reviews",
                                           a->fired_on != NULL ? g_strv_length (a->fired_on) : 0),
                              a->rule, a->fired_on != NULL ? g_strv_length (a->fired_on) : 0)
           : g_strdup_printf (_("assigned by %s"), a->assigned_by);
  if (state == CSM_TRAINING_COMPLETED)
    {
      g_autofree char *day = _csm_training_format_day (a->completed + 1);

      when = g_strdup_printf (_("completed %s by %s"), day, a->completed_by);
    }
  else
    {
      g_autofree char *day = _csm_training_format_day (a->due);

      when = g_strdup_printf (_("due %s"), day);
    }
  /* Translators: an assignment's details: categories, why, when */
  subtitle = g_strdup_printf (_("%s · %s · %s"), categories, reason, when);
  if (a->note != NULL && *a->note != '\0')
    {
      char *with_note = g_strdup_printf ("%s\n%s", subtitle, a->note);

      g_free (subtitle);
      subtitle = with_note;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);

  good = bad = FALSE;
  effect_text = effect != NULL ? _csm_training_format_effect (a, effect, &good, &bad)
                               : g_strdup (_("Measuring…"));
  effect_label = gtk_label_new (effect_text);
  gtk_label_set_wrap (GTK_LABEL (effect_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (effect_label), 34);
  gtk_label_set_xalign (GTK_LABEL (effect_label), 1);
  gtk_label_set_justify (GTK_LABEL (effect_label), GTK_JUSTIFY_RIGHT);
  gtk_widget_add_css_class (effect_label, good ? "success" : bad ? "error" : "dim-label");
  gtk_widget_add_css_class (effect_label, "caption");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), effect_label);

  gtk_widget_add_css_class (pill, "caption-heading");
  gtk_widget_add_css_class (pill, state == CSM_TRAINING_OVERDUE ? "error"
                                  : state == CSM_TRAINING_COMPLETED ? "success" : "accent");
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), pill);

  if (module != NULL && module->link != NULL && *module->link != '\0')
    {
      GtkWidget *link = gtk_link_button_new_with_label (module->link, _("Open"));

      gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (link, module->link);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), link);
    }
  if (rights.may_start && state != CSM_TRAINING_COMPLETED && a->started == CSM_TIME_UNSET)
    {
      g_autofree char *label = g_strdup_printf (_("Start %s"), a->module);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 action_button (_("_Start"), "training.start",
                                                g_variant_new_string (a->id), label));
    }
  if (rights.may_complete && state != CSM_TRAINING_COMPLETED)
    {
      g_autofree char *label = g_strdup_printf (_("Mark %s completed for %s"), a->module,
                                                a->agent);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 action_button (_("Mark _Completed"), "training.complete",
                                                g_variant_new_string (a->id), label));
    }
  accessible = g_strdup_printf ("%s, %s. %s. %s", title, state_label (state), subtitle,
                                effect_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  return row;
}

GtkWidget *
_csm_training_module_row (const CsmTrainingModule       *module,
                          const CsmTrainingModuleEffect *effect,
                          gboolean                       may_edit)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *categories = g_strjoinv (", ", module->categories);
  g_autofree char *counts = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *mean = NULL;
  GtkWidget *mean_label;

  /* Translators: a module's assignments so far */
  counts = effect != NULL
           ? g_strdup_printf (_("%u assigned, %u completed"), effect->assigned, effect->completed)
           : g_strdup (_("not assigned yet"));
  /* Translators: a module: minutes, categories, its assignments */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute · %s · %s",
                                           "%u minutes · %s · %s", module->minutes),
                              module->minutes, categories, counts);
  if (module->description != NULL && *module->description != '\0')
    {
      char *with = g_strdup_printf ("%s\n%s", module->description, subtitle);

      g_free (subtitle);
      subtitle = with;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), module->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  if (effect != NULL && effect->measured > 0)
    {
      g_autofree char *value = one_decimal (effect->mean, TRUE);

      /* Translators: a module's mean effect over the agents measured */
      mean = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s points on average (%u agent)",
                                           "%s points on average (%u agents)", effect->measured),
                              value, effect->measured);
    }
  else
    mean = g_strdup (_("No effect measured yet"));
  mean_label = gtk_label_new (mean);
  gtk_label_set_xalign (GTK_LABEL (mean_label), 1);
  gtk_widget_add_css_class (mean_label, effect != NULL && effect->measured > 0 ? "numeric"
                                                                                : "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), mean_label);
  if (may_edit)
    {
      g_autofree char *change = g_strdup_printf (_("Change %s"), module->name);
      g_autofree char *remove = g_strdup_printf (_("Remove %s"), module->name);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 action_button (_("C_hange…"), "training.edit-module",
                                                g_variant_new_string (module->name), change));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 action_button (_("_Remove"), "training.remove-module",
                                                g_variant_new_string (module->name), remove));
    }
  return row;
}

GtkWidget *
_csm_training_rule_row (const CsmTrainingRule *rule,
                        GPtrArray             *assignments,
                        GPtrArray             *reviews,
                        gboolean               may_edit)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *below = one_decimal (rule->below, FALSE);
  g_autofree char *title = NULL;
  g_autofree char *fired = NULL;
  const CsmTrainingAssignment *last = NULL;
  guint times = 0;

  for (guint i = 0; assignments != NULL && i < assignments->len; i++)
    {
      const CsmTrainingAssignment *a = g_ptr_array_index (assignments, i);

      if (g_strcmp0 (a->rule, rule->name) != 0)
        continue;
      times++;
      if (last == NULL || a->assigned >= last->assigned)
        last = a;
    }
  /* Translators: a rule: its name, the category, the threshold, reviews, days, module, due */
  title = g_strdup_printf (_("%s: %s below %s over %u or more reviews in %u days → “%s”, due in "
                             "%u days"), rule->name, rule->category, below, rule->min_reviews,
                           rule->days, rule->module, rule->due_days);
  if (last != NULL)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (last->assigned);
      /* Translators: when a rule last fired, see g_date_time_format () */
      g_autofree char *when = g_date_time_format (at, _("%e %b %Y, %H:%M"));
      guint on = last->fired_on != NULL ? g_strv_length (last->fired_on) : 0;

      /* Translators: a rule's history: times fired, when last, for whom, on how many reviews */
      fired = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Fired %u time; last on %s for %s, on %u reviews",
                                            "Fired %u times; last on %s for %s, on %u reviews",
                                            times), times, when, last->agent, on);
    }
  else
    fired = g_strdup (_("Has not fired"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), fired);
  if (last != NULL && last->fired_on != NULL)
    {
      g_autoptr(GString) conversations = g_string_new (NULL);
      g_autofree char *tip = NULL;

      /* The conversations of the reviews it fired on, as people know them. */
      for (guint f = 0; last->fired_on[f] != NULL; f++)
        for (guint r = 0; reviews != NULL && r < reviews->len; r++)
          {
            const CsmQaReview *review = g_ptr_array_index (reviews, r);

            if (g_strcmp0 (review->id, last->fired_on[f]) != 0)
              continue;
            g_string_append_printf (conversations, "%s#%s", conversations->len > 0 ? ", " : "",
                                    review->conversation);
            break;
          }
      tip = g_strdup_printf (_("It last fired on the reviews of %s"),
                             conversations->len > 0 ? conversations->str : _("reviews this "
                                                                             "console cannot read"));
      gtk_widget_set_tooltip_text (row, tip);
    }
  if (may_edit)
    {
      g_autofree char *change = g_strdup_printf (_("Change %s"), rule->name);
      g_autofree char *remove = g_strdup_printf (_("Remove %s"), rule->name);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 action_button (_("C_hange…"), "training.edit-rule",
                                                g_variant_new_string (rule->name), change));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 action_button (_("_Remove"), "training.remove-rule",
                                                g_variant_new_string (rule->name), remove));
    }
  return row;
}

GtkWidget *
_csm_training_weakest_row (const CsmQaIqsRow *iqs,
                           const char        *category,
                           GPtrArray         *assignments,
                           gboolean           may_assign)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *value = one_decimal (iqs->iqs, FALSE);
  g_autoptr(GString) trained = g_string_new (NULL);
  g_autofree char *subtitle = NULL;
  GtkWidget *label;

  for (guint i = 0; assignments != NULL && i < assignments->len; i++)
    {
      const CsmTrainingAssignment *a = g_ptr_array_index (assignments, i);

      if (g_strcmp0 (a->agent, iqs->group) != 0 ||
          !g_strv_contains ((const char * const *) a->categories, category))
        continue;
      if (trained->len > 0)
        g_string_append (trained, ", ");
      /* Translators: a training of an agent and its state */
      g_string_append_printf (trained, _("%s (%s)"), a->module,
                              a->completed != CSM_TIME_UNSET ? _("completed") : _("open"));
    }
  /* Translators: an agent's ratings of a category, and their training in it */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rating · training: %s",
                                           "%u ratings · training: %s", iqs->reviews),
                              iqs->reviews, trained->len > 0 ? trained->str : _("none"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), iqs->group);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  label = gtk_label_new (value);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  if (may_assign)
    {
      g_autofree char *accessible = g_strdup_printf (_("Assign training to %s"), iqs->group);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 action_button (_("_Assign…"), "training.assign-to",
                                                g_variant_new ("(ss)", iqs->group, category),
                                                accessible));
    }
  return row;
}
