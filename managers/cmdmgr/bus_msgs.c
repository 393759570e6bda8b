/* cmdmgr on the bus: command tables arriving from the processes (answered with their
 * configuration), the startup request from procmgr, exec commands and configuration changes sent
 * to their owners, and the system views asked of procmgr, ipcmgr and any process. */
#include "cmdmgr.h"
#include "cmd.pb-c.h"
#include "ipc.pb-c.h"
#include "log.h"
#include "mem.h"
#include "procview.h"
#include "sys.pb-c.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

N2_MTYPE(MT_BUSREQ, "cmdmgr bus request");

static int no_such(const struct n2_msg *rep)
{
	return rep && strstr(rep->error, "no such destination");
}

/* The reason a request failed, as the CLI says it. */
static void failure_text(const char *dst, int status, const struct n2_msg *rep, char *out,
			 size_t len)
{
	if (status == N2_IPC_EREMOTE && no_such(rep))
		snprintf(out, len, "%s is not running", dst);
	else if (status == N2_IPC_EREMOTE)
		snprintf(out, len, "%s: %s", dst, rep->error);
	else if (status == N2_IPC_ETIMEOUT)
		snprintf(out, len, "%s did not answer within %u ms", dst, cm.timeout_ms);
	else
		snprintf(out, len, "the bus is not available");
}

static uint8_t *pack(const ProtobufCMessage *m, size_t *len)
{
	*len = protobuf_c_message_get_packed_size(m);
	uint8_t *buf = malloc(*len + 1);
	if (buf)
		protobuf_c_message_pack(m, buf);
	return buf;
}

/* ---- command tables from the processes ---- */

static void on_register(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	(void)arg;
	char err[300];
	if (reg_owner_table(req->src, req->payload, req->len, err, sizeof(err)) < 0) {
		n2_log_warn("command table of %s refused: %s", req->src, err);
		n2_ipc_reply_error(ipc, req, "%s", err);
		return;
	}
	reg_save(cm.regdir, req->src, req->payload, req->len);
	n2_log_info("%s registered %zu commands", req->src, reg_owner_count(req->src));
	/* the replay: this process's part of the running configuration */
	N2os__Cmd__ConfigData top = N2OS__CMD__CONFIG_DATA__INIT, cd[16], *pcd[16];
	size_t n = 0;
	for (const char *const *mod = ds_modules(&cm.ds); *mod && n < 16; mod++) {
		const char *owner = reg_module_owner(*mod);
		if (!owner || strcmp(owner, req->src))
			continue;
		n2os__cmd__config_data__init(&cd[n]);
		cd[n].module = (char *)*mod;
		cd[n].json = ds_module_json(cm.ds.running, *mod);
		pcd[n] = &cd[n];
		n++;
	}
	top.more = pcd;
	top.n_more = n;
	size_t len;
	uint8_t *buf = pack(&top.base, &len);
	if (buf)
		n2_ipc_reply(ipc, req, buf, len);
	else
		n2_ipc_reply_error(ipc, req, "out of memory");
	free(buf);
	for (size_t i = 0; i < n; i++)
		free(cd[i].json);
}

/* ---- exec commands ---- */

struct exec_req {
	struct job *j;
	char owner[32];
};

static void on_exec_reply(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	struct exec_req *x = arg;
	struct job *j = x->j;
	if (status == N2_IPC_OK) {
		N2os__Cmd__ExecReply *r =
			n2os__cmd__exec_reply__unpack(NULL, rep->len, rep->payload);
		if (r) {
			n2_buf_printf(&j->out, "%s", r->text);
			n2os__cmd__exec_reply__free_unpacked(r, NULL);
			job_finish(j);
		} else {
			job_fail(j, "%% Malformed answer from %s", x->owner);
		}
	} else if (status == N2_IPC_EREMOTE && !no_such(rep)) {
		job_fail(j, "%% %s", rep->error);
	} else {
		char why[256];
		failure_text(x->owner, status, rep, why, sizeof(why));
		job_fail(j, "%% %s", why);
	}
	n2_free(MT_BUSREQ, x);
}

void owner_exec(struct job *j, const struct command *c, const struct cli_match *m)
{
	N2os__Cmd__ExecRequest er = N2OS__CMD__EXEC_REQUEST__INIT;
	char *tokens[CLI_MAX_TOKENS];
	for (int i = 0; i < c->cli.syn.nslots; i++)
		tokens[i] = (char *)m->values[i];
	er.syntax = (char *)c->cli.syntax;
	er.line = j->line;
	er.tokens = tokens;
	er.n_tokens = (size_t)c->cli.syn.nslots;
	N2os__Cmd__ExecRequest__VarsEntry var = N2OS__CMD__EXEC_REQUEST__VARS_ENTRY__INIT,
					  *pv = &var;
	if (j->s && j->s->ifname[0]) {
		var.key = "ifname";
		var.value = j->s->ifname;
		er.vars = &pv;
		er.n_vars = 1;
	}
	size_t len;
	uint8_t *buf = pack(&er.base, &len);
	struct exec_req *x = n2_calloc(MT_BUSREQ, 1, sizeof(*x));
	if (!buf || !x) {
		free(buf);
		n2_free(MT_BUSREQ, x);
		job_fail(j, "%% Out of memory");
		return;
	}
	x->j = j;
	snprintf(x->owner, sizeof(x->owner), "%s", c->owner);
	if (n2_ipc_request(cm.d->ipc, c->owner, "cmd.exec", buf, len, cm.timeout_ms, on_exec_reply,
			   x) < 0) {
		n2_free(MT_BUSREQ, x);
		job_fail(j, "%% The bus is not available");
	}
	free(buf);
}

/* ---- configuration changes ---- */

struct config_req {
	config_cb cb;
	void *arg;
	char owner[32];
};

static void on_config_reply(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	struct config_req *x = arg;
	char why[512] = "";
	if (status != N2_IPC_OK)
		failure_text(x->owner, status, rep, why, sizeof(why));
	if (x->cb)
		x->cb(status == N2_IPC_OK, why, x->arg);
	n2_free(MT_BUSREQ, x);
}

int owner_config(const char *owner, const char *module, const char *json, config_cb cb, void *arg)
{
	N2os__Cmd__ConfigData cd = N2OS__CMD__CONFIG_DATA__INIT;
	cd.module = (char *)module;
	cd.json = (char *)json;
	size_t len;
	uint8_t *buf = pack(&cd.base, &len);
	struct config_req *x = n2_calloc(MT_BUSREQ, 1, sizeof(*x));
	int rc = -1;
	if (buf && x) {
		x->cb = cb;
		x->arg = arg;
		snprintf(x->owner, sizeof(x->owner), "%s", owner);
		rc = n2_ipc_request(cm.d->ipc, owner, "cmd.config", buf, len, cm.timeout_ms,
				    on_config_reply, x);
	}
	if (rc < 0)
		n2_free(MT_BUSREQ, x);
	free(buf);
	return rc;
}

/* ---- views of other processes ---- */

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
		failure_text(v->dst, status, rep, why, sizeof(why));
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
	n2_free(MT_BUSREQ, v);
}

static int send_view(struct view_req *v)
{
	static const char *const types[] = {[VIEW_PROCESSES] = "proc.status",
					    [VIEW_IPC] = "ipc.stats",
					    [VIEW_MEMORY] = "sys.mem.get",
					    [VIEW_LOG] = "sys.log.get"};
	return n2_ipc_request(cm.d->ipc, v->dst, types[v->what], NULL, 0, cm.timeout_ms, on_view,
			      v);
}

static void view(struct job *j, enum view what, const char *dst, int json)
{
	struct view_req *v = n2_calloc(MT_BUSREQ, 1, sizeof(*v));
	if (!v) {
		job_fail(j, "%% Out of memory");
		return;
	}
	v->j = j;
	v->what = what;
	v->json = json;
	snprintf(v->dst, sizeof(v->dst), "%s", dst);
	if (send_view(v) < 0) {
		n2_free(MT_BUSREQ, v);
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

/* ---- log levels from the configuration ---- */

struct level_req {
	char dst[40], level[16];
};

static void on_level(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg);

static int send_level(struct level_req *l)
{
	N2os__Sys__LogSet ls = N2OS__SYS__LOG_SET__INIT;
	ls.level = l->level;
	size_t len;
	uint8_t *buf = pack(&ls.base, &len);
	int rc = buf ? n2_ipc_request(cm.d->ipc, l->dst, "sys.log.set", buf, len, cm.timeout_ms,
				      on_level, l)
		     : -1;
	free(buf);
	return rc;
}

static void on_level(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	struct level_req *l = arg;
	if (status != N2_IPC_OK)
		n2_log_info("log level %s for %s not applied now (%s); it will be when it starts",
			    l->level, l->dst, rep ? rep->error : "no answer");
	n2_free(MT_BUSREQ, l);
}

void set_log_level(const char *process, const char *level)
{
	if (!strcmp(process, "cmdmgr")) {
		n2_log_set_level(n2_log_level_parse(level));
		return;
	}
	struct level_req *l = n2_calloc(MT_BUSREQ, 1, sizeof(*l));
	if (!l)
		return;
	snprintf(l->dst, sizeof(l->dst), "%s", process);
	snprintf(l->level, sizeof(l->level), "%s", level);
	if (send_level(l) < 0)
		n2_free(MT_BUSREQ, l);
}

/* A process (re)joined the bus: give it its configured log level again. */
static void on_client(struct n2_ipc *ipc, const struct n2_msg *ev, void *arg)
{
	(void)ipc, (void)arg;
	N2os__Ipc__ClientEvent *ce = n2os__ipc__client_event__unpack(NULL, ev->len, ev->payload);
	if (!ce)
		return;
	if (ce->up && cm.ds.running) {
		char xpath[200];
		struct lyd_node *n = NULL;
		/* configured under the process name or one of the names it registered (vrrp) */
		for (size_t i = 0; i <= ce->n_aliases && !n; i++) {
			snprintf(xpath, sizeof(xpath),
				 "/n2os-system:system/logging/process[name='%s']/level",
				 i ? ce->aliases[i - 1] : ce->name);
			lyd_find_path(cm.ds.running, xpath, 0, &n);
		}
		if (n)
			set_log_level(ce->name, lyd_get_value(n));
	}
	n2os__ipc__client_event__free_unpacked(ce, NULL);
}

/* ---- start-up: procmgr asks once everything is up ---- */

struct startup_req {
	char src[64]; /* who asked (procmgr), to answer later */
	uint32_t seq;
	unsigned pending;
};

static void reply_startup(const struct startup_report *r, void *arg)
{
	struct startup_req *s = arg;
	N2os__Cmd__StartupResult res = N2OS__CMD__STARTUP_RESULT__INIT;
	res.lines = r->lines;
	res.applied = r->applied;
	res.errors = r->errors;
	res.n_errors = r->nerrors;
	res.file = cm.startup;
	size_t len;
	uint8_t *buf = pack(&res.base, &len);
	struct n2_msg req = {
		.kind = N2_MSG_REQUEST, .src = s->src, .type = "cmd.startup", .seq = s->seq};
	if (buf)
		n2_ipc_reply(cm.d->ipc, &req, buf, len);
	free(buf);
	n2_free(MT_BUSREQ, s);
}

static void on_synced(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc, (void)status, (void)rep;
	struct startup_req *s = arg;
	if (--s->pending == 0)
		startup_load(reply_startup, s);
}

static void on_startup(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	(void)arg;
	N2os__Cmd__StartupRequest *sr =
		n2os__cmd__startup_request__unpack(NULL, req->len, req->payload);
	struct startup_req *s = n2_calloc(MT_BUSREQ, 1, sizeof(*s));
	if (!sr || !s) {
		n2_free(MT_BUSREQ, s);
		if (sr)
			n2os__cmd__startup_request__free_unpacked(sr, NULL);
		n2_ipc_reply_error(ipc, req, "malformed cmd.startup");
		return;
	}
	s->seq = req->seq;
	snprintf(s->src, sizeof(s->src), "%s", req->src);
	s->pending = 1;
	/* every process answers cmd.sync after its command table: then all tables are here */
	for (size_t i = 0; i < sr->n_processes; i++)
		if (strcmp(sr->processes[i], "cmdmgr") &&
		    n2_ipc_request(ipc, sr->processes[i], "cmd.sync", NULL, 0, cm.timeout_ms,
				   on_synced, s) == 0)
			s->pending++;
	n2os__cmd__startup_request__free_unpacked(sr, NULL);
	on_synced(ipc, 0, NULL, s);
}

void bus_msgs_init(void)
{
	n2_ipc_handle(cm.d->ipc, "cmd.register", on_register, NULL);
	n2_ipc_handle(cm.d->ipc, "cmd.startup", on_startup, NULL);
	n2_ipc_subscribe(cm.d->ipc, "ipc.client", on_client, NULL);
}
