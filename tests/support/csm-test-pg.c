/* csm-test-pg.c: a throw-away PostgreSQL cluster for tests: Debian's server, in a temporary folder, on 127.0.0.1, as an unprivileged user.
 *
 * initdb makes the cluster with a superuser whose random password never
 * leaves this process (a file only the server's user reads); the server
 * listens on a free loopback port and on a socket in the folder; stopping
 * sends the postmaster, by pid, a fast shutdown and waits for it. Run as
 * root (CI), the server runs as nobody: PostgreSQL refuses root.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <libpq-fe.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "csm-test-async.h"
#include "csm-test-pg.h"
#include "csm-workspace.h"

#define NOBODY 65534

struct _CsmTestPg
{
  char *dir;
  char *bindir;
  char *password;
  int port;
  GPid pid;
};

static char *
find_bindir (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  g_autofree char *best = NULL;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *postgres = g_build_filename ("/usr/lib/postgresql", name, "bin", "postgres",
                                                    NULL);

      if (g_file_test (postgres, G_FILE_TEST_IS_EXECUTABLE) &&
          (best == NULL || g_ascii_strtoll (name, NULL, 10) > g_ascii_strtoll (best, NULL, 10)))
        {
          g_free (best);
          best = g_strdup (name);
        }
    }
  return best != NULL ? g_build_filename ("/usr/lib/postgresql", best, "bin", NULL) : NULL;
}

static int
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* As root, the server's programs run as nobody; and the server goes
 * when the test does, even one that aborts (the setting survives exec,
 * not a change of user: it is made after). */
static void
drop_root (gpointer data)
{
  if (geteuid () == 0 && (setgroups (0, NULL) != 0 || setgid (NOBODY) != 0 ||
                          setuid (NOBODY) != 0))
    _exit (127);
  prctl (PR_SET_PDEATHSIG, SIGINT);
}

static void
chown_for_server (const char *path)
{
  if (geteuid () == 0 && chown (path, NOBODY, NOBODY) != 0)
    g_error ("cannot give %s to nobody: %s", path, g_strerror (errno));
}

/* A real connection as the superuser: the server is ours, and up. */
static gboolean
accepts (CsmTestPg *pg)
{
  g_autofree char *port = g_strdup_printf ("%d", pg->port);
  const char *keywords[] = { "host", "port", "dbname", "user", "password", "connect_timeout",
                             NULL };
  const char *values[] = { "127.0.0.1", port, "postgres", CSM_TEST_PG_SUPERUSER, pg->password,
                           "2", NULL };
  PGconn *conn = PQconnectdbParams (keywords, values, 0);
  gboolean ok = PQstatus (conn) == CONNECTION_OK;

  PQfinish (conn);
  return ok;
}

/* Starts the server on a free port; FALSE if it ended (another process
 * took the port between the look and the start, as a rule). */
static gboolean
start_server (CsmTestPg  *pg,
              const char *data,
              const char *log,
              int         port_wanted)
{
  g_autofree char *postgres = g_build_filename (pg->bindir, "postgres", NULL);
  g_autofree char *port = NULL;
  g_autoptr(GError) error = NULL;
  int log_fd = g_open (log, O_WRONLY | O_CREAT | O_APPEND, 0600);
  int status;

  g_assert_cmpint (log_fd, >=, 0);
  pg->port = port_wanted > 0 ? port_wanted : free_port ();
  port = g_strdup_printf ("%d", pg->port);
  {
    const char *argv[] = { postgres, "-D", data, "-p", port, "-k", pg->dir,
                           "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
                           "-c", "max_connections=60", NULL };

    g_assert_true (g_spawn_async_with_fds (pg->dir, (char **) argv, NULL,
                                           G_SPAWN_DO_NOT_REAP_CHILD, drop_root, NULL, &pg->pid,
                                           -1, log_fd, log_fd, &error));
    g_assert_no_error (error);
  }
  close (log_fd);
  for (guint i = 0; i < 300; i++)
    {
      if (waitpid (pg->pid, &status, WNOHANG) == pg->pid)
        {
          g_spawn_close_pid (pg->pid);
          pg->pid = 0;
          return FALSE;
        }
      if (accepts (pg))
        return TRUE;
      g_usleep (G_USEC_PER_SEC / 10);
    }
  return FALSE;
}

/**
 * csm_test_pg_start:
 *
 * Fails the test (it does not skip) when Debian's server is not
 * installed: the test run installs it.
 *
 * Returns: (transfer full): the running cluster
 */
CsmTestPg *
csm_test_pg_start (void)
{
  CsmTestPg *pg = g_new0 (CsmTestPg, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *pwfile = NULL;
  g_autofree char *initdb = NULL;
  g_autofree char *log = NULL;
  g_autofree char *err = NULL;
  gboolean started = FALSE;
  int status;

  pg->bindir = find_bindir ();
  if (pg->bindir == NULL)
    g_error ("PostgreSQL's server is not installed (Debian's postgresql): "
             "build-aux/deps.sh test installs it");
  pg->dir = g_dir_make_tmp ("csm-pg-XXXXXX", &error);
  g_assert_no_error (error);
  chown_for_server (pg->dir);
  pg->password = g_uuid_string_random ();
  pwfile = g_build_filename (pg->dir, "superuser-password", NULL);
  g_assert_true (g_file_set_contents_full (pwfile, pg->password, -1, G_FILE_SET_CONTENTS_NONE,
                                           0600, &error));
  chown_for_server (pwfile);
  data = g_build_filename (pg->dir, "data", NULL);
  initdb = g_build_filename (pg->bindir, "initdb", NULL);
  {
    const char *argv[] = { initdb, "-D", data, "-U", CSM_TEST_PG_SUPERUSER, "--pwfile", pwfile,
                           "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8",
                           "--no-instructions", NULL };

    g_assert_true (g_spawn_sync (pg->dir, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                                 drop_root, NULL, NULL, &err, &status, &error));
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("initdb failed: %s", err);
  }
  g_unlink (pwfile);

  log = g_build_filename (pg->dir, "server.log", NULL);
  for (guint attempt = 0; attempt < 3 && !started; attempt++)
    started = start_server (pg, data, log, 0);
  if (!started)
    {
      g_autofree char *text = NULL;

      g_file_get_contents (log, &text, NULL, NULL);
      g_error ("the test cluster did not start: %s", text != NULL ? text : "(no log)");
    }
  return pg;
}

/**
 * csm_test_pg_uri:
 * @database: a database of the cluster
 *
 * Returns: (transfer full): its postgresql:// URI, with no user or
 *   password (they are given apart)
 */
char *
csm_test_pg_uri (CsmTestPg  *pg,
                 const char *database)
{
  return g_strdup_printf ("postgresql://127.0.0.1:%d/%s", pg->port, database);
}

const char *
csm_test_pg_superuser_password (CsmTestPg *pg)
{
  return pg->password;
}

/* A connection as the superuser to @database; the test fails without. */
static PGconn *
superuser_connection (CsmTestPg  *pg,
                      const char *database)
{
  g_autofree char *port = g_strdup_printf ("%d", pg->port);
  const char *keywords[] = { "host", "port", "dbname", "user", "password", NULL };
  const char *values[] = { "127.0.0.1", port, database, CSM_TEST_PG_SUPERUSER, pg->password,
                           NULL };
  PGconn *conn = PQconnectdbParams (keywords, values, 0);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to the test cluster: %s", PQerrorMessage (conn));
  return conn;
}

/* Runs @sql as the superuser on @database; the test fails on an error. */
void
csm_test_pg_exec (CsmTestPg  *pg,
                  const char *database,
                  const char *sql)
{
  PGconn *conn = superuser_connection (pg, database);
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (conn);
}

/* The number @sql (a count) answers, as the superuser on @database. */
gint64
csm_test_pg_count (CsmTestPg  *pg,
                   const char *database,
                   const char *sql)
{
  PGconn *conn = superuser_connection (pg, database);
  PGresult *result = PQexec (conn, sql);
  gint64 n;

  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) != 1)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  n = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  PQfinish (conn);
  return n;
}

/* Stops the server (fast shutdown, by pid), keeping the cluster. */
void
csm_test_pg_pause (CsmTestPg *pg)
{
  int status;

  g_assert_cmpint (pg->pid, >, 0);
  kill (pg->pid, SIGINT);
  waitpid (pg->pid, &status, 0);
  g_spawn_close_pid (pg->pid);
  pg->pid = 0;
}

/* Starts the paused server again, on the same port. */
void
csm_test_pg_resume (CsmTestPg *pg)
{
  g_autofree char *data = g_build_filename (pg->dir, "data", NULL);
  g_autofree char *log = g_build_filename (pg->dir, "server.log", NULL);

  if (!start_server (pg, data, log, pg->port))
    g_error ("the test cluster did not start again on port %d", pg->port);
}

/* Stops the server it started, by pid, and removes the cluster. */
void
csm_test_pg_stop (CsmTestPg *pg)
{
  int status;

  if (pg == NULL)
    return;
  if (pg->pid > 0)
    {
      kill (pg->pid, SIGINT);      /* fast shutdown */
      waitpid (pg->pid, &status, 0);
      g_spawn_close_pid (pg->pid);
    }
  {
    const char *argv[] = { "rm", "-rf", pg->dir, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
  }
  g_free (pg->dir);
  g_free (pg->bindir);
  g_free (pg->password);
  g_free (pg);
}

/**
 * csm_test_pg_enable_tls:
 * @certificate: the server's certificate (PEM)
 * @key: its key
 *
 * The server offers TLS from now on, with @certificate: copies of both in
 * the cluster's folder, the server's own, and the configuration reloaded;
 * returns once a connection that requires TLS is taken.
 */
void
csm_test_pg_enable_tls (CsmTestPg  *pg,
                        const char *certificate,
                        const char *key)
{
  g_autofree char *cert_copy = g_build_filename (pg->dir, "server.crt", NULL);
  g_autofree char *key_copy = g_build_filename (pg->dir, "server.key", NULL);
  g_autofree char *text = NULL;
  g_autofree char *sql = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (certificate, &text, &length, &error));
  g_assert_true (g_file_set_contents_full (cert_copy, text, length, G_FILE_SET_CONTENTS_NONE,
                                           0644, &error));
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (key, &text, &length, &error));
  g_assert_true (g_file_set_contents_full (key_copy, text, length, G_FILE_SET_CONTENTS_NONE,
                                           0600, &error));
  g_assert_no_error (error);
  chown_for_server (cert_copy);
  chown_for_server (key_copy);
  sql = g_strdup_printf ("ALTER SYSTEM SET ssl_cert_file = '%s'", cert_copy);
  csm_test_pg_exec (pg, "postgres", sql);
  g_free (sql);
  sql = g_strdup_printf ("ALTER SYSTEM SET ssl_key_file = '%s'", key_copy);
  csm_test_pg_exec (pg, "postgres", sql);
  csm_test_pg_exec (pg, "postgres", "ALTER SYSTEM SET ssl = on");
  csm_test_pg_exec (pg, "postgres", "SELECT pg_reload_conf ()");
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *port = g_strdup_printf ("%d", pg->port);
      const char *keywords[] = { "host", "port", "dbname", "user", "password", "sslmode", NULL };
      const char *values[] = { "127.0.0.1", port, "postgres", CSM_TEST_PG_SUPERUSER,
                               pg->password, "require", NULL };
      PGconn *conn = PQconnectdbParams (keywords, values, 0);
      gboolean ok = PQstatus (conn) == CONNECTION_OK;

      PQfinish (conn);
      if (ok)
        return;
      g_usleep (G_USEC_PER_SEC / 20);
    }
  g_error ("the test cluster does not take TLS connections");
}

/**
 * csm_test_pg_team:
 * @before: (nullable): SQL run in the new database first (an older
 *   schema, say)
 * @members: (array length=n_members): person and group ("reviewer"…),
 *   each person's password "NAME-secret"
 *
 * Makes @database a team's QA workspace as its admin would, with
 * --workspace-init and --workspace-add-member, as the superuser.
 *
 * Returns: (transfer full): its URI
 */
char *
csm_test_pg_team (CsmTestPg          *pg,
                  const char         *database,
                  const char         *before,
                  const char * const (*members)[2],
                  guint               n_members)
{
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", database);
  char *uri = csm_test_pg_uri (pg, database);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CsmWorkspace) admin = NULL;
  g_autoptr(GError) error = NULL;

  csm_test_pg_exec (pg, "postgres", create);
  if (before != NULL)
    csm_test_pg_exec (pg, database, before);
  csm_workspace_open_full_async (uri, CSM_TEST_PG_SUPERUSER, pg->password, TRUE, NULL,
                                 csm_test_store_result, &result);
  admin = csm_workspace_open_finish (csm_test_await (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_members; i++)
    {
      g_autofree char *password = g_strdup_printf ("%s-secret", members[i][0]);

      g_clear_object (&result);
      csm_workspace_add_member_async (admin, members[i][0], members[i][1], password, NULL,
                                      csm_test_store_result, &result);
      g_assert_true (csm_workspace_add_member_finish (admin, csm_test_await (&result), &error));
      g_assert_no_error (error);
    }
  return uri;
}

/* A connection to @uri as @user, whose password is "USER-secret". */
static PGconn *
connect_as (const char *uri,
            const char *user)
{
  g_autofree char *password = g_strdup_printf ("%s-secret", user);
  const char *keywords[] = { "user", "password", "dbname", NULL };
  const char *values[] = { user, password, uri, NULL };
  PGconn *conn = PQconnectdbParams (keywords, values, 1);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s cannot connect: %s", user, PQerrorMessage (conn));
  return conn;
}

/**
 * csm_test_pg_run_as:
 * @n_rows: (out) (optional): the first column of the first row, for a
 *   query that answers a count
 *
 * Runs @sql on @uri as @user, over a plain libpq connection: what is
 * refused is refused by the database alone.
 *
 * Returns: (transfer full) (nullable): %NULL when it succeeds, else the
 *   SQLSTATE
 */
char *
csm_test_pg_run_as (const char *uri,
                    const char *user,
                    const char *sql,
                    int        *n_rows)
{
  PGconn *conn = connect_as (uri, user);
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);
  char *state = NULL;

  if (status == PGRES_TUPLES_OK && n_rows != NULL)
    *n_rows = PQntuples (result) > 0 ? atoi (PQgetvalue (result, 0, 0)) : 0;
  if (status == PGRES_COMMAND_OK && n_rows != NULL)
    *n_rows = atoi (PQcmdTuples (result));
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    state = g_strdup (PQresultErrorField (result, PG_DIAG_SQLSTATE));
  PQclear (result);
  PQfinish (conn);
  return state;
}

/* The count @sql answers (or the rows a command changed), as @user; the
 * test fails if it is refused. */
int
csm_test_pg_count_as (const char *uri,
                      const char *user,
                      const char *sql)
{
  g_autofree char *state = NULL;
  int n = -1;

  state = csm_test_pg_run_as (uri, user, sql, &n);
  if (state != NULL)
    g_error ("%s was refused “%s” (SQLSTATE %s)", user, sql, state);
  return n;
}

/* The test fails unless @user is refused @sql for want of privilege. */
void
csm_test_pg_assert_refused (const char *uri,
                            const char *user,
                            const char *sql)
{
  g_autofree char *state = csm_test_pg_run_as (uri, user, sql, NULL);

  /* 42501: insufficient privilege, also what a row-level security
   * policy's refusal says. */
  if (g_strcmp0 (state, "42501") != 0)
    g_test_fail_printf ("%s was not refused “%s” (SQLSTATE %s)", user, sql,
                        state != NULL ? state : "none: it succeeded");
}
