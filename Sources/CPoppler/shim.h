#ifndef NIANBAO_CPOPPLER_SHIM_H
#define NIANBAO_CPOPPLER_SHIM_H
// poppler's GLib interface (libpoppler-glib-dev): documents loaded from memory, pages' text
// with one rectangle per character.
#include <poppler.h>
#endif
