/* csm-sim-scenario.h: fixed helpdesk scenarios as JSON files, in and out of a CsmSimWorld.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "csm-sim-world.h"

G_BEGIN_DECLS

/*
 * A scenario is the world's complete state, so that a test, a demo or a
 * benchmark starts from exactly the same helpdesk every time (and the same
 * file can be replayed into a real RT). Format "csm-sim-scenario/1", one
 * JSON object; tests/data/scenarios/README.md has the long description.
 *
 *   {
 *     "format": "csm-sim-scenario/1",
 *     "now": "2026-11-23T12:00:00Z",              frozen clock
 *     "queues": [ { "id": 3, "Name": "Support", "Description": "...",
 *                   "SLADisabled": false, "Disabled": false,
 *                   "CorrespondAddress": "...", "CommentAddress": "...",
 *                   "Created": "..." } ],
 *     "users": [ { "id": 39, "Name": "alice", "RealName": "Alice Agent",
 *                  "EmailAddress": "...", "Access": "agent",
 *                  "Disabled": false, "Lang": "en", "Timezone": "UTC",
 *                  "Created": "..." } ],
 *     "groups": [ { "id": 51, "Name": "Agents", "Description": "...",
 *                   "Members": [ "alice", "bob" ] } ],
 *     "custom_fields": [ { "id": 2, "Name": "CSAT", "Type": "Freeform",
 *                          "Description": "...", "Pattern": "...",
 *                          "MaxValues": 1, "Values": [] } ],
 *     "tickets": [ { "id": 1, "Subject": "...", "Queue": "Support",
 *                    "Status": "new", "Owner": "Nobody", "Creator": "...",
 *                    "LastUpdatedBy": "...", "Priority": 0,
 *                    "InitialPriority": 0, "FinalPriority": 0,
 *                    "TimeEstimated": 0, "TimeWorked": 0, "TimeLeft": 0,
 *                    "Created": "...", "LastUpdated": "...",
 *                    "Starts": null, "Started": null, "Due": "...",
 *                    "Resolved": null, "Told": null, "SLA": "gold",
 *                    "Requestors": [ "carol@example.com" ], "Cc": [],
 *                    "AdminCc": [], "CustomFields": { "CSAT": [ "5" ] } } ],
 *     "transactions": [ { "id": 60, "Ticket": 1, "Type": "Create",
 *                         "Field": null, "OldValue": null, "NewValue": null,
 *                         "Data": null, "Creator": "carol@example.com",
 *                         "Created": "...", "TimeTaken": 0 } ]
 *   }
 *
 * Users, queues and CFs are referred to by name; ids are explicit so that
 * every id the REST answers show is fixed. Dates are ISO 8601 UTC ("Z") or
 * RT's "YYYY-MM-DD HH:MM:SS"; null is unset. Access is one of admin, agent,
 * viewer, customer (see CsmSimAccess). RT's built-in users (RT_System,
 * Nobody, root), groups and the General queue always exist and are not
 * written. Loading into a world adds to it; ids must not collide.
 */

/* What a scenario's "format" member says. */
#define CSM_SIM_SCENARIO_FORMAT "csm-sim-scenario/1"

gboolean      csm_sim_scenario_load_data   (CsmSimWorld  *world,
                                            const char   *data,
                                            gssize        length,
                                            GError      **error);
gboolean      csm_sim_scenario_load_file   (CsmSimWorld  *world,
                                            const char   *path,
                                            GError      **error);
char         *csm_sim_scenario_to_data     (CsmSimWorld  *world);
gboolean      csm_sim_scenario_save_file   (CsmSimWorld  *world,
                                            const char   *path,
                                            GError      **error);
CsmSimWorld  *csm_sim_scenario_new_world   (const char   *path,
                                            GError      **error);

const char   *csm_sim_access_to_string     (CsmSimAccess  access);
gboolean      csm_sim_access_from_string   (const char   *text,
                                            CsmSimAccess *access);

G_END_DECLS
