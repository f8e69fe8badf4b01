/* csm-db-sqlite.c: the workspace's SQL on an SQLite file (one reviewer, nothing to set up).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-workspace"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "csm-db.h"

typedef struct
{
  CsmDb parent;
  sqlite3 *handle;
} CsmDbSqlite;

static gboolean
set_error (CsmDbSqlite  *self,
           int           rc,
           GError      **error)
{
  int code = (rc & 0xff) == SQLITE_CONSTRAINT ? CSM_WORKSPACE_ERROR_CONFLICT
             : (rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_BUSY ||
               (rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR
             ? CSM_WORKSPACE_ERROR_UNAVAILABLE
             : CSM_WORKSPACE_ERROR_FAILED;

  g_set_error (error, CSM_WORKSPACE_ERROR, code, "%s",
               self->handle != NULL ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
sqlite_exec (CsmDb       *db,
             const char  *sql,
             GError     **error)
{
  CsmDbSqlite *self = (CsmDbSqlite *) db;
  int rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK ? TRUE : set_error (self, rc, error);
}

static CsmDbRows *
sqlite_query (CsmDb              *db,
              const char         *sql,
              const char * const *params,
              guint               n_params,
              GError            **error)
{
  CsmDbSqlite *self = (CsmDbSqlite *) db;
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  sqlite3_stmt *stmt = NULL;
  CsmDbRows *rows;
  guint n_rows = 0;
  int rc, n_cols;

  rc = sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_error (self, rc, error), NULL;
  for (guint i = 0; i < n_params; i++)
    {
      /* "$N" is the Nth parameter wherever it stands, as PostgreSQL reads
       * it: SQLite numbers named parameters in the order they first
       * appear. */
      char name[16];
      int index;

      g_snprintf (name, sizeof name, "$%u", i + 1);
      index = sqlite3_bind_parameter_index (stmt, name);
      /* A parameter the statement does not use binds nothing. */
      if (index == 0)
        continue;
      rc = params[i] != NULL ? sqlite3_bind_text (stmt, index, params[i], -1, SQLITE_TRANSIENT)
                             : sqlite3_bind_null (stmt, index);
      if (rc != SQLITE_OK)
        {
          set_error (self, rc, error);
          sqlite3_finalize (stmt);
          return NULL;
        }
    }
  n_cols = sqlite3_column_count (stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < n_cols; c++)
        g_ptr_array_add (values, sqlite3_column_type (stmt, c) == SQLITE_NULL
                                 ? NULL
                                 : g_strdup ((const char *) sqlite3_column_text (stmt, c)));
      n_rows++;
    }
  if (rc != SQLITE_DONE)
    {
      set_error (self, rc, error);
      sqlite3_finalize (stmt);
      g_ptr_array_set_free_func (values, g_free);
      return NULL;
    }
  sqlite3_finalize (stmt);
  rows = g_new0 (CsmDbRows, 1);
  rows->n_rows = n_rows;
  rows->n_cols = (guint) n_cols;
  rows->values = (char **) g_ptr_array_free (g_steal_pointer (&values), FALSE);
  return rows;
}

static void
sqlite_close (CsmDb *db)
{
  CsmDbSqlite *self = (CsmDbSqlite *) db;

  sqlite3_close (self->handle);
  g_free (self);
}

static const CsmDbClass sqlite_class = { "sqlite", sqlite_exec, sqlite_query, sqlite_close };

/**
 * csm_db_sqlite_open:
 * @path: the file, made with its folder (readable by the user alone) if
 *   there is none; ":memory:" for a database that lives as long as the
 *   connection
 *
 * Returns: (transfer full) (nullable): the connection, write-ahead logged
 *   and with foreign keys enforced
 */
CsmDb *
csm_db_sqlite_open (const char  *path,
                    GError     **error)
{
  CsmDbSqlite *self = g_new0 (CsmDbSqlite, 1);
  gboolean memory = g_strcmp0 (path, ":memory:") == 0;
  gboolean created;
  int rc;

  self->parent.klass = &sqlite_class;
  if (!memory)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;

          g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_UNAVAILABLE,
                       _("Cannot make the folder %s: %s"), dir, g_strerror (saved));
          g_free (self);
          return NULL;
        }
    }
  created = !memory && !g_file_test (path, G_FILE_TEST_EXISTS);
  rc = sqlite3_open_v2 (path, &self->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CSM_WORKSPACE_ERROR, CSM_WORKSPACE_ERROR_UNAVAILABLE,
                   _("Cannot open the workspace %s: %s"), path,
                   self->handle != NULL ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc));
      sqlite3_close (self->handle);
      g_free (self);
      return NULL;
    }
  /* Reviews are personal data: the file is its owner's alone. */
  if (created)
    g_chmod (path, 0600);
  sqlite3_busy_timeout (self->handle, 5000);
  if ((!memory && !sqlite_exec (&self->parent, "PRAGMA journal_mode=WAL", error)) ||
      !sqlite_exec (&self->parent, "PRAGMA foreign_keys=ON", error))
    {
      sqlite_close (&self->parent);
      return NULL;
    }
  return &self->parent;
}
