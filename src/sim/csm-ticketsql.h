/* csm-ticketsql.h: RT 5.0.3's TicketSQL and TransactionSQL over a CsmSimWorld.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "csm-sim-world.h"

G_BEGIN_DECLS

/*
 * The subset, as RT 5.0.3 parses it (RT::SQL::Parse, a regex scanner):
 *
 *   query      := ε | group
 *   group      := item (aggregator item)*
 *   item       := condition | '(' group ')'
 *   aggregator := AND | OR                    (case-insensitive)
 *   condition  := keyword operator value
 *   keyword    := field | field '.' subkey | 'quoted' | "quoted"
 *   operator   := = | != | < | > | <= | >= | LIKE | NOT LIKE | IS | IS NOT
 *                 | STARTSWITH | NOT STARTSWITH | ENDSWITH | NOT ENDSWITH
 *                 (case-insensitive; "SHALLOW " may prefix one for watchers)
 *   value      := 'quoted' | "quoted" | [+-]digits | NULL | bare.word
 *
 * Quotes may contain backslash escapes. Characters the scanner cannot use
 * (blanks, ';', a lone quote...) are skipped, as RT does.
 *
 * Traps reproduced from RT, because clients meet them there:
 *  - No precedence: each parenthesised group (and the whole query) joins ALL
 *    its items with the LAST aggregator written in it, so "A OR B AND C"
 *    means "A AND B AND C" and "A AND B OR C" means "A OR B OR C".
 *  - A bare word as value is a column reference: "Status = open" fails with
 *    "Wrong query, no such column 'open' in '...'". (Valid column references
 *    are not simulated and fail with an "unsupported" error instead.)
 *  - An empty query matches nothing; a query of blanks matches everything.
 *  - Ticket searches never return deleted tickets, even for Status = 'deleted'.
 *  - Dates are read like RT::Date "unknown" (Time::ParseDate, then
 *    DateTime::Format::Natural): 'YYYY-MM-DD[ HH:MM[:SS]]', '...T...' without
 *    zone, '... UTC|GMT|Z' (with a blank), '+HHMM' offsets, 'now', 'today'
 *    (= now), 'yesterday', 'tomorrow', 'midnight', 'noon', 'N units ago',
 *    '[+|-]N units', 'N units from now', 'now +|- N units', 'in N units',
 *    'Mon DD YYYY', 'DD Mon YYYY', 'MM/DD/YYYY', 'Wdy Mon DD HH:MM:SS YYYY'.
 *    A zone glued to the time ('...T22:05:40Z', '...UTC') makes
 *    Time::ParseDate drop the time: the date means midnight of that day.
 *    Anything unreadable (and '0') is 1970-01-01 00:00:00, so "> 'junk'"
 *    matches every set date and "< 'junk'" none. '-2 minutes' is two
 *    minutes ago. "= date" means that whole UTC day and, unlike the other
 *    operators, also matches unset dates (stored as 1970-01-01) when the day
 *    is 1970-01-01. Unset dates are NULL for <, >, <=, >= and IS [NOT] NULL.
 *    An unquoted number other than 0 is compared as text with the SQL form.
 *  - Integer fields compare numerically with numeric text and sort any
 *    other text above every number (SQLite). LIKE wraps the value in '%...%'.
 *  - String comparisons are case-insensitive; NULL (SLA, Told) never
 *    compares true, not even with !=.
 *  - Custom field values compare as lower-cased TEXT ('10' < '8'); != and
 *    NOT LIKE also match tickets without a value; an unknown CF name
 *    matches nothing for positive operators and IS [NOT] NULL, and
 *    everything for negative ones.
 *  - Priority values 'Low', 'Medium', 'High' are 0, 50, 100.
 *
 * Ticket fields: id EffectiveId Subject Status (with __Active__ and
 * __Inactive__) SLA Type Lifecycle Queue (name or id; LIKE on the name)
 * Owner Creator LastUpdatedBy (names or ids; 'Nobody'; Owner.Name,
 * Owner.EmailAddress, Owner.RealName, Owner.id) Priority InitialPriority
 * FinalPriority TimeWorked TimeLeft TimeEstimated Created LastUpdated Starts
 * Started Due Resolved Told Requestor Requestors Cc AdminCc Watcher (email
 * for = and !=, EmailAddress for LIKE, or .Name .EmailAddress .RealName
 * .id) CF.{Name} 'CF.{Name}' CF.Name CustomField.{Name} CustomFieldValue.{Name}
 * (optionally .Content / .LargeContent).
 *
 * Transaction fields: id ObjectId ObjectType Type Field OldValue NewValue
 * Data ReferenceType OldReference NewReference Creator TimeTaken Created,
 * and TicketId TicketSubject TicketQueue TicketStatus TicketOwner
 * TicketCreator TicketLastUpdatedBy TicketPriority TicketInitialPriority
 * TicketFinalPriority TicketType TicketCreated TicketStarted TicketResolved
 * TicketTold TicketLastUpdated TicketStarts TicketDue (raw column
 * comparisons, as RT does them). TransactionSQL reads bare words as values.
 *
 * Errors carry RT's exact text, including the Perl location it appends,
 * e.g. "Unknown field: Bogus at /usr/share/request-tracker5/lib/RT/Tickets.pm
 * line 3187.\n". Fields RT knows but the simulator does not model (links,
 * attachments, custom roles...) fail with CSM_TICKETSQL_ERROR_UNSUPPORTED.
 */

typedef enum
{
  CSM_TICKETSQL_TICKETS,
  CSM_TICKETSQL_TRANSACTIONS,
} CsmTicketSqlKind;

#define CSM_TICKETSQL_ERROR (csm_ticketsql_error_quark ())

typedef enum
{
  CSM_TICKETSQL_ERROR_INVALID,      /* RT answers 400 with this message */
  CSM_TICKETSQL_ERROR_UNSUPPORTED,  /* valid for RT, not simulated */
} CsmTicketSqlError;

GQuark csm_ticketsql_error_quark (void);

typedef struct _CsmTicketSql CsmTicketSql;
typedef struct _CsmTicketSqlOrder CsmTicketSqlOrder;

CsmTicketSql       *csm_ticketsql_parse              (CsmSimWorld             *world,
                                                      CsmTicketSqlKind         kind,
                                                      const char              *query,
                                                      gint64                   current_user,
                                                      GError                 **error);
void                csm_ticketsql_free               (CsmTicketSql            *query);
gboolean            csm_ticketsql_is_empty           (CsmTicketSql            *query);
gboolean            csm_ticketsql_match_ticket       (CsmTicketSql            *query,
                                                      const CsmSimTicket      *ticket);
gboolean            csm_ticketsql_match_transaction  (CsmTicketSql            *query,
                                                      const CsmSimTransaction *txn);

/*
 * Sorting: orderby/order pairs as REST2 takes them (a missing order is ASC,
 * anything but DESC is ASC). Ties fall back to id ascending. Without
 * orderby, tickets come in id order -- except where RT's SQLite plan uses
 * an index: a query ANDing an Owner equality (or an OR of them) returns
 * owner id then id order, one ANDing a Queue =, <, >, <=, >= (or ORing
 * Queue equalities) returns (queue id, status, id) order, as RT does.
 * Transactions default to Created, then id. An unknown column makes RT's
 * SQL fail: csm_ticketsql_order_is_valid() is FALSE and RT answers with
 * the right total but no items.
 */
CsmTicketSqlOrder  *csm_ticketsql_order_new          (CsmSimWorld             *world,
                                                      CsmTicketSqlKind         kind,
                                                      const char *const       *orderby,
                                                      const char *const       *order);
void                csm_ticketsql_order_free         (CsmTicketSqlOrder       *order);
gboolean            csm_ticketsql_order_is_valid     (CsmTicketSqlOrder       *order);

/*
 * Runs @query: filters (tickets: never deleted ones; @visible_to, if not 0,
 * restricts to what that user may see), sorts, and returns @limit records
 * from @offset as a GPtrArray of const CsmSimTicket* or const
 * CsmSimTransaction*. *total gets the number of matches. If @all is not
 * NULL it receives every match in order (for caching); otherwise only
 * what the page needs is sorted.
 */
GPtrArray          *csm_ticketsql_select             (CsmTicketSql            *query,
                                                      CsmTicketSqlOrder       *order,
                                                      gint64                   visible_to,
                                                      guint                    offset,
                                                      guint                    limit,
                                                      guint                   *total,
                                                      GPtrArray              **all);
GPtrArray          *csm_ticketsql_select_history     (CsmSimWorld             *world,
                                                      const CsmSimTicket      *ticket,
                                                      CsmTicketSqlOrder       *order,
                                                      gint64                   visible_to,
                                                      guint                    offset,
                                                      guint                    limit,
                                                      guint                   *total);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmTicketSql, csm_ticketsql_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsmTicketSqlOrder, csm_ticketsql_order_free)

G_END_DECLS
