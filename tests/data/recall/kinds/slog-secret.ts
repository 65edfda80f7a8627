export function boot(env: { CLIENT_SECRET: string }) {
  const clientSecret = env.CLIENT_SECRET;
  console.log(`using client secret ${clientSecret}`);
}
