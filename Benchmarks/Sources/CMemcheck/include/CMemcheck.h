// Valgrind memcheck client requests for the SecretFlow tool (ctgrind, A. Langley 2010): secret bytes are marked
// undefined, and memcheck then reports every branch and memory address computed from them. Without valgrind's
// headers (Debian: valgrind) the requests are no-ops and the tool says so.
#pragma once
#include <stddef.h>

/// Marks `length` bytes at `address` as secret (undefined to memcheck).
void sb_mark_secret(const void *address, size_t length);
/// Marks `length` bytes at `address` as public again (defined), e.g. a signature once computed.
void sb_mark_public(const void *address, size_t length);
/// The number of distinct errors memcheck has reported so far (0 outside valgrind).
unsigned sb_error_count(void);
/// Whether the program runs under valgrind, with the client requests compiled in.
int sb_under_memcheck(void);
