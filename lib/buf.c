/* A growable text buffer (see buf.h). */
#include "buf.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void n2_buf_init(struct n2_buf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

void n2_buf_fini(struct n2_buf *b)
{
	free(b->s);
	n2_buf_init(b);
}

void n2_buf_reset(struct n2_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = 0;
}

static int grow(struct n2_buf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + more + 1)
		cap *= 2;
	char *s = realloc(b->s, cap);
	if (!s)
		return -1;
	b->s = s;
	b->cap = cap;
	return 0;
}

void n2_buf_add(struct n2_buf *b, const char *s, size_t n)
{
	if (grow(b, n) < 0)
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void n2_buf_vprintf(struct n2_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || grow(b, (size_t)n) < 0)
		return;
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void n2_buf_printf(struct n2_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	n2_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void n2_buf_json_str(struct n2_buf *b, const char *s)
{
	n2_buf_add(b, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			n2_buf_printf(b, "\\%c", c);
		else if (c == '\n')
			n2_buf_add(b, "\\n", 2);
		else if (c < 0x20)
			n2_buf_printf(b, "\\u%04x", c);
		else
			n2_buf_add(b, (const char *)&c, 1);
	}
	n2_buf_add(b, "\"", 1);
}

const char *n2_buf_str(const struct n2_buf *b)
{
	return b->s ? b->s : "";
}
