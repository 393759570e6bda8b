/* Text and JSON views of procmgr's process status (n2os.proc.Status), shared by `n2os status`
 * and cmsh's `show processes`. */
#ifndef N2_PROCVIEW_H
#define N2_PROCVIEW_H
#include <stddef.h>
#include <stdint.h>
#include "buf.h"

/* Formats a packed Status; returns 0 (and *all_running), or -1 when it does not decode. */
int n2_procview(const uint8_t *buf, size_t len, int json, struct n2_buf *out, int *all_running);
#endif
