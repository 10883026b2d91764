#ifndef SEALBRIDGE_CLIBXML2_SHIM_H
#define SEALBRIDGE_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, so <libxml/encoding.h> pulls the system's <unicode/ucnv.h>, which clashes with the
   ICU that Swift's Foundation carries (_FoundationICU: "enum UErrorCode ... is not present"). Sealbridge never touches
   the ICU members of xmlCharEncodingHandler (only pointers to it), so the headers are read without them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/c14n.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>

/* xmlFree is a C global (a function pointer); Swift 6 refuses to touch shared mutable state, so call it here. */
static inline void sealbridge_xmlFree(void *pointer) { xmlFree(pointer); }

/* The node type sits at the same offset in xmlNode, xmlAttr and xmlNs (the C14N visibility callback gets all three
   as xmlNodePtr); reading it here keeps Swift from loading an xmlNs as a whole xmlNode. */
static inline xmlElementType sealbridge_xmlNodeKind(const void *node) {
    return ((const xmlNode *)node)->type;
}
#endif
