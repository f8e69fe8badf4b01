/* test-plain-text.c: known answers for bodies as label text: HTML read, not rendered; plain tidied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "csm-plain-text.h"

#define FFFD "\xef\xbf\xbd"

static void
assert_html (const char *html,
             const char *expected)
{
  g_autofree char *text = csm_plain_text_from_html (html);

  g_assert_cmpstr (text, ==, expected);
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

static void
assert_normalised (const char *text,
                   const char *expected)
{
  g_autofree char *normalised = csm_plain_text_normalise (text);

  g_assert_cmpstr (normalised, ==, expected);
}

static void
test_null (void)
{
  g_assert_null (csm_plain_text_from_html (NULL));
  g_assert_null (csm_plain_text_normalise (NULL));
  assert_html ("", "");
  assert_normalised ("", "");
}

static void
test_blocks (void)
{
  assert_html ("<p>Hello <b>world</b></p>", "Hello world");
  assert_html ("<p>One</p><p>Two</p>", "One\n\nTwo");
  assert_html ("Before<p>Para</p>After", "Before\n\nPara\n\nAfter");
  assert_html ("a<br>b<br/>c<BR >d<br />e", "a\nb\nc\nd\ne");
  assert_html ("a<br><br>b", "a\n\nb");
  assert_html ("a</br>b", "a\nb");
  assert_html ("a<br><br><br><br>b", "a\n\nb");
  assert_html ("<div>a</div><div>b</div>", "a\nb");
  assert_html ("<div><div>a</div></div><div>b</div>", "a\nb");
  assert_html ("<div>a<br></div>b", "a\nb");
  assert_html ("<h1>Title</h1>Body", "Title\n\nBody");
  assert_html ("<H2 class=x>Title</H2><p>Body</p>", "Title\n\nBody");
  assert_html ("a<hr>b", "a\n\nb");
  assert_html ("<p>a</p><p></p><p></p><p>b</p>", "a\n\nb");
  /* Outlook writes blank lines as a paragraph holding a no-break space */
  assert_html ("<p>a</p><p>&nbsp;</p><p>&nbsp;</p><p>b</p>", "a\n\nb");
  assert_html ("<br><br><p>x</p><br><br>", "x");
  assert_html ("<blockquote>quoted</blockquote>reply", "quoted\nreply");
}

static void
test_lists_and_tables (void)
{
  assert_html ("<ul><li>one</li><li>two</li></ul>after", "• one\n• two\nafter");
  assert_html ("<ul>\n  <li> one </li>\n  <li>two\n</li>\n</ul>\n", "• one\n• two");
  assert_html ("Steps:<ol><li>Open<li>Close</ol>", "Steps:\n• Open\n• Close");
  assert_html ("<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><th>d</th></tr></table>",
               "a b\nc d");
}

static void
test_whitespace (void)
{
  assert_html ("  Hello,\n\n   world\t!  ", "Hello, world !");
  assert_html ("<p>Hello,\n   <i>dear</i>\n customer</p>", "Hello, dear customer");
  assert_html ("a<span> </span>b", "a b");
  assert_html ("a<span></span>b", "ab");
  assert_html ("a\r\nb", "a b");
  assert_html ("a&nbsp;b", "a b");
  assert_html ("a&nbsp;&nbsp;b", "a  b");
  assert_html ("a\xc2\xa0\xc2\xa0" "b", "a  b");
  assert_html ("a \x01\x1b" "b", "a b");
  /* <pre> keeps its spaces, tabs and line breaks; the first break is
   * not content */
  assert_html ("<pre>\n  line 1\n    line 2</pre>after", "  line 1\n    line 2\nafter");
  assert_html ("<p>x</p><pre>a  b\tc</pre>", "x\n\na  b\tc");
  assert_html ("<pre>a\r\nb\rc</pre>", "a\nb\nc");
  assert_html ("<pre>a <b>bold</b>  &lt;tag&gt;</pre>", "a bold  <tag>");
  assert_html ("<pre><pre>a  b</pre>  c  </pre>  d  e", "a  b\n  c\nd e");
}

static void
test_dropped (void)
{
  assert_html ("<html><head><title>T</title><style>p { color: red }</style>"
               "<meta charset=utf-8></head><body><script>if (a < b) alert('</p>')</script>"
               "<p>Visible</p><!-- hidden <b>x</b> --></body></html>",
               "Visible");
  assert_html ("<title>T</title>Body", "Body");
  assert_html ("<head>junk<body>Body", "Body");
  assert_html ("<head><style>x</style><div>Body</div>", "Body");
  assert_html ("<SCRIPT type=\"text/javascript\">x</SCRIPT >y", "y");
  assert_html ("<script>var s = '</scripts>';</script>y", "y");
  assert_html ("<style>a</style\n>b", "b");
  assert_html ("a<!-- c -->b", "ab");
  assert_html ("a<!---->b", "ab");
  assert_html ("a<!-->b", "ab");
  assert_html ("a<!-- <p>x</p> -- still -->b", "ab");
  assert_html ("<!DOCTYPE html><p>x</p>", "x");
  assert_html ("<?xml version='1.0'?>x", "x");
  assert_html ("a</>b", "ab");
}

static void
test_entities (void)
{
  assert_html ("&amp; &lt; &gt; &quot; &apos; &#39;", "& < > \" ' '");
  assert_html ("&#233;&#xE9;&#XE9;&#x00e9;", "éééé");
  assert_html ("&#65&#x42 C", "AB C");
  assert_html ("&hellip;&euro;&mdash;&ouml;", "…€—ö");
  assert_html ("&#150;&#128;", "–€");
  assert_html ("&#0; &#xD800; &#x110000; &#99999999999; &#1; &#x7f;",
               FFFD " " FFFD " " FFFD " " FFFD " " FFFD " " FFFD);
  assert_html ("a&#10;&#32;&#9;b", "a b");
  /* unknown or unterminated named entities stay as written */
  assert_html ("&unknown; &amp &AMP; AT&T &; & x", "&unknown; &amp &AMP; AT&T &; & x");
  assert_html ("&#; &#x; &#xg;", "&#; &#x; &#xg;");
  assert_html ("&amp;lt;", "&lt;");
}

static void
test_images (void)
{
  assert_html ("<img src=x.png>", "");
  assert_html ("a<img src='x.png' alt=''>b", "ab");
  assert_html ("a<img src='x.png' alt='  '>b", "ab");
  assert_html ("See <img alt=\"the  error\n dialog\" src=x>", "See [image: the error dialog]");
  assert_html ("<img alt='A &amp; B'>", "[image: A & B]");
  assert_html ("<IMG ALT=Logo>", "[image: Logo]");
  assert_html ("<img alt=\"a > b\">", "[image: a > b]");
}

static void
test_links (void)
{
  assert_html ("<a href=\"https://example.com/x\">here</a>", "here <https://example.com/x>");
  assert_html ("<a href=\"https://example.com/\">https://example.com</a>", "https://example.com");
  assert_html ("<a href=\"https://example.com\">example.com</a>", "example.com");
  assert_html ("<a href=\"http://example.com/a\">http://example.com/a</a>",
               "http://example.com/a");
  assert_html ("<a href=\"mailto:jane@example.com\">jane@example.com</a>", "jane@example.com");
  assert_html ("<a href=\"mailto:jane@example.com\">Jane</a>", "Jane <mailto:jane@example.com>");
  assert_html ("<a href=\"javascript:alert(1)\">click</a>", "click");
  assert_html ("<a href=\"/relative\">rel</a>", "rel");
  assert_html ("<a href=\"ftp://x.test/f\">f</a>", "f");
  assert_html ("<a href=\"https://\">empty</a>", "empty");
  assert_html ("<a href=\"https://x.test/?a=1&amp;b=2\">q</a>", "q <https://x.test/?a=1&b=2>");
  assert_html ("<a href=\" https://x.test/\n path \">p</a>", "p <https://x.test/path>");
  assert_html ("<a name=top>Top</a>", "Top");
  assert_html ("see <a href='HTTPS://x.test'> link </a>.", "see link <HTTPS://x.test>.");
  assert_html ("<a href='https://x.test'><img src=y></a>", "<https://x.test>");
  assert_html ("<a href='https://x.test'><img src=y alt=Logo></a>",
               "[image: Logo] <https://x.test>");
  /* left open: closed by the next link, or at the end */
  assert_html ("<a href='https://x.test'>x", "x <https://x.test>");
  assert_html ("<a href='https://a.test'>a<a href='https://b.test'>b",
               "a <https://a.test>b <https://b.test>");
}

static void
test_malformed (void)
{
  assert_html ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2");
  assert_html ("a <3 b", "a <3 b");
  assert_html ("x<<b>y</b>", "x<y");
  assert_html ("<<<>>>", "<<<>>>");
  assert_html ("<", "<");
  assert_html ("&", "&");
  assert_html ("<a href=\"x>y\" title='a>b'>text</a>", "text");
  assert_html ("<p title=\"<b>\">text</p>", "text");
  assert_html ("<p>unclosed <b>bold", "unclosed bold");
  assert_html ("</p></div></li>stray", "stray");
  /* a tag, comment, quote or script left open takes the rest */
  assert_html ("text <div", "text");
  assert_html ("text <div class=\"x>y", "text");
  assert_html ("a <!-- unclosed", "a");
  assert_html ("a <script>alert(1)", "a");
  assert_html ("a <!", "a");
  assert_html ("a <p", "a");
  assert_html ("a <p =x>b", "a\n\nb");
  assert_html ("a <averyveryverylongtagname>b", "a b");
  assert_html ("a<b/c/d>b", "ab");
  assert_html ("caf\xe9 <b>ok</b> \xff", "caf" FFFD " ok " FFFD);
}

/* A megabyte of markup, and of markup made to be slow. */
static void
test_large (void)
{
  static const struct
  {
    const char *html;
    const char *text;
  } slow[] = {
    { "<", "<" }, { "&", "&" }, { "&#", "&#" }, { "<<b>", "<" }, { "<br>", NULL },
    { "<!--", NULL }, { "<script>", NULL }, { "<a href='https://x.test'>", "<https://x.test> " },
    { "</", NULL }, { "<p ", NULL }, { "<p a=\"", NULL },
  };
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *text = NULL;

  while (html->len < 1024 * 1024)
    {
      g_string_append (html, "<p>Hello &amp; <b>bye</b>\n<a href=\"https://x.test/\">now</a></p>");
      g_string_append (expected, expected->len > 0 ? "\n\n" : "");
      g_string_append (expected, "Hello & bye now <https://x.test/>");
    }
  text = csm_plain_text_from_html (html->str);
  g_assert_cmpstr (text, ==, expected->str);

  for (guint i = 0; i < G_N_ELEMENTS (slow); i++)
    {
      g_autoptr(GString) worst = g_string_new (NULL);
      g_autoptr(GString) worst_expected = g_string_new (NULL);
      g_autofree char *worst_text = NULL;
      g_autofree char *want = NULL;

      while (worst->len < 1024 * 1024)
        {
          g_string_append (worst, slow[i].html);
          if (slow[i].text != NULL)
            g_string_append (worst_expected, slow[i].text);
        }
      worst_text = csm_plain_text_from_html (worst->str);
      want = g_strchomp (g_strdup (worst_expected->str));
      if (strcmp (worst_text, want) != 0)
        g_test_fail_printf ("a megabyte of %s: %.40s…", slow[i].html, worst_text);
    }

  g_string_set_size (html, 0);
  while (html->len < 1024 * 1024)
    g_string_append (html, " \r\n\t\x01\n");
  g_free (text);
  text = csm_plain_text_normalise (html->str);
  g_assert_cmpstr (text, ==, "");
}

static void
test_normalise (void)
{
  assert_normalised ("Hello\r\nWorld\r\n", "Hello\nWorld");
  assert_normalised ("\n\n  \nLine 1   \n\n\nLine 2\t \n\n", "Line 1\n\n\nLine 2");
  assert_normalised ("a\rb\r\rc", "a\nb\n\nc");
  assert_normalised ("a\x01" "b\x7f\tc\x1b[31m", "ab\tc[31m");
  assert_normalised ("  indented\n\tand tabbed", "  indented\n\tand tabbed");
  assert_normalised ("a\xc2\x85" "b", "ab");
  assert_normalised ("x\xc2\xa0\n y \xe2\x80\x83", "x\n y");
  assert_normalised ("\xff ok \xc3", FFFD " ok " FFFD);
  assert_normalised ("   \n\t\n", "");
  assert_normalised ("<b>not html</b> &amp;", "<b>not html</b> &amp;");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/plain-text/null", test_null);
  g_test_add_func ("/core/plain-text/blocks", test_blocks);
  g_test_add_func ("/core/plain-text/lists-and-tables", test_lists_and_tables);
  g_test_add_func ("/core/plain-text/whitespace", test_whitespace);
  g_test_add_func ("/core/plain-text/dropped", test_dropped);
  g_test_add_func ("/core/plain-text/entities", test_entities);
  g_test_add_func ("/core/plain-text/images", test_images);
  g_test_add_func ("/core/plain-text/links", test_links);
  g_test_add_func ("/core/plain-text/malformed", test_malformed);
  g_test_add_func ("/core/plain-text/large", test_large);
  g_test_add_func ("/core/plain-text/normalise", test_normalise);

  return g_test_run ();
}
