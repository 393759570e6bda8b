/* The kernel routing table, the only file of ribmgr that includes libnl. Routes go to the main
 * table with route protocol RIB_PROTO_N2OS (234, named "n2os" in docs/architecture.md) and
 * metric RIB_KERNEL_METRIC, so they are recognisable (`ip route show proto 234`) and removable
 * after a crash. */
#include "ribmgr.h"
#include "ribmgr_kernel.h"
#include "addr.h"
#include "log.h"

#include <errno.h>
#include <linux/rtnetlink.h>
#include <netlink/netlink.h>
#include <netlink/route/route.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

struct rib_kernel {
	struct nl_sock *sock;
};

struct rib_kernel *kern_open(char *err, size_t errlen)
{
	struct rib_kernel *k = calloc(1, sizeof(*k));
	int r = -NLE_NOMEM;
	if (k && (k->sock = nl_socket_alloc()) && (r = nl_connect(k->sock, NETLINK_ROUTE)) == 0)
		return k;
	snprintf(err, errlen, "netlink: %s", nl_geterror(r));
	kern_close(k);
	return NULL;
}

void kern_close(struct rib_kernel *k)
{
	if (!k)
		return;
	nl_socket_free(k->sock);
	free(k);
}

static struct rtnl_route *build(const struct n2_prefix *p)
{
	struct rtnl_route *rt = rtnl_route_alloc();
	struct nl_addr *dst = nl_addr_build(p->family, p->addr, n2_addr_family_len(p->family));
	if (!rt || !dst) {
		rtnl_route_put(rt);
		nl_addr_put(dst);
		return NULL;
	}
	nl_addr_set_prefixlen(dst, p->plen);
	rtnl_route_set_family(rt, p->family);
	rtnl_route_set_dst(rt, dst);
	rtnl_route_set_table(rt, RT_TABLE_MAIN);
	rtnl_route_set_protocol(rt, RIB_PROTO_N2OS);
	rtnl_route_set_priority(rt, RIB_KERNEL_METRIC);
	rtnl_route_set_type(rt, RTN_UNICAST);
	nl_addr_put(dst);
	return rt;
}

int kern_install(struct rib_kernel *k, const struct n2_prefix *p, const struct rib_fib *f)
{
	char ps[N2_PREFIX_STRLEN];
	n2_prefix_str(p, ps, sizeof(ps));
	struct rtnl_route *rt = build(p);
	if (!rt)
		return -1;
	int link_only = 1;
	for (size_t i = 0; i < f->nnh; i++) {
		struct rtnl_nexthop *nh = rtnl_route_nh_alloc();
		if (!nh)
			continue;
		rtnl_route_nh_set_ifindex(nh, (int)f->nh[i].via_ifindex);
		if (f->nh[i].gw.family) {
			const struct n2_prefix *g = &f->nh[i].gw;
			struct nl_addr *gw =
				nl_addr_build(g->family, g->addr, n2_addr_family_len(g->family));
			if (gw) {
				rtnl_route_nh_set_gateway(nh, gw);
				nl_addr_put(gw);
			}
			link_only = 0;
		}
		rtnl_route_add_nexthop(rt, nh);
	}
	rtnl_route_set_scope(rt, link_only ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE);
	int r = rtnl_route_add(k->sock, rt, NLM_F_CREATE | NLM_F_REPLACE);
	rtnl_route_put(rt);
	if (r < 0) {
		n2_log_err("kernel: cannot install %s: %s", ps, nl_geterror(r));
		return -1;
	}
	n2_log_info("kernel: installed %s (%zu next hop%s)", ps, f->nnh, f->nnh == 1 ? "" : "s");
	return 0;
}

int kern_remove(struct rib_kernel *k, const struct n2_prefix *p)
{
	char ps[N2_PREFIX_STRLEN];
	n2_prefix_str(p, ps, sizeof(ps));
	struct rtnl_route *rt = build(p);
	if (!rt)
		return -1;
	rtnl_route_set_scope(rt, RT_SCOPE_NOWHERE); /* any scope */
	int r = rtnl_route_delete(k->sock, rt, 0);
	rtnl_route_put(rt);
	if (r < 0 && r != -NLE_OBJ_NOTFOUND) {
		n2_log_err("kernel: cannot remove %s: %s", ps, nl_geterror(r));
		return -1;
	}
	n2_log_info("kernel: removed %s", ps);
	return 0;
}

struct sweep {
	struct rib_kernel *k;
	int (*keep)(const struct n2_prefix *p, void *arg);
	void *arg;
	int n;
};

static void sweep_one(struct nl_object *obj, void *arg)
{
	struct sweep *s = arg;
	struct rtnl_route *rt = (struct rtnl_route *)obj;
	int fam = (int)rtnl_route_get_family(rt);
	if (rtnl_route_get_protocol(rt) != RIB_PROTO_N2OS || (fam != AF_INET && fam != AF_INET6))
		return;
	struct nl_addr *dst = rtnl_route_get_dst(rt);
	struct n2_prefix p = {.family = (uint8_t)fam};
	size_t len = n2_addr_family_len(p.family);
	if (dst && nl_addr_get_len(dst) == len)
		memcpy(p.addr, nl_addr_get_binary_addr(dst), len);
	p.plen = dst ? (uint8_t)nl_addr_get_prefixlen(dst) : 0;
	if (s->keep(&p, s->arg))
		return;
	char ps[N2_PREFIX_STRLEN];
	int r = rtnl_route_delete(s->k->sock, rt, 0);
	if (r < 0)
		n2_log_err("kernel: cannot remove stale %s: %s", n2_prefix_str(&p, ps, sizeof(ps)),
			   nl_geterror(r));
	else
		s->n++;
}

int kern_sweep(struct rib_kernel *k, int (*keep)(const struct n2_prefix *p, void *arg), void *arg)
{
	struct nl_cache *cache = NULL;
	int r = rtnl_route_alloc_cache(k->sock, AF_UNSPEC, 0, &cache);
	if (r < 0) {
		n2_log_err("kernel: cannot read the routing table: %s", nl_geterror(r));
		return -1;
	}
	struct sweep s = {k, keep, arg, 0};
	nl_cache_foreach(cache, sweep_one, &s);
	nl_cache_free(cache);
	return s.n;
}
