/* Process table parsing (see proctable.h). */
#include "proctable.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cmdmgr comes before the processes whose configuration it replays (ready=config). */
const char pt_default_text[] =
	"# name   program  after                  options\n"
	"ipcmgr   ipcmgr   -                      heartbeat=1000\n"
	"cmdmgr   cmdmgr   ipcmgr                 heartbeat=1000\n"
	"pifmgr   pifmgr   cmdmgr                 heartbeat=1000 ready=config\n"
	"ribmgr   ribmgr   pifmgr                 heartbeat=1000 ready=config\n"
	"vrrpd    vrrpd    pifmgr,ribmgr,cmdmgr   heartbeat=1000 ready=config\n";

int pt_index(const struct proctable *t, const char *name)
{
	for (int i = 0; i < t->n; i++)
		if (!strcmp(t->e[i].name, name))
			return i;
	return -1;
}

static int valid_name(const char *s)
{
	if (!*s || strlen(s) >= PT_NAME_LEN)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '_'))
			return 0;
	return 1;
}

static int parse_uint(const char *v, unsigned max, unsigned *out)
{
	char *end;
	errno = 0;
	unsigned long x = strtoul(v, &end, 10);
	if (errno || end == v || *end || x > max || v[0] == '-')
		return -1;
	*out = (unsigned)x;
	return 0;
}

static int parse_deps(struct proctable *t, struct pt_entry *e, char *list, char *err, size_t n)
{
	if (!strcmp(list, "-"))
		return 0;
	for (char *save, *d = strtok_r(list, ",", &save); d; d = strtok_r(NULL, ",", &save)) {
		int i = pt_index(t, d);
		if (i < 0) {
			snprintf(err, n, "'%s' is not an earlier entry of the table", d);
			return -1;
		}
		int seen = 0;
		for (int k = 0; k < e->ndeps; k++)
			seen |= e->deps[k] == i;
		if (seen) /* named twice, or the bus, which every entry already has */
			continue;
		if (e->ndeps == PT_MAX_DEPS + 1) {
			snprintf(err, n, "more than %d dependencies", PT_MAX_DEPS);
			return -1;
		}
		e->deps[e->ndeps++] = i;
	}
	return 0;
}

static int parse_option(struct pt_entry *e, const char *opt, char *err, size_t n)
{
	const char *eq = strchr(opt, '=');
	if (!eq) {
		snprintf(err, n, "option '%s' is not key=value", opt);
		return -1;
	}
	size_t kl = (size_t)(eq - opt);
	unsigned *dst = NULL, max = 0;
	if (kl == 5 && !strncmp(opt, "ready", kl)) {
		if (strcmp(eq + 1, "bus") && strcmp(eq + 1, "config")) {
			snprintf(err, n, "'%s': ready is 'bus' or 'config'", opt);
			return -1;
		}
		e->ready_config = !strcmp(eq + 1, "config");
		return 0;
	}
	if (kl == 9 && !strncmp(opt, "heartbeat", kl)) {
		dst = &e->heartbeat_ms;
		max = 600000;
	} else if (kl == 13 && !strncmp(opt, "start-timeout", kl)) {
		dst = &e->start_timeout_ms;
		max = 600000;
	} else {
		snprintf(err, n, "unknown option '%.*s' (heartbeat, start-timeout, ready)", (int)kl,
			 opt);
		return -1;
	}
	if (parse_uint(eq + 1, max, dst) < 0) {
		snprintf(err, n, "'%s' needs milliseconds from 0 to %u", opt, max);
		return -1;
	}
	if (dst == &e->start_timeout_ms && *dst == 0) {
		snprintf(err, n, "start-timeout must be at least 1 ms");
		return -1;
	}
	return 0;
}

static int parse_line(struct proctable *t, char *line, char *err, size_t n)
{
	char *save, *tok[16];
	int nt = 0;
	for (char *w = strtok_r(line, " \t\r", &save); w && nt < 16;
	     w = strtok_r(NULL, " \t\r", &save))
		tok[nt++] = w;
	if (nt == 0)
		return 0;
	if (nt < 3) {
		snprintf(err, n, "expected 'name program after [options]'");
		return -1;
	}
	if (t->n == PT_MAX_PROCS) {
		snprintf(err, n, "more than %d processes", PT_MAX_PROCS);
		return -1;
	}
	struct pt_entry *e = &t->e[t->n];
	memset(e, 0, sizeof(*e));
	e->start_timeout_ms = 10000;
	if (!valid_name(tok[0])) {
		snprintf(err, n, "bad process name '%s' (a-z, 0-9, '-', '_')", tok[0]);
		return -1;
	}
	if (pt_index(t, tok[0]) >= 0) {
		snprintf(err, n, "process '%s' is listed twice", tok[0]);
		return -1;
	}
	if (t->n == 0 && strcmp(tok[0], "ipcmgr")) {
		snprintf(err, n, "the first process must be ipcmgr (the bus), not '%s'", tok[0]);
		return -1;
	}
	if (strlen(tok[1]) >= sizeof(e->program) || (strchr(tok[1], '/') && tok[1][0] != '/')) {
		snprintf(err, n, "program '%s' must be a file name or an absolute path", tok[1]);
		return -1;
	}
	strcpy(e->name, tok[0]);
	strcpy(e->program, tok[1]);
	if (t->n > 0)
		e->deps[e->ndeps++] = 0; /* everyone needs the bus */
	if (parse_deps(t, e, tok[2], err, n) < 0)
		return -1;
	for (int i = 3; i < nt; i++)
		if (parse_option(e, tok[i], err, n) < 0)
			return -1;
	t->n++;
	return 0;
}

int pt_parse(struct proctable *t, const char *text, char *err, size_t errlen)
{
	t->n = 0;
	int lineno = 0;
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char line[512], why[256];
		lineno++;
		if (len >= sizeof(line)) {
			snprintf(err, errlen, "line %d: too long", lineno);
			return -1;
		}
		memcpy(line, p, len);
		line[len] = 0;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = 0;
		if (parse_line(t, line, why, sizeof(why)) < 0) {
			snprintf(err, errlen, "line %d: %s", lineno, why);
			return -1;
		}
		p += len + (nl ? 1 : 0);
	}
	if (t->n == 0) {
		snprintf(err, errlen, "no process listed");
		return -1;
	}
	return 0;
}

int pt_load(struct proctable *t, const char *confdir, char *from, size_t fromlen, char *err,
	    size_t errlen)
{
	snprintf(from, fromlen, "%s/processes.conf", confdir);
	FILE *f = fopen(from, "r");
	if (!f) {
		if (errno != ENOENT) {
			snprintf(err, errlen, "%s: %s", from, strerror(errno));
			return -1;
		}
		snprintf(from, fromlen, "built-in table");
		return pt_parse(t, pt_default_text, err, errlen);
	}
	static char text[65536];
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	int toolong = !feof(f);
	fclose(f);
	if (toolong) {
		snprintf(err, errlen, "%s: larger than %zu bytes", from, sizeof(text) - 1);
		return -1;
	}
	text[n] = 0;
	char why[300];
	if (pt_parse(t, text, why, sizeof(why)) < 0) {
		snprintf(err, errlen, "%s: %s", from, why);
		return -1;
	}
	return 0;
}

int pt_depends(const struct proctable *t, int b, int a)
{
	for (int i = 0; i < t->e[b].ndeps; i++) {
		int d = t->e[b].deps[i];
		if (d == a || pt_depends(t, d, a))
			return 1;
	}
	return 0;
}
