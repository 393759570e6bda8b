/* Process status views (see procview.h). */
#include "procview.h"
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

static void as_json(const N2os__Proc__Status *st, struct n2_buf *out)
{
	n2_buf_printf(out, "{\"all_running\":%s,\"uptime_ms\":%llu,\"processes\":[",
		      st->all_running ? "true" : "false", (unsigned long long)st->uptime_ms);
	for (size_t i = 0; i < st->n_processes; i++) {
		const N2os__Proc__Process *p = st->processes[i];
		n2_buf_printf(out, "%s{\"name\":", i ? "," : "");
		n2_buf_json_str(out, p->name);
		n2_buf_printf(out, ",\"pid\":%u,\"state\":", p->pid);
		n2_buf_json_str(out, p->state);
		n2_buf_printf(out, ",\"uptime_ms\":%llu,\"restarts\":%u,\"reason\":",
			      (unsigned long long)p->uptime_ms, p->restarts);
		n2_buf_json_str(out, p->reason);
		n2_buf_printf(out, "}");
	}
	n2_buf_printf(out, "]}\n");
}

static void as_table(const N2os__Proc__Status *st, struct n2_buf *out)
{
	n2_buf_printf(out, "%-10s %-8s %-11s %-10s %-8s %s\n", "NAME", "PID", "STATE", "UPTIME",
		      "RESTARTS", "LAST EVENT");
	for (size_t i = 0; i < st->n_processes; i++) {
		const N2os__Proc__Process *p = st->processes[i];
		char up[32] = "-", pid[16] = "-";
		if (p->pid) {
			fmt_uptime(p->uptime_ms, up, sizeof(up));
			snprintf(pid, sizeof(pid), "%u", p->pid);
		}
		n2_buf_printf(out, "%-10s %-8s %-11s %-10s %-8u %s\n", p->name, pid, p->state, up,
			      p->restarts, p->reason);
	}
}

int n2_procview(const uint8_t *buf, size_t len, int json, struct n2_buf *out, int *all_running)
{
	N2os__Proc__Status *st = n2os__proc__status__unpack(NULL, len, buf);
	if (!st)
		return -1;
	if (json)
		as_json(st, out);
	else
		as_table(st, out);
	if (all_running)
		*all_running = st->all_running;
	n2os__proc__status__free_unpacked(st, NULL);
	return 0;
}
