/* Putting ribmgr together: the FIB callbacks, configuration from cmdmgr, the stale-route sweep
 * after a restart, and n2os stop. */
#include "ribmgr.h"
#include "log.h"
#include "loop.h"
#include "pifclient.h"
#include "ribmgr_kernel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SWEEP_DEADLINE_US 5000000u /* sweep even if cmdmgr never gives us a configuration */

static int fib_install(const struct n2_prefix *p, const struct rib_fib *f, void *arg)
{
	struct rib_mgr *m = arg;
	return m->k ? kern_install(m->k, p, f) : 0;
}

static int fib_remove(const struct n2_prefix *p, void *arg)
{
	struct rib_mgr *m = arg;
	return m->k ? kern_remove(m->k, p) : 0;
}

static void recompute_now(struct n2_loop *loop, void *arg)
{
	(void)loop;
	rib_recompute(&((struct rib_mgr *)arg)->rib);
}

void rib_mgr_schedule(struct rib_mgr *m)
{
	if (!m->loop)
		rib_recompute(&m->rib);
	else if (!m->t_recompute)
		n2_timer_add(m->loop, &m->t_recompute, 0, recompute_now, m);
}

static int keep(const struct n2_prefix *p, void *arg)
{
	const struct rib_dest *d = rib_exact(arg, p);
	return d && d->installed;
}

static void sweep(struct rib_mgr *m)
{
	n2_timer_cancel(&m->t_sweep);
	if (m->swept || m->stopping)
		return;
	m->swept = 1;
	n2_timer_cancel(&m->t_recompute);
	rib_recompute(&m->rib);
	int n = m->k ? kern_sweep(m->k, keep, &m->rib) : 0;
	if (n > 0)
		n2_log_info("removed %d stale n2os route%s from the kernel", n, n == 1 ? "" : "s");
}

static void sweep_deadline(struct n2_loop *loop, void *arg)
{
	(void)loop;
	struct rib_mgr *m = arg;
	n2_log_info("no configuration from cmdmgr yet: sweeping stale routes anyway");
	sweep(m);
}

void rib_mgr_try_sweep(struct rib_mgr *m)
{
	if (!m->swept && m->cfg_applied && m->pc && pifc_synced(m->pc))
		sweep(m);
}

static int apply(const char *module, const char *json, char *err, size_t errlen, void *arg)
{
	struct rib_mgr *m = arg;
	if (strcmp(module, "n2os-routing")) {
		snprintf(err, errlen, "ribmgr does not apply module %s", module);
		return -1;
	}
	struct rib_static *s;
	size_t n;
	int fwd[2];
	if (rib_cfg_parse(json, &s, &n, fwd, err, errlen) < 0)
		return -1;
	if (fwd_apply(&m->fwd, fwd, err, errlen) < 0) {
		free(s);
		return -1;
	}
	rib_static_set(&m->rib, s, n);
	free(s);
	m->cfg_applied = 1;
	rib_mgr_try_sweep(m);
	return 0;
}

int rib_mgr_init(struct rib_mgr *m, struct n2_loop *loop, struct n2_ipc *ipc, char *err,
		 size_t errlen)
{
	memset(m, 0, sizeof(*m));
	m->loop = loop;
	m->ipc = ipc;
	struct rib_fib_ops ops = {fib_install, fib_remove, rbus_changed, m};
	rib_init(&m->rib, &ops);
	fwd_init(&m->fwd, NULL);
	if (!(m->k = kern_open(err, errlen)))
		return -1;
	if (rbus_init(m) < 0) {
		snprintf(err, errlen, "cannot follow pifmgr");
		return -1;
	}
	if (ipc &&
	    !(m->cmdreg = n2_cmdreg_new(ipc, rib_modules, rib_commands, rib_ncommands, apply, m))) {
		snprintf(err, errlen, "cannot build the command table");
		return -1;
	}
	n2_timer_add(loop, &m->t_sweep, SWEEP_DEADLINE_US, sweep_deadline, m);
	return 0;
}

void rib_mgr_stop(struct rib_mgr *m)
{
	m->stopping = 1;
	n2_timer_cancel(&m->t_recompute);
	n2_timer_cancel(&m->t_sweep);
	rib_flush(&m->rib);
	fwd_restore(&m->fwd);
	n2_log_info("n2os stop: routes removed from the kernel, forwarding as it was");
}

void rib_mgr_fini(struct rib_mgr *m)
{
	n2_timer_cancel(&m->t_recompute);
	n2_timer_cancel(&m->t_sweep);
	n2_cmdreg_free(m->cmdreg);
	pifc_free(m->pc);
	m->rib.frozen = 1;
	rib_fini(&m->rib);
	kern_close(m->k);
}
