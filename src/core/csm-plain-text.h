/* csm-plain-text.h: a ticket body as text for a label: HTML read, not rendered; text/plain tidied.
 *
 * csm_plain_text_from_html() reads HTML as a browser's tokenizer would and
 * writes what a reader would see, without rendering anything:
 *   - tags go; <script>, <style>, <title>, <head> and comments go with all
 *     they hold (<head> also ends at <body> or the first tag that cannot
 *     be in a head, so a page forgetting </head> still shows);
 *   - <br> and blocks (<div>, <li>, <tr>, …) make line breaks; <p>,
 *     headings and <hr> a blank line; never more than one blank line;
 *   - <li> starts with "• "; table cells are a space apart;
 *   - whitespace collapses as in a browser, except inside <pre>;
 *   - entities are decoded: the common named ones, which need their ";"
 *     (others stay as written), and &#NNN; / &#xHH; (";" optional; 0,
 *     surrogates and beyond U+10FFFF as U+FFFD, 128–159 as Windows-1252,
 *     all as in browsers); &nbsp; is a space;
 *   - <img> is "[image: alt]" when it has an alt text, otherwise nothing;
 *   - a link keeps its text, followed by " <target>" for a http(s) or
 *     mailto target the text does not already say (scheme and a closing
 *     "/" aside);
 *   - malformed markup does what it does in a browser: a "<" not followed
 *     by a letter, "/", "!" or "?" is text; a tag, comment, quoted value
 *     or <script> left open takes the rest of the input with it.
 *
 * csm_plain_text_normalise() tidies a text/plain body: CR LF and a lone CR
 * become LF.
 *
 * Both replace invalid UTF-8, drop control characters other than LF and
 * tab, trailing whitespace and blank lines at the start and the end, and
 * take linear time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *csm_plain_text_from_html (const char *html);
char     *csm_plain_text_normalise (const char *text);

G_END_DECLS
