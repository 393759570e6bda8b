/* Accounted allocation: a small header before each block remembers its size. */
#include "mem.h"
#include <stdlib.h>
#include <string.h>

struct hdr {
	size_t size;
	size_t pad; /* keeps the payload 16-byte aligned */
};

static struct n2_mtype *types;

void n2_mtype_register(struct n2_mtype *mt)
{
	mt->next = types;
	types = mt;
}

void *n2_malloc(struct n2_mtype *mt, size_t size)
{
	struct hdr *h = malloc(sizeof(*h) + size);
	if (!h)
		return NULL;
	h->size = size;
	mt->count++;
	mt->bytes += size;
	return h + 1;
}

void *n2_calloc(struct n2_mtype *mt, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	void *p = n2_malloc(mt, n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *n2_realloc(struct n2_mtype *mt, void *p, size_t size)
{
	if (!p)
		return n2_malloc(mt, size);
	struct hdr *h = (struct hdr *)p - 1;
	size_t old = h->size;
	struct hdr *nh = realloc(h, sizeof(*nh) + size);
	if (!nh)
		return NULL;
	nh->size = size;
	mt->bytes = mt->bytes - old + size;
	return nh + 1;
}

char *n2_strdup(struct n2_mtype *mt, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = n2_malloc(mt, n);
	if (p)
		memcpy(p, s, n);
	return p;
}

void n2_free(struct n2_mtype *mt, void *p)
{
	if (!p)
		return;
	struct hdr *h = (struct hdr *)p - 1;
	mt->count--;
	mt->bytes -= h->size;
	free(h);
}

void n2_mtype_foreach(void (*fn)(const struct n2_mtype *mt, void *arg), void *arg)
{
	for (struct n2_mtype *mt = types; mt; mt = mt->next)
		fn(mt, arg);
}
