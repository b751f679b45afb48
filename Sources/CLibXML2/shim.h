#ifndef NIANBAO_CLIBXML2_SHIM_H
#define NIANBAO_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; its headers would then pull in the system ICU's <unicode/…>,
// which clashes with the copy Foundation imports. Nothing here touches the ICU converter fields
// (xmlCharEncodingHandler is only ever used through pointers), so keep ICU out of the headers.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/parserInternals.h>
#endif
