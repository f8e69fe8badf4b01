/* test-mask.c: known answers for masking e-mail addresses, phones and cards, and for what stays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "csm-mask.h"

static void
assert_masked (const char *text,
               const char *expected,
               guint       expected_n)
{
  g_autofree char *masked = NULL;
  guint n = G_MAXUINT;

  masked = csm_mask_personal_data (text, &n);
  g_assert_cmpstr (masked, ==, expected);
  g_assert_cmpuint (n, ==, expected_n);
}

static void
assert_kept (const char *text)
{
  assert_masked (text, text, 0);
}

static void
test_null (void)
{
  guint n = 99;

  g_assert_null (csm_mask_personal_data (NULL, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_null (csm_mask_personal_data (NULL, NULL));
  assert_masked ("", "", 0);

  /* the count is optional */
  {
    g_autofree char *masked = csm_mask_personal_data ("jane@example.com", NULL);

    g_assert_cmpstr (masked, ==, "[e-mail]");
  }
}

static void
test_email (void)
{
  assert_masked ("Write to jane.doe@example.com today", "Write to [e-mail] today", 1);
  assert_masked ("j.o-h_n+tag@mail.sub.example.co.uk.", "[e-mail].", 1);
  assert_masked ("<JANE@EXAMPLE.COM>", "<[e-mail]>", 1);
  assert_masked ("mailto:bob@example.org?subject=Hi", "mailto:[e-mail]?subject=Hi", 1);
  assert_masked ("first.last@example.de, second@example-shop.de;third@x.io",
                 "[e-mail], [e-mail];[e-mail]", 3);
  /* punctuation before the address is not part of it */
  assert_masked ("--jane@example.com", "--[e-mail]", 1);
  assert_masked ("(jane@example.com)", "([e-mail])", 1);
  /* digits in the local part make it no phone */
  assert_masked ("5551234567@example.com", "[e-mail]", 1);
  assert_masked ("Tel 030 1234567.jane@example.com", "Tel 030 [e-mail]", 1);
  /* trailing hyphen is not part of the domain */
  assert_masked ("jane@example.com-", "[e-mail]-", 1);
  /* letters of any script in the local part, not in the domain */
  assert_masked ("Grüße, jörg@example.com", "Grüße, [e-mail]", 1);
  assert_masked ("«jane@example.com»", "«[e-mail]»", 1);
  assert_kept ("jane@exämple.com");

  /* a host of one label is a mailbox too, as RT's root@localhost */
  assert_masked ("Mail root@localhost or ops@mailhost.", "Mail [e-mail] or [e-mail].", 2);

  /* not addresses */
  assert_kept ("user@x");
  assert_kept ("user@42");
  assert_kept ("a@b.c");
  assert_kept ("@example.com");
  assert_kept ("x@123.456");
  assert_kept ("name @ example.com");
  assert_kept ("foo@-example.com");
  assert_kept ("...@example.com");
  assert_kept ("meet me @ 10");
}

static void
test_phone (void)
{
  assert_masked ("+49 30 1234567", "[phone]", 1);
  assert_masked ("Call (555) 123-4567 now", "Call [phone] now", 1);
  assert_masked ("+1 (555) 123-4567", "[phone]", 1);
  assert_masked ("+49 (0)30 1234567", "[phone]", 1);
  assert_masked ("555.123.4567", "[phone]", 1);
  assert_masked ("030 1234567", "[phone]", 1);
  assert_masked ("Tel.: 0049-30-1234567.", "Tel.: [phone].", 1);
  assert_masked ("Tel:+4930123456", "Tel:[phone]", 1);
  assert_masked ("Tél. +33 1 23 45 67 89", "Tél. [phone]", 1);
  assert_masked ("01 23 45 67 89", "[phone]", 1);
  assert_masked ("1 800 555 1234", "[phone]", 1);
  assert_masked ("5551234567", "[phone]", 1);
  assert_masked ("(030 1234567)", "([phone])", 1);
  assert_masked ("\"+44 20 7946 0958\"", "\"[phone]\"", 1);
  assert_masked ("Call 555-1234567, thanks", "Call [phone], thanks", 1);
  assert_masked ("Nr.5551234567", "Nr.[phone]", 1);
  /* a time after it is not part of it */
  assert_masked ("+49 30 1234567 10:30", "[phone] 10:30", 1);
  /* 7 and 15 digits are the bounds */
  assert_masked ("1234567", "[phone]", 1);
  assert_kept ("123456");
  assert_masked ("+491234567890123", "[phone]", 1);
  assert_kept ("+4912345678901234");
  /* 13 digits failing Luhn: no card, but a phone */
  assert_masked ("1234567890123", "[phone]", 1);
  /* a ticket number before it stands apart */
  assert_masked ("Ticket #12345, call 5551234", "Ticket #12345, call [phone]", 1);
}

static void
test_not_phone (void)
{
  /* too short, tickets, references */
  assert_kept ("order 12345");
  assert_kept ("Ticket #12345");
  assert_kept ("Ticket #1234567");
  assert_kept ("ID-5551234567");
  assert_kept ("abc5551234567");
  assert_kept ("5551234567abc");
  assert_kept ("ß5551234567");
  assert_kept ("https://example.com/orders/5551234567");
  assert_kept ("https://example.com/?id=5551234567&x=1");
  assert_kept ("550e8400-e29b-41d4-a716-446655440000");
  assert_kept ("5551234567_old");

  /* dates and times */
  assert_kept ("on 2026-12-07");
  assert_kept ("on 07.12.2026");
  assert_kept ("on 7.12.2026");
  assert_kept ("2026-12-07 10:30");
  assert_kept ("2026-12-07 10:30:00");
  assert_kept ("2026-12-07T10:30:00Z");
  assert_kept ("12/07/2026");
  assert_kept ("10:30");

  /* money, decimals, versions, addresses */
  assert_kept ("€1,234.50");
  assert_kept ("12.50");
  assert_kept ("$1234567");
  assert_kept ("1234567 €");
  assert_kept ("1234567€");
  assert_kept ("€ 1 234 567");
  assert_kept ("1 234 567 €");
  assert_kept ("EUR 1.234.567,89");
  assert_kept ("1.234.567");
  assert_kept ("1,234,567.89");
  assert_kept ("3.14159265");
  assert_kept ("1234567.89");
  assert_kept ("192.168.100.200");
  assert_kept ("1234567%");

  /* lists of small numbers */
  assert_kept ("10 20 30 40");
  assert_kept ("1 2 3 4 5 6 7 8");

  /* "/" is not a separator */
  assert_kept ("030/1234567");

  /* too long for a phone or a card */
  assert_kept ("12345678901234567890");
  assert_kept ("1234 5678 9012 3456 7890 1234");
}

static void
test_card (void)
{
  assert_masked ("4111 1111 1111 1111", "[card]", 1);
  assert_masked ("4111-1111-1111-1111", "[card]", 1);
  assert_masked ("4111111111111111", "[card]", 1);
  assert_masked ("Amex 3782 822463 10005.", "Amex [card].", 1);
  /* 13 digits passing Luhn: a card, not a phone */
  assert_masked ("4222222222222", "[card]", 1);
  assert_masked ("1234567890128", "[card]", 1);
  assert_masked ("6799990100000000019", "[card]", 1);
  assert_masked ("Card: 5555555555554444, exp 12/26", "Card: [card], exp 12/26", 1);
  assert_masked ("4111 1111 1111 1111 12/26", "[card] 12/26", 1);
  /* the security code after it stays, with nothing to go with it */
  assert_masked ("4111 1111 1111 1111 123", "[card] 123", 1);
  assert_masked ("4111111111111111 1234", "[card] 1234", 1);
  assert_kept ("4111 1111 1111 1112 123");

  /* failing Luhn: too long for a phone */
  assert_kept ("4111 1111 1111 1112");
  assert_kept ("4111111111111111000");
  /* passing Luhn but 20 digits */
  assert_kept ("41111111111111111115");
  /* dots, a "+" or parentheses do not group cards */
  assert_kept ("4111.1111.1111.1111");
  assert_kept ("+4111111111111111");
  assert_kept ("#4111111111111111");
}

static void
test_count (void)
{
  assert_masked ("Mail a@example.com or b@example.com, call +49 30 1234567, "
                 "card 4111 1111 1111 1111, ticket #12345 of 2026-12-07.",
                 "Mail [e-mail] or [e-mail], call [phone], "
                 "card [card], ticket #12345 of 2026-12-07.", 4);
  assert_masked ("nothing to see here", "nothing to see here", 0);
}

static void
test_invalid_utf8 (void)
{
  g_autofree char *masked = NULL;

  assert_masked ("caf\xc3 +49 30 1234567 \xff", "caf\xef\xbf\xbd [phone] \xef\xbf\xbd", 1);
  assert_masked ("\xff" "5551234567", "\xef\xbf\xbd" "[phone]", 1);
  masked = csm_mask_personal_data ("\xe2\x82 jane@example.com \xc0\x80", NULL);
  g_assert_true (g_utf8_validate (masked, -1, NULL));
  g_assert_cmpstr (masked, ==, "\xef\xbf\xbd\xef\xbf\xbd [e-mail] \xef\xbf\xbd\xef\xbf\xbd");
}

/* A megabyte of ticket text, and of text made to be slow. */
static void
test_large (void)
{
  const char *line = "Call +49 30 1234567 or mail jane.doe@example.com about #12345 "
                     "on 2026-12-07, card 4111 1111 1111 1111.\n";
  const char *masked_line = "Call [phone] or mail [e-mail] about #12345 "
                            "on 2026-12-07, card [card].\n";
  const char *slow[] = { "11 ", "5", "1-", "a.", "a@", "@a.", "+(", "(1)", "x@y.", "0 " };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *masked = NULL;
  guint n = 0, lines = 0;

  while (text->len < 1024 * 1024)
    {
      g_string_append (text, line);
      g_string_append (expected, masked_line);
      lines++;
    }
  masked = csm_mask_personal_data (text->str, &n);
  g_assert_cmpstr (masked, ==, expected->str);
  g_assert_cmpuint (n, ==, 3 * lines);

  for (guint i = 0; i < G_N_ELEMENTS (slow); i++)
    {
      g_autoptr(GString) worst = g_string_new (NULL);
      g_autofree char *kept = NULL;

      while (worst->len < 1024 * 1024)
        g_string_append (worst, slow[i]);
      kept = csm_mask_personal_data (worst->str, &n);
      g_assert_cmpuint (n, ==, 0);
      g_assert_true (strcmp (kept, worst->str) == 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/mask/null", test_null);
  g_test_add_func ("/core/mask/e-mail", test_email);
  g_test_add_func ("/core/mask/phone", test_phone);
  g_test_add_func ("/core/mask/not-phone", test_not_phone);
  g_test_add_func ("/core/mask/card", test_card);
  g_test_add_func ("/core/mask/count", test_count);
  g_test_add_func ("/core/mask/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/core/mask/large", test_large);

  return g_test_run ();
}
