/* csm-quality-results.c: IQS for a period by agent, queue, category or reviewer, its trend, the reviews behind it.
 *
 * Every number here is core's (csm_qa_iqs_compute () and
 * csm_qa_iqs_trend ()), over the same reviews `--export=qa` reads, so the
 * page and the export agree. Choosing a group shows its trend and the
 * reviews behind its number; choosing a point of the trend shows the
 * reviews of that day or week. A review opens its conversation on the
 * Review tab (the "quality.open-conversation" action).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-quality-results"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "csm-list-box.h"
#include "csm-chart.h"
#include "csm-chart-line-layer.h"
#include "csm-chart-point.h"
#include "csm-qa-iqs.h"
#include "csm-qa-margin.h"
#include "csm-quality-results.h"

#define DAY (24 * 3600)

static const CsmQaGrouping groupings[] = {
  CSM_QA_GROUP_AGENT, CSM_QA_GROUP_QUEUE, CSM_QA_GROUP_CATEGORY, CSM_QA_GROUP_REVIEWER,
};
static const int period_days[] = { 7, 30, 90 };

struct _CsmQualityResults
{
  GtkWidget parent_instance;

  GPtrArray *reviews;         /* (owned) (nullable): CsmQaReview */
  GHashTable *queues;         /* (owned) (nullable) */
  gint64 now;
  char *selected;             /* (owned) (nullable): the chosen group */
  GPtrArray *trend;           /* (owned) (nullable): CsmQaIqsRow a bucket */
  GPtrArray *rows;            /* (owned) (nullable): the table's CsmQaIqsRow */
  GPtrArray *overall;         /* (owned) (nullable): the period's one row */
  char *iqs_text;
  gboolean rebuilding;

  GtkLabel *iqs_label;
  GtkLabel *explain_label;
  GtkDropDown *grouping_dropdown;
  GtkDropDown *period_dropdown;
  GtkLabel *table_title;
  GtkListBox *groups_list;
  CsmChart *trend_chart;
  GtkLabel *drill_title;
  GtkButton *train_button;
  GtkListBox *reviews_list;
  gboolean may_assign;
};

G_DEFINE_FINAL_TYPE (CsmQualityResults, csm_quality_results, GTK_TYPE_WIDGET)

static CsmQaGrouping
grouping (CsmQualityResults *self)
{
  guint i = gtk_drop_down_get_selected (self->grouping_dropdown);

  return i < G_N_ELEMENTS (groupings) ? groupings[i] : CSM_QA_GROUP_AGENT;
}

static int
days (CsmQualityResults *self)
{
  guint i = gtk_drop_down_get_selected (self->period_dropdown);

  return i < G_N_ELEMENTS (period_days) ? period_days[i] : 30;
}

static char *
format_iqs (const CsmQaIqsRow *row)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!row->defined)
    return g_strdup ("—");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", csm_qa_round1 (row->iqs)));
}

static char *
format_day (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  /* Translators: a day on a chart's axis, see g_date_time_format () */
  return g_date_time_format (local, _("%e %b"));
}

/* The reviews at @members, newest first, each opening its conversation. */
static void
show_reviews (CsmQualityResults *self,
              const char        *title,
              GArray            *members)
{
  gtk_label_set_text (self->drill_title, title);
  csm_list_box_remove_all (self->reviews_list);
  for (guint i = members != NULL ? members->len : 0; i-- > 0;)
    {
      const CsmQaReview *review = g_ptr_array_index (self->reviews,
                                                     g_array_index (members, guint, i));
      CsmQaScore score = csm_qa_review_get_score (review);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label, *value;
      g_autofree char *when = format_day (review->submitted);
      g_autofree char *text = NULL;
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      /* Translators: a review in a list: conversation, agent, reviewer, day */
      text = g_strdup_printf (_("#%s · %s · reviewed by %s · %s"), review->conversation,
                              review->agent, review->reviewer, when);
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      value = gtk_label_new (score.defined ? g_ascii_formatd (buf, sizeof buf, "%.1f",
                                                              csm_qa_round1 (score.value))
                                           : "—");
      gtk_widget_add_css_class (value, "numeric");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), value);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "quality.open-conversation");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", review->conversation);
      gtk_list_box_append (self->reviews_list, row);
    }
}

static char *
x_format (double   value,
          gpointer user_data)
{
  CsmQualityResults *self = user_data;
  guint i = (guint) MAX (value, 0);

  if (self->trend == NULL || i >= self->trend->len)
    return g_strdup ("");
  return format_day (g_ascii_strtoll (((CsmQaIqsRow *) g_ptr_array_index (self->trend, i))->group,
                                      NULL, 10) + 12 * 3600);
}

static void
update_trend (CsmQualityResults *self)
{
  int n_days = days (self);
  gint64 step = n_days <= 30 ? DAY : 7 * DAY;
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (self->now);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                         g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now),
                                                         0, 0, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (midnight, 1);
  /* Days end at local midnight; a DST change in the window moves the
   * earlier boundaries by its hour (labels name each bucket by its middle). */
  gint64 to = g_date_time_to_unix (tomorrow);
  gint64 from = to - (gint64) ((n_days * DAY + step - 1) / step) * step;
  g_autoptr(GListStore) points = g_list_store_new (CSM_TYPE_CHART_POINT);
  g_autoptr(CsmChartLayer) layer = NULL;
  g_autofree char *title = NULL;

  g_clear_pointer (&self->trend, g_ptr_array_unref);
  self->trend = csm_qa_iqs_trend (self->reviews, self->selected != NULL ? grouping (self)
                                                                        : CSM_QA_GROUP_NONE,
                                  self->selected, self->queues, from, to, step);
  for (guint i = 0; i < self->trend->len; i++)
    {
      const CsmQaIqsRow *row = g_ptr_array_index (self->trend, i);
      g_autofree char *label = NULL;
      g_autofree char *value = format_iqs (row);

      /* Translators: a point of the IQS trend: value and number of reviews */
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "IQS %s from %u review",
                                            "IQS %s from %u reviews", row->reviews),
                               value, row->reviews);
      g_autoptr(CsmChartPoint) point = csm_chart_point_new (i, row->defined ? row->iqs : NAN,
                                                            label);

      g_list_store_append (points, point);
    }
  csm_chart_remove_all_layers (self->trend_chart);
  title = self->selected != NULL ? g_strdup_printf (_("IQS of %s"), self->selected)
                                 : g_strdup (_("IQS of all reviews"));
  layer = csm_chart_line_layer_new (title, G_LIST_MODEL (points));
  csm_chart_add_layer (self->trend_chart, layer);
  csm_chart_set_title (self->trend_chart, step == DAY ? _("IQS day by day")
                                                      : _("IQS week by week"));
  csm_chart_set_y_range (self->trend_chart, 0, 100);
  csm_chart_set_x_step (self->trend_chart, 1);
}

/* "81.0 ± 9.2": an agent's IQS with its 95 % margin (core's
 * csm_qa_margin () over the scores behind it), else the IQS alone. */
static char *
format_with_margin (GPtrArray         *reviews,
                    const CsmQaIqsRow *row,
                    CsmQaGrouping      by)
{
  g_autofree char *iqs = format_iqs (row);
  g_autoptr(GArray) scores = NULL;
  CsmQaMargin margin;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (by != CSM_QA_GROUP_AGENT || row->members == NULL || row->members->len < 2)
    return g_steal_pointer (&iqs);
  scores = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < row->members->len; i++)
    {
      double score = csm_qa_review_get_score (g_ptr_array_index (
                                                reviews, g_array_index (row->members, guint, i))).value;

      g_array_append_val (scores, score);
    }
  margin = csm_qa_margin ((double *) scores->data, scores->len, 0);
  return g_strdup_printf ("%s ± %s", iqs,
                          g_ascii_formatd (buf, sizeof buf, "%.1f", margin.margin));
}

static GtkWidget *
group_row (GPtrArray         *reviews,
           const CsmQaIqsRow *row,
           CsmQaGrouping      by)
{
  GtkWidget *list_row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name, *bar, *value, *count;
  g_autofree char *iqs = format_with_margin (reviews, row, by);
  g_autofree char *counted = NULL;
  g_autofree char *accessible = NULL;
  const char *group = row->group != NULL && *row->group != '\0' ? row->group : _("(none)");

  counted = by == CSM_QA_GROUP_CATEGORY
            /* Translators: how many reviews rated a category (not N/A) */
            ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rating", "%u ratings",
                                            row->reviews), row->reviews)
            : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u review", "%u reviews",
                                            row->reviews), row->reviews);
  name = gtk_label_new (group);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  bar = gtk_level_bar_new_for_interval (0, 100);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), row->defined ? row->iqs : 0);
  gtk_widget_set_size_request (bar, 80, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  value = gtk_label_new (iqs);
  gtk_widget_add_css_class (value, "numeric");
  gtk_label_set_width_chars (GTK_LABEL (value), by == CSM_QA_GROUP_AGENT ? 12 : 5);
  gtk_label_set_xalign (GTK_LABEL (value), 1);
  count = gtk_label_new (counted);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_label_set_width_chars (GTK_LABEL (count), 10);
  gtk_label_set_xalign (GTK_LABEL (count), 1);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), count);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  g_object_set_data_full (G_OBJECT (list_row), "group", g_strdup (row->group), g_free);
  accessible = g_strdup_printf (_("%s: IQS %s, %s"), group, iqs, counted);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  return list_row;
}

/* The trend and the reviews of the chosen group, or of every review. */
static void
update_detail (CsmQualityResults *self,
               GArray            *all_members,
               GArray            *selected_members)
{
  g_autofree char *drill = NULL;

  update_trend (self);
  drill = self->selected != NULL ? g_strdup_printf (_("Reviews behind %s"), self->selected)
                                 : g_strdup (_("Reviews of the period"));
  show_reviews (self, drill, self->selected != NULL ? selected_members : all_members);
  /* From an agent's results, a lead assigns them training. */
  if (self->may_assign && self->selected != NULL && grouping (self) == CSM_QA_GROUP_AGENT)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->train_button), "(ss)",
                                        self->selected, "");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->train_button),
                                      "quality.assign-training");
      gtk_widget_set_visible (GTK_WIDGET (self->train_button), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->train_button), FALSE);
}

static void
recompute (CsmQualityResults *self)
{
  GPtrArray *overall, *rows;
  g_autoptr(GPtrArray) empty = NULL;
  g_autofree char *explain = NULL;
  gint64 from, to;
  const CsmQaIqsRow *all;
  GtkListBoxRow *selected_row = NULL;
  GArray *selected_members = NULL;

  if (self->reviews == NULL)
    {
      empty = g_ptr_array_new ();
      self->reviews = g_ptr_array_ref (empty);
    }
  /* Up to now; a version re-submitted within the same second as the one
   * before is stamped a second later, and that second counts as now. */
  to = self->now;
  for (guint i = 0; i < self->reviews->len; i++)
    to = MAX (to, ((const CsmQaReview *) g_ptr_array_index (self->reviews, i))->submitted);
  to += 1;
  from = self->now + 1 - (gint64) days (self) * DAY;

  g_clear_pointer (&self->overall, g_ptr_array_unref);
  self->overall = overall = csm_qa_iqs_compute (self->reviews, CSM_QA_GROUP_NONE, self->queues,
                                                from, to);
  all = g_ptr_array_index (overall, 0);
  g_free (self->iqs_text);
  self->iqs_text = format_iqs (all);
  gtk_label_set_text (self->iqs_label, self->iqs_text);
  explain = all->reviews > 0
            /* Translators: how the IQS of a period is computed */
            ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "IQS: the mean score of the %u review submitted in "
                                            "the last %d days (the latest version of each; "
                                            "calibration reviews do not count).",
                                            "IQS: the mean score of the %u reviews submitted in "
                                            "the last %d days (the latest version of each; "
                                            "calibration reviews do not count).", all->reviews),
                               all->reviews, days (self))
            : g_strdup_printf (_("No review was submitted in the last %d days."), days (self));
  gtk_label_set_text (self->explain_label, explain);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = rows = csm_qa_iqs_compute (self->reviews, grouping (self), self->queues, from, to);
  self->rebuilding = TRUE;
  csm_list_box_remove_all (self->groups_list);
  for (guint i = 0; i < rows->len; i++)
    {
      const CsmQaIqsRow *row = g_ptr_array_index (rows, i);
      GtkWidget *widget = group_row (self->reviews, row, grouping (self));

      gtk_list_box_append (self->groups_list, widget);
      if (self->selected != NULL && g_strcmp0 (row->group, self->selected) == 0)
        {
          selected_row = GTK_LIST_BOX_ROW (widget);
          selected_members = row->members;
        }
    }
  if (selected_row == NULL)
    g_clear_pointer (&self->selected, g_free);
  gtk_list_box_select_row (self->groups_list, selected_row);
  self->rebuilding = FALSE;
  gtk_label_set_text (self->table_title, rows->len > 0 ? _("Choose a row for its trend and reviews")
                                                       : _("Nothing to group yet"));

  update_detail (self, all->members, selected_members);
  if (empty != NULL)
    g_clear_pointer (&self->reviews, g_ptr_array_unref);
}

/* Choosing a row changes only what is shown of it: the table stays as it
 * is (rebuilding it under the list box's own selection would pull the row
 * from under its cursor). */
static void
row_selected_cb (GtkListBox        *list,
                 GtkListBoxRow     *row,
                 CsmQualityResults *self)
{
  GArray *members = NULL;

  if (self->rebuilding || self->rows == NULL || self->overall == NULL)
    return;
  g_free (self->selected);
  self->selected = row != NULL ? g_strdup (g_object_get_data (G_OBJECT (row), "group")) : NULL;
  for (guint i = 0; self->selected != NULL && i < self->rows->len; i++)
    {
      CsmQaIqsRow *r = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (r->group, self->selected) == 0)
        members = r->members;
    }
  update_detail (self, ((CsmQaIqsRow *) g_ptr_array_index (self->overall, 0))->members, members);
}

static void
settings_changed_cb (GObject           *object,
                     GParamSpec        *pspec,
                     CsmQualityResults *self)
{
  if (object == G_OBJECT (self->grouping_dropdown))
    g_clear_pointer (&self->selected, g_free);
  recompute (self);
}

static void
point_activated_cb (CsmChart          *chart,
                    CsmChartLayer     *layer,
                    guint              position,
                    CsmQualityResults *self)
{
  const CsmQaIqsRow *bucket;
  g_autofree char *day = NULL;
  g_autofree char *title = NULL;

  if (self->trend == NULL || position >= self->trend->len || self->reviews == NULL)
    return;
  bucket = g_ptr_array_index (self->trend, position);
  day = format_day (g_ascii_strtoll (bucket->group, NULL, 10) + 12 * 3600);
  /* Translators: the reviews behind one point of the IQS trend */
  title = g_strdup_printf (_("Reviews of the %s starting %s"),
                           days (self) <= 30 ? _("day") : _("week"), day);
  show_reviews (self, title, bucket->members);
}

static void
csm_quality_results_dispose (GObject *object)
{
  /* The list empties as it goes: nothing to show of it any more. */
  CSM_QUALITY_RESULTS (object)->rebuilding = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (object), CSM_TYPE_QUALITY_RESULTS);
  /* GTK 4.8 unparents only the template's named children. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (csm_quality_results_parent_class)->dispose (object);
}

static void
csm_quality_results_finalize (GObject *object)
{
  CsmQualityResults *self = CSM_QUALITY_RESULTS (object);

  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_clear_pointer (&self->queues, g_hash_table_unref);
  g_clear_pointer (&self->trend, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->overall, g_ptr_array_unref);
  g_free (self->selected);
  g_free (self->iqs_text);
  G_OBJECT_CLASS (csm_quality_results_parent_class)->finalize (object);
}

static void
csm_quality_results_class_init (CsmQualityResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_quality_results_dispose;
  object_class->finalize = csm_quality_results_finalize;

  g_type_ensure (CSM_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-quality-results.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmQualityResults, iqs_label);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityResults, explain_label);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityResults, grouping_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityResults, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityResults, table_title);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityResults, groups_list);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityResults, trend_chart);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityResults, drill_title);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityResults, train_button);
  gtk_widget_class_bind_template_child (widget_class, CsmQualityResults, reviews_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
csm_quality_results_init (CsmQualityResults *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  csm_chart_set_x_format_func (self->trend_chart, x_format, self, NULL);
  csm_chart_set_empty_text (self->trend_chart, _("No reviews in this period"));
  g_signal_connect (self->groups_list, "row-selected", G_CALLBACK (row_selected_cb), self);
  g_signal_connect (self->grouping_dropdown, "notify::selected",
                    G_CALLBACK (settings_changed_cb), self);
  g_signal_connect (self->period_dropdown, "notify::selected",
                    G_CALLBACK (settings_changed_cb), self);
  g_signal_connect (self->trend_chart, "point-activated", G_CALLBACK (point_activated_cb), self);
}

/**
 * csm_quality_results_set_reviews:
 * @reviews: (element-type CsmQaReview): every review the workspace shows this person
 * @queues: (nullable): conversation → queue name
 * @now: the page's now
 */
void
csm_quality_results_set_reviews (CsmQualityResults *self,
                                 GPtrArray         *reviews,
                                 GHashTable        *queues,
                                 gint64             now)
{
  g_return_if_fail (CSM_IS_QUALITY_RESULTS (self));
  g_return_if_fail (reviews != NULL);

  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  self->reviews = g_ptr_array_ref (reviews);
  g_clear_pointer (&self->queues, g_hash_table_unref);
  self->queues = queues != NULL ? g_hash_table_ref (queues) : NULL;
  self->now = now;
  recompute (self);
}

/**
 * csm_quality_results_set_may_assign:
 *
 * Whether the viewer assigns training (a lead): an agent's results then
 * offer it.
 */
void
csm_quality_results_set_may_assign (CsmQualityResults *self,
                                    gboolean           may_assign)
{
  g_return_if_fail (CSM_IS_QUALITY_RESULTS (self));
  self->may_assign = may_assign;
}

/**
 * csm_quality_results_get_iqs_text:
 *
 * Returns: the period's IQS as shown ("—" without reviews)
 */
const char *
csm_quality_results_get_iqs_text (CsmQualityResults *self)
{
  g_return_val_if_fail (CSM_IS_QUALITY_RESULTS (self), NULL);
  return self->iqs_text != NULL ? self->iqs_text : "—";
}
