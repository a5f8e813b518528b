#ifndef ROADMAP_LIBGIT2_STARTUP_H
#define ROADMAP_LIBGIT2_STARTUP_H

/// How many times libgit2's start-up asked mbedTLS to parse a certificate file (and was told "done"): a
/// test checks that these calls are answered here (skip_certificates.c says why).
int roadmap_certificate_files_skipped(void);
/// How many times it asked libssh2 to start (and was told "done").
int roadmap_ssh_starts_skipped(void);

#endif
