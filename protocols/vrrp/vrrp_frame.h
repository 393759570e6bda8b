/* Whole Ethernet frames vrrpd sends, all from the virtual MAC: an advertisement (Ethernet + IPv4
 * or IPv6 + VRRP), a gratuitous ARP (IPv4) and an unsolicited Neighbor Advertisement (IPv6).
 * Pure code: net.c only puts the bytes on the wire. */
#ifndef VRRP_FRAME_H
#define VRRP_FRAME_H
#include <stddef.h>
#include <stdint.h>

#include "vrrp_packet.h"

#define VRRP_ETH_HLEN 14
#define VRRP_IP_HLEN 20
#define VRRP_IP6_HLEN 40
#define VRRP_ADV4_FRAME_MAX \
	(VRRP_ETH_HLEN + VRRP_IP_HLEN + VRRP_HDR_LEN + 4 * VRRP_MAX_ADDRS + VRRP_AUTH_LEN)
#define VRRP_ADV6_FRAME_MAX (VRRP_ETH_HLEN + VRRP_IP6_HLEN + VRRP_HDR_LEN + 16 * VRRP_MAX_ADDRS)
#define VRRP_ADV_FRAME_MAX VRRP_ADV6_FRAME_MAX /* the larger */
#define VRRP_GARP_FRAME_LEN 42
#define VRRP_NA_FRAME_LEN (VRRP_ETH_HLEN + VRRP_IP6_HLEN + 32)
/* internetwork control (precedence 6), as other VRRP routers send (IPv4 TOS, IPv6 traffic
 * class: keepalived and FRR set both) */
#define VRRP_IP_TOS 0xc0

/* The virtual router MAC of a family: 00-00-5e-00-01-{VRID} for IPv4, 00-00-5e-00-02-{VRID} for
 * IPv6 (RFC 3768 7.3, RFC 9568 7.3). */
void vrrp_vmac(uint8_t family, uint8_t vrid, uint8_t mac[6]);
/* The virtual link-local address of an IPv6 virtual router when none is configured: fe80:: with
 * the modified EUI-64 identifier of its virtual MAC (RFC 4291 2.5.6, appendix A), the address
 * the kernel gives the virtual-MAC interface and FRR and keepalived use, so that every router
 * of the VRID derives the same one (RFC 9568 5.2.9 wants it first in the address list). */
struct n2_addr vrrp_virtual_ll(uint8_t vrid);
/* 1 for an IPv6 link-local address (fe80::/10). */
int vrrp_is_link_local(const struct n2_addr *a);
/* The address list a group of vrid advertises and installs, from its n configured virtual
 * addresses vips of family: IPv4 as configured; IPv6 with the virtual link-local address first
 * (RFC 9568 5.2.9), the first configured fe80:: one or else vrrp_virtual_ll(vrid), then the
 * others in their order (a second link-local one is left out). out has room for n + 1; returns
 * how many. */
int vrrp_adv_addrs(uint8_t family, uint8_t vrid, const struct n2_addr *vips, int n,
		   struct n2_addr *out);

/* Advertisement a from src, as an Ethernet frame from the virtual MAC of a's family: IPv4 to
 * 224.0.0.18 with IP identification id, to 01-00-5e-00-00-12 (RFC 1112 6.4); IPv6 (id unused)
 * from src, the interface's link-local address, to ff02::12, to 33-33-00-00-00-12 (RFC 2464 7),
 * hop limit 255 (RFC 9568 5.1.2). Returns the frame's length, 0 if buf (len bytes) is too small
 * or a cannot be encoded. */
size_t vrrp_frame_adv(const struct vrrp_adv *a, const struct n2_addr *src, uint16_t id,
		      uint8_t *buf, size_t len);
/* Gratuitous ARP for vip from the virtual MAC of vrid, broadcast (RFC 3768 6.4.2 / RFC 9568
 * 6.4.2: an ARP request with the virtual address as sender and target). Returns
 * VRRP_GARP_FRAME_LEN, 0 if buf is too small or vip is not IPv4. */
size_t vrrp_frame_garp(uint8_t vrid, const struct n2_addr *vip, uint8_t *buf, size_t len);
/* Unsolicited Neighbor Advertisement for the IPv6 virtual address vip of vrid (RFC 9568 6.4.2:
 * Router and Override flags set, Solicited clear, the target link-layer address option with the
 * virtual MAC; RFC 4861 7.2.6: to all-nodes ff02::1, hop limit 255), from vip itself as
 * keepalived sends it. Returns VRRP_NA_FRAME_LEN, 0 if buf is too small or vip is not IPv6. */
size_t vrrp_frame_na(uint8_t vrid, const struct n2_addr *vip, uint8_t *buf, size_t len);
#endif
