/* bus_bench: measures the n2os IPC bus. It runs a real ipcmgr in a private run directory, forks a
 * responder client, and from this process (the requester) measures (a) request/reply latency,
 * (b) publish/subscribe throughput with the CPU each process spends per message, and (c) what
 * protobuf-c costs per envelope. A benchmark, not a test: it prints figures. */
#include "bench.h"
#include "log.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

/* What the interrupt handler needs to clean up (async-signal-safe calls only). */
static volatile pid_t g_ipcmgr, g_responder;
static char g_dir[PATH_MAX], g_files[3][PATH_MAX + 16];

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: bus_bench [OPTION]...\n"
		"Measure the n2os IPC bus: starts its own ipcmgr (found next to bus_bench) in a\n"
		"temporary run directory, a responder client, and prints figures.\n\n"
		"  -n, --count N        sequential request/reply round trips (default 20000)\n"
		"  -e, --events N       events published in the flood (default 200000)\n"
		"  -p, --payload BYTES  payload of each request and event (default 64)\n"
		"  -w, --window N       flood: a request/reply to the subscriber every N events,\n"
		"                       so the bus's bounded per-client queue never overflows\n"
		"                       (default 1000; fewer when N events exceed 1 MiB)\n"
		"  -i, --iterations N   encode/decode loop of the codec figures (default 1000000)\n"
		"  -h, --help           show this help\n\n"
		"Runs as root or as a member of group n2os (the bus checks). Exit status 0 when "
		"every\n"
		"measurement completed, 1 otherwise, 2 on bad options.\n");
}

static int parse_num(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static int parse(int argc, char **argv, struct bench_opts *o)
{
	static const struct option opts[] = {{"count", required_argument, NULL, 'n'},
					     {"events", required_argument, NULL, 'e'},
					     {"payload", required_argument, NULL, 'p'},
					     {"window", required_argument, NULL, 'w'},
					     {"iterations", required_argument, NULL, 'i'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	unsigned long payload = o->payload;
	int c, bad = 0;
	while ((c = getopt_long(argc, argv, "n:e:p:w:i:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			bad |= parse_num(optarg, 1, 100000000, &o->count);
			break;
		case 'e':
			bad |= parse_num(optarg, 1, 1000000000, &o->events);
			break;
		case 'p':
			bad |= parse_num(optarg, 0, 1u << 20, &payload);
			break;
		case 'w':
			bad |= parse_num(optarg, 1, 100000, &o->window);
			break;
		case 'i':
			bad |= parse_num(optarg, 1, 1000000000, &o->iterations);
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			return -1;
		}
		if (bad) {
			fprintf(stderr, "bus_bench: bad value '%s' for -%c\n", optarg, c);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "bus_bench: unexpected argument '%s'\n", argv[optind]);
		return -1;
	}
	o->payload = payload;
	return 0;
}

/* Ctrl-C: stop the children, reap them, remove the run directory, go. */
static void on_interrupt(int signo)
{
	pid_t kids[2] = {g_responder, g_ipcmgr};
	for (int i = 0; i < 2; i++)
		if (kids[i] > 0) {
			kill(kids[i], SIGTERM);
			waitpid(kids[i], NULL, 0);
		}
	for (int i = 0; i < 3; i++)
		unlink(g_files[i]);
	rmdir(g_dir);
	_exit(128 + signo);
}

static void cleanup_setup(const char *dir)
{
	static const char *const files[3] = {"ipc.sock", "ipcmgr.pid", "ipcmgr.log"};
	snprintf(g_dir, sizeof(g_dir), "%s", dir);
	for (int i = 0; i < 3; i++)
		snprintf(g_files[i], sizeof(g_files[i]), "%s/%s", dir, files[i]);
	struct sigaction sa = {.sa_handler = on_interrupt};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static void print_machine(const char *ipcmgr)
{
	char model[256] = "unknown CPU", line[512];
	FILE *f = fopen("/proc/cpuinfo", "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "model name", 10) && strchr(line, ':')) {
			snprintf(model, sizeof(model), "%s", strchr(line, ':') + 2);
			model[strcspn(model, "\n")] = 0;
			break;
		}
	if (f)
		fclose(f);
	struct utsname u;
	uname(&u);
	printf("n2os bus benchmark: %s\n", ipcmgr);
	printf("machine: %ld CPUs online, %s, %s %s\n", sysconf(_SC_NPROCESSORS_ONLN), model,
	       u.sysname, u.release);
}

static pid_t fork_responder(const char *sock, size_t payload)
{
	pid_t parent = getpid();
	fflush(NULL);
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	signal(SIGINT, SIG_IGN); /* the parent cleans up on Ctrl-C */
	signal(SIGHUP, SIG_IGN);
	signal(SIGTERM, SIG_DFL);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(1);
	_exit(bench_responder_run(sock, payload));
}

/* The requester's part, once ipcmgr and the responder are running. */
static int measure(struct bench *b, const char *sock)
{
	if (!(b->loop = n2_loop_new()) || !(b->ipc = n2_ipc_new(b->loop, sock, BENCH_REQUESTER)))
		return -1;
	if (n2_ipc_connect_wait(b->ipc, 5000) < 0) {
		fprintf(stderr, "bus_bench: cannot join the bus at %s: %s\n", sock,
			n2_ipc_last_error(b->ipc));
		return -1;
	}
	n2_ipc_set_reconnect(b->ipc, 0);
	if (bench_wait_responder(b, 5000) < 0)
		return -1;
	int rc = 0;
	rc |= bench_latency(b);
	rc |= bench_flood(b);
	return rc;
}

static int run(struct bench *b, const char *dir)
{
	char sock[128], prog[PATH_MAX];
	if (n2_ipc_sock_path(dir, sock, sizeof(sock)) < 0) {
		fprintf(stderr, "bus_bench: run directory path %s is too long\n", dir);
		return -1;
	}
	if ((b->ipcmgr = g_ipcmgr = bench_ipcmgr_start(dir, prog, sizeof(prog))) < 0)
		return -1;
	print_machine(prog);
	printf("run directory: %s (removed at the end); ipcmgr pid %d\n", dir, (int)b->ipcmgr);
	if ((b->responder = g_responder = fork_responder(sock, b->o->payload)) < 0) {
		perror("bus_bench: fork");
		return -1;
	}
	int rc = measure(b, sock);
	if (rc < 0 && (!b->ipc || !n2_ipc_is_up(b->ipc)))
		bench_dump_file(dir, "ipcmgr.log");
	return rc;
}

static void finish(struct bench *b)
{
	n2_ipc_free(b->ipc); /* leave the bus before it goes */
	b->ipc = NULL;
	n2_loop_free(b->loop);
	b->loop = NULL;
	int st = bench_stop(b->responder);
	if (b->responder > 0 && !(WIFEXITED(st) && WEXITSTATUS(st) == 0))
		fprintf(stderr, "bus_bench: the responder ended with status 0x%x\n", st);
	g_responder = 0;
	st = bench_stop(b->ipcmgr);
	if (b->ipcmgr > 0 && !(WIFEXITED(st) && WEXITSTATUS(st) == 0))
		fprintf(stderr, "bus_bench: ipcmgr ended with status 0x%x\n", st);
	g_ipcmgr = 0;
}

int main(int argc, char **argv)
{
	struct bench_opts o = {.count = 20000,
			       .events = 200000,
			       .window = 1000,
			       .iterations = 1000000,
			       .payload = 64};
	if (parse(argc, argv, &o) < 0) {
		fprintf(stderr, "Try 'bus_bench --help'.\n");
		return 2;
	}
	n2_log_init("bus_bench", N2_LOG_STDERR, LOG_WARNING);
	setvbuf(stdout, NULL, _IOLBF, 0); /* figures appear as they come, even into a file */
	signal(SIGPIPE, SIG_IGN);
	struct bench b = {.o = &o, .payload = malloc(o.payload ? o.payload : 1)};
	if (!b.payload) {
		perror("bus_bench");
		return 1;
	}
	for (size_t i = 0; i < o.payload; i++)
		b.payload[i] = (uint8_t)(i * 7 + 1);
	struct bench_codec codec;
	int codec_rc = bench_codec_measure(&o, b.payload, &codec); /* printed last */
	char dir[PATH_MAX];
	if (bench_rundir_make(dir, sizeof(dir)) < 0) {
		perror("bus_bench: temporary run directory");
		return 1;
	}
	cleanup_setup(dir);
	int rc = run(&b, dir);
	finish(&b);
	bench_rundir_remove(dir);
	if (codec_rc == 0)
		bench_codec_print(&o, &codec);
	free(b.payload);
	rc |= codec_rc;
	return rc ? 1 : 0;
}
