/* Process status views (see procview.h). */
#include "procview.h"
#include "emit.h"
#include "proc.pb-c.h"
#include <stdio.h>

static void fmt_uptime(uint64_t ms, char *buf, size_t len)
{
	unsigned long long s = ms / 1000u;
	if (s >= 86400u)
		snprintf(buf, len, "%llud%02llu:%02llu:%02llu", s / 86400u, s / 3600u % 24u,
			 s / 60u % 60u, s % 60u);
	else
		snprintf(buf, len, "%02llu:%02llu:%02llu", s / 3600u, s / 60u % 60u, s % 60u);
}

/* The table's columns follow the JSON order (name, pid, state, uptime, restarts, reason); a
 * process that is not running shows "-" for its pid and uptime in text. */
static void describe(struct emit *e, const N2os__Proc__Status *st)
{
	emit(e, "{b:all_running}{e:uptime_ms/%llu}", st->all_running,
	     (unsigned long long)st->uptime_ms);
	emit_text(e, "%-10s %-8s %-11s %-10s %-8s %s\n", "NAME", "PID", "STATE", "UPTIME",
		  "RESTARTS", "LAST EVENT");
	emit_open_list(e, "processes");
	for (size_t i = 0; i < st->n_processes; i++) {
		const N2os__Proc__Process *p = st->processes[i];
		char up[32] = "-", pid[16] = "-";
		if (p->pid) {
			fmt_uptime(p->uptime_ms, up, sizeof(up));
			snprintf(pid, sizeof(pid), "%u", p->pid);
		}
		emit_open_instance(e);
		emit(e,
		     "{:name/%-10s} {L:/%-8s}{e:pid/%u} {:state/%-11s} "
		     "{L:/%-10s}{e:uptime_ms/%llu} "
		     "{:restarts/%-8u} {:reason/%s}\n",
		     p->name, pid, p->pid, p->state, up, (unsigned long long)p->uptime_ms,
		     p->restarts, p->reason);
		emit_close_instance(e);
	}
	emit_close_list(e);
}

int n2_procview(const uint8_t *buf, size_t len, int json, struct n2_buf *out, int *all_running)
{
	N2os__Proc__Status *st = n2os__proc__status__unpack(NULL, len, buf);
	if (!st)
		return -1;
	struct emit e;
	emit_init(&e, out, json);
	describe(&e, st);
	emit_finish(&e);
	if (all_running)
		*all_running = st->all_running;
	n2os__proc__status__free_unpacked(st, NULL);
	return 0;
}
