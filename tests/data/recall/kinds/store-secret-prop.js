export function saveSettings(settings) {
  sessionStorage.clientSecret = settings.clientSecret;
  sessionStorage.region = settings.region;
}
