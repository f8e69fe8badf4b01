/* csm-test-pg.h: a throw-away PostgreSQL cluster for tests: Debian's server, in a temporary folder, on 127.0.0.1, as an unprivileged user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CSM_TEST_PG_SUPERUSER "csm_super"

typedef struct _CsmTestPg CsmTestPg;

CsmTestPg  *csm_test_pg_start              (void);
char       *csm_test_pg_uri                (CsmTestPg  *pg,
                                            const char *database);
const char *csm_test_pg_superuser_password (CsmTestPg  *pg);
void        csm_test_pg_exec               (CsmTestPg  *pg,
                                            const char *database,
                                            const char *sql);
gint64      csm_test_pg_count              (CsmTestPg  *pg,
                                            const char *database,
                                            const char *sql);
void        csm_test_pg_pause              (CsmTestPg  *pg);
void        csm_test_pg_resume             (CsmTestPg  *pg);
void        csm_test_pg_stop               (CsmTestPg  *pg);
void        csm_test_pg_enable_tls         (CsmTestPg  *pg,
                                            const char *certificate,
                                            const char *key);
char       *csm_test_pg_team               (CsmTestPg  *pg,
                                            const char *database,
                                            const char *before,
                                            const char * const (*members)[2],
                                            guint       n_members);
char       *csm_test_pg_run_as             (const char *uri,
                                            const char *user,
                                            const char *sql,
                                            int        *n_rows);
int         csm_test_pg_count_as           (const char *uri,
                                            const char *user,
                                            const char *sql);
void        csm_test_pg_assert_refused     (const char *uri,
                                            const char *user,
                                            const char *sql);

G_END_DECLS
