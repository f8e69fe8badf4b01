/* csm-ticketsql-parser.c: RT::SQL::Parse: a query's tokens into a tree, or RT's error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-ticketsql"

#include "config.h"

#include <string.h>

#include "csm-ticketsql-private.h"

void
csm_ticketsql_pnode_free (gpointer data)
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
  node->children = g_ptr_array_new_with_free_func (csm_ticketsql_pnode_free);
  if (parent != NULL)
    g_ptr_array_add (parent->children, node);
  return node;
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
  g_autofree char *key = csm_ticketsql_unquote (key_token);
  g_autofree char *value = csm_ticketsql_unquote (value_token);
  g_autofree char *main_key = NULL;
  const char *dot;
  const FieldInfo *info;
  PNode *leaf;
  int quoted = -1;

  if (csm_ticketsql_contains_delim (value_token))
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
  info = csm_ticketsql_lookup_field (state->kind, main_key);

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

/* Returns FALSE and fills state->results on a syntax error. */
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

  while (csm_ticketsql_next_token (query, &pos, &start, &len))
    {
      g_autofree char *match = g_strndup (query + start, len);
      guint current = csm_ticketsql_token_class (match, want);

      if (current == 0)
        {
          g_autofree char *expected = csm_ticketsql_token_class_names (want);

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
      g_autofree char *element = csm_ticketsql_token_class_names (last);

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

/* Where RT's parser dies, for the location its errors carry. */
const char *
csm_ticketsql_pm_file (CsmTicketSqlKind kind)
{
  return kind == CSM_TICKETSQL_TICKETS ? TICKETS_PM : TRANSACTIONS_PM;
}

int
csm_ticketsql_pm_parse_line (CsmTicketSqlKind kind)
{
  return kind == CSM_TICKETSQL_TICKETS ? 3187 : 918;
}

/* RT::SQL::Parse into a tree; NULL with RT's error when the syntax is wrong. */
PNode *
csm_ticketsql_parse_tree (CsmTicketSqlKind   kind,
                          const char        *query,
                          GError           **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_free);
  PNode *root = pnode_new_group (NULL, NULL);
  ParseState state = { kind, results, root, root };

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
                   message->str, csm_ticketsql_pm_file (kind), csm_ticketsql_pm_parse_line (kind));
      csm_ticketsql_pnode_free (root);
      return NULL;
    }
  return root;
}
