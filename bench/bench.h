/* bus_bench: shared declarations of the IPC bus benchmark. A benchmark, not a test: it runs a real
 * ipcmgr in a private run directory, a responder process and a requester (this process), and
 * prints figures. */
#ifndef N2_BENCH_H
#define N2_BENCH_H
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "ipc.h"

#define BENCH_RESPONDER "bench-responder"
#define BENCH_REQUESTER "bench-requester"
#define BENCH_ECHO "bench.echo"   /* request: answered with the same payload */
#define BENCH_COUNT "bench.count" /* request: answered with "EVENTS BADLEN" in decimal text */
#define BENCH_TOPIC "bench.flood" /* events the responder counts */
#define BENCH_TIMEOUT_MS 10000u
/* Flood: unconfirmed events stay under this many bytes, far below the bus's per-client queue
 * limit, so the subscriber is never disconnected as a slow reader. */
#define BENCH_WINDOW_BYTES (1u << 20)

struct bench_opts {
	unsigned long count;      /* sequential round trips */
	unsigned long events;     /* events published in the flood */
	unsigned long window;     /* a synchronising request after this many events */
	unsigned long iterations; /* encode/decode loop of the codec figures */
	size_t payload;           /* bytes per request and per event */
};

struct bench {
	const struct bench_opts *o;
	struct n2_loop *loop;
	struct n2_ipc *ipc;
	pid_t ipcmgr, responder;
	uint8_t *payload;
};

/* bench_spawn.c */
/* Creates a fresh directory under $TMPDIR (default /tmp). */
int bench_rundir_make(char *dir, size_t len);
/* Removes the files in dir, then dir. */
void bench_rundir_remove(const char *dir);
/* Runs `ipcmgr --foreground --rundir dir` (found next to this program), its output in
 * dir/ipcmgr.log; it gets SIGTERM if we die. Returns its pid (program path in path), or -1. */
pid_t bench_ipcmgr_start(const char *dir, char *path, size_t len);
/* SIGTERM, then SIGKILL after 5 s; reaps the child. Returns its wait status, or -1. */
int bench_stop(pid_t pid);
/* CPU time (user + system) a process has used, microseconds; pid 0 is this process. */
uint64_t bench_cpu_us(pid_t pid);
/* Copies dir/name to stderr (ipcmgr's log when it did not come up). */
void bench_dump_file(const char *dir, const char *name);

/* bench_responder.c */
/* The responder process: echoes BENCH_ECHO, counts BENCH_TOPIC events, answers BENCH_COUNT,
 * stops on SIGTERM. Returns the exit status. */
int bench_responder_run(const char *sockpath, size_t payload);

/* bench_bus.c */
int bench_wait_responder(struct bench *b, unsigned timeout_ms);
/* (a) sequential request/reply round trips. */
int bench_latency(struct bench *b);
/* (b) one-way publish/subscribe throughput. */
int bench_flood(struct bench *b);

/* bench_codec.c */
struct bench_codec {
	size_t request_len, event_len; /* packed envelope sizes, without the frame header */
	double encode_ns, queue_ns, decode_ns;
};
/* (c) envelope size and protobuf-c pack/unpack cost; measured first, while the heap is fresh
 * (large payloads are copied, and memcpy speed depends on where the heap put the buffers). */
int bench_codec_measure(const struct bench_opts *o, const uint8_t *payload, struct bench_codec *r);
void bench_codec_print(const struct bench_opts *o, const struct bench_codec *r);
#endif
