/* csm-json-writer.c: the one streaming JSON writer (and string escaper) the project uses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "csm-json-writer.h"

struct _CsmJsonWriter
{
  GString *s;
  gboolean pretty;
  guint depth;
  gboolean first;   /* nothing written yet in the current container */
  gboolean keyed;   /* a key was written: the next value is its member's */
};

CsmJsonWriter *
csm_json_writer_new_sized (gboolean pretty,
                           gsize    reserve)
{
  CsmJsonWriter *writer = g_new0 (CsmJsonWriter, 1);

  writer->s = g_string_sized_new (reserve);
  writer->pretty = pretty;
  writer->first = TRUE;
  return writer;
}

CsmJsonWriter *
csm_json_writer_new (gboolean pretty)
{
  return csm_json_writer_new_sized (pretty, 256);
}

void
csm_json_writer_free (CsmJsonWriter *writer)
{
  if (writer == NULL)
    return;
  g_string_free (writer->s, TRUE);
  g_free (writer);
}

char *
csm_json_writer_free_to_string (CsmJsonWriter *writer,
                                gsize         *out_length)
{
  GString *s = writer->s;

  g_free (writer);
  if (out_length != NULL)
    *out_length = s->len;
  return g_string_free (s, FALSE);
}

const char *
csm_json_writer_peek (CsmJsonWriter *writer,
                      gsize         *out_length)
{
  if (out_length != NULL)
    *out_length = writer->s->len;
  return writer->s->str;
}

static void
newline (CsmJsonWriter *writer)
{
  if (!writer->pretty)
    return;
  g_string_append_c (writer->s, '\n');
  for (guint i = 0; i < writer->depth; i++)
    g_string_append (writer->s, "   ");
}

/* Before a value: the comma and line break an array element needs (a
 * member's value has had them before its key). */
static void
before_value (CsmJsonWriter *writer)
{
  if (writer->keyed)
    {
      writer->keyed = FALSE;
      return;
    }
  if (writer->depth == 0)
    return;
  if (!writer->first)
    g_string_append_c (writer->s, ',');
  newline (writer);
  writer->first = FALSE;
}

void
csm_json_append_string (GString    *out,
                        const char *text,
                        gssize      length)
{
  const guchar *p = (const guchar *) (text != NULL ? text : "");
  const guchar *end = length < 0 ? NULL : p + length;

  g_string_append_c (out, '"');
  while (end != NULL ? p < end : *p != '\0')
    {
      const guchar *run = p;

      /* Most text needs no escape: copy it in runs. */
      while ((end != NULL ? p < end : *p != '\0') && *p >= 0x20 && *p != '"' && *p != '\\')
        p++;
      g_string_append_len (out, (const char *) run, p - run);
      if (end != NULL ? p == end : *p == '\0')
        break;

      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          g_string_append_printf (out, "\\u%04x", *p);
          break;
        }
      p++;
    }
  g_string_append_c (out, '"');
}

static void
open_container (CsmJsonWriter *writer,
                char           bracket)
{
  before_value (writer);
  g_string_append_c (writer->s, bracket);
  writer->depth++;
  writer->first = TRUE;
}

static void
close_container (CsmJsonWriter *writer,
                 char           bracket)
{
  g_return_if_fail (writer->depth > 0);

  writer->depth--;
  if (!writer->first)
    newline (writer);
  g_string_append_c (writer->s, bracket);
  writer->first = FALSE;
}

void
csm_json_writer_begin_object (CsmJsonWriter *writer)
{
  open_container (writer, '{');
}

void
csm_json_writer_end_object (CsmJsonWriter *writer)
{
  close_container (writer, '}');
}

void
csm_json_writer_begin_array (CsmJsonWriter *writer)
{
  open_container (writer, '[');
}

void
csm_json_writer_end_array (CsmJsonWriter *writer)
{
  close_container (writer, ']');
}

void
csm_json_writer_key (CsmJsonWriter *writer,
                     const char    *key)
{
  g_return_if_fail (!writer->keyed);

  before_value (writer);
  csm_json_append_string (writer->s, key, -1);
  g_string_append (writer->s, writer->pretty ? " : " : ":");
  writer->keyed = TRUE;
}

void
csm_json_writer_string (CsmJsonWriter *writer,
                        const char    *value)
{
  before_value (writer);
  csm_json_append_string (writer->s, value, -1);
}

void
csm_json_writer_int (CsmJsonWriter *writer,
                     gint64         value)
{
  before_value (writer);
  g_string_append_printf (writer->s, "%" G_GINT64_FORMAT, value);
}

void
csm_json_writer_int_string (CsmJsonWriter *writer,
                            gint64         value)
{
  before_value (writer);
  g_string_append_printf (writer->s, "\"%" G_GINT64_FORMAT "\"", value);
}

void
csm_json_writer_double (CsmJsonWriter *writer,
                        double         value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  before_value (writer);
  if (!isfinite (value))
    {
      g_string_append (writer->s, "null");
      return;
    }
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (writer->s, buffer);
}

void
csm_json_writer_boolean (CsmJsonWriter *writer,
                         gboolean       value)
{
  before_value (writer);
  g_string_append (writer->s, value ? "true" : "false");
}

void
csm_json_writer_null (CsmJsonWriter *writer)
{
  before_value (writer);
  g_string_append (writer->s, "null");
}

void
csm_json_writer_raw (CsmJsonWriter *writer,
                     const char    *json)
{
  before_value (writer);
  g_string_append (writer->s, json);
}

void
csm_json_writer_member_string (CsmJsonWriter *writer,
                               const char    *key,
                               const char    *value)
{
  csm_json_writer_key (writer, key);
  csm_json_writer_string (writer, value);
}

void
csm_json_writer_member_int (CsmJsonWriter *writer,
                            const char    *key,
                            gint64         value)
{
  csm_json_writer_key (writer, key);
  csm_json_writer_int (writer, value);
}
