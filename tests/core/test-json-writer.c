/* test-json-writer.c: known answers for the streaming JSON writer, and a round trip through the reader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "csm-json.h"
#include "csm-json-writer.h"

static char *
finish (CsmJsonWriter *writer)
{
  return csm_json_writer_free_to_string (writer, NULL);
}

static void
test_compact (void)
{
  CsmJsonWriter *w = csm_json_writer_new (FALSE);
  g_autofree char *text = NULL;

  csm_json_writer_begin_object (w);
  csm_json_writer_member_int (w, "id", 42);
  csm_json_writer_key (w, "list");
  csm_json_writer_begin_array (w);
  csm_json_writer_string (w, "a");
  csm_json_writer_null (w);
  csm_json_writer_boolean (w, TRUE);
  csm_json_writer_int_string (w, -7);
  csm_json_writer_begin_object (w);
  csm_json_writer_end_object (w);
  csm_json_writer_begin_array (w);
  csm_json_writer_end_array (w);
  csm_json_writer_end_array (w);
  csm_json_writer_member_string (w, "none", NULL);
  csm_json_writer_key (w, "raw");
  csm_json_writer_raw (w, "[1,2]");
  csm_json_writer_end_object (w);
  text = finish (w);

  g_assert_cmpstr (text, ==,
                   "{\"id\":42,\"list\":[\"a\",null,true,\"-7\",{},[]],\"none\":\"\",\"raw\":[1,2]}");
}

/* RT's own layout: three spaces a level, " : " after a key, empty
 * containers on one line. */
static void
test_pretty (void)
{
  CsmJsonWriter *w = csm_json_writer_new (TRUE);
  g_autofree char *text = NULL;

  csm_json_writer_begin_object (w);
  csm_json_writer_member_string (w, "type", "ticket");
  csm_json_writer_key (w, "items");
  csm_json_writer_begin_array (w);
  csm_json_writer_int (w, 1);
  csm_json_writer_begin_array (w);
  csm_json_writer_end_array (w);
  csm_json_writer_end_array (w);
  csm_json_writer_end_object (w);
  text = finish (w);

  g_assert_cmpstr (text, ==,
                   "{\n"
                   "   \"type\" : \"ticket\",\n"
                   "   \"items\" : [\n"
                   "      1,\n"
                   "      []\n"
                   "   ]\n"
                   "}");
}

static const struct
{
  const char *in;
  gssize length;
  const char *out;
} escape_rows[] = {
  { "plain", -1, "\"plain\"" },
  { "", -1, "\"\"" },
  { "say \"hi\"", -1, "\"say \\\"hi\\\"\"" },
  { "back\\slash", -1, "\"back\\\\slash\"" },
  { "a\nb\rc\td\be\ff", -1, "\"a\\nb\\rc\\td\\be\\ff\"" },
  { "\x01\x1f", -1, "\"\\u0001\\u001f\"" },
  { "caf\xc3\xa9 \xe2\x82\xac", -1, "\"caf\xc3\xa9 \xe2\x82\xac\"" },
  { "/ stays", -1, "\"/ stays\"" },
  { "ab\0cd", 5, "\"ab\\u0000cd\"" },
  { "abcdef", 3, "\"abc\"" },
};

static void
test_escaping (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (escape_rows); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      csm_json_append_string (out, escape_rows[i].in, escape_rows[i].length);
      if (g_strcmp0 (out->str, escape_rows[i].out) != 0)
        g_test_fail_printf ("row %u: wrote %s, expected %s", i, out->str, escape_rows[i].out);
    }
}

static const struct
{
  double value;
  const char *out;
} double_rows[] = {
  { 0.0, "0" },
  { 1.5, "1.5" },
  { -0.1, "-0.1" },
  { 0.1 + 0.2, "0.30000000000000004" },
  { 1e21, "1e+21" },
  { 1.0 / 3.0, "0.3333333333333333" },
};

static void
test_doubles (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (double_rows); i++)
    {
      CsmJsonWriter *w = csm_json_writer_new (FALSE);
      g_autofree char *text = NULL;

      csm_json_writer_double (w, double_rows[i].value);
      text = finish (w);
      if (g_strcmp0 (text, double_rows[i].out) != 0)
        g_test_fail_printf ("row %u: wrote %s, expected %s", i, text, double_rows[i].out);
    }
}

static void
test_not_finite (void)
{
  CsmJsonWriter *w = csm_json_writer_new (FALSE);
  g_autofree char *text = NULL;

  csm_json_writer_begin_array (w);
  csm_json_writer_double (w, NAN);
  csm_json_writer_double (w, INFINITY);
  csm_json_writer_end_array (w);
  text = finish (w);
  g_assert_cmpstr (text, ==, "[null,null]");
}

/* Every byte from 1 to 255 (as valid UTF-8 where it must be) survives
 * writer and reader unchanged. */
static void
test_round_trip (void)
{
  g_autoptr(GString) all = g_string_new (NULL);
  CsmJsonWriter *w = csm_json_writer_new (TRUE);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  CsmJsonDoc *doc;
  const CsmJsonValue *array;
  gsize length = 0;

  for (gunichar c = 1; c < 0x250; c++)
    g_string_append_unichar (all, c);
  g_string_append (all, "\xf0\x9f\x98\x80");

  csm_json_writer_begin_array (w);
  csm_json_writer_string (w, all->str);
  csm_json_writer_string (w, "");
  csm_json_writer_end_array (w);
  text = csm_json_writer_free_to_string (w, &length);
  g_assert_cmpuint (length, ==, strlen (text));

  doc = csm_json_parse (text, length, &error);
  g_assert_no_error (error);
  array = csm_json_doc_get_root (doc);
  g_assert_cmpuint (csm_json_array_get_length (array), ==, 2);
  g_assert_cmpstr (csm_json_value_get_string (csm_json_array_get_element (array, 0), NULL), ==,
                   all->str);
  g_assert_cmpstr (csm_json_value_get_string (csm_json_array_get_element (array, 1), NULL), ==, "");
  csm_json_doc_free (doc);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/json-writer/compact", test_compact);
  g_test_add_func ("/core/json-writer/pretty", test_pretty);
  g_test_add_func ("/core/json-writer/escaping", test_escaping);
  g_test_add_func ("/core/json-writer/doubles", test_doubles);
  g_test_add_func ("/core/json-writer/not-finite", test_not_finite);
  g_test_add_func ("/core/json-writer/round-trip", test_round_trip);

  return g_test_run ();
}
