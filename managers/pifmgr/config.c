/* Interface configuration: the command table pifmgr registers with cmdmgr, and the module's JSON
 * (n2os-interfaces, validated by libyang against the YANG module) turned into pif_cfg plus the
 * checks YANG cannot express. */
#include "pifmgr.h"
#include "mem.h"
#include "yang.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

N2_MTYPE(MT_CFG, "interface configuration");

#define IF "/n2os-interfaces:interfaces/interface[name='{ifname}']"

const char *const pif_modules[] = {"n2os-interfaces", NULL};

static int exec_show_interface(const struct n2_cmd_args *a, struct n2_buf *out, void *arg);
static int exec_show_brief(const struct n2_cmd_args *a, struct n2_buf *out, void *arg);

const struct n2_cmd_def pif_commands[] = {
	{"interface",
	 "shutdown",
	 "Shut the interface down (administratively)",
	 NULL,
	 {{0, IF "/enabled", "false"}}},
	{"interface",
	 "no shutdown",
	 "Negate a command\nShut the interface down (administratively)",
	 NULL,
	 {{1, IF "/enabled", NULL}}},
	{"interface",
	 "ip address A.B.C.D/M [secondary]",
	 "IPv4 settings\nSet an IPv4 address\nAddress and prefix length\nA secondary address",
	 NULL,
	 {{0, IF "/ipv4/address[ip='{3}']", NULL},
	  {0, IF "/ipv4/address[ip='{3}']/secondary", "{4:true}"}}},
	{"interface",
	 "no ip address A.B.C.D/M [secondary]",
	 "Negate a command\nIPv4 settings\nRemove an IPv4 address\nAddress and prefix length\n"
	 "A secondary address",
	 NULL,
	 {{1, IF "/ipv4/address[ip='{4}']", NULL}}},
	{"interface",
	 "ipv6 address X:X::X:X/M",
	 "IPv6 settings\nSet an IPv6 address\nAddress and prefix length",
	 NULL,
	 {{0, IF "/ipv6/address[ip='{3}']", NULL}}},
	{"interface",
	 "no ipv6 address X:X::X:X/M",
	 "Negate a command\nIPv6 settings\nRemove an IPv6 address\nAddress and prefix length",
	 NULL,
	 {{1, IF "/ipv6/address[ip='{4}']", NULL}}},
	{"interface",
	 "description LINE",
	 "Interface description\nText (up to 255 characters)",
	 NULL,
	 {{0, IF "/description", "{2}"}}},
	{"interface",
	 "no description",
	 "Negate a command\nInterface description",
	 NULL,
	 {{1, IF "/description", NULL}}},
	{"interface",
	 "mtu <68-65535>",
	 "Set the interface MTU\nMTU in bytes",
	 NULL,
	 {{0, IF "/mtu", "{2}"}}},
	{"interface",
	 "no mtu",
	 "Negate a command\nSet the interface MTU (back to what it was)",
	 NULL,
	 {{1, IF "/mtu", NULL}}},
	{"exec",
	 "show interface [json]",
	 "Show running system information\nInterface status\n"
	 "JSON output",
	 exec_show_interface,
	 {{0}}},
	{"exec",
	 "show interface IFNAME [json]",
	 "Show running system information\n"
	 "Interface status\nInterface name\nJSON output",
	 exec_show_interface,
	 {{0}}},
	{"exec",
	 "show ip interface brief [json]",
	 "Show running system information\n"
	 "IPv4 information\nInterface status\nOne line per interface\nJSON output",
	 exec_show_brief,
	 {{0}}},
};
const size_t pif_ncommands = sizeof(pif_commands) / sizeof(pif_commands[0]);

static int exec_show_interface(const struct n2_cmd_args *a, struct n2_buf *out, void *arg)
{
	const char *name = a->ntokens >= 3 && strcmp(a->tokens[2], "json") ? a->tokens[2] : NULL;
	if (name && !*name)
		name = NULL;
	const struct pif_mgr *m = arg;
	if (name && !iftable_by_name(&m->table, name)) {
		n2_buf_printf(out, "%% No such interface: %s", name);
		return -1;
	}
	show_interface(m, name, a->json, out);
	return 0;
}

static int exec_show_brief(const struct n2_cmd_args *a, struct n2_buf *out, void *arg)
{
	show_ip_brief(arg, a->json, out);
	return 0;
}

/* ---- JSON -> pif_cfg ---- */

void pif_cfg_free(struct pif_cfg *cfg)
{
	while (cfg->ifs) {
		struct pif_cfg_if *c = cfg->ifs;
		cfg->ifs = c->next;
		n2_free(MT_CFG, c->addrs);
		n2_free(MT_CFG, c);
	}
}

const struct pif_cfg_if *pif_cfg_find(const struct pif_cfg *cfg, const char *name)
{
	for (const struct pif_cfg_if *c = cfg->ifs; c; c = c->next)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

static int addr_rank(const struct pif_cfg_addr *a)
{
	return a->p.family == AF_INET ? (a->secondary ? 1 : 0) : 2;
}

static int addr_order(const void *x, const void *y)
{
	const struct pif_cfg_addr *a = x, *b = y;
	if (addr_rank(a) != addr_rank(b))
		return addr_rank(a) - addr_rank(b);
	return n2_prefix_cmp(&a->p, &b->p);
}

static int add_addresses(struct pif_cfg_if *c, const struct lyd_node *list, int family, char *err,
			 size_t errlen)
{
	for (const struct lyd_node *n = list; n; n = n->next) {
		if (strcmp(LYD_NAME(n), "address"))
			continue;
		struct pif_cfg_addr a = {0};
		for (const struct lyd_node *l = lyd_child(n); l; l = l->next) {
			if (!strcmp(LYD_NAME(l), "ip") &&
			    (n2_prefix_parse(lyd_get_value(l), &a.p, 0) < 0 ||
			     a.p.family != family)) {
				snprintf(err, errlen, "%s: bad address '%s'", c->name,
					 lyd_get_value(l));
				return -1;
			}
			if (!strcmp(LYD_NAME(l), "secondary"))
				a.secondary = !strcmp(lyd_get_value(l), "true");
		}
		struct pif_cfg_addr *na = n2_realloc(MT_CFG, c->addrs, (c->naddr + 1) * sizeof(a));
		if (!na) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		c->addrs = na;
		c->addrs[c->naddr++] = a;
	}
	return 0;
}

static int parse_iface(const struct lyd_node *ifn, struct pif_cfg *cfg, char *err, size_t errlen)
{
	struct pif_cfg_if *c = n2_calloc(MT_CFG, 1, sizeof(*c));
	if (!c) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	c->enabled = 1;
	c->next = cfg->ifs;
	cfg->ifs = c;
	for (const struct lyd_node *l = lyd_child(ifn); l; l = l->next) {
		const char *nm = LYD_NAME(l);
		if (!strcmp(nm, "name"))
			snprintf(c->name, sizeof(c->name), "%s", lyd_get_value(l));
		else if (!strcmp(nm, "description"))
			snprintf(c->description, sizeof(c->description), "%s", lyd_get_value(l));
		else if (!strcmp(nm, "mtu"))
			c->mtu = (uint32_t)strtoul(lyd_get_value(l), NULL, 10);
		else if (!strcmp(nm, "enabled"))
			c->enabled = !strcmp(lyd_get_value(l), "true");
		else if (!strcmp(nm, "ipv4") &&
			 add_addresses(c, lyd_child(l), AF_INET, err, errlen) < 0)
			return -1;
		else if (!strcmp(nm, "ipv6") &&
			 add_addresses(c, lyd_child(l), AF_INET6, err, errlen) < 0)
			return -1;
	}
	if (c->naddr)
		qsort(c->addrs, c->naddr, sizeof(c->addrs[0]), addr_order);
	return 0;
}

int pif_cfg_parse(const char *json, struct pif_cfg *cfg, char *err, size_t errlen)
{
	static struct ly_ctx *ctx;
	memset(cfg, 0, sizeof(*cfg));
	if (!ctx && !(ctx = n2_yang_ctx(pif_modules, err, errlen)))
		return -1;
	struct lyd_node *tree;
	if (n2_yang_parse(ctx, json, &tree, err, errlen) < 0)
		return -1;
	int rc = 0;
	for (const struct lyd_node *top = tree; top && rc == 0; top = top->next) {
		if (strcmp(LYD_NAME(top), "interfaces"))
			continue;
		for (const struct lyd_node *n = lyd_child(top); n && rc == 0; n = n->next)
			if (!strcmp(LYD_NAME(n), "interface"))
				rc = parse_iface(n, cfg, err, errlen);
	}
	lyd_free_all(tree);
	if (rc == 0)
		rc = pif_cfg_check(cfg, err, errlen);
	if (rc < 0)
		pif_cfg_free(cfg);
	return rc;
}

/* ---- checks beyond YANG ---- */

static int bad_v4(const struct pif_cfg_if *c, const struct n2_prefix *p, char *err, size_t n)
{
	char s[N2_PREFIX_STRLEN];
	n2_prefix_str(p, s, sizeof(s));
	uint8_t b0 = p->addr[0];
	if (b0 == 0 || b0 == 127 || b0 >= 224) {
		snprintf(err, n, "%s: %s is not a usable interface address", c->name, s);
		return 1;
	}
	if (p->plen < 31) {
		struct n2_prefix net;
		n2_prefix_network(p, &net);
		uint32_t a, nw, host = p->plen ? 0xffffffffu >> p->plen : 0xffffffffu;
		memcpy(&a, p->addr, 4);
		memcpy(&nw, net.addr, 4);
		a = ntohl(a);
		if (a == ntohl(nw) || (a & host) == host) {
			snprintf(err, n, "%s: %s is the network or broadcast address of its subnet",
				 c->name, s);
			return 1;
		}
	}
	return 0;
}

static int check_iface(const struct pif_cfg_if *c, char *err, size_t errlen)
{
	char s1[N2_PREFIX_STRLEN], s2[N2_PREFIX_STRLEN];
	for (size_t i = 0; i < c->naddr; i++) {
		const struct pif_cfg_addr *a = &c->addrs[i];
		n2_prefix_str(&a->p, s1, sizeof(s1));
		if (a->p.family == AF_INET && bad_v4(c, &a->p, err, errlen))
			return -1;
		int has_primary = 0;
		for (size_t j = 0; j < c->naddr; j++) {
			const struct pif_cfg_addr *b = &c->addrs[j];
			if (i == j || a->p.family != b->p.family)
				continue;
			n2_prefix_str(&b->p, s2, sizeof(s2));
			if (!memcmp(a->p.addr, b->p.addr, sizeof(a->p.addr))) {
				snprintf(err, errlen, "%s: %s and %s are the same address", c->name,
					 s1, s2);
				return -1;
			}
			if (a->p.family != AF_INET || !n2_prefix_same_subnet(&a->p, &b->p))
				continue;
			if (!b->secondary)
				has_primary = 1;
			if (!a->secondary && !b->secondary) {
				snprintf(err, errlen,
					 "%s: %s and %s are in the same subnet: mark one "
					 "'secondary'",
					 c->name, s1, s2);
				return -1;
			}
		}
		if (a->secondary && !has_primary) {
			snprintf(err, errlen,
				 "%s: secondary %s has no primary address in its subnet", c->name,
				 s1);
			return -1;
		}
	}
	return 0;
}

int pif_cfg_check(const struct pif_cfg *cfg, char *err, size_t errlen)
{
	for (const struct pif_cfg_if *c = cfg->ifs; c; c = c->next) {
		if (check_iface(c, err, errlen) < 0)
			return -1;
		for (const struct pif_cfg_if *d = c->next; d; d = d->next)
			for (size_t i = 0; i < c->naddr; i++)
				for (size_t j = 0; j < d->naddr; j++)
					if (c->addrs[i].p.family == d->addrs[j].p.family &&
					    !memcmp(c->addrs[i].p.addr, d->addrs[j].p.addr, 16)) {
						char s[N2_PREFIX_STRLEN];
						n2_prefix_addr_str(&c->addrs[i].p, s, sizeof(s));
						snprintf(err, errlen,
							 "%s is configured on both %s and %s", s,
							 c->name, d->name);
						return -1;
					}
	}
	return 0;
}
