/* csm-sim-model-arrivals.c: the workload model's arrivals: when customers write, who, about what.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include "csm-sim-model-private.h"
#include "csm-sim-sla-scrips.h"

#include "csm-sim-calendar.h"

typedef enum
{
  FILL_NONE,
  FILL_PRODUCT,
  FILL_NUMBER,
  FILL_PLAN,
  FILL_FEATURE,
  FILL_CARD,
  FILL_ERROR,
  FILL_PLATFORM,
} Fill;

typedef struct
{
  const char *text;              /* "{}" takes the fill */
  Fill fill;
} SubjectTemplate;

static const SubjectTemplate general_subjects[] = {
  { "Question about {}", FILL_PRODUCT },
  { "How do I export my data from {}?", FILL_PRODUCT },
  { "Feature request: {}", FILL_FEATURE },
  { "Feedback on the new {} update", FILL_PRODUCT },
  { "Where can I change my notification settings?", FILL_NONE },
  { "Can I add a second user to my {} plan?", FILL_PLAN },
  { "Opening hours over the holidays?", FILL_NONE },
  { "Is {} available in my country?", FILL_FEATURE },
  { "The help page for {} is out of date", FILL_FEATURE },
  { "Thanks, but one more question about {}", FILL_PRODUCT },
};

static const SubjectTemplate account_subjects[] = {
  { "Cannot log in to {}", FILL_PRODUCT },
  { "Password reset link expired", FILL_NONE },
  { "Two-factor code never arrives", FILL_NONE },
  { "Account locked after too many attempts", FILL_NONE },
  { "Change the email address on my account", FILL_NONE },
  { "Please delete my account and my data", FILL_NONE },
  { "Add a colleague to our {} account", FILL_PLAN },
  { "Login loop on {}", FILL_PLATFORM },
  { "Username already taken", FILL_NONE },
  { "Security alert about a new sign-in from {}", FILL_PLATFORM },
};

static const SubjectTemplate billing_subjects[] = {
  { "Invoice #{} shows the wrong amount", FILL_NUMBER },
  { "Refund for order {}", FILL_NUMBER },
  { "Charged twice for my {} subscription", FILL_PLAN },
  { "Payment failed with card ending {}", FILL_CARD },
  { "VAT number missing on invoice #{}", FILL_NUMBER },
  { "Upgrade to the {} plan", FILL_PLAN },
  { "Cancel my subscription", FILL_NONE },
  { "Quote for an annual {} plan", FILL_PLAN },
  { "Why did my bill go up this month?", FILL_NONE },
  { "Receipt for payment {}", FILL_NUMBER },
};

static const SubjectTemplate technical_subjects[] = {
  { "{} crashes on start", FILL_PRODUCT },
  { "Error {} when saving changes", FILL_ERROR },
  { "API returns {} on /orders", FILL_ERROR },
  { "{} is very slow since the last update", FILL_PRODUCT },
  { "Webhook not firing for new orders", FILL_NONE },
  { "Sync stuck at 99% on {}", FILL_PLATFORM },
  { "Data missing after import", FILL_NONE },
  { "SSO login fails with a SAML error", FILL_NONE },
  { "Notifications not delivered on {}", FILL_PLATFORM },
  { "Attachments over 10 MB fail to upload", FILL_NONE },
  { "Calendar events duplicated after sync", FILL_NONE },
  { "Blank screen in {}", FILL_PLATFORM },
};

static const struct
{
  const SubjectTemplate *templates;
  guint n_templates;
} subjects_by_topic[N_TOPICS] = {
  { general_subjects, G_N_ELEMENTS (general_subjects) },
  { account_subjects, G_N_ELEMENTS (account_subjects) },
  { billing_subjects, G_N_ELEMENTS (billing_subjects) },
  { technical_subjects, G_N_ELEMENTS (technical_subjects) },
};

static const char *const products[] = {
  "the mobile app", "the web portal", "the desktop client", "Team Calendar", "Invoicing",
  "the reporting module", "File Sync", "the browser extension",
};
static const char *const plans[] = { "Basic", "Team", "Business", "Enterprise" };
static const char *const features[] = {
  "dark mode", "CSV export", "two-factor login", "shared folders", "calendar sync",
  "bulk invoicing", "custom fields", "single sign-on",
};
static const char *const platforms[] = {
  "Android", "iOS", "Windows", "macOS", "Linux", "Chrome", "Firefox", "Safari",
};
static const char *const error_codes[] = { "400", "403", "404", "409", "422", "500", "502", "503" };

/* The channel's share-weighted arrival intensity in absolute hour @hour
 * (Unix time / 3600); its mean over a week is the channel's share. */
static double
channel_intensity (CsmSimModel *self,
                   guint        channel,
                   gint64       hour)
{
  gint64 day = csm_sim_floor_div (hour, 24);
  int hour_of_day = (int) (hour - day * 24);

  return csm_sim_channel_share[channel] * csm_sim_hour_profile[channel][hour_of_day] *
         csm_sim_weekday_factor[channel][csm_sim_weekday_of_day (day)] /
         self->channel_norm[channel];
}

double
csm_sim_model_intensity_integral (CsmSimModel *self,
                                  int          channel,
                                  gint64       from,
                                  gint64       until)
{
  double total = 0.0;

  for (gint64 hour = csm_sim_floor_div (from, HOUR); hour * HOUR < until; hour++)
    {
      gint64 s = MAX (from, hour * HOUR), e = MIN (until, (hour + 1) * HOUR);

      if (e <= s)
        continue;
      for (guint c = 0; c < CSM_SIM_N_CHANNELS; c++)
        if (channel < 0 || (guint) channel == c)
          total += channel_intensity (self, c, hour) * (double) (e - s);
    }
  return total / HOUR;
}

static const char *
make_fill (CsmSimModel *self,
           Fill         fill,
           char        *buffer,
           gsize        size)
{
  switch (fill)
    {
    case FILL_PRODUCT:
      return products[csm_sim_model_rand_below (self, G_N_ELEMENTS (products))];
    case FILL_PLAN:
      return plans[csm_sim_model_rand_below (self, G_N_ELEMENTS (plans))];
    case FILL_FEATURE:
      return features[csm_sim_model_rand_below (self, G_N_ELEMENTS (features))];
    case FILL_PLATFORM:
      return platforms[csm_sim_model_rand_below (self, G_N_ELEMENTS (platforms))];
    case FILL_ERROR:
      return error_codes[csm_sim_model_rand_below (self, G_N_ELEMENTS (error_codes))];
    case FILL_NUMBER:
      g_snprintf (buffer, size, "%u", 10000 + csm_sim_model_rand_below (self, 90000));
      return buffer;
    case FILL_CARD:
      g_snprintf (buffer, size, "%04u", csm_sim_model_rand_below (self, 10000));
      return buffer;
    case FILL_NONE:
    default:
      return "";
    }
}

static char *
make_subject (CsmSimModel *self,
              Topic        topic)
{
  guint pick = csm_sim_model_rand_below (self, subjects_by_topic[topic].n_templates);
  const SubjectTemplate *template = &subjects_by_topic[topic].templates[pick];
  const char *hole = strstr (template->text, "{}");
  char buffer[32];
  const char *fill;
  g_autofree char *capital = NULL;

  if (hole == NULL)
    return g_strdup (template->text);

  fill = make_fill (self, template->fill, buffer, sizeof buffer);
  /* "the mobile app crashes" starts a sentence with a capital. */
  if (hole == template->text && g_ascii_islower (fill[0]))
    {
      capital = g_strdup (fill);
      capital[0] = g_ascii_toupper (capital[0]);
      fill = capital;
    }
  return g_strdup_printf ("%.*s%s%s", (int) (hole - template->text), template->text, fill,
                          hole + 2);
}

void
csm_sim_model_schedule_next_arrival (CsmSimModel *self,
                                     guint        channel)
{
  double at = self->arrival_clock[channel];
  double need = csm_sim_model_rand_exponential (self);

  /* A Poisson process with a rate that is constant within each clock hour:
   * spend one exponential unit of integrated rate, hour by hour. */
  for (;;)
    {
      gint64 hour = (gint64) floor (at / HOUR);
      double end = (double) (hour + 1) * HOUR;
      double rate = self->scale * channel_intensity (self, channel, hour) / HOUR;
      double available = rate * (end - at);

      if (rate > 0 && available >= need)
        {
          at += need / rate;
          break;
        }
      need -= available;
      at = end;
    }

  self->arrival_clock[channel] = at;
  csm_sim_model_schedule (self, (gint64) floor (at), EV_ARRIVAL, channel, 0, 0);
}

void
csm_sim_model_handle_arrival (CsmSimModel *self,
                              guint        channel)
{
  gint64 at = now (self);
  gboolean vip;
  guint customer;
  Topic topic;
  CsmSimQueueKind queue;
  g_autofree char *subject = NULL;
  int priority;
  CsmSimTicketSpec spec = { 0, };
  const CsmSimTicket *ticket;
  const CsmSimTransaction *create;
  ModelTicket mt = { 0, };
  guint idx;
  gint64 requestor;
  g_autoptr(GError) error = NULL;

  csm_sim_model_schedule_next_arrival (self, channel);

  self->stats.arrivals_by_hour[csm_sim_floor_div (at, HOUR) % 24]++;
  self->stats.arrivals_by_channel[channel]++;

  /* Who writes, about what, to which queue. Regular customers are skewed
   * (u²): a fifth of them write almost half of the tickets. */
  vip = csm_sim_model_rand_unit (self) < P_VIP_ARRIVAL;
  if (vip)
    customer = g_array_index (self->vip_customers, guint,
                              csm_sim_model_rand_below (self, self->vip_customers->len));
  else
    {
      double u = csm_sim_model_rand_unit (self);
      guint n = self->regular_customers->len;

      customer = g_array_index (self->regular_customers, guint,
                                MIN ((guint) (u * u * n), n - 1));
    }
  topic = (Topic) csm_sim_model_rand_pick (self, csm_sim_topic_mix[channel], N_TOPICS);
  if (vip)
    queue = CSM_SIM_QUEUE_KIND_VIP;
  else if (topic == TOPIC_BILLING)
    queue = CSM_SIM_QUEUE_KIND_BILLING;
  else if (topic == TOPIC_TECHNICAL && csm_sim_model_rand_unit (self) < P_TECHNICAL_DIRECT)
    queue = CSM_SIM_QUEUE_KIND_TECHNICAL;
  else
    queue = CSM_SIM_QUEUE_KIND_SUPPORT;
  subject = make_subject (self, topic);
  priority = csm_sim_queue_defs[queue].priority + 10 * (int) csm_sim_model_rand_below (self, 3) +
             (channel == CSM_SIM_CHANNEL_PHONE ? 10 : 0);

  /* The customer creates it as requestor, as mail or a web form would. */
  requestor = g_array_index (self->customers, Customer, customer).user_id;
  spec.subject = subject;
  spec.queue = self->queue_ids[queue];
  spec.creator = requestor;
  spec.priority = priority;
  spec.sla = csm_sim_sla_level_for_queue (csm_sim_world_get_agreements (self->world),
                                          csm_sim_queue_defs[queue].name);
  spec.requestors = &requestor;
  spec.n_requestors = 1;
  ticket = csm_sim_world_create_ticket (self->world, &spec, &error);
  if (ticket == NULL)
    {
      g_warning ("Could not create a ticket: %s", error->message);
      return;
    }
  /* Custom fields given at creation are stored without a transaction. */
  csm_sim_ticket_set_raw_cf_value (self->world, (CsmSimTicket *) ticket, self->cf_channel,
                                   csm_sim_channel_names[channel]);
  /* RT's SLA scrips on the Create, as the server runs them after a write. */
  create = csm_sim_world_get_transaction_at (self->world, g_array_index (ticket->txns, guint, 0));
  csm_sim_sla_scrips_after (self->world, create);
  self->stats.tickets_created++;

  mt.id = ticket->id;
  mt.created = ticket->created;
  mt.customer = customer;
  mt.owner = -1;
  mt.customer_msgs = 1;
  mt.channel = (guint8) channel;
  mt.queue = (guint8) queue;
  mt.technical = topic == TOPIC_TECHNICAL;
  g_array_append_val (self->tickets, mt);
  idx = self->tickets->len - 1;

  csm_sim_model_ticket_make_pending (self, idx, TASK_REPLY, FALSE);
  csm_sim_model_maybe_schedule_chase (self, idx);
}
