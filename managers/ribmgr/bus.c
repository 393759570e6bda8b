/* ribmgr on the bus: the only file that includes rib.pb-c.h. Protocol processes add and
 * withdraw routes ("rib.route.add"/"rib.route.del"), anyone reads the table ("rib.get"), and
 * changes of selected routes are published ("rib.route"). Interfaces come from pifmgr through
 * pifclient; routes of a process that leaves the bus are withdrawn. */
#include "ribmgr.h"
#include "ipc.h"
#include "log.h"
#include "pifclient.h"
#include "rib.pb-c.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* ---- interfaces from pifmgr ---- */

static void sync_iface(struct rib_mgr *m, const struct pifc_iface *ifp)
{
	rib_if_update(&m->rib, ifp->name, ifp->ifindex, ifp->oper_up);
	struct n2_prefix addrs[32];
	size_t n = 0;
	for (size_t i = 0; i < ifp->naddr && n < 32; i++)
		addrs[n++] = ifp->addrs[i].p;
	rib_if_addrs(&m->rib, ifp->name, addrs, n);
	rib_mgr_schedule(m);
}

static void on_iface(struct pifc *c, enum pifc_op op, const struct pifc_iface *ifp, void *arg)
{
	(void)c;
	struct rib_mgr *m = arg;
	if (op == PIFC_DEL) {
		rib_if_del(&m->rib, ifp->name);
		rib_mgr_schedule(m);
	} else {
		sync_iface(m, ifp);
	}
}

static void on_link(struct pifc *c, const struct pifc_iface *ifp, uint64_t nl_us, void *arg)
{
	(void)c;
	(void)nl_us;
	sync_iface(arg, ifp);
}

static void on_addr(struct pifc *c, enum pifc_op op, const struct pifc_iface *ifp,
		    const struct pifc_addr *a, void *arg)
{
	(void)c;
	(void)op;
	(void)a;
	sync_iface(arg, ifp);
}

static void on_synced(struct pifc *c, void *arg)
{
	(void)c;
	rib_mgr_try_sweep(arg);
}

/* ---- wire <-> rib ---- */

static int nh_from_pb(const N2os__Rib__Nexthop *p, struct rib_nh *nh, char *err, size_t errlen)
{
	memset(nh, 0, sizeof(*nh));
	if (p->gateway[0] && (n2_prefix_parse(p->gateway, &nh->gw, 1) < 0 ||
			      nh->gw.plen != 8 * n2_addr_family_len(nh->gw.family))) {
		snprintf(err, errlen, "bad gateway '%s'", p->gateway);
		return -1;
	}
	if (strlen(p->ifname) >= sizeof(nh->ifname)) {
		snprintf(err, errlen, "bad interface name '%s'", p->ifname);
		return -1;
	}
	snprintf(nh->ifname, sizeof(nh->ifname), "%s", p->ifname);
	return 0;
}

static void on_route(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	struct rib_mgr *m = arg;
	N2os__Rib__RouteRequest *r = n2os__rib__route_request__unpack(NULL, req->len, req->payload);
	char err[256] = "";
	int rc = -1;
	struct n2_prefix p;
	if (!r) {
		snprintf(err, sizeof(err), "malformed %s", req->type);
	} else if (m->stopping) {
		snprintf(err, sizeof(err), "ribmgr is stopping");
	} else if (n2_prefix_parse(r->prefix, &p, 0) < 0) {
		snprintf(err, sizeof(err), "bad prefix '%s' (expected A.B.C.D/M or X:X::X:X/M)",
			 r->prefix);
	} else if (!strcmp(req->type, "rib.route.del")) {
		rc = rib_proto_del(&m->rib, req->src, &p, err, sizeof(err));
	} else if (r->distance > 255) {
		snprintf(err, sizeof(err), "distance %u is not 1..255", r->distance);
	} else {
		struct rib_nh nh[RIB_MAX_NH];
		size_t n = r->n_nexthops > RIB_MAX_NH ? RIB_MAX_NH + 1 : r->n_nexthops;
		rc = 0;
		for (size_t i = 0; i < n && i < RIB_MAX_NH && rc == 0; i++)
			rc = nh_from_pb(r->nexthops[i], &nh[i], err, sizeof(err));
		if (rc == 0)
			rc = rib_proto_add(&m->rib, req->src, r->protocol, &p, (uint8_t)r->distance,
					   r->metric, nh, n, err, sizeof(err));
	}
	if (rc < 0)
		n2_ipc_reply_error(ipc, req, "%s", err);
	else
		n2_ipc_reply(ipc, req, NULL, 0);
	if (r)
		n2os__rib__route_request__free_unpacked(r, NULL);
}

struct route_pb {
	N2os__Rib__Route r;
	N2os__Rib__Nexthop nh[RIB_MAX_NH], *pnh[RIB_MAX_NH];
	char prefix[N2_PREFIX_STRLEN], gw[RIB_MAX_NH][N2_PREFIX_STRLEN];
};

static void route_pb_fill(const struct rib_dest *d, const struct rib_route *rt, struct route_pb *b)
{
	n2os__rib__route__init(&b->r);
	b->r.prefix = n2_prefix_str(&d->prefix, b->prefix, sizeof(b->prefix));
	b->r.type = (char *)rt->proto;
	b->r.source = (char *)rt->source;
	b->r.distance = rt->distance;
	b->r.metric = rt->metric;
	b->r.active = rt->active;
	b->r.selected = rt->selected;
	b->r.installed = rib_route_installed(d, rt);
	b->r.age_ms = (n2_now_us() - rt->changed_us) / 1000u;
	for (size_t k = 0; k < rt->nnh; k++) {
		N2os__Rib__Nexthop *nh = &b->nh[k];
		n2os__rib__nexthop__init(nh);
		b->gw[k][0] = 0;
		if (rt->nh[k].gw.family)
			n2_prefix_addr_str(&rt->nh[k].gw, b->gw[k], sizeof(b->gw[k]));
		nh->gateway = b->gw[k];
		nh->ifname = (char *)rt->nh[k].ifname;
		nh->active = rt->nh[k].active;
		nh->via_ifname = (char *)rt->nh[k].via;
		b->pnh[k] = nh;
	}
	b->r.nexthops = b->pnh;
	b->r.n_nexthops = rt->nnh;
}

static void on_get(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	struct rib_mgr *m = arg;
	N2os__Rib__GetRequest *g =
		req->len ? n2os__rib__get_request__unpack(NULL, req->len, req->payload) : NULL;
	const struct rib_dest *only = NULL;
	int filter = g && g->match[0];
	if (filter) {
		struct n2_prefix p;
		if (n2_prefix_parse(g->match, &p, 1) < 0) {
			n2_ipc_reply_error(ipc, req, "bad address or prefix '%s'", g->match);
			n2os__rib__get_request__free_unpacked(g, NULL);
			return;
		}
		only = strchr(g->match, '/') ? rib_exact(&m->rib, &p) : rib_lookup(&m->rib, &p);
	}
	size_t n = 0;
	for (const struct rib_dest *d = m->rib.dests; d; d = d->next)
		for (const struct rib_route *rt = d->routes; rt; rt = rt->next)
			n += !filter || d == only;
	struct route_pb *b = calloc(n + 1, sizeof(*b));
	N2os__Rib__Route **pr = calloc(n + 1, sizeof(*pr));
	size_t i = 0;
	if (b && pr)
		for (const struct rib_dest *d = m->rib.dests; d; d = d->next)
			for (const struct rib_route *rt = d->routes; rt && i < n; rt = rt->next)
				if (!filter || d == only) {
					route_pb_fill(d, rt, &b[i]);
					pr[i] = &b[i].r;
					i++;
				}
	N2os__Rib__RouteTable t = N2OS__RIB__ROUTE_TABLE__INIT;
	t.routes = pr;
	t.n_routes = i;
	size_t len = n2os__rib__route_table__get_packed_size(&t);
	uint8_t *buf = malloc(len + 1);
	if (buf && b && pr) {
		n2os__rib__route_table__pack(&t, buf);
		n2_ipc_reply(ipc, req, buf, len);
	} else {
		n2_ipc_reply_error(ipc, req, "out of memory");
	}
	free(buf);
	free(b);
	free(pr);
	if (g)
		n2os__rib__get_request__free_unpacked(g, NULL);
}

void rbus_changed(const struct rib_dest *d, const struct rib_route *best, void *arg)
{
	struct rib_mgr *m = arg;
	if (!m->ipc || !n2_ipc_is_up(m->ipc))
		return;
	N2os__Rib__RouteEvent ev = N2OS__RIB__ROUTE_EVENT__INIT;
	struct route_pb b;
	N2os__Rib__Route empty = N2OS__RIB__ROUTE__INIT;
	char ps[N2_PREFIX_STRLEN];
	if (best) {
		route_pb_fill(d, best, &b);
		ev.route = &b.r;
	} else {
		empty.prefix = n2_prefix_str(&d->prefix, ps, sizeof(ps));
		ev.op = N2OS__RIB__ROUTE_EVENT__OP__DEL;
		ev.route = &empty;
	}
	size_t len = n2os__rib__route_event__get_packed_size(&ev);
	uint8_t *buf = malloc(len + 1);
	if (buf) {
		n2os__rib__route_event__pack(&ev, buf);
		n2_ipc_publish(m->ipc, "rib.route", buf, len);
		free(buf);
	}
}

static void on_member(const struct n2_member *who, void *arg)
{
	struct rib_mgr *m = arg;
	if (!who->up && !m->stopping)
		rib_source_gone(&m->rib, who->name);
}

int rbus_init(struct rib_mgr *m)
{
	static const struct pifc_ops ops = {
		.iface = on_iface, .link = on_link, .addr = on_addr, .synced = on_synced};
	if (!m->ipc)
		return 0;
	n2_ipc_handle(m->ipc, "rib.route.add", on_route, m);
	n2_ipc_handle(m->ipc, "rib.route.del", on_route, m);
	n2_ipc_handle(m->ipc, "rib.get", on_get, m);
	n2_ipc_watch_members(m->ipc, on_member, m);
	m->pc = pifc_new(m->loop, m->ipc, &ops, m);
	return m->pc ? 0 : -1;
}
