/* csm-db.c: the little SQL the workspace needs, the same for SQLite and PostgreSQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-workspace"

#include "config.h"

#include <string.h>

#include "csm-db.h"

G_DEFINE_QUARK (csm-workspace-error-quark, csm_workspace_error)

gboolean
csm_db_exec (CsmDb       *db,
             const char  *sql,
             GError     **error)
{
  g_return_val_if_fail (db != NULL && sql != NULL, FALSE);
  return db->klass->exec (db, sql, error);
}

/**
 * csm_db_query:
 * @params: (array length=n_params) (nullable): texts, NULL for SQL NULL
 *
 * Runs one statement.
 *
 * Returns: (transfer full) (nullable): its rows (none for a statement
 *   without), or %NULL with @error set
 */
CsmDbRows *
csm_db_query (CsmDb              *db,
              const char         *sql,
              const char * const *params,
              guint               n_params,
              GError            **error)
{
  g_return_val_if_fail (db != NULL && sql != NULL, NULL);
  return db->klass->query (db, sql, params, n_params, error);
}

void
csm_db_close (CsmDb *db)
{
  if (db != NULL)
    db->klass->close (db);
}

const char *
csm_db_get_name (CsmDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);
  return db->klass->name;
}

const char *
csm_db_rows_get (const CsmDbRows *rows,
                 guint            row,
                 guint            col)
{
  g_return_val_if_fail (rows != NULL, NULL);
  g_return_val_if_fail (row < rows->n_rows && col < rows->n_cols, NULL);
  return rows->values[row * rows->n_cols + col];
}

/* A whole number, 0 for NULL or text that is none. */
gint64
csm_db_rows_get_int (const CsmDbRows *rows,
                     guint            row,
                     guint            col)
{
  const char *text = csm_db_rows_get (rows, row, col);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

void
csm_db_rows_free (CsmDbRows *rows)
{
  if (rows == NULL)
    return;
  for (guint i = 0; i < rows->n_rows * rows->n_cols; i++)
    g_free (rows->values[i]);
  g_free (rows->values);
  g_free (rows);
}

/**
 * csm_db_is_postgresql_uri:
 *
 * Returns: whether @location names a PostgreSQL server, not a file
 */
gboolean
csm_db_is_postgresql_uri (const char *location)
{
  return location != NULL && (g_str_has_prefix (location, "postgresql://") ||
                              g_str_has_prefix (location, "postgres://"));
}

/**
 * csm_db_redact_location:
 *
 * Returns: (transfer full): @location fit for a message: a password in a
 *   URI replaced by ***
 */
char *
csm_db_redact_location (const char *location)
{
  const char *scheme, *at, *colon;

  if (location == NULL)
    return NULL;
  scheme = strstr (location, "://");
  at = scheme != NULL ? strchr (scheme + 3, '@') : NULL;
  colon = scheme != NULL ? strchr (scheme + 3, ':') : NULL;
  if (at == NULL || colon == NULL || colon > at)
    return g_strdup (location);
  return g_strdup_printf ("%.*s:***%s", (int) (colon - location), location, at);
}

/**
 * csm_db_begin_write:
 *
 * Begins a transaction that will write: on SQLite it takes the write lock
 * at once, so two writers wait for each other instead of failing midway.
 */
gboolean
csm_db_begin_write (CsmDb   *db,
                    GError **error)
{
  return csm_db_exec (db, g_str_equal (csm_db_get_name (db), "sqlite") ? "BEGIN IMMEDIATE"
                                                                       : "BEGIN", error);
}
