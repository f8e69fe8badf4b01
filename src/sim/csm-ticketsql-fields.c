/* csm-ticketsql-fields.c: the fields TicketSQL and TransactionSQL know, and their values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-ticketsql"

#include "config.h"

#include <string.h>

#include "csm-ticketsql-private.h"

static const FieldInfo ticket_fields[] = {
  { "Status", T_STRING, F_STATUS },
  { "SLA", T_STRING, F_SLA },
  { "Queue", T_QUEUE, F_QUEUE },
  { "Type", T_ENUM, F_TYPE },
  { "Creator", T_ENUM, F_CREATOR },
  { "LastUpdatedBy", T_ENUM, F_LAST_UPDATED_BY },
  { "Owner", T_WATCHER, F_OWNER },
  { "EffectiveId", T_INT, F_EFFECTIVE_ID },
  { "id", T_ID, F_ID },
  { "InitialPriority", T_INT, F_INITIAL_PRIORITY },
  { "FinalPriority", T_INT, F_FINAL_PRIORITY },
  { "Priority", T_INT, F_PRIORITY },
  { "TimeLeft", T_INT, F_TIME_LEFT },
  { "TimeWorked", T_INT, F_TIME_WORKED },
  { "TimeEstimated", T_INT, F_TIME_ESTIMATED },
  { "Linked", T_UNSUPPORTED, F_NONE },
  { "LinkedTo", T_UNSUPPORTED, F_NONE },
  { "LinkedFrom", T_UNSUPPORTED, F_NONE },
  { "MemberOf", T_UNSUPPORTED, F_NONE },
  { "DependsOn", T_UNSUPPORTED, F_NONE },
  { "RefersTo", T_UNSUPPORTED, F_NONE },
  { "HasMember", T_UNSUPPORTED, F_NONE },
  { "DependentOn", T_UNSUPPORTED, F_NONE },
  { "DependedOnBy", T_UNSUPPORTED, F_NONE },
  { "ReferredToBy", T_UNSUPPORTED, F_NONE },
  { "Told", T_DATE, F_TOLD },
  { "Starts", T_DATE, F_STARTS },
  { "Started", T_DATE, F_STARTED },
  { "Due", T_DATE, F_DUE },
  { "Resolved", T_DATE, F_RESOLVED },
  { "LastUpdated", T_DATE, F_LAST_UPDATED },
  { "Created", T_DATE, F_CREATED },
  { "Subject", T_STRING, F_SUBJECT },
  { "Content", T_UNSUPPORTED, F_NONE },
  { "ContentType", T_UNSUPPORTED, F_NONE },
  { "Filename", T_UNSUPPORTED, F_NONE },
  { "TransactionDate", T_UNSUPPORTED, F_NONE },
  { "Requestor", T_WATCHER, F_REQUESTOR },
  { "Requestors", T_WATCHER, F_REQUESTOR },
  { "Cc", T_WATCHER, F_CC },
  { "AdminCc", T_WATCHER, F_ADMINCC },
  { "Watcher", T_WATCHER, F_WATCHER },
  { "QueueCc", T_UNSUPPORTED, F_NONE },
  { "QueueAdminCc", T_UNSUPPORTED, F_NONE },
  { "QueueWatcher", T_UNSUPPORTED, F_NONE },
  { "CustomRole", T_UNSUPPORTED, F_NONE },
  { "CustomFieldValue", T_CUSTOMFIELD, F_CF },
  { "CustomField", T_CUSTOMFIELD, F_CF },
  { "CF", T_CUSTOMFIELD, F_CF },
  { "TxnCF", T_UNSUPPORTED, F_NONE },
  { "TransactionCF", T_UNSUPPORTED, F_NONE },
  { "QueueCF", T_UNSUPPORTED, F_NONE },
  { "Lifecycle", T_LIFECYCLE, F_LIFECYCLE },
  { "Updated", T_UNSUPPORTED, F_NONE },
  { "UpdatedBy", T_UNSUPPORTED, F_NONE },
  { "OwnerGroup", T_UNSUPPORTED, F_NONE },
  { "RequestorGroup", T_UNSUPPORTED, F_NONE },
  { "CCGroup", T_UNSUPPORTED, F_NONE },
  { "AdminCCGroup", T_UNSUPPORTED, F_NONE },
  { "WatcherGroup", T_UNSUPPORTED, F_NONE },
  { "HasAttribute", T_UNSUPPORTED, F_NONE },
  { "HasNoAttribute", T_UNSUPPORTED, F_NONE },
};

static const FieldInfo txn_fields[] = {
  { "id", T_INT, FX_ID },
  { "ObjectId", T_ID, FX_OBJECT_ID },
  { "ObjectType", T_STRING, FX_OBJECT_TYPE },
  { "Creator", T_ENUM, FX_CREATOR },
  { "TimeTaken", T_INT, FX_TIME_TAKEN },
  { "Type", T_STRING, FX_TYPE },
  { "Field", T_STRING, FX_FIELD },
  { "OldValue", T_STRING, FX_OLD_VALUE },
  { "NewValue", T_STRING, FX_NEW_VALUE },
  { "ReferenceType", T_STRING, FX_REFERENCE_TYPE },
  { "OldReference", T_STRING, FX_OLD_REFERENCE },
  { "NewReference", T_STRING, FX_NEW_REFERENCE },
  { "Data", T_STRING, FX_DATA },
  { "Created", T_DATE, FX_CREATED },
  { "Content", T_UNSUPPORTED, F_NONE },
  { "ContentType", T_UNSUPPORTED, F_NONE },
  { "Filename", T_UNSUPPORTED, F_NONE },
  { "Subject", T_UNSUPPORTED, F_NONE },
  { "CustomFieldValue", T_UNSUPPORTED, F_NONE },
  { "CustomField", T_UNSUPPORTED, F_NONE },
  { "CF", T_UNSUPPORTED, F_NONE },
  { "TicketId", T_TICKETFIELD, F_ID },
  { "TicketSubject", T_TICKETFIELD, F_SUBJECT },
  { "TicketQueue", T_TICKETFIELD, F_QUEUE },
  { "TicketStatus", T_TICKETFIELD, F_STATUS },
  { "TicketOwner", T_TICKETFIELD, F_OWNER },
  { "TicketCreator", T_TICKETFIELD, F_CREATOR },
  { "TicketLastUpdatedBy", T_TICKETFIELD, F_LAST_UPDATED_BY },
  { "TicketCreated", T_TICKETFIELD, F_CREATED },
  { "TicketStarted", T_TICKETFIELD, F_STARTED },
  { "TicketResolved", T_TICKETFIELD, F_RESOLVED },
  { "TicketTold", T_TICKETFIELD, F_TOLD },
  { "TicketLastUpdated", T_TICKETFIELD, F_LAST_UPDATED },
  { "TicketStarts", T_TICKETFIELD, F_STARTS },
  { "TicketDue", T_TICKETFIELD, F_DUE },
  { "TicketPriority", T_TICKETFIELD, F_PRIORITY },
  { "TicketInitialPriority", T_TICKETFIELD, F_INITIAL_PRIORITY },
  { "TicketFinalPriority", T_TICKETFIELD, F_FINAL_PRIORITY },
  { "TicketType", T_TICKETFIELD, F_TYPE },
  { "TicketQueueLifecycle", T_UNSUPPORTED, F_NONE },
  { "CustomFieldName", T_UNSUPPORTED, F_NONE },
  { "CFName", T_UNSUPPORTED, F_NONE },
  { "OldCFValue", T_UNSUPPORTED, F_NONE },
  { "NewCFValue", T_UNSUPPORTED, F_NONE },
};

const FieldInfo *
csm_ticketsql_lookup_field (CsmTicketSqlKind  kind,
                            const char       *name)
{
  const FieldInfo *table = kind == CSM_TICKETSQL_TICKETS ? ticket_fields : txn_fields;
  guint n = kind == CSM_TICKETSQL_TICKETS ? G_N_ELEMENTS (ticket_fields)
                                          : G_N_ELEMENTS (txn_fields);

  if (name == NULL)
    return NULL;
  for (guint i = 0; i < n; i++)
    if (g_ascii_strcasecmp (table[i].name, name) == 0)
      return &table[i];
  return NULL;
}

const FieldInfo *
csm_ticketsql_lookup_field_exact (CsmTicketSqlKind  kind,
                                  const char       *name)
{
  const FieldInfo *info = csm_ticketsql_lookup_field (kind, name);

  return info != NULL && strcmp (info->name, name) == 0 ? info : NULL;
}

/* Is this bare word a column RT could compare against? */
gboolean
csm_ticketsql_is_ticket_column (const char *value)
{
  static const char *const columns[] = {
    "id", "EffectiveId", "IsMerged", "Queue", "Type", "Owner", "Subject", "InitialPriority",
    "FinalPriority", "Priority", "TimeEstimated", "TimeWorked", "Status", "SLA", "TimeLeft",
    "Told", "Starts", "Started", "Due", "Resolved", "LastUpdatedBy", "LastUpdated", "Creator",
    "Created",
  };
  g_autoptr(GRegex) table_field = g_regex_new ("^(\\w+?)(?:_\\d+)?\\.(\\w+)$", 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;
  g_autofree char *field = NULL;

  if (g_regex_match (table_field, value, 0, &m))
    {
      g_autofree char *table = g_match_info_fetch (m, 1);

      field = g_match_info_fetch (m, 2);
      if (g_ascii_strcasecmp (table, "main") != 0 && strstr (table, "main") == NULL &&
          strstr (table, "MAIN") == NULL)
        return FALSE;
    }
  else
    field = g_strdup (value);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (strcmp (columns[i], field) == 0)
      return TRUE;
  return FALSE;
}

gint64
csm_ticketsql_ticket_int (const CsmSimTicket *t,
                          FieldId             field)
{
  switch ((int) field)
    {
    case F_ID:
    case F_EFFECTIVE_ID:
      return t->id;
    case F_QUEUE:
      return t->queue;
    case F_OWNER:
      return t->owner;
    case F_CREATOR:
      return t->creator;
    case F_LAST_UPDATED_BY:
      return t->last_updated_by;
    case F_PRIORITY:
      return t->priority;
    case F_INITIAL_PRIORITY:
      return t->initial_priority;
    case F_FINAL_PRIORITY:
      return t->final_priority;
    case F_TIME_WORKED:
      return t->time_worked;
    case F_TIME_LEFT:
      return t->time_left;
    case F_TIME_ESTIMATED:
      return t->time_estimated;
    default:
      return 0;
    }
}

const char *
csm_ticketsql_ticket_string (const CsmSimTicket *t,
                             FieldId             field)
{
  switch ((int) field)
    {
    case F_SUBJECT:
      return t->subject;
    case F_STATUS:
      return t->status;
    case F_SLA:
      return t->sla;
    case F_TYPE:
      return t->type;
    default:
      return NULL;
    }
}

/* Returns FALSE for a NULL column (only Told can be NULL). */
gboolean
csm_ticketsql_ticket_date (const CsmSimTicket *t,
                           FieldId             field,
                           gint64             *value)
{
  switch ((int) field)
    {
    case F_CREATED:
      *value = t->created;
      return TRUE;
    case F_LAST_UPDATED:
      *value = t->last_updated;
      return TRUE;
    case F_STARTS:
      *value = t->starts;
      return TRUE;
    case F_STARTED:
      *value = t->started;
      return TRUE;
    case F_DUE:
      *value = t->due;
      return TRUE;
    case F_RESOLVED:
      *value = t->resolved;
      return TRUE;
    case F_TOLD:
      *value = t->told;
      return t->told != 0;
    default:
      *value = 0;
      return TRUE;
    }
}

gint64
csm_ticketsql_txn_int (const CsmSimTransaction *x,
                       FieldId                  field)
{
  switch ((int) field)
    {
    case FX_ID:
      return x->id;
    case FX_OBJECT_ID:
      return x->object_id;
    case FX_CREATOR:
      return x->creator;
    case FX_TIME_TAKEN:
      return x->time_taken;
    default:
      return 0;
    }
}

const char *
csm_ticketsql_txn_string (const CsmSimTransaction *x,
                          FieldId                  field,
                          char                    *buffer,
                          gsize                    size)
{
  switch ((int) field)
    {
    case FX_OBJECT_TYPE:
      return "RT::Ticket";
    case FX_TYPE:
      return x->type;
    case FX_FIELD:
      return x->field;
    case FX_OLD_VALUE:
      return x->old_value;
    case FX_NEW_VALUE:
      return x->new_value;
    case FX_DATA:
      return x->data;
    case FX_REFERENCE_TYPE:
      return (x->old_reference || x->new_reference) ? "RT::ObjectCustomFieldValue" : NULL;
    case FX_OLD_REFERENCE:
      if (x->old_reference == 0)
        return NULL;
      g_snprintf (buffer, size, "%u", x->old_reference);
      return buffer;
    case FX_NEW_REFERENCE:
      if (x->new_reference == 0)
        return NULL;
      g_snprintf (buffer, size, "%u", x->new_reference);
      return buffer;
    default:
      return NULL;
    }
}
