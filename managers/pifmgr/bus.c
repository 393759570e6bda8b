/* pifmgr on the bus: the only file that includes pif.pb-c.h. Converts between the wire messages
 * and pifmgr's own values, publishes the table's events, answers requests (dispatch table
 * below), runs the going-down hook, and follows processes leaving the bus (ipc.client). */
#include "pifmgr.h"
#include "ipc.h"
#include "log.h"
#include "mem.h"
#include "pif.pb-c.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

N2_MTYPE(MT_BUS, "bus state");

#define HOOK_TIMEOUT_MS (PIF_HOOK_WAIT_US / 1000)

struct pif_bus {
	struct pif_mgr *m;
	struct n2_ratelimit rl;
	int swept; /* the first registration came: the sweep (on_members) is decided */
};

/* ---- pifmgr values -> wire ---- */

struct iface_pb { /* an Interface with the storage it points into */
	N2os__Pif__Interface pi;
	N2os__Pif__Address *addrs;
	N2os__Pif__Address **paddrs;
	char (*strs)[N2_PREFIX_STRLEN];
};

static int iface_pb_fill(const struct pif_mgr *m, const struct pif_iface *ifp, struct iface_pb *b)
{
	size_t n = 0;
	for (const struct pif_addr *a = ifp->addrs; a; a = a->next)
		n++;
	n2os__pif__interface__init(&b->pi);
	b->addrs = calloc(n + 1, sizeof(*b->addrs));
	b->paddrs = calloc(n + 1, sizeof(*b->paddrs));
	b->strs = calloc(n + 1, sizeof(*b->strs));
	if (!b->addrs || !b->paddrs || !b->strs)
		return -1;
	const struct pif_link *l = &ifp->l;
	b->pi.ifindex = l->ifindex;
	b->pi.name = (char *)l->name;
	b->pi.admin_up = l->admin_up;
	b->pi.oper_up = l->oper_up;
	b->pi.oper_state = (char *)l->operstate;
	b->pi.mtu = l->mtu;
	b->pi.mac.data = (uint8_t *)l->mac;
	b->pi.mac.len = (size_t)l->maclen;
	b->pi.kind = (char *)l->kind;
	b->pi.parent_ifindex = l->parent;
	b->pi.description = (char *)l->alias;
	b->pi.flags = l->flags;
	b->pi.owner = (char *)state_macvlan_owner(&m->state, l->name);
	size_t i = 0;
	for (const struct pif_addr *a = ifp->addrs; a; a = a->next, i++) {
		n2os__pif__address__init(&b->addrs[i]);
		b->addrs[i].prefix = n2_prefix_str(&a->p, b->strs[i], sizeof(b->strs[i]));
		b->addrs[i].secondary = a->secondary;
		b->addrs[i].origin = (char *)state_addr_origin(&m->state, l->name, &a->p);
		b->paddrs[i] = &b->addrs[i];
	}
	b->pi.addresses = b->paddrs;
	b->pi.n_addresses = n;
	return 0;
}

static void iface_pb_free(struct iface_pb *b)
{
	free(b->addrs);
	free(b->paddrs);
	free(b->strs);
}

#define PACK(type, msg, buf, len)                                  \
	do {                                                       \
		(len) = n2os__pif__##type##__get_packed_size(msg); \
		(buf) = malloc((len) + 1);                         \
		if (buf)                                           \
			n2os__pif__##type##__pack((msg), (buf));   \
	} while (0)

static void publish(struct pif_mgr *m, const char *topic, uint8_t *buf, size_t len)
{
	if (buf && n2_ipc_is_up(m->ipc))
		n2_ipc_publish(m->ipc, topic, buf, len);
	free(buf);
}

static void pub_iface(enum pif_op op, const struct pif_iface *ifp, void *arg)
{
	struct pif_mgr *m = arg;
	m->seq++;
	if (m->ipc) {
		struct iface_pb b;
		N2os__Pif__IfaceEvent ev = N2OS__PIF__IFACE_EVENT__INIT;
		if (iface_pb_fill(m, ifp, &b) == 0) {
			ev.epoch = m->epoch;
			ev.seq = m->seq;
			ev.op = op == PIF_ADD   ? N2OS__PIF__IFACE_EVENT__OP__ADD
				: op == PIF_DEL ? N2OS__PIF__IFACE_EVENT__OP__DEL
						: N2OS__PIF__IFACE_EVENT__OP__CHANGE;
			ev.iface = &b.pi;
			uint8_t *buf;
			size_t len;
			PACK(iface_event, &ev, buf, len);
			publish(m, "pif.iface", buf, len);
		}
		iface_pb_free(&b);
	}
	jobs_on_iface(m, op, ifp);
}

static void pub_link(const struct pif_iface *ifp, int old_admin, int old_oper, uint64_t rx_us,
		     void *arg)
{
	struct pif_mgr *m = arg;
	m->seq++;
	if (old_oper != ifp->l.oper_up)
		n2_log_info("%s: line protocol %s", ifp->l.name, ifp->l.oper_up ? "up" : "down");
	if (m->ipc) {
		N2os__Pif__LinkEvent ev = N2OS__PIF__LINK_EVENT__INIT;
		ev.epoch = m->epoch;
		ev.seq = m->seq;
		ev.ifindex = ifp->l.ifindex;
		ev.name = (char *)ifp->l.name;
		ev.oper_up = ifp->l.oper_up;
		ev.admin_up = ifp->l.admin_up;
		ev.netlink_us = rx_us;
		uint8_t buf[128];
		size_t len = n2os__pif__link_event__get_packed_size(&ev);
		if (len <= sizeof(buf) && n2_ipc_is_up(m->ipc)) {
			n2os__pif__link_event__pack(&ev, buf);
			n2_ipc_publish(m->ipc, "pif.link", buf, len);
		}
	}
	jobs_on_link(m, ifp, old_admin);
}

static void pub_addr(enum pif_op op, const struct pif_iface *ifp, const struct pif_addr *a,
		     void *arg)
{
	struct pif_mgr *m = arg;
	m->seq++;
	if (!m->ipc)
		return;
	char ps[N2_PREFIX_STRLEN];
	N2os__Pif__Address pa = N2OS__PIF__ADDRESS__INIT;
	pa.prefix = n2_prefix_str(&a->p, ps, sizeof(ps));
	pa.secondary = a->secondary;
	pa.origin = (char *)state_addr_origin(&m->state, ifp->l.name, &a->p);
	N2os__Pif__AddrEvent ev = N2OS__PIF__ADDR_EVENT__INIT;
	ev.epoch = m->epoch;
	ev.seq = m->seq;
	ev.op = op == PIF_DEL ? N2OS__PIF__ADDR_EVENT__OP__DEL : N2OS__PIF__ADDR_EVENT__OP__ADD;
	ev.ifindex = ifp->l.ifindex;
	ev.ifname = (char *)ifp->l.name;
	ev.address = &pa;
	uint8_t *buf;
	size_t len;
	PACK(addr_event, &ev, buf, len);
	publish(m, "pif.addr", buf, len);
}

const struct pif_observer bus_observer_template = {pub_iface, pub_link, pub_addr, NULL};

/* ---- requests ---- */

/* A request answered later (after the going-down hook): what is needed to reply. */
struct deferred {
	struct pif_mgr *m;
	char src[64], type[32];
	uint32_t seq;
};

static struct deferred *defer(struct pif_mgr *m, const struct n2_msg *req)
{
	struct deferred *d = n2_calloc(MT_BUS, 1, sizeof(*d));
	if (d) {
		d->m = m;
		snprintf(d->src, sizeof(d->src), "%s", req->src);
		snprintf(d->type, sizeof(d->type), "%s", req->type);
		d->seq = req->seq;
	}
	return d;
}

static void deferred_done(struct pif_mgr *m, int rc, const char *err, void *arg)
{
	struct deferred *d = arg;
	struct n2_msg req = {.kind = N2_MSG_REQUEST, .src = d->src, .type = d->type, .seq = d->seq};
	if (m->ipc) {
		if (rc < 0)
			n2_ipc_reply_error(m->ipc, &req, "%s", err);
		else
			n2_ipc_reply(m->ipc, &req, NULL, 0);
	}
	n2_free(MT_BUS, d);
}

static void on_snapshot(struct pif_mgr *m, const struct n2_msg *req)
{
	size_t n = m->table.count, i = 0;
	struct iface_pb *b = calloc(n + 1, sizeof(*b));
	N2os__Pif__Interface **pi = calloc(n + 1, sizeof(*pi));
	N2os__Pif__Snapshot s = N2OS__PIF__SNAPSHOT__INIT;
	uint8_t *buf = NULL;
	size_t len = 0;
	if (b && pi) {
		for (const struct pif_iface *ifp = m->table.ifs; ifp && i < n;
		     ifp = ifp->next, i++) {
			if (iface_pb_fill(m, ifp, &b[i]) < 0)
				break;
			pi[i] = &b[i].pi;
		}
		s.epoch = m->epoch;
		s.seq = m->seq;
		s.interfaces = pi;
		s.n_interfaces = i;
		PACK(snapshot, &s, buf, len);
	}
	if (buf)
		n2_ipc_reply(m->ipc, req, buf, len);
	else
		n2_ipc_reply_error(m->ipc, req, "out of memory");
	for (size_t k = 0; b && k < n; k++)
		iface_pb_free(&b[k]);
	free(b);
	free(pi);
	free(buf);
}

static void on_get(struct pif_mgr *m, const struct n2_msg *req)
{
	N2os__Pif__GetRequest *g = n2os__pif__get_request__unpack(NULL, req->len, req->payload);
	if (!g) {
		n2_ipc_reply_error(m->ipc, req, "malformed pif.get");
		return;
	}
	const struct pif_iface *ifp = iftable_by_name(&m->table, g->name);
	struct iface_pb b = {0};
	if (!ifp) {
		n2_ipc_reply_error(m->ipc, req, "no such interface: %s", g->name);
	} else if (iface_pb_fill(m, ifp, &b) == 0) {
		uint8_t *buf;
		size_t len;
		PACK(interface, &b.pi, buf, len);
		if (buf)
			n2_ipc_reply(m->ipc, req, buf, len);
		free(buf);
	}
	iface_pb_free(&b);
	n2os__pif__get_request__free_unpacked(g, NULL);
}

static void answer(struct pif_mgr *m, const struct n2_msg *req, int rc, const char *err)
{
	if (rc < 0)
		n2_ipc_reply_error(m->ipc, req, "%s", err);
	else
		n2_ipc_reply(m->ipc, req, NULL, 0);
}

static void on_addr(struct pif_mgr *m, const struct n2_msg *req)
{
	N2os__Pif__AddrRequest *r = n2os__pif__addr_request__unpack(NULL, req->len, req->payload);
	if (!r) {
		n2_ipc_reply_error(m->ipc, req, "malformed %s", req->type);
		return;
	}
	char err[256] = "";
	int add = !strcmp(req->type, "pif.addr.add");
	unsigned flags = (r->secondary ? PIF_ADDR_SECONDARY : 0u) |
			 (r->nodad ? PIF_ADDR_NODAD : 0u) | (r->no_accept ? PIF_ADDR_NOACCEPT : 0u);
	int rc = ops_addr(m, req->src, add, r->ifname, r->prefix, flags, err, sizeof(err));
	answer(m, req, rc, err);
	n2os__pif__addr_request__free_unpacked(r, NULL);
}

static void on_macvlan(struct pif_mgr *m, const struct n2_msg *req)
{
	N2os__Pif__MacvlanRequest *r =
		n2os__pif__macvlan_request__unpack(NULL, req->len, req->payload);
	if (!r) {
		n2_ipc_reply_error(m->ipc, req, "malformed %s", req->type);
		return;
	}
	char err[256] = "";
	if (!strcmp(req->type, "pif.macvlan.del")) {
		answer(m, req, ops_macvlan_del(m, req->src, r->name, err, sizeof(err)), err);
	} else {
		uint32_t ifindex = 0;
		if (ops_macvlan_add(
			    m, req->src, r->name, r->parent, r->mac.data, r->mac.len, r->mode,
			    (r->up ? PIF_MV_UP : 0u) | (r->ipv6_only ? PIF_MV_IPV6_ONLY : 0u),
			    &ifindex, err, sizeof(err)) < 0) {
			n2_ipc_reply_error(m->ipc, req, "%s", err);
		} else {
			N2os__Pif__MacvlanReply rep = N2OS__PIF__MACVLAN_REPLY__INIT;
			rep.ifindex = ifindex;
			rep.name = r->name;
			uint8_t *buf;
			size_t len;
			PACK(macvlan_reply, &rep, buf, len);
			if (buf)
				n2_ipc_reply(m->ipc, req, buf, len);
			free(buf);
		}
	}
	n2os__pif__macvlan_request__free_unpacked(r, NULL);
}

static void on_admin(struct pif_mgr *m, const struct n2_msg *req)
{
	N2os__Pif__AdminRequest *r = n2os__pif__admin_request__unpack(NULL, req->len, req->payload);
	struct deferred *d = r ? defer(m, req) : NULL;
	if (!d) {
		n2_ipc_reply_error(m->ipc, req, r ? "out of memory" : "malformed pif.admin");
	} else {
		ops_admin(m, req->src, r->ifname, r->up, deferred_done, d);
	}
	if (r)
		n2os__pif__admin_request__free_unpacked(r, NULL);
}

static int hook_index(const struct pif_mgr *m, const char *name)
{
	for (int i = 0; i < PIF_HOOK_MAX; i++)
		if (!strcmp(m->hooks[i], name))
			return i;
	return -1;
}

static void on_hook(struct pif_mgr *m, const struct n2_msg *req)
{
	N2os__Pif__HookRequest *r = n2os__pif__hook_request__unpack(NULL, req->len, req->payload);
	if (!r) {
		n2_ipc_reply_error(m->ipc, req, "malformed pif.hook");
		return;
	}
	int i = hook_index(m, req->src);
	if (r->going_down && i < 0 && (i = hook_index(m, "")) < 0) {
		n2_ipc_reply_error(m->ipc, req, "too many going-down subscribers (%d)",
				   PIF_HOOK_MAX);
	} else {
		if (r->going_down)
			snprintf(m->hooks[i], sizeof(m->hooks[i]), "%s", req->src);
		else if (i >= 0)
			m->hooks[i][0] = 0;
		n2_log_info("%s %s the going-down hook", req->src,
			    r->going_down ? "registered for" : "unregistered from");
		n2_ipc_reply(m->ipc, req, NULL, 0);
	}
	n2os__pif__hook_request__free_unpacked(r, NULL);
}

typedef void (*req_fn)(struct pif_mgr *m, const struct n2_msg *req);
static const struct {
	const char *type;
	req_fn fn;
} handlers[] = {
	{"pif.snapshot", on_snapshot},   {"pif.get", on_get},
	{"pif.addr.add", on_addr},       {"pif.addr.del", on_addr},
	{"pif.macvlan.add", on_macvlan}, {"pif.macvlan.del", on_macvlan},
	{"pif.admin", on_admin},         {"pif.hook", on_hook},
};

static void on_request(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	(void)ipc;
	struct pif_mgr *m = arg;
	for (size_t i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++)
		if (!strcmp(handlers[i].type, req->type)) {
			if (m->stopping && strcmp(req->type, "pif.snapshot") &&
			    strcmp(req->type, "pif.get"))
				n2_ipc_reply_error(m->ipc, req, "pifmgr is stopping");
			else
				handlers[i].fn(m, req);
			return;
		}
}

/* ---- the going-down hook ---- */

struct hook_wait {
	struct pif_mgr *m;
	int left;
	char ifname[PIF_NAMSIZ];
	void (*done)(struct pif_mgr *m, void *arg);
	void *arg;
};

static void on_ack(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	struct hook_wait *w = arg;
	if (status == N2_IPC_ETIMEOUT)
		n2_log_warn("%s: a going-down subscriber did not answer within %d ms", w->ifname,
			    HOOK_TIMEOUT_MS);
	else if (status == N2_IPC_EREMOTE)
		n2_log_debug("%s: going-down: %s", w->ifname, rep->error);
	if (--w->left > 0)
		return;
	w->done(w->m, w->arg);
	n2_free(MT_BUS, w);
}

void bus_going_down(struct pif_mgr *m, const struct pif_iface *ifp, const char *reason,
		    const char *exclude, void (*done)(struct pif_mgr *m, void *arg), void *arg)
{
	struct hook_wait *w = m->ipc ? n2_calloc(MT_BUS, 1, sizeof(*w)) : NULL;
	if (!w) {
		done(m, arg);
		return;
	}
	w->m = m;
	w->done = done;
	w->arg = arg;
	w->left = 1; /* held by us until every request is out */
	snprintf(w->ifname, sizeof(w->ifname), "%s", ifp->l.name);
	N2os__Pif__GoingDown gd = N2OS__PIF__GOING_DOWN__INIT;
	gd.ifindex = ifp->l.ifindex;
	gd.name = (char *)ifp->l.name;
	gd.reason = (char *)(reason ? reason : "");
	uint8_t buf[256];
	size_t len = n2os__pif__going_down__get_packed_size(&gd);
	if (len <= sizeof(buf)) {
		n2os__pif__going_down__pack(&gd, buf);
		for (int i = 0; i < PIF_HOOK_MAX; i++) {
			if (!m->hooks[i][0] || (exclude && !strcmp(exclude, m->hooks[i])))
				continue;
			if (n2_ipc_request(m->ipc, m->hooks[i], "pif.going_down", buf, len,
					   HOOK_TIMEOUT_MS, on_ack, w) == 0)
				w->left++;
		}
	}
	on_ack(m->ipc, N2_IPC_OK, NULL, w); /* drops our hold */
}

/* ---- processes coming and going ---- */

static void on_member(const struct n2_member *who, void *arg)
{
	struct pif_mgr *m = arg;
	if (who->up)
		return;
	int i = hook_index(m, who->name);
	if (i >= 0)
		m->hooks[i][0] = 0;
	if (!m->stopping)
		ops_owner_gone(m, who->name);
}

/* After a restart: objects a previous pifmgr made for processes that are gone now. */
static void on_members(const struct n2_member *members, int n, void *arg)
{
	struct pif_mgr *m = arg;
	if (n < 0) {
		n2_log_warn("no answer to ipc.members: objects of processes gone are kept");
		return;
	}
	for (int again = 1; again;) {
		again = 0;
		for (const struct pif_own *o = m->state.own; o; o = o->next) {
			if (!strcmp(o->owner, "config"))
				continue;
			int present = 0;
			for (int i = 0; i < n && !present; i++)
				present = !strcmp(members[i].name, o->owner);
			if (!present) {
				char owner[PIF_OWNSIZ];
				snprintf(owner, sizeof(owner), "%s", o->owner);
				ops_owner_gone(m, owner);
				again = 1;
				break;
			}
		}
	}
}

/* The sweep is for pifmgr's own start, with the state a previous pifmgr saved, and only then:
 * a later registration is the bus coming back (ipcmgr restarted), when the owners are
 * reconnecting too and one missing from the list has not left. Their departures are the
 * ipc.client events (on_member). */
static void on_bus(struct n2_ipc *ipc, int up, void *arg)
{
	struct pif_mgr *m = arg;
	if (!up || m->bus->swept)
		return;
	m->bus->swept = 1;
	if (m->state.own)
		n2_ipc_members(ipc, 5000, on_members, m);
}

int bus_init(struct pif_mgr *m)
{
	if (!m->ipc)
		return 0;
	if (!(m->bus = n2_calloc(MT_BUS, 1, sizeof(*m->bus))))
		return -1;
	m->bus->m = m;
	for (size_t i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++)
		n2_ipc_handle(m->ipc, handlers[i].type, on_request, m);
	n2_ipc_watch_members(m->ipc, on_member, m);
	n2_ipc_add_state_cb(m->ipc, on_bus, m);
	if (n2_ipc_is_up(m->ipc))
		on_bus(m->ipc, 1, m);
	return 0;
}

void bus_fini(struct pif_mgr *m)
{
	n2_free(MT_BUS, m->bus);
	m->bus = NULL;
}
