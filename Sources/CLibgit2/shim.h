#ifndef ROADMAP_CLIBGIT2_SHIM_H
#define ROADMAP_CLIBGIT2_SHIM_H
#include <git2.h>
#include <sys/types.h>

/* git_libgit2_opts is variadic, which Swift cannot call: one fixed-signature wrapper per option we set. */

/* Skip re-hashing every object read from the object database (libgit2 verifies by default; git does not). */
static inline int roadmap_git_disable_hash_verification(void) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

/* The largest object of `type` that may enter the cache (0 = never cache that type). */
static inline int roadmap_git_set_cache_object_limit(git_object_t type, size_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, bytes);
}

/* The size of one mmap window over a pack file (default 1 GB on 64-bit). */
static inline int roadmap_git_set_mwindow_size(size_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, bytes);
}

/* The most pack data mapped at once across the process (default 8 GB on 64-bit). */
static inline int roadmap_git_set_mwindow_mapped_limit(size_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, bytes);
}

/* Repository format extensions libgit2 should accept besides its own ("noop"). */
static inline int roadmap_git_set_extensions(const char **names, size_t count) {
    return git_libgit2_opts(GIT_OPT_SET_EXTENSIONS, names, count);
}

#endif
