#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU; its headers clash with Foundation's ICU module.
   Undefining the flag only drops two trailing pointer fields we never touch. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/entities.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>

/* xmlFree is a global mutable function pointer, which Swift 6 rejects. */
static inline void clibxml2_free(void *ptr) { xmlFree(ptr); }

/* Silences libxml2's default error printing to stderr for the calling thread. */
static void clibxml2_ignore_generic_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void clibxml2_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, clibxml2_ignore_generic_error);
}
#endif
