/* One IP address, IPv4 or IPv6, as a plain value: what a protocol stores, compares and prints
 * wherever it would otherwise hard-code a uint32_t, so that IPv6 is another value of the same
 * type, not a rewrite. prefix.h (an address with a length) builds on it. No I/O. */
#ifndef N2_ADDR_H
#define N2_ADDR_H
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#define N2_ADDR_STRLEN 46 /* INET6_ADDRSTRLEN: "ffff:...:255.255.255.255" and its NUL */

struct n2_addr {
	uint8_t family; /* AF_INET or AF_INET6; 0 = none (a zeroed struct is "no address") */
	union {
		struct in_addr v4;
		struct in6_addr v6;
		uint8_t b[16]; /* network byte order; IPv4 in the first 4 bytes */
	} u;
};

/* An IPv4 address from its network-order 32 bits (what struct in_addr's s_addr holds). */
struct n2_addr n2_addr_v4(uint32_t s_addr);
struct n2_addr n2_addr_v6(const struct in6_addr *a);
/* family and len (4 or 16) bytes in network order, as on the wire; none if len does not fit. */
struct n2_addr n2_addr_from(uint8_t family, const void *bytes, size_t len);
/* Bytes of the address: 4 (IPv4), 16 (IPv6), 0 (none). */
size_t n2_addr_len(const struct n2_addr *a);
/* Bytes of an address of this family (0 for an unknown one). */
size_t n2_addr_family_len(uint8_t family);
/* Parses "192.0.2.1" or "2001:db8::1". Returns 0, or -1 (and a none) when malformed. */
int n2_addr_parse(const char *s, struct n2_addr *a);
/* The address as text into buf (N2_ADDR_STRLEN is enough); "-" for none. Returns buf. */
char *n2_addr_str(const struct n2_addr *a, char *buf, size_t len);
/* 1 when the same family and the same address (two nones are equal). */
int n2_addr_eq(const struct n2_addr *a, const struct n2_addr *b);
/* Total order: by family, then as unsigned integers in network order (the order RFC 9568 6.4.3
 * uses to break a tie between two routers of the same priority). <0, 0, >0. */
int n2_addr_cmp(const struct n2_addr *a, const struct n2_addr *b);
/* 1 for none and for the unspecified address (0.0.0.0, ::): "no address known". */
int n2_addr_is_none(const struct n2_addr *a);
#endif
