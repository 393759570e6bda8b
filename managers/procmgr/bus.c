/* procmgr's messages on the bus: "proc.status" replies, "proc.state" events, and the
 * "ipc.client" events it learns readiness from. The only procmgr file that sees generated code. */
#include "bus.h"
#include "log.h"
#include "proc.pb-c.h"
#include "cmd.pb-c.h"
#include <stdio.h>
#include <string.h>

#include <stdlib.h>
#include <unistd.h>

static void fill(N2os__Proc__Process *m, const char *name, pid_t pid, const char *state,
		 uint64_t up_ms, unsigned restarts, const char *reason)
{
	n2os__proc__process__init(m);
	m->name = (char *)name;
	m->pid = (uint32_t)pid;
	m->state = (char *)state;
	m->uptime_ms = up_ms;
	m->restarts = restarts;
	m->reason = (char *)reason;
}

static void proc_to_msg(const struct proc *p, N2os__Proc__Process *m, uint64_t now)
{
	uint64_t up = p->pid && p->started_us ? (now - p->started_us) / 1000u : 0;
	fill(m, p->def->name, p->pid, ps_name(p->state), up, p->restarts, p->reason);
}

static uint8_t *pack_status(N2os__Proc__Status *st, size_t *len)
{
	*len = n2os__proc__status__get_packed_size(st);
	uint8_t *buf = malloc(*len ? *len : 1);
	if (buf)
		n2os__proc__status__pack(st, buf);
	return buf;
}

static void on_status(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	struct sup *s = arg;
	uint64_t now = n2_now_us();
	N2os__Proc__Process m[PT_MAX_PROCS + 1], *pm[PT_MAX_PROCS + 1];
	/* procmgr itself first, as `n2os status` lists it */
	fill(&m[0], "procmgr", getpid(), s->stopping ? "stopping" : "running",
	     (now - s->d->started_us) / 1000u, 0, "");
	pm[0] = &m[0];
	for (int i = 0; i < s->table.n; i++) {
		proc_to_msg(&s->p[i], &m[i + 1], now);
		pm[i + 1] = &m[i + 1];
	}
	N2os__Proc__Status st = N2OS__PROC__STATUS__INIT;
	st.processes = pm;
	st.n_processes = (size_t)s->table.n + 1;
	st.uptime_ms = (now - s->d->started_us) / 1000u;
	st.all_running = sup_all_running(s);
	size_t len;
	uint8_t *buf = pack_status(&st, &len);
	if (!buf) {
		n2_ipc_reply_error(ipc, req, "out of memory");
		return;
	}
	n2_ipc_reply(ipc, req, buf, len);
	free(buf);
}

void procmsg_publish_state(struct sup *s, const struct proc *p)
{
	if (!s->d->ipc || !n2_ipc_is_up(s->d->ipc))
		return;
	N2os__Proc__Process m, *pm = &m;
	proc_to_msg(p, &m, n2_now_us());
	N2os__Proc__Status st = N2OS__PROC__STATUS__INIT;
	st.processes = &pm;
	st.n_processes = 1;
	st.all_running = sup_all_running(s);
	size_t len;
	uint8_t *buf = pack_status(&st, &len);
	if (buf)
		n2_ipc_publish(s->d->ipc, "proc.state", buf, len);
	free(buf);
}

static void on_member(const struct n2_member *m, void *arg)
{
	if (m->up)
		sup_registered(arg, m->name, m->pid);
	else
		sup_unregistered(arg, m->name, m->pid);
}

/* After (re)joining the bus, ask who is there: registrations we missed while away count. */
static void on_members(const struct n2_member *members, int n, void *arg)
{
	for (int i = 0; i < n; i++)
		sup_registered(arg, members[i].name, members[i].pid);
}

void procmsg_bus_up(struct sup *s)
{
	n2_ipc_members(s->d->ipc, 2000, on_members, s);
}

static void on_ready(struct n2_ipc *ipc, const struct n2_msg *ev, void *arg)
{
	(void)ipc;
	sup_config_ready(arg, ev->src); /* src is the registered name: it cannot be forged */
}

void procmsg_init(struct sup *s)
{
	n2_ipc_subscribe(s->d->ipc, "proc.ready", on_ready, s);
	n2_ipc_handle(s->d->ipc, "proc.status", on_status, s);
	n2_ipc_watch_members(s->d->ipc, on_member, s);
}

/* Once everything runs for the first time, cmdmgr loads the startup configuration; its
 * complaints reach `n2os start` before "ready". */
static void on_startup_done(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	struct sup *s = arg;
	char line[1200];
	if (status != N2_IPC_OK) {
		snprintf(line, sizeof(line), "warning startup configuration not loaded: %s\n",
			 status == N2_IPC_EREMOTE ? rep->error : "cmdmgr did not answer");
		sup_notify_line(s, line);
	} else {
		N2os__Cmd__StartupResult *r =
			n2os__cmd__startup_result__unpack(NULL, rep->len, rep->payload);
		if (r) {
			for (size_t i = 0; i < r->n_errors; i++) {
				snprintf(line, sizeof(line), "warning %s: %s\n", r->file,
					 r->errors[i]);
				sup_notify_line(s, line);
			}
			if (r->lines) {
				snprintf(line, sizeof(line),
					 "info startup configuration %s: %u of %u lines applied\n",
					 r->file, r->applied, r->lines);
				sup_notify_line(s, line);
			}
			n2os__cmd__startup_result__free_unpacked(r, NULL);
		}
	}
	sup_ready(s);
}

void procmsg_first_up(struct sup *s)
{
	if (pt_index(&s->table, "cmdmgr") < 0 || !s->d->ipc) {
		sup_ready(s);
		return;
	}
	char *names[PT_MAX_PROCS];
	for (int i = 0; i < s->table.n; i++)
		names[i] = s->table.e[i].name;
	N2os__Cmd__StartupRequest q = N2OS__CMD__STARTUP_REQUEST__INIT;
	q.processes = names;
	q.n_processes = (size_t)s->table.n;
	size_t len = n2os__cmd__startup_request__get_packed_size(&q);
	uint8_t *buf = malloc(len + 1);
	if (!buf) {
		sup_ready(s);
		return;
	}
	n2os__cmd__startup_request__pack(&q, buf);
	/* generous: a large configuration runs line by line through every owner; `n2os start`
	 * stops counting its own timeout once told of the load */
	if (n2_ipc_request(s->d->ipc, "cmdmgr", "cmd.startup", buf, len, 600000, on_startup_done,
			   s) < 0)
		sup_ready(s);
	else
		sup_notify_line(s, "progress loading the startup configuration\n");
	free(buf);
}
