/* `n2os status` and `n2os monitor`: ask procmgr over the bus. The only n2os file that sees
 * generated protobuf-c code (the status table itself is lib/procview.c). */
#include "n2os.h"
#include "ipc.h"
#include "log.h"
#include "proc.pb-c.h"
#include "procview.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct n2_ipc *connect_bus(struct n2_loop *loop, const struct n2os_opts *o, const char *role)
{
	char path[PATH_MAX], name[64];
	if (n2_ipc_sock_path(o->rundir, path, sizeof(path)) < 0) {
		fprintf(stderr, "n2os: run directory path too long\n");
		return NULL;
	}
	snprintf(name, sizeof(name), "n2os-%s.%d", role, (int)getpid());
	struct n2_ipc *ipc = n2_ipc_new(loop, path, name);
	if (!ipc)
		return NULL;
	n2_ipc_set_reconnect(ipc, 0);
	if (n2_ipc_connect_wait(ipc, o->timeout_s * 1000u) < 0) {
		fprintf(stderr, "n2os: cannot reach the bus of %s: %s\n", o->rundir,
			n2_ipc_last_error(ipc));
		n2_ipc_free(ipc);
		return NULL;
	}
	return ipc;
}

int n2os_status(const struct n2os_opts *o)
{
	if (!n2os_procmgr_pid(o)) {
		if (o->json)
			printf("{\"running\":false}\n");
		else
			printf("n2os is not running in %s\n", o->rundir);
		return 3;
	}
	n2_log_init("n2os", 0, LOG_ERR);
	struct n2_loop *loop = n2_loop_new();
	struct n2_ipc *ipc = loop ? connect_bus(loop, o, "status") : NULL;
	int rc = 1;
	if (!ipc)
		goto out;
	uint8_t *rep = NULL;
	size_t len = 0;
	char err[256];
	if (n2_ipc_call(ipc, "procmgr", "proc.status", NULL, 0, o->timeout_s * 1000u, &rep, &len,
			err, sizeof(err)) != N2_IPC_OK) {
		fprintf(stderr, "n2os status: procmgr: %s\n", err);
		goto out;
	}
	struct n2_buf text;
	int all = 0;
	n2_buf_init(&text);
	if (n2_procview(rep, len, o->json, &text, &all) < 0) {
		fprintf(stderr, "n2os status: malformed answer from procmgr\n");
	} else {
		fputs(n2_buf_str(&text), stdout);
		rc = all ? 0 : 1;
	}
	n2_buf_fini(&text);
	free(rep);
out:
	n2_ipc_free(ipc);
	n2_loop_free(loop);
	return rc;
}

static int mon_done;

/* One line per process in a proc.state event or a proc.status answer. */
static void print_states(const struct n2_msg *m)
{
	N2os__Proc__Status *st = n2os__proc__status__unpack(NULL, m->len, m->payload);
	if (!st)
		return;
	for (size_t i = 0; i < st->n_processes; i++) {
		const N2os__Proc__Process *p = st->processes[i];
		printf("%s %s pid=%u restarts=%u%s%s\n", p->name, p->state, p->pid, p->restarts,
		       *p->reason ? " reason=" : "", p->reason);
	}
	if (st->all_running)
		printf("all running\n");
	fflush(stdout);
	n2os__proc__status__free_unpacked(st, NULL);
}

static void on_state(struct n2_ipc *ipc, const struct n2_msg *ev, void *arg)
{
	(void)ipc;
	(void)arg;
	print_states(ev);
}

static void on_snapshot(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	(void)arg;
	if (status == N2_IPC_OK)
		print_states(rep);
	/* otherwise procmgr is not back on the bus yet: its events will follow */
}

/* Events published while we were away are lost: after a reconnect, print where things stand. */
static void on_bus(struct n2_ipc *ipc, int up, void *arg)
{
	(void)arg;
	printf(up ? "bus connected\n" : "bus lost, reconnecting\n");
	fflush(stdout);
	if (up)
		n2_ipc_request(ipc, "procmgr", "proc.status", NULL, 0, 5000, on_snapshot, NULL);
}

/* The bus may be gone for good: stop when the instance has. */
static void check_instance(struct n2_loop *loop, void *arg)
{
	(void)loop;
	if (!n2os_procmgr_pid(arg)) {
		printf("instance stopped\n");
		mon_done = 1;
	}
}

static void on_signal(struct n2_loop *loop, int signo, void *arg)
{
	(void)loop;
	(void)signo;
	(void)arg;
	mon_done = 1;
}

int n2os_monitor(const struct n2os_opts *o)
{
	n2_log_init("n2os", 0, LOG_ERR);
	struct n2_loop *loop = n2_loop_new();
	struct n2_ipc *ipc = loop ? connect_bus(loop, o, "monitor") : NULL;
	if (!ipc) {
		n2_loop_free(loop);
		return 1;
	}
	n2_signal_add(loop, SIGINT, on_signal, NULL);
	n2_signal_add(loop, SIGTERM, on_signal, NULL);
	n2_ipc_set_reconnect(ipc, 1); /* ipcmgr may be restarted under us: follow it */
	n2_ipc_set_state_cb(ipc, on_bus, NULL);
	n2_ipc_subscribe(ipc, "proc.state", on_state, NULL);
	/* One round trip through ipcmgr proves it has taken the subscription before we say so. */
	char err[128];
	if (n2_ipc_call(ipc, "ipcmgr", "sys.ping", NULL, 0, 5000, NULL, NULL, err, sizeof(err)) !=
	    N2_IPC_OK) {
		fprintf(stderr, "n2os monitor: %s\n", err);
		return 1;
	}
	struct n2_timer *t_check = NULL;
	n2_timer_add_periodic(loop, &t_check, 200000, check_instance, (void *)o);
	printf("monitoring %s\n", o->rundir);
	fflush(stdout);
	while (!mon_done && n2_loop_once(loop, -1) >= 0)
		;
	n2_timer_cancel(&t_check);
	n2_ipc_free(ipc);
	n2_loop_free(loop);
	return 0;
}
