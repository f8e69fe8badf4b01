/* sim-fixture.h: builds the small fixture helpdesk through the world's mutation API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-sim-world.h"

G_BEGIN_DECLS

/* The world behind tests/data/scenarios/fixture-small.json, built event by
 * event (so every derived field is what the mutation API computes). */
CsmSimWorld *sim_fixture_build_small   (void);

/* Loads tests/data/scenarios/@name from the source tree (CSM_TEST_SRCDIR). */
CsmSimWorld *sim_fixture_load          (const char *name);
char        *sim_fixture_path          (const char *name);

/* "2026-11-23T12:00:00Z" -> Unix time; aborts on a typo. */
gint64       sim_fixture_time          (const char *iso);

G_END_DECLS
