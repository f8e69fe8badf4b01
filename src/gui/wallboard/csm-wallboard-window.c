/* csm-wallboard-window.c: a full-screen, read-only board for the wall: large tiles, a clock, the data's age, honest when stale.
 *
 * One window per monitor. Each shows one board at a time and, unless it
 * was given one board, moves to the next every wallboard-rotate-seconds
 * (real seconds, whatever the console's clock does). The figures come from
 * what the console already keeps current: queue summaries from the
 * engine's tickets, the SLA monitor's lanes, the agent monitor's
 * presence, and today's FRT, CSAT and SLA attainment from the KPI engine
 * on a worker thread, per board (its queues), after each refresh and at
 * least once a minute.
 *
 * It never sleeps: while shown it asks the session not to go idle or
 * blank the screen (gtk_application_inhibit()). When the helpdesk stops
 * answering, the tiles keep the last figures, greyed, and a banner says
 * since when; they come back by themselves with the next good refresh.
 * The board raises no alert of its own, so a recovery is quiet.
 *
 * Nothing on it takes focus or a click, and it swallows every key but
 * Escape and Ctrl+W, which leave every wallboard window at once
 * (app.leave-wallboard, or close without one): no application shortcut
 * (Preferences, Quit) works from the wall.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-wallboard"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-agent-stats.h"
#include "csm-kpi-task.h"
#include "csm-monitor-settings.h"
#include "csm-queue-summary.h"
#include "csm-ticket.h"
#include "csm-time.h"
#include "csm-wall-tile.h"
#include "csm-wallboard-window.h"

#define TODAY_EVERY_SECONDS 60
#define HISTORY_DAYS 14

struct _CsmWallboardWindow
{
  GtkWindow parent_instance;

  CsmContext *context;          /* (owned) */
  GPtrArray *boards;            /* (owned) (element-type CsmWallBoard) */
  guint board;
  gboolean rotate;
  gint64 shown_usec;            /* monotonic: when this board came up */
  GdkMonitor *monitor;          /* (owned) (nullable) */
  guint inhibit_cookie;
  guint tick_id;
  guint rotate_id;
  gboolean stale;

  GSignalGroup *engine_signals; /* (owned) */
  GSignalGroup *sla_signals;    /* (owned) */
  GSignalGroup *agent_signals;  /* (owned) */
  GPtrArray *tiles;             /* (owned) (element-type CsmWallTile) */
  GPtrArray *today;             /* (owned): per board, a CsmKpiRow or NULL */
  GCancellable *cancellable;    /* (owned): today's KPIs */
  guint today_board;            /* the board being computed */
  gboolean today_running;
  gboolean today_dirty;         /* the helpdesk refreshed since the round began */
  gint64 today_usec;            /* monotonic: the last round started */
  gint64 success_usec;          /* monotonic: the helpdesk last answered well */

  /* template */
  GtkLabel *board_label;
  GtkLabel *age_label;
  GtkLabel *clock_label;
  GtkRevealer *banner_revealer;
  GtkLabel *banner_label;
  GtkGrid *tile_grid;
  GtkLabel *footer_label;
};

G_DEFINE_FINAL_TYPE (CsmWallboardWindow, csm_wallboard_window, GTK_TYPE_WINDOW)

static void start_today (CsmWallboardWindow *self);
static void row_free    (gpointer            row);

static gint64
now_of (CsmWallboardWindow *self)
{
  return csm_clock_get_now (csm_context_get_clock (self->context));
}

static CsmWallBoard *
current_board (CsmWallboardWindow *self)
{
  return g_ptr_array_index (self->boards, self->board);
}

static guint
rotate_seconds (CsmWallboardWindow *self)
{
  return MAX (g_settings_get_uint (csm_context_get_settings (self->context),
                                   "wallboard-rotate-seconds"), 1);
}

/* Queues, SLA, agents and today: what the board's tiles are made of. */
static GPtrArray *
compute_tiles (CsmWallboardWindow *self)
{
  CsmSyncEngine *engine = csm_context_get_engine (self->context);
  CsmAgentMonitor *monitor = csm_context_get_agent_monitor (self->context);
  GListModel *agents = monitor ? csm_agent_monitor_get_agents (monitor) : NULL;
  g_autoptr(GPtrArray) queues = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) summaries = NULL;
  CsmWallInput input = { 0 };

  if (engine != NULL)
    {
      GListModel *model = csm_sync_engine_get_queues (engine);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        g_ptr_array_add (queues, g_list_model_get_item (model, i));
      summaries = csm_queue_summaries_compute (csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine)),
                                               queues, now_of (self));
      if (csm_context_get_sla_monitor (self->context) != NULL)
        input.sla_entries = csm_sla_monitor_get_entries (csm_context_get_sla_monitor (self->context));
    }
  input.summaries = summaries;
  input.agents_known = agents ? g_list_model_get_n_items (agents) : 0;
  for (guint i = 0; i < input.agents_known; i++)
    {
      g_autoptr(CsmAgentStats) stats = g_list_model_get_item (agents, i);

      input.agents_active += csm_agent_stats_get_presence (stats) == CSM_PRESENCE_ACTIVE;
    }
  input.today = g_ptr_array_index (self->today, self->board);
  return csm_wall_board_compute (current_board (self), &input);
}

static guint
columns_for (guint n_tiles)
{
  if (n_tiles <= 4)
    return MAX (n_tiles, 1);
  if (n_tiles <= 9)
    return 3;
  if (n_tiles <= 12)
    return 4;
  if (n_tiles <= 15)
    return 5;
  if (n_tiles <= 24)
    return 6;
  return 8;
}

static void
show_tiles (CsmWallboardWindow *self)
{
  GtkWidget *grid = GTK_WIDGET (self->tile_grid);
  guint n = 0, columns;

  g_clear_pointer (&self->tiles, g_ptr_array_unref);
  self->tiles = compute_tiles (self);

  for (GtkWidget *child = gtk_widget_get_first_child (grid); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  /* The same tiles in the same places: only their words change. */
  if (n != self->tiles->len)
    {
      for (GtkWidget *child; (child = gtk_widget_get_first_child (grid)) != NULL;)
        gtk_grid_remove (self->tile_grid, child);
      columns = columns_for (self->tiles->len);
      /* Five across: the figures a little smaller, still whole; six or
       * more (many queues): smaller still, so that every row fits. */
      if (columns >= 5)
        gtk_widget_add_css_class (grid, "csm-wall-dense");
      else
        gtk_widget_remove_css_class (grid, "csm-wall-dense");
      if (columns >= 6)
        gtk_widget_add_css_class (grid, "csm-wall-crowded");
      else
        gtk_widget_remove_css_class (grid, "csm-wall-crowded");
      for (guint i = 0; i < self->tiles->len; i++)
        gtk_grid_attach (self->tile_grid, csm_wall_tile_widget_new (), i % columns, i / columns, 1, 1);
    }
  n = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (grid); child != NULL;
       child = gtk_widget_get_next_sibling (child), n++)
    csm_wall_tile_widget_update (CSM_WALL_TILE_WIDGET (child), g_ptr_array_index (self->tiles, n),
                                 self->stale);
}

static char *
clock_text (gint64 t,
            const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, format);
}

/* How long an online helpdesk may go without a good refresh: three
 * refresh intervals, at least a minute (real seconds, whatever the
 * console's clock does). */
static gint64
quiet_limit (CsmWallboardWindow *self)
{
  return MAX (3 * (gint64) g_settings_get_uint (csm_context_get_settings (self->context),
                                                "refresh-interval"), 60);
}

/* The banner, the age and the greying: honest about what the figures are. */
static void
update_status (CsmWallboardWindow *self)
{
  CsmSyncEngine *engine = csm_context_get_engine (self->context);
  const char *problem = csm_context_get_problem (self->context);
  gint64 now = now_of (self);
  gint64 data_time = engine ? csm_sync_engine_get_data_time (engine) : 0;
  CsmSyncState state = engine ? csm_sync_engine_get_state (engine) : CSM_SYNC_STATE_UNKNOWN;
  g_autofree char *banner = NULL;
  g_autofree char *age = NULL;
  gboolean stale, silent, cached;

  if (data_time > 0)
    {
      g_autofree char *when = clock_text (data_time, "%H:%M:%S");
      g_autofree char *old = csm_format_duration (MAX (now - data_time, 0));

      /* Translators: the wallboard's data age, "Data of 14:03:12 · 20 s old" */
      age = g_strdup_printf (_("Data of %s · %s old"), when, old);
    }
  else
    age = g_strdup (_("No data yet"));
  gtk_label_set_text (self->age_label, age);

  stale = problem != NULL || (engine != NULL && state != CSM_SYNC_STATE_ONLINE &&
                              state != CSM_SYNC_STATE_UNKNOWN);
  /* Online, but no good refresh for a while: as stale as an error. */
  silent = engine != NULL && state == CSM_SYNC_STATE_ONLINE && !csm_sync_engine_get_syncing (engine) &&
           g_get_monotonic_time () - self->success_usec > quiet_limit (self) * G_USEC_PER_SEC;
  /* Started from the cache, no answer yet: the cache's figures, said so. */
  cached = engine != NULL && state == CSM_SYNC_STATE_UNKNOWN &&
           csm_sync_engine_get_has_data (engine);
  stale = stale || silent || cached;
  if (problem != NULL)
    banner = g_markup_escape_text (problem, -1);
  else if (engine == NULL)
    banner = g_strdup (_("No helpdesk is connected."));
  else if (cached)
    {
      g_autofree char *when = data_time > 0 ? clock_text (data_time, "%H:%M") : g_strdup ("—");

      /* Translators: the wallboard before the helpdesk's first answer, "… of 14:03 …" */
      banner = g_markup_printf_escaped (_("Not current yet: these are the figures kept from %s, "
                                          "until the helpdesk answers."), when);
    }
  else if (silent)
    {
      g_autofree char *quiet = csm_format_duration ((g_get_monotonic_time () - self->success_usec) /
                                                    G_USEC_PER_SEC);

      /* Translators: the wallboard when refreshes stopped without an error, "… for 3 min …" */
      banner = g_markup_printf_escaped (_("Not current: no refresh has come for %s."), quiet);
    }
  else if (stale)
    {
      const GError *error = csm_sync_engine_get_error (engine);
      g_autofree char *when = data_time > 0 ? clock_text (data_time, "%H:%M") : NULL;
      g_autofree char *old = csm_format_duration (MAX (now - data_time, 0));

      g_autofree char *headline = NULL;

      if (when != NULL)
        /* Translators: the wallboard's stale banner, "… since 14:03 (4 min ago)…" */
        headline = g_strdup_printf (_("Not current: the helpdesk has not answered since %s "
                                      "(%s ago). The figures come back by themselves."),
                                    when, old);
      else
        headline = g_strdup (_("Not current: the helpdesk is not answering."));
      banner = g_markup_printf_escaped ("%s\n<span size='small'>%s</span>", headline,
                                        error ? error->message : _("No answer"));
    }
  else if (!csm_sync_engine_get_has_data (engine))
    banner = g_strdup (_("Reading the helpdesk…"));

  if (banner != NULL)
    gtk_label_set_markup (self->banner_label, banner);
  gtk_revealer_set_reveal_child (self->banner_revealer, banner != NULL);
  if (stale)
    gtk_widget_add_css_class (GTK_WIDGET (self), "csm-wall-is-stale");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "csm-wall-is-stale");
  if (stale != self->stale)
    {
      self->stale = stale;
      show_tiles (self);
    }
}

static void
update_footer (CsmWallboardWindow *self)
{
  g_autofree char *text = NULL;

  if (self->rotate && self->boards->len > 1)
    {
      gint64 shown = (g_get_monotonic_time () - self->shown_usec) / G_USEC_PER_SEC;
      gint64 left = MAX ((gint64) rotate_seconds (self) - shown, 0);

      /* Translators: the wallboard's footer, "Board 1 of 2 · next in 12 s · Esc leaves" */
      text = g_strdup_printf (_("Board %u of %u · next in %d s · Esc leaves"), self->board + 1,
                              self->boards->len, (int) left);
    }
  else
    text = g_strdup (_("Esc leaves"));
  gtk_label_set_text (self->footer_label, text);
}

static gboolean rotate_cb (gpointer data);

static void
show_board (CsmWallboardWindow *self,
            guint               board)
{
  self->board = board % self->boards->len;
  self->shown_usec = g_get_monotonic_time ();
  g_clear_handle_id (&self->rotate_id, g_source_remove);
  if (self->rotate && self->boards->len > 1)
    self->rotate_id = g_timeout_add (rotate_seconds (self) * 1000, rotate_cb, self);
  gtk_label_set_text (self->board_label, current_board (self)->name);
  gtk_window_set_title (GTK_WINDOW (self), current_board (self)->name);
  show_tiles (self);
  update_footer (self);
}

/* The next board, on time whatever the ticks do. */
static gboolean
rotate_cb (gpointer data)
{
  CsmWallboardWindow *self = data;

  self->rotate_id = 0;
  show_board (self, self->board + 1);
  update_status (self);
  return G_SOURCE_REMOVE;
}

static gboolean
tick_cb (gpointer data)
{
  CsmWallboardWindow *self = data;
  g_autofree char *clock = clock_text (now_of (self), "%H:%M");

  gtk_label_set_text (self->clock_label, clock);
  show_tiles (self);
  update_status (self);
  update_footer (self);
  if (g_get_monotonic_time () - self->today_usec >= TODAY_EVERY_SECONDS * G_USEC_PER_SEC)
    start_today (self);
  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------------------ */
/* Today's KPIs, a board at a time, off the main loop                       */

static void
today_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CsmWallboardWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = csm_kpi_rows_compute_finish (result, &error);

  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Today's figures: %s", error->message);
      self->today_running = FALSE;
      return;
    }
  if (self->today_board < self->today->len && rows->len > 0)
    {
      /* The tiles hold their own words: the old row can go at once. */
      gpointer old = g_ptr_array_index (self->today, self->today_board);

      g_ptr_array_index (self->today, self->today_board) = g_ptr_array_steal_index (rows, 0);
      row_free (old);
    }
  if (self->today_board == self->board)
    show_tiles (self);
  self->today_board++;
  self->today_running = FALSE;
  /* The rest of the round, or a new one for what the helpdesk sent since. */
  if (self->today_board < self->boards->len || self->today_dirty)
    start_today (self);
}

/* The tickets a day's FRT, CSAT and SLA attainment can count: those
 * active, touched since yesterday or made in the last weeks. */
static GPtrArray *
today_tickets (CsmWallboardWindow *self,
               CsmSyncEngine      *engine,
               const CsmWallBoard *board,
               gint64              since)
{
  GPtrArray *all = csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine));
  GPtrArray *tickets = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    {
      CsmTicket *t = g_ptr_array_index (all, i);

      if (!csm_wall_board_counts_queue (board, csm_ticket_get_queue_name (t)))
        continue;
      if (csm_ticket_is_active (t) || csm_ticket_get_last_updated (t) >= since - 86400 ||
          csm_ticket_get_created (t) >= since - HISTORY_DAYS * 86400)
        g_ptr_array_add (tickets, t);
    }
  return tickets;
}

static void
start_today (CsmWallboardWindow *self)
{
  CsmSyncEngine *engine = csm_context_get_engine (self->context);
  g_auto(CsmKpiOptions) options = { 0 };
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(CsmKpiFacts) facts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  gint64 now = now_of (self), midnight;

  if (self->today_running || engine == NULL || !csm_sync_engine_get_has_data (engine))
    return;
  /* A new round from the first board. */
  if (self->today_board >= self->boards->len)
    self->today_board = 0;
  if (self->today_board == 0)
    {
      self->today_usec = g_get_monotonic_time ();
      self->today_dirty = FALSE;
    }

  if (!csm_kpi_options_from_settings (&options, csm_context_get_settings (self->context), &error))
    {
      /* The SLA levels do not read: count the rest without them. */
      csm_kpi_options_clear (&options);
      csm_kpi_options_init (&options);
    }
  options.group_by = CSM_KPI_GROUP_NONE;
  midnight = csm_agent_board_day_start (tz, now);
  tickets = today_tickets (self, engine, g_ptr_array_index (self->boards, self->today_board),
                           midnight);
  facts = csm_kpi_facts_new (tickets, &options);
  self->today_running = TRUE;
  csm_kpi_rows_compute_async (facts, NULL, &options, midnight, MAX (now, midnight + 1), now,
                              self->cancellable, today_ready_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------------ */

static void
follow_engine (CsmWallboardWindow *self)
{
  g_signal_group_set_target (self->engine_signals, csm_context_get_engine (self->context));
  g_signal_group_set_target (self->sla_signals, csm_context_get_sla_monitor (self->context));
  g_signal_group_set_target (self->agent_signals, csm_context_get_agent_monitor (self->context));
}

static void
engine_changed_cb (CsmWallboardWindow *self)
{
  self->success_usec = g_get_monotonic_time ();
  follow_engine (self);
  update_status (self);
  show_tiles (self);
}

static void
refreshed_cb (CsmWallboardWindow *self)
{
  update_status (self);
  show_tiles (self);
}

/* New tickets: today's figures are counted again (on a worker thread). */
static void
data_arrived_cb (CsmWallboardWindow *self)
{
  self->today_dirty = TRUE;
  refreshed_cb (self);
  start_today (self);
}

static void
succeeded_cb (CsmWallboardWindow *self)
{
  self->success_usec = g_get_monotonic_time ();
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));

  if (app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), "leave-wallboard"))
    g_action_group_activate_action (G_ACTION_GROUP (app), "leave-wallboard", NULL);
  else
    gtk_window_close (GTK_WINDOW (widget));
}

/* Before anything else sees a key: Escape and Ctrl+W leave; every other
 * key stops here, so that no shortcut of the application (Preferences,
 * Quit, a page's) reaches past the wall. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CsmWallboardWindow    *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  gboolean leave;

  /* Matched as GTK matches shortcuts, so Ctrl+W works on any layout. */
  if (event != NULL)
    leave = gdk_key_event_matches (event, GDK_KEY_Escape, 0) == GDK_KEY_MATCH_EXACT ||
            gdk_key_event_matches (event, GDK_KEY_w, GDK_CONTROL_MASK) == GDK_KEY_MATCH_EXACT;
  else
    leave = (keyval == GDK_KEY_Escape && mods == 0) ||
            ((keyval == GDK_KEY_w || keyval == GDK_KEY_W) && mods == GDK_CONTROL_MASK);
  if (leave)
    gtk_widget_activate_action (GTK_WIDGET (self), "wallboard.leave", NULL);
  return TRUE;
}

static void
csm_wallboard_window_map (GtkWidget *widget)
{
  CsmWallboardWindow *self = CSM_WALLBOARD_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  GTK_WIDGET_CLASS (csm_wallboard_window_parent_class)->map (widget);
  /* Never idle, never blanked, while it is on the wall. */
  if (app != NULL && self->inhibit_cookie == 0)
    self->inhibit_cookie = gtk_application_inhibit (app, GTK_WINDOW (self),
                                                    GTK_APPLICATION_INHIBIT_IDLE,
                                                    _("The wallboard is on the wall"));
}

static void
csm_wallboard_window_unmap (GtkWidget *widget)
{
  CsmWallboardWindow *self = CSM_WALLBOARD_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app != NULL && self->inhibit_cookie != 0)
    gtk_application_uninhibit (app, self->inhibit_cookie);
  self->inhibit_cookie = 0;
  GTK_WIDGET_CLASS (csm_wallboard_window_parent_class)->unmap (widget);
}

static void
row_free (gpointer row)
{
  if (row != NULL)
    csm_kpi_row_free (row);
}

static void
csm_wallboard_window_dispose (GObject *object)
{
  CsmWallboardWindow *self = CSM_WALLBOARD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  /* A worker's answer may keep the window alive a little: nothing of the
   * context reaches it meanwhile. */
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->rotate_id, g_source_remove);
  if (self->engine_signals != NULL)
    {
      g_signal_group_set_target (self->engine_signals, NULL);
      g_signal_group_set_target (self->sla_signals, NULL);
      g_signal_group_set_target (self->agent_signals, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), CSM_TYPE_WALLBOARD_WINDOW);
  G_OBJECT_CLASS (csm_wallboard_window_parent_class)->dispose (object);
}

static void
csm_wallboard_window_finalize (GObject *object)
{
  CsmWallboardWindow *self = CSM_WALLBOARD_WINDOW (object);

  g_clear_object (&self->engine_signals);
  g_clear_object (&self->sla_signals);
  g_clear_object (&self->agent_signals);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->tiles, g_ptr_array_unref);
  g_clear_pointer (&self->today, g_ptr_array_unref);
  g_clear_pointer (&self->boards, g_ptr_array_unref);
  g_clear_object (&self->monitor);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (csm_wallboard_window_parent_class)->finalize (object);
}

static void
csm_wallboard_window_class_init (CsmWallboardWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csm_wallboard_window_dispose;
  object_class->finalize = csm_wallboard_window_finalize;
  widget_class->map = csm_wallboard_window_map;
  widget_class->unmap = csm_wallboard_window_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/csm-wallboard-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsmWallboardWindow, board_label);
  gtk_widget_class_bind_template_child (widget_class, CsmWallboardWindow, age_label);
  gtk_widget_class_bind_template_child (widget_class, CsmWallboardWindow, clock_label);
  gtk_widget_class_bind_template_child (widget_class, CsmWallboardWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, CsmWallboardWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, CsmWallboardWindow, tile_grid);
  gtk_widget_class_bind_template_child (widget_class, CsmWallboardWindow, footer_label);

  gtk_widget_class_install_action (widget_class, "wallboard.leave", NULL, leave_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wallboard.leave", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "wallboard.leave", NULL);
}

static void
csm_wallboard_window_init (CsmWallboardWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_name (keys, "wallboard-keys");
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }
  self->cancellable = g_cancellable_new ();
  self->engine_signals = g_signal_group_new (CSM_TYPE_SYNC_ENGINE);
  g_signal_group_connect_swapped (self->engine_signals, "refreshed", G_CALLBACK (data_arrived_cb),
                                  self);
  g_signal_group_connect_swapped (self->engine_signals, "notify::state", G_CALLBACK (refreshed_cb),
                                  self);
  g_signal_group_connect_swapped (self->engine_signals, "notify::last-success",
                                  G_CALLBACK (succeeded_cb), self);
  self->sla_signals = g_signal_group_new (CSM_TYPE_SLA_MONITOR);
  g_signal_group_connect_swapped (self->sla_signals, "updated", G_CALLBACK (show_tiles), self);
  self->agent_signals = g_signal_group_new (CSM_TYPE_AGENT_MONITOR);
  g_signal_group_connect_swapped (self->agent_signals, "updated", G_CALLBACK (show_tiles), self);
}

/**
 * csm_wallboard_window_new:
 * @app: (nullable): the application, which the window inhibits idleness through
 * @boards: (element-type CsmWallBoard): the boards to show, at least one
 *   (copied)
 * @first: the one to show first
 * @rotate: whether to move to the next every wallboard-rotate-seconds
 * @monitor: (nullable): where to go full screen; NULL: where the window is
 *
 * Returns: (transfer full): a wallboard window, not yet shown
 */
CsmWallboardWindow *
csm_wallboard_window_new (GtkApplication *app,
                          CsmContext     *context,
                          GPtrArray      *boards,
                          guint           first,
                          gboolean        rotate,
                          GdkMonitor     *monitor)
{
  CsmWallboardWindow *self;

  g_return_val_if_fail (CSM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (boards != NULL && boards->len > 0, NULL);

  self = g_object_new (CSM_TYPE_WALLBOARD_WINDOW, "application", app, NULL);
  self->context = g_object_ref (context);
  self->boards = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_wall_board_free);
  for (guint i = 0; i < boards->len; i++)
    {
      const CsmWallBoard *b = g_ptr_array_index (boards, i);

      g_ptr_array_add (self->boards, csm_wall_board_new (b->name, (const char * const *) b->tiles,
                                                         (const char * const *) b->queues));
    }
  self->today = g_ptr_array_new_with_free_func (row_free);
  g_ptr_array_set_size (self->today, boards->len);
  self->rotate = rotate;
  self->monitor = monitor ? g_object_ref (monitor) : NULL;
  self->today_board = boards->len;
  self->today_usec = G_MININT64 / 2;
  self->success_usec = g_get_monotonic_time ();

  g_signal_connect_object (context, "notify::engine", G_CALLBACK (engine_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::problem", G_CALLBACK (refreshed_cb), self,
                           G_CONNECT_SWAPPED);
  follow_engine (self);

  show_board (self, first);
  update_status (self);
  tick_cb (self);
  self->tick_id = g_timeout_add_seconds (1, tick_cb, self);

  if (monitor != NULL)
    gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
  else
    gtk_window_fullscreen (GTK_WINDOW (self));
  return self;
}

guint
csm_wallboard_window_get_board (CsmWallboardWindow *self)
{
  g_return_val_if_fail (CSM_IS_WALLBOARD_WINDOW (self), 0);
  return self->board;
}

const char *
csm_wallboard_window_get_board_name (CsmWallboardWindow *self)
{
  g_return_val_if_fail (CSM_IS_WALLBOARD_WINDOW (self), NULL);
  return current_board (self)->name;
}

/**
 * csm_wallboard_window_get_tiles:
 *
 * Returns: (transfer none) (element-type CsmWallTile): what the tiles show
 */
GPtrArray *
csm_wallboard_window_get_tiles (CsmWallboardWindow *self)
{
  g_return_val_if_fail (CSM_IS_WALLBOARD_WINDOW (self), NULL);
  return self->tiles;
}

gboolean
csm_wallboard_window_get_stale (CsmWallboardWindow *self)
{
  g_return_val_if_fail (CSM_IS_WALLBOARD_WINDOW (self), FALSE);
  return self->stale;
}

/**
 * csm_wallboard_window_get_today_ready:
 *
 * Returns: whether today's KPIs of the board shown are computed, from
 *   what the helpdesk last sent
 */
gboolean
csm_wallboard_window_get_today_ready (CsmWallboardWindow *self)
{
  g_return_val_if_fail (CSM_IS_WALLBOARD_WINDOW (self), FALSE);
  return g_ptr_array_index (self->today, self->board) != NULL && !self->today_running &&
         !self->today_dirty;
}

GdkMonitor *
csm_wallboard_window_get_monitor (CsmWallboardWindow *self)
{
  g_return_val_if_fail (CSM_IS_WALLBOARD_WINDOW (self), NULL);
  return self->monitor;
}

guint
csm_wallboard_window_get_inhibit_cookie (CsmWallboardWindow *self)
{
  g_return_val_if_fail (CSM_IS_WALLBOARD_WINDOW (self), 0);
  return self->inhibit_cookie;
}

/**
 * csm_wallboard_window_open:
 * @app: (nullable): the application
 * @boards: (element-type CsmWallBoard): the boards
 * @board: the one board to show, or -1 for all of them in turn
 * @monitor: the one monitor to use, counting from 1, or 0 for all
 * @monitors: (element-type GdkMonitor): the display's monitors
 *
 * Opens one window per monitor (or on the one asked for; on the first if
 * there is no such monitor), each starting at its own board and rotating,
 * or all on the one board asked for, and presents them.
 *
 * Returns: (transfer container) (element-type CsmWallboardWindow): the windows
 */
GPtrArray *
csm_wallboard_window_open (GtkApplication *app,
                           CsmContext     *context,
                           GPtrArray      *boards,
                           int             board,
                           int             monitor,
                           GListModel     *monitors)
{
  GPtrArray *windows = g_ptr_array_new ();
  guint n_monitors = g_list_model_get_n_items (monitors);

  g_return_val_if_fail (boards != NULL && boards->len > 0, windows);

  if (monitor > 0 && (guint) monitor > n_monitors)
    {
      g_message ("There is no monitor %d: the wallboard goes on the first", monitor);
      monitor = 1;
    }
  for (guint i = 0; i < MAX (n_monitors, 1); i++)
    {
      g_autoptr(GdkMonitor) on = n_monitors > 0 ? g_list_model_get_item (monitors, i) : NULL;
      CsmWallboardWindow *window;

      if (monitor > 0 && (guint) monitor != i + 1)
        continue;
      window = csm_wallboard_window_new (app, context, boards,
                                         board >= 0 ? (guint) board : i % boards->len, board < 0,
                                         on);
      gtk_window_present (GTK_WINDOW (window));
      g_ptr_array_add (windows, window);
    }
  return windows;
}

/**
 * csm_wallboard_window_step:
 * @rotate: move to the next board too
 *
 * What one second of the wall does (the clock, the tiles, the status),
 * at once: for the benchmark that runs a real day's seconds back to back.
 */
void
csm_wallboard_window_step (CsmWallboardWindow *self,
                           gboolean            rotate)
{
  g_return_if_fail (CSM_IS_WALLBOARD_WINDOW (self));

  if (rotate)
    show_board (self, self->board + 1);
  tick_cb (self);
}
