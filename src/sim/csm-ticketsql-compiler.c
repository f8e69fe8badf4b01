/* csm-ticketsql-compiler.c: a parse tree into conditions, field by field, as RT reads each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-ticketsql"

#include "config.h"

#include <string.h>

#include "csm-sim-text.h"
#include "csm-ticketsql-private.h"

/* How the simulator says that it does not model what RT would do. */
#define NOT_SIMULATED "not supported by the CSM Console simulator"

static ENode *
unsupported_field (Compiler        *c,
                   const char      *file,
                   int              line,
                   const FieldInfo *info)
{
  csm_ticketsql_compile_fail (c, CSM_TICKETSQL_ERROR_UNSUPPORTED, file, line,
                              "Field %s is " NOT_SIMULATED, info->name);
  return NULL;
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
      csm_ticketsql_compile_fail (c, CSM_TICKETSQL_ERROR_INVALID,
                                  csm_ticketsql_pm_file (c->q->kind),
                                  c->q->kind == CSM_TICKETSQL_TICKETS ? 574 : 373,
                                  "Invalid Date Op: %s", op_text);
      return NULL;
    }

  cond = csm_ticketsql_cond_new (C_DATE, field, op);

  if (op == OP_IS || op == OP_IS_NOT)
    {
      cond->date_mode = D_NULL;
      return csm_ticketsql_enode_leaf (cond);
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

  return csm_ticketsql_enode_leaf (cond);
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
  Cond *cond = csm_ticketsql_cond_new (C_STR, field, op);

  cond->case_sensitive = case_sensitive;
  cond->rt_ticket = field == FX_OBJECT_TYPE && op == OP_EQ && strcmp (value, "RT::Ticket") == 0;
  if (quoted == 0 && g_ascii_strcasecmp (value, "NULL") == 0 && op != OP_IS && op != OP_IS_NOT)
    cond->null_literal = TRUE;
  else if (op == OP_LIKE || op == OP_NOT_LIKE)
    cond->text = csm_ticketsql_like_pattern (value, starts, ends);
  else
    cond->text = case_sensitive ? g_strdup (value) : g_ascii_strdown (value, -1);

  /* Ticket statuses are interned: equality is an address comparison. */
  if (field == F_STATUS && (op == OP_EQ || op == OP_NE) && cond->text != NULL)
    {
      cond->status_known = TRUE;
      cond->status = csm_sim_status_is_valid (cond->text)
                     ? csm_sim_world_intern (c->q->world, cond->text) : NULL;
    }

  return csm_ticketsql_enode_leaf (cond);
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
          csm_ticketsql_compile_fail (c, CSM_TICKETSQL_ERROR_INVALID, TICKETS_PM, 1165,
                                      "Invalid watcher subfield: '%s'", subkey);
          return NULL;
        }
      have_attr = TRUE;
    }

  if (!have_attr && csm_sim_is_digits (value))
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
        id = has_column ? csm_ticketsql_load_user_id (world, value)
                        : csm_ticketsql_load_user_id_by_email (world, value);
      else if (attr == A_EMAIL)
        id = csm_ticketsql_load_user_id_by_email (world, value);
      else
        id = csm_ticketsql_load_user_id (world, value);

      attr = A_ID;
      have_attr = TRUE;
      value = NULL;
      if (has_column)
        {
          cond = csm_ticketsql_cond_new (C_INT, F_OWNER, op);
          cond->number = id;
          cond->owner_eq = op == OP_EQ;
          return csm_ticketsql_enode_leaf (cond);
        }
      cond = csm_ticketsql_cond_new (C_WATCHER, field, op);
      cond->attr = A_ID;
      cond->number = id;
      goto roles;
    }

  if (has_column && have_attr && attr == A_ID && op != OP_IS && op != OP_IS_NOT)
    {
      cond = csm_ticketsql_cond_new (C_INT, F_OWNER, op);
      csm_ticketsql_cond_set_int_value (cond, value, starts, ends);
      cond->owner_eq = op == OP_EQ && !cond->text_value;
      return csm_ticketsql_enode_leaf (cond);
    }

  if (!have_attr)
    attr = quoted == 1 ? A_EMAIL : A_ID;

  if (has_column)
    {
      /* The Owner role group always holds one user (Nobody when unowned). */
      if (op == OP_IS || op == OP_IS_NOT)
        return csm_ticketsql_enode_const (op == OP_IS_NOT);

      cond = csm_ticketsql_cond_new (C_USER_ATTR, F_OWNER, op);
    }
  else
    cond = csm_ticketsql_cond_new (C_WATCHER, field, op);

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
    csm_ticketsql_cond_set_int_value (cond, value, starts, ends);
  else if (cond->op == OP_LIKE)
    cond->text = csm_ticketsql_like_pattern (value, starts, ends);
  else
    cond->text = g_ascii_strdown (value, -1);

  if (has_column)
    return csm_ticketsql_enode_leaf (cond);

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
  return csm_ticketsql_enode_leaf (cond);
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
      csm_ticketsql_compile_fail (c, CSM_TICKETSQL_ERROR_INVALID, TICKETS_PM, 1367,
                                  "No field specified");
      return NULL;
    }

  /* _CustomFieldDecipher: [object.]{name}[.Content|.LargeContent] or name. */
  {
    g_autoptr(GRegex) braced = g_regex_new ("^(?:(.+?)\\.)?\\{(.+)\\}"
                                            "(?:\\.(Content|LargeContent))?$", 0, 0, NULL);
    g_autoptr(GRegex) plain = g_regex_new ("^(?:(\\w+?)|\\{(.*?)\\})"
                                           "(?:\\.(Content|LargeContent))?$", 0, 0, NULL);
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

  cond = csm_ticketsql_cond_new (C_CF, F_CF, op);
  cond->cf_id = cf ? cf->id : 0;
  cond->cf_multi = cf ? cf->max_values != 1 : FALSE;
  cond->cf_large = large;
  if (op == OP_NE || op == OP_NOT_LIKE)
    {
      cond->negative = TRUE;
      cond->op = op == OP_NE ? OP_EQ : OP_LIKE;
    }
  if (cond->op == OP_LIKE)
    cond->text = csm_ticketsql_like_pattern (value, starts, ends);
  else if (op != OP_IS && op != OP_IS_NOT)
    cond->text = g_ascii_strdown (value, -1);

  return csm_ticketsql_enode_leaf (cond);
}

/* A leaf's operator and value, as every field reads them. */
typedef struct
{
  Op op;
  gboolean starts;         /* STARTSWITH: value% */
  gboolean ends;           /* ENDSWITH: %value */
  const char *value;
  char *current_user;      /* what value points to after __CurrentUser__[Name] */
} LeafValue;

/* What every leaf goes through first: its operator, a field the simulator
 * does not model, priority names, __Active__ and __Inactive__, and
 * __CurrentUser__[Name]. FALSE when that settles the leaf: *settled is
 * then its node, or NULL after an error. */
static gboolean
read_leaf (Compiler        *c,
           PNode           *leaf,
           const FieldInfo *info,
           LeafValue       *v,
           ENode          **settled)
{
  const char *file = csm_ticketsql_pm_file (c->q->kind);
  int line = csm_ticketsql_pm_parse_line (c->q->kind);

  *settled = NULL;
  if (!csm_ticketsql_parse_op (leaf->op, &v->op, &v->starts, &v->ends))
    {
      csm_ticketsql_compile_fail (c, CSM_TICKETSQL_ERROR_INVALID, file, line,
                                  "Query parser is lost");
      return FALSE;
    }
  if (info->type == T_UNSUPPORTED)
    {
      unsupported_field (c, file, line, info);
      return FALSE;
    }

  /* In TransactionSQL only the Ticket* fields have these ids. */
  v->value = leaf->value;
  if (info->id == F_PRIORITY || info->id == F_INITIAL_PRIORITY || info->id == F_FINAL_PRIORITY)
    v->value = csm_ticketsql_priority_label_value (v->value);
  if (info->id == F_STATUS && (g_ascii_strcasecmp (v->value, "__active__") == 0 ||
                               g_ascii_strcasecmp (v->value, "__inactive__") == 0))
    {
      *settled = csm_ticketsql_compile_active (c, leaf, v->value, F_STATUS);
      return FALSE;
    }

  if (strcmp (v->value, "__CurrentUser__") == 0)
    v->value = v->current_user = g_strdup_printf ("%" G_GINT64_FORMAT, c->current_user);
  else if (strcmp (v->value, "__CurrentUserName__") == 0)
    {
      const CsmSimUser *user = csm_sim_world_lookup_user (c->q->world, c->current_user);

      v->value = v->current_user = g_strdup (user ? user->name : "");
    }
  return TRUE;
}

static ENode *
compile_ticket_leaf (Compiler        *c,
                     PNode           *leaf,
                     const FieldInfo *info,
                     const LeafValue *v)
{
  CsmSimWorld *world = c->q->world;
  const char *value = v->value;

  /* A bare word is a column reference. */
  if (leaf->quoted == 0 && !g_regex_match_simple ("^(?:[+-]?[0-9]+|NULL)$", value,
                                                  G_REGEX_CASELESS, 0))
    {
      if (g_ascii_strncasecmp (value, "CF.", 3) == 0 || csm_ticketsql_is_ticket_column (value))
        csm_ticketsql_compile_fail (c, CSM_TICKETSQL_ERROR_UNSUPPORTED, TICKETS_PM, 3462,
                                    "Column comparisons ('%s') are " NOT_SIMULATED, value);
      else
        csm_ticketsql_compile_fail (c, CSM_TICKETSQL_ERROR_INVALID, TICKETS_PM, 3462,
                                    "Wrong query, no such column '%s' in '%s'", value, c->query);
      return NULL;
    }

  /* A bare NULL outside IS [NOT] is SQL's "= NULL": never true. */
  if (leaf->quoted == 0 && g_ascii_strcasecmp (value, "NULL") == 0 && v->op != OP_IS &&
      v->op != OP_IS_NOT &&
      (info->type == T_ID || info->type == T_INT || info->type == T_STRING ||
       info->type == T_DATE))
    return csm_ticketsql_enode_const (FALSE);

  switch (info->type)
    {
    case T_ID:
      if (strcmp (value, "__Bookmarked__") == 0)
        {
          if (v->op != OP_EQ && v->op != OP_NE)
            {
              csm_ticketsql_compile_fail (c, CSM_TICKETSQL_ERROR_INVALID, TICKETS_PM, 323,
                                          "Invalid operator %s for __Bookmarked__ search on id",
                                          leaf->op);
              return NULL;
            }
          /* Nobody has bookmarks here: id = 0 or id != 0. */
          return csm_ticketsql_enode_const (v->op == OP_NE);
        }
      G_GNUC_FALLTHROUGH;
    case T_INT:
      if (v->op == OP_IS || v->op == OP_IS_NOT)
        return csm_ticketsql_enode_const (v->op == OP_IS_NOT);
      return csm_ticketsql_compile_int (info->id, v->op, v->starts, v->ends, value);

    case T_STRING:
      {
        g_autofree char *lower = NULL;

        if (info->id == F_STATUS)
          value = lower = g_ascii_strdown (value, -1);
        return compile_string (c, info->id, v->op, v->starts, v->ends, value, leaf->quoted, FALSE);
      }

    case T_ENUM:
      if (!g_regex_match_simple ("^(?:=|!=|IN|NOT IN)$", leaf->op, G_REGEX_CASELESS, 0))
        {
          csm_ticketsql_compile_fail (c, CSM_TICKETSQL_ERROR_INVALID, TICKETS_PM, 378,
                                      "Invalid Operation: %s for %s", leaf->op, info->name);
          return NULL;
        }
      if (info->id == F_TYPE)
        {
          g_autofree char *lower = NULL;

          if (g_regex_match_simple ("^(ticket|approval|reminder)$", value, G_REGEX_CASELESS, 0))
            value = lower = g_ascii_strdown (value, -1);
          return compile_string (c, F_TYPE, v->op, FALSE, FALSE, value, leaf->quoted, TRUE);
        }
      else
        {
          Cond *cond = csm_ticketsql_cond_new (C_INT, info->id, v->op);

          if (csm_sim_is_digits (value))
            cond->number = g_ascii_strtod (value, NULL);
          else
            cond->number = csm_ticketsql_load_user_id (world, value);
          return csm_ticketsql_enode_leaf (cond);
        }

    case T_QUEUE:
      if (strcmp (leaf->op, "LIKE") == 0 || strcmp (leaf->op, "NOT LIKE") == 0)
        {
          Cond *cond = csm_ticketsql_cond_new (C_QUEUE_NAME, F_QUEUE, v->op);

          cond->text = csm_ticketsql_like_pattern (value, FALSE, FALSE);
          return csm_ticketsql_enode_leaf (cond);
        }
      else
        {
          const CsmSimQueue *queue = csm_sim_world_lookup_queue_by_ref (world, value);
          g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, queue ? queue->id : 0);
          Cond *cond;

          if (v->op == OP_IS || v->op == OP_IS_NOT)
            return csm_ticketsql_enode_const (v->op == OP_IS_NOT);
          cond = csm_ticketsql_cond_new (C_INT, F_QUEUE, v->op);
          csm_ticketsql_cond_set_int_value (cond, id_text, v->starts, v->ends);
          cond->queue_eq = v->op == OP_EQ;
          cond->queue_range = v->op == OP_EQ || v->op == OP_LT || v->op == OP_GT ||
                              v->op == OP_LE || v->op == OP_GE;
          return csm_ticketsql_enode_leaf (cond);
        }

    case T_DATE:
      if (leaf->subkey != NULL)
        {
          csm_ticketsql_compile_fail (c, CSM_TICKETSQL_ERROR_UNSUPPORTED, TICKETS_PM, 3187,
                                      "Date parts (%s.%s) are " NOT_SIMULATED, info->name,
                                      leaf->subkey);
          return NULL;
        }
      return compile_date (c, info->id, v->op, leaf->op, value, leaf->quoted, FALSE);

    case T_WATCHER:
      return compile_watcher (c, info->id, v->op, v->starts, v->ends, leaf->subkey, value,
                              leaf->quoted);

    case T_CUSTOMFIELD:
      return compile_cf (c, v->op, v->starts, v->ends, leaf->subkey, value);

    case T_LIFECYCLE:
      if (v->op == OP_IS || v->op == OP_IS_NOT)
        {
          csm_ticketsql_compile_fail (c, CSM_TICKETSQL_ERROR_INVALID, TICKETS_PM, 1439,
                                      "Invalid Operator %s for Lifecycle", leaf->op);
          return NULL;
        }
      {
        /* Every queue uses the "default" lifecycle. */
        g_autofree char *pattern = csm_ticketsql_like_pattern (value, v->starts, v->ends);
        gboolean equal = g_ascii_strcasecmp (value, "default") == 0;

        switch (v->op)
          {
          case OP_EQ:
            return csm_ticketsql_enode_const (equal);
          case OP_NE:
            return csm_ticketsql_enode_const (!equal);
          case OP_LIKE:
            return csm_ticketsql_enode_const (csm_ticketsql_like_match ("default", pattern));
          case OP_NOT_LIKE:
            return csm_ticketsql_enode_const (!csm_ticketsql_like_match ("default", pattern));
          case OP_LT:
            return csm_ticketsql_enode_const (g_ascii_strcasecmp ("default", value) < 0);
          case OP_GT:
            return csm_ticketsql_enode_const (g_ascii_strcasecmp ("default", value) > 0);
          case OP_LE:
            return csm_ticketsql_enode_const (g_ascii_strcasecmp ("default", value) <= 0);
          case OP_GE:
            return csm_ticketsql_enode_const (g_ascii_strcasecmp ("default", value) >= 0);
          case OP_IS:
          case OP_IS_NOT:
          default:
            return csm_ticketsql_enode_const (FALSE);
          }
      }

    case T_UNKNOWN:
    case T_TICKETFIELD:
    case T_UNSUPPORTED:
    default:
      return unsupported_field (c, TICKETS_PM, 3187, info);
    }
}

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
      cond = csm_ticketsql_cond_new (C_DATE, field, op);
      cond->via_ticket = TRUE;
      if (op == OP_IS || op == OP_IS_NOT)
        cond->date_mode = D_NULL;
      else
        {
          cond->date_mode = D_RAW_TEXT;
          cond->text = (op == OP_LIKE || op == OP_NOT_LIKE)
                       ? csm_ticketsql_like_pattern (value, starts, ends) : g_strdup (value);
        }
      return csm_ticketsql_enode_leaf (cond);
    default:
      if (op == OP_IS || op == OP_IS_NOT)
        return csm_ticketsql_enode_const (op == OP_IS_NOT);
      cond = csm_ticketsql_cond_new (C_INT, field, op);
      cond->via_ticket = TRUE;
      csm_ticketsql_cond_set_int_value (cond, value, starts, ends);
      return csm_ticketsql_enode_leaf (cond);
    }
}

static ENode *
compile_txn_leaf (Compiler        *c,
                  PNode           *leaf,
                  const FieldInfo *info,
                  const LeafValue *v)
{
  switch (info->type)
    {
    case T_ID:
    case T_INT:
      if (v->op == OP_IS || v->op == OP_IS_NOT)
        return csm_ticketsql_enode_const (v->op == OP_IS_NOT);
      return csm_ticketsql_compile_int (info->id, v->op, v->starts, v->ends, v->value);

    case T_STRING:
      return compile_string (c, info->id, v->op, v->starts, v->ends, v->value, 1, FALSE);

    case T_ENUM:
      if (v->op != OP_EQ && v->op != OP_NE)
        {
          csm_ticketsql_compile_fail (c, CSM_TICKETSQL_ERROR_INVALID, TRANSACTIONS_PM, 308,
                                      "Invalid Operation: %s for %s", leaf->op, info->name);
          return NULL;
        }
      {
        Cond *cond = csm_ticketsql_cond_new (C_INT, info->id, v->op);

        cond->number = csm_sim_is_digits (v->value)
                       ? g_ascii_strtod (v->value, NULL)
                       : (double) csm_ticketsql_load_user_id (c->q->world, v->value);
        return csm_ticketsql_enode_leaf (cond);
      }

    case T_DATE:
      return compile_date (c, info->id, v->op, leaf->op, v->value, 1, TRUE);

    case T_TICKETFIELD:
      return compile_ticket_column (c, info->id, v->op, v->starts, v->ends, v->value);

    case T_UNKNOWN:
    case T_QUEUE:
    case T_WATCHER:
    case T_CUSTOMFIELD:
    case T_LIFECYCLE:
    case T_UNSUPPORTED:
    default:
      return unsupported_field (c, TRANSACTIONS_PM, 918, info);
    }
}

static ENode *
compile_node (Compiler *c,
              PNode    *pnode)
{
  ENode *group;
  gboolean or;

  if (pnode->leaf)
    {
      const FieldInfo *info = csm_ticketsql_lookup_field_exact (c->q->kind, pnode->key);
      LeafValue v = { 0, };
      ENode *node;

      if (info == NULL)
        return NULL;
      if (!read_leaf (c, pnode, info, &v, &node))
        return node;
      if (c->q->kind == CSM_TICKETSQL_TICKETS)
        node = compile_ticket_leaf (c, pnode, info, &v);
      else
        node = compile_txn_leaf (c, pnode, info, &v);
      g_free (v.current_user);
      return node;
    }

  /* RT has no precedence: the group's last aggregator joins every item. */
  or = pnode->aggregator != NULL && g_ascii_strcasecmp (pnode->aggregator, "OR") == 0;
  group = csm_ticketsql_enode_new (or ? N_OR : N_AND);
  for (guint i = 0; i < pnode->children->len; i++)
    {
      ENode *child = compile_node (c, g_ptr_array_index (pnode->children, i));

      if (child == NULL)
        {
          csm_ticketsql_enode_free (group);
          return NULL;
        }
      g_ptr_array_add (group->children, child);
    }
  return group;
}

/* Compiles @root into q->root; FALSE with RT's error when RT would refuse
 * the query. */
gboolean
csm_ticketsql_compile (CsmTicketSql  *q,
                       const char    *query,
                       gint64         current_user,
                       PNode         *root,
                       GError       **error)
{
  Compiler compiler = { q, query, current_user, NULL };

  q->root = compile_node (&compiler, root);
  if (q->root == NULL)
    {
      if (compiler.error == NULL)
        g_set_error (&compiler.error, CSM_TICKETSQL_ERROR, CSM_TICKETSQL_ERROR_INVALID,
                     "Query parser is lost at %s line %d.\n", csm_ticketsql_pm_file (q->kind),
                     csm_ticketsql_pm_parse_line (q->kind));
      g_propagate_error (error, compiler.error);
      return FALSE;
    }
  g_clear_error (&compiler.error);
  return TRUE;
}
