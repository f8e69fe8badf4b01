/* test-page.c: the CsmPage base: following the context and its engine, "now" from the clock, catching up when shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-page.h"
#include "csm-sim-model.h"
#include "csm-test-gui.h"

/* A page that counts what the base asks of it. */
#define TEST_TYPE_PAGE (test_page_get_type ())
G_DECLARE_FINAL_TYPE (TestPage, test_page, TEST, PAGE, CsmPage)

struct _TestPage
{
  CsmPage parent_instance;

  guint engine_changed;
  guint catch_up;
  guint ticks;
  gint64 last_tick;
  guint refreshed;
};

G_DEFINE_FINAL_TYPE (TestPage, test_page, CSM_TYPE_PAGE)

static void
test_page_engine_changed (CsmPage *page)
{
  TEST_PAGE (page)->engine_changed++;
}

static void
test_page_catch_up (CsmPage *page)
{
  TEST_PAGE (page)->catch_up++;
}

static void
test_page_tick (CsmPage *page,
                gint64   now)
{
  TEST_PAGE (page)->ticks++;
  TEST_PAGE (page)->last_tick = now;
}

static void
refreshed_cb (TestPage *self)
{
  self->refreshed++;
}

static void
test_page_class_init (TestPageClass *klass)
{
  CsmPageClass *page_class = CSM_PAGE_CLASS (klass);

  page_class->engine_changed = test_page_engine_changed;
  page_class->catch_up = test_page_catch_up;
  page_class->tick = test_page_tick;
}

static void
test_page_init (TestPage *self)
{
  g_signal_group_connect_swapped (csm_page_get_engine_signals (CSM_PAGE (self)), "refreshed",
                                  G_CALLBACK (refreshed_cb), self);
}

static gboolean
page_has_engine (gpointer data)
{
  return csm_page_get_engine (data) != NULL;
}

static gboolean
page_refreshed (gpointer data)
{
  return TEST_PAGE (data)->refreshed > 0;
}

static void
test_follows_context (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(CsmClock) clock = csm_clock_new_fixed (CSM_SIM_REFERENCE_NOW);
  g_autoptr(CsmClock) other_clock = csm_clock_new_fixed (CSM_SIM_REFERENCE_NOW);
  g_autoptr(CsmContext) context = csm_context_new (settings, clock);
  g_autoptr(CsmContext) other = csm_context_new (settings, other_clock);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TestPage *page = g_object_ref_sink (g_object_new (TEST_TYPE_PAGE, NULL));
  guint changes;
  GtkWidget *window;

  /* Without a context: no engine, no "now", nothing to tick. */
  g_assert_null (csm_page_get_context (CSM_PAGE (page)));
  g_assert_cmpint (csm_page_get_now (CSM_PAGE (page)), ==, 0);

  csm_page_set_context (CSM_PAGE (page), context);
  g_assert_true (csm_page_get_context (CSM_PAGE (page)) == context);
  g_assert_cmpuint (page->engine_changed, ==, 1);
  g_assert_cmpint (csm_page_get_now (CSM_PAGE (page)), ==, CSM_SIM_REFERENCE_NOW);

  /* "now" is the context's clock, and the clock's ticks reach the page. */
  csm_clock_set_now (clock, CSM_SIM_REFERENCE_NOW + 60);
  g_assert_cmpuint (page->ticks, ==, 1);
  g_assert_cmpint (page->last_tick, ==, CSM_SIM_REFERENCE_NOW + 60);
  g_assert_cmpint (csm_page_get_now (CSM_PAGE (page)), ==, CSM_SIM_REFERENCE_NOW + 60);

  /* Out of sight, an update waits; shown, the page catches up once. */
  csm_page_queue_update (CSM_PAGE (page));
  csm_page_queue_update (CSM_PAGE (page));
  g_assert_cmpuint (page->catch_up, ==, 0);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  csm_test_wait_frames (window, 2);
  g_assert_cmpuint (page->catch_up, ==, 1);
  /* On screen, at once. */
  csm_page_queue_update (CSM_PAGE (page));
  g_assert_cmpuint (page->catch_up, ==, 2);

  /* The context's engine, when it has one, is the page's: its signals
   * reach the page through the base's group. */
  csm_context_start_demo_async (context, 7, 0.0, CSM_SIM_REFERENCE_NOW, NULL,
                                csm_test_store_result, &result);
  g_assert_true (csm_context_start_demo_finish (context, csm_test_await (&result), &error));
  g_assert_no_error (error);
  g_assert_true (csm_test_wait_until (page_has_engine, page, 20000));
  g_assert_true (csm_page_get_engine (CSM_PAGE (page)) == csm_context_get_engine (context));
  /* (the context may say "engine" more than once while the demo starts) */
  g_assert_cmpuint (page->engine_changed, >=, 2);
  g_assert_true (csm_test_wait_until (page_refreshed, page, 20000));

  /* Another context: the old clock no longer reaches the page. */
  gtk_widget_set_visible (GTK_WIDGET (page), FALSE);
  g_object_set (page, "context", other, NULL);
  g_assert_true (csm_page_get_context (CSM_PAGE (page)) == other);
  g_assert_null (csm_page_get_engine (CSM_PAGE (page)));
  changes = page->engine_changed;
  page->ticks = 0;
  csm_clock_set_now (clock, CSM_SIM_REFERENCE_NOW + 120);
  g_assert_cmpuint (page->ticks, ==, 0);
  csm_clock_set_now (other_clock, CSM_SIM_REFERENCE_NOW + 180);
  g_assert_cmpuint (page->ticks, ==, 1);

  /* An update queued while hidden survives an engine change. */
  csm_page_queue_update (CSM_PAGE (page));
  csm_page_set_context (CSM_PAGE (page), context);
  g_assert_cmpuint (page->engine_changed, ==, changes + 1);
  g_assert_cmpuint (page->catch_up, ==, 2);
  gtk_widget_set_visible (GTK_WIDGET (page), TRUE);
  csm_test_wait_frames (window, 2);
  g_assert_cmpuint (page->catch_up, ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (page);
  csm_context_set_account (context, NULL, NULL);
  csm_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  csm_test_gui_init (&argc, &argv);

  g_test_add_func ("/gui/page/follows-context", test_follows_context);

  return g_test_run ();
}
