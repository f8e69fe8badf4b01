/* csm-ticketsql.c: RT 5.0.3's TicketSQL and TransactionSQL over a CsmSimWorld.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-ticketsql"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "csm-sim-rights.h"
#include "csm-ticketsql.h"

G_DEFINE_QUARK (csm-ticketsql-error-quark, csm_ticketsql_error)

#define TICKETS_PM      "/usr/share/request-tracker5/lib/RT/Tickets.pm"
#define TRANSACTIONS_PM "/usr/share/request-tracker5/lib/RT/Transactions.pm"

/* ======================================================================== */
/* Scanner: RT::SQL::Parse, token for token                                 */
/* ======================================================================== */

enum
{
  W_VALUE = 1,
  W_AGGREG = 2,
  W_OP = 4,
  W_OPEN = 8,
  W_CLOSE = 16,
  W_KEYWORD = 32,
};

static gboolean
is_word_char (guchar c)
{
  /* Perl's \w on a decoded string: ASCII word characters and, roughly,
   * every non-ASCII character (letters in practice). */
  return g_ascii_isalnum (c) || c == '_' || c >= 0x80;
}

static gsize
match_ci (const char *s,
          const char *word)
{
  gsize n = strlen (word);

  return g_ascii_strncasecmp (s, word, n) == 0 ? n : 0;
}

static gsize
match_aggreg (const char *s)
{
  gsize n;

  if ((n = match_ci (s, "AND")) || (n = match_ci (s, "OR")))
    return n;
  return 0;
}

static gsize
match_plain_op (const char *s)
{
  static const char *const ops[] = {
    "=", "!=", ">=", "<=", ">", "<", "IS NOT", "IS", "NOT LIKE", "LIKE",
    "NOT STARTSWITH", "STARTSWITH", "NOT ENDSWITH", "ENDSWITH",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      gsize n = match_ci (s, ops[i]);

      if (n > 0)
        return n;
    }
  return 0;
}

static gsize
match_op (const char *s)
{
  gsize prefix = match_ci (s, "SHALLOW ");

  if (prefix > 0)
    {
      gsize n = match_plain_op (s + prefix);

      if (n > 0)
        return prefix + n;
    }
  return match_plain_op (s);
}

/* CF\.\{.+?\}(?:\.(?:Content|LargeContent))? */
static gsize
match_cf_brace (const char *s)
{
  const char *p;
  gsize n;

  if (match_ci (s, "CF.{") == 0 || s[4] == '\0' || s[4] == '\n')
    return 0;

  for (p = s + 5; *p != '\0' && *p != '}'; p++)
    if (*p == '\n')
      return 0;
  if (*p != '}')
    return 0;
  p++;

  if (*p == '.')
    {
      if ((n = match_ci (p + 1, "Content")) || (n = match_ci (p + 1, "LargeContent")))
        p += 1 + n;
    }
  return p - s;
}

/* $RE{delimited}{-delim=>qq{'"}}: a quoted string with backslash escapes. */
static gsize
match_delim (const char *s)
{
  const char *p;
  char quote = s[0];

  if (quote != '\'' && quote != '"')
    return 0;

  for (p = s + 1; *p != '\0'; p++)
    {
      if (*p == '\\')
        {
          if (p[1] == '\0')
            return 0;
          p++;
        }
      else if (*p == quote)
        return p + 1 - s;
    }
  return 0;
}

static gsize
match_run (const char *s,
           gboolean    braces)
{
  gsize n = 0;

  while (s[n] != '\0' &&
         (is_word_char (s[n]) || s[n] == '.' || (braces && (s[n] == '{' || s[n] == '}'))))
    n++;
  return n;
}

static gsize
match_number (const char *s)
{
  gsize n = 0;

  if (s[0] == '+' || s[0] == '-')
    n++;
  if (!g_ascii_isdigit (s[n]))
    return 0;
  while (g_ascii_isdigit (s[n]))
    n++;
  return n;
}

static gsize
match_keyword (const char *s)
{
  gsize n;

  if ((n = match_cf_brace (s)) || (n = match_run (s, TRUE)) || (n = match_delim (s)))
    return n;
  return 0;
}

static gsize
match_value (const char *s)
{
  gsize n;

  if ((n = match_cf_brace (s)) || (n = match_run (s, FALSE)) || (n = match_number (s)) ||
      (n = match_ci (s, "NULL")) || (n = match_delim (s)))
    return n;
  return 0;
}

/* The whole token must be one of the class's alternatives (Perl: /^re$/). */
static gboolean
full_cf_brace (const char *t)
{
  gsize len = strlen (t);

  if (match_ci (t, "CF.{") == 0 || len < 6)
    return FALSE;
  if (t[len - 1] == '}')
    return TRUE;
  if (len > 13 && g_ascii_strcasecmp (t + len - 8, "}.content") == 0)
    return TRUE;
  if (len > 18 && g_ascii_strcasecmp (t + len - 13, "}.largecontent") == 0)
    return TRUE;
  return FALSE;
}

static gboolean
full_op (const char *t)
{
  return *t != '\0' && match_op (t) == strlen (t);
}

static gboolean
full_value (const char *t)
{
  gsize len = strlen (t);

  return full_cf_brace (t) || (len > 0 && match_run (t, FALSE) == len) ||
         (len > 0 && match_number (t) == len) || g_ascii_strcasecmp (t, "NULL") == 0 ||
         (len > 0 && match_delim (t) == len);
}

static gboolean
full_keyword (const char *t)
{
  gsize len = strlen (t);

  return full_cf_brace (t) || (len > 0 && match_run (t, TRUE) == len) ||
         (len > 0 && match_delim (t) == len);
}

static gboolean
full_aggreg (const char *t)
{
  return g_ascii_strcasecmp (t, "AND") == 0 || g_ascii_strcasecmp (t, "OR") == 0;
}

/* Finds the next token at or after *pos, as Perl's unanchored //g would. */
static gboolean
next_token (const char  *query,
            gsize       *pos,
            gsize       *start,
            gsize       *len)
{
  for (gsize p = *pos; query[p] != '\0'; p++)
    {
      const char *s = query + p;
      gsize n;

      if ((n = match_aggreg (s)) || (n = match_op (s)) || (n = match_keyword (s)) ||
          (n = match_value (s)) || (n = (*s == '(' || *s == ')') ? 1 : 0))
        {
          *start = p;
          *len = n;
          *pos = p + n;
          return TRUE;
        }
    }
  return FALSE;
}

static char *
bitmask_to_string (guint mask)
{
  static const char *const names[] = { "VALUE", "AGGREGATOR", "OPERATOR", "OPEN_PAREN",
                                       "CLOSE_PAREN", "KEYWORD" };
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (mask & (1u << i))
      g_ptr_array_add (parts, (gpointer) names[i]);

  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == parts->len ? " or " : ", ");
      g_string_append (out, g_ptr_array_index (parts, i));
    }
  return g_string_free (out, FALSE);
}

/* ======================================================================== */
/* Parse tree (RT::Interface::Web::QueryBuilder::Tree)                      */
/* ======================================================================== */

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

static void
pnode_free (gpointer data)
{
  PNode *node = data;

  if (node == NULL)
    return;
  g_free (node->aggregator);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node->key);
  g_free (node->subkey);
  g_free (node->op);
  g_free (node->value);
  g_free (node);
}

static PNode *
pnode_new_group (PNode      *parent,
                 const char *aggregator)
{
  PNode *node = g_new0 (PNode, 1);

  node->parent = parent;
  node->aggregator = g_strdup (aggregator);
  node->children = g_ptr_array_new_with_free_func (pnode_free);
  if (parent != NULL)
    g_ptr_array_add (parent->children, node);
  return node;
}

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

static const FieldInfo ticket_fields[] = {
  { "Status", T_STRING, F_STATUS },
  { "SLA", T_STRING, F_SLA },
  { "Queue", T_QUEUE, F_QUEUE },
  { "Type", T_ENUM, F_TYPE },
  { "Creator", T_ENUM, F_CREATOR },
  { "LastUpdatedBy", T_ENUM, F_LAST_UPDATED_BY },
  { "Owner", T_WATCHER, F_OWNER },
  { "EffectiveId", T_INT, F_EFFECTIVE_ID },
  { "id", T_ID, F_ID },
  { "InitialPriority", T_INT, F_INITIAL_PRIORITY },
  { "FinalPriority", T_INT, F_FINAL_PRIORITY },
  { "Priority", T_INT, F_PRIORITY },
  { "TimeLeft", T_INT, F_TIME_LEFT },
  { "TimeWorked", T_INT, F_TIME_WORKED },
  { "TimeEstimated", T_INT, F_TIME_ESTIMATED },
  { "Linked", T_UNSUPPORTED, F_NONE },
  { "LinkedTo", T_UNSUPPORTED, F_NONE },
  { "LinkedFrom", T_UNSUPPORTED, F_NONE },
  { "MemberOf", T_UNSUPPORTED, F_NONE },
  { "DependsOn", T_UNSUPPORTED, F_NONE },
  { "RefersTo", T_UNSUPPORTED, F_NONE },
  { "HasMember", T_UNSUPPORTED, F_NONE },
  { "DependentOn", T_UNSUPPORTED, F_NONE },
  { "DependedOnBy", T_UNSUPPORTED, F_NONE },
  { "ReferredToBy", T_UNSUPPORTED, F_NONE },
  { "Told", T_DATE, F_TOLD },
  { "Starts", T_DATE, F_STARTS },
  { "Started", T_DATE, F_STARTED },
  { "Due", T_DATE, F_DUE },
  { "Resolved", T_DATE, F_RESOLVED },
  { "LastUpdated", T_DATE, F_LAST_UPDATED },
  { "Created", T_DATE, F_CREATED },
  { "Subject", T_STRING, F_SUBJECT },
  { "Content", T_UNSUPPORTED, F_NONE },
  { "ContentType", T_UNSUPPORTED, F_NONE },
  { "Filename", T_UNSUPPORTED, F_NONE },
  { "TransactionDate", T_UNSUPPORTED, F_NONE },
  { "Requestor", T_WATCHER, F_REQUESTOR },
  { "Requestors", T_WATCHER, F_REQUESTOR },
  { "Cc", T_WATCHER, F_CC },
  { "AdminCc", T_WATCHER, F_ADMINCC },
  { "Watcher", T_WATCHER, F_WATCHER },
  { "QueueCc", T_UNSUPPORTED, F_NONE },
  { "QueueAdminCc", T_UNSUPPORTED, F_NONE },
  { "QueueWatcher", T_UNSUPPORTED, F_NONE },
  { "CustomRole", T_UNSUPPORTED, F_NONE },
  { "CustomFieldValue", T_CUSTOMFIELD, F_CF },
  { "CustomField", T_CUSTOMFIELD, F_CF },
  { "CF", T_CUSTOMFIELD, F_CF },
  { "TxnCF", T_UNSUPPORTED, F_NONE },
  { "TransactionCF", T_UNSUPPORTED, F_NONE },
  { "QueueCF", T_UNSUPPORTED, F_NONE },
  { "Lifecycle", T_LIFECYCLE, F_LIFECYCLE },
  { "Updated", T_UNSUPPORTED, F_NONE },
  { "UpdatedBy", T_UNSUPPORTED, F_NONE },
  { "OwnerGroup", T_UNSUPPORTED, F_NONE },
  { "RequestorGroup", T_UNSUPPORTED, F_NONE },
  { "CCGroup", T_UNSUPPORTED, F_NONE },
  { "AdminCCGroup", T_UNSUPPORTED, F_NONE },
  { "WatcherGroup", T_UNSUPPORTED, F_NONE },
  { "HasAttribute", T_UNSUPPORTED, F_NONE },
  { "HasNoAttribute", T_UNSUPPORTED, F_NONE },
};

static const FieldInfo txn_fields[] = {
  { "id", T_INT, FX_ID },
  { "ObjectId", T_ID, FX_OBJECT_ID },
  { "ObjectType", T_STRING, FX_OBJECT_TYPE },
  { "Creator", T_ENUM, FX_CREATOR },
  { "TimeTaken", T_INT, FX_TIME_TAKEN },
  { "Type", T_STRING, FX_TYPE },
  { "Field", T_STRING, FX_FIELD },
  { "OldValue", T_STRING, FX_OLD_VALUE },
  { "NewValue", T_STRING, FX_NEW_VALUE },
  { "ReferenceType", T_STRING, FX_REFERENCE_TYPE },
  { "OldReference", T_STRING, FX_OLD_REFERENCE },
  { "NewReference", T_STRING, FX_NEW_REFERENCE },
  { "Data", T_STRING, FX_DATA },
  { "Created", T_DATE, FX_CREATED },
  { "Content", T_UNSUPPORTED, F_NONE },
  { "ContentType", T_UNSUPPORTED, F_NONE },
  { "Filename", T_UNSUPPORTED, F_NONE },
  { "Subject", T_UNSUPPORTED, F_NONE },
  { "CustomFieldValue", T_UNSUPPORTED, F_NONE },
  { "CustomField", T_UNSUPPORTED, F_NONE },
  { "CF", T_UNSUPPORTED, F_NONE },
  { "TicketId", T_TICKETFIELD, F_ID },
  { "TicketSubject", T_TICKETFIELD, F_SUBJECT },
  { "TicketQueue", T_TICKETFIELD, F_QUEUE },
  { "TicketStatus", T_TICKETFIELD, F_STATUS },
  { "TicketOwner", T_TICKETFIELD, F_OWNER },
  { "TicketCreator", T_TICKETFIELD, F_CREATOR },
  { "TicketLastUpdatedBy", T_TICKETFIELD, F_LAST_UPDATED_BY },
  { "TicketCreated", T_TICKETFIELD, F_CREATED },
  { "TicketStarted", T_TICKETFIELD, F_STARTED },
  { "TicketResolved", T_TICKETFIELD, F_RESOLVED },
  { "TicketTold", T_TICKETFIELD, F_TOLD },
  { "TicketLastUpdated", T_TICKETFIELD, F_LAST_UPDATED },
  { "TicketStarts", T_TICKETFIELD, F_STARTS },
  { "TicketDue", T_TICKETFIELD, F_DUE },
  { "TicketPriority", T_TICKETFIELD, F_PRIORITY },
  { "TicketInitialPriority", T_TICKETFIELD, F_INITIAL_PRIORITY },
  { "TicketFinalPriority", T_TICKETFIELD, F_FINAL_PRIORITY },
  { "TicketType", T_TICKETFIELD, F_TYPE },
  { "TicketQueueLifecycle", T_UNSUPPORTED, F_NONE },
  { "CustomFieldName", T_UNSUPPORTED, F_NONE },
  { "CFName", T_UNSUPPORTED, F_NONE },
  { "OldCFValue", T_UNSUPPORTED, F_NONE },
  { "NewCFValue", T_UNSUPPORTED, F_NONE },
};

static const FieldInfo *
lookup_field (CsmTicketSqlKind  kind,
              const char       *name)
{
  const FieldInfo *table = kind == CSM_TICKETSQL_TICKETS ? ticket_fields : txn_fields;
  guint n = kind == CSM_TICKETSQL_TICKETS ? G_N_ELEMENTS (ticket_fields) : G_N_ELEMENTS (txn_fields);

  if (name == NULL)
    return NULL;
  for (guint i = 0; i < n; i++)
    if (g_ascii_strcasecmp (table[i].name, name) == 0)
      return &table[i];
  return NULL;
}

static const FieldInfo *
lookup_field_exact (CsmTicketSqlKind  kind,
                    const char       *name)
{
  const FieldInfo *info = lookup_field (kind, name);

  return info != NULL && strcmp (info->name, name) == 0 ? info : NULL;
}

/* Strips surrounding quotes when RT's unanchored /$re_delim/ matches, then
 * removes backslash escapes, as RT::SQL::Parse does for keys and values. */
static char *
unquote (const char *text)
{
  GString *out;
  gboolean has_delim = FALSE;
  const char *p, *end;

  for (p = text; *p != '\0' && !has_delim; p++)
    if ((*p == '\'' || *p == '"') && match_delim (p) > 0)
      has_delim = TRUE;

  p = text;
  end = text + strlen (text);
  if (has_delim && end - p >= 2)
    {
      p++;
      end--;
    }

  out = g_string_sized_new (end - p);
  for (; p < end; p++)
    {
      if (*p == '\\' && p + 1 < end)
        p++;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
contains_delim (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((*p == '\'' || *p == '"') && match_delim (p) > 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  CsmTicketSqlKind kind;
  GPtrArray *results;      /* error messages collected before RT dies */
  PNode *root;
  PNode *node;
} ParseState;

static void
add_condition (ParseState *state,
               const char *key_token,
               const char *op,
               const char *value_token)
{
  g_autofree char *key = unquote (key_token);
  g_autofree char *value = unquote (value_token);
  g_autofree char *main_key = NULL;
  const char *dot;
  const FieldInfo *info;
  PNode *leaf;
  int quoted = -1;

  if (contains_delim (value_token))
    {
      quoted = 1;
      /* RT "DWIM": a quoted 'CF.{x}' value is a custom field column. */
      if (g_ascii_strncasecmp (value, "CF.", 3) == 0)
        quoted = 0;
    }
  else if (g_ascii_isalpha (value_token[0]))
    quoted = 0;

  dot = strchr (key, '.');
  main_key = dot ? g_strndup (key, dot - key) : g_strdup (key);
  info = lookup_field (state->kind, main_key);

  if (info == NULL)
    g_ptr_array_add (state->results, g_strdup_printf ("Unknown field: %s", key));

  if (g_ascii_strncasecmp (op, "SHALLOW", 7) == 0 &&
      (info == NULL ||
       !(strstr (info->name, "Requestor") || strstr (info->name, "Owner") ||
         strstr (info->name, "AdminCc") || strstr (info->name, "Cc") ||
         strstr (info->name, "CustomRole"))))
    g_ptr_array_add (state->results, g_strdup_printf ("Unsupported operator: %s", op));

  leaf = g_new0 (PNode, 1);
  leaf->leaf = TRUE;
  leaf->parent = state->node;
  leaf->key = info ? g_strdup (info->name) : NULL;
  leaf->subkey = dot ? g_strdup (dot + 1) : NULL;
  leaf->op = g_strdup (op);
  if (g_regex_match_simple ("^IS( NOT)?$", op, G_REGEX_CASELESS, 0))
    leaf->value = g_strdup ("NULL");
  else
    leaf->value = g_steal_pointer (&value);
  leaf->quoted = quoted;
  g_ptr_array_add (state->node->children, leaf);
}

/* Returns NULL and fills state->results on a syntax error. */
static gboolean
rt_sql_parse (ParseState *state,
              const char *query)
{
  guint want = W_KEYWORD | W_OPEN;
  guint last = 0;
  int depth = 0;
  g_autofree char *key = NULL;
  g_autofree char *op = NULL;
  gsize pos = 0, start, len;

  while (next_token (query, &pos, &start, &len))
    {
      g_autofree char *match = g_strndup (query + start, len);
      guint current = 0;

      if ((want & W_OP) && full_op (match))
        current = W_OP;
      if ((want & W_VALUE) && full_value (match))
        current = W_VALUE;
      if ((want & W_KEYWORD) && full_keyword (match))
        current = W_KEYWORD;
      if ((want & W_AGGREG) && full_aggreg (match))
        current = W_AGGREG;
      if ((want & W_OPEN) && strcmp (match, "(") == 0)
        current = W_OPEN;
      if ((want & W_CLOSE) && strcmp (match, ")") == 0)
        current = W_CLOSE;

      if (current == 0)
        {
          g_autofree char *expected = bitmask_to_string (want);

          g_ptr_array_add (state->results,
                           g_strdup_printf ("Wrong query, expecting a %s in '%.*s>%s<--here%s'",
                                            expected, (int) start, query, match, query + pos));
          return FALSE;
        }

      if (current & W_OPEN)
        {
          state->node = pnode_new_group (state->node, "AND");
          depth++;
          want = W_KEYWORD | W_OPEN;
        }
      else if (current & W_CLOSE)
        {
          state->node = state->node->parent;
          depth--;
          want = W_AGGREG;
          if (depth)
            want |= W_CLOSE;
        }
      else if (current & W_AGGREG)
        {
          g_free (state->node->aggregator);
          state->node->aggregator = g_strdup (match);
          want = W_KEYWORD | W_OPEN;
        }
      else if (current & W_KEYWORD)
        {
          g_free (key);
          key = g_strdup (match);
          want = W_OP;
        }
      else if (current & W_OP)
        {
          g_free (op);
          op = g_strdup (match);
          want = W_VALUE;
        }
      else if (current & W_VALUE)
        {
          add_condition (state, key, op, match);
          want = W_AGGREG;
          if (depth)
            want |= W_CLOSE;
        }

      last = current;
    }

  if (last != 0 && !(last & (W_CLOSE | W_VALUE)))
    {
      g_autofree char *element = bitmask_to_string (last);

      g_ptr_array_add (state->results,
                       g_strdup_printf ("Incomplete query, last element (%s) is not close paren "
                                        "or value in '%s'", element, query));
      return FALSE;
    }

  if (depth)
    {
      g_ptr_array_add (state->results,
                       g_strdup_printf ("Incomplete query, %d unclosed %s in '%s'", depth,
                                        depth == 1 ? "paren" : "parens", query));
      return FALSE;
    }

  return TRUE;
}

/* ======================================================================== */
/* Compiled conditions                                                      */
/* ======================================================================== */

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

static void
cond_free (Cond *cond)
{
  g_free (cond->text);
  g_free (cond);
}

static void
enode_free (gpointer data)
{
  ENode *node = data;

  if (node == NULL)
    return;
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_clear_pointer (&node->cond, cond_free);
  g_free (node);
}

static ENode *
enode_new (NodeKind kind)
{
  ENode *node = g_new0 (ENode, 1);

  node->kind = kind;
  if (kind != N_LEAF)
    node->children = g_ptr_array_new_with_free_func (enode_free);
  return node;
}

static ENode *
enode_leaf (Cond *cond)
{
  ENode *node = enode_new (N_LEAF);

  node->cond = cond;
  return node;
}

static ENode *
enode_const (gboolean value)
{
  Cond *cond = g_new0 (Cond, 1);

  cond->kind = C_CONST;
  cond->result = value;
  return enode_leaf (cond);
}

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

typedef struct
{
  CsmTicketSql *q;
  const char *query;
  gint64 current_user;
  GError *error;
} Compiler;

static void
compile_fail (Compiler   *c,
              int         code,
              const char *file,
              int         line,
              const char *format,
              ...) G_GNUC_PRINTF (5, 6);

static void
compile_fail (Compiler   *c,
              int         code,
              const char *file,
              int         line,
              const char *format,
              ...)
{
  va_list args;
  g_autofree char *text = NULL;

  if (c->error != NULL)
    return;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (&c->error, CSM_TICKETSQL_ERROR, code, "%s at %s line %d.\n", text, file, line);
}

static const char *
pm_file (Compiler *c)
{
  return c->q->kind == CSM_TICKETSQL_TICKETS ? TICKETS_PM : TRANSACTIONS_PM;
}

static int
pm_parse_line (Compiler *c)
{
  return c->q->kind == CSM_TICKETSQL_TICKETS ? 3187 : 918;
}

static gboolean
parse_op (const char *text,
          Op         *op,
          gboolean   *starts,
          gboolean   *ends)
{
  const char *t = text;

  *starts = *ends = FALSE;
  if (g_ascii_strncasecmp (t, "SHALLOW ", 8) == 0)
    t += 8;

  if (strcmp (t, "=") == 0)
    *op = OP_EQ;
  else if (strcmp (t, "!=") == 0)
    *op = OP_NE;
  else if (strcmp (t, "<") == 0)
    *op = OP_LT;
  else if (strcmp (t, ">") == 0)
    *op = OP_GT;
  else if (strcmp (t, "<=") == 0)
    *op = OP_LE;
  else if (strcmp (t, ">=") == 0)
    *op = OP_GE;
  else if (g_ascii_strcasecmp (t, "LIKE") == 0)
    *op = OP_LIKE;
  else if (g_ascii_strcasecmp (t, "NOT LIKE") == 0)
    *op = OP_NOT_LIKE;
  else if (g_ascii_strcasecmp (t, "IS") == 0)
    *op = OP_IS;
  else if (g_ascii_strcasecmp (t, "IS NOT") == 0)
    *op = OP_IS_NOT;
  else if (g_ascii_strcasecmp (t, "STARTSWITH") == 0)
    *op = OP_LIKE, *starts = TRUE;
  else if (g_ascii_strcasecmp (t, "NOT STARTSWITH") == 0)
    *op = OP_NOT_LIKE, *starts = TRUE;
  else if (g_ascii_strcasecmp (t, "ENDSWITH") == 0)
    *op = OP_LIKE, *ends = TRUE;
  else if (g_ascii_strcasecmp (t, "NOT ENDSWITH") == 0)
    *op = OP_NOT_LIKE, *ends = TRUE;
  else
    return FALSE;
  return TRUE;
}

/* SearchBuilder wraps LIKE values in %...%, STARTSWITH in ...%, ENDSWITH in %... */
static char *
like_pattern (const char *value,
              gboolean    starts,
              gboolean    ends)
{
  g_autofree char *lower = g_ascii_strdown (value, -1);

  if (starts)
    return g_strdup_printf ("%s%%", lower);
  if (ends)
    return g_strdup_printf ("%%%s", lower);
  return g_strdup_printf ("%%%s%%", lower);
}

/* SQL LIKE, case-insensitive for ASCII (SQLite's default), % and _. */
static gboolean
like_match (const char *text,
            const char *pattern)
{
  const char *star_p = NULL, *star_t = NULL;

  while (*text != '\0')
    {
      if (*pattern == '%')
        {
          star_p = ++pattern;
          star_t = text;
        }
      else if (*pattern != '\0' &&
               (*pattern == '_' || g_ascii_tolower (*pattern) == g_ascii_tolower (*text)))
        {
          if (*pattern == '_' && (guchar) *text >= 0x80)
            {
              /* _ is one character, not one byte. */
              text = g_utf8_next_char (text);
              pattern++;
              continue;
            }
          pattern++;
          text++;
        }
      else if (star_p != NULL)
        {
          pattern = star_p;
          text = ++star_t;
        }
      else
        return FALSE;
    }
  while (*pattern == '%')
    pattern++;
  return *pattern == '\0';
}

/* SQLite's numeric affinity: text that reads as a number compares as one. */
static gboolean
text_as_number (const char *text,
                double     *number)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (*trimmed == '\0')
    return FALSE;
  if (!(g_ascii_isdigit (trimmed[0]) || trimmed[0] == '+' || trimmed[0] == '-' ||
        trimmed[0] == '.'))
    return FALSE;
  *number = g_ascii_strtod (trimmed, &end);
  return end != NULL && *end == '\0';
}

static void
cond_set_int_value (Cond       *cond,
                    const char *value,
                    gboolean    starts,
                    gboolean    ends)
{
  if (cond->op == OP_LIKE || cond->op == OP_NOT_LIKE)
    cond->text = like_pattern (value, starts, ends);
  else if (!text_as_number (value, &cond->number))
    cond->text_value = TRUE;
}

static Cond *
cond_new (CondKind kind,
          FieldId  field,
          Op       op)
{
  Cond *cond = g_new0 (Cond, 1);

  cond->kind = kind;
  cond->field = field;
  cond->op = op;
  return cond;
}

static gboolean
is_digits (const char *s)
{
  if (s == NULL || *s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

static gint64
load_user_id (CsmSimWorld *world,
              const char  *value)
{
  const CsmSimUser *user = csm_sim_world_lookup_user_by_ref (world, value);

  return user ? user->id : 0;
}

static gint64
load_user_id_by_email (CsmSimWorld *world,
                       const char  *value)
{
  const CsmSimUser *user = csm_sim_world_lookup_user_by_email (world, value);

  return user ? user->id : 0;
}

/* --- ticket fields ------------------------------------------------------ */

static ENode *compile_ticket_leaf (Compiler *c, PNode *leaf, const FieldInfo *info);

static ENode *
compile_date (Compiler   *c,
              FieldId     field,
              Op          op,
              const char *op_text,
              const char *value,
              int         quoted,
              gboolean    always_parse)
{
  Cond *cond;
  gint64 t = 0;

  if (op == OP_NE || op == OP_LIKE || op == OP_NOT_LIKE)
    {
      compile_fail (c, CSM_TICKETSQL_ERROR_INVALID, pm_file (c),
                    c->q->kind == CSM_TICKETSQL_TICKETS ? 574 : 373,
                    "Invalid Date Op: %s", op_text);
      return NULL;
    }

  cond = cond_new (C_DATE, field, op);

  if (op == OP_IS || op == OP_IS_NOT)
    {
      cond->date_mode = D_NULL;
      return enode_leaf (cond);
    }

  /* "Due > 0" is read as a date; other unquoted numbers go to SQL raw. */
  if (always_parse || quoted == 1 || strcmp (value, "0") == 0)
    {
      csm_sim_parse_rt_date (value, c->q->now, &t);
      if (op == OP_EQ)
        {
          cond->date_mode = D_DAY;
          cond->t0 = csm_sim_day_start (t);
          cond->t1 = cond->t0 + 86400;
        }
      else
        {
          cond->date_mode = D_EPOCH;
          cond->t0 = t;
        }
    }
  else
    {
      cond->date_mode = D_TEXT;
      cond->text = g_strdup (value);
    }

  return enode_leaf (cond);
}

static ENode *
compile_string (Compiler   *c,
                FieldId     field,
                Op          op,
                gboolean    starts,
                gboolean    ends,
                const char *value,
                int         quoted,
                gboolean    case_sensitive)
{
  Cond *cond = cond_new (C_STR, field, op);

  cond->case_sensitive = case_sensitive;
  cond->rt_ticket = field == FX_OBJECT_TYPE && op == OP_EQ && strcmp (value, "RT::Ticket") == 0;
  if (quoted == 0 && g_ascii_strcasecmp (value, "NULL") == 0 && op != OP_IS && op != OP_IS_NOT)
    cond->null_literal = TRUE;
  else if (op == OP_LIKE || op == OP_NOT_LIKE)
    cond->text = like_pattern (value, starts, ends);
  else
    cond->text = case_sensitive ? g_strdup (value) : g_ascii_strdown (value, -1);

  /* Ticket statuses are interned: equality is an address comparison. */
  if (field == F_STATUS && (op == OP_EQ || op == OP_NE) && cond->text != NULL)
    {
      cond->status_known = TRUE;
      cond->status = csm_sim_status_is_valid (cond->text)
                     ? csm_sim_world_intern (c->q->world, cond->text) : NULL;
    }

  return enode_leaf (cond);
}

static ENode *
compile_int (FieldId     field,
             Op          op,
             gboolean    starts,
             gboolean    ends,
             const char *value)
{
  Cond *cond = cond_new (C_INT, field, op);

  cond_set_int_value (cond, value, starts, ends);
  return enode_leaf (cond);
}

static gboolean
parse_user_attr (const char *subkey,
                 UserAttr   *attr)
{
  static const char *const empty_attrs[] = {
    "Nickname", "Organization", "Address1", "Address2", "City", "State", "Zip", "Country",
    "WorkPhone", "HomePhone", "MobilePhone", "PagerPhone",
  };

  if (strcmp (subkey, "id") == 0)
    *attr = A_ID;
  else if (strcmp (subkey, "EmailAddress") == 0)
    *attr = A_EMAIL;
  else if (strcmp (subkey, "Name") == 0)
    *attr = A_NAME;
  else if (strcmp (subkey, "RealName") == 0)
    *attr = A_REALNAME;
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (empty_attrs); i++)
        if (strcmp (subkey, empty_attrs[i]) == 0)
          {
            *attr = A_EMPTY;
            return TRUE;
          }
      return FALSE;
    }
  return TRUE;
}

/* RT::SearchBuilder::Role::Roles::RoleLimit, for Owner and the watcher roles. */
static ENode *
compile_watcher (Compiler   *c,
                 FieldId     field,
                 Op          op,
                 gboolean    starts,
                 gboolean    ends,
                 const char *subkey,
                 const char *value,
                 int         quoted)
{
  CsmSimWorld *world = c->q->world;
  gboolean has_column = field == F_OWNER;
  UserAttr attr = A_EMPTY;
  gboolean have_attr = FALSE;
  Cond *cond;

  if (subkey != NULL)
    {
      if (!parse_user_attr (subkey, &attr))
        {
          compile_fail (c, CSM_TICKETSQL_ERROR_INVALID, TICKETS_PM, 1165,
                        "Invalid watcher subfield: '%s'", subkey);
          return NULL;
        }
      have_attr = TRUE;
    }

  if (!have_attr && is_digits (value))
    {
      attr = A_ID;
      have_attr = TRUE;
    }

  /* Equality on a name or address: RT loads the user first. */
  if (quoted == 1 && (op == OP_EQ || op == OP_NE) &&
      (!have_attr || attr == A_NAME || attr == A_EMAIL))
    {
      gint64 id;

      if (!have_attr)
        id = has_column ? load_user_id (world, value) : load_user_id_by_email (world, value);
      else if (attr == A_EMAIL)
        id = load_user_id_by_email (world, value);
      else
        id = load_user_id (world, value);

      attr = A_ID;
      have_attr = TRUE;
      value = NULL;
      if (has_column)
        {
          cond = cond_new (C_INT, F_OWNER, op);
          cond->number = id;
          cond->owner_eq = op == OP_EQ;
          return enode_leaf (cond);
        }
      cond = cond_new (C_WATCHER, field, op);
      cond->attr = A_ID;
      cond->number = id;
      goto roles;
    }

  if (has_column && have_attr && attr == A_ID && op != OP_IS && op != OP_IS_NOT)
    {
      cond = cond_new (C_INT, F_OWNER, op);
      cond_set_int_value (cond, value, starts, ends);
      cond->owner_eq = op == OP_EQ && !cond->text_value;
      return enode_leaf (cond);
    }

  if (!have_attr)
    attr = quoted == 1 ? A_EMAIL : A_ID;

  if (has_column)
    {
      /* The Owner role group always holds one user (Nobody when unowned). */
      if (op == OP_IS || op == OP_IS_NOT)
        return enode_const (op == OP_IS_NOT);

      cond = cond_new (C_USER_ATTR, F_OWNER, op);
    }
  else
    cond = cond_new (C_WATCHER, field, op);

  cond->attr = attr;
  if (op == OP_NE || op == OP_NOT_LIKE)
    {
      /* RT reverses a negative condition: no member matches the positive one. */
      cond->negative = TRUE;
      cond->op = op == OP_NE ? OP_EQ : OP_LIKE;
    }
  if (op == OP_IS || op == OP_IS_NOT)
    ;
  else if (attr == A_ID)
    cond_set_int_value (cond, value, starts, ends);
  else if (cond->op == OP_LIKE)
    cond->text = like_pattern (value, starts, ends);
  else
    cond->text = g_ascii_strdown (value, -1);

  if (has_column)
    return enode_leaf (cond);

roles:
  switch ((int) field)
    {
    case F_REQUESTOR:
      cond->roles = ROLE_REQUESTOR;
      break;
    case F_CC:
      cond->roles = ROLE_CC;
      break;
    case F_ADMINCC:
      cond->roles = ROLE_ADMINCC;
      break;
    default:
      cond->roles = ROLE_REQUESTOR | ROLE_CC | ROLE_ADMINCC | ROLE_OWNER;
      break;
    }
  if (cond->op == OP_NE)
    {
      cond->negative = TRUE;
      cond->op = OP_EQ;
    }
  return enode_leaf (cond);
}

static ENode *
compile_cf (Compiler   *c,
            Op          op,
            gboolean    starts,
            gboolean    ends,
            const char *subkey,
            const char *value)
{
  CsmSimWorld *world = c->q->world;
  g_autofree char *name = NULL;
  const CsmSimCustomField *cf = NULL;
  gboolean large = FALSE;
  Cond *cond;

  if (subkey == NULL || *subkey == '\0')
    {
      compile_fail (c, CSM_TICKETSQL_ERROR_INVALID, TICKETS_PM, 1367, "No field specified");
      return NULL;
    }

  /* _CustomFieldDecipher: [object.]{name}[.Content|.LargeContent] or name. */
  {
    g_autoptr(GRegex) braced = g_regex_new ("^(?:(.+?)\\.)?\\{(.+)\\}(?:\\.(Content|LargeContent))?$",
                                            0, 0, NULL);
    g_autoptr(GRegex) plain = g_regex_new ("^(?:(\\w+?)|\\{(.*?)\\})(?:\\.(Content|LargeContent))?$",
                                           0, 0, NULL);
    g_autoptr(GMatchInfo) m = NULL;

    if (g_regex_match (braced, subkey, 0, &m))
      {
        name = g_match_info_fetch (m, 2);
        if (g_match_info_get_match_count (m) > 3)
          {
            g_autofree char *column = g_match_info_fetch (m, 3);

            large = g_strcmp0 (column, "LargeContent") == 0;
          }
      }
    else
      {
        g_clear_pointer (&m, g_match_info_free);
        if (g_regex_match (plain, subkey, 0, &m))
          {
            g_autofree char *a = g_match_info_fetch (m, 1);
            g_autofree char *b = g_match_info_fetch (m, 2);

            name = g_strdup (a && *a ? a : b);
            if (g_match_info_get_match_count (m) > 3)
              {
                g_autofree char *column = g_match_info_fetch (m, 3);

                large = g_strcmp0 (column, "LargeContent") == 0;
              }
          }
        else
          name = g_strdup (subkey);
      }
  }

  cf = csm_sim_world_lookup_custom_field_by_ref (world, name);

  cond = cond_new (C_CF, F_CF, op);
  cond->cf_id = cf ? cf->id : 0;
  cond->cf_multi = cf ? cf->max_values != 1 : FALSE;
  cond->cf_large = large;
  if (op == OP_NE || op == OP_NOT_LIKE)
    {
      cond->negative = TRUE;
      cond->op = op == OP_NE ? OP_EQ : OP_LIKE;
    }
  if (cond->op == OP_LIKE)
    cond->text = like_pattern (value, starts, ends);
  else if (op != OP_IS && op != OP_IS_NOT)
    cond->text = g_ascii_strdown (value, -1);

  return enode_leaf (cond);
}

/* Is this bare word a column RT could compare against? */
static gboolean
is_ticket_column (const char *value)
{
  static const char *const columns[] = {
    "id", "EffectiveId", "IsMerged", "Queue", "Type", "Owner", "Subject", "InitialPriority",
    "FinalPriority", "Priority", "TimeEstimated", "TimeWorked", "Status", "SLA", "TimeLeft",
    "Told", "Starts", "Started", "Due", "Resolved", "LastUpdatedBy", "LastUpdated", "Creator",
    "Created",
  };
  g_autoptr(GRegex) table_field = g_regex_new ("^(\\w+?)(?:_\\d+)?\\.(\\w+)$", 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;
  g_autofree char *field = NULL;

  if (g_regex_match (table_field, value, 0, &m))
    {
      g_autofree char *table = g_match_info_fetch (m, 1);

      field = g_match_info_fetch (m, 2);
      if (g_ascii_strcasecmp (table, "main") != 0 && strstr (table, "main") == NULL &&
          strstr (table, "MAIN") == NULL)
        return FALSE;
    }
  else
    field = g_strdup (value);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (strcmp (columns[i], field) == 0)
      return TRUE;
  return FALSE;
}

static const char *const active_statuses[] = { "new", "open", "stalled" };
static const char *const inactive_statuses[] = { "resolved", "rejected", "deleted" };

/* Status = '__Active__' and friends become an OR of the lifecycle's statuses. */
static ENode *
compile_active (Compiler   *c,
                PNode      *leaf,
                const char *value,
                FieldId     field)
{
  gboolean inactive = (g_ascii_strcasecmp (value, "__inactive__") == 0 && strcmp (leaf->op, "=") == 0) ||
                      (g_ascii_strcasecmp (value, "__active__") == 0 && strcmp (leaf->op, "!=") == 0);
  const char *const *list = inactive ? inactive_statuses : active_statuses;
  ENode *group = enode_new (N_OR);

  for (guint i = 0; i < 3; i++)
    {
      Cond *cond = cond_new (C_STR, field, OP_EQ);

      cond->text = g_strdup (list[i]);
      cond->status_known = TRUE;
      cond->status = csm_sim_world_intern (c->q->world, list[i]);
      cond->via_ticket = c->q->kind == CSM_TICKETSQL_TRANSACTIONS;
      g_ptr_array_add (group->children, enode_leaf (cond));
    }
  return group;
}

static const char *
priority_label_value (const char *value)
{
  if (g_ascii_strcasecmp (value, "low") == 0)
    return "0";
  if (g_ascii_strcasecmp (value, "medium") == 0)
    return "50";
  if (g_ascii_strcasecmp (value, "high") == 0)
    return "100";
  return value;
}

static ENode *
compile_ticket_leaf (Compiler        *c,
                     PNode           *leaf,
                     const FieldInfo *info)
{
  CsmSimWorld *world = c->q->world;
  const char *value = leaf->value;
  g_autofree char *current_user_text = NULL;
  gboolean starts, ends;
  Op op;

  if (!parse_op (leaf->op, &op, &starts, &ends))
    {
      compile_fail (c, CSM_TICKETSQL_ERROR_INVALID, TICKETS_PM, 3187, "Query parser is lost");
      return NULL;
    }

  if (info->type == T_UNSUPPORTED)
    {
      compile_fail (c, CSM_TICKETSQL_ERROR_UNSUPPORTED, TICKETS_PM, 3187,
                    "Field %s is not supported by the CSM Console simulator", info->name);
      return NULL;
    }

  if (info->id == F_PRIORITY || info->id == F_INITIAL_PRIORITY || info->id == F_FINAL_PRIORITY)
    value = priority_label_value (value);

  if (info->id == F_STATUS && (g_ascii_strcasecmp (value, "__active__") == 0 ||
                               g_ascii_strcasecmp (value, "__inactive__") == 0))
    return compile_active (c, leaf, value, F_STATUS);

  if (strcmp (value, "__CurrentUser__") == 0)
    value = current_user_text = g_strdup_printf ("%" G_GINT64_FORMAT, c->current_user);
  else if (strcmp (value, "__CurrentUserName__") == 0)
    {
      const CsmSimUser *user = csm_sim_world_lookup_user (world, c->current_user);

      value = current_user_text = g_strdup (user ? user->name : "");
    }

  /* A bare word is a column reference. */
  if (leaf->quoted == 0 && !g_regex_match_simple ("^(?:[+-]?[0-9]+|NULL)$", value,
                                                  G_REGEX_CASELESS, 0))
    {
      if (g_ascii_strncasecmp (value, "CF.", 3) == 0 || is_ticket_column (value))
        compile_fail (c, CSM_TICKETSQL_ERROR_UNSUPPORTED, TICKETS_PM, 3462,
                      "Column comparisons ('%s') are not supported by the CSM Console simulator",
                      value);
      else
        compile_fail (c, CSM_TICKETSQL_ERROR_INVALID, TICKETS_PM, 3462,
                      "Wrong query, no such column '%s' in '%s'", value, c->query);
      return NULL;
    }

  /* A bare NULL outside IS [NOT] is SQL's "= NULL": never true. */
  if (leaf->quoted == 0 && g_ascii_strcasecmp (value, "NULL") == 0 && op != OP_IS &&
      op != OP_IS_NOT &&
      (info->type == T_ID || info->type == T_INT || info->type == T_STRING ||
       info->type == T_DATE))
    return enode_const (FALSE);

  switch (info->type)
    {
    case T_ID:
      if (strcmp (value, "__Bookmarked__") == 0)
        {
          if (op != OP_EQ && op != OP_NE)
            {
              compile_fail (c, CSM_TICKETSQL_ERROR_INVALID, TICKETS_PM, 323,
                            "Invalid operator %s for __Bookmarked__ search on id", leaf->op);
              return NULL;
            }
          /* Nobody has bookmarks here: id = 0 or id != 0. */
          return enode_const (op == OP_NE);
        }
      G_GNUC_FALLTHROUGH;
    case T_INT:
      if (op == OP_IS || op == OP_IS_NOT)
        return enode_const (op == OP_IS_NOT);
      return compile_int (info->id, op, starts, ends, value);

    case T_STRING:
      {
        g_autofree char *lower = NULL;

        if (info->id == F_STATUS)
          value = lower = g_ascii_strdown (value, -1);
        return compile_string (c, info->id, op, starts, ends, value, leaf->quoted, FALSE);
      }

    case T_ENUM:
      if (!g_regex_match_simple ("^(?:=|!=|IN|NOT IN)$", leaf->op, G_REGEX_CASELESS, 0))
        {
          compile_fail (c, CSM_TICKETSQL_ERROR_INVALID, TICKETS_PM, 378,
                        "Invalid Operation: %s for %s", leaf->op, info->name);
          return NULL;
        }
      if (info->id == F_TYPE)
        {
          g_autofree char *lower = NULL;

          if (g_regex_match_simple ("^(ticket|approval|reminder)$", value, G_REGEX_CASELESS, 0))
            value = lower = g_ascii_strdown (value, -1);
          return compile_string (c, F_TYPE, op, FALSE, FALSE, value, leaf->quoted, TRUE);
        }
      else
        {
          Cond *cond = cond_new (C_INT, info->id, op);

          if (is_digits (value))
            cond->number = g_ascii_strtod (value, NULL);
          else
            cond->number = load_user_id (world, value);
          return enode_leaf (cond);
        }

    case T_QUEUE:
      if (strcmp (leaf->op, "LIKE") == 0 || strcmp (leaf->op, "NOT LIKE") == 0)
        {
          Cond *cond = cond_new (C_QUEUE_NAME, F_QUEUE, op);

          cond->text = like_pattern (value, FALSE, FALSE);
          return enode_leaf (cond);
        }
      else
        {
          const CsmSimQueue *queue = csm_sim_world_lookup_queue_by_ref (world, value);
          g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, queue ? queue->id : 0);
          Cond *cond;

          if (op == OP_IS || op == OP_IS_NOT)
            return enode_const (op == OP_IS_NOT);
          cond = cond_new (C_INT, F_QUEUE, op);
          cond_set_int_value (cond, id_text, starts, ends);
          cond->queue_eq = op == OP_EQ;
          cond->queue_range = op == OP_EQ || op == OP_LT || op == OP_GT || op == OP_LE ||
                              op == OP_GE;
          return enode_leaf (cond);
        }

    case T_DATE:
      if (leaf->subkey != NULL)
        {
          compile_fail (c, CSM_TICKETSQL_ERROR_UNSUPPORTED, TICKETS_PM, 3187,
                        "Date parts (%s.%s) are not supported by the CSM Console simulator",
                        info->name, leaf->subkey);
          return NULL;
        }
      return compile_date (c, info->id, op, leaf->op, value, leaf->quoted, FALSE);

    case T_WATCHER:
      return compile_watcher (c, info->id, op, starts, ends, leaf->subkey, value, leaf->quoted);

    case T_CUSTOMFIELD:
      return compile_cf (c, op, starts, ends, leaf->subkey, value);

    case T_LIFECYCLE:
      if (op == OP_IS || op == OP_IS_NOT)
        {
          compile_fail (c, CSM_TICKETSQL_ERROR_INVALID, TICKETS_PM, 1439,
                        "Invalid Operator %s for Lifecycle", leaf->op);
          return NULL;
        }
      {
        /* Every queue uses the "default" lifecycle. */
        g_autofree char *pattern = like_pattern (value, starts, ends);
        gboolean equal = g_ascii_strcasecmp (value, "default") == 0;

        switch (op)
          {
          case OP_EQ:
            return enode_const (equal);
          case OP_NE:
            return enode_const (!equal);
          case OP_LIKE:
            return enode_const (like_match ("default", pattern));
          case OP_NOT_LIKE:
            return enode_const (!like_match ("default", pattern));
          case OP_LT:
            return enode_const (g_ascii_strcasecmp ("default", value) < 0);
          case OP_GT:
            return enode_const (g_ascii_strcasecmp ("default", value) > 0);
          case OP_LE:
            return enode_const (g_ascii_strcasecmp ("default", value) <= 0);
          case OP_GE:
            return enode_const (g_ascii_strcasecmp ("default", value) >= 0);
          case OP_IS:
          case OP_IS_NOT:
          default:
            return enode_const (FALSE);
          }
      }

    case T_UNKNOWN:
    case T_TICKETFIELD:
    case T_UNSUPPORTED:
    default:
      compile_fail (c, CSM_TICKETSQL_ERROR_UNSUPPORTED, TICKETS_PM, 3187,
                    "Field %s is not supported by the CSM Console simulator", info->name);
      return NULL;
    }
}

/* --- transaction fields -------------------------------------------------- */

static ENode *
compile_ticket_column (Compiler   *c,
                       FieldId     field,
                       Op          op,
                       gboolean    starts,
                       gboolean    ends,
                       const char *value)
{
  CsmSimWorld *world = c->q->world;
  Cond *cond;

  /* RT::Transactions::_TicketLimit: raw columns of the joined ticket. */
  if ((field == F_QUEUE || field == F_OWNER || field == F_CREATOR) &&
      g_regex_match_simple ("\\D", value, 0, 0))
    {
      gint64 id = 0;

      if (field == F_QUEUE)
        {
          const CsmSimQueue *queue = csm_sim_world_lookup_queue_by_ref (world, value);

          id = queue ? queue->id : 0;
        }
      else
        {
          const CsmSimUser *user = csm_sim_world_lookup_user_by_ref (world, value);

          id = user ? user->id : 0;
        }
      if (id > 0)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          return compile_ticket_column (c, field, op, starts, ends, text);
        }
    }

  switch ((int) field)
    {
    case F_SUBJECT:
    case F_STATUS:
    case F_TYPE:
      {
        ENode *node = compile_string (c, field, op, starts, ends, value, 1, FALSE);

        node->cond->via_ticket = TRUE;
        return node;
      }
    case F_CREATED:
    case F_LAST_UPDATED:
    case F_STARTS:
    case F_STARTED:
    case F_DUE:
    case F_RESOLVED:
    case F_TOLD:
      cond = cond_new (C_DATE, field, op);
      cond->via_ticket = TRUE;
      if (op == OP_IS || op == OP_IS_NOT)
        cond->date_mode = D_NULL;
      else
        {
          cond->date_mode = D_RAW_TEXT;
          cond->text = (op == OP_LIKE || op == OP_NOT_LIKE) ? like_pattern (value, starts, ends)
                                                            : g_strdup (value);
        }
      return enode_leaf (cond);
    default:
      if (op == OP_IS || op == OP_IS_NOT)
        return enode_const (op == OP_IS_NOT);
      cond = cond_new (C_INT, field, op);
      cond->via_ticket = TRUE;
      cond_set_int_value (cond, value, starts, ends);
      return enode_leaf (cond);
    }
}

static ENode *
compile_txn_leaf (Compiler        *c,
                  PNode           *leaf,
                  const FieldInfo *info)
{
  CsmSimWorld *world = c->q->world;
  const char *value = leaf->value;
  g_autofree char *current_user_text = NULL;
  gboolean starts, ends;
  Op op;

  if (!parse_op (leaf->op, &op, &starts, &ends))
    {
      compile_fail (c, CSM_TICKETSQL_ERROR_INVALID, TRANSACTIONS_PM, 918, "Query parser is lost");
      return NULL;
    }

  if (info->type == T_UNSUPPORTED)
    {
      compile_fail (c, CSM_TICKETSQL_ERROR_UNSUPPORTED, TRANSACTIONS_PM, 918,
                    "Field %s is not supported by the CSM Console simulator", info->name);
      return NULL;
    }

  if (info->type == T_TICKETFIELD &&
      (info->id == F_PRIORITY || info->id == F_INITIAL_PRIORITY || info->id == F_FINAL_PRIORITY))
    value = priority_label_value (value);

  if (info->type == T_TICKETFIELD && info->id == F_STATUS &&
      (g_ascii_strcasecmp (value, "__active__") == 0 ||
       g_ascii_strcasecmp (value, "__inactive__") == 0))
    return compile_active (c, leaf, value, F_STATUS);

  if (strcmp (value, "__CurrentUser__") == 0)
    value = current_user_text = g_strdup_printf ("%" G_GINT64_FORMAT, c->current_user);
  else if (strcmp (value, "__CurrentUserName__") == 0)
    {
      const CsmSimUser *user = csm_sim_world_lookup_user (world, c->current_user);

      value = current_user_text = g_strdup (user ? user->name : "");
    }

  switch (info->type)
    {
    case T_ID:
    case T_INT:
      if (op == OP_IS || op == OP_IS_NOT)
        return enode_const (op == OP_IS_NOT);
      return compile_int (info->id, op, starts, ends, value);

    case T_STRING:
      return compile_string (c, info->id, op, starts, ends, value, 1, FALSE);

    case T_ENUM:
      if (op != OP_EQ && op != OP_NE)
        {
          compile_fail (c, CSM_TICKETSQL_ERROR_INVALID, TRANSACTIONS_PM, 308,
                        "Invalid Operation: %s for %s", leaf->op, info->name);
          return NULL;
        }
      {
        Cond *cond = cond_new (C_INT, info->id, op);

        cond->number = is_digits (value) ? g_ascii_strtod (value, NULL)
                                         : (double) load_user_id (world, value);
        return enode_leaf (cond);
      }

    case T_DATE:
      return compile_date (c, info->id, op, leaf->op, value, 1, TRUE);

    case T_TICKETFIELD:
      return compile_ticket_column (c, info->id, op, starts, ends, value);

    case T_UNKNOWN:
    case T_QUEUE:
    case T_WATCHER:
    case T_CUSTOMFIELD:
    case T_LIFECYCLE:
    case T_UNSUPPORTED:
    default:
      compile_fail (c, CSM_TICKETSQL_ERROR_UNSUPPORTED, TRANSACTIONS_PM, 918,
                    "Field %s is not supported by the CSM Console simulator", info->name);
      return NULL;
    }
}

static ENode *
compile_node (Compiler *c,
              PNode    *pnode)
{
  ENode *group;

  if (pnode->leaf)
    {
      const FieldInfo *info = lookup_field_exact (c->q->kind, pnode->key);

      if (info == NULL)
        return NULL;
      if (c->q->kind == CSM_TICKETSQL_TICKETS)
        return compile_ticket_leaf (c, pnode, info);
      return compile_txn_leaf (c, pnode, info);
    }

  /* RT has no precedence: the group's last aggregator joins every item. */
  group = enode_new (pnode->aggregator != NULL && g_ascii_strcasecmp (pnode->aggregator, "OR") == 0
                     ? N_OR : N_AND);
  for (guint i = 0; i < pnode->children->len; i++)
    {
      ENode *child = compile_node (c, g_ptr_array_index (pnode->children, i));

      if (child == NULL)
        {
          enode_free (group);
          return NULL;
        }
      g_ptr_array_add (group->children, child);
    }
  return group;
}

/* --- planner hints -------------------------------------------------------- */

static void
collect_conjuncts (ENode     *node,
                   GPtrArray *out)
{
  if (node->kind == N_AND || (node->kind == N_OR && node->children->len == 1))
    {
      for (guint i = 0; i < node->children->len; i++)
        collect_conjuncts (g_ptr_array_index (node->children, i), out);
    }
  else
    g_ptr_array_add (out, node);
}

static gboolean
or_of_leaves (ENode    *node,
              gboolean  owner)
{
  if (node->kind != N_OR || node->children->len == 0)
    return FALSE;
  for (guint i = 0; i < node->children->len; i++)
    {
      ENode *child = g_ptr_array_index (node->children, i);

      if (child->kind != N_LEAF)
        return FALSE;
      if (owner ? !child->cond->owner_eq : !child->cond->queue_eq)
        return FALSE;
    }
  return TRUE;
}

/* A group of one is its child: one less level per ticket evaluated. */
static ENode *
collapse (ENode *node)
{
  if (node->kind == N_LEAF)
    return node;
  for (guint i = 0; i < node->children->len; i++)
    node->children->pdata[i] = collapse (node->children->pdata[i]);
  if (node->children->len == 1)
    {
      ENode *child = g_ptr_array_steal_index (node->children, 0);

      enode_free (node);
      return child;
    }
  return node;
}

static void
analyse (CsmTicketSql *q)
{
  g_autoptr(GPtrArray) conjuncts = g_ptr_array_new ();
  gboolean owner = FALSE, queue = FALSE;

  q->min_id = 0;
  q->max_id = G_MAXINT64;
  collect_conjuncts (q->root, conjuncts);

  for (guint i = 0; i < conjuncts->len; i++)
    {
      ENode *node = g_ptr_array_index (conjuncts, i);
      Cond *cond = node->kind == N_LEAF ? node->cond : NULL;

      if (or_of_leaves (node, TRUE))
        owner = TRUE;
      if (or_of_leaves (node, FALSE))
        queue = TRUE;
      if (cond == NULL)
        continue;
      if (cond->owner_eq)
        owner = TRUE;
      if (cond->queue_range)
        queue = TRUE;

      if (cond->via_ticket)
        continue;
      if (cond->kind == C_STR && cond->rt_ticket)
        q->ticket_only = TRUE;
      if (q->kind == CSM_TICKETSQL_TICKETS)
        {
          /* Tickets are kept in id order: an id range bounds the scan. */
          if (cond->kind == C_INT && cond->field == F_ID && !cond->text_value && cond->text == NULL &&
              (double) (gint64) cond->number == cond->number)
            {
              gint64 n = (gint64) cond->number;

              if (cond->op == OP_EQ || cond->op == OP_GE)
                q->min_id = MAX (q->min_id, n);
              if (cond->op == OP_GT)
                q->min_id = MAX (q->min_id, n + 1);
              if (cond->op == OP_EQ || cond->op == OP_LE)
                q->max_id = MIN (q->max_id, n);
              if (cond->op == OP_LT)
                q->max_id = MIN (q->max_id, n - 1);
            }
          continue;
        }
      if (cond->kind == C_INT && !cond->text_value && cond->text == NULL)
        {
          gint64 n = (gint64) cond->number;
          gboolean whole = (double) n == cond->number;

          if (cond->field == FX_OBJECT_ID && cond->op == OP_EQ)
            q->object_id = whole ? MAX (n, 0) : -1;
          if (cond->field == FX_ID && whole)
            {
              if (cond->op == OP_EQ || cond->op == OP_GE)
                q->min_id = MAX (q->min_id, n);
              if (cond->op == OP_GT)
                q->min_id = MAX (q->min_id, n + 1);
              if (cond->op == OP_EQ || cond->op == OP_LE)
                q->max_id = MIN (q->max_id, n);
              if (cond->op == OP_LT)
                q->max_id = MIN (q->max_id, n - 1);
            }
        }
      if (cond->kind == C_DATE && cond->field == FX_CREATED && cond->date_mode == D_EPOCH &&
          (cond->op == OP_GT || cond->op == OP_GE))
        q->min_created = MAX (q->min_created, cond->t0);
    }

  q->planner = owner ? 1 : queue ? 2 : 0;
}

/* ======================================================================== */
/* Public: parse                                                            */
/* ======================================================================== */

void
csm_ticketsql_free (CsmTicketSql *query)
{
  if (query == NULL)
    return;
  g_clear_pointer (&query->root, enode_free);
  g_clear_object (&query->world);
  g_free (query);
}

CsmTicketSql *
csm_ticketsql_parse (CsmSimWorld       *world,
                     CsmTicketSqlKind   kind,
                     const char        *query,
                     gint64             current_user,
                     GError           **error)
{
  g_autoptr(CsmTicketSql) q = NULL;
  g_autoptr(GPtrArray) results = NULL;
  ParseState state = { 0, };
  Compiler compiler = { 0, };
  PNode *root;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (world), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  q = g_new0 (CsmTicketSql, 1);
  q->world = g_object_ref (world);
  q->kind = kind;
  q->now = csm_sim_world_get_now (world);

  /* FromSQL("") is "No Query": no limits, and an unlimited SearchBuilder
   * collection returns nothing. */
  if (query == NULL || *query == '\0')
    {
      q->empty = TRUE;
      q->root = enode_new (N_AND);
      return g_steal_pointer (&q);
    }

  results = g_ptr_array_new_with_free_func (g_free);
  root = pnode_new_group (NULL, NULL);
  state.kind = kind;
  state.results = results;
  state.root = root;
  state.node = root;

  rt_sql_parse (&state, query);

  if (results->len > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      for (guint i = 0; i < results->len; i++)
        {
          if (i > 0)
            g_string_append (message, "; ");
          g_string_append (message, g_ptr_array_index (results, i));
        }
      g_set_error (error, CSM_TICKETSQL_ERROR, CSM_TICKETSQL_ERROR_INVALID, "%s at %s line %d.\n",
                   message->str, kind == CSM_TICKETSQL_TICKETS ? TICKETS_PM : TRANSACTIONS_PM,
                   kind == CSM_TICKETSQL_TICKETS ? 3187 : 918);
      pnode_free (root);
      return NULL;
    }

  compiler.q = q;
  compiler.query = query;
  compiler.current_user = current_user;
  q->root = compile_node (&compiler, root);
  pnode_free (root);

  if (q->root == NULL)
    {
      if (compiler.error == NULL)
        g_set_error (&compiler.error, CSM_TICKETSQL_ERROR, CSM_TICKETSQL_ERROR_INVALID,
                     "Query parser is lost at %s line %d.\n", pm_file (&compiler),
                     pm_parse_line (&compiler));
      g_propagate_error (error, compiler.error);
      return NULL;
    }
  g_clear_error (&compiler.error);

  q->root = collapse (q->root);
  analyse (q);

  return g_steal_pointer (&q);
}

gboolean
csm_ticketsql_is_empty (CsmTicketSql *query)
{
  g_return_val_if_fail (query != NULL, TRUE);

  return query->empty;
}

/* ======================================================================== */
/* Evaluation                                                               */
/* ======================================================================== */

static gint64
ticket_int (const CsmSimTicket *t,
            FieldId             field)
{
  switch ((int) field)
    {
    case F_ID:
    case F_EFFECTIVE_ID:
      return t->id;
    case F_QUEUE:
      return t->queue;
    case F_OWNER:
      return t->owner;
    case F_CREATOR:
      return t->creator;
    case F_LAST_UPDATED_BY:
      return t->last_updated_by;
    case F_PRIORITY:
      return t->priority;
    case F_INITIAL_PRIORITY:
      return t->initial_priority;
    case F_FINAL_PRIORITY:
      return t->final_priority;
    case F_TIME_WORKED:
      return t->time_worked;
    case F_TIME_LEFT:
      return t->time_left;
    case F_TIME_ESTIMATED:
      return t->time_estimated;
    default:
      return 0;
    }
}

static const char *
ticket_string (const CsmSimTicket *t,
               FieldId             field)
{
  switch ((int) field)
    {
    case F_SUBJECT:
      return t->subject;
    case F_STATUS:
      return t->status;
    case F_SLA:
      return t->sla;
    case F_TYPE:
      return t->type;
    default:
      return NULL;
    }
}

/* Returns FALSE for a NULL column (only Told can be NULL). */
static gboolean
ticket_date (const CsmSimTicket *t,
             FieldId             field,
             gint64             *value)
{
  switch ((int) field)
    {
    case F_CREATED:
      *value = t->created;
      return TRUE;
    case F_LAST_UPDATED:
      *value = t->last_updated;
      return TRUE;
    case F_STARTS:
      *value = t->starts;
      return TRUE;
    case F_STARTED:
      *value = t->started;
      return TRUE;
    case F_DUE:
      *value = t->due;
      return TRUE;
    case F_RESOLVED:
      *value = t->resolved;
      return TRUE;
    case F_TOLD:
      *value = t->told;
      return t->told != 0;
    default:
      *value = 0;
      return TRUE;
    }
}

static gint64
txn_int (const CsmSimTransaction *x,
         FieldId                  field)
{
  switch ((int) field)
    {
    case FX_ID:
      return x->id;
    case FX_OBJECT_ID:
      return x->object_id;
    case FX_CREATOR:
      return x->creator;
    case FX_TIME_TAKEN:
      return x->time_taken;
    default:
      return 0;
    }
}

static const char *
txn_string (const CsmSimTransaction *x,
            FieldId                  field,
            char                    *buffer,
            gsize                    size)
{
  switch ((int) field)
    {
    case FX_OBJECT_TYPE:
      return "RT::Ticket";
    case FX_TYPE:
      return x->type;
    case FX_FIELD:
      return x->field;
    case FX_OLD_VALUE:
      return x->old_value;
    case FX_NEW_VALUE:
      return x->new_value;
    case FX_DATA:
      return x->data;
    case FX_REFERENCE_TYPE:
      return (x->old_reference || x->new_reference) ? "RT::ObjectCustomFieldValue" : NULL;
    case FX_OLD_REFERENCE:
      if (x->old_reference == 0)
        return NULL;
      g_snprintf (buffer, size, "%u", x->old_reference);
      return buffer;
    case FX_NEW_REFERENCE:
      if (x->new_reference == 0)
        return NULL;
      g_snprintf (buffer, size, "%u", x->new_reference);
      return buffer;
    default:
      return NULL;
    }
}

static gboolean
compare_order (int cmp,
               Op  op)
{
  switch (op)
    {
    case OP_EQ:
      return cmp == 0;
    case OP_NE:
      return cmp != 0;
    case OP_LT:
      return cmp < 0;
    case OP_GT:
      return cmp > 0;
    case OP_LE:
      return cmp <= 0;
    case OP_GE:
      return cmp >= 0;
    case OP_LIKE:
    case OP_NOT_LIKE:
    case OP_IS:
    case OP_IS_NOT:
    default:
      return FALSE;
    }
}

static gboolean
eval_int (const Cond *cond,
          gint64      value)
{
  if (cond->op == OP_LIKE || cond->op == OP_NOT_LIKE)
    {
      char text[24];
      gboolean m;

      g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
      m = like_match (text, cond->text);
      return cond->op == OP_LIKE ? m : !m;
    }
  if (cond->text_value)
    /* SQLite: any INTEGER sorts below any TEXT. */
    return compare_order (-1, cond->op);
  return compare_order ((double) value < cond->number ? -1 : (double) value > cond->number ? 1 : 0,
                        cond->op);
}

static gboolean
eval_string (const Cond *cond,
             const char *value)
{
  if (cond->status_known && value != NULL)
    return (value == cond->status) == (cond->op == OP_EQ);
  if (cond->op == OP_IS)
    return value == NULL;
  if (cond->op == OP_IS_NOT)
    return value != NULL;
  if (value == NULL || cond->null_literal)
    return FALSE;
  if (cond->op == OP_LIKE)
    return like_match (value, cond->text);
  if (cond->op == OP_NOT_LIKE)
    return !like_match (value, cond->text);
  return compare_order (cond->case_sensitive ? strcmp (value, cond->text)
                                             : g_ascii_strcasecmp (value, cond->text),
                        cond->op);
}

/* RT's NotSetDateToNullFunction: anything within 12 hours of the epoch. */
static gboolean
date_is_null (gint64   value,
              gboolean present)
{
  return !present || (value >= -43201 && value <= 43201);
}

static gboolean
eval_date (const Cond *cond,
           gint64      value,
           gboolean    present)
{
  switch (cond->date_mode)
    {
    case D_NULL:
      return cond->op == OP_IS ? date_is_null (value, present) : !date_is_null (value, present);
    case D_DAY:
      return present && value >= cond->t0 && value < cond->t1;
    case D_EPOCH:
      if (date_is_null (value, present))
        return FALSE;
      return compare_order (value < cond->t0 ? -1 : value > cond->t0 ? 1 : 0, cond->op);
    case D_TEXT:
    case D_RAW_TEXT:
      {
        g_autofree char *sql = NULL;

        if (cond->date_mode == D_TEXT ? date_is_null (value, present) : !present)
          return FALSE;
        sql = csm_sim_format_sql (value);
        if (cond->op == OP_LIKE)
          return like_match (sql, cond->text);
        if (cond->op == OP_NOT_LIKE)
          return !like_match (sql, cond->text);
        return compare_order (strcmp (sql, cond->text), cond->op);
      }
    default:
      return FALSE;
    }
}

static gboolean
user_attr_matches (CsmSimWorld *world,
                   const Cond  *cond,
                   gint64       user_id)
{
  const CsmSimUser *user;
  const char *text = "";

  if (cond->attr == A_ID)
    return eval_int (cond, user_id);

  user = csm_sim_world_lookup_user (world, user_id);
  if (user != NULL)
    {
      switch (cond->attr)
        {
        case A_EMAIL:
          text = user->email;
          break;
        case A_NAME:
          text = user->name;
          break;
        case A_REALNAME:
          text = user->real_name;
          break;
        case A_ID:
        case A_EMPTY:
        default:
          text = "";
          break;
        }
    }
  if (cond->op == OP_LIKE)
    return like_match (text, cond->text);
  return compare_order (g_ascii_strcasecmp (text, cond->text), cond->op);
}

static gboolean
eval_watcher (CsmSimWorld        *world,
              const Cond         *cond,
              const CsmSimTicket *t)
{
  GArray *lists[3] = { NULL, NULL, NULL };
  gboolean any_member = FALSE, any_match = FALSE;

  if (cond->roles & ROLE_REQUESTOR)
    lists[0] = t->requestors;
  if (cond->roles & ROLE_CC)
    lists[1] = t->cc;
  if (cond->roles & ROLE_ADMINCC)
    lists[2] = t->admincc;

  for (guint l = 0; l < 3 && !any_match; l++)
    {
      if (lists[l] == NULL)
        continue;
      for (guint i = 0; i < lists[l]->len && !any_match; i++)
        {
          any_member = TRUE;
          if (cond->op != OP_IS && cond->op != OP_IS_NOT &&
              user_attr_matches (world, cond, g_array_index (lists[l], gint64, i)))
            any_match = TRUE;
        }
    }
  if ((cond->roles & ROLE_OWNER) && !any_match)
    {
      any_member = TRUE;
      if (cond->op != OP_IS && cond->op != OP_IS_NOT && user_attr_matches (world, cond, t->owner))
        any_match = TRUE;
    }

  if (cond->op == OP_IS)
    return !any_member;
  if (cond->op == OP_IS_NOT)
    return any_member;
  return cond->negative ? !any_match : any_match;
}

static gboolean
eval_cf (const Cond         *cond,
         const CsmSimTicket *t)
{
  gboolean any_value = FALSE, any_match = FALSE;

  if (cond->cf_id == 0)
    /* Unknown CF: the join on its name never matches. */
    return cond->negative && cond->op != OP_IS && cond->op != OP_IS_NOT;

  if (t->cf_values != NULL)
    for (guint i = 0; i < t->cf_values->len && !any_match; i++)
      {
        const CsmSimCfValue *v = &g_array_index (t->cf_values, CsmSimCfValue, i);

        if (v->cf_id != cond->cf_id)
          continue;
        any_value = TRUE;
        if (cond->cf_large || cond->op == OP_IS || cond->op == OP_IS_NOT)
          continue;
        if (cond->op == OP_LIKE)
          any_match = like_match (v->value, cond->text);
        else
          any_match = compare_order (g_ascii_strcasecmp (v->value, cond->text), cond->op);
      }

  if (cond->op == OP_IS)
    return cond->cf_large || !any_value;
  if (cond->op == OP_IS_NOT)
    return !cond->cf_large && any_value;
  if (cond->negative)
    return !any_match || (!cond->cf_multi && !any_value);
  return any_match;
}

static gboolean
eval_ticket_cond (CsmTicketSql       *q,
                  const Cond         *cond,
                  const CsmSimTicket *t)
{
  switch (cond->kind)
    {
    case C_CONST:
      return cond->result;
    case C_INT:
      return eval_int (cond, ticket_int (t, cond->field));
    case C_STR:
      return eval_string (cond, ticket_string (t, cond->field));
    case C_DATE:
      {
        gint64 value;
        gboolean present = ticket_date (t, cond->field, &value);

        return eval_date (cond, value, present);
      }
    case C_QUEUE_NAME:
      {
        const CsmSimQueue *queue = csm_sim_world_lookup_queue (q->world, t->queue);
        gboolean m = queue != NULL && like_match (queue->name, cond->text);

        return cond->op == OP_NOT_LIKE ? !m : m;
      }
    case C_USER_ATTR:
      {
        gboolean m = user_attr_matches (q->world, cond, t->owner);

        return cond->negative ? !m : m;
      }
    case C_WATCHER:
      return eval_watcher (q->world, cond, t);
    case C_CF:
      return eval_cf (cond, t);
    default:
      return FALSE;
    }
}

static gboolean
eval_node (CsmTicketSql            *q,
           const ENode             *node,
           const CsmSimTicket      *ticket,
           const CsmSimTransaction *txn)
{
  switch (node->kind)
    {
    case N_AND:
      for (guint i = 0; i < node->children->len; i++)
        if (!eval_node (q, g_ptr_array_index (node->children, i), ticket, txn))
          return FALSE;
      return TRUE;
    case N_OR:
      for (guint i = 0; i < node->children->len; i++)
        if (eval_node (q, g_ptr_array_index (node->children, i), ticket, txn))
          return TRUE;
      return node->children->len == 0;
    case N_LEAF:
    default:
      {
        const Cond *cond = node->cond;

        if (txn == NULL || cond->kind == C_CONST)
          return eval_ticket_cond (q, cond, ticket);

        if (cond->via_ticket)
          {
            const CsmSimTicket *t = csm_sim_world_lookup_ticket (q->world, txn->object_id);

            /* A LEFT JOIN without a ticket: every column is NULL. */
            if (t == NULL)
              return FALSE;
            return eval_ticket_cond (q, cond, t);
          }

        switch (cond->kind)
          {
          case C_INT:
            return eval_int (cond, txn_int (txn, cond->field));
          case C_STR:
            {
              char buffer[16];

              return eval_string (cond, txn_string (txn, cond->field, buffer, sizeof buffer));
            }
          case C_DATE:
            return eval_date (cond, txn->created, TRUE);
          case C_CONST:
          case C_QUEUE_NAME:
          case C_USER_ATTR:
          case C_WATCHER:
          case C_CF:
          default:
            return FALSE;
          }
      }
    }
}

gboolean
csm_ticketsql_match_ticket (CsmTicketSql       *query,
                            const CsmSimTicket *ticket)
{
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (query->kind == CSM_TICKETSQL_TICKETS, FALSE);
  g_return_val_if_fail (ticket != NULL, FALSE);

  if (query->empty)
    return FALSE;
  return eval_node (query, query->root, ticket, NULL);
}

gboolean
csm_ticketsql_match_transaction (CsmTicketSql            *query,
                                 const CsmSimTransaction *txn)
{
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (query->kind == CSM_TICKETSQL_TRANSACTIONS, FALSE);
  g_return_val_if_fail (txn != NULL, FALSE);

  if (query->empty)
    return FALSE;
  return eval_node (query, query->root, NULL, txn);
}

/* What RT::Transactions::AddRecord drops from a page it has already cut
 * (RT checks these rights per record, after LIMIT): in a ticket-only search
 * the ticket rights were checked in SQL, so only comments, e-mail records
 * and CF changes; otherwise everything the user may not see. */
static gboolean
hidden_after_paging (CsmSimWorld             *world,
                     const CsmSimUser        *user,
                     gboolean                 ticket_only,
                     const CsmSimTransaction *txn)
{
  if (csm_sim_rights_has (user, CSM_SIM_RIGHT_SHOW_TICKET_COMMENTS) &&
      csm_sim_rights_has (user, CSM_SIM_RIGHT_SEE_CUSTOM_FIELD))
    return FALSE;
  if (!ticket_only)
    return !csm_sim_rights_can_see_transaction (world, user->id, txn);
  return csm_sim_rights_is_restricted_transaction (txn);
}

static void
drop_hidden (CsmSimWorld *world,
             gint64       visible_to,
             gboolean     ticket_only,
             GPtrArray   *page)
{
  const CsmSimUser *user;
  guint kept = 0;

  if (visible_to == 0)
    return;
  user = csm_sim_world_lookup_user (world, visible_to);
  for (guint i = 0; i < page->len; i++)
    if (user != NULL && !hidden_after_paging (world, user, ticket_only, page->pdata[i]))
      page->pdata[kept++] = page->pdata[i];
  g_ptr_array_set_size (page, kept);
}

/* ======================================================================== */
/* Ordering                                                                 */
/* ======================================================================== */

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

void
csm_ticketsql_order_free (CsmTicketSqlOrder *order)
{
  if (order == NULL)
    return;
  g_clear_object (&order->world);
  g_clear_pointer (&order->keys, g_array_unref);
  g_free (order);
}

static gboolean
ticket_sort_key (CsmSimWorld *world,
                 const char  *name,
                 SortKey     *key)
{
  static const struct { const char *name; KeyKind kind; FieldId field; } columns[] = {
    { "id", K_ID, F_ID }, { "EffectiveId", K_INT_FIELD, F_EFFECTIVE_ID },
    { "Queue", K_INT_FIELD, F_QUEUE }, { "Owner", K_INT_FIELD, F_OWNER },
    { "Creator", K_INT_FIELD, F_CREATOR }, { "LastUpdatedBy", K_INT_FIELD, F_LAST_UPDATED_BY },
    { "Priority", K_INT_FIELD, F_PRIORITY }, { "InitialPriority", K_INT_FIELD, F_INITIAL_PRIORITY },
    { "FinalPriority", K_INT_FIELD, F_FINAL_PRIORITY }, { "TimeWorked", K_INT_FIELD, F_TIME_WORKED },
    { "TimeLeft", K_INT_FIELD, F_TIME_LEFT }, { "TimeEstimated", K_INT_FIELD, F_TIME_ESTIMATED },
    { "Subject", K_STR_FIELD, F_SUBJECT }, { "Status", K_STR_FIELD, F_STATUS },
    { "SLA", K_STR_FIELD, F_SLA }, { "Type", K_STR_FIELD, F_TYPE },
    { "Created", K_DATE_FIELD, F_CREATED }, { "LastUpdated", K_DATE_FIELD, F_LAST_UPDATED },
    { "Starts", K_DATE_FIELD, F_STARTS }, { "Started", K_DATE_FIELD, F_STARTED },
    { "Due", K_DATE_FIELD, F_DUE }, { "Resolved", K_DATE_FIELD, F_RESOLVED },
    { "Told", K_DATE_FIELD, F_TOLD }, { "IsMerged", K_ID, F_ID },
  };

  memset (key, 0, sizeof *key);

  /* RT::Tickets::OrderByCols only special-cases the exact names: Queue
   * sorts by queue name, the user columns by user name. Other spellings
   * reach SQLite as plain (case-insensitive) column names. */
  if (strcmp (name, "Queue") == 0)
    {
      key->kind = K_QUEUE_NAME;
      return TRUE;
    }
  if (strcmp (name, "Owner") == 0 || strcmp (name, "Creator") == 0 ||
      strcmp (name, "LastUpdatedBy") == 0)
    {
      key->kind = K_USER_NAME;
      key->field = strcmp (name, "Owner") == 0 ? F_OWNER
                   : strcmp (name, "Creator") == 0 ? F_CREATOR : F_LAST_UPDATED_BY;
      return TRUE;
    }
  if (g_ascii_strncasecmp (name, "CF.", 3) == 0 || g_str_has_prefix (name, "CustomField."))
    {
      const char *sub = strchr (name, '.') + 1;
      g_autofree char *cf_name = NULL;
      const CsmSimCustomField *cf;

      if (*sub == '{' && g_str_has_suffix (sub, "}"))
        cf_name = g_strndup (sub + 1, strlen (sub) - 2);
      else
        cf_name = g_strdup (sub);
      cf = csm_sim_world_lookup_custom_field_by_ref (world, cf_name);
      key->kind = K_CF;
      key->cf_id = cf ? cf->id : 0;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_ascii_strcasecmp (columns[i].name, name) == 0)
      {
        key->kind = columns[i].kind;
        key->field = columns[i].field;
        return TRUE;
      }
  return FALSE;
}

static gboolean
txn_sort_key (const char *name,
              SortKey    *key)
{
  static const struct { const char *name; KeyKind kind; FieldId field; } columns[] = {
    { "id", K_TX_ID, FX_ID }, { "ObjectId", K_TX_INT, FX_OBJECT_ID },
    { "Creator", K_TX_INT, FX_CREATOR }, { "TimeTaken", K_TX_INT, FX_TIME_TAKEN },
    { "ObjectType", K_TX_STR, FX_OBJECT_TYPE }, { "Type", K_TX_STR, FX_TYPE },
    { "Field", K_TX_STR, FX_FIELD }, { "OldValue", K_TX_STR, FX_OLD_VALUE },
    { "NewValue", K_TX_STR, FX_NEW_VALUE }, { "Data", K_TX_STR, FX_DATA },
    { "ReferenceType", K_TX_STR, FX_REFERENCE_TYPE },
    { "OldReference", K_TX_STR, FX_OLD_REFERENCE }, { "NewReference", K_TX_STR, FX_NEW_REFERENCE },
    { "Created", K_TX_CREATED, FX_CREATED },
  };

  memset (key, 0, sizeof *key);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_ascii_strcasecmp (columns[i].name, name) == 0)
      {
        key->kind = columns[i].kind;
        key->field = columns[i].field;
        return TRUE;
      }
  return FALSE;
}

CsmTicketSqlOrder *
csm_ticketsql_order_new (CsmSimWorld       *world,
                         CsmTicketSqlKind   kind,
                         const char *const *orderby,
                         const char *const *order)
{
  CsmTicketSqlOrder *self;
  guint n_order = order ? g_strv_length ((char **) order) : 0;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (world), NULL);

  self = g_new0 (CsmTicketSqlOrder, 1);
  self->world = g_object_ref (world);
  self->kind = kind;
  self->valid = TRUE;
  self->keys = g_array_new (FALSE, FALSE, sizeof (SortKey));

  for (guint i = 0; orderby != NULL && orderby[i] != NULL; i++)
    {
      SortKey key;
      gboolean known = kind == CSM_TICKETSQL_TICKETS ? ticket_sort_key (world, orderby[i], &key)
                                                     : txn_sort_key (orderby[i], &key);

      if (!known)
        {
          self->valid = FALSE;
          continue;
        }
      /* Each orderby takes the next order; missing or not DESC is ASC. */
      key.desc = i < n_order && g_ascii_strcasecmp (order[i], "DESC") == 0;
      g_array_append_val (self->keys, key);
      self->explicit_order = TRUE;
    }

  if (!self->explicit_order && kind == CSM_TICKETSQL_TRANSACTIONS)
    {
      SortKey created = { K_TX_CREATED, FX_CREATED, 0, FALSE };

      g_array_append_val (self->keys, created);
    }

  return self;
}

gboolean
csm_ticketsql_order_is_valid (CsmTicketSqlOrder *order)
{
  g_return_val_if_fail (order != NULL, FALSE);

  return order->valid;
}

typedef struct
{
  CsmSimWorld *world;
  const GArray *keys;
} SortContext;

static int
cmp_int64 (gint64 a,
           gint64 b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

/* NULLs first, as SQLite sorts them. */
static int
cmp_text (const char *a,
          const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return g_ascii_strcasecmp (a, b);
}

static const char *
user_name (CsmSimWorld *world,
           gint64       id)
{
  const CsmSimUser *user = csm_sim_world_lookup_user (world, id);

  return user ? user->name : NULL;
}

static int
compare_tickets (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const CsmSimTicket *x = *(const CsmSimTicket *const *) a;
  const CsmSimTicket *y = *(const CsmSimTicket *const *) b;
  const SortContext *ctx = data;

  for (guint i = 0; i < ctx->keys->len; i++)
    {
      const SortKey *key = &g_array_index (ctx->keys, SortKey, i);
      int r = 0;

      switch (key->kind)
        {
        case K_ID:
          r = cmp_int64 (x->id, y->id);
          break;
        case K_INT_FIELD:
          r = cmp_int64 (ticket_int (x, key->field), ticket_int (y, key->field));
          break;
        case K_STR_FIELD:
          r = cmp_text (ticket_string (x, key->field), ticket_string (y, key->field));
          break;
        case K_DATE_FIELD:
          {
            gint64 u, v;
            gboolean pu = ticket_date (x, key->field, &u);
            gboolean pv = ticket_date (y, key->field, &v);

            r = pu != pv ? (pu ? 1 : -1) : cmp_int64 (u, v);
          }
          break;
        case K_QUEUE_NAME:
          {
            const CsmSimQueue *qx = csm_sim_world_lookup_queue (ctx->world, x->queue);
            const CsmSimQueue *qy = csm_sim_world_lookup_queue (ctx->world, y->queue);

            r = cmp_text (qx ? qx->name : NULL, qy ? qy->name : NULL);
          }
          break;
        case K_USER_NAME:
          r = cmp_text (user_name (ctx->world, ticket_int (x, key->field)),
                        user_name (ctx->world, ticket_int (y, key->field)));
          break;
        case K_CF:
          r = cmp_text (csm_sim_ticket_get_cf_value (x, key->cf_id),
                        csm_sim_ticket_get_cf_value (y, key->cf_id));
          break;
        case K_PLANNER_OWNER:
          r = cmp_int64 (x->owner, y->owner);
          break;
        case K_PLANNER_QUEUE:
          r = cmp_int64 (x->queue, y->queue);
          if (r == 0)
            r = strcmp (x->status, y->status);
          break;
        case K_TX_ID:
        case K_TX_INT:
        case K_TX_STR:
        case K_TX_CREATED:
        default:
          break;
        }
      if (r != 0)
        return key->desc ? -r : r;
    }
  return cmp_int64 (x->id, y->id);
}

static int
compare_txns (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const CsmSimTransaction *x = *(const CsmSimTransaction *const *) a;
  const CsmSimTransaction *y = *(const CsmSimTransaction *const *) b;
  const SortContext *ctx = data;

  for (guint i = 0; i < ctx->keys->len; i++)
    {
      const SortKey *key = &g_array_index (ctx->keys, SortKey, i);
      int r = 0;

      switch (key->kind)
        {
        case K_TX_ID:
          r = cmp_int64 (x->id, y->id);
          break;
        case K_TX_INT:
          r = cmp_int64 (txn_int (x, key->field), txn_int (y, key->field));
          break;
        case K_TX_STR:
          {
            char bx[16], by[16];

            r = cmp_text (txn_string (x, key->field, bx, sizeof bx),
                          txn_string (y, key->field, by, sizeof by));
          }
          break;
        case K_TX_CREATED:
          r = cmp_int64 (x->created, y->created);
          break;
        case K_ID:
        case K_INT_FIELD:
        case K_STR_FIELD:
        case K_DATE_FIELD:
        case K_QUEUE_NAME:
        case K_USER_NAME:
        case K_CF:
        case K_PLANNER_OWNER:
        case K_PLANNER_QUEUE:
        default:
          break;
        }
      if (r != 0)
        return key->desc ? -r : r;
    }
  return cmp_int64 (x->id, y->id);
}

/* The smallest @k elements of @items (in order), without sorting them all. */
static void
partial_sort (GPtrArray        *items,
              guint             k,
              GCompareDataFunc  compare,
              gpointer          data)
{
  gpointer *heap;
  guint n = 0;

  if (k == 0)
    {
      g_ptr_array_set_size (items, 0);
      return;
    }
  if (k >= items->len)
    {
      g_ptr_array_sort_with_data (items, compare, data);
      return;
    }

  /* A max-heap of the k best so far. */
  heap = g_new (gpointer, k);
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = items->pdata[i];
      guint pos;

      if (n < k)
        {
          pos = n++;
          heap[pos] = item;
          while (pos > 0 && compare (&heap[(pos - 1) / 2], &heap[pos], data) < 0)
            {
              gpointer tmp = heap[pos];

              heap[pos] = heap[(pos - 1) / 2];
              heap[(pos - 1) / 2] = tmp;
              pos = (pos - 1) / 2;
            }
          continue;
        }
      if (compare (&item, &heap[0], data) >= 0)
        continue;

      heap[0] = item;
      pos = 0;
      for (;;)
        {
          guint l = 2 * pos + 1, r = l + 1, top = pos;
          gpointer tmp;

          if (l < n && compare (&heap[l], &heap[top], data) > 0)
            top = l;
          if (r < n && compare (&heap[r], &heap[top], data) > 0)
            top = r;
          if (top == pos)
            break;
          tmp = heap[pos];
          heap[pos] = heap[top];
          heap[top] = tmp;
          pos = top;
        }
    }

  g_ptr_array_set_size (items, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, heap[i]);
  g_free (heap);
  g_ptr_array_sort_with_data (items, compare, data);
}

static GPtrArray *
take_page (GPtrArray *sorted,
           guint      offset,
           guint      limit)
{
  GPtrArray *page = g_ptr_array_new ();

  for (guint i = offset; i < sorted->len && i - offset < limit; i++)
    g_ptr_array_add (page, sorted->pdata[i]);
  return page;
}

/* The common sorts (one numeric column, ties by id) run on precomputed
 * integer keys: no per-comparison dispatch, which matters when a page of
 * the newest tickets is picked out of 100,000. */
typedef struct
{
  gint64 key;
  gint64 id;
  gpointer item;
} Keyed;

static inline int
keyed_compare (const Keyed *a,
               const Keyed *b)
{
  if (a->key != b->key)
    return a->key < b->key ? -1 : 1;
  return a->id < b->id ? -1 : a->id > b->id;
}

static int
keyed_compare_func (const void *a,
                    const void *b)
{
  return keyed_compare (a, b);
}

static gboolean
numeric_sort_key (const SortContext *ctx,
                  gboolean           tickets,
                  SortKey           *out)
{
  const SortKey *key;

  if (ctx->keys->len != 1)
    return FALSE;
  key = &g_array_index (ctx->keys, SortKey, 0);
  if (tickets && (key->kind == K_ID || key->kind == K_INT_FIELD || key->kind == K_DATE_FIELD))
    {
      *out = *key;
      return TRUE;
    }
  if (!tickets && (key->kind == K_TX_ID || key->kind == K_TX_INT || key->kind == K_TX_CREATED))
    {
      *out = *key;
      return TRUE;
    }
  return FALSE;
}

static void
keyed_sort (GPtrArray     *matches,
            gboolean       tickets,
            const SortKey *key,
            guint          k)
{
  guint n = matches->len;
  Keyed *keyed = g_new (Keyed, n);
  guint kept;

  for (guint i = 0; i < n; i++)
    {
      gint64 value;

      if (tickets)
        {
          const CsmSimTicket *t = matches->pdata[i];

          if (key->kind == K_DATE_FIELD)
            {
              /* NULL (Told) sorts before every date. */
              if (!ticket_date (t, key->field, &value))
                value = G_MININT64 + 1;
            }
          else if (key->kind == K_ID)
            value = t->id;
          else
            value = ticket_int (t, key->field);
          keyed[i].id = t->id;
        }
      else
        {
          const CsmSimTransaction *x = matches->pdata[i];

          value = key->kind == K_TX_CREATED ? x->created : txn_int (x, key->field);
          keyed[i].id = x->id;
        }
      keyed[i].key = key->desc ? -value : value;
      keyed[i].item = matches->pdata[i];
    }

  if (k >= n)
    {
      qsort (keyed, n, sizeof (Keyed), keyed_compare_func);
      kept = n;
    }
  else
    {
      /* Quickselect the k smallest to the front, then sort just those. */
      guint lo = 0, hi = n - 1;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2, i = lo, j = hi;
          Keyed pivot, tmp;

          /* median of three */
          if (keyed_compare (&keyed[mid], &keyed[lo]) < 0)
            tmp = keyed[mid], keyed[mid] = keyed[lo], keyed[lo] = tmp;
          if (keyed_compare (&keyed[hi], &keyed[lo]) < 0)
            tmp = keyed[hi], keyed[hi] = keyed[lo], keyed[lo] = tmp;
          if (keyed_compare (&keyed[hi], &keyed[mid]) < 0)
            tmp = keyed[hi], keyed[hi] = keyed[mid], keyed[mid] = tmp;
          pivot = keyed[mid];

          for (;;)
            {
              while (keyed_compare (&keyed[i], &pivot) < 0)
                i++;
              while (keyed_compare (&keyed[j], &pivot) > 0)
                j--;
              if (i >= j)
                break;
              tmp = keyed[i], keyed[i] = keyed[j], keyed[j] = tmp;
              i++;
              j--;
            }
          /* keyed[lo..j] <= pivot <= keyed[j+1..hi] */
          if (k - 1 <= j)
            hi = j;
          else
            lo = j + 1;
        }
      qsort (keyed, k, sizeof (Keyed), keyed_compare_func);
      kept = k;
    }

  g_ptr_array_set_size (matches, kept);
  for (guint i = 0; i < kept; i++)
    matches->pdata[i] = keyed[i].item;
  g_free (keyed);
}

static GPtrArray *
finish_select (GPtrArray        *matches,
               gboolean          already_sorted,
               GCompareDataFunc  compare,
               SortContext      *ctx,
               gboolean          valid,
               guint             offset,
               guint             limit,
               guint            *total,
               GPtrArray       **all)
{
  GPtrArray *page;

  if (total != NULL)
    *total = matches->len;

  /* RT's SQL fails on an unknown sort column: the count stands, no rows. */
  if (!valid)
    {
      if (all != NULL)
        *all = g_ptr_array_new ();
      return g_ptr_array_new ();
    }

  if (!already_sorted)
    {
      SortKey key;
      guint k = (all != NULL || (guint64) offset + limit >= matches->len) ? matches->len
                                                                         : offset + limit;

      if (numeric_sort_key (ctx, compare == compare_tickets, &key))
        keyed_sort (matches, compare == compare_tickets, &key, k);
      else if (k >= matches->len)
        g_ptr_array_sort_with_data (matches, compare, ctx);
      else
        partial_sort (matches, k, compare, ctx);
    }

  page = take_page (matches, offset, limit);
  if (all != NULL)
    *all = g_ptr_array_ref (matches);
  return page;
}

static gboolean
ticket_visible (CsmSimWorld             *world,
                gint64                   user,
                const CsmSimTransaction *txn)
{
  const CsmSimTicket *ticket = csm_sim_world_lookup_ticket (world, txn->object_id);

  return ticket != NULL && csm_sim_rights_can_see_ticket (world, user, ticket);
}

GPtrArray *
csm_ticketsql_select (CsmTicketSql      *query,
                      CsmTicketSqlOrder *order,
                      gint64             visible_to,
                      guint              offset,
                      guint              limit,
                      guint             *total,
                      GPtrArray        **all)
{
  CsmSimWorld *world;
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autoptr(GArray) keys = NULL;
  SortContext ctx;
  gboolean restrict_customer = FALSE;
  gboolean restrict_txns = FALSE;
  gboolean sorted;

  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (order != NULL && order->kind == query->kind, NULL);

  world = query->world;
  if (visible_to != 0)
    {
      const CsmSimUser *user = csm_sim_world_lookup_user (world, visible_to);

      restrict_customer = user == NULL || !csm_sim_rights_has (user, CSM_SIM_RIGHT_SHOW_TICKET);
      /* Only the ticket rights are checked in SQL, and for transactions
       * only in a ticket-only search; the rest comes after paging
       * (csm_ticketsql_drop_hidden). */
      restrict_txns = restrict_customer && query->ticket_only;
    }

  ctx.world = world;

  if (query->kind == CSM_TICKETSQL_TICKETS)
    {
      GPtrArray *tickets = csm_sim_world_get_tickets (world);

      guint begin = 0, end = tickets->len;

      if (query->min_id > 0 || query->max_id < G_MAXINT64)
        {
          guint lo = 0, hi = tickets->len;

          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;

              if (((const CsmSimTicket *) tickets->pdata[mid])->id < query->min_id)
                lo = mid + 1;
              else
                hi = mid;
            }
          begin = lo;
          hi = tickets->len;
          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;

              if (((const CsmSimTicket *) tickets->pdata[mid])->id <= query->max_id)
                lo = mid + 1;
              else
                hi = mid;
            }
          end = lo;
        }

      if (!query->empty)
        for (guint i = begin; i < end; i++)
          {
            const CsmSimTicket *t = g_ptr_array_index (tickets, i);

            if (t->status[0] == 'd' && strcmp (t->status, "deleted") == 0)
              continue;
            if (restrict_customer && !csm_sim_rights_can_see_ticket (world, visible_to, t))
              continue;
            if (eval_node (query, query->root, t, NULL))
              g_ptr_array_add (matches, (gpointer) t);
          }

      keys = g_array_ref (order->keys);
      sorted = FALSE;
      /* Collected in id order: orderby=id needs no sort, DESC a reversal. */
      if (order->explicit_order && keys->len == 1 &&
          g_array_index (keys, SortKey, 0).kind == K_ID)
        {
          if (g_array_index (keys, SortKey, 0).desc)
            for (guint i = 0, j = matches->len; i + 1 < j; i++, j--)
              {
                gpointer tmp = matches->pdata[i];

                matches->pdata[i] = matches->pdata[j - 1];
                matches->pdata[j - 1] = tmp;
              }
          sorted = TRUE;
        }
      if (!order->explicit_order)
        {
          g_clear_pointer (&keys, g_array_unref);
          keys = g_array_new (FALSE, FALSE, sizeof (SortKey));
          if (query->planner == 1)
            g_array_append_val (keys, ((SortKey) { K_PLANNER_OWNER, F_OWNER, 0, FALSE }));
          else if (query->planner == 2)
            g_array_append_val (keys, ((SortKey) { K_PLANNER_QUEUE, F_QUEUE, 0, FALSE }));
          else
            sorted = TRUE;     /* id order, as collected */
        }
      ctx.keys = keys;
      return finish_select (matches, sorted, compare_tickets, &ctx, order->valid, offset, limit,
                            total, all);
    }
  else
    {
      guint n = csm_sim_world_get_n_transactions (world);
      guint begin = 0, end = n;
      gboolean time_ordered = csm_sim_world_transactions_time_ordered (world);

      if (!query->empty && query->object_id != 0)
        {
          const CsmSimTicket *t = query->object_id > 0
                                  ? csm_sim_world_lookup_ticket (world, query->object_id) : NULL;

          if (t != NULL)
            for (guint i = 0; i < t->txns->len; i++)
              {
                const CsmSimTransaction *x = csm_sim_world_get_transaction_at (
                  world, g_array_index (t->txns, guint, i));

                if (restrict_txns && !csm_sim_rights_can_see_ticket (world, visible_to, t))
                  continue;
                if (eval_node (query, query->root, NULL, x))
                  g_ptr_array_add (matches, (gpointer) x);
              }
        }
      else if (!query->empty)
        {
          if (query->min_id > 0)
            begin = csm_sim_world_find_transaction_index (world, query->min_id);
          if (query->max_id < G_MAXINT64)
            end = csm_sim_world_find_transaction_index (world, query->max_id + 1);
          if (query->min_created > 0 && time_ordered)
            begin = MAX (begin, csm_sim_world_find_transaction_index_by_time (world,
                                                                                query->min_created));
          for (guint i = begin; i < end; i++)
            {
              const CsmSimTransaction *x = csm_sim_world_get_transaction_at (world, i);

              if (restrict_txns && !ticket_visible (world, visible_to, x))
                continue;
              if (eval_node (query, query->root, NULL, x))
                g_ptr_array_add (matches, (gpointer) x);
            }
        }

      ctx.keys = order->keys;
      /* Collected in id order; that is (Created, id) order when time only
       * moves forward, which is the default. */
      sorted = !order->explicit_order && time_ordered;
      if (order->explicit_order && order->keys->len > 0 &&
          g_array_index (order->keys, SortKey, 0).kind == K_TX_ID &&
          !g_array_index (order->keys, SortKey, 0).desc)
        sorted = TRUE;
      {
        GPtrArray *page = finish_select (matches, sorted, compare_txns, &ctx, order->valid,
                                         offset, limit, total, all);

        /* RT pages transactions in SQL and checks the remaining rights
         * per record (RT::Transactions::AddRecord): a restricted user's
         * page holds fewer items than asked for, not later ones. *total
         * and @all are what SQL found. */
        drop_hidden (world, visible_to, query->ticket_only, page);
        return page;
      }
    }
}

GPtrArray *
csm_ticketsql_select_history (CsmSimWorld        *world,
                              const CsmSimTicket *ticket,
                              CsmTicketSqlOrder  *order,
                              gint64              visible_to,
                              guint               offset,
                              guint               limit,
                              guint              *total)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  const CsmSimUser *user = visible_to != 0 ? csm_sim_world_lookup_user (world, visible_to) : NULL;
  gboolean comments = user == NULL || csm_sim_rights_has (user, CSM_SIM_RIGHT_SHOW_TICKET_COMMENTS);
  SortContext ctx;
  gboolean sorted;
  GPtrArray *page;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (world), NULL);
  g_return_val_if_fail (order != NULL && order->kind == CSM_TICKETSQL_TRANSACTIONS, NULL);

  /* RT::Ticket::Transactions leaves comments out in SQL for a user without
   * ShowTicketComments; the other per-record checks come after paging. */
  if (ticket != NULL)
    for (guint i = 0; i < ticket->txns->len; i++)
      {
        const CsmSimTransaction *x = csm_sim_world_get_transaction_at (
          world, g_array_index (ticket->txns, guint, i));

        if (!comments && (g_strcmp0 (x->type, "Comment") == 0 ||
                          g_strcmp0 (x->type, "CommentEmailRecord") == 0))
          continue;
        g_ptr_array_add (matches, (gpointer) x);
      }

  ctx.world = world;
  ctx.keys = order->keys;
  sorted = !order->explicit_order && csm_sim_world_transactions_time_ordered (world);
  page = finish_select (matches, sorted, compare_txns, &ctx, order->valid, offset, limit, total,
                        NULL);
  drop_hidden (world, visible_to, FALSE, page);
  return page;
}
