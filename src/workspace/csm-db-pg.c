/* csm-db-pg.c: the workspace's SQL on a PostgreSQL server a team shares, each person their own role.
 *
 * The connection is the person's: the server's roles and row-level
 * security decide what it may read and write (csm-workspace-pg.c sets
 * them up). TLS is used, and the server's certificate verified, whenever
 * the server offers it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>
#include <string.h>

#include "csm-db.h"

#define SYSTEM_AUTHORITIES "/etc/ssl/certs/ca-certificates.crt"

typedef struct
{
  CsmDb parent;
  PGconn *conn;
} CsmDbPg;

/* The server's words, and what they mean for the caller. */
static void
set_result_error (CsmDbPg   *self,
                  PGresult  *result,
                  GError   **error)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *message = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY)
                                       : NULL;
  int code = CSM_WORKSPACE_ERROR_FAILED;

  if (PQstatus (self->conn) == CONNECTION_BAD || (state != NULL && g_str_has_prefix (state, "08")))
    code = CSM_WORKSPACE_ERROR_UNAVAILABLE;
  else if (g_strcmp0 (state, "42501") == 0)
    code = CSM_WORKSPACE_ERROR_DENIED;
  else if (g_strcmp0 (state, "23505") == 0 || g_strcmp0 (state, "40001") == 0)
    code = CSM_WORKSPACE_ERROR_CONFLICT;
  if (message == NULL)
    message = PQerrorMessage (self->conn);
  if (error == NULL)
    return;
  g_set_error (error, CSM_WORKSPACE_ERROR, code, "%s", message);
  g_strchomp ((*error)->message);
}

static gboolean
pg_exec (CsmDb       *db,
         const char  *sql,
         GError     **error)
{
  CsmDbPg *self = (CsmDbPg *) db;
  PGresult *result = PQexec (self->conn, sql);
  ExecStatusType status = PQresultStatus (result);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

  if (!ok)
    set_result_error (self, result, error);
  PQclear (result);
  return ok;
}

static CsmDbRows *
pg_query (CsmDb              *db,
          const char         *sql,
          const char * const *params,
          guint               n_params,
          GError            **error)
{
  CsmDbPg *self = (CsmDbPg *) db;
  PGresult *result = PQexecParams (self->conn, sql, (int) n_params, NULL, params, NULL, NULL, 0);
  ExecStatusType status = PQresultStatus (result);
  CsmDbRows *rows;

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      set_result_error (self, result, error);
      PQclear (result);
      return NULL;
    }
  rows = g_new0 (CsmDbRows, 1);
  rows->n_rows = (guint) PQntuples (result);
  rows->n_cols = (guint) PQnfields (result);
  rows->values = g_new0 (char *, (gsize) rows->n_rows * rows->n_cols + 1);
  for (guint r = 0; r < rows->n_rows; r++)
    for (guint c = 0; c < rows->n_cols; c++)
      if (!PQgetisnull (result, (int) r, (int) c))
        rows->values[r * rows->n_cols + c] = g_strdup (PQgetvalue (result, (int) r, (int) c));
  PQclear (result);
  return rows;
}

static void
pg_close (CsmDb *db)
{
  CsmDbPg *self = (CsmDbPg *) db;

  PQfinish (self->conn);
  g_free (self);
}

static const CsmDbClass pg_class = { "postgresql", pg_exec, pg_query, pg_close };

static gboolean
is_local (const char *host)
{
  return host == NULL || *host == '\0' || *host == '/' || g_str_equal (host, "localhost") ||
         g_str_has_prefix (host, "127.") || g_str_equal (host, "::1");
}

/* The server's notices (a policy dropped that was not there) are not for
 * the console's users. */
static void
ignore_notice (void       *data,
               const char *message)
{
}

/**
 * csm_db_pg_encrypt_password:
 *
 * Returns: (transfer full) (nullable): @password as the verifier the
 *   server keeps (SCRAM), made here: the password itself never goes to
 *   the server in a statement, nor to its log
 */
char *
csm_db_pg_encrypt_password (CsmDb      *db,
                            const char *role,
                            const char *password)
{
  CsmDbPg *self = (CsmDbPg *) db;
  char *verifier = PQencryptPasswordConn (self->conn, password, role, NULL);
  char *copy = verifier != NULL ? g_strdup (verifier) : NULL;

  PQfreemem (verifier);
  return copy;
}

static PGconn *
connect_with (const char *uri,
              const char *user,
              const char *password,
              const char *sslmode)
{
  g_autofree char *own = g_build_filename (g_get_home_dir (), ".postgresql", "root.crt", NULL);
  /* libpq 15 looks for authorities in ~/.postgresql/root.crt alone: the
   * person's own when there are (named here, as the home GLib knows),
   * else the system's. */
  const char *authorities = g_file_test (own, G_FILE_TEST_EXISTS) ? own : SYSTEM_AUTHORITIES;
  /* A network that drops silently ends the connection within about 30 s
   * (TCP keepalives, and unacknowledged data), instead of holding the
   * workspace's worker: the outbox keeps what could not be sent. */
  const char *keywords[] = { "user", "password", "sslmode", "sslrootcert", "connect_timeout",
                             "keepalives", "keepalives_idle", "keepalives_interval",
                             "keepalives_count", "tcp_user_timeout", "application_name",
                             "dbname", NULL };
  const char *values[] = { user, password, sslmode, authorities, "10", "1", "15", "5", "3",
                           "30000", "csm-console", uri, NULL };

  /* dbname holds the whole URI (expand_dbname), last: what the URI says
   * wins over @user, @password and the TLS mode before it. A NULL user or
   * password is ignored, leaving libpq's own ways (~/.pgpass). */
  return PQconnectdbParams (keywords, values, 1);
}

/**
 * csm_db_pg_open:
 * @uri: a postgresql:// URI
 * @user: (nullable): the role to connect as, when the URI names none
 * @password: (nullable): its password (else libpq's own ways: ~/.pgpass)
 *
 * Connects with TLS and the server's certificate verified against the
 * system's authorities when the server offers TLS; without, when it offers
 * none (a server on this machine, as a rule).
 *
 * Returns: (transfer full) (nullable): the connection
 */
CsmDb *
csm_db_pg_open (const char  *uri,
                const char  *user,
                const char  *password,
                GError     **error)
{
  CsmDbPg *self = g_new0 (CsmDbPg, 1);

  self->parent.klass = &pg_class;
  self->conn = connect_with (uri, user, password, "verify-full");
  /* Without TLS only on this machine (a loopback address or a socket),
   * where nobody is in the middle to deny that the server offers it; a
   * URI's own sslmode always wins. */
  if (PQstatus (self->conn) != CONNECTION_OK && is_local (PQhost (self->conn)))
    {
      PQfinish (self->conn);
      self->conn = connect_with (uri, user, password, "prefer");
    }
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *message = g_strdup (PQerrorMessage (self->conn));
      gboolean denied = PQconnectionNeedsPassword (self->conn) ||
                        PQconnectionUsedPassword (self->conn);

      g_strchomp (message);
      g_set_error (error, CSM_WORKSPACE_ERROR,
                   denied ? CSM_WORKSPACE_ERROR_DENIED : CSM_WORKSPACE_ERROR_UNAVAILABLE,
                   _("Cannot connect to the workspace: %s"), message);
      pg_close (&self->parent);
      return NULL;
    }
  PQsetNoticeProcessor (self->conn, ignore_notice, NULL);
  return &self->parent;
}
