/* procmgr's bus adapter (see bus.c). */
#ifndef PROCMGR_BUS_H
#define PROCMGR_BUS_H
#include "supervisor.h"

void procmsg_init(struct sup *s);
void procmsg_bus_up(struct sup *s);
void procmsg_publish_state(struct sup *s, const struct proc *p);
void procmsg_first_up(struct sup *s);
#endif
