#ifndef NIANBAO_CDEFLATE_SHIM_H
#define NIANBAO_CDEFLATE_SHIM_H
// libdeflate: whole-buffer DEFLATE decompression and CRC-32, both several times faster than
// zlib's (the CRC with carry-less multiplication where the processor has it).
#include <libdeflate.h>
#endif
