/* csm-context.c: what every page shares: settings, clock, the account and its sync engine.
 *
 * Switching accounts builds a fresh engine: the cache is opened and drawn
 * first, the keyring is asked for the secret meanwhile, and only then does
 * the engine start talking to the helpdesk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-context"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csm-agent-monitor.h"
#include "csm-context.h"
#include "csm-workspace.h"
#include "csm-demo.h"
#include "csm-monitor-settings.h"
#include "csm-outbox.h"
#include "csm-provider.h"
#include "csm-secret-store.h"
#include "csm-sim-model.h"
#include "csm-sla-monitor.h"
#include "csm-store.h"

struct _CsmContext
{
  GObject parent_instance;

  GSettings *settings;        /* (owned) */
  CsmClock *clock;            /* (owned) */
  CsmAccount *account;        /* (owned) (nullable) */
  CsmSyncEngine *engine;      /* (owned) (nullable) */
  CsmProvider *provider;      /* (owned) (nullable) */
  CsmStore *store;            /* (owned) (nullable) */
  GCancellable *cancellable;  /* (owned): the current account's setup */
  char *problem;              /* (owned) (nullable): why the account cannot sync */
  char *pending_secret;       /* (owned) (nullable): given by the caller, not the keyring */
  CsmDemo *demo;              /* (owned) (nullable): the demo helpdesk, while it is the account */
  CsmOutbox *outbox;          /* (owned) (nullable): writes to the helpdesk, with the engine */
  CsmSlaMonitor *sla_monitor; /* (owned) (nullable): with the engine */
  CsmAgentMonitor *agent_monitor; /* (owned) (nullable): with the engine */
  char *policy_problem;       /* (owned) (nullable): why the SLA policy in settings is unusable */
};

G_DEFINE_FINAL_TYPE (CsmContext, csm_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_ENGINE,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wipe_secret (char **secret)
{
  if (*secret != NULL)
    {
      memset (*secret, 0, strlen (*secret));
      g_clear_pointer (secret, g_free);
    }
}

static void
set_problem (CsmContext *self,
             const char *problem)
{
  if (g_strcmp0 (self->problem, problem) == 0)
    return;
  g_free (self->problem);
  self->problem = g_strdup (problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

static void
apply_monitor_settings (CsmContext *self)
{
  g_autoptr(CsmSlaPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  CsmSlaBoardOptions sla_options = { 0, };
  CsmAgentBoardOptions agent_options = { 0, };

  if (self->sla_monitor == NULL)
    return;

  /* The demo's levels are the simulator's own: nothing for an admin to describe. */
  if (self->account != NULL && csm_account_get_demo (self->account))
    {
      json = csm_sim_sla_policy_json ();
      policy = csm_sla_policy_new_from_json (json, &error);
    }
  else
    policy = csm_sla_policy_from_settings (self->settings, &error);
  g_clear_pointer (&self->policy_problem, g_free);
  if (policy == NULL)
    {
      self->policy_problem = g_strdup (error->message);
      policy = csm_sla_policy_new_from_json ("", NULL);
    }
  csm_sla_monitor_set_policy (self->sla_monitor, policy);
  csm_sla_board_options_from_settings (&sla_options, self->settings);
  csm_sla_monitor_set_options (self->sla_monitor, &sla_options);

  csm_agent_board_options_from_settings (&agent_options, self->settings);
  csm_agent_monitor_set_options (self->agent_monitor, &agent_options);
  csm_agent_board_options_clear (&agent_options);
}

static void
apply_sync_settings (CsmContext *self)
{
  if (self->engine == NULL)
    return;
  csm_sync_engine_set_refresh_interval (self->engine,
                                        g_settings_get_uint (self->settings, "refresh-interval"));
  csm_sync_engine_set_reconcile_interval (self->engine,
                                          g_settings_get_uint (self->settings, "reconcile-interval"));
  csm_sync_engine_set_history_days (self->engine,
                                    g_settings_get_uint (self->settings, "history-days"));
  csm_provider_set_max_in_flight (self->provider,
                                  g_settings_get_uint (self->settings, "max-in-flight"));
}

static void
apply_settings (CsmContext *self)
{
  apply_sync_settings (self);
  apply_monitor_settings (self);
}

static void
settings_changed_cb (GSettings  *settings,
                     const char *key,
                     CsmContext *self)
{
  /* What the Agents and SLA figures are computed with; any change to these
   * recomputes them, so other keys (window size, thresholds) must not. */
  static const char * const monitor_keys[] = {
    "presence-active-minutes", "presence-idle-minutes", "agent-default-capacity",
    "agent-capacities", "agent-shifts", "occupancy-window", "sla-policy",
    "sla-horizon-minutes", "sla-rate-window-minutes", NULL,
  };

  if (g_strv_contains (monitor_keys, key))
    apply_monitor_settings (self);
  else
    apply_sync_settings (self);
}

static void
store_closed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!csm_store_close_finish (CSM_STORE (object), result, &error))
    g_warning ("Closing the cache failed: %s", error->message);
}

static void
teardown (CsmContext *self)
{
  if (self->demo != NULL)
    {
      /* The clock goes back to the wall clock with the demo. */
      csm_clock_follow (self->clock, NULL, NULL, NULL);
      csm_demo_stop (self->demo);
      g_clear_object (&self->demo);
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->outbox != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->outbox, self);
      csm_outbox_stop (self->outbox);
    }
  g_clear_object (&self->outbox);
  g_clear_object (&self->sla_monitor);
  g_clear_object (&self->agent_monitor);
  if (self->engine != NULL)
    csm_sync_engine_stop (self->engine);
  g_clear_object (&self->engine);
  g_clear_object (&self->provider);
  if (self->store != NULL)
    csm_store_close_async (self->store, NULL, store_closed_cb, NULL);
  g_clear_object (&self->store);
  wipe_secret (&self->pending_secret);
}

/* Callbacks of one account's setup carry that setup's cancellable: a
 * callback for an account that was replaced meanwhile must not touch the
 * new one. */
typedef struct
{
  CsmContext *self;           /* (owned) */
  GCancellable *cancellable;  /* (owned) */
  gboolean in_memory;         /* the store being opened is the in-memory one */
} Setup;

static Setup *
setup_new (CsmContext *self)
{
  Setup *setup = g_new0 (Setup, 1);

  setup->self = g_object_ref (self);
  setup->cancellable = g_object_ref (self->cancellable);
  return setup;
}

static void
setup_free (Setup *setup)
{
  g_clear_object (&setup->self);
  g_clear_object (&setup->cancellable);
  g_free (setup);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Setup, setup_free)

static void
secret_found_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Setup) setup = user_data;
  CsmContext *self = setup->self;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = csm_secret_store_lookup_finish (result, &error);
  if (g_cancellable_is_cancelled (setup->cancellable))
    {
      wipe_secret (&secret);
      return;
    }
  if (secret == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The keyring has no credentials for this "
                                                 "helpdesk (%s). Connect again to enter them."),
                                               error->message);
      set_problem (self, text);
      return;
    }

  csm_provider_set_secret (self->provider, secret);
  wipe_secret (&secret);
  csm_sync_engine_start (self->engine);
  csm_outbox_start (self->outbox);
}

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Setup) setup = user_data;
  CsmContext *self = setup->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmStore) store = NULL;

  store = csm_store_open_finish (result, &error);
  if (g_cancellable_is_cancelled (setup->cancellable))
    {
      if (store != NULL)
        csm_store_close_async (store, NULL, store_closed_cb, NULL);
      return;
    }
  if (store == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The local cache cannot be used: %s"),
                                               error->message);

      set_problem (self, text);
      if (setup->in_memory)
        return;
      /* Without its file the console still works, from a cache in memory;
       * it only starts empty. */
      setup->in_memory = TRUE;
      csm_store_open_async (NULL, self->cancellable, store_opened_cb, g_steal_pointer (&setup));
      return;
    }
  self->store = g_steal_pointer (&store);

  self->engine = csm_sync_engine_new (self->provider, self->store, self->clock);
  self->sla_monitor = csm_sla_monitor_new (self->engine, self->clock);
  self->agent_monitor = csm_agent_monitor_new (self->engine, self->clock);
  self->outbox = csm_outbox_new (self->store, self->provider, self->clock);
  /* What the console wrote shows on the next refresh; make that now. */
  g_signal_connect_object (self->outbox, "delivered", G_CALLBACK (csm_sync_engine_refresh_now),
                           self->engine, G_CONNECT_SWAPPED);
  apply_settings (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);

  if (self->pending_secret != NULL)
    {
      csm_provider_set_secret (self->provider, self->pending_secret);
      wipe_secret (&self->pending_secret);
      csm_sync_engine_start (self->engine);
      csm_outbox_start (self->outbox);
    }
  else
    {
      /* Draw the cache while the keyring answers (it may even prompt). */
      csm_sync_engine_load_cache_async (self->engine, self->cancellable, NULL, NULL);
      csm_secret_store_lookup_async (self->account, self->cancellable, secret_found_cb,
                                     setup_new (self));
    }
}

/**
 * csm_context_set_account:
 * @account: (nullable): the account to use, or %NULL for none
 * @secret: (nullable): its secret; %NULL to ask the keyring
 *
 * Replaces the current account and its engine.
 */
void
csm_context_set_account (CsmContext *self,
                         CsmAccount *account,
                         const char *secret)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Setup) setup = NULL;

  g_return_if_fail (CSM_IS_CONTEXT (self));
  g_return_if_fail (!account || CSM_IS_ACCOUNT (account));

  teardown (self);
  set_problem (self, NULL);
  g_set_object (&self->account, account);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);

  if (account == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->provider = csm_provider_new_for_account (account, NULL, &error);
  if (self->provider == NULL)
    {
      set_problem (self, error->message);
      return;
    }
  self->pending_secret = g_strdup (secret);

  /* The demo lives in memory only: no cache file, no keyring (its secret
   * is given). */
  if (!csm_account_get_demo (account))
    path = csm_store_path_for_account (csm_account_get_id (account));
  setup = setup_new (self);
  setup->in_memory = path == NULL;
  csm_store_open_async (path, self->cancellable, store_opened_cb, g_steal_pointer (&setup));
}

/**
 * csm_context_load_account_from_settings:
 *
 * Returns: (transfer full) (nullable): the account the settings describe
 */
CsmAccount *
csm_context_load_account_from_settings (CsmContext *self)
{
  g_autofree char *provider = g_settings_get_string (self->settings, "account-provider");
  g_autofree char *url = g_settings_get_string (self->settings, "account-url");
  CsmAuthMethod method = g_settings_get_enum (self->settings, "account-auth-method");
  g_autofree char *user = g_settings_get_string (self->settings, "account-username");
  g_autofree char *group = g_settings_get_string (self->settings, "agents-group");
  g_autofree char *normalized = NULL;
  CsmAccount *account;

  g_return_val_if_fail (CSM_IS_CONTEXT (self), NULL);

  if (*url == '\0')
    return NULL;
  normalized = csm_account_normalize_url (url, NULL);
  if (normalized == NULL)
    return NULL;

  account = csm_account_new (provider, normalized,
                             method,
                             *user ? user : NULL);
  csm_account_set_agents_group (account, group);
  return account;
}

/**
 * csm_context_save_account_to_settings:
 *
 * Writes what is not secret about @account; the secret goes to the keyring
 * separately (csm_secret_store_save_async()).
 */
void
csm_context_save_account_to_settings (CsmContext *self,
                                      CsmAccount *account)
{
  const char *user;
  const char *group;

  g_return_if_fail (CSM_IS_CONTEXT (self));
  g_return_if_fail (CSM_IS_ACCOUNT (account));

  user = csm_account_get_username (account);
  group = csm_account_get_agents_group (account);
  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "account-provider", csm_account_get_provider (account));
  g_settings_set_string (self->settings, "account-url", csm_account_get_base_url (account));
  g_settings_set_enum (self->settings, "account-auth-method",
                       csm_account_get_auth_method (account));
  g_settings_set_string (self->settings, "account-username", user ? user : "");
  g_settings_set_string (self->settings, "agents-group", group ? group : "");
  g_settings_apply (self->settings);
}

static void
secret_deleted_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!csm_secret_store_delete_finish (result, &error))
    g_warning ("Could not remove the secret from the keyring: %s", error->message);
}

/**
 * csm_context_forget_account:
 *
 * Disconnects: the secret leaves the keyring, the settings forget the
 * account. The cache file stays until the same account connects again.
 */
void
csm_context_forget_account (CsmContext *self)
{
  g_return_if_fail (CSM_IS_CONTEXT (self));

  if (self->account != NULL && !csm_account_get_demo (self->account))
    csm_secret_store_delete_async (self->account, NULL, secret_deleted_cb, NULL);
  g_settings_reset (self->settings, "account-url");
  g_settings_reset (self->settings, "account-username");
  g_settings_reset (self->settings, "account-auth-method");
  csm_context_set_account (self, NULL, NULL);
}

static gint64
demo_now (gpointer data)
{
  return csm_demo_get_now (data);
}

static void
demo_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CsmContext *self = g_task_get_source_object (task);
  CsmDemo *demo = CSM_DEMO (object);
  g_autoptr(GError) error = NULL;

  if (!csm_demo_start_finish (demo, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  csm_context_set_account (self, csm_demo_get_account (demo), csm_demo_get_token (demo));
  self->demo = g_object_ref (demo);
  csm_clock_follow (self->clock, demo_now, g_object_ref (demo), g_object_unref);
  g_task_return_boolean (task, TRUE);
}

/**
 * csm_context_start_demo_async:
 * @seed: the simulation's seed
 * @speed: simulated seconds per real second
 * @start: the simulated "now" at start (Unix seconds), or 0 for the wall
 *   clock's: a fixed start gives the same helpdesk every time
 *
 * Starts the built-in demo helpdesk and makes it the account, for as long
 * as no other account is chosen. The settings and the keyring are not
 * touched.
 */
void
csm_context_start_demo_async (CsmContext          *self,
                              guint64              seed,
                              double               speed,
                              gint64               start,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(CsmDemo) demo = NULL;
  GTask *task;

  g_return_if_fail (CSM_IS_CONTEXT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_context_start_demo_async);
  demo = csm_demo_new (seed, speed, start);
  csm_demo_start_async (demo, cancellable, demo_started_cb, task);
}

gboolean
csm_context_start_demo_finish (CsmContext    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
csm_context_get_demo_running (CsmContext *self)
{
  g_return_val_if_fail (CSM_IS_CONTEXT (self), FALSE);
  return self->demo != NULL;
}

static void
shutdown_closed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!csm_store_close_finish (CSM_STORE (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * csm_context_shutdown_async:
 *
 * Stops syncing and closes the cache cleanly (pending writes land first).
 */
void
csm_context_shutdown_async (CsmContext          *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CsmStore) store = NULL;

  g_return_if_fail (CSM_IS_CONTEXT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_context_shutdown_async);

  store = self->store ? g_object_ref (self->store) : NULL;
  g_clear_object (&self->store);
  teardown (self);
  if (store == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  csm_store_close_async (store, cancellable, shutdown_closed_cb, g_steal_pointer (&task));
}

gboolean
csm_context_shutdown_finish (CsmContext    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
csm_context_dispose (GObject *object)
{
  CsmContext *self = (CsmContext *) object;

  teardown (self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, settings_changed_cb, self);

  G_OBJECT_CLASS (csm_context_parent_class)->dispose (object);
}

static void
csm_context_finalize (GObject *object)
{
  CsmContext *self = (CsmContext *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->clock);
  g_clear_object (&self->account);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->policy_problem, g_free);

  G_OBJECT_CLASS (csm_context_parent_class)->finalize (object);
}

static void
csm_context_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CsmContext *self = CSM_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csm_context_class_init (CsmContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = csm_context_dispose;
  object_class->finalize = csm_context_finalize;
  object_class->get_property = csm_context_get_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, CSM_TYPE_ACCOUNT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, CSM_TYPE_SYNC_ENGINE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csm_context_init (CsmContext *self)
{
}

CsmContext *
csm_context_new (GSettings *settings,
                 CsmClock  *clock)
{
  CsmContext *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (CSM_IS_CLOCK (clock), NULL);

  self = g_object_new (CSM_TYPE_CONTEXT, NULL);
  self->settings = g_object_ref (settings);
  self->clock = g_object_ref (clock);
  g_signal_connect (settings, "changed", G_CALLBACK (settings_changed_cb), self);
  return self;
}

GSettings *
csm_context_get_settings (CsmContext *self)
{
  g_return_val_if_fail (CSM_IS_CONTEXT (self), NULL);
  return self->settings;
}

CsmClock *
csm_context_get_clock (CsmContext *self)
{
  g_return_val_if_fail (CSM_IS_CONTEXT (self), NULL);
  return self->clock;
}

CsmAccount *
csm_context_get_account (CsmContext *self)
{
  g_return_val_if_fail (CSM_IS_CONTEXT (self), NULL);
  return self->account;
}

/**
 * csm_context_get_person:
 *
 * Returns: who uses the console, as the QA workspace names people: the
 *   helpdesk user name, or the system's user name when the account does
 *   not say (a token)
 */
const char *
csm_context_get_person (CsmContext *self)
{
  const char *user;

  g_return_val_if_fail (CSM_IS_CONTEXT (self), NULL);
  user = self->account != NULL ? csm_account_get_username (self->account) : NULL;
  return user != NULL && *user != '\0' ? user : g_get_user_name ();
}

/**
 * csm_context_dup_qa_workspace:
 *
 * Returns: (transfer full): the QA workspace the console opens: the
 *   demo's own while the demo runs (its reviews are of made-up
 *   conversations), else the one the qa-workspace setting names, or this
 *   computer's
 */
char *
csm_context_dup_qa_workspace (CsmContext *self)
{
  char *location;

  g_return_val_if_fail (CSM_IS_CONTEXT (self), NULL);

  if (csm_context_get_demo_running (self))
    return g_build_filename (g_get_user_data_dir (), "csm-console", "demo-workspace.sqlite",
                             NULL);
  location = self->settings != NULL ? g_settings_get_string (self->settings, "qa-workspace")
                                    : NULL;
  if (location == NULL || *location == '\0')
    {
      g_free (location);
      location = csm_workspace_default_location ();
    }
  return location;
}

/**
 * csm_context_get_engine:
 *
 * Returns: (transfer none) (nullable): the engine of the current account,
 *   once its cache is open
 */
CsmSyncEngine *
csm_context_get_engine (CsmContext *self)
{
  g_return_val_if_fail (CSM_IS_CONTEXT (self), NULL);
  return self->engine;
}

const char *
csm_context_get_problem (CsmContext *self)
{
  g_return_val_if_fail (CSM_IS_CONTEXT (self), NULL);
  return self->problem;
}

/**
 * csm_context_get_outbox:
 *
 * Returns: (transfer none) (nullable): where the current account's writes
 *   (reassign, status) wait until the helpdesk has them
 */
CsmOutbox *
csm_context_get_outbox (CsmContext *self)
{
  g_return_val_if_fail (CSM_IS_CONTEXT (self), NULL);
  return self->outbox;
}

/**
 * csm_context_get_sla_monitor:
 *
 * Returns: (transfer none) (nullable): the current account's SLA lanes
 */
CsmSlaMonitor *
csm_context_get_sla_monitor (CsmContext *self)
{
  g_return_val_if_fail (CSM_IS_CONTEXT (self), NULL);
  return self->sla_monitor;
}

/**
 * csm_context_get_agent_monitor:
 *
 * Returns: (transfer none) (nullable): the current account's agents' figures
 */
CsmAgentMonitor *
csm_context_get_agent_monitor (CsmContext *self)
{
  g_return_val_if_fail (CSM_IS_CONTEXT (self), NULL);
  return self->agent_monitor;
}

/**
 * csm_context_get_policy_problem:
 *
 * Returns: (nullable): why the SLA levels described in the preferences
 *   cannot be used, or %NULL
 */
const char *
csm_context_get_policy_problem (CsmContext *self)
{
  g_return_val_if_fail (CSM_IS_CONTEXT (self), NULL);
  return self->policy_problem;
}
