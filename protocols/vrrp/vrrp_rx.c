/* The receive pipeline (see vrrp_rx.h). The checks run in the order of RFC 3768 7.1 (v2) and
 * RFC 9568 7.1 (v3); the first that fails is the verdict. */
#include "vrrp_rx.h"
#include <string.h>
#include <sys/socket.h>

#define IP6_HDR_LEN 40

/* What the IP header says. */
struct ip_hdr {
	size_t hl, len; /* header length; datagram length without link-layer padding */
	uint8_t ttl;    /* IPv6: the hop limit */
	struct n2_addr src, dst;
};

/* From a packet socket the IP stack has not checked the header, and the frame may carry
 * Ethernet padding after the datagram: returns 0 if the header is bad or it is a fragment
 * (VRRP is never fragmented). */
static int ip4_header(const uint8_t *ip, size_t len, struct ip_hdr *h)
{
	if (len < 20 || (size_t)(ip[0] & 0x0f) * 4 > len)
		return 0;
	size_t hl = (size_t)(ip[0] & 0x0f) * 4, tot = (size_t)(ip[2] << 8 | ip[3]);
	if (hl < 20 || tot < hl || tot > len || vrrp_cksum(ip, hl, 0) != 0 || (ip[6] & 0x3f) ||
	    ip[7] || ip[9] != VRRP_PROTO)
		return 0;
	*h = (struct ip_hdr){.hl = hl,
			     .len = tot,
			     .ttl = ip[8],
			     .src = n2_addr_from(AF_INET, ip + 12, 4),
			     .dst = n2_addr_from(AF_INET, ip + 16, 4)};
	return 1;
}

/* IPv6 (RFC 8200 3). VRRP's own header follows the fixed header at once: a sender never adds
 * extension headers to an advertisement (RFC 9568 5.1.2 lists none), so a packet whose next
 * header is not 112 is not one of ours and is dropped, not walked (a fragment header would
 * mean a fragment, which VRRP never is). The destination MUST be ff02::12 (RFC 9568 5.1.2.2)
 * and the source "the IPv6 link-local address of the interface the packet is being sent from"
 * (RFC 9568 5.1.2.1): anything else is dropped. */
static int ip6_header(const uint8_t *ip, size_t len, struct ip_hdr *h)
{
	if (len < IP6_HDR_LEN)
		return 0;
	size_t plen = (size_t)(ip[4] << 8 | ip[5]);
	if (ip[6] != VRRP_PROTO || plen > len - IP6_HDR_LEN)
		return 0;
	*h = (struct ip_hdr){.hl = IP6_HDR_LEN,
			     .len = IP6_HDR_LEN + plen,
			     .ttl = ip[7],
			     .src = n2_addr_from(AF_INET6, ip + 8, 16),
			     .dst = n2_addr_from(AF_INET6, ip + 24, 16)};
	struct n2_addr group = vrrp_group_addr(AF_INET6);
	return n2_addr_eq(&h->dst, &group) && h->src.u.b[0] == 0xfe &&
	       (h->src.u.b[1] & 0xc0) == 0x80;
}

static int ip_header(const uint8_t *ip, size_t len, struct ip_hdr *h)
{
	if (!len)
		return 0;
	if (ip[0] >> 4 == 4)
		return ip4_header(ip, len, h);
	if (ip[0] >> 4 == 6)
		return ip6_header(ip, len, h);
	return 0;
}

static int addr_list_matches(const struct vrrp_rx_expect *x, const struct vrrp_adv *a)
{
	if (a->naddr != x->nvips)
		return 0;
	for (int i = 0; i < a->naddr; i++) {
		int found = 0;
		for (int k = 0; k < x->nvips && !found; k++)
			found = n2_addr_eq(&a->addrs[i], &x->vips[k]);
		if (!found)
			return 0;
	}
	return 1;
}

/* The checks that need the group's configuration, after the VRRP header is known good. */
static enum vrrp_rx_err group_checks(const struct vrrp_rx_expect *x, const struct vrrp_adv *a)
{
	if (a->version == 2) {
		/* RFC 3768 7.1: "MUST verify that the Auth Type matches the locally configured
		 * authentication method" and, for type 1 (5.3.6.1), the password (also in a v3
		 * group taking v2 advertisements: the v2 routers of the LAN still send it) */
		int want = x->auth[0] ? VRRP_AUTH_TEXT : VRRP_AUTH_NONE;
		if (a->auth_type != want)
			return VRRP_RX_AUTH_TYPE;
		if (want == VRRP_AUTH_TEXT && strncmp(a->auth, x->auth, VRRP_AUTH_LEN))
			return VRRP_RX_AUTH;
	}
	if (x->version == 2) {
		/* RFC 3768 7.1: "MUST verify that the Adver Interval in the packet is the same as
		 * the locally configured"; v3 learns the master's interval instead (RFC
		 * 9568 6.4.2), from a v2 master too, in seconds (RFC 9568 8.4.2) */
		if ((unsigned)a->interval * 100u != x->adv_cs)
			return VRRP_RX_INTERVAL;
	} else if (a->interval == 0) {
		/* a Max Adver Int of 0 (RFC 9568 5.2.7) would make Master_Adver_Interval 0 and the
		 * backup's Master_Down_Interval its skew alone: refused, counted as RFC 8347's
		 * interval-errors (its only interval counter) */
		return VRRP_RX_INTERVAL;
	}
	/* RFC 3768 7.1 / RFC 9568 7.1: "MAY verify that the IP address(es) associated with the
	 * VRID are valid"; if not, drop unless priority is 255 (the owner's list is taken) */
	if (!addr_list_matches(x, a))
		return VRRP_RX_ADDR_LIST;
	return VRRP_RX_OK;
}

void vrrp_rx(const uint8_t *ip, size_t len, const struct vrrp_rx_ctx *ctx, struct vrrp_rx_result *r)
{
	memset(r, 0, sizeof(*r));
	struct ip_hdr h;
	if (!ip_header(ip, len, &h)) {
		r->err = VRRP_RX_MALFORMED;
		return;
	}
	r->src = h.src;
	r->dst = h.dst;
	r->family = h.src.family;
	if (n2_addr_eq(&r->src, r->family == AF_INET ? &ctx->self : &ctx->self6)) {
		r->err = VRRP_RX_OWN;
		return;
	}
	const uint8_t *p = ip + h.hl;
	size_t plen = h.len - h.hl;
	/* an unknown VRID is checked against the version it claims when IPv4 has that version
	 * (2 or 3: so that it is counted in vrid-errors, not version-errors), else against the
	 * family's own: 3 over IPv6, the only one there; its checksum by RFC 9568's rule */
	struct vrrp_rx_expect x = {.version = r->family == AF_INET ? 2 : 3, .auth = ""};
	if (plen >= 2) {
		r->vrid = p[1];
		r->known = ctx->find(ctx->arg, r->vrid, r->family, &x);
		if (!r->known && r->family == AF_INET && (p[0] >> 4 == 2 || p[0] >> 4 == 3))
			x.version = p[0] >> 4;
	}
	/* TTL, version, type, length and checksum (RFC 3768 7.1 / RFC 9568 7.1, first four
	 * MUSTs). A v3 group counts a v2 advertisement of its VRID (and a v2 group a v3 one) as a
	 * version error, unless it is in VRRPv2 compatibility: RFC 9568 8.4.2's optional mode,
	 * for a LAN moving from v2 to v3, in which it listens for both versions. */
	uint8_t version = x.version;
	if (r->known && version == 3 && x.v2_compat && r->family == AF_INET && p[0] >> 4 == 2)
		version = 2;
	r->err = vrrp_adv_decode(p, plen, h.ttl, &r->src, &r->dst, version, x.cksum_v4_pseudo,
				 &r->adv);
	if (r->err != VRRP_RX_OK)
		return;
	/* "MUST verify that the VRID is configured on the receiving interface" */
	if (!r->known) {
		r->err = VRRP_RX_VRID;
		return;
	}
	r->err = group_checks(&x, &r->adv);
	r->accept = r->err == VRRP_RX_OK || (r->err == VRRP_RX_ADDR_LIST && r->adv.priority == 255);
}
