/* pnpm_lock.c — pnpm-lock.yaml 5.x, 6.x and 9.x. */
#include "readers.h"

void pv_read_pnpm_lock(pv_inv_ctx *c, const pv_file *f, pv_roots *rt) { (void)c, (void)f, (void)rt; }
