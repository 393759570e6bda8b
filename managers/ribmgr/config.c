/* Static routes of both families: the command table ribmgr registers with cmdmgr, and the
 * n2os-routing JSON (validated by libyang) turned into a static route list. */
#include "ribmgr.h"
#include "addr.h"
#include "mem.h"
#include "yang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define RT "/n2os-routing:routing/static/route"
#define RT6 "/n2os-routing:routing/static/ipv6-route"
#define FW "/n2os-routing:routing/forwarding"

const char *const rib_modules[] = {"n2os-routing", NULL};

static int exec_show_route(const struct n2_cmd_args *a, struct n2_buf *out, void *arg);

const struct n2_cmd_def rib_commands[] = {
	{"config",
	 "ip route A.B.C.D/M (A.B.C.D|IFNAME) [<1-255>]",
	 "IPv4 settings\nStatic route\nDestination prefix\nGateway address or interface name\n"
	 "Administrative distance (default 1)",
	 NULL,
	 {{0, RT "[prefix='{3}'][next-hop='{4}']", NULL},
	  {0, RT "[prefix='{3}'][next-hop='{4}']/distance", "{5}"}}},
	{"config",
	 "no ip route A.B.C.D/M (A.B.C.D|IFNAME) [<1-255>]",
	 "Negate a command\nIPv4 settings\nStatic route\nDestination prefix\n"
	 "Gateway address or interface name\nAdministrative distance",
	 NULL,
	 {{1, RT "[prefix='{4}'][next-hop='{5}']", NULL}}},
	{"config",
	 "ipv6 route X:X::X:X/M (X:X::X:X|IFNAME) [<1-255>]",
	 "IPv6 settings\nStatic route\nDestination prefix\n"
	 "Gateway address (not link-local) or interface name\nAdministrative distance (default 1)",
	 NULL,
	 {{0, RT6 "[prefix='{3}'][next-hop='{4}']", NULL},
	  {0, RT6 "[prefix='{3}'][next-hop='{4}']/distance", "{5}"}}},
	{"config",
	 "no ipv6 route X:X::X:X/M (X:X::X:X|IFNAME) [<1-255>]",
	 "Negate a command\nIPv6 settings\nStatic route\nDestination prefix\n"
	 "Gateway address or interface name\nAdministrative distance",
	 NULL,
	 {{1, RT6 "[prefix='{4}'][next-hop='{5}']", NULL}}},
	{"config",
	 "ip forwarding",
	 "IPv4 settings\nForward IPv4 packets between interfaces",
	 NULL,
	 {{0, FW "/ipv4", "true"}}},
	{"config",
	 "no ip forwarding",
	 "Negate a command\nIPv4 settings\nForward IPv4 packets between interfaces",
	 NULL,
	 {{0, FW "/ipv4", "false"}}},
	{"config",
	 "ipv6 forwarding",
	 "IPv6 settings\nForward IPv6 packets between interfaces",
	 NULL,
	 {{0, FW "/ipv6", "true"}}},
	{"config",
	 "no ipv6 forwarding",
	 "Negate a command\nIPv6 settings\nForward IPv6 packets between interfaces",
	 NULL,
	 {{0, FW "/ipv6", "false"}}},
	{"exec",
	 "show ipv6 route [json]",
	 "Show running system information\nIPv6 information\nThe routing table\nJSON output",
	 exec_show_route,
	 {{0}}},
	{"exec",
	 "show ipv6 route X:X::X:X [json]",
	 "Show running system information\nIPv6 information\nThe routing table\n"
	 "The route used for this address\nJSON output",
	 exec_show_route,
	 {{0}}},
	{"exec",
	 "show ipv6 route X:X::X:X/M [json]",
	 "Show running system information\nIPv6 information\nThe routing table\n"
	 "This prefix exactly\nJSON output",
	 exec_show_route,
	 {{0}}},
	{"exec",
	 "show ip route [json]",
	 "Show running system information\nIPv4 information\nThe routing table\nJSON output",
	 exec_show_route,
	 {{0}}},
	{"exec",
	 "show ip route A.B.C.D [json]",
	 "Show running system information\nIPv4 information\nThe routing table\n"
	 "The route used for this address\nJSON output",
	 exec_show_route,
	 {{0}}},
	{"exec",
	 "show ip route A.B.C.D/M [json]",
	 "Show running system information\nIPv4 information\nThe routing table\n"
	 "This prefix exactly\nJSON output",
	 exec_show_route,
	 {{0}}},
};
const size_t rib_ncommands = sizeof(rib_commands) / sizeof(rib_commands[0]);

static int exec_show_route(const struct n2_cmd_args *a, struct n2_buf *out, void *arg)
{
	const struct rib *r = &((const struct rib_mgr *)arg)->rib;
	int family = !strcmp(a->tokens[1], "ipv6") ? AF_INET6 : AF_INET;
	if (a->ntokens >= 4 && a->tokens[3][0] && strcmp(a->tokens[3], "json"))
		return show_ip_route_match(r, family, a->tokens[3], a->json, out);
	show_ip_route(r, family, a->json, out);
	return 0;
}

/* One route of the list of family (libyang checked the types; the rest is rib_nh_check's). */
static int parse_route(const struct lyd_node *n, int family, struct rib_static *s, char *err,
		       size_t errlen)
{
	memset(s, 0, sizeof(*s));
	s->distance = 1;
	for (const struct lyd_node *l = lyd_child(n); l; l = l->next) {
		const char *nm = LYD_NAME(l), *v = lyd_get_value(l);
		if (!strcmp(nm, "prefix") && n2_prefix_parse(v, &s->prefix, 0) < 0) {
			snprintf(err, errlen, "bad prefix '%s'", v);
			return -1;
		}
		if (!strcmp(nm, "next-hop")) {
			if (n2_prefix_parse(v, &s->nh.gw, 1) < 0)
				snprintf(s->nh.ifname, sizeof(s->nh.ifname), "%s", v);
			else if (s->nh.gw.plen != 8 * n2_addr_family_len(s->nh.gw.family)) {
				snprintf(err, errlen, "bad next hop '%s'", v);
				return -1;
			} else if (rib_nh_check(family, &s->nh, err, errlen) < 0) {
				return -1;
			}
		}
		if (!strcmp(nm, "distance"))
			s->distance = (uint8_t)atoi(v);
	}
	n2_prefix_network(&s->prefix, &s->prefix);
	return 0;
}

/* The forwarding leaves: 1, 0, or -1 when absent. */
static void parse_forwarding(const struct lyd_node *tree, int *fwd)
{
	static const char *const leaf[2] = {FW "/ipv4", FW "/ipv6"};
	for (int f = 0; f < 2; f++) {
		struct lyd_node *l = NULL;
		fwd[f] = -1;
		if (tree && lyd_find_path(tree, leaf[f], 0, &l) == LY_SUCCESS && l)
			fwd[f] = !strcmp(lyd_get_value(l), "true");
	}
}

int rib_cfg_parse(const char *json, struct rib_static **out, size_t *n, int *fwd, char *err,
		  size_t errlen)
{
	static struct ly_ctx *ctx;
	*out = NULL;
	*n = 0;
	if (!ctx && !(ctx = n2_yang_ctx(rib_modules, err, errlen)))
		return -1;
	struct lyd_node *tree;
	if (n2_yang_parse(ctx, json, &tree, err, errlen) < 0)
		return -1;
	struct ly_set *set[2] = {NULL, NULL};
	int rc = 0;
	size_t total = 0;
	if (tree) {
		lyd_find_xpath(tree, RT, &set[0]);
		lyd_find_xpath(tree, RT6, &set[1]);
	}
	for (int f = 0; f < 2; f++)
		total += set[f] ? set[f]->count : 0;
	if (total && !(*out = calloc(total, sizeof(**out)))) {
		snprintf(err, errlen, "out of memory");
		rc = -1;
	}
	for (int f = 0; f < 2; f++)
		for (uint32_t i = 0; rc == 0 && set[f] && i < set[f]->count; i++)
			if ((rc = parse_route(set[f]->dnodes[i], f ? AF_INET6 : AF_INET,
					      &(*out)[*n], err, errlen)) == 0)
				(*n)++;
	ly_set_free(set[0], NULL);
	ly_set_free(set[1], NULL);
	if (fwd)
		parse_forwarding(tree, fwd);
	lyd_free_all(tree);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}
