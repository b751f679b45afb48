// libxlsxwriter (Debian: libxlsxwriter-dev): writes .xlsx files for `nianbao export --format xlsx`.
#include <xlsxwriter.h>
