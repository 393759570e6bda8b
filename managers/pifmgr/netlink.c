/* The kernel side of pifmgr, the only file that includes libnl. A cache manager keeps link and
 * address caches up to date from rtnetlink notifications; each change is converted to plain
 * values and fed to the interface table. Changes to the kernel go through a second socket and
 * are synchronous (the kernel answers in microseconds); afterwards kern_drain() reads the
 * resulting notifications so the table is current before the next decision. */
#include "pifmgr.h"
#include "log.h"
#include "loop.h"

#include <errno.h>
#include <linux/if_addr.h>
#include <netlink/cache.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/inet6.h>
#include <netlink/route/link/macvlan.h>
#include <netlink/route/rule.h>
#include <linux/fib_rules.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define NL_RCVBUF (4u << 20)

struct pif_nl {
	struct n2_loop *loop;
	struct pif_table *t;
	struct nl_sock *msock; /* notifications (the cache manager's) */
	struct nl_sock *wsock; /* requests */
	struct nl_cache_mngr *mngr;
	struct nl_cache *links, *addrs;
	int fd;
	uint64_t rx_us;
};

/* ---- libnl objects -> plain values ---- */

static void link_values(struct rtnl_link *rl, struct pif_link *l)
{
	memset(l, 0, sizeof(*l));
	l->ifindex = (uint32_t)rtnl_link_get_ifindex(rl);
	snprintf(l->name, sizeof(l->name), "%s",
		 rtnl_link_get_name(rl) ? rtnl_link_get_name(rl) : "");
	l->flags = rtnl_link_get_flags(rl);
	l->admin_up = !!(l->flags & IFF_UP);
	l->oper_up = pif_oper_up(l->flags);
	char buf[32];
	rtnl_link_operstate2str(rtnl_link_get_operstate(rl), buf, sizeof(buf));
	snprintf(l->operstate, sizeof(l->operstate), "%s", buf);
	l->mtu = rtnl_link_get_mtu(rl);
	struct nl_addr *a = rtnl_link_get_addr(rl);
	if (a && nl_addr_get_len(a) == 6) {
		memcpy(l->mac, nl_addr_get_binary_addr(a), 6);
		l->maclen = 6;
	}
	const char *kind = rtnl_link_get_type(rl);
	snprintf(l->kind, sizeof(l->kind), "%s", kind ? kind : "");
	l->parent = (uint32_t)rtnl_link_get_link(rl);
	const char *alias = rtnl_link_get_ifalias(rl);
	snprintf(l->alias, sizeof(l->alias), "%s", alias ? alias : "");
}

static int addr_values(struct rtnl_addr *ra, struct n2_prefix *p, int *secondary)
{
	struct nl_addr *local = rtnl_addr_get_local(ra);
	memset(p, 0, sizeof(*p));
	if (!local)
		return -1;
	int fam = nl_addr_get_family(local);
	unsigned len = nl_addr_get_len(local);
	if ((fam != AF_INET || len != 4) && (fam != AF_INET6 || len != 16))
		return -1;
	p->family = (uint8_t)fam;
	memcpy(p->addr, nl_addr_get_binary_addr(local), len);
	p->plen = (uint8_t)rtnl_addr_get_prefixlen(ra);
	*secondary = !!(rtnl_addr_get_flags(ra) & IFA_F_SECONDARY);
	return 0;
}

static int is_link_object(struct rtnl_link *rl)
{
	/* bridge port entries (AF_BRIDGE) share the ifindex of the real link */
	return rtnl_link_get_family(rl) == AF_UNSPEC;
}

static void feed_link(struct nl_object *obj, void *arg)
{
	struct pif_nl *nl = arg;
	struct rtnl_link *rl = (struct rtnl_link *)obj;
	if (!is_link_object(rl))
		return;
	struct pif_link l;
	link_values(rl, &l);
	iftable_link_update(nl->t, &l, nl->rx_us);
}

static void feed_addr(struct nl_object *obj, void *arg)
{
	struct pif_nl *nl = arg;
	struct rtnl_addr *ra = (struct rtnl_addr *)obj;
	struct n2_prefix p;
	int secondary;
	if (addr_values(ra, &p, &secondary) == 0)
		iftable_addr_update(nl->t, (uint32_t)rtnl_addr_get_ifindex(ra), &p, secondary);
}

static void on_link_change(struct nl_cache *c, struct nl_object *obj, int action, void *arg)
{
	(void)c;
	struct pif_nl *nl = arg;
	struct rtnl_link *rl = (struct rtnl_link *)obj;
	if (!is_link_object(rl))
		return;
	if (action == NL_ACT_DEL)
		iftable_link_del(nl->t, (uint32_t)rtnl_link_get_ifindex(rl));
	else
		feed_link(obj, nl);
}

static void on_addr_change(struct nl_cache *c, struct nl_object *obj, int action, void *arg)
{
	(void)c;
	struct pif_nl *nl = arg;
	struct rtnl_addr *ra = (struct rtnl_addr *)obj;
	if (action != NL_ACT_DEL) {
		feed_addr(obj, nl);
		return;
	}
	struct n2_prefix p;
	int secondary;
	if (addr_values(ra, &p, &secondary) == 0)
		iftable_addr_del(nl->t, (uint32_t)rtnl_addr_get_ifindex(ra), &p);
}

/* Full resync after lost notifications (receive buffer overrun): refill both caches and let
 * the table report only what differs. */
static void resync(struct pif_nl *nl)
{
	n2_log_warn("netlink: notifications lost, resynchronising the interface table");
	if (nl_cache_refill(nl->wsock, nl->links) < 0 ||
	    nl_cache_refill(nl->wsock, nl->addrs) < 0) {
		n2_log_err("netlink: cannot refill the caches");
		return;
	}
	iftable_mark_all(nl->t);
	nl_cache_foreach(nl->links, feed_link, nl);
	nl_cache_foreach(nl->addrs, feed_addr, nl);
	iftable_sweep(nl->t);
}

void kern_drain(struct pif_nl *nl)
{
	if (!nl)
		return;
	nl->rx_us = n2_now_us();
	int r = nl_cache_mngr_data_ready(nl->mngr);
	if (r < 0 && r != -NLE_AGAIN) {
		if (r == -NLE_NOMEM || r == -NLE_DUMP_INTR)
			resync(nl);
		else
			n2_log_err("netlink: reading notifications: %s", nl_geterror(r));
	}
}

static void on_ready(struct n2_loop *loop, int fd, unsigned events, void *arg)
{
	(void)loop;
	(void)fd;
	(void)events;
	kern_drain(arg);
}

struct pif_nl *kern_open(struct n2_loop *loop, struct pif_table *t, char *err, size_t errlen)
{
	struct pif_nl *nl = calloc(1, sizeof(*nl));
	if (!nl) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	nl->loop = loop;
	nl->t = t;
	nl->fd = -1;
	int r;
	const char *what = "socket";
	if (!(nl->msock = nl_socket_alloc()) || !(nl->wsock = nl_socket_alloc())) {
		r = -NLE_NOMEM;
		goto fail;
	}
	what = "connect";
	if ((r = nl_connect(nl->wsock, NETLINK_ROUTE)) < 0)
		goto fail;
	what = "cache manager";
	if ((r = nl_cache_mngr_alloc(nl->msock, NETLINK_ROUTE, NL_AUTO_PROVIDE, &nl->mngr)) < 0)
		goto fail;
	nl_socket_set_buffer_size(nl->msock, NL_RCVBUF, 0);
	what = "link cache";
	if ((r = nl_cache_mngr_add(nl->mngr, "route/link", on_link_change, nl, &nl->links)) < 0)
		goto fail;
	what = "address cache";
	if ((r = nl_cache_mngr_add(nl->mngr, "route/addr", on_addr_change, nl, &nl->addrs)) < 0)
		goto fail;
	nl->rx_us = n2_now_us();
	nl_cache_foreach(nl->links, feed_link, nl);
	nl_cache_foreach(nl->addrs, feed_addr, nl);
	nl->fd = nl_cache_mngr_get_fd(nl->mngr);
	if (n2_fd_add(loop, nl->fd, N2_READ, on_ready, nl) < 0) {
		snprintf(err, errlen, "cannot watch the netlink socket: %s", strerror(errno));
		kern_close(nl);
		return NULL;
	}
	return nl;
fail:
	snprintf(err, errlen, "netlink %s: %s", what, nl_geterror(r));
	kern_close(nl);
	return NULL;
}

void kern_close(struct pif_nl *nl)
{
	if (!nl)
		return;
	if (nl->fd >= 0)
		n2_fd_del(nl->loop, nl->fd);
	if (nl->mngr) {
		nl_cache_mngr_free(nl->mngr); /* frees its caches, not the socket */
	} else {                              /* kern_open_feed's */
		nl_cache_free(nl->links);
		nl_cache_free(nl->addrs);
	}
	nl_socket_free(nl->msock);
	nl_socket_free(nl->wsock);
	free(nl);
}

/* ---- notifications from a buffer (fuzzing) ---- */

struct pif_nl *kern_open_feed(struct pif_table *t)
{
	struct pif_nl *nl = calloc(1, sizeof(*nl));
	if (!nl)
		return NULL;
	nl->t = t;
	nl->fd = -1;
	if (nl_cache_alloc_name("route/link", &nl->links) < 0 ||
	    nl_cache_alloc_name("route/addr", &nl->addrs) < 0) {
		kern_close(nl);
		return NULL;
	}
	return nl;
}

void kern_caches(struct pif_nl *nl, struct nl_cache **links, struct nl_cache **addrs)
{
	*links = nl->links;
	*addrs = nl->addrs;
}

/* What the cache manager's include callback does with a parsed object. */
static void include(struct nl_object *obj, void *arg)
{
	struct pif_nl *nl = arg;
	if (!strcmp(nl_object_get_type(obj), "route/link"))
		nl_cache_include(nl->links, obj, on_link_change, nl);
	else if (!strcmp(nl_object_get_type(obj), "route/addr"))
		nl_cache_include(nl->addrs, obj, on_addr_change, nl);
}

/* Each message goes where the cache manager would send it: to the cache whose operations
 * know its type (nl_cache_mngr_data_ready's event_input), parsed by libnl's parser of it. */
void kern_feed(struct pif_nl *nl, const void *buf, size_t len)
{
	nl->rx_us = n2_now_us();
	int left = len > INT32_MAX ? INT32_MAX : (int)len;
	/* libnl takes headers it does not change as non-const */
	for (struct nlmsghdr *h = (struct nlmsghdr *)buf; nlmsg_ok(h, left);
	     h = nlmsg_next(h, &left)) {
		struct nl_cache_ops *ops =
			nl_cache_ops_associate_safe(NETLINK_ROUTE, h->nlmsg_type);
		int ours = ops && (ops == nl_cache_get_ops(nl->links) ||
				   ops == nl_cache_get_ops(nl->addrs));
		if (ops)
			nl_cache_ops_put(ops);
		struct nl_msg *msg = ours ? nlmsg_convert(h) : NULL;
		if (!msg)
			continue;
		nlmsg_set_proto(msg, NETLINK_ROUTE);
		nl_msg_parse(msg, include, nl);
		nlmsg_free(msg);
	}
}

/* ---- changes ---- */

static int fail(int r, char *err, size_t errlen, const char *fmt, const char *what)
{
	char msg[160];
	snprintf(msg, sizeof(msg), fmt, what);
	const char *why = r == -NLE_EXIST                              ? "already present"
			  : r == -NLE_NODEV                            ? "no such interface"
			  : r == -NLE_NOADDR || r == -NLE_OBJ_NOTFOUND ? "not present"
			  : r == -NLE_PERM                             ? "permission denied"
								       : nl_geterror(r);
	snprintf(err, errlen, "%s: %s", msg, why);
	return -1;
}

static struct rtnl_addr *build_addr(uint32_t ifindex, const struct n2_prefix *p)
{
	struct rtnl_addr *a = rtnl_addr_alloc();
	size_t len = p->family == AF_INET ? 4 : 16;
	struct nl_addr *local = nl_addr_build(p->family, p->addr, len);
	if (!a || !local) {
		rtnl_addr_put(a);
		nl_addr_put(local);
		return NULL;
	}
	nl_addr_set_prefixlen(local, p->plen);
	rtnl_addr_set_ifindex(a, (int)ifindex);
	rtnl_addr_set_family(a, p->family);
	rtnl_addr_set_local(a, local);
	rtnl_addr_set_prefixlen(a, p->plen);
	if (p->family == AF_INET && p->plen < 31) {
		uint8_t b[4];
		uint32_t host = p->plen ? 0xffffffffu >> p->plen : 0xffffffffu;
		for (int i = 0; i < 4; i++)
			b[i] = p->addr[i] | (uint8_t)(host >> (24 - 8 * i));
		struct nl_addr *brd = nl_addr_build(AF_INET, b, 4);
		if (brd) {
			rtnl_addr_set_broadcast(a, brd);
			nl_addr_put(brd);
		}
	}
	nl_addr_put(local);
	return a;
}

int kern_addr_add(struct pif_nl *nl, uint32_t ifindex, const struct n2_prefix *p, unsigned flags,
		  char *err, size_t errlen)
{
	char ps[N2_PREFIX_STRLEN];
	n2_prefix_str(p, ps, sizeof(ps));
	struct rtnl_addr *a = build_addr(ifindex, p);
	if (!a)
		return fail(-NLE_NOMEM, err, errlen, "add %s", ps);
	/* without DAD the address is not "tentative": usable (and answered for) at once */
	if (p->family == AF_INET6 && (flags & PIF_ADDR_NODAD))
		rtnl_addr_set_flags(a, IFA_F_NODAD);
	int r = rtnl_addr_add(nl->wsock, a, NLM_F_EXCL);
	rtnl_addr_put(a);
	kern_drain(nl);
	return r < 0 ? fail(r, err, errlen, "add %s", ps) : 0;
}

int kern_addr_del(struct pif_nl *nl, uint32_t ifindex, const struct n2_prefix *p, char *err,
		  size_t errlen)
{
	char ps[N2_PREFIX_STRLEN];
	n2_prefix_str(p, ps, sizeof(ps));
	struct rtnl_addr *a = build_addr(ifindex, p);
	if (!a)
		return fail(-NLE_NOMEM, err, errlen, "delete %s", ps);
	int r = rtnl_addr_delete(nl->wsock, a, 0);
	rtnl_addr_put(a);
	kern_drain(nl);
	return r < 0 ? fail(r, err, errlen, "delete %s", ps) : 0;
}

int kern_link_set(struct pif_nl *nl, uint32_t ifindex, int admin, uint32_t mtu, const char *alias,
		  char *err, size_t errlen)
{
	char what[32];
	snprintf(what, sizeof(what), "ifindex %u", ifindex);
	struct rtnl_link *cached = rtnl_link_get(nl->links, (int)ifindex);
	if (!cached)
		return fail(-NLE_NODEV, err, errlen, "change %s", what);
	snprintf(what, sizeof(what), "%s", rtnl_link_get_name(cached));
	rtnl_link_put(cached);
	/* A bare object with the index only: handing libnl the cached object (with its link info,
	 * e.g. a veth's) makes it call through link-info operations that may be unset. */
	struct rtnl_link *orig = rtnl_link_alloc();
	struct rtnl_link *chg = rtnl_link_alloc();
	if (!orig || !chg) {
		rtnl_link_put(orig);
		rtnl_link_put(chg);
		return fail(-NLE_NOMEM, err, errlen, "change %s", what);
	}
	rtnl_link_set_ifindex(orig, (int)ifindex);
	if (admin == 1)
		rtnl_link_set_flags(chg, IFF_UP);
	else if (admin == 0)
		rtnl_link_unset_flags(chg, IFF_UP);
	if (mtu)
		rtnl_link_set_mtu(chg, mtu);
	if (alias)
		rtnl_link_set_ifalias(chg, alias);
	int r = rtnl_link_change(nl->wsock, orig, chg, 0);
	rtnl_link_put(chg);
	rtnl_link_put(orig);
	kern_drain(nl);
	if (r < 0 && mtu && r == -NLE_INVAL)
		return fail(r, err, errlen, "set the MTU of %s", what);
	return r < 0 ? fail(r, err, errlen, "change %s", what) : 0;
}

/* The kernel takes no IFLA_AF_SPEC in the request that creates a link (inet6 refuses it with
 * EAFNOSUPPORT: the device has no IPv6 state yet), so the address generation mode is set by a
 * second request on the new link while it is still down, before it could make a link-local
 * address, and IFF_UP comes with that request. */
static int macvlan_finish(struct pif_nl *nl, const char *name, const struct pif_mv_shape *sh)
{
	if (!sh->addr_gen_none && !(sh->ifflags & IFF_UP))
		return 0;
	struct rtnl_link *orig = rtnl_link_alloc();
	struct rtnl_link *chg = rtnl_link_alloc();
	int r = -NLE_NOMEM;
	if (orig && chg) {
		rtnl_link_set_name(orig, name);
		rtnl_link_set_name(chg, name);
		r = 0;
		if (sh->addr_gen_none)
			r = rtnl_link_inet6_set_addr_gen_mode(chg, IN6_ADDR_GEN_MODE_NONE);
		if (sh->ifflags & IFF_UP)
			rtnl_link_set_flags(chg, IFF_UP);
		if (r >= 0)
			r = rtnl_link_change(nl->wsock, orig, chg, 0);
	}
	rtnl_link_put(chg);
	rtnl_link_put(orig);
	return r;
}

int kern_macvlan_add(struct pif_nl *nl, const char *name, uint32_t parent, const uint8_t mac[6],
		     const char *mode, const struct pif_mv_shape *sh, char *err, size_t errlen)
{
	int m = rtnl_link_macvlan_str2mode(mode && *mode ? mode : "private");
	if (m < 0) {
		snprintf(err, errlen, "unknown macvlan mode '%s' (private, vepa, bridge, passthru)",
			 mode);
		return -1;
	}
	struct rtnl_link *l = rtnl_link_macvlan_alloc();
	struct nl_addr *a = nl_addr_build(AF_LLC, mac, 6);
	int r = -NLE_NOMEM;
	if (l && a) {
		rtnl_link_set_name(l, name);
		rtnl_link_set_link(l, (int)parent);
		rtnl_link_set_addr(l, a);
		rtnl_link_macvlan_set_mode(l, (uint32_t)m);
		if (sh->ifflags & ~(unsigned)IFF_UP)
			rtnl_link_set_flags(l, sh->ifflags & ~(unsigned)IFF_UP);
		r = rtnl_link_add(nl->wsock, l, NLM_F_CREATE | NLM_F_EXCL);
	}
	nl_addr_put(a);
	rtnl_link_put(l);
	if (r >= 0 && (r = macvlan_finish(nl, name, sh)) < 0) {
		struct rtnl_link *d = rtnl_link_alloc(); /* not left half made */
		if (d) {
			rtnl_link_set_name(d, name);
			rtnl_link_delete(nl->wsock, d);
			rtnl_link_put(d);
		}
		kern_drain(nl);
		return fail(r, err, errlen, "set up macvlan %s", name);
	}
	kern_drain(nl);
	return r < 0 ? fail(r, err, errlen, "create macvlan %s", name) : 0;
}

int kern_link_del(struct pif_nl *nl, uint32_t ifindex, char *err, size_t errlen)
{
	struct rtnl_link *l = rtnl_link_alloc();
	if (!l)
		return fail(-NLE_NOMEM, err, errlen, "delete %s", "link");
	rtnl_link_set_ifindex(l, (int)ifindex);
	int r = rtnl_link_delete(nl->wsock, l);
	rtnl_link_put(l);
	kern_drain(nl);
	return r < 0 ? fail(r, err, errlen, "delete %s", "link") : 0;
}

/* ---- policy rules (accept.c says which) ---- */

static struct rtnl_rule *build_rule(const struct pif_rule *r)
{
	struct rtnl_rule *k = rtnl_rule_alloc();
	if (!k)
		return NULL;
	rtnl_rule_set_family(k, r->family);
	rtnl_rule_set_prio(k, r->prio);
	rtnl_rule_set_protocol(k, r->proto);
	if (r->dst.plen) {
		struct nl_addr *d =
			nl_addr_build(r->family, r->dst.addr, r->family == AF_INET6 ? 16 : 4);
		if (!d) {
			rtnl_rule_put(k);
			return NULL;
		}
		nl_addr_set_prefixlen(d, r->dst.plen);
		rtnl_rule_set_dst(k, d);
		nl_addr_put(d);
	}
	if (r->iif_lo)
		rtnl_rule_set_iif(k, "lo");
	if (r->ipproto)
		rtnl_rule_set_ipproto(k, r->ipproto);
	if (r->action == PIF_RULE_BLACKHOLE) {
		rtnl_rule_set_action(k, FR_ACT_BLACKHOLE);
	} else {
		rtnl_rule_set_action(k, FR_ACT_TO_TBL);
		rtnl_rule_set_table(k, RT_TABLE_LOCAL);
	}
	return k;
}

int kern_rule(struct pif_nl *nl, int add, const struct pif_rule *r, char *err, size_t errlen)
{
	char rs[128];
	pif_rule_str(r, rs, sizeof(rs));
	struct rtnl_rule *k = build_rule(r);
	if (!k)
		return fail(-NLE_NOMEM, err, errlen, add ? "add %s" : "delete %s", rs);
	/* without NLM_F_EXCL the kernel would add the same rule twice */
	int rc = add ? rtnl_rule_add(nl->wsock, k, NLM_F_EXCL) : rtnl_rule_delete(nl->wsock, k, 0);
	rtnl_rule_put(k);
	if ((add && rc == -NLE_EXIST) || (!add && rc == -NLE_OBJ_NOTFOUND))
		return 1;
	return rc < 0 ? fail(rc, err, errlen, add ? "add %s" : "delete %s", rs) : 0;
}

static void rule_values(struct rtnl_rule *k, struct pif_rule *r)
{
	memset(r, 0, sizeof(*r));
	r->family = (uint8_t)rtnl_rule_get_family(k);
	r->prio = rtnl_rule_get_prio(k);
	uint8_t v = 0;
	if (rtnl_rule_get_protocol(k, &v) == 0)
		r->proto = v;
	if (rtnl_rule_get_ipproto(k, &v) == 0)
		r->ipproto = v;
	const char *iif = rtnl_rule_get_iif(k);
	r->iif_lo = iif && !strcmp(iif, "lo");
	r->action = rtnl_rule_get_action(k) == FR_ACT_BLACKHOLE ? PIF_RULE_BLACKHOLE
								: PIF_RULE_LOOKUP_LOCAL;
	struct nl_addr *d = rtnl_rule_get_dst(k);
	unsigned len = d ? nl_addr_get_len(d) : 0;
	if (d && len == (r->family == AF_INET6 ? 16u : 4u)) {
		r->dst.family = r->family;
		memcpy(r->dst.addr, nl_addr_get_binary_addr(d), len);
		r->dst.plen = (uint8_t)nl_addr_get_prefixlen(d);
	}
}

int kern_rules_prune(struct pif_nl *nl, uint32_t prio,
		     int (*keep)(const struct pif_rule *r, void *arg), void *arg)
{
	struct nl_cache *c = NULL;
	int rc = rtnl_rule_alloc_cache(nl->wsock, AF_UNSPEC, &c);
	if (rc < 0) {
		n2_log_err("netlink: cannot list the policy rules: %s", nl_geterror(rc));
		return 0;
	}
	int n = 0;
	for (struct nl_object *o = nl_cache_get_first(c); o; o = nl_cache_get_next(o)) {
		struct rtnl_rule *k = (struct rtnl_rule *)o;
		struct pif_rule r;
		rule_values(k, &r);
		if (r.proto != PIF_RULE_PROTO || r.prio != prio || (keep && keep(&r, arg)))
			continue;
		if ((rc = rtnl_rule_delete(nl->wsock, k, 0)) < 0)
			n2_log_err("netlink: cannot delete a stale rule: %s", nl_geterror(rc));
		else
			n++;
	}
	nl_cache_free(c);
	return n;
}
