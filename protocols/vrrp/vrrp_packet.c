/* VRRP advertisement build and parse (see vrrp_packet.h). */
#include "vrrp_packet.h"
#include <string.h>

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

/* RFC 5798 5.2.8: the IPv4 pseudo-header (src, dst, zero, protocol, VRRP length). */
static uint32_t pseudo_sum(uint32_t src, uint32_t dst, size_t len)
{
	uint8_t ph[12];
	memcpy(ph, &src, 4);
	memcpy(ph + 4, &dst, 4);
	ph[8] = 0;
	ph[9] = VRRP_PROTO;
	ph[10] = (uint8_t)(len >> 8);
	ph[11] = (uint8_t)len;
	uint32_t sum = 0;
	for (int i = 0; i < 12; i += 2)
		sum += (uint32_t)(ph[i] << 8 | ph[i + 1]);
	return sum;
}

size_t vrrp_adv_len(const struct vrrp_adv *a)
{
	return VRRP_HDR_LEN + 4u * a->naddr + (a->version == 2 ? VRRP_AUTH_LEN : 0);
}

size_t vrrp_adv_encode(const struct vrrp_adv *a, uint32_t src, uint32_t dst, uint8_t *buf,
		       size_t len)
{
	size_t n = vrrp_adv_len(a);
	if (len < n || a->naddr > VRRP_MAX_ADDRS)
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
	memcpy(buf + VRRP_HDR_LEN, a->addrs, 4u * a->naddr);
	if (a->version == 2 && a->auth_type == VRRP_AUTH_TEXT)
		memcpy(buf + VRRP_HDR_LEN + 4u * a->naddr, a->auth,
		       strnlen(a->auth, VRRP_AUTH_LEN));
	uint16_t ck = vrrp_cksum(buf, n, a->version == 3 ? pseudo_sum(src, dst, n) : 0);
	buf[6] = (uint8_t)(ck >> 8);
	buf[7] = (uint8_t)ck;
	return n;
}

enum vrrp_rx_err vrrp_adv_decode(const uint8_t *buf, size_t len, uint8_t ttl, uint32_t src,
				 uint32_t dst, uint8_t version, struct vrrp_adv *out)
{
	memset(out, 0, sizeof(*out));
	if (ttl != VRRP_TTL)
		return VRRP_RX_TTL;
	if (len < VRRP_HDR_LEN)
		return VRRP_RX_LENGTH;
	out->version = buf[0] >> 4;
	if (out->version != version)
		return VRRP_RX_VERSION;
	if ((buf[0] & 0x0f) != 1)
		return VRRP_RX_TYPE;
	out->vrid = buf[1];
	out->priority = buf[2];
	out->naddr = buf[3];
	size_t need = VRRP_HDR_LEN + 4u * out->naddr + (version == 2 ? VRRP_AUTH_LEN : 0);
	if (out->naddr > VRRP_MAX_ADDRS || len < need)
		return VRRP_RX_LENGTH;
	/* the checksum covers the whole VRRP message as received */
	if (vrrp_cksum(buf, len, version == 3 ? pseudo_sum(src, dst, len) : 0) != 0)
		return VRRP_RX_CHECKSUM;
	if (version == 2) {
		out->auth_type = buf[4];
		out->interval = buf[5];
		memcpy(out->auth, buf + VRRP_HDR_LEN + 4u * out->naddr, VRRP_AUTH_LEN);
	} else {
		out->interval = (uint16_t)((buf[4] & 0x0f) << 8 | buf[5]);
	}
	memcpy(out->addrs, buf + VRRP_HDR_LEN, 4u * out->naddr);
	return VRRP_RX_OK;
}
