/* csm-mask.h: hides personal data a QA reviewer does not need: e-mail addresses, phones, cards.
 *
 * What is masked, and what is not:
 *
 * E-mail → "[e-mail]": a local part of letters and digits (of any script)
 * and ". _ % + -", from its first letter or digit; "@"; an ASCII domain of
 * dot-separated labels of letters, digits and inner hyphens, the last one
 * two or more letters (a host of one label, root@localhost, is an address
 * too). A full stop after the address ends the sentence, not the address.
 *
 * Numbers: a run is an optional "+" and digit groups joined by one space,
 * hyphen or dot; a group may also be 1–4 digits in parentheses, "(555)",
 * "(0)", which may be followed by the next group without a separator. A
 * one-digit group only starts a run (or follows its "+": "+33 1 23 …").
 * A run is judged as a whole, and only where it starts on its own: not
 * after a letter or digit, "_ # @ / \ & = % +", a currency sign (with or
 * without one space between), a "-" after a letter or digit, or a
 * ". , :" after a digit. So "#1234567", "€1,234.50", "ID-5551234567",
 * "page/1234567" and everything joined to them stay as written.
 * When the run's last group runs into a letter, "_ @ / : %", a currency
 * sign (with or without one space), or ". , -" followed by a digit, that
 * group belongs to something else (a time, a date, an amount, a word):
 * it is left out, so "2026-12-07 10:30" is judged as "2026-12-07".
 * "/" is not a separator: "030/1234567" is left as written, because the
 * slash writes dates and fractions just as often.
 *
 * Card → "[card]", checked first: no "+" or parentheses, groups joined by
 * spaces or hyphens only, 13–19 digits, passing the Luhn check; when the
 * run is not one, it is tried without a last group of 3–4 digits, the
 * security code often written after the number ("[card] 123").
 *
 * Phone → "[phone]": 7–15 digits, and not
 *   - a date: three groups joined by the same "-" or ".", sized 4-2-2 or
 *     2-2-4 (one-digit day or month allowed): "2026-12-07", "07.12.2026";
 *   - dotted unless it has three or more groups, and then not an IPv4
 *     address (four groups of 1–3 digits) or an amount with thousands
 *     dots (1–3 digits, then groups of exactly three): "12.50",
 *     "3.14159265", "192.168.10.200", "1.234.567";
 *   - only groups of one or two digits, unless it starts with "+" or "0"
 *     ("01 23 45 67 89" is a phone, "10 20 30 40" a list).
 * A 16-digit number failing Luhn is too long for a phone and stays.
 * What this cannot tell apart, and masks: "1 234 567" without a currency
 * sign, and a reference number of 7–15 plain digits without a "#".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *csm_mask_personal_data (const char *text,
                                  guint      *n_masked);

G_END_DECLS
