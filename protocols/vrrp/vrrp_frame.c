/* Advertisement and gratuitous ARP frames (see vrrp_frame.h). */
#include "vrrp_frame.h"
#include <string.h>
#include <sys/socket.h>

static const uint8_t mcast_mac[6] = {0x01, 0x00, 0x5e, 0x00, 0x00, 0x12};
static const uint8_t bcast_mac[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

void vrrp_vmac(uint8_t vrid, uint8_t mac[6])
{
	static const uint8_t base[5] = {0x00, 0x00, 0x5e, 0x00, 0x01};
	memcpy(mac, base, 5);
	mac[5] = vrid;
}

static void eth_header(uint8_t *f, const uint8_t dst[6], uint8_t vrid, uint16_t type)
{
	memcpy(f, dst, 6);
	vrrp_vmac(vrid, f + 6);
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

size_t vrrp_frame_adv(const struct vrrp_adv *a, const struct n2_addr *src, uint16_t id,
		      uint8_t *buf, size_t len)
{
	const size_t hl = VRRP_ETH_HLEN + VRRP_IP_HLEN;
	struct n2_addr dst = vrrp_group_addr(AF_INET);
	if (len < hl || src->family != AF_INET)
		return 0;
	size_t vlen = vrrp_adv_encode(a, src, &dst, buf + hl, len - hl);
	if (!vlen)
		return 0;
	eth_header(buf, mcast_mac, a->vrid, 0x0800);
	ip_header(buf + VRRP_ETH_HLEN, src, &dst, id, vlen);
	return hl + vlen;
}

size_t vrrp_frame_garp(uint8_t vrid, const struct n2_addr *vip, uint8_t *buf, size_t len)
{
	if (len < VRRP_GARP_FRAME_LEN || vip->family != AF_INET)
		return 0;
	eth_header(buf, bcast_mac, vrid, 0x0806);
	uint8_t *a = buf + VRRP_ETH_HLEN;
	a[0] = 0, a[1] = 1;    /* hardware: Ethernet */
	a[2] = 0x08, a[3] = 0; /* protocol: IPv4 */
	a[4] = 6, a[5] = 4;
	a[6] = 0, a[7] = 1; /* request */
	vrrp_vmac(vrid, a + 8);
	memcpy(a + 14, &vip->u.v4, 4);
	memset(a + 18, 0, 6);
	memcpy(a + 24, &vip->u.v4, 4);
	return VRRP_GARP_FRAME_LEN;
}
