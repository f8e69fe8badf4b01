/* fuzz-json.c: libFuzzer target for csm-json: no crash, valid UTF-8, and a stable round trip.
 *
 * Whatever csm_json_parse() accepts must hold only valid UTF-8 strings and
 * must survive being written out and parsed again unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-json"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csm-json.h"
#include "csm-json-writer.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Valid UTF-8, where U+0000 (from \u0000) may appear inside. */
static void
check_string (const char *s,
              gsize       len)
{
  const char *end = s + len;

  g_assert (s[len] == '\0');
  while (s < end)
    {
      gsize piece = strnlen (s, (gsize) (end - s));

      g_assert (g_utf8_validate_len (s, piece, NULL));
      s += piece + 1;
    }
}

static void
write_string (GString    *out,
              const char *s,
              gsize       len)
{
  /* The project's own escaping: what it writes, the reader must read back. */
  csm_json_append_string (out, s, (gssize) len);
}

static void
write_value (GString            *out,
             const CsmJsonValue *v)
{
  switch (csm_json_value_get_kind (v))
    {
    case CSM_JSON_KIND_NULL:
      g_string_append (out, "null");
      break;
    case CSM_JSON_KIND_BOOLEAN:
      g_string_append (out, csm_json_value_get_boolean (v) ? "true" : "false");
      break;
    case CSM_JSON_KIND_NUMBER:
      if (csm_json_value_is_integer (v))
        g_string_append_printf (out, "%" G_GINT64_FORMAT, csm_json_value_get_int (v));
      else
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.17g",
                                                 csm_json_value_get_double (v)));
        }
      break;
    case CSM_JSON_KIND_STRING:
      {
        gsize len;
        const char *s = csm_json_value_get_string (v, &len);
        check_string (s, len);
        write_string (out, s, len);
      }
      break;
    case CSM_JSON_KIND_ARRAY:
      g_string_append_c (out, '[');
      for (guint i = 0; i < csm_json_array_get_length (v); i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          write_value (out, csm_json_array_get_element (v, i));
        }
      g_string_append_c (out, ']');
      break;
    case CSM_JSON_KIND_OBJECT:
      g_string_append_c (out, '{');
      for (guint i = 0; i < csm_json_object_get_size (v); i++)
        {
          gsize len;
          const char *name = csm_json_object_get_member_name (v, i, &len);

          check_string (name, len);
          if (i > 0)
            g_string_append_c (out, ',');
          write_string (out, name, len);
          g_string_append_c (out, ':');
          write_value (out, csm_json_object_get_member_value (v, i));
          /* Lookups find a member of that name, the last one. */
          g_assert (csm_json_object_get_member_len (v, name, len) != NULL);
        }
      g_string_append_c (out, '}');
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
assert_equal (const CsmJsonValue *a,
              const CsmJsonValue *b)
{
  g_assert (csm_json_value_get_kind (a) == csm_json_value_get_kind (b));
  switch (csm_json_value_get_kind (a))
    {
    case CSM_JSON_KIND_NULL:
      break;
    case CSM_JSON_KIND_BOOLEAN:
      g_assert (csm_json_value_get_boolean (a) == csm_json_value_get_boolean (b));
      break;
    case CSM_JSON_KIND_NUMBER:
      /* 100.0 comes back as the integer 100: compare values, not spelling. */
      if (csm_json_value_is_integer (a) && csm_json_value_is_integer (b))
        g_assert (csm_json_value_get_int (a) == csm_json_value_get_int (b));
      else
        g_assert (csm_json_value_get_double (a) == csm_json_value_get_double (b));
      break;
    case CSM_JSON_KIND_STRING:
      {
        gsize la, lb;
        const char *sa = csm_json_value_get_string (a, &la);
        const char *sb = csm_json_value_get_string (b, &lb);
        g_assert (la == lb && memcmp (sa, sb, la) == 0);
      }
      break;
    case CSM_JSON_KIND_ARRAY:
      g_assert (csm_json_array_get_length (a) == csm_json_array_get_length (b));
      for (guint i = 0; i < csm_json_array_get_length (a); i++)
        assert_equal (csm_json_array_get_element (a, i), csm_json_array_get_element (b, i));
      break;
    case CSM_JSON_KIND_OBJECT:
      g_assert (csm_json_object_get_size (a) == csm_json_object_get_size (b));
      for (guint i = 0; i < csm_json_object_get_size (a); i++)
        {
          gsize la, lb;
          const char *na = csm_json_object_get_member_name (a, i, &la);
          const char *nb = csm_json_object_get_member_name (b, i, &lb);

          g_assert (la == lb && memcmp (na, nb, la) == 0);
          assert_equal (csm_json_object_get_member_value (a, i),
                        csm_json_object_get_member_value (b, i));
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmJsonDoc) doc = csm_json_parse ((const char *) data, size, &error);
  g_autoptr(CsmJsonDoc) again = NULL;
  g_autoptr(GString) out = NULL;

  if (doc == NULL)
    {
      g_assert (error != NULL && error->domain == CSM_JSON_ERROR);
      g_assert (strstr (error->message, "(byte ") != NULL);
      return 0;
    }
  g_assert (error == NULL);

  out = g_string_new (NULL);
  write_value (out, csm_json_doc_get_root (doc));
  again = csm_json_parse (out->str, out->len, &error);
  if (again == NULL)
    g_error ("could not parse own output: %s\n%s", error->message, out->str);
  assert_equal (csm_json_doc_get_root (doc), csm_json_doc_get_root (again));
  return 0;
}
