/* csm-json-parser.c: csm-json's parser: the document walked without recursion, its tokens read.
 *
 * The whole of the hot path is in this file, so the compiler can inline
 * it: the walk, whitespace, strings found eight bytes at a time, numbers.
 * See csm-json.c for what the parser accepts and the tree it builds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "csm-json-private.h"

typedef struct
{
  gsize start;        /* the container's first pending child on the stack */
  gboolean is_object;
} Frame;

static const char *
describe_byte (guchar  c,
               char   *buf,
               gsize   size)
{
  if (c >= 0x20 && c < 0x7f)
    g_snprintf (buf, size, "“%c”", c);
  else
    g_snprintf (buf, size, "byte 0x%02X", c);
  return buf;
}

static gboolean parser_fail (Parser       *parser,
                             const guchar *at,
                             CsmJsonError  code,
                             const char   *format,
                             ...) G_GNUC_PRINTF (4, 5);

static gboolean
parser_fail (Parser       *parser,
             const guchar *at,
             CsmJsonError  code,
             const char   *format,
             ...)
{
  g_autofree char *what = NULL;
  gsize line = 1;
  const guchar *line_start = parser->begin;
  va_list args;

  for (const guchar *q = parser->begin; q < at; q++)
    if (*q == '\n')
      {
        line++;
        line_start = q + 1;
      }

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (parser->error, CSM_JSON_ERROR, code,
               "%s at line %" G_GSIZE_FORMAT ", column %" G_GSIZE_FORMAT
               " (byte %" G_GSIZE_FORMAT ")",
               what, line, (gsize) (at - line_start) + 1, (gsize) (at - parser->begin));
  return FALSE;
}

static gboolean
fail_truncated (Parser *parser)
{
  return parser_fail (parser, parser->end, CSM_JSON_ERROR_TRUNCATED, "unexpected end of input");
}

static inline CsmJsonValue *
stack_push (Parser *parser)
{
  if (G_UNLIKELY (parser->n_stack == parser->stack_size))
    {
      parser->stack_size *= 2;
      parser->stack = g_renew (CsmJsonValue, parser->stack, parser->stack_size);
    }
  return &parser->stack[parser->n_stack++];
}

/* JSON's four whitespace bytes, as a bit set over 0..32. */
#define WS_MASK ((1ull << ' ') | (1ull << '\t') | (1ull << '\n') | (1ull << '\r'))
#define ONES    G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS   G_GUINT64_CONSTANT (0x8080808080808080)

static inline gboolean
is_ws (guchar c)
{
  return c <= ' ' && ((WS_MASK >> c) & 1);
}

static inline guint64
load64 (const guchar *p)
{
  guint64 w;

  memcpy (&w, p, sizeof w);
  return w;
}

static inline const guchar *
skip_ws (const guchar *p,
         const guchar *end)
{
  /* Pretty-printed pages indent with long runs of spaces. */
  while (p < end && is_ws (*p))
    {
      p++;
      while (end - p >= 8 && load64 (p) == ONES * ' ')
        p += 8;
    }
  return p;
}

/* Flags (in the high bit of each byte, after masking with HIGHS) the bytes
 * of @w that end a plain run of string: '"', '\\', a control character or
 * a non-ASCII byte. Exact as to whether there is one. */
static inline guint64
string_special (guint64 w)
{
  guint64 quote = w ^ (ONES * '"');
  guint64 backslash = w ^ (ONES * '\\');

  return ((quote - ONES) & ~quote) |
         ((backslash - ONES) & ~backslash) |
         ((w - ONES * 0x20) & ~w) |
         w;
}

/* The length of the valid UTF-8 sequence at @p (whose first byte is
 * >= 0x80), 0 if invalid, -1 if cut off by @end. Table 3-7 of Unicode. */
static inline int
utf8_sequence (const guchar *p,
               const guchar *end)
{
  guchar c = p[0];
  guchar lo = 0x80, hi = 0xbf;
  int n;

  if (c >= 0xc2 && c <= 0xdf)
    n = 2;
  else if (c >= 0xe0 && c <= 0xef)
    {
      n = 3;
      if (c == 0xe0)
        lo = 0xa0;
      else if (c == 0xed)
        hi = 0x9f;
    }
  else if (c >= 0xf0 && c <= 0xf4)
    {
      n = 4;
      if (c == 0xf0)
        lo = 0x90;
      else if (c == 0xf4)
        hi = 0x8f;
    }
  else
    return 0;

  if (end - p < 2)
    return -1;
  if (p[1] < lo || p[1] > hi)
    return 0;
  for (int i = 2; i < n; i++)
    {
      if (end - p <= i)
        return -1;
      if ((p[i] & 0xc0) != 0x80)
        return 0;
    }
  return n;
}

static inline int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  c |= 0x20;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* Four hex digits at @p (which stay inside the string: its closing quote is
 * not a hex digit), or -1. */
static inline int
read_hex4 (const guchar *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = hex_value (p[i]);
      if (d < 0)
        return -1;
      v = (v << 4) | d;
    }
  return v;
}

static inline char *
put_utf8 (char     *out,
          gunichar  c)
{
  if (c < 0x80)
    *out++ = (char) c;
  else if (c < 0x800)
    {
      *out++ = (char) (0xc0 | (c >> 6));
      *out++ = (char) (0x80 | (c & 0x3f));
    }
  else if (c < 0x10000)
    {
      *out++ = (char) (0xe0 | (c >> 12));
      *out++ = (char) (0x80 | ((c >> 6) & 0x3f));
      *out++ = (char) (0x80 | (c & 0x3f));
    }
  else
    {
      *out++ = (char) (0xf0 | (c >> 18));
      *out++ = (char) (0x80 | ((c >> 12) & 0x3f));
      *out++ = (char) (0x80 | ((c >> 6) & 0x3f));
      *out++ = (char) (0x80 | (c & 0x3f));
    }
  return out;
}

static gboolean
fail_control (Parser       *parser,
              const guchar *at)
{
  return parser_fail (parser, at, CSM_JSON_ERROR_STRING,
                      "control character 0x%02X in a string (it must be escaped)", *at);
}

static gboolean
fail_utf8 (Parser       *parser,
           const guchar *at)
{
  return parser_fail (parser, at, CSM_JSON_ERROR_STRING, "invalid UTF-8 in a string");
}

/* A string with escapes: @p is at the first backslash, @start just after
 * the opening quote. Finds the closing quote first, so the unescaped text
 * (never longer than the escaped) gets one allocation of the right bound. */
static gboolean
parse_escaped_string (Parser        *parser,
                      const guchar  *start,
                      const guchar  *p,
                      const guchar **out_p,
                      CsmJsonValue  *value)
{
  const guchar *end = parser->end;
  const guchar *close;
  char *out, *text;

  for (close = p; ; close++)
    {
      if (close >= end)
        return fail_truncated (parser);
      if (*close == '"')
        break;
      if (*close == '\\')
        {
          close++;
          if (close >= end)
            return fail_truncated (parser);
        }
      else if (*close < 0x20)
        return fail_control (parser, close);
    }

  if (G_UNLIKELY ((gsize) (close - start) >= G_MAXUINT32))
    return parser_fail (parser, start, CSM_JSON_ERROR_TOO_LARGE, "string too long");

  text = out = arena_alloc_bytes (&parser->arena, (gsize) (close - start) + 1);
  memcpy (out, start, (gsize) (p - start));
  out += p - start;

  while (p < close)
    {
      guchar c = *p;

      if (c == '\\')
        {
          int cp;

          switch (p[1])
            {
            case '"': *out++ = '"'; p += 2; continue;
            case '\\': *out++ = '\\'; p += 2; continue;
            case '/': *out++ = '/'; p += 2; continue;
            case 'b': *out++ = '\b'; p += 2; continue;
            case 'f': *out++ = '\f'; p += 2; continue;
            case 'n': *out++ = '\n'; p += 2; continue;
            case 'r': *out++ = '\r'; p += 2; continue;
            case 't': *out++ = '\t'; p += 2; continue;
            case 'u':
              break;
            default:
              return parser_fail (parser, p, CSM_JSON_ERROR_STRING, "invalid escape “\\%c”",
                                  p[1] >= 0x20 && p[1] < 0x7f ? p[1] : '?');
            }

          cp = read_hex4 (p + 2);
          if (cp < 0)
            return parser_fail (parser, p, CSM_JSON_ERROR_STRING,
                                "invalid \\u escape (four hex digits must follow)");
          if (cp >= 0xdc00 && cp <= 0xdfff)
            return parser_fail (parser, p, CSM_JSON_ERROR_STRING,
                                "unpaired surrogate \\u%04X in a string", (guint) cp);
          if (cp >= 0xd800 && cp <= 0xdbff)
            {
              int low = -1;

              /* p[6] is inside the string or its closing quote. */
              if (p + 6 < close && p[6] == '\\' && p[7] == 'u')
                low = read_hex4 (p + 8);
              if (low < 0xdc00 || low > 0xdfff)
                return parser_fail (parser, p, CSM_JSON_ERROR_STRING,
                                    "unpaired surrogate \\u%04X in a string", (guint) cp);
              cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
              p += 6;
            }
          out = put_utf8 (out, (gunichar) cp);
          p += 6;
        }
      else if (c < 0x80)
        {
          *out++ = (char) c;
          p++;
        }
      else
        {
          int n = utf8_sequence (p, close);

          if (n <= 0)
            return fail_utf8 (parser, p);
          memcpy (out, p, (gsize) n);
          out += n;
          p += n;
        }
    }

  *out = '\0';
  /* Give back what unescaping saved. */
  parser->arena.pos = out + 1;
  value->tag = CSM_JSON_KIND_STRING;
  value->length = (guint32) (out - text);
  value->u.s = text;
  *out_p = close + 1;
  return TRUE;
}

/* @p is just after the opening quote. */
static inline gboolean
parse_string (Parser        *parser,
              const guchar  *p,
              const guchar **out_p,
              CsmJsonValue  *value)
{
  const guchar *start = p;
  const guchar *end = parser->end;
  char *text;
  gsize len;

  for (;;)
    {
      while (end - p >= 8)
        {
          guint64 special = string_special (load64 (p)) & HIGHS;

          if (special != 0)
            {
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
              /* The lowest flagged byte is always a true one: the false
               * positives of the zero-byte test only sit above a true zero. */
              p += __builtin_ctzll (special) / 8;
#endif
              break;
            }
          p += 8;
        }
      if (p >= end)
        return fail_truncated (parser);
      if (*p == '"')
        break;
      if (*p >= 0x80)
        {
          int n = utf8_sequence (p, end);
          if (n < 0)
            return fail_truncated (parser);
          if (n == 0)
            return fail_utf8 (parser, p);
          p += n;
        }
      else if (*p == '\\')
        return parse_escaped_string (parser, start, p, out_p, value);
      else if (*p < 0x20)
        return fail_control (parser, p);
      else
        p++;
    }

  len = (gsize) (p - start);
  if (G_UNLIKELY (len >= G_MAXUINT32))
    return parser_fail (parser, start, CSM_JSON_ERROR_TOO_LARGE, "string too long");
  text = arena_alloc_bytes (&parser->arena, len + 1);
  memcpy (text, start, len);
  text[len] = '\0';
  value->tag = CSM_JSON_KIND_STRING;
  value->length = (guint32) len;
  value->u.s = text;
  *out_p = p + 1;
  return TRUE;
}

/* Powers of ten that doubles hold exactly. */
static const double exact_powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static inline gboolean
is_digit (guchar c)
{
  return c >= '0' && c <= '9';
}

/* Reads the run of digits at *@inout (there is at least one) into
 * @mantissa, as far as its 19 exact digits go, and returns how many it
 * took; a digit beyond them makes the number @inexact. */
static inline int
read_digits (const guchar **inout,
             const guchar  *end,
             guint64       *mantissa,
             int           *n_digits,
             gboolean      *inexact)
{
  const guchar *p = *inout;
  int taken = 0;

  do
    {
      if (*n_digits < 19)
        {
          *mantissa = *mantissa * 10 + (guint64) (*p - '0');
          (*n_digits)++;
          taken++;
        }
      else
        *inexact = TRUE;
      p++;
    }
  while (p < end && is_digit (*p));
  *inout = p;
  return taken;
}

static gboolean
parse_number (Parser        *parser,
              const guchar  *p,
              const guchar **out_p,
              CsmJsonValue  *value)
{
  const guchar *start = p;
  const guchar *end = parser->end;
  gboolean negative = FALSE;
  gboolean integer = TRUE;
  guint64 mantissa = 0;
  int n_digits = 0;          /* digits accumulated into mantissa, at most 19 */
  gboolean inexact = FALSE;  /* more digits than mantissa holds: strtod decides */
  int frac_digits = 0;
  int exponent = 0;
  double d;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
      if (p >= end)
        return fail_truncated (parser);
    }

  if (*p == '0')
    {
      p++;
      if (p < end && is_digit (*p))
        return parser_fail (parser, p - 1, CSM_JSON_ERROR_NUMBER,
                            "number with a leading zero");
    }
  else if (is_digit (*p))
    read_digits (&p, end, &mantissa, &n_digits, &inexact);
  else
    return parser_fail (parser, p, CSM_JSON_ERROR_NUMBER, "a digit must follow “-”");

  if (p < end && *p == '.')
    {
      integer = FALSE;
      p++;
      if (p >= end)
        return fail_truncated (parser);
      if (!is_digit (*p))
        return parser_fail (parser, p, CSM_JSON_ERROR_NUMBER,
                            "a digit must follow the decimal point");
      frac_digits = read_digits (&p, end, &mantissa, &n_digits, &inexact);
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean exp_negative = FALSE;
      int e = 0;

      integer = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        {
          exp_negative = *p == '-';
          p++;
        }
      if (p >= end)
        return fail_truncated (parser);
      if (!is_digit (*p))
        return parser_fail (parser, p, CSM_JSON_ERROR_NUMBER,
                            "a digit must follow the exponent marker");
      do
        {
          /* Far beyond any double either way; stop before int overflows. */
          if (e < 100000)
            e = e * 10 + (*p - '0');
          p++;
        }
      while (p < end && is_digit (*p));
      exponent += exp_negative ? -e : e;
    }

  *out_p = p;

  if (integer && !inexact)
    {
      if (!negative && mantissa <= (guint64) G_MAXINT64)
        {
          value->tag = CSM_JSON_KIND_NUMBER | TAG_INTEGER;
          value->u.i = (gint64) mantissa;
          return TRUE;
        }
      if (negative && mantissa <= (guint64) G_MAXINT64 + 1)
        {
          value->tag = CSM_JSON_KIND_NUMBER | TAG_INTEGER;
          value->u.i = (gint64) (0 - mantissa);
          return TRUE;
        }
    }

  /* Clinger's fast path: an exact mantissa times an exact power of ten is
   * one correctly rounded operation. */
  exponent -= frac_digits;
  if (!inexact && mantissa <= (G_GUINT64_CONSTANT (1) << 53) &&
      exponent >= -22 && exponent <= 22)
    {
      d = (double) mantissa;
      if (exponent < 0)
        d /= exact_powers_of_ten[-exponent];
      else
        d *= exact_powers_of_ten[exponent];
    }
  else
    {
      char buf[64];
      gsize len = (gsize) (p - start);
      g_autofree char *heap = NULL;
      char *text = buf;

      if (len >= sizeof buf)
        text = heap = g_malloc (len + 1);
      memcpy (text, start, len);
      text[len] = '\0';
      d = g_ascii_strtod (text, NULL);
      if (!isfinite (d))
        return parser_fail (parser, start, CSM_JSON_ERROR_NUMBER,
                            "number out of the range of a double");
      negative = FALSE;
    }

  value->tag = CSM_JSON_KIND_NUMBER;
  value->u.d = negative ? -d : d;
  return TRUE;
}

static gboolean
close_container (Parser *parser,
                 Frame  *frame)
{
  gsize n = parser->n_stack - frame->start;
  gsize length = frame->is_object ? n / 2 : n;
  CsmJsonValue *children = NULL;
  CsmJsonValue *value;

  if (G_UNLIKELY (length > G_MAXUINT32))
    return parser_fail (parser, parser->end, CSM_JSON_ERROR_TOO_LARGE,
                        "array or object too large");
  if (n > 0)
    {
      children = arena_alloc_aligned (&parser->arena, n * sizeof (CsmJsonValue));
      memcpy (children, parser->stack + frame->start, n * sizeof (CsmJsonValue));
    }
  parser->n_stack = frame->start;
  value = stack_push (parser);
  value->tag = frame->is_object ? CSM_JSON_KIND_OBJECT : CSM_JSON_KIND_ARRAY;
  value->length = (guint32) length;
  value->u.elements = children;
  return TRUE;
}

/* true, false or null: @p is at the first letter, which says which. */
static gboolean
parse_literal (Parser        *parser,
               const guchar  *p,
               const guchar **out_p,
               CsmJsonValue  *value)
{
  const char *word = *p == 't' ? "true" : *p == 'f' ? "false" : "null";
  gsize len = strlen (word);

  for (gsize i = 0; i < len; i++)
    {
      if (p + i >= parser->end)
        return fail_truncated (parser);
      if (p[i] != (guchar) word[i])
        {
          char buf[32];
          return parser_fail (parser, p + i, CSM_JSON_ERROR_SYNTAX,
                              "unexpected %s (expected “%s”)",
                              describe_byte (p[i], buf, sizeof buf), word);
        }
    }
  value->tag = *p == 'n' ? CSM_JSON_KIND_NULL : CSM_JSON_KIND_BOOLEAN;
  value->u.i = 0;
  value->u.b = *p == 't';
  *out_p = p + len;
  return TRUE;
}

gboolean
_csm_json_parse_document (Parser       *parser,
                          CsmJsonValue *root)
{
  Frame frames[CSM_JSON_MAX_DEPTH];
  guint depth = 0;
  const guchar *p = parser->begin;
  const guchar *end = parser->end;
  CsmJsonValue *value;
  char buf[32];

  /* RFC 8259 lets a parser ignore a byte order mark; json-glib did. */
  if (end - p >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
    p += 3;
  p = skip_ws (p, end);
  if (p == end)
    return parser_fail (parser, p, CSM_JSON_ERROR_EMPTY, "empty document");

parse_value:
  p = skip_ws (p, end);
  if (p >= end)
    return fail_truncated (parser);
  switch (*p)
    {
    case '{':
    case '[':
      if (depth == CSM_JSON_MAX_DEPTH)
        return parser_fail (parser, p, CSM_JSON_ERROR_DEPTH,
                            "arrays and objects nested deeper than %d", CSM_JSON_MAX_DEPTH);
      frames[depth].start = parser->n_stack;
      frames[depth].is_object = *p == '{';
      depth++;
      p = skip_ws (p + 1, end);
      if (p >= end)
        return fail_truncated (parser);
      if (*p == (frames[depth - 1].is_object ? '}' : ']'))
        {
          p++;
          depth--;
          if (!close_container (parser, &frames[depth]))
            return FALSE;
          goto after_value;
        }
      if (frames[depth - 1].is_object)
        goto parse_member;
      goto parse_value;

    case '"':
      value = stack_push (parser);
      if (!parse_string (parser, p + 1, &p, value))
        return FALSE;
      goto after_value;

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      value = stack_push (parser);
      if (!parse_number (parser, p, &p, value))
        return FALSE;
      goto after_value;

    case 't':
    case 'f':
    case 'n':
      value = stack_push (parser);
      if (!parse_literal (parser, p, &p, value))
        return FALSE;
      goto after_value;

    default:
      return parser_fail (parser, p, CSM_JSON_ERROR_SYNTAX, "unexpected %s (expected a value)",
                          describe_byte (*p, buf, sizeof buf));
    }

parse_member:
  /* Whitespace is already skipped. */
  if (*p != '"')
    return parser_fail (parser, p, CSM_JSON_ERROR_SYNTAX,
                        "unexpected %s (expected a member name in double quotes)",
                        describe_byte (*p, buf, sizeof buf));
  value = stack_push (parser);
  if (!parse_string (parser, p + 1, &p, value))
    return FALSE;
  p = skip_ws (p, end);
  if (p >= end)
    return fail_truncated (parser);
  if (*p != ':')
    return parser_fail (parser, p, CSM_JSON_ERROR_SYNTAX,
                        "unexpected %s (expected “:” after a member name)",
                        describe_byte (*p, buf, sizeof buf));
  p++;
  goto parse_value;

after_value:
  if (depth == 0)
    goto done;
  p = skip_ws (p, end);
  if (p >= end)
    return fail_truncated (parser);
  if (*p == ',')
    {
      p = skip_ws (p + 1, end);
      if (p >= end)
        return fail_truncated (parser);
      if (frames[depth - 1].is_object)
        goto parse_member;
      goto parse_value;
    }
  if (*p == (frames[depth - 1].is_object ? '}' : ']'))
    {
      p++;
      depth--;
      if (!close_container (parser, &frames[depth]))
        return FALSE;
      goto after_value;
    }
  return parser_fail (parser, p, CSM_JSON_ERROR_SYNTAX, "unexpected %s (expected “,” or “%c”)",
                      describe_byte (*p, buf, sizeof buf),
                      frames[depth - 1].is_object ? '}' : ']');

done:
  p = skip_ws (p, end);
  if (p != end)
    return parser_fail (parser, p, CSM_JSON_ERROR_SYNTAX,
                        "unexpected %s after the end of the document",
                        describe_byte (*p, buf, sizeof buf));
  g_assert (parser->n_stack == 1);
  *root = parser->stack[0];
  return TRUE;
}
