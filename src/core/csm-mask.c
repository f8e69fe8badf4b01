/* csm-mask.c: hides personal data a QA reviewer does not need: e-mail addresses, phones, cards.
 *
 * Two passes, each left to right in linear time: e-mail addresses first
 * (so that a number cannot take the start of one), then numbers.
 * Everything not masked is copied byte for byte, once invalid UTF-8 has
 * been replaced. The patterns are ASCII but for the letters of a local
 * part, so the scan works on bytes: a byte below 0x80 is never part of a
 * multi-byte character.
 *
 * The rules are in csm-mask.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "csm-mask.h"

/* More groups than this are more digits than any card. */
#define MAX_GROUPS 24

typedef struct
{
  gsize start;      /* the first digit, or the "(" */
  gsize end;        /* past the last digit, or past the ")" */
  gsize n_digits;
  char sep;         /* what joins it to the group before: ' ', '-', '.' or 0 */
  gboolean paren;
} Group;

typedef struct
{
  gboolean plus;
  gsize n_groups;
  gsize end;        /* past the whole run, with a group left out or not */
  Group groups[MAX_GROUPS];
} Run;

static gboolean
is_local_char (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("._%+-", c) != NULL);
}

static gboolean
is_currency (gunichar c)
{
  return c != 0 && g_unichar_type (c) == G_UNICODE_CURRENCY_SYMBOL;
}

/* The character before byte @pos, or 0 at the start. */
static gunichar
char_before (const char *text,
             gsize       pos)
{
  const char *prev;

  if (pos == 0)
    return 0;
  if ((guchar) text[pos - 1] < 0x80)
    return (guchar) text[pos - 1];
  prev = g_utf8_find_prev_char (text, text + pos);
  return prev != NULL ? g_utf8_get_char (prev) : 0;
}

static gsize
char_before_pos (const char *text,
                 gsize       pos)
{
  const char *prev = g_utf8_find_prev_char (text, text + pos);

  return prev != NULL ? (gsize) (prev - text) : 0;
}

/* The end of the domain starting at @pos, or 0 if there is none. */
static gsize
domain_end (const char *s,
            gsize       pos)
{
  gsize good_end = 0;

  while (g_ascii_isalnum (s[pos]))
    {
      gsize q = pos, e;
      gboolean alpha = TRUE;

      while (g_ascii_isalnum (s[q]) || s[q] == '-')
        q++;
      for (e = q; s[e - 1] == '-'; e--)
        ;
      for (gsize k = pos; k < e; k++)
        alpha = alpha && g_ascii_isalpha (s[k]);
      /* A letter of another script right after it: not an ASCII domain. */
      if (alpha && e - pos >= 2 &&
          ((guchar) s[e] < 0x80 || !g_unichar_isalnum (g_utf8_get_char (s + e))))
        good_end = e;
      if (e != q || s[e] != '.' || !g_ascii_isalnum (s[e + 1]))
        break;
      pos = e + 1;
    }
  return good_end;
}

static gboolean
parse_group (const char *s,
             gsize       pos,
             Group      *group)
{
  gsize k = pos;

  group->start = pos;
  group->paren = s[pos] == '(';
  if (group->paren)
    {
      for (k = pos + 1; g_ascii_isdigit (s[k]) && k - pos <= 4; k++)
        ;
      if (k == pos + 1 || s[k] != ')')
        return FALSE;
      group->n_digits = k - pos - 1;
      group->end = k + 1;
      return TRUE;
    }
  while (g_ascii_isdigit (s[k]))
    k++;
  group->n_digits = k - pos;
  group->end = k;
  return k > pos;
}

/* Whether a run may start at @pos: see the rules at the top. */
static gboolean
starts_alone (const char *s,
              gsize       pos)
{
  gunichar p = char_before (s, pos);
  gunichar pp;

  if (p == 0)
    return TRUE;
  if (g_unichar_isalnum (p) || is_currency (p) || (p < 0x80 && strchr ("_#@/\\&=%+", p) != NULL))
    return FALSE;
  pp = char_before (s, char_before_pos (s, pos));
  if (p == ' ')
    return !is_currency (pp);
  if (p == '-')
    return !g_unichar_isalnum (pp);
  if (p == '.' || p == ',' || p == ':')
    return !g_unichar_isdigit (pp);
  return TRUE;
}

/* Whether what follows byte @pos glues the group before it to a word,
 * a time, a date or an amount. */
static gboolean
glued_at (const char *s,
          gsize       pos)
{
  char c = s[pos];

  if (c == '\0')
    return FALSE;
  if ((guchar) c >= 0x80)
    {
      gunichar u = g_utf8_get_char (s + pos);

      return g_unichar_isalnum (u) || is_currency (u);
    }
  if (g_ascii_isalnum (c) || is_currency ((guchar) c) || strchr ("_@/:%", c) != NULL)
    return TRUE;
  if (strchr (".,-", c) != NULL)
    return g_ascii_isdigit (s[pos + 1]);
  if (c == ' ' && s[pos + 1] != '\0')
    return is_currency (g_utf8_get_char (s + pos + 1));
  return FALSE;
}

static void
parse_run (const char *s,
           gsize       pos,
           Run        *run)
{
  gsize n = 0;
  char sep = 0;
  Group group;

  run->plus = s[pos] == '+';
  run->end = pos;
  pos += run->plus;
  while (parse_group (s, pos, &group))
    {
      char c;

      if (!group.paren && group.n_digits == 1 && n > 0 && !(n == 1 && run->plus))
        break;
      group.sep = sep;
      if (n < MAX_GROUPS)
        run->groups[n] = group;
      n++;
      run->end = group.end;

      c = s[group.end];
      if (group.paren && g_ascii_isdigit (c))
        {
          sep = 0;
          pos = group.end;
        }
      else if ((c == ' ' || c == '-' || c == '.')
               && (g_ascii_isdigit (s[group.end + 1]) || (c != '.' && s[group.end + 1] == '(')))
        {
          sep = c;
          pos = group.end + 1;
        }
      else
        break;
    }
  if (n > 0 && n <= MAX_GROUPS && glued_at (s, run->end))
    n--;
  /* Too many groups for anything we mask: nothing is kept. */
  run->n_groups = n <= MAX_GROUPS ? n : 0;
}

static gsize
run_digits (const Run *run)
{
  gsize digits = 0;

  for (gsize i = 0; i < run->n_groups; i++)
    digits += run->groups[i].n_digits;
  return digits;
}

static gboolean
luhn_valid (const char *s,
            gsize       start,
            gsize       end)
{
  guint sum = 0;
  gboolean twice = FALSE;

  for (gsize k = end; k > start; k--)
    {
      guint d;

      if (!g_ascii_isdigit (s[k - 1]))
        continue;
      d = (guint) (s[k - 1] - '0');
      if (twice)
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
      twice = !twice;
    }
  return sum % 10 == 0;
}

static gboolean
is_card (const char *s,
         const Run  *run)
{
  gsize digits = run_digits (run);

  if (run->plus || digits < 13 || digits > 19)
    return FALSE;
  for (gsize i = 0; i < run->n_groups; i++)
    if (run->groups[i].paren || (i > 0 && run->groups[i].sep == '.'))
      return FALSE;
  return luhn_valid (s, run->groups[0].start, run->groups[run->n_groups - 1].end);
}

static gboolean
is_date (const Run *run)
{
  const Group *g = run->groups;
  gboolean day_month = g[1].n_digits <= 2;

  if (run->n_groups != 3 || run->plus || g[0].paren || g[1].paren || g[2].paren
      || g[1].sep != g[2].sep || g[1].sep == ' ')
    return FALSE;
  return day_month && ((g[0].n_digits == 4 && g[2].n_digits <= 2)
                       || (g[0].n_digits <= 2 && g[2].n_digits == 4));
}

static gboolean
is_phone (const char *s,
          const Run  *run)
{
  const Group *g = run->groups;
  gsize n = run->n_groups;
  gsize digits = run_digits (run);
  gsize n_dots = 0, n_plain_short = 0;
  gboolean long_group = FALSE, any_paren = FALSE, thousands;
  char first;

  if (digits < 7 || digits > 15 || is_date (run))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      n_dots += g[i].sep == '.';
      n_plain_short += !g[i].paren && g[i].n_digits <= 3;
      long_group = long_group || g[i].n_digits >= 3;
      any_paren = any_paren || g[i].paren;
    }
  if (n_dots > 0)
    {
      if (n < 3)
        return FALSE;
      if (n_dots == n - 1 && !any_paren)
        {
          if (n == 4 && n_plain_short == 4)
            return FALSE;
          thousands = g[0].n_digits <= 3;
          for (gsize i = 1; i < n; i++)
            thousands = thousands && g[i].n_digits == 3;
          if (thousands)
            return FALSE;
        }
    }
  first = s[g[0].start + g[0].paren];
  return long_group || run->plus || first == '0';
}

/* "[card]", "[phone]" or %NULL for @run; a card may be followed by its
 * security code, which is then left out of the run. */
static const char *
judge_run (const char *s,
           Run        *run)
{
  const Group *last = &run->groups[run->n_groups - 1];

  if (is_card (s, run))
    return "[card]";
  if (run->n_groups > 1 && !last->paren && last->n_digits >= 3 && last->n_digits <= 4)
    {
      run->n_groups--;
      if (is_card (s, run))
        return "[card]";
      run->n_groups++;
    }
  return is_phone (s, run) ? "[phone]" : NULL;
}

static void
replace (GString    *out,
         const char *s,
         gsize      *copied,
         gsize       start,
         gsize       end,
         const char *with,
         guint      *n_masked)
{
  g_string_append_len (out, s + *copied, start - *copied);
  g_string_append (out, with);
  *copied = end;
  (*n_masked)++;
}

/* The length of the local-part character at @pos, or 0. */
static gsize
local_char_at (const char *s,
               gsize       pos)
{
  if ((guchar) s[pos] < 0x80)
    return is_local_char (s[pos]) ? 1 : 0;
  if (!g_unichar_isalnum (g_utf8_get_char (s + pos)))
    return 0;
  return (gsize) (g_utf8_next_char (s + pos) - (s + pos));
}

/* Addresses first, so that a number cannot take the start of one. */
static GString *
mask_addresses (const char *s,
                guint      *n_masked)
{
  GString *out = g_string_sized_new (strlen (s));
  gsize i = 0, copied = 0;

  while (s[i] != '\0')
    {
      gsize at = i, first, end, n;

      if (local_char_at (s, i) == 0)
        {
          i = (gsize) (g_utf8_next_char (s + i) - s);
          continue;
        }
      while ((n = local_char_at (s, at)) > 0)
        at += n;
      for (first = i; first < at && strchr ("._%+-", s[first]) != NULL; first++)
        ;
      if (s[at] == '@' && first < at && (end = domain_end (s, at + 1)) > 0)
        {
          replace (out, s, &copied, first, end, "[e-mail]", n_masked);
          i = end;
        }
      else
        i = at;
    }
  g_string_append_len (out, s + copied, i - copied);
  return out;
}

static GString *
mask_numbers (const char *s,
              gsize       len,
              guint      *n_masked)
{
  GString *out = g_string_sized_new (len);
  gsize i = 0, copied = 0;

  while (s[i] != '\0')
    {
      char c = s[i];
      gboolean alone;
      Run run;

      if (!g_ascii_isdigit (c)
          && !((c == '+' || c == '(') && (g_ascii_isdigit (s[i + 1]) || s[i + 1] == '(')))
        {
          i++;
          continue;
        }

      alone = starts_alone (s, i);
      parse_run (s, i, &run);
      if (run.end == i)
        {
          i++;
          continue;
        }
      if (alone && run.n_groups > 0)
        {
          const char *with = judge_run (s, &run);
          gsize end = run.groups[run.n_groups - 1].end;

          if (with != NULL)
            {
              replace (out, s, &copied, i, end, with, n_masked);
              i = end;
              continue;
            }
        }
      /* Judged as a whole: nothing inside it starts again. */
      i = run.end;
    }
  g_string_append_len (out, s + copied, i - copied);
  return out;
}

/**
 * csm_mask_personal_data:
 * @text: (nullable): a ticket's text, as UTF-8 (invalid bytes are replaced)
 * @n_masked: (out) (optional): how many items were masked
 *
 * Replaces e-mail addresses with "[e-mail]", payment card numbers with
 * "[card]" and phone numbers with "[phone]", by the rules at the top of
 * this file, leaving everything else as it was.
 *
 * Returns: (transfer full) (nullable): the masked text, or %NULL for %NULL
 */
char *
csm_mask_personal_data (const char *text,
                        guint      *n_masked)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) addresses = NULL;
  GString *masked_text;
  guint masked = 0;

  if (n_masked != NULL)
    *n_masked = 0;
  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  addresses = mask_addresses (valid, &masked);
  masked_text = mask_numbers (addresses->str, addresses->len, &masked);
  if (n_masked != NULL)
    *n_masked = masked;
  return g_string_free (masked_text, FALSE);
}
