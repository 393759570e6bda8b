/* Configuration commits: a command's edits are applied to a candidate copy of the datastore,
 * libyang validates it, every process whose module changed is sent its new configuration, and
 * only when all of them accept is the candidate committed. A refusal (or a process that is down
 * or silent) leaves the running configuration as it was, and processes that had already accepted
 * get their old configuration back. Commits run one at a time, in arrival order. */
#include "cmdmgr.h"
#include "template.h"
#include "log.h"
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

N2_MTYPE(MT_COMMIT, "config commit");

#define MAX_MODS 8

struct xedit { /* an edit with its templates expanded */
	int del;
	char xpath[1024];
	char value[512];
};

struct change {
	struct commit *c;
	char module[64], owner[32];
	char *old_json, *new_json;
	int answered, accepted;
};

struct commit {
	struct commit *next;
	struct cmdmgr *cm;
	struct job *j; /* NULL for a batch: done is called instead */
	batch_done_fn done;
	void *darg;
	int prebuilt; /* cand already holds the edits (a batch) */
	int nedits;
	struct xedit edits[MAX_EDITS];
	struct lyd_node *cand;
	int nchanges, pending;
	struct change ch[MAX_MODS];
	struct n2_buf errors;
};

static void commit_next(struct commits *q);

/* Where commit_command's templates take their values: the matched line and the session. */
struct values {
	const struct cli_match *m;
	const struct session *s;
	int in_xpath;
	char *err;
	size_t errlen;
};

static int value_of(const struct tmpl_ref *ref, const char **v, void *arg)
{
	struct values *x = arg;
	if (ref->ifname)
		*v = x->s->ifname;
	else if (ref->up >= 1 && ref->up <= CLI_MAX_TOKENS)
		*v = x->s->up[ref->up - 1];
	else if (ref->slot >= 1 && ref->slot <= CLI_MAX_TOKENS)
		*v = x->m->values[ref->slot - 1];
	else
		*v = "";
	/* a quote in the user's text would end the xpath's predicate and could name another node
	 * ({N:lit} puts the table's literal there instead) */
	if (x->in_xpath && !ref->lit && strchr(*v, '\'')) {
		snprintf(x->err, x->errlen, "%% Invalid value '%s': quotes are not allowed here",
			 *v);
		return -1;
	}
	return 1;
}

/* Expands one template; 1 when the edit applies, 0 when it names a slot the user left out, -1
 * (with err) when it cannot be made. */
static int expand(const char *tmpl, struct values *x, int in_xpath, char *out, size_t len)
{
	x->in_xpath = in_xpath;
	x->err[0] = 0;
	int rc = tmpl_expand(tmpl, value_of, x, out, len);
	if (rc < 0 && !x->err[0])
		snprintf(x->err, x->errlen, "%% Malformed template '%s'", tmpl);
	return rc;
}

static void commit_free(struct commit *c)
{
	for (int i = 0; i < c->nchanges; i++) {
		free(c->ch[i].old_json);
		free(c->ch[i].new_json);
	}
	lyd_free_all(c->cand);
	n2_buf_fini(&c->errors);
	n2_free(MT_COMMIT, c);
}

/* Gives back the old configuration to those that took the new one. */
static void give_back(struct commit *c)
{
	for (int i = 0; i < c->nchanges; i++)
		if (c->ch[i].accepted && strcmp(c->ch[i].owner, "cmdmgr"))
			owner_config(c->cm, c->ch[i].owner, c->ch[i].module, c->ch[i].old_json,
				     NULL, NULL);
}

static void finish(struct commit *c, int ok)
{
	struct cmdmgr *cm = c->cm;
	struct job *j = c->j;
	if (!j) { /* a batch */
		if (ok) {
			ds_commit(&cm->ds, c->cand);
			c->cand = NULL;
			system_apply(cm, cm->ds.running);
		} else {
			give_back(c);
		}
		c->done(ok, n2_buf_str(&c->errors), c->darg);
	} else if (ok) {
		int system_changed = 0;
		for (int i = 0; i < c->nchanges; i++)
			system_changed |= !strcmp(c->ch[i].module, "n2os-system");
		ds_commit(&cm->ds, c->cand);
		c->cand = NULL;
		if (system_changed)
			system_apply(cm, cm->ds.running);
		job_finish(j);
	} else {
		give_back(c);
		n2_buf_add(&j->out, c->errors.s, c->errors.len);
		j->ok = 0;
		job_finish(j);
	}
	commit_free(c);
	cm->commits.active = NULL;
	commit_next(&cm->commits);
}

static void on_answer(int ok, const char *error, void *arg)
{
	struct change *ch = arg;
	struct commit *c = ch->c;
	ch->answered = 1;
	ch->accepted = ok;
	if (!ok)
		n2_buf_printf(&c->errors, "%% %s\n", error);
	if (--c->pending == 0) {
		int all = 1;
		for (int i = 0; i < c->nchanges; i++)
			all &= c->ch[i].accepted;
		finish(c, all);
	}
}

static int build_candidate(struct commit *c, char *err, size_t errlen)
{
	struct ds *ds = &c->cm->ds;
	if (ds_candidate(ds, &c->cand) < 0) {
		snprintf(err, errlen, "%% Out of memory");
		return -1;
	}
	for (int i = 0; i < c->nedits; i++) {
		char why[512];
		const struct xedit *e = &c->edits[i];
		if (ds_edit(ds, &c->cand, e->del, e->xpath, e->value, why, sizeof(why)) < 0) {
			snprintf(err, errlen, "%% Invalid configuration: %s", why);
			return -1;
		}
	}
	char why[512];
	if (ds_validate(ds, &c->cand, why, sizeof(why)) < 0) {
		snprintf(err, errlen, "%% Invalid configuration: %s", why);
		return -1;
	}
	return 0;
}

static int find_changes(struct commit *c, char *err, size_t errlen)
{
	for (const char *const *mod = ds_modules(&c->cm->ds); *mod; mod++) {
		char *old = ds_module_json(c->cm->ds.running, *mod),
		     *new = ds_module_json(c->cand, *mod);
		if (!old || !new || !strcmp(old, new) || c->nchanges == MAX_MODS) {
			free(old);
			free(new);
			continue;
		}
		const char *owner = reg_module_owner(&c->cm->reg, *mod);
		if (ds_module_size_check(*mod, strlen(new), err, errlen) < 0) {
			free(old);
			free(new);
			return -1;
		}
		if (!owner) {
			snprintf(err, errlen, "%% No running process applies %s", *mod);
			free(old);
			free(new);
			return -1;
		}
		struct change *ch = &c->ch[c->nchanges++];
		snprintf(ch->module, sizeof(ch->module), "%s", *mod);
		snprintf(ch->owner, sizeof(ch->owner), "%s", owner);
		ch->c = c;
		ch->old_json = old;
		ch->new_json = new;
	}
	return 0;
}

static void start(struct commit *c)
{
	char err[1024];
	c->cm->commits.active = c;
	int built;
	if (c->prebuilt) {
		char why[900];
		if ((built = ds_validate(&c->cm->ds, &c->cand, why, sizeof(why))) < 0)
			snprintf(err, sizeof(err), "%% Invalid configuration: %s", why);
	} else {
		built = build_candidate(c, err, sizeof(err));
	}
	if (built < 0 || find_changes(c, err, sizeof(err)) < 0) {
		n2_buf_printf(&c->errors, "%s\n", err);
		finish(c, 0);
		return;
	}
	if (c->nchanges == 0) { /* nothing changes: nothing to ask */
		finish(c, 1);
		return;
	}
	c->pending = c->nchanges + 1; /* +1 so that answers arriving at once cannot finish early */
	for (int i = 0; i < c->nchanges; i++) {
		struct change *ch = &c->ch[i];
		if (!strcmp(ch->owner, "cmdmgr"))
			on_answer(1, NULL, ch);
		else if (owner_config(c->cm, ch->owner, ch->module, ch->new_json, on_answer, ch) <
			 0)
			on_answer(0, "the bus is not available", ch);
	}
	on_answer(1, NULL, &(struct change){.c = c});
}

static void commit_next(struct commits *q)
{
	if (q->active || q->batching || !q->head)
		return;
	struct commit *c = q->head;
	q->head = c->next;
	if (!q->head)
		q->tail = NULL;
	start(c);
}

void commit_command(struct job *j, const struct command *cmd, const struct cli_match *m)
{
	struct commit *c = n2_calloc(MT_COMMIT, 1, sizeof(*c));
	if (!c) {
		job_fail(j, "%% Out of memory");
		return;
	}
	struct commits *q = &j->cm->commits;
	c->cm = j->cm;
	c->j = j;
	n2_buf_init(&c->errors);
	for (int i = 0; i < cmd->nedits; i++) {
		struct xedit *x = &c->edits[c->nedits];
		char err[256];
		struct values vals = {m, j->s, 0, err, sizeof(err)};
		int rx = expand(cmd->edits[i].xpath, &vals, 1, x->xpath, sizeof(x->xpath));
		int rv = rx > 0 ? expand(cmd->edits[i].value, &vals, 0, x->value, sizeof(x->value))
				: rx;
		if (rv < 0) {
			commit_free(c);
			job_fail(j, "%s", err);
			return;
		}
		if (rv == 0) /* names a slot the user left out */
			continue;
		x->del = cmd->edits[i].del;
		c->nedits++;
	}
	if (q->batching && j->s == q->batch_session) {
		for (int i = 0; i < c->nedits; i++) {
			char err[512];
			const struct xedit *e = &c->edits[i];
			if (ds_edit(&c->cm->ds, &q->batch, e->del, e->xpath, e->value, err,
				    sizeof(err)) < 0) {
				/* earlier edits of this line stay: the whole batch is then checked
				 * again line by line if anything is wrong at the end */
				commit_free(c);
				job_fail(j, "%% Invalid configuration: %s", err);
				return;
			}
		}
		commit_free(c);
		job_finish(j);
		return;
	}
	if (q->tail)
		q->tail->next = c;
	else
		q->head = c;
	q->tail = c;
	commit_next(q);
}

void commit_batch_begin(struct cmdmgr *cm, const struct session *s)
{
	struct commits *q = &cm->commits;
	q->batching = 1;
	q->batch_session = s;
	if (ds_candidate(&cm->ds, &q->batch) < 0)
		q->batch = NULL;
}

void commit_batch_end(struct cmdmgr *cm, batch_done_fn done, void *arg)
{
	struct commits *q = &cm->commits;
	q->batching = 0;
	q->batch_session = NULL;
	struct commit *c = n2_calloc(MT_COMMIT, 1, sizeof(*c));
	if (!c) {
		lyd_free_all(q->batch);
		q->batch = NULL;
		done(0, "% Out of memory", arg);
		commit_next(q);
		return;
	}
	n2_buf_init(&c->errors);
	c->cm = cm;
	c->cand = q->batch;
	q->batch = NULL;
	c->prebuilt = 1;
	c->done = done;
	c->darg = arg;
	c->next = q->head; /* before whatever users queued meanwhile */
	if (!q->head)
		q->tail = c;
	q->head = c;
	commit_next(q);
}
