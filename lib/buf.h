/* A growable text buffer with printf, for command output and JSON. */
#ifndef N2_BUF_H
#define N2_BUF_H
#include <stdarg.h>
#include <stddef.h>

struct n2_buf {
	char *s;
	size_t len, cap;
};

void n2_buf_init(struct n2_buf *b);
void n2_buf_fini(struct n2_buf *b);
void n2_buf_reset(struct n2_buf *b);
void n2_buf_printf(struct n2_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void n2_buf_vprintf(struct n2_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void n2_buf_add(struct n2_buf *b, const char *s, size_t n);
/* Appends s as a JSON string literal (with quotes). */
void n2_buf_json_str(struct n2_buf *b, const char *s);
/* Never NULL: "" for an empty buffer. */
const char *n2_buf_str(const struct n2_buf *b);
#endif
