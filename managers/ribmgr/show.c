/* `show ip route [A.B.C.D|A.B.C.D/M] [json]`, FRR-like: codes C connected, S static, R/O/B/P
 * for protocols; '>' selected, '*' in the kernel (installed); inactive routes have neither. */
#include "ribmgr.h"
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

static void text_route(const struct rib_dest *d, const struct rib_route *rt, struct n2_buf *out)
{
	char ps[N2_PREFIX_STRLEN], gs[N2_PREFIX_STRLEN], ag[24];
	n2_prefix_str(&d->prefix, ps, sizeof(ps));
	age(rt->changed_us, ag, sizeof(ag));
	int inst = rib_route_installed(d, rt);
	n2_buf_printf(out, "%c%c%c %s", code(rt), rt->selected ? '>' : ' ', inst ? '*' : ' ', ps);
	if (rt->type == RIB_CONNECTED) {
		n2_buf_printf(out, " is directly connected, %s, %s\n", rt->nh[0].ifname, ag);
		return;
	}
	n2_buf_printf(out, " [%u/%u]", rt->distance, rt->metric);
	for (size_t k = 0; k < rt->nnh; k++) {
		const struct rib_nh *nh = &rt->nh[k];
		if (k)
			n2_buf_printf(out, "\n  %*s", (int)strlen(ps) + 2 + 2 + 2 + 6, "");
		if (nh->gw.family)
			n2_buf_printf(out, " via %s", n2_prefix_addr_str(&nh->gw, gs, sizeof(gs)));
		else
			n2_buf_printf(out, " is directly connected");
		if (nh->active)
			n2_buf_printf(out, ", %s", nh->via);
		else
			n2_buf_printf(out, "%s%s inactive",
				      nh->ifname[0] && nh->gw.family ? ", " : "",
				      nh->ifname[0] && nh->gw.family ? nh->ifname : "");
		if (!nh->gw.family && !nh->active)
			n2_buf_printf(out, " (%s)", nh->ifname);
	}
	n2_buf_printf(out, ", %s\n", ag);
}

static void json_route(const struct rib_dest *d, const struct rib_route *rt, struct n2_buf *out)
{
	char ps[N2_PREFIX_STRLEN], gs[N2_PREFIX_STRLEN];
	n2_buf_printf(
		out, "{\"prefix\":\"%s\",\"protocol\":", n2_prefix_str(&d->prefix, ps, sizeof(ps)));
	n2_buf_json_str(out, rt->proto);
	n2_buf_printf(out, ",\"source\":");
	n2_buf_json_str(out, rt->source);
	n2_buf_printf(out,
		      ",\"distance\":%u,\"metric\":%u,\"active\":%s,\"selected\":%s,"
		      "\"installed\":%s,\"age_s\":%llu,\"nexthops\":[",
		      rt->distance, rt->metric, rt->active ? "true" : "false",
		      rt->selected ? "true" : "false",
		      rib_route_installed(d, rt) ? "true" : "false",
		      (unsigned long long)((n2_now_us() - rt->changed_us) / 1000000u));
	for (size_t k = 0; k < rt->nnh; k++) {
		const struct rib_nh *nh = &rt->nh[k];
		n2_buf_printf(out, "%s{\"gateway\":", k ? "," : "");
		if (nh->gw.family)
			n2_buf_printf(out, "\"%s\"", n2_prefix_addr_str(&nh->gw, gs, sizeof(gs)));
		else
			n2_buf_printf(out, "null");
		n2_buf_printf(out, ",\"interface\":");
		n2_buf_json_str(out, nh->active ? nh->via : nh->ifname);
		n2_buf_printf(out, ",\"active\":%s}", nh->active ? "true" : "false");
	}
	n2_buf_printf(out, "]}");
}

static void routes_of(const struct rib_dest *d, int json, int *first, struct n2_buf *out)
{
	for (const struct rib_route *rt = d->routes; rt; rt = rt->next) {
		if (json) {
			n2_buf_printf(out, "%s", *first ? "" : ",");
			json_route(d, rt, out);
		} else {
			text_route(d, rt, out);
		}
		*first = 0;
	}
}

void show_ip_route(const struct rib *r, int json, struct n2_buf *out)
{
	int first = 1;
	if (json)
		n2_buf_printf(out, "{\"routes\":[");
	else
		n2_buf_printf(out, "Codes: C - connected, S - static, R - RIP, O - OSPF, "
				   "P - other protocol,\n"
				   "       > - selected route, * - installed in the kernel\n\n");
	for (const struct rib_dest *d = r->dests; d; d = d->next)
		routes_of(d, json, &first, out);
	if (json)
		n2_buf_printf(out, "]}\n");
}

int show_ip_route_match(const struct rib *r, const char *what, int json, struct n2_buf *out)
{
	struct n2_prefix p;
	int exact = strchr(what, '/') != NULL;
	if (n2_prefix_parse(what, &p, 1) < 0 || p.family != AF_INET) {
		n2_buf_printf(out, "%% Bad address or prefix: %s", what);
		return -1;
	}
	const struct rib_dest *d = exact ? rib_exact(r, &p) : rib_lookup(r, &p);
	int first = 1;
	if (json) {
		n2_buf_printf(out, "{\"routes\":[");
		if (d)
			routes_of(d, 1, &first, out);
		n2_buf_printf(out, "]}\n");
		return 0;
	}
	if (!d) {
		n2_buf_printf(out, "%% Network not in table\n");
		return 0;
	}
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
	return 0;
}
