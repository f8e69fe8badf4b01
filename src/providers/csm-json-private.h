/* csm-json-private.h: csm-json's tree and arena, and the parser's state, for its two files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-json.h"

G_BEGIN_DECLS

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

/* csm-json.c: a block of at least @min_size bytes, and the arena moves on to it. */
void     _csm_json_arena_add_block (Arena        *arena,
                                    gsize         min_size);

/* Blocks have sizes in multiples of 8, so aligning never passes the end. */
static inline gpointer
arena_alloc_aligned (Arena *arena,
                     gsize  size)
{
  char *p = (char *) (((guintptr) arena->pos + 7) & ~(guintptr) 7);

  if (G_UNLIKELY ((gsize) (arena->end - p) < size))
    {
      _csm_json_arena_add_block (arena, size);
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
      _csm_json_arena_add_block (arena, size);
      p = arena->pos;
    }
  arena->pos = p + size;
  return p;
}

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

/* csm-json-parser.c: parses the whole of @parser's input into @root, or sets
 * the parser's error and returns FALSE. */
gboolean _csm_json_parse_document  (Parser       *parser,
                                    CsmJsonValue *root);

G_END_DECLS
