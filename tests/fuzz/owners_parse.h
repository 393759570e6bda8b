/* pifmgr's and ribmgr's parsers of their configuration, for fuzz_startup (owners_parse.c). */
#ifndef FUZZ_OWNERS_PARSE_H
#define FUZZ_OWNERS_PARSE_H
void fuzz_owners_parse(const char *interfaces_json, const char *routing_json);
#endif
