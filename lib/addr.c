/* IP addresses as values (see addr.h). */
#include "addr.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

struct n2_addr n2_addr_v4(uint32_t s_addr)
{
	struct n2_addr a = {.family = AF_INET};
	a.u.v4.s_addr = s_addr;
	return a;
}

struct n2_addr n2_addr_v6(const struct in6_addr *v6)
{
	struct n2_addr a = {.family = AF_INET6};
	a.u.v6 = *v6;
	return a;
}

size_t n2_addr_family_len(uint8_t family)
{
	return family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
}

struct n2_addr n2_addr_from(uint8_t family, const void *bytes, size_t len)
{
	struct n2_addr a = {0};
	if (!len || len != n2_addr_family_len(family))
		return a;
	a.family = family;
	memcpy(a.u.b, bytes, len);
	return a;
}

size_t n2_addr_len(const struct n2_addr *a)
{
	return n2_addr_family_len(a->family);
}

int n2_addr_parse(const char *s, struct n2_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (!s)
		return -1;
	if (inet_pton(AF_INET, s, &a->u.v4) == 1)
		a->family = AF_INET;
	else if (inet_pton(AF_INET6, s, &a->u.v6) == 1)
		a->family = AF_INET6;
	else
		return -1;
	return 0;
}

char *n2_addr_str(const struct n2_addr *a, char *buf, size_t len)
{
	if (!len)
		return buf;
	if (!n2_addr_len(a) || !inet_ntop(a->family, a->u.b, buf, (socklen_t)len))
		snprintf(buf, len, "-");
	return buf;
}

int n2_addr_eq(const struct n2_addr *a, const struct n2_addr *b)
{
	return a->family == b->family && !memcmp(a->u.b, b->u.b, n2_addr_len(a));
}

int n2_addr_cmp(const struct n2_addr *a, const struct n2_addr *b)
{
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	return memcmp(a->u.b, b->u.b, n2_addr_len(a));
}

int n2_addr_is_none(const struct n2_addr *a)
{
	static const uint8_t zero[16];
	return !memcmp(a->u.b, zero, n2_addr_len(a));
}
