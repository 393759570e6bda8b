/* VRRP advertisement build and parse (see vrrp_packet.h). */
#include "vrrp_packet.h"
#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

static const char *const rx_names[VRRP_RX_COUNT] = {
	[VRRP_RX_OK] = "ok",
	[VRRP_RX_TTL] = "ip-ttl-errors",
	[VRRP_RX_VERSION] = "version-errors",
	[VRRP_RX_TYPE] = "invalid-type-pkts-rcvd",
	[VRRP_RX_LENGTH] = "packet-length-errors",
	[VRRP_RX_CHECKSUM] = "checksum-errors",
	[VRRP_RX_VRID] = "vrid-errors",
	[VRRP_RX_AUTH_TYPE] = "auth-type-mismatch",
	[VRRP_RX_AUTH] = "auth-failures",
	[VRRP_RX_INTERVAL] = "interval-errors",
	[VRRP_RX_ADDR_LIST] = "address-list-errors",
	[VRRP_RX_MALFORMED] = "malformed",
	[VRRP_RX_OWN] = "own",
};

const char *vrrp_rx_err_name(enum vrrp_rx_err e)
{
	return e < VRRP_RX_COUNT ? rx_names[e] : "?";
}

uint16_t vrrp_cksum(const void *buf, size_t len, uint32_t sum)
{
	const uint8_t *p = buf;
	while (len > 1) {
		sum += (uint32_t)(p[0] << 8 | p[1]);
		p += 2;
		len -= 2;
	}
	if (len)
		sum += (uint32_t)(p[0] << 8);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

struct n2_addr vrrp_group_addr(uint8_t family)
{
	static const uint8_t v6[16] = {0xff, 0x02, [15] = 0x12};
	if (family == AF_INET)
		return n2_addr_v4(htonl(VRRP_GROUP_V4));
	return n2_addr_from(family, v6, family == AF_INET6 ? 16 : 0);
}

/* The words of the pseudo-header are added up, not laid out: the IPv4 one has a 16-bit length
 * after zero and the protocol, the IPv6 one a 32-bit length before zeros and the next header,
 * and both sum to the addresses + the length + 112 for any VRRP message (under 64 KiB). */
uint32_t vrrp_pseudo_sum(const struct n2_addr *src, const struct n2_addr *dst, size_t len)
{
	uint32_t sum = VRRP_PROTO + (uint32_t)(len >> 16) + (uint32_t)(len & 0xffff);
	size_t n = n2_addr_len(src);
	for (size_t i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)(src->u.b[i] << 8 | src->u.b[i + 1]) +
		       (uint32_t)(dst->u.b[i] << 8 | dst->u.b[i + 1]);
	return sum;
}

/* RFC 9568 5.2.8 changed RFC 5798's text, which pointed at the IPv6 pseudo-header for both
 * families and so was read both ways; for IPv4 it now says that "the checksum computation only
 * includes the VRRP message starting with the Version field and ending with the end of the last
 * IPvX address". So the RFC default is v4_pseudo = 0; 1 talks to RFC 5798-style peers. */
uint32_t vrrp_cksum_start(uint8_t version, int v4_pseudo, const struct n2_addr *src,
			  const struct n2_addr *dst, size_t len)
{
	if (version != 3 || (src->family == AF_INET && !v4_pseudo))
		return 0;
	return vrrp_pseudo_sum(src, dst, len);
}

uint8_t vrrp_v2_interval_s(uint16_t adv_cs)
{
	unsigned s = (adv_cs + 99u) / 100u;
	return (uint8_t)(s < 1 ? 1 : s > 255 ? 255 : s);
}

static size_t addrs_len(const struct vrrp_adv *a)
{
	return n2_addr_family_len(a->family) * a->naddr;
}

size_t vrrp_adv_len(const struct vrrp_adv *a)
{
	return VRRP_HDR_LEN + addrs_len(a) + (a->version == 2 ? VRRP_AUTH_LEN : 0);
}

/* Can a be put on the wire from src to dst? */
static int encodable(const struct vrrp_adv *a, const struct n2_addr *src, const struct n2_addr *dst)
{
	if (a->naddr > VRRP_MAX_ADDRS || !n2_addr_family_len(a->family) ||
	    src->family != a->family || dst->family != a->family ||
	    (a->version == 2 && a->family != AF_INET))
		return 0;
	for (int i = 0; i < a->naddr; i++)
		if (a->addrs[i].family != a->family)
			return 0;
	return 1;
}

size_t vrrp_adv_encode(const struct vrrp_adv *a, const struct n2_addr *src,
		       const struct n2_addr *dst, uint8_t *buf, size_t len)
{
	if (!encodable(a, src, dst))
		return 0;
	size_t n = vrrp_adv_len(a), alen = n2_addr_family_len(a->family);
	if (len < n)
		return 0;
	memset(buf, 0, n);
	buf[0] = (uint8_t)(a->version << 4 | 1);
	buf[1] = a->vrid;
	buf[2] = a->priority;
	buf[3] = a->naddr;
	if (a->version == 2) {
		buf[4] = a->auth_type;
		buf[5] = (uint8_t)a->interval;
	} else {
		buf[4] = (uint8_t)((a->interval >> 8) & 0x0f);
		buf[5] = (uint8_t)a->interval;
	}
	for (int i = 0; i < a->naddr; i++)
		memcpy(buf + VRRP_HDR_LEN + alen * (size_t)i, a->addrs[i].u.b, alen);
	if (a->version == 2 && a->auth_type == VRRP_AUTH_TEXT)
		memcpy(buf + VRRP_HDR_LEN + addrs_len(a), a->auth, strnlen(a->auth, VRRP_AUTH_LEN));
	uint16_t ck =
		vrrp_cksum(buf, n, vrrp_cksum_start(a->version, a->cksum_v4_pseudo, src, dst, n));
	buf[6] = (uint8_t)(ck >> 8);
	buf[7] = (uint8_t)ck;
	return n;
}

enum vrrp_rx_err vrrp_adv_decode(const uint8_t *buf, size_t len, uint8_t ttl,
				 const struct n2_addr *src, const struct n2_addr *dst,
				 uint8_t version, int v4_pseudo, struct vrrp_adv *out)
{
	memset(out, 0, sizeof(*out));
	if (ttl != VRRP_TTL)
		return VRRP_RX_TTL;
	if (len < VRRP_HDR_LEN)
		return VRRP_RX_LENGTH;
	out->version = buf[0] >> 4;
	out->family = src->family;
	/* version 2 is IPv4 only (RFC 3768), version 3 IPv4 or IPv6 */
	if (out->version != version || (version == 2 && src->family != AF_INET) ||
	    !n2_addr_len(src))
		return VRRP_RX_VERSION;
	if ((buf[0] & 0x0f) != 1)
		return VRRP_RX_TYPE;
	out->vrid = buf[1];
	out->priority = buf[2];
	out->naddr = buf[3];
	size_t alen = n2_addr_len(src);
	/* RFC 9568 7.1: "MUST verify that the received packet contains the complete VRRP packet
	 * (including fixed fields and IPvX address(es))". v3 has nothing after the addresses, so
	 * a longer one is wrong too: that is how an address list of the other family (16-byte
	 * addresses in an IPv4 packet, or 4-byte ones in IPv6) shows. v2 keeps RFC 3768's "at
	 * least" (its authentication data may be followed by padding). */
	size_t want = vrrp_adv_len(out);
	if (out->naddr > VRRP_MAX_ADDRS || len < want || (version == 3 && len != want))
		return VRRP_RX_LENGTH;
	/* the checksum covers the whole VRRP message as received */
	if (vrrp_cksum(buf, len, vrrp_cksum_start(version, v4_pseudo, src, dst, len)) != 0)
		return VRRP_RX_CHECKSUM;
	if (version == 2) {
		out->auth_type = buf[4];
		out->interval = buf[5];
		memcpy(out->auth, buf + VRRP_HDR_LEN + addrs_len(out), VRRP_AUTH_LEN);
	} else {
		out->interval = (uint16_t)((buf[4] & 0x0f) << 8 | buf[5]);
	}
	for (int i = 0; i < out->naddr; i++)
		out->addrs[i] =
			n2_addr_from(out->family, buf + VRRP_HDR_LEN + alen * (size_t)i, alen);
	return VRRP_RX_OK;
}
