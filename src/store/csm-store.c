/* csm-store.c: the per-account helpdesk cache: SQLite in WAL mode, driven by one worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csm-agent.h"
#include "csm-queue.h"
#include "csm-store.h"
#include "csm-ticket-private.h"
#include "csm-transaction.h"

/*
 * How the store works
 *
 * One worker thread per store owns the sqlite3 connection; nothing else ever
 * touches it. The public _async functions wrap their GTask in a job and push
 * it on a GAsyncQueue; the worker pops jobs one at a time, in order. When a
 * job is done the worker does not return the task itself: it attaches an idle
 * source to the task's main context and the task is returned, and its last
 * reference dropped, there. So the worker never holds the last reference to a
 * task, and through it to the store: the store can never be disposed on its
 * own worker thread, where it could not join it.
 *
 * At open, a file that is not a database, or that fails the checks below, is
 * moved aside (one old copy is kept) and a fresh cache is built: it is only a
 * cache, the helpdesk has the data. A newer schema is left alone.
 *
 * Integrity at open. PRAGMA quick_check reads every page. On a cache of
 * 100,000 tickets and 600,000 transactions (61.5 MB, SQLite 3.40) it took
 * 140-155 ms with the file in the page cache and 0.4-1.1 s cold, against a
 * budget of 150 ms for the whole open (bench/bench-store.c measures it;
 * integrity_check(1) took 280 ms warm). So it only runs when the previous
 * session did not close cleanly: a flag in the meta table, cleared at open
 * and set at close. Every open still makes the checks that cost nothing
 * (about 2 ms): the file header (magic, page size, and that the file is not
 * shorter than the header says), the schema (reading sqlite_master and
 * preparing every statement against it). Damage found later, by a load or a
 * commit (SQLITE_CORRUPT, SQLITE_NOTADB, or a value this code cannot decode),
 * returns CSM_STORE_ERROR_CORRUPT and leaves a marker file next to the cache,
 * so the next open rebuilds it.
 */

/* ------------------------------------------------------------------------ */
/* Schema                                                                   */
/* ------------------------------------------------------------------------ */

/* Each entry brings the schema from version i to version i + 1; the next
 * schema is one more entry (and CSM_STORE_SCHEMA_VERSION + 1). All pending
 * steps run in one transaction with the user_version update.
 *
 * tickets.requestors and tickets.custom_fields are JSON arrays of strings
 * written by csm_store_encode_strv(): SQL NULL for a NULL vector, "[]" for an
 * empty one; custom fields keep the flat name, value, name, value… layout of
 * the ticket, so order and repeated names survive. queues and agents keep the
 * order they were given in, in position. A cursor is never NULL: setting one
 * to NULL deletes it. */
static const char * const csm_store_migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT"
  ") WITHOUT ROWID;"
  "CREATE TABLE tickets ("
  "  id INTEGER PRIMARY KEY,"
  "  subject TEXT,"
  "  status TEXT,"
  "  queue_id INTEGER NOT NULL,"
  "  queue_name TEXT,"
  "  owner TEXT,"
  "  owner_real_name TEXT,"
  "  creator TEXT,"
  "  priority INTEGER NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  last_updated INTEGER NOT NULL,"
  "  starts INTEGER NOT NULL,"
  "  started INTEGER NOT NULL,"
  "  due INTEGER NOT NULL,"
  "  resolved INTEGER NOT NULL,"
  "  told INTEGER NOT NULL,"
  "  time_worked INTEGER NOT NULL,"
  "  time_estimated INTEGER NOT NULL,"
  "  sla TEXT,"
  "  requestors TEXT,"
  "  custom_fields TEXT"
  ");"
  "CREATE TABLE transactions ("
  "  id INTEGER PRIMARY KEY,"
  "  ticket_id INTEGER NOT NULL,"
  "  type TEXT NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  time_taken INTEGER NOT NULL,"
  "  creator TEXT,"
  "  field TEXT,"
  "  old_value TEXT,"
  "  new_value TEXT"
  ");"
  "CREATE INDEX transactions_ticket_id ON transactions (ticket_id);"
  "CREATE TABLE queues ("
  "  position INTEGER PRIMARY KEY,"
  "  id INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  description TEXT,"
  "  sla_enabled INTEGER NOT NULL"
  ");"
  "CREATE TABLE agents ("
  "  position INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  real_name TEXT,"
  "  email TEXT"
  ");"
  "CREATE TABLE cursors ("
  "  name TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;",

  /* 1 → 2: what the history says of each ticket is kept with it, so a start
   * reads tickets only, not every transaction; worked out again on the
   * first load (metrics-stale). */
  "ALTER TABLE tickets ADD COLUMN first_response INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE tickets ADD COLUMN handle_minutes INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE tickets ADD COLUMN agent_replies INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE tickets ADD COLUMN history_complete INTEGER NOT NULL DEFAULT 0;"
  "INSERT INTO meta (key, value) VALUES ('metrics-stale', '1') "
  "ON CONFLICT (key) DO UPDATE SET value = excluded.value;",

  /* 2 → 3: the outbox of write-backs waiting for the helpdesk (state is a
   * CsmOutboxState; AUTOINCREMENT so an id is never given twice, even after
   * the newest entry was removed), and the Agents page reads a day of
   * transactions by time. */
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  ticket_id INTEGER NOT NULL,"
  "  field TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  previous TEXT,"
  "  queued INTEGER NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt INTEGER NOT NULL DEFAULT 0,"
  "  state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),"
  "  error TEXT"
  ");"
  "CREATE INDEX transactions_created ON transactions (created);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (csm_store_migrations) == CSM_STORE_SCHEMA_VERSION);

typedef enum
{
  STMT_BEGIN_READ,
  STMT_BEGIN_WRITE,
  STMT_COMMIT,
  STMT_ROLLBACK,
  STMT_SET_META,
  STMT_GET_META,
  STMT_LOAD_TICKETS,
  STMT_LOAD_HISTORY,
  STMT_METRICS_TICKET,
  STMT_METRICS_ALL_TICKETS,
  STMT_METRICS_ALL_TRANSACTIONS,
  STMT_UPDATE_METRICS,
  STMT_LOAD_QUEUES,
  STMT_LOAD_AGENTS,
  STMT_LOAD_CURSORS,
  STMT_UPSERT_TICKET,
  STMT_DELETE_TICKET,
  STMT_DELETE_TICKET_TRANSACTIONS,
  STMT_UPSERT_TRANSACTION,
  STMT_CLEAR_QUEUES,
  STMT_INSERT_QUEUE,
  STMT_CLEAR_AGENTS,
  STMT_INSERT_AGENT,
  STMT_SET_CURSOR,
  STMT_DELETE_CURSOR,
  STMT_LOAD_TRANSACTIONS_BETWEEN,
  STMT_OUTBOX_ADD,
  STMT_OUTBOX_LIST,
  STMT_OUTBOX_UPDATE,
  STMT_OUTBOX_REMOVE,
  N_STMTS
} CsmStoreStmt;

#define TICKET_COLUMNS \
  "id, subject, status, queue_id, queue_name, owner, owner_real_name, creator, priority, " \
  "created, last_updated, starts, started, due, resolved, told, time_worked, time_estimated, " \
  "sla, requestors, custom_fields"

#define METRICS_COLUMNS "first_response, handle_minutes, agent_replies, history_complete"

#define TRANSACTION_COLUMNS \
  "id, ticket_id, type, created, time_taken, creator, field, old_value, new_value"

#define OUTBOX_COLUMNS \
  "id, ticket_id, field, value, previous, queued, attempts, next_attempt, state, error"

G_STATIC_ASSERT (CSM_OUTBOX_DONE == 2);

static const char * const csm_store_stmt_sql[N_STMTS] = {
  [STMT_BEGIN_READ] = "BEGIN DEFERRED",
  [STMT_BEGIN_WRITE] = "BEGIN IMMEDIATE",
  [STMT_COMMIT] = "COMMIT",
  [STMT_ROLLBACK] = "ROLLBACK",
  [STMT_SET_META] =
    "INSERT INTO meta (key, value) VALUES (?1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  [STMT_GET_META] = "SELECT value FROM meta WHERE key = ?1",
  [STMT_LOAD_TICKETS] =
    "SELECT " TICKET_COLUMNS ", " METRICS_COLUMNS " FROM tickets ORDER BY id",
  [STMT_LOAD_HISTORY] =
    "SELECT " TRANSACTION_COLUMNS " FROM transactions WHERE ticket_id = ?1 ORDER BY id",
  [STMT_METRICS_TICKET] =
    "SELECT id, requestors, " METRICS_COLUMNS " FROM tickets WHERE id = ?1",
  [STMT_METRICS_ALL_TICKETS] =
    "SELECT id, requestors, " METRICS_COLUMNS " FROM tickets ORDER BY id",
  /* Only what metrics read; the other kinds cannot change them. */
  [STMT_METRICS_ALL_TRANSACTIONS] =
    "SELECT ticket_id, type, created, time_taken, creator FROM transactions "
    "WHERE type IN ('create', 'correspond') OR time_taken != 0 ORDER BY ticket_id",
  [STMT_UPDATE_METRICS] =
    "UPDATE tickets SET first_response = ?2, handle_minutes = ?3, agent_replies = ?4, "
    "history_complete = ?5 WHERE id = ?1",
  [STMT_LOAD_QUEUES] = "SELECT id, name, description, sla_enabled FROM queues ORDER BY position",
  [STMT_LOAD_AGENTS] = "SELECT name, real_name, email FROM agents ORDER BY position",
  [STMT_LOAD_CURSORS] = "SELECT name, value FROM cursors",
  [STMT_UPSERT_TICKET] =
    "INSERT INTO tickets (" TICKET_COLUMNS ") "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "?19, ?20, ?21) "
    "ON CONFLICT (id) DO UPDATE SET "
    "subject = excluded.subject, status = excluded.status, queue_id = excluded.queue_id, "
    "queue_name = excluded.queue_name, owner = excluded.owner, "
    "owner_real_name = excluded.owner_real_name, creator = excluded.creator, "
    "priority = excluded.priority, created = excluded.created, "
    "last_updated = excluded.last_updated, starts = excluded.starts, "
    "started = excluded.started, due = excluded.due, resolved = excluded.resolved, "
    "told = excluded.told, time_worked = excluded.time_worked, "
    "time_estimated = excluded.time_estimated, sla = excluded.sla, "
    "requestors = excluded.requestors, custom_fields = excluded.custom_fields",
  [STMT_DELETE_TICKET] = "DELETE FROM tickets WHERE id = ?1",
  [STMT_DELETE_TICKET_TRANSACTIONS] = "DELETE FROM transactions WHERE ticket_id = ?1",
  [STMT_UPSERT_TRANSACTION] =
    "INSERT INTO transactions (" TRANSACTION_COLUMNS ") "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "ON CONFLICT (id) DO UPDATE SET "
    "ticket_id = excluded.ticket_id, type = excluded.type, created = excluded.created, "
    "time_taken = excluded.time_taken, creator = excluded.creator, field = excluded.field, "
    "old_value = excluded.old_value, new_value = excluded.new_value",
  [STMT_CLEAR_QUEUES] = "DELETE FROM queues",
  [STMT_INSERT_QUEUE] =
    "INSERT INTO queues (position, id, name, description, sla_enabled) "
    "VALUES (?1, ?2, ?3, ?4, ?5)",
  [STMT_CLEAR_AGENTS] = "DELETE FROM agents",
  [STMT_INSERT_AGENT] =
    "INSERT INTO agents (position, name, real_name, email) VALUES (?1, ?2, ?3, ?4)",
  [STMT_SET_CURSOR] =
    "INSERT INTO cursors (name, value) VALUES (?1, ?2) "
    "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
  [STMT_DELETE_CURSOR] = "DELETE FROM cursors WHERE name = ?1",
  [STMT_LOAD_TRANSACTIONS_BETWEEN] =
    "SELECT " TRANSACTION_COLUMNS " FROM transactions WHERE created >= ?1 AND created < ?2 "
    "ORDER BY created, id",
  [STMT_OUTBOX_ADD] =
    "INSERT INTO outbox (ticket_id, field, value, previous, queued) VALUES (?1, ?2, ?3, ?4, ?5)",
  [STMT_OUTBOX_LIST] =
    "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE state != 2 ORDER BY id",
  [STMT_OUTBOX_UPDATE] =
    "UPDATE outbox SET attempts = ?2, next_attempt = ?3, state = ?4, error = ?5 WHERE id = ?1",
  [STMT_OUTBOX_REMOVE] = "DELETE FROM outbox WHERE id = ?1",
};

/* ------------------------------------------------------------------------ */
/* Batches and snapshots                                                    */
/* ------------------------------------------------------------------------ */

typedef enum
{
  METRICS_TOUCHED,           /* the tickets the batch writes, or whose history it adds to */
  METRICS_DEFERRED,          /* none now; the cache remembers they are stale */
  METRICS_ALL,               /* every ticket */
} MetricsScope;

struct _CsmStoreBatch
{
  MetricsScope metrics;
  GPtrArray *tickets;        /* (element-type CsmTicket) */
  GArray *deleted;           /* (element-type gint64): ticket ids */
  GPtrArray *transactions;   /* (element-type CsmTransaction) */
  GPtrArray *queues;         /* (element-type CsmQueue) (nullable): NULL leaves them alone */
  GPtrArray *agents;         /* (element-type CsmAgent) (nullable): NULL leaves them alone */
  GHashTable *cursors;       /* name → value; a NULL value deletes the cursor */
};

G_DEFINE_QUARK (csm-store-error-quark, csm_store_error)

G_DEFINE_BOXED_TYPE (CsmOutboxEntry, csm_outbox_entry, csm_outbox_entry_copy,
                     csm_outbox_entry_free)

/**
 * csm_outbox_entry_copy:
 *
 * Returns: (transfer full): a deep copy of @entry
 */
CsmOutboxEntry *
csm_outbox_entry_copy (const CsmOutboxEntry *entry)
{
  CsmOutboxEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_memdup2 (entry, sizeof *entry);
  copy->field = g_strdup (entry->field);
  copy->value = g_strdup (entry->value);
  copy->previous = g_strdup (entry->previous);
  copy->error = g_strdup (entry->error);
  return copy;
}

void
csm_outbox_entry_free (CsmOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->field);
  g_free (entry->value);
  g_free (entry->previous);
  g_free (entry->error);
  g_free (entry);
}

/**
 * csm_outbox_state_to_string:
 *
 * Returns: "pending", "sending", "done" or "failed"
 */
const char *
csm_outbox_state_to_string (CsmOutboxState state)
{
  switch (state)
    {
    case CSM_OUTBOX_PENDING:
      return "pending";
    case CSM_OUTBOX_SENDING:
      return "sending";
    case CSM_OUTBOX_DONE:
      return "done";
    case CSM_OUTBOX_FAILED:
      return "failed";
    default:
      return "unknown";
    }
}

/**
 * csm_store_batch_new:
 *
 * Returns: (transfer full): an empty batch
 */
CsmStoreBatch *
csm_store_batch_new (void)
{
  CsmStoreBatch *batch = g_new0 (CsmStoreBatch, 1);

  batch->tickets = g_ptr_array_new_with_free_func (g_object_unref);
  batch->deleted = g_array_new (FALSE, FALSE, sizeof (gint64));
  batch->transactions = g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
  batch->cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return batch;
}

void
csm_store_batch_free (CsmStoreBatch *batch)
{
  if (batch == NULL)
    return;

  g_clear_pointer (&batch->tickets, g_ptr_array_unref);
  g_clear_pointer (&batch->deleted, g_array_unref);
  g_clear_pointer (&batch->transactions, g_ptr_array_unref);
  g_clear_pointer (&batch->queues, g_ptr_array_unref);
  g_clear_pointer (&batch->agents, g_ptr_array_unref);
  g_clear_pointer (&batch->cursors, g_hash_table_unref);
  g_free (batch);
}

/**
 * csm_store_batch_add_tickets:
 * @tickets: (element-type CsmTicket): tickets to insert or replace, whole
 *
 * The batch keeps a reference to each ticket; see #CsmStoreBatch for the
 * promise the caller makes about them.
 */
void
csm_store_batch_add_tickets (CsmStoreBatch *batch,
                             GPtrArray     *tickets)
{
  g_return_if_fail (batch != NULL);
  g_return_if_fail (tickets != NULL);

  for (guint i = 0; i < tickets->len; i++)
    {
      CsmTicket *ticket = g_ptr_array_index (tickets, i);

      g_return_if_fail (CSM_IS_TICKET (ticket));
      g_ptr_array_add (batch->tickets, g_object_ref (ticket));
    }
}

/**
 * csm_store_batch_delete_ticket:
 * @ticket_id: a ticket to remove, with its transactions
 */
void
csm_store_batch_delete_ticket (CsmStoreBatch *batch,
                               gint64         ticket_id)
{
  g_return_if_fail (batch != NULL);

  g_array_append_val (batch->deleted, ticket_id);
}

/**
 * csm_store_batch_add_transactions:
 * @transactions: (element-type CsmTransaction): transactions to insert or replace
 */
void
csm_store_batch_add_transactions (CsmStoreBatch *batch,
                                  GPtrArray     *transactions)
{
  g_return_if_fail (batch != NULL);
  g_return_if_fail (transactions != NULL);

  for (guint i = 0; i < transactions->len; i++)
    {
      CsmTransaction *transaction = g_ptr_array_index (transactions, i);

      g_return_if_fail (transaction != NULL);
      g_ptr_array_add (batch->transactions, csm_transaction_ref (transaction));
    }
}

static GPtrArray *
csm_store_copy_object_array (GPtrArray *array)
{
  GPtrArray *copy = g_ptr_array_new_full (array ? array->len : 0, g_object_unref);

  if (array != NULL)
    g_ptr_array_extend (copy, array, (GCopyFunc) g_object_ref, NULL);
  return copy;
}

/**
 * csm_store_batch_replace_queues:
 * @queues: (element-type CsmQueue) (nullable): the whole queue list, in the
 *   order to keep; %NULL or empty clears it
 *
 * Without this call the cached queue list is left as it is.
 */
void
csm_store_batch_replace_queues (CsmStoreBatch *batch,
                                GPtrArray     *queues)
{
  g_return_if_fail (batch != NULL);

  g_clear_pointer (&batch->queues, g_ptr_array_unref);
  batch->queues = csm_store_copy_object_array (queues);
}

/**
 * csm_store_batch_replace_agents:
 * @agents: (element-type CsmAgent) (nullable): the whole agent list, in the
 *   order to keep; %NULL or empty clears it
 *
 * Without this call the cached agent list is left as it is.
 */
void
csm_store_batch_replace_agents (CsmStoreBatch *batch,
                                GPtrArray     *agents)
{
  g_return_if_fail (batch != NULL);

  g_clear_pointer (&batch->agents, g_ptr_array_unref);
  batch->agents = csm_store_copy_object_array (agents);
}

/**
 * csm_store_batch_set_cursor:
 * @name: the cursor's name
 * @value: (nullable): its new value; %NULL deletes the cursor
 *
 * Setting the same cursor twice in one batch keeps the last value.
 */
void
csm_store_batch_set_cursor (CsmStoreBatch *batch,
                            const char    *name,
                            const char    *value)
{
  g_return_if_fail (batch != NULL);
  g_return_if_fail (name != NULL);

  g_hash_table_replace (batch->cursors, g_strdup (name), g_strdup (value));
}

/**
 * csm_store_batch_defer_metrics:
 *
 * The commit leaves the metrics of the tickets it writes as they were: for
 * the many intermediate commits of a full sync, which end with one that
 * works out every ticket (csm_store_batch_update_all_metrics()). Until then
 * the cache knows its metrics are stale; a load in between works them out.
 */
void
csm_store_batch_defer_metrics (CsmStoreBatch *batch)
{
  g_return_if_fail (batch != NULL);

  if (batch->metrics != METRICS_ALL)
    batch->metrics = METRICS_DEFERRED;
}

/**
 * csm_store_batch_update_all_metrics:
 *
 * The commit works out the metrics of every ticket in the cache, not only
 * of those the batch touches: when the agent list changed, or at the end
 * of a full sync.
 */
void
csm_store_batch_update_all_metrics (CsmStoreBatch *batch)
{
  g_return_if_fail (batch != NULL);

  batch->metrics = METRICS_ALL;
}

gboolean
csm_store_batch_is_empty (CsmStoreBatch *batch)
{
  g_return_val_if_fail (batch != NULL, TRUE);

  return batch->tickets->len == 0 &&
         batch->deleted->len == 0 &&
         batch->transactions->len == 0 &&
         batch->queues == NULL &&
         batch->agents == NULL &&
         batch->metrics != METRICS_ALL &&
         g_hash_table_size (batch->cursors) == 0;
}

static CsmStoreSnapshot *
csm_store_snapshot_new (void)
{
  CsmStoreSnapshot *snapshot = g_new0 (CsmStoreSnapshot, 1);

  snapshot->tickets = g_ptr_array_new_with_free_func (g_object_unref);
  snapshot->queues = g_ptr_array_new_with_free_func (g_object_unref);
  snapshot->agents = g_ptr_array_new_with_free_func (g_object_unref);
  snapshot->cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return snapshot;
}

void
csm_store_snapshot_free (CsmStoreSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;

  g_clear_pointer (&snapshot->tickets, g_ptr_array_unref);
  g_clear_pointer (&snapshot->queues, g_ptr_array_unref);
  g_clear_pointer (&snapshot->agents, g_ptr_array_unref);
  g_clear_pointer (&snapshot->cursors, g_hash_table_unref);
  g_free (snapshot);
}

/* ------------------------------------------------------------------------ */
/* String vectors as JSON arrays                                            */
/* ------------------------------------------------------------------------ */

/* A hand-written codec for the one shape stored (an array of strings): it is
 * exact (NULL vs empty, any byte but NUL), readable with the sqlite3 shell and
 * SQLite's JSON functions, and a JSON parser per ticket would dominate the
 * load time. */
static char *
csm_store_encode_strv (const char * const *strv)
{
  GString *out;

  if (strv == NULL)
    return NULL;

  out = g_string_sized_new (64);
  g_string_append_c (out, '[');
  for (guint i = 0; strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '"');
      for (const char *p = strv[i]; *p != '\0'; p++)
        {
          guchar c = (guchar) *p;

          switch (c)
            {
            case '"':
              g_string_append (out, "\\\"");
              break;
            case '\\':
              g_string_append (out, "\\\\");
              break;
            case '\n':
              g_string_append (out, "\\n");
              break;
            case '\r':
              g_string_append (out, "\\r");
              break;
            case '\t':
              g_string_append (out, "\\t");
              break;
            default:
              if (c < 0x20)
                g_string_append_printf (out, "\\u%04x", c);
              else
                g_string_append_c (out, (char) c);
              break;
            }
        }
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, ']');

  return g_string_free (out, FALSE);
}

static const char *
csm_store_skip_space (const char *p,
                      const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

static gboolean
csm_store_read_hex4 (const char **inout,
                     const char  *end,
                     gunichar    *out_value)
{
  const char *p = *inout;
  gunichar value = 0;

  if (end - p < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;
      value = (value << 4) | (gunichar) digit;
    }
  *inout = p + 4;
  *out_value = value;
  return TRUE;
}

static gboolean
csm_store_decode_string (const char **inout,
                         const char  *end,
                         char       **out_value)
{
  const char *p = *inout;
  const char *start;
  g_autoptr(GString) value = NULL;

  if (p == end || *p != '"')
    return FALSE;
  start = ++p;

  /* Most values have nothing escaped: copy them in one go. */
  while (p < end && *p != '"' && *p != '\\' && *p != '\0')
    p++;
  if (p < end && *p == '"')
    {
      *inout = p + 1;
      *out_value = g_strndup (start, p - start);
      return TRUE;
    }

  p = start;
  value = g_string_sized_new (end - start);
  while (p < end && *p != '"')
    {
      const char *run = p;
      gunichar c;

      while (p < end && *p != '"' && *p != '\\' && *p != '\0')
        p++;
      g_string_append_len (value, run, p - run);
      if (p == end || *p == '"')
        break;
      if (*p == '\0')
        return FALSE;

      /* A backslash escape. */
      if (++p == end)
        return FALSE;
      switch (*p++)
        {
        case '"':
          g_string_append_c (value, '"');
          break;
        case '\\':
          g_string_append_c (value, '\\');
          break;
        case '/':
          g_string_append_c (value, '/');
          break;
        case 'b':
          g_string_append_c (value, '\b');
          break;
        case 'f':
          g_string_append_c (value, '\f');
          break;
        case 'n':
          g_string_append_c (value, '\n');
          break;
        case 'r':
          g_string_append_c (value, '\r');
          break;
        case 't':
          g_string_append_c (value, '\t');
          break;
        case 'u':
          if (!csm_store_read_hex4 (&p, end, &c))
            return FALSE;
          if (c >= 0xd800 && c <= 0xdbff)
            {
              gunichar low;

              if (end - p < 2 || p[0] != '\\' || p[1] != 'u')
                return FALSE;
              p += 2;
              if (!csm_store_read_hex4 (&p, end, &low) || low < 0xdc00 || low > 0xdfff)
                return FALSE;
              c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
            }
          else if (c >= 0xdc00 && c <= 0xdfff)
            return FALSE;
          /* A C string cannot hold NUL. */
          if (c == 0)
            return FALSE;
          g_string_append_unichar (value, c);
          break;
        default:
          return FALSE;
        }
    }

  if (p == end)
    return FALSE;

  *inout = p + 1;
  *out_value = g_string_free (g_steal_pointer (&value), FALSE);
  return TRUE;
}

static gboolean
csm_store_decode_strv (const char   *text,
                       gsize         len,
                       char       ***out_strv)
{
  const char *p = text;
  const char *end = text + len;
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (8, g_free);

  p = csm_store_skip_space (p, end);
  if (p == end || *p != '[')
    return FALSE;
  p = csm_store_skip_space (p + 1, end);

  if (p < end && *p == ']')
    {
      p++;
    }
  else
    {
      for (;;)
        {
          char *item;

          if (!csm_store_decode_string (&p, end, &item))
            return FALSE;
          g_ptr_array_add (items, item);

          p = csm_store_skip_space (p, end);
          if (p == end)
            return FALSE;
          if (*p == ']')
            {
              p++;
              break;
            }
          if (*p != ',')
            return FALSE;
          p = csm_store_skip_space (p + 1, end);
        }
    }

  if (csm_store_skip_space (p, end) != end)
    return FALSE;

  g_ptr_array_add (items, NULL);
  /* Without freeing the segment, the array's free function is not called. */
  *out_strv = (char **) g_ptr_array_free (g_steal_pointer (&items), FALSE);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Files on disk                                                            */
/* ------------------------------------------------------------------------ */

static char *
csm_store_marker_path (const char *path)
{
  return g_strconcat (path, ".needs-rebuild", NULL);
}

static guint32
csm_store_read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static gboolean
csm_store_file_has_content (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && st.st_size > 0;
}

/* Looks at the 100-byte header without SQLite: a file that is not a
 * database at all, or was cut short, is caught before SQLite reads it. A
 * missing or empty file is a new cache. */
static gboolean
csm_store_file_is_plausible (const char *path)
{
  guint8 header[100];
  struct stat st;
  gsize got = 0;
  guint32 page_size;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return TRUE;  /* missing, or unreadable: sqlite3_open() will say which */

  /* Only a regular file is judged here: anything else (a folder, a device)
   * is not ours to move aside, and sqlite3_open() reports it. */
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size == 0)
    {
      g_close (fd, NULL);
      return TRUE;
    }

  while (got < sizeof header)
    {
      gssize n = read (fd, header + got, sizeof header - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += n;
    }
  g_close (fd, NULL);

  if (got < sizeof header)
    return FALSE;
  if (memcmp (header, "SQLite format 3", 16) != 0)
    return FALSE;

  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0)
    return FALSE;

  /* The page count in the header is trusted only when it is marked valid,
   * and only while no WAL holds pages that are not yet in the main file: a
   * checkpoint interrupted by a crash legitimately leaves the file short. */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    guint32 change_counter = csm_store_read_be32 (header + 24);
    guint32 n_pages = csm_store_read_be32 (header + 28);
    guint32 valid_for = csm_store_read_be32 (header + 92);

    if (n_pages != 0 && valid_for == change_counter && !csm_store_file_has_content (wal) &&
        (guint64) st.st_size < (guint64) n_pages * page_size)
      return FALSE;
  }

  return TRUE;
}

static void
csm_store_remove_quietly (const char *path)
{
  /* ENOENT is the common case; any other failure shows up when the file is
   * opened again. */
  (void) g_unlink (path);
}

/* Moves a damaged cache and its side files aside, keeping only the newest
 * damaged copy, so a cache that keeps breaking does not fill the disk. */
static gboolean
csm_store_set_aside (const char  *path,
                     GError     **error)
{
  static const char * const side_files[] = { "-wal", "-shm", "-journal" };
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".corrupt-", NULL);
  g_autofree char *marker = csm_store_marker_path (path);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *aside = g_strconcat (path, ".corrupt-", stamp, NULL);
  GDir *d;

  d = g_dir_open (dir, 0, NULL);
  if (d != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (d)) != NULL)
        {
          if (g_str_has_prefix (name, prefix))
            {
              g_autofree char *old = g_build_filename (dir, name, NULL);

              csm_store_remove_quietly (old);
            }
        }
      g_dir_close (d);
    }

  if (g_rename (path, aside) != 0 && errno != ENOENT)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int errsv = errno;

          g_set_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_OPEN,
                       _("The helpdesk cache “%s” is damaged and cannot be removed: %s"),
                       path, g_strerror (errsv));
          return FALSE;
        }
    }

  /* A stale WAL or journal must never be replayed into the new file. */
  for (guint i = 0; i < G_N_ELEMENTS (side_files); i++)
    {
      g_autofree char *side = g_strconcat (path, side_files[i], NULL);
      g_autofree char *side_aside = g_strconcat (aside, side_files[i], NULL);

      if (g_str_equal (side_files[i], "-wal") && g_rename (side, side_aside) == 0)
        continue;
      csm_store_remove_quietly (side);
    }
  csm_store_remove_quietly (marker);

  g_debug ("Moved the damaged cache %s aside to %s", path, aside);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Jobs                                                                     */
/* ------------------------------------------------------------------------ */

typedef enum
{
  CSM_STORE_JOB_OPEN,
  CSM_STORE_JOB_LOAD,
  CSM_STORE_JOB_COMMIT,
  CSM_STORE_JOB_HISTORY,
  CSM_STORE_JOB_TRANSACTIONS_BETWEEN,
  CSM_STORE_JOB_OUTBOX_ADD,
  CSM_STORE_JOB_OUTBOX_LIST,
  CSM_STORE_JOB_OUTBOX_UPDATE,
  CSM_STORE_JOB_OUTBOX_REMOVE,
  CSM_STORE_JOB_CLOSE,
  CSM_STORE_JOB_QUIT,       /* the store was dropped without being closed */
} CsmStoreJobKind;

typedef struct
{
  CsmStoreJobKind kind;
  GTask *task;                  /* (owned) (nullable): NULL only for QUIT */
  GCancellable *cancellable;    /* (owned) (nullable) */
  CsmStoreBatch *batch;         /* (owned) (nullable): for COMMIT */
  gint64 ticket_id;             /* for HISTORY */
  gint64 from, to;              /* for TRANSACTIONS_BETWEEN */
  CsmOutboxEntry *entry;        /* (owned) (nullable): for OUTBOX_ADD/UPDATE; id for REMOVE */

  /* Filled in by the worker, read back on the task's main context. */
  GError *error;
  CsmStoreSnapshot *snapshot;
  GArray *metrics;              /* (owned) (nullable): COMMIT: the metrics that changed */
  GPtrArray *history;           /* (owned) (nullable): HISTORY, TRANSACTIONS_BETWEEN, OUTBOX_LIST */
  gint64 new_id;                /* OUTBOX_ADD */
  gboolean was_rebuilt;
  int schema_version;
} CsmStoreJob;

static CsmStoreJob *
csm_store_job_new (CsmStoreJobKind  kind,
                   GTask           *task)
{
  CsmStoreJob *job = g_new0 (CsmStoreJob, 1);

  job->kind = kind;
  if (task != NULL)
    {
      job->task = g_object_ref (task);
      g_set_object (&job->cancellable, g_task_get_cancellable (task));
    }
  return job;
}

static void
csm_store_job_free (gpointer data)
{
  CsmStoreJob *job = data;

  g_clear_object (&job->task);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->batch, csm_store_batch_free);
  g_clear_error (&job->error);
  g_clear_pointer (&job->snapshot, csm_store_snapshot_free);
  g_clear_pointer (&job->metrics, g_array_unref);
  g_clear_pointer (&job->history, g_ptr_array_unref);
  g_clear_pointer (&job->entry, csm_outbox_entry_free);
  g_free (job);
}

/* ------------------------------------------------------------------------ */
/* The store object                                                         */
/* ------------------------------------------------------------------------ */

struct _CsmStore
{
  GObject parent_instance;

  char *path;
  GAsyncQueue *queue;     /* (owned) (element-type CsmStoreJob) */
  GThread *thread;        /* (owned) (nullable): the worker, until it is joined */

  GMutex lock;            /* guards closing, so no job is queued after the last one */
  gboolean closing;

  /* Set once, when the open job returns; read-only afterwards. */
  gboolean was_rebuilt;
  int schema_version;
};

G_DEFINE_FINAL_TYPE (CsmStore, csm_store, G_TYPE_OBJECT)

static void
csm_store_dispose (GObject *object)
{
  CsmStore *self = CSM_STORE (object);

  /* Dropped without csm_store_close_async(): ask the worker to close the
   * database and wait for it. Every queued job holds a reference to the store
   * through its task, so nothing else is pending at this point, and tasks are
   * only released on their main context, never on the worker thread. */
  if (self->thread != NULL)
    {
      g_mutex_lock (&self->lock);
      self->closing = TRUE;
      g_async_queue_push (self->queue, csm_store_job_new (CSM_STORE_JOB_QUIT, NULL));
      g_mutex_unlock (&self->lock);

      g_thread_join (g_steal_pointer (&self->thread));
    }

  G_OBJECT_CLASS (csm_store_parent_class)->dispose (object);
}

static void
csm_store_finalize (GObject *object)
{
  CsmStore *self = CSM_STORE (object);

  g_clear_pointer (&self->queue, g_async_queue_unref);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (csm_store_parent_class)->finalize (object);
}

static void
csm_store_class_init (CsmStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = csm_store_dispose;
  object_class->finalize = csm_store_finalize;
}

static void
csm_store_init (CsmStore *self)
{
  g_mutex_init (&self->lock);
  self->queue = g_async_queue_new_full (csm_store_job_free);
}

/* ------------------------------------------------------------------------ */
/* The worker thread                                                        */
/* ------------------------------------------------------------------------ */

typedef struct
{
  char *path;                    /* ":memory:" for a cache in memory */
  char *marker_path;             /* (nullable): NULL in memory */
  gboolean in_memory;
  GAsyncQueue *queue;            /* (owned) */
  sqlite3 *db;                   /* (nullable): only while open */
  sqlite3_stmt *stmts[N_STMTS];
  gboolean was_rebuilt;
  gboolean damaged;              /* corruption was seen; the marker is written */
} CsmStoreWorker;

static CsmStoreWorker *
csm_store_worker_new (const char  *path,
                      GAsyncQueue *queue)
{
  CsmStoreWorker *worker = g_new0 (CsmStoreWorker, 1);

  worker->in_memory = path == NULL;
  worker->path = g_strdup (path != NULL ? path : ":memory:");
  worker->marker_path = path != NULL ? csm_store_marker_path (path) : NULL;
  worker->queue = g_async_queue_ref (queue);
  return worker;
}

static void
csm_store_worker_close_db (CsmStoreWorker *worker)
{
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&worker->stmts[i], sqlite3_finalize);

  if (worker->db != NULL)
    {
      /* Every statement is finalized, so this cannot be SQLITE_BUSY. */
      sqlite3_close (worker->db);
      worker->db = NULL;
    }
}

static void
csm_store_worker_free (CsmStoreWorker *worker)
{
  csm_store_worker_close_db (worker);
  g_clear_pointer (&worker->queue, g_async_queue_unref);
  g_free (worker->path);
  g_free (worker->marker_path);
  g_free (worker);
}

static gboolean
csm_store_is_corruption (int rc)
{
  rc &= 0xff;
  return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

static const char *
csm_store_worker_errmsg (CsmStoreWorker *worker,
                         int             rc)
{
  if (worker->db != NULL && sqlite3_errcode (worker->db) != SQLITE_OK)
    return sqlite3_errmsg (worker->db);
  return sqlite3_errstr (rc);
}

/* Remembers that the file is damaged so the next open rebuilds it, even if
 * the damage is somewhere the checks at open do not look. */
static void
csm_store_worker_mark_damaged (CsmStoreWorker *worker)
{
  g_autoptr(GError) error = NULL;

  if (worker->damaged)
    return;
  worker->damaged = TRUE;
  if (worker->in_memory)
    return;

  if (!g_file_set_contents (worker->marker_path, "", 0, &error))
    g_warning ("Could not mark the helpdesk cache for rebuilding: %s", error->message);
}

/* Turns an SQLite failure after open into a GError. @doing is a translated
 * sentence saying what failed. */
static void
csm_store_worker_set_error (CsmStoreWorker  *worker,
                            int              rc,
                            const char      *doing,
                            GError         **error)
{
  const char *detail = csm_store_worker_errmsg (worker, rc);

  if (csm_store_is_corruption (rc))
    {
      csm_store_worker_mark_damaged (worker);
      g_set_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_CORRUPT,
                   _("The helpdesk cache is damaged (%s). It will be rebuilt the next time it "
                     "is opened."), detail);
    }
  else if ((rc & 0xff) == SQLITE_FULL)
    {
      g_set_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_IO,
                   _("%s: the disk is full."), doing);
    }
  else
    {
      g_set_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_IO, "%s: %s", doing, detail);
    }
}

/* Turns an SQLite failure during open into a GError. Any failure to read or
 * make sense of the schema means the file is not a cache this code can use,
 * and it is rebuilt: CORRUPT. */
static void
csm_store_worker_set_open_error (CsmStoreWorker  *worker,
                                 int              rc,
                                 GError         **error)
{
  const char *detail = csm_store_worker_errmsg (worker, rc);

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_ERROR:
    case SQLITE_SCHEMA:
    case SQLITE_MISMATCH:
    case SQLITE_FORMAT:
    case SQLITE_RANGE:
    case SQLITE_CONSTRAINT:
      g_set_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_CORRUPT,
                   _("The helpdesk cache “%s” is damaged: %s"), worker->path, detail);
      break;

    case SQLITE_FULL:
      g_set_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_IO,
                   _("Could not open the helpdesk cache “%s”: the disk is full."),
                   worker->path);
      break;

    default:
      g_set_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_OPEN,
                   _("Could not open the helpdesk cache “%s”: %s"), worker->path, detail);
      break;
    }
}

/* Runs a prepared statement that returns no rows, and resets it. */
static int
csm_store_step_done (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
csm_store_worker_run (CsmStoreWorker *worker,
                      CsmStoreStmt    which)
{
  return csm_store_step_done (worker->stmts[which]);
}

/* Ends a failed write transaction, if SQLite has not already rolled it back. */
static void
csm_store_worker_rollback (CsmStoreWorker *worker)
{
  if (sqlite3_get_autocommit (worker->db))
    return;
  if (worker->stmts[STMT_ROLLBACK] != NULL)
    csm_store_worker_run (worker, STMT_ROLLBACK);
  else
    sqlite3_exec (worker->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Binds parameters in order and keeps the first failure. */
typedef struct
{
  sqlite3_stmt *stmt;
  int rc;
  int index;
} CsmStoreBinder;

static inline void
csm_store_bind_int64 (CsmStoreBinder *b,
                      gint64          value)
{
  if (b->rc == SQLITE_OK)
    b->rc = sqlite3_bind_int64 (b->stmt, ++b->index, value);
}

static inline void
csm_store_bind_text (CsmStoreBinder *b,
                     const char     *value)
{
  if (b->rc != SQLITE_OK)
    return;
  b->index++;
  if (value == NULL)
    b->rc = sqlite3_bind_null (b->stmt, b->index);
  else
    b->rc = sqlite3_bind_text (b->stmt, b->index, value, -1, SQLITE_STATIC);
}

static int
csm_store_binder_step (CsmStoreBinder *b)
{
  if (b->rc != SQLITE_OK)
    {
      sqlite3_reset (b->stmt);
      return b->rc;
    }
  return csm_store_step_done (b->stmt);
}

static char *
csm_store_column_dup (sqlite3_stmt *stmt,
                      int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL)
    return NULL;
  return g_strndup (text, sqlite3_column_bytes (stmt, column));
}

static gboolean
csm_store_column_strv (sqlite3_stmt   *stmt,
                       int             column,
                       char         ***out_strv)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  *out_strv = NULL;
  if (text == NULL)
    return TRUE;
  return csm_store_decode_strv (text, sqlite3_column_bytes (stmt, column), out_strv);
}

/* Reads the first column of the first row of @sql as text; NULL when there
 * is no row. */
static int
csm_store_worker_query_text (CsmStoreWorker  *worker,
                             const char      *sql,
                             char           **out_text)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *out_text = NULL;
  rc = sqlite3_prepare_v2 (worker->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_text = csm_store_column_dup (stmt, 0);
      rc = SQLITE_OK;
    }
  else if (rc == SQLITE_DONE)
    {
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc;
}

/* Runs PRAGMA quick_check; its answer is "ok", or a few lines saying what
 * is wrong, joined here into one. */
static int
csm_store_worker_quick_check (CsmStoreWorker  *worker,
                              char           **out_report)
{
  g_autoptr(GString) report = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  *out_report = NULL;
  rc = sqlite3_prepare_v2 (worker->db, "PRAGMA quick_check(3)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (report->len > 0)
        g_string_append (report, "; ");
      g_string_append (report, line ? line : "");
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return rc;

  g_string_replace (report, "\n", "; ", 0);
  *out_report = g_string_free (g_steal_pointer (&report), FALSE);
  return SQLITE_OK;
}

static int
csm_store_worker_set_meta (CsmStoreWorker *worker,
                           const char     *key,
                           const char     *value)
{
  CsmStoreBinder b = { worker->stmts[STMT_SET_META], SQLITE_OK, 0 };

  csm_store_bind_text (&b, key);
  csm_store_bind_text (&b, value);
  return csm_store_binder_step (&b);
}

/* Brings the schema from @from up to CSM_STORE_SCHEMA_VERSION in one
 * transaction: a crash half-way leaves the file at @from. */
static int
csm_store_worker_migrate (CsmStoreWorker *worker,
                          int             from)
{
  g_autofree char *set_version = NULL;
  int rc;

  if (from == CSM_STORE_SCHEMA_VERSION)
    return SQLITE_OK;

  rc = sqlite3_exec (worker->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  for (int v = from; rc == SQLITE_OK && v < CSM_STORE_SCHEMA_VERSION; v++)
    {
      g_debug ("Migrating %s from schema %d to %d", worker->path, v, v + 1);
      rc = sqlite3_exec (worker->db, csm_store_migrations[v], NULL, NULL, NULL);
    }

  if (rc == SQLITE_OK && from == 0)
    rc = sqlite3_exec (worker->db,
                       "INSERT OR REPLACE INTO meta (key, value) "
                       "VALUES ('created-by', '" PACKAGE_NAME " " PACKAGE_VERSION "')",
                       NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    {
      set_version = g_strdup_printf ("PRAGMA user_version = %d", CSM_STORE_SCHEMA_VERSION);
      rc = sqlite3_exec (worker->db, set_version, NULL, NULL, NULL);
    }

  if (rc == SQLITE_OK)
    rc = sqlite3_exec (worker->db, "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    csm_store_worker_rollback (worker);
  return rc;
}

static gboolean
csm_store_worker_try_open (CsmStoreWorker  *worker,
                           GError         **error)
{
  g_autofree char *text = NULL;
  gboolean clean = FALSE;
  int version;
  int rc;

  rc = sqlite3_open_v2 (worker->path, &worker->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  sqlite3_extended_result_codes (worker->db, TRUE);
  sqlite3_busy_timeout (worker->db, 5000);

  /* Read before anything writes: a file from a newer console stays as it is. */
  rc = csm_store_worker_query_text (worker, "PRAGMA user_version", &text);
  if (rc != SQLITE_OK)
    goto failed;
  version = text ? (int) g_ascii_strtoll (text, NULL, 10) : 0;
  g_clear_pointer (&text, g_free);
  if (version > CSM_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_TOO_NEW,
                   _("The helpdesk cache “%s” was written by a newer version of CSM Console "
                     "(schema %d; this version knows up to %d)."),
                   worker->path, version, CSM_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (version < 0)
    {
      rc = SQLITE_CORRUPT;
      goto failed;
    }

  /* Parsing the whole schema catches damage to the first pages. */
  rc = csm_store_worker_query_text (worker, "SELECT count(*) FROM sqlite_master", &text);
  if (rc != SQLITE_OK)
    goto failed;
  g_clear_pointer (&text, g_free);

  rc = csm_store_worker_query_text (worker,
                                    worker->in_memory ? "PRAGMA journal_mode = MEMORY"
                                                      : "PRAGMA journal_mode = WAL",
                                    &text);
  if (rc != SQLITE_OK)
    goto failed;
  if (!worker->in_memory && g_strcmp0 (text, "wal") != 0)
    {
      g_set_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_OPEN,
                   _("Could not open the helpdesk cache “%s”: its journal cannot be switched "
                     "to write-ahead logging."), worker->path);
      return FALSE;
    }
  g_clear_pointer (&text, g_free);

  /* With WAL, NORMAL loses at most the last commits on power loss and never
   * corrupts. The WAL of a 100,000-ticket commit is large: give it back. */
  rc = sqlite3_exec (worker->db,
                     "PRAGMA synchronous = NORMAL;"
                     "PRAGMA journal_size_limit = 16777216;"
                     "PRAGMA cache_size = -16384;",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  if (version > 0)
    {
      rc = csm_store_worker_query_text (worker,
                                        "SELECT value FROM meta WHERE key = 'clean-shutdown'",
                                        &text);
      if (rc != SQLITE_OK)
        goto failed;
      clean = g_strcmp0 (text, "1") == 0;
      g_clear_pointer (&text, g_free);
    }

  /* The expensive check only after a crash; see the top of this file. */
  if (!clean && !worker->in_memory)
    {
      gint64 begin = g_get_monotonic_time ();

      rc = csm_store_worker_quick_check (worker, &text);
      if (rc != SQLITE_OK)
        goto failed;
      g_debug ("quick_check of %s: %s in %.1f ms", worker->path, text,
               (g_get_monotonic_time () - begin) / 1000.0);
      if (g_strcmp0 (text, "ok") != 0)
        {
          g_set_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_CORRUPT,
                       _("The helpdesk cache “%s” is damaged: %s"), worker->path, text);
          return FALSE;
        }
      g_clear_pointer (&text, g_free);
    }

  rc = csm_store_worker_migrate (worker, version);
  if (rc != SQLITE_OK)
    goto failed;

  /* Preparing every statement checks every table and column they use. */
  for (guint i = 0; i < N_STMTS; i++)
    {
      rc = sqlite3_prepare_v3 (worker->db, csm_store_stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                               &worker->stmts[i], NULL);
      if (rc != SQLITE_OK)
        goto failed;
    }

  /* Cleared now, set again by a clean close. */
  rc = csm_store_worker_set_meta (worker, "clean-shutdown", "0");
  if (rc != SQLITE_OK)
    goto failed;

  return TRUE;

failed:
  csm_store_worker_set_open_error (worker, rc, error);
  return FALSE;
}

static gboolean
csm_store_worker_open (CsmStoreWorker  *worker,
                       GError         **error)
{
  g_autofree char *dir = g_path_get_dirname (worker->path);
  g_autoptr(GError) local_error = NULL;
  gint64 begin = g_get_monotonic_time ();

  /* In memory: nothing to create, check or set aside. */
  if (worker->in_memory)
    {
      if (!csm_store_worker_try_open (worker, error))
        {
          csm_store_worker_close_db (worker);
          return FALSE;
        }
      return TRUE;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_OPEN,
                   _("Could not create the folder “%s” for the helpdesk cache: %s"),
                   dir, g_strerror (errsv));
      return FALSE;
    }

  if (g_file_test (worker->marker_path, G_FILE_TEST_EXISTS) ||
      !csm_store_file_is_plausible (worker->path))
    {
      if (!csm_store_set_aside (worker->path, error))
        return FALSE;
      worker->was_rebuilt = TRUE;
    }

  if (!csm_store_worker_try_open (worker, &local_error))
    {
      csm_store_worker_close_db (worker);

      if (worker->was_rebuilt ||
          !g_error_matches (local_error, CSM_STORE_ERROR, CSM_STORE_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      g_debug ("Rebuilding: %s", local_error->message);
      if (!csm_store_set_aside (worker->path, error))
        return FALSE;
      worker->was_rebuilt = TRUE;

      if (!csm_store_worker_try_open (worker, error))
        {
          csm_store_worker_close_db (worker);
          return FALSE;
        }
    }

  g_debug ("Opened %s in %.1f ms%s", worker->path, (g_get_monotonic_time () - begin) / 1000.0,
           worker->was_rebuilt ? " (rebuilt)" : "");
  return TRUE;
}

static gboolean
csm_store_worker_load_tickets (CsmStoreWorker    *worker,
                               CsmStoreSnapshot  *snapshot,
                               GCancellable      *cancellable,
                               GError           **error)
{
  sqlite3_stmt *stmt = worker->stmts[STMT_LOAD_TICKETS];
  guint n = 0;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CsmTicket *ticket = csm_ticket_new (sqlite3_column_int64 (stmt, 0));

      g_ptr_array_add (snapshot->tickets, ticket);
      ticket->subject = csm_store_column_dup (stmt, 1);
      ticket->status = csm_store_column_dup (stmt, 2);
      ticket->queue_id = sqlite3_column_int64 (stmt, 3);
      ticket->queue_name = csm_store_column_dup (stmt, 4);
      ticket->owner = csm_store_column_dup (stmt, 5);
      ticket->owner_real_name = csm_store_column_dup (stmt, 6);
      ticket->creator = csm_store_column_dup (stmt, 7);
      ticket->priority = sqlite3_column_int (stmt, 8);
      ticket->created = sqlite3_column_int64 (stmt, 9);
      ticket->last_updated = sqlite3_column_int64 (stmt, 10);
      ticket->starts = sqlite3_column_int64 (stmt, 11);
      ticket->started = sqlite3_column_int64 (stmt, 12);
      ticket->due = sqlite3_column_int64 (stmt, 13);
      ticket->resolved = sqlite3_column_int64 (stmt, 14);
      ticket->told = sqlite3_column_int64 (stmt, 15);
      ticket->time_worked = sqlite3_column_int (stmt, 16);
      ticket->time_estimated = sqlite3_column_int (stmt, 17);
      ticket->sla = csm_store_column_dup (stmt, 18);
      ticket->first_response = sqlite3_column_int64 (stmt, 21);
      ticket->handle_minutes = sqlite3_column_int (stmt, 22);
      ticket->agent_replies = sqlite3_column_int (stmt, 23);
      ticket->history_complete = sqlite3_column_int (stmt, 24) != 0;

      if (!csm_store_column_strv (stmt, 19, &ticket->requestors) ||
          !csm_store_column_strv (stmt, 20, &ticket->custom_fields))
        {
          sqlite3_reset (stmt);
          csm_store_worker_mark_damaged (worker);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, ticket->id);

          g_set_error (error, CSM_STORE_ERROR, CSM_STORE_ERROR_CORRUPT,
                       _("Ticket %s in the helpdesk cache is damaged. The cache will be "
                         "rebuilt the next time it is opened."), id);
          return FALSE;
        }

      if ((++n & 0x3fff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }

  if (rc != SQLITE_DONE)
    {
      csm_store_worker_set_error (worker, rc, _("Could not read the cached tickets"), error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Fills @transaction from a row of TRANSACTION_COLUMNS; the strings point
 * into the row and are only valid until the statement steps. */
static void
csm_store_row_to_transaction (sqlite3_stmt   *stmt,
                              CsmTransaction *transaction)
{
  transaction->id = sqlite3_column_int64 (stmt, 0);
  transaction->ticket_id = sqlite3_column_int64 (stmt, 1);
  transaction->type = csm_transaction_type_from_string ((const char *) sqlite3_column_text (stmt, 2),
                                                        NULL);
  transaction->created = sqlite3_column_int64 (stmt, 3);
  transaction->time_taken = sqlite3_column_int (stmt, 4);
  transaction->creator = (char *) sqlite3_column_text (stmt, 5);
  transaction->field = (char *) sqlite3_column_text (stmt, 6);
  transaction->old_value = (char *) sqlite3_column_text (stmt, 7);
  transaction->new_value = (char *) sqlite3_column_text (stmt, 8);
}

static GPtrArray *
csm_store_worker_load_history (CsmStoreWorker  *worker,
                               gint64           ticket_id,
                               GError         **error)
{
  g_autoptr(GPtrArray) history =
    g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
  CsmStoreBinder b = { worker->stmts[STMT_LOAD_HISTORY], SQLITE_OK, 0 };
  int rc;

  csm_store_bind_int64 (&b, ticket_id);
  rc = b.rc;
  while (rc == SQLITE_OK && (rc = sqlite3_step (b.stmt)) == SQLITE_ROW)
    {
      CsmTransaction row = { 0, };
      CsmTransaction *transaction;

      csm_store_row_to_transaction (b.stmt, &row);
      transaction = csm_transaction_new (row.id, row.ticket_id, row.type, row.created,
                                         row.creator, row.time_taken);
      if (row.field != NULL || row.old_value != NULL || row.new_value != NULL)
        csm_transaction_set_change (transaction, row.field, row.old_value, row.new_value);
      g_ptr_array_add (history, transaction);
      rc = SQLITE_OK;
    }
  sqlite3_reset (b.stmt);
  if (rc != SQLITE_DONE)
    {
      csm_store_worker_set_error (worker, rc, _("Could not read the ticket’s history"), error);
      return NULL;
    }
  return g_steal_pointer (&history);
}

/* ------------------------------------------------------------------------ */
/* Metrics: what each ticket's whole history says, kept with the ticket      */
/* ------------------------------------------------------------------------ */

static int
csm_store_worker_load_agent_names (CsmStoreWorker  *worker,
                                   GHashTable     **out_names)
{
  sqlite3_stmt *stmt = worker->stmts[STMT_LOAD_AGENTS];
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (name != NULL && *name != '\0')
        g_hash_table_add (names, g_strdup (name));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rc;
  *out_names = g_steal_pointer (&names);
  return SQLITE_OK;
}

/* Reads a row of "id, requestors, METRICS_COLUMNS". The requestors are only
 * decoded when @out_requestors is given (they matter only without an agent
 * list). */
static int
csm_store_read_metrics_row (sqlite3_stmt       *stmt,
                            gint64             *out_id,
                            char             ***out_requestors,
                            CsmTicketMetrics   *out_stored)
{
  *out_id = sqlite3_column_int64 (stmt, 0);
  out_stored->first_response = sqlite3_column_int64 (stmt, 2);
  out_stored->handle_minutes = sqlite3_column_int (stmt, 3);
  out_stored->agent_replies = sqlite3_column_int (stmt, 4);
  out_stored->history_complete = sqlite3_column_int (stmt, 5) != 0;
  if (out_requestors != NULL && !csm_store_column_strv (stmt, 1, out_requestors))
    return SQLITE_CORRUPT;
  return SQLITE_OK;
}

static void
csm_store_note_metrics (GArray                 *changed,
                        gint64                  ticket_id,
                        const CsmTicketMetrics *stored,
                        const CsmTicketMetrics *fresh)
{
  CsmStoreMetrics entry = { ticket_id, *fresh };

  if (!csm_ticket_metrics_equal (stored, fresh))
    g_array_append_val (changed, entry);
}

/* Every ticket, in one pass over both tables: tickets by id beside their
 * transactions by ticket id. */
static int
csm_store_worker_metrics_all (CsmStoreWorker *worker,
                              GHashTable     *agents,
                              GArray         *changed)
{
  sqlite3_stmt *tickets = worker->stmts[STMT_METRICS_ALL_TICKETS];
  sqlite3_stmt *txs = worker->stmts[STMT_METRICS_ALL_TRANSACTIONS];
  gboolean need_requestors = g_hash_table_size (agents) == 0;
  int rc, tx_rc;

  tx_rc = sqlite3_step (txs);
  while ((rc = sqlite3_step (tickets)) == SQLITE_ROW)
    {
      g_auto(GStrv) requestors = NULL;
      CsmTicketMetrics stored, fresh;
      gint64 id;

      rc = csm_store_read_metrics_row (tickets, &id, need_requestors ? &requestors : NULL, &stored);
      if (rc != SQLITE_OK)
        break;

      csm_ticket_metrics_init (&fresh);
      /* Transactions of tickets no longer cached are passed over. */
      while (tx_rc == SQLITE_ROW && sqlite3_column_int64 (txs, 0) < id)
        tx_rc = sqlite3_step (txs);
      while (tx_rc == SQLITE_ROW && sqlite3_column_int64 (txs, 0) == id)
        {
          CsmTransaction row = { 0, };

          row.ticket_id = id;
          row.type = csm_transaction_type_from_string ((const char *) sqlite3_column_text (txs, 1),
                                                       NULL);
          row.created = sqlite3_column_int64 (txs, 2);
          row.time_taken = sqlite3_column_int (txs, 3);
          row.creator = (char *) sqlite3_column_text (txs, 4);
          csm_ticket_metrics_add (&fresh, &row, (const char * const *) requestors, agents);
          tx_rc = sqlite3_step (txs);
        }
      if (tx_rc != SQLITE_ROW && tx_rc != SQLITE_DONE)
        {
          rc = tx_rc;
          break;
        }
      csm_store_note_metrics (changed, id, &stored, &fresh);
    }
  sqlite3_reset (tickets);
  sqlite3_reset (txs);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The tickets in @ids, one by one. */
static int
csm_store_worker_metrics_some (CsmStoreWorker *worker,
                               GHashTable     *ids,
                               GHashTable     *agents,
                               GArray         *changed)
{
  sqlite3_stmt *ticket = worker->stmts[STMT_METRICS_TICKET];
  sqlite3_stmt *history = worker->stmts[STMT_LOAD_HISTORY];
  gboolean need_requestors = g_hash_table_size (agents) == 0;
  GHashTableIter iter;
  gpointer key;
  int rc = SQLITE_OK;

  g_hash_table_iter_init (&iter, ids);
  while (rc == SQLITE_OK && g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_auto(GStrv) requestors = NULL;
      CsmTicketMetrics stored, fresh;
      gint64 id = *(gint64 *) key;

      rc = sqlite3_bind_int64 (ticket, 1, id);
      if (rc != SQLITE_OK)
        break;
      rc = sqlite3_step (ticket);
      if (rc == SQLITE_ROW)
        rc = csm_store_read_metrics_row (ticket, &id, need_requestors ? &requestors : NULL,
                                         &stored);
      else if (rc == SQLITE_DONE)
        rc = SQLITE_NOTFOUND;   /* not cached (deleted in the same batch) */
      sqlite3_reset (ticket);
      if (rc == SQLITE_NOTFOUND)
        {
          rc = SQLITE_OK;
          continue;
        }
      if (rc != SQLITE_OK)
        break;

      csm_ticket_metrics_init (&fresh);
      rc = sqlite3_bind_int64 (history, 1, id);
      while (rc == SQLITE_OK && (rc = sqlite3_step (history)) == SQLITE_ROW)
        {
          CsmTransaction row = { 0, };

          csm_store_row_to_transaction (history, &row);
          csm_ticket_metrics_add (&fresh, &row, (const char * const *) requestors, agents);
          rc = SQLITE_OK;
        }
      sqlite3_reset (history);
      if (rc != SQLITE_DONE)
        break;
      rc = SQLITE_OK;
      csm_store_note_metrics (changed, id, &stored, &fresh);
    }
  return rc;
}

/* Works out the metrics of the tickets in @ids (all when %NULL) inside the
 * current write transaction, stores those that changed and adds them to
 * @changed. */
static int
csm_store_worker_update_metrics (CsmStoreWorker *worker,
                                 GHashTable     *ids,
                                 GArray         *changed)
{
  g_autoptr(GHashTable) agents = NULL;
  guint first = changed->len;
  int rc;

  rc = csm_store_worker_load_agent_names (worker, &agents);
  if (rc != SQLITE_OK)
    return rc;

  if (ids == NULL)
    rc = csm_store_worker_metrics_all (worker, agents, changed);
  else
    rc = csm_store_worker_metrics_some (worker, ids, agents, changed);

  /* Written once the reads are done, never under a running SELECT. */
  for (guint i = first; rc == SQLITE_OK && i < changed->len; i++)
    {
      const CsmStoreMetrics *entry = &g_array_index (changed, CsmStoreMetrics, i);
      CsmStoreBinder b = { worker->stmts[STMT_UPDATE_METRICS], SQLITE_OK, 0 };

      csm_store_bind_int64 (&b, entry->ticket_id);
      csm_store_bind_int64 (&b, entry->metrics.first_response);
      csm_store_bind_int64 (&b, entry->metrics.handle_minutes);
      csm_store_bind_int64 (&b, entry->metrics.agent_replies);
      csm_store_bind_int64 (&b, entry->metrics.history_complete ? 1 : 0);
      rc = csm_store_binder_step (&b);
    }

  if (rc == SQLITE_OK && ids == NULL)
    rc = csm_store_worker_set_meta (worker, "metrics-stale", "0");
  return rc;
}

static int
csm_store_worker_get_meta (CsmStoreWorker  *worker,
                           const char      *key,
                           char           **out_value)
{
  CsmStoreBinder b = { worker->stmts[STMT_GET_META], SQLITE_OK, 0 };
  int rc;

  *out_value = NULL;
  csm_store_bind_text (&b, key);
  if (b.rc != SQLITE_OK)
    return b.rc;
  rc = sqlite3_step (b.stmt);
  if (rc == SQLITE_ROW)
    *out_value = csm_store_column_dup (b.stmt, 0);
  sqlite3_reset (b.stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* After a crash in the middle of a full sync (or a migration), some
 * tickets' metrics were never worked out: do it before anyone reads them. */
static gboolean
csm_store_worker_refresh_stale_metrics (CsmStoreWorker  *worker,
                                        GError         **error)
{
  g_autofree char *stale = NULL;
  g_autoptr(GArray) changed = NULL;
  gint64 begin = g_get_monotonic_time ();
  int rc;

  rc = csm_store_worker_get_meta (worker, "metrics-stale", &stale);
  if (rc == SQLITE_OK && g_strcmp0 (stale, "1") != 0)
    return TRUE;

  changed = g_array_new (FALSE, FALSE, sizeof (CsmStoreMetrics));
  if (rc == SQLITE_OK)
    rc = csm_store_worker_run (worker, STMT_BEGIN_WRITE);
  if (rc == SQLITE_OK)
    rc = csm_store_worker_update_metrics (worker, NULL, changed);
  if (rc == SQLITE_OK)
    rc = csm_store_worker_run (worker, STMT_COMMIT);
  if (rc != SQLITE_OK)
    {
      csm_store_worker_set_error (worker, rc, _("Could not read the helpdesk cache"), error);
      csm_store_worker_rollback (worker);
      return FALSE;
    }
  g_debug ("Worked out stale metrics: %u tickets changed in %.1f ms", changed->len,
           (g_get_monotonic_time () - begin) / 1000.0);
  return TRUE;
}

static gboolean
csm_store_worker_load_small_tables (CsmStoreWorker    *worker,
                                    CsmStoreSnapshot  *snapshot,
                                    GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = worker->stmts[STMT_LOAD_QUEUES];
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CsmQueue *queue = csm_queue_new (sqlite3_column_int64 (stmt, 0),
                                       (const char *) sqlite3_column_text (stmt, 1),
                                       (const char *) sqlite3_column_text (stmt, 2));

      csm_queue_set_sla_enabled (queue, sqlite3_column_int (stmt, 3) != 0);
      g_ptr_array_add (snapshot->queues, queue);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  stmt = worker->stmts[STMT_LOAD_AGENTS];
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      g_ptr_array_add (snapshot->agents,
                       csm_agent_new (name ? name : "",
                                      (const char *) sqlite3_column_text (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 2)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  stmt = worker->stmts[STMT_LOAD_CURSORS];
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *name = csm_store_column_dup (stmt, 0);
      char *value = csm_store_column_dup (stmt, 1);

      if (name != NULL && value != NULL)
        g_hash_table_replace (snapshot->cursors, name, value);
      else
        {
          g_free (name);
          g_free (value);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  return TRUE;

failed:
  csm_store_worker_set_error (worker, rc, _("Could not read the helpdesk cache"), error);
  return FALSE;
}

static CsmStoreSnapshot *
csm_store_worker_load (CsmStoreWorker  *worker,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_autoptr(CsmStoreSnapshot) snapshot = csm_store_snapshot_new ();
  gint64 begin = g_get_monotonic_time ();
  gboolean ok;
  int rc;

  if (!csm_store_worker_refresh_stale_metrics (worker, error))
    return NULL;

  /* One read transaction, so the tables agree with each other. */
  rc = csm_store_worker_run (worker, STMT_BEGIN_READ);
  if (rc != SQLITE_OK)
    {
      csm_store_worker_set_error (worker, rc, _("Could not read the helpdesk cache"), error);
      return NULL;
    }

  ok = csm_store_worker_load_tickets (worker, snapshot, cancellable, error) &&
       csm_store_worker_load_small_tables (worker, snapshot, error);

  /* Ending a read transaction cannot lose anything; only its error matters
   * when all else went well. */
  rc = csm_store_worker_run (worker, STMT_COMMIT);
  if (ok && rc != SQLITE_OK)
    {
      csm_store_worker_set_error (worker, rc, _("Could not read the helpdesk cache"), error);
      ok = FALSE;
    }
  if (!ok)
    return NULL;

  g_debug ("Loaded %u tickets from %s in %.1f ms",
           snapshot->tickets->len, worker->path ? worker->path : "memory",
           (g_get_monotonic_time () - begin) / 1000.0);
  return g_steal_pointer (&snapshot);
}

static int
csm_store_worker_upsert_ticket (CsmStoreWorker *worker,
                                CsmTicket      *ticket)
{
  CsmStoreBinder b = { worker->stmts[STMT_UPSERT_TICKET], SQLITE_OK, 0 };
  g_autofree char *requestors = csm_store_encode_strv ((const char * const *) ticket->requestors);
  g_autofree char *custom_fields =
    csm_store_encode_strv ((const char * const *) ticket->custom_fields);

  csm_store_bind_int64 (&b, ticket->id);
  csm_store_bind_text (&b, ticket->subject);
  csm_store_bind_text (&b, ticket->status);
  csm_store_bind_int64 (&b, ticket->queue_id);
  csm_store_bind_text (&b, ticket->queue_name);
  csm_store_bind_text (&b, ticket->owner);
  csm_store_bind_text (&b, ticket->owner_real_name);
  csm_store_bind_text (&b, ticket->creator);
  csm_store_bind_int64 (&b, ticket->priority);
  csm_store_bind_int64 (&b, ticket->created);
  csm_store_bind_int64 (&b, ticket->last_updated);
  csm_store_bind_int64 (&b, ticket->starts);
  csm_store_bind_int64 (&b, ticket->started);
  csm_store_bind_int64 (&b, ticket->due);
  csm_store_bind_int64 (&b, ticket->resolved);
  csm_store_bind_int64 (&b, ticket->told);
  csm_store_bind_int64 (&b, ticket->time_worked);
  csm_store_bind_int64 (&b, ticket->time_estimated);
  csm_store_bind_text (&b, ticket->sla);
  csm_store_bind_text (&b, requestors);
  csm_store_bind_text (&b, custom_fields);
  return csm_store_binder_step (&b);
}

static int
csm_store_worker_upsert_transaction (CsmStoreWorker *worker,
                                     CsmTransaction *transaction)
{
  CsmStoreBinder b = { worker->stmts[STMT_UPSERT_TRANSACTION], SQLITE_OK, 0 };

  csm_store_bind_int64 (&b, transaction->id);
  csm_store_bind_int64 (&b, transaction->ticket_id);
  csm_store_bind_text (&b, csm_transaction_type_to_string (transaction->type));
  csm_store_bind_int64 (&b, transaction->created);
  csm_store_bind_int64 (&b, transaction->time_taken);
  csm_store_bind_text (&b, transaction->creator);
  csm_store_bind_text (&b, transaction->field);
  csm_store_bind_text (&b, transaction->old_value);
  csm_store_bind_text (&b, transaction->new_value);
  return csm_store_binder_step (&b);
}

static int
csm_store_worker_delete_ticket (CsmStoreWorker *worker,
                                gint64          ticket_id)
{
  CsmStoreBinder b = { worker->stmts[STMT_DELETE_TICKET_TRANSACTIONS], SQLITE_OK, 0 };
  int rc;

  csm_store_bind_int64 (&b, ticket_id);
  rc = csm_store_binder_step (&b);
  if (rc != SQLITE_OK)
    return rc;

  b = (CsmStoreBinder) { worker->stmts[STMT_DELETE_TICKET], SQLITE_OK, 0 };
  csm_store_bind_int64 (&b, ticket_id);
  return csm_store_binder_step (&b);
}

static int
csm_store_worker_replace_queues (CsmStoreWorker *worker,
                                 GPtrArray      *queues)
{
  int rc = csm_store_worker_run (worker, STMT_CLEAR_QUEUES);

  for (guint i = 0; rc == SQLITE_OK && i < queues->len; i++)
    {
      CsmQueue *queue = g_ptr_array_index (queues, i);
      CsmStoreBinder b = { worker->stmts[STMT_INSERT_QUEUE], SQLITE_OK, 0 };

      csm_store_bind_int64 (&b, i);
      csm_store_bind_int64 (&b, csm_queue_get_id (queue));
      csm_store_bind_text (&b, csm_queue_get_name (queue));
      csm_store_bind_text (&b, csm_queue_get_description (queue));
      csm_store_bind_int64 (&b, csm_queue_get_sla_enabled (queue));
      rc = csm_store_binder_step (&b);
    }
  return rc;
}

static int
csm_store_worker_replace_agents (CsmStoreWorker *worker,
                                 GPtrArray      *agents)
{
  int rc = csm_store_worker_run (worker, STMT_CLEAR_AGENTS);

  for (guint i = 0; rc == SQLITE_OK && i < agents->len; i++)
    {
      CsmAgent *agent = g_ptr_array_index (agents, i);
      CsmStoreBinder b = { worker->stmts[STMT_INSERT_AGENT], SQLITE_OK, 0 };

      csm_store_bind_int64 (&b, i);
      csm_store_bind_text (&b, csm_agent_get_name (agent));
      csm_store_bind_text (&b, csm_agent_get_real_name (agent));
      csm_store_bind_text (&b, csm_agent_get_email (agent));
      rc = csm_store_binder_step (&b);
    }
  return rc;
}

static int
csm_store_worker_write_batch (CsmStoreWorker *worker,
                              CsmStoreBatch  *batch)
{
  GHashTableIter iter;
  gpointer key, value;
  int rc = SQLITE_OK;

  for (guint i = 0; rc == SQLITE_OK && i < batch->tickets->len; i++)
    rc = csm_store_worker_upsert_ticket (worker, g_ptr_array_index (batch->tickets, i));

  for (guint i = 0; rc == SQLITE_OK && i < batch->transactions->len; i++)
    rc = csm_store_worker_upsert_transaction (worker, g_ptr_array_index (batch->transactions, i));

  if (rc == SQLITE_OK && batch->queues != NULL)
    rc = csm_store_worker_replace_queues (worker, batch->queues);

  if (rc == SQLITE_OK && batch->agents != NULL)
    rc = csm_store_worker_replace_agents (worker, batch->agents);

  g_hash_table_iter_init (&iter, batch->cursors);
  while (rc == SQLITE_OK && g_hash_table_iter_next (&iter, &key, &value))
    {
      CsmStoreBinder b = { NULL, SQLITE_OK, 0 };

      b.stmt = worker->stmts[value != NULL ? STMT_SET_CURSOR : STMT_DELETE_CURSOR];
      csm_store_bind_text (&b, key);
      if (value != NULL)
        csm_store_bind_text (&b, value);
      rc = csm_store_binder_step (&b);
    }

  /* Last, so a ticket added and deleted in the same batch ends up deleted. */
  for (guint i = 0; rc == SQLITE_OK && i < batch->deleted->len; i++)
    rc = csm_store_worker_delete_ticket (worker, g_array_index (batch->deleted, gint64, i));

  return rc;
}

/* The metrics the batch calls for, see csm_store_batch_defer_metrics(). */
static int
csm_store_worker_batch_metrics (CsmStoreWorker *worker,
                                CsmStoreBatch  *batch,
                                GArray         *changed)
{
  g_autoptr(GHashTable) ids = NULL;
  gboolean writes_history = batch->tickets->len > 0 || batch->transactions->len > 0;

  switch (batch->metrics)
    {
    case METRICS_ALL:
      return csm_store_worker_update_metrics (worker, NULL, changed);

    case METRICS_DEFERRED:
      return writes_history ? csm_store_worker_set_meta (worker, "metrics-stale", "1")
                            : SQLITE_OK;

    case METRICS_TOUCHED:
    default:
      if (!writes_history)
        return SQLITE_OK;
      ids = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < batch->tickets->len; i++)
        g_hash_table_add (ids, &((CsmTicket *) g_ptr_array_index (batch->tickets, i))->id);
      for (guint i = 0; i < batch->transactions->len; i++)
        g_hash_table_add (ids, &((CsmTransaction *) g_ptr_array_index (batch->transactions, i))->ticket_id);
      return csm_store_worker_update_metrics (worker, ids, changed);
    }
}

static gboolean
csm_store_worker_commit (CsmStoreWorker  *worker,
                         CsmStoreBatch   *batch,
                         GArray          *changed,
                         GError         **error)
{
  gint64 begin = g_get_monotonic_time ();
  int rc;

  rc = csm_store_worker_run (worker, STMT_BEGIN_WRITE);
  if (rc == SQLITE_OK)
    rc = csm_store_worker_write_batch (worker, batch);
  if (rc == SQLITE_OK)
    rc = csm_store_worker_batch_metrics (worker, batch, changed);
  if (rc == SQLITE_OK)
    rc = csm_store_worker_run (worker, STMT_COMMIT);

  if (rc != SQLITE_OK)
    {
      /* The message first: the rollback replaces SQLite's last error. */
      csm_store_worker_set_error (worker, rc, _("Could not save to the helpdesk cache"), error);
      csm_store_worker_rollback (worker);
      g_array_set_size (changed, 0);
      return FALSE;
    }

  g_debug ("Committed %u tickets, %u transactions, %u deletions, %u metrics changed in %.1f ms",
           batch->tickets->len, batch->transactions->len, batch->deleted->len, changed->len,
           (g_get_monotonic_time () - begin) / 1000.0);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Transactions by time, and the outbox                                     */
/* ------------------------------------------------------------------------ */

static GPtrArray *
csm_store_worker_load_transactions_between (CsmStoreWorker  *worker,
                                            gint64           from,
                                            gint64           to,
                                            GCancellable    *cancellable,
                                            GError         **error)
{
  g_autoptr(GPtrArray) found =
    g_ptr_array_new_with_free_func ((GDestroyNotify) csm_transaction_unref);
  CsmStoreBinder b = { worker->stmts[STMT_LOAD_TRANSACTIONS_BETWEEN], SQLITE_OK, 0 };
  int rc;

  csm_store_bind_int64 (&b, from);
  csm_store_bind_int64 (&b, to);
  rc = b.rc;
  while (rc == SQLITE_OK && (rc = sqlite3_step (b.stmt)) == SQLITE_ROW)
    {
      CsmTransaction row = { 0, };
      CsmTransaction *transaction;

      /* A day of a large helpdesk is tens of thousands of rows. */
      if ((found->len & 4095) == 4095 && g_cancellable_is_cancelled (cancellable))
        {
          sqlite3_reset (b.stmt);
          g_cancellable_set_error_if_cancelled (cancellable, error);
          return NULL;
        }
      csm_store_row_to_transaction (b.stmt, &row);
      transaction = csm_transaction_new (row.id, row.ticket_id, row.type, row.created,
                                         row.creator, row.time_taken);
      if (row.field != NULL || row.old_value != NULL || row.new_value != NULL)
        csm_transaction_set_change (transaction, row.field, row.old_value, row.new_value);
      g_ptr_array_add (found, transaction);
      rc = SQLITE_OK;
    }
  sqlite3_reset (b.stmt);
  if (rc != SQLITE_DONE)
    {
      csm_store_worker_set_error (worker, rc, _("Could not read transactions from the helpdesk "
                                                "cache"), error);
      return NULL;
    }
  return g_steal_pointer (&found);
}

/* The outbox promises that a queued write survives a crash or a power cut:
 * its commits are synced to disk, not only handed to the OS as the cache's
 * other commits are (which a sync can always fetch again). */
static int
csm_store_worker_durable_step (CsmStoreWorker *worker,
                               CsmStoreBinder *b)
{
  int rc;

  if (b->rc != SQLITE_OK)
    return csm_store_binder_step (b);
  if (!worker->in_memory)
    sqlite3_exec (worker->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
  rc = csm_store_binder_step (b);
  if (!worker->in_memory)
    sqlite3_exec (worker->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
  return rc;
}

static gboolean
csm_store_worker_outbox_add (CsmStoreWorker  *worker,
                             CsmOutboxEntry  *entry,
                             gint64          *out_id,
                             GError         **error)
{
  CsmStoreBinder b = { worker->stmts[STMT_OUTBOX_ADD], SQLITE_OK, 0 };
  int rc;

  csm_store_bind_int64 (&b, entry->ticket_id);
  csm_store_bind_text (&b, entry->field);
  csm_store_bind_text (&b, entry->value);
  csm_store_bind_text (&b, entry->previous);
  csm_store_bind_int64 (&b, entry->queued);
  rc = csm_store_worker_durable_step (worker, &b);
  if (rc != SQLITE_OK)
    {
      csm_store_worker_set_error (worker, rc, _("Could not save the change to the outbox"), error);
      return FALSE;
    }
  *out_id = sqlite3_last_insert_rowid (worker->db);
  return TRUE;
}

static GPtrArray *
csm_store_worker_outbox_list (CsmStoreWorker  *worker,
                              GError         **error)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) csm_outbox_entry_free);
  sqlite3_stmt *stmt = worker->stmts[STMT_OUTBOX_LIST];
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CsmOutboxEntry *entry = g_new0 (CsmOutboxEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->ticket_id = sqlite3_column_int64 (stmt, 1);
      entry->field = csm_store_column_dup (stmt, 2);
      entry->value = csm_store_column_dup (stmt, 3);
      entry->previous = csm_store_column_dup (stmt, 4);
      entry->queued = sqlite3_column_int64 (stmt, 5);
      entry->attempts = (guint) MAX (sqlite3_column_int64 (stmt, 6), 0);
      entry->next_attempt = sqlite3_column_int64 (stmt, 7);
      entry->state = (CsmOutboxState) CLAMP (sqlite3_column_int (stmt, 8), CSM_OUTBOX_PENDING,
                                             CSM_OUTBOX_FAILED);
      entry->error = csm_store_column_dup (stmt, 9);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      csm_store_worker_set_error (worker, rc, _("Could not read the outbox"), error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

static gboolean
csm_store_worker_outbox_update (CsmStoreWorker  *worker,
                                CsmOutboxEntry  *entry,
                                GError         **error)
{
  CsmStoreBinder b = { worker->stmts[STMT_OUTBOX_UPDATE], SQLITE_OK, 0 };
  int rc;

  csm_store_bind_int64 (&b, entry->id);
  csm_store_bind_int64 (&b, entry->attempts);
  csm_store_bind_int64 (&b, entry->next_attempt);
  csm_store_bind_int64 (&b, entry->state);
  csm_store_bind_text (&b, entry->error);
  rc = csm_store_worker_durable_step (worker, &b);
  if (rc != SQLITE_OK)
    {
      csm_store_worker_set_error (worker, rc, _("Could not save the change to the outbox"), error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
csm_store_worker_outbox_remove (CsmStoreWorker  *worker,
                                gint64           id,
                                GError         **error)
{
  CsmStoreBinder b = { worker->stmts[STMT_OUTBOX_REMOVE], SQLITE_OK, 0 };
  int rc;

  csm_store_bind_int64 (&b, id);
  rc = csm_store_worker_durable_step (worker, &b);
  if (rc != SQLITE_OK)
    {
      csm_store_worker_set_error (worker, rc, _("Could not remove the change from the outbox"),
                                  error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
csm_store_worker_close (CsmStoreWorker  *worker,
                        GError         **error)
{
  gboolean ok = TRUE;

  if (worker->db == NULL)
    return TRUE;

  /* A damaged file must not claim a clean shutdown; the marker rebuilds it. */
  if (!worker->damaged)
    {
      int rc = csm_store_worker_set_meta (worker, "clean-shutdown", "1");

      if (rc != SQLITE_OK)
        {
          csm_store_worker_set_error (worker, rc, _("Could not close the helpdesk cache"), error);
          ok = FALSE;
        }
    }

  csm_store_worker_close_db (worker);
  return ok;
}

static gboolean
csm_store_job_return_cb (gpointer data)
{
  CsmStoreJob *job = data;
  GTask *task = job->task;

  if (job->kind == CSM_STORE_JOB_OPEN)
    {
      CsmStore *store = g_task_get_task_data (task);

      store->was_rebuilt = job->was_rebuilt;
      store->schema_version = job->schema_version;
      if (job->error != NULL)
        {
          g_mutex_lock (&store->lock);
          store->closing = TRUE;
          g_mutex_unlock (&store->lock);
        }
    }
  else if (job->kind == CSM_STORE_JOB_CLOSE)
    {
      CsmStore *store = g_task_get_source_object (task);

      /* The worker stops right after this job; wait for it here, where the
       * task keeps the store alive. */
      if (store->thread != NULL)
        g_thread_join (g_steal_pointer (&store->thread));
    }

  if (job->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&job->error));
      return G_SOURCE_REMOVE;
    }

  switch (job->kind)
    {
    case CSM_STORE_JOB_OPEN:
      g_task_return_pointer (task, g_object_ref (g_task_get_task_data (task)), g_object_unref);
      break;
    case CSM_STORE_JOB_LOAD:
      g_task_return_pointer (task, g_steal_pointer (&job->snapshot),
                             (GDestroyNotify) csm_store_snapshot_free);
      break;
    case CSM_STORE_JOB_COMMIT:
      g_task_return_pointer (task, g_steal_pointer (&job->metrics), (GDestroyNotify) g_array_unref);
      break;
    case CSM_STORE_JOB_HISTORY:
    case CSM_STORE_JOB_TRANSACTIONS_BETWEEN:
    case CSM_STORE_JOB_OUTBOX_LIST:
      g_task_return_pointer (task, g_steal_pointer (&job->history),
                             (GDestroyNotify) g_ptr_array_unref);
      break;
    case CSM_STORE_JOB_OUTBOX_ADD:
      g_task_return_int (task, job->new_id);
      break;
    case CSM_STORE_JOB_OUTBOX_UPDATE:
    case CSM_STORE_JOB_OUTBOX_REMOVE:
      g_task_return_boolean (task, TRUE);
      break;
    case CSM_STORE_JOB_CLOSE:
      g_task_return_boolean (task, TRUE);
      break;
    case CSM_STORE_JOB_QUIT:
    default:
      g_assert_not_reached ();
    }

  return G_SOURCE_REMOVE;
}

/* Hands a finished job back to its task's main context; the job, and with
 * it the task, is freed there. */
static void
csm_store_job_complete (CsmStoreJob *job)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[csm-store] job done");
  g_source_set_callback (source, csm_store_job_return_cb, job, csm_store_job_free);
  g_source_attach (source, g_task_get_context (job->task));
  g_source_unref (source);
}

/* Runs one job on the worker thread. Returns FALSE when the worker stops. */
static gboolean
csm_store_worker_run_job (CsmStoreWorker *worker,
                          CsmStoreJob    *job)
{
  gboolean keep_running = TRUE;

  /* A job cancelled before it starts does not touch the database. Closing
   * always happens. */
  if (job->kind != CSM_STORE_JOB_CLOSE && job->kind != CSM_STORE_JOB_QUIT &&
      g_cancellable_set_error_if_cancelled (job->cancellable, &job->error))
    {
      keep_running = job->kind != CSM_STORE_JOB_OPEN;
    }
  else if (job->kind != CSM_STORE_JOB_OPEN && job->kind != CSM_STORE_JOB_QUIT &&
           worker->db == NULL)
    {
      g_set_error (&job->error, CSM_STORE_ERROR, CSM_STORE_ERROR_CLOSED,
                   _("The helpdesk cache is closed."));
      keep_running = job->kind != CSM_STORE_JOB_CLOSE;
    }
  else
    {
      switch (job->kind)
        {
        case CSM_STORE_JOB_OPEN:
          keep_running = csm_store_worker_open (worker, &job->error);
          job->was_rebuilt = worker->was_rebuilt;
          job->schema_version = keep_running ? CSM_STORE_SCHEMA_VERSION : 0;
          break;
        case CSM_STORE_JOB_LOAD:
          job->snapshot = csm_store_worker_load (worker, job->cancellable, &job->error);
          break;
        case CSM_STORE_JOB_COMMIT:
          job->metrics = g_array_new (FALSE, FALSE, sizeof (CsmStoreMetrics));
          csm_store_worker_commit (worker, job->batch, job->metrics, &job->error);
          break;
        case CSM_STORE_JOB_HISTORY:
          job->history = csm_store_worker_load_history (worker, job->ticket_id, &job->error);
          break;
        case CSM_STORE_JOB_TRANSACTIONS_BETWEEN:
          job->history = csm_store_worker_load_transactions_between (worker, job->from, job->to,
                                                                     job->cancellable,
                                                                     &job->error);
          break;
        case CSM_STORE_JOB_OUTBOX_ADD:
          csm_store_worker_outbox_add (worker, job->entry, &job->new_id, &job->error);
          break;
        case CSM_STORE_JOB_OUTBOX_LIST:
          job->history = csm_store_worker_outbox_list (worker, &job->error);
          break;
        case CSM_STORE_JOB_OUTBOX_UPDATE:
          csm_store_worker_outbox_update (worker, job->entry, &job->error);
          break;
        case CSM_STORE_JOB_OUTBOX_REMOVE:
          csm_store_worker_outbox_remove (worker, job->entry->id, &job->error);
          break;
        case CSM_STORE_JOB_CLOSE:
        case CSM_STORE_JOB_QUIT:
          csm_store_worker_close (worker, &job->error);
          keep_running = FALSE;
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (job->task != NULL)
    csm_store_job_complete (job);
  else
    csm_store_job_free (job);

  return keep_running;
}

static gpointer
csm_store_worker_main (gpointer data)
{
  CsmStoreWorker *worker = data;
  CsmStoreJob *job;

  while (csm_store_worker_run_job (worker, g_async_queue_pop (worker->queue)))
    ;

  /* Nothing can be queued after a close; after a failed open nobody has the
   * store. Anything left is answered rather than dropped. */
  while ((job = g_async_queue_try_pop (worker->queue)) != NULL)
    {
      if (job->task == NULL)
        {
          csm_store_job_free (job);
          continue;
        }
      g_set_error (&job->error, CSM_STORE_ERROR, CSM_STORE_ERROR_CLOSED,
                   _("The helpdesk cache is closed."));
      csm_store_job_complete (job);
    }

  csm_store_worker_free (worker);
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/* Queues @job, or answers it with CLOSED once the store is closing. Takes
 * ownership of @job. */
static void
csm_store_submit (CsmStore    *self,
                  CsmStoreJob *job)
{
  g_mutex_lock (&self->lock);
  if (!self->closing)
    {
      if (job->kind == CSM_STORE_JOB_CLOSE)
        self->closing = TRUE;
      g_async_queue_push (self->queue, job);
      g_mutex_unlock (&self->lock);
      return;
    }
  g_mutex_unlock (&self->lock);

  g_task_return_new_error (job->task, CSM_STORE_ERROR, CSM_STORE_ERROR_CLOSED,
                           _("The helpdesk cache is closed."));
  csm_store_job_free (job);
}

/**
 * csm_store_path_for_account:
 * @account_id: the account's id (csm_account_get_id())
 *
 * Returns: (transfer full): where the account's cache lives
 */
char *
csm_store_path_for_account (const char *account_id)
{
  g_autofree char *file_name = NULL;

  g_return_val_if_fail (account_id != NULL && *account_id != '\0', NULL);
  g_return_val_if_fail (strchr (account_id, G_DIR_SEPARATOR) == NULL, NULL);
  g_return_val_if_fail (account_id[0] != '.', NULL);

  file_name = g_strconcat (account_id, ".sqlite", NULL);
  return g_build_filename (g_get_user_data_dir (), "csm-console", "cache", file_name, NULL);
}

/**
 * csm_store_open_async:
 * @path: (nullable): the cache file, its folders created (mode 0700); or
 *   %NULL for a cache that lives in memory only and is gone once closed
 *   (the demo, the command line, or when the file cannot be used)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context
 * @user_data: data for @callback
 *
 * Opens the cache, creating or migrating its schema. A damaged file is moved
 * aside and replaced by an empty cache (see csm_store_get_was_rebuilt()); a
 * file from a newer console fails with %CSM_STORE_ERROR_TOO_NEW and is left
 * untouched.
 */
void
csm_store_open_async (const char          *path,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CsmStore) self = NULL;
  g_autoptr(GError) error = NULL;
  CsmStoreWorker *worker;

  g_return_if_fail (path == NULL || *path != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_store_open_async);

  self = g_object_new (CSM_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  g_task_set_task_data (task, g_object_ref (self), g_object_unref);

  worker = csm_store_worker_new (path, self->queue);
  self->thread = g_thread_try_new ("csm-store", csm_store_worker_main, worker, &error);
  if (self->thread == NULL)
    {
      csm_store_worker_free (worker);
      self->closing = TRUE;
      g_task_return_new_error (task, CSM_STORE_ERROR, CSM_STORE_ERROR_OPEN,
                               _("Could not start the helpdesk cache: %s"), error->message);
      return;
    }

  csm_store_submit (self, csm_store_job_new (CSM_STORE_JOB_OPEN, task));
}

/**
 * csm_store_open_finish:
 *
 * Returns: (transfer full): the open store
 */
CsmStore *
csm_store_open_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_store_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * csm_store_get_path:
 *
 * Returns: (nullable): the cache file, or %NULL for a cache in memory
 */
const char *
csm_store_get_path (CsmStore *self)
{
  g_return_val_if_fail (CSM_IS_STORE (self), NULL);

  return self->path;
}

/**
 * csm_store_get_was_rebuilt:
 *
 * Returns: %TRUE if the file was damaged when opened and the store started
 *   again from an empty cache (the old file is kept as `<path>.corrupt-<time>`)
 */
gboolean
csm_store_get_was_rebuilt (CsmStore *self)
{
  g_return_val_if_fail (CSM_IS_STORE (self), FALSE);

  return self->was_rebuilt;
}

int
csm_store_get_schema_version (CsmStore *self)
{
  g_return_val_if_fail (CSM_IS_STORE (self), 0);

  return self->schema_version;
}

/**
 * csm_store_load_async:
 * @cancellable: (nullable): a #GCancellable
 *
 * Reads everything the cache holds. The objects are built on the worker
 * thread and handed over whole.
 */
void
csm_store_load_async (CsmStore            *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CSM_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_store_load_async);

  csm_store_submit (self, csm_store_job_new (CSM_STORE_JOB_LOAD, task));
}

/**
 * csm_store_load_finish:
 *
 * Returns: (transfer full): the snapshot; free it with csm_store_snapshot_free()
 */
CsmStoreSnapshot *
csm_store_load_finish (CsmStore      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (CSM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_store_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * csm_store_commit_async:
 * @batch: (transfer full): the writes; the store owns the batch from now on
 * @cancellable: (nullable): cancels the commit only if it has not started
 *
 * Writes @batch in one SQLite transaction: all of it lands, or none of it.
 */
void
csm_store_commit_async (CsmStore            *self,
                        CsmStoreBatch       *batch,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CsmStoreJob *job;

  g_return_if_fail (CSM_IS_STORE (self));
  g_return_if_fail (batch != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_store_commit_async);
  /* Once started, a commit is not interrupted: its result must say whether
   * the data landed, even if the cancellable fired in the meantime. */
  g_task_set_check_cancellable (task, FALSE);

  job = csm_store_job_new (CSM_STORE_JOB_COMMIT, task);
  job->batch = batch;
  csm_store_submit (self, job);
}

/**
 * csm_store_commit_finish:
 * @out_metrics: (out) (optional) (transfer full) (element-type CsmStoreMetrics):
 *   the tickets whose metrics the commit changed
 *
 * Returns: whether the batch landed
 */
gboolean
csm_store_commit_finish (CsmStore      *self,
                         GAsyncResult  *result,
                         GArray       **out_metrics,
                         GError       **error)
{
  g_autoptr(GArray) metrics = NULL;

  g_return_val_if_fail (CSM_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_store_commit_async, FALSE);

  metrics = g_task_propagate_pointer (G_TASK (result), error);
  if (metrics == NULL)
    return FALSE;
  if (out_metrics != NULL)
    *out_metrics = g_steal_pointer (&metrics);
  return TRUE;
}

/**
 * csm_store_load_history_async:
 * @ticket_id: the ticket
 * @cancellable: (nullable): a #GCancellable
 *
 * Reads the whole history the cache holds of one ticket.
 */
void
csm_store_load_history_async (CsmStore            *self,
                              gint64               ticket_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CsmStoreJob *job;

  g_return_if_fail (CSM_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_store_load_history_async);

  job = csm_store_job_new (CSM_STORE_JOB_HISTORY, task);
  job->ticket_id = ticket_id;
  csm_store_submit (self, job);
}

/**
 * csm_store_load_history_finish:
 *
 * Returns: (transfer container) (element-type CsmTransaction): the
 *   ticket's transactions by id; empty when the cache holds none
 */
GPtrArray *
csm_store_load_history_finish (CsmStore      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (CSM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_store_load_history_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * csm_store_load_transactions_between_async:
 * @from: the first instant (unix seconds), included
 * @to: the end (unix seconds), excluded
 * @cancellable: (nullable): a #GCancellable
 *
 * Reads the transactions the cache holds whose Created lies in [@from,
 * @to), whatever their ticket: a day of activity for the Agents page.
 */
void
csm_store_load_transactions_between_async (CsmStore            *self,
                                           gint64               from,
                                           gint64               to,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CsmStoreJob *job;

  g_return_if_fail (CSM_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_store_load_transactions_between_async);

  job = csm_store_job_new (CSM_STORE_JOB_TRANSACTIONS_BETWEEN, task);
  job->from = from;
  job->to = to;
  csm_store_submit (self, job);
}

/**
 * csm_store_load_transactions_between_finish:
 *
 * Returns: (transfer container) (element-type CsmTransaction): ordered by
 *   Created, then id; empty when there are none
 */
GPtrArray *
csm_store_load_transactions_between_finish (CsmStore      *self,
                                            GAsyncResult  *result,
                                            GError       **error)
{
  g_return_val_if_fail (CSM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        csm_store_load_transactions_between_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Outbox writes, once started, report what really happened (like commits). */
static GTask *
csm_store_outbox_task_new (CsmStore            *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data,
                           gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);
  return task;
}

/**
 * csm_store_outbox_add_async:
 * @ticket_id: the ticket to change
 * @field: "Owner" or "Status"
 * @value: the new value
 * @previous: (nullable): the value the user saw before
 * @queued: when the user acted (unix seconds)
 * @cancellable: (nullable): cancels only if the worker has not started it
 *
 * Adds a pending write to the outbox. The callback runs once the entry is
 * committed and synced to disk.
 */
void
csm_store_outbox_add_async (CsmStore            *self,
                            gint64               ticket_id,
                            const char          *field,
                            const char          *value,
                            const char          *previous,
                            gint64               queued,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CsmStoreJob *job;

  g_return_if_fail (CSM_IS_STORE (self));
  g_return_if_fail (field != NULL);
  g_return_if_fail (value != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = csm_store_outbox_task_new (self, cancellable, callback, user_data,
                                    csm_store_outbox_add_async);
  job = csm_store_job_new (CSM_STORE_JOB_OUTBOX_ADD, task);
  job->entry = g_new0 (CsmOutboxEntry, 1);
  job->entry->ticket_id = ticket_id;
  job->entry->field = g_strdup (field);
  job->entry->value = g_strdup (value);
  job->entry->previous = g_strdup (previous);
  job->entry->queued = queued;
  csm_store_submit (self, job);
}

/**
 * csm_store_outbox_add_finish:
 *
 * Returns: the new entry's id, or 0 on error
 */
gint64
csm_store_outbox_add_finish (CsmStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize id;

  g_return_val_if_fail (CSM_IS_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_store_outbox_add_async, 0);

  id = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  return id;
}

/**
 * csm_store_outbox_list_async:
 * @cancellable: (nullable): a #GCancellable
 *
 * Reads the outbox entries that are not done (pending, sending, failed).
 */
void
csm_store_outbox_list_async (CsmStore            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CSM_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_store_outbox_list_async);
  csm_store_submit (self, csm_store_job_new (CSM_STORE_JOB_OUTBOX_LIST, task));
}

/**
 * csm_store_outbox_list_finish:
 *
 * Returns: (transfer container) (element-type CsmOutboxEntry): oldest first
 */
GPtrArray *
csm_store_outbox_list_finish (CsmStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CSM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_store_outbox_list_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * csm_store_outbox_update_async:
 * @entry: the entry: its attempts, next_attempt, state and error are saved
 *   (the write itself never changes)
 * @cancellable: (nullable): cancels only if the worker has not started it
 *
 * Saves where an entry stands, synced to disk before the callback.
 */
void
csm_store_outbox_update_async (CsmStore             *self,
                               const CsmOutboxEntry *entry,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  CsmStoreJob *job;

  g_return_if_fail (CSM_IS_STORE (self));
  g_return_if_fail (entry != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = csm_store_outbox_task_new (self, cancellable, callback, user_data,
                                    csm_store_outbox_update_async);
  job = csm_store_job_new (CSM_STORE_JOB_OUTBOX_UPDATE, task);
  job->entry = csm_outbox_entry_copy (entry);
  csm_store_submit (self, job);
}

gboolean
csm_store_outbox_update_finish (CsmStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (CSM_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_store_outbox_update_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * csm_store_outbox_remove_async:
 * @id: the entry's id; removing an id that is not there is not an error
 * @cancellable: (nullable): cancels only if the worker has not started it
 */
void
csm_store_outbox_remove_async (CsmStore            *self,
                               gint64               id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CsmStoreJob *job;

  g_return_if_fail (CSM_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = csm_store_outbox_task_new (self, cancellable, callback, user_data,
                                    csm_store_outbox_remove_async);
  job = csm_store_job_new (CSM_STORE_JOB_OUTBOX_REMOVE, task);
  job->entry = g_new0 (CsmOutboxEntry, 1);
  job->entry->id = id;
  csm_store_submit (self, job);
}

gboolean
csm_store_outbox_remove_finish (CsmStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (CSM_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_store_outbox_remove_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * csm_store_close_async:
 * @cancellable: (nullable): ignored: once asked, the store closes
 *
 * Finishes the jobs already started, marks the file as cleanly closed,
 * closes it and stops the worker thread. Later calls fail with
 * %CSM_STORE_ERROR_CLOSED, including a second close. Even when this reports
 * an error, the store is closed.
 */
void
csm_store_close_async (CsmStore            *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CSM_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, csm_store_close_async);
  g_task_set_check_cancellable (task, FALSE);

  csm_store_submit (self, csm_store_job_new (CSM_STORE_JOB_CLOSE, task));
}

gboolean
csm_store_close_finish (CsmStore      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (CSM_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == csm_store_close_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
