/* Matching a typed line against the commands of a node: unique-prefix abbreviation of
 * keywords, typed tokens, ambiguity, incomplete commands and the position of the first bad
 * word (for the caret); TAB completion and '?' help lists. Pure code. */
#ifndef CMDMGR_CLI_MATCH_H
#define CMDMGR_CLI_MATCH_H
#include <stddef.h>
#include "cli_syntax.h"

/* The shape of one command line (docs/limits.md); session_execute refuses a longer line with
 * its own message before matching. */
#define CLI_LINE_MAX 1024 /* characters, from cmsh or the startup file */
#define CLI_MAX_WORDS 64

struct cli_cmd {
	struct cli_syntax syn;
	const char *syntax; /* as registered */
	void *data;         /* the caller's */
};

struct cli_words {
	int n;
	char buf[CLI_LINE_MAX + 1];
	const char *w[CLI_MAX_WORDS];
	size_t off[CLI_MAX_WORDS]; /* offset of each word in the line */
	int trailing_space;        /* the line ends in whitespace (completion of a new word) */
};

enum cli_result {
	CLI_OK,
	CLI_EMPTY,        /* nothing but blanks */
	CLI_INVALID,      /* % Invalid input detected at '^' marker. */
	CLI_AMBIGUOUS,    /* % Ambiguous command */
	CLI_INCOMPLETE,   /* % Incomplete command */
	CLI_OUT_OF_RANGE, /* a number outside the token's range */
	CLI_TOOMANY,      /* % Too many words: over CLI_MAX_WORDS */
	CLI_TOOLONG,      /* % Line too long: over CLI_LINE_MAX characters; the last result */
};

struct cli_match {
	enum cli_result result;
	int err_word;      /* index of the offending word (INVALID, RANGE, AMBIGUOUS) */
	size_t err_offset; /* its offset in the line, for the caret */
	char detail[256];  /* e.g. "<1-255>" or the ambiguous choices */
	const struct cli_cmd *cmd;
	/* the user's text for each syntax token ("" when not given; keywords in full) */
	char values[CLI_MAX_TOKENS][256];
};

struct cli_help_item {
	char text[48];
	const char *help;
};

/* Splits line into words: 0, -1 when it is over CLI_LINE_MAX characters, -2 when it has more
 * than CLI_MAX_WORDS words. */
int cli_split(const char *line, struct cli_words *w);
void cli_match_line(const struct cli_cmd *const *cmds, size_t n, const char *line,
		    struct cli_match *m);
/* Keywords that complete the last (partial) word of line; returns how many were written. */
int cli_complete(const struct cli_cmd *const *cmds, size_t n, const char *line, char out[][48],
		 int max);
/* What may come next after line (the last word counts as a prefix unless the line ends in a
 * blank); "<cr>" when the line is already a complete command. Sorted, without duplicates. */
int cli_help(const struct cli_cmd *const *cmds, size_t n, const char *line,
	     struct cli_help_item *out, int max);
/* The error message for a failed match, router style, with the caret line when it applies.
 * prompt_len is the width of what precedes the line on screen. */
void cli_error_text(const struct cli_match *m, size_t prompt_len, char *out, size_t len);
#endif
