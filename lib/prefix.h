/* IPv4/IPv6 addresses with a prefix length, as plain values: parse "192.0.2.10/24", print, compare,
 * test containment. Used by pifmgr, ribmgr and their clients; no I/O. The address alone is an
 * n2_addr (addr.h), whose parser and printer this uses. */
#ifndef N2_PREFIX_H
#define N2_PREFIX_H
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

#define N2_PREFIX_STRLEN 64 /* enough for "ffff:...:ffff/128" */

struct n2_prefix {
	uint8_t family; /* AF_INET or AF_INET6; 0 = unset */
	uint8_t plen;
	uint8_t addr[16]; /* network byte order; IPv4 in the first 4 bytes */
};

/* Parses "A.B.C.D/M", "X:X::X:X/M", or (with plen_opt) an address alone, which gets the full
 * length. Returns 0, or -1 when malformed. Host bits are kept. */
int n2_prefix_parse(const char *s, struct n2_prefix *p, int plen_opt);
/* "192.0.2.10/24"; buf of N2_PREFIX_STRLEN. Returns buf. */
char *n2_prefix_str(const struct n2_prefix *p, char *buf, size_t len);
/* The address alone, as a value (none when the prefix is unset). */
struct n2_addr n2_prefix_addr(const struct n2_prefix *p);
/* The address alone, "192.0.2.10"; "?" when unset. */
char *n2_prefix_addr_str(const struct n2_prefix *p, char *buf, size_t len);
/* The network: host bits cleared. */
void n2_prefix_network(const struct n2_prefix *p, struct n2_prefix *out);
/* 1 when family, length and every address byte are equal. */
int n2_prefix_eq(const struct n2_prefix *a, const struct n2_prefix *b);
/* 1 when the address of `addr` lies within the network of `net` (families equal). */
int n2_prefix_contains(const struct n2_prefix *net, const struct n2_prefix *addr);
/* 1 when a and b have the same length and network (two addresses of one subnet). */
int n2_prefix_same_subnet(const struct n2_prefix *a, const struct n2_prefix *b);
/* Total order (family, network address, length), for sorted output. */
int n2_prefix_cmp(const struct n2_prefix *a, const struct n2_prefix *b);
#endif
