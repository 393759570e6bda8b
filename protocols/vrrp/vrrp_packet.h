/* VRRP advertisements on the wire: build and parse, versions 2 (RFC 3768, with its 8 bytes of
 * authentication data) and 3 (RFC 5798, IPv4). Pure code: bytes in, bytes out, and a precise
 * reason when a packet is refused, which the caller counts. */
#ifndef VRRP_PACKET_H
#define VRRP_PACKET_H
#include <stddef.h>
#include <stdint.h>

#define VRRP_PROTO 112
#define VRRP_GROUP_V4 0xe0000012u /* 224.0.0.18 */
#define VRRP_TTL 255
#define VRRP_MAX_ADDRS 32
#define VRRP_AUTH_LEN 8
#define VRRP_HDR_LEN 8

enum vrrp_auth { VRRP_AUTH_NONE = 0, VRRP_AUTH_TEXT = 1 };

struct vrrp_adv {
	uint8_t version; /* 2 or 3 */
	uint8_t vrid;
	uint8_t priority;
	uint8_t naddr;
	uint8_t auth_type;              /* v2 */
	uint16_t interval;              /* v2: seconds; v3: centiseconds (12 bits) */
	uint32_t addrs[VRRP_MAX_ADDRS]; /* network byte order */
	char auth[VRRP_AUTH_LEN + 1];   /* v2 text password, NUL-terminated */
};

/* Why a received packet was refused, one reason per packet; vrrp_rx_err_name() gives the
 * RFC 8347 (ietf-vrrp) statistics counter of each. vrrp_adv_decode() returns the first five;
 * the receive pipeline (vrrp_rx.c) the others. */
enum vrrp_rx_err {
	VRRP_RX_OK = 0,
	VRRP_RX_TTL,     /* IP TTL is not 255 */
	VRRP_RX_VERSION, /* not the version we run */
	VRRP_RX_TYPE,    /* not an advertisement */
	VRRP_RX_LENGTH,  /* shorter than its address count says */
	VRRP_RX_CHECKSUM,
	VRRP_RX_VRID,      /* no group with this VRID on the interface */
	VRRP_RX_AUTH_TYPE, /* v2: not our authentication type */
	VRRP_RX_AUTH,      /* v2: not our password */
	VRRP_RX_INTERVAL,  /* v2: not our advertisement interval */
	VRRP_RX_ADDR_LIST, /* not our virtual addresses */
	VRRP_RX_MALFORMED, /* bad IPv4 header or a fragment: no counter, dropped silently */
	VRRP_RX_OWN,       /* sent by this interface: no counter, dropped silently */
	VRRP_RX_COUNT
};
const char *vrrp_rx_err_name(enum vrrp_rx_err e);

/* Encodes adv into buf (at least vrrp_adv_len()); src/dst (network order) are used by the v3
 * checksum's pseudo-header. Returns the length. */
size_t vrrp_adv_len(const struct vrrp_adv *a);
size_t vrrp_adv_encode(const struct vrrp_adv *a, uint32_t src, uint32_t dst, uint8_t *buf,
		       size_t len);
/* Decodes the VRRP part of an IPv4 packet (after the IP header). ttl, src and dst come from the
 * IP header. `version` is the version this router runs (2 or 3). */
enum vrrp_rx_err vrrp_adv_decode(const uint8_t *buf, size_t len, uint8_t ttl, uint32_t src,
				 uint32_t dst, uint8_t version, struct vrrp_adv *out);
/* Internet checksum of buf (one's complement of the one's complement sum), plus an initial sum. */
uint16_t vrrp_cksum(const void *buf, size_t len, uint32_t sum);
#endif
