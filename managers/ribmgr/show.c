/* `show ip route [A.B.C.D|A.B.C.D/M] [json]` and `show ipv6 route [X:X::X:X|X:X::X:X/M] [json]`
 * (one format, each the routes of its family), FRR-like: codes C connected, S static, R/O/B/P
 * for protocols; '>' selected, '*' in the kernel (installed); inactive routes have neither. */
#include "ribmgr.h"
#include "emit.h"
#include "loop.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

static char code(const struct rib_route *rt)
{
	if (rt->type == RIB_CONNECTED)
		return 'C';
	if (rt->type == RIB_STATIC)
		return 'S';
	static const struct {
		const char *name;
		char c;
	} codes[] = {{"rip", 'R'}, {"ospf", 'O'}, {"bgp", 'B'}, {"isis", 'I'}};
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (!strcmp(codes[i].name, rt->proto))
			return codes[i].c;
	return 'P';
}

static void age(uint64_t since_us, char *buf, size_t len)
{
	uint64_t s = (n2_now_us() - since_us) / 1000000u;
	if (s < 86400)
		snprintf(buf, len, "%02u:%02u:%02u", (unsigned)(s / 3600), (unsigned)(s / 60 % 60),
			 (unsigned)(s % 60));
	else
		snprintf(buf, len, "%ud%02uh", (unsigned)(s / 86400), (unsigned)(s / 3600 % 24));
}

/* The text of one next hop of a route that is not connected; the next hops of a multipath
 * route are aligned under the first. */
static void text_nh(struct emit *e, const char *ps, size_t k, const struct rib_nh *nh,
		    const char *gs)
{
	if (k)
		emit_text(e, "\n  %*s", (int)strlen(ps) + 2 + 2 + 2 + 6, "");
	if (nh->gw.family)
		emit_text(e, " via %s", gs);
	else
		emit_text(e, " is directly connected");
	if (nh->active)
		emit_text(e, ", %s", nh->via);
	else
		emit_text(e, "%s%s inactive", nh->ifname[0] && nh->gw.family ? ", " : "",
			  nh->ifname[0] && nh->gw.family ? nh->ifname : "");
	if (!nh->gw.family && !nh->active)
		emit_text(e, " (%s)", nh->ifname);
}

static void route(struct emit *e, const struct rib_dest *d, const struct rib_route *rt)
{
	char ps[N2_PREFIX_STRLEN], ag[24];
	n2_prefix_str(&d->prefix, ps, sizeof(ps));
	age(rt->changed_us, ag, sizeof(ag));
	int inst = rib_route_installed(d, rt), conn = rt->type == RIB_CONNECTED;
	emit(e,
	     "{L:/%c}{L:/%c}{L:/%c} {:prefix/%s}{e:protocol/%s}{e:source/%s}{e:distance/%u}"
	     "{e:metric/%u}{b:active}{b:selected}{b:installed}{e:age_s/%llu}",
	     code(rt), rt->selected ? '>' : ' ', inst ? '*' : ' ', ps, rt->proto, rt->source,
	     rt->distance, rt->metric, rt->active, rt->selected, inst,
	     (unsigned long long)((n2_now_us() - rt->changed_us) / 1000000u));
	if (conn)
		emit_text(e, " is directly connected, %s, %s\n", rt->nh[0].ifname, ag);
	else
		emit_text(e, " [%u/%u]", rt->distance, rt->metric);
	emit_open_list(e, "nexthops");
	for (size_t k = 0; k < rt->nnh; k++) {
		const struct rib_nh *nh = &rt->nh[k];
		char gs[N2_PREFIX_STRLEN];
		n2_prefix_addr_str(&nh->gw, gs, sizeof(gs));
		emit_open_instance(e);
		emit(e, "{e:gateway/%s}{e:interface/%s}{b:active}", nh->gw.family ? gs : NULL,
		     nh->active ? nh->via : nh->ifname, nh->active);
		if (!conn)
			text_nh(e, ps, k, nh, gs);
		emit_close_instance(e);
	}
	emit_close_list(e);
	if (!conn)
		emit_text(e, ", %s\n", ag);
}

static void routes_of(struct emit *e, const struct rib_dest *d)
{
	for (const struct rib_route *rt = d->routes; rt; rt = rt->next) {
		emit_open_instance(e);
		route(e, d, rt);
		emit_close_instance(e);
	}
}

void show_ip_route(const struct rib *r, int family, int json, struct n2_buf *out)
{
	struct emit e;
	emit_init(&e, out, json);
	emit_text(&e, "Codes: C - connected, S - static, R - RIP, O - OSPF, P - other protocol,\n"
		      "       > - selected route, * - installed in the kernel\n\n");
	emit_open_list(&e, "routes");
	for (const struct rib_dest *d = r->dests; d; d = d->next)
		if (d->prefix.family == family)
			routes_of(&e, d);
	emit_finish(&e);
}

/* `show ip route ADDR` in text is a detail view of one destination ("Routing entry for"); its
 * JSON is the route list of that destination. */
static void text_entry(const struct rib_dest *d, struct n2_buf *out)
{
	char ps[N2_PREFIX_STRLEN];
	n2_buf_printf(out, "Routing entry for %s\n", n2_prefix_str(&d->prefix, ps, sizeof(ps)));
	for (const struct rib_route *rt = d->routes; rt; rt = rt->next) {
		n2_buf_printf(out, "  Known via \"%s\", distance %u, metric %u%s%s%s\n", rt->proto,
			      rt->distance, rt->metric, rt->selected ? ", best" : "",
			      rib_route_installed(d, rt) ? ", installed" : "",
			      rt->active ? "" : ", inactive");
		for (size_t k = 0; k < rt->nnh; k++) {
			const struct rib_nh *nh = &rt->nh[k];
			char gs[N2_PREFIX_STRLEN];
			n2_buf_printf(out, "  %c ", nh->active ? '*' : ' ');
			if (nh->gw.family)
				n2_buf_printf(out, "%s",
					      n2_prefix_addr_str(&nh->gw, gs, sizeof(gs)));
			else
				n2_buf_printf(out, "directly connected");
			n2_buf_printf(out, ", %s%s\n", nh->active ? "via " : "",
				      nh->active ? nh->via : "inactive");
		}
	}
}

int show_ip_route_match(const struct rib *r, int family, const char *what, int json,
			struct n2_buf *out)
{
	struct n2_prefix p;
	int exact = strchr(what, '/') != NULL;
	if (n2_prefix_parse(what, &p, 1) < 0 || p.family != family) {
		n2_buf_printf(out, "%% Bad address or prefix: %s", what);
		return -1;
	}
	const struct rib_dest *d = exact ? rib_exact(r, &p) : rib_lookup(r, &p);
	if (json) {
		struct emit e;
		emit_init(&e, out, 1);
		emit_open_list(&e, "routes");
		if (d)
			routes_of(&e, d);
		emit_finish(&e);
	} else if (!d) {
		n2_buf_printf(out, "%% Network not in table\n");
	} else {
		text_entry(d, out);
	}
	return 0;
}
