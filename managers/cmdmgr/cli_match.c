/* Line matching, completion and help (see cli_match.h). Candidates are (command, variant)
 * pairs; each word filters them, keeping only the best kind of match at that position (exact
 * keyword > typed value > keyword prefix > WORD > LINE), as FRR and IOS do. */
#include "cli_match.h"
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { M_NONE = 0, M_LINE, M_WORD, M_PARTIAL, M_TYPED, M_EXACT };
#define M_OUT_OF_RANGE (-1)

struct cand {
	const struct cli_cmd *cmd;
	const struct cli_variant *v;
	int score; /* sum over the words so far: the most specific command wins */
	int cur;   /* how the current word matched */
};

int cli_split(const char *line, struct cli_words *w)
{
	memset(w, 0, sizeof(*w));
	size_t len = strlen(line);
	if (len >= sizeof(w->buf))
		return -1;
	memcpy(w->buf, line, len + 1);
	char *p = w->buf;
	while (*p) {
		while (*p && isspace((unsigned char)*p))
			*p++ = 0;
		if (!*p)
			break;
		if (w->n == CLI_MAX_WORDS)
			return -2;
		w->off[w->n] = (size_t)(p - w->buf);
		w->w[w->n++] = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
	}
	w->trailing_space = len > 0 && isspace((unsigned char)line[len - 1]);
	return 0;
}

static int is_number(const char *s)
{
	if (*s == '-')
		s++;
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static int prefix_ok(const char *s, int af, int maxlen)
{
	char addr[64];
	const char *slash = strchr(s, '/');
	if (!slash || (size_t)(slash - s) >= sizeof(addr) || !is_number(slash + 1) ||
	    slash[1] == '-' || strlen(slash + 1) > 3)
		return 0;
	memcpy(addr, s, (size_t)(slash - s));
	addr[slash - s] = 0;
	unsigned char buf[16];
	int m = atoi(slash + 1);
	return inet_pton(af, addr, buf) == 1 && m >= 0 && m <= maxlen;
}

static int match_word(const struct cli_token *t, const char *w)
{
	unsigned char buf[16];
	switch (t->type) {
	case CLI_KEYWORD:
		if (!strcmp(t->text, w))
			return M_EXACT;
		return !strncmp(t->text, w, strlen(w)) ? M_PARTIAL : M_NONE;
	case CLI_RANGE: {
		if (!is_number(w))
			return M_NONE;
		errno = 0;
		long v = strtol(w, NULL, 10);
		return errno || v < t->min || v > t->max ? M_OUT_OF_RANGE : M_TYPED;
	}
	case CLI_IPV4:
		return inet_pton(AF_INET, w, buf) == 1 ? M_TYPED : M_NONE;
	case CLI_IPV4_PREFIX:
		return prefix_ok(w, AF_INET, 32) ? M_TYPED : M_NONE;
	case CLI_IPV6:
		return strchr(w, ':') && inet_pton(AF_INET6, w, buf) == 1 ? M_TYPED : M_NONE;
	case CLI_IPV6_PREFIX:
		return prefix_ok(w, AF_INET6, 128) ? M_TYPED : M_NONE;
	case CLI_WORD:
		return M_WORD;
	case CLI_LINE:
		return M_LINE;
	}
	return M_NONE;
}

static const struct cli_token *tok_at(const struct cand *c, int i)
{
	if (i < c->v->n)
		return &c->cmd->syn.tokens[c->v->tok[i]];
	/* a LINE at the end swallows every further word */
	if (c->v->n && c->cmd->syn.tokens[c->v->tok[c->v->n - 1]].type == CLI_LINE)
		return &c->cmd->syn.tokens[c->v->tok[c->v->n - 1]];
	return NULL;
}

static int gather(const struct cli_cmd *const *cmds, size_t n, struct cand **out)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += (size_t)cmds[i]->syn.nvariants;
	struct cand *c = calloc(total + 1, sizeof(*c));
	if (!c)
		return -1;
	int k = 0;
	for (size_t i = 0; i < n; i++)
		for (int v = 0; v < cmds[i]->syn.nvariants; v++) {
			c[k].cmd = cmds[i];
			c[k].v = &cmds[i]->syn.variants[v];
			k++;
		}
	*out = c;
	return k;
}

/* Keeps the candidates that match word i best. Returns how many remain; *range_tok is set to a
 * range token the word was a number outside of, for the error message. */
static int filter(struct cand *c, int nc, int i, const char *w, const struct cli_token **range_tok)
{
	int best = M_NONE, k = 0;
	for (int j = 0; j < nc; j++) {
		const struct cli_token *t = tok_at(&c[j], i);
		c[j].cur = t ? match_word(t, w) : M_NONE;
		if (c[j].cur == M_OUT_OF_RANGE) {
			*range_tok = t;
			c[j].cur = M_NONE;
		}
		if (c[j].cur > best)
			best = c[j].cur;
	}
	if (best == M_NONE)
		return 0;
	for (int j = 0; j < nc; j++)
		if (c[j].cur == best) {
			c[k] = c[j];
			c[k].score += best;
			k++;
		}
	return k;
}

/* Is word one of the ", "-separated words of list? (Whole words: "ip" is not in "ipv6".) */
static int listed(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && !strncmp(p, word, n))
			return 1;
		p += len;
		p += strspn(p, ", ");
	}
	return 0;
}

/* Two candidates that took word i as different keywords make the word ambiguous. */
static int ambiguous_at(const struct cand *c, int nc, int i, char *detail, size_t len)
{
	const char *first = NULL;
	int amb = 0;
	detail[0] = 0;
	for (int j = 0; j < nc; j++) {
		const struct cli_token *t = tok_at(&c[j], i);
		if (!t || t->type != CLI_KEYWORD)
			continue;
		if (!first) {
			first = t->text;
			snprintf(detail, len, "%s", first);
		} else if (strcmp(first, t->text) && !listed(detail, t->text)) {
			amb = 1;
			strncat(detail, ", ", len - strlen(detail) - 1);
			strncat(detail, t->text, len - strlen(detail) - 1);
		}
	}
	return amb;
}

/* An abbreviation that fits several keywords means the preferred one when exactly one of them
 * is preferred: keeps only the candidates that took word i as that keyword. Returns the count
 * left, or 0 when no preference settles it. */
static int prefer_at(struct cand *c, int nc, int i)
{
	const char *pref = NULL;
	for (int j = 0; j < nc; j++) {
		const struct cli_token *t = tok_at(&c[j], i);
		if (!t || t->type != CLI_KEYWORD || !t->preferred)
			continue;
		if (pref && strcmp(pref, t->text))
			return 0;
		pref = t->text;
	}
	if (!pref)
		return 0;
	int k = 0;
	for (int j = 0; j < nc; j++) {
		const struct cli_token *t = tok_at(&c[j], i);
		if (t && t->type == CLI_KEYWORD && !strcmp(t->text, pref))
			c[k++] = c[j];
	}
	return k;
}

static int complete_len(const struct cand *c, int nwords)
{
	if (c->v->n == nwords)
		return 1;
	return c->v->n && c->v->n < nwords &&
	       c->cmd->syn.tokens[c->v->tok[c->v->n - 1]].type == CLI_LINE;
}

static void fill_values(struct cli_match *m, const struct cand *c, const struct cli_words *w,
			const char *line)
{
	for (int i = 0; i < w->n && i < c->v->n; i++) {
		const struct cli_token *t = &c->cmd->syn.tokens[c->v->tok[i]];
		char *dst = m->values[t->index - 1];
		if (t->type == CLI_KEYWORD)
			snprintf(dst, sizeof(m->values[0]), "%s", t->text);
		else if (t->type == CLI_LINE) { /* the rest of the line as typed */
			size_t end = strlen(line);
			while (end > w->off[i] && isspace((unsigned char)line[end - 1]))
				end--;
			snprintf(dst, sizeof(m->values[0]), "%.*s", (int)(end - w->off[i]),
				 line + w->off[i]);
		} else
			snprintf(dst, sizeof(m->values[0]), "%s", w->w[i]);
	}
}

void cli_match_line(const struct cli_cmd *const *cmds, size_t n, const char *line,
		    struct cli_match *m)
{
	memset(m, 0, sizeof(*m));
	struct cli_words w;
	int split = cli_split(line, &w);
	if (split < 0) {
		m->result = split == -2 ? CLI_TOOMANY : CLI_TOOLONG;
		return;
	}
	if (w.n == 0) {
		m->result = CLI_EMPTY;
		return;
	}
	struct cand *c;
	int nc = gather(cmds, n, &c);
	if (nc < 0) {
		m->result = CLI_TOOLONG;
		return;
	}
	for (int i = 0; i < w.n; i++) {
		const struct cli_token *range_tok = NULL;
		int k = filter(c, nc, i, w.w[i], &range_tok);
		if (k == 0) {
			m->result = range_tok ? CLI_OUT_OF_RANGE : CLI_INVALID;
			m->err_word = i;
			m->err_offset = w.off[i];
			if (range_tok)
				snprintf(m->detail, sizeof(m->detail), "%s", range_tok->text);
			free(c);
			return;
		}
		nc = k;
		int kept;
		if (ambiguous_at(c, nc, i, m->detail, sizeof(m->detail)) &&
		    (kept = prefer_at(c, nc, i)) > 0) {
			nc = kept;
			m->detail[0] = 0;
		}
		if (ambiguous_at(c, nc, i, m->detail, sizeof(m->detail))) {
			m->result = CLI_AMBIGUOUS;
			m->err_word = i;
			m->err_offset = w.off[i];
			free(c);
			return;
		}
	}
	const struct cand *best = NULL;
	int tie = 0;
	for (int j = 0; j < nc; j++) {
		if (!complete_len(&c[j], w.n))
			continue;
		if (!best || c[j].score > best->score) {
			best = &c[j];
			tie = 0;
		} else if (c[j].score == best->score && c[j].cmd != best->cmd) {
			tie = 1;
		}
	}
	if (!best) {
		m->result = CLI_INCOMPLETE;
	} else if (tie) {
		m->result = CLI_AMBIGUOUS;
		m->err_word = w.n - 1;
		m->err_offset = w.off[w.n - 1];
	} else {
		m->result = CLI_OK;
		m->cmd = best->cmd;
		fill_values(m, best, &w, line);
	}
	free(c);
}

/* The candidates left after every complete word of line; *prefix is the word being typed. */
static int candidates_for_next(const struct cli_cmd *const *cmds, size_t n, const char *line,
			       struct cand **out, struct cli_words *w, const char **prefix,
			       int *pos)
{
	if (cli_split(line, w) < 0)
		return -1;
	int full = w->trailing_space || w->n == 0 ? w->n : w->n - 1;
	*prefix = full < w->n ? w->w[full] : "";
	*pos = full;
	int nc = gather(cmds, n, out);
	for (int i = 0; i < full && nc > 0; i++) {
		const struct cli_token *rt = NULL;
		nc = filter(*out, nc, i, w->w[i], &rt);
		char detail[256];
		int kept;
		if (nc > 0 && ambiguous_at(*out, nc, i, detail, sizeof(detail)) &&
		    (kept = prefer_at(*out, nc, i)) > 0)
			nc = kept;
	}
	return nc;
}

int cli_complete(const struct cli_cmd *const *cmds, size_t n, const char *line, char out[][48],
		 int max)
{
	struct cand *c = NULL;
	struct cli_words w;
	const char *prefix;
	int pos, k = 0;
	int nc = candidates_for_next(cmds, n, line, &c, &w, &prefix, &pos);
	for (int j = 0; j < nc; j++) {
		const struct cli_token *t = pos < c[j].v->n ? tok_at(&c[j], pos) : NULL;
		if (!t || t->type != CLI_KEYWORD || strncmp(t->text, prefix, strlen(prefix)))
			continue;
		int dup = 0;
		for (int i = 0; i < k && !dup; i++)
			dup = !strcmp(out[i], t->text);
		if (!dup && k < max)
			snprintf(out[k++], 48, "%s", t->text);
	}
	free(c);
	qsort(out, (size_t)k, 48, (int (*)(const void *, const void *))strcmp);
	return k;
}

static int cmp_help(const void *a, const void *b)
{
	const struct cli_help_item *x = a, *y = b;
	if (!strcmp(x->text, "<cr>") || !strcmp(y->text, "<cr>"))
		return strcmp(x->text, "<cr>") ? -1 : strcmp(y->text, "<cr>") ? 1 : 0;
	return strcmp(x->text, y->text);
}

int cli_help(const struct cli_cmd *const *cmds, size_t n, const char *line,
	     struct cli_help_item *out, int max)
{
	struct cand *c = NULL;
	struct cli_words w;
	const char *prefix;
	int pos, k = 0, cr = 0;
	int nc = candidates_for_next(cmds, n, line, &c, &w, &prefix, &pos);
	for (int j = 0; j < nc; j++) {
		if (!*prefix && complete_len(&c[j], pos))
			cr = 1;
		const struct cli_token *t = pos < c[j].v->n ? tok_at(&c[j], pos) : NULL;
		if (!t)
			continue;
		if (*prefix &&
		    (t->type == CLI_KEYWORD ? strncmp(t->text, prefix, strlen(prefix)) != 0
					    : match_word(t, prefix) <= M_NONE))
			continue;
		int dup = 0;
		for (int i = 0; i < k && !dup; i++)
			dup = !strcmp(out[i].text, t->text);
		if (!dup && k < max) {
			snprintf(out[k].text, sizeof(out[k].text), "%s", t->text);
			out[k++].help = t->help;
		}
	}
	free(c);
	if (cr && k < max) {
		snprintf(out[k].text, sizeof(out[k].text), "<cr>");
		out[k++].help = "";
	}
	qsort(out, (size_t)k, sizeof(*out), cmp_help);
	return k;
}

void cli_error_text(const struct cli_match *m, size_t prompt_len, char *out, size_t len)
{
	size_t col = prompt_len + m->err_offset;
	char pad[300];
	if (col >= sizeof(pad))
		col = sizeof(pad) - 1;
	memset(pad, ' ', col);
	pad[col] = 0;
	switch (m->result) {
	case CLI_INVALID:
		snprintf(out, len, "%s^\n%% Invalid input detected at '^' marker.", pad);
		break;
	case CLI_OUT_OF_RANGE:
		snprintf(out, len, "%s^\n%% Value out of range: expected %s.", pad, m->detail);
		break;
	case CLI_AMBIGUOUS:
		if (m->detail[0])
			snprintf(out, len, "%% Ambiguous command: could be %s.", m->detail);
		else
			snprintf(out, len, "%% Ambiguous command.");
		break;
	case CLI_INCOMPLETE:
		snprintf(out, len, "%% Incomplete command.");
		break;
	case CLI_TOOLONG:
		snprintf(out, len, "%% Line too long (at most %d characters).", CLI_LINE_MAX);
		break;
	case CLI_TOOMANY:
		snprintf(out, len, "%% Too many words (at most %d).", CLI_MAX_WORDS);
		break;
	default:
		out[0] = 0;
	}
}
