/* csm-store-schema.c: the schema, its migrations, the checks at open, moving a damaged file aside.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csm-store-private.h"

/*
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
  /* RT records a status change as type Status, or as Set on field Status. */
  [STMT_LOAD_STATUS_CHANGES] =
    "SELECT " TRANSACTION_COLUMNS " FROM transactions "
    "WHERE type = 'Status' COLLATE NOCASE OR field = 'Status' COLLATE NOCASE "
    "ORDER BY ticket_id, created, id",
  [STMT_OUTBOX_ADD] =
    "INSERT INTO outbox (ticket_id, field, value, previous, queued) VALUES (?1, ?2, ?3, ?4, ?5)",
  [STMT_OUTBOX_LIST] =
    "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE state != 2 ORDER BY id",
  [STMT_OUTBOX_UPDATE] =
    "UPDATE outbox SET attempts = ?2, next_attempt = ?3, state = ?4, error = ?5 WHERE id = ?1",
  [STMT_OUTBOX_REMOVE] = "DELETE FROM outbox WHERE id = ?1",
};

char *
_csm_store_marker_path (const char *path)
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
  g_autofree char *marker = _csm_store_marker_path (path);
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

/* Turns an SQLite failure during open into a GError. Any failure to read or
 * make sense of the schema means the file is not a cache this code can use,
 * and it is rebuilt: CORRUPT. */
static void
csm_store_worker_set_open_error (CsmStoreWorker  *worker,
                                 int              rc,
                                 GError         **error)
{
  const char *detail = _csm_store_worker_errmsg (worker, rc);

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
      *out_text = _csm_store_column_dup (stmt, 0);
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
    _csm_store_worker_rollback (worker);
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
  rc = _csm_store_worker_set_meta (worker, "clean-shutdown", "0");
  if (rc != SQLITE_OK)
    goto failed;

  return TRUE;

failed:
  csm_store_worker_set_open_error (worker, rc, error);
  return FALSE;
}

gboolean
_csm_store_worker_open (CsmStoreWorker  *worker,
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
          _csm_store_worker_close_db (worker);
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
      _csm_store_worker_close_db (worker);

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
          _csm_store_worker_close_db (worker);
          return FALSE;
        }
    }

  g_debug ("Opened %s in %.1f ms%s", worker->path, (g_get_monotonic_time () - begin) / 1000.0,
           worker->was_rebuilt ? " (rebuilt)" : "");
  return TRUE;
}
