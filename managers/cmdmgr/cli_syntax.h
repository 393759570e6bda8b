/* Command syntax: parses "vrrp <1-255> priority <1-254>" style strings into tokens and expands
 * optional parts and alternatives into the linear variants the matcher walks. Pure code.
 *
 * Every token has a value slot, numbered from 1 in syntax order, which is what edit templates
 * call {N}; the single-token alternatives of a (a|b|c) group share one slot, whose value is the
 * alternative the user chose. Help lines go one per token, alternatives included.
 * A keyword written "*status" is preferred: an abbreviation that fits it and other keywords at
 * the same place ("st" for status and statistics) means it rather than being ambiguous. */
#ifndef CMDMGR_CLI_SYNTAX_H
#define CMDMGR_CLI_SYNTAX_H
#include <stddef.h>

#define CLI_MAX_TOKENS 32
#define CLI_MAX_VARIANTS 64

enum cli_type {
	CLI_KEYWORD,
	CLI_RANGE,       /* <min-max> */
	CLI_IPV4,        /* A.B.C.D */
	CLI_IPV4_PREFIX, /* A.B.C.D/M */
	CLI_IPV6,        /* X:X::X:X */
	CLI_IPV6_PREFIX, /* X:X::X:X/M */
	CLI_WORD,        /* WORD, IFNAME, ... (upper case): one word */
	CLI_LINE,        /* LINE: the rest of the line */
};

struct cli_token {
	enum cli_type type;
	char text[48]; /* keyword, or how the token is shown in help ("<1-255>", "A.B.C.D") */
	long min, max; /* CLI_RANGE */
	int index;     /* 1-based value slot (shared by the alternatives of a group) */
	int preferred; /* written "*word": wins when an abbreviation also fits other keywords */
	const char *help;
};

struct cli_variant {
	int n;
	unsigned char tok[CLI_MAX_TOKENS]; /* indexes into cli_syntax.tokens */
};

struct cli_syntax {
	int ntokens;
	int nslots;
	struct cli_token tokens[CLI_MAX_TOKENS];
	int nvariants;
	struct cli_variant variants[CLI_MAX_VARIANTS];
};

/* Parses syntax; helps (may be NULL) gives one help line per token. Returns 0, or -1 with a
 * reason in err. */
int cli_syntax_parse(struct cli_syntax *s, const char *syntax, const char *const *helps,
		     size_t nhelps, char *err, size_t errlen);
/* Writes syntax back with the given slot values (values[i] for slot i+1, NULL/"" = not given):
 * optional parts without any value are left out, keywords outside groups are written as they
 * are, a group prints its slot's value. Returns 0, or -1 when a required value is missing. */
int cli_syntax_render(const char *syntax, const char *const *values, int nvalues, char *out,
		      size_t outlen);
#endif
