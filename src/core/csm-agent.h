/* csm-agent.h: a helpdesk agent (a privileged RT user, a Zammad agent…).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "csm-types.h"

G_BEGIN_DECLS

#define CSM_TYPE_AGENT (csm_agent_get_type ())

G_DECLARE_FINAL_TYPE (CsmAgent, csm_agent, CSM, AGENT, GObject)

CsmAgent   *csm_agent_new                (const char *name,
                                          const char *real_name,
                                          const char *email);
const char *csm_agent_get_name           (CsmAgent   *self);
const char *csm_agent_get_real_name      (CsmAgent   *self);
const char *csm_agent_get_email          (CsmAgent   *self);
const char *csm_agent_get_display_name   (CsmAgent   *self);
gboolean    csm_agent_equal              (CsmAgent   *a,
                                          CsmAgent   *b);

G_END_DECLS
