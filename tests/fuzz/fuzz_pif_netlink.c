/* fuzz_pif_netlink: feeds rtnetlink messages, as one read of pifmgr's notification socket gives
 * them (struct nlmsghdr after struct nlmsghdr), to pifmgr's kernel side (managers/pifmgr/
 * netlink.c): each goes, as in the cache manager, to the link or the address cache, is parsed
 * by libnl's parser of its type and included in the cache, and the change callbacks convert it
 * and update the interface table (iftable.c), whose observers are pifmgr's own (the events
 * are encoded for a bus that is down; the reconciler runs). Then `show interface` and
 * `show ip interface brief` print the table, as text and as JSON.
 *
 * The whole input is the messages. Beyond "no crash, no leak, no undefined behaviour", it checks
 * that the table mirrors what libnl holds: exactly one interface per link object of the cache
 * (bridge port entries apart), of the same index, name, MTU and flags, and that every address
 * in the table is in the address cache for its interface. */
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/cache.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "fuzz.h"
#include "ipc.h"
#include "pifmgr.h"

struct mirror {
	const struct pif_table *t;
	size_t links;
};

static void check_link(struct nl_object *obj, void *arg)
{
	struct mirror *x = arg;
	struct rtnl_link *rl = (struct rtnl_link *)obj;
	if (rtnl_link_get_family(rl) != AF_UNSPEC)
		return;
	x->links++;
	const struct pif_iface *ifp = iftable_by_index(x->t, (uint32_t)rtnl_link_get_ifindex(rl));
	FUZZ_CHECK(ifp);
	char name[PIF_NAMSIZ];
	snprintf(name, sizeof(name), "%s", rtnl_link_get_name(rl) ? rtnl_link_get_name(rl) : "");
	FUZZ_CHECK(!strcmp(ifp->l.name, name));
	FUZZ_CHECK(ifp->l.mtu == rtnl_link_get_mtu(rl) && ifp->l.flags == rtnl_link_get_flags(rl));
}

struct addr_search {
	uint32_t ifindex;
	const struct n2_prefix *p;
	int found;
};

static void find_addr(struct nl_object *obj, void *arg)
{
	struct addr_search *s = arg;
	struct rtnl_addr *ra = (struct rtnl_addr *)obj;
	struct nl_addr *local = rtnl_addr_get_local(ra);
	if (!local || (uint32_t)rtnl_addr_get_ifindex(ra) != s->ifindex ||
	    nl_addr_get_family(local) != s->p->family ||
	    (unsigned)rtnl_addr_get_prefixlen(ra) != s->p->plen)
		return;
	size_t len = s->p->family == AF_INET ? 4 : 16;
	if (nl_addr_get_len(local) == len &&
	    !memcmp(nl_addr_get_binary_addr(local), s->p->addr, len))
		s->found = 1;
}

static void check_mirror(const struct pif_table *t, struct nl_cache *links, struct nl_cache *addrs)
{
	struct mirror x = {t, 0};
	nl_cache_foreach(links, check_link, &x);
	FUZZ_CHECK(x.links == t->count);
	for (const struct pif_iface *ifp = t->ifs; ifp; ifp = ifp->next)
		for (const struct pif_addr *a = ifp->addrs; a; a = a->next) {
			struct addr_search s = {ifp->l.ifindex, &a->p, 0};
			nl_cache_foreach(addrs, find_addr, &s);
			FUZZ_CHECK(s.found);
		}
}

static void shows(const struct pif_mgr *m)
{
	struct n2_buf out;
	n2_buf_init(&out);
	for (int json = 0; json <= 1; json++) {
		show_interface(m, NULL, json, &out);
		show_ip_brief(m, json, &out);
		if (m->table.ifs)
			show_interface(m, m->table.ifs->l.name, json, &out);
	}
	n2_buf_fini(&out);
}

/* Only the kernel sends rtnetlink notifications, and libnl 3.7's link parser has bugs on shapes
 * it never sends, which this target found and which are not ours: a link with IFLA_INFO_XSTATS
 * but no IFLA_INFO_DATA, or IFLA_INFO_SLAVE_KIND without IFLA_INFO_SLAVE_DATA, dereferences
 * NULL (nla_parse_nested -> nla_len); other kinds' IFLA_INFO_DATA parsers crash on crafted
 * data; a crafted SR-IOV or stats attribute makes it calloc gigabytes. pifmgr reads only a
 * link's name, MTU, flags, MAC, parent, master, operstate, alias and kind (netlink.c), so each
 * link message is cut down to those attributes (and IFLA_LINKINFO to its IFLA_INFO_KIND) before
 * libnl sees it: the target keeps looking for bugs of ours, and the real kernel messages of the
 * seed corpus stay usable. Address messages and everything else are passed whole. */
static int link_attr_kept(int type)
{
	switch (type) {
	case IFLA_ADDRESS:
	case IFLA_BROADCAST:
	case IFLA_IFNAME:
	case IFLA_MTU:
	case IFLA_LINK:
	case IFLA_MASTER:
	case IFLA_TXQLEN:
	case IFLA_OPERSTATE:
	case IFLA_LINKMODE:
	case IFLA_LINKINFO:
	case IFLA_IFALIAS:
	case IFLA_CARRIER:
		return 1;
	default:
		return 0;
	}
}

/* appends attribute a (its nla_len bytes, then padding) to out at *n */
static void copy_attr(uint8_t *out, size_t *n, const struct nlattr *a)
{
	memcpy(out + *n, a, a->nla_len);
	memset(out + *n + a->nla_len, 0, NLA_ALIGN(a->nla_len) - a->nla_len);
	*n += NLA_ALIGN(a->nla_len);
}

/* the same, IFLA_LINKINFO with its IFLA_INFO_KIND only */
static void put_attr(uint8_t *out, size_t *n, const struct nlattr *a)
{
	if (nla_type(a) != IFLA_LINKINFO) {
		copy_attr(out, n, a);
		return;
	}
	size_t start = *n;
	memcpy(out + start, a, NLA_HDRLEN);
	*n += NLA_HDRLEN;
	const struct nlattr *k;
	int rem;
	nla_for_each_nested(k, a, rem)
	{
		if (nla_type(k) == IFLA_INFO_KIND)
			copy_attr(out, n, k);
	}
	((struct nlattr *)(out + start))->nla_len = (uint16_t)(*n - start);
}

/* out has room for 2 * size + 64 bytes: attributes may gain up to 3 bytes of padding each */
static size_t kernel_shape(const uint8_t *data, size_t size, uint8_t *out)
{
	int left = size > INT32_MAX ? INT32_MAX : (int)size;
	size_t n = 0;
	const struct nlmsghdr *h = (const void *)data;
	for (; nlmsg_ok(h, left); h = nlmsg_next((struct nlmsghdr *)h, &left)) {
		size_t whole = NLMSG_ALIGN(h->nlmsg_len) < (size_t)left ? NLMSG_ALIGN(h->nlmsg_len)
									: (size_t)left;
		if ((h->nlmsg_type != RTM_NEWLINK && h->nlmsg_type != RTM_DELLINK) ||
		    !nlmsg_valid_hdr(h, sizeof(struct ifinfomsg))) {
			memcpy(out + n, h, whole);
			n += whole;
			continue;
		}
		size_t start = n;
		memcpy(out + n, h, NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct ifinfomsg)));
		n += NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct ifinfomsg));
		const struct nlattr *a;
		int rem;
		nlmsg_for_each_attr(a, (struct nlmsghdr *)h, sizeof(struct ifinfomsg), rem)
		{
			if (link_attr_kept(nla_type(a)))
				put_attr(out, &n, a);
		}
		((struct nlmsghdr *)(out + start))->nlmsg_len = (uint32_t)(n - start);
	}
	if (left > 0) { /* a last, incomplete message: libnl sees it as it is */
		memcpy(out + n, h, (size_t)left);
		n += (size_t)left;
	}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct n2_loop *loop;
	if (!loop) {
		fuzz_log_init("fuzz_pif_netlink");
		FUZZ_CHECK((loop = n2_loop_new()));
	}
	uint8_t *msgs = malloc(2 * size + 64);
	FUZZ_CHECK(msgs);
	size_t len = kernel_shape(data, size, msgs);
	/* a bus client that never connects: events are encoded, then not sent */
	struct n2_ipc *ipc = n2_ipc_new(loop, "/nonexistent/ipc.sock", "pifmgr");
	FUZZ_CHECK(ipc);
	struct pif_mgr m;
	char err[256];
	FUZZ_CHECK(pif_mgr_init(&m, loop, ipc, "", 0, err, sizeof(err)) == 0);
	struct pif_nl *nl = kern_open_feed(&m.table);
	FUZZ_CHECK(nl);
	kern_feed(nl, msgs, len);
	for (int i = 0; i < 10 && !jobs_idle(&m); i++)
		FUZZ_CHECK(n2_loop_once(loop, 0) >= 0);
	struct nl_cache *links, *addrs;
	kern_caches(nl, &links, &addrs);
	check_mirror(&m.table, links, addrs);
	shows(&m);
	kern_close(nl);
	pif_mgr_fini(&m);
	n2_ipc_free(ipc);
	free(msgs);
	return 0;
}
