/* fake-rt.h: one RT 5 ticket behind the test server, whose writes can fail, stall or vanish on cue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-test-server.h"

G_BEGIN_DECLS

typedef enum
{
  FAKE_RT_NORMAL,
  FAKE_RT_OFFLINE,            /* every request: the connection is dropped */
  FAKE_RT_HOLD_BEFORE_APPLY,  /* a PUT is held unanswered and never applied */
  FAKE_RT_HOLD_AFTER_APPLY,   /* a PUT is applied, then its answer held forever */
} FakeRtMode;

typedef struct _FakeRt FakeRt;

/* Serves ticket 1 (owner Nobody, status new) on @server's /REST/2.0/tickets
 * and /REST/2.0/ticket/1, answering writes as RT 5 does: 200 with messages. */
FakeRt     *fake_rt_new             (CsmTestServer *server);
void        fake_rt_free            (FakeRt        *rt);
void        fake_rt_set_mode        (FakeRt        *rt,
                                     FakeRtMode     mode);
/* The next @n PUTs answer @status (503, 429…) with @retry_after (0: none). */
void        fake_rt_fail_puts       (FakeRt        *rt,
                                     guint          n,
                                     guint          status,
                                     guint          retry_after);
/* Every PUT is answered 200 with this message list (JSON), nothing applied. */
void        fake_rt_refuse_puts     (FakeRt        *rt,
                                     const char    *messages_json);
char       *fake_rt_dup_owner       (FakeRt        *rt);
guint       fake_rt_get_changes     (FakeRt        *rt);  /* owner/status changes made */
guint       fake_rt_get_puts        (FakeRt        *rt);  /* PUT requests received */
guint       fake_rt_get_gets        (FakeRt        *rt);  /* ticket searches received */
gboolean    fake_rt_wait            (FakeRt        *rt,
                                     guint          puts,
                                     guint          changes,
                                     guint          timeout_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeRt, fake_rt_free)

G_END_DECLS
