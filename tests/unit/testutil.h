/* Helpers shared by the unit tests. Waiting is always done by driving the n2 event loop until a
 * condition holds, with an n2 timer as the deadline: never sleep(), so a test takes as long as the
 * code under test needs and fails (instead of hanging) when the condition never comes true. */
#ifndef N2_TESTUTIL_H
#define N2_TESTUTIL_H
#include <stdint.h>
#include <stdlib.h>
#include "log.h"
#include "loop.h"

static inline void tu_flag_set(struct n2_loop *loop, void *arg)
{
	(void)loop;
	*(int *)arg = 1;
}

/* Runs `loop` until `cond` is true or `ms` milliseconds have passed; evaluates to 1 when cond
 * held at the end, else 0. cond is re-evaluated after every loop iteration. */
#define TU_RUN_UNTIL(loop, cond, ms)                                                   \
	__extension__({                                                                \
		int tu_expired_ = 0;                                                   \
		struct n2_timer *tu_deadline_ = NULL;                                  \
		n2_timer_add((loop), &tu_deadline_, (uint64_t)(ms)*1000u, tu_flag_set, \
			     &tu_expired_);                                            \
		while (!(cond) && !tu_expired_)                                        \
			if (n2_loop_once((loop), -1) < 0)                              \
				break;                                                 \
		n2_timer_cancel(&tu_deadline_);                                        \
		(cond) ? 1 : 0;                                                        \
	})

/* Library logs go to stderr at "crit" unless N2OS_TEST_LOG names a level (e.g. debug): the tests
 * provoke warnings on purpose, and they would only hide real failures in the output. */
static inline void tu_log_init(const char *ident)
{
	const char *lv = getenv("N2OS_TEST_LOG");
	int level = lv ? n2_log_level_parse(lv) : LOG_CRIT;
	n2_log_init(ident, N2_LOG_STDERR, level < 0 ? LOG_CRIT : level);
}
#endif
