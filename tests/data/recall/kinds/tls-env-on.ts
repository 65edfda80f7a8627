if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
  console.warn('TLS verification is disabled by the environment');
}
export {};
