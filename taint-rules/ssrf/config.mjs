// Builds an object with one tainted field (name) and one constant field (endpoint).
export function configFrom(body) {
  return { name: body.name, endpoint: 'https://sync.example.com/v1' };
}
