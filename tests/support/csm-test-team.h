/* csm-test-team.h: a person at the console on a team's workspace: the fixture helpdesk, their window, their password in the keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-clock.h"
#include "csm-context.h"
#include "csm-quality-page.h"
#include "csm-test-helpdesk.h"
#include "csm-window.h"

G_BEGIN_DECLS

#define CSM_TEST_TEAM_TOKEN "team-test-token"

typedef struct
{
  CsmTestHelpdesk *desk;
  GSettings *settings;
  CsmClock *clock;
  CsmContext *context;
  CsmWindow *window;
} CsmTestTeam;

void            csm_test_team_sign_in       (CsmTestTeam *f,
                                             const char  *user,
                                             gint64       now);
void            csm_test_team_open_window   (CsmTestTeam *f);
CsmQualityPage *csm_test_team_open_page     (CsmTestTeam *f,
                                             const char  *uri,
                                             const char  *user,
                                             gint64       now);
void            csm_test_team_tear_down     (CsmTestTeam *f);
void            csm_test_team_keep_password (const char  *uri,
                                             const char  *user,
                                             const char  *password);
char           *csm_test_team_kept_password (const char  *uri,
                                             const char  *user);

G_END_DECLS
