/* vrrpd's bus adapter toward pifmgr. The interface table comes through lib/pifclient (a
 * snapshot, then events, re-synchronized on a gap) and its changes go to the Interface and
 * Tracking Databases; the going-down hook resigns before an interface goes down; the requests
 * ask for the virtual-MAC macvlan and the virtual addresses. pifmgr removes whatever it made for
 * us if we die. */
#include "vrrpd.h"
#include "log.h"
#include "pifclient.h"
#include "vrrp_frame.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An interface as the copy has it, into the databases: its IPv4 and IPv6 addresses in pifmgr's
 * order, the first primary IPv4 one being the interface's primary address, the first IPv6
 * link-local one its link-local address (RFC 9568 5.1.2.1: a v6 group's source). */
static void apply(struct vrrpd *vd, const struct pifc_iface *ifp)
{
	struct n2_addr addrs[32], primary = {0}, ll6 = {0};
	int n = 0;
	for (size_t k = 0; k < ifp->naddr && n < 32; k++) {
		const struct pifc_addr *a = &ifp->addrs[k];
		if (a->p.family != AF_INET && a->p.family != AF_INET6)
			continue;
		addrs[n] = n2_prefix_addr(&a->p);
		if (a->p.family == AF_INET && n2_addr_is_none(&primary) && !a->secondary)
			primary = addrs[n];
		if (n2_addr_is_none(&ll6) && vrrp_is_link_local(&addrs[n]))
			ll6 = addrs[n];
		n++;
	}
	ifdb_update(vd, ifp->name, ifp->ifindex, ifp->oper_up, ifp->maclen == 6 ? ifp->mac : NULL,
		    addrs, n, &primary, &ll6);
}

/* Changes are taken one by one once in sync; the differences a snapshot brings are taken as a
 * whole when it is complete (on_synced). */
static void on_iface(struct pifc *c, enum pifc_op op, const struct pifc_iface *ifp, void *arg)
{
	if (!pifc_synced(c))
		return;
	if (op == PIFC_DEL)
		ifdb_gone(arg, ifp->name);
	else
		apply(arg, ifp);
}

/* The line protocol: the fast path that tracking and failover wait for. */
static void on_link(struct pifc *c, const struct pifc_iface *ifp, uint64_t netlink_us, void *arg)
{
	(void)netlink_us;
	if (pifc_synced(c))
		apply(arg, ifp);
}

static void on_addr(struct pifc *c, enum pifc_op op, const struct pifc_iface *ifp,
		    const struct pifc_addr *a, void *arg)
{
	(void)op, (void)a;
	if (pifc_synced(c) && ifdb_get(arg, ifp->name, 0))
		apply(arg, ifp);
}

static void apply_each(const struct pifc_iface *ifp, void *arg)
{
	apply(arg, ifp);
}

static void on_synced(struct pifc *c, void *arg)
{
	struct vrrpd *vd = arg;
	vd->pif_ready = 1;
	pifc_foreach(c, apply_each, vd);
	/* interfaces we wait for that pifmgr does not have */
	for (struct vif *v = vd->vifs; v; v = v->next)
		if (!pifc_by_name(c, v->name))
			ifdb_gone(vd, v->name);
	for (struct track *t = vd->tracks; t; t = t->next)
		if (!pifc_by_name(c, t->ifname))
			trackdb_link(vd, t->ifname, 0, 0);
	n2_log_debug("pifmgr's table is in sync");
}

/* What pifmgr made for us survives its restart (it keeps the owners in pifmgr.state, and we
 * stay on the bus): only the table is stale. */
static void on_lost(struct pifc *c, void *arg)
{
	(void)c;
	((struct vrrpd *)arg)->pif_ready = 0;
}

/* pifmgr is about to bring an interface down: resign first (priority 0), then answer. */
static void on_going_down(struct pifc *c, const struct pifc_iface *ifp, const char *reason,
			  struct pifc_ack *ack, void *arg)
{
	(void)c;
	struct vif *v = ifdb_get(arg, ifp->name, 0);
	if (v) {
		char why[96];
		snprintf(why, sizeof(why), "%s going down (%s)", ifp->name, reason);
		group_resign_iface(v, why);
	}
	pifc_going_down_done(ack);
}

void vrrp_bus_query(struct vrrpd *vd, const char *ifname)
{
	if (!vd->pif_ready)
		return; /* the snapshot will tell */
	const struct pifc_iface *ifp = pifc_by_name(vd->pc, ifname);
	if (ifp)
		apply(vd, ifp);
	else
		ifdb_gone(vd, ifname); /* pifmgr does not know it */
}

/* ---- requests ---- */

/* A request that could not be sent fails like one that got no answer. */
static void sent(struct vrrpd *vd, int rc, pifc_result_fn cb, void *arg)
{
	if (rc < 0) {
		struct pifc_result r = {.ok = 0, .err = "not connected to the bus"};
		cb(vd->pc, &r, arg);
	}
}

struct mvreq {
	struct vrrpd *vd;
	struct vif *vif; /* may be gone when the answer comes */
	uint8_t vrid, family;
};

static struct group *still_there(struct mvreq *r)
{
	for (struct vif *v = r->vd->vifs; v; v = v->next)
		if (v == r->vif)
			return group_find(v, r->vrid, r->family);
	return NULL;
}

static void on_macvlan(struct pifc *c, const struct pifc_result *res, void *arg)
{
	(void)c;
	struct mvreq *r = arg;
	struct group *g = still_there(r);
	free(r);
	if (!g)
		return;
	g->mv_pending = 0;
	if (!res->ok) {
		n2_log_err(VRRP_GRP_FMT ": cannot create the virtual-MAC interface %s: %s",
			   VRRP_GRP_ARGS(g->vif->name, &g->cfg), g->mvname, res->err);
		g->mvindex = 0;
		return;
	}
	n2_log_debug(VRRP_GRP_FMT ": %s is ifindex %u", VRRP_GRP_ARGS(g->vif->name, &g->cfg),
		     g->mvname, res->ifindex);
	group_mv_created(g, res->ifindex);
}

void vrrp_bus_macvlan_create(struct group *g)
{
	if (g->mvindex || g->mv_pending || !g->vif->ifindex)
		return;
	g->mv_pending = 1;
	char name[32]; /* ifindex fits 5 digits in practice; the kernel limit is 15 characters */
	/* an IPv6 group's beside the IPv4 one of the same VRID */
	snprintf(name, sizeof(name), "vrrp%u.%u%s", g->vif->ifindex % 100000u, g->cfg.vrid,
		 g->cfg.family == AF_INET6 ? ".6" : "");
	snprintf(g->mvname, sizeof(g->mvname), "%.15s", name);
	uint8_t mac[6];
	group_vmac(g, mac);
	struct mvreq *r = malloc(sizeof(*r));
	if (!r)
		return;
	r->vd = g->vif->vd;
	r->vif = g->vif;
	r->vrid = g->cfg.vrid;
	r->family = g->cfg.family;
	/* not "private": in private (and passthru) mode the kernel hands a multicast frame whose
	 * source is the macvlan's own MAC to that macvlan only, as if it were its own frame
	 * reflected by the switch, so while we are master the parent never sees another router's
	 * advertisements (they carry the same virtual MAC) and two masters never hear each other */
	struct vrrpd *vd = g->vif->vd;
	/* created down (up as master); an IPv6 group's never answers ARP: the IPv4 virtual router
	 * of the same VRID has its addresses on the other macvlan, and ARP for them must get the
	 * IPv4 virtual MAC (RFC 9568 7.3) from that one only */
	unsigned flags = g->cfg.family == AF_INET6 ? PIFC_MACVLAN_IPV6_ONLY : 0;
	sent(vd,
	     pifc_macvlan_add(vd->pc, g->mvname, g->vif->name, mac, "bridge", flags, on_macvlan, r),
	     on_macvlan, r);
}

static void on_done(struct pifc *c, const struct pifc_result *r, void *arg)
{
	(void)c;
	char *what = arg;
	if (!r->ok)
		n2_log_warn("pifmgr: %s: %s", what, r->err);
	free(what);
}

static void *describe(const char *fmt, const char *a, const char *b)
{
	char buf[160];
	snprintf(buf, sizeof(buf), fmt, a, b);
	return strdup(buf);
}

void vrrp_bus_macvlan_delete(struct group *g)
{
	if (!g->mvname[0])
		return;
	void *what = describe("delete %s%s", g->mvname, "");
	struct vrrpd *vd = g->vif->vd;
	sent(vd, pifc_macvlan_del(vd->pc, g->mvname, on_done, what), on_done, what);
	g->mvindex = 0;
}

void vrrp_bus_macvlan_admin(struct group *g, int up)
{
	void *what = describe("set %s %s", g->mvname, up ? "up" : "down");
	struct vrrpd *vd = g->vif->vd;
	sent(vd, pifc_admin(vd->pc, g->mvname, up, on_done, what), on_done, what);
}

void vrrp_bus_vip(struct group *g, const struct n2_addr *vip, int add)
{
	char prefix[N2_ADDR_STRLEN + 4];
	n2_addr_str(vip, prefix, sizeof(prefix) - 4);
	strcat(prefix, vip->family == AF_INET6 ? "/128" : "/32");
	void *what = describe(add ? "add %s to %s" : "remove %s from %s", prefix, g->mvname);
	struct vrrpd *vd = g->vif->vd;
	/* IPv6 without DAD (RFC 9568 6.4.2 wants the address at once; the backups have it down) */
	unsigned flags = vip->family == AF_INET6 ? PIFC_ADDR_NODAD : 0;
	/* RFC 9568 6.4.3: only the owner (whose addresses are never asked for) or Accept_Mode
	 * accepts packets for them. VRRPv2 has no Accept_Mode; its masters accept, as before. */
	if (g->cfg.version == 3 && !g->cfg.accept_mode)
		flags |= PIFC_ADDR_NOACCEPT;
	sent(vd, pifc_addr(vd->pc, add, g->mvname, prefix, flags, on_done, what), on_done, what);
}

int vrrp_bus_init(struct vrrpd *vd)
{
	static const struct pifc_ops ops = {.iface = on_iface,
					    .link = on_link,
					    .addr = on_addr,
					    .synced = on_synced,
					    .lost = on_lost,
					    .going_down = on_going_down};
	vd->pc = pifc_new(vd->loop, vd->ipc, &ops, vd);
	return vd->pc ? 0 : -1;
}

void vrrp_bus_fini(struct vrrpd *vd)
{
	pifc_free(vd->pc);
	vd->pc = NULL;
}
