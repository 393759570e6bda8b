/* Loading the startup configuration (CONFDIR/n2os.conf, the text `write memory` saves): each
 * line runs in an internal privileged session that starts in the config node, one after the
 * other; a line that fails is reported with its number and skipped, the rest still applies.
 * First all lines go into one batch, committed at once (one validation, one message per owner);
 * only if that whole is refused are the lines run again one commit each, so that the report
 * names the lines at fault. */
#include "cmdmgr.h"
#include "cmd.pb-c.h"
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* One load of the startup configuration; freed when it has reported. */
struct load {
	struct cmdmgr *cm;
	char **lines;
	unsigned n, next, applied, real;
	unsigned more_errors; /* failed lines past STARTUP_MAX_ERRORS */
	struct session *s;
	struct n2_timer *t_next; /* the next line, from the loop */
	int batch;               /* first pass: gathering the lines into one commit */
	struct startup_report rep;
	startup_done_fn done;
	void *arg;
};

static void next_line(struct load *ld);

static void push_error(struct load *ld, char *msg)
{
	char **v = realloc(ld->rep.errors, sizeof(char *) * (ld->rep.nerrors + 1));
	if (!v) {
		free(msg);
		return;
	}
	ld->rep.errors = v;
	ld->rep.errors[ld->rep.nerrors++] = msg;
}

static void clear_errors(struct load *ld)
{
	for (unsigned i = 0; i < ld->rep.nerrors; i++)
		free(ld->rep.errors[i]);
	free(ld->rep.errors);
	ld->rep.errors = NULL;
	ld->rep.nerrors = 0;
}

static void report(struct load *ld)
{
	char *more = NULL;
	if (ld->more_errors &&
	    asprintf(&more, "%u more lines failed (cmdmgr's log names them)", ld->more_errors) >= 0)
		push_error(ld, more);
	ld->rep.lines = ld->real;
	ld->rep.applied = ld->applied;
	n2_log_notice("startup configuration %s: %u of %u lines applied", ld->cm->startup,
		      ld->applied, ld->real);
	ld->done(&ld->rep, ld->arg);
	for (unsigned i = 0; i < ld->n; i++)
		free(ld->lines[i]);
	free(ld->lines);
	clear_errors(ld);
	session_free(ld->s);
	n2_timer_cancel(&ld->t_next);
	free(ld);
}

static void batch_done(int ok, const char *errors, void *arg)
{
	struct load *ld = arg;
	if (ok) {
		report(ld);
		return;
	}
	/* the whole was refused: again, one commit per line, to say which lines */
	n2_log_notice("startup configuration %s refused as a whole (%.*s); applying it line by "
		      "line",
		      ld->cm->startup, (int)strcspn(errors, "\n"), errors);
	clear_errors(ld);
	ld->next = ld->applied = ld->real = ld->more_errors = 0;
	session_leave(ld->s, NODE_CONFIG);
	next_line(ld);
}

static void finish(struct load *ld)
{
	if (ld->batch) {
		ld->batch = 0;
		commit_batch_end(ld->cm, batch_done, ld);
		return;
	}
	report(ld);
}

/* Runs from the loop: a line that finishes at once must not start the next one from inside its
 * own job_finish (the stack would grow with the file, and the last line frees the session that
 * job_finish still holds). */
static void next_line_cb(struct n2_loop *loop, void *arg)
{
	(void)loop;
	next_line(arg);
}

/* A report line for a line that failed: "line N: TEXT: % message"; past STARTUP_MAX_ERRORS,
 * only the log has it and the report's last line counts them. */
static void add_error(struct load *ld, unsigned lineno, const char *output)
{
	char *msg = NULL;
	const char *err = output;
	/* the caret line means nothing in a report: keep the message */
	const char *pct = strchr(output, '%');
	if (pct)
		err = pct;
	size_t len = strcspn(err, "\n");
	const char *text = ld->lines[lineno - 1] + strspn(ld->lines[lineno - 1], " \t");
	/* the line as the report quotes it: a line too long to run is cut */
	if (asprintf(&msg, "line %u: %.*s%s: %.*s", lineno, CLI_LINE_MAX, text,
		     strlen(text) > CLI_LINE_MAX ? "..." : "", (int)len, err) < 0)
		return;
	n2_log_err("startup configuration %s", msg);
	if (ld->rep.nerrors < STARTUP_MAX_ERRORS) {
		push_error(ld, msg);
		return;
	}
	free(msg);
	ld->more_errors++;
}

static void line_done(struct job *j, int ok, const char *output, void *arg)
{
	(void)j;
	struct load *ld = arg;
	if (ok)
		ld->applied++;
	else
		add_error(ld, ld->next, output); /* ld->next: the 1-based number of the line run */
	n2_timer_add(ld->cm->loop, &ld->t_next, 0, next_line_cb, ld);
}

static void next_line(struct load *ld)
{
	while (ld->next < ld->n) {
		char *line = ld->lines[ld->next++];
		const char *p = line + strspn(line, " \t");
		if (!*p || *p == '!' || *p == '#')
			continue;
		/* indentation only shows which block a line belongs to: a line indented less
		 * than the node's depth has left it (`bfd`, ` peer A`, `  transmit-interval`) */
		int depth = (int)(p - line);
		while (ld->s->node > NODE_CONFIG &&
		       reg_node_depth(&ld->cm->reg, ld->s->node) > depth)
			session_leave(ld->s, reg_node_parent(&ld->cm->reg, ld->s->node));
		ld->real++;
		session_execute(ld->s, p, 0, line_done, ld);
		return;
	}
	finish(ld);
}

/* The file's lines, whole whatever their length (session_execute refuses those over
 * CLI_LINE_MAX); -1 with the report's one error when the file is over STARTUP_MAX_BYTES. */
static int read_lines(struct load *ld, FILE *f)
{
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && st.st_size > (off_t)STARTUP_MAX_BYTES) {
		char *msg = NULL;
		if (asprintf(&msg, "%s is %lld bytes, over the limit of %u: not loaded",
			     ld->cm->startup, (long long)st.st_size, STARTUP_MAX_BYTES) >= 0)
			push_error(ld, msg);
		n2_log_err("startup configuration %s is %lld bytes, over the limit of %u: not "
			   "loaded",
			   ld->cm->startup, (long long)st.st_size, STARTUP_MAX_BYTES);
		return -1;
	}
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	size_t total = 0;
	/* the file may grow while it is read: stop at the limit all the same */
	while (total <= STARTUP_MAX_BYTES && (n = getline(&buf, &cap, f)) >= 0) {
		total += (size_t)n;
		buf[strcspn(buf, "\r\n")] = 0;
		char **v = realloc(ld->lines, sizeof(char *) * (ld->n + 1));
		if (!v)
			break;
		ld->lines = v;
		if (!(ld->lines[ld->n] = strdup(buf)))
			break;
		ld->n++;
	}
	free(buf);
	return 0;
}

void startup_load(struct cmdmgr *cm, startup_done_fn done, void *arg)
{
	struct load *ld = calloc(1, sizeof(*ld));
	if (!ld) {
		struct startup_report none = {0};
		done(&none, arg);
		return;
	}
	ld->cm = cm;
	ld->done = done;
	ld->arg = arg;
	ld->s = session_new(cm, 1, NODE_CONFIG);
	FILE *f = fopen(cm->startup, "r");
	if (!f || !ld->s) {
		n2_log_info("no startup configuration at %s", cm->startup);
		if (f)
			fclose(f);
		finish(ld);
		return;
	}
	if (read_lines(ld, f) < 0) {
		fclose(f);
		finish(ld);
		return;
	}
	fclose(f);
	ld->batch = 1;
	commit_batch_begin(cm, ld->s);
	next_line(ld);
}

/* ---- the request: procmgr asks once everything is up (cmd.startup) ---- */

struct startup_req {
	struct cmdmgr *cm;
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
	res.file = s->cm->startup;
	size_t len;
	uint8_t *buf = bus_pack(&res.base, &len);
	struct n2_msg req = {
		.kind = N2_MSG_REQUEST, .src = s->src, .type = "cmd.startup", .seq = s->seq};
	if (buf)
		n2_ipc_reply(s->cm->ipc, &req, buf, len);
	free(buf);
	bus_req_free(s);
}

static void on_synced(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc, (void)status, (void)rep;
	struct startup_req *s = arg;
	if (--s->pending == 0)
		startup_load(s->cm, reply_startup, s);
}

void startup_on_request(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	struct cmdmgr *cm = arg;
	N2os__Cmd__StartupRequest *sr =
		n2os__cmd__startup_request__unpack(NULL, req->len, req->payload);
	struct startup_req *s = bus_req_alloc(sizeof(*s));
	if (!sr || !s) {
		bus_req_free(s);
		if (sr)
			n2os__cmd__startup_request__free_unpacked(sr, NULL);
		n2_ipc_reply_error(ipc, req, "malformed cmd.startup");
		return;
	}
	s->cm = cm;
	s->seq = req->seq;
	snprintf(s->src, sizeof(s->src), "%s", req->src);
	s->pending = 1;
	/* every process answers cmd.sync after its command table: then all tables are here */
	for (size_t i = 0; i < sr->n_processes; i++)
		if (strcmp(sr->processes[i], "cmdmgr") &&
		    n2_ipc_request(ipc, sr->processes[i], "cmd.sync", NULL, 0, cm->timeout_ms,
				   on_synced, s) == 0)
			s->pending++;
	n2os__cmd__startup_request__free_unpacked(sr, NULL);
	on_synced(ipc, 0, NULL, s);
}
