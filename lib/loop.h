/* The event loop: one per process. File descriptors (epoll), timers on the monotonic clock
 * (a heap behind one timerfd, microsecond resolution) and signals (signalfd).
 *
 * Timers are held through a handle pointer owned by the caller, FRR style: the loop writes the
 * handle when the timer is added and clears it when a one-shot timer fires or is cancelled, so a
 * timer is never cancelled twice nor left dangling. */
#ifndef N2_LOOP_H
#define N2_LOOP_H
#include <stdint.h>

struct n2_loop;
struct n2_timer;

enum { N2_READ = 1, N2_WRITE = 2 };

typedef void (*n2_fd_cb)(struct n2_loop *loop, int fd, unsigned events, void *arg);
typedef void (*n2_timer_cb)(struct n2_loop *loop, void *arg);
typedef void (*n2_signal_cb)(struct n2_loop *loop, int signo, void *arg);

/* Monotonic clock in microseconds. */
uint64_t n2_now_us(void);

struct n2_loop *n2_loop_new(void);
void n2_loop_free(struct n2_loop *loop);
/* Runs until n2_loop_stop(); returns 0, or -1 on a fatal epoll error. */
int n2_loop_run(struct n2_loop *loop);
void n2_loop_stop(struct n2_loop *loop);
/* Runs one iteration: waits at most timeout_us (-1 = until something happens). */
int n2_loop_once(struct n2_loop *loop, int64_t timeout_us);

/* events is a mask of N2_READ|N2_WRITE; N2_READ is also reported on hang-up and error. */
int n2_fd_add(struct n2_loop *loop, int fd, unsigned events, n2_fd_cb cb, void *arg);
int n2_fd_mod(struct n2_loop *loop, int fd, unsigned events);
void n2_fd_del(struct n2_loop *loop, int fd);

/* Arms a one-shot timer `delay_us` from now; cancels whatever *ref held before. */
void n2_timer_add(struct n2_loop *loop, struct n2_timer **ref, uint64_t delay_us, n2_timer_cb cb,
		  void *arg);
/* Periodic timer: fires every interval_us (without drift) until cancelled. */
void n2_timer_add_periodic(struct n2_loop *loop, struct n2_timer **ref, uint64_t interval_us,
			   n2_timer_cb cb, void *arg);
/* Cancels the timer *ref points at (if any) and clears *ref. */
void n2_timer_cancel(struct n2_timer **ref);
/* Microseconds until the timer fires (0 if due). */
uint64_t n2_timer_remaining(const struct n2_timer *t);
/* Number of armed timers (for tests and show memory). */
unsigned long n2_loop_timer_count(const struct n2_loop *loop);

/* Delivers `signo` through the loop instead of asynchronously (blocks it, uses signalfd). */
int n2_signal_add(struct n2_loop *loop, int signo, n2_signal_cb cb, void *arg);
#endif
