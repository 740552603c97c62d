/*
 * Preloaded after AddressSanitizer's runtime into a PostgreSQL server that
 * was not built with it (tools/memcheck.sh).  Without it, Debian's postgres
 * hangs at start in bindtextdomain():
 *
 * libgpg-error (which postgres loads through libsystemd and libgcrypt) calls
 * bindtextdomain() in its constructor, which may run before the runtime's
 * own.  bindtextdomain() write-locks glibc's gettext lock and calls malloc();
 * ASan's malloc initialises the runtime there and then, and its start-up
 * looks up the optional symbol swift_demangle with dlsym().  The failed
 * look-up leaves an error that dlerror() translates with dcgettext(), which
 * read-locks the same gettext lock in the same thread: the lock's reader
 * count goes below zero (gdb: _nl_state_lock.__data.__readers = -8 at
 * main()), and postgres's own bindtextdomain() in main() then waits for it
 * forever.  With swift_demangle defined the look-up succeeds, dlerror() has
 * nothing to translate and the lock is never touched.
 *
 * It never demangles anything (NULL: ASan prints the name as it is).
 */
#include <stddef.h>
#include <stdint.h>

char	   *swift_demangle(const char *mangled, size_t mangled_len, char *out, size_t *out_len, uint32_t flags);

char *
swift_demangle(const char *mangled, size_t mangled_len, char *out, size_t *out_len, uint32_t flags)
{
	(void) mangled;
	(void) mangled_len;
	(void) out;
	(void) out_len;
	(void) flags;
	return NULL;
}
