/* Unit tests for lib/emit.c: one description rendered as text and as JSON. Each expected string
 * is written from the rules in emit.h (text literals only in text, keys and typed values only in
 * JSON, separators per level), not copied from the output. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>
#include "emit.h"

/* Calls describe(e) in both modes and checks both renderings. */
static void both(void (*describe)(struct emit *), const char *text, const char *json)
{
	for (int j = 0; j < 2; j++) {
		struct n2_buf b;
		struct emit e;
		n2_buf_init(&b);
		emit_init(&e, &b, j);
		describe(&e);
		emit_finish(&e);
		assert_string_equal(n2_buf_str(&b), j ? json : text);
		n2_buf_fini(&b);
	}
}

static void d_fields(struct emit *e)
{
	emit(e, "Interface {:name/%s} is {:state/%s}, MTU {:mtu/%u}, index {:ifindex/%d}\n", "eth0",
	     "up", 1500u, -3);
}

static void fields(void **s)
{
	(void)s;
	both(d_fields, "Interface eth0 is up, MTU 1500, index -3\n",
	     "{\"name\":\"eth0\",\"state\":\"up\",\"mtu\":1500,\"ifindex\":-3}\n");
}

static void d_columns(struct emit *e)
{
	emit(e, "{L:/%-6s} {L:/%4s}|\n", "Name", "MTU");
	emit(e, "{:name/%-6s} {:mtu/%4u}|\n", "lo", 65536u);
}

/* Widths shape the text only: JSON values never carry padding. */
static void columns(void **s)
{
	(void)s;
	both(d_columns, "Name    MTU|\nlo     65536|\n", "{\"name\":\"lo\",\"mtu\":65536}\n");
}

static void d_label_json_only(struct emit *e)
{
	emit(e, "{L:Codes: C}{e:count/%llu}{L: - connected}{e:ok/%s}\n", 7ull, "yes");
}

static void label_and_json_only(void **s)
{
	(void)s;
	both(d_label_json_only, "Codes: C - connected\n", "{\"count\":7,\"ok\":\"yes\"}\n");
}

static void d_escape(struct emit *e)
{
	emit(e, "{:s/%s}{{}}\n", "a\"b\\c\nd\x01");
}

static void escaping(void **s)
{
	(void)s;
	both(d_escape, "a\"b\\c\nd\x01{}\n", "{\"s\":\"a\\\"b\\\\c\\nd\\u0001\"}\n");
}

static void d_types(struct emit *e)
{
	emit(e, "{b:up}{b:down}{:addr/%s}{:c/%c}{:d/%.3f}{:nan/%f}{:x/%02x}{:h/%hhu}{:z/%zu}", 1, 0,
	     (const char *)NULL, 'C', 0.25, NAN, 255u, 300u, (size_t)9);
}

/* Booleans and NULL strings exist only in JSON; a hex text field is a decimal JSON number; a
 * short field is narrowed to its type as printf would. */
static void typed_values(void **s)
{
	(void)s;
	both(d_types, "C0.250nanff449",
	     "{\"up\":true,\"down\":false,\"addr\":null,\"c\":\"C\",\"d\":0.250,\"nan\":null,"
	     "\"x\":255,\"h\":44,\"z\":9}\n");
}

static void d_star(struct emit *e)
{
	emit(e, "[{L:/%*s}]{:v/%-*u}|", 3, "", 4, 7u);
	emit_text(e, "<%d>", 5);
}

/* '*' widths take their argument first, as in printf; emit_text is text only. */
static void star_width(void **s)
{
	(void)s;
	both(d_star, "[   ]7   |<5>", "{\"v\":7}\n");
}

static void d_nesting(struct emit *e)
{
	emit(e, "{e:all/%d}", 1);
	emit_open_list(e, "ifs");
	for (int i = 0; i < 2; i++) {
		if (emit_open_instance(e))
			emit_text(e, "\n");
		emit(e, "{:name/%s} <", i ? "b" : "a");
		emit_open_list(e, "flags");
		for (int k = 0; k <= i; k++)
			emit(e, emit_count(e) ? ",{:/%s}" : "{:/%s}", k ? "UP" : "LOWER");
		emit_close_list(e);
		emit(e, ">\n");
		emit_open_container(e, "stats");
		emit(e, "{e:rx/%u}", 10u + (unsigned)i);
		emit_close_container(e);
		emit_close_instance(e);
	}
	emit_close_list(e);
}

static void nesting_and_lists(void **s)
{
	(void)s;
	both(d_nesting, "a <LOWER>\n\nb <LOWER,UP>\n",
	     "{\"all\":1,\"ifs\":[{\"name\":\"a\",\"flags\":[\"LOWER\"],\"stats\":{\"rx\":10}},"
	     "{\"name\":\"b\",\"flags\":[\"LOWER\",\"UP\"],\"stats\":{\"rx\":11}}]}\n");
}

static void d_empty(struct emit *e)
{
	emit_text(e, "Header\n");
	emit_open_list(e, "routes");
	emit_close_list(e);
	emit_open_list(e, "more");
	emit_open_instance(e); /* left open: finish closes it */
}

static void empty_lists(void **s)
{
	(void)s;
	both(d_empty, "Header\n", "{\"routes\":[],\"more\":[{}]}\n");
}

static void d_nothing(struct emit *e)
{
	(void)e;
}

static void empty_document(void **s)
{
	(void)s;
	both(d_nothing, "", "{}\n");
}

static void d_malformed(struct emit *e)
{
	emit(e, "ok {:a/%s} {bad", "x");
}

/* A malformed field stops the line instead of taking arguments it does not describe. */
static void malformed_stops(void **s)
{
	(void)s;
	both(d_malformed, "ok x ", "{\"a\":\"x\"}\n");
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(fields),
		cmocka_unit_test(columns),
		cmocka_unit_test(label_and_json_only),
		cmocka_unit_test(escaping),
		cmocka_unit_test(typed_values),
		cmocka_unit_test(star_width),
		cmocka_unit_test(nesting_and_lists),
		cmocka_unit_test(empty_lists),
		cmocka_unit_test(empty_document),
		cmocka_unit_test(malformed_stops),
	};
	return cmocka_run_group_tests(t, NULL, NULL);
}
