/* bench-json.c: REST2 page parsing throughput: json-glib, csm-json, csm-json with conversion.
 *
 * Generates a page of 100 tickets with every field the console asks RT for
 * and a page of 100 transactions, both written the way RT writes them
 * (JSON::to_json with pretty => 1: three-space indent, " : ", keys in hash
 * order), then parses each for a while and prints MB/s:
 *
 *   json-glib           json_parser_load_from_data() alone
 *   csm-json            csm_json_parse() alone
 *   csm-json+convert    csm_rt_parse_page(): parse and build the CsmTickets /
 *                       CsmTransactions, what a sync does per page
 *
 * The last against the first understates the gain: the json-glib path also
 * had to convert.
 *
 *   bench-json [--seconds S] [--items N] [--only json-glib|csm-json|convert]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-json"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "csm-json.h"
#include "csm-json-writer.h"
#include "csm-rt-parse.h"

static void
write_user_ref (CsmJsonWriter *w,
                const char    *key,
                const char    *base,
                const char    *login,
                const char    *real_name)
{
  g_autofree char *url = g_strdup_printf ("%s/user/%s", base, login);

  csm_json_writer_key (w, key);
  csm_json_writer_begin_object (w);
  csm_json_writer_member_string (w, "id", login);
  csm_json_writer_member_string (w, "_url", url);
  if (real_name != NULL)
    {
      csm_json_writer_member_string (w, "Name", login);
      csm_json_writer_member_string (w, "RealName", real_name);
    }
  csm_json_writer_member_string (w, "type", "user");
  csm_json_writer_end_object (w);
}

static void
shuffle (GRand      *rand,
         const char *keys[],
         guint       n)
{
  for (guint i = n - 1; i > 0; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i + 1);
      const char *tmp = keys[i];
      keys[i] = keys[j];
      keys[j] = tmp;
    }
}

static const char *const subjects[] = {
  "Cannot log in to the customer portal",
  "Invoice 2026-11 charged twice",
  "VPN drops every \"few\" minutes",
  "Réclamation : colis non reçu",
  "Drucker im 3. Stock druckt nur Hieroglyphen",
  "Password reset link expired",
  "Export to CSV loses the € sign",
  "Refund request — order #48213",
  "App crashes on start 😞",
  "Upgrade from the basic to the premium plan",
};

static const char *const agents[][2] = {
  { "Nobody", "Nobody in particular" },
  { "alice", "Alice Agent" },
  { "bob", "Bob Agent" },
  { "dave", "Dave Duty" },
  { "zoë", "Zoë Ångström" },
};

static const char *const statuses[] = { "new", "open", "stalled", "resolved" };
static const char *const queues[][2] = { { "3", "Support" }, { "4", "Billing" },
                                         { "5", "Technical" } };

static char *
date_text (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static void
write_date (CsmJsonWriter *w,
            const char    *key,
            gint64         t)
{
  g_autofree char *text = t ? date_text (t) : g_strdup ("1970-01-01T00:00:00Z");

  csm_json_writer_member_string (w, key, text);
}

static void
write_ticket (CsmJsonWriter *w,
              GRand         *rand,
              guint          id,
              const char    *base)
{
  const char *keys[] = {
    "Starts", "Owner", "_url", "Priority", "Due", "TimeWorked", "id", "Created", "Status",
    "Started", "SLA", "Told", "Creator", "LastUpdated", "CustomFields", "Requestor", "Resolved",
    "Subject", "Queue", "TimeEstimated", "type",
  };
  gint64 created = 1795000000 + (gint64) id * 37;
  guint owner = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (agents));
  guint queue = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (queues));
  g_autofree char *requestor = g_strdup_printf ("customer%u@example.com",
                                                (guint) g_rand_int_range (rand, 1, 5000));

  shuffle (rand, keys, G_N_ELEMENTS (keys));
  csm_json_writer_begin_object (w);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      const char *key = keys[k];

      if (strcmp (key, "id") == 0)
        {
          csm_json_writer_member_int (w, key, id);
        }
      else if (strcmp (key, "_url") == 0)
        {
          g_autofree char *url = g_strdup_printf ("%s/ticket/%u", base, id);
          csm_json_writer_member_string (w, key, url);
        }
      else if (strcmp (key, "type") == 0)
        csm_json_writer_member_string (w, key, "ticket");
      else if (strcmp (key, "Subject") == 0)
        {
          g_autofree char *subject = g_strdup_printf (
            "%s (%u)", subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))], id);
          csm_json_writer_member_string (w, key, subject);
        }
      else if (strcmp (key, "Status") == 0)
        csm_json_writer_member_string (w, key,
                                       statuses[g_rand_int_range (rand, 0,
                                                                  G_N_ELEMENTS (statuses))]);
      else if (strcmp (key, "SLA") == 0)
        csm_json_writer_member_string (w, key, g_rand_boolean (rand) ? "gold" : "silver");
      else if (strcmp (key, "Priority") == 0 || strcmp (key, "TimeWorked") == 0 ||
               strcmp (key, "TimeEstimated") == 0)
        {
          g_autofree char *n = g_strdup_printf ("%d", g_rand_int_range (rand, 0, 120));
          csm_json_writer_member_string (w, key, n);
        }
      else if (strcmp (key, "Created") == 0)
        write_date (w, key, created);
      else if (strcmp (key, "LastUpdated") == 0)
        write_date (w, key, created + g_rand_int_range (rand, 0, 86400));
      else if (strcmp (key, "Starts") == 0 || strcmp (key, "Started") == 0)
        write_date (w, key, g_rand_boolean (rand) ? created + 600 : 0);
      else if (strcmp (key, "Due") == 0)
        write_date (w, key, created + 4 * 3600);
      else if (strcmp (key, "Resolved") == 0 || strcmp (key, "Told") == 0)
        write_date (w, key, g_rand_int_range (rand, 0, 3) == 0 ? created + 7200 : 0);
      else if (strcmp (key, "Owner") == 0)
        write_user_ref (w, key, base, agents[owner][0], agents[owner][1]);
      else if (strcmp (key, "Creator") == 0)
        write_user_ref (w, key, base, requestor, NULL);
      else if (strcmp (key, "Queue") == 0)
        {
          g_autofree char *url = g_strdup_printf ("%s/queue/%s", base, queues[queue][0]);
          csm_json_writer_key (w, key);
          csm_json_writer_begin_object (w);
          csm_json_writer_member_string (w, "Name", queues[queue][1]);
          csm_json_writer_member_string (w, "_url", url);
          csm_json_writer_member_string (w, "id", queues[queue][0]);
          csm_json_writer_member_string (w, "type", "queue");
          csm_json_writer_end_object (w);
        }
      else if (strcmp (key, "Requestor") == 0)
        {
          g_autofree char *url = g_strdup_printf ("%s/user/%s", base, requestor);
          csm_json_writer_key (w, key);
          csm_json_writer_begin_array (w);
          csm_json_writer_begin_object (w);
          csm_json_writer_member_string (w, "id", requestor);
          csm_json_writer_member_string (w, "_url", url);
          csm_json_writer_member_string (w, "type", "user");
          csm_json_writer_end_object (w);
          csm_json_writer_end_array (w);
        }
      else if (strcmp (key, "CustomFields") == 0)
        {
          const char *cfs[][2] = { { "4", "CES" }, { "5", "Channel" }, { "3", "NPS" },
                                   { "2", "CSAT" } };
          const char *channels[] = { "email", "phone", "chat", "web" };

          csm_json_writer_key (w, key);
          csm_json_writer_begin_array (w);
          for (guint c = 0; c < G_N_ELEMENTS (cfs); c++)
            {
              g_autofree char *url = g_strdup_printf ("%s/customfield/%s", base, cfs[c][0]);
              csm_json_writer_begin_object (w);
              csm_json_writer_member_string (w, "_url", url);
              csm_json_writer_member_string (w, "id", cfs[c][0]);
              csm_json_writer_member_string (w, "name", cfs[c][1]);
              csm_json_writer_member_string (w, "type", "customfield");
              csm_json_writer_key (w, "values");
              csm_json_writer_begin_array (w);
              if (c == 1)
                csm_json_writer_string (w, channels[g_rand_int_range (rand, 0, 4)]);
              else if (g_rand_int_range (rand, 0, 3) == 0)
                {
                  g_autofree char *score = g_strdup_printf ("%d", g_rand_int_range (rand, 1, 11));
                  csm_json_writer_string (w, score);
                }
              csm_json_writer_end_array (w);
              csm_json_writer_end_object (w);
            }
          csm_json_writer_end_array (w);
        }
      else
        g_assert_not_reached ();
    }
  csm_json_writer_end_object (w);
}

static void
write_transaction (CsmJsonWriter *w,
                   GRand         *rand,
                   guint          id,
                   const char    *base)
{
  const char *keys[] = {
    "NewValue", "ObjectType", "TimeTaken", "ObjectId", "type", "Type", "_url", "OldValue",
    "id", "Field", "Created", "Creator",
  };
  const char *types[][4] = {
    { "Create", "", "", "" },
    { "Correspond", "", "", "" },
    { "Comment", "", "", "" },
    { "Status", "Status", "new", "open" },
    { "Set", "Owner", "6", "39" },
    { "Set", "TimeWorked", "0", "15" },
  };
  guint t = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (types));
  guint agent = (guint) g_rand_int_range (rand, 1, G_N_ELEMENTS (agents));

  shuffle (rand, keys, G_N_ELEMENTS (keys));
  csm_json_writer_begin_object (w);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      const char *key = keys[k];
      g_autofree char *text = NULL;

      if (strcmp (key, "NewValue") == 0)
        csm_json_writer_member_string (w, key, types[t][3]);
      else if (strcmp (key, "OldValue") == 0)
        csm_json_writer_member_string (w, key, types[t][2]);
      else if (strcmp (key, "Field") == 0)
        csm_json_writer_member_string (w, key, types[t][1]);
      else if (strcmp (key, "Type") == 0)
        csm_json_writer_member_string (w, key, types[t][0]);
      else if (strcmp (key, "ObjectType") == 0)
        csm_json_writer_member_string (w, key, "RT::Ticket");
      else if (strcmp (key, "type") == 0)
        csm_json_writer_member_string (w, key, "transaction");
      else if (strcmp (key, "TimeTaken") == 0)
        csm_json_writer_member_string (w, key, t == 1 ? "5" : "0");
      else if (strcmp (key, "ObjectId") == 0)
        {
          text = g_strdup_printf ("%u", 1 + id / 8);
          csm_json_writer_member_string (w, key, text);
        }
      else if (strcmp (key, "id") == 0)
        {
          text = g_strdup_printf ("%u", id);
          csm_json_writer_member_string (w, key, text);
        }
      else if (strcmp (key, "_url") == 0)
        {
          text = g_strdup_printf ("%s/transaction/%u", base, id);
          csm_json_writer_member_string (w, key, text);
        }
      else if (strcmp (key, "Created") == 0)
        write_date (w, key, 1795000000 + (gint64) id * 11);
      else if (strcmp (key, "Creator") == 0)
        write_user_ref (w, key, base, agents[agent][0], NULL);
      else
        g_assert_not_reached ();
    }
  csm_json_writer_end_object (w);
}

static GBytes *
make_page (CsmRtItemKind kind,
           guint         n)
{
  const char *base = "http://127.0.0.1:24888/REST/2.0";
  g_autoptr(GRand) rand = g_rand_new_with_seed (kind == CSM_RT_ITEM_TICKET ? 1 : 2);
  CsmJsonWriter *w = csm_json_writer_new_sized (TRUE, 64 * 1024);
  const char *json;
  gsize length;
  GBytes *page;

  csm_json_writer_begin_object (w);
  csm_json_writer_member_int (w, "per_page", n);
  csm_json_writer_member_int (w, "total", n * 1000);
  csm_json_writer_key (w, "next_page");
  csm_json_writer_string (w, "http://127.0.0.1:24888/REST/2.0/tickets?query=id%3E0&page=2");
  csm_json_writer_member_int (w, "count", n);
  csm_json_writer_member_int (w, "pages", 1000);
  csm_json_writer_member_int (w, "page", 1);
  csm_json_writer_key (w, "items");
  csm_json_writer_begin_array (w);
  for (guint i = 0; i < n; i++)
    {
      if (kind == CSM_RT_ITEM_TICKET)
        write_ticket (w, rand, 1 + i, base);
      else
        write_transaction (w, rand, 60 + i, base);
    }
  csm_json_writer_end_array (w);
  csm_json_writer_end_object (w);
  /* JSON::to_json (pretty => 1) ends with a newline. */
  json = csm_json_writer_peek (w, &length);
  page = g_bytes_new_take (g_strconcat (json, "\n", NULL), length + 1);
  csm_json_writer_free (w);
  return page;
}

typedef enum
{
  WORK_JSON_GLIB,
  WORK_CSM_JSON,
  WORK_CSM_JSON_CONVERT,
} Work;

static void
run_once (Work           work,
          GBytes        *body,
          CsmRtItemKind  kind,
          guint          n)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  g_autoptr(GError) error = NULL;

  switch (work)
    {
    case WORK_JSON_GLIB:
      {
        g_autoptr(JsonParser) parser = json_parser_new_immutable ();
        if (!json_parser_load_from_data (parser, data, (gssize) len, &error))
          g_error ("json-glib: %s", error->message);
      }
      break;
    case WORK_CSM_JSON:
      {
        g_autoptr(CsmJsonDoc) doc = csm_json_parse (data, len, &error);
        if (doc == NULL)
          g_error ("csm-json: %s", error->message);
      }
      break;
    case WORK_CSM_JSON_CONVERT:
      {
        g_autoptr(CsmRtPage) page = csm_rt_parse_page (body, kind, &error);
        if (page == NULL)
          g_error ("csm_rt_parse_page: %s", error->message);
        g_assert_cmpuint (page->items->len, ==, n);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The best of five rounds: the machine's noise only ever slows a round. */
static double
measure (Work           work,
         GBytes        *body,
         CsmRtItemKind  kind,
         guint          n,
         double         seconds)
{
  double best = 0;

  for (int round = 0; round < 5; round++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 elapsed;
      guint64 iterations = 0;
      double mbps;

      do
        {
          run_once (work, body, kind, n);
          iterations++;
          elapsed = g_get_monotonic_time () - start;
        }
      while (elapsed < seconds * G_USEC_PER_SEC / 5);

      mbps = (double) g_bytes_get_size (body) * (double) iterations / (double) elapsed;
      best = MAX (best, mbps);
    }
  return best;
}

int
main (int   argc,
      char *argv[])
{
  double seconds = 2.0;
  int n_items = 100;
  g_autofree char *only = NULL;
  GOptionEntry entries[] = {
    { "seconds", 's', 0, G_OPTION_ARG_DOUBLE, &seconds, "Time per measurement", "S" },
    { "items", 'n', 0, G_OPTION_ARG_INT, &n_items, "Items per page", "N" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only,
      "Run one measurement (for a profiler): json-glib, csm-json or convert", "NAME" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("- REST2 page parsing throughput");
  g_autoptr(GError) error = NULL;
  struct { const char *name; CsmRtItemKind kind; } pages[] = {
    { "tickets", CSM_RT_ITEM_TICKET },
    { "transactions", CSM_RT_ITEM_TRANSACTION },
  };

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  g_print ("%-14s %9s %12s %12s %18s %9s %9s\n", "page", "bytes", "json-glib", "csm-json",
           "csm-json+convert", "parse x", "+conv x");
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GBytes) body = make_page (pages[i].kind, (guint) n_items);
      double glib_mbps = 0, csm_mbps = 0, convert_mbps = 0;

      if (only == NULL || strcmp (only, "json-glib") == 0)
        glib_mbps = measure (WORK_JSON_GLIB, body, pages[i].kind, (guint) n_items, seconds);
      if (only == NULL || strcmp (only, "csm-json") == 0)
        csm_mbps = measure (WORK_CSM_JSON, body, pages[i].kind, (guint) n_items, seconds);
      if (only == NULL || strcmp (only, "convert") == 0)
        convert_mbps = measure (WORK_CSM_JSON_CONVERT, body, pages[i].kind, (guint) n_items,
                                seconds);
      g_print ("%-14s %9" G_GSIZE_FORMAT " %7.1f MB/s %7.1f MB/s %13.1f MB/s %8.1fx %8.1fx\n",
               pages[i].name, g_bytes_get_size (body), glib_mbps, csm_mbps, convert_mbps,
               csm_mbps / glib_mbps, convert_mbps / glib_mbps);
    }
  return 0;
}
