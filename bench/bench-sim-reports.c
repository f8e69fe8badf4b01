/* bench-sim-reports.c: the Reports page at scale: the 30-day report on 100,000 tickets, and a custom range reaching the screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-sim"

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "csm-cli.h"
#include "csm-kpi-report.h"
#include "csm-reports-page.h"
#include "csm-resources.h"
#include "csm-window.h"

#include "bench-sim.h"

static double
median_of_five (double *ms)
{
  qsort (ms, 5, sizeof (double), compare_double);
  return ms[2];
}

/* The Reports page's work for the last 30 days: the histories from the
 * cache (store worker), the facts (the one step on the main loop), and the
 * report with every KPI, the daily series split by queue and all three
 * groupings (a worker thread); and the memory the three hold. */
void
bench_kpi_report (CsmStore      *store,
                  CsmSyncEngine *engine,
                  gint64         now)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) histories = NULL;
  g_auto(CsmKpiOptions) options = { 0 };
  GPtrArray *tickets = csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine));
  double load_ms[5], facts_ms[5], report_ms[5];
  gint64 from, to;
  long rss_before, rss_after = 0;
  guint n_series = 0;

  csm_kpi_options_init (&options);
  options.group_by = CSM_KPI_GROUP_QUEUE;
  g_assert_true (csm_kpi_period_range (CSM_KPI_PERIOD_LAST_30_DAYS, now, utc, NULL, NULL,
                                       &from, &to));
  rss_before = rss_kib ();
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(CsmKpiFacts) facts = NULL;
      g_autoptr(CsmKpiReport) report = NULL;
      gint64 t = g_get_monotonic_time ();

      g_clear_pointer (&histories, g_hash_table_unref);
      csm_store_load_kpi_histories_async (store, NULL, result_cb, &result);
      histories = csm_store_load_kpi_histories_finish (store, await_result (&result), &error);
      g_assert_no_error (error);
      g_clear_object (&result);
      load_ms[i] = (g_get_monotonic_time () - t) / 1000.0;

      t = g_get_monotonic_time ();
      facts = csm_kpi_facts_new (tickets, &options);
      facts_ms[i] = (g_get_monotonic_time () - t) / 1000.0;

      t = g_get_monotonic_time ();
      report = csm_kpi_report_compute (facts, histories, &options, from, to, now, utc);
      report_ms[i] = (g_get_monotonic_time () - t) / 1000.0;
      n_series = report->series->len;
      if (i == 0)
        {
          rss_after = rss_kib ();
          g_print ("KPI report, last 30 days of %u tickets (%u with a status history): every KPI, "
                   "%u daily buckets split by queue, the previous period, %u queues, %u agents, "
                   "%u channels\n", tickets->len, g_hash_table_size (histories), n_series,
                   report->by_queue->len, report->by_agent->len, report->by_channel->len);
        }
    }
  g_print ("  histories from the cache (store worker): %.0f ms median\n", median_of_five (load_ms));
  g_print ("  facts from the tickets (main loop): %.1f ms median\n", median_of_five (facts_ms));
  g_print ("  the report (worker thread): %.1f ms median (goal <= 150)\n",
           median_of_five (report_ms));
  g_print ("  memory held by the histories, facts and report: %.1f MB\n",
           (rss_after - rss_before) / 1024.0);
}


/* ------------------------------------------------------------------------ */
/* In a window                                                              */

typedef struct
{
  CsmReportsPage *page;
  guint counted;
  gint64 counted_at;       /* monotonic, when the last report was shown */
  gint64 painted_at;       /* the first frame painted after it */
  gint64 frame_start;      /* when that frame began (before-paint) */
  gint64 laid_out;         /* when that frame's layout ended */
  gint64 painted;          /* when that frame's paint (snapshot, render) ended */
  gint64 last_paint;
  gint64 longest;          /* longest gap between frames while watching */
  gboolean watching;
} Watch;

static void
counted_cb (CsmReportsPage *page,
            Watch          *w)
{
  w->counted++;
  w->counted_at = g_get_monotonic_time ();
  w->painted_at = 0;
  w->frame_start = 0;
  w->laid_out = 0;
  w->painted = 0;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Watch         *w)
{
  if (w->counted_at != 0 && w->painted_at == 0 && w->frame_start == 0)
    w->frame_start = g_get_monotonic_time ();
}

/* Connected after GTK's own handlers: the end of each phase. */
static void
layout_cb (GdkFrameClock *clock,
           Watch         *w)
{
  if (w->frame_start != 0 && w->painted_at == 0)
    w->laid_out = g_get_monotonic_time ();
}

static void
paint_cb (GdkFrameClock *clock,
          Watch         *w)
{
  if (w->frame_start != 0 && w->painted_at == 0)
    w->painted = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Watch         *w)
{
  gint64 now = g_get_monotonic_time ();

  if (w->watching && w->last_paint != 0)
    w->longest = MAX (w->longest, now - w->last_paint);
  w->last_paint = now;
  if (w->counted_at != 0 && w->painted_at == 0)
    w->painted_at = now;
}

/* Shows a custom range and waits until it is on screen. */
static void
show_range (GSettings  *settings,
            Watch      *w,
            const char *from,           /* (nullable): the last 30 days */
            const char *to,
            double     *count_ms,
            double     *screen_ms,
            double     *frame_ms,
            double     *longest_ms,
            double     *step_ms)
{
  guint before;
  gint64 t0;

  /* Nothing under way: a report started earlier must not be taken for
   * this range's. */
  while (csm_reports_page_is_counting (w->page) || g_main_context_pending (NULL))
    g_main_context_iteration (NULL, TRUE);
  before = w->counted;

  w->longest = 0;
  w->last_paint = 0;
  w->watching = TRUE;
  t0 = g_get_monotonic_time ();
  g_settings_delay (settings);
  if (from != NULL)
    {
      g_settings_set_string (settings, "reports-custom-from", from);
      g_settings_set_string (settings, "reports-custom-to", to);
    }
  g_settings_set_enum (settings, "reports-period",
                       from != NULL ? CSM_KPI_PERIOD_CUSTOM : CSM_KPI_PERIOD_LAST_30_DAYS);
  g_settings_apply (settings);
  while (w->counted == before || w->painted_at == 0)
    g_main_context_iteration (NULL, TRUE);
  w->watching = FALSE;
  *count_ms = (w->counted_at - t0) / 1000.0;
  *screen_ms = (w->painted_at - w->counted_at) / 1000.0;
  *frame_ms = (w->painted_at - w->frame_start) / 1000.0;
  g_debug ("the frame showing it: before-paint to layout's end %.1f ms, paint %.1f ms, "
           "to after-paint's end %.1f ms; its start %.1f ms after the report was on the page "
           "(monotonic %.6f to %.6f)",
           (w->laid_out - w->frame_start) / 1000.0, (w->painted - w->laid_out) / 1000.0,
           (w->painted_at - w->painted) / 1000.0, (w->frame_start - w->counted_at) / 1000.0,
           w->frame_start / 1e6, w->painted_at / 1e6);
  *longest_ms = w->longest / 1000.0;

  /* Then the work after that frame (the parts out of view, one step each,
   * and the report shown before freed): its longest step on the main loop. */
  *step_ms = 0;
  while (csm_reports_page_is_counting (w->page) || g_main_context_pending (NULL))
    {
      gint64 t = g_get_monotonic_time ();

      g_main_context_iteration (NULL, FALSE);
      *step_ms = MAX (*step_ms, (g_get_monotonic_time () - t) / 1000.0);
    }
}

/**
 * run_reports_child:
 *
 * In a window on the cache, the Reports page on screen: a custom range is
 * chosen five times; prints, per range, the time from the choice to the
 * report shown, the time the main loop spent putting it on the page, from
 * the report arriving to the end of the frame that shows it and that
 * frame's own layout and drawing, and the longest gap between frames
 * meanwhile.
 */
int
run_reports_child (void)
{
  /* Days back from today: 30, 7, 21 and 2 days ending today, then 26
   * days ending a day earlier. */
  static const int ranges[][2] = { { 29, 0 }, { 6, 0 }, { 20, 0 }, { 1, 0 }, { 26, 1 } };
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(CsmClock) clock = NULL;
  g_autoptr(CsmContext) context = NULL;
  g_autoptr(CsmAccount) account = NULL;
  CsmWindow *window;
  Watch w = { 0, };

  token = csm_cli_read_secret_file (g_getenv (TOKEN_ENV), &error);
  g_assert_no_error (error);

  adw_init ();
  csm_register_resource ();
  settings = g_settings_new (APP_ID);
  clock = child_clock_new ();
  context = csm_context_new (settings, clock);
  account = csm_account_new ("rt", g_getenv (URL_ENV), CSM_AUTH_TOKEN, NULL);
  csm_account_set_agents_group (account, "Agents");

  window = csm_window_new (NULL, context);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  csm_window_show_page (window, "reports");
  w.page = CSM_REPORTS_PAGE (csm_window_get_reports_page (window));
  g_signal_connect (w.page, "counted", G_CALLBACK (counted_cb), &w);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), &w);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "before-paint",
                    G_CALLBACK (before_paint_cb), &w);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "layout",
                    G_CALLBACK (layout_cb), &w);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "paint",
                    G_CALLBACK (paint_cb), &w);
  csm_context_set_account (context, account, token);

  /* The first report of the whole cache. */
  while (w.counted == 0 || w.painted_at == 0 ||
         csm_reports_page_get_report (w.page)->total->created == 0 ||
         csm_reports_page_is_counting (w.page))
    g_main_context_iteration (NULL, TRUE);

  /* The first change after start, apart: its frame makes what later
   * frames reuse (cairo's shared-memory images with the X server, and
   * memory the report's counting gave back). */
  {
    double count_ms, screen_ms, frame_ms, longest_ms, step_ms, show_ms;

    show_range (settings, &w, NULL, NULL, &count_ms, &screen_ms, &frame_ms, &longest_ms,
                &step_ms);
    show_ms = csm_reports_page_get_show_time (w.page) / 1000.0;
    g_print ("first-change last-30-days %.1f %.1f %.1f %.1f %.1f %ld %.1f\n", count_ms, show_ms,
             show_ms + screen_ms, frame_ms, longest_ms, rss_kib (), step_ms);
  }
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (csm_clock_get_now (clock));
      g_autoptr(GDateTime) first = g_date_time_add_days (today, -ranges[i][0]);
      g_autoptr(GDateTime) last = g_date_time_add_days (today, -ranges[i][1]);
      g_autofree char *from = g_date_time_format (first, "%Y-%m-%d");
      g_autofree char *to = g_date_time_format (last, "%Y-%m-%d");
      double count_ms, screen_ms, frame_ms, longest_ms, step_ms, show_ms;

      show_range (settings, &w, from, to, &count_ms, &screen_ms, &frame_ms, &longest_ms,
                  &step_ms);
      show_ms = csm_reports_page_get_show_time (w.page) / 1000.0;
      /* "counted" is emitted once the report is on the page: it arrived
       * the main loop's part earlier. */
      g_print ("%s %s %.1f %.1f %.1f %.1f %.1f %ld %.1f\n", from, to, count_ms, show_ms,
               show_ms + screen_ms, frame_ms, longest_ms, rss_kib (), step_ms);
    }
  shut_down (context);
  return 0;
}
