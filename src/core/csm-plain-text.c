/* csm-plain-text.c: a ticket body as text for a label: HTML read, not rendered; text/plain tidied.
 *
 * The HTML is read once, left to right, and nothing is built: text goes
 * straight to the output, and the tags that matter are acted on as they
 * come. What comes out is described in csm-plain-text.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "csm-plain-text.h"

typedef struct
{
  GString *out;
  gboolean space;      /* collapsible whitespace waits to be written */
  guint pre;           /* <pre> depth */
  gboolean in_head;
  char *href;          /* the open link's target, or NULL */
  gsize link_start;    /* where its text starts in out */
} Writer;

typedef struct
{
  char name[16];       /* lower case; empty when too long to be one we know */
  gboolean end_tag;
  const char *href, *href_end, *alt, *alt_end;   /* as written */
} Tag;

static const struct { const char *name; gunichar c; } entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", 0xA0 }, { "shy", 0xAD }, { "copy", 0xA9 }, { "reg", 0xAE }, { "trade", 0x2122 },
  { "hellip", 0x2026 }, { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "bull", 0x2022 },
  { "middot", 0xB7 }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "sbquo", 0x201A },
  { "ldquo", 0x201C }, { "rdquo", 0x201D }, { "bdquo", 0x201E }, { "laquo", 0xAB },
  { "raquo", 0xBB }, { "euro", 0x20AC }, { "pound", 0xA3 }, { "yen", 0xA5 }, { "cent", 0xA2 },
  { "deg", 0xB0 }, { "times", 0xD7 }, { "auml", 0xE4 }, { "ouml", 0xF6 }, { "uuml", 0xFC },
  { "Auml", 0xC4 }, { "Ouml", 0xD6 }, { "Uuml", 0xDC }, { "szlig", 0xDF }, { "eacute", 0xE9 },
  { "egrave", 0xE8 }, { "agrave", 0xE0 }, { "ccedil", 0xE7 },
};

/* &#128;–&#159;, as browsers read them; the holes are U+FFFD. */
static const gunichar windows_1252[32] = {
  0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
  0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

static const char *const head_tags[] = {   /* may stand in a <head> without ending it */
  "base", "head", "link", "meta", "noscript", "script", "style", "template", "title", NULL
};
static const char *const raw_text_tags[] = { "script", "style", "title", NULL };
static const char *const paragraph_tags[] = { "p", "h1", "h2", "h3", "h4", "h5", "h6", "hr", NULL };
static const char *const block_tags[] = {
  "address", "article", "aside", "blockquote", "caption", "center", "dd", "details",
  "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
  "header", "li", "main", "nav", "ol", "section", "summary", "table", "tr", "ul", NULL
};

static gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static gunichar
numeric_char (guint32 value)
{
  if (value >= 0x80 && value <= 0x9F)
    return windows_1252[value - 0x80];
  if (value == 0 || value == 0x7F || (value < 0x20 && !is_html_space ((char) value))
      || !g_unichar_validate (value))
    return 0xFFFD;
  return value;
}

/* The length of the entity at @p ("&…"), with its character in @c, or 0
 * when it is not one we know and stays as written. */
static gsize
decode_entity (const char *p,
               const char *end,
               gunichar   *c)
{
  const char *q;

  if (p + 1 < end && p[1] == '#')
    {
      gboolean hex = p + 2 < end && (p[2] == 'x' || p[2] == 'X');
      const char *digits = q = p + 2 + hex;
      guint32 value = 0;

      for (; q < end && (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q)); q++)
        value = MIN (value * (hex ? 16 : 10) + (guint32) g_ascii_xdigit_value (*q), 0x110000);
      if (q == digits)
        return 0;
      q += q < end && *q == ';';
      *c = numeric_char (value);
      return (gsize) (q - p);
    }

  for (q = p + 1; q < end && g_ascii_isalnum (*q) && q - p <= 32; q++)
    ;
  if (q == p + 1 || q >= end || *q != ';')
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strlen (entities[i].name) == (gsize) (q - p - 1)
        && strncmp (entities[i].name, p + 1, (gsize) (q - p - 1)) == 0)
      {
        *c = entities[i].c;
        return (gsize) (q + 1 - p);
      }
  return 0;
}

/* Reads the tag at @p ("<name" or "</name") and where its href and alt
 * are; quoted values may hold ">". Returns past its ">", or %NULL when
 * the input ends first. */
static const char *
parse_tag (const char *p,
           const char *end,
           Tag        *tag)
{
  const char *q = p + 1;
  gsize n = 0;

  memset (tag, 0, sizeof *tag);
  tag->end_tag = *q == '/';
  for (q += tag->end_tag; q < end && !is_html_space (*q) && *q != '/' && *q != '>'; q++)
    if (n < sizeof tag->name)
      tag->name[n++] = g_ascii_tolower (*q);
  tag->name[n < sizeof tag->name ? n : 0] = '\0';

  while (q < end)
    {
      const char *name, *value, *value_end;

      if (is_html_space (*q) || *q == '/')
        {
          q++;
          continue;
        }
      if (*q == '>')
        return q + 1;

      for (name = q; q < end && !is_html_space (*q) && *q != '/' && *q != '>' && *q != '='; q++)
        ;
      n = (gsize) (q - name);
      while (q < end && is_html_space (*q))
        q++;
      if (q >= end || *q != '=')
        continue;
      for (q++; q < end && is_html_space (*q); q++)
        ;
      if (q < end && (*q == '"' || *q == '\''))
        {
          value = q + 1;
          if ((value_end = memchr (value, *q, (gsize) (end - value))) == NULL)
            return NULL;
          q = value_end + 1;
        }
      else
        {
          for (value = q; q < end && !is_html_space (*q) && *q != '>'; q++)
            ;
          value_end = q;
        }

      if (tag->href == NULL && n == 4 && g_ascii_strncasecmp (name, "href", 4) == 0)
        {
          tag->href = value;
          tag->href_end = value_end;
        }
      else if (tag->alt == NULL && n == 3 && g_ascii_strncasecmp (name, "alt", 3) == 0)
        {
          tag->alt = value;
          tag->alt_end = value_end;
        }
    }
  return NULL;
}

static void
write_text (Writer     *w,
            const char *text,
            gsize       len)
{
  char last;

  if (w->in_head || len == 0)
    return;
  last = w->out->len > 0 ? w->out->str[w->out->len - 1] : '\n';
  if (w->space && last != '\n' && last != ' ' && last != '\t')
    g_string_append_c (w->out, ' ');
  w->space = FALSE;
  g_string_append_len (w->out, text, (gssize) len);
}

/* Ends the output with @n line breaks, unless it is still empty. */
static void
write_break (Writer *w,
             guint   n)
{
  gsize len = w->out->len;
  guint have = 0;

  if (w->in_head)
    return;
  w->space = FALSE;
  while (have < n && have < len && w->out->str[len - 1 - have] == '\n')
    have++;
  for (; len > 0 && have < n; have++)
    g_string_append_c (w->out, '\n');
}

static void
write_whitespace (Writer *w,
                  char    c)
{
  if (w->pre == 0)
    w->space = !w->in_head;
  else
    write_text (w, c == ' ' || c == '\t' ? &c : "\n", 1);
}

/* Text as written in the source, from @p to @end: entities decoded,
 * whitespace collapsed outside <pre>, a no-break space as a space. */
static void
write_source_text (Writer     *w,
                   const char *p,
                   const char *end)
{
  while (p < end)
    {
      const char *q;
      gunichar c;
      gsize n;
      char buf[6];

      if (*p == '&' && (n = decode_entity (p, end, &c)) > 0)
        {
          if (c < 0x80 && is_html_space ((char) c))
            write_whitespace (w, (char) c);
          else if (c == 0xA0)
            write_text (w, " ", 1);
          else
            write_text (w, buf, (gsize) g_unichar_to_utf8 (c, buf));
          p += n;
        }
      else if (*p == '\r')
        {
          write_whitespace (w, '\n');
          p += p + 1 < end && p[1] == '\n' ? 2 : 1;
        }
      else if (is_html_space (*p))
        write_whitespace (w, *p++);
      else if ((guchar) p[0] == 0xC2 && p + 1 < end && (guchar) p[1] == 0xA0)
        {
          write_text (w, " ", 1);
          p += 2;
        }
      else
        {
          for (q = p + 1; q < end && *q != '&' && !is_html_space (*q) && (guchar) *q != 0xC2; q++)
            ;
          write_text (w, p, (gsize) (q - p));
          p = q;
        }
    }
}

/* @target without its scheme and a closing "/"; whether it had one we
 * show. */
static gboolean
bare_target (const char  *target,
             const char **bare,
             gsize       *len)
{
  static const char *const schemes[] = { "mailto:", "https://", "http://" };
  gboolean shown = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (schemes) && !shown; i++)
    if (g_ascii_strncasecmp (target, schemes[i], strlen (schemes[i])) == 0)
      {
        target += strlen (schemes[i]);
        shown = TRUE;
      }
  *bare = target;
  *len = strlen (target);
  *len -= *len > 0 && target[*len - 1] == '/';
  return shown && *len > 0;
}

/* A http(s) or mailto link's target after its text, unless the text
 * says it already. */
static void
end_link (Writer *w)
{
  g_autofree char *href = g_steal_pointer (&w->href);
  g_autofree char *text = NULL;
  const char *a, *b;
  gsize a_len, b_len;

  if (href == NULL || !bare_target (href, &b, &b_len))
    return;
  text = g_strstrip (g_strndup (w->out->str + w->link_start, w->out->len - w->link_start));
  bare_target (text, &a, &a_len);
  if (a_len == b_len && g_ascii_strncasecmp (a, b, a_len) == 0)
    return;
  w->space = TRUE;
  write_text (w, "<", 1);
  write_text (w, href, strlen (href));
  write_text (w, ">", 1);
}

static void
start_link (Writer    *w,
            const Tag *tag)
{
  GString *href;

  if (tag->href == NULL || w->in_head)
    return;
  /* Entities decoded; whitespace dropped, as browsers do in a URL. */
  href = g_string_sized_new ((gsize) (tag->href_end - tag->href));
  for (const char *p = tag->href; p < tag->href_end; )
    {
      gunichar c;
      gsize n = *p == '&' ? decode_entity (p, tag->href_end, &c) : 0;

      if (n > 0 && !(c < 0x80 && is_html_space ((char) c)))
        g_string_append_unichar (href, c);
      else if (n == 0 && !is_html_space (*p))
        g_string_append_c (href, *p);
      p += MAX (n, 1);
    }
  w->href = g_string_free (href, FALSE);
  w->link_start = w->out->len;
}

/* "[image: alt]", nothing when there is no alt text. */
static void
write_image (Writer    *w,
             const Tag *tag)
{
  const char *p = tag->alt;
  guint pre = w->pre;

  while (p != NULL && p < tag->alt_end && is_html_space (*p))
    p++;
  if (p == NULL || p == tag->alt_end)
    return;
  write_text (w, "[image: ", strlen ("[image: "));
  w->pre = 0;
  write_source_text (w, p, tag->alt_end);
  w->pre = pre;
  w->space = FALSE;
  write_text (w, "]", 1);
}

/* Past the end tag closing a <script>, <style> or <title>, or the end of
 * the input. */
static const char *
skip_raw_text (const char *p,
               const char *end,
               const char *name)
{
  gsize len = strlen (name);

  for (; (p = memchr (p, '<', (gsize) (end - p))) != NULL; p++)
    {
      Tag tag;
      char c;

      if ((gsize) (end - p) < len + 2 || p[1] != '/' || g_ascii_strncasecmp (p + 2, name, len) != 0)
        continue;
      c = p[len + 2];
      if (c == '\0' || c == '>' || c == '/' || is_html_space (c))
        {
          const char *after = parse_tag (p, end, &tag);

          return after != NULL ? after : end;
        }
    }
  return end;
}

static const char *
handle_tag (Writer     *w,
            const char *p,
            const char *end)
{
  Tag tag;
  const char *after = parse_tag (p, end, &tag);
  const char *name = tag.name;
  gboolean start = !tag.end_tag;

  if (after == NULL)
    return end;

  if (w->in_head && (start ? !g_strv_contains (head_tags, name) : strcmp (name, "head") == 0))
    w->in_head = FALSE;
  else if (start && strcmp (name, "head") == 0)
    w->in_head = TRUE;

  if (start && g_strv_contains (raw_text_tags, name))
    return skip_raw_text (after, end, name);
  if (strcmp (name, "a") == 0)
    {
      end_link (w);
      if (start)
        start_link (w, &tag);
    }
  else if (start && strcmp (name, "img") == 0)
    write_image (w, &tag);
  else if (strcmp (name, "br") == 0)   /* </br> too, as in browsers */
    {
      w->space = FALSE;
      write_text (w, "\n", 1);
    }
  else if (strcmp (name, "pre") == 0)
    {
      write_break (w, 1);
      if (!start)
        w->pre -= w->pre > 0;
      else
        {
          w->pre++;
          /* As in browsers, a line break right after <pre> is not content. */
          after += after < end && *after == '\r';
          after += after < end && *after == '\n';
        }
    }
  else if (g_strv_contains (paragraph_tags, name))
    write_break (w, 2);
  else if (g_strv_contains (block_tags, name))
    {
      write_break (w, 1);
      if (start && strcmp (name, "li") == 0)
        write_text (w, "• ", strlen ("• "));
    }
  else if (strcmp (name, "td") == 0 || strcmp (name, "th") == 0)
    w->space = !w->in_head;
  return after;
}

/* Markup at @p, a "<"; returns where the text goes on. */
static const char *
handle_markup (Writer     *w,
               const char *p,
               const char *end)
{
  const char *q;

  if (p[1] == '!' && p[2] == '-' && p[3] == '-')
    {
      q = g_strstr_len (p + 2, end - (p + 2), "-->");
      return q != NULL ? q + 3 : end;
    }
  if (p[1] == '!' || p[1] == '?' || (p[1] == '/' && !g_ascii_isalpha (p[2])))
    {
      q = memchr (p + 1, '>', (gsize) (end - p - 1));
      return q != NULL ? q + 1 : end;
    }
  if (g_ascii_isalpha (p[1]) || p[1] == '/')
    return handle_tag (w, p, end);

  write_text (w, "<", 1);
  return p + 1;
}

/* Line by line: control characters other than tabs dropped, trailing
 * whitespace stripped, blank lines at either end dropped, and runs of
 * blank lines made one when @collapse. Lines end at LF, CR LF or CR. */
static char *
tidy_lines (const char *text,
            gsize       len,
            gboolean    collapse)
{
  GString *out = g_string_sized_new (len);
  const char *p = text, *end = text + len;
  guint blank = 0;

  while (p < end)
    {
      const char *q, *run;
      gsize mark = out->len, line_start, content_end;

      /* Only once there is text: blank lines at the start are dropped. */
      for (guint i = 0; out->len > 0 && i <= (collapse ? MIN (blank, 1) : blank); i++)
        g_string_append_c (out, '\n');
      line_start = content_end = out->len;
      for (q = run = p; q < end && *q != '\n' && *q != '\r'; )
        {
          gunichar c = (guchar) *q < 0x80 ? (gunichar) *q : g_utf8_get_char (q);
          const char *next = g_utf8_next_char (q);

          if (g_unichar_iscntrl (c) && c != '\t')
            {
              g_string_append_len (out, run, q - run);
              run = next;
            }
          else if (!g_unichar_isspace (c))
            content_end = out->len + (gsize) (next - run);
          q = next;
        }
      g_string_append_len (out, run, q - run);
      g_string_truncate (out, content_end == line_start ? mark : content_end);
      blank = content_end == line_start ? blank + 1 : 0;
      p = q + (q < end && *q == '\r' && q + 1 < end && q[1] == '\n') + (q < end);
    }
  return g_string_free (out, FALSE);
}

/**
 * csm_plain_text_from_html:
 * @html: (nullable): a ticket's HTML body
 *
 * Returns: (transfer full) (nullable): what a reader of @html sees, as
 *   text for a label (see csm-plain-text.h), or %NULL for %NULL
 */
char *
csm_plain_text_from_html (const char *html)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = NULL;
  Writer w = { NULL, };
  const char *p, *end;

  if (html == NULL)
    return NULL;

  valid = g_utf8_make_valid (html, -1);
  p = valid;
  end = p + strlen (p);
  w.out = out = g_string_sized_new ((gsize) (end - p));
  while (p < end)
    {
      const char *lt = memchr (p, '<', (gsize) (end - p));

      write_source_text (&w, p, lt != NULL ? lt : end);
      p = lt != NULL ? handle_markup (&w, lt, end) : end;
    }
  end_link (&w);

  return tidy_lines (out->str, out->len, TRUE);
}

/**
 * csm_plain_text_normalise:
 * @text: (nullable): a text/plain body
 *
 * Returns: (transfer full) (nullable): @text tidied for a label (see
 *   csm-plain-text.h), or %NULL for %NULL
 */
char *
csm_plain_text_normalise (const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  return tidy_lines (valid, strlen (valid), FALSE);
}
