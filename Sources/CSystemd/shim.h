#ifndef NIANBAO_CSYSTEMD_SHIM_H
#define NIANBAO_CSYSTEMD_SHIM_H
// Swift adds CODE_FILE/CODE_LINE itself; keep libsystemd from adding C locations.
#define SD_JOURNAL_SUPPRESS_LOCATION 1
#include <systemd/sd-journal.h>
#include <systemd/sd-daemon.h>
#endif
