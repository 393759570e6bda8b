/* The show emitter (see emit.h): parses the field mini-language once and renders each field as
 * text (printf) or JSON (typed, escaped), keeping JSON separators by nesting level. */
#include "emit.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum vclass { V_INT, V_UINT, V_DBL, V_STR, V_CHR };

/* One field {MODS:KEY/FMT}, split into its parts (pointers into the format string). */
struct field {
	int label, json_only, boolean;
	const char *key, *fmt;
	size_t keylen, fmtlen;
};

/* One printf conversion found in a field's FMT, rebuilt with the '*' values resolved. */
struct conv {
	size_t start, end; /* offsets of the conversion in FMT */
	char flags[8], len[3], c;
	int width, prec; /* -1: absent */
	enum vclass vc;
};

struct value {
	enum vclass vc;
	long long i;
	unsigned long long u;
	double d;
	const char *s;
};

void emit_init(struct emit *e, struct n2_buf *out, int json)
{
	memset(e, 0, sizeof(*e));
	e->out = out;
	e->json = json;
	if (json)
		n2_buf_add(out, "{", 1);
}

static void pop(struct emit *e)
{
	if (e->depth == 0)
		return;
	if (e->json)
		n2_buf_add(e->out, e->lv[e->depth].list ? "]" : "}", 1);
	e->depth--;
}

void emit_finish(struct emit *e)
{
	while (e->depth > 0)
		pop(e);
	if (e->json)
		n2_buf_add(e->out, "}\n", 2);
}

unsigned emit_count(const struct emit *e)
{
	return e->lv[e->depth].count;
}

/* Starts a member of the current level: the JSON separator and, in an object, the key. */
static void member(struct emit *e, const char *key, size_t keylen)
{
	if (e->json) {
		if (e->lv[e->depth].count)
			n2_buf_add(e->out, ",", 1);
		if (!e->lv[e->depth].list) {
			char k[128];
			snprintf(k, sizeof(k), "%.*s", (int)keylen, key);
			n2_buf_json_str(e->out, k);
			n2_buf_add(e->out, ":", 1);
		}
	}
	e->lv[e->depth].count++;
}

static void push(struct emit *e, const char *key, int list)
{
	member(e, key, key ? strlen(key) : 0);
	if (e->json)
		n2_buf_add(e->out, list ? "[" : "{", 1);
	if (e->depth + 1 >= EMIT_MAX_DEPTH)
		return; /* a description this deep is a bug; keep the buffer bounded */
	e->depth++;
	e->lv[e->depth].list = (unsigned char)list;
	e->lv[e->depth].count = 0;
}

void emit_open_container(struct emit *e, const char *key)
{
	push(e, key, 0);
}

void emit_close_container(struct emit *e)
{
	pop(e);
}

void emit_open_list(struct emit *e, const char *key)
{
	push(e, key, 1);
}

void emit_close_list(struct emit *e)
{
	pop(e);
}

unsigned emit_open_instance(struct emit *e)
{
	unsigned i = emit_count(e);
	push(e, NULL, 0);
	return i;
}

void emit_close_instance(struct emit *e)
{
	pop(e);
}

void emit_text(struct emit *e, const char *fmt, ...)
{
	if (e->json)
		return;
	va_list ap;
	va_start(ap, fmt);
	n2_buf_vprintf(e->out, fmt, ap);
	va_end(ap);
}

/* Splits "{MODS:KEY/FMT}" starting after the '{'; returns the position after '}' or NULL. */
static const char *parse_field(const char *p, struct field *f)
{
	memset(f, 0, sizeof(*f));
	for (; *p && *p != ':'; p++) {
		if (*p == 'L')
			f->label = 1;
		else if (*p == 'e')
			f->json_only = 1;
		else if (*p == 'b')
			f->boolean = 1;
		else
			return NULL;
	}
	if (*p != ':')
		return NULL;
	f->key = ++p;
	while (*p && *p != '/' && *p != '}')
		p++;
	f->keylen = (size_t)(p - f->key);
	if (*p == '/') {
		f->fmt = ++p;
		while (*p && *p != '}')
			p++;
		f->fmtlen = (size_t)(p - f->fmt);
	}
	return *p == '}' ? p + 1 : NULL;
}

static int number(const char **p, va_list *ap)
{
	if (**p == '*') {
		(*p)++;
		return va_arg(*ap, int);
	}
	int n = 0;
	while (**p >= '0' && **p <= '9')
		n = n * 10 + *(*p)++ - '0';
	return n;
}

/* Finds and parses the one conversion of FMT, taking '*' arguments from ap. */
static int parse_conv(const char *fmt, size_t n, struct conv *c, va_list *ap)
{
	memset(c, 0, sizeof(*c));
	c->width = c->prec = -1;
	const char *s = memchr(fmt, '%', n);
	if (!s)
		return -1;
	const char *p = s + 1;
	size_t nf = 0;
	while (strchr("-+ #0", *p) && *p && nf < sizeof(c->flags) - 1)
		c->flags[nf++] = *p++;
	if ((*p >= '0' && *p <= '9') || *p == '*')
		c->width = number(&p, ap);
	if (*p == '.') {
		p++;
		c->prec = number(&p, ap);
	}
	size_t nl = 0;
	while (strchr("hlzj", *p) && *p && nl < sizeof(c->len) - 1)
		c->len[nl++] = *p++;
	c->c = *p;
	if (strchr("di", c->c))
		c->vc = V_INT;
	else if (strchr("uxXo", c->c))
		c->vc = V_UINT;
	else if (strchr("fFgGeE", c->c))
		c->vc = V_DBL;
	else if (c->c == 's')
		c->vc = V_STR;
	else if (c->c == 'c')
		c->vc = V_CHR;
	else
		return -1;
	if (!*p || p >= fmt + n)
		return -1;
	c->start = (size_t)(s - fmt);
	c->end = (size_t)(p + 1 - fmt);
	return 0;
}

/* Takes the argument of one conversion, narrowed to the type its length modifier names. */
static void fetch(const struct conv *c, struct value *v, va_list *ap)
{
	const char *l = c->len;
	v->vc = c->vc;
	switch (c->vc) {
	case V_INT:
		if (!strcmp(l, "ll") || !strcmp(l, "j"))
			v->i = va_arg(*ap, long long);
		else if (!strcmp(l, "l") || !strcmp(l, "z"))
			v->i = va_arg(*ap, long);
		else if (!strcmp(l, "hh"))
			v->i = (signed char)va_arg(*ap, int);
		else if (!strcmp(l, "h"))
			v->i = (short)va_arg(*ap, int);
		else
			v->i = va_arg(*ap, int);
		break;
	case V_UINT:
		if (!strcmp(l, "ll") || !strcmp(l, "j"))
			v->u = va_arg(*ap, unsigned long long);
		else if (!strcmp(l, "l") || !strcmp(l, "z"))
			v->u = va_arg(*ap, unsigned long);
		else if (!strcmp(l, "hh"))
			v->u = (unsigned char)va_arg(*ap, unsigned);
		else if (!strcmp(l, "h"))
			v->u = (unsigned short)va_arg(*ap, unsigned);
		else
			v->u = va_arg(*ap, unsigned);
		break;
	case V_DBL:
		v->d = va_arg(*ap, double);
		break;
	case V_STR:
		v->s = va_arg(*ap, const char *);
		break;
	case V_CHR:
		v->i = va_arg(*ap, int);
		break;
	}
}

/* Prints one value with the conversion rebuilt as "%<flags><width>.<prec><ll>c". */
static void print_conv(struct n2_buf *b, const struct conv *c, const struct value *v, int bare)
{
	char spec[48];
	int n = snprintf(spec, sizeof(spec), "%%%s", bare ? "" : c->flags);
	if (!bare && c->width >= 0)
		n += snprintf(spec + n, sizeof(spec) - (size_t)n, "%d", c->width);
	if (c->prec >= 0)
		n += snprintf(spec + n, sizeof(spec) - (size_t)n, ".%d", c->prec);
	char cc = bare && v->vc == V_UINT ? 'u' : c->c;
	snprintf(spec + n, sizeof(spec) - (size_t)n, "%s%c",
		 v->vc == V_INT || v->vc == V_UINT ? "ll" : "", cc);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	switch (v->vc) {
	case V_INT:
		n2_buf_printf(b, spec, v->i);
		break;
	case V_UINT:
		n2_buf_printf(b, spec, v->u);
		break;
	case V_DBL:
		n2_buf_printf(b, spec, v->d);
		break;
	case V_STR:
		n2_buf_printf(b, spec, v->s ? v->s : "");
		break;
	case V_CHR:
		n2_buf_printf(b, spec, (int)v->i);
		break;
	}
#pragma GCC diagnostic pop
}

static void json_value(struct emit *e, const struct conv *c, const struct value *v)
{
	if (v->vc == V_STR && !v->s) {
		n2_buf_add(e->out, "null", 4);
	} else if (v->vc == V_STR) {
		n2_buf_json_str(e->out, v->s);
	} else if (v->vc == V_CHR) {
		char s[2] = {(char)v->i, 0};
		n2_buf_json_str(e->out, s);
	} else if (v->vc == V_DBL && !isfinite(v->d)) {
		n2_buf_add(e->out, "null", 4);
	} else {
		print_conv(e->out, c, v, 1);
	}
}

/* Renders one parsed field, consuming its argument(s) in both modes. */
static void field(struct emit *e, const struct field *f, va_list *ap)
{
	if (f->label && !f->fmt) {
		if (!e->json)
			n2_buf_add(e->out, f->key, f->keylen);
		return;
	}
	if (f->boolean) {
		struct conv c;
		int has = f->fmt && parse_conv(f->fmt, f->fmtlen, &c, ap) == 0 && c.vc == V_INT;
		struct value v = {.vc = V_INT, .i = va_arg(*ap, int)};
		if (!f->label)
			member(e, f->key, f->keylen);
		if (e->json && !f->label) {
			n2_buf_printf(e->out, "%s", v.i ? "true" : "false");
		} else if (!e->json && !f->json_only && has) {
			n2_buf_add(e->out, f->fmt, c.start);
			print_conv(e->out, &c, &v, 0);
			n2_buf_add(e->out, f->fmt + c.end, f->fmtlen - c.end);
		}
		return;
	}
	const char *fmt = f->fmt ? f->fmt : "%s";
	size_t fmtlen = f->fmt ? f->fmtlen : 2;
	struct conv c;
	struct value v;
	if (parse_conv(fmt, fmtlen, &c, ap) < 0)
		return; /* a malformed field: nothing safe to take from ap */
	fetch(&c, &v, ap);
	if (!f->label)
		member(e, f->key, f->keylen);
	if (e->json) {
		if (!f->label)
			json_value(e, &c, &v);
		return;
	}
	if (f->json_only)
		return;
	n2_buf_add(e->out, fmt, c.start);
	print_conv(e->out, &c, &v, 0);
	n2_buf_add(e->out, fmt + c.end, fmtlen - c.end);
}

void emit(struct emit *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *p = fmt;
	while (*p) {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			if (!e->json)
				n2_buf_add(e->out, p, 1);
			p += 2;
			continue;
		}
		if (*p != '{') {
			size_t n = strcspn(p, "{}");
			if (n == 0)
				n = 1; /* a lone '}' is shown as is */
			if (!e->json)
				n2_buf_add(e->out, p, n);
			p += n;
			continue;
		}
		struct field f;
		const char *next = parse_field(p + 1, &f);
		if (!next)
			break; /* malformed: stop rather than take the wrong arguments */
		field(e, &f, &ap);
		p = next;
	}
	va_end(ap);
}
