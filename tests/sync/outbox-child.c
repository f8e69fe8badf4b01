/* outbox-child.c: a console stand-in for the outbox kill test: queues or delivers, then waits to die.
 *
 * Usage: outbox-child STORE URL TOKEN MODE
 *   queue        queue "Owner = bob" on ticket 1 without starting delivery;
 *                print "QUEUED" once it is durable, then wait forever
 *   queue-start  the same with delivery started (the server holds the PUT)
 *   deliver      start the outbox, deliver what it holds, print
 *                "DELIVERED n" and exit when nothing is left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "csm-outbox.h"
#include "csm-provider.h"
#include "csm-store.h"
#include "csm-test-async.h"

static guint delivered;
static gboolean failed;

static void
delivered_cb (CsmOutbox  *outbox,
              gint64      ticket_id,
              const char *field,
              const char *value)
{
  delivered++;
}

static void
failed_cb (CsmOutbox    *outbox,
           gint64        ticket_id,
           const char   *field,
           const GError *error)
{
  g_printerr ("failed: %s\n", error->message);
  failed = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmStore) store = NULL;
  g_autoptr(CsmAccount) account = NULL;
  g_autoptr(CsmProvider) provider = NULL;
  g_autoptr(CsmOutbox) outbox = NULL;
  const char *mode;

  if (argc != 5)
    {
      g_printerr ("usage: outbox-child STORE URL TOKEN MODE\n");
      return 2;
    }
  mode = argv[4];

  csm_store_open_async (argv[1], NULL, csm_test_store_result, &result);
  store = csm_store_open_finish (csm_test_await (&result), &error);
  g_clear_object (&result);
  if (store == NULL)
    {
      g_printerr ("open: %s\n", error->message);
      return 1;
    }
  account = csm_account_new ("rt", argv[2], CSM_AUTH_TOKEN, NULL);
  provider = csm_provider_new_for_account (account, argv[3], &error);
  if (provider == NULL)
    {
      g_printerr ("provider: %s\n", error->message);
      return 1;
    }
  outbox = csm_outbox_new (store, provider, NULL);
  csm_outbox_set_time_unit_ms (outbox, 10);
  g_signal_connect (outbox, "delivered", G_CALLBACK (delivered_cb), NULL);
  g_signal_connect (outbox, "failed", G_CALLBACK (failed_cb), NULL);

  if (g_str_equal (mode, "queue") || g_str_equal (mode, "queue-start"))
    {
      if (g_str_equal (mode, "queue-start"))
        csm_outbox_start (outbox);
      csm_outbox_queue_async (outbox, 1, "Owner", "bob", "Nobody", NULL, csm_test_store_result, &result);
      if (csm_outbox_queue_finish (outbox, csm_test_await (&result), &error) <= 0)
        {
          g_printerr ("queue: %s\n", error->message);
          return 1;
        }
      printf ("QUEUED\n");
      fflush (stdout);
      for (;;)
        g_main_context_iteration (NULL, TRUE);
    }

  if (!g_str_equal (mode, "deliver"))
    return 2;

  csm_outbox_start_async (outbox, NULL, csm_test_store_result, &result);
  if (!csm_outbox_start_finish (outbox, csm_test_await (&result), &error))
    {
      g_printerr ("start: %s\n", error->message);
      return 1;
    }
  g_clear_object (&result);
  while (!csm_outbox_is_idle (outbox) && !failed)
    g_main_context_iteration (NULL, TRUE);
  csm_outbox_stop (outbox);

  csm_store_close_async (store, NULL, csm_test_store_result, &result);
  csm_store_close_finish (store, csm_test_await (&result), NULL);
  printf ("DELIVERED %u\n", delivered);
  fflush (stdout);
  return failed ? 1 : 0;
}
