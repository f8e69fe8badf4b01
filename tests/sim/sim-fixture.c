/* sim-fixture.c: builds the small fixture helpdesk through the world's mutation API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sim-fixture"

#include "config.h"

#include <string.h>

#include "csm-sim-scenario.h"
#include "sim-fixture.h"

/*
 * The same helpdesk as tests/rt/rt-seed.pl seeds into a real RT (queues,
 * people, custom fields, the sixteen tickets and what happens to them), laid
 * out over 2026-11-20..23 with the clock frozen at 2026-11-23 12:00 UTC.
 * Ticket ids follow creation time, as RT assigns them.
 *
 * RT's SLA scrips are not part of the world; their effect is written out
 * here as RT_System transactions, using the levels of rt5.md section 6:
 * Support is "gold" (a customer's ticket is due 4 h after it opens, an agent
 * reply moves Due to the 2-day resolve deadline, a ticket opened by staff
 * is due in 2 days), Billing is "business" (Mon-Fri 09-17: due one business
 * day after it starts; an agent reply clears Due, a customer reply sets it
 * again), Technical has no SLA.
 */

typedef struct
{
  const char *key;
  const char *at;
  const char *creator;
  const char *queue;
  const char *subject;
  const char *requestor;
  const char *owner;
  int priority;
  int estimated;
  const char *channel;
} Creation;

static const Creation creations[] = {
  { "resolved_csat_low", "2026-11-20T15:00:00Z", "root", "Technical",
    "API returns 500 on /orders", "carol@example.com", "dave", 70, 0, "chat" },
  { "stalled", "2026-11-21T11:00:00Z", "root", "Billing",
    "Refund for a duplicate charge", "carol@example.com", "bob", 30, 0, "chat" },
  { "resolved_csat_mid", "2026-11-21T13:00:00Z", "carol@example.com", "Support",
    "Feature request: dark mode", "carol@example.com", NULL, 0, 0, "chat" },
  { "resolved_csat_high", "2026-11-22T08:00:00Z", "erin@example.com", "Support",
    "Password reset link expired", "erin@example.com", NULL, 0, 0, "email" },
  { "due_past", "2026-11-22T09:00:00Z", "carol@example.com", "Support",
    "Mobile app crashes on start", "carol@example.com", NULL, 0, 0, "sms" },
  { "open_replied", "2026-11-22T10:00:00Z", "carol@example.com", "Support",
    "VPN disconnects every hour", "carol@example.com", NULL, 0, 0, "email" },
  { "open_busy", "2026-11-22T10:02:00Z", "carol@example.com", "Billing",
    "Payment failed with card ending 4242", "carol@example.com", NULL, 0, 0, "phone" },
  { "customer_replied_last", "2026-11-22T14:00:00Z", "erin@example.com", "Billing",
    "Invoice #1042 shows the wrong VAT rate", "erin@example.com", NULL, 0, 0, "email" },
  { "new_owned", "2026-11-22T16:40:00Z", "root", "Support",
    "Printer on the 3rd floor is offline", "erin@example.com", "alice", 20, 0, "phone" },
  { "rejected", "2026-11-22T20:00:00Z", "carol@example.com", "Support",
    "Cheap watches!!!", "carol@example.com", NULL, 0, 0, "social" },
  { "internal_open", "2026-11-23T06:00:00Z", "root", "Technical",
    "Verify the nightly database backups", NULL, "dave", 60, 120, "phone" },
  { "owner_changed", "2026-11-23T07:00:00Z", "root", "Technical",
    "Server room temperature alert", NULL, "alice", 50, 0, "phone" },
  { "queue_moved", "2026-11-23T08:10:00Z", "erin@example.com", "Support",
    "Change the billing address on my account", "erin@example.com", NULL, 0, 0, "email" },
  { "new_unowned", "2026-11-23T09:15:00Z", "carol@example.com", "Support",
    "Cannot log in to the customer portal", "carol@example.com", NULL, 0, 0, "email" },
  { "billing_new_unowned", "2026-11-23T10:30:00Z", "erin@example.com", "Billing",
    "Quote for an annual plan", "erin@example.com", NULL, 0, 0, "chat" },
  { "deleted", "2026-11-23T11:00:00Z", "root", "Support",
    "Test ticket, please ignore", NULL, NULL, 0, 0, NULL },
};

typedef enum
{
  EV_STARTS,    /* arg: ISO date, by RT_System */
  EV_DUE,       /* arg: ISO date or NULL (unset), by actor */
  EV_CF,        /* arg: "Name=value" */
  EV_OWNER,     /* arg: user name */
  EV_STATUS,    /* arg: status */
  EV_REPLY,     /* n: TimeTaken */
  EV_COMMENT,   /* n: TimeTaken */
  EV_QUEUE,     /* arg: queue name */
  EV_PRIORITY,  /* n */
  EV_WORKED,    /* n */
  EV_DELETE,
} EventKind;

typedef struct
{
  const char *at;
  const char *key;
  EventKind kind;
  const char *actor;
  const char *arg;
  int n;
} Event;

#define SYS "RT_System"

/* In time order; events at the same second keep this order. */
static const Event events[] = {
  { "2026-11-20T15:00:00Z", "resolved_csat_low", EV_CF, "root", "Channel=chat", 0 },
  { "2026-11-20T15:30:00Z", "resolved_csat_low", EV_COMMENT, "dave", NULL, 20 },
  { "2026-11-20T16:00:00Z", "resolved_csat_low", EV_REPLY, "dave", NULL, 30 },
  { "2026-11-20T16:10:00Z", "resolved_csat_low", EV_STATUS, "dave", "resolved", 0 },
  { "2026-11-20T17:00:00Z", "resolved_csat_low", EV_CF, "root", "CSAT=2", 0 },
  { "2026-11-20T17:00:00Z", "resolved_csat_low", EV_CF, "root", "NPS=3", 0 },
  { "2026-11-20T17:00:00Z", "resolved_csat_low", EV_CF, "root", "CES=6", 0 },

  { "2026-11-21T11:00:00Z", "stalled", EV_STARTS, SYS, "2026-11-23T09:00:00Z", 0 },
  { "2026-11-21T11:00:00Z", "stalled", EV_CF, "root", "Channel=chat", 0 },
  { "2026-11-21T11:30:00Z", "stalled", EV_REPLY, "bob", NULL, 12 },
  { "2026-11-21T11:35:00Z", "stalled", EV_STATUS, "bob", "stalled", 0 },

  { "2026-11-21T13:00:00Z", "resolved_csat_mid", EV_STARTS, SYS, "2026-11-21T13:00:00Z", 0 },
  { "2026-11-21T13:00:00Z", "resolved_csat_mid", EV_DUE, SYS, "2026-11-21T17:00:00Z", 0 },
  { "2026-11-21T13:00:00Z", "resolved_csat_mid", EV_CF, "root", "Channel=chat", 0 },
  { "2026-11-21T13:10:00Z", "resolved_csat_mid", EV_OWNER, "alice", "alice", 0 },
  { "2026-11-21T13:20:00Z", "resolved_csat_mid", EV_REPLY, "alice", NULL, 6 },
  { "2026-11-21T13:20:00Z", "resolved_csat_mid", EV_DUE, SYS, "2026-11-23T13:00:00Z", 0 },
  { "2026-11-21T13:20:00Z", "resolved_csat_mid", EV_STATUS, "alice", "resolved", 0 },
  { "2026-11-21T14:00:00Z", "resolved_csat_mid", EV_CF, "root", "CSAT=4", 0 },
  { "2026-11-21T14:00:00Z", "resolved_csat_mid", EV_CF, "root", "NPS=8", 0 },
  { "2026-11-21T14:00:00Z", "resolved_csat_mid", EV_CF, "root", "CES=3", 0 },

  { "2026-11-22T08:00:00Z", "resolved_csat_high", EV_STARTS, SYS, "2026-11-22T08:00:00Z", 0 },
  { "2026-11-22T08:00:00Z", "resolved_csat_high", EV_DUE, SYS, "2026-11-22T12:00:00Z", 0 },
  { "2026-11-22T08:00:00Z", "resolved_csat_high", EV_CF, "root", "Channel=email", 0 },
  { "2026-11-22T08:30:00Z", "resolved_csat_high", EV_OWNER, "alice", "alice", 0 },
  { "2026-11-22T08:45:00Z", "resolved_csat_high", EV_REPLY, "alice", NULL, 8 },
  { "2026-11-22T08:45:00Z", "resolved_csat_high", EV_DUE, SYS, "2026-11-24T08:00:00Z", 0 },
  { "2026-11-22T08:45:00Z", "resolved_csat_high", EV_STATUS, "alice", "resolved", 0 },
  { "2026-11-22T09:00:00Z", "resolved_csat_high", EV_CF, "root", "CSAT=5", 0 },
  { "2026-11-22T09:00:00Z", "resolved_csat_high", EV_CF, "root", "NPS=9", 0 },
  { "2026-11-22T09:00:00Z", "resolved_csat_high", EV_CF, "root", "CES=2", 0 },

  { "2026-11-22T09:00:00Z", "due_past", EV_STARTS, SYS, "2026-11-22T09:00:00Z", 0 },
  { "2026-11-22T09:00:00Z", "due_past", EV_DUE, SYS, "2026-11-22T13:00:00Z", 0 },
  { "2026-11-22T09:00:00Z", "due_past", EV_CF, "root", "Channel=sms", 0 },
  { "2026-11-22T09:30:00Z", "due_past", EV_OWNER, "root", "bob", 0 },
  { "2026-11-22T09:30:00Z", "due_past", EV_STATUS, "root", "open", 0 },
  { "2026-11-22T09:31:00Z", "due_past", EV_DUE, "root", "2026-11-23T10:00:00Z", 0 },

  { "2026-11-22T10:00:00Z", "open_replied", EV_STARTS, SYS, "2026-11-22T10:00:00Z", 0 },
  { "2026-11-22T10:00:00Z", "open_replied", EV_DUE, SYS, "2026-11-22T14:00:00Z", 0 },
  { "2026-11-22T10:00:00Z", "open_replied", EV_CF, "root", "Channel=email", 0 },
  { "2026-11-22T10:20:00Z", "open_replied", EV_OWNER, "alice", "alice", 0 },
  { "2026-11-22T10:30:00Z", "open_replied", EV_REPLY, "alice", NULL, 15 },
  { "2026-11-22T10:30:00Z", "open_replied", EV_DUE, SYS, "2026-11-24T10:00:00Z", 0 },
  { "2026-11-22T10:40:00Z", "open_replied", EV_COMMENT, "alice", NULL, 5 },

  { "2026-11-22T10:02:00Z", "open_busy", EV_STARTS, SYS, "2026-11-23T09:00:00Z", 0 },
  { "2026-11-22T10:02:00Z", "open_busy", EV_DUE, SYS, "2026-11-24T09:00:00Z", 0 },
  { "2026-11-22T10:02:00Z", "open_busy", EV_CF, "root", "Channel=phone", 0 },
  { "2026-11-22T10:05:00Z", "open_busy", EV_PRIORITY, "root", NULL, 80 },
  { "2026-11-22T10:10:00Z", "open_busy", EV_OWNER, "bob", "bob", 0 },
  { "2026-11-22T10:20:00Z", "open_busy", EV_REPLY, "bob", NULL, 9 },
  { "2026-11-22T10:20:00Z", "open_busy", EV_DUE, SYS, NULL, 0 },
  { "2026-11-22T11:00:00Z", "open_busy", EV_REPLY, "carol@example.com", NULL, 0 },
  { "2026-11-22T11:00:00Z", "open_busy", EV_DUE, SYS, "2026-11-24T09:00:00Z", 0 },
  { "2026-11-22T11:15:00Z", "open_busy", EV_COMMENT, "bob", NULL, 4 },
  { "2026-11-22T11:30:00Z", "open_busy", EV_REPLY, "bob", NULL, 7 },
  { "2026-11-22T11:30:00Z", "open_busy", EV_DUE, SYS, NULL, 0 },

  { "2026-11-22T14:00:00Z", "customer_replied_last", EV_STARTS, SYS, "2026-11-23T09:00:00Z", 0 },
  { "2026-11-22T14:00:00Z", "customer_replied_last", EV_DUE, SYS, "2026-11-24T09:00:00Z", 0 },
  { "2026-11-22T14:00:00Z", "customer_replied_last", EV_CF, "root", "Channel=email", 0 },
  { "2026-11-23T09:05:00Z", "customer_replied_last", EV_OWNER, "bob", "bob", 0 },
  { "2026-11-23T09:10:00Z", "customer_replied_last", EV_REPLY, "bob", NULL, 10 },
  { "2026-11-23T09:10:00Z", "customer_replied_last", EV_DUE, SYS, NULL, 0 },
  { "2026-11-23T09:40:00Z", "customer_replied_last", EV_REPLY, "erin@example.com", NULL, 0 },
  { "2026-11-23T09:40:00Z", "customer_replied_last", EV_DUE, SYS, "2026-11-24T09:40:00Z", 0 },

  { "2026-11-22T16:40:00Z", "new_owned", EV_STARTS, SYS, "2026-11-22T16:40:00Z", 0 },
  { "2026-11-22T16:40:00Z", "new_owned", EV_DUE, SYS, "2026-11-24T16:40:00Z", 0 },
  { "2026-11-22T16:40:00Z", "new_owned", EV_CF, "root", "Channel=phone", 0 },

  { "2026-11-22T20:00:00Z", "rejected", EV_STARTS, SYS, "2026-11-22T20:00:00Z", 0 },
  { "2026-11-22T20:00:00Z", "rejected", EV_DUE, SYS, "2026-11-23T00:00:00Z", 0 },
  { "2026-11-22T20:00:00Z", "rejected", EV_CF, "root", "Channel=social", 0 },
  { "2026-11-23T08:00:00Z", "rejected", EV_STATUS, "alice", "rejected", 0 },

  { "2026-11-23T06:00:00Z", "internal_open", EV_CF, "root", "Channel=phone", 0 },
  { "2026-11-23T06:30:00Z", "internal_open", EV_STATUS, "dave", "open", 0 },
  { "2026-11-23T06:30:00Z", "internal_open", EV_WORKED, "dave", NULL, 45 },

  { "2026-11-23T07:00:00Z", "owner_changed", EV_CF, "root", "Channel=phone", 0 },
  { "2026-11-23T07:10:00Z", "owner_changed", EV_OWNER, "root", "dave", 0 },
  { "2026-11-23T07:30:00Z", "owner_changed", EV_COMMENT, "dave", NULL, 10 },
  { "2026-11-23T07:35:00Z", "owner_changed", EV_STATUS, "dave", "open", 0 },

  { "2026-11-23T08:10:00Z", "queue_moved", EV_STARTS, SYS, "2026-11-23T08:10:00Z", 0 },
  { "2026-11-23T08:10:00Z", "queue_moved", EV_DUE, SYS, "2026-11-23T12:10:00Z", 0 },
  { "2026-11-23T08:10:00Z", "queue_moved", EV_CF, "root", "Channel=email", 0 },
  { "2026-11-23T08:20:00Z", "queue_moved", EV_COMMENT, "alice", NULL, 2 },
  { "2026-11-23T08:25:00Z", "queue_moved", EV_QUEUE, "root", "Billing", 0 },
  { "2026-11-23T08:26:00Z", "queue_moved", EV_OWNER, "root", "bob", 0 },

  { "2026-11-23T09:15:00Z", "new_unowned", EV_STARTS, SYS, "2026-11-23T09:15:00Z", 0 },
  { "2026-11-23T09:15:00Z", "new_unowned", EV_DUE, SYS, "2026-11-23T13:15:00Z", 0 },
  { "2026-11-23T09:15:00Z", "new_unowned", EV_CF, "root", "Channel=email", 0 },

  { "2026-11-23T10:30:00Z", "billing_new_unowned", EV_STARTS, SYS, "2026-11-23T10:30:00Z", 0 },
  { "2026-11-23T10:30:00Z", "billing_new_unowned", EV_DUE, SYS, "2026-11-24T10:30:00Z", 0 },
  { "2026-11-23T10:30:00Z", "billing_new_unowned", EV_CF, "root", "Channel=chat", 0 },

  { "2026-11-23T11:00:00Z", "deleted", EV_STARTS, SYS, "2026-11-23T11:00:00Z", 0 },
  { "2026-11-23T11:00:00Z", "deleted", EV_DUE, SYS, "2026-11-25T11:00:00Z", 0 },
  { "2026-11-23T11:01:00Z", "deleted", EV_DELETE, "root", NULL, 0 },
};

gint64
sim_fixture_time (const char *iso)
{
  gint64 t = 0;

  if (!csm_sim_parse_iso (iso, &t))
    g_error ("sim-fixture: bad date %s", iso);
  return t;
}

static gint64
user_id (CsmSimWorld *world,
         const char  *name)
{
  const CsmSimUser *user;

  if (name == NULL)
    return 0;
  user = csm_sim_world_lookup_user_by_name (world, name);
  if (user == NULL)
    g_error ("sim-fixture: no user %s", name);
  return user->id;
}

typedef struct
{
  gint64 at;
  guint order;
  gboolean creation;
  guint index;
} Step;

static int
compare_steps (gconstpointer a,
               gconstpointer b)
{
  const Step *x = a, *y = b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  if (x->creation != y->creation)
    return x->creation ? -1 : 1;
  return (int) x->order - (int) y->order;
}

static void
create_ticket (CsmSimWorld    *world,
               GHashTable     *ids,
               const Creation *c)
{
  const CsmSimQueue *queue = csm_sim_world_lookup_queue_by_name (world, c->queue);
  CsmSimTicketSpec spec = { 0, };
  gint64 requestor = user_id (world, c->requestor);
  const CsmSimTicket *ticket;
  g_autoptr(GError) error = NULL;

  spec.subject = c->subject;
  spec.queue = queue->id;
  spec.creator = user_id (world, c->creator);
  spec.owner = user_id (world, c->owner);
  spec.priority = c->priority;
  spec.time_estimated = c->estimated;
  spec.requestors = c->requestor ? &requestor : NULL;
  spec.n_requestors = c->requestor ? 1 : 0;
  if (!queue->sla_disabled)
    spec.sla = g_strcmp0 (c->queue, "Billing") == 0 ? "business" : "gold";

  ticket = csm_sim_world_create_ticket (world, &spec, &error);
  g_assert_no_error (error);
  g_hash_table_insert (ids, (gpointer) c->key, GINT_TO_POINTER ((int) ticket->id));
}

static void
run_event (CsmSimWorld *world,
           GHashTable  *ids,
           const Event *e)
{
  gint64 ticket = GPOINTER_TO_INT (g_hash_table_lookup (ids, e->key));
  gint64 actor = user_id (world, e->actor);
  g_autofree char *message = NULL;
  gboolean ok = TRUE;

  g_assert_cmpint (ticket, >, 0);

  switch (e->kind)
    {
    case EV_STARTS:
      ok = csm_sim_world_set_starts (world, ticket, actor, sim_fixture_time (e->arg), &message);
      break;
    case EV_DUE:
      ok = csm_sim_world_set_due (world, ticket, actor, e->arg ? sim_fixture_time (e->arg) : 0,
                                  &message);
      break;
    case EV_CF:
      {
        g_auto(GStrv) parts = g_strsplit (e->arg, "=", 2);
        const CsmSimCustomField *cf = csm_sim_world_lookup_custom_field_by_name (world, parts[0]);

        ok = csm_sim_world_set_custom_field (world, ticket, actor, cf->id, parts[1], &message);
      }
      break;
    case EV_OWNER:
      ok = csm_sim_world_set_owner (world, ticket, actor, user_id (world, e->arg), &message);
      break;
    case EV_STATUS:
      ok = csm_sim_world_set_status (world, ticket, actor, e->arg, &message);
      break;
    case EV_REPLY:
      ok = csm_sim_world_correspond (world, ticket, actor, e->n, &message) > 0;
      break;
    case EV_COMMENT:
      ok = csm_sim_world_comment (world, ticket, actor, e->n, &message) > 0;
      break;
    case EV_QUEUE:
      ok = csm_sim_world_set_queue (world, ticket, actor,
                                    csm_sim_world_lookup_queue_by_name (world, e->arg)->id,
                                    &message);
      break;
    case EV_PRIORITY:
      ok = csm_sim_world_set_priority (world, ticket, actor, e->n, &message);
      break;
    case EV_WORKED:
      ok = csm_sim_world_add_time_worked (world, ticket, actor, e->n, &message);
      break;
    case EV_DELETE:
      ok = csm_sim_world_delete_ticket (world, ticket, actor, &message);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    g_error ("sim-fixture: %s %s: %s", e->key, e->at, message);
}

CsmSimWorld *
sim_fixture_build_small (void)
{
  static const struct { const char *name, *real, *email; CsmSimAccess access; } people[] = {
    { "alice", "Alice Agent", "alice@helpdesk.example.com", CSM_SIM_ACCESS_AGENT },
    { "bob", "Bob Agent", "bob@helpdesk.example.com", CSM_SIM_ACCESS_AGENT },
    { "dave", "Dave Duty", "dave@helpdesk.example.com", CSM_SIM_ACCESS_AGENT },
    { "viewer", "Vera Viewer", "viewer@helpdesk.example.com", CSM_SIM_ACCESS_VIEWER },
    { "carol@example.com", "Carol Customer", "carol@example.com", CSM_SIM_ACCESS_CUSTOMER },
    { "erin@example.com", "Erin Customer", "erin@example.com", CSM_SIM_ACCESS_CUSTOMER },
  };
  static const char *const channels[] = { "email", "chat", "phone", "social", "sms" };
  CsmSimWorld *world = csm_sim_world_new ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (Step));
  g_autoptr(GError) error = NULL;
  const CsmSimGroup *agents;
  const CsmSimCustomField *cf;

  csm_sim_world_set_now (world, sim_fixture_time ("2026-11-20T08:00:00Z"));

  csm_sim_world_add_queue (world, 0, "Support", "First-line support", FALSE, &error);
  g_assert_no_error (error);
  csm_sim_world_add_queue (world, 0, "Billing", "Invoices and payments", FALSE, &error);
  g_assert_no_error (error);
  csm_sim_world_add_queue (world, 0, "Technical", "Second-line technical", TRUE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      const CsmSimUser *user = csm_sim_world_add_user (world, 0, people[i].name, people[i].real,
                                                       people[i].email, people[i].access, &error);

      g_assert_no_error (error);
      csm_sim_world_set_user_locale (world, user->id, "en", "UTC");
    }

  agents = csm_sim_world_add_group (world, 0, "Agents", "Helpdesk agents", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    csm_sim_world_add_group_member (world, agents->id, user_id (world, people[i].name), NULL);

  csm_sim_world_add_custom_field (world, 0, "CSAT", "Freeform", "Customer satisfaction 1-5",
                                  "(?#Integer 1-5)^[1-5]?$", 1, &error);
  g_assert_no_error (error);
  csm_sim_world_add_custom_field (world, 0, "NPS", "Freeform", "Net promoter score 0-10",
                                  "(?#Integer 0-10)^(?:[0-9]|10)?$", 1, &error);
  g_assert_no_error (error);
  csm_sim_world_add_custom_field (world, 0, "CES", "Freeform", "Customer effort score 1-7",
                                  "(?#Integer 1-7)^[1-7]?$", 1, &error);
  g_assert_no_error (error);
  cf = csm_sim_world_add_custom_field (world, 0, "Channel", "Select", "Contact channel", NULL, 1,
                                       &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    csm_sim_world_add_custom_field_value (world, cf->id, channels[i], NULL);

  for (guint i = 0; i < G_N_ELEMENTS (creations); i++)
    {
      Step step = { sim_fixture_time (creations[i].at), i, TRUE, i };

      g_array_append_val (steps, step);
    }
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      Step step = { sim_fixture_time (events[i].at), i, FALSE, i };

      g_array_append_val (steps, step);
    }
  g_array_sort (steps, compare_steps);

  for (guint i = 0; i < steps->len; i++)
    {
      const Step *step = &g_array_index (steps, Step, i);

      csm_sim_world_set_now (world, step->at);
      if (step->creation)
        create_ticket (world, ids, &creations[step->index]);
      else
        run_event (world, ids, &events[step->index]);
    }

  csm_sim_world_set_now (world, sim_fixture_time ("2026-11-23T12:00:00Z"));
  return world;
}

char *
sim_fixture_path (const char *name)
{
  const char *srcdir = g_getenv ("CSM_TEST_SRCDIR");

  if (srcdir == NULL)
    srcdir = SIM_TESTS_SRCDIR "/..";
  return g_build_filename (srcdir, "data", "scenarios", name, NULL);
}

CsmSimWorld *
sim_fixture_load (const char *name)
{
  g_autofree char *path = sim_fixture_path (name);
  g_autoptr(GError) error = NULL;
  CsmSimWorld *world = csm_sim_scenario_new_world (path, &error);

  g_assert_no_error (error);
  return world;
}
