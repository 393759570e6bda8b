/* The cmsh socket, RUNDIR/cmd.sock (mode 0660, group n2os, as the bus: nobody else may even
 * look; behind the mode, SO_PEERCRED decides again who may change the configuration). It speaks the
 * bus framing so that cmsh uses the ordinary IPC client: a REGISTER, then "cmd.session" requests,
 * one per line, TAB or '?'. */
#include "cmdmgr.h"
#include "cmd.pb-c.h"
#include "frame.h"
#include "log.h"
#include "mem.h"
#include "msg.h"
#include "unixsock.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

N2_MTYPE(MT_CONN, "cmsh connection");

struct server;

struct conn {
	struct conn *next;
	struct server *srv;
	uint64_t id;
	int fd;
	struct n2_rbuf rb;
	struct n2_wqueue wq;
	struct session *s;
	char name[64];
	uint32_t seq; /* of the line being run */
};

struct server {
	struct cmdmgr *cm;
	int lfd;
	char path[108];
	struct conn *conns;
	unsigned nconns;
	uint64_t next_id;
	struct n2_ratelimit rl;
};

static struct conn *by_id(const struct server *srv, uint64_t id)
{
	for (struct conn *c = srv->conns; c; c = c->next)
		if (c->id == id)
			return c;
	return NULL;
}

/* A job still running for the connection ends later: its session is dead (session_release),
 * which line_done checks before it looks at the connection. */
static void conn_close(struct conn *c, const char *why)
{
	struct server *srv = c->srv;
	if (why)
		n2_log_rl(&srv->rl, LOG_WARNING, "cmsh connection %s: %s", c->name, why);
	for (struct conn **pc = &srv->conns; *pc; pc = &(*pc)->next)
		if (*pc == c) {
			*pc = c->next;
			srv->nconns--;
			break;
		}
	n2_fd_del(srv->cm->loop, c->fd);
	close(c->fd);
	session_release(c->s);
	n2_rbuf_fini(&c->rb);
	n2_wq_fini(&c->wq);
	n2_free(MT_CONN, c);
}

static void send_msg(struct conn *c, const struct n2_msg *m)
{
	int was_empty = n2_wq_pending(&c->wq) == 0;
	if (n2_msg_queue(&c->wq, m) < 0) {
		conn_close(c, "output queue full");
		return;
	}
	if (was_empty) {
		int r = n2_wq_flush(&c->wq, c->fd);
		if (r == 1)
			n2_fd_mod(c->srv->cm->loop, c->fd, N2_READ | N2_WRITE);
		else if (r < 0)
			conn_close(c, strerror(errno));
	}
}

static void send_reply(struct conn *c, uint32_t seq, N2os__Cmd__SessionReply *r)
{
	char prompt[128];
	session_prompt(c->s, prompt, sizeof(prompt));
	r->prompt = prompt;
	r->node = (char *)session_node_name(c->s);
	size_t len = n2os__cmd__session_reply__get_packed_size(r);
	uint8_t *buf = malloc(len + 1);
	if (!buf)
		return;
	n2os__cmd__session_reply__pack(r, buf);
	struct n2_msg m = {.kind = N2_MSG_REPLY,
			   .src = "cmdmgr",
			   .dst = c->name,
			   .type = "cmd.session",
			   .seq = seq,
			   .payload = buf,
			   .len = len};
	send_msg(c, &m);
	free(buf);
}

static void line_done(struct job *j, int ok, const char *output, void *arg)
{
	if (j && j->s->dead) /* cmsh went away meanwhile: so did its connection */
		return;
	struct conn *c = arg;
	N2os__Cmd__SessionReply r = N2OS__CMD__SESSION_REPLY__INIT;
	r.output = (char *)output;
	r.ok = ok;
	r.exit = j && j->exit_session;
	r.term_length = c->s->term_length;
	c->s->term_length = -1;
	send_reply(c, c->seq, &r);
}

static void on_complete(struct conn *c, uint32_t seq, const char *line)
{
	const struct cli_cmd **cmds = NULL;
	size_t n = session_commands(c->s, &cmds);
	char words[64][48];
	char *pw[64];
	int k = cli_complete(cmds, n, line, words, 64);
	free(cmds);
	for (int i = 0; i < k; i++)
		pw[i] = words[i];
	N2os__Cmd__SessionReply r = N2OS__CMD__SESSION_REPLY__INIT;
	r.ok = 1;
	r.completions = pw;
	r.n_completions = (size_t)k;
	r.term_length = -1;
	send_reply(c, seq, &r);
}

static void on_help(struct conn *c, uint32_t seq, const char *line)
{
	const struct cli_cmd **cmds = NULL;
	size_t n = session_commands(c->s, &cmds);
	struct cli_help_item items[128];
	int k = cli_help(cmds, n, line, items, 128);
	free(cmds);
	struct n2_buf out;
	n2_buf_init(&out);
	if (k == 0)
		n2_buf_printf(&out, "%% There is no matched command.\n");
	for (int i = 0; i < k; i++)
		n2_buf_printf(&out, "  %-20s %s\n", items[i].text,
			      items[i].help ? items[i].help : "");
	N2os__Cmd__SessionReply r = N2OS__CMD__SESSION_REPLY__INIT;
	r.ok = k > 0;
	r.output = (char *)n2_buf_str(&out);
	r.term_length = -1;
	send_reply(c, seq, &r);
	n2_buf_fini(&out);
}

static void on_request(struct conn *c, const struct n2_msg *m)
{
	N2os__Cmd__SessionRequest *q = NULL;
	if (strcmp(m->type, "cmd.session") ||
	    !(q = n2os__cmd__session_request__unpack(NULL, m->len, m->payload))) {
		struct n2_msg e = {.kind = N2_MSG_ERROR,
				   .src = "cmdmgr",
				   .dst = c->name,
				   .type = m->type,
				   .seq = m->seq,
				   .error = "malformed request"};
		send_msg(c, &e);
		return;
	}
	char prompt[128], toolong[96];
	if (q->op != N2OS__CMD__SESSION_REQUEST__OP__EXECUTE &&
	    session_line_check(q->line, toolong, sizeof(toolong)) < 0) {
		/* TAB or '?' on a line too long to run: say so instead of matching it */
		N2os__Cmd__SessionReply r = N2OS__CMD__SESSION_REPLY__INIT;
		strcat(toolong, "\n");
		r.output = toolong;
		r.term_length = -1;
		send_reply(c, m->seq, &r);
		n2os__cmd__session_request__free_unpacked(q, NULL);
		return;
	}
	switch (q->op) {
	case N2OS__CMD__SESSION_REQUEST__OP__EXECUTE:
		if (c->s->busy) {
			struct n2_msg e = {.kind = N2_MSG_ERROR,
					   .src = "cmdmgr",
					   .dst = c->name,
					   .type = m->type,
					   .seq = m->seq,
					   .error = "a line is still running"};
			send_msg(c, &e);
			break;
		}
		c->seq = m->seq;
		session_prompt(c->s, prompt, sizeof(prompt));
		session_execute(c->s, q->line, strlen(prompt), line_done, c);
		break;
	case N2OS__CMD__SESSION_REQUEST__OP__COMPLETE:
		on_complete(c, m->seq, q->line);
		break;
	case N2OS__CMD__SESSION_REQUEST__OP__HELP:
		on_help(c, m->seq, q->line);
		break;
	default: {
		N2os__Cmd__SessionReply r = N2OS__CMD__SESSION_REPLY__INIT;
		r.ok = 1;
		r.term_length = -1;
		send_reply(c, m->seq, &r);
	}
	}
	n2os__cmd__session_request__free_unpacked(q, NULL);
}

static void on_frame(struct conn *c, const struct n2_msg *m)
{
	if (m->kind == N2_MSG_REGISTER && !c->name[0]) {
		snprintf(c->name, sizeof(c->name), "%.63s", m->src);
		struct n2_msg ok = {.kind = N2_MSG_REPLY, .src = "cmdmgr", .dst = c->name};
		send_msg(c, &ok);
	} else if (m->kind == N2_MSG_REQUEST && c->name[0]) {
		on_request(c, m);
	} else {
		conn_close(c, "unexpected frame");
	}
}

static void on_io(struct n2_loop *loop, int fd, unsigned ev, void *arg)
{
	(void)fd;
	struct conn *c = arg; /* the loop calls nobody for a closed fd */
	struct server *srv = c->srv;
	uint64_t id = c->id; /* a frame may close the connection: then by_id no longer finds it */
	if (ev & N2_WRITE) {
		int r = n2_wq_flush(&c->wq, c->fd);
		if (r < 0) {
			conn_close(c, strerror(errno));
			return;
		}
		if (r == 0)
			n2_fd_mod(loop, c->fd, N2_READ);
	}
	if (!(ev & N2_READ))
		return;
	long n = n2_rbuf_fill(&c->rb, c->fd);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		conn_close(c, n2_rbuf_pending(&c->rb) ? "closed in the middle of a frame" : NULL);
		return;
	}
	const uint8_t *f;
	size_t len;
	enum n2_frame_status st;
	while ((c = by_id(srv, id)) && (st = n2_rbuf_next(&c->rb, &f, &len)) == N2_FRAME_OK) {
		struct n2_msg m;
		void *holder;
		if (n2_msg_decode(f, len, &m, &holder) < 0) {
			conn_close(c, "undecodable frame");
			return;
		}
		on_frame(c, &m);
		n2_msg_release(holder);
	}
	if (c && st == N2_FRAME_OVERSIZED) {
		char err[96];
		snprintf(err, sizeof(err), "frame of %zu bytes is over the limit of %u bytes", len,
			 N2_FRAME_MAX);
		struct n2_msg e = {
			.kind = N2_MSG_ERROR, .src = "cmdmgr", .dst = c->name, .error = err};
		send_msg(c, &e);
		if ((c = by_id(srv, id)))
			conn_close(c, err);
	}
}

static void on_accept(struct n2_loop *loop, int lfd, unsigned ev, void *arg)
{
	(void)ev;
	struct server *srv = arg;
	int fd;
	while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
		struct ucred cr;
		socklen_t sl = sizeof(cr);
		if (srv->nconns >= CLI_MAX_SESSIONS) {
			n2_log_rl(&srv->rl, LOG_WARNING,
				  "cmsh connection refused: %u sessions already (the limit)",
				  srv->nconns);
			n2_msg_refuse(
				fd, "cmdmgr",
				"too many cmsh sessions (at most " N2_XSTR(CLI_MAX_SESSIONS) ")");
			close(fd);
			continue;
		}
		struct conn *c = n2_calloc(MT_CONN, 1, sizeof(*c));
		if (!c || getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &sl) < 0 ||
		    !(c->s = session_new(srv->cm, n2_cred_privileged(cr.uid, cr.gid), NODE_VIEW))) {
			n2_free(MT_CONN, c);
			close(fd);
			continue;
		}
		c->srv = srv;
		c->id = srv->next_id++;
		c->fd = fd;
		n2_rbuf_init(&c->rb);
		n2_wq_init(&c->wq, CLI_QUEUE_LIMIT);
		if (n2_fd_add(loop, fd, N2_READ, on_io, c) < 0) {
			session_free(c->s);
			n2_free(MT_CONN, c);
			close(fd);
			continue;
		}
		c->next = srv->conns;
		srv->conns = c;
		srv->nconns++;
	}
}

struct server *server_start(struct cmdmgr *cm, const char *rundir)
{
	struct server *srv = calloc(1, sizeof(*srv));
	if (!srv)
		return NULL;
	srv->cm = cm;
	srv->next_id = 1;
	srv->rl = (struct n2_ratelimit)N2_RATELIMIT_INIT(1000, 10);
	srv->lfd = -1;
	if ((size_t)snprintf(srv->path, sizeof(srv->path), "%s/cmd.sock", rundir) >=
	    sizeof(srv->path)) {
		free(srv);
		errno = ENAMETOOLONG;
		return NULL;
	}
	srv->lfd = n2_unix_listen(srv->path, 64);
	if (srv->lfd < 0 || n2_fd_add(cm->loop, srv->lfd, N2_READ, on_accept, srv) < 0) {
		int e = errno;
		if (srv->lfd >= 0)
			close(srv->lfd);
		free(srv);
		errno = e;
		return NULL;
	}
	return srv;
}

void server_stop(struct server *srv)
{
	if (!srv)
		return;
	while (srv->conns)
		conn_close(srv->conns, NULL);
	n2_fd_del(srv->cm->loop, srv->lfd);
	close(srv->lfd);
	unlink(srv->path);
	free(srv);
}
