export function makeFilter(body) {
  return new Function('row', body);
}
