/* Binary min-heap of timers (see timerheap.h). */
#include "timerheap.h"
#include <stdlib.h>

static int before(const struct n2_theap_node *a, const struct n2_theap_node *b)
{
	return a->expiry < b->expiry || (a->expiry == b->expiry && a->order < b->order);
}

static void place(struct n2_theap *h, size_t i, struct n2_theap_node *n)
{
	h->v[i] = n;
	n->index = i;
}

static void sift_up(struct n2_theap *h, size_t i)
{
	struct n2_theap_node *n = h->v[i];
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (!before(n, h->v[p]))
			break;
		place(h, i, h->v[p]);
		i = p;
	}
	place(h, i, n);
}

static void sift_down(struct n2_theap *h, size_t i)
{
	struct n2_theap_node *n = h->v[i];
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= h->len)
			break;
		if (c + 1 < h->len && before(h->v[c + 1], h->v[c]))
			c++;
		if (!before(h->v[c], n))
			break;
		place(h, i, h->v[c]);
		i = c;
	}
	place(h, i, n);
}

void n2_theap_init(struct n2_theap *h)
{
	h->v = NULL;
	h->len = h->cap = 0;
	h->counter = 0;
}

void n2_theap_fini(struct n2_theap *h)
{
	for (size_t i = 0; i < h->len; i++)
		h->v[i]->index = SIZE_MAX;
	free(h->v);
	n2_theap_init(h);
}

int n2_theap_push(struct n2_theap *h, struct n2_theap_node *n)
{
	if (h->len == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;
		struct n2_theap_node **v = realloc(h->v, cap * sizeof(*v));
		if (!v)
			return -1;
		h->v = v;
		h->cap = cap;
	}
	n->order = h->counter++;
	h->v[h->len] = n;
	n->index = h->len++;
	sift_up(h, n->index);
	return 0;
}

void n2_theap_remove(struct n2_theap *h, struct n2_theap_node *n)
{
	size_t i = n->index;
	if (i == SIZE_MAX || i >= h->len || h->v[i] != n)
		return;
	n->index = SIZE_MAX;
	struct n2_theap_node *last = h->v[--h->len];
	if (i == h->len)
		return;
	place(h, i, last);
	if (i > 0 && before(last, h->v[(i - 1) / 2]))
		sift_up(h, i);
	else
		sift_down(h, i);
}

struct n2_theap_node *n2_theap_peek(const struct n2_theap *h)
{
	return h->len ? h->v[0] : NULL;
}

struct n2_theap_node *n2_theap_pop_due(struct n2_theap *h, uint64_t now)
{
	struct n2_theap_node *n = n2_theap_peek(h);
	if (!n || n->expiry > now)
		return NULL;
	n2_theap_remove(h, n);
	return n;
}
