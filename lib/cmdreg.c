/* Command registration, process side (see cmdreg.h). The only lib file that sees cmd.pb-c.h's
 * Register/Exec messages on the process side. */
#include "cmdreg.h"
#include "cmd.pb-c.h"
#include "log.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

N2_MTYPE(MT_CMDREG, "command registration");

#define REGISTER_TIMEOUT_MS 5000

struct n2_cmdreg {
	struct n2_ipc *ipc;
	const char *const *modules;
	const struct n2_cmd_def *defs;
	size_t ndefs;
	n2_cmd_apply_fn apply;
	void *arg;
	int ready, pending;
	uint8_t *table; /* the packed Register message, built once */
	size_t table_len;
};

int n2_cmdreg_pack(const char *const *modules, const struct n2_cmd_def *defs, size_t ndefs,
		   uint8_t **table, size_t *table_len)
{
	/* the table alone, without a registration around it (unit tests pack real tables) */
	struct n2_cmdreg tmp = {.modules = modules, .defs = defs, .ndefs = ndefs}, *r = &tmp;
	size_t nmod = 0;
	while (r->modules && r->modules[nmod])
		nmod++;
	N2os__Cmd__Command *cmds = calloc(r->ndefs + 1, sizeof(*cmds));
	N2os__Cmd__Command **pcmds = calloc(r->ndefs + 1, sizeof(*pcmds));
	N2os__Cmd__Edit *edits = calloc(r->ndefs * N2_CMD_MAX_EDITS + 1, sizeof(*edits));
	N2os__Cmd__Edit **pedits = calloc(r->ndefs * N2_CMD_MAX_EDITS + 1, sizeof(*pedits));
	char **helps = calloc(r->ndefs * N2_CMD_MAX_TOKENS + 1, sizeof(char *));
	char *helpbuf = NULL;
	int rc = -1;
	if (!cmds || !pcmds || !edits || !pedits || !helps)
		goto out;
	size_t total = 0;
	for (size_t i = 0; i < r->ndefs; i++)
		total += strlen(r->defs[i].help ? r->defs[i].help : "") + 1;
	if (!(helpbuf = malloc(total + 1)))
		goto out;
	size_t ne = 0, nh = 0;
	char *hp = helpbuf;
	for (size_t i = 0; i < r->ndefs; i++) {
		const struct n2_cmd_def *d = &r->defs[i];
		N2os__Cmd__Command *c = &cmds[i];
		n2os__cmd__command__init(c);
		c->node = (char *)d->node;
		c->syntax = (char *)d->syntax;
		c->exec = d->exec != NULL;
		if (d->enters)
			c->enters = (char *)d->enters;
		/* split help into lines */
		strcpy(hp, d->help ? d->help : "");
		c->help = &helps[nh];
		for (char *save, *l = strtok_r(hp, "\n", &save); l && c->n_help < N2_CMD_MAX_TOKENS;
		     l = strtok_r(NULL, "\n", &save))
			helps[nh + c->n_help++] = l;
		nh += c->n_help;
		hp += strlen(d->help ? d->help : "") + 1;
		c->edits = &pedits[ne];
		for (int k = 0; k < N2_CMD_MAX_EDITS && d->edits[k].xpath; k++) {
			N2os__Cmd__Edit *e = &edits[ne];
			n2os__cmd__edit__init(e);
			e->op = d->edits[k].del ? N2OS__CMD__EDIT__OP__DELETE
						: N2OS__CMD__EDIT__OP__SET;
			e->xpath = (char *)d->edits[k].xpath;
			e->value = (char *)(d->edits[k].value ? d->edits[k].value : "");
			pedits[ne++] = e;
			c->n_edits++;
		}
		pcmds[i] = c;
	}
	N2os__Cmd__Register reg = N2OS__CMD__REGISTER__INIT;
	reg.modules = (char **)r->modules;
	reg.n_modules = nmod;
	reg.commands = pcmds;
	reg.n_commands = r->ndefs;
	*table_len = n2os__cmd__register__get_packed_size(&reg);
	if ((*table = n2_malloc(MT_CMDREG, *table_len + 1))) {
		n2os__cmd__register__pack(&reg, *table);
		rc = 0;
	}
out:
	free(cmds);
	free(pcmds);
	free(edits);
	free(pedits);
	free(helps);
	free(helpbuf);
	return rc;
}

static int apply_one(struct n2_cmdreg *r, const N2os__Cmd__ConfigData *cd, char *err, size_t n)
{
	if (!r->apply)
		return 0;
	return r->apply(cd->module, cd->json, err, n, r->arg);
}

static void send_register(struct n2_cmdreg *r);

static void on_registered(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	struct n2_cmdreg *r = arg;
	r->pending = 0;
	if (status != N2_IPC_OK) {
		/* cmdmgr not there yet: its ipc.client event will bring us back */
		if (status == N2_IPC_EREMOTE)
			n2_log_info("cmdreg: cmdmgr refused the command table: %s", rep->error);
		return;
	}
	N2os__Cmd__ConfigData *cd = n2os__cmd__config_data__unpack(NULL, rep->len, rep->payload);
	if (!cd) {
		n2_log_err("cmdreg: malformed configuration replay from cmdmgr");
		return;
	}
	char err[256];
	for (size_t i = 0; i < cd->n_more; i++)
		if (apply_one(r, cd->more[i], err, sizeof(err)) < 0)
			n2_log_err("cmdreg: replayed configuration of %s refused: %s",
				   cd->more[i]->module, err);
	n2os__cmd__config_data__free_unpacked(cd, NULL);
	r->ready = 1;
	n2_log_info("cmdreg: %zu commands registered with cmdmgr, configuration applied", r->ndefs);
	/* procmgr counts a ready=config process as started from here */
	n2_ipc_publish(ipc, "proc.ready", NULL, 0);
}

static void send_register(struct n2_cmdreg *r)
{
	if (r->pending || !n2_ipc_is_up(r->ipc))
		return;
	r->ready = 0;
	if (n2_ipc_request(r->ipc, "cmdmgr", "cmd.register", r->table, r->table_len,
			   REGISTER_TIMEOUT_MS, on_registered, r) == 0)
		r->pending = 1;
}

static void on_member(const struct n2_member *m, void *arg)
{
	if (m->up && !strcmp(m->name, "cmdmgr"))
		send_register(arg);
}

static void on_bus(struct n2_ipc *ipc, int up, void *arg)
{
	(void)ipc;
	struct n2_cmdreg *r = arg;
	if (up)
		send_register(r);
	else
		r->pending = r->ready = 0;
}

/* cmdmgr asks before loading the startup configuration. Our table is already on its way (or
 * accepted) when this reply arrives: both travel the same connection, in order. */
static void on_sync(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	struct n2_cmdreg *r = arg;
	if (!r->ready)
		send_register(r);
	n2_ipc_reply(ipc, req, NULL, 0);
}

static void on_config(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	struct n2_cmdreg *r = arg;
	N2os__Cmd__ConfigData *cd = n2os__cmd__config_data__unpack(NULL, req->len, req->payload);
	if (!cd) {
		n2_ipc_reply_error(ipc, req, "malformed cmd.config");
		return;
	}
	char err[512] = "";
	if (apply_one(r, cd, err, sizeof(err)) < 0)
		n2_ipc_reply_error(ipc, req, "%s", err[0] ? err : "refused");
	else
		n2_ipc_reply(ipc, req, NULL, 0);
	n2os__cmd__config_data__free_unpacked(cd, NULL);
}

static int ends_with_json(const char *syntax)
{
	size_t n = strlen(syntax);
	return n >= 6 && !strcmp(syntax + n - 6, "[json]");
}

static void on_exec(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	struct n2_cmdreg *r = arg;
	N2os__Cmd__ExecRequest *x = n2os__cmd__exec_request__unpack(NULL, req->len, req->payload);
	if (!x) {
		n2_ipc_reply_error(ipc, req, "malformed cmd.exec");
		return;
	}
	const struct n2_cmd_def *d = NULL;
	for (size_t i = 0; i < r->ndefs && !d; i++)
		if (r->defs[i].exec && !strcmp(r->defs[i].syntax, x->syntax))
			d = &r->defs[i];
	if (!d || x->n_tokens > N2_CMD_MAX_TOKENS) {
		n2_ipc_reply_error(ipc, req, "unknown command '%s'", x->syntax);
		n2os__cmd__exec_request__free_unpacked(x, NULL);
		return;
	}
	struct n2_cmd_args a = {
		.syntax = x->syntax, .line = x->line, .ntokens = x->n_tokens, .ifname = ""};
	for (size_t i = 0; i < x->n_tokens; i++)
		a.tokens[i] = x->tokens[i];
	for (size_t i = 0; i < x->n_vars; i++)
		if (!strcmp(x->vars[i]->key, "ifname"))
			a.ifname = x->vars[i]->value;
	a.json = ends_with_json(d->syntax) && x->n_tokens &&
		 !strcmp(x->tokens[x->n_tokens - 1], "json");
	struct n2_buf out;
	n2_buf_init(&out);
	int rc = d->exec(&a, &out, r->arg);
	if (rc < 0) {
		n2_ipc_reply_error(ipc, req, "%s", n2_buf_str(&out));
	} else {
		N2os__Cmd__ExecReply er = N2OS__CMD__EXEC_REPLY__INIT;
		er.text = (char *)n2_buf_str(&out);
		size_t len = n2os__cmd__exec_reply__get_packed_size(&er);
		uint8_t *buf = malloc(len + 1);
		if (buf) {
			n2os__cmd__exec_reply__pack(&er, buf);
			n2_ipc_reply(ipc, req, buf, len);
			free(buf);
		}
	}
	n2_buf_fini(&out);
	n2os__cmd__exec_request__free_unpacked(x, NULL);
}

struct n2_cmdreg *n2_cmdreg_new(struct n2_ipc *ipc, const char *const *modules,
				const struct n2_cmd_def *defs, size_t ndefs, n2_cmd_apply_fn apply,
				void *arg)
{
	struct n2_cmdreg *r = n2_calloc(MT_CMDREG, 1, sizeof(*r));
	if (!r)
		return NULL;
	r->ipc = ipc;
	r->modules = modules;
	r->defs = defs;
	r->ndefs = ndefs;
	r->apply = apply;
	r->arg = arg;
	if (n2_cmdreg_pack(modules, defs, ndefs, &r->table, &r->table_len) < 0) {
		n2_free(MT_CMDREG, r);
		return NULL;
	}
	n2_ipc_handle(ipc, "cmd.config", on_config, r);
	n2_ipc_handle(ipc, "cmd.exec", on_exec, r);
	n2_ipc_handle(ipc, "cmd.sync", on_sync, r);
	n2_ipc_watch_members(ipc, on_member, r);
	n2_ipc_add_state_cb(ipc, on_bus, r);
	send_register(r);
	return r;
}

void n2_cmdreg_free(struct n2_cmdreg *r)
{
	if (!r)
		return;
	n2_free(MT_CMDREG, r->table);
	n2_free(MT_CMDREG, r);
}

int n2_cmdreg_ready(const struct n2_cmdreg *r)
{
	return r->ready;
}

void n2_cmdreg_pack_free(uint8_t *table)
{
	n2_free(MT_CMDREG, table);
}
