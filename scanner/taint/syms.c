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
    if (L == NULL) continue;
    TSSymbol fn_expr = sym(L, "function_expression"), field_def = sym(L, "field_definition");
    ts_syms[l] = (pv_syms_ts){
        sym(L, "identifier"), sym(L, "this"), sym(L, "member_expression"),
        sym(L, "subscript_expression"), sym(L, "call_expression"), sym(L, "new_expression"),
        sym(L, "assignment_expression"), sym(L, "augmented_assignment_expression"),
        sym(L, "ternary_expression"), sym(L, "unary_expression"), sym(L, "update_expression"),
        sym(L, "binary_expression"), sym(L, "string"), sym(L, "number"), sym(L, "regex"),
        sym(L, "true"), sym(L, "false"), sym(L, "null"), sym(L, "undefined"),
        sym(L, "function_declaration"), fn_expr ? fn_expr : sym(L, "function"),
        sym(L, "arrow_function"), sym(L, "method_definition"),
        sym(L, "generator_function_declaration"), sym(L, "generator_function"),
        sym(L, "statement_block"), sym(L, "lexical_declaration"), sym(L, "variable_declaration"),
        sym(L, "variable_declarator"), sym(L, "if_statement"), sym(L, "for_statement"),
        sym(L, "for_in_statement"), sym(L, "while_statement"), sym(L, "do_statement"),
        sym(L, "return_statement"), sym(L, "try_statement"), sym(L, "switch_statement"),
        sym(L, "expression_statement"), sym(L, "throw_statement"), sym(L, "comment"),
        sym(L, "parenthesized_expression"), sym(L, "object_pattern"), sym(L, "array_pattern"),
        sym(L, "shorthand_property_identifier_pattern"), sym(L, "assignment_pattern"),
        sym(L, "rest_pattern"), sym(L, "object"), sym(L, "pair"), sym(L, "property_identifier"),
        sym(L, "shorthand_property_identifier"), sym(L, "export_statement"),
        sym(L, "export_clause"), sym(L, "import_statement"), sym(L, "import_clause"),
        sym(L, "namespace_import"), sym(L, "named_imports"), sym(L, "pair_pattern"),
        sym(L, "catch_clause"), sym(L, "class_body"), sym(L, "template_string"),
        sym(L, "class_declaration"), sym(L, "class"),
        field_def ? field_def : sym(L, "public_field_definition"), sym(L, "class_heritage"),
        sym(L, "super")};
  }
}

const pv_syms_ts *pv_syms_ts_for(pv_lang l) {
  if ((unsigned)l >= PV_LANG_COUNT) return NULL;
  pthread_once(&ts_once, fill);
  return ts_syms[l].ident ? &ts_syms[l] : NULL;
}
