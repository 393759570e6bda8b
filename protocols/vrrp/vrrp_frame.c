/* Advertisement, gratuitous ARP and Neighbor Advertisement frames (see vrrp_frame.h). */
#include "vrrp_frame.h"
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

static const uint8_t mcast_mac[6] = {0x01, 0x00, 0x5e, 0x00, 0x00, 0x12};
static const uint8_t mcast6_mac[6] = {0x33, 0x33, 0x00, 0x00, 0x00, 0x12};
static const uint8_t allnodes_mac[6] = {0x33, 0x33, 0x00, 0x00, 0x00, 0x01};
static const uint8_t bcast_mac[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

void vrrp_vmac(uint8_t family, uint8_t vrid, uint8_t mac[6])
{
	static const uint8_t base[4] = {0x00, 0x00, 0x5e, 0x00};
	memcpy(mac, base, 4);
	mac[4] = family == AF_INET6 ? 0x02 : 0x01;
	mac[5] = vrid;
}

struct n2_addr vrrp_virtual_ll(uint8_t vrid)
{
	uint8_t mac[6], b[16] = {0xfe, 0x80};
	vrrp_vmac(AF_INET6, vrid, mac);
	b[8] = mac[0] ^ 0x02; /* the universal/local bit, inverted */
	b[9] = mac[1], b[10] = mac[2];
	b[11] = 0xff, b[12] = 0xfe;
	b[13] = mac[3], b[14] = mac[4], b[15] = mac[5];
	return n2_addr_from(AF_INET6, b, 16);
}

int vrrp_is_link_local(const struct n2_addr *a)
{
	return a->family == AF_INET6 && a->u.b[0] == 0xfe && (a->u.b[1] & 0xc0) == 0x80;
}

int vrrp_adv_addrs(uint8_t family, uint8_t vrid, const struct n2_addr *vips, int n,
		   struct n2_addr *out)
{
	if (family != AF_INET6) {
		memcpy(out, vips, sizeof(vips[0]) * (size_t)n);
		return n;
	}
	int k = 1, have_ll = 0;
	out[0] = vrrp_virtual_ll(vrid);
	for (int i = 0; i < n; i++)
		if (!vrrp_is_link_local(&vips[i]))
			out[k++] = vips[i];
		else if (!have_ll++)
			out[0] = vips[i];
	return k;
}

/* From the virtual MAC of the family's virtual router. */
static void eth_header(uint8_t *f, const uint8_t dst[6], uint8_t family, uint8_t vrid,
		       uint16_t type)
{
	memcpy(f, dst, 6);
	vrrp_vmac(family, vrid, f + 6);
	f[12] = (uint8_t)(type >> 8);
	f[13] = (uint8_t)type;
}

/* RFC 3768 5.2 / RFC 9568 5.1.1: TTL 255, protocol 112, to 224.0.0.18. */
static void ip_header(uint8_t *ip, const struct n2_addr *src, const struct n2_addr *dst,
		      uint16_t id, size_t payload)
{
	uint16_t tot = (uint16_t)(VRRP_IP_HLEN + payload);
	memset(ip, 0, VRRP_IP_HLEN);
	ip[0] = 0x45;
	ip[1] = VRRP_IP_TOS;
	ip[2] = (uint8_t)(tot >> 8);
	ip[3] = (uint8_t)tot;
	ip[4] = (uint8_t)(id >> 8);
	ip[5] = (uint8_t)id;
	ip[8] = VRRP_TTL;
	ip[9] = VRRP_PROTO;
	memcpy(ip + 12, &src->u.v4, 4);
	memcpy(ip + 16, &dst->u.v4, 4);
	uint16_t ck = vrrp_cksum(ip, VRRP_IP_HLEN, 0);
	ip[10] = (uint8_t)(ck >> 8);
	ip[11] = (uint8_t)ck;
}

/* RFC 8200 3: version 6, the traffic class, flow label 0; hop limit 255 for both VRRP (RFC 9568
 * 5.1.2.3) and Neighbor Discovery (RFC 4861 7.1.2). */
static void ip6_header(uint8_t *ip, uint8_t tclass, uint8_t next, const struct n2_addr *src,
		       const struct n2_addr *dst, size_t payload)
{
	memset(ip, 0, VRRP_IP6_HLEN);
	ip[0] = (uint8_t)(0x60 | tclass >> 4);
	ip[1] = (uint8_t)(tclass << 4);
	ip[4] = (uint8_t)(payload >> 8);
	ip[5] = (uint8_t)payload;
	ip[6] = next;
	ip[7] = 255;
	memcpy(ip + 8, src->u.b, 16);
	memcpy(ip + 24, dst->u.b, 16);
}

size_t vrrp_frame_adv(const struct vrrp_adv *a, const struct n2_addr *src, uint16_t id,
		      uint8_t *buf, size_t len)
{
	int v6 = src->family == AF_INET6;
	const size_t hl = VRRP_ETH_HLEN + (v6 ? VRRP_IP6_HLEN : VRRP_IP_HLEN);
	struct n2_addr dst = vrrp_group_addr(src->family);
	if (len < hl || (src->family != AF_INET && !v6))
		return 0;
	size_t vlen = vrrp_adv_encode(a, src, &dst, buf + hl, len - hl);
	if (!vlen)
		return 0;
	eth_header(buf, v6 ? mcast6_mac : mcast_mac, src->family, a->vrid, v6 ? 0x86dd : 0x0800);
	if (v6)
		ip6_header(buf + VRRP_ETH_HLEN, VRRP_IP_TOS, VRRP_PROTO, src, &dst, vlen);
	else
		ip_header(buf + VRRP_ETH_HLEN, src, &dst, id, vlen);
	return hl + vlen;
}

size_t vrrp_frame_garp(uint8_t vrid, const struct n2_addr *vip, uint8_t *buf, size_t len)
{
	if (len < VRRP_GARP_FRAME_LEN || vip->family != AF_INET)
		return 0;
	eth_header(buf, bcast_mac, AF_INET, vrid, 0x0806);
	uint8_t *a = buf + VRRP_ETH_HLEN;
	a[0] = 0, a[1] = 1;    /* hardware: Ethernet */
	a[2] = 0x08, a[3] = 0; /* protocol: IPv4 */
	a[4] = 6, a[5] = 4;
	a[6] = 0, a[7] = 1; /* request */
	vrrp_vmac(AF_INET, vrid, a + 8);
	memcpy(a + 14, &vip->u.v4, 4);
	memset(a + 18, 0, 6);
	memcpy(a + 24, &vip->u.v4, 4);
	return VRRP_GARP_FRAME_LEN;
}

size_t vrrp_frame_na(uint8_t vrid, const struct n2_addr *vip, uint8_t *buf, size_t len)
{
	if (len < VRRP_NA_FRAME_LEN || vip->family != AF_INET6)
		return 0;
	static const uint8_t allnodes[16] = {0xff, 0x02, [15] = 0x01};
	struct n2_addr dst = n2_addr_from(AF_INET6, allnodes, 16);
	const size_t mlen = VRRP_NA_FRAME_LEN - VRRP_ETH_HLEN - VRRP_IP6_HLEN;
	eth_header(buf, allnodes_mac, AF_INET6, vrid, 0x86dd);
	ip6_header(buf + VRRP_ETH_HLEN, 0, IPPROTO_ICMPV6, vip, &dst, mlen);
	uint8_t *m = buf + VRRP_ETH_HLEN + VRRP_IP6_HLEN;
	memset(m, 0, mlen);
	m[0] = 136;  /* Neighbor Advertisement (RFC 4861 4.4), code 0 */
	m[4] = 0xa0; /* Router, not Solicited, Override */
	memcpy(m + 8, vip->u.b, 16);
	m[24] = 2; /* Target Link-Layer Address option, length 1 (8 bytes) */
	m[25] = 1;
	vrrp_vmac(AF_INET6, vrid, m + 26);
	/* the pseudo-header is VRRP's with ICMPv6 for next header (RFC 8200 8.1); the sum is not
	 * folded yet, so the exchange is exact */
	uint32_t ph = vrrp_pseudo_sum(vip, &dst, mlen) - VRRP_PROTO + IPPROTO_ICMPV6;
	uint16_t ck = vrrp_cksum(m, mlen, ph);
	m[2] = (uint8_t)(ck >> 8);
	m[3] = (uint8_t)ck;
	return VRRP_NA_FRAME_LEN;
}
