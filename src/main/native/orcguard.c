/*
 * liborcguard: makes liborc's code memory safe for libvips' many render threads.
 *
 * liborc 0.4.33 (Debian 12) keeps the machine code of compiled programs in a list of chunks that
 * orc_program_compile changes under a lock and orc_program_free changes without one. libvips 8.14 compiles
 * its vector programs (reducev, convi, morph) when an operation is built and frees them when it is finalised,
 * on whichever thread drops the last reference: one thread's free merges chunks while another's compile walks
 * them, and the process dies in orc_code_allocate_codemem or in malloc.
 *
 * Preloaded (LD_PRELOAD) by ./tessera, this library comes first in every lookup scope, so libvips' calls of
 * the two functions land here and run one at a time. Tessera turns libvips' vector paths off when this
 * library is not in the process (dev.tessera.vips.OrcGuard).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t code_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t resolved = PTHREAD_ONCE_INIT;
static int (*orc_compile)(void *program);
static void (*orc_free)(void *program);

/* liborc is a dependency of libvips, which the JVM opens with its own scope: look it up by name. */
static void resolve(void) {
    void *orc = dlopen("liborc-0.4.so.0", RTLD_NOW | RTLD_NOLOAD);
    if (orc == NULL) orc = dlopen("liborc-0.4.so.0", RTLD_NOW);
    if (orc != NULL) {
        orc_compile = (int (*)(void *)) dlsym(orc, "orc_program_compile");
        orc_free = (void (*)(void *)) dlsym(orc, "orc_program_free");
    }
    if (orc_compile == NULL || orc_free == NULL) {
        fprintf(stderr, "liborcguard: liborc-0.4.so.0 or its functions not found: %s\n", dlerror());
        abort();
    }
}

int orc_program_compile(void *program) {
    pthread_once(&resolved, resolve);
    pthread_mutex_lock(&code_lock);
    int result = orc_compile(program);
    pthread_mutex_unlock(&code_lock);
    return result;
}

void orc_program_free(void *program) {
    pthread_once(&resolved, resolve);
    pthread_mutex_lock(&code_lock);
    orc_free(program);
    pthread_mutex_unlock(&code_lock);
}
