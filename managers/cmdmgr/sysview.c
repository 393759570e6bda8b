/* The system views' formatting (see sysview.h). `show ipc` and `show memory` are described
 * once through lib/emit. Their JSON puts the totals first and their text puts them last (both
 * predate the emitter and are kept byte for byte), so the totals are JSON-only fields where the
 * JSON wants them and a text-only footer where the table ends. */
#include "sysview.h"
#include "emit.h"
#include "ipc.pb-c.h"
#include "sys.pb-c.h"

static void describe_client(struct emit *e, const N2os__Ipc__ClientStats *c)
{
	emit(e,
	     "{:name/%-18s} {:pid/%7u} {:msgs_in/%10llu} {:msgs_out/%10llu} {:bytes_in/%12llu} "
	     "{:bytes_out/%12llu} {:drops/%6llu} {:queued_bytes/%7u}  ",
	     c->name, c->pid, (unsigned long long)c->msgs_in, (unsigned long long)c->msgs_out,
	     (unsigned long long)c->bytes_in, (unsigned long long)c->bytes_out,
	     (unsigned long long)c->drops, c->queued_bytes);
	emit_open_list(e, "topics");
	for (size_t k = 0; k < c->n_topics; k++)
		emit(e, k ? ",{:topic/%s}" : "{:topic/%s}", c->topics[k]);
	emit_close_list(e);
	emit_text(e, "\n");
}

static void describe_ipc(struct emit *e, const N2os__Ipc__Stats *st)
{
	emit(e, "{e:uptime_ms/%llu}", (unsigned long long)st->uptime_ms);
	emit_open_container(e, "rejected");
	emit(e,
	     "{e:oversized/%llu}{e:truncated/%llu}{e:undecodable/%llu}{e:protocol/%llu}"
	     "{e:permission/%llu}{e:clients/%llu}",
	     (unsigned long long)st->rejected_oversized, (unsigned long long)st->rejected_truncated,
	     (unsigned long long)st->rejected_undecodable,
	     (unsigned long long)st->rejected_protocol, (unsigned long long)st->rejected_permission,
	     (unsigned long long)st->rejected_clients);
	emit_close_container(e);
	emit(e, "{e:no_destination/%llu}{e:slow_disconnects/%llu}",
	     (unsigned long long)st->no_destination, (unsigned long long)st->slow_disconnects);
	emit_text(e, "%-18s %7s %10s %10s %12s %12s %6s %7s  %s\n", "CLIENT", "PID", "MSGS IN",
		  "MSGS OUT", "BYTES IN", "BYTES OUT", "DROPS", "QUEUED", "TOPICS");
	emit_open_list(e, "clients");
	for (size_t i = 0; i < st->n_clients; i++) {
		emit_open_instance(e);
		describe_client(e, st->clients[i]);
		emit_close_instance(e);
	}
	emit_close_list(e);
	emit_text(e,
		  "Rejected frames: %llu oversized, %llu truncated, %llu undecodable, %llu "
		  "protocol, %llu permission; %llu without destination; %llu slow clients "
		  "disconnected; %llu connections over the client limit\n",
		  (unsigned long long)st->rejected_oversized,
		  (unsigned long long)st->rejected_truncated,
		  (unsigned long long)st->rejected_undecodable,
		  (unsigned long long)st->rejected_protocol,
		  (unsigned long long)st->rejected_permission,
		  (unsigned long long)st->no_destination, (unsigned long long)st->slow_disconnects,
		  (unsigned long long)st->rejected_clients);
}

int sysview_ipc(const uint8_t *buf, size_t len, int json, struct n2_buf *out)
{
	N2os__Ipc__Stats *st = n2os__ipc__stats__unpack(NULL, len, buf);
	if (!st)
		return -1;
	struct emit e;
	emit_init(&e, out, json);
	describe_ipc(&e, st);
	emit_finish(&e);
	n2os__ipc__stats__free_unpacked(st, NULL);
	return 0;
}

static void describe_memory(struct emit *e, const N2os__Sys__MemStats *st, const char *who)
{
	emit(e, "Memory of {:process/%s} (accounted allocations)\n{e:total_bytes/%llu}", who,
	     (unsigned long long)st->total_bytes);
	emit_text(e, "%-32s %10s %12s\n", "TYPE", "COUNT", "BYTES");
	emit_open_list(e, "types");
	for (size_t i = 0; i < st->n_types; i++) {
		emit_open_instance(e);
		emit(e, "{:name/%-32s} {:count/%10llu} {:bytes/%12llu}\n", st->types[i]->name,
		     (unsigned long long)st->types[i]->count,
		     (unsigned long long)st->types[i]->bytes);
		emit_close_instance(e);
	}
	emit_close_list(e);
	emit_text(e, "%-32s %10s %12llu\n", "Total", "", (unsigned long long)st->total_bytes);
}

int sysview_memory(const uint8_t *buf, size_t len, const char *who, int json, struct n2_buf *out)
{
	N2os__Sys__MemStats *st = n2os__sys__mem_stats__unpack(NULL, len, buf);
	if (!st)
		return -1;
	struct emit e;
	emit_init(&e, out, json);
	describe_memory(&e, st, who);
	emit_finish(&e);
	n2os__sys__mem_stats__free_unpacked(st, NULL);
	return 0;
}

/* Text only: a process's log has no JSON view. */
int sysview_log(const uint8_t *buf, size_t len, const char *who, struct n2_buf *out)
{
	N2os__Sys__LogLines *ll = n2os__sys__log_lines__unpack(NULL, len, buf);
	if (!ll)
		return -1;
	n2_buf_printf(out, "Log of %s, level %s (%zu recent lines):\n", who, ll->level,
		      ll->n_lines);
	for (size_t i = 0; i < ll->n_lines; i++)
		n2_buf_printf(out, "%s\n", ll->lines[i]);
	n2os__sys__log_lines__free_unpacked(ll, NULL);
	return 0;
}
