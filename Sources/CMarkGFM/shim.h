#ifndef ROADMAP_CMARK_GFM_SHIM_H
#define ROADMAP_CMARK_GFM_SHIM_H
/* GitHub's Markdown parser and its core extensions (table, tasklist); imported by Sources/RoadmapKit/Markdown only. */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#endif
