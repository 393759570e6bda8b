/* Accept mode in the kernel. RFC 9568 6.4.3: a Master that is not the address owner "MUST
 * accept packets addressed to the IPvX address(es) associated with the Virtual Router if it is
 * the IPvX address owner or if Accept_Mode is True. Otherwise, MUST NOT accept these packets";
 * it still answers ARP and Neighbor Solicitations for them. The address must be on the router
 * (it answers ARP/NS, sends NAs, is the source of nothing else), so what is refused is the local
 * delivery of what the router receives for it: a policy rule "to VIP ... blackhole" placed
 * before the local table's lookup drops it before any socket sees it, with no packet filter
 * (nftables) to depend on. The rules, per address:
 *   pref 100  to VIP iif lo lookup local             what this host sends to it (ip-rule(8):
 *                                                    iif lo matches local origin only)
 *   pref 100  to VIP ipproto ipv6-icmp lookup local  IPv6: Neighbor Discovery (NUD sends NS
 *                                                    unicast to the address)
 *   pref 101  to VIP blackhole                       IPv6: everything else, from any interface
 *   pref 101  to VIP ipproto P blackhole             IPv4: for each P of ICMP, TCP, UDP, SCTP,
 *                                                    DCCP, UDP-Lite
 * IPv4 cannot have the blanket blackhole: the kernel answers an ARP request only when the route
 * lookup for its target address (arp_process(), made through the policy rules with no IP
 * protocol) gives a local route, and a blackhole rule makes it fail, so the master would never
 * answer ARP for its virtual addresses (RFC 9568 6.4.3: it MUST) and hosts would lose it when
 * their entry from the gratuitous ARP ages out. The rules name the transport protocols instead,
 * which an ARP lookup (protocol 0) never matches; other IP protocols to the address (GRE, ESP,
 * OSPF...) are accepted (docs/architecture.md).
 * and, while any exists for a family, the kernel's "pref 0 from all lookup local" moved to
 * PIF_PREF_LOCAL (the new one added before the old one goes, so the local lookup never lapses).
 * A fib rule cannot tell an NS from an echo request (the kernel gives ICMP no ports to match), so
 * over IPv6 all of ICMPv6 passes: ping6 to a no-accept address is answered, TCP and UDP are not.
 * Which addresses are no-accept is the state's records (OWN_ADDR with noaccept); the rules are
 * kept in step with them by accept_sync(), called wherever records change. */
#include "pifmgr.h"
#include "log.h"
#include "mem.h"

#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

N2_MTYPE(MT_NOACC, "no-accept address");

struct pif_noacc {
	struct pif_noacc *next;
	struct n2_prefix p; /* the address as a host prefix */
};

static struct n2_prefix host(const struct n2_prefix *p)
{
	struct n2_prefix h = *p;
	h.plen = p->family == AF_INET6 ? 128 : 32;
	return h;
}

static const uint8_t fams[2] = {AF_INET, AF_INET6}; /* local_moved[] order */

static int fam_index(uint8_t family)
{
	return family == AF_INET6;
}

size_t pif_rules_noaccept(const struct n2_prefix *vip, struct pif_rule out[PIF_RULES_PER_ADDR])
{
	struct pif_rule r = {.family = vip->family,
			     .action = PIF_RULE_LOOKUP_LOCAL,
			     .proto = PIF_RULE_PROTO,
			     .prio = PIF_PREF_PASS,
			     .dst = host(vip)};
	size_t n = 0;
	r.iif_lo = 1;
	out[n++] = r;
	r.iif_lo = 0;
	if (vip->family == AF_INET6) {
		r.ipproto = IPPROTO_ICMPV6;
		out[n++] = r;
		r.ipproto = 0;
	}
	r.action = PIF_RULE_BLACKHOLE;
	r.prio = PIF_PREF_DROP;
	if (vip->family == AF_INET6) {
		out[n++] = r;
		return n;
	}
	static const uint8_t transports[] = {IPPROTO_ICMP, IPPROTO_TCP,  IPPROTO_UDP,
					     IPPROTO_SCTP, IPPROTO_DCCP, IPPROTO_UDPLITE};
	for (size_t i = 0; i < sizeof(transports); i++) {
		r.ipproto = transports[i];
		out[n++] = r;
	}
	return n;
}

void pif_rule_local(uint8_t family, int moved, struct pif_rule *out)
{
	memset(out, 0, sizeof(*out));
	out->family = family;
	out->action = PIF_RULE_LOOKUP_LOCAL;
	out->proto = moved ? PIF_RULE_PROTO : PIF_RULE_PROTO_KERNEL;
	out->prio = moved ? PIF_PREF_LOCAL : 0;
	out->dst.family = family;
}

/* As ip rule shows them (/etc/protocols' names). */
static const char *ipproto_name(uint8_t p)
{
	switch (p) {
	case IPPROTO_ICMP:
		return "icmp";
	case IPPROTO_TCP:
		return "tcp";
	case IPPROTO_UDP:
		return "udp";
	case IPPROTO_SCTP:
		return "sctp";
	case IPPROTO_DCCP:
		return "dccp";
	case IPPROTO_UDPLITE:
		return "udplite";
	case IPPROTO_ICMPV6:
		return "ipv6-icmp";
	default:
		return "?";
	}
}

const char *pif_rule_str(const struct pif_rule *r, char *buf, size_t len)
{
	char ds[N2_PREFIX_STRLEN] = "";
	if (r->dst.plen)
		n2_prefix_str(&r->dst, ds, sizeof(ds));
	char ps[24] = "";
	if (r->ipproto)
		snprintf(ps, sizeof(ps), " ipproto %s", ipproto_name(r->ipproto));
	snprintf(buf, len, "%s pref %u%s%s%s%s %s%s", r->family == AF_INET6 ? "ipv6" : "ipv4",
		 r->prio, r->dst.plen ? " to " : " from all", ds, r->iif_lo ? " iif lo" : "", ps,
		 r->action == PIF_RULE_BLACKHOLE ? "blackhole" : "lookup local",
		 r->proto == PIF_RULE_PROTO_KERNEL ? " proto kernel" : "");
	return buf;
}

/* 0 done, 1 nothing to do (already there, or already gone), -1 failed (logged). */
static int rule(struct pif_mgr *m, int add, const struct pif_rule *r)
{
	char err[200] = "", rs[128];
	int rc = m->nl          ? kern_rule(m->nl, add, r, err, sizeof(err))
		 : m->fake_rule ? m->fake_rule(m, add, r, err, sizeof(err))
				: 0;
	pif_rule_str(r, rs, sizeof(rs));
	if (rc < 0)
		n2_log_err("cannot %s the rule %s: %s", add ? "add" : "delete", rs, err);
	else if (rc == 0)
		n2_log_debug("%s the rule %s", add ? "added" : "deleted", rs);
	return rc;
}

static void local_move(struct pif_mgr *m, uint8_t family, int moved)
{
	struct pif_rule to, from;
	pif_rule_local(family, moved, &to);
	pif_rule_local(family, !moved, &from);
	int a = rule(m, 1, &to);
	if (a < 0)
		return;
	int d = rule(m, 0, &from);
	m->local_moved[fam_index(family)] = moved;
	if (a == 0 || d == 0)
		n2_log_info("%s: the local table's rule at preference %u %s",
			    family == AF_INET6 ? "IPv6" : "IPv4", to.prio,
			    moved ? "(no-accept addresses' rules go before it)"
				  : "again (no no-accept address left)");
}

/* All of an address's rules, or none: a failed add takes back what it had added. */
static int rules_apply(struct pif_mgr *m, int add, const struct n2_prefix *p)
{
	struct pif_rule r[PIF_RULES_PER_ADDR];
	size_t n = pif_rules_noaccept(p, r);
	if (!add) {
		int rc = 0;
		while (n--) /* the blackhole first, so nothing is dropped that should pass */
			rc |= rule(m, 0, &r[n]) < 0;
		return rc ? -1 : 0;
	}
	for (size_t i = 0; i < n; i++)
		if (rule(m, 1, &r[i]) < 0) {
			while (i--)
				rule(m, 0, &r[i]);
			return -1;
		}
	return 0;
}

static int wanted(const struct pif_mgr *m, const struct n2_prefix *h)
{
	for (const struct pif_own *o = m->state.own; o; o = o->next) {
		if (o->kind != OWN_ADDR || !o->noaccept)
			continue;
		struct n2_prefix oh = host(&o->p);
		if (n2_prefix_eq(&oh, h))
			return 1;
	}
	return 0;
}

static struct pif_noacc *installed(const struct pif_mgr *m, const struct n2_prefix *h)
{
	for (struct pif_noacc *n = m->noacc; n; n = n->next)
		if (n2_prefix_eq(&n->p, h))
			return n;
	return NULL;
}

static void drop_unwanted(struct pif_mgr *m)
{
	for (struct pif_noacc **pp = &m->noacc; *pp;) {
		struct pif_noacc *n = *pp;
		if (wanted(m, &n->p)) {
			pp = &n->next;
			continue;
		}
		char ps[N2_PREFIX_STRLEN];
		rules_apply(m, 0, &n->p);
		n2_log_info("%s: received packets accepted again (its no-accept rules removed)",
			    n2_prefix_str(&n->p, ps, sizeof(ps)));
		*pp = n->next;
		n2_free(MT_NOACC, n);
	}
}

static void add_wanted(struct pif_mgr *m)
{
	for (const struct pif_own *o = m->state.own; o; o = o->next) {
		if (o->kind != OWN_ADDR || !o->noaccept)
			continue;
		struct n2_prefix h = host(&o->p);
		if (installed(m, &h))
			continue;
		if (!m->local_moved[fam_index(h.family)])
			local_move(m, h.family, 1);
		struct pif_noacc *n = n2_calloc(MT_NOACC, 1, sizeof(*n));
		if (!n || rules_apply(m, 1, &h) < 0) {
			n2_free(MT_NOACC, n);
			continue;
		}
		n->p = h;
		n->next = m->noacc;
		m->noacc = n;
		char ps[N2_PREFIX_STRLEN];
		n2_log_info("%s on %s: received packets dropped (no-accept for %s: RFC 9568 6.4.3)",
			    n2_prefix_str(&h, ps, sizeof(ps)), o->ifname, o->owner);
	}
}

static int family_used(const struct pif_mgr *m, uint8_t family)
{
	for (const struct pif_noacc *n = m->noacc; n; n = n->next)
		if (n->p.family == family)
			return 1;
	return 0;
}

void accept_sync(struct pif_mgr *m)
{
	drop_unwanted(m);
	add_wanted(m);
	for (size_t i = 0; i < 2; i++)
		if (m->local_moved[i] && !family_used(m, fams[i]))
			local_move(m, fams[i], 0);
}

static int keep_wanted(const struct pif_rule *r, void *arg)
{
	return wanted(arg, &r->dst);
}

void accept_adopt(struct pif_mgr *m)
{
	if (m->nl) {
		int n = kern_rules_prune(m->nl, PIF_PREF_PASS, keep_wanted, m) +
			kern_rules_prune(m->nl, PIF_PREF_DROP, keep_wanted, m);
		if (n > 0)
			n2_log_info("removed %d no-accept rule%s no address needs any more", n,
				    n == 1 ? "" : "s");
	}
	/* where the local rule is after an earlier pifmgr is not known: say it once */
	for (size_t i = 0; i < 2; i++) {
		int used = 0;
		for (const struct pif_own *o = m->state.own; o; o = o->next)
			used |= o->kind == OWN_ADDR && o->noaccept && o->p.family == fams[i];
		local_move(m, fams[i], used);
	}
	accept_sync(m);
}

void accept_restore(struct pif_mgr *m)
{
	while (m->noacc) {
		struct pif_noacc *n = m->noacc;
		m->noacc = n->next;
		rules_apply(m, 0, &n->p);
		n2_free(MT_NOACC, n);
	}
	for (size_t i = 0; i < 2; i++)
		if (m->local_moved[i])
			local_move(m, fams[i], 0);
}

void accept_fini(struct pif_mgr *m)
{
	while (m->noacc) {
		struct pif_noacc *n = m->noacc;
		m->noacc = n->next;
		n2_free(MT_NOACC, n);
	}
}
