#ifndef ROADMAP_CLIBGIT2_SHIM_H
#define ROADMAP_CLIBGIT2_SHIM_H
#include <git2.h>
#endif
