/* csm-rt-provider-private.h: what the RT provider's files share: the object, and paged fetches.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "csm-http-client.h"
#include "csm-rt-parse.h"
#include "csm-rt-provider.h"

G_BEGIN_DECLS

struct _CsmRtProvider
{
  CsmProvider parent_instance;

  CsmHttpClient *http;   /* (owned) */

  /* max-in-flight holds for the provider as a whole: a full sync runs its
   * ticket and transaction fetches side by side and they share the slots. */
  guint in_flight;
  GQueue waiting;        /* of GTask (owned): paged fetches wanting a slot */
};

/* csm-rt-paging.c: a fetch is created, given its paths, then run, which
 * takes the task's creation reference; _finish is called from @callback. */
GTask    *_csm_rt_paged_fetch_new      (CsmRtProvider        *self,
                                        CsmRtItemKind         kind,
                                        CsmPageFunc           page_func,
                                        gpointer              page_data,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data,
                                        gpointer              source_tag);
void      _csm_rt_paged_fetch_add_path (GTask                *task,
                                        const char           *path);
void      _csm_rt_paged_fetch_run      (GTask                *task);
gboolean  _csm_rt_paged_fetch_finish   (GAsyncResult         *result,
                                        CsmFetchResult       *out_result,
                                        GError              **error);
void      _csm_rt_collect_all          (CsmRtProvider        *self,
                                        GTask                *task,
                                        GPtrArray            *paths,
                                        CsmRtItemKind         kind,
                                        gboolean              skip_missing);

G_END_DECLS
