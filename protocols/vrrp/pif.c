/* vrrpd and pifmgr: the interface table (snapshot, then events, re-synchronized on a gap), the
 * going-down hook (resign before an interface goes down), and the requests for the virtual-MAC
 * macvlan and the virtual addresses. pifmgr removes whatever it made for us if we die. The only
 * vrrpd file that sees pif.pb-c.h. */
#include "vrrpd.h"
#include "ipc.pb-c.h"
#include "log.h"
#include "pif.pb-c.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PIF_TIMEOUT_MS 3000

static struct {
	uint64_t epoch, seq;
	int snapshot_pending;
} ps;

static uint8_t *pack(const ProtobufCMessage *m, size_t *len)
{
	*len = protobuf_c_message_get_packed_size(m);
	uint8_t *b = malloc(*len + 1);
	if (b)
		protobuf_c_message_pack(m, b);
	return b;
}

static void request(const char *type, const ProtobufCMessage *m, n2_ipc_reply_cb cb, void *arg)
{
	size_t len = 0;
	uint8_t *buf = m ? pack(m, &len) : NULL;
	if (m && !buf)
		return;
	if (n2_ipc_request(V.d->ipc, "pifmgr", type, buf, len, PIF_TIMEOUT_MS, cb, arg) < 0 && cb)
		cb(V.d->ipc, N2_IPC_EDOWN, NULL, arg);
	free(buf);
}

static void apply_iface(const N2os__Pif__Interface *i)
{
	uint32_t addrs[32], primary = 0;
	int n = 0;
	for (size_t k = 0; k < i->n_addresses && n < 32; k++) {
		char ip[64];
		snprintf(ip, sizeof(ip), "%s", i->addresses[k]->prefix);
		char *slash = strchr(ip, '/');
		if (slash)
			*slash = 0;
		struct in_addr a;
		if (inet_pton(AF_INET, ip, &a) != 1)
			continue;
		addrs[n++] = a.s_addr;
		if (!primary && !i->addresses[k]->secondary)
			primary = a.s_addr;
	}
	ifdb_update(i->name, i->ifindex, i->oper_up, i->mac.len == 6 ? i->mac.data : NULL, addrs, n,
		    primary);
}

static void snapshot(void);

static void on_snapshot(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc, (void)arg;
	ps.snapshot_pending = 0;
	N2os__Pif__Snapshot *s = status == N2_IPC_OK
					 ? n2os__pif__snapshot__unpack(NULL, rep->len, rep->payload)
					 : NULL;
	if (!s) {
		n2_log_warn("pifmgr snapshot failed (%s); waiting for pifmgr",
			    status == N2_IPC_EREMOTE ? rep->error : "no answer");
		return; /* its ipc.client event brings us back */
	}
	ps.epoch = s->epoch;
	ps.seq = s->seq;
	V.pif_ready = 1;
	for (size_t i = 0; i < s->n_interfaces; i++)
		apply_iface(s->interfaces[i]);
	/* interfaces we wait for that pifmgr does not have */
	for (struct vif *v = V.vifs; v; v = v->next) {
		int found = 0;
		for (size_t i = 0; i < s->n_interfaces && !found; i++)
			found = !strcmp(s->interfaces[i]->name, v->name);
		if (!found)
			ifdb_gone(v->name);
	}
	for (struct track *t = V.tracks; t; t = t->next) {
		int found = 0;
		for (size_t i = 0; i < s->n_interfaces && !found; i++)
			found = !strcmp(s->interfaces[i]->name, t->ifname);
		if (!found)
			trackdb_link(t->ifname, 0, 0);
	}
	n2os__pif__snapshot__free_unpacked(s, NULL);
	n2_log_debug("pifmgr snapshot: epoch %llu seq %llu", (unsigned long long)ps.epoch,
		     (unsigned long long)ps.seq);
}

static void on_hook(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc, (void)arg;
	if (status != N2_IPC_OK)
		n2_log_warn("cannot register for pifmgr's going-down hook: %s",
			    status == N2_IPC_EREMOTE ? rep->error : "no answer");
}

static void snapshot(void)
{
	if (ps.snapshot_pending)
		return;
	ps.snapshot_pending = 1;
	request("pif.snapshot", NULL, on_snapshot, NULL);
	N2os__Pif__HookRequest h = N2OS__PIF__HOOK_REQUEST__INIT;
	h.going_down = 1;
	request("pif.hook", &h.base, on_hook, NULL);
}

/* 1 when the event is the next one; 0 to ignore it (already in the snapshot, or one is on its
 * way); on a gap or a new pifmgr, asks for the snapshot again. */
static int in_sequence(uint64_t epoch, uint64_t seq)
{
	if (ps.snapshot_pending || !V.pif_ready)
		return 0;
	if (epoch == ps.epoch && seq <= ps.seq)
		return 0;
	if (epoch != ps.epoch || seq != ps.seq + 1) {
		n2_log_info("pifmgr events: gap or restart (epoch %llu seq %llu after %llu/%llu), "
			    "re-reading the table",
			    (unsigned long long)epoch, (unsigned long long)seq,
			    (unsigned long long)ps.epoch, (unsigned long long)ps.seq);
		snapshot();
		return 0;
	}
	ps.seq = seq;
	return 1;
}

static void on_iface(struct n2_ipc *ipc, const struct n2_msg *ev, void *arg)
{
	(void)ipc, (void)arg;
	N2os__Pif__IfaceEvent *e = n2os__pif__iface_event__unpack(NULL, ev->len, ev->payload);
	if (!e)
		return;
	if (in_sequence(e->epoch, e->seq) && e->iface) {
		if (e->op == N2OS__PIF__IFACE_EVENT__OP__DEL)
			ifdb_gone(e->iface->name);
		else
			apply_iface(e->iface);
	}
	n2os__pif__iface_event__free_unpacked(e, NULL);
}

/* The line protocol: the fast path that tracking and failover wait for. */
static void on_link(struct n2_ipc *ipc, const struct n2_msg *ev, void *arg)
{
	(void)ipc, (void)arg;
	N2os__Pif__LinkEvent *e = n2os__pif__link_event__unpack(NULL, ev->len, ev->payload);
	if (!e)
		return;
	if (in_sequence(e->epoch, e->seq)) {
		struct vif *v = ifdb_get(e->name, 0);
		if (v)
			ifdb_update(v->name, e->ifindex, e->oper_up, NULL, NULL, 0, 0);
		else
			trackdb_link(e->name, 1, e->oper_up);
	}
	n2os__pif__link_event__free_unpacked(e, NULL);
}

static void on_addr(struct n2_ipc *ipc, const struct n2_msg *ev, void *arg)
{
	(void)ipc, (void)arg;
	N2os__Pif__AddrEvent *e = n2os__pif__addr_event__unpack(NULL, ev->len, ev->payload);
	if (!e)
		return;
	if (in_sequence(e->epoch, e->seq) && ifdb_get(e->ifname, 0))
		pif_query(e->ifname);
	n2os__pif__addr_event__free_unpacked(e, NULL);
}

static void on_get(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	char *name = arg;
	N2os__Pif__Interface *i =
		status == N2_IPC_OK ? n2os__pif__interface__unpack(NULL, rep->len, rep->payload)
				    : NULL;
	if (i) {
		apply_iface(i);
		n2os__pif__interface__free_unpacked(i, NULL);
	} else if (status == N2_IPC_EREMOTE) {
		ifdb_gone(name); /* pifmgr does not know it */
	}
	free(name);
}

void pif_query(const char *ifname)
{
	if (!V.pif_ready)
		return; /* the snapshot will tell */
	N2os__Pif__GetRequest q = N2OS__PIF__GET_REQUEST__INIT;
	q.name = (char *)ifname;
	request("pif.get", &q.base, on_get, strdup(ifname));
}

/* pifmgr is about to bring an interface down: resign first (priority 0), then answer. */
static void on_going_down(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	(void)arg;
	N2os__Pif__GoingDown *g = n2os__pif__going_down__unpack(NULL, req->len, req->payload);
	if (g) {
		struct vif *v = ifdb_get(g->name, 0);
		if (v) {
			char why[96];
			snprintf(why, sizeof(why), "%s going down (%s)", g->name, g->reason);
			group_resign_iface(v, why);
		}
		n2os__pif__going_down__free_unpacked(g, NULL);
	}
	n2_ipc_reply(ipc, req, NULL, 0);
}

static void on_bus(struct n2_ipc *ipc, int up, void *arg)
{
	(void)ipc, (void)arg;
	V.pif_ready = 0;
	if (up)
		snapshot();
}

static void on_client(struct n2_ipc *ipc, const struct n2_msg *ev, void *arg)
{
	(void)ipc, (void)arg;
	N2os__Ipc__ClientEvent *ce = n2os__ipc__client_event__unpack(NULL, ev->len, ev->payload);
	if (!ce)
		return;
	if (!strcmp(ce->name, "pifmgr")) {
		if (ce->up) {
			snapshot();
		} else {
			/* what pifmgr made for us survives its restart (it keeps the owners in
			 * pifmgr.state, and we are still on the bus): only the table is stale */
			V.pif_ready = 0;
		}
	}
	n2os__ipc__client_event__free_unpacked(ce, NULL);
}

/* ---- requests ---- */

struct mvreq {
	struct vif *vif;
	uint8_t vrid;
};

static struct group *still_there(struct mvreq *r)
{
	for (struct vif *v = V.vifs; v; v = v->next)
		if (v == r->vif)
			return group_find(v, r->vrid);
	return NULL;
}

static void on_macvlan(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	struct mvreq *r = arg;
	struct group *g = still_there(r);
	free(r);
	if (!g)
		return;
	g->mv_pending = 0;
	N2os__Pif__MacvlanReply *m =
		status == N2_IPC_OK ? n2os__pif__macvlan_reply__unpack(NULL, rep->len, rep->payload)
				    : NULL;
	if (!m) {
		n2_log_err("%s vrid %u: cannot create the virtual-MAC interface %s: %s",
			   g->vif->name, g->cfg.vrid, g->mvname,
			   status == N2_IPC_EREMOTE ? rep->error : "pifmgr did not answer");
		g->mvindex = 0;
		return;
	}
	n2_log_debug("%s vrid %u: %s is ifindex %u", g->vif->name, g->cfg.vrid, m->name,
		     m->ifindex);
	group_mv_created(g, m->ifindex);
	n2os__pif__macvlan_reply__free_unpacked(m, NULL);
}

void pif_macvlan_create(struct group *g)
{
	if (g->mvindex || g->mv_pending || !g->vif->ifindex)
		return;
	g->mv_pending = 1;
	char name[32]; /* ifindex fits 5 digits in practice; the kernel limit is 15 characters */
	snprintf(name, sizeof(name), "vrrp%u.%u", g->vif->ifindex % 100000u, g->cfg.vrid);
	snprintf(g->mvname, sizeof(g->mvname), "%.15s", name);
	uint8_t mac[6];
	group_vmac(g, mac);
	N2os__Pif__MacvlanRequest q = N2OS__PIF__MACVLAN_REQUEST__INIT;
	q.name = g->mvname;
	q.parent = g->vif->name;
	q.mac.data = mac;
	q.mac.len = 6;
	/* not "private": in private (and passthru) mode the kernel hands a multicast frame whose
	 * source is the macvlan's own MAC to that macvlan only, as if it were its own frame
	 * reflected by the switch, so while we are master the parent never sees another router's
	 * advertisements (they carry the same virtual MAC) and two masters never hear each other */
	q.mode = "bridge";
	q.up = 0;
	struct mvreq *r = malloc(sizeof(*r));
	if (!r)
		return;
	r->vif = g->vif;
	r->vrid = g->cfg.vrid;
	request("pif.macvlan.add", &q.base, on_macvlan, r);
}

static void on_done(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	char *what = arg;
	if (status != N2_IPC_OK)
		n2_log_warn("pifmgr: %s: %s", what,
			    status == N2_IPC_EREMOTE ? rep->error : "no answer");
	free(what);
}

static void *describe(const char *fmt, const char *a, const char *b)
{
	char buf[160];
	snprintf(buf, sizeof(buf), fmt, a, b);
	return strdup(buf);
}

void pif_macvlan_delete(struct group *g)
{
	if (!g->mvname[0])
		return;
	N2os__Pif__MacvlanRequest q = N2OS__PIF__MACVLAN_REQUEST__INIT;
	q.name = g->mvname;
	request("pif.macvlan.del", &q.base, on_done, describe("delete %s%s", g->mvname, ""));
	g->mvindex = 0;
}

void pif_macvlan_admin(struct group *g, int up)
{
	N2os__Pif__AdminRequest q = N2OS__PIF__ADMIN_REQUEST__INIT;
	q.ifname = g->mvname;
	q.up = up;
	request("pif.admin", &q.base, on_done,
		describe("set %s %s", g->mvname, up ? "up" : "down"));
}

void pif_vip(struct group *g, uint32_t vip, int add)
{
	char prefix[32];
	inet_ntop(AF_INET, &vip, prefix, sizeof(prefix));
	strcat(prefix, "/32");
	N2os__Pif__AddrRequest q = N2OS__PIF__ADDR_REQUEST__INIT;
	q.ifname = g->mvname;
	q.prefix = prefix;
	request(add ? "pif.addr.add" : "pif.addr.del", &q.base, on_done,
		describe(add ? "add %s to %s" : "remove %s from %s", prefix, g->mvname));
}

void pif_init(void)
{
	struct n2_ipc *ipc = V.d->ipc;
	n2_ipc_subscribe(ipc, "pif.iface", on_iface, NULL);
	n2_ipc_subscribe(ipc, "pif.link", on_link, NULL);
	n2_ipc_subscribe(ipc, "pif.addr", on_addr, NULL);
	n2_ipc_subscribe(ipc, "ipc.client", on_client, NULL);
	n2_ipc_handle(ipc, "pif.going_down", on_going_down, NULL);
	n2_ipc_add_state_cb(ipc, on_bus, NULL);
}
