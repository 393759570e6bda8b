/* cmsh: the n2os CLI shell. A thin client: every line, TAB and '?' goes to cmdmgr over
 * RUNDIR/cmd.sock and cmsh prints what comes back. Interactive with readline (history in
 * ~/.cmsh_history, paging), or non-interactive with -c, -f or a pipe, starting at the exec node. */
#include "cmd.pb-c.h"
#include "ipc.h"
#include "log.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <readline/history.h>
#include <readline/readline.h>

#define TIMEOUT_MS 15000u

static struct {
	struct n2_loop *loop;
	struct n2_ipc *ipc;
	char prompt[160];
	int term_length; /* -1: terminal height; 0: no paging */
	int interactive;
} sh = {.term_length = -1};

struct answer {
	int ok, exit;
	char *output;
	char **completions;
	size_t ncompletions;
};

static void answer_free(struct answer *a)
{
	free(a->output);
	for (size_t i = 0; i < a->ncompletions; i++)
		free(a->completions[i]);
	free(a->completions);
	memset(a, 0, sizeof(*a));
}

/* One request to cmdmgr. Returns 0 with the answer, -1 when cmdmgr cannot be reached. */
static int ask(N2os__Cmd__SessionRequest__Op op, const char *line, struct answer *a)
{
	N2os__Cmd__SessionRequest q = N2OS__CMD__SESSION_REQUEST__INIT;
	q.op = op;
	q.line = (char *)line;
	/* the line goes whole: cmdmgr owns the line limit and says when it is over it */
	size_t len = n2os__cmd__session_request__get_packed_size(&q), rlen = 0;
	uint8_t *buf = malloc(len ? len : 1), *rep = NULL;
	char err[256];
	memset(a, 0, sizeof(*a));
	if (!buf) {
		fprintf(stderr, "cmsh: out of memory\n");
		return -1;
	}
	n2os__cmd__session_request__pack(&q, buf);
	int st = n2_ipc_call(sh.ipc, "cmdmgr", "cmd.session", buf, len, TIMEOUT_MS, &rep, &rlen,
			     err, sizeof(err));
	free(buf);
	if (st != N2_IPC_OK) {
		fprintf(stderr, "cmsh: cmdmgr: %s\n", err);
		return st == N2_IPC_EREMOTE ? 0 : -1;
	}
	N2os__Cmd__SessionReply *r = n2os__cmd__session_reply__unpack(NULL, rlen, rep);
	free(rep);
	if (!r) {
		fprintf(stderr, "cmsh: malformed answer from cmdmgr\n");
		return -1;
	}
	a->ok = r->ok;
	a->exit = r->exit;
	a->output = strdup(r->output);
	snprintf(sh.prompt, sizeof(sh.prompt), "%s", r->prompt);
	if (r->term_length >= 0)
		sh.term_length = r->term_length;
	a->completions = calloc(r->n_completions + 1, sizeof(char *));
	for (size_t i = 0; a->completions && i < r->n_completions; i++)
		a->completions[a->ncompletions++] = strdup(r->completions[i]);
	n2os__cmd__session_reply__free_unpacked(r, NULL);
	return 0;
}

static int page_height(void)
{
	if (sh.term_length >= 0)
		return sh.term_length;
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 2)
		return ws.ws_row - 1;
	return 0;
}

static int read_key(void)
{
	struct termios old, raw;
	if (tcgetattr(STDIN_FILENO, &old) < 0)
		return 'q';
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	int c = getchar();
	tcsetattr(STDIN_FILENO, TCSANOW, &old);
	return c;
}

/* Prints output, a page at a time when it is longer than the terminal (space: next page,
 * enter: next line, q: stop). */
static void show(FILE *f, const char *text)
{
	int height = sh.interactive && f == stdout ? page_height() : 0;
	int shown = 0, budget = height;
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
		if (height && shown == budget) {
			fputs(" --More-- ", f);
			fflush(f);
			int c = read_key();
			fputs("\r          \r", f);
			if (c == 'q' || c == 'Q' || c == EOF)
				return;
			budget = shown + (c == '\n' || c == '\r' ? 1 : height);
		}
		fwrite(p, 1, n, f);
		shown++;
		p += n;
	}
	fflush(f);
}

/* ---- readline: TAB and '?' ---- */

static char **matches;
static size_t nmatches;

static char *next_match(const char *text, int state)
{
	static size_t i;
	(void)text;
	if (!state)
		i = 0;
	return i < nmatches ? strdup(matches[i++]) : NULL;
}

static char **complete(const char *text, int start, int end)
{
	(void)start, (void)end;
	rl_attempted_completion_over = 1;
	char *line = strndup(rl_line_buffer, (size_t)rl_point);
	struct answer a;
	int rc = line ? ask(N2OS__CMD__SESSION_REQUEST__OP__COMPLETE, line, &a) : -1;
	free(line);
	if (rc < 0)
		return NULL;
	matches = a.completions;
	nmatches = a.ncompletions;
	char **r = rl_completion_matches(text, next_match);
	a.completions = matches;
	answer_free(&a);
	matches = NULL;
	nmatches = 0;
	return r;
}

static int on_question(int count, int key)
{
	(void)count, (void)key;
	char *line = strndup(rl_line_buffer, (size_t)rl_point);
	struct answer a;
	putchar('?');
	putchar('\n');
	if (line && ask(N2OS__CMD__SESSION_REQUEST__OP__HELP, line, &a) == 0) {
		fputs(a.output, stdout);
		answer_free(&a);
	}
	free(line);
	rl_on_new_line();
	rl_redisplay();
	return 0;
}

static void on_sigint(int sig)
{
	(void)sig;
	/* Ctrl-C drops the line being typed, as on a router */
	ssize_t n = write(STDOUT_FILENO, "\n", 1); /* nothing to do if it fails */
	(void)n;
	rl_replace_line("", 0);
	rl_on_new_line();
	rl_redisplay();
}

static char history_path[4096];

/* The session went away with cmdmgr: wait (bounded) for the restarted one. */
static int reconnect(void)
{
	n2_ipc_set_reconnect(sh.ipc, 1); /* keep trying while procmgr restarts it */
	int rc = n2_ipc_connect_wait(sh.ipc, 5000);
	n2_ipc_set_reconnect(sh.ipc, 0);
	if (rc < 0)
		return -1;
	struct answer a;
	if (ask(N2OS__CMD__SESSION_REQUEST__OP__PROMPT, "", &a) < 0)
		return -1;
	answer_free(&a);
	return 0;
}

static int interactive(void)
{
	struct answer a;
	if (ask(N2OS__CMD__SESSION_REQUEST__OP__PROMPT, "", &a) < 0)
		return 1;
	answer_free(&a);
	rl_readline_name = "cmsh";
	rl_attempted_completion_function = complete;
	rl_bind_key('?', on_question);
	rl_catch_signals = 0;
	signal(SIGINT, on_sigint);
	const char *home = getenv("HOME");
	if (home) {
		snprintf(history_path, sizeof(history_path), "%s/.cmsh_history", home);
		read_history(history_path);
	}
	for (;;) {
		char *line = readline(sh.prompt);
		int eof = !line;
		if (eof) /* Ctrl-D goes up a node, like exit */
			putchar('\n');
		if (line && *line)
			add_history(line);
		int rc = ask(N2OS__CMD__SESSION_REQUEST__OP__EXECUTE, eof ? "exit" : line, &a);
		free(line);
		if (rc < 0 && !eof && reconnect() == 0) {
			/* cmdmgr restarted (procmgr brings it back with the configuration intact);
			 * the new session starts at the view node */
			printf("%% cmdmgr restarted; reconnected at the view node (the line may "
			       "not have run: show running-config tells)\n");
			continue;
		}
		if (rc < 0)
			return 1;
		show(stdout, a.output);
		int done = a.exit;
		answer_free(&a);
		if (done)
			break;
	}
	if (history_path[0])
		write_history(history_path);
	return 0;
}

/* Runs lines in order, skipping blank and comment (! or #) lines, as `show running-config`
 * prints them; stops at the first failure, naming it on stderr. */
static int run_lines(char **lines, int n, const char *file)
{
	struct answer a;
	if (ask(N2OS__CMD__SESSION_REQUEST__OP__EXECUTE, "enable", &a) < 0)
		return 1;
	answer_free(&a);
	for (int i = 0; i < n; i++) {
		const char *l = lines[i] + strspn(lines[i], " \t");
		if (!*l || *l == '!' || *l == '#')
			continue;
		char prompt[sizeof(sh.prompt)];
		snprintf(prompt, sizeof(prompt), "%s", sh.prompt);
		if (ask(N2OS__CMD__SESSION_REQUEST__OP__EXECUTE, lines[i], &a) < 0)
			return 1;
		/* the caret of an error is placed under the line as typed after its prompt: show
		 * them, since nothing was echoed */
		if (!a.ok && strchr(a.output, '^'))
			fprintf(stderr, "%s%s\n", prompt, lines[i]);
		show(a.ok ? stdout : stderr, a.output);
		int ok = a.ok, done = a.exit;
		answer_free(&a);
		if (!ok) {
			if (file)
				fprintf(stderr, "cmsh: %s:%d: '%s' failed\n", file, i + 1,
					lines[i]);
			else
				fprintf(stderr, "cmsh: line %d: '%s' failed\n", i + 1, lines[i]);
			return 1;
		}
		if (done)
			break;
	}
	return 0;
}

static int run_stream(FILE *f, const char *name)
{
	char **lines = NULL, *buf = NULL;
	size_t cap = 0;
	int n = 0, rc;
	/* whole lines, however long: cut, a long line would run as two commands */
	while (getline(&buf, &cap, f) >= 0) {
		buf[strcspn(buf, "\r\n")] = 0;
		char **v = realloc(lines, sizeof(char *) * (size_t)(n + 1));
		if (!v)
			break;
		lines = v;
		if (!(lines[n] = strdup(buf)))
			break;
		n++;
	}
	free(buf);
	rc = run_lines(lines, n, name);
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	return rc;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: cmsh [OPTION]...\n"
		"The n2os command shell.\n\n"
		"  -r, --rundir DIR   run directory of the n2os instance (default %s)\n"
		"  -c, --command LINE run LINE (may be repeated: lines run in order in one "
		"session,\n"
		"                     starting at the exec node)\n"
		"  -f, --file FILE    run the lines of FILE ('-' for standard input)\n"
		"  -h, --help         show this help\n"
		"  -V, --version      show the version\n\n"
		"Without -c or -f, cmsh is interactive when its input is a terminal (TAB "
		"completes,\n"
		"'?' lists what may come next, Ctrl-C clears the line, Ctrl-D leaves the node) "
		"and\n"
		"reads lines from its input otherwise. Blank lines and comments ('!' or '#') are\n"
		"skipped.\n"
		"Exit status: 0 when every line succeeded; 1 at the first failing line (named on\n"
		"stderr, with its line number) or when n2os cannot be reached; 2 on bad usage.\n",
		N2OS_DEFAULT_RUNDIR);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"rundir", required_argument, NULL, 'r'}, {"command", required_argument, NULL, 'c'},
		{"file", required_argument, NULL, 'f'},   {"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},      {NULL, 0, NULL, 0}};
	/* on the stack: the early returns below must not leak it */
	char rundir[PATH_MAX] = N2OS_DEFAULT_RUNDIR, *cmds[argc + 1];
	const char *file = NULL;
	int ncmds = 0, c;
	while ((c = getopt_long(argc, argv, "r:c:f:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (n2_abspath(optarg, rundir, sizeof(rundir)) < 0) {
				fprintf(stderr, "cmsh: bad directory '%s'\n", optarg);
				return 2;
			}
			break;
		case 'c':
			cmds[ncmds++] = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("cmsh (n2os) %s\n", N2OS_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "cmsh: unexpected argument '%s'\n", argv[optind]);
		return 2;
	}
	n2_log_init("cmsh", 0, LOG_ERR);
	char path[PATH_MAX + 16], name[32];
	snprintf(path, sizeof(path), "%s/cmd.sock", rundir);
	snprintf(name, sizeof(name), "cmsh.%d", (int)getpid());
	sh.loop = n2_loop_new();
	sh.ipc = sh.loop ? n2_ipc_new(sh.loop, path, name) : NULL;
	if (!sh.ipc) {
		fprintf(stderr, "cmsh: cannot set up (path %s too long?)\n", path);
		return 1;
	}
	n2_ipc_set_reconnect(sh.ipc, 0);
	if (n2_ipc_connect_wait(sh.ipc, 5000) < 0) {
		fprintf(stderr, "cmsh: cannot reach n2os in %s (is it running?): %s\n", rundir,
			n2_ipc_last_error(sh.ipc));
		return 1;
	}
	int rc;
	if (ncmds)
		rc = run_lines(cmds, ncmds, NULL);
	else if (file && strcmp(file, "-")) {
		FILE *f = fopen(file, "r");
		if (!f) {
			fprintf(stderr, "cmsh: %s: %s\n", file, strerror(errno));
			return 1;
		}
		rc = run_stream(f, file);
		fclose(f);
	} else if (file || !isatty(STDIN_FILENO)) {
		rc = run_stream(stdin, file ? "-" : NULL);
	} else {
		sh.interactive = 1;
		rc = interactive();
	}
	n2_ipc_free(sh.ipc);
	n2_loop_free(sh.loop);
	return rc;
}
