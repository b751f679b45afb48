#ifndef NIANBAO_CMALLOC_SHIM_H
#define NIANBAO_CMALLOC_SHIM_H
// glibc's malloc_trim, which Swift's Glibc module leaves out: the daemon hands the heap a burst
// left behind back to the kernel once it is idle again.
#include <malloc.h>
#endif
