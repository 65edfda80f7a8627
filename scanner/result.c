/* result.c — see result.h. */
#include "result.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *pv_vec_push(pv_vec *v, const void *elem) {
  if (v->len == v->cap) {
    size_t cap = v->cap ? v->cap * 2 : 16;
    void *p = realloc(v->items, cap * v->elem);
    if (p == NULL)
      return NULL;
    v->items = p;
    v->cap = cap;
  }
  void *slot = (char *)v->items + v->len * v->elem;
  memcpy(slot, elem, v->elem);
  v->len++;
  return slot;
}

void pv_vec_free(pv_vec *v) {
  free(v->items);
  v->items = NULL;
  v->len = v->cap = 0;
}

pv_result *pv_result_new(const char *input) {
  pv_result *r = calloc(1, sizeof *r);
  if (r == NULL)
    return NULL;
  r->arena = pv_arena_new(0);
  if (r->arena == NULL || (r->input = pv_arena_strdup(r->arena, input)) == NULL) {
    pv_arena_delete(r->arena);
    free(r);
    return NULL;
  }
  r->files.elem = sizeof(pv_file *);
  r->findings.elem = sizeof(pv_finding);
  r->notes.elem = sizeof(pv_note);
  r->kind = "unknown";
  return r;
}

void pv_result_delete(pv_result *r) {
  if (r == NULL)
    return;
  pv_vec_free(&r->files);
  pv_vec_free(&r->findings);
  pv_vec_free(&r->notes);
  pv_arena_delete(r->data);
  pv_arena_delete(r->arena);
  free(r);
}

void *pv_result_data_alloc(pv_result *r, size_t n) {
  if (r->data == NULL && (r->data = pv_arena_new(0)) == NULL)
    return NULL;
  return pv_arena_alloc(r->data, n);
}

void pv_result_drop_data(pv_result *r) {
  for (size_t i = 0; i < r->files.len; i++)
    pv_result_file(r, i)->data = NULL;
  pv_arena_delete(r->data);
  r->data = NULL;
}

pv_file *pv_result_add_file(pv_result *r, const pv_file *f) {
  pv_file *copy = pv_arena_alloc(r->arena, sizeof *copy);
  if (copy == NULL)
    return NULL;
  *copy = *f;
  return pv_vec_push(&r->files, &copy) ? copy : NULL;
}

pv_finding *pv_result_add_finding(pv_result *r, const pv_finding *f, const pv_limits *lim) {
  if (lim != NULL && r->findings.len >= lim->findings) {
    if (r->findings_dropped++ == 0)
      pv_result_note(r, PV_NOTE_WARNING, "too-many-findings", NULL,
                     "%s: more than %u findings; the rest are not reported", r->input,
                     (unsigned)lim->findings);
    return NULL;
  }
  return pv_vec_push(&r->findings, f);
}

static void note_v(pv_result *r, pv_note_level level, const char *id, const char *path,
                   const char *fmt, va_list ap) {
  char msg[1024];
  vsnprintf(msg, sizeof msg, fmt, ap);
  pv_note n = {.level = level, .id = id, .path = path, .message = pv_arena_strdup(r->arena, msg)};
  if (n.message != NULL)
    pv_vec_push(&r->notes, &n);
}

void pv_result_note(pv_result *r, pv_note_level level, const char *id, const char *path,
                    const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  note_v(r, level, id, path, fmt, ap);
  va_end(ap);
}

void pv_result_partial(pv_result *r, const char *id, const char *path, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  r->partial++;
  note_v(r, PV_NOTE_WARNING, id, path, fmt, ap);
  va_end(ap);
}

/* a + sep + b (sep only when both are non-empty); malloc'd. */
static char *join_path(const char *a, const char *sep, const char *b) {
  size_t na = strlen(a), ns = strlen(sep), nb = strlen(b);
  char *s = malloc(na + ns + nb + 1);
  if (s == NULL)
    return NULL;
  memcpy(s, a, na);
  size_t k = na;
  if (na > 0 && nb > 0) {
    memcpy(s + k, sep, ns);
    k += ns;
  }
  memcpy(s + k, b, nb + 1);
  return s;
}

char *pv_result_root_path(const pv_result *r, const char *path, int with_archive) {
  if (r->root_from != NULL && r->root_to != NULL) {
    size_t n = strlen(r->root_from);
    if (n == 0)
      return join_path(r->root_to, "/", path);
    if (strncmp(path, r->root_from, n) == 0 && (path[n] == '\0' || path[n] == '/'))
      return join_path(r->root_to, "/", path[n] == '/' ? path + n + 1 : path + n);
  }
  if (with_archive && r->root_archive != NULL && strcmp(path, r->input) == 0)
    return strdup(r->root_archive); /* a finding about the archive itself */
  if (with_archive && r->root_archive != NULL)
    return join_path(r->root_archive, "!/", path);
  return strdup(path);
}

void pv_result_fail(pv_result *r, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  r->status = PV_INPUT_ERROR;
  r->error = pv_arena_strdup(r->arena, msg);
  pv_result_note(r, PV_NOTE_ERROR, "input-error", NULL, "%s", msg);
}
