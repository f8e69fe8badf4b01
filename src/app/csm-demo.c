/* csm-demo.c: the built-in demo helpdesk: a simulated contact centre served on loopback.
 *
 * The demo builds a week of a contact centre's history on a worker thread,
 * then serves it on 127.0.0.1 from its own thread through the same RT 5
 * REST2 API a real Request Tracker offers, and keeps it busy at a
 * configurable speed. The console connects to it like to any RT: the same
 * provider, sync engine and pages run. Its token is random and lives only
 * in memory; nothing goes to the keyring, the settings or the cache.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csm-demo.h"
#include "csm-sim-model.h"
#include "csm-sim-server.h"

#define DEMO_AGENTS 40
#define DEMO_TICKETS 2000
#define DEMO_DAYS 14

struct _CsmDemo
{
  GObject parent_instance;

  guint64 seed;
  double speed;
  gint64 start;        /* Unix seconds; 0: the wall clock's now */
  CsmSimWorld *world;        /* (owned) (nullable) */
  CsmSimModel *model;        /* (owned) (nullable) */
  CsmSimServer *server;      /* (owned) (nullable) */
  CsmAccount *account;       /* (owned) (nullable) */
  char *token;               /* (owned) (nullable) */
};

G_DEFINE_FINAL_TYPE (CsmDemo, csm_demo, G_TYPE_OBJECT)

static void
csm_demo_dispose (GObject *object)
{
  CsmDemo *self = (CsmDemo *) object;

  csm_demo_stop (self);

  G_OBJECT_CLASS (csm_demo_parent_class)->dispose (object);
}

static void
csm_demo_finalize (GObject *object)
{
  CsmDemo *self = (CsmDemo *) object;

  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_clear_pointer (&self->token, g_free);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (csm_demo_parent_class)->finalize (object);
}

static void
csm_demo_class_init (CsmDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = csm_demo_dispose;
  object_class->finalize = csm_demo_finalize;
}

static void
csm_demo_init (CsmDemo *self)
{
}

/**
 * csm_demo_new:
 * @seed: the simulation's seed (the same seed, the same contact centre)
 * @speed: simulated seconds per real second
 * @start: the simulated helpdesk's "now" when it starts (Unix seconds), or 0
 *   for the wall clock's. The same seed and start give the same history.
 */
CsmDemo *
csm_demo_new (guint64 seed,
              double  speed,
              gint64  start)
{
  CsmDemo *self = g_object_new (CSM_TYPE_DEMO, NULL);

  self->seed = seed;
  self->speed = speed;
  self->start = start;
  return self;
}

typedef struct
{
  CsmSimWorld *world;
  CsmSimModel *model;
} Built;

static void
built_free (Built *built)
{
  g_clear_object (&built->model);
  g_clear_object (&built->world);
  g_free (built);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CsmDemo *self = source_object;
  CsmSimConfig config = {
    .seed = self->seed,
    .n_agents = DEMO_AGENTS,
    .target_tickets = DEMO_TICKETS,
    .history_days = DEMO_DAYS,
    .speed = self->speed,
  };
  Built *built = g_new0 (Built, 1);

  /* Two weeks of history (a week to report on, the week before to compare
   * it with) take about a second; off the main thread so the window stays
   * responsive meanwhile. */
  built->world = csm_sim_world_new ();
  built->model = csm_sim_model_new (built->world, &config);
  csm_sim_model_populate (built->model,
                          self->start > 0 ? self->start : g_get_real_time () / G_USEC_PER_SEC);
  g_task_return_pointer (task, built, (GDestroyNotify) built_free);
}

static char *
random_token (void)
{
  GString *token = g_string_new ("1-1-");

  for (int i = 0; i < 4; i++)
    g_string_append_printf (token, "%08x", g_random_int ());
  return g_string_free (token, FALSE);
}

static void
built_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsmDemo *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  Built *built;

  built = g_task_propagate_pointer (G_TASK (result), &error);
  if (built == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      built_free (built);
      return;
    }

  self->world = g_steal_pointer (&built->world);
  self->model = g_steal_pointer (&built->model);
  built_free (built);

  self->token = random_token ();
  self->server = csm_sim_server_new (self->world);
  csm_sim_server_add_token (self->server, self->token, "root");
  if (!csm_sim_server_start_in_thread (self->server, 0, &error))
    {
      g_clear_object (&self->server);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The contact centre keeps working beside the server, on its thread. */
  csm_sim_model_set_speed (self->model, self->speed);
  if (self->speed > 0)
    csm_sim_model_start (self->model, csm_sim_server_get_context (self->server));

  self->account = csm_account_new ("rt", csm_sim_server_get_url (self->server), CSM_AUTH_TOKEN,
                                   NULL);
  csm_account_set_agents_group (self->account, "Agents");
  csm_account_set_demo (self->account, TRUE);
  g_task_return_boolean (task, TRUE);
}

/**
 * csm_demo_start_async:
 *
 * Builds the simulated history and starts serving it.
 */
void
csm_demo_start_async (CsmDemo             *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) build = NULL;

  g_return_if_fail (CSM_IS_DEMO (self));
  g_return_if_fail (self->world == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_demo_start_async);
  build = g_task_new (self, cancellable, built_cb, g_steal_pointer (&task));
  g_task_run_in_thread (build, build_thread);
}

gboolean
csm_demo_start_finish (CsmDemo       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * csm_demo_get_account:
 *
 * Returns: (transfer none) (nullable): the account to connect with, once started
 */
CsmAccount *
csm_demo_get_account (CsmDemo *self)
{
  g_return_val_if_fail (CSM_IS_DEMO (self), NULL);
  return self->account;
}

const char *
csm_demo_get_token (CsmDemo *self)
{
  g_return_val_if_fail (CSM_IS_DEMO (self), NULL);
  return self->token;
}

/**
 * csm_demo_get_now:
 *
 * Returns: the simulated helpdesk's clock, which runs at the demo's speed
 */
gint64
csm_demo_get_now (CsmDemo *self)
{
  gint64 now;

  g_return_val_if_fail (CSM_IS_DEMO (self), 0);

  if (self->world == NULL)
    return g_get_real_time () / G_USEC_PER_SEC;
  csm_sim_world_lock (self->world);
  now = csm_sim_world_get_now (self->world);
  csm_sim_world_unlock (self->world);
  return now;
}

void
csm_demo_stop (CsmDemo *self)
{
  g_return_if_fail (CSM_IS_DEMO (self));

  if (self->model != NULL)
    csm_sim_model_stop (self->model);
  if (self->server != NULL)
    csm_sim_server_stop (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->model);
  g_clear_object (&self->world);
}
