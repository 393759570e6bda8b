/* The system views cmdmgr asks of other processes and formats: `show processes` (procmgr),
 * `show ipc` (ipcmgr), `show memory NAME` and `show log NAME` (any process, by name or alias). */
#include "cmdmgr.h"
#include "ipc.pb-c.h"
#include "procview.h"
#include "sys.pb-c.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum view { VIEW_PROCESSES, VIEW_IPC, VIEW_MEMORY, VIEW_LOG };

struct view_req {
	struct job *j;
	enum view what;
	int json;
	char dst[40]; /* as the user typed it: a process name or an alias ("vrrp" for vrrpd) */
};

static void format_ipc(struct job *j, const struct n2_msg *rep, int json);
static void format_memory(struct job *j, const struct n2_msg *rep, int json, const char *who);
static void format_log(struct job *j, const struct n2_msg *rep, const char *who);
static int send_view(struct view_req *v);

static void on_view(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	struct view_req *v = arg;
	struct job *j = v->j;
	if (status != N2_IPC_OK) {
		char why[256];
		bus_failure_text(j->cm, v->dst, status, rep, why, sizeof(why));
		job_fail(j, "%% %s", why);
	} else if (v->what == VIEW_PROCESSES) {
		if (n2_procview(rep->payload, rep->len, v->json, &j->out, NULL) < 0)
			job_fail(j, "%% Malformed answer from procmgr");
		else
			job_finish(j);
	} else if (v->what == VIEW_IPC) {
		format_ipc(j, rep, v->json);
	} else if (v->what == VIEW_MEMORY) {
		format_memory(j, rep, v->json, rep->src); /* the process, whatever name was used */
	} else {
		format_log(j, rep, rep->src);
	}
	bus_req_free(v);
}

static int send_view(struct view_req *v)
{
	static const char *const types[] = {[VIEW_PROCESSES] = "proc.status",
					    [VIEW_IPC] = "ipc.stats",
					    [VIEW_MEMORY] = "sys.mem.get",
					    [VIEW_LOG] = "sys.log.get"};
	return n2_ipc_request(v->j->cm->ipc, v->dst, types[v->what], NULL, 0, v->j->cm->timeout_ms,
			      on_view, v);
}

static void view(struct job *j, enum view what, const char *dst, int json)
{
	struct view_req *v = bus_req_alloc(sizeof(*v));
	if (!v) {
		job_fail(j, "%% Out of memory");
		return;
	}
	v->j = j;
	v->what = what;
	v->json = json;
	snprintf(v->dst, sizeof(v->dst), "%s", dst);
	if (send_view(v) < 0) {
		bus_req_free(v);
		job_fail(j, "%% The bus is not available");
	}
}

void show_processes(struct job *j, int json)
{
	view(j, VIEW_PROCESSES, "procmgr", json);
}

void show_ipc(struct job *j, int json)
{
	view(j, VIEW_IPC, "ipcmgr", json);
}

void show_memory(struct job *j, const char *process, int json)
{
	view(j, VIEW_MEMORY, process, json);
}

void show_log(struct job *j, const char *process)
{
	view(j, VIEW_LOG, process, 0);
}

static void format_ipc(struct job *j, const struct n2_msg *rep, int json)
{
	N2os__Ipc__Stats *st = n2os__ipc__stats__unpack(NULL, rep->len, rep->payload);
	if (!st) {
		job_fail(j, "%% Malformed answer from ipcmgr");
		return;
	}
	struct n2_buf *o = &j->out;
	if (json) {
		n2_buf_printf(o,
			      "{\"uptime_ms\":%llu,\"rejected\":{\"oversized\":%llu,"
			      "\"truncated\":%llu,\"undecodable\":%llu,\"protocol\":%llu,"
			      "\"permission\":%llu},\"no_destination\":%llu,"
			      "\"slow_disconnects\":%llu,\"clients\":[",
			      (unsigned long long)st->uptime_ms,
			      (unsigned long long)st->rejected_oversized,
			      (unsigned long long)st->rejected_truncated,
			      (unsigned long long)st->rejected_undecodable,
			      (unsigned long long)st->rejected_protocol,
			      (unsigned long long)st->rejected_permission,
			      (unsigned long long)st->no_destination,
			      (unsigned long long)st->slow_disconnects);
		for (size_t i = 0; i < st->n_clients; i++) {
			const N2os__Ipc__ClientStats *c = st->clients[i];
			n2_buf_printf(o, "%s{\"name\":", i ? "," : "");
			n2_buf_json_str(o, c->name);
			n2_buf_printf(o,
				      ",\"pid\":%u,\"msgs_in\":%llu,\"msgs_out\":%llu,"
				      "\"bytes_in\":%llu,\"bytes_out\":%llu,\"drops\":%llu,"
				      "\"queued_bytes\":%u,\"topics\":[",
				      c->pid, (unsigned long long)c->msgs_in,
				      (unsigned long long)c->msgs_out,
				      (unsigned long long)c->bytes_in,
				      (unsigned long long)c->bytes_out,
				      (unsigned long long)c->drops, c->queued_bytes);
			for (size_t k = 0; k < c->n_topics; k++) {
				n2_buf_printf(o, "%s", k ? "," : "");
				n2_buf_json_str(o, c->topics[k]);
			}
			n2_buf_printf(o, "]}");
		}
		n2_buf_printf(o, "]}\n");
	} else {
		n2_buf_printf(o, "%-18s %7s %10s %10s %12s %12s %6s %7s  %s\n", "CLIENT", "PID",
			      "MSGS IN", "MSGS OUT", "BYTES IN", "BYTES OUT", "DROPS", "QUEUED",
			      "TOPICS");
		for (size_t i = 0; i < st->n_clients; i++) {
			const N2os__Ipc__ClientStats *c = st->clients[i];
			n2_buf_printf(o, "%-18s %7u %10llu %10llu %12llu %12llu %6llu %7u  ",
				      c->name, c->pid, (unsigned long long)c->msgs_in,
				      (unsigned long long)c->msgs_out,
				      (unsigned long long)c->bytes_in,
				      (unsigned long long)c->bytes_out,
				      (unsigned long long)c->drops, c->queued_bytes);
			for (size_t k = 0; k < c->n_topics; k++)
				n2_buf_printf(o, "%s%s", k ? "," : "", c->topics[k]);
			n2_buf_printf(o, "\n");
		}
		n2_buf_printf(o,
			      "Rejected frames: %llu oversized, %llu truncated, %llu undecodable, "
			      "%llu protocol, %llu permission; %llu without destination; %llu "
			      "slow clients disconnected\n",
			      (unsigned long long)st->rejected_oversized,
			      (unsigned long long)st->rejected_truncated,
			      (unsigned long long)st->rejected_undecodable,
			      (unsigned long long)st->rejected_protocol,
			      (unsigned long long)st->rejected_permission,
			      (unsigned long long)st->no_destination,
			      (unsigned long long)st->slow_disconnects);
	}
	n2os__ipc__stats__free_unpacked(st, NULL);
	job_finish(j);
}

static void format_memory(struct job *j, const struct n2_msg *rep, int json, const char *who)
{
	N2os__Sys__MemStats *st = n2os__sys__mem_stats__unpack(NULL, rep->len, rep->payload);
	if (!st) {
		job_fail(j, "%% Malformed answer from %s", who);
		return;
	}
	struct n2_buf *o = &j->out;
	if (json) {
		n2_buf_printf(o, "{\"process\":");
		n2_buf_json_str(o, who);
		n2_buf_printf(o, ",\"total_bytes\":%llu,\"types\":[",
			      (unsigned long long)st->total_bytes);
		for (size_t i = 0; i < st->n_types; i++) {
			n2_buf_printf(o, "%s{\"name\":", i ? "," : "");
			n2_buf_json_str(o, st->types[i]->name);
			n2_buf_printf(o, ",\"count\":%llu,\"bytes\":%llu}",
				      (unsigned long long)st->types[i]->count,
				      (unsigned long long)st->types[i]->bytes);
		}
		n2_buf_printf(o, "]}\n");
	} else {
		n2_buf_printf(o, "Memory of %s (accounted allocations)\n%-32s %10s %12s\n", who,
			      "TYPE", "COUNT", "BYTES");
		for (size_t i = 0; i < st->n_types; i++)
			n2_buf_printf(o, "%-32s %10llu %12llu\n", st->types[i]->name,
				      (unsigned long long)st->types[i]->count,
				      (unsigned long long)st->types[i]->bytes);
		n2_buf_printf(o, "%-32s %10s %12llu\n", "Total", "",
			      (unsigned long long)st->total_bytes);
	}
	n2os__sys__mem_stats__free_unpacked(st, NULL);
	job_finish(j);
}

static void format_log(struct job *j, const struct n2_msg *rep, const char *who)
{
	N2os__Sys__LogLines *ll = n2os__sys__log_lines__unpack(NULL, rep->len, rep->payload);
	if (!ll) {
		job_fail(j, "%% Malformed answer from %s", who);
		return;
	}
	n2_buf_printf(&j->out, "Log of %s, level %s (%zu recent lines):\n", who, ll->level,
		      ll->n_lines);
	for (size_t i = 0; i < ll->n_lines; i++)
		n2_buf_printf(&j->out, "%s\n", ll->lines[i]);
	n2os__sys__log_lines__free_unpacked(ll, NULL);
	job_finish(j);
}
