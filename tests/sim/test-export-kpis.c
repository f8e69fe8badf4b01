/* test-export-kpis.c: `csm-console --export=kpis` against the simulator, checked against counts made here from the simulated world.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "csm-sim-model.h"
#include "csm-sim-server.h"
#include "csm-sim-world.h"
#include "csm-test-helpdesk.h"
#include "csm-test-tickets.h"
#include "csm-time.h"

#define TOKEN "1-1-00112233445566778899aabbccddeeff"


static gboolean
is_active (const char *status)
{
  return g_strcmp0 (status, "new") == 0 || g_strcmp0 (status, "open") == 0 ||
         g_strcmp0 (status, "stalled") == 0;
}

/* The status the ticket had at @instant, from its Status transactions. */
static const char *
status_at (CsmSimWorld        *world,
           const CsmSimTicket *t,
           gint64              instant)
{
  const char *status = NULL;
  gboolean first = TRUE;

  for (guint i = 0; i < t->txns->len; i++)
    {
      const CsmSimTransaction *x =
        csm_sim_world_get_transaction_at (world, g_array_index (t->txns, guint, i));

      if (g_strcmp0 (x->type, "Status") != 0)
        continue;
      if (first)
        status = x->old_value;
      first = FALSE;
      if (x->created < instant)
        status = x->new_value;
    }
  return first ? t->status : status;
}

static const char *
field_value (CsmSimWorld        *world,
             const CsmSimTicket *t,
             const char         *name)
{
  for (guint i = 0; i < t->cf_values->len; i++)
    {
      const CsmSimCfValue *v = &g_array_index (t->cf_values, CsmSimCfValue, i);
      const CsmSimCustomField *cf = csm_sim_world_lookup_custom_field (world, v->cf_id);

      if (cf != NULL && g_strcmp0 (cf->name, name) == 0)
        return v->value;
    }
  return NULL;
}

/* The export's rows for [@from, @to) at @now, with one more option (a
 * grouping, an FCR rule) when @extra is not NULL. */
static JsonArray *
run_export_rows (const char *url,
                 const char *token_file,
                 const char *now,
                 const char *from,
                 const char *to,
                 const char *extra,
                 JsonParser *parser)
{
  g_autofree char *arg_url = g_strdup_printf ("--url=%s", url);
  g_autofree char *arg_token = g_strdup_printf ("--token-file=%s", token_file);
  g_autofree char *arg_now = g_strdup_printf ("--now=%s", now);
  g_autofree char *arg_from = g_strdup_printf ("--from=%s", from);
  g_autofree char *arg_to = g_strdup_printf ("--to=%s", to);
  /* The settings are GSettings' defaults: calendar time, FCR by reply, a
   * repeat window of 7 days and no SLA levels. */
  const char *args[] = { "--export=kpis", arg_url, arg_token, arg_now, arg_from, arg_to, extra, NULL };
  JsonNode *root = csm_test_console_export (args, parser);

  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_node_get_array (root);
}

static JsonObject *
run_export_period (const char *url,
                   const char *token_file,
                   const char *now,
                   const char *from,
                   const char *to,
                   JsonParser *parser)
{
  JsonArray *rows = run_export_rows (url, token_file, now, from, to, NULL, parser);

  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  return json_array_get_object_element (rows, 0);
}

static JsonObject *
run_export (const char *url,
            const char *token_file,
            const char *now,
            JsonParser *parser)
{
  return run_export_period (url, token_file, now, "2026-11-16", "2026-11-24", parser);
}

static void
test_matches_world (void)
{
  CsmTestHelpdesk *desk = csm_test_helpdesk_start ("scenarios/fixture-small.json", TOKEN);
  CsmSimWorld *world = desk->world;
  g_autofree char *dir = g_dir_make_tmp ("csm-kpis-XXXXXX", NULL);
  g_autofree char *token_file = g_build_filename (dir, "token", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gint64 from = csm_test_at ("2026-11-16T00:00:00Z"), to = csm_test_at ("2026-11-24T00:00:00Z");
  gint64 now = csm_sim_world_get_now (world);
  g_autofree char *now_text = csm_time_format_iso8601 (now);
  guint created = 0, resolved = 0, backlog = 0, csat = 0, satisfied = 0;
  GPtrArray *tickets;
  JsonObject *row;

  g_assert_true (g_file_set_contents (token_file, TOKEN, -1, NULL));
  g_assert_cmpint (g_chmod (token_file, 0600), ==, 0);
  row = run_export (csm_test_helpdesk_get_url (desk), token_file, now_text, parser);

  csm_sim_world_lock (world);
  tickets = csm_sim_world_get_tickets (world);
  for (guint i = 0; i < tickets->len; i++)
    {
      const CsmSimTicket *t = g_ptr_array_index (tickets, i);
      const char *answer;

      if (g_strcmp0 (t->status, "deleted") == 0)
        continue;
      if (t->created >= from && t->created < to)
        created++;
      if (t->created < MIN (to, now) && is_active (status_at (world, t, MIN (to, now))))
        backlog++;
      if (g_strcmp0 (t->status, "resolved") != 0 || t->resolved < from || t->resolved >= to)
        continue;
      resolved++;
      answer = field_value (world, t, "CSAT");
      if (answer != NULL && answer[0] >= '1' && answer[0] <= '5' && answer[1] == '\0')
        {
          csat++;
          satisfied += answer[0] >= '4';
        }
    }
  csm_sim_world_unlock (world);

  g_test_message ("created %u, resolved %u, backlog %u, CSAT %u of %u", created, resolved,
                  backlog, satisfied, csat);
  g_assert_cmpuint (created, >, 0);
  g_assert_cmpuint (resolved, >, 0);
  g_assert_cmpuint (csat, >, 0);
  g_assert_true (json_object_get_null_member (row, "group"));
  g_assert_cmpint (json_object_get_int_member (row, "created"), ==, created);
  g_assert_cmpint (json_object_get_int_member (row, "resolved"), ==, resolved);
  g_assert_cmpint (json_object_get_int_member (row, "backlog_end"), ==, backlog);
  g_assert_cmpint (json_object_get_int_member (row, "csat_responses"), ==, csat);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (row, "csat_percent"),
                                  100.0 * satisfied / csat, 0.051);

  csm_test_helpdesk_stop (desk);
  g_unlink (token_file);
  g_rmdir (dir);
}

/* ------------------------------------------------------------------------ */
/* Generated worlds: every key of the export against counts made here       */

/*
 * What follows counts the KPIs from the simulated world's own records (its
 * tickets, their transactions, users and custom fields) by the definitions
 * in README.md and DESIGN.md, without any of the console's code. Only the
 * export itself runs the console.
 */

/* An agent's reply: by privileged staff of the world who is not a requestor. */
static gboolean
is_staff (CsmSimWorld        *world,
          const CsmSimTicket *t,
          guint32             creator)
{
  const CsmSimUser *user = csm_sim_world_lookup_user (world, creator);

  return user != NULL && (user->access == CSM_SIM_ACCESS_AGENT ||
                          user->access == CSM_SIM_ACCESS_ADMIN) &&
         !csm_sim_ticket_has_requestor (t, creator);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The median (the mean of the two middle values for an even count); sorts. */
static double
median_of (GArray *values)
{
  guint n = values->len;
  gint64 *v = &g_array_index (values, gint64, 0);

  g_array_sort (values, compare_int64);
  return n % 2 ? (double) v[n / 2] : ((double) v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/* A survey answer in [@low, @high] in the field @name. */
static gboolean
survey (CsmSimWorld        *world,
        const CsmSimTicket *t,
        const char         *name,
        int                 low,
        int                 high,
        int                *out)
{
  const char *text = field_value (world, t, name);
  gint64 v;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, low, high, &v, NULL))
    return FALSE;
  *out = (int) v;
  return TRUE;
}

typedef enum
{
  BY_NONE,
  BY_QUEUE,
  BY_AGENT,
  BY_CHANNEL,
} Grouping;

typedef enum
{
  FCR_REPLY,    /* one agent reply and never reopened */
  FCR_REPEAT,   /* no new ticket from a requestor within the repeat window */
} FcrRule;

/* Preferences, Reports: the repeat window's default, 7 days. */
#define REPEAT_WINDOW (7 * 86400)

/* One group's populations and sums. */
typedef struct
{
  char *group;               /* NULL without grouping */
  guint created;
  GArray *frt;               /* gint64: first agent reply − created, seconds */
  guint resolved;
  GArray *art;               /* gint64: latest resolution − created, seconds */
  gint64 worked;             /* minutes, TimeTaken summed */
  guint fcr;
  guint reopened;            /* resolved in the period and reopened at some time */
  guint csat, satisfied;
  guint nps, promoters, detractors;
  guint ces;
  gint64 effort;
  guint backlog;
} Counted;

static void
counted_free (gpointer data)
{
  Counted *c = data;

  g_free (c->group);
  g_array_unref (c->frt);
  g_array_unref (c->art);
  g_free (c);
}

static int
compare_counted (gconstpointer a,
                 gconstpointer b)
{
  const Counted *x = *(Counted * const *) a, *y = *(Counted * const *) b;

  return g_strcmp0 (x->group, y->group);
}

/* What one ticket's history says. */
typedef struct
{
  gint64 first_reply;        /* the earliest agent Correspond; 0: none */
  guint replies;             /* agent Corresponds */
  gboolean reopened;         /* a Status change from resolved to new, open or stalled */
  gint64 resolved;           /* when it was resolved last, if resolved as of now; 0: not */
  gint64 worked;             /* the sum of its transactions' TimeTaken, minutes */
} Story;

static void
read_story (CsmSimWorld        *world,
            const CsmSimTicket *t,
            gint64              now,
            Story              *story)
{
  const CsmSimTransaction *last_status = NULL;

  memset (story, 0, sizeof *story);
  for (guint k = 0; k < t->txns->len; k++)
    {
      const CsmSimTransaction *x =
        csm_sim_world_get_transaction_at (world, g_array_index (t->txns, guint, k));

      story->worked += x->time_taken;
      if (g_strcmp0 (x->type, "Correspond") == 0 && is_staff (world, t, x->creator) &&
          x->created <= now)
        {
          story->replies++;
          if (story->first_reply == 0 || x->created < story->first_reply)
            story->first_reply = x->created;
        }
      if (g_strcmp0 (x->type, "Status") != 0)
        continue;
      if (g_strcmp0 (x->old_value, "resolved") == 0 && is_active (x->new_value))
        story->reopened = TRUE;
      /* The latest change at or before now; of two in the same second, the later one. */
      if (x->created <= now && (last_status == NULL || x->created > last_status->created ||
                                (x->created == last_status->created &&
                                 x->id > last_status->id)))
        last_status = x;
    }
  if (last_status != NULL)
    story->resolved = g_strcmp0 (last_status->new_value, "resolved") == 0
                      ? last_status->created : 0;
  else if (g_strcmp0 (t->status, "resolved") == 0 && t->resolved <= now)
    story->resolved = t->resolved;   /* created resolved: no change recorded */
}

static const char *
group_of (CsmSimWorld        *world,
          const CsmSimTicket *t,
          Grouping            grouping)
{
  const CsmSimQueue *queue;
  const CsmSimUser *owner;
  const char *channel;

  switch (grouping)
    {
    case BY_QUEUE:
      queue = csm_sim_world_lookup_queue (world, t->queue);
      g_assert_nonnull (queue);
      return queue->name;
    case BY_AGENT:
      /* The current owner; RT's Nobody for the unowned. */
      owner = csm_sim_world_lookup_user (world, t->owner);
      return t->owner == CSM_SIM_USER_NOBODY || owner == NULL ? "Nobody" : owner->name;
    case BY_CHANNEL:
      channel = field_value (world, t, "Channel");
      return channel != NULL ? channel : "";
    case BY_NONE:
    default:
      return NULL;
    }
}

/* Casefolded requestor name → the creation times of their tickets. */
static GHashTable *
tickets_by_requestor (CsmSimWorld *world)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_array_unref);
  GPtrArray *tickets = csm_sim_world_get_tickets (world);

  for (guint i = 0; i < tickets->len; i++)
    {
      const CsmSimTicket *t = g_ptr_array_index (tickets, i);

      if (g_strcmp0 (t->status, "deleted") == 0)
        continue;
      for (guint r = 0; r < t->requestors->len; r++)
        {
          const CsmSimUser *user =
            csm_sim_world_lookup_user (world, g_array_index (t->requestors, gint64, r));
          char *who;
          GArray *created;

          g_assert_nonnull (user);
          who = g_utf8_casefold (user->name, -1);
          created = g_hash_table_lookup (index, who);
          if (created == NULL)
            {
              created = g_array_new (FALSE, FALSE, sizeof (gint64));
              g_hash_table_insert (index, who, created);
            }
          else
            g_free (who);
          g_array_append_val (created, t->created);
        }
    }
  return index;
}

/* A requestor of @t opened a ticket in (@resolved, @resolved + the window]. */
static gboolean
contacted_again (CsmSimWorld        *world,
                 GHashTable         *index,
                 const CsmSimTicket *t,
                 gint64              resolved)
{
  for (guint r = 0; r < t->requestors->len; r++)
    {
      const CsmSimUser *user =
        csm_sim_world_lookup_user (world, g_array_index (t->requestors, gint64, r));
      g_autofree char *who = g_utf8_casefold (user->name, -1);
      GArray *created = g_hash_table_lookup (index, who);

      for (guint k = 0; created != NULL && k < created->len; k++)
        {
          gint64 when = g_array_index (created, gint64, k);

          if (when > resolved && when <= resolved + REPEAT_WINDOW)
            return TRUE;
        }
    }
  return FALSE;
}

/* The KPIs of [@from, @to) at @now, one row per group holding any ticket
 * (one row without grouping), by group. */
static GPtrArray *
count_world (CsmSimWorld *world,
             gint64       from,
             gint64       to,
             gint64       now,
             Grouping     grouping,
             FcrRule      rule)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (counted_free);
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) index = NULL;
  GPtrArray *tickets;
  gint64 end = MIN (to, now);

  csm_sim_world_lock (world);
  tickets = csm_sim_world_get_tickets (world);
  if (rule == FCR_REPEAT)
    index = tickets_by_requestor (world);
  for (guint i = 0; i < tickets->len; i++)
    {
      const CsmSimTicket *t = g_ptr_array_index (tickets, i);
      const char *key = group_of (world, t, grouping);
      Counted *c = g_hash_table_lookup (groups, key != NULL ? key : "");
      Story story;
      int answer;

      /* RT's searches never show deleted tickets. */
      if (g_strcmp0 (t->status, "deleted") == 0)
        continue;
      if (c == NULL)
        {
          c = g_new0 (Counted, 1);
          c->group = g_strdup (key);
          c->frt = g_array_new (FALSE, FALSE, sizeof (gint64));
          c->art = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (groups, c->group != NULL ? c->group : (gpointer) "", c);
          g_ptr_array_add (rows, c);
        }
      read_story (world, t, now, &story);

      if (t->created >= from && t->created < to)
        {
          c->created++;
          if (story.first_reply != 0)
            {
              gint64 wait = story.first_reply - t->created;

              g_array_append_val (c->frt, wait);
            }
        }

      /* Active at the period's end (or now), from the status history. */
      if (t->created < end && is_active (status_at (world, t, end)))
        c->backlog++;

      if (story.resolved == 0 || story.resolved < from || story.resolved >= to)
        continue;
      c->resolved++;
      {
        gint64 took = story.resolved - t->created;

        g_array_append_val (c->art, took);
      }
      c->worked += story.worked;
      c->reopened += story.reopened;
      if (rule == FCR_REPEAT)
        c->fcr += !contacted_again (world, index, t, story.resolved);
      else
        c->fcr += story.replies == 1 && !story.reopened;
      if (survey (world, t, "CSAT", 1, 5, &answer))
        {
          c->csat++;
          c->satisfied += answer >= 4;
        }
      if (survey (world, t, "NPS", 0, 10, &answer))
        {
          c->nps++;
          c->promoters += answer >= 9;
          c->detractors += answer <= 6;
        }
      if (survey (world, t, "CES", 1, 7, &answer))
        {
          c->ces++;
          c->effort += answer;
        }
    }
  csm_sim_world_unlock (world);

  if (grouping == BY_NONE && rows->len == 0)
    {
      Counted *c = g_new0 (Counted, 1);

      c->frt = g_array_new (FALSE, FALSE, sizeof (gint64));
      c->art = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_ptr_array_add (rows, c);
    }
  g_ptr_array_sort (rows, compare_counted);
  return rows;
}

/* p90: the ⌈0.9·n⌉-th smallest; sorts. */
static double
p90_of (GArray *values)
{
  guint rank = 0;

  g_array_sort (values, compare_int64);
  while (10 * rank < 9 * values->len)
    rank++;
  return (double) g_array_index (values, gint64, rank - 1);
}

static double
mean_of (GArray *values)
{
  double sum = 0;

  for (guint i = 0; i < values->len; i++)
    sum += (double) g_array_index (values, gint64, i);
  return sum / values->len;
}

/* A figure as the export writes it: one decimal, or null for an empty
 * population. */
static char *
decimal (gboolean defined,
         double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!defined)
    return g_strdup ("null");
  g_ascii_formatd (buf, sizeof buf, "%.1f", value);
  return g_strdup (strcmp (buf, "-0.0") == 0 ? "0.0" : buf);
}

/* Every key of a KPI row but "group"; counts are whole numbers. */
static const struct
{
  const char *key;
  gboolean count;
} kpi_keys[] = {
  { "created", TRUE },
  { "frt_median_seconds", FALSE },
  { "frt_p90_seconds", FALSE },
  { "frt_mean_seconds", FALSE },
  { "resolved", TRUE },
  { "art_median_seconds", FALSE },
  { "art_p90_seconds", FALSE },
  { "art_mean_seconds", FALSE },
  { "aht_mean_minutes", FALSE },
  { "fcr_percent", FALSE },
  { "csat_percent", FALSE },
  { "csat_responses", TRUE },
  { "nps", FALSE },
  { "nps_responses", TRUE },
  { "ces_mean", FALSE },
  { "ces_responses", TRUE },
  { "backlog_end", TRUE },
  { "sla_met_percent", FALSE },
};

/* What a row says it was counted with (checked by check_variants()). */
static const char * const variant_keys[] = { "fcr_rule", "repeat_days", "time_basis", NULL };

/* Every row names the rule asked for, its 7-day window, calendar time. */
static void
check_variants (JsonArray  *rows,
                FcrRule     rule,
                const char *what)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (g_strcmp0 (json_object_get_string_member (row, "fcr_rule"),
                     rule == FCR_REPEAT ? "repeat" : "reply") != 0 ||
          g_strcmp0 (json_object_get_string_member (row, "time_basis"), "calendar") != 0 ||
          (rule == FCR_REPEAT ? json_object_get_int_member (row, "repeat_days") != 7
                              : !json_object_get_null_member (row, "repeat_days")))
        g_test_fail_printf ("%s: row %u does not name the variants it was counted with", what, i);
    }
}

/* The text the export should hold at @key for the group @c counts. */
static char *
expected_value (Counted    *c,
                const char *key)
{
  guint n_frt = c->frt->len, n_art = c->art->len;

  if (strcmp (key, "created") == 0)
    return g_strdup_printf ("%u", c->created);
  if (strcmp (key, "frt_median_seconds") == 0)
    return decimal (n_frt > 0, n_frt > 0 ? median_of (c->frt) : 0);
  if (strcmp (key, "frt_p90_seconds") == 0)
    return decimal (n_frt > 0, n_frt > 0 ? p90_of (c->frt) : 0);
  if (strcmp (key, "frt_mean_seconds") == 0)
    return decimal (n_frt > 0, n_frt > 0 ? mean_of (c->frt) : 0);
  if (strcmp (key, "resolved") == 0)
    return g_strdup_printf ("%u", c->resolved);
  if (strcmp (key, "art_median_seconds") == 0)
    return decimal (n_art > 0, n_art > 0 ? median_of (c->art) : 0);
  if (strcmp (key, "art_p90_seconds") == 0)
    return decimal (n_art > 0, n_art > 0 ? p90_of (c->art) : 0);
  if (strcmp (key, "art_mean_seconds") == 0)
    return decimal (n_art > 0, n_art > 0 ? mean_of (c->art) : 0);
  if (strcmp (key, "aht_mean_minutes") == 0)
    return decimal (c->resolved > 0, (double) c->worked / MAX (c->resolved, 1));
  if (strcmp (key, "fcr_percent") == 0)
    return decimal (c->resolved > 0, 100.0 * c->fcr / MAX (c->resolved, 1));
  if (strcmp (key, "csat_percent") == 0)
    return decimal (c->csat > 0, 100.0 * c->satisfied / MAX (c->csat, 1));
  if (strcmp (key, "csat_responses") == 0)
    return g_strdup_printf ("%u", c->csat);
  if (strcmp (key, "nps") == 0)
    return decimal (c->nps > 0,
                    100.0 * ((double) c->promoters - c->detractors) / MAX (c->nps, 1));
  if (strcmp (key, "nps_responses") == 0)
    return g_strdup_printf ("%u", c->nps);
  if (strcmp (key, "ces_mean") == 0)
    return decimal (c->ces > 0, (double) c->effort / MAX (c->ces, 1));
  if (strcmp (key, "ces_responses") == 0)
    return g_strdup_printf ("%u", c->ces);
  if (strcmp (key, "backlog_end") == 0)
    return g_strdup_printf ("%u", c->backlog);
  /* The export runs with GSETTINGS_BACKEND=memory: the settings describe no
   * SLA levels, so no ticket has a response deadline to meet and the
   * figure is null. */
  if (strcmp (key, "sla_met_percent") == 0)
    return g_strdup ("null");
  g_assert_not_reached ();
}

/* An exported value as text, the same way. */
static char *
exported_value (JsonObject *row,
                const char *key,
                gboolean    count)
{
  JsonNode *node = json_object_get_member (row, key);

  if (node == NULL)
    return g_strdup ("(missing)");
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("null");
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return g_strdup ("(not a value)");
  if (count && json_node_get_value_type (node) != G_TYPE_INT64)
    return g_strdup ("(not a whole number)");
  if (count)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return decimal (TRUE, json_node_get_double (node));
}

static gboolean
is_empty (const Counted *c)
{
  return c->created == 0 && c->resolved == 0 && c->backlog == 0;
}

/* Compares one exported row with the count of its group: every key, and
 * no key the test does not know. */
static void
check_row (JsonObject    *row,
           Counted       *c,
           const char    *what)
{
  g_autoptr(GList) members = json_object_get_members (row);
  const char *name = c->group != NULL ? c->group : "(all)";

  for (GList *l = members; l != NULL; l = l->next)
    {
      gboolean known = g_strcmp0 (l->data, "group") == 0 ||
                       g_strv_contains (variant_keys, l->data);

      for (guint k = 0; k < G_N_ELEMENTS (kpi_keys) && !known; k++)
        known = g_strcmp0 (l->data, kpi_keys[k].key) == 0;
      if (!known)
        g_test_fail_printf ("%s: the export has a key the test does not count: %s", what,
                            (const char *) l->data);
    }
  for (guint k = 0; k < G_N_ELEMENTS (kpi_keys); k++)
    {
      g_autofree char *got = exported_value (row, kpi_keys[k].key, kpi_keys[k].count);
      g_autofree char *want = expected_value (c, kpi_keys[k].key);

      if (g_strcmp0 (got, want) != 0)
        {
          /* Each one in the log: a failed test reports only one message. */
          g_test_message ("MISMATCH %s, group %s: %s exported %s, counted %s", what, name,
                          kpi_keys[k].key, got, want);
          g_test_fail_printf ("%s, group %s: %s exported %s, counted %s", what, name,
                              kpi_keys[k].key, got, want);
        }
    }
}

/* Every exported row equals the count of its group; a group the world
 * holds may be missing from the export only when nothing of it falls in
 * the period. */
static void
check_export (JsonArray  *rows,
              GPtrArray  *counted,
              Grouping    grouping,
              const char *what)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = json_array_get_length (rows);

  if (grouping == BY_NONE)
    {
      g_assert_cmpuint (n, ==, 1);
      g_assert_cmpuint (counted->len, ==, 1);
      g_assert_true (json_object_get_null_member (json_array_get_object_element (rows, 0),
                                                  "group"));
      check_row (json_array_get_object_element (rows, 0), g_ptr_array_index (counted, 0), what);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *group;
      Counted *c = NULL;

      g_assert_false (json_object_get_null_member (row, "group"));
      group = json_object_get_string_member (row, "group");
      g_assert_nonnull (group);
      if (!g_hash_table_add (seen, (gpointer) group))
        g_test_fail_printf ("%s: group %s exported twice", what, group);
      for (guint k = 0; k < counted->len && c == NULL; k++)
        if (g_strcmp0 (((Counted *) g_ptr_array_index (counted, k))->group, group) == 0)
          c = g_ptr_array_index (counted, k);
      if (c == NULL)
        g_test_fail_printf ("%s: group %s is no group of the world's tickets", what, group);
      else
        check_row (row, c, what);
    }
  for (guint k = 0; k < counted->len; k++)
    {
      Counted *c = g_ptr_array_index (counted, k);

      if (!g_hash_table_contains (seen, c->group) && !is_empty (c))
        g_test_fail_printf ("%s: group %s (created %u, resolved %u, backlog %u) not exported",
                            what, c->group, c->created, c->resolved, c->backlog);
    }
}

static Counted *
find_group (GPtrArray  *counted,
            const char *group)
{
  for (guint k = 0; k < counted->len; k++)
    if (g_strcmp0 (((Counted *) g_ptr_array_index (counted, k))->group, group) == 0)
      return g_ptr_array_index (counted, k);
  return NULL;
}

/* A generated world served like RT's REST2, and a token file for it. */
typedef struct
{
  CsmSimWorld *world;
  CsmSimModel *model;
  CsmSimServer *server;
  char *dir;
  char *token_file;
} Generated;

static Generated *
generated_start (const CsmSimConfig *config,
                 gint64              now)
{
  Generated *g = g_new0 (Generated, 1);
  g_autoptr(GError) error = NULL;

  g->world = csm_sim_world_new ();
  g->model = csm_sim_model_new (g->world, config);
  csm_sim_model_populate (g->model, now);
  g_assert_cmpint (csm_sim_world_get_now (g->world), ==, now);
  g->server = csm_sim_server_new (g->world);
  csm_sim_server_add_token (g->server, TOKEN, "root");
  g_assert_true (csm_sim_server_start_in_thread (g->server, 0, &error));
  g_assert_no_error (error);
  g->dir = g_dir_make_tmp ("csm-kpis-XXXXXX", NULL);
  g->token_file = g_build_filename (g->dir, "token", NULL);
  g_assert_true (g_file_set_contents (g->token_file, TOKEN, -1, NULL));
  g_assert_cmpint (g_chmod (g->token_file, 0600), ==, 0);
  return g;
}

static void
generated_stop (Generated *g)
{
  csm_sim_server_stop (g->server);
  g_object_unref (g->server);
  g_object_unref (g->model);
  g_object_unref (g->world);
  g_unlink (g->token_file);
  g_rmdir (g->dir);
  g_free (g->token_file);
  g_free (g->dir);
  g_free (g);
}

/* Seven days of a simulated contact centre: what the console exports is
 * what the world's own records say, counted here without the console. */
static void
test_generated_week (void)
{
  CsmSimConfig config = { .seed = 31, .n_agents = 30, .target_tickets = 2500, .history_days = 28 };
  gint64 now = CSM_SIM_REFERENCE_NOW, from = now - 7 * 86400;
  Generated *g = generated_start (&config, now);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *now_text = csm_time_format_iso8601 (now);
  g_autofree char *from_text = csm_time_format_iso8601 (from);
  g_autoptr(GPtrArray) counted = NULL;
  JsonArray *rows;
  Counted *all;

  rows = run_export_rows (csm_sim_server_get_url (g->server), g->token_file, now_text, from_text,
                          now_text, NULL, parser);
  counted = count_world (g->world, from, now, now, BY_NONE, FCR_REPLY);
  all = g_ptr_array_index (counted, 0);
  g_test_message ("created %u (%u answered), resolved %u, backlog %u, surveys %u/%u/%u",
                  all->created, all->frt->len, all->resolved, all->backlog, all->csat, all->nps,
                  all->ces);
  g_assert_cmpuint (all->frt->len, >, 100);
  g_assert_cmpuint (all->csat, >, 20);
  check_export (rows, counted, BY_NONE, "week");

  generated_stop (g);
}

/* A month of a simulated contact centre, the period 30 whole days (UTC in
 * the tests) that hold the world's "now": every key of the export, without
 * grouping, by queue, by agent, by channel, and with the repeat-contact
 * FCR rule, equals what the world's records say. */
static void
test_generated_month (void)
{
  CsmSimConfig config = { .seed = 31, .n_agents = 30, .target_tickets = 2700, .history_days = 30 };
  gint64 now = CSM_SIM_REFERENCE_NOW;   /* 2026-11-26 11:00 UTC */
  g_autoptr(GDateTime) first_day = g_date_time_new_local (2026, 10, 28, 0, 0, 0);
  g_autoptr(GDateTime) after_last = g_date_time_new_local (2026, 11, 27, 0, 0, 0);
  gint64 from = g_date_time_to_unix (first_day), to = g_date_time_to_unix (after_last);
  g_autofree char *now_text = csm_time_format_iso8601 (now);
  gint64 started = g_get_monotonic_time (), exported;
  static const struct
  {
    const char *option;
    Grouping grouping;
    FcrRule rule;
  } runs[] = {
    { NULL, BY_NONE, FCR_REPLY },
    { "--group-by=queue", BY_QUEUE, FCR_REPLY },
    { "--group-by=agent", BY_AGENT, FCR_REPLY },
    { "--group-by=channel", BY_CHANNEL, FCR_REPLY },
    { "--fcr=repeat", BY_NONE, FCR_REPEAT },
  };
  guint fcr_reply = 0, fcr_repeat = 0;
  Generated *g;

  /* The world begins 30 days before now, on 2026-10-27: the period lies
   * inside it, and its end is ahead of now, so the backlog is now's. */
  g_assert_cmpint (from, <, now);
  g_assert_cmpint (now, <, to);
  g = generated_start (&config, now);
  g_test_message ("a 30-day world in %.1f s", (g_get_monotonic_time () - started) / 1e6);

  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GPtrArray) counted = NULL;
      const char *what = runs[r].option != NULL ? runs[r].option : "no grouping";
      JsonArray *rows;
      Counted *all;

      exported = g_get_monotonic_time ();
      rows = run_export_rows (csm_sim_server_get_url (g->server), g->token_file, now_text,
                              "2026-10-28", "2026-11-27", runs[r].option, parser);
      counted = count_world (g->world, from, to, now, runs[r].grouping, runs[r].rule);
      g_test_message ("%s: %u rows exported in %.1f s", what, json_array_get_length (rows),
                      (g_get_monotonic_time () - exported) / 1e6);
      check_export (rows, counted, runs[r].grouping, what);
      check_variants (rows, runs[r].rule, what);

      switch (runs[r].grouping)
        {
        case BY_NONE:
          /* Large enough populations, and some of every kind. */
          all = g_ptr_array_index (counted, 0);
          g_test_message ("%s: created %u (%u answered), resolved %u (%u reopened), FCR %u, "
                          "backlog %u, surveys %u/%u/%u",
                          what, all->created, all->frt->len, all->resolved, all->reopened,
                          all->fcr, all->backlog, all->csat, all->nps, all->ces);
          g_assert_cmpuint (all->created, >, 2000);
          g_assert_cmpuint (all->frt->len, >, 2000);
          g_assert_cmpuint (all->resolved, >, 2000);
          g_assert_cmpuint (all->reopened, >, 0);
          g_assert_cmpuint (all->backlog, >, 0);
          g_assert_cmpuint (all->csat, >, 100);
          g_assert_cmpuint (all->nps, >, 100);
          g_assert_cmpuint (all->ces, >, 100);
          if (runs[r].rule == FCR_REPEAT)
            fcr_repeat = all->fcr;
          else
            fcr_reply = all->fcr;
          g_assert_cmpuint (all->fcr, >, 0);
          g_assert_cmpuint (all->fcr, <, all->resolved);
          break;
        case BY_QUEUE:
          g_assert_cmpuint (counted->len, >=, 3);
          break;
        case BY_AGENT:
          /* The agents, and Nobody for the tickets nobody owns. */
          g_assert_cmpuint (counted->len, >, 20);
          g_assert_nonnull (find_group (counted, "Nobody"));
          break;
        case BY_CHANNEL:
          g_assert_cmpuint (counted->len, >=, CSM_SIM_N_CHANNELS);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  /* The two rules count different things. */
  g_assert_cmpuint (fcr_reply, !=, fcr_repeat);
  g_test_message ("the month's test took %.1f s", (g_get_monotonic_time () - started) / 1e6);

  generated_stop (g);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/export-kpis/matches-world", test_matches_world);
  g_test_add_func ("/sim/export-kpis/generated-week", test_generated_week);
  g_test_add_func ("/sim/export-kpis/generated-month", test_generated_month);

  return g_test_run ();
}
