/* bench-wallboard.c: the wallboard left on for a simulated day: memory hour by hour.
 *
 * The demo's contact centre from a fixed start (Thursday 26 November 2026,
 * 11:00 UTC, so the run is the same on any day of the week) at 240× speed:
 * a simulated day in 6 minutes, refreshing every 5 s, the wallboard's two
 * boards rotating every 5 s, its clock ticking every second and today's
 * figures counted every minute. Each simulated hour the benchmark reads
 * the heap in use (mallinfo2: what is allocated and not freed), the
 * resident size, the tickets the console holds and the wallboard's tile
 * widgets. A leak shows as heap growing while nothing arrives: the night
 * hours, when few tickets come in, are listed apart.
 *
 * At 240× a simulated day holds only 362 of the clock's seconds. So that
 * what happens every second is measured over a real day's worth, the wall
 * then runs 86,400 seconds' work (the clock, the tiles, the status, and a
 * new board every 20) back to back, drawing a frame every 100, while the
 * demo goes on; the heap and the tickets held are read before, half-way
 * and after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-wallboard"

#include "config.h"

#include <adwaita.h>
#include <malloc.h>
#include <stdio.h>
#include <unistd.h>

#include "csm-context.h"
#include "csm-resources.h"
#include "csm-sim-model.h"
#include "csm-ticket-list.h"
#include "csm-wall-tile.h"
#include "csm-wallboard-window.h"

#define SPEED 240.0
#define HOURS 24

typedef struct
{
  gint64 at;
  double heap_mb;
  double rss_mb;
  guint tickets;
  guint tiles;
} Sample;

static double
rss_mb (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    sscanf (statm, "%lu %lu", &size, &resident);
  return resident * (double) sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
}

static double
heap_mb (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return (info.uordblks + info.hblkhd) / (1024.0 * 1024.0);
}

static void
demo_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *started = user_data;
  g_autoptr(GError) error = NULL;

  if (!csm_context_start_demo_finish (CSM_CONTEXT (object), result, &error))
    g_error ("The demo did not start: %s", error->message);
  *started = TRUE;
}

static guint
count_tiles (GtkWidget *widget)
{
  guint n = CSM_IS_WALL_TILE_WIDGET (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_tiles (child);
  return n;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(CsmClock) clock = NULL;
  g_autoptr(CsmContext) context = NULL;
  g_autoptr(GPtrArray) boards = NULL;
  g_autoptr(GPtrArray) windows = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, TRUE, sizeof (Sample));
  gint64 start = CSM_SIM_REFERENCE_NOW, next_hour, real_start;
  gboolean started = FALSE;
  double night = 0, day = 0;
  guint night_arrivals = 0, day_arrivals = 0;

  gtk_init ();
  adw_init ();
  csm_register_resource ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  settings = g_settings_new (APP_ID);
  g_settings_set_uint (settings, "refresh-interval", 5);
  g_settings_set_uint (settings, "wallboard-rotate-seconds", 5);
  clock = csm_clock_new_system ();
  context = csm_context_new (settings, clock);
  csm_context_start_demo_async (context, 20261126, SPEED, start, NULL, demo_started_cb, &started);
  while (!started)
    g_main_context_iteration (NULL, TRUE);

  value = g_settings_get_value (settings, "wallboard-boards");
  boards = csm_wall_boards_from_variant (value);
  windows = csm_wallboard_window_open (NULL, context, boards, -1, 0,
                                       gdk_display_get_monitors (gdk_display_get_default ()));

  real_start = g_get_monotonic_time ();
  next_hour = start + 3600;
  while (samples->len < HOURS)
    {
      CsmSyncEngine *engine = csm_context_get_engine (context);
      gint64 now = csm_clock_get_now (csm_context_get_clock (context));

      g_main_context_iteration (NULL, TRUE);
      if (now < next_hour || engine == NULL)
        continue;
      {
        Sample s = {
          .at = now,
          .heap_mb = heap_mb (),
          .rss_mb = rss_mb (),
          .tickets = csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine))->len,
          .tiles = count_tiles (g_ptr_array_index (windows, 0)),
        };

        g_array_append_val (samples, s);
      }
      next_hour += 3600;
    }

  g_print ("# wallboard left on for %d simulated hours at %.0f× (%.0f s of real time)\n", HOURS,
           SPEED, (g_get_monotonic_time () - real_start) / 1e6);
  g_print ("# hour (UTC)  heap MB  RSS MB  tickets held  tiles\n");
  for (guint i = 0; i < samples->len; i++)
    {
      const Sample *s = &g_array_index (samples, Sample, i);
      g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (s->at);
      g_autofree char *when = g_date_time_format (t, "%a %H:%M");

      g_print ("%s  %7.1f  %6.1f  %12u  %5u\n", when, s->heap_mb, s->rss_mb, s->tickets, s->tiles);
      if (i == 0)
        continue;
      {
        const Sample *p = &g_array_index (samples, Sample, i - 1);
        int hour = g_date_time_get_hour (t);

        /* 01:00 to 07:00: the quiet hours. */
        if (hour >= 1 && hour <= 7)
          {
            night += s->heap_mb - p->heap_mb;
            night_arrivals += s->tickets - p->tickets;
          }
        else
          {
            day += s->heap_mb - p->heap_mb;
            day_arrivals += s->tickets - p->tickets;
          }
      }
    }
  {
    const Sample *first = &g_array_index (samples, Sample, 0);
    const Sample *last = &g_array_index (samples, Sample, samples->len - 1);

    g_print ("heap: %.1f MB after the first hour, %.1f MB after %d hours (%+.1f MB) for %+d tickets "
             "held\n", first->heap_mb, last->heap_mb, HOURS, last->heap_mb - first->heap_mb,
             (int) last->tickets - (int) first->tickets);
    g_print ("quiet hours (01:00-07:00): %+.2f MB for %u new tickets; the rest: %+.2f MB for %u "
             "(%.1f KB a ticket)\n", night, night_arrivals, day, day_arrivals,
             day_arrivals ? day * 1024 / day_arrivals : 0.0);
    g_print ("tile widgets: %u after the first hour, %u at the end (the board shown then)\n",
             first->tiles, last->tiles);
  }

  /* A real day's seconds of the wall, the helpdesk still. */
  {
    CsmWallboardWindow *window = g_ptr_array_index (windows, 0);
    CsmSyncEngine *engine = csm_context_get_engine (context);
    gint64 began = g_get_monotonic_time ();
    double before, half = 0, after;
    guint tickets_before, tickets_after;

    while (g_main_context_iteration (NULL, FALSE))
      ;
    before = heap_mb ();
    tickets_before = csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine))->len;
    for (guint second = 1; second <= 86400; second++)
      {
        csm_wallboard_window_step (window, second % 20 == 0);
        if (second % 100 == 0)
          while (g_main_context_iteration (NULL, FALSE))
            ;
        if (second == 43200)
          half = heap_mb ();
      }
    after = heap_mb ();
    tickets_after = csm_ticket_list_get_array (csm_sync_engine_get_tickets (engine))->len;
    g_print ("a real day's 86,400 seconds of the wall (%u boards shown) in %.0f s: heap %.2f MB, "
             "%.2f MB half-way, %.2f MB at the end (%+.2f MB) while the tickets held went from "
             "%u to %u\n", 86400 / 20, (g_get_monotonic_time () - began) / 1e6, before, half, after,
             after - before, tickets_before, tickets_after);
  }

  for (guint i = 0; i < windows->len; i++)
    gtk_window_destroy (g_ptr_array_index (windows, i));
  csm_context_set_account (context, NULL, NULL);
  return 0;
}
