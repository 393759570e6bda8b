/* The system views cmdmgr asks of other processes and formats: `show processes` (procmgr),
 * `show ipc` (ipcmgr), `show memory NAME` and `show log NAME` (any process, by name or alias). */
#include "cmdmgr.h"
#include "procview.h"
#include "sysview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum view { VIEW_PROCESSES, VIEW_IPC, VIEW_MEMORY, VIEW_LOG };

struct view_req {
	struct job *j;
	enum view what;
	int json;
	char dst[40]; /* as the user typed it: a process name or an alias ("vrrp" for vrrpd) */
};

/* The answer formatted into the job's output, or the job failed when it does not decode. */
static void format(struct job *j, const struct view_req *v, const struct n2_msg *rep)
{
	int rc;
	const char *who = rep->src; /* the process, whatever name was used */
	if (v->what == VIEW_PROCESSES)
		rc = n2_procview(rep->payload, rep->len, v->json, &j->out, NULL);
	else if (v->what == VIEW_IPC)
		rc = sysview_ipc(rep->payload, rep->len, v->json, &j->out);
	else if (v->what == VIEW_MEMORY)
		rc = sysview_memory(rep->payload, rep->len, who, v->json, &j->out);
	else
		rc = sysview_log(rep->payload, rep->len, who, &j->out);
	if (rc < 0)
		job_fail(j, "%% Malformed answer from %s", who);
	else
		job_finish(j);
}

static void on_view(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	struct view_req *v = arg;
	struct job *j = v->j;
	if (status != N2_IPC_OK) {
		char why[256];
		bus_failure_text(j->cm, v->dst, status, rep, why, sizeof(why));
		job_fail(j, "%% %s", why);
	} else {
		format(j, v, rep);
	}
	bus_req_free(v);
}

static int send_view(struct view_req *v)
{
	static const char *const types[] = {[VIEW_PROCESSES] = "proc.status",
					    [VIEW_IPC] = "ipc.stats",
					    [VIEW_MEMORY] = "sys.mem.get",
					    [VIEW_LOG] = "sys.log.get"};
	return n2_ipc_request(v->j->cm->ipc, v->dst, types[v->what], NULL, 0, v->j->cm->timeout_ms,
			      on_view, v);
}

static void view(struct job *j, enum view what, const char *dst, int json)
{
	struct view_req *v = bus_req_alloc(sizeof(*v));
	if (!v) {
		job_fail(j, "%% Out of memory");
		return;
	}
	v->j = j;
	v->what = what;
	v->json = json;
	snprintf(v->dst, sizeof(v->dst), "%s", dst);
	if (send_view(v) < 0) {
		bus_req_free(v);
		job_fail(j, "%% The bus is not available");
	}
}

void show_processes(struct job *j, int json)
{
	view(j, VIEW_PROCESSES, "procmgr", json);
}

void show_ipc(struct job *j, int json)
{
	view(j, VIEW_IPC, "ipcmgr", json);
}

void show_memory(struct job *j, const char *process, int json)
{
	view(j, VIEW_MEMORY, process, json);
}

void show_log(struct job *j, const char *process)
{
	view(j, VIEW_LOG, process, 0);
}
