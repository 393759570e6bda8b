/* Edit templates, the language lib/cmdreg.h documents: text with references {N} (the user's
 * value for slot N), {N:lit} (lit, when slot N was given), {ifname} (the interface node's
 * variable) and {^N} (slot N of the command that opened the session's node). This is the one parser
 * of it: commit.c expands templates into edits, render.c reads them backwards to print the
 * configuration. Pure code. */
#ifndef CMDMGR_TEMPLATE_H
#define CMDMGR_TEMPLATE_H
#include <stddef.h>

/* What a reference names. A name that is neither a number from 1 nor "ifname" names nothing:
 * it never has a value, so an edit using it is always skipped and never renders. */
struct tmpl_ref {
	int slot;        /* N of {N} or {N:lit}; 0 when the name is not a number */
	int ifname;      /* {ifname} (or {ifname:lit}) */
	int up;          /* N of {^N}: slot N of the command that opened the node; 0 otherwise */
	const char *lit; /* {N:lit}: the literal, not NUL-terminated; NULL without a ':' */
	size_t litlen;
};

/* Finds the first reference in s. Returns 1 with *start at its '{', *end just past its '}' and
 * *ref filled; 0 when s has none; -1 when a '{' has no '}' (a malformed template). */
int tmpl_next(const char *s, const char **start, const char **end, struct tmpl_ref *ref);

/* The value of a reference, for tmpl_expand: returns 1 with *value set (an empty value counts
 * as not given), 0 when it was not given, -1 to refuse it (the callback keeps the reason). */
typedef int (*tmpl_value_fn)(const struct tmpl_ref *ref, const char **value, void *arg);

/* Writes tmpl with every reference replaced (by its value, or by its literal for {N:lit}) into
 * out, truncated to len. Returns 1; 0 when a reference has no value (the edit does not apply);
 * -1 when tmpl is malformed or a value was refused. */
int tmpl_expand(const char *tmpl, tmpl_value_fn value, void *arg, char *out, size_t len);

/* Backwards, for a value template (a literal, or text around one reference such as
 * "vrrp-v{4}" or "{4:true}"): does value fit tmpl? Returns -1 when it does not; 0 when tmpl has
 * no reference (and value is that text, or tmpl is NULL or empty); 1 with *ref set and the
 * referenced part of value in captured (for {N:lit}, value held exactly the literal). */
int tmpl_match(const char *tmpl, const char *value, struct tmpl_ref *ref, char *captured,
	       size_t caplen);

#define TMPL_MAX_REFS 8

/* Backwards, for an xpath template: an anchored POSIX extended regex matching what tmpl
 * expands to, each reference a capture of a quoted value ([^']*), in the order of refs[].
 * Returns the number of references, or -1 (malformed, more than TMPL_MAX_REFS references, or
 * re too short). */
int tmpl_regex(const char *tmpl, char *re, size_t relen, struct tmpl_ref refs[TMPL_MAX_REFS]);
#endif
