/* csm-sampling-view.c: which conversations get reviewed: per-agent quotas drawn at random, stratified or towards risk, each agent's IQS with its precision, overdue assignments.
 *
 * A lead draws a sample of the conversations resolved this week or month
 * (csm_qa_sample ()): every pick says with what probability and why. The
 * picks are assigned to a reviewer with a due date, each with its
 * probability, so that the IQS of the reviews that come back can be
 * weighted back (csm_qa_precision_compute ()): a sample that favours risky
 * conversations does not make an agent look worse than they are. Each
 * agent's IQS shows its 95 % margin and the reviews the target margin
 * needs; `--export=precision --from=` the period's start prints the same
 * numbers. Reading the
 * customers' messages for the word list goes through the transcript
 * loader, one conversation after another, off the main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sampling-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-kpi.h"
#include "csm-list-box.h"
#include "csm-message.h"
#include "csm-qa-precision.h"
#include "csm-qa-sample.h"
#include "csm-sampling-view-private.h"
#include "csm-store.h"
#include "csm-sync-engine.h"
#include "csm-ticket.h"



G_DEFINE_FINAL_TYPE (CsmSamplingView, csm_sampling_view, GTK_TYPE_WIDGET)

static char *
format1 (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", value));
}

/* The period's start: Monday 00:00 or the 1st, here. */
static gint64
period_start (CsmSamplingView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (self->now);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                         g_date_time_get_month (now),
                                                         gtk_drop_down_get_selected (
                                                           self->period_dropdown) == 1
                                                         ? 1 : g_date_time_get_day_of_month (now),
                                                         0, 0, 0);
  g_autoptr(GDateTime) start = gtk_drop_down_get_selected (self->period_dropdown) == 1
                               ? g_date_time_ref (midnight)
                               : g_date_time_add_days (midnight,
                                                       1 - g_date_time_get_day_of_week (now));

  return g_date_time_to_unix (start);
}

static CsmQaSampleMode
sample_mode (CsmSamplingView *self)
{
  switch (gtk_drop_down_get_selected (self->mode_dropdown))
    {
    case 1:
    case 2:
      return CSM_QA_SAMPLE_STRATIFIED;
    case 3:
      return CSM_QA_SAMPLE_RISK;
    default:
      return CSM_QA_SAMPLE_RANDOM;
    }
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle,
          const char *end_text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *first = gtk_label_new (title);
  g_autofree char *accessible = g_strdup_printf ("%s. %s %s", title, subtitle != NULL ? subtitle
                                                                                         : "",
                                                 end_text != NULL ? end_text : "");

  gtk_label_set_xalign (GTK_LABEL (first), 0);
  gtk_box_append (GTK_BOX (text), first);
  if (subtitle != NULL)
    {
      GtkWidget *second = gtk_label_new (subtitle);

      gtk_label_set_xalign (GTK_LABEL (second), 0);
      gtk_label_set_wrap (GTK_LABEL (second), TRUE);
      gtk_widget_add_css_class (second, "dim-label");
      gtk_box_append (GTK_BOX (text), second);
    }
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  if (end_text != NULL)
    {
      GtkWidget *end = gtk_label_new (end_text);

      gtk_widget_add_css_class (end, "numeric");
      gtk_widget_set_valign (end, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), end);
    }
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  return row;
}

/* ------------------------------------------------------------------------ */
/* Precision and overdue assignments                                        */

static void
update_precision (CsmSamplingView *self)
{
  double target = gtk_spin_button_get_value (self->target_spin);
  g_autofree char *target_text = format1 (target);
  g_autofree char *title = NULL;
  g_autoptr(GHashTable) probabilities = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rows = NULL;
  guint overdue = 0;

  /* Translators: the heading of each agent's IQS with its precision */
  title = g_strdup_printf (_("IQS by agent this period, and the reviews ±%s needs"), target_text);
  gtk_label_set_text (self->precision_title, title);
  csm_list_box_remove_all (self->precision_list);
  csm_list_box_remove_all (self->overdue_list);
  if (self->reviews == NULL)
    return;
  for (guint i = 0; self->assignments != NULL && i < self->assignments->len; i++)
    {
      CsmQaAssignment *a = g_ptr_array_index (self->assignments, i);

      if (a->probability > 0)
        g_hash_table_insert (probabilities, a->conversation, &a->probability);
    }
  /* No finite population correction: the conversations reviewed this
   * period need not be those resolved in it; the numbers are those
   * `--export=precision --from` the period's start prints. */
  rows = csm_qa_precision_compute (self->reviews, period_start (self), self->now + 1, NULL,
                                   probabilities, target);
  for (guint i = 0; i < rows->len; i++)
    {
      const CsmQaPrecisionRow *row = g_ptr_array_index (rows, i);
      g_autofree char *iqs = format1 (row->margin.mean);
      g_autofree char *margin = row->margin.defined ? format1 (row->margin.margin) : NULL;
      g_autofree char *value = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *needs = NULL;
      g_autofree char *weighted = NULL;

      /* Translators: an agent's IQS with its margin and reviews: "81.0 ± 9.2 (12 reviews)" */
      value = margin != NULL
              ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s ± %s (%u review)",
                                              "%s ± %s (%u reviews)", row->margin.n),
                                 iqs, margin, row->margin.n)
              : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, no margin yet (%u review)",
                                              "%s, no margin yet (%u reviews)", row->margin.n),
                                 iqs, row->margin.n);
      needs = row->needed == 0 ? g_strdup (_("the reviews needed are not known yet"))
              : row->more == 0 ? g_strdup_printf (_("±%s reached"), target_text)
              : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "±%s needs %u reviews: %u more%s",
                                              "±%s needs %u reviews: %u more%s", row->more),
                                 target_text, row->needed, row->more,
                                 row->needed_from_team ? _(" (from the team’s spread)") : "");
      if (row->weighted_defined)
        {
          g_autofree char *plain = format1 (row->sampled_iqs);
          g_autofree char *corrected = format1 (row->weighted_iqs);

          /* Translators: a sample's plain and inverse-probability-weighted IQS */
          weighted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   " · sampled %u: %s, weighted for the sample "
                                                   "%s",
                                                   " · sampled %u: %s, weighted for the sample "
                                                   "%s", row->sampled),
                                      row->sampled, plain, corrected);
        }
      subtitle = g_strconcat (needs, weighted != NULL ? weighted : "", NULL);
      gtk_list_box_append (self->precision_list, text_row (row->agent, subtitle, value));
    }
  if (rows->len == 0)
    gtk_list_box_append (self->precision_list,
                         text_row (_("No review this period yet"), NULL, NULL));

  for (guint i = 0; self->assignments != NULL && i < self->assignments->len; i++)
    {
      const CsmQaAssignment *a = g_ptr_array_index (self->assignments, i);
      g_autoptr(GDateTime) due = NULL;
      g_autofree char *day = NULL;
      g_autofree char *title_text = NULL;
      g_autofree char *subtitle = NULL;

      if (csm_qa_assignment_state (a->conversation, a->reviewer, a->due, self->reviews,
                                   self->now) != CSM_QA_ASSIGNMENT_OVERDUE)
        continue;
      overdue++;
      due = g_date_time_new_from_unix_local (a->due);
      /* Translators: a due date, see g_date_time_format () */
      day = g_date_time_format (due, _("%e %b, %H:%M"));
      /* Translators: an overdue assignment: conversation, reviewer */
      title_text = g_strdup_printf (_("#%s for %s"), a->conversation, a->reviewer);
      /* Translators: when an overdue assignment was due, and who assigned it */
      subtitle = g_strdup_printf (_("due %s · assigned by %s"), day, a->assigned_by);
      gtk_list_box_append (self->overdue_list, text_row (title_text, subtitle, NULL));
    }
  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u overdue assignment",
                                                          "%u overdue assignments", overdue),
                                             overdue);

    gtk_label_set_text (self->overdue_title, overdue > 0 ? text : _("No assignment is overdue"));
  }
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_list), overdue > 0);
}

static void
assignments_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CsmSamplingView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assignments = csm_workspace_list_assignments_finish (
                                       CSM_WORKSPACE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      CSM_WORKSPACE (object) != self->workspace)
    return;
  if (assignments == NULL)
    gtk_label_set_text (self->status_label, error->message);
  g_clear_pointer (&self->assignments, g_ptr_array_unref);
  self->assignments = g_steal_pointer (&assignments);
  update_precision (self);
}

static void
list_assignments (CsmSamplingView *self)
{
  if (self->workspace != NULL)
    csm_workspace_list_assignments_async (self->workspace, self->cancellable, assignments_cb,
                                          g_object_ref (self));
}

/* ------------------------------------------------------------------------ */
/* Drawing                                                                  */

static void
show_picks (CsmSamplingView *self)
{
  csm_list_box_remove_all (self->picks_list);
  for (guint i = 0; self->picks != NULL && i < self->picks->len; i++)
    {
      const CsmQaPick *pick = g_ptr_array_index (self->picks, i);
      const CsmQaCandidate *c = &g_array_index (self->candidates, CsmQaCandidate, pick->candidate);
      g_autoptr(GPtrArray) why = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *p = NULL;
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      for (guint r = 0; r < CSM_QA_N_RISKS; r++)
        if (pick->risks & (1 << r))
          g_ptr_array_add (why, g_strdup (_(_csm_sampling_risk_names[r])));
      if (pick->words != NULL && pick->words[0] != NULL)
        {
          g_autofree char *listed = g_strjoinv (", ", pick->words);

          /* Translators: the listed words a customer wrote */
          g_ptr_array_add (why, g_strdup_printf (_("wrote “%s”"), listed));
        }
      if (why->len == 0)
        g_ptr_array_add (why, g_strdup (sample_mode (self) == CSM_QA_SAMPLE_RISK
                                        ? _("no risk signal") : _("drawn at random")));
      g_ptr_array_add (why, NULL);
      title = g_strdup_printf ("#%" G_GINT64_FORMAT " · %s", c->conversation, c->agent);
      subtitle = g_strjoinv (" · ", (char **) why->pdata);
      /* Translators: the probability a conversation was picked with */
      p = g_strdup_printf (_("p %s"), g_ascii_formatd (buf, sizeof buf, "%.2f",
                                                      pick->probability));
      gtk_list_box_append (self->picks_list, text_row (title, subtitle, p));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->assign_box), self->picks != NULL &&
                                                         self->picks->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sampling.assign",
                                 self->workspace != NULL && self->picks != NULL &&
                                 self->picks->len > 0);
}

/* What the customer wrote in a conversation, as far as it was read. */
static char *
customer_text (CsmSamplingView *self,
               gint64           id)
{
  GPtrArray *messages = self->loader != NULL ? csm_transcript_loader_peek (self->loader, id)
                                             : NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  const char *read = g_hash_table_lookup (self->read, &id);

  if (read != NULL)
    return g_strdup (read);
  for (guint i = 0; messages != NULL && i < messages->len; i++)
    if (csm_message_get_role (messages->pdata[i]) == CSM_MESSAGE_CUSTOMER)
      g_string_append_printf (text, "%s\n", csm_message_get_body (messages->pdata[i]));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
build_candidates (CsmSamplingView *self)
{
  g_auto(GStrv) new_agents = self->settings != NULL
                             ? g_settings_get_strv (self->settings, "qa-new-agents") : NULL;
  g_autofree char *csat = self->settings != NULL ? g_settings_get_string (self->settings, "cf-csat")
                                                 : g_strdup ("CSAT");
  g_autofree char *channel = self->settings != NULL
                             ? g_settings_get_string (self->settings, "cf-channel")
                             : g_strdup ("Channel");
  gint64 from = period_start (self);
  gboolean by_channel = gtk_drop_down_get_selected (self->mode_dropdown) == 2;

  g_array_set_size (self->candidates, 0);
  g_ptr_array_set_size (self->texts, 0);
  g_clear_pointer (&self->tickets, g_ptr_array_unref);
  self->tickets = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; self->conversations != NULL &&
                    i < g_list_model_get_n_items (self->conversations); i++)
    {
      CsmTicket *ticket = g_list_model_get_item (self->conversations, i);
      const char *owner = csm_ticket_get_owner (ticket);

      if (owner == NULL || g_str_equal (owner, "Nobody") || csm_ticket_get_resolved (ticket) < from)
        {
          g_object_unref (ticket);
          continue;
        }
      g_ptr_array_add (self->tickets, ticket);
    }
  for (guint i = 0; i < self->tickets->len; i++)
    {
      CsmTicket *ticket = self->tickets->pdata[i];
      gint64 id = csm_ticket_get_id (ticket);
      const CsmKpiHistory *history = self->histories != NULL
                                     ? g_hash_table_lookup (self->histories, &id) : NULL;
      CsmQaCandidate c = { 0 };
      int value = 0;

      c.conversation = id;
      c.agent = csm_ticket_get_owner (ticket);
      c.stratum = by_channel ? csm_ticket_get_custom_field (ticket, channel)
                             : csm_ticket_get_queue_name (ticket);
      c.csat = csm_ticket_get_custom_int (ticket, csat, &value) ? value : 0;
      c.sla_breached = csm_ticket_get_due (ticket) != 0 &&
                       csm_ticket_get_resolved (ticket) > csm_ticket_get_due (ticket);
      c.reopened = history != NULL && history->reopened;
      c.handle_minutes = csm_ticket_get_time_worked (ticket);
      c.new_agent = new_agents != NULL &&
                    g_strv_contains ((const char * const *) new_agents, c.agent);
      g_ptr_array_add (self->texts, customer_text (self, id));
      g_array_append_val (self->candidates, c);
    }
  for (guint i = 0; i < self->candidates->len; i++)
    g_array_index (self->candidates, CsmQaCandidate, i).customer_text = self->texts->pdata[i];
}

static void
finish_draw (CsmSamplingView *self)
{
  CsmQaRiskWeights weights;
  g_auto(GStrv) words = NULL;
  g_autofree char *text = NULL;
  GHashTable *extra;

  self->drawing = FALSE;
  build_candidates (self);
  _csm_sampling_view_read_weights (self, &weights, &words);
  g_clear_pointer (&self->picks, g_ptr_array_unref);
  /* The same period and attempt draw the same sample. */
  /* An agent whose training awaits its effect gets the reviews it needs. */
  extra = gtk_check_button_get_active (self->after_check) ? self->awaiting : NULL;
  self->picks = csm_qa_sample_with_extra ((CsmQaCandidate *) self->candidates->data,
                                          self->candidates->len,
                                          gtk_spin_button_get_value_as_int (self->quota_spin),
                                          extra, sample_mode (self), &weights,
                                          (guint32) (period_start (self) / 60) + self->attempt);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u conversation picked from %u resolved this period.",
                                       "%u conversations picked from %u resolved this period.",
                                       self->picks->len), self->picks->len,
                          self->candidates->len);
  if (extra != NULL && g_hash_table_size (extra) > 0)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            " More for %u agent whose training "
                                                            "awaits its effect.",
                                                            " More for %u agents whose training "
                                                            "awaits its effect.",
                                                            g_hash_table_size (extra)),
                                               g_hash_table_size (extra));
      char *both = g_strconcat (text, more, NULL);

      g_free (text);
      text = both;
    }
  gtk_label_set_text (self->status_label, text);
  show_picks (self);
}

static void read_next (CsmSamplingView *self);

typedef struct
{
  CsmSamplingView *view;  /* (owned) */
  gint64 id;
} Reading;

static void
transcript_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autofree Reading *reading = user_data;
  g_autoptr(CsmSamplingView) self = reading->view;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = csm_transcript_loader_load_finish (CSM_TRANSCRIPT_LOADER (object),
                                                                     result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Kept here: the loader's cache holds only the latest few. One that
   * cannot be read is drawn on what is known of it. */
  if (messages != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      gint64 *id = g_new (gint64, 1);

      *id = reading->id;
      for (guint i = 0; i < messages->len; i++)
        if (csm_message_get_role (messages->pdata[i]) == CSM_MESSAGE_CUSTOMER)
          g_string_append_printf (text, "%s\n", csm_message_get_body (messages->pdata[i]));
      g_hash_table_replace (self->read, id, g_string_free (g_steal_pointer (&text), FALSE));
    }
  read_next (self);
}

/* Reads the customers' words of the candidates not read yet, one after
 * another, then draws. */
static void
read_next (CsmSamplingView *self)
{
  while (self->tickets != NULL && self->reading < self->tickets->len)
    {
      gint64 id = csm_ticket_get_id (self->tickets->pdata[self->reading++]);
      g_autofree char *text = NULL;

      if (g_hash_table_contains (self->read, &id) ||
          csm_transcript_loader_peek (self->loader, id) != NULL)
        continue;
      text = g_strdup_printf (_("Reading what the customers wrote: %u of %u…"), self->reading,
                              self->tickets->len);
      gtk_label_set_text (self->status_label, text);
      {
        Reading *reading = g_new0 (Reading, 1);

        reading->view = g_object_ref (self);
        reading->id = id;
        csm_transcript_loader_load_async (self->loader, id, self->cancellable, transcript_cb,
                                          reading);
      }
      return;
    }
  finish_draw (self);
}

static void
histories_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CsmSamplingView) self = user_data;
  g_autoptr(GError) error = NULL;
  GHashTable *histories = csm_store_load_kpi_histories_finish (CSM_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_pointer (&self->histories, g_hash_table_unref);
  /* Without them, no conversation is known to be reopened: said. */
  if (histories == NULL)
    gtk_label_set_text (self->status_label, error->message);
  self->histories = histories;
  build_candidates (self);
  self->reading = 0;
  if (sample_mode (self) == CSM_QA_SAMPLE_RISK && self->loader != NULL)
    read_next (self);
  else
    finish_draw (self);
}

static void
draw_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  CsmSamplingView *self = CSM_SAMPLING_VIEW (widget);
  CsmSyncEngine *engine = self->loader != NULL ? csm_transcript_loader_get_engine (self->loader)
                                               : NULL;
  CsmStore *store = engine != NULL ? csm_sync_engine_get_store (engine) : NULL;

  if (self->drawing)
    return;
  self->drawing = TRUE;
  self->attempt++;
  /* The candidates are made again: the old picks go, and Assign with them. */
  g_clear_pointer (&self->picks, g_ptr_array_unref);
  show_picks (self);
  gtk_label_set_text (self->status_label, _("Reading the conversations’ histories…"));
  if (store == NULL)
    {
      finish_draw (self);
      return;
    }
  csm_store_load_kpi_histories_async (store, self->cancellable, histories_cb,
                                      g_object_ref (self));
}

static void
assigned_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CsmSamplingView) self = user_data;
  g_autoptr(GError) error = NULL;
  guint added = 0;

  if (!csm_workspace_assign_finish (CSM_WORKSPACE (object), result, &added, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->status_label, error->message);
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u conversation assigned.",
                                                          "%u conversations assigned.", added),
                                             added);

    gtk_label_set_text (self->status_label, text);
  }
  list_assignments (self);
}

static void
assign_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  CsmSamplingView *self = CSM_SAMPLING_VIEW (widget);
  g_autoptr(GPtrArray) conversations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) probabilities = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *reviewer = g_strstrip (g_strdup (gtk_editable_get_text (
                                                      GTK_EDITABLE (self->reviewer_entry))));

  if (self->workspace == NULL || self->picks == NULL || self->picks->len == 0)
    return;
  for (guint i = 0; i < self->picks->len; i++)
    {
      const CsmQaPick *pick = g_ptr_array_index (self->picks, i);
      const CsmQaCandidate *c = &g_array_index (self->candidates, CsmQaCandidate, pick->candidate);

      g_ptr_array_add (conversations, g_strdup_printf ("%" G_GINT64_FORMAT, c->conversation));
      g_array_append_val (probabilities, pick->probability);
    }
  g_ptr_array_add (conversations, NULL);
  csm_workspace_assign_async (self->workspace, (const char * const *) conversations->pdata,
                              (double *) probabilities->data, reviewer, self->now,
                              self->now + (gint64) gtk_spin_button_get_value_as_int (
                                self->due_spin) * 86400,
                              self->cancellable, assigned_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------------ */
/* Settings                                                                 */

static void
changed_cb (GObject         *object,
            GParamSpec      *pspec,
            CsmSamplingView *self)
{
  guint mode = MIN (gtk_drop_down_get_selected (self->mode_dropdown), 3);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "qa-sample-mode", _csm_sampling_modes[mode]);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "qa-sample-period",
                           gtk_drop_down_get_selected (self->period_dropdown) == 1 ? "month"
                                                                                  : "week");
  _csm_sampling_view_explain (self);
  update_precision (self);
}

static void
weights_closed_cb (GtkPopover      *popover,
                   CsmSamplingView *self)
{
  _csm_sampling_view_store_settings (self);
}

/* ------------------------------------------------------------------------ */

static void
csm_sampling_view_dispose (GObject *object)
{
  CsmSamplingView *self = CSM_SAMPLING_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), CSM_TYPE_SAMPLING_VIEW);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (csm_sampling_view_parent_class)->dispose (object);
}

static void
csm_sampling_view_finalize (GObject *object)
{
  CsmSamplingView *self = CSM_SAMPLING_VIEW (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->settings);
  g_clear_object (&self->loader);
  g_clear_object (&self->conversations);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_clear_pointer (&self->assignments, g_ptr_array_unref);
  g_clear_pointer (&self->histories, g_hash_table_unref);
  g_clear_pointer (&self->awaiting, g_hash_table_unref);
  g_clear_pointer (&self->tickets, g_ptr_array_unref);
  g_clear_pointer (&self->candidates, g_array_unref);
  g_clear_pointer (&self->texts, g_ptr_array_unref);
  g_clear_pointer (&self->picks, g_ptr_array_unref);
  g_clear_pointer (&self->read, g_hash_table_unref);
  G_OBJECT_CLASS (csm_sampling_view_parent_class)->finalize (object);
}

static void
csm_sampling_view_class_init (CsmSamplingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_sampling_view_dispose;
  object_class->finalize = csm_sampling_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-sampling-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmSamplingView, quota_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmSamplingView, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmSamplingView, mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmSamplingView, weights_button);
  gtk_widget_class_bind_template_child (widget_class, CsmSamplingView, weights_popover);
  gtk_widget_class_bind_template_child (widget_class, CsmSamplingView, weights_grid);
  gtk_widget_class_bind_template_child (widget_class, CsmSamplingView, target_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmSamplingView, explain_label);
  gtk_widget_class_bind_template_child (widget_class, CsmSamplingView, precision_title);
  gtk_widget_class_bind_template_child (widget_class, CsmSamplingView, precision_list);
  gtk_widget_class_bind_template_child (widget_class, CsmSamplingView, picks_title);
  gtk_widget_class_bind_template_child (widget_class, CsmSamplingView, picks_list);
  gtk_widget_class_bind_template_child (widget_class, CsmSamplingView, assign_box);
  gtk_widget_class_bind_template_child (widget_class, CsmSamplingView, reviewer_entry);
  gtk_widget_class_bind_template_child (widget_class, CsmSamplingView, due_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmSamplingView, status_label);
  gtk_widget_class_bind_template_child (widget_class, CsmSamplingView, overdue_title);
  gtk_widget_class_bind_template_child (widget_class, CsmSamplingView, overdue_list);
  gtk_widget_class_install_action (widget_class, "sampling.draw", NULL, draw_action);
  gtk_widget_class_install_action (widget_class, "sampling.assign", NULL, assign_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
csm_sampling_view_init (CsmSamplingView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->candidates = g_array_new (FALSE, TRUE, sizeof (CsmQaCandidate));
  self->texts = g_ptr_array_new_with_free_func (g_free);
  self->read = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  _csm_sampling_view_build_weights (self);
  g_signal_connect (self->mode_dropdown, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect (self->period_dropdown, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect (self->target_spin, "notify::value", G_CALLBACK (changed_cb), self);
  g_signal_connect (self->weights_popover, "closed", G_CALLBACK (weights_closed_cb), self);
  _csm_sampling_view_explain (self);
  show_picks (self);
  update_precision (self);
}

/**
 * csm_sampling_view_set_sources:
 * @settings: (nullable): the console's settings (weights, quotas, fields)
 * @conversations: (nullable): the resolved conversations (CsmTicket)
 * @loader: (nullable): what reads a conversation's messages
 */
void
csm_sampling_view_set_sources (CsmSamplingView     *self,
                               GSettings           *settings,
                               GListModel          *conversations,
                               CsmTranscriptLoader *loader)
{
  g_return_if_fail (CSM_IS_SAMPLING_VIEW (self));

  if (settings != self->settings)
    {
      g_set_object (&self->settings, settings);
      _csm_sampling_view_load_settings (self);
    }
  g_set_object (&self->conversations, conversations);
  g_set_object (&self->loader, loader);
}

void
csm_sampling_view_set_workspace (CsmSamplingView *self,
                                 CsmWorkspace    *workspace)
{
  g_return_if_fail (CSM_IS_SAMPLING_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->drawing = FALSE;
  g_set_object (&self->workspace, workspace);
  g_clear_pointer (&self->assignments, g_ptr_array_unref);
  list_assignments (self);
  show_picks (self);
}

/**
 * csm_sampling_view_set_reviews:
 * @reviews: (element-type CsmQaReview): every review the workspace shows
 */
void
csm_sampling_view_set_reviews (CsmSamplingView *self,
                               GPtrArray       *reviews,
                               gint64           now)
{
  g_return_if_fail (CSM_IS_SAMPLING_VIEW (self));
  g_return_if_fail (reviews != NULL);

  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  self->reviews = g_ptr_array_ref (reviews);
  self->now = now;
  list_assignments (self);
}

/**
 * csm_sampling_view_get_picks:
 *
 * Returns: (nullable) (element-type CsmQaPick): the sample drawn
 */
GPtrArray *
csm_sampling_view_get_picks (CsmSamplingView *self)
{
  g_return_val_if_fail (CSM_IS_SAMPLING_VIEW (self), NULL);
  return self->picks;
}

/**
 * csm_sampling_view_set_awaiting:
 * @awaiting: (nullable) (element-type utf8 guint): the agents whose
 *   completed training awaits its after-measurement → the reviews it
 *   still needs; the next draw gives them that many more
 */
void
csm_sampling_view_set_awaiting (CsmSamplingView *self,
                                GHashTable      *awaiting)
{
  g_return_if_fail (CSM_IS_SAMPLING_VIEW (self));

  g_clear_pointer (&self->awaiting, g_hash_table_unref);
  self->awaiting = awaiting != NULL ? g_hash_table_ref (awaiting) : NULL;
}
