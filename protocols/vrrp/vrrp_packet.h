/* VRRP advertisements on the wire: build and parse, versions 2 (RFC 3768, IPv4, with its 8 bytes
 * of authentication data) and 3 (RFC 9568, IPv4 or IPv6: the addresses are n2_addr values of the
 * family of the IP packet). Pure code: bytes in, bytes out, and a precise reason when a packet is
 * refused, which the caller counts. */
#ifndef VRRP_PACKET_H
#define VRRP_PACKET_H
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

#define VRRP_PROTO 112
#define VRRP_GROUP_V4 0xe0000012u /* 224.0.0.18, host order */
#define VRRP_TTL 255
#define VRRP_MAX_ADDRS 32
#define VRRP_AUTH_LEN 8
#define VRRP_HDR_LEN 8

enum vrrp_auth { VRRP_AUTH_NONE = 0, VRRP_AUTH_TEXT = 1 };

struct vrrp_adv {
	uint8_t version; /* 2 or 3 */
	uint8_t family;  /* AF_INET or AF_INET6: of every address, and of the IP packet */
	uint8_t vrid;
	uint8_t priority;
	uint8_t naddr;
	uint8_t auth_type; /* v2 */
	uint16_t interval; /* v2: seconds; v3: centiseconds (12 bits) */
	struct n2_addr addrs[VRRP_MAX_ADDRS];
	char auth[VRRP_AUTH_LEN + 1]; /* v2 text password, NUL-terminated */
	uint8_t cksum_v4_pseudo;      /* encode, v3 over IPv4: checksum the pseudo-header too */
};

/* Why a received packet was refused, one reason per packet; vrrp_rx_err_name() gives the
 * RFC 8347 (ietf-vrrp) statistics counter of each. vrrp_adv_decode() returns the first five;
 * the receive pipeline (vrrp_rx.c) the others. */
enum vrrp_rx_err {
	VRRP_RX_OK = 0,
	VRRP_RX_TTL,     /* IP TTL is not 255 */
	VRRP_RX_VERSION, /* not the version we run */
	VRRP_RX_TYPE,    /* not an advertisement */
	VRRP_RX_LENGTH,  /* v2: shorter than its address count says; v3: not exactly that long */
	VRRP_RX_CHECKSUM,
	VRRP_RX_VRID,      /* no group with this VRID on the interface */
	VRRP_RX_AUTH_TYPE, /* v2: not our authentication type */
	VRRP_RX_AUTH,      /* v2: not our password */
	VRRP_RX_INTERVAL,  /* v2: not our advertisement interval; v3: interval 0 */
	VRRP_RX_ADDR_LIST, /* not our virtual addresses */
	VRRP_RX_MALFORMED, /* bad IP header, a fragment, an IPv6 extension header, not to the
			    * VRRP group address, IPv6 not from a link-local address: no counter,
			    * dropped silently */
	VRRP_RX_OWN,       /* sent by this interface: no counter, dropped silently */
	VRRP_RX_COUNT
};
const char *vrrp_rx_err_name(enum vrrp_rx_err e);

/* Where advertisements go: 224.0.0.18 (RFC 3768 5.2.2, RFC 9568 5.1.1.2) or ff02::12 (RFC 9568
 * 5.1.2.2). None for another family. */
struct n2_addr vrrp_group_addr(uint8_t family);

/* The checksum rule (RFC 9568 5.2.8): v2 covers the VRRP message only (RFC 3768 5.3.8); v3 over
 * IPv6 the message and the IPv6 pseudo-header; v3 over IPv4 the message only, as RFC 9568 reads,
 * or, for peers that follow RFC 5798's reading (keepalived's and FRR's default), the message
 * and the IPv4 pseudo-header when v4_pseudo is set. Returns the sum to start vrrp_cksum() with. */
uint32_t vrrp_cksum_start(uint8_t version, int v4_pseudo, const struct n2_addr *src,
			  const struct n2_addr *dst, size_t len);

/* Encodes adv into buf (at least vrrp_adv_len()); src/dst, of adv's family, are used by the v3
 * checksum's pseudo-header (adv->cksum_v4_pseudo says whether IPv4's is). Returns the length; 0
 * when buf is short, there are too many addresses, an address or src/dst is not of adv's family, or
 * it is version 2 over IPv6. */
size_t vrrp_adv_len(const struct vrrp_adv *a);
size_t vrrp_adv_encode(const struct vrrp_adv *a, const struct n2_addr *src,
		       const struct n2_addr *dst, uint8_t *buf, size_t len);
/* Decodes the VRRP part of an IP packet (after the IP header; len is what the IP header says,
 * without link-layer padding). ttl (IPv6: the hop limit), src and dst come from the IP header,
 * whose family is the addresses'. `version` is the version this router runs (2 or 3); version 2
 * exists over IPv4 only. v4_pseudo: the checksum rule of v3 over IPv4 (vrrp_cksum_start()). */
enum vrrp_rx_err vrrp_adv_decode(const uint8_t *buf, size_t len, uint8_t ttl,
				 const struct n2_addr *src, const struct n2_addr *dst,
				 uint8_t version, int v4_pseudo, struct vrrp_adv *out);
/* The Advertisement Interval, in whole seconds, of the VRRPv2 advertisement that a VRRPv3
 * router in VRRPv2 compatibility (RFC 9568 8.4.2) sends beside its v3 one of adv_cs
 * centiseconds: rounded up, so that a v2 backup's Master_Down_Interval is never shorter than the
 * time between advertisements, and kept within v2's 1..255. */
uint8_t vrrp_v2_interval_s(uint16_t adv_cs);
/* Internet checksum of buf (one's complement of the one's complement sum), plus an initial sum. */
uint16_t vrrp_cksum(const void *buf, size_t len, uint32_t sum);
/* The sum of the pseudo-header of a VRRP message of len bytes from src to dst, to start
 * vrrp_cksum() with: IPv4's (src, dst, zero, protocol, length: RFC 9568 5.2.8 after RFC 768) or
 * IPv6's (src, dst, 32-bit length, zeros, next header: RFC 8200 8.1). */
uint32_t vrrp_pseudo_sum(const struct n2_addr *src, const struct n2_addr *dst, size_t len);
#endif
