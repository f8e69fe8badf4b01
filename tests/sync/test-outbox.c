/* test-outbox.c: write-backs through the durable outbox: delivery, back-off, refusals, offline, kills.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "csm-outbox.h"
#include "csm-provider.h"
#include "csm-store.h"
#include "fake-rt.h"
#include "csm-test-async.h"
#include "csm-test-store.h"

#define TOKEN "1-14-0123456789abcdef0123456789abcdef"
#define NOW 1795000000   /* the fixed clock: 2026-11-18T… */
#define UNIT_MS 10       /* one second of back-off, in the tests */

typedef struct
{
  char *dir;
  char *path;
  CsmTestServer *server;
  FakeRt *rt;
  CsmStore *store;
  CsmAccount *account;
  CsmProvider *provider;
  CsmClock *clock;
  CsmOutbox *outbox;

  /* What the signals said. */
  guint delivered;
  guint failed;
  GError *error;         /* the last failure */
  char *delivered_value;
} Fixture;

static void
delivered_cb (CsmOutbox  *outbox,
              gint64      ticket_id,
              const char *field,
              const char *value,
              Fixture    *f)
{
  g_assert_cmpint (ticket_id, ==, 1);
  f->delivered++;
  g_free (f->delivered_value);
  f->delivered_value = g_strdup_printf ("%s=%s", field, value);
}

static void
failed_cb (CsmOutbox    *outbox,
           gint64        ticket_id,
           const char   *field,
           const GError *error,
           Fixture      *f)
{
  g_assert_cmpint (ticket_id, ==, 1);
  f->failed++;
  g_clear_error (&f->error);
  f->error = g_error_copy (error);
}

static void
new_outbox (Fixture *f)
{
  f->outbox = csm_outbox_new (f->store, f->provider, f->clock);
  csm_outbox_set_time_unit_ms (f->outbox, UNIT_MS);
  g_signal_connect (f->outbox, "delivered", G_CALLBACK (delivered_cb), f);
  g_signal_connect (f->outbox, "failed", G_CALLBACK (failed_cb), f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("csm-outbox-test-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "cache.sqlite", NULL);
  f->server = csm_test_server_new (FALSE);
  f->rt = fake_rt_new (f->server);
  f->store = csm_test_store_open (f->path);
  f->account = csm_account_new ("rt", csm_test_server_get_url (f->server), CSM_AUTH_TOKEN, NULL);
  f->provider = csm_provider_new_for_account (f->account, TOKEN, NULL);
  f->clock = csm_clock_new_fixed (NOW);
  new_outbox (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->outbox);
  if (f->store != NULL)
    csm_test_store_close (f->store);
  g_clear_object (&f->store);
  g_clear_object (&f->provider);
  g_clear_object (&f->account);
  g_clear_object (&f->clock);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&f->server, csm_test_server_free);
  g_clear_pointer (&f->rt, fake_rt_free);
  g_clear_error (&f->error);
  g_free (f->delivered_value);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
queue (Fixture    *f,
       const char *field,
       const char *value,
       const char *previous)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  csm_outbox_queue_async (f->outbox, 1, field, value, previous, NULL, csm_test_store_result, &result);
  id = csm_outbox_queue_finish (f->outbox, csm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
start (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  csm_outbox_start_async (f->outbox, NULL, csm_test_store_result, &result);
  g_assert_true (csm_outbox_start_finish (f->outbox, csm_test_await (&result), &error));
  g_assert_no_error (error);
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done says so, failing after @timeout_ms. */
static void
run_until (gboolean (*done) (Fixture *f),
           Fixture   *f,
           guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!done (f) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_true (done (f));
}

/* Runs the main loop for @ms whatever happens. */
static void
run_for (guint ms)
{
  gboolean over = FALSE;

  g_timeout_add (ms, timeout_cb, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
was_delivered (Fixture *f)
{
  return f->delivered > 0;
}

static gboolean
has_failed (Fixture *f)
{
  return f->failed > 0;
}

static GPtrArray *
stored_entries (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  csm_store_outbox_list_async (f->store, NULL, csm_test_store_result, &result);
  entries = csm_store_outbox_list_finish (f->store, csm_test_await (&result), &error);
  g_assert_no_error (error);
  return entries;
}

static void
assert_outbox_empty (Fixture *f)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (csm_outbox_get_items (f->outbox)), ==, 0);
  /* The removal follows DONE: let it land. */
  run_for (20);
  entries = stored_entries (f);
  g_assert_cmpuint (entries->len, ==, 0);
}

/* ------------------------------------------------------------------------ */

static void
test_deliver (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(CsmOutboxItem) item = NULL;
  g_autofree char *owner = NULL;
  GListModel *items = csm_outbox_get_items (f->outbox);

  /* Not started: queued durably, listed, not sent. */
  queue (f, "Owner", "bob", "Nobody");
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
  item = g_list_model_get_item (items, 0);
  g_assert_cmpint (csm_outbox_item_get_ticket_id (item), ==, 1);
  g_assert_cmpstr (csm_outbox_item_get_field (item), ==, "Owner");
  g_assert_cmpstr (csm_outbox_item_get_value (item), ==, "bob");
  g_assert_cmpstr (csm_outbox_item_get_previous (item), ==, "Nobody");
  g_assert_cmpint (csm_outbox_item_get_queued (item), ==, NOW);
  g_assert_cmpint (csm_outbox_item_get_state (item), ==, CSM_OUTBOX_PENDING);
  entries = stored_entries (f);
  g_assert_cmpuint (entries->len, ==, 1);
  run_for (50);
  g_assert_cmpuint (fake_rt_get_puts (f->rt), ==, 0);

  start (f);
  run_until (was_delivered, f, 5000);
  g_assert_cmpstr (f->delivered_value, ==, "Owner=bob");
  owner = fake_rt_dup_owner (f->rt);
  g_assert_cmpstr (owner, ==, "bob");
  g_assert_cmpuint (fake_rt_get_puts (f->rt), ==, 1);
  g_assert_cmpuint (fake_rt_get_changes (f->rt), ==, 1);
  /* A first attempt is not checked first: no GET. */
  g_assert_cmpuint (fake_rt_get_gets (f->rt), ==, 0);
  g_assert_cmpuint (f->failed, ==, 0);
  g_assert_true (csm_outbox_is_idle (f->outbox));
  assert_outbox_empty (f);

  /* A status change, while started: delivered right after queuing. */
  f->delivered = 0;
  queue (f, "Status", "open", "new");
  run_until (was_delivered, f, 5000);
  g_assert_cmpuint (f->delivered, ==, 1);
  g_assert_cmpstr (f->delivered_value, ==, "Status=open");
  g_assert_cmpuint (fake_rt_get_changes (f->rt), ==, 2);
}

/* Two writes to one ticket go out in the order they were queued. */
static void
test_order (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *owner = NULL;

  queue (f, "Owner", "alice", "Nobody");
  queue (f, "Owner", "bob", "alice");
  start (f);
  while (f->delivered < 2)
    g_main_context_iteration (NULL, TRUE);
  owner = fake_rt_dup_owner (f->rt);
  g_assert_cmpstr (owner, ==, "bob");
  g_assert_cmpuint (fake_rt_get_changes (f->rt), ==, 2);
}

typedef struct
{
  GArray *states;       /* of CsmOutboxState, every change */
  gint64 next_attempt;  /* the last one seen while PENDING after a failure */
  char *error;
} Watch;

static void
item_notify_cb (CsmOutboxItem *item,
                GParamSpec    *pspec,
                Watch         *w)
{
  CsmOutboxState state = csm_outbox_item_get_state (item);

  if (g_str_equal (pspec->name, "state"))
    g_array_append_val (w->states, state);
  if (state == CSM_OUTBOX_PENDING && csm_outbox_item_get_error (item) != NULL)
    {
      w->next_attempt = csm_outbox_item_get_next_attempt (item);
      g_free (w->error);
      w->error = g_strdup (csm_outbox_item_get_error (item));
    }
}

static void
watch_first_item (Fixture *f,
                  Watch   *w)
{
  g_autoptr(CsmOutboxItem) item = g_list_model_get_item (csm_outbox_get_items (f->outbox), 0);

  w->states = g_array_new (FALSE, FALSE, sizeof (CsmOutboxState));
  g_signal_connect (item, "notify", G_CALLBACK (item_notify_cb), w);
}

static void
watch_clear (Watch *w)
{
  g_array_unref (w->states);
  g_free (w->error);
}

/* 503 twice: backs off 5, then 10 units, stays pending meanwhile, checks
 * the ticket before each new send, and the change is made once. */
static void
test_retry_503 (Fixture       *f,
                gconstpointer  data)
{
  Watch w = { 0, };
  gint64 begin;
  const CsmOutboxState expected[] = {
    CSM_OUTBOX_SENDING, CSM_OUTBOX_PENDING,
    CSM_OUTBOX_SENDING, CSM_OUTBOX_PENDING,
    CSM_OUTBOX_SENDING, CSM_OUTBOX_DONE,
  };

  fake_rt_fail_puts (f->rt, 2, 503, 0);
  queue (f, "Owner", "bob", "Nobody");
  watch_first_item (f, &w);
  begin = g_get_monotonic_time ();
  start (f);
  run_until (was_delivered, f, 10000);

  /* 5 + 10 back-off seconds of UNIT_MS each. */
  g_assert_cmpint (g_get_monotonic_time () - begin, >=, (5 + 10) * UNIT_MS * 1000);
  g_assert_cmpuint (fake_rt_get_puts (f->rt), ==, 3);
  g_assert_cmpuint (fake_rt_get_gets (f->rt), ==, 2);
  g_assert_cmpuint (fake_rt_get_changes (f->rt), ==, 1);
  g_assert_cmpuint (f->failed, ==, 0);
  g_assert_cmpuint (w.states->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < w.states->len; i++)
    g_assert_cmpint (g_array_index (w.states, CsmOutboxState, i), ==, expected[i]);
  /* The second failure: attempts 2 → 10 s after the (fixed) clock. */
  g_assert_cmpint (w.next_attempt, ==, NOW + 10);
  g_assert_nonnull (strstr (w.error, "503"));
  assert_outbox_empty (f);
  watch_clear (&w);
}

/* 429 with Retry-After: the helpdesk's wait, not the back-off. */
static void
test_retry_429 (Fixture       *f,
                gconstpointer  data)
{
  Watch w = { 0, };

  fake_rt_fail_puts (f->rt, 1, 429, 42);
  csm_outbox_set_time_unit_ms (f->outbox, 1);
  queue (f, "Owner", "bob", "Nobody");
  watch_first_item (f, &w);
  start (f);
  run_until (was_delivered, f, 10000);
  g_assert_cmpint (w.next_attempt, ==, NOW + 42);
  g_assert_cmpuint (fake_rt_get_puts (f->rt), ==, 2);
  g_assert_cmpuint (fake_rt_get_changes (f->rt), ==, 1);
  watch_clear (&w);
}

/* The back-off doubles up to five minutes. */
static void
test_backoff_cap (Fixture       *f,
                  gconstpointer  data)
{
  Watch w = { 0, };

  fake_rt_fail_puts (f->rt, 8, 502, 0);
  csm_outbox_set_time_unit_ms (f->outbox, 1);
  queue (f, "Owner", "bob", "Nobody");
  watch_first_item (f, &w);
  start (f);
  /* 5+10+20+40+80+160+300+300 ms */
  run_until (was_delivered, f, 20000);
  g_assert_cmpint (w.next_attempt, ==, NOW + CSM_OUTBOX_MAX_BACKOFF_SECONDS);
  g_assert_cmpuint (fake_rt_get_puts (f->rt), ==, 9);
  g_assert_cmpuint (fake_rt_get_changes (f->rt), ==, 1);
  watch_clear (&w);
}

/* RT's 200 with an error message: failed, with RT's words, never retried
 * by itself; the user's retry sends it again; discard drops it. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(CsmOutboxItem) item = NULL;
  CsmOutboxEntry *e;
  gint64 id;

  fake_rt_refuse_puts (f->rt, "[\"Ticket 1: That user may not own tickets in that queue\"]");
  id = queue (f, "Owner", "guest", "Nobody");
  start (f);
  run_until (has_failed, f, 5000);
  g_assert_error (f->error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_REFUSED);
  g_assert_nonnull (strstr (f->error->message, "That user may not own tickets in that queue"));
  g_assert_cmpuint (f->delivered, ==, 0);

  item = g_list_model_get_item (csm_outbox_get_items (f->outbox), 0);
  g_assert_cmpint (csm_outbox_item_get_state (item), ==, CSM_OUTBOX_FAILED);
  g_assert_nonnull (strstr (csm_outbox_item_get_error (item), "may not own"));

  /* 100 back-off seconds later: still one PUT. */
  run_for (100 * UNIT_MS);
  g_assert_cmpuint (fake_rt_get_puts (f->rt), ==, 1);
  g_assert_cmpuint (fake_rt_get_changes (f->rt), ==, 0);
  g_assert_true (csm_outbox_is_idle (f->outbox));
  entries = stored_entries (f);
  g_assert_cmpuint (entries->len, ==, 1);
  e = g_ptr_array_index (entries, 0);
  g_assert_cmpint (e->state, ==, CSM_OUTBOX_FAILED);
  g_assert_cmpuint (e->attempts, ==, 1);
  g_assert_nonnull (strstr (e->error, "may not own"));
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Failed survives a restart and is not sent by it. */
  g_clear_object (&f->outbox);
  new_outbox (f);
  start (f);
  run_for (20 * UNIT_MS);
  g_assert_cmpuint (fake_rt_get_puts (f->rt), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (csm_outbox_get_items (f->outbox)), ==, 1);

  /* The user retries: checked first (a GET), sent, refused again. */
  f->failed = 0;
  g_assert_true (csm_outbox_retry (f->outbox, id));
  run_until (has_failed, f, 5000);
  g_assert_cmpuint (fake_rt_get_puts (f->rt), ==, 2);
  g_assert_cmpuint (fake_rt_get_gets (f->rt), ==, 1);

  g_assert_true (csm_outbox_discard (f->outbox, id));
  g_assert_false (csm_outbox_discard (f->outbox, id));
  assert_outbox_empty (f);
}

static void
test_forbidden (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) capture = csm_test_load_data ("rt5/errors/200_viewer_put_owner.txt");
  const char *text = g_bytes_get_data (capture, NULL);
  g_autofree char *body = g_strndup (strstr (text, "\r\n\r\n") ? strstr (text, "\r\n\r\n") + 4
                                                                : strstr (text, "\n\n") + 2,
                                     g_bytes_get_size (capture));

  /* The viewer's answer as RT gave it. */
  fake_rt_refuse_puts (f->rt, g_strstrip (body));
  queue (f, "Owner", "bob", "Nobody");
  start (f);
  run_until (has_failed, f, 5000);
  g_assert_error (f->error, CSM_PROVIDER_ERROR, CSM_PROVIDER_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (f->error->message, "Permission Denied"));
  run_for (50 * UNIT_MS);
  g_assert_cmpuint (fake_rt_get_puts (f->rt), ==, 1);
}

/* The helpdesk unreachable: the write waits, and goes when it is back. */
static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  Watch w = { 0, };
  g_autofree char *owner = NULL;

  fake_rt_set_mode (f->rt, FAKE_RT_OFFLINE);
  queue (f, "Owner", "bob", "Nobody");
  watch_first_item (f, &w);
  start (f);
  while (w.error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("offline: %s", w.error);
  run_for (30 * UNIT_MS);
  g_assert_cmpuint (f->delivered, ==, 0);
  g_assert_cmpuint (f->failed, ==, 0);
  g_assert_false (csm_outbox_is_idle (f->outbox));

  fake_rt_set_mode (f->rt, FAKE_RT_NORMAL);
  run_until (was_delivered, f, 10000);
  owner = fake_rt_dup_owner (f->rt);
  g_assert_cmpstr (owner, ==, "bob");
  g_assert_cmpuint (fake_rt_get_changes (f->rt), ==, 1);
  watch_clear (&w);
}

/* Stopping mid-PUT leaves it SENDING in the cache; the next start finds
 * the change made and records it without sending again. */
static void
test_stop_in_flight (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;

  fake_rt_set_mode (f->rt, FAKE_RT_HOLD_AFTER_APPLY);
  queue (f, "Owner", "bob", "Nobody");
  start (f);
  while (fake_rt_get_changes (f->rt) == 0)
    g_main_context_iteration (NULL, FALSE);
  csm_outbox_stop (f->outbox);
  entries = stored_entries (f);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (((CsmOutboxEntry *) g_ptr_array_index (entries, 0))->state, ==,
                   CSM_OUTBOX_SENDING);

  fake_rt_set_mode (f->rt, FAKE_RT_NORMAL);
  start (f);
  run_until (was_delivered, f, 5000);
  g_assert_cmpuint (fake_rt_get_puts (f->rt), ==, 1);
  g_assert_cmpuint (fake_rt_get_gets (f->rt), ==, 1);
  g_assert_cmpuint (fake_rt_get_changes (f->rt), ==, 1);
  assert_outbox_empty (f);
}

/* ------------------------------------------------------------------------ */
/* The kill test: a separate console process, SIGKILLed.                    */
/* ------------------------------------------------------------------------ */

static GSubprocess *
spawn_child (Fixture    *f,
             const char *mode)
{
  g_autofree char *child = g_build_filename (g_getenv ("CSM_TEST_BUILDDIR"), "sync",
                                             "outbox-child", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *p;

  p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, child, f->path,
                        csm_test_server_get_url (f->server), TOKEN, mode, NULL);
  g_assert_no_error (error);
  return p;
}

static char *
read_line (GSubprocess *p)
{
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (p));

  return g_data_input_stream_read_line (in, NULL, NULL, NULL);
}

static void
kill_child (GSubprocess *p)
{
  g_subprocess_send_signal (p, SIGKILL);
  g_assert_true (g_subprocess_wait (p, NULL, NULL));
  g_assert_true (g_subprocess_get_if_signaled (p));
  g_assert_cmpint (g_subprocess_get_term_sig (p), ==, SIGKILL);
}

typedef enum
{
  KILL_QUEUED,          /* durable, never sent */
  KILL_PUT_UNANSWERED,  /* sent, the server had not applied it */
  KILL_PUT_APPLIED,     /* the server applied it, the answer never came back */
} KillPoint;

static void
test_kill (Fixture       *f,
           gconstpointer  data)
{
  KillPoint point = GPOINTER_TO_INT (data);
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autofree char *line = NULL;
  g_autofree char *owner = NULL;
  g_autoptr(GError) error = NULL;

  /* The child has the cache to itself. */
  g_clear_object (&f->outbox);
  csm_test_store_close (f->store);
  g_clear_object (&f->store);

  switch (point)
    {
    case KILL_QUEUED:
      first = spawn_child (f, "queue");
      line = read_line (first);
      g_assert_cmpstr (line, ==, "QUEUED");
      break;
    case KILL_PUT_UNANSWERED:
      fake_rt_set_mode (f->rt, FAKE_RT_HOLD_BEFORE_APPLY);
      first = spawn_child (f, "queue-start");
      g_assert_true (fake_rt_wait (f->rt, 1, 0, 10000));
      break;
    case KILL_PUT_APPLIED:
      fake_rt_set_mode (f->rt, FAKE_RT_HOLD_AFTER_APPLY);
      first = spawn_child (f, "queue-start");
      g_assert_true (fake_rt_wait (f->rt, 1, 1, 10000));
      break;
    default:
      g_assert_not_reached ();
    }
  kill_child (first);
  g_assert_cmpuint (fake_rt_get_changes (f->rt), ==, point == KILL_PUT_APPLIED ? 1 : 0);

  fake_rt_set_mode (f->rt, FAKE_RT_NORMAL);
  second = spawn_child (f, "deliver");
  g_clear_pointer (&line, g_free);
  line = read_line (second);
  g_assert_true (g_subprocess_wait_check (second, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "DELIVERED 1");

  /* Exactly once: one owner change on the server, whatever was sent. */
  owner = fake_rt_dup_owner (f->rt);
  g_assert_cmpstr (owner, ==, "bob");
  g_assert_cmpuint (fake_rt_get_changes (f->rt), ==, 1);
  switch (point)
    {
    case KILL_QUEUED:
      g_assert_cmpuint (fake_rt_get_puts (f->rt), ==, 1);
      break;
    case KILL_PUT_UNANSWERED:
      /* Checked (not there), sent again. */
      g_assert_cmpuint (fake_rt_get_gets (f->rt), ==, 1);
      g_assert_cmpuint (fake_rt_get_puts (f->rt), ==, 2);
      break;
    case KILL_PUT_APPLIED:
      /* Checked (there): not sent again. */
      g_assert_cmpuint (fake_rt_get_gets (f->rt), ==, 1);
      g_assert_cmpuint (fake_rt_get_puts (f->rt), ==, 1);
      break;
    default:
      g_assert_not_reached ();
    }

  /* And the cache says so. */
  f->store = csm_test_store_open (f->path);
  {
    g_autoptr(GPtrArray) entries = stored_entries (f);
    g_assert_cmpuint (entries->len, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/sync/outbox/deliver", NULL, test_deliver);
  ADD ("/sync/outbox/order", NULL, test_order);
  ADD ("/sync/outbox/retry/503", NULL, test_retry_503);
  ADD ("/sync/outbox/retry/429-retry-after", NULL, test_retry_429);
  ADD ("/sync/outbox/retry/backoff-cap", NULL, test_backoff_cap);
  ADD ("/sync/outbox/refused", NULL, test_refused);
  ADD ("/sync/outbox/forbidden", NULL, test_forbidden);
  ADD ("/sync/outbox/offline", NULL, test_offline);
  ADD ("/sync/outbox/stop-in-flight", NULL, test_stop_in_flight);
  ADD ("/sync/outbox/kill/queued", GINT_TO_POINTER (KILL_QUEUED), test_kill);
  ADD ("/sync/outbox/kill/put-unanswered", GINT_TO_POINTER (KILL_PUT_UNANSWERED), test_kill);
  ADD ("/sync/outbox/kill/put-applied", GINT_TO_POINTER (KILL_PUT_APPLIED), test_kill);

#undef ADD

  return g_test_run ();
}
