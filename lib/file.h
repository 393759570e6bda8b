/* Replacing a file atomically: the whole new content, or the old file untouched. Every file n2os
 * rewrites (the startup configuration, running.json, the saved command tables, pifmgr's state)
 * goes through here, so that a full disk or a crash in the middle never leaves half a file. */
#ifndef N2_FILE_H
#define N2_FILE_H
#include <stddef.h>
#include <sys/types.h>

/* Writes data to "PATH.tmp" in the same directory (created with `mode`), fsyncs it, renames it
 * over path and fsyncs the directory. Returns 0, or -1 with errno set and in err a sentence
 * naming path and the reason (e.g. "/etc/n2os/n2os.conf: No space left on device"); the old
 * file is then unchanged and the temporary file removed. */
int n2_file_replace(const char *path, const void *data, size_t len, mode_t mode, char *err,
		    size_t errlen);
#endif
