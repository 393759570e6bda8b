/* The bus: listens on $RUNDIR/ipc.sock, registers clients by unique name, routes requests and
 * replies by name and fans out published events to subscribers. */
#ifndef IPCMGR_BUS_H
#define IPCMGR_BUS_H
#include <stddef.h>
#include <stdint.h>
#include "loop.h"
#include "frame.h"

/* The bus's limits (docs/limits.md). A client over one is told why (an ERROR frame, seq 0),
 * counted in ipc.stats and disconnected; the bus and the other clients carry on. */
#define BUS_MAX_CLIENTS 64                  /* connections at once, registered or not */
#define BUS_QUEUE_LIMIT (2u * N2_FRAME_MAX) /* bytes waiting for one client: it stopped reading */
#define BUS_MAX_TOPICS 256                  /* subscriptions of one client */
/* Names only ipcmgr's own client (a connection from the bus's own pid) may register or use as
 * an alias: ipc.client events from "ipcmgr" are trusted by every process (lib/member.c). */
#define BUS_RESERVED_NAME "ipcmgr"

struct bus;

/* Creates the listening socket at path (mode 0660, group n2os when it exists). With
 * check_perms, only root and members of the n2os group may connect. */
struct bus *bus_new(struct n2_loop *loop, const char *path, int check_perms);
void bus_free(struct bus *bus);
/* Largest number of bytes that may wait for one client before it counts as stuck. */
void bus_set_queue_limit(struct bus *bus, size_t bytes);

/* Encoded n2os.ipc.Stats for "ipc.stats"; caller frees. */
uint8_t *bus_stats_encode(const struct bus *bus, size_t *len);
/* Encoded n2os.ipc.Members for "ipc.members" (in the order they connected); caller frees. */
uint8_t *bus_members_encode(const struct bus *bus, size_t *len);
#endif
