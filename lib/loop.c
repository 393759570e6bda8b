/* Event loop: epoll for descriptors, a timer heap behind one timerfd, signalfd for signals. */
#include "loop.h"
#include "log.h"
#include "mem.h"
#include "timerheap.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

N2_MTYPE(MT_TIMER, "timer");
N2_MTYPE(MT_LOOP_FD, "loop fd");

struct n2_timer {
	struct n2_theap_node node; /* first: heap nodes convert back to timers */
	struct n2_loop *loop;
	struct n2_timer **ref;
	uint64_t interval; /* 0 for one-shot */
	n2_timer_cb cb;
	void *arg;
};

struct fd_entry {
	n2_fd_cb cb;
	void *arg;
	unsigned events;
	int live;
};

struct sig_entry {
	n2_signal_cb cb;
	void *arg;
};

struct n2_loop {
	int epfd, tfd, sfd;
	struct n2_theap timers;
	uint64_t armed_for;    /* expiry the timerfd is set to, 0 = disarmed */
	struct fd_entry **fds; /* indexed by fd */
	int nfds;
	sigset_t sigs;
	struct sig_entry sig[65];
	int stop;
};

uint64_t n2_now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void rearm(struct n2_loop *loop)
{
	struct n2_theap_node *n = n2_theap_peek(&loop->timers);
	uint64_t want = n ? (n->expiry ? n->expiry : 1) : 0;
	if (want == loop->armed_for)
		return;
	struct itimerspec its = {0};
	its.it_value.tv_sec = (time_t)(want / 1000000u);
	its.it_value.tv_nsec = (long)(want % 1000000u) * 1000;
	if (timerfd_settime(loop->tfd, TFD_TIMER_ABSTIME, &its, NULL) < 0)
		n2_log_err("timerfd_settime: %s", strerror(errno));
	loop->armed_for = want;
}

static void run_timers(struct n2_loop *loop)
{
	uint64_t now = n2_now_us();
	struct n2_theap_node *n;
	/* Timers added while running fire in a later round unless already due. */
	while ((n = n2_theap_pop_due(&loop->timers, now))) {
		struct n2_timer *t = (struct n2_timer *)n;
		n2_timer_cb cb = t->cb;
		void *arg = t->arg;
		if (t->interval) {
			t->node.expiry += t->interval;
			if (t->node.expiry <= now) /* we fell behind: skip missed ticks */
				t->node.expiry = now + t->interval;
			n2_theap_push(&loop->timers, &t->node);
		} else {
			if (t->ref)
				*t->ref = NULL;
			n2_free(MT_TIMER, t);
		}
		cb(loop, arg);
	}
	rearm(loop);
}

static void on_timerfd(struct n2_loop *loop, int fd, unsigned ev, void *arg)
{
	(void)ev;
	(void)arg;
	uint64_t ticks;
	if (read(fd, &ticks, sizeof(ticks)) < 0 && errno != EAGAIN)
		n2_log_err("timerfd read: %s", strerror(errno));
	loop->armed_for = 0;
	run_timers(loop);
}

static void on_signalfd(struct n2_loop *loop, int fd, unsigned ev, void *arg)
{
	(void)ev;
	(void)arg;
	struct signalfd_siginfo si;
	while (read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		int s = (int)si.ssi_signo;
		if (s > 0 && s < 65 && loop->sig[s].cb)
			loop->sig[s].cb(loop, s, loop->sig[s].arg);
	}
}

struct n2_loop *n2_loop_new(void)
{
	struct n2_loop *loop = calloc(1, sizeof(*loop));
	if (!loop)
		return NULL;
	loop->sfd = -1;
	loop->epfd = epoll_create1(EPOLL_CLOEXEC);
	loop->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (loop->epfd < 0 || loop->tfd < 0) {
		n2_loop_free(loop);
		return NULL;
	}
	n2_theap_init(&loop->timers);
	sigemptyset(&loop->sigs);
	if (n2_fd_add(loop, loop->tfd, N2_READ, on_timerfd, NULL) < 0) {
		n2_loop_free(loop);
		return NULL;
	}
	return loop;
}

void n2_loop_free(struct n2_loop *loop)
{
	if (!loop)
		return;
	while (loop->timers.len) {
		struct n2_timer *t = (struct n2_timer *)loop->timers.v[0];
		n2_timer_cancel(t->ref ? t->ref : &t);
	}
	n2_theap_fini(&loop->timers);
	for (int i = 0; i < loop->nfds; i++)
		n2_free(MT_LOOP_FD, loop->fds[i]);
	free(loop->fds);
	if (loop->sfd >= 0)
		close(loop->sfd);
	if (loop->tfd >= 0)
		close(loop->tfd);
	if (loop->epfd >= 0)
		close(loop->epfd);
	free(loop);
}

static uint32_t to_epoll(unsigned ev)
{
	return ((ev & N2_READ) ? EPOLLIN : 0) | ((ev & N2_WRITE) ? EPOLLOUT : 0);
}

int n2_fd_add(struct n2_loop *loop, int fd, unsigned events, n2_fd_cb cb, void *arg)
{
	if (fd < 0)
		return -1;
	if (fd >= loop->nfds) {
		int n = fd + 16;
		struct fd_entry **v = realloc(loop->fds, (size_t)n * sizeof(*v));
		if (!v)
			return -1;
		memset(v + loop->nfds, 0, (size_t)(n - loop->nfds) * sizeof(*v));
		loop->fds = v;
		loop->nfds = n;
	}
	if (!loop->fds[fd]) {
		loop->fds[fd] = n2_calloc(MT_LOOP_FD, 1, sizeof(struct fd_entry));
		if (!loop->fds[fd])
			return -1;
	}
	struct fd_entry *e = loop->fds[fd];
	struct epoll_event ee = {.events = to_epoll(events), .data.fd = fd};
	int op = e->live ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
	if (epoll_ctl(loop->epfd, op, fd, &ee) < 0)
		return -1;
	e->cb = cb;
	e->arg = arg;
	e->events = events;
	e->live = 1;
	return 0;
}

int n2_fd_mod(struct n2_loop *loop, int fd, unsigned events)
{
	if (fd < 0 || fd >= loop->nfds || !loop->fds[fd] || !loop->fds[fd]->live)
		return -1;
	if (loop->fds[fd]->events == events)
		return 0;
	struct epoll_event ee = {.events = to_epoll(events), .data.fd = fd};
	if (epoll_ctl(loop->epfd, EPOLL_CTL_MOD, fd, &ee) < 0)
		return -1;
	loop->fds[fd]->events = events;
	return 0;
}

void n2_fd_del(struct n2_loop *loop, int fd)
{
	if (fd < 0 || fd >= loop->nfds || !loop->fds[fd] || !loop->fds[fd]->live)
		return;
	epoll_ctl(loop->epfd, EPOLL_CTL_DEL, fd, NULL);
	loop->fds[fd]->live = 0;
}

static void timer_add(struct n2_loop *loop, struct n2_timer **ref, uint64_t delay,
		      uint64_t interval, n2_timer_cb cb, void *arg)
{
	n2_timer_cancel(ref);
	struct n2_timer *t = n2_calloc(MT_TIMER, 1, sizeof(*t));
	if (!t) {
		n2_log_err("out of memory for a timer");
		return;
	}
	t->loop = loop;
	t->ref = ref;
	t->interval = interval;
	t->cb = cb;
	t->arg = arg;
	t->node.expiry = n2_now_us() + delay;
	t->node.index = SIZE_MAX;
	if (n2_theap_push(&loop->timers, &t->node) < 0) {
		n2_free(MT_TIMER, t);
		n2_log_err("out of memory for the timer heap");
		return;
	}
	if (ref)
		*ref = t;
	rearm(loop);
}

void n2_timer_add(struct n2_loop *loop, struct n2_timer **ref, uint64_t delay_us, n2_timer_cb cb,
		  void *arg)
{
	timer_add(loop, ref, delay_us, 0, cb, arg);
}

void n2_timer_add_periodic(struct n2_loop *loop, struct n2_timer **ref, uint64_t interval_us,
			   n2_timer_cb cb, void *arg)
{
	timer_add(loop, ref, interval_us, interval_us ? interval_us : 1, cb, arg);
}

void n2_timer_cancel(struct n2_timer **ref)
{
	if (!ref || !*ref)
		return;
	struct n2_timer *t = *ref;
	*ref = NULL;
	n2_theap_remove(&t->loop->timers, &t->node);
	n2_free(MT_TIMER, t);
	/* The timerfd may fire early for a cancelled head; run_timers then simply rearms. */
}

uint64_t n2_timer_remaining(const struct n2_timer *t)
{
	uint64_t now = n2_now_us();
	return t->node.expiry > now ? t->node.expiry - now : 0;
}

unsigned long n2_loop_timer_count(const struct n2_loop *loop)
{
	return (unsigned long)loop->timers.len;
}

int n2_signal_add(struct n2_loop *loop, int signo, n2_signal_cb cb, void *arg)
{
	if (signo <= 0 || signo >= 65)
		return -1;
	sigaddset(&loop->sigs, signo);
	if (sigprocmask(SIG_BLOCK, &loop->sigs, NULL) < 0)
		return -1;
	int fd = signalfd(loop->sfd, &loop->sigs, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd < 0)
		return -1;
	if (loop->sfd < 0 && n2_fd_add(loop, fd, N2_READ, on_signalfd, NULL) < 0) {
		close(fd);
		return -1;
	}
	loop->sfd = fd;
	loop->sig[signo].cb = cb;
	loop->sig[signo].arg = arg;
	return 0;
}

int n2_loop_once(struct n2_loop *loop, int64_t timeout_us)
{
	struct epoll_event evs[64];
	int ms = timeout_us < 0 ? -1 : (int)((timeout_us + 999) / 1000);
	int n = epoll_wait(loop->epfd, evs, 64, ms);
	if (n < 0)
		return errno == EINTR ? 0 : -1;
	for (int i = 0; i < n; i++) {
		int fd = evs[i].data.fd;
		/* An earlier callback in this batch may have removed this fd. */
		if (fd >= loop->nfds || !loop->fds[fd] || !loop->fds[fd]->live)
			continue;
		struct fd_entry *e = loop->fds[fd];
		unsigned ev = 0;
		if (evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
			ev |= N2_READ;
		if (evs[i].events & EPOLLOUT)
			ev |= N2_WRITE;
		e->cb(loop, fd, ev, e->arg);
	}
	return n;
}

int n2_loop_run(struct n2_loop *loop)
{
	loop->stop = 0;
	while (!loop->stop)
		if (n2_loop_once(loop, -1) < 0) {
			n2_log_err("epoll_wait: %s", strerror(errno));
			return -1;
		}
	return 0;
}

void n2_loop_stop(struct n2_loop *loop)
{
	loop->stop = 1;
}
