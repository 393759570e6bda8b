/* pifclient (see pifclient.h). The only file of the library that includes pif.pb-c.h. */
#include "pifclient.h"
#include "ipc.pb-c.h"
#include "log.h"
#include "mem.h"
#include "pif.pb-c.h"

#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

N2_MTYPE(MT_PIFC, "pif client");
N2_MTYPE(MT_PIFC_IF, "pif client interface");

#define SNAPSHOT_TIMEOUT_MS 5000
#define REQUEST_TIMEOUT_MS 5000

struct pifc {
	struct n2_ipc *ipc;
	struct pifc_ops ops;
	void *arg;
	struct pifc_iface **ifs;
	size_t n, cap;
	uint64_t epoch, seq;
	int synced, pending;
	struct n2_timer *t_retry;
	struct n2_loop *loop;
};

struct pifc_ack {
	struct pifc *c;
	char src[64], type[32];
	uint32_t seq;
};

/* ---- the copy ---- */

static void iface_free(struct pifc_iface *ifp)
{
	if (ifp) {
		n2_free(MT_PIFC_IF, ifp->addrs);
		n2_free(MT_PIFC_IF, ifp);
	}
}

static ssize_t find_index(const struct pifc *c, uint32_t ifindex)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->ifs[i]->ifindex == ifindex)
			return (ssize_t)i;
	return -1;
}

const struct pifc_iface *pifc_by_index(const struct pifc *c, uint32_t ifindex)
{
	ssize_t i = find_index(c, ifindex);
	return i < 0 ? NULL : c->ifs[i];
}

const struct pifc_iface *pifc_by_name(const struct pifc *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->ifs[i]->name, name))
			return c->ifs[i];
	return NULL;
}

void pifc_foreach(const struct pifc *c, void (*fn)(const struct pifc_iface *ifp, void *arg),
		  void *arg)
{
	for (size_t i = 0; i < c->n; i++)
		fn(c->ifs[i], arg);
}

int pifc_synced(const struct pifc *c)
{
	return c->synced;
}

static int put_iface(struct pifc *c, struct pifc_iface *ifp)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		struct pifc_iface **n = n2_realloc(MT_PIFC, c->ifs, cap * sizeof(*n));
		if (!n)
			return -1;
		c->ifs = n;
		c->cap = cap;
	}
	c->ifs[c->n++] = ifp;
	return 0;
}

static void remove_at(struct pifc *c, size_t i)
{
	c->ifs[i] = c->ifs[--c->n];
}

static void addr_from_pb(const N2os__Pif__Address *pa, struct pifc_addr *a)
{
	memset(a, 0, sizeof(*a));
	n2_prefix_parse(pa->prefix, &a->p, 1);
	a->secondary = pa->secondary;
	snprintf(a->origin, sizeof(a->origin), "%s", pa->origin);
}

/* Attributes (not addresses) from the wire. */
static void attrs_from_pb(const N2os__Pif__Interface *pi, struct pifc_iface *ifp)
{
	ifp->ifindex = pi->ifindex;
	snprintf(ifp->name, sizeof(ifp->name), "%s", pi->name);
	ifp->admin_up = pi->admin_up;
	ifp->oper_up = pi->oper_up;
	snprintf(ifp->oper_state, sizeof(ifp->oper_state), "%s", pi->oper_state);
	ifp->mtu = pi->mtu;
	ifp->maclen = pi->mac.len == 6 ? 6 : 0;
	if (ifp->maclen)
		memcpy(ifp->mac, pi->mac.data, 6);
	snprintf(ifp->kind, sizeof(ifp->kind), "%s", pi->kind);
	ifp->parent = pi->parent_ifindex;
	snprintf(ifp->description, sizeof(ifp->description), "%s", pi->description);
	ifp->flags = pi->flags;
	snprintf(ifp->owner, sizeof(ifp->owner), "%s", pi->owner);
}

static struct pifc_iface *iface_from_pb(const N2os__Pif__Interface *pi)
{
	struct pifc_iface *ifp = n2_calloc(MT_PIFC_IF, 1, sizeof(*ifp));
	if (!ifp)
		return NULL;
	attrs_from_pb(pi, ifp);
	if (pi->n_addresses &&
	    !(ifp->addrs = n2_calloc(MT_PIFC_IF, pi->n_addresses, sizeof(*ifp->addrs)))) {
		n2_free(MT_PIFC_IF, ifp);
		return NULL;
	}
	for (size_t i = 0; i < pi->n_addresses; i++)
		addr_from_pb(pi->addresses[i], &ifp->addrs[ifp->naddr++]);
	return ifp;
}

static int attrs_differ(const struct pifc_iface *a, const struct pifc_iface *b)
{
	return strcmp(a->name, b->name) || a->mtu != b->mtu || a->maclen != b->maclen ||
	       memcmp(a->mac, b->mac, 6) || strcmp(a->kind, b->kind) || a->parent != b->parent ||
	       strcmp(a->description, b->description) || strcmp(a->owner, b->owner) ||
	       strcmp(a->oper_state, b->oper_state) ||
	       ((a->flags ^ b->flags) & ~(unsigned)(IFF_UP | IFF_RUNNING));
}

static struct pifc_addr *addr_find(const struct pifc_iface *ifp, const struct n2_prefix *p)
{
	for (size_t i = 0; i < ifp->naddr; i++)
		if (n2_prefix_eq(&ifp->addrs[i].p, p))
			return &ifp->addrs[i];
	return NULL;
}

static void addr_put(struct pifc *c, struct pifc_iface *ifp, const struct pifc_addr *a)
{
	struct pifc_addr *old = addr_find(ifp, &a->p);
	if (old) {
		if (old->secondary == a->secondary && !strcmp(old->origin, a->origin))
			return;
		*old = *a;
	} else {
		struct pifc_addr *n =
			n2_realloc(MT_PIFC_IF, ifp->addrs, (ifp->naddr + 1) * sizeof(*n));
		if (!n)
			return;
		ifp->addrs = n;
		ifp->addrs[ifp->naddr++] = *a;
		old = &ifp->addrs[ifp->naddr - 1];
	}
	if (c->ops.addr)
		c->ops.addr(c, PIFC_ADD, ifp, old, c->arg);
}

static void addr_remove(struct pifc *c, struct pifc_iface *ifp, const struct n2_prefix *p)
{
	struct pifc_addr *a = addr_find(ifp, p);
	if (!a)
		return;
	struct pifc_addr gone = *a;
	*a = ifp->addrs[--ifp->naddr];
	if (c->ops.addr)
		c->ops.addr(c, PIFC_DEL, ifp, &gone, c->arg);
}

static void iface_remove(struct pifc *c, size_t i)
{
	struct pifc_iface *ifp = c->ifs[i];
	while (ifp->naddr) {
		struct n2_prefix p = ifp->addrs[ifp->naddr - 1].p;
		addr_remove(c, ifp, &p);
	}
	remove_at(c, i);
	if (c->ops.iface)
		c->ops.iface(c, PIFC_DEL, ifp, c->arg);
	iface_free(ifp);
}

/* Brings our copy of one interface to `nw` (from a snapshot), reporting each difference. */
static void merge_iface(struct pifc *c, struct pifc_iface *nw)
{
	ssize_t i = find_index(c, nw->ifindex);
	if (i < 0) {
		struct pifc_addr *addrs = nw->addrs;
		size_t naddr = nw->naddr;
		nw->addrs = NULL;
		nw->naddr = 0;
		if (put_iface(c, nw) < 0) {
			n2_free(MT_PIFC_IF, addrs);
			iface_free(nw);
			return;
		}
		if (c->ops.iface)
			c->ops.iface(c, PIFC_ADD, nw, c->arg);
		for (size_t k = 0; k < naddr; k++)
			addr_put(c, nw, &addrs[k]);
		n2_free(MT_PIFC_IF, addrs);
		return;
	}
	struct pifc_iface *old = c->ifs[i];
	for (size_t k = old->naddr; k-- > 0;)
		if (!addr_find(nw, &old->addrs[k].p)) {
			struct n2_prefix p = old->addrs[k].p;
			addr_remove(c, old, &p);
		}
	int changed = attrs_differ(old, nw);
	int link = old->admin_up != nw->admin_up || old->oper_up != nw->oper_up;
	struct pifc_addr *addrs = old->addrs;
	size_t naddr = old->naddr;
	*old = *nw;
	old->addrs = addrs;
	old->naddr = naddr;
	if (link && c->ops.link)
		c->ops.link(c, old, 0, c->arg);
	if (changed && c->ops.iface)
		c->ops.iface(c, PIFC_CHANGE, old, c->arg);
	for (size_t k = 0; k < nw->naddr; k++)
		addr_put(c, old, &nw->addrs[k]);
	iface_free(nw);
}

/* ---- snapshot ---- */

static void ask_snapshot(struct pifc *c);

static void retry(struct n2_loop *loop, void *arg)
{
	(void)loop;
	ask_snapshot(arg);
}

static void on_snapshot(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	struct pifc *c = arg;
	c->pending = 0;
	if (status != N2_IPC_OK) {
		/* pifmgr not there (its ipc.client up brings us back) or slow: try again later */
		if (status == N2_IPC_ETIMEOUT)
			n2_timer_add(c->loop, &c->t_retry, 1000000u, retry, c);
		return;
	}
	N2os__Pif__Snapshot *s = n2os__pif__snapshot__unpack(NULL, rep->len, rep->payload);
	if (!s) {
		n2_log_err("pifclient: malformed snapshot from pifmgr");
		return;
	}
	for (size_t i = c->n; i-- > 0;) {
		int present = 0;
		for (size_t k = 0; k < s->n_interfaces && !present; k++)
			present = s->interfaces[k]->ifindex == c->ifs[i]->ifindex;
		if (!present)
			iface_remove(c, i);
	}
	for (size_t k = 0; k < s->n_interfaces; k++) {
		struct pifc_iface *nw = iface_from_pb(s->interfaces[k]);
		if (nw)
			merge_iface(c, nw);
	}
	c->epoch = s->epoch;
	c->seq = s->seq;
	c->synced = 1;
	n2os__pif__snapshot__free_unpacked(s, NULL);
	if (c->ops.synced)
		c->ops.synced(c, c->arg);
}

static void on_hook_reply(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	(void)arg;
	if (status == N2_IPC_EREMOTE)
		n2_log_err("pifclient: pifmgr refused the going-down hook: %s", rep->error);
}

static void ask_snapshot(struct pifc *c)
{
	if (c->pending || !n2_ipc_is_up(c->ipc))
		return;
	c->synced = 0;
	if (c->ops.going_down) {
		N2os__Pif__HookRequest h = N2OS__PIF__HOOK_REQUEST__INIT;
		h.going_down = 1;
		uint8_t buf[16];
		size_t len = n2os__pif__hook_request__pack(&h, buf);
		n2_ipc_request(c->ipc, "pifmgr", "pif.hook", buf, len, REQUEST_TIMEOUT_MS,
			       on_hook_reply, c);
	}
	if (n2_ipc_request(c->ipc, "pifmgr", "pif.snapshot", NULL, 0, SNAPSHOT_TIMEOUT_MS,
			   on_snapshot, c) == 0)
		c->pending = 1;
}

/* An event is applied when it is the next one; anything else means we are out of step. */
static int in_step(struct pifc *c, uint64_t epoch, uint64_t seq)
{
	if (c->pending || !c->synced)
		return 0; /* the coming snapshot contains it */
	if (epoch != c->epoch || seq != c->seq + 1) {
		if (epoch == c->epoch && seq <= c->seq)
			return 0; /* old news */
		n2_log_info("pifclient: pif event %llu after %llu%s: asking the snapshot again",
			    (unsigned long long)seq, (unsigned long long)c->seq,
			    epoch != c->epoch ? " from a new pifmgr" : "");
		ask_snapshot(c);
		return 0;
	}
	c->seq = seq;
	return 1;
}

/* ---- events ---- */

static void on_iface_ev(struct n2_ipc *ipc, const struct n2_msg *ev, void *arg)
{
	(void)ipc;
	struct pifc *c = arg;
	N2os__Pif__IfaceEvent *e = n2os__pif__iface_event__unpack(NULL, ev->len, ev->payload);
	if (!e || !e->iface) {
		if (e)
			n2os__pif__iface_event__free_unpacked(e, NULL);
		return;
	}
	if (in_step(c, e->epoch, e->seq)) {
		ssize_t i = find_index(c, e->iface->ifindex);
		if (e->op == N2OS__PIF__IFACE_EVENT__OP__DEL) {
			if (i >= 0)
				iface_remove(c, (size_t)i);
		} else {
			struct pifc_iface *nw = iface_from_pb(e->iface);
			if (nw) {
				n2_free(MT_PIFC_IF,
					nw->addrs); /* addresses come as their own events */
				nw->addrs = NULL;
				nw->naddr = 0;
				struct pifc_iface *old = i >= 0 ? c->ifs[i] : NULL;
				if (old) {
					nw->addrs = old->addrs;
					nw->naddr = old->naddr;
					old->addrs = NULL;
					old->naddr = 0;
					int link = old->admin_up != nw->admin_up ||
						   old->oper_up != nw->oper_up;
					*old = *nw;
					n2_free(MT_PIFC_IF, nw);
					if (link && c->ops.link)
						c->ops.link(c, old, 0, c->arg);
					if (c->ops.iface)
						c->ops.iface(c, PIFC_CHANGE, old, c->arg);
				} else if (put_iface(c, nw) == 0) {
					if (c->ops.iface)
						c->ops.iface(c, PIFC_ADD, nw, c->arg);
				} else {
					iface_free(nw);
				}
			}
		}
	}
	n2os__pif__iface_event__free_unpacked(e, NULL);
}

static void on_link_ev(struct n2_ipc *ipc, const struct n2_msg *ev, void *arg)
{
	(void)ipc;
	struct pifc *c = arg;
	N2os__Pif__LinkEvent *e = n2os__pif__link_event__unpack(NULL, ev->len, ev->payload);
	if (!e)
		return;
	if (in_step(c, e->epoch, e->seq)) {
		ssize_t i = find_index(c, e->ifindex);
		if (i >= 0) {
			struct pifc_iface *ifp = c->ifs[i];
			ifp->admin_up = e->admin_up;
			ifp->oper_up = e->oper_up;
			ifp->flags = (ifp->flags & ~(unsigned)(IFF_UP | IFF_RUNNING)) |
				     (e->admin_up ? IFF_UP : 0) | (e->oper_up ? IFF_RUNNING : 0);
			if (c->ops.link)
				c->ops.link(c, ifp, e->netlink_us, c->arg);
		}
	}
	n2os__pif__link_event__free_unpacked(e, NULL);
}

static void on_addr_ev(struct n2_ipc *ipc, const struct n2_msg *ev, void *arg)
{
	(void)ipc;
	struct pifc *c = arg;
	N2os__Pif__AddrEvent *e = n2os__pif__addr_event__unpack(NULL, ev->len, ev->payload);
	if (!e)
		return;
	if (in_step(c, e->epoch, e->seq) && e->address) {
		ssize_t i = find_index(c, e->ifindex);
		if (i >= 0) {
			struct pifc_addr a;
			addr_from_pb(e->address, &a);
			if (e->op == N2OS__PIF__ADDR_EVENT__OP__DEL)
				addr_remove(c, c->ifs[i], &a.p);
			else
				addr_put(c, c->ifs[i], &a);
		}
	}
	n2os__pif__addr_event__free_unpacked(e, NULL);
}

static void on_client(struct n2_ipc *ipc, const struct n2_msg *ev, void *arg)
{
	(void)ipc;
	struct pifc *c = arg;
	N2os__Ipc__ClientEvent *ce = n2os__ipc__client_event__unpack(NULL, ev->len, ev->payload);
	if (!ce)
		return;
	if (!strcmp(ce->name, "pifmgr")) {
		if (ce->up)
			ask_snapshot(c);
		else
			c->synced = 0;
	}
	n2os__ipc__client_event__free_unpacked(ce, NULL);
}

static void on_going_down(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	struct pifc *c = arg;
	N2os__Pif__GoingDown *g = n2os__pif__going_down__unpack(NULL, req->len, req->payload);
	if (!g) {
		n2_ipc_reply_error(ipc, req, "malformed pif.going_down");
		return;
	}
	const struct pifc_iface *ifp = pifc_by_index(c, g->ifindex);
	struct pifc_ack *ack = n2_calloc(MT_PIFC, 1, sizeof(*ack));
	if (!ifp || !c->ops.going_down || !ack) {
		n2_ipc_reply(ipc, req, NULL, 0);
		n2_free(MT_PIFC, ack);
	} else {
		ack->c = c;
		snprintf(ack->src, sizeof(ack->src), "%s", req->src);
		snprintf(ack->type, sizeof(ack->type), "%s", req->type);
		ack->seq = req->seq;
		c->ops.going_down(c, ifp, g->reason, ack, c->arg);
	}
	n2os__pif__going_down__free_unpacked(g, NULL);
}

void pifc_going_down_done(struct pifc_ack *ack)
{
	if (!ack)
		return;
	struct n2_msg req = {
		.kind = N2_MSG_REQUEST, .src = ack->src, .type = ack->type, .seq = ack->seq};
	n2_ipc_reply(ack->c->ipc, &req, NULL, 0);
	n2_free(MT_PIFC, ack);
}

static void on_bus(struct n2_ipc *ipc, int up, void *arg)
{
	(void)ipc;
	struct pifc *c = arg;
	c->pending = 0;
	if (up)
		ask_snapshot(c);
	else
		c->synced = 0;
}

struct pifc *pifc_new(struct n2_loop *loop, struct n2_ipc *ipc, const struct pifc_ops *ops,
		      void *arg)
{
	struct pifc *c = n2_calloc(MT_PIFC, 1, sizeof(*c));
	if (!c)
		return NULL;
	c->ipc = ipc;
	c->ops = *ops;
	c->arg = arg;
	c->loop = loop;
	/* subscriptions first: the snapshot request follows them on the same connection */
	n2_ipc_subscribe(ipc, "pif.iface", on_iface_ev, c);
	n2_ipc_subscribe(ipc, "pif.link", on_link_ev, c);
	n2_ipc_subscribe(ipc, "pif.addr", on_addr_ev, c);
	n2_ipc_subscribe(ipc, "ipc.client", on_client, c);
	if (ops->going_down)
		n2_ipc_handle(ipc, "pif.going_down", on_going_down, c);
	n2_ipc_add_state_cb(ipc, on_bus, c);
	ask_snapshot(c);
	return c;
}

void pifc_free(struct pifc *c)
{
	if (!c)
		return;
	n2_timer_cancel(&c->t_retry);
	for (size_t i = 0; i < c->n; i++)
		iface_free(c->ifs[i]);
	n2_free(MT_PIFC, c->ifs);
	n2_free(MT_PIFC, c);
}

/* ---- requests ---- */

struct req_ctx {
	struct pifc *c;
	pifc_result_fn cb;
	void *arg;
};

static void on_result(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	struct req_ctx *r = arg;
	if (r->cb)
		r->cb(r->c, status == N2_IPC_OK,
		      status == N2_IPC_OK         ? ""
		      : status == N2_IPC_EREMOTE  ? rep->error
		      : status == N2_IPC_ETIMEOUT ? "pifmgr did not answer"
						  : "lost the bus connection",
		      r->arg);
	n2_free(MT_PIFC, r);
}

static int send_req(struct pifc *c, const char *type, const uint8_t *buf, size_t len,
		    pifc_result_fn cb, void *arg)
{
	struct req_ctx *r = n2_calloc(MT_PIFC, 1, sizeof(*r));
	if (!r)
		return -1;
	r->c = c;
	r->cb = cb;
	r->arg = arg;
	if (n2_ipc_request(c->ipc, "pifmgr", type, buf, len, REQUEST_TIMEOUT_MS, on_result, r) <
	    0) {
		n2_free(MT_PIFC, r);
		return -1;
	}
	return 0;
}

int pifc_addr(struct pifc *c, int add, const char *ifname, const char *prefix, int secondary,
	      pifc_result_fn cb, void *arg)
{
	N2os__Pif__AddrRequest r = N2OS__PIF__ADDR_REQUEST__INIT;
	r.ifname = (char *)ifname;
	r.prefix = (char *)prefix;
	r.secondary = secondary;
	uint8_t buf[256];
	if (n2os__pif__addr_request__get_packed_size(&r) > sizeof(buf))
		return -1;
	size_t len = n2os__pif__addr_request__pack(&r, buf);
	return send_req(c, add ? "pif.addr.add" : "pif.addr.del", buf, len, cb, arg);
}

int pifc_macvlan_add(struct pifc *c, const char *name, const char *parent, const uint8_t mac[6],
		     const char *mode, int up, pifc_result_fn cb, void *arg)
{
	N2os__Pif__MacvlanRequest r = N2OS__PIF__MACVLAN_REQUEST__INIT;
	r.name = (char *)name;
	r.parent = (char *)parent;
	r.mac.data = (uint8_t *)mac;
	r.mac.len = 6;
	r.mode = (char *)(mode ? mode : "");
	r.up = up;
	uint8_t buf[256];
	if (n2os__pif__macvlan_request__get_packed_size(&r) > sizeof(buf))
		return -1;
	size_t len = n2os__pif__macvlan_request__pack(&r, buf);
	return send_req(c, "pif.macvlan.add", buf, len, cb, arg);
}

int pifc_macvlan_del(struct pifc *c, const char *name, pifc_result_fn cb, void *arg)
{
	N2os__Pif__MacvlanRequest r = N2OS__PIF__MACVLAN_REQUEST__INIT;
	r.name = (char *)name;
	uint8_t buf[128];
	if (n2os__pif__macvlan_request__get_packed_size(&r) > sizeof(buf))
		return -1;
	size_t len = n2os__pif__macvlan_request__pack(&r, buf);
	return send_req(c, "pif.macvlan.del", buf, len, cb, arg);
}

int pifc_admin(struct pifc *c, const char *ifname, int up, pifc_result_fn cb, void *arg)
{
	N2os__Pif__AdminRequest r = N2OS__PIF__ADMIN_REQUEST__INIT;
	r.ifname = (char *)ifname;
	r.up = up;
	uint8_t buf[128];
	if (n2os__pif__admin_request__get_packed_size(&r) > sizeof(buf))
		return -1;
	size_t len = n2os__pif__admin_request__pack(&r, buf);
	return send_req(c, "pif.admin", buf, len, cb, arg);
}
