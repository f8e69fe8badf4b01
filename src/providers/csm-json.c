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
 * This file holds the document, its arena and the accessors; the parser is
 * csm-json-parser.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-json"

#include "config.h"

#include <string.h>

#include "csm-json-private.h"

G_DEFINE_QUARK (csm-json-error-quark, csm_json_error)

void
_csm_json_arena_add_block (Arena *arena,
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
  _csm_json_arena_add_block (&parser.arena, 0);
  doc = arena_alloc_aligned (&parser.arena, sizeof (CsmJsonDoc));

  ok = _csm_json_parse_document (&parser, &root);
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
