/* csm-sim-world-messages.c: the text of the simulated helpdesk's messages.
 *
 * A message posted through REST2 keeps the text it was posted with. The
 * generated world's messages have none stored (a million transactions
 * would not fit): their text is written when asked for, the same every
 * time, from the transaction's id, its kind and its ticket's subject. Some
 * customers give an e-mail address, a phone number or a card number, as real
 * customers do, so a reviewer's masking has something to mask.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "csm-sim-world-private.h"

/* The caller holds the world's lock. */
void
csm_sim_world_set_message_content (CsmSimWorld *self,
                                   gint64       transaction_id,
                                   const char  *content)
{
  g_return_if_fail (CSM_IS_SIM_WORLD (self));
  g_return_if_fail (transaction_id > 0 && transaction_id <= G_MAXUINT32);

  g_hash_table_insert (self->message_contents, GUINT_TO_POINTER ((guint) transaction_id),
                       g_string_chunk_insert (self->strings, content != NULL ? content : ""));
}

/* Texts around a value: the part before it and the part after it. */
typedef struct
{
  const char *before;
  const char *after;
} Frame;

static const Frame openers[] = {
  { "Hello,\n\nI need help with this: ", "." },
  { "Hi there,\n\n", ". This started yesterday and it is getting urgent." },
  { "Good morning,\n\nwe have a problem: ", ". Can someone look at it today?" },
  { "Hello support,\n\n", ". I already tried restarting, it did not help." },
};

static const Frame details[] = {
  { "You can reach me at ", " if you need more details." },
  { "Please call me back on ", ", I am at my desk until five." },
  { "The last payment went through with the card ", ", in case that matters." },
  { "Nothing else has changed on our side.", "" },
};

static const char * const follow_ups[] = {
  "Thanks. I tried that, but the problem is still there.",
  "That worked, thank you very much!",
  "Any news on this? It has been a while.",
  "I attached a screenshot of the error to my first message.",
};

static const Frame replies[] = {
  { "Hello,\n\nthank you for getting in touch. I have looked into “",
    "” and found the cause. I have corrected it on our side; could you check that it works for "
    "you now?\n\nKind regards" },
  { "Hi,\n\nsorry for the trouble with “",
    "”. Could you tell me which version you are using and when you first saw it? Then I can "
    "reproduce it.\n\nBest wishes" },
  { "Hello,\n\nI have passed “",
    "” to our second-level team and will update you as soon as I hear back, by tomorrow at the "
    "latest.\n\nRegards" },
  { "Hello again,\n\nthe fix for “",
    "” is live now. I will close this ticket; just reply if anything is still wrong.\n\n"
    "Thanks for your patience" },
};

static char *
framed (const Frame *frame,
        const char  *value)
{
  return g_strconcat (frame->before, value, frame->after, NULL);
}

static const char * const comments[] = {
  "Checked the logs: the customer's account was locked by the nightly job.",
  "Known issue, see the incident from last week. Linking this ticket there.",
  "Customer is on the premium plan: please keep the four-hour response time.",
  "Asked billing to confirm the refund before we reply.",
};

static const char *
user_name (CsmSimWorld *self,
           gint64       id)
{
  const CsmSimUser *user = csm_sim_world_lookup_user (self, id);

  return user != NULL ? user->name : "customer";
}

/* A card number that passes the Luhn check, from @seed. */
static char *
card_number (guint32 seed)
{
  char digits[17];
  int sum = 0;

  /* 4 + 14 digits from the seed, then the check digit. */
  digits[0] = '4';
  for (int i = 1; i < 15; i++)
    {
      seed = seed * 1103515245u + 12345u;
      digits[i] = '0' + (char) ((seed >> 16) % 10);
    }
  for (int i = 14, even = 1; i >= 0; i--, even = !even)
    {
      int d = digits[i] - '0';

      if (even)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }
  digits[15] = '0' + (char) ((10 - sum % 10) % 10);
  digits[16] = '\0';
  return g_strdup_printf ("%.4s %.4s %.4s %.4s", digits, digits + 4, digits + 8, digits + 12);
}

static char *
customer_detail (CsmSimWorld             *self,
                 const CsmSimTransaction *txn)
{
  guint which = (txn->id / 7) % G_N_ELEMENTS (details);
  const CsmSimUser *user = csm_sim_world_lookup_user (self, txn->creator);
  g_autofree char *value = NULL;

  switch (which)
    {
    case 0:
      value = g_strdup (user != NULL && user->email != NULL && *user->email != '\0'
                        ? user->email : "customer@example.com");
      break;
    case 1:
      value = g_strdup_printf ("+49 30 %07u", (txn->id * 7919u) % 10000000u);
      break;
    case 2:
      value = card_number (txn->id);
      break;
    default:
      return g_strdup (details[which].before);
    }
  return framed (&details[which], value);
}

/**
 * csm_sim_world_get_message_content:
 * @txn: a Create, Correspond or Comment transaction
 *
 * The caller holds the world's lock.
 *
 * Returns: (transfer full): the message's text
 */
char *
csm_sim_world_get_message_content (CsmSimWorld             *self,
                                   const CsmSimTransaction *txn)
{
  const char *stored;
  const CsmSimTicket *ticket;
  const char *subject;
  guint pick;

  g_return_val_if_fail (CSM_IS_SIM_WORLD (self), NULL);
  g_return_val_if_fail (txn != NULL, NULL);

  stored = g_hash_table_lookup (self->message_contents, GUINT_TO_POINTER (txn->id));
  if (stored != NULL)
    return g_strdup (stored);

  ticket = csm_sim_world_lookup_ticket (self, txn->object_id);
  subject = ticket != NULL && ticket->subject != NULL && *ticket->subject != '\0'
            ? ticket->subject : "my request";
  pick = txn->id % 4;

  if (strcmp (txn->type, "Create") == 0)
    {
      g_autofree char *detail = customer_detail (self, txn);
      g_autofree char *opener = framed (&openers[pick], subject);

      return g_strdup_printf ("%s\n\n%s\n\n%s", opener, detail, user_name (self, txn->creator));
    }
  if (strcmp (txn->type, "Comment") == 0)
    return g_strdup (comments[pick]);

  /* Correspond: an agent's reply or the customer's answer. */
  if (ticket != NULL && ticket->requestors != NULL)
    for (guint i = 0; i < ticket->requestors->len; i++)
      if (g_array_index (ticket->requestors, gint64, i) == (gint64) txn->creator)
        return g_strdup (follow_ups[pick]);
  return framed (&replies[pick], subject);
}
