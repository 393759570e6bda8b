/* pifctl: pifmgr by hand. Watches the interface table and its events as a subscriber sees them,
 * sends pifmgr's requests, and (for tests, before cmsh) hands a process its configuration or an
 * exec command the way cmdmgr does. One line per event, flushed, so scripts can wait on it. */
#include "cmd.pb-c.h"
#include "ipc.h"
#include "log.h"
#include "loop.h"
#include "pifclient.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"Usage: pifctl [--rundir DIR] [--name NAME] [--hold] COMMAND\n"
	"  monitor [--hook [DELAY_MS]]   the table, then every change (one line each)\n"
	"  show                          the table once\n"
	"  addr add|del IFNAME PREFIX [secondary] [nodad]\n"
	"  macvlan add NAME PARENT MAC [MODE] | macvlan del NAME\n"
	"  admin IFNAME up|down\n"
	"  config PROCESS MODULE JSON    hand PROCESS its configuration, as cmdmgr does\n"
	"  exec PROCESS SYNTAX [TOKEN]...  run an exec command of PROCESS, as cmdmgr does\n"
	"--hold: after a successful request stay on the bus until SIGTERM or SIGINT, so\n"
	"what was asked for stays owned by this client. Exit: 0 ok, 1 refused/failed, 2 usage.\n";

static struct n2_loop *loop;
static struct n2_ipc *ipc;
static struct pifc *pc;
static int rc = -1, hold, want_show, monitor, hook_delay_ms = -1;

static void finish(int status)
{
	if (rc < 0)
		rc = status;
	if (!hold || status != 0 || monitor)
		n2_loop_stop(loop);
}

static void print_iface(const struct pifc_iface *ifp, const char *what)
{
	printf("iface %s %s ifindex=%u admin=%s oper=%s mtu=%u kind=%s%s%s\n", what, ifp->name,
	       ifp->ifindex, ifp->admin_up ? "up" : "down", ifp->oper_up ? "up" : "down", ifp->mtu,
	       ifp->kind[0] ? ifp->kind : "-", ifp->owner[0] ? " owner=" : "", ifp->owner);
	fflush(stdout);
}

static void print_addr(const struct pifc_iface *ifp, const struct pifc_addr *a, const char *what)
{
	char ps[N2_PREFIX_STRLEN];
	printf("addr %s %s %s%s%s%s\n", what, ifp->name, n2_prefix_str(&a->p, ps, sizeof(ps)),
	       a->secondary ? " secondary" : "", a->origin[0] ? " origin=" : "", a->origin);
	fflush(stdout);
}

static void on_iface(struct pifc *c, enum pifc_op op, const struct pifc_iface *ifp, void *arg)
{
	(void)c;
	(void)arg;
	if (monitor)
		print_iface(ifp, op == PIFC_ADD ? "add" : op == PIFC_DEL ? "del" : "change");
}

static void on_link(struct pifc *c, const struct pifc_iface *ifp, uint64_t nl_us, void *arg)
{
	(void)c;
	(void)arg;
	if (!monitor)
		return;
	printf("link %s oper=%s admin=%s", ifp->name, ifp->oper_up ? "up" : "down",
	       ifp->admin_up ? "up" : "down");
	if (nl_us)
		printf(" delay_us=%llu", (unsigned long long)(n2_now_us() - nl_us));
	printf("\n");
	fflush(stdout);
}

static void on_addr(struct pifc *c, enum pifc_op op, const struct pifc_iface *ifp,
		    const struct pifc_addr *a, void *arg)
{
	(void)c;
	(void)arg;
	if (monitor)
		print_addr(ifp, a, op == PIFC_DEL ? "del" : "add");
}

static void show_one(const struct pifc_iface *ifp, void *arg)
{
	(void)arg;
	print_iface(ifp, "is");
	for (size_t i = 0; i < ifp->naddr; i++)
		print_addr(ifp, &ifp->addrs[i], "is");
}

static void on_synced(struct pifc *c, void *arg)
{
	(void)arg;
	if (want_show) {
		pifc_foreach(c, show_one, NULL);
		finish(0);
		return;
	}
	if (monitor) {
		printf("synced\n");
		fflush(stdout);
	}
}

static struct n2_timer *t_ack;
static struct pifc_ack *pending_ack;

static void ack_later(struct n2_loop *l, void *arg)
{
	(void)l;
	(void)arg;
	pifc_going_down_done(pending_ack);
	pending_ack = NULL;
}

static void on_going_down(struct pifc *c, const struct pifc_iface *ifp, const char *reason,
			  struct pifc_ack *ack, void *arg)
{
	(void)c;
	(void)arg;
	printf("going_down %s reason=%s\n", ifp->name, reason);
	fflush(stdout);
	if (hook_delay_ms <= 0 || pending_ack) {
		pifc_going_down_done(ack);
		return;
	}
	pending_ack = ack;
	n2_timer_add(loop, &t_ack, (uint64_t)hook_delay_ms * 1000u, ack_later, NULL);
}

static void on_result(struct pifc *c, const struct pifc_result *r, void *arg)
{
	(void)c;
	(void)arg;
	if (r->ok) {
		printf("ok\n");
	} else {
		fprintf(stderr, "pifctl: %s\n", r->err);
	}
	fflush(stdout);
	finish(r->ok ? 0 : 1);
}

static int parse_mac(const char *s, uint8_t mac[6])
{
	unsigned b[6];
	char extra;
	if (sscanf(s, "%x:%x:%x:%x:%x:%x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &extra) != 6)
		return -1;
	for (int i = 0; i < 6; i++) {
		if (b[i] > 255)
			return -1;
		mac[i] = (uint8_t)b[i];
	}
	return 0;
}

static void on_cmd_reply(struct n2_ipc *i, int status, const struct n2_msg *rep, void *arg)
{
	(void)i;
	int exec = arg != NULL;
	if (status != N2_IPC_OK) {
		fprintf(stderr, "pifctl: %s\n",
			status == N2_IPC_EREMOTE ? rep->error : "no answer");
		finish(1);
		return;
	}
	if (exec) {
		N2os__Cmd__ExecReply *r =
			n2os__cmd__exec_reply__unpack(NULL, rep->len, rep->payload);
		if (r) {
			fputs(r->text, stdout);
			n2os__cmd__exec_reply__free_unpacked(r, NULL);
		}
	} else {
		printf("ok\n");
	}
	fflush(stdout);
	finish(0);
}

static int send_config(char **argv)
{
	N2os__Cmd__ConfigData cd = N2OS__CMD__CONFIG_DATA__INIT;
	cd.module = argv[1];
	cd.json = argv[2];
	size_t len = n2os__cmd__config_data__get_packed_size(&cd);
	uint8_t *buf = malloc(len + 1);
	n2os__cmd__config_data__pack(&cd, buf);
	int r = n2_ipc_request(ipc, argv[0], "cmd.config", buf, len, 10000, on_cmd_reply, NULL);
	free(buf);
	return r;
}

static int send_exec(int argc, char **argv)
{
	N2os__Cmd__ExecRequest x = N2OS__CMD__EXEC_REQUEST__INIT;
	x.syntax = argv[1];
	x.tokens = &argv[2];
	x.n_tokens = (size_t)(argc - 2);
	char line[1024] = "";
	for (int i = 2; i < argc; i++)
		snprintf(line + strlen(line), sizeof(line) - strlen(line), "%s%s", i > 2 ? " " : "",
			 argv[i]);
	x.line = line;
	size_t len = n2os__cmd__exec_request__get_packed_size(&x);
	uint8_t *buf = malloc(len + 1);
	n2os__cmd__exec_request__pack(&x, buf);
	int r = n2_ipc_request(ipc, argv[0], "cmd.exec", buf, len, 10000, on_cmd_reply, (void *)1);
	free(buf);
	return r;
}

/* The words after "addr add IFNAME PREFIX": secondary, nodad; others are ignored. */
static unsigned addr_flags(int argc, char **argv)
{
	unsigned f = 0;
	for (int i = 4; i < argc; i++)
		if (!strcmp(argv[i], "secondary"))
			f |= PIFC_ADDR_SECONDARY;
		else if (!strcmp(argv[i], "nodad"))
			f |= PIFC_ADDR_NODAD;
	return f;
}

static int start_command(int argc, char **argv)
{
	const char *c = argv[0];
	if (!strcmp(c, "addr") && argc >= 4 && (!strcmp(argv[1], "add") || !strcmp(argv[1], "del")))
		return pifc_addr(pc, !strcmp(argv[1], "add"), argv[2], argv[3],
				 addr_flags(argc, argv), on_result, NULL);
	if (!strcmp(c, "macvlan") && argc >= 5 && !strcmp(argv[1], "add")) {
		uint8_t mac[6];
		if (parse_mac(argv[4], mac) < 0) {
			fprintf(stderr, "pifctl: bad MAC '%s'\n", argv[4]);
			return -2;
		}
		return pifc_macvlan_add(pc, argv[2], argv[3], mac, argc > 5 ? argv[5] : "",
					PIFC_MACVLAN_UP, on_result, NULL);
	}
	if (!strcmp(c, "macvlan") && argc >= 3 && !strcmp(argv[1], "del"))
		return pifc_macvlan_del(pc, argv[2], on_result, NULL);
	if (!strcmp(c, "admin") && argc >= 3)
		return pifc_admin(pc, argv[1], !strcmp(argv[2], "up"), on_result, NULL);
	if (!strcmp(c, "config") && argc == 4)
		return send_config(&argv[1]);
	if (!strcmp(c, "exec") && argc >= 3)
		return send_exec(argc - 1, &argv[1]);
	fputs(usage, stderr);
	return -2;
}

static void on_signal(struct n2_loop *l, int signo, void *arg)
{
	(void)signo;
	(void)arg;
	if (rc < 0)
		rc = 0;
	n2_loop_stop(l);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {{"rundir", required_argument, NULL, 'r'},
					     {"name", required_argument, NULL, 'n'},
					     {"hold", no_argument, NULL, 'H'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	const char *rundir = N2OS_DEFAULT_RUNDIR;
	char name[64];
	snprintf(name, sizeof(name), "pifctl-%d", (int)getpid());
	int o;
	while ((o = getopt_long(argc, argv, "+r:n:Hh", opts, NULL)) != -1) {
		if (o == 'r')
			rundir = optarg;
		else if (o == 'n')
			snprintf(name, sizeof(name), "%s", optarg);
		else if (o == 'H')
			hold = 1;
		else {
			fputs(usage, o == 'h' ? stdout : stderr);
			return o == 'h' ? 0 : 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		fputs(usage, stderr);
		return 2;
	}
	n2_log_init("pifctl", N2_LOG_STDERR, LOG_WARNING);
	char path[PATH_MAX];
	loop = n2_loop_new();
	if (!loop || n2_ipc_sock_path(rundir, path, sizeof(path)) < 0 ||
	    !(ipc = n2_ipc_new(loop, path, name)))
		return 1;
	n2_ipc_set_reconnect(ipc, 0);
	n2_signal_add(loop, SIGTERM, on_signal, NULL);
	n2_signal_add(loop, SIGINT, on_signal, NULL);
	monitor = !strcmp(argv[0], "monitor");
	want_show = !strcmp(argv[0], "show");
	if (monitor && argc >= 2 && !strcmp(argv[1], "--hook"))
		hook_delay_ms = argc >= 3 ? atoi(argv[2]) : 0;
	struct pifc_ops ops = {.iface = on_iface,
			       .link = on_link,
			       .addr = on_addr,
			       .synced = on_synced,
			       .going_down = hook_delay_ms >= 0 ? on_going_down : NULL};
	if (n2_ipc_connect_wait(ipc, 5000) < 0) {
		fprintf(stderr, "pifctl: cannot join the bus in %s: %s\n", rundir,
			n2_ipc_last_error(ipc));
		return 1;
	}
	pc = pifc_new(loop, ipc, &ops, NULL);
	if (!monitor && !want_show) {
		int r = start_command(argc, argv);
		if (r == -2)
			return 2;
		if (r < 0) {
			fprintf(stderr, "pifctl: cannot send the request\n");
			return 1;
		}
	}
	n2_loop_run(loop);
	pifc_free(pc);
	n2_ipc_free(ipc);
	n2_loop_free(loop);
	return rc < 0 ? 1 : rc;
}
