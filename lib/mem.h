/* Memory accounting by named type: every allocation goes through n2_malloc(MT_X, ...) so a process
 * can report count and bytes per type (`show memory <process>`). */
#ifndef N2_MEM_H
#define N2_MEM_H
#include <stddef.h>
#include <stdint.h>

struct n2_mtype {
	const char *name;
	uint64_t count, bytes;
	struct n2_mtype *next;
};

/* Defines a static memory type and registers it at load time. */
#define N2_MTYPE(var, label)                                          \
	static struct n2_mtype var##_s = {label, 0, 0, NULL};         \
	static struct n2_mtype *const var = &var##_s;                 \
	__attribute__((constructor)) static void var##_register(void) \
	{                                                             \
		n2_mtype_register(var);                               \
	}

void n2_mtype_register(struct n2_mtype *mt);
void *n2_malloc(struct n2_mtype *mt, size_t size);
void *n2_calloc(struct n2_mtype *mt, size_t n, size_t size);
void *n2_realloc(struct n2_mtype *mt, void *p, size_t size);
char *n2_strdup(struct n2_mtype *mt, const char *s);
void n2_free(struct n2_mtype *mt, void *p);
/* Iterates registered types (including ones with nothing allocated). */
void n2_mtype_foreach(void (*fn)(const struct n2_mtype *mt, void *arg), void *arg);
#endif
