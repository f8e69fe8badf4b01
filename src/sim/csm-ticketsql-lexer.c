/* csm-ticketsql-lexer.c: RT::SQL::Parse's scanner, token for token.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-ticketsql"

#include "config.h"

#include <string.h>

#include "csm-ticketsql-private.h"

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

/* Which of the @want classes (W_*) the whole @token is, 0 if none; where
 * several fit, the last RT tries wins. */
guint
csm_ticketsql_token_class (const char *token,
                           guint       want)
{
  guint current = 0;

  if ((want & W_OP) && full_op (token))
    current = W_OP;
  if ((want & W_VALUE) && full_value (token))
    current = W_VALUE;
  if ((want & W_KEYWORD) && full_keyword (token))
    current = W_KEYWORD;
  if ((want & W_AGGREG) && full_aggreg (token))
    current = W_AGGREG;
  if ((want & W_OPEN) && strcmp (token, "(") == 0)
    current = W_OPEN;
  if ((want & W_CLOSE) && strcmp (token, ")") == 0)
    current = W_CLOSE;
  return current;
}

/* Finds the next token at or after *pos, as Perl's unanchored //g would. */
gboolean
csm_ticketsql_next_token (const char *query,
                          gsize      *pos,
                          gsize      *start,
                          gsize      *len)
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

char *
csm_ticketsql_token_class_names (guint mask)
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

/* Strips surrounding quotes when RT's unanchored /$re_delim/ matches, then
 * removes backslash escapes, as RT::SQL::Parse does for keys and values. */
char *
csm_ticketsql_unquote (const char *text)
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

gboolean
csm_ticketsql_contains_delim (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((*p == '\'' || *p == '"') && match_delim (p) > 0)
      return TRUE;
  return FALSE;
}
