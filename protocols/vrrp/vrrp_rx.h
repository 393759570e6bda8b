/* The receive pipeline of VRRP advertisements (RFC 3768 7.1, RFC 9568 7.1): an IPv4 or IPv6
 * datagram as the packet socket gave it, plus what the receiving interface's groups expect, in; a
 * decoded advertisement and exactly one verdict out. Pure code: group.c counts the verdict, logs it
 * and feeds accepted advertisements to the state machine. */
#ifndef VRRP_RX_H
#define VRRP_RX_H
#include <stddef.h>
#include <stdint.h>

#include "vrrp_packet.h"

/* What the local group for a VRID expects of its advertisements. */
struct vrrp_rx_expect {
	uint8_t version;            /* 2 or 3 */
	uint16_t adv_cs;            /* advertisement interval, centiseconds */
	int cksum_v4_pseudo;        /* v3 over IPv4: the checksum covers the pseudo-header */
	int v2_compat;              /* v3 over IPv4: VRRPv2 advertisements are taken too */
	const char *auth;           /* v2 text password; "" = no authentication */
	const struct n2_addr *vips; /* virtual addresses */
	int nvips;
};

/* The receiving interface. */
struct vrrp_rx_ctx {
	/* its addresses our own advertisements come from, and come back with: the primary IPv4
	 * address and the IPv6 link-local one (none when it has none) */
	struct n2_addr self, self6;
	/* Fills *out for the group with this VRID and family (AF_INET, AF_INET6: an IPv4 and an
	 * IPv6 virtual router of one VRID are two groups, RFC 9568 1) on the interface; returns 0
	 * if there is none. */
	int (*find)(void *arg, uint8_t vrid, uint8_t family, struct vrrp_rx_expect *out);
	void *arg;
};

struct vrrp_rx_result {
	enum vrrp_rx_err err; /* VRRP_RX_OK, or the one reason for the verdict */
	int accept;           /* for the state machine: err is OK, or ADDR_LIST from the owner */
	int known;            /* a group exists for vrid (also when the VRRP header was refused) */
	uint8_t vrid;
	uint8_t family;          /* of the IP packet: which group of the VRID */
	struct n2_addr src, dst; /* from the IP header */
	struct vrrp_adv adv;     /* decoded as far as the checks went */
};

/* Runs every receive check on the datagram ip[0..len) (len may include Ethernet padding). */
void vrrp_rx(const uint8_t *ip, size_t len, const struct vrrp_rx_ctx *ctx,
	     struct vrrp_rx_result *r);
#endif
