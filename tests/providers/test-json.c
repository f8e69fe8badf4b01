/* test-json.c: csm-json against RFC 8259 cases, truncation, nesting depth, and json-glib.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "csm-json.h"
#include "csm-test-server.h"

/* Parses a copy of exactly @len bytes, so that AddressSanitizer sees any
 * read past the end. */
static CsmJsonDoc *
parse_exact (const char  *data,
             gsize        len,
             GError     **error)
{
  g_autofree char *copy = g_memdup2 (data, len);

  return csm_json_parse (copy, len, error);
}

static CsmJsonDoc *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  CsmJsonDoc *doc = parse_exact (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static void
assert_invalid_len (const char   *data,
                    gsize         len,
                    CsmJsonError  code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmJsonDoc) doc = parse_exact (data, len, &error);

  if (doc != NULL)
    {
      g_test_fail_printf ("accepted invalid JSON: %.*s", (int) len, data);
      return;
    }
  g_assert_error (error, CSM_JSON_ERROR, (int) code);
  g_assert_nonnull (strstr (error->message, "(byte "));
}

static void
assert_invalid (const char   *text,
                CsmJsonError  code)
{
  assert_invalid_len (text, strlen (text), code);
}

static void
test_literals (void)
{
  struct { const char *text; CsmJsonKind kind; gboolean b; } cases[] = {
    { "null", CSM_JSON_KIND_NULL, FALSE },
    { "true", CSM_JSON_KIND_BOOLEAN, TRUE },
    { "false", CSM_JSON_KIND_BOOLEAN, FALSE },
    { " \t\r\n true \t\r\n ", CSM_JSON_KIND_BOOLEAN, TRUE },
    /* RFC 8259 §8.1 lets a parser ignore a byte order mark. */
    { "\xef\xbb\xbfnull", CSM_JSON_KIND_NULL, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CsmJsonDoc) doc = parse_ok (cases[i].text);
      const CsmJsonValue *root = csm_json_doc_get_root (doc);

      g_assert_cmpint (csm_json_value_get_kind (root), ==, cases[i].kind);
      if (cases[i].kind == CSM_JSON_KIND_BOOLEAN)
        g_assert_cmpint (csm_json_value_get_boolean (root), ==, cases[i].b);
      else
        g_assert_true (csm_json_value_is_null (root));
    }
}

static void
test_integers (void)
{
  struct { const char *text; gint64 value; } cases[] = {
    { "0", 0 },
    { "-0", 0 },
    { "7", 7 },
    { "-7", -7 },
    { "1234567890", 1234567890 },
    { "9007199254740993", G_GINT64_CONSTANT (9007199254740993) },  /* not a double */
    { "9223372036854775807", G_MAXINT64 },
    { "-9223372036854775808", G_MININT64 },
    { "[42]", 42 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CsmJsonDoc) doc = parse_ok (cases[i].text);
      const CsmJsonValue *v = csm_json_doc_get_root (doc);

      if (csm_json_value_get_kind (v) == CSM_JSON_KIND_ARRAY)
        v = csm_json_array_get_element (v, 0);
      g_assert_cmpint (csm_json_value_get_kind (v), ==, CSM_JSON_KIND_NUMBER);
      g_assert_true (csm_json_value_is_integer (v));
      g_assert_cmpint (csm_json_value_get_int (v), ==, cases[i].value);
      g_assert_cmpfloat (csm_json_value_get_double (v), ==, (double) cases[i].value);
    }
}

static void
test_doubles (void)
{
  /* Every one must be the correctly rounded double, as strtod gives it. */
  const char *cases[] = {
    "0.0", "-0.0", "0.1", "0.5", "1.5", "-2.25", "3.141592653589793", "1e0", "1E2", "1e+2",
    "1e-2", "-1.5e-3", "123456789012345678.0", "0.000001", "1e22", "1e23", "9007199254740993.0",
    "1.7976931348623157e308", "2.2250738585072014e-308", "4.9406564584124654e-324", "5e-324",
    "1e-400", "0.30000000000000004", "123.456e-7", "100000000000000000000000000000.5",
    "0.00000000000000000000000000000000000001",
    "3.14159265358979323846264338327950288419716939937510582097494459",
    /* Integers beyond gint64 stay numbers, as doubles. */
    "9223372036854775808", "-9223372036854775809", "18446744073709551616",
    "12345678901234567890123456789",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CsmJsonDoc) doc = parse_ok (cases[i]);
      const CsmJsonValue *v = csm_json_doc_get_root (doc);
      double expected = g_ascii_strtod (cases[i], NULL);

      g_assert_cmpint (csm_json_value_get_kind (v), ==, CSM_JSON_KIND_NUMBER);
      g_assert_false (csm_json_value_is_integer (v));
      if (memcmp (&expected, &(double) { csm_json_value_get_double (v) }, sizeof (double)) != 0)
        g_test_fail_printf ("%s: got %.17g, expected %.17g", cases[i], csm_json_value_get_double (v),
                 expected);
    }

  /* A number that is not an integer still reads as one, truncated and clamped. */
  {
    g_autoptr(CsmJsonDoc) doc = parse_ok ("[2.9, -2.9, 1e300, -1e300, 9223372036854775808]");
    const CsmJsonValue *a = csm_json_doc_get_root (doc);

    g_assert_cmpint (csm_json_value_get_int (csm_json_array_get_element (a, 0)), ==, 2);
    g_assert_cmpint (csm_json_value_get_int (csm_json_array_get_element (a, 1)), ==, -2);
    g_assert_cmpint (csm_json_value_get_int (csm_json_array_get_element (a, 2)), ==, G_MAXINT64);
    g_assert_cmpint (csm_json_value_get_int (csm_json_array_get_element (a, 3)), ==, G_MININT64);
    g_assert_cmpint (csm_json_value_get_int (csm_json_array_get_element (a, 4)), ==, G_MAXINT64);
  }
}

static void
assert_string (const char *json,
               const char *expected,
               gsize       expected_len)
{
  g_autoptr(CsmJsonDoc) doc = parse_ok (json);
  const CsmJsonValue *v = csm_json_doc_get_root (doc);
  const char *s;
  gsize len;

  g_assert_cmpint (csm_json_value_get_kind (v), ==, CSM_JSON_KIND_STRING);
  s = csm_json_value_get_string (v, &len);
  g_assert_cmpuint (len, ==, expected_len);
  g_assert_cmpmem (s, len, expected, expected_len);
  g_assert_cmpint (s[len], ==, '\0');
}

static void
test_strings (void)
{
  struct { const char *json; const char *expected; } cases[] = {
    { "\"\"", "" },
    { "\"plain\"", "plain" },
    { "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t" },
    { "\"\\u0041\\u00e9\\u00E9\\u20ac\\uFFFF\"", "A\xc3\xa9\xc3\xa9\xe2\x82\xac\xef\xbf\xbf" },
    /* A surrogate pair is one code point, U+1F600 and U+10FFFF. */
    { "\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80" },
    { "\"\\uDBFF\\uDFFF\"", "\xf4\x8f\xbf\xbf" },
    { "\"x\\ud83d\\ude00y\\u00e9\"", "x\xf0\x9f\x98\x80y\xc3\xa9" },
    /* UTF-8 of every length, as is. */
    { "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xef\xbf\xbf \xf4\x8f\xbf\xbf\"",
      "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xef\xbf\xbf \xf4\x8f\xbf\xbf" },
    { "\"\x7f\"", "\x7f" },
    { "\"a/b\"", "a/b" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_string (cases[i].json, cases[i].expected, strlen (cases[i].expected));

  /* \u0000 is valid: the length says where the string ends. */
  assert_string ("\"a\\u0000b\"", "a\0b", 3);

  /* Special bytes at every position relative to the 8-byte scan. */
  for (gsize pos = 0; pos < 20; pos++)
    {
      const char *specials[] = { "\\n", "\xc3\xa9", "\\u00e9", "\\\"" };
      const char *decoded[] = { "\n", "\xc3\xa9", "\xc3\xa9", "\"" };

      for (gsize k = 0; k < G_N_ELEMENTS (specials); k++)
        {
          g_autoptr(GString) json = g_string_new ("\"");
          g_autoptr(GString) expected = g_string_new (NULL);

          for (gsize j = 0; j < pos; j++)
            {
              g_string_append_c (json, 'a' + j % 26);
              g_string_append_c (expected, 'a' + j % 26);
            }
          g_string_append (json, specials[k]);
          g_string_append (expected, decoded[k]);
          g_string_append (json, "0123456789abcdefg\"");
          g_string_append (expected, "0123456789abcdefg");
          assert_string (json->str, expected->str, expected->len);
        }
    }
}

static void
test_containers (void)
{
  g_autoptr(CsmJsonDoc) doc = parse_ok ("{\"a\":[],\"b\":{},\"c\":[1,[2,[3,{\"d\":null}]]],"
                                        "\"\":\"empty name\",\"e\\u00e9\":true,\"dup\":1,"
                                        "\"dup\":2, \"ab\":\"ab\"}");
  const CsmJsonValue *root = csm_json_doc_get_root (doc);
  const CsmJsonValue *c;
  const char *names[] = { "a", "b", "c", "", "e\xc3\xa9", "dup", "dup", "ab" };
  gsize len;

  g_assert_cmpint (csm_json_value_get_kind (root), ==, CSM_JSON_KIND_OBJECT);
  g_assert_cmpuint (csm_json_object_get_size (root), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (csm_json_object_get_member_name (root, i, &len), ==, names[i]);
      g_assert_cmpuint (len, ==, strlen (names[i]));
    }

  g_assert_cmpuint (csm_json_array_get_length (csm_json_object_get_member (root, "a")), ==, 0);
  g_assert_cmpuint (csm_json_object_get_size (csm_json_object_get_member (root, "b")), ==, 0);
  g_assert_cmpstr (csm_json_value_get_string (csm_json_object_get_member (root, ""), NULL), ==,
                   "empty name");
  g_assert_true (csm_json_value_get_boolean (csm_json_object_get_member (root, "e\xc3\xa9")));
  g_assert_null (csm_json_object_get_member (root, "missing"));
  g_assert_null (csm_json_object_get_member (root, "A"));
  g_assert_nonnull (csm_json_object_get_member_len (root, "abc", 2));
  g_assert_null (csm_json_object_get_member_len (root, "a\0", 2));

  /* Duplicates: both kept in order, the lookup finds the last, like json-glib. */
  g_assert_cmpint (csm_json_value_get_int (csm_json_object_get_member_value (root, 5)), ==, 1);
  g_assert_cmpint (csm_json_value_get_int (csm_json_object_get_member_value (root, 6)), ==, 2);
  g_assert_cmpint (csm_json_value_get_int (csm_json_object_get_member (root, "dup")), ==, 2);

  c = csm_json_object_get_member (root, "c");
  g_assert_cmpuint (csm_json_array_get_length (c), ==, 2);
  c = csm_json_array_get_element (c, 1);
  g_assert_cmpint (csm_json_value_get_int (csm_json_array_get_element (c, 0)), ==, 2);
  c = csm_json_array_get_element (c, 1);
  c = csm_json_array_get_element (c, 1);
  g_assert_true (csm_json_value_is_null (csm_json_object_get_member (c, "d")));

  {
    g_autoptr(CsmJsonDoc) empty_array = parse_ok (" [ ] ");
    g_autoptr(CsmJsonDoc) empty_object = parse_ok ("{\n}");
    g_autoptr(CsmJsonDoc) nested = parse_ok ("[[],[{}],{\"a\":[]}]");

    g_assert_cmpuint (csm_json_array_get_length (csm_json_doc_get_root (empty_array)), ==, 0);
    g_assert_cmpuint (csm_json_object_get_size (csm_json_doc_get_root (empty_object)), ==, 0);
    g_assert_cmpuint (csm_json_array_get_length (csm_json_doc_get_root (nested)), ==, 3);
  }
}

/* Much more tree than the first arena block was sized for, and a string
 * larger than any block. */
static void
test_large (void)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(CsmJsonDoc) doc = NULL;
  g_autoptr(CsmJsonDoc) big_doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_strnfill (20 * 1024 * 1024, 'x');
  g_autofree char *big_json = g_strdup_printf ("[\"\\n%s\"]", big);
  const CsmJsonValue *root;
  guint n = 200000;

  for (guint i = 0; i < n; i++)
    g_string_append (json, i % 1000 == 999 ? "[{\"k\":\"v\"}]," : "0,");
  g_string_append (json, "\"end\"]");
  doc = csm_json_parse (json->str, json->len, &error);
  g_assert_no_error (error);
  root = csm_json_doc_get_root (doc);
  g_assert_cmpuint (csm_json_array_get_length (root), ==, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const CsmJsonValue *v = csm_json_array_get_element (root, i);

      if (i % 1000 == 999)
        g_assert_cmpstr (csm_json_value_get_string (
                           csm_json_object_get_member (csm_json_array_get_element (v, 0), "k"),
                           NULL), ==, "v");
      else
        g_assert_cmpint (csm_json_value_get_int (v), ==, 0);
    }
  g_assert_cmpstr (csm_json_value_get_string (csm_json_array_get_element (root, n), NULL), ==,
                   "end");

  big_doc = csm_json_parse (big_json, strlen (big_json), &error);
  g_assert_no_error (error);
  root = csm_json_doc_get_root (big_doc);
  g_assert_cmpstr (csm_json_value_get_string (csm_json_array_get_element (root, 0), NULL) + 1,
                   ==, big);
}

static void
test_depth (void)
{
  g_autoptr(GString) ok = g_string_new (NULL);
  g_autoptr(GString) over = NULL;
  g_autoptr(CsmJsonDoc) doc = NULL;
  const CsmJsonValue *v;
  guint depth = 0;

  /* CSM_JSON_MAX_DEPTH levels are fine. */
  for (guint i = 0; i < CSM_JSON_MAX_DEPTH; i++)
    g_string_append (ok, i % 2 ? "{\"k\":" : "[");
  g_string_append (ok, "1");
  for (guint i = CSM_JSON_MAX_DEPTH; i-- > 0;)
    g_string_append (ok, i % 2 ? "}" : "]");
  doc = parse_ok (ok->str);
  for (v = csm_json_doc_get_root (doc); csm_json_value_get_kind (v) != CSM_JSON_KIND_NUMBER;
       depth++)
    v = csm_json_value_get_kind (v) == CSM_JSON_KIND_ARRAY ? csm_json_array_get_element (v, 0)
                                                          : csm_json_object_get_member (v, "k");
  g_assert_cmpuint (depth, ==, CSM_JSON_MAX_DEPTH);

  /* One more is not. */
  over = g_string_new (NULL);
  for (guint i = 0; i <= CSM_JSON_MAX_DEPTH; i++)
    g_string_append (over, "[");
  for (guint i = 0; i <= CSM_JSON_MAX_DEPTH; i++)
    g_string_append (over, "]");
  assert_invalid (over->str, CSM_JSON_ERROR_DEPTH);

  /* 10,000 levels: an error, not a stack overflow. */
  {
    g_autofree char *arrays = g_strnfill (10000, '[');
    g_autoptr(GString) objects = g_string_new (NULL);

    assert_invalid (arrays, CSM_JSON_ERROR_DEPTH);
    for (guint i = 0; i < 10000; i++)
      g_string_append (objects, "{\"a\":");
    assert_invalid (objects->str, CSM_JSON_ERROR_DEPTH);
  }
}

static void
test_invalid (void)
{
  struct { const char *text; CsmJsonError code; } cases[] = {
    /* empty and blank */
    { "", CSM_JSON_ERROR_EMPTY },
    { " \t\r\n", CSM_JSON_ERROR_EMPTY },
    { "\xef\xbb\xbf", CSM_JSON_ERROR_EMPTY },
    /* structure */
    { "[1,]", CSM_JSON_ERROR_SYNTAX },
    { "[,1]", CSM_JSON_ERROR_SYNTAX },
    { "[1,,2]", CSM_JSON_ERROR_SYNTAX },
    { "{\"a\":1,}", CSM_JSON_ERROR_SYNTAX },
    { "{,}", CSM_JSON_ERROR_SYNTAX },
    { "{a:1}", CSM_JSON_ERROR_SYNTAX },
    { "{'a':1}", CSM_JSON_ERROR_SYNTAX },
    { "['a']", CSM_JSON_ERROR_SYNTAX },
    { "{\"a\" 1}", CSM_JSON_ERROR_SYNTAX },
    { "{\"a\":}", CSM_JSON_ERROR_SYNTAX },
    { "{\"a\"}", CSM_JSON_ERROR_SYNTAX },
    { "{1:1}", CSM_JSON_ERROR_SYNTAX },
    { "[1 2]", CSM_JSON_ERROR_SYNTAX },
    { "[1:2]", CSM_JSON_ERROR_SYNTAX },
    { "[1}", CSM_JSON_ERROR_SYNTAX },
    { "{\"a\":1]", CSM_JSON_ERROR_SYNTAX },
    { "]", CSM_JSON_ERROR_SYNTAX },
    { "}", CSM_JSON_ERROR_SYNTAX },
    { ":", CSM_JSON_ERROR_SYNTAX },
    /* trailing garbage */
    { "[1]]", CSM_JSON_ERROR_SYNTAX },
    { "{}x", CSM_JSON_ERROR_SYNTAX },
    { "1 2", CSM_JSON_ERROR_SYNTAX },
    { "\"a\"\"b\"", CSM_JSON_ERROR_SYNTAX },
    { "null,", CSM_JSON_ERROR_SYNTAX },
    { "[]\xef\xbb\xbf", CSM_JSON_ERROR_SYNTAX },
    /* not JSON at all */
    { "<html>", CSM_JSON_ERROR_SYNTAX },
    { "/* c */ []", CSM_JSON_ERROR_SYNTAX },
    { "[] // c", CSM_JSON_ERROR_SYNTAX },
    { "# c\n[]", CSM_JSON_ERROR_SYNTAX },
    { "[\f]", CSM_JSON_ERROR_SYNTAX },
    { "[\v1]", CSM_JSON_ERROR_SYNTAX },
    { "\xc2\xa0[]", CSM_JSON_ERROR_SYNTAX },
    /* literals */
    { "tru", CSM_JSON_ERROR_TRUNCATED },
    { "nul", CSM_JSON_ERROR_TRUNCATED },
    { "True", CSM_JSON_ERROR_SYNTAX },
    { "nulL", CSM_JSON_ERROR_SYNTAX },
    { "[truex]", CSM_JSON_ERROR_SYNTAX },
    { "[NaN]", CSM_JSON_ERROR_SYNTAX },
    { "[Infinity]", CSM_JSON_ERROR_SYNTAX },
    { "undefined", CSM_JSON_ERROR_SYNTAX },
    /* numbers */
    { "01", CSM_JSON_ERROR_NUMBER },
    { "-01", CSM_JSON_ERROR_NUMBER },
    { "[00]", CSM_JSON_ERROR_NUMBER },
    { "[+1]", CSM_JSON_ERROR_SYNTAX },
    { "[.5]", CSM_JSON_ERROR_SYNTAX },
    { "[1.]", CSM_JSON_ERROR_NUMBER },
    { "[1.e5]", CSM_JSON_ERROR_NUMBER },
    { "[1e]", CSM_JSON_ERROR_NUMBER },
    { "[1e+]", CSM_JSON_ERROR_NUMBER },
    { "[1E-x]", CSM_JSON_ERROR_NUMBER },
    { "[-]", CSM_JSON_ERROR_NUMBER },
    { "[--1]", CSM_JSON_ERROR_NUMBER },
    { "[- 1]", CSM_JSON_ERROR_NUMBER },
    { "[0x10]", CSM_JSON_ERROR_SYNTAX },
    { "[1.5.2]", CSM_JSON_ERROR_SYNTAX },
    { "[1e400]", CSM_JSON_ERROR_NUMBER },
    { "[-1e400]", CSM_JSON_ERROR_NUMBER },
    { "1.0e99999999999999999999", CSM_JSON_ERROR_NUMBER },
    { "-", CSM_JSON_ERROR_TRUNCATED },
    { "1.", CSM_JSON_ERROR_TRUNCATED },
    { "1e", CSM_JSON_ERROR_TRUNCATED },
    { "1e-", CSM_JSON_ERROR_TRUNCATED },
    /* escapes */
    { "[\"\\x41\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\a\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\'\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\0\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\U0041\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\u41\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\u004\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\u00G1\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\\xc3\xa9\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\\x01\"]", CSM_JSON_ERROR_STRING },
    /* lone surrogates are errors (not U+FFFD) */
    { "[\"\\ud800\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\udc00\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\uDFFF\\uD800\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\ud800x\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\ud800\\n\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\ud800\\u0041\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\ud800\\ud800\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\ud800\\u\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\ud83d\\ude0\"]", CSM_JSON_ERROR_STRING },
    /* control characters must be escaped */
    { "[\"a\nb\"]", CSM_JSON_ERROR_STRING },
    { "[\"a\tb\"]", CSM_JSON_ERROR_STRING },
    { "[\"a\rb\"]", CSM_JSON_ERROR_STRING },
    { "[\"\x1f\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\n\x01\"]", CSM_JSON_ERROR_STRING },
    /* invalid UTF-8, plain and after an escape */
    { "[\"\x80\"]", CSM_JSON_ERROR_STRING },
    { "[\"\xbf\"]", CSM_JSON_ERROR_STRING },
    { "[\"\xc0\x80\"]", CSM_JSON_ERROR_STRING },
    { "[\"\xc1\xbf\"]", CSM_JSON_ERROR_STRING },
    { "[\"\xc3\"]", CSM_JSON_ERROR_STRING },
    { "[\"\xc3(\"]", CSM_JSON_ERROR_STRING },
    { "[\"\xe0\x80\x80\"]", CSM_JSON_ERROR_STRING },
    { "[\"\xe0\x9f\xbf\"]", CSM_JSON_ERROR_STRING },
    { "[\"\xed\xa0\x80\"]", CSM_JSON_ERROR_STRING },
    { "[\"\xed\xbf\xbf\"]", CSM_JSON_ERROR_STRING },
    { "[\"\xe2\x82\"]", CSM_JSON_ERROR_STRING },
    { "[\"\xf0\x80\x80\x80\"]", CSM_JSON_ERROR_STRING },
    { "[\"\xf0\x8f\xbf\xbf\"]", CSM_JSON_ERROR_STRING },
    { "[\"\xf4\x90\x80\x80\"]", CSM_JSON_ERROR_STRING },
    { "[\"\xf5\x80\x80\x80\"]", CSM_JSON_ERROR_STRING },
    { "[\"\xf8\x88\x80\x80\x80\"]", CSM_JSON_ERROR_STRING },
    { "[\"\xfe\"]", CSM_JSON_ERROR_STRING },
    { "[\"\xff\"]", CSM_JSON_ERROR_STRING },
    { "[\"\xf0\x9f\x98\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\n\xc3\"]", CSM_JSON_ERROR_STRING },
    { "[\"\\n\xed\xa0\x80\"]", CSM_JSON_ERROR_STRING },
    { "{\"\xff\":1}", CSM_JSON_ERROR_STRING },
    /* truncation */
    { "[", CSM_JSON_ERROR_TRUNCATED },
    { "[1", CSM_JSON_ERROR_TRUNCATED },
    { "[1,", CSM_JSON_ERROR_TRUNCATED },
    { "{", CSM_JSON_ERROR_TRUNCATED },
    { "{\"a\"", CSM_JSON_ERROR_TRUNCATED },
    { "{\"a\":", CSM_JSON_ERROR_TRUNCATED },
    { "{\"a\":1", CSM_JSON_ERROR_TRUNCATED },
    { "\"abc", CSM_JSON_ERROR_TRUNCATED },
    { "\"abcdefghijklmnopq", CSM_JSON_ERROR_TRUNCATED },
    { "\"\\", CSM_JSON_ERROR_TRUNCATED },
    { "\"\\u00", CSM_JSON_ERROR_TRUNCATED },
    { "\"\\n", CSM_JSON_ERROR_TRUNCATED },
    { "\"\xe2\x82", CSM_JSON_ERROR_TRUNCATED },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_invalid (cases[i].text, cases[i].code);

  /* NUL bytes: in a string, outside one, and as the whole input. */
  assert_invalid_len ("[\"a\0\"]", 6, CSM_JSON_ERROR_STRING);
  assert_invalid_len ("[1,\0]", 5, CSM_JSON_ERROR_SYNTAX);
  assert_invalid_len ("[]\0", 3, CSM_JSON_ERROR_SYNTAX);
  assert_invalid_len ("\0", 1, CSM_JSON_ERROR_SYNTAX);
}

static void
test_error_position (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmJsonDoc) doc = NULL;
  const char *text = "{\n  \"a\": [1,\n        2,]\n}";

  doc = csm_json_parse (text, strlen (text), &error);
  g_assert_null (doc);
  g_assert_error (error, CSM_JSON_ERROR, CSM_JSON_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "line 3, column 11 (byte 23)"));
  g_clear_error (&error);

  doc = csm_json_parse ("[\"abc", 5, &error);
  g_assert_error (error, CSM_JSON_ERROR, CSM_JSON_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (error->message, "(byte 5)"));
}

/* Every proper prefix of a real page is an error, at any byte, unless
 * all it lacks is trailing whitespace. */
static void
test_truncation (void)
{
  g_autoptr(GBytes) page = csm_test_load_data ("rt5/tickets_full_page1.json");
  gsize len;
  const char *data = g_bytes_get_data (page, &len);
  gsize complete = len;

  while (complete > 0 && g_ascii_isspace (data[complete - 1]))
    complete--;

  for (gsize n = 0; n <= len; n++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsmJsonDoc) doc = parse_exact (data, n, &error);

      if (n < complete)
        {
          if (doc != NULL)
            {
              g_test_fail_printf ("a prefix of %" G_GSIZE_FORMAT " bytes parsed", n);
              continue;
            }
          g_assert_true (error->domain == CSM_JSON_ERROR);
        }
      else
        g_assert_no_error (error);
    }
}

/* Walks both trees, asserting they agree on every value. */
static void
assert_same (const CsmJsonValue *ours,
             JsonNode           *theirs,
             const char         *path)
{
  switch (json_node_get_node_type (theirs))
    {
    case JSON_NODE_NULL:
      g_assert_cmpint (csm_json_value_get_kind (ours), ==, CSM_JSON_KIND_NULL);
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (theirs))
        {
        case G_TYPE_INT64:
          g_assert_cmpint (csm_json_value_get_kind (ours), ==, CSM_JSON_KIND_NUMBER);
          g_assert_true (csm_json_value_is_integer (ours));
          g_assert_cmpint (csm_json_value_get_int (ours), ==, json_node_get_int (theirs));
          break;
        case G_TYPE_DOUBLE:
          g_assert_cmpint (csm_json_value_get_kind (ours), ==, CSM_JSON_KIND_NUMBER);
          g_assert_false (csm_json_value_is_integer (ours));
          g_assert_cmpfloat (csm_json_value_get_double (ours), ==, json_node_get_double (theirs));
          break;
        case G_TYPE_BOOLEAN:
          g_assert_cmpint (csm_json_value_get_kind (ours), ==, CSM_JSON_KIND_BOOLEAN);
          g_assert_cmpint (csm_json_value_get_boolean (ours), ==, json_node_get_boolean (theirs));
          break;
        case G_TYPE_STRING:
          {
            gsize len;
            const char *s;

            g_assert_cmpint (csm_json_value_get_kind (ours), ==, CSM_JSON_KIND_STRING);
            s = csm_json_value_get_string (ours, &len);
            g_assert_cmpstr (s, ==, json_node_get_string (theirs));
            g_assert_cmpuint (len, ==, strlen (s));
          }
          break;
        default:
          g_error ("%s: unexpected json-glib value type", path);
        }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (theirs);

        g_assert_cmpint (csm_json_value_get_kind (ours), ==, CSM_JSON_KIND_ARRAY);
        g_assert_cmpuint (csm_json_array_get_length (ours), ==, json_array_get_length (array));
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);
            assert_same (csm_json_array_get_element (ours, i),
                         json_array_get_element (array, i), sub);
          }
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (theirs);
        g_autoptr(GList) names = json_object_get_members (object);
        GList *l = names;

        g_assert_cmpint (csm_json_value_get_kind (ours), ==, CSM_JSON_KIND_OBJECT);
        g_assert_cmpuint (csm_json_object_get_size (ours), ==, json_object_get_size (object));
        for (guint i = 0; i < csm_json_object_get_size (ours); i++, l = l->next)
          {
            const char *name = csm_json_object_get_member_name (ours, i, NULL);
            g_autofree char *sub = g_strdup_printf ("%s.%s", path, name);

            /* The same members in the same (document) order. */
            g_assert_cmpstr (name, ==, l->data);
            assert_same (csm_json_object_get_member_value (ours, i),
                         json_object_get_member (object, name), sub);
            assert_same (csm_json_object_get_member (ours, name),
                         json_object_get_member (object, name), sub);
          }
      }
      break;

    default:
      g_error ("%s: unexpected json-glib node type", path);
    }
}

static void
test_same_as_json_glib (void)
{
  g_autofree char *dir_path = csm_test_data_path ("rt5");
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(CsmJsonDoc) doc = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize len;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_test_message ("%s", name);
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      g_assert_true (json_parser_load_from_data (parser, data, (gssize) len, NULL));
      doc = parse_exact (data, len, &error);
      g_assert_no_error (error);
      assert_same (csm_json_doc_get_root (doc), json_parser_get_root (parser), name);
      n_files++;
    }
  g_assert_cmpuint (n_files, >=, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/providers/json/valid/literals", test_literals);
  g_test_add_func ("/providers/json/valid/integers", test_integers);
  g_test_add_func ("/providers/json/valid/doubles", test_doubles);
  g_test_add_func ("/providers/json/valid/strings", test_strings);
  g_test_add_func ("/providers/json/valid/containers", test_containers);
  g_test_add_func ("/providers/json/valid/large", test_large);
  g_test_add_func ("/providers/json/depth", test_depth);
  g_test_add_func ("/providers/json/invalid/cases", test_invalid);
  g_test_add_func ("/providers/json/invalid/position", test_error_position);
  g_test_add_func ("/providers/json/invalid/truncation", test_truncation);
  g_test_add_func ("/providers/json/same-as-json-glib", test_same_as_json_glib);

  return g_test_run ();
}
