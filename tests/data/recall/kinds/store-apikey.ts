export function rememberKey(apiKey: string): void {
  window.localStorage.setItem('openai_api_key', apiKey);
}
