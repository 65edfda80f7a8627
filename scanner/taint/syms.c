/* syms.c — the grammar symbols the taint engine looks at, one table per
 * language, made once (pv_syms_ts_for, taint.h). */
#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#include "../parse.h"
#include "taint.h"

/* ---- Grammar symbols ------------------------------------------------------ */

static pv_syms_ts ts_syms[PV_LANG_COUNT];
static pthread_once_t ts_once = PTHREAD_ONCE_INIT;

static TSSymbol sym(const TSLanguage *L, const char *name) {
  return ts_language_symbol_for_name(L, name, (uint32_t)strlen(name), true);
}

static void fill(void) {
  for (pv_lang l = 0; l < PV_LANG_COUNT; l++) {
    const TSLanguage *L = l == PV_LANG_JSON || l == PV_LANG_NONE ? NULL : pv_language(l);
    if (L == NULL)
      continue;
    TSSymbol fn_expr = sym(L, "function_expression"), field_def = sym(L, "field_definition");
    ts_syms[l] = (pv_syms_ts){
        .ident = sym(L, "identifier"),
        .this_ = sym(L, "this"),
        .member = sym(L, "member_expression"),
        .subscript = sym(L, "subscript_expression"),
        .call = sym(L, "call_expression"),
        .await_ = sym(L, "await_expression"),
        .new_ = sym(L, "new_expression"),
        .assign = sym(L, "assignment_expression"),
        .aug_assign = sym(L, "augmented_assignment_expression"),
        .ternary = sym(L, "ternary_expression"),
        .unary = sym(L, "unary_expression"),
        .update = sym(L, "update_expression"),
        .binary = sym(L, "binary_expression"),
        .string = sym(L, "string"),
        .number = sym(L, "number"),
        .regex = sym(L, "regex"),
        .true_ = sym(L, "true"),
        .false_ = sym(L, "false"),
        .null_ = sym(L, "null"),
        .undefined = sym(L, "undefined"),
        .fn_decl = sym(L, "function_declaration"),
        .fn_expr = fn_expr ? fn_expr : sym(L, "function"),
        .arrow = sym(L, "arrow_function"),
        .method = sym(L, "method_definition"),
        .gen_decl = sym(L, "generator_function_declaration"),
        .gen_expr = sym(L, "generator_function"),
        .block = sym(L, "statement_block"),
        .lexdecl = sym(L, "lexical_declaration"),
        .vardecl = sym(L, "variable_declaration"),
        .vdecl = sym(L, "variable_declarator"),
        .if_ = sym(L, "if_statement"),
        .for_ = sym(L, "for_statement"),
        .for_in = sym(L, "for_in_statement"),
        .while_ = sym(L, "while_statement"),
        .do_ = sym(L, "do_statement"),
        .return_ = sym(L, "return_statement"),
        .try_ = sym(L, "try_statement"),
        .switch_ = sym(L, "switch_statement"),
        .expr_stmt = sym(L, "expression_statement"),
        .throw_ = sym(L, "throw_statement"),
        .comment = sym(L, "comment"),
        .paren = sym(L, "parenthesized_expression"),
        .objpat = sym(L, "object_pattern"),
        .arrpat = sym(L, "array_pattern"),
        .sprop_pat = sym(L, "shorthand_property_identifier_pattern"),
        .assign_pat = sym(L, "assignment_pattern"),
        .rest_pat = sym(L, "rest_pattern"),
        .object = sym(L, "object"),
        .pair = sym(L, "pair"),
        .prop = sym(L, "property_identifier"),
        .sprop = sym(L, "shorthand_property_identifier"),
        .export_stmt = sym(L, "export_statement"),
        .export_clause = sym(L, "export_clause"),
        .import_stmt = sym(L, "import_statement"),
        .import_clause = sym(L, "import_clause"),
        .ns_import = sym(L, "namespace_import"),
        .named_imports = sym(L, "named_imports"),
        .pairpat = sym(L, "pair_pattern"),
        .catch_ = sym(L, "catch_clause"),
        .class_body = sym(L, "class_body"),
        .template = sym(L, "template_string"),
        .class_decl = sym(L, "class_declaration"),
        .class_ = sym(L, "class"),
        .field_def = field_def ? field_def : sym(L, "public_field_definition"),
        .heritage = sym(L, "class_heritage"),
        .super_ = sym(L, "super"),
    };
  }
}

const pv_syms_ts *pv_syms_ts_for(pv_lang l) {
  if ((unsigned)l >= PV_LANG_COUNT)
    return NULL;
  pthread_once(&ts_once, fill);
  return ts_syms[l].ident ? &ts_syms[l] : NULL;
}
