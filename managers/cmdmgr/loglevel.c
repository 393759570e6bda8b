/* `log NAME priority LEVEL`: the configured level is pushed to the process (sys.log.set) when
 * the configuration changes and again whenever the process (re)joins the bus. */
#include "cmdmgr.h"
#include "log.h"
#include "sys.pb-c.h"

#include <libyang/libyang.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct level_req {
	struct cmdmgr *cm;
	char dst[40], level[16];
};

static void on_level(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg);

static int send_level(struct level_req *l)
{
	N2os__Sys__LogSet ls = N2OS__SYS__LOG_SET__INIT;
	ls.level = l->level;
	size_t len;
	uint8_t *buf = bus_pack(&ls.base, &len);
	int rc = buf ? n2_ipc_request(l->cm->ipc, l->dst, "sys.log.set", buf, len,
				      l->cm->timeout_ms, on_level, l)
		     : -1;
	free(buf);
	return rc;
}

static void on_level(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	struct level_req *l = arg;
	if (status != N2_IPC_OK)
		n2_log_info("log level %s for %s not applied now (%s); it will be when it starts",
			    l->level, l->dst, rep ? rep->error : "no answer");
	bus_req_free(l);
}

void set_log_level(struct cmdmgr *cm, const char *process, const char *level)
{
	if (!strcmp(process, "cmdmgr")) {
		n2_log_set_level(n2_log_level_parse(level));
		return;
	}
	struct level_req *l = bus_req_alloc(sizeof(*l));
	if (!l)
		return;
	l->cm = cm;
	snprintf(l->dst, sizeof(l->dst), "%s", process);
	snprintf(l->level, sizeof(l->level), "%s", level);
	if (send_level(l) < 0)
		bus_req_free(l);
}

/* A process (re)joined the bus: give it its configured log level again. */
void loglevel_on_member(const struct n2_member *m, void *arg)
{
	struct cmdmgr *cm = arg;
	if (!m->up || !cm->ds.running)
		return;
	char xpath[200];
	struct lyd_node *n = NULL;
	/* configured under the process name or one of the names it registered (vrrp) */
	for (size_t i = 0; (i == 0 || m->aliases[i - 1]) && !n; i++) {
		snprintf(xpath, sizeof(xpath),
			 "/n2os-system:system/logging/process[name='%s']/level",
			 i ? m->aliases[i - 1] : m->name);
		lyd_find_path(cm->ds.running, xpath, 0, &n);
	}
	if (n)
		set_log_level(cm, m->name, lyd_get_value(n));
}
