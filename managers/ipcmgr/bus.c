/* The bus (see bus.h). Every frame from a client is checked before it is acted on: size, then
 * decoding, then the rules (register first, valid names). A client that breaks them is counted,
 * logged at a bounded rate and disconnected; nobody else notices. */
#include "bus.h"
#include "frame.h"
#include "ipc.h"
#include "member.h" /* the name rule and N2_IPC_MAX_ALIASES, shared with the clients */
#include "log.h"
#include "unixsock.h"
#include "mem.h"
#include "msg.h"
#include "util.h"
#include "ipc.pb-c.h"

#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

N2_MTYPE(MT_CLIENT, "bus client");
N2_MTYPE(MT_TOPIC, "bus subscription");

struct topic {
	struct topic *next;
	char name[];
};

struct client {
	struct client *next;
	struct bus *bus;
	int fd, dead;
	char name[N2_IPC_NAME_MAX];
	char aliases[N2_IPC_MAX_ALIASES][N2_IPC_NAME_MAX]; /* from its Hello; "" when unused */
	pid_t pid;
	uid_t uid;
	struct topic *topics;
	unsigned ntopics;
	struct n2_rbuf rb;
	struct n2_wqueue wq;
	uint64_t msgs_in, msgs_out, bytes_in, bytes_out, drops;
};

struct bus {
	struct n2_loop *loop;
	int lfd, check_perms;
	char path[108];
	size_t queue_limit;
	struct client *clients;
	unsigned nclients; /* alive ones */
	struct n2_timer *t_reap;
	uint64_t started_us;
	uint64_t rej_oversized, rej_truncated, rej_undecodable, rej_protocol, rej_perm, no_dest,
		slow, rej_clients;
	struct n2_ratelimit rl;
};

static const char *who(const struct client *c)
{
	return c->name[0] ? c->name : "(unregistered)";
}

static void reap(struct n2_loop *loop, void *arg)
{
	(void)loop;
	struct bus *bus = arg;
	for (struct client **pc = &bus->clients; *pc;) {
		struct client *c = *pc;
		if (!c->dead) {
			pc = &c->next;
			continue;
		}
		*pc = c->next;
		while (c->topics) {
			struct topic *t = c->topics;
			c->topics = t->next;
			n2_free(MT_TOPIC, t);
		}
		n2_rbuf_fini(&c->rb);
		n2_wq_fini(&c->wq);
		n2_free(MT_CLIENT, c);
	}
}

static void publish_local(struct bus *bus, const char *topic, const uint8_t *p, size_t len);

/* A member as ClientEvent: the membership event and the entries of "ipc.members". */
static void member(const struct client *c, int up, N2os__Ipc__ClientEvent *ev, char **aliases)
{
	n2os__ipc__client_event__init(ev);
	ev->name = (char *)c->name;
	ev->pid = (uint32_t)c->pid;
	ev->up = up;
	ev->aliases = aliases;
	for (int i = 0; i < N2_IPC_MAX_ALIASES && c->aliases[i][0]; i++)
		aliases[ev->n_aliases++] = (char *)c->aliases[i];
}

static void client_event(struct bus *bus, const struct client *c, int up)
{
	N2os__Ipc__ClientEvent ev;
	char *aliases[N2_IPC_MAX_ALIASES];
	member(c, up, &ev, aliases);
	uint8_t buf[128 + sizeof(c->aliases)];
	size_t n = n2os__ipc__client_event__get_packed_size(&ev);
	if (n <= sizeof(buf)) {
		n2os__ipc__client_event__pack(&ev, buf);
		publish_local(bus, "ipc.client", buf, n);
	}
}

/* Disconnects a client; the memory goes in the next loop round so callers iterating the list
 * stay valid. */
static void client_kill(struct client *c, const char *why)
{
	if (c->dead)
		return;
	struct bus *bus = c->bus;
	c->dead = 1;
	bus->nclients--;
	n2_fd_del(bus->loop, c->fd);
	close(c->fd);
	c->fd = -1;
	if (why)
		n2_log_rl(&bus->rl, LOG_WARNING, "bus: disconnecting %s (pid %d): %s", who(c),
			  (int)c->pid, why);
	else
		n2_log_debug("bus: %s (pid %d) disconnected", who(c), (int)c->pid);
	if (c->name[0])
		client_event(bus, c, 0);
	n2_timer_add(bus->loop, &bus->t_reap, 0, reap, bus);
}

static void after_queue(struct client *c, int was_empty)
{
	if (!was_empty)
		return;
	int r = n2_wq_flush(&c->wq, c->fd);
	if (r == 1)
		n2_fd_mod(c->bus->loop, c->fd, N2_READ | N2_WRITE);
	else if (r < 0)
		client_kill(c, strerror(errno));
}

static void queue_full(struct client *c)
{
	c->drops++;
	c->bus->slow++;
	client_kill(c, "output queue full: the client stopped reading");
}

static void client_send(struct client *c, const struct n2_msg *m)
{
	if (c->dead)
		return;
	int was_empty = n2_wq_pending(&c->wq) == 0;
	size_t before = n2_wq_pending(&c->wq);
	if (n2_msg_queue(&c->wq, m) < 0) {
		queue_full(c);
		return;
	}
	c->msgs_out++;
	c->bytes_out += n2_wq_pending(&c->wq) - before;
	after_queue(c, was_empty);
}

static void client_send_raw(struct client *c, const uint8_t *p, size_t len)
{
	if (c->dead)
		return;
	int was_empty = n2_wq_pending(&c->wq) == 0;
	if (n2_wq_push(&c->wq, p, len) < 0) {
		queue_full(c);
		return;
	}
	c->msgs_out++;
	c->bytes_out += len + N2_FRAME_HDR;
	after_queue(c, was_empty);
}

/* Registered clients only: a connection that has not registered yet has the name "". */
static struct client *by_name(struct bus *bus, const char *name)
{
	for (struct client *c = bus->clients; c; c = c->next)
		if (!c->dead && c->name[0] && !strcmp(c->name, name))
			return c;
	return NULL;
}

/* Where a request to `dst` goes: the client registered as dst, else one that has it as an alias. */
static struct client *resolve(struct bus *bus, const char *dst)
{
	struct client *c = by_name(bus, dst);
	if (c)
		return c;
	for (c = bus->clients; c; c = c->next)
		for (int i = 0; !c->dead && c->name[0] && i < N2_IPC_MAX_ALIASES; i++)
			if (c->aliases[i][0] && !strcmp(c->aliases[i], dst))
				return c;
	return NULL;
}

static int subscribed(const struct client *c, const char *topic)
{
	for (struct topic *t = c->topics; t; t = t->next)
		if (!strcmp(t->name, topic))
			return 1;
	return 0;
}

/* Encodes once, then copies the bytes to every subscriber. */
static void fan_out(struct bus *bus, const struct client *from, const struct n2_msg *m)
{
	size_t len;
	uint8_t *buf = NULL;
	for (struct client *c = bus->clients; c; c = c->next) {
		if (c == from || c->dead || !subscribed(c, m->type))
			continue;
		if (!buf && !(buf = n2_msg_encode(m, &len)))
			return;
		client_send_raw(c, buf, len);
	}
	free(buf);
}

static void publish_local(struct bus *bus, const char *topic, const uint8_t *p, size_t len)
{
	struct n2_msg m = {
		.kind = N2_MSG_PUBLISH, .src = "ipcmgr", .type = topic, .payload = p, .len = len};
	fan_out(bus, NULL, &m);
}

static void answer_error(struct client *c, const struct n2_msg *req, const char *err)
{
	struct n2_msg m = {.kind = N2_MSG_ERROR,
			   .src = "ipcmgr",
			   .dst = c->name,
			   .type = req->type,
			   .seq = req->seq,
			   .error = err};
	client_send(c, &m);
}

static int process_alive(pid_t pid)
{
	return pid > 0 && (kill(pid, 0) == 0 || errno == EPERM);
}

/* A name another process may not take: see BUS_RESERVED_NAME. */
static int reserved(const struct client *c, const char *name)
{
	return !strcmp(name, BUS_RESERVED_NAME) && c->pid != getpid();
}

static void on_register(struct client *c, const struct n2_msg *m)
{
	struct bus *bus = c->bus;
	if (c->name[0] || !n2_member_name_valid(m->src) || reserved(c, m->src)) {
		bus->rej_protocol++;
		answer_error(c, m,
			     c->name[0]            ? "already registered"
			     : reserved(c, m->src) ? "the name '" BUS_RESERVED_NAME
						     "' is reserved for the bus itself"
						   : "invalid client name");
		client_kill(c, "bad registration");
		return;
	}
	struct client *old = by_name(bus, m->src);
	/* A restarted process may reconnect before we have seen its old connection close. */
	if (old && (old->pid == c->pid || !process_alive(old->pid)))
		client_kill(old, "replaced by a new connection with the same name");
	else if (old) {
		char err[128];
		snprintf(err, sizeof(err), "name '%s' is already registered by pid %d", m->src,
			 (int)old->pid);
		answer_error(c, m, err);
		bus->rej_protocol++;
		client_kill(c, err);
		return;
	}
	N2os__Ipc__Hello *h = m->len ? n2os__ipc__hello__unpack(NULL, m->len, m->payload) : NULL;
	if (m->len && !h) {
		bus->rej_undecodable++;
		answer_error(c, m, "undecodable registration");
		client_kill(c, "undecodable registration");
		return;
	}
	for (size_t i = 0, k = 0; h && i < h->n_aliases && k < N2_IPC_MAX_ALIASES; i++)
		if (n2_member_name_valid(h->aliases[i]) && !reserved(c, h->aliases[i]))
			snprintf(c->aliases[k++], sizeof(c->aliases[0]), "%s", h->aliases[i]);
	if (h)
		n2os__ipc__hello__free_unpacked(h, NULL);
	snprintf(c->name, sizeof(c->name), "%s", m->src);
	struct n2_msg ok = {.kind = N2_MSG_REPLY, .src = "ipcmgr", .dst = c->name};
	client_send(c, &ok);
	n2_log_debug("bus: %s registered (pid %d)", c->name, (int)c->pid);
	client_event(bus, c, 1);
}

static void on_subscribe(struct client *c, const struct n2_msg *m, int add)
{
	struct topic **pt = &c->topics;
	while (*pt && strcmp((*pt)->name, m->type))
		pt = &(*pt)->next;
	if (!add) {
		if (*pt) {
			struct topic *t = *pt;
			*pt = t->next;
			n2_free(MT_TOPIC, t);
			c->ntopics--;
		}
		return;
	}
	if (*pt || !*m->type)
		return;
	if (c->ntopics >= BUS_MAX_TOPICS) {
		c->bus->rej_protocol++;
		answer_error(c, m, "too many subscriptions (at most " N2_XSTR(BUS_MAX_TOPICS) ")");
		client_kill(c, "too many subscriptions");
		return;
	}
	size_t n = strlen(m->type) + 1;
	struct topic *t = n2_malloc(MT_TOPIC, sizeof(*t) + n);
	if (!t)
		return;
	memcpy(t->name, m->type, n);
	t->next = c->topics;
	c->topics = t;
	c->ntopics++;
}

static void route(struct client *c, const struct n2_msg *in)
{
	struct n2_msg m = *in;
	m.src = c->name; /* the registered name, whatever the frame claimed */
	struct client *to = resolve(c->bus, m.dst);
	if (to) {
		client_send(to, &m);
		return;
	}
	c->bus->no_dest++;
	if (m.kind == N2_MSG_REQUEST) {
		char err[128];
		snprintf(err, sizeof(err), "no such destination '%s'", m.dst);
		answer_error(c, &m, err);
	}
}

static void handle(struct client *c, const struct n2_msg *m)
{
	if (!c->name[0] && m->kind != N2_MSG_REGISTER) {
		c->bus->rej_protocol++;
		client_kill(c, "first frame must be a registration");
		return;
	}
	switch (m->kind) {
	case N2_MSG_REGISTER:
		on_register(c, m);
		break;
	case N2_MSG_REQUEST:
	case N2_MSG_REPLY:
	case N2_MSG_ERROR:
		route(c, m);
		break;
	case N2_MSG_PUBLISH: {
		struct n2_msg p = *m;
		p.src = c->name;
		fan_out(c->bus, c, &p);
		break;
	}
	case N2_MSG_SUBSCRIBE:
	case N2_MSG_UNSUBSCRIBE:
		on_subscribe(c, m, m->kind == N2_MSG_SUBSCRIBE);
		break;
	default:
		break;
	}
}

static void client_read(struct client *c)
{
	struct bus *bus = c->bus;
	long n = n2_rbuf_fill(&c->rb, c->fd);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		if (n2_rbuf_pending(&c->rb)) {
			bus->rej_truncated++;
			client_kill(c, "connection closed in the middle of a frame");
		} else {
			client_kill(c, n < 0 ? strerror(errno) : NULL);
		}
		return;
	}
	const uint8_t *f;
	size_t len;
	enum n2_frame_status st;
	while (!c->dead && (st = n2_rbuf_next(&c->rb, &f, &len)) == N2_FRAME_OK) {
		struct n2_msg m;
		void *holder;
		c->msgs_in++;
		c->bytes_in += len + N2_FRAME_HDR;
		if (n2_msg_decode(f, len, &m, &holder) < 0) {
			bus->rej_undecodable++;
			client_kill(c, "undecodable frame");
			return;
		}
		handle(c, &m);
		n2_msg_release(holder);
	}
	if (!c->dead && st == N2_FRAME_OVERSIZED) {
		bus->rej_oversized++;
		char err[96];
		snprintf(err, sizeof(err), "frame of %zu bytes is over the limit of %u bytes", len,
			 N2_FRAME_MAX);
		struct n2_msg none = {.kind = N2_MSG_REQUEST, .type = ""};
		answer_error(c, &none, err);
		client_kill(c, err);
	}
}

static void on_client_io(struct n2_loop *loop, int fd, unsigned ev, void *arg)
{
	(void)loop;
	(void)fd;
	struct client *c = arg;
	if (ev & N2_WRITE) {
		int r = n2_wq_flush(&c->wq, c->fd);
		if (r < 0) {
			client_kill(c, strerror(errno));
			return;
		}
		if (r == 0)
			n2_fd_mod(c->bus->loop, c->fd, N2_READ);
	}
	if ((ev & N2_READ) && !c->dead)
		client_read(c);
}

static int permitted(const struct bus *bus, uid_t uid, gid_t gid)
{
	return !bus->check_perms || n2_cred_privileged(uid, gid);
}

static void on_accept(struct n2_loop *loop, int lfd, unsigned ev, void *arg)
{
	(void)ev;
	struct bus *bus = arg;
	int fd;
	while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
		struct ucred cr;
		socklen_t sl = sizeof(cr);
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &sl) < 0 ||
		    !permitted(bus, cr.uid, cr.gid)) {
			bus->rej_perm++;
			n2_log_rl(&bus->rl, LOG_WARNING,
				  "bus: refused connection from uid %d: not root nor in group n2os",
				  (int)cr.uid);
			n2_msg_refuse(fd, "ipcmgr",
				      "permission denied: the bus is for root and group n2os only");
			close(fd);
			continue;
		}
		if (bus->nclients >= BUS_MAX_CLIENTS) {
			bus->rej_clients++;
			n2_log_rl(&bus->rl, LOG_WARNING,
				  "bus: refused a connection from pid %d: %u clients already",
				  (int)cr.pid, bus->nclients);
			n2_msg_refuse(
				fd, "ipcmgr",
				"too many bus clients (at most " N2_XSTR(BUS_MAX_CLIENTS) ")");
			close(fd);
			continue;
		}
		struct client *c = n2_calloc(MT_CLIENT, 1, sizeof(*c));
		if (!c) {
			close(fd);
			continue;
		}
		c->bus = bus;
		c->fd = fd;
		c->pid = cr.pid;
		c->uid = cr.uid;
		n2_rbuf_init(&c->rb);
		n2_wq_init(&c->wq, bus->queue_limit);
		if (n2_fd_add(loop, fd, N2_READ, on_client_io, c) < 0) {
			close(fd);
			n2_free(MT_CLIENT, c);
			continue;
		}
		c->next = bus->clients;
		bus->clients = c;
		bus->nclients++;
	}
}

struct bus *bus_new(struct n2_loop *loop, const char *path, int check_perms)
{
	struct bus *bus = calloc(1, sizeof(*bus));
	if (!bus)
		return NULL;
	bus->loop = loop;
	bus->check_perms = check_perms;
	bus->queue_limit = BUS_QUEUE_LIMIT;
	bus->started_us = n2_now_us();
	bus->rl = (struct n2_ratelimit)N2_RATELIMIT_INIT(1000, 20);
	snprintf(bus->path, sizeof(bus->path), "%s", path);
	bus->lfd = n2_unix_listen(path, 128);
	if (bus->lfd < 0 || n2_fd_add(loop, bus->lfd, N2_READ, on_accept, bus) < 0) {
		int e = errno;
		if (bus->lfd >= 0)
			close(bus->lfd);
		free(bus);
		errno = e;
		return NULL;
	}
	return bus;
}

void bus_free(struct bus *bus)
{
	if (!bus)
		return;
	for (struct client *c = bus->clients; c; c = c->next)
		if (!c->dead) {
			c->name[0] = 0; /* no events while tearing down */
			client_kill(c, NULL);
		}
	n2_timer_cancel(&bus->t_reap);
	reap(bus->loop, bus);
	n2_fd_del(bus->loop, bus->lfd);
	close(bus->lfd);
	unlink(bus->path);
	free(bus);
}

void bus_set_queue_limit(struct bus *bus, size_t bytes)
{
	bus->queue_limit = bytes;
}

uint8_t *bus_stats_encode(const struct bus *bus, size_t *len)
{
	size_t n = 0;
	for (const struct client *c = bus->clients; c; c = c->next)
		n += !c->dead;
	N2os__Ipc__ClientStats *cs = calloc(n + 1, sizeof(*cs));
	N2os__Ipc__ClientStats **pcs = calloc(n + 1, sizeof(*pcs));
	char **topics = calloc(n * BUS_MAX_TOPICS + 1, sizeof(char *));
	uint8_t *buf = NULL;
	if (!cs || !pcs || !topics)
		goto out;
	size_t i = 0, ti = 0;
	for (const struct client *c = bus->clients; c; c = c->next) {
		if (c->dead)
			continue;
		N2os__Ipc__ClientStats *s = &cs[i];
		n2os__ipc__client_stats__init(s);
		s->name = (char *)who(c);
		s->pid = (uint32_t)c->pid;
		s->msgs_in = c->msgs_in;
		s->msgs_out = c->msgs_out;
		s->bytes_in = c->bytes_in;
		s->bytes_out = c->bytes_out;
		s->drops = c->drops;
		s->queued_bytes = (uint32_t)n2_wq_pending(&c->wq);
		s->topics = &topics[ti];
		for (struct topic *t = c->topics; t; t = t->next)
			topics[ti++] = t->name;
		s->n_topics = (size_t)(&topics[ti] - s->topics);
		pcs[i++] = s;
	}
	N2os__Ipc__Stats st = N2OS__IPC__STATS__INIT;
	st.clients = pcs;
	st.n_clients = i;
	st.rejected_oversized = bus->rej_oversized;
	st.rejected_truncated = bus->rej_truncated;
	st.rejected_undecodable = bus->rej_undecodable;
	st.rejected_protocol = bus->rej_protocol;
	st.rejected_permission = bus->rej_perm;
	st.no_destination = bus->no_dest;
	st.slow_disconnects = bus->slow;
	st.rejected_clients = bus->rej_clients;
	st.uptime_ms = (n2_now_us() - bus->started_us) / 1000u;
	*len = n2os__ipc__stats__get_packed_size(&st);
	buf = malloc(*len ? *len : 1);
	if (buf)
		n2os__ipc__stats__pack(&st, buf);
out:
	free(cs);
	free(pcs);
	free(topics);
	return buf;
}

uint8_t *bus_members_encode(const struct bus *bus, size_t *len)
{
	size_t n = 0;
	for (const struct client *c = bus->clients; c; c = c->next)
		n += !c->dead && c->name[0];
	N2os__Ipc__ClientEvent *ev = calloc(n + 1, sizeof(*ev));
	N2os__Ipc__ClientEvent **pev = calloc(n + 1, sizeof(*pev));
	char **aliases = calloc((n + 1) * N2_IPC_MAX_ALIASES, sizeof(char *));
	uint8_t *buf = NULL;
	if (ev && pev && aliases) {
		/* the list is newest first: walk it backwards into connection order */
		size_t i = n;
		for (const struct client *c = bus->clients; c; c = c->next)
			if (!c->dead && c->name[0]) {
				i--;
				member(c, 1, &ev[i], &aliases[i * N2_IPC_MAX_ALIASES]);
				pev[i] = &ev[i];
			}
		N2os__Ipc__Members m = N2OS__IPC__MEMBERS__INIT;
		m.clients = pev;
		m.n_clients = n;
		*len = n2os__ipc__members__get_packed_size(&m);
		if ((buf = malloc(*len + 1)))
			n2os__ipc__members__pack(&m, buf);
	}
	free(ev);
	free(pev);
	free(aliases);
	return buf;
}
