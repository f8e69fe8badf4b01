/* test-rt-kpis.c: `csm-console --export=kpis` against a real RT 5, checked against KPIs computed here from RT's own REST2 answers.
 *
 * Run by tests/rt/with-rt.sh, which starts a private RT holding the fixture
 * helpdesk (tests/rt/README.md). On top of it the test seeds, through
 * REST2 and with each actor's own token, tickets with one and with two
 * agent replies, reopened ones (by a customer's reply and by a status
 * change), time worked on replies, comments and a direct TimeWorked
 * change, CSAT/NPS/CES answers at their edges, a customer coming back
 * after a resolution, a reply by root (privileged, not in the Agents
 * group), several queues, owners and channels, in two phases with a
 * recorded instant between them.
 *
 * It then runs the console's export for several periods, groupings and
 * FCR rules and compares every key of every row with what it computes
 * itself, without the console's code, from RT's ticket search and each
 * ticket's history: the same definitions (README.md, "--export=kpis";
 * DESIGN.md, "KPI definitions"), the same one-decimal rounding.
 *
 * Agents: with the schema's default settings the console counts replies by
 * RT's privileged users (asked of RT here, GET /user/NAME); the SLA checks
 * give it settings naming the group Agents (its members asked of RT). The
 * response deadlines are RT's own: the Due its SLA set when a requestor
 * opened the ticket. An answer after its deadline cannot be seeded (RT's
 * shortest response target is 4 h, and REST2 cannot backdate a ticket), so
 * "missed" is only ever an unanswered deadline here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY (G_GINT64_CONSTANT (86400))

static char *rt_url;
static char *token_file;
static char *rt_dir;
static GHashTable *tokens;        /* actor → REST2 token */
static SoupSession *session;
static char *tmpdir;
static char *last_export_stderr;  /* what the last export printed on stderr */

/* What the seed made, and the instants around its phases. */
static struct
{
  gboolean done;
  gint64 start;        /* before anything was seeded */
  gint64 mid;          /* between the phases: no RT timestamp falls on it */
  gint64 end;          /* after the last seeded change */
  gint64 fcr_one;
  gint64 two_replies;
  gint64 reopen_customer;
  gint64 reopen_left_open;
  gint64 worked;
  gint64 repeat_first;
  gint64 root_replied;
  gint64 late_resolved;
  gint64 late_answer;
  gint64 resolved_silent;
  gint64 stalled_rejected;
  gint64 repeat_second;
} seed;

/* ------------------------------------------------------------------------ */
/* Time                                                                     */

/* RT's "2026-11-23T22:55:24Z" (records) or "2026-11-23 22:55:24" (date
 * changes in transactions), always UTC; 0 for RT's "unset" (1970). */
static gint64
rt_time (const char *text)
{
  int y, mo, d, h, mi, s;
  g_autoptr(GDateTime) dt = NULL;
  gint64 t;

  if (text == NULL || sscanf (text, "%d-%d-%d%*c%d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6)
    return 0;
  dt = g_date_time_new_utc (y, mo, d, h, mi, s);
  g_assert_nonnull (dt);
  t = g_date_time_to_unix (dt);
  return t <= 0 ? 0 : t;
}

static char *
iso (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Returns an instant no RT timestamp can share: every change made so far
 * is stamped at or before the current second, and the caller's next change
 * comes a second after the instant (RT stamps whole seconds). */
static gint64
pause_between_phases (void)
{
  gint64 mid = now_seconds () + 1;
  gint64 wait = (mid + 1) * G_USEC_PER_SEC - g_get_real_time ();

  if (wait > 0)
    g_usleep (wait + 50000);
  return mid;
}

/* ------------------------------------------------------------------------ */
/* REST2                                                                    */

static char *
read_token (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return g_strstrip (text);
}

static gint64
json_int (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  return json_node_get_int (node);
}

static JsonNode *
rt_request (const char *who,
            const char *method,
            const char *path_and_query,
            const char *json_body,
            guint      *out_status)
{
  const char *token = g_hash_table_lookup (tokens, who);
  g_autofree char *url = g_strconcat (rt_url, "/REST/2.0", path_and_query, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autofree char *auth = g_strconcat ("token ", token, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_nonnull (token);
  g_assert_nonnull (msg);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  if (json_body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (json_body, strlen (json_body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *out_status = soup_message_get_status (msg);
  if (g_bytes_get_size (body) == 0)
    return NULL;
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
rt_get (const char *path_and_query)
{
  guint status = 0;
  JsonNode *node = rt_request ("root", "GET", path_and_query, NULL, &status);

  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (node);
  return node;
}

/* A change as @who. RT reports refusals inside 200/201 answers
 * (FINDINGS.md h), so its messages are read as well. */
static JsonNode *
rt_change (const char *who,
           const char *method,
           const char *path,
           const char *json_body)
{
  static const char * const refusals[] = {
    "denied", "could not", "couldn't", "can't", "invalid", "failed", "isn't",
    "does not exist", "must match", "no permission", NULL,
  };
  guint status = 0;
  JsonNode *answer = rt_request (who, method, path, json_body, &status);
  g_autofree char *text = answer ? json_to_string (answer, FALSE) : g_strdup ("");
  g_autofree char *lower = g_ascii_strdown (text, -1);

  if (status != 200 && status != 201)
    g_error ("%s %s as %s: HTTP %u %s", method, path, who, status, text);
  if (answer != NULL && JSON_NODE_HOLDS_ARRAY (answer))
    for (guint i = 0; refusals[i] != NULL; i++)
      if (strstr (lower, refusals[i]) != NULL)
        g_error ("%s %s as %s: RT said %s", method, path, who, text);
  return answer;
}

/* Every item of a search or list, all pages. */
static JsonArray *
rt_all (const char *path_and_query)
{
  JsonArray *all = json_array_new ();

  for (int page = 1;; page++)
    {
      g_autofree char *path = g_strdup_printf ("%s%cper_page=100&page=%d", path_and_query,
                                               strchr (path_and_query, '?') ? '&' : '?', page);
      g_autoptr(JsonNode) root = rt_get (path);
      JsonObject *o = json_node_get_object (root);
      JsonArray *items = json_object_get_array_member (o, "items");

      for (guint i = 0; i < json_array_get_length (items); i++)
        json_array_add_element (all, json_node_copy (json_array_get_element (items, i)));
      if (json_array_get_length (items) == 0 ||
          page >= json_object_get_double_member_with_default (o, "pages", 0))
        break;
    }
  return all;
}

/* ------------------------------------------------------------------------ */
/* Seeding, as the fixture does: customers open and answer with their own  */
/* tokens, agents reply with theirs, root records channels and surveys.    */

static gint64
create (const char *who,
        const char *queue,
        const char *requestor,
        const char *owner,
        const char *channel,
        const char *subject)
{
  g_autofree char *owner_member = owner ? g_strdup_printf ("\"Owner\":\"%s\",", owner)
                                        : g_strdup ("");
  g_autofree char *body = g_strdup_printf ("{\"Queue\":\"%s\",\"Requestor\":\"%s\",%s"
                                           "\"Subject\":\"%s\",\"Content\":\"%s\","
                                           "\"ContentType\":\"text/plain\"}",
                                           queue, requestor, owner_member, subject, subject);
  g_autoptr(JsonNode) answer = rt_change (who, "POST", "/ticket", body);
  g_autoptr(JsonNode) tagged = NULL;
  g_autofree char *path = NULL;
  g_autofree char *cf = NULL;
  gint64 id;

  id = json_int (json_object_get_member (json_node_get_object (answer), "id"));
  g_assert_cmpint (id, >, 0);
  /* Customers may not set custom fields: a triage step records the channel. */
  path = g_strdup_printf ("/ticket/%" G_GINT64_FORMAT, id);
  cf = g_strdup_printf ("{\"CustomFields\":{\"Channel\":\"%s\"}}", channel);
  tagged = rt_change ("root", "PUT", path, cf);
  return id;
}

static void
reply (const char *who,
       gint64      id,
       int         minutes,
       const char *status)
{
  g_autofree char *path = g_strdup_printf ("/ticket/%" G_GINT64_FORMAT "/correspond", id);
  g_autofree char *status_member = status ? g_strdup_printf (",\"Status\":\"%s\"", status)
                                          : g_strdup ("");
  g_autofree char *time_member = minutes > 0 ? g_strdup_printf (",\"TimeTaken\":%d", minutes)
                                            : g_strdup ("");
  g_autofree char *body = g_strdup_printf ("{\"Content\":\"Reply by %s.\","
                                           "\"ContentType\":\"text/plain\"%s%s}",
                                           who, time_member, status_member);
  JsonNode *answer = rt_change (who, "POST", path, body);

  g_clear_pointer (&answer, json_node_unref);
}

static void
comment (const char *who,
         gint64      id,
         int         minutes)
{
  g_autofree char *path = g_strdup_printf ("/ticket/%" G_GINT64_FORMAT "/comment", id);
  g_autofree char *body = g_strdup_printf ("{\"Content\":\"Note by %s.\","
                                           "\"ContentType\":\"text/plain\",\"TimeTaken\":%d}",
                                           who, minutes);
  JsonNode *answer = rt_change (who, "POST", path, body);

  g_clear_pointer (&answer, json_node_unref);
}

static void
update (const char *who,
        gint64      id,
        const char *json_fields)
{
  g_autofree char *path = g_strdup_printf ("/ticket/%" G_GINT64_FORMAT, id);
  JsonNode *answer = rt_change (who, "PUT", path, json_fields);

  g_clear_pointer (&answer, json_node_unref);
}

static void
take (const char *who,
      gint64      id)
{
  g_autofree char *path = g_strdup_printf ("/ticket/%" G_GINT64_FORMAT "/take", id);
  JsonNode *answer = rt_change (who, "PUT", path, "{}");

  g_clear_pointer (&answer, json_node_unref);
}

/* The survey answers, as root records them; NULL leaves a question unanswered. */
static void
survey (gint64      id,
        const char *csat,
        const char *nps,
        const char *ces)
{
  g_autoptr(GString) body = g_string_new ("{\"CustomFields\":{");

  if (csat)
    g_string_append_printf (body, "\"CSAT\":%s,", csat);
  if (nps)
    g_string_append_printf (body, "\"NPS\":%s,", nps);
  if (ces)
    g_string_append_printf (body, "\"CES\":%s,", ces);
  g_string_truncate (body, body->len - 1);
  g_string_append (body, "}}");
  update ("root", id, body->str);
}

static void
test_seed (void)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autofree char *mid_text = NULL;

  seed.start = now_seconds ();

  /* Phase 1. Every ticket is opened first, so that the answers come a few
   * seconds after their tickets: first reply and resolution times differ. */
  seed.fcr_one = create ("carol", "Support", "carol@example.com", NULL, "chat",
                         "KPI: invoices do not print");
  seed.two_replies = create ("erin", "Billing", "erin@example.com", NULL, "email",
                             "KPI: charged twice");
  seed.reopen_customer = create ("carol", "Technical", "carol@example.com", NULL, "phone",
                                 "KPI: export job hangs");
  seed.reopen_left_open = create ("erin", "Support", "erin@example.com", NULL, "email",
                                  "KPI: two-factor codes arrive late");
  /* Opened by root for a customer who never writes again (for --fcr=repeat). */
  seed.worked = create ("root", "Billing", "frank@example.com", "bob", "phone",
                        "KPI: contract renewal quote");
  seed.repeat_first = create ("erin", "Support", "erin@example.com", NULL, "social",
                              "KPI: profile picture upload");
  seed.root_replied = create ("carol", "Support", "carol@example.com", NULL, "sms",
                              "KPI: newsletter unsubscribe");
  seed.late_resolved = create ("carol", "Billing", "carol@example.com", NULL, "chat",
                               "KPI: VAT number missing");
  seed.late_answer = create ("erin", "Technical", "erin@example.com", NULL, "email",
                             "KPI: webhook retries");
  seed.resolved_silent = create ("erin", "Technical", "erin@example.com", NULL, "chat",
                                 "KPI: duplicate of an earlier report");
  seed.stalled_rejected = create ("carol", "Support", "carol@example.com", NULL, "phone",
                                  "KPI: discount code");

  /* One agent reply that resolves: first contact resolution. */
  take ("alice", seed.fcr_one);
  reply ("alice", seed.fcr_one, 7, "resolved");
  survey (seed.fcr_one, "4", "10", "1");

  /* Two agent replies around the customer's answer. */
  take ("bob", seed.two_replies);
  reply ("bob", seed.two_replies, 5, NULL);
  reply ("erin", seed.two_replies, 0, NULL);
  reply ("bob", seed.two_replies, 3, "resolved");
  survey (seed.two_replies, "3", "6", "7");

  /* Resolved with one reply; reopened by the customer in phase 2. */
  take ("dave", seed.reopen_customer);
  reply ("dave", seed.reopen_customer, 10, "resolved");

  /* Resolved with one reply (and answered the survey); reopened by the
   * agent in phase 2 and left open: not resolved now. */
  take ("alice", seed.reopen_left_open);
  reply ("alice", seed.reopen_left_open, 4, "resolved");
  survey (seed.reopen_left_open, "5", "10", "1");

  /* Time worked on a comment, on replies and by setting TimeWorked. */
  comment ("bob", seed.worked, 20);
  reply ("bob", seed.worked, 15, NULL);
  update ("bob", seed.worked, "{\"TimeWorked\":50}");
  reply ("bob", seed.worked, 0, "resolved");
  survey (seed.worked, "5", "8", "7");

  /* One reply, resolved; erin comes back with another ticket in phase 2. */
  take ("alice", seed.repeat_first);
  reply ("alice", seed.repeat_first, 6, "resolved");
  survey (seed.repeat_first, "3", "7", NULL);

  /* Root (privileged, not in the Agents group) answers first, alice resolves. */
  reply ("root", seed.root_replied, 2, NULL);
  take ("alice", seed.root_replied);
  reply ("alice", seed.root_replied, 3, "resolved");
  survey (seed.root_replied, "4", "9", "3");

  /* Answered now, resolved in phase 2. */
  take ("bob", seed.late_resolved);
  reply ("bob", seed.late_resolved, 9, NULL);

  /* Resolved by root without a reply; nobody owns it. */
  update ("root", seed.resolved_silent, "{\"Status\":\"resolved\"}");
  survey (seed.resolved_silent, "1", NULL, NULL);

  /* Stalled now, rejected in phase 2. */
  take ("alice", seed.stalled_rejected);
  reply ("alice", seed.stalled_rejected, 2, NULL);
  update ("alice", seed.stalled_rejected, "{\"Status\":\"stalled\"}");

  seed.mid = pause_between_phases ();

  /* Phase 2. */
  reply ("carol", seed.reopen_customer, 0, NULL);          /* RT reopens it */
  comment ("dave", seed.reopen_customer, 4);
  update ("dave", seed.reopen_customer, "{\"Status\":\"resolved\"}");
  survey (seed.reopen_customer, "5", "9", "2");

  update ("alice", seed.reopen_left_open, "{\"Status\":\"open\"}");

  update ("bob", seed.late_resolved, "{\"Status\":\"resolved\"}");

  take ("dave", seed.late_answer);
  reply ("dave", seed.late_answer, 12, NULL);

  update ("alice", seed.stalled_rejected, "{\"Status\":\"rejected\"}");

  seed.repeat_second = create ("erin", "Support", "erin@example.com", NULL, "sms",
                               "KPI: profile picture upload, again");

  seed.end = now_seconds () + 1;
  seed.done = TRUE;
  mid_text = iso (seed.mid);
  g_test_message ("seeded tickets %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " in %.1f s; "
                  "phases split at %s", seed.fcr_one, seed.repeat_second,
                  (g_get_monotonic_time () - t0) / 1e6, mid_text);
}

/* ------------------------------------------------------------------------ */
/* RT's truth                                                               */

typedef struct
{
  gint64 id;
  gint64 created;
  gint64 time_taken;
  char *type;
  char *field;
  char *creator;
  char *old_value;
  char *new_value;
} RtTransaction;

typedef struct
{
  gint64 id;
  gint64 created;
  gint64 resolved;          /* 0: unset */
  gint64 time_worked;
  char *status;
  char *owner;              /* RT's name; "Nobody" when unowned */
  char *queue;
  char *sla;
  char **requestors;
  GHashTable *fields;       /* custom field name → its value */
  GArray *history;          /* of RtTransaction, by id */
} RtTicket;

static void
rt_transaction_clear (gpointer data)
{
  RtTransaction *tx = data;

  g_free (tx->type);
  g_free (tx->field);
  g_free (tx->creator);
  g_free (tx->old_value);
  g_free (tx->new_value);
}

static void
rt_ticket_free (gpointer data)
{
  RtTicket *t = data;

  g_free (t->status);
  g_free (t->owner);
  g_free (t->queue);
  g_free (t->sla);
  g_strfreev (t->requestors);
  g_hash_table_unref (t->fields);
  g_array_unref (t->history);
  g_free (t);
}

static GPtrArray *truth;           /* of RtTicket, every ticket RT shows */
static GHashTable *privileged;     /* who wrote a reply and is a privileged, enabled user */
static GHashTable *agents_group;   /* the members of the group "Agents" */

static const char *
string_member (JsonObject *o,
               const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_object_get_string_member_with_default (json_node_get_object (node), "id", NULL);
  return json_node_get_string (node);
}

static int
compare_transactions (gconstpointer a,
                      gconstpointer b)
{
  const RtTransaction *x = a, *y = b;

  return (x->id > y->id) - (x->id < y->id);
}

static GArray *
load_history (gint64 id)
{
  g_autofree char *path = g_strdup_printf ("/ticket/%" G_GINT64_FORMAT "/history?fields="
                                           "Type,Creator,Created,OldValue,NewValue,Field,TimeTaken",
                                           id);
  g_autoptr(JsonArray) items = rt_all (path);
  GArray *history = g_array_new (FALSE, TRUE, sizeof (RtTransaction));

  g_array_set_clear_func (history, rt_transaction_clear);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);
      RtTransaction tx = {
        .id = json_int (json_object_get_member (o, "id")),
        .created = rt_time (string_member (o, "Created")),
        .time_taken = json_int (json_object_get_member (o, "TimeTaken")),
        .type = g_strdup (string_member (o, "Type")),
        .field = g_strdup (string_member (o, "Field")),
        .creator = g_strdup (string_member (o, "Creator")),
        .old_value = g_strdup (string_member (o, "OldValue")),
        .new_value = g_strdup (string_member (o, "NewValue")),
      };

      g_array_append_val (history, tx);
    }
  g_array_sort (history, compare_transactions);
  return history;
}

static gboolean
rt_user_is_privileged (const char *name)
{
  g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/user/", escaped, NULL);
  g_autoptr(JsonNode) user = rt_get (path);
  JsonObject *o = json_node_get_object (user);

  return json_int (json_object_get_member (o, "Privileged")) == 1 &&
         json_int (json_object_get_member (o, "Disabled")) == 0;
}

/* The members of the user-defined group @name, by user name. */
static GHashTable *
rt_group_members (const char *name)
{
  g_autofree char *search = g_strdup_printf ("[{\"field\":\"Name\",\"value\":\"%s\"}]", name);
  g_autoptr(JsonNode) groups = NULL;
  g_autoptr(JsonArray) members = NULL;
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *path = NULL;
  JsonArray *found;
  guint status = 0;
  gint64 gid;

  groups = rt_request ("root", "POST", "/groups", search, &status);
  g_assert_cmpuint (status, ==, 200);
  found = json_object_get_array_member (json_node_get_object (groups), "items");
  g_assert_cmpuint (json_array_get_length (found), ==, 1);
  gid = json_int (json_object_get_member (json_array_get_object_element (found, 0), "id"));
  path = g_strdup_printf ("/group/%" G_GINT64_FORMAT "/members", gid);
  members = rt_all (path);
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);
      gint64 uid = json_int (json_object_get_member (member, "id"));
      g_autofree char *upath = g_strdup_printf ("/user/%" G_GINT64_FORMAT, uid);
      g_autoptr(JsonNode) user = rt_get (upath);

      g_hash_table_add (names, g_strdup (json_object_get_string_member (json_node_get_object (user),
                                                                        "Name")));
    }
  return names;
}

/* Reads every ticket RT shows and its history, once: RT does not change
 * after the seed. */
static void
load_truth (void)
{
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(GHashTable) asked = NULL;
  gint64 t0 = g_get_monotonic_time ();

  g_assert_true (seed.done);
  if (truth != NULL)
    return;

  items = rt_all ("/tickets?query=id%20%3E%200&orderby=id&order=ASC"
                  "&fields=Created,Resolved,Status,Owner,Queue,TimeWorked,CustomFields,"
                  "Requestor,SLA&fields%5BQueue%5D=Name");
  truth = g_ptr_array_new_with_free_func (rt_ticket_free);
  privileged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  asked = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);
      JsonArray *req = json_object_get_array_member (o, "Requestor");
      JsonArray *cfs = json_object_get_array_member (o, "CustomFields");
      g_autoptr(GStrvBuilder) requestors = g_strv_builder_new ();
      RtTicket *t = g_new0 (RtTicket, 1);

      t->id = json_int (json_object_get_member (o, "id"));
      t->created = rt_time (string_member (o, "Created"));
      t->resolved = rt_time (string_member (o, "Resolved"));
      t->time_worked = json_int (json_object_get_member (o, "TimeWorked"));
      t->status = g_strdup (string_member (o, "Status"));
      t->owner = g_strdup (string_member (o, "Owner"));
      t->queue = g_strdup (json_object_get_string_member (
        json_object_get_object_member (o, "Queue"), "Name"));
      t->sla = g_strdup (string_member (o, "SLA"));
      for (guint r = 0; req != NULL && r < json_array_get_length (req); r++)
        g_strv_builder_add (requestors,
                            string_member (json_array_get_object_element (req, r), "id"));
      t->requestors = g_strv_builder_end (requestors);
      t->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint c = 0; cfs != NULL && c < json_array_get_length (cfs); c++)
        {
          JsonObject *cf = json_array_get_object_element (cfs, c);
          JsonArray *values = json_object_get_array_member (cf, "values");

          if (values != NULL && json_array_get_length (values) > 0)
            g_hash_table_insert (t->fields, g_strdup (json_object_get_string_member (cf, "name")),
                                 g_strdup (json_array_get_string_element (values, 0)));
        }
      t->history = load_history (t->id);
      g_ptr_array_add (truth, t);

      /* Whose replies are agents' when agents are RT's privileged users. */
      for (guint k = 0; k < t->history->len; k++)
        {
          const RtTransaction *tx = &g_array_index (t->history, RtTransaction, k);

          if (g_strcmp0 (tx->type, "Correspond") != 0 || g_hash_table_contains (asked, tx->creator))
            continue;
          g_hash_table_add (asked, tx->creator);
          if (rt_user_is_privileged (tx->creator))
            g_hash_table_add (privileged, g_strdup (tx->creator));
        }
    }
  agents_group = rt_group_members ("Agents");
  g_test_message ("RT: %u tickets with their histories read in %.1f s; replies by "
                  "privileged users: %u names; Agents: %u members", truth->len,
                  (g_get_monotonic_time () - t0) / 1e6, g_hash_table_size (privileged),
                  g_hash_table_size (agents_group));
}

static const RtTicket *
ticket (gint64 id)
{
  for (guint i = 0; i < truth->len; i++)
    if (((RtTicket *) g_ptr_array_index (truth, i))->id == id)
      return g_ptr_array_index (truth, i);
  g_assert_not_reached ();
}

/* ------------------------------------------------------------------------ */
/* The KPIs, from RT's records                                              */

static gboolean
is_active (const char *status)
{
  return g_strcmp0 (status, "new") == 0 || g_strcmp0 (status, "open") == 0 ||
         g_strcmp0 (status, "stalled") == 0;
}

static gboolean
is_requestor (const RtTicket *t,
              const char     *name)
{
  for (guint i = 0; name != NULL && t->requestors[i] != NULL; i++)
    if (g_ascii_strcasecmp (t->requestors[i], name) == 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  gint64 first_reply;       /* 0: no agent reply */
  guint replies;            /* agent replies */
  gboolean reopened;        /* ever moved from resolved back to an active status */
} Work;

static Work
work_of (const RtTicket *t,
         GHashTable     *agents)
{
  Work w = { 0, 0, FALSE };

  for (guint i = 0; i < t->history->len; i++)
    {
      const RtTransaction *tx = &g_array_index (t->history, RtTransaction, i);

      if (g_strcmp0 (tx->type, "Correspond") == 0 && g_hash_table_contains (agents, tx->creator))
        {
          w.replies++;
          if (w.first_reply == 0 || tx->created < w.first_reply)
            w.first_reply = tx->created;
        }
      if (g_strcmp0 (tx->type, "Status") == 0 && g_strcmp0 (tx->old_value, "resolved") == 0 &&
          is_active (tx->new_value))
        w.reopened = TRUE;
    }
  return w;
}

/* The status @t had at @instant: the last status change before it, or,
 * before the first change, the status that change left. */
static const char *
status_at (const RtTicket *t,
           gint64          instant)
{
  const char *status = NULL;
  gboolean changed = FALSE;

  for (guint i = 0; i < t->history->len; i++)
    {
      const RtTransaction *tx = &g_array_index (t->history, RtTransaction, i);

      if (g_strcmp0 (tx->type, "Status") != 0)
        continue;
      if (!changed)
        status = tx->old_value;
      changed = TRUE;
      if (tx->created < instant)
        status = tx->new_value;
    }
  return changed ? status : t->status;
}

/* When @t was resolved as of @now: the last change to resolved at or before
 * it, if the ticket was still resolved then; without status changes, its
 * Resolved if its status is resolved. 0: not resolved then. */
static gint64
resolved_as_of (const RtTicket *t,
                gint64          now)
{
  gint64 when = 0;
  gboolean changed = FALSE;

  for (guint i = 0; i < t->history->len; i++)
    {
      const RtTransaction *tx = &g_array_index (t->history, RtTransaction, i);

      if (g_strcmp0 (tx->type, "Status") != 0)
        continue;
      if (!changed && g_strcmp0 (tx->old_value, "resolved") == 0)
        when = t->resolved;
      changed = TRUE;
      if (tx->created <= now)
        when = g_strcmp0 (tx->new_value, "resolved") == 0 ? tx->created : 0;
    }
  if (!changed)
    return g_strcmp0 (t->status, "resolved") == 0 && t->resolved <= now ? t->resolved : 0;
  return when;
}

/* RT's first-response deadline: RT's SLA starts the response clock when an
 * outside actor (a requestor) writes (rt5.md §6), and sets Due to it in
 * the Create transaction's scrips, as RT_System. Read from the history, so
 * the deadline is RT's own arithmetic (real or business minutes, RT's
 * business hours), not the console's. */
static gint64
response_deadline (const RtTicket *t)
{
  const RtTransaction *create = NULL;

  for (guint i = 0; i < t->history->len; i++)
    {
      const RtTransaction *tx = &g_array_index (t->history, RtTransaction, i);

      if (create == NULL)
        {
          if (g_strcmp0 (tx->type, "Create") == 0)
            create = tx;
          continue;
        }
      if (g_strcmp0 (tx->creator, "RT_System") != 0)
        break;
      if (g_strcmp0 (tx->type, "Set") == 0 && g_strcmp0 (tx->field, "Due") == 0)
        return is_requestor (t, create->creator) ? rt_time (tx->new_value) : 0;
    }
  return 0;
}

/* A requestor of @t opened another ticket within 7 days after its resolution. */
static gboolean
contacted_again (const RtTicket *t,
                 gint64          resolved)
{
  for (guint i = 0; i < truth->len; i++)
    {
      const RtTicket *other = g_ptr_array_index (truth, i);

      if (other->created <= resolved || other->created > resolved + 7 * DAY)
        continue;
      for (guint r = 0; t->requestors[r] != NULL; r++)
        if (is_requestor (other, t->requestors[r]))
          return TRUE;
    }
  return FALSE;
}

/* An answer in [low, high], from the custom field's text. */
static gboolean
answer_of (const RtTicket *t,
           const char     *field,
           int             low,
           int             high,
           int            *out)
{
  const char *text = g_hash_table_lookup (t->fields, field);
  gint64 v;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, low, high, &v, NULL))
    return FALSE;
  *out = (int) v;
  return TRUE;
}

typedef struct
{
  gint64 from;
  gint64 to;
  gint64 now;               /* the console's --now, or the seed's end */
  const char *group_by;     /* NULL, "queue", "agent" or "channel" */
  gboolean fcr_repeat;
  GHashTable *agents;
  gboolean sla;             /* the console holds RT's SLA levels in its settings */
} Period;

/* One expected row: counts, and the other figures as the export prints
 * them (one decimal), NULL for null. */
typedef struct
{
  char *group;
  gint64 created;
  gint64 resolved;
  gint64 csat_responses;
  gint64 nps_responses;
  gint64 ces_responses;
  gint64 backlog_end;
  char *frt_median_seconds;
  char *frt_p90_seconds;
  char *art_median_seconds;
  char *aht_mean_minutes;
  char *fcr_percent;
  char *csat_percent;
  char *nps;
  char *ces_mean;
  char *sla_met_percent;
  char *frt_mean_seconds;
  char *art_p90_seconds;
  char *art_mean_seconds;
} Row;

static void
row_free (gpointer data)
{
  Row *r = data;

  g_free (r->group);
  g_free (r->frt_median_seconds);
  g_free (r->frt_p90_seconds);
  g_free (r->art_median_seconds);
  g_free (r->frt_mean_seconds);
  g_free (r->art_p90_seconds);
  g_free (r->art_mean_seconds);
  g_free (r->aht_mean_minutes);
  g_free (r->fcr_percent);
  g_free (r->csat_percent);
  g_free (r->nps);
  g_free (r->ces_mean);
  g_free (r->sla_met_percent);
  g_free (r);
}

static char *
one_decimal (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.1f", v);
  return g_strdup (strcmp (buf, "-0.0") == 0 ? "0.0" : buf);
}

static char *
percent_of (guint part,
            guint whole)
{
  return whole > 0 ? one_decimal (100.0 * part / whole) : NULL;
}

static char *
mean_of (gint64 sum,
         guint  n)
{
  return n > 0 ? one_decimal ((double) sum / n) : NULL;
}

static gint64
sum_of (GArray *values)
{
  gint64 sum = 0;

  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, gint64, i);
  return sum;
}

static int
compare_seconds (gconstpointer a,
                 gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static char *
median_of (GArray *values)
{
  guint n = values->len;
  gint64 *v;

  if (n == 0)
    return NULL;
  g_array_sort (values, compare_seconds);
  v = (gint64 *) (gpointer) values->data;
  if (n % 2 == 1)
    return one_decimal ((double) v[n / 2]);
  return one_decimal (((double) v[n / 2 - 1] + (double) v[n / 2]) / 2.0);
}

/* The ⌈0.9·n⌉-th smallest: the smallest rank k with k ≥ 0.9·n. */
static char *
p90_of (GArray *values)
{
  guint n = values->len, k = 1;

  if (n == 0)
    return NULL;
  g_array_sort (values, compare_seconds);
  while (10 * k < 9 * n)
    k++;
  return one_decimal ((double) g_array_index (values, gint64, k - 1));
}

static const char *
group_of (const RtTicket *t,
          const Period   *p)
{
  if (p->group_by == NULL)
    return NULL;
  if (strcmp (p->group_by, "queue") == 0)
    return t->queue;
  if (strcmp (p->group_by, "agent") == 0)
    return t->owner;
  return g_hash_table_lookup (t->fields, "Channel");
}

static Row *
compute_row (const char   *group,
             GPtrArray    *members,
             const Period *p)
{
  g_autoptr(GArray) frt = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) art = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 backlog_at = MIN (p->to, p->now);
  gint64 worked = 0, effort = 0;
  guint fcr = 0, satisfied = 0, promoters = 0, detractors = 0, met = 0, missed = 0;
  Row *row = g_new0 (Row, 1);

  row->group = g_strdup (group);
  for (guint i = 0; i < members->len; i++)
    {
      const RtTicket *t = g_ptr_array_index (members, i);
      Work w = work_of (t, p->agents);
      gint64 resolved = resolved_as_of (t, p->now);
      int answer;

      if (t->created >= p->from && t->created < p->to)
        {
          row->created++;
          if (w.first_reply != 0 && w.first_reply <= p->now)
            {
              gint64 seconds = w.first_reply - t->created;
              g_array_append_val (frt, seconds);
            }
        }

      if (resolved != 0 && resolved >= p->from && resolved < p->to)
        {
          gint64 seconds = resolved - t->created;

          row->resolved++;
          g_array_append_val (art, seconds);
          worked += t->time_worked;
          if (p->fcr_repeat ? !contacted_again (t, resolved) : (w.replies == 1 && !w.reopened))
            fcr++;
          if (answer_of (t, "CSAT", 1, 5, &answer))
            {
              row->csat_responses++;
              satisfied += answer >= 4;
            }
          if (answer_of (t, "NPS", 0, 10, &answer))
            {
              row->nps_responses++;
              promoters += answer >= 9;
              detractors += answer <= 6;
            }
          if (answer_of (t, "CES", 1, 7, &answer))
            {
              row->ces_responses++;
              effort += answer;
            }
        }

      if (t->created < backlog_at && is_active (status_at (t, backlog_at)))
        row->backlog_end++;

      /* Response attainment as the SLA page counts it: a deadline in the
       * period is met when the first agent reply came by it, missed when
       * the reply came later or the deadline passed unanswered, not
       * counted yet while it lies ahead unanswered. */
      if (p->sla)
        {
          gint64 deadline = response_deadline (t);
          gboolean answered = w.first_reply != 0 && w.first_reply <= p->now;

          if (deadline != 0 && deadline >= p->from && deadline < p->to)
            {
              if (answered && w.first_reply <= deadline)
                met++;
              else if (answered || deadline < p->now)
                missed++;
            }
        }
    }

  row->frt_median_seconds = median_of (frt);
  row->frt_p90_seconds = p90_of (frt);
  row->frt_mean_seconds = mean_of (sum_of (frt), frt->len);
  row->art_median_seconds = median_of (art);
  row->art_p90_seconds = p90_of (art);
  row->art_mean_seconds = mean_of (sum_of (art), art->len);
  row->aht_mean_minutes = mean_of (worked, row->resolved);
  row->fcr_percent = percent_of (fcr, row->resolved);
  row->csat_percent = percent_of (satisfied, row->csat_responses);
  row->nps = row->nps_responses > 0
    ? one_decimal (100.0 * ((double) promoters - (double) detractors) / row->nps_responses) : NULL;
  row->ces_mean = mean_of (effort, row->ces_responses);
  row->sla_met_percent = percent_of (met, met + missed);
  return row;
}

/* Every row the export should print: one without grouping, else one per
 * group any ticket belongs to (the export reads every ticket changed since
 * --from, and the periods here start a day before the fixture). */
static GPtrArray *
expected_rows (const Period *p)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < truth->len; i++)
    {
      const RtTicket *t = g_ptr_array_index (truth, i);
      const char *group = group_of (t, p);
      const char *name = group ? group : "";
      GPtrArray *members;

      /* Every ticket has a queue, an owner (maybe Nobody) and, in this
       * helpdesk, a channel: no row for "no value". */
      g_assert_true (p->group_by == NULL || group != NULL);
      members = g_hash_table_lookup (groups, name);
      if (members == NULL)
        {
          members = g_ptr_array_new ();
          g_hash_table_insert (groups, g_strdup (name), members);
        }
      g_ptr_array_add (members, (gpointer) t);
    }
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (rows, compute_row (p->group_by ? key : NULL, value, p));
  return rows;
}

/* ------------------------------------------------------------------------ */
/* The console                                                              */

/* The console's settings for the SLA runs: RT's SLA levels and business
 * hours as rt-up.sh configures them, and the Agents group for this RT. */
static void
write_settings (const char *config_home)
{
  static const char policy[] =
    "{\"timezone\":\"UTC\","
    "\"hours\":[{\"days\":[1,2,3,4,5],\"start\":\"09:00\",\"end\":\"17:00\"}],"
    "\"levels\":["
    "{\"name\":\"gold\",\"start_immediately\":true,\"response_minutes\":240,"
    "\"resolve_minutes\":2880},"
    "{\"name\":\"business\",\"response_minutes\":480,\"response_business\":true},"
    "{\"name\":\"2d\",\"start_immediately\":true,\"resolve_minutes\":2880}]}";
  g_autofree char *dir = g_build_filename (config_home, "glib-2.0", "settings", NULL);
  g_autofree char *file = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *text = g_strdup_printf ("[com/example/CsmConsole]\n"
                                           "account-url='%s'\n"
                                           "agents-group='Agents'\n"
                                           "sla-policy='%s'\n", rt_url, policy);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, text, -1, &error));
  g_assert_no_error (error);
}

/* Runs the export; with @settings, on the settings write_settings() made,
 * else on the schema's defaults (GSETTINGS_BACKEND=memory). Its config,
 * cache and data directories are the test's own. */
static JsonArray *
run_kpis (JsonParser *parser,
          gint64      from,
          gint64      to,
          const char *group_by,
          const char *fcr,
          gint64      now,
          gboolean    settings)
{
  const char *console = g_getenv ("CSM_CONSOLE");
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *from_text = iso (from);
  g_autofree char *to_text = iso (to);
  g_autofree char *config = g_build_filename (tmpdir, settings ? "config-sla" : "config", NULL);
  g_autofree char *cache = g_build_filename (tmpdir, "cache", NULL);
  g_autofree char *data = g_build_filename (tmpdir, "data", NULL);
  g_autofree char *state = g_build_filename (tmpdir, "state", NULL);
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *command = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  JsonNode *root;
  int status = 0;

  g_assert_nonnull (console);
  g_ptr_array_add (argv, g_strdup (console));
  g_ptr_array_add (argv, g_strdup ("--export=kpis"));
  g_ptr_array_add (argv, g_strdup_printf ("--url=%s", rt_url));
  g_ptr_array_add (argv, g_strdup_printf ("--token-file=%s", token_file));
  g_ptr_array_add (argv, g_strdup_printf ("--from=%s", from_text));
  g_ptr_array_add (argv, g_strdup_printf ("--to=%s", to_text));
  if (group_by)
    g_ptr_array_add (argv, g_strdup_printf ("--group-by=%s", group_by));
  if (fcr)
    g_ptr_array_add (argv, g_strdup_printf ("--fcr=%s", fcr));
  if (now)
    {
      g_autofree char *now_text = iso (now);

      g_ptr_array_add (argv, g_strdup_printf ("--now=%s", now_text));
    }
  g_ptr_array_add (argv, g_strdup ("--format=json"));
  g_ptr_array_add (argv, NULL);

  if (settings)
    write_settings (config);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", settings ? "keyfile" : "memory", TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config, TRUE);
  env = g_environ_setenv (env, "XDG_CACHE_HOME", cache, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", data, TRUE);
  env = g_environ_setenv (env, "XDG_STATE_HOME", state, TRUE);

  command = g_strjoinv (" ", (char **) argv->pdata + 1);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("csm-console %s failed: %s", command, err);
  g_free (last_export_stderr);
  last_export_stderr = g_strdup (err);
  g_test_message ("csm-console %s (%s settings): %.1f s", command, settings ? "keyfile" : "default",
                  (g_get_monotonic_time () - t0) / 1e6);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_node_get_array (root);
}

/* ------------------------------------------------------------------------ */
/* Comparison                                                               */

static const char * const count_keys[] = {
  "created", "resolved", "csat_responses", "nps_responses", "ces_responses", "backlog_end", NULL,
};
static const char * const figure_keys[] = {
  "frt_median_seconds", "frt_p90_seconds", "art_median_seconds", "aht_mean_minutes",
  "fcr_percent", "csat_percent", "nps", "ces_mean", "sla_met_percent",
  "frt_mean_seconds", "art_p90_seconds", "art_mean_seconds", NULL,
};

static gint64
row_count (const Row  *r,
           const char *key)
{
  const gint64 values[] = {
    r->created, r->resolved, r->csat_responses, r->nps_responses, r->ces_responses, r->backlog_end,
  };

  for (guint i = 0; count_keys[i] != NULL; i++)
    if (strcmp (count_keys[i], key) == 0)
      return values[i];
  g_assert_not_reached ();
}

static const char *
row_figure (const Row  *r,
            const char *key)
{
  const char * const values[] = {
    r->frt_median_seconds, r->frt_p90_seconds, r->art_median_seconds, r->aht_mean_minutes,
    r->fcr_percent, r->csat_percent, r->nps, r->ces_mean, r->sla_met_percent,
    r->frt_mean_seconds, r->art_p90_seconds, r->art_mean_seconds,
  };

  for (guint i = 0; figure_keys[i] != NULL; i++)
    if (strcmp (figure_keys[i], key) == 0)
      return values[i];
  g_assert_not_reached ();
}

static char *
describe_row (const Row *r)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%s:", r->group ? r->group : "(all)");
  for (guint i = 0; count_keys[i] != NULL; i++)
    g_string_append_printf (s, " %s=%" G_GINT64_FORMAT, count_keys[i],
                            row_count (r, count_keys[i]));
  for (guint i = 0; figure_keys[i] != NULL; i++)
    {
      const char *figure = row_figure (r, figure_keys[i]);

      g_string_append_printf (s, " %s=%s", figure_keys[i], figure ? figure : "null");
    }
  return g_string_free (s, FALSE);
}

/* Every key of every row: counts equal, figures equal to the one decimal
 * printed, null exactly where the population is empty. All differences
 * are reported, then the test fails. */
static void
assert_rows (const char *what,
             JsonArray  *got,
             GPtrArray  *expected)
{
  g_autoptr(GString) diffs = g_string_new (NULL);

  for (guint i = 0; i < expected->len; i++)
    {
      g_autofree char *text = describe_row (g_ptr_array_index (expected, i));
      g_test_message ("%s, expected %s", what, text);
    }
  if (json_array_get_length (got) != expected->len)
    g_string_append_printf (diffs, "\n  %u rows exported, %u expected",
                            json_array_get_length (got), expected->len);

  for (guint i = 0; i < expected->len; i++)
    {
      const Row *e = g_ptr_array_index (expected, i);
      JsonObject *g = NULL;
      const char *label = e->group ? e->group : "(all)";

      for (guint k = 0; k < json_array_get_length (got) && g == NULL; k++)
        {
          JsonObject *o = json_array_get_object_element (got, k);
          JsonNode *group = json_object_get_member (o, "group");

          if (group == NULL)
            continue;
          if (e->group == NULL ? JSON_NODE_HOLDS_NULL (group)
                               : (!JSON_NODE_HOLDS_NULL (group) &&
                                  g_strcmp0 (json_node_get_string (group), e->group) == 0))
            g = o;
        }
      if (g == NULL)
        {
          g_string_append_printf (diffs, "\n  %s: no such row exported", label);
          continue;
        }
      if (json_object_get_size (g) != 1 + g_strv_length ((char **) count_keys) +
                                      g_strv_length ((char **) figure_keys) + 3)
        g_string_append_printf (diffs, "\n  %s: %u keys exported", label, json_object_get_size (g));

      for (guint k = 0; count_keys[k] != NULL; k++)
        {
          JsonNode *node = json_object_get_member (g, count_keys[k]);
          gint64 want = row_count (e, count_keys[k]);

          if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
              json_node_get_value_type (node) != G_TYPE_INT64)
            g_string_append_printf (diffs, "\n  %s.%s: not an integer", label, count_keys[k]);
          else if (json_node_get_int (node) != want)
            g_string_append_printf (diffs, "\n  %s.%s: exported %" G_GINT64_FORMAT ", RT says %"
                                    G_GINT64_FORMAT, label, count_keys[k],
                                    json_node_get_int (node), want);
        }
      for (guint k = 0; figure_keys[k] != NULL; k++)
        {
          JsonNode *node = json_object_get_member (g, figure_keys[k]);
          const char *want = row_figure (e, figure_keys[k]);
          g_autofree char *have = NULL;

          if (node == NULL)
            {
              g_string_append_printf (diffs, "\n  %s.%s: missing", label, figure_keys[k]);
              continue;
            }
          if (!JSON_NODE_HOLDS_NULL (node))
            {
              if (!JSON_NODE_HOLDS_VALUE (node) ||
                  (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
                   json_node_get_value_type (node) != G_TYPE_INT64))
                {
                  g_string_append_printf (diffs, "\n  %s.%s: not a number", label, figure_keys[k]);
                  continue;
                }
              have = one_decimal (json_node_get_double (node));
            }
          if (g_strcmp0 (have, want) != 0)
            g_string_append_printf (diffs, "\n  %s.%s: exported %s, RT says %s", label,
                                    figure_keys[k], have ? have : "null", want ? want : "null");
        }
    }
  if (diffs->len > 0)
    {
      g_autofree char *log_path = g_build_filename (rt_dir, "rt.log", NULL);
      g_autofree char *log = NULL;
      gsize length = 0;

      /* What both sides said, for a difference that does not come back. */
      g_test_message ("the export's stderr: %s", last_export_stderr ? last_export_stderr : "");
      if (g_file_get_contents (log_path, &log, &length, NULL))
        g_test_message ("RT's log (its end): %s", log + (length > 4000 ? length - 4000 : 0));
      g_test_fail_printf ("%s: the export differs from RT:%s", what, diffs->str);
    }
}

/* Runs one export and compares it with what RT's records give for @p. */
static void
check_period (const char   *what,
              const Period *p,
              const char   *fcr_option,
              gboolean      pass_now,
              gboolean      settings)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) expected = expected_rows (p);
  JsonArray *got;

  /* On its own clock, the console must not run before the "now" of the
   * computation here (the seed's end): a ticket created in the current
   * second would not exist yet at its "now". */
  while (!pass_now && now_seconds () < p->now)
    g_usleep (G_USEC_PER_SEC / 10);
  got = run_kpis (parser, p->from, p->to, p->group_by, fcr_option, pass_now ? p->now : 0, settings);

  assert_rows (what, got, expected);
  /* Each row names what it was counted with: the rule asked for (its
   * window, 7 days by default, for the repeat rule) and calendar time. */
  for (guint i = 0; i < json_array_get_length (got); i++)
    {
      JsonObject *row = json_array_get_object_element (got, i);

      g_assert_cmpstr (json_object_get_string_member (row, "fcr_rule"), ==,
                       p->fcr_repeat ? "repeat" : "reply");
      g_assert_cmpstr (json_object_get_string_member (row, "time_basis"), ==, "calendar");
      if (p->fcr_repeat)
        g_assert_cmpint (json_object_get_int_member (row, "repeat_days"), ==, 7);
      else
        g_assert_true (json_object_get_null_member (row, "repeat_days"));
    }
}

static Period
main_period (void)
{
  load_truth ();
  return (Period) {
    .from = seed.start - DAY,
    .to = seed.end,
    .now = seed.end,
    .agents = privileged,
  };
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */

/* The seed has what the checks are about; a comparison over tickets
 * without reopens, repeat contacts or survey answers would prove little. */
static void
test_seeded_as_planned (void)
{
  Period p = main_period ();
  const RtTicket *reopened = ticket (seed.reopen_customer);
  const RtTicket *left_open = ticket (seed.reopen_left_open);
  const RtTicket *root_replied = ticket (seed.root_replied);
  const RtTicket *worked = ticket (seed.worked);
  guint backlog_mid = 0, active_now = 0;

  g_assert_cmpstr (reopened->status, ==, "resolved");
  g_assert_true (work_of (reopened, p.agents).reopened);
  g_assert_cmpuint (work_of (reopened, p.agents).replies, ==, 1);
  g_assert_cmpint (reopened->resolved, >, seed.mid);
  g_assert_cmpstr (left_open->status, ==, "open");
  g_assert_true (work_of (left_open, p.agents).reopened);
  g_assert_cmpint (left_open->resolved, !=, 0);      /* RT keeps it; the export must not count it */
  g_assert_cmpstr (status_at (left_open, seed.mid), ==, "resolved");
  /* root's reply is an agent's for RT's privileged users, not for the group. */
  g_assert_cmpuint (work_of (root_replied, privileged).replies, ==, 2);
  g_assert_cmpuint (work_of (root_replied, agents_group).replies, ==, 1);
  g_assert_cmpstr (worked->owner, ==, "bob");
  g_assert_cmpint (worked->time_worked, ==, 50);
  g_assert_cmpint (ticket (seed.resolved_silent)->time_worked, ==, 0);
  g_assert_cmpstr (ticket (seed.resolved_silent)->owner, ==, "Nobody");
  g_assert_cmpint (ticket (seed.repeat_second)->created, >, ticket (seed.repeat_first)->resolved);
  g_assert_true (contacted_again (ticket (seed.repeat_first), ticket (seed.repeat_first)->resolved));
  g_assert_false (contacted_again (worked, worked->resolved));
  /* Between the phases, the ticket reopened by its customer was still
   * resolved (the first time), and the one reopened and left open too. */
  g_assert_cmpint (resolved_as_of (ticket (seed.reopen_customer), seed.mid), !=, 0);
  g_assert_cmpint (resolved_as_of (ticket (seed.reopen_customer), seed.mid), <, seed.mid);
  g_assert_cmpint (resolved_as_of (ticket (seed.reopen_left_open), seed.mid), !=, 0);
  g_assert_cmpint (resolved_as_of (ticket (seed.reopen_left_open), seed.end), ==, 0);
  g_assert_cmpint (work_of (ticket (seed.late_answer), p.agents).first_reply, >, seed.mid);

  for (guint i = 0; i < truth->len; i++)
    {
      const RtTicket *t = g_ptr_array_index (truth, i);
      gint64 taken = 0;

      /* The ticket's time worked is the sum of its transactions' TimeTaken
       * (a direct TimeWorked change records the difference). */
      for (guint k = 0; k < t->history->len; k++)
        taken += g_array_index (t->history, RtTransaction, k).time_taken;
      g_assert_cmpint (t->time_worked, ==, taken);
      /* Nothing RT stamped falls on the instant between the phases. */
      for (guint k = 0; k < t->history->len; k++)
        g_assert_cmpint (g_array_index (t->history, RtTransaction, k).created, !=, seed.mid);
      if (t->created < seed.mid)
        {
          backlog_mid += is_active (status_at (t, seed.mid));
          active_now += is_active (t->status);
        }
    }
  /* The backlog at the split is not today's statuses of those tickets. */
  g_test_message ("backlog at the split %u; the same tickets active now %u",
                  backlog_mid, active_now);
  g_assert_cmpuint (backlog_mid, !=, active_now);
}

static void
test_ungrouped (void)
{
  Period p = main_period ();
  g_autoptr(GPtrArray) expected = expected_rows (&p);
  const Row *all = g_ptr_array_index (expected, 0);

  /* Both FCR outcomes and every survey edge are in the population. */
  g_assert_cmpuint (expected->len, ==, 1);
  g_assert_cmpint (all->resolved, >=, 10);
  g_assert_cmpstr (all->fcr_percent, !=, "0.0");
  g_assert_cmpstr (all->fcr_percent, !=, "100.0");
  g_assert_null (all->sla_met_percent);   /* no SLA levels in the default settings */
  check_period ("ungrouped", &p, NULL, FALSE, FALSE);
}

static void
test_by_queue (void)
{
  Period p = main_period ();

  p.group_by = "queue";
  check_period ("--group-by=queue", &p, NULL, FALSE, FALSE);
}

static void
test_by_agent (void)
{
  Period p = main_period ();

  p.group_by = "agent";
  check_period ("--group-by=agent", &p, NULL, FALSE, FALSE);
}

static void
test_by_channel (void)
{
  Period p = main_period ();

  p.group_by = "channel";
  check_period ("--group-by=channel", &p, NULL, FALSE, FALSE);
}

static void
test_fcr_repeat (void)
{
  Period p = main_period ();
  Period reply = main_period ();
  g_autoptr(GPtrArray) by_repeat = NULL;
  g_autoptr(GPtrArray) by_reply = expected_rows (&reply);

  p.fcr_repeat = TRUE;
  by_repeat = expected_rows (&p);
  /* The two rules tell these tickets apart. */
  g_assert_cmpstr (((Row *) g_ptr_array_index (by_repeat, 0))->fcr_percent, !=,
                   ((Row *) g_ptr_array_index (by_reply, 0))->fcr_percent);
  check_period ("--fcr=repeat", &p, "repeat", FALSE, FALSE);
}

/* A period ending between the phases: the backlog then is rebuilt from
 * the status history; what was resolved after it, and replies after it to
 * tickets created before it, count as RT's records say. */
static void
test_to_between_phases (void)
{
  Period p = main_period ();

  p.to = seed.mid;
  check_period ("--to between the phases", &p, NULL, FALSE, FALSE);
  p.group_by = "queue";
  check_period ("--to between the phases, --group-by=queue", &p, NULL, FALSE, FALSE);
}

/* The console asked as of the moment between the phases (--now): what
 * was resolved then counts, as RT's history shows it, even where the
 * ticket was reopened (and resolved again, or not) afterwards. */
static void
test_now_between_phases (void)
{
  Period p = main_period ();

  p.to = seed.mid;
  p.now = seed.mid;
  check_period ("--to and --now between the phases", &p, NULL, TRUE, FALSE);
}

/* A period starting between the phases: only phase 2's new ticket was
 * created in it, and it has no reply yet (FRT null in a non-empty period). */
static void
test_from_between_phases (void)
{
  Period p = main_period ();
  g_autoptr(GPtrArray) expected = NULL;
  const Row *all;

  p.from = seed.mid;
  expected = expected_rows (&p);
  all = g_ptr_array_index (expected, 0);
  g_assert_cmpint (all->created, ==, 1);
  g_assert_null (all->frt_median_seconds);
  g_assert_cmpint (all->resolved, ==, 2);
  check_period ("--from between the phases", &p, NULL, FALSE, FALSE);
}

/* SLA attainment, with RT's SLA levels and business hours described in the
 * console's settings and the Agents group naming the agents. The export's
 * "now" is four days on: every first-response deadline of this helpdesk
 * (gold: 4 real hours; business: 8 business hours, at most three days
 * over a weekend) has passed and lies in the period, so unanswered tickets
 * count as missed. Nothing changes in RT meanwhile, so RT's records are
 * the truth of that instant too. The deadlines are RT's own (the Due its
 * SLA set at creation), compared with the ones the console computes from
 * its settings; only response deadlines count (sla_met_percent). */
static void
test_sla_met (void)
{
  Period p = main_period ();
  g_autoptr(GPtrArray) expected = NULL;
  const Row *all;

  p.to = p.now = seed.end + 4 * DAY;
  p.agents = agents_group;
  p.sla = TRUE;
  expected = expected_rows (&p);
  all = g_ptr_array_index (expected, 0);
  g_assert_nonnull (all->sla_met_percent);
  g_assert_cmpstr (all->sla_met_percent, !=, "100.0");
  check_period ("SLA, agents group", &p, NULL, TRUE, TRUE);
  p.group_by = "queue";
  check_period ("SLA, agents group, --group-by=queue", &p, NULL, TRUE, TRUE);

  /* The same period on the real clock: every deadline still lies ahead,
   * so only the answered tickets count (met), the others not yet. */
  p.group_by = NULL;
  p.now = seed.end;
  g_ptr_array_unref (expected);
  expected = expected_rows (&p);
  g_assert_cmpstr (((Row *) g_ptr_array_index (expected, 0))->sla_met_percent, ==, "100.0");
  check_period ("SLA, agents group, deadlines ahead", &p, NULL, FALSE, TRUE);

  /* For the record: RT runs the response clock from the Create
   * transaction, which can be stamped a second after the ticket's Created
   * that the console counts from. */
  for (guint i = 0; i < truth->len; i++)
    {
      const RtTicket *t = g_ptr_array_index (truth, i);
      gint64 deadline = response_deadline (t);

      if (deadline != 0 && g_strcmp0 (t->sla, "gold") == 0 && deadline != t->created + 240 * 60)
        g_test_message ("ticket %" G_GINT64_FORMAT ": RT's gold response deadline is Created + "
                        "4 h %+" G_GINT64_FORMAT " s", t->id, deadline - t->created - 240 * 60);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  static const char * const actors[] = { "alice", "bob", "dave", "carol", "erin", NULL };
  int ret;

  g_test_init (&argc, &argv, NULL);

  rt_url = g_strdup (g_getenv ("CSM_TEST_RT_URL"));
  token_file = g_strdup (g_getenv ("CSM_TEST_RT_TOKEN_FILE"));
  rt_dir = g_strdup (g_getenv ("CSM_TEST_RT_DIR"));
  if (rt_url == NULL || token_file == NULL || rt_dir == NULL)
    g_error ("run me through tests/rt/with-rt.sh");
  tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (tokens, g_strdup ("root"), read_token (token_file));
  for (guint i = 0; actors[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (rt_dir, "tokens", actors[i], NULL);
      g_hash_table_insert (tokens, g_strdup (actors[i]), read_token (path));
    }
  session = soup_session_new_with_options ("user-agent", "csm-kpi-test", NULL);
  tmpdir = g_dir_make_tmp ("csm-rt-kpis-XXXXXX", &error);
  g_assert_no_error (error);

  /* In order: the seed first, then every export over what it left. */
  g_test_add_func ("/rt/kpis/seed", test_seed);
  g_test_add_func ("/rt/kpis/seeded-as-planned", test_seeded_as_planned);
  g_test_add_func ("/rt/kpis/ungrouped", test_ungrouped);
  g_test_add_func ("/rt/kpis/by-queue", test_by_queue);
  g_test_add_func ("/rt/kpis/by-agent", test_by_agent);
  g_test_add_func ("/rt/kpis/by-channel", test_by_channel);
  g_test_add_func ("/rt/kpis/fcr-repeat", test_fcr_repeat);
  g_test_add_func ("/rt/kpis/to-between-phases", test_to_between_phases);
  g_test_add_func ("/rt/kpis/from-between-phases", test_from_between_phases);
  g_test_add_func ("/rt/kpis/now-between-phases", test_now_between_phases);
  g_test_add_func ("/rt/kpis/sla-met", test_sla_met);

  ret = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
    (void) system (cmd);
  }
  g_clear_pointer (&truth, g_ptr_array_unref);
  g_clear_pointer (&privileged, g_hash_table_unref);
  g_clear_pointer (&agents_group, g_hash_table_unref);
  g_clear_pointer (&last_export_stderr, g_free);
  g_hash_table_unref (tokens);
  g_object_unref (session);
  return ret;
}
