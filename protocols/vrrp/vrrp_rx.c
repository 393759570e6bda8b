/* The receive pipeline (see vrrp_rx.h). The checks run in the order of RFC 3768 7.1 (v2) and
 * RFC 9568 7.1 (v3); the first that fails is the verdict. */
#include "vrrp_rx.h"
#include <string.h>
#include <sys/socket.h>

/* From a packet socket the IP stack has not checked the header, and the frame may carry
 * Ethernet padding after the datagram: returns the datagram's length, or 0 if its header is bad
 * or it is a fragment (VRRP is never fragmented). */
static size_t ip_datagram(const uint8_t *ip, size_t len, size_t *ihl)
{
	if (len < 20 || (ip[0] >> 4) != 4 || (size_t)(ip[0] & 0x0f) * 4 > len)
		return 0;
	size_t hl = (size_t)(ip[0] & 0x0f) * 4, tot = (size_t)(ip[2] << 8 | ip[3]);
	if (hl < 20 || tot < hl || tot > len || vrrp_cksum(ip, hl, 0) != 0 || (ip[6] & 0x3f) ||
	    ip[7])
		return 0;
	*ihl = hl;
	return tot;
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
	if (x->version == 2) {
		/* RFC 3768 7.1: "MUST verify that the Auth Type matches the locally configured
		 * authentication method" and, for type 1 (5.3.6.1), the password */
		int want = x->auth[0] ? VRRP_AUTH_TEXT : VRRP_AUTH_NONE;
		if (a->auth_type != want)
			return VRRP_RX_AUTH_TYPE;
		if (want == VRRP_AUTH_TEXT && strncmp(a->auth, x->auth, VRRP_AUTH_LEN))
			return VRRP_RX_AUTH;
		/* RFC 3768 7.1: "MUST verify that the Adver Interval in the packet is the same as
		 * the locally configured"; v3 learns the master's interval instead (RFC 9568 6.4.2)
		 */
		if ((unsigned)a->interval * 100u != x->adv_cs)
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
	size_t ihl = 0;
	len = ip_datagram(ip, len, &ihl);
	if (!len) {
		r->err = VRRP_RX_MALFORMED;
		return;
	}
	r->src = n2_addr_from(AF_INET, ip + 12, 4);
	r->dst = n2_addr_from(AF_INET, ip + 16, 4);
	if (n2_addr_eq(&r->src, &ctx->self)) {
		r->err = VRRP_RX_OWN;
		return;
	}
	const uint8_t *p = ip + ihl;
	size_t plen = len - ihl;
	struct vrrp_rx_expect x = {.version = 2, .auth = ""};
	if (plen >= 2) {
		r->vrid = p[1];
		r->known = ctx->find(ctx->arg, r->vrid, &x);
	}
	/* TTL, version, type, length and checksum (RFC 3768 7.1 / RFC 9568 7.1, first four
	 * MUSTs); an unknown VRID is checked against version 2 */
	r->err = vrrp_adv_decode(p, plen, ip[8], &r->src, &r->dst, r->known ? x.version : 2,
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
