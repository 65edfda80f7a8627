export function quoteShellArg(arg) {
  return "'" + arg.replace("'", "'\\''") + "'";
}
