/* Addresses with a prefix length (see prefix.h); the address part is parsed and printed as an
 * n2_addr (addr.c). */
#include "prefix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static size_t addr_len(uint8_t family)
{
	return n2_addr_family_len(family);
}

int n2_prefix_parse(const char *s, struct n2_prefix *p, int plen_opt)
{
	char buf[N2_PREFIX_STRLEN];
	memset(p, 0, sizeof(*p));
	if (!s || strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	char *slash = strchr(buf, '/');
	if (slash)
		*slash = 0;
	else if (!plen_opt)
		return -1;
	struct n2_addr a;
	if (n2_addr_parse(buf, &a) < 0)
		return -1;
	p->family = a.family;
	memcpy(p->addr, a.u.b, n2_addr_len(&a));
	unsigned max = p->family == AF_INET ? 32 : 128;
	if (!slash) {
		p->plen = (uint8_t)max;
		return 0;
	}
	char *end;
	const char *l = slash + 1;
	if (*l < '0' || *l > '9' || (l[0] == '0' && l[1]))
		return -1;
	unsigned long n = strtoul(l, &end, 10);
	if (*end || n > max)
		return -1;
	p->plen = (uint8_t)n;
	return 0;
}

struct n2_addr n2_prefix_addr(const struct n2_prefix *p)
{
	return n2_addr_from(p->family, p->addr, addr_len(p->family));
}

char *n2_prefix_addr_str(const struct n2_prefix *p, char *buf, size_t len)
{
	struct n2_addr a = n2_prefix_addr(p);
	if (!n2_addr_len(&a))
		snprintf(buf, len, "?");
	else
		n2_addr_str(&a, buf, len);
	return buf;
}

char *n2_prefix_str(const struct n2_prefix *p, char *buf, size_t len)
{
	char a[N2_ADDR_STRLEN];
	n2_prefix_addr_str(p, a, sizeof(a));
	snprintf(buf, len, "%s/%u", a, p->plen);
	return buf;
}

void n2_prefix_network(const struct n2_prefix *p, struct n2_prefix *out)
{
	*out = *p;
	size_t n = addr_len(p->family);
	for (size_t i = 0; i < n; i++) {
		unsigned bits = p->plen > i * 8 ? p->plen - i * 8 : 0;
		uint8_t mask = bits >= 8 ? 0xff : (uint8_t)(0xff << (8 - bits));
		out->addr[i] &= mask;
	}
	for (size_t i = n; i < sizeof(out->addr); i++)
		out->addr[i] = 0;
}

int n2_prefix_eq(const struct n2_prefix *a, const struct n2_prefix *b)
{
	return a->family == b->family && a->plen == b->plen &&
	       !memcmp(a->addr, b->addr, addr_len(a->family));
}

int n2_prefix_contains(const struct n2_prefix *net, const struct n2_prefix *addr)
{
	if (net->family != addr->family || addr->plen < net->plen)
		return 0;
	struct n2_prefix a = *addr, n;
	a.plen = net->plen;
	n2_prefix_network(&a, &a);
	n2_prefix_network(net, &n);
	return !memcmp(a.addr, n.addr, addr_len(net->family));
}

int n2_prefix_same_subnet(const struct n2_prefix *a, const struct n2_prefix *b)
{
	return a->family == b->family && a->plen == b->plen && n2_prefix_contains(a, b);
}

int n2_prefix_cmp(const struct n2_prefix *a, const struct n2_prefix *b)
{
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	struct n2_prefix na, nb;
	n2_prefix_network(a, &na);
	n2_prefix_network(b, &nb);
	int c = memcmp(na.addr, nb.addr, addr_len(a->family));
	if (c)
		return c;
	if (a->plen != b->plen)
		return a->plen < b->plen ? -1 : 1;
	return memcmp(a->addr, b->addr, addr_len(a->family));
}
