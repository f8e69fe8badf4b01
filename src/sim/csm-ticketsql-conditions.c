/* csm-ticketsql-conditions.c: compiled conditions: the pieces the compiler builds them from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-ticketsql"

#include "config.h"

#include <string.h>

#include "csm-ticketsql-private.h"

static void
cond_free (Cond *cond)
{
  g_free (cond->text);
  g_free (cond);
}

void
csm_ticketsql_enode_free (gpointer data)
{
  ENode *node = data;

  if (node == NULL)
    return;
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_clear_pointer (&node->cond, cond_free);
  g_free (node);
}

ENode *
csm_ticketsql_enode_new (NodeKind kind)
{
  ENode *node = g_new0 (ENode, 1);

  node->kind = kind;
  if (kind != N_LEAF)
    node->children = g_ptr_array_new_with_free_func (csm_ticketsql_enode_free);
  return node;
}

ENode *
csm_ticketsql_enode_leaf (Cond *cond)
{
  ENode *node = csm_ticketsql_enode_new (N_LEAF);

  node->cond = cond;
  return node;
}

ENode *
csm_ticketsql_enode_const (gboolean value)
{
  Cond *cond = g_new0 (Cond, 1);

  cond->kind = C_CONST;
  cond->result = value;
  return csm_ticketsql_enode_leaf (cond);
}

void
csm_ticketsql_compile_fail (Compiler   *c,
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

gboolean
csm_ticketsql_parse_op (const char *text,
                        Op         *op,
                        gboolean   *starts,
                        gboolean   *ends)
{
  static const struct { const char *text; Op op; gboolean starts, ends; } ops[] = {
    { "=", OP_EQ, FALSE, FALSE }, { "!=", OP_NE, FALSE, FALSE }, { "<", OP_LT, FALSE, FALSE },
    { ">", OP_GT, FALSE, FALSE }, { "<=", OP_LE, FALSE, FALSE }, { ">=", OP_GE, FALSE, FALSE },
    { "LIKE", OP_LIKE, FALSE, FALSE }, { "NOT LIKE", OP_NOT_LIKE, FALSE, FALSE },
    { "IS", OP_IS, FALSE, FALSE }, { "IS NOT", OP_IS_NOT, FALSE, FALSE },
    { "STARTSWITH", OP_LIKE, TRUE, FALSE }, { "NOT STARTSWITH", OP_NOT_LIKE, TRUE, FALSE },
    { "ENDSWITH", OP_LIKE, FALSE, TRUE }, { "NOT ENDSWITH", OP_NOT_LIKE, FALSE, TRUE },
  };
  const char *t = text;

  *starts = *ends = FALSE;
  if (g_ascii_strncasecmp (t, "SHALLOW ", 8) == 0)
    t += 8;

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    if (g_ascii_strcasecmp (t, ops[i].text) == 0)
      {
        *op = ops[i].op;
        *starts = ops[i].starts;
        *ends = ops[i].ends;
        return TRUE;
      }
  return FALSE;
}

/* SearchBuilder wraps LIKE values in %...%, STARTSWITH in ...%, ENDSWITH in %... */
char *
csm_ticketsql_like_pattern (const char *value,
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

void
csm_ticketsql_cond_set_int_value (Cond       *cond,
                                  const char *value,
                                  gboolean    starts,
                                  gboolean    ends)
{
  if (cond->op == OP_LIKE || cond->op == OP_NOT_LIKE)
    cond->text = csm_ticketsql_like_pattern (value, starts, ends);
  else if (!text_as_number (value, &cond->number))
    cond->text_value = TRUE;
}

Cond *
csm_ticketsql_cond_new (CondKind kind,
                        FieldId  field,
                        Op       op)
{
  Cond *cond = g_new0 (Cond, 1);

  cond->kind = kind;
  cond->field = field;
  cond->op = op;
  return cond;
}

gint64
csm_ticketsql_load_user_id (CsmSimWorld *world,
                            const char  *value)
{
  const CsmSimUser *user = csm_sim_world_lookup_user_by_ref (world, value);

  return user ? user->id : 0;
}

gint64
csm_ticketsql_load_user_id_by_email (CsmSimWorld *world,
                                     const char  *value)
{
  const CsmSimUser *user = csm_sim_world_lookup_user_by_email (world, value);

  return user ? user->id : 0;
}

ENode *
csm_ticketsql_compile_int (FieldId     field,
                           Op          op,
                           gboolean    starts,
                           gboolean    ends,
                           const char *value)
{
  Cond *cond = csm_ticketsql_cond_new (C_INT, field, op);

  csm_ticketsql_cond_set_int_value (cond, value, starts, ends);
  return csm_ticketsql_enode_leaf (cond);
}

static const char *const active_statuses[] = { "new", "open", "stalled" };

static const char *const inactive_statuses[] = { "resolved", "rejected", "deleted" };

/* Status = '__Active__' and friends become an OR of the lifecycle's statuses. */
ENode *
csm_ticketsql_compile_active (Compiler   *c,
                              PNode      *leaf,
                              const char *value,
                              FieldId     field)
{
  gboolean inactive = (g_ascii_strcasecmp (value, "__inactive__") == 0 &&
                       strcmp (leaf->op, "=") == 0) ||
                      (g_ascii_strcasecmp (value, "__active__") == 0 &&
                       strcmp (leaf->op, "!=") == 0);
  const char *const *list = inactive ? inactive_statuses : active_statuses;
  ENode *group = csm_ticketsql_enode_new (N_OR);

  for (guint i = 0; i < 3; i++)
    {
      Cond *cond = csm_ticketsql_cond_new (C_STR, field, OP_EQ);

      cond->text = g_strdup (list[i]);
      cond->status_known = TRUE;
      cond->status = csm_sim_world_intern (c->q->world, list[i]);
      cond->via_ticket = c->q->kind == CSM_TICKETSQL_TRANSACTIONS;
      g_ptr_array_add (group->children, csm_ticketsql_enode_leaf (cond));
    }
  return group;
}

const char *
csm_ticketsql_priority_label_value (const char *value)
{
  if (g_ascii_strcasecmp (value, "low") == 0)
    return "0";
  if (g_ascii_strcasecmp (value, "medium") == 0)
    return "50";
  if (g_ascii_strcasecmp (value, "high") == 0)
    return "100";
  return value;
}
