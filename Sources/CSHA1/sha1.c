#include "roadmap_sha1.h"

#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

static inline uint32_t rotate_left(uint32_t value, int count) {
    return (value << count) | (value >> (32 - count));
}

static void portable_blocks(uint32_t state[5], const uint8_t *data, size_t blocks) {
    for (; blocks > 0; blocks--, data += 64) {
        uint32_t w[80];
        for (int t = 0; t < 16; t++) {
            w[t] = (uint32_t)data[4 * t] << 24 | (uint32_t)data[4 * t + 1] << 16
                 | (uint32_t)data[4 * t + 2] << 8 | (uint32_t)data[4 * t + 3];
        }
        for (int t = 16; t < 80; t++) {
            w[t] = rotate_left(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        }
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
        for (int t = 0; t < 80; t++) {
            uint32_t f, k;
            if (t < 20) { f = (b & c) | (~b & d); k = 0x5A827999; }
            else if (t < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1; }
            else if (t < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC; }
            else { f = b ^ c ^ d; k = 0xCA62C1D6; }
            uint32_t next = rotate_left(a, 5) + f + e + k + w[t];
            e = d; d = c; c = rotate_left(b, 30); b = a; a = next;
        }
        state[0] += a; state[1] += b; state[2] += c; state[3] += d; state[4] += e;
    }
}

#if defined(__x86_64__)
int roadmap_sha1_cpu_is_accelerated(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    int ssse3 = (ecx >> 9) & 1, sse41 = (ecx >> 19) & 1;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    int sha = (ebx >> 29) & 1;
    return ssse3 && sse41 && sha;
}

// Four rounds per step, twenty steps a block. Message vector k >= 4 comes from the four before it:
// msg2(msg1(m[k-4], m[k-3]) ^ m[k-2], m[k-1]). E for step k is A from before step k-1, rotated (nexte),
// plus the step's words.
#define MESSAGE(k) m[(k) % 4] = _mm_sha1msg2_epu32(                                                   \
        _mm_xor_si128(_mm_sha1msg1_epu32(m[(k) % 4], m[((k) + 1) % 4]), m[((k) + 2) % 4]), m[((k) + 3) % 4])
#define STEP(k) do {                                                                                   \
        if ((k) >= 4) MESSAGE(k);                                                                      \
        e = _mm_sha1nexte_epu32(previous, m[(k) % 4]);                                                 \
        previous = abcd;                                                                               \
        abcd = _mm_sha1rnds4_epu32(abcd, e, (k) / 5);                                                  \
    } while (0)

__attribute__((target("sha,sse4.1,ssse3")))
static void accelerated_blocks(uint32_t state[5], const uint8_t *data, size_t blocks) {
    // Bytes reversed: big-endian words become native ones, and word 0 lands in the top lane next to A.
    const __m128i reverse = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
    __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)state), 0x1B);
    __m128i e_in = _mm_set_epi32((int)state[4], 0, 0, 0);
    for (; blocks > 0; blocks--, data += 64) {
        __m128i abcd_saved = abcd, e_saved = e_in, m[4], e, previous;
        for (int i = 0; i < 4; i++) {
            m[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), reverse);
        }
        e = _mm_add_epi32(e_in, m[0]);
        previous = abcd;
        abcd = _mm_sha1rnds4_epu32(abcd, e, 0);
        STEP(1); STEP(2); STEP(3); STEP(4); STEP(5); STEP(6); STEP(7); STEP(8); STEP(9); STEP(10);
        STEP(11); STEP(12); STEP(13); STEP(14); STEP(15); STEP(16); STEP(17); STEP(18); STEP(19);
        e_in = _mm_sha1nexte_epu32(previous, e_saved);
        abcd = _mm_add_epi32(abcd, abcd_saved);
    }
    _mm_storeu_si128((__m128i *)state, _mm_shuffle_epi32(abcd, 0x1B));
    state[4] = (uint32_t)_mm_extract_epi32(e_in, 3);
}
#else
int roadmap_sha1_cpu_is_accelerated(void) { return 0; }
#endif

static void blocks(roadmap_sha1_context *context, const uint8_t *data, size_t count) {
#if defined(__x86_64__)
    if (context->accelerated) {
        accelerated_blocks(context->state, data, count);
        return;
    }
#endif
    portable_blocks(context->state, data, count);
}

void roadmap_sha1_init(roadmap_sha1_context *context, int accelerated) {
    static const uint32_t initial[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    memcpy(context->state, initial, sizeof initial);
    context->length = 0;
    context->buffered = 0;
    context->accelerated = accelerated && roadmap_sha1_cpu_is_accelerated();
}

void roadmap_sha1_update(roadmap_sha1_context *context, const void *data, size_t length) {
    const uint8_t *bytes = data;
    context->length += length;
    if (context->buffered > 0) {
        size_t take = 64 - context->buffered < length ? 64 - context->buffered : length;
        memcpy(context->buffer + context->buffered, bytes, take);
        context->buffered += take;
        bytes += take;
        length -= take;
        if (context->buffered < 64) return;
        blocks(context, context->buffer, 1);
        context->buffered = 0;
    }
    blocks(context, bytes, length / 64);
    bytes += length - length % 64;
    memcpy(context->buffer, bytes, length % 64);
    context->buffered = length % 64;
}

void roadmap_sha1_final(roadmap_sha1_context *context, uint8_t digest[20]) {
    uint64_t bits = context->length * 8;
    uint8_t padding[72] = {0x80};
    size_t padded = context->buffered < 56 ? 56 - context->buffered : 120 - context->buffered;
    uint8_t length[8];
    for (int i = 0; i < 8; i++) length[i] = (uint8_t)(bits >> (56 - 8 * i));
    roadmap_sha1_update(context, padding, padded);
    roadmap_sha1_update(context, length, 8);
    for (int i = 0; i < 5; i++) {
        digest[4 * i] = (uint8_t)(context->state[i] >> 24);
        digest[4 * i + 1] = (uint8_t)(context->state[i] >> 16);
        digest[4 * i + 2] = (uint8_t)(context->state[i] >> 8);
        digest[4 * i + 3] = (uint8_t)context->state[i];
    }
}
