#include "CMemcheck.h"

#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
void sb_mark_secret(const void *address, size_t length) { VALGRIND_MAKE_MEM_UNDEFINED(address, length); }
void sb_mark_public(const void *address, size_t length) { VALGRIND_MAKE_MEM_DEFINED(address, length); }
unsigned sb_error_count(void) { return VALGRIND_COUNT_ERRORS; }
int sb_under_memcheck(void) { return RUNNING_ON_VALGRIND; }
#else
void sb_mark_secret(const void *address, size_t length) { (void)address; (void)length; }
void sb_mark_public(const void *address, size_t length) { (void)address; (void)length; }
unsigned sb_error_count(void) { return 0; }
int sb_under_memcheck(void) { return 0; }
#endif
