#include <sqlite3.h>

/// sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0): stops SQLite counting memory use, which takes a
/// global mutex on every allocation. sqlite3_config is variadic, so Swift cannot call it; it
/// must run before SQLite initializes (the first connection opens), else SQLITE_MISUSE.
static inline int clout_sqlite3_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
