/* Edit templates (see template.h). */
#include "template.h"

#include <stdio.h>
#include <string.h>

int tmpl_next(const char *s, const char **start, const char **end, struct tmpl_ref *ref)
{
	const char *open = strchr(s, '{');
	if (!open)
		return 0;
	const char *close = strchr(open, '}');
	if (!close)
		return -1;
	const char *name = open + 1;
	const char *colon = memchr(name, ':', (size_t)(close - name));
	size_t namelen = (size_t)((colon ? colon : close) - name);
	*ref = (struct tmpl_ref){0};
	if (namelen == 6 && !strncmp(name, "ifname", 6)) {
		ref->ifname = 1;
	} else if (namelen > 1 && namelen < 6 && name[0] == '^' &&
		   strspn(name + 1, "0123456789") == namelen - 1) {
		for (size_t i = 1; i < namelen; i++)
			ref->up = ref->up * 10 + (name[i] - '0');
	} else if (namelen && namelen < 6 && strspn(name, "0123456789") == namelen) {
		for (size_t i = 0; i < namelen; i++)
			ref->slot = ref->slot * 10 + (name[i] - '0');
	}
	if (colon) {
		ref->lit = colon + 1;
		ref->litlen = (size_t)(close - colon - 1);
	}
	*start = open;
	*end = close + 1;
	return 1;
}

/* Appends n bytes of s at *k, keeping room for the final NUL; what does not fit is dropped,
 * and then it returns 1. */
static int put(char *out, size_t len, size_t *k, const char *s, size_t n)
{
	size_t room = *k + 1 < len ? len - 1 - *k : 0, cut = n > room;
	if (cut)
		n = room;
	memcpy(out + *k, s, n);
	*k += n;
	return (int)cut;
}

int tmpl_expand(const char *tmpl, tmpl_value_fn value, void *arg, char *out, size_t len)
{
	size_t k = 0;
	const char *s = tmpl, *start, *end;
	struct tmpl_ref ref;
	int rc;
	while ((rc = tmpl_next(s, &start, &end, &ref)) == 1) {
		put(out, len, &k, s, (size_t)(start - s));
		const char *v = NULL;
		int got = value(&ref, &v, arg);
		if (got < 0)
			return -1;
		if (!got || !v || !*v)
			return 0;
		if (ref.lit)
			put(out, len, &k, ref.lit, ref.litlen);
		else
			put(out, len, &k, v, strlen(v));
		s = end;
	}
	if (rc < 0)
		return -1;
	put(out, len, &k, s, strlen(s));
	if (len)
		out[k] = 0;
	return 1;
}

int tmpl_match(const char *tmpl, const char *value, struct tmpl_ref *ref, char *captured,
	       size_t caplen)
{
	if (!tmpl || !*tmpl)
		return 0;
	const char *start, *end;
	if (tmpl_next(tmpl, &start, &end, ref) != 1)
		return strcmp(tmpl, value) ? -1 : 0;
	/* the text around the reference is compared as it is, even if it holds another '{' */
	size_t pre = (size_t)(start - tmpl), post = strlen(end), vlen = strlen(value);
	if (vlen < pre + post || strncmp(value, tmpl, pre) || strcmp(value + vlen - post, end))
		return -1;
	size_t n = vlen - pre - post;
	if (ref->lit && (n != ref->litlen || strncmp(value + pre, ref->lit, n)))
		return -1;
	snprintf(captured, caplen, "%.*s", (int)n, value + pre);
	return 1;
}

int tmpl_regex(const char *tmpl, char *re, size_t relen, struct tmpl_ref refs[TMPL_MAX_REFS])
{
	static const char special[] = ".[]()*+?^$|\\{}";
	static const char capture[] = "([^']*)";
	size_t k = 0;
	int n = 0, rc, cut = 0;
	const char *s = tmpl, *start = NULL, *end;
	struct tmpl_ref ref;
	cut |= put(re, relen, &k, "^", 1);
	do {
		rc = tmpl_next(s, &start, &end, &ref);
		if (rc < 0 || (rc == 1 && n == TMPL_MAX_REFS))
			return -1;
		for (const char *p = s; *p && (rc == 0 || p < start); p++) {
			if (strchr(special, *p))
				cut |= put(re, relen, &k, "\\", 1);
			cut |= put(re, relen, &k, p, 1);
		}
		if (rc == 1) {
			refs[n++] = ref;
			cut |= put(re, relen, &k, capture, sizeof(capture) - 1);
			s = end;
		}
	} while (rc == 1);
	cut |= put(re, relen, &k, "$", 1);
	if (!relen || cut)
		return -1; /* cut short, it would match more than the template says */
	re[k] = 0;
	return n;
}
