/* Logging with syslog levels (emerg..debug) to stderr and/or syslog, plus an in-memory ring of
 * recent lines that a process hands out for `show log <process>`. The level is settable at run
 * time. */
#ifndef N2_LOG_H
#define N2_LOG_H
#include <stddef.h>
#include <stdint.h>
#include <syslog.h>

enum { N2_LOG_STDERR = 1, N2_LOG_SYSLOG = 2 };

void n2_log_init(const char *ident, unsigned sinks, int level);
void n2_log_set_level(int level);
int n2_log_get_level(void);
/* "emerg".."debug" (also "error", "warn") -> LOG_*; -1 when unknown. */
int n2_log_level_parse(const char *name);
const char *n2_log_level_name(int level);

void n2_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define n2_log_emerg(...) n2_log(LOG_EMERG, __VA_ARGS__)
#define n2_log_crit(...) n2_log(LOG_CRIT, __VA_ARGS__)
#define n2_log_err(...) n2_log(LOG_ERR, __VA_ARGS__)
#define n2_log_warn(...) n2_log(LOG_WARNING, __VA_ARGS__)
#define n2_log_notice(...) n2_log(LOG_NOTICE, __VA_ARGS__)
#define n2_log_info(...) n2_log(LOG_INFO, __VA_ARGS__)
#define n2_log_debug(...) n2_log(LOG_DEBUG, __VA_ARGS__)

/* Rate limit for logs driven by outside input (bad packets, bad frames): at most `burst` lines per
 * `period_us`; the number suppressed is reported with the next line that gets through. */
struct n2_ratelimit {
	uint64_t period_us, window_start;
	unsigned burst, used, suppressed;
};
#define N2_RATELIMIT_INIT(period_ms, burst)                     \
	{                                                       \
		(uint64_t)(period_ms) * 1000u, 0, (burst), 0, 0 \
	}
void n2_log_rl(struct n2_ratelimit *rl, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Calls fn for each line in the ring, oldest first (at most the newest max lines; 0 = all). */
void n2_log_ring_foreach(size_t max, void (*fn)(const char *line, void *arg), void *arg);
size_t n2_log_ring_count(void);
#endif
