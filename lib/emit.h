/* One emitter for every `show`: a handler describes its result once (containers, lists, fields)
 * and the emitter renders it as text or as JSON into an n2_buf, in the spirit of FreeBSD's libxo.
 *
 * emit(e, fmt, ...) takes a format mini-language. Plain characters are text-only literals
 * ("{{" and "}}" for braces; '%' is not special). A field is {MODS:KEY/FMT}:
 *   {:key/%-16s}  the next argument, shown in text with the printf conversion FMT (which may
 *                 carry literal text around its single conversion) and in JSON as "key":value;
 *                 the JSON type follows the conversion: d i u x o -> number, f g e -> number
 *                 (NaN/inf -> null), s -> string, escaped (a NULL string -> null), c -> string.
 *   {L:label}     text-only literal; {L:/%-8s} formats an argument in text only.
 *   {e:key/%u}    JSON only (the argument is consumed in text mode too).
 *   {b:key}       the argument is an int shown in JSON as true/false (text only with a FMT).
 * FMT defaults to %s. Length modifiers hh h l ll z j and '*' width/precision are supported.
 * Inside a list a field's KEY is ignored: the values form a JSON array (e.g. a list of flags).
 * Column tables come from widths in FMT: "{:name/%-16s} {:mtu/%5u}\n".
 * The format is not checked by the compiler: keep conversions and arguments side by side. */
#ifndef N2_EMIT_H
#define N2_EMIT_H
#include "buf.h"

#include <stddef.h>

#define EMIT_MAX_DEPTH 16

struct emit {
	struct n2_buf *out;
	int json;
	int depth;
	struct {
		unsigned char list; /* 1: a JSON array, 0: a JSON object */
		unsigned count;     /* members emitted so far, in text mode too */
	} lv[EMIT_MAX_DEPTH];
};

/* Starts a document in out (not owned); in JSON it is one object ending in "}\n" at finish. */
void emit_init(struct emit *e, struct n2_buf *out, int json);
/* Closes whatever is still open and ends the document. */
void emit_finish(struct emit *e);
static inline int emit_json(const struct emit *e)
{
	return e->json;
}

void emit(struct emit *e, const char *fmt, ...);
/* Text-only printf, checked by the compiler: headers, separators, computed padding. */
void emit_text(struct emit *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A nested JSON object "key":{...}; nothing in text. */
void emit_open_container(struct emit *e, const char *key);
void emit_close_container(struct emit *e);
/* A JSON array "key":[...] of instances (objects) or of bare field values. */
void emit_open_list(struct emit *e, const char *key);
void emit_close_list(struct emit *e);
/* One object of the current list; returns its index (0 for the first), e.g. to separate
 * instances in text. */
unsigned emit_open_instance(struct emit *e);
void emit_close_instance(struct emit *e);
/* Members emitted so far at the current level (fields, containers, instances). */
unsigned emit_count(const struct emit *e);
#endif
