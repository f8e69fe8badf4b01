/* csm-staffing-page.c: how many agents each queue's live channels need now and for the rest of today, with a what-if; a ticket queue's burn-down.
 *
 * The page shows what csm_staffing_plan_compute() says of the engine's
 * tickets and the agent monitor's transactions, with the settings' target
 * and the channels' first-reply targets. It is computed when the helpdesk
 * refreshes, when the agents' activity is counted again, when a setting
 * it reads changes and once a minute (the rest of the day moves on); only
 * while the page is on screen, else when it is next shown. The what-if
 * asks Erlang C again for the chosen group with another number of agents.
 * The assumptions are on the page, in words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-staffing-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "csm-agent.h"
#include "csm-monitor-settings.h"
#include "csm-staffing-page.h"
#include "csm-time.h"

#define RECOMPUTE_SECONDS 60

struct _CsmStaffingPage
{
  CsmPage parent_instance;

  GPtrArray *rows;               /* (owned) (element-type CsmStaffingRow) */
  GPtrArray *live;               /* (owned): the live rows, borrowed from rows */
  GtkStringList *group_names;    /* (owned) */
  char *chosen;                  /* (owned) (nullable): "queue\x1fchannel" of the what-if */
  GSignalGroup *monitor_signals; /* (owned) */
  gint64 computed_usec;          /* monotonic */
  gint64 compute_usec;           /* how long it took */
  gboolean updating;

  GtkStack *stack;
  AdwStatusPage *status_page;
  GtkSpinButton *target_spin;
  GtkGrid *live_grid;
  GtkWidget *whatif_box;
  GtkDropDown *group_dropdown;
  GtkSpinButton *agents_spin;
  GtkLabel *whatif_label;
  GtkLabel *hours_heading;
  GtkGrid *hours_grid;
  GtkLabel *tickets_heading;
  GtkGrid *tickets_grid;
  GtkLabel *assumptions_label;
  GtkLabel *computed_label;
  GtkLabel *live_heading;
};

G_DEFINE_FINAL_TYPE (CsmStaffingPage, csm_staffing_page, CSM_TYPE_PAGE)

/* ------------------------------------------------------------------------ */
/* Words for numbers                                                        */

static char *
format_rate (double per_hour)
{
  /* Translators: contacts an hour, "12 an hour" or "0.5 an hour" */
  return per_hour == floor (per_hour)
         ? g_strdup_printf (_("%.0f an hour"), per_hour)
         : g_strdup_printf (_("%.1f an hour"), per_hour);
}

static char *
format_seconds (double seconds)
{
  if (seconds < 60)
    return g_strdup_printf (_("%.0f s"), seconds);
  return csm_format_duration ((gint64) round (seconds));
}

static char *
format_aht (const CsmStaffingRow *row)
{
  gint64 seconds;

  if (!row->aht_defined)
    return g_strdup (_("no time worked"));
  /* Rounded once, so that 119.6 s reads 2:00, never 1:60. */
  seconds = (gint64) round (row->aht_seconds);
  /* Translators: minutes and seconds of handle time, "4:10 min" */
  return g_strdup_printf (_("%d:%02d min"), (int) (seconds / 60), (int) (seconds % 60));
}

static char *
format_level (const CsmErlangC *c)
{
  return c->defined ? g_strdup_printf ("%.1f %%", c->service_level * 100)
                    : g_strdup (_("cannot keep up"));
}

static char *
group_name (const CsmStaffingRow *row)
{
  /* Translators: a queue and its channel, "Support · chat" */
  return row->channel ? g_strdup_printf (_("%s · %s"), row->queue, row->channel)
                      : g_strdup (row->queue);
}

static char *
group_key (const CsmStaffingRow *row)
{
  return g_strconcat (row->queue, "\x1f", row->channel ? row->channel : "", NULL);
}

/* ------------------------------------------------------------------------ */
/* Tables                                                                   */

/* The grid keeps its labels from one count to the next: only rows beyond
 * the new count go, and a cell's words and colour change in place. */
static void
trim_grid (GtkGrid *grid,
           int      rows)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (grid));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      int row;

      gtk_grid_query_child (grid, child, NULL, &row, NULL, NULL);
      if (row >= rows)
        gtk_grid_remove (grid, child);
      child = next;
    }
}

static GtkWidget *
cell (GtkGrid    *grid,
      int         column,
      int         row,
      const char *text,
      const char *style)
{
  static const char * const styles[] = { "error", "success" };
  GtkWidget *label = gtk_grid_get_child_at (grid, column, row);

  if (label == NULL)
    {
      label = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
      gtk_widget_add_css_class (label, row == 0 ? "heading" : "numeric");
      if (column == 0)
        gtk_widget_set_hexpand (label, TRUE);
      gtk_grid_attach (grid, label, column, row, 1, 1);
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    if (g_strcmp0 (style, styles[i]) == 0)
      gtk_widget_add_css_class (label, styles[i]);
    else
      gtk_widget_remove_css_class (label, styles[i]);
  return label;
}

static void
header (GtkGrid            *grid,
        const char * const *titles)
{
  for (int i = 0; titles[i] != NULL; i++)
    cell (grid, i, 0, _(titles[i]), NULL);
}

static void
show_live (CsmStaffingPage *self)
{
  static const char * const titles[] = {
    N_("Queue · channel"), N_("Arrived last hour"), N_("Handle time"), N_("Target"),
    N_("Active"), N_("Needed now"), N_("Service level"), N_("Wait"), N_("Average answer"), NULL,
  };

  trim_grid (self->live_grid, (int) self->live->len + 1);
  header (self->live_grid, titles);
  for (guint i = 0; i < self->live->len; i++)
    {
      const CsmStaffingRow *row = g_ptr_array_index (self->live, i);
      /* Nothing arriving: nobody waits, nothing for Erlang C to say. */
      gboolean erlang = row->aht_defined && row->arrivals_last_hour > 0;
      gboolean short_of = erlang && row->agents_needed_now > row->agents_active;
      g_autofree char *name = group_name (row);
      g_autofree char *rate = format_rate (row->arrivals_last_hour);
      g_autofree char *aht = format_aht (row);
      g_autofree char *within = csm_format_duration (row->target_seconds);
      /* Translators: a service level target, "80 % in 1 min" */
      g_autofree char *target = g_strdup_printf (_("%.0f %% in %s"), row->target_percent, within);
      g_autofree char *active = g_strdup_printf ("%u", row->agents_active);
      g_autofree char *needed = !row->aht_defined ? g_strdup ("—")
                                : row->agents_needed_now > CSM_STAFFING_AGENT_LIMIT
                                ? g_strdup_printf (_("over %u"), CSM_STAFFING_AGENT_LIMIT)
                                : g_strdup_printf ("%u", row->agents_needed_now);
      g_autofree char *level = erlang ? format_level (&row->now) : g_strdup ("—");
      g_autofree char *wait = erlang && row->now.defined
                              ? g_strdup_printf ("%.0f %%", row->now.p_wait * 100) : g_strdup ("—");
      g_autofree char *asa = erlang && row->now.defined ? format_seconds (row->now.asa_seconds)
                                                        : g_strdup ("—");
      int r = (int) i + 1;

      cell (self->live_grid, 0, r, name, NULL);
      cell (self->live_grid, 1, r, rate, NULL);
      cell (self->live_grid, 2, r, aht, NULL);
      cell (self->live_grid, 3, r, target, NULL);
      cell (self->live_grid, 4, r, active, NULL);
      cell (self->live_grid, 5, r, needed, short_of ? "error" : erlang ? "success" : NULL);
      cell (self->live_grid, 6, r, level,
            erlang && (!row->now.defined || row->now.service_level * 100 < row->target_percent)
            ? "error" : NULL);
      cell (self->live_grid, 7, r, wait, NULL);
      cell (self->live_grid, 8, r, asa, NULL);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->live_heading), self->live->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->live_grid), self->live->len > 0);
}

static void
show_tickets (CsmStaffingPage *self)
{
  static const char * const titles[] = {
    N_("Queue"), N_("Backlog"), N_("New last hour"), N_("Resolved last hour"), N_("Outlook"), NULL,
  };
  int r = 1;

  header (self->tickets_grid, titles);
  for (guint i = 0; i < self->rows->len; i++)
    {
      const CsmStaffingRow *row = g_ptr_array_index (self->rows, i);
      const CsmBurnDown *b = &row->burn_down;
      g_autofree char *backlog = NULL, *arrived = NULL, *resolved = NULL, *outlook = NULL;
      const char *style = NULL;

      if (csm_staffing_row_is_live (row))
        continue;
      backlog = g_strdup_printf ("%u", row->backlog);
      arrived = format_rate (row->arrivals_last_hour);
      resolved = format_rate (row->resolved_last_hour);
      if (!b->defined)
        outlook = g_strdup ("—");
      else if (row->backlog == 0)
        outlook = g_strdup (_("No backlog"));
      else if (b->clears)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (b->clears_at);
          g_autoptr(GDateTime) local = g_date_time_to_local (utc);
          g_autofree char *when = g_date_time_format (local, "%H:%M");
          g_autofree char *in = csm_format_duration (b->clears_at - csm_page_get_now (CSM_PAGE (self)));

          /* Translators: "Clears by 17:30 (in 3 h)" */
          outlook = g_strdup_printf (_("Clears by %s (in %s)"), when, in);
          style = "success";
        }
      else if (b->growth_per_hour > 0)
        {
          /* Translators: "Grows by 2.0 an hour" */
          outlook = g_strdup_printf (_("Grows by %.1f an hour"), b->growth_per_hour);
          style = "error";
        }
      else
        outlook = g_strdup (_("Stays as it is"));
      cell (self->tickets_grid, 0, r, row->queue, NULL);
      cell (self->tickets_grid, 1, r, backlog, NULL);
      cell (self->tickets_grid, 2, r, arrived, NULL);
      cell (self->tickets_grid, 3, r, resolved, NULL);
      cell (self->tickets_grid, 4, r, outlook, style);
      r++;
    }
  trim_grid (self->tickets_grid, r);
  gtk_widget_set_visible (GTK_WIDGET (self->tickets_heading), r > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->tickets_grid), r > 1);
}

static const CsmStaffingRow *
chosen_row (CsmStaffingPage *self)
{
  guint i = gtk_drop_down_get_selected (self->group_dropdown);

  return i < self->live->len ? g_ptr_array_index (self->live, i) : NULL;
}

static void
show_hours (CsmStaffingPage *self)
{
  static const char * const titles[] = {
    N_("Hour"), N_("Expected"), N_("Agents needed"), N_("With those active now"),
    N_("Wait"), N_("Average answer"), NULL,
  };
  const CsmStaffingRow *row = chosen_row (self);
  g_autofree char *heading = NULL;

  trim_grid (self->hours_grid, row ? (int) row->hours->len + 1 : 0);
  if (row == NULL)
    return;
  /* Translators: "The rest of today in Support · chat, with 3 agents" */
  {
    g_autofree char *name = group_name (row);

    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The rest of today in %s, with the %u agent active now",
                                            "The rest of today in %s, with the %u agents active now",
                                            row->agents_active), name, row->agents_active);
  }
  gtk_label_set_text (self->hours_heading, heading);
  header (self->hours_grid, titles);
  for (guint h = 0; h < row->hours->len; h++)
    {
      const CsmStaffingHour *hour = &g_array_index (row->hours, CsmStaffingHour, h);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (hour->start);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      g_autofree char *when = g_date_time_format (local, "%H:%M");
      g_autofree char *expected = format_rate (hour->arrivals_forecast);
      g_autofree char *needed = NULL;
      g_autofree char *level = NULL;
      g_autofree char *asa = NULL;
      g_autofree char *wait = NULL;
      gboolean arrivals = hour->arrivals_forecast > 0 && row->aht_defined;

      if (!row->aht_defined)
        needed = g_strdup ("—");
      else if (hour->agents_needed > CSM_STAFFING_AGENT_LIMIT)
        needed = g_strdup_printf (_("over %u"), CSM_STAFFING_AGENT_LIMIT);
      else
        needed = g_strdup_printf ("%u", hour->agents_needed);
      level = arrivals ? format_level (&hour->at_active) : g_strdup ("—");
      asa = arrivals && hour->at_active.defined ? format_seconds (hour->at_active.asa_seconds)
                                                : g_strdup ("—");
      wait = arrivals && hour->at_active.defined
             ? g_strdup_printf ("%.0f %%", hour->at_active.p_wait * 100) : g_strdup ("—");
      cell (self->hours_grid, 0, (int) h + 1, when, NULL);
      cell (self->hours_grid, 1, (int) h + 1, expected, NULL);
      cell (self->hours_grid, 2, (int) h + 1, needed,
            row->aht_defined && hour->agents_needed > row->agents_active ? "error" : NULL);
      cell (self->hours_grid, 3, (int) h + 1, level, NULL);
      cell (self->hours_grid, 4, (int) h + 1, wait, NULL);
      cell (self->hours_grid, 5, (int) h + 1, asa, NULL);
    }
}

static void
show_what_if (CsmStaffingPage *self)
{
  const CsmStaffingRow *row = chosen_row (self);
  guint agents = (guint) gtk_spin_button_get_value_as_int (self->agents_spin);
  g_autofree char *text = NULL;
  CsmErlangC c;

  if (row == NULL)
    return;
  c = csm_staffing_row_what_if (row, agents);
  if (!row->aht_defined)
    text = g_strdup (_("No ticket of this group recorded time worked over the last weeks: "
                       "without a handle time, Erlang C cannot say."));
  else if (row->arrivals_last_hour <= 0)
    text = g_strdup (_("Nothing arrived in the last hour: nobody waits, however many agents answer."));
  else if (!c.defined)
    /* Translators: "With 2 agents the queue cannot keep up: 3.4 agents' worth of work arrives" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "With %u agent the queue cannot keep up: %.1f agents’ "
                                         "worth of work arrives (λ × handle time), and the wait "
                                         "grows without end.",
                                         "With %u agents the queue cannot keep up: %.1f agents’ "
                                         "worth of work arrives (λ × handle time), and the wait "
                                         "grows without end.", agents),
                            agents, c.traffic);
  else
    {
      g_autofree char *target = csm_format_duration (row->target_seconds);
      g_autofree char *asa = format_seconds (c.asa_seconds);

      /* Translators: "With 5 agents, 84.6 % would get a first reply within 1 min; 24 % would
       * wait at all, 8 s on average." */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "With %u agent, %.1f %% would get a first reply within "
                                           "%s; %.0f %% would wait at all, %s on average.",
                                           "With %u agents, %.1f %% would get a first reply within "
                                           "%s; %.0f %% would wait at all, %s on average.", agents),
                              agents, c.service_level * 100, target, c.p_wait * 100, asa);
    }
  gtk_label_set_text (self->whatif_label, text);
}

static void
show_assumptions (CsmStaffingPage *self)
{
  GSettings *settings = csm_page_get_settings (CSM_PAGE (self));
  g_auto(GStrv) live = settings ? g_settings_get_strv (settings, "staffing-live-channels") : NULL;
  g_autofree char *channels = live && live[0] ? g_strjoinv (", ", live) : g_strdup (_("none"));
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("How this is counted. Live channels (%s) get Erlang C: λ is the "
                            "contacts created in the last hour, the handle time the mean time "
                            "worked of the group’s tickets resolved over the last 4 weeks that "
                            "recorded any, the agents active those with a transaction on one of "
                            "its tickets in the presence window (an agent working two groups "
                            "counts in both). Each later hour expects the mean of the same "
                            "weekday and hour over the last 4 weeks. Erlang C assumes Poisson "
                            "arrivals, exponential handle times and nobody giving up, so it "
                            "overstaffs slightly. Other channels wait in their queue: at the last "
                            "hour’s rates, its backlog clears or grows. A week the history kept "
                            "here does not reach is left out of the mean, never counted as "
                            "quiet (history-days in the preferences). The same figures: "
                            "csm-console --export=staffing."), channels);
  gtk_label_set_text (self->assumptions_label, text);
}

/* ------------------------------------------------------------------------ */
/* Computing                                                                */

static void
choose_group (CsmStaffingPage *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint chosen = GTK_INVALID_LIST_POSITION;

  self->updating = TRUE;
  for (guint i = 0; i < self->live->len; i++)
    {
      const CsmStaffingRow *row = g_ptr_array_index (self->live, i);
      g_autofree char *key = group_key (row);

      g_ptr_array_add (names, group_name (row));
      if (g_strcmp0 (key, self->chosen) == 0)
        chosen = i;
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->group_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->group_names)),
                          (const char * const *) names->pdata);
  if (chosen == GTK_INVALID_LIST_POSITION && self->live->len > 0)
    chosen = 0;
  gtk_drop_down_set_selected (self->group_dropdown, chosen);
  if (chosen != GTK_INVALID_LIST_POSITION)
    {
      const CsmStaffingRow *row = g_ptr_array_index (self->live, chosen);
      g_autofree char *key = group_key (row);

      /* A new group starts the what-if at the agents it has now. */
      if (g_strcmp0 (key, self->chosen) != 0)
        {
          g_free (self->chosen);
          self->chosen = g_steal_pointer (&key);
          gtk_spin_button_set_value (self->agents_spin, row->agents_active);
        }
    }
  self->updating = FALSE;
  gtk_widget_set_visible (self->whatif_box, self->live->len > 0);
}

static void
compute (CsmStaffingPage *self)
{
  CsmSyncEngine *engine = csm_page_get_engine (CSM_PAGE (self));
  CsmContext *context = csm_page_get_context (CSM_PAGE (self));
  CsmAgentMonitor *monitor = context ? csm_context_get_agent_monitor (context) : NULL;
  g_auto(CsmStaffingOptions) options = { 0 };
  g_autoptr(GHashTable) agents = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *model;
  gint64 started = g_get_monotonic_time ();
  g_autofree char *computed = NULL;
  g_autofree char *when = NULL;

  if (engine == NULL || !csm_sync_engine_get_has_data (engine))
    {
      adw_status_page_set_description (self->status_page,
                                       engine ? _("Reading the helpdesk…")
                                              : _("Connect to a helpdesk to see how many agents "
                                                  "its queues need."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  csm_staffing_options_from_settings (&options, csm_page_get_settings (CSM_PAGE (self)));
  model = csm_sync_engine_get_agents (engine);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CsmAgent) agent = g_list_model_get_item (model, i);

      /* The names live as long as the engine's agents, past this call. */
      g_hash_table_add (agents, (gpointer) csm_agent_get_name (agent));
    }
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = csm_staffing_plan_compute (csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine)),
                                          monitor ? csm_agent_monitor_get_transactions (monitor) : NULL,
                                          agents, &options, csm_page_get_now (CSM_PAGE (self)));
  g_ptr_array_set_size (self->live, 0);
  for (guint i = 0; i < self->rows->len; i++)
    if (csm_staffing_row_is_live (g_ptr_array_index (self->rows, i)))
      g_ptr_array_add (self->live, g_ptr_array_index (self->rows, i));
  self->compute_usec = g_get_monotonic_time () - started;
  self->computed_usec = g_get_monotonic_time ();

  choose_group (self);
  show_live (self);
  show_hours (self);
  show_what_if (self);
  show_tickets (self);
  show_assumptions (self);
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (csm_page_get_now (CSM_PAGE (self)));
    g_autoptr(GDateTime) local = g_date_time_to_local (utc);

    when = g_date_time_format (local, "%H:%M");
  }
  /* Translators: "Counted at 14:02 in 3 ms." */
  computed = g_strdup_printf (_("Counted at %s in %.0f ms."), when, self->compute_usec / 1000.0);
  gtk_label_set_text (self->computed_label, computed);
  gtk_stack_set_visible_child_name (self->stack, self->rows->len > 0 ? "main" : "empty");
  if (self->rows->len == 0)
    adw_status_page_set_description (self->status_page,
                                      _("No ticket arrived or waits in the last 4 weeks."));
}

static void
csm_staffing_page_catch_up (CsmPage *page)
{
  compute (CSM_STAFFING_PAGE (page));
}

static void
csm_staffing_page_engine_changed (CsmPage *page)
{
  CsmStaffingPage *self = CSM_STAFFING_PAGE (page);
  CsmContext *context = csm_page_get_context (page);

  g_signal_group_set_target (self->monitor_signals,
                             context ? csm_context_get_agent_monitor (context) : NULL);
  g_clear_pointer (&self->chosen, g_free);
  csm_page_queue_update (page);
}

static void
csm_staffing_page_tick (CsmPage *page,
                        gint64   now)
{
  CsmStaffingPage *self = CSM_STAFFING_PAGE (page);

  if (g_get_monotonic_time () - self->computed_usec >= RECOMPUTE_SECONDS * G_USEC_PER_SEC)
    csm_page_queue_update (page);
}

static void
group_chosen_cb (CsmStaffingPage *self)
{
  const CsmStaffingRow *row;

  if (self->updating || (row = chosen_row (self)) == NULL)
    return;
  g_free (self->chosen);
  self->chosen = group_key (row);
  self->updating = TRUE;
  gtk_spin_button_set_value (self->agents_spin, row->agents_active);
  self->updating = FALSE;
  show_hours (self);
  show_what_if (self);
}

static void
agents_changed_cb (CsmStaffingPage *self)
{
  if (!self->updating)
    show_what_if (self);
}

static void
settings_changed_cb (CsmStaffingPage *self,
                     const char      *key)
{
  if (g_str_has_prefix (key, "staffing-") || g_str_equal (key, "frt-targets") ||
      g_str_equal (key, "cf-channel") || g_str_equal (key, "presence-active-minutes") ||
      g_str_equal (key, "history-days"))
    csm_page_queue_update (CSM_PAGE (self));
}

static void
context_changed_cb (CsmStaffingPage *self)
{
  GSettings *settings = csm_page_get_settings (CSM_PAGE (self));

  g_settings_unbind (self->target_spin, "value");
  if (settings != NULL)
    g_settings_bind (settings, "staffing-target-percent", self->target_spin, "value",
                     G_SETTINGS_BIND_DEFAULT);
}

/**
 * csm_staffing_page_get_rows:
 *
 * Returns: (transfer none) (element-type CsmStaffingRow) (nullable): what the
 *   page shows
 */
GPtrArray *
csm_staffing_page_get_rows (CsmStaffingPage *self)
{
  g_return_val_if_fail (CSM_IS_STAFFING_PAGE (self), NULL);
  return self->rows;
}

gint64
csm_staffing_page_get_compute_usec (CsmStaffingPage *self)
{
  g_return_val_if_fail (CSM_IS_STAFFING_PAGE (self), 0);
  return self->compute_usec;
}

static void
csm_staffing_page_dispose (GObject *object)
{
  CsmStaffingPage *self = CSM_STAFFING_PAGE (object);

  if (self->monitor_signals != NULL)
    g_signal_group_set_target (self->monitor_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSM_TYPE_STAFFING_PAGE);
  G_OBJECT_CLASS (csm_staffing_page_parent_class)->dispose (object);
}

static void
csm_staffing_page_finalize (GObject *object)
{
  CsmStaffingPage *self = CSM_STAFFING_PAGE (object);

  g_clear_object (&self->monitor_signals);
  g_clear_object (&self->group_names);
  g_clear_pointer (&self->live, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->chosen, g_free);
  G_OBJECT_CLASS (csm_staffing_page_parent_class)->finalize (object);
}

static void
csm_staffing_page_class_init (CsmStaffingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CsmPageClass *page_class = CSM_PAGE_CLASS (klass);

  object_class->dispose = csm_staffing_page_dispose;
  object_class->finalize = csm_staffing_page_finalize;
  page_class->catch_up = csm_staffing_page_catch_up;
  page_class->engine_changed = csm_staffing_page_engine_changed;
  page_class->tick = csm_staffing_page_tick;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-staffing-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmStaffingPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CsmStaffingPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, CsmStaffingPage, target_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmStaffingPage, live_heading);
  gtk_widget_class_bind_template_child (widget_class, CsmStaffingPage, live_grid);
  gtk_widget_class_bind_template_child (widget_class, CsmStaffingPage, whatif_box);
  gtk_widget_class_bind_template_child (widget_class, CsmStaffingPage, group_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CsmStaffingPage, agents_spin);
  gtk_widget_class_bind_template_child (widget_class, CsmStaffingPage, whatif_label);
  gtk_widget_class_bind_template_child (widget_class, CsmStaffingPage, hours_heading);
  gtk_widget_class_bind_template_child (widget_class, CsmStaffingPage, hours_grid);
  gtk_widget_class_bind_template_child (widget_class, CsmStaffingPage, tickets_heading);
  gtk_widget_class_bind_template_child (widget_class, CsmStaffingPage, tickets_grid);
  gtk_widget_class_bind_template_child (widget_class, CsmStaffingPage, assumptions_label);
  gtk_widget_class_bind_template_child (widget_class, CsmStaffingPage, computed_label);
}

static void
csm_staffing_page_init (CsmStaffingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->live = g_ptr_array_new ();
  self->group_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->group_dropdown, G_LIST_MODEL (self->group_names));
  g_signal_connect_swapped (self->group_dropdown, "notify::selected", G_CALLBACK (group_chosen_cb),
                            self);
  g_signal_connect_swapped (self->agents_spin, "value-changed", G_CALLBACK (agents_changed_cb),
                            self);
  self->monitor_signals = g_signal_group_new (CSM_TYPE_AGENT_MONITOR);
  g_signal_group_connect_swapped (self->monitor_signals, "updated",
                                  G_CALLBACK (csm_page_queue_update), self);
  g_signal_group_connect_swapped (csm_page_get_settings_signals (CSM_PAGE (self)), "changed",
                                  G_CALLBACK (settings_changed_cb), self);
  g_signal_connect_swapped (self, "notify::context", G_CALLBACK (context_changed_cb), self);
}
