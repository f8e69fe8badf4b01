/* store-test-util.h: what the store's tests share: a cache per test, waiting on it, test data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "csm-store.h"
#include "csm-ticket-metrics.h"
#include "csm-transaction.h"

G_BEGIN_DECLS

#define ACCOUNT_ID "0123456789abcdef"
#define T0 1700000000

/* Each test keeps its cache in a directory of its own, removed afterwards;
 * it waits for results on the default main context, which the teardown
 * drains. (Not G_TEST_OPTION_ISOLATE_DIRS: GLib leaks the previous test's
 * directory names on purpose, and the sanitizer run could only tell those
 * apart from our own leaks by unwinding every allocation fully.) */
typedef struct
{
  char *dir;
  char *path;   /* the cache, in folders that do not exist yet */
} Fixture;

#define STORE_TEST_ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
#define STORE_TEST_ADD_DATA(path, data, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (data), fixture_setup, func, fixture_teardown)

void                    fixture_setup            (Fixture              *f,
                                                  gconstpointer         data);
void                    fixture_teardown         (Fixture              *f,
                                                  gconstpointer         data);

/* The store's calls, waited for; the _ok ones assert that they worked. A
 * commit takes @batch, as csm_store_commit_async() does. */
CsmStore               *open_store               (const char           *path,
                                                  GError              **error);
CsmStore               *open_store_ok            (Fixture              *f);
CsmStoreSnapshot       *load                     (CsmStore             *store,
                                                  GError              **error);
CsmStoreSnapshot       *load_ok                  (CsmStore             *store);
gboolean                commit                   (CsmStore             *store,
                                                  CsmStoreBatch        *batch,
                                                  GError              **error);
void                    commit_ok                (CsmStore             *store,
                                                  CsmStoreBatch        *batch);
GArray                 *commit_metrics           (CsmStore             *store,
                                                  CsmStoreBatch        *batch);
GPtrArray              *load_history             (CsmStore             *store,
                                                  gint64                ticket_id);
GPtrArray              *load_histories           (CsmStore             *store,
                                                  GPtrArray            *tickets,
                                                  GPtrArray            *transactions);
GPtrArray              *load_between             (CsmStore             *store,
                                                  gint64                from,
                                                  gint64                to);
void                    close_ok                 (CsmStore             *store);
void                    close_and_release        (CsmStore            **store);
GPtrArray              *outbox_list              (CsmStore             *store);
gint64                  outbox_add               (CsmStore             *store,
                                                  gint64                ticket_id,
                                                  const char           *field,
                                                  const char           *value,
                                                  const char           *previous,
                                                  gint64                queued);
void                    outbox_update            (CsmStore             *store,
                                                  const CsmOutboxEntry *entry);
void                    outbox_remove            (CsmStore             *store,
                                                  gint64                id);

/* The file under the store, through SQLite's own API and as bytes. */
sqlite3                *raw_open                 (const char           *path);
gboolean                raw_exec                 (sqlite3              *db,
                                                  const char           *sql);
char                   *raw_text                 (sqlite3              *db,
                                                  const char           *sql);
void                    raw_change               (const char           *path,
                                                  const char           *sql);
char                   *raw_query                (const char           *path,
                                                  const char           *sql);
GBytes                 *read_file                (const char           *path);
void                    write_file               (const char           *path,
                                                  const guint8         *data,
                                                  gsize                 len);
void                    zero_pages               (const char           *path,
                                                  double                from,
                                                  double                to);
guint                   count_corrupt_copies     (const char           *path,
                                                  char                **out_last);

/* Test data. */
char                  **strv_new                 (const char           *first,
                                                  ...) G_GNUC_NULL_TERMINATED;
CsmTicket              *make_ticket              (gint64                id);
CsmTicket              *make_rich_ticket         (void);
CsmTicket              *make_sparse_ticket       (void);
CsmTransaction         *make_transaction         (gint64                id,
                                                  gint64                ticket_id,
                                                  CsmTransactionType    type);
GPtrArray              *ticket_array             (void);
GPtrArray              *transaction_array        (void);
GPtrArray              *agent_array              (const char           *first,
                                                  ...) G_GNUC_NULL_TERMINATED;
void                    populate                 (Fixture              *f,
                                                  guint                 n_tickets);
const CsmTicketMetrics *find_metrics             (GArray               *metrics,
                                                  gint64                ticket_id);
CsmTicket              *find_ticket              (GPtrArray            *tickets,
                                                  gint64                id);

/* Comparisons. */
gboolean                strv_same                (const char * const   *a,
                                                  const char * const   *b);
void                    assert_strv_same         (const char * const   *a,
                                                  const char * const   *b);
void                    assert_ticket_same       (CsmTicket            *a,
                                                  CsmTicket            *b);
void                    assert_tickets_same      (GPtrArray            *a,
                                                  GPtrArray            *b);
void                    assert_transactions_same (GPtrArray            *a,
                                                  GPtrArray            *b);
void                    assert_snapshots_same    (CsmStoreSnapshot     *a,
                                                  CsmStoreSnapshot     *b);
void                    assert_snapshot_empty    (CsmStoreSnapshot     *snapshot);
void                    assert_rebuilt_empty     (Fixture              *f);

G_END_DECLS
