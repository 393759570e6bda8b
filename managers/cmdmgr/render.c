/* Rendering the running configuration (see render.h). */
#include "render.h"
#include "registry.h"
#include "template.h"
#include "log.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pattern {
	const struct command *c;
	regex_t re;
	int ncaps;
	struct tmpl_ref cap[TMPL_MAX_REFS]; /* what each capture of re is */
};

struct line {
	/* "" for the config node, else the block's opening lines, '\n'-separated:
	 * "interface eth1", "bfd\npeer 192.0.2.2 interface eth1" */
	char *block;
	int modrank;
	const char *module;
	int seq;
	char *text; /* NULL: the opening line of block itself (a node with nothing set in it) */
};

/* A block a process node's opening command rendered: its lines go under it. */
struct block {
	enum node node; /* the node it opens */
	char *path;
	char v[CLI_MAX_TOKENS][256]; /* the opener's slot values ({^N} of the lines inside) */
};

struct render {
	struct pattern *pat;
	int npat, cappat;
	struct line *lines;
	int nlines, caplines;
	const struct lyd_node **used;
	int nused, capused;
	int unrendered;
	struct block *blocks;
	int nblocks, capblocks;
	const struct registry *reg;
};

/* The first edit's xpath as a regex over node paths: its captures give the slot values. */
static int compile(struct pattern *p, const char *tmpl)
{
	char re[1024];
	p->ncaps = tmpl_regex(tmpl, re, sizeof(re), p->cap);
	return p->ncaps < 0 || regcomp(&p->re, re, REG_EXTENDED) ? -1 : 0;
}

static void add_pattern(const struct command *c, void *arg)
{
	struct render *r = arg;
	if (c->edits[0].del)
		return;
	for (int i = 0; i < c->nedits; i++)
		if (c->edits[i].del)
			return; /* commands that delete are never how something was configured */
	if (r->npat == r->cappat) {
		r->cappat = r->cappat ? r->cappat * 2 : 32;
		r->pat = realloc(r->pat, sizeof(*r->pat) * (size_t)r->cappat);
	}
	struct pattern *p = &r->pat[r->npat];
	p->c = c;
	if (compile(p, c->edits[0].xpath) == 0)
		r->npat++;
	else
		n2_log_warn("render: cannot use template %s", c->edits[0].xpath);
}

static int is_used(const struct render *r, const struct lyd_node *n)
{
	for (int i = 0; i < r->nused; i++)
		if (r->used[i] == n)
			return 1;
	return 0;
}

static void mark_used(struct render *r, const struct lyd_node *n)
{
	if (r->nused == r->capused) {
		r->capused = r->capused ? r->capused * 2 : 64;
		r->used = realloc(r->used, sizeof(*r->used) * (size_t)r->capused);
	}
	r->used[r->nused++] = n;
}

struct vals {
	char v[CLI_MAX_TOKENS][256];
	char ifname[64];
	char up[CLI_MAX_TOKENS][256];
	uint32_t upmask; /* which up[] were found: bit N-1 for {^N} */
};

/* A value found for a reference; -1 when it is not one the command has (or {N:lit}). */
static int set_cap(const struct command *c, struct vals *vals, const struct tmpl_ref *ref,
		   const char *val)
{
	if (ref->lit)
		return -1;
	if (ref->slot >= 1 && ref->slot <= c->cli.syn.nslots) {
		snprintf(vals->v[ref->slot - 1], sizeof(vals->v[0]), "%s", val);
		return 0;
	}
	if (ref->ifname) {
		snprintf(vals->ifname, sizeof(vals->ifname), "%s", val);
		return 0;
	}
	if (ref->up >= 1 && ref->up <= CLI_MAX_TOKENS) {
		snprintf(vals->up[ref->up - 1], sizeof(vals->up[0]), "%s", val);
		vals->upmask |= 1u << (ref->up - 1);
		return 0;
	}
	return -1;
}

/* Matches a value template against a node value, filling slots; 0 when it fits. */
static int match_value(const struct command *c, const char *tmpl, const char *value,
		       struct vals *vals)
{
	struct tmpl_ref ref;
	char inner[256];
	int rc = tmpl_match(tmpl, value, &ref, inner, sizeof(inner));
	if (rc <= 0)
		return rc;
	if (!ref.lit)
		return set_cap(c, vals, &ref, inner);
	/* {N:literal}: the node holds the literal when slot N (a keyword) was given */
	struct tmpl_ref slot = {.slot = ref.slot};
	for (int t = 0; t < c->cli.syn.ntokens; t++)
		if (ref.slot && c->cli.syn.tokens[t].index == ref.slot &&
		    c->cli.syn.tokens[t].type == CLI_KEYWORD)
			return set_cap(c, vals, &slot, c->cli.syn.tokens[t].text);
	return -1;
}

/* The values a secondary edit's xpath is expanded with: those the first edit's node gave. */
struct known {
	const struct vals *vals;
	const struct command *c;
};

static int known_value(const struct tmpl_ref *ref, const char **v, void *arg)
{
	const struct known *k = arg;
	if (ref->ifname)
		*v = k->vals->ifname;
	else if (ref->up >= 1 && ref->up <= CLI_MAX_TOKENS)
		*v = k->vals->up[ref->up - 1];
	else if (ref->slot >= 1 && ref->slot <= k->c->cli.syn.nslots)
		*v = k->vals->v[ref->slot - 1];
	else
		*v = NULL;
	return *v && **v;
}

/* The block of a line of a process node: the one its node's opener rendered with the values
 * the line's {^N} found. NULL when there is none (the line is then not rendered). */
static const char *node_block(const struct render *r, enum node node, const struct vals *vals)
{
	for (int i = 0; i < r->nblocks; i++) {
		const struct block *b = &r->blocks[i];
		int same = b->node == node;
		for (int k = 0; same && k < CLI_MAX_TOKENS; k++)
			same = !(vals->upmask & (1u << k)) || !strcmp(b->v[k], vals->up[k]);
		if (same)
			return b->path;
	}
	return NULL;
}

/* A command that opens a node: its line is the block header of what is set in the node. */
static void add_block(struct render *r, const struct command *c, const struct vals *vals,
		      const char *path)
{
	if (r->nblocks == r->capblocks) {
		r->capblocks = r->capblocks ? r->capblocks * 2 : 8;
		r->blocks = realloc(r->blocks, sizeof(*r->blocks) * (size_t)r->capblocks);
	}
	struct block *b = &r->blocks[r->nblocks++];
	b->node = c->enters;
	b->path = strdup(path);
	memcpy(b->v, vals->v, sizeof(b->v));
}

static int add_line(struct render *r, const struct command *c, const struct vals *vals,
		    const char *text, const char *module)
{
	char block[1024] = "";
	if (c->node == NODE_INTERFACE) {
		snprintf(block, sizeof(block), "interface %s", vals->ifname);
	} else if (c->node > NODE_INTERFACE) {
		const char *b = node_block(r, c->node, vals);
		if (!b)
			return -1;
		snprintf(block, sizeof(block), "%s", b);
	}
	if (c->enters) { /* block\ntext is the new block, and this line its header */
		char inner[sizeof(block)];
		if ((size_t)snprintf(inner, sizeof(inner), "%s%s%s", block, block[0] ? "\n" : "",
				     text) >= sizeof(inner))
			return -1;
		memcpy(block, inner, sizeof(block));
		add_block(r, c, vals, block);
		text = NULL;
	}
	if (r->nlines == r->caplines) {
		r->caplines = r->caplines ? r->caplines * 2 : 64;
		r->lines = realloc(r->lines, sizeof(*r->lines) * (size_t)r->caplines);
	}
	struct line *l = &r->lines[r->nlines];
	l->block = strdup(block);
	l->text = text ? strdup(text) : NULL;
	l->module = module;
	l->modrank = strcmp(module, "n2os-system") ? 1 : 0;
	l->seq = r->nlines++;
	return 0;
}

/* Secondary edits: the other nodes the same command sets (e.g. a route's distance). */
static void collect_rest(struct render *r, const struct pattern *p, const struct lyd_node *root,
			 struct vals *vals)
{
	for (int i = 1; i < p->c->nedits; i++) {
		const struct edit *e = &p->c->edits[i];
		char xpath[1024];
		struct lyd_node *n = NULL;
		if (tmpl_expand(e->xpath, known_value, &(struct known){vals, p->c}, xpath,
				sizeof(xpath)) <= 0 ||
		    lyd_find_path(root, xpath, 0, &n) != LY_SUCCESS || !n ||
		    (n->flags & LYD_DEFAULT))
			continue;
		if (n->schema->nodetype & LYD_NODE_TERM &&
		    match_value(p->c, e->value, lyd_get_value(n), vals) < 0)
			continue;
		mark_used(r, n);
	}
}

static int try_pattern(struct render *r, const struct pattern *p, const struct lyd_node *n,
		       const char *path, const struct lyd_node *root)
{
	regmatch_t m[TMPL_MAX_REFS + 1];
	if (regexec(&p->re, path, (size_t)p->ncaps + 1, m, 0))
		return 0;
	struct vals *vals = calloc(1, sizeof(*vals));
	if (!vals)
		return 0;
	int ok = 1;
	for (int i = 0; i < p->ncaps && ok; i++) {
		char v[256];
		snprintf(v, sizeof(v), "%.*s", (int)(m[i + 1].rm_eo - m[i + 1].rm_so),
			 path + m[i + 1].rm_so);
		ok = set_cap(p->c, vals, &p->cap[i], v) == 0;
	}
	if (ok && (n->schema->nodetype & LYD_NODE_TERM))
		ok = match_value(p->c, p->c->edits[0].value, lyd_get_value(n), vals) == 0;
	if (ok) {
		collect_rest(r, p, root, vals);
		const char *pv[CLI_MAX_TOKENS];
		for (int i = 0; i < CLI_MAX_TOKENS; i++)
			pv[i] = vals->v[i];
		char text[1024];
		ok = cli_syntax_render(p->c->cli.syntax, pv, p->c->cli.syn.nslots, text,
				       sizeof(text)) == 0;
		if (ok)
			ok = add_line(r, p->c, vals, text, lyd_owner_module(n)->name) == 0;
	}
	free(vals);
	return ok;
}

/* Does nothing in the list entry but keys, defaults and values set to their default say that
 * it is there? */
static int holds_only_defaults(const struct lyd_node *entry)
{
	struct lyd_node *n, *e = (struct lyd_node *)entry; /* the DFS macros are not const */
	LYD_TREE_DFS_BEGIN(e, n)
	{
		int trivial = n == e || (n->flags & LYD_DEFAULT) ||
			      (n->schema->nodetype == LYS_LEAF &&
			       ((n->schema->flags & LYS_KEY) || lyd_is_default(n))) ||
			      (n->schema->nodetype == LYS_CONTAINER &&
			       !(n->schema->flags & LYS_PRESENCE));
		if (!trivial)
			return 0;
		LYD_TREE_DFS_END(e, n);
	}
	return 1;
}

/* A value set to its default is not shown (it is the default), unless it is all that shows its
 * list entry: `vrrp 7 preempt` alone makes group 7, which must survive write memory. */
static int default_shown(const struct lyd_node *n)
{
	const struct lyd_node *p = lyd_parent(n);
	while (p && p->schema->nodetype != LYS_LIST)
		p = lyd_parent(p);
	return p && holds_only_defaults(p);
}

static int renderable(const struct lyd_node *n)
{
	if (n->flags & LYD_DEFAULT)
		return 0;
	if (n->schema->nodetype == LYS_LEAF)
		return !(n->schema->flags & LYS_KEY) && (!lyd_is_default(n) || default_shown(n));
	return n->schema->nodetype & (LYS_LEAFLIST | LYS_LIST) ||
	       (n->schema->nodetype == LYS_CONTAINER && (n->schema->flags & LYS_PRESENCE));
}

static void visit(struct render *r, const struct lyd_node *n, const struct lyd_node *root)
{
	if (!renderable(n) || is_used(r, n))
		return;
	char *path = lyd_path(n, LYD_PATH_STD, NULL, 0);
	if (!path)
		return;
	if (n->schema->nodetype == LYS_LEAFLIST) { /* templates name the leaf-list, not the entry */
		char *pred = strrchr(path, '[');
		if (pred)
			*pred = 0;
	}
	int done = 0;
	for (int i = 0; i < r->npat && !done; i++)
		done = try_pattern(r, &r->pat[i], n, path, root);
	/* list entries, and presence containers with something inside, are often just the
	 * parents of what commands set (vrrp N authentication text W makes .../authentication):
	 * their children are visited and counted on their own */
	if (!done && n->schema->nodetype != LYS_LIST &&
	    !(n->schema->nodetype == LYS_CONTAINER && lyd_child(n)))
		r->unrendered++;
	free(path);
}

static int cmp_line(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	int gx = x->block[0] != 0, gy = y->block[0] != 0;
	if (gx != gy)
		return gx - gy;
	if (gx) {
		int c = strverscmp(x->block, y->block);
		if (c)
			return c;
	} else {
		if (x->modrank != y->modrank)
			return x->modrank - y->modrank;
		int c = strcmp(x->module, y->module);
		if (c)
			return c;
	}
	return x->seq - y->seq;
}

/* How many of the first '\n'-separated parts of a and b are the same. */
static int common_parts(const char *a, const char *b)
{
	int n = 0;
	while (*a && *b) {
		size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");
		if (la != lb || strncmp(a, b, la))
			break;
		n++;
		a += la + (a[la] == '\n');
		b += lb + (b[lb] == '\n');
	}
	return n;
}

static void print_lines(struct render *r, struct n2_buf *out)
{
	if (r->nlines) /* lines is NULL when nothing is configured */
		qsort(r->lines, (size_t)r->nlines, sizeof(*r->lines), cmp_line);
	n2_buf_printf(out, "!\n");
	for (int i = 0; i < r->nlines; i++) {
		const struct line *l = &r->lines[i];
		const struct line *prev = i ? &r->lines[i - 1] : NULL;
		/* blocks are separated by '!' at the top; a nested block only prints the
		 * opening lines that differ from the previous line's block */
		int same = prev ? common_parts(prev->block, l->block) : 0;
		int new_top = !prev || (!same && (l->block[0] || prev->block[0] ||
						  strcmp(prev->module, l->module)));
		if (new_top && prev)
			n2_buf_printf(out, "!\n");
		int depth = 0;
		for (const char *b = l->block; *b; depth++) {
			size_t lb = strcspn(b, "\n");
			if (depth >= same)
				n2_buf_printf(out, "%*s%.*s\n", depth, "", (int)lb, b);
			b += lb + (b[lb] == '\n');
		}
		if (l->text)
			n2_buf_printf(out, "%*s%s\n", depth, "", l->text);
	}
	if (r->nlines)
		n2_buf_printf(out, "!\n");
	n2_buf_printf(out, "end\n");
}

void render_config(const struct registry *reg, const struct lyd_node *tree, struct n2_buf *out,
		   int *unrendered)
{
	struct render r = {.reg = reg};
	reg_foreach_config(reg, add_pattern, &r);
	/* registration order is newest first; the earliest command of a kind should win */
	for (int i = 0; i < r.npat / 2; i++) {
		struct pattern t = r.pat[i];
		r.pat[i] = r.pat[r.npat - 1 - i];
		r.pat[r.npat - 1 - i] = t;
	}
	for (const struct lyd_node *top = tree; top; top = top->next) {
		struct lyd_node *n;
		LYD_TREE_DFS_BEGIN(top, n)
		{
			visit(&r, n, tree);
			LYD_TREE_DFS_END(top, n);
		}
	}
	print_lines(&r, out);
	if (unrendered)
		*unrendered = r.unrendered;
	for (int i = 0; i < r.npat; i++)
		regfree(&r.pat[i].re);
	for (int i = 0; i < r.nlines; i++) {
		free(r.lines[i].block);
		free(r.lines[i].text);
	}
	for (int i = 0; i < r.nblocks; i++)
		free(r.blocks[i].path);
	free(r.blocks);
	free(r.pat);
	free(r.lines);
	free(r.used);
}
