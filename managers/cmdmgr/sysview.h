/* The system views' formatting, pure: the answers of ipcmgr (ipc.Stats) and of any process
 * (sys.MemStats, sys.LogLines) as cmsh shows them, for `show ipc [json]`, `show memory NAME
 * [json]` and `show log NAME`. Each appends to out and returns 0, or -1 (nothing written) when
 * the answer does not decode. `who` is the process that answered. */
#ifndef CMDMGR_SYSVIEW_H
#define CMDMGR_SYSVIEW_H
#include <stddef.h>
#include <stdint.h>
#include "buf.h"

int sysview_ipc(const uint8_t *buf, size_t len, int json, struct n2_buf *out);
int sysview_memory(const uint8_t *buf, size_t len, const char *who, int json, struct n2_buf *out);
int sysview_log(const uint8_t *buf, size_t len, const char *who, struct n2_buf *out);
#endif
