/* Carrying out plans. Reconciling an interface is a job; jobs run one at a time, in order, so two
 * changes to one interface never interleave. A job computes its plan when it starts (from the
 * latest configuration and kernel state) and runs the actions; before an admin-down it asks the
 * going-down subscribers and waits (bounded) for their answers, which is why jobs are
 * asynchronous. */
#include "pifmgr.h"
#include "log.h"
#include "mem.h"

#include <stdio.h>
#include <string.h>

N2_MTYPE(MT_JOB, "reconcile job");

struct pif_job {
	struct pif_job *next;
	struct pif_mgr *m;
	char ifname[PIF_NAMSIZ];
	int mode;
	char reason[64];
	char exclude[PIF_OWNSIZ];
	pif_done_fn done;
	void *arg;
	struct pif_action acts[PIF_PLAN_MAX];
	size_t n, i;
	int rc;
	char err[256];
};

static void kick(struct pif_mgr *m);

void jobs_reconcile(struct pif_mgr *m, const char *ifname, int mode, const char *reason,
		    const char *exclude, pif_done_fn done, void *arg)
{
	struct pif_job *j = n2_calloc(MT_JOB, 1, sizeof(*j));
	if (!j) {
		if (done)
			done(m, -1, "out of memory", arg);
		return;
	}
	j->m = m;
	snprintf(j->ifname, sizeof(j->ifname), "%s", ifname);
	j->mode = mode;
	snprintf(j->reason, sizeof(j->reason), "%s", reason ? reason : "");
	snprintf(j->exclude, sizeof(j->exclude), "%s", exclude ? exclude : "");
	j->done = done;
	j->arg = arg;
	if (m->jobs_tail)
		m->jobs_tail->next = j;
	else
		m->jobs = j;
	m->jobs_tail = j;
	m->njobs++;
	kick(m);
}

void jobs_reconcile_all(struct pif_mgr *m, int mode, const char *reason, pif_done_fn done,
			void *arg)
{
	const struct pif_iface *last = NULL;
	for (const struct pif_iface *ifp = m->table.ifs; ifp; ifp = ifp->next)
		last = ifp;
	for (const struct pif_iface *ifp = m->table.ifs; ifp; ifp = ifp->next)
		jobs_reconcile(m, ifp->l.name, mode, reason, NULL, ifp == last ? done : NULL,
			       ifp == last ? arg : NULL);
	if (!last && done)
		done(m, 0, "", arg);
}

int jobs_idle(const struct pif_mgr *m)
{
	return !m->jobs && !m->job_running;
}

unsigned jobs_waiting(const struct pif_mgr *m)
{
	return m->njobs;
}

/* ---- one action ---- */

static int kernel(struct pif_mgr *m, const struct pif_action *a, const struct pif_iface *ifp,
		  char *err, size_t errlen)
{
	if (!m->nl)
		return m->fake_kernel ? m->fake_kernel(m, a, ifp->l.name, err, errlen) : 0;
	uint32_t ix = ifp->l.ifindex;
	switch (a->kind) {
	case ACT_ADDR_DEL:
		return kern_addr_del(m->nl, ix, &a->p, err, errlen);
	case ACT_ADDR_ADD:
		return kern_addr_add(m->nl, ix, &a->p, a->flags, err, errlen);
	case ACT_ADDR_CLAIM:
		return 0;
	case ACT_ADMIN:
		return kern_link_set(m->nl, ix, a->up, 0, NULL, err, errlen);
	case ACT_MTU:
		return kern_link_set(m->nl, ix, -1, a->mtu, NULL, err, errlen);
	case ACT_ALIAS:
		return kern_link_set(m->nl, ix, -1, 0, a->alias, err, errlen);
	}
	return 0;
}

/* Before changing an attribute for the first time, remember what it was. */
static void remember(struct pif_mgr *m, const struct pif_action *a, const struct pif_iface *ifp)
{
	if (a->kind != ACT_ADMIN && a->kind != ACT_MTU && a->kind != ACT_ALIAS)
		return;
	struct pif_orig *o = state_orig(&m->state, ifp->l.name, 1);
	if (!o)
		return;
	if (a->kind == ACT_ADMIN && !o->has_admin) {
		o->has_admin = 1;
		o->admin_up = ifp->l.admin_up;
	} else if (a->kind == ACT_MTU && !o->has_mtu) {
		o->has_mtu = 1;
		o->mtu = ifp->l.mtu;
	} else if (a->kind == ACT_ALIAS && !o->has_alias) {
		o->has_alias = 1;
		snprintf(o->alias, sizeof(o->alias), "%s", ifp->l.alias);
	}
}

static void record(struct pif_mgr *m, const struct pif_action *a, const char *ifname, int ok)
{
	struct pif_state *st = &m->state;
	if (a->kind == ACT_ADDR_DEL) {
		struct pif_own *o;
		while ((o = state_own_find_addr(st, ifname, &a->p, a->owner)))
			state_own_del(st, o);
	} else if ((a->kind == ACT_ADDR_ADD || a->kind == ACT_ADDR_CLAIM) && ok &&
		   !strcmp(a->owner, "config") &&
		   !state_own_find_addr(st, ifname, &a->p, "config")) {
		int others = state_own_find_addr(st, ifname, &a->p, NULL) != NULL;
		struct pif_own *o = state_own_add(st, OWN_ADDR, "config", ifname);
		if (o) {
			o->p = a->p;
			o->preexisting = a->kind == ACT_ADDR_CLAIM && !others;
		}
	}
}

static void run_action(struct pif_job *j, const struct pif_action *a, struct pif_iface *ifp)
{
	struct pif_mgr *m = j->m;
	char err[200] = "", ps[N2_PREFIX_STRLEN];
	if (j->mode != PLAN_RESTORE)
		remember(m, a, ifp);
	/* record an address before adding it, so that its event already names its origin */
	if (a->kind == ACT_ADDR_ADD)
		record(m, a, j->ifname, 1);
	int r = kernel(m, a, ifp, err, sizeof(err));
	/* an address already there (add) or already gone (delete) is what we wanted */
	int ok = r == 0 || ((a->kind == ACT_ADDR_ADD || a->kind == ACT_ADDR_DEL) &&
			    (strstr(err, "already present") || strstr(err, "not present")));
	if (a->kind != ACT_ADDR_ADD)
		record(m, a, j->ifname, ok);
	else if (!ok && !strcmp(a->owner, "config")) {
		struct pif_own *o = state_own_find_addr(&m->state, j->ifname, &a->p, "config");
		if (o)
			state_own_del(&m->state, o);
	}
	if (a->kind == ACT_ADDR_ADD || a->kind == ACT_ADDR_DEL || a->kind == ACT_ADDR_CLAIM)
		n2_prefix_str(&a->p, ps, sizeof(ps));
	else
		snprintf(ps, sizeof(ps), "%s",
			 a->kind == ACT_ADMIN ? (a->up ? "up" : "down")
			 : a->kind == ACT_MTU ? "mtu"
					      : "description");
	if (!ok) {
		n2_log_err("%s: cannot %s %s: %s", j->ifname, pif_act_name(a->kind), ps, err);
		if (j->rc == 0) {
			j->rc = -1;
			snprintf(j->err, sizeof(j->err), "%s: %s", j->ifname, err);
		}
	} else if (a->kind != ACT_ADDR_CLAIM) {
		n2_log_info("%s: %s %s (%s)", j->ifname, pif_act_name(a->kind), ps,
			    j->reason[0] ? j->reason : "reconcile");
	}
}

static void step(struct pif_job *j);

static void after_hook(struct pif_mgr *m, void *arg)
{
	(void)m;
	struct pif_job *j = arg;
	struct pif_iface *ifp = iftable_by_name(&m->table, j->ifname);
	if (ifp)
		run_action(j, &j->acts[j->i], ifp);
	j->i++;
	step(j);
}

static void finish(struct pif_job *j)
{
	struct pif_mgr *m = j->m;
	accept_sync(m); /* a plan may have dropped records */
	state_save(&m->state);
	m->job_running = 0;
	if (j->done)
		j->done(m, j->rc, j->err, j->arg);
	n2_free(MT_JOB, j);
	kick(m);
}

/* Runs actions until the end or until one must wait for the going-down hook. */
static void step(struct pif_job *j)
{
	struct pif_mgr *m = j->m;
	for (; j->i < j->n; j->i++) {
		kern_drain(m->nl);
		struct pif_iface *ifp = iftable_by_name(&m->table, j->ifname);
		if (!ifp)
			break; /* gone meanwhile: nothing left to do */
		const struct pif_action *a = &j->acts[j->i];
		if (a->kind == ACT_ADMIN && !a->up) {
			bus_going_down(m, ifp, j->reason, j->exclude, after_hook, j);
			return;
		}
		run_action(j, a, ifp);
	}
	finish(j);
}

static void start(struct pif_mgr *m, struct pif_job *j)
{
	m->job_running = 1;
	kern_drain(m->nl);
	const struct pif_iface *ifp = iftable_by_name(&m->table, j->ifname);
	const struct pif_cfg_if *cfg = pif_cfg_find(&m->cfg, j->ifname);
	if (ifp && (m->have_cfg || j->mode == PLAN_RESTORE))
		j->n = pif_plan(ifp, cfg, &m->state, j->mode, j->acts, PIF_PLAN_MAX);
	step(j);
}

static void run_next(struct n2_loop *loop, void *arg)
{
	(void)loop;
	struct pif_mgr *m = arg;
	if (m->job_running || !m->jobs)
		return;
	struct pif_job *j = m->jobs;
	m->jobs = j->next;
	if (!m->jobs)
		m->jobs_tail = NULL;
	m->njobs--;
	start(m, j);
}

static void kick(struct pif_mgr *m)
{
	if (m->job_running || !m->jobs)
		return;
	if (m->loop)
		n2_timer_add(m->loop, &m->t_job, 0, run_next, m);
	else
		run_next(NULL, m); /* unit tests without a loop run jobs at once */
}

void jobs_fini(struct pif_mgr *m)
{
	n2_timer_cancel(&m->t_job);
	while (m->jobs) {
		struct pif_job *j = m->jobs;
		m->jobs = j->next;
		m->njobs--;
		n2_free(MT_JOB, j);
	}
	m->jobs_tail = NULL;
}

/* ---- what the table tells the reconciler ---- */

static int mentioned(struct pif_mgr *m, const char *name)
{
	return pif_cfg_find(&m->cfg, name) || state_own_find(&m->state, OWN_ADDR, name, NULL) ||
	       state_own_find(&m->state, OWN_ADMIN, name, NULL);
}

void jobs_on_iface(struct pif_mgr *m, enum pif_op op, const struct pif_iface *ifp)
{
	if (op == PIF_ADD && m->have_cfg && !m->stopping && mentioned(m, ifp->l.name)) {
		jobs_reconcile(m, ifp->l.name, PLAN_FULL, "interface appeared", NULL, NULL, NULL);
	} else if (op == PIF_DEL) {
		/* what n2os had on it went with it */
		int changed = 0;
		for (struct pif_own *n, *o = m->state.own; o; o = n) {
			n = o->next;
			if (!strcmp(o->ifname, ifp->l.name)) {
				state_own_del(&m->state, o);
				changed = 1;
			}
		}
		for (struct pif_orig **pp = &m->state.orig; *pp; pp = &(*pp)->next)
			if (!strcmp((*pp)->ifname, ifp->l.name)) {
				struct pif_orig *o = *pp;
				*pp = o->next;
				state_orig_free(o);
				changed = 1;
				break;
			}
		if (changed) {
			accept_sync(m);
			state_save(&m->state);
		}
	}
}

void jobs_on_link(struct pif_mgr *m, const struct pif_iface *ifp, int old_admin)
{
	/* IPv6 addresses are flushed when a link goes down: put ours back when it comes up */
	if (!old_admin && ifp->l.admin_up && !m->stopping && mentioned(m, ifp->l.name))
		jobs_reconcile(m, ifp->l.name, PLAN_ADDRS, "link up", NULL, NULL, NULL);
}
