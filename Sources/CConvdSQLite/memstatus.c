#include <sqlite3.h>
#include "CConvdSQLite.h"

// Debian's SQLite is built with memory statistics on and lookaside omitted, so every one of its
// many small allocations took a process-wide mutex to count bytes nobody reads: about 7% of the
// writer thread. Statistics off, sqlite3_malloc goes straight to malloc.
int convd_sqlite_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
