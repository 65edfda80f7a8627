/* render.h — taint across the render boundary: from the locals a route
 * hands a view (Express res.render('view', locals), Koa views
 * ctx.render('view', locals), Fastify point-of-view reply.view('view',
 * locals); res.locals.x = v and Koa's ctx.state.x = v before the render)
 * to the view file's unescaped outputs of those names (template.h).
 *
 * A taint rule with `render-views: true` (docs/taint.md) has its sinks at
 * the locals of a render call; match.c hands each sink it reaches here,
 * and what is reported is the view's output, with the path through the
 * render call.
 *
 * Which of the locals are tainted: for an object literal (or a variable
 * declared with one along the path), the properties whose value holds a
 * step of the path or is a name a step outside the literal mentions; when
 * the path names none, every property whose value is not a literal; a
 * spread holding a step, or any other expression (req.query itself): every
 * name (but a constant property after the spread, in an output of it
 * alone). A sink at one property's value of a locals literal (the rule
 * makes each property a sink, so each tainted local has its own path) is
 * read as that literal.
 *
 * Which view: the render call's first argument, a string, resolved as the
 * frameworks do: under the directories the input's code sets
 * (app.set('views', ...), koa-views' views(dir, ...), point-of-view's
 * root: ...), then views/, then anywhere (several apps in one input: the
 * settings of the route's own app, those set in a file whose directory
 * holds the route's file, the nearest first; of several matching views the
 * nearest to the route); with the extension the name
 * has, else the engine's (app.set('view engine', ...), extension:,
 * viewExt:, engine: { name: ... }), else any template extension. An
 * .html view is read as EJS, Handlebars and Nunjucks (swig) alike: the
 * engine an app maps to html renders it. The render call may sit in
 * another module the route calls (a controller, a `renderPage(res, 'view',
 * data)` helper): a view name or locals that are parameters of the
 * function around the render call are read from the arguments of the call
 * that passed the path in (one call deep). A view name that is not a
 * string there or a view not in the input is not followed.
 *
 * Ownership: a pv_render belongs to one matcher for one input; the files
 * and the tree are borrowed. */
#ifndef PV_RENDER_H
#define PV_RENDER_H

#include <tree_sitter/api.h>

#include "result.h"
#include "taint/taint.h"
#include "template.h"

enum {
  PV_RENDER_FOLLOW_MAX = 1024, /* sinks followed into views per input; more: not followed */
  PV_RENDER_OUTS_MAX = 4096,   /* unescaped outputs read per view */
  PV_RENDER_ALIASES_MAX = 64,  /* aliases read per view (template.h); more: not followed */
};

typedef struct pv_render pv_render;

/* A new follower for input r (its view settings are read at the first
 * follow); NULL on OOM. */
pv_render *pv_render_new(const pv_result *r);
void pv_render_delete(pv_render *v);

/* One unescaped output of a view reached: the view file, the output, the
 * render call in the route file and the name read. */
typedef struct {
  const pv_file *view;
  pv_tpl_out out;
  const pv_file *route; /* the file of the render call */
  uint32_t call_s, call_e;
  const char *name; /* "*": the whole locals object is tainted */
} pv_render_hit;

/* Called per output reached; non-zero stops (and is returned). */
typedef int (*pv_render_fn)(void *ctx, const pv_render_hit *h);

/* Follow the sink [s, e) of file f reached by the path steps[0..n) into
 * the view its render call names. home is the module analysed (the file
 * of the steps that name none) and home_tree its tree; f is home or a
 * module it calls into (parsed here, a few trees kept). Returns 0, the
 * callback's non-zero return (-1 on OOM), or PV_RENDER_CUT when a cap
 * above left part of the work undone (the caller notes it). */
enum { PV_RENDER_CUT = 2 };
int pv_render_follow(pv_render *v, const pv_file *home, const TSTree *home_tree, const pv_file *f,
                     uint32_t s, uint32_t e, const pv_taint_step *steps, uint32_t n,
                     pv_render_fn fn, void *ctx);

#endif
