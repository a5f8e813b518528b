// zlib: for reading commits straight from pack and loose object files (Git/ObjectFiles.swift), and for the
// tests' PNG decoder. zlib1g-dev comes with libgit2-dev, which the bootstrap installs.
#include <zlib.h>
