// roadmap never talks to a network: it reads a local repository. Debian's libgit2 1.5 nevertheless sets up
// its network transports when it starts (git_libgit2_init):
// * the HTTPS one parses every system CA certificate (git_mbedtls_stream_global_init ->
//   mbedtls_x509_crt_parse_file("/etc/ssl/certs/ca-certificates.crt")): ~7 ms of every run, measured;
// * the SSH one starts libssh2, which starts OpenSSL (libssh2_init): ~1.5 ms more, and OpenSSL's clean-up
//   at exit is what crashed a process that exited while this start-up ran on another thread.
//
// This target is linked statically into every binary built on RoadmapKit (roadmap, its tests, the fuzz
// tools), and a binary's own definitions come first in the dynamic linker's search, so libgit2's calls
// land here and do nothing. Should anything ever try a connection, TLS would find no
// trusted certificate and SSH an uninitialised library: it fails, closed. A libgit2 built otherwise
// (OpenSSL for HTTPS, no SSH) never calls these, and nothing changes.
#include "roadmap_libgit2_startup.h"

#include <stdatomic.h>

static atomic_int skipped;
static atomic_int skipped_ssh;

int mbedtls_x509_crt_parse_file(void *chain, const char *path) {
    (void)chain;
    (void)path;
    atomic_fetch_add(&skipped, 1);
    return 0;
}

int libssh2_init(int flags) {
    (void)flags;
    atomic_fetch_add(&skipped_ssh, 1);
    return 0;
}

int roadmap_ssh_starts_skipped(void) {
    return atomic_load(&skipped_ssh);
}

int roadmap_certificate_files_skipped(void) {
    return atomic_load(&skipped);
}
