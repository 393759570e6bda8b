/* cmdmgr's bus adapter: which request and topic goes to which file, and what those files share
 * (the bus request memory type, the text of a failed request, packing). The concerns live in
 * owner.c (command tables, exec commands and configuration to the owning processes), views.c
 * (show processes / ipc / memory / log), loglevel.c (log NAME priority) and startup.c (the
 * startup request from procmgr). */
#include "cmdmgr.h"
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

N2_MTYPE(MT_BUSREQ, "cmdmgr bus request");

void *bus_req_alloc(size_t size)
{
	return n2_calloc(MT_BUSREQ, 1, size);
}

void bus_req_free(void *p)
{
	n2_free(MT_BUSREQ, p);
}

int bus_no_such(const struct n2_msg *rep)
{
	return rep && strstr(rep->error, "no such destination");
}

/* The reason a request failed, as the CLI says it. */
void bus_failure_text(const struct cmdmgr *cm, const char *dst, int status,
		      const struct n2_msg *rep, char *out, size_t len)
{
	if (status == N2_IPC_EREMOTE && bus_no_such(rep))
		snprintf(out, len, "%s is not running", dst);
	else if (status == N2_IPC_EREMOTE)
		snprintf(out, len, "%s: %s", dst, rep->error);
	else if (status == N2_IPC_ETIMEOUT)
		snprintf(out, len, "%s did not answer within %u ms", dst, cm->timeout_ms);
	else
		snprintf(out, len, "the bus is not available");
}

uint8_t *bus_pack(const ProtobufCMessage *m, size_t *len)
{
	*len = protobuf_c_message_get_packed_size(m);
	uint8_t *buf = malloc(*len + 1);
	if (buf)
		protobuf_c_message_pack(m, buf);
	return buf;
}

void bus_init(struct cmdmgr *cm)
{
	n2_ipc_handle(cm->ipc, "cmd.register", owner_on_register, cm);
	n2_ipc_handle(cm->ipc, "cmd.startup", startup_on_request, cm);
	n2_ipc_watch_members(cm->ipc, loglevel_on_member, cm);
}
