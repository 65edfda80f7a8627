/* findings.c — verify's failed checks as findings (findings.h). */
#include "findings.h"

#include <string.h>

#define CWE_SIG "CWE-347: Improper Verification of Cryptographic Signature"

static const pv_rule_meta rule_unsigned = PV_BUILTIN_RULE(
    "verify.unsigned", PV_SEV_MEDIUM, "high", NULL, "The plugin carries no signature.",
    "No publisher signature (FILE.minisig or FILE.sig) or no registry signature for the version: "
    "nothing ties the bytes to their publisher.",
    CWE_SIG);
static const pv_rule_meta rule_reg_unsigned = PV_BUILTIN_RULE(
    "verify.registry-unsigned", PV_SEV_LOW, "high", NULL,
    "The registry has no signature for this version.",
    "The packument gives no registry signature (dist.signatures) for the version: published "
    "before the registry signed, or served by a mirror that strips signatures.",
    CWE_SIG);
static const pv_rule_meta rule_invalid = PV_BUILTIN_RULE(
    "verify.signature-invalid", PV_SEV_CRITICAL, "high", NULL,
    "The plugin's signature does not verify.",
    "A signature by a known key does not match the file (or a minisign trusted comment was "
    "altered): the file or the signature was changed after signing.",
    CWE_SIG);
static const pv_rule_meta rule_key = PV_BUILTIN_RULE(
    "verify.untrusted-key", PV_SEV_HIGH, "high", NULL,
    "The plugin is signed by a key that is not trusted.",
    "The signature was made with a key that is not among the trusted keys, another key than the "
    "one required, or a registry key that had expired when the version was published.",
    CWE_SIG);
static const pv_rule_meta rule_integrity = PV_BUILTIN_RULE(
    "verify.integrity-mismatch", PV_SEV_CRITICAL, "high", NULL,
    "The tarball is not what the registry published.",
    "The tarball's sha512 is not the dist.integrity of the version in its packument.",
    "CWE-354: Improper Validation of Integrity Check Value");
static const pv_rule_meta rule_malformed = PV_BUILTIN_RULE(
    "verify.malformed", PV_SEV_HIGH, "high", NULL, "The plugin's signature file is malformed.",
    "The signature next to the plugin is not a minisign or signify signature.", CWE_SIG);

static const pv_rule_meta *rule_for(const char *check, const char *result) {
  if (!strcmp(check, "integrity"))
    return &rule_integrity;
  if (!strcmp(result, "unsigned"))
    return strcmp(check, "registry-signature") ? &rule_unsigned : &rule_reg_unsigned;
  if (!strcmp(result, "malformed"))
    return &rule_malformed;
  if (!strcmp(result, "bad-signature") || !strcmp(result, "bad-trusted-comment"))
    return &rule_invalid;
  return &rule_key; /* unknown-key, keyid-mismatch, expired-key */
}

pv_status pv_verify_finding(pv_result *r, const char *check, const char *result, const char *reason,
                            const pv_limits *lim) {
  const pv_rule_meta *rule = rule_for(check, result);
  pv_finding f = {.rule = rule, .severity = rule->severity, .path = r->input};
  f.message = pv_arena_printf(r->arena, "%s %s: %s", check, result, reason);
  f.start = (pv_pos){1, 1, 0};
  f.end = f.start;
  size_t dropped = r->findings_dropped;
  if (f.message == NULL ||
      (pv_result_add_finding(r, &f, lim) == NULL && r->findings_dropped == dropped))
    return PV_FATAL;
  return PV_OK;
}
