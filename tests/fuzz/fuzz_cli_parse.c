/* fuzz_cli_parse: feeds one line, as cmsh sends it to cmdmgr (cmd.session: execute, TAB
 * completion or '?'), to the CLI's word splitter and matcher (managers/cmdmgr/cli_match.c)
 * against the real command tables of the node the session is in: cmdmgr's built-ins and
 * pifmgr's, ribmgr's and vrrpd's tables, registered as those processes register them.
 *
 * The first byte of the input chooses the node (view, exec, config, interface); the rest, up to
 * a NUL, is the line. The line is matched (cli_match_line), completed (cli_complete) and helped
 * ('?', cli_help) as server.c does, and the error text is made as session.c makes it. Beyond "no
 * crash, no leak, no undefined behaviour", it checks:
 *   - one result of the enum; a match names one of the node's commands and every value is a
 *     string within its buffer; an error's offset (for the caret) lies within the line; an empty
 *     result only for a blank line;
 *   - a line that matches a command is complete: '?' after it (the line and a blank) offers
 *     "<cr>";
 *   - each completion is a keyword that starts with the word being typed, sorted, no two alike;
 *     the help list is sorted ("<cr>" last) with no two alike;
 *   - what TAB and '?' offer is taken: the line with a completion or a keyword of the help list
 *     in place of the word being typed is not refused at that word, and a line for which '?'
 *     offers "<cr>" matches (or is ambiguous). */
#include <ctype.h>
#include <string.h>

#include "cmdmgr_fixture.h"
#include "fuzz.h"

#define MAX_LINE 1100 /* longer than CLI_LINE_MAX (1024), to reach "line too long" */

static int blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

static int offers_cr(const struct cli_cmd *const *cmds, size_t n, const char *line)
{
	char with_blank[MAX_LINE + 2];
	snprintf(with_blank, sizeof(with_blank), "%s ", line);
	struct cli_help_item items[128];
	int k = cli_help(cmds, n, with_blank, items, 128);
	for (int i = 0; i < k; i++)
		if (!strcmp(items[i].text, "<cr>"))
			return 1;
	return 0;
}

static void check_match(const struct cli_cmd *const *cmds, size_t n, const char *line)
{
	struct cli_match *m = calloc(1, sizeof(*m));
	FUZZ_CHECK(m);
	cli_match_line(cmds, n, line, m);
	FUZZ_CHECK(m->result >= CLI_OK && m->result <= CLI_TOOLONG);
	FUZZ_CHECK((m->result == CLI_EMPTY) == (strlen(line) < 1024 && blank(line)));
	FUZZ_CHECK(memchr(m->detail, 0, sizeof(m->detail)));
	if (m->result == CLI_OK) {
		int found = 0;
		for (size_t i = 0; i < n && !found; i++)
			found = cmds[i] == m->cmd;
		FUZZ_CHECK(found);
		for (int i = 0; i < CLI_MAX_TOKENS; i++)
			FUZZ_CHECK(memchr(m->values[i], 0, sizeof(m->values[i])));
		if (strlen(line) + 1 < 1024)
			FUZZ_CHECK(offers_cr(cmds, n, line));
	}
	if (m->result == CLI_INVALID || m->result == CLI_OUT_OF_RANGE || m->result == CLI_AMBIGUOUS)
		FUZZ_CHECK(m->err_offset < strlen(line) && m->err_word < CLI_MAX_WORDS);
	char err[600];
	cli_error_text(m, 72 + 14, err, sizeof(err)); /* the longest prompt */
	FUZZ_CHECK(memchr(err, 0, sizeof(err)));
	FUZZ_CHECK((m->result == CLI_OK || m->result == CLI_EMPTY) == !err[0]);
	free(m);
}

/* The word being typed: the last one, unless the line ends in a blank. */
static const char *typed_word(const char *line)
{
	size_t len = strlen(line);
	if (!len || isspace((unsigned char)line[len - 1]))
		return line + len;
	const char *p = line + len;
	while (p > line && !isspace((unsigned char)p[-1]))
		p--;
	return p;
}

/* What TAB or '?' offers for the word being typed is a word the matcher then takes there: the
 * line with the offer in place of the typed word is not refused at that word. */
static void offer_accepted(const struct cli_cmd *const *cmds, size_t n, const char *line,
			   const char *offer)
{
	const char *prefix = typed_word(line);
	char with[MAX_LINE + 64];
	snprintf(with, sizeof(with), "%.*s%s", (int)(prefix - line), line, offer);
	struct cli_words w;
	if (strlen(with) >= sizeof(w.buf) || cli_split(with, &w) < 0)
		return;
	struct cli_match *m = calloc(1, sizeof(*m));
	FUZZ_CHECK(m);
	cli_match_line(cmds, n, with, m);
	if ((m->result == CLI_INVALID || m->result == CLI_OUT_OF_RANGE) && m->err_word == w.n - 1)
		fprintf(stderr, "fuzz_cli_parse: '%s' offered after '%s', refused\n", offer, line);
	FUZZ_CHECK(!((m->result == CLI_INVALID || m->result == CLI_OUT_OF_RANGE) &&
		     m->err_word == w.n - 1));
	free(m);
}

static void check_complete(const struct cli_cmd *const *cmds, size_t n, const char *line)
{
	char words[64][48];
	int k = cli_complete(cmds, n, line, words, 64);
	FUZZ_CHECK(k >= 0 && k <= 64);
	const char *prefix = typed_word(line);
	for (int i = 0; i < k; i++) {
		FUZZ_CHECK(memchr(words[i], 0, sizeof(words[i])));
		FUZZ_CHECK(!strncmp(words[i], prefix, strlen(prefix)));
		FUZZ_CHECK(i == 0 || strcmp(words[i - 1], words[i]) < 0);
		offer_accepted(cmds, n, line, words[i]);
	}
}

static void check_help(const struct cli_cmd *const *cmds, size_t n, const char *line)
{
	struct cli_help_item items[128];
	int k = cli_help(cmds, n, line, items, 128);
	FUZZ_CHECK(k >= 0 && k <= 128);
	for (int i = 0; i < k; i++) {
		FUZZ_CHECK(memchr(items[i].text, 0, sizeof(items[i].text)));
		int cr = !strcmp(items[i].text, "<cr>");
		FUZZ_CHECK(!cr || i == k - 1);
		FUZZ_CHECK(i == 0 || cr || strcmp(items[i - 1].text, items[i].text) < 0);
		if (cr) { /* "<cr>": the line is a command as it is */
			struct cli_match *m = calloc(1, sizeof(*m));
			FUZZ_CHECK(m);
			cli_match_line(cmds, n, line, m);
			FUZZ_CHECK(m->result == CLI_OK || m->result == CLI_AMBIGUOUS ||
				   m->result == CLI_EMPTY);
			free(m);
		} else if (islower((unsigned char)items[i].text[0])) { /* a keyword */
			offer_accepted(cmds, n, line, items[i].text);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cmdmgr *cm;
	if (!cm)
		cm = fuzz_cmdmgr_setup("fuzz_cli_parse", 0);
	if (size < 1)
		return 0;
	char line[MAX_LINE + 1];
	size_t len = size - 1 < MAX_LINE ? size - 1 : MAX_LINE;
	memcpy(line, data + 1, len);
	line[len] = 0;
	const struct cli_cmd **cmds = NULL;
	size_t n = fuzz_node_commands(cm, (enum node)(data[0] % NODE_COUNT), &cmds);
	FUZZ_CHECK(cmds);
	check_match(cmds, n, line);
	check_complete(cmds, n, line);
	check_help(cmds, n, line);
	free(cmds);
	return 0;
}
