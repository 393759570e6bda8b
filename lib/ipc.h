/* IPC client: connect to the bus ($RUNDIR/ipc.sock), register a name, send requests and await
 * replies (sequence numbers, timeouts), answer requests, publish and subscribe to topics.
 * Reconnects by itself when the bus restarts, and then re-registers and re-subscribes. */
#ifndef N2_IPC_H
#define N2_IPC_H
#include <stddef.h>
#include <stdint.h>
#include "loop.h"
#include "member.h"
#include "msg.h"

struct n2_ipc;

/* Most bytes a client's own output queue to the bus holds; beyond it requests and publishes
 * are refused (-1, ENOBUFS) and nothing is sent. */
#define N2_IPC_QUEUE_LIMIT (16u << 20)

/* Result codes handed to reply callbacks. */
enum {
	N2_IPC_OK = 0,
	N2_IPC_EREMOTE = -1,  /* the destination (or the bus) answered with an error: rep->error */
	N2_IPC_ETIMEOUT = -2, /* no answer within the timeout; rep is NULL */
	N2_IPC_EDOWN = -3,    /* the bus connection was lost; rep is NULL */
};

typedef void (*n2_ipc_handler)(struct n2_ipc *ipc, const struct n2_msg *req, void *arg);
typedef void (*n2_ipc_reply_cb)(struct n2_ipc *ipc, int status, const struct n2_msg *rep,
				void *arg);
typedef void (*n2_ipc_event_cb)(struct n2_ipc *ipc, const struct n2_msg *ev, void *arg);
typedef void (*n2_ipc_state_cb)(struct n2_ipc *ipc, int up, void *arg);
/* The answer to n2_ipc_members: n members (n < 0: no answer or a malformed one). */
typedef void (*n2_ipc_members_cb)(const struct n2_member *members, int n, void *arg);
/* One membership event: m->up says whether it came or went. m and its strings last for the call. */
typedef void (*n2_ipc_member_cb)(const struct n2_member *m, void *arg);

/* Default path of the bus socket for a run directory (buf of at least 108 bytes). */
int n2_ipc_sock_path(const char *rundir, char *buf, size_t len);

struct n2_ipc *n2_ipc_new(struct n2_loop *loop, const char *sockpath, const char *name);
/* Other names the client answers to (NULL-terminated, at most N2_IPC_MAX_ALIASES; the array
 * must outlive the client), sent with every registration: the bus routes requests addressed
 * to an alias to this client. Call before n2_ipc_start. */
void n2_ipc_set_aliases(struct n2_ipc *ipc, const char *const *aliases);
/* Asks ipcmgr who is on the bus now ("ipc.members"); cb gets the list once. */
int n2_ipc_members(struct n2_ipc *ipc, unsigned timeout_ms, n2_ipc_members_cb cb, void *arg);
/* Calls cb for every member that comes onto the bus or leaves it (the "ipc.client" events, kept
 * across reconnects), for as long as the client lives; up to 8 watchers, called in the order
 * they were added. An event that is malformed or not from ipcmgr reaches no watcher: it is
 * counted (n2_ipc_member_drops) and logged at a bounded rate. */
int n2_ipc_watch_members(struct n2_ipc *ipc, n2_ipc_member_cb cb, void *arg);
uint64_t n2_ipc_member_drops(const struct n2_ipc *ipc);
void n2_ipc_free(struct n2_ipc *ipc);
const char *n2_ipc_name(const struct n2_ipc *ipc);
/* Called with up=1 once registered (again after each reconnect) and up=0 when the bus is lost. */
void n2_ipc_set_state_cb(struct n2_ipc *ipc, n2_ipc_state_cb cb, void *arg);
/* Adds another listener for the same events (for library modules such as cmdreg); up to 8. */
int n2_ipc_add_state_cb(struct n2_ipc *ipc, n2_ipc_state_cb cb, void *arg);
/* Reconnect automatically (default on; tools turn it off). */
void n2_ipc_set_reconnect(struct n2_ipc *ipc, int on);
/* Starts connecting; the state callback reports success. */
void n2_ipc_start(struct n2_ipc *ipc);
int n2_ipc_is_up(const struct n2_ipc *ipc);
/* Last registration failure reported by the bus ("" if none). */
const char *n2_ipc_last_error(const struct n2_ipc *ipc);

/* Handler for requests of `type` (replaces an earlier one). */
int n2_ipc_handle(struct n2_ipc *ipc, const char *type, n2_ipc_handler fn, void *arg);
/* Subscribes to topic; kept across reconnects. Several listeners may share a topic (each called
 * in turn); unsubscribe removes them all. */
int n2_ipc_subscribe(struct n2_ipc *ipc, const char *topic, n2_ipc_event_cb cb, void *arg);
void n2_ipc_unsubscribe(struct n2_ipc *ipc, const char *topic);

/* Sends a request; cb is called exactly once (reply, error, timeout or loss of the bus) unless
 * this returns -1, in which case it is never called: errno ENOTCONN (not registered), EMSGSIZE
 * (the frame would be over N2_FRAME_MAX), ENOBUFS (N2_IPC_QUEUE_LIMIT reached). */
int n2_ipc_request(struct n2_ipc *ipc, const char *dst, const char *type, const void *payload,
		   size_t len, unsigned timeout_ms, n2_ipc_reply_cb cb, void *arg);
int n2_ipc_reply(struct n2_ipc *ipc, const struct n2_msg *req, const void *payload, size_t len);
int n2_ipc_reply_error(struct n2_ipc *ipc, const struct n2_msg *req, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int n2_ipc_publish(struct n2_ipc *ipc, const char *topic, const void *payload, size_t len);

/* For command-line tools: blocks (running the loop) until registered, or fails after timeout. */
int n2_ipc_connect_wait(struct n2_ipc *ipc, unsigned timeout_ms);
/* Blocking request for tools. On N2_IPC_OK *reply (malloc'd) and *rlen hold the payload; on
 * N2_IPC_EREMOTE err holds the error text. */
int n2_ipc_call(struct n2_ipc *ipc, const char *dst, const char *type, const void *payload,
		size_t len, unsigned timeout_ms, uint8_t **reply, size_t *rlen, char *err,
		size_t errlen);
#endif
