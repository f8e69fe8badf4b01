/* test-ticketsql.c: TicketSQL and TransactionSQL known answers over the fixture helpdesk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected ids come from what the fixture means (tests/sim/sim-fixture.c
 * lists every ticket's story), and the expected behaviour from RT 5.0.3 as
 * measured against a real RT (tests/rt, rt5.md): its lack of AND/OR
 * precedence, its date parsing, its NULL handling, its error texts.
 */

#include "config.h"

#include <stdlib.h>

#include "csm-ticketsql.h"
#include "sim-fixture.h"

#define PM_TICKETS " at /usr/share/request-tracker5/lib/RT/Tickets.pm line "
#define PM_TXNS " at /usr/share/request-tracker5/lib/RT/Transactions.pm line "

static CsmSimWorld *world;

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Runs @query (tickets or transactions) as root and returns the ids, in
 * result order or sorted. */
static char *
run (CsmTicketSqlKind   kind,
     const char        *query,
     const char *const *orderby,
     const char *const *order,
     gboolean           sorted,
     guint             *total)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmTicketSql) q = csm_ticketsql_parse (world, kind, query, CSM_SIM_USER_ROOT, &error);
  g_autoptr(CsmTicketSqlOrder) o = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (q);
  o = csm_ticketsql_order_new (world, kind, orderby, order);
  page = csm_ticketsql_select (q, o, 0, 0, G_MAXUINT, total, NULL);

  for (guint i = 0; i < page->len; i++)
    {
      gint64 id = kind == CSM_TICKETSQL_TICKETS ? ((const CsmSimTicket *) page->pdata[i])->id
                                                : ((const CsmSimTransaction *) page->pdata[i])->id;

      g_array_append_val (ids, id);
    }
  if (sorted)
    g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? " " : "", g_array_index (ids, gint64, i));
  return g_string_free (out, FALSE);
}

#define all_tickets "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15"

typedef struct
{
  const char *query;
  const char *expected;    /* sorted ids */
} Case;

static void
check_cases (const Case *cases,
             guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *got = run (CSM_TICKETSQL_TICKETS, cases[i].query, NULL, NULL, TRUE, NULL);

      if (g_strcmp0 (got, cases[i].expected) != 0)
        g_test_fail_printf ("query \"%s\": expected [%s], got [%s]", cases[i].query,
                            cases[i].expected, got);
    }
}

static void
test_status (void)
{
  static const Case cases[] = {
    { "Status = 'new'", "9 13 14 15" },
    { "status = 'NEW'", "9 13 14 15" },
    { "Status = 'deleted'", "" },                       /* never, even asked for */
    { "Status != 'open'", "1 2 3 4 9 10 13 14 15" },
    { "Status = '__Active__'", "2 5 6 7 8 9 11 12 13 14 15" },
    { "Status != '__Active__'", "1 3 4 10" },
    { "Status = '__Inactive__'", "1 3 4 10" },
    { "Status != '__inactive__'", "2 5 6 7 8 9 11 12 13 14 15" },
    { "Status LIKE '__Active__'", "2 5 6 7 8 9 11 12 13 14 15" },
    { "Status = 'new' ;", "9 13 14 15" },                 /* RT skips what it cannot scan */
    { "   ", "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15" },    /* blanks: no condition at all */
    { "", "" },                                         /* no query: nothing */
    { "Status IS NULL", "" },
    { "Status = NULL", "" },
    { "Status != NULL", "" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

/* RT has no AND/OR precedence: a group's last aggregator joins all of it. */
static void
test_aggregators (void)
{
  static const Case cases[] = {
    { "Status = 'new' OR Status = 'open' AND Queue = 'Billing'", "" },
    { "Status = 'new' AND Queue = 'Billing' OR Status = 'open'", "2 5 6 7 8 9 11 12 13 14 15" },
    { "(Status = 'new' OR Status = 'open') AND Queue = 'Billing'", "7 8 13 15" },
    { "Status = 'new' OR (Queue = 'Billing' AND Owner = 'bob')", "2 7 8 9 13 14 15" },
    { "(Status = 'new' OR Status = 'open') AND Queue = 'Billing' OR Owner = 'dave'",
      "1 2 5 6 7 8 9 11 12 13 14 15" },
    { "Status = 'new' and Queue = 'billing'", "13 15" },
    { "((Status = 'new'))", "9 13 14 15" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_queue_owner_people (void)
{
  static const Case cases[] = {
    { "Queue = 'support'", "3 4 5 6 9 10 14" },
    { "Queue = 3", "3 4 5 6 9 10 14" },
    { "Queue = '3'", "3 4 5 6 9 10 14" },
    { "Queue != 'Support'", "1 2 7 8 11 12 13 15" },
    { "Queue LIKE 'ill'", "2 7 8 13 15" },
    { "Queue NOT LIKE 'ill'", "1 3 4 5 6 9 10 11 12 14" },
    { "Queue = 'Nope'", "" },
    { "Queue != 'Nope'", all_tickets },
    { "Queue > 3", "1 2 7 8 11 12 13 15" },
    { "Queue IS NULL", "" },
    { "Owner = 'Nobody'", "10 14 15" },
    { "Owner = 'nobody'", "10 14 15" },
    { "Owner = 6", "10 14 15" },
    { "Owner != 'Nobody'", "1 2 3 4 5 6 7 8 9 11 12 13" },
    { "Owner = 'alice'", "3 4 6 9" },
    { "Owner LIKE 'alice'", "3 4 6 9" },                 /* LIKE looks at the address */
    { "Owner LIKE 'Alice Agent'", "" },
    { "Owner NOT LIKE 'alice'", "1 2 5 7 8 10 11 12 13 14 15" },
    { "Owner.RealName LIKE 'agent'", "2 3 4 5 6 7 8 9 13" },
    { "Owner.Name = 'bob'", "2 5 7 8 13" },
    { "Owner = 'ghost'", "" },
    { "Owner != 'ghost'", all_tickets },
    { "Owner IS NULL", "" },
    { "Owner IS NOT NULL", all_tickets },
    { "Owner SHALLOW = 'alice'", "3 4 6 9" },
    { "Creator = 'root'", "1 2 9 11 12" },
    { "Creator != 'root'", "3 4 5 6 7 8 10 13 14 15" },
    { "Creator = 'carol@example.com'", "3 5 6 7 10 14" },
    { "LastUpdatedBy = 'root'", "1 3 4 5 9 13 14 15" },
    { "Owner = '__CurrentUser__'", "" },                 /* root owns nothing */
    { "Creator = '__CurrentUserName__'", "1 2 9 11 12" },
    { "Requestor = 'carol@example.com'", "1 2 3 5 6 7 10 14" },
    { "Requestor = 'CAROL@example.com'", "1 2 3 5 6 7 10 14" },
    { "Requestor = 'carol'", "" },                       /* = looks up an address */
    { "Requestor LIKE 'carol'", "1 2 3 5 6 7 10 14" },
    { "Requestor != 'carol@example.com'", "4 8 9 11 12 13 15" },
    { "Requestor IS NULL", "11 12" },
    { "Requestor IS NOT NULL", "1 2 3 4 5 6 7 8 9 10 13 14 15" },
    { "Requestor.Name = 'erin@example.com'", "4 8 9 13 15" },
    { "Requestor.RealName LIKE 'erin'", "4 8 9 13 15" },
    { "Requestors = 'erin@example.com'", "4 8 9 13 15" },
    { "Requestor = 47", "1 2 3 5 6 7 10 14" },
    { "Watcher = 'dave@helpdesk.example.com'", "1 11 12" },
    { "Cc IS NULL", all_tickets },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_strings_and_numbers (void)
{
  static const Case cases[] = {
    { "Subject LIKE 'vpn'", "6" },
    { "Subject LIKE 'VPN%'", "6" },                      /* still wrapped in %...% */
    { "Subject LIKE 'v_n'", "6" },
    { "Subject STARTSWITH 'vpn'", "6" },
    { "Subject ENDSWITH 'hour'", "6" },
    { "Subject NOT LIKE 'vpn'", "1 2 3 4 5 7 8 9 10 11 12 13 14 15" },
    { "Subject = 'cheap watches!!!'", "10" },
    { "Subject = \"Cheap watches!!!\"", "10" },
    { "Subject = 'it\\'s'", "" },
    { "Subject LIKE ''", all_tickets },
    { "Subject = ''", "" },
    { "SLA = 'gold'", "3 4 5 6 9 10 13 14" },
    { "SLA != 'gold'", "2 7 8 15" },                    /* NULL SLA never compares */
    { "SLA IS NULL", "1 11 12" },
    { "SLA LIKE 'o'", "3 4 5 6 9 10 13 14" },
    { "Type = 'TICKET'", all_tickets },
    { "Lifecycle = 'default'", all_tickets },
    { "Priority > 50", "1 7 11" },
    { "Priority >= 50", "1 7 11 12" },
    { "Priority = '50'", "12" },
    { "Priority = 'Medium'", "12" },                     /* %PriorityAsString */
    { "Priority = 'abc'", "" },
    { "Priority != 'abc'", all_tickets },
    { "Priority < 'abc'", all_tickets },                 /* SQLite: numbers sort below text */
    { "Priority LIKE '5'", "12" },
    { "Priority IS NULL", "" },
    { "Priority IS NOT NULL", all_tickets },
    { "TimeWorked > 10", "1 2 6 7 11" },
    { "TimeEstimated > 0", "11" },
    { "TimeLeft = 0", all_tickets },
    { "id = 3", "3" },
    { "id < 4", "1 2 3" },
    { "id LIKE '1'", "1 10 11 12 13 14 15" },
    { "id != 3 AND id < 5", "1 2 4" },
    { "id = 3 OR id = 4 OR id = 5", "3 4 5" },
    { "id = 3.5", "" },
    { "id = +3", "3" },
    { "id = -1", "" },
    { "id = 16", "" },                                   /* deleted */
    { "EffectiveId = 3", "3" },
    { "id = '__Bookmarked__'", "" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_custom_fields (void)
{
  static const Case cases[] = {
    { "CF.{CSAT} > 3", "3 4" },
    { "CF.{CSAT} >= '4'", "3 4" },
    { "'CF.{CSAT}' IS NOT NULL", "1 3 4" },
    { "CF.{CSAT} IS NULL", "2 5 6 7 8 9 10 11 12 13 14 15" },
    { "CF.{NPS} > 8", "4" },
    { "CF.{NPS} < 10", "" },                             /* text: '3' > '10' */
    { "CF.{CSAT} != 5", "1 2 3 5 6 7 8 9 10 11 12 13 14 15" },
    { "CF.{Channel} = 'EMAIL'", "4 6 8 13 14" },
    { "CF.{Channel} LIKE 'mai'", "4 6 8 13 14" },
    { "CF.{Channel} NOT LIKE 'mai'", "1 2 3 5 7 9 10 11 12 15" },
    { "CustomField.{CSAT} = 5", "4" },
    { "CustomFieldValue.{CSAT} = 5", "4" },
    { "CF.CSAT = 5", "4" },
    { "CF.{csat} = 5", "4" },
    { "CF.{2} = 5", "4" },
    { "CF.{CSAT}.Content = 5", "4" },
    { "'CF.{CSAT}' = '4' OR 'CF.{CSAT}' = '5'", "3 4" },
    { "CF.{Bogus} = 5", "" },
    { "CF.{Bogus} != 5", all_tickets },
    { "CF.{Bogus} IS NULL", "" },
    { "CF.{Bogus Field} = 1", "" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

/* now = 2026-11-23 12:00 UTC */
static void
test_dates (void)
{
  static const Case cases[] = {
    { "Due IS NULL", "1 2 7 11 12" },
    { "Due IS NOT NULL", "3 4 5 6 8 9 10 13 14 15" },
    { "Told IS NULL", "5 9 10 11 12 13 14 15" },
    { "Told IS NOT NULL", "1 2 3 4 6 7 8" },
    { "Started IS NULL", "9 13 14 15" },
    { "Resolved IS NOT NULL", "1 3 4 10" },
    { "Starts IS NULL", "1 11 12" },
    { "Due < 'now'", "5 10" },
    { "Due < 'now' AND Status = '__Active__'", "5" },
    { "Due > 'now'", "3 4 6 8 9 13 14 15" },
    { "Due = '1970-01-01'", "1 2 7 11 12" },            /* "=" skips the NULL mapping */
    { "Told = '1970-01-01'", "" },                      /* Told really is NULL */
    { "Due = 'garbage'", "1 2 7 11 12" },
    { "Due > 'garbage'", "3 4 5 6 8 9 10 13 14 15" },
    { "Due < 'garbage'", "" },
    { "Created > 'garbage'", all_tickets },
    { "Created < 'garbage'", "" },
    { "Created = 'garbage'", "" },
    { "Created = 'today'", "11 12 13 14 15" },
    { "Created = '2026-11-22'", "4 5 6 7 8 9 10" },
    { "Created > 'yesterday'", "8 9 10 11 12 13 14 15" },
    { "Created < 'tomorrow'", all_tickets },
    { "Created > '2 hours ago'", "15" },
    { "Created > '-2 hours'", "15" },
    { "Created > '1 day ago'", "8 9 10 11 12 13 14 15" },
    { "Created > '2026-11-23 09:00:00'", "14 15" },
    { "Created > '2026-11-23T09:00:00'", "14 15" },
    { "Created > '2026-11-23 09:00:00 UTC'", "14 15" },
    { "Created > '2026-11-23 09:00:00 +0100'", "13 14 15" },
    { "Created > '2026-11-23T09:00:00Z'", "11 12 13 14 15" },  /* the trap: midnight */
    { "Created > '2026-11-23'", "11 12 13 14 15" },
    { "Created >= '2026-11-23 10:30:00'", "15" },
    { "LastUpdated >= '2026-11-23 09:40:00'", "8 15" },
    { "LastUpdated > 'Nov 23 2026'", "8 10 11 12 13 14 15" },
    { "Due > 0", "3 4 5 6 8 9 10 13 14 15" },             /* '0' means 1970 */
    { "Due = 0", "1 2 7 11 12" },
    { "Due < 5", "3 4 5 6 8 9 10 13 14 15" },             /* bare number: text compare */
    { "Due > 5", "" },
    { "Created > 20261123", "" },
    { "Created < 20261123", all_tickets },
    { "Due IS 5", "1 2 7 11 12" },
    { "Due = NULL", "" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

typedef struct
{
  const char *query;
  const char *message;     /* without the location, NULL when unsupported */
  const char *line;
} ErrorCase;

static void
test_errors (void)
{
  static const ErrorCase cases[] = {
    { "Queue = = 'Support'", "Wrong query, expecting a VALUE in 'Queue = >=<--here 'Support''", "3187" },
    { "Queue = >= 'Support'", "Wrong query, expecting a VALUE in 'Queue = >>=<--here 'Support''", "3187" },
    { "Bogus = 1", "Unknown field: Bogus", "3187" },
    { "Bogus = 1 AND Foo.Bar = 2", "Unknown field: Bogus; Unknown field: Foo.Bar", "3187" },
    { "Bogus = 1 AND Queue = = 'x'",
      "Unknown field: Bogus; Wrong query, expecting a VALUE in 'Bogus = 1 AND Queue = >=<--here 'x''",
      "3187" },
    { "Status = open", "Wrong query, no such column 'open' in 'Status = open'", "3462" },
    { "Owner = Nobody", "Wrong query, no such column 'Nobody' in 'Owner = Nobody'", "3462" },
    { "Subject = 'unterminated",
      "Wrong query, no such column 'unterminated' in 'Subject = 'unterminated'", "3462" },
    { "(Status = 'new'", "Incomplete query, 1 unclosed paren in '(Status = 'new''", "3187" },
    { "((Status = 'new')", "Incomplete query, 1 unclosed paren in '((Status = 'new')'", "3187" },
    { "((Status = 'new'", "Incomplete query, 2 unclosed parens in '((Status = 'new''", "3187" },
    { "Status = 'new')", "Wrong query, expecting a AGGREGATOR in 'Status = 'new'>)<--here'", "3187" },
    { "Status = 'new' AND",
      "Incomplete query, last element (AGGREGATOR) is not close paren or value in 'Status = 'new' AND'",
      "3187" },
    { "Status", "Incomplete query, last element (KEYWORD) is not close paren or value in 'Status'",
      "3187" },
    { "Status =", "Incomplete query, last element (OPERATOR) is not close paren or value in 'Status ='",
      "3187" },
    { "Status = 'new' AND (",
      "Incomplete query, last element (OPEN_PAREN) is not close paren or value in 'Status = 'new' AND ('",
      "3187" },
    { "Status = 'new' Status = 'open'",
      "Wrong query, expecting a AGGREGATOR in 'Status = 'new' >Status<--here = 'open''", "3187" },
    { "Status = 'new' OR OR Status = 'open'",
      "Wrong query, expecting a OPERATOR in 'Status = 'new' OR OR >Status<--here = 'open''", "3187" },
    { "AND Status = 'new'", "Wrong query, expecting a OPERATOR in 'AND >Status<--here = 'new''", "3187" },
    { "()", "Wrong query, expecting a OPEN_PAREN or KEYWORD in '(>)<--here'", "3187" },
    { "Issue = 1", "Wrong query, expecting a OPERATOR in 'Is>sue<--here = 1'", "3187" },
    { "Queue = Orders", "Wrong query, expecting a AGGREGATOR in 'Queue = Or>ders<--here'", "3187" },
    { "Due LIKE 'x'", "Invalid Date Op: LIKE", "574" },
    { "Due != 'now'", "Invalid Date Op: !=", "574" },
    { "Creator LIKE 'root'", "Invalid Operation: LIKE for Creator", "378" },
    { "Creator > 'root'", "Invalid Operation: > for Creator", "378" },
    { "Subject SHALLOW = 'x'", "Unsupported operator: SHALLOW =", "3187" },
    { "Requestor.Bogus = 'x'", "Invalid watcher subfield: 'Bogus'", "1165" },
    { "CF = 5", "No field specified", "1367" },
    { "Content LIKE 'x'", NULL, NULL },
    { "Status = Subject", NULL, NULL },
    { "DependsOn = 3", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsmTicketSql) q = csm_ticketsql_parse (world, CSM_TICKETSQL_TICKETS, cases[i].query,
                                                       CSM_SIM_USER_ROOT, &error);

      g_assert_null (q);
      if (cases[i].message == NULL)
        {
          g_assert_error (error, CSM_TICKETSQL_ERROR, CSM_TICKETSQL_ERROR_UNSUPPORTED);
          g_assert_true (g_str_has_suffix (error->message, "\n"));
        }
      else
        {
          g_autofree char *expected = g_strconcat (cases[i].message, PM_TICKETS, cases[i].line, ".\n",
                                                   NULL);

          g_assert_error (error, CSM_TICKETSQL_ERROR, CSM_TICKETSQL_ERROR_INVALID);
          g_assert_cmpstr (error->message, ==, expected);
        }
    }
}

static void
test_ordering (void)
{
  static const char *const priority[] = { "Priority", NULL };
  static const char *const desc[] = { "DESC", NULL };
  static const char *const priority_id[] = { "Priority", "id", NULL };
  static const char *const desc_desc[] = { "DESC", "desc", NULL };
  static const char *const owner[] = { "Owner", NULL };
  static const char *const queue[] = { "Queue", NULL };
  static const char *const lower_queue[] = { "queue", NULL };
  static const char *const due[] = { "Due", NULL };
  static const char *const told[] = { "Told", NULL };
  static const char *const subject[] = { "Subject", NULL };
  static const char *const status_priority[] = { "Status", "Priority", NULL };
  static const char *const asc_desc[] = { "ASC", "DESC", NULL };
  static const char *const cf[] = { "CF.{CSAT}", NULL };
  static const char *const bogus[] = { "Bogus", NULL };
  static const char *const lastupdated[] = { "LastUpdated", NULL };
  static const char *const sideways[] = { "sideways", NULL };
  g_autofree char *got = NULL;
  guint total = 0;

#define ORDER(q, by, ord, expected) \
  G_STMT_START { \
    g_free (got); \
    got = run (CSM_TICKETSQL_TICKETS, q, by, ord, FALSE, NULL); \
    g_assert_cmpstr (got, ==, expected); \
  } G_STMT_END

  ORDER ("id > 0", priority, desc, "7 1 11 12 2 9 3 4 5 6 8 10 13 14 15");
  ORDER ("id > 0", priority_id, desc_desc, "7 1 11 12 2 9 15 14 13 10 8 6 5 4 3");
  ORDER ("id > 0", owner, NULL, "3 4 6 9 2 5 7 8 13 1 11 12 10 14 15");
  ORDER ("id > 0", queue, desc, "1 11 12 3 4 5 6 9 10 14 2 7 8 13 15");
  ORDER ("id > 0", lower_queue, NULL, "3 4 5 6 9 10 14 2 7 8 13 15 1 11 12");
  ORDER ("id > 0", due, NULL, "1 2 7 11 12 10 5 13 3 14 4 8 6 15 9");
  ORDER ("id > 0", told, NULL, "5 9 10 11 12 13 14 15 1 2 3 4 6 7 8");
  ORDER ("id > 0", subject, NULL, "1 14 13 10 3 8 5 4 7 9 15 2 12 11 6");
  ORDER ("id > 0", status_priority, asc_desc, "9 13 14 15 7 11 12 5 6 8 10 1 3 4 2");
  ORDER ("id > 0", cf, desc, "4 3 1 2 5 6 7 8 9 10 11 12 13 14 15");
  ORDER ("Status = '__Active__'", lastupdated, desc, "15 8 14 13 12 11 9 7 6 5 2");
  /* An order that is not DESC is ASC. */
  ORDER ("id < 4", priority, sideways, "3 2 1");
  /* No orderby: id order, except where RT's SQLite plan walks an index. */
  ORDER ("Status = 'new'", NULL, NULL, "9 13 14 15");
  ORDER ("Queue = 'Support'", NULL, NULL, "9 14 5 6 10 3 4");
  ORDER ("Queue = 'Support' OR Queue = 'Billing'", NULL, NULL, "9 14 5 6 10 3 4 13 15 7 8 2");
  ORDER ("Queue > 3", NULL, NULL, "13 15 7 8 2 11 12 1");
  ORDER ("Queue = 'Support' OR Status = 'new'", NULL, NULL, "3 4 5 6 9 10 13 14 15");
  ORDER ("Queue != 'Support'", NULL, NULL, "1 2 7 8 11 12 13 15");
  ORDER ("Owner = 'bob' OR Owner = 'alice'", NULL, NULL, "3 4 6 9 2 5 7 8 13");
  ORDER ("Owner = 'bob' AND Queue = 'Billing'", NULL, NULL, "2 7 8 13");
  ORDER ("Requestor = 'carol@example.com' AND Queue = 3", NULL, NULL, "14 5 6 10 3");
  ORDER ("(Status = 'new' OR Status = 'open') AND Queue = 'Billing'", NULL, NULL, "13 15 7 8");

  /* An unknown column: RT counts, then its SQL fails: no rows. */
  g_free (got);
  got = run (CSM_TICKETSQL_TICKETS, "id > 0", bogus, NULL, FALSE, &total);
  g_assert_cmpstr (got, ==, "");
  g_assert_cmpuint (total, ==, 15);
#undef ORDER
}

static void
test_paging_select (void)
{
  static const char *const lastupdated[] = { "LastUpdated", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmTicketSql) q = csm_ticketsql_parse (world, CSM_TICKETSQL_TICKETS, "id > 0",
                                                   CSM_SIM_USER_ROOT, &error);
  g_autoptr(CsmTicketSqlOrder) o = csm_ticketsql_order_new (world, CSM_TICKETSQL_TICKETS,
                                                            lastupdated, NULL);
  g_autoptr(GPtrArray) full = NULL;
  g_autoptr(GPtrArray) all = NULL;
  guint total = 0;

  g_assert_no_error (error);
  full = csm_ticketsql_select (q, o, 0, 0, 100, &total, &all);
  g_assert_cmpuint (total, ==, 15);
  g_assert_cmpuint (all->len, ==, 15);

  /* The partial sort behind a page gives the same records as a full sort. */
  for (guint offset = 0; offset < 16; offset += 4)
    {
      g_autoptr(GPtrArray) page = csm_ticketsql_select (q, o, 0, offset, 4, &total, NULL);

      g_assert_cmpuint (page->len, ==, MIN (4, 15 - MIN (offset, 15)));
      for (guint i = 0; i < page->len; i++)
        g_assert_true (page->pdata[i] == full->pdata[offset + i]);
    }
}

/* A customer only finds the tickets they requested. */
static void
test_visibility (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsmTicketSql) q = csm_ticketsql_parse (world, CSM_TICKETSQL_TICKETS, "id > 0", 47, &error);
  g_autoptr(CsmTicketSqlOrder) o = csm_ticketsql_order_new (world, CSM_TICKETSQL_TICKETS, NULL, NULL);
  g_autoptr(GPtrArray) page = NULL;
  guint total = 0;

  g_assert_no_error (error);
  page = csm_ticketsql_select (q, o, 47, 0, 100, &total, NULL);
  g_assert_cmpuint (total, ==, 8);     /* carol: 1 2 3 5 6 7 10 14 */
  g_assert_cmpint (((const CsmSimTicket *) page->pdata[0])->id, ==, 1);
}

static void
test_transactions (void)
{
  static const Case cases[] = {
    { "Type = 'Correspond'", "4 13 22 35 63 66 70 73 108 115" },
    { "type = 'correspond'", "4 13 22 35 63 66 70 73 108 115" },
    { "Type = Correspond", "4 13 22 35 63 66 70 73 108 115" },   /* TxnSQL: bare words are values */
    { "Type = 'Correspond' AND Creator = 'alice'", "22 35 66" },
    { "ObjectId = 6", "50 51 52 53 61 62 66 67 68 69" },
    { "ObjectType = 'RT::Ticket' AND ObjectId = 6", "50 51 52 53 61 62 66 67 68 69" },
    { "TimeTaken > 9", "3 4 13 66 90 95 108" },
    { "Field = 'Owner'", "20 21 33 34 46 47 59 60 61 62 93 94 104 105 106 107" },
    { "Type = 'Set' AND Field = 'Queue'", "103" },
    { "OldValue = '6'", "20 21 33 34 46 47 59 60 61 62 104 105 106 107" },
    { "NewValue LIKE 'resol'", "6 25 38" },
    { "Type = 'Comment'", "3 69 72 95 102" },
    { "Created > '2026-11-23 09:00:00'",
      "106 107 108 109 110 111 112 113 114 115 116 117 118 119 120 121 122 123 124" },
    { "Created < 'garbage'", "" },
    { "id > 120", "121 122 123 124" },
    { "id >= 120 AND id < 122", "120 121" },
    { "TicketStatus = '__Active__' AND Type = 'Correspond'", "13 63 66 70 73 108 115" },
    { "TicketQueue = 'Billing' AND Type = 'Create'", "10 54 75 98 117" },
    { "Type = 'Set' AND Field = 'Queue' AND TicketOwner = 'bob'", "103" },
    { "Field IS NULL AND Type = 'Create'", "1 10 16 29 39 50 54 75 79 83 87 91 98 111 117 121" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = run (CSM_TICKETSQL_TRANSACTIONS, cases[i].query, NULL, NULL, TRUE, NULL);

      if (g_strcmp0 (got, cases[i].expected) != 0)
        g_test_fail_printf ("txn query \"%s\": expected [%s], got [%s]", cases[i].query, cases[i].expected, got);
    }

  {
    guint total = 0;
    g_autofree char *got = run (CSM_TICKETSQL_TRANSACTIONS, "Created > 'garbage'", NULL, NULL, TRUE,
                                &total);

    g_assert_cmpuint (total, ==, 124);
  }
}

static void
test_transaction_errors (void)
{
  static const ErrorCase cases[] = {
    { "Bogus = 1", "Unknown field: Bogus", "918" },
    { "Type = = 'Create'", "Wrong query, expecting a VALUE in 'Type = >=<--here 'Create''", "918" },
    { "Creator LIKE 'al'", "Invalid Operation: LIKE for Creator", "308" },
    { "Created LIKE 'x'", "Invalid Date Op: LIKE", "373" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsmTicketSql) q = csm_ticketsql_parse (world, CSM_TICKETSQL_TRANSACTIONS,
                                                       cases[i].query, CSM_SIM_USER_ROOT, &error);
      g_autofree char *expected = g_strconcat (cases[i].message, PM_TXNS, cases[i].line, ".\n", NULL);

      g_assert_null (q);
      g_assert_error (error, CSM_TICKETSQL_ERROR, CSM_TICKETSQL_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, expected);
    }
}

/* Values measured with Time::ParseDate (RT's first parser) at NOW =
 * 2026-11-23 12:00:00 UTC (1795435200). */
static void
test_date_parser (void)
{
  static const struct { const char *text; gboolean ok; gint64 expected; } cases[] = {
    { "2026-11-23T22:05:40Z", TRUE, 1795392000 },
    { "2026-11-23T22:05Z", TRUE, 1795392000 },
    { "2026-11-23 22:05:40UTC", TRUE, 1795392000 },
    { "2026-11-23T22:05:40-05:00", TRUE, 1795392000 },
    { "-2 minutes", TRUE, 1795435080 },
    { "2026-11-23 22:05:40", TRUE, 1795471540 },
    { "2026-11-23", TRUE, 1795392000 },
    { " 2026-11-23 ", TRUE, 1795392000 },
    { "2026-11-23T22:05:40", TRUE, 1795471540 },
    { "2026-11-23T22:05:40.5", TRUE, 1795471540 },
    { "2026-11-23 22:05:40 UTC", TRUE, 1795471540 },
    { "2026-11-23 22:05:40 gmt", TRUE, 1795471540 },
    { "2026-11-23 22:05:40 Z", TRUE, 1795471540 },
    { "2026-11-23T22:05:40+00:00", TRUE, 1795471540 },
    { "2026-11-23T22:05:40+0000", TRUE, 1795471540 },
    { "2026-11-23 22:05:40 +0100", TRUE, 1795467940 },
    { "2026-11-23 22:05", TRUE, 1795471500 },
    { "2026-11-23 7:05:40", TRUE, 1795417540 },
    { "2026-11-23 25:00:00", TRUE, 1795482000 },
    { "2026-02-30", TRUE, 1772409600 },
    { "2026/11/23", TRUE, 1795392000 },
    { "11/23/2026", TRUE, 1795392000 },
    { "26-11-23", TRUE, 1795392000 },
    { "2026-1-5", TRUE, 1767571200 },
    { "Nov 23 2026", TRUE, 1795392000 },
    { "23 Nov 2026", TRUE, 1795392000 },
    { "Tue Dec 01 10:00:00 2026", TRUE, 1796119200 },
    { "now", TRUE, 1795435200 },
    { "today", TRUE, 1795435200 },
    { "yesterday", TRUE, 1795348800 },
    { "tomorrow", TRUE, 1795521600 },
    { "midnight", TRUE, 1795392000 },
    { "noon", TRUE, 1795435200 },
    { "today 10:00", TRUE, 1795428000 },
    { "22:05", TRUE, 1795471500 },
    { "1 minute ago", TRUE, 1795435140 },
    { "1 minutes ago", TRUE, 1795435140 },
    { "5 seconds ago", TRUE, 1795435195 },
    { "10 min ago", TRUE, 1795434600 },
    { "2 hours ago", TRUE, 1795428000 },
    { "3 days ago", TRUE, 1795176000 },
    { "2 weeks ago", TRUE, 1794225600 },
    { "3 months ago", TRUE, 1787486400 },
    { "1 year ago", TRUE, 1763899200 },
    { "+2 minutes", TRUE, 1795435320 },
    { "2 minutes", TRUE, 1795435320 },
    { "+1 week", TRUE, 1796040000 },
    { "now + 1 hour", TRUE, 1795438800 },
    { "now - 1 hour", TRUE, 1795431600 },
    { "2 days from now", TRUE, 1795608000 },
    { "in 2 hours", TRUE, 1795442400 },
    { "0", FALSE, 0 },
    { "", FALSE, 0 },
    { "  ", FALSE, 0 },
    { "garbage", FALSE, 0 },
    { "20261123", FALSE, 0 },
    { "1700000000", FALSE, 0 },
    { "2 fortnights ago", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 t = -1;
      gboolean ok = csm_sim_parse_rt_date (cases[i].text, 1795435200, &t);

      if (ok != cases[i].ok || t != cases[i].expected)
        g_test_fail_printf ("date \"%s\": expected %s %" G_GINT64_FORMAT ", got %s %" G_GINT64_FORMAT,
                 cases[i].text, cases[i].ok ? "ok" : "fail", cases[i].expected,
                 ok ? "ok" : "fail", t);
    }
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  world = sim_fixture_load ("fixture-small.json");

  g_test_add_func ("/sim/ticketsql/status", test_status);
  g_test_add_func ("/sim/ticketsql/aggregators", test_aggregators);
  g_test_add_func ("/sim/ticketsql/queue-owner-people", test_queue_owner_people);
  g_test_add_func ("/sim/ticketsql/strings-numbers", test_strings_and_numbers);
  g_test_add_func ("/sim/ticketsql/custom-fields", test_custom_fields);
  g_test_add_func ("/sim/ticketsql/dates", test_dates);
  g_test_add_func ("/sim/ticketsql/errors", test_errors);
  g_test_add_func ("/sim/ticketsql/ordering", test_ordering);
  g_test_add_func ("/sim/ticketsql/paging", test_paging_select);
  g_test_add_func ("/sim/ticketsql/visibility", test_visibility);
  g_test_add_func ("/sim/ticketsql/date-parser", test_date_parser);
  g_test_add_func ("/sim/transactionsql/known-answers", test_transactions);
  g_test_add_func ("/sim/transactionsql/errors", test_transaction_errors);

  result = g_test_run ();
  g_object_unref (world);
  return result;
}
