/* csm-sim-world.h: the simulator's in-memory helpdesk, shaped like RT 5's database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "csm-sim-sla.h"
#include "csm-sim-time.h"

G_BEGIN_DECLS

/*
 * CsmSimWorld holds queues, users, groups, ticket custom fields, tickets and
 * their transactions, and a clock. Records are plain structs owned by the
 * world: read them freely, change them only through the mutation API below,
 * which records the transactions RT 5.0.3 would record. Record pointers stay
 * valid for the world's lifetime (nothing is ever removed; a deleted ticket
 * is a ticket with status "deleted", as in RT).
 *
 * Ids follow RT: users and groups share one principal id space (a user also
 * consumes an ACL-equivalence group id, a ticket consumes four role-group
 * ids), so a world built in the same order as a real RT gets the same ids.
 * A fresh world holds RT's built-ins: users RT_System (1), Nobody (6) and
 * root (14); groups Everyone (3), Privileged (4), Unprivileged (5); queues
 * General (1) and ___Approvals (2, disabled).
 *
 * Times are gint64 Unix seconds, 0 = unset. Told and SLA are NULL in RT's
 * database while unset (the other dates hold 1970-01-01 00:00:00); the world
 * keeps that distinction because TicketSQL and the JSON differ on it.
 *
 * Locking rule: the world is not thread-safe. While any other thread may use
 * it (a CsmSimServer started with csm_sim_server_start_in_thread() does, for
 * every request), hold csm_sim_world_lock() around every call and every use
 * of a record pointer. The lock is recursive.
 */

#define CSM_SIM_USER_RT_SYSTEM      1
#define CSM_SIM_USER_NOBODY         6
#define CSM_SIM_USER_ROOT           14
#define CSM_SIM_GROUP_EVERYONE      3
#define CSM_SIM_GROUP_PRIVILEGED    4
#define CSM_SIM_GROUP_UNPRIVILEGED  5
#define CSM_SIM_QUEUE_GENERAL       1

typedef enum
{
  CSM_SIM_ACCESS_ADMIN,     /* superuser: sees and changes everything */
  CSM_SIM_ACCESS_AGENT,     /* privileged staff: ticket rights in every queue */
  CSM_SIM_ACCESS_VIEWER,    /* ShowTicket + SeeQueue only: looks, never changes */
  CSM_SIM_ACCESS_CUSTOMER,  /* unprivileged: own tickets (as requestor) only */
} CsmSimAccess;

typedef struct
{
  gint64 id;
  char *name;
  char *description;
  char *correspond_address;
  char *comment_address;
  gboolean sla_disabled;
  gboolean disabled;
  gint64 created;
  gint64 last_updated;
} CsmSimQueue;

typedef struct
{
  gint64 id;
  char *name;
  char *real_name;
  char *email;
  char *comments;
  char *lang;              /* NULL: not set (RT omits it) */
  char *timezone;          /* NULL: not set */
  gboolean privileged;
  gboolean disabled;
  CsmSimAccess access;
  gint64 created;
  gint64 last_updated;
  gint64 last_txn_id;      /* ETag of /user/:id; 0: falls back to LastUpdated */
} CsmSimUser;

typedef struct
{
  gint64 id;
  char *name;
  char *description;
  char *domain;            /* "UserDefined" or "SystemInternal" */
  GArray *members;         /* gint64 user ids, in insertion order */
  gint64 created;
  gint64 last_updated;
  gint64 last_txn_id;
} CsmSimGroup;

typedef struct
{
  gint64 id;
  char *name;
  char *description;
  char *type;              /* "Freeform" or "Select" */
  char *pattern;           /* RT validation regex, e.g. "(?#Integer 1-5)^[1-5]?$"; NULL: none */
  guint max_values;        /* 1: single value; 0: unlimited */
  GPtrArray *values;       /* Select options (char *) */
  gint64 created;
  /*< private >*/
  GRegex *regex;
} CsmSimCustomField;

typedef struct
{
  gint64 cf_id;
  const char *value;       /* interned in the world */
  gint64 ocfv_id;          /* RT ObjectCustomFieldValue id */
} CsmSimCfValue;

typedef struct
{
  gint64 id;
  char *subject;
  const char *status;      /* interned: new open stalled resolved rejected deleted */
  const char *type;        /* "ticket" */
  const char *sla;         /* interned or NULL (RT: NULL while no SLA applies) */
  gint64 queue;
  gint64 owner;            /* user id; CSM_SIM_USER_NOBODY when unowned */
  gint64 creator;
  gint64 last_updated_by;
  int priority;
  int initial_priority;
  int final_priority;
  int time_worked;         /* minutes */
  int time_estimated;
  int time_left;
  gint64 created;
  gint64 last_updated;
  gint64 starts;
  gint64 started;
  gint64 due;
  gint64 resolved;
  gint64 told;             /* 0: NULL in RT */
  GArray *requestors;      /* gint64 user ids */
  GArray *cc;
  GArray *admincc;
  GArray *cf_values;       /* CsmSimCfValue, in insertion order */
  GArray *txns;            /* guint: indices of this ticket's transactions */
} CsmSimTicket;

/* Transactions are compact (a million of them must fit comfortably). */
typedef struct
{
  guint32 id;
  guint32 object_id;       /* ticket id (ObjectType is always RT::Ticket) */
  guint32 creator;         /* user id */
  gint32 time_taken;       /* minutes */
  gint64 created;
  const char *type;        /* interned: Create Correspond Comment Status Set SetWatcher CustomField AddWatcher ... */
  const char *field;       /* interned or NULL */
  const char *old_value;   /* interned or NULL */
  const char *new_value;   /* interned or NULL */
  const char *data;        /* interned or NULL; Correspond/Comment carry "No Subject" */
  guint32 old_reference;   /* CustomField: ObjectCustomFieldValue ids, 0 = none */
  guint32 new_reference;
} CsmSimTransaction;

/* What a new ticket starts as; fields left 0/NULL take RT's defaults. */
typedef struct
{
  gint64 id;               /* 0: the next free id */
  const char *subject;
  gint64 queue;
  gint64 creator;          /* 0: root */
  gint64 owner;            /* 0: Nobody */
  const char *status;      /* NULL: "new" */
  int priority;
  int time_estimated;
  gint64 created;          /* 0: the world's now */
  gint64 starts;
  gint64 due;
  const char *sla;
  const gint64 *requestors;
  guint n_requestors;
} CsmSimTicketSpec;

#define CSM_SIM_WORLD_ERROR (csm_sim_world_error_quark ())

typedef enum
{
  CSM_SIM_WORLD_ERROR_NOT_FOUND,
  CSM_SIM_WORLD_ERROR_EXISTS,
  CSM_SIM_WORLD_ERROR_INVALID,
} CsmSimWorldError;

GQuark csm_sim_world_error_quark (void);

#define CSM_TYPE_SIM_WORLD (csm_sim_world_get_type ())

G_DECLARE_FINAL_TYPE (CsmSimWorld, csm_sim_world, CSM, SIM_WORLD, GObject)

CsmSimWorld              *csm_sim_world_new                    (void);

void                      csm_sim_world_lock                   (CsmSimWorld      *self);
void                      csm_sim_world_unlock                 (CsmSimWorld      *self);

gint64                    csm_sim_world_get_now                (CsmSimWorld      *self);
const CsmSimSla          *csm_sim_world_get_agreements         (CsmSimWorld      *self);
void                      csm_sim_world_set_agreements         (CsmSimWorld      *self,
                                                                const CsmSimSla  *sla);
void                      csm_sim_world_set_now                (CsmSimWorld      *self,
                                                                gint64            now);
void                      csm_sim_world_advance                (CsmSimWorld      *self,
                                                                gint64            seconds);
guint64                   csm_sim_world_get_revision           (CsmSimWorld      *self);
const char               *csm_sim_world_intern                 (CsmSimWorld      *self,
                                                                const char       *string);

/* Queues */
const CsmSimQueue        *csm_sim_world_add_queue              (CsmSimWorld      *self,
                                                                gint64            id,
                                                                const char       *name,
                                                                const char       *description,
                                                                gboolean          sla_disabled,
                                                                GError          **error);
const CsmSimQueue        *csm_sim_world_lookup_queue           (CsmSimWorld      *self,
                                                                gint64            id);
const CsmSimQueue        *csm_sim_world_lookup_queue_by_name   (CsmSimWorld      *self,
                                                                const char       *name);
const CsmSimQueue        *csm_sim_world_lookup_queue_by_ref    (CsmSimWorld      *self,
                                                                const char       *id_or_name);
GPtrArray                *csm_sim_world_get_queues             (CsmSimWorld      *self);
void                      csm_sim_world_set_queue_addresses    (CsmSimWorld      *self,
                                                                gint64            queue_id,
                                                                const char       *correspond,
                                                                const char       *comment);
void                      csm_sim_world_set_queue_disabled     (CsmSimWorld      *self,
                                                                gint64            queue_id,
                                                                gboolean          disabled);

/* Users */
const CsmSimUser         *csm_sim_world_add_user               (CsmSimWorld      *self,
                                                                gint64            id,
                                                                const char       *name,
                                                                const char       *real_name,
                                                                const char       *email,
                                                                CsmSimAccess      access,
                                                                GError          **error);
const CsmSimUser         *csm_sim_world_lookup_user            (CsmSimWorld      *self,
                                                                gint64            id);
const CsmSimUser         *csm_sim_world_lookup_user_by_name    (CsmSimWorld      *self,
                                                                const char       *name);
const CsmSimUser         *csm_sim_world_lookup_user_by_email   (CsmSimWorld      *self,
                                                                const char       *email);
const CsmSimUser         *csm_sim_world_lookup_user_by_ref     (CsmSimWorld      *self,
                                                                const char       *id_or_name);
GPtrArray                *csm_sim_world_get_users              (CsmSimWorld      *self);
void                      csm_sim_world_set_user_disabled      (CsmSimWorld      *self,
                                                                gint64            user_id,
                                                                gboolean          disabled);
void                      csm_sim_world_set_user_locale        (CsmSimWorld      *self,
                                                                gint64            user_id,
                                                                const char       *lang,
                                                                const char       *time_zone);

/* Groups */
const CsmSimGroup        *csm_sim_world_add_group              (CsmSimWorld      *self,
                                                                gint64            id,
                                                                const char       *name,
                                                                const char       *description,
                                                                GError          **error);
gboolean                  csm_sim_world_add_group_member       (CsmSimWorld      *self,
                                                                gint64            group_id,
                                                                gint64            user_id,
                                                                GError          **error);
const CsmSimGroup        *csm_sim_world_lookup_group           (CsmSimWorld      *self,
                                                                gint64            id);
GPtrArray                *csm_sim_world_get_groups             (CsmSimWorld      *self);
GPtrArray                *csm_sim_world_get_user_memberships   (CsmSimWorld      *self,
                                                                gint64            user_id);

/* Custom fields (ticket CFs, applied to every queue) */
const CsmSimCustomField  *csm_sim_world_add_custom_field       (CsmSimWorld      *self,
                                                                gint64            id,
                                                                const char       *name,
                                                                const char       *type,
                                                                const char       *description,
                                                                const char       *pattern,
                                                                guint             max_values,
                                                                GError          **error);
gboolean                  csm_sim_world_add_custom_field_value (CsmSimWorld      *self,
                                                                gint64            cf_id,
                                                                const char       *value,
                                                                GError          **error);
const CsmSimCustomField  *csm_sim_world_lookup_custom_field    (CsmSimWorld      *self,
                                                                gint64            id);
const CsmSimCustomField  *csm_sim_world_lookup_custom_field_by_name
                                                               (CsmSimWorld      *self,
                                                                const char       *name);
const CsmSimCustomField  *csm_sim_world_lookup_custom_field_by_ref
                                                               (CsmSimWorld      *self,
                                                                const char       *id_or_name);
GPtrArray                *csm_sim_world_get_custom_fields      (CsmSimWorld      *self);

/* Tickets and transactions: lookups */
const CsmSimTicket       *csm_sim_world_lookup_ticket          (CsmSimWorld      *self,
                                                                gint64            id);
GPtrArray                *csm_sim_world_get_tickets            (CsmSimWorld      *self);
guint                     csm_sim_world_get_n_tickets          (CsmSimWorld      *self);
guint                     csm_sim_world_get_n_transactions     (CsmSimWorld      *self);
const CsmSimTransaction  *csm_sim_world_get_transaction_at     (CsmSimWorld      *self,
                                                                guint             index);
const CsmSimTransaction  *csm_sim_world_lookup_transaction     (CsmSimWorld      *self,
                                                                gint64            id);
void                      csm_sim_world_set_message_content    (CsmSimWorld      *self,
                                                                gint64            transaction_id,
                                                                const char       *content);
char                     *csm_sim_world_get_message_content    (CsmSimWorld      *self,
                                                                const CsmSimTransaction *txn);
guint                     csm_sim_world_find_transaction_index (CsmSimWorld      *self,
                                                                gint64            min_id);
gboolean                  csm_sim_world_transactions_time_ordered
                                                               (CsmSimWorld      *self);
guint                     csm_sim_world_find_transaction_index_by_time
                                                               (CsmSimWorld      *self,
                                                                gint64            min_created);
gint64                    csm_sim_world_get_ticket_last_txn_id (CsmSimWorld      *self,
                                                                const CsmSimTicket *ticket);
const char               *csm_sim_ticket_get_cf_value          (const CsmSimTicket *ticket,
                                                                gint64            cf_id);
gboolean                  csm_sim_ticket_has_requestor         (const CsmSimTicket *ticket,
                                                                gint64            user_id);
gboolean                  csm_sim_status_is_active             (const char       *status);
gboolean                  csm_sim_status_is_inactive           (const char       *status);
gboolean                  csm_sim_status_is_valid              (const char       *status);

/* Raw insertion for loaders: no transactions, no side effects. */
CsmSimTicket             *csm_sim_world_insert_ticket          (CsmSimWorld      *self,
                                                                const CsmSimTicketSpec *spec,
                                                                GError          **error);
void                      csm_sim_ticket_set_raw_cf_value      (CsmSimWorld      *self,
                                                                CsmSimTicket     *ticket,
                                                                gint64            cf_id,
                                                                const char       *value);
void                      csm_sim_ticket_add_raw_watcher       (CsmSimTicket     *ticket,
                                                                const char       *role,
                                                                gint64            user_id);
const CsmSimTransaction  *csm_sim_world_insert_transaction     (CsmSimWorld      *self,
                                                                const CsmSimTransaction *txn,
                                                                GError          **error);
void                      csm_sim_world_touch                  (CsmSimWorld      *self);

/*
 * Mutations, each exactly as RT 5.0.3 records it. @actor is the acting
 * user's id. The functions check the world's rules (valid status, existing
 * owner who may own tickets, CF validation) but not the actor's rights:
 * that is the REST layer's job. On success *message (if not NULL) gets the
 * message RT puts in its REST2 answer without the "Ticket N: " prefix, on
 * failure RT's refusal text and FALSE.
 */
const CsmSimTicket       *csm_sim_world_create_ticket          (CsmSimWorld      *self,
                                                                const CsmSimTicketSpec *spec,
                                                                GError          **error);
gboolean                  csm_sim_world_set_owner              (CsmSimWorld      *self,
                                                                gint64            ticket_id,
                                                                gint64            actor,
                                                                gint64            owner,
                                                                char            **message);
gboolean                  csm_sim_world_set_status             (CsmSimWorld      *self,
                                                                gint64            ticket_id,
                                                                gint64            actor,
                                                                const char       *status,
                                                                char            **message);
gboolean                  csm_sim_world_set_queue              (CsmSimWorld      *self,
                                                                gint64            ticket_id,
                                                                gint64            actor,
                                                                gint64            queue_id,
                                                                char            **message);
gboolean                  csm_sim_world_set_priority           (CsmSimWorld      *self,
                                                                gint64            ticket_id,
                                                                gint64            actor,
                                                                int               priority,
                                                                char            **message);
gboolean                  csm_sim_world_set_subject            (CsmSimWorld      *self,
                                                                gint64            ticket_id,
                                                                gint64            actor,
                                                                const char       *subject,
                                                                char            **message);
gboolean                  csm_sim_world_set_due                (CsmSimWorld      *self,
                                                                gint64            ticket_id,
                                                                gint64            actor,
                                                                gint64            due,
                                                                char            **message);
gboolean                  csm_sim_world_set_starts             (CsmSimWorld      *self,
                                                                gint64            ticket_id,
                                                                gint64            actor,
                                                                gint64            starts,
                                                                char            **message);
gboolean                  csm_sim_world_set_sla                (CsmSimWorld      *self,
                                                                gint64            ticket_id,
                                                                gint64            actor,
                                                                const char       *sla,
                                                                char            **message);
gboolean                  csm_sim_world_add_time_worked        (CsmSimWorld      *self,
                                                                gint64            ticket_id,
                                                                gint64            actor,
                                                                int               minutes,
                                                                char            **message);
gboolean                  csm_sim_world_set_custom_field       (CsmSimWorld      *self,
                                                                gint64            ticket_id,
                                                                gint64            actor,
                                                                gint64            cf_id,
                                                                const char       *value,
                                                                char            **message);
gboolean                  csm_sim_world_add_requestor          (CsmSimWorld      *self,
                                                                gint64            ticket_id,
                                                                gint64            actor,
                                                                gint64            user_id,
                                                                char            **message);
gint64                    csm_sim_world_correspond             (CsmSimWorld      *self,
                                                                gint64            ticket_id,
                                                                gint64            actor,
                                                                int               time_taken,
                                                                char            **message);
gint64                    csm_sim_world_comment                (CsmSimWorld      *self,
                                                                gint64            ticket_id,
                                                                gint64            actor,
                                                                int               time_taken,
                                                                char            **message);
gboolean                  csm_sim_world_delete_ticket          (CsmSimWorld      *self,
                                                                gint64            ticket_id,
                                                                gint64            actor,
                                                                char            **message);

const char               *csm_sim_priority_label               (int               priority);

G_END_DECLS
