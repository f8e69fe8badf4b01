/* csm-calibration-view.c: calibration sessions: a reviewer's blind conversations, and how far the reviewers agree.
 *
 * The sessions are the workspace's (csm_workspace_list_calibrations_async
 * ()), the results core's (csm_qa_calibration_compute ()) over the same
 * reviews `--export=calibration` reads, computed on a worker thread. A
 * reviewer of a session who has not submitted every conversation sees
 * their conversations and not the results: the workspace would not show
 * them the others' reviews anyway, and a half-blind table would mislead.
 * "Review" opens a conversation with a calibration form on the Review
 * tab (the "quality.calibrate" action).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-calibration-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "csm-calibration-dialog.h"
#include "csm-calibration-rows.h"
#include "csm-calibration-view.h"
#include "csm-chart.h"
#include "csm-chart-line-layer.h"
#include "csm-chart-point.h"
#include "csm-list-box.h"

struct _CsmCalibrationView
{
  GtkWidget parent_instance;

  CsmWorkspace *workspace;    /* (owned) (nullable) */
  char *me;
  char *scorecard;            /* (owned) (nullable): what new sessions are scored on */
  GCancellable *cancellable;  /* (owned): listing */
  GCancellable *computing;    /* (owned) (nullable): the latest computation */
  GPtrArray *sessions;        /* (owned) (nullable): CsmQaCalibrationSession, by deadline */
  GPtrArray *reviews;         /* (owned) (nullable): CsmQaReview */
  GPtrArray *results;         /* (owned) (nullable): CsmQaCalibration, one a session */
  gint64 now;
  char *selected;             /* (owned) (nullable): the session shown */
  gboolean rebuilding;
  gboolean results_shown;

  GtkButton *new_button;
  GtkListBox *sessions_list;
  GtkStack *detail_stack;
  AdwStatusPage *empty_status;
  GtkLabel *title_label;
  GtkLabel *meta_label;
  GtkLabel *mine_title;
  GtkListBox *mine_list;
  GtkLabel *blind_label;
  GtkBox *results_box;
  GtkListBox *categories_list;
  GtkLabel *reviewers_title;
  GtkListBox *reviewers_list;
  CsmChart *trend_chart;
};

G_DEFINE_FINAL_TYPE (CsmCalibrationView, csm_calibration_view, GTK_TYPE_WIDGET)

static void rebuild (CsmCalibrationView *self);

static char *
format_day (gint64 unix_time)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (unix_time);

  /* Translators: a deadline, see g_date_time_format () */
  return g_date_time_format (local, _("%a %e %b, %H:%M"));
}

/* ------------------------------------------------------------------------ */
/* The results, on a worker thread                                          */

typedef struct
{
  GPtrArray *sessions;  /* (owned) */
  GPtrArray *reviews;   /* (owned) */
} Computation;

static void
computation_free (Computation *c)
{
  g_ptr_array_unref (c->sessions);
  g_ptr_array_unref (c->reviews);
  g_free (c);
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Computation *c = data;
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_calibration_free);

  for (guint i = 0; i < c->sessions->len; i++)
    {
      const CsmQaCalibrationSession *session = g_ptr_array_index (c->sessions, i);

      if (g_cancellable_is_cancelled (cancellable))
        break;
      g_ptr_array_add (results, csm_qa_calibration_compute (c->reviews, session->name,
                                                            session->gold,
                                                            CSM_QA_CALIBRATION_RESAMPLES,
                                                            CSM_QA_CALIBRATION_SEED));
    }
  g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

static void
computed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CsmCalibrationView *self = CSM_CALIBRATION_VIEW (object);
  g_autoptr(GPtrArray) results = g_task_propagate_pointer (G_TASK (result), NULL);

  /* Cancelled: a newer computation or the view's end. */
  if (results == NULL || g_task_get_task_data (G_TASK (result)) == NULL ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  g_clear_pointer (&self->results, g_ptr_array_unref);
  self->results = g_steal_pointer (&results);
  rebuild (self);
}

static void
compute (CsmCalibrationView *self)
{
  g_autoptr(GTask) task = NULL;
  Computation *c;

  if (self->sessions == NULL || self->reviews == NULL)
    {
      rebuild (self);
      return;
    }
  g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);
  self->computing = g_cancellable_new ();
  c = g_new0 (Computation, 1);
  c->sessions = g_ptr_array_ref (self->sessions);
  c->reviews = g_ptr_array_ref (self->reviews);
  task = g_task_new (self, self->computing, computed_cb, NULL);
  g_task_set_source_tag (task, compute);
  g_task_set_task_data (task, c, (GDestroyNotify) computation_free);
  g_task_run_in_thread (task, compute_thread);
}

/* ------------------------------------------------------------------------ */
/* What is shown                                                            */

static const CsmQaCalibrationSession *
find_session (CsmCalibrationView *self,
              const char         *name,
              guint              *index)
{
  for (guint i = 0; self->sessions != NULL && i < self->sessions->len; i++)
    {
      const CsmQaCalibrationSession *session = g_ptr_array_index (self->sessions, i);

      if (g_strcmp0 (session->name, name) == 0)
        {
          if (index != NULL)
            *index = i;
          return session;
        }
    }
  return NULL;
}

/* The results of @session, by name: the sessions may have been read
 * again, in another order, since they were computed. */
static const CsmQaCalibration *
results_for (CsmCalibrationView *self,
             const char         *session)
{
  for (guint i = 0; self->results != NULL && i < self->results->len; i++)
    {
      const CsmQaCalibration *c = g_ptr_array_index (self->results, i);

      if (g_strcmp0 (c->session, session) == 0)
        return c;
    }
  return NULL;
}

static gboolean
is_reviewer (CsmCalibrationView            *self,
             const CsmQaCalibrationSession *session)
{
  return self->me != NULL && g_strv_contains ((const char * const *) session->reviewers, self->me);
}

static gboolean
has_finished (CsmCalibrationView            *self,
              const CsmQaCalibrationSession *session)
{
  return self->me != NULL && g_strv_contains ((const char * const *) session->finished, self->me);
}

/* Whether I have submitted a review of @conversation in @session. */
static gboolean
submitted (CsmCalibrationView *self,
           const char         *session,
           const char         *conversation)
{
  for (guint i = 0; self->reviews != NULL && i < self->reviews->len; i++)
    {
      const CsmQaReview *r = g_ptr_array_index (self->reviews, i);

      if (g_strcmp0 (r->calibration_session, session) == 0 &&
          g_strcmp0 (r->conversation, conversation) == 0 && g_strcmp0 (r->reviewer, self->me) == 0)
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
session_row (CsmCalibrationView            *self,
             const CsmQaCalibrationSession *session)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (session->name);
  GtkWidget *detail;
  g_autofree char *due = format_day (session->deadline);
  g_autofree char *text = NULL;
  guint n_reviewers = g_strv_length (session->reviewers);
  guint n_finished = g_strv_length (session->finished);
  const char *badge = NULL;

  if (is_reviewer (self, session) && !has_finished (self, session))
    badge = session->deadline < self->now ? _("Overdue: your turn") : _("Your turn");
  else if (n_finished < n_reviewers && session->deadline < self->now)
    badge = _("Overdue");
  /* Translators: a calibration session in the list: its deadline, who has
   * submitted everything (a reviewer sees only themselves among the
   * reviewers, so the count is of those who finished) */
  text = is_reviewer (self, session) && !(csm_workspace_get_permissions (self->workspace) &
                                          CSM_WORKSPACE_ASSIGNS)
         ? g_strdup_printf (_("Due %s · %u finished"), due, n_finished)
         : g_strdup_printf (_("Due %s · %u of %u finished"), due, n_finished, n_reviewers);
  if (badge != NULL)
    {
      g_autofree char *with_badge = g_strdup_printf ("%s · %s", text, badge);

      g_free (text);
      text = g_steal_pointer (&with_badge);
    }
  detail = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_widget_add_css_class (detail, badge != NULL ? "warning" : "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "session", g_strdup (session->name), g_free);
  {
    g_autofree char *accessible = g_strdup_printf ("%s: %s", session->name, text);

    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    accessible, -1);
  }
  return row;
}

static void
show_mine (CsmCalibrationView            *self,
           const CsmQaCalibrationSession *session)
{
  guint left = 0;
  guint total = g_strv_length (session->conversations);

  csm_list_box_remove_all (self->mine_list);
  for (guint i = 0; session->conversations[i] != NULL; i++)
    {
      const char *conversation = session->conversations[i];
      g_autofree char *title = g_strdup_printf (_("Conversation #%s"), conversation);
      gboolean done = submitted (self, session->name, conversation);
      GtkWidget *end;

      if (done)
        {
          end = gtk_label_new (_("Submitted"));
          gtk_widget_add_css_class (end, "success");
        }
      else
        {
          end = gtk_button_new_with_mnemonic (_("_Review"));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (end), "quality.calibrate");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (end), "(ss)", session->name,
                                            conversation);
          gtk_widget_set_valign (end, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (end), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          title, -1);
          left++;
        }
      {
        GtkWidget *label = gtk_label_new (title);

        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_list_box_append (self->mine_list, _csm_calibration_row (label, end, NULL));
      }
    }
  if (left > 0)
    {
      g_autofree char *text = NULL;

      /* Translators: a reviewer's calibration still to do */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Blind calibration: the other reviewers’ scores and "
                                           "the results appear once you have submitted all %u "
                                           "conversations (%u to go). Score each as you would "
                                           "any review; your first submission is the one that "
                                           "counts.",
                                           "Blind calibration: the other reviewers’ scores and "
                                           "the results appear once you have submitted all %u "
                                           "conversations (%u to go). Score each as you would "
                                           "any review; your first submission is the one that "
                                           "counts.", total), total, left);
      gtk_label_set_text (self->blind_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->blind_label), left > 0);
}

static char *
x_format (double   value,
          gpointer user_data)
{
  CsmCalibrationView *self = user_data;
  guint i = (guint) MAX (0, round (value));

  return self->sessions != NULL && i < self->sessions->len
         ? g_strdup (((CsmQaCalibrationSession *) g_ptr_array_index (self->sessions, i))->name)
         : g_strdup ("");
}

/* Grade the grader: each reviewer's agreement, session after session. */
static void
update_trend (CsmCalibrationView *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  csm_chart_remove_all_layers (self->trend_chart);
  for (guint s = 0; self->sessions != NULL && s < self->sessions->len; s++)
    {
      const CsmQaCalibration *c = results_for (self, ((CsmQaCalibrationSession *)
                                                      self->sessions->pdata[s])->name);

      if (c == NULL)
        continue;

      for (guint i = 0; i < c->reviewers->len; i++)
        {
          const CsmQaCalibrationReviewer *r = g_ptr_array_index (c->reviewers, i);

          if (r->defined && g_hash_table_add (seen, r->reviewer))
            g_ptr_array_add (names, r->reviewer);
        }
    }
  for (guint n = 0; n < names->len; n++)
    {
      g_autoptr(GListStore) points = g_list_store_new (CSM_TYPE_CHART_POINT);
      g_autoptr(CsmChartLayer) layer = NULL;

      for (guint s = 0; s < self->sessions->len; s++)
        {
          const CsmQaCalibration *c = results_for (self, ((CsmQaCalibrationSession *)
                                                          self->sessions->pdata[s])->name);
          double agreement = NAN;
          g_autofree char *label = NULL;
          g_autoptr(CsmChartPoint) point = NULL;

          for (guint i = 0; c != NULL && i < c->reviewers->len; i++)
            {
              const CsmQaCalibrationReviewer *r = g_ptr_array_index (c->reviewers, i);

              if (r->defined && g_strcmp0 (r->reviewer, names->pdata[n]) == 0)
                agreement = r->agreement;
            }
          if (!isnan (agreement))
            {
              g_autofree char *value = _csm_calibration_format_number (agreement, 1);

              /* Translators: a point of the grade-the-grader chart */
              label = g_strdup_printf (_("%s in “%s”: agreement %s"), (char *) names->pdata[n],
                                       c->session, value);
            }
          point = csm_chart_point_new (s, agreement, label);
          g_list_store_append (points, point);
        }
      layer = csm_chart_line_layer_new (names->pdata[n], G_LIST_MODEL (points));
      csm_chart_add_layer (self->trend_chart, layer);
    }
  csm_chart_set_y_range (self->trend_chart, 0, 100);
  csm_chart_set_x_step (self->trend_chart, 1);
}

static void
show_session (CsmCalibrationView *self)
{
  guint index = 0;
  const CsmQaCalibrationSession *session = find_session (self, self->selected, &index);
  const CsmQaCalibration *results = NULL;
  g_autofree char *due = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *finished = NULL;
  gboolean blind;

  if (session == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      self->results_shown = FALSE;
      return;
    }
  results = results_for (self, session->name);
  gtk_label_set_text (self->title_label, session->name);
  due = format_day (session->deadline);
  finished = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u conversation; %u of the reviewers have "
                                           "submitted it",
                                           "%u conversations; %u of the reviewers have "
                                           "submitted them all",
                                           g_strv_length (session->conversations)),
                              g_strv_length (session->conversations),
                              g_strv_length (session->finished));
  /* Translators: a calibration session: scorecard, deadline, who set it up,
   * progress */
  meta = session->gold != NULL
         ? g_strdup_printf (_("Scored on “%s” · due %s · set up by %s · gold standard: %s · %s"),
                            session->scorecard, due, session->created_by, session->gold, finished)
         : g_strdup_printf (_("Scored on “%s” · due %s · set up by %s · %s"), session->scorecard,
                            due, session->created_by, finished);
  gtk_label_set_text (self->meta_label, meta);

  gtk_widget_set_visible (GTK_WIDGET (self->mine_title), is_reviewer (self, session));
  gtk_widget_set_visible (GTK_WIDGET (self->mine_list), is_reviewer (self, session));
  if (is_reviewer (self, session))
    show_mine (self, session);
  else
    gtk_widget_set_visible (GTK_WIDGET (self->blind_label), FALSE);

  /* Blind until I have submitted them all. */
  blind = is_reviewer (self, session) && !has_finished (self, session);
  self->results_shown = !blind && results != NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->results_box), self->results_shown);
  csm_list_box_remove_all (self->categories_list);
  csm_list_box_remove_all (self->reviewers_list);
  if (self->results_shown)
    {
      g_autofree char *title = NULL;

      for (guint i = 0; i < results->categories->len; i++)
        gtk_list_box_append (self->categories_list,
                             _csm_calibration_category_row (g_ptr_array_index (results->categories, i)));
      if (results->categories->len == 0)
        {
          GtkWidget *label = gtk_label_new (_("No review of this session yet"));

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_list_box_append (self->categories_list, _csm_calibration_row (label, NULL, NULL));
        }
      title = results->gold != NULL
              ? g_strdup_printf (_("Reviewers against the gold standard (%s)"), results->gold)
              : g_strdup (_("Reviewers against the others’ mean"));
      gtk_label_set_text (self->reviewers_title, title);
      for (guint i = 0; i < results->reviewers->len; i++)
        gtk_list_box_append (self->reviewers_list,
                             _csm_calibration_reviewer_row (g_ptr_array_index (results->reviewers, i)));
      update_trend (self);
    }
  gtk_stack_set_visible_child_name (self->detail_stack, "session");
}

static void
rebuild (CsmCalibrationView *self)
{
  GtkListBoxRow *selected_row = NULL;
  gboolean assigns = self->workspace != NULL &&
                     (csm_workspace_get_permissions (self->workspace) & CSM_WORKSPACE_ASSIGNS);

  gtk_widget_set_visible (GTK_WIDGET (self->new_button), assigns);
  /* A session is scored on the scorecard new reviews use: none, none. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calibration.new-session",
                                 self->workspace != NULL && self->scorecard != NULL);
  adw_status_page_set_description (self->empty_status,
                                   self->workspace == NULL
                                   ? _("The QA workspace is not open yet.")
                                   : self->sessions == NULL
                                   ? _("Reading the sessions…")
                                   : self->sessions->len == 0 && assigns
                                   ? _("Several reviewers score the same conversations without "
                                       "seeing each other’s scores; the console then measures "
                                       "how far they agree. Set one up with New Session….")
                                   : self->sessions->len == 0
                                   ? _("No calibration session includes you yet. A lead sets "
                                       "them up.")
                                   : _("Choose a session."));
  self->rebuilding = TRUE;
  csm_list_box_remove_all (self->sessions_list);
  for (guint i = 0; self->sessions != NULL && i < self->sessions->len; i++)
    {
      const CsmQaCalibrationSession *session = g_ptr_array_index (self->sessions, i);
      GtkWidget *row = session_row (self, session);

      gtk_list_box_append (self->sessions_list, row);
      if (g_strcmp0 (session->name, self->selected) == 0)
        selected_row = GTK_LIST_BOX_ROW (row);
    }
  if (selected_row == NULL)
    g_clear_pointer (&self->selected, g_free);
  gtk_list_box_select_row (self->sessions_list, selected_row);
  self->rebuilding = FALSE;
  show_session (self);
}

/* ------------------------------------------------------------------------ */

static int
by_deadline (gconstpointer a,
             gconstpointer b)
{
  const CsmQaCalibrationSession *x = *(CsmQaCalibrationSession * const *) a;
  const CsmQaCalibrationSession *y = *(CsmQaCalibrationSession * const *) b;

  if (x->deadline != y->deadline)
    return x->deadline < y->deadline ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

static void
sessions_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CsmCalibrationView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = csm_workspace_list_calibrations_finish (CSM_WORKSPACE (object),
                                                                          result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      CSM_WORKSPACE (object) != self->workspace)
    return;
  if (sessions == NULL)
    {
      adw_status_page_set_description (self->empty_status, error->message);
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }
  g_ptr_array_sort (sessions, by_deadline);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  self->sessions = g_steal_pointer (&sessions);
  if (self->selected == NULL && self->sessions->len > 0)
    self->selected = g_strdup (((CsmQaCalibrationSession *) g_ptr_array_index (
                                  self->sessions, self->sessions->len - 1))->name);
  compute (self);
}

/**
 * csm_calibration_view_refresh:
 *
 * Reads the sessions again (after a review was submitted or a session
 * set up).
 */
void
csm_calibration_view_refresh (CsmCalibrationView *self)
{
  g_return_if_fail (CSM_IS_CALIBRATION_VIEW (self));

  if (self->workspace == NULL)
    {
      rebuild (self);
      return;
    }
  csm_workspace_list_calibrations_async (self->workspace, self->cancellable, sessions_cb,
                                         g_object_ref (self));
}

static void
row_selected_cb (GtkListBox         *list,
                 GtkListBoxRow      *row,
                 CsmCalibrationView *self)
{
  if (self->rebuilding || row == NULL)
    return;
  g_free (self->selected);
  self->selected = g_strdup (g_object_get_data (G_OBJECT (row), "session"));
  show_session (self);
}

static void
dialog_done_cb (CsmCalibrationDialog *dialog,
                const char           *session,
                CsmCalibrationView   *self)
{
  g_free (self->selected);
  self->selected = g_strdup (session);
  csm_calibration_view_refresh (self);
}

static void
new_session_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  CsmCalibrationView *self = CSM_CALIBRATION_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  CsmCalibrationDialog *dialog;

  if (self->workspace == NULL)
    return;
  dialog = csm_calibration_dialog_new (self->workspace, self->scorecard, self->now);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "created", G_CALLBACK (dialog_done_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
csm_calibration_view_dispose (GObject *object)
{
  CsmCalibrationView *self = CSM_CALIBRATION_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->computing);
  self->rebuilding = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (object), CSM_TYPE_CALIBRATION_VIEW);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (csm_calibration_view_parent_class)->dispose (object);
}

static void
csm_calibration_view_finalize (GObject *object)
{
  CsmCalibrationView *self = CSM_CALIBRATION_VIEW (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->computing);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_free (self->me);
  g_free (self->scorecard);
  g_free (self->selected);
  G_OBJECT_CLASS (csm_calibration_view_parent_class)->finalize (object);
}

static void
csm_calibration_view_class_init (CsmCalibrationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_calibration_view_dispose;
  object_class->finalize = csm_calibration_view_finalize;

  g_type_ensure (CSM_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-calibration-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationView, new_button);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationView, sessions_list);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationView, empty_status);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationView, title_label);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationView, mine_title);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationView, mine_list);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationView, blind_label);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationView, results_box);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationView, categories_list);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationView, reviewers_title);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationView, reviewers_list);
  gtk_widget_class_bind_template_child (widget_class, CsmCalibrationView, trend_chart);
  gtk_widget_class_install_action (widget_class, "calibration.new-session", NULL,
                                   new_session_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
csm_calibration_view_init (CsmCalibrationView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  csm_chart_set_title (self->trend_chart, _("Grade the grader: agreement session by session"));
  csm_chart_set_description (self->trend_chart,
                             _("Each reviewer’s agreement with the reference (100 = always "
                               "the same score), one point a session, oldest first"));
  csm_chart_set_empty_text (self->trend_chart, _("No reviewer to compare yet"));
  csm_chart_set_x_format_func (self->trend_chart, x_format, self, NULL);
  g_signal_connect (self->sessions_list, "row-selected", G_CALLBACK (row_selected_cb), self);
  rebuild (self);
}

/**
 * csm_calibration_view_set_workspace:
 * @workspace: (nullable): the workspace, or %NULL once it is closed
 * @me: (nullable): who is looking: their reviews and sessions
 */
void
csm_calibration_view_set_workspace (CsmCalibrationView *self,
                                    CsmWorkspace       *workspace,
                                    const char         *me)
{
  g_return_if_fail (CSM_IS_CALIBRATION_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->computing);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->workspace, workspace);
  g_free (self->me);
  self->me = g_strdup (me);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  csm_calibration_view_refresh (self);
}

/**
 * csm_calibration_view_set_reviews:
 * @reviews: (element-type CsmQaReview): every review the workspace shows
 *   this person
 */
void
csm_calibration_view_set_reviews (CsmCalibrationView *self,
                                  GPtrArray          *reviews,
                                  gint64              now)
{
  g_return_if_fail (CSM_IS_CALIBRATION_VIEW (self));
  g_return_if_fail (reviews != NULL);

  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  self->reviews = g_ptr_array_ref (reviews);
  self->now = now;
  /* Who has finished may have changed with the reviews. */
  csm_calibration_view_refresh (self);
}

/**
 * csm_calibration_view_set_scorecard:
 * @scorecard: (nullable): the scorecard new sessions are scored on, by name
 */
void
csm_calibration_view_set_scorecard (CsmCalibrationView *self,
                                    const char         *scorecard)
{
  g_return_if_fail (CSM_IS_CALIBRATION_VIEW (self));

  g_free (self->scorecard);
  self->scorecard = g_strdup (scorecard);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calibration.new-session",
                                 self->workspace != NULL && self->scorecard != NULL);
}

gboolean
csm_calibration_view_select (CsmCalibrationView *self,
                             const char         *session)
{
  g_return_val_if_fail (CSM_IS_CALIBRATION_VIEW (self), FALSE);

  if (find_session (self, session, NULL) == NULL)
    return FALSE;
  g_free (self->selected);
  self->selected = g_strdup (session);
  rebuild (self);
  return TRUE;
}

guint
csm_calibration_view_get_n_sessions (CsmCalibrationView *self)
{
  g_return_val_if_fail (CSM_IS_CALIBRATION_VIEW (self), 0);
  return self->sessions != NULL ? self->sessions->len : 0;
}

/**
 * csm_calibration_view_get_results:
 *
 * Returns: (nullable): the results shown for @session, once computed
 */
const CsmQaCalibration *
csm_calibration_view_get_results (CsmCalibrationView *self,
                                  const char         *session)
{
  g_return_val_if_fail (CSM_IS_CALIBRATION_VIEW (self), NULL);

  return find_session (self, session, NULL) != NULL ? results_for (self, session) : NULL;
}

/* Whether the selected session's results are on screen (not blind). */
gboolean
csm_calibration_view_results_shown (CsmCalibrationView *self)
{
  g_return_val_if_fail (CSM_IS_CALIBRATION_VIEW (self), FALSE);
  return self->results_shown;
}
