/* fuzz_cmd_table: feeds one command table, the payload of "cmd.register" that any process on
 * the bus may send to cmdmgr (a packed n2os.cmd.Register), to cmdmgr's registry
 * (managers/cmdmgr/registry.c: reg_owner_table): the syntax parser of each command
 * (cli_syntax.c), its edit templates (template.c), then the matcher on lines made from the
 * table (cli_match.c) and `show running-config` (render.c), which reads a real running
 * configuration (one of each module's settings) back through the table's templates.
 *
 * The whole input is the payload. Beyond "no crash, no leak, no undefined behaviour", it checks:
 *   - a refused table says why; an accepted one holds as many commands as the message;
 *   - every command of an accepted table can be typed: its syntax written back without any
 *     value (cli_syntax_render; possible when it has no required value) is a line that matches
 *     that command, or is ambiguous with another command of the table that has the same words;
 *   - the configuration text rendered through the table starts with "!" and ends with "end". */
#include <string.h>

#include "cmd.pb-c.h"
#include "cmdmgr_fixture.h"
#include "fuzz.h"
#include "render.h"
#include "yang.h"

/* What the running configuration holds: a setting of each module. */
static const char running_json[] =
	"{\"n2os-system:system\":{\"hostname\":\"r1\",\"logging\":{\"process\":"
	"[{\"name\":\"vrrp\",\"level\":\"debug\"}]}},"
	"\"n2os-interfaces:interfaces\":{\"interface\":[{\"name\":\"eth1\",\"mtu\":1400,"
	"\"description\":\"uplink\",\"ipv4\":{\"address\":[{\"ip\":\"192.0.2.10/24\"},"
	"{\"ip\":\"192.0.2.11/24\",\"secondary\":true}]}}]},"
	"\"n2os-routing:routing\":{\"static\":{\"route\":[{\"prefix\":\"198.51.100.0/24\","
	"\"next-hop\":\"192.0.2.254\",\"distance\":5}]}},"
	"\"n2os-vrrp:vrrp\":{\"interface\":[{\"name\":\"eth1\",\"vrrp-instance\":[{\"vrid\":1,"
	"\"priority\":200,\"virtual-ipv4-addresses\":{\"virtual-ipv4-address\":"
	"[{\"ipv4-address\":\"192.0.2.1\"}]}}]}]}}";

static void can_be_typed(struct registry *r)
{
	for (int n = NODE_EXEC; n < NODE_COUNT; n++) {
		const struct cli_cmd *const *cmds;
		size_t nc = reg_node_cmds(r, (enum node)n, &cmds);
		for (size_t i = 0; i < nc; i++) {
			char line[1024];
			if (cli_syntax_render(cmds[i]->syntax, NULL, 0, line, sizeof(line)) < 0)
				continue;
			struct cli_match *m = calloc(1, sizeof(*m));
			FUZZ_CHECK(m);
			cli_match_line(cmds, nc, line, m);
			if (m->result != CLI_OK && m->result != CLI_AMBIGUOUS)
				fprintf(stderr,
					"fuzz_cmd_table: '%s' (node %s) as '%s': result %d\n",
					cmds[i]->syntax, node_name((enum node)n), line, m->result);
			FUZZ_CHECK(m->result == CLI_OK || m->result == CLI_AMBIGUOUS);
			free(m);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cmdmgr *cm;
	if (!cm) {
		cm = fuzz_cmdmgr_setup("fuzz_cmd_table", 1);
		char err[512];
		if (n2_yang_parse(cm->ds.ctx, running_json, &cm->ds.running, err, sizeof(err)) <
		    0) {
			fprintf(stderr, "fuzz_cmd_table: the running configuration: %s\n", err);
			abort();
		}
	}
	struct registry r = {0}; /* the table alone: nothing is left from one input to the next */
	char err[512] = "";
	if (reg_owner_table(&r, "fuzzd", data, size, err, sizeof(err)) < 0) {
		FUZZ_CHECK(err[0] && memchr(err, 0, sizeof(err)));
		reg_fini(&r);
		return 0;
	}
	N2os__Cmd__Register *msg = n2os__cmd__register__unpack(NULL, size, data);
	FUZZ_CHECK(msg);
	FUZZ_CHECK(reg_owner_count(&r, "fuzzd") == msg->n_commands);
	n2os__cmd__register__free_unpacked(msg, NULL);
	can_be_typed(&r);
	struct n2_buf out;
	n2_buf_init(&out);
	int unrendered = 0;
	render_config(&r, cm->ds.running, &out, &unrendered);
	const char *text = n2_buf_str(&out);
	FUZZ_CHECK(text[0] == '!' && strlen(text) >= 4 &&
		   !strcmp(text + strlen(text) - 4, "end\n"));
	n2_buf_fini(&out);
	reg_fini(&r);
	return 0;
}
