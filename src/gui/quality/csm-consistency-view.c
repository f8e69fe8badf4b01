/* csm-consistency-view.c: how consistent the team is, category by category and week by week, and who sits outside the band.
 *
 * The numbers are core's (csm_qa_consistency_compute (), on a worker
 * thread, over the last 26 weeks, a week from Monday 00:00 here), the
 * same `--export=consistency` prints. The chart draws a category's
 * standard deviation and range week by week; choosing a week (a click, or
 * Enter on a focused point) lists its agents with their category IQS, who
 * sits outside the band (more than one standard deviation from the
 * mean), the training each has had in the category, and the reviews
 * behind their number, each opening its conversation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-consistency-view"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "csm-chart.h"
#include "csm-chart-line-layer.h"
#include "csm-chart-point.h"
#include "csm-consistency-view.h"
#include "csm-list-box.h"
#include "csm-qa-consistency.h"
#include "csm-qa-iqs.h"
#include "csm-qa-scorecard.h"
#include "csm-time.h"
#include "csm-training.h"

#define WEEKS 26
#define REVIEW_LINKS 6

struct _CsmConsistencyView
{
  GtkWidget parent_instance;

  CsmWorkspace *workspace;       /* (owned) (nullable): for the training agents have had */
  GCancellable *cancellable;     /* (owned) */
  GPtrArray *reviews;            /* (owned) (nullable) */
  GPtrArray *assignments;        /* (owned) (nullable): CsmTrainingAssignment */
  gint64 now;
  guint generation;
  gboolean computing;
  GPtrArray *rows;               /* (owned) (nullable): CsmQaConsistencyRow, every category */
  GHashTable *weeks;             /* (owned) (nullable): "category\nweek" → its agents'
                                  * CsmQaIqsRow, lowest first */
  GPtrArray *shown;              /* (owned): the chosen category's rows, oldest first */
  char *category;                /* (owned) (nullable): the one charted */
  gint64 week;                   /* the week listed, or 0: the latest */
  gboolean updating;

  GtkDropDown *category_dropdown;
  GtkLabel *status_label;
  CsmChart *chart;
  GtkLabel *week_label;
  GtkListBox *agents_list;
};

G_DEFINE_FINAL_TYPE (CsmConsistencyView, csm_consistency_view, GTK_TYPE_WIDGET)

static char *
one_decimal (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", csm_qa_round1 (value)));
}

static char *
format_week (gint64 week)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (week);

  /* Translators: the Monday a week starts, see g_date_time_format () */
  return g_date_time_format (local, _("%-d %b"));
}

/* Weeks since the first charted one: the weeks with a spread sit at their
 * dates, the line joining them across a week without one (its tick has no
 * point). */
static double
weeks_after (gint64 first,
             gint64 week)
{
  return round ((double) (week - first) / (7 * 24 * 3600));
}

static char *
x_format (double   value,
          gpointer user_data)
{
  CsmConsistencyView *self = user_data;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) week = NULL;

  if (self->shown->len == 0 || value < 0 || value != round (value))
    return g_strdup ("");
  first = g_date_time_new_from_unix_local (((CsmQaConsistencyRow *) self->shown->pdata[0])->week);
  week = g_date_time_add_weeks (first, (int) value);
  return format_week (g_date_time_to_unix (week));
}

static const CsmQaConsistencyRow *
shown_week (CsmConsistencyView *self)
{
  for (guint i = 0; i < self->shown->len; i++)
    {
      const CsmQaConsistencyRow *row = g_ptr_array_index (self->shown, i);

      if (row->week == self->week)
        return row;
    }
  return self->shown->len > 0 ? g_ptr_array_index (self->shown, self->shown->len - 1) : NULL;
}

/* The training @agent has had in the category, "Listening first (completed)". */
static char *
training_of (CsmConsistencyView *self,
             const char         *agent)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; self->assignments != NULL && i < self->assignments->len; i++)
    {
      const CsmTrainingAssignment *a = g_ptr_array_index (self->assignments, i);

      if (g_strcmp0 (a->agent, agent) != 0 ||
          !g_strv_contains ((const char * const *) a->categories, self->category))
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, _("%s (%s)"), a->module,
                              csm_training_assignment_state (a, self->now) ==
                              CSM_TRAINING_COMPLETED ? _("completed") : _("open"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
agent_row (CsmConsistencyView        *self,
           const CsmQaIqsRow         *iqs,
           const CsmQaConsistencyRow *week)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *links = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *value;
  g_autofree char *score = one_decimal (iqs->iqs);
  g_autofree char *training = training_of (self, iqs->group);
  g_autofree char *band = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  double distance = iqs->iqs - week->mean;
  gboolean outside = fabs (distance) > week->sd + 1e-9;

  if (outside)
    {
      g_autofree char *by = one_decimal (fabs (distance));

      band = g_strdup_printf (distance < 0 ? _("Outside the band: %s points below the mean")
                                           : _("Outside the band: %s points above the mean"),
                              by);
    }
  else
    band = g_strdup (_("Within the band"));
  /* Translators: an agent in a week: the band, their reviews, their training */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u rating · training: %s",
                                           "%s · %u ratings · training: %s", iqs->reviews),
                              band, iqs->reviews, *training != '\0' ? training : _("none"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), iqs->group);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  if (outside)
    gtk_widget_add_css_class (row, "consistency-outside");
  for (guint m = 0; m < iqs->members->len && m < REVIEW_LINKS; m++)
    {
      const CsmQaReview *r = g_ptr_array_index (self->reviews,
                                                g_array_index (iqs->members, guint, m));
      g_autofree char *label = g_strdup_printf ("#%s", r->conversation);
      g_autofree char *open = g_strdup_printf (_("Open conversation %s"), r->conversation);
      GtkWidget *button = gtk_button_new_with_label (label);

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", r->conversation);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "quality.open-conversation");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      open, -1);
      gtk_box_append (GTK_BOX (links), button);
    }
  if (iqs->members->len > REVIEW_LINKS)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more"), iqs->members->len - REVIEW_LINKS);
      GtkWidget *label = gtk_label_new (more);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (links), label);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), links);
  value = gtk_label_new (score);
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_add_css_class (value, "heading");
  gtk_widget_add_css_class (value, outside ? (distance < 0 ? "error" : "success") : "dim-label");
  gtk_label_set_width_chars (GTK_LABEL (value), 5);
  gtk_label_set_xalign (GTK_LABEL (value), 1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  accessible = g_strdup_printf (_("%s: IQS %s. %s"), iqs->group, score, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  return row;
}

/* The chosen week's agents, lowest first. */
static void
show_week (CsmConsistencyView *self)
{
  const CsmQaConsistencyRow *week = shown_week (self);
  GPtrArray *agents;
  g_autofree char *key = NULL;
  g_autofree char *day = NULL;
  g_autofree char *mean = NULL;
  g_autofree char *sd = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  g_autofree char *title = NULL;

  csm_list_box_remove_all (self->agents_list);
  if (week == NULL || self->reviews == NULL)
    {
      gtk_label_set_text (self->week_label, "");
      return;
    }
  key = g_strdup_printf ("%s\n%" G_GINT64_FORMAT, week->category, week->week);
  agents = self->weeks != NULL ? g_hash_table_lookup (self->weeks, key) : NULL;
  day = format_week (week->week);
  mean = one_decimal (week->mean);
  sd = one_decimal (week->sd);
  low = one_decimal (week->min);
  high = one_decimal (week->max);
  /* Translators: a week of a category: its Monday, agents, mean, SD, range */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Week of %s: %u agent, mean %s, standard deviation %s, "
                                        "from %s to %s. Outside the band: more than one "
                                        "standard deviation from the mean.",
                                        "Week of %s: %u agents, mean %s, standard deviation %s, "
                                        "from %s to %s. Outside the band: more than one "
                                        "standard deviation from the mean.", week->agents),
                           day, week->agents, mean, sd, low, high);
  gtk_label_set_text (self->week_label, title);
  for (guint i = 0; agents != NULL && i < agents->len; i++)
    gtk_list_box_append (self->agents_list, agent_row (self, g_ptr_array_index (agents, i), week));
}

static void
update_chart (CsmConsistencyView *self)
{
  g_autoptr(GListStore) sd_points = g_list_store_new (CSM_TYPE_CHART_POINT);
  g_autoptr(GListStore) range_points = g_list_store_new (CSM_TYPE_CHART_POINT);
  g_autoptr(CsmChartLayer) sd_layer = NULL;
  g_autoptr(CsmChartLayer) range_layer = NULL;
  g_autofree char *title = NULL;
  g_autofree double *ticks = NULL;
  double top = 10, last = 0;
  gint64 first = 0;
  guint n_ticks = 0, step;

  g_ptr_array_set_size (self->shown, 0);
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      CsmQaConsistencyRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (row->category, self->category) == 0)
        g_ptr_array_add (self->shown, row);
    }
  if (self->shown->len > 0)
    first = ((CsmQaConsistencyRow *) self->shown->pdata[0])->week;
  for (guint i = 0; i < self->shown->len; i++)
    {
      const CsmQaConsistencyRow *row = g_ptr_array_index (self->shown, i);
      double x = weeks_after (first, row->week);
      g_autofree char *day = format_week (row->week);
      g_autofree char *sd = one_decimal (row->sd);
      g_autofree char *range = one_decimal (row->max - row->min);
      /* Translators: a point of the consistency chart: week, value, agents */
      g_autofree char *sd_label = g_strdup_printf (_("Week of %s: standard deviation %s over %u "
                                                     "agents"), day, sd, row->agents);
      g_autofree char *range_label = g_strdup_printf (_("Week of %s: range %s (lowest to highest)"
                                                        " over %u agents"), day, range,
                                                      row->agents);
      g_autoptr(CsmChartPoint) sd_point = csm_chart_point_new (x, row->sd, sd_label);
      g_autoptr(CsmChartPoint) range_point = csm_chart_point_new (x, row->max - row->min,
                                                                  range_label);

      last = x;
      g_list_store_append (sd_points, sd_point);
      g_list_store_append (range_points, range_point);
      top = MAX (top, row->max - row->min);
    }
  csm_chart_remove_all_layers (self->chart);
  sd_layer = csm_chart_line_layer_new (_("Standard deviation"), G_LIST_MODEL (sd_points));
  range_layer = csm_chart_line_layer_new (_("Range (highest − lowest)"),
                                          G_LIST_MODEL (range_points));
  csm_chart_line_layer_set_dashed (CSM_CHART_LINE_LAYER (range_layer), TRUE);
  csm_chart_add_layer (self->chart, sd_layer);
  csm_chart_add_layer (self->chart, range_layer);
  csm_chart_set_x_step (self->chart, 1);
  /* A label a week, or every few weeks: eight at most. */
  step = (guint) last / 8 + 1;
  ticks = g_new0 (double, (guint) last / step + 1);
  for (guint w = 0; w <= (guint) last; w += step)
    ticks[n_ticks++] = w;
  csm_chart_set_x_ticks (self->chart, ticks, n_ticks);
  /* Up to the next ten points above the widest range, at most 100. */
  csm_chart_set_y_range (self->chart, 0, MIN (100, ceil (top / 10) * 10));
  title = self->category != NULL
          ? g_strdup_printf (_("Spread of agents’ IQS in %s, week by week"), self->category)
          : g_strdup (_("Spread of agents’ IQS, week by week"));
  csm_chart_set_title (self->chart, title);
}

static void
rebuild (CsmConsistencyView *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) categories = NULL;
  g_autoptr(GtkStringList) model = NULL;
  guint selected = 0;

  /* The categories with a spread, in the order of the rows (by name). */
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      const CsmQaConsistencyRow *row = g_ptr_array_index (self->rows, i);

      if (g_hash_table_add (seen, row->category))
        g_strv_builder_add (builder, row->category);
    }
  categories = g_strv_builder_end (builder);
  if (self->category == NULL || !g_strv_contains ((const char * const *) categories,
                                                  self->category))
    {
      g_free (self->category);
      self->category = g_strdup (categories[0]);
    }
  for (guint i = 0; categories[i] != NULL; i++)
    if (g_strcmp0 (categories[i], self->category) == 0)
      selected = i;
  self->updating = TRUE;
  model = gtk_string_list_new ((const char * const *) categories);
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->category_dropdown, selected);
  self->updating = FALSE;
  gtk_label_set_text (self->status_label,
                      self->computing ? _("Computing…")
                      : self->reviews == NULL ? _("Reading the reviews…")
                      : categories[0] == NULL ? _("No week yet with two agents reviewed in "
                                                  "the same category.") : "");
  update_chart (self);
  show_week (self);
}

typedef struct
{
  GPtrArray *reviews;
  gint64 from;
  gint64 to;
  /* out */
  GPtrArray *rows;
  GHashTable *weeks;
} Input;

static void
input_free (Input *input)
{
  g_ptr_array_unref (input->reviews);
  g_clear_pointer (&input->rows, g_ptr_array_unref);
  g_clear_pointer (&input->weeks, g_hash_table_unref);
  g_free (input);
}

static void
computed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CsmConsistencyView *self = CSM_CONSISTENCY_VIEW (object);
  Input *input = g_object_get_data (G_OBJECT (result), "input");

  if (!g_task_propagate_boolean (G_TASK (result), NULL) ||
      GPOINTER_TO_UINT (g_task_get_task_data (G_TASK (result))) != self->generation)
    return;
  self->computing = FALSE;
  g_ptr_array_set_size (self->shown, 0);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = g_steal_pointer (&input->rows);
  g_clear_pointer (&self->weeks, g_hash_table_unref);
  self->weeks = g_steal_pointer (&input->weeks);
  rebuild (self);
}

/* The spreads, and each category's week's agents for the drill-down. */
static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Input *input = g_object_get_data (G_OBJECT (task), "input");
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  input->rows = csm_qa_consistency_compute (input->reviews, input->from, input->to, local);
  input->weeks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < input->rows->len; i++)
    {
      const CsmQaConsistencyRow *row = g_ptr_array_index (input->rows, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (row->week);
      g_autoptr(GDateTime) start = g_date_time_to_timezone (utc, local);
      g_autoptr(GDateTime) end = g_date_time_add_weeks (start, 1);

      g_hash_table_insert (input->weeks,
                           g_strdup_printf ("%s\n%" G_GINT64_FORMAT, row->category, row->week),
                           csm_training_weakest_agents (input->reviews, row->category,
                                                        row->week,
                                                        MIN (input->to,
                                                             g_date_time_to_unix (end))));
    }
  g_task_return_boolean (task, TRUE);
}

static void
compute (CsmConsistencyView *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) first = NULL;
  Input *input;

  if (self->reviews == NULL)
    {
      rebuild (self);
      return;
    }
  /* From the Monday 25 weeks before this week's. */
  now = g_date_time_new_from_unix_local (self->now);
  midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                    g_date_time_get_day_of_month (now), 0, 0, 0);
  first = g_date_time_add_days (midnight, 1 - g_date_time_get_day_of_week (now) - 7 * (WEEKS - 1));
  input = g_new0 (Input, 1);
  input->reviews = g_ptr_array_ref (self->reviews);
  input->from = g_date_time_to_unix (first);
  input->to = self->now + 1;
  self->computing = TRUE;
  rebuild (self);
  task = g_task_new (self, self->cancellable, computed_cb, NULL);
  g_task_set_task_data (task, GUINT_TO_POINTER (++self->generation), NULL);
  g_object_set_data_full (G_OBJECT (task), "input", input, (GDestroyNotify) input_free);
  g_task_run_in_thread (task, compute_thread);
}

static void
point_activated_cb (CsmChart           *chart,
                    CsmChartLayer      *layer,
                    guint               position,
                    CsmConsistencyView *self)
{
  g_autoptr(CsmChartPoint) point = g_list_model_get_item (csm_chart_layer_get_model (layer),
                                                          position);
  gint64 first;

  if (point == NULL || self->shown->len == 0 || isnan (csm_chart_point_get_y (point)))
    return;
  /* The point's week, counted from the first charted. */
  first = ((CsmQaConsistencyRow *) self->shown->pdata[0])->week;
  for (guint i = 0; i < self->shown->len; i++)
    {
      const CsmQaConsistencyRow *row = g_ptr_array_index (self->shown, i);

      if (weeks_after (first, row->week) == csm_chart_point_get_x (point))
        self->week = row->week;
    }
  show_week (self);
}

static void
category_changed_cb (GObject            *object,
                     GParamSpec         *pspec,
                     CsmConsistencyView *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->category_dropdown);

  if (self->updating || item == NULL)
    return;
  g_free (self->category);
  self->category = g_strdup (gtk_string_object_get_string (item));
  self->week = 0;
  update_chart (self);
  show_week (self);
}

static void
training_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CsmConsistencyView) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *assignments = csm_workspace_list_training_finish (CSM_WORKSPACE (object), result,
                                                               &error);

  if (assignments == NULL)
    return;
  g_clear_pointer (&self->assignments, g_ptr_array_unref);
  self->assignments = assignments;
  show_week (self);
}

static void
csm_consistency_view_dispose (GObject *object)
{
  CsmConsistencyView *self = CSM_CONSISTENCY_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), CSM_TYPE_CONSISTENCY_VIEW);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (csm_consistency_view_parent_class)->dispose (object);
}

static void
csm_consistency_view_finalize (GObject *object)
{
  CsmConsistencyView *self = CSM_CONSISTENCY_VIEW (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_clear_pointer (&self->assignments, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->weeks, g_hash_table_unref);
  g_free (self->category);
  G_OBJECT_CLASS (csm_consistency_view_parent_class)->finalize (object);
}

static void
csm_consistency_view_class_init (CsmConsistencyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_consistency_view_dispose;
  object_class->finalize = csm_consistency_view_finalize;

  g_type_ensure (CSM_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-consistency-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmConsistencyView, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmConsistencyView, status_label);
  gtk_widget_class_bind_template_child (widget_class, CsmConsistencyView, chart);
  gtk_widget_class_bind_template_child (widget_class, CsmConsistencyView, week_label);
  gtk_widget_class_bind_template_child (widget_class, CsmConsistencyView, agents_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
csm_consistency_view_init (CsmConsistencyView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->shown = g_ptr_array_new ();
  csm_chart_set_description (self->chart,
                             _("The standard deviation and the range of the agents’ IQS in the "
                               "category, one point a week, oldest first; lower is more "
                               "consistent. Choose a week to list its agents."));
  csm_chart_set_empty_text (self->chart, _("No week with two agents yet"));
  csm_chart_set_x_format_func (self->chart, x_format, self, NULL);
  g_signal_connect (self->chart, "point-activated", G_CALLBACK (point_activated_cb), self);
  g_signal_connect (self->category_dropdown, "notify::selected",
                    G_CALLBACK (category_changed_cb), self);
  rebuild (self);
}

/**
 * csm_consistency_view_set_workspace:
 * @workspace: (nullable): where the agents' training is read from
 */
void
csm_consistency_view_set_workspace (CsmConsistencyView *self,
                                    CsmWorkspace       *workspace)
{
  g_return_if_fail (CSM_IS_CONSISTENCY_VIEW (self));

  g_set_object (&self->workspace, workspace);
  /* Nothing of another workspace is shown. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  self->computing = FALSE;
  g_clear_pointer (&self->assignments, g_ptr_array_unref);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->weeks, g_hash_table_unref);
  g_ptr_array_set_size (self->shown, 0);
  rebuild (self);
}

/**
 * csm_consistency_view_set_reviews:
 * @reviews: (element-type CsmQaReview): every review the workspace shows
 * @now: the page's now: the last week is the one holding it
 */
void
csm_consistency_view_set_reviews (CsmConsistencyView *self,
                                  GPtrArray          *reviews,
                                  gint64              now)
{
  g_return_if_fail (CSM_IS_CONSISTENCY_VIEW (self));
  g_return_if_fail (reviews != NULL);

  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  self->reviews = g_ptr_array_ref (reviews);
  self->now = now;
  /* The drill-down's reviews are positions in the array it was computed
   * from: nothing of it is shown until it is computed from this one. */
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->weeks, g_hash_table_unref);
  g_ptr_array_set_size (self->shown, 0);
  if (self->workspace != NULL)
    csm_workspace_list_training_async (self->workspace, self->cancellable, training_cb,
                                       g_object_ref (self));
  compute (self);
}

/**
 * csm_consistency_view_select:
 * @week: its Monday 00:00, or 0 for the latest
 *
 * Returns: whether @category has that week charted; it is then listed
 */
gboolean
csm_consistency_view_select (CsmConsistencyView *self,
                             const char         *category,
                             gint64              week)
{
  GListModel *model;

  g_return_val_if_fail (CSM_IS_CONSISTENCY_VIEW (self), FALSE);

  model = gtk_drop_down_get_model (self->category_dropdown);
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), category) == 0)
        {
          gtk_drop_down_set_selected (self->category_dropdown, i);
          self->week = week;
          show_week (self);
          return week == 0 || shown_week (self)->week == week;
        }
    }
  return FALSE;
}

/**
 * csm_consistency_view_get_rows:
 *
 * Returns: (nullable) (element-type CsmQaConsistencyRow): what is charted,
 *   every category
 */
GPtrArray *
csm_consistency_view_get_rows (CsmConsistencyView *self)
{
  g_return_val_if_fail (CSM_IS_CONSISTENCY_VIEW (self), NULL);
  return self->computing ? NULL : self->rows;
}

GtkWidget *
csm_consistency_view_get_chart (CsmConsistencyView *self)
{
  g_return_val_if_fail (CSM_IS_CONSISTENCY_VIEW (self), NULL);
  return GTK_WIDGET (self->chart);
}
