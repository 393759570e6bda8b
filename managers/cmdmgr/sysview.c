/* The system views' formatting (see sysview.h). */
#include "sysview.h"
#include "ipc.pb-c.h"
#include "sys.pb-c.h"

int sysview_ipc(const uint8_t *buf, size_t len, int json, struct n2_buf *o)
{
	N2os__Ipc__Stats *st = n2os__ipc__stats__unpack(NULL, len, buf);
	if (!st)
		return -1;
	if (json) {
		n2_buf_printf(o,
			      "{\"uptime_ms\":%llu,\"rejected\":{\"oversized\":%llu,"
			      "\"truncated\":%llu,\"undecodable\":%llu,\"protocol\":%llu,"
			      "\"permission\":%llu},\"no_destination\":%llu,"
			      "\"slow_disconnects\":%llu,\"clients\":[",
			      (unsigned long long)st->uptime_ms,
			      (unsigned long long)st->rejected_oversized,
			      (unsigned long long)st->rejected_truncated,
			      (unsigned long long)st->rejected_undecodable,
			      (unsigned long long)st->rejected_protocol,
			      (unsigned long long)st->rejected_permission,
			      (unsigned long long)st->no_destination,
			      (unsigned long long)st->slow_disconnects);
		for (size_t i = 0; i < st->n_clients; i++) {
			const N2os__Ipc__ClientStats *c = st->clients[i];
			n2_buf_printf(o, "%s{\"name\":", i ? "," : "");
			n2_buf_json_str(o, c->name);
			n2_buf_printf(o,
				      ",\"pid\":%u,\"msgs_in\":%llu,\"msgs_out\":%llu,"
				      "\"bytes_in\":%llu,\"bytes_out\":%llu,\"drops\":%llu,"
				      "\"queued_bytes\":%u,\"topics\":[",
				      c->pid, (unsigned long long)c->msgs_in,
				      (unsigned long long)c->msgs_out,
				      (unsigned long long)c->bytes_in,
				      (unsigned long long)c->bytes_out,
				      (unsigned long long)c->drops, c->queued_bytes);
			for (size_t k = 0; k < c->n_topics; k++) {
				n2_buf_printf(o, "%s", k ? "," : "");
				n2_buf_json_str(o, c->topics[k]);
			}
			n2_buf_printf(o, "]}");
		}
		n2_buf_printf(o, "]}\n");
	} else {
		n2_buf_printf(o, "%-18s %7s %10s %10s %12s %12s %6s %7s  %s\n", "CLIENT", "PID",
			      "MSGS IN", "MSGS OUT", "BYTES IN", "BYTES OUT", "DROPS", "QUEUED",
			      "TOPICS");
		for (size_t i = 0; i < st->n_clients; i++) {
			const N2os__Ipc__ClientStats *c = st->clients[i];
			n2_buf_printf(o, "%-18s %7u %10llu %10llu %12llu %12llu %6llu %7u  ",
				      c->name, c->pid, (unsigned long long)c->msgs_in,
				      (unsigned long long)c->msgs_out,
				      (unsigned long long)c->bytes_in,
				      (unsigned long long)c->bytes_out,
				      (unsigned long long)c->drops, c->queued_bytes);
			for (size_t k = 0; k < c->n_topics; k++)
				n2_buf_printf(o, "%s%s", k ? "," : "", c->topics[k]);
			n2_buf_printf(o, "\n");
		}
		n2_buf_printf(o,
			      "Rejected frames: %llu oversized, %llu truncated, %llu undecodable, "
			      "%llu protocol, %llu permission; %llu without destination; %llu "
			      "slow clients disconnected\n",
			      (unsigned long long)st->rejected_oversized,
			      (unsigned long long)st->rejected_truncated,
			      (unsigned long long)st->rejected_undecodable,
			      (unsigned long long)st->rejected_protocol,
			      (unsigned long long)st->rejected_permission,
			      (unsigned long long)st->no_destination,
			      (unsigned long long)st->slow_disconnects);
	}
	n2os__ipc__stats__free_unpacked(st, NULL);
	return 0;
}

int sysview_memory(const uint8_t *buf, size_t len, const char *who, int json, struct n2_buf *o)
{
	N2os__Sys__MemStats *st = n2os__sys__mem_stats__unpack(NULL, len, buf);
	if (!st)
		return -1;
	if (json) {
		n2_buf_printf(o, "{\"process\":");
		n2_buf_json_str(o, who);
		n2_buf_printf(o, ",\"total_bytes\":%llu,\"types\":[",
			      (unsigned long long)st->total_bytes);
		for (size_t i = 0; i < st->n_types; i++) {
			n2_buf_printf(o, "%s{\"name\":", i ? "," : "");
			n2_buf_json_str(o, st->types[i]->name);
			n2_buf_printf(o, ",\"count\":%llu,\"bytes\":%llu}",
				      (unsigned long long)st->types[i]->count,
				      (unsigned long long)st->types[i]->bytes);
		}
		n2_buf_printf(o, "]}\n");
	} else {
		n2_buf_printf(o, "Memory of %s (accounted allocations)\n%-32s %10s %12s\n", who,
			      "TYPE", "COUNT", "BYTES");
		for (size_t i = 0; i < st->n_types; i++)
			n2_buf_printf(o, "%-32s %10llu %12llu\n", st->types[i]->name,
				      (unsigned long long)st->types[i]->count,
				      (unsigned long long)st->types[i]->bytes);
		n2_buf_printf(o, "%-32s %10s %12llu\n", "Total", "",
			      (unsigned long long)st->total_bytes);
	}
	n2os__sys__mem_stats__free_unpacked(st, NULL);
	return 0;
}

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
