/* kernel.c: routes in the kernel (libnl stays inside kernel.c). */
#ifndef RIBMGR_KERNEL_H
#define RIBMGR_KERNEL_H
#include "ribmgr.h"

struct rib_kernel;
struct rib_kernel *kern_open(char *err, size_t errlen);
void kern_close(struct rib_kernel *k);
/* Puts the route for p in the kernel, replacing what was there. 0 or -1 (logged). */
int kern_install(struct rib_kernel *k, const struct n2_prefix *p, const struct rib_fib *f);
int kern_remove(struct rib_kernel *k, const struct n2_prefix *p);
/* Removes n2os routes (protocol 234) for which keep() says 0. Returns how many, or -1. */
int kern_sweep(struct rib_kernel *k, int (*keep)(const struct n2_prefix *p, void *arg), void *arg);
#endif
