/* The supervisor (see supervisor.h). Transitions go through set_state() so that every change is
 * logged and published in one place. */
#include "supervisor.h"
#include "log.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const names[PS_COUNT] = {
	[PS_STOPPED] = "stopped",    [PS_STARTING] = "starting", [PS_RUNNING] = "running",
	[PS_BACKOFF] = "restarting", [PS_STOPPING] = "stopping", [PS_FAILED] = "failed",
};

const char *ps_name(enum ps st)
{
	return st < PS_COUNT ? names[st] : "?";
}

static int idx(const struct sup *s, const struct proc *p)
{
	return (int)(p - s->p);
}

static void notify(struct sup *s, const char *msg)
{
	if (s->notify_fd < 0)
		return;
	if (write(s->notify_fd, msg, strlen(msg)) < 0)
		n2_log_debug("notify: %s", strerror(errno));
	close(s->notify_fd);
	s->notify_fd = -1;
}

void sup_notify_line(struct sup *s, const char *line)
{
	if (s->notify_fd >= 0 && write(s->notify_fd, line, strlen(line)) < 0)
		n2_log_debug("notify: %s", strerror(errno));
}

void sup_ready(struct sup *s)
{
	notify(s, "ready\n");
}

static void set_state(struct sup *s, struct proc *p, enum ps st)
{
	if (p->state == st)
		return;
	int lvl = st == PS_FAILED ? LOG_ERR : LOG_INFO;
	n2_log(lvl, "%s: %s -> %s%s%s", p->def->name, ps_name(p->state), ps_name(st),
	       p->reason[0] && (st == PS_BACKOFF || st == PS_FAILED) ? ": " : "",
	       st == PS_BACKOFF || st == PS_FAILED ? p->reason : "");
	p->state = st;
	if (s->on_change)
		s->on_change(s, p);
	if (st == PS_FAILED && !s->stopping) {
		char msg[PATH_MAX + 512];
		snprintf(msg, sizeof(msg), "failed %s: %s (see %s/%s.log)\n", p->def->name,
			 p->reason, s->d->rundir, p->def->name);
		notify(s, msg);
	}
	if (sup_all_running(s) && !s->first_up) {
		s->first_up = 1;
		if (s->on_first_up)
			s->on_first_up(s);
		else
			sup_ready(s);
	}
}

int sup_all_running(const struct sup *s)
{
	for (int i = 0; i < s->table.n; i++)
		if (s->p[i].state != PS_RUNNING)
			return 0;
	return 1;
}

static struct proc *by_pid(struct sup *s, pid_t pid)
{
	for (int i = 0; i < s->table.n; i++)
		if (s->p[i].pid == pid && pid > 0)
			return &s->p[i];
	return NULL;
}

static void child_exec(struct sup *s, struct proc *p, const char *path)
{
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL); /* the loop blocked signals; exec keeps the mask */
	char log[PATH_MAX + 64];
	snprintf(log, sizeof(log), "%s/%s.log", s->d->rundir, p->def->name);
	n2_redirect_stdio(log);
	char ppid[32];
	snprintf(ppid, sizeof(ppid), "%d", (int)getppid());
	setenv("N2OS_PROCMGR_PID", ppid, 1);
	char *argv[] = {(char *)p->def->name,
			"--foreground",
			"--rundir",
			s->d->rundir,
			"--confdir",
			s->d->confdir,
			"--log-level",
			(char *)n2_log_level_name(s->d->log_level),
			NULL};
	execv(path, argv);
	fprintf(stderr, "procmgr: cannot run %s: %s\n", path, strerror(errno));
	_exit(127);
}

static void start_timeout(struct n2_loop *loop, void *arg);
static void start_ready(struct sup *s);

static void spawn(struct sup *s, struct proc *p)
{
	char path[PATH_MAX];
	if (p->def->program[0] == '/')
		snprintf(path, sizeof(path), "%s", p->def->program);
	else if (n2_find_program(p->def->program, path, sizeof(path)) < 0)
		snprintf(path, sizeof(path), "%s",
			 p->def->program); /* exec fails, reported below */
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(p->reason, sizeof(p->reason), "fork: %s", strerror(errno));
		set_state(s, p, PS_FAILED);
		return;
	}
	if (pid == 0)
		child_exec(s, p, path);
	p->pid = pid;
	p->started_us = n2_now_us();
	p->missed = 0;
	p->reason[0] = 0;
	n2_log_debug("%s: started %s as pid %d", p->def->name, path, (int)pid);
	set_state(s, p, PS_STARTING);
	n2_timer_add(s->d->loop, &p->t_start, (uint64_t)p->def->start_timeout_ms * 1000u,
		     start_timeout, p);
}

static int deps_running(const struct sup *s, int i)
{
	const struct pt_entry *e = &s->table.e[i];
	for (int k = 0; k < e->ndeps; k++)
		if (s->p[e->deps[k]].state != PS_RUNNING)
			return 0;
	return 1;
}

/* Starts every stopped process whose dependencies are running. */
static void start_ready(struct sup *s)
{
	if (s->stopping)
		return;
	for (int i = 0; i < s->table.n; i++)
		if (s->p[i].state == PS_STOPPED && deps_running(s, i))
			spawn(s, &s->p[i]);
}

static void start_timeout(struct n2_loop *loop, void *arg)
{
	(void)loop;
	struct proc *p = arg;
	snprintf(p->reason, sizeof(p->reason), "not %s within %u ms",
		 p->def->ready_config ? "configured" : "on the bus", p->def->start_timeout_ms);
	n2_log_err("%s: %s; killing pid %d", p->def->name, p->reason, (int)p->pid);
	kill(p->pid, SIGKILL); /* the exit is handled as a crash */
}

static void on_pong(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	(void)rep;
	struct proc *p = arg;
	p->ping_pending = 0;
	if (status == N2_IPC_OK || status == N2_IPC_EDOWN) {
		p->missed = 0; /* EDOWN: our bus is gone, which says nothing about this process */
		return;
	}
	if (p->state != PS_RUNNING || ++p->missed < HEARTBEAT_MISSES)
		return;
	snprintf(p->reason, sizeof(p->reason), "missed %u heartbeats", p->missed);
	n2_log_err("%s: %s; killing pid %d", p->def->name, p->reason, (int)p->pid);
	kill(p->pid, SIGKILL);
}

static void heartbeat(struct n2_loop *loop, void *arg)
{
	(void)loop;
	struct proc *p = arg;
	struct sup *s = p->sup;
	if (p->ping_pending || !s->d->ipc || !n2_ipc_is_up(s->d->ipc))
		return;
	/* answered within 3/4 of the period, so that the next ping is not skipped as pending and
	 * HEARTBEAT_MISSES misses take that many periods */
	unsigned timeout = p->def->heartbeat_ms * 3u / 4u;
	if (n2_ipc_request(s->d->ipc, p->def->name, "sys.ping", NULL, 0, timeout ? timeout : 1,
			   on_pong, p) == 0)
		p->ping_pending = 1;
}

static void became_running(struct sup *s, struct proc *p)
{
	n2_timer_cancel(&p->t_start);
	set_state(s, p, PS_RUNNING);
	if (p->def->heartbeat_ms)
		n2_timer_add_periodic(s->d->loop, &p->t_heartbeat,
				      (uint64_t)p->def->heartbeat_ms * 1000u, heartbeat, p);
	start_ready(s);
}

void sup_registered(struct sup *s, const char *name, pid_t pid)
{
	int i = pt_index(&s->table, name);
	if (i < 0)
		return;
	struct proc *p = &s->p[i];
	if (p->state == PS_STARTING && p->pid == pid && !p->def->ready_config)
		became_running(s, p);
}

void sup_config_ready(struct sup *s, const char *name)
{
	int i = pt_index(&s->table, name);
	if (i >= 0 && s->p[i].state == PS_STARTING && s->p[i].def->ready_config)
		became_running(s, &s->p[i]);
}

void sup_unregistered(struct sup *s, const char *name, pid_t pid)
{
	int i = pt_index(&s->table, name);
	if (i >= 0 && s->p[i].pid == pid && s->p[i].state == PS_RUNNING)
		n2_log_debug("%s: left the bus", name); /* the heartbeat decides what it means */
}

void sup_bus_up(struct sup *s)
{
	/* ipcmgr counts as running once we are registered on it ourselves */
	struct proc *bus = &s->p[0];
	if (bus->state == PS_STARTING)
		became_running(s, bus);
}

static void restart_later(struct n2_loop *loop, void *arg)
{
	(void)loop;
	struct proc *p = arg;
	struct sup *s = p->sup;
	set_state(s, p, PS_STOPPED);
	if (deps_running(s, idx(s, p)))
		spawn(s, p);
	/* otherwise start_ready() starts it when its dependencies are back */
}

static void schedule_restart(struct sup *s, struct proc *p)
{
	uint64_t now = n2_now_us();
	unsigned k = 0;
	for (unsigned i = 0; i < p->nrecent; i++)
		if (now - p->recent[i] < RESTART_WINDOW_US)
			p->recent[k++] = p->recent[i];
	p->nrecent = k;
	if (p->nrecent >= RESTART_MAX) {
		char why[sizeof(p->reason)];
		/* bounded so that the verdict always fits (and gcc sees it does) */
		snprintf(why, sizeof(why), "%.100s; %u restarts within %u s, giving up", p->reason,
			 RESTART_MAX, RESTART_WINDOW_US / 1000000u);
		snprintf(p->reason, sizeof(p->reason), "%s", why);
		set_state(s, p, PS_FAILED);
		return;
	}
	uint64_t delay = BACKOFF_MIN_US << p->nrecent;
	if (delay > BACKOFF_MAX_US)
		delay = BACKOFF_MAX_US;
	p->recent[p->nrecent++] = now;
	p->restarts++;
	set_state(s, p, PS_BACKOFF);
	n2_timer_add(s->d->loop, &p->t_backoff, delay, restart_later, p);
}

static void stop_wave(struct sup *s);

void sup_child_exited(struct sup *s, pid_t pid, int status)
{
	struct proc *p = by_pid(s, pid);
	if (!p)
		return;
	p->pid = 0;
	p->ping_pending = 0;
	n2_timer_cancel(&p->t_start);
	n2_timer_cancel(&p->t_kill);
	n2_timer_cancel(&p->t_heartbeat);
	if (p->state == PS_STOPPING || s->stopping) {
		set_state(s, p, PS_STOPPED);
		stop_wave(s);
		return;
	}
	char how[64];
	if (WIFEXITED(status))
		snprintf(how, sizeof(how), "exited with status %d", WEXITSTATUS(status));
	else
		snprintf(how, sizeof(how), "killed by signal %d (%s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	if (p->reason[0]) { /* we killed it, and said why */
		char why[sizeof(p->reason)];
		snprintf(why, sizeof(why), "%.90s, %s", p->reason, how); /* how fits whole */
		snprintf(p->reason, sizeof(p->reason), "%s", why);
	} else {
		snprintf(p->reason, sizeof(p->reason), "%s", how);
	}
	schedule_restart(s, p);
}

void sup_init(struct sup *s, struct n2_daemon *d, const struct proctable *t, int notify_fd)
{
	memset(s, 0, sizeof(*s));
	s->d = d;
	s->table = *t;
	s->notify_fd = notify_fd;
	for (int i = 0; i < t->n; i++) {
		s->p[i].sup = s;
		s->p[i].def = &s->table.e[i];
	}
}

void sup_start(struct sup *s)
{
	start_ready(s);
}

static void kill_late(struct n2_loop *loop, void *arg)
{
	(void)loop;
	struct proc *p = arg;
	n2_log_warn("%s: still running %u s after SIGTERM, sending SIGKILL", p->def->name,
		    STOP_KILL_US / 1000000u);
	kill(p->pid, SIGKILL);
}

static int has_live_dependent(const struct sup *s, int i)
{
	for (int j = 0; j < s->table.n; j++) {
		enum ps st = s->p[j].state;
		if (j != i && (st == PS_STARTING || st == PS_RUNNING || st == PS_STOPPING) &&
		    pt_depends(&s->table, j, i))
			return 1;
	}
	return 0;
}

/* Sends SIGTERM to every live process nothing live depends on; when all are stopped, exits. */
static void stop_wave(struct sup *s)
{
	int live = 0;
	for (int i = s->table.n - 1; i >= 0; i--) {
		struct proc *p = &s->p[i];
		if (p->state == PS_STOPPED)
			continue;
		live++;
		if (p->state == PS_STOPPING || has_live_dependent(s, i))
			continue;
		if (i == 0 && s->d->ipc)
			n2_ipc_set_reconnect(s->d->ipc, 0); /* the bus goes last: do not chase it */
		p->reason[0] = 0;
		set_state(s, p, PS_STOPPING);
		kill(p->pid, SIGTERM);
		n2_timer_add(s->d->loop, &p->t_kill, STOP_KILL_US, kill_late, p);
	}
	if (!live)
		n2_daemon_exit(s->d);
}

void sup_stop(struct sup *s)
{
	s->stopping = 1;
	notify(s, "failed procmgr: stopped before everything was up\n");
	for (int i = 0; i < s->table.n; i++) {
		struct proc *p = &s->p[i];
		n2_timer_cancel(&p->t_start);
		n2_timer_cancel(&p->t_backoff);
		n2_timer_cancel(&p->t_heartbeat);
		if (p->state == PS_BACKOFF || p->state == PS_FAILED)
			set_state(s, p, PS_STOPPED);
	}
	stop_wave(s);
}
