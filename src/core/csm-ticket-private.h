/* csm-ticket-private.h: the ticket's fields, for the code that fills them (providers, store).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-ticket.h"

G_BEGIN_DECLS

struct _CsmTicket
{
  GObject parent_instance;

  gint64 id;
  char *subject;          /* (owned) */
  char *status;           /* (owned): change it with _csm_ticket_set_status() */
  guint8 status_class;    /* 1 + CsmStatusClass once worked out; 0 before */
  guint revision;         /* bumped by every change in place */
  gint64 queue_id;
  char *queue_name;       /* (owned) (nullable) */
  char *owner;            /* (owned) (nullable): NULL when nobody owns it */
  char *owner_real_name;  /* (owned) (nullable) */
  char *creator;          /* (owned) (nullable) */
  int priority;
  gint64 created;
  gint64 last_updated;
  gint64 starts;
  gint64 started;
  gint64 due;
  gint64 resolved;
  gint64 told;
  int time_worked;        /* minutes */
  int time_estimated;     /* minutes */
  char *sla;              /* (owned) (nullable): SLA level name */
  GStrv requestors;       /* (owned) (nullable) */
  GStrv custom_fields;    /* (owned) (nullable): name, value, name, value, …, NULL */

  /* Derived from transactions by csm_ticket_apply_transactions(). */
  gint64 first_response;
  int handle_minutes;
  int agent_replies;
  gboolean history_complete;
};

void  _csm_ticket_set_string  (char       **field,
                               const char  *value);
void  _csm_ticket_set_status  (CsmTicket   *ticket,
                               const char  *status);
void  _csm_ticket_changed     (CsmTicket   *ticket);

/* The class of the ticket's status, worked out once: a full recount of
 * 100,000 tickets runs every few seconds. */
static inline CsmStatusClass
_csm_ticket_status_class (CsmTicket *ticket)
{
  if (ticket->status_class == 0)
    ticket->status_class = (guint8) (1 + csm_status_classify (ticket->status));
  return (CsmStatusClass) (ticket->status_class - 1);
}

G_END_DECLS
