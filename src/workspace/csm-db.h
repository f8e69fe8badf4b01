/* csm-db.h: the little SQL the workspace needs, the same for SQLite and PostgreSQL.
 *
 * One connection, used on one thread. Statements are written once, with
 * $1, $2, … in the order they appear (which both databases read), and
 * portable types (TEXT, INTEGER, BIGINT); parameters and results travel
 * as text, NULL for SQL NULL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CSM_WORKSPACE_ERROR (csm_workspace_error_quark ())

/**
 * CsmWorkspaceError:
 * @CSM_WORKSPACE_ERROR_UNAVAILABLE: the database cannot be reached or
 *   opened; what was queued waits
 * @CSM_WORKSPACE_ERROR_DENIED: the database refused (a role without the
 *   right)
 * @CSM_WORKSPACE_ERROR_CONFLICT: someone else changed it first
 * @CSM_WORKSPACE_ERROR_FAILED: anything else the database said
 * @CSM_WORKSPACE_ERROR_KEPT: not written yet: the workspace cannot be
 *   reached, and the change waits on this computer (its outbox) to be
 *   delivered
 */
typedef enum
{
  CSM_WORKSPACE_ERROR_UNAVAILABLE,
  CSM_WORKSPACE_ERROR_DENIED,
  CSM_WORKSPACE_ERROR_CONFLICT,
  CSM_WORKSPACE_ERROR_FAILED,
  CSM_WORKSPACE_ERROR_KEPT,
} CsmWorkspaceError;

GQuark csm_workspace_error_quark (void);

typedef struct _CsmDb CsmDb;

/**
 * CsmDbRows:
 * @values: n_rows × n_cols texts, row by row; NULL for SQL NULL
 */
typedef struct
{
  guint n_rows;
  guint n_cols;
  char **values;
} CsmDbRows;

typedef struct
{
  const char *name;
  gboolean   (*exec)  (CsmDb               *db,
                       const char          *sql,
                       GError             **error);
  CsmDbRows *(*query) (CsmDb               *db,
                       const char          *sql,
                       const char * const  *params,
                       guint                n_params,
                       GError             **error);
  void       (*close) (CsmDb               *db);
} CsmDbClass;

struct _CsmDb
{
  const CsmDbClass *klass;
};

CsmDb      *csm_db_sqlite_open   (const char          *path,
                                  GError             **error);
CsmDb      *csm_db_pg_open       (const char          *uri,
                                  const char          *user,
                                  const char          *password,
                                  GError             **error);
char       *csm_db_pg_encrypt_password (CsmDb        *db,
                                        const char   *role,
                                        const char   *password);
gboolean    csm_db_is_postgresql_uri (const char      *location);
char       *csm_db_redact_location   (const char      *location);
gboolean    csm_db_begin_write       (CsmDb           *db,
                                      GError         **error);

gboolean    csm_db_exec          (CsmDb               *db,
                                  const char          *sql,
                                  GError             **error);
CsmDbRows  *csm_db_query         (CsmDb               *db,
                                  const char          *sql,
                                  const char * const  *params,
                                  guint                n_params,
                                  GError             **error);
void        csm_db_close         (CsmDb               *db);
const char *csm_db_get_name      (CsmDb               *db);

const char *csm_db_rows_get      (const CsmDbRows     *rows,
                                  guint                row,
                                  guint                col);
gint64      csm_db_rows_get_int  (const CsmDbRows     *rows,
                                  guint                row,
                                  guint                col);
void        csm_db_rows_free     (CsmDbRows           *rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmDbRows, csm_db_rows_free)

G_END_DECLS
