/* Command syntax parsing and expansion (see cli_syntax.h). A small recursive-descent parser:
 * seq := elem*, elem := WORD | '[' seq ']' | '(' seq ('|' seq)* ')'. Each elem yields a set of
 * token sequences; a seq is their cartesian product. */
#include "cli_syntax.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vset { /* a set of token sequences */
	int n;
	struct cli_variant v[CLI_MAX_VARIANTS];
};

struct parser {
	const char *p;
	struct cli_syntax *s;
	const char *const *helps;
	size_t nhelps;
	char *err;
	size_t errlen;
};

static int fail(struct parser *ps, const char *why)
{
	snprintf(ps->err, ps->errlen, "%s at '%.20s'", why, ps->p);
	return -1;
}

static void skip_ws(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t')
		ps->p++;
}

static int classify(struct cli_token *t, const char *w)
{
	long a, b;
	char tail;
	if (w[0] == '<') {
		if (sscanf(w, "<%ld-%ld%c", &a, &b, &tail) != 3 || tail != '>' || a > b)
			return -1;
		t->type = CLI_RANGE;
		t->min = a;
		t->max = b;
	} else if (!strcmp(w, "A.B.C.D")) {
		t->type = CLI_IPV4;
	} else if (!strcmp(w, "A.B.C.D/M")) {
		t->type = CLI_IPV4_PREFIX;
	} else if (!strcmp(w, "X:X::X:X")) {
		t->type = CLI_IPV6;
	} else if (!strcmp(w, "X:X::X:X/M")) {
		t->type = CLI_IPV6_PREFIX;
	} else if (!strcmp(w, "LINE")) {
		t->type = CLI_LINE;
	} else if (isupper((unsigned char)w[0])) {
		for (const char *c = w; *c; c++)
			if (!isupper((unsigned char)*c) && !isdigit((unsigned char)*c) &&
			    *c != '_' && *c != '-' && *c != '.' && *c != ':')
				return -1;
		t->type = CLI_WORD;
	} else {
		/* printable ASCII only: a keyword with a control character (a newline, an escape
		 * sequence) could never be typed as one word, and would reach the operator's
		 * terminal in '?' and completions */
		for (const char *c = w; *c; c++)
			if (!isgraph((unsigned char)*c) || isupper((unsigned char)*c) ||
			    strchr("<>[]()|", *c))
				return -1;
		t->type = CLI_KEYWORD;
	}
	return 0;
}

static int product(struct vset *acc, const struct vset *next, struct parser *ps)
{
	if (acc->n * next->n > CLI_MAX_VARIANTS)
		return fail(ps, "too many variants");
	struct vset *out = malloc(sizeof(*out));
	if (!out)
		return fail(ps, "out of memory");
	out->n = 0;
	for (int i = 0; i < acc->n; i++)
		for (int j = 0; j < next->n; j++) {
			struct cli_variant *v = &out->v[out->n++];
			if (acc->v[i].n + next->v[j].n > CLI_MAX_TOKENS) {
				free(out);
				return fail(ps, "too many tokens");
			}
			*v = acc->v[i];
			memcpy(v->tok + v->n, next->v[j].tok, (size_t)next->v[j].n);
			v->n += next->v[j].n;
		}
	*acc = *out;
	free(out);
	return 0;
}

static int parse_seq(struct parser *ps, struct vset *out);

static int parse_word(struct parser *ps, struct vset *out, int slot)
{
	char w[48];
	size_t n = 0;
	const char *start = ps->p; /* errors point at the token, not past it */
	while (*ps->p && !strchr(" \t[]()|", *ps->p)) {
		if (n + 1 >= sizeof(w)) {
			ps->p = start;
			return fail(ps, "token too long");
		}
		w[n++] = *ps->p++;
	}
	w[n] = 0;
	struct cli_syntax *s = ps->s;
	ps->p = start;
	if (s->ntokens == CLI_MAX_TOKENS)
		return fail(ps, "too many tokens");
	struct cli_token *t = &s->tokens[s->ntokens];
	memset(t, 0, sizeof(*t));
	const char *word = w;
	if (w[0] == '*') { /* a preferred keyword; a '*' alone is none (render skips it) */
		if (!w[1])
			return fail(ps, "bad token");
		t->preferred = 1;
		word++;
	}
	if (classify(t, word) < 0 || (t->preferred && t->type != CLI_KEYWORD))
		return fail(ps, "bad token");
	ps->p += n;
	snprintf(t->text, sizeof(t->text), "%s", word);
	t->index = slot;
	t->help = (size_t)s->ntokens < ps->nhelps ? ps->helps[s->ntokens] : "";
	out->n = 1;
	out->v[0].n = 1;
	out->v[0].tok[0] = (unsigned char)s->ntokens++;
	return 0;
}

/* '(' a | b | c ')': single tokens sharing one slot. */
static int parse_alternatives(struct parser *ps, struct vset *out)
{
	struct vset *alt = malloc(sizeof(*alt));
	if (!alt)
		return fail(ps, "out of memory");
	int slot = ++ps->s->nslots;
	out->n = 0;
	for (;;) {
		skip_ws(ps);
		if (!*ps->p || strchr("[]()|", *ps->p)) {
			free(alt);
			return fail(ps, "expected a token");
		}
		if (parse_word(ps, alt, slot) < 0 || out->n == CLI_MAX_VARIANTS) {
			free(alt);
			return -1;
		}
		out->v[out->n++] = alt->v[0];
		skip_ws(ps);
		if (*ps->p == '|') {
			ps->p++;
			continue;
		}
		if (*ps->p == ')') {
			ps->p++;
			free(alt);
			return 0;
		}
		free(alt);
		return fail(ps, "expected ')' or '|' (alternatives are single tokens)");
	}
}

/* '[' seq ']' */
static int parse_optional(struct parser *ps, struct vset *out)
{
	if (parse_seq(ps, out) < 0)
		return -1;
	if (*ps->p != ']')
		return fail(ps, "expected ']'");
	ps->p++;
	if (out->n == CLI_MAX_VARIANTS)
		return fail(ps, "too many variants");
	memmove(&out->v[1], &out->v[0], sizeof(out->v[0]) * (size_t)out->n);
	out->v[0].n = 0; /* the empty sequence */
	out->n++;
	return 0;
}

static int parse_seq(struct parser *ps, struct vset *out)
{
	struct vset *elem = malloc(sizeof(*elem));
	if (!elem)
		return fail(ps, "out of memory");
	out->n = 1;
	out->v[0].n = 0;
	int rc = 0;
	for (;;) {
		skip_ws(ps);
		char c = *ps->p;
		if (!c || c == ']' || c == ')' || c == '|')
			break;
		if (c == '[') {
			ps->p++;
			rc = parse_optional(ps, elem);
		} else if (c == '(') {
			ps->p++;
			rc = parse_alternatives(ps, elem);
		} else {
			rc = parse_word(ps, elem, ++ps->s->nslots);
		}
		if (rc < 0 || (rc = product(out, elem, ps)) < 0)
			break;
	}
	free(elem);
	return rc;
}

static int check_line_last(struct cli_syntax *s, struct parser *ps)
{
	for (int i = 0; i < s->nvariants; i++)
		for (int k = 0; k + 1 < s->variants[i].n; k++)
			if (s->tokens[s->variants[i].tok[k]].type == CLI_LINE)
				return fail(ps, "LINE must be the last token");
	return 0;
}

int cli_syntax_parse(struct cli_syntax *s, const char *syntax, const char *const *helps,
		     size_t nhelps, char *err, size_t errlen)
{
	struct parser ps = {syntax, s, helps, nhelps, err, errlen};
	struct vset *all = malloc(sizeof(*all));
	if (!all)
		return -1;
	memset(s, 0, sizeof(*s));
	int rc = parse_seq(&ps, all);
	if (rc == 0 && *ps.p)
		rc = fail(&ps, "unbalanced bracket");
	if (rc == 0 && (all->n == 0 || all->v[0].n == 0) && s->ntokens == 0)
		rc = fail(&ps, "empty syntax");
	if (rc == 0) {
		s->nvariants = all->n;
		memcpy(s->variants, all->v, sizeof(all->v[0]) * (size_t)all->n);
		rc = check_line_last(s, &ps);
	}
	free(all);
	return rc;
}

/* Rendering walks the syntax text again, counting slots the way the parser does. */
struct rstate {
	const char *p;
	int slot; /* slots used so far */
	const char *const *values;
	int nvalues;
};

static const char *value_of(const struct rstate *r, int slot)
{
	return slot <= r->nvalues && r->values[slot - 1] && r->values[slot - 1][0]
		       ? r->values[slot - 1]
		       : NULL;
}

static void append(char *out, size_t len, const char *w, size_t n)
{
	size_t have = strlen(out);
	if (have && have + 1 < len)
		out[have++] = ' ';
	if (n > len - have - 1)
		n = len - have - 1;
	memcpy(out + have, w, n);
	out[have + n] = 0;
}

/* Renders a seq; *any is set when a value was used in it. -1 when a required value is missing. */
static int render_seq(struct rstate *r, char *out, size_t len, int *any)
{
	int rc = 0;
	for (;;) {
		while (*r->p == ' ' || *r->p == '\t') /* the parser's blanks (skip_ws) */
			r->p++;
		char c = *r->p;
		if (!c || c == ']' || c == ')' || c == '|')
			return rc;
		if (c == '[') {
			r->p++;
			char tmp[1024] = "";
			int a = 0;
			int sub = render_seq(r, tmp, sizeof(tmp), &a);
			if (*r->p == ']')
				r->p++;
			if (a && sub == 0) {
				append(out, len, tmp, strlen(tmp));
				*any = 1;
			}
			continue;
		}
		if (c == '(') {
			const char *v = value_of(r, ++r->slot);
			while (*r->p && *r->p != ')')
				r->p++;
			if (*r->p)
				r->p++;
			if (v) {
				append(out, len, v, strlen(v));
				*any = 1;
			} else {
				rc = -1;
			}
			continue;
		}
		if (*r->p == '*') /* preferred keyword marker */
			r->p++;
		const char *w = r->p;
		while (*r->p && !strchr(" \t[]()|", *r->p)) /* where parse_word ends a token */
			r->p++;
		const char *v = value_of(r, ++r->slot);
		int is_kw = !isupper((unsigned char)w[0]) && w[0] != '<';
		if (v) {
			append(out, len, v, strlen(v));
			*any = 1;
		} else if (is_kw) {
			append(out, len, w, (size_t)(r->p - w));
		} else {
			rc = -1;
		}
	}
}

int cli_syntax_render(const char *syntax, const char *const *values, int nvalues, char *out,
		      size_t outlen)
{
	struct rstate r = {syntax, 0, values, nvalues};
	int any = 0;
	out[0] = 0;
	return render_seq(&r, out, outlen, &any);
}
