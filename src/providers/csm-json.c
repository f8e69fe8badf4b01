/* csm-json.c: a fast, strict RFC 8259 JSON parser into a read-only, arena-allocated tree.
 *
 * A full sync reads hundreds of megabytes of REST2 pages; json-glib spends
 * most of that time in GScanner and in one allocation per node. This parser
 * reads the document once, without recursion, and keeps the whole tree in a
 * few large blocks:
 *
 * - values are 16 bytes; an array is a contiguous run of values, an object a
 *   run of (name, value) pairs in document order. While a container is open
 *   its children wait on a scratch stack and are copied into the arena when
 *   it closes, so every container is one allocation of exactly its size;
 * - strings are copied into the arena, unescaped, NUL-terminated; strings
 *   without escapes (nearly all of them) are found eight bytes at a time and
 *   copied with memcpy;
 * - freeing a document frees its blocks and nothing else.
 *
 * Strictness, beyond the grammar: strings must be valid UTF-8 (no overlong
 * forms, no encoded surrogates, nothing above U+10FFFF) and free of control
 * characters; a \u escape of a lone surrogate is an error, not U+FFFD, since
 * a conforming sender never writes one and silently replacing text would hide
 * a broken server; an empty or blank document is an error; so is nesting
 * deeper than CSM_JSON_MAX_DEPTH, and a number beyond the range of a double.
 * \u0000 is valid JSON and is kept: such a string's length is longer than its
 * C string. A leading UTF-8 byte order mark is skipped, as RFC 8259 allows.
 * Duplicate names are kept in document order; lookups return the last one,
 * as json-glib and JavaScript do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "csm-json.h"

G_DEFINE_QUARK (csm-json-error-quark, csm_json_error)

typedef struct _CsmJsonMember CsmJsonMember;

struct _CsmJsonValue
{
  guint32 tag;     /* CsmJsonKind, | TAG_INTEGER for numbers written as integers in range */
  guint32 length;  /* bytes of a string, elements of an array, members of an object */
  union
  {
    gint64 i;
    double d;
    gboolean b;
    const char *s;
    const CsmJsonValue *elements;
    const CsmJsonMember *members;
  } u;
};

/* Laid out as two values so that an object's pending (name, value) pairs on
 * the scratch stack copy into the arena with one memcpy. */
struct _CsmJsonMember
{
  CsmJsonValue name;
  CsmJsonValue value;
};

G_STATIC_ASSERT (sizeof (CsmJsonMember) == 2 * sizeof (CsmJsonValue));

#define TAG_KIND_MASK 0xffu
#define TAG_INTEGER   0x100u

typedef struct _Block Block;

struct _Block
{
  Block *next;
  gsize size;
};

/* The header (two words: 8 or 16 bytes) keeps a block's data aligned for
 * values. */
G_STATIC_ASSERT (sizeof (Block) % 8 == 0);

struct _CsmJsonDoc
{
  Block *blocks;
  CsmJsonValue root;
};

typedef struct
{
  Block *blocks;
  char *pos;
  char *end;
  gsize block_size;
} Arena;

/* Blocks after the first are at least this big, and grow. */
#define ARENA_MIN_BLOCK (64 * 1024)
#define ARENA_MAX_BLOCK (16 * 1024 * 1024)

static void
arena_add_block (Arena *arena,
                 gsize  min_size)
{
  gsize size = MAX (arena->block_size, min_size);
  Block *block;

  size = (size + 7) & ~(gsize) 7;
  block = g_malloc (sizeof (Block) + size);
  block->next = arena->blocks;
  block->size = size;
  arena->blocks = block;
  arena->pos = (char *) (block + 1);
  arena->end = arena->pos + size;
  arena->block_size = MIN (MAX (arena->block_size * 2, ARENA_MIN_BLOCK), ARENA_MAX_BLOCK);
}

static void
arena_free_blocks (Block *block)
{
  while (block != NULL)
    {
      Block *next = block->next;
      g_free (block);
      block = next;
    }
}

/* Blocks have sizes in multiples of 8, so aligning never passes the end. */
static inline gpointer
arena_alloc_aligned (Arena *arena,
                     gsize  size)
{
  char *p = (char *) (((guintptr) arena->pos + 7) & ~(guintptr) 7);

  if (G_UNLIKELY ((gsize) (arena->end - p) < size))
    {
      arena_add_block (arena, size);
      p = arena->pos;
    }
  arena->pos = p + size;
  return p;
}

static inline char *
arena_alloc_bytes (Arena *arena,
                   gsize  size)
{
  char *p = arena->pos;

  if (G_UNLIKELY ((gsize) (arena->end - p) < size))
    {
      arena_add_block (arena, size);
      p = arena->pos;
    }
  arena->pos = p + size;
  return p;
}

typedef struct
{
  gsize start;        /* the container's first pending child on the stack */
  gboolean is_object;
} Frame;

typedef struct
{
  const guchar *begin;
  const guchar *end;
  Arena arena;
  CsmJsonValue *stack;  /* children of the open containers, in order */
  gsize n_stack;
  gsize stack_size;
  GError **error;
} Parser;

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
    {
      do
        {
          if (n_digits < 19)
            {
              mantissa = mantissa * 10 + (guint64) (*p - '0');
              n_digits++;
            }
          else
            inexact = TRUE;
          p++;
        }
      while (p < end && is_digit (*p));
    }
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
      do
        {
          if (n_digits < 19)
            {
              mantissa = mantissa * 10 + (guint64) (*p - '0');
              n_digits++;
              frac_digits++;
            }
          else
            inexact = TRUE;
          p++;
        }
      while (p < end && is_digit (*p));
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

static gboolean
expect_literal (Parser        *parser,
                const guchar  *p,
                const char    *word,
                gsize          len)
{
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
  return TRUE;
}

static gboolean
parse_document (Parser       *parser,
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
      if (!expect_literal (parser, p, "true", 4))
        return FALSE;
      value = stack_push (parser);
      value->tag = CSM_JSON_KIND_BOOLEAN;
      value->u.i = 0;
      value->u.b = TRUE;
      p += 4;
      goto after_value;

    case 'f':
      if (!expect_literal (parser, p, "false", 5))
        return FALSE;
      value = stack_push (parser);
      value->tag = CSM_JSON_KIND_BOOLEAN;
      value->u.i = 0;
      value->u.b = FALSE;
      p += 5;
      goto after_value;

    case 'n':
      if (!expect_literal (parser, p, "null", 4))
        return FALSE;
      value = stack_push (parser);
      value->tag = CSM_JSON_KIND_NULL;
      value->u.i = 0;
      p += 4;
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

/**
 * csm_json_parse:
 * @data: (array length=length): the document, UTF-8, need not be NUL-terminated
 * @length: its length in bytes
 *
 * Parses a whole JSON document (RFC 8259), strictly: see the top of this
 * file. The tree does not point into @data.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with a
 *   %CSM_JSON_ERROR saying what is wrong and where
 */
CsmJsonDoc *
csm_json_parse (const char  *data,
                gsize        length,
                GError     **error)
{
  Parser parser = { 0 };
  CsmJsonDoc *doc;
  CsmJsonValue root;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  parser.begin = (const guchar *) data;
  parser.end = parser.begin + length;
  parser.error = error;
  parser.stack_size = 256;
  parser.stack = g_new (CsmJsonValue, parser.stack_size);

  /* The tree of one of RT's pretty-printed pages takes 1.2 to 1.4 times
   * the page: one block nearly always holds it. */
  parser.arena.block_size = MIN (sizeof (CsmJsonDoc) + length + length / 2 + 512,
                                 (gsize) ARENA_MAX_BLOCK);
  arena_add_block (&parser.arena, 0);
  doc = arena_alloc_aligned (&parser.arena, sizeof (CsmJsonDoc));

  ok = parse_document (&parser, &root);
  g_free (parser.stack);
  if (!ok)
    {
      arena_free_blocks (parser.arena.blocks);
      return NULL;
    }
  doc->blocks = parser.arena.blocks;
  doc->root = root;
  return doc;
}

void
csm_json_doc_free (CsmJsonDoc *doc)
{
  if (doc != NULL)
    arena_free_blocks (doc->blocks);
}

/**
 * csm_json_doc_get_root:
 *
 * Returns: (transfer none): the top-level value, valid as long as @doc
 */
const CsmJsonValue *
csm_json_doc_get_root (const CsmJsonDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);
  return &doc->root;
}

CsmJsonKind
csm_json_value_get_kind (const CsmJsonValue *value)
{
  g_return_val_if_fail (value != NULL, CSM_JSON_KIND_NULL);
  return (CsmJsonKind) (value->tag & TAG_KIND_MASK);
}

const char *
csm_json_kind_to_string (CsmJsonKind kind)
{
  switch (kind)
    {
    case CSM_JSON_KIND_NULL: return "null";
    case CSM_JSON_KIND_BOOLEAN: return "boolean";
    case CSM_JSON_KIND_NUMBER: return "number";
    case CSM_JSON_KIND_STRING: return "string";
    case CSM_JSON_KIND_ARRAY: return "array";
    case CSM_JSON_KIND_OBJECT: return "object";
    default: return "invalid";
    }
}

gboolean
csm_json_value_is_null (const CsmJsonValue *value)
{
  g_return_val_if_fail (value != NULL, FALSE);
  return (value->tag & TAG_KIND_MASK) == CSM_JSON_KIND_NULL;
}

gboolean
csm_json_value_get_boolean (const CsmJsonValue *value)
{
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail ((value->tag & TAG_KIND_MASK) == CSM_JSON_KIND_BOOLEAN, FALSE);
  return value->u.b;
}

/**
 * csm_json_value_is_integer:
 *
 * Returns: whether @value is a number written without fraction or exponent
 *   that fits a #gint64: csm_json_value_get_int() then gives it exactly
 */
gboolean
csm_json_value_is_integer (const CsmJsonValue *value)
{
  g_return_val_if_fail (value != NULL, FALSE);
  return (value->tag & TAG_INTEGER) != 0;
}

/**
 * csm_json_value_get_int:
 *
 * Returns: the number; a number that is not an integer (see
 *   csm_json_value_is_integer()) is truncated toward zero and clamped to the
 *   range of #gint64
 */
gint64
csm_json_value_get_int (const CsmJsonValue *value)
{
  double d;

  g_return_val_if_fail (value != NULL, 0);
  g_return_val_if_fail ((value->tag & TAG_KIND_MASK) == CSM_JSON_KIND_NUMBER, 0);

  if (value->tag & TAG_INTEGER)
    return value->u.i;
  d = value->u.d;
  if (d >= 9223372036854775808.0)
    return G_MAXINT64;
  if (d <= -9223372036854775808.0)
    return G_MININT64;
  return (gint64) d;
}

gdouble
csm_json_value_get_double (const CsmJsonValue *value)
{
  g_return_val_if_fail (value != NULL, 0.0);
  g_return_val_if_fail ((value->tag & TAG_KIND_MASK) == CSM_JSON_KIND_NUMBER, 0.0);

  if (value->tag & TAG_INTEGER)
    return (double) value->u.i;
  return value->u.d;
}

/**
 * csm_json_value_get_string:
 * @length: (out) (optional): its length in bytes
 *
 * Returns: (transfer none): the unescaped string, valid UTF-8 and
 *   NUL-terminated; it contains a NUL itself only if the document wrote \u0000
 */
const char *
csm_json_value_get_string (const CsmJsonValue *value,
                           gsize              *length)
{
  g_return_val_if_fail (value != NULL, NULL);
  g_return_val_if_fail ((value->tag & TAG_KIND_MASK) == CSM_JSON_KIND_STRING, NULL);

  if (length != NULL)
    *length = value->length;
  return value->u.s;
}

guint
csm_json_array_get_length (const CsmJsonValue *array)
{
  g_return_val_if_fail (array != NULL, 0);
  g_return_val_if_fail ((array->tag & TAG_KIND_MASK) == CSM_JSON_KIND_ARRAY, 0);
  return array->length;
}

const CsmJsonValue *
csm_json_array_get_element (const CsmJsonValue *array,
                            guint               index_)
{
  g_return_val_if_fail (array != NULL, NULL);
  g_return_val_if_fail ((array->tag & TAG_KIND_MASK) == CSM_JSON_KIND_ARRAY, NULL);
  g_return_val_if_fail (index_ < array->length, NULL);
  return &array->u.elements[index_];
}

guint
csm_json_object_get_size (const CsmJsonValue *object)
{
  g_return_val_if_fail (object != NULL, 0);
  g_return_val_if_fail ((object->tag & TAG_KIND_MASK) == CSM_JSON_KIND_OBJECT, 0);
  return object->length;
}

/**
 * csm_json_object_get_member_len:
 * @name: (array length=name_length): a member name, need not be NUL-terminated
 *
 * Objects here are small (RT's have at most a few dozen members): a scan
 * that compares lengths first. Measured on RT pages, keeping three bytes of
 * each name beside its length to compare both at once gained nothing.
 *
 * Returns: (transfer none) (nullable): the value of the last member called
 *   @name, or %NULL
 */
const CsmJsonValue *
csm_json_object_get_member_len (const CsmJsonValue *object,
                                const char         *name,
                                gsize               name_length)
{
  const CsmJsonMember *members;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail ((object->tag & TAG_KIND_MASK) == CSM_JSON_KIND_OBJECT, NULL);
  g_return_val_if_fail (name != NULL || name_length == 0, NULL);

  members = object->u.members;
  for (guint i = object->length; i-- > 0;)
    if (members[i].name.length == name_length &&
        memcmp (members[i].name.u.s, name, name_length) == 0)
      return &members[i].value;
  return NULL;
}

/**
 * csm_json_object_get_member:
 * @name: a member name
 *
 * Returns: (transfer none) (nullable): the value of the last member called
 *   @name, or %NULL
 */
const CsmJsonValue *
csm_json_object_get_member (const CsmJsonValue *object,
                            const char         *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  return csm_json_object_get_member_len (object, name, strlen (name));
}

/**
 * csm_json_object_get_member_name:
 * @index_: a position in document order, below csm_json_object_get_size()
 * @length: (out) (optional): the name's length in bytes
 *
 * Returns: (transfer none): the name of the member at @index_
 */
const char *
csm_json_object_get_member_name (const CsmJsonValue *object,
                                 guint               index_,
                                 gsize              *length)
{
  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail ((object->tag & TAG_KIND_MASK) == CSM_JSON_KIND_OBJECT, NULL);
  g_return_val_if_fail (index_ < object->length, NULL);

  if (length != NULL)
    *length = object->u.members[index_].name.length;
  return object->u.members[index_].name.u.s;
}

const CsmJsonValue *
csm_json_object_get_member_value (const CsmJsonValue *object,
                                  guint               index_)
{
  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail ((object->tag & TAG_KIND_MASK) == CSM_JSON_KIND_OBJECT, NULL);
  g_return_val_if_fail (index_ < object->length, NULL);
  return &object->u.members[index_].value;
}
