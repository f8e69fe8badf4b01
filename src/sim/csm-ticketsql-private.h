/* csm-ticketsql-private.h: what the TicketSQL files share: trees, conditions, sorts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-ticketsql.h"

G_BEGIN_DECLS

/* Only csm-ticketsql*.c include this header: its short names (PNode, ENode,
 * Cond, OP_EQ, F_ID...) are that module's own vocabulary. */

#define TICKETS_PM      "/usr/share/request-tracker5/lib/RT/Tickets.pm"
#define TRANSACTIONS_PM "/usr/share/request-tracker5/lib/RT/Transactions.pm"

/* The token classes RT::SQL::Parse expects next, as a bit mask. */
enum
{
  W_VALUE = 1,
  W_AGGREG = 2,
  W_OP = 4,
  W_OPEN = 8,
  W_CLOSE = 16,
  W_KEYWORD = 32,
};

/* The parse tree, as RT::Interface::Web::QueryBuilder::Tree holds it. */
typedef struct _PNode PNode;

struct _PNode
{
  PNode *parent;
  gboolean leaf;
  /* group */
  char *aggregator;        /* "AND"/"OR" as written, NULL at the root until set */
  GPtrArray *children;
  /* leaf */
  char *key;               /* canonical field name, or NULL when unknown */
  char *subkey;
  char *op;
  char *value;
  int quoted;              /* 1 quoted, 0 bare word (column), -1 neither */
};

/* Field tables: canonical name and RT's type. */
typedef enum
{
  T_UNKNOWN,
  T_ID,
  T_INT,
  T_STRING,
  T_ENUM,
  T_QUEUE,
  T_DATE,
  T_WATCHER,
  T_CUSTOMFIELD,
  T_LIFECYCLE,
  T_TICKETFIELD,
  T_UNSUPPORTED,
} FieldType;

typedef enum
{
  F_NONE,
  /* tickets */
  F_ID, F_EFFECTIVE_ID, F_SUBJECT, F_STATUS, F_SLA, F_TYPE, F_QUEUE, F_OWNER, F_CREATOR,
  F_LAST_UPDATED_BY, F_PRIORITY, F_INITIAL_PRIORITY, F_FINAL_PRIORITY, F_TIME_WORKED,
  F_TIME_LEFT, F_TIME_ESTIMATED, F_CREATED, F_LAST_UPDATED, F_STARTS, F_STARTED, F_DUE,
  F_RESOLVED, F_TOLD, F_LIFECYCLE,
  /* watchers */
  F_REQUESTOR, F_CC, F_ADMINCC, F_WATCHER,
  F_CF,
  /* transactions */
  FX_ID, FX_OBJECT_ID, FX_OBJECT_TYPE, FX_TYPE, FX_FIELD, FX_OLD_VALUE, FX_NEW_VALUE, FX_DATA,
  FX_REFERENCE_TYPE, FX_OLD_REFERENCE, FX_NEW_REFERENCE, FX_CREATOR, FX_TIME_TAKEN, FX_CREATED,
} FieldId;

typedef struct
{
  const char *name;
  FieldType type;
  FieldId id;
} FieldInfo;

/* Compiled conditions: a tree of AND and OR over Cond leaves. */
typedef enum
{
  OP_EQ, OP_NE, OP_LT, OP_GT, OP_LE, OP_GE, OP_LIKE, OP_NOT_LIKE, OP_IS, OP_IS_NOT,
} Op;

typedef enum
{
  C_CONST,
  C_INT,           /* integer column: numeric, int-vs-text or LIKE on its text */
  C_STR,           /* string column, case-insensitive, NULL-aware */
  C_DATE,          /* date column */
  C_QUEUE_NAME,    /* queue name LIKE */
  C_USER_ATTR,     /* an attribute of the single user in a column (Owner) */
  C_WATCHER,       /* a role group */
  C_CF,
} CondKind;

typedef enum
{
  D_NULL,          /* IS NULL / IS NOT NULL through the "not set" function */
  D_DAY,           /* raw [t0, t1): "= date" */
  D_EPOCH,         /* "not set" function, then compare to t0 */
  D_TEXT,          /* "not set" function, then compare the SQL text */
  D_RAW_TEXT,      /* no function: compare the SQL text (TicketCreated in TxnSQL) */
} DateMode;

typedef enum
{
  A_ID, A_EMAIL, A_NAME, A_REALNAME, A_EMPTY,
} UserAttr;

typedef struct
{
  CondKind kind;
  FieldId field;
  Op op;
  gboolean via_ticket;     /* transaction condition on its ticket */
  gboolean result;         /* C_CONST */
  /* numbers */
  double number;
  gboolean text_value;     /* compared value is non-numeric text */
  /* strings / patterns, lower-cased */
  char *text;
  gboolean case_sensitive;
  gboolean null_literal;   /* bare NULL: SQL "= NULL" is never true */
  gboolean rt_ticket;      /* ObjectType = 'RT::Ticket', spelt exactly so */
  const char *status;      /* Status = / != : the world's interned status, compared by address */
  gboolean status_known;
  /* dates */
  DateMode date_mode;
  gint64 t0, t1;
  /* users / watchers */
  UserAttr attr;
  gboolean negative;
  guint roles;
  /* custom fields */
  gint64 cf_id;            /* 0: unknown CF */
  gboolean cf_multi;
  gboolean cf_large;       /* .LargeContent: always NULL here */
  /* planner hints */
  gboolean owner_eq;
  gboolean queue_eq;
  gboolean queue_range;
} Cond;

enum
{
  ROLE_REQUESTOR = 1 << 0,
  ROLE_CC = 1 << 1,
  ROLE_ADMINCC = 1 << 2,
  ROLE_OWNER = 1 << 3,
};

typedef enum
{
  N_AND,
  N_OR,
  N_LEAF,
} NodeKind;

typedef struct _ENode ENode;

struct _ENode
{
  NodeKind kind;
  GPtrArray *children;     /* ENode */
  Cond *cond;
};

struct _CsmTicketSql
{
  CsmSimWorld *world;
  CsmTicketSqlKind kind;
  gboolean empty;
  ENode *root;
  gint64 now;
  /* range hints for transaction searches (top-level AND conditions) */
  gint64 object_id;        /* > 0: only this ticket's history */
  gint64 min_id;
  gint64 max_id;
  gint64 min_created;      /* 0: none */
  /* transactions: a top-level ObjectType = 'RT::Ticket' makes RT check the
   * ticket rights in SQL (RT::Transactions' _is_ticket_only_search) */
  gboolean ticket_only;
  /* default ticket order */
  int planner;             /* 0 id, 1 owner, 2 queue */
};

/* One compilation: the first error wins. */
typedef struct
{
  CsmTicketSql *q;
  const char *query;
  gint64 current_user;
  GError *error;
} Compiler;

/* Sorting: orderby columns as keys, ties by id. */
typedef enum
{
  K_ID, K_INT_FIELD, K_STR_FIELD, K_DATE_FIELD, K_QUEUE_NAME, K_USER_NAME, K_CF,
  K_PLANNER_OWNER, K_PLANNER_QUEUE,
  K_TX_ID, K_TX_INT, K_TX_STR, K_TX_CREATED,
} KeyKind;

typedef struct
{
  KeyKind kind;
  FieldId field;
  gint64 cf_id;
  gboolean desc;
} SortKey;

struct _CsmTicketSqlOrder
{
  CsmSimWorld *world;
  CsmTicketSqlKind kind;
  gboolean valid;
  gboolean explicit_order;
  GArray *keys;            /* SortKey */
};

typedef struct
{
  CsmSimWorld *world;
  const GArray *keys;
  const SortKey *tie;      /* the last key: id ascending */
} SortContext;

/* csm-ticketsql-lexer.c */
guint    csm_ticketsql_token_class       (const char *token,
                                          guint       want);
gboolean csm_ticketsql_next_token        (const char *query,
                                          gsize      *pos,
                                          gsize      *start,
                                          gsize      *len);
char    *csm_ticketsql_token_class_names (guint       mask);
char    *csm_ticketsql_unquote           (const char *text);
gboolean csm_ticketsql_contains_delim    (const char *text);

/* csm-ticketsql-parser.c */
void        csm_ticketsql_pnode_free    (gpointer           data);
const char *csm_ticketsql_pm_file       (CsmTicketSqlKind   kind);
int         csm_ticketsql_pm_parse_line (CsmTicketSqlKind   kind);
PNode      *csm_ticketsql_parse_tree    (CsmTicketSqlKind   kind,
                                         const char        *query,
                                         GError           **error);

/* csm-ticketsql-fields.c */
const FieldInfo *csm_ticketsql_lookup_field       (CsmTicketSqlKind         kind,
                                                   const char              *name);
const FieldInfo *csm_ticketsql_lookup_field_exact (CsmTicketSqlKind         kind,
                                                   const char              *name);
gboolean         csm_ticketsql_is_ticket_column   (const char              *value);
gint64           csm_ticketsql_ticket_int         (const CsmSimTicket      *t,
                                                   FieldId                  field);
const char      *csm_ticketsql_ticket_string      (const CsmSimTicket      *t,
                                                   FieldId                  field);
gboolean         csm_ticketsql_ticket_date        (const CsmSimTicket      *t,
                                                   FieldId                  field,
                                                   gint64                  *value);
gint64           csm_ticketsql_txn_int            (const CsmSimTransaction *x,
                                                   FieldId                  field);
const char      *csm_ticketsql_txn_string         (const CsmSimTransaction *x,
                                                   FieldId                  field,
                                                   char                    *buffer,
                                                   gsize                    size);

/* csm-ticketsql-conditions.c */
void        csm_ticketsql_enode_free            (gpointer     data);
ENode      *csm_ticketsql_enode_new             (NodeKind     kind);
ENode      *csm_ticketsql_enode_leaf            (Cond        *cond);
ENode      *csm_ticketsql_enode_const           (gboolean     value);
void        csm_ticketsql_compile_fail          (Compiler    *c,
                                                 int          code,
                                                 const char  *file,
                                                 int          line,
                                                 const char  *format,
                                                 ...) G_GNUC_PRINTF (5, 6);
gboolean    csm_ticketsql_parse_op              (const char  *text,
                                                 Op          *op,
                                                 gboolean    *starts,
                                                 gboolean    *ends);
char       *csm_ticketsql_like_pattern          (const char  *value,
                                                 gboolean     starts,
                                                 gboolean     ends);
void        csm_ticketsql_cond_set_int_value    (Cond        *cond,
                                                 const char  *value,
                                                 gboolean     starts,
                                                 gboolean     ends);
Cond       *csm_ticketsql_cond_new              (CondKind     kind,
                                                 FieldId      field,
                                                 Op           op);
gint64      csm_ticketsql_load_user_id          (CsmSimWorld *world,
                                                 const char  *value);
gint64      csm_ticketsql_load_user_id_by_email (CsmSimWorld *world,
                                                 const char  *value);
ENode      *csm_ticketsql_compile_int           (FieldId      field,
                                                 Op           op,
                                                 gboolean     starts,
                                                 gboolean     ends,
                                                 const char  *value);
ENode      *csm_ticketsql_compile_active        (Compiler    *c,
                                                 PNode       *leaf,
                                                 const char  *value,
                                                 FieldId      field);
const char *csm_ticketsql_priority_label_value  (const char  *value);

/* csm-ticketsql-compiler.c */
gboolean csm_ticketsql_compile (CsmTicketSql  *q,
                                const char    *query,
                                gint64         current_user,
                                PNode         *root,
                                GError       **error);

/* csm-ticketsql-planner.c */
void csm_ticketsql_plan (CsmTicketSql *q);

/* csm-ticketsql-eval.c */
gboolean csm_ticketsql_like_match (const char              *text,
                                   const char              *pattern);
gboolean csm_ticketsql_eval_node  (CsmTicketSql            *q,
                                   const ENode             *node,
                                   const CsmSimTicket      *ticket,
                                   const CsmSimTransaction *txn);

/* csm-ticketsql-order.c */
void csm_ticketsql_sort (GPtrArray   *matches,
                         gboolean     tickets,
                         SortContext *ctx,
                         guint        k);

G_END_DECLS
