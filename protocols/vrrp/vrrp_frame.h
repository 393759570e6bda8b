/* Whole Ethernet frames vrrpd sends: an advertisement (Ethernet + IPv4 + VRRP) and a gratuitous
 * ARP, both from the virtual MAC. Pure code: net.c only puts the bytes on the wire. */
#ifndef VRRP_FRAME_H
#define VRRP_FRAME_H
#include <stddef.h>
#include <stdint.h>

#include "vrrp_packet.h"

#define VRRP_ETH_HLEN 14
#define VRRP_IP_HLEN 20
#define VRRP_ADV_FRAME_MAX \
	(VRRP_ETH_HLEN + VRRP_IP_HLEN + VRRP_HDR_LEN + 4 * VRRP_MAX_ADDRS + VRRP_AUTH_LEN)
#define VRRP_GARP_FRAME_LEN 42
#define VRRP_IP_TOS 0xc0 /* internetwork control (precedence 6), as other VRRP routers send */

/* The virtual router MAC 00-00-5e-00-01-{VRID} (RFC 3768 7.3, RFC 9568 7.3). */
void vrrp_vmac(uint8_t vrid, uint8_t mac[6]);

/* Advertisement a from src to 224.0.0.18 with IP identification id, as an Ethernet frame from
 * the virtual MAC to 01-00-5e-00-00-12 (RFC 1112 6.4). Returns the frame's length, 0 if buf
 * (len bytes) is too small or a cannot be encoded. IPv4 only so far: 0 for an IPv6 src. */
size_t vrrp_frame_adv(const struct vrrp_adv *a, const struct n2_addr *src, uint16_t id,
		      uint8_t *buf, size_t len);
/* Gratuitous ARP for vip from the virtual MAC of vrid, broadcast (RFC 3768 6.4.2 / RFC 9568
 * 6.4.2: an ARP request with the virtual address as sender and target). Returns
 * VRRP_GARP_FRAME_LEN, 0 if buf is too small or vip is not IPv4 (IPv6 announces itself with a
 * Neighbor Advertisement instead, not built yet). */
size_t vrrp_frame_garp(uint8_t vrid, const struct n2_addr *vip, uint8_t *buf, size_t len);
#endif
