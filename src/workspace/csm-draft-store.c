/* csm-draft-store.c: review drafts, kept on this machine as they are typed, offered back after any crash.
 *
 * A draft is saved at every change: the main loop only turns it into
 * JSON and hands it to a writer thread, which stores the newest state of
 * each draft in an SQLite file (write-ahead log), a transaction at a
 * time. A kill loses what was typed since the last transaction ended
 * (milliseconds as a rule); the file survives the process, and the next
 * start lists the drafts to offer back. Drafts never leave this machine:
 * a draft becomes a review only when it is submitted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csm-db.h"
#include "csm-draft-store.h"
#include "csm-json-writer.h"

typedef enum
{
  REQUEST_FLUSH,
  REQUEST_LIST,
} RequestKind;

typedef struct
{
  RequestKind kind;
  GTask *task;
  CsmQaScorecardLookup lookup;
  gpointer lookup_data;
  GDestroyNotify lookup_data_free;
} Request;

struct _CsmDraftStore
{
  GObject parent_instance;

  char *path;
  GThread *writer;
  GMutex lock;
  GCond wake;
  /* Under the lock: */
  GHashTable *pending;      /* key → draft JSON, or "" to discard */
  gboolean stalled;         /* the pending could not be written: wait for a change */
  GError *stall_error;      /* (nullable) why */
  GQueue requests;          /* Request */
  gboolean quit;
};

G_DEFINE_FINAL_TYPE (CsmDraftStore, csm_draft_store, G_TYPE_OBJECT)

/* A calibration draft is apart from the ordinary draft of the same
 * conversation; an ordinary draft's key is what it always was. */
static char *
draft_key (const char *conversation,
           const char *scorecard,
           const char *session)
{
  return g_strdup_printf ("%s\037%s%s%s", conversation != NULL ? conversation : "",
                          scorecard != NULL ? scorecard : "", session != NULL ? "\037" : "",
                          session != NULL ? session : "");
}

static char *
draft_to_json (const CsmQaReview *draft)
{
  g_autoptr(CsmJsonWriter) w = csm_json_writer_new (FALSE);

  csm_json_writer_begin_object (w);
  csm_json_writer_member_string (w, "conversation", draft->conversation);
  csm_json_writer_member_string (w, "agent", draft->agent);
  csm_json_writer_member_string (w, "reviewer", draft->reviewer);
  csm_json_writer_member_string (w, "scorecard", csm_qa_scorecard_get_name (draft->scorecard));
  csm_json_writer_member_int (w, "scorecard_version",
                              csm_qa_scorecard_get_version (draft->scorecard));
  if (draft->calibration_session != NULL)
    csm_json_writer_member_string (w, "calibration_session", draft->calibration_session);
  csm_json_writer_key (w, "ratings");
  csm_json_writer_begin_object (w);
  for (guint i = 0; i < draft->n_ratings; i++)
    {
      const char *name = csm_qa_scorecard_get_category (draft->scorecard, i)->name;

      if (draft->ratings[i] == CSM_QA_NA)
        csm_json_writer_member_string (w, name, "n/a");
      else if (draft->ratings[i] != CSM_QA_UNRATED)
        csm_json_writer_member_int (w, name, draft->ratings[i]);
    }
  csm_json_writer_end_object (w);
  csm_json_writer_key (w, "notes");
  csm_json_writer_begin_object (w);
  for (guint i = 0; i < draft->n_ratings; i++)
    if (draft->notes[i] != NULL)
      csm_json_writer_member_string (w, csm_qa_scorecard_get_category (draft->scorecard, i)->name,
                                     draft->notes[i]);
  csm_json_writer_end_object (w);
  if (draft->comment != NULL)
    csm_json_writer_member_string (w, "comment", draft->comment);
  csm_json_writer_end_object (w);
  return csm_json_writer_free_to_string (g_steal_pointer (&w), NULL);
}

static const char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

/* A draft read back; NULL if its scorecard version is gone or it is not
 * a draft at all. */
static CsmQaReview *
draft_from_json (const char           *json,
                 CsmQaScorecardLookup  lookup,
                 gpointer              lookup_data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  CsmQaScorecard *card;
  CsmQaReview *draft;
  JsonObject *object, *ratings, *notes;
  JsonNode *node;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  node = json_object_get_member (object, "scorecard_version");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return NULL;
  card = lookup (member_text (object, "scorecard"), (int) json_node_get_int (node), lookup_data);
  if (card == NULL)
    return NULL;
  draft = csm_qa_review_new (card);
  draft->conversation = g_strdup (member_text (object, "conversation"));
  draft->agent = g_strdup (member_text (object, "agent"));
  draft->reviewer = g_strdup (member_text (object, "reviewer"));
  draft->calibration_session = g_strdup (member_text (object, "calibration_session"));
  draft->comment = g_strdup (member_text (object, "comment"));
  node = json_object_get_member (object, "ratings");
  ratings = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  node = json_object_get_member (object, "notes");
  notes = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  for (guint i = 0; i < draft->n_ratings; i++)
    {
      const CsmQaCategory *c = csm_qa_scorecard_get_category (card, i);
      JsonNode *rating = ratings != NULL ? json_object_get_member (ratings, c->name) : NULL;

      if (rating != NULL && json_node_get_value_type (rating) == G_TYPE_INT64)
        draft->ratings[i] = (int) CLAMP (json_node_get_int (rating), 1, c->scale);
      else if (rating != NULL)
        draft->ratings[i] = CSM_QA_NA;
      if (notes != NULL)
        draft->notes[i] = g_strdup (member_text (notes, c->name));
    }
  return draft;
}

/* The writer thread ------------------------------------------------------ */

static gboolean
release_task (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* Answers are given, and the task let go, in the caller's context: the
 * last reference to the store must not go on the writer, which the store
 * joins. */
static void
release_in_context (GTask *task)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, release_task, task, NULL);
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
}

static gboolean
write_pending (CsmDb       *db,
               GHashTable  *pending,
               GError     **error)
{
  GHashTableIter iter;
  gpointer key, value;

  if (!csm_db_begin_write (db, error))
    return FALSE;
  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *saved = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ());
      const char *params[] = { key, value, saved };
      g_autoptr(CsmDbRows) rows = NULL;

      rows = *(const char *) value == '\0'
             ? csm_db_query (db, "DELETE FROM drafts WHERE key = $1", params, 1, error)
             : csm_db_query (db, "INSERT INTO drafts (key, draft, saved) VALUES ($1, $2, $3) "
                                 "ON CONFLICT (key) DO UPDATE SET draft = excluded.draft, "
                                 "saved = excluded.saved", params, 3, error);
      if (rows == NULL)
        {
          csm_db_exec (db, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  return csm_db_exec (db, "COMMIT", error);
}

static GPtrArray *
list_drafts (CsmDb                *db,
             CsmQaScorecardLookup  lookup,
             gpointer              lookup_data,
             GError              **error)
{
  g_autoptr(CsmDbRows) rows = csm_db_query (db, "SELECT draft FROM drafts ORDER BY saved", NULL, 0,
                                            error);
  GPtrArray *drafts;

  if (rows == NULL)
    return NULL;
  drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_qa_review_free);
  for (guint i = 0; i < rows->n_rows; i++)
    {
      CsmQaReview *draft = draft_from_json (csm_db_rows_get (rows, i, 0), lookup, lookup_data);

      if (draft != NULL)
        g_ptr_array_add (drafts, draft);
    }
  return drafts;
}

static gpointer
writer_main (gpointer data)
{
  CsmDraftStore *self = data;   /* not a reference: the store joins this thread */
  g_autoptr(GError) open_error = NULL;
  CsmDb *db = csm_db_sqlite_open (self->path, &open_error);

  if (db != NULL && (!csm_db_exec (db, "PRAGMA synchronous=NORMAL", &open_error) ||
                     !csm_db_exec (db, "CREATE TABLE IF NOT EXISTS drafts (key TEXT PRIMARY KEY, "
                                       "draft TEXT NOT NULL, saved BIGINT NOT NULL)",
                                   &open_error)))
    g_clear_pointer (&db, csm_db_close);

  for (;;)
    {
      g_autoptr(GHashTable) pending = NULL;
      Request *request = NULL;
      gboolean quit;

      g_mutex_lock (&self->lock);
      while ((g_hash_table_size (self->pending) == 0 || self->stalled) &&
             g_queue_is_empty (&self->requests) && !self->quit)
        g_cond_wait (&self->wake, &self->lock);
      if (g_hash_table_size (self->pending) > 0 && !self->stalled)
        {
          pending = g_steal_pointer (&self->pending);
          self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
        }
      else
        request = g_queue_pop_head (&self->requests);
      quit = self->quit && pending == NULL && request == NULL;
      g_mutex_unlock (&self->lock);

      if (quit)
        break;
      if (pending != NULL)
        {
          g_autoptr(GError) error = NULL;

          if (db != NULL && write_pending (db, pending, &error))
            continue;
          /* What cannot be written is kept, in memory, for the next
           * change's try; newer states of the same drafts win. */
          g_message ("Review drafts could not be saved in %s: %s", self->path,
                     error != NULL ? error->message : open_error->message);
          g_mutex_lock (&self->lock);
          {
            GHashTableIter iter;
            gpointer key, value;

            g_hash_table_iter_init (&iter, pending);
            while (g_hash_table_iter_next (&iter, &key, &value))
              if (!g_hash_table_contains (self->pending, key))
                {
                  g_hash_table_insert (self->pending, g_strdup (key), g_strdup (value));
                }
            self->stalled = TRUE;
            g_clear_error (&self->stall_error);
            self->stall_error = error != NULL ? g_error_copy (error) : g_error_copy (open_error);
          }
          g_mutex_unlock (&self->lock);
          continue;
        }
      if (db == NULL)
        g_task_return_error (request->task, g_error_copy (open_error));
      else if (request->kind == REQUEST_FLUSH)
        {
          GError *stall = NULL;

          g_mutex_lock (&self->lock);
          if (self->stalled && self->stall_error != NULL)
            stall = g_error_copy (self->stall_error);
          g_mutex_unlock (&self->lock);
          if (stall != NULL)
            g_task_return_error (request->task, stall);
          else
            g_task_return_boolean (request->task, TRUE);
        }
      else
        {
          GError *error = NULL;
          GPtrArray *drafts = list_drafts (db, request->lookup, request->lookup_data, &error);

          if (drafts == NULL)
            g_task_return_error (request->task, error);
          else
            g_task_return_pointer (request->task, drafts, (GDestroyNotify) g_ptr_array_unref);
        }
      release_in_context (request->task);
      if (request->lookup_data_free != NULL)
        request->lookup_data_free (request->lookup_data);
      g_free (request);
    }
  csm_db_close (db);
  return NULL;
}

/* The store --------------------------------------------------------------- */

static void
csm_draft_store_finalize (GObject *object)
{
  CsmDraftStore *self = (CsmDraftStore *) object;

  /* Requests hold the store, and are let go in their callers' context:
   * none is left, and this is not the writer, which writes what is
   * pending and ends. */
  g_mutex_lock (&self->lock);
  self->quit = TRUE;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->writer);
  g_hash_table_unref (self->pending);
  g_clear_error (&self->stall_error);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->wake);
  g_free (self->path);
  G_OBJECT_CLASS (csm_draft_store_parent_class)->finalize (object);
}

static void
csm_draft_store_class_init (CsmDraftStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = csm_draft_store_finalize;
}

static void
csm_draft_store_init (CsmDraftStore *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->wake);
  g_queue_init (&self->requests);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * csm_draft_store_default_path:
 *
 * Returns: (transfer full): the drafts of this machine's user
 */
char *
csm_draft_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "csm-console", "drafts.sqlite", NULL);
}

/**
 * csm_draft_store_new:
 * @path: (nullable): the file; %NULL for csm_draft_store_default_path()
 *
 * Returns at once: the file is opened (made if need be) on the store's
 * writer thread. A file that cannot be used is reported by
 * csm_draft_store_list_async() and csm_draft_store_flush_async().
 *
 * Returns: (transfer full): the store
 */
CsmDraftStore *
csm_draft_store_new (const char *path)
{
  CsmDraftStore *self = g_object_new (CSM_TYPE_DRAFT_STORE, NULL);

  self->path = path != NULL ? g_strdup (path) : csm_draft_store_default_path ();
  self->writer = g_thread_new ("csm-drafts", writer_main, self);
  return self;
}

/**
 * csm_draft_store_save:
 * @draft: a review being written (its submitted time unused)
 *
 * Keeps @draft's state: on the main loop only its JSON is made; the
 * writer stores the newest state of each draft (the same conversation
 * and scorecard) as soon as it can.
 */
void
csm_draft_store_save (CsmDraftStore     *self,
                      const CsmQaReview *draft)
{
  char *json;
  char *key;

  g_return_if_fail (CSM_IS_DRAFT_STORE (self));
  g_return_if_fail (draft != NULL && draft->scorecard != NULL);

  json = draft_to_json (draft);
  key = draft_key (draft->conversation, csm_qa_scorecard_get_name (draft->scorecard),
                   draft->calibration_session);
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->pending, key, json);
  self->stalled = FALSE;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
}

/**
 * csm_draft_store_discard:
 *
 * @session: (nullable): the calibration session of a calibration draft
 *
 * Forgets the draft of @conversation on @scorecard (once submitted).
 */
void
csm_draft_store_discard (CsmDraftStore *self,
                         const char    *conversation,
                         const char    *scorecard,
                         const char    *session)
{
  g_return_if_fail (CSM_IS_DRAFT_STORE (self));

  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->pending, draft_key (conversation, scorecard, session), g_strdup (""));
  self->stalled = FALSE;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
}

static void
queue_request (CsmDraftStore        *self,
               RequestKind           kind,
               CsmQaScorecardLookup  lookup,
               gpointer              lookup_data,
               GDestroyNotify        lookup_data_free,
               gpointer              source_tag,
               GCancellable         *cancellable,
               GAsyncReadyCallback   callback,
               gpointer              user_data)
{
  Request *request = g_new0 (Request, 1);

  request->kind = kind;
  request->lookup = lookup;
  request->lookup_data = lookup_data;
  request->lookup_data_free = lookup_data_free;
  request->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (request->task, source_tag);
  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->requests, request);
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
}

/**
 * csm_draft_store_list_async:
 * @lookup: finds each draft's scorecard version (called on the writer
 *   thread: it must be safe there)
 * @lookup_data_free: (nullable): frees @lookup_data, on the writer thread,
 *   once the list is made (the request may outlive its caller)
 *
 * Lists the drafts kept, every change saved before the call included,
 * oldest first: at start, the ones to offer back.
 */
void
csm_draft_store_list_async (CsmDraftStore        *self,
                            CsmQaScorecardLookup  lookup,
                            gpointer              lookup_data,
                            GDestroyNotify        lookup_data_free,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  g_return_if_fail (CSM_IS_DRAFT_STORE (self));
  g_return_if_fail (lookup != NULL);

  queue_request (self, REQUEST_LIST, lookup, lookup_data, lookup_data_free,
                 csm_draft_store_list_async,
                 cancellable, callback, user_data);
}

/**
 * csm_draft_store_list_finish:
 *
 * Returns: (transfer full) (element-type CsmQaReview) (nullable): the
 *   drafts whose scorecard version @lookup found
 */
GPtrArray *
csm_draft_store_list_finish (CsmDraftStore  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * csm_draft_store_flush_async:
 *
 * Answers once every change saved before the call is written.
 */
void
csm_draft_store_flush_async (CsmDraftStore       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CSM_IS_DRAFT_STORE (self));

  queue_request (self, REQUEST_FLUSH, NULL, NULL, NULL, csm_draft_store_flush_async, cancellable,
                 callback, user_data);
}

gboolean
csm_draft_store_flush_finish (CsmDraftStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
