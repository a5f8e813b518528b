#ifndef ROADMAP_SHA1_H
#define ROADMAP_SHA1_H

#include <stddef.h>
#include <stdint.h>

/// SHA-1, for the checksum git writes at the end of its index file. Not for anything that needs collision
/// resistance: git's own objects are hashed by libgit2 (SHA-1DC); an index trailer only guards against damage.
typedef struct {
    uint32_t state[5];
    uint64_t length;
    uint8_t buffer[64];
    size_t buffered;
    int accelerated;
} roadmap_sha1_context;

/// `accelerated` non-zero uses the CPU's SHA extensions when it has them (x86-64 SHA-NI); zero always uses
/// the portable rounds (the tests hold the two to the same answers).
void roadmap_sha1_init(roadmap_sha1_context *context, int accelerated);
void roadmap_sha1_update(roadmap_sha1_context *context, const void *data, size_t length);
void roadmap_sha1_final(roadmap_sha1_context *context, uint8_t digest[20]);

/// Whether this CPU has the instructions the accelerated rounds use.
int roadmap_sha1_cpu_is_accelerated(void);

#endif
