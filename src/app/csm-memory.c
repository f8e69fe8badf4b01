/* csm-memory.c: the allocator keeps the memory a frame reuses.
 *
 * With GTK's cairo renderer on X11 every frame draws into a new image as
 * large as the window (4 MB at 1280 × 800), which glibc's malloc gives back
 * to the system when it is freed: above its mmap threshold it is unmapped,
 * below it the heap's free top is trimmed once it passes twice that. The
 * next frame's image then lands on fresh pages, and the kernel's page
 * faults took up to two thirds of a frame that shows a new report (20–45
 * ms instead of 6–10, measured with perf in bench-sim). Blocks up to 16 MB
 * are therefore taken from the heap, and up to 64 MB of free memory at the
 * top of each heap (the main one and each thread's) is kept rather than
 * given back; this also ends glibc's own adjusting of these thresholds.
 * With the Reports page on 100,000 tickets the console's resident memory
 * was 406–432 MB in four runs, against 413–426 MB in two runs without
 * (bench-sim, 2026-12-07): within the runs' spread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "csm-memory.h"

/* After a C library header (glib.h's), which says whether it is glibc. */
#ifdef __GLIBC__
#include <malloc.h>
#endif

#define MMAP_THRESHOLD (16 * 1024 * 1024)
#define TRIM_THRESHOLD (64 * 1024 * 1024)

/**
 * csm_memory_prepare:
 *
 * Call first in main(), before any thread starts. Does nothing where the
 * C library is not glibc; under AddressSanitizer, whose allocator replaces
 * glibc's, the call is taken and ignored.
 */
void
csm_memory_prepare (void)
{
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, MMAP_THRESHOLD);
  mallopt (M_TRIM_THRESHOLD, TRIM_THRESHOLD);
#endif
}
