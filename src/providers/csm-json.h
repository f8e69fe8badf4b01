/* csm-json.h: a fast, strict RFC 8259 JSON parser into a read-only, arena-allocated tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CSM_JSON_ERROR (csm_json_error_quark ())

/* Every message ends with the line, column (in bytes) and byte offset of
 * the fault. The messages are technical and not translated: callers wrap
 * them in a translated sentence. */
typedef enum
{
  CSM_JSON_ERROR_EMPTY,      /* nothing but whitespace */
  CSM_JSON_ERROR_TRUNCATED,  /* the document ends inside a value */
  CSM_JSON_ERROR_SYNTAX,     /* an unexpected byte, or bytes after the value */
  CSM_JSON_ERROR_STRING,     /* bad escape, lone surrogate, control character, invalid UTF-8 */
  CSM_JSON_ERROR_NUMBER,     /* malformed number, or one beyond the range of a double */
  CSM_JSON_ERROR_DEPTH,      /* more than CSM_JSON_MAX_DEPTH nested arrays and objects */
  CSM_JSON_ERROR_TOO_LARGE,  /* a string of 4 GiB, or an array or object of 2^32 items, or more */
} CsmJsonError;

/* Arrays and objects may nest this deep; one more is an error. */
#define CSM_JSON_MAX_DEPTH 128

typedef enum
{
  CSM_JSON_KIND_NULL,
  CSM_JSON_KIND_BOOLEAN,
  CSM_JSON_KIND_NUMBER,
  CSM_JSON_KIND_STRING,
  CSM_JSON_KIND_ARRAY,
  CSM_JSON_KIND_OBJECT,
} CsmJsonKind;

/* A parsed document owns every value in it: a CsmJsonValue, and each string
 * it gives, lives exactly as long as its CsmJsonDoc, which never changes
 * after parsing and may be read from any thread. Accessors for one kind of
 * value must only be given values of that kind. */
typedef struct _CsmJsonDoc   CsmJsonDoc;
typedef struct _CsmJsonValue CsmJsonValue;

GQuark              csm_json_error_quark             (void);

CsmJsonDoc         *csm_json_parse                   (const char          *data,
                                                      gsize                length,
                                                      GError             **error);
void                csm_json_doc_free                (CsmJsonDoc          *doc);
const CsmJsonValue *csm_json_doc_get_root            (const CsmJsonDoc    *doc);

CsmJsonKind         csm_json_value_get_kind          (const CsmJsonValue  *value);
const char         *csm_json_kind_to_string          (CsmJsonKind          kind);
gboolean            csm_json_value_is_null           (const CsmJsonValue  *value);
gboolean            csm_json_value_get_boolean       (const CsmJsonValue  *value);
gboolean            csm_json_value_is_integer        (const CsmJsonValue  *value);
gint64              csm_json_value_get_int           (const CsmJsonValue  *value);
double              csm_json_value_get_double        (const CsmJsonValue  *value);
const char         *csm_json_value_get_string        (const CsmJsonValue  *value,
                                                      gsize               *length);

guint               csm_json_array_get_length        (const CsmJsonValue  *array);
const CsmJsonValue *csm_json_array_get_element       (const CsmJsonValue  *array,
                                                      guint                index_);

guint               csm_json_object_get_size         (const CsmJsonValue  *object);
const CsmJsonValue *csm_json_object_get_member       (const CsmJsonValue  *object,
                                                      const char          *name);
const CsmJsonValue *csm_json_object_get_member_len   (const CsmJsonValue  *object,
                                                      const char          *name,
                                                      gsize                name_length);
const char         *csm_json_object_get_member_name  (const CsmJsonValue  *object,
                                                      guint                index_,
                                                      gsize               *length);
const CsmJsonValue *csm_json_object_get_member_value (const CsmJsonValue  *object,
                                                      guint                index_);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmJsonDoc, csm_json_doc_free)

G_END_DECLS
