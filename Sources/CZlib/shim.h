// The system zlib (zlib1g-dev), used to read `.gz` dumps.
#include <zlib.h>
