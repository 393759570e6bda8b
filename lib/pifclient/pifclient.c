/* pifclient's bus I/O (see pifclient.h): subscriptions, the snapshot request, pif.* messages
 * decoded into pifc_core's values, the going-down hook and the requests. The only file of the
 * library that includes pif.pb-c.h; the rules themselves are in pifc_core.c. */
#include "pifclient.h"
#include "log.h"
#include "mem.h"
#include "pif.pb-c.h"
#include "pifc_core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

N2_MTYPE(MT_PIFC, "pif client");

#define SNAPSHOT_TIMEOUT_MS 5000
#define REQUEST_TIMEOUT_MS 5000

struct pifc {
	struct n2_ipc *ipc;
	struct n2_loop *loop;
	struct pifc_ops ops;
	struct pifc_core core;
	struct n2_timer *t_retry;
};

struct pifc_ack {
	struct pifc *c;
	char src[64], type[32];
	uint32_t seq;
};

const struct pifc_iface *pifc_by_index(const struct pifc *c, uint32_t ifindex)
{
	return pifc_core_by_index(&c->core, ifindex);
}

const struct pifc_iface *pifc_by_name(const struct pifc *c, const char *name)
{
	return pifc_core_by_name(&c->core, name);
}

void pifc_foreach(const struct pifc *c, void (*fn)(const struct pifc_iface *ifp, void *arg),
		  void *arg)
{
	for (size_t i = 0; i < c->core.n; i++)
		fn(c->core.ifs[i], arg);
}

int pifc_synced(const struct pifc *c)
{
	return c->core.synced;
}

/* ---- wire -> values ---- */

static void addr_from_pb(const N2os__Pif__Address *pa, struct pifc_addr *a)
{
	memset(a, 0, sizeof(*a));
	n2_prefix_parse(pa->prefix, &a->p, 1);
	a->secondary = pa->secondary;
	snprintf(a->origin, sizeof(a->origin), "%s", pa->origin);
}

static struct pifc_iface *iface_from_pb(const N2os__Pif__Interface *pi)
{
	struct pifc_iface *ifp = pifc_iface_alloc(pi->n_addresses);
	if (!ifp)
		return NULL;
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
	for (size_t i = 0; i < pi->n_addresses; i++)
		addr_from_pb(pi->addresses[i], &ifp->addrs[ifp->naddr++]);
	return ifp;
}

/* ---- snapshot ---- */

static void ask_snapshot(struct pifc *c);

static void retry(struct n2_loop *loop, void *arg)
{
	(void)loop;
	ask_snapshot(arg);
}

static void apply_snapshot(struct pifc *c, const N2os__Pif__Snapshot *s)
{
	struct pifc_iface **ifs = calloc(s->n_interfaces ? s->n_interfaces : 1, sizeof(*ifs));
	if (!ifs) {
		pifc_core_unanswered(&c->core);
		return;
	}
	size_t n = 0;
	for (size_t i = 0; i < s->n_interfaces; i++)
		if ((ifs[n] = iface_from_pb(s->interfaces[i])))
			n++;
	pifc_core_snapshot(&c->core, s->epoch, s->seq, ifs, n);
	free(ifs);
}

static void on_snapshot(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	struct pifc *c = arg;
	if (status != N2_IPC_OK) {
		pifc_core_unanswered(&c->core);
		/* pifmgr not there (its ipc.client up brings us back) or slow: try again later */
		if (status == N2_IPC_ETIMEOUT)
			n2_timer_add(c->loop, &c->t_retry, 1000000u, retry, c);
		return;
	}
	N2os__Pif__Snapshot *s = n2os__pif__snapshot__unpack(NULL, rep->len, rep->payload);
	if (!s) {
		pifc_core_unanswered(&c->core);
		n2_log_err("pifclient: malformed snapshot from pifmgr");
		return;
	}
	apply_snapshot(c, s);
	n2os__pif__snapshot__free_unpacked(s, NULL);
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
	if (c->core.asking || !n2_ipc_is_up(c->ipc))
		return;
	pifc_core_asking(&c->core);
	if (c->ops.going_down) {
		N2os__Pif__HookRequest h = N2OS__PIF__HOOK_REQUEST__INIT;
		h.going_down = 1;
		uint8_t buf[16];
		size_t len = n2os__pif__hook_request__pack(&h, buf);
		n2_ipc_request(c->ipc, "pifmgr", "pif.hook", buf, len, REQUEST_TIMEOUT_MS,
			       on_hook_reply, c);
	}
	if (n2_ipc_request(c->ipc, "pifmgr", "pif.snapshot", NULL, 0, SNAPSHOT_TIMEOUT_MS,
			   on_snapshot, c) < 0)
		pifc_core_unanswered(&c->core);
}

/* What a verdict asks of us: a resync means a new snapshot. */
static void after(struct pifc *c, enum pifc_verdict v, uint64_t epoch, uint64_t seq)
{
	if (v != PIFC_RESYNC)
		return;
	n2_log_info("pifclient: pif event %llu after %llu%s: asking the snapshot again",
		    (unsigned long long)seq, (unsigned long long)c->core.seq,
		    epoch != c->core.epoch ? " from a new pifmgr" : "");
	ask_snapshot(c);
}

/* ---- events ---- */

static void on_iface_ev(struct n2_ipc *ipc, const struct n2_msg *ev, void *arg)
{
	(void)ipc;
	struct pifc *c = arg;
	N2os__Pif__IfaceEvent *e = n2os__pif__iface_event__unpack(NULL, ev->len, ev->payload);
	struct pifc_iface *nw = e && e->iface ? iface_from_pb(e->iface) : NULL;
	if (nw) {
		enum pifc_op op = e->op == N2OS__PIF__IFACE_EVENT__OP__DEL      ? PIFC_DEL
				  : e->op == N2OS__PIF__IFACE_EVENT__OP__CHANGE ? PIFC_CHANGE
										: PIFC_ADD;
		after(c, pifc_core_iface(&c->core, e->epoch, e->seq, op, nw), e->epoch, e->seq);
	}
	if (e)
		n2os__pif__iface_event__free_unpacked(e, NULL);
}

static void on_link_ev(struct n2_ipc *ipc, const struct n2_msg *ev, void *arg)
{
	(void)ipc;
	struct pifc *c = arg;
	N2os__Pif__LinkEvent *e = n2os__pif__link_event__unpack(NULL, ev->len, ev->payload);
	if (!e)
		return;
	after(c,
	      pifc_core_link(&c->core, e->epoch, e->seq, e->ifindex, e->admin_up, e->oper_up,
			     e->netlink_us),
	      e->epoch, e->seq);
	n2os__pif__link_event__free_unpacked(e, NULL);
}

static void on_addr_ev(struct n2_ipc *ipc, const struct n2_msg *ev, void *arg)
{
	(void)ipc;
	struct pifc *c = arg;
	N2os__Pif__AddrEvent *e = n2os__pif__addr_event__unpack(NULL, ev->len, ev->payload);
	if (!e)
		return;
	if (e->address) {
		struct pifc_addr a;
		addr_from_pb(e->address, &a);
		enum pifc_op op = e->op == N2OS__PIF__ADDR_EVENT__OP__DEL ? PIFC_DEL : PIFC_ADD;
		after(c, pifc_core_addr(&c->core, e->epoch, e->seq, op, e->ifindex, &a), e->epoch,
		      e->seq);
	}
	n2os__pif__addr_event__free_unpacked(e, NULL);
}

static void on_member(const struct n2_member *m, void *arg)
{
	struct pifc *c = arg;
	if (strcmp(m->name, "pifmgr"))
		return;
	if (m->up)
		ask_snapshot(c);
	else
		pifc_core_lost(&c->core);
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
		c->ops.going_down(c, ifp, g->reason, ack, c->core.arg);
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
	pifc_core_unanswered(&c->core); /* a request is not answered across a reconnect */
	if (up)
		ask_snapshot(c);
	else
		pifc_core_lost(&c->core);
}

struct pifc *pifc_new(struct n2_loop *loop, struct n2_ipc *ipc, const struct pifc_ops *ops,
		      void *arg)
{
	struct pifc *c = n2_calloc(MT_PIFC, 1, sizeof(*c));
	if (!c)
		return NULL;
	c->ipc = ipc;
	c->ops = *ops;
	c->loop = loop;
	pifc_core_init(&c->core, &c->ops, c, arg);
	/* subscriptions first: the snapshot request follows them on the same connection */
	n2_ipc_subscribe(ipc, "pif.iface", on_iface_ev, c);
	n2_ipc_subscribe(ipc, "pif.link", on_link_ev, c);
	n2_ipc_subscribe(ipc, "pif.addr", on_addr_ev, c);
	n2_ipc_watch_members(ipc, on_member, c);
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
	pifc_core_free(&c->core);
	n2_free(MT_PIFC, c);
}

/* ---- requests ---- */

struct req_ctx {
	struct pifc *c;
	pifc_result_fn cb;
	void *arg;
	int macvlan; /* the reply is a MacvlanReply */
};

static void on_result(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	struct req_ctx *r = arg;
	struct pifc_result res = {
		.ok = status == N2_IPC_OK,
		.err = status == N2_IPC_OK         ? ""
		       : status == N2_IPC_EREMOTE  ? rep->error
		       : status == N2_IPC_ETIMEOUT ? "pifmgr did not answer"
						   : "lost the bus connection",
	};
	if (res.ok && r->macvlan) {
		N2os__Pif__MacvlanReply *m =
			n2os__pif__macvlan_reply__unpack(NULL, rep->len, rep->payload);
		if (m) {
			res.ifindex = m->ifindex;
			n2os__pif__macvlan_reply__free_unpacked(m, NULL);
		} else {
			res.ok = 0;
			res.err = "malformed reply from pifmgr";
		}
	}
	if (r->cb)
		r->cb(r->c, &res, r->arg);
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
	r->macvlan = !strcmp(type, "pif.macvlan.add");
	if (n2_ipc_request(c->ipc, "pifmgr", type, buf, len, REQUEST_TIMEOUT_MS, on_result, r) <
	    0) {
		n2_free(MT_PIFC, r);
		return -1;
	}
	return 0;
}

int pifc_addr(struct pifc *c, int add, const char *ifname, const char *prefix, unsigned flags,
	      pifc_result_fn cb, void *arg)
{
	N2os__Pif__AddrRequest r = N2OS__PIF__ADDR_REQUEST__INIT;
	r.ifname = (char *)ifname;
	r.prefix = (char *)prefix;
	r.secondary = !!(flags & PIFC_ADDR_SECONDARY);
	r.nodad = !!(flags & PIFC_ADDR_NODAD);
	r.no_accept = !!(flags & PIFC_ADDR_NOACCEPT);
	uint8_t buf[256];
	if (n2os__pif__addr_request__get_packed_size(&r) > sizeof(buf))
		return -1;
	size_t len = n2os__pif__addr_request__pack(&r, buf);
	return send_req(c, add ? "pif.addr.add" : "pif.addr.del", buf, len, cb, arg);
}

int pifc_macvlan_add(struct pifc *c, const char *name, const char *parent, const uint8_t mac[6],
		     const char *mode, unsigned flags, pifc_result_fn cb, void *arg)
{
	N2os__Pif__MacvlanRequest r = N2OS__PIF__MACVLAN_REQUEST__INIT;
	r.name = (char *)name;
	r.parent = (char *)parent;
	r.mac.data = (uint8_t *)mac;
	r.mac.len = 6;
	r.mode = (char *)(mode ? mode : "");
	r.up = !!(flags & PIFC_MACVLAN_UP);
	r.ipv6_only = !!(flags & PIFC_MACVLAN_IPV6_ONLY);
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
