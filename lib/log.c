/* Logging: levels, sinks (stderr, syslog) and the in-memory ring of recent lines. */
#include "log.h"
#include "loop.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define RING_LINES 512
#define LINE_MAX_LEN 240

static const char *const level_names[] = {"emerg",   "alert",  "crit", "err",
					  "warning", "notice", "info", "debug"};
static struct {
	char ident[32];
	unsigned sinks;
	int level;
	char ring[RING_LINES][LINE_MAX_LEN];
	size_t head, count;
} lg = {"n2os", N2_LOG_STDERR, LOG_INFO, {{0}}, 0, 0};

void n2_log_init(const char *ident, unsigned sinks, int level)
{
	snprintf(lg.ident, sizeof(lg.ident), "%s", ident);
	lg.sinks = sinks;
	n2_log_set_level(level);
	if (sinks & N2_LOG_SYSLOG)
		openlog(lg.ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void n2_log_set_level(int level)
{
	if (level >= LOG_EMERG && level <= LOG_DEBUG)
		lg.level = level;
}

int n2_log_get_level(void)
{
	return lg.level;
}

int n2_log_level_parse(const char *name)
{
	for (int i = 0; i <= LOG_DEBUG; i++)
		if (!strcasecmp(name, level_names[i]))
			return i;
	if (!strcasecmp(name, "error"))
		return LOG_ERR;
	if (!strcasecmp(name, "warn"))
		return LOG_WARNING;
	return -1;
}

const char *n2_log_level_name(int level)
{
	return level >= 0 && level <= LOG_DEBUG ? level_names[level] : "?";
}

static void vlog(int level, const char *fmt, va_list ap)
{
	char msg[LINE_MAX_LEN - 40], stamp[32];
	vsnprintf(msg, sizeof(msg), fmt, ap);

	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	localtime_r(&ts.tv_sec, &tm);
	size_t n = strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(stamp + n, sizeof(stamp) - n, ".%03ld", ts.tv_nsec / 1000000);
	snprintf(lg.ring[lg.head], LINE_MAX_LEN, "%s %-7s %s", stamp, n2_log_level_name(level),
		 msg);
	lg.head = (lg.head + 1) % RING_LINES;
	if (lg.count < RING_LINES)
		lg.count++;

	if (lg.sinks & N2_LOG_STDERR)
		fprintf(stderr, "%s %s[%d] %s: %s\n", stamp, lg.ident, (int)getpid(),
			n2_log_level_name(level), msg);
	if (lg.sinks & N2_LOG_SYSLOG)
		syslog(level, "%s", msg);
}

void n2_log(int level, const char *fmt, ...)
{
	if (level > lg.level)
		return;
	va_list ap;
	va_start(ap, fmt);
	vlog(level, fmt, ap);
	va_end(ap);
}

void n2_log_rl(struct n2_ratelimit *rl, int level, const char *fmt, ...)
{
	if (level > lg.level)
		return;
	uint64_t now = n2_now_us();
	if (now - rl->window_start >= rl->period_us) {
		rl->window_start = now;
		rl->used = 0;
	}
	if (rl->used >= rl->burst) {
		rl->suppressed++;
		return;
	}
	rl->used++;
	if (rl->suppressed) {
		n2_log(level, "(%u similar messages suppressed)", rl->suppressed);
		rl->suppressed = 0;
	}
	va_list ap;
	va_start(ap, fmt);
	vlog(level, fmt, ap);
	va_end(ap);
}

void n2_log_ring_foreach(size_t max, void (*fn)(const char *line, void *arg), void *arg)
{
	size_t n = lg.count;
	if (max && max < n)
		n = max;
	size_t start = (lg.head + RING_LINES - n) % RING_LINES;
	for (size_t i = 0; i < n; i++)
		fn(lg.ring[(start + i) % RING_LINES], arg);
}

size_t n2_log_ring_count(void)
{
	return lg.count;
}
