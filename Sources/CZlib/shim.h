// zlib, for the tests' PNG decoder only (zlib1g-dev comes with libgit2-dev, which the bootstrap installs).
#include <zlib.h>
