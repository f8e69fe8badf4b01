/* csm-leak-check.c: keeping GLib's idle worker threads alive in sanitizer builds.
 *
 * LeakSanitizer checks for leaks when the process exits: it stops every
 * thread and reads its stack and thread-local storage. A thread that is
 * exiting at that moment can crash its tracer ("Tracer caught signal 11",
 * google/sanitizers#1353), and the run ends in a fatal error that says
 * nothing about the program. GLib's thread pools end idle workers on timers
 * (15 s without work, or at once beyond two unused ones), so in a process
 * that resolved a host name or ran a GTask in a thread a few seconds before
 * it ends, a worker may be exiting just then.
 *
 * In a build with AddressSanitizer, idle workers are therefore kept: they
 * wait for work without a timer, so GLib's pools do not end threads on
 * their own. Other builds keep GLib's defaults. (The crash CI kept meeting
 * had another cause, LLVM 14 misreading dynamic TLS blocks, which .ci/run
 * turns off; see there.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-leak-check.h"

#if defined(__SANITIZE_ADDRESS__)
#define CSM_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CSM_ADDRESS_SANITIZER 1
#endif
#endif

/**
 * csm_leak_check_prepare:
 *
 * Call first in main(). With AddressSanitizer, keeps idle worker threads
 * waiting without a timeout; otherwise does nothing.
 *
 * Returns: whether this build has AddressSanitizer (and the workers are kept)
 */
gboolean
csm_leak_check_prepare (void)
{
#ifdef CSM_ADDRESS_SANITIZER
  g_thread_pool_set_max_idle_time (0);
  g_thread_pool_set_max_unused_threads (-1);
  return TRUE;
#else
  return FALSE;
#endif
}
