/* cmdmgr and the processes that own commands and configuration: their command tables arrive
 * (answered with their part of the running configuration), exec commands go to them and their
 * answers come back, and a module's new configuration goes to its owner to be acked or refused. */
#include "cmdmgr.h"
#include "cmd.pb-c.h"
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void owner_on_register(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	struct cmdmgr *cm = arg;
	char err[300];
	if (reg_owner_table(&cm->reg, req->src, req->payload, req->len, err, sizeof(err)) < 0) {
		n2_log_warn("command table of %s refused: %s", req->src, err);
		n2_ipc_reply_error(ipc, req, "%s", err);
		return;
	}
	reg_save(cm->regdir, req->src, req->payload, req->len);
	n2_log_info("%s registered %zu commands", req->src, reg_owner_count(&cm->reg, req->src));
	/* the replay: this process's part of the running configuration */
	N2os__Cmd__ConfigData top = N2OS__CMD__CONFIG_DATA__INIT, cd[16], *pcd[16];
	size_t n = 0;
	for (const char *const *mod = ds_modules(&cm->ds); *mod && n < 16; mod++) {
		const char *owner = reg_module_owner(&cm->reg, *mod);
		if (!owner || strcmp(owner, req->src))
			continue;
		n2os__cmd__config_data__init(&cd[n]);
		cd[n].module = (char *)*mod;
		cd[n].json = ds_module_json(cm->ds.running, *mod);
		pcd[n] = &cd[n];
		n++;
	}
	top.more = pcd;
	top.n_more = n;
	size_t len;
	uint8_t *buf = bus_pack(&top.base, &len);
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
	} else if (status == N2_IPC_EREMOTE && !bus_no_such(rep)) {
		job_fail(j, "%% %s", rep->error);
	} else {
		char why[256];
		bus_failure_text(j->cm, x->owner, status, rep, why, sizeof(why));
		job_fail(j, "%% %s", why);
	}
	bus_req_free(x);
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
	uint8_t *buf = bus_pack(&er.base, &len);
	struct exec_req *x = bus_req_alloc(sizeof(*x));
	if (!buf || !x) {
		free(buf);
		bus_req_free(x);
		job_fail(j, "%% Out of memory");
		return;
	}
	x->j = j;
	snprintf(x->owner, sizeof(x->owner), "%s", c->owner);
	if (n2_ipc_request(j->cm->ipc, c->owner, "cmd.exec", buf, len, j->cm->timeout_ms,
			   on_exec_reply, x) < 0) {
		bus_req_free(x);
		job_fail(j, "%% The bus is not available");
	}
	free(buf);
}

/* ---- configuration changes ---- */

struct config_req {
	const struct cmdmgr *cm;
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
		bus_failure_text(x->cm, x->owner, status, rep, why, sizeof(why));
	if (x->cb)
		x->cb(status == N2_IPC_OK, why, x->arg);
	bus_req_free(x);
}

int owner_config(struct cmdmgr *cm, const char *owner, const char *module, const char *json,
		 config_cb cb, void *arg)
{
	N2os__Cmd__ConfigData cd = N2OS__CMD__CONFIG_DATA__INIT;
	cd.module = (char *)module;
	cd.json = (char *)json;
	size_t len;
	uint8_t *buf = bus_pack(&cd.base, &len);
	struct config_req *x = bus_req_alloc(sizeof(*x));
	int rc = -1;
	if (buf && x) {
		x->cm = cm;
		x->cb = cb;
		x->arg = arg;
		snprintf(x->owner, sizeof(x->owner), "%s", owner);
		rc = n2_ipc_request(cm->ipc, owner, "cmd.config", buf, len, cm->timeout_ms,
				    on_config_reply, x);
	}
	if (rc < 0)
		bus_req_free(x);
	free(buf);
	return rc;
}
