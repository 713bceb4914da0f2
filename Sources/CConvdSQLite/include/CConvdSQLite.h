#ifndef CCONVD_SQLITE_H
#define CCONVD_SQLITE_H

/// Turns off SQLite's process-wide memory statistics before the first connection opens.
/// Returns SQLite's result code: SQLITE_OK, or SQLITE_MISUSE when SQLite was already in use
/// (then nothing changed). sqlite3_config is variadic, so Swift cannot call it directly.
int convd_sqlite_disable_memstatus(void);

#endif
