/* `n2os`: the operator's command for starting, stopping and inspecting an n2os instance. */
#include "n2os.h"
#include "log.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: n2os COMMAND [OPTION]...\n"
		"Start, stop and inspect an n2os instance.\n\n"
		"Commands:\n"
		"  start     start procmgr, which starts every process of the process table;\n"
		"            returns when all are up, or fails naming the one that did not come "
		"up\n"
		"  stop      stop every process in reverse order; returns when all are gone\n"
		"  status    list the processes: name, pid, state, uptime, restarts\n"
		"  monitor   print process state changes as they happen, until interrupted or "
		"until\n"
		"            the instance stops\n"
		"  help      show this help\n"
		"  version   show the version\n\n"
		"Options:\n"
		"  -r, --rundir DIR      run-state directory of the instance (default %s)\n"
		"  -c, --confdir DIR     configuration directory (default %s)\n"
		"  -t, --timeout SEC     how long start/stop wait (default 30)\n"
		"  -l, --log-level LVL   log level of the processes (start; default info)\n"
		"  -j, --json            status as JSON\n\n"
		"Exit status: 0 success; 1 failure; 2 bad usage; status: 1 when some process is "
		"not\n"
		"running, 3 when the instance is not running.\n",
		N2OS_DEFAULT_RUNDIR, N2OS_DEFAULT_CONFDIR);
}

static int parse(int argc, char **argv, struct n2os_opts *o)
{
	static const struct option opts[] = {{"rundir", required_argument, NULL, 'r'},
					     {"confdir", required_argument, NULL, 'c'},
					     {"timeout", required_argument, NULL, 't'},
					     {"log-level", required_argument, NULL, 'l'},
					     {"json", no_argument, NULL, 'j'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	int c;
	char *end;
	while ((c = getopt_long(argc, argv, "r:c:t:l:jh", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
		case 'c':
			if (n2_abspath(optarg, c == 'r' ? o->rundir : o->confdir, PATH_MAX) < 0) {
				fprintf(stderr, "n2os: bad directory '%s'\n", optarg);
				return -1;
			}
			break;
		case 't':
			o->timeout_s = (unsigned)strtoul(optarg, &end, 10);
			if (*end || !*optarg || o->timeout_s == 0 || o->timeout_s > 3600) {
				fprintf(stderr, "n2os: --timeout takes seconds from 1 to 3600\n");
				return -1;
			}
			break;
		case 'l':
			if (n2_log_level_parse(optarg) < 0) {
				fprintf(stderr, "n2os: unknown log level '%s'\n", optarg);
				return -1;
			}
			o->log_level = optarg;
			break;
		case 'j':
			o->json = 1;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct n2os_opts o = {.timeout_s = 30, .log_level = "info"};
	snprintf(o.rundir, sizeof(o.rundir), "%s", N2OS_DEFAULT_RUNDIR);
	snprintf(o.confdir, sizeof(o.confdir), "%s", N2OS_DEFAULT_CONFDIR);
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
		printf("n2os %s\n", N2OS_VERSION);
		return 0;
	}
	if (parse(argc - 1, argv + 1, &o) < 0) {
		fprintf(stderr, "Try 'n2os help'.\n");
		return 2;
	}
	if (optind + 1 < argc) {
		fprintf(stderr, "n2os: unexpected argument '%s'\n", argv[optind + 1]);
		return 2;
	}
	if (!strcmp(cmd, "start"))
		return n2os_start(&o);
	if (!strcmp(cmd, "stop"))
		return n2os_stop(&o);
	if (!strcmp(cmd, "status"))
		return n2os_status(&o);
	if (!strcmp(cmd, "monitor"))
		return n2os_monitor(&o);
	fprintf(stderr, "n2os: unknown command '%s'. Try 'n2os help'.\n", cmd);
	return 2;
}
