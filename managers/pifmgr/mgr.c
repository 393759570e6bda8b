/* Putting pifmgr together: start-up order, configuration from cmdmgr, and n2os stop (undo what
 * n2os changed, then exit). */
#include "pifmgr.h"
#include "log.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static uint64_t realtime_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

int pif_apply(const char *module, const char *json, char *err, size_t errlen, void *arg)
{
	struct pif_mgr *m = arg;
	if (strcmp(module, "n2os-interfaces")) {
		snprintf(err, errlen, "pifmgr does not apply module %s", module);
		return -1;
	}
	if (m->stopping) {
		snprintf(err, errlen, "pifmgr is stopping");
		return -1;
	}
	struct pif_cfg cfg;
	if (pif_cfg_parse(json, &cfg, err, errlen) < 0)
		return -1;
	ops_config(m, &cfg);
	return 0;
}

/* Records about interfaces that went away while no pifmgr was watching. */
static void forget_missing(struct pif_mgr *m)
{
	for (struct pif_own *n, *o = m->state.own; o; o = n) {
		n = o->next;
		if (!iftable_by_name(&m->table, o->ifname))
			state_own_del(&m->state, o);
	}
}

int pif_mgr_init(struct pif_mgr *m, struct n2_loop *loop, struct n2_ipc *ipc,
		 const char *state_path, int use_netlink, char *err, size_t errlen)
{
	memset(m, 0, sizeof(*m));
	m->loop = loop;
	m->ipc = ipc;
	m->epoch = realtime_us();
	state_init(&m->state, state_path);
	int n = state_load(&m->state);
	if (n > 0)
		n2_log_info("%d records of earlier changes loaded from %s", n, state_path);
	struct pif_observer obs = bus_observer_template;
	obs.arg = m;
	iftable_init(&m->table, &obs);
	if (use_netlink && !(m->nl = kern_open(loop, &m->table, err, errlen)))
		return -1;
	forget_missing(m);
	accept_adopt(m);
	if (bus_init(m) < 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (ipc && !(m->cmdreg = n2_cmdreg_new(ipc, pif_modules, pif_commands, pif_ncommands,
					       pif_apply, m))) {
		snprintf(err, errlen, "cannot build the command table");
		return -1;
	}
	n2_log_info("%zu interfaces in the table", m->table.count);
	return 0;
}

static void restored(struct pif_mgr *m, int rc, const char *err, void *arg)
{
	(void)arg;
	if (rc < 0)
		n2_log_err("n2os stop: could not restore everything: %s", err);
	else
		n2_log_info("n2os stop: interfaces restored");
	state_remove_file(&m->state);
	if (m->stopped)
		m->stopped(m);
}

void pif_mgr_stop(struct pif_mgr *m, void (*stopped)(struct pif_mgr *m))
{
	m->stopping = 1;
	m->stopped = stopped;
	char err[256];
	struct pif_own *o;
	while ((o = state_own_find_kind(&m->state, OWN_MACVLAN))) {
		char name[PIF_NAMSIZ];
		snprintf(name, sizeof(name), "%s", o->ifname);
		state_own_del(&m->state, o);
		const struct pif_iface *ifp = iftable_by_name(&m->table, name);
		if (ifp && m->nl && kern_link_del(m->nl, ifp->l.ifindex, err, sizeof(err)) < 0)
			n2_log_err("%s: %s", name, err);
	}
	arpguard_sweep(m, 1);
	accept_restore(m);
	jobs_reconcile_all(m, PLAN_RESTORE, "n2os stop", restored, NULL);
}

void pif_mgr_fini(struct pif_mgr *m)
{
	n2_cmdreg_free(m->cmdreg);
	jobs_fini(m);
	accept_fini(m);
	bus_fini(m);
	kern_close(m->nl);
	memset(&m->table.obs, 0, sizeof(m->table.obs)); /* no events while freeing */
	iftable_fini(&m->table);
	pif_cfg_free(&m->cfg);
	state_fini(&m->state);
}
