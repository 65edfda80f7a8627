/* bun_lock.c — bun.lock (JSON with trailing commas). */
#include "readers.h"

void pv_read_bun_lock(pv_inv_ctx *c, const pv_file *f, pv_roots *rt) { (void)c, (void)f, (void)rt; }
