/* The routing table, pure: candidates per prefix, next-hop resolution, selection, and the
 * kernel differences handed to the FIB callbacks. Every input change ends in rib_recompute(),
 * which rebuilds connected routes from the interfaces, resolves every next hop, reselects every
 * prefix and pushes what changed. Whole-table recomputation keeps the logic obvious; tables of a
 * few thousand routes take well under a millisecond. */
#include "ribmgr.h"
#include "loop.h"
#include "mem.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

N2_MTYPE(MT_DEST, "route prefix");
N2_MTYPE(MT_ROUTE, "route");
N2_MTYPE(MT_RIBIF, "rib interface");

void rib_init(struct rib *r, const struct rib_fib_ops *ops)
{
	memset(r, 0, sizeof(*r));
	if (ops)
		r->ops = *ops;
}

static void free_routes(struct rib_dest *d)
{
	while (d->routes) {
		struct rib_route *rt = d->routes;
		d->routes = rt->next;
		n2_free(MT_ROUTE, rt);
	}
}

void rib_fini(struct rib *r)
{
	while (r->dests) {
		struct rib_dest *d = r->dests;
		r->dests = d->next;
		free_routes(d);
		n2_free(MT_DEST, d);
	}
	while (r->ifs) {
		struct rib_if *i = r->ifs;
		r->ifs = i->next;
		n2_free(MT_RIBIF, i);
	}
}

/* ---- interfaces ---- */

static struct rib_if *if_find(const struct rib *r, const char *name)
{
	for (struct rib_if *i = r->ifs; i; i = i->next)
		if (!strcmp(i->name, name))
			return i;
	return NULL;
}

void rib_if_update(struct rib *r, const char *name, uint32_t ifindex, int up)
{
	struct rib_if *i = if_find(r, name);
	if (!i) {
		if (!(i = n2_calloc(MT_RIBIF, 1, sizeof(*i))))
			return;
		snprintf(i->name, sizeof(i->name), "%s", name);
		i->next = r->ifs;
		r->ifs = i;
	}
	i->ifindex = ifindex;
	i->up = up;
}

void rib_if_del(struct rib *r, const char *name)
{
	for (struct rib_if **pp = &r->ifs; *pp; pp = &(*pp)->next)
		if (!strcmp((*pp)->name, name)) {
			struct rib_if *i = *pp;
			*pp = i->next;
			n2_free(MT_RIBIF, i);
			return;
		}
}

void rib_if_addrs(struct rib *r, const char *name, const struct n2_prefix *addrs, size_t n)
{
	struct rib_if *i = if_find(r, name);
	if (!i)
		return;
	i->naddr = 0;
	for (size_t k = 0; k < n && i->naddr < sizeof(i->addrs) / sizeof(i->addrs[0]); k++)
		i->addrs[i->naddr++] = addrs[k];
}

/* ---- prefixes and candidates ---- */

static struct rib_dest *dest_get(struct rib *r, const struct n2_prefix *p, int create)
{
	struct n2_prefix net;
	n2_prefix_network(p, &net);
	struct rib_dest **pp = &r->dests;
	while (*pp && n2_prefix_cmp(&(*pp)->prefix, &net) < 0)
		pp = &(*pp)->next;
	if (*pp && n2_prefix_eq(&(*pp)->prefix, &net))
		return *pp;
	if (!create)
		return NULL;
	struct rib_dest *d = n2_calloc(MT_DEST, 1, sizeof(*d));
	if (!d)
		return NULL;
	d->prefix = net;
	d->next = *pp;
	*pp = d;
	return d;
}

static struct rib_route *route_new(struct rib *r, struct rib_dest *d, enum rib_type type,
				   const char *proto, const char *source)
{
	struct rib_route *rt = n2_calloc(MT_ROUTE, 1, sizeof(*rt));
	if (!rt)
		return NULL;
	r->nproto += type == RIB_PROTO;
	rt->type = type;
	snprintf(rt->proto, sizeof(rt->proto), "%s", proto);
	snprintf(rt->source, sizeof(rt->source), "%s", source);
	rt->changed_us = n2_now_us();
	struct rib_route **pp = &d->routes;
	while (*pp)
		pp = &(*pp)->next;
	*pp = rt;
	return rt;
}

/* Removes the candidates of dest for which match() says so. */
static void remove_routes(struct rib *r, struct rib_dest *d,
			  int (*match)(const struct rib_route *, const void *), const void *arg)
{
	for (struct rib_route **pp = &d->routes; *pp;) {
		struct rib_route *rt = *pp;
		if (match(rt, arg)) {
			*pp = rt->next;
			r->nproto -= rt->type == RIB_PROTO;
			n2_free(MT_ROUTE, rt);
		} else {
			pp = &rt->next;
		}
	}
}

static int is_type(const struct rib_route *rt, const void *arg)
{
	return rt->type == *(const enum rib_type *)arg;
}

static int is_source(const struct rib_route *rt, const void *arg)
{
	return rt->type == RIB_PROTO && !strcmp(rt->source, arg);
}

static void remove_type(struct rib *r, enum rib_type t)
{
	for (struct rib_dest *d = r->dests; d; d = d->next)
		remove_routes(r, d, is_type, &t);
}

static void build_connected(struct rib *r)
{
	remove_type(r, RIB_CONNECTED);
	for (const struct rib_if *i = r->ifs; i; i = i->next) {
		if (!i->up)
			continue;
		for (size_t k = 0; k < i->naddr; k++) {
			/* both families; fe80::/64 too, one route per interface, as FRR shows */
			struct rib_dest *d = dest_get(r, &i->addrs[k], 1);
			if (!d)
				continue;
			int dup = 0;
			for (const struct rib_route *rt = d->routes; rt && !dup; rt = rt->next)
				dup = rt->type == RIB_CONNECTED &&
				      !strcmp(rt->nh[0].ifname, i->name);
			struct rib_route *rt;
			if (dup || !(rt = route_new(r, d, RIB_CONNECTED, "connected", "pifmgr")))
				continue;
			rt->nnh = 1;
			snprintf(rt->nh[0].ifname, RIB_NAMSIZ, "%s", i->name);
		}
	}
}

void rib_static_set(struct rib *r, const struct rib_static *s, size_t n)
{
	remove_type(r, RIB_STATIC);
	for (size_t i = 0; i < n; i++) {
		struct rib_dest *d = dest_get(r, &s[i].prefix, 1);
		struct rib_route *rt = d ? route_new(r, d, RIB_STATIC, "static", "config") : NULL;
		if (!rt)
			continue;
		rt->distance = s[i].distance ? s[i].distance : 1;
		rt->nnh = 1;
		rt->nh[0] = s[i].nh;
	}
	rib_recompute(r);
}

int rib_addr_linklocal(const struct n2_prefix *a)
{
	return a->family == AF_INET6 && a->addr[0] == 0xfe && (a->addr[1] & 0xc0) == 0x80;
}

int rib_nh_check(int family, const struct rib_nh *nh, char *err, size_t errlen)
{
	const char *fam = family == AF_INET ? "IPv4" : "IPv6";
	if (nh->gw.family && nh->gw.family != family) {
		snprintf(err, errlen, "an %s route needs an %s gateway", fam, fam);
		return -1;
	}
	if (!nh->gw.family && !nh->ifname[0]) {
		snprintf(err, errlen, "a next hop needs an %s gateway or an interface", fam);
		return -1;
	}
	/* fe80::/64 is on every interface: the address alone does not say which link */
	if (rib_addr_linklocal(&nh->gw) && !nh->ifname[0]) {
		snprintf(err, errlen, "a link-local gateway needs an interface");
		return -1;
	}
	return 0;
}

int rib_proto_add(struct rib *r, const char *source, const char *proto,
		  const struct n2_prefix *prefix, uint8_t distance, uint32_t metric,
		  const struct rib_nh *nh, size_t nnh, char *err, size_t errlen)
{
	if (prefix->family != AF_INET && prefix->family != AF_INET6) {
		snprintf(err, errlen, "only IPv4 and IPv6 routes are supported");
		return -1;
	}
	if (nnh == 0 || nnh > RIB_MAX_NH) {
		snprintf(err, errlen, "a route needs 1 to %d next hops", RIB_MAX_NH);
		return -1;
	}
	for (size_t i = 0; i < nnh; i++)
		if (rib_nh_check(prefix->family, &nh[i], err, errlen) < 0)
			return -1;
	if (!strcmp(source, "config") || !strcmp(source, "pifmgr")) {
		snprintf(err, errlen, "'%s' cannot add protocol routes", source);
		return -1;
	}
	struct rib_dest *d = dest_get(r, prefix, 0);
	int replaces = 0;
	for (const struct rib_route *rt = d ? d->routes : NULL; rt; rt = rt->next)
		replaces |= is_source(rt, source);
	if (!replaces && r->nproto >= RIB_MAX_PROTO_ROUTES) {
		snprintf(err, errlen, "the RIB holds %zu protocol routes already (at most %d)",
			 r->nproto, RIB_MAX_PROTO_ROUTES);
		return -1;
	}
	if (!d && !(d = dest_get(r, prefix, 1))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	remove_routes(r, d, is_source, source);
	struct rib_route *rt = route_new(r, d, RIB_PROTO, proto && *proto ? proto : source, source);
	if (!rt) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	rt->distance = distance ? distance : RIB_DEFAULT_PROTO_DISTANCE;
	rt->metric = metric;
	rt->nnh = nnh;
	memcpy(rt->nh, nh, nnh * sizeof(*nh));
	rib_recompute(r);
	return 0;
}

int rib_proto_del(struct rib *r, const char *source, const struct n2_prefix *prefix, char *err,
		  size_t errlen)
{
	struct rib_dest *d = dest_get(r, prefix, 0);
	int found = 0;
	for (const struct rib_route *rt = d ? d->routes : NULL; rt; rt = rt->next)
		found |= is_source(rt, source);
	if (!found) {
		char ps[N2_PREFIX_STRLEN];
		snprintf(err, errlen, "%s has no route to %s", source,
			 n2_prefix_str(prefix, ps, sizeof(ps)));
		return -1;
	}
	remove_routes(r, d, is_source, source);
	rib_recompute(r);
	return 0;
}

void rib_source_gone(struct rib *r, const char *source)
{
	for (struct rib_dest *d = r->dests; d; d = d->next)
		remove_routes(r, d, is_source, source);
	rib_recompute(r);
}

/* ---- resolution and selection ---- */

static const struct rib_route *connected_via(const struct rib *r, const struct n2_prefix *gw)
{
	const struct rib_route *best = NULL;
	int best_len = -1;
	for (const struct rib_dest *d = r->dests; d; d = d->next) {
		if (d->prefix.plen <= best_len || !n2_prefix_contains(&d->prefix, gw))
			continue;
		for (const struct rib_route *rt = d->routes; rt; rt = rt->next)
			if (rt->type == RIB_CONNECTED) {
				best = rt;
				best_len = d->prefix.plen;
				break;
			}
	}
	return best;
}

static void resolve(const struct rib *r, struct rib_route *rt)
{
	int was = rt->active;
	rt->active = 0;
	for (size_t k = 0; k < rt->nnh; k++) {
		struct rib_nh *nh = &rt->nh[k];
		nh->active = 0;
		nh->via[0] = 0;
		nh->via_ifindex = 0;
		const char *via = NULL;
		if (nh->ifname[0]) {
			via = nh->ifname;
		} else if (nh->gw.family) {
			const struct rib_route *c = connected_via(r, &nh->gw);
			via = c ? c->nh[0].ifname : NULL;
		}
		const struct rib_if *i = via ? if_find(r, via) : NULL;
		if (i && i->up) {
			nh->active = 1;
			snprintf(nh->via, sizeof(nh->via), "%s", i->name);
			nh->via_ifindex = i->ifindex;
			rt->active = 1;
		}
	}
	if (rt->type != RIB_CONNECTED && was != rt->active)
		rt->changed_us = n2_now_us();
}

static int better(const struct rib_route *a, const struct rib_route *b)
{
	if (a->distance != b->distance)
		return a->distance < b->distance;
	return a->metric < b->metric;
}

static int nh_eq(const struct rib_nh *a, const struct rib_nh *b)
{
	return a->via_ifindex == b->via_ifindex && a->gw.family == b->gw.family &&
	       (!a->gw.family || n2_prefix_eq(&a->gw, &b->gw));
}

static int fib_eq(const struct rib_fib *a, const struct rib_fib *b)
{
	if (a->nnh != b->nnh)
		return 0;
	for (size_t i = 0; i < a->nnh; i++)
		if (!nh_eq(&a->nh[i], &b->nh[i]))
			return 0;
	return 1;
}

/* Selects the best candidate (and its equals of the same kind, merged as ECMP) and returns the
 * kernel route wanted: nnh = 0 when none is (no route, or connected: the kernel's own). */
static const struct rib_route *select_dest(struct rib_dest *d, struct rib_fib *want)
{
	const struct rib_route *best = NULL;
	for (struct rib_route *rt = d->routes; rt; rt = rt->next) {
		rt->selected = 0;
		if (rt->active && (!best || better(rt, best)))
			best = rt;
	}
	memset(want, 0, sizeof(*want));
	if (!best)
		return NULL;
	for (struct rib_route *rt = d->routes; rt; rt = rt->next) {
		if (!rt->active || rt->type != best->type || better(best, rt))
			continue;
		rt->selected = 1;
		if (rt->type == RIB_CONNECTED)
			continue;
		for (size_t k = 0; k < rt->nnh && want->nnh < RIB_MAX_NH; k++) {
			if (!rt->nh[k].active)
				continue;
			int dup = 0;
			for (size_t j = 0; j < want->nnh && !dup; j++)
				dup = nh_eq(&want->nh[j], &rt->nh[k]);
			if (!dup)
				want->nh[want->nnh++] = rt->nh[k];
		}
	}
	return best;
}

static void push(struct rib *r, struct rib_dest *d, const struct rib_fib *want)
{
	if (r->frozen)
		return;
	if (!want->nnh) {
		if (d->installed && r->ops.remove)
			r->ops.remove(&d->prefix, r->ops.arg);
		d->installed = 0;
		memset(&d->fib, 0, sizeof(d->fib));
		return;
	}
	if (d->installed && fib_eq(&d->fib, want))
		return;
	if (!r->ops.install || r->ops.install(&d->prefix, want, r->ops.arg) == 0) {
		d->installed = 1;
		d->fib = *want;
	} else {
		/* the kernel refused: whatever was there is not ours any more */
		d->installed = 0;
		memset(&d->fib, 0, sizeof(d->fib));
	}
}

void rib_recompute(struct rib *r)
{
	build_connected(r);
	for (struct rib_dest *d = r->dests; d; d = d->next)
		for (struct rib_route *rt = d->routes; rt; rt = rt->next)
			resolve(r, rt);
	for (struct rib_dest **pp = &r->dests; *pp;) {
		struct rib_dest *d = *pp;
		int was_installed = d->installed;
		struct rib_fib before = d->fib;
		struct rib_fib want;
		const struct rib_route *best = select_dest(d, &want);
		push(r, d, &want);
		char sig[sizeof(d->best_sig)] = "";
		if (best)
			snprintf(sig, sizeof(sig), "%d %s %s %u %u %zu", best->type, best->proto,
				 best->source, best->distance, best->metric, best->nnh);
		if (strcmp(sig, d->best_sig) || was_installed != d->installed ||
		    !fib_eq(&before, &d->fib)) {
			snprintf(d->best_sig, sizeof(d->best_sig), "%s", sig);
			if (r->ops.changed)
				r->ops.changed(d, best, r->ops.arg);
		}
		if (!d->routes && !d->installed) {
			*pp = d->next;
			n2_free(MT_DEST, d);
		} else {
			pp = &d->next;
		}
	}
}

void rib_flush(struct rib *r)
{
	for (struct rib_dest *d = r->dests; d; d = d->next) {
		if (d->installed && r->ops.remove)
			r->ops.remove(&d->prefix, r->ops.arg);
		d->installed = 0;
		memset(&d->fib, 0, sizeof(d->fib));
	}
	r->frozen = 1;
}

const struct rib_route *rib_best(const struct rib_dest *d)
{
	const struct rib_route *best = NULL;
	for (const struct rib_route *rt = d->routes; rt; rt = rt->next)
		if (rt->selected && (!best || better(rt, best)))
			best = rt;
	return best;
}

int rib_route_installed(const struct rib_dest *d, const struct rib_route *rt)
{
	if (!rt->selected)
		return 0;
	return rt->type == RIB_CONNECTED ? 1 : d->installed;
}

const struct rib_dest *rib_lookup(const struct rib *r, const struct n2_prefix *addr)
{
	const struct rib_dest *best = NULL;
	for (const struct rib_dest *d = r->dests; d; d = d->next)
		if (rib_best(d) && n2_prefix_contains(&d->prefix, addr) &&
		    (!best || d->prefix.plen > best->prefix.plen))
			best = d;
	return best;
}

const struct rib_dest *rib_exact(const struct rib *r, const struct n2_prefix *prefix)
{
	return dest_get((struct rib *)r, prefix, 0);
}
