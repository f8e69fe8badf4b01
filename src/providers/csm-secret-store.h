/* csm-secret-store.h: helpdesk tokens and passwords in the keyring, and nowhere else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "csm-account.h"

G_BEGIN_DECLS

void        csm_secret_store_save_async        (CsmAccount          *account,
                                                const char          *secret,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean    csm_secret_store_save_finish       (GAsyncResult        *result,
                                                GError             **error);
void        csm_secret_store_lookup_async      (CsmAccount          *account,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
char       *csm_secret_store_lookup_finish     (GAsyncResult        *result,
                                                GError             **error);
void        csm_secret_store_delete_async      (CsmAccount          *account,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean    csm_secret_store_delete_finish     (GAsyncResult        *result,
                                                GError             **error);
void        csm_secret_store_find_async        (const char          *provider,
                                                const char          *base_url,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
CsmAccount *csm_secret_store_find_finish       (GAsyncResult        *result,
                                                char               **out_secret,
                                                GError             **error);

G_END_DECLS
