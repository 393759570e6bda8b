/* What the fuzz targets share: the check of an invariant (a failed one aborts, which libFuzzer
 * reports as a crash and saves the input for) and quiet logging. */
#ifndef N2_FUZZ_H
#define N2_FUZZ_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "log.h"

#define FUZZ_CHECK(cond)                                                                     \
	do {                                                                                 \
		if (!(cond)) {                                                               \
			fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, \
				#cond);                                                      \
			abort();                                                             \
		}                                                                            \
	} while (0)

/* Every log line is still formatted (into the ring), at level debug, so that the input reaches
 * the log calls too; it is printed only when N2OS_FUZZ_LOG is set. */
static inline void fuzz_log_init(const char *ident)
{
	n2_log_init(ident, getenv("N2OS_FUZZ_LOG") ? N2_LOG_STDERR : 0, LOG_DEBUG);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#endif
