/* csm-json-writer.h: the one streaming JSON writer (and string escaper) the project uses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes JSON text into a GString as it goes, with no tree in between: the
 * simulator's REST2 answers, the store's string vectors and the JSON
 * benchmark all write through it. Commas, and the indentation of the pretty
 * form (three spaces, " : " between key and value, as RT itself writes),
 * are the writer's business; the caller says what comes next. */
typedef struct _CsmJsonWriter CsmJsonWriter;

CsmJsonWriter *csm_json_writer_new             (gboolean        pretty);
CsmJsonWriter *csm_json_writer_new_sized       (gboolean        pretty,
                                                gsize           reserve);
void           csm_json_writer_free            (CsmJsonWriter  *writer);
char          *csm_json_writer_free_to_string  (CsmJsonWriter  *writer,
                                                gsize          *out_length);
const char    *csm_json_writer_peek            (CsmJsonWriter  *writer,
                                                gsize          *out_length);

void           csm_json_writer_begin_object    (CsmJsonWriter  *writer);
void           csm_json_writer_end_object      (CsmJsonWriter  *writer);
void           csm_json_writer_begin_array     (CsmJsonWriter  *writer);
void           csm_json_writer_end_array       (CsmJsonWriter  *writer);

/* A member's name: the value written next belongs to it. */
void           csm_json_writer_key             (CsmJsonWriter  *writer,
                                                const char     *key);

/* NULL is written as the empty string; use _null() for null. */
void           csm_json_writer_string          (CsmJsonWriter  *writer,
                                                const char     *value);
void           csm_json_writer_int             (CsmJsonWriter  *writer,
                                                gint64          value);
/* An integer as a string ("42"), as REST2 writes ids. */
void           csm_json_writer_int_string      (CsmJsonWriter  *writer,
                                                gint64          value);
/* Shortest text that reads back as the same double; NaN and infinities,
 * which JSON cannot hold, are written as null. */
void           csm_json_writer_double          (CsmJsonWriter  *writer,
                                                double          value);
void           csm_json_writer_boolean         (CsmJsonWriter  *writer,
                                                gboolean        value);
void           csm_json_writer_null            (CsmJsonWriter  *writer);
/* Text that is already JSON, written as one value. */
void           csm_json_writer_raw             (CsmJsonWriter  *writer,
                                                const char     *json);

void           csm_json_writer_member_string   (CsmJsonWriter  *writer,
                                                const char     *key,
                                                const char     *value);
void           csm_json_writer_member_int      (CsmJsonWriter  *writer,
                                                const char     *key,
                                                gint64          value);

/* Appends @text as a quoted JSON string: '"' and '\\' escaped, control
 * characters as \n, \r, \t, \b, \f or \u00XX; every other byte as it is. */
void           csm_json_append_string          (GString        *out,
                                                const char     *text,
                                                gssize          length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmJsonWriter, csm_json_writer_free)

G_END_DECLS
