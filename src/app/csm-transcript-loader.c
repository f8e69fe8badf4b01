/* csm-transcript-loader.c: a conversation's messages, read through the provider and cached.
 *
 * A transcript needs the ticket's history (who wrote, when, reply or
 * comment) and its message parts (the text). Both are asked of the helpdesk
 * at once, as two requests (the local cache may hold only part of an old
 * ticket's history); the messages built from them are kept, the most
 * recently opened CACHE_SIZE conversations, so going back to one costs
 * nothing. Agents are the engine's agents at the time of loading.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-transcript-loader"

#include "config.h"

#include "csm-agent.h"
#include "csm-ticket.h"
#include "csm-transcript-loader.h"

#define CACHE_SIZE 64

struct _CsmTranscriptLoader
{
  GObject parent_instance;

  CsmSyncEngine *engine;    /* (owned) */
  GHashTable *cache;        /* ticket id (gint64 *) → GPtrArray of CsmMessage */
  GQueue recent;            /* of gint64 * (keys of cache), most recent first */
};

G_DEFINE_FINAL_TYPE (CsmTranscriptLoader, csm_transcript_loader, G_TYPE_OBJECT)

static void
csm_transcript_loader_finalize (GObject *object)
{
  CsmTranscriptLoader *self = CSM_TRANSCRIPT_LOADER (object);

  g_queue_clear (&self->recent);
  g_hash_table_unref (self->cache);
  g_clear_object (&self->engine);
  G_OBJECT_CLASS (csm_transcript_loader_parent_class)->finalize (object);
}

static void
csm_transcript_loader_class_init (CsmTranscriptLoaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = csm_transcript_loader_finalize;
}

static void
csm_transcript_loader_init (CsmTranscriptLoader *self)
{
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
}

/**
 * csm_transcript_loader_new:
 * @engine: the engine whose provider, tickets and agents to use
 *
 * Returns: (transfer full): a new loader with an empty cache
 */
CsmTranscriptLoader *
csm_transcript_loader_new (CsmSyncEngine *engine)
{
  CsmTranscriptLoader *self;

  g_return_val_if_fail (CSM_IS_SYNC_ENGINE (engine), NULL);

  self = g_object_new (CSM_TYPE_TRANSCRIPT_LOADER, NULL);
  self->engine = g_object_ref (engine);
  return self;
}

CsmSyncEngine *
csm_transcript_loader_get_engine (CsmTranscriptLoader *self)
{
  g_return_val_if_fail (CSM_IS_TRANSCRIPT_LOADER (self), NULL);
  return self->engine;
}

/**
 * csm_transcript_loader_peek:
 *
 * Returns: (transfer none) (nullable) (element-type CsmMessage): the cached
 *   transcript of @ticket_id, or %NULL
 */
GPtrArray *
csm_transcript_loader_peek (CsmTranscriptLoader *self,
                            gint64               ticket_id)
{
  g_return_val_if_fail (CSM_IS_TRANSCRIPT_LOADER (self), NULL);
  return g_hash_table_lookup (self->cache, &ticket_id);
}

static int
compare_id (const gint64 *a,
            const gint64 *b)
{
  return *a == *b ? 0 : 1;
}

/**
 * csm_transcript_loader_forget:
 *
 * The next load of @ticket_id asks the helpdesk again.
 */
void
csm_transcript_loader_forget (CsmTranscriptLoader *self,
                              gint64               ticket_id)
{
  GList *link;

  g_return_if_fail (CSM_IS_TRANSCRIPT_LOADER (self));

  link = g_queue_find_custom (&self->recent, &ticket_id, (GCompareFunc) compare_id);
  if (link == NULL)
    return;
  g_queue_delete_link (&self->recent, link);
  g_hash_table_remove (self->cache, &ticket_id);
}

static void
remember (CsmTranscriptLoader *self,
          gint64               ticket_id,
          GPtrArray           *messages)
{
  gint64 *key;

  if (g_hash_table_contains (self->cache, &ticket_id))
    return;
  while (g_queue_get_length (&self->recent) >= CACHE_SIZE)
    g_hash_table_remove (self->cache, g_queue_pop_tail (&self->recent));
  key = g_memdup2 (&ticket_id, sizeof ticket_id);
  g_hash_table_insert (self->cache, key, g_ptr_array_ref (messages));
  g_queue_push_head (&self->recent, key);
}

typedef struct
{
  gint64 ticket_id;
  GPtrArray *history;   /* (owned): CsmTransaction */
  GPtrArray *parts;     /* (owned) (nullable): CsmMessagePart */
  GError *error;        /* (owned) (nullable): the first failure */
  guint pending;
} Load;

static void
load_free (Load *load)
{
  g_ptr_array_unref (load->history);
  g_clear_pointer (&load->parts, g_ptr_array_unref);
  g_clear_error (&load->error);
  g_free (load);
}

static GHashTable *
agent_names (CsmSyncEngine *engine)
{
  GListModel *agents = csm_sync_engine_get_agents (engine);
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(CsmAgent) agent = g_list_model_get_item (agents, i);

      g_hash_table_add (names, g_strdup (csm_agent_get_name (agent)));
    }
  return names;
}

static void
load_step_done (GTask *task)
{
  CsmTranscriptLoader *self = g_task_get_source_object (task);
  Load *load = g_task_get_task_data (task);
  g_autoptr(GHashTable) agents = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  CsmTicket *ticket;

  if (--load->pending > 0)
    return;
  if (load->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&load->error));
      return;
    }
  agents = agent_names (self->engine);
  ticket = csm_ticket_list_lookup (csm_sync_engine_get_tickets (self->engine), load->ticket_id);
  messages = csm_message_build_transcript (load->history, load->parts,
                                           ticket != NULL ? csm_ticket_get_requestors (ticket)
                                                          : NULL,
                                           agents);
  remember (self, load->ticket_id, messages);
  g_task_return_pointer (task, g_steal_pointer (&messages), (GDestroyNotify) g_ptr_array_unref);
}

static void
collect_history (GPtrArray *items,
                 gpointer   user_data)
{
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (user_data, csm_transaction_ref (g_ptr_array_index (items, i)));
}

static void
history_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!csm_provider_fetch_ticket_histories_finish (CSM_PROVIDER (object), result, NULL, &error) &&
      load->error == NULL)
    load->error = g_steal_pointer (&error);
  load_step_done (task);
}

static void
parts_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  load->parts = csm_provider_fetch_message_parts_finish (CSM_PROVIDER (object), result, &error);
  if (load->parts == NULL && load->error == NULL)
    load->error = g_steal_pointer (&error);
  load_step_done (task);
}

/**
 * csm_transcript_loader_load_async:
 * @ticket_id: the conversation
 *
 * Answers from the cache when it can, otherwise from the helpdesk.
 */
void
csm_transcript_loader_load_async (CsmTranscriptLoader *self,
                                  gint64               ticket_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GArray) ids = NULL;
  CsmProvider *provider;
  GPtrArray *cached;
  Load *load;

  g_return_if_fail (CSM_IS_TRANSCRIPT_LOADER (self));
  g_return_if_fail (ticket_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_transcript_loader_load_async);
  cached = g_hash_table_lookup (self->cache, &ticket_id);
  if (cached != NULL)
    {
      GList *link = g_queue_find_custom (&self->recent, &ticket_id, (GCompareFunc) compare_id);

      /* The most recently opened stays longest. */
      if (link != NULL)
        {
          g_queue_unlink (&self->recent, link);
          g_queue_push_head_link (&self->recent, link);
        }
      g_task_return_pointer (task, g_ptr_array_ref (cached), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  load = g_new0 (Load, 1);
  load->ticket_id = ticket_id;
  load->history = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
  load->pending = 2;
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);

  provider = csm_sync_engine_get_provider (self->engine);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (ids, ticket_id);
  csm_provider_fetch_ticket_histories_async (provider, ids, collect_history, load->history,
                                             cancellable, history_cb, g_object_ref (task));
  csm_provider_fetch_message_parts_async (provider, ticket_id, cancellable, parts_cb,
                                          g_object_ref (task));
}

/**
 * csm_transcript_loader_load_finish:
 *
 * Returns: (transfer container) (element-type CsmMessage): the messages in order
 */
GPtrArray *
csm_transcript_loader_load_finish (CsmTranscriptLoader  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static int
by_created_desc (gconstpointer a,
                 gconstpointer b)
{
  gint64 ca = csm_ticket_get_created (*(CsmTicket * const *) a);
  gint64 cb = csm_ticket_get_created (*(CsmTicket * const *) b);

  return ca < cb ? 1 : ca > cb ? -1 : 0;
}

static gboolean
shares_requestor (CsmTicket          *other,
                  const char * const *requestors)
{
  const char * const *theirs = csm_ticket_get_requestors (other);

  for (guint i = 0; theirs != NULL && theirs[i] != NULL; i++)
    if (g_strv_contains (requestors, theirs[i]))
      return TRUE;
  return FALSE;
}

/**
 * csm_transcript_requestor_tickets:
 * @tickets: the tickets known
 * @ticket: a conversation
 * @days: how far back to look
 *
 * The context the agent had: the other tickets of @ticket's requestors
 * created in the @days before @ticket was, newest first.
 *
 * Returns: (transfer container) (element-type CsmTicket): the tickets
 */
GPtrArray *
csm_transcript_requestor_tickets (CsmTicketList *tickets,
                                  CsmTicket     *ticket,
                                  int            days)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  const char * const *requestors = csm_ticket_get_requestors (ticket);
  GPtrArray *all = csm_ticket_list_get_array (tickets);
  gint64 until = csm_ticket_get_created (ticket);
  gint64 since = until - (gint64) days * 24 * 3600;

  if (requestors == NULL || requestors[0] == NULL)
    return found;
  for (guint i = 0; i < all->len; i++)
    {
      CsmTicket *other = g_ptr_array_index (all, i);
      gint64 created = csm_ticket_get_created (other);

      if (other != ticket && created >= since && created <= until &&
          shares_requestor (other, requestors))
        g_ptr_array_add (found, g_object_ref (other));
    }
  g_ptr_array_sort (found, by_created_desc);
  return found;
}
