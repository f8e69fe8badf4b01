/* test-export.c: the exports (JSON and CSV) carry the same numbers the pages show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "csm-export.h"
#include "csm-queue-summary.h"
#include "csm-test-tickets.h"
#include "csm-ticket-private.h"

/* 2026-11-23T12:00:00Z, a Monday. Computed independently:
 * days from 1970-01-01 to 2026-11-23 = 20780; 20780 * 86400 + 12 * 3600. */
#define NOW ((gint64) 20780 * 86400 + 12 * 3600)

static void
test_export_queues (void)
{
  g_autoptr(GPtrArray) tickets = csm_test_tickets_sample (NOW);
  g_autoptr(GPtrArray) summaries = csm_queue_summaries_compute (tickets, NULL, NOW);
  g_autofree char *json = csm_export_queues (summaries, CSM_EXPORT_JSON);
  g_autofree char *csv = csm_export_queues (summaries, CSM_EXPORT_CSV);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;
  JsonObject *support;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  support = json_array_get_object_element (array, 2);
  g_assert_cmpstr (json_object_get_string_member (support, "queue"), ==, "Support");
  g_assert_cmpint (json_object_get_int_member (support, "new"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (support, "open"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (support, "stalled"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (support, "active"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (support, "unassigned"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (support, "oldest_new_age_seconds"), ==, 7200);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (array, 0),
                                              "oldest_new_age_seconds"));
  g_assert_cmpuint (json_object_get_size (support), ==, 7);

  g_assert_cmpstr (csv, ==,
                   "queue,new,open,stalled,active,unassigned,oldest_new_age_seconds\r\n"
                   "Billing,0,1,0,1,0,\r\n"
                   "Secret,1,0,0,1,1,60\r\n"
                   "Support,2,1,1,4,2,7200\r\n");
}

static void
test_export_tickets (void)
{
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  CsmTicket *a = csm_test_ticket_new (7, 3, "Support", "resolved", "alice", NOW - 7200);
  CsmTicket *b = csm_test_ticket_new (2, 4, "Billing", "new", NULL, NOW - 60);
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *first, *second;

  _csm_ticket_set_string (&a->subject, "Printer says \"PC LOAD LETTER\", help");
  a->priority = 20;
  a->first_response = NOW - 7000;
  a->resolved = NOW - 3600;
  a->due = NOW - 3000;
  a->sla = g_strdup ("gold");
  a->time_worked = 25;
  g_ptr_array_add (tickets, a);
  g_ptr_array_add (tickets, b);

  json = csm_export_tickets (tickets, CSM_EXPORT_JSON);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  first = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  second = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 1);

  /* written by id */
  g_assert_cmpint (json_object_get_int_member (first, "id"), ==, 2);
  g_assert_true (json_object_get_null_member (first, "owner"));
  g_assert_true (json_object_get_null_member (first, "first_response"));
  g_assert_true (json_object_get_null_member (first, "due"));
  g_assert_true (json_object_get_null_member (first, "sla"));
  g_assert_cmpint (json_object_get_int_member (first, "time_worked_minutes"), ==, 0);

  g_assert_cmpint (json_object_get_int_member (second, "id"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (second, "subject"), ==,
                   "Printer says \"PC LOAD LETTER\", help");
  g_assert_cmpstr (json_object_get_string_member (second, "queue"), ==, "Support");
  g_assert_cmpstr (json_object_get_string_member (second, "status"), ==, "resolved");
  g_assert_cmpstr (json_object_get_string_member (second, "owner"), ==, "alice");
  g_assert_cmpint (json_object_get_int_member (second, "priority"), ==, 20);
  g_assert_cmpstr (json_object_get_string_member (second, "created"), ==, "2026-11-23T10:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (second, "first_response"), ==, "2026-11-23T10:03:20Z");
  g_assert_cmpstr (json_object_get_string_member (second, "resolved"), ==, "2026-11-23T11:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (second, "due"), ==, "2026-11-23T11:10:00Z");
  g_assert_cmpstr (json_object_get_string_member (second, "sla"), ==, "gold");
  g_assert_cmpint (json_object_get_int_member (second, "time_worked_minutes"), ==, 25);
  g_assert_cmpuint (json_object_get_size (second), ==, 12);

  csv = csm_export_tickets (tickets, CSM_EXPORT_CSV);
  g_assert_cmpstr (csv, ==,
                   "id,subject,queue,status,owner,priority,created,first_response,resolved,due,sla,time_worked_minutes\r\n"
                   "2,Ticket 2,Billing,new,,0,2026-11-23T11:59:00Z,,,,,0\r\n"
                   "7,\"Printer says \"\"PC LOAD LETTER\"\", help\",Support,resolved,alice,20,"
                   "2026-11-23T10:00:00Z,2026-11-23T10:03:20Z,2026-11-23T11:00:00Z,2026-11-23T11:10:00Z,gold,25\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/export/queues", test_export_queues);
  g_test_add_func ("/core/export/tickets", test_export_tickets);

  return g_test_run ();
}
